/* medcode detect: ICD-10-CM diagnoses in clinical text, stdin to stdout.
 *
 * Plain text: the whole input is one document, read in pieces cut at line
 * ends (at most 64 KiB each) so memory stays bounded; a human listing of
 * the mentions and the document's codes follows the end of input.
 * --jsonl: one {"id","text"} per line in, one {"id","entities","codes"}
 * per line out (DESIGN.md).  Input text is never logged. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "medcode/detect.h"
#include "medcode/store.h"

enum { OPT_JSONL = 256, OPT_ALL, OPT_EXPLAIN, OPT_DATE, OPT_STATS, OPT_MAXCODES };

static const cli_opt opts[] = {
	{ "jsonl", OPT_JSONL, false, NULL, "read and write JSON lines: {\"id\",\"text\"} in, {\"id\",\"entities\",\"codes\"} out" },
	{ "all-mentions", OPT_ALL, false, NULL, "the document's codes include negated, hypothetical and family mentions (corpora coded that way)" },
	{ "explain", OPT_EXPLAIN, false, NULL, "say per mention which dictionary term and which cues decided it" },
	{ "date", OPT_DATE, true, "YYYY-MM-DD", "use the ICD-10-CM release in force on this date (default today)" },
	{ "stats", OPT_STATS, false, NULL, "print dictionary size and load time to stderr" },
	{ NULL, 0, false, NULL, NULL }
};

typedef struct args {
	const cli_cmd *cmd;
	bool jsonl, stats;
	const char *date;
	mc_detect_opts o;
} args;

static int on_opt(int key, const char *val, void *p)
{
	args *a = p;
	switch (key) {
	case OPT_JSONL: a->jsonl = true; break;
	case OPT_ALL: a->o.all_mentions = true; break;
	case OPT_EXPLAIN: a->o.explain = true; break;
	case OPT_DATE: a->date = val; break;
	case OPT_STATS: a->stats = true; break;
	default: break;
	}
	return 0;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_human(const mc_detect_result *r, bool explain)
{
	for (size_t i = 0; i < r->n; i++) {
		const mc_detect_entity *e = &r->entities[i];
		printf("%zu-%zu\t", e->start, e->end);
		for (const char *p = e->text; *p; p++)
			putchar(*p == '\n' || *p == '\t' ? ' ' : *p);
		printf("\t");
		bool any = false;
		for (unsigned b = 1; b <= MC_DT_UNCERTAIN; b <<= 1)
			if (e->traits & b) {
				printf("%s%s", any ? "," : "", mc_detect_trait_name(b));
				any = true;
			}
		if (!any)
			printf("-");
		for (size_t k = 0; k < e->ncodes; k++)
			printf("%s%s %.2f %s", k ? " | " : "\t", e->codes[k].code, e->codes[k].score,
			       k == 0 && e->codes[k].title ? e->codes[k].title : "");
		printf("\n");
		if (explain && e->explain)
			printf("\t%s\n", e->explain);
	}
	printf("codes:");
	for (size_t i = 0; i < r->ncodes; i++)
		printf(" %s", r->codes[i].code);
	printf("\n");
}

enum { PIECE = 64 << 10, LINE_MAX_BYTES = 64 << 20 };

static int run_text(const cli_cmd *cmd, mc_detect *d, const args *a)
{
	mc_error err;
	mc_error_clear(&err);
	mc_detect_doc *doc = NULL;
	if (mc_detect_doc_new(&doc, d, &a->o, &err) < 0)
		return cli_fail(cmd, CLI_USAGE, "%s", err.msg);
	char *buf = malloc(PIECE);
	if (!buf) {
		mc_detect_doc_free(doc);
		return cli_fail(cmd, CLI_USAGE, "out of memory");
	}
	size_t have = 0;
	int rc = 0;
	for (;;) {
		size_t got = fread(buf + have, 1, PIECE - have, stdin);
		have += got;
		bool eof = got == 0 || feof(stdin);
		if (have == 0 && eof)
			break;
		/* cut after the last line end (else a space, else a UTF-8 boundary) */
		size_t cut = have;
		if (!eof) {
			size_t k = have;
			while (k > 0 && buf[k - 1] != '\n')
				k--;
			if (k == 0) {
				k = have;
				while (k > 0 && buf[k - 1] != ' ')
					k--;
			}
			if (k == 0) {
				k = have;
				while (k > 1 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
					k--;
				if (k > 0 && (unsigned char)buf[k - 1] >= 0xC0)
					k--;
				if (k == 0)
					k = have;
			}
			cut = k;
		}
		if (mc_detect_feed(doc, buf, cut, &err) < 0) {
			rc = cli_fail(cmd, CLI_USAGE, "%s", err.msg);
			break;
		}
		memmove(buf, buf + cut, have - cut);
		have -= cut;
		if (eof && have == 0)
			break;
	}
	free(buf);
	mc_detect_result res;
	if (rc == 0) {
		if (mc_detect_finish(doc, &res, &err) < 0)
			rc = cli_fail(cmd, CLI_USAGE, "%s", err.msg);
		else {
			print_human(&res, a->o.explain);
			mc_detect_result_release(&res);
		}
	}
	mc_detect_doc_free(doc);
	return rc;
}

static int run_jsonl(const cli_cmd *cmd, mc_detect *d, const args *a)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		if ((size_t)n > LINE_MAX_BYTES) {
			rc = cli_fail(cmd, CLI_USAGE, "stdin:%zu: line longer than %d bytes", lineno, LINE_MAX_BYTES);
			break;
		}
		size_t len = (size_t)n;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
			len--;
		if (!len)
			continue;
		json_error_t jerr;
		json_t *in = json_loadb(line, len, 0, &jerr);
		json_t *jt = in ? json_object_get(in, "text") : NULL;
		if (!in || !json_is_object(in) || !json_is_string(jt)) {
			json_decref(in);
			rc = cli_fail(cmd, CLI_USAGE, "stdin:%zu: expected a JSON object {\"id\", \"text\"}", lineno);
			break;
		}
		mc_error err;
		mc_error_clear(&err);
		mc_detect_result res;
		if (mc_detect_text(d, json_string_value(jt), json_string_length(jt), &a->o, &res, &err) < 0) {
			json_decref(in);
			rc = cli_fail(cmd, CLI_USAGE, "stdin:%zu: %s", lineno, err.msg);
			break;
		}
		json_t *o = mc_json_detect(&res, json_object_get(in, "id"), a->o.explain);
		mc_detect_result_release(&res);
		json_decref(in);
		if (!o) {
			rc = cli_fail(cmd, CLI_USAGE, "out of memory");
			break;
		}
		int w = json_dumpf(o, stdout, JSON_COMPACT);
		json_decref(o);
		if (w < 0 || fputc('\n', stdout) == EOF) {
			rc = cli_fail(cmd, CLI_USAGE, "cannot write to stdout");
			break;
		}
	}
	free(line);
	return rc;
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	args a;
	memset(&a, 0, sizeof(a));
	a.cmd = ctx->cmd;
	int code;
	int first = cli_parse(ctx->cmd, argc, argv, on_opt, &a, &code);
	if (first < 0)
		return code;
	if (first < argc)
		return cli_fail(ctx->cmd, CLI_USAGE, "unexpected argument '%s' (the text comes on stdin)", argv[first]);
	mc_error err;
	mc_error_clear(&err);
	mc_store *st = NULL;
	if (mc_store_open(&st, ctx->db_path, MC_STORE_READ, &err) < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	double t0 = now_s();
	mc_detect *d = NULL;
	int rc = mc_detect_new(&d, st, a.date, &err);
	mc_store_free(st);
	if (rc < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	if (a.stats) {
		size_t terms, stems, bytes;
		mc_detect_stats(d, &terms, &stems, &bytes);
		fprintf(stderr, "detect: dictionary of %zu terms, %zu stems, %.1f MB, loaded in %.2f s\n", terms,
			stems, (double)bytes / 1e6, now_s() - t0);
	}
	rc = a.jsonl ? run_jsonl(ctx->cmd, d, &a) : run_text(ctx->cmd, d, &a);
	mc_detect_free(d);
	if (fflush(stdout) != 0 && rc == 0)
		rc = cli_fail(ctx->cmd, CLI_USAGE, "cannot write to stdout");
	return rc;
}

const cli_cmd cli_cmd_detect = {
	"detect", "",
	"find ICD-10-CM diagnoses in clinical text on stdin: mentions, traits, ranked codes",
	"Reads clinical text on stdin and writes the diagnosis mentions it finds, each with its\n"
	"traits (NEGATION, HYPOTHETICAL, PAST_HISTORY, PERTAINS_TO_FAMILY, LOW_CONFIDENCE) and ranked\n"
	"ICD-10-CM codes, then the document's asserted billable codes. Offsets count code points.",
	opts, run
};
