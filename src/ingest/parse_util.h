/* Small helpers shared by the format parsers (internal to ingest). */
#ifndef MC_INGEST_PARSE_UTIL_H
#define MC_INGEST_PARSE_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"

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

#endif
