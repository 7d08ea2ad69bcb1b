/* Renderers of the document model: Markdown, one self-contained HTML page
 * (inline style, no scripts, no external resources, everything escaped) and
 * JSON through jansson. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/core.h"
#include "medcode/publish.h"

static const char CSS[] =
	"body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;"
	"background:#f6f7f9;margin:0}"
	"header,main,footer,nav{max-width:64rem;margin:0 auto;padding:0 1.25rem}"
	"header{padding-top:1.5rem}"
	".kind{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:#5b6470;margin:0}"
	"h1{font-size:1.9rem;margin:.2rem 0}"
	".title{font-size:1.15rem;color:#2d3540;margin:.2rem 0 .4rem}"
	".date{color:#5b6470;font-size:.9rem;margin:0 0 1rem}"
	"nav{font-size:.9rem;margin-bottom:1rem}nav a{margin-right:1rem}"
	"section{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:.5rem 1.25rem 1rem;"
	"margin:0 0 1.25rem}"
	"h2{font-size:1.3rem;border-bottom:2px solid #2f6fb3;padding-bottom:.3rem}"
	"h3{font-size:1.02rem;margin:1.1rem 0 .3rem;color:#2d3540}"
	"p{margin:.3rem 0}"
	".missing{color:#8a5a00;font-style:italic}"
	".src{font-size:.78rem;color:#5b6470;margin:.1rem 0 .6rem}"
	"table{border-collapse:collapse;width:100%;margin:.4rem 0 .8rem;font-size:.92rem}"
	"th,td{border:1px solid #dde1e6;padding:.35rem .5rem;text-align:left;vertical-align:top}"
	"th{background:#eef2f7}"
	"td.src{font-size:.75rem;color:#5b6470;width:16%}"
	"tr.error td:first-child{color:#b3261e;font-weight:600}"
	"tr.warning td:first-child{color:#8a5a00;font-weight:600}"
	"ul{margin:.3rem 0 .4rem 1.2rem;padding:0}"
	"footer{font-size:.8rem;color:#5b6470;padding-bottom:2rem}";

typedef struct out {
	mc_buf b;
	int rc;
} out;

static void put(out *o, const char *s)
{
	if (!o->rc && mc_buf_puts(&o->b, s) < 0)
		o->rc = MC_ENOMEM;
}

static void putn(out *o, const char *s, size_t n)
{
	if (!o->rc && mc_buf_put(&o->b, s, n) < 0)
		o->rc = MC_ENOMEM;
}

static void html(out *o, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (const char *p = s; *p; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: break;
		}
		if (rep) {
			putn(o, run, (size_t)(p - run));
			put(o, rep);
			run = p + 1;
		}
	}
	put(o, run);
}

char *mc_publish_html_escape(const char *s)
{
	out o = { MC_BUF_INIT, 0 };
	html(&o, s ? s : "");
	if (o.rc) {
		mc_buf_release(&o.b);
		return NULL;
	}
	if (!o.b.ptr)
		return mc_strdup("");
	return mc_buf_detach(&o.b);
}

void mc_publish_text_free(char *s)
{
	mc_free(s);
}

static bool missing(const char *s)
{
	return s && strcmp(s, MC_PUB_MISSING) == 0;
}

/* ---- HTML ----------------------------------------------------------- */

/* One <p> per paragraph (paragraphs are separated by a blank line). */
static void html_para(out *o, const char *t)
{
	const char *cls = missing(t) ? "<p class=\"missing\">" : "<p>";
	char para[8192];
	while (t) {
		const char *e = strstr(t, "\n\n");
		size_t n = e ? (size_t)(e - t) : strlen(t);
		put(o, cls);
		while (n) {
			size_t k = n < sizeof(para) - 1 ? n : sizeof(para) - 1;
			memcpy(para, t, k);
			para[k] = '\0';
			html(o, para);
			t += k;
			n -= k;
		}
		put(o, "</p>\n");
		t = e ? e + 2 : NULL;
	}
}

static void html_src(out *o, const char *src)
{
	if (!src || !*src)
		return;
	put(o, "<p class=\"src\">Source: ");
	html(o, src);
	put(o, "</p>\n");
}

static void html_block(out *o, const mc_pub_block *k, bool findings)
{
	if (k->heading) {
		put(o, "<h3>");
		html(o, k->heading);
		put(o, "</h3>\n");
	}
	switch (k->kind) {
	case MC_PUB_TEXT:
		html_para(o, k->text);
		html_src(o, k->source);
		break;
	case MC_PUB_LIST:
		put(o, "<ul>\n");
		for (size_t i = 0; i < k->nitems; i++) {
			put(o, "<li>");
			html(o, k->items[i]);
			put(o, "</li>\n");
		}
		put(o, "</ul>\n");
		html_src(o, k->source);
		break;
	case MC_PUB_TABLE:
		put(o, "<table>\n<thead><tr>");
		for (size_t c = 0; c < k->ncols; c++) {
			put(o, "<th scope=\"col\">");
			html(o, k->cols[c]);
			put(o, "</th>");
		}
		put(o, "<th scope=\"col\">Source</th></tr></thead>\n<tbody>\n");
		for (size_t r = 0; r < k->nrows; r++) {
			const char *first = k->cells[r * k->ncols];
			if (findings && first) {
				put(o, "<tr class=\"");
				html(o, first);
				put(o, "\">");
			} else {
				put(o, "<tr>");
			}
			for (size_t c = 0; c < k->ncols; c++) {
				const char *v = k->cells[r * k->ncols + c];
				put(o, missing(v) ? "<td class=\"missing\">" : "<td>");
				html(o, v);
				put(o, "</td>");
			}
			put(o, "<td class=\"src\">");
			html(o, k->row_source[r] && *k->row_source[r] ? k->row_source[r] : "-");
			put(o, "</td></tr>\n");
		}
		put(o, "</tbody>\n</table>\n");
		break;
	}
}

static void render_body(out *o, const mc_pub_doc *d, int flags);

static void render_html(out *o, const mc_pub_doc *d, int flags)
{
	if (flags & MC_RENDER_FRAGMENT) {
		put(o, "<article class=\"doc\">\n");
		render_body(o, d, flags);
		put(o, "</article>\n");
		return;
	}
	put(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html(o, d->system);
	if (d->code && *d->code) {
		put(o, " ");
		html(o, d->code);
	}
	if (d->title) {
		put(o, ": ");
		html(o, d->title);
	}
	put(o, "</title>\n<style>");
	put(o, CSS);
	put(o, "</style>\n</head>\n<body>\n");
	render_body(o, d, flags);
	put(o, "</body>\n</html>\n");
}

/* From <header> to </footer>: the page's content, also the fragment. */
static void render_body(out *o, const mc_pub_doc *d, int flags)
{
	put(o, "<header>\n<p class=\"kind\">");
	html(o, d->kind);
	put(o, "</p>\n<h1>");
	html(o, d->system);
	if (d->code && *d->code) {
		put(o, " ");
		html(o, d->code);
	}
	put(o, "</h1>\n<p class=\"title\">");
	html(o, d->title ? d->title : MC_PUB_MISSING);
	put(o, "</p>\n<p class=\"date\">Facts in force on ");
	html(o, d->date);
	put(o, "</p>\n</header>\n");
	if (flags & MC_RENDER_SITE)
		put(o, "<nav><a href=\"index.html\">All codes</a><a href=\"search.html\">Search</a></nav>\n");
	/* A fragment sits inside the site's own <main>: one main a page. */
	bool frag = (flags & MC_RENDER_FRAGMENT) != 0;
	put(o, frag ? "<div class=\"sections\">\n" : "<main>\n");
	for (size_t s = 0; s < d->nsections; s++) {
		const mc_pub_section *sec = &d->sections[s];
		put(o, "<section id=\"");
		html(o, sec->id);
		put(o, "\">\n<h2>");
		html(o, sec->title);
		put(o, "</h2>\n");
		bool findings = strcmp(sec->id, "validation") == 0;
		for (size_t i = 0; i < sec->nblocks; i++)
			html_block(o, &sec->blocks[i], findings);
		put(o, "</section>\n");
	}
	put(o, frag ? "</div>\n<footer>\n" : "</main>\n<footer>\n");
	if (d->notice) {
		put(o, "<p>");
		html(o, d->notice);
		put(o, "</p>\n");
	}
	put(o, "<p>Generated by medcode from the releases listed under Sources and the input record, if any. "
	       "Validation findings are listed, never printed as fact.</p>\n</footer>\n");
}

/* ---- Markdown ------------------------------------------------------- */

static void md(out *o, const char *s, bool cell)
{
	if (!s)
		return;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == '\r')
			continue;
		if (c == '\n') {
			put(o, cell ? " " : "\n");
			continue;
		}
		if (strchr("\\`*_[]<>|#", c))
			putn(o, "\\", 1);
		putn(o, &c, 1);
	}
}

static void render_md(out *o, const mc_pub_doc *d)
{
	put(o, "# ");
	md(o, d->system, false);
	if (d->code && *d->code) {
		put(o, " ");
		md(o, d->code, false);
	}
	put(o, ": ");
	md(o, d->title ? d->title : MC_PUB_MISSING, false);
	put(o, "\n\n");
	put(o, "*");
	md(o, d->kind, false);
	put(o, "; facts in force on ");
	md(o, d->date, false);
	put(o, "*\n\n");
	for (size_t s = 0; s < d->nsections; s++) {
		const mc_pub_section *sec = &d->sections[s];
		put(o, "## ");
		md(o, sec->title, false);
		put(o, "\n\n");
		for (size_t i = 0; i < sec->nblocks; i++) {
			const mc_pub_block *k = &sec->blocks[i];
			if (k->heading) {
				put(o, "### ");
				md(o, k->heading, false);
				put(o, "\n\n");
			}
			if (k->kind == MC_PUB_TEXT) {
				md(o, k->text, false);
				put(o, "\n\n");
			} else if (k->kind == MC_PUB_LIST) {
				for (size_t j = 0; j < k->nitems; j++) {
					put(o, "- ");
					md(o, k->items[j], true);
					put(o, "\n");
				}
				put(o, "\n");
			} else {
				put(o, "|");
				for (size_t c = 0; c < k->ncols; c++) {
					put(o, " ");
					md(o, k->cols[c], true);
					put(o, " |");
				}
				put(o, " Source |\n|");
				for (size_t c = 0; c <= k->ncols; c++)
					put(o, "---|");
				put(o, "\n");
				for (size_t r = 0; r < k->nrows; r++) {
					put(o, "|");
					for (size_t c = 0; c < k->ncols; c++) {
						put(o, " ");
						md(o, k->cells[r * k->ncols + c], true);
						put(o, " |");
					}
					put(o, " ");
					md(o, k->row_source[r] && *k->row_source[r] ? k->row_source[r] : "-", true);
					put(o, " |\n");
				}
				put(o, "\n");
			}
			if (k->kind != MC_PUB_TABLE && k->source && *k->source) {
				put(o, "*Source: ");
				md(o, k->source, true);
				put(o, "*\n\n");
			}
		}
	}
	if (d->notice) {
		put(o, "---\n\n");
		md(o, d->notice, false);
		put(o, "\n");
	}
}

/* ---- JSON ----------------------------------------------------------- */

static int jput(json_t *o, const char *k, json_t *v)
{
	if (!v)
		return -1;
	return json_object_set_new(o, k, v);
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *block_json(const mc_pub_block *k)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	static const char *const kinds[] = { "text", "list", "table" };
	int bad = jput(o, "kind", json_string(kinds[k->kind]));
	bad |= jput(o, "heading", jstr(k->heading));
	if (k->kind == MC_PUB_TEXT) {
		bad |= jput(o, "text", jstr(k->text));
		bad |= jput(o, "source", jstr(k->source));
	} else if (k->kind == MC_PUB_LIST) {
		json_t *a = json_array();
		for (size_t i = 0; a && i < k->nitems; i++)
			bad |= json_array_append_new(a, jstr(k->items[i]));
		bad |= jput(o, "items", a);
		bad |= jput(o, "source", jstr(k->source));
	} else {
		json_t *cols = json_array(), *rows = json_array();
		for (size_t c = 0; cols && c < k->ncols; c++)
			bad |= json_array_append_new(cols, jstr(k->cols[c]));
		for (size_t r = 0; rows && r < k->nrows; r++) {
			json_t *row = json_object(), *cells = json_array();
			for (size_t c = 0; cells && c < k->ncols; c++)
				bad |= json_array_append_new(cells, jstr(k->cells[r * k->ncols + c]));
			if (row) {
				bad |= jput(row, "cells", cells);
				bad |= jput(row, "source", jstr(k->row_source[r]));
			} else {
				json_decref(cells);
			}
			if (row && json_array_append_new(rows, row) < 0)
				bad = -1;
		}
		bad |= jput(o, "columns", cols);
		bad |= jput(o, "rows", rows);
	}
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *mc_publish_json(const mc_pub_doc *d)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int bad = jput(o, "kind", jstr(d->kind));
	bad |= jput(o, "system", jstr(d->system));
	bad |= jput(o, "code", jstr(d->code));
	bad |= jput(o, "title", jstr(d->title));
	bad |= jput(o, "date", jstr(d->date));
	bad |= jput(o, "notice", jstr(d->notice));
	json_t *secs = json_array();
	for (size_t s = 0; secs && s < d->nsections; s++) {
		const mc_pub_section *sec = &d->sections[s];
		json_t *so = json_object(), *blocks = json_array();
		for (size_t i = 0; blocks && i < sec->nblocks; i++)
			if (json_array_append_new(blocks, block_json(&sec->blocks[i])) < 0)
				bad = -1;
		if (!so) {
			json_decref(blocks);
			bad = -1;
			continue;
		}
		bad |= jput(so, "id", jstr(sec->id));
		bad |= jput(so, "title", jstr(sec->title));
		bad |= jput(so, "blocks", blocks);
		if (json_array_append_new(secs, so) < 0)
			bad = -1;
	}
	bad |= jput(o, "sections", secs);
	json_t *fs = json_array();
	size_t failed = 0;
	for (size_t i = 0; fs && i < d->findings.n; i++) {
		const mc_finding *f = &d->findings.items[i];
		failed += f->severity >= MC_SEV_WARNING;
		json_t *fo = json_object();
		if (!fo) {
			bad = -1;
			continue;
		}
		bad |= jput(fo, "severity", json_string(mc_severity_name(f->severity)));
		bad |= jput(fo, "rule", jstr(f->rule));
		bad |= jput(fo, "subject", jstr(f->subject));
		bad |= jput(fo, "where", jstr(f->where));
		bad |= jput(fo, "message", jstr(f->message));
		bad |= jput(fo, "source", jstr(f->source));
		bad |= jput(fo, "suggest", jstr(f->suggest));
		if (json_array_append_new(fs, fo) < 0)
			bad = -1;
	}
	json_t *v = json_object();
	if (v) {
		bad |= jput(v, "failed", json_integer((json_int_t)failed));
		bad |= jput(v, "findings", fs);
	} else {
		json_decref(fs);
	}
	bad |= jput(o, "validation", v);
	json_t *src = json_array();
	for (size_t i = 0; src && i < d->nsources; i++)
		if (json_array_append_new(src, jstr(d->sources[i])) < 0)
			bad = -1;
	bad |= jput(o, "sources", src);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int mc_publish_render(const mc_pub_doc *d, mc_pub_format f, int flags, char **result, size_t *len,
		      mc_error *err)
{
	*result = NULL;
	*len = 0;
	out o = { MC_BUF_INIT, 0 };
	if (f == MC_PUB_JSON) {
		json_t *j = mc_publish_json(d);
		char *s = j ? json_dumps(j, JSON_INDENT(2)) : NULL;
		json_decref(j);
		if (!s)
			return mc_error_set(err, MC_ENOMEM, "out of memory rendering JSON");
		put(&o, s);
		put(&o, "\n");
		free(s);
	} else if (f == MC_PUB_HTML) {
		if (mc_buf_grow(&o.b, 32768) < 0)
			o.rc = MC_ENOMEM;
		render_html(&o, d, flags);
	} else {
		render_md(&o, d);
	}
	if (o.rc || !o.b.ptr) {
		mc_buf_release(&o.b);
		return mc_error_set(err, MC_ENOMEM, "out of memory rendering");
	}
	*len = o.b.len;
	*result = mc_buf_detach(&o.b);
	return 0;
}
