/* medcode publish: code pages and publications built from the store's
 * facts and a publisher's input record, rendered as Markdown, HTML or JSON.
 *
 * Rules the document model keeps:
 * - every official fact carries its source (file and release);
 * - editorial text comes only from the input record, cited as such;
 * - a missing element says exactly MC_PUB_MISSING;
 * - each input row is validated (medcode/check.h); a row that fails is
 *   listed under Validation and never printed as fact.
 * Nothing is generated that is in neither the input nor the store.
 */
#ifndef MEDCODE_PUBLISH_H
#define MEDCODE_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "medcode/check.h"
#include "medcode/error.h"
#include "medcode/search.h"
#include "medcode/store.h"
#include "medcode/types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MC_PUB_MISSING "Data not available in the input."

/* Caps on an input record (it is outside input). */
enum {
	MC_PUB_INPUT_MAX_BYTES = 1 << 20,  /* whole file */
	MC_PUB_INPUT_MAX_DEPTH = 8,        /* nesting of arrays and objects */
	MC_PUB_INPUT_MAX_ITEMS = 500,      /* items of one array */
	MC_PUB_INPUT_MAX_STRING = 65536    /* bytes of one string */
};

/* ---- the input record (docs/publication-input.schema.json) ---------- */

typedef struct mc_pub_modifier { const char *code, *description, *when_to_use; } mc_pub_modifier;
typedef struct mc_pub_taxonomy { const char *code, *specialty, *notes; } mc_pub_taxonomy;
typedef struct mc_pub_dx { const char *code, *description, *relevance; } mc_pub_dx;
typedef struct mc_pub_related { const char *code, *description, *relationship; } mc_pub_related;
typedef struct mc_pub_payer {
	const char *name, *coverage, *prior_authorization, *policy_url;
} mc_pub_payer;
typedef struct mc_pub_benchmark { const char *metric, *value, *period, *source; } mc_pub_benchmark;
typedef struct mc_pub_update { const char *date, *title, *summary, *source; } mc_pub_update;

/* Every field may be NULL (or its count 0).  Strings live in the record. */
typedef struct mc_pub_input {
	const char *name;             /* file name, used to cite the record */
	const char *code, *title, *headline, *lead, *summary;
	const char **key_payers; size_t nkey_payers;
	const char *clinical_context;
	const char **workflow; size_t nworkflow;
	const char *service_type, *site_of_service;
	const char *description;      /* common-language description */
	const char **indications; size_t nindications;
	const char **procedure_steps; size_t nprocedure_steps;
	const char *post_procedure;
	mc_pub_modifier *modifiers; size_t nmodifiers;
	mc_pub_taxonomy *taxonomy; size_t ntaxonomy;
	mc_pub_dx *related_diagnoses; size_t nrelated_diagnoses;
	mc_pub_related *related_codes; size_t nrelated_codes;
	mc_pub_payer *payers; size_t npayers;
	mc_pub_benchmark *benchmarks; size_t nbenchmarks;
	mc_pub_update *policy_updates; size_t npolicy_updates;
	void *arena_;                 /* internal */
} mc_pub_input;

/* Parse an input record from data[len]; name is used in messages and
 * citations.  *out is the caller's (mc_pub_input_free).  Bad input gives
 * MC_EFORMAT with "NAME:LINE:COL: ..." for JSON syntax or "NAME: $.path:
 * ..." for a wrong type, unknown field or exceeded cap. */
int mc_pub_input_parse(mc_pub_input **out, const char *name, const char *data, size_t len,
		       mc_error *err);
/* Read and parse a file (MC_EIO when unreadable, MC_EFORMAT when too big). */
int mc_pub_input_load(mc_pub_input **out, const char *path, mc_error *err);
void mc_pub_input_free(mc_pub_input *in);

/* ---- the document model -------------------------------------------- */

typedef enum mc_pub_block_kind {
	MC_PUB_TEXT,     /* a paragraph: text */
	MC_PUB_LIST,     /* items */
	MC_PUB_TABLE     /* cols x rows, each row with its source */
} mc_pub_block_kind;

typedef struct mc_pub_block {
	mc_pub_block_kind kind;
	const char *heading;          /* may be NULL */
	const char *text;             /* TEXT */
	const char *source;           /* TEXT and LIST: the citation; "" for none */
	const char **items; size_t nitems;      /* LIST */
	const char **cols; size_t ncols;        /* TABLE */
	const char **cells; size_t nrows;       /* TABLE: nrows * ncols, row-major */
	const char **row_source;                /* TABLE: one citation per row */
} mc_pub_block;

typedef struct mc_pub_section {
	const char *id, *title;
	mc_pub_block *blocks; size_t nblocks;
} mc_pub_section;

typedef struct mc_pub_doc {
	const char *kind;             /* "publication" or "code page" */
	const char *system, *code, *title, *date;
	const char *notice;           /* AMA notice for CPT content, or NULL */
	size_t ncodes_found;          /* answers: codes that answer the question */
	mc_pub_section *sections; size_t nsections;
	mc_findings findings;         /* validation of the input rows */
	const char **sources; size_t nsources;  /* every release cited */
	void *arena_, *lookup_;       /* internal: arena; array of mc_lookup_result */
	size_t nlookups_;             /* internal */
} mc_pub_doc;

/* ---- building ------------------------------------------------------- */

typedef struct mc_publisher mc_publisher;

/* A publisher reads the store (borrowed; must outlive it) as of date
 * (YYYY-MM-DD, NULL = today) and caches what every page shares.  One per
 * thread.  *out is the caller's (mc_publisher_free). */
int mc_publisher_new(mc_publisher **out, mc_store *s, const char *date, mc_error *err);
void mc_publisher_free(mc_publisher *p);

/* Build the document of code.  With in == NULL: the code page (seed 001:
 * descriptors, indicators, MUE, modifiers, add-on, history); with an input
 * record: the publication (seeds 000, 002, 003) with every input row
 * validated.  system may be MC_SYS_NONE (CPT and HCPCS are preferred when
 * a code exists in several).  MC_ENOTFOUND when code is not valid on the
 * date; MC_EINVAL when in->code names another code.  *out is the caller's
 * (mc_pub_doc_free); it borrows the input record's strings, so in must
 * outlive it. */
int mc_publish_build(mc_publisher *p, const char *code, mc_system system,
		     const mc_pub_input *in, mc_pub_doc **out, mc_error *err);
void mc_pub_doc_free(mc_pub_doc *d);

/* Answer article for a coding question ("What is the CPT code for
 * fluoroscopy imaging?"): the codes search q (borrowed) finds best, each
 * with its descriptors, add-on status and primary codes, bundling edits,
 * fee-schedule indicators with their meaning and MUE units, all as the
 * store holds them on the publisher's date and each with its source.
 * Only codes in force in the store appear; what the store lacks says
 * MC_PUB_MISSING.  *out as for mc_publish_build (d->ncodes_found tells
 * how many codes answer); MC_EINVAL for an empty question. */
int mc_publish_answer(mc_publisher *p, mc_searcher *q, const char *question, mc_pub_doc **out,
		      mc_error *err);

/* The codes of a system in force on the publisher's date, sorted, for a
 * batch.  *out (an array of strings) is freed with mc_publish_codes_free. */
int mc_publish_codes(mc_publisher *p, mc_system system, char ***out, size_t *n, mc_error *err);
void mc_publish_codes_free(char **codes, size_t n);

/* ---- rendering ------------------------------------------------------ */

typedef enum mc_pub_format { MC_PUB_MARKDOWN, MC_PUB_HTML, MC_PUB_JSON } mc_pub_format;

enum {
	MC_RENDER_SITE = 1,     /* HTML: links to index.html and search.html */
	MC_RENDER_FRAGMENT = 2  /* HTML: only <article class="doc">...</article>
	                           (header, sections, footer; no head, no style)
	                           to sit in a site's layout */
};

/* Render d into a new NUL-terminated string *out (mc's allocator: free
 * with mc_publish_text_free) of *len bytes.  HTML is one self-contained
 * page (no external resources) with everything escaped.  MC_ENOMEM. */
int mc_publish_render(const mc_pub_doc *d, mc_pub_format f, int flags, char **out, size_t *len,
		      mc_error *err);
void mc_publish_text_free(char *s);

/* The document as JSON (new reference; NULL when out of memory). */
json_t *mc_publish_json(const mc_pub_doc *d);

/* Append s to out HTML-escaped (& < > " '); helpers for site pages.  The
 * result is a new string (mc_publish_text_free); NULL when out of memory. */
char *mc_publish_html_escape(const char *s);

#ifdef __cplusplus
}
#endif
#endif
