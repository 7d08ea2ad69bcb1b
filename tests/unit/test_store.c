/* Store and lookup on small fixtures: two ICD-10-CM releases (FY2020 and
 * FY2021, made-up Q99 codes), history between them, dates, headers, ranges,
 * prefixes, all-or-nothing import of bad input, and allocation failures. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "medcode/import.h"
#include "medcode/lookup.h"
#include "medcode/store.h"

typedef struct fx {
	char dir[256];
	char db[300];
	mc_store *s;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/mc_store_test_XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	mc_error err;
	if (mc_store_open(&f->s, f->db, MC_STORE_WRITE, &err) < 0)
		return -1;
	/* th_fixture returns a static buffer: copy each path at once. */
	char p1[4096], p2[4096];
	snprintf(p1, sizeof(p1), "%s", th_fixture("store/order_2020.txt"));
	snprintf(p2, sizeof(p2), "%s", th_fixture("store/order_2021.txt"));
	const char *both[] = { p1, p2 };
	if (mc_import_paths(f->s, both, 2, NULL, NULL, &err) < 0) {
		fprintf(stderr, "import: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	mc_store_free(f->s);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static const mc_code_record *find(const mc_lookup_result *r, const char *code)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->items[i].code, code) == 0)
			return &r->items[i];
	return NULL;
}

static void releases_have_ranges(void **state)
{
	fx *f = *state;
	mc_release_info *rel;
	size_t n;
	mc_error err;
	assert_int_equal(mc_store_releases(f->s, &rel, &n, &err), 0);
	size_t icd = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rel[i].stream, "icd10cm") != 0)
			continue;
		icd++;
		if (strcmp(rel[i].label, "FY2020") == 0) {
			assert_string_equal(rel[i].effective_from, "2019-10-01");
			assert_non_null(rel[i].effective_to);
			assert_string_equal(rel[i].effective_to, "2020-09-30");
			assert_int_equal(rel[i].records, 8);
			assert_int_equal(rel[i].billable, 6);
			assert_int_equal(rel[i].nfiles, 1);
			assert_non_null(strstr(rel[i].files[0], "order_2020.txt "));
		} else {
			assert_string_equal(rel[i].label, "FY2021");
			assert_null(rel[i].effective_to);
		}
	}
	assert_int_equal(icd, 2);
	mc_store_releases_free(rel, n);
}

static void lookup_by_date_picks_release(void **state)
{
	fx *f = *state;
	mc_error err;
	mc_lookup_result r;
	mc_lookup_opts o = { "2020-03-01", MC_SYS_NONE, 0, false };
	assert_int_equal(mc_lookup(f->s, "q99.2", &o, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.items[0].code, "Q99.2");
	assert_string_equal(r.items[0].title_long, "Made-up code two, old title");
	assert_string_equal(r.items[0].source.label, "FY2020");
	mc_lookup_result_release(&r);

	o.date = "2021-03-01";
	assert_int_equal(mc_lookup(f->s, "Q992", &o, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.items[0].title_long, "Made-up code two, new title");
	assert_string_equal(r.items[0].state, "active");
	/* History: the title was revised on 2020-10-01. */
	bool revised = false;
	for (size_t i = 0; i < r.items[0].nhistory; i++)
		if (strcmp(r.items[0].history[i].change, "title_revised") == 0) {
			revised = true;
			assert_string_equal(r.items[0].history[i].date, "2020-10-01");
			assert_string_equal(r.items[0].history[i].old, "Made-up code two, old title");
		}
	assert_true(revised);
	mc_lookup_result_release(&r);
}

static void deleted_and_not_yet_valid(void **state)
{
	fx *f = *state;
	mc_error err;
	mc_lookup_result r;
	mc_lookup_opts o = { "2021-03-01", MC_SYS_NONE, 0, false };
	assert_int_equal(mc_lookup(f->s, "Q99.3", &o, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.items[0].state, "deleted");
	assert_string_equal(r.items[0].deleted_on, "2020-10-01");
	mc_lookup_result_release(&r);

	o.date = "2020-03-01";
	assert_int_equal(mc_lookup(f->s, "Q99.12", &o, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.items[0].state, "not_yet_valid");
	mc_lookup_result_release(&r);

	assert_int_equal(mc_lookup(f->s, "Q98.1", &o, &r, &err), 0);
	assert_int_equal(r.n, 0);
	mc_lookup_result_release(&r);
}

static void header_lists_billable_children_and_history(void **state)
{
	fx *f = *state;
	mc_error err;
	mc_lookup_result r;
	mc_lookup_opts o = { "2021-03-01", MC_SYS_NONE, 0, false };
	assert_int_equal(mc_lookup(f->s, "Q99.1", &o, &r, &err), 0);
	assert_int_equal(r.n, 1);
	const mc_code_record *c = &r.items[0];
	assert_int_equal(c->billable, 0);
	assert_int_equal(c->nchildren, 3);
	assert_string_equal(c->children[0].code, "Q99.10");
	assert_string_equal(c->children[2].code, "Q99.12");
	assert_int_equal(c->nancestors, 1);
	assert_string_equal(c->ancestors[0].code, "Q99");
	mc_lookup_result_release(&r);

	assert_int_equal(mc_lookup(f->s, "Q994", &o, &r, &err), 0);
	bool changed = false;
	for (size_t i = 0; i < r.items[0].nhistory; i++)
		if (strcmp(r.items[0].history[i].change, "billable_changed") == 0) {
			changed = true;
			assert_string_equal(r.items[0].history[i].old, "billable");
			assert_string_equal(r.items[0].history[i].new_, "header");
		}
	assert_true(changed);
	mc_lookup_result_release(&r);
}

static void ranges_and_prefixes(void **state)
{
	fx *f = *state;
	mc_error err;
	mc_lookup_result r;
	mc_lookup_opts o = { "2021-03-01", MC_SYS_NONE, 0, false };
	assert_int_equal(mc_lookup(f->s, "Q99.0-Q99.2", &o, &r, &err), 0);
	assert_int_equal(r.n, 3); /* Q990, Q991, Q992 (same length only) */
	assert_non_null(find(&r, "Q99.1"));
	mc_lookup_result_release(&r);

	assert_int_equal(mc_lookup(f->s, "q99.1*", &o, &r, &err), 0);
	assert_int_equal(r.n, 4); /* Q991, Q9910, Q9911, Q9912 */
	mc_lookup_result_release(&r);

	assert_int_equal(mc_lookup(f->s, "Q99.2-Q99.0", &o, &r, &err), MC_EINVAL);
	mc_lookup_result_release(&r);
	assert_int_equal(mc_lookup(f->s, "E11;52", &o, &r, &err), MC_EINVAL);
	mc_lookup_result_release(&r);
	assert_int_equal(mc_lookup(f->s, "   ", &o, &r, &err), MC_EINVAL);
	mc_lookup_result_release(&r);
	o.date = "2021-02-30";
	assert_int_equal(mc_lookup(f->s, "Q99", &o, &r, &err), MC_EINVAL);
	mc_lookup_result_release(&r);
}

static void bad_input_leaves_store_unchanged(void **state)
{
	fx *f = *state;
	mc_error err;
	/* Copy the corrupt fixture under an official-looking name. */
	char path[512];
	snprintf(path, sizeof(path), "%s/icd10cm_order_2022.txt", f->dir);
	char *text;
	size_t len;
	assert_int_equal(mc_read_file(&text, &len, th_fixture("bad/order_2022_bad.txt.in"), &err), 0);
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(text, 1, len, out), len);
	fclose(out);
	mc_free(text);

	mc_release_info *rel;
	size_t before, after;
	assert_int_equal(mc_store_releases(f->s, &rel, &before, &err), 0);
	mc_store_releases_free(rel, before);
	const char *paths[] = { path };
	int rc = mc_import_paths(f->s, paths, 1, NULL, NULL, &err);
	assert_int_equal(rc, MC_EFORMAT);
	assert_non_null(strstr(err.msg, "icd10cm_order_2022.txt:3"));
	assert_int_equal(mc_store_releases(f->s, &rel, &after, &err), 0);
	mc_store_releases_free(rel, after);
	assert_int_equal(before, after);

	/* Truncated in the middle of a record. */
	out = fopen(path, "wb");
	assert_non_null(out);
	fputs("00001 Q99     0 Made-up category                                             Made-up\r\n00002 Q9", out);
	fclose(out);
	rc = mc_import_paths(f->s, paths, 1, NULL, NULL, &err);
	assert_int_equal(rc, MC_EFORMAT);
	assert_non_null(strstr(err.msg, "icd10cm_order_2022.txt:2"));
	assert_int_equal(mc_store_releases(f->s, &rel, &after, &err), 0);
	mc_store_releases_free(rel, after);
	assert_int_equal(before, after);
	unlink(path);

	/* A file no parser knows, named explicitly. */
	snprintf(path, sizeof(path), "%s/notes.txt", f->dir);
	out = fopen(path, "wb");
	assert_non_null(out);
	fputs("hello\n", out);
	fclose(out);
	rc = mc_import_paths(f->s, paths, 1, NULL, NULL, &err);
	assert_int_equal(rc, MC_EFORMAT);
	assert_non_null(strstr(err.msg, "notes.txt: not a known"));
	unlink(path);
}

static void reimport_is_skipped_unless_forced(void **state)
{
	fx *f = *state;
	mc_error err;
	const char *paths[] = { th_fixture("store") };
	mc_import_summary sum;
	
	assert_int_equal(mc_import_paths(f->s, paths, 1, NULL, &sum, &err), 0);
	assert_int_equal(sum.groups, 0);
	assert_int_equal(sum.skipped_groups, 2);
	assert_int_equal(sum.skipped_files, 0);
	mc_import_opts o = { true, NULL, NULL };
	assert_int_equal(mc_import_paths(f->s, paths, 1, &o, &sum, &err), 0);
	assert_int_equal(sum.groups, 2);
	/* History is rebuilt, not duplicated. */
	mc_lookup_result r;
	mc_lookup_opts lo = { "2021-03-01", MC_SYS_NONE, 0, false };
	assert_int_equal(mc_lookup(f->s, "Q99.12", &lo, &r, &err), 0);
	size_t added = 0;
	for (size_t i = 0; i < r.items[0].nhistory; i++)
		added += strcmp(r.items[0].history[i].change, "added") == 0;
	assert_int_equal(added, 1);
	mc_lookup_result_release(&r);
}

static void lookup_survives_allocation_failures(void **state)
{
	fx *f = *state;
	mc_error err;
	int failures = 0;
	for (long n = 1; n < 400; n++) {
		mc_lookup_result r;
		mc_lookup_opts o = { "2021-03-01", MC_SYS_NONE, 0, false };
		mc_alloc_fail_after(n);
		int rc = mc_lookup(f->s, "Q99.1", &o, &r, &err);
		mc_alloc_fail_after(-1);
		if (rc == MC_ENOMEM)
			failures++;
		else
			assert_int_equal(rc, 0);
		mc_lookup_result_release(&r);
	}
	assert_true(failures > 0);
}

static void zip_archive_of_licensed_files(void **state)
{
	fx *f = *state;
	mc_error err;
	char zip[4096];
	snprintf(zip, sizeof(zip), "%s", th_fixture("zip/cpt_data_files_2026.zip"));
	const char *paths[] = { zip };
	mc_import_summary sum;
	assert_int_equal(mc_import_paths(f->s, paths, 1, NULL, &sum, &err), 0);
	assert_int_equal(sum.files, 4);

	mc_lookup_result r;
	mc_lookup_opts o = { "2026-03-01", MC_SYS_CPT, 0, false };
	assert_int_equal(mc_lookup(f->s, "99213", &o, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.items[0].title_long, "Fixture office visit long descriptor, made up for tests");
	assert_string_equal(r.items[0].source.stream, "cpt-ama");
	assert_string_equal(r.items[0].source.label, "2026");
	/* Member names are kept with the archive's name. */
	assert_non_null(strstr(r.items[0].source.files, "cpt_data_files_2026.zip:CPT 2026/LONGULT.txt"));
	mc_lookup_result_release(&r);

	/* The licensed modifier text wins over medcode's label, which fills
	 * the short title; the reviewed kinds stay attached. */
	o.system = MC_SYS_MODIFIER;
	assert_int_equal(mc_lookup(f->s, "59", &o, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.items[0].source.stream, "modifier-ama");
	assert_string_equal(r.items[0].title_long, "Fixture modifier text for a distinct service");
	assert_string_equal(r.items[0].title_short, "Distinct procedural service");
	bool kinds = false;
	for (size_t i = 0; i < r.items[0].nattrs; i++)
		kinds |= strcmp(r.items[0].attrs[i].key, "kinds") == 0 &&
			 strcmp(r.items[0].attrs[i].value, "ncci_bypass") == 0;
	assert_true(kinds);
	mc_lookup_result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(releases_have_ranges),
		cmocka_unit_test(lookup_by_date_picks_release),
		cmocka_unit_test(deleted_and_not_yet_valid),
		cmocka_unit_test(header_lists_billable_children_and_history),
		cmocka_unit_test(ranges_and_prefixes),
		cmocka_unit_test(bad_input_leaves_store_unchanged),
		cmocka_unit_test(reimport_is_skipped_unless_forced),
		cmocka_unit_test(lookup_survives_allocation_failures),
		cmocka_unit_test(zip_archive_of_licensed_files),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
