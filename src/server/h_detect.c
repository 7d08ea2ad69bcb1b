/* POST /api/v1/detect: ICD-10-CM diagnoses in clinical text.  The body is
 * one JSON object {"text": "...", "id": any} or JSON lines of such objects;
 * each gives the line `medcode detect --jsonl` writes: {"id","entities",
 * "codes"} (compact, newline).  ?all_mentions=true and ?explain=true as the
 * command line's options.  The detector (today's ICD-10-CM release) is built
 * per worker on the first request.  One object answers application/json,
 * JSON lines application/x-ndjson.  The body is never logged; request and
 * response bodies are zeroed when freed. */
#include <string.h>

#include "medcode/detect.h"
#include "server/server_int.h"

enum { DETECT_MAX_DOCS = 10000 };

typedef struct detect_ctx {
	struct mc_detect *det;
	mc_detect_opts o;
	mc_buf out;
	int status;
} detect_ctx;

static bool flag(const char *v)
{
	return v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

static int one_doc(void *cp, json_t *in, size_t line, char *msg, size_t msgcap)
{
	detect_ctx *c = cp;
	json_t *jt = json_object_get(in, "text");
	c->status = 400;
	if (!json_is_object(in) || !json_is_string(jt)) {
		snprintf(msg, msgcap, "line %zu: expected a JSON object with a string \"text\"", line);
		return MC_EFORMAT;
	}
	mc_error err;
	mc_error_clear(&err);
	mc_detect_result res;
	int rc = mc_detect_text(c->det, json_string_value(jt), json_string_length(jt), &c->o, &res, &err);
	if (rc < 0) {
		c->status = rc == MC_ENOMEM ? 503 : 400;
		snprintf(msg, msgcap, "line %zu: %s", line, err.msg);
		return rc;
	}
	json_t *o = mc_json_detect(&res, json_object_get(in, "id"), c->o.explain);
	mc_detect_result_release(&res);
	rc = o ? srv_json_line(&c->out, o) : MC_ENOMEM;
	json_decref(o);
	if (rc < 0) {
		c->status = 503;
		snprintf(msg, msgcap, "out of memory");
		return rc;
	}
	c->status = 0;
	return 0;
}

int srv_h_detect(srv_req *req, srv_resp *resp)
{
	resp->wipe = true;
	detect_ctx c;
	memset(&c, 0, sizeof(c));
	c.o.all_mentions = flag(srv_param(req, "all_mentions"));
	c.o.explain = flag(srv_param(req, "explain"));
	mc_error err;
	mc_error_clear(&err);
	if (!(c.det = srv_detector(req, &err)))
		return srv_error(resp, err.code == MC_ENOTFOUND ? 404 : 503, "detection unavailable: %s", err.msg);
	mc_buf_init(&c.out);
	/* Room for the usual answer up front: fewer reallocs leave fewer
	 * unwiped copies of it in freed memory. */
	if (mc_buf_grow(&c.out, req->body_len + req->body_len / 2 + 4096) < 0)
		return srv_error(resp, 503, "out of memory");
	char msg[256];
	bool multi;
	int rc = srv_json_docs(req->body, req->body_len, DETECT_MAX_DOCS, one_doc, &c, &multi, msg, sizeof(msg));
	if (rc != 0) {
		if (c.out.ptr)
			srv_wipe(c.out.ptr, c.out.cap);
		mc_buf_release(&c.out);
		return srv_error(resp, c.status ? c.status : 400, "%s", msg);
	}
	size_t len = c.out.len;
	char *body = mc_buf_detach(&c.out);
	return srv_text(resp, 200, body, len, multi ? "application/x-ndjson" : SRV_JSON);
}
