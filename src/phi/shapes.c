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

#include "phi/shapes.h"

unsigned char phi_shape_cls[256];

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
		phi_shape_cls[c] = v;
	}
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
		if (!(phi_shape_cls[c] & (C_DIGIT | C_UPPER)) || c == 'I' || c == 'O' || c == 'Q')
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
	if (phi_shape_cls[s[a]] & C_DIGIT) {
		size_t b = a;
		while (b < e && (phi_shape_cls[s[b]] & C_DIGIT))
			b++;
		phi_shape_numeric_dates(x, a, b);
		if (b - a <= 2) {
			phi_shape_day_month(x, a, b);
			phi_shape_the_nth(x, a, b);
		}
		phi_shape_age(x, a, b);
		phi_shape_phones(x, a, b);
		phi_shape_numbers(x, a, b);
		phi_shape_city_state_zip(x, a, b);
	} else if (phi_shape_cls[s[a]] & (C_UPPER | C_LOWER)) {
		size_t l = e; /* the letters that start the run */
		if (mixed)
			for (l = a; l < e && (phi_shape_cls[s[l]] & (C_UPPER | C_LOWER));)
				l++;
		if (l - a >= 3 && l - a <= 9 && phi_shape_month_word(x, a, l))
			phi_shape_month_dates(x, a, l);
		if (l - a <= 3 && ((l < e && (phi_shape_cls[s[l]] & C_DIGIT)) || (l == e && ch(x, l, '-'))))
			prefixed_id(x, a, l, e);
		if (mixed && ((phi_shape_cls[s[a]] & C_UPPER) || s[a] == 'i'))
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
		if (!(phi_shape_cls[x->s[i]] & C_WORD)) {
			i++;
			continue;
		}
		size_t e = i;
		unsigned seen = 0;
		while (e < end && (phi_shape_cls[x->s[e]] & C_WORD))
			seen |= phi_shape_cls[x->s[e++]];
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

