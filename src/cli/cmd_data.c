/* `medcode data fetch [--to DIR] [--only ID,...] [--list] [--force]`:
 * download the official public release files into DIR, verified. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "medcode/fetch.h"

enum { OPT_TO = 't', OPT_ONLY = 'o', OPT_LIST = 'l', OPT_FORCE = 'f' };

static const cli_opt opts[] = {
	{ "to", OPT_TO, true, "DIR", "download into DIR (default: $MEDCODE_DATA, else ./medcode-data)" },
	{ "only", OPT_ONLY, true, "ID,...", "fetch only these downloads (see --list)" },
	{ "list", OPT_LIST, false, NULL, "list the downloads and exit" },
	{ "force", OPT_FORCE, false, NULL, "download again even when a file is present and verified" },
	{ NULL, 0, false, NULL, NULL }
};

typedef struct args {
	const char *to;
	const char *only;
	bool list;
	bool force;
} args;

static int on_opt(int key, const char *arg, void *payload)
{
	args *a = payload;
	switch (key) {
	case OPT_TO: a->to = arg; break;
	case OPT_ONLY: a->only = arg; break;
	case OPT_LIST: a->list = true; break;
	case OPT_FORCE: a->force = true; break;
	default: return CLI_USAGE;
	}
	return 0;
}

static const char *checks(const mc_fetch_entry *e)
{
	if (e->sha256)
		return "sha256";
	if (e->members[0].name)
		return "members";
	return "recorded";
}

static void list(void)
{
	size_t n;
	const mc_fetch_entry *cat = mc_fetch_catalogue(&n);
	printf("%-22s %-9s %-28s %-9s %s\n", "ID", "DATASET", "RELEASE", "CHECK", "URL");
	for (size_t i = 0; i < n; i++)
		printf("%-22s %-9s %-28s %-9s %s\n", cat[i].id, cat[i].dataset, cat[i].release,
		       checks(&cat[i]), cat[i].url);
}

/* Progress on stderr (only when it is a terminal): one line per download,
 * rewritten in place. */
typedef struct progress {
	const mc_fetch_entry *entry;
	uint64_t shown;
} progress;

static int on_progress(const mc_fetch_entry *e, uint64_t now, uint64_t total, void *payload)
{
	progress *p = payload;
	if (p->entry == e && now < p->shown + (256u << 10) && now != total)
		return 0;
	p->entry = e;
	p->shown = now;
	double mib = 1024.0 * 1024.0;
	if (total)
		fprintf(stderr, "\r%-22s %8.1f of %.1f MiB", e->id, (double)now / mib, (double)total / mib);
	else
		fprintf(stderr, "\r%-22s %8.1f MiB", e->id, (double)now / mib);
	fflush(stderr);
	return 0;
}

/* Split "a,b,c" into catalogue entries; *out is malloc'd. */
static int parse_only(const cli_cmd *cmd, const char *spec, const mc_fetch_entry ***out, size_t *n)
{
	size_t count;
	mc_fetch_catalogue(&count);
	size_t cap = 1;
	for (const char *s = spec; *s; s++)
		cap += *s == ',';
	const mc_fetch_entry **v = calloc(cap, sizeof(*v));
	if (!v)
		return cli_fail(cmd, CLI_USAGE, "out of memory");
	size_t k = 0;
	const char *p = spec;
	for (;;) {
		const char *q = strchr(p, ',');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		if (len > 0) {
			char id[64];
			const mc_fetch_entry *e = NULL;
			if (len < sizeof(id)) {
				memcpy(id, p, len);
				id[len] = '\0';
				e = mc_fetch_find(id);
			}
			if (!e) {
				free(v);
				return cli_fail(cmd, CLI_USAGE, "unknown download '%.*s' (see 'medcode data fetch --list')",
						(int)(len < 64 ? len : 64), p);
			}
			v[k++] = e;
		}
		if (!q)
			break;
		p = q + 1;
	}
	if (k == 0) {
		free(v);
		return cli_fail(cmd, CLI_USAGE, "--only needs at least one id");
	}
	*out = v;
	*n = k;
	return 0;
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = ctx->cmd;
	args a = { NULL, NULL, false, false };
	const mc_fetch_entry **only = NULL;
	int code;
	int first = cli_parse(cmd, argc, argv, on_opt, &a, &code);
	if (first < 0)
		return code;
	if (first >= argc)
		return cli_fail(cmd, CLI_USAGE, "missing subcommand (see 'medcode data --help')");
	if (strcmp(argv[first], "fetch") != 0)
		return cli_fail(cmd, CLI_USAGE, "unknown subcommand '%s' (see 'medcode data --help')", argv[first]);
	if (first + 1 < argc)
		return cli_fail(cmd, CLI_USAGE, "unexpected argument '%s'", argv[first + 1]);
	if (a.list) {
		list();
		return CLI_OK;
	}

	const char *dir = a.to;
	if (!dir || !*dir) {
		const char *env = getenv("MEDCODE_DATA");
		dir = env && *env ? env : "./medcode-data";
	}
	size_t n;
	const mc_fetch_entry *cat = mc_fetch_catalogue(&n);
	if (a.only) {
		code = parse_only(cmd, a.only, &only, &n);
		if (code != 0)
			return code;
	}

	mc_fetch_opts o;
	mc_fetch_opts_init(&o);
	o.base_url = getenv("MEDCODE_FETCH_BASE_URL");
	o.force = a.force;
	progress prog = { NULL, 0 };
	if (cli_stderr_tty()) {
		o.progress = on_progress;
		o.payload = &prog;
	}

	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		const mc_fetch_entry *e = only ? only[i] : &cat[i];
		mc_fetch_result r;
		mc_error err;
		mc_error_clear(&err);
		prog.entry = NULL;
		int rc = mc_fetch_one(&r, e, dir, &o, &err);
		if (o.progress && prog.entry)
			fputs("\r\033[K", stderr);
		if (rc < 0) {
			cli_fail(cmd, CLI_USAGE, "%s", err.msg);
			failed++;
			continue;
		}
		printf("%-9s %s  %s/%s\n",
		       r.skipped ? "present" : r.verified ? "verified" : "recorded",
		       r.sha256, dir, e->file);
	}
	free(only);
	fflush(stdout);
	return failed ? CLI_USAGE : CLI_OK;
}

const cli_cmd cli_cmd_data = {
	"data", "fetch",
	"download the official public release files",
	"Download the official public release files (CMS ICD-10-CM, HCPCS, PFS RVU,\n"
	"NCCI add-on code, PTP and MUE files; the NUCC taxonomy) into DIR and verify\n"
	"them: against the sha256 of a known copy where there is one (of the file or\n"
	"of named zip members), else against DIR/SHA256SUMS from an earlier fetch.\n"
	"A file is stored only after it passed; each fetch records its sha256 in\n"
	"DIR/SHA256SUMS. A file already present and verified is not downloaded again\n"
	"unless --force. $MEDCODE_FETCH_BASE_URL replaces scheme and host of every\n"
	"URL (a mirror, or a test server). Exit 0 when every file was fetched, 2 on\n"
	"bad usage or when a download or checksum failed.",
	opts, run
};
