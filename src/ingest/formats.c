/* The table of import formats and content-based detection. */
#include <string.h>

#include "medcode/ingest.h"

#define F(id, sum) { #id, sum, mc_detect_##id, mc_parse_##id }

/* Order matters only for ties: more specific formats first. */
const mc_format mc_formats[] = {
	F(icd10cm_order, "ICD-10-CM order file, fixed width (icd10cm_order_YYYY.txt)"),
	F(icd10cm_tabular, "ICD-10-CM Tabular List XML (icd10cm_tabular_YYYY.xml)"),
	F(icd10cm_index, "ICD-10-CM Alphabetic Index or External Cause Index XML"),
	F(icd10cm_table, "ICD-10-CM Table of Drugs and Chemicals or Neoplasm Table XML"),
	F(icd10cm_hierarchy, "ICD-10-CM chapters, sections or categories CSV"),
	F(hcpcs_xlsx, "CMS HCPCS Level II ANWEB workbook (HCPCyyyy_*_ANWEB.xlsx)"),
	F(hcpcs_txt, "CMS HCPCS Level II ANWEB fixed-width text"),
	F(rvu_csv, "CMS PFS relative value file, CSV (PPRRVUyyyy_*.csv)"),
	F(rvu_txt, "CMS PFS relative value file, fixed width (PPRRVUyyyy_*.txt)"),
	F(nucc_csv, "NUCC health care provider taxonomy CSV"),
	F(mue_csv, "CMS NCCI MUE table, CSV as CMS ships it"),
	F(mue_tsv, "NCCI MUE table, TSV with a service-type column"),
	F(aoc_xlsx, "CMS NCCI add-on code edits workbook (AOC_*.xlsx)"),
	F(ptp_txt, "CMS NCCI PTP edits, tab-delimited text (ccipra/ccioph)"),
	F(ptp_xlsx, "CMS NCCI PTP edits workbook"),
	F(cpt_ama, "AMA CPT data file: LONGULT, MEDU or SHORTU (licensed)"),
	F(cpt_consumer, "AMA CPT consumer-friendly descriptors (licensed)"),
	F(asp_crosswalk, "CMS ASP NDC-HCPCS crosswalk for Part B drugs, CSV (Windows-1252)"),
	F(codelist, "plain code list, CSV or TSV with code and title columns"),
	{ NULL, NULL, NULL, NULL }
};

const mc_format *mc_format_detect(const mc_input *in)
{
	const mc_format *best = NULL;
	int best_score = 0;
	for (const mc_format *f = mc_formats; f->name; f++) {
		int s = f->detect(in);
		if (s > best_score) {
			best_score = s;
			best = f;
		}
	}
	return best;
}

const mc_format *mc_format_by_name(const char *name)
{
	for (const mc_format *f = mc_formats; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}
