/* medcode detect, encounter coding: the document's codes are what a coder
 * would bill for the visit (note structure, assertion, certainty, symptoms
 * integral to a diagnosis, history codes), over the fixture dictionary
 * tests/data/detect/dict.tsv.  Each case fails without its mechanism. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "medcode/detect.h"

static mc_detect *fixture(void)
{
	const char *src = getenv("MC_SOURCE_DIR");
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/data/detect/dict.tsv", src ? src : ".");
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	mc_detect *d = NULL;
	mc_error err;
	assert_int_equal(mc_detect_new_from_tsv(&d, buf, n, &err), 0);
	return d;
}

/* The document's codes, space separated, in order. */
static void doc_codes(mc_detect *d, const char *text, char *out, size_t cap)
{
	mc_detect_result r;
	mc_error err;
	assert_int_equal(mc_detect_text(d, text, strlen(text), NULL, &r, &err), 0);
	size_t k = 0;
	out[0] = 0;
	for (size_t i = 0; i < r.ncodes; i++)
		k += (size_t)snprintf(out + k, cap - k, "%s%s", i ? " " : "", r.codes[i].code);
	mc_detect_result_release(&r);
}

static void expect_codes(mc_detect *d, const char *text, const char *want)
{
	char got[512];
	doc_codes(d, text, got, sizeof(got));
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "text: %s\nwant: '%s'\ngot:  '%s'\n", text, want, got);
		fail();
	}
}

/* The problem list of the assessment is what the visit is about: the
 * review of systems, the examination and the history are not coded. */
static void test_assessment_problem_list(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d,
		     "CHIEF COMPLAINT\n\nFollow-up.\n\n"
		     "PAST MEDICAL HISTORY\n\nAnemia.\n\n"
		     "REVIEW OF SYSTEMS\n\nRespiratory: Reports cough. Denies fever.\n\n"
		     "PHYSICAL EXAM\n\nCV: Heart failure signs absent. Constipation noted.\n\n"
		     "ASSESSMENT AND PLAN\n\n"
		     "The patient is doing well; we talked about his anemia and the tests at length today.\n\n"
		     "1. Hypertension.\n"
		     "- Medical Reasoning: Blood pressure is controlled.\n"
		     "2. Type 2 diabetes.\n"
		     "- Medical Treatment: Continue metformin.\n",
		     "I10 E11.9");
	mc_detect_free(d);
}

/* Without an assessment the complaint and present illness are coded, and
 * still not the review of systems. */
static void test_no_assessment(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "HPI: Two days of headache.\nROS: Positive for cough.\n", "R51.9");
	mc_detect_free(d);
}

/* Outpatient coding does not code what is uncertain ("possible", "rule
 * out"): the mention stays, with its trait, out of the codes. */
static void test_uncertain_not_coded(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	const char *text = "Assessment:\nPossible pneumonia.\nRule out pulmonary embolism.\nHypertension.\n";
	expect_codes(d, text, "I10");
	mc_detect_result r;
	mc_error err;
	assert_int_equal(mc_detect_text(d, text, strlen(text), NULL, &r, &err), 0);
	assert_int_equal(r.n, 3);
	assert_true(r.entities[0].traits & MC_DT_UNCERTAIN);
	mc_detect_result_release(&r);
	mc_detect_free(d);
}

/* A sub-label inside the assessment ("Medical Reasoning:") does not end it,
 * and a header in capitals alone on its line opens a section. */
static void test_sections(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d,
		     "FAMILY HISTORY\n\nMother: breast cancer.\n\n"
		     "ASSESSMENT\n\nMigraine.\nMedical Reasoning: Chronic kidney disease is stable.\n",
		     "G43.909 N18.9");
	mc_detect_free(d);
}

/* A symptom of the same site as a coded diagnosis is integral to it. */
static void test_symptom_integral(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\n1. Right knee pain.\n2. Right knee osteoarthritis.\n3. Chest pain.\n",
		     "M17.11 R07.9");
	mc_detect_free(d);
}

/* A past condition is coded as a history or old condition, never as the
 * current disease; the term that says more wins ("breast" makes Z85.3). */
static void test_history_codes(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\nhx of MI.\n", "I25.2");
	expect_codes(d, "Assessment:\nHistory of breast cancer.\n", "Z85.3");
	expect_codes(d, "Assessment:\nHistory of pneumonia.\nHypertension.\n", "I10");
	mc_detect_free(d);
}

/* An expansion stands for its whole phrase: "CAD" (atherosclerotic heart
 * disease) is I25.10, not the looser heart disease I51.9, and "depression"
 * (which the lexicon also reads as major depressive disorder) is F32.A,
 * not major depression F32.9, which uses a part of the phrase only. */
static void test_expansion_fidelity(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\nCAD.\n", "I25.10");
	expect_codes(d, "Assessment:\nDepression.\n", "F32.A");
	mc_detect_free(d);
}

/* The all-mentions mode still lists every mention's code. */
static void test_all_mentions_unchanged(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	const char *text = "ROS: Positive for cough.\nAssessment:\nPossible pneumonia.\nHypertension.\n";
	mc_detect_opts o = { true, false, 0 };
	mc_detect_result r;
	mc_error err;
	assert_int_equal(mc_detect_text(d, text, strlen(text), &o, &r, &err), 0);
	assert_int_equal(r.ncodes, 3);
	mc_detect_result_release(&r);
	mc_detect_free(d);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_assessment_problem_list),
		cmocka_unit_test(test_no_assessment),
		cmocka_unit_test(test_uncertain_not_coded),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_symptom_integral),
		cmocka_unit_test(test_history_codes),
		cmocka_unit_test(test_expansion_fidelity),
		cmocka_unit_test(test_all_mentions_unchanged),
	};
	return cmocka_run_group_tests_name("detect_encounter", t, NULL, NULL);
}
