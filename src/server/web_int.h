/* The web application's request context, shared by the h_web*.c
 * handlers: who is asking (session or guest cookie), the CSRF token of
 * the request, the meter, and how a page is finished (layout, security
 * headers, cookies). */
#ifndef MC_SERVER_WEB_INT_H
#define MC_SERVER_WEB_INT_H

#include "medcode/account.h"
#include "medcode/web.h"
#include "server/server_int.h"

typedef struct srv_web {
	srv_req *req;
	srv_resp *resp;
	mc_accounts *acct;
	int64_t user_id;              /* 0: a guest */
	char email[MC_ACCOUNT_EMAIL_MAX + 1];
	char session[MC_ACCOUNT_TOKEN_LEN + 1];  /* the live session's token, or "" */
	char guest[MC_ACCOUNT_GUEST_LEN + 1];    /* the guest id (cookie, or new) */
	bool new_guest;               /* send the guest cookie */
	char csrf[MC_ACCOUNT_CSRF_LEN + 1];
	char addr[64];                /* the client address (proxy-aware) */
	bool secure;                  /* cookies get Secure */
	bool crawler;                 /* the User-Agent says it is a crawler */
	mc_html main;                 /* the page's main part */
	const char *meter;            /* banner text (static or in meter_buf) */
	bool meter_out;
	char meter_buf[200];
} srv_web;

/* The value of cookie name in a Cookie header (may be NULL) into
 * out[cap]; false when absent or too long (fuzz/fuzz_web_input.c). */
bool srv_web_cookie(const char *hdr, const char *name, char *out, size_t cap);
/* Read the request's cookies and session; never fails for a bad or
 * stale cookie (the visitor is then a guest).  500/503 answered in resp
 * when the account database fails: returns < 0 then.  Release with
 * srv_web_end. */
int srv_web_begin(srv_web *w, srv_req *req, srv_resp *resp);
void srv_web_end(srv_web *w);
/* Put w->main in the layout as the response (status, title, nav item). */
int srv_web_page(srv_web *w, int status, const char *title, const char *active, const char *query);
/* A 303 redirect to a local path. */
int srv_web_redirect(srv_web *w, const char *path);
/* An error page with a message for the user. */
int srv_web_error(srv_web *w, int status, const char *title, const char *msg);
/* For POST forms: the CSRF token is the request's and the request comes
 * from this site (Origin, Sec-Fetch-Site).  When not, a 403 page is
 * answered and false returned. */
bool srv_web_csrf(srv_web *w);
/* Set the session cookie (token; "" clears it) and the guest cookie. */
void srv_web_set_session(srv_web *w, const char *token);
/* The banner for a meter. */
void srv_web_meter_text(srv_web *w, const mc_meter *m);
/* A form parameter (POST body fields follow the query's); "" when absent. */
const char *srv_web_field(srv_web *w, const char *name);
/* Answer 429 with a page when a rate limit is reached (returns true). */
bool srv_web_rate(srv_web *w, mc_rate_kind kind, const char *key);

#endif
