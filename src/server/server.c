/* The socket side: libmicrohttpd with a thread pool on epoll, per-thread
 * store handles, request limits, the access log, graceful stop.
 *
 * A request's life: the URI-log callback (request line in) makes its
 * conn_req and counts it in flight; the access handler checks header and
 * URL caps, collects a body up to the cap, then dispatches through the
 * route table (router.c); the completion callback (response sent, or the
 * connection gone) records metrics, writes one access-log line with the
 * path only (never the query string or body: they may hold PHI), and frees
 * the request. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <unistd.h>

#include "medcode/account.h"
#include "medcode/detect.h"
#include "medcode/phi.h"
#include "server/server_int.h"

enum { LOG_PATH_MAX = 160 };

static atomic_uint_fast64_t next_serial = 1;
static _Thread_local uint64_t tls_serial;
static _Thread_local srv_worker *tls_worker;

typedef struct conn_req {
	mc_server *srv;
	struct timespec t0;
	char *target;                 /* the request target as sent, or NULL if too long */
	size_t target_len;
	char method[12];
	char logpath[LOG_PATH_MAX];   /* path only, printable ASCII */
	mc_buf body;
	bool started, too_large, sensitive;
	size_t route;
	int status;
	size_t bytes;
} conn_req;

static uint64_t usec_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	int64_t us = (int64_t)(now.tv_sec - t0->tv_sec) * 1000000 + (now.tv_nsec - t0->tv_nsec) / 1000;
	return us > 0 ? (uint64_t)us : 0;
}

/* ---- workers ------------------------------------------------------------ */

srv_worker *srv_worker_get(mc_server *s)
{
	if (tls_worker && tls_serial == s->serial)
		return tls_worker;
	srv_worker *w = mc_calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	w->srv = s;
	pthread_mutex_lock(&s->mu);
	w->next = s->workers;
	s->workers = w;
	pthread_mutex_unlock(&s->mu);
	tls_worker = w;
	tls_serial = s->serial;
	return w;
}

static void file_sig(const char *path, struct timespec *mtime, long long *size)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		*mtime = st.st_mtim;
		*size = (long long)st.st_size;
	} else {
		memset(mtime, 0, sizeof(*mtime));
		*size = -1;
	}
}

/* True when the store's files changed since the handle looked (an import
 * ran): the handle's release cache is then stale, so it is reopened. */
static bool store_changed(srv_worker *w, const char *path)
{
	char wal[4096];
	struct timespec m1, m2;
	long long s1, s2;
	file_sig(path, &m1, &s1);
	if (snprintf(wal, sizeof(wal), "%s-wal", path) >= (int)sizeof(wal))
		return false;
	file_sig(wal, &m2, &s2);
	bool changed = s1 != w->db_size || s2 != w->wal_size || m1.tv_sec != w->db_mtime.tv_sec ||
		       m1.tv_nsec != w->db_mtime.tv_nsec || m2.tv_sec != w->wal_mtime.tv_sec ||
		       m2.tv_nsec != w->wal_mtime.tv_nsec;
	w->db_mtime = m1;
	w->wal_mtime = m2;
	w->db_size = s1;
	w->wal_size = s2;
	uint64_t v[6] = { (uint64_t)m1.tv_sec, (uint64_t)m1.tv_nsec, (uint64_t)s1,
			  (uint64_t)m2.tv_sec, (uint64_t)m2.tv_nsec, (uint64_t)s2 };
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < 6; i++) {
		h ^= v[i];
		h *= 1099511628211ull;
	}
	w->store_sig = h;
	return changed;
}

mc_store *srv_store(srv_req *req, mc_error *err)
{
	srv_worker *w = req->w;
	mc_server *s = req->srv;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (w->store && now.tv_sec == w->checked.tv_sec)
		return w->store;
	w->checked = now;
	mc_date_today(w->today);
	if (store_changed(w, s->db_path) && w->store) {
		/* Everything made on the old handle goes with it. */
		mc_detect_free(w->detect);
		w->detect = NULL;
		mc_publisher_free(w->pub);
		w->pub = NULL;
		mc_searcher_free(w->searcher);
		w->searcher = NULL;
		mc_store_free(w->store);
		w->store = NULL;
	}
	if (!w->store && mc_store_open(&w->store, s->db_path, MC_STORE_READ, err) < 0) {
		w->store = NULL;
		return NULL;
	}
	return w->store;
}

mc_searcher *srv_searcher(srv_req *req, mc_error *err)
{
	mc_store *st = srv_store(req, err);
	if (!st)
		return NULL;
	srv_worker *w = req->w;
	if (!w->searcher && mc_searcher_new(&w->searcher, st, err) < 0) {
		w->searcher = NULL;
		return NULL;
	}
	return w->searcher;
}

mc_publisher *srv_publisher(srv_req *req, const char *date, mc_error *err)
{
	mc_store *st = srv_store(req, err);
	if (!st)
		return NULL;
	srv_worker *w = req->w;
	const char *want = date ? date : w->today;
	if (w->pub && strcmp(w->pub_date, want) == 0)
		return w->pub;
	mc_publisher_free(w->pub);
	w->pub = NULL;
	if (mc_publisher_new(&w->pub, st, want, err) < 0) {
		w->pub = NULL;
		return NULL;
	}
	snprintf(w->pub_date, sizeof(w->pub_date), "%s", want);
	return w->pub;
}

static int phi_add_text(const char *text, size_t len, void *payload)
{
	return mc_phi_add_vocabulary(payload, text, len, NULL);
}

struct mc_phi *srv_phi(srv_req *req, mc_error *err)
{
	srv_worker *w = req->w;
	if (!w->phi) {
		mc_phi_opts o;
		memset(&o, 0, sizeof(o));
		if (mc_phi_new(&w->phi, &o, err) < 0) {
			w->phi = NULL;
			return NULL;
		}
		/* The store's clinical words are not taken for names (a word a
		 * name list knows stays a name).  Without the store, or on a
		 * read error, redaction goes on without them: it then masks
		 * more, never less. */
		mc_error e2;
		size_t nn, nw;
		mc_phi_stats(w->phi, &nn, &nw);
		mc_store *st = nn ? srv_store(req, &e2) : NULL;
		if (st)
			(void)mc_store_vocabulary(st, phi_add_text, w->phi, &e2);
	}
	return w->phi;
}

struct mc_detect *srv_detector(srv_req *req, mc_error *err)
{
	mc_store *st = srv_store(req, err);
	if (!st)
		return NULL;
	srv_worker *w = req->w;
	if (!w->detect && mc_detect_new(&w->detect, st, NULL, err) < 0) {
		w->detect = NULL;
		return NULL;
	}
	return w->detect;
}

/* ---- access log ----------------------------------------------------------- */

static void access_log(mc_server *s, const conn_req *c, uint64_t usec)
{
	if (s->o.log_fd < 0)
		return;
	char line[LOG_PATH_MAX + 128], ts[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	int n = snprintf(line, sizeof(line), "%s %s %s %d %zu %.3fms\n", ts, c->method[0] ? c->method : "-",
			 c->logpath[0] ? c->logpath : "-", c->status, c->bytes, (double)usec / 1000.0);
	if (n > 0) {
		size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
		/* One write per line: lines from workers never interleave. */
		ssize_t wr = write(s->o.log_fd, line, len);
		(void)wr;
	}
}

/* Path only (up to '?'), printable ASCII, capped: safe to log. */
static void log_path(char *out, const char *uri)
{
	size_t w = 0;
	for (const char *p = uri; *p && *p != '?' && *p != '#' && w + 1 < LOG_PATH_MAX; p++)
		out[w++] = (*p > ' ' && *p < 0x7f) ? *p : '?';
	out[w] = '\0';
}

/* ---- libmicrohttpd callbacks --------------------------------------------- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
	(void)con;
	mc_server *s = cls;
	conn_req *c = mc_calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->srv = s;
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
	c->route = srv_nroutes;
	c->target_len = strlen(uri);
	if (c->target_len <= s->o.max_url && !(c->target = mc_strndup(uri, c->target_len))) {
		mc_free(c);
		return NULL;
	}
	log_path(c->logpath, uri);
	atomic_fetch_add(&s->inflight, 1);
	return c;
}

static void on_completed(void *cls, struct MHD_Connection *con, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)con;
	(void)toe;
	mc_server *s = cls;
	conn_req *c = *req_cls;
	if (!c)
		return;
	uint64_t us = usec_since(&c->t0);
	if (c->status)
		srv_metrics_observe(s, c->route, c->status, us);
	access_log(s, c, us);
	if (c->sensitive && c->body.ptr)
		mc_wipe(c->body.ptr, c->body.len);
	mc_buf_release(&c->body);
	mc_free(c->target);
	mc_free(c);
	*req_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

/* Free callback of a body that may hold PHI: zero it first. */
static void wipe_free(void *cls)
{
	srv_resp *r = cls;
	mc_wipe(r->body, r->len);
	mc_free(r->body);
	mc_free(r);
}

static enum MHD_Result send_resp(struct MHD_Connection *con, conn_req *c, srv_resp *r)
{
	struct MHD_Response *mr;
	srv_resp *keep = NULL;
	if (r->body && r->wipe && (keep = mc_malloc(sizeof(*keep))) != NULL) {
		*keep = *r;
		mr = MHD_create_response_from_buffer_with_free_callback_cls(r->len, r->body, wipe_free, keep);
		if (!mr)
			mc_free(keep);
	} else if (r->body && r->wipe) {
		mc_wipe(r->body, r->len);
		mc_free(r->body);
		return MHD_NO;
	} else if (r->body)
		mr = MHD_create_response_from_buffer_with_free_callback(r->len, r->body, mc_free);
	else
		mr = MHD_create_response_from_buffer(0, (void *)(uintptr_t)"", MHD_RESPMEM_PERSISTENT);
	if (!mr) {
		if (r->wipe && r->body)
			mc_wipe(r->body, r->len);
		mc_free(r->body);
		return MHD_NO;
	}
	r->body = NULL; /* the response owns it now */
	if (r->content_type)
		MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	if (r->allow[0])
		MHD_add_response_header(mr, MHD_HTTP_HEADER_ALLOW, r->allow);
	if (r->cached)
		MHD_add_response_header(mr, "X-Cache", "hit");
	if (r->content_type && strncmp(r->content_type, "text/html", 9) == 0 && !r->site)
		MHD_add_response_header(mr, "Content-Security-Policy",
					"default-src 'none'; style-src 'unsafe-inline'; img-src data:");
	/* The handler's own lines ("Name: value\r\n", checked when added). */
	for (size_t i = 0; i < r->hlen;) {
		char *line = r->headers + i, *end = strstr(line, "\r\n"), *colon = strchr(line, ':');
		if (!end || !colon || colon > end)
			break;
		*colon = *end = '\0';
		MHD_add_response_header(mr, line, colon + 2);
		i = (size_t)(end - r->headers) + 2;
	}
	if (c && atomic_load(&c->srv->stopping))
		MHD_add_response_header(mr, MHD_HTTP_HEADER_CONNECTION, "close");
	enum MHD_Result ret = MHD_queue_response(con, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	if (c) {
		c->status = r->status;
		c->bytes = r->len;
	}
	return ret;
}

/* An error answered before routing (caps hit on the socket side). */
static enum MHD_Result early_error(struct MHD_Connection *con, conn_req *c, int status, const char *msg)
{
	srv_resp r;
	memset(&r, 0, sizeof(r));
	bool fhir = strncmp(c->logpath, "/fhir", 5) == 0;
	int rc = fhir ? srv_fhir_error(&r, status, "too-costly", "%s", msg) : srv_error(&r, status, "%s", msg);
	if (rc < 0)
		return MHD_NO;
	return send_resp(con, c, &r);
}

static enum MHD_Result sum_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	*(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

static const char *hdr(struct MHD_Connection *con, const char *name)
{
	return MHD_lookup_connection_value(con, MHD_HEADER_KIND, name);
}

static enum MHD_Result dispatch(struct MHD_Connection *con, mc_server *s, conn_req *c)
{
	srv_worker *w = srv_worker_get(s);
	if (!w)
		return early_error(con, c, 503, "out of memory");
	char addr[INET6_ADDRSTRLEN] = "";
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, addr, sizeof(addr));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, addr,
				  sizeof(addr));
	}
	srv_http http = {
		.cookie = hdr(con, MHD_HTTP_HEADER_COOKIE),
		.user_agent = hdr(con, MHD_HTTP_HEADER_USER_AGENT),
		.origin = hdr(con, "Origin"),
		.host = hdr(con, MHD_HTTP_HEADER_HOST),
		.content_type = hdr(con, MHD_HTTP_HEADER_CONTENT_TYPE),
		.authorization = hdr(con, MHD_HTTP_HEADER_AUTHORIZATION),
		.fwd_for = hdr(con, "X-Forwarded-For"),
		.fwd_proto = hdr(con, "X-Forwarded-Proto"),
		.fetch_site = hdr(con, "Sec-Fetch-Site"),
		.addr = addr,
	};
	srv_resp r;
	int rc = srv_dispatch(s, w, c->method, c->target, c->target_len, c->body.ptr, c->body.len, &http,
			      &r, &c->route);
	if (c->route < srv_nroutes && (srv_routes[c->route].flags & SRV_R_SENSITIVE))
		c->sensitive = true;
	if (rc < 0 && !r.body)
		return MHD_NO;
	return send_resp(con, c, &r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **req_cls)
{
	(void)url;
	(void)version;
	mc_server *s = cls;
	conn_req *c = *req_cls;
	if (!c) {
		srv_resp r;
		memset(&r, 0, sizeof(r));
		if (srv_error(&r, 503, "out of memory") < 0)
			return MHD_NO;
		return send_resp(con, NULL, &r);
	}
	if (!c->started) {
		c->started = true;
		snprintf(c->method, sizeof(c->method), "%s", method);
		size_t hb = 0;
		MHD_get_connection_values(con, MHD_HEADER_KIND, sum_header, &hb);
		if (hb > s->o.max_headers)
			return early_error(con, c, 431, "request headers are too large");
		if (!c->target)
			return early_error(con, c, 414, "request target is too long");
		const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		long n = 0;
		if (cl && (!mc_parse_long(cl, &n) || n < 0 || (unsigned long)n > s->o.max_body))
			return early_error(con, c, 413, "request body is too large");
		/* The whole body in one allocation: no realloc leaves a copy of
		 * it (it may hold PHI) behind in freed memory. */
		if (n > 0 && mc_buf_grow(&c->body, (size_t)n) < 0)
			return early_error(con, c, 503, "out of memory");
		/* Answer on a later call: a response queued on the first one
		 * makes libmicrohttpd close the connection after it. */
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (c->too_large || c->body.len + n > s->o.max_body) {
			/* A chunked body over the cap: stop reading and close. */
			c->too_large = true;
			return MHD_NO;
		}
		if (mc_buf_put(&c->body, upload_data, n) < 0)
			return MHD_NO;
		return MHD_YES;
	}
	return dispatch(con, s, c);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	mc_server *s = cls;
	if (s->o.log_fd < 0)
		return;
	char msg[300];
	int n = snprintf(msg, sizeof(msg), "medcode serve: ");
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	size_t len = strlen(msg);
	if (len && msg[len - 1] != '\n' && len + 1 < sizeof(msg))
		msg[len++] = '\n';
	ssize_t wr = write(s->o.log_fd, msg, len);
	(void)wr;
}

/* ---- life cycle ------------------------------------------------------------ */

int mc_server_new(mc_server **out, const mc_server_opts *opts, mc_error *err)
{
	*out = NULL;
	if (!opts || !opts->db_path)
		return mc_error_set(err, MC_EINVAL, "server: no store given");
	mc_server *s = mc_calloc(1, sizeof(*s));
	if (!s)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	s->o = *opts;
	if (!s->o.bind)
		s->o.bind = "127.0.0.1";
	if (!s->o.threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		s->o.threads = n > 0 && n < 256 ? (unsigned)n : 2;
	}
	if (!s->o.max_body)
		s->o.max_body = 1024 * 1024;
	if (!s->o.max_url)
		s->o.max_url = 4096;
	if (!s->o.max_headers)
		s->o.max_headers = 16384;
	if (!s->o.idle_timeout)
		s->o.idle_timeout = 15;
	if (!s->o.max_connections)
		s->o.max_connections = 1024;
	if (!s->o.max_per_ip)
		s->o.max_per_ip = 256;
	if (!s->o.grace_ms)
		s->o.grace_ms = 10000;
	if (s->o.log_fd == 0)
		s->o.log_fd = 2;
	s->serial = atomic_fetch_add(&next_serial, 1);
	clock_gettime(CLOCK_MONOTONIC, &s->started);
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->stop_mu, NULL);
	s->db_path = mc_strdup(opts->db_path);
	s->bind = mc_strdup(s->o.bind);
	s->stats = mc_calloc(srv_nroutes + 1, sizeof(*s->stats));
	if (!s->db_path || !s->bind || !s->stats) {
		mc_server_free(s);
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	}
	if (!s->o.cache_bytes)
		s->o.cache_bytes = 32u << 20;
	if (!s->o.no_cache && !(s->cache = srv_cache_new(s->o.cache_bytes))) {
		mc_server_free(s);
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	}
	s->o.db_path = s->db_path;
	s->o.bind = s->bind;
	if (s->o.threads > 256) {
		mc_server_free(s);
		return mc_error_set(err, MC_EINVAL, "server: at most 256 threads");
	}
	mc_store *probe = NULL;
	int rc = mc_store_open(&probe, s->db_path, MC_STORE_READ, err);
	mc_store_free(probe);
	if (rc < 0) {
		mc_server_free(s);
		return rc;
	}
	/* Accounts live apart from the store (an import never touches them):
	 * the given database, else a file beside the store. */
	char def[4096];
	const char *conn = opts->accounts;
	if (!conn || !*conn) {
		if (!mc_accounts_default_path(def, sizeof(def), s->db_path)) {
			mc_server_free(s);
			return mc_error_set(err, MC_EINVAL, "server: store path too long");
		}
		conn = def;
	}
	if (!(s->acct_conninfo = mc_strdup(conn))) {
		mc_server_free(s);
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	}
	s->o.accounts = s->acct_conninfo;
	if ((rc = mc_accounts_open(&s->acct, conn, opts->account_opts, err)) < 0) {
		mc_server_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int mc_server_start(mc_server *s, mc_error *err)
{
	pthread_mutex_lock(&s->stop_mu);
	if (s->daemon) {
		pthread_mutex_unlock(&s->stop_mu);
		return mc_error_set(err, MC_EINVAL, "server: already started");
	}
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;
	memset(&a4, 0, sizeof(a4));
	memset(&a6, 0, sizeof(a6));
	const struct sockaddr *addr;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (s->o.turbo)
		flags |= MHD_USE_TURBO;
	if (inet_pton(AF_INET, s->bind, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons(s->o.port);
		addr = (const struct sockaddr *)&a4;
	} else if (inet_pton(AF_INET6, s->bind, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons(s->o.port);
		addr = (const struct sockaddr *)&a6;
		flags |= MHD_USE_IPv6;
	} else {
		pthread_mutex_unlock(&s->stop_mu);
		return mc_error_set(err, MC_EINVAL, "server: '%s' is not a numeric IP address", s->bind);
	}
	/* Room for the request line and headers up to our caps (so we answer
	 * 414/431 ourselves), plus the read buffer. */
	size_t mem = s->o.max_url + s->o.max_headers + 32 * 1024;
	atomic_store(&s->stopping, 0);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, s->o.port, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
		MHD_OPTION_SOCK_ADDR, addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)s->o.threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)s->o.idle_timeout,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)s->o.max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)s->o.max_per_ip,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, mem,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_END);
	if (!d) {
		pthread_mutex_unlock(&s->stop_mu);
		return mc_error_set(err, MC_EIO, "server: cannot listen on %s port %u", s->bind,
				    (unsigned)s->o.port);
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : s->o.port;
	s->daemon = d;
	pthread_mutex_unlock(&s->stop_mu);
	return 0;
}

const char *mc_server_accounts_backend(const mc_server *s)
{
	return mc_accounts_backend(s->acct);
}

uint16_t mc_server_port(const mc_server *s)
{
	return s->daemon ? s->port : 0;
}

void mc_server_stop(mc_server *s)
{
	pthread_mutex_lock(&s->stop_mu);
	struct MHD_Daemon *d = s->daemon;
	if (!d) {
		pthread_mutex_unlock(&s->stop_mu);
		return;
	}
	atomic_store(&s->stopping, 1);
	/* Stop accepting; connections already open go on. */
	MHD_socket fd = MHD_quiesce_daemon(d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (atomic_load(&s->inflight) > 0 && usec_since(&t0) < (uint64_t)s->o.grace_ms * 1000) {
		struct timespec nap = { 0, 5 * 1000 * 1000 };
		nanosleep(&nap, NULL);
	}
	MHD_stop_daemon(d);
	s->daemon = NULL;
	pthread_mutex_unlock(&s->stop_mu);
}

void mc_server_free(mc_server *s)
{
	if (!s)
		return;
	mc_server_stop(s);
	for (srv_worker *w = s->workers, *next; w; w = next) {
		next = w->next;
		mc_detect_free(w->detect);
		mc_phi_free(w->phi);
		mc_publisher_free(w->pub);
		mc_searcher_free(w->searcher);
		mc_store_free(w->store);
		mc_free(w);
	}
	pthread_mutex_destroy(&s->mu);
	pthread_mutex_destroy(&s->stop_mu);
	srv_cache_free(s->cache);
	mc_accounts_free(s->acct);
	if (s->acct_conninfo)
		mc_wipe(s->acct_conninfo, strlen(s->acct_conninfo));
	mc_free(s->acct_conninfo);
	mc_free(s->stats);
	mc_free(s->db_path);
	mc_free(s->bind);
	mc_free(s);
}

/* ---- in-process dispatch ----------------------------------------------------- */

int mc_server_handle(mc_server *s, const char *method, const char *target, const char *body,
		     size_t body_len, mc_server_response *out)
{
	mc_server_request rq = { .method = method, .target = target, .body = body, .body_len = body_len };
	return mc_server_request_run(s, &rq, out);
}

static const char *find_header(const char *const *h, const char *name)
{
	for (size_t i = 0; h && h[i] && h[i + 1]; i += 2)
		if (mc_str_iequal(h[i], name))
			return h[i + 1];
	return NULL;
}

int mc_server_request_run(mc_server *s, const mc_server_request *rq, mc_server_response *out)
{
	memset(out, 0, sizeof(*out));
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	srv_worker *w = srv_worker_get(s);
	if (!w)
		return MC_ENOMEM;
	const char *const *h = rq->headers;
	srv_http http = {
		.cookie = find_header(h, "Cookie"),
		.user_agent = find_header(h, "User-Agent"),
		.origin = find_header(h, "Origin"),
		.host = find_header(h, "Host"),
		.content_type = find_header(h, "Content-Type"),
		.authorization = find_header(h, "Authorization"),
		.fwd_for = find_header(h, "X-Forwarded-For"),
		.fwd_proto = find_header(h, "X-Forwarded-Proto"),
		.fetch_site = find_header(h, "Sec-Fetch-Site"),
		.addr = rq->client_addr ? rq->client_addr : "127.0.0.1",
	};
	srv_resp r;
	size_t route;
	int rc = srv_dispatch(s, w, rq->method, rq->target, strlen(rq->target), rq->body, rq->body_len,
			      &http, &r, &route);
	if (rc < 0 && !r.body)
		return MC_ENOMEM;
	srv_metrics_observe(s, route, r.status, usec_since(&t0));
	out->status = r.status;
	snprintf(out->content_type, sizeof(out->content_type), "%s", r.content_type ? r.content_type : "");
	snprintf(out->allow, sizeof(out->allow), "%s", r.allow);
	out->body = r.body;
	out->len = r.len;
	out->cached = r.cached;
	memcpy(out->headers, r.headers, r.hlen);
	out->headers[r.hlen] = '\0';
	return 0;
}

void mc_server_response_release(mc_server_response *r)
{
	if (r->body)
		mc_wipe(r->body, r->len);
	mc_free(r->body);
	memset(r, 0, sizeof(*r));
}
