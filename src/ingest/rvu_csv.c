/* CMS PFS national relative value file, CSV edition (PPRRVUyyyy_Mmm.csv).
 *
 * RFC 4180 CSV, ASCII, CRLF.  A preamble comes first (title line "2025
 * National Physician Fee Schedule Relative Value File October Release",
 * copyright notices, "RELEASED 09/11/2025", column captions spread over
 * several lines); the header is the line whose first cells are
 * HCPCS,MOD,DESCRIPTION and it is found by content, not by number.  Every
 * later line is one row of 31 columns in the order of the MC_RVU_* enum
 * (HCPCS, MOD, DESCRIPTION, STATUS CODE, NOT USED FOR MEDICARE PAYMENT,
 * WORK RVU ... MP USED FOR OPPS PAYMENT AMOUNT).
 *
 * Each row becomes one mc_rec_rvu (fields trimmed, "" when blank).  CPT
 * codes (5 digits, or 4 digits and F/T/U/M) also become one mc_rec_code
 * each (system CPT, title_short = DESCRIPTION, attr source=pfs), from the
 * first row of the code, which is the row with a blank MOD.
 *
 * Releases: stream "rvu" (system NONE) before the first row, stream
 * "cpt-pfs" (system CPT) before the first code.  The label is RVUyyQ from
 * the name (PPRRVU2025_Oct -> RVU25D; Jan A, Apr B, Jul C, Oct D, or an
 * "RVU25D" anywhere in the path), else from the title line, else the year
 * of "RELEASED mm/dd/yyyy"; effective_from is the first day of the quarter.
 * Blank lines are skipped; anything else off the layout is MC_EFORMAT
 * "NAME:LINE: ...".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/csvtab.h"
#include "ingest/parse_util.h"
#include "ingest/rvu.h"

#define RVU_PREAMBLE_MAX 40     /* rows before the header we accept */
#define RVU_DETECT_BYTES 8192   /* bytes detect looks at */

/* Title cell "2025 National Physician Fee Schedule Relative Value File
 * October Release" and "RELEASED 09/11/2025". */
static void release_from_cell(const char *cell, mc_rvu_release *rel, mc_rvu_release *released)
{
	size_t n = strlen(cell);
	if (mc_memcasestr(cell, n, "Relative Value File")) {
		const char *p = cell;
		while (*p && !isdigit((unsigned char)*p))
			p++;
		if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
		    !isdigit((unsigned char)p[4]))
			rel->year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
				    (p[2] - '0') * 10 + (p[3] - '0');
		static const char *const months[4] = { "January", "April", "July", "October" };
		for (int q = 0; q < 4; q++)
			if (mc_memcasestr(cell, n, months[q]))
				rel->quarter = q + 1;
	}
	const char *r = mc_memcasestr(cell, n, "RELEASED ");
	if (r) {
		char iso[MC_DATE_LEN], tmp[16];
		mc_copy_trim(tmp, sizeof(tmp), r + 9, 12);
		if (mc_date_from_mdy(tmp, iso))
			released->year = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 +
					 (iso[2] - '0') * 10 + (iso[3] - '0');
	}
}

static bool is_hcpcs_shape(const char *s)
{
	if (strlen(s) != 5)
		return false;
	for (int i = 0; i < 5; i++)
		if (!isalnum((unsigned char)s[i]))
			return false;
	return true;
}

/* What the preamble says of the release. */
typedef struct rvu_preamble {
	mc_rvu_release content, released;
} rvu_preamble;

static int read_preamble(const mc_csv_row *row, void *payload)
{
	rvu_preamble *p = payload;
	for (size_t i = 0; i < row->count; i++)
		release_from_cell(row->field[i], &p->content, &p->released);
	return 0;
}

enum { H_HCPCS, H_MOD, H_DESCRIPTION, H_COUNT };

static const mc_csvtab_col rvu_cols[H_COUNT] = {
	[H_HCPCS] = { "hcpcs", true, MC_CSVTAB_EQUALS },
	[H_MOD] = { "mod", true, MC_CSVTAB_EQUALS },
	[H_DESCRIPTION] = { "description", true, MC_CSVTAB_EQUALS },
};

int mc_detect_rvu_csv(const mc_input *in)
{
	if (!in->data || !in->len)
		return 0;
	size_t n = in->len < RVU_DETECT_BYTES ? in->len : RVU_DETECT_BYTES;
	const char *d = (const char *)in->data;
	int score = 0;
	for (size_t i = 0; i < n; i++) {
		if (i != 0 && d[i - 1] != '\n')
			continue;
		if (n - i >= 21 && mc_memcasestr(d + i, 21, "HCPCS,MOD,DESCRIPTION") == d + i) {
			score = 90;
			break;
		}
	}
	if (!score && mc_memcasestr(d, n, "Relative Value File") &&
	    mc_memcasestr(d, n, "HCPCS,MOD"))
		score = 60;
	if (score && in->name && mc_memcasestr(mc_ingest_base_name(in->name), strlen(mc_ingest_base_name(in->name)),
						"PPRRVU"))
		score += 5;
	return score;
}

int mc_parse_rvu_csv(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	rvu_preamble pre = { { 0, 0 }, { 0, 0 } };
	const mc_csvtab_spec spec = {
		.cols = rvu_cols, .ncols = H_COUNT, .sep = ',', .quotes = true,
		.preamble = RVU_PREAMBLE_MAX, .min_width = MC_RVU_NFIELDS,
		.expect = "a header line starting HCPCS,MOD,DESCRIPTION", .rows = "data rows",
		.on_preamble = read_preamble, .payload = &pre,
	};
	mc_csvtab t;
	mc_rvu_emitter emit = { .format = "rvu_csv" };
	int rc = mc_csvtab_open(&t, in, &spec, err);
	if (rc < 0)
		return rc;
	/* The rows are read by position: the header must start as they do. */
	if (t.col[H_HCPCS] != 0 || t.col[H_MOD] != 1 || t.col[H_DESCRIPTION] != 2) {
		rc = mc_csvtab_fail(&t, err, "expected %s", spec.expect);
		goto done;
	}
	mc_rvu_release rel = { 0, 0 };
	mc_rvu_release_from_name(t.name, &rel);
	if (!rel.year || !rel.quarter)
		rel = pre.content;
	if (!rel.year)
		rel.year = pre.released.year;
	mc_rvu_release_strings(t.name, &rel, emit.label, sizeof(emit.label), emit.from);
	while ((rc = mc_csvtab_next(&t, err)) > 0) {
		mc_rec_rvu rec;
		for (size_t i = 0; i < MC_RVU_NFIELDS; i++)
			rec.field[i] = t.cell[i];
		rec.line = t.line;
		if (!is_hcpcs_shape(rec.field[MC_RVU_HCPCS])) {
			rc = mc_csvtab_fail(&t, err, "expected a 5-character HCPCS code, found '%.16s'",
					    rec.field[MC_RVU_HCPCS]);
			goto done;
		}
		if (strlen(rec.field[MC_RVU_MOD]) > 2 || strlen(rec.field[MC_RVU_STATUS]) > 1) {
			rc = mc_csvtab_fail(&t, err, "expected a 2-character modifier and a 1-character status");
			goto done;
		}
		if ((rc = mc_rvu_emit(&emit, &rec, sink)) < 0)
			goto done;
	}
done:
	mc_csvtab_release(&t);
	return rc;
}
