/* medcode NCCI edit summaries: what the loaded edit tables say about one
 * code on a date, beyond the first rows mc_lookup lists.  Results are
 * caller-owned structs with fixed-size strings: nothing to release. */
#ifndef MEDCODE_EDITS_H
#define MEDCODE_EDITS_H

#include <stdbool.h>
#include <stddef.h>

#include "medcode/error.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mc_ptp_summary {
	bool loaded;               /* a PTP release is in force on the date */
	long total;                /* edits naming the code (column 1 or 2) in force on the date */
	long modifier_allowed;     /* of them, modifier indicator 1 (an NCCI-associated modifier may bypass) */
	char label[48];            /* the PTP release, "" when none is loaded */
	char effective_from[11];
	char files[400];           /* its files, "a.txt, b.txt" (truncated to fit) */
} mc_ptp_summary;

/* Count the NCCI PTP edits naming code (as spelled in the tables,
 * "0620T") in force on date (YYYY-MM-DD; NULL = today).  *out is filled;
 * out->loaded false (counts 0) when no PTP release is in force.  Returns
 * 0, MC_EINVAL for a bad date, MC_EDB. */
int mc_store_ptp_summary(mc_store *s, const char *code, const char *date, mc_ptp_summary *out, mc_error *err);

#ifdef __cplusplus
}
#endif
#endif
