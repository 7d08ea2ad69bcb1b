/* GET /metrics: Prometheus text format (metrics.c keeps the numbers). */
#include "server/server_int.h"

int srv_h_metrics(srv_req *req, srv_resp *resp)
{
	mc_buf b = MC_BUF_INIT;
	if (srv_metrics_render(req->srv, &b) < 0) {
		mc_buf_release(&b);
		return MC_ENOMEM;
	}
	resp->len = b.len;
	resp->body = mc_buf_detach(&b);
	resp->status = 200;
	resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
	return 0;
}
