/* Tokens with byte offsets, sentence starts and section headers. */
#include <stdatomic.h>
#include <string.h>
#include <utf8proc.h>

#include "core/core.h"
#include "medcode/text.h"
#include "text/text_int.h"

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

static inline __attribute__((always_inline)) int push(mc_tokens *t, size_t start, size_t end, uint32_t flags)
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
	/* the entries, lower case, packed little-endian as the loop below packs a word */
#define AB(a, b, c, d, e, f) ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | (uint64_t)(d) << 24 | \
			      (uint64_t)(e) << 32 | (uint64_t)(f) << 40)
	static const uint64_t ab[] = {
		AB('d', 'r', 0, 0, 0, 0), AB('m', 'r', 0, 0, 0, 0), AB('m', 'r', 's', 0, 0, 0), AB('m', 's', 0, 0, 0, 0),
		AB('s', 't', 0, 0, 0, 0), AB('j', 'r', 0, 0, 0, 0), AB('s', 'r', 0, 0, 0, 0), AB('v', 's', 0, 0, 0, 0),
		AB('n', 'o', 0, 0, 0, 0), AB('p', 't', 0, 0, 0, 0), AB('a', 'p', 'p', 'r', 'o', 'x'),
		AB('e', 't', 'c', 0, 0, 0), AB('p', 'r', 'o', 'f', 0, 0), AB('r', 'e', 'v', 0, 0, 0),
		AB('a', 'p', 't', 0, 0, 0), AB('a', 'v', 'e', 0, 0, 0), AB('f', 'i', 'g', 0, 0, 0)
	};
#undef AB
	if (n == 1)
		return true; /* an initial, "e.g.", "i.e." */
	if (n > 6)
		return false;
	uint64_t w = 0;
	for (size_t k = 0; k < n; k++)
		w |= (uint64_t)((unsigned char)s[k] | 0x20) << (8 * k);
	for (size_t i = 0; i < sizeof(ab) / sizeof(ab[0]); i++)
		if (w == ab[i])
			return true;
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

/* Per byte of x (all below 0x80): 0x80 where lo <= byte <= hi.  No byte
 * carries into the next: each sum stays below 0x100. */
static inline uint64_t bytes_in(uint64_t x, unsigned lo, unsigned hi)
{
	const uint64_t ones = 0x0101010101010101ull, top = 0x8080808080808080ull;
	return ((x + ones * (0x80 - lo)) & ~(x + ones * (0x80 - hi - 1))) & top;
}

/* A word's MC_TOK_* flags from the W_* / MC_TOK_* flags of its characters:
 * MC_TOK_UPPER when it has upper-case letters and no lower-case one. */
static inline uint32_t word_flags(uint32_t acc)
{
	uint32_t f = acc & ~(uint32_t)(W_UP | W_LOW);
	if ((acc & W_UP) && !(acc & W_LOW))
		f |= MC_TOK_UPPER;
	return f;
}

/* Read the word (letters, digits, inner apostrophes) whose first character
 * is at *pi, to its end (*pi), ASCII eight bytes at a time; returns
 * MC_TOK_ALPHA / DIGIT / UPPER / NONASCII / APOS as they apply. */
static uint32_t word_end(const char *s, size_t len, size_t *pi)
{
	size_t i = *pi, start = i;
	uint32_t acc = 0;
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
	return word_flags(acc);
}

/* What the tokenizer carries from one token to the next. */
typedef struct tok_state {
	uint32_t pending; /* MC_TOK_SPACE / NL / PARA seen since the last token */
	unsigned nl_run;  /* line breaks since the last token (2 means two or more) */
	bool sent_next;   /* the next token starts a sentence */
} tok_state;

/* White space before the next token, with nl line breaks in it. */
static inline void add_space(tok_state *st, unsigned nl)
{
	st->pending |= MC_TOK_SPACE;
	if (nl) {
		st->pending |= MC_TOK_NL;
		st->nl_run += nl;
		if (st->nl_run >= 2)
			st->pending |= MC_TOK_PARA;
	}
}

/* Append the token s[start..end) with its own flags f (what comes before
 * it is added from st): sentence starts, then section headers.  Returns 0
 * or MC_ENOMEM. */
static inline __attribute__((always_inline)) int emit(mc_tokens *t, const char *s, size_t start, size_t end,
						       uint32_t f, tok_state *st)
{
	f |= st->pending;
	st->pending = 0;
	st->nl_run = 0;
	if (st->sent_next)
		f |= MC_TOK_SENT;
	st->sent_next = false;
	if (f & MC_TOK_PUNCT) {
		char c = s[start];
		if (c == '!' || c == '?' || c == ';')
			st->sent_next = true;
		else if (c == '.' && t->n) {
			const mc_token *p = &t->v[t->n - 1];
			bool glued = p->end == start;
			if (!glued || !(p->flags & MC_TOK_ALPHA) || !is_abbrev(s + p->start, p->end - p->start))
				st->sent_next = true;
		} else if (c == ':' && t->n && (t->v[t->n - 1].flags & MC_TOK_NL))
			st->sent_next = true;
	}
	if (f & MC_TOK_PARA)
		f |= MC_TOK_SENT;
	if (push(t, start, end, f) < 0)
		return MC_ENOMEM;
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
	return 0;
}

/* The tokenizer a character at a time (ASCII words eight bytes at a time),
 * from *pi, which is at a token or in white space, until *pi reaches
 * `limit` or the end; it may pass the limit to finish a token. */
static int tokenize_plain_until(mc_tokens *t, const char *s, size_t len, size_t *pi, size_t limit, tok_state *st)
{
	size_t i = *pi;
	while (i < len && i < limit) {
		size_t cn;
		bool up;
		int cls = char_class(s, len, i, &cn, &up);
		if (cls == C_SPACE || cls == C_NL) {
			add_space(st, cls == C_NL);
			i += cn;
			continue;
		}
		size_t start = i;
		uint32_t f = 0;
		if (cls == C_LETTER || cls == C_DIGIT) {
			if (cls == C_LETTER && up)
				f |= MC_TOK_CAP;
			f |= word_end(s, len, &i);
		} else {
			f |= cls == C_PUNCT ? MC_TOK_PUNCT : MC_TOK_OTHER;
			i += cn;
		}
		if (emit(t, s, start, i, f, st) < 0)
			return MC_ENOMEM;
	}
	*pi = i;
	return 0;
}

/* ---- 64-byte blocks classified at once ------------------------------------
 * The fast tokenizer reads the text in blocks of 64 bytes, each turned into
 * bit masks (bit k: byte base + k) of ASCII upper-case letters, lower-case
 * letters, digits, white space, line breaks and the bytes it leaves to the
 * plain tokenizer: non-ASCII bytes, apostrophes and control characters.
 * In a block with none of those, every token is found from the masks: a
 * word starts at a word byte after a non-word byte and ends at the next
 * zero bit, every other non-space byte is a punctuation token, and the
 * white space between holds the line breaks.  A block with one of those
 * is read by the plain tokenizer, which the tests also hold the fast one
 * to, and which is the whole tokenizer where SSE2 is missing. */
#if defined(__SSE2__)
#include <emmintrin.h>

typedef struct blk {
	size_t base;                    /* offset of the block's first byte */
	uint64_t up, lo, dg, sp, nl, x; /* see above */
	uint64_t valid;                 /* the bytes before the end of the text */
	uint64_t w, tok;                /* word bytes; token bytes (not space) */
	unsigned end;                   /* the number of valid bytes */
} blk;

/* The masks of a block from its classified bytes (the same for every
 * instruction set): valid is the bytes before the end of the text. */
static inline void blk_set(blk *b, size_t base, uint64_t valid, uint64_t m_up, uint64_t m_lo, uint64_t m_dg,
			   uint64_t m_sp, uint64_t m_nl, uint64_t m_x)
{
	b->base = base;
	b->valid = valid;
	b->up = m_up, b->lo = m_lo, b->dg = m_dg, b->sp = m_sp, b->nl = m_nl;
	b->x = m_x & valid;
	b->w = m_up | m_lo | m_dg;
	b->tok = ~m_sp & valid;
	b->end = ~valid ? (unsigned)__builtin_ctzll(~valid) : 64;
}

/* The 64 bytes of s from base, a text's last block padded with spaces
 * into tail; *valid gets the bytes before the end of the text. */
static inline const unsigned char *blk_bytes(const char *s, size_t len, size_t base, unsigned char tail[64],
					     uint64_t *valid)
{
	const unsigned char *p = (const unsigned char *)s + base;
	*valid = ~0ull;
	if (len - base < 64) {
		memset(tail, ' ', 64);
		memcpy(tail, p, len - base);
		p = tail;
		*valid = (1ull << (len - base)) - 1;
	}
	return p;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_BLOCKS 1
/* blk_load with AVX2: two halves of 32 bytes instead of four of 16 (the
 * same signed compares); chosen at run time where the CPU has AVX2. */
__attribute__((target("avx2"))) static void blk_load_avx2(blk *b, const char *s, size_t len, size_t base)
{
	unsigned char tail[64];
	uint64_t valid;
	const unsigned char *p = blk_bytes(s, len, base, tail, &valid);
	uint64_t m_up = 0, m_lo = 0, m_dg = 0, m_sp = 0, m_nl = 0, m_x = 0;
	const __m256i d0 = _mm256_set1_epi8('0' - 1), d9 = _mm256_set1_epi8('9' + 1), ua = _mm256_set1_epi8('A' - 1),
		      uz = _mm256_set1_epi8('Z' + 1), la = _mm256_set1_epi8('a' - 1), lz = _mm256_set1_epi8('z' + 1),
		      sp = _mm256_set1_epi8(' '), nl = _mm256_set1_epi8('\n'), c8 = _mm256_set1_epi8(8),
		      c14 = _mm256_set1_epi8(14), apos = _mm256_set1_epi8('\''), del = _mm256_set1_epi8(0x7F);
	for (unsigned q = 0; q < 2; q++) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * q));
		__m256i dg = _mm256_and_si256(_mm256_cmpgt_epi8(v, d0), _mm256_cmpgt_epi8(d9, v));
		__m256i up = _mm256_and_si256(_mm256_cmpgt_epi8(v, ua), _mm256_cmpgt_epi8(uz, v));
		__m256i lo = _mm256_and_si256(_mm256_cmpgt_epi8(v, la), _mm256_cmpgt_epi8(lz, v));
		__m256i br = _mm256_cmpeq_epi8(v, nl);
		__m256i ws = _mm256_or_si256(_mm256_cmpeq_epi8(v, sp),
					     _mm256_and_si256(_mm256_cmpgt_epi8(v, c8), _mm256_cmpgt_epi8(c14, v)));
		__m256i x = _mm256_or_si256(_mm256_andnot_si256(ws, _mm256_cmpgt_epi8(sp, v)),
					    _mm256_or_si256(_mm256_cmpeq_epi8(v, del), _mm256_cmpeq_epi8(v, apos)));
		unsigned sh = 32 * q;
		m_dg |= (uint64_t)(uint32_t)_mm256_movemask_epi8(dg) << sh;
		m_up |= (uint64_t)(uint32_t)_mm256_movemask_epi8(up) << sh;
		m_lo |= (uint64_t)(uint32_t)_mm256_movemask_epi8(lo) << sh;
		m_nl |= (uint64_t)(uint32_t)_mm256_movemask_epi8(br) << sh;
		m_sp |= (uint64_t)(uint32_t)_mm256_movemask_epi8(ws) << sh;
		m_x |= (uint64_t)(uint32_t)_mm256_movemask_epi8(x) << sh;
	}
	blk_set(b, base, valid, m_up, m_lo, m_dg, m_sp, m_nl, m_x);
}
#endif

static void blk_load_sse2(blk *b, const char *s, size_t len, size_t base)
{
	unsigned char tail[64];
	uint64_t valid;
	const unsigned char *p = blk_bytes(s, len, base, tail, &valid);
	/* the masks are built in locals: p may alias *b */
	uint64_t m_up = 0, m_lo = 0, m_dg = 0, m_sp = 0, m_nl = 0, m_x = 0;
	const __m128i d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1), ua = _mm_set1_epi8('A' - 1),
		      uz = _mm_set1_epi8('Z' + 1), la = _mm_set1_epi8('a' - 1), lz = _mm_set1_epi8('z' + 1),
		      sp = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'), c8 = _mm_set1_epi8(8),
		      c14 = _mm_set1_epi8(14), apos = _mm_set1_epi8('\''), del = _mm_set1_epi8(0x7F);
	for (unsigned q = 0; q < 4; q++) {
		/* signed compares: bytes from 0x80 are negative, so in no range */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * q));
		__m128i dg = _mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmplt_epi8(v, d9));
		__m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, ua), _mm_cmplt_epi8(v, uz));
		__m128i lo = _mm_and_si128(_mm_cmpgt_epi8(v, la), _mm_cmplt_epi8(v, lz));
		__m128i br = _mm_cmpeq_epi8(v, nl);
		/* ' ' and \t \n \v \f \r (9..13) */
		__m128i ws = _mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_and_si128(_mm_cmpgt_epi8(v, c8), _mm_cmplt_epi8(v, c14)));
		/* non-ASCII (negative), controls below ' ' other than white space, DEL, '\'' */
		__m128i x = _mm_or_si128(_mm_andnot_si128(ws, _mm_cmplt_epi8(v, sp)),
					 _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, apos)));
		unsigned sh = 16 * q;
		m_dg |= (uint64_t)(uint16_t)_mm_movemask_epi8(dg) << sh;
		m_up |= (uint64_t)(uint16_t)_mm_movemask_epi8(up) << sh;
		m_lo |= (uint64_t)(uint16_t)_mm_movemask_epi8(lo) << sh;
		m_nl |= (uint64_t)(uint16_t)_mm_movemask_epi8(br) << sh;
		m_sp |= (uint64_t)(uint16_t)_mm_movemask_epi8(ws) << sh;
		m_x |= (uint64_t)(uint16_t)_mm_movemask_epi8(x) << sh;
	}
	blk_set(b, base, valid, m_up, m_lo, m_dg, m_sp, m_nl, m_x);
}

/* Classify the block of s at base (a multiple of 64) into b. */
static void blk_load(blk *b, const char *s, size_t len, size_t base)
{
#if HAVE_AVX2_BLOCKS
	static _Atomic int avx2 = -1; /* every thread that finds it unset computes the same value */
	int have = atomic_load_explicit(&avx2, memory_order_relaxed);
	if (have < 0) {
		have = __builtin_cpu_supports("avx2") ? 1 : 0;
		atomic_store_explicit(&avx2, have, memory_order_relaxed);
	}
	if (have) {
		blk_load_avx2(b, s, len, base);
		return;
	}
#endif
	blk_load_sse2(b, s, len, base);
}

/* Bits [o, o + n) of a block (o + n <= 64). */
static inline uint64_t bit_range(unsigned o, unsigned n)
{
	return n == 64 ? ~0ull : ((1ull << n) - 1) << o;
}

/* Length of the run of set bits of `mask` from bit o; 64 - o when the
 * run reaches the block's end. */
static inline unsigned run_from(uint64_t mask, unsigned o)
{
	uint64_t stop = ~mask >> o;
	return stop ? (unsigned)__builtin_ctzll(stop) : 64 - o;
}

/* The white space of block b in bits [o, e). */
static inline void add_block_space(tok_state *st, const blk *b, unsigned o, unsigned e)
{
	uint64_t m = b->nl & bit_range(o, e - o);
	add_space(st, m ? (m & (m - 1) ? 2 : 1) : 0); /* one, or two or more: all nl_run tells apart */
}

/* The W_* and MC_TOK_* flags of the word bytes [o, o + n) of block b. */
static inline uint32_t block_word_flags(const blk *b, unsigned o, unsigned n)
{
	uint64_t r = bit_range(o, n);
	return ((b->up & r) ? MC_TOK_ALPHA | W_UP : 0) | ((b->lo & r) ? MC_TOK_ALPHA | W_LOW : 0) |
	       ((b->dg & r) ? MC_TOK_DIGIT : 0);
}

static int tokenize_fast(mc_tokens *t, const char *s, size_t len, tok_state *st)
{
	size_t i = 0;
	blk b;
	while (i < len) {
		blk_load(&b, s, len, i & ~(size_t)63);
		if (b.x) {
			if (tokenize_plain_until(t, s, len, &i, b.base + 64, st) < 0)
				return MC_ENOMEM;
			continue;
		}
		unsigned o = (unsigned)(i - b.base);
		for (;;) {
			uint64_t tok = o < 64 ? b.tok & ~0ull << o : 0; /* words and punctuation from o */
			if (!tok) {
				if (o < b.end)
					add_block_space(st, &b, o, b.end);
				i = b.base + b.end;
				break;
			}
			unsigned p = (unsigned)__builtin_ctzll(tok);
			if (p > o)
				add_block_space(st, &b, o, p);
			size_t start = b.base + p;
			if (!(b.w >> p & 1)) {
				if (emit(t, s, start, start + 1, MC_TOK_PUNCT, st) < 0)
					return MC_ENOMEM;
				o = p + 1;
				continue;
			}
			uint32_t f = (b.up >> p & 1) ? MC_TOK_CAP : 0;
			unsigned n = run_from(b.w, p);
			uint32_t acc = block_word_flags(&b, p, n);
			unsigned e = p + n;
			blk nb;
			bool next = false; /* nb is the block after b, for the fast reader */
			if (e == 64 && b.base + 64 < len) {
				/* the word may go on in the next block */
				blk_load(&nb, s, len, b.base + 64);
				while (!nb.x && (nb.w & 1)) {
					unsigned m = run_from(nb.w, 0);
					acc |= block_word_flags(&nb, 0, m);
					e = m;
					b = nb;
					if (m < 64 || b.base + 64 >= len)
						break;
					blk_load(&nb, s, len, b.base + 64);
				}
				if (nb.x && e == 64) {
					/* what follows the block is for the plain tokenizer:
					 * it reads this word again, whole */
					i = start;
					if (tokenize_plain_until(t, s, len, &i, i + 1, st) < 0)
						return MC_ENOMEM;
					break;
				}
				next = e == 64 && nb.base == b.base + 64;
			}
			f |= word_flags(acc);
			if (emit(t, s, start, b.base + e, f, st) < 0)
				return MC_ENOMEM;
			o = e;
			if (next) {
				/* the word ended with block b: go on in nb, read already */
				b = nb;
				o = 0;
			}
		}
	}
	return 0;
}
#define HAVE_FAST_TOKENIZER 1
#else
#define HAVE_FAST_TOKENIZER 0
#endif

/* The whole text, by blocks (fast) or a character at a time. */
static int tokenize(mc_tokens *t, const char *s, size_t len, mc_error *err, bool fast)
{
	tok_state st = { MC_TOK_SENT | MC_TOK_NL | MC_TOK_PARA, 0, true };
	size_t i = 0;
	t->n = 0;
#if HAVE_FAST_TOKENIZER
	int rc = fast ? tokenize_fast(t, s, len, &st) : tokenize_plain_until(t, s, len, &i, len, &st);
#else
	(void)fast;
	int rc = tokenize_plain_until(t, s, len, &i, len, &st);
#endif
	if (rc < 0) {
		mc_tokens_release(t);
		return mc_error_set(err, rc, "out of memory splitting text into tokens");
	}
	return 0;
}

int mc_text_tokenize(mc_tokens *t, const char *s, size_t len, mc_error *err)
{
	return tokenize(t, s, len, err, true);
}

int mc_text_tokenize_plain(mc_tokens *t, const char *s, size_t len, mc_error *err)
{
	return tokenize(t, s, len, err, false);
}

bool mc_text_is_label(const mc_tokens *t, const char *s, size_t i)
{
	return i < t->n && (t->v[i].flags & MC_TOK_HEADER) && (t->v[i].flags & MC_TOK_ALPHA);
}
