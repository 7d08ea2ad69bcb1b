/* The route table: one line per route.  Method bits, path pattern ({name}
 * matches one segment), handler, body cap (0: no body), flags, metrics label.
 * Order matters only between patterns that could match the same path. */
#include "server/server_int.h"

const srv_route srv_routes[] = {
	{ SRV_GET, "/healthz", srv_h_healthz, 0, 0, "healthz" },
	{ SRV_GET, "/metrics", srv_h_metrics, 0, 0, "metrics" },
	{ SRV_GET, "/api/v1/info", srv_h_info, 0, 0, "info" },
	{ SRV_GET, "/api/v1/codes/{code}", srv_h_codes, 0, 0, "codes" },
	{ SRV_GET, "/api/v1/search", srv_h_search, 0, 0, "search" },
	{ SRV_GET, "/fhir/metadata", srv_h_fhir_metadata, 0, SRV_R_FHIR, "fhir_metadata" },
	{ SRV_GET | SRV_POST, "/fhir/CodeSystem/$lookup", srv_h_fhir_lookup, SRV_FHIR_BODY,
	  SRV_R_FHIR | SRV_R_PARAMS_BODY, "fhir_lookup" },
	{ SRV_GET | SRV_POST, "/fhir/CodeSystem/$validate-code", srv_h_fhir_validate, SRV_FHIR_BODY,
	  SRV_R_FHIR | SRV_R_PARAMS_BODY, "fhir_validate_code" },
	{ SRV_GET | SRV_POST, "/fhir/ValueSet/$expand", srv_h_fhir_expand, SRV_FHIR_BODY,
	  SRV_R_FHIR | SRV_R_PARAMS_BODY, "fhir_expand" },
};

const size_t srv_nroutes = sizeof(srv_routes) / sizeof(srv_routes[0]);
