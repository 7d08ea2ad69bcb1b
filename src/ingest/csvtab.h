/* A table-driven reader of the official CSV and TSV files (internal to
 * ingest).
 *
 * A parser states once, as an mc_csvtab_spec, the columns it wants by
 * header name; the reader finds the header row, maps the columns and
 * hands out each data row trimmed and checked.  So every CSV importer
 * reports bad input the same way, as MC_EFORMAT "NAME:LINE: expected ...":
 *   expected data, the input is empty
 *   expected <spec->expect>                 (no header row where one may be)
 *   expected N header columns, found M      (fewer than spec->min_width)
 *   expected N columns, found M             (a data row shorter than the header)
 *   expected UTF-8 text
 *   expected <spec->rows> after the header  (a header and no data)
 *   unterminated quoted field / out of memory
 *
 * Header cells are compared as keys: lower case, letters and digits kept,
 * each run of spaces, '-', '_', '.' or '/' read as one '_' ("HCPCS/CPT
 * Code" -> "hcpcs_cpt_code").  Blank rows are skipped.  Cells past
 * MC_CSVTAB_MAX_CELLS are neither matched nor trimmed.
 */
#ifndef MC_INGEST_CSVTAB_H
#define MC_INGEST_CSVTAB_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"
#include "medcode/ingest.h"

enum { MC_CSVTAB_MAX_COLS = 16, MC_CSVTAB_MAX_CELLS = 64, MC_CSVTAB_KEY_MAX = 48 };

typedef enum mc_csvtab_match {
	MC_CSVTAB_EQUALS = 0,    /* the cell's key is one of the names */
	MC_CSVTAB_PREFIX,        /* the cell's key starts with one of them */
	MC_CSVTAB_CONTAINS       /* the cell's key contains one of them */
} mc_csvtab_match;

typedef struct mc_csvtab_col {
	const char *names;       /* keys separated by '|': "cpt_code|code" */
	bool required;           /* the header row must have it */
	mc_csvtab_match match;
} mc_csvtab_col;

typedef struct mc_csvtab_spec {
	const mc_csvtab_col *cols;  /* may be NULL for positional formats */
	size_t ncols;               /* at most MC_CSVTAB_MAX_COLS */
	char sep;                   /* ',', '\t', ';', '|', or 0: the first line's
	                               (tab, else ';', else '|', else ',') */
	bool quotes;                /* RFC 4180 quotes; with sep 0, on for ',' only */
	size_t preamble;            /* rows that may come before the header */
	size_t min_width;           /* cells the header must have (0: any) */
	const char *expect;         /* "a header with Code, Grouping, ..." */
	const char *rows;           /* "code rows": what must follow the header */
	/* Called with each row before the header (may be NULL); returns 0 or a
	 * negative code, which stops the reader and is returned. */
	int (*on_preamble)(const mc_csv_row *row, void *payload);
	void *payload;
} mc_csvtab_spec;

typedef struct mc_csvtab {
	const mc_csvtab_spec *spec;
	const char *name;           /* the input's name, for messages */
	mc_csv csv;
	mc_buf text;                /* the current row's trimmed cells */
	int col[MC_CSVTAB_MAX_COLS];    /* header position of each spec column; -1 absent */
	char key[MC_CSVTAB_MAX_CELLS][MC_CSVTAB_KEY_MAX];  /* header cell keys */
	size_t width;               /* cells in the header row */
	size_t line;                /* line where the current row starts */
	size_t rows;                /* data rows handed out so far */
	/* The current data row: cell[i] is header column i trimmed (i <
	 * min(width, MC_CSVTAB_MAX_CELLS)); f[c] is spec column c, "" when
	 * absent.  Valid until the next mc_csvtab_next. */
	const char *cell[MC_CSVTAB_MAX_CELLS];
	const char *f[MC_CSVTAB_MAX_COLS];
	size_t offs[MC_CSVTAB_MAX_CELLS];
} mc_csvtab;

/* Start reading in with spec (both borrowed for t's lifetime) and read up
 * to and through the header row.  0, or a negative code with err set (t
 * is then released).  mc_csvtab_release in every case after success. */
int mc_csvtab_open(mc_csvtab *t, const mc_input *in, const mc_csvtab_spec *spec,
		   mc_error *err);
/* The next data row into t->cell / t->f: 1, 0 at the end (or
 * MC_EFORMAT when no row followed the header), or a negative code. */
int mc_csvtab_next(mc_csvtab *t, mc_error *err);
/* True when spec column c was found in the header. */
bool mc_csvtab_has(const mc_csvtab *t, size_t c);
/* MC_EFORMAT with err set to "NAME:LINE: " and the message, at the
 * current row. */
int mc_csvtab_fail(const mc_csvtab *t, mc_error *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void mc_csvtab_release(mc_csvtab *t);

/* The key of a header cell (see above) into out[cap]. */
void mc_csvtab_key(char *out, size_t cap, const char *cell);

#endif
