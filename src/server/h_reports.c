/* GET /api/v1/reports/{code}?format=json|md|html&date=YYYY-MM-DD&system=NAME:
 * the code page of `medcode report CODE --format F` (same renderer, same
 * bytes).  POST with a publisher's input record (docs/publication-input.
 * schema.json) as the JSON body: the publication of `report CODE --input`.
 * 404 when the code is not valid on the date; 400 for a bad format, date,
 * system or record (the record's own message: path, line and column). */
#include <string.h>

#include "medcode/publish.h"
#include "server/server_int.h"

/* The format parameter (default json); -1 for an unknown one. */
static int format_of(const char *f, const char **ctype)
{
	if (!f || !*f || strcmp(f, "json") == 0) {
		*ctype = SRV_JSON;
		return MC_PUB_JSON;
	}
	if (strcmp(f, "md") == 0 || strcmp(f, "markdown") == 0) {
		*ctype = "text/markdown; charset=utf-8";
		return MC_PUB_MARKDOWN;
	}
	if (strcmp(f, "html") == 0) {
		*ctype = "text/html; charset=utf-8";
		return MC_PUB_HTML;
	}
	return -1;
}

int srv_publish_respond(srv_req *req, srv_resp *resp, const char *code, mc_system sys,
			const mc_pub_input *in, const char *question)
{
	const char *ctype;
	int f = format_of(srv_param(req, "format"), &ctype);
	if (f < 0)
		return srv_error(resp, 400, "parameter 'format' must be json, md or html");
	const char *date = srv_param(req, "date");
	if (date && !*date)
		date = NULL;
	if (date && !mc_date_valid(date))
		return srv_error(resp, 400, "parameter 'date' must be YYYY-MM-DD (got '%.40s')", date);
	mc_error err;
	mc_error_clear(&err);
	mc_publisher *p = srv_publisher(req, date, &err);
	if (!p)
		return srv_error(resp, 503, "store unavailable: %s", err.msg);
	mc_pub_doc *d = NULL;
	int rc;
	if (question) {
		mc_searcher *se = srv_searcher(req, &err);
		if (!se)
			return srv_error(resp, 503, "search unavailable: %s", err.msg);
		rc = mc_publish_answer(p, se, question, &d, &err);
	} else {
		rc = mc_publish_build(p, code, sys, in, &d, &err);
	}
	char *text = NULL;
	size_t len = 0;
	if (rc == 0)
		rc = mc_publish_render(d, (mc_pub_format)f, 0, &text, &len, &err);
	mc_pub_doc_free(d);
	if (rc == MC_ENOTFOUND)
		return srv_error(resp, 404, "%s", err.msg);
	if (rc == MC_EINVAL || rc == MC_EFORMAT)
		return srv_error(resp, 400, "%s", err.msg);
	if (rc < 0)
		return srv_error(resp, rc == MC_ENOMEM ? 503 : 500, "%s", err.msg);
	/* The renderer's string is mc's allocator: the response frees it. */
	return srv_text(resp, 200, text, len, ctype);
}

int srv_h_reports(srv_req *req, srv_resp *resp)
{
	const char *code = req->capture[0];
	const char *sysname = srv_param(req, "system");
	mc_system sys = MC_SYS_NONE;
	if (sysname && *sysname && (sys = mc_system_from_name(sysname)) == MC_SYS_NONE)
		return srv_error(resp, 400, "unknown system '%.64s' (icd10cm, hcpcs, cpt, modifier, taxonomy)", sysname);
	if (req->method != SRV_POST)
		return srv_publish_respond(req, resp, code, sys, NULL, NULL);
	mc_error err;
	mc_error_clear(&err);
	mc_pub_input *in = NULL;
	int rc = mc_pub_input_parse(&in, "request", req->body, req->body_len, &err);
	if (rc == MC_ENOMEM)
		return srv_error(resp, 503, "out of memory");
	if (rc < 0)
		return srv_error(resp, 400, "%s", err.msg);
	rc = srv_publish_respond(req, resp, code, sys, in, NULL);
	mc_pub_input_free(in);
	return rc;
}
