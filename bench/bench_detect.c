/* bench_detect STORE TEXT [REPEAT]: detection throughput on one core.
 *
 * TEXT is read at run time (JSON lines {"id","text"} such as the CodiEsp
 * notes, or plain text); nothing is copied into the repository.  Reports
 * the dictionary load time, its memory (own estimate and the RSS growth),
 * MB/s of mc_detect_text over the whole text, and in the same run a naive
 * baseline: every billable title (", unspecified" cut off) searched with
 * strstr in the lower-cased text, timed on a sample and scaled. */
#include <ctype.h>
#include <jansson.h>
#include <sqlite3.h>

#include "bench_common.h"
#include "medcode/detect.h"

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

typedef struct doc {
	char *text;
	size_t len;
} doc;

static doc *read_docs(const char *path, size_t *n, size_t *bytes)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	doc *v = NULL;
	size_t cap = 0;
	*n = *bytes = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t got;
	while ((got = getline(&line, &lcap, f)) > 0) {
		json_t *j = line[0] == '{' ? json_loadb(line, (size_t)got, 0, NULL) : NULL;
		json_t *t = j ? json_object_get(j, "text") : NULL;
		const char *s = t ? json_string_value(t) : line;
		size_t len = t ? json_string_length(t) : (size_t)got;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			doc *nv = realloc(v, cap * sizeof(doc));
			if (!nv)
				exit(1);
			v = nv;
		}
		v[*n].text = malloc(len + 1);
		if (!v[*n].text)
			exit(1);
		memcpy(v[*n].text, s, len);
		v[*n].text[len] = 0;
		v[*n].len = len;
		*bytes += len;
		(*n)++;
		json_decref(j);
	}
	free(line);
	fclose(f);
	return v;
}

/* The naive baseline's patterns: billable titles of the latest release. */
static char **titles(const char *db, size_t *n)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT lower(title_long) FROM code WHERE billable=1 AND system='icd10cm' "
				  "AND release_id=(SELECT id FROM release WHERE stream='icd10cm' "
				  "ORDER BY effective_from DESC LIMIT 1)", -1, &st, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return NULL;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (!t)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			char **nv = realloc(v, cap * sizeof(char *));
			if (!nv)
				exit(1);
			v = nv;
		}
		char *c = strdup(t);
		if (!c)
			exit(1);
		char *u = strstr(c, ", unspecified");
		if (u)
			*u = 0;
		v[(*n)++] = c;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_detect STORE TEXT [REPEAT]\n");
		return 2;
	}
	int repeat = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 3;
	if (repeat < 1)
		repeat = 1;
	size_t ndocs = 0, bytes = 0;
	doc *docs = read_docs(argv[2], &ndocs, &bytes);
	if (!docs || !bytes) {
		fprintf(stderr, "bench_detect: cannot read '%s'\n", argv[2]);
		return 2;
	}
	mc_error err;
	mc_store *st = NULL;
	if (mc_store_open(&st, argv[1], MC_STORE_READ, &err) < 0) {
		fprintf(stderr, "bench_detect: %s\n", err.msg);
		return 2;
	}
	long rss0 = rss_kb();
	double t0 = bench_now();
	mc_detect *d = NULL;
	if (mc_detect_new(&d, st, NULL, &err) < 0) {
		fprintf(stderr, "bench_detect: %s\n", err.msg);
		return 2;
	}
	double load = bench_now() - t0;
	long rss1 = rss_kb();
	size_t nterms, nstems, dbytes;
	mc_detect_stats(d, &nterms, &nstems, &dbytes);
	printf("dictionary: %zu terms, %zu stems, %.1f MB held; loaded in %.3f s; RSS %.1f -> %.1f MB\n",
	       nterms, nstems, (double)dbytes / 1e6, load, (double)rss0 / 1024, (double)rss1 / 1024);
	size_t ents = 0;
	double best = 1e30;
	for (int r = 0; r < repeat; r++) {
		double a = bench_now();
		for (size_t i = 0; i < ndocs; i++) {
			mc_detect_result res;
			if (mc_detect_text(d, docs[i].text, docs[i].len, NULL, &res, &err) < 0) {
				fprintf(stderr, "bench_detect: %s\n", err.msg);
				return 1;
			}
			if (r == 0)
				ents += res.n;
			mc_detect_result_release(&res);
		}
		double t = bench_now() - a;
		if (t < best)
			best = t;
	}
	double mbs = (double)bytes / 1e6 / best;
	printf("detect: %zu documents, %.2f MB, %zu mentions; best of %d: %.3f s = %.2f MB/s; peak RSS %.1f MB\n",
	       ndocs, (double)bytes / 1e6, ents, repeat, best, mbs, (double)rss_kb() / 1024);
	/* naive baseline on a sample */
	size_t npat = 0;
	char **pat = titles(argv[1], &npat);
	size_t sample = 0, k = 0;
	double a = bench_now();
	size_t hits = 0;
	for (; k < ndocs && sample < 64 * 1024; k++) {
		char *low = strdup(docs[k].text);
		if (!low)
			return 1;
		for (char *p = low; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		for (size_t i = 0; i < npat; i++)
			hits += strstr(low, pat[i]) != NULL;
		free(low);
		sample += docs[k].len;
	}
	double tb = bench_now() - a;
	double base_mbs = (double)sample / 1e6 / tb;
	printf("naive baseline (%zu titles x strstr, %zu-byte sample, %zu hits): %.3f MB/s; detect is %.0fx faster\n",
	       npat, sample, hits, base_mbs, mbs / base_mbs);
	for (size_t i = 0; i < npat; i++)
		free(pat[i]);
	free(pat);
	for (size_t i = 0; i < ndocs; i++)
		free(docs[i].text);
	free(docs);
	mc_detect_free(d);
	mc_store_free(st);
	return 0;
}
