/* Places: organisations (a capitalised run ending in Hospital, Clinic,
 * Urology; a place after "seen at", "transferred to"), wards named after
 * people or places ("Kessler 6"), towns ("lives in X", "in Gloucester",
 * "Flagstaff, AZ") and a saint's organisation typed in lower case. */
#include "phi/rules.h"

/* A word that may be part of an organisation's or a place's name:
 * capitalised, or where case says nothing a proper word or one of the
 * words organisations are named with (Hospital, General, Maryland). */
static bool org_word(const view *v, size_t i)
{
	if (!is_word(v, i))
		return false;
	if (v->t[i].flags & MC_TOK_CAP)
		return true;
	return (v->st[i] & ST_CASELESS) &&
	       (proper(v, i) || (v->df[i] & (D_ORG_SUFFIX | D_GENERIC | D_STATE | D_CITY | D_COUNTRY)));
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
		if (!org_word(v, j))
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
	if (!proper(v, i))
		return false;
	/* (where case says nothing, a misspelt common word names nothing: "reeval") */
	if (!(v->t[i].flags & MC_TOK_CAP) && !v->df[i] &&
	    misspelt(v, i))
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

int phi_place_rules(view *v, size_t i)
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
	return phi_cand_add(v->d, v->t[k].start, v->t[last].end, type, PRI_PLACE_CUE, R_PLACE_CUE);
}

/* Capitalised run ending in Hospital / Clinic / Medical Center. */
int phi_org_rule(view *v, size_t i, size_t *skip)
{
	/* ends in a suffix (Hospital, Clinic) or a specialty ("Port Addison Urology") */
	/* (a strong suffix in lower case after a capitalised name: "Kernan hospital") */
	bool lower_after_name = is_word(v, i) && !(v->t[i].flags & MC_TOK_CAP) && i > 0 &&
				(v->t[i - 1].flags & MC_TOK_CAP) && is_class(v, i, W_ORG_SUFFIX_STRONG) &&
				org_name_word(v, i - 1) && !(v->t[i].flags & MC_TOK_NL);
	if (!(org_word(v, i) || lower_after_name) || !((v->df[i] & D_ORG_SUFFIX) || specialty_word(v, i)))
		return 0;
	/* where case says nothing, only a strong suffix: "harford memorial",
	 * not "resp care" or "plan of care" */
	if (!(v->t[i].flags & MC_TOK_CAP) && !is_class(v, i, W_ORG_SUFFIX_STRONG))
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
		if (!org_word(v, p) || (v->t[a].flags & MC_TOK_NL))
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
		if (b + 2 < v->n && tok_is(v, b + 1, "of") && org_word(v, b + 2) && !(v->df[b + 2] & D_STOP)) {
			b += 2;
			specific = true;
		} else if (b + 1 < v->n && org_word(v, b + 1) && (v->df[b + 1] & D_ORG_SUFFIX) &&
			   !(v->t[b + 1].flags & MC_TOK_NL)) {
			b += 1; /* "Urgent Care Center" */
		} else if (b + 2 < v->n && org_word(v, b + 1) &&
			   !(v->df[b + 1] & D_MONTH) && (!(v->df[b + 1] & D_STOP) || (v->df[b + 1] & D_GENERIC)) &&
			   org_word(v, b + 2) && (v->df[b + 2] & D_ORG_SUFFIX) &&
			   !((v->t[b + 1].flags | v->t[b + 2].flags) & MC_TOK_NL)) {
			b += 2; /* "Glenmorrow Health Heart Center" */
		} else if (b + 2 < v->n && (tok_is(v, b + 1, "and") || is_punct(v, b + 1, '&')) && org_word(v, b + 2) &&
			   (v->df[b + 2] & D_ORG_SUFFIX)) {
			b += 2; /* "Nursing and Rehabilitation" */
		} else {
			break;
		}
	}
	/* a department ("Internal Medicine", "Intensive Care") is no organisation */
	if (!specific || a == i)
		return 0;
	*skip = b;
	return phi_cand_add(v->d, v->t[a].start, v->t[b].end, MC_PHI_ORGANIZATION, PRI_ORG_SUFFIX, R_ORG_SUFFIX);
}


/* A capitalised word that can be (part of) a town: no clinical, common,
 * calendar or context word, and not a language or a payer. */
static bool place_word(const view *v, size_t i, bool first)
{
	if (!proper(v, i) || tlen(v, i) < 3)
		return false;
	/* (a misspelt common or clinical word is no town: "in afteroon") */
	if (!v->df[i] && misspelt(v, i))
		return false;
	uint32_t f = v->df[i];
	if (f & (D_STOP | D_MONTH | D_TITLE | D_MEDICAL | D_ORG_SUFFIX | D_COUNTRY | D_STATE | D_NOT_PLACE | D_DEGREE |
		 D_UNIT | D_RELATION | D_AUX) || phi_vocab_only(f))
		return false;
	if ((v->t[i].flags & MC_TOK_UPPER) && tlen(v, i) <= 4 && !(f & D_CITY))
		return false; /* "in NSR", "from ICU", "in LSD": abbreviations */
	if (tlen(v, i) <= 3 && !(f & (D_CITY | D_PROPER | D_FIRST | D_LAST)))
		return false; /* "in Hto" */
	if (v->t[i].flags & MC_TOK_APOS)
		return false; /* "in LE's" */
	/* (a proper noun that is a common word counts where it is capitalised: "in Revere") */
	return !first || !(f & D_ENGLISH) || (f & D_CITY) || ((f & D_PROPER) && (v->t[i].flags & MC_TOK_CAP));
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

/* At a lower-case word: "st. ansgar nursing home"; *i moves to its end. */
int phi_saint_org_rule(view *v, size_t *i)
{
	size_t e = lower_saint_org(v, *i);
	if (e == (size_t)-1)
		return 0;
	if (phi_cand_add(v->d, v->t[*i].start, v->t[e].end, MC_PHI_ORGANIZATION, PRI_SAINT_ORG, R_SAINT_ORG) < 0)
		return MC_ENOMEM;
	*i = e;
	return 1;
}

/* Wards named after people or places: "transfer to Kessler 6", "Weston 4 unit". */
int phi_ward_rule(view *v, size_t i)
{
	/* (in lower case, a word of four letters or more no list knows and no
	 * misspelling, whatever the rest of the text: "transfer to quartermain 2") */
	bool lower_unknown = is_word(v, i) && !(v->t[i].flags & MC_TOK_CAP) && !v->df[i] && tlen(v, i) >= 4 &&
			     is_num(v, i + 1, 2) &&
			     !misspelt(v, i);
	if ((proper(v, i) || lower_unknown) && is_num(v, i + 1, 2) && !(v->t[i + 1].flags & (MC_TOK_ALPHA | MC_TOK_NL)) &&
	    is_word(v, i) && tlen(v, i) >= 3 && specific_word(v->df[i]) &&
	    !(v->df[i] & (D_MONTH | D_TITLE | D_STOP | D_MEDICAL | D_DEGREE | D_STREET | D_UNIT | D_STATE | D_COUNTRY)) &&
	    !(i + 2 < v->n && v->t[i + 2].start == v->t[i + 1].end && (v->t[i + 2].flags & MC_TOK_PUNCT) &&
	      strchr("/:.%-", v->s[v->t[i + 2].start]) &&
	      (v->s[v->t[i + 2].start] != '.' || (i + 3 < v->n && (v->t[i + 3].flags & MC_TOK_DIGIT) &&
						    v->t[i + 3].start == v->t[i + 2].end)))) {
		bool before = i > 0 && is_class(v, i - 1, W_WARD_BEFORE);
		bool after = i + 2 < v->n && is_class(v, i + 2, W_WARD_AFTER);
		if (before || after)
			return phi_cand_add(v->d, v->t[i].start, v->t[i + 1].end, MC_PHI_ORGANIZATION, PRI_WARD, R_WARD) < 0
				       ? MC_ENOMEM : 1;
	}
	return 0;
}

/* Towns: "in Gloucester", "from Mesa", "EAST HARLOW", "lives in wakefield"
 * (at "in", "from" or "near": the token is taken whether or not a town follows). */
int phi_town_rule(view *v, size_t i)
{
	if (!(is_word(v, i) && (v->df[i] & D_PLACE_CUE) && IS_ANY(v, i, "in", "from", "near", "outside")))
		return 0;
	int rc = 0;
	size_t k = i + 1;
	/* "EAST HARLOW", "New Bedford", "Port Addison" */
	bool dir = is_word(v, k) && ((v->t[k].flags & MC_TOK_CAP) || (v->st[k] & ST_CASELESS)) &&
		   (wclass(v, k) & (WC(W_TOWN_PREFIX) | WC(W_TOWN_PREFIX_CAP))) &&
		   place_word(v, k + 1, false) && !(v->t[k + 1].flags & MC_TOK_NL);
	if (dir || place_word(v, k, true)) {
		size_t last = k;
		while (last + 1 < v->n && last < k + 2 && place_word(v, last + 1, false) &&
		       !(v->t[last + 1].flags & MC_TOK_NL))
			last++;
		if (phi_eponym_use(v, last))
			return 1; /* "fluid in Douglas pouch" */
		rc = phi_cand_add(v->d, v->t[k].start, v->t[last].end, MC_PHI_CITY, PRI_TOWN, R_TOWN);
	} else if ((prev_flags(v, i) & D_CITY_VERB) && is_word(v, k) && !(v->t[k].flags & MC_TOK_CAP)) {
		/* "lives in wakefield", "lives in west tamsworth" (typed in lower case) */
		size_t e = k;
		if ((wclass(v, k) & (WC(W_TOWN_PREFIX) | WC(W_TOWN_PREFIX_LOWER))) &&
		    is_word(v, k + 1) && !(v->t[k + 1].flags & (MC_TOK_CAP | MC_TOK_NL)))
			e = k + 1;
		if (tlen(v, e) >= 4 && !(v->df[e] & (D_ENGLISH | D_MEDICAL | D_STOP | D_AUX | D_MONTH)) &&
		    !phi_vocab_only(v->df[e]))
			rc = phi_cand_add(v->d, v->t[k].start, v->t[e].end, MC_PHI_CITY, PRI_TOWN, R_TOWN_LOWER);
	}
	return rc < 0 ? rc : 1;
}

/* A town before a state: "Flagstaff, AZ", "Springfield, Illinois" (at the
 * town's last word; the token is not taken: it may start a ward or a
 * signature too). */
int phi_town_state_rule(view *v, size_t i)
{
	uint32_t tf = v->t[i].flags;
	if ((tf & MC_TOK_CAP) && i + 2 < v->n && (v->df[i + 2] & D_STATE) && is_punct(v, i + 1, ',') &&
	    !(v->df[i + 2] & D_DEGREE) && (v->t[i + 2].flags & MC_TOK_CAP) &&
	    (tlen(v, i + 2) > 2 || (v->t[i + 2].flags & MC_TOK_UPPER)) && place_word(v, i, false) &&
	    !(v->df[i] & D_ENGLISH && !(v->df[i] & (D_PROPER | D_CITY)))) {
		size_t a = i;
		while (a > 0 && i - a < 2 && place_word(v, a - 1, false) && !(v->t[a].flags & MC_TOK_NL))
			a--;
		return phi_cand_add(v->d, v->t[a].start, v->t[i].end, MC_PHI_CITY, PRI_TOWN, R_TOWN_STATE);
	}
	return 0;
}

/* The words that name a place the rules found (a ward, an organisation,
 * a town): no common, generic or clinical word. */
static bool place_name_word(const view *v, size_t i)
{
	uint32_t f = v->df[i];
	return proper(v, i) && !(f & (D_ENGLISH | D_GENERIC | D_ORG_SUFFIX | D_STATE | D_COUNTRY | D_STOP | D_TITLE)) &&
	       !(v->t[i].flags & MC_TOK_APOS);
}

static bool place_rule(int rule)
{
	return rule == R_WARD || rule == R_PLACE_CUE || rule == R_ORG_SUFFIX || rule == R_TOWN || rule == R_TOWN_LOWER ||
	       rule == R_SAINT_ORG;
}

/* (in the document's name memory with mark 4: a place) */
int phi_place_propagate(view *v)
{
	mc_phi_doc *d = v->d;
	size_t ncands = d->ncands, found = 0;
	for (size_t c = 0; c < ncands; c++) {
		const phi_cand *pc = &((const phi_cand *)d->cands)[c];
		if (!place_rule(pc->rule))
			continue;
		/* the first token of the candidate (tokens are sorted by start) */
		size_t lo = 0, hi = v->n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (v->t[mid].start < pc->start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < v->n && v->t[i].start < pc->end; i++) {
			if (!is_word(v, i) || !place_name_word(v, i) || d->names.n >= DOC_MAX_NAMES)
				continue;
			if (phi_dict_add(&d->names, tstr(v, i), tlen(v, i), 4, 0) < 0)
				return MC_ENOMEM;
			d->names_bloom |= 1ull << (whole_word_key(v, i).h >> 58);
			found++;
		}
	}
	if (!d->names.n)
		return 0;
	for (size_t i = 0; i < v->n; i++) {
		if (v->name[i] || !is_word(v, i) || tlen(v, i) < 2 || (v->df[i] & D_ENGLISH))
			continue;
		phi_key k = whole_word_key(v, i);
		if (!(d->names_bloom >> (k.h >> 58) & 1))
			continue;
		if (!(phi_dict_get_k(&d->names, tstr(v, i), tlen(v, i), k) & 4))
			continue;
		if (phi_cand_add(d, v->t[i].start, v->t[i].end, MC_PHI_ORGANIZATION, PRI_TOWN, R_PLACE_PROPAGATED) < 0)
			return MC_ENOMEM;
	}
	(void)found;
	return 0;
}
