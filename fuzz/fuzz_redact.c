/* libFuzzer target: PHI detection and every redaction mode on any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "medcode/phi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mc_phi *phi;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!phi) {
		mc_phi_opts o = { .names_dir = "", .key = "fuzz", .shift_dates = true };
		if (mc_phi_new(&phi, &o, NULL) < 0)
			abort();
	}
	mc_phi_doc *d = NULL;
	if (mc_phi_doc_new(&d, phi, NULL, NULL) < 0)
		return 0;
	mc_phi_result r;
	mc_phi_result_init(&r);
	const char *text = (const char *)data;
	if (mc_phi_detect(d, text, size, &r, NULL) == 0) {
		for (size_t i = 0; i < r.n; i++)
			if (r.spans[i].end > size || r.spans[i].start >= r.spans[i].end ||
			    (i && r.spans[i].start < r.spans[i - 1].end))
				abort();
		for (int m = 0; m < 3; m++) {
			char *out = NULL;
			size_t n = 0;
			if (mc_phi_redact(d, text, size, &r, (mc_phi_mode)m, &out, &n, NULL) == 0)
				mc_phi_text_free(out, n);
		}
	}
	mc_phi_result_release(&r);
	mc_phi_doc_free(d);
	return 0;
}
