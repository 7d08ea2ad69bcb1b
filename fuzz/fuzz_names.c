/* libFuzzer target: the name-frequency list parsers (Census 1990 fixed
 * width, Census 2010 surnames CSV, SSA baby names). */
#include "fuzz_sink.h"

FUZZ_FORMATS(
	{ "dist.all.last", mc_detect_names_census1990, mc_parse_names_census1990 },
	{ "dist.female.first", mc_detect_names_census1990, mc_parse_names_census1990 },
	{ "last-name.csv", mc_detect_names_census2010, mc_parse_names_census2010 },
	{ "yob2020.txt", mc_detect_names_ssa, mc_parse_names_ssa })
