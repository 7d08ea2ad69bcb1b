/* AMA CPT data files: LONGULT.txt, LONGUT.txt, MEDU.txt, SHORTU.txt, and
 * the fixed-field LONGULF.txt / LONGUF.txt (licensed content).
 *
 * One code per line: the code (5 characters, e.g. 99213, 0001F, 0042T,
 * 0001U), then a tab (or spaces), then the descriptor.  The fixed-field
 * long files print the code with a 2-digit sequence number instead
 * ("9921301 text", "9921302 more text") and wrap long descriptors over
 * several records; those are joined with a space.  A modifier file has
 * 2-character codes (25, 59, 1P) in the same shape.  Lines before the
 * first code line (copyright notice, a header) are skipped; blank lines
 * are skipped; any other line off the layout is MC_EFORMAT "NAME:LINE: ...".
 * CRLF or LF; the text must be UTF-8.
 *
 * The file name tells which descriptor it holds: LONG* -> title_long,
 * MED* -> title_other (the medium descriptor), SHORT* -> title_short,
 * MOD* -> a modifier (system MODIFIER, kind "modifier", attr level=I,
 * title_long).  Without such a name the longest descriptor decides: up to
 * 28 characters is a short file, else a long one.
 *
 * Each code becomes one mc_rec_code, system CPT, billable -1.  Release:
 * stream "cpt-ama" ("modifier-ama" for the modifier file), label the 4-digit year in the path ("2026") effective
 * 2026-01-01; else the file stem and no date.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/parse_util.h"

#define CPT_SKIP_MAX 40         /* leading non-code lines we accept */
#define CPT_DETECT_LINES 40
#define CPT_SHORT_MAX 28        /* SHORTU descriptors never exceed this */

enum cpt_field { F_LONG, F_MEDIUM, F_SHORT };

typedef struct cpt_line {
	char code[8];
	size_t codelen;         /* 5, or 2 for a modifier */
	int seq;                /* fixed-field sequence number, 0 if none */
	const char *text;       /* descriptor, trimmed, not NUL-terminated */
	size_t textlen;
} cpt_line;

static bool is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

/* 4 digits then a digit or A/F/M/T/U (Category I, II, III, PLA, MAAA). */
static bool cpt_shape(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return isdigit((unsigned char)s[4]) || strchr("AFMTU", s[4]) != NULL;
}

static bool modifier_shape(const char *s)
{
	return isalnum((unsigned char)s[0]) && isalnum((unsigned char)s[1]) &&
	       (isdigit((unsigned char)s[0]) || isdigit((unsigned char)s[1]) ||
		isupper((unsigned char)s[0]));
}

/* Split a line into code, sequence and descriptor; false if off the shape. */
static bool split_line(const char *s, size_t n, cpt_line *out)
{
	size_t t = 0;
	while (t < n && s[t] != '\t' && s[t] != ' ')
		t++;
	if (t >= n)
		return false;
	memset(out, 0, sizeof(*out));
	if (t == 5 && cpt_shape(s)) {
		out->codelen = 5;
	} else if (t == 7 && s[t] == ' ' && cpt_shape(s) && isdigit((unsigned char)s[5]) &&
		   isdigit((unsigned char)s[6])) {
		out->codelen = 5;
		out->seq = (s[5] - '0') * 10 + (s[6] - '0');
		if (!out->seq)
			return false;
	} else if (t == 2 && modifier_shape(s)) {
		out->codelen = 2;
	} else {
		return false;
	}
	memcpy(out->code, s, out->codelen);
	out->code[out->codelen] = '\0';
	size_t a = t, b = n;
	while (a < b && isspace((unsigned char)s[a]))
		a++;
	while (b > a && isspace((unsigned char)s[b - 1]))
		b--;
	if (a == b)
		return false;
	out->text = s + a;
	out->textlen = b - a;
	return true;
}

/* A descriptor reads as text: a letter, no tabs, no column padding
 * (which would mean another fixed-width or tab-delimited file). */
static bool plain_text(const char *s, size_t n)
{
	bool letter = false;
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t')
			return false;
		run = s[i] == ' ' ? run + 1 : 0;
		if (run >= 4)
			return false;
		if (isalpha((unsigned char)s[i]))
			letter = true;
	}
	return letter;
}

int mc_detect_cpt_ama(const mc_input *in)
{
	if (!in->data || !in->len)
		return 0;
	const char *p = (const char *)in->data, *end = p + in->len, *s;
	size_t n;
	int lines = 0, good = 0, bad = 0, skipped = 0;
	size_t codelen = 0;
	cpt_line l;
	if (in->len >= 3 && memcmp(p, "HDR", 3) == 0)
		return 0;       /* PPRRVU fixed width */
	while (lines < CPT_DETECT_LINES && mc_ingest_next_line(&p, end, &s, &n)) {
		if (is_blank(s, n))
			continue;
		lines++;
		if (split_line(s, n, &l) && (!codelen || l.codelen == codelen) && n < 1024 &&
		    plain_text(l.text, l.textlen)) {
			codelen = l.codelen;
			good++;
		} else if (!good) {
			skipped++;
		} else {
			bad++;
		}
	}
	if (good < 1 || bad || skipped > CPT_SKIP_MAX || (good < 3 && lines > good + skipped))
		return 0;
	int score = good >= 3 ? 55 : 30;
	if (in->name) {
		const char *b = mc_ingest_base_name(in->name);
		size_t bn = strlen(b);
		if (mc_memcasestr(b, bn, "LONG") || mc_memcasestr(b, bn, "MEDU") ||
		    mc_memcasestr(b, bn, "SHORT") || mc_memcasestr(b, bn, "MOD"))
			score += 10;
	}
	return score;
}

/* Which descriptor the file holds: by name, else by the longest text. */
static enum cpt_field field_of(const mc_input *in, const char *name)
{
	const char *b = mc_ingest_base_name(name);
	size_t bn = strlen(b);
	if (mc_memcasestr(b, bn, "LONG"))
		return F_LONG;
	if (mc_memcasestr(b, bn, "MED"))
		return F_MEDIUM;
	if (mc_memcasestr(b, bn, "SHORT"))
		return F_SHORT;
	const char *p = (const char *)in->data, *end = p + in->len, *s;
	size_t n, longest = 0;
	cpt_line l;
	while (mc_ingest_next_line(&p, end, &s, &n))
		if (split_line(s, n, &l) && l.textlen > longest)
			longest = l.textlen;
	return longest <= CPT_SHORT_MAX ? F_SHORT : F_LONG;
}

typedef struct cpt_state {
	const mc_sink *sink;
	const char *name;
	enum cpt_field field;
	bool modifiers;
	bool announced;
	char label[64], from[MC_DATE_LEN];
	size_t codes;
} cpt_state;

static int emit(cpt_state *st, const char *code, const char *text, size_t line)
{
	const mc_sink *sink = st->sink;
	if (!st->announced) {
		st->announced = true;
		if (sink->release) {
			/* Modifiers are their own stream: one release row, one system. */
			mc_rec_release r = { st->modifiers ? MC_SYS_MODIFIER : MC_SYS_CPT,
					     st->modifiers ? "modifier-ama" : "cpt-ama",
					     st->label, st->from, "cpt_ama" };
			int rc = sink->release(&r, sink->payload);
			if (rc < 0)
				return rc;
		}
	}
	st->codes++;
	if (!sink->code)
		return 0;
	mc_attr level = { "level", "I" };
	mc_rec_code c = { 0 };
	c.system = st->modifiers ? MC_SYS_MODIFIER : MC_SYS_CPT;
	c.code = code;
	c.billable = -1;
	c.line = line;
	if (st->modifiers) {
		c.kind = "modifier";
		c.title_long = text;
		c.attrs = &level;
		c.nattrs = 1;
	} else if (st->field == F_LONG) {
		c.title_long = text;
	} else if (st->field == F_MEDIUM) {
		c.title_other = text;
	} else {
		c.title_short = text;
	}
	return sink->code(&c, sink->payload);
}

int mc_parse_cpt_ama(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty",
				    in->name ? in->name : "<input>");
	const char *name = in->name ? in->name : "<input>";
	const char *p = (const char *)in->data, *end = p + in->len, *s;
	size_t n, line = 0, skipped = 0, pending_line = 0;
	mc_buf text = MC_BUF_INIT;
	char pending[8] = "";
	int last_seq = 0;
	size_t codelen = 0;
	cpt_state st = { 0 };
	cpt_line l;
	int rc = 0;

	if (in->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	st.sink = sink;
	st.name = name;
	st.field = field_of(in, name);
	{
		const char *b = mc_ingest_base_name(name);
		st.modifiers = mc_memcasestr(b, strlen(b), "MOD") != NULL;
	}
	mc_ingest_year_release(name, st.label, sizeof(st.label), st.from);
	while (mc_ingest_next_line(&p, end, &s, &n)) {
		line++;
		if (is_blank(s, n))
			continue;
		if (!split_line(s, n, &l) || (codelen && l.codelen != codelen)) {
			if (!codelen && skipped < CPT_SKIP_MAX) {
				skipped++;
				continue;
			}
			rc = mc_error_set(err, MC_EFORMAT,
					  "%s:%zu: expected a code, a tab and a descriptor", name, line);
			goto done;
		}
		if (!mc_utf8_valid(s, n) || memchr(s, '\0', n)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected UTF-8 text", name, line);
			goto done;
		}
		if (!codelen) {
			codelen = l.codelen;
			if (codelen == 2)
				st.modifiers = true;
			else if (st.modifiers)
				st.modifiers = false;
		}
		/* A continuation of a fixed-field descriptor. */
		if (l.seq > 1 && strcmp(l.code, pending) == 0) {
			if (l.seq != last_seq + 1) {
				rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected sequence %02d for %s, found %02d",
						  name, line, last_seq + 1, l.code, l.seq);
				goto done;
			}
			last_seq = l.seq;
			if (mc_buf_putc(&text, ' ') < 0 || mc_buf_put(&text, l.text, l.textlen) < 0)
				goto nomem;
			continue;
		}
		if (l.seq > 1) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected sequence 01 for %s, found %02d",
					  name, line, l.code, l.seq);
			goto done;
		}
		if (pending[0] && (rc = emit(&st, pending, text.ptr, pending_line)) < 0)
			goto done;
		memcpy(pending, l.code, sizeof(pending));
		pending_line = line;
		last_seq = l.seq;
		mc_buf_clear(&text);
		if (mc_buf_put(&text, l.text, l.textlen) < 0)
			goto nomem;
	}
	if (pending[0] && (rc = emit(&st, pending, text.ptr, pending_line)) < 0)
		goto done;
	if (!st.codes)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected lines of a code and a descriptor",
				  name, line);
	goto done;
nomem:
	rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, line);
done:
	mc_buf_release(&text);
	return rc;
}
