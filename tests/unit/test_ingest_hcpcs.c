/* HCPCS ANWEB parsers (xlsx and fixed-width txt) and the xlsx reader they
 * sit on: small fixtures written for these tests, then the real October
 * 2025 workbook when $MEDCODE_DATA has it. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ingest/xlsx.h"

/* A sink that forwards to th_rec and also keeps a few attrs and counts. */
typedef struct hx {
	th_rec rec;
	mc_sink inner;
	size_t hcpcs, mods, releases_hcpcs, releases_mod;
	size_t letter[26];
	char attr[8][3][32];      /* code, cov, betos of watched codes */
	size_t nattr;
	char valid_to[16], valid_from[16], level[8];
	char last_from[16];
} hx;

static const char *attr_of(const mc_rec_code *c, const char *key)
{
	for (size_t i = 0; i < c->nattrs; i++)
		if (strcmp(c->attrs[i].key, key) == 0)
			return c->attrs[i].value;
	return NULL;
}

static int hx_code(const mc_rec_code *c, void *p)
{
	hx *h = p;
	assert_true(mc_utf8_valid(c->code, strlen(c->code)));
	if (c->title_long)
		assert_true(mc_utf8_valid(c->title_long, strlen(c->title_long)));
	if (c->system == MC_SYS_HCPCS) {
		h->hcpcs++;
		if (c->code[0] >= 'A' && c->code[0] <= 'Z')
			h->letter[c->code[0] - 'A']++;
	} else if (c->system == MC_SYS_MODIFIER) {
		h->mods++;
		const char *l = attr_of(c, "level");
		snprintf(h->level, sizeof(h->level), "%s", l ? l : "");
	}
	if ((!strcmp(c->code, "G0008") || !strcmp(c->code, "J1100") || !strcmp(c->code, "Q9999") ||
	     !strcmp(c->code, "E0100")) && h->nattr < 8) {
		const char *cov = attr_of(c, "cov"), *betos = attr_of(c, "betos");
		snprintf(h->attr[h->nattr][0], 32, "%s", c->code);
		snprintf(h->attr[h->nattr][1], 32, "%s", cov ? cov : "");
		snprintf(h->attr[h->nattr][2], 32, "%s", betos ? betos : "");
		h->nattr++;
		if (!strcmp(c->code, "Q9999")) {
			snprintf(h->valid_to, sizeof(h->valid_to), "%s", c->valid_to ? c->valid_to : "");
			snprintf(h->valid_from, sizeof(h->valid_from), "%s", c->valid_from ? c->valid_from : "");
		}
	}
	for (size_t i = 0; i < c->nattrs; i++)
		assert_true(c->attrs[i].value[0] != '\0');
	return h->inner.code(c, h->inner.payload);
}

static int hx_release(const mc_rec_release *r, void *p)
{
	hx *h = p;
	if (!strcmp(r->stream, "hcpcs")) {
		assert_int_equal(r->system, MC_SYS_HCPCS);
		h->releases_hcpcs++;
	} else if (!strcmp(r->stream, "modifier-l2")) {
		assert_int_equal(r->system, MC_SYS_MODIFIER);
		h->releases_mod++;
	}
	snprintf(h->last_from, sizeof(h->last_from), "%s", r->effective_from);
	return h->inner.release(r, h->inner.payload);
}

static mc_sink hx_sink(hx *h)
{
	memset(h, 0, sizeof(*h));
	h->inner = th_rec_sink(&h->rec);
	mc_sink s = h->inner;
	s.code = hx_code;
	s.release = hx_release;
	s.payload = h;
	return s;
}

static const char *hx_attr(const hx *h, const char *code, int which)
{
	for (size_t i = 0; i < h->nattr; i++)
		if (!strcmp(h->attr[i][0], code))
			return h->attr[i][which];
	return NULL;
}

/* Map a file into memory and parse it under another name. */
static int parse_as(const char *path, const char *name, mc_parse_fn fn, const mc_sink *s,
		    mc_error *err)
{
	mc_map m;
	int rc = mc_map_file(&m, path, err);
	assert_int_equal(rc, 0);
	mc_input in = { name, m.data, m.len };
	rc = fn(&in, s, err);
	mc_map_release(&m);
	return rc;
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

/* ---- xlsx reader --------------------------------------------------------- */

typedef struct rows_seen {
	size_t rows, maxcells;
	char hdr0[16], g_long[128], short_hdr[32];
	size_t first_row;
} rows_seen;

static int count_row(size_t rownum, const char *const *cells, size_t n, void *p)
{
	rows_seen *r = p;
	if (!r->rows) {
		r->first_row = rownum;
		snprintf(r->hdr0, sizeof(r->hdr0), "%s", n ? cells[0] : "");
		snprintf(r->short_hdr, sizeof(r->short_hdr), "%s", n > 3 ? cells[3] : "");
	}
	if (n > 4 && !strcmp(cells[0], "G0008"))
		snprintf(r->g_long, sizeof(r->g_long), "%s", cells[4]);
	r->rows++;
	if (n > r->maxcells)
		r->maxcells = n;
	return 0;
}

static void xlsx_rows_fixture(void **state)
{
	(void)state;
	mc_map m;
	mc_error err;
	rows_seen r;
	const char *path = th_fixture("hcpcs/hcpcs_sample.xlsx");
	memset(&r, 0, sizeof(r));
	assert_int_equal(mc_map_file(&m, path, &err), 0);
	mc_input in = { path, m.data, m.len };
	assert_true(mc_xlsx_sniff(&in));
	/* The sheet is found through workbook.xml.rels (worksheets/data.xml),
	 * not the decoy sheet1.xml; blank rows are not reported. */
	assert_int_equal(mc_xlsx_rows(&in, count_row, &r, &err), 0);
	assert_int_equal(r.rows, 7);
	assert_int_equal(r.first_row, 1);
	assert_string_equal(r.hdr0, "HCPC");
	assert_string_equal(r.short_hdr, "SHORT DESCRIPTION");
	assert_int_equal(r.maxcells, 48);
	/* Rich-text shared string: runs joined, phonetic run dropped. */
	assert_string_equal(r.g_long, "Giving an influenza vaccine injection (fixture wording)");
	mc_map_release(&m);
}

static void xlsx_not_zip(void **state)
{
	(void)state;
	mc_error err;
	rows_seen r;
	mc_input in = { "plain.txt", (const unsigned char *)"hello", 5 };
	assert_false(mc_xlsx_sniff(&in));
	assert_int_equal(mc_xlsx_rows(&in, count_row, &r, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "plain.txt"));
}

/* ---- xlsx edition ---------------------------------------------------------- */

static void hcpcs_xlsx_fixture(void **state)
{
	(void)state;
	hx h;
	mc_error err;
	mc_sink s = hx_sink(&h);
	/* Under the official name, which gives the release (2025-10). */
	const char *path = th_fixture_as("hcpcs/hcpcs_sample.xlsx", "HCPC2025_OCT_sample.xlsx");

	assert_true(detect_file(path, mc_detect_hcpcs_xlsx) >= 90);
	assert_int_equal(detect_file(path, mc_detect_hcpcs_txt), 0);
	assert_int_equal(th_parse_file(path, mc_parse_hcpcs_xlsx, &s, &err), 0);
	assert_int_equal(h.hcpcs, 4);
	assert_int_equal(h.mods, 2);
	assert_int_equal(h.releases_hcpcs, 1);
	assert_int_equal(h.releases_mod, 1);
	assert_string_equal(h.rec.release_label, "2025-10");
	assert_string_equal(h.rec.release_from, "2025-10-01");

	const th_code *g = th_rec_find(&h.rec, "G0008");
	assert_non_null(g);
	assert_string_equal(g->title_long, "Giving an influenza vaccine injection (fixture wording)");
	assert_string_equal(g->title_short, "Flu shot admin fx");   /* inline string */
	assert_string_equal(g->status, "C");
	assert_int_equal(g->billable, 1);
	assert_string_equal(hx_attr(&h, "G0008", 1), "C");
	assert_string_equal(hx_attr(&h, "G0008", 2), "O1G");

	const th_code *lt = th_rec_find(&h.rec, "LT");     /* "   LT" trimmed */
	assert_non_null(lt);
	assert_int_equal(lt->system, MC_SYS_MODIFIER);
	assert_string_equal(lt->kind, "modifier");
	assert_int_equal(lt->billable, -1);
	assert_string_equal(h.level, "II");
	assert_string_equal(h.valid_to, "2025-09-30");
	assert_string_equal(h.valid_from, "2024-01-01");
	th_rec_release(&h.rec);
}

static void hcpcs_xlsx_release_from_content(void **state)
{
	(void)state;
	hx h;
	mc_error err;
	mc_sink s = hx_sink(&h);
	/* No month in the name: the latest ACT EFF DT (2025-10-01) decides. */
	assert_int_equal(parse_as(th_fixture("hcpcs/hcpcs_sample.xlsx"), "upload.xlsx",
				  mc_parse_hcpcs_xlsx, &s, &err), 0);
	assert_string_equal(h.rec.release_label, "2025-10");
	assert_string_equal(h.rec.release_from, "2025-10-01");
	th_rec_release(&h.rec);
}

static void hcpcs_xlsx_truncated(void **state)
{
	(void)state;
	th_rec rec;
	mc_error err;
	mc_sink s = th_rec_sink(&rec);
	/* The official name takes the parser straight to its one reading pass. */
	const char *path = th_fixture_as("hcpcs/hcpcs_truncated.xlsx", "HCPC2025_OCT_truncated.xlsx");
	assert_int_equal(detect_file(path, mc_detect_hcpcs_xlsx), 0);
	assert_int_equal(th_parse_file(path, mc_parse_hcpcs_xlsx, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "HCPC2025_OCT_truncated.xlsx"));
	assert_int_equal(rec.codes, 0);
	th_rec_release(&rec);
}

static void hcpcs_xlsx_corrupt(void **state)
{
	(void)state;
	th_rec rec;
	mc_error err;
	mc_sink s = th_rec_sink(&rec);
	const char *path = th_fixture_as("hcpcs/hcpcs_corrupt.xlsx", "HCPC2025_OCT_corrupt.xlsx");
	assert_int_equal(th_parse_file(path, mc_parse_hcpcs_xlsx, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "HCPC2025_OCT_corrupt.xlsx"));
	th_rec_release(&rec);
}

static void hcpcs_xlsx_out_of_memory(void **state)
{
	(void)state;
	/* Every allocation failure is reported, never a crash or a leak. */
	char path[4096];
	snprintf(path, sizeof(path), "%s",
		 th_fixture_as("hcpcs/hcpcs_sample.xlsx", "HCPC2025_OCT_sample.xlsx"));
	int ok = 0;
	for (long n = 1; n < 400 && !ok; n++) {
		th_rec rec;
		mc_error err;
		mc_sink s = th_rec_sink(&rec);
		mc_map m;
		assert_int_equal(mc_map_file(&m, path, &err), 0);
		mc_input in = { path, m.data, m.len };
		mc_alloc_fail_after(n);
		int rc = mc_parse_hcpcs_xlsx(&in, &s, &err);
		mc_alloc_fail_after(-1);
		mc_map_release(&m);
		if (rc == 0)
			ok = 1;
		else
			assert_int_equal(rc, MC_ENOMEM);
		th_rec_release(&rec);
	}
	assert_true(ok);
}

/* ---- txt edition ------------------------------------------------------------- */

static void hcpcs_txt_fixture(void **state)
{
	(void)state;
	hx h;
	mc_error err;
	mc_sink s = hx_sink(&h);
	const char *path = th_fixture("hcpcs/anweb_sample.txt");

	assert_true(detect_file(path, mc_detect_hcpcs_txt) >= 90);
	assert_int_equal(detect_file(path, mc_detect_hcpcs_xlsx), 0);
	assert_int_equal(th_parse_file(path, mc_parse_hcpcs_txt, &s, &err), 0);
	assert_int_equal(h.hcpcs, 2);
	assert_int_equal(h.mods, 1);
	/* No month in the name: from the latest ACT EFF DT. */
	assert_string_equal(h.rec.release_label, "2025-07");
	assert_string_equal(h.rec.release_from, "2025-07-01");
	const th_code *e = th_rec_find(&h.rec, "E0100");
	assert_non_null(e);
	assert_string_equal(e->title_long,
			    "Walking cane of any material, adjustable or fixed, with tip; this fixture "
			    "description is long enough to need a second record and a third one");
	assert_string_equal(e->title_short, "Cane adjust/fixed w tip fx");
	assert_string_equal(hx_attr(&h, "E0100", 1), "D");
	assert_string_equal(hx_attr(&h, "E0100", 2), "D1E");
	const th_code *gy = th_rec_find(&h.rec, "GY");
	assert_non_null(gy);
	assert_int_equal(gy->system, MC_SYS_MODIFIER);
	assert_string_equal(gy->title_long,
			    "Item or service statutorily excluded (fixture wording), continued on a second line");
	th_rec_release(&h.rec);
}

static void hcpcs_txt_name_release(void **state)
{
	(void)state;
	th_rec rec;
	mc_error err;
	mc_sink s = th_rec_sink(&rec);
	assert_int_equal(parse_as(th_fixture("hcpcs/anweb_sample.txt"), "dl/HCPC2026_JAN_ANWEB.txt",
				  mc_parse_hcpcs_txt, &s, &err), 0);
	assert_string_equal(rec.release_label, "2026-01");
	assert_string_equal(rec.release_from, "2026-01-01");
	th_rec_release(&rec);
}

static void hcpcs_txt_bad_input(void **state)
{
	(void)state;
	th_rec rec;
	mc_error err;
	mc_sink s = th_rec_sink(&rec);
	assert_int_equal(th_parse_file(th_fixture("hcpcs/anweb_bad_recid.txt"), mc_parse_hcpcs_txt,
				       &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "anweb_bad_recid.txt:3: expected RECID"));
	th_rec_release(&rec);

	s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("short.txt", "A0021001003Ok\nG00\n", mc_parse_hcpcs_txt, &s, &err),
			 MC_EFORMAT);
	assert_non_null(strstr(err.msg, "short.txt:2:"));
	th_rec_release(&rec);

	/* A continuation with no first record. */
	s = th_rec_sink(&rec);
	assert_int_equal(th_parse_str("cont.txt", "E0100002004more words\n", mc_parse_hcpcs_txt, &s, &err),
			 MC_EFORMAT);
	assert_non_null(strstr(err.msg, "cont.txt:1: continuation"));
	th_rec_release(&rec);

	/* Latin-1 bytes become '?', so emitted text stays UTF-8 (checked in hx_code). */
	hx h;
	s = hx_sink(&h);
	char line[400];
	memset(line, ' ', 320);
	memcpy(line, "A0021001003Caf\xe9 ambulance", 25);
	line[320] = '\n';
	line[321] = '\0';
	assert_int_equal(th_parse_str("latin1.txt", line, mc_parse_hcpcs_txt, &s, &err), 0);
	assert_string_equal(th_rec_find(&h.rec, "A0021")->title_long, "Caf? ambulance");
	th_rec_release(&h.rec);

	assert_int_equal(mc_detect_hcpcs_txt(&(mc_input){ "x.txt", (const unsigned char *)"hello\n", 6 }), 0);
}

/* ---- the real file ----------------------------------------------------------- */

static void hcpcs_real_october_2025(void **state)
{
	(void)state;
	const char *path = th_data("hcpcs/HCPC2025_OCT_ANWEB.xlsx");
	if (!path)
		skip();
	hx *h = calloc(1, sizeof(*h));
	assert_non_null(h);
	mc_error err;
	mc_sink s = hx_sink(h);
	assert_true(detect_file(path, mc_detect_hcpcs_xlsx) >= 90);
	int rc = th_parse_file(path, mc_parse_hcpcs_xlsx, &s, &err);
	if (rc)
		fprintf(stderr, "%s\n", err.msg);
	assert_int_equal(rc, 0);
	assert_int_equal(h->hcpcs, 8463);
	assert_int_equal(h->mods, 383);
	assert_string_equal(h->rec.release_label, "2025-10");
	assert_string_equal(h->rec.release_from, "2025-10-01");
	static const struct { char l; size_t n; } letters[] = {
		{ 'A', 846 }, { 'B', 51 }, { 'C', 587 }, { 'E', 671 }, { 'G', 1978 }, { 'H', 94 },
		{ 'J', 1188 }, { 'K', 175 }, { 'L', 938 }, { 'M', 424 }, { 'P', 59 }, { 'Q', 585 },
		{ 'R', 3 }, { 'S', 533 }, { 'T', 114 }, { 'U', 5 }, { 'V', 212 },
	};
	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		assert_int_equal(h->letter[letters[i].l - 'A'], letters[i].n);
	const th_code *g = th_rec_find(&h->rec, "G0008");
	assert_non_null(g);
	assert_string_equal(g->title_long, "Administration of influenza virus vaccine");
	assert_string_equal(hx_attr(h, "G0008", 1), "C");
	assert_string_equal(hx_attr(h, "G0008", 2), "O1G");
	const th_code *j = th_rec_find(&h->rec, "J1100");
	assert_non_null(j);
	assert_string_equal(j->title_long, "Injection, dexamethasone sodium phosphate, 1 mg");
	static const char *const mods[] = { "LT", "RT", "GA", "GY", "KX", "TC", "XU" };
	for (size_t i = 0; i < 7; i++) {
		const th_code *m = th_rec_find(&h->rec, mods[i]);
		assert_non_null(m);
		assert_int_equal(m->system, MC_SYS_MODIFIER);
		assert_non_null(m->title_long);
		assert_non_null(m->title_short);
	}
	th_rec_release(&h->rec);
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xlsx_rows_fixture),
		cmocka_unit_test(xlsx_not_zip),
		cmocka_unit_test(hcpcs_xlsx_fixture),
		cmocka_unit_test(hcpcs_xlsx_release_from_content),
		cmocka_unit_test(hcpcs_xlsx_truncated),
		cmocka_unit_test(hcpcs_xlsx_corrupt),
		cmocka_unit_test(hcpcs_xlsx_out_of_memory),
		cmocka_unit_test(hcpcs_txt_fixture),
		cmocka_unit_test(hcpcs_txt_name_release),
		cmocka_unit_test(hcpcs_txt_bad_input),
		cmocka_unit_test(hcpcs_real_october_2025),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
