/* libFuzzer target: the NCCI parsers (add-on code xlsx, PTP txt and xlsx). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "AOC_V2026Q2-MCR.xlsx", mc_detect_aoc_xlsx, mc_parse_aoc_xlsx },
	{ "ccioph-v321r0-f1.txt", mc_detect_ptp_txt, mc_parse_ptp_txt },
	{ "fuzz.bin", mc_detect_ptp_txt, mc_parse_ptp_txt },
	{ "ccipra-v321r0-f1.xlsx", mc_detect_ptp_xlsx, mc_parse_ptp_xlsx })
