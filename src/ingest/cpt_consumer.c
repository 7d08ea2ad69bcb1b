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
#include "ingest/parse_util.h"

#define CONSUMER_HEADER_MAX 4096        /* bytes of the first line detect reads */

enum { COL_CONCEPT, COL_CODE, COL_CONSUMER, COL_CLIN_ID, COL_CLINICIAN, COL_COUNT };

/* Column of a header cell (letters compared without spaces/underscores). */
static int column_of(const char *cell)
{
	char k[64];
	size_t n = 0;
	for (const char *p = cell; *p && n + 1 < sizeof(k); p++)
		if (isalnum((unsigned char)*p))
			k[n++] = (char)tolower((unsigned char)*p);
	k[n] = '\0';
	if (strcmp(k, "conceptid") == 0)
		return COL_CONCEPT;
	if (strcmp(k, "cptcode") == 0 || strcmp(k, "code") == 0)
		return COL_CODE;
	if (strcmp(k, "consumerfriendlydescriptor") == 0 || strcmp(k, "consumerdescriptor") == 0)
		return COL_CONSUMER;
	if (strcmp(k, "cliniciandescriptorid") == 0)
		return COL_CLIN_ID;
	if (strcmp(k, "cliniciandescriptor") == 0)
		return COL_CLINICIAN;
	return -1;
}

static char separator_of(const char *h, size_t len)
{
	if (memchr(h, '\t', len))
		return '\t';
	if (memchr(h, '|', len))
		return '|';
	return ',';
}

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
	int score = separator_of(h, len) == '\t' ? 90 : 80;
	if (in->name && (mc_memcasestr(in->name, strlen(in->name), "Consumer") ||
			 mc_memcasestr(in->name, strlen(in->name), "Clinician")))
		score += 5;
	return score;
}

static void release_from_name(const char *name, char *label, size_t cap, char from[MC_DATE_LEN])
{
	size_t len = strlen(name);
	from[0] = '\0';
	/* The last year in the path: the file's own folder beats its parents. */
	for (size_t i = len; i-- > 0;) {
		const char *p = name + i;
		if (len - i < 4 || (i && isdigit((unsigned char)p[-1])) || p[0] != '2' || p[1] != '0' ||
		    !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]) ||
		    isdigit((unsigned char)p[4]))
			continue;
		int year = 2000 + (p[2] - '0') * 10 + (p[3] - '0');
		char tmp[32];
		snprintf(label, cap, "%04d", year);
		snprintf(tmp, sizeof(tmp), "%04d-01-01", year);
		mc_copy_trim(from, MC_DATE_LEN, tmp, sizeof(tmp));
		return;
	}
	const char *b = mc_ingest_base_name(name);
	size_t n = strcspn(b, ".");
	snprintf(label, cap, "%.*s", (int)(n < 48 ? n : 48), b);
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
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty",
				    in->name ? in->name : "<input>");
	const char *name = in->name ? in->name : "<input>";
	const char *d = (const char *)in->data;
	mc_csv csv;
	mc_csv_row row;
	mc_buf text = MC_BUF_INIT;
	int col[COL_COUNT];
	size_t ncols = 0, rows = 0;
	char label[64], from[MC_DATE_LEN];
	bool header = false;
	int rc = 0;

	{
		size_t i = in->len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		const char *nl = memchr(d + i, '\n', in->len - i);
		size_t len = nl ? (size_t)(nl - (d + i)) : in->len - i;
		char sep = separator_of(d + i, len);
		mc_csv_init(&csv, d, in->len, sep, sep == ',');
	}
	release_from_name(name, label, sizeof(label), from);
	for (;;) {
		size_t line = csv.line;
		rc = mc_csv_next(&csv, &row, err);
		if (rc == 0)
			break;
		if (rc < 0) {
			rc = mc_error_set(err, rc, "%s:%zu: %s", name, line,
					  rc == MC_ENOMEM ? "out of memory" : "unterminated quoted field");
			goto done;
		}
		rc = 0;
		if (!header) {
			for (int c = 0; c < COL_COUNT; c++)
				col[c] = -1;
			for (size_t i = 0; i < row.count && i < 64; i++) {
				int c = column_of(row.field[i]);
				if (c >= 0 && col[c] < 0)
					col[c] = (int)i;
			}
			if (col[COL_CODE] < 0 || (col[COL_CONSUMER] < 0 && col[COL_CLINICIAN] < 0)) {
				rc = mc_error_set(err, MC_EFORMAT,
						  "%s:%zu: expected a header with CPT Code and a Consumer Friendly or Clinician Descriptor column",
						  name, row.line);
				goto done;
			}
			ncols = row.count;
			header = true;
			continue;
		}
		if (row.count == 1 && !row.field[0][strspn(row.field[0], " \t\r")])
			continue;
		if (row.count < ncols) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected %zu columns, found %zu",
					  name, row.line, ncols, row.count);
			goto done;
		}
		const char *f[COL_COUNT];
		if (mc_ingest_row_trimmed(&text, &row, col, COL_COUNT, f) < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, row.line);
			goto done;
		}
		if (!mc_utf8_valid(text.ptr, text.len)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected UTF-8 text", name, row.line);
			goto done;
		}
		if (!cpt_code_ok(f[COL_CODE])) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a 5-character CPT code, found '%.16s'",
					  name, row.line, f[COL_CODE]);
			goto done;
		}
		const char *desc = col[COL_CONSUMER] >= 0 ? f[COL_CONSUMER] : f[COL_CLINICIAN];
		if (!desc[0]) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a descriptor for %s",
					  name, row.line, f[COL_CODE]);
			goto done;
		}
		if (rows++ == 0 && sink->release) {
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
		c.line = row.line;
		if (f[COL_CONCEPT][0])
			attrs[nattrs++] = (mc_attr){ "concept_id", f[COL_CONCEPT] };
		if (col[COL_CONSUMER] >= 0) {
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
	if (!header)
		rc = mc_error_set(err, MC_EFORMAT, "%s:1: expected a header line", name);
	else if (!rows)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected descriptor rows after the header",
				  name, csv.line);
done:
	mc_buf_release(&text);
	mc_csv_release(&csv);
	return rc;
}
