/* medcode answer QUESTION: an answer article built from the store. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "medcode/publish.h"
#include "medcode/search.h"
#include "medcode/store.h"

enum { OPT_FORMAT = 256, OPT_DATE };

static const cli_opt opts[] = {
	{ "format", OPT_FORMAT, true, "md|html|json", "output format (default md)" },
	{ "date", OPT_DATE, true, "YYYY-MM-DD", "facts in force on this date (default today)" },
	{ NULL, 0, false, NULL, NULL }
};

typedef struct args {
	const cli_cmd *cmd;
	mc_pub_format format;
	const char *date;
} args;

static int on_opt(int key, const char *val, void *p)
{
	args *a = p;
	if (key == OPT_DATE) {
		a->date = val;
	} else if (key == OPT_FORMAT) {
		if (strcmp(val, "md") == 0 || strcmp(val, "markdown") == 0)
			a->format = MC_PUB_MARKDOWN;
		else if (strcmp(val, "html") == 0)
			a->format = MC_PUB_HTML;
		else if (strcmp(val, "json") == 0)
			a->format = MC_PUB_JSON;
		else
			return cli_fail(a->cmd, CLI_USAGE, "unknown format '%s' (md, html, json)", val);
	}
	return 0;
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	args a = { ctx->cmd, MC_PUB_MARKDOWN, NULL };
	int code;
	int first = cli_parse(ctx->cmd, argc, argv, on_opt, &a, &code);
	if (first < 0)
		return code;
	if (first >= argc)
		return cli_fail(ctx->cmd, CLI_USAGE, "no QUESTION given (see 'medcode answer --help')");
	/* The question may come as several words. */
	char question[2048];
	size_t qn = 0;
	for (int i = first; i < argc; i++) {
		int w = snprintf(question + qn, sizeof(question) - qn, "%s%s", qn ? " " : "", argv[i]);
		if (w < 0 || (size_t)w >= sizeof(question) - qn)
			return cli_fail(ctx->cmd, CLI_USAGE, "question too long (at most %zu bytes)",
					sizeof(question) - 1);
		qn += (size_t)w;
	}
	mc_error err;
	mc_error_clear(&err);
	mc_store *s = NULL;
	if (mc_store_open(&s, ctx->db_path, MC_STORE_READ, &err) < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	mc_searcher *q = NULL;
	mc_publisher *p = NULL;
	mc_pub_doc *d = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc = mc_searcher_new(&q, s, &err);
	if (rc == 0)
		rc = mc_publisher_new(&p, s, a.date, &err);
	if (rc == 0)
		rc = mc_publish_answer(p, q, question, &d, &err);
	if (rc == 0)
		rc = mc_publish_render(d, a.format, 0, &text, &len, &err);
	int exit_code;
	if (rc < 0)
		exit_code = cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	else if (fwrite(text, 1, len, stdout) != len)
		exit_code = cli_fail(ctx->cmd, CLI_USAGE, "cannot write output");
	else
		exit_code = d->ncodes_found ? CLI_OK : CLI_FINDING;
	mc_publish_text_free(text);
	mc_pub_doc_free(d);
	mc_publisher_free(p);
	mc_searcher_free(q);
	mc_store_free(s);
	return exit_code;
}

const cli_cmd cli_cmd_answer = {
	"answer", "QUESTION", "an answer article for a coding question (markdown, html or json)",
	"Answer a coding question (\"What is the CPT code for fluoroscopy imaging?\") with the codes\n"
	"search finds, and for each only what the store holds on the date: descriptors, add-on\n"
	"status and primary codes, bundling edits, fee-schedule indicators with their meaning and\n"
	"MUE units, each with its source.  What the store lacks says \"Data not available in the\n"
	"input.\"  Exit 1 when no code answers.",
	opts, run
};
