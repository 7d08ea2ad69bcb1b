/* libFuzzer target: the plain code-list parser (CSV and TSV). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "codes.csv", mc_detect_codelist, mc_parse_codelist },
	{ "icd10cm_fy2026.tsv", mc_detect_codelist, mc_parse_codelist })
