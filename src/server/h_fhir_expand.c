/* GET|POST /fhir/ValueSet/$expand: the implicit value set of a whole code
 * system (url=<system uri>?fhir_vs), with filter (every word in a title, or
 * a code prefix), count (default 100, at most 1000), offset and date.
 * Answers a ValueSet with expansion.total, offset, parameters and contains
 * (abstract for codes that are not billable headers). */
#include <stdio.h>
#include <string.h>

#include "medcode/codes.h"
#include "server/server_int.h"

enum { DEFAULT_COUNT = 100, MAX_OFFSET = 10 * 1000 * 1000 };

static int number(srv_req *req, srv_resp *resp, const char *name, long def, long max, long *out)
{
	const char *v = srv_param(req, name);
	*out = def;
	if (!v || !*v)
		return 0;
	if (!mc_parse_long(v, out) || *out > max) {
		srv_fhir_error(resp, 400, "invalid", "parameter '%s' must be a whole number from 0 to %ld", name, max);
		return MC_EINVAL;
	}
	return 0;
}

int srv_h_fhir_expand(srv_req *req, srv_resp *resp)
{
	const char *url = srv_param(req, "url");
	if (!url || !*url)
		return srv_fhir_error(resp, 400, "required",
				      "parameter 'url' is required (an implicit value set such as "
				      "http://hl7.org/fhir/sid/icd-10-cm?fhir_vs)");
	const char *qm = strchr(url, '?');
	if (!qm || strcmp(qm + 1, "fhir_vs") != 0)
		return srv_fhir_error(resp, 400, "not-supported",
				      "only whole-system implicit value sets ('<system uri>?fhir_vs') can be expanded");
	char base[256];
	size_t blen = (size_t)(qm - url);
	if (blen >= sizeof(base))
		return srv_fhir_error(resp, 404, "not-found", "unknown value set");
	memcpy(base, url, blen);
	base[blen] = '\0';
	const srv_fhir_system *fs = srv_fhir_system_by_uri(base);
	if (!fs)
		return srv_fhir_error(resp, 404, "not-found", "unknown code system '%.200s'", base);
	long count, offset;
	if (number(req, resp, "count", DEFAULT_COUNT, MC_CODES_MAX_COUNT, &count) < 0 ||
	    number(req, resp, "offset", 0, MAX_OFFSET, &offset) < 0)
		return 0;
	const char *date;
	int rc = srv_fhir_date(req, fs->system, resp, &date);
	if (rc < 0)
		return rc == MC_ENOMEM ? rc : 0;
	const char *filter = srv_param(req, "filter");
	mc_error err;
	mc_error_clear(&err);
	mc_store *st = srv_store(req, &err);
	if (!st)
		return srv_fhir_error(resp, 503, "transient", "store unavailable: %s", err.msg);
	mc_codes_query q = { fs->system, date, filter, (size_t)offset, (size_t)count, true };
	mc_code_page page;
	rc = mc_codes_list(st, &q, &page, &err);
	if (rc < 0) {
		mc_code_page_release(&page);
		return srv_fhir_error(resp, rc == MC_EINVAL ? 400 : 500, rc == MC_EINVAL ? "invalid" : "exception",
				      "%s", err.msg);
	}
	char ts[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	char version[300];
	snprintf(version, sizeof(version), "%s|%s", fs->uri, page.version ? page.version : "");
	json_t *contains = json_array();
	json_t *params = json_array();
	rc = contains && params ? 0 : MC_ENOMEM;
	if (!rc && filter && *filter)
		rc = srv_fhir_param_add(params, "filter", "valueString", json_string(filter));
	if (!rc)
		rc = srv_fhir_param_add(params, "count", "valueInteger", json_integer(count));
	if (!rc)
		rc = srv_fhir_param_add(params, "offset", "valueInteger", json_integer(offset));
	if (!rc)
		rc = srv_fhir_param_add(params, "date", "valueDateTime", json_string(page.date));
	if (!rc)
		rc = srv_fhir_param_add(params, "version", "valueUri", json_string(version));
	for (size_t i = 0; !rc && i < page.n; i++) {
		const mc_code_item *it = &page.items[i];
		json_t *c = json_pack("{s:s, s:s}", "system", fs->uri, "code", it->code);
		if (c && it->title && json_object_set_new(c, "display", json_string(it->title)) < 0)
			rc = MC_ENOMEM;
		if (c && it->billable == 0 && fs->system == MC_SYS_ICD10CM &&
		    json_object_set_new(c, "abstract", json_true()) < 0)
			rc = MC_ENOMEM;
		if (!c || json_array_append_new(contains, c) < 0)
			rc = MC_ENOMEM;
	}
	json_int_t total = (json_int_t)page.total;
	mc_code_page_release(&page);
	if (rc < 0) {
		json_decref(contains);
		json_decref(params);
		return rc;
	}
	json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:I, s:I, s:o, s:o}}", "resourceType", "ValueSet",
				"url", url, "name", fs->name, "status", "active", "expansion", "timestamp", ts,
				"total", total, "offset", (json_int_t)offset,
				"parameter", params, "contains", contains);
	return srv_json(resp, 200, out, false, SRV_FHIR_JSON);
}
