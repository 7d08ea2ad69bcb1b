/* Shared by the two PFS relative value file parsers (CSV and fixed
 * width): release naming and the CPT code shape.  Internal to ingest. */
#ifndef MC_INGEST_RVU_H
#define MC_INGEST_RVU_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"
#include "medcode/ingest.h"

typedef struct mc_rvu_release {
	int year;               /* 4 digits, 0 unknown */
	int quarter;            /* 1..4, 0 unknown */
} mc_rvu_release;

/* Year and quarter from "PPRRVU2025_Oct", "PPRRVU25_JAN" or "RVU25D" in
 * the path; fields it cannot find stay as they are. */
void mc_rvu_release_from_name(const char *name, mc_rvu_release *rel);

/* Label ("RVU25D") and effective date ("2025-10-01", or "" when the
 * quarter is unknown) of rel; the file stem when even the year is. */
void mc_rvu_release_strings(const char *name, const mc_rvu_release *rel,
			    char *label, size_t label_cap, char from[MC_DATE_LEN]);

/* True for a CPT code: 5 digits, or 4 digits and F, T, U or M. */
bool mc_rvu_is_cpt_code(const char *s);

/* What both editions stream for their rows, in order: the "rvu" release
 * before the first row, each row as an mc_rec_rvu, and for the first row
 * of each CPT code the "cpt-pfs" release (once) and an mc_rec_code
 * (title_short = DESCRIPTION, attr source=pfs).  Zero it, set format,
 * and fill label and from before the first mc_rvu_emit. */
typedef struct mc_rvu_emitter {
	const char *format;         /* "rvu_csv", "rvu_txt" */
	char label[64];
	char from[MC_DATE_LEN];
	size_t rows;                /* rows emitted */
	bool cpt_announced;
	char prev[8];               /* the last CPT code given a code record */
} mc_rvu_emitter;

/* Stream rec (its fields trimmed, rec->line set) to sink.  0, or the
 * negative code a callback returned. */
int mc_rvu_emit(mc_rvu_emitter *e, const mc_rec_rvu *rec, const mc_sink *sink);

#endif
