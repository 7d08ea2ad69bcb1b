/* Helpers shared by the bench programs (timing, percentiles, a store). */
#ifndef MC_BENCH_COMMON_H
#define MC_BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "medcode/import.h"
#include "medcode/search.h"
#include "medcode/store.h"

static inline double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* p in [0,1] of n sorted values. */
static inline double bench_pct(const double *v, size_t n, double p)
{
	if (!n)
		return 0;
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

/* Open the store at path, importing $MEDCODE_DATA into it first when it
 * has no releases.  Exits on failure. */
static inline mc_store *bench_store(const char *path)
{
	mc_error err;
	mc_store *s = NULL;
	if (mc_store_open(&s, path, MC_STORE_WRITE, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		exit(2);
	}
	mc_release_info *rel;
	size_t n = 0;
	if (mc_store_releases(s, &rel, &n, &err) == 0)
		mc_store_releases_free(rel, n);
	if (n == 0) {
		const char *data = getenv("MEDCODE_DATA");
		if (!data) {
			fprintf(stderr, "bench: empty store and MEDCODE_DATA not set\n");
			exit(2);
		}
		const char *paths[] = { data };
		fprintf(stderr, "bench: importing %s into %s\n", data, path);
		if (mc_import_paths(s, paths, 1, NULL, NULL, &err) < 0 || mc_search_build(s, &err) < 0) {
			fprintf(stderr, "bench: import: %s\n", err.msg);
			exit(2);
		}
	}
	return s;
}

static inline void bench_machine(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	char model[256] = "unknown cpu";
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "model name", 10) == 0) {
			char *c = strchr(line, ':');
			if (c) {
				snprintf(model, sizeof(model), "%s", c + 2);
				model[strcspn(model, "\n")] = '\0';
			}
			break;
		}
	}
	if (f)
		fclose(f);
	printf("machine: %ld cpus, %s\n", cpus, model);
}

#endif
