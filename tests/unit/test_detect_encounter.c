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

/* The document's codes (encounter coding, or every mention when all is
 * set), space separated, in order, must be want. */
static void expect_mode(mc_detect *d, bool all, const char *text, const char *want)
{
	mc_detect_opts o = { all, false, 0 };
	mc_detect_result r;
	mc_error err;
	assert_int_equal(mc_detect_text(d, text, strlen(text), &o, &r, &err), 0);
	char got[512];
	size_t k = 0;
	got[0] = 0;
	for (size_t i = 0; i < r.ncodes; i++)
		k += (size_t)snprintf(got + k, sizeof(got) - k, "%s%s", i ? " " : "", r.codes[i].code);
	mc_detect_result_release(&r);
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "text: %s\nwant: '%s'\ngot:  '%s'\n", text, want, got);
		fail();
	}
}

static void expect_codes(mc_detect *d, const char *text, const char *want)
{
	expect_mode(d, false, text, want);
}

static void expect_all(mc_detect *d, const char *text, const char *want)
{
	expect_mode(d, true, text, want);
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

/* An injury's 7th character comes from the note's story when the text does
 * not name the encounter: an injury event (fell, twisted) is treated at
 * this visit (A), healing makes it a subsequent encounter (D); without
 * either the code stays without its 7th character and is not billed. */
static void test_injury_seventh(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "HPI: She twisted her ankle yesterday.\nAssessment:\nRight ankle sprain.\n",
		     "S93.401A");
	expect_codes(d, "HPI: The sprain is healing well.\nAssessment:\nRight ankle sprain.\n",
		     "S93.401D");
	expect_codes(d, "Assessment:\nRight ankle sprain.\nHypertension.\n", "I10");
	mc_detect_free(d);
}

/* A term may not borrow one word of another word's expansion ("HIV" reads
 * as human immunodeficiency virus disease: its "disease" makes no Lyme
 * disease), nor read across "and" ("pain and abdominal distension" is no
 * abdominal pain). */
static void test_reading_limits(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\nHIV, Lyme.\n", "B20");
	expect_codes(d, "Assessment:\nPain and abdominal distension.\n", "R14.0");
	mc_detect_free(d);
}

/* Detection may decline a row of the shared lexicon: "seizures" also finds
 * epilepsy in search, but a seizure is coded as a convulsion. */
static void test_unexpand(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\nSeizures.\n", "R56.9");
	mc_detect_free(d);
}

/* The category's default gives way to a more specific code of the same
 * category: a diabetic foot ulcer is E11.621 without E11.9 beside it. */
static void test_category_default_yields(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\n1. Type 2 diabetes.\n2. Type 2 diabetes with foot ulcer.\n", "E11.621");
	mc_detect_free(d);
}

/* Titles joined by "and" name either finding; index defaults for words
 * the titles do not use ("dyslipidemia" is E78.5). */
static void test_and_titles_and_index_words(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\nDizziness.\n", "R42");
	expect_codes(d, "Assessment:\nPerinephric abscess.\n", "N15.1");
	expect_codes(d, "Assessment:\nRenal cyst. Hypertension.\n", "I10");
	expect_codes(d, "Assessment:\nDyslipidemia.\n", "E78.5");
	/* "of A and B": "Hemorrhage of anus and rectum" is a rectal hemorrhage;
	 * a header's title is not split (its reading would go to its default,
	 * N20.9, where the text says kidney) */
	expect_codes(d, "Assessment:\nRectal hemorrhage.\n", "K62.5");
	expect_codes(d, "Assessment:\nKidney stones.\n", "N20.0");
	mc_detect_free(d);
}

/* "Use additional code": the site of a diabetic foot ulcer (L97.4-, L97.5-)
 * and insulin use (an ancestor's note, Z79.4) are coded when the sentence
 * says them, the site before the mention's own words; nothing is added
 * on the mention's words alone. */
static void test_use_additional(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\nType 2 diabetes with foot ulcer of the right heel.\n", "E11.621 L97.419");
	expect_codes(d, "Assessment:\nType 2 diabetes with foot ulcer, right foot.\n", "E11.621 L97.519");
	expect_codes(d, "Assessment:\nType 2 diabetes with foot ulcer.\n", "E11.621");
	expect_codes(d, "Assessment:\nType 2 diabetes on insulin.\n", "E11.9 Z79.4");
	mc_detect_free(d);
}

/* Combinations the conventions presume between codes of one visit:
 * hypertension with heart failure (I11.0, the heart failure stays), with
 * chronic kidney disease (I12.9), with both (I13.0); diabetes with CKD. */
static void test_combinations(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\n1. Hypertension.\n2. Heart failure.\n", "I11.0 I50.9");
	expect_codes(d, "Assessment:\n1. Hypertension.\n2. Chronic kidney disease.\n", "I12.9 N18.9");
	expect_codes(d, "Assessment:\n1. Hypertension.\n2. Chronic kidney disease.\n3. Heart failure.\n",
		     "I13.0 N18.9 I50.9");
	expect_codes(d, "Assessment:\n1. Type 2 diabetes.\n2. Chronic kidney disease.\n", "E11.22 N18.9");
	mc_detect_free(d);
}

/* Title variants: the part a note leaves out ("Sprain of unspecified
 * ligament of right ankle" is a right ankle sprain) and the site after a
 * "without" clause ("Laceration without foreign body of left thumb" keeps
 * the thumb, so a bare laceration is no scalp laceration). */
static void test_title_variants(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "HPI: She fell.\nAssessment:\nRight ankle sprain.\n", "S93.401A");
	expect_codes(d, "HPI: She fell.\nAssessment:\nLeft thumb laceration.\n", "S61.012A");
	expect_codes(d, "HPI: She fell.\nAssessment:\nLaceration.\nHypertension.\n", "I10");
	mc_detect_free(d);
}

/* Words: an inflammation keeps its name ("sinus" is no sinusitis, the
 * stemmer would cut "-itis"; "polyarthritic" reads as polyarthritis), and
 * a capital A after a word is a letter ("hepatitis A" is B15.9, a bare
 * hepatitis is not). */
static void test_words(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\nThe sinus was clear. Hypertension.\n", "I10");
	expect_codes(d, "Assessment:\nSinusitis.\n", "J32.9");
	expect_codes(d, "Assessment:\nPolyarthritic.\n", "M13.0");
	expect_codes(d, "Assessment:\nHepatitis A.\n", "B15.9");
	expect_codes(d, "Assessment:\nHepatitis.\n", "K75.9");
	mc_detect_free(d);
}

/* A side the code leaves unspecified is taken from the words around the
 * mention; bilateral without a bilateral code is coded right and left. */
static void test_laterality(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\nRight medial epicondylitis.\n", "M77.01");
	expect_codes(d, "Assessment:\nBilateral carpal tunnel syndrome.\n", "G56.03");
	expect_codes(d, "Assessment:\nBilateral medial epicondylitis.\n", "M77.01 M77.02");
	expect_codes(d, "Assessment:\nMedial epicondylitis.\n", "M77.00");
	mc_detect_free(d);
}

/* "multiple" is a word of the title, not filler: "injuries" alone is not
 * T07 Unspecified multiple injuries. */
static void test_multiple_not_filler(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "HPI: She fell.\nAssessment:\nInjuries.\nHypertension.\n", "I10");
	expect_codes(d, "HPI: She fell.\nAssessment:\nMultiple injuries.\n", "T07.XXXA");
	mc_detect_free(d);
}

/* An external cause is coded only beside the injury it explains. */
static void test_external_cause_needs_injury(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d, "Assessment:\nUnspecified fall, initial encounter. Hypertension.\n", "I10");
	expect_codes(d, "Assessment:\nRight ankle sprain.\nUnspecified fall, initial encounter.\n",
		     "S93.401A W19.XXXA");
	mc_detect_free(d);
}

/* A mention in a sub-label ("Patient Education and Counseling:") or in a
 * section header is not coded; a label that is a diagnosis is. */
static void test_labels(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_codes(d,
		     "Assessment and plan:\nMigraine.\n- Patient Education and Counseling: We talked about the "
		     "triggers and the diary.\nHypertension: controlled.\n",
		     "G43.909 I10");
	mc_detect_free(d);
}

/* In every mode: an external cause is never one word ("active" is no
 * activity code), and a neoplasm of unspecified site gives way to the
 * site the report names ("breast cancer ... the carcinoma"). */
static void test_generic_words(void **state)
{
	(void)state;
	mc_detect *d = fixture();
	expect_all(d, "She is very active. Hypertension.", "I10");
	expect_all(d, "Breast cancer. The carcinoma was removed.", "C50.919");
	/* C80.1 is for a primary site that cannot be determined; a manifestation
	 * code waits for its underlying disease */
	expect_all(d, "The carcinoma was removed.", "");
	expect_all(d, "Carcinoma of unknown primary.", "C80.1");
	expect_all(d, "Glomerular disease.", "");
	expect_codes(d, "Assessment:\nGlomerular disease.\n", "");
	/* ", unspecified joint" keeps the joint: an effusion is no joint
	 * effusion unless a joint is named */
	expect_all(d, "Effusion. Hypertension.", "I10");
	expect_all(d, "Joint effusion.", "M25.40");
	/* an organism is named without "as the cause of diseases classified
	 * elsewhere" */
	expect_all(d, "Urine culture grew Escherichia coli.", "B96.20");
	/* words the stemmer would make another's: irritation is no irritability */
	expect_all(d, "Irritability.", "R45.4");
	expect_all(d, "Irritation of the eye.", "");
	/* a word kept whole is read whole in the expansions too, wherever its
	 * row stands ("AIDS" is no "aid") */
	expect_all(d, "Patient with AIDS.", "B20");
	/* an injury's inclusion term that names a site takes the injury's
	 * kind: the trachea is no fracture */
	expect_all(d, "Fracture of the trachea.", "S12.8XX");
	expect_all(d, "The trachea was intact.", "");
	/* a last clause ending in "unspecified" is what the text leaves out */
	expect_all(d, "Endocarditis.", "I38");
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
		cmocka_unit_test(test_injury_seventh),
		cmocka_unit_test(test_title_variants),
		cmocka_unit_test(test_reading_limits),
		cmocka_unit_test(test_use_additional),
		cmocka_unit_test(test_combinations),
		cmocka_unit_test(test_unexpand),
		cmocka_unit_test(test_category_default_yields),
		cmocka_unit_test(test_and_titles_and_index_words),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_laterality),
		cmocka_unit_test(test_multiple_not_filler),
		cmocka_unit_test(test_external_cause_needs_injury),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_generic_words),
		cmocka_unit_test(test_all_mentions_unchanged),
	};
	return cmocka_run_group_tests_name("detect_encounter", t, NULL, NULL);
}
