/* libFuzzer target: the CMS ASP NDC-HCPCS crosswalk parser (Windows-1252
 * or UTF-8 CSV with banner rows). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "asp_ndc_hcpcs_crosswalk_2025q4.csv", mc_detect_asp_crosswalk, mc_parse_asp_crosswalk },
	{ "October 2025 ASP NDC-HCPCS Crosswalk.csv", mc_detect_asp_crosswalk, mc_parse_asp_crosswalk })
