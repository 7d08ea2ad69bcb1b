/* CMS Medicare NCCI add-on code (AOC) edits workbook (AOC_VyyyyQn-MCR.xlsx).
 *
 * One worksheet, all cells text.  Row 1 is the AMA copyright notice; a
 * heading row (found by its names, within the first rows) has
 *   AOC_Edit_Type, Add-On_Code, AOC_DelDT, Primary_Code, Primary_Code_DelDT,
 *   AOC_Edit_EffDT, AOC_Edit_DelDT, Special_Instruction_Notes
 * in any order.  Each later row is one edit: type 1, 2 or 3, the add-on
 * code, the primary code ("CCCCC" = contractor-defined primaries), Julian
 * YYYYDDD dates (2013091 = 2013-04-01) that are blank when open, notes.
 * The release ("aoc") is labelled from the name (AOC_V2026Q2 -> "2026Q2",
 * effective 2026-04-01), else from the latest AOC_Edit_EffDT.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "ingest/ncci.h"
#include "ingest/xlsx.h"

enum { A_TYPE, A_ADDON, A_ADDON_DEL, A_PRIMARY, A_PRIMARY_DEL, A_EFF, A_DEL, A_NOTES, A_N };

static const char *const aoc_names[A_N] = {
	"AOC_Edit_Type", "Add-On_Code", "AOC_DelDT", "Primary_Code",
	"Primary_Code_DelDT", "AOC_Edit_EffDT", "AOC_Edit_DelDT", "Special_Instruction_Notes",
};

#define HEAD_ROWS_MAX 10

typedef struct aoc_state {
	const mc_input *in;
	const mc_sink *sink;
	mc_error *err;
	long col[A_N];
	bool header, said;
	size_t rows, edits;
	int mode;                 /* 0 detect, 1 pre-scan, 2 parse */
	char label[16], from[MC_DATE_LEN], max_eff[MC_DATE_LEN];
	mc_buf notes;
} aoc_state;

static bool find_header(aoc_state *a, const char *const *cells, size_t ncells)
{
	char want[A_N][40];
	for (int i = 0; i < A_N; i++) {
		mc_ncci_norm(aoc_names[i], want[i], sizeof(want[i]));
		a->col[i] = -1;
	}
	for (size_t c = 0; c < ncells; c++) {
		char n[40];
		mc_ncci_norm(cells[c], n, sizeof(n));
		for (int i = 0; i < A_N; i++)
			if (a->col[i] < 0 && strcmp(n, want[i]) == 0)
				a->col[i] = (long)c;
	}
	return a->col[A_TYPE] >= 0 && a->col[A_ADDON] >= 0 && a->col[A_PRIMARY] >= 0;
}

static int aoc_fail(aoc_state *a, size_t row, const char *what)
{
	return mc_error_set(a->err, MC_EFORMAT, "%s: row %zu: %s", a->in->name, row, what);
}

/* Julian date cell -> ISO in out ("" when blank); false if malformed. */
static bool julian(const char *cell, char out[MC_DATE_LEN])
{
	char t[16];
	mc_copy_trim(t, sizeof(t), cell, strlen(cell));
	out[0] = '\0';
	return !t[0] || mc_date_from_julian(t, out);
}

static int aoc_row(size_t rownum, const char *const *cells, size_t ncells, void *payload)
{
	aoc_state *a = payload;
	const char *f[A_N];
	char what[128], type[8], addon[16], primary[16];
	char d_addon[MC_DATE_LEN], d_prim[MC_DATE_LEN], d_eff[MC_DATE_LEN], d_del[MC_DATE_LEN];
	bool any = false;
	int rc;

	for (size_t i = 0; i < ncells && !any; i++)
		for (const char *p = cells[i]; *p && !any; p++)
			any = !isspace((unsigned char)*p);
	if (!any)
		return 0;
	if (!a->header) {
		if (find_header(a, cells, ncells)) {
			a->header = true;
			return a->mode == 0 ? MC_ESTOP : 0;
		}
		if (++a->rows >= HEAD_ROWS_MAX)
			return a->mode == 0 ? MC_ESTOP :
			       aoc_fail(a, rownum, "expected a heading row with AOC_Edit_Type, "
					"Add-On_Code and Primary_Code");
		return 0;
	}
	for (int i = 0; i < A_N; i++)
		f[i] = a->col[i] >= 0 && (size_t)a->col[i] < ncells ? cells[a->col[i]] : "";
	mc_copy_trim(type, sizeof(type), f[A_TYPE], strlen(f[A_TYPE]));
	mc_copy_trim(addon, sizeof(addon), f[A_ADDON], strlen(f[A_ADDON]));
	mc_copy_trim(primary, sizeof(primary), f[A_PRIMARY], strlen(f[A_PRIMARY]));
	if (strlen(type) != 1 || type[0] < '1' || type[0] > '3')
		return aoc_fail(a, rownum, "expected AOC_Edit_Type 1, 2 or 3");
	if (!mc_ncci_is_code(addon)) {
		snprintf(what, sizeof(what), "expected an add-on code, got '%.16s'", addon);
		return aoc_fail(a, rownum, what);
	}
	if (!mc_ncci_is_code(primary) && strcmp(primary, "CCCCC") != 0) {
		snprintf(what, sizeof(what), "expected a primary code, got '%.16s'", primary);
		return aoc_fail(a, rownum, what);
	}
	if (!julian(f[A_ADDON_DEL], d_addon) || !julian(f[A_PRIMARY_DEL], d_prim) ||
	    !julian(f[A_EFF], d_eff) || !julian(f[A_DEL], d_del))
		return aoc_fail(a, rownum, "expected dates as Julian YYYYDDD");
	if (!d_eff[0])
		return aoc_fail(a, rownum, "expected AOC_Edit_EffDT");
	a->edits++;
	if (a->mode == 1) {
		if (strcmp(d_eff, a->max_eff) > 0)
			memcpy(a->max_eff, d_eff, MC_DATE_LEN);
		return 0;
	}
	if (!a->said) {
		a->said = true;
		if (a->sink->release) {
			mc_rec_release r = { MC_SYS_NONE, "aoc", a->label, a->from, "aoc_xlsx" };
			if ((rc = a->sink->release(&r, a->sink->payload)) < 0)
				return rc;
		}
	}
	if (!a->sink->aoc)
		return 0;
	mc_buf_clear(&a->notes);
	const char *nt = f[A_NOTES];
	size_t nl = strlen(nt);
	while (nl && isspace((unsigned char)nt[nl - 1]))
		nl--;
	while (nl && isspace((unsigned char)*nt)) {
		nt++;
		nl--;
	}
	if (mc_buf_put(&a->notes, nt, nl) < 0)
		return mc_error_set(a->err, MC_ENOMEM, "%s: out of memory", a->in->name);
	for (char *c = addon; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	for (char *c = primary; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	mc_rec_aoc rec = {
		.addon = addon,
		.primary = primary,
		.edit_type = type[0] - '0',
		.addon_deleted = d_addon,
		.primary_deleted = d_prim,
		.effective = d_eff,
		.deleted = d_del,
		.notes = nl ? a->notes.ptr : NULL,
		.line = rownum,
	};
	return a->sink->aoc(&rec, a->sink->payload);
}

int mc_detect_aoc_xlsx(const mc_input *in)
{
	aoc_state a;
	mc_error err;
	int score = 0;

	if (!mc_xlsx_sniff(in))
		return 0;
	memset(&a, 0, sizeof(a));
	a.in = in;
	a.err = &err;
	mc_xlsx_rows(in, aoc_row, &a, &err);
	if (a.header)
		score = 95;
	else if (in->name && mc_memcasestr(in->name, strlen(in->name), "AOC_"))
		score = 10;
	return score;
}

static void reset(aoc_state *a)
{
	a->header = false;
	a->rows = 0;
	a->edits = 0;
}

int mc_parse_aoc_xlsx(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	aoc_state a;
	int rc;

	memset(&a, 0, sizeof(a));
	a.in = in;
	a.sink = sink;
	a.err = err;
	mc_buf_init(&a.notes);
	if (!mc_ncci_quarter_from_name(in->name, a.label, a.from)) {
		a.mode = 1;
		rc = mc_xlsx_rows(in, aoc_row, &a, err);
		if (rc < 0)
			goto done;
		reset(&a);
		if (a.max_eff[0]) {
			mc_ncci_quarter_of(a.max_eff, a.label);
			memcpy(a.from, a.max_eff, MC_DATE_LEN);
		} else {
			snprintf(a.label, sizeof(a.label), "unknown");
		}
	}
	a.mode = 2;
	rc = mc_xlsx_rows(in, aoc_row, &a, err);
	if (rc == 0 && !a.header)
		rc = mc_error_set(err, MC_EFORMAT, "%s: row 1: expected a heading row with "
				  "AOC_Edit_Type, Add-On_Code and Primary_Code", in->name);
done:
	mc_buf_release(&a.notes);
	return rc;
}
