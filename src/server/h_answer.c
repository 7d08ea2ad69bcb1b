/* GET /api/v1/answer?q=QUESTION&format=json|md|html&date=YYYY-MM-DD: the
 * answer article of `medcode answer QUESTION --format F` (same builder and
 * renderer, same bytes).  200 even when no code answers (the article says
 * so; "ncodes_found" is 0 in JSON); 400 for a missing or over-long
 * question; 503 when the store has no search index. */
#include <string.h>

#include "server/server_int.h"

enum { QUESTION_MAX = 2047 };  /* as the command line's buffer */

int srv_h_answer(srv_req *req, srv_resp *resp)
{
	const char *q = srv_param(req, "q");
	if (!q || !*q)
		return srv_error(resp, 400, "parameter 'q' is required");
	if (strlen(q) > QUESTION_MAX)
		return srv_error(resp, 400, "parameter 'q' is longer than %d bytes", QUESTION_MAX);
	return srv_publish_respond(req, resp, NULL, MC_SYS_NONE, NULL, q);
}
