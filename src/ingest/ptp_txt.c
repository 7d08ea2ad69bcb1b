/* CMS NCCI procedure-to-procedure (PTP) edits, tab-delimited text
 * (ccipra-vNNNrN-fN.txt for practitioners, ccioph-... for outpatient
 * hospitals), and the PTP/quarter helpers shared by the NCCI parsers.
 *
 * A few lines of title, AMA copyright notice and a column heading come
 * first ("Column 1", "Column 2", "*=in existence prior to 1996",
 * "Effective Date", "Deletion Date *=no data", "Modifier 0=not allowed
 * 1=allowed 9=not applicable", "PTP Edit Rationale"), possibly over
 * several lines.  Then one edit per line, tab-separated:
 *
 *   Column1  Column2  prior-1996 ('*' or blank)  Effective YYYYMMDD
 *   Deletion (YYYYMMDD, or '*' when none)  Modifier 0/1/9  Rationale
 *
 * Lines before the first edit are header text (whose first field is not a
 * code); after it every non-blank line must be an edit.  The setting comes
 * from the name (ccipra = practitioner, ccioph = hospital) or the header
 * text.  The release ("ptp") is labelled from the name: v321r0 = version
 * 32.1 = 2026 Q2 (year 1994 + 32, quarter 1 = April), or YYYYQn; else the
 * quarter of the latest effective date in the content.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "ingest/ncci.h"
#include "ingest/parse_util.h"

/* ---- shared NCCI helpers ---------------------------------------------------- */

bool mc_ncci_quarter_from_name(const char *name, char label[16], char from[MC_DATE_LEN])
{
	const char *b = mc_ingest_base_name(name);
	size_t n = strlen(b);
	for (size_t i = 0; i + 6 <= n; i++) {
		const char *p = b + i;
		if (i > 0 && isdigit((unsigned char)p[-1]))
			continue;
		if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
		    !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]) ||
		    toupper((unsigned char)p[4]) != 'Q' || p[5] < '1' || p[5] > '4')
			continue;
		if (i + 6 < n && isdigit((unsigned char)p[6]))
			continue;
		int q = p[5] - '0';
		if (snprintf(label, 16, "%.4sQ%d", p, q) >= 16 ||
		    snprintf(from, MC_DATE_LEN, "%.4s-%02d-01", p, 3 * (q - 1) + 1) >= MC_DATE_LEN)
			return false;
		return mc_date_valid(from);
	}
	return false;
}

void mc_ncci_quarter_of(const char *iso, char label[16])
{
	int m = (iso[5] - '0') * 10 + (iso[6] - '0');
	if (m < 1 || m > 12)
		m = 1;
	if (snprintf(label, 16, "%.4sQ%d", iso, (m - 1) / 3 + 1) >= 16)
		label[0] = '\0';
}

void mc_ncci_norm(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

bool mc_ncci_is_code(const char *s)
{
	char t[16];
	size_t n = mc_copy_trim(t, sizeof(t), s, strlen(s));
	bool digit = false;
	if (n != 5)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!isalnum((unsigned char)t[i]))
			return false;
		digit |= isdigit((unsigned char)t[i]) != 0;
	}
	return digit;
}

/* ---- PTP rows ------------------------------------------------------------------ */

void mc_ptp_init(mc_ptp *p, const mc_input *in, const mc_sink *sink, mc_error *err,
		 const char *format, bool rows)
{
	memset(p, 0, sizeof(*p));
	p->in = in;
	p->sink = sink;
	p->err = err;
	p->format = format;
	p->rows = rows;
	mc_buf_init(&p->text);
}

void mc_ptp_release(mc_ptp *p)
{
	mc_buf_release(&p->text);
}

bool mc_ptp_release_from_name(const char *name, char label[16], char from[MC_DATE_LEN])
{
	const char *b = mc_ingest_base_name(name);
	size_t n = strlen(b);
	/* "v321r0": major 32, quarter 1, revision 0. */
	for (size_t i = 0; i + 6 <= n; i++) {
		const char *p = b + i;
		if (tolower((unsigned char)p[0]) != 'v' || (i > 0 && isalnum((unsigned char)p[-1])))
			continue;
		if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) ||
		    !isdigit((unsigned char)p[3]) || tolower((unsigned char)p[4]) != 'r' ||
		    !isdigit((unsigned char)p[5]))
			continue;
		int major = (p[1] - '0') * 10 + (p[2] - '0'), q = p[3] - '0';
		if (q > 3)
			continue;
		size_t len = 6;
		while (i + len < n && len < 8 && isdigit((unsigned char)p[len]))
			len++;
		snprintf(label, 16, "v%.*s", (int)(len - 1), p + 1);
		for (char *c = label; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (snprintf(from, MC_DATE_LEN, "%04d-%02d-01", 1994 + major, 3 * q + 1) >= MC_DATE_LEN)
			return false;
		return mc_date_valid(from);
	}
	return mc_ncci_quarter_from_name(name, label, from);
}

void mc_ptp_pick_release(mc_ptp *p)
{
	if (mc_ptp_release_from_name(p->in->name, p->label, p->from))
		return;
	if (p->max_eff[0]) {
		mc_ncci_quarter_of(p->max_eff, p->label);
		memcpy(p->from, p->max_eff, MC_DATE_LEN);
	} else {
		snprintf(p->label, sizeof(p->label), "unknown");
		p->from[0] = '\0';
	}
}

void mc_ptp_pick_setting(mc_ptp *p)
{
	const char *b = mc_ingest_base_name(p->in->name);
	size_t n = strlen(b);
	const char *t = p->text.ptr ? p->text.ptr : "";
	if (mc_memcasestr(b, n, "ccioph") || mc_memcasestr(b, n, "hosp"))
		p->setting = "hospital";
	else if (mc_memcasestr(b, n, "ccipra") || mc_memcasestr(b, n, "pract"))
		p->setting = "practitioner";
	else if (mc_memcasestr(t, p->text.len, "hospital"))
		p->setting = "hospital";
	else
		p->setting = "practitioner";
}

static bool is_yyyymmdd(const char *s)
{
	char iso[MC_DATE_LEN], t[16];
	mc_copy_trim(t, sizeof(t), s, strlen(s));
	return mc_date_from_yyyymmdd(t, iso);
}

bool mc_ptp_is_data(const char *const *f, size_t n)
{
	return n >= 6 && mc_ncci_is_code(f[MC_PTP_COL1]) && mc_ncci_is_code(f[MC_PTP_COL2]) &&
	       is_yyyymmdd(f[MC_PTP_EFF]);
}

static int ptp_fail(mc_ptp *p, size_t line, const char *what)
{
	return mc_error_set(p->err, MC_EFORMAT, p->rows ? "%s: row %zu: %s" : "%s:%zu: %s",
			    p->in->name, line, what);
}

static bool blank_fields(const char *const *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (const char *s = f[i]; *s; s++)
			if (!isspace((unsigned char)*s))
				return false;
	return true;
}

int mc_ptp_row(mc_ptp *p, const char *const *f, size_t n, size_t line)
{
	char c1[16], c2[16], prior[8], eff[16], del[16], mod[8], what[128];
	char effiso[MC_DATE_LEN], deliso[MC_DATE_LEN];
	mc_buf rat = MC_BUF_INIT;
	int rc = 0;

	if (blank_fields(f, n))
		return 0;
	if (!p->in_data) {
		if (n == 0 || !mc_ncci_is_code(f[0])) {
			/* Header text: keep a little for the setting guess. */
			for (size_t i = 0; i < n && p->text.len < 4096; i++)
				if (mc_buf_puts(&p->text, f[i]) < 0 || mc_buf_putc(&p->text, ' ') < 0)
					return mc_error_set(p->err, MC_ENOMEM, "%s: out of memory",
							    p->in->name);
			return 0;
		}
		p->in_data = true;
		if (!p->setting)
			mc_ptp_pick_setting(p);
	}
	if (n < 6) {
		snprintf(what, sizeof(what),
			 "expected 7 tab-separated fields (column 1, column 2, prior-1996 flag, "
			 "effective, deletion, modifier, rationale), got %zu", n);
		return ptp_fail(p, line, what);
	}
	mc_copy_trim(c1, sizeof(c1), f[MC_PTP_COL1], strlen(f[MC_PTP_COL1]));
	mc_copy_trim(c2, sizeof(c2), f[MC_PTP_COL2], strlen(f[MC_PTP_COL2]));
	mc_copy_trim(prior, sizeof(prior), f[MC_PTP_PRIOR], strlen(f[MC_PTP_PRIOR]));
	mc_copy_trim(eff, sizeof(eff), f[MC_PTP_EFF], strlen(f[MC_PTP_EFF]));
	mc_copy_trim(del, sizeof(del), f[MC_PTP_DEL], strlen(f[MC_PTP_DEL]));
	mc_copy_trim(mod, sizeof(mod), f[MC_PTP_MOD], strlen(f[MC_PTP_MOD]));
	if (!mc_ncci_is_code(c1) || !mc_ncci_is_code(c2))
		return ptp_fail(p, line, "expected 5-character codes in column 1 and column 2");
	if (strcmp(prior, "*") != 0 && prior[0] != '\0')
		return ptp_fail(p, line, "expected '*' or blank in the prior-1996 column");
	if (!mc_date_from_yyyymmdd(eff, effiso))
		return ptp_fail(p, line, "expected the effective date as YYYYMMDD");
	if (strcmp(del, "*") == 0 || del[0] == '\0')
		deliso[0] = '\0';
	else if (!mc_date_from_yyyymmdd(del, deliso))
		return ptp_fail(p, line, "expected the deletion date as YYYYMMDD or '*'");
	if (strlen(mod) != 1 || !strchr("019", mod[0]))
		return ptp_fail(p, line, "expected modifier indicator 0, 1 or 9");
	if (p->scan) {
		if (strcmp(effiso, p->max_eff) > 0)
			memcpy(p->max_eff, effiso, MC_DATE_LEN);
		return 0;
	}
	if (!p->said) {
		p->said = true;
		if (p->sink->release) {
			mc_rec_release r = { MC_SYS_NONE, "ptp", p->label, p->from, p->format };
			if ((rc = p->sink->release(&r, p->sink->payload)) < 0)
				return rc;
		}
	}
	if (!p->sink->ptp)
		return 0;
	/* Rationale: trimmed, bytes that are not UTF-8 replaced. */
	const char *r = n > MC_PTP_RATIONALE ? f[MC_PTP_RATIONALE] : "";
	size_t rl = strlen(r);
	while (rl && isspace((unsigned char)r[rl - 1]))
		rl--;
	while (rl && isspace((unsigned char)*r)) {
		r++;
		rl--;
	}
	if (mc_buf_put(&rat, r, rl) < 0)
		return mc_error_set(p->err, MC_ENOMEM, "%s: out of memory", p->in->name);
	if (rl && !mc_utf8_valid(rat.ptr, rl))
		for (size_t i = 0; i < rl; i++)
			if ((unsigned char)rat.ptr[i] >= 0x80)
				rat.ptr[i] = '?';
	for (char *c = c1; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	for (char *c = c2; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	mc_rec_ptp rec = {
		.column1 = c1,
		.column2 = c2,
		.prior_1996 = prior[0] == '*',
		.effective = effiso,
		.deleted = deliso,
		.modifier_indicator = mod[0] - '0',
		.rationale = rl ? rat.ptr : NULL,
		.setting = p->setting ? p->setting : "practitioner",
		.line = line,
	};
	rc = p->sink->ptp(&rec, p->sink->payload);
	mc_buf_release(&rat);
	return rc;
}

/* ---- the txt edition ------------------------------------------------------------ */

#define PTP_MAX_FIELDS 16

/* Split one line at tabs into f[] (pointers into buf, which holds a copy). */
static size_t split_tabs(const char *s, size_t len, mc_buf *buf, const char **f)
{
	size_t n = 0, start = 0;
	if (len && s[len - 1] == '\r')
		len--;
	mc_buf_clear(buf);
	if (mc_buf_put(buf, s, len) < 0)
		return (size_t)-1;
	for (size_t i = 0; i <= len && n < PTP_MAX_FIELDS; i++) {
		if (i == len || buf->ptr[i] == '\t') {
			buf->ptr[i] = '\0';
			f[n++] = buf->ptr + start;
			start = i + 1;
		}
	}
	/* Embedded NULs would hide text: treat them as the end of the field. */
	return n;
}

static int ptp_txt_pass(mc_ptp *p, mc_error *err)
{
	const char *s = (const char *)p->in->data, *end = s + p->in->len;
	const char *f[PTP_MAX_FIELDS];
	mc_buf buf = MC_BUF_INIT;
	size_t line = 0;
	int rc = 0;

	if (p->in->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
		line++;
		size_t n = split_tabs(s, len, &buf, f);
		if (n == (size_t)-1) {
			rc = mc_error_set(err, MC_ENOMEM, "%s: out of memory", p->in->name);
			goto done;
		}
		if ((rc = mc_ptp_row(p, f, n, line)) < 0)
			goto done;
		s = nl ? nl + 1 : end;
	}
done:
	mc_buf_release(&buf);
	return rc;
}

int mc_detect_ptp_txt(const mc_input *in)
{
	const char *s = (const char *)in->data, *end = s + in->len;
	size_t lines = 0, data = 0;
	bool heading = false;
	int score = 0;

	if (!in->data || in->len == 0 || memchr(s, '\0', in->len < 4096 ? in->len : 4096))
		return 0;
	while (s < end && lines < 40 && data < 3) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
		const char *f[PTP_MAX_FIELDS];
		mc_buf buf = MC_BUF_INIT;
		size_t n = split_tabs(s, len, &buf, f);
		lines++;
		bool stop = n == (size_t)-1;
		if (!stop && mc_ptp_is_data(f, n)) {
			data++;
		} else if (!stop && data == 0 && n >= 2 &&
			   (mc_memcasestr(s, len, "column 1") || mc_memcasestr(s, len, "column1")) &&
			   (mc_memcasestr(s, len, "column 2") || mc_memcasestr(s, len, "column2"))) {
			heading = true;
		} else if (!stop && data > 0 && n > 0 && mc_ncci_is_code(f[0])) {
			data = 0;     /* a broken edit among edits: not ours to vouch for */
			stop = true;
		}
		mc_buf_release(&buf);
		if (stop)
			break;
		s = nl ? nl + 1 : end;
	}
	if (data && heading)
		score = 90;
	else if (data)
		score = 55;
	else if (heading)
		score = 30;
	if (score && in->name) {
		const char *b = mc_ingest_base_name(in->name);
		if (mc_memcasestr(b, strlen(b), "cci"))
			score += 4;
	}
	return score;
}

int mc_parse_ptp_txt(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	mc_ptp p;
	int rc;

	mc_ptp_init(&p, in, sink, err, "ptp_txt", false);
	if (!mc_ptp_release_from_name(in->name, p.label, p.from)) {
		p.scan = true;
		rc = ptp_txt_pass(&p, err);
		if (rc < 0)
			goto done;
		p.scan = false;
		p.in_data = false;
		mc_buf_clear(&p.text);
	}
	mc_ptp_pick_release(&p);
	p.scan = false;
	p.in_data = false;
	rc = ptp_txt_pass(&p, err);
	if (rc == 0 && !p.said && !p.in_data)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected PTP edit rows (column 1, column 2, ...)",
				  in->name, (size_t)1);
done:
	mc_ptp_release(&p);
	return rc;
}
