/* Code pages rendered to HTML, in-process, over every CPT and HCPCS code.
 *   bench_report [STORE]   (default /tmp/medcode_bench.db; imported from
 *                           $MEDCODE_DATA when empty)
 * Prints pages per second and the total time for all codes, and, as a
 * same-run baseline, mc_lookup alone over the same codes, with the ratio. */
#include "bench_common.h"
#include "medcode/lookup.h"
#include "medcode/publish.h"

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/medcode_bench.db";
	mc_store_free(bench_store(path));
	mc_error err;
	mc_store *s;
	if (mc_store_open(&s, path, MC_STORE_READ, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 2;
	}
	mc_publisher *p;
	if (mc_publisher_new(&p, s, NULL, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 2;
	}
	bench_machine();
	const mc_system systems[] = { MC_SYS_CPT, MC_SYS_HCPCS };
	double t_pages = 0, t_lookup = 0;
	size_t pages = 0, lookups = 0, bytes = 0;
	for (size_t k = 0; k < 2; k++) {
		char **codes;
		size_t n;
		if (mc_publish_codes(p, systems[k], &codes, &n, &err) < 0) {
			fprintf(stderr, "bench: %s\n", err.msg);
			return 2;
		}
		/* Baseline: the full lookup each page starts from. */
		double t0 = bench_now();
		for (size_t i = 0; i < n; i++) {
			mc_lookup_opts o = { NULL, systems[k], 4, false };
			mc_lookup_result r;
			if (mc_lookup(s, codes[i], &o, &r, &err) == 0 && r.n)
				lookups++;
			mc_lookup_result_release(&r);
		}
		t_lookup += bench_now() - t0;
		t0 = bench_now();
		for (size_t i = 0; i < n; i++) {
			mc_pub_doc *d;
			if (mc_publish_build(p, codes[i], systems[k], NULL, &d, &err) < 0)
				continue;
			char *html;
			size_t len;
			if (mc_publish_render(d, MC_PUB_HTML, MC_RENDER_SITE, &html, &len, &err) == 0) {
				pages++;
				bytes += len;
				mc_publish_text_free(html);
			}
			mc_pub_doc_free(d);
		}
		t_pages += bench_now() - t0;
		mc_publish_codes_free(codes, n);
	}
	printf("code pages (build + HTML)       n=%zu  total=%.2f s  %.0f pages/s  avg %.1f KB/page\n", pages,
	       t_pages, (double)pages / t_pages, (double)bytes / (double)(pages ? pages : 1) / 1024.0);
	printf("baseline mc_lookup alone        n=%zu  total=%.2f s  %.0f lookups/s\n", lookups, t_lookup,
	       (double)lookups / t_lookup);
	printf("page time / lookup time         %.2fx\n", (t_pages / (double)(pages ? pages : 1)) /
							(t_lookup / (double)(lookups ? lookups : 1)));
	printf("target >= 2000 pages/s: %s\n", (double)pages / t_pages >= 2000 ? "met" : "NOT met");
	mc_publisher_free(p);
	mc_store_free(s);
	return 0;
}
