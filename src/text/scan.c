/* The multi-pattern scanner: one Hyperscan block-mode database per
 * pattern set, compiled once.  Hyperscan finds where matches end in one
 * pass over the text (without start-of-match tracking, which is slow to
 * compile and to run); each reported end is then confirmed and given its
 * leftmost start by that one pattern's PCRE2 (JIT) program, run only on
 * a short window that ends there.  Matches are rare, so the text is read
 * once at Hyperscan speed. */
#include <hs.h>
#include <stdlib.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core/core.h"
#include "medcode/text.h"

enum { WINDOW = 320 }; /* longest match the confirm step looks back over */

struct mc_scanner {
	hs_database_t *db;
	hs_scratch_t *scratch;
	size_t n;
	unsigned *ids;
	unsigned *window; /* per pattern: its longest match (Hyperscan's max_width), at most WINDOW */
	unsigned char *end_only; /* per pattern: MC_SCAN_END_ONLY */
	pcre2_code **re;
	pcre2_match_data *md;
};

int mc_scanner_new(mc_scanner **out, const mc_scan_pattern *p, size_t n, mc_error *err)
{
	*out = NULL;
	if (n == 0 || n > 100000)
		return mc_error_set(err, MC_EINVAL, "scanner needs between 1 and 100000 patterns");
	const char **exprs = mc_calloc(n, sizeof(*exprs));
	unsigned *flags = mc_calloc(n, sizeof(*flags));
	unsigned *idx = mc_calloc(n, sizeof(*idx));
	mc_scanner *sc = mc_calloc(1, sizeof(*sc));
	mc_buf anchored = MC_BUF_INIT;
	int rc = 0;
	if (!exprs || !flags || !idx || !sc) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory compiling patterns");
		goto done;
	}
	sc->ids = mc_calloc(n, sizeof(*sc->ids));
	sc->re = mc_calloc(n, sizeof(*sc->re));
	sc->window = mc_calloc(n, sizeof(*sc->window));
	sc->end_only = mc_calloc(n, 1);
	sc->md = pcre2_match_data_create(2, NULL);
	if (!sc->ids || !sc->re || !sc->window || !sc->end_only || !sc->md) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory compiling patterns");
		goto done;
	}
	sc->n = n;
	for (size_t i = 0; i < n; i++) {
		exprs[i] = p[i].re;
		idx[i] = (unsigned)i;
		sc->ids[i] = p[i].id;
		sc->end_only[i] = (p[i].flags & MC_SCAN_END_ONLY) != 0;
		flags[i] = HS_FLAG_DOTALL;
		uint32_t pf = PCRE2_DOTALL;
		if (p[i].flags & MC_SCAN_CASELESS) {
			flags[i] |= HS_FLAG_CASELESS;
			pf |= PCRE2_CASELESS;
		}
		if (p[i].flags & MC_SCAN_UTF8) {
			flags[i] |= HS_FLAG_UTF8 | HS_FLAG_UCP;
			pf |= PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
		}
		/* the confirm program: the pattern, ending exactly at the subject end */
		mc_buf_clear(&anchored);
		if (mc_buf_printf(&anchored, "(?:%s)\\z", p[i].re) < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "out of memory compiling patterns");
			goto done;
		}
		int ec;
		PCRE2_SIZE eo;
		sc->re[i] = pcre2_compile((PCRE2_SPTR)anchored.ptr, anchored.len, pf, &ec, &eo, NULL);
		if (!sc->re[i]) {
			rc = mc_error_set(err, MC_EINVAL, "pattern %zu does not compile (pcre2 error %d)", i, ec);
			goto done;
		}
		pcre2_jit_compile(sc->re[i], PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
		/* the confirm window: no longer than the longest possible match, so
		 * bounded patterns are confirmed over a few bytes, not WINDOW */
		hs_expr_info_t *info = NULL;
		hs_compile_error_t *ierr = NULL;
		sc->window[i] = WINDOW;
		if (hs_expression_info(p[i].re, flags[i], &info, &ierr) == HS_SUCCESS && info) {
			if (info->max_width < WINDOW)
				sc->window[i] = info->max_width;
		}
		free(info); /* hs_expression_info allocates with the default (malloc) allocator */
		hs_free_compile_error(ierr);
	}
	hs_compile_error_t *cerr = NULL;
	if (hs_compile_multi(exprs, flags, idx, (unsigned)n, HS_MODE_BLOCK, NULL, &sc->db, &cerr) !=
	    HS_SUCCESS) {
		int which = cerr ? cerr->expression : -1;
		rc = mc_error_set(err, MC_EINVAL, "pattern %d does not compile: %s", which,
				  cerr && cerr->message ? cerr->message : "unknown error");
		hs_free_compile_error(cerr);
		goto done;
	}
	if (hs_alloc_scratch(sc->db, &sc->scratch) != HS_SUCCESS) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory for scanner scratch space");
		goto done;
	}
	*out = sc;
	sc = NULL;
done:
	mc_buf_release(&anchored);
	mc_scanner_free(sc);
	mc_free(exprs);
	mc_free(flags);
	mc_free(idx);
	return rc;
}

typedef struct scan_ctx {
	mc_scanner *sc;
	const char *s;
	mc_scan_cb cb;
	void *payload;
	int failed;
} scan_ctx;

/* The leftmost start of pattern i's match ending at end: its PCRE2
 * program anchored at end, run over the pattern's longest-match window. */
static int confirm(mc_scanner *sc, size_t i, const char *s, size_t end, size_t *start)
{
	size_t w = sc->window[i];
	size_t begin = end > w ? end - w : 0;
	int m = pcre2_match(sc->re[i], (PCRE2_SPTR)s, end, begin, 0, sc->md, NULL);
	if (m == PCRE2_ERROR_NOMEMORY)
		return MC_ENOMEM;
	if (m <= 0)
		return MC_ENOTFOUND;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	if (ov[1] != end || ov[0] >= end)
		return MC_ENOTFOUND;
	*start = (size_t)ov[0];
	return 0;
}

int mc_scanner_start(mc_scanner *sc, unsigned id, const char *s, size_t end, size_t *start)
{
	for (size_t i = 0; i < sc->n; i++) /* pattern sets are small; ids are the caller's */
		if (sc->ids[i] == id)
			return confirm(sc, i, s, end, start);
	return MC_ENOTFOUND;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
		    unsigned int flags, void *context)
{
	scan_ctx *c = context;
	mc_scanner *sc = c->sc;
	if (id >= sc->n)
		return 0;
	size_t end = (size_t)to, start = end;
	if (!sc->end_only[id]) {
		int rc = confirm(sc, id, c->s, end, &start);
		if (rc == MC_ENOMEM) {
			c->failed = 1;
			return 1;
		}
		if (rc < 0)
			return 0; /* longer than the window, or differs at an edge: dropped */
	}
	return c->cb(sc->ids[id], start, end, c->payload) ? 1 : 0;
}

int mc_scanner_scan(mc_scanner *sc, const char *s, size_t len, mc_scan_cb cb, void *payload,
		    mc_error *err)
{
	if (len > 0xFFFFFFFFu)
		return mc_error_set(err, MC_EINVAL, "text too long to scan in one block");
	scan_ctx c = { sc, len ? s : "", cb, payload, 0 };
	hs_error_t e = hs_scan(sc->db, c.s, (unsigned)len, 0, sc->scratch, on_match, &c);
	if (c.failed)
		return mc_error_set(err, MC_ENOMEM, "out of memory confirming a match");
	if (e == HS_SCAN_TERMINATED)
		return MC_ESTOP;
	if (e != HS_SUCCESS)
		return mc_error_set(err, MC_EINVAL, "pattern scan failed (hyperscan error %d)", (int)e);
	return 0;
}

void mc_scanner_free(mc_scanner *sc)
{
	if (!sc)
		return;
	if (sc->scratch)
		hs_free_scratch(sc->scratch);
	if (sc->db)
		hs_free_database(sc->db);
	for (size_t i = 0; sc->re && i < sc->n; i++)
		pcre2_code_free(sc->re[i]);
	pcre2_match_data_free(sc->md);
	mc_free(sc->re);
	mc_free(sc->ids);
	mc_free(sc->window);
	mc_free(sc->end_only);
	mc_free(sc);
}
