/* MUE parsers: CMS CSV (mue_csv) and the reshaped TSV (mue_tsv). */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "core/core.h"

typedef struct mue_row {
	char code[8], service[32], mai_desc[64], rationale[64];
	long units;
	int mai;
} mue_row;

typedef struct mue_cap {
	size_t releases, rows;
	char stream[16], label[16], from[16];
	mue_row got[8];
	size_t ngot;
} mue_cap;

static int cap_release(const mc_rec_release *r, void *p)
{
	mue_cap *c = p;
	c->releases++;
	assert_int_equal(r->system, MC_SYS_NONE);
	snprintf(c->stream, sizeof(c->stream), "%s", r->stream);
	snprintf(c->label, sizeof(c->label), "%s", r->label);
	snprintf(c->from, sizeof(c->from), "%s", r->effective_from);
	return 0;
}

static int cap_mue(const mc_rec_mue *m, void *p)
{
	mue_cap *c = p;
	c->rows++;
	assert_int_equal(c->releases, 1);
	if (strcmp(m->code, "34712") && strcmp(m->code, "37249") && strcmp(m->code, "77002"))
		return 0;
	if (c->ngot == 8)
		return 0;
	mue_row *r = &c->got[c->ngot++];
	snprintf(r->code, sizeof(r->code), "%s", m->code);
	snprintf(r->service, sizeof(r->service), "%s", m->service_type);
	snprintf(r->mai_desc, sizeof(r->mai_desc), "%s", m->mai_desc ? m->mai_desc : "");
	snprintf(r->rationale, sizeof(r->rationale), "%s", m->rationale ? m->rationale : "");
	r->units = m->units;
	r->mai = m->mai;
	return 0;
}

static mc_sink cap_sink(mue_cap *c)
{
	memset(c, 0, sizeof(*c));
	mc_sink s = { 0 };
	s.release = cap_release;
	s.mue = cap_mue;
	s.payload = c;
	return s;
}

static const mue_row *find(const mue_cap *c, const char *code, const char *service)
{
	for (size_t i = 0; i < c->ngot; i++)
		if (strcmp(c->got[i].code, code) == 0 && strcmp(c->got[i].service, service) == 0)
			return &c->got[i];
	fail_msg("no MUE for %s %s", code, service);
	return NULL;
}

static void csv_practitioner(void **state)
{
	(void)state;
	mue_cap c;
	mc_sink s = cap_sink(&c);
	mc_error err;
	assert_int_equal(th_parse_file(th_fixture("mue/MCR_MUE_PractitionerServices_Eff_10-01-2025.csv"),
				       mc_parse_mue_csv, &s, &err), 0);
	assert_int_equal(c.rows, 6);
	assert_string_equal(c.stream, "mue");
	assert_string_equal(c.label, "2025Q4");
	assert_string_equal(c.from, "2025-10-01");
	const mue_row *r = find(&c, "34712", "Practitioner");
	assert_int_equal(r->units, 1);
	assert_int_equal(r->mai, 2);
	assert_string_equal(r->mai_desc, "Date of Service Edit: Policy");
	assert_string_equal(r->rationale, "Code Descriptor / CPT Instruction");
	r = find(&c, "37249", "Practitioner");
	assert_int_equal(r->units, 3);
	assert_int_equal(r->mai, 3);
	assert_string_equal(r->rationale, "Clinical: Data");
}

static void csv_other_types(void **state)
{
	(void)state;
	mue_cap c;
	mc_sink s = cap_sink(&c);
	mc_error err;
	assert_int_equal(th_parse_file(th_fixture("mue/MCR_MUE_OutpatientHospitalServices_Eff_10-01-2025.csv"),
				       mc_parse_mue_csv, &s, &err), 0);
	assert_int_equal(c.rows, 2);
	assert_string_equal(find(&c, "77002", "Outpatient Hospital")->rationale, "Clinical: Data");
	s = cap_sink(&c);
	assert_int_equal(th_parse_file(th_fixture("mue/MCR_MUE_DMESupplierServices_Eff_04-01-2026.csv"),
				       mc_parse_mue_csv, &s, &err), 0);
	assert_int_equal(c.rows, 2);
	assert_string_equal(c.label, "2026Q2");
	assert_string_equal(c.from, "2026-04-01");
}

static void tsv_fixture(void **state)
{
	(void)state;
	mue_cap c;
	mc_sink s = cap_sink(&c);
	mc_error err;
	assert_int_equal(th_parse_file(th_fixture("mue/mue_2024q2_sample.tsv"), mc_parse_mue_tsv, &s, &err), 0);
	assert_int_equal(c.rows, 4);
	assert_string_equal(c.label, "2024Q2");
	assert_string_equal(c.from, "2024-04-01");
	assert_string_equal(find(&c, "77002", "Outpatient Hospital")->rationale, "Clinical: Data");
}

static void tsv_real(void **state)
{
	(void)state;
	const char *path = th_data("ncci/mue_2024q2_all_types_from_northstar.tsv");
	if (!path)
		skip();
	mue_cap c;
	mc_sink s = cap_sink(&c);
	mc_error err;
	assert_int_equal(th_parse_file(path, mc_parse_mue_tsv, &s, &err), 0);
	assert_int_equal(c.rows, 32202);
	assert_string_equal(c.stream, "mue");
	assert_string_equal(c.label, "2024Q2");
	assert_string_equal(c.from, "2024-04-01");
	const mue_row *r = find(&c, "34712", "Practitioner");
	assert_int_equal(r->units, 1);
	assert_int_equal(r->mai, 2);
	assert_string_equal(r->rationale, "Code Descriptor / CPT Instruction");
	r = find(&c, "37249", "Practitioner");
	assert_int_equal(r->units, 3);
	assert_int_equal(r->mai, 3);
	assert_string_equal(r->rationale, "Clinical: Data");
	r = find(&c, "77002", "Practitioner");
	assert_string_equal(r->rationale, "CMS Policy");
	r = find(&c, "77002", "Outpatient Hospital");
	assert_int_equal(r->units, 1);
	assert_int_equal(r->mai, 3);
	assert_string_equal(r->rationale, "Clinical: Data");
}

static void detect(void **state)
{
	(void)state;
	const char *files[] = { "mue/MCR_MUE_PractitionerServices_Eff_10-01-2025.csv",
				"mue/mue_2024q2_sample.tsv" };
	const char *want[] = { "mue_csv", "mue_tsv" };
	for (int i = 0; i < 2; i++) {
		mc_map m;
		mc_error err;
		assert_int_equal(mc_map_file(&m, th_fixture(files[i]), &err), 0);
		mc_input in = { "upload", m.data, m.len };
		const mc_format *f = mc_format_detect(&in);
		assert_non_null(f);
		assert_string_equal(f->name, want[i]);
		assert_int_equal(mc_detect_codelist(&in), 0);
		mc_map_release(&m);
	}
}

static void expect_eformat(mc_parse_fn parse, const char *name, const char *text, size_t len,
			   const char *where)
{
	mue_cap c;
	mc_sink s = cap_sink(&c);
	mc_error err;
	mc_input in = { name, (const unsigned char *)text, len };
	assert_int_equal(parse(&in, &s, &err), MC_EFORMAT);
	if (!strstr(err.msg, where))
		fail_msg("message '%s' does not name '%s'", err.msg, where);
}

static void bad_input(void **state)
{
	(void)state;
	char *buf;
	size_t len;
	mc_error err;
	assert_int_equal(mc_read_file(&buf, &len, th_fixture("mue/MCR_MUE_PractitionerServices_Eff_10-01-2025.csv"), &err), 0);
	/* Cut inside the quoted rationale of the last row (line 12). */
	expect_eformat(mc_parse_mue_csv, "cut.csv", buf, len - 10, "cut.csv:12:");
	char *row = strstr(buf, "\"37249\",\"3\"");
	assert_non_null(row);
	row[9] = 'x';                   /* units "x" */
	expect_eformat(mc_parse_mue_csv, "bad.csv", buf, len, "bad.csv:9:");
	mc_free(buf);
	const char *nohdr = "\"copyright\"\n\"99213\",\"2\",\"3 x\",\"y\"\n";
	expect_eformat(mc_parse_mue_csv, "nohdr.csv", nohdr, strlen(nohdr), "nohdr.csv:");

	assert_int_equal(mc_read_file(&buf, &len, th_fixture("mue/mue_2024q2_sample.tsv"), &err), 0);
	expect_eformat(mc_parse_mue_tsv, "cut.tsv", buf, len - 30, "cut.tsv:5:");
	row = strstr(buf, "\t37249\t3\t3");
	assert_non_null(row);
	row[9] = '7';                   /* MAI 7 */
	expect_eformat(mc_parse_mue_tsv, "bad.tsv", buf, len, "bad.tsv:3:");
	mc_free(buf);
}

static void allocation_failures(void **state)
{
	(void)state;
	const char *files[] = { "mue/MCR_MUE_PractitionerServices_Eff_10-01-2025.csv",
				"mue/mue_2024q2_sample.tsv" };
	mc_parse_fn parse[] = { mc_parse_mue_csv, mc_parse_mue_tsv };
	for (int i = 0; i < 2; i++) {
		char *buf;
		size_t len;
		mc_error err;
		assert_int_equal(mc_read_file(&buf, &len, th_fixture(files[i]), &err), 0);
		mc_input in = { files[i], (const unsigned char *)buf, len };
		for (long n = 1; n < 40; n++) {
			mue_cap c;
			mc_sink s = cap_sink(&c);
			mc_alloc_fail_after(n);
			int rc = parse[i](&in, &s, &err);
			mc_alloc_fail_after(-1);
			assert_true(rc == 0 || rc == MC_ENOMEM);
		}
		mc_free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_practitioner),
		cmocka_unit_test(csv_other_types),
		cmocka_unit_test(tsv_fixture),
		cmocka_unit_test(tsv_real),
		cmocka_unit_test(detect),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
