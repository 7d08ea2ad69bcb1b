/* The redactor's store vocabulary (mc_phi_add_vocabulary,
 * mc_store_vocabulary): a clinical word no list knows stops being taken
 * for a name, a surname stays a name even when the vocabulary holds it,
 * and the store gives the texts of its latest releases.  Small fixtures
 * only: a name list and a word list written to a temporary directory,
 * and a store imported from tests/fixtures. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"
#include "medcode/import.h"
#include "medcode/phi.h"
#include "medcode/store.h"
#include "phi/phi_int.h"

static char dir[64];

static void write_file(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/mc_vocab_XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	char sub[128];
	snprintf(sub, sizeof(sub), "%s/names", dir);
	if (mkdir(sub, 0700) < 0)
		return -1;
	snprintf(sub, sizeof(sub), "%s/names/census1990", dir);
	return mkdir(sub, 0700);
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A redactor on the fixture lists: surnames Wilson and Castleman, first name
 * Mary, and a handful of English words. */
static mc_phi *fixture_phi(void)
{
	write_file("names/census1990/dist.all.last", "WILSON 0.339 0.339 10\nCASTLEMAN 0.020 1.000 400\n");
	write_file("names/census1990/dist.female.first", "MARY 2.629 2.629 1\n");
	write_file("words", "stool\ncultures\ngrew\ntoday\nresults\nwere\ndiscussed\nwith\nseen\nby\n"
			    "disease\nsign\n");
	/* a medical dictionary of its own: the system's knows Strongyloides */
	write_file("clinical", "ascites\nbilirubin\n");
	char names[128], words[128], clinical[128];
	snprintf(names, sizeof(names), "%s/names", dir);
	snprintf(words, sizeof(words), "%s/words", dir);
	snprintf(clinical, sizeof(clinical), "%s/clinical", dir);
	mc_phi_opts o = { 0 };
	o.names_dir = names;
	o.wordlist = words;
	o.clinical_dict = clinical;
	mc_phi *p = NULL;
	mc_error err;
	assert_int_equal(mc_phi_new(&p, &o, &err), 0);
	size_t nn, nw;
	mc_phi_stats(p, &nn, &nw);
	assert_int_equal(nn, 3);
	assert_int_equal(nw, 12);
	return p;
}

static char *mask(mc_phi *p, const char *text)
{
	mc_error err;
	mc_phi_doc *d = NULL;
	mc_phi_result r;
	mc_phi_result_init(&r);
	assert_int_equal(mc_phi_doc_new(&d, p, NULL, &err), 0);
	assert_int_equal(mc_phi_detect(d, text, strlen(text), &r, &err), 0);
	char *out = NULL;
	size_t n = 0;
	assert_int_equal(mc_phi_redact(d, text, strlen(text), &r, MC_PHI_MODE_MASK, &out, &n, &err), 0);
	char *copy = strdup(out);
	mc_phi_text_free(out, n);
	mc_phi_result_release(&r);
	mc_phi_doc_free(d);
	return copy;
}

static void expect(mc_phi *p, const char *text, const char *want)
{
	char *s = mask(p, text);
	assert_string_equal(s, want);
	free(s);
}

static uint32_t flags_of(const mc_phi *p, const char *w)
{
	return phi_dict_get(&p->dict, w, strlen(w));
}

static int add(mc_phi *p, const char *text)
{
	mc_error err;
	return mc_phi_add_vocabulary(p, text, strlen(text), &err);
}

static const char *const note = "Stool cultures grew Strongyloides today. Results were discussed with Wilson today.";

/* (a) a clinical word no list knows, without a clinical ending (-iasis,
 * -coccus keep a word without help), is a name by itself (a lone unknown
 * capitalised word mid-sentence) until the vocabulary holds it; (b) a
 * surname stays a name though the vocabulary holds it (Wilson disease,
 * Castleman disease: neither is in the embedded allow list). */
static void test_clinical_word_kept_surname_redacted(void **state)
{
	(void)state;
	mc_phi *p = fixture_phi();
	expect(p, note, "Stool cultures grew [NAME] today. Results were discussed with [NAME] today.");
	expect(p, "Results were discussed with Castleman today.", "Results were discussed with [NAME] today.");
	assert_int_equal(add(p, "Strongyloidiasis due to Strongyloides stercoralis; Wilson's disease; Castleman disease"), 0);
	/* strongyloidiasis, strongyloides, stercoralis: "due" is short, "disease"
	 * English, "wilson" and "castleman" surnames */
	assert_int_equal(mc_phi_vocabulary_size(p), 3);
	assert_true(phi_vocab_only(flags_of(p, "strongyloides")));
	assert_false(phi_vocab_only(flags_of(p, "wilson")));
	assert_false(phi_vocab_only(flags_of(p, "castleman")));
	assert_false(phi_vocab_only(flags_of(p, "disease")));
	expect(p, note, "Stool cultures grew Strongyloides today. Results were discussed with [NAME] today.");
	expect(p, "Results were discussed with Castleman today.", "Results were discussed with [NAME] today.");
	/* context still makes a vocabulary word a name */
	expect(p, "Seen by Dr. Strongyloides today.", "Seen by Dr. [NAME] today.");
	mc_phi_free(p);
}

/* A street word is a surname after a first name that a relation names
 * ("nephew Gordon Pike"), not after a word that is no first name; a first
 * name quoted in lower case is a name. */
static void test_street_word_surname(void **state)
{
	(void)state;
	mc_phi *p = fixture_phi();
	expect(p, "Results were discussed with her sister Mary Pike today.",
	       "Results were discussed with her sister [NAME] today.");
	expect(p, "Results were discussed with her sister Quill Pike today.",
	       "Results were discussed with her sister [NAME] Pike today.");
	/* a common first name quoted in lower case; a quoted common word stays */
	expect(p, "Results were discussed with him; he asks for \"mary\" (mary) and \"stool\" today.",
	       "Results were discussed with him; he asks for \"[NAME]\" ([NAME]) and \"stool\" today.");
	mc_phi_free(p);
}

/* Which words count: four letters or more, letters only, the possessive
 * dropped, each once; bad arguments. */
static void test_vocabulary_words(void **state)
{
	(void)state;
	mc_phi *p = fixture_phi();
	mc_error err;
	assert_int_equal(add(p, "Abc Ab1cd 12345 B12 x-ray"), 0);
	assert_int_equal(mc_phi_vocabulary_size(p), 0);
	assert_int_equal(add(p, "Zorbul's sign, Sézary cells"), 0);
	assert_int_equal(mc_phi_vocabulary_size(p), 3); /* zorbul, sézary, cells */
	assert_true(phi_vocab_only(flags_of(p, "zorbul")));
	assert_true(phi_vocab_only(flags_of(p, "S\xc3\xa9zary")));
	assert_false(phi_vocab_only(flags_of(p, "sign")));
	assert_int_equal(add(p, "ZORBUL cells"), 0);
	assert_int_equal(mc_phi_vocabulary_size(p), 3);
	assert_int_equal(add(p, ""), 0);
	assert_int_equal(mc_phi_add_vocabulary(NULL, "x", 1, &err), MC_EINVAL);
	assert_int_equal(mc_phi_add_vocabulary(p, NULL, 1, &err), MC_EINVAL);
	assert_int_equal(mc_phi_vocabulary_size(NULL), 0);
	/* names lists loaded later cannot be, but a name word never takes
	 * the flag: "Mary" is a first name */
	assert_int_equal(add(p, "Mary"), 0);
	assert_false(phi_vocab_only(flags_of(p, "mary")));
	mc_phi_free(p);
}

/* Without name lists the vocabulary cannot tell surnames from clinical
 * words: nothing is added. */
static void test_no_names_no_vocabulary(void **state)
{
	(void)state;
	char words[128], clinical[128];
	snprintf(words, sizeof(words), "%s/words", dir);
	snprintf(clinical, sizeof(clinical), "%s/clinical", dir);
	write_file("words", "stool\ncultures\ngrew\ntoday\n");
	write_file("clinical", "ascites\n");
	mc_phi_opts o = { 0 };
	o.names_dir = "";
	o.wordlist = words;
	o.clinical_dict = clinical;
	mc_phi *p = NULL;
	mc_error err;
	assert_int_equal(mc_phi_new(&p, &o, &err), 0);
	assert_int_equal(add(p, "Strongyloides stercoralis; Wilson's disease"), 0);
	assert_int_equal(mc_phi_vocabulary_size(p), 0);
	assert_int_equal(flags_of(p, "strongyloides"), 0);
	expect(p, "Stool cultures grew Strongyloides today.", "Stool cultures grew [NAME] today.");
	mc_phi_free(p);
}

typedef struct texts {
	mc_buf all;
	size_t n;
} texts;

static int collect(const char *text, size_t len, void *payload)
{
	texts *t = payload;
	assert_int_equal(strlen(text), len);
	t->n++;
	return mc_buf_put(&t->all, text, len) < 0 || mc_buf_putc(&t->all, '\n') < 0 ? MC_ENOMEM : 0;
}

static int stop_at_first(const char *text, size_t len, void *payload)
{
	(void)text;
	(void)len;
	(*(int *)payload)++;
	return 7;
}

static int add_text(const char *text, size_t len, void *payload)
{
	return mc_phi_add_vocabulary(payload, text, len, NULL);
}

/* The store's texts: titles of the latest ICD-10-CM release (FY2026, not
 * the FY2021 chapter titles), inclusion terms and index terms from the
 * latest release that has them, HCPCS titles; no modifier titles. */
static void test_store_vocabulary(void **state)
{
	(void)state;
	char db[128];
	snprintf(db, sizeof(db), "%s/fixture.db", dir);
	char p1[512], p2[512], p3[512], p4[512];
	snprintf(p1, sizeof(p1), "%s", th_fixture("icd10cm/order_2026.txt"));
	snprintf(p2, sizeof(p2), "%s", th_fixture("icd10cm/index_2026.xml"));
	snprintf(p3, sizeof(p3), "%s", th_fixture("icd10cm/tabular_small.xml"));
	snprintf(p4, sizeof(p4), "%s", th_fixture("hcpcs/anweb_sample.txt"));
	const char *paths[] = { p1, p2, p3, p4 };
	mc_error err;
	mc_store *s = NULL;
	assert_int_equal(mc_store_open(&s, db, MC_STORE_WRITE, &err), 0);
	assert_int_equal(mc_import_paths(s, paths, 4, NULL, NULL, &err), 0);
	mc_store_free(s);

	assert_int_equal(mc_store_open(&s, db, MC_STORE_READ, &err), 0);
	texts t = { MC_BUF_INIT, 0 };
	assert_int_equal(mc_store_vocabulary(s, collect, &t, &err), 0);
	const char *all = t.all.ptr;
	assert_non_null(all);
	assert_non_null(strstr(all, "Test condition alpha\n"));            /* FY2026 title */
	assert_null(strstr(all, "Test chapter of made-up conditions"));   /* FY2021 only */
	assert_non_null(strstr(all, "Alphatest's syndrome\n"));           /* index term */
	assert_non_null(strstr(all, "Classic test alpha\n"));             /* inclusion term */
	assert_non_null(strstr(all, "Ambulance trip outside the state")); /* HCPCS */
	assert_null(strstr(all, "statutorily"));                          /* modifier */
	assert_true(t.n > 10);
	mc_buf_release(&t.all);

	int calls = 0;
	assert_int_equal(mc_store_vocabulary(s, stop_at_first, &calls, &err), 7);
	assert_int_equal(calls, 1);
	assert_int_equal(mc_store_vocabulary(s, NULL, NULL, &err), MC_EINVAL);

	mc_phi *p = fixture_phi();
	assert_int_equal(mc_store_vocabulary(s, add_text, p, &err), 0);
	assert_true(mc_phi_vocabulary_size(p) > 10);
	assert_true(phi_vocab_only(flags_of(p, "alphatest")));
	expect(p, "Stool cultures grew Alphatest today.", "Stool cultures grew Alphatest today.");
	mc_phi_free(p);
	mc_store_free(s);
}

/* A store without releases gives no texts. */
static void test_empty_store(void **state)
{
	(void)state;
	char db[128];
	snprintf(db, sizeof(db), "%s/empty.db", dir);
	mc_error err;
	mc_store *s = NULL;
	assert_int_equal(mc_store_open(&s, db, MC_STORE_WRITE, &err), 0);
	texts t = { MC_BUF_INIT, 0 };
	assert_int_equal(mc_store_vocabulary(s, collect, &t, &err), 0);
	assert_int_equal(t.n, 0);
	mc_buf_release(&t.all);
	mc_store_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clinical_word_kept_surname_redacted),
		cmocka_unit_test(test_street_word_surname),
		cmocka_unit_test(test_vocabulary_words),
		cmocka_unit_test(test_no_names_no_vocabulary),
		cmocka_unit_test(test_store_vocabulary),
		cmocka_unit_test(test_empty_store),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
