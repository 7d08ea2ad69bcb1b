/* libFuzzer entry: the checks that read publisher text (outside input)
 * with no store: time-bound claims against a made-up history, and a
 * related code's stated meaning against a descriptor (the input split at
 * its first NUL into stated and official).  Findings must be well formed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "medcode/check.h"

static void well_formed(const mc_findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (!f->items[i].rule || !f->items[i].message || !f->items[i].source || !f->items[i].where)
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 2);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	text[size + 1] = '\0';
	mc_hist_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.kind = MC_HIST_IN_FORCE_BY;
	ev.date = "2024-04-01";
	ev.detail = "listed in a made-up release";
	ev.source.stream = "mue";
	ev.source.label = "2024Q2";
	mc_code_history h;
	memset(&h, 0, sizeof(h));
	h.items = &ev;
	h.n = 1;
	h.earliest = ev.date;
	h.earliest_event = &ev;
	mc_findings f;
	mc_findings_init(&f);
	if (mc_check_time_claims(text, "0620T", "2026-12-07", &h, "$.headline", &f) < 0 ||
	    mc_check_time_claims(text, NULL, "2024-05-01", &h, "", &f) < 0)
		goto done;
	const char *official = text + strlen(text) + 1;
	if (mc_check_meaning("99999", text, official, "f.csv (s 1)", "$.related_codes[0]", &f) < 0)
		goto done;
	well_formed(&f);
done:
	mc_findings_release(&f);
	free(text);
	return 0;
}
