/* Shared by the two PFS relative value file parsers (CSV and fixed
 * width): release naming and the CPT code shape.  Internal to ingest. */
#ifndef MC_INGEST_RVU_H
#define MC_INGEST_RVU_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"

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

#endif
