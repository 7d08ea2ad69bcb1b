/* GET /api/v1/search?q=QUERY&system=icd10cm,cpt&limit=N&prefix=true: the
 * JSON of `medcode search QUERY --json` (same encoder, same bytes);
 * prefix=true is type-ahead (the last word is a prefix).  400 for a
 * missing, empty or over-long query, a bad system or limit; 503 when the
 * store has no search index. */
#include <stdio.h>
#include <string.h>

#include "server/server_int.h"

static int systems(const char *list, unsigned *out)
{
	*out = 0;
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char name[32];
		if (!len || len >= sizeof(name))
			return -1;
		memcpy(name, p, len);
		name[len] = '\0';
		mc_system sys = mc_system_from_name(name);
		if (sys == MC_SYS_NONE)
			return -1;
		*out |= MC_SEARCH_SYS(sys);
		p += len + (e ? 1 : 0);
	}
	return 0;
}

int srv_h_search(srv_req *req, srv_resp *resp)
{
	const char *q = srv_param(req, "q");
	const char *sys = srv_param(req, "system");
	const char *limit = srv_param(req, "limit");
	const char *prefix = srv_param(req, "prefix");
	if (!q || !*q)
		return srv_error(resp, 400, "parameter 'q' is required");
	mc_search_opts o = { 0 };
	if (sys && *sys && systems(sys, &o.systems) < 0)
		return srv_error(resp, 400, "bad system list '%.64s' (icd10cm, hcpcs, cpt, modifier, taxonomy)", sys);
	long n = 0;
	if (limit && *limit && (!mc_parse_long(limit, &n) || n < 1 || n > 100))
		return srv_error(resp, 400, "parameter 'limit' must be a number from 1 to 100");
	o.limit = (size_t)n;
	o.prefix = prefix && (strcmp(prefix, "true") == 0 || strcmp(prefix, "1") == 0);
	mc_error err;
	mc_error_clear(&err);
	mc_searcher *se = srv_searcher(req, &err);
	if (!se)
		return srv_error(resp, 503, "search unavailable: %s", err.msg);
	mc_search_result r;
	int rc = o.prefix ? mc_search_prefix(se, q, &o, &r, &err) : mc_search(se, q, &o, &r, &err);
	if (rc < 0) {
		mc_search_result_release(&r);
		return srv_error(resp, rc == MC_EINVAL ? 400 : rc == MC_ENOMEM ? 503 : 500, "%s", err.msg);
	}
	json_t *j = mc_json_search(&r);
	mc_search_result_release(&r);
	if (!j)
		return MC_ENOMEM;
	/* As `search --json` prints it: indent 2, 6 significant digits, newline. */
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
	json_decref(j);
	if (!s)
		return MC_ENOMEM;
	size_t len = strlen(s);
	char *t = mc_realloc(s, len + 2);
	if (!t) {
		free(s);
		return MC_ENOMEM;
	}
	t[len++] = '\n';
	t[len] = '\0';
	resp->body = t;
	resp->len = len;
	resp->status = 200;
	resp->content_type = SRV_JSON;
	return 0;
}
