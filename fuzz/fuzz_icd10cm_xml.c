/* libFuzzer entry: the ICD-10-CM XML parsers (tabular, index, tables) on
 * the same bytes, each after its detector, with a sink that only counts. */
#include <stddef.h>
#include <stdint.h>

#include "medcode/ingest.h"

static size_t records;

static int on_release(const mc_rec_release *r, void *p) { (void)r; (void)p; records++; return 0; }
static int on_code(const mc_rec_code *r, void *p) { (void)r; (void)p; records++; return 0; }
static int on_note(const mc_rec_note *r, void *p) { (void)r; (void)p; records++; return 0; }
static int on_seventh(const mc_rec_seventh *r, void *p) { (void)r; (void)p; records++; return 0; }
static int on_index(const mc_rec_index *r, void *p) { (void)r; (void)p; records++; return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct { mc_detect_fn detect; mc_parse_fn parse; } fmts[] = {
		{ mc_detect_icd10cm_tabular, mc_parse_icd10cm_tabular },
		{ mc_detect_icd10cm_index, mc_parse_icd10cm_index },
		{ mc_detect_icd10cm_table, mc_parse_icd10cm_table },
	};
	mc_sink sink = { .release = on_release, .code = on_code, .note = on_note,
			 .seventh = on_seventh, .index = on_index };
	mc_input in = { "fuzz_icd10cm_2026.xml", data, size };
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		mc_error err;
		(void)fmts[i].detect(&in);
		(void)fmts[i].parse(&in, &sink, &err);
	}
	return 0;
}
