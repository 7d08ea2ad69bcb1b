/* The route table: one line per route.  Method bits, path pattern ({name}
 * matches one segment), handler, body cap (0: no body), flags, metrics label.
 * Order matters only between patterns that could match the same path. */
#include "server/server_int.h"

#define MiB (1024 * 1024)
#define CACHED SRV_R_CACHE
#define FHIR_POST (SRV_R_FHIR | SRV_R_PARAMS_BODY | SRV_R_CACHE)
#define PHI_POST (SRV_R_JSON_BODY | SRV_R_SENSITIVE)
#define KiB 1024
#define FORM SRV_R_FORM

const srv_route srv_routes[] = {
	{ SRV_GET, "/healthz", srv_h_healthz, 0, 0, "healthz" },
	{ SRV_GET, "/metrics", srv_h_metrics, 0, 0, "metrics" },
	{ SRV_GET, "/api/v1/info", srv_h_info, 0, CACHED, "info" },
	{ SRV_GET, "/api/v1/codes/{code}", srv_h_codes, 0, CACHED, "codes" },
	{ SRV_GET, "/api/v1/search", srv_h_search, 0, CACHED, "search" },
	{ SRV_GET | SRV_POST, "/api/v1/reports/{code}", srv_h_reports, MC_PUB_INPUT_MAX_BYTES,
	  SRV_R_JSON_BODY | CACHED, "reports" },
	{ SRV_GET, "/api/v1/answer", srv_h_answer, 0, CACHED, "answer" },
	{ SRV_POST, "/api/v1/redact", srv_h_redact, 1 * MiB, PHI_POST, "redact" },
	{ SRV_POST, "/api/v1/detect", srv_h_detect, 1 * MiB, PHI_POST, "detect" },
	{ SRV_GET, "/fhir/metadata", srv_h_fhir_metadata, 0, SRV_R_FHIR | CACHED, "fhir_metadata" },
	{ SRV_GET | SRV_POST, "/fhir/CodeSystem/$lookup", srv_h_fhir_lookup, SRV_FHIR_BODY, FHIR_POST,
	  "fhir_lookup" },
	{ SRV_GET | SRV_POST, "/fhir/CodeSystem/$validate-code", srv_h_fhir_validate, SRV_FHIR_BODY,
	  FHIR_POST, "fhir_validate_code" },
	/* The web application (h_web*.c; docs/web.md). */
	{ SRV_GET, "/", srv_h_web_home, 0, 0, "web_home" },
	{ SRV_GET, "/static/site.css", srv_h_web_asset, 0, 0, "web_static" },
	{ SRV_GET, "/static/app.js", srv_h_web_asset, 0, 0, "web_static" },
	{ SRV_GET, "/robots.txt", srv_h_web_asset, 0, 0, "web_static" },
	{ SRV_GET, "/codes/{code}", srv_h_web_code, 0, 0, "web_code" },
	{ SRV_GET, "/search", srv_h_web_search, 0, 0, "web_search" },
	{ SRV_GET, "/ask", srv_h_web_ask, 0, 0, "web_ask" },
	{ SRV_GET | SRV_POST, "/publish", srv_h_web_publish, MC_PUB_INPUT_MAX_BYTES * 3 + 4 * KiB, FORM,
	  "web_publish" },
	{ SRV_GET | SRV_POST, "/redact", srv_h_web_redact, 512 * KiB, FORM | SRV_R_SENSITIVE, "web_redact" },
	{ SRV_GET | SRV_POST, "/detect", srv_h_web_detect, 512 * KiB, FORM | SRV_R_SENSITIVE, "web_detect" },
	{ SRV_GET | SRV_POST, "/login", srv_h_web_login, 8 * KiB, FORM, "web_login" },
	{ SRV_GET | SRV_POST, "/register", srv_h_web_register, 8 * KiB, FORM, "web_register" },
	{ SRV_POST, "/logout", srv_h_web_logout, 8 * KiB, FORM, "web_logout" },
	{ SRV_GET | SRV_POST, "/account", srv_h_web_account, 8 * KiB, FORM, "web_account" },
	{ SRV_GET | SRV_POST, "/fhir/ValueSet/$expand", srv_h_fhir_expand, SRV_FHIR_BODY, FHIR_POST,
	  "fhir_expand" },
};

const size_t srv_nroutes = sizeof(srv_routes) / sizeof(srv_routes[0]);
