/* medcode check: validation rules for what a publisher (or, later, a claim)
 * states about codes, checked against the store.
 *
 * Each check appends findings to an mc_findings list.  A finding has a
 * severity, a rule id ("modifier.exists", "icd10cm.billable", ...), the
 * subject it is about, where in the input it came from, a message that says
 * what the official fact is, and the source of that fact (file and release,
 * or "medcode rule" for rules that are medcode's own reading of a manual).
 * A row that drew a warning or an error has failed validation: publishers
 * list it under Validation and never print it as fact.
 *
 * Every check returns 0 (whether or not it found anything) or a negative
 * MC_E* code when the store or memory failed; the findings list then holds
 * what was found before the failure.
 */
#ifndef MEDCODE_CHECK_H
#define MEDCODE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "medcode/error.h"
#include "medcode/history.h"
#include "medcode/lookup.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mc_severity {
	MC_SEV_INFO = 0,      /* worth knowing; the row still stands */
	MC_SEV_WARNING = 1,   /* the row fails validation */
	MC_SEV_ERROR = 2      /* the row is wrong */
} mc_severity;

/* "info", "warning", "error". */
const char *mc_severity_name(mc_severity s);

typedef struct mc_finding {
	mc_severity severity;
	char *rule;       /* "modifier.cosurgeon" */
	char *subject;    /* "modifier 62", "ICD-10-CM I70.23" */
	char *where;      /* input path ("$.modifiers[6]") or "" */
	char *message;    /* one sentence naming the official fact */
	char *source;     /* "PPRRVU2025_Oct.csv (rvu RVU25D)" or "medcode rule" */
	char *suggest;    /* a suggested replacement code, or NULL */
} mc_finding;

/* A growable list of findings; owns its strings. */
typedef struct mc_findings {
	mc_finding *items;
	size_t n, cap;
} mc_findings;

void mc_findings_init(mc_findings *f);
/* Free every finding; f is left empty and reusable. */
void mc_findings_release(mc_findings *f);
/* Append a finding (strings are copied; suggest may be NULL).  MC_ENOMEM. */
int mc_findings_add(mc_findings *f, mc_severity sev, const char *rule, const char *subject,
		    const char *where, const char *source, const char *suggest,
		    const char *fmt, ...) __attribute__((format(printf, 8, 9)));
/* True when a finding of severity warning or error was added at index
 * mark or later (take mark = f->n before a row's checks). */
bool mc_findings_failed_since(const mc_findings *f, size_t mark);

/* Cite a store source as "FILES (STREAM LABEL)" into out[cap]; "" when the
 * source is empty.  Returns out. */
char *mc_check_cite(const mc_source *src, char *out, size_t cap);

/* Normalised comparison of two descriptions: case, punctuation, spacing
 * and the articles "a", "an", "the" are ignored. */
bool mc_check_text_matches(const char *a, const char *b);

/* A modifier stated for a code: it exists (modifier system, on date); the
 * code's fee-schedule indicators allow it (50 bilateral, 51 multiple
 * procedure and add-on codes, 62 co-surgeon, 66 team, 80/81/82/AS
 * assistant, 26/TC PC/TC); an anesthesia modifier is not put on a
 * non-anesthesia code; and description (may be NULL) matches the official
 * one.  code is the record of the code the modifier is for (borrowed). */
int mc_check_modifier(mc_store *s, const char *date, const mc_code_record *code,
		      const char *modifier, const char *description, const char *where,
		      mc_findings *out, mc_error *err);

/* Only the fee-schedule and anesthesia rules for a modifier whose kinds
 * (comma-separated, from the store) are known: reusable by claim checks
 * that already hold the modifier.  modifier is upper case ("62"). */
int mc_check_modifier_rules(const mc_code_record *code, const char *modifier, const char *kinds,
			    const char *where, mc_findings *out);

/* An ICD-10-CM code stated with a title (title may be NULL): the code
 * exists on date, is billable (a header is reported with its billable
 * codes) and the title matches the official one. */
int mc_check_icd10cm(mc_store *s, const char *date, const char *code, const char *title,
		     const char *where, mc_findings *out, mc_error *err);

/* A NUCC taxonomy code stated with a specialty (specialty may be NULL):
 * the code exists and its classification or specialization matches the
 * specialty; otherwise the finding suggests the code whose name matches
 * the specialty best (finding->suggest). */
int mc_check_taxonomy(mc_store *s, const char *date, const char *code, const char *specialty,
		      const char *where, mc_findings *out, mc_error *err);

/* The taxonomy code whose grouping, classification and specialization
 * match the words of specialty best, written to out[cap] with its display
 * name in name[name_cap].  MC_ENOTFOUND when no word matches. */
int mc_taxonomy_suggest(mc_store *s, const char *date, const char *specialty, char *out,
			size_t cap, char *name, size_t name_cap, mc_error *err);

/* A related code (CPT, HCPCS or any system the store holds) exists and is
 * in force on date. */
int mc_check_code_exists(mc_store *s, const char *date, const char *code, const char *where,
			 mc_findings *out, mc_error *err);

/* A related code stated with a description (description may be NULL):
 * the code exists on date (as mc_check_code_exists), and the description
 * does not contradict the code's official descriptor.  Contradiction is
 * judged per dimension of data/descriptor_contrasts.tsv (vascular site,
 * imaging modality, technique): when both texts name values of a
 * dimension and share none ("tibial" against a femoral/popliteal
 * descriptor, "ultrasound" against an x-ray one), the finding
 * "related.meaning" (error) names both and the rule's source. */
int mc_check_related(mc_store *s, const char *date, const char *code, const char *description,
		     const char *where, mc_findings *out, mc_error *err);

/* The comparison of mc_check_related on its own (no store): stated (the
 * record's words) against official (the descriptor, cited as cite, may
 * be NULL) for code.  Returns 0 or MC_ENOMEM. */
int mc_check_meaning(const char *code, const char *stated, const char *official, const char *cite,
		     const char *where, mc_findings *out);

/* ---- modifiers a coder checks for a code (data/modifier_rules.tsv) --- */

/* One modifier's verdict for a code: whether it applies and why, by the
 * first rule of data/modifier_rules.tsv whose condition the code's facts
 * meet (E/M or anesthesia code; fee-schedule global days, bilateral
 * indicator, a priced '53' row; NCCI PTP edits allowing a modifier). */
typedef struct mc_mod_advice {
	char modifier[8];          /* "22", "LT", "XU" */
	char *description;         /* store's description (HCPCS Level II list or medcode's Level I
	                              label), NULL when the modifier is not in force on the date */
	char *description_source;  /* its citation, "" when none */
	bool label_only;           /* description is medcode's Level I label (no AMA file imported) */
	const char *verdict;       /* static: "applies", "may apply", "contractor decides",
	                              "does not apply", "not checked", "not in force" */
	char *reason;              /* one sentence, with the code's own values */
	char *source;              /* the rule's source, then the citations of the facts used */
} mc_mod_advice;

typedef struct mc_mod_guide {
	mc_mod_advice *items;      /* in the order of data/modifier_rules.tsv */
	size_t n;
} mc_mod_guide;

/* The verdict on every modifier data/modifier_rules.tsv has rules for
 * (22, 53, GC, LT, RT, Q0, Q1, 59, XE, XP, XS, XU), for code (borrowed)
 * on date (NULL = today).  out is initialised here and released with
 * mc_mod_guide_release even on error.  Returns 0, MC_ENOMEM, MC_EDB. */
int mc_check_modifier_guide(mc_store *s, const char *date, const mc_code_record *code, mc_mod_guide *out,
			    mc_error *err);
void mc_mod_guide_release(mc_mod_guide *g);

/* A modifier stated for the code of guide g: when g's verdict on it is
 * "does not apply", the finding "modifier.rule" (error) gives the reason
 * and the rule's source.  Modifiers g has no verdict on add nothing.
 * Returns 0 or MC_ENOMEM. */
int mc_check_modifier_guided(const mc_mod_guide *g, const char *modifier, const char *where, mc_findings *out);

/* Time-bound words in publisher text about code, against the code's
 * history (h, from mc_store_code_history up to date): "new", "newly",
 * "recent(ly)", "latest" next to the code or the word "code" (within
 * three words) while the store shows the code in force more than a year
 * before date; "upcoming", "forthcoming", "soon", "will take effect"
 * while it is already in force.  One "claim.stale" warning per sentence,
 * quoting it and naming the evidence (h->earliest_event, cited).  A
 * history with no date (h->earliest NULL) gives nothing.  Returns 0 or
 * MC_ENOMEM. */
int mc_check_time_claims(const char *text, const char *code, const char *date, const mc_code_history *h,
			 const char *where, mc_findings *out);

#ifdef __cplusplus
}
#endif
#endif
