/* Shared by the two HCPCS ANWEB parsers (hcpcs_xlsx.c, hcpcs_txt.c): the
 * 48 fields of the ANWEB record and the code emitter that turns one record
 * (plus its continuation lines) into mc_rec_code.  Internal to ingest. */
#ifndef MC_INGEST_HCPCS_H
#define MC_INGEST_HCPCS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"
#include "medcode/ingest.h"

enum {
	MC_HF_HCPC, MC_HF_SEQNUM, MC_HF_RECID, MC_HF_LONG, MC_HF_SHORT,
	MC_HF_PRICE1, MC_HF_PRICE2, MC_HF_PRICE3, MC_HF_PRICE4, MC_HF_MULT_PI,
	MC_HF_CIM1, MC_HF_CIM2, MC_HF_CIM3, MC_HF_MCM1, MC_HF_MCM2, MC_HF_MCM3,
	MC_HF_STATUTE,
	MC_HF_LABCERT1, MC_HF_LABCERT2, MC_HF_LABCERT3, MC_HF_LABCERT4,
	MC_HF_LABCERT5, MC_HF_LABCERT6, MC_HF_LABCERT7, MC_HF_LABCERT8,
	MC_HF_XREF1, MC_HF_XREF2, MC_HF_XREF3, MC_HF_XREF4, MC_HF_XREF5,
	MC_HF_COV, MC_HF_ASC_GRP, MC_HF_ASC_DT, MC_HF_OPPS, MC_HF_OPPS_PI,
	MC_HF_OPPS_DT, MC_HF_PROCNOTE, MC_HF_BETOS,
	MC_HF_TOS1, MC_HF_TOS2, MC_HF_TOS3, MC_HF_TOS4, MC_HF_TOS5,
	MC_HF_ANEST_BU, MC_HF_ADD_DT, MC_HF_ACT_EFF_DT, MC_HF_TERM_DT, MC_HF_ACTION_CD,
	MC_HF_COUNT
};

typedef struct mc_hcpcs_field {
	const char *key;          /* attr key and normalised xlsx header ("add_dt") */
	unsigned pos, len;        /* 1-based start and width in the txt record */
	bool attr;                /* emitted as an attr */
} mc_hcpcs_field;

extern const mc_hcpcs_field mc_hcpcs_fields[MC_HF_COUNT];

/* Width of one txt record. */
#define MC_HCPCS_TXT_WIDTH 320u

typedef struct mc_hcpcs {
	const mc_input *in;
	const mc_sink *sink;
	mc_error *err;
	const char *format;
	bool rows;                /* messages say "row N" (xlsx) instead of ":N" */
	char label[16];
	char from[MC_DATE_LEN];
	bool said_code, said_mod;
	/* The record being built: first line plus continuation lines. */
	bool pending;
	char recid;
	size_t line;
	mc_buf store;             /* field text, NUL-separated */
	size_t off[MC_HF_COUNT];
	mc_buf longdesc;
	mc_buf tmp;
	char max_eff[MC_DATE_LEN];/* latest ACT EFF DT seen by mc_hcpcs_note_eff */
} mc_hcpcs;

void mc_hcpcs_init(mc_hcpcs *h, const mc_input *in, const mc_sink *sink,
		   mc_error *err, const char *format, bool rows);
void mc_hcpcs_release(mc_hcpcs *h);

/* Release label and date from a name like "HCPC2025_OCT_ANWEB.xlsx"; false
 * when the name does not say (label/from untouched). */
bool mc_hcpcs_release_from_name(const char *name, char label[16], char from[MC_DATE_LEN]);
/* Remember an ACT EFF DT (YYYYMMDD) for the content-based release guess. */
void mc_hcpcs_note_eff(mc_hcpcs *h, const char *yyyymmdd);
/* Set label/from from the name, else from max_eff. */
void mc_hcpcs_pick_release(mc_hcpcs *h);

/* One record: f[i] is field i (untrimmed; NULL = blank).  RECID 3/7 start
 * a code, 4/8 continue its long description.  Returns 0 or <0. */
int mc_hcpcs_record(mc_hcpcs *h, const char *const *f, size_t line);
/* Emit the last pending code. */
int mc_hcpcs_finish(mc_hcpcs *h);

#endif
