/* Shared by the NCCI parsers (aoc_xlsx.c, ptp_txt.c, ptp_xlsx.c): quarter
 * labels and the PTP row logic.  Internal to ingest; implemented in
 * ptp_txt.c. */
#ifndef MC_INGEST_NCCI_H
#define MC_INGEST_NCCI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"
#include "medcode/ingest.h"

/* "AOC_V2026Q2-MCR.xlsx" -> "2026Q2", "2026-04-01"; false if no YYYYQn. */
bool mc_ncci_quarter_from_name(const char *name, char label[16], char from[MC_DATE_LEN]);
/* "2026-05-17" -> "2026Q2". */
void mc_ncci_quarter_of(const char *iso, char label[16]);
/* Letters+digits only, lower-cased: "Add-On_Code" -> "addoncode". */
void mc_ncci_norm(const char *s, char *out, size_t cap);
/* A HCPCS/CPT code: 5 letters or digits, at least one digit. */
bool mc_ncci_is_code(const char *s);

enum { MC_PTP_COL1, MC_PTP_COL2, MC_PTP_PRIOR, MC_PTP_EFF, MC_PTP_DEL, MC_PTP_MOD,
       MC_PTP_RATIONALE, MC_PTP_NFIELDS };

typedef struct mc_ptp {
	const mc_input *in;
	const mc_sink *sink;
	mc_error *err;
	const char *format;
	bool rows;                /* "row N" messages (xlsx) */
	const char *setting;      /* "practitioner" / "hospital" */
	char label[16];
	char from[MC_DATE_LEN];
	bool said, in_data;
	bool scan;                /* pre-scan: only track max_eff */
	char max_eff[MC_DATE_LEN];
	mc_buf text;              /* header text seen before the data */
} mc_ptp;

void mc_ptp_init(mc_ptp *p, const mc_input *in, const mc_sink *sink, mc_error *err,
		 const char *format, bool rows);
void mc_ptp_release(mc_ptp *p);
/* Release from the name (v321r0 or YYYYQn), else from max_eff. */
bool mc_ptp_release_from_name(const char *name, char label[16], char from[MC_DATE_LEN]);
void mc_ptp_pick_release(mc_ptp *p);
/* Setting from the name (ccipra/ccioph), else header text, else practitioner. */
void mc_ptp_pick_setting(mc_ptp *p);
/* Does this row hold a PTP edit (code, code, flag, YYYYMMDD, ...)? */
bool mc_ptp_is_data(const char *const *f, size_t n);
/* One row (f[0..n) from the Column 1 cell on).  Rows before the first edit
 * are header text; after it every non-blank row must be an edit. */
int mc_ptp_row(mc_ptp *p, const char *const *f, size_t n, size_t line);

#endif
