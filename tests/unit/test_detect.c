/* medcode detect: the note set in tests/data/detect (gold mentions, traits
 * and codes over a small fixture dictionary), offsets, streaming, JSON, and
 * real-data checks against a store imported from $MEDCODE_DATA (skipped
 * when it is unset). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/core.h"
#include "detect/detect_int.h"
#include "medcode/detect.h"
#include "medcode/import.h"
#include "medcode/store.h"
#include "medcode/text.h"

static char *slurp(const char *rel, size_t *len)
{
	const char *src = getenv("MC_SOURCE_DIR");
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/data/detect/%s", src ? src : ".", rel);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (buf)
		buf[n] = 0;
	*len = n;
	return buf;
}

static mc_detect *fixture_dict(void)
{
	size_t len = 0;
	char *tsv = slurp("dict.tsv", &len);
	assert_non_null(tsv);
	mc_detect *d = NULL;
	mc_error err;
	assert_int_equal(mc_detect_new_from_tsv(&d, tsv, len, &err), 0);
	free(tsv);
	return d;
}

static const unsigned context = MC_DT_NEGATION | MC_DT_HYPOTHETICAL | MC_DT_HISTORY | MC_DT_FAMILY |
				MC_DT_UNCERTAIN;

static unsigned parse_traits(const char *s, size_t n)
{
	unsigned t = 0;
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "NEGATION", MC_DT_NEGATION }, { "HYPOTHETICAL", MC_DT_HYPOTHETICAL },
		{ "PAST_HISTORY", MC_DT_HISTORY }, { "PERTAINS_TO_FAMILY", MC_DT_FAMILY },
		{ "LOW_CONFIDENCE", MC_DT_UNCERTAIN }
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t k = strlen(names[i].name);
		for (size_t j = 0; j + k <= n; j++)
			if (memcmp(s + j, names[i].name, k) == 0)
				t |= names[i].bit;
	}
	return t;
}

/* Unescape "\n" in place. */
static void unescape(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (r[0] == '\\' && r[1] == 'n') {
			*w++ = '\n';
			r++;
		} else
			*w++ = *r;
	}
	*w = 0;
}

typedef struct score {
	int gold, found, traits_ok, codes_ok;
	int per_trait_ok[5], per_trait_n;
} score;

static void score_note(mc_detect *d, char *text, char *gold, score *sc)
{
	unescape(text);
	mc_detect_result r;
	mc_error err;
	mc_detect_opts o = { false, true, 5 };
	assert_int_equal(mc_detect_text(d, text, strlen(text), &o, &r, &err), 0);
	char *save = NULL;
	for (char *m = strtok_r(gold, ";", &save); m; m = strtok_r(NULL, ";", &save)) {
		char *bar1 = strchr(m, '|');
		char *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
		assert_non_null(bar2);
		*bar1 = 0;
		*bar2 = 0;
		const char *surface = m, *code = bar2 + 1;
		unsigned want = parse_traits(bar1 + 1, strlen(bar1 + 1));
		const char *at = strstr(text, surface);
		assert_non_null(at);
		size_t b0 = (size_t)(at - text), b1 = b0 + strlen(surface);
		sc->gold++;
		const mc_detect_entity *hit = NULL;
		for (size_t i = 0; i < r.n && !hit; i++)
			if (r.entities[i].bstart < b1 && b0 < r.entities[i].bend)
				hit = &r.entities[i];
		if (!hit) {
			fprintf(stderr, "  missed: %s\n", surface);
			continue;
		}
		sc->found++;
		unsigned got = hit->traits & context;
		if (got == want)
			sc->traits_ok++;
		else
			fprintf(stderr, "  traits of '%s': got %#x want %#x (%s)\n", surface, got, want,
				hit->explain ? hit->explain : "");
		for (int b = 0; b < 5; b++)
			sc->per_trait_ok[b] += ((got >> b) & 1u) == ((want >> b) & 1u);
		sc->per_trait_n++;
		if (hit->ncodes && strcmp(hit->codes[0].code, code) == 0)
			sc->codes_ok++;
		else
			fprintf(stderr, "  code of '%s': got %s want %s\n", surface,
				hit->ncodes ? hit->codes[0].code : "-", code);
	}
	mc_detect_result_release(&r);
}

static void test_note_set(void **state)
{
	(void)state;
	mc_detect *d = fixture_dict();
	size_t len = 0;
	char *notes = slurp("notes.tsv", &len);
	assert_non_null(notes);
	score sc;
	memset(&sc, 0, sizeof(sc));
	int nnotes = 0;
	char *save = NULL;
	for (char *line = strtok_r(notes, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		assert_non_null(t2);
		*t1 = 0;
		*t2 = 0;
		score_note(d, t1 + 1, t2 + 1, &sc);
		nnotes++;
	}
	free(notes);
	mc_detect_free(d);
	double recall = (double)sc.found / sc.gold;
	double tacc = (double)sc.traits_ok / sc.found;
	double cacc = (double)sc.codes_ok / sc.found;
	fprintf(stderr, "detect note set: %d notes, %d gold mentions, recall %.3f, trait accuracy %.3f "
		"(per trait: neg %.3f hyp %.3f hist %.3f fam %.3f unc %.3f), top-code accuracy %.3f\n",
		nnotes, sc.gold, recall, tacc, (double)sc.per_trait_ok[0] / sc.per_trait_n,
		(double)sc.per_trait_ok[1] / sc.per_trait_n, (double)sc.per_trait_ok[2] / sc.per_trait_n,
		(double)sc.per_trait_ok[3] / sc.per_trait_n, (double)sc.per_trait_ok[4] / sc.per_trait_n, cacc);
	assert_true(nnotes >= 40);
	assert_true(recall >= 0.95);
	assert_true(tacc >= 0.90);
	assert_true(cacc >= 0.85);
}

static void test_offsets_code_points(void **state)
{
	(void)state;
	mc_detect *d = fixture_dict();
	const char *text = "Müller, né 1950: hypertension.";
	mc_detect_result r;
	mc_error err;
	assert_int_equal(mc_detect_text(d, text, strlen(text), NULL, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.entities[0].start, 17);
	assert_int_equal(r.entities[0].end, 29);
	assert_int_equal(r.entities[0].bstart, 19);
	assert_string_equal(r.entities[0].text, "hypertension");
	mc_detect_result_release(&r);
	mc_detect_free(d);
}

static void test_doc_codes_asserted(void **state)
{
	(void)state;
	mc_detect *d = fixture_dict();
	const char *text = "Hypertension. No fever. Mother had breast cancer. Return if cough.";
	mc_detect_result r;
	mc_error err;
	assert_int_equal(mc_detect_text(d, text, strlen(text), NULL, &r, &err), 0);
	assert_int_equal(r.ncodes, 1);
	assert_string_equal(r.codes[0].code, "I10");
	mc_detect_result_release(&r);
	mc_detect_opts o = { true, false, 0 };
	assert_int_equal(mc_detect_text(d, text, strlen(text), &o, &r, &err), 0);
	assert_int_equal(r.ncodes, 4);
	for (size_t i = 0; i < r.ncodes; i++)
		assert_true(r.codes[i].billable);
	mc_detect_result_release(&r);
	mc_detect_free(d);
}

static void test_pieces_equal_whole(void **state)
{
	(void)state;
	mc_detect *d = fixture_dict();
	const char *text = "Family History:\nDiabetes.\nAssessment:\nHTN and asthma. No fever.\n";
	mc_detect_result a, b;
	mc_error err;
	assert_int_equal(mc_detect_text(d, text, strlen(text), NULL, &a, &err), 0);
	mc_detect_doc *doc = NULL;
	assert_int_equal(mc_detect_doc_new(&doc, d, NULL, &err), 0);
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		assert_int_equal(mc_detect_feed(doc, p, n, &err), 0);
		p += n;
	}
	assert_int_equal(mc_detect_finish(doc, &b, &err), 0);
	mc_detect_doc_free(doc);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_int_equal(a.entities[i].start, b.entities[i].start);
		assert_int_equal(a.entities[i].traits, b.entities[i].traits);
		assert_string_equal(a.entities[i].codes[0].code, b.entities[i].codes[0].code);
	}
	assert_true(a.entities[0].traits & MC_DT_FAMILY);
	assert_false(a.entities[1].traits & MC_DT_FAMILY);
	mc_detect_result_release(&a);
	mc_detect_result_release(&b);
	mc_detect_free(d);
}

static void test_any_bytes_and_json(void **state)
{
	(void)state;
	mc_detect *d = fixture_dict();
	const char text[] = "\xff\xfe hypertension \xc3\x28 \x00 fever \xe2\x82";
	mc_detect_result r;
	mc_error err;
	assert_int_equal(mc_detect_text(d, text, sizeof(text) - 1, NULL, &r, &err), 0);
	assert_true(r.n >= 2);
	json_t *id = json_string("x1");
	json_t *j = mc_json_detect(&r, id, true);
	json_decref(id);
	assert_non_null(j);
	char *s = json_dumps(j, JSON_COMPACT);
	assert_non_null(s);
	assert_non_null(strstr(s, "\"category\":\"DIAGNOSIS\""));
	assert_int_equal(r.ncodes, 2);
	free(s);
	json_decref(j);
	mc_detect_result_release(&r);
	assert_int_equal(mc_detect_text(d, "", 0, NULL, &r, &err), 0);
	assert_int_equal(r.n, 0);
	mc_detect_result_release(&r);
	mc_detect_free(d);
}

static void test_alloc_failures(void **state)
{
	(void)state;
	size_t len = 0;
	char *tsv = slurp("dict.tsv", &len);
	assert_non_null(tsv);
	/* every allocation of building and running fails in turn, cleanly */
	for (long n = 1; n < 4000; n += 37) {
		mc_detect *d = NULL;
		mc_error err;
		mc_alloc_fail_after(n);
		int rc = mc_detect_new_from_tsv(&d, tsv, len, &err);
		if (rc == 0) {
			mc_detect_result r;
			if (mc_detect_text(d, "HTN. No fever. Mother had breast cancer.", 40, NULL, &r, &err) == 0)
				mc_detect_result_release(&r);
		}
		mc_alloc_fail_after(-1);
		mc_detect_free(d);
	}
	free(tsv);
}

/* A category's parent in the store may be its section's range ("K35-K38"):
 * it is no code, so the category has no parent and does not adopt the
 * section's other categories (K35's default was K37, N40's N49.9). */
static void test_section_range_parent(void **state)
{
	(void)state;
	mc_detect *d = NULL;
	mc_error err;
	assert_int_equal(dt_dict_alloc(&d, &err), 0);
	assert_int_equal(dt_add_code(d, "K35", "Acute appendicitis", 0, "K35-K38", &err), 0);
	assert_int_equal(dt_add_code(d, "K35.8", "Other and unspecified acute appendicitis", 0, "K35", &err), 0);
	assert_int_equal(dt_add_code(d, "K35.80", "Unspecified acute appendicitis", 1, "K35.8", &err), 0);
	assert_int_equal(dt_add_code(d, "K37", "Unspecified appendicitis", 1, "K35-K38", &err), 0);
	assert_int_equal(dt_link_codes(d, &err), 0);
	uint32_t k35 = dt_code_find(d, "K35"), k37 = dt_code_find(d, "K37");
	assert_int_equal(d->codes[k37].parent, DT_NONE);
	assert_int_not_equal(d->codes[k35].dflt, k37);
	mc_detect_free(d);
}

/* The cache of the text's words answers as the stemmer does, and keeps
 * nothing of a word the dictionary does not know (a name stays out). */
static void test_word_cache(void **state)
{
	(void)state;
	mc_detect *d = fixture_dict();
	mc_error err;
	uint32_t a[6], b[6];
	bool stop = false;
	size_t before = dt_text_cache_used(d);
	int n1 = dt_text_word(d, "Hypertension", 12, a, 6, &stop, &err);
	int n2 = dt_text_word(d, "HYPERTENSION", 12, b, 6, &stop, &err);
	assert_true(n1 > 0);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, (size_t)n1 * sizeof(uint32_t));
	assert_false(stop);
	assert_int_equal(dt_text_word(d, "the", 3, a, 6, &stop, &err), 0);
	assert_true(stop);
	assert_int_equal(dt_text_word(d, "Zqxwyn", 6, a, 6, &stop, &err), 0);
	assert_false(stop);
	/* hypertension and the, not the name */
	assert_int_equal(dt_text_cache_used(d), before + 2);
	mc_detect_free(d);
}

/* ---- real data ------------------------------------------------------------ */

typedef struct fx {
	th_store st;
	mc_detect *d;
	double load_s;
} fx;

static int real_setup(void **state)
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
	mc_error err;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (mc_detect_new(&f->d, f->st.s, NULL, &err) < 0) {
		fprintf(stderr, "detect: %s\n", err.msg);
		th_store_remove(&f->st);
		free(f);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	f->load_s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	*state = f;
	return 0;
}

static int real_teardown(void **state)
{
	fx *f = *state;
	if (!f)
		return 0;
	mc_detect_free(f->d);
	int rc = th_store_remove(&f->st);
	free(f);
	return rc;
}

static bool has_code(const mc_detect_result *r, const char *code)
{
	for (size_t i = 0; i < r->ncodes; i++)
		if (strcmp(r->codes[i].code, code) == 0)
			return true;
	return false;
}

static void expect(mc_detect *d, const char *text, const char *code)
{
	mc_detect_result r;
	mc_error err;
	assert_int_equal(mc_detect_text(d, text, strlen(text), NULL, &r, &err), 0);
	if (!has_code(&r, code)) {
		fprintf(stderr, "'%s': want %s, got", text, code);
		for (size_t i = 0; i < r.ncodes; i++)
			fprintf(stderr, " %s", r.codes[i].code);
		fprintf(stderr, "\n");
		fail();
	}
	/* Without all_mentions the document's codes are billable, no exception. */
	for (size_t i = 0; i < r.ncodes; i++)
		assert_true(r.codes[i].billable);
	mc_detect_result_release(&r);
}

static void test_real_codes(void **state)
{
	fx *f = *state;
	if (!f) {
		skip();
		return;
	}
	fprintf(stderr, "detect: dictionary loaded in %.2f s\n", f->load_s);
	expect(f->d, "Type 2 diabetes mellitus with diabetic chronic kidney disease.", "E11.22");
	expect(f->d, "Duodenal ulcer.", "K26.9");
	expect(f->d, "hx of MI", "I25.2");
	expect(f->d, "Gross hematuria and nephrolithiasis.", "N20.0");
	expect(f->d, "Hematuria.", "R31.9");
	expect(f->d, "Essential hypertension.", "I10");
	expect(f->d, "Breast cancer.", "C50.919");
	expect(f->d, "Urinary tract infection.", "N39.0");
	expect(f->d, "Constipation.", "K59.00");
	expect(f->d, "Acute appendicitis.", "K35.80");
	expect(f->d, "Benign prostatic hyperplasia.", "N40.0");
	/* the cases: combination, use additional code with the site,
	 * atherosclerosis of native arteries by default */
	expect(f->d, "Type 2 diabetes with diabetic foot ulcer of the right heel.", "E11.621");
	expect(f->d, "Type 2 diabetes with diabetic foot ulcer of the right heel.", "L97.419");
	expect(f->d, "Atherosclerosis of the right leg with rest pain.", "I70.221");
	expect(f->d, "Right knee osteoarthritis.", "M17.11");
	expect(f->d, "CHF.", "I50.9");
	expect(f->d, "Pneumonia.", "J18.9");
}

static void test_real_header_never_billable(void **state)
{
	fx *f = *state;
	if (!f) {
		skip();
		return;
	}
	const char *text = "Diabetes. Neoplasm of the kidney. Fracture of femur. Duodenal ulcer. Anemia. "
			   "Pulmonary embolism. Otitis media. Poisoning by amoxicillin.";
	mc_detect_result r;
	mc_error err;
	mc_detect_opts o = { true, false, 5 };
	assert_int_equal(mc_detect_text(f->d, text, strlen(text), &o, &r, &err), 0);
	assert_true(r.ncodes >= 6);
	for (size_t i = 0; i < r.ncodes; i++)
		assert_true(r.codes[i].billable || r.codes[i].needs_seventh);
	mc_detect_result_release(&r);
	assert_true(f->load_s < 60.0); /* about 1 s in release builds (bench_detect); sanitizers are slower */
}

int main(void)
{
	const struct CMUnitTest unit[] = {
		cmocka_unit_test(test_note_set),
		cmocka_unit_test(test_offsets_code_points),
		cmocka_unit_test(test_doc_codes_asserted),
		cmocka_unit_test(test_pieces_equal_whole),
		cmocka_unit_test(test_any_bytes_and_json),
		cmocka_unit_test(test_alloc_failures),
		cmocka_unit_test(test_section_range_parent),
		cmocka_unit_test(test_word_cache),
	};
	const struct CMUnitTest real[] = {
		cmocka_unit_test(test_real_codes),
		cmocka_unit_test(test_real_header_never_billable),
	};
	int rc = cmocka_run_group_tests_name("detect", unit, NULL, NULL);
	rc += cmocka_run_group_tests_name("detect_realdata", real, real_setup, real_teardown);
	return rc;
}
