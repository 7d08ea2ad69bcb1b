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
#include "medcode/records.h"

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

/* ---- reading for index builders (search) --------------------------------- */

/* A code in force in the latest release of its stream.  Strings are
 * borrowed, valid during the callback only. */
typedef struct mc_current_code {
	const char *system;        /* "icd10cm", "hcpcs", "cpt", ... */
	const char *code;          /* as printed: "E11.52" */
	const char *compact;       /* without the dot: "E1152" */
	const char *title_short;   /* may be NULL */
	const char *title_long;    /* may be NULL */
	const char *title_other;   /* may be NULL */
	const char *kind;          /* "code", "category", "modifier", ... */
	int billable;              /* 1, 0, -1 unknown */
	bool licensed;             /* from the user's licensed (AMA) files */
} mc_current_code;

typedef int (*mc_current_code_fn)(const mc_current_code *c, void *payload);

/* Call fn with each code of the latest release of every code stream,
 * leaving out chapters, sections and codes terminated before that release
 * took effect.  A code held by two streams of one system comes once from
 * each.  fn returns non-zero to stop; that value is returned.  Otherwise
 * 0, or MC_EDB. */
int mc_store_current_codes(mc_store *s, mc_current_code_fn fn, void *payload, mc_error *err);

/* Where ICD-10-CM terms come from (the latest release that has them). */
typedef enum mc_term_source {
	MC_TERMS_INCLUSION = 1,    /* inclusion terms: code as printed, text */
	MC_TERMS_INDEX,            /* index entries: compact code, path, table column
	                              (NULL for the external cause index) */
	MC_TERMS_UNDER_HEADER      /* a header's inclusion terms, once for each code
	                              under it in the latest release: compact code, text */
} mc_term_source;

typedef int (*mc_term_fn)(const char *code, const char *text, const char *extra, void *payload);

/* Call fn with each ICD-10-CM term of source src (extra is NULL but for
 * index entries of a table).  Strings borrowed for the call.  fn returns
 * non-zero to stop; that value is returned.  Otherwise 0, or MC_EDB;
 * MC_EINVAL for an unknown source. */
int mc_store_icd10cm_terms(mc_store *s, mc_term_source src, mc_term_fn fn, void *payload,
			   mc_error *err);

/* Call fn with each code of system (an mc_system_name: "cpt", "hcpcs",
 * ...) in force on date (YYYY-MM-DD): the release of each of the system's
 * streams in force then, codes valid on the date, no chapters or
 * sections.  A code held by two streams comes once from each.  fn returns
 * non-zero to stop; that value is returned.  Otherwise 0, or MC_EDB. */
int mc_store_codes_in_force(mc_store *s, const char *system, const char *date,
			    int (*fn)(const char *code, void *payload), void *payload,
			    mc_error *err);

/* A provider taxonomy code with its NUCC grouping, classification and
 * specialization (each may be NULL); borrowed for the call. */
typedef struct mc_taxonomy_row {
	const char *code, *display, *grouping, *classification, *specialization;
} mc_taxonomy_row;

/* Call fn with each taxonomy code of the release in force on date, in
 * code order.  fn returns non-zero to stop; that value is returned.
 * Otherwise 0, MC_ENOTFOUND when no taxonomy release is in force, or
 * MC_EDB. */
int mc_store_taxonomy(mc_store *s, const char *date,
		      int (*fn)(const mc_taxonomy_row *row, void *payload), void *payload,
		      mc_error *err);

/* Meaning of a fee-schedule indicator value (field is an mc_rvu_field_names
 * entry, e.g. "bilat_surg", value "1"); NULL when none is defined.  The
 * string is static. */
const char *mc_indicator_meaning(const char *field, const char *value);

#ifdef __cplusplus
}
#endif
#endif
