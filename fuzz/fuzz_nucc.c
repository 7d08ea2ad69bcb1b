/* libFuzzer target: the NUCC taxonomy CSV parser. */
#include "fuzz_sink.h"

FUZZ_FORMATS({ "nucc_taxonomy_251.csv", mc_detect_nucc_csv, mc_parse_nucc_csv })
