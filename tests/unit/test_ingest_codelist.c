/* Plain code-list parser (codelist). */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "core/core.h"

typedef struct cl_cap {
	size_t releases, codes;
	int rel_system;
	char stream[64], label[32], from[16];
	const char *want;
	char attrs[256];
	char title_short[64];
} cl_cap;

static int cap_release(const mc_rec_release *r, void *p)
{
	cl_cap *c = p;
	c->releases++;
	c->rel_system = r->system;
	snprintf(c->stream, sizeof(c->stream), "%s", r->stream);
	snprintf(c->label, sizeof(c->label), "%s", r->label);
	snprintf(c->from, sizeof(c->from), "%s", r->effective_from);
	return 0;
}

static int cap_code(const mc_rec_code *k, void *p)
{
	cl_cap *c = p;
	c->codes++;
	if (!c->want || strcmp(k->code, c->want) != 0)
		return 0;
	snprintf(c->title_short, sizeof(c->title_short), "%s", k->title_short ? k->title_short : "");
	size_t n = 0;
	for (size_t i = 0; i < k->nattrs; i++) {
		snprintf(c->attrs + n, sizeof(c->attrs) - n, "%s=%s;", k->attrs[i].key, k->attrs[i].value);
		n = strlen(c->attrs);
	}
	return 0;
}

static int parse_cap(const char *path, const char *want, cl_cap *c, mc_error *err)
{
	memset(c, 0, sizeof(*c));
	c->want = want;
	mc_sink s = { 0 };
	s.release = cap_release;
	s.code = cap_code;
	s.payload = c;
	return th_parse_file(path, mc_parse_codelist, &s, err);
}

static void icd_fixture(void **state)
{
	(void)state;
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	assert_int_equal(th_parse_file(th_fixture("codelist/icd10cm_fy2026_sample.tsv"),
				       mc_parse_codelist, &s, &err), 0);
	assert_int_equal(rec.codes, 4);
	assert_string_equal(rec.release_stream, "icd10cm");
	assert_string_equal(rec.release_label, "FY2026");
	assert_string_equal(rec.release_from, "2025-10-01");
	const th_code *c = th_rec_find(&rec, "E11");
	assert_non_null(c);
	assert_string_equal(c->kind, "category");
	assert_int_equal(c->billable, 0);
	c = th_rec_find(&rec, "E11.52");
	assert_non_null(c);
	assert_int_equal(c->system, MC_SYS_ICD10CM);
	assert_int_equal(c->billable, 1);
	assert_null(c->kind);
	assert_non_null(th_rec_find(&rec, "QA0.0101"));
	assert_null(th_rec_find(&rec, "E1152"));
	th_rec_release(&rec);

	cl_cap cap;
	assert_int_equal(parse_cap(th_fixture("codelist/icd10cm_fy2026_sample.tsv"), "E11.52", &cap, &err), 0);
	assert_string_equal(cap.attrs, "first_fy=2014;billable_first_fy=2014;billable_last_fy=2026;title_first_fy=2014;");
}

static void custom_lists(void **state)
{
	(void)state;
	cl_cap c;
	mc_error err;
	assert_int_equal(parse_cap(th_fixture("codelist/my_supplies.csv"), "J1100", &c, &err), 0);
	assert_int_equal(c.codes, 3);
	assert_int_equal(c.rel_system, MC_SYS_HCPCS);
	assert_string_equal(c.stream, "custom:my_supplies");
	assert_string_equal(c.label, "my_supplies");
	assert_string_equal(c.from, "");
	assert_string_equal(c.title_short, "Injection");
	assert_string_equal(c.attrs, "note=has \"quotes\";");

	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	assert_int_equal(th_parse_file(th_fixture("codelist/my_supplies.csv"), mc_parse_codelist, &s, &err), 0);
	assert_int_equal(th_rec_find(&rec, "A4216")->billable, 1);
	assert_int_equal(th_rec_find(&rec, "E0100")->billable, 0);
	assert_string_equal(th_rec_find(&rec, "J1100")->title_long, "Fixture injection text, 1 mg");
	th_rec_release(&rec);

	/* Code shape: dotted ICD-10-CM codes. */
	assert_int_equal(parse_cap(th_fixture("codelist/my_dx.csv"), NULL, &c, &err), 0);
	assert_int_equal(c.rel_system, MC_SYS_ICD10CM);
	assert_string_equal(c.stream, "custom:my_dx");
	assert_int_equal(c.codes, 2);

	/* Codes of no known system. */
	assert_int_equal(parse_cap(th_fixture("codelist/unknown_codes.csv"), NULL, &c, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "unknown_codes.csv:2:"));
}

static void real_file(void **state)
{
	(void)state;
	const char *path = th_data("icd10cm/icd10cm_fy2026_codes_titles_medicalcoder.tsv");
	if (!path)
		skip();
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	assert_int_equal(th_parse_file(path, mc_parse_codelist, &s, &err), 0);
	assert_int_equal(rec.codes, 98186);
	size_t billable = 0;
	for (size_t i = 0; i < rec.codes; i++)
		billable += rec.code[i].billable == 1;
	assert_int_equal(billable, 74719);
	assert_string_equal(rec.release_stream, "icd10cm");
	assert_string_equal(rec.release_label, "FY2026");
	assert_string_equal(rec.release_from, "2025-10-01");
	const th_code *c = th_rec_find(&rec, "E11.5");
	assert_non_null(c);
	assert_int_equal(c->billable, 0);
	assert_string_equal(c->title_long, "Type 2 diabetes mellitus with circulatory complications");
	c = th_rec_find(&rec, "E11.52");
	assert_non_null(c);
	assert_int_equal(c->billable, 1);
	assert_string_equal(th_rec_find(&rec, "I10")->title_long, "Essential (primary) hypertension");
	assert_string_equal(th_rec_find(&rec, "A00")->kind, "category");
	th_rec_release(&rec);
}

static void detect_stays_low(void **state)
{
	(void)state;
	static const char *const mine[] = {
		"codelist/icd10cm_fy2026_sample.tsv", "codelist/my_supplies.csv", "codelist/my_dx.csv",
	};
	for (size_t i = 0; i < sizeof(mine) / sizeof(mine[0]); i++) {
		mc_map m;
		mc_error err;
		assert_int_equal(mc_map_file(&m, th_fixture(mine[i]), &err), 0);
		mc_input in = { mine[i], m.data, m.len };
		assert_int_equal(mc_detect_codelist(&in), 20);
		assert_string_equal(mc_format_detect(&in)->name, "codelist");
		mc_map_release(&m);
	}
	/* Files of other formats: their own detector must beat the code list.
	 * (Called directly so the test links the real detectors.) */
	static const struct { const char *file; mc_detect_fn owner; } others[] = {
		{ "nucc/taxonomy_sample.csv", mc_detect_nucc_csv },
		{ "mue/mue_2024q2_sample.tsv", mc_detect_mue_tsv },
		{ "mue/MCR_MUE_PractitionerServices_Eff_10-01-2025.csv", mc_detect_mue_csv },
		{ "rvu/rvu_sample.csv", mc_detect_rvu_csv },
		{ "cpt/2026/ConsumerDescriptor.txt", mc_detect_cpt_consumer },
		{ "cpt/2026/LONGULT.txt", mc_detect_cpt_ama },
	};
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		mc_map m;
		mc_error err;
		assert_int_equal(mc_map_file(&m, th_fixture(others[i].file), &err), 0);
		mc_input in = { others[i].file, m.data, m.len };
		assert_true(mc_detect_codelist(&in) <= 20);
		assert_true(mc_detect_codelist(&in) < others[i].owner(&in));
		const mc_format *f = mc_format_detect(&in);
		assert_non_null(f);
		assert_string_not_equal(f->name, "codelist");
		mc_map_release(&m);
	}
}

static void expect_eformat(const char *name, const char *text, size_t len, const char *where)
{
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	mc_input in = { name, (const unsigned char *)text, len };
	assert_int_equal(mc_parse_codelist(&in, &s, &err), MC_EFORMAT);
	if (!strstr(err.msg, where))
		fail_msg("message '%s' does not name '%s'", err.msg, where);
	th_rec_release(&rec);
}

static void bad_input(void **state)
{
	(void)state;
	char *buf;
	size_t len;
	mc_error err;
	assert_int_equal(mc_read_file(&buf, &len, th_fixture("codelist/icd10cm_fy2026_sample.tsv"), &err), 0);
	/* Truncated: the last row lost its trailing columns. */
	expect_eformat("icd10cm_fy2026.tsv", buf, len - 16, "icd10cm_fy2026.tsv:5:");
	/* Corrupted billable flag on line 3. */
	char *row = strstr(buf, "\tE11.5\t0\t");
	assert_non_null(row);
	row[7] = '7';
	expect_eformat("icd10cm_fy2026.tsv", buf, len, "icd10cm_fy2026.tsv:3:");
	mc_free(buf);
	const char *nohdr = "foo,bar\n1,2\n";
	expect_eformat("list.csv", nohdr, strlen(nohdr), "list.csv:1:");
	const char *badcode = "code,title\nE11.9,ok\nE1@,bad\n";
	expect_eformat("icd10cm_list.csv", badcode, strlen(badcode), "icd10cm_list.csv:3:");
}

static void allocation_failures(void **state)
{
	(void)state;
	char *buf;
	size_t len;
	mc_error err;
	assert_int_equal(mc_read_file(&buf, &len, th_fixture("codelist/my_supplies.csv"), &err), 0);
	mc_input in = { "my_supplies.csv", (const unsigned char *)buf, len };
	for (long n = 1; n < 40; n++) {
		th_rec rec;
		mc_sink s = th_rec_sink(&rec);
		mc_alloc_fail_after(n);
		int rc = mc_parse_codelist(&in, &s, &err);
		mc_alloc_fail_after(-1);
		assert_true(rc == 0 || rc == MC_ENOMEM);
		th_rec_release(&rec);
	}
	mc_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(icd_fixture),
		cmocka_unit_test(custom_lists),
		cmocka_unit_test(real_file),
		cmocka_unit_test(detect_stays_low),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
