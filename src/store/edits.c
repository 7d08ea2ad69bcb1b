/* Edit-table summaries for one code (medcode/edits.h). */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/edits.h"
#include "store/store_int.h"

int mc_store_ptp_summary(mc_store *s, const char *code, const char *date, mc_ptp_summary *out, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	char dbuf[MC_DATE_LEN];
	int rc = mc_store_date_arg(&date, dbuf, err);
	if (rc < 0 || (rc = mc_store_rel_cache(s, err)) < 0)
		return rc;
	/* The cache is ordered by stream, then effective date: the last ptp
	 * release starting on or before date is in force. */
	const mc_rel_entry *e = NULL;
	for (size_t i = 0; i < s->nrel; i++)
		if (strcmp(s->rel[i].stream, "ptp") == 0 && s->rel[i].from && strcmp(s->rel[i].from, date) <= 0)
			e = &s->rel[i];
	if (!e)
		return 0;
	out->loaded = true;
	snprintf(out->label, sizeof(out->label), "%s", e->label ? e->label : "");
	snprintf(out->effective_from, sizeof(out->effective_from), "%s", e->from);
	snprintf(out->files, sizeof(out->files), "%s", e->files ? e->files : "");
	sqlite3_stmt *st = mc_store_stmt(s, LK_PTP_SUMMARY,
		"SELECT count(*), coalesce(sum(modifier_indicator=1), 0) FROM ptp WHERE release_id=?2"
		" AND (column1=?1 OR column2=?1)"
		" AND (effective IS NULL OR effective<=?3) AND (deleted IS NULL OR deleted>=?3)", err);
	if (!st)
		return MC_EDB;
	mc_bind_text(st, 1, code);
	sqlite3_bind_int64(st, 2, e->id);
	mc_bind_text(st, 3, date);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		out->total = (long)sqlite3_column_int64(st, 0);
		out->modifier_allowed = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return r == SQLITE_ROW ? 0 : mc_store_dberr(s, err, "PTP summary");
}
