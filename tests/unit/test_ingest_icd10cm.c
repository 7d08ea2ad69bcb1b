/* ICD-10-CM parsers: order file, tabular XML, index / eindex XML, drug and
 * neoplasm tables, hierarchy CSVs.  Small fixtures always run; the real
 * files under $MEDCODE_DATA run when present (skip() otherwise). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"

/* ---- a sink that keeps what the th_rec sink does not ------------------- */

typedef struct ix_entry {
	mc_index_kind kind;
	char *path, *code, *column, *see, *see_also;
} ix_entry;

typedef struct full_code {
	char *code, *title, *parent, *kind;
	int billable;
	char seventh;             /* attr seventh, 0 when absent */
	char attr_chapter[8];
	char attr_order[8];
} full_code;

typedef struct note_rec {
	char *code, *text;
	mc_note_kind kind;
} note_rec;

typedef struct coll {
	char label[32], from[16], format[32];
	size_t releases;
	full_code *codes;
	size_t ncodes, capcodes;
	note_rec *notes;
	size_t nnotes, capnotes;
	ix_entry *ix;
	size_t nix, capix;
	size_t sevenths;
	char last_seventh_code[16];
	size_t seventh_codes;     /* distinct codes with 7th-character definitions */
	bool data_before_release;
} coll;

static char *dupn(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 256;
	p = realloc(p, *cap * size);
	assert_non_null(p);
	return p;
}

static int c_release(const mc_rec_release *r, void *p)
{
	coll *c = p;
	c->releases++;
	snprintf(c->label, sizeof(c->label), "%s", r->label);
	snprintf(c->from, sizeof(c->from), "%s", r->effective_from);
	snprintf(c->format, sizeof(c->format), "%s", r->format);
	assert_int_equal(r->system, MC_SYS_ICD10CM);
	assert_string_equal(r->stream, "icd10cm");
	return 0;
}

static int c_code(const mc_rec_code *r, void *p)
{
	coll *c = p;
	if (!c->releases)
		c->data_before_release = true;
	c->codes = grow(c->codes, &c->capcodes, c->ncodes, sizeof(*c->codes));
	full_code *f = &c->codes[c->ncodes++];
	memset(f, 0, sizeof(*f));
	f->code = strdup(r->code);
	f->title = dupn(r->title_long);
	f->parent = dupn(r->parent);
	f->kind = dupn(r->kind);
	f->billable = r->billable;
	assert_int_equal(r->system, MC_SYS_ICD10CM);
	for (size_t i = 0; i < r->nattrs; i++) {
		if (strcmp(r->attrs[i].key, "seventh") == 0)
			f->seventh = r->attrs[i].value[0];
		else if (strcmp(r->attrs[i].key, "chapter") == 0)
			snprintf(f->attr_chapter, sizeof(f->attr_chapter), "%s", r->attrs[i].value);
		else if (strcmp(r->attrs[i].key, "order") == 0)
			snprintf(f->attr_order, sizeof(f->attr_order), "%s", r->attrs[i].value);
	}
	return 0;
}

static int c_note(const mc_rec_note *r, void *p)
{
	coll *c = p;
	c->notes = grow(c->notes, &c->capnotes, c->nnotes, sizeof(*c->notes));
	note_rec *n = &c->notes[c->nnotes++];
	n->code = strdup(r->code);
	n->text = strdup(r->text);
	n->kind = r->kind;
	return 0;
}

static int c_seventh(const mc_rec_seventh *r, void *p)
{
	coll *c = p;
	c->sevenths++;
	assert_int_equal(strlen(r->character), 1);
	if (strcmp(r->code, c->last_seventh_code) != 0) {
		c->seventh_codes++;
		snprintf(c->last_seventh_code, sizeof(c->last_seventh_code), "%s", r->code);
	}
	return 0;
}

static int c_index(const mc_rec_index *r, void *p)
{
	coll *c = p;
	if (!c->releases)
		c->data_before_release = true;
	c->ix = grow(c->ix, &c->capix, c->nix, sizeof(*c->ix));
	ix_entry *e = &c->ix[c->nix++];
	e->kind = r->kind;
	e->path = strdup(r->path);
	e->code = dupn(r->code);
	e->column = dupn(r->column);
	e->see = dupn(r->see);
	e->see_also = dupn(r->see_also);
	return 0;
}

static mc_sink coll_sink(coll *c)
{
	memset(c, 0, sizeof(*c));
	mc_sink s = { .release = c_release, .code = c_code, .note = c_note,
		      .seventh = c_seventh, .index = c_index, .payload = c };
	return s;
}

static void coll_release(coll *c)
{
	for (size_t i = 0; i < c->ncodes; i++) {
		free(c->codes[i].code); free(c->codes[i].title);
		free(c->codes[i].parent); free(c->codes[i].kind);
	}
	for (size_t i = 0; i < c->nnotes; i++) {
		free(c->notes[i].code); free(c->notes[i].text);
	}
	for (size_t i = 0; i < c->nix; i++) {
		ix_entry *e = &c->ix[i];
		free(e->path); free(e->code); free(e->column); free(e->see); free(e->see_also);
	}
	free(c->codes); free(c->notes); free(c->ix);
	memset(c, 0, sizeof(*c));
}

static const full_code *find_code(const coll *c, const char *code)
{
	for (size_t i = c->ncodes; i-- > 0;)
		if (strcmp(c->codes[i].code, code) == 0)
			return &c->codes[i];
	return NULL;
}

static const note_rec *find_note(const coll *c, const char *code, mc_note_kind kind, const char *text)
{
	for (size_t i = 0; i < c->nnotes; i++)
		if (strcmp(c->notes[i].code, code) == 0 && c->notes[i].kind == kind &&
		    (!text || strstr(c->notes[i].text, text)))
			return &c->notes[i];
	return NULL;
}

static const ix_entry *find_ix(const coll *c, const char *path, const char *column)
{
	for (size_t i = 0; i < c->nix; i++)
		if (strcmp(c->ix[i].path, path) == 0 &&
		    (column ? c->ix[i].column && strcmp(c->ix[i].column, column) == 0 : !c->ix[i].column))
			return &c->ix[i];
	return NULL;
}

/* th_data into the caller's buffer (th_data's own is static). */
static bool th_data_copy(char out[4096], const char *rel)
{
	const char *p = th_data(rel);
	if (!p)
		return false;
	snprintf(out, 4096, "%s", p);
	return true;
}

/* Fold the UTF-8 Latin-1 letters the tabular uses to the order file's ASCII
 * ("Sézary" -> "Sezary"); out has room for strlen(s) + 1. */
static void ascii_fold(const char *s, char *out)
{
	static const char from[] = "\xc0\xc1\xc2\xc3\xc4\xc5\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf"
		"\xd1\xd2\xd3\xd4\xd5\xd6\xd9\xda\xdb\xdc\xdd";
	static const char to[] = "AAAAAACEEEEIIIINOOOOOUUUUY";
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == 0xC3 && p[1]) {
			unsigned char ch = (unsigned char)(p[1] + 0x40);   /* U+00C0.. */
			const char *hit = ch ? strchr(from, (char)(ch & 0xDF)) : NULL;
			if (hit) {
				char a = to[hit - from];
				out[o++] = (ch & 0x20) ? (char)(a + 32) : a;
				p++;
				continue;
			}
		}
		out[o++] = (char)*p;
	}
	out[o] = '\0';
}

/* find_code / find_ix that fail the test when nothing is found. */
static const full_code *must_code(const coll *c, const char *code)
{
	const full_code *f = find_code(c, code);
	if (!f) {
		fail_msg("no code record %s", code);
		abort();
	}
	return f;
}

static const ix_entry *must_ix(const coll *c, const char *path, const char *column)
{
	const ix_entry *e = find_ix(c, path, column);
	if (!e) {
		fail_msg("no index entry '%s' column %s", path, column ? column : "(none)");
		abort();
	}
	return e;
}

static int parse_path(const char *path, mc_parse_fn fn, coll *c, mc_error *err)
{
	mc_sink s = coll_sink(c);
	return th_parse_file(path, fn, &s, err);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int detect_file(const char *path, mc_detect_fn fn)
{
	mc_map m;
	mc_error err;
	assert_int_equal(mc_map_file(&m, path, &err), 0);
	mc_input in = { path, m.data, m.len };
	int s = fn(&in);
	mc_map_release(&m);
	return s;
}

/* ---- order file --------------------------------------------------------- */

static void order_fixture(void **state)
{
	(void)state;
	coll c;
	mc_error err;
	/* Invented codes and titles in the order file's layout; the release
	 * comes from the year in the name. */
	const char *path = th_fixture("icd10cm/order_2026.txt");
	assert_int_equal(parse_path(path, mc_parse_icd10cm_order, &c, &err), 0);
	assert_int_equal(c.releases, 1);
	assert_false(c.data_before_release);
	assert_string_equal(c.label, "FY2026");
	assert_string_equal(c.from, "2025-10-01");
	assert_int_equal(c.ncodes, 6);
	const full_code *f = must_code(&c, "A12");
	assert_non_null(f);
	assert_int_equal(f->billable, 0);
	assert_string_equal(f->kind, "category");
	assert_string_equal(f->attr_order, "00001");
	f = must_code(&c, "A12.0");
	assert_int_equal(f->billable, 1);
	assert_string_equal(f->kind, "code");
	assert_string_equal(f->title, "Test condition alpha, first form");
	f = must_code(&c, "S18.0");
	assert_int_equal(f->billable, 0);
	assert_string_equal(f->kind, "code");
	assert_string_equal(f->attr_order, "01204");
	f = must_code(&c, "S18.0XXA");
	assert_int_equal(f->billable, 1);
	assert_string_equal(f->title, "Test injury of the made-up bone, initial test encounter, closed");
	f = must_code(&c, "T72.3X1A");
	assert_non_null(f);
	assert_int_equal(f->billable, 1);
	assert_string_equal(f->kind, "code");
	assert_string_equal(f->attr_order, "02417");
	/* the long title runs past the 60 columns of the short one */
	assert_string_equal(f->title, "Test exposure to made-up substance gamma [fixture agent], "
			    "accidental (not intended), initial test encounter");
	assert_true(detect_file(path, mc_detect_icd10cm_order) > 50);
	assert_int_equal(detect_file(path, mc_detect_icd10cm_tabular), 0);
	assert_int_equal(detect_file(path, mc_detect_icd10cm_hierarchy), 0);
	coll_release(&c);
}

static void order_bad_line(void **state)
{
	(void)state;
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	const char *text =
		"00001 A12     0 Test condition alpha                                         Test condition alpha\r\n"
		"00002 A120    7 Test condition alpha, first form                             Test condition\r\n";
	assert_int_equal(th_parse_str("bad_order.txt", text, mc_parse_icd10cm_order, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "bad_order.txt:2: expected flag 0 or 1"));
	assert_int_equal(rec.codes, 1);
	th_rec_release(&rec);

	s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("short.txt", "00001 A12 0 Test condition alpha\n", mc_parse_icd10cm_order,
				      &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "short.txt:1: expected"));
	th_rec_release(&rec);
}

/* The order file, parsed once and kept sorted for the tabular comparison. */
static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const full_code *)a)->code, ((const full_code *)b)->code);
}

static void order_real(void **state)
{
	(void)state;
	const char *path = th_data("icd10cm/fy2021_official/icd10cm-order-Jan-2021.txt");
	if (!path)
		skip();
	coll c;
	mc_error err;
	double t0 = now_s();
	assert_int_equal(parse_path(path, mc_parse_icd10cm_order, &c, &err), 0);
	double t = now_s() - t0;
	print_message("order file: %zu codes in %.3f s\n", c.ncodes, t);
	assert_int_equal(c.ncodes, 95358);
	assert_string_equal(c.label, "FY2021");
	assert_string_equal(c.from, "2020-10-01");
	size_t billable = 0;
	for (size_t i = 0; i < c.ncodes; i++)
		billable += c.codes[i].billable == 1;
	assert_int_equal(billable, 72621);
	const full_code *f = must_code(&c, "S52.521A");
	assert_non_null(f);
	assert_int_equal(f->billable, 1);
	assert_string_equal(f->title, "Torus fracture of lower end of right radius, initial encounter for closed fracture");
	assert_int_equal(must_code(&c, "E11.9")->billable, 1);
	assert_int_equal(must_code(&c, "E11")->billable, 0);
	coll_release(&c);
}

/* ---- tabular ------------------------------------------------------------ */

static void tabular_fixture(void **state)
{
	(void)state;
	coll c;
	mc_error err;
	const char *path = th_fixture("icd10cm/tabular_small.xml");
	assert_int_equal(parse_path(path, mc_parse_icd10cm_tabular, &c, &err), 0);
	assert_int_equal(c.releases, 1);
	assert_false(c.data_before_release);
	assert_string_equal(c.label, "FY2021");
	assert_string_equal(c.from, "2020-10-01");
	assert_string_equal(c.format, "icd10cm_tabular");

	const full_code *f = must_code(&c, "A00-B99");
	assert_non_null(f);
	assert_string_equal(f->kind, "chapter");
	assert_string_equal(f->attr_chapter, "1");
	assert_int_equal(f->billable, 0);
	f = must_code(&c, "A10-A14");
	assert_string_equal(f->kind, "section");
	assert_string_equal(f->parent, "A00-B99");
	f = must_code(&c, "A12");
	assert_string_equal(f->kind, "category");
	assert_string_equal(f->parent, "A10-A14");
	assert_int_equal(f->billable, 0);
	f = must_code(&c, "A12.9");
	assert_int_equal(f->billable, 1);
	assert_string_equal(f->title, "Test condition alpha, unspecified");   /* <old> dropped */
	assert_string_equal(f->parent, "A12");

	/* S18 def applies to S18.0; S18.1 has its own, nearer one */
	assert_int_equal(must_code(&c, "S18.0")->billable, 0);
	f = must_code(&c, "S18.0XXA");
	assert_non_null(f);
	assert_int_equal(f->billable, 1);
	assert_int_equal(f->seventh, 'A');
	assert_string_equal(f->parent, "S18.0");
	assert_string_equal(f->title, "Test injury of the made-up bone, initial test encounter, closed");
	assert_non_null(find_code(&c, "S18.0XXB"));
	f = must_code(&c, "S18.101A");
	assert_non_null(f);
	assert_string_equal(f->title, "Test injury of the other made-up bone, right side, initial test encounter");
	assert_null(find_code(&c, "S18.101B"));
	assert_int_equal(must_code(&c, "S18.1")->billable, 0);
	f = must_code(&c, "T72.3X1D");
	assert_non_null(f);
	assert_string_equal(f->parent, "T72.3X1");
	assert_string_equal(f->title, "Test exposure to made-up substance gamma [fixture agent], "
			    "accidental (not intended), later test encounter");
	assert_string_equal(must_code(&c, "T72.3X")->parent, "T72.3");
	assert_int_equal(c.sevenths, 3 + 2 + 3);
	assert_int_equal(c.seventh_codes, 3);

	/* notes on chapter, section and diag */
	assert_non_null(find_note(&c, "A00-B99", MC_NOTE_EXCLUDES1, "test localized conditions"));
	assert_non_null(find_note(&c, "A10-A14", MC_NOTE_INCLUDES, "made-up organ"));
	assert_non_null(find_note(&c, "A12.0", MC_NOTE_INCLUSION, "Classic test alpha"));
	assert_non_null(find_note(&c, "S18", MC_NOTE_CODE_ALSO, NULL));
	assert_non_null(find_note(&c, "S18", MC_NOTE_SEVENTH_NOTE, NULL));
	assert_non_null(find_note(&c, "S18.0", MC_NOTE_EXCLUDES1, "(S18.1-)"));
	assert_int_equal(c.nnotes, 6);

	/* every record comes after the record of the code it is about */
	assert_true(detect_file(path, mc_detect_icd10cm_tabular) > 50);
	assert_int_equal(detect_file(path, mc_detect_icd10cm_index), 0);
	assert_int_equal(detect_file(path, mc_detect_icd10cm_table), 0);
	assert_int_equal(detect_file(path, mc_detect_icd10cm_order), 0);
	coll_release(&c);
}

static void tabular_bad(void **state)
{
	(void)state;
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	char *text = NULL;
	size_t len = 0;
	assert_int_equal(mc_read_file(&text, &len, th_fixture("icd10cm/tabular_small.xml"), &err), 0);

	/* truncated in the middle of the second chapter */
	mc_input in = { "cut_tabular.xml", (const unsigned char *)text, len * 2 / 3 };
	assert_int_equal(mc_parse_icd10cm_tabular(&in, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "cut_tabular.xml:"));
	assert_non_null(strstr(err.msg, "expected well-formed XML"));
	print_message("truncated tabular: %s\n", err.msg);
	th_rec_release(&rec);
	free(text);

	s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("wrong.xml", "<?xml version=\"1.0\"?>\n<foo/>",
				      mc_parse_icd10cm_tabular, &s, &err), MC_EFORMAT);
	assert_string_equal(err.msg, "wrong.xml:2: expected root element <ICD10CM.tabular>, not <foo>");
	th_rec_release(&rec);

	s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("noname.xml",
				      "<ICD10CM.tabular><chapter><name>1</name><desc>X (A00-B99)</desc>\n"
				      "<section id=\"A00-A09\"><diag><desc>no name</desc></diag></section>"
				      "</chapter></ICD10CM.tabular>",
				      mc_parse_icd10cm_tabular, &s, &err), MC_EFORMAT);
	assert_string_equal(err.msg, "noname.xml:2: expected <name> in <diag>");
	th_rec_release(&rec);

	s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("doctype.xml",
				      "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><ICD10CM.tabular/>",
				      mc_parse_icd10cm_tabular, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "DOCTYPE"));
	th_rec_release(&rec);

	/* nesting cap */
	mc_buf b = MC_BUF_INIT;
	assert_int_equal(mc_buf_puts(&b, "<ICD10CM.tabular><chapter><name>1</name><desc>X (A00-B99)</desc>"
				     "<section id=\"A00-A09\">"), 0);
	for (int i = 0; i < 80; i++)
		assert_int_equal(mc_buf_printf(&b, "<diag><name>A%02d</name>", i % 100), 0);
	s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("deep.xml", b.ptr, mc_parse_icd10cm_tabular, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "deep.xml:1: expected elements nested at most 64 deep"));
	th_rec_release(&rec);
	mc_buf_release(&b);
}

/* Failing allocations anywhere give MC_ENOMEM, never a crash or a leak. */
static void alloc_failures(void **state)
{
	(void)state;
	static const struct { const char *fixture; mc_parse_fn fn; } cases[] = {
		{ "icd10cm/tabular_small.xml", mc_parse_icd10cm_tabular },
		{ "icd10cm/index_2026.xml", mc_parse_icd10cm_index },
		{ "icd10cm/icd10cm_drug_2026.xml", mc_parse_icd10cm_table },
		{ "icd10cm/order_2026.txt", mc_parse_icd10cm_order },
		{ "icd10cm/icd10cm-sections-April-1-2026.csv", mc_parse_icd10cm_hierarchy },
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		mc_map m;
		mc_error err;
		assert_int_equal(mc_map_file(&m, th_fixture(cases[k].fixture), &err), 0);
		mc_input in = { cases[k].fixture, m.data, m.len };
		int rc = -1;
		long n;
		for (n = 1; n < 10000 && rc != 0; n++) {
			th_rec rec;
			mc_sink s = th_rec_sink(&rec);
			mc_alloc_fail_after(n);
			rc = cases[k].fn(&in, &s, &err);
			mc_alloc_fail_after(-1);
			if (rc != 0)
				assert_int_equal(rc, MC_ENOMEM);
			th_rec_release(&rec);
		}
		assert_int_equal(rc, 0);
		mc_map_release(&m);
	}
}

typedef struct tabular_stats {
	size_t diags, chapters, sections, expansions;
} tabular_stats;

static void tabular_real(void **state)
{
	(void)state;
	const char *tpath = th_data("icd10cm/fy2021_official/icd10cm_tabular_2021.xml");
	if (!tpath)
		skip();
	coll t, o;
	mc_error err;
	double t0 = now_s();
	assert_int_equal(parse_path(tpath, mc_parse_icd10cm_tabular, &t, &err), 0);
	double dt = now_s() - t0;
	assert_string_equal(t.label, "FY2021");
	assert_false(t.data_before_release);

	tabular_stats st = { 0 };
	for (size_t i = 0; i < t.ncodes; i++) {
		const full_code *f = &t.codes[i];
		if (f->seventh)
			st.expansions++;
		else if (strcmp(f->kind, "chapter") == 0)
			st.chapters++;
		else if (strcmp(f->kind, "section") == 0)
			st.sections++;
		else
			st.diags++;
	}
	print_message("tabular: %zu diags, %zu chapters, %zu sections, %zu 7th-character codes, "
		      "%zu notes, %zu extensions on %zu codes in %.3f s\n",
		      st.diags, st.chapters, st.sections, st.expansions, t.nnotes, t.sevenths,
		      t.seventh_codes, dt);
	/* 45,017 <diag> elements: 44,772 plain <diag> + 245 <diag placeholder="true">;
	 * 507 <sevenChrDef> elements (1,014 lines holding the open or close tag) */
	assert_int_equal(st.diags, 45017);
	assert_int_equal(st.chapters, 22);
	assert_int_equal(st.sections, 296);
	assert_int_equal(t.seventh_codes, 507);
	assert_int_equal(t.sevenths, 1787);

	/* notes */
	assert_non_null(find_note(&t, "A00-B99", MC_NOTE_EXCLUDES1, "certain localized infections"));
	assert_non_null(find_note(&t, "E11", MC_NOTE_EXCLUDES1, NULL));
	assert_non_null(find_note(&t, "A00.0", MC_NOTE_INCLUSION, "Classical cholera"));
	assert_non_null(find_note(&t, "S02", MC_NOTE_SEVENTH_NOTE, NULL));
	for (int k = MC_NOTE_INCLUSION; k < MC_NOTE_KIND_COUNT_; k++) {
		size_t n = 0;
		for (size_t i = 0; i < t.nnotes; i++)
			n += t.notes[i].kind == (mc_note_kind)k;
		print_message("  notes %-14s %zu\n", mc_note_kind_name((mc_note_kind)k), n);
		assert_true(n > 0);
	}

	/* the billable codes, 7th-character ones included, against the order file */
	const char *opath = th_data("icd10cm/fy2021_official/icd10cm-order-Jan-2021.txt");
	if (!opath) {
		coll_release(&t);
		skip();
	}
	assert_int_equal(parse_path(opath, mc_parse_icd10cm_order, &o, &err), 0);
	qsort(t.codes, t.ncodes, sizeof(*t.codes), cmp_code);
	size_t obill = 0, found = 0, bill_ok = 0, title_ok = 0, title_fold = 0, tbill = 0, extra = 0;
	size_t shown = 0;
	for (size_t i = 0; i < o.ncodes; i++) {
		const full_code *oc = &o.codes[i];
		full_code key = { .code = oc->code };
		const full_code *tc = bsearch(&key, t.codes, t.ncodes, sizeof(*t.codes), cmp_code);
		if (oc->billable != 1)
			continue;
		obill++;
		if (!tc) {
			if (shown++ < 10)
				print_message("  order code not in tabular: %s\n", oc->code);
			continue;
		}
		found++;
		bill_ok += tc->billable == 1;
		if (tc->billable != 1)
			print_message("  billable in order, header in tabular: %s\n", oc->code);
		if (tc->title && strcmp(tc->title, oc->title) == 0) {
			title_ok++;
			title_fold++;
			continue;
		}
		char *folded = malloc(tc->title ? strlen(tc->title) + 1 : 1);
		assert_non_null(folded);
		ascii_fold(tc->title ? tc->title : "", folded);
		bool same = strcmp(folded, oc->title) == 0;
		free(folded);
		if (same)
			title_fold++;
		else if (shown++ < 10)
			print_message("  title differs %s: '%s' vs '%s'\n", oc->code,
				      tc->title ? tc->title : "(null)", oc->title);
	}
	qsort(o.codes, o.ncodes, sizeof(*o.codes), cmp_code);
	for (size_t i = 0; i < t.ncodes; i++) {
		if (t.codes[i].billable != 1)
			continue;
		tbill++;
		full_code key = { .code = t.codes[i].code };
		const full_code *oc = bsearch(&key, o.codes, o.ncodes, sizeof(*o.codes), cmp_code);
		if (!oc || oc->billable != 1) {
			if (extra++ < 10)
				print_message("  tabular billable, order %s: %s\n", oc ? "header" : "missing",
					      t.codes[i].code);
		}
	}
	double code_rate = 100.0 * (double)bill_ok / (double)obill;
	double title_rate = 100.0 * (double)title_fold / (double)obill;
	print_message("order billable %zu: found %zu, billable in tabular %zu (%.3f%%), same title %zu "
		      "(%.3f%%, %zu byte for byte, the rest differ only in accents the order file drops); "
		      "tabular billable %zu, not in order %zu\n",
		      obill, found, bill_ok, code_rate, title_fold, title_rate, title_ok, tbill, extra);
	assert_true(code_rate >= 99.9);
	assert_true(title_rate >= 99.9);
	/* S06 death codes: the 7th-character limit note is read (72 codes left out) */
	assert_int_equal(extra, 0);
	assert_non_null(find_code(&t, "S06.1X7A"));
	assert_null(find_code(&t, "S06.1X7D"));
	coll_release(&o);
	coll_release(&t);
}

/* ---- index and tables ---------------------------------------------------- */

static void index_fixture(void **state)
{
	(void)state;
	coll c;
	mc_error err;
	const char *path = th_fixture("icd10cm/index_2026.xml");
	assert_int_equal(parse_path(path, mc_parse_icd10cm_index, &c, &err), 0);
	assert_false(c.data_before_release);
	assert_string_equal(c.label, "FY2026");
	assert_string_equal(c.format, "icd10cm_index");
	for (size_t i = 0; i < c.nix; i++)
		assert_int_equal(c.ix[i].kind, MC_INDEX_MAIN);
	const ix_entry *e = must_ix(&c, "Alphatest's syndrome", NULL);
	assert_string_equal(e->code, "A12.0");
	e = must_ix(&c, "Abandoned test", NULL);
	assert_null(e->code);
	assert_string_equal(e->see, "Test neglect");
	e = must_ix(&c, "Amyloid-like test disorder (general) (first)", NULL);
	assert_string_equal(e->code, "A12.9");
	e = must_ix(&c, "Amyloid-like test disorder (general) (first) > made-up organ", NULL);
	assert_string_equal(e->code, "A12.0");
	e = must_ix(&c, "Amyloid-like test disorder (general) (first) > made-up organ", "manifestation");
	assert_string_equal(e->code, "A11");
	e = must_ix(&c, "Fracture-like test injury (bending) (twisting)", NULL);
	assert_string_equal(e->see_also, "Fracture-like test injury, weakened");
	e = must_ix(&c, "Fracture-like test injury (bending) (twisting) > made-up bone, bony > neck part (closed)", NULL);
	assert_non_null(e);
	assert_string_equal(e->code, "S18.00-");
	assert_null(find_ix(&c, "Fracture-like test injury (bending) (twisting) > made-up bone, bony > shaft part", NULL));
	assert_int_equal(c.nix, 8);
	assert_true(detect_file(path, mc_detect_icd10cm_index) > 50);
	assert_int_equal(detect_file(path, mc_detect_icd10cm_table), 0);
	assert_int_equal(detect_file(path, mc_detect_icd10cm_tabular), 0);
	coll_release(&c);

	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("cut_index.xml",
				      "<ICD10CM.index>\n<letter><title>A</title>\n<mainTerm><title>x",
				      mc_parse_icd10cm_index, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "cut_index.xml:3: expected well-formed XML"));
	th_rec_release(&rec);
}

static void eindex_real(void **state)
{
	(void)state;
	const char *path = th_data("icd10cm/index_april2026/icd10cm_eindex_2026.xml");
	if (!path)
		skip();
	coll c;
	mc_error err;
	assert_int_equal(parse_path(path, mc_parse_icd10cm_index, &c, &err), 0);
	assert_string_equal(c.label, "FY2026");
	assert_string_equal(c.from, "2025-10-01");
	print_message("eindex: %zu entries\n", c.nix);
	size_t codes = 0;
	for (size_t i = 0; i < c.nix; i++) {
		assert_int_equal(c.ix[i].kind, MC_INDEX_EXTERNAL);
		codes += c.ix[i].code != NULL;
	}
	/* 6,671 <code> + 11 <subcat> + 4 <seecat>; see and seeAlso add entries */
	assert_int_equal(codes, 6671 + 11 + 4);
	const ix_entry *e = must_ix(&c, "Accident (to) > aircraft (in transit) (powered)", NULL);
	assert_non_null(e);
	assert_string_equal(e->see_also, "Accident, transport, aircraft");
	e = must_ix(&c, "Accident (to) > boat, boating > striking swimmer > powered", NULL);
	assert_string_equal(e->code, "V94.11");
	e = must_ix(&c, "Abandonment (causing exposure to weather conditions) (with intent to injure or kill) NEC",
		    NULL);
	assert_string_equal(e->code, "X58");
	assert_true(detect_file(path, mc_detect_icd10cm_index) > 50);
	assert_int_equal(detect_file(path, mc_detect_icd10cm_table), 0);
	coll_release(&c);
}

static void tables_fixture(void **state)
{
	(void)state;
	coll c;
	mc_error err;
	const char *path = th_fixture("icd10cm/icd10cm_drug_2026.xml");
	assert_int_equal(parse_path(path, mc_parse_icd10cm_table, &c, &err), 0);
	assert_string_equal(c.format, "icd10cm_table");
	assert_int_equal(c.nix, 6 + 1 + 1);
	for (size_t i = 0; i < c.nix; i++)
		assert_int_equal(c.ix[i].kind, MC_INDEX_DRUG);
	/* invented substances; the column headings are the table's own */
	const char *sub = "Testamine (made-up) (fixture) (sample)";
	const ix_entry *e = must_ix(&c, sub, "Poisoning Accidental (unintentional)");
	assert_string_equal(e->code, "T72.3X1");
	e = must_ix(&c, sub, "Underdosing");
	assert_string_equal(e->code, "T72.3X6");
	e = must_ix(&c, "Testamine (made-up) (fixture) (sample) > synthetic form",
		    "Poisoning Accidental (unintentional)");
	assert_string_equal(e->code, "T72.3X1");
	assert_null(find_ix(&c, "Testamine (made-up) (fixture) (sample) > synthetic form",
			    "Poisoning Intentional self-harm"));   /* "--" */
	e = must_ix(&c, "Testiodine (made-up, external) (fixture) NEC", NULL);
	assert_string_equal(e->see, "also Testiodide");
	assert_true(detect_file(path, mc_detect_icd10cm_table) > 50);
	assert_true(detect_file(path, mc_detect_icd10cm_index) < detect_file(path, mc_detect_icd10cm_table));
	coll_release(&c);

	path = th_fixture("icd10cm/icd10cm_neoplasm_2026.xml");
	assert_int_equal(parse_path(path, mc_parse_icd10cm_table, &c, &err), 0);
	for (size_t i = 0; i < c.nix; i++)
		assert_int_equal(c.ix[i].kind, MC_INDEX_NEOPLASM);
	e = must_ix(&c, "Test growth, neoplastic > made-up organ", "Malignant Primary");
	assert_string_equal(e->code, "C28.9");
	e = must_ix(&c, "Test growth, neoplastic > made-up organ", NULL);
	assert_string_equal(e->see_also, "Test growth, made-up tract, large");
	assert_null(find_ix(&c, "Test growth, neoplastic > made-up organ", "Ca in situ"));   /* "-" */
	e = must_ix(&c, "Test growth, neoplastic > made-up organ > with made-up neighbour", "Malignant Primary");
	assert_string_equal(e->code, "C27");
	assert_int_equal(c.nix, 2 + 2 + 1 + 1);
	coll_release(&c);
}

static void tables_real(void **state)
{
	(void)state;
	char drug[4096], neo[4096];
	if (!th_data_copy(drug, "icd10cm/index_april2026/icd10cm_drug_2026.xml") ||
	    !th_data_copy(neo, "icd10cm/index_april2026/icd10cm_neoplasm_2026.xml"))
		skip();
	coll c;
	mc_error err;
	assert_int_equal(parse_path(drug, mc_parse_icd10cm_table, &c, &err), 0);
	assert_string_equal(c.label, "FY2026");
	size_t cells = 0, ins = 0;
	for (size_t i = 0; i < c.nix; i++) {
		const ix_entry *e = &c.ix[i];
		assert_int_equal(e->kind, MC_INDEX_DRUG);
		cells += e->column != NULL;
		if (strncmp(e->path, "Insulin (amorphous)", 19) == 0 && !strchr(e->path, '>') && e->column) {
			char want[16];
			snprintf(want, sizeof(want), "T38.3X%zu", ++ins);
			assert_string_equal(e->code, want);
		}
	}
	print_message("drug table: %zu entries, %zu cells\n", c.nix, cells);
	assert_int_equal(ins, 6);
	const ix_entry *e = must_ix(&c, "1-propanol", "Poisoning Accidental (unintentional)");
	assert_string_equal(e->code, "T51.3X1");
	assert_null(find_ix(&c, "1-propanol", "Adverse effect"));   /* "--" */
	coll_release(&c);

	assert_int_equal(parse_path(neo, mc_parse_icd10cm_table, &c, &err), 0);
	for (size_t i = 0; i < c.nix; i++)
		assert_int_equal(c.ix[i].kind, MC_INDEX_NEOPLASM);
	print_message("neoplasm table: %zu entries\n", c.nix);
	e = must_ix(&c, "Neoplasm, neoplastic > colon", NULL);
	assert_string_equal(e->see_also, "Neoplasm, intestine, large");
	e = must_ix(&c, "Neoplasm, neoplastic > colon", "Malignant Primary");
	assert_string_equal(e->code, "C18.9");
	e = must_ix(&c, "Neoplasm, neoplastic > colon", "Malignant Secondary");
	assert_string_equal(e->code, "C78.5");
	assert_null(find_ix(&c, "Neoplasm, neoplastic > colon", "Ca in situ"));   /* "-" */
	coll_release(&c);
}

/* ---- hierarchy ------------------------------------------------------------ */

static void hierarchy_fixture(void **state)
{
	(void)state;
	coll c;
	mc_error err;
	assert_int_equal(parse_path(th_fixture("icd10cm/icd10cm-chapters-April-1-2026.csv"),
				    mc_parse_icd10cm_hierarchy, &c, &err), 0);
	assert_string_equal(c.label, "FY2026");
	assert_string_equal(c.from, "2025-10-01");
	assert_int_equal(c.ncodes, 2);
	assert_string_equal(c.codes[0].code, "E00-E89");
	assert_string_equal(c.codes[0].kind, "chapter");
	assert_string_equal(c.codes[0].attr_chapter, "4");
	coll_release(&c);

	assert_int_equal(parse_path(th_fixture("icd10cm/icd10cm-sections-April-1-2026.csv"),
				    mc_parse_icd10cm_hierarchy, &c, &err), 0);
	assert_int_equal(c.ncodes, 7);
	assert_string_equal(must_code(&c, "E08-E13")->parent, "E08-E16");
	assert_string_equal(must_code(&c, "V00-V09")->parent, "V00-V99");
	assert_string_equal(must_code(&c, "V00-V99")->parent, "V00-X58");
	assert_string_equal(must_code(&c, "W00-X58")->parent, "V00-X58");
	assert_string_equal(must_code(&c, "V00-X58")->parent, "V00-Y99");
	assert_string_equal(must_code(&c, "Y90-Y99")->parent, "V00-Y99");
	coll_release(&c);

	assert_int_equal(parse_path(th_fixture("icd10cm/icd10cm-categories-April-1-2026.csv"),
				    mc_parse_icd10cm_hierarchy, &c, &err), 0);
	assert_int_equal(c.ncodes, 2);
	const full_code *f = must_code(&c, "E11");
	assert_string_equal(f->parent, "E08-E13");
	assert_string_equal(f->kind, "category");
	assert_int_equal(f->billable, -1);
	assert_string_equal(f->attr_chapter, "4");
	coll_release(&c);

	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("h.csv", "chapter,description\n1,No range here\n",
				      mc_parse_icd10cm_hierarchy, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "h.csv:2: expected a code range"));
	th_rec_release(&rec);
	s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("q.csv", "section_range,chapter,description\nA00-A09,1,\"open\n",
				      mc_parse_icd10cm_hierarchy, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "q.csv:2: unterminated"));
	th_rec_release(&rec);
}

static void hierarchy_real(void **state)
{
	(void)state;
	char ch[4096], se[4096], ca[4096];
	if (!th_data_copy(ch, "icd10cm/hierarchy_april2026/icd10cm-chapters-April-1-2026.csv") ||
	    !th_data_copy(se, "icd10cm/hierarchy_april2026/icd10cm-sections-April-1-2026.csv") ||
	    !th_data_copy(ca, "icd10cm/hierarchy_april2026/icd10cm-categories-April-1-2026.csv"))
		skip();
	coll c;
	mc_error err;
	assert_int_equal(parse_path(ch, mc_parse_icd10cm_hierarchy, &c, &err), 0);
	assert_int_equal(c.ncodes, 22);
	assert_string_equal(must_code(&c, "U00-U85")->attr_chapter, "22");
	assert_string_equal(must_code(&c, "E00-E89")->attr_chapter, "4");
	coll_release(&c);

	assert_int_equal(parse_path(se, mc_parse_icd10cm_hierarchy, &c, &err), 0);
	assert_int_equal(c.ncodes, 297);
	assert_string_equal(must_code(&c, "E08-E13")->parent, "E00-E89");
	assert_string_equal(must_code(&c, "I10-I1A")->parent, "I00-I99");
	assert_string_equal(must_code(&c, "V00-V09")->parent, "V00-V99");
	assert_string_equal(must_code(&c, "V00-V99")->parent, "V00-X58");
	assert_string_equal(must_code(&c, "V00-X58")->parent, "V00-Y99");
	assert_string_equal(must_code(&c, "X52-X58")->parent, "W00-X58");
	assert_string_equal(must_code(&c, "O94-O9A")->parent, "O00-O9A");
	coll_release(&c);

	assert_int_equal(parse_path(ca, mc_parse_icd10cm_hierarchy, &c, &err), 0);
	assert_string_equal(c.label, "FY2026");
	assert_string_equal(c.from, "2025-10-01");
	assert_int_equal(c.ncodes, 1918);
	const full_code *f = must_code(&c, "E11");
	assert_string_equal(f->parent, "E08-E13");
	assert_string_equal(f->attr_chapter, "4");
	assert_string_equal(f->title, "Type 2 diabetes mellitus");
	assert_string_equal(must_code(&c, "I10")->parent, "I10-I1A");
	assert_string_equal(must_code(&c, "I1A")->parent, "I10-I1A");
	assert_string_equal(must_code(&c, "I1A")->attr_chapter, "9");
	assert_string_equal(must_code(&c, "I96")->parent, "I95-I99");
	assert_true(detect_file(ca, mc_detect_icd10cm_hierarchy) > 50);
	assert_int_equal(detect_file(ca, mc_detect_icd10cm_order), 0);
	coll_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_fixture),
		cmocka_unit_test(order_bad_line),
		cmocka_unit_test(order_real),
		cmocka_unit_test(tabular_fixture),
		cmocka_unit_test(tabular_bad),
		cmocka_unit_test(alloc_failures),
		cmocka_unit_test(tabular_real),
		cmocka_unit_test(index_fixture),
		cmocka_unit_test(eindex_real),
		cmocka_unit_test(tables_fixture),
		cmocka_unit_test(tables_real),
		cmocka_unit_test(hierarchy_fixture),
		cmocka_unit_test(hierarchy_real),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
