/* GET|POST /fhir/CodeSystem/$lookup: system, code, version or date (GET
 * query or POST Parameters; a coding works too).  Answers Parameters with
 * name, version, display, designations and properties (parent, inactive,
 * kind, billable).  OperationOutcome 400 for a missing or bad parameter,
 * 404 for an unknown system or a code not in it on the date. */
#include <string.h>

#include "medcode/lookup.h"
#include "server/server_int.h"

static json_t *designation(const char *use, const char *value)
{
	return json_pack("{s:s, s:[{s:s, s:{s:s, s:s}}, {s:s, s:s}]}", "name", "designation", "part",
			 "name", "use", "valueCoding", "system",
			 "http://terminology.hl7.org/CodeSystem/designation-usage", "code", use,
			 "name", "value", "valueString", value);
}

static json_t *property(const char *code, const char *type, json_t *value)
{
	if (!value)
		return NULL;
	return json_pack("{s:s, s:[{s:s, s:s}, {s:s, s:o}]}", "name", "property", "part", "name", "code",
			 "valueCode", code, "name", "value", type, value);
}

static int append(json_t *arr, json_t *v)
{
	return v && json_array_append_new(arr, v) == 0 ? 0 : MC_ENOMEM;
}

const mc_code_record *srv_fhir_find(const mc_lookup_result *r, const char *code)
{
	char want[MC_CODE_MAX], have[MC_CODE_MAX];
	if (!mc_code_compact(code, want))
		return NULL;
	for (size_t i = 0; i < r->n; i++)
		if (mc_code_compact(r->items[i].code, have) && strcmp(have, want) == 0)
			return &r->items[i];
	return NULL;
}

int srv_h_fhir_lookup(srv_req *req, srv_resp *resp)
{
	const char *system = srv_param(req, "system");
	const char *code = srv_param(req, "code");
	if (!code || !*code)
		return srv_fhir_error(resp, 400, "required", "parameter 'code' is required");
	if (!system || !*system)
		return srv_fhir_error(resp, 400, "required", "parameter 'system' is required");
	const srv_fhir_system *fs;
	mc_lookup_result r;
	int rc = srv_fhir_lookup_code(req, resp, system, code, false, &fs, &r);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	const mc_code_record *c = srv_fhir_find(&r, code);
	if (!c) {
		rc = srv_fhir_error(resp, 404, "not-found", "code '%.64s' is not in %s on %s", code, fs->name, r.date);
		mc_lookup_result_release(&r);
		return rc;
	}
	json_t *out = json_pack("{s:s, s:[]}", "resourceType", "Parameters", "parameter");
	json_t *ps = out ? json_object_get(out, "parameter") : NULL;
	const char *display = c->title_long ? c->title_long : c->title_short;
	rc = ps ? 0 : MC_ENOMEM;
	if (!rc)
		rc = srv_fhir_param_add(ps, "name", "valueString", json_string(fs->name));
	if (!rc && c->source.label)
		rc = srv_fhir_param_add(ps, "version", "valueString", json_string(c->source.label));
	if (!rc && display)
		rc = srv_fhir_param_add(ps, "display", "valueString", json_string(display));
	if (!rc && c->title_short && c->title_long && strcmp(c->title_short, c->title_long) != 0)
		rc = append(ps, designation("display", c->title_short));
	if (!rc && c->title_other)
		rc = append(ps, designation("display", c->title_other));
	if (!rc)
		rc = append(ps, property("inactive", "valueBoolean", json_boolean(strcmp(c->state, "active") != 0)));
	if (!rc && c->nancestors)
		rc = append(ps, property("parent", "valueCode", json_string(c->ancestors[c->nancestors - 1].code)));
	if (!rc && c->kind)
		rc = append(ps, property("kind", "valueCode", json_string(c->kind)));
	if (!rc && c->billable >= 0)
		rc = append(ps, property("billable", "valueBoolean", json_boolean(c->billable == 1)));
	if (!rc && c->deleted_on)
		rc = append(ps, property("deleted", "valueDate", json_string(c->deleted_on)));
	mc_lookup_result_release(&r);
	if (rc < 0) {
		json_decref(out);
		return rc;
	}
	return srv_json(resp, 200, out, false, SRV_FHIR_JSON);
}
