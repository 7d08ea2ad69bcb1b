/* The name-frequency list parsers (src/ingest/name_lists.c), their import
 * into the store (person_name, mc_store_names) and the redactor's loading
 * of them: fixtures in tests/fixtures/names/ in the official layouts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "helpers.h"
#include "medcode/import.h"
#include "medcode/phi.h"
#include "medcode/store_names.h"

typedef struct names_cap {
	char stream[64], label[64];
	size_t n, first, last;
	long long smith, jordan;
} names_cap;

static int cap_release(const mc_rec_release *r, void *p)
{
	names_cap *c = p;
	snprintf(c->stream, sizeof(c->stream), "%s", r->stream);
	snprintf(c->label, sizeof(c->label), "%s", r->label);
	return 0;
}

static int cap_name(const mc_rec_name *r, void *p)
{
	names_cap *c = p;
	c->n++;
	c->first += r->kind == MC_NAME_FIRST;
	c->last += r->kind == MC_NAME_LAST;
	if (strcmp(r->name, "SMITH") == 0 || strcmp(r->name, "Smith") == 0)
		c->smith = r->count;
	if (strcmp(r->name, "Jordan") == 0 && r->count > c->jordan)
		c->jordan = r->count;
	return 0;
}

static mc_sink sink_of(names_cap *c)
{
	memset(c, 0, sizeof(*c));
	mc_sink s = { .release = cap_release, .name = cap_name, .payload = c };
	return s;
}

static int parse_fixture(const char *rel, const char *as, mc_parse_fn parse, const mc_sink *s, mc_error *err)
{
	return th_parse_file(as ? th_fixture_as(rel, as) : th_fixture(rel), parse, s, err);
}

static void census1990_by_file_name(void **state)
{
	(void)state;
	names_cap c;
	mc_sink s = sink_of(&c);
	mc_error err;
	const char *p = th_fixture_as("names/census_1990_fixed.txt", "dist.all.last");
	const char *line = "SMITH          1.006  1.006      1\n";
	mc_input in = { p, (const unsigned char *)line, strlen(line) };
	assert_true(mc_detect_names_census1990(&in) >= 90);
	assert_int_equal(parse_fixture("names/census_1990_fixed.txt", "dist.all.last", mc_parse_names_census1990, &s, &err), 0);
	assert_string_equal(c.stream, "names-census1990");
	assert_string_equal(c.label, "1990");
	assert_int_equal(c.n, 3);
	assert_int_equal(c.last, 3);
	assert_int_equal(c.smith, 1006); /* thousandths of a percent */
	/* the same lines as first names */
	assert_int_equal(parse_fixture("names/census_1990_fixed.txt", "dist.male.first", mc_parse_names_census1990, &s, &err), 0);
	assert_int_equal(c.first, 3);
	/* a file name that does not say which kind: refused, never guessed */
	assert_int_equal(parse_fixture("names/census_1990_fixed.txt", NULL, mc_parse_names_census1990, &s, &err),
			 MC_EFORMAT);
	assert_non_null(strstr(err.msg, "dist.all.last"));
	/* a bad percentage: the file and line */
	assert_int_equal(parse_fixture("names/census_1990_bad.txt", "dist.all.last", mc_parse_names_census1990, &s, &err),
			 MC_EFORMAT);
	assert_non_null(strstr(err.msg, "dist.all.last:2: expected"));
}

static void census2010_and_ssa(void **state)
{
	(void)state;
	names_cap c;
	mc_sink s = sink_of(&c);
	mc_error err;
	assert_int_equal(parse_fixture("names/surnames_2010.csv", NULL, mc_parse_names_census2010, &s, &err), 0);
	assert_string_equal(c.stream, "names-census2010");
	assert_int_equal(c.n, 3); /* the row with no name is skipped */
	assert_int_equal(c.smith, 2442977);
	assert_int_equal(parse_fixture("names/first_names_ssa.txt", NULL, mc_parse_names_ssa, &s, &err), 0);
	assert_string_equal(c.stream, "names-ssa");
	assert_int_equal(c.first, 6);
	assert_int_equal(c.jordan, 2600);
	/* bad rows: file and line */
	assert_int_equal(th_parse_str("yob2020.txt", "Olivia,F,17677\nEmma,X,12\n", mc_parse_names_ssa, &s, &err),
			 MC_EFORMAT);
	assert_non_null(strstr(err.msg, "yob2020.txt:2: expected name,sex,count"));
	assert_int_equal(th_parse_str("l.csv", "last_name,count\nSmith,12a\n", mc_parse_names_census2010, &s, &err),
			 MC_EFORMAT);
	assert_non_null(strstr(err.msg, "l.csv:2:"));
	assert_int_equal(th_parse_str("l.csv", "last_name,count\n", mc_parse_names_census2010, &s, &err), MC_EFORMAT);
	/* detection tells the layouts apart, and from code lists */
	const char *a = "Olivia,F,17677\nLiam,M,20802\n", *b = "last_name,count\nSmith,1\n";
	mc_input ssa = { "a.txt", (const unsigned char *)a, strlen(a) };
	mc_input cen = { "b.csv", (const unsigned char *)b, strlen(b) };
	assert_string_equal(mc_format_detect(&ssa)->name, "names_ssa");
	assert_string_equal(mc_format_detect(&cen)->name, "names_census2010");
	assert_int_equal(mc_detect_names_ssa(&cen), 0);
}

static int count_entry(const mc_name_entry *e, void *p)
{
	names_cap *c = p;
	c->n++;
	if (strcmp(e->name, "Jordan") == 0) {
		c->jordan = e->count;
		assert_string_equal(e->list, "names-ssa");
		assert_int_equal(e->kind, MC_NAME_FIRST);
	}
	return 0;
}

/* Imported like any official file: a release per list, with its files;
 * a name given to both sexes is one row with the larger count. */
static void import_and_read(void **state)
{
	(void)state;
	char dir[] = "/tmp/mc_names_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char db[64];
	snprintf(db, sizeof(db), "%s/s.db", dir);
	mc_store *s = NULL;
	mc_error err;
	assert_int_equal(mc_store_open(&s, db, MC_STORE_WRITE, &err), 0);
	names_cap c;
	memset(&c, 0, sizeof(c));
	assert_int_equal(mc_store_names(s, count_entry, &c, &err), MC_ENOTFOUND);
	assert_int_equal(c.n, 0);
	char ssa[4096], census[4096]; /* (th_fixture's buffer is static) */
	snprintf(ssa, sizeof(ssa), "%s", th_fixture("names/first_names_ssa.txt"));
	snprintf(census, sizeof(census), "%s", th_fixture("names/surnames_2010.csv"));
	const char *paths[] = { ssa, census };
	assert_int_equal(mc_import_paths(s, paths, 2, NULL, NULL, &err), 0);
	assert_int_equal(mc_store_names(s, count_entry, &c, &err), 0);
	assert_int_equal(c.n, 5 + 3);
	assert_int_equal(c.jordan, 2600);
	mc_release_info *r = NULL;
	size_t nr = 0;
	assert_int_equal(mc_store_releases(s, &r, &nr, &err), 0);
	bool ssa_ok = false;
	for (size_t i = 0; i < nr; i++)
		if (strcmp(r[i].stream, "names-ssa") == 0)
			ssa_ok = r[i].records == 5 && r[i].nfiles == 1;
	assert_true(ssa_ok);
	mc_store_releases_free(r, nr);

	/* the redactor: the store's lists make it complete */
	mc_phi *p = NULL;
	mc_phi_opts o = { 0 };
	assert_int_equal(mc_phi_new(&p, &o, &err), 0);
	assert_int_equal(mc_phi_check(p, &err), MC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "name lists"));
	assert_int_equal(mc_phi_load_store(p, s, &err), 0);
	assert_int_equal(mc_phi_check(p, &err), 0);
	mc_phi_free(p);
	mc_store_free(s);

	/* a store without name lists: a clear error, nothing half loaded */
	char db2[64];
	snprintf(db2, sizeof(db2), "%s/empty.db", dir);
	assert_int_equal(mc_store_open(&s, db2, MC_STORE_WRITE, &err), 0);
	assert_int_equal(mc_phi_new(&p, &o, &err), 0);
	assert_int_equal(mc_phi_load_store(p, s, &err), MC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "medcode import"));
	assert_int_equal(mc_phi_check(p, &err), MC_ENOTFOUND);
	mc_phi_free(p);
	mc_store_free(s);
	char cmd[96];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* A folder of the official files, read without a store (--names). */
static void names_from_folder(void **state)
{
	(void)state;
	mc_phi *p = NULL;
	mc_error err;
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", th_fixture("names"));
	mc_phi_opts o = { .names_dir = dir };
	/* (the fixed-width fixture's name says no kind: a folder of official
	 * files has dist.all.last instead) */
	assert_int_equal(mc_phi_new(&p, &o, &err), MC_EFORMAT);
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s", th_fixture_as("names/first_names_ssa.txt", "lists/ssa/yob2020.txt"));
	th_fixture_as("names/census_1990_fixed.txt", "lists/census1990/dist.all.last");
	*strstr(tmp, "/ssa/") = '\0';
	o.names_dir = tmp;
	assert_int_equal(mc_phi_new(&p, &o, &err), 0);
	assert_int_equal(mc_phi_check(p, &err), 0);
	mc_phi_free(p);
	o.names_dir = "/nonexistent/names";
	assert_int_equal(mc_phi_new(&p, &o, &err), MC_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(census1990_by_file_name),
		cmocka_unit_test(census2010_and_ssa),
		cmocka_unit_test(import_and_read),
		cmocka_unit_test(names_from_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
