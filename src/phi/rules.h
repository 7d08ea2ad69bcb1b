/* The token rules' shared view of a text: its tokens with their
 * dictionary flags and name strengths, small helpers every rule family
 * uses, and the entry points of the families (one file each):
 *
 *   names.c       name strength of a word, runs of name words
 *   name_cues.c   names by context: titles, cues, relations, lists,
 *                 signatures, lines that open with a name, propagation
 *   places.c      organisations, wards, towns
 *   address.c     street addresses, postcodes, units
 *   numbers.c     dates, ages and numbered identifiers read from tokens
 *   merge.c       candidates, and their merge into spans
 *   detect.c      the driver: which rule runs at which token
 *
 * A rule reads the view and adds candidates (phi_cand_add, phi_add_name);
 * it returns 0 or MC_ENOMEM, or for the per-token rules of detect.c's
 * second pass 1 when the token is taken (no later rule looks at it). */
#ifndef MC_PHI_RULES_H
#define MC_PHI_RULES_H

#include <ctype.h>
#include <string.h>

#include "phi/phi_int.h"

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
	bool clinical_prose; /* a long text in clinical language (detect.c, read_case) */
	uint64_t *lower;     /* the hashes of the words written in lower case, made on
			      * first use (phi_lower_word); wiped and freed by detect.c */
	size_t lower_cap;
} view;

enum {
	ST_NEAR_KNOWN = 0x04,  /* v->st: misspelt() has read the token ... */
	ST_MISSPELT = 0x08,    /* ... and found it one edit from a common or clinical word */
	ST_WAS_UPPER = 0x20,/* v->st: the token was written in capitals (before read_case) */
	ST_SHOUT = 0x40,    /* v->st: the token is on a line written in capitals */
	ST_CASELESS = 0x80  /* its case says nothing: in capitals, or in lower case in a
			     * note typed in lower case (detect.c, read_case) */
};

static inline size_t tlen(const view *v, size_t i)
{
	return v->t[i].end - v->t[i].start;
}

static inline const char *tstr(const view *v, size_t i)
{
	return v->s + v->t[i].start;
}

static inline bool is_word(const view *v, size_t i)
{
	return i < v->n && (v->t[i].flags & MC_TOK_ALPHA) && !(v->t[i].flags & MC_TOK_DIGIT);
}

static inline bool is_punct(const view *v, size_t i, char c)
{
	return i < v->n && (v->t[i].flags & MC_TOK_PUNCT) && v->s[v->t[i].start] == c;
}

static inline bool tok_is_n(const view *v, size_t i, const char *w, size_t n)
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

static inline bool is_num(const view *v, size_t i, size_t maxlen)
{
	return i < v->n && (v->t[i].flags & MC_TOK_DIGIT) && tlen(v, i) <= maxlen;
}

/* Token i is one of the n lower-case words w. */
static inline bool word_is_any(const view *v, size_t i, const char *const *w, size_t n)
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

static inline bool is_initial(const view *v, size_t i)
{
	return is_word(v, i) && tlen(v, i) == 1 && (v->t[i].flags & MC_TOK_CAP);
}

/* a[0..n) equals the lower-case b[0..n), ASCII letters in any case */
static inline bool ascii_caseeq(const char *a, const char *b, size_t n)
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

/* The name strength of token i (word_strength, computed once per text). */
static inline int strength(const view *v, size_t i)
{
	return i < v->n ? v->st[i] & 3 : 0;
}

/* Token i is on a line written in capitals. */
static inline bool shouting(const view *v, size_t i)
{
	return i < v->n && (v->st[i] & ST_SHOUT);
}

/* Token i may be (part of) a proper name: capitalised where case tells;
 * where it does not (ST_CASELESS), a word of three letters or more that no
 * English, clinical or context list holds, or a place the lists know
 * ("quartermain", "harford", "baltimore", "rome"). */
static inline bool proper(const view *v, size_t i)
{
	if (!is_word(v, i))
		return false;
	if (v->t[i].flags & MC_TOK_CAP)
		return true;
	uint32_t f = v->df[i];
	/* (two capitals no list knows: a hospital's initials, "GH") */
	if (!(v->st[i] & ST_CASELESS) || (tlen(v, i) < 3 && !(tlen(v, i) == 2 && !f && (v->st[i] & ST_WAS_UPPER))))
		return false;
	if ((f & (D_STOP | D_MEDICAL | D_MONTH | D_AUX | D_TITLE | D_DEGREE | D_UNIT | D_RELATION | D_CUE |
		  D_NOT_PLACE)) || phi_vocab_only(f))
		return false;
	/* a clinical word that is a rare name ("sternal") is the clinical word */
	if ((f & D_CLINICAL) && !(f & (D_NAME_COMMON | D_CITY | D_STATE | D_COUNTRY)))
		return false;
	return !(f & D_ENGLISH) || (f & (D_CITY | D_STATE | D_COUNTRY));
}

/* Is word token i (six letters or more) one edit from a common or
 * clinical word, and so a misspelling rather than a name ("aggitated",
 * "Famliy")?  Read once per token (the answer is kept in v->st). */
static inline bool misspelt(const view *v, size_t i)
{
	if (!(v->st[i] & ST_NEAR_KNOWN)) {
		bool m = tlen(v, i) >= 6 && phi_dict_near(v->dict, tstr(v, i), tlen(v, i), D_ENGLISH | D_CLINICAL | D_MEDICAL,
							  D_FIRST | D_LAST);
		v->st[i] |= (unsigned char)(ST_NEAR_KNOWN | (m ? ST_MISSPELT : 0));
	}
	return v->st[i] & ST_MISSPELT;
}

/* Dictionary flags of the word token before i (0 when it is not a word). */
static inline uint32_t prev_flags(const view *v, size_t i)
{
	return i > 0 && is_word(v, i - 1) ? v->df[i - 1] : 0;
}

/* The value of a number token's leading ASCII digits (at most 9 read;
 * never past the token: the text has no terminator). */
static inline long tok_value(const view *v, size_t i)
{
	long x = 0;
	const char *d = tstr(v, i);
	for (size_t k = 0; k < tlen(v, i) && k < 9 && d[k] >= '0' && d[k] <= '9'; k++)
		x = x * 10 + (d[k] - '0');
	return x;
}

/* Four digits that read as a 24-hour clock time: 0700, 1930, 2359. */
static inline bool clock_time(const view *v, size_t i)
{
	if (!is_num(v, i, 4) || tlen(v, i) != 4 || (v->t[i].flags & MC_TOK_ALPHA))
		return false;
	const char *d = tstr(v, i);
	int hh = (d[0] - '0') * 10 + (d[1] - '0'), mm = (d[2] - '0') * 10 + (d[3] - '0');
	return hh <= 23 && mm <= 59;
}

/* The key of word token i by its whole text (the one computed for the
 * dictionary when the token has no possessive to drop). */
static inline phi_key whole_word_key(const view *v, size_t i)
{
	const char *w = tstr(v, i);
	size_t n = tlen(v, i);
	return phi_dict_key_len(w, n) == n ? v->key[i] : phi_dict_key(w, n);
}

/* The word classes (W_*, data/phi_words.tsv) of token i, by its whole
 * text in any case; 0 for a token with no letter. */
static inline uint64_t wclass(const view *v, size_t i)
{
	if (i >= v->n || !(v->t[i].flags & MC_TOK_ALPHA))
		return 0;
	return phi_words_get_k(&v->d->phi->words, tstr(v, i), tlen(v, i), whole_word_key(v, i));
}

/* Token i is a word of class c (W_*). */
static inline bool is_class(const view *v, size_t i, unsigned c)
{
	return (wclass(v, i) >> c) & 1;
}

/* Does the text write word token i's word in lower case somewhere? (The
 * set of those words is made on the first call: one pass.)  Returns 0 or
 * 1, or MC_ENOMEM. */
int phi_lower_word(view *v, size_t i);

/* ---- names.c ------------------------------------------------------------ */

/* Name strength of word token i: 3 a name and no common word, 2 a name
 * that is also a common word, 1 an unknown capitalised word, 0 no name. */
int phi_word_strength(const view *v, size_t i);
/* Token i used as a drug: a dose after it, or (verb_ok) a verb of
 * prescribing before it. */
bool phi_drug_use(const view *v, size_t i, bool verb_ok);
/* Tokens a..b_incl are a name (with "St." before it when there is one). */
int phi_add_name(view *v, size_t a, size_t b_incl, phi_prio prio, phi_rule rule);
/* The word after token i makes a surname an eponym ("Wilson disease"). */
bool phi_eponym_use(const view *v, size_t i);
/* Token j glued by '-' to a lower-case word of two to maxlen letters. */
bool phi_glued_lower_part(const view *v, size_t j, size_t maxlen);
/* A lower-case word of the name lists that is no verb, clinical or common
 * word (or is a common first name). */
bool phi_lower_name_word(const view *v, size_t i);
/* Names by context, then runs of name words, over the whole text. */
int phi_name_rules(view *v);

/* ---- name_cues.c -------------------------------------------------------- */

/* The dictionary flags every role word of w_role has one of. */
#define ROLE_FLAGS (D_DEGREE | D_CUE | D_TITLE | D_RELATION)

/* Can phi_name_by_cue take token i?  Only a title, a first name (after a
 * relation and a comma), a token after a non-word or a cue, relation,
 * degree or title word: most tokens are none of these. */
static inline bool may_follow_cue(const view *v, size_t i)
{
	return i == 0 || (v->df[i] & (D_TITLE | D_FIRST)) || !(v->t[i - 1].flags & MC_TOK_ALPHA) ||
	       (v->df[i - 1] & (D_CUE | D_CUE_WORD | ROLE_FLAGS));
}

/* At token *i: a title ("Dr. X") or a cue ("Patient: X", "his wife Mary")
 * with the name after it; *i moves to the name's last token.  Returns 1
 * when *i was taken, 0 when not, MC_ENOMEM. */
int phi_name_by_cue(view *v, size_t *i);
/* Lists: a capitalised word joined by "and", "or", "&" or ',' to a name. */
int phi_coordination(view *v);
/* Per-token rules of the second pass (see rules.h's header). */
int phi_line_name_rule(view *v, size_t *i);
int phi_quoted_name_rule(view *v, size_t i);
int phi_signature_rules(view *v, size_t *i);
/* Remember the document's names; mark their other uses in this text. */
int phi_propagate(view *v);
/* The same for the words that name a place found (wards, organisations,
 * towns): "transferred to GH" ... "at GH", "QUARTERMAIN 2" ... "quartermain". */
int phi_place_propagate(view *v);

/* ---- places.c ----------------------------------------------------------- */

/* The lower-case words address_cue_rule and place_rules start from. */
static inline bool place_cue_word(const view *v, size_t i)
{
	return v->df[i] & (D_PLACE_CUE | D_ADDR_LABEL);
}
/* A place or organisation after "lives in", "seen at", "transferred to". */
int phi_place_rules(view *v, size_t i);
/* A capitalised run ending in Hospital, Clinic, Medical Center, Urology. */
int phi_org_rule(view *v, size_t i, size_t *skip);
/* Per-token rules of the second pass. */
int phi_saint_org_rule(view *v, size_t *i);
int phi_ward_rule(view *v, size_t i);
int phi_town_rule(view *v, size_t i);
int phi_town_state_rule(view *v, size_t i);

/* ---- address.c ---------------------------------------------------------- */

int phi_address_rule(view *v, size_t i, size_t *skip);
int phi_address_cue_rule(view *v, size_t i, size_t *skip);
int phi_postcode_rule(view *v, size_t i);
int phi_unit_rule(view *v, size_t i);

/* ---- numbers.c ---------------------------------------------------------- */

/* At a number token: an age from 90 after a person, an accession number. */
int phi_number_rules(view *v, size_t *i);
int phi_age_decade_rule(view *v, size_t *i);
int phi_month_day_rule(view *v, size_t *i);
int phi_month_alone_rule(view *v, size_t i);
int phi_age_words_rule(view *v, size_t *i);

#endif
