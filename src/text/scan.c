/* The multi-pattern scanner: one Hyperscan block-mode database per
 * pattern set, compiled once, and one scratch space per scanner. */
#include <hs.h>

#include "core/core.h"
#include "medcode/text.h"

struct mc_scanner {
	hs_database_t *db;
	hs_scratch_t *scratch;
};

int mc_scanner_new(mc_scanner **out, const mc_scan_pattern *p, size_t n, mc_error *err)
{
	*out = NULL;
	if (n == 0 || n > 100000)
		return mc_error_set(err, MC_EINVAL, "scanner needs between 1 and 100000 patterns");
	const char **exprs = mc_calloc(n, sizeof(*exprs));
	unsigned *flags = mc_calloc(n, sizeof(*flags));
	unsigned *ids = mc_calloc(n, sizeof(*ids));
	mc_scanner *sc = mc_calloc(1, sizeof(*sc));
	int rc = 0;
	if (!exprs || !flags || !ids || !sc) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory compiling patterns");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		exprs[i] = p[i].re;
		ids[i] = p[i].id;
		flags[i] = HS_FLAG_SOM_LEFTMOST | HS_FLAG_DOTALL;
		if (p[i].flags & MC_SCAN_CASELESS)
			flags[i] |= HS_FLAG_CASELESS;
		if (p[i].flags & MC_SCAN_UTF8)
			flags[i] |= HS_FLAG_UTF8 | HS_FLAG_UCP;
	}
	hs_compile_error_t *cerr = NULL;
	if (hs_compile_multi(exprs, flags, ids, (unsigned)n, HS_MODE_BLOCK, NULL, &sc->db, &cerr) !=
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
	mc_scanner_free(sc);
	mc_free(exprs);
	mc_free(flags);
	mc_free(ids);
	return rc;
}

typedef struct scan_ctx {
	mc_scan_cb cb;
	void *payload;
} scan_ctx;

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
		    unsigned int flags, void *context)
{
	scan_ctx *c = context;
	return c->cb(id, (size_t)from, (size_t)to, c->payload) ? 1 : 0;
}

int mc_scanner_scan(mc_scanner *sc, const char *s, size_t len, mc_scan_cb cb, void *payload,
		    mc_error *err)
{
	if (len > 0xFFFFFFFFu)
		return mc_error_set(err, MC_EINVAL, "text too long to scan in one block");
	scan_ctx c = { cb, payload };
	hs_error_t e = hs_scan(sc->db, len ? s : "", (unsigned)len, 0, sc->scratch, on_match, &c);
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
	mc_free(sc);
}
