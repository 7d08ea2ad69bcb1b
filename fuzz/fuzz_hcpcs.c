/* libFuzzer target: both HCPCS ANWEB parsers (xlsx and fixed-width txt). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "HCPC2025_OCT_ANWEB.xlsx", mc_detect_hcpcs_xlsx, mc_parse_hcpcs_xlsx },
	{ "fuzz.txt", mc_detect_hcpcs_txt, mc_parse_hcpcs_txt },
	{ "HCPC2025_OCT_ANWEB.txt", mc_detect_hcpcs_txt, mc_parse_hcpcs_txt })
