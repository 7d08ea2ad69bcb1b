/* Modifiers a coder checks (mc_check_modifier_guide, data/modifier_rules
 * .tsv) on fixtures: the PFS sample's indicators, a PTP sample, and the
 * HCPCS sample's two Level II modifiers (LT, XU: the others are not in
 * force in this store). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "medcode/check.h"
#include "medcode/import.h"
#include "medcode/lookup.h"
#include "medcode/store.h"

#define DATE "2026-06-01"

typedef struct fx {
	th_store st;
	mc_store *s;   /* st.s */
} fx;

static int setup(void **state)
{
	static const char *const rel[] = { "rvu/rvu_sample.csv", "ncci/ccipra-v321r0-f1-sample.txt",
					   "hcpcs/hcpcs_sample.xlsx" };
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

static const mc_mod_advice *advice(const mc_mod_guide *g, const char *mod)
{
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->items[i].modifier, mod) == 0)
			return &g->items[i];
	fail_msg("no advice on %s", mod);
	return NULL;
}

static void expect(const mc_mod_guide *g, const char *mod, const char *verdict, const char *why)
{
	const mc_mod_advice *a = advice(g, mod);
	if (strcmp(a->verdict, verdict) != 0 || (why && !strstr(a->reason, why)))
		fail_msg("%s: '%s' (%s), expected '%s' (%s)", mod, a->verdict, a->reason, verdict, why ? why : "");
	if (strcmp(verdict, "not in force") != 0)
		assert_non_null(strstr(a->source, "data/modifier_rules.tsv: "));
}

/* The guide of a code the store holds (the PFS sample). */
static void guide_of(fx *f, const char *code, mc_mod_guide *g, mc_lookup_result *r)
{
	mc_error err;
	mc_lookup_opts o = { DATE, MC_SYS_CPT, 0, false };
	assert_int_equal(mc_lookup(f->s, code, &o, r, &err), 0);
	assert_int_equal(r->n, 1);
	if (mc_check_modifier_guide(f->s, DATE, &r->items[0], g, &err) < 0)
		fail_msg("%s: %s", code, err.msg);
}

static void fee_schedule_indicators(void **state)
{
	fx *f = *state;
	mc_mod_guide g;
	mc_lookup_result r;
	/* 0620T: global YYY, bilateral 1. */
	guide_of(f, "0620T", &g, &r);
	assert_int_equal(g.n, 12);
	assert_string_equal(g.items[0].modifier, "22");
	expect(&g, "22", "contractor decides", "global days YYY");
	expect(&g, "53", "may apply", "not for an elective cancellation");
	expect(&g, "LT", "applies", "bilateral indicator 1");
	expect(&g, "RT", "not in force", NULL);      /* not in this store's HCPCS sample */
	expect(&g, "GC", "not in force", NULL);
	assert_null(advice(&g, "GC")->description);
	/* A PTP table is loaded and names no 0620T edit: nothing to bypass. */
	expect(&g, "59", "does not apply", "no NCCI PTP edit naming this code allows a modifier");
	expect(&g, "XU", "does not apply", NULL);
	assert_non_null(strstr(advice(&g, "XU")->source, "(ptp v321r0)"));
	assert_true(advice(&g, "22")->label_only);
	assert_false(advice(&g, "LT")->label_only);
	assert_non_null(strstr(advice(&g, "LT")->source, "(cpt-pfs RVU25D)") ? advice(&g, "LT")->source
									       : strstr(advice(&g, "LT")->source, "(rvu RVU25D)"));
	mc_mod_guide_release(&g);
	mc_lookup_result_release(&r);
	/* 34712: global 090, bilateral 0. */
	guide_of(f, "34712", &g, &r);
	expect(&g, "22", "may apply", "090-day global surgical period");
	expect(&g, "LT", "may apply", "bilateral indicator 0");
	mc_mod_guide_release(&g);
	mc_lookup_result_release(&r);
	/* 37249: an add-on (ZZZ) takes no 22. */
	guide_of(f, "37249", &g, &r);
	expect(&g, "22", "does not apply", "global days ZZZ");
	mc_mod_guide_release(&g);
	mc_lookup_result_release(&r);
}

/* Made-up records: an E/M code, an anesthesia code, a code with an NCCI
 * edit that allows a modifier, and one with no fee-schedule row. */
static void code_kinds_and_ptp(void **state)
{
	fx *f = *state;
	mc_error err;
	mc_rvu_item rv;
	memset(&rv, 0, sizeof(rv));
	rv.mod = "";
	rv.field[MC_RVU_GLOBAL] = "XXX";
	rv.field[MC_RVU_BILAT] = "9";
	mc_code_record c;
	memset(&c, 0, sizeof(c));
	c.system = "cpt";
	c.code = "99213";
	c.rvu = &rv;
	c.nrvu = 1;
	mc_mod_guide g;
	assert_int_equal(mc_check_modifier_guide(f->s, DATE, &c, &g, &err), 0);
	expect(&g, "22", "does not apply", "E/M");
	expect(&g, "53", "does not apply", "E/M");
	expect(&g, "59", "does not apply", "E/M");
	expect(&g, "LT", "does not apply", "bilateral indicator 9");
	mc_mod_guide_release(&g);

	c.code = "00100";
	assert_int_equal(mc_check_modifier_guide(f->s, DATE, &c, &g, &err), 0);
	expect(&g, "53", "does not apply", "anesthesia");
	expect(&g, "22", "does not apply", "global days XXX");
	mc_mod_guide_release(&g);

	/* 10021: one edit, modifier indicator 1 (in force from 2019). */
	c.code = "10021";
	assert_int_equal(mc_check_modifier_guide(f->s, DATE, &c, &g, &err), 0);
	expect(&g, "XU", "may apply", "1 of the 1 NCCI PTP edits");
	expect(&g, "59", "may apply", "only when no X{EPSU} modifier describes it better");
	mc_mod_guide_release(&g);
	/* Before the PTP release is in force: nothing to judge by (XU is
	 * not in force then either: the HCPCS sample starts 2025-10-01). */
	assert_int_equal(mc_check_modifier_guide(f->s, "2025-01-01", &c, &g, &err), 0);
	expect(&g, "59", "not checked", "Data not available in the input.");
	expect(&g, "XU", "not in force", NULL);
	mc_mod_guide_release(&g);

	c.nrvu = 0;
	assert_int_equal(mc_check_modifier_guide(f->s, DATE, &c, &g, &err), 0);
	expect(&g, "22", "not checked", "Data not available in the input.");
	expect(&g, "LT", "not checked", "Data not available in the input.");
	mc_mod_guide_release(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fee_schedule_indicators),
		cmocka_unit_test(code_kinds_and_ptp),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
