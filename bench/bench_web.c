/* Web code pages in-process (no socket): mc_server_request_run on
 * /codes/{code} for every CPT and HCPCS code, each request a new guest
 * (metered: one view written to a fresh SQLite account database), against
 * the same documents from /api/v1/reports/{code}?format=html (same
 * builder and renderer, no layout, no session, no meter) as the same-run
 * baseline.  Prints pages per second, the ratio and where the extra time
 * goes (the meter alone).
 *   bench_web [STORE]   (default /tmp/medcode_bench.db; imported from
 *                        $MEDCODE_DATA when empty) */
#include "bench_common.h"
#include "medcode/account.h"
#include "medcode/publish.h"
#include "medcode/server.h"

static double walk(mc_server *srv, char **codes, size_t n, const char *pre, const char *post, size_t *ok)
{
	char target[128];
	*ok = 0;
	double t0 = bench_now();
	for (size_t i = 0; i < n; i++) {
		snprintf(target, sizeof(target), "%s%s%s", pre, codes[i], post);
		mc_server_request rq = { .method = "GET", .target = target, .client_addr = "127.0.0.1" };
		mc_server_response r;
		if (mc_server_request_run(srv, &rq, &r) == 0 && r.status == 200)
			(*ok)++;
		mc_server_response_release(&r);
	}
	return bench_now() - t0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/medcode_bench.db";
	mc_store_free(bench_store(path));
	mc_error err;
	mc_store *s;
	mc_publisher *p;
	if (mc_store_open(&s, path, MC_STORE_READ, &err) < 0 || mc_publisher_new(&p, s, NULL, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 2;
	}
	char dir[] = "/tmp/mc-bench-web-XXXXXX", acct[64];
	if (!mkdtemp(dir))
		return 2;
	snprintf(acct, sizeof(acct), "%s/accounts.db", dir);
	mc_accounts_opts ao = { .guests_per_address = (unsigned)-1 };
	mc_server_opts o = { .db_path = path, .no_cache = 1, .log_fd = -1, .accounts = acct, .account_opts = &ao };
	mc_server *srv;
	if (mc_server_new(&srv, &o, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 2;
	}
	bench_machine();
	const mc_system systems[] = { MC_SYS_CPT, MC_SYS_HCPCS };
	double t_base = 0, t_web = 0;
	size_t n_base = 0, n_web = 0;
	for (size_t k = 0; k < 2; k++) {
		char **codes;
		size_t n, ok;
		if (mc_publish_codes(p, systems[k], &codes, &n, &err) < 0) {
			fprintf(stderr, "bench: %s\n", err.msg);
			return 2;
		}
		t_base += walk(srv, codes, n, "/api/v1/reports/", "?format=html", &ok);
		n_base += ok;
		t_web += walk(srv, codes, n, "/codes/", "", &ok);
		n_web += ok;
		mc_publish_codes_free(codes, n);
	}
	/* The meter alone: as many views by new guests. */
	mc_accounts *a;
	char macct[64];
	snprintf(macct, sizeof(macct), "%s/meter.db", dir);
	double t_meter = 0;
	if (mc_accounts_open(&a, macct, &ao, &err) == 0) {
		double t0 = bench_now();
		for (size_t i = 0; i < n_web; i++) {
			char g[MC_ACCOUNT_GUEST_LEN + 1];
			mc_meter m;
			mc_guest_new(g);
			mc_meter_view(a, 0, g, "127.0.0.1", "cpt:0620T", (int64_t)time(NULL), &m, &err);
		}
		t_meter = bench_now() - t0;
		mc_accounts_free(a);
	}
	printf("baseline /api/v1/reports html: %zu pages in %.2f s, %.0f pages/s\n", n_base, t_base,
	       (double)n_base / t_base);
	printf("web /codes/{code}, new guest each: %zu pages in %.2f s, %.0f pages/s (%.2fx the baseline's time)\n",
	       n_web, t_web, (double)n_web / t_web, t_web / t_base * (double)n_base / (double)(n_web ? n_web : 1));
	printf("the meter alone (new guest, one view): %.1f us a view\n", t_meter / (double)(n_web ? n_web : 1) * 1e6);
	mc_server_free(srv);
	mc_publisher_free(p);
	mc_store_free(s);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
