/* Search quality and speed, in-process, with every system loaded.
 *   bench_search [STORE] [QUERIES.tsv | QUERIES.jsonl]
 *     STORE    default /tmp/medcode_bench.db (imported from $MEDCODE_DATA when empty)
 *     QUERIES  default tests/data/search_queries.tsv under $MC_SOURCE_DIR or ".";
 *              a .jsonl file holds one {"q", "expected": [...], "system", "kind"}
 *              per line (the evaluation sets' layout), scored by system/kind too
 * Prints hit@1, hit@10 and MRR over the query set, p50/p99 latency and
 * queries per second of mc_search and of type-ahead (mc_search_prefix on
 * the first letters of each query), the index build time, and, in the same
 * run, a naive baseline: plain FTS5 BM25 over the titles alone (an
 * in-memory table, the query's words OR-ed), with the ratios.
 * Set BENCH_VERBOSE=1 to list the queries that miss. */
#include <ctype.h>
#include <jansson.h>
#include <sqlite3.h>

#include "bench_common.h"
#include "medcode/search.h"

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct qcase {
	char *query;
	char *expected[12];
	size_t nexp;
	char *kind;             /* "system/kind" of a .jsonl query, else NULL */
} qcase;

/* Codes compare without dots and case ("E11.9" = "e119"), as the
 * evaluation scorer does. */
static void code_norm(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++)
		if (*r != '.')
			*w++ = (char)toupper((unsigned char)*r);
	*w = '\0';
}

static qcase *load_jsonl(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "bench: cannot open %s\n", path);
		exit(2);
	}
	qcase *q = NULL;
	size_t cap = 0;
	char line[8192];
	*n = 0;
	while (fgets(line, sizeof(line), f)) {
		json_error_t je;
		json_t *o = json_loads(line, 0, &je);
		if (!o)
			continue;
		const char *text = json_string_value(json_object_get(o, "q"));
		json_t *exp = json_object_get(o, "expected");
		if (!text || !json_is_array(exp)) {
			json_decref(o);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 128;
			q = realloc(q, cap * sizeof(*q));
			if (!q)
				exit(2);
		}
		qcase *c = &q[(*n)++];
		memset(c, 0, sizeof(*c));
		c->query = strdup(text);
		for (size_t i = 0; i < json_array_size(exp) && c->nexp < 12; i++) {
			const char *e = json_string_value(json_array_get(exp, i));
			if (e) {
				c->expected[c->nexp] = strdup(e);
				code_norm(c->expected[c->nexp++]);
			}
		}
		char kind[128];
		snprintf(kind, sizeof(kind), "%s/%s", json_string_value(json_object_get(o, "system")) ?: "?",
			 json_string_value(json_object_get(o, "kind")) ?: "?");
		c->kind = strdup(kind);
		json_decref(o);
	}
	fclose(f);
	return q;
}

static qcase *load_queries(const char *path, size_t *n)
{
	size_t pl = strlen(path);
	if (pl > 6 && !strcmp(path + pl - 6, ".jsonl"))
		return load_jsonl(path, n);
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "bench: cannot open %s\n", path);
		exit(2);
	}
	qcase *q = NULL;
	size_t cap = 0;
	char line[2048];
	*n = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#' || !strncmp(line, "query\t", 6))
			continue;
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		char *exp = tab + 1, *end = strchr(exp, '\t');
		if (end)
			*end = '\0';
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			q = realloc(q, cap * sizeof(*q));
			if (!q)
				exit(2);
		}
		qcase *c = &q[(*n)++];
		memset(c, 0, sizeof(*c));
		c->query = strdup(line);
		for (char *s = exp; *s && c->nexp < 12;) {
			char *comma = strchr(s, ',');
			if (comma)
				*comma = '\0';
			c->expected[c->nexp] = strdup(s);
			code_norm(c->expected[c->nexp++]);
			if (!comma)
				break;
			s = comma + 1;
		}
	}
	fclose(f);
	return q;
}

/* Rank (1-based) of the first expected code in codes, 0 when absent. */
static size_t rank_of(const qcase *c, char codes[][32], size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < c->nexp; k++)
			if (!strcmp(codes[i], c->expected[k]))
				return i + 1;
	return 0;
}

typedef struct quality { double hit1, hit10, mrr; } quality;

/* Quality by query kind (.jsonl sets): [0] medcode, [1] the baseline. */
typedef struct kind_q { char *kind; quality q[2]; size_t n; } kind_q;
static kind_q kinds[64];
static size_t nkinds;

static void add_rank(quality *q, size_t r);

static void kind_rank(const char *kind, size_t rank, int which)
{
	if (!kind)
		return;
	size_t i = 0;
	while (i < nkinds && strcmp(kinds[i].kind, kind))
		i++;
	if (i == nkinds) {
		if (nkinds == 64)
			return;
		kinds[nkinds++].kind = strdup(kind);
	}
	add_rank(&kinds[i].q[which], rank);
	if (which == 0)
		kinds[i].n++;
}

static void add_rank(quality *q, size_t r)
{
	if (r == 1)
		q->hit1 += 1;
	if (r >= 1 && r <= 10) {
		q->hit10 += 1;
		q->mrr += 1.0 / (double)r;
	}
}

static void report(const char *what, double *t, size_t n, double total)
{
	qsort(t, n, sizeof(*t), bench_cmp_double);
	printf("%-30s n=%zu  p50=%.3f ms  p99=%.3f ms  max=%.3f ms  %.0f queries/s\n", what, n,
	       bench_pct(t, n, 0.50) * 1e3, bench_pct(t, n, 0.99) * 1e3, t[n - 1] * 1e3,
	       (double)n / total);
}

/* The naive baseline: FTS5 over titles, default tokenizer, OR of the words. */
static sqlite3 *baseline_open(const char *store)
{
	sqlite3 *db;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		exit(2);
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "ATTACH '%s' AS s;"
		 "CREATE VIRTUAL TABLE base USING fts5(title, code UNINDEXED);"
		 "INSERT INTO base(title, code) SELECT title, code FROM s.search_doc;"
		 "DETACH s;", store);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "bench: baseline: %s\n", msg ? msg : "?");
		exit(2);
	}
	return db;
}

static size_t baseline_query(sqlite3_stmt *st, const char *q, char codes[][32], size_t max)
{
	char match[2048];
	size_t m = 0;
	const char *p = q;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		const char *s = p;
		while (*p && isalnum((unsigned char)*p))
			p++;
		if (p > s && m + (size_t)(p - s) + 8 < sizeof(match)) {
			m += (size_t)snprintf(match + m, sizeof(match) - m, "%s\"%.*s\"", m ? " OR " : "",
					      (int)(p - s), s);
		}
	}
	if (!m)
		return 0;
	size_t n = 0;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(codes[n], 32, "%s", (const char *)sqlite3_column_text(st, 0));
		code_norm(codes[n++]);
	}
	sqlite3_reset(st);
	return n;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/medcode_bench.db";
	char qpath[1024];
	const char *src = getenv("MC_SOURCE_DIR");
	snprintf(qpath, sizeof(qpath), "%s/tests/data/search_queries.tsv", src ? src : ".");
	if (argc > 2)
		snprintf(qpath, sizeof(qpath), "%s", argv[2]);
	bool verbose = getenv("BENCH_VERBOSE") != NULL;
	bench_machine();
	mc_error err;
	mc_store *w = bench_store(path);
	double b0 = bench_now();
	if (!getenv("BENCH_SKIP_BUILD") && mc_search_build(w, &err) < 0) {
		fprintf(stderr, "bench: build: %s\n", err.msg);
		return 2;
	}
	double build = bench_now() - b0;
	mc_store_free(w);
	size_t nq;
	qcase *qs = load_queries(qpath, &nq);
	mc_store *s;
	mc_searcher *q;
	if (mc_store_open(&s, path, MC_STORE_READ, &err) < 0 || mc_searcher_new(&q, s, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 2;
	}
	printf("index build (mc_search_build): %.2f s\n", build);
	enum { ROUNDS = 5 };
	double *t = calloc(nq * ROUNDS, sizeof(double));
	quality mine = { 0 }, base = { 0 };
	char codes[10][32];
	mc_search_opts o = { 0, 10, false, false };
	/* quality (and a warm-up) */
	for (size_t i = 0; i < nq; i++) {
		mc_search_result r;
		if (mc_search(q, qs[i].query, &o, &r, &err) < 0) {
			fprintf(stderr, "bench: '%s': %s\n", qs[i].query, err.msg);
			return 2;
		}
		size_t n = r.n < 10 ? r.n : 10;
		for (size_t k = 0; k < n; k++) {
			snprintf(codes[k], 32, "%s", r.hits[k].code);
			code_norm(codes[k]);
		}
		size_t rk = rank_of(&qs[i], codes, n);
		add_rank(&mine, rk);
		kind_rank(qs[i].kind, rk, 0);
		if (verbose && rk != 1)
			printf("  miss@%zu %-45s want %-8s got %s %s\n", rk, qs[i].query, qs[i].expected[0],
			       n ? codes[0] : "-", r.interpreted);
		mc_search_result_release(&r);
	}
	double *ct = calloc(nq * ROUNDS, sizeof(double));
	double t0 = bench_now();
	for (int round = 0; round < ROUNDS; round++)
		for (size_t i = 0; i < nq; i++) {
			double a = bench_now(), ca = cpu_now();
			mc_search_result r;
			mc_search(q, qs[i].query, &o, &r, &err);
			mc_search_result_release(&r);
			t[(size_t)round * nq + i] = bench_now() - a;
			ct[(size_t)round * nq + i] = cpu_now() - ca;
			if (verbose && round == ROUNDS - 1 && ct[(size_t)round * nq + i] > 0.0015)
				printf("  slow %.2f ms cpu: %s\n", ct[(size_t)round * nq + i] * 1e3, qs[i].query);
		}
	double total = bench_now() - t0;
	report("mc_search (wall)", t, nq * ROUNDS, total);
	report("mc_search (thread cpu)", ct, nq * ROUNDS, total);
	/* type-ahead: the first 1..6 letters of each query */
	size_t nt = 0;
	double *tt = calloc(nq * 6, sizeof(double)), *tct = calloc(nq * 6, sizeof(double));
	t0 = bench_now();
	for (size_t i = 0; i < nq; i++)
		for (size_t len = 1; len <= 6 && len <= strlen(qs[i].query); len++) {
			char pre[16];
			snprintf(pre, sizeof(pre), "%.*s", (int)len, qs[i].query);
			double a = bench_now(), ca = cpu_now();
			mc_search_result r;
			mc_search_prefix(q, pre, &o, &r, &err);
			mc_search_result_release(&r);
			tt[nt] = bench_now() - a;
			tct[nt++] = cpu_now() - ca;
		}
	double ttotal = bench_now() - t0;
	report("type-ahead (wall)", tt, nt, ttotal);
	report("type-ahead (thread cpu)", tct, nt, ttotal);
	if (getenv("BENCH_NO_BASELINE"))
		return 0;
	/* baseline */
	sqlite3 *bdb = baseline_open(path);
	sqlite3_stmt *bst;
	if (sqlite3_prepare_v2(bdb, "SELECT code FROM base WHERE base MATCH ?1 ORDER BY rank LIMIT 10", -1,
			       &bst, NULL) != SQLITE_OK)
		return 2;
	for (size_t i = 0; i < nq; i++) {
		size_t n = baseline_query(bst, qs[i].query, codes, 10);
		size_t rk = rank_of(&qs[i], codes, n);
		add_rank(&base, rk);
		kind_rank(qs[i].kind, rk, 1);
	}
	double *bt = calloc(nq * ROUNDS, sizeof(double));
	t0 = bench_now();
	for (int round = 0; round < ROUNDS; round++)
		for (size_t i = 0; i < nq; i++) {
			double a = bench_now();
			baseline_query(bst, qs[i].query, codes, 10);
			bt[(size_t)round * nq + i] = bench_now() - a;
		}
	double btotal = bench_now() - t0;
	report("baseline FTS5 BM25 titles", bt, nq * ROUNDS, btotal);
	double d = (double)nq;
	printf("quality over %zu queries:    hit@1   hit@10  MRR\n", nq);
	printf("  medcode search           %.3f   %.3f   %.3f\n", mine.hit1 / d, mine.hit10 / d, mine.mrr / d);
	printf("  baseline (titles BM25)   %.3f   %.3f   %.3f\n", base.hit1 / d, base.hit10 / d, base.mrr / d);
	printf("  ratio medcode/baseline   %.2fx   %.2fx   %.2fx\n", base.hit1 ? mine.hit1 / base.hit1 : 0,
	       base.hit10 ? mine.hit10 / base.hit10 : 0, base.mrr ? mine.mrr / base.mrr : 0);
	if (nkinds) {
		printf("by kind (hit@10, MRR)      %-16s %-16s\n", "medcode", "baseline");
		for (size_t i = 0; i < nkinds; i++) {
			double kn = (double)kinds[i].n;
			printf("  %-24s %5.3f  %5.3f     %5.3f  %5.3f   n=%zu\n", kinds[i].kind,
			       kinds[i].q[0].hit10 / kn, kinds[i].q[0].mrr / kn, kinds[i].q[1].hit10 / kn,
			       kinds[i].q[1].mrr / kn, kinds[i].n);
		}
	}
	qsort(bt, nq * ROUNDS, sizeof(double), bench_cmp_double);
	printf("  speed: medcode p50/p99 vs baseline p50/p99: %.2fx / %.2fx slower; QPS ratio %.2f\n",
	       bench_pct(t, nq * ROUNDS, 0.5) / bench_pct(bt, nq * ROUNDS, 0.5),
	       bench_pct(t, nq * ROUNDS, 0.99) / bench_pct(bt, nq * ROUNDS, 0.99), btotal / total);
	sqlite3_finalize(bst);
	sqlite3_close(bdb);
	mc_searcher_free(q);
	mc_store_free(s);
	free(t);
	free(tt);
	free(tct);
	free(ct);
	free(bt);
	return 0;
}
