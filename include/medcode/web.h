/* medcode web: the HTML of the web application's pages, rendered on the
 * server.  An mc_html builder appends escaped text and markup; a page is
 * the site's layout (header with the search box and tools, account links,
 * the metering banner, footer) around a main part the caller built.
 * Assets (one stylesheet, one script for type-ahead) are static strings
 * served from /static/; pages carry no inline script or style, so the
 * Content-Security-Policy can forbid both.  Works without JavaScript;
 * the script only adds type-ahead suggestions to the search box.
 */
#ifndef MEDCODE_WEB_H
#define MEDCODE_WEB_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A growing string; failed is set (and later appends ignored) when out of
 * memory.  Start with MC_HTML_INIT; mc_html_release frees it, wiping it
 * first when wipe is set (a page that shows clinical text). */
typedef struct mc_html {
	char *ptr;
	size_t len, cap;
	bool failed, wipe;
} mc_html;
#define MC_HTML_INIT { NULL, 0, 0, false, false }

void mc_html_raw(mc_html *h, const char *markup);
void mc_html_rawn(mc_html *h, const char *markup, size_t n);
/* Text, escaped for element content and quoted attribute values. */
void mc_html_text(mc_html *h, const char *text);
void mc_html_textn(mc_html *h, const char *text, size_t n);
/* Text percent-encoded for a URL path segment or query value. */
void mc_html_url(mc_html *h, const char *text);
void mc_html_printf(mc_html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Take the string (NUL-terminated, *len bytes; free with mc_html_free);
 * NULL when building failed.  h is left empty. */
char *mc_html_detach(mc_html *h, size_t *len);
void mc_html_release(mc_html *h);
void mc_html_free(char *s);

/* What the layout needs to know about the request. */
typedef struct mc_web_page {
	const char *title;            /* <title>, before " · medcode" */
	const char *active;           /* nav: "home", "search", "ask", "redact", "detect",
	                                 "publish", "account", "login", "register" */
	const char *user;             /* signed-in email, or NULL for a guest */
	const char *csrf;             /* the request's CSRF token (logout form) */
	const char *query;            /* refills the header's search box; may be NULL */
	const char *meter;            /* the banner (views left), or NULL */
	bool meter_out;               /* the banner warns: no views left */
	bool home;                    /* the home page: a large search box, no header box */
} mc_web_page;

/* The whole page around main_html into h. */
void mc_web_layout(mc_html *h, const mc_web_page *p, const char *main_html, size_t main_len);

/* A form's hidden CSRF field. */
void mc_web_csrf_field(mc_html *h, const char *csrf);
/* The search box form (GET /search, with the type-ahead hooks). */
void mc_web_search_form(mc_html *h, const char *query, bool large);

/* The static assets. */
extern const char mc_web_css[];
extern const char mc_web_js[];

#ifdef __cplusplus
}
#endif
#endif
