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

static bool cell_is(const char *cell, const char *want)
{
	char tmp[64];
	mc_copy_trim(tmp, sizeof(tmp), cell, strlen(cell));
	return mc_str_iequal(tmp, want);
}

static bool row_is_header(const mc_csv_row *row)
{
	return row->count >= 3 && cell_is(row->field[0], "HCPCS") &&
	       cell_is(row->field[1], "MOD") && cell_is(row->field[2], "DESCRIPTION");
}

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
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty",
				    in->name ? in->name : "<input>");
	const char *name = in->name ? in->name : "<input>";
	mc_csv csv;
	mc_csv_row row;
	mc_buf fields = MC_BUF_INIT;
	mc_rec_rvu rec;
	mc_rvu_release from_name = { 0, 0 }, from_content = { 0, 0 }, released = { 0, 0 };
	char label[64], from[MC_DATE_LEN], prev[8] = "";
	bool header = false, rvu_announced = false, cpt_announced = false;
	size_t rows = 0;
	int rc = 0;

	mc_csv_init(&csv, (const char *)in->data, in->len, ',', true);
	mc_rvu_release_from_name(name, &from_name);
	for (;;) {
		size_t line = csv.line;
		rc = mc_csv_next(&csv, &row, err);
		if (rc == 0)
			break;
		if (rc < 0) {
			rc = mc_error_set(err, rc, "%s:%zu: %s", name, line,
					  rc == MC_ENOMEM ? "out of memory" : "unterminated quoted field");
			goto done;
		}
		rc = 0;
		if (!header) {
			if (row_is_header(&row)) {
				if (row.count < MC_RVU_NFIELDS) {
					rc = mc_error_set(err, MC_EFORMAT,
							  "%s:%zu: expected %d header columns, found %zu",
							  name, row.line, MC_RVU_NFIELDS, row.count);
					goto done;
				}
				header = true;
				continue;
			}
			if (row.line > RVU_PREAMBLE_MAX) {
				rc = mc_error_set(err, MC_EFORMAT,
						  "%s:%zu: expected a header line starting HCPCS,MOD,DESCRIPTION",
						  name, row.line);
				goto done;
			}
			for (size_t i = 0; i < row.count; i++)
				release_from_cell(row.field[i], &from_content, &released);
			continue;
		}
		if (mc_ingest_row_blank(&row))
			continue;
		if (row.count < MC_RVU_NFIELDS) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected %d columns, found %zu",
					  name, row.line, MC_RVU_NFIELDS, row.count);
			goto done;
		}
		for (size_t i = 0; i < MC_RVU_NFIELDS; i++) {
			if (!mc_utf8_valid(row.field[i], strlen(row.field[i]))) {
				rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected UTF-8 text in column %zu",
						  name, row.line, i + 1);
				goto done;
			}
		}
		rc = mc_ingest_row_trimmed(&fields, &row, NULL, MC_RVU_NFIELDS, rec.field);
		if (rc < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, row.line);
			goto done;
		}
		if (!is_hcpcs_shape(rec.field[MC_RVU_HCPCS])) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a 5-character HCPCS code, found '%.16s'",
					  name, row.line, rec.field[MC_RVU_HCPCS]);
			goto done;
		}
		if (strlen(rec.field[MC_RVU_MOD]) > 2 || strlen(rec.field[MC_RVU_STATUS]) > 1) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a 2-character modifier and a 1-character status",
					  name, row.line);
			goto done;
		}
		rec.line = row.line;
		if (!rvu_announced) {
			mc_rvu_release rel = from_name;
			if (!rel.year || !rel.quarter)
				rel = from_content;
			if (!rel.year)
				rel.year = released.year;
			mc_rvu_release_strings(name, &rel, label, sizeof(label), from);
			rvu_announced = true;
			if (sink->release) {
				mc_rec_release r = { MC_SYS_NONE, "rvu", label, from, "rvu_csv" };
				rc = sink->release(&r, sink->payload);
				if (rc < 0)
					goto done;
			}
		}
		rows++;
		if (sink->rvu && (rc = sink->rvu(&rec, sink->payload)) < 0)
			goto done;
		const char *code = rec.field[MC_RVU_HCPCS];
		if (!mc_rvu_is_cpt_code(code) || strcmp(code, prev) == 0)
			continue;
		memcpy(prev, code, 6);
		if (!cpt_announced) {
			cpt_announced = true;
			if (sink->release) {
				mc_rec_release r = { MC_SYS_CPT, "cpt-pfs", label, from, "rvu_csv" };
				if ((rc = sink->release(&r, sink->payload)) < 0)
					goto done;
			}
		}
		if (sink->code) {
			mc_attr attr = { "source", "pfs" };
			mc_rec_code c = { 0 };
			c.system = MC_SYS_CPT;
			c.code = code;
			c.title_short = rec.field[MC_RVU_DESCRIPTION][0] ? rec.field[MC_RVU_DESCRIPTION] : NULL;
			c.billable = -1;
			c.attrs = &attr;
			c.nattrs = 1;
			c.line = row.line;
			if ((rc = sink->code(&c, sink->payload)) < 0)
				goto done;
		}
	}
	if (!header) {
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a header line starting HCPCS,MOD,DESCRIPTION",
				  name, csv.line);
		goto done;
	}
	if (rows == 0)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected data rows after the header",
				  name, csv.line);
done:
	mc_buf_release(&fields);
	mc_csv_release(&csv);
	return rc;
}
