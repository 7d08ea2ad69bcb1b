/* medcode store: one SQLite file (WAL) holding every imported release.
 *
 * A release belongs to a stream (an independent series such as "icd10cm",
 * "hcpcs", "rvu") and has an effective date; the store keeps each release's
 * full content, so the release in force on any date answers lookups, and
 * history is derived by diffing consecutive releases of a stream.
 *
 * Writers: one mc_store opened with MC_STORE_WRITE at a time.  Readers may
 * open the same file concurrently with MC_STORE_READ (one handle per thread).
 */
#ifndef MEDCODE_STORE_H
#define MEDCODE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "medcode/error.h"
#include "medcode/ingest.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mc_store mc_store;

enum { MC_STORE_READ = 0, MC_STORE_WRITE = 1 };

/* Open (and for MC_STORE_WRITE create, with parent directories, and
 * migrate) the store at path.  *out is owned by the caller: mc_store_free.
 * MC_ENOTFOUND when reading a store that does not exist. */
int mc_store_open(mc_store **out, const char *path, int mode, mc_error *err);
void mc_store_free(mc_store *s);

/* The path given to mc_store_open (borrowed). */
const char *mc_store_path(const mc_store *s);

/* ---- writing (used by the importer) ----------------------------------- */

/* Transactions: everything between begin and commit is one unit. */
int mc_store_begin(mc_store *s, mc_error *err);
int mc_store_commit(mc_store *s, mc_error *err);
void mc_store_rollback(mc_store *s);

/* Create the release (stream, label) or, when it exists, empty it so it can
 * be imported again.  *out_id is the release id. */
int mc_store_release_reset(mc_store *s, const mc_rec_release *rec, int64_t *out_id,
			   mc_error *err);
/* Find a release id by stream and label; MC_ENOTFOUND when absent. */
int mc_store_release_find(mc_store *s, const char *stream, const char *label,
			  int64_t *out_id, mc_error *err);
/* True when the release exists and already lists a file with this sha256. */
bool mc_store_release_has_file(mc_store *s, const char *stream, const char *label,
			       const char *sha256);
/* Record a source file of a release. */
int mc_store_release_add_file(mc_store *s, int64_t release_id, const char *name,
			      const char *sha256, uint64_t bytes, const char *format,
			      mc_error *err);

int mc_store_put_code(mc_store *s, int64_t release_id, const mc_rec_code *rec, mc_error *err);
int mc_store_put_note(mc_store *s, int64_t release_id, const mc_rec_note *rec, mc_error *err);
int mc_store_put_seventh(mc_store *s, int64_t release_id, const mc_rec_seventh *rec, mc_error *err);
int mc_store_put_index(mc_store *s, int64_t release_id, const mc_rec_index *rec, mc_error *err);
int mc_store_put_rvu(mc_store *s, int64_t release_id, const mc_rec_rvu *rec, mc_error *err);
int mc_store_put_mue(mc_store *s, int64_t release_id, const mc_rec_mue *rec, mc_error *err);
int mc_store_put_aoc(mc_store *s, int64_t release_id, const mc_rec_aoc *rec, mc_error *err);
int mc_store_put_ptp(mc_store *s, int64_t release_id, const mc_rec_ptp *rec, mc_error *err);

/* After a release's records are in: fill derived fields (ICD-10-CM parents
 * and hierarchy, modifier kinds), then recompute every stream's effective
 * ranges and the code history of the release's stream. */
int mc_store_finish_release(mc_store *s, int64_t release_id, mc_error *err);

/* ---- reading ----------------------------------------------------------- */

/* One loaded release. Strings are owned by the array (mc_store_releases_free). */
typedef struct mc_release_info {
	int64_t id;
	char *system;          /* NULL for edit tables */
	char *stream, *label, *effective_from, *effective_to, *imported_at;
	int64_t records;       /* codes, or rows for edit tables */
	int64_t billable;      /* billable codes (-1 n/a) */
	char **files;          /* "name sha256" per source file */
	size_t nfiles;
} mc_release_info;

int mc_store_releases(mc_store *s, mc_release_info **out, size_t *n, mc_error *err);
void mc_store_releases_free(mc_release_info *r, size_t n);

/* The id of the release of stream in force on date (YYYY-MM-DD): the one
 * with the latest effective_from on or before date.  MC_ENOTFOUND if none. */
int mc_store_release_on(mc_store *s, const char *stream, const char *date,
			int64_t *out_id, mc_error *err);

/* The store's clinical vocabulary, for the PHI redactor's allow list
 * (mc_phi_add_vocabulary): calls fn with each text of it, in no set order
 * and with words repeating across texts: the long titles of the latest
 * ICD-10-CM and HCPCS releases, the ICD-10-CM inclusion terms and the
 * index terms (the latest release holding them), the drug names of the
 * latest ASP NDC-HCPCS crosswalk.  text[0..len) is
 * NUL-terminated and valid during the call only.
 * fn returns non-zero to stop; that value is returned.  Otherwise 0, or
 * MC_EDB.  Read-only; a store without these releases gives no texts. */
typedef int (*mc_store_text_fn)(const char *text, size_t len, void *payload);
int mc_store_vocabulary(mc_store *s, mc_store_text_fn fn, void *payload, mc_error *err);

/* Meaning of a fee-schedule indicator value (field is an mc_rvu_field_names
 * entry, e.g. "bilat_surg", value "1"); NULL when none is defined.  The
 * string is static. */
const char *mc_indicator_meaning(const char *field, const char *value);

#ifdef __cplusplus
}
#endif
#endif
