/* Read the rows of an xlsx workbook's first worksheet (zip + expat).
 * Internal to ingest. */
#ifndef MC_INGEST_XLSX_H
#define MC_INGEST_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "medcode/error.h"
#include "medcode/ingest.h"

/* Called once per row that has any cell.  cells[i] is column i (A = 0),
 * "" for an empty cell; strings are borrowed for the call.  rownum is the
 * 1-based spreadsheet row.  Return 0 to go on, <0 to stop (returned as is). */
typedef int (*mc_xlsx_row_fn)(size_t rownum, const char *const *cells,
			      size_t ncells, void *payload);

/* True when in is a zip holding xl/workbook.xml. */
bool mc_xlsx_sniff(const mc_input *in);

/* Stream every row of the first worksheet to fn.  Shared strings, inline
 * strings and numbers are returned as text.  Errors name in->name and the
 * sheet row. */
int mc_xlsx_rows(const mc_input *in, mc_xlsx_row_fn fn, void *payload, mc_error *err);

#endif
