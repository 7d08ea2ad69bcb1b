/* text: UTF-8 decoding, tokens, the Hyperscan scanner. */
#include <ctype.h>
#include <string.h>

#include "helpers.h"
#include "medcode/text.h"
#include "text/text_int.h"

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

/* A word token's extent and flags by a plain byte-by-byte reading of
 * the alphabet random_text uses (ASCII, é, É): the oracle for the
 * tokenizer's eight-bytes-at-a-time path. */
static bool ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static size_t oracle_word(const char *s, size_t len, size_t i, uint32_t *flags)
{
	size_t start = i;
	bool up = false, low = false;
	uint32_t f = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (ascii_alnum(c)) {
			if (c <= '9')
				f |= MC_TOK_DIGIT;
			else {
				f |= MC_TOK_ALPHA;
				up |= c <= 'Z';
				low |= c >= 'a';
			}
			i++;
		} else if (c == 0xC3 && i + 1 < len && (s[i + 1] == '\xa9' || s[i + 1] == '\x89')) {
			f |= MC_TOK_ALPHA | MC_TOK_NONASCII;
			up |= s[i + 1] == '\x89';
			low |= s[i + 1] == '\xa9';
			i += 2;
		} else if (c == '\'' && i > start && i + 1 < len &&
			   (isalpha((unsigned char)s[i + 1]) || (unsigned char)s[i + 1] == 0xC3)) {
			f |= MC_TOK_APOS;
			i++;
		} else {
			break;
		}
	}
	if (up && !low)
		f |= MC_TOK_UPPER;
	*flags = f;
	return i;
}

static void test_tokens_random(void **state)
{
	static const char *const piece[] = { "a", "Z", "q", "7", "0", " ", "\n", ".", "'", "-", ":",
					     "\xc3\xa9", "\xc3\x89", "O'Brien", "abcdefgh", "ABCDEFGHIJ", "x9y8z7w6v5",
					     "Mr", "@", "\t" };
	enum { NP = sizeof(piece) / sizeof(piece[0]) };
	uint64_t rnd = 0x9E3779B97F4A7C15ull;
	mc_tokens t;
	mc_tokens_init(&t);
	char s[256];
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		while (len < 200) {
			rnd ^= rnd << 13, rnd ^= rnd >> 7, rnd ^= rnd << 17;
			const char *p = piece[rnd % NP];
			size_t n = strlen(p);
			if (len + n > 200)
				break;
			memcpy(s + len, p, n);
			len += n;
		}
		assert_int_equal(mc_text_tokenize(&t, s, len, NULL), 0);
		const uint32_t mask = MC_TOK_ALPHA | MC_TOK_DIGIT | MC_TOK_UPPER | MC_TOK_NONASCII | MC_TOK_APOS;
		for (size_t k = 0; k < t.n; k++) {
			if (!(t.v[k].flags & (MC_TOK_ALPHA | MC_TOK_DIGIT)))
				continue;
			uint32_t f;
			size_t end = oracle_word(s, len, t.v[k].start, &f);
			assert_int_equal(t.v[k].end, end);
			assert_int_equal(t.v[k].flags & mask, f);
		}
		/* every code point counted once, eight at a time or not */
		size_t cps = 0;
		for (size_t i = 0; i < len;) {
			int32_t cp;
			i += mc_text_utf8_next(s, len, i, &cp);
			cps++;
		}
		assert_int_equal(mc_text_cp_count(s, len), cps);
	}
	mc_tokens_release(&t);
}

/* The 64-byte block tokenizer gives the tokens of the plain one (every
 * offset and flag) on random texts long enough to cross blocks: words
 * longer than a block, apostrophes, non-ASCII letters and spaces, control
 * bytes, line breaks and section headers at every position. */
static void test_tokens_blocks(void **state)
{
	(void)state;
	static const char *const piece[] = { "a", "Z", "7", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", ".", ",", ":",
					     "'", "-", "O'Brien", "don't", "x'", "\xc3\xa9", "\xc3\x89", "\xe2\x80\x83",
					     "\xe2\x80\xa8", "\x01", "\x7f", "\xff", "Dr", "Mr.", "HPI:", "\nPlan:", "e.g.",
					     "!", "?", ";", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
					     "Kowalczyk", "ADEYEMI", "x9y8", "12/03/2021" };
	enum { NP = sizeof(piece) / sizeof(piece[0]) };
	uint64_t rnd = 0x2545F4914F6CDD1Dull;
	mc_tokens fast, plain;
	mc_tokens_init(&fast);
	mc_tokens_init(&plain);
	char s[700];
	for (int round = 0; round < 20000; round++) {
		rnd ^= rnd << 13, rnd ^= rnd >> 7, rnd ^= rnd << 17;
		size_t want = rnd % 640, len = 0;
		/* some texts are ASCII words and spaces only: every block fast */
		bool simple = (rnd >> 20) % 3 == 0;
		while (len < want) {
			rnd ^= rnd << 13, rnd ^= rnd >> 7, rnd ^= rnd << 17;
			const char *p = piece[rnd % NP];
			if (simple && ((unsigned char)p[0] >= 0x80 || p[0] < ' ' || strchr(p, '\'')))
				p = (rnd >> 32) & 1 ? " " : "word";
			size_t n = strlen(p);
			if (len + n > sizeof(s))
				break;
			memcpy(s + len, p, n);
			len += n;
		}
		assert_int_equal(mc_text_tokenize(&fast, s, len, NULL), 0);
		assert_int_equal(mc_text_tokenize_plain(&plain, s, len, NULL), 0);
		assert_int_equal(fast.n, plain.n);
		for (size_t k = 0; k < fast.n; k++) {
			assert_int_equal(fast.v[k].start, plain.v[k].start);
			assert_int_equal(fast.v[k].end, plain.v[k].end);
			assert_int_equal(fast.v[k].flags, plain.v[k].flags);
		}
	}
	mc_tokens_release(&fast);
	mc_tokens_release(&plain);
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
		cmocka_unit_test(test_tokens_random),
		cmocka_unit_test(test_tokens_blocks),
		cmocka_unit_test(test_scanner),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
