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
#include "ingest/csvtab.h"
#include "ingest/parse_util.h"

enum { COL_CODE, COL_GROUPING, COL_CLASS, COL_SPEC, COL_DEF, COL_NOTES,
       COL_DISPLAY, COL_SECTION, COL_COUNT };

static const mc_csvtab_col nucc_cols[COL_COUNT] = {
	[COL_CODE] = { "code", true, MC_CSVTAB_EQUALS },
	[COL_GROUPING] = { "grouping", true, MC_CSVTAB_EQUALS },
	[COL_CLASS] = { "classification", true, MC_CSVTAB_EQUALS },
	[COL_SPEC] = { "specialization", true, MC_CSVTAB_EQUALS },
	[COL_DEF] = { "definition", false, MC_CSVTAB_EQUALS },
	[COL_NOTES] = { "notes", false, MC_CSVTAB_EQUALS },
	[COL_DISPLAY] = { "display_name", false, MC_CSVTAB_EQUALS },
	[COL_SECTION] = { "section", false, MC_CSVTAB_EQUALS },
};

static const mc_csvtab_spec nucc_spec = {
	.cols = nucc_cols, .ncols = COL_COUNT, .sep = ',', .quotes = true,
	.expect = "a header with Code, Grouping, Classification, Specialization",
	.rows = "taxonomy rows",
};

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

/* Pass 1: collect the classification rows (empty specialization). */
static int collect_parents(const mc_input *in, parent_table *t, mc_error *err)
{
	mc_csvtab tab;
	mc_buf key = MC_BUF_INIT;
	int rc = mc_csvtab_open(&tab, in, &nucc_spec, err);
	if (rc < 0)
		return rc;
	while ((rc = mc_csvtab_next(&tab, err)) > 0) {
		const char *const *f = tab.f;
		if (f[COL_SPEC][0] || !code_ok(f[COL_CODE]))
			continue;       /* pass 2 reports bad codes */
		if (make_key(&key, f[COL_GROUPING], f[COL_CLASS]) < 0 || table_add(t, &key, f[COL_CODE]) < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", tab.name, tab.line);
			break;
		}
	}
	if (rc == 0 && t->n)
		qsort(t->v, t->n, sizeof(*t->v), key_cmp);
	mc_buf_release(&key);
	mc_csvtab_release(&tab);
	return rc;
}

int mc_parse_nucc_csv(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	parent_table parents = { NULL, 0, 0 };
	mc_csvtab tab;
	mc_buf key = MC_BUF_INIT;
	char label[64], from[MC_DATE_LEN];
	int rc = collect_parents(in, &parents, err);
	if (rc < 0) {
		table_release(&parents);
		return rc;
	}
	if ((rc = mc_csvtab_open(&tab, in, &nucc_spec, err)) < 0) {
		table_release(&parents);
		return rc;
	}
	release_from_name(tab.name, label, sizeof(label), from);
	while ((rc = mc_csvtab_next(&tab, err)) > 0) {
		const char *const *f = tab.f;
		if (!code_ok(f[COL_CODE])) {
			rc = mc_csvtab_fail(&tab, err, "expected a 10-character taxonomy code ending in X, found '%.16s'",
					    f[COL_CODE]);
			goto done;
		}
		if (!f[COL_CLASS][0]) {
			rc = mc_csvtab_fail(&tab, err, "expected a classification for %s", f[COL_CODE]);
			goto done;
		}
		const char *parent = NULL;
		if (f[COL_SPEC][0]) {
			if (make_key(&key, f[COL_GROUPING], f[COL_CLASS]) < 0) {
				rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", tab.name, tab.line);
				goto done;
			}
			parent = table_find(&parents, key.ptr);
			if (parent && strcmp(parent, f[COL_CODE]) == 0)
				parent = NULL;
		}
		if (tab.rows == 1 && sink->release) {
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
		c.line = tab.line;
		if ((rc = sink->code(&c, sink->payload)) < 0)
			goto done;
	}
done:
	table_release(&parents);
	mc_buf_release(&key);
	mc_csvtab_release(&tab);
	return rc;
}
