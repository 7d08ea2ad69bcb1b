/* libFuzzer target: the ICD-10-CM text parsers (order file, hierarchy CSVs). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "icd10cm_order_2026.txt", mc_detect_icd10cm_order, mc_parse_icd10cm_order },
	{ "icd10cm-sections-April-1-2026.csv", mc_detect_icd10cm_hierarchy, mc_parse_icd10cm_hierarchy })
