/* The PostgreSQL account backend (libpq): the same tables as the SQLite
 * one, every statement prepared once per connection (PQprepare) and run
 * with PQexecPrepared.  A view is taken by one function call
 * (mc_view_take, created with the tables) that serialises a subject's
 * views with a transaction-scoped advisory lock, so several servers
 * sharing the database meter exactly.  A broken connection is reset and
 * the statement retried once. */
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/backend.h"
#include "core/core.h"

typedef struct stmt { const char *name, *sql; int nparams; } stmt;

enum {
	Q_SECRET_PUT, Q_SECRET_GET, Q_USER_ADD, Q_USER_FIND, Q_USER_GET, Q_USER_SET,
	Q_SES_ADD, Q_SES_GET, Q_SES_DEL, Q_SES_DEL_USER, Q_VIEW_TAKE, Q_VIEW_COUNT,
	Q_RATE_HIT, Q_RATE_GET, Q_RATE_CLEAR, Q_PRUNE_SES, Q_PRUNE_VIEW, Q_PRUNE_RATE, NQ
};

static const stmt SQL[NQ] = {
	[Q_SECRET_PUT] = { "secret_put", "INSERT INTO mc_meta(key, value) VALUES ('csrf_key', $1) "
			   "ON CONFLICT (key) DO NOTHING", 1 },
	[Q_SECRET_GET] = { "secret_get", "SELECT value FROM mc_meta WHERE key = 'csrf_key'", 0 },
	[Q_USER_ADD] = { "user_add", "INSERT INTO mc_users(email, pwhash, created) VALUES ($1, $2, $3) "
			 "ON CONFLICT (email) DO NOTHING RETURNING id", 3 },
	[Q_USER_FIND] = { "user_find", "SELECT id, pwhash FROM mc_users WHERE email = $1", 1 },
	[Q_USER_GET] = { "user_get", "SELECT email, pwhash FROM mc_users WHERE id = $1", 1 },
	[Q_USER_SET] = { "user_set", "UPDATE mc_users SET pwhash = $2 WHERE id = $1", 2 },
	[Q_SES_ADD] = { "ses_add", "INSERT INTO mc_sessions(token_hash, user_id, created, expires) "
			"VALUES ($1, $2, $3, $4)", 4 },
	[Q_SES_GET] = { "ses_get", "SELECT user_id FROM mc_sessions WHERE token_hash = $1 AND expires > $2", 2 },
	[Q_SES_DEL] = { "ses_del", "DELETE FROM mc_sessions WHERE token_hash = $1", 1 },
	[Q_SES_DEL_USER] = { "ses_del_user", "DELETE FROM mc_sessions WHERE user_id = $1 AND token_hash <> $2", 2 },
	[Q_VIEW_TAKE] = { "view_take", "SELECT allowed, used, fresh FROM mc_view_take($1, $2, $3, $4, $5)", 5 },
	[Q_VIEW_COUNT] = { "view_count", "SELECT count(*) FROM mc_views WHERE subject = $1 AND period = $2", 2 },
	[Q_RATE_HIT] = { "rate_hit", "INSERT INTO mc_rates(key, win, n) VALUES ($1, $2, 1) "
			 "ON CONFLICT (key, win) DO UPDATE SET n = mc_rates.n + 1 RETURNING n", 2 },
	[Q_RATE_GET] = { "rate_get", "SELECT n FROM mc_rates WHERE key = $1 AND win = $2", 2 },
	[Q_RATE_CLEAR] = { "rate_clear", "DELETE FROM mc_rates WHERE key = $1 AND win = $2", 2 },
	[Q_PRUNE_SES] = { "prune_ses", "DELETE FROM mc_sessions WHERE expires <= $1", 1 },
	[Q_PRUNE_VIEW] = { "prune_view", "DELETE FROM mc_views WHERE period < $1", 1 },
	[Q_PRUNE_RATE] = { "prune_rate", "DELETE FROM mc_rates WHERE win < $1", 1 },
};

/* Tables and the view function; run once per connection (idempotent).
 * Concurrent first starts of several servers are serialised by an
 * advisory lock. */
static const char SCHEMA[] =
	"SELECT pg_advisory_lock(7319019);"
	"SET client_min_messages = warning;"
	"CREATE TABLE IF NOT EXISTS mc_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS mc_users(id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
	" email TEXT NOT NULL UNIQUE, pwhash TEXT NOT NULL, created BIGINT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS mc_sessions(token_hash TEXT PRIMARY KEY,"
	" user_id BIGINT NOT NULL REFERENCES mc_users(id) ON DELETE CASCADE,"
	" created BIGINT NOT NULL, expires BIGINT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS mc_sessions_user ON mc_sessions(user_id);"
	"CREATE TABLE IF NOT EXISTS mc_views(subject TEXT NOT NULL, period TEXT NOT NULL,"
	" item TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY(subject, period, item));"
	"CREATE TABLE IF NOT EXISTS mc_rates(key TEXT NOT NULL, win BIGINT NOT NULL,"
	" n BIGINT NOT NULL, PRIMARY KEY(key, win));"
	"CREATE OR REPLACE FUNCTION mc_view_take(s TEXT, p TEXT, i TEXT, lim BIGINT, t BIGINT,"
	" OUT allowed BOOLEAN, OUT used BIGINT, OUT fresh BOOLEAN) AS $f$\n"
	"BEGIN\n"
	"  PERFORM pg_advisory_xact_lock(hashtextextended(s, 0));\n"
	"  SELECT count(*) INTO used FROM mc_views WHERE subject = s AND period = p;\n"
	"  fresh := used = 0;\n"
	"  IF EXISTS (SELECT 1 FROM mc_views WHERE subject = s AND period = p AND item = i) THEN\n"
	"    allowed := true;\n"
	"  ELSIF used < lim THEN\n"
	"    INSERT INTO mc_views(subject, period, item, at) VALUES (s, p, i, t);\n"
	"    used := used + 1;\n"
	"    allowed := true;\n"
	"  ELSE\n"
	"    allowed := false;\n"
	"  END IF;\n"
	"END\n"
	"$f$ LANGUAGE plpgsql;"
	"SELECT pg_advisory_unlock(7319019);";

typedef struct pg {
	PGconn *c;
	char *conninfo;
} pg;

static int pgerr(pg *p, mc_error *err, const char *what, const PGresult *r)
{
	const char *m = r ? PQresultErrorMessage(r) : "";
	if (!m || !*m)
		m = PQerrorMessage(p->c);
	char line[256];
	snprintf(line, sizeof(line), "%s", m ? m : "unknown error");
	line[strcspn(line, "\n")] = '\0';
	return mc_error_set(err, MC_EDB, "account database: %s: %s", what, line);
}

static int setup(pg *p, mc_error *err)
{
	PGresult *r = PQexec(p->c, SCHEMA);
	int rc = 0;
	if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pgerr(p, err, "creating tables", r);
	PQclear(r);
	for (int i = 0; rc == 0 && i < NQ; i++) {
		r = PQprepare(p->c, SQL[i].name, SQL[i].sql, SQL[i].nparams, NULL);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pgerr(p, err, "preparing statements", r);
		PQclear(r);
	}
	return rc;
}

/* Run prepared statement q with text parameters (fmt: 's' string, 'i'
 * int64); *out is the result (PQclear it) with tuples or a command
 * status.  On a lost connection: reset, prepare again, retry once. */
static int exec(pg *p, int q, PGresult **out, mc_error *err, const char *what, const char *fmt, ...)
{
	char nums[5][24];
	const char *vals[5];
	va_list ap;
	va_start(ap, fmt);
	int n = 0;
	for (; fmt[n] && n < 5; n++) {
		if (fmt[n] == 's') {
			vals[n] = va_arg(ap, const char *);
		} else {
			snprintf(nums[n], sizeof(nums[n]), "%" PRId64, va_arg(ap, int64_t));
			vals[n] = nums[n];
		}
	}
	va_end(ap);
	for (int attempt = 0;; attempt++) {
		PGresult *r = PQexecPrepared(p->c, SQL[q].name, n, vals, NULL, NULL, 0);
		ExecStatusType s = PQresultStatus(r);
		if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
			*out = r;
			return 0;
		}
		if (attempt == 0 && PQstatus(p->c) == CONNECTION_BAD) {
			PQclear(r);
			PQreset(p->c);
			if (PQstatus(p->c) == CONNECTION_OK && setup(p, NULL) == 0)
				continue;
			return mc_error_set(err, MC_EDB, "account database: %s: connection lost", what);
		}
		int rc = pgerr(p, err, what, r);
		PQclear(r);
		return rc;
	}
}

static int64_t num(const PGresult *r, int col)
{
	return strtoll(PQgetvalue(r, 0, col), NULL, 10);
}

static int p_secret(void *h, const char *hex, char out[65], mc_error *err)
{
	pg *p = h;
	PGresult *r;
	int rc = exec(p, Q_SECRET_PUT, &r, err, "storing the CSRF key", "s", hex);
	if (rc < 0)
		return rc;
	PQclear(r);
	if ((rc = exec(p, Q_SECRET_GET, &r, err, "reading the CSRF key", "")) < 0)
		return rc;
	if (PQntuples(r) != 1)
		rc = mc_error_set(err, MC_EDB, "account database: no CSRF key");
	else
		snprintf(out, 65, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return rc;
}

static int p_user_add(void *h, const char *email, const char *pwhash, int64_t now, int64_t *id,
		      mc_error *err)
{
	PGresult *r;
	int rc = exec(h, Q_USER_ADD, &r, err, "adding a user", "ssi", email, pwhash, now);
	if (rc < 0)
		return rc;
	rc = PQntuples(r) == 1 ? 0 : 1;
	if (rc == 0)
		*id = num(r, 0);
	PQclear(r);
	return rc;
}

static int p_user_find(void *h, const char *email, int64_t *id, char pwhash[ACCT_HASH_MAX],
		       mc_error *err)
{
	PGresult *r;
	int rc = exec(h, Q_USER_FIND, &r, err, "finding a user", "s", email);
	if (rc < 0)
		return rc;
	rc = PQntuples(r) == 1 ? 0 : 1;
	if (rc == 0) {
		*id = num(r, 0);
		snprintf(pwhash, ACCT_HASH_MAX, "%s", PQgetvalue(r, 0, 1));
	}
	PQclear(r);
	return rc;
}

static int p_user_get(void *h, int64_t id, char *email, size_t cap, char pwhash[ACCT_HASH_MAX],
		      mc_error *err)
{
	PGresult *r;
	int rc = exec(h, Q_USER_GET, &r, err, "reading a user", "i", id);
	if (rc < 0)
		return rc;
	rc = PQntuples(r) == 1 ? 0 : 1;
	if (rc == 0) {
		snprintf(email, cap, "%s", PQgetvalue(r, 0, 0));
		snprintf(pwhash, ACCT_HASH_MAX, "%s", PQgetvalue(r, 0, 1));
	}
	PQclear(r);
	return rc;
}

/* A statement whose result is only its success. */
#define PG_RUN(h, q, what, ...)                                                     \
	do {                                                                        \
		PGresult *r_;                                                       \
		int rc_ = exec(h, q, &r_, err, what, __VA_ARGS__);                  \
		if (rc_ < 0)                                                        \
			return rc_;                                                 \
		PQclear(r_);                                                        \
		return 0;                                                           \
	} while (0)

static int p_user_set_hash(void *h, int64_t id, const char *pwhash, mc_error *err)
{
	PG_RUN(h, Q_USER_SET, "changing a password", "is", id, pwhash);
}

static int p_session_add(void *h, const char *th, int64_t uid, int64_t now, int64_t exp, mc_error *err)
{
	PG_RUN(h, Q_SES_ADD, "starting a session", "siii", th, uid, now, exp);
}

static int p_session_get(void *h, const char *th, int64_t now, int64_t *uid, mc_error *err)
{
	PGresult *r;
	int rc = exec(h, Q_SES_GET, &r, err, "reading a session", "si", th, now);
	if (rc < 0)
		return rc;
	rc = PQntuples(r) == 1 ? 0 : 1;
	if (rc == 0)
		*uid = num(r, 0);
	PQclear(r);
	return rc;
}

static int p_session_del(void *h, const char *th, mc_error *err)
{
	PG_RUN(h, Q_SES_DEL, "ending a session", "s", th);
}

static int p_session_del_user(void *h, int64_t uid, const char *keep, mc_error *err)
{
	PG_RUN(h, Q_SES_DEL_USER, "ending sessions", "is", uid, keep ? keep : "");
}

static int p_view_take(void *h, const char *subject, const char *period, const char *item,
		       int64_t limit, int64_t now, acct_view *out, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	PGresult *r;
	int rc = exec(h, Q_VIEW_TAKE, &r, err, "recording a view", "sssii", subject, period, item, limit, now);
	if (rc < 0)
		return rc;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return mc_error_set(err, MC_EDB, "account database: recording a view: no answer");
	}
	out->allowed = PQgetvalue(r, 0, 0)[0] == 't';
	out->used = num(r, 1);
	out->fresh = PQgetvalue(r, 0, 2)[0] == 't';
	PQclear(r);
	return 0;
}

static int count_of(void *h, int q, int64_t *n, mc_error *err, const char *what, const char *key,
		    int64_t win, const char *s2)
{
	PGresult *r;
	int rc = s2 ? exec(h, q, &r, err, what, "ss", key, s2) : exec(h, q, &r, err, what, "si", key, win);
	if (rc < 0)
		return rc;
	*n = PQntuples(r) == 1 ? num(r, 0) : 0;
	PQclear(r);
	return 0;
}

static int p_view_count(void *h, const char *subject, const char *period, int64_t *used, mc_error *err)
{
	return count_of(h, Q_VIEW_COUNT, used, err, "counting views", subject, 0, period);
}

static int p_rate_hit(void *h, const char *key, int64_t win, int64_t *count, mc_error *err)
{
	return count_of(h, Q_RATE_HIT, count, err, "counting an attempt", key, win, NULL);
}

static int p_rate_get(void *h, const char *key, int64_t win, int64_t *count, mc_error *err)
{
	return count_of(h, Q_RATE_GET, count, err, "reading attempts", key, win, NULL);
}

static int p_rate_clear(void *h, const char *key, int64_t win, mc_error *err)
{
	PG_RUN(h, Q_RATE_CLEAR, "clearing attempts", "si", key, win);
}

static int p_prune(void *h, int64_t now, const char *period, int64_t rate_before, mc_error *err)
{
	PGresult *r;
	int rc = exec(h, Q_PRUNE_SES, &r, err, "pruning sessions", "i", now);
	if (rc < 0)
		return rc;
	PQclear(r);
	if ((rc = exec(h, Q_PRUNE_VIEW, &r, err, "pruning views", "s", period)) < 0)
		return rc;
	PQclear(r);
	PG_RUN(h, Q_PRUNE_RATE, "pruning attempts", "i", rate_before);
}

static void p_close(void *h)
{
	pg *p = h;
	if (!p)
		return;
	PQfinish(p->c);
	mc_free(p->conninfo);
	mc_free(p);
}

static const acct_ops PG_OPS = {
	"postgresql", p_secret, p_user_add, p_user_find, p_user_get, p_user_set_hash, p_session_add,
	p_session_get, p_session_del, p_session_del_user, p_view_take, p_view_count, p_rate_hit,
	p_rate_get, p_rate_clear, p_prune, p_close,
};

int acct_pg_open(void **h, const acct_ops **ops, const char *conninfo, mc_error *err)
{
	*h = NULL;
	pg *p = mc_calloc(1, sizeof(*p));
	if (!p)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	p->c = PQconnectdb(conninfo);
	int rc;
	if (!p->c || PQstatus(p->c) != CONNECTION_OK) {
		char line[256];
		snprintf(line, sizeof(line), "%s", p->c ? PQerrorMessage(p->c) : "out of memory");
		line[strcspn(line, "\n")] = '\0';
		/* The connection string may hold a password: never repeat it. */
		rc = mc_error_set(err, MC_EDB, "account database (postgresql): cannot connect: %s", line);
		goto fail;
	}
	if ((rc = setup(p, err)) < 0)
		goto fail;
	*h = p;
	*ops = &PG_OPS;
	return 0;
fail:
	p_close(p);
	return rc;
}
