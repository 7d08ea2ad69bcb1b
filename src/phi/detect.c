/* Detection: patterns (patterns.c), then token rules for names, places
 * and addresses, then name propagation, then one merge into sorted,
 * non-overlapping spans with code-point offsets. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "phi/phi_int.h"

int phi_cand_add(mc_phi_doc *d, size_t start, size_t end, int type, int prio)
{
	if (end <= start)
		return 0;
	if (d->ncands == d->capcands) {
		size_t cap = d->capcands ? d->capcands * 2 : 64;
		phi_cand *v = mc_realloc(d->cands, cap * sizeof(*v));
		if (!v)
			return MC_ENOMEM;
		d->cands = v;
		d->capcands = cap;
	}
	((phi_cand *)d->cands)[d->ncands++] = (phi_cand){ start, end, type, prio };
	return 0;
}

/* ---- token views ----------------------------------------------------- */

typedef struct view {
	mc_phi_doc *d;
	const phi_dict *dict;
	const char *s;
	size_t len;
	const mc_token *t;
	size_t n;
	uint32_t *df;     /* dictionary flags per token (0 for non-words) */
	phi_key *key;     /* per word token: phi_dict_key of its dictionary form */
	unsigned char *name; /* per token: 1 when already part of a name */
	unsigned char *st;   /* per token: its name strength (word_strength) */
	size_t org_last;     /* the last token of the last organisation place_rules found */
} view;

static size_t tlen(const view *v, size_t i)
{
	return v->t[i].end - v->t[i].start;
}

static const char *tstr(const view *v, size_t i)
{
	return v->s + v->t[i].start;
}

static bool is_word(const view *v, size_t i)
{
	return i < v->n && (v->t[i].flags & MC_TOK_ALPHA) && !(v->t[i].flags & MC_TOK_DIGIT);
}

static bool is_punct(const view *v, size_t i, char c)
{
	return i < v->n && (v->t[i].flags & MC_TOK_PUNCT) && v->s[v->t[i].start] == c;
}

static bool tok_is_n(const view *v, size_t i, const char *w, size_t n)
{
	if (i >= v->n || tlen(v, i) != n)
		return false;
	const char *t = tstr(v, i);
	if (((unsigned char)t[0] | 0x20) != (unsigned char)w[0])
		return false;
	for (size_t k = 1; k < n; k++)
		if (tolower((unsigned char)t[k]) != w[k])
			return false;
	return true;
}

/* w is a lower-case string literal */
#define tok_is(v, i, w) tok_is_n((v), (i), (w), sizeof(w) - 1)

static bool is_num(const view *v, size_t i, size_t maxlen)
{
	return i < v->n && (v->t[i].flags & MC_TOK_DIGIT) && tlen(v, i) <= maxlen;
}

/* Token i is one of the n lower-case words w. */
static bool word_is_any(const view *v, size_t i, const char *const *w, size_t n)
{
	if (i >= v->n)
		return false;
	unsigned char c0 = (unsigned char)(v->s[v->t[i].start] | 0x20);
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)w[k][0] == c0 && tok_is_n(v, i, w[k], strlen(w[k])))
			return true;
	return false;
}

#define IS_ANY(v, i, ...) word_is_any((v), (i), (const char *const[]){ __VA_ARGS__ }, \
				      sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

static bool is_initial(const view *v, size_t i)
{
	return is_word(v, i) && tlen(v, i) == 1 && (v->t[i].flags & MC_TOK_CAP);
}

static bool ascii_caseeq(const char *a, const char *b, size_t n);

/* Does w[0..n) end as clinical words do (specialties, procedures, tests,
 * diseases, organisms, drug classes), with three letters or more before
 * the ending?  Read only for words no list knows: names with such endings
 * (Christine, Isabella) are in the name lists. */
static bool clinical_ending(const char *w, size_t n)
{
	/* the endings by their last letter, so that a word is compared with a few */
	static const char *const by_last[26] = {
		['a' - 'a'] = "emia aemia algia uria plasia ectasia bacteria plasma iella onella",
		['b' - 'a'] = "mab tinib",
		['e' - 'a'] = "azole prazole semide thiazide caine",
		['i' - 'a'] = "cocci",
		['l' - 'a'] = "olol",
		['m' - 'a'] = "ogram bacterium ium",
		['n' - 'a'] = "mycin micin icin cillin floxacin statin sartan parin",
		['r' - 'a'] = "bacter",
		['s' - 'a'] = "itis osis iasis coccus virus monas",
		['t' - 'a'] = "ologist",
		['y' - 'a'] = "ology ography oscopy ectomy otomy ostomy plasty opathy trophy",
	};
	unsigned last = ((unsigned char)w[n - 1] | 0x20) - 'a';
	if (n < 5 || last >= 26 || !by_last[last])
		return false;
	for (const char *e = by_last[last]; *e;) {
		size_t m = strcspn(e, " ");
		if (n >= m + 3 && ascii_caseeq(w + n - m, e, m))
			return true;
		e += m + (e[m] == ' ');
	}
	return false;
}

/* Token i glued by '-' to a lower-case word before it ("anti-Xa", not the
 * "al-" of "al-Rashid") or to a number after it ("Ki-67"). */
static bool glued_term(const view *v, size_t i)
{
	const mc_token *t = v->t;
	if (i >= 2 && (t[i - 1].flags & MC_TOK_PUNCT) && v->s[t[i - 1].start] == '-' && t[i - 1].end == t[i].start &&
	    t[i - 2].end == t[i - 1].start && (t[i - 2].flags & MC_TOK_ALPHA) && !(t[i - 2].flags & MC_TOK_CAP) &&
	    !(v->df[i - 2] & D_PARTICLE))
		return true;
	return i + 2 < v->n && (t[i + 1].flags & MC_TOK_PUNCT) && v->s[t[i + 1].start] == '-' &&
	       t[i + 1].start == t[i].end && t[i + 2].start == t[i + 1].end && (t[i + 2].flags & MC_TOK_DIGIT) &&
	       !(t[i + 2].flags & MC_TOK_ALPHA);
}

/* Token i is followed at once by a registered or trade mark sign
 * ("Sintrom®", "GranuFoam™"): a product. */
static bool trademark_after(const view *v, size_t i)
{
	size_t e = v->t[i].end;
	const unsigned char *p = (const unsigned char *)v->s + e;
	if (e + 2 > v->len || p[0] < 0xC2)
		return false;
	return (p[0] == 0xC2 && p[1] == 0xAE) || (e + 3 <= v->len && p[0] == 0xE2 && p[1] == 0x84 && p[2] == 0xA2);
}

/* Token i used as a drug: a dose follows ("Creon 36,000 units", "(Xtandi)
 * 160 mg") or, with verb_ok, a verb of prescribing comes before ("started
 * Eligard", "continue Kenalog").  Never right after a word with a name
 * strength (v->st, set for the tokens before i): "Mary Smith 2 tabs". */
static bool drug_use(const view *v, size_t i, bool verb_ok)
{
	if (i > 0 && (v->st[i - 1] & 3))
		return false;
	size_t j = i + 1;
	if (is_punct(v, j, ')'))
		j++;
	if (j < v->n && (v->t[j].flags & MC_TOK_DIGIT) && !(v->t[j].flags & MC_TOK_ALPHA) && !(v->t[j].flags & MC_TOK_NL)) {
		size_t k = j + 1;
		/* 36,000 and 2.5 */
		while (k + 1 < v->n && (is_punct(v, k, ',') || is_punct(v, k, '.')) && v->t[k].start == v->t[k - 1].end &&
		       (v->t[k + 1].flags & MC_TOK_DIGIT) && v->t[k + 1].start == v->t[k].end)
			k += 2;
		if (IS_ANY(v, k, "mg", "mcg", "g", "gm", "units", "unit", "ml", "meq", "iu", "tab", "tabs", "tablet",
			   "tablets", "puff", "puffs", "cap", "caps", "drops", "mg/kg", "mcg/kg"))
			return true;
	}
	if (!verb_ok || i == 0 || !is_word(v, i - 1) || (v->t[i - 1].flags & MC_TOK_CAP) || tlen(v, i - 1) < 4 ||
	    tlen(v, i - 1) > 12)
		return false;
	return IS_ANY(v, i - 1, "started", "start", "starting", "restarted", "restart", "continue", "continued",
			       "stopped", "stop", "discontinued", "hold", "held", "taking", "takes", "prescribed", "dose",
			       "increased", "decreased", "titrated", "switched", "trial");
}

/* Name strength of word token i: 3 a name and no common word, 2 a name that
 * is also a common word, 1 an unknown capitalised word, 0 not a name.
 * Computed once per token into v->st, which strength() reads. */
static int word_strength(const view *v, size_t i)
{
	if (!is_word(v, i))
		return 0;
	uint32_t f = v->df[i];
	uint32_t flags = v->t[i].flags;
	size_t n = tlen(v, i);
	if (f & (D_MEDICAL | D_MONTH | D_STOP | D_STREET | D_ORG_SUFFIX | D_COUNTRY | D_DEGREE | D_TITLE))
		return 0;
	if (n >= 3 && tstr(v, i)[n - 1] == 's') {
		/* PFTs, ADLs, DOBs: the plural of an acronym */
		bool caps = true;
		for (size_t k = 0; k + 1 < n && caps; k++)
			caps = tstr(v, i)[k] >= 'A' && tstr(v, i)[k] <= 'Z';
		if (caps)
			return 0;
	}
	/* a word of the store's vocabulary is no name, unless a name list says so */
	if ((f & D_VOCAB) && !(f & (D_FIRST | D_LAST)))
		return 0;
	if ((f & D_STATE) && n == 2)
		return 0;
	bool cap = flags & MC_TOK_CAP;
	bool upper = (flags & MC_TOK_UPPER) && n > 1;
	/* glued to a term, even when a name list knows it: "anti-Xa", "Ki-67" */
	if (cap && glued_term(v, i))
		return 0;
	if (f & (D_FIRST | D_LAST)) {
		/* "Creon 36,000 units", not the "Smith" of "Mary Smith 2 tabs" */
		if (n < 2 || (cap && n >= 4 && drug_use(v, i, false)))
			return 0;
		if (f & D_ENGLISH)
			return cap ? 2 : 0;
		if (!cap)
			return (f & D_NAME_COMMON) && (f & D_FIRST) ? 2 : 0;
		return upper && n <= 3 ? 1 : 3;
	}
	if (!cap || upper || n < 2)
		return 0;
	if (f & D_ENGLISH)
		return 0;
	/* a word no list knows, with the ending of a clinical word
	 * ("Traumatology", "Tomography", "Mycobacterium", "Rifampicin"), a trade
	 * mark sign after it ("Sintrom®") or used as a drug: a term, not a name */
	if (clinical_ending(tstr(v, i), n) || trademark_after(v, i) || drug_use(v, i, true))
		return 0;
	return 1;
}

enum { ST_SHOUT = 0x40 }; /* v->st: the token is on a line written in capitals */

static int strength(const view *v, size_t i)
{
	return i < v->n ? v->st[i] & 3 : 0;
}

static bool shouting(const view *v, size_t i)
{
	return i < v->n && (v->st[i] & ST_SHOUT);
}

/* "St. Anselm's", "Saint Brendan", "Mt. Auburn": the word before a name that belongs to it */
static size_t saint_before(const view *v, size_t a)
{
	if (a >= 2 && is_punct(v, a - 1, '.') && v->t[a - 1].start == v->t[a - 2].end &&
	    (v->t[a - 2].flags & MC_TOK_CAP) && (tok_is(v, a - 2, "st") || tok_is(v, a - 2, "mt") || tok_is(v, a - 2, "ft")))
		return a - 2;
	if (a >= 1 && (v->t[a - 1].flags & MC_TOK_CAP) && (tok_is(v, a - 1, "saint") || tok_is(v, a - 1, "st") ||
							   tok_is(v, a - 1, "mount") || tok_is(v, a - 1, "sainte")))
		return a - 1;
	return a;
}

static int add_name(view *v, size_t a, size_t b_incl, int prio)
{
	for (size_t k = a; k <= b_incl; k++)
		v->name[k] = 1;
	a = saint_before(v, a);
	return phi_cand_add(v->d, v->t[a].start, v->t[b_incl].end, MC_PHI_NAME, prio);
}

/* Tokens j.. are the words of a field label of two or three words before a
 * ':' ("Medical Record Number:", "Date Of Service:"): capitalised, each a
 * common or cue word that is no name (or a label word a surname list also
 * holds, such as Record). */
static bool label_words_before_colon(const view *v, size_t j)
{
	for (size_t k = j; k < v->n && k <= j + 3; k++) {
		if (is_punct(v, k, ':'))
			return k >= j + 2;
		uint32_t f = v->df[k];
		if (!is_word(v, k) || !(v->t[k].flags & MC_TOK_CAP) || ((v->t[k].flags & MC_TOK_UPPER) && tlen(v, k) > 3) ||
		    !(f & (D_ENGLISH | D_CUE | D_STOP)) || ((f & (D_FIRST | D_LAST)) && !(f & D_STOP)))
			return false;
	}
	return false;
}

/* Token j glued by '-' to a lower-case word of two to maxlen letters after
 * it: the second syllable of a given name ("Jun-ho", "Hyun-woo"). */
static bool glued_lower_part(const view *v, size_t j, size_t maxlen)
{
	return j + 2 < v->n && is_punct(v, j + 1, '-') && v->t[j + 1].start == v->t[j].end &&
	       v->t[j + 2].start == v->t[j + 1].end && is_word(v, j + 2) && !(v->t[j + 2].flags & MC_TOK_CAP) &&
	       tlen(v, j + 2) >= 2 && tlen(v, j + 2) <= maxlen;
}

/* Consume a name after token i (a title or cue): up to 4 name-like tokens.
 * min_strength 0 accepts any capitalised word.  Returns the last token
 * taken, or (size_t)-1. */
static size_t take_name_after(const view *v, size_t i, int min_strength, bool allow_lower)
{
	size_t j = i + 1, last = (size_t)-1;
	int taken = 0;
	while (j < v->n && taken < 4) {
		if (v->t[j].flags & MC_TOK_NL && taken > 0)
			break;
		if (is_punct(v, j, '.') && last != (size_t)-1 && j == last + 1 && tlen(v, last) == 1) {
			j++;
			continue;
		}
		if (is_punct(v, j, ',') && taken == 1 && j + 1 < v->n && (v->t[j + 1].flags & MC_TOK_CAP) &&
		    strength(v, j + 1) >= 1) {
			j++; /* "Smith, John" */
			continue;
		}
		if (is_punct(v, j, '-') && taken > 0 && j + 1 < v->n && v->t[j + 1].start == v->t[j].end &&
		    v->t[j].start == v->t[j - 1].end &&
		    ((v->t[j + 1].flags & MC_TOK_CAP) || (is_word(v, j + 1) && (allow_lower || tlen(v, j + 1) <= 4)))) {
			/* "Hyun-woo", "Jun-ho": a short second part in lower case */
			j++;
			continue;
		}
		if (!is_word(v, j))
			break;
		uint32_t f = v->df[j];
		if (((f & (D_ENGLISH | D_CUE)) && is_punct(v, j + 1, ':') && !(v->t[j].flags & MC_TOK_UPPER && tlen(v, j) > 3)) ||
		    label_words_before_colon(v, j))
			break; /* "Patient Name:", "Medical Record Number:": a field label */
		bool cap = v->t[j].flags & MC_TOK_CAP;
		int st = strength(v, j);
		bool ok;
		if (is_initial(v, j))
			ok = true;
		else if (cap && min_strength == 0)
			ok = (!(f & (D_MONTH | D_DEGREE | D_TITLE)) && !((f & D_STOP) && (f & D_ENGLISH) && !(f & (D_FIRST | D_LAST))) &&
			      !(shouting(v, j) && (f & D_STOP))) || /* "CALL HER AT" */
			     /* "Whitcombe, Edith May": a month that is a first name, inside a name */
			     ((f & D_MONTH) && (f & D_FIRST) && taken > 0 && !is_num(v, j + 1, 4) && !is_num(v, j + 1, 2)) ||
			     /* "Jun-ho Baek": a month glued by '-' to a short lower-case word opens a given name */
			     ((f & D_MONTH) && !(v->t[j].flags & MC_TOK_UPPER) && glued_lower_part(v, j, 3));
		else if (cap)
			/* "WIFE MAUREEN O'FALLON": in capitals, an unknown word after a name;
			 * "nephew Gordon Pike": a street word as the surname after a first name */
			ok = st >= min_strength || (taken > 0 && (v->t[j].flags & MC_TOK_UPPER) && !f && tlen(v, j) >= 3) ||
			     (taken == 1 && (f & D_STREET) && (v->df[last] & D_FIRST) && !(v->df[last] & D_ENGLISH) &&
			      !is_num(v, j + 1, 5) && !(v->t[last].flags & MC_TOK_UPPER));
		else if (allow_lower && min_strength == 0)
			/* "my name is lena andersson": any word but common or clinical ones */
			ok = !(f & (D_STOP | D_MONTH | D_MEDICAL | D_DEGREE | D_TITLE | D_AUX)) &&
			     (!(f & D_ENGLISH) || (f & (D_FIRST | D_LAST)));
		else
			ok = allow_lower && st >= 2;
		if (!ok)
			break;
		last = j;
		taken++;
		j++;
	}
	return last;
}

/* A place or organisation name: capitalised words (and "of", "the", "&"). */
static size_t take_place(const view *v, size_t i, bool *org)
{
	size_t j = i, last = (size_t)-1;
	int taken = 0;
	*org = false;
	while (j < v->n && taken < 6) {
		if (taken > 0 && (v->t[j].flags & MC_TOK_NL))
			break;
		if (taken > 0 && (tok_is(v, j, "of") || tok_is(v, j, "the") || is_punct(v, j, '&') ||
				  is_punct(v, j, '-') || is_punct(v, j, '\''))) {
			j++;
			continue;
		}
		if (!is_word(v, j) || !(v->t[j].flags & MC_TOK_CAP))
			break;
		uint32_t f = v->df[j];
		if (f & (D_MONTH | D_TITLE))
			break;
		if ((f & D_STOP) && !(f & D_ORG_SUFFIX))
			break;
		if (f & D_ORG_SUFFIX)
			*org = true;
		last = j;
		taken++;
		j++;
	}
	return last;
}

/* The lower-case words address_cue_rule and place_rules start from: in,
 * at, to, from, near, address, addr. */
static bool place_cue_word(const view *v, size_t i)
{
	return v->df[i] & (D_PLACE_CUE | D_ADDR_LABEL);
}

/* Dictionary flags of the word token before i (0 when it is not a word). */
static uint32_t prev_flags(const view *v, size_t i)
{
	return i > 0 && is_word(v, i - 1) ? v->df[i - 1] : 0;
}

/* a[0..n) equals the lower-case b[0..n), ASCII letters in any case */
static bool ascii_caseeq(const char *a, const char *b, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)a[k];
		if ((unsigned)(c - 'A') < 26u)
			c |= 0x20;
		if (c != (unsigned char)b[k])
			return false;
	}
	return true;
}

/* A specialty that can end an organisation's name: -logy, -iatry, Dentistry. */
static bool specialty_word(const view *v, size_t i)
{
	size_t n = tlen(v, i);
	const char *w = tstr(v, i);
	if (n < 6 || (w[n - 1] | 0x20) != 'y')
		return false;
	return (n > 5 && ascii_caseeq(w + n - 4, "logy", 4)) || (n > 6 && ascii_caseeq(w + n - 5, "iatry", 5)) ||
	       (n == 9 && ascii_caseeq(w, "dentistry", 9));
}

/* A word of an organisation's name that names it: capitalised, no
 * suffix (Hospital), no department word (Internal, Intensive, Regional,
 * Cardiology) and no common function word.  "Mercy General Hospital" has
 * one (Mercy); "Internal Medicine", "Intensive Care Unit" have none. */
static bool org_name_word(const view *v, size_t i)
{
	if (!is_word(v, i) || !(v->t[i].flags & MC_TOK_CAP))
		return false;
	uint32_t f = v->df[i];
	if (f & (D_GENERIC | D_ORG_SUFFIX | D_STOP | D_MONTH | D_TITLE | D_UNIT | D_AUX))
		return false;
	/* "HEART FAILURE CLINIC": on a line in capitals a common word names nothing */
	if (shouting(v, i) && (v->t[i].flags & MC_TOK_UPPER) && (f & D_ENGLISH) && !(f & (D_PROPER | D_CITY)))
		return false;
	if ((f & D_MEDICAL) && !(f & (D_FIRST | D_LAST | D_PROPER)))
		return false;
	/* specialties (-ology, -iatry) and their adjectives (-ologic(al), -iatric(s)) */
	size_t n = tlen(v, i);
	const char *w = tstr(v, i);
	return !specialty_word(v, i) && !(n > 6 && ascii_caseeq(w + n - 5, "logic", 5)) &&
	       !(n > 8 && ascii_caseeq(w + n - 7, "logical", 7)) && !(n > 7 && ascii_caseeq(w + n - 6, "iatric", 6)) &&
	       !(n > 8 && ascii_caseeq(w + n - 7, "iatrics", 7));
}

/* A word that names something: not a common or clinical word, or one
 * the lists know as a name, a place or a proper noun. */
static bool specific_word(uint32_t f)
{
	/* (name lists hold English words too: Medicine, Care, Regional) */
	return !(f & (D_ENGLISH | D_ORG_SUFFIX | D_MEDICAL | D_STOP)) || (f & (D_STATE | D_CITY | D_PROPER)) ||
	       ((f & (D_FIRST | D_LAST)) && (f & D_NAME_COMMON) && !(f & (D_MEDICAL | D_STOP)));
}

static int place_rules(view *v, size_t i)
{
	/* cue phrase -> place */
	size_t k = i + 1;
	/* in, to, from, at, near after "lives", "born", ... (a city) or
	 * "seen", "admitted", ... (an organisation) */
	if (!(v->df[i] & D_PLACE_CUE))
		return 0;
	uint32_t pf = prev_flags(v, i);
	/* (and "from Quillcrest General to Zorvane": a second one after the first) */
	bool city_cue = pf & D_CITY_VERB, org_cue = (pf & D_ORG_VERB) || (i > 0 && v->org_last == i - 1);
	if (!city_cue && !org_cue)
		return 0;
	if (k < v->n && tok_is(v, k, "the"))
		k++;
	bool org;
	size_t last = take_place(v, k, &org);
	if (last == (size_t)-1)
		return 0;
	/* a place cue followed by a single common word ("seen at Home") is not a place */
	if (last == k && (v->df[k] & D_ENGLISH) && !org && !(v->df[k] & (D_CITY | D_PROPER)))
		return 0;
	int type = org || org_cue ? MC_PHI_ORGANIZATION : MC_PHI_CITY;
	if (type == MC_PHI_ORGANIZATION) {
		/* "admitted to Internal Medicine": a department, not a place */
		bool specific = false;
		for (size_t q = k; q <= last && !specific; q++)
			specific = org_name_word(v, q);
		if (!specific)
			return 0;
	}
	if ((v->df[k] & D_STATE) && last == k)
		return 0; /* a state is not identifying under Safe Harbor */
	if ((v->df[k] & D_COUNTRY) && last == k)
		return 0;
	if (type == MC_PHI_ORGANIZATION)
		v->org_last = last;
	return phi_cand_add(v->d, v->t[k].start, v->t[last].end, type, 32);
}

/* Capitalised run ending in Hospital / Clinic / Medical Center. */
static int org_rule(view *v, size_t i, size_t *skip)
{
	/* ends in a suffix (Hospital, Clinic) or a specialty ("Port Addison Urology") */
	if (!(v->t[i].flags & MC_TOK_CAP) || !is_word(v, i) || !((v->df[i] & D_ORG_SUFFIX) || specialty_word(v, i)))
		return 0;
	size_t a = i;
	bool specific = false;
	while (a > 0 && i - a < 6) {
		size_t p = a - 1;
		if ((tok_is(v, p, "of") || tok_is(v, p, "the") || tok_is(v, p, "and") || is_punct(v, p, '&') ||
		     is_punct(v, p, '\'') || is_punct(v, p, '-')) && p > 0) {
			a = p;
			continue;
		}
		/* "St. Brendan's Hospital" */
		if (is_punct(v, p, '.') && p > 0 && (tok_is(v, p - 1, "st") || tok_is(v, p - 1, "mt") || tok_is(v, p - 1, "ft"))) {
			a = p;
			continue;
		}
		if (!is_word(v, p) || !(v->t[p].flags & MC_TOK_CAP) || (v->t[a].flags & MC_TOK_NL))
			break;
		uint32_t f = v->df[p];
		/* (a title inside a name: "Visiting Nurse Association") */
		if (f & D_MONTH || ((f & D_TITLE) && !tok_is(v, p, "nurse") && !tok_is(v, p, "nurses")) ||
		    ((f & D_STOP) && !(f & D_ORG_SUFFIX)))
			break;
		if (org_name_word(v, p))
			specific = true;
		a = p;
	}
	while (a < i && !is_word(v, a))
		a++;
	/* also "Hospital of Saint Mary" style: words after */
	size_t b = i;
	for (;;) {
		if (b + 2 < v->n && tok_is(v, b + 1, "of") && is_word(v, b + 2) && (v->t[b + 2].flags & MC_TOK_CAP) &&
		    !(v->df[b + 2] & D_STOP)) {
			b += 2;
			specific = true;
		} else if (b + 1 < v->n && is_word(v, b + 1) && (v->t[b + 1].flags & MC_TOK_CAP) &&
			   (v->df[b + 1] & D_ORG_SUFFIX) && !(v->t[b + 1].flags & MC_TOK_NL)) {
			b += 1; /* "Urgent Care Center" */
		} else if (b + 2 < v->n && is_word(v, b + 1) && (v->t[b + 1].flags & MC_TOK_CAP) &&
			   !(v->df[b + 1] & D_MONTH) && (!(v->df[b + 1] & D_STOP) || (v->df[b + 1] & D_GENERIC)) &&
			   is_word(v, b + 2) &&
			   (v->t[b + 2].flags & MC_TOK_CAP) && (v->df[b + 2] & D_ORG_SUFFIX) &&
			   !((v->t[b + 1].flags | v->t[b + 2].flags) & MC_TOK_NL)) {
			b += 2; /* "Glenmorrow Health Heart Center" */
		} else if (b + 2 < v->n && (tok_is(v, b + 1, "and") || is_punct(v, b + 1, '&')) && is_word(v, b + 2) &&
			   (v->t[b + 2].flags & MC_TOK_CAP) && (v->df[b + 2] & D_ORG_SUFFIX)) {
			b += 2; /* "Nursing and Rehabilitation" */
		} else {
			break;
		}
	}
	/* a department ("Internal Medicine", "Intensive Care") is no organisation */
	if (!specific || a == i)
		return 0;
	*skip = b;
	return phi_cand_add(v->d, v->t[a].start, v->t[b].end, MC_PHI_ORGANIZATION, 30);
}


/* The value of a number token's leading ASCII digits (at most 9 read;
 * never past the token: the text has no terminator). */
static long tok_value(const view *v, size_t i)
{
	long x = 0;
	const char *d = tstr(v, i);
	for (size_t k = 0; k < tlen(v, i) && k < 9 && d[k] >= '0' && d[k] <= '9'; k++)
		x = x * 10 + (d[k] - '0');
	return x;
}

/* Four digits that read as a 24-hour clock time: 0700, 1930, 2359. */
static bool clock_time(const view *v, size_t i)
{
	if (!is_num(v, i, 4) || tlen(v, i) != 4 || (v->t[i].flags & MC_TOK_ALPHA))
		return false;
	const char *d = tstr(v, i);
	int hh = (d[0] - '0') * 10 + (d[1] - '0'), mm = (d[2] - '0') * 10 + (d[3] - '0');
	return hh <= 23 && mm <= 59;
}

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
		if (!(t->flags & MC_TOK_CAP) && !(tok_is(v, j, "de") || tok_is(v, j, "la") || tok_is(v, j, "di") ||
						  tok_is(v, j, "del") || tok_is(v, j, "am") || tok_is(v, j, "an")))
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
		if (t->flags & MC_TOK_CAP)
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
	    !IS_ANY(v, i + 1, "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive",
		    "terrace", "parkway", "pkwy", "highway", "hwy"))
		return (size_t)-1;
	*first = i;
	if (i > 0 && (t[i - 1].flags & MC_TOK_CAP) && !(t[i].flags & MC_TOK_NL) &&
	    IS_ANY(v, i - 1, "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"))
		*first = i - 1;
	return i + 1;
}

static int address_rule(view *v, size_t i, size_t *skip)
{
	size_t last = (size_t)-1;
	size_t ofirst;
	if ((last = ordinal_street(v, i, &ofirst)) != (size_t)-1) {
		last = address_tail(v, last);
		*skip = last;
		return phi_cand_add(v->d, v->t[ofirst].start, v->t[last].end, MC_PHI_ADDRESS, 58);
	}
	if (is_num(v, i, 6) && !(i > 0 && v->t[i - 1].end == v->t[i].start && (is_punct(v, i - 1, '.') || is_punct(v, i - 1, '/') || is_punct(v, i - 1, ':')))) {
		/* 12 [N] Oak [Hill] Street | 6750 Koskikatu 25 | 9448 175 Iroon Avenue */
		size_t j = i + 1;
		int words = 0;
		while (j < v->n && words < 5 && !(v->t[j].flags & MC_TOK_NL)) {
			if (is_word(v, j) && ((v->t[j].flags & MC_TOK_CAP) || tok_is(v, j, "de") || tok_is(v, j, "la"))) {
				if (v->df[j] & D_STREET) {
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
	    IS_ANY(v, first - 3, "flat", "apt", "apartment", "unit", "suite", "ste"))
		first -= 3;
	return phi_cand_add(v->d, v->t[first].start, v->t[last].end, MC_PHI_ADDRESS, 58);
}

/* After "lives at", "address is", "sent to", "located at", "Address:": the
 * rest of the line up to a sentence end is an address when it holds a
 * number and a word ("255 hersnapvej 18, københavn k"). */
static int address_cue_rule(view *v, size_t i, size_t *skip)
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
	return phi_cand_add(v->d, v->t[k].start, v->t[last].end, MC_PHI_ADDRESS, 57);
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

static int postcode_rule(view *v, size_t i)
{
	size_t end;
	if (!postcode_at(v, i, &end) || i == 0)
		return 0;
	if (end == i + 2 && clock_time(v, i) && clock_time(v, end))
		return 0; /* "NPN 1900-0700": a shift */
	/* not a measurement or a count: "1500 mL", "1000 patients", "2000 units" */
	if (end + 1 < v->n && is_word(v, end + 1) && !(v->t[end + 1].flags & MC_TOK_NL) &&
	    ((v->df[end + 1] & D_MEDICAL) || tlen(v, end + 1) <= 3 || tok_is(v, end + 1, "units") ||
	     tok_is(v, end + 1, "patients") || tok_is(v, end + 1, "cells") || tok_is(v, end + 1, "times") ||
	     tok_is(v, end + 1, "days") || tok_is(v, end + 1, "hours") || tok_is(v, end + 1, "years") ||
	     tok_is(v, end + 1, "people") || tok_is(v, end + 1, "steps") || tok_is(v, end + 1, "calories")) &&
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
	int rc = phi_cand_add(v->d, v->t[i].start, v->t[end].end, MC_PHI_ZIP, 56);
	if (rc == 0 && !(v->df[a] & (D_COUNTRY | D_STATE)))
		rc = phi_cand_add(v->d, v->t[a].start, v->t[i - 1].end, MC_PHI_CITY, 31);
	return rc;
}

/* Unit without a street: "Suite 377", "Apt. 4B" */
static int unit_rule(view *v, size_t i)
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
		return phi_cand_add(v->d, v->t[i].start, v->t[j].end, MC_PHI_ADDRESS, 50);
	return 0;
}

static bool cue_before(const view *v, size_t i, bool *strong, bool *lower_ok)
{
	/* i is the first token of a possible name; look back over ':' or "by" */
	*strong = false;
	*lower_ok = false;
	if (i == 0)
		return false;
	size_t p = i - 1;
	/* fast path: a word before that is none of the cue words below */
	if ((v->t[p].flags & MC_TOK_ALPHA) && !(v->df[p] & (D_CUE | D_CUE_WORD | D_RELATION)))
		return false;
	bool colon = false;
	if (is_punct(v, p, ':') || is_punct(v, p, '-') || is_punct(v, p, '#')) {
		colon = true;
		if (p == 0)
			return false;
		p--;
	}
	if (is_punct(v, p, '?') && p > 0 && tok_is(v, p - 1, "name")) {
		*strong = true; /* "What's your name? Ann Lee" */
		*lower_ok = true;
		return true;
	}
	if (!is_word(v, p))
		return false;
	uint32_t f = v->df[p];
	if (!(f & (D_CUE | D_CUE_WORD | D_RELATION)))
		return false; /* every cue below is one of these words */
	if ((tok_is(v, p, "me") || tok_is(v, p, "him") || tok_is(v, p, "her")) && p > 0 &&
	    (tok_is(v, p - 1, "call") || tok_is(v, p - 1, "named") || tok_is(v, p - 1, "called") ||
	     tok_is(v, p - 1, "calls"))) {
		*lower_ok = true; /* "people call me Ann", "she named him Frank" */
		*strong = true;
		return true;
	}
	if (tok_is(v, p, "by") || tok_is(v, p, "cc") || tok_is(v, p, "to") || tok_is(v, p, "from")) {
		if (tok_is(v, p, "by") && p > 0 && is_word(v, p - 1) &&
		    (tok_is(v, p - 1, "signed") || tok_is(v, p - 1, "dictated") || tok_is(v, p - 1, "seen") ||
		     tok_is(v, p - 1, "referred") || tok_is(v, p - 1, "evaluated") || tok_is(v, p - 1, "examined") ||
		     tok_is(v, p - 1, "cosigned") || tok_is(v, p - 1, "transcribed") || tok_is(v, p - 1, "reviewed") ||
		     tok_is(v, p - 1, "written") || tok_is(v, p - 1, "authored") || tok_is(v, p - 1, "prepared") ||
		     tok_is(v, p - 1, "attested") || tok_is(v, p - 1, "approved") || tok_is(v, p - 1, "accompanied") ||
		     tok_is(v, p - 1, "directed") || tok_is(v, p - 1, "performed") || tok_is(v, p - 1, "interpreted") ||
		     tok_is(v, p - 1, "read") || tok_is(v, p - 1, "ordered") || tok_is(v, p - 1, "called"))) {
			*strong = true;
			return true;
		}
		if (colon && (tok_is(v, p, "cc") || tok_is(v, p, "to") || tok_is(v, p, "from"))) {
			*strong = true;
			return true;
		}
		return false;
	}
	if (tok_is(v, p, "is") || tok_is(v, p, "am") || tok_is(v, p, "named") || tok_is(v, p, "called") ||
	    tok_is(v, p, "was")) {
		if (tok_is(v, p, "named") || tok_is(v, p, "called")) {
			*lower_ok = true;
			return true;
		}
		if (p > 0 && (tok_is(v, p - 1, "name") || tok_is(v, p - 1, "i") || tok_is(v, p - 1, "this"))) {
			*strong = tok_is(v, p - 1, "name");
			*lower_ok = true;
			return true;
		}
		return false;
	}
	if (!(f & (D_CUE | D_RELATION)))
		return false;
	if (colon) {
		*strong = true;
		*lower_ok = true;
		return true;
	}
	/* relation words: "his wife Mary", "daughter, Ann" */
	if (tok_is(v, p, "patient") || tok_is(v, p, "pt") || tok_is(v, p, "name") || tok_is(v, p, "contact")) {
		/* "patient John Smith": need a real name after */
		return true;
	}
	if (tok_is(v, p, "by") || tok_is(v, p, "am") || tok_is(v, p, "is") || tok_is(v, p, "seen") ||
	    tok_is(v, p, "signed") || tok_is(v, p, "referred"))
		return false;
	return true;
}

/* Is the word after token i one that makes a surname an eponym? */
static bool eponym_use(const view *v, size_t i)
{
	size_t j = i + 1;
	if (j < v->n && is_punct(v, j, '\'') && j + 1 < v->n && tok_is(v, j + 1, "s"))
		j += 2;
	/* "Reed-Sternberg cells", "Hoehn and Yahr stage", "Mallory-Weiss tear" */
	if (is_punct(v, j, '-') && j + 1 < v->n && v->t[j].start == v->t[j - 1].end && v->t[j + 1].start == v->t[j].end &&
	    (v->t[j + 1].flags & MC_TOK_CAP))
		j += 2;
	else if (tok_is(v, j, "and") && j + 1 < v->n && (v->t[j + 1].flags & MC_TOK_CAP) && is_word(v, j + 1))
		j += 2;
	return is_word(v, j) && (v->df[j] & D_EPONYM_NOUN) && !(v->t[j].flags & MC_TOK_NL);
}

static bool run_nonascii(const view *v, size_t a, size_t b)
{
	for (size_t k = a; k <= b && k < v->n; k++)
		if (v->t[k].flags & MC_TOK_NONASCII)
			return true;
	return false;
}

/* Lists: "Kónya, Becker and Vasquez", "Smith and Bowers": a capitalised
 * word joined by "and", "&", "or" or a comma to a name is a name too. */
static int coordination(view *v)
{
	for (size_t i = 0; i < v->n; i++) {
		if (!v->name[i] || !is_word(v, i))
			continue;
		size_t j = i + 1;
		if (is_punct(v, j, ','))
			j++;
		if (tok_is(v, j, "and") || tok_is(v, j, "or") || is_punct(v, j, '&'))
			j++;
		if (j == i + 1 || j >= v->n || v->name[j] || !is_word(v, j) || !(v->t[j].flags & MC_TOK_CAP) ||
		    (v->t[j].flags & MC_TOK_NL))
			continue;
		uint32_t f = v->df[j];
		if (f & (D_MONTH | D_STOP | D_TITLE | D_STREET | D_ORG_SUFFIX | D_COUNTRY | D_DEGREE | D_STATE |
			 D_CITY))
			continue;
		if (strength(v, j) < 1 && !(f & (D_FIRST | D_LAST)))
			continue;
		/* the word must end the list item: not "Smith and Nephew Hospital" */
		if (j + 1 < v->n && is_word(v, j + 1) && (v->df[j + 1] & D_ORG_SUFFIX))
			continue;
		if (add_name(v, j, j, 39) < 0)
			return MC_ENOMEM;
	}
	return 0;
}

/* A lower-case word of the name lists that is no verb, clinical or
 * common word (or is a common first name), next to another: both read
 * as a name when one of them is no English word ("maria gonzalez"). */
static bool lower_name_word(const view *v, size_t i)
{
	if (!is_word(v, i) || (v->t[i].flags & MC_TOK_CAP) || tlen(v, i) < 2)
		return false;
	uint32_t f = v->df[i];
	return (f & (D_FIRST | D_LAST)) &&
	       !(f & (D_MEDICAL | D_STOP | D_AUX | D_MONTH | D_TITLE | D_DEGREE | D_RELATION | D_VOCAB));
}

/* Lower-case words i and j of the name lists side by side read as a name
 * when one is a common first name, one is no English word, and an English
 * word among them is a common name ("maria gonzalez", "olga krylova"; not
 * "vena cava", "dura mater": rare names, Latin words). */
static bool lower_pair_at(const view *v, size_t i, size_t j)
{
	if (!lower_name_word(v, i) || !lower_name_word(v, j) || (v->t[i > j ? i : j].flags & MC_TOK_NL))
		return false;
	uint32_t a = v->df[i], b = v->df[j];
	bool first = ((a & D_FIRST) && (a & D_NAME_COMMON)) || ((b & D_FIRST) && (b & D_NAME_COMMON));
	bool plain = !(a & D_ENGLISH) || !(b & D_ENGLISH);
	bool ok_a = !(a & D_ENGLISH) || (a & D_NAME_COMMON), ok_b = !(b & D_ENGLISH) || (b & D_NAME_COMMON);
	return first && plain && ok_a && ok_b;
}

static bool lower_name_pair(const view *v, size_t i)
{
	/* fast path: an English word pairs only with a name-list word that is no English word */
	if ((v->df[i] & D_ENGLISH) &&
	    !(i + 1 < v->n && (v->df[i + 1] & (D_FIRST | D_LAST)) && !(v->df[i + 1] & D_ENGLISH)) &&
	    !(i > 0 && (v->df[i - 1] & (D_FIRST | D_LAST)) && !(v->df[i - 1] & D_ENGLISH)))
		return false;
	return (i + 1 < v->n && lower_pair_at(v, i, i + 1)) || (i > 0 && lower_pair_at(v, i - 1, i));
}

/* A verb that a person does right after token i: "lives", "said",
 * "is from" (a sentence-initial word no list knows, then this: a name). */
static bool person_verb_after(const view *v, size_t i)
{
	size_t j = i + 1;
	if (!is_word(v, j) || (v->t[j].flags & MC_TOK_NL))
		return false;
	if (IS_ANY(v, j, "is", "was") && is_word(v, j + 1))
		return IS_ANY(v, j + 1, "from", "very", "a", "an", "my", "our", "your", "his", "her", "married", "born");
	return IS_ANY(v, j, "lives", "lived", "spent", "began", "says", "said", "shouted", "told", "asked", "wants",
		      "works", "worked", "married", "writes", "wrote", "called", "replied", "answered", "added");
}

/* A word's strength inside a run of name words:
 * - on a line written in capitals, capitals say nothing: only a name-list
 *   word that is no common word counts ("FOUND DOWN", "SEE RE" are not names);
 * - a clinical word that is also a first name counts before a name
 *   ("Ana Lucia Moreno": ANA is a lab);
 * - Al, El, Abu, Bin, Ibn joined by '-' to a capitalised word ("Al-Rashid"). */
static int run_strength(const view *v, size_t i)
{
	if (i >= v->n)
		return 0;
	int st = strength(v, i);
	uint32_t tf = v->t[i].flags;
	if (st > 0)
		return shouting(v, i) && (tf & MC_TOK_UPPER) && st != 3 ? 0 : st;
	if (!(tf & MC_TOK_ALPHA) || (tf & MC_TOK_DIGIT))
		return 0;
	uint32_t f = v->df[i];
	bool cap = (tf & MC_TOK_CAP) && !(tf & MC_TOK_UPPER);
	/* Al, El, Abu, Bin, Ibn joined by '-' to a capitalised word: "Al-Rashid" */
	if (cap && tlen(v, i) <= 3 && is_punct(v, i + 1, '-') && v->t[i + 1].start == v->t[i].end &&
	    i + 2 < v->n && v->t[i + 2].start == v->t[i + 1].end && (v->t[i + 2].flags & MC_TOK_CAP) &&
	    (tok_is(v, i, "al") || tok_is(v, i, "el") || tok_is(v, i, "abu") || tok_is(v, i, "bin") || tok_is(v, i, "ibn")))
		return 1;
	if (!(f & (D_FIRST | D_LAST)))
		return 0;
	if (!(tf & MC_TOK_CAP))
		return lower_name_pair(v, i) ? 2 : 0; /* "maria gonzalez labs" */
	if (!cap)
		return 0;
	bool next_name = i + 1 < v->n && strength(v, i + 1) >= 2 && !(v->t[i + 1].flags & MC_TOK_NL);
	/* "April Summers", "June Carter": a month that is a first name, before a surname */
	if ((f & D_MONTH) && (f & D_FIRST) && next_name && (v->df[i + 1] & D_LAST))
		return 1;
	if ((f & D_MEDICAL) && !(f & (D_STOP | D_MONTH))) {
		/* a clinical word that is a first name, before a name: "Ana Lucia Moreno" */
		if ((f & D_FIRST) && next_name)
			return 1;
		/* a surname on the clinical list right after a first name: "Kevin Ng", "Mary Foley" */
		if ((f & D_LAST) && i > 0 && strength(v, i - 1) >= 2 && (v->df[i - 1] & D_FIRST) && !(tf & MC_TOK_NL) &&
		    v->t[i].start > v->t[i - 1].end)
			return 1;
	}
	return 0;
}

/* A relation word just before i ("wife", "dtr", "son (", "daughter,"). */
static bool relation_before(const view *v, size_t i)
{
	if (i == 0)
		return false;
	size_t p = i - 1;
	if ((is_punct(v, p, '(') || is_punct(v, p, ',') || is_punct(v, p, ':')) && p > 0)
		p--;
	return is_word(v, p) && (v->df[p] & D_RELATION);
}

/* After a relation word, a first name in any case ("wife gail", "son
 * richard"): a name-list first name that is no verb or clinical word;
 * common English words ("pat", "grace") only when the name is common. */
static bool first_name_after_relation(const view *v, size_t i)
{
	if (!is_word(v, i) || tlen(v, i) < 2 || !relation_before(v, i))
		return false;
	uint32_t f = v->df[i];
	bool cap = (v->t[i].flags & MC_TOK_CAP) && !(v->t[i].flags & MC_TOK_UPPER);
	if (!f && tlen(v, i) >= 4 && !(v->t[i].flags & MC_TOK_CAP))
		return true; /* "dad segun": a word no list knows */
	if (!(f & D_FIRST) || (f & (D_AUX | D_STOP | D_MONTH | D_DEGREE | D_TITLE | D_RELATION)) ||
	    ((f & D_MEDICAL) && !cap))
		return false; /* "mother Grace" is a name, "wife grace" too, "son ng tube" not */
	return !(f & D_ENGLISH) || (f & D_NAME_COMMON);
}

/* A name-list word in lower case that is no English word ("darnell",
 * "ivanova"), or a common first name that is no verb, after "pt" or
 * "patient" (nursing notes are typed in lower case). */
static bool lower_name_ok(const view *v, size_t i)
{
	return lower_name_word(v, i) && tlen(v, i) >= 3 && !(v->df[i] & D_ENGLISH);
}

static bool name_after_patient(const view *v, size_t i)
{
	return i > 0 && (tok_is(v, i - 1, "pt") || tok_is(v, i - 1, "patient")) && lower_name_ok(v, i);
}

/* After a lower-case name at i: more of it ("jolene harrigan",
 * "ivanova, svetlana"); the last token of the name. */
static size_t lower_name_tail(const view *v, size_t i)
{
	for (int k = 0; k < 2; k++) {
		size_t j = i + 1;
		if (is_punct(v, j, ','))
			j++;
		/* "daughter jolene harrigan", "nephew Gordon Pike" */
		if (j >= v->n || (v->t[j].flags & MC_TOK_NL) ||
		    !(lower_name_ok(v, j) || ((v->t[j].flags & MC_TOK_CAP) && strength(v, j) >= 2)))
			break;
		i = j;
	}
	return i;
}

/* Is the title word i used as one here?  Capitalised titles always (but
 * Sister, Brother, Father, Nurse, Jr, Sr); in lower case only dr, mr, mrs
 * and "ms." (bare "ms" is multiple sclerosis), and not "dr" of a street. */
static bool title_here(const view *v, size_t i)
{
	if (tok_is(v, i, "sister") || tok_is(v, i, "brother") || tok_is(v, i, "father") || tok_is(v, i, "nurse") ||
	    tok_is(v, i, "jr") || tok_is(v, i, "sr"))
		return false;
	if (v->t[i].flags & MC_TOK_CAP)
		return true;
	bool dot = is_punct(v, i + 1, '.') && v->t[i + 1].start == v->t[i].end;
	return tok_is(v, i, "dr") || tok_is(v, i, "mr") || tok_is(v, i, "mrs") ||
	       (dot && (tok_is(v, i, "ms") || tok_is(v, i, "fr") || tok_is(v, i, "prof")));
}

static int name_rules(view *v)
{
	int rc = 0;
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		if (v->name[i])
			continue;
		const mc_token *t = &v->t[i];
		/* titles: Dr. X, Mrs X, and in notes typed in lower case "dr. ashworth", "mr tanaka" */
		if (is_word(v, i) && (v->df[i] & D_TITLE) && title_here(v, i)) {
			size_t j = i;
			if (is_punct(v, j + 1, '.'))
				j++;
			size_t last = take_name_after(v, j, 0, true);
			if (last != (size_t)-1)
				rc = add_name(v, j + 1, last, 50);
			continue;
		}
		if (!is_word(v, i) && !is_initial(v, i))
			continue;
		/* a cue before: "Patient: John Smith", "his wife Mary" */
		bool strong = false, lower_ok = false;
		/* (cue_before is false at once after a word that is no cue word) */
		bool no_cue = i == 0 || ((v->t[i - 1].flags & MC_TOK_ALPHA) && !(v->df[i - 1] & (D_CUE | D_CUE_WORD | D_RELATION)));
		if (!no_cue && cue_before(v, i, &strong, &lower_ok)) {
			size_t last = take_name_after(v, i - 1, strong ? 0 : 1, lower_ok);
			bool rel = false;
			if (last == (size_t)-1 && (first_name_after_relation(v, i) || name_after_patient(v, i)))
				last = i, rel = true; /* "wife gail", "son richard", "wife pat", "pt darnell" */
			if (rel)
				last = lower_name_tail(v, last); /* "daughter jolene harrigan", "pt ivanova, svetlana" */
			if (last != (size_t)-1 && last >= i) {
				/* "Patient: Pain" guard: a single common word after a weak cue */
				if (rel || !(last == i && !strong && strength(v, i) < 1)) {
					rc = add_name(v, i, last, 45);
					i = last;
					continue;
				}
			}
		}
		/* dictionary runs */
		int st = strength(v, i);
		if (st > 0 ? shouting(v, i) && (t->flags & MC_TOK_UPPER) :
			     (v->df[i] & (D_FIRST | D_LAST)) || ((t->flags & MC_TOK_CAP) && tlen(v, i) <= 3))
			st = run_strength(v, i); /* (the same as strength for most words) */
		if (st == 0 && !is_initial(v, i))
			continue;
		size_t j = i, last = i;
		int sum = 0, count = 0, maxst = 0, unknown = 0;
		bool lower = !(t->flags & MC_TOK_CAP);
		while (j < v->n) {
			if (j > i && (v->t[j].flags & MC_TOK_NL))
				break;
			int s2 = is_initial(v, j) ? 1 : run_strength(v, j);
			if (s2 == 0) {
				if (is_punct(v, j, '.') && j > i && tlen(v, j - 1) == 1 && is_word(v, j - 1)) {
					j++;
					continue;
				}
				/* a given name of two syllables: "Hyun-woo Seong", "Mei-ling Chen" */
				if (j > i && glued_lower_part(v, j - 1, 4) && !(v->df[j + 1] & (D_STOP | D_MEDICAL | D_MONTH)) &&
				    j + 2 < v->n && v->t[j + 2].start > v->t[j + 1].end &&
				    (v->t[j + 2].flags & MC_TOK_CAP) && strength(v, j + 2) > 0 &&
				    !(v->t[j + 2].flags & MC_TOK_NL)) {
					last = j + 1;
					j += 2;
					continue;
				}
				if (is_punct(v, j, '-') && j > i && v->t[j].start == v->t[j - 1].end && j + 1 < v->n &&
				    v->t[j + 1].start == v->t[j].end &&
				    (strength(v, j + 1) > 0 || (is_word(v, j + 1) && tlen(v, j + 1) <= 4 && !(v->df[j + 1] & D_STOP)))) {
					j++;
					continue;
				}
				if (is_word(v, j) && tlen(v, j) <= 3 && !(v->t[j].flags & MC_TOK_CAP) &&
				    (tok_is(v, j, "van") || tok_is(v, j, "von") || tok_is(v, j, "de") ||
				     tok_is(v, j, "der") || tok_is(v, j, "del") || tok_is(v, j, "la") ||
				     tok_is(v, j, "da") || tok_is(v, j, "di") || tok_is(v, j, "du") ||
				     tok_is(v, j, "le") || tok_is(v, j, "al") || tok_is(v, j, "bin") ||
				     tok_is(v, j, "ten")) &&
				    j + 1 < v->n && strength(v, j + 1) > 0) {
					j++;
					continue;
				}
				break;
			}
			if (lower != !(v->t[j].flags & MC_TOK_CAP) && !is_initial(v, j))
				break;
			if (s2 == 1 && !is_initial(v, j))
				unknown++;
			sum += s2;
			maxst = s2 > maxst ? s2 : maxst;
			count++;
			last = j;
			j++;
		}
		/* "Smith, MD": a degree after */
		bool degree = false;
		{
			size_t k = last + 1;
			if (is_punct(v, k, ','))
				k++;
			if (k < v->n && is_word(v, k) && (v->df[k] & D_DEGREE) && (v->t[k].flags & MC_TOK_UPPER) &&
			    tlen(v, k) >= 2)
				degree = true;
		}
		bool accept = false;
		/* a field value ("Dx: Ischemic cardiomyopathy") opens like a sentence */
		bool sent = (t->flags & MC_TOK_SENT) ||
			    (i > 1 && is_punct(v, i - 1, ':') && ((v->t[i - 2].flags & (MC_TOK_HEADER | MC_TOK_UPPER)) && is_word(v, i - 2)));
		if (degree)
			accept = true;
		else if (maxst == 3)
			accept = !lower || count >= 2;
		else if (count >= 2 && sum >= 4)
			accept = true;
		else if (count >= 2 && unknown == count && !sent && !lower)
			accept = true;
		else if (count >= 2 && unknown == count && !lower && run_nonascii(v, i, last))
			accept = true; /* "Krisztián Szöllösy listed": foreign names open sentences too */
		else if (count >= 2 && maxst == 2 && unknown >= 1)
			accept = true;
		else if (count == 1 && st == 1 && !sent && tlen(v, i) >= 4 &&
			 !(i + 1 < v->n && (v->t[i + 1].flags & MC_TOK_DIGIT)) &&
			 !((v->df[i] & D_PROPER) && !(v->df[i] & (D_FIRST | D_LAST))))
			accept = true;
		else if (count == 1 && st == 1 && sent && tlen(v, i) >= 4 && !v->df[i] && !(t->flags & MC_TOK_UPPER) &&
			 person_verb_after(v, i))
			accept = true; /* "Shovda is from Tbilisi", "Dzhambek lives on": a word no list knows */
		if (accept && count == 1 && is_initial(v, i))
			accept = false;
		if (accept && count == 1 && !degree && maxst < 3 && (t->flags & MC_TOK_HEADER) && is_punct(v, i + 1, ':'))
			accept = false; /* "Dispo:", "Hydro:": a section header, not a name ("Nicole:" stays one) */
		/* "Wilson disease", "Bell palsy", "Reed-Sternberg cells", "Hoehn and Yahr stage": the
		 * clinical use of a surname (never "John Smith test results": a first and last name) */
		if (accept && !degree && eponym_use(v, last) &&
		    (count == 1 || (count == 2 && last > i && (is_punct(v, last - 1, '-') || tok_is(v, last - 1, "and")))))
			accept = false;
		if (accept)
			rc = add_name(v, i, last, 40);
		i = last;
	}
	return rc;
}

/* ---- more places, dates, ages and signatures --------------------------- */

/* A month name or its abbreviation ("Nov", "Sept", "August"). */
static bool month_name(const view *v, size_t i)
{
	static const char *const m[] = { "january", "february", "march", "april", "may", "june", "july",
					 "august", "september", "october", "november", "december", "jan", "feb",
					 "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec" };
	if (!is_word(v, i) || !(v->df[i] & D_MONTH))
		return false;
	for (size_t k = 0; k < sizeof(m) / sizeof(m[0]); k++)
		if (tok_is_n(v, i, m[k], strlen(m[k])))
			return true;
	return false;
}

/* A capitalised word that can be (part of) a town: no clinical, common,
 * calendar or context word, and not a language or a payer. */
static bool place_word(const view *v, size_t i, bool first)
{
	if (!is_word(v, i) || !(v->t[i].flags & MC_TOK_CAP) || tlen(v, i) < 3)
		return false;
	uint32_t f = v->df[i];
	if (f & (D_STOP | D_MONTH | D_TITLE | D_MEDICAL | D_ORG_SUFFIX | D_COUNTRY | D_STATE | D_NOT_PLACE | D_DEGREE |
		 D_UNIT | D_RELATION | D_AUX | D_VOCAB))
		return false;
	if ((v->t[i].flags & MC_TOK_UPPER) && tlen(v, i) <= 4 && !(f & D_CITY))
		return false; /* "in NSR", "from ICU", "in LSD": abbreviations */
	if (tlen(v, i) <= 3 && !(f & (D_CITY | D_PROPER | D_FIRST | D_LAST)))
		return false; /* "in Hto" */
	return !first || !(f & D_ENGLISH) || (f & (D_PROPER | D_CITY));
}

/* ninety, ninety-three, one hundred: the last token of a number word
 * from 90 up starting at i, or (size_t)-1 */
static size_t age_words(const view *v, size_t i)
{
	if (tok_is(v, i, "ninety")) {
		if (is_punct(v, i + 1, '-') && IS_ANY(v, i + 2, "one", "two", "three", "four", "five", "six", "seven",
						       "eight", "nine"))
			return i + 2;
		if (IS_ANY(v, i + 1, "one", "two", "three", "four", "five", "six", "seven", "eight", "nine") &&
		    !(v->t[i + 1].flags & MC_TOK_NL))
			return i + 1;
		return i;
	}
	if (tok_is(v, i, "hundred") && i > 0 && tok_is(v, i - 1, "one"))
		return i;
	return (size_t)-1;
}

/* A word that may be part of a name written as a line's first words: a
 * word of two letters or more that no list knows as a clinical, common
 * or place word, unless a name list knows it too. */
static bool line_name_word(const view *v, size_t i)
{
	if (!is_word(v, i) || tlen(v, i) < 2 || (v->t[i].flags & MC_TOK_APOS))
		return false;
	uint32_t f = v->df[i];
	if (f & (D_STOP | D_MEDICAL | D_MONTH | D_TITLE | D_DEGREE | D_STATE | D_COUNTRY | D_STREET | D_ORG_SUFFIX |
		 D_UNIT | D_CUE | D_RELATION | D_AUX | D_ACRONYM | D_VOCAB))
		return false;
	return (f & (D_FIRST | D_LAST)) || !(f & (D_ENGLISH | D_PROPER));
}

/* Tokens i.. that open a line as "SURNAME, GIVEN" (any case, words no
 * list knows allowed) or as two words of the name lists, when an
 * identifier follows on the line: MRN, DOB, ID, or a date.  Returns the
 * last name token, or -1. */
static size_t line_name_before_id(const view *v, size_t i)
{
	size_t j = i + 1;
	bool comma = is_punct(v, j, ',');
	if (comma)
		j++;
	if (j >= v->n || (v->t[j].flags & MC_TOK_NL) || !line_name_word(v, i) || !line_name_word(v, j))
		return (size_t)-1;
	/* (an English word only when a name list counts it often: "smith john", not "study subject") */
	bool listed = (v->df[i] & (D_FIRST | D_LAST)) && (v->df[j] & (D_FIRST | D_LAST)) &&
		      (!(v->df[i] & D_ENGLISH) || (v->df[i] & D_NAME_COMMON)) &&
		      (!(v->df[j] & D_ENGLISH) || (v->df[j] & D_NAME_COMMON));
	/* both in one case: "OYELARAN, FUNMILAYO", "smith john", "Grace Hope" */
	bool same_case = !(v->t[i].flags & MC_TOK_CAP) == !(v->t[j].flags & MC_TOK_CAP);
	if (!same_case || !(comma || listed))
		return (size_t)-1;
	size_t k = j + 1;
	if (k >= v->n || (v->t[k].flags & MC_TOK_NL))
		return (size_t)-1;
	bool id = IS_ANY(v, k, "mrn", "dob", "id", "acct", "ssn");
	/* a date of birth: 11/2/1939, 1939-11-02, 010145 */
	if (!id && (v->t[k].flags & MC_TOK_DIGIT) && !(v->t[k].flags & MC_TOK_ALPHA))
		id = tlen(v, k) == 6 || tlen(v, k) == 8 ||
		     (k + 2 < v->n && (is_punct(v, k + 1, '/') || is_punct(v, k + 1, '-')) && v->t[k + 1].start == v->t[k].end &&
		      (v->t[k + 2].flags & MC_TOK_DIGIT) && v->t[k + 2].start == v->t[k + 1].end);
	return id ? j : (size_t)-1;
}

/* "st. ansgar nursing home", "saint brendan's hospital": in lower case, a
 * saint's name (no common or clinical word) then the words of an
 * organisation; returns the last token or -1. */
static size_t lower_saint_org(const view *v, size_t i)
{
	if (!(tok_is(v, i, "st") || tok_is(v, i, "saint")))
		return (size_t)-1;
	size_t j = i + 1;
	if (is_punct(v, j, '.') && v->t[j].start == v->t[i].end)
		j++;
	if (j >= v->n || !is_word(v, j) || (v->t[j].flags & MC_TOK_CAP) || tlen(v, j) < 3)
		return (size_t)-1;
	uint32_t f = v->df[j];
	if ((f & (D_ENGLISH | D_STOP | D_MEDICAL | D_ORG_SUFFIX | D_AUX)) && !(f & D_FIRST))
		return (size_t)-1;
	size_t last = (size_t)-1;
	for (size_t k = j + 1; k < v->n && k <= j + 3 && is_word(v, k) && (v->df[k] & D_ORG_SUFFIX) &&
			       !(v->t[k].flags & MC_TOK_NL);
	     k++)
		last = k;
	return last;
}

/* Token i, in lower case, alone in double quotes or parentheses and a
 * common first name that is no English or clinical word: a name the writer
 * quoted ('asking for "bessie"', 'PT (tomas)'). */
static bool enclosed_first_name(const view *v, size_t i)
{
	if (i == 0 || i + 1 >= v->n || v->t[i - 1].end != v->t[i].start || v->t[i].end != v->t[i + 1].start)
		return false;
	if (!((is_punct(v, i - 1, '"') && is_punct(v, i + 1, '"')) || (is_punct(v, i - 1, '(') && is_punct(v, i + 1, ')'))))
		return false;
	uint32_t f = v->df[i];
	return is_word(v, i) && !(v->t[i].flags & MC_TOK_CAP) && (f & D_FIRST) && (f & D_NAME_COMMON) &&
	       !(f & (D_ENGLISH | D_MEDICAL | D_VOCAB | D_STOP | D_ACRONYM | D_MONTH | D_AUX | D_DEGREE | D_TITLE));
}

/* The rules for a lower-case word at *i that extra_rules reaches rarely: a
 * quoted first name, a saint's organisation (*i then moves to its end).
 * Returns 0 or MC_ENOMEM. */
static __attribute__((noinline)) int lower_word_rules(view *v, size_t *i)
{
	if (tlen(v, *i) >= 4 && enclosed_first_name(v, *i))
		return add_name(v, *i, *i, 44) < 0 ? MC_ENOMEM : 0;
	size_t e = lower_saint_org(v, *i);
	if (e == (size_t)-1)
		return 0;
	if (phi_cand_add(v->d, v->t[*i].start, v->t[e].end, MC_PHI_ORGANIZATION, 33) < 0)
		return MC_ENOMEM;
	*i = e;
	return 0;
}

/* (kept out of mc_phi_detect: inlined there, it pushed the place rules out
 * of line and cost 2 % more instructions on generated notes) */
static __attribute__((noinline)) int extra_rules(view *v)
{
	int rc = 0;
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		const mc_token *t = &v->t[i];
		/* every rule below starts at a capitalised word, a number, a place
		 * or month word, a word before a short number, a word of one to
		 * three letters, or ninety/hundred: skip the rest at once */
		uint32_t tf = t->flags;
		if (tf & (MC_TOK_PUNCT | MC_TOK_OTHER))
			continue;
		/* a name that opens a line before an identifier: "OYELARAN, FUNMILAYO MRN
		 * 30028871", "smith john dob 010145", "GRACE HOPE 11/2/1939" */
		if ((tf & MC_TOK_NL) && !v->name[i]) {
			size_t e = line_name_before_id(v, i);
			if (e != (size_t)-1) {
				if (add_name(v, i, e, 46) < 0)
					return MC_ENOMEM;
				i = e;
				continue;
			}
		}
		if (!(tf & (MC_TOK_CAP | MC_TOK_DIGIT)) && !(v->df[i] & (D_PLACE_CUE | D_MONTH)) && !is_num(v, i + 1, 2)) {
			/* a lower-case word: an initial before '.', initials before ',' or a
			 * degree, or ninety/hundred; nothing else starts here */
			size_t n = tlen(v, i);
			bool maybe = (n <= 3 && i + 1 < v->n &&
				      ((v->t[i + 1].flags & MC_TOK_PUNCT) ? (v->s[v->t[i + 1].start] == '.' && n == 1) ||
										v->s[v->t[i + 1].start] == ','
									      : (v->df[i + 1] & D_DEGREE) != 0)) ||
				     ((n == 6 || n == 7) && ((v->s[t->start] | 0x20) == 'n' || (v->s[t->start] | 0x20) == 'h'));
			if (!maybe) {
				/* a quoted first name or a saint's organisation: most words have
				 * a space before them and no 's', so they are tested first */
				if (((n >= 4 && i > 0 && v->t[i - 1].end == t->start) ||
				     ((n == 2 || n == 5) && (v->s[t->start] | 0x20) == 's')) &&
				    lower_word_rules(v, &i) < 0)
					return MC_ENOMEM;
				continue;
			}
		}
		if (tf & MC_TOK_DIGIT) {
			/* the rules that start at a number or a letter-and-digit code */
			/* ages from 90 in digits after a person: "his wife Mei is 91", "He's 93" */
			if (!(tf & MC_TOK_ALPHA) && tlen(v, i) >= 2 && tlen(v, i) <= 3 && i > 0 &&
			    (tstr(v, i)[0] == '9' || tstr(v, i)[0] == '1')) {
				long age = tok_value(v, i);
				bool person = false;
				if (age >= 90 && age <= 125) {
					if (IS_ANY(v, i - 1, "he's", "she's", "pt's"))
						person = true;
					else if (i > 1 && IS_ANY(v, i - 1, "is", "was", "turned", "turns")) {
						size_t p = i - 2;
						person = IS_ANY(v, p, "he", "she", "pt", "patient") || v->name[p] ||
							 (is_word(v, p) && (v->df[p] & D_RELATION));
					}
				}
				bool unit_after = i + 1 < v->n && (v->t[i + 1].flags & MC_TOK_PUNCT) &&
						  strchr("%/.", v->s[v->t[i + 1].start]) && v->t[i + 1].start == t->end;
				if (person && !unit_after &&
				    !(i + 1 < v->n && IS_ANY(v, i + 1, "mg", "kg", "lbs", "lb", "bpm", "mmhg", "percent", "degrees",
							     "f", "c", "cm", "ml", "min", "minutes", "beats", "units", "points",
							     "pounds")))
					rc = phi_cand_add(v->d, t->start, t->end, MC_PHI_AGE, 50);
			}
			/* accession-like numbers: "S23-018842" */
			if ((tf & MC_TOK_ALPHA) && tlen(v, i) <= 8 && (unsigned)((v->s[t->start] | 0x20) - 'a') < 26u &&
			    is_punct(v, i + 1, '-') && v->t[i + 1].start == t->end && i + 2 < v->n &&
			    v->t[i + 2].start == v->t[i + 1].end && (v->t[i + 2].flags & MC_TOK_DIGIT) &&
			    !(v->t[i + 2].flags & MC_TOK_ALPHA) && tlen(v, i + 2) >= 4) {
				rc = phi_cand_add(v->d, t->start, v->t[i + 2].end, MC_PHI_ID, 23);
				i += 2;
			}
			continue;
		}
		/* wards named after people or places: "transfer to Kessler 6", "Weston 4 unit" */
		if ((t->flags & MC_TOK_CAP) && is_num(v, i + 1, 2) && !(v->t[i + 1].flags & (MC_TOK_ALPHA | MC_TOK_NL)) &&
		    is_word(v, i) && tlen(v, i) >= 3 && specific_word(v->df[i]) &&
		    !(v->df[i] & (D_MONTH | D_TITLE | D_STOP | D_MEDICAL | D_DEGREE | D_STREET | D_UNIT | D_STATE | D_COUNTRY)) &&
		    !(i + 2 < v->n && v->t[i + 2].start == v->t[i + 1].end && (v->t[i + 2].flags & MC_TOK_PUNCT) &&
		      strchr("/:.%-", v->s[v->t[i + 2].start]) &&
		      (v->s[v->t[i + 2].start] != '.' || (i + 3 < v->n && (v->t[i + 3].flags & MC_TOK_DIGIT) &&
							    v->t[i + 3].start == v->t[i + 2].end)))) {
			bool before = i > 0 && IS_ANY(v, i - 1, "to", "on", "from", "at", "in", "our");
			bool after = i + 2 < v->n && IS_ANY(v, i + 2, "unit", "icu", "floor", "ward", "overflow", "step", "tower");
			if (before || after) {
				rc = phi_cand_add(v->d, v->t[i].start, v->t[i + 1].end, MC_PHI_ORGANIZATION, 52);
				continue;
			}
		}
		/* ages from 90 by decade: "in his 90s", "in her 100s" (read from the
		 * tokens: the literal "in her" made a tenth of the pattern scan) */
		if ((v->df[i] & D_PLACE_CUE) && tok_is(v, i, "in") && i + 2 < v->n && IS_ANY(v, i + 1, "his", "her", "their") &&
		    (v->t[i + 2].flags & MC_TOK_DIGIT) && (v->t[i + 2].flags & MC_TOK_ALPHA) &&
		    IS_ANY(v, i + 2, "90s", "100s", "110s", "120s")) {
			rc = phi_cand_add(v->d, v->t[i + 2].start, v->t[i + 2].end, MC_PHI_AGE, 50);
			i += 2;
			continue;
		}
		/* towns: "in Gloucester", "from Mesa", "lives in wakefield" */
		if (is_word(v, i) && (v->df[i] & D_PLACE_CUE) && IS_ANY(v, i, "in", "from", "near")) {
			size_t k = i + 1;
			/* "EAST HARLOW", "New Bedford", "Port Addison" */
			bool dir = is_word(v, k) && (v->t[k].flags & MC_TOK_CAP) &&
				   IS_ANY(v, k, "east", "west", "north", "south", "new", "fort", "port", "mount", "lake", "glen",
					  "upper", "lower", "saint", "santa", "san", "los", "las", "el", "la") &&
				   place_word(v, k + 1, false) && !(v->t[k + 1].flags & MC_TOK_NL);
			if (dir || place_word(v, k, true)) {
				size_t last = k;
				while (last + 1 < v->n && last < k + 2 && place_word(v, last + 1, false) &&
				       !(v->t[last + 1].flags & MC_TOK_NL))
					last++;
				rc = phi_cand_add(v->d, v->t[k].start, v->t[last].end, MC_PHI_CITY, 31);
			} else if ((prev_flags(v, i) & D_CITY_VERB) && is_word(v, k) && !(v->t[k].flags & MC_TOK_CAP)) {
				/* "lives in wakefield", "lives in west tamsworth" (typed in lower case) */
				size_t e = k;
				if (IS_ANY(v, k, "east", "west", "north", "south", "new", "fort", "port", "mount", "lake", "glen",
					   "upper", "lower", "saint", "st") &&
				    is_word(v, k + 1) && !(v->t[k + 1].flags & (MC_TOK_CAP | MC_TOK_NL)))
					e = k + 1;
				if (tlen(v, e) >= 4 && !(v->df[e] & (D_ENGLISH | D_MEDICAL | D_STOP | D_AUX | D_MONTH | D_VOCAB)))
					rc = phi_cand_add(v->d, v->t[k].start, v->t[e].end, MC_PHI_CITY, 31);
			}
			continue;
		}
		/* a town before a state: "Flagstaff, AZ", "Springfield, Illinois" (at the town's last word) */
		if ((tf & MC_TOK_CAP) && i + 2 < v->n && (v->df[i + 2] & D_STATE) && is_punct(v, i + 1, ',') &&
		    !(v->df[i + 2] & D_DEGREE) && (v->t[i + 2].flags & MC_TOK_CAP) &&
		    (tlen(v, i + 2) > 2 || (v->t[i + 2].flags & MC_TOK_UPPER)) && place_word(v, i, false) &&
		    !(v->df[i] & D_ENGLISH && !(v->df[i] & (D_PROPER | D_CITY)))) {
			size_t a = i;
			while (a > 0 && i - a < 2 && place_word(v, a - 1, false) && !(v->t[a].flags & MC_TOK_NL))
				a--;
			rc = phi_cand_add(v->d, v->t[a].start, v->t[i].end, MC_PHI_CITY, 31);
			/* (the same word may start a ward or a signature: go on) */
		}
		/* month-day with a hyphen after a date word: "on 10-2", "since 3-14" */
		if (is_num(v, i + 1, 2) && is_punct(v, i + 2, '-') && is_num(v, i + 3, 2) && is_word(v, i) &&
		    v->t[i + 2].start == v->t[i + 1].end && v->t[i + 3].start == v->t[i + 2].end &&
		    !((v->t[i + 1].flags | v->t[i + 3].flags) & MC_TOK_ALPHA) &&
		    IS_ANY(v, i, "on", "since", "until", "till", "dated", "date")) {
			long m = tok_value(v, i + 1), dd = tok_value(v, i + 3);
			size_t k = i + 4;
			bool glued = k < v->n && v->t[k].start == v->t[i + 3].end && (v->t[k].flags & MC_TOK_PUNCT) &&
				     strchr("-/.%:", v->s[v->t[k].start]);
			if (m >= 1 && m <= 12 && dd >= 1 && dd <= 31 && !glued &&
			    !IS_ANY(v, k, "mg", "mcg", "ml", "cc", "units", "unit", "days", "day", "weeks", "week", "hours",
				    "hour", "hrs", "hr", "min", "mins", "minutes", "months", "month", "years", "times", "x",
				    "liters", "l", "tabs", "tab", "pills", "beats", "breaths", "mmhg", "cm", "mm")) {
				rc = phi_cand_add(v->d, v->t[i + 1].start, v->t[i + 3].end, MC_PHI_DATE, 42);
				i += 3;
				continue;
			}
		}
		/* a month alone: "in Nov.", "since Aug" (May, March, August only capitalised) */
		if (month_name(v, i) && i > 0 &&
		    (IS_ANY(v, i - 1, "in", "since", "until", "till", "by", "during", "of", "last", "next", "early", "late",
			    "mid", "from", "before", "after", "through", "thru", "this", "that") ||
		     ((t->flags & MC_TOK_CAP) && tok_is(v, i - 1, "the") && !is_num(v, i + 1, 2))) &&
		    !(!(t->flags & MC_TOK_CAP) && IS_ANY(v, i, "may", "march", "august")) && !is_num(v, i + 1, 4)) {
			size_t e = i;
			if (is_punct(v, i + 1, '.') && v->t[i + 1].start == t->end)
				e = i + 1;
			rc = phi_cand_add(v->d, t->start, v->t[e].end, MC_PHI_DATE, 35);
			continue;
		}
		/* ages from 90 in words: "a ninety-three year old", "(ninety-four)" */
		size_t ae = (tlen(v, i) == 6 || tlen(v, i) == 7) && is_word(v, i) ? age_words(v, i) : (size_t)-1;
		if (ae != (size_t)-1) {
			size_t a = tok_is(v, i, "hundred") ? i - 1 : i, k = ae + 1;
			if (is_punct(v, k, '-'))
				k++;
			bool unit = IS_ANY(v, k, "year", "years", "yr", "yrs", "yo");
			bool before = a > 0 && (IS_ANY(v, a - 1, "is", "was", "age", "aged", "turned", "turns") ||
						(is_punct(v, a - 1, '(') && is_punct(v, ae + 1, ')')));
			if (unit || before)
				rc = phi_cand_add(v->d, v->t[a].start, v->t[ae].end, MC_PHI_AGE, 50);
			i = ae;
			continue;
		}
		/* signatures: "--m. dacosta rn", "by j. amaral rn", "J. Amaral, RN" */
		if (is_word(v, i) && tlen(v, i) == 1 && is_punct(v, i + 1, '.') && i + 2 < v->n && is_word(v, i + 2) &&
		    tlen(v, i + 2) >= 2 && !(v->df[i + 2] & (D_STOP | D_MEDICAL | D_MONTH | D_AUX | D_DEGREE))) {
			size_t k = i + 3;
			if (is_punct(v, k, ','))
				k++;
			if (k < v->n && is_word(v, k) && (v->df[k] & D_DEGREE) && !(v->t[k].flags & MC_TOK_NL)) {
				if (add_name(v, i, i + 2, 46) < 0)
					return MC_ENOMEM;
				i += 2;
				continue;
			}
		}
		/* initials before a degree: "-- TMR, RN", "kb, lpn", "jmk rn" */
		if (is_word(v, i) && tlen(v, i) >= 2 && tlen(v, i) <= 3 && !(v->df[i] & (D_DEGREE | D_TITLE | D_STOP | D_MONTH)) &&
		    !v->name[i]) {
			size_t k = i + 1;
			if (is_punct(v, k, ','))
				k++;
			bool upper_or_lower = (t->flags & MC_TOK_UPPER) || !(t->flags & MC_TOK_CAP);
			bool sign = k < v->n && is_word(v, k) && (v->df[k] & D_DEGREE) && !(v->t[k].flags & MC_TOK_NL) &&
				    (k + 1 == v->n || (v->t[k + 1].flags & MC_TOK_NL) || is_punct(v, k + 1, '.'));
			bool lead = i > 0 && (is_punct(v, i - 1, '-') || (t->flags & MC_TOK_NL));
			if (upper_or_lower && sign && (lead || (t->flags & MC_TOK_UPPER))) {
				if (add_name(v, i, i, 44) < 0)
					return MC_ENOMEM;
				continue;
			}
		}
		/* initials that sign a note: "-JRT" or "KLM" closing a line */
		if (is_word(v, i) && (t->flags & MC_TOK_UPPER) && tlen(v, i) >= 2 && tlen(v, i) <= 4 &&
		    (i + 1 == v->n || (v->t[i + 1].flags & MC_TOK_NL)) && !(v->df[i] & (D_MEDICAL | D_STOP | D_DEGREE | D_STATE | D_ACRONYM)) &&
		    ((i > 0 && is_punct(v, i - 1, '-') && (v->t[i - 1].end == t->start || !(v->t[i - 1].flags & MC_TOK_ALPHA))) ||
		     (i > 1 && is_punct(v, i - 1, ':') && is_word(v, i - 2) && (v->df[i - 2] & D_DEGREE)) ||
		     (i + 1 == v->n && i > 0 && (is_punct(v, i - 1, '.') || (t->flags & MC_TOK_NL))))) {
			if (add_name(v, i, i, 44) < 0)
				return MC_ENOMEM;
			continue;
		}
	}
	return rc;
}

/* The key of word token i by its whole text (the one computed for the
 * dictionary when the token has no possessive to drop). */
static phi_key whole_word_key(const view *v, size_t i)
{
	const char *w = tstr(v, i);
	size_t n = tlen(v, i);
	return phi_dict_key_len(w, n) == n ? v->key[i] : phi_dict_key(w, n);
}

/* Remember the name tokens of this piece; then mark their other uses. */
static int propagate(view *v)
{
	mc_phi_doc *d = v->d;
	for (size_t i = 0; i < v->n; i++) {
		if (!v->name[i] || !is_word(v, i) || tlen(v, i) < 2)
			continue;
		uint32_t f = v->df[i];
		/* an eponym named by context ("Dr. Parkinson") is not spread to "Parkinson disease" */
		if (f & (D_MONTH | D_TITLE | D_DEGREE | D_STOP | D_MEDICAL))
			continue;
		if (d->names.n >= DOC_MAX_NAMES)
			break;
		/* a common word is propagated only in its capitalised form, and so
		 * is a word no name list knows that was found capitalised
		 * ("Urethral" at a line start does not make "urethral" a name) */
		bool lower_too = !(f & (D_ENGLISH | D_MEDICAL)) &&
				 ((f & (D_FIRST | D_LAST)) || !(v->t[i].flags & MC_TOK_CAP));
		uint32_t mark = lower_too ? 1 : 2;
		if (phi_dict_add(&d->names, tstr(v, i), tlen(v, i), mark, 0) < 0)
			return MC_ENOMEM;
		d->names_bloom |= 1ull << (whole_word_key(v, i).h >> 58);
	}
	if (!d->names.n)
		return 0;
	for (size_t i = 0; i < v->n; i++) {
		if (v->name[i] || !is_word(v, i) || tlen(v, i) < 2)
			continue;
		/* a lower-case common word matches no remembered name: those are
		 * capitalised (mark 2) or no common word (mark 1) */
		if (!(v->t[i].flags & MC_TOK_CAP) && (v->df[i] & D_ENGLISH))
			continue;
		phi_key k = whole_word_key(v, i);
		if (!(d->names_bloom >> (k.h >> 58) & 1))
			continue;
		uint32_t m = phi_dict_get_k(&d->names, tstr(v, i), tlen(v, i), k);
		if (!m)
			continue;
		if ((m & 2) && !(m & 1) && !(v->t[i].flags & MC_TOK_CAP))
			continue;
		if (eponym_use(v, i))
			continue; /* "Dr. Parkinson ... Parkinson disease": the disease is not the person */
		v->name[i] = 1;
		if (phi_cand_add(d, v->t[i].start, v->t[i].end, MC_PHI_NAME, 38) < 0)
			return MC_ENOMEM;
	}
	return 0;
}

static int cmp_cand(const void *a, const void *b)
{
	const phi_cand *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return y->prio - x->prio;
}

static bool only_space(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

static int merge(mc_phi_doc *d, const char *s, size_t len, mc_phi_result *out)
{
	phi_cand *c = d->cands;
	if (d->ncands > 48) {
		qsort(c, d->ncands, sizeof(*c), cmp_cand); /* glibc's is a stable merge sort */
	} else {
		/* few candidates, mostly in order already: a stable insertion sort */
		for (size_t k = 1; k < d->ncands; k++) {
			phi_cand x = c[k];
			size_t m = k;
			for (; m > 0 && cmp_cand(&c[m - 1], &x) > 0; m--)
				c[m] = c[m - 1];
			c[m] = x;
		}
	}
	out->n = 0;
	size_t i = 0;
	while (i < d->ncands) {
		size_t a = c[i].start, b = c[i].end;
		int type = c[i].type, prio = c[i].prio;
		size_t j = i + 1;
		for (; j < d->ncands; j++) {
			bool overlap = c[j].start < b;
			bool glue = !overlap && c[j].type == type && type == MC_PHI_NAME && c[j].type == MC_PHI_NAME &&
				    only_space(s, b, c[j].start);
			if (!overlap && !glue)
				break;
			if (c[j].end > b)
				b = c[j].end;
			if (c[j].prio > prio) {
				prio = c[j].prio;
				type = c[j].type;
			}
		}
		i = j;
		if (b > len)
			b = len;
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 16;
			mc_phi_span *v = mc_realloc(out->spans, cap * sizeof(*v));
			if (!v)
				return MC_ENOMEM;
			out->spans = v;
			out->cap = cap;
		}
		out->spans[out->n++] = (mc_phi_span){ a, b, 0, 0, (mc_phi_type)type };
	}
	/* code points */
	size_t pos = 0, cp = 0;
	for (size_t k = 0; k < out->n; k++) {
		mc_phi_span *sp = &out->spans[k];
		cp += mc_text_cp_count(s + pos, sp->start - pos);
		sp->cp_start = cp;
		cp += mc_text_cp_count(s + sp->start, sp->end - sp->start);
		sp->cp_end = cp;
		pos = sp->end;
	}
	return 0;
}

/* Lines written in capitals ("PT IS 90 YO, LIVES ALONE"): three or more
 * words of two letters or more, three in four of them all capitals.
 * Tokens [a, b) are one line with these counts. */
static void mark_shouting(view *v, size_t a, size_t b, size_t words, size_t upper)
{
	if (upper >= 3 && upper * 4 >= words * 3)
		for (size_t k = a; k < b; k++)
			v->st[k] |= ST_SHOUT;
}

int mc_phi_detect(mc_phi_doc *d, const char *text, size_t len, mc_phi_result *out, mc_error *err)
{
	out->n = 0;
	d->ncands = 0;
	int rc = phi_patterns_scan(d, text, len, err); /* tokenizes into d->tok too */
	if (rc < 0)
		return rc;
	size_t n = d->tok.n;
	mc_buf_clear(&d->scratch);
	size_t need = n * (sizeof(phi_key) + sizeof(uint32_t) + 2) + 8;
	if (mc_buf_grow(&d->scratch, need) < 0)
		return mc_error_set(err, MC_ENOMEM, "out of memory finding names");
	view v = { d, &d->phi->dict, text, len, d->tok.v, n, NULL, NULL, NULL, NULL, (size_t)-1 };
	phi_key *key = (phi_key *)(void *)d->scratch.ptr;
	v.key = key;
	v.df = (uint32_t *)(key + n);
	v.name = (unsigned char *)(v.df + n);
	v.st = v.name + n;
	/* dictionary flags of every word; then, per word, what they make of
	 * it, and the lines written in capitals */
	phi_dict_lookup_tokens(v.dict, text, len, d->tok.v, n, key, v.df);
	memset(v.name, 0, 2 * n);
	size_t line = 0, words = 0, upper = 0, drugs[16], ndrugs = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t tf = d->tok.v[i].flags;
		if (tf & MC_TOK_NL) {
			mark_shouting(&v, line, i, words, upper);
			line = i, words = upper = 0;
		}
		if (!(tf & MC_TOK_ALPHA))
			continue;
		if ((v.df[i] & D_ACRONYM) && (tf & MC_TOK_UPPER))
			v.df[i] |= D_MEDICAL; /* "GRACE score", not "Grace" */
		/* (a word in lower case that no name list knows has none: most words) */
		if ((tf & MC_TOK_CAP) || (v.df[i] & (D_FIRST | D_LAST)))
			v.st[i] = (unsigned char)word_strength(&v, i);
		/* a word no list knows, used as a drug here, is one everywhere in the text */
		if (!v.st[i] && (tf & MC_TOK_CAP) && !(tf & (MC_TOK_UPPER | MC_TOK_DIGIT)) && !v.df[i] && ndrugs < 16 &&
		    tlen(&v, i) >= 4 && drug_use(&v, i, true))
			drugs[ndrugs++] = i;
		if (tlen(&v, i) >= 2) {
			words++;
			upper += (tf & MC_TOK_UPPER) != 0;
		}
	}
	mark_shouting(&v, line, n, words, upper);
	for (size_t i = 0; ndrugs && i < n; i++)
		for (size_t k = 0; k < ndrugs && (v.st[i] & 3) == 1; k++)
			if (v.key[i].h == v.key[drugs[k]].h && v.key[i].k8 == v.key[drugs[k]].k8 &&
			    tlen(&v, i) == tlen(&v, drugs[k]))
				v.st[i] &= (unsigned char)~3u;
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* the place and address rules start only at a number, a capitalised
		 * word or one of their cue words: skip the rest fast */
		if (!(v.t[i].flags & (MC_TOK_DIGIT | MC_TOK_CAP)) && !place_cue_word(&v, i))
			continue;
		size_t skip = i;
		rc = address_rule(&v, i, &skip);
		if (rc == 0 && skip == i && is_word(&v, i))
			rc = address_cue_rule(&v, i, &skip);
		if (rc == 0 && skip == i && (v.t[i].flags & MC_TOK_DIGIT))
			rc = postcode_rule(&v, i);
		if (rc == 0 && skip == i)
			rc = unit_rule(&v, i);
		if (rc == 0 && skip == i)
			rc = org_rule(&v, i, &skip);
		if (rc == 0 && is_word(&v, i))
			rc = place_rules(&v, i);
		if (rc == 0 && is_word(&v, i) && (v.df[i] & D_CITY) && (v.t[i].flags & MC_TOK_CAP))
			rc = phi_cand_add(d, v.t[i].start, v.t[i].end, MC_PHI_CITY, 31);
		i = skip;
	}
	if (rc == 0)
		rc = name_rules(&v);
	if (rc == 0)
		rc = coordination(&v);
	if (rc == 0)
		rc = extra_rules(&v);
	if (rc == 0)
		rc = propagate(&v);
	if (rc == 0)
		rc = merge(d, text, len, out);
	mc_wipe(d->scratch.ptr, need);
	if (d->ncands)
		mc_wipe(d->cands, d->ncands * sizeof(phi_cand));
	d->ncands = 0;
	if (rc < 0) {
		out->n = 0;
		return mc_error_set(err, MC_ENOMEM, "out of memory finding identifiers");
	}
	return 0;
}
