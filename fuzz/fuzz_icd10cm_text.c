/* libFuzzer entry: the ICD-10-CM text parsers (order file, hierarchy CSVs)
 * on the same bytes, each after its detector, with a sink that only counts. */
#include <stddef.h>
#include <stdint.h>

#include "medcode/ingest.h"

static size_t records;

static int on_release(const mc_rec_release *r, void *p) { (void)r; (void)p; records++; return 0; }
static int on_code(const mc_rec_code *r, void *p) { (void)r; (void)p; records++; return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct { mc_detect_fn detect; mc_parse_fn parse; } fmts[] = {
		{ mc_detect_icd10cm_order, mc_parse_icd10cm_order },
		{ mc_detect_icd10cm_hierarchy, mc_parse_icd10cm_hierarchy },
	};
	mc_sink sink = { .release = on_release, .code = on_code };
	mc_input in = { "icd10cm-sections-April-1-2026.csv", data, size };
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		mc_error err;
		(void)fmts[i].detect(&in);
		(void)fmts[i].parse(&in, &sink, &err);
	}
	return 0;
}
