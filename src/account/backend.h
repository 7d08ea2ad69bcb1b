/* The account module's storage interface: one table of operations that
 * the SQLite (sqlite.c) and PostgreSQL (pg.c) backends implement the same
 * way.  The front (account.c) serialises calls on a handle with its
 * mutex, so an implementation needs no locking of its own.
 *
 * Every operation returns 0, 1 for "not found" / "already there" where
 * stated, or a negative MC_E* code with err set.  Strings are
 * NUL-terminated; secrets never reach a backend in the clear (session
 * tokens arrive hashed, passwords as argon2id strings). */
#ifndef MC_ACCOUNT_BACKEND_H
#define MC_ACCOUNT_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "medcode/error.h"

enum { ACCT_HASH_MAX = 160 };  /* crypto_pwhash_STRBYTES is 128 */

typedef struct acct_view {
	bool allowed, fresh;          /* fresh: the subject had no view this period */
	int64_t used;                 /* views of the subject this period, after */
} acct_view;

typedef struct acct_ops {
	const char *name;
	/* The key for CSRF tokens: read it, or store secret_hex (64 hex
	 * digits) when there is none yet, and return the one in force. */
	int (*secret)(void *h, const char *secret_hex, char out[65], mc_error *err);
	/* 1 when email is taken. */
	int (*user_add)(void *h, const char *email, const char *pwhash, int64_t now, int64_t *id,
			mc_error *err);
	/* 1 when there is no such email. */
	int (*user_find)(void *h, const char *email, int64_t *id, char pwhash[ACCT_HASH_MAX],
			 mc_error *err);
	/* 1 when there is no such user. */
	int (*user_get)(void *h, int64_t id, char *email, size_t cap, char pwhash[ACCT_HASH_MAX],
			mc_error *err);
	int (*user_set_hash)(void *h, int64_t id, const char *pwhash, mc_error *err);
	int (*session_add)(void *h, const char *token_hash, int64_t user_id, int64_t now,
			   int64_t expires, mc_error *err);
	/* 1 when unknown or expired at now. */
	int (*session_get)(void *h, const char *token_hash, int64_t now, int64_t *user_id,
			   mc_error *err);
	int (*session_del)(void *h, const char *token_hash, mc_error *err);
	/* End every session of user_id but keep_hash (may be NULL). */
	int (*session_del_user)(void *h, int64_t user_id, const char *keep_hash, mc_error *err);
	/* Atomically: a view of item already recorded for subject in period is
	 * allowed; else one is recorded when the subject's count is below
	 * limit; else it is refused. */
	int (*view_take)(void *h, const char *subject, const char *period, const char *item,
			 int64_t limit, int64_t now, acct_view *out, mc_error *err);
	int (*view_count)(void *h, const char *subject, const char *period, int64_t *used,
			  mc_error *err);
	/* Add 1 to key's count in window and return the new count. */
	int (*rate_hit)(void *h, const char *key, int64_t window, int64_t *count, mc_error *err);
	int (*rate_get)(void *h, const char *key, int64_t window, int64_t *count, mc_error *err);
	int (*rate_clear)(void *h, const char *key, int64_t window, mc_error *err);
	/* Delete sessions expired at now, views of periods before period and
	 * rate windows that ended before rate_before. */
	int (*prune)(void *h, int64_t now, const char *period, int64_t rate_before, mc_error *err);
	void (*close)(void *h);
} acct_ops;

/* Open a backend; *h is its handle for ops. */
int acct_sqlite_open(void **h, const acct_ops **ops, const char *path, mc_error *err);
int acct_pg_open(void **h, const acct_ops **ops, const char *conninfo, mc_error *err);

#endif
