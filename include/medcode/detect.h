/* medcode detect: ICD-10-CM diagnosis mentions in clinical text.
 *
 * A detector (mc_detect) holds a dictionary built once from the store's
 * ICD-10-CM release in force (titles, inclusion terms, neoplasm and drug
 * tables, external-cause index) plus the embedded lexicon and detection
 * synonyms.  A document (mc_detect_doc) is fed text in pieces (a sentence,
 * a paragraph, or the whole note); each piece is matched sentence by
 * sentence, so memory stays bounded by the longest sentence, and section
 * state (e.g. a Family History header) carries from piece to piece.
 * Finishing a document gives a plain C result: entities with code-point
 * offsets, traits and ranked codes, and the document's ranked code list.
 *
 * A detector's dictionary is read-only after mc_detect_new; it may be
 * shared by documents of the same thread; it is not thread-safe (the
 * stemmer keeps state, and a cache of the dictionary words already read,
 * kept as hashes, grows as it reads).  Clinical text is never logged or kept
 * past mc_detect_result_release except the entity texts the result owns.
 */
#ifndef MEDCODE_DETECT_H
#define MEDCODE_DETECT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "medcode/error.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Traits of a mention (Amazon Comprehend Medical names in JSON). */
enum {
	MC_DT_NEGATION = 1u << 0,     /* "NEGATION": denied, absent, ruled out */
	MC_DT_HYPOTHETICAL = 1u << 1, /* "HYPOTHETICAL": "return if", "risk of" */
	MC_DT_HISTORY = 1u << 2,      /* "PAST_HISTORY": "history of", "s/p" */
	MC_DT_FAMILY = 1u << 3,       /* "PERTAINS_TO_FAMILY": "mother had", FH section */
	MC_DT_UNCERTAIN = 1u << 4,    /* "LOW_CONFIDENCE": "possible", "likely" */
	MC_DT_SYMPTOM = 1u << 5,      /* "SYMPTOM": the top code is a symptom or sign (R00-R99) */
	MC_DT_DIAGNOSIS = 1u << 6     /* "DIAGNOSIS": any other mention */
};

/* Options of a document. */
typedef struct mc_detect_opts {
	bool all_mentions;  /* evaluation mode for corpora that code every mention
			     * (e.g. CodiEsp): the document's codes include negated,
			     * hypothetical and family mentions, and injury codes
			     * still awaiting a 7th character */
	bool explain;       /* keep, per entity, the dictionary term that matched */
	size_t max_codes;   /* candidate codes kept per entity (0: 5) */
} mc_detect_opts;

typedef struct mc_detect_code {
	char code[16];        /* dotted, e.g. "E11.22"; an injury code whose 7th
			       * character the text does not support stops at 6 */
	const char *title;    /* borrowed from the detector */
	double score;         /* 0..1, higher is better */
	bool billable;        /* false: a header (never in the document's codes)
			       * or a code that still needs its 7th character */
	bool needs_seventh;   /* the code takes a 7th character the text does not give */
} mc_detect_code;

typedef struct mc_detect_entity {
	size_t start, end;    /* code points in the document, end exclusive */
	size_t bstart, bend;  /* the same in bytes */
	char *text;           /* the mention as written (owned) */
	unsigned traits;      /* MC_DT_* */
	mc_detect_code *codes;/* best first (owned) */
	size_t ncodes;
	char *explain;        /* NULL unless opts.explain: matched term and cues (owned) */
} mc_detect_entity;

typedef struct mc_detect_result {
	mc_detect_entity *entities;  /* in text order */
	size_t n;
	mc_detect_code *codes;       /* the document's ranked codes: asserted and
				      * billable (all_mentions: every mention, and codes
				      * needing a 7th character) */
	size_t ncodes;
} mc_detect_result;

typedef struct mc_detect mc_detect;
typedef struct mc_detect_doc mc_detect_doc;

/* Build a detector from the ICD-10-CM release of the store in force on date
 * (YYYY-MM-DD; NULL for today, or the latest release when none is in force
 * yet).  *out is the caller's (mc_detect_free).  MC_ENOTFOUND when the store
 * holds no ICD-10-CM release; MC_EDB, MC_ENOMEM otherwise. */
int mc_detect_new(mc_detect **out, mc_store *store, const char *date, mc_error *err);

/* Build a small detector from TSV text, one code a line:
 * "code<TAB>billable(0/1)<TAB>title[<TAB>synonym...]" (for tests and the
 * fuzzer; no store needed).  Parents are derived from the code spelling. */
int mc_detect_new_from_tsv(mc_detect **out, const char *tsv, size_t len, mc_error *err);

/* Free a detector (NULL is fine). */
void mc_detect_free(mc_detect *d);

/* Dictionary figures: terms, distinct word stems, bytes held. */
void mc_detect_stats(const mc_detect *d, size_t *terms, size_t *stems, size_t *bytes);

/* Start a document (*out is the caller's: mc_detect_doc_free).  d is
 * borrowed and must outlive the document.  opts may be NULL. */
int mc_detect_doc_new(mc_detect_doc **out, mc_detect *d, const mc_detect_opts *opts,
		      mc_error *err);

/* Add the next piece of the document's text (any bytes; invalid UTF-8 is
 * kept as one code point per bad byte).  Pieces are joined as they are, so
 * cut them at sentence or line ends.  Returns 0 or MC_ENOMEM. */
int mc_detect_feed(mc_detect_doc *doc, const char *text, size_t len, mc_error *err);

/* Finish the document into *out (set up by this call; release it with
 * mc_detect_result_release): entities in text order, the document's codes
 * ranked, Excludes1 applied between them.  The document can then only be
 * freed.  Returns 0 or MC_ENOMEM. */
int mc_detect_finish(mc_detect_doc *doc, mc_detect_result *out, mc_error *err);

/* Free a document (NULL is fine). */
void mc_detect_doc_free(mc_detect_doc *doc);

/* One-call form: detect over the whole text. */
int mc_detect_text(mc_detect *d, const char *text, size_t len, const mc_detect_opts *opts,
		   mc_detect_result *out, mc_error *err);

/* Free what a result owns and zero it. */
void mc_detect_result_release(mc_detect_result *r);

/* JSON name of one trait bit ("NEGATION", ...); NULL for an unknown bit. */
const char *mc_detect_trait_name(unsigned bit);

/* The DESIGN.md shape: {"id": id, "entities": [{"start","end","text",
 * "category":"DIAGNOSIS","traits":[...],"codes":[{"code","title","score"}]}],
 * "codes": ["I10", ...]}.  id is borrowed (json_incref'd; NULL gives null);
 * with explain, entities carry "explain".  New reference, NULL when out of
 * memory. */
json_t *mc_json_detect(const mc_detect_result *r, json_t *id, bool explain);

#ifdef __cplusplus
}
#endif
#endif
