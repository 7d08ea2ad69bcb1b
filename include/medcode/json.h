/* medcode JSON encoders: one per result type, shared by the command line's
 * --json output and the HTTP API so the two never drift.  Each returns a
 * new jansson reference (caller json_decref's it) or NULL when out of
 * memory. */
#ifndef MEDCODE_JSON_H
#define MEDCODE_JSON_H

#include <jansson.h>

#include "medcode/lookup.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* {"query", "date", "truncated", "results": [record...]} */
json_t *mc_json_lookup(const mc_lookup_result *r);
/* One code record. */
json_t *mc_json_code_record(const mc_code_record *r);
/* {"store", "releases": [...], "systems": {"icd10cm": {"codes", "billable"}, ...}} */
json_t *mc_json_info(const char *store_path, const mc_release_info *rel, size_t n);

#ifdef __cplusplus
}
#endif
#endif
