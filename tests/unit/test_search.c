/* Search over the real data: $MEDCODE_DATA imported into a fresh store in
 * the group setup.  Specific behaviours, the quality floors over
 * tests/data/search_queries.tsv, type-ahead and bad input.  Skipped when
 * MEDCODE_DATA is not set. */
#include "helpers.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "medcode/import.h"
#include "medcode/search.h"
#include "medcode/store.h"

#include "core/core.h"   /* mc_alloc_fail_after */

/* Floors a little below the measured figures (docs/search.md). */
#define FLOOR_HIT1 0.72
#define FLOOR_HIT10 0.92
#define FLOOR_MRR 0.78

typedef struct fx {
	char dir[64];
	char db[128];
	mc_store *s;
	mc_searcher *q;
} fx;

static int setup(void **state)
{
	const char *data = getenv("MEDCODE_DATA");
	if (!data || !*data) {
		*state = NULL;
		return 0;
	}
	fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/mc_search_XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/search.db", f->dir);
	mc_error err;
	if (mc_store_open(&f->s, f->db, MC_STORE_WRITE, &err) < 0)
		return -1;
	const char *paths[] = { data };
	if (mc_import_paths(f->s, paths, 1, NULL, NULL, &err) < 0 || mc_search_build(f->s, &err) < 0) {
		fprintf(stderr, "import of %s failed: %s\n", data, err.msg);
		return -1;
	}
	if (mc_searcher_new(&f->q, f->s, &err) < 0) {
		fprintf(stderr, "searcher: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	if (!f)
		return 0;
	mc_searcher_free(f->q);
	mc_store_free(f->s);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	return rc == 0 ? 0 : -1;
}

#define NEED_DATA(f) do { if (!(f)) { skip(); return; } } while (0)

/* Rank (1-based) of code in the results of query, 0 when absent. */
static size_t rank(fx *f, const char *query, const mc_search_opts *o, const char *code)
{
	mc_search_result r;
	mc_error err;
	mc_search_opts d = { 0, 10, false, false };
	if (mc_search(f->q, query, o ? o : &d, &r, &err) < 0)
		fail_msg("search '%s': %s", query, err.msg);
	size_t k = 0;
	for (size_t i = 0; i < r.n && !k; i++)
		if (!strcmp(r.hits[i].code, code))
			k = i + 1;
	mc_search_result_release(&r);
	return k;
}

static void test_behaviours(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	size_t k;
	k = rank(f, "pnuemonia", NULL, "J18.9");
	assert_true(k >= 1 && k <= 3);
	assert_int_equal(rank(f, "pneumonia", NULL, "J18.9"), 1);
	assert_int_equal(rank(f, "E1152", NULL, "E11.52"), 1);
	assert_int_equal(rank(f, "e11.52", NULL, "E11.52"), 1);
	k = rank(f, "what is the icd 10 code for heart attack", NULL, "I21.9");
	assert_true(k >= 1 && k <= 10);
	k = rank(f, "DM2 w/ neuropathy", NULL, "E11.40");
	assert_true(k >= 1 && k <= 3);
	k = rank(f, "fluoroscopy guidance for a needle", NULL, "77002");
	assert_true(k >= 1 && k <= 10);
	assert_int_equal(rank(f, "chf", NULL, "I50.9"), 1);
	assert_int_equal(rank(f, "htn", NULL, "I10"), 1);
	assert_int_equal(rank(f, "modifier 25", NULL, "25"), 1);
	assert_int_equal(rank(f, "J1100", NULL, "J1100") >= 1, 1);   /* HCPCS and ICD J11.00 both */
	assert_true(rank(f, "J1100", NULL, "J11.00") >= 1);

	/* the range gives its three codes, in order */
	mc_search_result r;
	mc_error err;
	mc_search_opts o = { 0, 10, false, false };
	assert_int_equal(mc_search(f->q, "77001-77003", &o, &r, &err), 0);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.hits[0].code, "77001");
	assert_string_equal(r.hits[1].code, "77002");
	assert_string_equal(r.hits[2].code, "77003");
	assert_string_equal(r.hits[0].system, "cpt");
	mc_search_result_release(&r);

	/* a system filter holds */
	mc_search_opts cpt = { MC_SEARCH_SYS(MC_SYS_CPT), 10, false, false };
	assert_int_equal(mc_search(f->q, "knee replacement", &cpt, &r, &err), 0);
	assert_true(r.n > 0);
	for (size_t i = 0; i < r.n; i++)
		assert_string_equal(r.hits[i].system, "cpt");
	assert_string_equal(r.hits[0].code, "27447");
	mc_search_result_release(&r);

	/* explain says why; JSON has the DESIGN.md shape */
	mc_search_opts ex = { 0, 3, true, false };
	assert_int_equal(mc_search(f->q, "pnuemonia", &ex, &r, &err), 0);
	assert_true(r.n >= 1 && r.n <= 3);
	assert_non_null(r.hits[0].why);
	assert_non_null(strstr(r.hits[0].why, "read as 'pneumonia'"));
	json_t *j = mc_json_search(&r);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "query")), "pnuemonia");
	json_t *first = json_array_get(json_object_get(j, "results"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "system")), "icd10cm");
	assert_string_equal(json_string_value(json_object_get(first, "code")), "J18.9");
	assert_true(json_is_true(json_object_get(first, "billable")));
	assert_true(json_is_number(json_object_get(first, "score")));
	assert_true(json_is_string(json_object_get(first, "why")));
	assert_non_null(json_object_get(first, "title"));
	json_decref(j);
	mc_search_result_release(&r);
	assert_int_equal(mc_search(f->q, "pneumonia", &o, &r, &err), 0);
	j = mc_json_search(&r);
	assert_null(json_object_get(json_array_get(json_object_get(j, "results"), 0), "why"));
	json_decref(j);
	mc_search_result_release(&r);
}

static void test_typeahead(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_search_result r;
	mc_error err;
	mc_search_opts o = { 0, 10, false, true };
	assert_int_equal(mc_search_prefix(f->q, "E11.5", &o, &r, &err), 0);
	assert_true(r.n >= 4);
	for (size_t i = 0; i < r.n; i++)
		assert_int_equal(strncmp(r.hits[i].code, "E11.5", 5), 0);
	mc_search_result_release(&r);
	assert_int_equal(mc_search_prefix(f->q, "pneumon", &o, &r, &err), 0);
	assert_true(r.n > 0);
	bool j189 = false;
	for (size_t i = 0; i < r.n; i++)
		j189 |= !strcmp(r.hits[i].code, "J18.9");
	assert_true(j189);
	mc_search_result_release(&r);
	assert_int_equal(mc_search_prefix(f->q, "type 2 diab", &o, &r, &err), 0);
	assert_true(r.n > 0);
	assert_int_equal(strncmp(r.hits[0].code, "E11", 3), 0);
	mc_search_result_release(&r);
	assert_int_equal(mc_search_prefix(f->q, "p", &o, &r, &err), 0);   /* one letter: fine, fast */
	mc_search_result_release(&r);
}

static void test_bad_input(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_search_result r;
	mc_error err;
	mc_search_opts o = { 0, 10, false, false };
	assert_int_equal(mc_search(f->q, "", &o, &r, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "empty"));
	mc_search_result_release(&r);
	assert_int_equal(mc_search(f->q, NULL, &o, &r, &err), MC_EINVAL);
	mc_search_result_release(&r);
	char *big = malloc(10 * 1024 + 1);
	assert_non_null(big);
	for (size_t i = 0; i < 10 * 1024; i++)
		big[i] = "pneumonia heart "[i % 16];
	big[10 * 1024] = '\0';
	assert_int_equal(mc_search(f->q, big, &o, &r, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "too long"));
	mc_search_result_release(&r);
	free(big);
	assert_int_equal(mc_search(f->q, "\x80\xff\x01pneumonia", &o, &r, &err), MC_EINVAL);
	mc_search_result_release(&r);
	static const char *const odd[] = { "\"heart attack", "NEAR(heart attack)", "heart AND attack OR *",
					   "title:pneumonia", "*:", "^pneumonia", "\"", "((((", "-", "'; DROP TABLE code; --",
					   "E11.5-", "-E11", "A-B-C", "99999-00000", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
					   "ü pneumonia é", "0", "." };
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		int rc = mc_search(f->q, odd[i], &o, &r, &err);
		if (rc != 0)
			fail_msg("'%s': %s", odd[i], err.msg);
		mc_search_result_release(&r);
	}
	assert_int_equal(mc_search(f->q, "\"heart attack", &o, &r, &err), 0);
	assert_true(r.n > 0);
	mc_search_result_release(&r);
}

/* Every allocation that can fail, failing: an error, never a crash or a leak. */
static void test_allocation_failures(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	static const char *const qs[] = { "pnuemonia", "DM2 w/ neuropathy", "77001-77003", "E11.5*" };
	mc_search_opts o = { 0, 10, true, false };
	for (size_t k = 0; k < sizeof(qs) / sizeof(qs[0]); k++) {
		for (long n = 1; n < 400; n++) {
			mc_search_result r;
			mc_error err;
			mc_alloc_fail_after(n);
			int rc = mc_search(f->q, qs[k], &o, &r, &err);
			mc_alloc_fail_after(-1);
			mc_search_result_release(&r);
			if (rc == 0)
				break;
			assert_int_equal(rc, MC_ENOMEM);
		}
	}
	mc_search_result r;
	mc_error err;
	mc_search_opts p = { 0, 10, false, true };
	for (long n = 1; n < 200; n++) {
		mc_alloc_fail_after(n);
		int rc = mc_search(f->q, "type 2 diab", &p, &r, &err);
		mc_alloc_fail_after(-1);
		mc_search_result_release(&r);
		if (rc == 0)
			break;
		assert_int_equal(rc, MC_ENOMEM);
	}
	assert_int_equal(mc_search(f->q, "pnuemonia", &o, &r, &err), 0);
	assert_true(r.n > 0);
	mc_search_result_release(&r);
	/* a fresh searcher: opening it and loading the vocabulary fail too */
	for (long n = 1; n < 2000; n++) {
		mc_searcher *q = NULL;
		mc_alloc_fail_after(n);
		int rc = mc_searcher_new(&q, f->s, &err);
		if (rc == 0) {
			rc = mc_search(q, "pnuemonia", &o, &r, &err);
			mc_search_result_release(&r);
		}
		mc_alloc_fail_after(-1);
		if (rc == 0) {
			/* what failed before left nothing half-loaded */
			assert_int_equal(mc_search(q, "diarhea", &o, &r, &err), 0);
			assert_true(r.n > 0);
			assert_string_equal(r.hits[0].code, "R19.7");
			mc_search_result_release(&r);
			mc_searcher_free(q);
			break;
		}
		assert_int_equal(rc, MC_ENOMEM);
		mc_searcher_free(q);
	}
}

/* The command: exit codes 0 / 1 / 2 and the JSON shape. */
static int cli(fx *f, const char *args, char *out, size_t cap)
{
	const char *bin = getenv("MC_BINARY");
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "'%s' --db '%s' search %s 2>&1", bin, f->db, args);
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	size_t n = fread(out, 1, cap - 1, p);
	out[n] = '\0';
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_command(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	if (!getenv("MC_BINARY")) {
		skip();
		return;
	}
	static char out[65536];
	assert_int_equal(cli(f, "--json --limit 3 'what is the icd 10 code for heart attack'", out, sizeof(out)), 0);
	json_error_t je;
	json_t *j = json_loads(out, 0, &je);
	assert_non_null(j);
	assert_true(json_is_string(json_object_get(j, "query")));
	assert_true(json_array_size(json_object_get(j, "results")) == 3);
	json_decref(j);
	assert_int_equal(cli(f, "--explain pnuemonia", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "J18.9"));
	assert_non_null(strstr(out, "read as"));
	assert_int_equal(cli(f, "--system cpt,hcpcs --limit 2 knee replacement", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "27447"));
	assert_int_equal(cli(f, "--prefix 'E11.5'", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "E11.52"));
	assert_int_equal(cli(f, "qxqxqxqxqx", out, sizeof(out)), 1);
	assert_int_equal(cli(f, "''", out, sizeof(out)), 2);
	assert_non_null(strstr(out, "empty query"));
	assert_int_equal(cli(f, "--limit 0 x", out, sizeof(out)), 2);
	assert_int_equal(cli(f, "--system nope x", out, sizeof(out)), 2);
	assert_int_equal(cli(f, "", out, sizeof(out)), 2);
	assert_int_equal(cli(f, "\"$(printf '\\001\\377')\"", out, sizeof(out)), 2);
	assert_int_equal(cli(f, "'NEAR(heart attack) AND \"x OR *'", out, sizeof(out)), 0);
}

/* Every pairing of the query set names codes in force, the first with the
 * stated words in its official title; then the quality floors. */
static void test_query_set(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	char path[1024];
	const char *src = getenv("MC_SOURCE_DIR");
	snprintf(path, sizeof(path), "%s/tests/data/search_queries.tsv", src ? src : ".");
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	char line[2048];
	size_t n = 0, hit1 = 0, hit10 = 0;
	double mrr = 0;
	mc_error err;
	while (fgets(line, sizeof(line), in)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#' || !strncmp(line, "query\t", 6))
			continue;
		char *fld[4] = { line, NULL, NULL, NULL };
		for (int i = 1; i < 4; i++) {
			char *t = strchr(fld[i - 1], '\t');
			if (!t)
				fail_msg("%s: line needs 4 tab-separated fields: %s", path, line);
			*t = '\0';
			fld[i] = t + 1;
		}
		/* the pairing: each expected code exists; the first has the title words */
		char codes[256];
		snprintf(codes, sizeof(codes), "%s", fld[1]);
		char *expected[16];
		size_t ne = 0;
		for (char *c = codes; c && *c && ne < 16;) {
			char *comma = strchr(c, ',');
			if (comma)
				*comma = '\0';
			expected[ne++] = c;
			c = comma ? comma + 1 : NULL;
		}
		for (size_t k = 0; k < ne; k++) {
			mc_search_result r;
			mc_search_opts o = { 0, 50, false, false };
			assert_int_equal(mc_search(f->q, expected[k], &o, &r, &err), 0);
			bool found = false;
			for (size_t i = 0; i < r.n; i++) {
				if (strcmp(r.hits[i].code, expected[k]))
					continue;
				found = true;
				if (k == 0) {
					char t[512], w[256];
					snprintf(t, sizeof(t), "%s", r.hits[i].title);
					snprintf(w, sizeof(w), "%s", fld[2]);
					for (char *p = t; *p; p++)
						*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
					for (char *p = w; *p; p++)
						*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
					if (!strstr(t, w))
						fail_msg("query '%s': %s title '%s' lacks '%s'", fld[0], expected[k],
							 r.hits[i].title, fld[2]);
				}
			}
			mc_search_result_release(&r);
			if (!found)
				fail_msg("query '%s': expected code %s is not in the store", fld[0], expected[k]);
		}
		/* the query itself */
		mc_search_result r;
		mc_search_opts o = { 0, 10, false, false };
		assert_int_equal(mc_search(f->q, fld[0], &o, &r, &err), 0);
		size_t rk = 0;
		for (size_t i = 0; i < r.n && !rk; i++)
			for (size_t k = 0; k < ne; k++)
				if (!strcmp(r.hits[i].code, expected[k]))
					rk = i + 1;
		mc_search_result_release(&r);
		n++;
		hit1 += rk == 1;
		hit10 += rk >= 1 && rk <= 10;
		mrr += rk ? 1.0 / (double)rk : 0;
	}
	fclose(in);
	assert_true(n >= 150);
	double h1 = (double)hit1 / (double)n, h10 = (double)hit10 / (double)n, m = mrr / (double)n;
	printf("search quality over %zu queries: hit@1 %.3f  hit@10 %.3f  MRR %.3f\n", n, h1, h10, m);
	if (h1 < FLOOR_HIT1 || h10 < FLOOR_HIT10 || m < FLOOR_MRR)
		fail_msg("quality below the floor (hit@1 %.2f, hit@10 %.2f, MRR %.2f)", FLOOR_HIT1, FLOOR_HIT10,
			 FLOOR_MRR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_behaviours),
		cmocka_unit_test(test_typeahead),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_allocation_failures),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_query_set),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
