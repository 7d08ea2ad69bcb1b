/* The shape scanner: numbers, dates, codes and identifiers read by hand.
 *
 * These patterns begin with a digit or a letter class and carry no literal
 * a multi-pattern matcher can anchor on, so in Hyperscan they cost most of
 * the scan (every digit starts work in a dozen automata).  Here one loop
 * walks the tokens (an ASCII word token is a run of word characters; the
 * bytes of other tokens are read again); each run that starts at a word
 * boundary is offered only to the shapes its first characters allow (a
 * digit run of length 3 followed by '-' can be a phone, an SSN or a date;
 * a letter run can be a month, a prefixed ID, a VIN or an IBAN).
 *
 * The specification of each shape is its expression in patterns.c; this
 * file reports what Hyperscan + confirm would report for it: every end
 * once, with its leftmost start ("\b" is an ASCII word boundary, word =
 * [A-Za-z0-9_]).  tests/unit/test_phi.c and fuzz/fuzz_phi_shapes.c check
 * that equivalence against the expressions themselves. */
#include <pthread.h>
#include <string.h>

#include "phi/phi_int.h"

enum {
	C_DIGIT = 1, C_UPPER = 2, C_LOWER = 4, C_UNDER = 8, C_HEX = 16, C_SPACE = 32,
	C_WORD = C_DIGIT | C_UPPER | C_LOWER | C_UNDER,
	C_ALNUM = C_DIGIT | C_UPPER | C_LOWER
};

static unsigned char cls[256];

static pthread_once_t cls_once = PTHREAD_ONCE_INIT;

static void cls_init(void)
{
	for (int c = 0; c < 256; c++) {
		unsigned char v = 0;
		if (c >= '0' && c <= '9')
			v = C_DIGIT | C_HEX;
		else if (c >= 'A' && c <= 'Z')
			v = C_UPPER | (c <= 'F' ? C_HEX : 0);
		else if (c >= 'a' && c <= 'z')
			v = C_LOWER | (c <= 'f' ? C_HEX : 0);
		else if (c == '_')
			v = C_UNDER;
		else if (c == ' ' || (c >= '\t' && c <= '\r'))
			v = C_SPACE; /* PCRE's \s: space, \t \n \v \f \r */
		cls[c] = v;
	}
}

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

static bool is(const sh *x, size_t i, unsigned c)
{
	return i < x->len && (cls[x->s[i]] & c);
}

static bool ch(const sh *x, size_t i, char c)
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
static bool bnd_after(const sh *x, size_t i)
{
	return !is(x, i, C_WORD);
}

static size_t skip_space(const sh *x, size_t i)
{
	while (is(x, i, C_SPACE))
		i++;
	return i;
}

/* End of the run of digits at i; NONE when its length is outside [lo, hi]. */
static size_t digits(const sh *x, size_t i, size_t lo, size_t hi)
{
	size_t e = i;
	while (is(x, e, C_DIGIT))
		e++;
	return e - i >= lo && e - i <= hi ? e : NONE;
}

static unsigned long value(const sh *x, size_t a, size_t b)
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
static void emit(sh *x, unsigned id, size_t a, size_t b)
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

/* ---- field checks (one maximal digit run [a, b)) ------------------------ */

static bool month_num(const sh *x, size_t a, size_t b)      /* 0?[1-9]|1[0-2] */
{
	unsigned long v = value(x, a, b);
	return b - a <= 2 && v >= 1 && v <= 12;
}

static bool day_num(const sh *x, size_t a, size_t b)        /* 0?[1-9]|[12][0-9]|3[01] */
{
	unsigned long v = value(x, a, b);
	return b - a <= 2 && v >= 1 && v <= 31;
}

static bool century(const sh *x, size_t a)                  /* (?:19|20) */
{
	return (x->s[a] == '1' && x->s[a + 1] == '9') || (x->s[a] == '2' && x->s[a + 1] == '0');
}

static bool year4(const sh *x, size_t a, size_t b)          /* (?:19|20)[0-9]{2} */
{
	return b - a == 4 && century(x, a);
}

static bool day_loose(const sh *x, size_t a, size_t b)      /* [0-3]?[0-9] */
{
	return b - a == 1 || (b - a == 2 && x->s[a] <= '3');
}

/* An ordinal suffix (st|nd|rd|th, any case) at i. */
static bool ordinal(const sh *x, size_t i)
{
	return lower_eq(x, i, "st") || lower_eq(x, i, "nd") || lower_eq(x, i, "rd") ||
	       lower_eq(x, i, "th");
}

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

/* A month name or abbreviation exactly filling the letters [a, b):
 * jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|
 * sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)? */
static bool month_word(const sh *x, size_t a, size_t b)
{
	size_t n = b - a;
	if (n < 3 || n > 9)
		return false;
	const unsigned char *w = x->s + a;
	if (!month_initial(w[0]))
		return false;
	unsigned k = (unsigned)(w[0] | 0x20) << 16 | (unsigned)(w[1] | 0x20) << 8 | (w[2] | 0x20);
#define M3(c0, c1, c2) ((unsigned)(c0) << 16 | (unsigned)(c1) << 8 | (unsigned)(c2))
	const char *full;
	switch (k) {
	case M3('j', 'a', 'n'): full = "january"; break;
	case M3('f', 'e', 'b'): full = "february"; break;
	case M3('m', 'a', 'r'): full = "march"; break;
	case M3('a', 'p', 'r'): full = "april"; break;
	case M3('m', 'a', 'y'): return n == 3;
	case M3('j', 'u', 'n'): full = "june"; break;
	case M3('j', 'u', 'l'): full = "july"; break;
	case M3('a', 'u', 'g'): full = "august"; break;
	case M3('o', 'c', 't'): full = "october"; break;
	case M3('n', 'o', 'v'): full = "november"; break;
	case M3('d', 'e', 'c'): full = "december"; break;
	case M3('s', 'e', 'p'): /* sep, sept, sepember, september */
		return n == 3 || (n == 4 && (w[3] | 0x20) == 't') ||
		       (n == 8 && lower_eq_n(x, a, "sepember", 8)) ||
		       (n == 9 && lower_eq_n(x, a, "september", 9));
	default: return false;
	}
#undef M3
	return n == 3 || (n == strlen(full) && lower_eq_n(x, a, full, n));
}

/* MONTH\b at i: the end of the month word, or NONE. */
static size_t month_at(const sh *x, size_t i)
{
	size_t e = i;
	while (is(x, e, C_UPPER | C_LOWER))
		e++;
	return e > i && bnd_after(x, e) && month_word(x, i, e) ? e : NONE;
}

/* (?:19|20)?[0-9]{2}\b at i */
static size_t year_2or4(const sh *x, size_t i)
{
	size_t e = digits(x, i, 2, 4);
	if (e == NONE || !bnd_after(x, e) || e - i == 3 || (e - i == 4 && !century(x, i)))
		return NONE;
	return e;
}

/* ---- dates ------------------------------------------------------------- */

/* numeric dates starting at the digit run [a, b) */
static void numeric_dates(sh *x, size_t a, size_t b)
{
	size_t k = b - a;
	if (in(x, b, "/.-") && is(x, b + 1, C_DIGIT)) {
		size_t a2 = b + 1, b2 = digits(x, a2, 1, 99);
		bool sep2 = in(x, b2, "/.-") && is(x, b2 + 1, C_DIGIT);
		size_t a3 = b2 + 1, b3 = sep2 ? digits(x, a3, 1, 99) : NONE;
		if (k <= 2 && b2 - a2 <= 2 && b3 != NONE && bnd_after(x, b3)) {
			/* M/D/Y (year 2 or 4 digits), D/M/YYYY */
			if (month_num(x, a, b) && day_num(x, a2, b2) &&
			    (b3 - a3 == 2 || year4(x, a3, b3)))
				emit(x, PAT_DATE_MDY, a, b3);
			if (day_num(x, a, b) && month_num(x, a2, b2) && year4(x, a3, b3))
				emit(x, PAT_DATE_DMY, a, b3);
		}
		if (year4(x, a, b) && b3 != NONE && month_num(x, a2, b2) && day_num(x, a3, b3)) {
			/* YYYY-MM-DD, optionally with a time */
			size_t end = bnd_after(x, b3) ? b3 : NONE;
			if (in(x, b3, " T")) {
				size_t h = digits(x, b3 + 1, 1, 2);
				if (h != NONE && (h - b3 - 1 == 1 || x->s[b3 + 1] <= '2') && ch(x, h, ':')) {
					size_t mm = digits(x, h + 1, 2, 2);
					if (mm != NONE && x->s[h + 1] <= '5' && bnd_after(x, mm)) {
						end = mm;
						size_t ss = ch(x, mm, ':') ? digits(x, mm + 1, 2, 2) : NONE;
						if (ss != NONE && x->s[mm + 1] <= '5' && bnd_after(x, ss))
							end = ss;
					}
				}
			}
			if (end != NONE)
				emit(x, PAT_DATE_YMD, a, end);
		}
		if (x->s[b] == '/' && month_num(x, a, b) && day_num(x, a2, b2) && bnd_after(x, b2))
			emit(x, PAT_DATE_MD, a, b2);
		if (x->s[b] != '.' && month_num(x, a, b) && year4(x, a2, b2) && bnd_after(x, b2))
			emit(x, PAT_DATE_MY, a, b2);
	}
	if (k == 8 && bnd_after(x, b) && century(x, a)) {
		unsigned long mo = value(x, a + 4, a + 6), dy = value(x, a + 6, a + 8);
		if (mo >= 1 && mo <= 12 && dy >= 1 && dy <= 31)
			emit(x, PAT_DATE_YMD8, a, b);
	}
}

/* [0-3]?[0-9] ORD? \s* (?:of\s+|-)? MONTH \b \.? (?:(?:,?\s*|-)(?:19|20)?[0-9]{2}\b)? */
static void day_month(sh *x, size_t a, size_t b)
{
	if (!day_loose(x, a, b))
		return;
	size_t best = NONE;
	for (int ord = 0; ord < 2; ord++) {
		size_t p = b;
		if (ord) {
			if (!ordinal(x, b))
				break;
			p = b + 2;
		}
		size_t q = skip_space(x, p);
		size_t starts[3] = { q, NONE, NONE };
		if (lower_eq(x, q, "of") && is(x, q + 2, C_SPACE))
			starts[1] = skip_space(x, q + 2);
		if (ch(x, q, '-'))
			starts[2] = q + 1;
		for (int k = 0; k < 3; k++) {
			if (starts[k] == NONE)
				continue;
			size_t m = month_at(x, starts[k]);
			if (m == NONE)
				continue;
			size_t end = ch(x, m, '.') ? m + 1 : m;
			size_t y = end;
			if (ch(x, y, '-')) {
				y = year_2or4(x, y + 1);
			} else {
				if (ch(x, y, ','))
					y++;
				y = year_2or4(x, skip_space(x, y));
			}
			if (y != NONE)
				end = y;
			if (best == NONE || end > best)
				best = end;
		}
	}
	if (best != NONE)
		emit(x, PAT_DATE_D_MON, a, best);
}

/* \b MONTH \.?,?\s* [0-3]?[0-9] ORD? \b (,?\s*(19|20)[0-9]{2}\b)?  and
 * \b MONTH \.?,?\s+ (of\s+)? (19|20)[0-9]{2}\b, the month filling [a, l) */
static void month_dates(sh *x, size_t a, size_t l)
{
	size_t p = l;
	if (ch(x, p, '.'))
		p++;
	if (ch(x, p, ','))
		p++;
	size_t q = skip_space(x, p);
	size_t d = digits(x, q, 1, 2);
	if (d != NONE && day_loose(x, q, d)) {
		size_t e = NONE;
		if (bnd_after(x, d))
			e = d;
		else if (ordinal(x, d) && bnd_after(x, d + 2))
			e = d + 2;
		if (e != NONE) {
			size_t y = ch(x, e, ',') ? e + 1 : e;
			y = skip_space(x, y);
			size_t ye = digits(x, y, 4, 4);
			if (ye != NONE && year4(x, y, ye) && bnd_after(x, ye))
				e = ye;
			emit(x, PAT_DATE_MON_D, a, e);
		}
	}
	if (q > p) {
		size_t ye = digits(x, q, 4, 4);
		if (ye == NONE && lower_eq(x, q, "of") && is(x, q + 2, C_SPACE)) {
			q = skip_space(x, q + 2);
			ye = digits(x, q, 4, 4);
		}
		if (ye != NONE && year4(x, q, ye) && bnd_after(x, ye))
			emit(x, PAT_DATE_MON_Y, a, ye);
	}
}

/* \b(on|by|...)\s+the\s+ [0-3]?[0-9] ORD \b, the number at [a, b) */
static void the_nth(sh *x, size_t a, size_t b)
{
	static const struct { const char *w; size_t n; } prep[] = { { "on", 2 }, { "by", 2 },
		{ "until", 5 }, { "till", 4 }, { "since", 5 }, { "before", 6 }, { "after", 5 },
		{ "from", 4 }, { "of", 2 }, { "is", 2 }, { "monday", 6 }, { "tuesday", 7 }, { "wednesday", 9 },
		{ "thursday", 8 }, { "friday", 6 }, { "saturday", 8 }, { "sunday", 6 } };
	if (!day_loose(x, a, b) || !ordinal(x, b) || !bnd_after(x, b + 2))
		return;
	size_t p = a;
	if (p == 0 || !is(x, p - 1, C_SPACE))
		return;
	while (p > 0 && is(x, p - 1, C_SPACE))
		p--;
	if (p < 3 || !lower_eq(x, p - 3, "the"))
		return;
	p -= 3;
	if (p == 0 || !is(x, p - 1, C_SPACE))
		return;
	while (p > 0 && is(x, p - 1, C_SPACE))
		p--;
	size_t w = p;
	while (w > 0 && is(x, w - 1, C_WORD))
		w--;
	for (size_t k = 0; k < sizeof(prep) / sizeof(prep[0]); k++)
		if (prep[k].n == p - w && lower_eq_n(x, w, prep[k].w, prep[k].n)) {
			emit(x, PAT_DATE_THE_NTH, w, b + 2);
			return;
		}
}

/* ---- ages over 89 -------------------------------------------------------- */

/* Does an age phrase follow the 2-3 digit number ending at b?  The three
 * age expressions; the post-check keeps only the number. */
static int age_after(const sh *x, size_t a, size_t b)
{
	/* \b(?:9[0-9]|1[0-2][0-9])\s*(?:-|\s)\s*(?:year|yr) */
	size_t p = skip_space(x, b), q = p;
	bool dash = ch(x, p, '-');
	if (dash)
		q = skip_space(x, p + 1);
	bool y90 = (b - a == 2 && x->s[a] == '9') || (b - a == 3 && x->s[a] == '1' && x->s[a + 1] <= '2');
	if (y90 && (dash || p > b) && (lower_eq(x, q, "year") || lower_eq(x, q, "yr")))
		return PAT_AGE_YEAR;
	/* \s*(?:yo|y/o|y\.o\.|yr\s+old|year\s+old) */
	if (lower_eq(x, p, "yo") || lower_eq(x, p, "y/o") || lower_eq(x, p, "y.o."))
		return PAT_AGE_YO;
	for (size_t n = 2; n <= 4; n += 2) { /* "yr", "year" */
		if (lower_eq_n(x, p, n == 2 ? "yr" : "year", n) && is(x, p + n, C_SPACE) &&
		    lower_eq(x, skip_space(x, p + n), "old"))
			return PAT_AGE_YO;
	}
	/* \s*-?\s*(?:years?|yrs?|y)\.?\s*-?\s*(?:old|o\.?)\b */
	static const struct { const char *w; size_t n; } unit[] = { { "years", 5 }, { "year", 4 },
		{ "yrs", 3 }, { "yr", 2 }, { "y", 1 } };
	if (!ch(x, q, 'y') && !ch(x, q, 'Y'))
		return -1;
	for (size_t k = 0; k < sizeof(unit) / sizeof(unit[0]); k++) {
		if (!lower_eq_n(x, q, unit[k].w, unit[k].n))
			continue;
		size_t e = q + unit[k].n;
		for (int dot = 0; dot < 2; dot++) {
			size_t f = e;
			if (dot) {
				if (!ch(x, e, '.'))
					break;
				f++;
			}
			f = skip_space(x, f);
			if (ch(x, f, '-'))
				f = skip_space(x, f + 1);
			if ((lower_eq(x, f, "old") && bnd_after(x, f + 3)) ||
			    (lower_eq(x, f, "o") && (bnd_after(x, f + 1) ||
						     (ch(x, f + 1, '.') && is(x, f + 2, C_WORD)))))
				return PAT_AGE_YEARS_OLD;
		}
	}
	return -1;
}

static void age(sh *x, size_t a, size_t b)
{
	if (b - a < 2 || b - a > 3)
		return;
	unsigned long v = value(x, a, b);
	if (v < 90 || v > 130)
		return;
	int id = age_after(x, a, b);
	if (id >= 0)
		emit(x, (unsigned)id, a, b);
}

/* ---- phones ----------------------------------------------------------------- */

/* (?:\s*(?:x|ext\.?|extension)\s*[0-9]{1,6})?\b after a phone ending at e:
 * reports the end with and without the extension. */
static void phone_end(sh *x, unsigned id, size_t start, size_t e)
{
	if (bnd_after(x, e))
		emit(x, id, start, e);
	size_t p = skip_space(x, e);
	static const struct { const char *w; size_t n; } ext[] = { { "extension", 9 },
		{ "ext.", 4 }, { "ext", 3 }, { "x", 1 } };
	for (size_t k = 0; k < sizeof(ext) / sizeof(ext[0]); k++) {
		if (!lower_eq_n(x, p, ext[k].w, ext[k].n))
			continue;
		size_t q = skip_space(x, p + ext[k].n);
		size_t d = digits(x, q, 1, 6);
		if (d != NONE && bnd_after(x, d)) {
			emit(x, id, start, d);
			return;
		}
	}
}

/* (?:\+?1[-. ]?)? before position st */
static size_t us_prefix(const sh *x, size_t st, bool paren)
{
	size_t p = st;
	if (p >= 2 && in(x, p - 1, "-. ") && x->s[p - 2] == '1')
		p -= 2;
	else if (paren && p >= 1 && x->s[p - 1] == '1')
		p -= 1;
	else
		return st;
	if (p >= 1 && x->s[p - 1] == '+')
		p--;
	return p;
}

static void phones(sh *x, size_t a, size_t b)
{
	size_t k = b - a;
	/* US: (?:\+?1[-. ]?)?(?:\([0-9]{3}\)|\b[0-9]{3})[-. ]?[0-9]{3}[-. ][0-9]{4}(ext)?\b */
	size_t mid = NONE;
	if (k == 3 && in(x, b, "-. "))
		mid = digits(x, b + 1, 3, 3);
	else if (k == 6)
		mid = b;
	if (mid != NONE && in(x, mid, "-. ")) {
		size_t e = digits(x, mid + 1, 4, 4);
		if (e != NONE)
			phone_end(x, PAT_PHONE_US, us_prefix(x, a, false), e);
	}
	if (k == 3 && a > 0 && x->s[a - 1] == '(' && ch(x, b, ')')) {
		size_t p = in(x, b + 1, "-. ") ? b + 2 : b + 1;
		size_t m = digits(x, p, 3, 3);
		if (m != NONE && in(x, m, "-. ")) {
			size_t e = digits(x, m + 1, 4, 4);
			if (e != NONE)
				phone_end(x, PAT_PHONE_US, us_prefix(x, a - 1, true), e);
		}
	}
	/* \b0[0-9]{2,4}([-. ][0-9]{2,4}){1,4}\b  and
	 * \b[0-9]{2}[-. ][0-9]{2,3}[-. ][0-9]{2,3}([-. ][0-9]{2,3}){0,2}\b */
	bool trunk = x->s[a] == '0' && k >= 3 && k <= 5;
	if ((trunk || k == 2) && in(x, b, "-. ")) {
		size_t e = b;
		for (int g = 1; g <= 4 && in(x, e, "-. "); g++) {
			size_t f = digits(x, e + 1, 2, trunk ? 4 : 3);
			if (f == NONE)
				break;
			e = f;
			if (bnd_after(x, e)) {
				if (trunk)
					emit(x, PAT_PHONE_TRUNK0, a, e);
				if (k == 2 && g >= 2)
					emit(x, PAT_PHONE_GROUPS, a, e);
			}
		}
	}
	/* \b[0-9]{3}[-. ][0-9]{4}\b */
	if (k == 3 && in(x, b, "-. ")) {
		size_t e = digits(x, b + 1, 4, 4);
		if (e != NONE && bnd_after(x, e))
			emit(x, PAT_PHONE_LOCAL, a, e);
	}
}

/* ---- other numbers -------------------------------------------------------- */

static bool octet(const sh *x, size_t a, size_t b) /* 25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9] */
{
	return b - a <= 2 || (b - a == 3 && value(x, a, b) >= 100 && value(x, a, b) <= 255);
}

/* a run of digits, separators from set, lengths in [lo, hi]: the end, or NONE */
static size_t group_n(const sh *x, size_t e, const char *set, size_t n, size_t lo, size_t hi)
{
	return in_n(x, e, set, n) ? digits(x, e + 1, lo, hi) : NONE;
}
#define group(x, e, set, lo, hi) group_n(x, e, "" set, sizeof(set) - 1, lo, hi)

static void numbers(sh *x, size_t a, size_t b)
{
	size_t k = b - a;
	if (k <= 3 && octet(x, a, b)) {
		size_t e = b;
		int g = 0;
		for (; g < 3; g++) {
			size_t f = group(x, e, ".", 1, 3);
			if (f == NONE || !octet(x, e + 1, f))
				break;
			e = f;
		}
		if (g == 3 && bnd_after(x, e))
			emit(x, PAT_IPV4, a, e);
	}
	if (k == 3) {
		size_t e = group(x, b, "-", 2, 2);
		e = e == NONE ? NONE : group(x, e, "-", 4, 4);
		if (e != NONE && bnd_after(x, e))
			emit(x, PAT_SSN, a, e);
	}
	if (k == 4) {
		size_t e = group(x, b, "- ", 4, 4);
		e = e == NONE ? NONE : group(x, e, "- ", 4, 4);
		e = e == NONE ? NONE : group(x, e, "- ", 1, 7);
		if (e != NONE && bnd_after(x, e))
			emit(x, PAT_CARD, a, e);
		e = group(x, b, "- ", 6, 6);
		e = e == NONE ? NONE : group(x, e, "- ", 5, 5);
		if (e != NONE && bnd_after(x, e))
			emit(x, PAT_CARD_AMEX, a, e);
	}
	if (k >= 6 && bnd_after(x, b))
		emit(x, PAT_LONGNUM, a, b);
	if (k >= 2) {
		size_t e = group(x, b, "-", 2, (size_t)-2);
		e = e == NONE ? NONE : group(x, e, "-", 3, (size_t)-2);
		if (e != NONE && bnd_after(x, e))
			emit(x, PAT_ID_DASHED, a, e);
	}
	if (k == 5) {
		size_t e = group(x, b, "-", 4, 4);
		if (e != NONE && bnd_after(x, e))
			emit(x, PAT_ZIP4, a, e);
	}
}

/* \b[A-Z][A-Za-z]+,?\s+(?:STATE)\s+[0-9]{5}(?:-[0-9]{4})?\b, the five digits at [a, b) */
static void city_state_zip(sh *x, size_t a, size_t b)
{
	static const char states[] = "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD "
		"MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA "
		"WV WI WY DC ";
	if (b - a != 5 || a < 6 || !is(x, a - 1, C_SPACE))
		return;
	size_t p = a;
	while (p > 0 && is(x, p - 1, C_SPACE))
		p--;
	if (p < 4 || !is(x, p - 1, C_UPPER) || !is(x, p - 2, C_UPPER) || !is(x, p - 3, C_SPACE))
		return;
	bool found = false;
	for (size_t k = 0; k + 2 < sizeof(states) && !found; k += 3)
		found = states[k] == (char)x->s[p - 2] && states[k + 1] == (char)x->s[p - 1];
	if (!found)
		return;
	p -= 2;
	while (p > 0 && is(x, p - 1, C_SPACE))
		p--;
	if (p > 0 && x->s[p - 1] == ',')
		p--;
	size_t w = p;
	while (w > 0 && is(x, w - 1, C_UPPER | C_LOWER))
		w--;
	if (p - w < 2 || !is(x, w, C_UPPER) || (w > 0 && is(x, w - 1, C_WORD)))
		return;
	size_t e = bnd_after(x, b) ? b : NONE;
	size_t f = group(x, b, "-", 4, 4);
	if (f != NONE && bnd_after(x, f))
		e = f;
	if (e != NONE)
		emit(x, PAT_CITY_STATE_ZIP, w, e);
}

/* ---- letter-led codes ---------------------------------------------------- */

/* \b(?:iban)?[A-Z]{2}[0-9]{2}\s?(?:[A-Z0-9]{4}\s?){2,7}[A-Z0-9]{1,4}\b */
static void iban(sh *x, size_t a)
{
	size_t h = a; /* the two letters; "iban" (lower case only) may come first */
	if (a + 4 <= x->len && memcmp(x->s + a, "iban", 4) == 0)
		h = a + 4;
	if (!(is(x, h, C_UPPER) && is(x, h + 1, C_UPPER) && is(x, h + 2, C_DIGIT) &&
	      is(x, h + 3, C_DIGIT)))
		return;
	/* then 9-32 characters in blocks of four; one white-space character
	 * may follow the head and each complete block (up to the seventh) */
	size_t p = h + 4, n = 0;
	if (is(x, p, C_SPACE))
		p++;
	while (p < x->len) {
		if (is(x, p, C_UPPER | C_DIGIT)) {
			p++;
			n++;
			if (n >= 9 && bnd_after(x, p))
				emit(x, PAT_IBAN, a, p);
			if (n == 32)
				break;
		} else if (is(x, p, C_SPACE) && n % 4 == 0 && n > 0 && n <= 28 && !is(x, p - 1, C_SPACE)) {
			p++;
		} else {
			break;
		}
	}
}

/* \b[A-Za-z]{1,3}-?[0-9]{5,}[A-Za-z0-9]*\b, letters [a, l) of the run [a, e) */
static void prefixed_id(sh *x, size_t a, size_t l, size_t e)
{
	if (l - a > 3)
		return;
	size_t d = l;
	if (l == e && ch(x, l, '-'))
		d = l + 1;
	size_t f = digits(x, d, 5, (size_t)-2);
	if (f == NONE)
		return;
	while (is(x, f, C_ALNUM))
		f++;
	if (bnd_after(x, f))
		emit(x, PAT_ID_PREFIXED, a, f);
}

/* \b[A-HJ-NPR-Z0-9]{17}\b over the word run [a, e) */
static void vin(sh *x, size_t a, size_t e)
{
	if (e - a != 17)
		return;
	for (size_t i = a; i < e; i++) {
		unsigned char c = x->s[i];
		if (!(cls[c] & (C_DIGIT | C_UPPER)) || c == 'I' || c == 'O' || c == 'Q')
			return;
	}
	emit(x, PAT_VIN, a, e);
}

/* ---- IPv6 ---------------------------------------------------------------- */

/* [0-9a-fA-F]{1,4} at i followed by a non-word char or ':': its end, or NONE */
static size_t hex4(const sh *x, size_t i)
{
	size_t e = i;
	while (e < i + 5 && is(x, e, C_HEX))
		e++;
	return e > i && e - i <= 4 ? e : NONE;
}

/* \b(?:H:){7}H\b  and  \b(?:H:){1,6}:(?:H(?::H){0,5})?\b, starting at a */
static void ipv6(sh *x, size_t a)
{
	size_t e, p = a;
	/* full form */
	for (int groups = 0; groups < 8; groups++) {
		e = hex4(x, p);
		if (e == NONE)
			break;
		if (groups == 7) {
			if (bnd_after(x, e))
				emit(x, PAT_IPV6, a, e);
			break;
		}
		if (!ch(x, e, ':'))
			break;
		p = e + 1;
	}
	/* compressed form: 1-6 groups, "::", then up to 6 groups */
	p = a;
	for (int g = 1; g <= 6; g++) {
		e = hex4(x, p);
		if (e == NONE || !ch(x, e, ':'))
			return;
		if (ch(x, e + 1, ':')) {
			/* (a match ending right after "::", with \b before a word
			 * character, is one Hyperscan does not report: nor do we) */
			size_t q = e + 2;
			for (int t = 0; t < 6; t++) {
				size_t f = hex4(x, q);
				if (f == NONE)
					break;
				if (bnd_after(x, f))
					emit(x, PAT_IPV6_SHORT, a, f);
				if (!ch(x, f, ':'))
					break;
				q = f + 1;
			}
			return;
		}
		p = e + 1;
	}
}

/* ---- the loop ------------------------------------------------------------ */

/* ---- e-mail addresses, domains, "#" and "ID" labels ---------------------- */

/* \b at i: the characters on either side differ in being word characters */
static bool bnd_at(const sh *x, size_t i)
{
	return (i > 0 && is(x, i - 1, C_WORD)) != is(x, i, C_WORD);
}

/* [A-Za-z0-9-] (a label character of a domain) */
static bool label_char(const sh *x, size_t i)
{
	return is(x, i, C_ALNUM) || ch(x, i, '-');
}

/* \b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b
 * for the '@' at p: the local part's leftmost start, then every end the
 * domain allows (after each '.' that follows whole labels, a run of two or
 * more letters that a non-word character ends). */
static void email_at(sh *x, size_t p)
{
	size_t r = p;
	while (r > 0 && (is(x, r - 1, C_ALNUM) || in(x, r - 1, "._%+-")))
		r--;
	size_t a = r;
	while (a < p && !bnd_at(x, a))
		a++;
	if (a == p)
		return;
	size_t i = p + 1, label = 0;
	for (; i < x->len && (label_char(x, i) || ch(x, i, '.')); i++) {
		if (x->s[i] != '.') {
			label++;
			continue;
		}
		if (!label)
			return; /* an empty label: nothing from here on matches */
		label = 0;
		size_t e = i + 1;
		while (is(x, e, C_UPPER | C_LOWER))
			e++;
		if (e - i - 1 >= 2 && bnd_after(x, e))
			emit(x, PAT_EMAIL, a, e);
	}
}

/* The top-level domains of PAT_DOMAIN (any case), longest first where one
 * is a prefix of another ("info" before "in", "care" before "ca"). */
typedef struct lit { const char *w; size_t n; } lit; /* a literal and its length */
#define LIT(s) { "" s, sizeof(s) - 1 }
static const lit tld[] = { LIT("com"), LIT("org"), LIT("net"), LIT("edu"), LIT("gov"), LIT("mil"), LIT("info"),
			   LIT("biz"), LIT("io"), LIT("us"), LIT("uk"), LIT("care"), LIT("ca"), LIT("au"),
			   LIT("de"), LIT("fr"), LIT("es"), LIT("it"), LIT("nl"), LIT("be"), LIT("at"), LIT("ch"),
			   LIT("pl"), LIT("cz"), LIT("hu"), LIT("fi"), LIT("se"), LIT("no"), LIT("dk"), LIT("ee"),
			   LIT("pt"), LIT("gr"), LIT("cy"), LIT("ru"), LIT("jp"), LIT("cn"), LIT("in"), LIT("br"),
			   LIT("mx"), LIT("nz"), LIT("ie"), LIT("eu"), LIT("health") };

/* The leftmost start of \b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)* ending at the
 * '.' at d, or NONE: the labels before d without an empty one, from the
 * first position that is no '.' and has a word boundary.  Amortised over
 * the dots of one run (the sh dom_* fields). */
static size_t domain_start(sh *x, size_t d)
{
	if (d == 0 || !label_char(x, d - 1))
		return NONE;
	bool same = x->dom_hi != NONE && x->dom_hi <= d;
	for (size_t i = same ? x->dom_hi : d; same && i < d; i++)
		same = label_char(x, i) || (x->s[i] == '.' && !ch(x, i + 1, '.') && (i == 0 || x->s[i - 1] != '.'));
	if (!same) {
		size_t lo = d;
		while (lo > 0 && (label_char(x, lo - 1) || (x->s[lo - 1] == '.' && !ch(x, lo, '.'))))
			lo--;
		while (ch(x, lo, '.'))
			lo++; /* a label comes first */
		x->dom_lo = x->dom_cur = lo;
		x->dom_first = NONE;
	}
	x->dom_hi = d;
	for (; x->dom_first == NONE && x->dom_cur < d; x->dom_cur++)
		if (x->s[x->dom_cur] != '.' && bnd_at(x, x->dom_cur))
			x->dom_first = x->dom_cur;
	return x->dom_first;
}

/* PAT_DOMAIN for the '.' at d: a listed domain after it, then \b or a path
 * (?:/[^\s<>"']*)?\b, each end with the labels' leftmost start. */
static void domain_dot(sh *x, size_t d)
{
	if (d + 3 > x->len || !is(x, d + 1, C_UPPER | C_LOWER))
		return;
	size_t a = NONE;
	for (size_t k = 0; k < sizeof(tld) / sizeof(tld[0]); k++) {
		size_t n = tld[k].n, e = d + 1 + n;
		if (!lower_eq_n(x, d + 1, tld[k].w, n))
			continue;
		bool path = ch(x, e, '/');
		if (!path && !bnd_after(x, e))
			continue;
		if (e <= x->dom_path_end)
			return; /* inside a path reported whole, from a start further left */
		if (a == NONE && (a = domain_start(x, d)) == NONE)
			return;
		if (bnd_after(x, e))
			emit(x, PAT_DOMAIN, a, e);
		if (path) {
			size_t q = e + 1;
			while (q < x->len && !is(x, q, C_SPACE) && !in(x, q, "<>\"'"))
				q++;
			for (size_t i = e + 1; i <= q; i++)
				if (bnd_at(x, i))
					emit(x, PAT_DOMAIN, a, i);
			if (q > x->dom_path_end)
				x->dom_path_end = q;
		}
	}
}

/* \s*(?:[:#] or, with eq, [:#=])?\s*[A-Za-z0-9] from i, for the label that
 * starts at a: each end just past a value's first character, whose value
 * the caller reads (as for the Hyperscan form). */
static void heads_after(sh *x, unsigned id, size_t a, size_t i, bool eq)
{
	size_t p = skip_space(x, i);
	if (is(x, p, C_ALNUM))
		emit(x, id, a, p + 1);
	else if (in(x, p, ":#") || (eq && ch(x, p, '='))) {
		p = skip_space(x, p + 1);
		if (is(x, p, C_ALNUM))
			emit(x, id, a, p + 1);
	}
}

/* The label patterns' SEP then HEAD after a label [a, i):
 * \s*(?:number|num|no\.?|#|id|identifier)?\s*[:#=]?\s*[A-Za-z0-9], any case. */
static void sep_heads(sh *x, unsigned id, size_t a, size_t i)
{
	static const lit word[] = { LIT("number"), LIT("num"), LIT("no."), LIT("no"), LIT("#"), LIT("id"),
				    LIT("identifier") };
	size_t q = skip_space(x, i);
	heads_after(x, id, a, q, true);
	for (size_t k = 0; k < sizeof(word) / sizeof(word[0]); k++)
		if (lower_eq_n(x, q, word[k].w, word[k].n))
			heads_after(x, id, a, q + word[k].n, true);
}

/* The "patient id" and "pt id" of PAT_MRN_LABEL (\b(?:patient|pt)\s+id\b
 * then SEP HEAD) for the word run "id" at [a, e). */
static void patient_id(sh *x, size_t a, size_t e)
{
	size_t j = a;
	while (j > 0 && is(x, j - 1, C_SPACE))
		j--;
	size_t k = j;
	while (k > 0 && is(x, k - 1, C_WORD))
		k--;
	if (j < a && ((j - k == 7 && lower_eq(x, k, "patient")) || (j - k == 2 && lower_eq(x, k, "pt"))))
		sep_heads(x, PAT_MRN_LABEL, k, e);
}

/* (?:\bid\b|#)\s*[:#]?\s*[A-Za-z0-9] for the label [a, i). */
static void id_label(sh *x, size_t a, size_t i)
{
	heads_after(x, PAT_ID_LABEL, a, i, false);
}

/* Offer the word run [a, e) (maximal, so a starts at a word boundary) to
 * the shapes its first characters allow; mixed: whether it has anything
 * but letters (digits or '_'). */
static void word_run(sh *x, size_t a, size_t e, bool mixed)
{
	const unsigned char *s = x->s;
	if (cls[s[a]] & C_DIGIT) {
		size_t b = a;
		while (b < e && (cls[s[b]] & C_DIGIT))
			b++;
		numeric_dates(x, a, b);
		if (b - a <= 2) {
			day_month(x, a, b);
			the_nth(x, a, b);
		}
		age(x, a, b);
		phones(x, a, b);
		numbers(x, a, b);
		city_state_zip(x, a, b);
	} else if (cls[s[a]] & (C_UPPER | C_LOWER)) {
		size_t l = e; /* the letters that start the run */
		if (mixed)
			for (l = a; l < e && (cls[s[l]] & (C_UPPER | C_LOWER));)
				l++;
		if (l - a >= 3 && l - a <= 9 && month_word(x, a, l))
			month_dates(x, a, l);
		if (l - a <= 3 && ((l < e && (cls[s[l]] & C_DIGIT)) || (l == e && ch(x, l, '-'))))
			prefixed_id(x, a, l, e);
		if (mixed && ((cls[s[a]] & C_UPPER) || s[a] == 'i'))
			iban(x, a); /* [A-Z]{2}[0-9]{2} starts the run */
		if (e - a == 2 && (s[a] | 0x20) == 'i' && (s[a + 1] | 0x20) == 'd') {
			id_label(x, a, e); /* a word run is \b-bounded */
			patient_id(x, a, e);
		}
	}
	if (e - a == 17 && mixed)
		vin(x, a, e); /* the post-check wants three digits */
	if (e - a <= 4 && ch(x, e, ':') && hex4(x, a) == e)
		ipv6(x, a);
}

static void sh_init(sh *x, const char *s, size_t len, phi_shape_cb cb, void *payload)
{
	pthread_once(&cls_once, cls_init);
	memset(x->nends, 0, sizeof(x->nends)); /* ends[] is read only where nends says */
	x->dom_lo = x->dom_hi = x->dom_first = x->dom_cur = NONE;
	x->dom_path_end = 0;
	x->stop = 0;
	x->s = (const unsigned char *)s;
	x->len = len;
	x->cb = cb;
	x->payload = payload;
}

/* Every word run of s[i..end) */
static void scan_bytes(sh *x, size_t i, size_t end)
{
	while (i < end && !x->stop) {
		if (!(cls[x->s[i]] & C_WORD)) {
			i++;
			continue;
		}
		size_t e = i;
		unsigned seen = 0;
		while (e < end && (cls[x->s[e]] & C_WORD))
			seen |= cls[x->s[e++]];
		word_run(x, i, e, seen & (C_DIGIT | C_UNDER));
		i = e;
	}
}

int phi_shapes_scan_tokens(const char *s, size_t len, const mc_tokens *t, phi_shape_cb cb,
			   void *payload)
{
	sh st, *x = &st;
	sh_init(x, s, len, cb, payload);
	size_t done = 0; /* bytes before this were read */
	for (size_t k = 0; k < t->n && !x->stop; k++) {
		const mc_token *tk = &t->v[k];
		if (tk->flags & MC_TOK_PUNCT) {
			/* the one-byte tokens the e-mail, domain and '#' label shapes start at */
			unsigned char c = x->s[tk->start];
			if (c == '@')
				email_at(x, tk->start);
			else if (c == '.')
				domain_dot(x, tk->start);
			else if (c == '#')
				id_label(x, tk->start, tk->start + 1);
			continue;
		}
		if (!(tk->flags & (MC_TOK_ALPHA | MC_TOK_DIGIT)) || tk->end <= done)
			continue;
		size_t a = tk->start > done ? tk->start : done, e = tk->end;
		if (a == tk->start && !(tk->flags & (MC_TOK_NONASCII | MC_TOK_APOS)) && !ch(x, e, '_') &&
		    !(a > 0 && x->s[a - 1] == '_')) {
			/* an ASCII word token is a word run; one of letters only can
			 * start a month date (3-9 letters opening with a month's), a
			 * prefixed ID ("ab-12345"), an IPv6 group ("fe80:") or an "ID"
			 * label, nothing else (word_run's letter branch) */
			size_t n = e - a;
			if ((tk->flags & MC_TOK_DIGIT) || (n >= 3 && n <= 9 && month_prefix(x->s + a)) ||
			    (n <= 4 && (ch(x, e, '-') || ch(x, e, ':'))) ||
			    (n == 2 && (x->s[a] | 0x20) == 'i' && (x->s[a + 1] | 0x20) == 'd'))
				word_run(x, a, e, tk->flags & MC_TOK_DIGIT);
			done = e;
			continue;
		}
		/* non-ASCII letters, apostrophes, '_': read the bytes of the word
		 * runs this token touches */
		while (a > done && is(x, a - 1, C_WORD))
			a--;
		while (is(x, e, C_WORD))
			e++;
		scan_bytes(x, a, e);
		done = e;
	}
	return x->stop;
}

bool phi_shapes_owns(unsigned id)
{
	switch (id) {
	case PAT_DATE_MDY: case PAT_DATE_DMY: case PAT_DATE_YMD: case PAT_DATE_MD:
	case PAT_DATE_MY: case PAT_DATE_YMD8: case PAT_DATE_MON_D: case PAT_DATE_D_MON:
	case PAT_DATE_MON_Y: case PAT_DATE_THE_NTH: case PAT_AGE_YEARS_OLD: case PAT_AGE_YO:
	case PAT_AGE_YEAR: case PAT_PHONE_US: case PAT_PHONE_TRUNK0: case PAT_PHONE_GROUPS:
	case PAT_PHONE_LOCAL: case PAT_IPV4: case PAT_IPV6: case PAT_IPV6_SHORT: case PAT_SSN:
	case PAT_VIN: case PAT_IBAN: case PAT_CARD: case PAT_CARD_AMEX: case PAT_LONGNUM:
	case PAT_ID_PREFIXED: case PAT_ID_DASHED: case PAT_CITY_STATE_ZIP: case PAT_ZIP4:
	case PAT_EMAIL: case PAT_DOMAIN: case PAT_ID_LABEL:
		return true;
	default:
		return false;
	}
}
