/* POST /api/v1/redact: PHI redaction.  The body is one JSON object
 * {"text": "...", "mode": "mask|surrogate|spans", "id": any, "patient": "..."}
 * or JSON lines of such objects; each gives the line `medcode redact
 * --jsonl --mode M` writes: {"id","text","spans"} (compact, newline).
 * "mode" in an object wins over ?mode=, which wins over mask.  One object
 * answers application/json, JSON lines application/x-ndjson.  400 for a
 * malformed body or document (nothing of the text is echoed).  The body is
 * never logged; request and response bodies are zeroed when freed. */
#include <string.h>

#include "medcode/phi.h"
#include "server/server_int.h"

enum { REDACT_MAX_DOCS = 10000 };

typedef struct redact_ctx {
	srv_req *req;
	struct mc_phi *phi;
	mc_phi_mode mode;
	mc_phi_result res;
	mc_buf out;
	int status;                   /* 0, or the HTTP status of a failure */
} redact_ctx;

static int mode_of(const char *m, mc_phi_mode *out)
{
	if (strcmp(m, "mask") == 0)
		*out = MC_PHI_MODE_MASK;
	else if (strcmp(m, "surrogate") == 0)
		*out = MC_PHI_MODE_SURROGATE;
	else if (strcmp(m, "spans") == 0)
		*out = MC_PHI_MODE_SPANS;
	else
		return -1;
	return 0;
}

static int one_doc(void *cp, json_t *in, size_t line, char *msg, size_t msgcap)
{
	redact_ctx *c = cp;
	json_t *jt = json_object_get(in, "text");
	json_t *jm = json_object_get(in, "mode");
	json_t *jp = json_object_get(in, "patient");
	c->status = 400;
	if (!json_is_object(in) || !json_is_string(jt)) {
		snprintf(msg, msgcap, "line %zu: expected a JSON object with a string \"text\"", line);
		return MC_EFORMAT;
	}
	mc_phi_mode mode = c->mode;
	if (jm && (!json_is_string(jm) || mode_of(json_string_value(jm), &mode) < 0)) {
		snprintf(msg, msgcap, "line %zu: \"mode\" must be mask, surrogate or spans", line);
		return MC_EFORMAT;
	}
	if (jp && !json_is_null(jp) && !json_is_string(jp)) {
		snprintf(msg, msgcap, "line %zu: \"patient\" must be a string", line);
		return MC_EFORMAT;
	}
	const char *text = json_string_value(jt);
	size_t len = json_string_length(jt);
	mc_error err;
	mc_error_clear(&err);
	mc_phi_doc *doc = NULL;
	char *red = NULL;
	size_t red_len = 0;
	int rc = mc_phi_doc_new(&doc, c->phi, json_is_string(jp) ? json_string_value(jp) : NULL, &err);
	if (rc == 0)
		rc = mc_phi_detect(doc, text, len, &c->res, &err);
	if (rc == 0)
		rc = mc_phi_redact(doc, text, len, &c->res, mode, &red, &red_len, &err);
	if (rc < 0) {
		mc_phi_doc_free(doc);
		c->status = rc == MC_ENOMEM ? 503 : 400;
		snprintf(msg, msgcap, "line %zu: %s", line, err.msg);
		return rc;
	}
	json_t *o = json_object();
	json_t *id = json_object_get(in, "id");
	json_t *t = json_stringn(red, red_len);
	json_t *spans = mc_json_phi_spans(&c->res);
	rc = o && t && spans ? 0 : MC_ENOMEM;
	if (rc == 0 && (json_object_set(o, "id", id ? id : json_null()) < 0 ||
			json_object_set(o, "text", t) < 0 || json_object_set(o, "spans", spans) < 0))
		rc = MC_ENOMEM;
	if (rc == 0)
		rc = srv_json_line(&c->out, o);
	json_decref(t);
	json_decref(spans);
	json_decref(o);
	mc_phi_text_free(red, red_len);
	mc_phi_doc_free(doc);
	if (rc < 0) {
		c->status = 503;
		snprintf(msg, msgcap, "out of memory");
		return rc;
	}
	c->status = 0;
	return 0;
}

int srv_h_redact(srv_req *req, srv_resp *resp)
{
	resp->wipe = true;
	redact_ctx c;
	memset(&c, 0, sizeof(c));
	c.req = req;
	c.mode = MC_PHI_MODE_MASK;
	const char *m = srv_param(req, "mode");
	if (m && *m && mode_of(m, &c.mode) < 0)
		return srv_error(resp, 400, "parameter 'mode' must be mask, surrogate or spans");
	mc_error err;
	mc_error_clear(&err);
	if (!(c.phi = srv_phi(req, &err)))
		return srv_error(resp, 503, "redaction unavailable: %s", err.msg);
	mc_phi_result_init(&c.res);
	int rc = srv_docs_reply(req, resp, REDACT_MAX_DOCS, one_doc, &c, &c.out, &c.status);
	mc_phi_result_release(&c.res);
	return rc;
}
