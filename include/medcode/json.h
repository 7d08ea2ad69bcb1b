/* medcode JSON encoders for store results: one per result type, shared by
 * the command line's --json output and the HTTP API so the two never
 * drift.  They stream into text (no intermediate tree).
 *
 * Each returns a new NUL-terminated string (the caller frees it with
 * free()) and stores its length in *len when len is not NULL; NULL when
 * out of memory.  pretty selects 2-space indentation, one value a line. */
#ifndef MEDCODE_JSON_H
#define MEDCODE_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "medcode/lookup.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* {"query", "date", "truncated", "results": [record...]} */
char *mc_json_lookup(const mc_lookup_result *r, bool pretty, size_t *len);
/* {"store", "releases": [...], "systems": {"icd10cm": {"codes", "billable"}, ...}} */
char *mc_json_info(const char *store_path, const mc_release_info *rel, size_t n,
		   bool pretty, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
