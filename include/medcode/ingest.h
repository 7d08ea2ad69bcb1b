/* medcode ingest: streaming parsers of the official release files.
 *
 * Each parser reads one file image (mc_input) and streams typed records to
 * the callbacks of an mc_sink.  Parsers touch no database, so they can be
 * fuzzed alone.  Every string in a record is borrowed: NUL-terminated,
 * valid only during the callback, never NULL unless the field comment says
 * it may be.  A callback returns 0 to go on or a negative MC_E* code to
 * stop; the parser then returns that code unchanged.
 *
 * Before the first data record of a code stream, a parser reports the
 * release it is reading (mc_rec_release), taken from the content where the
 * format says it, else from the file name.  A parser of bad input returns
 * MC_EFORMAT with a message "NAME:LINE: what was expected" (or the XML
 * element instead of the line).
 */
#ifndef MEDCODE_INGEST_H
#define MEDCODE_INGEST_H

#include <stddef.h>

#include "medcode/error.h"
#include "medcode/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One file image to parse.  name is the path or zip member name as the user
 * would know it: it appears in error messages and release guesses. */
typedef struct mc_input {
	const char *name;
	const unsigned char *data;
	size_t len;
} mc_input;

/* ---- records --------------------------------------------------------- */

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

/* The callbacks a parser streams to.  Any callback may be NULL (records of
 * that type are then skipped).  payload is passed back unchanged. */
typedef struct mc_sink {
	int (*release)(const mc_rec_release *rec, void *payload);
	int (*code)(const mc_rec_code *rec, void *payload);
	int (*note)(const mc_rec_note *rec, void *payload);
	int (*seventh)(const mc_rec_seventh *rec, void *payload);
	int (*index)(const mc_rec_index *rec, void *payload);
	int (*rvu)(const mc_rec_rvu *rec, void *payload);
	int (*mue)(const mc_rec_mue *rec, void *payload);
	int (*aoc)(const mc_rec_aoc *rec, void *payload);
	int (*ptp)(const mc_rec_ptp *rec, void *payload);
	void *payload;
	/* after payload, so positional initialisers of the fields above stay valid */
	int (*drug)(const mc_rec_drug *rec, void *payload);
} mc_sink;

/* ---- formats ---------------------------------------------------------- */

/* Rate how sure a parser is that in holds its format, from the content
 * (and only as a tie-breaker, the name): 0 = not this format, 1..100. */
typedef int (*mc_detect_fn)(const mc_input *in);
/* Parse in, streaming records to sink.  Returns 0 or a negative code. */
typedef int (*mc_parse_fn)(const mc_input *in, const mc_sink *sink, mc_error *err);

typedef struct mc_format {
	const char *name;         /* "icd10cm-order", "hcpcs-anweb-xlsx", ... */
	const char *summary;      /* one line for `import --help` */
	mc_detect_fn detect;
	mc_parse_fn parse;
} mc_format;

/* The table of every known format, ending with a zeroed entry. */
extern const mc_format mc_formats[];

/* The best format for in, or NULL when no parser claims it. */
const mc_format *mc_format_detect(const mc_input *in);
/* Look a format up by name; NULL if unknown. */
const mc_format *mc_format_by_name(const char *name);

/* ---- the parsers (each documented in its .c file) ---------------------- */
#define MC_DECLARE_FORMAT(fn) \
	int mc_detect_##fn(const mc_input *in); \
	int mc_parse_##fn(const mc_input *in, const mc_sink *sink, mc_error *err)

MC_DECLARE_FORMAT(icd10cm_order);     /* icd10cm_order_YYYY.txt fixed width */
MC_DECLARE_FORMAT(icd10cm_tabular);   /* icd10cm_tabular_YYYY.xml */
MC_DECLARE_FORMAT(icd10cm_index);     /* icd10cm_index_YYYY.xml and eindex */
MC_DECLARE_FORMAT(icd10cm_table);     /* drug and neoplasm table XML */
MC_DECLARE_FORMAT(icd10cm_hierarchy); /* chapters / sections / categories CSV */
MC_DECLARE_FORMAT(hcpcs_xlsx);        /* HCPCyyyy_*_ANWEB.xlsx */
MC_DECLARE_FORMAT(hcpcs_txt);         /* HCPCyyyy_*_ANWEB fixed-width txt */
MC_DECLARE_FORMAT(rvu_csv);           /* PPRRVUyyyy_*.csv */
MC_DECLARE_FORMAT(rvu_txt);           /* PPRRVUyyyy_*.txt fixed width */
MC_DECLARE_FORMAT(nucc_csv);          /* nucc_taxonomy_NNN.csv */
MC_DECLARE_FORMAT(mue_csv);           /* CMS MCR_MUE_*.csv */
MC_DECLARE_FORMAT(mue_tsv);           /* reshaped MUE TSV (service type column) */
MC_DECLARE_FORMAT(aoc_xlsx);          /* AOC_VyyyyQn-MCR.xlsx */
MC_DECLARE_FORMAT(ptp_txt);           /* ccipra / ccioph tab-delimited txt */
MC_DECLARE_FORMAT(ptp_xlsx);          /* PTP edits as xlsx */
MC_DECLARE_FORMAT(cpt_ama);           /* AMA LONGULT/MEDU/SHORTU tab-delimited */
MC_DECLARE_FORMAT(cpt_consumer);      /* AMA consumer-friendly descriptors */
MC_DECLARE_FORMAT(codelist);          /* plain CSV/TSV code list */
MC_DECLARE_FORMAT(asp_crosswalk);     /* CMS ASP NDC-HCPCS crosswalk CSV */

#ifdef __cplusplus
}
#endif
#endif
