/* medcode phi: find the 18 HIPAA Safe Harbor identifiers in clinical text
 * and redact them (mask, consistent surrogates, date shifting).
 *
 * Life cycle: one mc_phi per process (patterns compiled once, dictionaries
 * loaded once, a vocabulary added before use if any: mc_phi_add_vocabulary;
 * read-only afterwards except for its scanner scratch space,
 * so use one mc_phi per thread), one mc_phi_doc per document (the names
 * found so far, for propagation, and the document's surrogate key and date
 * offset).  A long document may be fed to mc_phi_detect in pieces (line
 * or paragraph at a time): names found in earlier pieces are still
 * propagated.  The library never logs or keeps the text; mc_phi_doc_free
 * wipes what it learnt.
 */
#ifndef MEDCODE_PHI_H
#define MEDCODE_PHI_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "medcode/error.h"
#include "medcode/store_names.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The identifier types of the redact contract (DESIGN.md). */
typedef enum mc_phi_type {
	MC_PHI_NAME, MC_PHI_DATE, MC_PHI_AGE, MC_PHI_PHONE, MC_PHI_FAX, MC_PHI_EMAIL,
	MC_PHI_SSN, MC_PHI_MRN, MC_PHI_HEALTH_PLAN, MC_PHI_ACCOUNT, MC_PHI_LICENSE,
	MC_PHI_VEHICLE, MC_PHI_DEVICE, MC_PHI_URL, MC_PHI_IP, MC_PHI_BIOMETRIC,
	MC_PHI_ADDRESS, MC_PHI_ZIP, MC_PHI_CITY, MC_PHI_STATE, MC_PHI_COUNTRY,
	MC_PHI_ORGANIZATION, MC_PHI_ID, MC_PHI_OTHER,
	MC_PHI_NTYPES
} mc_phi_type;

/* "NAME", "DATE", ... (static; "OTHER" for an out-of-range value). */
const char *mc_phi_type_name(mc_phi_type t);

typedef struct mc_phi_span {
	size_t start, end;        /* byte offsets into the text, end exclusive */
	size_t cp_start, cp_end;  /* the same in Unicode code points */
	mc_phi_type type;
	const char *rule;         /* the rule that typed it ("name.title", "pattern.ssn"; static) */
} mc_phi_span;

/* Spans sorted by start, never overlapping. */
typedef struct mc_phi_result {
	mc_phi_span *spans;
	size_t n, cap;
} mc_phi_result;

void mc_phi_result_init(mc_phi_result *r);
/* Free the spans (r is left empty and reusable). */
void mc_phi_result_release(mc_phi_result *r);

typedef enum mc_phi_mode {
	MC_PHI_MODE_MASK,       /* "[NAME]", "[DATE]", ... */
	MC_PHI_MODE_SURROGATE,  /* realistic fake values */
	MC_PHI_MODE_SPANS       /* text unchanged; the caller prints the spans */
} mc_phi_mode;

typedef struct mc_phi_opts {
	/* A folder of the official name-frequency files (Census dist.*.last and
	 * dist.*.first, last-name.csv, SSA yobYYYY.txt, in any sub-folders) to
	 * read instead of a store's lists (mc_phi_load_store); NULL: none. */
	const char *names_dir;
	/* English word list; NULL means /usr/share/dict/american-english. */
	const char *wordlist;
	/* Hunspell medical dictionary (clinical words, brands, eponyms); NULL
	 * means /usr/share/hunspell/en_med_glut.dic (Debian hunspell-en-med). */
	const char *clinical_dict;
	/* Secret for surrogates and date offsets that stay the same across
	 * documents and runs; NULL means a fresh random key per document. */
	const char *key;
	bool shift_dates;   /* replace dates by shifted dates (surrogate mode always does) */
	bool keep_weekday;  /* shift by whole weeks */
} mc_phi_opts;

typedef struct mc_phi mc_phi;
typedef struct mc_phi_doc mc_phi_doc;

/* Compile the patterns and load the built-in lists, the English word list
 * and, with opts->names_dir, the name lists of that folder (*out; free it
 * with mc_phi_free).  The name lists usually come from the code store
 * instead: mc_phi_load_store.  A front end checks with mc_phi_check that
 * nothing is missing before it redacts.  Returns 0, MC_ENOMEM, MC_EIO or
 * MC_ENOTFOUND (names_dir cannot be read or holds no name list),
 * MC_EFORMAT (a bad name file) or MC_EINVAL. */
int mc_phi_new(mc_phi **out, const mc_phi_opts *opts, mc_error *err);
void mc_phi_free(mc_phi *p);

/* Add the name-frequency lists and the clinical vocabulary of a code store
 * (`medcode import` loads the lists from the official Census and SSA
 * files; see mc_store_names and mc_phi_add_vocabulary): names first, so
 * that a clinical word that is also a name stays a name.  Returns 0,
 * MC_ENOTFOUND when the store has no name lists (nothing is added; the
 * message says how to import them), MC_EDB or MC_ENOMEM. */
int mc_phi_load_store(mc_phi *p, mc_store *st, mc_error *err);

/* Add one name of a name-frequency list (e->list names the list, which
 * sets the scale of e->count).  Names with letters other than ASCII are
 * skipped.  Returns 0, MC_EINVAL or MC_ENOMEM. */
int mc_phi_add_name(mc_phi *p, const mc_name_entry *e, mc_error *err);

/* Is p complete: name lists, the English word list and the medical
 * dictionary loaded?  0, or
 * MC_ENOTFOUND with a message naming what is missing.  A redactor without
 * them finds names by context alone and lets many through: front ends
 * refuse to run (unless the user opts out explicitly). */
int mc_phi_check(const mc_phi *p, mc_error *err);

/* Which optional lists were loaded: counts of name and English entries. */
void mc_phi_stats(const mc_phi *p, size_t *names, size_t *words);

/* Clinical vocabulary (e.g. the code store's titles and index terms, see
 * mc_store_vocabulary): the words of text[0..len) are no longer taken for
 * names by themselves ("Hydronephrosis", "Clostridium" mid-sentence), as
 * those of the embedded clinical list; context (Dr., Patient:, "his wife")
 * still makes them names, and they play no part in address or place
 * rules.  Only words no loaded list knows are added: a word of a name list
 * (first names, surnames), of the English list (common words and proper
 * nouns) or of the built-in lists keeps its flags, so an eponym that is
 * also a surname (Wilson, Castleman, Fournier) is still redacted as a
 * name; and when no name list was loaded, nothing is added at all.
 * Words are tokens as detection sees them, letters only, without a
 * possessive 's, of four letters or more.  Only the words are kept (lower
 * case), never the text.  Call after mc_phi_new, before or between
 * documents, never while p detects (p's dictionary grows); any number of
 * times.  Returns 0, MC_EINVAL or MC_ENOMEM (words added until then stay). */
int mc_phi_add_vocabulary(mc_phi *p, const char *text, size_t len, mc_error *err);
/* Number of words mc_phi_add_vocabulary has added to p. */
size_t mc_phi_vocabulary_size(const mc_phi *p);

/* Start a document (*out; free with mc_phi_doc_free).  patient may be NULL;
 * with a key, the same patient gets the same date offset everywhere.
 * p must outlive the document. */
int mc_phi_doc_new(mc_phi_doc **out, mc_phi *p, const char *patient, mc_error *err);
/* Start a new document in d, as mc_phi_doc_new does, but keep d's memory
 * (what d learnt of the previous document is wiped first): the cheap way
 * to run many small documents.  Returns 0 or MC_EINVAL (d is NULL). */
int mc_phi_doc_reset(mc_phi_doc *d, const char *patient, mc_error *err);
/* Wipe and free the document state (NULL is fine). */
void mc_phi_doc_free(mc_phi_doc *d);

/* Find identifiers in text[0..len) (any bytes; invalid UTF-8 is skipped
 * over, never read past len).  out is replaced with the spans, byte and
 * code-point offsets relative to text.  Names found are remembered in d
 * and redacted wherever they recur in this and later pieces.
 * Returns 0 or MC_ENOMEM / MC_EINVAL (out is then empty). */
int mc_phi_detect(mc_phi_doc *d, const char *text, size_t len, mc_phi_result *out,
		  mc_error *err);

/* Write text with r's spans replaced per mode into *out (NUL-terminated,
 * length *out_len; the caller frees it with mc_phi_text_free, which wipes
 * it).  MC_PHI_MODE_SPANS copies the text.  Returns 0 or MC_ENOMEM. */
int mc_phi_redact(mc_phi_doc *d, const char *text, size_t len, const mc_phi_result *r,
		  mc_phi_mode mode, char **out, size_t *out_len, mc_error *err);

/* Wipe and free a string from mc_phi_redact. */
void mc_phi_text_free(char *s, size_t len);

/* The spans as a JSON array [{"start", "end", "type"}] in code points;
 * a new reference, or NULL when out of memory. */
json_t *mc_json_phi_spans(const mc_phi_result *r);

#ifdef __cplusplus
}
#endif
#endif
