/* The whole of $MEDCODE_DATA imported into a fresh store, then facts that
 * MANIFEST.md and the official files state, checked through lookup.
 * Skipped when MEDCODE_DATA is not set. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "medcode/import.h"
#include "medcode/lookup.h"
#include "medcode/phi.h"
#include "medcode/store.h"
#include "phi/phi_int.h"

typedef struct fx {
	th_store st;
} fx;

static int setup(void **state)
{
	*state = NULL;
	fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	int rc = th_store_real(&f->st);
	if (rc != 0) {
		free(f);
		return rc > 0 ? 0 : -1; /* no data: every test skips */
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	if (!f)
		return 0;
	int rc = th_store_remove(&f->st);
	free(f);
	return rc;
}

#define NEED_DATA(f) do { if (!(f)) { skip(); return; } } while (0)

/* Look one code up in one system; fails the test when absent. */
static const mc_code_record *one(fx *f, mc_lookup_result *r, const char *q, mc_system sys,
				 const char *date)
{
	mc_error err;
	mc_lookup_opts o = { date, sys, 0, false };
	assert_int_equal(mc_lookup(f->st.s, q, &o, r, &err), 0);
	if (r->n != 1)
		fail_msg("lookup %s: %zu results", q, r->n);
	return &r->items[0];
}

static const char *rvu(const mc_code_record *c, const char *mod, int field)
{
	for (size_t i = 0; i < c->nrvu; i++)
		if (strcmp(c->rvu[i].mod, mod) == 0)
			return c->rvu[i].field[field];
	return NULL;
}

static const char *meaning(const mc_code_record *c, const char *field)
{
	for (size_t i = 0; i < c->nrvu; i++)
		if (!*c->rvu[i].mod)
			for (size_t k = 0; k < c->rvu[i].nindicators; k++)
				if (strcmp(c->rvu[i].indicators[k].field, field) == 0)
					return c->rvu[i].indicators[k].meaning;
	return NULL;
}

static bool has_aoc(const mc_aoc_item *it, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(it[i].code, code) == 0)
			return true;
	return false;
}

static const char *attr(const mc_code_record *c, const char *key)
{
	for (size_t i = 0; i < c->nattrs; i++)
		if (strcmp(c->attrs[i].key, key) == 0)
			return c->attrs[i].value;
	return NULL;
}

static void fee_schedule_34712(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_lookup_result r;
	const mc_code_record *c = one(f, &r, "34712", MC_SYS_CPT, "2026-01-15");
	assert_string_equal(rvu(c, "", MC_RVU_STATUS), "A");
	assert_string_equal(rvu(c, "", MC_RVU_WORK), "12.00");
	assert_string_equal(rvu(c, "", MC_RVU_GLOBAL), "090");
	assert_string_equal(rvu(c, "", MC_RVU_MULT_PROC), "2");
	assert_string_equal(rvu(c, "", MC_RVU_BILAT), "0");
	assert_string_equal(rvu(c, "", MC_RVU_ASST), "2");
	assert_string_equal(rvu(c, "", MC_RVU_CO_SURG), "2");
	assert_string_equal(rvu(c, "", MC_RVU_TEAM), "0");
	assert_string_equal(rvu(c, "", MC_RVU_NONFAC_NA), "NA");
	assert_non_null(strstr(meaning(c, "team_surg"), "not permitted"));
	assert_string_equal(c->rvu_source.label, "RVU25D");
	/* MUE 2024-04-01 values; add-on edits where 34712 is the primary. */
	assert_true(c->nmue >= 1);
	for (size_t i = 0; i < c->nmue; i++)
		if (strcmp(c->mue[i].service_type, "Practitioner") == 0) {
			assert_int_equal(c->mue[i].units, 1);
			assert_int_equal(c->mue[i].mai, 2);
		}
	assert_int_equal(c->naddon_primaries, 0);
	assert_true(has_aoc(c->addons, c->naddons, "34713"));
	assert_true(has_aoc(c->addons, c->naddons, "34716"));
	assert_true(has_aoc(c->addons, c->naddons, "34812"));
	mc_lookup_result_release(&r);
}

static void addon_37249_and_0620T(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_lookup_result r;
	const mc_code_record *c = one(f, &r, "37249", MC_SYS_CPT, "2026-05-01");
	assert_string_equal(rvu(c, "", MC_RVU_GLOBAL), "ZZZ");
	assert_string_equal(rvu(c, "", MC_RVU_WORK), "2.97");
	assert_int_equal(c->naddon_primaries, 1);
	assert_string_equal(c->addon_primaries[0].code, "37248");
	assert_string_equal(c->addon_primaries[0].effective, "2017-01-01");
	mc_lookup_result_release(&r);

	c = one(f, &r, "0620t", MC_SYS_CPT, NULL);
	assert_string_equal(c->code, "0620T");
	/* The seed offers modifier 62; the fee schedule forbids co-surgeons. */
	assert_string_equal(rvu(c, "", MC_RVU_CO_SURG), "0");
	assert_non_null(strstr(meaning(c, "co_surg"), "not permitted"));
	mc_lookup_result_release(&r);

	c = one(f, &r, "77002", MC_SYS_CPT, NULL);
	assert_int_equal(c->nrvu, 3);
	assert_string_equal(rvu(c, "", MC_RVU_PCTC), "1");
	assert_non_null(rvu(c, "26", MC_RVU_WORK));
	assert_non_null(rvu(c, "TC", MC_RVU_STATUS));
	mc_lookup_result_release(&r);
}

static void icd10cm_fy2026_header_and_children(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_lookup_result r;
	const mc_code_record *c = one(f, &r, "e11.5", MC_SYS_ICD10CM, "2026-01-15");
	assert_string_equal(c->source.label, "FY2026");
	assert_int_equal(c->billable, 0);
	bool e1151 = false, e1152 = false;
	for (size_t i = 0; i < c->nchildren; i++) {
		e1151 |= strcmp(c->children[i].code, "E11.51") == 0;
		e1152 |= strcmp(c->children[i].code, "E11.52") == 0;
		assert_int_equal(c->children[i].billable, 1);
	}
	assert_true(e1151 && e1152);
	/* Hierarchy: chapter, section, category. */
	assert_true(c->nancestors >= 3);
	assert_string_equal(c->ancestors[c->nancestors - 1].code, "E11");
	assert_string_equal(c->ancestors[c->nancestors - 2].code, "E08-E13");
	mc_lookup_result_release(&r);

	c = one(f, &r, "I70.231", MC_SYS_ICD10CM, "2026-01-15");
	assert_string_equal(c->title_long, "Atherosclerosis of native arteries of right leg with ulceration of thigh");
	assert_int_equal(c->billable, 1);
	mc_lookup_result_release(&r);

	c = one(f, &r, "I7023", MC_SYS_ICD10CM, "2026-01-15");
	assert_int_equal(c->billable, 0);
	mc_lookup_result_release(&r);
}

static void icd10cm_fy2021_notes_and_dates(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_lookup_result r;
	const mc_code_record *c = one(f, &r, "E1152", MC_SYS_ICD10CM, "2021-06-01");
	assert_string_equal(c->source.label, "FY2021");
	bool incl = false;
	for (size_t i = 0; i < c->nnotes; i++)
		incl |= strcmp(c->notes[i].kind, "inclusion") == 0 &&
			strcmp(c->notes[i].text, "Type 2 diabetes mellitus with diabetic gangrene") == 0;
	assert_true(incl);
	mc_lookup_result_release(&r);

	/* The FY2021 order file is authoritative: no derived death-code D/S. */
	mc_error err;
	mc_lookup_opts o = { "2021-06-01", MC_SYS_ICD10CM, 0, false };
	assert_int_equal(mc_lookup(f->st.s, "S06.1X7D", &o, &r, &err), 0);
	assert_int_equal(r.n, 0);
	mc_lookup_result_release(&r);
	c = one(f, &r, "S06.1X7A", MC_SYS_ICD10CM, "2021-06-01");
	assert_int_equal(c->billable, 1);
	mc_lookup_result_release(&r);

	/* 7th characters apply to a fracture subcategory. */
	c = one(f, &r, "S52.521", MC_SYS_ICD10CM, "2021-06-01");
	assert_int_equal(c->billable, 0);
	assert_true(c->nseventh >= 3);
	mc_lookup_result_release(&r);
}

static void release_counts(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_release_info *rel;
	size_t n;
	mc_error err;
	assert_int_equal(mc_store_releases(f->st.s, &rel, &n, &err), 0);
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rel[i].stream, "icd10cm") == 0 && strcmp(rel[i].label, "FY2021") == 0) {
			assert_int_equal(rel[i].billable, 72621);
			seen++;
		} else if (strcmp(rel[i].stream, "icd10cm") == 0 && strcmp(rel[i].label, "FY2026") == 0) {
			assert_int_equal(rel[i].billable, 74719);
			seen++;
		} else if (strcmp(rel[i].stream, "hcpcs") == 0) {
			assert_int_equal(rel[i].records, 8463);
			seen++;
		} else if (strcmp(rel[i].stream, "modifier-l2") == 0) {
			assert_int_equal(rel[i].records, 383);
			seen++;
		} else if (strcmp(rel[i].stream, "taxonomy") == 0) {
			assert_int_equal(rel[i].records, 883);
			seen++;
		} else if (strcmp(rel[i].stream, "aoc") == 0) {
			assert_int_equal(rel[i].records, 9000);
			seen++;
		} else if (strcmp(rel[i].stream, "rvu") == 0) {
			assert_int_equal(rel[i].records, 19090);
			seen++;
		} else if (strcmp(rel[i].stream, "mue") == 0) {
			assert_int_equal(rel[i].records, 32202);
			seen++;
		}
	}
	assert_int_equal(seen, 8);
	mc_store_releases_free(rel, n);
}

static void history_between_releases(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	/* A code added after FY2021: E11.A (FY2025) is active in FY2026 and
	 * its history says when it was added. */
	mc_lookup_result r;
	const mc_code_record *c = one(f, &r, "E11.A", MC_SYS_ICD10CM, "2026-01-15");
	bool added = false;
	for (size_t i = 0; i < c->nhistory; i++)
		added |= strcmp(c->history[i].change, "added") == 0 &&
			 strcmp(c->history[i].date, "2025-10-01") == 0;
	assert_true(added);
	mc_lookup_result_release(&r);
	/* The same code did not exist on a FY2021 date. */
	c = one(f, &r, "E11.A", MC_SYS_ICD10CM, "2021-06-01");
	assert_string_equal(c->state, "not_yet_valid");
	mc_lookup_result_release(&r);
}

static void dotless_code_in_two_systems(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_error err;
	mc_lookup_result r;
	mc_lookup_opts o = { "2026-01-15", MC_SYS_NONE, 0, true };
	assert_int_equal(mc_lookup(f->st.s, "A0100", &o, &r, &err), 0);
	assert_int_equal(r.n, 2);
	bool icd = false, hcpcs = false;
	for (size_t i = 0; i < r.n; i++) {
		icd |= strcmp(r.items[i].system, "icd10cm") == 0 && strcmp(r.items[i].code, "A01.00") == 0;
		hcpcs |= strcmp(r.items[i].system, "hcpcs") == 0 && strcmp(r.items[i].code, "A0100") == 0;
	}
	assert_true(icd && hcpcs);
	mc_lookup_result_release(&r);
	o.system = MC_SYS_HCPCS;
	assert_int_equal(mc_lookup(f->st.s, "A0100", &o, &r, &err), 0);
	assert_int_equal(r.n, 1);
	mc_lookup_result_release(&r);
}

static void hcpcs_taxonomy_modifiers(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_lookup_result r;
	const mc_code_record *c = one(f, &r, "G0008", MC_SYS_HCPCS, "2026-01-15");
	assert_string_equal(c->title_long, "Administration of influenza virus vaccine");
	assert_string_equal(attr(c, "betos"), "O1G");
	assert_string_equal(attr(c, "cov"), "C");
	mc_lookup_result_release(&r);

	c = one(f, &r, "207RH0000X", MC_SYS_TAXONOMY, NULL);
	assert_non_null(strstr(c->title_long, "Hematology"));
	mc_lookup_result_release(&r);
	mc_error err;
	mc_lookup_opts o = { NULL, MC_SYS_TAXONOMY, 0, false };
	assert_int_equal(mc_lookup(f->st.s, "2080S0002X", &o, &r, &err), 0);
	assert_int_equal(r.n, 0);
	mc_lookup_result_release(&r);

	c = one(f, &r, "LT", MC_SYS_MODIFIER, NULL);
	assert_non_null(strstr(attr(c, "kinds"), "anatomic"));
	mc_lookup_result_release(&r);
	c = one(f, &r, "62", MC_SYS_MODIFIER, NULL);
	assert_non_null(strstr(attr(c, "kinds"), "cosurgeon"));
	assert_string_equal(attr(c, "level"), "I");
	mc_lookup_result_release(&r);
	c = one(f, &r, "QK", MC_SYS_MODIFIER, NULL);
	assert_non_null(strstr(attr(c, "kinds"), "anesthesia"));
	mc_lookup_result_release(&r);
	/* Modifier 11 does not exist. */
	o.system = MC_SYS_MODIFIER;
	assert_int_equal(mc_lookup(f->st.s, "11", &o, &r, &err), 0);
	assert_int_equal(r.n, 0);
	mc_lookup_result_release(&r);
}

static void ranges_on_real_codes(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_error err;
	mc_lookup_result r;
	mc_lookup_opts o = { NULL, MC_SYS_NONE, 0, false };
	assert_int_equal(mc_lookup(f->st.s, "77001-77003", &o, &r, &err), 0);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.items[0].code, "77001");
	assert_string_equal(r.items[2].code, "77003");
	mc_lookup_result_release(&r);
}

/* The redactor with the store's name lists and vocabulary (what medcode
 * import loaded from $MEDCODE_DATA): clinical words of the titles and
 * index terms are no longer taken for names; eponyms that the name lists
 * hold as surnames do not take the vocabulary flag and stay names. */
static void phi_store_vocabulary(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_error err;
	mc_phi *p = NULL;
	mc_phi_opts o = { 0 };
	assert_int_equal(mc_phi_new(&p, &o, &err), 0);
	assert_int_equal(mc_phi_load_store(p, f->st.s, &err), 0);
	assert_int_equal(mc_phi_check(p, &err), 0);
	size_t nv = mc_phi_vocabulary_size(p);
	fprintf(stderr, "  %zu vocabulary words from the store\n", nv);
	assert_true(nv > 3000); /* (words no other list knows: the medical dictionary knows most) */
	static const char *const clinical[] = { "clostridium", "echinococcus", "hydronephrosis", "pseudomonas" };
	for (size_t i = 0; i < sizeof(clinical) / sizeof(clinical[0]); i++)
		assert_true(phi_vocab_only(phi_dict_get(&p->dict, clinical[i], strlen(clinical[i]))));
	/* in ICD-10-CM titles (Wilson's disease, Castleman disease, Fournier
	 * gangrene, Meckel's diverticulum) and in the surname lists */
	static const char *const surnames[] = { "wilson", "castleman", "fournier", "meckel" };
	for (size_t i = 0; i < sizeof(surnames) / sizeof(surnames[0]); i++) {
		uint32_t fl = phi_dict_get(&p->dict, surnames[i], strlen(surnames[i]));
		assert_true(fl & D_LAST);
		assert_false(phi_vocab_only(fl));
		assert_true(fl & D_CLINICAL);
	}
	const char *text = "Stool cultures grew Clostridium and the smear showed Echinococcus. "
			   "Results were discussed with Castleman today.";
	mc_phi_doc *d = NULL;
	mc_phi_result r;
	mc_phi_result_init(&r);
	assert_int_equal(mc_phi_doc_new(&d, p, NULL, &err), 0);
	assert_int_equal(mc_phi_detect(d, text, strlen(text), &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.spans[0].type, MC_PHI_NAME);
	assert_int_equal(r.spans[0].start, (size_t)(strstr(text, "Castleman") - text));
	mc_phi_result_release(&r);
	mc_phi_doc_free(d);
	mc_phi_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(release_counts),
		cmocka_unit_test(fee_schedule_34712),
		cmocka_unit_test(addon_37249_and_0620T),
		cmocka_unit_test(icd10cm_fy2026_header_and_children),
		cmocka_unit_test(icd10cm_fy2021_notes_and_dates),
		cmocka_unit_test(history_between_releases),
		cmocka_unit_test(dotless_code_in_two_systems),
		cmocka_unit_test(hcpcs_taxonomy_modifiers),
		cmocka_unit_test(ranges_on_real_codes),
		cmocka_unit_test(phi_store_vocabulary),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
