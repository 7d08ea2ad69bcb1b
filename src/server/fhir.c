/* FHIR helpers shared by the terminology handlers: the code systems and
 * their canonical URIs, the date a request asks about, Parameters building. */
#include <string.h>

#include "server/server_int.h"

const srv_fhir_system srv_fhir_systems[] = {
	{ MC_SYS_ICD10CM, "http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM" },
	{ MC_SYS_CPT, "http://www.ama-assn.org/go/cpt", "CPT" },
	{ MC_SYS_HCPCS, "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "HCPCS Level II" },
	{ MC_SYS_TAXONOMY, "http://nucc.org/provider-taxonomy", "NUCC Health Care Provider Taxonomy" },
};
const size_t srv_fhir_nsystems = sizeof(srv_fhir_systems) / sizeof(srv_fhir_systems[0]);

const srv_fhir_system *srv_fhir_system_by_uri(const char *uri)
{
	if (!uri)
		return NULL;
	const char *bar = strchr(uri, '|');
	size_t len = bar ? (size_t)(bar - uri) : strlen(uri);
	for (size_t i = 0; i < srv_fhir_nsystems; i++)
		if (strlen(srv_fhir_systems[i].uri) == len && memcmp(srv_fhir_systems[i].uri, uri, len) == 0)
			return &srv_fhir_systems[i];
	return NULL;
}

const srv_fhir_system *srv_fhir_system_by_id(mc_system sys)
{
	for (size_t i = 0; i < srv_fhir_nsystems; i++)
		if (srv_fhir_systems[i].system == sys)
			return &srv_fhir_systems[i];
	return NULL;
}

int srv_fhir_date(srv_req *req, mc_system sys, srv_resp *resp, const char **out)
{
	*out = NULL;
	const char *date = srv_param(req, "date");
	if (date && *date) {
		char d[MC_DATE_LEN];
		size_t len = strlen(date);
		/* A dateTime ("2021-01-01T00:00:00Z") counts by its day. */
		if (len >= 10 && (len == 10 || date[10] == 'T')) {
			memcpy(d, date, 10);
			d[10] = '\0';
			if (mc_date_valid(d)) {
				*out = mc_arena_strdup(req->arena, d);
				return *out ? 0 : MC_ENOMEM;
			}
		}
		srv_fhir_error(resp, 400, "invalid", "parameter 'date' must be YYYY-MM-DD (got '%.40s')", date);
		return MC_EINVAL;
	}
	/* version: a release label ("FY2021") or "uri|label" in system. */
	const char *version = srv_param(req, "version");
	const char *system = srv_param(req, "system");
	if ((!version || !*version) && system && strchr(system, '|'))
		version = strchr(system, '|') + 1;
	if (!version || !*version)
		return 0;
	mc_error err;
	mc_error_clear(&err);
	mc_store *st = srv_store(req, &err);
	if (!st) {
		srv_fhir_error(resp, 503, "transient", "store unavailable: %s", err.msg);
		return MC_EDB;
	}
	mc_release_info *rel = NULL;
	size_t n = 0;
	if (mc_store_releases(st, &rel, &n, &err) < 0) {
		srv_fhir_error(resp, 500, "exception", "%s", err.msg);
		return MC_EDB;
	}
	const char *name = mc_system_name(sys);
	for (size_t i = 0; i < n && !*out; i++)
		if (rel[i].system && strcmp(rel[i].system, name) == 0 && strcmp(rel[i].label, version) == 0 &&
		    rel[i].effective_from && *rel[i].effective_from)
			*out = mc_arena_strdup(req->arena, rel[i].effective_from);
	mc_store_releases_free(rel, n);
	if (!*out) {
		const srv_fhir_system *fs = srv_fhir_system_by_id(sys);
		srv_fhir_error(resp, 404, "not-found", "no version '%.40s' of %s", version, fs ? fs->name : name);
		return MC_ENOTFOUND;
	}
	return 0;
}

int srv_fhir_param_add(json_t *params, const char *name, const char *type, json_t *value)
{
	if (!value)
		return MC_ENOMEM;
	json_t *p = json_pack("{s:s, s:o}", "name", name, type, value);
	if (!p || json_array_append_new(params, p) < 0)
		return MC_ENOMEM;
	return 0;
}

int srv_fhir_lookup_code(srv_req *req, srv_resp *resp, const char *system, const char *code,
			 bool brief, const srv_fhir_system **fs, mc_lookup_result *r)
{
	memset(r, 0, sizeof(*r));
	*fs = srv_fhir_system_by_uri(system);
	if (!*fs) {
		int rc = srv_fhir_error(resp, 404, "not-found", "unknown code system '%.200s'", system);
		return rc < 0 ? rc : 1;
	}
	const char *date;
	int rc = srv_fhir_date(req, (*fs)->system, resp, &date);
	if (rc < 0)
		return rc == MC_ENOMEM ? rc : 1;
	mc_error err;
	mc_error_clear(&err);
	mc_store *st = srv_store(req, &err);
	if (!st) {
		rc = srv_fhir_error(resp, 503, "transient", "store unavailable: %s", err.msg);
		return rc < 0 ? rc : 1;
	}
	mc_lookup_opts o = { date, (*fs)->system, 0, brief };
	rc = mc_lookup(st, code, &o, r, &err);
	if (rc < 0) {
		mc_lookup_result_release(r);
		rc = srv_fhir_error(resp, rc == MC_EINVAL ? 400 : 500, rc == MC_EINVAL ? "invalid" : "exception",
				    "%s", err.msg);
		return rc < 0 ? rc : 1;
	}
	return 0;
}
