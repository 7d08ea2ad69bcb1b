/* CMS PFS national relative value file, fixed-width edition
 * (PPRRVUyyyy_Mmm.txt), as laid out in the RVU25D record layout.
 *
 * Header records start "HDR" (copyright text) and are skipped.  Data
 * records, columns 1-based and inclusive:
 *
 *   1-5 HCPCS        6-7 modifier      8-57 description   58 status
 *   59 not used for Medicare payment    60-65 work RVU
 *   67-72 non-facility PE RVU           73-74 non-facility NA indicator
 *   76-81 facility PE RVU               82-83 facility NA indicator
 *   85-89 malpractice RVU               91-96 non-facility total
 *   97-102 facility total               103 PC/TC indicator
 *   104-106 global days   107-109 pre-op   110-112 intra-op  113-115 post-op
 *   116 mult proc   117 bilat   118 asst   119 co-surg   120 team
 *   121-127 filler   128-132 endoscopic base code   133-140 conversion factor
 *   142-143 physician supervision   144 calculation flag
 *   146-147 diagnostic imaging family
 *   152-157 / 159-164 / 166-171 non-facility PE, facility PE, MP used for
 *   OPPS payment amount
 *
 * A record must reach column 147; the OPPS columns may be absent in old
 * files, but every record must be as long as the first one (up to 171), so
 * a cut-off line is caught.  Numbers are kept as printed, except that
 * ".00" percentages get a leading zero ("0.00") like the CSV edition.
 *
 * Records, CPT code records and releases are the same as rvu_csv (see
 * rvu_csv.c): one mc_rec_rvu per record, one mc_rec_code per CPT code,
 * streams "rvu" and "cpt-pfs", label RVUyyQ from the name.  The text
 * edition has no release line, so the name is the only source.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/parse_util.h"
#include "ingest/rvu.h"

#define RVU_TXT_MIN 147         /* through the diagnostic imaging family */
#define RVU_TXT_FULL 171        /* through MP used for OPPS */
#define RVU_TXT_DETECT_LINES 12

static const struct {
	unsigned short from, to; /* 1-based, inclusive */
	bool number;
} layout[MC_RVU_NFIELDS] = {
	[MC_RVU_HCPCS] = { 1, 5, false },
	[MC_RVU_MOD] = { 6, 7, false },
	[MC_RVU_DESCRIPTION] = { 8, 57, false },
	[MC_RVU_STATUS] = { 58, 58, false },
	[MC_RVU_NOT_USED_FOR_MEDICARE] = { 59, 59, false },
	[MC_RVU_WORK] = { 60, 65, true },
	[MC_RVU_NONFAC_PE] = { 67, 72, true },
	[MC_RVU_NONFAC_NA] = { 73, 74, false },
	[MC_RVU_FAC_PE] = { 76, 81, true },
	[MC_RVU_FAC_NA] = { 82, 83, false },
	[MC_RVU_MP] = { 85, 89, true },
	[MC_RVU_NONFAC_TOTAL] = { 91, 96, true },
	[MC_RVU_FAC_TOTAL] = { 97, 102, true },
	[MC_RVU_PCTC] = { 103, 103, false },
	[MC_RVU_GLOBAL] = { 104, 106, false },
	[MC_RVU_PRE_OP] = { 107, 109, true },
	[MC_RVU_INTRA_OP] = { 110, 112, true },
	[MC_RVU_POST_OP] = { 113, 115, true },
	[MC_RVU_MULT_PROC] = { 116, 116, false },
	[MC_RVU_BILAT] = { 117, 117, false },
	[MC_RVU_ASST] = { 118, 118, false },
	[MC_RVU_CO_SURG] = { 119, 119, false },
	[MC_RVU_TEAM] = { 120, 120, false },
	[MC_RVU_ENDO_BASE] = { 128, 132, false },
	[MC_RVU_CONV_FACTOR] = { 133, 140, true },
	[MC_RVU_PHYS_SUPERVISION] = { 142, 143, false },
	[MC_RVU_CALC_FLAG] = { 144, 144, false },
	[MC_RVU_IMAGING_FAMILY] = { 146, 147, false },
	[MC_RVU_OPPS_NONFAC_PE] = { 152, 157, true },
	[MC_RVU_OPPS_FAC_PE] = { 159, 164, true },
	[MC_RVU_OPPS_MP] = { 166, 171, true },
};

static bool is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

/* A record has the shape of a data line: code, status letter, work RVU. */
static bool looks_like_record(const char *s, size_t n)
{
	if (n < RVU_TXT_MIN)
		return false;
	for (int i = 0; i < 5; i++)
		if (!isalnum((unsigned char)s[i]))
			return false;
	if (!isalpha((unsigned char)s[57]))
		return false;
	/* work RVU "999.99": a dot at column 63 */
	return s[62] == '.' && isdigit((unsigned char)s[63]) && isdigit((unsigned char)s[64]);
}

int mc_detect_rvu_txt(const mc_input *in)
{
	if (!in->data || !in->len)
		return 0;
	const char *p = (const char *)in->data, *end = p + in->len, *s;
	size_t n;
	int hdr = 0, good = 0, bad = 0, lines = 0;
	while (lines < RVU_TXT_DETECT_LINES && mc_ingest_next_line(&p, end, &s, &n)) {
		lines++;
		if (n >= 3 && memcmp(s, "HDR", 3) == 0)
			hdr++;
		else if (looks_like_record(s, n))
			good++;
		else if (!is_blank(s, n))
			bad++;
	}
	if (!good || bad)
		return 0;
	int score = hdr ? 92 : 85;
	if (in->name && mc_memcasestr(in->name, strlen(in->name), "PPRRVU"))
		score += 5;
	return score;
}

static bool number_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '.' && s[i] != ' ' && s[i] != '-')
			return false;
	return true;
}

int mc_parse_rvu_txt(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	if (!in->data || !in->len)
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected data, the input is empty",
				    in->name ? in->name : "<input>");
	const char *name = in->name ? in->name : "<input>";
	const char *p = (const char *)in->data, *end = p + in->len, *s;
	size_t n, line = 0, reclen = 0;
	mc_buf store = MC_BUF_INIT;
	mc_rec_rvu rec;
	mc_rvu_release rel = { 0, 0 };
	mc_rvu_emitter emit = { .format = "rvu_txt" };
	int rc = 0;

	/* Skip a UTF-8 byte-order mark. */
	if (in->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	mc_rvu_release_from_name(name, &rel);
	mc_rvu_release_strings(name, &rel, emit.label, sizeof(emit.label), emit.from);
	while (mc_ingest_next_line(&p, end, &s, &n)) {
		line++;
		if (n >= 3 && memcmp(s, "HDR", 3) == 0)
			continue;
		if (is_blank(s, n))
			continue;
		if (!mc_utf8_valid(s, n) || memchr(s, '\0', n)) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected UTF-8 text", name, line);
			goto done;
		}
		if (!looks_like_record(s, n)) {
			rc = mc_error_set(err, MC_EFORMAT,
					  "%s:%zu: expected a fixed-width RVU record of at least %d columns",
					  name, line, RVU_TXT_MIN);
			goto done;
		}
		if (!reclen)
			reclen = n < RVU_TXT_FULL ? n : RVU_TXT_FULL;
		if (n < reclen) {
			rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a record of %zu columns, found %zu",
					  name, line, reclen, n);
			goto done;
		}
		size_t offs[MC_RVU_NFIELDS];
		mc_buf_clear(&store);
		for (size_t f = 0; f < MC_RVU_NFIELDS; f++) {
			size_t a = layout[f].from - 1, b = layout[f].to;
			if (a > n)
				a = n;
			if (b > n)
				b = n;
			while (a < b && isspace((unsigned char)s[a]))
				a++;
			while (b > a && isspace((unsigned char)s[b - 1]))
				b--;
			if (layout[f].number && !number_ok(s + a, b - a)) {
				rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected a number for %s in columns %u-%u",
						  name, line, mc_rvu_field_names[f],
						  (unsigned)layout[f].from, (unsigned)layout[f].to);
				goto done;
			}
			offs[f] = store.len;
			if ((layout[f].number && b > a && s[a] == '.' && mc_buf_putc(&store, '0') < 0) ||
			    mc_buf_put(&store, s + a, b - a) < 0 || mc_buf_putc(&store, '\0') < 0) {
				rc = mc_error_set(err, MC_ENOMEM, "%s:%zu: out of memory", name, line);
				goto done;
			}
		}
		for (size_t f = 0; f < MC_RVU_NFIELDS; f++)
			rec.field[f] = store.ptr + offs[f];
		rec.line = line;
		if ((rc = mc_rvu_emit(&emit, &rec, sink)) < 0)
			goto done;
	}
	if (emit.rows == 0)
		rc = mc_error_set(err, MC_EFORMAT, "%s:%zu: expected fixed-width RVU records",
				  name, line);
done:
	mc_buf_release(&store);
	return rc;
}
