/* Accounts as pages: register, log in, log out, change password.
 * Messages never tell whether an email has an account (log-in failures
 * all read the same; see docs/web.md for sign-up).  Log-in is limited per
 * client address and per account, sign-up and password changes per
 * address.  A session is started anew (rotated) at every log-in; a
 * password change ends the user's other sessions.  Passwords live only in
 * the request (its arena is wiped) and in libsodium's hashing. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/web_int.h"

typedef struct field_err { const char *email, *password, *confirm, *current; } field_err;

static void field(mc_html *h, const char *id, const char *label, const char *type, const char *auto_,
		  const char *value, const char *err, const char *hint)
{
	mc_html_printf(h, "<div class=\"field\"><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" type=\"%s\" "
			  "autocomplete=\"%s\" required", id, label, id, id, type, auto_);
	if (value) {
		mc_html_raw(h, " value=\"");
		mc_html_text(h, value);
		mc_html_raw(h, "\"");
	}
	if (err || hint)
		mc_html_printf(h, " aria-describedby=\"%s-%s\"", id, err ? "err" : "hint");
	mc_html_raw(h, err ? " aria-invalid=\"true\">" : ">");
	if (err) {
		mc_html_printf(h, "<p id=\"%s-err\" class=\"error\">", id);
		mc_html_text(h, err);
		mc_html_raw(h, "</p>");
	} else if (hint) {
		mc_html_printf(h, "<p id=\"%s-hint\" class=\"hint\">%s</p>", id, hint);
	}
	mc_html_raw(h, "</div>");
}

static void alert(mc_html *h, const char *msg)
{
	if (!msg)
		return;
	mc_html_raw(h, "<div class=\"alert\" role=\"alert\"><p>");
	mc_html_text(h, msg);
	mc_html_raw(h, "</p></div>\n");
}

static int login_page(srv_web *w, int status, const char *email, const char *msg, const field_err *fe)
{
	mc_html *h = &w->main;
	mc_html_raw(h, "<h1>Log in</h1>\n");
	alert(h, msg);
	mc_html_raw(h, "<form method=\"post\" action=\"/login\" novalidate class=\"card\">");
	mc_web_csrf_field(h, w->csrf);
	field(h, "email", "Email", "email", "username", email, fe ? fe->email : NULL, NULL);
	field(h, "password", "Password", "password", "current-password", NULL, fe ? fe->password : NULL, NULL);
	mc_html_raw(h, "<button type=\"submit\">Log in</button></form>\n<p>No account yet? "
		       "<a href=\"/register\">Register a free account</a>: 5 more code page views a month.</p>\n");
	return srv_web_page(w, status, "Log in", "login", NULL);
}

static int register_page(srv_web *w, int status, const char *email, const char *msg, const field_err *fe)
{
	mc_html *h = &w->main;
	mc_html_raw(h, "<h1>Register a free account</h1>\n<p>A free account gets 5 code page views a month "
		       "besides a guest's 1.</p>\n");
	alert(h, msg);
	mc_html_raw(h, "<form method=\"post\" action=\"/register\" novalidate class=\"card\">");
	mc_web_csrf_field(h, w->csrf);
	field(h, "email", "Email", "email", "username", email, fe ? fe->email : NULL, NULL);
	field(h, "password", "Password", "password", "new-password", NULL, fe ? fe->password : NULL,
	      "At least 10 characters.");
	field(h, "confirm", "Password again", "password", "new-password", NULL, fe ? fe->confirm : NULL, NULL);
	mc_html_raw(h, "<button type=\"submit\">Register</button></form>\n<p>Have an account? "
		       "<a href=\"/login\">Log in</a>.</p>\n");
	return srv_web_page(w, status, "Register", "register", NULL);
}

/* Start a session (rotating any old one) and send the user on. */
static int signed_in(srv_web *w, int64_t user_id)
{
	char token[MC_ACCOUNT_TOKEN_LEN + 1];
	mc_error err;
	mc_error_clear(&err);
	if (mc_session_start(w->acct, user_id, w->session[0] ? w->session : NULL, token, &err) < 0)
		return srv_web_error(w, 503, "Try again later", "The account database is not answering.");
	srv_web_set_session(w, token);
	mc_wipe(token, sizeof(token));
	return srv_web_redirect(w, "/account?welcome=1");
}

int srv_h_web_login(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	int rc = 0;
	if (req->method != SRV_POST) {
		rc = w.user_id ? srv_web_redirect(&w, "/account") : login_page(&w, 200, NULL, NULL, NULL);
		goto done;
	}
	if (!srv_web_csrf(&w) || srv_web_rate(&w, MC_RATE_LOGIN_ADDR, w.addr))
		goto done;
	const char *email = srv_web_field(&w, "email"), *pw = srv_web_field(&w, "password");
	field_err fe = { 0 };
	char norm[MC_ACCOUNT_EMAIL_MAX + 1];
	mc_error err, perr;
	mc_error_clear(&err);
	if (mc_account_check_email(email, norm, &err) < 0)
		fe.email = err.msg;
	if (!*pw)
		fe.password = "Enter your password.";
	if (fe.email || fe.password) {
		rc = login_page(&w, 400, email, NULL, &fe);
		goto done;
	}
	int64_t now = (int64_t)time(NULL), uid = 0;
	if (mc_rate_blocked(w.acct, MC_RATE_LOGIN_ACCOUNT, norm, now, NULL, &perr) == 1) {
		/* The same words whether or not the account exists. */
		rc = login_page(&w, 429, email, "Too many failed attempts for this email. Try again in 15 minutes.", NULL);
		goto done;
	}
	int v = mc_account_verify(w.acct, norm, pw, &uid, &err);
	if (v < 0) {
		rc = srv_web_error(&w, 503, "Try again later", "The account database is not answering.");
		goto done;
	}
	if (v == 1) {
		(void)mc_rate_hit(w.acct, MC_RATE_LOGIN_ACCOUNT, norm, now, NULL, &perr);
		rc = login_page(&w, 401, email, "Email or password is incorrect.", NULL);
		goto done;
	}
	(void)mc_rate_clear(w.acct, MC_RATE_LOGIN_ACCOUNT, norm, now, &perr);
	rc = signed_in(&w, uid);
done:
	srv_web_end(&w);
	return rc;
}

int srv_h_web_register(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	int rc = 0;
	if (req->method != SRV_POST) {
		rc = w.user_id ? srv_web_redirect(&w, "/account") : register_page(&w, 200, NULL, NULL, NULL);
		goto done;
	}
	if (!srv_web_csrf(&w) || srv_web_rate(&w, MC_RATE_SIGNUP_ADDR, w.addr))
		goto done;
	const char *email = srv_web_field(&w, "email"), *pw = srv_web_field(&w, "password"),
		   *confirm = srv_web_field(&w, "confirm");
	field_err fe = { 0 };
	char norm[MC_ACCOUNT_EMAIL_MAX + 1];
	mc_error e1, e2;
	mc_error_clear(&e1);
	mc_error_clear(&e2);
	if (mc_account_check_email(email, norm, &e1) < 0)
		fe.email = e1.msg;
	if (mc_account_check_password(pw, &e2) < 0)
		fe.password = e2.msg;
	else if (strcmp(pw, confirm) != 0)
		fe.confirm = "The two passwords differ.";
	if (fe.email || fe.password || fe.confirm) {
		rc = register_page(&w, 400, email, NULL, &fe);
		goto done;
	}
	int64_t uid = 0;
	int c = mc_account_create(w.acct, norm, pw, &uid, &e1);
	if (c == 1) {
		/* Taken: the right password logs in (what the person wanted);
		 * otherwise one message that does not say the email exists. */
		int v = mc_account_verify(w.acct, norm, pw, &uid, &e1);
		if (v == 0) {
			rc = signed_in(&w, uid);
			goto done;
		}
		rc = register_page(&w, 400, email,
				   "No account could be created with this email and password. If you have an "
				   "account, log in.", NULL);
		goto done;
	}
	if (c < 0) {
		rc = srv_web_error(&w, 503, "Try again later", "The account database is not answering.");
		goto done;
	}
	rc = signed_in(&w, uid);
done:
	srv_web_end(&w);
	return rc;
}

int srv_h_web_logout(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	int rc = 0;
	if (!srv_web_csrf(&w))
		goto done;
	mc_error err;
	if (w.session[0])
		(void)mc_session_end(w.acct, w.session, &err);
	srv_web_set_session(&w, "");
	rc = srv_web_redirect(&w, "/");
done:
	srv_web_end(&w);
	return rc;
}

static int account_page(srv_web *w, int status, const char *msg, const char *ok, const field_err *fe)
{
	mc_html *h = &w->main;
	mc_meter m;
	mc_error err;
	if (mc_meter_peek(w->acct, w->user_id, NULL, (int64_t)time(NULL), &m, &err) == 0)
		srv_web_meter_text(w, &m);
	mc_html_raw(h, "<h1>Your account</h1>\n");
	if (ok) {
		mc_html_raw(h, "<div class=\"ok\" role=\"status\"><p>");
		mc_html_text(h, ok);
		mc_html_raw(h, "</p></div>\n");
	}
	alert(h, msg);
	mc_html_raw(h, "<p>Signed in as <strong>");
	mc_html_text(h, w->email);
	mc_html_raw(h, "</strong>.</p>\n<h2>Change password</h2>\n<form method=\"post\" action=\"/account\" novalidate "
		       "class=\"card\">");
	mc_web_csrf_field(h, w->csrf);
	field(h, "current", "Current password", "password", "current-password", NULL, fe ? fe->current : NULL, NULL);
	field(h, "password", "New password", "password", "new-password", NULL, fe ? fe->password : NULL,
	      "At least 10 characters.");
	field(h, "confirm", "New password again", "password", "new-password", NULL, fe ? fe->confirm : NULL, NULL);
	mc_html_raw(h, "<button type=\"submit\">Change password</button></form>\n");
	return srv_web_page(w, status, "Your account", "account", NULL);
}

int srv_h_web_account(srv_req *req, srv_resp *resp)
{
	srv_web w;
	if (srv_web_begin(&w, req, resp) < 0)
		return 0;
	int rc = 0;
	if (!w.user_id) {
		rc = srv_web_redirect(&w, "/login");
		goto done;
	}
	if (req->method != SRV_POST) {
		const char *welcome = srv_param(req, "welcome");
		rc = account_page(&w, 200, NULL, welcome ? "You are logged in." : NULL, NULL);
		goto done;
	}
	if (!srv_web_csrf(&w) || srv_web_rate(&w, MC_RATE_SIGNUP_ADDR, w.addr))
		goto done;
	const char *cur = srv_web_field(&w, "current"), *pw = srv_web_field(&w, "password"),
		   *confirm = srv_web_field(&w, "confirm");
	field_err fe = { 0 };
	mc_error err;
	mc_error_clear(&err);
	if (!*cur)
		fe.current = "Enter your current password.";
	if (mc_account_check_password(pw, &err) < 0)
		fe.password = err.msg;
	else if (strcmp(pw, confirm) != 0)
		fe.confirm = "The two passwords differ.";
	if (fe.current || fe.password || fe.confirm) {
		rc = account_page(&w, 400, NULL, NULL, &fe);
		goto done;
	}
	mc_error e2;
	int c = mc_account_set_password(w.acct, w.user_id, cur, pw, w.session, &e2);
	if (c == 1) {
		fe.current = "The current password is incorrect.";
		rc = account_page(&w, 400, NULL, NULL, &fe);
	} else if (c < 0) {
		rc = srv_web_error(&w, 503, "Try again later", "The password could not be changed.");
	} else {
		rc = account_page(&w, 200, NULL, "Password changed. Your other sessions were logged out.", NULL);
	}
done:
	srv_web_end(&w);
	return rc;
}
