/* Release age (medcode/release_age.h) on a fixture store: two ICD-10-CM
 * releases (FY2020, FY2021), HCPCS and its modifiers 2025-10, RVU25D,
 * MUE 2024Q2, a taxonomy sample without an effective date, and the
 * built-in modifier list. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "medcode/import.h"
#include "medcode/release_age.h"
#include "medcode/store.h"

typedef struct fx {
	char dir[64], db[128];
	mc_store *s;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/mc_age_test_XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	mc_error err;
	if (mc_store_open(&f->s, f->db, MC_STORE_WRITE, &err) < 0)
		return -1;
	static const char *const rel[] = { "store/order_2020.txt", "store/order_2021.txt", "rvu/rvu_sample.csv",
					   "nucc/taxonomy_sample.csv", "mue/mue_2024q2_sample.tsv",
					   "hcpcs/hcpcs_sample.xlsx" };
	enum { N = sizeof(rel) / sizeof(rel[0]) };
	char paths[N][4096];
	const char *p[N];
	for (size_t i = 0; i < N; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s", th_fixture(rel[i]));
		p[i] = paths[i];
	}
	if (mc_import_paths(f->s, p, N, NULL, NULL, &err) < 0) {
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
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	return rc == 0 ? 0 : -1;
}

static mc_release_age age(fx *f, const char *stream, const char *label, const char *date)
{
	mc_release_age a;
	mc_error err;
	int rc = mc_store_release_age(f->s, stream, label, date, &a, &err);
	if (rc < 0)
		fail_msg("%s %s on %s: %s", stream, label ? label : "(in force)", date, err.msg);
	return a;
}

/* The schedules are the publishers': HCPCS and the NCCI tables quarterly,
 * ICD-10-CM yearly, NUCC twice a year; medcode's own list has none. */
static void periods_by_stream(void **state)
{
	(void)state;
	const char *name, *how;
	assert_int_equal(mc_release_period_of("hcpcs", &name, &how), MC_PERIOD_QUARTERLY);
	assert_string_equal(name, "HCPCS Level II");
	assert_non_null(strstr(how, "quarterly"));
	assert_int_equal(mc_release_period_of("icd10cm", NULL, NULL), MC_PERIOD_YEARLY);
	assert_int_equal(mc_release_period_of("rvu", NULL, NULL), MC_PERIOD_QUARTERLY);
	assert_int_equal(mc_release_period_of("mue", NULL, NULL), MC_PERIOD_QUARTERLY);
	assert_int_equal(mc_release_period_of("aoc", NULL, NULL), MC_PERIOD_QUARTERLY);
	assert_int_equal(mc_release_period_of("taxonomy", NULL, NULL), MC_PERIOD_SEMIANNUAL);
	assert_int_equal(mc_release_period_of("modifier-l1", NULL, NULL), MC_PERIOD_NONE);
	assert_int_equal(mc_release_period_of("my-list", &name, &how), MC_PERIOD_NONE);
	assert_string_equal(name, "my-list");
	assert_string_equal(how, "");
	assert_string_equal(mc_release_period_name(MC_PERIOD_SEMIANNUAL), "semiannual");
}

/* HCPCS 2025-10 is current up to the day before the January update is due
 * and may be out of date from that day on. */
static void quarterly_boundary(void **state)
{
	fx *f = *state;
	mc_release_age a = age(f, "hcpcs", NULL, "2025-12-31");
	assert_string_equal(a.label, "2025-10");
	assert_string_equal(a.effective_from, "2025-10-01");
	assert_string_equal(a.next_due, "2026-01-01");
	assert_false(a.may_be_stale);
	a = age(f, "hcpcs", NULL, "2026-01-01");
	assert_true(a.may_be_stale);
	assert_string_equal(a.superseded_by, "");
	a = age(f, "mue", NULL, "2026-12-07");
	assert_string_equal(a.label, "2024Q2");
	assert_string_equal(a.next_due, "2024-07-01");
	assert_true(a.may_be_stale);
}

/* The release in force is the latest one on or before the date; a named
 * release that a later one replaced is out of date. */
static void superseded_and_yearly(void **state)
{
	fx *f = *state;
	mc_release_age a = age(f, "icd10cm", NULL, "2020-06-01");
	assert_string_equal(a.label, "FY2020");
	assert_string_equal(a.next_due, "2020-10-01");
	assert_false(a.may_be_stale);
	a = age(f, "icd10cm", "FY2020", "2021-01-01");
	assert_string_equal(a.superseded_by, "FY2021");
	assert_true(a.may_be_stale);
	a = age(f, "icd10cm", NULL, "2021-01-01");
	assert_string_equal(a.label, "FY2021");
	assert_false(a.may_be_stale);
	a = age(f, "icd10cm", NULL, "2021-10-01");
	assert_true(a.may_be_stale);
}

/* No schedule, no verdict: the built-in list and a release without an
 * effective date are never called out of date. */
static void no_schedule_never_stale(void **state)
{
	fx *f = *state;
	mc_release_age a = age(f, "modifier-l1", NULL, "2030-01-01");
	assert_int_equal(a.period, MC_PERIOD_NONE);
	assert_string_equal(a.next_due, "");
	assert_false(a.may_be_stale);
	a = age(f, "taxonomy", NULL, "2030-01-01");
	assert_int_equal(a.period, MC_PERIOD_SEMIANNUAL);
	assert_string_equal(a.effective_from, "");
	assert_false(a.may_be_stale);
}

static void errors(void **state)
{
	fx *f = *state;
	mc_release_age a;
	mc_error err;
	assert_int_equal(mc_store_release_age(f->s, "hcpcs", NULL, "2020-01-01", &a, &err), MC_ENOTFOUND);
	assert_int_equal(mc_store_release_age(f->s, "hcpcs", "2019-01", "2026-01-01", &a, &err), MC_ENOTFOUND);
	assert_int_equal(mc_store_release_age(f->s, "icd10cm", "FY2021", "2020-01-01", &a, &err), MC_ENOTFOUND);
	assert_int_equal(mc_store_release_age(f->s, "hcpcs", NULL, "2026-13-01", &a, &err), MC_EINVAL);
	assert_int_equal(mc_store_release_age(f->s, "nosuch", NULL, "2026-01-01", &a, &err), MC_ENOTFOUND);
}

/* Every stream once, with the release in force on the date. */
static void all_streams(void **state)
{
	fx *f = *state;
	mc_release_age *a = NULL;
	size_t n = 0;
	mc_error err;
	assert_int_equal(mc_store_release_ages(f->s, "2025-11-01", &a, &n, &err), 0);
	/* cpt-pfs, hcpcs, icd10cm, modifier-l1, modifier-l2, mue, rvu, taxonomy */
	assert_int_equal(n, 8);
	size_t stale = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(a[i].stream, "icd10cm") == 0)
			assert_string_equal(a[i].label, "FY2021");
		if (i)
			assert_true(strcmp(a[i - 1].stream, a[i].stream) < 0);
		stale += a[i].may_be_stale;
	}
	assert_int_equal(stale, 2);   /* icd10cm FY2021 and mue 2024Q2 */
	mc_release_ages_free(a);
	assert_int_equal(mc_store_release_ages(f->s, "2019-01-01", &a, &n, &err), 0);
	assert_int_equal(n, 2);       /* only the undated: modifier-l1, taxonomy sample */
	mc_release_ages_free(a);
}

static void sentences(void **state)
{
	fx *f = *state;
	char buf[400];
	mc_release_age a = age(f, "hcpcs", NULL, "2026-12-07");
	mc_release_age_sentence(&a, buf, sizeof(buf));
	assert_string_equal(buf, "The loaded HCPCS Level II release 2025-10 (in force from 2025-10-01) may be out of "
				 "date on 2026-12-07: it is updated quarterly and the next release was due 2026-01-01.");
	a = age(f, "hcpcs", NULL, "2025-11-01");
	mc_release_age_sentence(&a, buf, sizeof(buf));
	assert_non_null(strstr(buf, "is current on 2025-11-01; the next quarterly release is due 2026-01-01"));
	a = age(f, "icd10cm", "FY2020", "2021-01-01");
	mc_release_age_sentence(&a, buf, sizeof(buf));
	assert_non_null(strstr(buf, "out of date on 2021-01-01: release FY2021 replaces it"));
	mc_release_age_sentence(&a, buf, 8);
	assert_int_equal(strlen(buf), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(periods_by_stream),
		cmocka_unit_test(quarterly_boundary),
		cmocka_unit_test(superseded_and_yearly),
		cmocka_unit_test(no_schedule_never_stale),
		cmocka_unit_test(errors),
		cmocka_unit_test(all_streams),
		cmocka_unit_test(sentences),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
