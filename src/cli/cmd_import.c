/* medcode import [PATH...]: load official release files into the store. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "medcode/import.h"
#include "medcode/ingest.h"
#include "medcode/search.h"
#include "medcode/store.h"

enum { OPT_FORCE = 256, OPT_QUIET };

static const cli_opt opts[] = {
	{ "force", OPT_FORCE, false, NULL, "re-import releases whose files were imported before" },
	{ "quiet", OPT_QUIET, false, NULL, "no progress or summary" },
	{ NULL, 0, false, NULL, NULL }
};

typedef struct args {
	bool force, quiet;
} args;

static int on_opt(int key, const char *val, void *p)
{
	(void)val;
	args *a = p;
	if (key == OPT_FORCE)
		a->force = true;
	else if (key == OPT_QUIET)
		a->quiet = true;
	return 0;
}

typedef struct progress {
	bool tty;
	bool quiet;
} progress;

static void on_progress(const mc_import_event *ev, void *payload)
{
	progress *p = payload;
	if (p->quiet)
		return;
	switch (ev->phase) {
	case MC_IMPORT_GROUP_START:
		fprintf(stderr, "%simporting %s\n", p->tty ? "\r\033[K" : "", ev->label);
		break;
	case MC_IMPORT_GROUP_SKIPPED:
		fprintf(stderr, "%s%s is up to date\n", p->tty ? "\r\033[K" : "", ev->label);
		break;
	case MC_IMPORT_RECORDS:
		if (p->tty)
			fprintf(stderr, "\r\033[K  %s (%s): %zu records", ev->file, ev->format, ev->records);
		break;
	case MC_IMPORT_FILE_DONE:
		fprintf(stderr, "%s  %s (%s): %zu records\n", p->tty ? "\r\033[K" : "",
			ev->file, ev->format, ev->records);
		break;
	default:
		break;
	}
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	args a = { 0 };
	int code;
	int first = cli_parse(ctx->cmd, argc, argv, on_opt, &a, &code);
	if (first < 0)
		return code;
	const char *def[1];
	const char *const *paths = (const char *const *)argv + first;
	size_t n = (size_t)(argc - first);
	if (n == 0) {
		def[0] = getenv("MEDCODE_DATA");
		if (!def[0] || !*def[0])
			return cli_fail(ctx->cmd, CLI_USAGE, "no PATH given and MEDCODE_DATA is not set");
		paths = def;
		n = 1;
	}
	mc_error err;
	mc_error_clear(&err);
	mc_store *s = NULL;
	int rc = mc_store_open(&s, ctx->db_path, MC_STORE_WRITE, &err);
	if (rc < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	progress p = { cli_stderr_tty(), a.quiet };
	mc_import_opts o = { a.force, on_progress, &p };
	mc_import_summary sum;
	double t0 = now_s();
	rc = mc_import_paths(s, paths, n, &o, &sum, &err);
	/* The search index follows the store. */
	if (rc == 0 && (sum.groups || a.force)) {
		if (!a.quiet)
			fprintf(stderr, "building the search index\n");
		rc = mc_search_build(s, &err);
	}
	double dt = now_s() - t0;
	mc_store_free(s);
	if (rc < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	if (!a.quiet)
		printf("imported %zu release group(s) from %zu file(s), %zu records, in %.1f s;"
		       " %zu group(s) up to date; %zu file(s) skipped as not official formats\n",
		       sum.groups, sum.files, sum.records, dt, sum.skipped_groups, sum.skipped_files);
	return CLI_OK;
}

static const char description[] =
	"Import every official release file found under the PATHs (files, directories or zip\n"
	"archives; default $MEDCODE_DATA). Each file's format is detected from its content.\n"
	"Files of one release are imported in one transaction: bad input leaves the store as\n"
	"it was and names the file and line. Releases already imported (same sha256) are\n"
	"skipped. Progress goes to stderr; a summary to stdout.\n\n"
	"formats:\n"
	"  icd10cm_order icd10cm_tabular icd10cm_index icd10cm_table icd10cm_hierarchy\n"
	"  hcpcs_xlsx hcpcs_txt rvu_csv rvu_txt nucc_csv mue_csv mue_tsv aoc_xlsx\n"
	"  ptp_txt ptp_xlsx cpt_ama cpt_consumer codelist";

const cli_cmd cli_cmd_import = {
	"import", "[PATH...]", "import official release files into the store",
	description, opts, run
};
