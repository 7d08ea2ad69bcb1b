/* Names by context: titles, cues and relation words before a name, field
 * labels that stop one, lists of names, signatures and initials, lines
 * that open with a name before an identifier, quoted first names, and the
 * propagation of every name found to its other uses in the document. */
#include "phi/rules.h"

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
			     ((f & D_MONTH) && !(v->t[j].flags & MC_TOK_UPPER) && phi_glued_lower_part(v, j, 3));
		else if (cap)
			/* "WIFE MAUREEN O'FALLON": in capitals, an unknown word after a name;
			 * "nephew Gordon Pike": a street word as the surname after a first name */
			ok = st >= min_strength || (taken > 0 && (v->t[j].flags & MC_TOK_UPPER) && !f && tlen(v, j) >= 3) ||
			     (taken == 1 && (f & D_STREET) && (v->df[last] & D_FIRST) && !(v->df[last] & D_ENGLISH) &&
			      !is_num(v, j + 1, 5) && !(v->t[last].flags & MC_TOK_UPPER));
		else if (allow_lower && min_strength == 0)
			/* "my name is lena andersson": any word but common or clinical ones;
			 * where case says nothing, right after a title any word but those
			 * ("DR TYRO") */
			ok = !(f & (D_STOP | D_MONTH | D_MEDICAL | D_DEGREE | D_TITLE | D_AUX)) &&
			     (!(f & D_ENGLISH) || (f & (D_FIRST | D_LAST)) ||
			      (taken == 0 && (v->st[j] & ST_CASELESS) && !(f & D_CLINICAL) && tlen(v, j) >= 3));
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
		if (tok_is(v, p, "by") && p > 0 && is_word(v, p - 1) && is_class(v, p - 1, W_BY_VERB)) {
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
	if (!f && tlen(v, i) >= 4 && !(v->t[i].flags & MC_TOK_CAP) && !(v->t[i].flags & MC_TOK_APOS) &&
	    !misspelt(v, i))
		return true; /* "dad segun": a word no list knows (and no misspelling: "son presnt") */
	if (f & D_NOT_PLACE)
		return false; /* "PT RUSSIAN SPEAKING" */
	if (!(f & D_FIRST) || (f & (D_AUX | D_STOP | D_MONTH | D_DEGREE | D_TITLE | D_RELATION)) ||
	    ((f & D_MEDICAL) && !cap))
		return false; /* "mother Grace" is a name, "wife grace" too, "son ng tube" not */
	/* where case says nothing, right after the relation word any first name
	 * no clinical list holds ("GIRLFRIEND EVE", "son rob") */
	return !(f & D_ENGLISH) || (f & D_NAME_COMMON) ||
	       ((v->st[i] & ST_CASELESS) && is_word(v, i - 1) && (v->df[i - 1] & D_RELATION) && !(f & D_CLINICAL) &&
		tlen(v, i) >= 3);
}

/* A name-list word in lower case that is no English word ("darnell",
 * "ivanova"), or a common first name that is no verb, after "pt" or
 * "patient" (nursing notes are typed in lower case). */
static bool lower_name_ok(const view *v, size_t i)
{
	return phi_lower_name_word(v, i) && tlen(v, i) >= 3 && !(v->df[i] & D_ENGLISH);
}

static bool name_after_patient(const view *v, size_t i)
{
	return i > 0 && (tok_is(v, i - 1, "pt") || tok_is(v, i - 1, "patient")) && lower_name_ok(v, i);
}

static bool name_word(const view *v, size_t i);

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
		    !(lower_name_ok(v, j) || ((v->st[j] & ST_CASELESS) && (v->df[i] & D_FIRST) && name_word(v, j)) ||
		      ((v->t[j].flags & MC_TOK_CAP) && strength(v, j) >= ((v->t[i].flags & MC_TOK_CAP) ? 1 : 2))))
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
	if ((v->t[i].flags & MC_TOK_CAP) || (v->st[i] & ST_WAS_UPPER))
		return true;
	bool dot = is_punct(v, i + 1, '.') && v->t[i + 1].start == v->t[i].end;
	return tok_is(v, i, "dr") || tok_is(v, i, "mr") || tok_is(v, i, "mrs") ||
	       (dot && (tok_is(v, i, "ms") || tok_is(v, i, "fr") || tok_is(v, i, "prof")));
}

/* Where case says nothing, a word that reads as a name: one of the name
 * lists that is no common, clinical or context word (or is a common
 * name), or a word of four letters or more no list knows and no
 * misspelling of one. */
static bool name_word(const view *v, size_t i)
{
	if (!is_word(v, i) || tlen(v, i) < 2)
		return false;
	uint32_t f = v->df[i];
	if (f & (D_STOP | D_AUX | D_MEDICAL | D_MONTH | D_DEGREE | D_TITLE | D_RELATION | D_CUE | D_STREET |
		 D_ORG_SUFFIX | D_GENERIC))
		return false;
	if (f & (D_FIRST | D_LAST))
		return (!(f & (D_ENGLISH | D_CLINICAL)) || (f & D_NAME_COMMON));
	/* (O'Fallon, D'Souza: a name the lists hold without its apostrophe) */
	bool oapos = (v->t[i].flags & MC_TOK_APOS) && tlen(v, i) >= 4 && tstr(v, i)[1] == '\'' &&
		     ((tstr(v, i)[0] | 0x20) == 'o' || (tstr(v, i)[0] | 0x20) == 'd');
	if (oapos)
		return true;
	if (f || tlen(v, i) < 4 || (v->t[i].flags & MC_TOK_APOS))
		return false;
	return !misspelt(v, i);
}

/* At token *i: a title ("Dr. X", and in notes typed in lower case
 * "dr. ashworth", "mr tanaka") or a cue before a name ("Patient: John
 * Smith", "his wife Mary", "wife gail", "pt darnell"). */
int phi_name_by_cue(view *v, size_t *ip)
{
	size_t i = *ip;
	if ((v->df[i] & D_TITLE) && is_word(v, i) && title_here(v, i)) {
		size_t j = i;
		if (is_punct(v, j + 1, '.'))
			j++;
		size_t last = take_name_after(v, j, 0, true);
		if (last != (size_t)-1 && phi_add_name(v, j + 1, last, PRI_NAME_TITLE, R_NAME_TITLE) < 0)
			return MC_ENOMEM;
		return 1;
	}
	/* where case says nothing, a role before a name: "NP Wolfe", "md wyman",
	 * "psych nurse leslie kiezulas", "RABBI KLEIN" */
	if (i > 0 && (v->st[i] & ST_CASELESS) && !(v->t[i].flags & MC_TOK_NL) && is_word(v, i - 1) &&
	    (v->df[i - 1] & ROLE_FLAGS) && is_class(v, i - 1, W_ROLE) && name_word(v, i)) {
		size_t last = i;
		if (name_word(v, i + 1) && !(v->t[i + 1].flags & MC_TOK_NL) && (v->df[i] & D_FIRST))
			last = i + 1;
		if (phi_add_name(v, i, last, PRI_NAME_CUE, R_NAME_ROLE) < 0)
			return MC_ENOMEM;
		*ip = last;
		return 1;
	}
	/* (cue_before is false at once after a word that is no cue word) */
	bool no_cue = i == 0 || ((v->t[i - 1].flags & MC_TOK_ALPHA) && !(v->df[i - 1] & (D_CUE | D_CUE_WORD | D_RELATION)));
	bool strong = false, lower_ok = false;
	if (no_cue || !cue_before(v, i, &strong, &lower_ok)) {
		/* a relation word, a comma or '(' and a first name: "HIS CAREGIVER, BARBARA" */
		if (i < 2 || !(v->df[i] & D_FIRST) || !first_name_after_relation(v, i))
			return 0;
		size_t last = lower_name_tail(v, i);
		if (phi_add_name(v, i, last, PRI_NAME_CUE, R_NAME_RELATION) < 0)
			return MC_ENOMEM;
		*ip = last;
		return 1;
	}
	size_t last = take_name_after(v, i - 1, strong ? 0 : 1, lower_ok);
	bool rel = false;
	if (last == (size_t)-1 && (first_name_after_relation(v, i) || name_after_patient(v, i)))
		last = i, rel = true; /* "wife gail", "son richard", "wife pat", "pt darnell" */
	if (rel)
		last = lower_name_tail(v, last); /* "daughter jolene harrigan", "pt ivanova, svetlana" */
	if (last == (size_t)-1 || last < i)
		return 0;
	/* "Patient: Pain" guard: a single common word after a weak cue */
	if (!rel && last == i && !strong && strength(v, i) < 1)
		return 0;
	if (phi_add_name(v, i, last, PRI_NAME_CUE, rel ? R_NAME_RELATION : R_NAME_CUE) < 0)
		return MC_ENOMEM;
	*ip = last;
	return 1;
}

/* Lists: "Kónya, Becker and Vasquez", "Smith and Bowers": a capitalised
 * word joined by "and", "&", "or" or a comma to a name is a name too. */
int phi_coordination(view *v)
{
	for (size_t i = 0; i < v->n; i++) {
		if (!v->name[i] || !is_word(v, i))
			continue;
		size_t j = i + 1;
		if (is_punct(v, j, ','))
			j++;
		if (tok_is(v, j, "and") || tok_is(v, j, "or") || is_punct(v, j, '&'))
			j++;
		if (j == i + 1 || j >= v->n || v->name[j] || !is_word(v, j) || (v->t[j].flags & MC_TOK_NL))
			continue;
		uint32_t f = v->df[j];
		/* where case says nothing, a first name of the lists: "daughters sarah and margie" */
		if (!(v->t[j].flags & MC_TOK_CAP) &&
		    !((v->st[j] & ST_CASELESS) && (f & D_FIRST) && (!(f & D_ENGLISH) || (f & D_NAME_COMMON)) &&
		      !(f & (D_AUX | D_MEDICAL | D_RELATION | D_CUE))))
			continue;
		if (f & (D_MONTH | D_STOP | D_TITLE | D_STREET | D_ORG_SUFFIX | D_COUNTRY | D_DEGREE | D_STATE |
			 D_CITY))
			continue;
		if (strength(v, j) < 1 && !(f & (D_FIRST | D_LAST)))
			continue;
		/* the word must end the list item: not "Smith and Nephew Hospital" */
		if (j + 1 < v->n && is_word(v, j + 1) && (v->df[j + 1] & D_ORG_SUFFIX))
			continue;
		if (phi_add_name(v, j, j, PRI_NAME_LISTED, R_NAME_LISTED) < 0)
			return MC_ENOMEM;
	}
	return 0;
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
		 D_UNIT | D_CUE | D_RELATION | D_AUX | D_ACRONYM) || phi_vocab_only(f))
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
	bool id = is_class(v, k, W_ID_WORD);
	/* a date of birth: 11/2/1939, 1939-11-02, 010145 */
	if (!id && (v->t[k].flags & MC_TOK_DIGIT) && !(v->t[k].flags & MC_TOK_ALPHA))
		id = tlen(v, k) == 6 || tlen(v, k) == 8 ||
		     (k + 2 < v->n && (is_punct(v, k + 1, '/') || is_punct(v, k + 1, '-')) && v->t[k + 1].start == v->t[k].end &&
		      (v->t[k + 2].flags & MC_TOK_DIGIT) && v->t[k + 2].start == v->t[k + 1].end);
	return id ? j : (size_t)-1;
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
	       !(f & (D_ENGLISH | D_MEDICAL | D_STOP | D_ACRONYM | D_MONTH | D_AUX | D_DEGREE | D_TITLE)) &&
	       !phi_vocab_only(f);
}

/* A name that opens a line before an identifier: "OYELARAN, FUNMILAYO MRN
 * 30028871", "smith john dob 010145", "GRACE HOPE 11/2/1939" (at a token
 * that starts a line and is no name yet). */
int phi_line_name_rule(view *v, size_t *i)
{
	size_t e = line_name_before_id(v, *i);
	if (e == (size_t)-1)
		return 0;
	if (phi_add_name(v, *i, e, PRI_NAME_SIGNED, R_NAME_LINE) < 0)
		return MC_ENOMEM;
	*i = e;
	return 1;
}

/* A quoted first name in lower case ('asking for "bessie"'). */
int phi_quoted_name_rule(view *v, size_t i)
{
	if (tlen(v, i) < 4 || !enclosed_first_name(v, i))
		return 0;
	return phi_add_name(v, i, i, PRI_NAME_INITIALS, R_NAME_QUOTED) < 0 ? MC_ENOMEM : 1;
}

/* Signatures: "--m. dacosta rn", "by j. amaral rn", "J. Amaral, RN";
 * initials before a degree ("-- TMR, RN", "kb, lpn", "jmk rn"); initials
 * that sign a note ("-JRT" or "KLM" closing a line). */
int phi_signature_rules(view *v, size_t *ip)
{
	size_t i = *ip;
	const mc_token *t = &v->t[i];
	if (is_word(v, i) && tlen(v, i) == 1 && is_punct(v, i + 1, '.') && i + 2 < v->n && is_word(v, i + 2) &&
	    tlen(v, i + 2) >= 2 && !(v->df[i + 2] & (D_STOP | D_MEDICAL | D_MONTH | D_AUX | D_DEGREE))) {
		size_t k = i + 3;
		if (is_punct(v, k, ','))
			k++;
		bool degree = k < v->n && is_word(v, k) && (v->df[k] & D_DEGREE) && !(v->t[k].flags & MC_TOK_NL);
		/* (an initial stands free: not the end of "O.R.", "A/C.", "r>l.") */
		size_t at = v->t[i].start;
		bool free = at == 0 || v->s[at - 1] == ' ' || v->s[at - 1] == '\t' || v->s[at - 1] == '\n' ||
			    v->s[at - 1] == '(' || v->s[at - 1] == ',';
		/* where case says nothing, an initial and a name: "Z. MILLER AWARE",
		 * "AS PER B. KARGAS" (a space after the full stop) */
		bool initial = free && (v->st[i + 2] & ST_CASELESS) && v->t[i + 1].start == v->t[i].end &&
			       v->t[i + 2].start > v->t[i + 1].end && name_word(v, i + 2);
		if (degree || initial) {
			/* a first name before the initial: "ANTHONY C. KOZICKI, RRT" */
			size_t a = i;
			if (i > 0 && is_word(v, i - 1) && (v->df[i - 1] & D_FIRST) && !(v->df[i - 1] & (D_STOP | D_AUX)) &&
			    !(v->t[i].flags & MC_TOK_NL) && tlen(v, i - 1) >= 3)
				a = i - 1;
			if (phi_add_name(v, a, i + 2, PRI_NAME_SIGNED, R_NAME_SIGNATURE) < 0)
				return MC_ENOMEM;
			*ip = i + 2;
			return 1;
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
			if (phi_add_name(v, i, i, PRI_NAME_INITIALS, R_NAME_INITIALS) < 0)
				return MC_ENOMEM;
			return 1;
		}
	}
	/* initials that sign a note: "-JRT" or "KLM" closing a line */
	if (is_word(v, i) && (t->flags & MC_TOK_UPPER) && tlen(v, i) >= 2 && tlen(v, i) <= 4 &&
	    (i + 1 == v->n || (v->t[i + 1].flags & MC_TOK_NL)) && !(v->df[i] & (D_MEDICAL | D_STOP | D_DEGREE | D_STATE | D_ACRONYM)) &&
	    ((i > 0 && is_punct(v, i - 1, '-') && (v->t[i - 1].end == t->start || !(v->t[i - 1].flags & MC_TOK_ALPHA))) ||
	     (i > 1 && is_punct(v, i - 1, ':') && is_word(v, i - 2) && (v->df[i - 2] & D_DEGREE)) ||
	     (i + 1 == v->n && i > 0 && (is_punct(v, i - 1, '.') || (t->flags & MC_TOK_NL))))) {
		if (phi_add_name(v, i, i, PRI_NAME_INITIALS, R_NAME_SIGN_OFF) < 0)
			return MC_ENOMEM;
		return 1;
	}
	return 0;
}

/* Remember the name tokens of this piece; then mark their other uses. */
int phi_propagate(view *v)
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
		bool lower_too = !(f & (D_ENGLISH | D_MEDICAL | D_CLINICAL)) && (f & (D_FIRST | D_LAST));
		uint32_t mark = lower_too ? 1 : 2;
		/* (a short word no name list knows is an abbreviation as often: "SM", "HO") */
		if (tlen(v, i) < 3 || (!(f & (D_FIRST | D_LAST)) && tlen(v, i) < 4))
			continue;
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
		uint32_t m = phi_dict_get_k(&d->names, tstr(v, i), tlen(v, i), k) & 3; /* (4: a place) */
		if (!m)
			continue;
		if ((m & 2) && !(m & 1) && !(v->t[i].flags & MC_TOK_CAP))
			continue;
		if (phi_eponym_use(v, i))
			continue; /* "Dr. Parkinson ... Parkinson disease": the disease is not the person */
		v->name[i] = 1;
		if (phi_cand_add(d, v->t[i].start, v->t[i].end, MC_PHI_NAME, PRI_NAME_PROPAGATED, R_NAME_PROPAGATED) < 0)
			return MC_ENOMEM;
	}
	return 0;
}
