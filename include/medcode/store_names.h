/* medcode store: the name-frequency lists (Census surnames and first
 * names, SSA baby names) that `medcode import` loads from the official
 * files, for the PHI redactor.  Each list is a release of its own stream
 * ("names-census1990", "names-census2010", "names-ssa"), with its source
 * files and their checksums like every other release. */
#ifndef MEDCODE_STORE_NAMES_H
#define MEDCODE_STORE_NAMES_H

#include "medcode/records.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Add a name to a release (the importer's callback); a name and kind the
 * release holds already keeps the larger count. */
int mc_store_put_name(mc_store *s, int64_t release_id, const mc_rec_name *rec, mc_error *err);

/* One name of the store's lists, as mc_store_names reports it. */
typedef struct mc_name_entry {
	const char *list;       /* the release's stream: "names-ssa", ... */
	const char *name;       /* as the list spells it */
	mc_name_kind kind;
	long long count;        /* in the list's measure (see mc_rec_name) */
} mc_name_entry;

/* Call fn with every name of every name list in the store, in no set
 * order; strings are valid during the call only.  fn returns 0 to go on,
 * non-zero to stop (that value is returned).  Returns 0, MC_ENOTFOUND when
 * the store holds no name list (fn is not called), or MC_EDB. */
int mc_store_names(mc_store *s, int (*fn)(const mc_name_entry *e, void *payload), void *payload,
		   mc_error *err);

#ifdef __cplusplus
}
#endif
#endif
