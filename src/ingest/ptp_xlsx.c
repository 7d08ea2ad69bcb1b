/* CMS NCCI procedure-to-procedure (PTP) edits as an Excel workbook.
 *
 * The first worksheet holds the same table as the tab-delimited edition
 * (see ptp_txt.c): title and copyright rows, a heading row whose cell
 * "Column 1" marks where the seven columns start (Column 1, Column 2,
 * prior-1996 flag, Effective Date, Deletion Date, Modifier, PTP Edit
 * Rationale), possibly more heading rows, then one edit per row.  Without
 * a "Column 1" heading the table is taken to start in column A.  Dates are
 * YYYYMMDD text; errors name the sheet row ("NAME: row 12: ...").
 */
#include <string.h>

#include "core/core.h"
#include "ingest/ncci.h"
#include "ingest/xlsx.h"

#define HEAD_ROWS_MAX 20

typedef struct px_state {
	mc_ptp p;
	size_t first;             /* column of "Column 1" */
	bool heading;
	size_t rows;
	size_t data;
	int mode;                 /* 0 detect, 1 parse */
} px_state;

static bool is_heading(px_state *x, const char *const *cells, size_t ncells)
{
	bool c1 = false, c2 = false;
	size_t at = 0;
	for (size_t i = 0; i < ncells; i++) {
		char n[32];
		mc_ncci_norm(cells[i], n, sizeof(n));
		if (!c1 && strncmp(n, "column1", 7) == 0) {
			c1 = true;
			at = i;
		} else if (strncmp(n, "column2", 7) == 0) {
			c2 = true;
		}
	}
	if (c1 && c2)
		x->first = at;
	return c1 && c2;
}

static int px_row(size_t rownum, const char *const *cells, size_t ncells, void *payload)
{
	px_state *x = payload;
	x->rows++;
	if (!x->p.in_data && !x->heading && is_heading(x, cells, ncells)) {
		x->heading = true;
		return 0;
	}
	const char *const *f = x->first < ncells ? cells + x->first : cells + ncells;
	size_t n = x->first < ncells ? ncells - x->first : 0;
	if (x->mode == 0) {
		if (mc_ptp_is_data(f, n))
			x->data++;
		return x->data >= 2 || x->rows >= HEAD_ROWS_MAX ? MC_ESTOP : 0;
	}
	return mc_ptp_row(&x->p, f, n, rownum);
}

int mc_detect_ptp_xlsx(const mc_input *in)
{
	px_state x;
	mc_error err;
	mc_sink none;
	int score = 0;

	if (!mc_xlsx_sniff(in))
		return 0;
	memset(&x, 0, sizeof(x));
	memset(&none, 0, sizeof(none));
	mc_ptp_init(&x.p, in, &none, &err, "ptp_xlsx", true);
	mc_xlsx_rows(in, px_row, &x, &err);
	if (x.data && x.heading)
		score = 90;
	else if (x.data)
		score = 50;
	mc_ptp_release(&x.p);
	return score;
}

int mc_parse_ptp_xlsx(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	px_state x;
	int rc;

	memset(&x, 0, sizeof(x));
	mc_ptp_init(&x.p, in, sink, err, "ptp_xlsx", true);
	x.mode = 1;
	if (!mc_ptp_release_from_name(in->name, x.p.label, x.p.from)) {
		x.p.scan = true;
		rc = mc_xlsx_rows(in, px_row, &x, err);
		if (rc < 0)
			goto done;
		x.p.scan = false;
		x.p.in_data = false;
		x.heading = false;
		x.first = 0;
		mc_buf_clear(&x.p.text);
	}
	mc_ptp_pick_release(&x.p);
	rc = mc_xlsx_rows(in, px_row, &x, err);
	if (rc == 0 && !x.p.in_data)
		rc = mc_error_set(err, MC_EFORMAT, "%s: row %zu: expected PTP edit rows (column 1, column 2, ...)",
				  in->name, x.rows);
done:
	mc_ptp_release(&x.p);
	return rc;
}
