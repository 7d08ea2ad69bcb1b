/* medcode account: users, sessions, metered code-page views and rate
 * limits for the web application, kept apart from the code store (an
 * import never touches them).
 *
 * One interface, two backends chosen by the connection string:
 * - an embedded SQLite file (any string that is not a PostgreSQL URI or
 *   keyword list), the default, next to the store;
 * - PostgreSQL through libpq ("postgresql://...", "postgres://..." or
 *   "host=... dbname=..."), for several servers behind a load balancer.
 * Both create their tables on first open and behave the same (tested
 * by one suite run against each).
 *
 * Secrets: passwords are hashed with argon2id (libsodium crypto_pwhash_str,
 * parameters in mc_accounts_opts); session tokens are 32 random bytes of
 * which only a hash (BLAKE2b) is stored; CSRF tokens are an HMAC of the
 * session or guest id under a key kept in the account database; every
 * comparison of a secret is constant-time; buffers holding a password or
 * a token are wiped after use.  Nothing here logs.
 *
 * A handle is safe to share between threads (calls are serialised on one
 * connection; password hashing runs outside that lock, at most
 * MC_ACCOUNT_HASHERS at once so sign-up floods cannot exhaust memory).
 */
#ifndef MEDCODE_ACCOUNT_H
#define MEDCODE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "medcode/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mc_accounts mc_accounts;

enum {
	MC_ACCOUNT_TOKEN_LEN = 43,    /* base64url of 32 bytes (session tokens) */
	MC_ACCOUNT_GUEST_LEN = 22,    /* base64url of 16 bytes (guest ids) */
	MC_ACCOUNT_CSRF_LEN = 43,     /* base64url of a 32-byte HMAC */
	MC_ACCOUNT_EMAIL_MAX = 254,
	MC_ACCOUNT_PASSWORD_MIN = 10, /* characters (code points) */
	MC_ACCOUNT_PASSWORD_MAX = 128,/* bytes */
	MC_ACCOUNT_HASHERS = 2        /* argon2id hashes running at once */
};

/* Any field left 0 takes the default in brackets. */
typedef struct mc_accounts_opts {
	unsigned long long pw_ops;    /* argon2id passes [crypto_pwhash_OPSLIMIT_INTERACTIVE = 2] */
	size_t pw_mem;                /* argon2id memory in bytes [64 MiB] */
	unsigned guest_views;         /* code-page views a guest gets a period [1] */
	unsigned member_views;        /* views a free account gets a period [5] */
	unsigned guests_per_address;  /* new guests one client address may start
	                                 a day before its guests are walled [20];
	                                 (unsigned)-1: no cap */
	unsigned login_per_address;   /* login attempts per address per 15 min [20] */
	unsigned login_per_account;   /* failed logins per account per 15 min [10] */
	unsigned signup_per_address;  /* sign-ups per address per hour [5] */
	unsigned tool_per_address;    /* tool runs (redact, detect) per address
	                                 per minute [60] */
	unsigned session_days;        /* session lifetime [30] */
} mc_accounts_opts;

/* Open (creating the tables when needed) the account database named by
 * conninfo: a PostgreSQL URI or keyword list, else the path of an SQLite
 * file.  opts may be NULL.  *out is the caller's (mc_accounts_free).
 * MC_EDB when the database cannot be opened or set up, MC_EINVAL for bad
 * options. */
int mc_accounts_open(mc_accounts **out, const char *conninfo, const mc_accounts_opts *opts,
		     mc_error *err);
void mc_accounts_free(mc_accounts *a);

/* "sqlite" or "postgresql". */
const char *mc_accounts_backend(const mc_accounts *a);
/* The options in force (defaults filled in). */
const mc_accounts_opts *mc_accounts_options(const mc_accounts *a);

/* The default account database beside a store: "DIR/NAME.accounts.db"
 * for "DIR/NAME.db" (any other name gets ".accounts.db" appended).
 * Writes at most cap bytes; false when it does not fit. */
bool mc_accounts_default_path(char *out, size_t cap, const char *store_path);

/* ---- users ------------------------------------------------------------ */

/* Field checks, as the forms show them: 0 when good, else MC_EINVAL with
 * a message for the user ("Enter an email address like name@example.org").
 * email is normalised (trimmed, lower case) into norm[MC_ACCOUNT_EMAIL_MAX+1]. */
int mc_account_check_email(const char *email, char *norm, mc_error *err);
int mc_account_check_password(const char *password, mc_error *err);

/* Create a user.  Returns 0 with *user_id set; 1 when the email is taken
 * (nothing changed); MC_EINVAL for a bad email or password (message for
 * the user); MC_EDB, MC_ENOMEM. */
int mc_account_create(mc_accounts *a, const char *email, const char *password, int64_t *user_id,
		      mc_error *err);

/* Check an email and password.  Returns 0 with *user_id set when they
 * match; 1 when they do not (unknown email and wrong password take the
 * same time and answer the same); MC_EDB, MC_ENOMEM. */
int mc_account_verify(mc_accounts *a, const char *email, const char *password, int64_t *user_id,
		      mc_error *err);

/* Change a user's password after checking the current one: 0; 1 when
 * current is wrong; MC_EINVAL when the new one fails the checks.  Every
 * session of the user other than keep_token (may be NULL) is ended. */
int mc_account_set_password(mc_accounts *a, int64_t user_id, const char *current,
			    const char *password, const char *keep_token, mc_error *err);

/* The email of a user into out[cap]: 0, 1 when there is no such user. */
int mc_account_email(mc_accounts *a, int64_t user_id, char *out, size_t cap, mc_error *err);

/* ---- sessions ---------------------------------------------------------- */

/* Start a session for user_id: a new random token into
 * token[MC_ACCOUNT_TOKEN_LEN + 1] (only its hash is stored).  A caller
 * rotating a session passes the old token as old (may be NULL): it is
 * ended first. */
int mc_session_start(mc_accounts *a, int64_t user_id, const char *old, char *token,
		     mc_error *err);
/* The user of a live session: 0 with *user_id; 1 when the token is
 * unknown, malformed or expired. */
int mc_session_user(mc_accounts *a, const char *token, int64_t *user_id, mc_error *err);
/* End a session (unknown tokens are fine). */
int mc_session_end(mc_accounts *a, const char *token, mc_error *err);

/* A new random guest id into id[MC_ACCOUNT_GUEST_LEN + 1]. */
void mc_guest_new(char *id);
/* True when s has the shape of a guest id (or a session token, for
 * MC_ACCOUNT_TOKEN_LEN): base64url of the right length. */
bool mc_token_shape(const char *s, size_t len);

/* The CSRF token bound to binding (a session token or guest id) into
 * out[MC_ACCOUNT_CSRF_LEN + 1]. */
void mc_csrf_token(const mc_accounts *a, const char *binding, char *out);
/* True when token is binding's CSRF token (constant-time). */
bool mc_csrf_check(const mc_accounts *a, const char *binding, const char *token);

/* ---- metering ------------------------------------------------------------ */

typedef struct mc_meter {
	bool allowed;                 /* the view may be shown */
	unsigned used, limit;         /* views counted this period, and the cap */
	char period[8];               /* "YYYY-MM" (UTC calendar month) */
	char resets[11];              /* first day of the next period, YYYY-MM-DD */
} mc_meter;

/* Count a view of item (e.g. "cpt:0620T") by a guest (user_id 0; guest is
 * its id, addr the client address) or a user, at time now (Unix seconds).
 * A view of an item already seen this period is free; a new one is
 * allowed while used < limit.  A guest's first view in a period also
 * counts against its address's guests of the day
 * (guests_per_address): past that cap new guests from the address are
 * walled.  out tells the outcome. */
int mc_meter_view(mc_accounts *a, int64_t user_id, const char *guest, const char *addr,
		  const char *item, int64_t now, mc_meter *out, mc_error *err);
/* The meter without counting anything. */
int mc_meter_peek(mc_accounts *a, int64_t user_id, const char *guest, int64_t now, mc_meter *out,
		  mc_error *err);

/* ---- rate limits ---------------------------------------------------------- */

typedef enum mc_rate_kind {
	MC_RATE_LOGIN_ADDR,           /* every login attempt, per address */
	MC_RATE_LOGIN_ACCOUNT,        /* failed logins, per account (email) */
	MC_RATE_SIGNUP_ADDR,          /* sign-ups and password changes, per address */
	MC_RATE_TOOL_ADDR             /* tool runs, per address */
} mc_rate_kind;

/* Count one event of kind for key at now: 0 when under the limit, 1 when
 * the limit is reached (the event is still counted); *retry_after (may be
 * NULL) is the seconds until the window ends. */
int mc_rate_hit(mc_accounts *a, mc_rate_kind kind, const char *key, int64_t now,
		int64_t *retry_after, mc_error *err);
/* Whether kind/key is at its limit now, without counting (0 no, 1 yes). */
int mc_rate_blocked(mc_accounts *a, mc_rate_kind kind, const char *key, int64_t now,
		    int64_t *retry_after, mc_error *err);
/* Forget kind/key's count in the current window (after a good login). */
int mc_rate_clear(mc_accounts *a, mc_rate_kind kind, const char *key, int64_t now, mc_error *err);

/* Delete expired sessions, past periods' views and old rate windows. */
int mc_accounts_prune(mc_accounts *a, int64_t now, mc_error *err);

#ifdef __cplusplus
}
#endif
#endif
