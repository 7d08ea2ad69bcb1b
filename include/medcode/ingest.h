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
#include "medcode/records.h"
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

/* ---- the sink: where a parser streams its records (medcode/records.h) - */

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
	int (*name)(const mc_rec_name *rec, void *payload);
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
MC_DECLARE_FORMAT(names_census1990);  /* Census 1990 dist.all.last, dist.*.first */
MC_DECLARE_FORMAT(names_census2010);  /* Census 2010 surnames: last_name,count */
MC_DECLARE_FORMAT(names_ssa);         /* SSA national baby names yobYYYY.txt */
MC_DECLARE_FORMAT(codelist);          /* plain CSV/TSV code list */
MC_DECLARE_FORMAT(asp_crosswalk);     /* CMS ASP NDC-HCPCS crosswalk CSV */

#ifdef __cplusplus
}
#endif
#endif
