/* The web application's pages: home, code pages (metered), search
 * results, Ask (answer articles, metered), publications, static assets.
 * Code pages and articles are the documents of src/publish rendered as
 * HTML fragments, the same builder and renderer as `medcode report` and
 * /api/v1/reports: no second source of facts. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "medcode/publish.h"
#include "server/web_int.h"

enum { QUESTION_MAX = 2047, RECORD_MAX = 1 << 20 };

static const char *search_systems[] = { "icd10cm", "cpt", "hcpcs", "modifier", "taxonomy" };

int srv_h_web_asset(srv_req *req, srv_resp *resp)
{
	const char *p = req->path;
	const char *body, *type;
	if (strcmp(p, "/static/site.css") == 0) {
		body = mc_web_css;
		type = "text/css; charset=utf-8";
	} else if (strcmp(p, "/static/app.js") == 0) {
		body = mc_web_js;
		type = "text/javascript; charset=utf-8";
	} else {
		/* robots.txt: code pages may be crawled (crawlers see a preview,
		 * never metered); tools, forms and accounts may not. */
		body = "User-agent: *\nAllow: /codes/\nDisallow: /search\nDisallow: /ask\nDisallow: /redact\n"
		       "Disallow: /detect\nDisallow: /publish\nDisallow: /login\nDisallow: /register\n"
		       "Disallow: /account\nDisallow: /api/\n";
		type = "text/plain; charset=utf-8";
	}
	srv_header_add(resp, "Cache-Control", "public, max-age=3600");
	return srv_text(resp, 200, mc_strdup(body), strlen(body), type);
}

int srv_h_web_home(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	mc_error err;
	mc_meter m;
	if (mc_meter_peek(w.acct, w.user_id, w.new_guest ? NULL : w.guest, (int64_t)time(NULL), &m, &err) == 0)
		srv_web_meter_text(&w, &m);
	mc_html *h = &w.main;
	mc_html_raw(h, "<h1>Look up a billing code</h1>\n<p>ICD-10-CM, HCPCS Level II, CPT (from your licensed files), "
		       "modifiers and the NUCC taxonomy, with fee-schedule indicators, MUE and NCCI edits, each "
		       "fact with its source and release.</p>\n");
	mc_web_search_form(h, NULL, true);
	mc_html_raw(h, "<h2>Tools</h2>\n<div class=\"cards\">\n"
		       "<section class=\"card\"><h3><a href=\"/ask\">Ask</a></h3><p>Ask a coding question; the answer "
		       "lists the codes that answer it with their official facts.</p></section>\n"
		       "<section class=\"card\"><h3><a href=\"/search\">Search</a></h3><p>Find codes from plain words, "
		       "abbreviations, misspellings, codes and ranges.</p></section>\n"
		       "<section class=\"card\"><h3><a href=\"/redact\">Redact PHI</a></h3><p>Paste clinical text, see "
		       "the identifiers found and the masked text. Nothing is stored or logged.</p></section>\n"
		       "<section class=\"card\"><h3><a href=\"/detect\">Detect ICD-10-CM</a></h3><p>Find diagnoses in "
		       "clinical text, with negation and other traits, and ranked codes.</p></section>\n"
		       "</div>\n");
	int rc = srv_web_page(&w, 200, "Medical code lookup", "home", NULL);
	srv_web_end(&w);
	return rc;
}

/* The system named by ?system= (MC_SYS_NONE when absent); false after
 * answering 400 for an unknown one. */
static bool system_param(srv_web *w, mc_system *sys)
{
	const char *name = srv_param(w->req, "system");
	*sys = MC_SYS_NONE;
	if (name && *name && (*sys = mc_system_from_name(name)) == MC_SYS_NONE) {
		srv_web_error(w, 400, "Unknown code system",
			      "The system must be icd10cm, hcpcs, cpt, modifier or taxonomy.");
		return false;
	}
	return true;
}

/* Count a view of item; fills the banner.  -1 after answering an error. */
static int meter(srv_web *w, const char *item, bool *allowed)
{
	mc_meter m;
	mc_error err;
	mc_error_clear(&err);
	if (mc_meter_view(w->acct, w->user_id, w->guest, w->addr, item, (int64_t)time(NULL), &m, &err) < 0) {
		srv_web_error(w, 503, "Try again later", "The account database is not answering.");
		return -1;
	}
	srv_web_meter_text(w, &m);
	*allowed = m.allowed;
	return 0;
}

static void wall(srv_web *w, const mc_pub_doc *d, const char *what)
{
	mc_html *h = &w->main;
	mc_html_raw(h, "<h1>");
	mc_html_text(h, d->system);
	mc_html_raw(h, " ");
	mc_html_text(h, d->code ? d->code : "");
	mc_html_raw(h, "</h1>\n");
	if (d->title && d->code && *d->code) {
		mc_html_raw(h, "<p>");
		mc_html_text(h, d->title);
		mc_html_raw(h, "</p>\n");
	}
	mc_html_raw(h, "<div class=\"wall\" id=\"wall\"><h2>You have used your free views</h2><p>");
	mc_html_text(h, what);
	if (w->user_id)
		mc_html_raw(h, " Your free account's views are used up for this month; pages you already read "
			       "this month stay open.</p>");
	else
		mc_html_raw(h, " Register a free account to get more code page views, or log in.</p>"
			       "<p><a class=\"btn\" href=\"/register\">Register free account</a> "
			       "<a class=\"btn alt\" href=\"/login\">Log in</a></p>");
	mc_html_raw(h, "</div>\n");
}

static int render_doc(srv_web *w, const mc_pub_doc *d)
{
	char *text = NULL;
	size_t len = 0;
	mc_error err;
	if (mc_publish_render(d, MC_PUB_HTML, MC_RENDER_FRAGMENT, &text, &len, &err) < 0)
		return MC_ENOMEM;
	mc_html_rawn(&w->main, text, len);
	mc_publish_text_free(text);
	return 0;
}

/* The date parameter; false after answering 400. */
static bool date_param(srv_web *w, const char **date)
{
	*date = srv_param(w->req, "date");
	if (*date && !**date)
		*date = NULL;
	if (*date && !mc_date_valid(*date)) {
		srv_web_error(w, 400, "Bad date", "The date must be written YYYY-MM-DD, e.g. 2025-06-01.");
		return false;
	}
	return true;
}

int srv_h_web_code(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	int rc = 0;
	mc_pub_doc *d = NULL;
	mc_system sys;
	const char *date;
	if (!system_param(&w, &sys) || !date_param(&w, &date))
		goto done;
	mc_error err;
	mc_error_clear(&err);
	mc_publisher *p = srv_publisher(req, date, &err);
	if (!p) {
		rc = srv_web_error(&w, 503, "Store unavailable", "The code store cannot be read right now.");
		goto done;
	}
	const char *code = req->capture[0];
	int brc = mc_publish_build(p, code, sys, NULL, &d, &err);
	if (brc == MC_ENOTFOUND || brc == MC_EINVAL) {
		mc_html_raw(&w.main, "<h1>No such code</h1>\n<div class=\"alert\" role=\"alert\"><p>");
		mc_html_text(&w.main, err.msg);
		mc_html_raw(&w.main, "</p></div>\n<p><a href=\"/search?q=");
		mc_html_url(&w.main, code);
		mc_html_raw(&w.main, "\">Search for it</a> instead.</p>\n");
		rc = srv_web_page(&w, 404, "No such code", NULL, code);
		goto done;
	}
	if (brc < 0) {
		rc = srv_web_error(&w, 503, "Try again later", "The code page could not be built.");
		goto done;
	}
	char title[160];
	snprintf(title, sizeof(title), "%s %s", d->system, d->code ? d->code : code);
	if (w.crawler) {
		/* Crawlers are never metered (no cookie, no rows): they see the
		 * code's heading and title, not its facts. */
		wall(&w, d, "The full code page is for signed-in readers and guests' free views.");
		rc = srv_web_page(&w, 200, title, NULL, NULL);
		goto done;
	}
	char item[96];
	snprintf(item, sizeof(item), "%.16s:%.40s", d->system, d->code ? d->code : code);
	bool allowed;
	if (meter(&w, item, &allowed) < 0)
		goto done;
	if (!allowed) {
		wall(&w, d, "You have no code page views left.");
		srv_header_add(resp, "X-Robots-Tag", "noindex");
		rc = srv_web_page(&w, 403, title, NULL, NULL);
		goto done;
	}
	if ((rc = render_doc(&w, d)) == 0)
		rc = srv_web_page(&w, 200, title, NULL, NULL);
done:
	mc_pub_doc_free(d);
	srv_web_end(&w);
	return rc;
}

int srv_h_web_search(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	const char *q = srv_param(req, "q");
	mc_html *h = &w.main;
	int rc = 0, status = 200;
	mc_search_result r;
	memset(&r, 0, sizeof(r));
	mc_system sys;
	if (!system_param(&w, &sys))
		goto done;
	if (!q || !*q) {
		mc_html_raw(h, "<h1>Search codes</h1>\n<p>Type a code (0620T, e11.52, 77001-77003, I70.2*) or words "
			       "(\"DM2 w/ neuropathy\", \"knee mri\", \"pnuemonia\"). Suggestions appear as you type.</p>\n");
		rc = srv_web_page(&w, 200, "Search", "search", NULL);
		goto done;
	}
	mc_search_opts o = { .limit = 25 };
	if (sys != MC_SYS_NONE)
		o.systems = MC_SEARCH_SYS(sys);
	mc_error err;
	mc_error_clear(&err);
	mc_searcher *se = srv_searcher(req, &err);
	int src = se ? mc_search(se, q, &o, &r, &err) : MC_ENOTFOUND;
	mc_html_raw(h, "<h1>Results for “");
	mc_html_text(h, q);
	mc_html_raw(h, "”</h1>\n");
	if (src == MC_EINVAL) {
		status = 400;
		mc_html_raw(h, "<div class=\"alert\" role=\"alert\"><p>");
		mc_html_text(h, err.msg);
		mc_html_raw(h, "</p></div>\n");
	} else if (src < 0) {
		status = 503;
		mc_html_raw(h, "<div class=\"alert\" role=\"alert\"><p>Search is not available: the store has no "
			       "search index (run an import).</p></div>\n");
	} else if (!r.n) {
		mc_html_raw(h, "<p>No code matches. Try fewer or other words.</p>\n");
	} else {
		mc_html_printf(h, "<p class=\"hint\">%zu code%s; searched as: ", r.n, r.n == 1 ? "" : "s");
		mc_html_text(h, r.interpreted);
		mc_html_raw(h, "</p>\n<ul class=\"results\">\n");
		for (size_t i = 0; i < r.n; i++) {
			const mc_search_hit *x = &r.hits[i];
			mc_html_raw(h, "<li><a class=\"code\" href=\"/codes/");
			mc_html_url(h, x->code);
			mc_html_raw(h, "?system=");
			mc_html_url(h, x->system);
			mc_html_raw(h, "\">");
			mc_html_text(h, x->code);
			mc_html_raw(h, "</a><span class=\"tag\">");
			mc_html_text(h, x->system);
			mc_html_raw(h, "</span>");
			if (!x->billable && strcmp(x->system, "icd10cm") == 0)
				mc_html_raw(h, "<span class=\"tag\">header, not billable</span>");
			mc_html_raw(h, "<br>");
			mc_html_text(h, x->title);
			mc_html_raw(h, "</li>\n");
		}
		mc_html_raw(h, "</ul>\n");
	}
	(void)search_systems;
	rc = srv_web_page(&w, status, "Search results", "search", q);
done:
	mc_search_result_release(&r);
	srv_web_end(&w);
	return rc;
}

/* The item an answer counts as: the question, spaces and case folded,
 * hashed (the question itself is never stored). */
static void question_item(const char *q, char out[48])
{
	unsigned char hsh[16];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof(hsh));
	bool space = false;
	for (const char *p = q; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = true;
			continue;
		}
		if (space) {
			crypto_generichash_update(&st, (const unsigned char *)" ", 1);
			space = false;
		}
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		crypto_generichash_update(&st, (const unsigned char *)&c, 1);
	}
	crypto_generichash_final(&st, hsh, sizeof(hsh));
	memcpy(out, "ask:", 4);
	sodium_bin2hex(out + 4, 33, hsh, sizeof(hsh));
}

int srv_h_web_ask(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	const char *q = srv_param(req, "q");
	mc_html *h = &w.main;
	int rc = 0;
	mc_pub_doc *d = NULL;
	const char *problem = NULL;
	if (q && strlen(q) > QUESTION_MAX)
		problem = "A question has at most 2047 characters.";
	else if (q && !*q)
		problem = "Type a question, e.g. “What is the CPT code for fluoroscopy imaging?”";
	mc_html_raw(h, "<h1>Ask a coding question</h1>\n<form class=\"search\" action=\"/ask\" method=\"get\">"
		       "<div class=\"combo\"><label class=\"vh\" for=\"ask-q\">Question</label>"
		       "<input id=\"ask-q\" name=\"q\" type=\"text\" maxlength=\"2047\" required "
		       "placeholder=\"What is the CPT code for fluoroscopy imaging?\" value=\"");
	mc_html_text(h, q && !problem ? q : "");
	mc_html_raw(h, "\"");
	if (problem)
		mc_html_raw(h, " aria-invalid=\"true\" aria-describedby=\"ask-err\"");
	mc_html_raw(h, "></div><button type=\"submit\">Ask</button></form>\n");
	if (problem) {
		mc_html_raw(h, "<p id=\"ask-err\" class=\"error\">");
		mc_html_text(h, problem);
		mc_html_raw(h, "</p>\n");
	}
	if (!q || problem) {
		mc_html_raw(h, "<p class=\"hint\">An answer names the codes in force that answer the question, each "
			       "with its official facts and sources, and counts as one code page view (asking the same "
			       "question again this month is free).</p>\n");
		rc = srv_web_page(&w, problem ? 400 : 200, "Ask", "ask", NULL);
		goto done;
	}
	char item[48];
	question_item(q, item);
	bool allowed;
	if (meter(&w, item, &allowed) < 0)
		goto done;
	if (!allowed) {
		mc_html_raw(h, "<div class=\"wall\" id=\"wall\"><h2>You have used your free views</h2><p>An answer "
			       "counts as a code page view, and you have none left.");
		if (!w.user_id)
			mc_html_raw(h, " <a href=\"/register\">Register a free account</a> to get more.");
		mc_html_raw(h, "</p></div>\n");
		rc = srv_web_page(&w, 403, "Ask", "ask", NULL);
		goto done;
	}
	mc_error err;
	mc_error_clear(&err);
	mc_publisher *p = srv_publisher(req, NULL, &err);
	mc_searcher *se = p ? srv_searcher(req, &err) : NULL;
	if (!se || mc_publish_answer(p, se, q, &d, &err) < 0) {
		rc = srv_web_error(&w, 503, "Try again later", "The answer could not be built (is the store imported?).");
		goto done;
	}
	if ((rc = render_doc(&w, d)) == 0)
		rc = srv_web_page(&w, 200, "Answer", "ask", NULL);
done:
	mc_pub_doc_free(d);
	srv_web_end(&w);
	return rc;
}

static void publish_form(srv_web *w, const char *code, const char *record, const char *code_err,
			 const char *rec_err)
{
	mc_html *h = &w->main;
	mc_html_raw(h, "<h1>Publish a code page with your record</h1>\n<p>Paste a publisher's input record "
		       "(JSON, see the publication input schema); every row is validated against the store and "
		       "what fails is listed, never printed as fact. A publication counts as a view of its code.</p>\n"
		       "<form method=\"post\" action=\"/publish\" novalidate>");
	mc_web_csrf_field(h, w->csrf);
	mc_html_raw(h, "<div class=\"field\"><label for=\"pub-code\">Code</label><input id=\"pub-code\" name=\"code\" "
		       "type=\"text\" maxlength=\"32\" required value=\"");
	mc_html_text(h, code);
	mc_html_raw(h, code_err ? "\" aria-invalid=\"true\" aria-describedby=\"pub-code-err\">" : "\">");
	if (code_err) {
		mc_html_raw(h, "<p id=\"pub-code-err\" class=\"error\">");
		mc_html_text(h, code_err);
		mc_html_raw(h, "</p>");
	}
	mc_html_raw(h, "</div><div class=\"field\"><label for=\"pub-record\">Input record (JSON)</label>"
		       "<textarea id=\"pub-record\" name=\"record\" spellcheck=\"false\"");
	mc_html_raw(h, rec_err ? " aria-invalid=\"true\" aria-describedby=\"pub-record-err\">" : ">");
	mc_html_text(h, record);
	mc_html_raw(h, "</textarea>");
	if (rec_err) {
		mc_html_raw(h, "<p id=\"pub-record-err\" class=\"error\">");
		mc_html_text(h, rec_err);
		mc_html_raw(h, "</p>");
	}
	mc_html_raw(h, "</div><button type=\"submit\">Publish</button></form>\n");
}

int srv_h_web_publish(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	int rc = 0;
	mc_pub_input *in = NULL;
	mc_pub_doc *d = NULL;
	if (req->method != SRV_POST) {
		publish_form(&w, "", "", NULL, NULL);
		rc = srv_web_page(&w, 200, "Publish", "publish", NULL);
		goto done;
	}
	if (!srv_web_csrf(&w))
		goto done;
	const char *code = srv_web_field(&w, "code"), *record = srv_web_field(&w, "record");
	mc_error err;
	mc_error_clear(&err);
	const char *code_err = NULL, *rec_err = NULL;
	char code_msg[MC_ERROR_MSG_MAX], rec_msg[MC_ERROR_MSG_MAX];
	if (!*code)
		code_err = "Enter the code to publish, e.g. 0620T.";
	else if (strlen(code) > 32)
		code_err = "A code has at most 32 characters.";
	if (!*record)
		rec_err = "Paste the input record (a JSON object).";
	else if (mc_pub_input_parse(&in, "record", record, strlen(record), &err) < 0) {
		snprintf(rec_msg, sizeof(rec_msg), "%s", err.msg);
		rec_err = rec_msg;
	}
	mc_publisher *p = NULL;
	if (!code_err && !rec_err) {
		if (!(p = srv_publisher(req, NULL, &err))) {
			rc = srv_web_error(&w, 503, "Store unavailable", "The code store cannot be read right now.");
			goto done;
		}
		int brc = mc_publish_build(p, code, MC_SYS_NONE, in, &d, &err);
		if (brc == MC_ENOTFOUND || brc == MC_EINVAL) {
			snprintf(code_msg, sizeof(code_msg), "%s", err.msg);
			code_err = code_msg;
		} else if (brc < 0) {
			rc = srv_web_error(&w, 503, "Try again later", "The publication could not be built.");
			goto done;
		}
	}
	if (code_err || rec_err) {
		publish_form(&w, code, record, code_err, rec_err);
		rc = srv_web_page(&w, 400, "Publish", "publish", NULL);
		goto done;
	}
	char item[96];
	snprintf(item, sizeof(item), "%.16s:%.40s", d->system, d->code ? d->code : code);
	bool allowed;
	if (meter(&w, item, &allowed) < 0)
		goto done;
	if (!allowed) {
		wall(&w, d, "A publication counts as a view of its code, and you have none left.");
		rc = srv_web_page(&w, 403, "Publish", "publish", NULL);
		goto done;
	}
	if ((rc = render_doc(&w, d)) == 0)
		rc = srv_web_page(&w, 200, "Publication", "publish", NULL);
done:
	mc_pub_doc_free(d);
	mc_pub_input_free(in);
	srv_web_end(&w);
	return rc;
}
