/* NUCC Health Care Provider Taxonomy, CSV edition (nucc_taxonomy_NNN.csv).
 *
 * RFC 4180 CSV, UTF-8, CRLF, one header line:
 *   Code,Grouping,Classification,Specialization,Definition,Notes,
 *   Display Name,Section
 * Columns are found by header name (Display Name and Section are missing
 * from old releases).  Code is 10 characters, letters and digits, ending
 * in X; every code is unique.
 *
 * Each row becomes one mc_rec_code, system TAXONOMY: title_long = Display
 * Name, title_short = Specialization when set else Classification,
 * billable -1, kind "specialization" or "classification", parent = the
 * code of the row with the same Grouping and Classification and an empty
 * Specialization (found in a first pass), attrs grouping, classification,
 * specialization, definition, notes, section (empty ones left out).
 *
 * Release: stream "taxonomy", label "25.1" from nucc_taxonomy_251 in the
 * name; x.0 is effective 20xx-01-01 and x.1 20xx-07-01.  Without that the
 * label is the file stem and the date unknown.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/parse_util.h"

enum { COL_CODE, COL_GROUPING, COL_CLASS, COL_SPEC, COL_DEF, COL_NOTES,
       COL_DISPLAY, COL_SECTION, COL_COUNT };

static const char *const col_names[COL_COUNT] = {
	"code", "grouping", "classification", "specialization", "definition",
	"notes", "display name", "section",
};

#define NUCC_REQUIRED 4         /* code .. specialization must exist */
#define NUCC_CODE_LEN 10

typedef struct parent_entry {
	char *key;              /* grouping \x1f classification */
	char code[NUCC_CODE_LEN + 1];
} parent_entry;

typedef struct parent_table {
	parent_entry *v;
	size_t n, cap;
} parent_table;

static void trim_copy(char *out, size_t cap, const char *s)
{
	mc_copy_trim(out, cap, s, strlen(s));
}

/* Map header names to column indexes; -1 when absent. */
static void map_header(const mc_csv_row *row, int col[COL_COUNT])
{
	char tmp[64];
	for (int c = 0; c < COL_COUNT; c++)
		col[c] = -1;
	for (size_t i = 0; i < row->count && i < 1024; i++) {
		trim_copy(tmp, sizeof(tmp), row->field[i]);
		for (int c = 0; c < COL_COUNT; c++)
			if (col[c] < 0 && mc_str_iequal(tmp, col_names[c]))
				col[c] = (int)i;
	}
}

static bool header_ok(const int col[COL_COUNT])
{
	for (int c = 0; c < NUCC_REQUIRED; c++)
		if (col[c] < 0)
			return false;
	return true;
}

static bool code_ok(const char *s)
{
	if (strlen(s) != NUCC_CODE_LEN)
		return false;
	for (size_t i = 0; i < NUCC_CODE_LEN; i++)
		if (!isalnum((unsigned char)s[i]))
			return false;
	return toupper((unsigned char)s[NUCC_CODE_LEN - 1]) == 'X';
}

int mc_detect_nucc_csv(const mc_input *in)
{
	const char *line;
	size_t len;
	bool newline;
	if (!mc_ingest_first_line(in, &line, &len, &newline))
		return 0;
	const char *h = line;
	/* h is not NUL-terminated: compare within len only. */
	if (!(len >= 5 && mc_memcasestr(h, 5, "code,") == h) &&
	    !(len >= 7 && mc_memcasestr(h, 7, "\"code\",") == h))
		return 0;
	if (!mc_memcasestr(h, len, "grouping") || !mc_memcasestr(h, len, "classification") ||
	    !mc_memcasestr(h, len, "specialization"))
		return 0;
	int score = 90;
	if (in->name && mc_memcasestr(in->name, strlen(in->name), "taxonomy"))
		score += 5;
	return score;
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(((const parent_entry *)a)->key, ((const parent_entry *)b)->key);
}

static int make_key(mc_buf *b, const char *grouping, const char *classification)
{
	char g[256], c[256];
	trim_copy(g, sizeof(g), grouping);
	trim_copy(c, sizeof(c), classification);
	mc_buf_clear(b);
	if (mc_buf_puts(b, g) < 0 || mc_buf_putc(b, '\x1f') < 0 || mc_buf_puts(b, c) < 0)
		return MC_ENOMEM;
	return 0;
}

static void table_release(parent_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		mc_free(t->v[i].key);
	mc_free(t->v);
	memset(t, 0, sizeof(*t));
}

static int table_add(parent_table *t, const mc_buf *key, const char *code)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		parent_entry *v = mc_realloc(t->v, cap * sizeof(*v));
		if (!v)
			return MC_ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	char *k = mc_strdup(key->ptr);
	if (!k)
		return MC_ENOMEM;
	t->v[t->n].key = k;
	memcpy(t->v[t->n].code, code, NUCC_CODE_LEN + 1);
	t->n++;
	return 0;
}

static int find_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const parent_entry *)elem)->key);
}

static const char *table_find(const parent_table *t, const char *key)
{
	const parent_entry *e = t->n ? bsearch(key, t->v, t->n, sizeof(*t->v), find_cmp) : NULL;
	return e ? e->code : NULL;
}

static void release_from_name(const char *name, char *label, size_t cap, char from[MC_DATE_LEN])
{
	const char *b = mc_ingest_base_name(name);
	const char *p = mc_memcasestr(b, strlen(b), "taxonomy_");
	from[0] = '\0';
	if (p) {
		p += 9;
		size_t nd = 0;
		while (isdigit((unsigned char)p[nd]))
			nd++;
		if (nd == 3) {
			int major = (p[0] - '0') * 10 + (p[1] - '0'), minor = p[2] - '0';
			char tmp[32];
			snprintf(label, cap, "%d.%d", major, minor);
			if (minor <= 1) {
				snprintf(tmp, sizeof(tmp), "%04d-%02d-01", 2000 + major, minor ? 7 : 1);
				mc_copy_trim(from, MC_DATE_LEN, tmp, sizeof(tmp));
			}
			return;
		}
	}
	size_t n = strcspn(b, ".");
	snprintf(label, cap, "%.*s", (int)(n < 48 ? n : 48), b);
}

static const char *field_at(const mc_csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->count ? row->field[col] : "";
}

static int csv_error(mc_error *err, int rc, const char *name, size_t line)
{
	return mc_error_set(err, rc, "%s:%zu: %s", name, line,
			    rc == MC_ENOMEM ? "out of memory" : "unterminated quoted field");
}

/* Pass 1: collect the classification rows (empty specialization). */
static int collect_parents(const mc_input *in, const char *name, parent_table *t, mc_error *err)
{
	mc_csv csv;
	mc_csv_row row;
	mc_buf key = MC_BUF_INIT;
	int col[COL_COUNT];
	bool header = false;
	int rc = 0;

	mc_csv_init(&csv, (const char *)in->data, in->len, ',', true);
	for (;;) {
		size_t line = csv.line;
		rc = mc_csv_next(&csv, &row, err);
		if (rc == 0)
			break;
		if (rc < 0) {
			rc = csv_error(err, rc, name, line);
			goto done;
		}
		rc = 0;
		if (!header) {
			map_header(&row, col);
			if (!header_ok(col)) {
				rc = mc_error_set(err, MC_EFORMAT,
						  "%s:%zu: expected a header with Code, Grouping, Classification, Specialization",
						  name, row.line);
				goto done;
			}
			header = true;
			continue;
		}
		char code[NUCC_CODE_LEN + 2], spec[8];
		trim_copy(code, sizeof(code), field_at(&row, col[COL_CODE]));
		trim_copy(spec, sizeof(spec), field_at(&row, col[COL_SPEC]));
		if (spec[0] || !code_ok(code))
			continue;       /* pass 2 reports bad codes */
		if (make_key(&key, field_at(&row, col[COL_GROUPING]), field_at(&row, col[COL_CLASS])) < 0 ||
		    table_add(t, &key, code) < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, row.line);
			goto done;
		}
	}
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), key_cmp);
done:
	mc_buf_release(&key);
	mc_csv_release(&csv);
	return rc;
}

int mc_parse_nucc_csv(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty",
				    in->name ? in->name : "<input>");
	const char *name = in->name ? in->name : "<input>";
	parent_table parents = { NULL, 0, 0 };
	mc_csv csv;
	mc_csv_row row;
	mc_buf fields = MC_BUF_INIT, key = MC_BUF_INIT;
	int col[COL_COUNT];
	size_t ncols = 0, codes = 0;
	char label[64], from[MC_DATE_LEN];
	bool header = false;
	int rc;

	mc_csv_init(&csv, (const char *)in->data, in->len, ',', true);
	rc = collect_parents(in, name, &parents, err);
	if (rc < 0)
		goto done;
	release_from_name(name, label, sizeof(label), from);
	for (;;) {
		size_t line = csv.line;
		rc = mc_csv_next(&csv, &row, err);
		if (rc == 0)
			break;
		if (rc < 0) {
			rc = csv_error(err, rc, name, line);
			goto done;
		}
		rc = 0;
		if (!header) {
			map_header(&row, col);
			ncols = row.count;
			header = true;
			continue;
		}
		if (mc_ingest_row_blank(&row))
			continue;
		if (row.count < ncols) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected %zu columns, found %zu",
					  name, row.line, ncols, row.count);
			goto done;
		}
		const char *f[COL_COUNT];
		if (mc_ingest_row_trimmed(&fields, &row, col, COL_COUNT, f) < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, row.line);
			goto done;
		}
		if (!mc_utf8_valid(fields.ptr, fields.len)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected UTF-8 text", name, row.line);
			goto done;
		}
		if (!code_ok(f[COL_CODE])) {
			rc = mc_error_set(err, MC_EFORMAT,
					  "%s:%zu: expected a 10-character taxonomy code ending in X, found '%.16s'",
					  name, row.line, f[COL_CODE]);
			goto done;
		}
		if (!f[COL_CLASS][0]) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a classification for %s",
					  name, row.line, f[COL_CODE]);
			goto done;
		}
		const char *parent = NULL;
		if (f[COL_SPEC][0]) {
			if (make_key(&key, f[COL_GROUPING], f[COL_CLASS]) < 0) {
				rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, row.line);
				goto done;
			}
			parent = table_find(&parents, key.ptr);
			if (parent && strcmp(parent, f[COL_CODE]) == 0)
				parent = NULL;
		}
		if (codes++ == 0 && sink->release) {
			mc_rec_release r = { MC_SYS_TAXONOMY, "taxonomy", label, from, "nucc_csv" };
			if ((rc = sink->release(&r, sink->payload)) < 0)
				goto done;
		}
		if (!sink->code)
			continue;
		static const struct { int col; const char *key; } attr_cols[] = {
			{ COL_GROUPING, "grouping" }, { COL_CLASS, "classification" },
			{ COL_SPEC, "specialization" }, { COL_DEF, "definition" },
			{ COL_NOTES, "notes" }, { COL_SECTION, "section" },
		};
		mc_attr attrs[sizeof(attr_cols) / sizeof(attr_cols[0])];
		size_t nattrs = 0;
		for (size_t a = 0; a < sizeof(attr_cols) / sizeof(attr_cols[0]); a++) {
			if (!f[attr_cols[a].col][0])
				continue;
			attrs[nattrs].key = attr_cols[a].key;
			attrs[nattrs].value = f[attr_cols[a].col];
			nattrs++;
		}
		mc_rec_code c = { 0 };
		c.system = MC_SYS_TAXONOMY;
		c.code = f[COL_CODE];
		c.title_short = f[COL_SPEC][0] ? f[COL_SPEC] : f[COL_CLASS];
		c.title_long = f[COL_DISPLAY][0] ? f[COL_DISPLAY] : NULL;
		c.billable = -1;
		c.kind = f[COL_SPEC][0] ? "specialization" : "classification";
		c.parent = parent;
		c.attrs = nattrs ? attrs : NULL;
		c.nattrs = nattrs;
		c.line = row.line;
		if ((rc = sink->code(&c, sink->payload)) < 0)
			goto done;
	}
	if (!header)
		rc = mc_error_set(err, MC_EFORMAT, "%s:1: expected a header line", name);
	else if (!codes)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected taxonomy rows after the header",
				  name, csv.line);
done:
	table_release(&parents);
	mc_buf_release(&fields);
	mc_buf_release(&key);
	mc_csv_release(&csv);
	return rc;
}
