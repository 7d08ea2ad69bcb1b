/* NUCC provider taxonomy CSV parser. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "core/core.h"

static void check_code(const th_rec *rec, const char *code, const char *title_short,
		       const char *kind, const char *parent)
{
	const th_code *c = th_rec_find(rec, code);
	if (!c)
		fail_msg("code %s missing", code);
	assert_int_equal(c->system, MC_SYS_TAXONOMY);
	assert_int_equal(c->billable, -1);
	assert_string_equal(c->title_short, title_short);
	assert_string_equal(c->kind, kind);
	if (parent)
		assert_string_equal(c->parent, parent);
	else
		assert_null(c->parent);
}

typedef struct attr_cap {
	const char *want;
	char keys[8][32], values[8][96];
	size_t n;
} attr_cap;

static int cap_code(const mc_rec_code *c, void *p)
{
	attr_cap *a = p;
	if (strcmp(c->code, a->want) != 0)
		return 0;
	a->n = c->nattrs < 8 ? c->nattrs : 8;
	for (size_t i = 0; i < a->n; i++) {
		snprintf(a->keys[i], 32, "%s", c->attrs[i].key);
		snprintf(a->values[i], 96, "%s", c->attrs[i].value);
	}
	return 0;
}

static const char *attr(const attr_cap *a, const char *key)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->keys[i], key) == 0)
			return a->values[i];
	return NULL;
}

static void fixture(void **state)
{
	(void)state;
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	/* The release is read from the official name: parse a copy under it. */
	assert_int_equal(th_parse_file(th_fixture_as("nucc/taxonomy_sample.csv", "nucc_taxonomy_251.csv"),
				       mc_parse_nucc_csv, &s, &err), 0);
	assert_int_equal(rec.codes, 10);
	assert_int_equal(rec.releases, 1);
	assert_string_equal(rec.release_stream, "taxonomy");
	assert_string_equal(rec.release_label, "25.1");
	assert_string_equal(rec.release_from, "2025-07-01");
	check_code(&rec, "207R00000X", "Internal Medicine", "classification", NULL);
	check_code(&rec, "207RH0000X", "Hematology", "specialization", "207R00000X");
	check_code(&rec, "207RI0011X", "Interventional Cardiology", "specialization", "207R00000X");
	check_code(&rec, "2086S0129X", "Vascular Surgery", "specialization", "208600000X");
	/* The Radiology classification row is not in the fixture: no parent. */
	check_code(&rec, "2085R0204X", "Vascular & Interventional Radiology", "specialization", NULL);
	check_code(&rec, "213EG0000X", "General Practice", "specialization", "213E00000X");
	assert_string_equal(th_rec_find(&rec, "207RH0000X")->title_long,
			    "Hematology (Internal Medicine) Physician");
	th_rec_release(&rec);

	attr_cap a = { "207RH0000X", { { 0 } }, { { 0 } }, 0 };
	mc_sink as = { 0 };
	as.code = cap_code;
	as.payload = &a;
	assert_int_equal(th_parse_file(th_fixture("nucc/taxonomy_sample.csv"), mc_parse_nucc_csv, &as, &err), 0);
	assert_string_equal(attr(&a, "grouping"), "Allopathic & Osteopathic Physicians");
	assert_string_equal(attr(&a, "classification"), "Internal Medicine");
	assert_string_equal(attr(&a, "specialization"), "Hematology");
	assert_string_equal(attr(&a, "section"), "Individual");
	assert_non_null(attr(&a, "definition"));
	assert_non_null(attr(&a, "notes"));
}

static void real_file(void **state)
{
	(void)state;
	const char *path = th_data("nucc_taxonomy/nucc_taxonomy_251.csv");
	if (!path)
		skip();
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	assert_int_equal(th_parse_file(path, mc_parse_nucc_csv, &s, &err), 0);
	assert_int_equal(rec.codes, 883);
	assert_string_equal(rec.release_label, "25.1");
	assert_string_equal(rec.release_from, "2025-07-01");
	check_code(&rec, "207RH0000X", "Hematology", "specialization", "207R00000X");
	assert_string_equal(th_rec_find(&rec, "207RH0000X")->title_long,
			    "Hematology (Internal Medicine) Physician");
	assert_null(th_rec_find(&rec, "2080S0002X"));
	check_code(&rec, "2086S0129X", "Vascular Surgery", "specialization", "208600000X");
	check_code(&rec, "207RI0011X", "Interventional Cardiology", "specialization", "207R00000X");
	check_code(&rec, "2085R0204X", "Vascular & Interventional Radiology", "specialization", NULL);
	check_code(&rec, "213E00000X", "Podiatrist", "classification", NULL);
	assert_string_equal(th_rec_find(&rec, "213E00000X")->title_long, "Podiatrist");
	th_rec_release(&rec);
}

static void detect(void **state)
{
	(void)state;
	mc_map m;
	mc_error err;
	assert_int_equal(mc_map_file(&m, th_fixture("nucc/taxonomy_sample.csv"), &err), 0);
	mc_input in = { "upload.csv", m.data, m.len };
	const mc_format *f = mc_format_detect(&in);
	assert_non_null(f);
	assert_string_equal(f->name, "nucc_csv");
	assert_true(mc_detect_codelist(&in) < mc_detect_nucc_csv(&in));
	mc_map_release(&m);
}

static void expect_eformat(const char *name, const char *text, size_t len, const char *where)
{
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	mc_input in = { name, (const unsigned char *)text, len };
	assert_int_equal(mc_parse_nucc_csv(&in, &s, &err), MC_EFORMAT);
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
	assert_int_equal(mc_read_file(&buf, &len, th_fixture("nucc/taxonomy_sample.csv"), &err), 0);
	/* Cut inside the last row's quoted definition or notes. */
	const char *last = strstr(buf, "\r\n213EG0000X");
	assert_non_null(last);
	expect_eformat("cut.csv", buf, (size_t)(last - buf) + 60, "cut.csv:11:");
	char *row = strstr(buf, "\r\n207RH0000X");
	assert_non_null(row);
	memcpy(row + 2, "207RH000", 8);
	row[10] = ',';                  /* "207RH000,X": a short code */
	expect_eformat("bad.csv", buf, len, "bad.csv:");
	expect_eformat("hdr.csv", "Code,Name\n101Y00000X,x\n", 24, "hdr.csv:1:");
	mc_free(buf);
}

static void allocation_failures(void **state)
{
	(void)state;
	char *buf;
	size_t len;
	mc_error err;
	assert_int_equal(mc_read_file(&buf, &len, th_fixture("nucc/taxonomy_sample.csv"), &err), 0);
	mc_input in = { "nucc_taxonomy_251.csv", (const unsigned char *)buf, len };
	for (long n = 1; n < 80; n++) {
		th_rec rec;
		mc_sink s = th_rec_sink(&rec);
		mc_alloc_fail_after(n);
		int rc = mc_parse_nucc_csv(&in, &s, &err);
		mc_alloc_fail_after(-1);
		assert_true(rc == 0 || rc == MC_ENOMEM);
		th_rec_release(&rec);
	}
	mc_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixture),
		cmocka_unit_test(real_file),
		cmocka_unit_test(detect),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
