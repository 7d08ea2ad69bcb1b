/* Names from the word lists: the name strength of each word, and runs of
 * name words ("John Smith", "Krisztián Szöllösy", "Ana Lucia Moreno");
 * phi_name_rules drives the name family over a text (context first:
 * name_cues.c). */
#include "phi/rules.h"

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

/* A capital inside a word ("BiLevel", "IgMAg", "HBeAg"): a code or a term;
 * not after Mc, Mac, O', De, Di, La, Le or Van ("McDonald", "DeBakey"). */
static bool inner_capital(const char *w, size_t n)
{
	for (size_t k = 1; k < n; k++) {
		if (w[k] < 'A' || w[k] > 'Z')
			continue;
		if ((k == 2 && (ascii_caseeq(w, "mc", 2) || ascii_caseeq(w, "de", 2) || ascii_caseeq(w, "di", 2) ||
				ascii_caseeq(w, "la", 2) || ascii_caseeq(w, "le", 2) || w[1] == '\'')) ||
		    (k == 3 && (ascii_caseeq(w, "mac", 3) || ascii_caseeq(w, "van", 3))))
			continue;
		return true;
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
bool phi_drug_use(const view *v, size_t i, bool verb_ok)
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
		if (is_class(v, k, W_DOSE_UNIT))
			return true;
	}
	if (!verb_ok || i == 0 || !is_word(v, i - 1) || (v->t[i - 1].flags & MC_TOK_CAP) || tlen(v, i - 1) < 4 ||
	    tlen(v, i - 1) > 12)
		return false;
	return is_class(v, i - 1, W_RX_VERB);
}

/* Name strength of word token i: 3 a name and no common word, 2 a name that
 * is also a common word, 1 an unknown capitalised word, 0 not a name.
 * Computed once per token into v->st, which strength() reads. */
int phi_word_strength(const view *v, size_t i)
{
	if (!is_word(v, i))
		return 0;
	uint32_t f = v->df[i];
	uint32_t flags = v->t[i].flags;
	size_t n = tlen(v, i);
	if (f & (D_MEDICAL | D_MONTH | D_STOP | D_STREET | D_ORG_SUFFIX | D_COUNTRY | D_DEGREE | D_TITLE | D_NOT_PLACE))
		return 0;
	if (flags & MC_TOK_APOS) {
		/* ABG's, DC'd, TF's: an acronym with an ending */
		const char *w = tstr(v, i), *ap = memchr(w, '\'', n);
		bool caps = ap && ap - w >= 2;
		for (const char *c = w; caps && c < ap; c++)
			caps = *c >= 'A' && *c <= 'Z';
		if (caps)
			return 0;
	}
	if (n >= 3 && tstr(v, i)[n - 1] == 's') {
		/* PFTs, ADLs, DOBs: the plural of an acronym */
		bool caps = true;
		for (size_t k = 0; k + 1 < n && caps; k++)
			caps = tstr(v, i)[k] >= 'A' && tstr(v, i)[k] <= 'Z';
		if (caps)
			return 0;
	}
	/* a word of the store's vocabulary is no name, unless a name list says so */
	if (phi_vocab_only(f))
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
		if (n < 2 || (cap && n >= 4 && phi_drug_use(v, i, false)))
			return 0;
		/* a rare name that is a clinical word ("Bolus", "Sternal",
		 * "Candida"): opening a sentence or a line it is the clinical word,
		 * elsewhere a weak name, as one that is a common word (a name
		 * next to another, never alone); next to a first name it is still
		 * part of a name (run_strength) */
		if ((f & D_CLINICAL) && !(f & D_NAME_COMMON))
			return !cap || (flags & (MC_TOK_SENT | MC_TOK_NL)) ? 0 : 2;
		/* a rare surname of three letters or fewer: an abbreviation as often
		 * ("Gu", "Dk", "Mag"): a weak name */
		if (n <= 3 && !(f & (D_NAME_COMMON | D_FIRST)) && cap && !upper)
			return 2;
		/* in text written in capitals, a common name that is no common or
		 * clinical word: a first name is a name (THERESA), a surname a
		 * weak one (a name next to another) */
		if (!cap && (v->st[i] & ST_WAS_UPPER) && (v->st[i] & ST_CASELESS) && (f & D_NAME_COMMON) &&
		    !(f & (D_ENGLISH | D_CLINICAL)) && n >= 3)
			return (f & D_FIRST) ? 3 : 2;
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
	if (clinical_ending(tstr(v, i), n) || trademark_after(v, i) || phi_drug_use(v, i, true) ||
	    inner_capital(tstr(v, i), n))
		return 0;
	return 1;
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

int phi_add_name(view *v, size_t a, size_t b_incl, phi_prio prio, phi_rule rule)
{
	for (size_t k = a; k <= b_incl; k++)
		v->name[k] = 1;
	a = saint_before(v, a);
	return phi_cand_add(v->d, v->t[a].start, v->t[b_incl].end, MC_PHI_NAME, prio, rule);
}

/* Token j glued by '-' to a lower-case word of two to maxlen letters after
 * it: the second syllable of a given name ("Jun-ho", "Hyun-woo"). */
bool phi_glued_lower_part(const view *v, size_t j, size_t maxlen)
{
	return j + 2 < v->n && is_punct(v, j + 1, '-') && v->t[j + 1].start == v->t[j].end &&
	       v->t[j + 2].start == v->t[j + 1].end && is_word(v, j + 2) && !(v->t[j + 2].flags & MC_TOK_CAP) &&
	       tlen(v, j + 2) >= 2 && tlen(v, j + 2) <= maxlen;
}

/* Is the word after token i one that makes a surname an eponym? */
bool phi_eponym_use(const view *v, size_t i)
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

/* A lower-case word of the name lists that is no verb, clinical or
 * common word (or is a common first name), next to another: both read
 * as a name when one of them is no English word ("maria gonzalez"). */
bool phi_lower_name_word(const view *v, size_t i)
{
	if (!is_word(v, i) || (v->t[i].flags & MC_TOK_CAP) || tlen(v, i) < 2)
		return false;
	uint32_t f = v->df[i];
	return (f & (D_FIRST | D_LAST)) &&
	       !(f & (D_MEDICAL | D_STOP | D_AUX | D_MONTH | D_TITLE | D_DEGREE | D_RELATION)) && !phi_vocab_only(f);
}

/* Lower-case words i and j of the name lists side by side read as a name
 * when one is a common first name, one is no English word, and an English
 * word among them is a common name ("maria gonzalez", "olga krylova"; not
 * "vena cava", "dura mater": rare names, Latin words). */
static bool lower_pair_at(const view *v, size_t i, size_t j)
{
	if (!phi_lower_name_word(v, i) || !phi_lower_name_word(v, j) || (v->t[i > j ? i : j].flags & MC_TOK_NL))
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
		return is_class(v, j + 1, W_PERSON_IS);
	return is_class(v, j, W_PERSON_VERB);
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
	if ((f & (D_MEDICAL | D_CLINICAL)) && !(f & (D_STOP | D_MONTH))) {
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

/* Tokens a..b hold no first name, and each word is a common or clinical
 * word or one no list knows. */
static bool term_run(const view *v, size_t a, size_t b)
{
	for (size_t k = a; k <= b; k++) {
		if (!is_word(v, k))
			continue;
		uint32_t f = v->df[k];
		if ((f & D_FIRST) || ((f & D_LAST) && !(f & (D_ENGLISH | D_CLINICAL))) || (f & (D_PROPER | D_CITY)) ||
		    (v->t[k].flags & MC_TOK_NONASCII))
			return false; /* (letters beyond ASCII: a foreign name, "Zbigniew Wójcik") */
	}
	return true;
}

/* Does token i count as capitalised in a run of names: capitalised, or
 * written in capitals where capitals say nothing (every word is; the
 * lists tell names from words there)? */
static bool cased_like(const view *v, size_t i)
{
	return (v->t[i].flags & MC_TOK_CAP) || ((v->st[i] & ST_WAS_UPPER) && (v->st[i] & ST_CASELESS));
}

/* A person introduced after token i: "is a 62 yo man", "is a 70 yr old",
 * "was a 45 year-old" (is/was, a/an, a number, an age word). */
static bool introduced(const view *v, size_t i)
{
	size_t j = i + 1;
	if (!(tok_is(v, j, "is") || tok_is(v, j, "was")) || !(tok_is(v, j + 1, "a") || tok_is(v, j + 1, "an")) ||
	    !is_num(v, j + 2, 3))
		return false;
	size_t k = j + 3;
	if (is_punct(v, k, '-'))
		k++;
	/* ("62yo", "70yr" in one token; "62 yo", "70 year-old", "45 y/o") */
	return (v->t[j + 2].flags & MC_TOK_ALPHA) ? tlen(v, j + 2) <= 6
						 : is_class(v, k, W_AGE_YEAR) || tok_is(v, k, "y") || tok_is(v, k, "month");
}

/* A lone capitalised word no list knows that reads as a term after all:
 * a misspelt common or clinical word ("Famliy", "Brusies", "Amniodarone":
 * one edit away), or a word the text also writes in lower case
 * ("Carevue" ... "carevue"). */
static bool term_like(view *v, size_t i)
{
	if (!v->df[i] && misspelt(v, i))
		return true;
	return phi_lower_word(v, i) == 1; /* (out of memory: no evidence, a name stays a name) */
}

int phi_name_rules(view *v)
{
	int rc = 0;
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		if (v->name[i])
			continue;
		const mc_token *t = &v->t[i];
		if (!is_word(v, i) && !is_initial(v, i))
			continue;
		/* context first: "Dr. X", "Patient: John Smith", "his wife Mary" */
		rc = may_follow_cue(v, i) ? phi_name_by_cue(v, &i) : 0;
		if (rc != 0) {
			rc = rc > 0 ? 0 : rc;
			continue;
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
		bool lower = !cased_like(v, i);
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
				if (j > i && phi_glued_lower_part(v, j - 1, 4) && !(v->df[j + 1] & (D_STOP | D_MEDICAL | D_MONTH)) &&
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
			if (lower != !cased_like(v, j) && !is_initial(v, j))
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
			if (k < v->n && is_word(v, k) && (v->df[k] & D_DEGREE) &&
			    ((v->t[k].flags & MC_TOK_UPPER) || (v->st[k] & ST_WAS_UPPER)) &&
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
			accept = (!lower || count >= 2) &&
				 (count >= 2 || !v->clinical_prose || (v->df[i] & D_FIRST) || introduced(v, last));
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
			 !((v->df[i] & D_PROPER) && !(v->df[i] & (D_FIRST | D_LAST))) && !v->clinical_prose &&
			 !term_like(v, i))
			accept = true; /* (in long clinical prose a lone word no list knows is a term
					* as often as not: a name there needs context) */
		else if (count == 1 && st == 1 && sent && tlen(v, i) >= 4 && !v->df[i] && !(t->flags & MC_TOK_UPPER) &&
			 person_verb_after(v, i))
			accept = true; /* "Shovda is from Tbilisi", "Dzhambek lives on": a word no list knows */
		/* in long clinical prose, capitalised words of which none is a first
		 * name and each is a common or clinical word or one no list knows
		 * are a term in title case ("Body Mass", "Western Blot", "Coma Scale") */
		if (accept && count >= 2 && v->clinical_prose && !degree && term_run(v, i, last))
			accept = false;
		if (!accept && count <= 2 && st >= 1 && !lower && introduced(v, last))
			accept = true; /* "Dombrowski is a 62 yo man" */
		if (accept && count == 1 && is_initial(v, i))
			accept = false;
		if (accept && count == 1 && !degree && maxst < 3 && (t->flags & MC_TOK_HEADER) && is_punct(v, i + 1, ':'))
			accept = false; /* "Dispo:", "Hydro:": a section header, not a name ("Nicole:" stays one) */
		/* "Wilson disease", "Bell palsy", "Reed-Sternberg cells", "Hoehn and Yahr stage": the
		 * clinical use of a surname (never "John Smith test results": a first and last name) */
		if (accept && !degree && phi_eponym_use(v, last) &&
		    (count == 1 || (count == 2 && last > i && (is_punct(v, last - 1, '-') || tok_is(v, last - 1, "and")))))
			accept = false;
		if (accept)
			rc = phi_add_name(v, i, last, PRI_NAME_RUN,
					  count > 1 ? R_NAME_RUN : maxst == 1 ? R_NAME_UNKNOWN : R_NAME_ALONE);
		i = last;
	}
	return rc;
}
