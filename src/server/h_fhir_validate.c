/* GET|POST /fhir/CodeSystem/$validate-code: url (or system), code, display,
 * version or date.  Answers Parameters {result, message, display}: result
 * false (200) for a code not in force on the date or a display that is
 * none of its titles; OperationOutcome for bad requests and unknown
 * systems. */
#include <string.h>
#include <strings.h>

#include "medcode/lookup.h"
#include "server/server_int.h"

static bool same(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

int srv_h_fhir_validate(srv_req *req, srv_resp *resp)
{
	const char *system = srv_param(req, "url");
	if (!system || !*system)
		system = srv_param(req, "system");
	const char *code = srv_param(req, "code");
	const char *display = srv_param(req, "display");
	if (!code || !*code)
		return srv_fhir_error(resp, 400, "required", "parameter 'code' is required");
	if (!system || !*system)
		return srv_fhir_error(resp, 400, "required", "parameter 'url' or 'system' is required");
	const srv_fhir_system *fs;
	mc_lookup_result r;
	int rc = srv_fhir_lookup_code(req, resp, system, code, true, &fs, &r);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	const mc_code_record *c = srv_fhir_find(&r, code);
	char msg[400];
	bool ok = false;
	const char *title = c ? (c->title_long ? c->title_long : c->title_short) : NULL;
	if (!c)
		snprintf(msg, sizeof(msg), "code '%.64s' is not in %s on %s", code, fs->name, r.date);
	else if (strcmp(c->state, "deleted") == 0)
		snprintf(msg, sizeof(msg), "code '%s' was deleted from %s on %s", c->code, fs->name,
			 c->deleted_on ? c->deleted_on : "an earlier date");
	else if (strcmp(c->state, "active") != 0)
		snprintf(msg, sizeof(msg), "code '%s' is not yet valid in %s on %s", c->code, fs->name, r.date);
	else if (display && *display && !same(display, c->title_long) && !same(display, c->title_short) &&
		 !same(display, c->title_other))
		snprintf(msg, sizeof(msg), "display '%.100s' does not match code '%s': '%.200s'", display, c->code,
			 title ? title : "");
	else
		ok = true;
	json_t *out = json_pack("{s:s, s:[]}", "resourceType", "Parameters", "parameter");
	json_t *ps = out ? json_object_get(out, "parameter") : NULL;
	rc = ps ? srv_fhir_param_add(ps, "result", "valueBoolean", json_boolean(ok)) : MC_ENOMEM;
	if (!rc && !ok)
		rc = srv_fhir_param_add(ps, "message", "valueString", json_string(msg));
	if (!rc && title)
		rc = srv_fhir_param_add(ps, "display", "valueString", json_string(title));
	mc_lookup_result_release(&r);
	if (rc < 0) {
		json_decref(out);
		return rc;
	}
	return srv_json(resp, 200, out, false, SRV_FHIR_JSON);
}
