/* The account module against both backends: the same tests run on an
 * SQLite file and on a PostgreSQL server this program starts in a
 * temporary directory (tests/unit/pg_server.sh: initdb + pg_ctl, Unix
 * socket only) and stops at exit.  Users, argon2id hashes, sessions and
 * their rotation, CSRF tokens, the meter (guest 1, account 5, re-views
 * free, guests per address, counts surviving a reopen, two handles on one
 * database metering exactly) and rate limits. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "medcode/account.h"

static char conn[2][512];       /* [0] SQLite path, [1] PostgreSQL conninfo */
static char tmpdir_[2][256];
static int serial;

/* Fast hashing for the tests that are not about its parameters. */
static mc_accounts *open_acct(int backend, const mc_accounts_opts *o)
{
	mc_accounts_opts d = { .pw_ops = 1, .pw_mem = 8192 };
	if (o)
		d = *o;
	if (!d.pw_ops) {
		d.pw_ops = 1;
		d.pw_mem = 8192;
	}
	mc_accounts *a = NULL;
	mc_error err;
	mc_error_clear(&err);
	int rc = mc_accounts_open(&a, conn[backend], &d, &err);
	if (rc != 0)
		fail_msg("open %s: %s", conn[backend], err.msg);
	assert_string_equal(mc_accounts_backend(a), backend ? "postgresql" : "sqlite");
	return a;
}

static void unique(char *out, size_t cap, const char *what)
{
	snprintf(out, cap, "%s%d.%ld@example.org", what, ++serial, (long)getpid());
}

static int setup_sqlite(void **state)
{
	*state = (void *)(intptr_t)0;
	return 0;
}

static int setup_pg(void **state)
{
	*state = (void *)(intptr_t)1;
	return 0;
}

#define BACKEND (int)(intptr_t)*state

static void test_users(void **state)
{
	mc_accounts *a = open_acct(BACKEND, NULL);
	char email[128], upper[128];
	unique(email, sizeof(email), "user");
	mc_error err;
	int64_t id = 0, id2 = 0;
	assert_int_equal(mc_account_create(a, email, "a good long password", &id, &err), 0);
	assert_true(id > 0);
	/* Taken, whatever the case. */
	for (size_t i = 0; email[i]; i++)
		upper[i] = (char)(email[i] >= 'a' && email[i] <= 'z' ? email[i] - 32 : email[i]);
	upper[strlen(email)] = '\0';
	assert_int_equal(mc_account_create(a, upper, "another long password", &id2, &err), 1);
	assert_int_equal(mc_account_verify(a, upper, "a good long password", &id2, &err), 0);
	assert_int_equal(id2, id);
	assert_int_equal(mc_account_verify(a, email, "a good long passworD", &id2, &err), 1);
	assert_int_equal(mc_account_verify(a, "nobody-here@example.org", "a good long password", &id2, &err), 1);
	assert_int_equal(mc_account_verify(a, "not an email", "x", &id2, &err), 1);
	char got[300];
	assert_int_equal(mc_account_email(a, id, got, sizeof(got), &err), 0);
	assert_string_equal(got, email);
	assert_int_equal(mc_account_email(a, id + 100000, got, sizeof(got), &err), 1);
	mc_accounts_free(a);
}

static void test_field_checks(void **state)
{
	(void)state;
	char norm[MC_ACCOUNT_EMAIL_MAX + 1];
	mc_error err;
	assert_int_equal(mc_account_check_email("  Coder@Example.ORG ", norm, &err), 0);
	assert_string_equal(norm, "coder@example.org");
	const char *bad[] = { "", "coder", "@example.org", "coder@", "coder@example", "a b@example.org",
			      "a@b@example.org", "coder@example.org.", "<x>@example.org" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(mc_account_check_email(bad[i], norm, &err), MC_EINVAL);
		assert_true(strlen(err.msg) > 10);
	}
	char long_email[400];
	memset(long_email, 'a', 300);
	strcpy(long_email + 300, "@example.org");
	assert_int_equal(mc_account_check_email(long_email, norm, &err), MC_EINVAL);
	assert_int_equal(mc_account_check_password("short", &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "at least 10"));
	assert_int_equal(mc_account_check_password("ééééééééé", &err), MC_EINVAL); /* 9 characters, 18 bytes */
	assert_int_equal(mc_account_check_password("éééééééééé", &err), 0);
	char huge[200];
	memset(huge, 'x', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	assert_int_equal(mc_account_check_password(huge, &err), MC_EINVAL);
	assert_int_equal(mc_account_check_password("bad \xff utf8 text", &err), MC_EINVAL);
}

/* The default parameters are argon2id, 2 passes, 64 MiB: read back from
 * the SQLite file itself. */
static void test_argon2id_defaults(void **state)
{
	(void)state;
	char path[300];
	snprintf(path, sizeof(path), "%s/defaults.db", tmpdir_[0]);
	mc_accounts *a = NULL;
	mc_error err;
	assert_int_equal(mc_accounts_open(&a, path, NULL, &err), 0);
	assert_int_equal(mc_accounts_options(a)->pw_ops, 2);
	assert_int_equal(mc_accounts_options(a)->pw_mem, 64u << 20);
	int64_t id;
	assert_int_equal(mc_account_create(a, "argon@example.org", "a good long password", &id, &err), 0);
	mc_accounts_free(a);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT pwhash FROM mc_users", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *h = (const char *)sqlite3_column_text(st, 0);
	assert_true(strncmp(h, "$argon2id$v=19$m=65536,t=2,p=1$", 31) == 0);
	assert_null(strstr(h, "good long"));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_sessions(void **state)
{
	mc_accounts *a = open_acct(BACKEND, NULL);
	char email[128];
	unique(email, sizeof(email), "ses");
	mc_error err;
	int64_t id, uid = 0;
	assert_int_equal(mc_account_create(a, email, "first password 1", &id, &err), 0);
	char t1[MC_ACCOUNT_TOKEN_LEN + 1], t2[MC_ACCOUNT_TOKEN_LEN + 1], t3[MC_ACCOUNT_TOKEN_LEN + 1];
	assert_int_equal(mc_session_start(a, id, NULL, t1, &err), 0);
	assert_true(mc_token_shape(t1, MC_ACCOUNT_TOKEN_LEN));
	assert_int_equal(mc_session_user(a, t1, &uid, &err), 0);
	assert_int_equal(uid, id);
	/* Rotation: the old token dies with the new one's birth. */
	assert_int_equal(mc_session_start(a, id, t1, t2, &err), 0);
	assert_string_not_equal(t1, t2);
	assert_int_equal(mc_session_user(a, t1, &uid, &err), 1);
	assert_int_equal(mc_session_user(a, t2, &uid, &err), 0);
	assert_int_equal(mc_session_start(a, id, NULL, t3, &err), 0);
	/* A password change keeps the session it came from, ends the rest. */
	assert_int_equal(mc_account_set_password(a, id, "wrong password", "second password 2", t2, &err), 1);
	assert_int_equal(mc_account_set_password(a, id, "first password 1", "short", t2, &err), MC_EINVAL);
	assert_int_equal(mc_account_set_password(a, id, "first password 1", "second password 2", t2, &err), 0);
	assert_int_equal(mc_session_user(a, t2, &uid, &err), 0);
	assert_int_equal(mc_session_user(a, t3, &uid, &err), 1);
	assert_int_equal(mc_account_verify(a, email, "second password 2", &uid, &err), 0);
	assert_int_equal(mc_account_verify(a, email, "first password 1", &uid, &err), 1);
	assert_int_equal(mc_session_end(a, t2, &err), 0);
	assert_int_equal(mc_session_user(a, t2, &uid, &err), 1);
	/* Malformed tokens are simply unknown. */
	assert_int_equal(mc_session_user(a, "short", &uid, &err), 1);
	assert_int_equal(mc_session_user(a, "' OR 1=1 --xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", &uid, &err), 1);
	mc_accounts_free(a);
}

static void test_csrf(void **state)
{
	mc_accounts *a = open_acct(BACKEND, NULL);
	char g[MC_ACCOUNT_GUEST_LEN + 1], h[MC_ACCOUNT_GUEST_LEN + 1];
	char t[MC_ACCOUNT_CSRF_LEN + 1], u[MC_ACCOUNT_CSRF_LEN + 1];
	mc_guest_new(g);
	mc_guest_new(h);
	assert_string_not_equal(g, h);
	mc_csrf_token(a, g, t);
	assert_true(mc_csrf_check(a, g, t));
	assert_false(mc_csrf_check(a, h, t));
	assert_false(mc_csrf_check(a, g, ""));
	assert_false(mc_csrf_check(a, "", t));
	memcpy(u, t, sizeof(u));
	u[5] = u[5] == 'A' ? 'B' : 'A';
	assert_false(mc_csrf_check(a, g, u));
	mc_accounts_free(a);
	/* The key is the database's: a restart (or another server) accepts it. */
	a = open_acct(BACKEND, NULL);
	assert_true(mc_csrf_check(a, g, t));
	mc_accounts_free(a);
}

static void test_meter(void **state)
{
	mc_accounts *a = open_acct(BACKEND, NULL);
	char g[MC_ACCOUNT_GUEST_LEN + 1], email[128];
	mc_guest_new(g);
	unique(email, sizeof(email), "meter");
	mc_error err;
	mc_meter m;
	int64_t now = (int64_t)time(NULL), id;
	assert_int_equal(mc_meter_peek(a, 0, g, now, &m, &err), 0);
	assert_true(m.allowed);
	assert_int_equal(m.used, 0);
	assert_int_equal(m.limit, 1);
	assert_int_equal(mc_meter_view(a, 0, g, "10.0.0.1", "cpt:0620T", now, &m, &err), 0);
	assert_true(m.allowed);
	assert_int_equal(m.used, 1);
	assert_int_equal(mc_meter_view(a, 0, g, "10.0.0.1", "cpt:0620T", now, &m, &err), 0);
	assert_true(m.allowed); /* a re-view is free */
	assert_int_equal(mc_meter_view(a, 0, g, "10.0.0.1", "cpt:99213", now, &m, &err), 0);
	assert_false(m.allowed);
	assert_int_equal(m.used, 1);
	assert_int_equal(strlen(m.period), 7);
	assert_int_equal(strlen(m.resets), 10);
	assert_string_equal(m.resets + 8, "01");
	assert_int_equal(mc_account_create(a, email, "a good long password", &id, &err), 0);
	const char *items[] = { "cpt:99213", "cpt:34712", "cpt:37249", "icd10cm:E11.52", "cpt:77001" };
	for (unsigned i = 0; i < 5; i++) {
		assert_int_equal(mc_meter_view(a, id, g, "10.0.0.1", items[i], now, &m, &err), 0);
		assert_true(m.allowed);
		assert_int_equal(m.used, i + 1);
		assert_int_equal(m.limit, 5);
	}
	assert_int_equal(mc_meter_view(a, id, g, "10.0.0.1", "hcpcs:J1100", now, &m, &err), 0);
	assert_false(m.allowed);
	mc_accounts_free(a);
	/* Counts survive a restart. */
	a = open_acct(BACKEND, NULL);
	assert_int_equal(mc_meter_view(a, id, g, "10.0.0.1", "hcpcs:J1100", now, &m, &err), 0);
	assert_false(m.allowed);
	assert_int_equal(mc_meter_view(a, id, g, "10.0.0.1", "cpt:34712", now, &m, &err), 0);
	assert_true(m.allowed);
	assert_int_equal(mc_meter_peek(a, 0, g, now, &m, &err), 0);
	assert_int_equal(m.used, 1);
	/* Next month starts afresh. */
	assert_int_equal(mc_meter_view(a, id, g, "10.0.0.1", "hcpcs:J1100", now + 32 * 86400, &m, &err), 0);
	assert_true(m.allowed);
	assert_int_equal(m.used, 1);
	mc_accounts_free(a);
}

static void test_guests_per_address(void **state)
{
	mc_accounts_opts o = { .guests_per_address = 2 };
	mc_accounts *a = open_acct(BACKEND, &o);
	char addr[64];
	snprintf(addr, sizeof(addr), "192.0.2.%d", ++serial % 250);
	mc_error err;
	mc_meter m;
	int64_t now = (int64_t)time(NULL);
	char g[3][MC_ACCOUNT_GUEST_LEN + 1];
	for (int i = 0; i < 3; i++)
		mc_guest_new(g[i]);
	assert_int_equal(mc_meter_view(a, 0, g[0], addr, "cpt:1", now, &m, &err), 0);
	assert_true(m.allowed);
	assert_int_equal(mc_meter_view(a, 0, g[1], addr, "cpt:2", now, &m, &err), 0);
	assert_true(m.allowed);
	/* A third new guest from the address (cookies cleared) is walled. */
	assert_int_equal(mc_meter_view(a, 0, g[2], addr, "cpt:3", now, &m, &err), 0);
	assert_false(m.allowed);
	/* The first keeps its page; another address is not affected. */
	assert_int_equal(mc_meter_view(a, 0, g[0], addr, "cpt:1", now, &m, &err), 0);
	assert_true(m.allowed);
	assert_int_equal(mc_meter_view(a, 0, g[2], "198.51.100.7", "cpt:3", now, &m, &err), 0);
	assert_true(m.allowed);
	mc_accounts_free(a);
}

static void test_rate_limits(void **state)
{
	mc_accounts_opts o = { .login_per_address = 3 };
	mc_accounts *a = open_acct(BACKEND, &o);
	char key[64];
	snprintf(key, sizeof(key), "203.0.113.%d", ++serial % 250);
	mc_error err;
	int64_t now = (int64_t)time(NULL), retry = 0;
	for (int i = 0; i < 3; i++)
		assert_int_equal(mc_rate_hit(a, MC_RATE_LOGIN_ADDR, key, now, &retry, &err), 0);
	assert_int_equal(mc_rate_blocked(a, MC_RATE_LOGIN_ADDR, key, now, &retry, &err), 1);
	assert_int_equal(mc_rate_hit(a, MC_RATE_LOGIN_ADDR, key, now, &retry, &err), 1);
	assert_true(retry > 0 && retry <= 900);
	/* Other kinds and keys count apart. */
	assert_int_equal(mc_rate_hit(a, MC_RATE_SIGNUP_ADDR, key, now, NULL, &err), 0);
	assert_int_equal(mc_rate_hit(a, MC_RATE_LOGIN_ADDR, "203.0.113.254x", now, NULL, &err), 0);
	/* The next window is clear; clearing empties the current one. */
	assert_int_equal(mc_rate_hit(a, MC_RATE_LOGIN_ADDR, key, now + 900, NULL, &err), 0);
	assert_int_equal(mc_rate_clear(a, MC_RATE_LOGIN_ADDR, key, now, &err), 0);
	assert_int_equal(mc_rate_blocked(a, MC_RATE_LOGIN_ADDR, key, now, NULL, &err), 0);
	assert_int_equal(mc_accounts_prune(a, now + 2 * 86400, &err), 0);
	assert_int_equal(mc_rate_blocked(a, MC_RATE_LOGIN_ADDR, key, now + 900, NULL, &err), 0);
	mc_accounts_free(a);
}

/* Two handles on one database (two servers behind a load balancer): a
 * session of one is live in the other, and the meter is one meter. */
static void test_two_servers(void **state)
{
	mc_accounts *a = open_acct(BACKEND, NULL), *b = open_acct(BACKEND, NULL);
	char email[128], tok[MC_ACCOUNT_TOKEN_LEN + 1];
	unique(email, sizeof(email), "two");
	mc_error err;
	int64_t id, uid;
	assert_int_equal(mc_account_create(a, email, "a good long password", &id, &err), 0);
	assert_int_equal(mc_account_verify(b, email, "a good long password", &uid, &err), 0);
	assert_int_equal(mc_session_start(a, id, NULL, tok, &err), 0);
	assert_int_equal(mc_session_user(b, tok, &uid, &err), 0);
	assert_int_equal(uid, id);
	mc_meter m;
	int64_t now = (int64_t)time(NULL);
	int allowed = 0;
	for (int i = 0; i < 8; i++) {
		char item[16];
		snprintf(item, sizeof(item), "cpt:%d", i);
		assert_int_equal(mc_meter_view(i % 2 ? a : b, id, NULL, NULL, item, now, &m, &err), 0);
		allowed += m.allowed;
	}
	assert_int_equal(allowed, 5);
	assert_int_equal(mc_session_end(b, tok, &err), 0);
	assert_int_equal(mc_session_user(a, tok, &uid, &err), 1);
	mc_accounts_free(a);
	mc_accounts_free(b);
}

static void test_bad_connection(void **state)
{
	(void)state;
	mc_accounts *a = NULL;
	mc_error err;
	mc_error_clear(&err);
	assert_int_equal(mc_accounts_open(&a, "host=/nonexistent-dir dbname=x user=y password=hunter2", NULL, &err),
			 MC_EDB);
	assert_null(a);
	assert_null(strstr(err.msg, "hunter2"));
	assert_int_equal(mc_accounts_open(&a, "/nonexistent-dir/a.db", NULL, &err), MC_EDB);
	assert_int_equal(mc_accounts_open(&a, "", NULL, &err), MC_EINVAL);
}

static char pg_script[600];

static void stop_pg(void)
{
	char cmd[1200];
	snprintf(cmd, sizeof(cmd), "bash '%s' stop '%s' >/dev/null 2>&1; rm -rf '%s'", pg_script, tmpdir_[1],
		 tmpdir_[1]);
	if (system(cmd) != 0)
		fprintf(stderr, "test_account: stopping PostgreSQL failed\n");
}

static void stop_sqlite(void)
{
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir_[0]);
	if (system(cmd) != 0)
		fprintf(stderr, "test_account: cleaning up failed\n");
}

int main(void)
{
	snprintf(tmpdir_[0], sizeof(tmpdir_[0]), "/tmp/mc-acct-XXXXXX");
	snprintf(tmpdir_[1], sizeof(tmpdir_[1]), "/tmp/mc-pg-XXXXXX");
	if (!mkdtemp(tmpdir_[0]) || !mkdtemp(tmpdir_[1])) {
		perror("mkdtemp");
		return 1;
	}
	atexit(stop_sqlite);
	snprintf(conn[0], sizeof(conn[0]), "%s/accounts.db", tmpdir_[0]);
	/* The PostgreSQL server of this test (MC_PG_CONNINFO: use another). */
	const char *given = getenv("MC_PG_CONNINFO");
	if (given) {
		snprintf(conn[1], sizeof(conn[1]), "%s", given);
	} else {
		const char *src = getenv("MC_SOURCE_DIR");
		snprintf(pg_script, sizeof(pg_script), "%s/tests/unit/pg_server.sh", src ? src : ".");
		chmod(tmpdir_[1], 0755);
		char cmd[1200];
		snprintf(cmd, sizeof(cmd), "bash '%s' start '%s'", pg_script, tmpdir_[1]);
		FILE *p = popen(cmd, "r");
		if (!p || !fgets(conn[1], sizeof(conn[1]), p) || pclose(p) != 0) {
			fprintf(stderr, "test_account: cannot start PostgreSQL (see above)\n");
			return 1;
		}
		conn[1][strcspn(conn[1], "\n")] = '\0';
		atexit(stop_pg);
	}
#define BOTH(t) { #t "/sqlite", t, setup_sqlite, NULL, NULL }, { #t "/postgresql", t, setup_pg, NULL, NULL }
	const struct CMUnitTest tests[] = {
		BOTH(test_users), BOTH(test_sessions), BOTH(test_csrf), BOTH(test_meter),
		BOTH(test_guests_per_address), BOTH(test_rate_limits), BOTH(test_two_servers),
		cmocka_unit_test(test_field_checks), cmocka_unit_test(test_argon2id_defaults),
		cmocka_unit_test(test_bad_connection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
