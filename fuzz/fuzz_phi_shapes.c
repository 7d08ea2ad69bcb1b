/* libFuzzer target: the fast pattern engine (Hyperscan for keyword-led
 * patterns, the hand-written shape scanner, value rules for labels) must
 * find exactly what the reference engine finds (every expression through
 * Hyperscan + PCRE2), byte for byte and type for type, on any input. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "phi/phi_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mc_phi *phi;
static mc_phi_doc *doc;
static mc_scanner *ref;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!phi) {
		mc_phi_opts o = { .names_dir = "" };
		if (mc_phi_new(&phi, &o, NULL) < 0 || mc_phi_doc_new(&doc, phi, NULL, NULL) < 0 ||
		    phi_patterns_compile(&ref, true, NULL) < 0)
			abort();
	}
	size_t where = 0;
	int rc = phi_patterns_check(doc, ref, (const char *)data, size, &where);
	if (rc == 0) {
		fprintf(stderr, "fast and reference patterns differ at byte %zu\n", where);
		abort();
	}
	return 0;
}
