/* The Redact and Detect tools as pages: a form (GET) and its result
 * (POST, CSRF-checked, rate-limited per address).  The text is read from
 * the form, shown back only in the answer (Cache-Control: no-store) and
 * never stored or logged; the route is SRV_R_SENSITIVE, so request,
 * arena and response are zeroed when freed, and the pages built here
 * are wiped too. */
#include <stdio.h>
#include <string.h>

#include "medcode/detect.h"
#include "medcode/phi.h"
#include "server/web_int.h"

enum { TEXT_MAX = 100000 };

static void text_form(srv_web *w, const char *action, const char *label, const char *text,
		      const char *err, bool modes, const char *mode)
{
	mc_html *h = &w->main;
	mc_html_printf(h, "<form method=\"post\" action=\"%s\" novalidate>", action);
	mc_web_csrf_field(h, w->csrf);
	mc_html_printf(h, "<div class=\"field\"><label for=\"text\">%s</label><textarea id=\"text\" name=\"text\" "
			  "maxlength=\"%d\" required spellcheck=\"false\"", label, TEXT_MAX);
	mc_html_raw(h, err ? " aria-invalid=\"true\" aria-describedby=\"text-err\">" : ">");
	mc_html_text(h, text);
	mc_html_raw(h, "</textarea>");
	if (err) {
		mc_html_raw(h, "<p id=\"text-err\" class=\"error\">");
		mc_html_text(h, err);
		mc_html_raw(h, "</p>");
	}
	mc_html_raw(h, "<p class=\"hint\">Up to 100,000 characters. The text is not stored and not logged.</p></div>");
	if (modes) {
		static const char *const m[][2] = { { "mask", "Mask ([NAME], [DATE], ...)" },
						    { "surrogate", "Surrogates (realistic fake values)" } };
		mc_html_raw(h, "<div class=\"field\"><label for=\"mode\">Replace identifiers with</label>"
			       "<select id=\"mode\" name=\"mode\">");
		for (size_t i = 0; i < 2; i++)
			mc_html_printf(h, "<option value=\"%s\"%s>%s</option>", m[i][0],
				       strcmp(mode, m[i][0]) == 0 ? " selected" : "", m[i][1]);
		mc_html_raw(h, "</select></div>");
	}
	mc_html_raw(h, "<button type=\"submit\">Run</button></form>\n");
}

typedef struct tool { const char *action, *title, *nav; bool modes; } tool;

static const tool REDACT = { "/redact", "Redact PHI", "redact", true };
static const tool DETECT = { "/detect", "Detect ICD-10-CM", "detect", false };

/* The shared start of a tool page: the form on GET; on POST the CSRF
 * check, the per-address rate limit and the text (not blank, at most
 * TEXT_MAX bytes) and, for Redact, the mode.  Returns 0 with *text (and
 * *mode) to run on; 1 when a page was answered (*rc is its result). */
static int tool_start(srv_web *w, const tool *t, const char **text, mc_phi_mode *mode, int *rc)
{
	*rc = 0;
	if (w->req->method != SRV_POST) {
		text_form(w, t->action, "Clinical text", "", NULL, t->modes, "mask");
		*rc = srv_web_page(w, 200, t->title, t->nav, NULL);
		return 1;
	}
	if (!srv_web_csrf(w) || srv_web_rate(w, MC_RATE_TOOL_ADDR, w->addr))
		return 1;
	const char *t_ = srv_web_field(w, "text"), *m = srv_web_field(w, "mode"), *err = NULL;
	size_t n = strlen(t_), i = strspn(t_, " \t\r\n");
	if (i == n)
		err = "Paste some text first.";
	else if (n > TEXT_MAX)
		err = "The text is longer than 100,000 characters; split it.";
	*mode = MC_PHI_MODE_MASK;
	if (t->modes && strcmp(m, "surrogate") == 0)
		*mode = MC_PHI_MODE_SURROGATE;
	else if (t->modes && *m && strcmp(m, "mask") != 0 && !err)
		err = "Choose mask or surrogates.";
	*text = t_;
	if (!err)
		return 0;
	text_form(w, t->action, "Clinical text", t_, err, t->modes, *mode == MC_PHI_MODE_SURROGATE ? "surrogate" : "mask");
	*rc = srv_web_page(w, 400, t->title, t->nav, NULL);
	return 1;
}

int srv_h_web_redact(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	w.main.wipe = true;
	mc_html *h = &w.main;
	int rc = 0;
	mc_phi_doc *doc = NULL;
	mc_phi_result res;
	mc_phi_result_init(&res);
	char *red = NULL;
	size_t red_len = 0;
	mc_html_raw(h, "<h1>Redact PHI</h1>\n<p>Paste clinical text: the identifiers found (names, dates, "
		       "phone numbers, addresses, record numbers, ...) are listed and replaced.</p>\n");
	const char *text;
	mc_phi_mode mode;
	if (tool_start(&w, &REDACT, &text, &mode, &rc))
		goto done;
	const char *mode_s = mode == MC_PHI_MODE_SURROGATE ? "surrogate" : "mask";
	mc_error err;
	mc_error_clear(&err);
	struct mc_phi *phi = srv_phi(req, &err);
	size_t len = strlen(text);
	if (!phi || mc_phi_doc_new(&doc, phi, NULL, &err) < 0 || mc_phi_detect(doc, text, len, &res, &err) < 0 ||
	    mc_phi_redact(doc, text, len, &res, mode, &red, &red_len, &err) < 0) {
		/* Fails closed: nothing is shown as redacted. */
		rc = srv_web_error(&w, 503, "Redaction unavailable",
				   "The redactor could not run, so nothing was redacted. Try again later.");
		goto done;
	}
	text_form(&w, "/redact", "Clinical text", text, NULL, true, mode_s);
	mc_html_raw(h, "<h2>Redacted text</h2>\n<pre class=\"out\" id=\"redacted\">");
	mc_html_textn(h, red, red_len);
	mc_html_printf(h, "</pre>\n<h2>Identifiers found (%zu)</h2>\n", res.n);
	if (res.n) {
		mc_html_raw(h, "<table id=\"spans\"><thead><tr><th scope=\"col\">Type</th><th scope=\"col\">Text</th>"
			       "<th scope=\"col\">Characters</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < res.n; i++) {
			const mc_phi_span *s = &res.spans[i];
			mc_html_raw(h, "<tr><td>");
			mc_html_text(h, mc_phi_type_name(s->type));
			mc_html_raw(h, "</td><td><mark>");
			mc_html_textn(h, text + s->start, s->end - s->start);
			mc_html_printf(h, "</mark></td><td>%zu–%zu</td></tr>\n", s->cp_start, s->cp_end);
		}
		mc_html_raw(h, "</tbody></table>\n");
	} else {
		mc_html_raw(h, "<p>No identifiers found.</p>\n");
	}
	rc = srv_web_page(&w, 200, "Redact PHI", "redact", NULL);
done:
	mc_phi_text_free(red, red_len);
	mc_phi_result_release(&res);
	mc_phi_doc_free(doc);
	srv_web_end(&w);
	return rc;
}

int srv_h_web_detect(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	w.main.wipe = true;
	mc_html *h = &w.main;
	int rc = 0;
	mc_detect_result res;
	memset(&res, 0, sizeof(res));
	mc_html_raw(h, "<h1>Detect ICD-10-CM</h1>\n<p>Paste clinical text: diagnoses are found with their "
		       "traits (negated, hypothetical, family history, ...) and ranked ICD-10-CM codes.</p>\n");
	const char *text;
	mc_phi_mode unused;
	if (tool_start(&w, &DETECT, &text, &unused, &rc))
		goto done;
	mc_error err;
	mc_error_clear(&err);
	struct mc_detect *det = srv_detector(req, &err);
	if (!det || mc_detect_text(det, text, strlen(text), NULL, &res, &err) < 0) {
		rc = srv_web_error(&w, 503, "Detection unavailable", "The detector could not run. Try again later.");
		goto done;
	}
	text_form(&w, "/detect", "Clinical text", text, NULL, false, "");
	mc_html_raw(h, "<h2>Codes for the document</h2>\n");
	if (res.ncodes) {
		mc_html_raw(h, "<ol id=\"doc-codes\">");
		for (size_t i = 0; i < res.ncodes; i++) {
			mc_html_raw(h, "<li><a href=\"/codes/");
			mc_html_url(h, res.codes[i].code);
			mc_html_raw(h, "?system=icd10cm\">");
			mc_html_text(h, res.codes[i].code);
			mc_html_raw(h, "</a> ");
			mc_html_text(h, res.codes[i].title);
			mc_html_raw(h, "</li>");
		}
		mc_html_raw(h, "</ol>\n");
	} else {
		mc_html_raw(h, "<p>No asserted diagnosis found.</p>\n");
	}
	mc_html_printf(h, "<h2>Mentions (%zu)</h2>\n", res.n);
	if (res.n) {
		mc_html_raw(h, "<table id=\"entities\"><thead><tr><th scope=\"col\">Mention</th><th scope=\"col\">Traits</th>"
			       "<th scope=\"col\">Best codes</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < res.n; i++) {
			const mc_detect_entity *e = &res.entities[i];
			mc_html_raw(h, "<tr><td>");
			mc_html_text(h, e->text);
			mc_html_raw(h, "</td><td>");
			bool any = false;
			for (unsigned b = 1; b && b <= e->traits; b <<= 1) {
				const char *n = (e->traits & b) ? mc_detect_trait_name(b) : NULL;
				if (n) {
					mc_html_raw(h, any ? ", " : "");
					mc_html_text(h, n);
					any = true;
				}
			}
			mc_html_raw(h, any ? "</td><td>" : "-</td><td>");
			for (size_t k = 0; k < e->ncodes && k < 3; k++) {
				mc_html_raw(h, k ? "<br>" : "");
				mc_html_text(h, e->codes[k].code);
				mc_html_raw(h, " ");
				mc_html_text(h, e->codes[k].title);
				mc_html_printf(h, " (%.2f)", e->codes[k].score);
			}
			mc_html_raw(h, "</td></tr>\n");
		}
		mc_html_raw(h, "</tbody></table>\n");
	}
	rc = srv_web_page(&w, 200, "Detect ICD-10-CM", "detect", NULL);
done:
	mc_detect_result_release(&res);
	srv_web_end(&w);
	return rc;
}
