/* Code history (medcode/history.h) on fixtures: ICD-10-CM FY2020, FY2021
 * (consecutive: exact dates), FY2024 (two years missing: ranges) and a
 * FY2026 code list with fiscal-year columns; HCPCS with add, termination
 * and action dates; MUE, add-on edits and the fee-schedule file naming
 * CPT codes. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "medcode/history.h"
#include "medcode/import.h"
#include "medcode/store.h"

typedef struct fx {
	th_store st;
	mc_store *s;   /* st.s */
} fx;

static int setup(void **state)
{
	static const char *const rel[] = {
		"store/order_2020.txt", "store/order_2021.txt", "publish/history/order_2024.txt",
		"codelist/icd10cm_fy2026_sample.tsv", "hcpcs/hcpcs_sample.xlsx", "mue/mue_2024q2_sample.tsv",
		"rvu/rvu_sample.csv", "ncci/AOC_V2025Q4-MCR_sample.xlsx",
	};
	fx *f = calloc(1, sizeof(*f));
	if (!f || th_store_fixtures(&f->st, rel, sizeof(rel) / sizeof(rel[0])) < 0) {
		free(f);
		return -1;
	}
	f->s = f->st.s;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	int rc = th_store_remove(&f->st);
	free(f);
	return rc;
}

static void hist(fx *f, const char *system, const char *code, const char *date, mc_code_history *h)
{
	mc_error err;
	if (mc_store_code_history(f->s, system, code, date, h, &err) < 0)
		fail_msg("%s %s: %s", system, code, err.msg);
}

/* The only event of kind k, or NULL (fails when there are two). */
static const mc_hist_event *one(const mc_code_history *h, mc_hist_kind k)
{
	const mc_hist_event *e = NULL;
	for (size_t i = 0; i < h->n; i++)
		if (h->items[i].kind == k) {
			if (e)
				fail_msg("two '%s' events: %s and %s", mc_hist_kind_name(k), e->date, h->items[i].date);
			e = &h->items[i];
		}
	return e;
}

/* FY2020 and FY2021 are a year apart: their differences are dated. */
static void consecutive_releases_give_dates(void **state)
{
	fx *f = *state;
	mc_code_history h;
	hist(f, "icd10cm", "Q99.12", "2021-03-01", &h);
	const mc_hist_event *e = one(&h, MC_HIST_ADDED);
	assert_non_null(e);
	assert_string_equal(e->date, "2020-10-01");
	assert_null(e->from);
	assert_string_equal(e->source.label, "FY2021");
	assert_string_equal(h.earliest, "2020-10-01");
	mc_code_history_release(&h);

	hist(f, "icd10cm", "Q99.4", "2021-03-01", &h);
	e = one(&h, MC_HIST_BILLABLE);
	assert_non_null(e);
	assert_string_equal(e->date, "2020-10-01");
	assert_non_null(strstr(e->detail, "billable to header"));
	assert_non_null(one(&h, MC_HIST_REVISED));
	/* In the first loaded release: in force by then, added date unknown. */
	e = one(&h, MC_HIST_IN_FORCE_BY);
	assert_string_equal(e->date, "2019-10-01");
	assert_null(one(&h, MC_HIST_ADDED));
	mc_code_history_release(&h);

	hist(f, "icd10cm", "Q99.3", "2021-03-01", &h);
	e = one(&h, MC_HIST_DELETED);
	assert_string_equal(e->date, "2020-10-01");
	mc_code_history_release(&h);

	/* Nothing after the date. */
	hist(f, "icd10cm", "Q99.12", "2020-06-01", &h);
	assert_null(one(&h, MC_HIST_ADDED));
	mc_code_history_release(&h);
}

/* FY2022 and FY2023 are not loaded: Q99.5's addition is a range. */
static void gap_gives_range(void **state)
{
	fx *f = *state;
	mc_code_history h;
	hist(f, "icd10cm", "Q99.5", "2024-06-01", &h);
	const mc_hist_event *e = one(&h, MC_HIST_ADDED);
	assert_non_null(e);
	assert_string_equal(e->from, "2021-10-01");
	assert_string_equal(e->date, "2023-10-01");
	assert_non_null(strstr(e->detail, "between 2021-10-01 and 2023-10-01"));
	mc_code_history_release(&h);
}

/* The code list's fiscal years: since the first file, or added in one. */
static void code_list_fiscal_years(void **state)
{
	fx *f = *state;
	mc_code_history h;
	hist(f, "icd10cm", "E11.52", "2026-01-01", &h);
	const mc_hist_event *e = one(&h, MC_HIST_IN_FORCE_BY);
	assert_non_null(e);
	assert_string_equal(e->date, "2015-10-01");
	assert_non_null(strstr(e->detail, "FY2014"));
	assert_null(one(&h, MC_HIST_ADDED));
	mc_code_history_release(&h);

	/* First in FY2026, and the FY2026 release in force from 2025-10-01
	 * holds it: added on that date (the April update is ruled out). */
	hist(f, "icd10cm", "QA0.0101", "2026-01-01", &h);
	e = one(&h, MC_HIST_ADDED);
	assert_non_null(e);
	assert_null(e->from);
	assert_string_equal(e->date, "2025-10-01");
	assert_non_null(strstr(e->detail, "FY2026"));
	mc_code_history_release(&h);
}

/* HCPCS: the file's add, termination and action dates. */
static void hcpcs_file_dates(void **state)
{
	fx *f = *state;
	mc_code_history h;
	hist(f, "hcpcs", "G0008", "2026-01-01", &h);
	const mc_hist_event *e = one(&h, MC_HIST_ADDED);
	assert_string_equal(e->date, "2003-01-01");
	assert_null(e->from);
	assert_string_equal(e->source.stream, "hcpcs");
	e = one(&h, MC_HIST_ACTION);
	assert_non_null(e);
	assert_string_equal(e->date, "2025-10-01");
	assert_non_null(strstr(e->detail, "long description changed"));
	/* The release naming it says nothing the add date does not. */
	assert_null(one(&h, MC_HIST_IN_FORCE_BY));
	assert_string_equal(h.earliest, "2003-01-01");
	mc_code_history_release(&h);

	hist(f, "hcpcs", "Q9999", "2026-01-01", &h);
	e = one(&h, MC_HIST_DELETED);
	assert_string_equal(e->date, "2025-09-30");
	assert_non_null(strstr(one(&h, MC_HIST_ACTION)->detail, "discontinued"));
	mc_code_history_release(&h);
}

/* A CPT code with no add date: the first release or edit naming it, per
 * stream; an add-on edit's own effective date counts. */
static void cpt_first_seen(void **state)
{
	fx *f = *state;
	mc_code_history h;
	hist(f, "cpt", "37249", "2026-01-01", &h);
	assert_null(one(&h, MC_HIST_ADDED));
	assert_string_equal(h.earliest, "2017-01-01");
	assert_string_equal(h.earliest_event->source.stream, "aoc");
	bool mue = false, pfs = false;
	for (size_t i = 0; i < h.n; i++) {
		mue |= strcmp(h.items[i].source.stream, "mue") == 0 && strcmp(h.items[i].date, "2024-04-01") == 0;
		pfs |= strncmp(h.items[i].source.stream, "cpt-pfs", 7) == 0 || strcmp(h.items[i].source.stream, "rvu") == 0;
	}
	assert_true(mue);
	assert_true(pfs);
	mc_code_history_release(&h);

	hist(f, "cpt", "0620T", "2026-01-01", &h);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.items[0].date, "2025-10-01");
	assert_int_equal(h.items[0].kind, MC_HIST_IN_FORCE_BY);
	mc_code_history_release(&h);

	mc_error err;
	assert_int_equal(mc_store_code_history(f->s, "cpt", "0620T", "2026-02-30", &h, &err), MC_EINVAL);
	mc_code_history_release(&h);
	hist(f, "cpt", "99999", "2026-01-01", &h);
	assert_int_equal(h.n, 0);
	assert_null(h.earliest);
	mc_code_history_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(consecutive_releases_give_dates),
		cmocka_unit_test(gap_gives_range),
		cmocka_unit_test(code_list_fiscal_years),
		cmocka_unit_test(hcpcs_file_dates),
		cmocka_unit_test(cpt_first_seen),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
