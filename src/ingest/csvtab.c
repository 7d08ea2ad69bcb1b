/* The table-driven CSV/TSV reader: header spec -> column map, trimmed and
 * checked rows, one set of error messages (see csvtab.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ingest/csvtab.h"
#include "ingest/parse_util.h"

void mc_csvtab_key(char *out, size_t cap, const char *cell)
{
	size_t n = 0;
	if (!cap)
		return;
	for (const char *s = cell; *s && n + 1 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c))
			out[n++] = (char)tolower(c);
		else if ((isspace(c) || c == '-' || c == '_' || c == '.' || c == '/') && n &&
			 out[n - 1] != '_')
			out[n++] = '_';
	}
	while (n && out[n - 1] == '_')
		n--;
	out[n] = '\0';
}

/* Does key match one of the '|'-separated names? */
static bool key_matches(const char *key, const mc_csvtab_col *c)
{
	size_t klen = strlen(key);
	for (const char *p = c->names; *p;) {
		size_t n = strcspn(p, "|");
		switch (c->match) {
		case MC_CSVTAB_EQUALS:
			if (n == klen && memcmp(key, p, n) == 0)
				return true;
			break;
		case MC_CSVTAB_PREFIX:
			if (n <= klen && memcmp(key, p, n) == 0)
				return true;
			break;
		case MC_CSVTAB_CONTAINS:
			for (size_t i = 0; n && i + n <= klen; i++)
				if (memcmp(key + i, p, n) == 0)
					return true;
			break;
		}
		p += n;
		if (*p == '|')
			p++;
	}
	return false;
}

/* Map row as a header: true when every required column is in it. */
static bool map_header(mc_csvtab *t, const mc_csv_row *row)
{
	const mc_csvtab_spec *spec = t->spec;
	size_t cells = row->count < MC_CSVTAB_MAX_CELLS ? row->count : MC_CSVTAB_MAX_CELLS;
	for (size_t c = 0; c < spec->ncols; c++)
		t->col[c] = -1;
	for (size_t i = 0; i < cells; i++) {
		mc_csvtab_key(t->key[i], sizeof(t->key[i]), row->field[i]);
		for (size_t c = 0; c < spec->ncols; c++)
			if (t->col[c] < 0 && key_matches(t->key[i], &spec->cols[c])) {
				t->col[c] = (int)i;
				break;
			}
	}
	for (size_t c = 0; c < spec->ncols; c++)
		if (spec->cols[c].required && t->col[c] < 0)
			return false;
	return true;
}

static char separator_of(const mc_input *in)
{
	const char *line;
	size_t len;
	bool newline;
	if (!mc_ingest_first_line(in, &line, &len, &newline))
		return ',';
	if (memchr(line, '\t', len))
		return '\t';
	if (memchr(line, ';', len))
		return ';';
	if (memchr(line, '|', len))
		return '|';
	return ',';
}

int mc_csvtab_fail(const mc_csvtab *t, mc_error *err, const char *fmt, ...)
{
	char msg[MC_ERROR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return mc_error_set(err, MC_EFORMAT, "%s:%zu: %s", t->name, t->line, msg);
}

/* A failure of mc_csv_next, at line. */
static int read_error(mc_csvtab *t, int rc, mc_error *err)
{
	return mc_error_set(err, rc, "%s:%zu: %s", t->name, t->line,
			    rc == MC_ENOMEM ? "out of memory" : "unterminated quoted field");
}

/* Read rows until the header: 0, or a negative code with err set. */
static int read_header(mc_csvtab *t, mc_error *err)
{
	const mc_csvtab_spec *spec = t->spec;
	for (size_t seen = 0;; seen++) {
		mc_csv_row row;
		t->line = t->csv.line;
		int rc = mc_csv_next(&t->csv, &row, err);
		if (rc < 0)
			return read_error(t, rc, err);
		if (rc == 0)
			return mc_csvtab_fail(t, err, "expected %s", spec->expect);
		t->line = row.line;
		if (map_header(t, &row)) {
			t->width = row.count;
			if (row.count < spec->min_width)
				return mc_csvtab_fail(t, err, "expected %zu header columns, found %zu",
						      spec->min_width, row.count);
			return 0;
		}
		if (seen == spec->preamble)     /* the last row that may be the header */
			return mc_csvtab_fail(t, err, "expected %s", spec->expect);
		if (spec->on_preamble && (rc = spec->on_preamble(&row, spec->payload)) < 0)
			return rc;
	}
}

int mc_csvtab_open(mc_csvtab *t, const mc_input *in, const mc_csvtab_spec *spec,
		   mc_error *err)
{
	memset(t, 0, sizeof(*t));
	t->spec = spec;
	t->name = in->name ? in->name : "<input>";
	t->line = 1;
	mc_buf_init(&t->text);
	if (spec->ncols > MC_CSVTAB_MAX_COLS)
		return mc_error_set(err, MC_EINVAL, "%s: too many columns in the reader's spec", t->name);
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty", t->name);
	char sep = spec->sep ? spec->sep : separator_of(in);
	bool quotes = spec->sep ? spec->quotes : sep == ',';
	mc_csv_init(&t->csv, (const char *)in->data, in->len, sep, quotes);
	int rc = read_header(t, err);
	if (rc < 0)
		mc_csvtab_release(t);
	return rc;
}

bool mc_csvtab_has(const mc_csvtab *t, size_t c)
{
	return c < t->spec->ncols && t->col[c] >= 0;
}

int mc_csvtab_next(mc_csvtab *t, mc_error *err)
{
	mc_csv_row row;
	for (;;) {
		t->line = t->csv.line;
		int rc = mc_csv_next(&t->csv, &row, err);
		if (rc < 0)
			return read_error(t, rc, err);
		if (rc == 0) {
			if (!t->rows && t->spec->rows)
				return mc_csvtab_fail(t, err, "expected %s after the header", t->spec->rows);
			return 0;
		}
		t->line = row.line;
		if (!mc_ingest_row_blank(&row))
			break;
	}
	if (row.count < t->width)
		return mc_csvtab_fail(t, err, "expected %zu columns, found %zu", t->width, row.count);
	size_t cells = t->width < MC_CSVTAB_MAX_CELLS ? t->width : MC_CSVTAB_MAX_CELLS;
	mc_buf_clear(&t->text);
	for (size_t i = 0; i < cells; i++) {
		const char *s = row.field[i];
		size_t len = strlen(s), a = 0;
		while (a < len && isspace((unsigned char)s[a]))
			a++;
		while (len > a && isspace((unsigned char)s[len - 1]))
			len--;
		t->offs[i] = t->text.len;
		if (mc_buf_put(&t->text, s + a, len - a) < 0 || mc_buf_putc(&t->text, '\0') < 0)
			return mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", t->name, t->line);
	}
	if (t->text.len && !mc_utf8_valid(t->text.ptr, t->text.len))
		return mc_csvtab_fail(t, err, "expected UTF-8 text");
	for (size_t i = 0; i < cells; i++)
		t->cell[i] = t->text.ptr + t->offs[i];
	for (size_t c = 0; c < t->spec->ncols; c++)
		t->f[c] = t->col[c] >= 0 && (size_t)t->col[c] < cells ? t->cell[t->col[c]] : "";
	t->rows++;
	return 1;
}

void mc_csvtab_release(mc_csvtab *t)
{
	mc_buf_release(&t->text);
	mc_csv_release(&t->csv);
}
