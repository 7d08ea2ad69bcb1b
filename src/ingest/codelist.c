/* A plain code list: CSV or TSV with a header line.
 *
 * The separator is the one the header line uses (tab, else ';' or '|',
 * else ','); commas honour RFC 4180 quotes, other separators take text
 * verbatim.  Columns are found by header name (case-insensitive, spaces
 * and dashes read as '_'):
 *   code      code_dotted, dotted_code (preferred) or code, hcpcs, cpt,
 *             hcpcs_code, cpt_code, icd10cm, icd10cm_code, icd_code,
 *             dx_code, taxonomy_code
 *   title     long_title, title, long_description, description, desc,
 *             long_desc, display, display_name
 *   short     short_title, short_description, short_desc
 *   billable  billable, is_billable (1/0, Y/N, yes/no, true/false; blank
 *             = unknown)
 * Other columns become attrs (empty values left out); a second code
 * column (the undotted twin of a dotted one) is dropped.
 *
 * System: from the file name (icd10cm / icd-10-cm, hcpcs, cpt, taxonomy
 * or nucc), else from a code column named after a system, else from the
 * shape of the codes: a letter, then letters/digits ("E11.52", "QA0.0101")
 * with a dot after the third = ICD-10-CM; 4 digits and a digit or F/T/U/M/A = CPT; a
 * letter and 4 digits = HCPCS (unless other codes look like ICD-10-CM);
 * 10 characters ending in X = taxonomy.  A list of unknown codes is
 * MC_EFORMAT.  ICD-10-CM codes are given dotted ("E1152" -> "E11.52");
 * 3-character ones get kind "category".
 *
 * Release: stream = the system name when the file name said the system
 * (an official list), else "custom:<file stem>"; label "FY2026" and
 * effective 2025-10-01 from "fy2026" in the name, else the file stem and
 * no date.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/csvtab.h"
#include "ingest/parse_util.h"

#define CL_SHAPE_ROWS 500       /* rows looked at to tell the system */
#define CL_HEADER_MAX 4096

enum { C_DOTTED, C_CODE, C_TITLE, C_SHORT, C_BILLABLE, C_COUNT };

static const mc_csvtab_col codelist_cols[C_COUNT] = {
	[C_DOTTED] = { "code_dotted|dotted_code|code_with_dot|icd10cm_dotted", false, MC_CSVTAB_EQUALS },
	[C_CODE] = { "code|hcpcs|cpt|hcpcs_code|cpt_code|icd10cm|icd10cm_code|icd_code|icd10_code|"
		     "dx_code|taxonomy_code|hcpc", false, MC_CSVTAB_EQUALS },
	[C_TITLE] = { "long_title|title|long_description|description|desc|long_desc|display|"
		      "display_name|long_name", false, MC_CSVTAB_EQUALS },
	[C_SHORT] = { "short_title|short_description|short_desc|short_name", false, MC_CSVTAB_EQUALS },
	[C_BILLABLE] = { "billable|is_billable", false, MC_CSVTAB_EQUALS },
};

static const mc_csvtab_spec codelist_spec = {
	.cols = codelist_cols, .ncols = C_COUNT,
	.expect = "a header with a code column (code, code_dotted, hcpcs, cpt...) and a title column (title, long_title, description...)",
	.rows = "code rows",
};

/* Where the code is: the dotted column when there is one, else the plain
 * one; the other (the undotted twin) is dropped.  -1 when neither. */
static int code_column(const mc_csvtab *t)
{
	return t->col[C_DOTTED] >= 0 ? t->col[C_DOTTED] : t->col[C_CODE];
}

static bool header_usable(const mc_csvtab *t)
{
	return code_column(t) >= 0 && t->col[C_TITLE] >= 0;
}

/* The system a plain code column's name says ("icd10cm_code", "hcpcs"). */
static mc_system system_from_column(const mc_csvtab *t)
{
	if (t->col[C_CODE] < 0 || t->col[C_CODE] >= MC_CSVTAB_MAX_CELLS)
		return MC_SYS_NONE;
	const char *k = t->key[t->col[C_CODE]];
	if (strncmp(k, "icd", 3) == 0 || strcmp(k, "dx_code") == 0)
		return MC_SYS_ICD10CM;
	if (strncmp(k, "hcpc", 4) == 0)
		return MC_SYS_HCPCS;
	if (strncmp(k, "cpt", 3) == 0)
		return MC_SYS_CPT;
	if (strncmp(k, "taxonomy", 8) == 0)
		return MC_SYS_TAXONOMY;
	return MC_SYS_NONE;
}

int mc_detect_codelist(const mc_input *in)
{
	const char *line;
	size_t len;
	bool newline;
	if (!mc_ingest_first_line(in, &line, &len, &newline))
		return 0;
	if (len > CL_HEADER_MAX || !newline)
		return 0;
	mc_input first = { in->name, (const unsigned char *)line, len };
	mc_csvtab t;
	int score = 0;
	if (mc_csvtab_open(&t, &first, &codelist_spec, NULL) == 0) {
		if (t.width >= 2 && header_usable(&t))
			score = 20;
		mc_csvtab_release(&t);
	}
	return score;
}

/* System named by the file name, MC_SYS_NONE if none. */
static mc_system system_from_name(const char *name)
{
	const char *b = mc_ingest_base_name(name);
	size_t n = strlen(b);
	if (mc_memcasestr(b, n, "icd10cm") || mc_memcasestr(b, n, "icd-10-cm") ||
	    mc_memcasestr(b, n, "icd10_cm"))
		return MC_SYS_ICD10CM;
	if (mc_memcasestr(b, n, "hcpcs"))
		return MC_SYS_HCPCS;
	if (mc_memcasestr(b, n, "taxonomy") || mc_memcasestr(b, n, "nucc"))
		return MC_SYS_TAXONOMY;
	if (mc_memcasestr(b, n, "cpt"))
		return MC_SYS_CPT;
	return MC_SYS_NONE;
}

enum shape { S_NONE = 0, S_ICD = 1, S_CPT = 2, S_HCPCS = 4, S_TAX = 8, S_ICD_STRICT = 16 };

static unsigned shape_of(const char *code)
{
	char c[MC_CODE_MAX];
	bool dot = strchr(code, '.') != NULL;
	if (!mc_code_compact(code, c))
		return S_NONE;
	size_t n = strlen(c);
	unsigned s = S_NONE;
	if (n >= 3 && n <= 7 && isupper((unsigned char)c[0]) && isalnum((unsigned char)c[1]) &&
	    isalnum((unsigned char)c[2]) && (!dot || (code[3] == '.' && n > 3))) {
		s |= S_ICD;
		if (dot || n != 5 || !isdigit((unsigned char)c[1]) || !isdigit((unsigned char)c[2]) ||
		    isalpha((unsigned char)c[n - 1]))
			s |= S_ICD_STRICT;
	}
	if (!dot && n == 5 && isdigit((unsigned char)c[0]) && isdigit((unsigned char)c[1]) &&
	    isdigit((unsigned char)c[2]) && isdigit((unsigned char)c[3]) &&
	    (isdigit((unsigned char)c[4]) || strchr("AFMTU", c[4])))
		s |= S_CPT;
	if (!dot && n == 5 && isupper((unsigned char)c[0]) && isdigit((unsigned char)c[1]) &&
	    isdigit((unsigned char)c[2]) && isdigit((unsigned char)c[3]) && isdigit((unsigned char)c[4]))
		s |= S_HCPCS;
	if (!dot && n == 10 && c[9] == 'X')
		s |= S_TAX;
	return s;
}

static bool code_fits(mc_system sys, unsigned s)
{
	switch (sys) {
	case MC_SYS_ICD10CM: return s & S_ICD;
	case MC_SYS_CPT: return s & S_CPT;
	case MC_SYS_HCPCS: return (s & (S_HCPCS | S_CPT)) != 0;
	case MC_SYS_TAXONOMY: return s & S_TAX;
	default: return false;
	}
}

/* Tell the system from the shapes of the first rows. */
static mc_system system_from_shapes(unsigned all, unsigned any_strict)
{
	if (!all)
		return MC_SYS_NONE;
	if ((all & S_ICD) && (any_strict & S_ICD_STRICT))
		return MC_SYS_ICD10CM;
	if (all & S_CPT)
		return MC_SYS_CPT;
	if (all & S_HCPCS)
		return MC_SYS_HCPCS;
	if (all & S_ICD)
		return MC_SYS_ICD10CM;
	if (all & S_TAX)
		return MC_SYS_TAXONOMY;
	return MC_SYS_NONE;
}

static int parse_billable(const char *s)
{
	if (!*s)
		return -1;
	if (mc_str_iequal(s, "1") || mc_str_iequal(s, "y") || mc_str_iequal(s, "yes") ||
	    mc_str_iequal(s, "true") || mc_str_iequal(s, "t"))
		return 1;
	if (mc_str_iequal(s, "0") || mc_str_iequal(s, "n") || mc_str_iequal(s, "no") ||
	    mc_str_iequal(s, "false") || mc_str_iequal(s, "f"))
		return 0;
	return -2;
}

static void release_from_name(const char *name, mc_system sys, bool official,
			      char *stream, size_t scap, char *label, size_t lcap,
			      char from[MC_DATE_LEN])
{
	const char *b = mc_ingest_base_name(name);
	size_t stem = strcspn(b, ".");
	if (stem > 48)
		stem = 48;
	from[0] = '\0';
	if (official)
		snprintf(stream, scap, "%s", mc_system_name(sys));
	else
		snprintf(stream, scap, "custom:%.*s", (int)stem, b);
	for (const char *p = b; (p = mc_memcasestr(p, strlen(p), "fy")) != NULL; p += 2) {
		const char *y = p + 2;
		if (*y == '_' || *y == '-')
			y++;
		if (!(isdigit((unsigned char)y[0]) && isdigit((unsigned char)y[1]) &&
		      isdigit((unsigned char)y[2]) && isdigit((unsigned char)y[3])) ||
		    isdigit((unsigned char)y[4]))
			continue;
		int year = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
		char tmp[32];
		snprintf(label, lcap, "FY%04d", year);
		snprintf(tmp, sizeof(tmp), "%04d-10-01", year - 1);
		if (mc_date_valid(tmp))
			mc_copy_trim(from, MC_DATE_LEN, tmp, sizeof(tmp));
		return;
	}
	snprintf(label, lcap, "%.*s", (int)stem, b);
}

/* Look at the first rows to tell the system from the code shapes.  An
 * error before any row is returned (the input is bad); a later one only
 * ends the look (the parse reports it where it is). */
static int scan_shapes(const mc_input *in, unsigned *all, unsigned *strict, mc_error *err)
{
	mc_csvtab t;
	int rc, rows = 0;
	*all = ~0u;
	*strict = 0;
	if ((rc = mc_csvtab_open(&t, in, &codelist_spec, err)) < 0)
		return rc;
	int col = code_column(&t);
	while (rows < CL_SHAPE_ROWS && (rc = mc_csvtab_next(&t, err)) > 0) {
		unsigned s = col < MC_CSVTAB_MAX_CELLS ? shape_of(t.cell[col]) : S_NONE;
		*all &= s;
		*strict |= s;
		rows++;
	}
	mc_csvtab_release(&t);
	if (!rows)
		*all = 0;
	return rc < 0 && (!rows || rc == MC_ENOMEM) ? rc : 0;
}

int mc_parse_codelist(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	mc_csvtab t;
	mc_attr attrs[MC_CSVTAB_MAX_CELLS];
	char stream[80], label[64], from[MC_DATE_LEN];
	int rc = mc_csvtab_open(&t, in, &codelist_spec, err);
	if (rc < 0)
		return rc;
	if (!header_usable(&t)) {
		rc = mc_csvtab_fail(&t, err, "expected %s", codelist_spec.expect);
		goto done;
	}
	int code_col = code_column(&t);
	if (code_col >= MC_CSVTAB_MAX_CELLS || t.col[C_TITLE] >= MC_CSVTAB_MAX_CELLS) {
		rc = mc_csvtab_fail(&t, err, "expected the code and title among the first %d columns",
				    MC_CSVTAB_MAX_CELLS);
		goto done;
	}
	mc_system sys = system_from_name(t.name);
	bool official = sys != MC_SYS_NONE;
	if (!sys)
		sys = system_from_column(&t);
	if (!sys) {
		unsigned all, strict;
		if ((rc = scan_shapes(in, &all, &strict, err)) < 0)
			goto done;
		sys = system_from_shapes(all, strict);
		if (!sys) {
			rc = mc_error_set(err, MC_EFORMAT,
					  "%s:2: expected codes of a known system (ICD-10-CM, CPT, HCPCS, taxonomy)",
					  t.name);
			goto done;
		}
	}
	release_from_name(t.name, sys, official, stream, sizeof(stream), label, sizeof(label), from);
	size_t cells = t.width < MC_CSVTAB_MAX_CELLS ? t.width : MC_CSVTAB_MAX_CELLS;
	while ((rc = mc_csvtab_next(&t, err)) > 0) {
		const char *raw = t.cell[code_col];
		char compact[MC_CODE_MAX], shown[MC_CODE_MAX + 8];
		if (strlen(raw) >= MC_CODE_MAX || !mc_code_compact(raw, compact) ||
		    !code_fits(sys, shape_of(raw))) {
			rc = mc_csvtab_fail(&t, err, "expected a %s code, found '%.24s'", mc_system_name(sys), raw);
			goto done;
		}
		if (sys == MC_SYS_ICD10CM)
			mc_icd10cm_dotted(compact, shown);
		else
			snprintf(shown, sizeof(shown), "%s", compact);
		int billable = parse_billable(t.f[C_BILLABLE]);
		if (billable < -1) {
			rc = mc_csvtab_fail(&t, err, "expected billable 1/0, Y/N or true/false, found '%.16s'",
					    t.f[C_BILLABLE]);
			goto done;
		}
		size_t nattrs = 0;
		for (size_t i = 0; i < cells; i++) {
			bool role = false;
			for (size_t c = 0; c < C_COUNT; c++)
				role = role || t.col[c] == (int)i;
			if (role || !t.cell[i][0] || !t.key[i][0])
				continue;
			attrs[nattrs].key = t.key[i];
			attrs[nattrs].value = t.cell[i];
			nattrs++;
		}
		if (t.rows == 1 && sink->release) {
			mc_rec_release r = { sys, stream, label, from, "codelist" };
			if ((rc = sink->release(&r, sink->payload)) < 0)
				goto done;
		}
		if (!sink->code)
			continue;
		mc_rec_code c = { 0 };
		c.system = sys;
		c.code = shown;
		c.title_long = t.f[C_TITLE][0] ? t.f[C_TITLE] : NULL;
		c.title_short = t.f[C_SHORT][0] ? t.f[C_SHORT] : NULL;
		c.billable = billable;
		c.kind = sys == MC_SYS_ICD10CM && strlen(compact) == 3 ? "category" : NULL;
		c.attrs = nattrs ? attrs : NULL;
		c.nattrs = nattrs;
		c.line = t.line;
		if ((rc = sink->code(&c, sink->payload)) < 0)
			goto done;
	}
done:
	mc_csvtab_release(&t);
	return rc;
}
