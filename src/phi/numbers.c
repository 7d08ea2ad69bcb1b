/* Dates, ages and numbered identifiers read from tokens (the patterns
 * read most: patterns.c, shapes.c): ages from 90 after a person ("his
 * wife Mei is 91") or in words ("ninety-three year old"), "in his 90s",
 * "on 10-2", a month alone ("since Aug"), accession numbers. */
#include "phi/rules.h"

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

/* A month and a two-digit year that cannot be a day: "fx 4/97", "CABG
 * 1/78", "(12/93)"; not a titer (1/40, 1/80), nor after a setting or a
 * score word (w_md_not_before: "CPAP 5/40"), nor inside a longer run of
 * numbers ("10/5/40", "7.28/58"). */
static bool month_year(const view *v, size_t i)
{
	if (!is_num(v, i, 2) || !is_punct(v, i + 1, '/') || !is_num(v, i + 2, 2) || tlen(v, i + 2) != 2 ||
	    ((v->t[i].flags | v->t[i + 2].flags) & MC_TOK_ALPHA) || v->t[i + 1].start != v->t[i].end ||
	    v->t[i + 2].start != v->t[i + 1].end)
		return false;
	long m = tok_value(v, i), y = tok_value(v, i + 2);
	if (m < 1 || m > 12 || y < 32 || (m == 1 && (y == 32 || y == 40 || y == 64 || y == 80)))
		return false;
	size_t e = v->t[i + 2].end;
	if (e < v->len && (v->s[e] == '/' || v->s[e] == '%' || ((v->s[e] == '.' || v->s[e] == '-') && e + 1 < v->len &&
								 v->s[e + 1] >= '0' && v->s[e + 1] <= '9')))
		return false;
	size_t a = v->t[i].start;
	if (a > 0 && (v->s[a - 1] == '/' || v->s[a - 1] == '.' || v->s[a - 1] == '-'))
		return false;
	for (size_t k = i, back = 0; k > 0 && back < 2; back++) {
		k--;
		if (is_word(v, k) && is_class(v, k, W_MD_NOT_BEFORE))
			return false;
		if (!is_word(v, k))
			break;
	}
	return true;
}

/* A year written with an apostrophe: "CABGx4 '79", ", '09 PTCA". */
static bool apostrophe_year(const view *v, size_t i)
{
	if (!is_num(v, i, 2) || tlen(v, i) != 2 || (v->t[i].flags & MC_TOK_ALPHA) || i == 0 ||
	    !(is_punct(v, i - 1, '\'') || is_punct(v, i - 1, '`')) || v->t[i - 1].end != v->t[i].start)
		return false;
	/* not the end of a quotation or a possessive: a space or '(' before the apostrophe */
	size_t a = v->t[i - 1].start;
	if (a > 0 && !(v->s[a - 1] == ' ' || v->s[a - 1] == '(' || v->s[a - 1] == ','))
		return false;
	size_t e = v->t[i].end;
	return !(e < v->len && ((v->s[e] | 0x20) >= 'a' && (v->s[e] | 0x20) <= 'z'));
}

/* At a number or letter-and-digit token (always taken): an age from 90
 * after a person ("his wife Mei is 91", "He's 93"), an accession-like
 * number ("S23-018842"). */
int phi_number_rules(view *v, size_t *ip)
{
	size_t i = *ip;
	const mc_token *t = &v->t[i];
	uint32_t tf = t->flags;
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
		    !is_class(v, i + 1, W_AGE_UNIT_AFTER) &&
		    phi_cand_add(v->d, t->start, t->end, MC_PHI_AGE, PRI_AGE, R_AGE_PERSON) < 0)
			return MC_ENOMEM;
	}
	if (month_year(v, i)) {
		if (phi_cand_add(v->d, t->start, v->t[i + 2].end, MC_PHI_DATE, PRI_DATE_MD, R_DATE_MONTH_YEAR) < 0)
			return MC_ENOMEM;
		*ip = i + 2;
		return 1;
	}
	if (apostrophe_year(v, i))
		return phi_cand_add(v->d, v->t[i - 1].start, t->end, MC_PHI_DATE, PRI_DATE_MD, R_DATE_MONTH_YEAR) < 0 ? MC_ENOMEM : 1;
	/* accession-like numbers: "S23-018842" */
	if ((tf & MC_TOK_ALPHA) && tlen(v, i) <= 8 && (unsigned)((v->s[t->start] | 0x20) - 'a') < 26u &&
	    is_punct(v, i + 1, '-') && v->t[i + 1].start == t->end && i + 2 < v->n &&
	    v->t[i + 2].start == v->t[i + 1].end && (v->t[i + 2].flags & MC_TOK_DIGIT) &&
	    !(v->t[i + 2].flags & MC_TOK_ALPHA) && tlen(v, i + 2) >= 4) {
		if (phi_cand_add(v->d, t->start, v->t[i + 2].end, MC_PHI_ID, PRI_ACCESSION, R_ACCESSION) < 0)
			return MC_ENOMEM;
		*ip = i + 2;
	}
	return 1;
}

/* Ages from 90 by decade: "in his 90s", "in her 100s" (read from the
 * tokens: the literal "in her" made a tenth of the pattern scan). */
int phi_age_decade_rule(view *v, size_t *ip)
{
	size_t i = *ip;
	if ((v->df[i] & D_PLACE_CUE) && tok_is(v, i, "in") && i + 2 < v->n && IS_ANY(v, i + 1, "his", "her", "their") &&
	    (v->t[i + 2].flags & MC_TOK_DIGIT) && (v->t[i + 2].flags & MC_TOK_ALPHA) &&
	    IS_ANY(v, i + 2, "90s", "100s", "110s", "120s")) {
		if (phi_cand_add(v->d, v->t[i + 2].start, v->t[i + 2].end, MC_PHI_AGE, PRI_AGE, R_AGE_DECADE) < 0)
			return MC_ENOMEM;
		*ip = i + 2;
		return 1;
	}
	return 0;
}

/* Month-day with a hyphen after a date word: "on 10-2", "since 3-14". */
int phi_month_day_rule(view *v, size_t *ip)
{
	size_t i = *ip;
	if (is_num(v, i + 1, 2) && is_punct(v, i + 2, '-') && is_num(v, i + 3, 2) && is_word(v, i) &&
	    v->t[i + 2].start == v->t[i + 1].end && v->t[i + 3].start == v->t[i + 2].end &&
	    !((v->t[i + 1].flags | v->t[i + 3].flags) & MC_TOK_ALPHA) &&
	    is_class(v, i, W_DATE_WORD)) {
		long m = tok_value(v, i + 1), dd = tok_value(v, i + 3);
		size_t k = i + 4;
		bool glued = k < v->n && v->t[k].start == v->t[i + 3].end && (v->t[k].flags & MC_TOK_PUNCT) &&
			     strchr("-/.%:", v->s[v->t[k].start]);
		if (m >= 1 && m <= 12 && dd >= 1 && dd <= 31 && !glued &&
		    !is_class(v, k, W_MD_UNIT_AFTER)) {
			if (phi_cand_add(v->d, v->t[i + 1].start, v->t[i + 3].end, MC_PHI_DATE, PRI_DATE_MD_WORD, R_DATE_MD_WORD) < 0)
				return MC_ENOMEM;
			*ip = i + 3;
			return 1;
		}
	}
	return 0;
}

/* A month alone: "in Nov.", "since Aug" (May, March, August only capitalised). */
int phi_month_alone_rule(view *v, size_t i)
{
	const mc_token *t = &v->t[i];
	if (month_name(v, i) && i > 0 &&
	    (is_class(v, i - 1, W_MONTH_BEFORE) ||
	     ((t->flags & MC_TOK_CAP) && tok_is(v, i - 1, "the") && !is_num(v, i + 1, 2))) &&
	    !(!(t->flags & MC_TOK_CAP) && IS_ANY(v, i, "may", "march", "august")) && !is_num(v, i + 1, 4)) {
		size_t e = i;
		if (is_punct(v, i + 1, '.') && v->t[i + 1].start == t->end)
			e = i + 1;
		return phi_cand_add(v->d, t->start, v->t[e].end, MC_PHI_DATE, PRI_MONTH_ALONE, R_MONTH_ALONE) < 0 ? MC_ENOMEM : 1;
	}
	return 0;
}

/* Ages from 90 in words: "a ninety-three year old", "(ninety-four)"; the
 * number words are taken whether or not they are an age. */
int phi_age_words_rule(view *v, size_t *ip)
{
	size_t i = *ip;
	size_t ae = (tlen(v, i) == 6 || tlen(v, i) == 7) && is_word(v, i) ? age_words(v, i) : (size_t)-1;
	if (ae != (size_t)-1) {
		size_t a = tok_is(v, i, "hundred") ? i - 1 : i, k = ae + 1;
		if (is_punct(v, k, '-'))
			k++;
		bool unit = is_class(v, k, W_AGE_YEAR);
		bool before = a > 0 && (is_class(v, a - 1, W_AGE_BEFORE) ||
					(is_punct(v, a - 1, '(') && is_punct(v, ae + 1, ')')));
		if ((unit || before) && phi_cand_add(v->d, v->t[a].start, v->t[ae].end, MC_PHI_AGE, PRI_AGE, R_AGE_WORDS) < 0)
			return MC_ENOMEM;
		*ip = ae;
		return 1;
	}
	return 0;
}
