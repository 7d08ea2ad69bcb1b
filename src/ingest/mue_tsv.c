/* NCCI MUE tables reshaped into one TSV with a service-type column
 * (mue_2024q2_all_types_from_northstar.tsv).
 *
 * Tab-separated, no quoting, LF or CRLF, one header line naming the
 * columns (found by name, any order):
 *   mue_service_type  "Practitioner", "Outpatient Hospital", "DME Supplier"
 *   hcpcs             5-character HCPCS/CPT code
 *   mue_uos           units of service (whole number)
 *   mue_mai           adjudication indicator 1..3 (may be blank)
 *   mue_mai_desc      "Date of Service Edit: Policy" (optional)
 *   mue_rationale     "Clinical: Data" (optional)
 *
 * Each row becomes one mc_rec_mue.  Release: stream "mue" (system NONE),
 * label "2024Q2" and effective 2024-04-01 from "2024q2" in the name; else
 * the file stem and no date.  Blank lines are skipped; other bad rows are
 * MC_EFORMAT "NAME:LINE: ...".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/parse_util.h"

enum { COL_TYPE, COL_CODE, COL_UOS, COL_MAI, COL_DESC, COL_RATIONALE, COL_COUNT };

static const char *const col_names[COL_COUNT] = {
	"mue_service_type", "hcpcs", "mue_uos", "mue_mai", "mue_mai_desc", "mue_rationale",
};

#define MUE_REQUIRED 3          /* type, code and units must exist */

int mc_detect_mue_tsv(const mc_input *in)
{
	const char *line;
	size_t len;
	bool newline;
	if (!mc_ingest_first_line(in, &line, &len, &newline))
		return 0;
	const char *h = line;
	if (!memchr(h, '\t', len))
		return 0;
	int hits = 0;
	for (int c = 0; c < COL_COUNT; c++)
		if (mc_memcasestr(h, len, col_names[c]))
			hits++;
	if (!mc_memcasestr(h, len, "mue_service_type") || !mc_memcasestr(h, len, "mue_uos"))
		return 0;
	int score = 80 + hits * 2;
	if (in->name && mc_memcasestr(mc_ingest_base_name(in->name), strlen(mc_ingest_base_name(in->name)), "mue"))
		score += 3;
	return score;
}

/* "mue_2024q2", or any "2024q2" / "2024Q2" in the name. */
static void release_from_name(const char *name, char *label, size_t cap, char from[MC_DATE_LEN])
{
	const char *b = mc_ingest_base_name(name);
	from[0] = '\0';
	for (const char *p = b; *p; p++) {
		if (p != b && isdigit((unsigned char)p[-1]))
			continue;
		if (!(isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
		      isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3])))
			continue;
		const char *q = p + 4;
		if (*q == '_' || *q == '-')
			q++;
		if ((*q != 'q' && *q != 'Q') || q[1] < '1' || q[1] > '4' || isdigit((unsigned char)q[2]))
			continue;
		int year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		int quarter = q[1] - '0';
		char tmp[32];
		snprintf(label, cap, "%04dQ%d", year, quarter);
		snprintf(tmp, sizeof(tmp), "%04d-%02d-01", year, 1 + 3 * (quarter - 1));
		if (mc_date_valid(tmp))
			mc_copy_trim(from, MC_DATE_LEN, tmp, sizeof(tmp));
		return;
	}
	size_t n = strcspn(b, ".");
	snprintf(label, cap, "%.*s", (int)(n < 48 ? n : 48), b);
}

static bool code_ok(const char *s)
{
	if (strlen(s) != 5)
		return false;
	for (size_t i = 0; i < 5; i++)
		if (!isalnum((unsigned char)s[i]))
			return false;
	return true;
}

static const char *service_name(const char *s)
{
	if (mc_str_iequal(s, "Practitioner"))
		return "Practitioner";
	if (mc_str_iequal(s, "Outpatient Hospital"))
		return "Outpatient Hospital";
	if (mc_str_iequal(s, "DME Supplier"))
		return "DME Supplier";
	return NULL;
}

int mc_parse_mue_tsv(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty",
				    in->name ? in->name : "<input>");
	const char *name = in->name ? in->name : "<input>";
	mc_csv tsv;
	mc_csv_row row;
	mc_buf text = MC_BUF_INIT;
	int col[COL_COUNT];
	size_t ncols = 0, rows = 0;
	char label[64], from[MC_DATE_LEN];
	bool header = false;
	int rc = 0;

	mc_csv_init(&tsv, (const char *)in->data, in->len, '\t', false);
	release_from_name(name, label, sizeof(label), from);
	for (;;) {
		size_t line = tsv.line;
		rc = mc_csv_next(&tsv, &row, err);
		if (rc == 0)
			break;
		if (rc < 0) {
			rc = mc_error_set(err, rc, "%s:%zu: %s", name, line,
					  rc == MC_ENOMEM ? "out of memory" : "bad record");
			goto done;
		}
		rc = 0;
		if (!header) {
			char tmp[64];
			for (int c = 0; c < COL_COUNT; c++)
				col[c] = -1;
			for (size_t i = 0; i < row.count && i < 256; i++) {
				mc_copy_trim(tmp, sizeof(tmp), row.field[i], SIZE_MAX);
				for (int c = 0; c < COL_COUNT; c++)
					if (col[c] < 0 && mc_str_iequal(tmp, col_names[c]))
						col[c] = (int)i;
			}
			for (int c = 0; c < MUE_REQUIRED; c++) {
				if (col[c] < 0) {
					rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a header with column %s",
							  name, row.line, col_names[c]);
					goto done;
				}
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
		mc_rec_mue m = { 0 };
		m.service_type = service_name(f[COL_TYPE]);
		if (!m.service_type) {
			rc = mc_error_set(err, MC_EFORMAT,
					  "%s:%zu: expected a service type Practitioner, Outpatient Hospital or DME Supplier, found '%.24s'",
					  name, row.line, f[COL_TYPE]);
			goto done;
		}
		if (!code_ok(f[COL_CODE])) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a 5-character HCPCS/CPT code, found '%.16s'",
					  name, row.line, f[COL_CODE]);
			goto done;
		}
		if (!mc_parse_long(f[COL_UOS], &m.units)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a whole number of units, found '%.16s'",
					  name, row.line, f[COL_UOS]);
			goto done;
		}
		if (f[COL_MAI][0]) {
			if (f[COL_MAI][0] < '1' || f[COL_MAI][0] > '3' || f[COL_MAI][1]) {
				rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected an adjudication indicator 1, 2 or 3, found '%.16s'",
						  name, row.line, f[COL_MAI]);
				goto done;
			}
			m.mai = f[COL_MAI][0] - '0';
		}
		m.code = f[COL_CODE];
		m.mai_desc = f[COL_DESC][0] ? f[COL_DESC] : NULL;
		m.rationale = f[COL_RATIONALE][0] ? f[COL_RATIONALE] : NULL;
		m.line = row.line;
		if (rows++ == 0 && sink->release) {
			mc_rec_release r = { MC_SYS_NONE, "mue", label, from, "mue_tsv" };
			if ((rc = sink->release(&r, sink->payload)) < 0)
				goto done;
		}
		if (sink->mue && (rc = sink->mue(&m, sink->payload)) < 0)
			goto done;
	}
	if (!header)
		rc = mc_error_set(err, MC_EFORMAT, "%s:1: expected a header line", name);
	else if (!rows)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected MUE rows after the header",
				  name, tsv.line);
done:
	mc_buf_release(&text);
	mc_csv_release(&tsv);
	return rc;
}
