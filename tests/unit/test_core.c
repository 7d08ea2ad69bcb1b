#include "helpers.h"

#include <string.h>

#include "core/core.h"

static void csv_quotes_and_crlf(void **state)
{
	(void)state;
	const char *text = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n";
	mc_csv r;
	mc_csv_row row;
	mc_error err;
	mc_csv_init(&r, text, strlen(text), ',', true);
	assert_int_equal(mc_csv_next(&r, &row, &err), 1);
	assert_int_equal(row.count, 3);
	assert_string_equal(row.field[1], "b,c");
	assert_string_equal(row.field[2], "say \"hi\"");
	assert_int_equal(mc_csv_next(&r, &row, &err), 1);
	assert_int_equal(row.line, 2);
	assert_string_equal(row.field[1], "two\nlines");
	assert_int_equal(mc_csv_next(&r, &row, &err), 0);
	mc_csv_release(&r);
}

static void csv_unterminated_quote_names_line(void **state)
{
	(void)state;
	const char *text = "a,b\nc,\"open\n";
	mc_csv r;
	mc_csv_row row;
	mc_error err;
	mc_csv_init(&r, text, strlen(text), ',', true);
	assert_int_equal(mc_csv_next(&r, &row, &err), 1);
	assert_int_equal(mc_csv_next(&r, &row, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "2: unterminated"));
	mc_csv_release(&r);
}

static void dates(void **state)
{
	(void)state;
	char d[MC_DATE_LEN];
	assert_true(mc_date_from_julian("2013091", d));
	assert_string_equal(d, "2013-04-01");
	assert_true(mc_date_from_julian("2018365", d));
	assert_string_equal(d, "2018-12-31");
	assert_false(mc_date_from_julian("2019366", d));
	assert_true(mc_date_from_yyyymmdd("20251001", d));
	assert_string_equal(d, "2025-10-01");
	assert_false(mc_date_from_yyyymmdd("20250230", d));
	assert_true(mc_date_from_mdy("9/11/2025", d));
	assert_string_equal(d, "2025-09-11");
	assert_true(mc_date_add_days("2025-10-01", -1, d));
	assert_string_equal(d, "2025-09-30");
	assert_true(mc_date_valid("2024-02-29"));
	assert_false(mc_date_valid("2023-02-29"));
}

static void codes(void **state)
{
	(void)state;
	char c[MC_CODE_MAX], d[MC_CODE_MAX];
	assert_true(mc_code_compact(" e11.52 ", c));
	assert_string_equal(c, "E1152");
	mc_icd10cm_dotted(c, d);
	assert_string_equal(d, "E11.52");
	mc_icd10cm_dotted("I10", d);
	assert_string_equal(d, "I10");
	assert_false(mc_code_compact("E11;52", c));
	assert_false(mc_code_compact("", c));
}

static void buf_and_failing_alloc(void **state)
{
	(void)state;
	mc_buf b = MC_BUF_INIT;
	assert_int_equal(mc_buf_printf(&b, "%s-%d", "x", 42), 0);
	assert_string_equal(b.ptr, "x-42");
	mc_buf_release(&b);
	mc_alloc_fail_after(1);
	assert_int_equal(mc_buf_puts(&b, "y"), MC_ENOMEM);
	mc_alloc_fail_after(-1);
	assert_int_equal(mc_buf_puts(&b, "y"), 0);
	mc_buf_release(&b);
}

/* Large tables come zeroed and writable from both paths (heap below 4 MiB,
 * a mapping above), fail under the failing allocator, and refuse a size
 * that overflows. */
static void table_alloc(void **state)
{
	(void)state;
	static const size_t counts[] = { 1000, (size_t)1 << 20, ((size_t)1 << 20) + 3 };
	for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
		size_t n = counts[c];
		uint32_t *t = mc_calloc_table(n, sizeof(*t) * 2);
		assert_non_null(t);
		for (size_t i = 0; i < 2 * n; i += 997)
			assert_int_equal(t[i], 0);
		assert_int_equal(t[2 * n - 1], 0);
		t[0] = 1;
		t[2 * n - 1] = 2; /* the last byte is inside the table */
		mc_free_table(t, n, sizeof(*t) * 2);
		mc_alloc_fail_after(1);
		assert_null(mc_calloc_table(n, sizeof(*t) * 2));
		mc_alloc_fail_after(-1);
	}
	assert_null(mc_calloc_table(SIZE_MAX / 4, 8));
	mc_free_table(NULL, 10, 10);
}

static void utf8(void **state)
{
	(void)state;
	assert_true(mc_utf8_valid("caf\xc3\xa9", 5));
	assert_false(mc_utf8_valid("\xc3", 1));
	assert_false(mc_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_quotes_and_crlf),
		cmocka_unit_test(csv_unterminated_quote_names_line),
		cmocka_unit_test(dates),
		cmocka_unit_test(codes),
		cmocka_unit_test(buf_and_failing_alloc),
		cmocka_unit_test(table_alloc),
		cmocka_unit_test(utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
