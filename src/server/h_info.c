/* GET /api/v1/info: releases and counts per system, the JSON of
 * `medcode info --json`. */
#include "medcode/json.h"
#include "server/server_int.h"

int srv_h_info(srv_req *req, srv_resp *resp)
{
	mc_error err;
	mc_error_clear(&err);
	mc_store *st = srv_store(req, &err);
	if (!st)
		return srv_error(resp, 503, "store unavailable: %s", err.msg);
	mc_release_info *rel = NULL;
	size_t n = 0;
	if (mc_store_releases(st, &rel, &n, &err) < 0)
		return srv_error(resp, err.code == MC_ENOMEM ? 503 : 500, "%s", err.msg);
	size_t len = 0;
	char *body = mc_json_info(mc_store_path(st), rel, n, true, &len);
	mc_store_releases_free(rel, n);
	return srv_text(resp, 200, body, len, SRV_JSON);
}
