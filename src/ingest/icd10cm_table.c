/* ICD-10-CM Table of Drugs and Chemicals and Neoplasm Table XML
 * (icd10cm_drug_YYYY.xml, icd10cm_neoplasm_YYYY.xml;
 * icd10cm_drug_neoplasm.xsd).
 *
 *   <ICD10CM.index>
 *     <version>2026</version>
 *     <indexHeading><head col="1">Substance</head>
 *       <head col="2">Poisoning Accidental (unintentional)</head> ...
 *     <letter><title>I</title>
 *       <mainTerm><title>Insulin<nemod>(amorphous) ...</nemod></title>
 *         <cell col="2">T38.3X1</cell> ... <term level="1">...</term>
 *
 * One mc_rec_index per non-empty cell (not "-" or "--"): path = the titles
 * from the mainTerm down joined by " > " (nonessential modifiers in
 * parentheses), code = the cell text as printed, column = the heading of
 * that column.  A term's <see> / <seeAlso> gives one more record without
 * a code.  The kind is MC_INDEX_NEOPLASM when the headings name a neoplasm
 * or malignant column, else MC_INDEX_DRUG (with no headings the file name
 * decides).
 *
 * The layout is that of the Alphabetic Index, so the walk itself lives in
 * icd_index.c (mc_icd10cm_index_walk, table mode), which also sends
 * the release ("FY<version>") and reports bad input as MC_EFORMAT
 * "NAME:LINE: ...".
 */
#include <stdbool.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/xml_util.h"

#define TABLE_SNIFF 4096

/* Internal, defined in icd_index.c. */

int mc_detect_icd10cm_table(const mc_input *in)
{
	size_t n = in->len < TABLE_SNIFF ? in->len : TABLE_SNIFF;
	const char *s = (const char *)in->data;
	if (!mc_memcasestr(s, n, "<ICD10CM.index"))
		return 0;
	if (!mc_memcasestr(s, n, "<indexHeading") && !mc_memcasestr(s, n, "<cell "))
		return 0;
	int score = 90;
	if (in->name && (mc_memcasestr(in->name, strlen(in->name), "drug") ||
			 mc_memcasestr(in->name, strlen(in->name), "neoplasm")))
		score += 3;
	return score;
}

int mc_parse_icd10cm_table(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	return mc_icd10cm_index_walk(in, sink, err, true);
}
