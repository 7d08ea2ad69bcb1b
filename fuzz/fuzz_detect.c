/* libFuzzer target: detection on any bytes, split into pieces at the first
 * byte's choice, plus the JSON encoder; a tiny built-in dictionary so no
 * store or data is needed.  Traps on broken offsets or ordering. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "medcode/detect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char dict[] =
	"E11\t0\tType 2 diabetes mellitus\n"
	"E11.22\t1\tType 2 diabetes mellitus with diabetic chronic kidney disease\n"
	"E11.9\t1\tType 2 diabetes mellitus without complications\n"
	"I10\t1\tEssential (primary) hypertension\tHypertension\n"
	"N18.9\t1\tChronic kidney disease, unspecified\n"
	"R50.9\t1\tFever, unspecified\n"
	"C50.919\t1\tMalignant neoplasm of unspecified site of unspecified female breast\n"
	"J18.9\t1\tPneumonia, unspecified organism\n"
	"M17.11\t1\tUnilateral primary osteoarthritis, right knee\n"
	"S72.001\t0\tFracture of unspecified part of neck of right femur\n"
	"S72.001A\t1\tFracture of unspecified part of neck of right femur, initial encounter for closed fracture\n"
	"E11.621\t1\tType 2 diabetes mellitus with foot ulcer\tuse additional code to identify site of ulcer (L97.4-)\n"
	"L97.419\t1\tNon-pressure chronic ulcer of right heel and midfoot with unspecified severity\n"
	"M77.0\t0\tMedial epicondylitis\n"
	"M77.00\t1\tMedial epicondylitis, unspecified elbow\n"
	"M77.01\t1\tMedial epicondylitis, right elbow\n"
	"M77.02\t1\tMedial epicondylitis, left elbow\n"
	"I11.0\t1\tHypertensive heart disease with heart failure\n"
	"I50.9\t1\tHeart failure, unspecified\n"
	"R42\t1\tDizziness and giddiness\n";

static mc_detect *det;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!det && mc_detect_new_from_tsv(&det, dict, sizeof(dict) - 1, NULL) < 0)
		abort();
	mc_detect_opts o = { size && (data[0] & 1), size && (data[0] & 2), 0 };
	mc_detect_doc *doc = NULL;
	if (mc_detect_doc_new(&doc, det, &o, NULL) < 0)
		return 0;
	size_t piece = size ? 1 + data[0] % 64 : 1;
	const char *text = (const char *)data;
	int rc = 0;
	for (size_t at = 0; at < size && rc == 0; at += piece) {
		size_t n = size - at < piece ? size - at : piece;
		rc = mc_detect_feed(doc, text + at, n, NULL);
	}
	mc_detect_result r;
	if (rc == 0 && mc_detect_finish(doc, &r, NULL) == 0) {
		for (size_t i = 0; i < r.n; i++) {
			const mc_detect_entity *e = &r.entities[i];
			if (e->bend > size || e->bstart >= e->bend || e->start >= e->end || e->end > size ||
			    e->ncodes == 0 || (i && e->bstart < r.entities[i - 1].bend))
				abort();
		}
		json_t *j = mc_json_detect(&r, NULL, o.explain);
		char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
		free(s);
		json_decref(j);
		mc_detect_result_release(&r);
	}
	mc_detect_doc_free(doc);
	return 0;
}
