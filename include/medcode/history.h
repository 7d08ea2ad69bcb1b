/* medcode code history: when a code was added, changed or deleted, as far
 * as the loaded releases and the dates their files give can tell.
 *
 * Sources, each event citing its own:
 * - dates a file states (HCPCS ADD DT, TERM DT and ACTION CD with ACT EFF
 *   DT; the ICD-10-CM code list's first fiscal year, title and billable
 *   years);
 * - differences between consecutive loaded releases of a code stream: an
 *   exact date when the two are one publication period apart, else a
 *   range ("between the release after FY2021 and FY2026");
 * - the first loaded release of each stream that names the code (code
 *   tables, the fee-schedule file, MUE, add-on and PTP edits, whose edit
 *   rows carry their own effective dates): the code was in force by then
 *   at the latest.
 * Nothing is inferred past that: where the store says nothing, the event
 * is absent and the page says MC_PUB_MISSING.
 */
#ifndef MEDCODE_HISTORY_H
#define MEDCODE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "medcode/error.h"
#include "medcode/lookup.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mc_hist_kind {
	MC_HIST_ADDED,          /* the code entered the code set */
	MC_HIST_IN_FORCE_BY,    /* a release or edit names it: in force by then at the latest */
	MC_HIST_REVISED,        /* title or description changed */
	MC_HIST_BILLABLE,       /* billable status changed */
	MC_HIST_ACTION,         /* a maintenance action a file states (HCPCS ACTION CD) */
	MC_HIST_DELETED         /* left the code set, or terminated */
} mc_hist_kind;

/* "added", "in force by", "revised", "billable status", "action", "deleted". */
const char *mc_hist_kind_name(mc_hist_kind k);

typedef struct mc_hist_event {
	mc_hist_kind kind;
	const char *date;       /* YYYY-MM-DD: when it happened, or the latest it can have */
	const char *from;       /* NULL when date is exact; else the earliest it can have
	                           happened (the event lies in [from, date]) */
	const char *detail;     /* one sentence: what and how it is known */
	mc_source source;       /* the release (and files) that say so */
} mc_hist_event;

typedef struct mc_code_history {
	mc_hist_event *items;   /* by date, then kind */
	size_t n;
	/* The earliest date on which the store shows the code in force (an
	 * added date, or the first release or edit naming it), NULL when
	 * none; earliest_event points into items. */
	const char *earliest;
	const mc_hist_event *earliest_event;
	void *arena_;           /* internal */
} mc_code_history;

/* The history of code (as spelled in the store, e.g. "E11.52", "0620T")
 * of system ("icd10cm", "cpt", "hcpcs", ...) up to date (YYYY-MM-DD;
 * NULL = today): events after date are left out.  out is initialised here
 * and must be released with mc_code_history_release even on error.
 * Returns 0 (out->n may be 0), MC_EINVAL for a bad date, MC_EDB,
 * MC_ENOMEM. */
int mc_store_code_history(mc_store *s, const char *system, const char *code, const char *date,
			  mc_code_history *out, mc_error *err);
void mc_code_history_release(mc_code_history *h);

#ifdef __cplusplus
}
#endif
#endif
