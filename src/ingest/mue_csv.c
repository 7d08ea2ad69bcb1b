/* CMS NCCI MUE table, CSV as CMS ships it
 * (MCR_MUE_PractitionerServices_Eff_10-01-2025.csv,
 *  MCR_MUE_OutpatientHospitalServices_Eff_..., MCR_MUE_DMESupplierServices_Eff_...).
 *
 * RFC 4180 CSV.  A preamble of AMA/ADA copyright text comes first (often a
 * single quoted cell spanning many lines); the header is the first row
 * whose first cell starts "HCPCS" (it may read "HCPCS/\nCPT Code") and
 * that has a "... MUE Values" cell:
 *   "HCPCS/CPT Code","Practitioner Services MUE Values",
 *   "MUE Adjudication Indicator","MUE Rationale"
 * The value column names the service type: "Practitioner Services",
 * "Outpatient Hospital Services" or "DME Supplier Services" (else the file
 * name does).  Data rows: code, units (a whole number), the indicator as
 * "3 Date of Service Edit: Clinical" (digit 1..3, then its meaning) and the
 * rationale.  Blank rows are skipped.
 *
 * Each row becomes one mc_rec_mue.  Release: stream "mue" (system NONE),
 * label "YYYYQn" and effective_from from "Eff_10-01-2025" in the name
 * (2025Q4, 2025-10-01); else the file stem and no date.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/parse_util.h"

#define MUE_PREAMBLE_MAX 60     /* rows before the header we accept */
#define MUE_DETECT_BYTES 16384

/* Copy s trimmed, with runs of white space (line breaks in header cells)
 * turned into one space. */
static void squash(char *out, size_t cap, const char *s)
{
	size_t n = 0;
	bool space = false;
	if (!cap)
		return;
	for (; *s && n + 1 < cap; s++) {
		if (isspace((unsigned char)*s)) {
			space = n > 0;
			continue;
		}
		if (space && n + 2 < cap)
			out[n++] = ' ';
		space = false;
		out[n++] = *s;
	}
	out[n] = '\0';
}

static const char *service_from_text(const char *s)
{
	size_t n = strlen(s);
	if (mc_memcasestr(s, n, "Practitioner"))
		return "Practitioner";
	if (mc_memcasestr(s, n, "Outpatient") || mc_memcasestr(s, n, "OPH"))
		return "Outpatient Hospital";
	if (mc_memcasestr(s, n, "DME"))
		return "DME Supplier";
	return NULL;
}

typedef struct mue_cols {
	int code, units, mai, rationale;
	const char *service;
} mue_cols;

static bool header_row(const mc_csv_row *row, mue_cols *c)
{
	char cell[128];
	if (row->count < 2)
		return false;
	squash(cell, sizeof(cell), row->field[0]);
	if (!mc_str_istarts(cell, "HCPCS"))
		return false;
	c->code = 0;
	c->units = c->mai = c->rationale = -1;
	c->service = NULL;
	for (size_t i = 1; i < row->count && i < 64; i++) {
		squash(cell, sizeof(cell), row->field[i]);
		size_t n = strlen(cell);
		if (c->units < 0 && mc_memcasestr(cell, n, "MUE Value")) {
			c->units = (int)i;
			c->service = service_from_text(cell);
		} else if (c->mai < 0 && mc_memcasestr(cell, n, "Adjudication")) {
			c->mai = (int)i;
		} else if (c->rationale < 0 && mc_memcasestr(cell, n, "Rationale")) {
			c->rationale = (int)i;
		}
	}
	return c->units > 0;
}

int mc_detect_mue_csv(const mc_input *in)
{
	if (!in->data || !in->len)
		return 0;
	size_t n = in->len < MUE_DETECT_BYTES ? in->len : MUE_DETECT_BYTES;
	const char *d = (const char *)in->data;
	const char *v = mc_memcasestr(d, n, "MUE Values");
	if (!v || !mc_memcasestr(d, n, "HCPCS"))
		return 0;
	int score = mc_memcasestr(d, n, "MUE Adjudication Indicator") ? 90 : 75;
	if (in->name && mc_memcasestr(mc_ingest_base_name(in->name), strlen(mc_ingest_base_name(in->name)), "MUE"))
		score += 5;
	return score;
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* "Eff_10-01-2025" (also "Eff_10_01_2025", "Eff-10-01-2025"). */
static void release_from_name(const char *name, char *label, size_t cap, char from[MC_DATE_LEN])
{
	const char *b = mc_ingest_base_name(name);
	from[0] = '\0';
	for (const char *p = b; (p = mc_memcasestr(p, strlen(p), "Eff")) != NULL; p += 3) {
		const char *s = p + 3;
		if (*s == '_' || *s == '-' || *s == ' ')
			s++;
		if (!(isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
		      (s[2] == '-' || s[2] == '_') && isdigit((unsigned char)s[3]) &&
		      isdigit((unsigned char)s[4]) && (s[5] == '-' || s[5] == '_')))
			continue;
		const char *y = s + 6;
		size_t nd = 0;
		while (isdigit((unsigned char)y[nd]))
			nd++;
		if (nd != 4)
			continue;
		int month = two(s), day = two(s + 3), year = two(y) * 100 + two(y + 2);
		char tmp[32], iso[MC_DATE_LEN];
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", year, month, day);
		if (!mc_date_valid(tmp))
			continue;
		mc_copy_trim(iso, sizeof(iso), tmp, sizeof(tmp));
		memcpy(from, iso, MC_DATE_LEN);
		snprintf(label, cap, "%04dQ%d", year, (month - 1) / 3 + 1);
		return;
	}
	size_t n = strcspn(b, ".");
	snprintf(label, cap, "%.*s", (int)(n < 48 ? n : 48), b);
}

static bool code_ok(const char *s)
{
	size_t n = strlen(s);
	if (n != 5)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return false;
	return true;
}

static const char *cell(const mc_csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->count ? row->field[col] : "";
}

/* Append s trimmed and NUL-terminated to b; *off is where it starts. */
static int put_trim(mc_buf *b, const char *s, size_t *off)
{
	size_t len = strlen(s), a = 0;
	while (a < len && isspace((unsigned char)s[a]))
		a++;
	while (len > a && isspace((unsigned char)s[len - 1]))
		len--;
	*off = b->len;
	if (mc_buf_put(b, s + a, len - a) < 0 || mc_buf_putc(b, '\0') < 0)
		return MC_ENOMEM;
	return 0;
}

int mc_parse_mue_csv(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty",
				    in->name ? in->name : "<input>");
	const char *name = in->name ? in->name : "<input>";
	mc_csv csv;
	mc_csv_row row;
	mue_cols cols = { 0, -1, -1, -1, NULL };
	mc_buf text = MC_BUF_INIT;
	char label[64], from[MC_DATE_LEN];
	bool header = false;
	size_t rows = 0;
	int rc = 0;

	mc_csv_init(&csv, (const char *)in->data, in->len, ',', true);
	release_from_name(name, label, sizeof(label), from);
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
			if (header_row(&row, &cols)) {
				if (!cols.service)
					cols.service = service_from_text(mc_ingest_base_name(name));
				if (!cols.service) {
					rc = mc_error_set(err, MC_EFORMAT,
							  "%s:%zu: expected the service type (Practitioner, Outpatient Hospital, DME Supplier) in the header",
							  name, row.line);
					goto done;
				}
				header = true;
			} else if (row.line > MUE_PREAMBLE_MAX) {
				rc = mc_error_set(err, MC_EFORMAT,
						  "%s:%zu: expected a header \"HCPCS/CPT Code\",\"... MUE Values\"",
						  name, row.line);
				goto done;
			}
			continue;
		}
		if (mc_ingest_row_blank(&row))
			continue;
		char code[16], units[32];
		size_t mai_off, rat_off;
		mc_copy_trim(code, sizeof(code), cell(&row, cols.code), SIZE_MAX);
		mc_copy_trim(units, sizeof(units), cell(&row, cols.units), SIZE_MAX);
		mc_buf_clear(&text);
		if (put_trim(&text, cell(&row, cols.mai), &mai_off) < 0 ||
		    put_trim(&text, cell(&row, cols.rationale), &rat_off) < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, row.line);
			goto done;
		}
		const char *mai = text.ptr + mai_off, *rationale = text.ptr + rat_off;
		if ((size_t)cols.units >= row.count || (cols.mai >= 0 && (size_t)cols.mai >= row.count)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected %d columns, found %zu",
					  name, row.line, (cols.mai > cols.units ? cols.mai : cols.units) + 1,
					  row.count);
			goto done;
		}
		if (!code_ok(code)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a 5-character HCPCS/CPT code, found '%.16s'",
					  name, row.line, code);
			goto done;
		}
		mc_rec_mue m = { 0 };
		if (!mc_parse_long(units, &m.units)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a whole number of units, found '%.16s'",
					  name, row.line, units);
			goto done;
		}
		if (mai[0]) {
			if (mai[0] < '1' || mai[0] > '3' || (mai[1] && !isspace((unsigned char)mai[1]) &&
							   mai[1] != '-' && mai[1] != ':')) {
				rc = mc_error_set(err, MC_EFORMAT,
						  "%s:%zu: expected an adjudication indicator 1, 2 or 3, found '%.24s'",
						  name, row.line, mai);
				goto done;
			}
			m.mai = mai[0] - '0';
			const char *d = mai + 1;
			while (*d && (isspace((unsigned char)*d) || *d == '-' || *d == ':'))
				d++;
			m.mai_desc = *d ? d : NULL;
		}
		if (!mc_utf8_valid(text.ptr, text.len)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected UTF-8 text", name, row.line);
			goto done;
		}
		m.code = code;
		m.service_type = cols.service;
		m.rationale = rationale[0] ? rationale : NULL;
		m.line = row.line;
		if (rows++ == 0 && sink->release) {
			mc_rec_release r = { MC_SYS_NONE, "mue", label, from, "mue_csv" };
			if ((rc = sink->release(&r, sink->payload)) < 0)
				goto done;
		}
		if (sink->mue && (rc = sink->mue(&m, sink->payload)) < 0)
			goto done;
	}
	if (!header)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a header \"HCPCS/CPT Code\",\"... MUE Values\"",
				  name, csv.line);
	else if (!rows)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected MUE rows after the header",
				  name, csv.line);
done:
	mc_buf_release(&text);
	mc_csv_release(&csv);
	return rc;
}
