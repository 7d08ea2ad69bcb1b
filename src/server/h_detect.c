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
	return srv_docs_reply(req, resp, DETECT_MAX_DOCS, one_doc, &c, &c.out, &c.status);
}
