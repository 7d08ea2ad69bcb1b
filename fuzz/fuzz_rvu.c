/* libFuzzer target: the PFS relative value file parsers (CSV, fixed width). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "PPRRVU2025_Oct.csv", mc_detect_rvu_csv, mc_parse_rvu_csv },
	{ "rvu25d/PPRRVU2025_Oct.txt", mc_detect_rvu_txt, mc_parse_rvu_txt })
