/* Tokens with byte offsets, sentence starts and section headers. */
#include <string.h>
#include <utf8proc.h>

#include "core/core.h"
#include "medcode/text.h"

void mc_tokens_init(mc_tokens *t)
{
	t->v = NULL;
	t->n = t->cap = 0;
}

void mc_tokens_release(mc_tokens *t)
{
	mc_free(t->v);
	mc_tokens_init(t);
}

enum { C_SPACE, C_NL, C_LETTER, C_DIGIT, C_PUNCT, C_OTHER };
_Static_assert(C_OTHER < 0x10, "classes fit in four bits");

/* Classes of ASCII bytes, upper-case letters marked by 0x10. */
enum { C_UP = 0x10 };
static const unsigned char ascii_class[128] = {
#define R4(x) x, x, x, x
#define R8(x) R4(x), R4(x)
	/* 0x00-0x1F: controls, with \t \n \v \f \r */
	C_OTHER, C_OTHER, C_OTHER, C_OTHER, C_OTHER, C_OTHER, C_OTHER, C_OTHER,
	C_OTHER, C_SPACE, C_NL, C_SPACE, C_SPACE, C_SPACE, C_OTHER, C_OTHER,
	R8(C_OTHER), R8(C_OTHER),
	/* 0x20-0x2F: space and punctuation */
	C_SPACE, R4(C_PUNCT), R4(C_PUNCT), R4(C_PUNCT), C_PUNCT, C_PUNCT, C_PUNCT,
	/* 0x30-0x3F: digits, punctuation */
	R8(C_DIGIT), C_DIGIT, C_DIGIT, R4(C_PUNCT), C_PUNCT, C_PUNCT,
	/* 0x40-0x5F: @, upper case, punctuation */
	C_PUNCT, R8(C_LETTER | C_UP), R8(C_LETTER | C_UP), R8(C_LETTER | C_UP), C_LETTER | C_UP,
	C_LETTER | C_UP, R4(C_PUNCT), C_PUNCT,
	/* 0x60-0x7F: `, lower case, punctuation, DEL */
	C_PUNCT, R8(C_LETTER), R8(C_LETTER), R8(C_LETTER), C_LETTER, C_LETTER, R4(C_PUNCT), C_OTHER
#undef R8
#undef R4
};

static int char_class_slow(const char *s, size_t len, size_t i, size_t *n, bool *upper);

/* Class of the character at s[i]; *n gets its length, *upper whether it is
 * an upper-case letter. */
static inline int char_class(const char *s, size_t len, size_t i, size_t *n, bool *upper)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		unsigned char k = ascii_class[c];
		*n = 1;
		*upper = k & C_UP;
		return k & 0x0F;
	}
	return char_class_slow(s, len, i, n, upper);
}

static int char_class_slow(const char *s, size_t len, size_t i, size_t *n, bool *upper)
{
	unsigned char c = (unsigned char)s[i];
	*upper = false;
	if (c < 0x80) {
		*n = 1;
		if (c == '\n')
			return C_NL;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			return C_SPACE;
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
			*upper = c <= 'Z';
			return C_LETTER;
		}
		if (c >= '0' && c <= '9')
			return C_DIGIT;
		if (c < 0x20 || c == 0x7F)
			return C_OTHER;
		return C_PUNCT;
	}
	int32_t cp;
	*n = mc_text_utf8_next(s, len, i, &cp);
	if (cp < 0)
		return C_OTHER;
	utf8proc_category_t cat = utf8proc_category(cp);
	switch (cat) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		*upper = true;
		return C_LETTER;
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return C_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
		return C_SPACE;
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return C_NL;
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_CN:
	case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_CS:
		return C_OTHER;
	default:
		return C_PUNCT;
	}
}

static int push(mc_tokens *t, size_t start, size_t end, uint32_t flags)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		mc_token *v = mc_realloc(t->v, cap * sizeof(*v));
		if (!v)
			return MC_ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = (mc_token){ start, end, flags };
	return 0;
}

/* Abbreviations whose full stop does not end a sentence. */
static bool is_abbrev(const char *s, size_t n)
{
	static const char *const ab[] = { "dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs", "no", "pt",
					  "approx", "etc", "prof", "rev", "apt", "ave", "fig" };
	if (n == 1)
		return true; /* an initial, "e.g.", "i.e." */
	if (n > 6)
		return false;
	/* every entry starts with one of a, d, e, f, j, m, n, p, r, s, v */
	unsigned c0 = (unsigned)((unsigned char)s[0] | 0x20) - 'a';
	if (c0 >= 26u || !((1u << c0) & (1u << 0 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 9 | 1u << 12 | 1u << 13 |
					 1u << 15 | 1u << 17 | 1u << 18 | 1u << 21)))
		return false;
	for (size_t i = 0; i < sizeof(ab) / sizeof(ab[0]); i++) {
		const char *a = ab[i];
		size_t k = 0;
		while (k < n && a[k] && (char)(s[k] | 0x20) == a[k])
			k++;
		if (k == n && !a[k])
			return true;
	}
	return false;
}

/* What a word's characters add to its flags, for ASCII bytes: letters
 * (with their case) and digits; 0 ends the word. */
#define W_UP (1u << 29)
#define W_LOW (1u << 30)
static const uint32_t ascii_word[128] = {
#define D10 MC_TOK_DIGIT, MC_TOK_DIGIT, MC_TOK_DIGIT, MC_TOK_DIGIT, MC_TOK_DIGIT, \
	MC_TOK_DIGIT, MC_TOK_DIGIT, MC_TOK_DIGIT, MC_TOK_DIGIT, MC_TOK_DIGIT
#define U2 MC_TOK_ALPHA | W_UP, MC_TOK_ALPHA | W_UP
#define L2 MC_TOK_ALPHA | W_LOW, MC_TOK_ALPHA | W_LOW
	['0'] = D10,
	['A'] = U2, U2, U2, U2, U2, U2, U2, U2, U2, U2, U2, U2, U2,
	['a'] = L2, L2, L2, L2, L2, L2, L2, L2, L2, L2, L2, L2, L2
#undef D10
#undef U2
#undef L2
};

/* Read the word (letters, digits, inner apostrophes) whose first character
 * is at *i, to its end (*i); returns MC_TOK_ALPHA / DIGIT / UPPER /
 * NONASCII / APOS as they apply. */
/* Per byte of x (all below 0x80): 0x80 where lo <= byte <= hi.  No byte
 * carries into the next: each sum stays below 0x100. */
static inline uint64_t bytes_in(uint64_t x, unsigned lo, unsigned hi)
{
	const uint64_t ones = 0x0101010101010101ull, top = 0x8080808080808080ull;
	return ((x + ones * (0x80 - lo)) & ~(x + ones * (0x80 - hi - 1))) & top;
}

static uint32_t word_end(const char *s, size_t len, size_t *pi, size_t start)
{
	uint32_t acc = 0;
	size_t i = *pi;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* eight bytes at a time while they are ASCII letters or digits */
	while (i + 8 <= len) {
		const uint64_t top = 0x8080808080808080ull;
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t ascii = ~x & top, h7 = x & ~top;
		uint64_t up = bytes_in(h7, 'A', 'Z') & ascii, lo = bytes_in(h7, 'a', 'z') & ascii,
			 dg = bytes_in(h7, '0', '9') & ascii;
		uint64_t stop = ~(up | lo | dg) & top;
		unsigned k = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8;
		uint64_t keep = k == 8 ? ~0ull : (1ull << (8 * k)) - 1;
		if (up & keep)
			acc |= MC_TOK_ALPHA | W_UP;
		if (lo & keep)
			acc |= MC_TOK_ALPHA | W_LOW;
		if (dg & keep)
			acc |= MC_TOK_DIGIT;
		i += k;
		if (k < 8)
			break; /* the byte at i is read below */
	}
#endif
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			uint32_t b = ascii_word[c];
			if (b) {
				acc |= b;
				i++;
				continue;
			}
			if (c == '\'' && i > start && i + 1 < len) {
				size_t n2;
				bool up2;
				if (char_class(s, len, i + 1, &n2, &up2) == C_LETTER) {
					acc |= MC_TOK_APOS;
					i++;
					continue;
				}
			}
			break;
		}
		size_t cn;
		bool up;
		int cls = char_class_slow(s, len, i, &cn, &up);
		if (cls == C_LETTER)
			acc |= MC_TOK_ALPHA | MC_TOK_NONASCII | (up ? W_UP : W_LOW);
		else if (cls == C_DIGIT)
			acc |= MC_TOK_DIGIT | MC_TOK_NONASCII;
		else
			break;
		i += cn;
	}
	*pi = i;
	uint32_t f = acc & ~(uint32_t)(W_UP | W_LOW);
	if ((acc & W_UP) && !(acc & W_LOW))
		f |= MC_TOK_UPPER;
	return f;
}

int mc_text_tokenize(mc_tokens *t, const char *s, size_t len, mc_error *err)
{
	t->n = 0;
	uint32_t pending = MC_TOK_SENT | MC_TOK_NL | MC_TOK_PARA;
	int nl_run = 0;
	bool sent_next = true;
	size_t i = 0;
	while (i < len) {
		size_t cn;
		bool up;
		int cls = char_class(s, len, i, &cn, &up);
		if (cls == C_SPACE || cls == C_NL) {
			pending |= MC_TOK_SPACE;
			if (cls == C_NL) {
				pending |= MC_TOK_NL;
				if (++nl_run >= 2)
					pending |= MC_TOK_PARA;
			}
			i += cn;
			continue;
		}
		nl_run = 0;
		size_t start = i;
		uint32_t f = pending;
		pending = 0;
		if (cls == C_LETTER || cls == C_DIGIT) {
			if (cls == C_LETTER && up)
				f |= MC_TOK_CAP;
			f |= word_end(s, len, &i, start);
		} else {
			f |= cls == C_PUNCT ? MC_TOK_PUNCT : MC_TOK_OTHER;
			i += cn;
		}
		if (sent_next)
			f |= MC_TOK_SENT;
		sent_next = false;
		if (f & MC_TOK_PUNCT) {
			char c = s[start];
			if (c == '!' || c == '?' || c == ';')
				sent_next = true;
			else if (c == '.' && t->n) {
				const mc_token *p = &t->v[t->n - 1];
				bool glued = p->end == start;
				if (!glued || !(p->flags & MC_TOK_ALPHA) ||
				    !is_abbrev(s + p->start, p->end - p->start))
					sent_next = true;
			} else if (c == ':' && t->n && (t->v[t->n - 1].flags & MC_TOK_NL))
				sent_next = true;
		}
		if (f & MC_TOK_PARA)
			f |= MC_TOK_SENT;
		int rc = push(t, start, i, f);
		if (rc < 0) {
			mc_tokens_release(t);
			return mc_error_set(err, rc, "out of memory splitting text into tokens");
		}
		/* Section headers: one to five words that open a line, then ':'
		 * ("HPI:", "Chief complaint:"), marked when the ':' comes */
		if ((f & MC_TOK_PUNCT) && !(f & MC_TOK_NL) && s[start] == ':' && t->n >= 2) {
			size_t k = t->n - 1; /* the ':' */
			while (k > 0 && t->n - 1 - k < 5 && (t->v[k - 1].flags & MC_TOK_ALPHA) && !(t->v[k].flags & MC_TOK_NL))
				k--;
			if (k < t->n - 1 && (t->v[k].flags & MC_TOK_NL) && (t->v[k].flags & MC_TOK_ALPHA))
				for (size_t m = k; m < t->n; m++)
					t->v[m].flags |= MC_TOK_HEADER;
		}
	}
	return 0;
}

bool mc_text_is_label(const mc_tokens *t, const char *s, size_t i)
{
	return i < t->n && (t->v[i].flags & MC_TOK_HEADER) && (t->v[i].flags & MC_TOK_ALPHA);
}
