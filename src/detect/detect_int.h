/* Internals of the detect module: the dictionary (dict.c), the matcher and
 * traits (match.c), results and JSON (result.c). */
#ifndef MC_DETECT_INT_H
#define MC_DETECT_INT_H

#include <libstemmer.h>
#include <stdint.h>

#include "core/core.h"
#include "medcode/detect.h"
#include "medcode/text.h"

/* ---- string -> id map (open addressing, FNV-1a) ------------------------- */
typedef struct dt_map {
	const char **key;   /* arena strings */
	uint32_t *klen;
	uint32_t *val;
	size_t cap, n;      /* cap a power of two */
} dt_map;

int dt_map_init(dt_map *m, size_t cap);
void dt_map_release(dt_map *m);
/* Value for key, or UINT32_MAX. */
uint32_t dt_map_get(const dt_map *m, const char *k, size_t n);
/* Insert key (copied into a) with val unless present; *out gets the value in
 * the map.  Returns 0 or MC_ENOMEM. */
int dt_map_put(dt_map *m, mc_arena *a, const char *k, size_t n, uint32_t val, uint32_t *out);

/* ---- dictionary --------------------------------------------------------- */
enum { DT_NONE = UINT32_MAX };

typedef struct dt_code {
	char code[16];       /* dotted */
	char compact[12];
	const char *title;   /* arena */
	uint32_t parent;     /* index or DT_NONE */
	uint32_t dflt;       /* billable default (self when billable), DT_NONE if none */
	uint32_t excl_off, excl_n; /* Excludes1 ranges in dt_dict.excl */
	uint32_t uadd_off, uadd_n; /* "use additional code" ranges in dt_dict.uadd */
	uint32_t title_term; /* the term of the full title, DT_NONE if none */
	uint8_t billable, seventh, symptom, depth;
} dt_code;

typedef struct dt_range {
	char lo[12], hi[12]; /* compact codes; a code matches when its prefix is in range */
} dt_range;

/* True when the compact code is in range r. */
bool dt_range_has(const dt_range *r, const char *compact);

/* Laterality siblings of a code whose title says "unspecified" side. */
enum { DT_SIDE_RIGHT, DT_SIDE_LEFT, DT_SIDE_BOTH };
typedef struct dt_side {
	uint32_t code;       /* the unspecified-side code */
	uint32_t side[3];    /* by DT_SIDE_*, DT_NONE when the classification has none */
} dt_side;

/* A combination code the conventions presume (data/detect_combine.tsv). */
typedef struct dt_combine {
	char first[12], with[12], code[12]; /* compact; first and with are prefixes */
	bool keep;           /* the "with" code stays coded */
} dt_combine;

enum { DT_K_TITLE, DT_K_INCL, DT_K_INDEX, DT_K_NEOPL, DT_K_DRUG, DT_K_SYN };
enum { DT_F_OTHER = 1, DT_F_UNSPEC = 2, DT_F_AND = 4 /* the wording has "and" or "or" */ };

typedef struct dt_term {
	uint32_t code;       /* index into codes */
	uint32_t off;        /* first stem in dt_dict.tstems */
	uint8_t n;           /* stems (distinct) */
	uint8_t kind, flags;
} dt_term;

/* A text-side expansion: when the stems pat[0..np) occur in a row, the
 * stems add[0..na) are added at the first position. */
typedef struct dt_expand {
	uint32_t off;        /* pat then add in dt_dict.estems */
	uint8_t np, na;
} dt_expand;

typedef struct dt_wcache dt_wcache;

typedef struct mc_detect {
	mc_arena arena;
	struct sb_stemmer *stem;
	dt_code *codes;
	size_t ncodes, codes_cap;
	dt_map code_ix;      /* compact -> code index */
	dt_map vocab;        /* stem -> id */
	uint32_t *df;        /* terms per stem */
	dt_map stop;         /* stopwords (value 1) */
	dt_map canon;        /* word -> canon word index (canon_words) */
	dt_map whole;        /* words the stemmer must leave whole (value 1) */
	dt_map unexp;        /* "term\treplacement" rows of the shared lexicon detection skips */
	const char **canon_words;
	size_t ncanon, canon_cap;
	dt_term *terms;
	size_t nterms, terms_cap;
	uint32_t *tstems;
	size_t ntstems, tstems_cap;
	uint32_t *anchor_off; /* per stem: terms anchored there (CSR) */
	uint32_t *anchor;
	dt_expand *exp;
	size_t nexp, exp_cap;
	uint32_t *estems;
	size_t nestems, estems_cap;
	uint32_t *exp_off;    /* per stem: expansions whose pattern starts there (CSR) */
	uint32_t *exp_ix;
	dt_range *excl;
	size_t nexcl, excl_cap;
	dt_range *uadd;
	size_t nuadd, uadd_cap;
	dt_combine *combine;
	size_t ncombine, combine_cap;
	uint32_t *by_compact; /* code indexes in code order */
	dt_side *sides;       /* sorted by code */
	size_t nsides, sides_cap;
	dt_wcache *wcache;    /* the text's words already read (dt_text_word) */
	uint64_t *seen;       /* term dedupe hash set */
	size_t seen_cap, seen_n;
	size_t bytes;         /* memory held, approximately */
	char word[256];       /* scratch */
} mc_detect;

/* ---- per-mention facts for encounter coding (match.c -> encounter.c) ---- */
typedef struct dt_entinfo {
	uint32_t term;       /* the top candidate's dictionary term */
	uint32_t sent;       /* sentence number in the document */
	uint64_t line;       /* byte offset of the mention's line (its identity) */
	uint8_t section;     /* DT_SEC_* in force */
	uint8_t line_words;  /* words on the line (numbering and bullets aside), 255 for long lines */
	uint8_t lead;        /* words before the mention on its line */
	uint8_t label;       /* the mention is (in) a header label ("Allergies:") */
	uint8_t site_unknown; /* its sentence says a site is unknown ("unknown primary") */
	mc_detect_code also; /* a code the mention's code asks for ("use additional
			      * code to identify site of ulcer"), code[0] 0 for none */
	uint8_t both;        /* bilateral without a bilateral code: codes[0] and codes[1]
			      * are the right and left codes, both coded */
} dt_entinfo;

/* encounter.c: the document's codes from its mentions (info beside them):
 * every mention's top code when all is set, else the encounter's codes.
 * *out is the caller's (mc_free).  Returns 0 or MC_ENOMEM. */
int dt_doc_codes(mc_detect *d, const mc_detect_entity *ents, const dt_entinfo *info, size_t n,
		 bool all, mc_detect_code **out, size_t *nout, mc_error *err);

/* encounter.c: give code c, which awaits its 7th character, the character
 * ch ('A' initial, 'D' subsequent, 'S' sequela) when the classification has
 * that code; else leave it. */
void dt_seventh_apply(const mc_detect *d, mc_detect_code *c, char ch);

/* dict.c */
int dt_dict_alloc(mc_detect **out, mc_error *err);
/* Add a code (billable 0/1); the parent is given or derived later. */
int dt_add_code(mc_detect *d, const char *code, const char *title, int billable,
		const char *parent, mc_error *err);
/* Link parents, defaults, 7th-character flags. */
int dt_link_codes(mc_detect *d, mc_error *err);
/* Add a term for code index ci from a phrase.  prefix (may be NULL) is
 * another phrase whose words join the term (a neoplasm column's head). */
int dt_add_term(mc_detect *d, uint32_t ci, const char *phrase, const char *prefix, int kind,
		mc_error *err);
/* Add title terms (full and stripped) for code ci. */
int dt_add_title_terms(mc_detect *d, uint32_t ci, const char *title, int kind, mc_error *err);
/* Parse an Excludes1 note into ranges of code ci. */
int dt_add_excludes(mc_detect *d, uint32_t ci, const char *text, mc_error *err);
/* Parse a "use additional code" note into ranges of code ci. */
int dt_add_use_additional(mc_detect *d, uint32_t ci, const char *text, mc_error *err);
/* The first position in d->by_compact whose code (compact) does not sort
 * before prefix. */
size_t dt_codes_from(const mc_detect *d, const char *prefix);
/* Load the embedded lexicon and detection synonyms (canon + expansions +
 * the stopword list); must run before any term is added. */
int dt_load_lexicons(mc_detect *d, mc_error *err);
/* Build anchors and expansion indexes; call once after all terms. */
int dt_finish(mc_detect *d, mc_error *err);
/* The laterality siblings of code index ci, or NULL. */
const dt_side *dt_side_find(const mc_detect *d, uint32_t ci);
/* Code index by spelling (dotted or compact), DT_NONE if absent. */
uint32_t dt_code_find(const mc_detect *d, const char *code);

/* Normalise one word (lower case, canon map, stem) into stems.  Returns the
 * number of stem ids written to out (0 for a stopword or unknown word when
 * add is false); adds new stems to the vocabulary when add is true. */
int dt_word_stems(mc_detect *d, const char *w, size_t n, bool add, uint32_t *out, size_t cap,
		  mc_error *err);
/* A capital "A" after a word is a letter ("hepatitis A", "vitamin A"), not
 * the article: true, with its stem in *out (added to the vocabulary when
 * add is set; false when it is absent). */
bool dt_letter_stem(mc_detect *d, const char *w, size_t n, bool after_word, bool add, uint32_t *out);
/* A word of the text: its stems (as dt_word_stems without adding), and in
 * *stop whether it is a stopword; answers from the detector's cache of
 * words already read (hashes of dictionary words and stopwords only, no
 * text; not thread-safe, as the stemmer is not).  Returns the number of
 * stems or MC_ENOMEM. */
int dt_text_word(mc_detect *d, const char *w, size_t n, uint32_t *out, size_t cap, bool *stop,
		 mc_error *err);
/* Slots of that cache in use (for tests). */
size_t dt_text_cache_used(const mc_detect *d);
/* Lower-case (and fold accents of) s[0..n) into buf; returns the length or 0. */
size_t dt_lower(const char *s, size_t n, char *buf, size_t cap);

#endif
