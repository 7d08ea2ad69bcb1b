/* medcode records: what the store holds, one struct per kind of fact
 * (a release, a code, a tabular note, an index entry, a fee-schedule row,
 * an NCCI edit, a drug name, a name-list entry).  The importer's parsers
 * stream them (medcode/ingest.h) and the store writes them
 * (medcode/store.h); plain data, declared here so that neither depends on
 * the other.  Every string is borrowed: NUL-terminated, valid only during
 * the call that hands the record over, never NULL unless its comment says
 * it may be.  Part of the store module.
 */
#ifndef MEDCODE_RECORDS_H
#define MEDCODE_RECORDS_H

#include <stddef.h>

#include "medcode/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The release a parser is reading.  stream names the independent series
 * the release belongs to ("icd10cm", "hcpcs", "modifier-l2", "cpt-ama",
 * "cpt-pfs", "rvu", "mue", "aoc", "ptp", "taxonomy", or "custom:<name>").
 * label is the release's own name ("FY2026", "2025-10", "RVU25D", "25.1").
 * effective_from is YYYY-MM-DD, or "" when unknown. */
typedef struct mc_rec_release {
	mc_system system;           /* MC_SYS_NONE for edit tables (rvu, mue, ...) */
	const char *stream;
	const char *label;
	const char *effective_from;
	const char *format;         /* the parser's format name */
} mc_rec_release;

/* Extra attribute of a code, kept verbatim (name: lowercase_with_underscores). */
typedef struct mc_attr {
	const char *key;
	const char *value;
} mc_attr;

/* A code, header or hierarchy node.  Several records for the same code in
 * one release merge: fields given (non-NULL / non-negative) win. */
typedef struct mc_rec_code {
	mc_system system;
	const char *code;         /* as printed officially: "E11.52", "J1100", "LT", "207RH0000X" */
	const char *title_short;  /* may be NULL */
	const char *title_long;   /* may be NULL */
	const char *title_other;  /* e.g. CPT medium or consumer-friendly; may be NULL */
	int billable;             /* 1 billable, 0 header / not billable, -1 unknown */
	const char *kind;         /* "code", "chapter", "section", "category", "modifier",
	                             "grouping", "classification"...; may be NULL = "code" */
	const char *parent;       /* parent code in the same system; may be NULL */
	const char *status;       /* source status (HCPCS action code, ...); may be NULL */
	const char *valid_from;   /* YYYY-MM-DD from the source (add date); may be NULL */
	const char *valid_to;     /* YYYY-MM-DD termination date; may be NULL */
	const mc_attr *attrs;     /* extra columns; may be NULL */
	size_t nattrs;
	size_t line;              /* source line (0 if none), for messages */
} mc_rec_code;

typedef struct mc_rec_note {
	mc_system system;
	const char *code;         /* the code, section ("A00-A09") or chapter the note is on */
	mc_note_kind kind;
	const char *text;
} mc_rec_note;

/* A 7th-character definition (sevenChrDef) on a code and all its descendants. */
typedef struct mc_rec_seventh {
	const char *code;         /* where the definition is given, e.g. "S52" */
	const char *character;    /* one character, e.g. "A" */
	const char *meaning;      /* "initial encounter for closed fracture" */
} mc_rec_seventh;

/* One ICD-10-CM index entry: a term path that leads to a code. */
typedef struct mc_rec_index {
	mc_index_kind kind;
	const char *path;         /* terms joined by " > ", nonessential modifiers in
	                             parentheses: "Fracture > femur > neck (closed)" */
	const char *code;         /* code as printed ("T38.3X1", "S72.0-", "C18.9"); may be NULL */
	const char *column;       /* table column heading for drug/neoplasm
	                             ("Poisoning, Accidental (unintentional)"); may be NULL */
	const char *see;          /* may be NULL */
	const char *see_also;     /* may be NULL */
} mc_rec_index;

/* A row of the PFS relative value file (PPRRVU). */
typedef struct mc_rec_rvu {
	const char *field[MC_RVU_NFIELDS]; /* trimmed text; "" when blank */
	size_t line;
} mc_rec_rvu;

/* MUE: medically unlikely edit. */
typedef struct mc_rec_mue {
	const char *code;
	const char *service_type; /* "Practitioner", "Outpatient Hospital", "DME Supplier" */
	long units;               /* MUE value */
	int mai;                  /* MUE adjudication indicator 1..3, 0 if absent */
	const char *mai_desc;     /* may be NULL */
	const char *rationale;    /* may be NULL */
	size_t line;
} mc_rec_mue;

/* NCCI add-on code edit. Dates are YYYY-MM-DD or "" when open. */
typedef struct mc_rec_aoc {
	const char *addon;
	const char *primary;      /* "CCCCC" = contractor-defined primaries */
	int edit_type;            /* 1, 2 or 3 */
	const char *addon_deleted;
	const char *primary_deleted;
	const char *effective;
	const char *deleted;
	const char *notes;        /* may be NULL */
	size_t line;
} mc_rec_aoc;

/* NCCI procedure-to-procedure edit. */
typedef struct mc_rec_ptp {
	const char *column1;
	const char *column2;
	int prior_1996;           /* 1 when "in existence prior to 1996" was '*' */
	const char *effective;    /* YYYY-MM-DD */
	const char *deleted;      /* YYYY-MM-DD or "" */
	int modifier_indicator;   /* 0 not allowed, 1 allowed, 9 not applicable */
	const char *rationale;    /* may be NULL */
	const char *setting;      /* "practitioner" or "hospital" */
	size_t line;
} mc_rec_ptp;

/* A name of a name-frequency list (the Census surname and first-name
 * lists, the SSA baby names): what the PHI redactor knows of names. */
typedef enum mc_name_kind {
	MC_NAME_FIRST = 1,
	MC_NAME_LAST
} mc_name_kind;

typedef struct mc_rec_name {
	const char *name;         /* as the list spells it: "SMITH", "Olivia", "Mcdonald" */
	mc_name_kind kind;
	long long count;          /* the list's own measure: people (Census 2010), births
	                             in the year (SSA), thousandths of a percent of the
	                             sample (Census 1990) */
	size_t line;
} mc_rec_name;

/* One row of the CMS ASP NDC-HCPCS crosswalk: a drug product as sold (by
 * NDC) and the HCPCS Level II code it is billed under.  Fields are trimmed
 * text as the file gives them ("" when blank), converted to UTF-8. */
typedef struct mc_rec_drug {
	const char *hcpcs;        /* "J0897" */
	const char *short_desc;   /* the HCPCS short description in the file */
	const char *labeler;      /* "Amgen Inc" */
	const char *ndc;          /* 11-digit NDC in 5-4-2 form: "55513-0710-01" */
	const char *drug_name;    /* the name as sold: "Prolia", "Ketorolac Tromethamine" */
	const char *dosage;       /* the HCPCS dosage: "1 MG" */
	const char *pkg_size, *pkg_qty, *bill_units, *bill_units_pkg;
	size_t line;
} mc_rec_drug;

#ifdef __cplusplus
}
#endif
#endif
