/* Internals of the server module: the request and response a handler sees,
 * the route table, metrics, and the helpers shared by handler files.
 *
 * Adding a route: write src/server/h_<name>.c with one srv_handler, declare
 * it below, and add one line to srv_routes (routes.c).  A handler reads its
 * request (everything in it lives in the request's arena and dies with the
 * request), fills the response with srv_json / srv_error / srv_fhir_error,
 * and returns 0 (or a negative MC_E* code when even that failed: the
 * dispatcher then answers 500). */
#ifndef MC_SERVER_INT_H
#define MC_SERVER_INT_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/core.h"
#include "medcode/lookup.h"
#include "medcode/publish.h"
#include "medcode/search.h"
#include "medcode/server.h"
#include "medcode/store.h"
#include "medcode/types.h"
#include "medcode/wipe.h"

/* Methods, as bits so a route can take several. HEAD matches GET routes. */
enum { SRV_GET = 1u, SRV_POST = 2u };

/* Fixed caps besides the configurable ones in mc_server_opts. */
enum {
	SRV_MAX_PARAMS = 64,          /* query or Parameters entries */
	SRV_MAX_JSON_DEPTH = 32,      /* nesting of a JSON body */
	SRV_MAX_SEGMENTS = 16,        /* path segments */
	SRV_FHIR_BODY = 64 * 1024     /* FHIR Parameters bodies */
};

typedef struct srv_kv { const char *name, *value; } srv_kv;

/* One worker thread's state: its own read-only store handle. */
typedef struct srv_worker {
	mc_server *srv;
	mc_store *store;              /* opened on first use */
	mc_searcher *searcher;        /* on store, made on first search */
	mc_publisher *pub;            /* on store, for pub_date (reports, answers) */
	char pub_date[MC_DATE_LEN];
	struct mc_phi *phi;           /* PHI engine (one per thread: its scanner
	                                 scratch is not shared), made on first redact */
	struct mc_detect *detect;     /* detector on store (not thread-safe), made
	                                 on first detect */
	struct timespec checked;      /* last look at the store files */
	struct timespec db_mtime, wal_mtime;
	long long db_size, wal_size;
	uint64_t store_sig;           /* of the files as last seen: keys the cache */
	char today[MC_DATE_LEN];      /* refreshed with the file check */
	struct srv_worker *next;
} srv_worker;

struct srv_route;

/* The request headers handlers may read (NULL when absent) and the
 * client's address.  Everything is borrowed for the request's life. */
typedef struct srv_http {
	const char *cookie, *user_agent, *origin, *host, *content_type, *authorization;
	const char *fwd_for, *fwd_proto, *fetch_site;
	const char *addr;             /* numeric client address ("" when unknown) */
} srv_http;

typedef struct srv_req {
	mc_arena *arena;              /* dies with the request */
	mc_server *srv;
	srv_worker *w;
	const struct srv_route *route;
	unsigned method;              /* SRV_GET or SRV_POST */
	const char *path;             /* percent-decoded path, no query */
	srv_kv *params;            /* query parameters, then POST Parameters */
	size_t nparams;
	const char *capture[4];       /* {name} segments of the route pattern, decoded */
	size_t ncapture;
	const char *body;             /* may be NULL */
	size_t body_len;
	srv_http http;
} srv_req;

typedef struct srv_resp {
	int status;
	const char *content_type;     /* static string */
	char *body;                   /* mc_malloc'd or jansson's: freed with free() */
	size_t len;
	char allow[64];
	bool wipe;                    /* the body may hold PHI: zero it before freeing */
	bool cached;                  /* served from the response cache */
	bool site;                    /* a web page: its own security headers are in
	                                 headers (no default CSP) */
	char headers[1536];           /* extra header lines "Name: value\r\n" */
	size_t hlen;
} srv_resp;

/* Add a header line to resp (dropped, and false returned, when it does
 * not fit or holds CR or LF). */
bool srv_header_add(srv_resp *resp, const char *name, const char *value);

typedef int (*srv_handler)(srv_req *req, srv_resp *resp);

/* Route flags. */
enum {
	SRV_R_FHIR = 1u,              /* errors as OperationOutcome */
	SRV_R_PARAMS_BODY = 2u,       /* POST body is a FHIR Parameters resource,
	                                 merged into req->params */
	SRV_R_JSON_BODY = 4u,         /* POST needs a body of JSON (or JSON lines):
	                                 non-empty, UTF-8, nesting checked before the
	                                 handler parses it */
	SRV_R_SENSITIVE = 8u,         /* bodies may hold PHI: request and response
	                                 bodies are zeroed before they are freed */
	SRV_R_CACHE = 16u,            /* GET answers (200, 404) may come from and go to
	                                 the response cache */
	SRV_R_FORM = 32u              /* POST body is a form
	                                 (application/x-www-form-urlencoded),
	                                 merged into req->params */
};

typedef struct srv_route {
	unsigned methods;             /* SRV_GET | SRV_POST */
	const char *pattern;          /* "/api/v1/codes/{code}": literal segments and {name} */
	srv_handler handler;
	size_t max_body;              /* 0: no body accepted */
	unsigned flags;
	const char *name;             /* the metrics label */
} srv_route;

extern const srv_route srv_routes[];
extern const size_t srv_nroutes;

/* ---- metrics ---------------------------------------------------------- */
#define SRV_NBUCKETS 12
extern const double srv_buckets[SRV_NBUCKETS];  /* seconds, upper bounds */

typedef struct srv_route_stats {
	atomic_uint_fast64_t status[6];             /* 1xx..5xx, [0] other */
	atomic_uint_fast64_t bucket[SRV_NBUCKETS + 1];
	atomic_uint_fast64_t sum_us;
} srv_route_stats;

/* ---- response cache (cache.c) ----------------------------------------- */
typedef struct srv_cache srv_cache;
/* A cache of at most max_bytes (entries, keys and bodies); NULL when out of
 * memory. */
srv_cache *srv_cache_new(size_t max_bytes);
void srv_cache_free(srv_cache *c);
/* On a hit (same key, same store signature) fill resp with a copy of the
 * body and return true. */
bool srv_cache_get(srv_cache *c, const char *key, size_t klen, uint64_t sig, srv_resp *resp);
/* Keep a copy of resp under key (skipped when too big or out of memory). */
void srv_cache_put(srv_cache *c, const char *key, size_t klen, uint64_t sig, const srv_resp *resp);
/* Counters for /metrics. */
void srv_cache_stats(srv_cache *c, uint64_t *hits, uint64_t *misses, size_t *entries, size_t *bytes);

/* ---- the server ------------------------------------------------------- */
struct mc_server {
	mc_server_opts o;             /* defaults filled in */
	char *db_path, *bind;
	uint64_t serial;              /* tells this server's thread-local workers apart */
	void *daemon;                 /* struct MHD_Daemon * */
	uint16_t port;
	atomic_int stopping;
	atomic_int inflight;
	pthread_mutex_t mu;           /* guards workers */
	pthread_mutex_t stop_mu;      /* guards daemon start and stop */
	srv_worker *workers;
	srv_route_stats *stats;       /* srv_nroutes + 1 (the last: no route) */
	srv_cache *cache;             /* NULL: no response cache */
	struct timespec started;
	struct mc_accounts *acct;     /* users, sessions, meters (web pages) */
	char *acct_conninfo;
	atomic_int_fast64_t pruned;   /* last prune of the account database */
};

/* The calling thread's worker for s (made on first use); NULL when out of
 * memory. */
srv_worker *srv_worker_get(mc_server *s);
/* The worker's store, opened (or reopened after an import changed the
 * files) as needed; NULL with err set when it cannot be opened. */
mc_store *srv_store(srv_req *req, mc_error *err);
/* The worker's searcher on its store (made on first use); NULL with err
 * set (MC_ENOTFOUND when the store has no search index). */
mc_searcher *srv_searcher(srv_req *req, mc_error *err);
/* The worker's publisher for date (YYYY-MM-DD, NULL = today) on its store,
 * remade when the date differs from the last request's; NULL with err set. */
mc_publisher *srv_publisher(srv_req *req, const char *date, mc_error *err);
/* The worker's PHI engine (made on first use); NULL with err set. */
struct mc_phi *srv_phi(srv_req *req, mc_error *err);
/* The worker's ICD-10-CM detector on its store for today's release (made
 * on first use, remade when the store changes); NULL with err set. */
struct mc_detect *srv_detector(srv_req *req, mc_error *err);
/* Zero n bytes at p (not optimised away). */

/* Route, parse and run one request.  target_len counts the request target;
 * resp is filled (status and body always set unless MC_ENOMEM).  *route_out
 * is the index of the route for metrics (srv_nroutes when none matched). */
int srv_dispatch(mc_server *s, srv_worker *w, const char *method, const char *target,
		 size_t target_len, const char *body, size_t body_len, const srv_http *http,
		 srv_resp *resp, size_t *route_out);

void srv_metrics_observe(mc_server *s, size_t route, int status, uint64_t usec);
int srv_metrics_render(mc_server *s, mc_buf *out);

/* ---- parsing (fuzzed by fuzz/fuzz_fhir_params.c) ---------------------- */

/* Decode an application/x-www-form-urlencoded query (no leading '?') into
 * params in the arena, appended to *params and *n (at most SRV_MAX_PARAMS in
 * all).  Rejects bad %-escapes, NUL, invalid UTF-8: MC_EFORMAT with msg. */
int srv_parse_query(mc_arena *a, const char *q, size_t len, srv_kv **params, size_t *n,
		    char *msg, size_t msgcap);
/* Percent-decode s[0..len) into the arena ('+' kept as is); NULL on a bad
 * escape, NUL or invalid UTF-8 (or out of memory: a->failed). */
char *srv_decode(mc_arena *a, const char *s, size_t len, bool plus_is_space);
/* Parse a JSON body: size cap max, nesting at most SRV_MAX_JSON_DEPTH,
 * duplicate keys rejected.  *out is a new reference; MC_EFORMAT with msg. */
int srv_json_parse(const char *body, size_t len, size_t max, json_t **out, char *msg, size_t msgcap);
/* Append the entries of a FHIR Parameters resource to *params and *n: value[x]
 * scalars by name; a valueCoding gives system, code, version and display. */
int srv_fhir_parameters(mc_arena *a, const json_t *root, srv_kv **params, size_t *n,
			char *msg, size_t msgcap);

/* Nesting of [ and { in s[0..len) outside strings, counting stops past limit. */
size_t srv_json_depth(const char *s, size_t len, size_t limit);
/* The JSON documents of a body: one JSON value (possibly pretty-printed), or
 * JSON lines (one value a line, blank lines skipped, at most max_docs).
 * Calls fn for each with its 1-based line (1 for a single value); stops at
 * the first fn result != 0 and returns it.  *multi tells JSON lines apart.
 * A malformed document: MC_EFORMAT with msg (line and column). */
typedef int (*srv_doc_fn)(void *ctx, json_t *doc, size_t line, char *msg, size_t msgcap);
int srv_json_docs(const char *body, size_t len, size_t max_docs, srv_doc_fn fn, void *ctx,
		  bool *multi, char *msg, size_t msgcap);
/* Answer a body of JSON documents (redact, detect): fn writes one JSON line
 * per document into out (initialised here, sized for the usual answer up
 * front: fewer reallocs leave fewer unwiped copies of it in freed memory)
 * and sets *status to the HTTP status of a failure.  The response is out
 * (one value or JSON lines), or the error with out wiped. */
int srv_docs_reply(srv_req *req, srv_resp *resp, size_t max_docs, srv_doc_fn fn, void *ctx,
		   mc_buf *out, const int *status);
/* Append j compactly plus a newline to out (a JSON line).  MC_ENOMEM. */
int srv_json_line(mc_buf *out, const json_t *j);

/* The first parameter called name, or NULL. */
const char *srv_param(const srv_req *req, const char *name);

/* ---- responses -------------------------------------------------------- */
/* Serialize j (reference stolen) as the body: pretty (2-space indent and a
 * newline, as the command line prints) or compact.  MC_ENOMEM on failure. */
int srv_json(srv_resp *resp, int status, json_t *j, bool pretty, const char *content_type);
/* Take body (from an encoder in medcode/json.h, malloc'd, len bytes) as
 * the response; MC_ENOMEM when body is NULL. */
int srv_text(srv_resp *resp, int status, char *body, size_t len, const char *content_type);
/* {"error": "..."} with status. */
int srv_error(srv_resp *resp, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* An OperationOutcome with one issue (severity error, FHIR issue type
 * code such as "not-found", "invalid", "required", "too-costly"). */
int srv_fhir_error(srv_resp *resp, int status, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define SRV_JSON "application/json"
#define SRV_FHIR_JSON "application/fhir+json; charset=utf-8"

/* ---- FHIR ------------------------------------------------------------- */
typedef struct srv_fhir_system {
	mc_system system;
	const char *uri, *name;
} srv_fhir_system;
/* The system for a canonical URI (a "|version" suffix ignored); NULL if none. */
const srv_fhir_system *srv_fhir_system_by_uri(const char *uri);
const srv_fhir_system *srv_fhir_system_by_id(mc_system sys);
extern const srv_fhir_system srv_fhir_systems[];
extern const size_t srv_fhir_nsystems;
/* The date a request asks about: "date" (YYYY-MM-DD, or a dateTime whose
 * first 10 characters are one), else the start of release "version" of the
 * system, else NULL (today).  On bad input fills resp and returns < 0. */
int srv_fhir_date(srv_req *req, mc_system sys, srv_resp *resp, const char **out);
/* The record of code exactly (any spelling) in a lookup result, or NULL. */
const mc_code_record *srv_fhir_find(const mc_lookup_result *r, const char *code);
/* The common start of $lookup and $validate-code: resolve the system URI,
 * the date (date/version parameters), this worker's store, and look code
 * up (brief or full) into *r.  Returns 0 with *fs and *r set (release *r);
 * 1 when it already answered with an OperationOutcome (bad parameters,
 * unknown system, store or lookup failure); MC_ENOMEM. */
int srv_fhir_lookup_code(srv_req *req, srv_resp *resp, const char *system, const char *code,
			 bool brief, const srv_fhir_system **fs, mc_lookup_result *r);
/* Add {"name": name, "<type>": value} to a Parameters' parameter array. */
int srv_fhir_param_add(json_t *params, const char *name, const char *type, json_t *value);

/* Build and render a document into resp (h_reports.c): the code page of
 * code (in NULL), the publication of in, or the answer to question, in
 * the request's format (json, md, html) as of its date.  404 when the code
 * is not valid on the date, 400 for bad parameters or a record naming
 * another code. */
int srv_publish_respond(srv_req *req, srv_resp *resp, const char *code, mc_system sys,
			const mc_pub_input *in, const char *question);

/* ---- handlers (one file each) ----------------------------------------- */
int srv_h_healthz(srv_req *req, srv_resp *resp);
int srv_h_metrics(srv_req *req, srv_resp *resp);
int srv_h_info(srv_req *req, srv_resp *resp);
int srv_h_codes(srv_req *req, srv_resp *resp);
int srv_h_search(srv_req *req, srv_resp *resp);
int srv_h_fhir_metadata(srv_req *req, srv_resp *resp);
int srv_h_fhir_lookup(srv_req *req, srv_resp *resp);
int srv_h_fhir_validate(srv_req *req, srv_resp *resp);
int srv_h_fhir_expand(srv_req *req, srv_resp *resp);
int srv_h_reports(srv_req *req, srv_resp *resp);
int srv_h_answer(srv_req *req, srv_resp *resp);
int srv_h_redact(srv_req *req, srv_resp *resp);
int srv_h_detect(srv_req *req, srv_resp *resp);
/* The web application (h_web*.c): pages, tools and accounts. */
int srv_h_web_home(srv_req *req, srv_resp *resp);
int srv_h_web_asset(srv_req *req, srv_resp *resp);
int srv_h_web_code(srv_req *req, srv_resp *resp);
int srv_h_web_search(srv_req *req, srv_resp *resp);
int srv_h_web_ask(srv_req *req, srv_resp *resp);
int srv_h_web_publish(srv_req *req, srv_resp *resp);
int srv_h_web_redact(srv_req *req, srv_resp *resp);
int srv_h_web_detect(srv_req *req, srv_resp *resp);
int srv_h_web_login(srv_req *req, srv_resp *resp);
int srv_h_web_register(srv_req *req, srv_resp *resp);
int srv_h_web_logout(srv_req *req, srv_resp *resp);
int srv_h_web_account(srv_req *req, srv_resp *resp);

#endif
