/* medcode search: natural-language code search over the store.
 *
 * One box for codes and words: "what is the icd 10 code for heart attack",
 * "DM2 w/ neuropathy", "pnuemonia", "E1152", "77001-77003", "fluoroscopy
 * guidance for a needle".  The query is understood (question framing
 * stripped, code system inferred from words, codes with or without dots,
 * prefixes and ranges, lexicon abbreviations and lay terms, spelling
 * corrected against the index vocabulary, English stemming) and answered
 * from an FTS5 index inside the store, ranked by field-weighted BM25 plus
 * boosts (title over index terms, exact phrase, billable, and the coding
 * convention that a bare condition gets its unspecified code).
 *
 * Usage: open one mc_searcher per store handle (and so per thread), run
 * any number of queries on it, free it.  Every string in a result lives in
 * the result and dies with mc_search_result_release.
 */
#ifndef MEDCODE_SEARCH_H
#define MEDCODE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "medcode/error.h"
#include "medcode/store.h"
#include "medcode/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Rebuild the search index inside the store from the codes in force (the
 * latest release of each stream), their ICD-10-CM inclusion terms and
 * index entries, and the lexicon.  Called by the importer after it changed
 * the store; idempotent.  Runs in its own transaction: on failure the old
 * index is left as it was. */
int mc_search_build(mc_store *s, mc_error *err);

typedef struct mc_searcher mc_searcher;

/* Open a searcher on s (borrowed: it must outlive the searcher).  The
 * vocabulary for spelling correction is read on first need.
 * MC_ENOTFOUND when the store has no search index (run an import). */
int mc_searcher_new(mc_searcher **out, mc_store *s, mc_error *err);
void mc_searcher_free(mc_searcher *q);

/* Systems to search, as bits: MC_SEARCH_SYS(MC_SYS_CPT) | ... */
#define MC_SEARCH_SYS(s) (1u << (unsigned)(s))

typedef struct mc_search_opts {
	unsigned systems;        /* MC_SEARCH_SYS bits; 0 = all (or those the query names) */
	size_t limit;            /* results wanted; 0 = 10, at most 100 */
	bool explain;            /* fill mc_search_hit.why */
	bool prefix;             /* type-ahead: the last word is a prefix */
} mc_search_opts;

typedef struct mc_search_hit {
	const char *system;      /* "icd10cm", "hcpcs", "cpt", "modifier", "taxonomy" */
	const char *code;        /* as printed officially: "E11.52" */
	const char *title;
	int billable;            /* 1 or 0; CPT and HCPCS codes count as billable,
				    modifiers and taxonomy codes as not */
	double score;            /* higher is better; comparable within one result */
	const char *why;         /* with opts.explain: why the code matched; else NULL */
} mc_search_hit;

typedef struct mc_search_result {
	const char *query;       /* the query as given */
	const char *interpreted; /* the words searched after understanding, e.g.
				    "myocardial infarction [icd10cm]"; never NULL */
	mc_search_hit *hits;     /* best first */
	size_t n;
	void *arena_;            /* internal */
} mc_search_result;

/* Search.  out is initialised here and must be released with
 * mc_search_result_release even on error.  Returns 0 (out->n may be 0 when
 * nothing matched); MC_EINVAL for an empty, over-long (more than 1000
 * bytes) or non-UTF-8 query, with a message for the user; MC_EDB or
 * MC_ENOMEM otherwise.  FTS syntax in the query has no special meaning. */
int mc_search(mc_searcher *q, const char *query, const mc_search_opts *opts,
	      mc_search_result *out, mc_error *err);

/* Type-ahead: mc_search with opts->prefix set (the last word, or the code
 * being typed, is a prefix); meant for the web box, answers in well under
 * a millisecond. */
int mc_search_prefix(mc_searcher *q, const char *query, const mc_search_opts *opts,
		     mc_search_result *out, mc_error *err);

void mc_search_result_release(mc_search_result *r);

/* JSON of a result, the shape of `search --json` (DESIGN.md):
 * {"query", "results": [{"system", "code", "title", "billable", "score"
 * [, "why"]}]}, "why" only when the result was explained.  A new
 * reference, NULL when out of memory. */
json_t *mc_json_search(const mc_search_result *r);

#ifdef __cplusplus
}
#endif
#endif
