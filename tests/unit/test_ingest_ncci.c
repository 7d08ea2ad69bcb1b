/* NCCI parsers: add-on code edits (xlsx) and PTP edits (txt, xlsx), on
 * fixtures written for these tests and on the real 2026 Q2 AOC file when
 * $MEDCODE_DATA has it. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

typedef struct edit {
	char a[8], b[8], eff[12], del[12], extra[12], setting[16], rationale[80];
	int type, flag, mod;
	size_t line;
} edit;

typedef struct ncci_rec {
	edit *e;
	size_t n, cap;
	size_t releases;
	char stream[16], label[16], from[12], format[16];
	int system;
	size_t types[4];
} ncci_rec;

static edit *push(ncci_rec *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->e = realloc(r->e, r->cap * sizeof(*r->e));
		assert_non_null(r->e);
	}
	memset(&r->e[r->n], 0, sizeof(edit));
	return &r->e[r->n++];
}

static int on_release(const mc_rec_release *rel, void *p)
{
	ncci_rec *r = p;
	r->releases++;
	r->system = rel->system;
	snprintf(r->stream, sizeof(r->stream), "%s", rel->stream);
	snprintf(r->label, sizeof(r->label), "%s", rel->label);
	snprintf(r->from, sizeof(r->from), "%s", rel->effective_from);
	snprintf(r->format, sizeof(r->format), "%s", rel->format);
	return 0;
}

static int on_aoc(const mc_rec_aoc *a, void *p)
{
	ncci_rec *r = p;
	assert_int_equal(r->releases, 1);
	edit *e = push(r);
	snprintf(e->a, sizeof(e->a), "%s", a->addon);
	snprintf(e->b, sizeof(e->b), "%s", a->primary);
	snprintf(e->eff, sizeof(e->eff), "%s", a->effective);
	snprintf(e->del, sizeof(e->del), "%s", a->deleted);
	snprintf(e->extra, sizeof(e->extra), "%s", a->primary_deleted);
	snprintf(e->rationale, sizeof(e->rationale), "%s", a->notes ? a->notes : "");
	e->type = a->edit_type;
	e->line = a->line;
	if (a->edit_type >= 1 && a->edit_type <= 3)
		r->types[a->edit_type]++;
	assert_true(a->effective[0] == '\0' || mc_date_valid(a->effective));
	assert_true(a->deleted[0] == '\0' || mc_date_valid(a->deleted));
	return 0;
}

static int on_ptp(const mc_rec_ptp *t, void *p)
{
	ncci_rec *r = p;
	assert_int_equal(r->releases, 1);
	edit *e = push(r);
	snprintf(e->a, sizeof(e->a), "%s", t->column1);
	snprintf(e->b, sizeof(e->b), "%s", t->column2);
	snprintf(e->eff, sizeof(e->eff), "%s", t->effective);
	snprintf(e->del, sizeof(e->del), "%s", t->deleted);
	snprintf(e->setting, sizeof(e->setting), "%s", t->setting);
	snprintf(e->rationale, sizeof(e->rationale), "%s", t->rationale ? t->rationale : "");
	e->flag = t->prior_1996;
	e->mod = t->modifier_indicator;
	e->line = t->line;
	return 0;
}

static mc_sink ncci_sink(ncci_rec *r)
{
	memset(r, 0, sizeof(*r));
	mc_sink s;
	memset(&s, 0, sizeof(s));
	s.release = on_release;
	s.aoc = on_aoc;
	s.ptp = on_ptp;
	s.payload = r;
	return s;
}

static const edit *find(const ncci_rec *r, const char *a, const char *b)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->e[i].a, a) && (!b || !strcmp(r->e[i].b, b)))
			return &r->e[i];
	return NULL;
}

static size_t count_a(const ncci_rec *r, const char *a)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += !strcmp(r->e[i].a, a);
	return n;
}

static int with_file(const char *path, const char *name, int (*fn)(const mc_input *, void *),
		     void *arg)
{
	mc_map m;
	mc_error err;
	assert_int_equal(mc_map_file(&m, path, &err), 0);
	mc_input in = { name ? name : path, m.data, m.len };
	int rc = fn(&in, arg);
	mc_map_release(&m);
	return rc;
}

typedef struct call {
	mc_parse_fn parse;
	const mc_sink *sink;
	mc_error *err;
} call;

static int do_parse(const mc_input *in, void *arg)
{
	call *c = arg;
	return c->parse(in, c->sink, c->err);
}

static int do_detect(const mc_input *in, void *arg)
{
	const mc_detect_fn *fn = arg;
	return (*fn)(in);
}

static int detect(const char *path, mc_detect_fn fn)
{
	return with_file(path, NULL, do_detect, &fn);
}

static int parse_as(const char *path, const char *name, mc_parse_fn fn, const mc_sink *s,
		    mc_error *err)
{
	call c = { fn, s, err };
	return with_file(path, name, do_parse, &c);
}

/* ---- AOC ------------------------------------------------------------------ */

static void aoc_fixture(void **state)
{
	(void)state;
	ncci_rec r;
	mc_error err;
	mc_sink s = ncci_sink(&r);
	const char *path = th_fixture("ncci/AOC_V2025Q4-MCR_sample.xlsx");

	assert_true(detect(path, mc_detect_aoc_xlsx) >= 90);
	assert_int_equal(detect(path, mc_detect_hcpcs_xlsx), 0);
	assert_int_equal(detect(path, mc_detect_ptp_xlsx), 0);
	assert_int_equal(parse_as(path, NULL, mc_parse_aoc_xlsx, &s, &err), 0);
	assert_int_equal(r.releases, 1);
	assert_string_equal(r.stream, "aoc");
	assert_int_equal(r.system, MC_SYS_NONE);
	assert_string_equal(r.label, "2025Q4");
	assert_string_equal(r.from, "2025-10-01");
	assert_string_equal(r.format, "aoc_xlsx");
	assert_int_equal(r.n, 6);
	const edit *e = find(&r, "0054T", "CCCCC");
	assert_non_null(e);
	assert_int_equal(e->type, 2);
	assert_string_equal(e->eff, "2013-04-01");
	assert_string_equal(e->rationale, "Contractor Defined Primary Codes");
	assert_int_equal(e->line, 3);
	e = find(&r, "77002", "10022");
	assert_non_null(e);
	assert_string_equal(e->del, "2018-12-31");
	assert_string_equal(e->extra, "2018-12-31");
	e = find(&r, "37249", NULL);
	assert_string_equal(e->del, "");
	assert_int_equal(r.types[3], 1);
	free(r.e);

	/* No quarter in the name: latest AOC_Edit_EffDT decides. */
	s = ncci_sink(&r);
	assert_int_equal(parse_as(path, "aoc.xlsx", mc_parse_aoc_xlsx, &s, &err), 0);
	assert_string_equal(r.label, "2020Q1");
	assert_string_equal(r.from, "2020-01-01");
	free(r.e);
}

static void aoc_bad_input(void **state)
{
	(void)state;
	ncci_rec r;
	mc_error err;
	mc_sink s = ncci_sink(&r);
	assert_int_equal(parse_as(th_fixture("ncci/AOC_V2025Q4_bad_type.xlsx"), NULL,
				  mc_parse_aoc_xlsx, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "AOC_V2025Q4_bad_type.xlsx: row 5: expected AOC_Edit_Type"));
	free(r.e);

	/* A HCPCS workbook is not an AOC file, and says so by row. */
	s = ncci_sink(&r);
	assert_int_equal(parse_as(th_fixture("hcpcs/hcpcs_sample.xlsx"), NULL,
				  mc_parse_aoc_xlsx, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, ": row "));
	free(r.e);

	s = ncci_sink(&r);
	assert_int_equal(parse_as(th_fixture("hcpcs/hcpcs_truncated.xlsx"), "AOC_trunc.xlsx",
				  mc_parse_aoc_xlsx, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "AOC_trunc.xlsx"));
	free(r.e);
}

static void aoc_real_2026q2(void **state)
{
	(void)state;
	const char *path = th_data("ncci/AOC_V2026Q2-MCR.xlsx");
	if (!path)
		skip();
	ncci_rec r;
	mc_error err;
	mc_sink s = ncci_sink(&r);
	assert_true(detect(path, mc_detect_aoc_xlsx) >= 90);
	int rc = parse_as(path, NULL, mc_parse_aoc_xlsx, &s, &err);
	if (rc)
		fprintf(stderr, "%s\n", err.msg);
	assert_int_equal(rc, 0);
	assert_int_equal(r.n, 9000);
	assert_int_equal(r.types[1], 8293);
	assert_int_equal(r.types[2], 47);
	assert_int_equal(r.types[3], 660);
	assert_string_equal(r.label, "2026Q2");
	assert_string_equal(r.from, "2026-04-01");
	assert_int_equal(count_a(&r, "37249"), 1);
	const edit *e = find(&r, "37249", "37248");
	assert_non_null(e);
	assert_int_equal(e->type, 1);
	assert_string_equal(e->eff, "2017-01-01");
	static const char *const addons[] = { "34713", "34714", "34715", "34716", "34812" };
	for (size_t i = 0; i < 5; i++) {
		e = find(&r, addons[i], "34712");
		assert_non_null(e);
		assert_string_equal(e->eff, "2020-01-01");
	}
	assert_null(find(&r, "34712", NULL));
	assert_int_equal(count_a(&r, "77002"), 77);
	e = find(&r, "77002", "10022");
	assert_non_null(e);
	assert_string_equal(e->del, "2018-12-31");
	assert_non_null(find(&r, "99292", "99291"));
	free(r.e);
}

/* ---- PTP ------------------------------------------------------------------- */

static void ptp_txt_fixture(void **state)
{
	(void)state;
	ncci_rec r;
	mc_error err;
	mc_sink s = ncci_sink(&r);
	const char *path = th_fixture("ncci/ccipra-v321r0-f1-sample.txt");

	assert_true(detect(path, mc_detect_ptp_txt) >= 90);
	assert_int_equal(detect(path, mc_detect_hcpcs_txt), 0);
	assert_int_equal(parse_as(path, NULL, mc_parse_ptp_txt, &s, &err), 0);
	assert_string_equal(r.stream, "ptp");
	assert_string_equal(r.label, "v321r0");
	assert_string_equal(r.from, "2026-04-01");
	assert_int_equal(r.n, 4);
	const edit *e = find(&r, "0001U", "0111U");
	assert_non_null(e);
	assert_int_equal(e->line, 5);
	assert_int_equal(e->flag, 0);
	assert_int_equal(e->mod, 0);
	assert_string_equal(e->eff, "2024-01-01");
	assert_string_equal(e->del, "");
	assert_string_equal(e->setting, "practitioner");
	assert_string_equal(e->rationale, "Misuse of column two code with column one code");
	e = find(&r, "11042", "97597");
	assert_int_equal(e->flag, 1);
	assert_int_equal(e->mod, 9);
	assert_string_equal(e->del, "2001-12-31");
	free(r.e);

	/* Hospital by name; no version: quarter of the latest effective date. */
	s = ncci_sink(&r);
	assert_int_equal(parse_as(path, "ccioph-latest.txt", mc_parse_ptp_txt, &s, &err), 0);
	assert_string_equal(r.e[0].setting, "hospital");
	assert_string_equal(r.label, "2026Q2");
	assert_string_equal(r.from, "2026-04-01");
	free(r.e);
}

static void ptp_txt_truncated_line(void **state)
{
	(void)state;
	ncci_rec r;
	mc_error err;
	mc_sink s = ncci_sink(&r);
	assert_int_equal(parse_as(th_fixture("ncci/ccioph-sample-truncated.txt"), NULL,
				  mc_parse_ptp_txt, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "ccioph-sample-truncated.txt:7: expected 7 tab-separated fields"));
	free(r.e);

	struct { const char *text, *want; } bad[] = {
		{ "Column 1\tColumn 2\n10021\t10004\t\t2019013\t*\t1\tx\n", "bad.txt:2: expected the effective date" },
		{ "10021\t10004\t\t20190101\t*\t5\tx\n", "bad.txt:1: expected modifier indicator" },
		{ "10021\t10004\tX\t20190101\t*\t1\tx\n", "bad.txt:1: expected '*' or blank" },
		{ "10021\t10004\t\t20190101\t2019\t1\tx\n", "bad.txt:1: expected the deletion date" },
		{ "10021\t10004\t\t20190101\t*\t1\tx\nnot an edit\n", "bad.txt:2: expected 7" },
		{ "just a title\n", "bad.txt:1: expected PTP edit rows" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s = ncci_sink(&r);
		assert_int_equal(th_parse_str("bad.txt", bad[i].text, mc_parse_ptp_txt, &s, &err),
				 MC_EFORMAT);
		if (!strstr(err.msg, bad[i].want))
			fail_msg("got '%s', want '%s'", err.msg, bad[i].want);
		free(r.e);
	}
}

static void ptp_xlsx_fixture(void **state)
{
	(void)state;
	ncci_rec r;
	mc_error err;
	mc_sink s = ncci_sink(&r);
	const char *path = th_fixture("ncci/ptp_hospital_sample.xlsx");

	assert_true(detect(path, mc_detect_ptp_xlsx) >= 90);
	assert_int_equal(detect(path, mc_detect_aoc_xlsx), 0);
	assert_int_equal(detect(path, mc_detect_hcpcs_xlsx), 0);
	assert_int_equal(parse_as(path, NULL, mc_parse_ptp_xlsx, &s, &err), 0);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.format, "ptp_xlsx");
	assert_string_equal(r.label, "2026Q2");
	assert_string_equal(r.e[0].setting, "hospital");   /* from the title row */
	assert_int_equal(r.e[0].line, 4);
	assert_int_equal(find(&r, "10021", "10004")->mod, 1);
	free(r.e);

	s = ncci_sink(&r);
	assert_int_equal(parse_as(th_fixture("hcpcs/hcpcs_corrupt.xlsx"), "ptp.xlsx",
				  mc_parse_ptp_xlsx, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "ptp.xlsx"));
	free(r.e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(aoc_fixture),
		cmocka_unit_test(aoc_bad_input),
		cmocka_unit_test(aoc_real_2026q2),
		cmocka_unit_test(ptp_txt_fixture),
		cmocka_unit_test(ptp_txt_truncated_line),
		cmocka_unit_test(ptp_xlsx_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
