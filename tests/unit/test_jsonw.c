/* The streaming JSON writer: escaping, UTF-8 repair, nesting, pretty and
 * compact layout, and that jansson reads back what it writes. */
#include "helpers.h"

#include <jansson.h>
#include <string.h>

#include "core/jsonw.h"

static char *write_doc(bool pretty)
{
	mc_buf b = MC_BUF_INIT;
	mc_jsonw w;
	mc_jsonw_init(&w, &b, pretty);
	mc_jsonw_obj(&w);
	mc_jsonw_kstr(&w, "quote", "say \"hi\"\\ \n\t\x01");
	mc_jsonw_kstr(&w, "utf8", "caf\xc3\xa9 \xff end");
	mc_jsonw_kstr(&w, "null", NULL);
	mc_jsonw_kint(&w, "n", -42);
	mc_jsonw_kbool(&w, "b", true);
	mc_jsonw_key(&w, "empty");
	mc_jsonw_arr(&w);
	mc_jsonw_end(&w);
	mc_jsonw_key(&w, "list");
	mc_jsonw_arr(&w);
	mc_jsonw_int(&w, 1);
	mc_jsonw_obj(&w);
	mc_jsonw_kstr(&w, "k", "v");
	mc_jsonw_end(&w);
	mc_jsonw_end(&w);
	mc_jsonw_end(&w);
	assert_false(mc_jsonw_failed(&w));
	return mc_buf_detach(&b);
}

static void compact_layout_and_escapes(void **state)
{
	(void)state;
	char *s = write_doc(false);
	assert_string_equal(s, "{\"quote\":\"say \\\"hi\\\"\\\\ \\n\\t\\u0001\","
			       "\"utf8\":\"caf\xc3\xa9 \xef\xbf\xbd end\",\"null\":null,\"n\":-42,"
			       "\"b\":true,\"empty\":[],\"list\":[1,{\"k\":\"v\"}]}");
	mc_free(s);
}

static void pretty_reads_back(void **state)
{
	(void)state;
	char *s = write_doc(true);
	assert_non_null(strstr(s, "{\n  \"quote\": "));
	assert_non_null(strstr(s, "\"empty\": [],\n"));
	assert_non_null(strstr(s, "  \"list\": [\n    1,\n    {\n      \"k\": \"v\"\n    }\n  ]\n}"));
	json_error_t e;
	json_t *j = json_loads(s, 0, &e);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "n")), -42);
	assert_true(json_is_null(json_object_get(j, "null")));
	json_decref(j);
	mc_free(s);
}

static void unbalanced_and_too_deep_fail(void **state)
{
	(void)state;
	mc_buf b = MC_BUF_INIT;
	mc_jsonw w;
	mc_jsonw_init(&w, &b, false);
	mc_jsonw_obj(&w);
	assert_true(mc_jsonw_failed(&w)); /* still open */
	mc_jsonw_end(&w);
	mc_jsonw_end(&w);                 /* one too many */
	assert_true(mc_jsonw_failed(&w));
	mc_buf_release(&b);
	mc_jsonw_init(&w, &b, false);
	for (int i = 0; i < MC_JSONW_MAX_DEPTH + 1; i++)
		mc_jsonw_arr(&w);
	assert_true(mc_jsonw_failed(&w));
	mc_buf_release(&b);
}

static void allocation_failure_is_sticky(void **state)
{
	(void)state;
	mc_buf b = MC_BUF_INIT;
	mc_jsonw w;
	mc_jsonw_init(&w, &b, false);
	mc_alloc_fail_after(1);
	mc_jsonw_arr(&w);
	mc_jsonw_str(&w, "x");
	mc_alloc_fail_after(-1);
	mc_jsonw_end(&w);
	assert_true(mc_jsonw_failed(&w));
	mc_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compact_layout_and_escapes),
		cmocka_unit_test(pretty_reads_back),
		cmocka_unit_test(unbalanced_and_too_deep_fail),
		cmocka_unit_test(allocation_failure_is_sticky),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
