/* medcode report: the publication or code page of a code, and the static
 * site of every code's page (--all --out DIR). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "cli.h"
#include "medcode/publish.h"
#include "medcode/store.h"

enum { OPT_INPUT = 256, OPT_FORMAT, OPT_DATE, OPT_ALL, OPT_OUT, OPT_SYSTEM };

static const cli_opt opts[] = {
	{ "input", OPT_INPUT, true, "RECORD.json", "the publisher's input record (docs/publication-input.schema.json)" },
	{ "format", OPT_FORMAT, true, "md|html|json", "output format (default md)" },
	{ "date", OPT_DATE, true, "YYYY-MM-DD", "facts in force on this date (default today)" },
	{ "all", OPT_ALL, false, NULL, "render every code's HTML page into a static site (needs --out)" },
	{ "out", OPT_OUT, true, "DIR", "directory of the static site" },
	{ "system", OPT_SYSTEM, true, "LIST", "with --all: systems to render, comma-separated (default cpt,hcpcs)" },
	{ NULL, 0, false, NULL, NULL }
};

typedef struct args {
	const cli_cmd *cmd;
	const char *input, *date, *out, *systems;
	mc_pub_format format;
	bool all;
} args;

static int on_opt(int key, const char *val, void *p)
{
	args *a = p;
	switch (key) {
	case OPT_INPUT: a->input = val; break;
	case OPT_DATE: a->date = val; break;
	case OPT_OUT: a->out = val; break;
	case OPT_ALL: a->all = true; break;
	case OPT_SYSTEM: a->systems = val; break;
	case OPT_FORMAT:
		if (strcmp(val, "md") == 0 || strcmp(val, "markdown") == 0)
			a->format = MC_PUB_MARKDOWN;
		else if (strcmp(val, "html") == 0)
			a->format = MC_PUB_HTML;
		else if (strcmp(val, "json") == 0)
			a->format = MC_PUB_JSON;
		else
			return cli_fail(a->cmd, CLI_USAGE, "unknown format '%s' (md, html, json)", val);
		break;
	default: break;
	}
	return 0;
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, len, f);
	int rc = fclose(f);
	return w == len && rc == 0 ? 0 : -1;
}

static bool safe_name(const char *code)
{
	if (!*code || strlen(code) > 32)
		return false;
	for (const char *p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.'))
			return false;
	return *code != '.';
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char SITE_CSS[] =
	"body{font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f6f7f9;margin:0}"
	"main{max-width:64rem;margin:0 auto;padding:1rem 1.25rem}"
	"table{border-collapse:collapse;width:100%;background:#fff}"
	"th,td{border:1px solid #dde1e6;padding:.3rem .5rem;text-align:left}th{background:#eef2f7}"
	"input{font-size:1.1rem;padding:.4rem;width:100%;box-sizing:border-box}"
	"li{margin:.2rem 0}";

static void page_head(FILE *f, const char *title)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", title, SITE_CSS);
}

/* index.html: every page, by system. entries is a JSON array of
 * [system, code, title]. */
static int write_index(const char *dir, json_t *entries, const char *date)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/index.html", dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	page_head(f, "medcode code pages");
	fprintf(f, "<h1>Code pages</h1>\n<p>%zu codes in force on %s. <a href=\"search.html\">Search</a></p>\n",
		json_array_size(entries), date);
	fputs("<table>\n<thead><tr><th scope=\"col\">System</th><th scope=\"col\">Code</th>"
	      "<th scope=\"col\">Title</th></tr></thead>\n<tbody>\n", f);
	size_t i;
	json_t *e;
	json_array_foreach(entries, i, e) {
		char *sys = mc_publish_html_escape(json_string_value(json_array_get(e, 0)));
		char *code = mc_publish_html_escape(json_string_value(json_array_get(e, 1)));
		char *title = mc_publish_html_escape(json_string_value(json_array_get(e, 2)));
		if (sys && code && title)
			fprintf(f, "<tr><td>%s</td><td><a href=\"%s.html\">%s</a></td><td>%s</td></tr>\n", sys, code,
				code, title);
		mc_publish_text_free(sys);
		mc_publish_text_free(code);
		mc_publish_text_free(title);
	}
	fputs("</tbody>\n</table>\n</main>\n</body>\n</html>\n", f);
	return fclose(f) == 0 ? 0 : -1;
}

static const char SEARCH_JS[] =
	"(function(){\n"
	"var idx=window.MC_INDEX||[],q=document.getElementById('q'),out=document.getElementById('results'),"
	"info=document.getElementById('count');\n"
	"function show(){var t=q.value.trim().toLowerCase().split(/\\s+/).filter(Boolean),n=0;\n"
	"while(out.firstChild)out.removeChild(out.firstChild);\n"
	"for(var i=0;i<idx.length&&n<200;i++){var e=idx[i],h=(e[0]+' '+e[1]+' '+e[2]).toLowerCase(),ok=t.length>0;\n"
	"for(var k=0;k<t.length&&ok;k++)ok=h.indexOf(t[k])>=0;\n"
	"if(!ok)continue;n++;var li=document.createElement('li'),a=document.createElement('a');\n"
	"a.href=e[1]+'.html';a.textContent=e[0]+' '+e[1];li.appendChild(a);"
	"li.appendChild(document.createTextNode(': '+e[2]));out.appendChild(li);}\n"
	"info.textContent=t.length?(n+(n==200?'+':'')+' matching codes'):'';}\n"
	"q.addEventListener('input',show);show();})();\n";

static int write_search(const char *dir, json_t *entries)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/index.json", dir);
	if (json_dump_file(entries, path, JSON_COMPACT) != 0)
		return -1;
	/* The index as a script beside the page, so the page works from
	 * file:// too (no fetch). */
	char *js = json_dumps(entries, JSON_COMPACT | JSON_ESCAPE_SLASH);
	if (!js)
		return -1;
	snprintf(path, sizeof(path), "%s/search-index.js", dir);
	FILE *f = fopen(path, "wb");
	if (!f) {
		free(js);
		return -1;
	}
	fprintf(f, "window.MC_INDEX=%s;\n", js);
	free(js);
	if (fclose(f) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/search.html", dir);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	page_head(f, "medcode code search");
	fputs("<h1>Search code pages</h1>\n<p><a href=\"index.html\">All codes</a></p>\n"
	      "<p><label for=\"q\">Code or words of the title</label></p>\n"
	      "<input id=\"q\" type=\"search\" autocomplete=\"off\">\n<p id=\"count\"></p>\n<ul id=\"results\"></ul>\n"
	      "</main>\n<script src=\"search-index.js\"></script>\n<script>", f);
	fputs(SEARCH_JS, f);
	fputs("</script>\n</body>\n</html>\n", f);
	return fclose(f) == 0 ? 0 : -1;
}

static int run_all(const args *a, mc_store *s)
{
	if (!a->out)
		return cli_fail(a->cmd, CLI_USAGE, "--all needs --out DIR");
	if (mkdir(a->out, 0777) != 0 && errno != EEXIST)
		return cli_fail(a->cmd, CLI_USAGE, "cannot create '%s': %s", a->out, strerror(errno));
	mc_error err;
	mc_error_clear(&err);
	mc_publisher *p = NULL;
	if (mc_publisher_new(&p, s, a->date, &err) < 0)
		return cli_fail(a->cmd, CLI_USAGE, "%s", err.msg);
	json_t *entries = json_array();
	int exit_code = entries ? CLI_OK : cli_fail(a->cmd, CLI_USAGE, "out of memory");
	const char *list = a->systems ? a->systems : "cpt,hcpcs";
	size_t pages = 0;
	double t0 = now();
	char sysname[32];
	for (const char *q = list; *q && exit_code == CLI_OK;) {
		size_t len = strcspn(q, ",");
		snprintf(sysname, sizeof(sysname), "%.*s", (int)(len < 31 ? len : 31), q);
		q += len + (q[len] == ',');
		mc_system sys = mc_system_from_name(sysname);
		if (sys == MC_SYS_NONE) {
			exit_code = cli_fail(a->cmd, CLI_USAGE, "unknown system '%s'", sysname);
			break;
		}
		char **codes = NULL;
		size_t n = 0;
		if (mc_publish_codes(p, sys, &codes, &n, &err) < 0) {
			exit_code = cli_fail(a->cmd, CLI_USAGE, "%s", err.msg);
			break;
		}
		for (size_t i = 0; i < n && exit_code == CLI_OK; i++) {
			if (!safe_name(codes[i]))
				continue;
			mc_pub_doc *d = NULL;
			int rc = mc_publish_build(p, codes[i], sys, NULL, &d, &err);
			if (rc == MC_ENOTFOUND)
				continue;
			char *html = NULL;
			size_t hlen = 0;
			if (rc == 0)
				rc = mc_publish_render(d, MC_PUB_HTML, MC_RENDER_SITE, &html, &hlen, &err);
			if (rc < 0) {
				exit_code = cli_fail(a->cmd, CLI_USAGE, "%s: %s", codes[i], err.msg);
			} else {
				char path[4096];
				snprintf(path, sizeof(path), "%s/%s.html", a->out, d->code);
				if (write_file(path, html, hlen) < 0)
					exit_code = cli_fail(a->cmd, CLI_USAGE, "cannot write '%s': %s", path, strerror(errno));
				json_t *e = json_pack("[sss]", d->system, d->code, d->title ? d->title : "");
				if (!e || json_array_append_new(entries, e) < 0)
					exit_code = cli_fail(a->cmd, CLI_USAGE, "out of memory");
				pages++;
			}
			mc_publish_text_free(html);
			mc_pub_doc_free(d);
		}
		mc_publish_codes_free(codes, n);
	}
	double t1 = now();
	char date[16];
	snprintf(date, sizeof(date), "%s", a->date ? a->date : "today");
	if (exit_code == CLI_OK && (write_index(a->out, entries, date) < 0 || write_search(a->out, entries) < 0))
		exit_code = cli_fail(a->cmd, CLI_USAGE, "cannot write the index pages in '%s'", a->out);
	if (exit_code == CLI_OK)
		fprintf(stderr, "medcode report: %zu pages in %.2f s (%.0f pages/s) into %s\n", pages, t1 - t0,
			t1 > t0 ? (double)pages / (t1 - t0) : 0.0, a->out);
	json_decref(entries);
	mc_publisher_free(p);
	return exit_code;
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	args a = { .cmd = ctx->cmd, .format = MC_PUB_MARKDOWN };
	int code;
	int first = cli_parse(ctx->cmd, argc, argv, on_opt, &a, &code);
	if (first < 0)
		return code;
	if (a.all && first < argc)
		return cli_fail(ctx->cmd, CLI_USAGE, "--all takes no CODE");
	if (!a.all && first >= argc)
		return cli_fail(ctx->cmd, CLI_USAGE, "no CODE given (see 'medcode report --help')");
	if (!a.all && first + 1 < argc)
		return cli_fail(ctx->cmd, CLI_USAGE, "one CODE at a time (or --all)");
	mc_error err;
	mc_error_clear(&err);
	mc_pub_input *in = NULL;
	if (a.input && mc_pub_input_load(&in, a.input, &err) < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	mc_store *s = NULL;
	if (mc_store_open(&s, ctx->db_path, MC_STORE_READ, &err) < 0) {
		mc_pub_input_free(in);
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	}
	int exit_code;
	if (a.all) {
		exit_code = run_all(&a, s);
		goto done;
	}
	mc_publisher *p = NULL;
	mc_pub_doc *d = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc = mc_publisher_new(&p, s, a.date, &err);
	if (rc == 0)
		rc = mc_publish_build(p, argv[first], MC_SYS_NONE, in, &d, &err);
	if (rc == 0)
		rc = mc_publish_render(d, a.format, 0, &text, &len, &err);
	if (rc == MC_ENOTFOUND)
		exit_code = cli_fail(ctx->cmd, CLI_FINDING, "%s", err.msg);
	else if (rc < 0)
		exit_code = cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	else
		exit_code = fwrite(text, 1, len, stdout) == len ? CLI_OK
								 : cli_fail(ctx->cmd, CLI_USAGE, "cannot write output");
	mc_publish_text_free(text);
	mc_pub_doc_free(d);
	mc_publisher_free(p);
done:
	mc_store_free(s);
	mc_pub_input_free(in);
	return exit_code;
}

const cli_cmd cli_cmd_report = {
	"report", "CODE | --all --out DIR", "the publication or code page of a code (markdown, html or json)",
	"Print the code page of CODE (descriptors as licensed, fee-schedule indicators with their\n"
	"meaning, the modifiers they govern, MUE, add-on edits, history), or with --input the\n"
	"publication built from a publisher's record, every row validated against the store:\n"
	"rows that fail are listed under Validation and never printed as fact.  Every fact\n"
	"names its file and release; whatever is missing says 'Data not available in the input.'\n"
	"--all --out DIR writes every code's HTML page, index.html and search.html.\n"
	"Exit 0; 1 when the code is not valid on the date; 2 for bad usage or a bad record.",
	opts, run
};
