/* medcode code listing: a page of the codes of one system in force on a
 * date, optionally narrowed by a text filter (for FHIR ValueSet/$expand and
 * other listings).  Every string in a page lives in the page and dies with
 * mc_code_page_release.
 */
#ifndef MEDCODE_CODES_H
#define MEDCODE_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "medcode/error.h"
#include "medcode/store.h"
#include "medcode/types.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { MC_CODES_MAX_COUNT = 1000, MC_CODES_MAX_WORDS = 4, MC_CODES_MAX_FILTER = 200 };

typedef struct mc_codes_query {
	mc_system system;        /* required (not MC_SYS_NONE) */
	const char *date;        /* YYYY-MM-DD; NULL = today */
	const char *filter;      /* NULL or "" = all codes; else every word (up to
	                            MC_CODES_MAX_WORDS) must occur in a title, or the
	                            whole filter is a code prefix ("e11.5") */
	size_t offset;           /* codes to skip */
	size_t count;            /* page size, at most MC_CODES_MAX_COUNT; 0 = none
	                            (only the total) */
	bool with_total;         /* also count every match (one more query) */
} mc_codes_query;

typedef struct mc_code_item {
	const char *code, *title, *kind;
	int billable;            /* 1, 0, -1 unknown */
} mc_code_item;

typedef struct mc_code_page {
	mc_code_item *items;     /* in code order */
	size_t n;
	int64_t total;           /* every match, or -1 when not asked for */
	const char *date;        /* the date used */
	const char *version;     /* release label(s) in force, "FY2026" or "2025-10, medcode-1" */
	void *arena_;            /* internal */
} mc_code_page;

/* List codes of q->system in force on q->date (the release of each of the
 * system's streams in force then; a code held by two streams appears once),
 * chapters and sections left out, ordered by code.  out is initialised here
 * and must be released with mc_code_page_release even on error.  Returns 0
 * (out->n may be 0), MC_EINVAL for a bad date, system, count or filter
 * (longer than MC_CODES_MAX_FILTER bytes), MC_EDB or MC_ENOMEM. */
int mc_codes_list(mc_store *s, const mc_codes_query *q, mc_code_page *out, mc_error *err);
void mc_code_page_release(mc_code_page *p);

#ifdef __cplusplus
}
#endif
#endif
