/* Small helpers shared by the format parsers (internal to ingest). */
#ifndef MC_INGEST_PARSE_UTIL_H
#define MC_INGEST_PARSE_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"
#include "medcode/ingest.h"

/* The last component of a path ('/' or '\\' separated); borrowed. */
const char *mc_ingest_base_name(const char *path);

/* Next line of [*p, end) without its LF or CR LF: sets *line and *n and
 * moves *p past it; false at the end. */
bool mc_ingest_next_line(const char **p, const char *end, const char **line, size_t *n);

/* True when every field of row is empty or white space. */
bool mc_ingest_row_blank(const mc_csv_row *row);

/* Month number 1..12 of an English month name or its 3-letter (or "Sept")
 * abbreviation, any case, exactly n bytes at s; 0 when it is none. */
int mc_ingest_month(const char *s, size_t n);

/* The ICD-10-CM fiscal year a file name names: its first 4-digit year,
 * moved on by one when a month of October..December comes before it
 * ("icd10cm_order_2026.txt" -> 2026, "...-Jan-2021.txt" -> 2021,
 * "...-October-1-2025..." -> 2026); 0 when there is no year. */
int mc_ingest_fiscal_year(const char *name);

/* The first line of in, after a UTF-8 byte-order mark, without its line
 * end: *line points into in, *len is its length, *newline tells whether a
 * line feed ended it.  false when in is empty. */
bool mc_ingest_first_line(const mc_input *in, const char **line, size_t *len, bool *newline);

/* The release of a yearly file named by the last "20YY" in its path (the
 * file's own folder beats its parents): label "2026", from "2026-01-01";
 * without one, the file stem as label and from "". */
void mc_ingest_year_release(const char *name, char *label, size_t cap, char from[MC_DATE_LEN]);

enum { MC_INGEST_ROW_MAX = 64 };   /* fields mc_ingest_row_trimmed copies at most */

/* Trimmed, NUL-terminated copies of n fields of row in b: out[i] is field
 * col[i] (field i when col is NULL), "" when col[i] < 0 or the row is
 * shorter.  The pointers are valid until b changes.  0, MC_ENOMEM, or
 * MC_EINVAL when n > MC_INGEST_ROW_MAX. */
int mc_ingest_row_trimmed(mc_buf *b, const mc_csv_row *row, const int *col, size_t n,
			  const char **out);

#endif
