/* The account front: field checks, argon2id hashing, tokens, CSRF,
 * metering and rate limits over one backend (backend.h).  Calls to the
 * backend are serialised with a mutex; password hashing (tens of ms and
 * 64 MiB each) runs outside it, at most MC_ACCOUNT_HASHERS at once. */
#include <ctype.h>
#include <inttypes.h>
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "account/backend.h"
#include "core/core.h"
#include "medcode/account.h"

struct mc_accounts {
	mc_accounts_opts o;
	const acct_ops *ops;
	void *h;
	pthread_mutex_t mu;
	sem_t hashers;
	unsigned char csrf_key[crypto_auth_KEYBYTES];
	unsigned char key_key[crypto_generichash_KEYBYTES];  /* for rate-limit keys */
	char dummy_hash[crypto_pwhash_STRBYTES];             /* verified for unknown emails */
};

/* ---- helpers -------------------------------------------------------------- */

static void b64url(char *out, size_t cap, const unsigned char *bin, size_t n)
{
	sodium_bin2base64(out, cap, bin, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool mc_token_shape(const char *s, size_t len)
{
	if (!s || strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

/* The stored form of a session token: hex of its BLAKE2b-256 hash. */
static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
	sodium_memzero(h, sizeof(h));
}

static void lock(mc_accounts *a) { pthread_mutex_lock(&a->mu); }
static void unlock(mc_accounts *a) { pthread_mutex_unlock(&a->mu); }

static int hash_password(mc_accounts *a, const char *password, char out[crypto_pwhash_STRBYTES],
			 mc_error *err)
{
	sem_wait(&a->hashers);
	int rc = crypto_pwhash_str_alg(out, password, strlen(password), a->o.pw_ops, a->o.pw_mem,
				       crypto_pwhash_ALG_ARGON2ID13);
	sem_post(&a->hashers);
	return rc == 0 ? 0 : mc_error_set(err, MC_ENOMEM, "out of memory hashing a password");
}

static bool verify_password(mc_accounts *a, const char *stored, const char *password)
{
	sem_wait(&a->hashers);
	bool ok = crypto_pwhash_str_verify(stored, password, strlen(password)) == 0;
	sem_post(&a->hashers);
	return ok;
}

/* ---- open / close ------------------------------------------------------------ */

static bool is_pg(const char *c)
{
	return strncmp(c, "postgresql://", 13) == 0 || strncmp(c, "postgres://", 11) == 0 ||
	       strstr(c, "dbname=") || strstr(c, "host=") || strstr(c, "service=");
}

int mc_accounts_open(mc_accounts **out, const char *conninfo, const mc_accounts_opts *opts,
		     mc_error *err)
{
	*out = NULL;
	if (!conninfo || !*conninfo)
		return mc_error_set(err, MC_EINVAL, "account database: no path or connection string");
	if (sodium_init() < 0)
		return mc_error_set(err, MC_EINVAL, "libsodium failed to start");
	mc_accounts *a = mc_calloc(1, sizeof(*a));
	if (!a)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	if (opts)
		a->o = *opts;
	mc_accounts_opts *o = &a->o;
	if (!o->pw_ops)
		o->pw_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	if (!o->pw_mem)
		o->pw_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	if (!o->guest_views)
		o->guest_views = 1;
	if (!o->member_views)
		o->member_views = 5;
	if (!o->guests_per_address)
		o->guests_per_address = 20;
	if (!o->login_per_address)
		o->login_per_address = 20;
	if (!o->login_per_account)
		o->login_per_account = 10;
	if (!o->signup_per_address)
		o->signup_per_address = 5;
	if (!o->tool_per_address)
		o->tool_per_address = 60;
	if (!o->session_days)
		o->session_days = 30;
	pthread_mutex_init(&a->mu, NULL);
	sem_init(&a->hashers, 0, MC_ACCOUNT_HASHERS);
	int rc;
	if (o->pw_ops < crypto_pwhash_OPSLIMIT_MIN || o->pw_mem < crypto_pwhash_MEMLIMIT_MIN) {
		rc = mc_error_set(err, MC_EINVAL, "account database: argon2id parameters below libsodium's minimum");
		goto fail;
	}
	rc = is_pg(conninfo) ? acct_pg_open(&a->h, &a->ops, conninfo, err)
			     : acct_sqlite_open(&a->h, &a->ops, conninfo, err);
	if (rc < 0)
		goto fail;
	/* The CSRF key: made once, kept in the database so that a restart
	 * or another server sharing it accepts the same forms. */
	unsigned char fresh[32];
	char hex[65], got[65];
	randombytes_buf(fresh, sizeof(fresh));
	sodium_bin2hex(hex, sizeof(hex), fresh, sizeof(fresh));
	sodium_memzero(fresh, sizeof(fresh));
	rc = a->ops->secret(a->h, hex, got, err);
	sodium_memzero(hex, sizeof(hex));
	unsigned char master[32];
	size_t blen = 0;
	if (rc == 0 && (sodium_hex2bin(master, sizeof(master), got, strlen(got), NULL, &blen, NULL) != 0 ||
			blen != sizeof(master)))
		rc = mc_error_set(err, MC_EDB, "account database: the stored CSRF key is malformed");
	sodium_memzero(got, sizeof(got));
	if (rc < 0)
		goto fail;
	crypto_kdf_derive_from_key(a->csrf_key, sizeof(a->csrf_key), 1, "mc_csrf_", master);
	crypto_kdf_derive_from_key(a->key_key, sizeof(a->key_key), 2, "mc_rate_", master);
	sodium_memzero(master, sizeof(master));
	/* Unknown emails verify against this so that they cost what a real
	 * account costs (no timing difference to enumerate accounts by). */
	if ((rc = hash_password(a, "medcode-no-such-account", a->dummy_hash, err)) < 0)
		goto fail;
	*out = a;
	return 0;
fail:
	mc_accounts_free(a);
	return rc;
}

void mc_accounts_free(mc_accounts *a)
{
	if (!a)
		return;
	if (a->ops)
		a->ops->close(a->h);
	pthread_mutex_destroy(&a->mu);
	sem_destroy(&a->hashers);
	sodium_memzero(a, sizeof(*a));
	mc_free(a);
}

const char *mc_accounts_backend(const mc_accounts *a)
{
	return a->ops->name;
}

const mc_accounts_opts *mc_accounts_options(const mc_accounts *a)
{
	return &a->o;
}

bool mc_accounts_default_path(char *out, size_t cap, const char *store)
{
	size_t n = strlen(store);
	if (n > 3 && strcmp(store + n - 3, ".db") == 0)
		n -= 3;
	int w = snprintf(out, cap, "%.*s.accounts.db", (int)n, store);
	return w > 0 && (size_t)w < cap;
}

/* ---- field checks -------------------------------------------------------------- */

int mc_account_check_email(const char *email, char *norm, mc_error *err)
{
	static const char msg[] = "Enter an email address like name@example.org.";
	char buf[MC_ACCOUNT_EMAIL_MAX + 2];
	size_t n = mc_copy_trim(buf, sizeof(buf), email ? email : "", email ? strlen(email) : 0);
	if (!n)
		return mc_error_set(err, MC_EINVAL, "Enter your email address.");
	if (n > MC_ACCOUNT_EMAIL_MAX || (email && strlen(email) > 2 * MC_ACCOUNT_EMAIL_MAX))
		return mc_error_set(err, MC_EINVAL, "An email address has at most %d characters.",
				    MC_ACCOUNT_EMAIL_MAX);
	const char *at = strchr(buf, '@');
	if (!at || at == buf || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' ||
	    buf[n - 1] == '.')
		return mc_error_set(err, MC_EINVAL, "%s", msg);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == ',')
			return mc_error_set(err, MC_EINVAL, "%s", msg);
		norm[i] = (char)(c < 0x80 ? tolower(c) : c);
	}
	norm[n] = '\0';
	if (!mc_utf8_valid(norm, n))
		return mc_error_set(err, MC_EINVAL, "%s", msg);
	return 0;
}

int mc_account_check_password(const char *pw, mc_error *err)
{
	size_t n = pw ? strlen(pw) : 0;
	if (!n)
		return mc_error_set(err, MC_EINVAL, "Enter a password.");
	if (n > MC_ACCOUNT_PASSWORD_MAX)
		return mc_error_set(err, MC_EINVAL, "A password has at most %d bytes.", MC_ACCOUNT_PASSWORD_MAX);
	if (!mc_utf8_valid(pw, n))
		return mc_error_set(err, MC_EINVAL, "The password is not valid text.");
	size_t cps = 0;
	for (size_t i = 0; i < n; i++)
		cps += ((unsigned char)pw[i] & 0xC0) != 0x80;
	if (cps < MC_ACCOUNT_PASSWORD_MIN)
		return mc_error_set(err, MC_EINVAL, "Use a password of at least %d characters.",
				    MC_ACCOUNT_PASSWORD_MIN);
	return 0;
}

/* ---- users ------------------------------------------------------------------- */

int mc_account_create(mc_accounts *a, const char *email, const char *password, int64_t *user_id,
		      mc_error *err)
{
	char norm[MC_ACCOUNT_EMAIL_MAX + 1], hash[crypto_pwhash_STRBYTES];
	int rc = mc_account_check_email(email, norm, err);
	if (rc == 0)
		rc = mc_account_check_password(password, err);
	if (rc == 0)
		rc = hash_password(a, password, hash, err);
	if (rc < 0)
		return rc;
	lock(a);
	rc = a->ops->user_add(a->h, norm, hash, (int64_t)time(NULL), user_id, err);
	unlock(a);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

int mc_account_verify(mc_accounts *a, const char *email, const char *password, int64_t *user_id,
		      mc_error *err)
{
	char norm[MC_ACCOUNT_EMAIL_MAX + 1], hash[ACCT_HASH_MAX];
	int64_t id = 0;
	int rc = 1;
	mc_error e2;
	if (mc_account_check_email(email, norm, &e2) == 0) {
		lock(a);
		rc = a->ops->user_find(a->h, norm, &id, hash, err);
		unlock(a);
		if (rc < 0)
			return rc;
	}
	size_t plen = password ? strlen(password) : 0;
	bool sane = plen > 0 && plen <= MC_ACCOUNT_PASSWORD_MAX;
	/* Same work whether or not the account exists. */
	bool ok = verify_password(a, rc == 0 ? hash : a->dummy_hash, sane ? password : "-") && rc == 0 && sane;
	sodium_memzero(hash, sizeof(hash));
	if (!ok)
		return 1;
	*user_id = id;
	return 0;
}

int mc_account_set_password(mc_accounts *a, int64_t user_id, const char *current, const char *password,
			    const char *keep_token, mc_error *err)
{
	char email[MC_ACCOUNT_EMAIL_MAX + 1], hash[ACCT_HASH_MAX], fresh[crypto_pwhash_STRBYTES];
	lock(a);
	int rc = a->ops->user_get(a->h, user_id, email, sizeof(email), hash, err);
	unlock(a);
	if (rc != 0)
		return rc;
	size_t clen = current ? strlen(current) : 0;
	bool ok = clen > 0 && clen <= MC_ACCOUNT_PASSWORD_MAX && verify_password(a, hash, current);
	sodium_memzero(hash, sizeof(hash));
	if (!ok)
		return 1;
	if ((rc = mc_account_check_password(password, err)) < 0)
		return rc;
	if ((rc = hash_password(a, password, fresh, err)) < 0)
		return rc;
	char keep[65] = "";
	if (keep_token)
		token_hash(keep_token, keep);
	lock(a);
	rc = a->ops->user_set_hash(a->h, user_id, fresh, err);
	if (rc == 0)
		rc = a->ops->session_del_user(a->h, user_id, keep, err);
	unlock(a);
	sodium_memzero(fresh, sizeof(fresh));
	return rc;
}

int mc_account_email(mc_accounts *a, int64_t user_id, char *out, size_t cap, mc_error *err)
{
	char hash[ACCT_HASH_MAX];
	lock(a);
	int rc = a->ops->user_get(a->h, user_id, out, cap, hash, err);
	unlock(a);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

/* ---- sessions ------------------------------------------------------------------- */

int mc_session_start(mc_accounts *a, int64_t user_id, const char *old, char *token, mc_error *err)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	b64url(token, MC_ACCOUNT_TOKEN_LEN + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	char th[65], oh[65];
	token_hash(token, th);
	int64_t now = (int64_t)time(NULL);
	lock(a);
	int rc = 0;
	if (old && mc_token_shape(old, MC_ACCOUNT_TOKEN_LEN)) {
		token_hash(old, oh);
		rc = a->ops->session_del(a->h, oh, err);
	}
	if (rc == 0)
		rc = a->ops->session_add(a->h, th, user_id, now, now + (int64_t)a->o.session_days * 86400, err);
	unlock(a);
	if (rc < 0)
		sodium_memzero(token, MC_ACCOUNT_TOKEN_LEN + 1);
	return rc;
}

int mc_session_user(mc_accounts *a, const char *token, int64_t *user_id, mc_error *err)
{
	if (!mc_token_shape(token, MC_ACCOUNT_TOKEN_LEN))
		return 1;
	char th[65];
	token_hash(token, th);
	lock(a);
	int rc = a->ops->session_get(a->h, th, (int64_t)time(NULL), user_id, err);
	unlock(a);
	return rc;
}

int mc_session_end(mc_accounts *a, const char *token, mc_error *err)
{
	if (!mc_token_shape(token, MC_ACCOUNT_TOKEN_LEN))
		return 0;
	char th[65];
	token_hash(token, th);
	lock(a);
	int rc = a->ops->session_del(a->h, th, err);
	unlock(a);
	return rc;
}

void mc_guest_new(char *id)
{
	unsigned char raw[16];
	randombytes_buf(raw, sizeof(raw));
	b64url(id, MC_ACCOUNT_GUEST_LEN + 1, raw, sizeof(raw));
}

static void csrf_mac(const mc_accounts *a, const char *binding, unsigned char mac[crypto_auth_BYTES])
{
	crypto_auth(mac, (const unsigned char *)binding, strlen(binding), a->csrf_key);
}

void mc_csrf_token(const mc_accounts *a, const char *binding, char *out)
{
	unsigned char mac[crypto_auth_BYTES];
	csrf_mac(a, binding ? binding : "", mac);
	b64url(out, MC_ACCOUNT_CSRF_LEN + 1, mac, sizeof(mac));
}

bool mc_csrf_check(const mc_accounts *a, const char *binding, const char *token)
{
	if (!binding || !*binding || !mc_token_shape(token, MC_ACCOUNT_CSRF_LEN))
		return false;
	unsigned char want[crypto_auth_BYTES], got[crypto_auth_BYTES];
	size_t n = 0;
	if (sodium_base642bin(got, sizeof(got), token, strlen(token), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || n != sizeof(got))
		return false;
	csrf_mac(a, binding, want);
	return sodium_memcmp(want, got, sizeof(want)) == 0;
}

/* Windows are named by the time they end (Unix seconds), so windows of
 * any length can be pruned by one comparison. */
static int64_t win_end(int64_t now, int64_t len)
{
	return (now / len + 1) * len;
}

/* ---- metering ---------------------------------------------------------------- */

static void period_of(int64_t now, mc_meter *m)
{
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	unsigned y = (unsigned)(tm.tm_year + 1900) % 10000u, mo = (unsigned)(tm.tm_mon + 1) % 13u;
	snprintf(m->period, sizeof(m->period), "%04u-%02u", y, mo);
	unsigned ny = mo == 12 ? (y + 1) % 10000u : y, nm = mo == 12 ? 1 : mo + 1;
	snprintf(m->resets, sizeof(m->resets), "%04u-%02u-01", ny, nm);
}

/* An opaque key for the rates table: kind prefix and a keyed hash of what
 * is limited (an address or an email never lands there in the clear). */
static void rate_key(const mc_accounts *a, const char *prefix, const char *what, char out[40])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)what, strlen(what), a->key_key,
			   sizeof(a->key_key));
	memcpy(out, prefix, 3);
	sodium_bin2hex(out + 3, 33, h, sizeof(h));
}

static void subject_of(int64_t user_id, const char *guest, char out[48])
{
	if (user_id > 0)
		snprintf(out, 48, "u:%" PRId64, user_id);
	else
		snprintf(out, 48, "g:%.40s", guest ? guest : "");
}

int mc_meter_view(mc_accounts *a, int64_t user_id, const char *guest, const char *addr,
		  const char *item, int64_t now, mc_meter *out, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	period_of(now, out);
	char subject[48], akey[40];
	subject_of(user_id, guest, subject);
	int64_t limit = user_id > 0 ? a->o.member_views : a->o.guest_views;
	out->limit = (unsigned)limit;
	int64_t day = win_end(now, 86400), seen = 0;
	bool capped = user_id <= 0 && a->o.guests_per_address != (unsigned)-1 && addr;
	if (capped)
		rate_key(a, "ga:", addr, akey);
	lock(a);
	int rc = 0;
	/* An address that started too many guests today: its new guests get
	 * no free view (a guest keeps the items it already saw). */
	if (capped && (rc = a->ops->rate_get(a->h, akey, day, &seen, err)) == 0 &&
	    seen >= (int64_t)a->o.guests_per_address)
		limit = 0;
	acct_view v;
	if (rc == 0)
		rc = a->ops->view_take(a->h, subject, out->period, item, limit, now, &v, err);
	if (rc == 0 && capped && v.allowed && v.fresh)
		rc = a->ops->rate_hit(a->h, akey, day, &seen, err);
	unlock(a);
	if (rc < 0)
		return rc;
	out->allowed = v.allowed;
	out->used = (unsigned)v.used;
	return 0;
}

int mc_meter_peek(mc_accounts *a, int64_t user_id, const char *guest, int64_t now, mc_meter *out,
		  mc_error *err)
{
	memset(out, 0, sizeof(*out));
	period_of(now, out);
	char subject[48];
	subject_of(user_id, guest, subject);
	out->limit = user_id > 0 ? a->o.member_views : a->o.guest_views;
	int64_t used = 0;
	int rc = 0;
	if (user_id > 0 || (guest && *guest)) {
		lock(a);
		rc = a->ops->view_count(a->h, subject, out->period, &used, err);
		unlock(a);
	}
	out->used = (unsigned)used;
	out->allowed = used < out->limit;
	return rc;
}

/* ---- rate limits ------------------------------------------------------------ */

static void rate_params(const mc_accounts *a, mc_rate_kind k, const char **prefix, int64_t *win,
			int64_t *limit)
{
	switch (k) {
	case MC_RATE_LOGIN_ADDR: *prefix = "la:"; *win = 900; *limit = a->o.login_per_address; break;
	case MC_RATE_LOGIN_ACCOUNT: *prefix = "lu:"; *win = 900; *limit = a->o.login_per_account; break;
	case MC_RATE_SIGNUP_ADDR: *prefix = "su:"; *win = 3600; *limit = a->o.signup_per_address; break;
	default: *prefix = "tl:"; *win = 60; *limit = a->o.tool_per_address; break;
	}
}

static int rate(mc_accounts *a, mc_rate_kind kind, const char *key, int64_t now, int64_t *retry,
		bool count, mc_error *err)
{
	const char *prefix;
	int64_t win, limit, n = 0;
	rate_params(a, kind, &prefix, &win, &limit);
	char k[40];
	rate_key(a, prefix, key ? key : "", k);
	lock(a);
	int64_t w = win_end(now, win);
	int rc = count ? a->ops->rate_hit(a->h, k, w, &n, err) : a->ops->rate_get(a->h, k, w, &n, err);
	unlock(a);
	if (rc < 0)
		return rc;
	if (retry)
		*retry = w - now;
	return count ? (n > limit ? 1 : 0) : (n >= limit ? 1 : 0);
}

int mc_rate_hit(mc_accounts *a, mc_rate_kind kind, const char *key, int64_t now, int64_t *retry_after,
		mc_error *err)
{
	return rate(a, kind, key, now, retry_after, true, err);
}

int mc_rate_blocked(mc_accounts *a, mc_rate_kind kind, const char *key, int64_t now,
		    int64_t *retry_after, mc_error *err)
{
	return rate(a, kind, key, now, retry_after, false, err);
}

int mc_rate_clear(mc_accounts *a, mc_rate_kind kind, const char *key, int64_t now, mc_error *err)
{
	const char *prefix;
	int64_t win, limit;
	rate_params(a, kind, &prefix, &win, &limit);
	char k[40];
	rate_key(a, prefix, key ? key : "", k);
	lock(a);
	int rc = a->ops->rate_clear(a->h, k, win_end(now, win), err);
	unlock(a);
	return rc;
}

int mc_accounts_prune(mc_accounts *a, int64_t now, mc_error *err)
{
	mc_meter m;
	period_of(now, &m);
	lock(a);
	int rc = a->ops->prune(a->h, now, m.period, now, err);
	unlock(a);
	return rc;
}
