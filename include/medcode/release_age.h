/* medcode release age: is a loaded release current on a date?
 *
 * Each official stream is published on a schedule (HCPCS Level II
 * quarterly, ICD-10-CM yearly on October 1, NUCC taxonomy twice a year,
 * ...).  A release whose next scheduled release was due on or before the
 * date, and no later release of its stream is loaded, may be out of date:
 * pages, answers, claim checks and the API say so, naming the release.
 *
 * Everything here reads the store; nothing is written.  Results are plain
 * caller-owned structs (fixed-size strings, static descriptions), so they
 * need no release except the array of mc_store_release_ages.
 */
#ifndef MEDCODE_RELEASE_AGE_H
#define MEDCODE_RELEASE_AGE_H

#include <stdbool.h>
#include <stddef.h>

#include "medcode/error.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How often a stream's publisher issues a new release.  The value is the
 * number of months between releases (0: no schedule is known). */
typedef enum mc_release_period {
	MC_PERIOD_NONE = 0,        /* no schedule: medcode's built-in data, user code lists */
	MC_PERIOD_QUARTERLY = 3,
	MC_PERIOD_SEMIANNUAL = 6,
	MC_PERIOD_YEARLY = 12
} mc_release_period;

enum { MC_AGE_NAME_MAX = 48, MC_AGE_DATE_LEN = 11 };

/* "quarterly", "semiannual", "yearly" or "none" (static). */
const char *mc_release_period_name(mc_release_period p);

/* The schedule of a stream ("hcpcs", "rvu", ...): its period; *name gets
 * a human name ("HCPCS Level II") and *schedule who publishes it and when
 * (both static, may be NULL to skip).  An unknown stream gives
 * MC_PERIOD_NONE, its own name and "". */
mc_release_period mc_release_period_of(const char *stream, const char **name, const char **schedule);

typedef struct mc_release_age {
	char stream[MC_AGE_NAME_MAX];          /* "hcpcs" */
	char label[MC_AGE_NAME_MAX];           /* "2025-10" */
	char effective_from[MC_AGE_DATE_LEN];  /* "2025-10-01"; "" when the release has none */
	char date[MC_AGE_DATE_LEN];            /* the date asked about */
	const char *name;                      /* static: "HCPCS Level II" */
	const char *schedule;                  /* static: "CMS quarterly update (January, ...)"; "" */
	mc_release_period period;
	char next_due[MC_AGE_DATE_LEN];        /* effective date of the next scheduled release
	                                          (effective_from + period); "" for MC_PERIOD_NONE */
	char superseded_by[MC_AGE_NAME_MAX];   /* label of a later release of the stream in
	                                          force on date, else "" */
	bool may_be_stale;                     /* superseded, or date >= next_due */
} mc_release_age;

/* The age of a release of stream on date (YYYY-MM-DD; NULL = today):
 * label NULL means the release in force on date (the one with the latest
 * effective_from on or before it); a label names one release (say the
 * source of a fact), which is stale when a later one is in force.
 * *out is filled (the caller's).  MC_ENOTFOUND when no such release is
 * loaded (or none is in force on date); MC_EINVAL for a bad date; MC_EDB. */
int mc_store_release_age(mc_store *s, const char *stream, const char *label, const char *date,
			 mc_release_age *out, mc_error *err);

/* The age of every stream's release in force on date (NULL = today),
 * ordered by stream; streams with no release in force on date are left
 * out.  *out is the caller's (mc_release_ages_free), *n its length.
 * MC_EINVAL, MC_ENOMEM, MC_EDB. */
int mc_store_release_ages(mc_store *s, const char *date, mc_release_age **out, size_t *n,
			  mc_error *err);
void mc_release_ages_free(mc_release_age *a);

/* One plain sentence about a, for pages and messages, into out[cap]
 * (truncated to fit; "" when cap is 0):
 *   stale:  "The loaded HCPCS Level II release 2025-10 (in force from
 *           2025-10-01) may be out of date on 2026-12-07: it is updated
 *           quarterly and the next release was due 2026-01-01."
 *   current: "The loaded HCPCS Level II release 2025-10 (in force from
 *           2025-10-01) is current on 2025-11-01; the next quarterly
 *           release is due 2026-01-01."
 * Returns out. */
char *mc_release_age_sentence(const mc_release_age *a, char *out, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
