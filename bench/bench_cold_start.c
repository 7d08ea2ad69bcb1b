/* Cold start of the medcode binary: wall time of fork+exec+exit for
 * `medcode --version` and a one-code `lookup --brief` on a store, against
 * the same for /bin/true in the same run.
 *   bench_cold_start MEDCODE_BINARY STORE [RUNS]   (default 200 runs) */
#include <sys/wait.h>

#include "bench_common.h"

static double run_once(char *const argv[])
{
	fflush(stdout); /* or the child's freopen flushes our buffer again */
	double t0 = bench_now();
	pid_t pid = fork();
	if (pid == 0) {
		FILE *devnull = freopen("/dev/null", "w", stdout);
		(void)devnull;
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	waitpid(pid, &status, 0);
	return bench_now() - t0;
}

static double measure(const char *what, char *const argv[], int runs)
{
	double *t = malloc((size_t)runs * sizeof(double));
	if (!t)
		exit(2);
	for (int i = 0; i < runs; i++)
		t[i] = run_once(argv);
	qsort(t, (size_t)runs, sizeof(double), bench_cmp_double);
	double p50 = bench_pct(t, (size_t)runs, 0.5);
	printf("%-36s p50=%.2f ms  p99=%.2f ms\n", what, p50 * 1e3, bench_pct(t, (size_t)runs, 0.99) * 1e3);
	free(t);
	return p50;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_cold_start MEDCODE_BINARY STORE [RUNS]\n");
		return 2;
	}
	int runs = argc > 3 ? atoi(argv[3]) : 200;
	bench_machine();
	char *truev[] = { "/bin/true", NULL };
	double base = measure("baseline: /bin/true", truev, runs);
	char *ver[] = { argv[1], "--version", NULL };
	double v = measure("medcode --version", ver, runs);
	char *lk[] = { argv[1], "--db", argv[2], "lookup", "--brief", "E11.9", NULL };
	double l = measure("medcode lookup --brief E11.9", lk, runs);
	printf("  ratio to /bin/true: --version %.1fx, lookup %.1fx\n", v / base, l / base);
	return 0;
}
