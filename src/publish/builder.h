/* Internals of the publish module: the publisher, the document builder
 * state and the helpers every document kind (code page, publication,
 * answer) builds with.  Strings live in the document's arena; a failure
 * is sticky in b->rc. */
#ifndef MC_PUBLISH_BUILDER_H
#define MC_PUBLISH_BUILDER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"
#include "medcode/check.h"
#include "medcode/lookup.h"
#include "medcode/publish.h"

enum { MAX_SECTIONS = 16, CITE_MAX = 512, MAX_COLS = 8 };

#define PUB_N_IND_MODS 10       /* modifiers the fee-schedule indicators govern */

extern const char PUB_AMA_NOTICE[];

typedef struct mod_info {
	char *desc, *cite;
	bool found;
} mod_info;

struct mc_publisher {
	mc_store *s;
	char date[MC_DATE_LEN];
	bool mods_loaded;
	mod_info mods[PUB_N_IND_MODS];
};

typedef struct bld {
	mc_publisher *p;
	mc_arena *a;
	mc_pub_doc *d;
	mc_error *err;
	int rc;
	size_t blk_cap;          /* of the current section */
	const char *in_cite;     /* citation of the input record */
	const mc_code_record *rec;
} bld;

typedef struct pb_table {
	mc_pub_block *k;
	size_t cap;
} pb_table;

void *pb_balloc(bld *b, size_t n);
const char *pb_bdup(bld *b, const char *s);
const char *pb_bprintf(bld *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool pb_has(const char *s);
/* Register a citation (deduplicated) in the document's sources. */
const char *pb_add_source(bld *b, const char *cite);
const char *pb_cite(bld *b, const mc_source *src);
void pb_section(bld *b, const char *id, const char *title);
mc_pub_block *pb_block(bld *b, mc_pub_block_kind kind, const char *heading);
/* A paragraph; a missing one says MC_PUB_MISSING and cites nothing. */
void pb_text(bld *b, const char *heading, const char *t, const char *src);
void pb_list(bld *b, const char *heading, const char *const *items, size_t n, const char *src);
pb_table pb_tbl(bld *b, const char *heading, size_t ncols, const char *const *cols);
/* Add a row of ncols cells (NULL or "" cells say MC_PUB_MISSING). */
void pb_row(bld *b, pb_table *t, const char *src, const char *const *cells);
/* An empty table says so instead of printing a header with no rows. */
void pb_tbl_end(bld *b, pb_table *t);
/* A release cited for facts in force (a source mc_lookup dated): its
 * citation, effective date, next due date and, when it may be out of
 * date, the sentence that says so. */
typedef struct pb_age {
	const char *cite, *stream, *label, *files, *from, *next_due, *note;
} pb_age;

/* Sources section listing every citation of the document, and a "Data
 * currency" section put first: which cited releases may be out of date
 * on the document's date (pb_age, recorded by pb_cite). */
void pb_sources(bld *b);

#endif
