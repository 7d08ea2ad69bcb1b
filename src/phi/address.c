/* Street addresses ("12 Oak Street", "Koskikatu 25", "Rue de Virton 38",
 * "NW 12th Ave"), extended over unit, town, state, postcode and country;
 * the rest of a line after "lives at" or "Address:"; postcodes after a
 * place name; units without a street ("Suite 377"). */
#include "phi/rules.h"

/* Endings of street names in other languages (Koskikatu, Hauptstrasse),
 * grouped by their last letter so a word is compared with a few at most. */
static bool foreign_street_suffix(const char *w, size_t n, bool cap)
{
	typedef struct { const char *s; unsigned char n; } suffix;
	static const suffix u_[] = { { "katu", 4 }, { "polku", 5 } };
	static const suffix n_[] = { { "gatan", 5 }, { "laan", 4 }, { "vagen", 5 }, { "v\xc3\xa4gen", 6 }, { "veien", 5 } };
	static const suffix a_[] = { { "gata", 4 }, { "utca", 4 }, { "ulica", 5 }, { "kuja", 4 } };
	static const suffix e_[] = { { "strasse", 7 }, { "stra\xc3\x9f\x65", 6 }, { "gade", 4 }, { "allee", 5 },
				     { "gasse", 5 }, { "tie", 3 } };
	static const suffix r_[] = { { "str", 3 }, { "t\xc3\xa9r", 4 }, { "ufer", 4 } };
	static const suffix g_[] = { { "weg", 3 }, { "steig", 5 }, { "ring", 4 } };
	static const suffix j_[] = { { "vej", 3 } };
	static const suffix z_[] = { { "platz", 5 } };
	static const suffix t_[] = { { "straat", 6 }, { "\xc3\xbat", 3 }, { "markt", 5 } };
	static const suffix m_[] = { { "damm", 4 } };
	if (n < 2 || (!cap && n > 7))
		return false; /* lower case counts only as the bare word ("tér") */
	const suffix *list;
	size_t count;
#define SUF(x) (list = (x), count = sizeof(x) / sizeof((x)[0]))
	switch ((unsigned char)w[n - 1] | 0x20) {
	case 'u': SUF(u_); break;
	case 'n': SUF(n_); break;
	case 'a': SUF(a_); break;
	case 'e': SUF(e_); break;
	case 'r': SUF(r_); break;
	case 'g': SUF(g_); break;
	case 'j': SUF(j_); break;
	case 'z': SUF(z_); break;
	case 't': SUF(t_); break;
	case 'm': SUF(m_); break;
	default: return false;
	}
#undef SUF
	for (size_t k = 0; k < count; k++) {
		size_t m = list[k].n;
		if (n >= m && (n > m + 2 || n == m) && ascii_caseeq(w + n - m, list[k].s, m))
			return cap || n == m;
	}
	return false;
}

static bool foreign_street_word(const view *v, size_t i)
{
	return is_word(v, i) && foreign_street_suffix(tstr(v, i), tlen(v, i), v->t[i].flags & MC_TOK_CAP);
}

static bool street_starter(const view *v, size_t i)
{
	return i < v->n && (v->df[i] & D_STREET_START) && (v->t[i].flags & MC_TOK_CAP);
}

/* After a street: unit, city, state, ZIP, country (same or next lines). */
static size_t address_tail(const view *v, size_t last)
{
	size_t j = last + 1, good = last;
	int lines = 0, words = 0;
	while (j < v->n && j < last + 16) {
		const mc_token *t = &v->t[j];
		if (t->flags & MC_TOK_NL) {
			if (++lines > 3 || (t->flags & MC_TOK_PARA))
				break;
		}
		if (t->flags & MC_TOK_HEADER)
			break;
		uint32_t f = v->df[j];
		if (t->flags & MC_TOK_PUNCT) {
			char c = v->s[t->start];
			if (c == ',' || c == '#' || c == '-' || c == '>' || c == '(' || c == ')' || c == '/')
				j++;
			else if (c == '.' && j > 0 && v->t[j - 1].end == t->start &&
				 ((v->df[j - 1] & (D_STREET | D_UNIT)) || tlen(v, j - 1) <= 2))
				j++;
			else
				break;
			continue;
		}
		if (t->flags & MC_TOK_DIGIT) {
			if (tlen(v, j) > 10)
				break;
			good = j++;
			words = 0;
			continue;
		}
		if (!(t->flags & MC_TOK_ALPHA))
			break;
		if (f & D_UNIT) {
			good = j++;
			continue;
		}
		bool caps = (v->st[j] & ST_CASELESS) && (v->st[j] & ST_WAS_UPPER);
		if (!(t->flags & MC_TOK_CAP) && !caps &&
		    !(tok_is(v, j, "de") || tok_is(v, j, "la") || tok_is(v, j, "di") || tok_is(v, j, "del") ||
		      tok_is(v, j, "am") || tok_is(v, j, "an")))
			break;
		if ((f & D_STOP) && !(f & (D_STATE | D_CITY | D_UNIT)))
			break;
		if ((f & (D_MONTH | D_TITLE)) || (f & D_MEDICAL))
			break;
		/* "12 Oak Ave. Also needs": a common word after the full stop that a
		 * lower-case word follows opens the next sentence, it is no town */
		if (is_punct(v, j - 1, '.') && (f & D_ENGLISH) && !(f & (D_CITY | D_PROPER | D_STATE)) && j + 1 < v->n &&
		    is_word(v, j + 1) && !(v->t[j + 1].flags & MC_TOK_CAP))
			break;
		if (++words > 4)
			break;
		if ((t->flags & MC_TOK_CAP) || (caps && (proper(v, j) || (f & (D_CITY | D_STATE)))))
			good = j;
		j++;
	}
	return good;
}

/* "NW 12th Ave", "5th Street": an ordinal street with no house number (the
 * unambiguous suffixes only: no "2nd View", "1st Place"); returns the
 * street word or -1, and the first token in *first. */
static size_t ordinal_street(const view *v, size_t i, size_t *first)
{
	const mc_token *t = v->t;
	size_t n = tlen(v, i);
	if (!(t[i].flags & MC_TOK_DIGIT) || !(t[i].flags & MC_TOK_ALPHA) || n < 3 || n > 5 || i + 1 >= v->n)
		return (size_t)-1;
	const char *w = tstr(v, i);
	size_t d = 0;
	while (d < n && w[d] >= '0' && w[d] <= '9')
		d++;
	if (d == 0 || d + 2 != n ||
	    !(ascii_caseeq(w + d, "st", 2) || ascii_caseeq(w + d, "nd", 2) || ascii_caseeq(w + d, "rd", 2) ||
	      ascii_caseeq(w + d, "th", 2)))
		return (size_t)-1;
	if (!(t[i + 1].flags & MC_TOK_CAP) ||
	    !is_class(v, i + 1, W_STREET_SHORT))
		return (size_t)-1;
	*first = i;
	if (i > 0 && (t[i - 1].flags & MC_TOK_CAP) && !(t[i].flags & MC_TOK_NL) &&
	    is_class(v, i - 1, W_COMPASS))
		*first = i - 1;
	return i + 1;
}

int phi_address_rule(view *v, size_t i, size_t *skip)
{
	size_t last = (size_t)-1;
	size_t ofirst;
	if ((last = ordinal_street(v, i, &ofirst)) != (size_t)-1) {
		last = address_tail(v, last);
		*skip = last;
		return phi_cand_add(v->d, v->t[ofirst].start, v->t[last].end, MC_PHI_ADDRESS, PRI_ADDRESS, R_ADDRESS_ORDINAL);
	}
	if (is_num(v, i, 6) && !(i > 0 && v->t[i - 1].end == v->t[i].start && (is_punct(v, i - 1, '.') || is_punct(v, i - 1, '/') || is_punct(v, i - 1, ':')))) {
		/* 12 [N] Oak [Hill] Street | 6750 Koskikatu 25 | 9448 175 Iroon Avenue */
		size_t j = i + 1;
		int words = 0;
		while (j < v->n && words < 5 && !(v->t[j].flags & MC_TOK_NL)) {
			/* (in text in capitals every word is capitalised: the lists say the rest) */
			bool caps = (v->st[j] & ST_CASELESS) && (v->st[j] & ST_WAS_UPPER);
			if (is_word(v, j) && ((v->t[j].flags & MC_TOK_CAP) || caps || tok_is(v, j, "de") || tok_is(v, j, "la"))) {
				/* (in capitals only the unambiguous suffixes: no "14 BEAT RUN", "AV") */
				if ((v->df[j] & D_STREET) && !(caps && !is_class(v, j, W_STREET_SHORT))) {
					if (words > 0) {
						last = j;
						break;
					}
				} else if (foreign_street_word(v, j)) {
					last = j;
					if (is_num(v, j + 1, 5))
						last = j + 1;
					break;
				} else if (street_starter(v, j)) {
					/* Rue de Virton 38 */
				} else if (v->df[j] & (D_MONTH | D_STOP | D_MEDICAL | D_TITLE)) {
					break;
				}
				words++;
				j++;
			} else if ((v->t[j].flags & MC_TOK_DIGIT) && (v->t[j].flags & MC_TOK_ALPHA) && words == 0) {
				j++; /* 175th */
				words++;
			} else if (is_num(v, j, 4) && words == 0) {
				j++;
			} else if (is_num(v, j, 5) && words > 0 && street_starter(v, i + 1)) {
				last = j;
				break;
			} else {
				break;
			}
		}
	} else if (is_word(v, i) && (v->t[i].flags & MC_TOK_CAP) && !(v->t[i].flags & MC_TOK_SENT && !(v->t[i].flags & MC_TOK_NL))) {
		/* Koskikatu 25 | Via delle Coste 41 | Erzsébet tér 19 */
		if (foreign_street_word(v, i) && is_num(v, i + 1, 5))
			last = i + 1;
		else if (street_starter(v, i) && !(v->df[i] & D_ENGLISH)) {
			size_t j = i + 1;
			int words = 0;
			while (j < v->n && words < 5 && is_word(v, j) && !(v->t[j].flags & MC_TOK_NL)) {
				j++;
				words++;
			}
			if (words > 0 && is_num(v, j, 5))
				last = j;
		} else if (is_word(v, i + 1) && foreign_street_word(v, i + 1) && is_num(v, i + 2, 5))
			last = i + 2;
	}
	if (last == (size_t)-1 && is_num(v, i, 6) && !(i > 0 && v->t[i - 1].end == v->t[i].start &&
							   (is_punct(v, i - 1, '.') || is_punct(v, i - 1, '/') || is_punct(v, i - 1, ':')))) {
		/* 20789 Allika 46 | 86036 Rua do Arenque 1634: number, names, number */
		size_t j = i + 1;
		int words = 0, specific = 0;
		while (j < v->n && words < 5 && !(v->t[j].flags & MC_TOK_NL) && is_word(v, j)) {
			uint32_t f = v->df[j];
			bool cap = v->t[j].flags & MC_TOK_CAP;
			if (f & (D_MEDICAL | D_STOP | D_MONTH | D_TITLE))
				break;
			if (!cap && (tlen(v, j) > 3 || words == 0))
				break;
			/* (an acronym in capitals is a measure: "PCWP 16 CO 6.6") */
			if ((v->t[j].flags & MC_TOK_UPPER) && tlen(v, j) <= 4)
				break;
			if (cap && !(f & D_ENGLISH))
				specific++;
			words++;
			j++;
		}
		if (words > 0 && specific > 0 && is_num(v, j, 5) && v->t[j].start > v->t[j - 1].end)
			last = j;
	}
	if (last == (size_t)-1)
		return 0;
	last = address_tail(v, last);
	*skip = last;
	size_t first = i;
	if (i > 0 && is_num(v, i - 1, 6) && !(v->t[i].flags & MC_TOK_NL) && v->t[i - 1].end < v->t[i].start)
		first = i - 1; /* a number before the street: "808 Kálmán Imre u. 12." */
	/* a flat or unit before the house number: "Flat 6, 19 Tanners Row", "Apt 4B, 12 Oak St" */
	if (first >= 3 && is_punct(v, first - 1, ',') && (v->t[first - 2].flags & MC_TOK_DIGIT) && tlen(v, first - 2) <= 4 &&
	    (v->t[first - 3].flags & MC_TOK_CAP) && !(v->t[first].flags & MC_TOK_NL) && !(v->t[first - 2].flags & MC_TOK_NL) &&
	    is_class(v, first - 3, W_FLAT))
		first -= 3;
	return phi_cand_add(v->d, v->t[first].start, v->t[last].end, MC_PHI_ADDRESS, PRI_ADDRESS, R_ADDRESS);
}

/* After "lives at", "address is", "sent to", "located at", "Address:": the
 * rest of the line up to a sentence end is an address when it holds a
 * number and a word ("255 hersnapvej 18, københavn k"). */
int phi_address_cue_rule(view *v, size_t i, size_t *skip)
{
	size_t k = i + 1;
	bool cue = false;
	if (tok_is(v, i, "at") || tok_is(v, i, "to") || tok_is(v, i, "in"))
		cue = prev_flags(v, i) & D_ADDR_VERB; /* lives, located, sent, shipped ... */
	else if (v->df[i] & D_ADDR_LABEL) {
		if (is_punct(v, k, ':'))
			k++, cue = true;
		else if (tok_is(v, k, "is"))
			k++, cue = true;
		else if (tok_is(v, k, "with") || tok_is(v, k, "to"))
			k++, cue = true;
	}
	if (!cue || k >= v->n)
		return 0;
	if (tok_is(v, k, "the") && tok_is(v, k + 1, "corner") && tok_is(v, k + 2, "of"))
		k += 3;
	/* "off at 0800, underlying SR": a time, unless a street follows */
	bool clock = !(v->df[i] & D_ADDR_LABEL) && clock_time(v, k) && !(v->df[k + 1 < v->n ? k + 1 : k] & D_STREET) &&
		     !(k + 2 < v->n && (v->df[k + 2] & D_STREET)) && !(k + 3 < v->n && (v->df[k + 3] & D_STREET));
	if (clock)
		return 0;
	size_t j = k, last = (size_t)-1;
	int digits = 0, words = 0;
	while (j < v->n && j < k + 16) {
		const mc_token *t = &v->t[j];
		if (j > k && (t->flags & MC_TOK_NL) && !(t->flags & MC_TOK_DIGIT))
			break;
		if (t->flags & MC_TOK_PUNCT) {
			char c = v->s[t->start];
			if (c == '?' || c == '!' || c == ';' || c == '"' || c == ':')
				break;
			/* a full stop ends it unless it closes an abbreviation or a number ("u. 12.") */
			if (c == '.' && !(j > k && v->t[j - 1].end == t->start && tlen(v, j - 1) <= 3) &&
			    (j + 1 >= v->n || (v->t[j + 1].flags & (MC_TOK_CAP | MC_TOK_NL))))
				break;
			j++;
			continue;
		}
		uint32_t f = v->df[j];
		if (t->flags & MC_TOK_DIGIT) {
			if (tlen(v, j) > 10)
				break;
			digits++;
		} else if (is_word(v, j)) {
			/* (a unit after a street: "1189 Lakeview Terrace, Unit 3") */
			bool unit = (f & D_UNIT) && digits > 0 && words > 0;
			if ((f & D_MONTH) || ((f & D_MEDICAL) && tlen(v, j) > 1 && !unit) ||
			    ((f & D_STOP) && !(f & (D_STATE | D_CITY | D_UNIT | D_STREET)) &&
			     !tok_is(v, j, "and") && !tok_is(v, j, "of") && !tok_is(v, j, "de")))
				break;
			words++;
		} else {
			break;
		}
		last = j++;
	}
	if (last == (size_t)-1 || digits == 0 || words == 0)
		return 0;
	*skip = last;
	return phi_cand_add(v->d, v->t[k].start, v->t[last].end, MC_PHI_ADDRESS, PRI_ADDRESS_CUE, R_ADDRESS_CUE);
}

/* A postal code after a place name: "in Tujetsch 7188", "Wrocław 53-320",
 * "ÖVERTURINGEN 840 24", "Skogstien 106 ASKER 1386". */
static bool postcode_at(const view *v, size_t i, size_t *end)
{
	if (!is_num(v, i, 5) || (v->t[i].flags & MC_TOK_ALPHA) || tlen(v, i) < 2)
		return false;
	size_t n = tlen(v, i);
	*end = i;
	/* 840 24, 53-320, 3610-114, 90010-170 */
	if (i + 2 < v->n && (is_punct(v, i + 1, '-') || (n == 3 && v->t[i + 1].start > v->t[i].end)) &&
	    v->t[i + 1].start == v->t[i].end && is_num(v, i + 2, 4) && !(v->t[i + 2].flags & MC_TOK_ALPHA)) {
		*end = i + 2;
		return true;
	}
	if (n == 3 && i + 1 < v->n && is_num(v, i + 1, 2) && tlen(v, i + 1) == 2 && !(v->t[i + 1].flags & MC_TOK_ALPHA) &&
	    !(v->t[i + 1].flags & MC_TOK_NL)) {
		*end = i + 1;
		return true;
	}
	return n >= 4;
}

int phi_postcode_rule(view *v, size_t i)
{
	size_t end;
	if (!postcode_at(v, i, &end) || i == 0)
		return 0;
	if (end == i + 2 && clock_time(v, i) && clock_time(v, end))
		return 0; /* "NPN 1900-0700": a shift */
	/* not a measurement or a count: "1500 mL", "1000 patients", "2000 units" */
	if (end + 1 < v->n && is_word(v, end + 1) && !(v->t[end + 1].flags & MC_TOK_NL) &&
	    ((v->df[end + 1] & D_MEDICAL) || tlen(v, end + 1) <= 3 || is_class(v, end + 1, W_COUNT_NOUN)) &&
	    !tok_is(v, end + 1, "in") && !tok_is(v, end + 1, "and"))
		return 0;
	if (end + 1 < v->n && (is_punct(v, end + 1, '%') || is_punct(v, end + 1, '/') || is_punct(v, end + 1, '.')) &&
	    end + 2 < v->n && (v->t[end + 2].flags & MC_TOK_DIGIT))
		return 0;
	/* one to three place words (capitalised or all caps) just before */
	size_t a = i, words = 0;
	bool specific = false;
	while (a > 0 && words < 3) {
		size_t p = a - 1;
		if (!is_word(v, p) || !(v->t[p].flags & MC_TOK_CAP))
			break;
		uint32_t f = v->df[p];
		if (f & (D_MONTH | D_TITLE | D_MEDICAL | D_DEGREE | D_UNIT) || ((f & D_STOP) && !(f & D_CITY)))
			break;
		/* "SVR 1100", "SBP 90-110", "MRN 000-77": a short word in capitals is a label */
		if ((v->t[p].flags & MC_TOK_UPPER) && tlen(v, p) <= 3 && !(f & (D_STATE | D_CITY | D_COUNTRY)) &&
		    !(end == i && tlen(v, i) == 5))
			break; /* (a five-digit code after a region: "LAPPEENRANTA SK 53650") */
		if (!(f & D_ENGLISH) || (f & (D_CITY | D_PROPER | D_COUNTRY)) || (v->t[p].flags & MC_TOK_UPPER))
			specific = true;
		a = p;
		words++;
		if (v->t[p].flags & MC_TOK_NL)
			break;
	}
	if (!words || !specific)
		return 0;
	/* the place is introduced: "in", ",", "at", a line start, a street number, or a country */
	bool intro = (v->t[a].flags & MC_TOK_NL) || (a > 0 && (tok_is(v, a - 1, "in") || tok_is(v, a - 1, "at") ||
							      is_punct(v, a - 1, ',') || is_punct(v, a - 1, '>') ||
							      (v->t[a - 1].flags & MC_TOK_DIGIT)));
	if (!intro && !(v->df[i - 1] & D_COUNTRY))
		return 0;
	int rc = phi_cand_add(v->d, v->t[i].start, v->t[end].end, MC_PHI_ZIP, PRI_POSTCODE, R_POSTCODE);
	if (rc == 0 && !(v->df[a] & (D_COUNTRY | D_STATE)))
		rc = phi_cand_add(v->d, v->t[a].start, v->t[i - 1].end, MC_PHI_CITY, PRI_TOWN, R_POSTCODE_TOWN);
	return rc;
}

/* Unit without a street: "Suite 377", "Apt. 4B" */
int phi_unit_rule(view *v, size_t i)
{
	if (!(v->df[i] & D_UNIT) || !(v->t[i].flags & MC_TOK_CAP))
		return 0;
	if (tok_is(v, i, "room") || tok_is(v, i, "floor") || tok_is(v, i, "unit") || tok_is(v, i, "fl") ||
	    tok_is(v, i, "rm"))
		return 0;
	size_t j = i + 1;
	if (is_punct(v, j, '.'))
		j++;
	if (is_punct(v, j, '#'))
		j++;
	if (j < v->n && (v->t[j].flags & MC_TOK_DIGIT) && tlen(v, j) <= 8)
		return phi_cand_add(v->d, v->t[i].start, v->t[j].end, MC_PHI_ADDRESS, PRI_BOX, R_UNIT);
	return 0;
}
