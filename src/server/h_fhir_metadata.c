/* GET /fhir/metadata: the CapabilityStatement; with ?mode=terminology the
 * TerminologyCapabilities (code systems with the versions loaded, the one
 * in force today marked default; expansion parameters). */
#include <string.h>

#include "server/server_int.h"

static json_t *capability(const char *today)
{
	return json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:{s:s}, s:{s:s}, s:s, s:[s], s:[s], s:[{s:s, s:[{s:s, s:[{s:s, s:s}, {s:s, s:s}]},"
		" {s:s, s:[{s:s, s:s}]}]}]}",
		"resourceType", "CapabilityStatement", "status", "active", "date", today, "kind", "instance",
		"name", "MedcodeTerminologyService",
		"software", "name", "medcode",
		"implementation", "description", "medcode FHIR R4 terminology service",
		"fhirVersion", "4.0.1", "format", "json",
		"instantiates", "http://hl7.org/fhir/CapabilityStatement/terminology-server",
		"rest", "mode", "server", "resource",
		"type", "CodeSystem", "operation",
		"name", "lookup", "definition", "http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup",
		"name", "validate-code", "definition", "http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code",
		"type", "ValueSet", "operation",
		"name", "expand", "definition", "http://hl7.org/fhir/OperationDefinition/ValueSet-expand");
}

static json_t *terminology(srv_req *req, const char *today, mc_error *err)
{
	mc_store *st = srv_store(req, err);
	if (!st)
		return NULL;
	mc_release_info *rel = NULL;
	size_t n = 0;
	if (mc_store_releases(st, &rel, &n, err) < 0)
		return NULL;
	json_t *systems = json_array();
	for (size_t k = 0; systems && k < srv_fhir_nsystems; k++) {
		const srv_fhir_system *fs = &srv_fhir_systems[k];
		const char *name = mc_system_name(fs->system);
		json_t *versions = json_array();
		if (!versions)
			break;
		for (size_t i = 0; i < n; i++) {
			const mc_release_info *r = &rel[i];
			if (!r->system || strcmp(r->system, name) != 0)
				continue;
			bool in_force = r->effective_from && *r->effective_from && strcmp(r->effective_from, today) <= 0 &&
					(!r->effective_to || strcmp(r->effective_to, today) >= 0);
			json_array_append_new(versions, json_pack("{s:s, s:b}", "code", r->label, "isDefault", in_force));
		}
		json_array_append_new(systems, json_pack("{s:s, s:o}", "uri", fs->uri, "version", versions));
	}
	mc_store_releases_free(rel, n);
	if (!systems)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:s, s:{s:s}, s:o, s:{s:b, s:b, s:[{s:s}, {s:s}, {s:s}, {s:s}]},"
			 " s:{s:b}}",
			 "resourceType", "TerminologyCapabilities", "status", "active", "date", today,
			 "kind", "instance", "software", "name", "medcode", "codeSystem", systems,
			 "expansion", "hierarchical", 0, "paging", 1, "parameter", "name", "filter", "name", "count",
			 "name", "offset", "name", "date",
			 "validateCode", "translations", 0);
}

int srv_h_fhir_metadata(srv_req *req, srv_resp *resp)
{
	char today[MC_DATE_LEN];
	mc_date_today(today);
	const char *mode = srv_param(req, "mode");
	if (mode && strcmp(mode, "terminology") == 0) {
		mc_error err;
		mc_error_clear(&err);
		json_t *j = terminology(req, today, &err);
		if (!j)
			return srv_fhir_error(resp, 503, "transient", "%s", err.msg[0] ? err.msg : "out of memory");
		return srv_json(resp, 200, j, false, SRV_FHIR_JSON);
	}
	if (mode && *mode && strcmp(mode, "full") != 0 && strcmp(mode, "normative") != 0)
		return srv_fhir_error(resp, 400, "invalid", "parameter 'mode' must be full, normative or terminology");
	return srv_json(resp, 200, capability(today), false, SRV_FHIR_JSON);
}
