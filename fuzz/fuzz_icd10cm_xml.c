/* libFuzzer target: the ICD-10-CM XML parsers (tabular, index, tables). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "icd10cm_tabular_2026.xml", mc_detect_icd10cm_tabular, mc_parse_icd10cm_tabular },
	{ "icd10cm_index_2026.xml", mc_detect_icd10cm_index, mc_parse_icd10cm_index },
	{ "icd10cm_drug_2026.xml", mc_detect_icd10cm_table, mc_parse_icd10cm_table })
