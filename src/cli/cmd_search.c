/* medcode search QUERY: ranked codes for a natural-language query. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "medcode/search.h"
#include "medcode/store.h"

enum { OPT_JSON = 256, OPT_SYSTEM, OPT_LIMIT, OPT_EXPLAIN, OPT_PREFIX };

static const cli_opt opts[] = {
	{ "system", OPT_SYSTEM, true, "LIST", "only these systems, comma-separated: icd10cm, hcpcs, cpt, modifier, taxonomy" },
	{ "limit", OPT_LIMIT, true, "N", "at most N results (1-100, default 10)" },
	{ "explain", OPT_EXPLAIN, false, NULL, "say why each code matched" },
	{ "prefix", OPT_PREFIX, false, NULL, "type-ahead: the last word is a prefix" },
	{ "json", OPT_JSON, false, NULL, "print JSON" },
	{ NULL, 0, false, NULL, NULL }
};

typedef struct args {
	bool json;
	mc_search_opts o;
	const cli_cmd *cmd;
} args;

static int on_opt(int key, const char *val, void *p)
{
	args *a = p;
	switch (key) {
	case OPT_JSON: a->json = true; break;
	case OPT_EXPLAIN: a->o.explain = true; break;
	case OPT_PREFIX: a->o.prefix = true; break;
	case OPT_LIMIT: {
		char *end = NULL;
		long n = strtol(val, &end, 10);
		if (!*val || *end || n < 1 || n > 100)
			return cli_fail(a->cmd, CLI_USAGE, "bad --limit '%s' (a number from 1 to 100)", val);
		a->o.limit = (size_t)n;
		break;
	}
	case OPT_SYSTEM: {
		const char *s = val;
		while (*s) {
			const char *e = strchr(s, ',');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			char name[32];
			if (n == 0 || n >= sizeof(name))
				return cli_fail(a->cmd, CLI_USAGE, "bad --system '%s' (icd10cm, hcpcs, cpt, modifier, taxonomy)", val);
			memcpy(name, s, n);
			name[n] = '\0';
			mc_system sys = mc_system_from_name(name);
			if (sys == MC_SYS_NONE)
				return cli_fail(a->cmd, CLI_USAGE, "unknown system '%s' (icd10cm, hcpcs, cpt, modifier, taxonomy)", name);
			a->o.systems |= MC_SEARCH_SYS(sys);
			s += n;
			if (*s == ',')
				s++;
		}
		break;
	}
	default: break;
	}
	return 0;
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	args a = { .cmd = ctx->cmd };
	int code;
	int first = cli_parse(ctx->cmd, argc, argv, on_opt, &a, &code);
	if (first < 0)
		return code;
	if (first >= argc)
		return cli_fail(ctx->cmd, CLI_USAGE, "no QUERY given (see 'medcode search --help')");
	/* the operands are one query: `medcode search heart attack` works too */
	size_t len = 0;
	for (int i = first; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *query = malloc(len + 1);
	if (!query)
		return cli_fail(ctx->cmd, CLI_USAGE, "out of memory");
	query[0] = '\0';
	size_t at = 0;
	for (int i = first; i < argc; i++) {
		size_t n = strlen(argv[i]);
		if (at)
			query[at++] = ' ';
		memcpy(query + at, argv[i], n);
		at += n;
		query[at] = '\0';
	}
	mc_error err;
	mc_error_clear(&err);
	mc_store *s = NULL;
	mc_searcher *q = NULL;
	mc_search_result r;
	memset(&r, 0, sizeof(r));
	int exit_code = CLI_OK;
	if (mc_store_open(&s, ctx->db_path, MC_STORE_READ, &err) < 0 || mc_searcher_new(&q, s, &err) < 0) {
		exit_code = cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
		goto done;
	}
	if (mc_search(q, query, &a.o, &r, &err) < 0) {
		exit_code = cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
		goto done;
	}
	if (!r.n)
		exit_code = CLI_FINDING;
	if (a.json) {
		json_t *j = mc_json_search(&r);
		if (!j) {
			exit_code = cli_fail(ctx->cmd, CLI_USAGE, "out of memory");
			goto done;
		}
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
		fputc('\n', stdout);
		json_decref(j);
	} else {
		if (!r.n)
			printf("no codes match '%s'\n", r.query);
		if (a.o.explain && r.interpreted && *r.interpreted)
			printf("searched: %s\n", r.interpreted);
		for (size_t i = 0; i < r.n; i++) {
			const mc_search_hit *h = &r.hits[i];
			printf("%-9s %-10s %s%s\n", h->system, h->code, h->title,
			       strcmp(h->system, "icd10cm") == 0 && !h->billable ? "  (header, not billable)" : "");
			if (h->why)
				printf("%21s score %.3f: %s\n", "", h->score, h->why);
		}
	}
done:
	mc_search_result_release(&r);
	mc_searcher_free(q);
	mc_store_free(s);
	free(query);
	return exit_code;
}

const cli_cmd cli_cmd_search = {
	"search", "QUERY", "ranked codes for a natural-language query",
	"Search every code system at once with words, codes or both: questions (\"what is the\n"
	"icd 10 code for heart attack\"), lay words, abbreviations (CHF, DM2 w/ neuropathy),\n"
	"typos (pnuemonia), codes with or without dots (E1152), ranges (77001-77003) and\n"
	"prefixes (E11.5*).  Words naming a system (icd 10, cpt, hcpcs, modifier, taxonomy)\n"
	"narrow the search to it.  Exit 1 when nothing matches.",
	opts, run
};
