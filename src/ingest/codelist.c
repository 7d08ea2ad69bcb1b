/* A plain code list: CSV or TSV with a header line.
 *
 * The separator is the one the header line uses (tab, else ';' or '|',
 * else ','); commas honour RFC 4180 quotes, other separators take text
 * verbatim.  Columns are found by header name (case-insensitive, spaces
 * and dashes read as '_'):
 *   code      code_dotted, dotted_code (preferred) or code, hcpcs, cpt,
 *             hcpcs_code, cpt_code, icd10cm, icd10cm_code, icd_code,
 *             dx_code, taxonomy_code
 *   title     long_title, title, long_description, description, desc,
 *             long_desc, display, display_name
 *   short     short_title, short_description, short_desc
 *   billable  billable, is_billable (1/0, Y/N, yes/no, true/false; blank
 *             = unknown)
 * Other columns become attrs (empty values left out); a second code
 * column (the undotted twin of a dotted one) is dropped.
 *
 * System: from the file name (icd10cm / icd-10-cm, hcpcs, cpt, taxonomy
 * or nucc), else from a code column named after a system, else from the
 * shape of the codes: a letter, then letters/digits ("E11.52", "QA0.0101")
 * with a dot after the third = ICD-10-CM; 4 digits and a digit or F/T/U/M/A = CPT; a
 * letter and 4 digits = HCPCS (unless other codes look like ICD-10-CM);
 * 10 characters ending in X = taxonomy.  A list of unknown codes is
 * MC_EFORMAT.  ICD-10-CM codes are given dotted ("E1152" -> "E11.52");
 * 3-character ones get kind "category".
 *
 * Release: stream = the system name when the file name said the system
 * (an official list), else "custom:<file stem>"; label "FY2026" and
 * effective 2025-10-01 from "fy2026" in the name, else the file stem and
 * no date.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/parse_util.h"

#define CL_MAX_COLS 64
#define CL_SHAPE_ROWS 500       /* rows looked at to tell the system */
#define CL_HEADER_MAX 4096

enum role { R_NONE, R_CODE_DOTTED, R_CODE, R_TITLE, R_SHORT, R_BILLABLE };

typedef struct cl_header {
	int code, code_alt, title, short_title, billable;
	mc_system hint;                 /* from a column name */
	size_t ncols;
	char keys[CL_MAX_COLS][48];     /* attr names */
} cl_header;

/* Lowercase, spaces/dashes/dots to '_', other punctuation dropped. */
static void key_of(char *out, size_t cap, const char *s)
{
	size_t n = 0;
	while (*s && isspace((unsigned char)*s))
		s++;
	for (; *s && n + 1 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c))
			out[n++] = (char)tolower(c);
		else if ((c == ' ' || c == '-' || c == '_' || c == '.' || c == '/') && n && out[n - 1] != '_')
			out[n++] = '_';
	}
	while (n && out[n - 1] == '_')
		n--;
	out[n] = '\0';
}

static bool in_list(const char *k, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(k, *list) == 0)
			return true;
	return false;
}

static enum role role_of(const char *k, mc_system *hint)
{
	static const char *const dotted[] = { "code_dotted", "dotted_code", "code_with_dot",
					      "icd10cm_dotted", NULL };
	static const char *const code[] = { "code", "hcpcs", "cpt", "hcpcs_code", "cpt_code",
					    "icd10cm", "icd10cm_code", "icd_code", "icd10_code",
					    "dx_code", "taxonomy_code", "hcpc", NULL };
	static const char *const title[] = { "long_title", "title", "long_description",
					     "description", "desc", "long_desc", "display",
					     "display_name", "long_name", NULL };
	static const char *const shortt[] = { "short_title", "short_description", "short_desc",
					      "short_name", NULL };
	static const char *const billable[] = { "billable", "is_billable", NULL };
	if (in_list(k, dotted))
		return R_CODE_DOTTED;
	if (in_list(k, code)) {
		if (strncmp(k, "icd", 3) == 0 || strcmp(k, "dx_code") == 0)
			*hint = MC_SYS_ICD10CM;
		else if (strncmp(k, "hcpc", 4) == 0)
			*hint = MC_SYS_HCPCS;
		else if (strncmp(k, "cpt", 3) == 0)
			*hint = MC_SYS_CPT;
		else if (strncmp(k, "taxonomy", 8) == 0)
			*hint = MC_SYS_TAXONOMY;
		return R_CODE;
	}
	if (in_list(k, title))
		return R_TITLE;
	if (in_list(k, shortt))
		return R_SHORT;
	if (in_list(k, billable))
		return R_BILLABLE;
	return R_NONE;
}

static char separator_of(const char *h, size_t len)
{
	if (memchr(h, '\t', len))
		return '\t';
	if (memchr(h, ';', len))
		return ';';
	if (memchr(h, '|', len))
		return '|';
	return ',';
}

static void map_header(const mc_csv_row *row, cl_header *h)
{
	memset(h, 0, sizeof(*h));
	h->code = h->code_alt = h->title = h->short_title = h->billable = -1;
	int dotted = -1, plain = -1;
	h->ncols = row->count < CL_MAX_COLS ? row->count : CL_MAX_COLS;
	for (size_t i = 0; i < h->ncols; i++) {
		mc_system hint = MC_SYS_NONE;
		key_of(h->keys[i], sizeof(h->keys[i]), row->field[i]);
		switch (role_of(h->keys[i], &hint)) {
		case R_CODE_DOTTED:
			if (dotted < 0)
				dotted = (int)i;
			break;
		case R_CODE:
			if (plain < 0) {
				plain = (int)i;
				h->hint = hint;
			}
			break;
		case R_TITLE:
			if (h->title < 0)
				h->title = (int)i;
			break;
		case R_SHORT:
			if (h->short_title < 0)
				h->short_title = (int)i;
			break;
		case R_BILLABLE:
			if (h->billable < 0)
				h->billable = (int)i;
			break;
		default:
			break;
		}
	}
	h->code = dotted >= 0 ? dotted : plain;
	h->code_alt = dotted >= 0 ? plain : -1;
}

int mc_detect_codelist(const mc_input *in)
{
	const char *line;
	size_t len;
	bool newline;
	if (!mc_ingest_first_line(in, &line, &len, &newline))
		return 0;
	if (len > CL_HEADER_MAX || !newline)
		return 0;
	char sep = separator_of(line, len);
	mc_csv csv;
	mc_csv_row row;
	cl_header h;
	int score = 0;
	mc_csv_init(&csv, line, len, sep, sep == ',');
	if (mc_csv_next(&csv, &row, NULL) == 1 && row.count >= 2) {
		map_header(&row, &h);
		if (h.code >= 0 && h.title >= 0)
			score = 20;
	}
	mc_csv_release(&csv);
	return score;
}

/* System named by the file name, MC_SYS_NONE if none. */
static mc_system system_from_name(const char *name)
{
	const char *b = mc_ingest_base_name(name);
	size_t n = strlen(b);
	if (mc_memcasestr(b, n, "icd10cm") || mc_memcasestr(b, n, "icd-10-cm") ||
	    mc_memcasestr(b, n, "icd10_cm"))
		return MC_SYS_ICD10CM;
	if (mc_memcasestr(b, n, "hcpcs"))
		return MC_SYS_HCPCS;
	if (mc_memcasestr(b, n, "taxonomy") || mc_memcasestr(b, n, "nucc"))
		return MC_SYS_TAXONOMY;
	if (mc_memcasestr(b, n, "cpt"))
		return MC_SYS_CPT;
	return MC_SYS_NONE;
}

enum shape { S_NONE = 0, S_ICD = 1, S_CPT = 2, S_HCPCS = 4, S_TAX = 8, S_ICD_STRICT = 16 };

static unsigned shape_of(const char *code)
{
	char c[MC_CODE_MAX];
	bool dot = strchr(code, '.') != NULL;
	if (!mc_code_compact(code, c))
		return S_NONE;
	size_t n = strlen(c);
	unsigned s = S_NONE;
	if (n >= 3 && n <= 7 && isupper((unsigned char)c[0]) && isalnum((unsigned char)c[1]) &&
	    isalnum((unsigned char)c[2]) && (!dot || (code[3] == '.' && n > 3))) {
		s |= S_ICD;
		if (dot || n != 5 || !isdigit((unsigned char)c[1]) || !isdigit((unsigned char)c[2]) ||
		    isalpha((unsigned char)c[n - 1]))
			s |= S_ICD_STRICT;
	}
	if (!dot && n == 5 && isdigit((unsigned char)c[0]) && isdigit((unsigned char)c[1]) &&
	    isdigit((unsigned char)c[2]) && isdigit((unsigned char)c[3]) &&
	    (isdigit((unsigned char)c[4]) || strchr("AFMTU", c[4])))
		s |= S_CPT;
	if (!dot && n == 5 && isupper((unsigned char)c[0]) && isdigit((unsigned char)c[1]) &&
	    isdigit((unsigned char)c[2]) && isdigit((unsigned char)c[3]) && isdigit((unsigned char)c[4]))
		s |= S_HCPCS;
	if (!dot && n == 10 && c[9] == 'X')
		s |= S_TAX;
	return s;
}

static bool code_fits(mc_system sys, unsigned s)
{
	switch (sys) {
	case MC_SYS_ICD10CM: return s & S_ICD;
	case MC_SYS_CPT: return s & S_CPT;
	case MC_SYS_HCPCS: return (s & (S_HCPCS | S_CPT)) != 0;
	case MC_SYS_TAXONOMY: return s & S_TAX;
	default: return false;
	}
}

/* Tell the system from the shapes of the first rows. */
static mc_system system_from_shapes(unsigned all, unsigned any_strict)
{
	if (!all)
		return MC_SYS_NONE;
	if ((all & S_ICD) && (any_strict & S_ICD_STRICT))
		return MC_SYS_ICD10CM;
	if (all & S_CPT)
		return MC_SYS_CPT;
	if (all & S_HCPCS)
		return MC_SYS_HCPCS;
	if (all & S_ICD)
		return MC_SYS_ICD10CM;
	if (all & S_TAX)
		return MC_SYS_TAXONOMY;
	return MC_SYS_NONE;
}

static int parse_billable(const char *s)
{
	if (!*s)
		return -1;
	if (mc_str_iequal(s, "1") || mc_str_iequal(s, "y") || mc_str_iequal(s, "yes") ||
	    mc_str_iequal(s, "true") || mc_str_iequal(s, "t"))
		return 1;
	if (mc_str_iequal(s, "0") || mc_str_iequal(s, "n") || mc_str_iequal(s, "no") ||
	    mc_str_iequal(s, "false") || mc_str_iequal(s, "f"))
		return 0;
	return -2;
}

static void release_from_name(const char *name, mc_system sys, bool official,
			      char *stream, size_t scap, char *label, size_t lcap,
			      char from[MC_DATE_LEN])
{
	const char *b = mc_ingest_base_name(name);
	size_t stem = strcspn(b, ".");
	if (stem > 48)
		stem = 48;
	from[0] = '\0';
	if (official)
		snprintf(stream, scap, "%s", mc_system_name(sys));
	else
		snprintf(stream, scap, "custom:%.*s", (int)stem, b);
	for (const char *p = b; (p = mc_memcasestr(p, strlen(p), "fy")) != NULL; p += 2) {
		const char *y = p + 2;
		if (*y == '_' || *y == '-')
			y++;
		if (!(isdigit((unsigned char)y[0]) && isdigit((unsigned char)y[1]) &&
		      isdigit((unsigned char)y[2]) && isdigit((unsigned char)y[3])) ||
		    isdigit((unsigned char)y[4]))
			continue;
		int year = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
		char tmp[32];
		snprintf(label, lcap, "FY%04d", year);
		snprintf(tmp, sizeof(tmp), "%04d-10-01", year - 1);
		if (mc_date_valid(tmp))
			mc_copy_trim(from, MC_DATE_LEN, tmp, sizeof(tmp));
		return;
	}
	snprintf(label, lcap, "%.*s", (int)stem, b);
}

static const char *cell(const mc_csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->count ? row->field[col] : "";
}

/* Look at the first rows to tell the system from the code shapes. */
static int scan_shapes(const char *data, size_t len, char sep, const cl_header *h,
		       unsigned *all, unsigned *strict)
{
	mc_csv csv;
	mc_csv_row row;
	int rc, rows = 0;
	*all = ~0u;
	*strict = 0;
	mc_csv_init(&csv, data, len, sep, sep == ',');
	rc = mc_csv_next(&csv, &row, NULL);     /* header */
	while (rc > 0 && rows < CL_SHAPE_ROWS && (rc = mc_csv_next(&csv, &row, NULL)) > 0) {
		if (mc_ingest_row_blank(&row))
			continue;
		char code[MC_CODE_MAX + 8];
		mc_copy_trim(code, sizeof(code), cell(&row, h->code), SIZE_MAX);
		unsigned s = shape_of(code);
		*all &= s;
		*strict |= s;
		rows++;
	}
	mc_csv_release(&csv);
	if (!rows)
		*all = 0;
	return rc < 0 ? rc : 0;
}

int mc_parse_codelist(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty",
				    in->name ? in->name : "<input>");
	const char *name = in->name ? in->name : "<input>";
	const char *data = in->data ? (const char *)in->data : "";
	size_t len = in->data ? in->len : 0;
	mc_csv csv;
	mc_csv_row row;
	mc_buf text = MC_BUF_INIT;
	cl_header *h = NULL;
	mc_attr *attrs = NULL;
	size_t *offs = NULL;
	mc_system sys;
	bool official = false;
	char stream[80], label[64], from[MC_DATE_LEN];
	size_t rows = 0;
	int rc = 0;
	char sep;

	{
		size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		const char *nl = memchr(data + i, '\n', len - i);
		sep = separator_of(data + i, nl ? (size_t)(nl - (data + i)) : len - i);
	}
	mc_csv_init(&csv, data, len, sep, sep == ',');
	h = mc_malloc(sizeof(*h));
	attrs = mc_calloc(CL_MAX_COLS, sizeof(*attrs));
	offs = mc_calloc(CL_MAX_COLS + 4, sizeof(*offs));
	if (!h || !attrs || !offs) {
		rc = mc_error_set(err, MC_ENOMEM, "%s: out of memory", name);
		goto done;
	}
	rc = mc_csv_next(&csv, &row, err);
	if (rc <= 0) {
		rc = rc < 0 ? mc_error_set(err, rc, "%s:1: %s", name,
					   rc == MC_ENOMEM ? "out of memory" : "unterminated quoted field")
			    : mc_error_set(err, MC_EFORMAT, "%s:1: expected a header line", name);
		goto done;
	}
	map_header(&row, h);
	if (h->code < 0 || h->title < 0) {
		rc = mc_error_set(err, MC_EFORMAT,
				  "%s:%zu: expected a header with a code column (code, code_dotted, hcpcs, cpt...) and a title column (title, long_title, description...)",
				  name, row.line);
		goto done;
	}
	sys = system_from_name(name);
	official = sys != MC_SYS_NONE;
	if (!sys)
		sys = h->hint;
	if (!sys) {
		unsigned all, strict;
		rc = scan_shapes(data, len, sep, h, &all, &strict);
		if (rc == MC_ENOMEM) {
			rc = mc_error_set(err, rc, "%s: out of memory", name);
			goto done;
		}
		rc = 0;
		sys = system_from_shapes(all, strict);
		if (!sys) {
			rc = mc_error_set(err, MC_EFORMAT,
					  "%s:2: expected codes of a known system (ICD-10-CM, CPT, HCPCS, taxonomy)",
					  name);
			goto done;
		}
	}
	release_from_name(name, sys, official, stream, sizeof(stream), label, sizeof(label), from);
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
		if (mc_ingest_row_blank(&row))
			continue;
		if (row.count < h->ncols) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected %zu columns, found %zu",
					  name, row.line, h->ncols, row.count);
			goto done;
		}
		/* Trimmed copies: the columns in order, then the display code. */
		mc_buf_clear(&text);
		for (size_t i = 0; i < h->ncols; i++) {
			const char *s = row.field[i];
			size_t l = strlen(s), a = 0;
			while (a < l && isspace((unsigned char)s[a]))
				a++;
			while (l > a && isspace((unsigned char)s[l - 1]))
				l--;
			offs[i] = text.len;
			if (mc_buf_put(&text, s + a, l - a) < 0 || mc_buf_putc(&text, '\0') < 0)
				goto nomem;
		}
		if (!mc_utf8_valid(text.ptr, text.len)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected UTF-8 text", name, row.line);
			goto done;
		}
		const char *raw = text.ptr + offs[h->code];
		char compact[MC_CODE_MAX], shown[MC_CODE_MAX + 8];
		if (strlen(raw) >= MC_CODE_MAX || !mc_code_compact(raw, compact) ||
		    !code_fits(sys, shape_of(raw))) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a %s code, found '%.24s'",
					  name, row.line, mc_system_name(sys), raw);
			goto done;
		}
		if (sys == MC_SYS_ICD10CM)
			mc_icd10cm_dotted(compact, shown);
		else
			snprintf(shown, sizeof(shown), "%s", compact);
		int billable = h->billable >= 0 ? parse_billable(text.ptr + offs[h->billable]) : -1;
		if (billable < -1) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected billable 1/0, Y/N or true/false, found '%.16s'",
					  name, row.line, text.ptr + offs[h->billable]);
			goto done;
		}
		size_t nattrs = 0;
		for (size_t i = 0; i < h->ncols; i++) {
			const char *v = text.ptr + offs[i];
			if ((int)i == h->code || (int)i == h->code_alt || (int)i == h->title ||
			    (int)i == h->short_title || (int)i == h->billable || !v[0] || !h->keys[i][0])
				continue;
			attrs[nattrs].key = h->keys[i];
			attrs[nattrs].value = v;
			nattrs++;
		}
		if (rows++ == 0 && sink->release) {
			mc_rec_release r = { sys, stream, label, from, "codelist" };
			if ((rc = sink->release(&r, sink->payload)) < 0)
				goto done;
		}
		if (!sink->code)
			continue;
		const char *title = text.ptr + offs[h->title];
		const char *short_title = h->short_title >= 0 ? text.ptr + offs[h->short_title] : "";
		mc_rec_code c = { 0 };
		c.system = sys;
		c.code = shown;
		c.title_long = title[0] ? title : NULL;
		c.title_short = short_title[0] ? short_title : NULL;
		c.billable = billable;
		c.kind = sys == MC_SYS_ICD10CM && strlen(compact) == 3 ? "category" : NULL;
		c.attrs = nattrs ? attrs : NULL;
		c.nattrs = nattrs;
		c.line = row.line;
		if ((rc = sink->code(&c, sink->payload)) < 0)
			goto done;
	}
	if (!rows)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected code rows after the header",
				  name, csv.line);
	goto done;
nomem:
	rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, row.line);
done:
	mc_free(h);
	mc_free(attrs);
	mc_free(offs);
	mc_buf_release(&text);
	mc_csv_release(&csv);
	return rc;
}
