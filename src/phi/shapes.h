/* Internals of the shape scanner (shapes.c, shapes_num.c): the scanner
 * state, the character classes and the small readers every shape uses. */
#ifndef MC_PHI_SHAPES_H
#define MC_PHI_SHAPES_H

#include <string.h>

#include "phi/phi_int.h"

enum {
	C_DIGIT = 1, C_UPPER = 2, C_LOWER = 4, C_UNDER = 8, C_HEX = 16, C_SPACE = 32,
	C_WORD = C_DIGIT | C_UPPER | C_LOWER | C_UNDER,
	C_ALNUM = C_DIGIT | C_UPPER | C_LOWER
};

/* The class bits of every byte (set up once by phi_shapes_scan_tokens). */
extern unsigned char phi_shape_cls[256];

#define NONE ((size_t)-1)
enum { RING = 8 }; /* ends remembered per pattern, for "each end once" */

typedef struct sh {
	const unsigned char *s;
	size_t len;
	phi_shape_cb cb;
	void *payload;
	int stop;
	unsigned char nends[PAT_COUNT]; /* ends reported per pattern (saturating) */
	size_t ends[PAT_COUNT][RING];   /* the most recent ones */
	/* PAT_DOMAIN, kept from one '.' to the next so that a long run of
	 * labels is read once: the labels region [dom_lo, dom_hi), the first
	 * start found in it (dom_first) or how far it was searched (dom_cur),
	 * and the end of the last path whose ends were all reported */
	size_t dom_lo, dom_hi, dom_first, dom_cur, dom_path_end;
} sh;

static inline bool is(const sh *x, size_t i, unsigned c)
{
	return i < x->len && (phi_shape_cls[x->s[i]] & c);
}

static inline bool ch(const sh *x, size_t i, char c)
{
	return i < x->len && x->s[i] == (unsigned char)c;
}

/* Is s[i] one of the characters of set (a short literal, no NUL)? */
static inline bool in_n(const sh *x, size_t i, const char *set, size_t n)
{
	if (i >= x->len)
		return false;
	for (size_t k = 0; k < n; k++)
		if (x->s[i] == (unsigned char)set[k])
			return true;
	return false;
}
/* set must be a string literal (its size is taken) */
#define in(x, i, set) in_n(x, i, "" set, sizeof(set) - 1)

/* \b just after a word character at i-1: the next one is not a word char */
static inline bool bnd_after(const sh *x, size_t i)
{
	return !is(x, i, C_WORD);
}

static inline size_t skip_space(const sh *x, size_t i)
{
	while (is(x, i, C_SPACE))
		i++;
	return i;
}

/* End of the run of digits at i; NONE when its length is outside [lo, hi]. */
static inline size_t digits(const sh *x, size_t i, size_t lo, size_t hi)
{
	size_t e = i;
	while (is(x, e, C_DIGIT))
		e++;
	return e - i >= lo && e - i <= hi ? e : NONE;
}

static inline unsigned long value(const sh *x, size_t a, size_t b)
{
	unsigned long v = 0;
	for (size_t i = a; i < b && i < a + 9; i++)
		v = v * 10 + (x->s[i] - '0');
	return v;
}

/* Does s[i..] start with w (lower case ASCII, n bytes), in any case? */
static inline bool lower_eq_n(const sh *x, size_t i, const char *w, size_t n)
{
	if (i + n > x->len)
		return false;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = x->s[i + k];
		if (w[k] >= 'a' && w[k] <= 'z')
			c |= 0x20; /* fold letters only: 0x0f | 0x20 is '/' */
		if (c != (unsigned char)w[k])
			return false;
	}
	return true;
}
#define lower_eq(x, i, lit) lower_eq_n(x, i, "" lit, sizeof(lit) - 1)

/* Report (id, a, b) unless this end was reported for id already. */
static inline void emit(sh *x, unsigned id, size_t a, size_t b)
{
	if (x->stop || b <= a || b == NONE)
		return;
	unsigned n = x->nends[id], m = n < RING ? n : RING;
	for (unsigned k = 0; k < m; k++)
		if (x->ends[id][k] == b)
			return;
	x->ends[id][n % RING] = b;
	x->nends[id] = (unsigned char)(n + 1 == 2 * RING ? RING : n + 1);
	x->stop = x->cb(id, a, b, x->payload);
}


/* ---- shapes_num.c: the shapes led by a digit run [a, b) ------------------ */
void phi_shape_numeric_dates(sh *x, size_t a, size_t b);
void phi_shape_day_month(sh *x, size_t a, size_t b);
void phi_shape_the_nth(sh *x, size_t a, size_t b);
void phi_shape_age(sh *x, size_t a, size_t b);
void phi_shape_phones(sh *x, size_t a, size_t b);
void phi_shape_numbers(sh *x, size_t a, size_t b);
void phi_shape_city_state_zip(sh *x, size_t a, size_t b);
/* ... and by a month name s[a..l) */
bool phi_shape_month_word(const sh *x, size_t a, size_t b);
void phi_shape_month_dates(sh *x, size_t a, size_t l);

/* The first letters of month names: a, d, f, j, m, n, o, s (any case). */
static inline bool month_initial(unsigned char c)
{
	unsigned c0 = (unsigned)(c | 0x20) - 'a';
	return c0 < 26u && ((1u << c0) & (1u << 0 | 1u << 3 | 1u << 5 | 1u << 9 | 1u << 12 | 1u << 13 | 1u << 14 | 1u << 18));
}

/* Do the three ASCII letters at w open a month name (jan, feb, ... dec, any
 * case)?  One multiply hashes the 12 prefixes to distinct slots of a
 * 32-entry table (the multiplier found by search), so a word is tested
 * with one compare and no branch on its letters. */
static inline bool month_prefix(const unsigned char *w)
{
#define P3(c0, c1, c2) ((uint32_t)(c0) << 16 | (uint32_t)(c1) << 8 | (uint32_t)(c2))
	static const uint32_t slot[32] = {
		[7] = P3('j', 'a', 'n'), [29] = P3('f', 'e', 'b'), [14] = P3('m', 'a', 'r'), [12] = P3('a', 'p', 'r'),
		[15] = P3('m', 'a', 'y'), [0] = P3('j', 'u', 'n'), [4] = P3('j', 'u', 'l'), [18] = P3('a', 'u', 'g'),
		[21] = P3('s', 'e', 'p'), [17] = P3('o', 'c', 't'), [1] = P3('n', 'o', 'v'), [22] = P3('d', 'e', 'c'),
	};
	uint32_t k = P3(w[0] | 0x20, w[1] | 0x20, w[2] | 0x20);
#undef P3
	return slot[(uint32_t)(k * 0x6ec9d287u) >> 27] == k;
}


#endif
