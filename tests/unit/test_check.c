/* Validation rules (medcode/check.h): the seeds' own errors must be found.
 * Real-data tests import $MEDCODE_DATA into a temporary store once (group
 * setup) and skip when it is unset; the text and indicator rules run on
 * made-up records and always run. */
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
		return rc > 0 ? 0 : -1;
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

/* The finding with this rule about this subject, or NULL. */
static const mc_finding *has_finding(const mc_findings *fs, const char *rule, const char *subject)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->items[i].rule, rule) == 0 && strstr(fs->items[i].subject, subject))
			return &fs->items[i];
	return NULL;
}

static void lookup_code(fx *f, const char *code, mc_lookup_result *r)
{
	mc_error err;
	mc_lookup_opts o = { DATE, MC_SYS_CPT, 0, false };
	assert_int_equal(mc_lookup(f->st.s, code, &o, r, &err), 0);
	assert_int_equal(r->n, 1);
}

/* ---- always run ------------------------------------------------------ */

static void text_matches_normalised(void **state)
{
	(void)state;
	assert_true(mc_check_text_matches("Atherosclerosis of native arteries of the right leg",
					  "atherosclerosis of native arteries of right leg"));
	assert_true(mc_check_text_matches("Left  side.", "left side"));
	assert_false(mc_check_text_matches("with gangrene", "without gangrene"));
	assert_false(mc_check_text_matches(NULL, "x"));
}

static void findings_list(void **state)
{
	(void)state;
	mc_findings f;
	mc_findings_init(&f);
	assert_int_equal(mc_findings_add(&f, MC_SEV_INFO, "r.a", "s", "", "src", NULL, "n %d", 1), 0);
	size_t mark = f.n;
	assert_false(mc_findings_failed_since(&f, 0));
	for (int i = 0; i < 40; i++)
		assert_int_equal(mc_findings_add(&f, MC_SEV_ERROR, "r.b", "s", "$.x", "src", "Y", "e %d", i), 0);
	assert_true(mc_findings_failed_since(&f, mark));
	assert_string_equal(f.items[40].message, "e 39");
	assert_string_equal(f.items[40].suggest, "Y");
	mc_findings_release(&f);
	assert_int_equal(f.n, 0);
}

/* A made-up fee-schedule row drives the indicator rules with no store. */
static void indicator_rules_fixture(void **state)
{
	(void)state;
	mc_rvu_item rv;
	memset(&rv, 0, sizeof(rv));
	rv.mod = "";
	rv.field[MC_RVU_BILAT] = "0";
	rv.field[MC_RVU_MULT_PROC] = "0";
	rv.field[MC_RVU_CO_SURG] = "0";
	rv.field[MC_RVU_TEAM] = "2";
	rv.field[MC_RVU_ASST] = "1";
	rv.field[MC_RVU_PCTC] = "0";
	rv.field[MC_RVU_GLOBAL] = "ZZZ";
	mc_code_record c;
	memset(&c, 0, sizeof(c));
	c.system = "cpt";
	c.code = "99999";
	c.rvu = &rv;
	c.nrvu = 1;
	mc_findings f;
	mc_findings_init(&f);
	const char *mods[] = { "50", "51", "62", "66", "80", "AS", "26", "TC" };
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(mc_check_modifier_rules(&c, mods[i], "pricing", "", &f), 0);
	assert_non_null(has_finding(&f, "modifier.bilateral", "50"));
	assert_non_null(has_finding(&f, "modifier.multiple", "51"));
	assert_non_null(has_finding(&f, "modifier.addon", "51"));
	assert_non_null(has_finding(&f, "modifier.cosurgeon", "62"));
	assert_null(has_finding(&f, "modifier.team", "66"));
	assert_non_null(has_finding(&f, "modifier.assistant", "80"));
	assert_non_null(has_finding(&f, "modifier.assistant", "AS"));
	assert_non_null(has_finding(&f, "modifier.pctc", "26"));
	assert_non_null(has_finding(&f, "modifier.pctc", "TC"));
	/* Anesthesia kinds on a non-anesthesia code; 47 goes on surgery. */
	assert_int_equal(mc_check_modifier_rules(&c, "QK", "anesthesia,pricing", "", &f), 0);
	assert_non_null(has_finding(&f, "modifier.anesthesia", "QK"));
	size_t n = f.n;
	assert_int_equal(mc_check_modifier_rules(&c, "47", "anesthesia", "", &f), 0);
	assert_int_equal(f.n, n);
	c.code = "00100";
	assert_int_equal(mc_check_modifier_rules(&c, "QY", "anesthesia,pricing", "", &f), 0);
	assert_null(has_finding(&f, "modifier.anesthesia", "QY"));
	mc_findings_release(&f);
}

/* A made-up history (in force by 2024-04-01) drives the time-bound claims
 * with no store. */
static void time_claims_fixture(void **state)
{
	(void)state;
	mc_hist_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.kind = MC_HIST_IN_FORCE_BY;
	ev.date = "2024-04-01";
	ev.detail = "listed in MUE 2024Q2";
	ev.source.stream = "mue";
	ev.source.label = "2024Q2";
	ev.source.files = "mue.tsv";
	mc_code_history h;
	memset(&h, 0, sizeof(h));
	h.items = &ev;
	h.n = 1;
	h.earliest = ev.date;
	h.earliest_event = &ev;
	mc_findings f;
	mc_findings_init(&f);
	const char *headline = "New CPT code 0620T defines a procedure for limb salvage";
	assert_int_equal(mc_check_time_claims(headline, "0620T", "2026-12-07", &h, "$.headline", &f), 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].rule, "claim.stale");
	assert_int_equal(f.items[0].severity, MC_SEV_WARNING);
	assert_string_equal(f.items[0].where, "$.headline");
	assert_non_null(strstr(f.items[0].message, "'New'"));
	assert_non_null(strstr(f.items[0].message, "since 2024-04-01 at the latest (listed in MUE 2024Q2)"));
	assert_string_equal(f.items[0].source, "mue.tsv (mue 2024Q2)");
	/* Within its first year a code may be called new. */
	assert_int_equal(mc_check_time_claims(headline, "0620T", "2025-03-31", &h, "", &f), 0);
	assert_int_equal(f.n, 1);
	/* "new" about something else, or no time word about the code. */
	assert_int_equal(mc_check_time_claims("The new wound dressing is applied daily. A dedicated CPT code enables "
					      "clearer documentation.", "0620T", "2026-12-07", &h, "", &f), 0);
	assert_int_equal(f.n, 1);
	/* One finding per sentence; the code named after the word counts. */
	assert_int_equal(mc_check_time_claims("0620T is a recently added code. It is new, and the code 0620T is the "
					      "latest.", "0620T", "2026-12-07", &h, "", &f), 0);
	assert_int_equal(f.n, 3);
	/* "upcoming" is stale once the code is in force. */
	assert_int_equal(mc_check_time_claims("The upcoming code 0620T.", "0620T", "2024-01-01", &h, "", &f), 0);
	assert_int_equal(f.n, 3);
	assert_int_equal(mc_check_time_claims("The upcoming code 0620T.", "0620T", "2024-05-01", &h, "", &f), 0);
	assert_int_equal(f.n, 4);
	/* No date in the history, no verdict. */
	h.earliest = NULL;
	assert_int_equal(mc_check_time_claims(headline, "0620T", "2026-12-07", &h, "", &f), 0);
	assert_int_equal(f.n, 4);
	mc_findings_release(&f);
}

/* Contradictions between made-up descriptions (no store, no CPT text). */
static void meaning_fixture(void **state)
{
	(void)state;
	mc_findings f;
	mc_findings_init(&f);
	/* Abbreviated and hyphenated spellings count; plurals too. */
	assert_int_equal(mc_check_meaning("99999", "tibial arteries", "Fem/popl artery stenting", "f.csv (s 1)", "$.x",
					  &f), 0);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.items[0].message, "by site 'tibial-peroneal'"));
	assert_non_null(strstr(f.items[0].message, "names site 'femoral-popliteal'"));
	assert_true(strncmp(f.items[0].source, "f.csv (s 1); data/descriptor_contrasts.tsv: ", 44) == 0);
	assert_int_equal(mc_check_meaning("99999", "chest X-rays", "Chest ultrasound exam", NULL, "", &f), 0);
	assert_int_equal(f.n, 2);
	/* One shared value is enough; a dimension one side lacks says nothing. */
	assert_int_equal(mc_check_meaning("99999", "iliac or femoral stents", "Fem stent placement", NULL, "", &f), 0);
	assert_int_equal(mc_check_meaning("99999", "tibial stent", "Revascularization", NULL, "", &f), 0);
	assert_int_equal(mc_check_meaning("99999", "Data not available in the input.", "Fem stent", NULL, "", &f), 0);
	assert_int_equal(mc_check_meaning("99999", "", "Fem stent", NULL, "", &f), 0);
	assert_int_equal(f.n, 2);
	/* Two dimensions wrong: two findings. */
	assert_int_equal(mc_check_meaning("99999", "tibial stent under ultrasound", "Fem ablation, fluoroscopic guidance",
					  NULL, "", &f), 0);
	assert_int_equal(f.n, 5);
	mc_findings_release(&f);
}

/* ---- the seeds' content against the real store ---------------------- */

static void seed_0620T_modifiers(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_lookup_result r;
	lookup_code(f, "0620T", &r);
	mc_findings fs;
	mc_findings_init(&fs);
	mc_error err;
	/* 62: co-surgeon indicator 0. */
	assert_int_equal(mc_check_modifier(f->st.s, DATE, &r.items[0], "62", "Two surgeons", "$.m[6]", &fs, &err), 0);
	const mc_finding *x = has_finding(&fs, "modifier.cosurgeon", "62");
	assert_non_null(x);
	assert_int_equal(x->severity, MC_SEV_ERROR);
	assert_non_null(strstr(x->message, "co_surg indicator is 0"));
	assert_non_null(strstr(x->source, "PPRRVU2025_Oct.csv"));
	/* QK, QX, QY: anesthesia modifiers with wrong descriptions. */
	struct { const char *mod, *desc, *official; } q[] = {
		{ "QK", "Medical direction of two, three, or four assistants",
		  "Medical direction of two, three, or four concurrent anesthesia procedures" },
		{ "QX", "Qualified nonphysician surgical assistant", "Crna service: with medical direction by a physician" },
		{ "QY", "Data not available in the input.", "Medical direction of one certified registered nurse anesthetist" },
	};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(mc_check_modifier(f->st.s, DATE, &r.items[0], q[i].mod, q[i].desc, "", &fs, &err), 0);
		assert_non_null(has_finding(&fs, "modifier.anesthesia", q[i].mod));
		x = has_finding(&fs, "modifier.description", q[i].mod);
		assert_non_null(x);
		/* QY's record gives no description: that alone is no error. */
		assert_int_equal(x->severity, i == 2 ? MC_SEV_INFO : MC_SEV_ERROR);
		assert_non_null(strstr(x->message, q[i].official));
		assert_non_null(strstr(x->source, "HCPC2025_OCT_ANWEB.xlsx"));
	}
	/* A right row passes: LT on 0620T (bilateral indicator 1). */
	size_t mark = fs.n;
	assert_int_equal(mc_check_modifier(f->st.s, DATE, &r.items[0], "LT", "Left side (used to identify procedures "
					   "performed on the left side of the body)", "", &fs, &err), 0);
	assert_false(mc_findings_failed_since(&fs, mark));
	/* RT without a description in the record: valid, applies, and the
	 * official description is what the page prints. */
	mark = fs.n;
	assert_int_equal(mc_check_modifier(f->st.s, DATE, &r.items[0], "RT", "Data not available in the input.",
					   "$.modifiers[10]", &fs, &err), 0);
	assert_false(mc_findings_failed_since(&fs, mark));
	x = has_finding(&fs, "modifier.description", "RT");
	assert_non_null(x);
	assert_int_equal(x->severity, MC_SEV_INFO);
	assert_non_null(strstr(x->message, "Right side"));
	mc_findings_release(&fs);
	mc_lookup_result_release(&r);
}

static void seed_34712_modifier_11(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_lookup_result r;
	lookup_code(f, "34712", &r);
	mc_findings fs;
	mc_findings_init(&fs);
	mc_error err;
	assert_int_equal(mc_check_modifier(f->st.s, DATE, &r.items[0], "11", "Normal baseline service", "$.modifiers[0]",
					   &fs, &err), 0);
	const mc_finding *x = has_finding(&fs, "modifier.exists", "11");
	assert_non_null(x);
	assert_int_equal(x->severity, MC_SEV_ERROR);
	assert_string_equal(x->where, "$.modifiers[0]");
	/* 22 exists and 34712 allows it. */
	size_t mark = fs.n;
	assert_int_equal(mc_check_modifier(f->st.s, DATE, &r.items[0], "22", "Increased procedural services", "", &fs, &err), 0);
	assert_false(mc_findings_failed_since(&fs, mark));
	mc_findings_release(&fs);
	mc_lookup_result_release(&r);
}

static void seed_37249_addon_51(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_lookup_result r;
	lookup_code(f, "37249", &r);
	mc_findings fs;
	mc_findings_init(&fs);
	mc_error err;
	assert_int_equal(mc_check_modifier(f->st.s, DATE, &r.items[0], "51", NULL, "", &fs, &err), 0);
	assert_non_null(has_finding(&fs, "modifier.addon", "51"));
	assert_non_null(has_finding(&fs, "modifier.multiple", "51"));
	mc_findings_release(&fs);
	mc_lookup_result_release(&r);
}

static void seed_0620T_taxonomy(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	struct { const char *code, *specialty, *rule, *suggest; } t[] = {
		{ "2080S0002X", "Vascular Surgery", "taxonomy.exists", "2086S0129X" },
		{ "207RH0000X", "Interventional Cardiology", "taxonomy.specialty", "207RI0011X" },
		{ "2084P0800X", "Interventional Radiology", "taxonomy.specialty", "2085R0204X" },
		{ "363L00000X", "Podiatric Medicine & Surgery", "taxonomy.specialty", "213E00000X" },
	};
	mc_findings fs;
	mc_findings_init(&fs);
	mc_error err;
	for (size_t i = 0; i < 4; i++) {
		size_t mark = fs.n;
		assert_int_equal(mc_check_taxonomy(f->st.s, DATE, t[i].code, t[i].specialty, "", &fs, &err), 0);
		assert_int_equal(fs.n, mark + 1);
		const mc_finding *x = &fs.items[mark];
		assert_string_equal(x->rule, t[i].rule);
		assert_int_equal(x->severity, MC_SEV_ERROR);
		assert_non_null(x->suggest);
		assert_string_equal(x->suggest, t[i].suggest);
		assert_non_null(strstr(x->message, t[i].suggest));
	}
	/* The suggested codes themselves pass. */
	for (size_t i = 0; i < 4; i++) {
		size_t mark = fs.n;
		assert_int_equal(mc_check_taxonomy(f->st.s, DATE, t[i].suggest, t[i].specialty, "", &fs, &err), 0);
		assert_int_equal(fs.n, mark);
	}
	mc_findings_release(&fs);
}

static void seed_0620T_diagnoses(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	/* The suggestion follows what the row says (its title) across the
	 * whole category, not the children of the header it named. */
	struct { const char *code, *title; bool header, title_wrong; const char *suggest; } d[] = {
		{ "I70.23", "Atherosclerosis of native arteries of the right leg with rest pain", true, true, "I70.221" },
		{ "I70.24", "Atherosclerosis of native arteries of the left leg with rest pain", true, true, "I70.222" },
		{ "I70.31", "Atherosclerosis of native arteries of the right leg with ulceration", true, true, "I70.239" },
		{ "I70.32", "Atherosclerosis of native arteries of the left leg with ulceration", true, true, "I70.249" },
		{ "I70.33", "Atherosclerosis of native arteries of the right leg with gangrene", true, true, "I70.261" },
		{ "I70.34", "Atherosclerosis of native arteries of the left leg with gangrene", true, true, "I70.262" },
		{ "E11.51", "Type 2 diabetes mellitus with diabetic peripheral angiopathy with gangrene", false, true,
		  "E11.52" },
		{ "I96", "Gangrene, not elsewhere classified", false, false, NULL },
	};
	mc_findings fs;
	mc_findings_init(&fs);
	mc_error err;
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		size_t mark = fs.n;
		assert_int_equal(mc_check_icd10cm(f->st.s, DATE, d[i].code, d[i].title, "", &fs, &err), 0);
		mc_findings one = { fs.items + mark, fs.n - mark, 0 };
		const mc_finding *h = has_finding(&one, "icd10cm.billable", d[i].code);
		const mc_finding *t = has_finding(&one, "icd10cm.title", d[i].code);
		if (d[i].header != (h != NULL) || d[i].title_wrong != (t != NULL))
			fail_msg("%s: header finding %d, title finding %d", d[i].code, h != NULL, t != NULL);
		if (d[i].suggest) {
			if (!t->suggest || strcmp(t->suggest, d[i].suggest) != 0)
				fail_msg("%s: suggests %s, not %s", d[i].code, t->suggest ? t->suggest : "nothing",
					 d[i].suggest);
			/* Ranked first, with the reason. */
			char first[64];
			snprintf(first, sizeof(first), "1. %s '", d[i].suggest);
			assert_non_null(strstr(t->message, first));
			assert_non_null(strstr(t->message, "has every stated word"));
			if (h)
				assert_string_equal(h->suggest, d[i].suggest);
		}
	}
	/* Rest pain is not ulceration: I70.23's children are not offered. */
	const mc_finding *t = has_finding(&fs, "icd10cm.title", "I70.23");
	assert_null(strstr(t->message, "I70.231"));
	assert_non_null(strstr(t->message, "I70.221 'Atherosclerosis of native arteries of extremities with rest pain, right leg'"));
	/* With gangrene is not without: E11.51 (the row's own code) is not offered. */
	t = has_finding(&fs, "icd10cm.title", "E11.51");
	assert_non_null(strstr(t->message, "without gangrene"));
	assert_null(strstr(t->message, "2. E11.51"));
	assert_non_null(strstr(t->source, "FY2026"));
	/* A header stated without a title lists its billable codes. */
	size_t mark = fs.n;
	assert_int_equal(mc_check_icd10cm(f->st.s, DATE, "I70.23", NULL, "", &fs, &err), 0);
	assert_int_equal(fs.n, mark + 1);
	assert_non_null(strstr(fs.items[mark].message, "I70.231, I70.232"));
	/* A code that does not exist is matched by its words too. */
	assert_int_equal(mc_check_icd10cm(f->st.s, DATE, "I70.27", "Atherosclerosis of native arteries of "
					  "extremities with gangrene, right leg", "", &fs, &err), 0);
	assert_string_equal(fs.items[fs.n - 1].rule, "icd10cm.exists");
	assert_string_equal(fs.items[fs.n - 1].suggest, "I70.261");
	mc_findings_release(&fs);
}

/* What a record says a related code is must not contradict its official
 * descriptor (descriptions here are our own words, not CPT text). */
static void related_code_meaning(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	struct { const char *code, *said, *dim, *said_value, *official_value; } bad[] = {
		{ "37224", "revascularization of the tibial and peroneal arteries", "site", "tibial-peroneal",
		  "femoral-popliteal" },
		{ "76140", "reading of an intravascular ultrasound study", "modality", "ultrasound", "x-ray" },
		{ "36475", "opening a blocked vein and placing stents", "technique", "stent", "ablation" },
	};
	mc_findings fs;
	mc_findings_init(&fs);
	mc_error err;
	for (size_t i = 0; i < 3; i++) {
		size_t mark = fs.n;
		assert_int_equal(mc_check_related(f->st.s, DATE, bad[i].code, bad[i].said, "$.related_codes[0]", &fs,
						  &err), 0);
		assert_int_equal(fs.n, mark + 1);
		const mc_finding *x = &fs.items[mark];
		assert_string_equal(x->rule, "related.meaning");
		assert_int_equal(x->severity, MC_SEV_ERROR);
		char want[160];
		snprintf(want, sizeof(want), "by %s '%s'", bad[i].dim, bad[i].said_value);
		assert_non_null(strstr(x->message, want));
		snprintf(want, sizeof(want), "names %s '%s'", bad[i].dim, bad[i].official_value);
		assert_non_null(strstr(x->message, want));
		assert_non_null(strstr(x->source, "PPRRVU2025_Oct.csv"));
		assert_non_null(strstr(x->source, "data/descriptor_contrasts.tsv"));
	}
	/* Descriptions that agree, or name nothing the table knows, pass. */
	size_t mark = fs.n;
	assert_int_equal(mc_check_related(f->st.s, DATE, "37224", "femoral and popliteal angioplasty", "", &fs, &err), 0);
	assert_int_equal(mc_check_related(f->st.s, DATE, "36200", "a catheter placed in the aorta, iliac or femoral "
					  "artery", "", &fs, &err), 0);
	assert_int_equal(mc_check_related(f->st.s, DATE, "75710", "x-rays of the arteries of a limb", "", &fs, &err), 0);
	assert_int_equal(mc_check_related(f->st.s, DATE, "36475", "Data not available in the input.", "", &fs, &err), 0);
	assert_int_equal(mc_check_related(f->st.s, DATE, "J1100", "an injected steroid", "", &fs, &err), 0);
	assert_int_equal(fs.n, mark);
	/* A code that does not exist is only that finding. */
	assert_int_equal(mc_check_related(f->st.s, DATE, "0000Z", "tibial stent", "", &fs, &err), 0);
	assert_int_equal(fs.n, mark + 1);
	assert_string_equal(fs.items[mark].rule, "related.exists");
	mc_findings_release(&fs);
}

static void related_codes_exist(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_findings fs;
	mc_findings_init(&fs);
	mc_error err;
	const char *ok[] = { "36200", "75710", "37224", "76140", "36475", "J1100" };
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(mc_check_code_exists(f->st.s, DATE, ok[i], "", &fs, &err), 0);
	assert_int_equal(fs.n, 0);
	assert_int_equal(mc_check_code_exists(f->st.s, DATE, "0000Z", "$.related_codes[9]", &fs, &err), 0);
	assert_int_equal(mc_check_code_exists(f->st.s, DATE, "not a code!", "", &fs, &err), 0);
	assert_int_equal(fs.n, 2);
	assert_string_equal(fs.items[0].rule, "related.exists");
	mc_findings_release(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_matches_normalised),
		cmocka_unit_test(findings_list),
		cmocka_unit_test(indicator_rules_fixture),
		cmocka_unit_test(time_claims_fixture),
		cmocka_unit_test(meaning_fixture),
		cmocka_unit_test(seed_0620T_modifiers),
		cmocka_unit_test(seed_34712_modifier_11),
		cmocka_unit_test(seed_37249_addon_51),
		cmocka_unit_test(seed_0620T_taxonomy),
		cmocka_unit_test(seed_0620T_diagnoses),
		cmocka_unit_test(related_code_meaning),
		cmocka_unit_test(related_codes_exist),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
