/* Internals of the search module: the query parser (no store needed, so it
 * can be fuzzed alone), the lexicon, text normalisation shared by the index
 * builder and the query side, and the names of the index tables. */
#ifndef MC_SEARCH_INT_H
#define MC_SEARCH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "medcode/search.h"

/* Limits of one query. */
#define MC_SQ_MAX_BYTES 1000   /* longer queries are refused (MC_EINVAL) */
#define MC_SQ_MAX_GROUPS 24    /* concepts kept from one query */
#define MC_SQ_MAX_ALTS 6       /* alternatives of one concept */
#define MC_SQ_MAX_CODES 8      /* code tokens kept from one query */
#define MC_SQ_WORD_MAX 40      /* longer words are cut */
#define MC_SQ_POOL 4096        /* text of the parsed query */

/* Bits of mc_search_query.systems. */
#define MC_SQ_SYS(s) (1u << (unsigned)(s))

/* A code token: exact ("E1152"), prefix ("E115*") or range (lo-hi). */
typedef struct mc_sq_code {
	char lo[MC_CODE_MAX];      /* compact, upper case */
	char hi[MC_CODE_MAX];      /* ranges only */
	bool range, prefix;
	bool also_word;            /* may be an ordinary word too ("b12") */
	bool dotted;               /* written with a dot: ICD-10-CM only */
	unsigned shape;            /* MC_SQ_SYS bits the code's shape allows (ranges) */
	unsigned group;            /* the word group it came from when also_word */
} mc_sq_code;

enum { SQ_PLAIN = 0, SQ_ABBREV, SQ_LAY, SQ_SYNONYM };

/* One concept of the query: every result should contain one of its
 * alternatives.  An alternative is a phrase of lower-case words separated
 * by single spaces (offset into pool). */
typedef struct mc_sq_group {
	uint16_t surface;          /* what the user typed, pool offset */
	uint16_t alt[MC_SQ_MAX_ALTS];
	uint8_t nalts;
	uint8_t kind;              /* SQ_PLAIN or the lexicon kind that expanded it */
	bool correctable;          /* a single plain word: spelling may be corrected */
	bool prefix;               /* type-ahead: the last word is a prefix */
	bool code_like;            /* also a code token (see mc_sq_code.also_word) */
} mc_sq_group;

/* A parsed query. */
typedef struct mc_sq {
	unsigned systems;          /* MC_SQ_SYS bits inferred from words; 0 = any */
	bool framed;               /* question framing or system words were removed */
	bool procedure;            /* words name a procedure, test, service or supply */
	mc_sq_group group[MC_SQ_MAX_GROUPS];
	size_t ngroups;
	mc_sq_code code[MC_SQ_MAX_CODES];
	size_t ncodes;
	size_t dropped;            /* words dropped when the limits were reached */
	char pool[MC_SQ_POOL];
	size_t pool_len;
} mc_sq;

/* Parse query (len bytes, need not be NUL-terminated).  prefix: type-ahead,
 * the last word is a prefix.  Returns 0, MC_EINVAL for an empty, too long
 * or non-UTF-8 query (err says which).  Allocates nothing after the
 * lexicon is loaded (mc_sq_lexicon), which this calls. */
int mc_sq_parse(mc_sq *out, const char *query, size_t len, bool prefix, mc_error *err);

/* Text at a pool offset. */
static inline const char *mc_sq_str(const mc_sq *q, uint16_t off)
{
	return q->pool + off;
}

/* ---- lexicon (data/lexicon.tsv, embedded) ----------------------------- */
typedef struct mc_lex_entry {
	const char *term;          /* normalised: lower-case words, single spaces */
	const char *expansion;     /* normalised the same way */
	const char *display;       /* the expansion as written in the file (trimmed) */
	uint8_t kind;              /* SQ_ABBREV, SQ_LAY, SQ_SYNONYM */
} mc_lex_entry;

typedef struct mc_lexicon {
	mc_lex_entry *e;           /* sorted by term */
	size_t n;
	mc_lex_entry *abbr;        /* data/descriptor_abbrev.tsv, sorted */
	size_t nabbr;
} mc_lexicon;

/* The lexicon, loaded once (thread-safe); NULL when out of memory or when
 * the embedded file is malformed. */
const mc_lexicon *mc_sq_lexicon(void);
/* First entry for term (exact, normalised) and the count of entries with
 * that term; NULL when none.  abbr: the descriptor-abbreviation table. */
const mc_lex_entry *mc_lex_find(const mc_lexicon *lx, bool abbr, const char *term, size_t *count);

/* ---- normalisation shared with the index ------------------------------ */
/* Split text into lower-case ASCII words of letters and digits; calls fn
 * for each (word NUL-terminated, at most MC_SQ_WORD_MAX-1 bytes).  Returns
 * the first non-zero value of fn, else 0. */
int mc_sq_words(const char *text, int (*fn)(const char *word, size_t len, void *p), void *p);
/* True for words that carry no meaning in a query ("the", "with"). */
bool mc_sq_stopword(const char *w);

struct sb_stemmer;
/* Stem word into out[cap] (lower-case ASCII in, out) and apply the medical
 * morphology (mc_sq_morph_stem).  Falls back to the word itself when the
 * stemmer fails.  Returns the length. */
size_t mc_sq_stem(struct sb_stemmer *st, const char *word, size_t len, char *out, size_t cap);
/* Snowball alone, without the morphology. */
size_t mc_sq_stem_plain(struct sb_stemmer *st, const char *word, size_t len, char *out, size_t cap);

/* ---- morphology (data/morphology.tsv, src/search/morph.c) ---------------- */
/* Load the table (once; false when out of memory). */
bool mc_sq_morph_ready(void);
/* Rewrite a Snowball stem in place (stem[n], buffer cap): the Greek
 * suffix pairs.  Returns the new length. */
size_t mc_sq_morph_stem(char *stem, size_t n, size_t cap);
/* The word a lower-case word is read as (the table's word forms: "lice"
 * -> "louse"), NULL when it stays itself. */
const char *mc_sq_morph_word(const char *word, size_t len);
/* The clinical word a level word and a substance name compose ("low",
 * "potassium" -> "hypokalemia"); false when they compose none. */
bool mc_sq_compose(const char *level, const char *root, char *out, size_t cap);
/* True for a level word of the table ("low", "high"). */
bool mc_sq_level_word(const char *w);

/* ---- a string-keyed hash map (open addressing, keys in an arena) ------- */
typedef struct mc_strmap {
	const char **key;
	uint32_t *klen;
	int64_t *val;
	size_t cap, n;
	mc_arena arena;
} mc_strmap;

/* Set up an empty map with room for about hint keys; MC_ENOMEM. */
int mc_strmap_init(mc_strmap *m, size_t hint);
void mc_strmap_release(mc_strmap *m);
/* The value slot of key (n bytes), or NULL when absent. */
int64_t *mc_strmap_get(const mc_strmap *m, const char *key, size_t n);
/* The value slot of key, inserted with value 0 when absent (*added says
 * which); NULL when out of memory. */
int64_t *mc_strmap_put(mc_strmap *m, const char *key, size_t n, bool *added);

/* Version of the index tables written by mc_search_build. */
#define MC_SEARCH_INDEX_VERSION "2"

#endif
