/* CMS ASP NDC-HCPCS crosswalk for Medicare Part B drugs, CSV as CMS ships
 * it ("October 2025 ASP NDC - HCPCS Crosswalk").
 *
 * Windows-1252 text (UTF-8 is accepted too), CRLF line ends, RFC 4180
 * quotes (a quoted cell may hold a line break).  Banner and notice rows
 * come first:
 *   October 2025 ASP NDC - HCPCS Crosswalk for Medicare Part B Drugs
 *   "     Effective October 1, 2025 through December 31, 2025"
 * then the header (line 9 in the October 2025 file):
 *   _2025_CODE,Short Description,LABELER NAME,NDC2,Drug Name,HCPCS dosage,
 *   PKG SIZE,PKG QTY,BILLUNITS,BILLUNITSPKG
 * followed by hundreds of empty columns.  The code column's name carries
 * the year ("_2025_CODE"; "HCPCS Code" is accepted too); columns are found
 * by name, so their order may change.  Each data row becomes an
 * mc_rec_drug; blank rows are skipped; a row with a code that is not five
 * letters and digits, or without an NDC or drug name, is an error naming
 * its line.  The NDC column is kept as given (non-drug products carry
 * their own item numbers there).
 *
 * Release: stream "asp-ndc" (system NONE), label "YYYYQn" and
 * effective_from from the banner's "Effective <Month> <d>, <yyyy>", else
 * from the title's "<Month> <yyyy>", else from "YYYYqN" in the file name;
 * else the label is the year of the code column and the date is unknown.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "ingest/parse_util.h"
#include "medcode/ingest.h"

#define ASP_HEADER_MAX 40       /* rows before the header we accept */
#define ASP_DETECT_BYTES 32768

/* Windows-1252 0x80..0x9F; 0 = undefined there. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static int put_utf8(mc_buf *b, unsigned cp)
{
	char u[3];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	}
	return mc_buf_put(b, u, n);
}

/* The input as UTF-8 in out: kept as it is when it already is UTF-8,
 * else read as Windows-1252 (a no-break space becomes a space, the five
 * undefined bytes U+FFFD).  MC_ENOMEM. */
static int to_utf8(const mc_input *in, mc_buf *out)
{
	const unsigned char *d = in->data;
	size_t n = in->len;
	if (mc_utf8_valid((const char *)d, n))
		return mc_buf_put(out, d, n) < 0 ? MC_ENOMEM : 0;
	if (mc_buf_grow(out, n + n / 8) < 0)
		return MC_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		unsigned c = d[i];
		unsigned cp = c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80] : c == 0xA0 ? ' ' : c;
		if (!cp)
			cp = 0xFFFD;
		if (put_utf8(out, cp) < 0)
			return MC_ENOMEM;
	}
	return 0;
}

/* Copy a cell trimmed, with runs of white space (line breaks inside a
 * quoted cell) turned into one space. */
static void squash(char *out, size_t cap, const char *s)
{
	size_t n = 0;
	bool space = false;
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
	/* a cut inside a UTF-8 sequence loses the whole character */
	while (n && !mc_utf8_valid(out, n))
		n--;
	out[n] = '\0';
}

enum { C_CODE, C_SHORT, C_LABELER, C_NDC, C_DRUG, C_DOSAGE, C_PKG_SIZE, C_PKG_QTY, C_BILL,
       C_BILL_PKG, C_N };

typedef struct asp_cols {
	int col[C_N];
	int year;                /* from "_2025_CODE", 0 when none */
} asp_cols;

/* "_2025_CODE", "2025_CODE", "HCPCS Code", "HCPCS": the code column; *year
 * is the year its name carries (0 if none). */
static bool code_header(const char *cell, int *year)
{
	const char *p = cell;
	*year = 0;
	if (*p == '_')
		p++;
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
	    isdigit((unsigned char)p[3]) && p[4] == '_' && mc_str_iequal(p + 5, "CODE")) {
		*year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		return true;
	}
	return mc_str_iequal(cell, "HCPCS Code") || mc_str_iequal(cell, "HCPCS");
}

static bool header_row(const mc_csv_row *row, asp_cols *c)
{
	for (int i = 0; i < C_N; i++)
		c->col[i] = -1;
	c->year = 0;
	char cell[96];
	for (size_t i = 0; i < row->count && i < 64; i++) {
		squash(cell, sizeof(cell), row->field[i]);
		size_t n = strlen(cell);
		int y, k = -1;
		if (!n)
			continue;
		if (code_header(cell, &y)) {
			k = C_CODE;
			if (c->col[C_CODE] < 0)
				c->year = y;
		} else if (mc_str_iequal(cell, "Short Description")) {
			k = C_SHORT;
		} else if (mc_memcasestr(cell, n, "LABELER")) {
			k = C_LABELER;
		} else if (mc_str_istarts(cell, "NDC")) {
			k = C_NDC;
		} else if (mc_str_iequal(cell, "Drug Name")) {
			k = C_DRUG;
		} else if (mc_memcasestr(cell, n, "dosage")) {
			k = C_DOSAGE;
		} else if (mc_str_iequal(cell, "PKG SIZE")) {
			k = C_PKG_SIZE;
		} else if (mc_str_iequal(cell, "PKG QTY")) {
			k = C_PKG_QTY;
		} else if (mc_str_iequal(cell, "BILLUNITS")) {
			k = C_BILL;
		} else if (mc_str_iequal(cell, "BILLUNITSPKG")) {
			k = C_BILL_PKG;
		}
		if (k >= 0 && c->col[k] < 0)
			c->col[k] = (int)i;
	}
	return c->col[C_CODE] >= 0 && c->col[C_NDC] >= 0 && c->col[C_DRUG] >= 0;
}

int mc_detect_asp_crosswalk(const mc_input *in)
{
	if (!in->data || !in->len)
		return 0;
	size_t n = in->len < ASP_DETECT_BYTES ? in->len : ASP_DETECT_BYTES;
	const char *d = (const char *)in->data;
	if (!mc_memcasestr(d, n, "Drug Name") || !mc_memcasestr(d, n, "NDC") ||
	    !mc_memcasestr(d, n, "Short Description"))
		return 0;
	int score = 70;
	if (mc_memcasestr(d, n, "_CODE,") && mc_memcasestr(d, n, "LABELER NAME"))
		score = 90;
	if (mc_memcasestr(d, n, "Crosswalk"))
		score += 5;
	return score;
}

static int four(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

/* "<Month> [d,] <yyyy>" at s: month, day (1 when absent) and year; false
 * when s does not start so. */
static bool month_date(const char *s, int *month, int *day, int *year)
{
	const char *p = s;
	while (isalpha((unsigned char)*p))
		p++;
	int m = mc_ingest_month(s, (size_t)(p - s));
	if (!m)
		return false;
	while (*p == ' ')
		p++;
	int dd = 1;
	size_t nd = strspn(p, "0123456789");
	if (nd == 1 || nd == 2) {
		dd = nd == 1 ? p[0] - '0' : (p[0] - '0') * 10 + (p[1] - '0');
		p += nd;
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}
	int y = four(p);
	if (!y || isdigit((unsigned char)p[4]))
		return false;
	*month = m;
	*day = dd;
	*year = y;
	return true;
}

typedef struct asp_release {
	char label[32];
	char from[MC_DATE_LEN];
	int rank;                /* 3 "Effective ...", 2 title month, 1 file name */
} asp_release;

/* Look for the release in one banner cell. */
static void release_from_banner(asp_release *r, const char *cell)
{
	for (const char *p = cell; *p; p++) {
		if (!isalpha((unsigned char)*p) || (p > cell && isalpha((unsigned char)p[-1])))
			continue;
		int rank = 2;
		const char *s = p;
		if (mc_str_istarts(p, "Effective ")) {
			s = p + 10;
			while (*s == ' ')
				s++;
			rank = 3;
		}
		int m, d, y;
		if (rank <= r->rank || !month_date(s, &m, &d, &y))
			continue;
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
		if (!mc_date_valid(tmp))
			continue;
		memcpy(r->from, tmp, MC_DATE_LEN);
		snprintf(r->label, sizeof(r->label), "%04dQ%d", y, (m - 1) / 3 + 1);
		r->rank = rank;
	}
}

/* "..._2025q4..." in the file name. */
static void release_from_name(asp_release *r, const char *name)
{
	const char *b = mc_ingest_base_name(name);
	for (const char *p = b; *p && r->rank < 1; p++) {
		int y = four(p);
		if (!y || (p > b && isdigit((unsigned char)p[-1])) || (p[4] != 'q' && p[4] != 'Q') ||
		    p[5] < '1' || p[5] > '4' || isdigit((unsigned char)p[6]))
			continue;
		int q = p[5] - '0';
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%04d-%02d-01", y, (q - 1) * 3 + 1);
		mc_copy_trim(r->from, sizeof(r->from), tmp, sizeof(tmp));
		snprintf(r->label, sizeof(r->label), "%04dQ%d", y, q);
		r->rank = 1;
	}
}

static bool code_ok(const char *s)
{
	if (strlen(s) != 5)
		return false;
	for (int i = 0; i < 5; i++)
		if (!isalnum((unsigned char)s[i]))
			return false;
	return true;
}

static const char *cell_at(const mc_csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->count ? row->field[col] : "";
}

int mc_parse_asp_crosswalk(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	const char *name = in->name ? in->name : "<input>";
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty", name);
	mc_buf text = MC_BUF_INIT;
	mc_csv csv;
	mc_csv_row row;
	asp_cols cols;
	asp_release rel;
	memset(&rel, 0, sizeof(rel));
	bool header = false;
	size_t rows = 0;
	int rc = to_utf8(in, &text);
	if (rc < 0)
		return mc_error_set(err, rc, "%s: out of memory", name);
	mc_csv_init(&csv, text.ptr ? text.ptr : "", text.len, ',', true);
	/* cells of one data row, squashed */
	enum { CELL = 256 };
	char f[C_N][CELL];
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
				header = true;
				if (rel.rank < 1)
					release_from_name(&rel, name);
				if (!rel.rank) {
					if (cols.year)
						snprintf(rel.label, sizeof(rel.label), "%04d", cols.year);
					else
						snprintf(rel.label, sizeof(rel.label), "%.*s",
							 (int)strcspn(mc_ingest_base_name(name), "."),
							 mc_ingest_base_name(name));
				}
				continue;
			}
			if (row.line > ASP_HEADER_MAX) {
				rc = mc_error_set(err, MC_EFORMAT,
						  "%s:%zu: expected a header with the code, \"NDC\" and \"Drug Name\" columns",
						  name, row.line);
				goto done;
			}
			for (size_t i = 0; i < row.count && i < 4; i++)
				release_from_banner(&rel, row.field[i]);
			continue;
		}
		if (mc_ingest_row_blank(&row))
			continue;
		for (int k = 0; k < C_N; k++)
			squash(f[k], CELL, cell_at(&row, cols.col[k]));
		for (char *p = f[C_CODE]; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (!code_ok(f[C_CODE])) {
			rc = mc_error_set(err, MC_EFORMAT,
					  "%s:%zu: expected a 5-character HCPCS code, found '%.16s'", name,
					  row.line, f[C_CODE]);
			goto done;
		}
		if (!f[C_NDC][0] || !f[C_DRUG][0]) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected an NDC and a drug name for %s",
					  name, row.line, f[C_CODE]);
			goto done;
		}
		if (rows++ == 0 && sink->release) {
			mc_rec_release r = { MC_SYS_NONE, "asp-ndc", rel.label, rel.from, "asp_crosswalk" };
			if ((rc = sink->release(&r, sink->payload)) < 0)
				goto done;
		}
		mc_rec_drug d = { f[C_CODE], f[C_SHORT], f[C_LABELER], f[C_NDC], f[C_DRUG], f[C_DOSAGE],
				  f[C_PKG_SIZE], f[C_PKG_QTY], f[C_BILL], f[C_BILL_PKG], row.line };
		if (sink->drug && (rc = sink->drug(&d, sink->payload)) < 0)
			goto done;
	}
	if (!header)
		rc = mc_error_set(err, MC_EFORMAT,
				  "%s:%zu: expected a header with the code, \"NDC\" and \"Drug Name\" columns",
				  name, csv.line);
	else if (!rows)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected crosswalk rows after the header", name,
				  csv.line);
done:
	mc_csv_release(&csv);
	mc_buf_release(&text);
	return rc;
}
