/* AMA CPT consumer-friendly and clinician descriptor files (licensed):
 * ConsumerDescriptor.txt and ClinicianDescriptor.txt of the CPT data files.
 *
 * Tab-delimited (no quoting), one header line, LF or CRLF:
 *   Concept Id <TAB> CPT Code <TAB> Consumer Friendly Descriptor
 *   Concept Id <TAB> CPT Code <TAB> Clinician Descriptor Id <TAB> Clinician Descriptor
 * Columns are found by header name.  A comma- or pipe-separated copy with
 * the same header is read too (commas honour RFC 4180 quotes).
 *
 * Consumer rows become mc_rec_code, system CPT, title_other = the
 * descriptor, attr concept_id.  Clinician rows carry no title: attrs
 * clinician_descriptor, clinician_descriptor_id and concept_id (a code
 * with several clinician descriptors gets one record per row; the last
 * wins when they merge).  billable -1.
 *
 * Release: stream "cpt-ama", label the 4-digit year in the path ("2026")
 * effective 2026-01-01; else the file stem and no date.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/csvtab.h"
#include "ingest/parse_util.h"

#define CONSUMER_HEADER_MAX 4096        /* bytes of the first line detect reads */

enum { COL_CONCEPT, COL_CODE, COL_CONSUMER, COL_CLIN_ID, COL_CLINICIAN, COL_COUNT };

static const mc_csvtab_col consumer_cols[COL_COUNT] = {
	[COL_CONCEPT] = { "concept_id|conceptid", false, MC_CSVTAB_EQUALS },
	[COL_CODE] = { "cpt_code|cptcode|code", true, MC_CSVTAB_EQUALS },
	[COL_CONSUMER] = { "consumer_friendly_descriptor|consumer_descriptor", false, MC_CSVTAB_EQUALS },
	[COL_CLIN_ID] = { "clinician_descriptor_id", false, MC_CSVTAB_EQUALS },
	[COL_CLINICIAN] = { "clinician_descriptor", false, MC_CSVTAB_EQUALS },
};

static const mc_csvtab_spec consumer_spec = {
	.cols = consumer_cols, .ncols = COL_COUNT,
	.expect = "a header with CPT Code and a Consumer Friendly or Clinician Descriptor column",
	.rows = "descriptor rows",
};

int mc_detect_cpt_consumer(const mc_input *in)
{
	const char *line;
	size_t len;
	bool newline;
	if (!mc_ingest_first_line(in, &line, &len, &newline))
		return 0;
	if (len > CONSUMER_HEADER_MAX)
		return 0;
	const char *h = line;
	if (!mc_memcasestr(h, len, "Concept") || !mc_memcasestr(h, len, "CPT Code"))
		return 0;
	if (!mc_memcasestr(h, len, "Consumer") && !mc_memcasestr(h, len, "Clinician Descriptor"))
		return 0;
	int score = memchr(h, '\t', len) ? 90 : 80;
	if (in->name && (mc_memcasestr(in->name, strlen(in->name), "Consumer") ||
			 mc_memcasestr(in->name, strlen(in->name), "Clinician")))
		score += 5;
	return score;
}

static bool cpt_code_ok(const char *s)
{
	if (strlen(s) != 5)
		return false;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return isdigit((unsigned char)s[4]) || strchr("AFMTU", s[4]) != NULL;
}

int mc_parse_cpt_consumer(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	mc_csvtab t;
	char label[64], from[MC_DATE_LEN];
	int rc = mc_csvtab_open(&t, in, &consumer_spec, err);
	if (rc < 0)
		return rc;
	if (!mc_csvtab_has(&t, COL_CONSUMER) && !mc_csvtab_has(&t, COL_CLINICIAN)) {
		rc = mc_csvtab_fail(&t, err, "expected %s", consumer_spec.expect);
		goto done;
	}
	bool consumer = mc_csvtab_has(&t, COL_CONSUMER);
	mc_ingest_year_release(t.name, label, sizeof(label), from);
	while ((rc = mc_csvtab_next(&t, err)) > 0) {
		const char *const *f = t.f;
		if (!cpt_code_ok(f[COL_CODE])) {
			rc = mc_csvtab_fail(&t, err, "expected a 5-character CPT code, found '%.16s'",
					    f[COL_CODE]);
			goto done;
		}
		const char *desc = consumer ? f[COL_CONSUMER] : f[COL_CLINICIAN];
		if (!desc[0]) {
			rc = mc_csvtab_fail(&t, err, "expected a descriptor for %s", f[COL_CODE]);
			goto done;
		}
		if (t.rows == 1 && sink->release) {
			mc_rec_release r = { MC_SYS_CPT, "cpt-ama", label, from, "cpt_consumer" };
			if ((rc = sink->release(&r, sink->payload)) < 0)
				goto done;
		}
		if (!sink->code)
			continue;
		mc_attr attrs[3];
		size_t nattrs = 0;
		mc_rec_code c = { 0 };
		c.system = MC_SYS_CPT;
		c.code = f[COL_CODE];
		c.billable = -1;
		c.line = t.line;
		if (f[COL_CONCEPT][0])
			attrs[nattrs++] = (mc_attr){ "concept_id", f[COL_CONCEPT] };
		if (consumer) {
			c.title_other = desc;
		} else {
			attrs[nattrs++] = (mc_attr){ "clinician_descriptor", desc };
			if (f[COL_CLIN_ID][0])
				attrs[nattrs++] = (mc_attr){ "clinician_descriptor_id", f[COL_CLIN_ID] };
		}
		c.attrs = nattrs ? attrs : NULL;
		c.nattrs = nattrs;
		if ((rc = sink->code(&c, sink->payload)) < 0)
			goto done;
	}
done:
	mc_csvtab_release(&t);
	return rc;
}
