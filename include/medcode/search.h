/* medcode search: natural-language code search over the store.
 * (Issue 3 defines the query API here.) */
#ifndef MEDCODE_SEARCH_H
#define MEDCODE_SEARCH_H

#include "medcode/error.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Rebuild the search index inside the store from every release's codes,
 * index entries and notes.  Called by the importer after it changed the
 * store; idempotent.  Runs in its own transaction. */
int mc_search_build(mc_store *s, mc_error *err);

#ifdef __cplusplus
}
#endif
#endif
