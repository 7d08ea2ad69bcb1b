/* medcode store: tabular notes of ICD-10-CM codes, for the modules that
 * read them in bulk (detect).  The store owns its schema; readers go
 * through these functions. */
#ifndef MEDCODE_STORE_NOTES_H
#define MEDCODE_STORE_NOTES_H

#include <stdint.h>

#include "medcode/error.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called for each note: the code as spelled in the store ("E11.621"),
 * and the note's text; both borrowed for the call.  Return 0 to go on,
 * a negative MC_E* to stop (passed back by the caller). */
typedef int (*mc_store_note_fn)(const char *code, const char *text, void *payload);

/* Every note of kind ("use_additional", "code_first", "excludes1", ...)
 * of the latest ICD-10-CM release not after release_id that has notes
 * (notes may come from an older release than the codes).  Returns 0 (also
 * when no release has notes), the callback's negative value, or MC_EDB. */
int mc_store_icd_notes(mc_store *s, int64_t release_id, const char *kind, mc_store_note_fn fn,
		       void *payload, mc_error *err);

#ifdef __cplusplus
}
#endif
#endif
