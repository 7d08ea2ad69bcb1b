/* CMS HCPCS Level II quarterly file, Excel edition (HCPCyyyy_MON_ANWEB.xlsx),
 * and the record emitter shared with the fixed-width edition.
 *
 * One worksheet; a header row names the 48 columns of the ANWEB record:
 *   HCPC, SEQNUM, RECID, LONG DESCRIPTION, SHORT DESCRIPTION, PRICE1..4,
 *   MULT_PI, CIM1..3, MCM1..3, STATUTE, LABCERT1..8, XREF1..5, COV, ASC_GRP,
 *   ASC_DT, OPPS, OPPS_PI, OPPS_DT, PROCNOTE, BETOS, TOS1..5, ANEST_BU,
 *   ADD DT, ACT EFF DT, TERM DT, ACTION CD
 * Columns are found by header name (spaces and underscores alike), not by
 * position.  RECID 3 is a HCPCS code, RECID 7 a Level II modifier whose HCPC
 * is right-aligned ("   LT"); 4 and 8 (only in the txt edition) continue the
 * long description of the record before them.  Dates are YYYYMMDD text.
 *
 * Each code becomes one mc_rec_code: titles, billable 1 (codes) or -1
 * (modifiers, kind "modifier", attr level=II), status = ACTION CD,
 * valid_from/valid_to = ADD DT/TERM DT as ISO, and every other non-blank
 * column as an attr.  Releases "hcpcs" and "modifier-l2" are announced
 * before their first record; the label "YYYY-MM" comes from the file name
 * (HCPC2025_OCT -> 2025-10, effective 2025-10-01) or else from the latest
 * ACT EFF DT in the content.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "ingest/hcpcs.h"
#include "ingest/xlsx.h"

const mc_hcpcs_field mc_hcpcs_fields[MC_HF_COUNT] = {
	[MC_HF_HCPC] = { "hcpc", 1, 5, false },
	[MC_HF_SEQNUM] = { "seqnum", 6, 5, true },
	[MC_HF_RECID] = { "recid", 11, 1, true },
	[MC_HF_LONG] = { "long_description", 12, 80, false },
	[MC_HF_SHORT] = { "short_description", 92, 28, false },
	[MC_HF_PRICE1] = { "price1", 120, 2, true },
	[MC_HF_PRICE2] = { "price2", 122, 2, true },
	[MC_HF_PRICE3] = { "price3", 124, 2, true },
	[MC_HF_PRICE4] = { "price4", 126, 2, true },
	[MC_HF_MULT_PI] = { "mult_pi", 128, 1, true },
	[MC_HF_CIM1] = { "cim1", 129, 6, true },
	[MC_HF_CIM2] = { "cim2", 135, 6, true },
	[MC_HF_CIM3] = { "cim3", 141, 6, true },
	[MC_HF_MCM1] = { "mcm1", 147, 8, true },
	[MC_HF_MCM2] = { "mcm2", 155, 8, true },
	[MC_HF_MCM3] = { "mcm3", 163, 8, true },
	[MC_HF_STATUTE] = { "statute", 171, 10, true },
	[MC_HF_LABCERT1] = { "labcert1", 181, 3, true },
	[MC_HF_LABCERT2] = { "labcert2", 184, 3, true },
	[MC_HF_LABCERT3] = { "labcert3", 187, 3, true },
	[MC_HF_LABCERT4] = { "labcert4", 190, 3, true },
	[MC_HF_LABCERT5] = { "labcert5", 193, 3, true },
	[MC_HF_LABCERT6] = { "labcert6", 196, 3, true },
	[MC_HF_LABCERT7] = { "labcert7", 199, 3, true },
	[MC_HF_LABCERT8] = { "labcert8", 202, 3, true },
	[MC_HF_XREF1] = { "xref1", 205, 5, true },
	[MC_HF_XREF2] = { "xref2", 210, 5, true },
	[MC_HF_XREF3] = { "xref3", 215, 5, true },
	[MC_HF_XREF4] = { "xref4", 220, 5, true },
	[MC_HF_XREF5] = { "xref5", 225, 5, true },
	[MC_HF_COV] = { "cov", 230, 1, true },
	[MC_HF_ASC_GRP] = { "asc_grp", 231, 2, true },
	[MC_HF_ASC_DT] = { "asc_dt", 233, 8, true },
	[MC_HF_OPPS] = { "opps", 241, 3, true },
	[MC_HF_OPPS_PI] = { "opps_pi", 244, 1, true },
	[MC_HF_OPPS_DT] = { "opps_dt", 245, 8, true },
	[MC_HF_PROCNOTE] = { "procnote", 253, 4, true },
	[MC_HF_BETOS] = { "betos", 257, 3, true },
	[MC_HF_TOS1] = { "tos1", 261, 1, true },
	[MC_HF_TOS2] = { "tos2", 262, 1, true },
	[MC_HF_TOS3] = { "tos3", 263, 1, true },
	[MC_HF_TOS4] = { "tos4", 264, 1, true },
	[MC_HF_TOS5] = { "tos5", 265, 1, true },
	[MC_HF_ANEST_BU] = { "anest_bu", 266, 3, true },
	[MC_HF_ADD_DT] = { "add_dt", 269, 8, true },
	[MC_HF_ACT_EFF_DT] = { "act_eff_dt", 277, 8, true },
	[MC_HF_TERM_DT] = { "term_dt", 285, 8, true },
	[MC_HF_ACTION_CD] = { "action_cd", 293, 1, true },
};

/* ---- shared emitter -------------------------------------------------------- */

void mc_hcpcs_init(mc_hcpcs *h, const mc_input *in, const mc_sink *sink,
		   mc_error *err, const char *format, bool rows)
{
	memset(h, 0, sizeof(*h));
	h->in = in;
	h->sink = sink;
	h->err = err;
	h->format = format;
	h->rows = rows;
	mc_buf_init(&h->store);
	mc_buf_init(&h->longdesc);
	mc_buf_init(&h->tmp);
}

void mc_hcpcs_release(mc_hcpcs *h)
{
	mc_buf_release(&h->store);
	mc_buf_release(&h->longdesc);
	mc_buf_release(&h->tmp);
}

static int hc_fail(mc_hcpcs *h, size_t line, const char *what)
{
	return mc_error_set(h->err, MC_EFORMAT, h->rows ? "%s: row %zu: %s" : "%s:%zu: %s",
			    h->in->name, line, what);
}

static int hc_nomem(mc_hcpcs *h)
{
	return mc_error_set(h->err, MC_ENOMEM, "%s: out of memory", h->in->name);
}

bool mc_hcpcs_release_from_name(const char *name, char label[16], char from[MC_DATE_LEN])
{
	static const char *const mon[12] = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN",
					     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
	const char *base = name ? strrchr(name, '/') : NULL;
	base = base ? base + 1 : name;
	if (!base)
		return false;
	size_t n = strlen(base);
	for (size_t i = 0; i + 4 + 4 + 4 <= n; i++) {
		const char *p = base + i;
		if (!mc_str_istarts(p, "HCPC"))
			continue;
		p += 4;
		if (toupper((unsigned char)*p) == 'S')  /* "HCPCS2025_..." too */
			p++;
		if ((size_t)(p - base) + 8 > n)
			continue;
		if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
		    !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]))
			continue;
		const char *m = p + 4;
		if (*m == '_' || *m == '-' || *m == ' ')
			m++;
		for (int k = 0; k < 12; k++) {
			if (!mc_str_istarts(m, mon[k]))
				continue;
			snprintf(label, 16, "%.4s-%02d", p, k + 1);
			snprintf(from, MC_DATE_LEN, "%.4s-%02d-01", p, k + 1);
			return mc_date_valid(from);
		}
	}
	return false;
}

void mc_hcpcs_note_eff(mc_hcpcs *h, const char *s)
{
	char iso[MC_DATE_LEN], t[16];
	if (!s)
		return;
	mc_copy_trim(t, sizeof(t), s, strlen(s));
	if (mc_date_from_yyyymmdd(t, iso) && strcmp(iso, h->max_eff) > 0)
		memcpy(h->max_eff, iso, MC_DATE_LEN);
}

void mc_hcpcs_pick_release(mc_hcpcs *h)
{
	if (mc_hcpcs_release_from_name(h->in->name, h->label, h->from))
		return;
	if (h->max_eff[0]) {
		snprintf(h->label, sizeof(h->label), "%.7s", h->max_eff);
		memcpy(h->from, h->max_eff, MC_DATE_LEN);
	} else {
		snprintf(h->label, sizeof(h->label), "unknown");
		h->from[0] = '\0';
	}
}

/* Append s[0..n) trimmed, bytes that are not UTF-8 replaced with '?'. */
static int put_clean(mc_buf *b, const char *s, size_t n)
{
	n = strnlen(s, n);
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	size_t start = b->len;
	if (mc_buf_put(b, s, n) < 0)
		return MC_ENOMEM;
	if (!mc_utf8_valid(b->ptr + start, n))
		for (size_t i = start; i < b->len; i++)
			if ((unsigned char)b->ptr[i] >= 0x80)
				b->ptr[i] = '?';
	return 0;
}

static const char *fld(const mc_hcpcs *h, int i)
{
	return h->store.ptr + h->off[i];
}

static int announce(mc_hcpcs *h, bool modifier)
{
	bool *said = modifier ? &h->said_mod : &h->said_code;
	if (*said)
		return 0;
	*said = true;
	if (!h->sink->release)
		return 0;
	mc_rec_release r = {
		modifier ? MC_SYS_MODIFIER : MC_SYS_HCPCS,
		modifier ? "modifier-l2" : "hcpcs",
		h->label, h->from, h->format
	};
	return h->sink->release(&r, h->sink->payload);
}

static int date_field(mc_hcpcs *h, int i, char out[MC_DATE_LEN], const char **res)
{
	const char *s = fld(h, i);
	char what[96];
	*res = NULL;
	if (!*s)
		return 0;
	if (!mc_date_from_yyyymmdd(s, out)) {
		snprintf(what, sizeof(what), "expected %s as YYYYMMDD, got '%.16s'",
			 mc_hcpcs_fields[i].key, s);
		return hc_fail(h, h->line, what);
	}
	*res = out;
	return 0;
}

int mc_hcpcs_finish(mc_hcpcs *h)
{
	mc_attr attrs[MC_HF_COUNT + 1];
	size_t nattrs = 0;
	char from[MC_DATE_LEN], to[MC_DATE_LEN];
	const char *vf, *vt;
	char code[MC_CODE_MAX];
	bool modifier;
	int rc;

	if (!h->pending)
		return 0;
	h->pending = false;
	modifier = h->recid == '7';
	if (!mc_code_compact(fld(h, MC_HF_HCPC), code) || strlen(code) > 5) {
		char what[64];
		snprintf(what, sizeof(what), "expected a HCPCS code, got '%.16s'", fld(h, MC_HF_HCPC));
		return hc_fail(h, h->line, what);
	}
	if ((rc = date_field(h, MC_HF_ADD_DT, from, &vf)) < 0 ||
	    (rc = date_field(h, MC_HF_TERM_DT, to, &vt)) < 0)
		return rc;
	for (int i = 0; i < MC_HF_COUNT; i++)
		if (mc_hcpcs_fields[i].attr && *fld(h, i))
			attrs[nattrs++] = (mc_attr){ mc_hcpcs_fields[i].key, fld(h, i) };
	if (modifier)
		attrs[nattrs++] = (mc_attr){ "level", "II" };
	if ((rc = announce(h, modifier)) < 0)
		return rc;
	if (!h->sink->code)
		return 0;
	const char *lng = h->longdesc.ptr && *h->longdesc.ptr ? h->longdesc.ptr : NULL;
	const char *sht = *fld(h, MC_HF_SHORT) ? fld(h, MC_HF_SHORT) : NULL;
	const char *act = *fld(h, MC_HF_ACTION_CD) ? fld(h, MC_HF_ACTION_CD) : NULL;
	mc_rec_code c = {
		.system = modifier ? MC_SYS_MODIFIER : MC_SYS_HCPCS,
		.code = code,
		.title_short = sht,
		.title_long = lng,
		.billable = modifier ? -1 : 1,
		.kind = modifier ? "modifier" : "code",
		.status = act,
		.valid_from = vf,
		.valid_to = vt,
		.attrs = attrs,
		.nattrs = nattrs,
		.line = h->line,
	};
	return h->sink->code(&c, h->sink->payload);
}

int mc_hcpcs_record(mc_hcpcs *h, const char *const *f, size_t line)
{
	char recid[4], what[96];
	int rc;

	mc_copy_trim(recid, sizeof(recid), f[MC_HF_RECID] ? f[MC_HF_RECID] : "", 3);
	if (strlen(recid) != 1 || !strchr("3478", recid[0])) {
		snprintf(what, sizeof(what), "expected RECID 3, 4, 7 or 8, got '%s'", recid);
		return hc_fail(h, line, what);
	}
	if (recid[0] == '4' || recid[0] == '8') {
		/* Continuation: same code, first line of the matching kind. */
		char code[MC_CODE_MAX], pend[MC_CODE_MAX];
		const char *c = f[MC_HF_HCPC] ? f[MC_HF_HCPC] : "";
		if (!h->pending || h->recid != (recid[0] == '4' ? '3' : '7') ||
		    !mc_code_compact(c, code) || !mc_code_compact(fld(h, MC_HF_HCPC), pend) ||
		    strcmp(code, pend) != 0)
			return hc_fail(h, line, "continuation record without the code's first record");
		mc_buf_clear(&h->tmp);
		if (put_clean(&h->tmp, f[MC_HF_LONG] ? f[MC_HF_LONG] : "", (size_t)-1) < 0)
			return hc_nomem(h);
		if (h->tmp.len) {
			if ((h->longdesc.len && mc_buf_putc(&h->longdesc, ' ') < 0) ||
			    mc_buf_put(&h->longdesc, h->tmp.ptr, h->tmp.len) < 0)
				return hc_nomem(h);
		}
		return 0;
	}
	if ((rc = mc_hcpcs_finish(h)) < 0)
		return rc;
	mc_buf_clear(&h->store);
	mc_buf_clear(&h->longdesc);
	for (int i = 0; i < MC_HF_COUNT; i++) {
		h->off[i] = h->store.len;
		if (put_clean(&h->store, f[i] ? f[i] : "", (size_t)-1) < 0 ||
		    mc_buf_putc(&h->store, '\0') < 0)
			return hc_nomem(h);
	}
	if (mc_buf_puts(&h->longdesc, fld(h, MC_HF_LONG)) < 0)
		return hc_nomem(h);
	h->pending = true;
	h->recid = recid[0];
	h->line = line;
	return 0;
}

/* ---- the xlsx edition -------------------------------------------------------- */

#define HEADER_ROWS_MAX 10

typedef struct hx_state {
	mc_hcpcs h;
	long col[MC_HF_COUNT];    /* sheet column of each field, -1 if absent */
	bool have_header;
	size_t rows_seen;
	int mode;                 /* 0 detect, 1 pre-scan dates, 2 parse */
} hx_state;

/* "ACT EFF DT" / "Act_Eff_Dt" -> "act_eff_dt". */
static void norm_header(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	char t[64];
	mc_copy_trim(t, sizeof(t), s, strlen(s));
	for (const char *p = t; *p && n + 1 < cap; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ' || c == '_' || c == '-') {
			if (n && out[n - 1] != '_')
				out[n++] = '_';
		} else {
			out[n++] = (char)tolower(c);
		}
	}
	out[n] = '\0';
}

static bool try_header(hx_state *x, const char *const *cells, size_t ncells)
{
	for (int i = 0; i < MC_HF_COUNT; i++)
		x->col[i] = -1;
	for (size_t c = 0; c < ncells; c++) {
		char n[64];
		norm_header(cells[c], n, sizeof(n));
		for (int i = 0; i < MC_HF_COUNT; i++)
			if (x->col[i] < 0 && strcmp(n, mc_hcpcs_fields[i].key) == 0)
				x->col[i] = (long)c;
	}
	return x->col[MC_HF_HCPC] >= 0 && x->col[MC_HF_RECID] >= 0 && x->col[MC_HF_LONG] >= 0;
}

static bool blank_row(const char *const *cells, size_t ncells)
{
	for (size_t i = 0; i < ncells; i++)
		for (const char *p = cells[i]; *p; p++)
			if (!isspace((unsigned char)*p))
				return false;
	return true;
}

static int hx_row(size_t rownum, const char *const *cells, size_t ncells, void *payload)
{
	hx_state *x = payload;
	const char *f[MC_HF_COUNT];

	if (blank_row(cells, ncells))
		return 0;
	if (!x->have_header) {
		if (try_header(x, cells, ncells)) {
			x->have_header = true;
			return x->mode == 0 ? MC_ESTOP : 0;
		}
		if (++x->rows_seen >= HEADER_ROWS_MAX) {
			if (x->mode == 0)
				return MC_ESTOP;
			return hc_fail(&x->h, rownum,
				       "expected a header row with HCPC, RECID and LONG DESCRIPTION");
		}
		return 0;
	}
	for (int i = 0; i < MC_HF_COUNT; i++)
		f[i] = x->col[i] >= 0 && (size_t)x->col[i] < ncells ? cells[x->col[i]] : NULL;
	if (x->mode == 1) {
		mc_hcpcs_note_eff(&x->h, f[MC_HF_ACT_EFF_DT]);
		return 0;
	}
	return mc_hcpcs_record(&x->h, f, rownum);
}

int mc_detect_hcpcs_xlsx(const mc_input *in)
{
	hx_state x;
	mc_error err;
	mc_sink none;
	int score = 0;

	if (!mc_xlsx_sniff(in))
		return 0;
	memset(&none, 0, sizeof(none));
	mc_hcpcs_init(&x.h, in, &none, &err, "hcpcs_xlsx", true);
	x.have_header = false;
	x.rows_seen = 0;
	x.mode = 0;
	mc_xlsx_rows(in, hx_row, &x, &err);
	if (x.have_header)
		score = 95;
	else if (in->name && mc_memcasestr(in->name, strlen(in->name), "ANWEB"))
		score = 10;
	mc_hcpcs_release(&x.h);
	return score;
}

int mc_parse_hcpcs_xlsx(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	hx_state x;
	int rc = 0;

	mc_hcpcs_init(&x.h, in, sink, err, "hcpcs_xlsx", true);
	x.have_header = false;
	x.rows_seen = 0;
	if (!mc_hcpcs_release_from_name(in->name, x.h.label, x.h.from)) {
		x.mode = 1;
		rc = mc_xlsx_rows(in, hx_row, &x, err);
		if (rc < 0)
			goto done;
		x.have_header = false;
		x.rows_seen = 0;
	}
	mc_hcpcs_pick_release(&x.h);
	x.mode = 2;
	rc = mc_xlsx_rows(in, hx_row, &x, err);
	if (rc < 0)
		goto done;
	if (!x.have_header) {
		rc = mc_error_set(err, MC_EFORMAT,
				  "%s: row 1: expected a header row with HCPC, RECID and LONG DESCRIPTION",
				  in->name);
		goto done;
	}
	rc = mc_hcpcs_finish(&x.h);
done:
	mc_hcpcs_release(&x.h);
	return rc;
}
