/* libFuzzer entry: the plain code-list parser.  Runs every detector and parser of the
 * family on the bytes, under a sink that reads every string it is given. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "medcode/ingest.h"

static size_t touch(const char *s)
{
	return s ? strlen(s) : 0;
}

static int on_release(const mc_rec_release *r, void *p)
{
	*(size_t *)p += touch(r->stream) + touch(r->label) + touch(r->effective_from) + touch(r->format);
	return 0;
}

static int on_code(const mc_rec_code *c, void *p)
{
	size_t n = touch(c->code) + touch(c->title_short) + touch(c->title_long) +
		   touch(c->title_other) + touch(c->kind) + touch(c->parent) + touch(c->status) +
		   touch(c->valid_from) + touch(c->valid_to);
	for (size_t i = 0; i < c->nattrs; i++)
		n += touch(c->attrs[i].key) + touch(c->attrs[i].value);
	*(size_t *)p += n;
	return 0;
}

static int on_rvu(const mc_rec_rvu *r, void *p)
{
	for (int i = 0; i < MC_RVU_NFIELDS; i++)
		*(size_t *)p += touch(r->field[i]);
	return 0;
}

static int on_mue(const mc_rec_mue *m, void *p)
{
	*(size_t *)p += touch(m->code) + touch(m->service_type) + touch(m->mai_desc) +
			touch(m->rationale) + (size_t)m->mai;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *name;
		mc_detect_fn detect;
		mc_parse_fn parse;
	} runs[] = {
		{ "codes.csv", mc_detect_codelist, mc_parse_codelist },
		{ "icd10cm_fy2026.tsv", mc_detect_codelist, mc_parse_codelist },
	};
	size_t count = 0;
	mc_sink sink = { on_release, on_code, NULL, NULL, NULL, on_rvu, on_mue, NULL, NULL, &count };
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		mc_input in = { runs[i].name, data, size };
		mc_error err;
		int score = runs[i].detect(&in);
		if (score < 0 || score > 100)
			__builtin_trap();
		int rc = runs[i].parse(&in, &sink, &err);
		if (rc > 0)
			__builtin_trap();
	}
	return 0;
}
