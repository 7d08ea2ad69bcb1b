/* PFS relative value file parsers: rvu_csv and rvu_txt. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

typedef struct rvu_cap {
	size_t rvu, codes, releases;
	char stream[4][32], label[4][32], from[4][16];
	int system[4];
	const char *want;               /* HCPCS whose rows are kept */
	size_t nwant;
	char row[4][MC_RVU_NFIELDS][64];
	char code_title[64];
	int code_system, code_billable;
	char code_source[16];
	size_t code_count_want;
} rvu_cap;

static int cap_release(const mc_rec_release *r, void *p)
{
	rvu_cap *c = p;
	if (c->releases < 4) {
		snprintf(c->stream[c->releases], 32, "%s", r->stream);
		snprintf(c->label[c->releases], 32, "%s", r->label);
		snprintf(c->from[c->releases], 16, "%s", r->effective_from);
		c->system[c->releases] = r->system;
	}
	c->releases++;
	return 0;
}

static int cap_rvu(const mc_rec_rvu *r, void *p)
{
	rvu_cap *c = p;
	c->rvu++;
	assert_true(c->releases >= 1);
	if (c->want && strcmp(r->field[MC_RVU_HCPCS], c->want) == 0 && c->nwant < 4) {
		for (int i = 0; i < MC_RVU_NFIELDS; i++)
			snprintf(c->row[c->nwant][i], 64, "%s", r->field[i]);
		c->nwant++;
	}
	return 0;
}

static int cap_code(const mc_rec_code *k, void *p)
{
	rvu_cap *c = p;
	c->codes++;
	assert_true(c->releases >= 2);
	if (c->want && strcmp(k->code, c->want) == 0) {
		c->code_count_want++;
		snprintf(c->code_title, sizeof(c->code_title), "%s", k->title_short ? k->title_short : "");
		c->code_system = k->system;
		c->code_billable = k->billable;
		assert_int_equal(k->nattrs, 1);
		snprintf(c->code_source, sizeof(c->code_source), "%s=%s", k->attrs[0].key, k->attrs[0].value);
	}
	return 0;
}

static mc_sink cap_sink(rvu_cap *c, const char *want)
{
	memset(c, 0, sizeof(*c));
	c->want = want;
	mc_sink s = { cap_release, cap_code, NULL, NULL, NULL, cap_rvu, NULL, NULL, NULL, c, NULL };
	return s;
}

static void assert_34712(char f[MC_RVU_NFIELDS][64])
{
	assert_string_equal(f[MC_RVU_MOD], "");
	assert_string_equal(f[MC_RVU_STATUS], "A");
	assert_string_equal(f[MC_RVU_WORK], "12.00");
	assert_string_equal(f[MC_RVU_NONFAC_NA], "NA");
	assert_string_equal(f[MC_RVU_PCTC], "0");
	assert_string_equal(f[MC_RVU_GLOBAL], "090");
	assert_string_equal(f[MC_RVU_PRE_OP], "0.09");
	assert_string_equal(f[MC_RVU_MULT_PROC], "2");
	assert_string_equal(f[MC_RVU_BILAT], "0");
	assert_string_equal(f[MC_RVU_ASST], "2");
	assert_string_equal(f[MC_RVU_CO_SURG], "2");
	assert_string_equal(f[MC_RVU_TEAM], "0");
	assert_string_equal(f[MC_RVU_ENDO_BASE], "");
	assert_string_equal(f[MC_RVU_CONV_FACTOR], "32.3465");
	assert_string_equal(f[MC_RVU_IMAGING_FAMILY], "99");
	assert_string_equal(f[MC_RVU_OPPS_MP], "0.00");
}

static void assert_0620t(char f[MC_RVU_NFIELDS][64])
{
	assert_string_equal(f[MC_RVU_STATUS], "C");
	assert_string_equal(f[MC_RVU_WORK], "0.00");
	assert_string_equal(f[MC_RVU_PCTC], "0");
	assert_string_equal(f[MC_RVU_GLOBAL], "YYY");
	assert_string_equal(f[MC_RVU_MULT_PROC], "2");
	assert_string_equal(f[MC_RVU_BILAT], "1");
	assert_string_equal(f[MC_RVU_ASST], "0");
	assert_string_equal(f[MC_RVU_CO_SURG], "0");
	assert_string_equal(f[MC_RVU_TEAM], "0");
	assert_string_equal(f[MC_RVU_PHYS_SUPERVISION], "09");
}

static void check_releases(const rvu_cap *c)
{
	assert_int_equal(c->releases, 2);
	assert_string_equal(c->stream[0], "rvu");
	assert_int_equal(c->system[0], MC_SYS_NONE);
	assert_string_equal(c->stream[1], "cpt-pfs");
	assert_int_equal(c->system[1], MC_SYS_CPT);
	for (int i = 0; i < 2; i++) {
		assert_string_equal(c->label[i], "RVU25D");
		assert_string_equal(c->from[i], "2025-10-01");
	}
}

/* Parse fixture rel as a file named name (the release is read from it). */
static void run_fixture(const char *rel, const char *name, mc_parse_fn parse)
{
	rvu_cap c;
	mc_error err;
	char path[4096];
	snprintf(path, sizeof(path), "%s", th_fixture_as(rel, name));
	mc_sink s = cap_sink(&c, "34712");
	assert_int_equal(th_parse_file(path, parse, &s, &err), 0);
	assert_int_equal(c.rvu, 9);
	assert_int_equal(c.codes, 5);   /* 0620T 34712 37249 71046 77002; not G0008, J1100 */
	check_releases(&c);
	assert_int_equal(c.nwant, 1);
	assert_34712(c.row[0]);
	assert_int_equal(c.code_count_want, 1);
	assert_string_equal(c.code_title, "Made-up endovascular text");
	assert_int_equal(c.code_system, MC_SYS_CPT);
	assert_int_equal(c.code_billable, -1);
	assert_string_equal(c.code_source, "source=pfs");

	s = cap_sink(&c, "77002");
	assert_int_equal(th_parse_file(path, parse, &s, &err), 0);
	assert_int_equal(c.nwant, 3);
	assert_string_equal(c.row[0][MC_RVU_MOD], "");
	assert_string_equal(c.row[1][MC_RVU_MOD], "26");
	assert_string_equal(c.row[2][MC_RVU_MOD], "TC");
	assert_string_equal(c.row[0][MC_RVU_PCTC], "1");
	assert_string_equal(c.row[0][MC_RVU_GLOBAL], "ZZZ");
	assert_string_equal(c.row[0][MC_RVU_FAC_NA], "NA");
	assert_int_equal(c.code_count_want, 1);

	s = cap_sink(&c, "0620T");
	assert_int_equal(th_parse_file(path, parse, &s, &err), 0);
	assert_int_equal(c.nwant, 1);
	assert_0620t(c.row[0]);
}

static void csv_fixture(void **state)
{
	(void)state;
	run_fixture("rvu/rvu_sample.csv", "PPRRVU2025_Oct.csv", mc_parse_rvu_csv);
}

static void txt_fixture(void **state)
{
	(void)state;
	run_fixture("rvu/rvu_sample.txt", "PPRRVU2025_Oct.txt", mc_parse_rvu_txt);
}

static void detect(void **state)
{
	(void)state;
	const char *files[] = { "rvu/rvu_sample.csv", "rvu/rvu_sample.txt" };
	const char *want[] = { "rvu_csv", "rvu_txt" };
	for (int i = 0; i < 2; i++) {
		mc_map m;
		mc_error err;
		assert_int_equal(mc_map_file(&m, th_fixture(files[i]), &err), 0);
		mc_input in = { "upload.bin", m.data, m.len };  /* content only */
		const mc_format *f = mc_format_detect(&in);
		assert_non_null(f);
		assert_string_equal(f->name, want[i]);
		assert_int_equal(mc_detect_codelist(&in), 0);
		assert_int_equal(mc_detect_cpt_ama(&in), 0);
		mc_map_release(&m);
	}
}

static void real_csv(void **state)
{
	(void)state;
	const char *path = th_data("mpfs_rvu/PPRRVU2025_Oct.csv");
	if (!path)
		skip();
	static const char *const codes[] = { "34712", "37249", "77002", "0620T" };
	for (int i = 0; i < 4; i++) {
		rvu_cap c;
		mc_error err;
		mc_sink s = cap_sink(&c, codes[i]);
		assert_int_equal(th_parse_file(path, mc_parse_rvu_csv, &s, &err), 0);
		assert_int_equal(c.rvu, 19090);
		check_releases(&c);
		assert_int_equal(c.code_count_want, 1);
		switch (i) {
		case 0:
			assert_int_equal(c.nwant, 1);
			assert_34712(c.row[0]);
			break;
		case 1:
			assert_string_equal(c.row[0][MC_RVU_GLOBAL], "ZZZ");
			assert_string_equal(c.row[0][MC_RVU_WORK], "2.97");
			break;
		case 2:
			assert_int_equal(c.nwant, 3);
			assert_string_equal(c.row[0][MC_RVU_PCTC], "1");
			assert_string_equal(c.row[1][MC_RVU_MOD], "26");
			assert_string_equal(c.row[2][MC_RVU_MOD], "TC");
			break;
		default:
			assert_0620t(c.row[0]);
			break;
		}
	}
}

static char *read_fixture(const char *rel, size_t *len)
{
	char *buf;
	mc_error err;
	assert_int_equal(mc_read_file(&buf, len, th_fixture(rel), &err), 0);
	return buf;
}

static void expect_eformat(const char *name, const char *text, size_t len, mc_parse_fn parse,
			   const char *where)
{
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	mc_error_clear(&err);
	mc_input in = { name, (const unsigned char *)text, len };
	assert_int_equal(parse(&in, &s, &err), MC_EFORMAT);
	if (!strstr(err.msg, where))
		fail_msg("message '%s' does not name '%s'", err.msg, where);
	th_rec_release(&rec);
}

static void bad_csv(void **state)
{
	(void)state;
	size_t len;
	char *buf = read_fixture("rvu/rvu_sample.csv", &len);
	/* Cut in the middle of the last row. */
	expect_eformat("cut.csv", buf, len - 40, mc_parse_rvu_csv, "cut.csv:19:");
	/* Corrupt the code of the first data row (line 11). */
	char *row = strstr(buf, "\r\n0620T");
	assert_non_null(row);
	memcpy(row + 2, "06@0T", 5);
	expect_eformat("bad.csv", buf, len, mc_parse_rvu_csv, "bad.csv:11:");
	/* No header at all. */
	expect_eformat("plain.csv", "a,b,c\n1,2,3\n", 12, mc_parse_rvu_csv, "plain.csv:");
	mc_free(buf);
}

static void bad_txt(void **state)
{
	(void)state;
	size_t len;
	char *buf = read_fixture("rvu/rvu_sample.txt", &len);
	expect_eformat("cut.txt", buf, len - 30, mc_parse_rvu_txt, "cut.txt:11:");
	char *row = strstr(buf, "\r\n34712");
	assert_non_null(row);
	memcpy(row + 2 + 61, "x", 1);  /* work RVU column */
	expect_eformat("bad.txt", buf, len, mc_parse_rvu_txt, "bad.txt:4:");
	mc_free(buf);
}

static void release_fallbacks(void **state)
{
	(void)state;
	size_t len;
	char *buf = read_fixture("rvu/rvu_sample.csv", &len);
	rvu_cap c;
	mc_error err;
	mc_sink s = cap_sink(&c, NULL);
	/* No release in the name: the title line says "2025 ... October Release". */
	mc_input in = { "upload.csv", (const unsigned char *)buf, len };
	assert_int_equal(mc_parse_rvu_csv(&in, &s, &err), 0);
	assert_string_equal(c.label[0], "RVU25D");
	assert_string_equal(c.from[0], "2025-10-01");
	/* The zip folder name wins over a bare file name. */
	s = cap_sink(&c, NULL);
	mc_input in2 = { "rvu26a/PPRRVU.csv", (const unsigned char *)buf, len };
	assert_int_equal(mc_parse_rvu_csv(&in2, &s, &err), 0);
	assert_string_equal(c.label[0], "RVU26A");
	assert_string_equal(c.from[0], "2026-01-01");
	mc_free(buf);
}

static int stop_rvu(const mc_rec_rvu *r, void *p)
{
	(void)r;
	(void)p;
	return MC_ESTOP;
}

static void callbacks_stop_and_nulls(void **state)
{
	(void)state;
	mc_error err;
	mc_sink none = { 0 };
	assert_int_equal(th_parse_file(th_fixture("rvu/rvu_sample.csv"), mc_parse_rvu_csv, &none, &err), 0);
	assert_int_equal(th_parse_file(th_fixture("rvu/rvu_sample.txt"), mc_parse_rvu_txt, &none, &err), 0);
	mc_sink stop = { 0 };
	stop.rvu = stop_rvu;
	assert_int_equal(th_parse_file(th_fixture("rvu/rvu_sample.csv"), mc_parse_rvu_csv, &stop, &err), MC_ESTOP);
	assert_int_equal(th_parse_file(th_fixture("rvu/rvu_sample.txt"), mc_parse_rvu_txt, &stop, &err), MC_ESTOP);
}

static void allocation_failures(void **state)
{
	(void)state;
	const char *files[] = { "rvu/rvu_sample.csv", "rvu/rvu_sample.txt" };
	/* under the official names, so the release is read from the name */
	const char *names[] = { "rvu/PPRRVU2025_Oct.csv", "rvu/PPRRVU2025_Oct.txt" };
	mc_parse_fn parse[] = { mc_parse_rvu_csv, mc_parse_rvu_txt };
	for (int i = 0; i < 2; i++) {
		size_t len;
		char *buf = read_fixture(files[i], &len);
		mc_input in = { names[i], (const unsigned char *)buf, len };
		for (long n = 1; n < 60; n++) {
			th_rec rec;
			mc_sink s = th_rec_sink(&rec);
			mc_error err;
			mc_alloc_fail_after(n);
			int rc = parse[i](&in, &s, &err);
			mc_alloc_fail_after(-1);
			assert_true(rc == 0 || rc == MC_ENOMEM);
			th_rec_release(&rec);
		}
		mc_free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_fixture),
		cmocka_unit_test(txt_fixture),
		cmocka_unit_test(detect),
		cmocka_unit_test(real_csv),
		cmocka_unit_test(bad_csv),
		cmocka_unit_test(bad_txt),
		cmocka_unit_test(release_fallbacks),
		cmocka_unit_test(callbacks_stop_and_nulls),
		cmocka_unit_test(allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
