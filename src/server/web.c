/* The web application's request context: cookies, session, guest id,
 * CSRF, security headers, the layout around each page. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/web_int.h"

static const char CSP[] =
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

bool srv_web_cookie(const char *hdr, const char *name, char *out, size_t cap)
{
	size_t nl = strlen(name);
	for (const char *p = hdr; p && *p;) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
			size_t vl = len - nl - 1;
			if (vl >= cap)
				return false;
			memcpy(out, p + nl + 1, vl);
			out[vl] = '\0';
			return true;
		}
		p = end;
	}
	return false;
}

static bool is_crawler(const char *ua)
{
	if (!ua)
		return false;
	static const char *const marks[] = { "bot", "crawl", "spider", "slurp" };
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (mc_memcasestr(ua, strlen(ua), marks[i]))
			return true;
	return false;
}

static void client_addr(srv_web *w)
{
	const srv_http *h = &w->req->http;
	const char *a = h->addr ? h->addr : "";
	char last[64];
	if (w->req->srv->o.trust_proxy && h->fwd_for && *h->fwd_for) {
		const char *comma = strrchr(h->fwd_for, ',');
		const char *p = comma ? comma + 1 : h->fwd_for;
		size_t n = mc_copy_trim(last, sizeof(last), p, strlen(p));
		if (n)
			a = last;
	}
	snprintf(w->addr, sizeof(w->addr), "%s", a);
}

int srv_web_begin(srv_web *w, srv_req *req, srv_resp *resp)
{
	memset(w, 0, sizeof(*w));
	w->req = req;
	w->resp = resp;
	w->acct = req->srv->acct;
	mc_server *s = req->srv;
	client_addr(w);
	w->secure = s->o.secure_cookies ||
		    (s->o.trust_proxy && req->http.fwd_proto && mc_str_iequal(req->http.fwd_proto, "https"));
	w->crawler = is_crawler(req->http.user_agent);
	int64_t now = (int64_t)time(NULL), last = atomic_load(&s->pruned);
	mc_error err;
	mc_error_clear(&err);
	if (now - last > 3600 && atomic_compare_exchange_strong(&s->pruned, &last, now))
		(void)mc_accounts_prune(w->acct, now, &err);
	char tok[MC_ACCOUNT_TOKEN_LEN + 2];
	if (srv_web_cookie(req->http.cookie, "mc_session", tok, sizeof(tok))) {
		int rc = mc_session_user(w->acct, tok, &w->user_id, &err);
		if (rc < 0) {
			mc_wipe(tok, sizeof(tok));
			srv_error(resp, 503, "account database unavailable");
			return rc;
		}
		if (rc == 0 && mc_account_email(w->acct, w->user_id, w->email, sizeof(w->email), &err) == 0)
			memcpy(w->session, tok, sizeof(w->session));
		else
			w->user_id = 0;
		mc_wipe(tok, sizeof(tok));
	}
	if (!srv_web_cookie(req->http.cookie, "mc_guest", w->guest, sizeof(w->guest)) ||
	    !mc_token_shape(w->guest, MC_ACCOUNT_GUEST_LEN)) {
		mc_guest_new(w->guest);
		/* Crawlers get no cookie: they are never metered (see h_web.c). */
		w->new_guest = !w->crawler;
	}
	mc_csrf_token(w->acct, w->user_id ? w->session : w->guest, w->csrf);
	return 0;
}

void srv_web_end(srv_web *w)
{
	mc_html_release(&w->main);
	mc_wipe(w->session, sizeof(w->session));
	mc_wipe(w->csrf, sizeof(w->csrf));
}

static void site_headers(srv_web *w, bool store)
{
	srv_resp *r = w->resp;
	r->site = true;
	srv_header_add(r, "Content-Security-Policy", CSP);
	srv_header_add(r, "X-Frame-Options", "DENY");
	srv_header_add(r, "Referrer-Policy", "same-origin");
	srv_header_add(r, "Cross-Origin-Opener-Policy", "same-origin");
	if (!store)
		srv_header_add(r, "Cache-Control", "no-store");
	if (w->new_guest) {
		char c[160];
		snprintf(c, sizeof(c), "mc_guest=%s; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax%s", w->guest,
			 w->secure ? "; Secure" : "");
		srv_header_add(r, "Set-Cookie", c);
		w->new_guest = false;
	}
}

void srv_web_set_session(srv_web *w, const char *token)
{
	char c[200];
	if (token && *token)
		snprintf(c, sizeof(c), "mc_session=%s; Path=/; Max-Age=%u; HttpOnly; SameSite=Lax%s", token,
			 mc_accounts_options(w->acct)->session_days * 86400u, w->secure ? "; Secure" : "");
	else
		snprintf(c, sizeof(c), "mc_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s",
			 w->secure ? "; Secure" : "");
	srv_header_add(w->resp, "Set-Cookie", c);
	mc_wipe(c, sizeof(c));
}

int srv_web_page(srv_web *w, int status, const char *title, const char *active, const char *query)
{
	mc_web_page p = {
		.title = title, .active = active, .user = w->user_id ? w->email : NULL, .csrf = w->csrf,
		.query = query, .meter = w->meter, .meter_out = w->meter_out,
		.home = active && strcmp(active, "home") == 0,
	};
	mc_html page = MC_HTML_INIT;
	page.wipe = w->main.wipe;
	mc_web_layout(&page, &p, w->main.ptr ? w->main.ptr : "", w->main.len);
	size_t len = 0;
	char *body = mc_html_detach(&page, &len);
	if (!body)
		return srv_error(w->resp, 503, "out of memory");
	site_headers(w, false);
	if (w->main.wipe)
		w->resp->wipe = true;
	return srv_text(w->resp, status, body, len, "text/html; charset=utf-8");
}

int srv_web_redirect(srv_web *w, const char *path)
{
	site_headers(w, false);
	srv_header_add(w->resp, "Location", path);
	return srv_text(w->resp, 303, mc_strdup(""), 0, "text/plain; charset=utf-8");
}

int srv_web_error(srv_web *w, int status, const char *title, const char *msg)
{
	mc_html_release(&w->main);
	mc_html_raw(&w->main, "<h1>");
	mc_html_text(&w->main, title);
	mc_html_raw(&w->main, "</h1>\n<div class=\"alert\" role=\"alert\"><p>");
	mc_html_text(&w->main, msg);
	mc_html_raw(&w->main, "</p></div>\n");
	return srv_web_page(w, status, title, NULL, NULL);
}

const char *srv_web_field(srv_web *w, const char *name)
{
	const char *v = srv_param(w->req, name);
	return v ? v : "";
}

/* The host part of an Origin ("https://host:port" -> "host:port"). */
static bool same_origin(const srv_http *h)
{
	if (h->fetch_site && strcmp(h->fetch_site, "same-origin") != 0 && strcmp(h->fetch_site, "none") != 0)
		return false;
	if (!h->origin)
		return true;
	if (!h->host)
		return false;
	const char *o = strstr(h->origin, "://");
	return o && strcmp(o + 3, h->host) == 0;
}

bool srv_web_csrf(srv_web *w)
{
	const char *binding = w->user_id ? w->session : w->guest;
	if (same_origin(&w->req->http) && !w->new_guest && mc_csrf_check(w->acct, binding, srv_web_field(w, "csrf")))
		return true;
	srv_web_error(w, 403, "Form expired",
		      "This form has expired or was sent from another site, so nothing was done. "
		      "Go back, reload the page and send it again.");
	return false;
}

void srv_web_meter_text(srv_web *w, const mc_meter *m)
{
	unsigned left = m->used < m->limit ? m->limit - m->used : 0;
	w->meter_out = left == 0;
	if (w->user_id)
		snprintf(w->meter_buf, sizeof(w->meter_buf),
			 "%u of %u free code page views left this month (a view of a page you already read "
			 "this month is free; the count resets on %s).",
			 left, m->limit, m->resets);
	else if (left)
		snprintf(w->meter_buf, sizeof(w->meter_buf),
			 "%u code page view%s remaining. Guests get %u free code page view a month; a free "
			 "account gets %u more.",
			 left, left == 1 ? "" : "s", m->limit, mc_accounts_options(w->acct)->member_views);
	else
		snprintf(w->meter_buf, sizeof(w->meter_buf),
			 "0 code page views remaining. Guests get %u free code page view a month; register a "
			 "free account to get %u more.",
			 m->limit, mc_accounts_options(w->acct)->member_views);
	w->meter = w->meter_buf;
}

bool srv_web_rate(srv_web *w, mc_rate_kind kind, const char *key)
{
	int64_t retry = 0;
	mc_error err;
	mc_error_clear(&err);
	int rc = mc_rate_hit(w->acct, kind, key, (int64_t)time(NULL), &retry, &err);
	if (rc == 0)
		return false;
	char msg[200], ra[24];
	if (rc < 0) {
		srv_web_error(w, 503, "Try again later", "The account database is not answering. Try again in a minute.");
		return true;
	}
	snprintf(msg, sizeof(msg), "Too many attempts from here. Try again in %lld minute%s.",
		 (long long)(retry + 59) / 60, (retry + 59) / 60 == 1 ? "" : "s");
	snprintf(ra, sizeof(ra), "%lld", (long long)retry);
	srv_web_error(w, 429, "Too many attempts", msg);
	srv_header_add(w->resp, "Retry-After", ra);
	return true;
}
