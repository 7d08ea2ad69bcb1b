/* Response bodies: JSON (the command line's bytes for the API), errors as
 * {"error": "..."} or FHIR OperationOutcome. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "server/server_int.h"

int srv_json(srv_resp *resp, int status, json_t *j, bool pretty, const char *content_type)
{
	if (!j)
		return MC_ENOMEM;
	char *s = json_dumps(j, pretty ? JSON_INDENT(2) : JSON_COMPACT);
	json_decref(j);
	if (!s)
		return MC_ENOMEM;
	size_t len = strlen(s);
	if (pretty) {
		/* The command line ends its JSON with a newline: so do we. */
		char *t = mc_realloc(s, len + 2);
		if (!t) {
			free(s);
			return MC_ENOMEM;
		}
		s = t;
		s[len++] = '\n';
		s[len] = '\0';
	}
	mc_free(resp->body);
	resp->body = s;
	resp->len = len;
	resp->status = status;
	resp->content_type = content_type;
	return 0;
}

int srv_text(srv_resp *resp, int status, char *body, size_t len, const char *content_type)
{
	if (!body)
		return MC_ENOMEM;
	mc_free(resp->body);
	resp->body = body;
	resp->len = len;
	resp->status = status;
	resp->content_type = content_type;
	return 0;
}

int srv_docs_reply(srv_req *req, srv_resp *resp, size_t max_docs, srv_doc_fn fn, void *ctx,
		   mc_buf *out, const int *status)
{
	mc_buf_init(out);
	if (mc_buf_grow(out, req->body_len + req->body_len / 2 + 4096) < 0)
		return srv_error(resp, 503, "out of memory");
	char msg[256];
	bool multi;
	int rc = srv_json_docs(req->body, req->body_len, max_docs, fn, ctx, &multi, msg, sizeof(msg));
	if (rc != 0) {
		if (out->ptr)
			mc_wipe(out->ptr, out->cap);
		mc_buf_release(out);
		return srv_error(resp, *status ? *status : 400, "%s", msg);
	}
	size_t len = out->len;
	char *body = mc_buf_detach(out);
	return srv_text(resp, 200, body, len, multi ? "application/x-ndjson" : SRV_JSON);
}

static int verror(srv_resp *resp, int status, bool fhir, const char *code, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

static int verror(srv_resp *resp, int status, bool fhir, const char *code, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	json_t *j;
	if (fhir)
		j = json_pack("{s:s, s:[{s:s, s:s, s:{s:s}, s:s}]}", "resourceType", "OperationOutcome",
			      "issue", "severity", "error", "code", code, "details", "text", msg,
			      "diagnostics", msg);
	else
		j = json_pack("{s:s}", "error", msg);
	int rc = srv_json(resp, status, j, !fhir, fhir ? SRV_FHIR_JSON : SRV_JSON);
	if (rc < 0) {
		/* Still say something: a static body needs no allocation. */
		static const char oom[] = "{\"error\": \"out of memory\"}\n";
		mc_free(resp->body);
		resp->body = mc_strdup(oom);
		resp->len = resp->body ? sizeof(oom) - 1 : 0;
		resp->status = 503;
		resp->content_type = SRV_JSON;
		return resp->body ? 0 : MC_ENOMEM;
	}
	return 0;
}

int srv_error(srv_resp *resp, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = verror(resp, status, false, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

int srv_fhir_error(srv_resp *resp, int status, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = verror(resp, status, true, code, fmt, ap);
	va_end(ap);
	return rc;
}

bool srv_header_add(srv_resp *resp, const char *name, const char *value)
{
	size_t nl = strlen(name), vl = strlen(value);
	if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n") ||
	    resp->hlen + nl + vl + 5 > sizeof(resp->headers))
		return false;
	memcpy(resp->headers + resp->hlen, name, nl);
	resp->hlen += nl;
	memcpy(resp->headers + resp->hlen, ": ", 2);
	resp->hlen += 2;
	memcpy(resp->headers + resp->hlen, value, vl);
	resp->hlen += vl;
	memcpy(resp->headers + resp->hlen, "\r\n", 3);
	resp->hlen += 2;
	return true;
}
