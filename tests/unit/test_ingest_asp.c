/* The CMS ASP NDC-HCPCS crosswalk: the parser on our own Windows-1252
 * fixture (banner rows, header on line 9, a year in the code column's
 * name, a quoted cell with a line break, a no-break space, a byte that is
 * '™' in Windows-1252), its errors, the store round trip with
 * mc_store_drug_names, and the real October 2025 file when MEDCODE_DATA
 * is set. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "medcode/drugs.h"
#include "medcode/import.h"
#include "medcode/store.h"

typedef struct drug_cap {
	size_t releases, rows;
	char stream[16], label[16], from[16];
	char code[8][8], name[8][64], labeler[8][64], ndc[8][16], bill_pkg[8][8];
	size_t line[8];
} drug_cap;

static int cap_release(const mc_rec_release *r, void *p)
{
	drug_cap *c = p;
	c->releases++;
	assert_int_equal(r->system, MC_SYS_NONE);
	snprintf(c->stream, sizeof(c->stream), "%s", r->stream);
	snprintf(c->label, sizeof(c->label), "%s", r->label);
	snprintf(c->from, sizeof(c->from), "%s", r->effective_from);
	return 0;
}

static int cap_drug(const mc_rec_drug *d, void *p)
{
	drug_cap *c = p;
	assert_int_equal(c->releases, 1);
	assert_true(mc_utf8_valid(d->drug_name, strlen(d->drug_name)));
	if (c->rows < 8) {
		size_t i = c->rows;
		snprintf(c->code[i], sizeof(c->code[i]), "%s", d->hcpcs);
		snprintf(c->name[i], sizeof(c->name[i]), "%s", d->drug_name);
		snprintf(c->labeler[i], sizeof(c->labeler[i]), "%s", d->labeler);
		snprintf(c->ndc[i], sizeof(c->ndc[i]), "%s", d->ndc);
		snprintf(c->bill_pkg[i], sizeof(c->bill_pkg[i]), "%s", d->bill_units_pkg);
		c->line[i] = d->line;
	}
	c->rows++;
	return 0;
}

static mc_sink cap_sink(drug_cap *c)
{
	memset(c, 0, sizeof(*c));
	mc_sink s = { 0 };
	s.release = cap_release;
	s.drug = cap_drug;
	s.payload = c;
	return s;
}

static void parses_the_cms_layout(void **state)
{
	(void)state;
	drug_cap c;
	mc_sink s = cap_sink(&c);
	mc_error err;
	const char *path = th_fixture("asp/crosswalk.csv");
	mc_map m;
	assert_int_equal(mc_map_file(&m, path, &err), 0);
	mc_input in = { path, m.data, m.len };
	assert_true(mc_detect_asp_crosswalk(&in) >= 90);
	assert_ptr_equal(mc_format_detect(&in)->parse, mc_parse_asp_crosswalk);
	mc_map_release(&m);

	assert_int_equal(th_parse_file(path, mc_parse_asp_crosswalk, &s, &err), 0);
	assert_int_equal(c.releases, 1);
	assert_string_equal(c.stream, "asp-ndc");
	assert_string_equal(c.label, "2031Q2");        /* "Effective April 1, 2031" */
	assert_string_equal(c.from, "2031-04-01");
	assert_int_equal(c.rows, 4);                   /* the blank row is skipped */
	assert_string_equal(c.code[0], "J9901");
	assert_string_equal(c.name[0], "Examplia");
	assert_string_equal(c.labeler[0], "Example Labs, Inc.");
	assert_string_equal(c.ndc[0], "12345-0001-01");
	assert_int_equal(c.line[0], 10);
	assert_string_equal(c.name[1], "Examplezumab");       /* no-break space trimmed */
	assert_string_equal(c.bill_pkg[1], "600");
	assert_string_equal(c.code[2], "J9902");              /* upper-cased */
	assert_string_equal(c.name[2], "Testolone Acetate");  /* line break trimmed */
	assert_string_equal(c.name[3], "Sample\xE2\x84\xA2 Matrix"); /* 0x99 is U+2122 */
	assert_string_equal(c.ndc[3], "WC1234");              /* item numbers kept as given */
	assert_int_equal(c.line[3], 15);
}

static void release_from_the_name_or_the_column(void **state)
{
	(void)state;
	drug_cap c;
	mc_sink s = cap_sink(&c);
	mc_error err;
	/* no banner: the file name's quarter, else the code column's year */
	const char *body = "_2030_CODE,Short Description,LABELER NAME,NDC2,Drug Name\n"
			   "J9901,Inj examplezumab,Example Labs,12345-0001-01,Examplia\n";
	assert_int_equal(th_parse_str("dir/asp_crosswalk_2030q3.csv", body, mc_parse_asp_crosswalk, &s, &err), 0);
	assert_string_equal(c.label, "2030Q3");
	assert_string_equal(c.from, "2030-07-01");
	s = cap_sink(&c);
	assert_int_equal(th_parse_str("crosswalk.csv", body, mc_parse_asp_crosswalk, &s, &err), 0);
	assert_string_equal(c.label, "2030");
	assert_string_equal(c.from, "");
	/* a title with month and year but no "Effective" line */
	s = cap_sink(&c);
	assert_int_equal(th_parse_str("x.csv", "November 2029 ASP NDC - HCPCS Crosswalk\n\n"
				      "HCPCS Code,Short Description,NDC,Drug Name\nJ1,a,b,c\n",
				      mc_parse_asp_crosswalk, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "x.csv:4:"));
	assert_non_null(strstr(err.msg, "5-character"));
	s = cap_sink(&c);
	assert_int_equal(th_parse_str("x.csv", "November 2029 ASP NDC - HCPCS Crosswalk\n\n"
				      "HCPCS Code,Short Description,NDC,Drug Name\nJ0001,a,b,c\n",
				      mc_parse_asp_crosswalk, &s, &err), 0);
	assert_string_equal(c.label, "2029Q4");
	assert_string_equal(c.from, "2029-11-01");
}

static void bad_input_names_file_and_line(void **state)
{
	(void)state;
	drug_cap c;
	mc_sink s = cap_sink(&c);
	mc_error err;
	assert_int_equal(th_parse_file(th_fixture("asp/bad_code.csv"), mc_parse_asp_crosswalk, &s, &err),
			 MC_EFORMAT);
	assert_non_null(strstr(err.msg, "bad_code.csv:15: expected a 5-character HCPCS code, found 'Q99-3'"));
	s = cap_sink(&c);
	assert_int_equal(th_parse_str("n.csv", "Title\n_2030_CODE,Short Description,NDC2,Drug Name\n"
				      "J9901,x,,Examplia\n", mc_parse_asp_crosswalk, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "n.csv:3: expected an NDC and a drug name for J9901"));
	s = cap_sink(&c);
	assert_int_equal(th_parse_str("h.csv", "no header here\n", mc_parse_asp_crosswalk, &s, &err),
			 MC_EFORMAT);
	assert_non_null(strstr(err.msg, "h.csv:"));
	s = cap_sink(&c);
	assert_int_equal(th_parse_str("e.csv", "_2030_CODE,Short Description,NDC2,Drug Name\n\n",
				      mc_parse_asp_crosswalk, &s, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "expected crosswalk rows"));
	s = cap_sink(&c);
	assert_int_equal(th_parse_str("q.csv", "_2030_CODE,Short Description,NDC2,Drug Name\n\"J9901,x",
				      mc_parse_asp_crosswalk, &s, &err), MC_EFORMAT);
	assert_int_equal(c.rows, 0);
}

typedef struct names { char text[16][80]; size_t n; } names;

static int collect(const char *name, const char *hcpcs, size_t labelers, void *p)
{
	names *x = p;
	if (x->n < 16)
		snprintf(x->text[x->n++], sizeof(x->text[0]), "%s %s %zu", name, hcpcs, labelers);
	return 0;
}

static void store_lists_drug_names(void **state)
{
	(void)state;
	char dir[] = "/tmp/mc_asp_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char db[96];
	snprintf(db, sizeof(db), "%s/s.db", dir);
	mc_store *s;
	mc_error err;
	assert_int_equal(mc_store_open(&s, db, MC_STORE_WRITE, &err), 0);
	names x = { 0 };
	/* no crosswalk yet: nothing, no error */
	assert_int_equal(mc_store_drug_names(s, NULL, collect, &x, &err), 0);
	assert_int_equal(x.n, 0);
	const char *paths[] = { th_fixture("asp/crosswalk.csv") };
	mc_import_summary sum;
	assert_int_equal(mc_import_paths(s, paths, 1, NULL, &sum, &err), 0);
	assert_int_equal(mc_store_drug_names(s, NULL, collect, &x, &err), 0);
	assert_int_equal(x.n, 4);
	assert_string_equal(x.text[0], "Examplezumab J9901 1");
	assert_string_equal(x.text[1], "Examplia J9901 1");
	assert_string_equal(x.text[2], "Sample\xE2\x84\xA2 Matrix Q9903 1");
	assert_string_equal(x.text[3], "Testolone Acetate J9902 1");
	x.n = 0;
	assert_int_equal(mc_store_drug_names(s, "J9902", collect, &x, &err), 0);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.text[0], "Testolone Acetate J9902 1");
	mc_store_free(s);
	/* read-only handles read it too */
	assert_int_equal(mc_store_open(&s, db, MC_STORE_READ, &err), 0);
	x.n = 0;
	assert_int_equal(mc_store_drug_names(s, "J9901", collect, &x, &err), 0);
	assert_int_equal(x.n, 2);
	mc_store_free(s);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

typedef struct want { const char *name, *code; bool seen; } want;

static int check_real(const char *name, const char *hcpcs, size_t labelers, void *p)
{
	want *w = p;
	for (; w->name; w++)
		if (!strcmp(name, w->name) && !strcmp(hcpcs, w->code))
			w->seen = true;
	return 0;
}

static void real_crosswalk(void **state)
{
	(void)state;
	const char *path = th_data("asp/asp_ndc_hcpcs_crosswalk_2025q4.csv");
	if (!path) {
		skip();
		return;
	}
	drug_cap c;
	mc_sink s = cap_sink(&c);
	mc_error err;
	assert_int_equal(th_parse_file(path, mc_parse_asp_crosswalk, &s, &err), 0);
	assert_string_equal(c.label, "2025Q4");
	assert_string_equal(c.from, "2025-10-01");
	assert_int_equal(c.rows, 8245);   /* MANIFEST.md */
	/* The MANIFEST's checks, through the store. */
	char dir[] = "/tmp/mc_asp_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char db[96];
	snprintf(db, sizeof(db), "%s/s.db", dir);
	mc_store *st;
	assert_int_equal(mc_store_open(&st, db, MC_STORE_WRITE, &err), 0);
	const char *paths[] = { path };
	assert_int_equal(mc_import_paths(st, paths, 1, NULL, NULL, &err), 0);
	want w[] = { { "Prolia", "J0897", false }, { "Xgeva", "J0897", false },
		     { "Kenalog-40", "J3301", false }, { "Kenalog-80", "J3301", false },
		     { "Botox", "J0585", false }, { "Synvisc", "J7325", false },
		     { "SynviscOne", "J7325", false }, { "Depo-Medrol", "J1010", false },
		     { "Amvuttra", "J0225", false }, { NULL, NULL, false } };
	assert_int_equal(mc_store_drug_names(st, NULL, check_real, w, &err), 0);
	for (want *x = w; x->name; x++) {
		if (!x->seen)
			fail_msg("%s -> %s not listed", x->name, x->code);
	}
	mc_store_free(st);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_the_cms_layout),
		cmocka_unit_test(release_from_the_name_or_the_column),
		cmocka_unit_test(bad_input_names_file_and_line),
		cmocka_unit_test(store_lists_drug_names),
		cmocka_unit_test(real_crosswalk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
