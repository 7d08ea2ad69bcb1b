/* The SQLite account backend: one file apart from the code store, WAL
 * journal, every statement prepared once and reused.  Writes that must
 * be atomic (a view) run in BEGIN IMMEDIATE transactions. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "account/backend.h"
#include "core/core.h"

enum {
	Q_SECRET_PUT, Q_SECRET_GET, Q_USER_ADD, Q_USER_FIND, Q_USER_GET, Q_USER_SET,
	Q_SES_ADD, Q_SES_GET, Q_SES_DEL, Q_SES_DEL_USER, Q_VIEW_HAS, Q_VIEW_COUNT, Q_VIEW_ADD,
	Q_RATE_HIT, Q_RATE_GET, Q_RATE_CLEAR, Q_PRUNE_SES, Q_PRUNE_VIEW, Q_PRUNE_RATE,
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK, NQ
};

static const char *const SQL[NQ] = {
	[Q_SECRET_PUT] = "INSERT INTO mc_meta(key, value) VALUES ('csrf_key', ?1) ON CONFLICT(key) DO NOTHING",
	[Q_SECRET_GET] = "SELECT value FROM mc_meta WHERE key = 'csrf_key'",
	[Q_USER_ADD] = "INSERT INTO mc_users(email, pwhash, created) VALUES (?1, ?2, ?3) "
		       "ON CONFLICT(email) DO NOTHING RETURNING id",
	[Q_USER_FIND] = "SELECT id, pwhash FROM mc_users WHERE email = ?1",
	[Q_USER_GET] = "SELECT email, pwhash FROM mc_users WHERE id = ?1",
	[Q_USER_SET] = "UPDATE mc_users SET pwhash = ?2 WHERE id = ?1",
	[Q_SES_ADD] = "INSERT INTO mc_sessions(token_hash, user_id, created, expires) VALUES (?1, ?2, ?3, ?4)",
	[Q_SES_GET] = "SELECT user_id FROM mc_sessions WHERE token_hash = ?1 AND expires > ?2",
	[Q_SES_DEL] = "DELETE FROM mc_sessions WHERE token_hash = ?1",
	[Q_SES_DEL_USER] = "DELETE FROM mc_sessions WHERE user_id = ?1 AND token_hash <> ?2",
	[Q_VIEW_HAS] = "SELECT 1 FROM mc_views WHERE subject = ?1 AND period = ?2 AND item = ?3",
	[Q_VIEW_COUNT] = "SELECT count(*) FROM mc_views WHERE subject = ?1 AND period = ?2",
	[Q_VIEW_ADD] = "INSERT INTO mc_views(subject, period, item, at) VALUES (?1, ?2, ?3, ?4)",
	[Q_RATE_HIT] = "INSERT INTO mc_rates(key, win, n) VALUES (?1, ?2, 1) "
		       "ON CONFLICT(key, win) DO UPDATE SET n = n + 1 RETURNING n",
	[Q_RATE_GET] = "SELECT n FROM mc_rates WHERE key = ?1 AND win = ?2",
	[Q_RATE_CLEAR] = "DELETE FROM mc_rates WHERE key = ?1 AND win = ?2",
	[Q_PRUNE_SES] = "DELETE FROM mc_sessions WHERE expires <= ?1",
	[Q_PRUNE_VIEW] = "DELETE FROM mc_views WHERE period < ?1",
	[Q_PRUNE_RATE] = "DELETE FROM mc_rates WHERE win < ?1",
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
};

static const char SCHEMA[] =
	"CREATE TABLE IF NOT EXISTS mc_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS mc_users(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,"
	" pwhash TEXT NOT NULL, created INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS mc_sessions(token_hash TEXT PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES mc_users(id) ON DELETE CASCADE,"
	" created INTEGER NOT NULL, expires INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS mc_sessions_user ON mc_sessions(user_id);"
	"CREATE TABLE IF NOT EXISTS mc_views(subject TEXT NOT NULL, period TEXT NOT NULL,"
	" item TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY(subject, period, item)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS mc_rates(key TEXT NOT NULL, win INTEGER NOT NULL,"
	" n INTEGER NOT NULL, PRIMARY KEY(key, win)) WITHOUT ROWID;";

typedef struct lite {
	sqlite3 *db;
	sqlite3_stmt *q[NQ];
} lite;

static int dberr(lite *l, mc_error *err, const char *what)
{
	return mc_error_set(err, MC_EDB, "account database: %s: %s", what, sqlite3_errmsg(l->db));
}

/* Reset and bind text/int parameters: fmt has one letter per parameter,
 * 's' (const char *) or 'i' (int64_t). */
static sqlite3_stmt *bind(lite *l, int q, const char *fmt, ...)
{
	sqlite3_stmt *st = l->q[q];
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	va_list ap;
	va_start(ap, fmt);
	int rc = SQLITE_OK;
	for (int i = 0; fmt[i] && rc == SQLITE_OK; i++) {
		if (fmt[i] == 's')
			rc = sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_STATIC);
		else
			rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
	}
	va_end(ap);
	return rc == SQLITE_OK ? st : NULL;
}

/* Run a statement that returns no row (or whose rows are ignored). */
static int run(lite *l, sqlite3_stmt *st, mc_error *err, const char *what)
{
	if (!st)
		return dberr(l, err, what);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : dberr(l, err, what);
}

/* Step once: 0 with a row, 1 without, < 0 on error (statement left for
 * the caller to read and reset). */
static int step1(lite *l, sqlite3_stmt *st, mc_error *err, const char *what)
{
	if (!st)
		return dberr(l, err, what);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 0;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 1 : dberr(l, err, what);
}

static int l_secret(void *h, const char *hex, char out[65], mc_error *err)
{
	lite *l = h;
	int rc = run(l, bind(l, Q_SECRET_PUT, "s", hex), err, "storing the CSRF key");
	if (rc < 0)
		return rc;
	sqlite3_stmt *st = bind(l, Q_SECRET_GET, "");
	if ((rc = step1(l, st, err, "reading the CSRF key")) != 0)
		return rc < 0 ? rc : mc_error_set(err, MC_EDB, "account database: no CSRF key");
	snprintf(out, 65, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return 0;
}

static int l_user_add(void *h, const char *email, const char *pwhash, int64_t now, int64_t *id,
		      mc_error *err)
{
	lite *l = h;
	sqlite3_stmt *st = bind(l, Q_USER_ADD, "ssi", email, pwhash, now);
	int rc = step1(l, st, err, "adding a user");
	if (rc != 0)
		return rc;
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

static int l_user_find(void *h, const char *email, int64_t *id, char pwhash[ACCT_HASH_MAX],
		       mc_error *err)
{
	lite *l = h;
	sqlite3_stmt *st = bind(l, Q_USER_FIND, "s", email);
	int rc = step1(l, st, err, "finding a user");
	if (rc != 0)
		return rc;
	*id = sqlite3_column_int64(st, 0);
	snprintf(pwhash, ACCT_HASH_MAX, "%s", (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return 0;
}

static int l_user_get(void *h, int64_t id, char *email, size_t cap, char pwhash[ACCT_HASH_MAX],
		      mc_error *err)
{
	lite *l = h;
	sqlite3_stmt *st = bind(l, Q_USER_GET, "i", id);
	int rc = step1(l, st, err, "reading a user");
	if (rc != 0)
		return rc;
	snprintf(email, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	snprintf(pwhash, ACCT_HASH_MAX, "%s", (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return 0;
}

static int l_user_set_hash(void *h, int64_t id, const char *pwhash, mc_error *err)
{
	lite *l = h;
	return run(l, bind(l, Q_USER_SET, "is", id, pwhash), err, "changing a password");
}

static int l_session_add(void *h, const char *th, int64_t uid, int64_t now, int64_t exp, mc_error *err)
{
	lite *l = h;
	return run(l, bind(l, Q_SES_ADD, "siii", th, uid, now, exp), err, "starting a session");
}

static int l_session_get(void *h, const char *th, int64_t now, int64_t *uid, mc_error *err)
{
	lite *l = h;
	sqlite3_stmt *st = bind(l, Q_SES_GET, "si", th, now);
	int rc = step1(l, st, err, "reading a session");
	if (rc != 0)
		return rc;
	*uid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

static int l_session_del(void *h, const char *th, mc_error *err)
{
	lite *l = h;
	return run(l, bind(l, Q_SES_DEL, "s", th), err, "ending a session");
}

static int l_session_del_user(void *h, int64_t uid, const char *keep, mc_error *err)
{
	lite *l = h;
	return run(l, bind(l, Q_SES_DEL_USER, "is", uid, keep ? keep : ""), err, "ending sessions");
}

static int count_of(lite *l, sqlite3_stmt *st, int64_t *n, mc_error *err, const char *what)
{
	int rc = step1(l, st, err, what);
	if (rc < 0)
		return rc;
	*n = rc == 0 ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return 0;
}

static int l_view_take(void *h, const char *subject, const char *period, const char *item,
		       int64_t limit, int64_t now, acct_view *out, mc_error *err)
{
	lite *l = h;
	memset(out, 0, sizeof(*out));
	int rc = run(l, bind(l, Q_BEGIN, ""), err, "starting a view");
	if (rc < 0)
		return rc;
	if ((rc = count_of(l, bind(l, Q_VIEW_COUNT, "ss", subject, period), &out->used, err,
			   "counting views")) < 0)
		goto fail;
	out->fresh = out->used == 0;
	rc = step1(l, bind(l, Q_VIEW_HAS, "sss", subject, period, item), err, "reading a view");
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		sqlite3_reset(l->q[Q_VIEW_HAS]);
		out->allowed = true;
	} else if (out->used < limit) {
		if ((rc = run(l, bind(l, Q_VIEW_ADD, "sssi", subject, period, item, now), err,
			      "recording a view")) < 0)
			goto fail;
		out->used++;
		out->allowed = true;
	}
	if ((rc = run(l, bind(l, Q_COMMIT, ""), err, "recording a view")) < 0)
		goto fail;
	return 0;
fail:
	run(l, bind(l, Q_ROLLBACK, ""), NULL, "rollback");
	return rc;
}

static int l_view_count(void *h, const char *subject, const char *period, int64_t *used, mc_error *err)
{
	lite *l = h;
	return count_of(l, bind(l, Q_VIEW_COUNT, "ss", subject, period), used, err, "counting views");
}

static int l_rate_hit(void *h, const char *key, int64_t win, int64_t *count, mc_error *err)
{
	lite *l = h;
	return count_of(l, bind(l, Q_RATE_HIT, "si", key, win), count, err, "counting an attempt");
}

static int l_rate_get(void *h, const char *key, int64_t win, int64_t *count, mc_error *err)
{
	lite *l = h;
	return count_of(l, bind(l, Q_RATE_GET, "si", key, win), count, err, "reading attempts");
}

static int l_rate_clear(void *h, const char *key, int64_t win, mc_error *err)
{
	lite *l = h;
	return run(l, bind(l, Q_RATE_CLEAR, "si", key, win), err, "clearing attempts");
}

static int l_prune(void *h, int64_t now, const char *period, int64_t rate_before, mc_error *err)
{
	lite *l = h;
	int rc = run(l, bind(l, Q_PRUNE_SES, "i", now), err, "pruning sessions");
	if (rc == 0)
		rc = run(l, bind(l, Q_PRUNE_VIEW, "s", period), err, "pruning views");
	if (rc == 0)
		rc = run(l, bind(l, Q_PRUNE_RATE, "i", rate_before), err, "pruning attempts");
	return rc;
}

static void l_close(void *h)
{
	lite *l = h;
	if (!l)
		return;
	for (int i = 0; i < NQ; i++)
		sqlite3_finalize(l->q[i]);
	sqlite3_close(l->db);
	mc_free(l);
}

static const acct_ops LITE_OPS = {
	"sqlite", l_secret, l_user_add, l_user_find, l_user_get, l_user_set_hash, l_session_add,
	l_session_get, l_session_del, l_session_del_user, l_view_take, l_view_count, l_rate_hit,
	l_rate_get, l_rate_clear, l_prune, l_close,
};

int acct_sqlite_open(void **h, const acct_ops **ops, const char *path, mc_error *err)
{
	*h = NULL;
	lite *l = mc_calloc(1, sizeof(*l));
	if (!l)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	int rc = sqlite3_open_v2(path, &l->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		rc = mc_error_set(err, MC_EDB, "account database '%s': %s", path,
				  l->db ? sqlite3_errmsg(l->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(l->db, 5000);
	/* Several servers on one file wait for each other's writes (busy
	 * timeout); WAL lets readers go on meanwhile. */
	if (sqlite3_exec(l->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(l->db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK) {
		rc = mc_error_set(err, MC_EDB, "account database '%s': %s", path, sqlite3_errmsg(l->db));
		goto fail;
	}
	for (int i = 0; i < NQ; i++) {
		if (sqlite3_prepare_v3(l->db, SQL[i], -1, SQLITE_PREPARE_PERSISTENT, &l->q[i], NULL) != SQLITE_OK) {
			rc = mc_error_set(err, MC_EDB, "account database '%s': %s", path, sqlite3_errmsg(l->db));
			goto fail;
		}
	}
	*h = l;
	*ops = &LITE_OPS;
	return 0;
fail:
	l_close(l);
	return rc;
}
