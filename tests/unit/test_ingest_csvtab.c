/* The table-driven CSV reader (src/ingest/csvtab.c): header mapping,
 * trimmed rows, and the one set of error messages every CSV importer
 * shares. */
#include "helpers.h"

#include <string.h>

#include "core/core.h"
#include "ingest/csvtab.h"

enum { C_CODE, C_TITLE, C_UNITS, C_NOTE, C_N };

static const mc_csvtab_col cols[C_N] = {
	[C_CODE] = { "hcpcs_code|code", true, MC_CSVTAB_EQUALS },
	[C_TITLE] = { "desc", true, MC_CSVTAB_PREFIX },
	[C_UNITS] = { "mue_values", false, MC_CSVTAB_CONTAINS },
	[C_NOTE] = { "note", false, MC_CSVTAB_EQUALS },
};

static size_t preamble_rows;

static int count_preamble(const mc_csv_row *row, void *payload)
{
	(void)row;
	(void)payload;
	preamble_rows++;
	return 0;
}

static mc_csvtab_spec spec_with(size_t preamble)
{
	mc_csvtab_spec s = {
		.cols = cols, .ncols = C_N, .preamble = preamble,
		.expect = "a header with code and description", .rows = "code rows",
		.on_preamble = count_preamble,
	};
	return s;
}

static int open_text(mc_csvtab *t, const char *text, const mc_csvtab_spec *spec, mc_error *err)
{
	mc_input in = { "list.csv", (const unsigned char *)text, strlen(text) };
	mc_error_clear(err);
	return mc_csvtab_open(t, &in, spec, err);
}

static void test_key(void **state)
{
	(void)state;
	char k[48];
	mc_csvtab_key(k, sizeof(k), " HCPCS/CPT  Code ");
	assert_string_equal(k, "hcpcs_cpt_code");
	mc_csvtab_key(k, sizeof(k), "Practitioner Services\nMUE Values");
	assert_string_equal(k, "practitioner_services_mue_values");
	mc_csvtab_key(k, sizeof(k), "--Long-Title--");
	assert_string_equal(k, "long_title");
	mc_csvtab_key(k, 4, "abcdef");
	assert_string_equal(k, "abc");
}

static void test_maps_header_after_preamble(void **state)
{
	(void)state;
	mc_csvtab_spec spec = spec_with(3);
	mc_csvtab t;
	mc_error err;
	preamble_rows = 0;
	const char *text = "Banner line,,\n\"Notice, quoted\",,\n"
			   "Description , \"HCPCS Code\",Practitioner Services MUE Values\n"
			   "  Widget  ,A0001 , 3\n\n , , \nGadget,A0002,\n";
	assert_int_equal(open_text(&t, text, &spec, &err), 0);
	assert_int_equal(preamble_rows, 2);
	assert_int_equal(t.col[C_CODE], 1);
	assert_int_equal(t.col[C_TITLE], 0);
	assert_int_equal(t.col[C_UNITS], 2);
	assert_false(mc_csvtab_has(&t, C_NOTE));
	assert_int_equal(mc_csvtab_next(&t, &err), 1);
	assert_string_equal(t.f[C_CODE], "A0001");
	assert_string_equal(t.f[C_TITLE], "Widget");
	assert_string_equal(t.f[C_UNITS], "3");
	assert_string_equal(t.f[C_NOTE], "");
	assert_string_equal(t.cell[0], "Widget");
	assert_int_equal(t.line, 4);
	/* The blank rows are skipped. */
	assert_int_equal(mc_csvtab_next(&t, &err), 1);
	assert_string_equal(t.f[C_CODE], "A0002");
	assert_int_equal(t.line, 7);
	assert_int_equal(mc_csvtab_next(&t, &err), 0);
	assert_int_equal(t.rows, 2);
	mc_csvtab_release(&t);
}

static void test_tab_separator_from_first_line(void **state)
{
	(void)state;
	mc_csvtab_spec spec = spec_with(0);
	mc_csvtab t;
	mc_error err;
	assert_int_equal(open_text(&t, "code\tdescription\nA1\t\"quoted, kept\"\n", &spec, &err), 0);
	assert_int_equal(mc_csvtab_next(&t, &err), 1);
	assert_string_equal(t.f[C_TITLE], "\"quoted, kept\"");
	mc_csvtab_release(&t);
}

static void expect_open_error(const char *text, size_t preamble, const char *msg)
{
	mc_csvtab_spec spec = spec_with(preamble);
	mc_csvtab t;
	mc_error err;
	assert_int_equal(open_text(&t, text, &spec, &err), MC_EFORMAT);
	assert_string_equal(err.msg, msg);
}

static void expect_row_error(const char *text, const char *msg)
{
	mc_csvtab_spec spec = spec_with(0);
	mc_csvtab t;
	mc_error err;
	assert_int_equal(open_text(&t, text, &spec, &err), 0);
	int rc;
	while ((rc = mc_csvtab_next(&t, &err)) > 0)
		;
	assert_int_equal(rc, MC_EFORMAT);
	assert_string_equal(err.msg, msg);
	mc_csvtab_release(&t);
}

static void test_errors_name_file_and_line(void **state)
{
	(void)state;
	expect_open_error("", 0, "list.csv:1: expected data, the input is empty");
	expect_open_error("code,title\nA1,x\n", 0, "list.csv:1: expected a header with code and description");
	/* The header may come only within the preamble. */
	expect_open_error("x\ny\ncode,desc\n", 1, "list.csv:2: expected a header with code and description");
	expect_open_error("\"code,desc\n", 0, "list.csv:1: unterminated quoted field");
	expect_row_error("code,desc\n", "list.csv:2: expected code rows after the header");
	expect_row_error("code,desc,note\nA1,x,y\nA2,x\n", "list.csv:3: expected 3 columns, found 2");
	expect_row_error("code,desc\nA1,\xff\xfe\n", "list.csv:2: expected UTF-8 text");
	expect_row_error("code,desc\nA1,x\nA2,\"open\n", "list.csv:3: unterminated quoted field");
}

static void test_min_width(void **state)
{
	(void)state;
	mc_csvtab_spec spec = spec_with(0);
	spec.min_width = 4;
	mc_csvtab t;
	mc_error err;
	assert_int_equal(open_text(&t, "code,desc\nA1,x\n", &spec, &err), MC_EFORMAT);
	assert_string_equal(err.msg, "list.csv:1: expected 4 header columns, found 2");
}

static void test_fail_names_current_row(void **state)
{
	(void)state;
	mc_csvtab_spec spec = spec_with(0);
	mc_csvtab t;
	mc_error err;
	assert_int_equal(open_text(&t, "code,desc\nA1,x\nbad,y\n", &spec, &err), 0);
	assert_int_equal(mc_csvtab_next(&t, &err), 1);
	assert_int_equal(mc_csvtab_next(&t, &err), 1);
	assert_int_equal(mc_csvtab_fail(&t, &err, "expected a code, found '%s'", t.f[C_CODE]), MC_EFORMAT);
	assert_string_equal(err.msg, "list.csv:3: expected a code, found 'bad'");
	mc_csvtab_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_maps_header_after_preamble),
		cmocka_unit_test(test_tab_separator_from_first_line),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_min_width),
		cmocka_unit_test(test_fail_names_current_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
