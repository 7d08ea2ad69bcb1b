/* libFuzzer target: the MUE parsers (CMS CSV and the reshaped TSV). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "MCR_MUE_PractitionerServices_Eff_10-01-2025.csv", mc_detect_mue_csv, mc_parse_mue_csv },
	{ "mue_2024q2.tsv", mc_detect_mue_tsv, mc_parse_mue_tsv })
