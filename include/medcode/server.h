/* medcode server: the HTTP front end (JSON API under /api/v1, FHIR R4
 * terminology under /fhir, /healthz and /metrics) on libmicrohttpd.
 *
 * A server owns a thread pool; each worker thread opens its own read-only
 * store handle on first use, and every request gets its own arena that dies
 * with it.  Routes are a table (src/server/routes.c): method, path pattern,
 * handler, limits.  The library never prints, except the access log the
 * server writes to the log fd (one line per request: method, path without
 * the query string, status, bytes, milliseconds; never bodies).
 *
 * Routes: /healthz, /metrics, /api/v1/{info, codes/{code}, search, reports/
 * {code} (GET code page, POST publication from an input record), answer,
 * redact (POST), detect (POST)}, /fhir/{metadata, CodeSystem/$lookup,
 * CodeSystem/$validate-code, ValueSet/$expand}; see docs/server.md.
 */
#ifndef MEDCODE_SERVER_H
#define MEDCODE_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "medcode/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mc_server mc_server;

/* Any field left 0 / NULL takes the default in brackets. */
typedef struct mc_server_opts {
	const char *db_path;          /* the store (required) */
	const char *bind;             /* numeric IPv4 or IPv6 address [127.0.0.1] */
	uint16_t port;                /* 0 = any free port (see mc_server_port) [0] */
	unsigned threads;             /* worker threads [online CPUs] */
	size_t max_body;              /* request body cap, 413 beyond [1 MiB]; a
	                                 route may set a lower one */
	size_t max_url;               /* request target cap, 414 beyond [4096] */
	size_t max_headers;           /* total header bytes, 431 beyond [16384] */
	unsigned idle_timeout;        /* seconds a connection may sit idle [15] */
	unsigned max_connections;     /* open connections [1024] */
	unsigned max_per_ip;          /* open connections per client address [256] */
	unsigned grace_ms;            /* shutdown: wait this long for in-flight
	                                 requests [10000] */
	int log_fd;                   /* access log; -1 = none [0 means stderr: 2] */
	size_t cache_bytes;           /* response cache for GET answers (keyed by
	                                 the request target, today's date and the
	                                 store files' identity) [32 MiB] */
	int no_cache;                 /* non-zero: no response cache */
	int turbo;                    /* non-zero: libmicrohttpd's MHD_USE_TURBO */
	const char *accounts;         /* account database: PostgreSQL connection
	                                 string or SQLite path [the store's path
	                                 with ".accounts.db" for ".db"] */
	const struct mc_accounts_opts *account_opts;  /* NULL: defaults */
	int trust_proxy;              /* non-zero: behind a reverse proxy: the
	                                 client address is the last
	                                 X-Forwarded-For entry, and
	                                 X-Forwarded-Proto: https makes cookies
	                                 Secure */
	int secure_cookies;           /* non-zero: cookies always Secure (TLS in
	                                 front of the server) */
} mc_server_opts;

/* Check the options and that the store opens for reading; nothing listens
 * yet.  *out is the caller's: mc_server_free.  MC_EINVAL for bad options,
 * the store's error when it cannot be opened. */
int mc_server_new(mc_server **out, const mc_server_opts *opts, mc_error *err);

/* Start listening and serving on the worker threads.  MC_EIO when the
 * address cannot be bound. */
int mc_server_start(mc_server *s, mc_error *err);

/* "sqlite" or "postgresql": where the server keeps accounts. */
const char *mc_server_accounts_backend(const mc_server *s);

/* The port listened on (useful after asking for port 0); 0 before start. */
uint16_t mc_server_port(const mc_server *s);

/* Graceful stop: stop accepting, let in-flight requests finish (up to
 * grace_ms), then close every connection and join the workers.  Safe to
 * call from any thread but a worker, and more than once. */
void mc_server_stop(mc_server *s);

/* Stop (if running) and free everything, including worker store handles. */
void mc_server_free(mc_server *s);

/* ---- in-process dispatch (tests, fuzzing, embedding) ------------------- */

/* A response produced without a socket.  body is NUL-terminated and owned
 * by the response: mc_server_response_release. */
typedef struct mc_server_response {
	int status;
	char content_type[64];
	char allow[64];               /* "GET, POST" on 405, else "" */
	char *body;
	size_t len;
	int cached;                   /* non-zero: served from the response cache */
	char headers[1600];           /* extra headers, "Name: value\r\n" lines
	                                 (Set-Cookie, Location, CSP, ...) */
} mc_server_response;

/* Run one request through the same route table, limits and handlers the
 * sockets use, on the calling thread's own store handle.  target is the
 * request target as sent ("/api/v1/codes/E11.52?date=2021-01-01"); body
 * may be NULL.  Counts in /metrics like any request.  out is always
 * initialised; returns 0, or MC_ENOMEM when no response could be made. */
int mc_server_handle(mc_server *s, const char *method, const char *target, const char *body,
		     size_t body_len, mc_server_response *out);
void mc_server_response_release(mc_server_response *r);

/* A request with headers, for the web pages (cookies, forms). */
typedef struct mc_server_request {
	const char *method, *target;
	const char *body;             /* may be NULL */
	size_t body_len;
	const char *const *headers;   /* name, value, name, value, ..., NULL */
	const char *client_addr;      /* NULL: "127.0.0.1" */
} mc_server_request;
/* mc_server_handle with headers and a client address. */
int mc_server_request_run(mc_server *s, const mc_server_request *rq, mc_server_response *out);

#ifdef __cplusplus
}
#endif
#endif
