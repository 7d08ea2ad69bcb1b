/* ICD-10-CM hierarchy CSVs (derived from the tabular XML, one file each):
 *
 *   chapters:   chapter,description
 *               1,Certain infectious and parasitic diseases (A00-B99)
 *   sections:   section_range,chapter,description
 *               E08-E13,4,Diabetes mellitus (E08-E13)
 *   categories: ICD10-CM-CODE,description,section,chapter
 *               E11,Type 2 diabetes mellitus,E08-E13,4
 *
 * RFC 4180 CSV, CRLF or LF, the header line decides which file it is.
 * Records (system ICD10CM, billable 0 unless said, attr chapter=<number>):
 *   chapter  - code = the range "(A00-B99)" at the end of the description,
 *              kind "chapter", title_long = description;
 *   section  - code = section_range ("B10" spelled "B10-B10", as the tabular
 *              parser does, so it cannot merge with the category B10),
 *              kind "section", parent = the smallest
 *              other section of the same chapter whose range holds it
 *              ("V00-V09" -> "V00-V99" -> "V00-X58"), else the chapter's
 *              range, which this file does not give: it is taken as the
 *              span from the first to the last section of the chapter
 *              (so it can be narrower than the chapters file says, e.g.
 *              "U00-U49" for chapter 22 "U00-U85"; attr chapter links them);
 *              the sections are read whole first to know those ranges
 *              (at most HIER_MAX_SECTIONS of them);
 *   category - kind "category", billable -1 (the code list decides),
 *              parent = section (spelled as above), title_long = description.
 * Release from the name: "...-April-1-2026.csv" -> FY2026 from 2025-10-01
 * (fiscal years run October to September).  A row that does not fit is
 * MC_EFORMAT "NAME:LINE: expected ...".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/csvtab.h"
#include "ingest/parse_util.h"

#define HIER_RANGE_MAX 24
#define HIER_SNIFF 256
#define HIER_MAX_SECTIONS 10000     /* parents are found pairwise; the real file has 297 */

enum hier_kind { HIER_NONE, HIER_CHAPTERS, HIER_SECTIONS, HIER_CATEGORIES };

static const char *const hier_headers[][4] = {
	[HIER_CHAPTERS] = { "chapter", "description", NULL, NULL },
	[HIER_SECTIONS] = { "section_range", "chapter", "description", NULL },
	[HIER_CATEGORIES] = { "ICD10-CM-CODE", "description", "section", "chapter" },
};

typedef struct hier_section {
	char code[HIER_RANGE_MAX];
	char first[8], last[8];
	char chapter[8];
	char *desc;
	size_t line;
} hier_section;

/* "A00-B99" or "B10": split into first and last (each 1..7 alnum). */
static bool range_split(const char *s, char first[8], char last[8])
{
	size_t a = 0, b = 0;
	while (isalnum((unsigned char)s[a]))
		a++;
	if (a < 1 || a > 7)
		return false;
	memcpy(first, s, a);
	first[a] = '\0';
	if (!s[a]) {
		memcpy(last, first, a + 1);
		return true;
	}
	if (s[a] != '-')
		return false;
	s += a + 1;
	while (isalnum((unsigned char)s[b]))
		b++;
	if (b < 1 || b > 7 || s[b])
		return false;
	memcpy(last, s, b);
	last[b] = '\0';
	return true;
}

/* The range in "(A00-B99)" at the end of desc into out; false if none. */
static bool range_from_desc(const char *desc, char out[HIER_RANGE_MAX])
{
	char f[8], l[8];
	size_t n = strlen(desc);
	while (n && isspace((unsigned char)desc[n - 1]))
		n--;
	if (n < 3 || desc[n - 1] != ')')
		return false;
	size_t i = n - 1;
	while (i > 0 && desc[i - 1] != '(')
		i--;
	if (i == 0)
		return false;
	size_t len = n - 1 - i;
	if (len == 0 || len >= HIER_RANGE_MAX)
		return false;
	memcpy(out, desc + i, len);
	out[len] = '\0';
	return range_split(out, f, l);
}

static bool chapter_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Which file the header line of data is. */
static int hier_kind_of(const char *data, size_t len)
{
	char line[HIER_SNIFF];
	size_t n = 0;
	if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
	    (unsigned char)data[2] == 0xBF) {
		data += 3;
		len -= 3;
	}
	while (n < len && n + 1 < sizeof(line) && data[n] != '\n' && data[n] != '\r')
		line[n] = data[n], n++;
	line[n] = '\0';
	for (int k = HIER_CHAPTERS; k <= HIER_CATEGORIES; k++) {
		const char *p = line;
		bool ok = true;
		for (int i = 0; i < 4 && hier_headers[k][i] && ok; i++) {
			const char *h = hier_headers[k][i];
			size_t hl = strlen(h);
			while (*p == ' ' || *p == '"')
				p++;
			ok = mc_str_istarts(p, h);
			p += ok ? hl : 0;
			while (*p == ' ' || *p == '"')
				p++;
			if (ok && i + 1 < 4 && hier_headers[k][i + 1])
				ok = *p++ == ',';
		}
		if (ok && *p == '\0')
			return k;
	}
	return HIER_NONE;
}

int mc_detect_icd10cm_hierarchy(const mc_input *in)
{
	int k = hier_kind_of((const char *)in->data, in->len);
	if (k == HIER_NONE)
		return 0;
	int score = 90;
	if (in->name && mc_memcasestr(in->name, strlen(in->name), "icd10"))
		score += 3;
	return score;
}

static int send_code(const mc_sink *sink, const char *code, const char *title, int billable,
		     const char *kind, const char *parent, const char *chapter, size_t line)
{
	if (!sink->code)
		return 0;
	mc_attr attr = { "chapter", chapter };
	mc_rec_code rec = {
		.system = MC_SYS_ICD10CM,
		.code = code,
		.title_long = title && *title ? title : NULL,
		.billable = billable,
		.kind = kind,
		.parent = parent,
		.attrs = &attr,
		.nattrs = 1,
		.line = line,
	};
	return sink->code(&rec, sink->payload);
}

/* Emit the sections read whole, each with its parent. */
static int sections_emit(const mc_sink *sink, const hier_section *s, size_t n)
{
	char span[HIER_RANGE_MAX];
	int rc;
	for (size_t i = 0; i < n; i++) {
		const hier_section *best = NULL;
		const char *lo = s[i].first, *hi = s[i].last;
		for (size_t j = 0; j < n; j++) {
			if (j == i || strcmp(s[j].chapter, s[i].chapter) != 0)
				continue;
			if (strcmp(s[j].code, s[i].code) == 0)
				continue;
			if (strcmp(s[j].first, lo) < 0)
				lo = s[j].first;
			if (strcmp(s[j].last, hi) > 0)
				hi = s[j].last;
			if (strcmp(s[j].first, s[i].first) > 0 || strcmp(s[j].last, s[i].last) < 0)
				continue;
			/* s[j] holds s[i]: keep the one inside the others */
			if (!best || (strcmp(s[j].first, best->first) >= 0 &&
				      strcmp(s[j].last, best->last) <= 0))
				best = &s[j];
		}
		if (!best)
			snprintf(span, sizeof(span), "%s-%s", lo, hi);
		rc = send_code(sink, s[i].code, s[i].desc, 0, "section",
			       best ? best->code : span, s[i].chapter, s[i].line);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The columns of each file, in the order the rows are read. */
enum { H_A, H_B, H_C, H_D };

static const mc_csvtab_col chapter_cols[] = {
	{ "chapter", true, MC_CSVTAB_EQUALS }, { "description", true, MC_CSVTAB_EQUALS },
};
static const mc_csvtab_col section_cols[] = {
	{ "section_range", true, MC_CSVTAB_EQUALS }, { "chapter", true, MC_CSVTAB_EQUALS },
	{ "description", true, MC_CSVTAB_EQUALS },
};
static const mc_csvtab_col category_cols[] = {
	{ "icd10_cm_code", true, MC_CSVTAB_EQUALS }, { "description", true, MC_CSVTAB_EQUALS },
	{ "section", true, MC_CSVTAB_EQUALS }, { "chapter", true, MC_CSVTAB_EQUALS },
};

#define HIER_EXPECT "a header chapter,description or section_range,chapter,description or " \
	"ICD10-CM-CODE,description,section,chapter"

static const mc_csvtab_spec hier_specs[] = {
	[HIER_CHAPTERS] = { .cols = chapter_cols, .ncols = 2, .sep = ',', .quotes = true,
			    .expect = HIER_EXPECT },
	[HIER_SECTIONS] = { .cols = section_cols, .ncols = 3, .sep = ',', .quotes = true,
			    .expect = HIER_EXPECT },
	[HIER_CATEGORIES] = { .cols = category_cols, .ncols = 4, .sep = ',', .quotes = true,
			      .expect = HIER_EXPECT },
};

/* The sections of a sections file, read whole before any is sent. */
typedef struct hier_sections {
	hier_section *v;
	size_t n, cap;
} hier_sections;

static void sections_release(hier_sections *ss)
{
	for (size_t i = 0; i < ss->n; i++)
		mc_free(ss->v[i].desc);
	mc_free(ss->v);
}

static int chapter_row(mc_csvtab *t, const mc_sink *sink, mc_error *err)
{
	char range[HIER_RANGE_MAX];
	if (!chapter_ok(t->f[H_A]))
		return mc_csvtab_fail(t, err, "expected a chapter number");
	if (!range_from_desc(t->f[H_B], range))
		return mc_csvtab_fail(t, err, "expected a code range like (A00-B99) at the end of the description");
	return send_code(sink, range, t->f[H_B], 0, "chapter", NULL, t->f[H_A], t->line);
}

static int section_row(mc_csvtab *t, hier_sections *ss, mc_error *err)
{
	char f[8], l[8];
	if (strlen(t->f[H_A]) >= HIER_RANGE_MAX || !range_split(t->f[H_A], f, l) ||
	    !chapter_ok(t->f[H_B]))
		return mc_csvtab_fail(t, err, "expected a section range and a chapter number");
	if (ss->n >= HIER_MAX_SECTIONS)
		return mc_csvtab_fail(t, err, "expected at most %d sections", HIER_MAX_SECTIONS);
	if (ss->n == ss->cap) {
		size_t cap = ss->cap ? ss->cap * 2 : 64;
		hier_section *p = mc_realloc(ss->v, cap * sizeof(*p));
		if (!p)
			return mc_error_set(err, MC_ENOMEM, "%s: out of memory", t->name);
		ss->v = p;
		ss->cap = cap;
	}
	hier_section *sec = &ss->v[ss->n];
	sec->desc = mc_strdup(t->f[H_C]);
	if (!sec->desc)
		return mc_error_set(err, MC_ENOMEM, "%s: out of memory", t->name);
	ss->n++;
	snprintf(sec->code, sizeof(sec->code), "%s-%s", f, l);
	memcpy(sec->first, f, sizeof(f));
	memcpy(sec->last, l, sizeof(l));
	snprintf(sec->chapter, sizeof(sec->chapter), "%s", t->f[H_B]);
	sec->line = t->line;
	return 0;
}

static int category_row(mc_csvtab *t, const mc_sink *sink, mc_error *err)
{
	char range[HIER_RANGE_MAX], dotted[MC_CODE_MAX], compact[MC_CODE_MAX], f[8], l[8];
	if (!mc_code_compact(t->f[H_A], compact) || strlen(compact) < 3 || strlen(compact) > 7 ||
	    !isalpha((unsigned char)compact[0]))
		return mc_csvtab_fail(t, err, "expected an ICD-10-CM code");
	if (strlen(t->f[H_C]) >= HIER_RANGE_MAX || !range_split(t->f[H_C], f, l) ||
	    !chapter_ok(t->f[H_D]))
		return mc_csvtab_fail(t, err, "expected a section range and a chapter number");
	mc_icd10cm_dotted(compact, dotted);
	snprintf(range, sizeof(range), "%s-%s", f, l);
	return send_code(sink, dotted, t->f[H_B], -1, strlen(compact) == 3 ? "category" : "code",
			 range, t->f[H_D], t->line);
}

int mc_parse_icd10cm_hierarchy(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	const char *name = in->name ? in->name : "(input)";
	hier_sections ss = { NULL, 0, 0 };
	char label[16] = "", from[24] = "";
	mc_csvtab t;
	int kind = hier_kind_of((const char *)in->data, in->len);
	if (kind == HIER_NONE)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected %s", name, HIER_EXPECT);
	int rc = mc_csvtab_open(&t, in, &hier_specs[kind], err);
	if (rc < 0)
		return rc;
	int fy = mc_ingest_fiscal_year(name);
	if (fy > 1000) {
		snprintf(label, sizeof(label), "FY%d", fy);
		snprintf(from, sizeof(from), "%d-10-01", fy - 1);
	}
	if (sink->release) {
		mc_rec_release rel = { MC_SYS_ICD10CM, "icd10cm", label, from, "icd10cm_hierarchy" };
		if ((rc = sink->release(&rel, sink->payload)) < 0)
			goto done;
	}
	if (t.width != hier_specs[kind].ncols) {
		rc = mc_csvtab_fail(&t, err, "expected %zu fields, found %zu", hier_specs[kind].ncols,
				    t.width);
		goto done;
	}
	while ((rc = mc_csvtab_next(&t, err)) > 0) {
		rc = kind == HIER_CHAPTERS ? chapter_row(&t, sink, err)
		   : kind == HIER_SECTIONS ? section_row(&t, &ss, err)
					   : category_row(&t, sink, err);
		if (rc < 0)
			goto done;
	}
	if (rc == 0 && kind == HIER_SECTIONS)
		rc = sections_emit(sink, ss.v, ss.n);
done:
	sections_release(&ss);
	mc_csvtab_release(&t);
	return rc;
}
