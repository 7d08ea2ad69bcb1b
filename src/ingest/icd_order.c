/* ICD-10-CM order file (icd10cm_order_YYYY.txt), fixed width, CRLF or LF.
 *
 *   cols 1-5    order number (digits, zero padded)
 *   col  6      blank
 *   cols 7-13   code without the dot, left aligned, blank padded
 *   col  14     blank
 *   col  15     0 = header (not billable), 1 = billable
 *   col  16     blank
 *   cols 17-76  short title (60 columns, blank padded)
 *   col  77     blank
 *   cols 78-    long title
 *
 * Every line becomes one mc_rec_code: system ICD10CM, code in dotted form,
 * kind "category" for 3-character codes else "code", attr order=<number>
 * (as printed).  The file carries no release: it is taken from the name
 * ("icd10cm_order_2026.txt" -> FY2026, "...-Jan-2021.txt" -> FY2021), a
 * fiscal year N starting on (N-1)-10-01.  Empty lines are skipped; any
 * other line that does not fit the layout is MC_EFORMAT "NAME:LINE: ...".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/parse_util.h"

#define ORDER_MIN_LEN 78        /* up to and including the first long-title column */
#define ORDER_SAMPLE_LINES 5    /* lines detect looks at */

/* One line split into its columns; pointers into the caller's buffer. */
typedef struct order_line {
	char number[8];
	char code[MC_CODE_MAX];      /* compact */
	int billable;
	char title_short[128];
	const char *long_start;      /* long title: bytes [long_start, long_end) */
	size_t long_len;
} order_line;

/* Split line[0..n) (no line end); NULL on success, else what was expected. */
static const char *order_split(const char *line, size_t n, order_line *out)
{
	char raw[16];
	size_t len;

	if (n < ORDER_MIN_LEN)
		return "expected at least 78 columns";
	for (size_t i = 0; i < 5; i++)
		if (!isdigit((unsigned char)line[i]))
			return "expected a 5-digit order number in columns 1-5";
	if (line[5] != ' ' || line[13] != ' ' || line[15] != ' ' || line[76] != ' ')
		return "expected blanks in columns 6, 14, 16 and 77";
	memcpy(out->number, line, 5);
	out->number[5] = '\0';

	len = mc_copy_trim(raw, sizeof(raw), line + 6, 7);
	if (len < 3 || !isalpha((unsigned char)raw[0]))
		return "expected a code in columns 7-13";
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)raw[i]))
			return "expected a code in columns 7-13";
	if (!mc_code_compact(raw, out->code) || strlen(out->code) != len)
		return "expected a code in columns 7-13";

	if (line[14] == '0')
		out->billable = 0;
	else if (line[14] == '1')
		out->billable = 1;
	else
		return "expected flag 0 or 1 in column 15";

	mc_copy_trim(out->title_short, sizeof(out->title_short), line + 16, 60);

	const char *a = line + 77, *b = line + n;
	while (a < b && isspace((unsigned char)*a))
		a++;
	while (b > a && isspace((unsigned char)b[-1]))
		b--;
	if (a == b)
		return "expected a long title from column 78";
	out->long_start = a;
	out->long_len = (size_t)(b - a);
	if (!mc_utf8_valid(line, n))
		return "expected UTF-8 text";
	for (size_t i = 0; i < n; i++)
		if (line[i] == '\0')
			return "expected text without NUL bytes";
	return NULL;
}

int mc_detect_icd10cm_order(const mc_input *in)
{
	const char *p = (const char *)in->data, *end = p + in->len;
	const char *line;
	size_t n;
	int seen = 0, bad = 0;
	order_line ol;

	/* Claim the file when the first record and most sampled ones have the
	 * order layout, so that a damaged line further on is reported by the
	 * parser with its line number rather than as an unknown format. */
	while (seen + bad < ORDER_SAMPLE_LINES && mc_ingest_next_line(&p, end, &line, &n)) {
		if (n == 0)
			continue;
		if (order_split(line, n, &ol)) {
			if (seen == 0)
				return 0;
			bad++;
			continue;
		}
		seen++;
	}
	if (!seen || bad > (seen / 3 > 1 ? seen / 3 : 1))
		return 0;
	int score = seen >= 3 ? 90 : 60;
	if (in->name && mc_memcasestr(in->name, strlen(in->name), "order"))
		score += 5;
	return score;
}

int mc_parse_icd10cm_order(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	const char *name = in->name ? in->name : "(input)";
	const char *p = (const char *)in->data, *end = p + in->len;
	const char *line;
	size_t n, lineno = 0;
	mc_buf title = MC_BUF_INIT;
	order_line ol;
	char dotted[MC_CODE_MAX];
	char label[16] = "", from[24] = "";
	int rc = 0;

	int fy = mc_ingest_fiscal_year(name);
	if (fy > 1000) {
		snprintf(label, sizeof(label), "FY%d", fy);
		snprintf(from, sizeof(from), "%d-10-01", fy - 1);
	}
	if (sink->release) {
		mc_rec_release rel = { MC_SYS_ICD10CM, "icd10cm", label, from, "icd10cm_order" };
		rc = sink->release(&rel, sink->payload);
		if (rc < 0)
			goto done;
	}

	while (mc_ingest_next_line(&p, end, &line, &n)) {
		lineno++;
		if (n == 0)
			continue;
		const char *why = order_split(line, n, &ol);
		if (why) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: %s", name, lineno, why);
			goto done;
		}
		if (!sink->code)
			continue;
		mc_buf_clear(&title);
		rc = mc_buf_put(&title, ol.long_start, ol.long_len);
		if (rc < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, lineno);
			goto done;
		}
		mc_icd10cm_dotted(ol.code, dotted);
		mc_attr attr = { "order", ol.number };
		mc_rec_code rec = {
			.system = MC_SYS_ICD10CM,
			.code = dotted,
			.title_short = ol.title_short,
			.title_long = title.ptr,
			.billable = ol.billable,
			.kind = strlen(ol.code) == 3 ? "category" : "code",
			.attrs = &attr,
			.nattrs = 1,
			.line = lineno,
		};
		rc = sink->code(&rec, sink->payload);
		if (rc < 0)
			goto done;
	}
done:
	mc_buf_release(&title);
	return rc;
}
