/* GET /healthz: 200 {"status": "ok"} when the store answers; 503 while
 * stopping or when the store cannot be opened (so balancers drain). */
#include "server/server_int.h"

int srv_h_healthz(srv_req *req, srv_resp *resp)
{
	if (atomic_load(&req->srv->stopping))
		return srv_json(resp, 503, json_pack("{s:s}", "status", "stopping"), false, SRV_JSON);
	mc_error err;
	mc_error_clear(&err);
	if (!srv_store(req, &err))
		return srv_json(resp, 503, json_pack("{s:s, s:s}", "status", "unavailable", "error", err.msg),
				false, SRV_JSON);
	return srv_json(resp, 200, json_pack("{s:s}", "status", "ok"), false, SRV_JSON);
}
