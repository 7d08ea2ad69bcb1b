/* Answer articles on real data: every code an article names is in force
 * in the store, the codes come from one system, what the store lacks
 * (PTP edits) says so, and a question nothing answers says so too.
 * Skipped when MEDCODE_DATA is unset. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "medcode/import.h"
#include "medcode/lookup.h"
#include "medcode/publish.h"
#include "medcode/search.h"

typedef struct fx {
	th_store st;
	mc_searcher *q;
	mc_publisher *p;
} fx;

static int setup(void **state)
{
	*state = NULL;
	fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	int rc = th_store_real(&f->st);
	mc_error err;
	if (rc == 0 && (mc_searcher_new(&f->q, f->st.s, &err) < 0 ||
			mc_publisher_new(&f->p, f->st.s, "2026-06-01", &err) < 0)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		rc = -1;
	}
	if (rc != 0) {
		mc_searcher_free(f->q);
		th_store_remove(&f->st);
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
	mc_publisher_free(f->p);
	mc_searcher_free(f->q);
	int rc = th_store_remove(&f->st);
	free(f);
	return rc;
}

static const mc_pub_section *find_section(const mc_pub_doc *d, const char *id)
{
	for (size_t i = 0; i < d->nsections; i++)
		if (strcmp(d->sections[i].id, id) == 0)
			return &d->sections[i];
	return NULL;
}

static void fluoroscopy_question(void **state)
{
	fx *f = *state;
	if (!f) {
		skip();
		return;
	}
	mc_error err;
	mc_pub_doc *d = NULL;
	assert_int_equal(mc_publish_answer(f->p, f->q, "What is the CPT code for fluoroscopy imaging?", &d, &err), 0);
	assert_true(d->ncodes_found >= 1);
	assert_non_null(d->notice); /* CPT content carries the AMA notice */
	const mc_pub_section *codes = find_section(d, "codes");
	assert_non_null(codes);
	assert_int_equal(codes->nblocks, 1);
	const mc_pub_block *t = &codes->blocks[0];
	assert_int_equal(t->kind, MC_PUB_TABLE);
	assert_int_equal(t->nrows, d->ncodes_found);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *code = t->cells[r * t->ncols];
		/* Each code is in force in the store, as CPT, and cites its file. */
		mc_lookup_opts o = { "2026-06-01", MC_SYS_CPT, 0, true };
		mc_lookup_result lr;
		assert_int_equal(mc_lookup(f->st.s, code, &o, &lr, &err), 0);
		assert_int_equal(lr.n, 1);
		assert_string_equal(lr.items[0].state, "active");
		mc_lookup_result_release(&lr);
		assert_non_null(strstr(t->row_source[r], "PPRRVU2025_Oct.csv"));
	}
	/* No PTP file is loaded: bundling says the data is missing. */
	const mc_pub_section *bund = find_section(d, "bundling");
	assert_non_null(bund);
	for (size_t i = 0; i < bund->nblocks; i++)
		assert_string_equal(bund->blocks[i].text, MC_PUB_MISSING);
	char *md = NULL;
	size_t len = 0;
	assert_int_equal(mc_publish_render(d, MC_PUB_MARKDOWN, 0, &md, &len, &err), 0);
	assert_non_null(strstr(md, "# Question: What is the CPT code for fluoroscopy imaging?"));
	mc_publish_text_free(md);
	mc_pub_doc_free(d);
}

/* The codes an answer lists (its codes table), comma-joined. */
static void answer_codes(const mc_pub_doc *d, char *out, size_t cap)
{
	const mc_pub_section *codes = find_section(d, "codes");
	out[0] = '\0';
	assert_non_null(codes);
	const mc_pub_block *t = &codes->blocks[0];
	for (size_t r = 0; r < t->nrows; r++) {
		size_t len = strlen(out);
		snprintf(out + len, cap - len, "%s%s", len ? "," : "", t->cells[r * t->ncols]);
	}
}

/* The seed article names 77001, 77002 and 77003; 77002's short descriptor
 * ("... by xray") says no fluoroscopy: it comes with its family. */
static void fluoroscopy_lists_the_family(void **state)
{
	fx *f = *state;
	if (!f) {
		skip();
		return;
	}
	mc_error err;
	mc_pub_doc *d = NULL;
	char got[256];
	assert_int_equal(mc_publish_answer(f->p, f->q, "What is the CPT code for fluoroscopy imaging?", &d, &err), 0);
	answer_codes(d, got, sizeof(got));
	if (!strstr(got, "77001") || !strstr(got, "77002") || !strstr(got, "77003"))
		fail_msg("fluoroscopy answer lists %s", got);
	mc_pub_doc_free(d);
}

/* EVAR questions answer from 34701-34712 (not skin substitutes, not dura,
 * penis or palate repairs, not brain aneurysm clips). */
static void evar_answers_from_its_codes(void **state)
{
	fx *f = *state;
	if (!f) {
		skip();
		return;
	}
	static const char *const qs[] = { "CPT code for EVAR endograft", "endovascular aneurysm repair",
					  "what is the cpt code for evar" };
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		mc_error err;
		mc_pub_doc *d = NULL;
		char got[256];
		assert_int_equal(mc_publish_answer(f->p, f->q, qs[i], &d, &err), 0);
		answer_codes(d, got, sizeof(got));
		if (d->ncodes_found < 2)
			fail_msg("'%s': %s", qs[i], got);
		for (const char *c = got; *c;) {
			size_t l = strcspn(c, ",");
			if (l != 5 || strncmp(c, "34701", 5) < 0 || strncmp(c, "34712", 5) > 0)
				fail_msg("'%s' answers %s, outside 34701-34712", qs[i], got);
			c += l + (c[l] == ',');
		}
		mc_pub_doc_free(d);
	}
}

/* A question about a complication is answered by the code of the
 * complication, with the tabular instruction the store holds for it, and
 * never by E11.9 "without complications". */
static void complication_answer_carries_its_notes(void **state)
{
	fx *f = *state;
	if (!f) {
		skip();
		return;
	}
	mc_error err;
	mc_pub_doc *d = NULL;
	char got[256];
	assert_int_equal(mc_publish_answer(f->p, f->q, "type 2 diabetes with foot ulcer", &d, &err), 0);
	answer_codes(d, got, sizeof(got));
	assert_non_null(strstr(got, "E11.621"));
	if (strstr(got, "E11.9"))
		fail_msg("E11.9 answers a question about a complication: %s", got);
	const mc_pub_section *notes = find_section(d, "notes");
	assert_non_null(notes);
	bool seen = false;
	for (size_t i = 0; i < notes->nblocks; i++) {
		const char *t = notes->blocks[i].text;
		if (t && strstr(t, "Use additional code") && strstr(t, "L97.4-") && strstr(t, "L97.5-")) {
			seen = true;
			assert_non_null(strstr(notes->blocks[i].source, "icd10cm_tabular"));
		}
	}
	assert_true(seen);
	char *md = NULL;
	size_t len = 0;
	assert_int_equal(mc_publish_render(d, MC_PUB_MARKDOWN, 0, &md, &len, &err), 0);
	assert_non_null(strstr(md, "L97.4-, L97.5-"));
	mc_publish_text_free(md);
	mc_pub_doc_free(d);
}

static void addon_codes_name_their_primaries(void **state)
{
	fx *f = *state;
	if (!f) {
		skip();
		return;
	}
	mc_error err;
	mc_pub_doc *d = NULL;
	assert_int_equal(mc_publish_answer(f->p, f->q, "77003", &d, &err), 0);
	assert_int_equal(d->ncodes_found, 1);
	const mc_pub_section *addon = find_section(d, "addon");
	assert_non_null(addon);
	assert_non_null(strstr(addon->blocks[0].text, "77003 is an add-on code"));
	assert_non_null(strstr(addon->blocks[0].source, "AOC_V2026Q2-MCR.xlsx"));
	mc_pub_doc_free(d);
}

static void unanswerable_and_empty_questions(void **state)
{
	fx *f = *state;
	if (!f) {
		skip();
		return;
	}
	mc_error err;
	mc_pub_doc *d = NULL;
	assert_int_equal(mc_publish_answer(f->p, f->q, "qqqzzx wwvvkk", &d, &err), 0);
	assert_int_equal(d->ncodes_found, 0);
	const mc_pub_section *ans = find_section(d, "answer");
	assert_non_null(ans);
	assert_string_equal(ans->blocks[0].text, MC_PUB_MISSING);
	mc_pub_doc_free(d);
	assert_int_equal(mc_publish_answer(f->p, f->q, "", &d, &err), MC_EINVAL);
	assert_null(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fluoroscopy_question),
		cmocka_unit_test(fluoroscopy_lists_the_family),
		cmocka_unit_test(evar_answers_from_its_codes),
		cmocka_unit_test(complication_answer_carries_its_notes),
		cmocka_unit_test(addon_codes_name_their_primaries),
		cmocka_unit_test(unanswerable_and_empty_questions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
