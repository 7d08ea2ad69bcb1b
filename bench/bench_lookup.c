/* Lookup latency over every code in the store, in-process.
 *   bench_lookup [STORE]   (default /tmp/medcode_bench.db; imported from
 *                           $MEDCODE_DATA when empty)
 * Prints p50/p99/max of mc_lookup for each code (full record and --brief),
 * and, as a same-run baseline, one prepared indexed SELECT per code. */
#include <sqlite3.h>

#include "bench_common.h"
#include "medcode/lookup.h"

typedef struct code_list {
	char **code;
	char **system;
	size_t n;
} code_list;

static code_list all_codes(const char *path)
{
	code_list l = { 0 };
	sqlite3 *db;
	sqlite3_stmt *st;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT DISTINCT code, system FROM code WHERE kind NOT IN ('chapter','section')",
			       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: cannot list codes\n");
		exit(2);
	}
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (l.n == cap) {
			cap = cap ? cap * 2 : 1024;
			l.code = realloc(l.code, cap * sizeof(char *));
			l.system = realloc(l.system, cap * sizeof(char *));
			if (!l.code || !l.system)
				exit(2);
		}
		l.code[l.n] = strdup((const char *)sqlite3_column_text(st, 0));
		l.system[l.n] = strdup((const char *)sqlite3_column_text(st, 1));
		l.n++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return l;
}

static void report(const char *what, double *t, size_t n, double total)
{
	qsort(t, n, sizeof(*t), bench_cmp_double);
	printf("%-34s n=%zu  p50=%.1f us  p99=%.1f us  max=%.1f us  %.0f lookups/s\n", what, n,
	       bench_pct(t, n, 0.50) * 1e6, bench_pct(t, n, 0.99) * 1e6, t[n - 1] * 1e6, (double)n / total);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/medcode_bench.db";
	mc_store_free(bench_store(path));
	code_list l = all_codes(path);
	mc_error err;
	mc_store *s;
	if (mc_store_open(&s, path, MC_STORE_READ, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 2;
	}
	bench_machine();
	double *t = malloc(l.n * sizeof(double));
	if (!t)
		return 2;

	/* Baseline: one prepared, indexed SELECT per code. */
	sqlite3 *db;
	sqlite3_stmt *st;
	sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	sqlite3_prepare_v2(db, "SELECT id, title_long FROM code WHERE compact=?1", -1, &st, NULL);
	double t0 = bench_now();
	for (size_t i = 0; i < l.n; i++) {
		double a = bench_now();
		char compact[64];
		size_t k = 0;
		for (const char *p = l.code[i]; *p && k < sizeof(compact) - 1; p++)
			if (*p != '.')
				compact[k++] = *p;
		compact[k] = '\0';
		sqlite3_bind_text(st, 1, compact, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		sqlite3_reset(st);
		t[i] = bench_now() - a;
	}
	double base_total = bench_now() - t0;
	report("baseline: one indexed SELECT", t, l.n, base_total);
	double base_p99 = bench_pct(t, l.n, 0.99);
	sqlite3_finalize(st);
	sqlite3_close(db);

	for (int brief = 1; brief >= 0; brief--) {
		size_t failures = 0;
		t0 = bench_now();
		for (size_t i = 0; i < l.n; i++) {
			mc_lookup_opts o = { "2026-06-01", mc_system_from_name(l.system[i]), 0, brief };
			mc_lookup_result r;
			double a = bench_now();
			if (mc_lookup(s, l.code[i], &o, &r, &err) < 0)
				failures++;
			mc_lookup_result_release(&r);
			t[i] = bench_now() - a;
		}
		double total = bench_now() - t0;
		report(brief ? "mc_lookup, brief record" : "mc_lookup, full record", t, l.n, total);
		printf("  p99 ratio to baseline: %.1fx; failures: %zu\n", bench_pct(t, l.n, 0.99) / base_p99, failures);
	}
	mc_store_free(s);
	return 0;
}
