/* libFuzzer target: both HCPCS ANWEB parsers (xlsx and fixed-width txt),
 * detect + parse, into a sink that only counts. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "medcode/ingest.h"

typedef struct counts {
	size_t releases, codes, attrs;
} counts;

static int on_release(const mc_rec_release *r, void *p)
{
	counts *c = p;
	c->releases += strlen(r->label) + strlen(r->effective_from) > 0;
	return 0;
}

static int on_code(const mc_rec_code *r, void *p)
{
	counts *c = p;
	c->codes += strlen(r->code) > 0;
	for (size_t i = 0; i < r->nattrs; i++)
		c->attrs += strlen(r->attrs[i].key) + strlen(r->attrs[i].value) > 0;
	if (r->title_long)
		c->attrs += strlen(r->title_long) > 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "fuzz.txt", "HCPC2025_OCT_ANWEB.txt" };
	counts c;
	mc_sink sink;
	mc_error err;

	memset(&sink, 0, sizeof(sink));
	sink.release = on_release;
	sink.code = on_code;
	sink.payload = &c;
	for (size_t i = 0; i < 2; i++) {
		mc_input in = { names[(size & 1) ^ i], data, size };
		memset(&c, 0, sizeof(c));
		if (i == 0) {
			(void)mc_detect_hcpcs_xlsx(&in);
			(void)mc_parse_hcpcs_xlsx(&in, &sink, &err);
		} else {
			(void)mc_detect_hcpcs_txt(&in);
			(void)mc_parse_hcpcs_txt(&in, &sink, &err);
		}
	}
	return 0;
}
