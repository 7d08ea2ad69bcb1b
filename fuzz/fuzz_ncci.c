/* libFuzzer target: the NCCI parsers (AOC xlsx, PTP txt and xlsx), detect
 * + parse, into a sink that only counts. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "medcode/ingest.h"

typedef struct counts {
	size_t releases, aoc, ptp;
} counts;

static int on_release(const mc_rec_release *r, void *p)
{
	counts *c = p;
	c->releases += strlen(r->label) + strlen(r->effective_from) > 0;
	return 0;
}

static int on_aoc(const mc_rec_aoc *r, void *p)
{
	counts *c = p;
	c->aoc += strlen(r->addon) + strlen(r->primary) + strlen(r->effective) +
		  strlen(r->deleted) + (r->notes ? strlen(r->notes) : 0) > 0;
	return 0;
}

static int on_ptp(const mc_rec_ptp *r, void *p)
{
	counts *c = p;
	c->ptp += strlen(r->column1) + strlen(r->column2) + strlen(r->deleted) +
		  (r->rationale ? strlen(r->rationale) : 0) + strlen(r->setting) > 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	counts c;
	mc_sink sink;
	mc_error err;
	mc_input in = { (size & 1) ? "ccioph-v321r0-f1.txt" : "fuzz.bin", data, size };

	memset(&c, 0, sizeof(c));
	memset(&sink, 0, sizeof(sink));
	sink.release = on_release;
	sink.aoc = on_aoc;
	sink.ptp = on_ptp;
	sink.payload = &c;
	(void)mc_detect_aoc_xlsx(&in);
	(void)mc_parse_aoc_xlsx(&in, &sink, &err);
	(void)mc_detect_ptp_txt(&in);
	(void)mc_parse_ptp_txt(&in, &sink, &err);
	(void)mc_detect_ptp_xlsx(&in);
	(void)mc_parse_ptp_xlsx(&in, &sink, &err);
	return 0;
}
