/* text: UTF-8 decoding, tokens, the Hyperscan scanner. */
#include <string.h>

#include "helpers.h"
#include "medcode/text.h"

static void test_utf8(void **state)
{
	int32_t cp;
	assert_int_equal(mc_text_utf8_next("\xc3\xa9", 2, 0, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(mc_text_utf8_next("\xc3", 1, 0, &cp), 1);
	assert_int_equal(cp, -1);
	assert_int_equal(mc_text_utf8_next("\xc0\x80", 2, 0, &cp), 1); /* overlong */
	assert_int_equal(cp, -1);
	assert_int_equal(mc_text_utf8_next("\xed\xa0\x80", 3, 0, &cp), 1); /* surrogate */
	assert_int_equal(mc_text_cp_count("a\xc3\xa9\xff", 4), 3);
}

static void test_tokens(void **state)
{
	mc_tokens t;
	mc_tokens_init(&t);
	const char *s = "HPI: Mr. O'Brien, 3/4/21.\n\nZoë ÅSA";
	assert_int_equal(mc_text_tokenize(&t, s, strlen(s), NULL), 0);
	/* HPI : Mr . O'Brien , 3 / 4 / 21 . Zoë ÅSA: 14 tokens */
	assert_int_equal(t.n, 14);
	assert_true(t.v[0].flags & MC_TOK_HEADER);
	assert_true(mc_text_is_label(&t, s, 0));
	assert_int_equal(t.v[4].end - t.v[4].start, 7);
	assert_true(t.v[4].flags & MC_TOK_CAP);
	assert_false(t.v[4].flags & MC_TOK_SENT); /* "Mr." does not end a sentence */
	assert_true(t.v[12].flags & MC_TOK_PARA);
	assert_true(t.v[12].flags & MC_TOK_NONASCII);
	assert_true(t.v[13].flags & MC_TOK_UPPER);
	mc_tokens_release(&t);
}

typedef struct hits {
	unsigned id[8];
	size_t start[8], end[8], n;
} hits;

static int on_hit(unsigned id, size_t start, size_t end, void *payload)
{
	hits *h = payload;
	if (h->n < 8) {
		h->id[h->n] = id;
		h->start[h->n] = start;
		h->end[h->n++] = end;
	}
	return 0;
}

static void test_scanner(void **state)
{
	mc_scan_pattern p[] = { { "\\b[0-9]{3}-[0-9]{4}\\b", 1, 0 }, { "\\bsmith\\b", 2, MC_SCAN_CASELESS } };
	mc_scanner *sc = NULL;
	mc_error err;
	assert_int_equal(mc_scanner_new(&sc, p, 2, &err), 0);
	hits h = { 0 };
	const char *s = "call 555-0143, ask SMITH";
	assert_int_equal(mc_scanner_scan(sc, s, strlen(s), on_hit, &h, &err), 0);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.id[0], 1);
	assert_int_equal(h.start[0], 5);
	assert_int_equal(h.end[0], 13);
	assert_int_equal(h.id[1], 2);
	assert_int_equal(h.start[1], 19);
	mc_scanner_free(sc);
	/* END_ONLY: unconfirmed ends (start == end), the start on request */
	mc_scan_pattern lab[] = { { "\\bmrn\\s*:?\\s*[0-9]", 7, MC_SCAN_CASELESS | MC_SCAN_END_ONLY } };
	assert_int_equal(mc_scanner_new(&sc, lab, 1, &err), 0);
	const char *t = "Pt MRN: 4412";
	h.n = 0;
	assert_int_equal(mc_scanner_scan(sc, t, strlen(t), on_hit, &h, &err), 0);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.id[0], 7);
	assert_int_equal(h.end[0], 9);
	assert_int_equal(h.start[0], 9);
	size_t st = 0;
	assert_int_equal(mc_scanner_start(sc, 7, t, 9, &st), 0);
	assert_int_equal(st, 3);
	assert_int_equal(mc_scanner_start(sc, 7, t, 8, &st), MC_ENOTFOUND);
	assert_int_equal(mc_scanner_start(sc, 99, t, 9, &st), MC_ENOTFOUND);
	mc_scanner_free(sc);
	mc_scan_pattern bad[] = { { "(", 1, 0 } };
	assert_int_equal(mc_scanner_new(&sc, bad, 1, &err), MC_EINVAL);
	assert_null(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_scanner),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
