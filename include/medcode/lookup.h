/* medcode lookup: the full record of codes valid on a date.
 *
 * A query is a code in any spelling ("e11.52", "E1152"), a range
 * ("77001-77003") or a prefix ("E11.5*").  A dotless code that exists in
 * two systems gives both unless a system is chosen.  Every string in a
 * result lives in the result and dies with mc_lookup_result_release.
 */
#ifndef MEDCODE_LOOKUP_H
#define MEDCODE_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "medcode/error.h"
#include "medcode/store.h"
#include "medcode/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mc_kv { const char *key, *value; } mc_kv;

/* A code mentioned by a record (ancestor, child, replacement). */
typedef struct mc_code_ref {
	const char *code, *title, *kind;
	int billable;
} mc_code_ref;

typedef struct mc_note_item { const char *kind, *text; } mc_note_item;

/* A fee-schedule indicator with the meaning of its value. */
typedef struct mc_indicator_item { const char *field, *value, *meaning; } mc_indicator_item;

typedef struct mc_rvu_item {
	const char *mod;                      /* "", "26", "TC", "53" */
	const char *field[MC_RVU_NFIELDS];
	mc_indicator_item *indicators;
	size_t nindicators;
} mc_rvu_item;

typedef struct mc_mue_item {
	const char *service_type, *mai_desc, *rationale;
	long units;
	int mai;
} mc_mue_item;

typedef struct mc_aoc_item {
	const char *code;                     /* the primary (or add-on) code */
	const char *effective, *deleted;
	int edit_type;
} mc_aoc_item;

typedef struct mc_ptp_item {
	const char *column1, *column2, *effective, *deleted, *setting, *rationale;
	int modifier_indicator;
} mc_ptp_item;

typedef struct mc_history_item { const char *date, *change, *old, *new_; } mc_history_item;

/* Where a group of facts came from. */
typedef struct mc_source {
	const char *stream, *label, *effective_from, *effective_to, *files;
} mc_source;

typedef struct mc_code_record {
	const char *system, *code;
	const char *title_short, *title_long, *title_other;
	int billable;                         /* 1, 0, -1 unknown */
	const char *kind, *status, *valid_from, *valid_to;
	const char *state;                    /* "active", "deleted", "not_yet_valid" */
	const char *deleted_on;               /* when state is deleted */
	mc_source source;
	mc_kv *attrs; size_t nattrs;
	mc_code_ref *ancestors; size_t nancestors;   /* root first */
	mc_code_ref *children; size_t nchildren;     /* billable descendants for headers */
	bool children_truncated;
	mc_note_item *notes; size_t nnotes;
	mc_source notes_source;
	mc_kv *seventh; size_t nseventh;             /* applicable 7th characters */
	mc_kv *index_terms; size_t nindex;           /* path -> kind */
	mc_rvu_item *rvu; size_t nrvu;
	mc_source rvu_source;
	mc_mue_item *mue; size_t nmue;
	mc_source mue_source;
	mc_aoc_item *addon_primaries; size_t naddon_primaries; /* this code is an add-on */
	mc_aoc_item *addons; size_t naddons;                   /* add-ons of this primary */
	mc_source aoc_source;
	mc_ptp_item *ptp; size_t nptp;               /* PTP edits naming this code */
	size_t ptp_total;
	mc_source ptp_source;
	mc_history_item *history; size_t nhistory;
} mc_code_record;

typedef struct mc_lookup_opts {
	const char *date;        /* YYYY-MM-DD; NULL = today */
	mc_system system;        /* MC_SYS_NONE = all */
	size_t max_codes;        /* cap for ranges and prefixes; 0 = 500 */
	bool brief;              /* only core fields (for ranges in bulk) */
} mc_lookup_opts;

typedef struct mc_lookup_result {
	const char *query;
	const char *date;
	mc_code_record *items;
	size_t n;
	bool truncated;          /* a range or prefix matched more than max_codes */
	void *arena_;            /* internal */
} mc_lookup_result;

/* Look up one query.  out is initialised here and must be released with
 * mc_lookup_result_release even on error.  Returns 0 (out->n may be 0 when
 * nothing matched), MC_EINVAL for a malformed query or date. */
int mc_lookup(mc_store *s, const char *query, const mc_lookup_opts *opts,
	      mc_lookup_result *out, mc_error *err);
void mc_lookup_result_release(mc_lookup_result *r);

#ifdef __cplusplus
}
#endif
#endif
