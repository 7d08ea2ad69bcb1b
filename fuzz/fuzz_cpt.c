/* libFuzzer target: the AMA CPT data-file parsers (licensed layouts). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "2026/LONGULF.txt", mc_detect_cpt_ama, mc_parse_cpt_ama },
	{ "2026/MODUL.txt", mc_detect_cpt_ama, mc_parse_cpt_ama },
	{ "upload.txt", mc_detect_cpt_ama, mc_parse_cpt_ama },
	{ "2026/ConsumerDescriptor.txt", mc_detect_cpt_consumer, mc_parse_cpt_consumer })
