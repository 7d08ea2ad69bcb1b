/* GET /api/v1/codes/{code}?date=YYYY-MM-DD&system=NAME&brief=true: the
 * record of `medcode lookup CODE --json` (same encoder, same bytes).
 * 404 when nothing matches on the date, 400 for a bad date or system. */
#include <string.h>

#include "medcode/json.h"
#include "medcode/lookup.h"
#include "server/server_int.h"

int srv_h_codes(srv_req *req, srv_resp *resp)
{
	const char *code = req->capture[0];
	const char *date = srv_param(req, "date");
	const char *sysname = srv_param(req, "system");
	const char *brief = srv_param(req, "brief");
	mc_system sys = MC_SYS_NONE;
	if (sysname && *sysname && (sys = mc_system_from_name(sysname)) == MC_SYS_NONE)
		return srv_error(resp, 400, "unknown system '%.64s' (icd10cm, hcpcs, cpt, modifier, taxonomy)", sysname);
	if (date && !*date)
		date = NULL;
	mc_error err;
	mc_error_clear(&err);
	mc_store *st = srv_store(req, &err);
	if (!st)
		return srv_error(resp, 503, "store unavailable: %s", err.msg);
	mc_lookup_opts o = { date, sys, 0, brief && (strcmp(brief, "true") == 0 || strcmp(brief, "1") == 0) };
	mc_lookup_result r;
	int rc = mc_lookup(st, code, &o, &r, &err);
	if (rc < 0) {
		mc_lookup_result_release(&r);
		return srv_error(resp, rc == MC_EINVAL ? 400 : rc == MC_ENOMEM ? 503 : 500, "%s", err.msg);
	}
	if (!r.n) {
		rc = srv_error(resp, 404, "no code '%.64s' on %s", code, r.date ? r.date : "that date");
		mc_lookup_result_release(&r);
		return rc;
	}
	size_t len = 0;
	char *body = mc_json_lookup(&r, true, &len);
	mc_lookup_result_release(&r);
	return srv_text(resp, 200, body, len, SRV_JSON);
}
