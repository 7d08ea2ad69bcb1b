/* Dispatch: split the request target, match the route table, apply the
 * route's limits, parse parameters, run the handler.  Everything a request
 * allocates lives in its arena. */
#include <stdio.h>
#include <string.h>

#include "server/server_int.h"

static unsigned method_bit(const char *m)
{
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return SRV_GET;
	if (strcmp(m, "POST") == 0)
		return SRV_POST;
	return 0;
}

static void allow_header(const srv_route *r, char *out, size_t cap)
{
	snprintf(out, cap, "%s%s%s", r->methods & SRV_GET ? "GET, HEAD" : "",
		 (r->methods & SRV_GET) && (r->methods & SRV_POST) ? ", " : "",
		 r->methods & SRV_POST ? "POST" : "");
}

/* Match the decoded path segments against pattern, capturing {name}s. */
static bool match(const char *pattern, char **seg, size_t nseg, srv_req *req)
{
	size_t i = 0, ncap = 0;
	const char *p = pattern;
	if (strcmp(pattern, "/") == 0) {
		req->ncapture = 0;
		return nseg == 0;
	}
	while (*p == '/') {
		p++;
		const char *end = strchr(p, '/');
		size_t plen = end ? (size_t)(end - p) : strlen(p);
		if (i >= nseg)
			return false;
		if (plen >= 2 && p[0] == '{' && p[plen - 1] == '}') {
			if (!seg[i][0] || ncap >= sizeof(req->capture) / sizeof(req->capture[0]))
				return false;
			req->capture[ncap++] = seg[i];
		} else if (strlen(seg[i]) != plen || memcmp(seg[i], p, plen) != 0) {
			return false;
		}
		i++;
		p += plen;
	}
	if (i != nseg)
		return false;
	req->ncapture = ncap;
	return true;
}

static bool is_fhir_path(const char *target)
{
	return strncmp(target, "/fhir/", 6) == 0 || strcmp(target, "/fhir") == 0;
}

/* An error in the style of the path: OperationOutcome under /fhir. */
static int fail(bool fhir, srv_resp *resp, int status, const char *code, const char *msg)
{
	if (fhir)
		return srv_fhir_error(resp, status, code, "%s", msg);
	return srv_error(resp, status, "%s", msg);
}

int srv_dispatch(mc_server *s, srv_worker *w, const char *method, const char *target,
		 size_t target_len, const char *body, size_t body_len, const srv_http *http,
		 srv_resp *resp, size_t *route_out)
{
	memset(resp, 0, sizeof(*resp));
	*route_out = srv_nroutes;
	mc_arena arena = MC_ARENA_INIT;
	srv_req req = { .arena = &arena, .srv = s, .w = w, .body = body, .body_len = body_len };
	static const srv_http no_http = { .addr = "" };
	req.http = http ? *http : no_http;
	if (!req.http.addr)
		req.http.addr = "";
	bool wipe_arena = false;
	bool fhir = is_fhir_path(target);
	char msg[256];
	int rc = 0;

	if (target_len > s->o.max_url) {
		rc = fail(fhir, resp, 414, "too-costly", "request target is too long");
		goto done;
	}
	if (target[0] != '/') {
		rc = fail(fhir, resp, 400, "invalid", "request target must start with '/'");
		goto done;
	}
	const char *q = memchr(target, '?', target_len);
	size_t plen = q ? (size_t)(q - target) : target_len;
	/* A fragment is never sent by clients; drop it if one is. */
	const char *frag = memchr(target, '#', target_len);
	size_t qlen = q ? (size_t)((frag && frag > q ? frag : target + target_len) - q - 1) : 0;

	/* Path segments, each percent-decoded on its own (so %2F stays inside). */
	char *seg[SRV_MAX_SEGMENTS];
	size_t nseg = 0;
	const char *p = target;
	while (p < target + plen) {
		p++; /* the '/' */
		const char *e = memchr(p, '/', (size_t)(target + plen - p));
		if (!e)
			e = target + plen;
		if (e == p && e == target + plen && nseg > 0)
			break; /* one trailing slash is allowed */
		if (nseg == SRV_MAX_SEGMENTS) {
			rc = fail(fhir, resp, 404, "not-found", "no such path");
			goto done;
		}
		seg[nseg] = srv_decode(&arena, p, (size_t)(e - p), false);
		if (!seg[nseg]) {
			if (arena.failed)
				goto oom;
			rc = fail(fhir, resp, 400, "invalid", "malformed path: bad percent-escape or not UTF-8");
			goto done;
		}
		nseg++;
		p = e;
	}
	if (nseg == 1 && !seg[0][0])
		nseg = 0; /* "/" */

	unsigned mbit = method_bit(method);
	const srv_route *path_match = NULL, *route = NULL;
	for (size_t i = 0; i < srv_nroutes; i++) {
		if (!match(srv_routes[i].pattern, seg, nseg, &req))
			continue;
		if (!path_match)
			path_match = &srv_routes[i];
		if (srv_routes[i].methods & mbit) {
			route = &srv_routes[i];
			*route_out = i;
			break;
		}
	}
	if (!path_match) {
		rc = fail(fhir, resp, 404, "not-found", "no such path");
		goto done;
	}
	if (!route) {
		allow_header(path_match, resp->allow, sizeof(resp->allow));
		snprintf(msg, sizeof(msg), "method %.16s is not allowed here (allowed: %s)", method, resp->allow);
		rc = fail(fhir, resp, 405, "not-supported", msg);
		goto done;
	}
	fhir = (route->flags & SRV_R_FHIR) != 0;
	wipe_arena = (route->flags & SRV_R_SENSITIVE) != 0 || (route->flags & SRV_R_FORM) != 0;
	req.route = route;
	req.method = mbit;
	req.path = route->pattern;
	size_t cap = route->max_body < s->o.max_body ? route->max_body : s->o.max_body;
	if (body_len > cap) {
		if (cap)
			snprintf(msg, sizeof(msg), "request body is larger than %zu bytes", cap);
		else
			snprintf(msg, sizeof(msg), "this route takes no request body");
		rc = fail(fhir, resp, 413, "too-costly", msg);
		goto done;
	}
	/* The response cache: the target as sent (path and query), today's
	 * date and the store files' signature; looked at before any parsing. */
	char *ckey = NULL;
	size_t cklen = 0;
	uint64_t csig = 0;
	if (s->cache && mbit == SRV_GET && (route->flags & SRV_R_CACHE)) {
		mc_error cerr;
		mc_error_clear(&cerr);
		if (srv_store(&req, &cerr)) {
			size_t tlen = frag ? (size_t)(frag - target) : target_len;
			cklen = tlen + 1 + strlen(w->today);
			if (!(ckey = mc_arena_alloc(&arena, cklen + 1)))
				goto oom;
			memcpy(ckey, target, tlen);
			ckey[tlen] = '\n';
			memcpy(ckey + tlen + 1, w->today, cklen - tlen - 1);
			csig = w->store_sig;
			if (srv_cache_get(s->cache, ckey, cklen, csig, resp))
				goto done;
		}
	}
	if ((route->flags & SRV_R_JSON_BODY) && mbit == SRV_POST) {
		if (!body_len) {
			rc = fail(fhir, resp, 400, "invalid", "POST needs a JSON body");
			goto done;
		}
		if (!mc_utf8_valid(body, body_len)) {
			rc = fail(fhir, resp, 400, "invalid", "request body is not UTF-8");
			goto done;
		}
		if (srv_json_depth(body, body_len, SRV_MAX_JSON_DEPTH) > SRV_MAX_JSON_DEPTH) {
			snprintf(msg, sizeof(msg), "JSON body nests deeper than %d levels", SRV_MAX_JSON_DEPTH);
			rc = fail(fhir, resp, 400, "invalid", msg);
			goto done;
		}
	}
	if (qlen && srv_parse_query(&arena, q + 1, qlen, &req.params, &req.nparams, msg, sizeof(msg)) < 0) {
		if (arena.failed)
			goto oom;
		rc = fail(fhir, resp, 400, "invalid", msg);
		goto done;
	}
	if ((route->flags & SRV_R_FORM) && mbit == SRV_POST) {
		const char *ct = req.http.content_type;
		if (!ct || !mc_str_istarts(ct, "application/x-www-form-urlencoded")) {
			rc = srv_error(resp, 415, "this form wants application/x-www-form-urlencoded");
			goto done;
		}
		/* Form fields come after the query's, so srv_param finds the
		 * query's first: the forms post to paths without one. */
		if (body_len && srv_parse_query(&arena, body, body_len, &req.params, &req.nparams, msg,
						sizeof(msg)) < 0) {
			if (arena.failed)
				goto oom;
			rc = srv_error(resp, 400, "malformed form: %s", msg);
			goto done;
		}
	}
	if ((route->flags & SRV_R_PARAMS_BODY) && mbit == SRV_POST) {
		json_t *root = NULL;
		if (!body_len) {
			rc = fail(fhir, resp, 400, "invalid", "POST needs a Parameters resource as its body");
			goto done;
		}
		if (srv_json_parse(body, body_len, cap, &root, msg, sizeof(msg)) < 0 ||
		    srv_fhir_parameters(&arena, root, &req.params, &req.nparams, msg, sizeof(msg)) < 0) {
			json_decref(root);
			if (arena.failed)
				goto oom;
			rc = fail(fhir, resp, 400, "invalid", msg);
			goto done;
		}
		json_decref(root);
	}
	rc = route->handler(&req, resp);
	if (rc < 0 || !resp->status) {
		if (resp->body && resp->wipe)
			mc_wipe(resp->body, resp->len);
		mc_free(resp->body);
		resp->body = NULL;
		rc = fail(fhir, resp, 500, "exception", "internal error");
	}
	if (route->flags & SRV_R_SENSITIVE)
		resp->wipe = true;
	else if (ckey && rc == 0 && (resp->status == 200 || resp->status == 404))
		srv_cache_put(s->cache, ckey, cklen, csig, resp);
	goto done;
oom:
	rc = fail(fhir, resp, 503, "transient", "out of memory");
done:
	if (wipe_arena)
		mc_arena_wipe_release(&arena);
	else
		mc_arena_release(&arena);
	return rc;
}
