/* The search query parser alone (src/search/query.c): no store needed. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "search/search_int.h"

static mc_sq q;

static int parse(const char *s, bool prefix)
{
	mc_error err;
	return mc_sq_parse(&q, s, strlen(s), prefix, &err);
}

/* The group whose alternatives include text, or NULL. */
static const mc_sq_group *group_with(const char *text)
{
	for (size_t i = 0; i < q.ngroups; i++)
		for (size_t a = 0; a < q.group[i].nalts; a++)
			if (!strcmp(mc_sq_str(&q, q.group[i].alt[a]), text))
				return &q.group[i];
	return NULL;
}

static void test_lexicon_loads(void **state)
{
	(void)state;
	const mc_lexicon *lx = mc_sq_lexicon();
	assert_non_null(lx);
	assert_true(lx->n >= 150);
	assert_true(lx->nabbr >= 100);
	size_t n;
	const mc_lex_entry *e = mc_lex_find(lx, false, "heart attack", &n);
	assert_non_null(e);
	assert_string_equal(e->expansion, "myocardial infarction");
	assert_int_equal(e->kind, SQ_LAY);
	assert_non_null(mc_lex_find(lx, false, "chf", &n));
	assert_true(n >= 1);
	assert_non_null(mc_lex_find(lx, true, "fluoroguide", &n));
	assert_null(mc_lex_find(lx, false, "no such term at all", &n));
	assert_int_equal(n, 0);
}

static void test_question_framing(void **state)
{
	(void)state;
	assert_int_equal(parse("what is the icd 10 code for heart attack", false), 0);
	assert_true(q.framed);
	assert_int_equal(q.systems, MC_SQ_SYS(MC_SYS_ICD10CM));
	assert_int_equal(q.ngroups, 1);
	assert_non_null(group_with("myocardial infarction"));
	assert_int_equal(q.group[0].kind, SQ_LAY);
	assert_int_equal(q.ncodes, 0);

	assert_int_equal(parse("What's the CPT code for total knee replacement?", false), 0);
	assert_int_equal(q.systems, MC_SQ_SYS(MC_SYS_CPT));
	assert_non_null(group_with("total"));
	assert_non_null(group_with("knee arthroplasty"));

	assert_int_equal(parse("icd-10-cm copd", false), 0);
	assert_int_equal(q.systems, MC_SQ_SYS(MC_SYS_ICD10CM));
	assert_non_null(group_with("chronic obstructive pulmonary disease"));

	assert_int_equal(parse("hcpcs code for walker", false), 0);
	assert_int_equal(q.systems, MC_SQ_SYS(MC_SYS_HCPCS));
	assert_int_equal(parse("nurse practitioner taxonomy", false), 0);
	assert_int_equal(q.systems, MC_SQ_SYS(MC_SYS_TAXONOMY));
	assert_int_equal(parse("dx code for chest pain", false), 0);
	assert_int_equal(q.systems, MC_SQ_SYS(MC_SYS_ICD10CM));
	assert_non_null(group_with("chest"));
	assert_non_null(group_with("pain"));
}

static void test_codes(void **state)
{
	(void)state;
	assert_int_equal(parse("E1152", false), 0);
	assert_int_equal(q.ncodes, 1);
	assert_string_equal(q.code[0].lo, "E1152");
	assert_false(q.code[0].range);
	assert_true(q.code[0].also_word);   /* a word too, unless it is a code */

	assert_int_equal(parse("e11.52", false), 0);
	assert_int_equal(q.ncodes, 1);
	assert_string_equal(q.code[0].lo, "E1152");
	assert_true(q.code[0].dotted);
	assert_false(q.code[0].also_word);
	assert_int_equal(q.ngroups, 0);

	assert_int_equal(parse("77001-77003", false), 0);
	assert_int_equal(q.ncodes, 1);
	assert_true(q.code[0].range);
	assert_string_equal(q.code[0].lo, "77001");
	assert_string_equal(q.code[0].hi, "77003");

	assert_int_equal(parse("77003-77001", false), 0);   /* reversed: put in order */
	assert_string_equal(q.code[0].lo, "77001");

	assert_int_equal(parse("E11.5*", false), 0);
	assert_true(q.code[0].prefix);
	assert_string_equal(q.code[0].lo, "E115");

	assert_int_equal(parse("cpt 99214", false), 0);
	assert_int_equal(q.systems, MC_SQ_SYS(MC_SYS_CPT));
	assert_string_equal(q.code[0].lo, "99214");

	assert_int_equal(parse("modifier 25", false), 0);
	assert_int_equal(q.systems, MC_SQ_SYS(MC_SYS_MODIFIER));
	assert_string_equal(q.code[0].lo, "25");

	assert_int_equal(parse("207Q00000X", false), 0);
	assert_string_equal(q.code[0].lo, "207Q00000X");

	assert_int_equal(parse("LT", false), 0);            /* capitals: a modifier */
	assert_int_equal(q.ncodes, 1);
	assert_int_equal(parse("vitamin b12 deficiency", false), 0);
	assert_non_null(group_with("b12"));                 /* a word as well as a code shape */
	assert_int_equal(parse("E08-E13", false), 0);
	assert_true(q.code[0].range);
	assert_string_equal(q.code[0].hi, "E13");
}

static void test_abbreviations_and_lay_terms(void **state)
{
	(void)state;
	assert_int_equal(parse("DM2 w/ neuropathy", false), 0);
	assert_int_equal(q.ngroups, 2);
	assert_non_null(group_with("type 2 diabetes mellitus"));
	assert_non_null(group_with("neuropathy"));
	assert_int_equal(parse("n/v", false), 0);
	assert_non_null(group_with("nausea with vomiting"));
	assert_int_equal(parse("CHF", false), 0);
	assert_non_null(group_with("heart failure"));
	assert_int_equal(parse("high blood pressure", false), 0);
	assert_int_equal(q.ngroups, 1);
	assert_non_null(group_with("hypertension"));
	assert_int_equal(parse("kidney stones", false), 0);
	assert_non_null(group_with("calculus of kidney"));
}

static void test_words(void **state)
{
	(void)state;
	assert_int_equal(parse("pnuemonia", false), 0);
	assert_int_equal(q.ngroups, 1);
	assert_true(q.group[0].correctable);
	assert_int_equal(parse("Alzheimer's disease", false), 0);
	assert_non_null(group_with("alzheimers"));
	assert_int_equal(parse("pneu", true), 0);
	assert_true(q.group[0].prefix);
	assert_false(q.group[0].correctable);
	assert_int_equal(parse("E11.5", true), 0);   /* type-ahead on a code */
	assert_true(q.code[0].prefix);
}

/* The display expansion of short descriptors (invented wording: the
 * project commits no CPT descriptor text). */
static void test_expand_abbrev(void **state)
{
	(void)state;
	char b[128];
	mc_error err;
	const char *in = "Tcat plmt enhncd dev w/o dye";
	const char *want = "Transcatheter placement enhanced device without contrast";
	assert_int_equal(mc_search_expand_abbrev(b, sizeof(b), in, &err), (int)strlen(want));
	assert_string_equal(b, want);
	/* pairs joined by '/' or '-', "w/" before a word, separators kept */
	assert_true(mc_search_expand_abbrev(b, sizeof(b), "Evasc rpr a-ao, o/p w/dye & 2 ea", &err) > 0);
	assert_string_equal(b, "Endovascular repair aorto-aortic, outpatient visit with contrast & 2 each");
	/* unknown words and ambiguous abbreviations ("sq": square or
	 * subcutaneous) stay as written; lower case stays lower case */
	assert_true(mc_search_expand_abbrev(b, sizeof(b), "zzqx sq inj 10 mg", &err) > 0);
	assert_string_equal(b, "zzqx sq injection 10 mg");
	/* snprintf semantics: cut, NUL-terminated, full length returned */
	char small[8];
	assert_int_equal(mc_search_expand_abbrev(small, sizeof(small), "Tcat dev", &err),
			 (int)strlen("Transcatheter device"));
	assert_string_equal(small, "Transca");
	assert_int_equal(mc_search_expand_abbrev(NULL, 0, "Inj", &err), (int)strlen("Injection"));
	assert_int_equal(mc_search_expand_abbrev(b, sizeof(b), "", &err), 0);
	assert_string_equal(b, "");
	assert_int_equal(mc_search_expand_abbrev(b, sizeof(b), NULL, &err), MC_EINVAL);
	/* every row of the table has an expansion, and a term with one row
	 * is spelled out */
	const mc_lexicon *lx = mc_sq_lexicon();
	for (size_t i = 0; i < lx->nabbr; i++) {
		assert_true(lx->abbr[i].display[0] != '\0');
		size_t n;
		mc_lex_find(lx, true, lx->abbr[i].term, &n);
		if (n == 1 && !strchr(lx->abbr[i].term, ' ')) {
			assert_true(mc_search_expand_abbrev(b, sizeof(b), lx->abbr[i].term, &err) > 0);
			assert_string_equal(b, lx->abbr[i].display);
		}
	}
}

/* Morphology: stems shared by noun and adjective, irregular plurals, and
 * the hypo-/hyper- words a lay phrase composes. */
static void test_morphology(void **state)
{
	(void)state;
	char a[MC_SQ_WORD_MAX], b[MC_SQ_WORD_MAX];
	struct sb_stemmer *st = sb_stemmer_new("english", NULL);
	assert_non_null(st);
	static const char *const same[][2] = {
		{ "fluoroscopy", "fluoroscopic" }, { "mammogram", "mammography" },
		{ "laparoscopy", "laparoscopic" }, { "neuropathy", "neuropathic" },
		{ "spinal", "spine" }, { "sacral", "sacrum" }, { "umbilical", "umbilicus" },
		{ "renal", "kidney" }, { "lice", "louse" }, { "feet", "foot" },
	};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		mc_sq_stem(st, same[i][0], strlen(same[i][0]), a, sizeof(a));
		mc_sq_stem(st, same[i][1], strlen(same[i][1]), b, sizeof(b));
		if (strcmp(a, b))
			fail_msg("%s (%s) and %s (%s) should share a stem", same[i][0], a, same[i][1], b);
	}
	/* Snowball alone keeps them apart: the morphology does the work */
	mc_sq_stem_plain(st, "lice", 4, a, sizeof(a));
	mc_sq_stem_plain(st, "louse", 5, b, sizeof(b));
	assert_string_not_equal(a, b);
	sb_stemmer_delete(st);
	assert_true(mc_sq_compose("low", "potassium", a, sizeof(a)));
	assert_string_equal(a, "hypokalemia");
	assert_true(mc_sq_compose("high", "sugar", a, sizeof(a)));
	assert_string_equal(a, "hyperglycemia");
	assert_false(mc_sq_compose("low", "back", a, sizeof(a)));
	assert_int_equal(parse("low sodium in blood", false), 0);
	assert_int_equal(q.ngroups, 1);
	assert_non_null(group_with("hyponatremia"));
}

static void test_bad_input(void **state)
{
	(void)state;
	mc_error err;
	assert_int_equal(parse("", false), MC_EINVAL);
	assert_int_equal(parse("   \t ", false), MC_EINVAL);
	assert_int_equal(mc_sq_parse(&q, NULL, 0, false, &err), MC_EINVAL);
	char big[10 * 1024 + 1];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(parse(big, false), MC_EINVAL);
	assert_int_equal(mc_sq_parse(&q, "\xff\xfe", 2, false, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "UTF-8"));
	assert_int_equal(mc_sq_parse(&q, "a\0b", 3, false, &err), MC_EINVAL);
	assert_int_equal(parse("heart\x01" "attack", false), MC_EINVAL);
	/* FTS syntax is only text */
	static const char *const fts[] = { "\"heart attack", "NEAR(heart attack)", "heart AND attack OR *",
					   "title:pneumonia", "*:", "^pneumonia", "\"", "((((", "a*b-c.d" };
	for (size_t i = 0; i < sizeof(fts) / sizeof(fts[0]); i++) {
		assert_int_equal(parse(fts[i], false), 0);
		for (size_t g = 0; g < q.ngroups; g++)
			for (size_t a = 0; a < q.group[g].nalts; a++)
				for (const char *c = mc_sq_str(&q, q.group[g].alt[a]); *c; c++)
					assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == ' ' ||
						    *c == '-');
	}
	/* many words: limits hold */
	char many[1000];
	size_t n = 0;
	for (int i = 0; i < 150 && n + 8 < sizeof(many); i++)
		n += (size_t)snprintf(many + n, sizeof(many) - n, "w%03dx ", i);
	assert_int_equal(parse(many, false), 0);
	assert_true(q.ngroups <= MC_SQ_MAX_GROUPS);
	assert_true(q.dropped > 0);
	/* many codes */
	n = 0;
	for (int i = 0; i < 40 && n + 8 < sizeof(many); i++)
		n += (size_t)snprintf(many + n, sizeof(many) - n, "E11.%d ", i);
	assert_int_equal(parse(many, false), 0);
	assert_true(q.ncodes <= MC_SQ_MAX_CODES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lexicon_loads),
		cmocka_unit_test(test_question_framing),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_abbreviations_and_lay_terms),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_expand_abbrev),
		cmocka_unit_test(test_morphology),
		cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
