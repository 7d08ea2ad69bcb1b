/* Shared harness for the parser fuzz targets: a sink that reads every
 * string of every record (so a dangling or unterminated one is caught by
 * ASan), and a runner that feeds the same bytes to each format under a few
 * file names and traps on a broken contract (a detector score outside
 * 0..100, a positive return code, or success with an error code set). */
#ifndef MC_FUZZ_SINK_H
#define MC_FUZZ_SINK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "medcode/ingest.h"

typedef struct fuzz_format {
	const char *name;        /* file name the parser sees */
	mc_detect_fn detect;
	mc_parse_fn parse;
} fuzz_format;

static size_t fuzz_touch(const char *s)
{
	return s ? strlen(s) : 0;
}

static int fuzz_on_release(const mc_rec_release *r, void *p)
{
	*(size_t *)p += fuzz_touch(r->stream) + fuzz_touch(r->label) +
			fuzz_touch(r->effective_from) + fuzz_touch(r->format);
	return 0;
}

static int fuzz_on_code(const mc_rec_code *c, void *p)
{
	size_t n = fuzz_touch(c->code) + fuzz_touch(c->title_short) + fuzz_touch(c->title_long) +
		   fuzz_touch(c->title_other) + fuzz_touch(c->kind) + fuzz_touch(c->parent) +
		   fuzz_touch(c->status) + fuzz_touch(c->valid_from) + fuzz_touch(c->valid_to);
	for (size_t i = 0; i < c->nattrs; i++)
		n += fuzz_touch(c->attrs[i].key) + fuzz_touch(c->attrs[i].value);
	*(size_t *)p += n;
	return 0;
}

static int fuzz_on_note(const mc_rec_note *r, void *p)
{
	*(size_t *)p += fuzz_touch(r->code) + fuzz_touch(r->text) + (size_t)r->kind;
	return 0;
}

static int fuzz_on_seventh(const mc_rec_seventh *r, void *p)
{
	*(size_t *)p += fuzz_touch(r->code) + fuzz_touch(r->character) + fuzz_touch(r->meaning);
	return 0;
}

static int fuzz_on_index(const mc_rec_index *r, void *p)
{
	*(size_t *)p += fuzz_touch(r->path) + fuzz_touch(r->code) + fuzz_touch(r->column) +
			fuzz_touch(r->see) + fuzz_touch(r->see_also);
	return 0;
}

static int fuzz_on_rvu(const mc_rec_rvu *r, void *p)
{
	for (int i = 0; i < MC_RVU_NFIELDS; i++)
		*(size_t *)p += fuzz_touch(r->field[i]);
	return 0;
}

static int fuzz_on_mue(const mc_rec_mue *m, void *p)
{
	*(size_t *)p += fuzz_touch(m->code) + fuzz_touch(m->service_type) +
			fuzz_touch(m->mai_desc) + fuzz_touch(m->rationale) + (size_t)m->mai;
	return 0;
}

static int fuzz_on_aoc(const mc_rec_aoc *r, void *p)
{
	*(size_t *)p += fuzz_touch(r->addon) + fuzz_touch(r->primary) + fuzz_touch(r->addon_deleted) +
			fuzz_touch(r->primary_deleted) + fuzz_touch(r->effective) +
			fuzz_touch(r->deleted) + fuzz_touch(r->notes);
	return 0;
}

static int fuzz_on_ptp(const mc_rec_ptp *r, void *p)
{
	*(size_t *)p += fuzz_touch(r->column1) + fuzz_touch(r->column2) + fuzz_touch(r->effective) +
			fuzz_touch(r->deleted) + fuzz_touch(r->rationale) + fuzz_touch(r->setting);
	return 0;
}

static int fuzz_on_drug(const mc_rec_drug *r, void *p)
{
	*(size_t *)p += fuzz_touch(r->hcpcs) + fuzz_touch(r->short_desc) + fuzz_touch(r->labeler) +
			fuzz_touch(r->ndc) + fuzz_touch(r->drug_name) + fuzz_touch(r->dosage) +
			fuzz_touch(r->pkg_size) + fuzz_touch(r->pkg_qty) + fuzz_touch(r->bill_units) +
			fuzz_touch(r->bill_units_pkg);
	return 0;
}

/* Run every format on data; returns 0 (libFuzzer's convention). */
static int fuzz_run_formats(const fuzz_format *fmts, size_t n, const uint8_t *data, size_t size)
{
	size_t touched = 0;
	mc_sink sink = { fuzz_on_release, fuzz_on_code, fuzz_on_note, fuzz_on_seventh,
			 fuzz_on_index, fuzz_on_rvu, fuzz_on_mue, fuzz_on_aoc, fuzz_on_ptp, &touched,
			 fuzz_on_drug };
	for (size_t i = 0; i < n; i++) {
		mc_input in = { fmts[i].name, data, size };
		int score = fmts[i].detect(&in);
		if (score < 0 || score > 100)
			__builtin_trap();
		mc_error err;
		mc_error_clear(&err);
		int rc = fmts[i].parse(&in, &sink, &err);
		if (rc > 0 || (rc < 0 && err.code == MC_OK && rc != MC_ESTOP))
			__builtin_trap();
	}
	return 0;
}

#define FUZZ_FORMATS(...)                                                          \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);              \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)               \
	{                                                                          \
		static const fuzz_format fmts[] = { __VA_ARGS__ };                 \
		return fuzz_run_formats(fmts, sizeof(fmts) / sizeof(fmts[0]), data, size); \
	}

#endif
