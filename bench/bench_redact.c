/* bench_redact: PHI redaction throughput (MB/s, one core) over a large
 * synthetic clinical corpus (notes cycled from an 8 MB pool made before the
 * clock starts), against a same-run naive baseline: one PCRE2 pass per
 * pattern of the same set.  Peak RSS shows memory stays bounded.  Also
 * the pattern scan alone, this engine (Hyperscan for keyword-led
 * patterns, hand-written shapes) against the reference engine (every
 * expression in Hyperscan + PCRE2 confirmation), and with --notes the
 * same detect + mask over the texts of a JSONL file (e.g. real clinical
 * prose), read into memory first.
 * Usage: bench_redact [MB] [--notes FILE.jsonl]   (default 64 MB; MB 0 with
 *        --notes: the notes alone, $BENCH_REPS passes, for profiling)
 *        bench_redact --patterns [FILE.jsonl]     (cost of each pattern, then of
 *        all of them and of the keyword set redaction scans, over generated
 *        notes or the texts of FILE) */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <jansson.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench_common.h"
#include "medcode/phi.h"
#include "medcode/store.h"
#include "phi/phi_int.h"

#define T0 	"DISCHARGE SUMMARY\nPatient: %s %s    MRN: %08u\nDate of admission: %u/%u/2021\n" \
	"HPI: Mr. %s is a %u year old man with Parkinson disease and type 2 diabetes (E11.9) who " \
	"presented with chest pain. Vitals: BP 142/88, HR 96, RR 18, SpO2 94%% on RA. Pain 7/10.\n" \
	"Meds: Lasix 40 mg PO daily, metoprolol 25 mg BID, Eliquis 5 mg BID, atorvastatin 80 mg qHS.\n" \
	"Labs: Na 138, K 4.1, Cr 1.2, Hgb 11.8, Plt 212, INR 1.1, HbA1c 7.9%%.\n" \
	"Follow up with Dr. %s on April %u, 2021. Phone (617) 555-%04u.\n\n"
#define T1 "Progress note 2021-03-%02u\nPt %s feels better. His wife %s is at bedside. Crohn disease stable on " \
	"Humira. Plan: continue Lasix, recheck BMP in AM. Lives at %u Maple Grove Ave, Springfield, IL 62704.\n" \
	"Assessment: acute on chronic systolic heart failure, improving with diuresis. Creatinine stable. " \
	"Continue home medications. Ambulating with physical therapy. Discharge planning in progress.\n\n"
static const char *const first[] = { "John", "Mary", "Olamide", "Lucia", "Xiaoming", "Gloria", "Kevin", "Priya" };
static const char *const last[] = { "Ramirez", "Whitfield", "Kowalczyk", "Adeyemi", "Nakamura", "Solberg", "Okonkwo", "Fuentes" };

static size_t make_note(char *buf, size_t cap, unsigned k)
{
	const char *f = first[k % 8], *l = last[(k / 8) % 8];
	int n;
	if (k % 2 == 0)
		n = snprintf(buf, cap, T0, f, l, k * 7919u % 100000000u, 1 + k % 12, 1 + k % 28, l,
			     20 + k % 75, last[(k + 3) % 8], 1 + k % 28, k % 10000);
	else
		n = snprintf(buf, cap, T1, 1 + k % 28, l, f, 1 + k % 9999);
	return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

static int count_cb(unsigned id, size_t a, size_t b, void *payload)
{
	(void)id; (void)a; (void)b;
	(*(size_t *)payload)++;
	return 0;
}

/* --patterns: the cost of each pattern alone in the scanner (Hyperscan +
 * confirm), then of the whole set, over 4 MB of notes generated first:
 * where the scan time goes. */
static int pattern_costs(const char *path)
{
	const char *re[128];
	unsigned fl[128];
	size_t np = phi_patterns_list(re, fl, 128);
	enum { NOTES = 9000 };
	static char buf[NOTES * 1024];
	static size_t off[NOTES + 1];
	mc_error err;
	unsigned nnotes = NOTES;
	if (getenv("BENCH_NOTES"))
		nnotes = (unsigned)strtoul(getenv("BENCH_NOTES"), NULL, 10);
	if (nnotes == 0 || nnotes > NOTES)
		nnotes = NOTES;
	if (path) {
		/* the "text" members of a JSONL file, as many as fit */
		FILE *f = fopen(path, "r");
		if (!f) {
			fprintf(stderr, "bench_redact: cannot open %s\n", path);
			return 2;
		}
		char *ln = NULL;
		size_t lcap = 0;
		unsigned k = 0;
		while (k < NOTES && getline(&ln, &lcap, f) > 0) {
			json_t *j = json_loads(ln, 0, NULL);
			const char *t = j ? json_string_value(json_object_get(j, "text")) : NULL;
			size_t n = t ? strlen(t) : 0;
			if (t && off[k] + n <= sizeof(buf)) {
				memcpy(buf + off[k], t, n);
				off[k + 1] = off[k] + n;
				k++;
			}
			json_decref(j);
		}
		free(ln);
		fclose(f);
		if (nnotes > k)
			nnotes = k;
	} else {
		for (unsigned k = 0; k < NOTES; k++)
			off[k + 1] = off[k] + make_note(buf + off[k], 1024, k);
	}
	mc_scan_pattern all[128];
	/* each pattern alone, all of them (the reference engine), then the
	 * keyword-led set that redaction scans (phi_patterns_compile) */
	for (size_t i = 0; i <= np + 1; i++) {
		mc_scanner *sc = NULL;
		mc_scan_pattern p = { i < np ? re[i] : NULL, 0, i < np ? fl[i] : 0 };
		size_t m = 0;
		if (i == np)
			for (size_t j = 0; j < np; j++)
				all[m++] = (mc_scan_pattern){ re[j], (unsigned)j, fl[j] };
		int rc = i == np + 1 ? phi_patterns_compile(&sc, false, &err)
				     : mc_scanner_new(&sc, i < np ? &p : all, i < np ? 1 : m, &err);
		if (rc < 0) {
			fprintf(stderr, "bench_redact: %s\n", err.msg);
			return 2;
		}
		size_t hits = 0;
		double t = 1e9;
		for (int rep = 0; rep < 3; rep++) {
			hits = 0;
			double t0 = bench_now();
			for (unsigned k = 0; k < nnotes; k++)
				mc_scanner_scan(sc, buf + off[k], off[k + 1] - off[k], count_cb, &hits, &err);
			double t1 = bench_now() - t0;
			t = t1 < t ? t1 : t;
		}
		printf("%3zu %8.1f MB/s %7zu hits  %.60s\n", i, (double)off[nnotes] / 1048576.0 / t, hits,
		       i < np ? re[i] : i == np ? "(all patterns)" : "(the keyword set redaction scans)");
		mc_scanner_free(sc);
	}
	return 0;
}

/* Seconds of this thread's CPU time (less noisy than the wall clock). */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The pattern scan alone over nnotes generated notes: fast engine vs the
 * reference engine, best of three each, alternating. */
static int scan_compare(mc_phi *phi)
{
	enum { NOTES = 9000 };
	static char buf[NOTES * 1024];
	static size_t off[NOTES + 1];
	for (unsigned k = 0; k < NOTES; k++)
		off[k + 1] = off[k] + make_note(buf + off[k], 1024, k);
	mc_error err;
	mc_scanner *ref = NULL;
	mc_phi_doc *d = NULL;
	if (phi_patterns_compile(&ref, true, &err) < 0 || mc_phi_doc_new(&d, phi, NULL, &err) < 0) {
		fprintf(stderr, "bench_redact: %s\n", err.msg);
		return 2;
	}
	double best[2] = { 1e9, 1e9 };
	for (int rep = 0; rep < 6; rep++) {
		int which = rep % 2;
		double t0 = cpu_now();
		for (unsigned k = 0; k < NOTES; k++) {
			d->ncands = 0;
			if (which == 0)
				phi_patterns_scan(d, buf + off[k], off[k + 1] - off[k], &err);
			else
				phi_patterns_scan_reference(d, ref, buf + off[k], off[k + 1] - off[k], &err);
		}
		double t = cpu_now() - t0;
		best[which] = t < best[which] ? t : best[which];
	}
	double mb = (double)off[NOTES] / 1048576.0;
	printf("pattern scan only (CPU time, %.1f MB): this engine %.1f MB/s (incl. tokenizing), "
	       "reference engine %.1f MB/s: %.2fx\n", mb, mb / best[0], mb / best[1], best[1] / best[0]);
	mc_phi_doc_free(d);
	mc_scanner_free(ref);
	return 0;
}

/* detect + mask over the texts of a JSONL file ("text" members). */
static int notes_file(mc_phi *phi, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "bench_redact: cannot open %s\n", path);
		return 2;
	}
	char **text = NULL, *ln = NULL;
	size_t *tl = NULL, n = 0, cap = 0, bytes = 0, lcap = 0;
	while (getline(&ln, &lcap, f) > 0) {
		json_t *j = json_loads(ln, 0, NULL);
		const char *t = j ? json_string_value(json_object_get(j, "text")) : NULL;
		if (t) {
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				text = realloc(text, cap * sizeof(*text));
				tl = realloc(tl, cap * sizeof(*tl));
				if (!text || !tl)
					return 2;
			}
			tl[n] = strlen(t);
			text[n] = strdup(t);
			if (!text[n])
				return 2;
			bytes += tl[n++];
		}
		json_decref(j);
	}
	free(ln);
	fclose(f);
	mc_error err;
	mc_phi_doc *d = NULL;
	mc_phi_result r;
	mc_phi_result_init(&r);
	if (mc_phi_doc_new(&d, phi, NULL, &err) < 0)
		return 2;
	double best = 1e9;
	size_t spans = 0;
	int reps = getenv("BENCH_REPS") ? atoi(getenv("BENCH_REPS")) : 5;
	for (int rep = 0; rep < (reps > 0 ? reps : 5); rep++) {
		spans = 0;
		double t0 = cpu_now();
		for (size_t k = 0; k < n; k++) {
			char *out = NULL;
			size_t out_len = 0;
			if (mc_phi_doc_reset(d, NULL, &err) < 0 || mc_phi_detect(d, text[k], tl[k], &r, &err) < 0 ||
			    mc_phi_redact(d, text[k], tl[k], &r, MC_PHI_MODE_MASK, &out, &out_len, &err) < 0) {
				fprintf(stderr, "bench_redact: %s\n", err.msg);
				return 2;
			}
			spans += r.n;
			mc_phi_text_free(out, out_len);
		}
		double t = cpu_now() - t0;
		best = t < best ? t : best;
	}
	printf("%s: %zu notes, %.2f MB, detect + mask %.1f MB/s (CPU time, best of reps), %.1f spans/note\n",
	       path, n, (double)bytes / 1048576.0, (double)bytes / 1048576.0 / best, (double)spans / (double)(n ? n : 1));
	for (size_t k = 0; k < n; k++)
		free(text[k]);
	free(text);
	free(tl);
	mc_phi_result_release(&r);
	mc_phi_doc_free(d);
	return 0;
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--patterns") == 0)
		return pattern_costs(argc > 2 ? argv[2] : NULL);
	double mb = argc > 1 && argv[1][0] != '-' ? strtod(argv[1], NULL) : 64;
	const char *notes = NULL;
	for (int a = 1; a + 1 < argc; a++)
		if (strcmp(argv[a], "--notes") == 0)
			notes = argv[a + 1];
	size_t target = (size_t)(mb * 1024 * 1024);
	mc_error err;
	mc_phi *phi = NULL;
	/* the name lists: of the store $MEDCODE_DB names (with its clinical
	 * vocabulary, as medcode redact runs), else of $MEDCODE_DATA/names */
	char names[4096] = "";
	const char *db = getenv("MEDCODE_DB"), *data = getenv("MEDCODE_DATA");
	if (!(db && *db) && data && *data)
		snprintf(names, sizeof(names), "%s/names", data);
	mc_phi_opts o = { .names_dir = names };
	double t0 = bench_now();
	mc_store *st = NULL;
	if (mc_phi_new(&phi, &o, &err) < 0 ||
	    (db && *db && (mc_store_open(&st, db, MC_STORE_READ, &err) < 0 || mc_phi_load_store(phi, st, &err) < 0)) ||
	    mc_phi_check(phi, &err) < 0) {
		fprintf(stderr, "bench_redact: %s (set MEDCODE_DB to an imported store, or MEDCODE_DATA)\n", err.msg);
		mc_store_free(st);
		mc_phi_free(phi);
		return 2;
	}
	mc_store_free(st);
	printf("name lists: %s\n", db && *db ? db : names);
	size_t nn, nw;
	mc_phi_stats(phi, &nn, &nw);
	printf("setup: %.2f s (patterns compiled, %zu name and %zu word entries loaded); RSS after setup %ld KiB\n",
	       bench_now() - t0, nn, nw, peak_rss_kb());
	if (mb <= 0 && notes) {   /* bench_redact 0 --notes FILE: the notes alone (for profiling) */
		int rc = notes_file(phi, notes);
		mc_phi_free(phi);
		return rc;
	}
	mc_phi_result r;
	mc_phi_result_init(&r);
	size_t bytes = 0, spans = 0;
	unsigned k = 0;
	long rss_half = 0;
	/* the notes are made first, a pool of 8 MB that the timed loop cycles
	 * through: the clock sees the redactor only, not snprintf */
	enum { POOL_NOTES = 18000 };
	static char pool[POOL_NOTES * 1024];
	static size_t poff[POOL_NOTES + 1];
	for (unsigned q = 0; q < POOL_NOTES; q++)
		poff[q + 1] = poff[q] + make_note(pool + poff[q], 1024, q);
	printf("note pool: %u notes, %.1f MB, made before the clock starts\n", (unsigned)POOL_NOTES,
	       (double)poff[POOL_NOTES] / 1048576.0);
	t0 = bench_now();
	double c_start = cpu_now();
	mc_phi_doc *d = NULL;
	if (mc_phi_doc_new(&d, phi, NULL, &err) < 0) {
		fprintf(stderr, "bench_redact: %s\n", err.msg);
		return 2;
	}
	while (bytes < target) {
		const char *text = pool + poff[k % POOL_NOTES];
		size_t n = poff[k % POOL_NOTES + 1] - poff[k % POOL_NOTES];
		k++;
		char *out = NULL;
		size_t out_len = 0;
		/* one document object reused for every note (mc_phi_doc_reset) */
		if (mc_phi_doc_reset(d, NULL, &err) < 0 || mc_phi_detect(d, text, n, &r, &err) < 0 ||
		    mc_phi_redact(d, text, n, &r, MC_PHI_MODE_MASK, &out, &out_len, &err) < 0) {
			fprintf(stderr, "bench_redact: %s\n", err.msg);
			return 2;
		}
		spans += r.n;
		mc_phi_text_free(out, out_len);
		bytes += n;
		if (!rss_half && bytes >= target / 2)
			rss_half = peak_rss_kb();
	}
	double c_ours = cpu_now() - c_start;
	mc_phi_doc_free(d);
	double t_ours = bench_now() - t0;
	long rss_end = peak_rss_kb();
	double mbs_ours = (double)bytes / 1048576.0 / t_ours;
	printf("medcode redact (detect + mask): %.1f MB in %.2f s = %.1f MB/s, %zu notes, %.1f spans/note\n",
	       (double)bytes / 1048576.0, t_ours, mbs_ours, (size_t)k, (double)spans / k);
	printf("  the same in CPU time: %.2f s = %.1f MB/s\n", c_ours, (double)bytes / 1048576.0 / c_ours);
	printf("peak RSS: %ld KiB at half the input, %ld KiB at the end (bounded: no growth with input)\n",
	       rss_half, rss_end);

	/* baseline: PCRE2 (JIT), one pass per pattern, same notes, first 1/8 of the bytes */
	const char *re[128];
	unsigned fl[128];
	size_t np = phi_patterns_list(re, fl, 128);
	pcre2_code *code[128];
	for (size_t i = 0; i < np; i++) {
		int ec;
		PCRE2_SIZE eo;
		code[i] = pcre2_compile((PCRE2_SPTR)re[i], PCRE2_ZERO_TERMINATED,
					(fl[i] & MC_SCAN_CASELESS ? PCRE2_CASELESS : 0) | PCRE2_DOTALL, &ec, &eo, NULL);
		if (!code[i]) {
			fprintf(stderr, "bench_redact: pattern %zu does not compile in PCRE2\n", i);
			return 2;
		}
		pcre2_jit_compile(code[i], PCRE2_JIT_COMPLETE);
	}
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	size_t base_target = target / 8, bbytes = 0, matches = 0;
	k = 0;
	t0 = bench_now();
	double cb_start = cpu_now();
	while (bbytes < base_target) {
		const char *note_b = pool + poff[k % POOL_NOTES];
		size_t n = poff[k % POOL_NOTES + 1] - poff[k % POOL_NOTES];
		k++;
		for (size_t i = 0; i < np; i++) {
			PCRE2_SIZE off = 0;
			while (off <= n && pcre2_match(code[i], (PCRE2_SPTR)note_b, n, off, 0, md, NULL) > 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
				matches++;
				off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			}
		}
		bbytes += n;
	}
	double t_base = bench_now() - t0, c_base = cpu_now() - cb_start;
	double mbs_base = (double)bbytes / 1048576.0 / t_base;
	printf("baseline PCRE2 JIT, %zu patterns, one pass each (patterns only, no names): %.1f MB in %.2f s = %.1f MB/s, %zu matches\n",
	       np, (double)bbytes / 1048576.0, t_base, mbs_base, matches);
	printf("ratio medcode / baseline: %.2fx (CPU time: %.1f vs %.1f MB/s, %.2fx)\n", mbs_ours / mbs_base,
	       (double)bytes / 1048576.0 / c_ours, (double)bbytes / 1048576.0 / c_base,
	       ((double)bytes / c_ours) / ((double)bbytes / c_base));
	if (scan_compare(phi) != 0 || (notes && notes_file(phi, notes) != 0))
		return 2;
	pcre2_match_data_free(md);
	for (size_t i = 0; i < np; i++)
		pcre2_code_free(code[i]);
	mc_phi_result_release(&r);
	mc_phi_free(phi);
	return 0;
}
