/* The shape scanner's shapes led by a digit run or a month name: numeric
 * and month-name dates, "the 4th", ages over 89, phone numbers, SSNs,
 * card numbers, IPv4, long and dashed numbers, ZIP+4, "City, ST 12345".
 * Each follows its expression in patterns.c (see shapes.c). */
#include "phi/shapes.h"

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

/* A month name or abbreviation exactly filling the letters [a, b):
 * jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|
 * sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)? */
bool phi_shape_month_word(const sh *x, size_t a, size_t b)
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
	return e > i && bnd_after(x, e) && phi_shape_month_word(x, i, e) ? e : NONE;
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
void phi_shape_numeric_dates(sh *x, size_t a, size_t b)
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
void phi_shape_day_month(sh *x, size_t a, size_t b)
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
void phi_shape_month_dates(sh *x, size_t a, size_t l)
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
void phi_shape_the_nth(sh *x, size_t a, size_t b)
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

void phi_shape_age(sh *x, size_t a, size_t b)
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

void phi_shape_phones(sh *x, size_t a, size_t b)
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

void phi_shape_numbers(sh *x, size_t a, size_t b)
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
void phi_shape_city_state_zip(sh *x, size_t a, size_t b)
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

