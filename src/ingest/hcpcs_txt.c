/* CMS HCPCS Level II quarterly file, fixed-width text edition
 * (HCPCyyyy_MON_ANWEB.txt, as described by HCPCyyyy_recordlayout.txt).
 *
 * One 320-character record per line (LF or CRLF), no header.  Columns
 * (1-based, inclusive): HCPC 1-5 (modifiers right-aligned: "   LT"),
 * SEQNUM 6-10, RECID 11, LONG DESCRIPTION 12-91, SHORT DESCRIPTION 92-119,
 * then the administrative fields up to ACTION CD at 293 and filler to 320
 * (offsets in mc_hcpcs_fields).  RECID 3 is the first record of a code and
 * carries all its fields; 4 continues its long description (80 characters
 * a line); 7 and 8 are the same for Level II modifiers.  Continuation
 * pieces are joined with one space.  Lines may be shorter than 320 when
 * trailing blanks were stripped; anything past 320 is an error.  Non-UTF-8
 * bytes (the file is nominally ASCII) are replaced with '?'.
 *
 * Records are emitted as in hcpcs_xlsx.c.  The release comes from the file
 * name (HCPC2025_OCT -> "2025-10") or else from the latest ACT EFF DT.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "ingest/hcpcs.h"

typedef struct txt_line {
	const char *p;
	size_t len;               /* without the line end */
	size_t no;                /* 1-based */
} txt_line;

/* Next line from *pos; false at end. */
static bool next_line(const unsigned char *data, size_t len, size_t *pos, txt_line *l)
{
	if (*pos >= len)
		return false;
	const char *s = (const char *)data + *pos;
	const char *nl = memchr(s, '\n', len - *pos);
	size_t n = nl ? (size_t)(nl - s) : len - *pos;
	*pos += n + (nl ? 1 : 0);
	if (n && s[n - 1] == '\r')
		n--;
	l->p = s;
	l->len = n;
	l->no++;
	return true;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

/* Does the line look like an ANWEB record? */
static bool record_shape(const char *s, size_t n)
{
	if (n < 12 || n > MC_HCPCS_TXT_WIDTH)
		return false;
	for (size_t i = 0; i < 5; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != ' ')
			return false;
	for (size_t i = 5; i < 10; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return strchr("3478", s[10]) && s[10] != '\0';
}

int mc_detect_hcpcs_txt(const mc_input *in)
{
	size_t pos = 0, good = 0, full = 0, seen = 0;
	txt_line l = { NULL, 0, 0 };

	if (!in->data || in->len == 0)
		return 0;
	while (seen < 5 && next_line(in->data, in->len, &pos, &l)) {
		if (blank(l.p, l.len))
			continue;
		seen++;
		if (!record_shape(l.p, l.len))
			return 0;
		good++;
		if (l.len == MC_HCPCS_TXT_WIDTH)
			full++;
	}
	if (!good)
		return 0;
	int score = full == good ? 90 : 60;
	if (in->name && mc_memcasestr(in->name, strlen(in->name), "ANWEB"))
		score += 5;
	return score;
}

/* Cut field i out of the line into buf (NUL-terminated). */
static const char *cut(const txt_line *l, int i, char *buf, size_t cap)
{
	size_t start = mc_hcpcs_fields[i].pos - 1, n = mc_hcpcs_fields[i].len;
	if (start >= l->len || n + 1 > cap) {
		buf[0] = '\0';
		return buf;
	}
	if (start + n > l->len)
		n = l->len - start;
	memcpy(buf, l->p + start, n);
	buf[n] = '\0';
	return buf;
}

int mc_parse_hcpcs_txt(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	mc_hcpcs h;
	char store[MC_HF_COUNT][96];
	const char *f[MC_HF_COUNT];
	size_t pos;
	txt_line l;
	int rc = 0;

	mc_hcpcs_init(&h, in, sink, err, "hcpcs_txt", false);
	if (!mc_hcpcs_release_from_name(in->name, h.label, h.from)) {
		pos = 0;
		l = (txt_line){ NULL, 0, 0 };
		while (next_line(in->data, in->len, &pos, &l))
			if (l.len >= 11 && (l.p[10] == '3' || l.p[10] == '7'))
				mc_hcpcs_note_eff(&h, cut(&l, MC_HF_ACT_EFF_DT, store[0], sizeof(store[0])));
	}
	mc_hcpcs_pick_release(&h);

	pos = 0;
	l = (txt_line){ NULL, 0, 0 };
	while (next_line(in->data, in->len, &pos, &l)) {
		if (blank(l.p, l.len))
			continue;
		if (l.len > MC_HCPCS_TXT_WIDTH) {
			rc = mc_error_set(err, MC_EFORMAT,
					  "%s:%zu: expected a %u-character HCPCS record, got %zu characters",
					  in->name, l.no, MC_HCPCS_TXT_WIDTH, l.len);
			goto done;
		}
		if (l.len < 11) {
			rc = mc_error_set(err, MC_EFORMAT,
					  "%s:%zu: expected a HCPCS record (code, SEQNUM, RECID), got %zu characters",
					  in->name, l.no, l.len);
			goto done;
		}
		for (int i = 0; i < MC_HF_COUNT; i++)
			f[i] = cut(&l, i, store[i], sizeof(store[i]));
		rc = mc_hcpcs_record(&h, f, l.no);
		if (rc < 0)
			goto done;
	}
	rc = mc_hcpcs_finish(&h);
done:
	mc_hcpcs_release(&h);
	return rc;
}
