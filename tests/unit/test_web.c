/* The web application in-process (mc_server_request_run) over the fixture
 * store, with the account database on SQLite and on a PostgreSQL server
 * this program starts (tests/unit/pg_server.sh): security headers and
 * cookies, the meter through pages (guest 1, account 5, the wall, re-views,
 * crawlers unmetered), register and log-in through forms with CSRF tokens,
 * session rotation, log-out, every refusal (missing or foreign CSRF token,
 * another Origin, wrong content type, oversized and malformed forms,
 * rate limits) and field messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "medcode/account.h"
#include "medcode/import.h"
#include "medcode/server.h"
#include "medcode/store.h"

static char dir[128], db[256], pgdir[128], pgconn[512], pg_script[600];

typedef struct jar { char guest[64], session[64]; } jar;

typedef struct fx {
	mc_server *srv;
	char acct[600];
} fx;

static int open_server(void **state, const char *acct, const mc_accounts_opts *ao)
{
	fx *f = calloc(1, sizeof(*f));
	snprintf(f->acct, sizeof(f->acct), "%s", acct);
	mc_server_opts o = { .db_path = db, .log_fd = -1, .no_cache = 1, .accounts = f->acct, .account_opts = ao };
	mc_error err;
	if (mc_server_new(&f->srv, &o, &err) < 0) {
		fprintf(stderr, "server: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static mc_accounts_opts fast = { .pw_ops = 1, .pw_mem = 8192, .login_per_address = 4 };
static int n_sqlite;

static int setup_sqlite(void **state)
{
	char p[300];
	snprintf(p, sizeof(p), "%s/acct%d.db", dir, ++n_sqlite);
	return open_server(state, p, &fast);
}

static int setup_pg(void **state)
{
	return open_server(state, pgconn, &fast);
}

static int teardown(void **state)
{
	fx *f = *state;
	mc_server_free(f->srv);
	free(f);
	return 0;
}

/* Take the cookies a response sets into the jar. */
static void take_cookies(jar *j, const char *headers)
{
	for (const char *p = headers; (p = strstr(p, "Set-Cookie: ")); p++) {
		p += 12;
		char *dst = strncmp(p, "mc_guest=", 9) == 0 ? j->guest : strncmp(p, "mc_session=", 11) == 0 ? j->session : NULL;
		if (!dst)
			continue;
		const char *v = strchr(p, '=') + 1;
		size_t n = strcspn(v, ";\r");
		snprintf(dst, 64, "%.*s", (int)n, v);
	}
}

/* One request with the jar's cookies; extra header pairs may follow. */
static void web(fx *f, jar *j, const char *method, const char *target, const char *body, const char *ctype,
		const char *h1, const char *v1, mc_server_response *r)
{
	char cookie[200];
	snprintf(cookie, sizeof(cookie), "mc_guest=%s; mc_session=%s", j ? j->guest : "", j ? j->session : "");
	const char *hs[] = { "Cookie", cookie, "Content-Type", ctype ? ctype : "application/x-www-form-urlencoded",
			     "Host", "127.0.0.1:8080", h1, v1, NULL };
	mc_server_request rq = { .method = method, .target = target, .body = body, .body_len = body ? strlen(body) : 0,
				 .headers = hs, .client_addr = "10.1.2.3" };
	assert_int_equal(mc_server_request_run(f->srv, &rq, r), 0);
	if (j)
		take_cookies(j, r->headers);
}

static int status_of(fx *f, jar *j, const char *method, const char *target, const char *body)
{
	mc_server_response r;
	web(f, j, method, target, body, NULL, NULL, NULL, &r);
	int s = r.status;
	mc_server_response_release(&r);
	return s;
}

/* The CSRF token in a page. */
static void csrf_of(fx *f, jar *j, const char *page, char out[64])
{
	mc_server_response r;
	web(f, j, "GET", page, NULL, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	const char *p = strstr(r.body, "name=\"csrf\" value=\"");
	assert_non_null(p);
	p += 19;
	snprintf(out, 64, "%.*s", (int)strcspn(p, "\""), p);
	mc_server_response_release(&r);
}

static void test_headers(void **state)
{
	fx *f = *state;
	jar j = { "", "" };
	mc_server_response r;
	web(f, &j, "GET", "/", NULL, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "text/html; charset=utf-8");
	assert_non_null(strstr(r.headers, "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'"));
	assert_non_null(strstr(r.headers, "frame-ancestors 'none'"));
	assert_non_null(strstr(r.headers, "X-Frame-Options: DENY"));
	assert_non_null(strstr(r.headers, "Referrer-Policy: same-origin"));
	assert_non_null(strstr(r.headers, "Cache-Control: no-store"));
	assert_non_null(strstr(r.headers, "; HttpOnly; SameSite=Lax\r\n"));
	assert_null(strstr(r.headers, "Secure"));
	assert_true(mc_token_shape(j.guest, MC_ACCOUNT_GUEST_LEN));
	/* No inline script or style anywhere. */
	assert_null(strstr(r.body, "<script>"));
	assert_null(strstr(r.body, "<style"));
	assert_null(strstr(r.body, "style=\""));
	assert_non_null(strstr(r.body, "<script src=\"/static/app.js\" defer></script>"));
	mc_server_response_release(&r);
	/* A known guest gets no new cookie. */
	web(f, &j, "GET", "/", NULL, NULL, NULL, NULL, &r);
	assert_null(strstr(r.headers, "Set-Cookie"));
	mc_server_response_release(&r);
	web(f, NULL, "GET", "/static/app.js", NULL, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "/api/v1/search?prefix=true"));
	mc_server_response_release(&r);
	assert_int_equal(status_of(f, NULL, "GET", "/static/site.css", NULL), 200);
	assert_int_equal(status_of(f, NULL, "GET", "/robots.txt", NULL), 200);
	assert_int_equal(status_of(f, NULL, "DELETE", "/login", NULL), 405);
}

static void register_user(fx *f, jar *j, const char *email)
{
	char csrf[64], body[400];
	csrf_of(f, j, "/register", csrf);
	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=a+long+password+1&confirm=a+long+password+1", csrf, email);
	mc_server_response r;
	web(f, j, "POST", "/register", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.headers, "Location: /account"));
	assert_true(mc_token_shape(j->session, MC_ACCOUNT_TOKEN_LEN));
	mc_server_response_release(&r);
}

static void test_meter_pages(void **state)
{
	fx *f = *state;
	jar j = { "", "" };
	mc_server_response r;
	assert_int_equal(status_of(f, &j, "GET", "/", NULL), 200);
	web(f, &j, "GET", "/codes/Q99.0", NULL, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<article class=\"doc\">"));
	assert_non_null(strstr(r.body, "0 code page views remaining"));
	mc_server_response_release(&r);
	/* The wall: the heading, no facts. */
	web(f, &j, "GET", "/codes/Q99.10", NULL, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "id=\"wall\""));
	assert_null(strstr(r.body, "<article class=\"doc\">"));
	mc_server_response_release(&r);
	assert_int_equal(status_of(f, &j, "GET", "/codes/Q99.0", NULL), 200);
	/* A code that does not exist costs nothing. */
	assert_int_equal(status_of(f, &j, "GET", "/codes/Z99.99", NULL), 404);
	/* A crawler is not metered and sees no facts. */
	mc_server_response c;
	web(f, NULL, "GET", "/codes/Q99.11", NULL, NULL, "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)", &c);
	assert_int_equal(c.status, 200);
	assert_null(strstr(c.body, "<article class=\"doc\">"));
	assert_null(strstr(c.headers, "Set-Cookie"));
	mc_server_response_release(&c);
	/* Five more after registering, then the wall again. */
	char email[64];
	snprintf(email, sizeof(email), "meter%ld%d%%40example.org", (long)getpid(), rand() % 100000);
	register_user(f, &j, email);
	const char *five[] = { "Q99.10", "Q99.11", "Q99.1", "Q99", "Q99.2" };
	for (int i = 0; i < 5; i++) {
		char t[48];
		snprintf(t, sizeof(t), "/codes/%s", five[i]);
		web(f, &j, "GET", t, NULL, NULL, NULL, NULL, &r);
		if (r.status != 200)
			fprintf(stderr, "%s -> %d\n", t, r.status);
		assert_int_equal(r.status, 200);
		char left[64];
		snprintf(left, sizeof(left), "%d of 5 free code page views left", 4 - i);
		assert_non_null(strstr(r.body, left));
		mc_server_response_release(&r);
	}
	assert_int_equal(status_of(f, &j, "GET", "/codes/Q99.0", NULL), 403);
	assert_int_equal(status_of(f, &j, "GET", "/codes/Q99.10", NULL), 200);
}

static void test_forms(void **state)
{
	fx *f = *state;
	jar j = { "", "" };
	char csrf[64], body[600], email[64];
	snprintf(email, sizeof(email), "forms%ld%d%%40example.org", (long)getpid(), rand() % 100000);
	csrf_of(f, &j, "/register", csrf);
	mc_server_response r;
	/* Field messages. */
	snprintf(body, sizeof(body), "csrf=%s&email=nope&password=short&confirm=x", csrf);
	web(f, &j, "POST", "/register", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "id=\"email-err\""));
	assert_non_null(strstr(r.body, "at least 10 characters"));
	assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
	mc_server_response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=a+long+password+1&confirm=a+long+password+2", csrf, email);
	web(f, &j, "POST", "/register", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "The two passwords differ."));
	mc_server_response_release(&r);
	/* CSRF: none, another visitor's, another site. */
	snprintf(body, sizeof(body), "email=%s&password=a+long+password+1&confirm=a+long+password+1", email);
	assert_int_equal(status_of(f, &j, "POST", "/register", body), 403);
	jar other = { "", "" };
	char csrf2[64];
	csrf_of(f, &other, "/register", csrf2);
	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=a+long+password+1&confirm=a+long+password+1", csrf2, email);
	assert_int_equal(status_of(f, &j, "POST", "/register", body), 403);
	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=a+long+password+1&confirm=a+long+password+1", csrf, email);
	web(f, &j, "POST", "/register", body, NULL, "Origin", "https://evil.example", &r);
	assert_int_equal(r.status, 403);
	mc_server_response_release(&r);
	web(f, &j, "POST", "/register", body, NULL, "Sec-Fetch-Site", "cross-site", &r);
	assert_int_equal(r.status, 403);
	mc_server_response_release(&r);
	/* Not a form; too big; malformed. */
	web(f, &j, "POST", "/register", body, "application/json", NULL, NULL, &r);
	assert_int_equal(r.status, 415);
	mc_server_response_release(&r);
	char *big = malloc(9000);
	memset(big, 'a', 8999);
	big[8999] = '\0';
	assert_int_equal(status_of(f, &j, "POST", "/login", big), 413);
	free(big);
	assert_int_equal(status_of(f, &j, "POST", "/login", "csrf=%zz"), 400);
	/* Now for real: a session, then log-out, log-in with rotation. */
	web(f, &j, "POST", "/register", body, NULL, "Origin", "http://127.0.0.1:8080", &r);
	assert_int_equal(r.status, 303);
	mc_server_response_release(&r);
	char first[64];
	snprintf(first, sizeof(first), "%s", j.session);
	web(f, &j, "GET", "/account", NULL, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "5 of 5 free code page views left"));
	mc_server_response_release(&r);
	/* The log-out form's token is the session's, not the guest's. */
	csrf_of(f, &j, "/account", csrf);
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	web(f, &j, "POST", "/logout", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.headers, "mc_session=; Path=/; Max-Age=0"));
	mc_server_response_release(&r);
	jar replay = j;
	snprintf(replay.session, sizeof(replay.session), "%s", first);
	web(f, &replay, "GET", "/account", NULL, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 303); /* to /login: the session is gone */
	mc_server_response_release(&r);
	csrf_of(f, &j, "/login", csrf);
	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=wrong+password+1", csrf, email);
	web(f, &j, "POST", "/login", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	assert_non_null(strstr(r.body, "Email or password is incorrect."));
	mc_server_response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&email=x%s&password=wrong+password+1", csrf, email);
	web(f, &j, "POST", "/login", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	assert_non_null(strstr(r.body, "Email or password is incorrect."));
	mc_server_response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=a+long+password+1", csrf, email);
	web(f, &j, "POST", "/login", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	mc_server_response_release(&r);
	assert_string_not_equal(j.session, first);
	/* Log-in attempts per address (login_per_address = 4 here): the
	 * fourth of this window is the last let through. */
	csrf_of(f, &j, "/account", csrf);
	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=a+long+password+1", csrf, email);
	assert_int_equal(status_of(f, &j, "POST", "/login", body), 303);
	csrf_of(f, &j, "/account", csrf);
	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=a+long+password+1", csrf, email);
	mc_server_response r2;
	web(f, &j, "POST", "/login", body, NULL, NULL, NULL, &r2);
	assert_int_equal(r2.status, 429);
	assert_non_null(strstr(r2.headers, "Retry-After: "));
	mc_server_response_release(&r2);
}

static void test_tools(void **state)
{
	fx *f = *state;
	jar j = { "", "" };
	char csrf[64], body[400];
	csrf_of(f, &j, "/redact", csrf);
	mc_server_response r;
	snprintf(body, sizeof(body), "csrf=%s&text=+++", csrf);
	web(f, &j, "POST", "/redact", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "Paste some text first."));
	mc_server_response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&mode=surrogate&text=Call+555-123-4567+on+03%%2F04%%2F2021.", csrf);
	web(f, &j, "POST", "/redact", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "id=\"spans\""));
	assert_non_null(strstr(r.body, "PHONE"));
	assert_non_null(strstr(r.headers, "Cache-Control: no-store"));
	mc_server_response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&mode=bogus&text=x", csrf);
	assert_int_equal(status_of(f, &j, "POST", "/redact", body), 400);
	assert_int_equal(status_of(f, &j, "GET", "/detect", NULL), 200);
	assert_int_equal(status_of(f, &j, "GET", "/ask", NULL), 200);
	assert_int_equal(status_of(f, &j, "GET", "/ask?q=", NULL), 400);
	assert_int_equal(status_of(f, &j, "GET", "/publish", NULL), 200);
	csrf_of(f, &j, "/publish", csrf);
	snprintf(body, sizeof(body), "csrf=%s&code=Q99.0&record=%%7Bnope", csrf);
	web(f, &j, "POST", "/publish", body, NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "id=\"pub-record-err\""));
	mc_server_response_release(&r);
	assert_int_equal(status_of(f, &j, "GET", "/codes/Q99.0?date=2021-13-40", NULL), 400);
	assert_int_equal(status_of(f, &j, "GET", "/codes/Q99.0?system=nope", NULL), 400);
}

static void stop_pg(void)
{
	char cmd[1200];
	snprintf(cmd, sizeof(cmd), "bash '%s' stop '%s' >/dev/null 2>&1; rm -rf '%s' '%s'", pg_script, pgdir, pgdir, dir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_web: cleanup failed\n");
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/mc-web-XXXXXX");
	snprintf(pgdir, sizeof(pgdir), "/tmp/mc-webpg-XXXXXX");
	if (!mkdtemp(dir) || !mkdtemp(pgdir))
		return 1;
	snprintf(db, sizeof(db), "%s/t.db", dir);
	char p1[4096], p2[4096];
	snprintf(p1, sizeof(p1), "%s", th_fixture("store/order_2020.txt"));
	snprintf(p2, sizeof(p2), "%s", th_fixture("store/order_2021.txt"));
	const char *both[] = { p1, p2 };
	mc_store *s = NULL;
	mc_error err;
	if (mc_store_open(&s, db, MC_STORE_WRITE, &err) < 0 || mc_import_paths(s, both, 2, NULL, NULL, &err) < 0) {
		fprintf(stderr, "store: %s\n", err.msg);
		return 1;
	}
	mc_store_free(s);
	const char *src = getenv("MC_SOURCE_DIR");
	snprintf(pg_script, sizeof(pg_script), "%s/tests/unit/pg_server.sh", src ? src : ".");
	chmod(pgdir, 0755);
	char cmd[1200];
	snprintf(cmd, sizeof(cmd), "bash '%s' start '%s'", pg_script, pgdir);
	FILE *p = popen(cmd, "r");
	if (!p || !fgets(pgconn, sizeof(pgconn), p) || pclose(p) != 0) {
		fprintf(stderr, "test_web: cannot start PostgreSQL\n");
		return 1;
	}
	pgconn[strcspn(pgconn, "\n")] = '\0';
	atexit(stop_pg);
	srand((unsigned)getpid());
#define BOTH(t) { #t "/sqlite", t, setup_sqlite, teardown, NULL }, { #t "/postgresql", t, setup_pg, teardown, NULL }
	const struct CMUnitTest tests[] = {
		BOTH(test_headers), BOTH(test_meter_pages), BOTH(test_forms), BOTH(test_tools),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
