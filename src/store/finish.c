/* Derived data, recomputed after each release is imported: ICD-10-CM
 * parents, release ranges and counts, and code history between releases. */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "store/store_int.h"

static int exec_bound(mc_store *s, const char *sql, int64_t id, mc_error *err, const char *what)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, what);
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE || r == SQLITE_ROW ? 0 : mc_store_dberr(s, err, what);
}

/* ICD-10-CM codes without a parent get the longest existing prefix code of
 * the same release; 3-character categories keep theirs (section). */
static int icd_parents(mc_store *s, int64_t rel, mc_error *err)
{
	for (int k = 1; k <= 4; k++) {
		char sql[512];
		snprintf(sql, sizeof(sql),
			 "UPDATE code SET parent=(SELECT p.code FROM code p WHERE p.compact="
			 "substr(code.compact,1,length(code.compact)-%d) AND p.release_id=?1"
			 " AND p.system='icd10cm') WHERE release_id=?1 AND system='icd10cm'"
			 " AND parent IS NULL AND length(compact)-%d>=3 AND kind NOT IN('chapter','section')", k, k);
		int rc = exec_bound(s, sql, rel, err, "derive parents");
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* When a release has both the order file (codes carry attr "order") and
 * the tabular list, the order file is the official list of codes: codes
 * derived from 7th-character rules (attr "seventh") that it does not list
 * are not valid codes (e.g. S06.1X7D: the tabular bars D and S for death
 * codes in a note) and are dropped. */
static int icd_prune_derived(mc_store *s, int64_t rel, mc_error *err)
{
	return exec_bound(s,
		"DELETE FROM code WHERE release_id=?1 AND system='icd10cm'"
		" AND EXISTS (SELECT 1 FROM code_attr a WHERE a.code_id=code.id AND a.key='seventh')"
		" AND NOT EXISTS (SELECT 1 FROM code_attr a WHERE a.code_id=code.id AND a.key='order')"
		" AND EXISTS (SELECT 1 FROM code c2 JOIN code_attr a2 ON a2.code_id=c2.id"
		"             WHERE c2.release_id=?1 AND a2.key='order')",
		rel, err, "prune derived codes");
}

/* effective_to of each release = the day before the next release of the
 * same stream; the latest stays open. */
static int release_ranges(mc_store *s, mc_error *err)
{
	sqlite3_stmt *st = NULL, *up = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id, stream, effective_from FROM release ORDER BY stream, effective_from, id",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "UPDATE release SET effective_to=?2 WHERE id=?1", -1, &up, NULL) != SQLITE_OK) {
		rc = mc_store_dberr(s, err, "release ranges");
		goto done;
	}
	int64_t prev_id = -1;
	char prev_stream[128] = "";
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *stream = (const char *)sqlite3_column_text(st, 1);
		const char *from = (const char *)sqlite3_column_text(st, 2);
		char to[MC_DATE_LEN];
		if (prev_id >= 0 && stream && strcmp(stream, prev_stream) == 0 && from &&
		    mc_date_add_days(from, -1, to)) {
			sqlite3_bind_int64(up, 1, prev_id);
			sqlite3_bind_text(up, 2, to, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(up) != SQLITE_DONE) {
				rc = mc_store_dberr(s, err, "release ranges");
				goto done;
			}
			sqlite3_reset(up);
		} else if (prev_id >= 0) {
			sqlite3_bind_int64(up, 1, prev_id);
			sqlite3_bind_null(up, 2);
			if (sqlite3_step(up) != SQLITE_DONE) {
				rc = mc_store_dberr(s, err, "release ranges");
				goto done;
			}
			sqlite3_reset(up);
		}
		prev_id = id;
		snprintf(prev_stream, sizeof(prev_stream), "%s", stream ? stream : "");
	}
	if (r != SQLITE_DONE) {
		rc = mc_store_dberr(s, err, "release ranges");
		goto done;
	}
	if (prev_id >= 0) {
		sqlite3_bind_int64(up, 1, prev_id);
		sqlite3_bind_null(up, 2);
		if (sqlite3_step(up) != SQLITE_DONE)
			rc = mc_store_dberr(s, err, "release ranges");
	}
done:
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	return rc;
}

static int release_counts(mc_store *s, int64_t rel, mc_error *err)
{
	return exec_bound(s,
		"UPDATE release SET"
		" records=(SELECT count(*) FROM code WHERE release_id=?1)"
		" + (SELECT count(*) FROM rvu WHERE release_id=?1)"
		" + (SELECT count(*) FROM mue WHERE release_id=?1)"
		" + (SELECT count(*) FROM aoc WHERE release_id=?1)"
		" + (SELECT count(*) FROM ptp WHERE release_id=?1)"
		" + (SELECT count(*) FROM asp_ndc WHERE release_id=?1),"
		" billable=CASE WHEN system IS NULL THEN -1 ELSE"
		" (SELECT count(*) FROM code WHERE release_id=?1 AND billable=1) END"
		" WHERE id=?1", rel, err, "count release");
}

/* History of one code stream: diff each release with the one before it;
 * plus the dates a source gives (HCPCS add and termination dates). */
static int stream_history(mc_store *s, const char *stream, mc_error *err)
{
	int rc = 0;
	sqlite3_stmt *del = NULL, *list = NULL, *ins[4] = { 0 }, *src = NULL;
	static const char *const diff_sql[4] = {
		/* added */
		"INSERT INTO history(system, code, date, change, old, new, release_id)"
		" SELECT c.system, c.code, ?3, 'added', NULL, c.title_long, ?2 FROM code c"
		" WHERE c.release_id=?2 AND c.kind NOT IN('chapter','section') AND NOT EXISTS"
		" (SELECT 1 FROM code p WHERE p.release_id=?1 AND p.system=c.system AND p.code=c.code)",
		/* deleted */
		"INSERT INTO history(system, code, date, change, old, new, release_id)"
		" SELECT p.system, p.code, ?3, 'deleted', p.title_long, NULL, ?2 FROM code p"
		" WHERE p.release_id=?1 AND p.kind NOT IN('chapter','section') AND NOT EXISTS"
		" (SELECT 1 FROM code c WHERE c.release_id=?2 AND c.system=p.system AND c.code=p.code)",
		/* title revised */
		"INSERT INTO history(system, code, date, change, old, new, release_id)"
		" SELECT c.system, c.code, ?3, 'title_revised', p.title_long, c.title_long, ?2"
		" FROM code c JOIN code p ON p.release_id=?1 AND p.system=c.system AND p.code=c.code"
		" WHERE c.release_id=?2 AND p.title_long IS NOT NULL AND c.title_long IS NOT NULL"
		" AND p.title_long<>c.title_long",
		/* billable status changed */
		"INSERT INTO history(system, code, date, change, old, new, release_id)"
		" SELECT c.system, c.code, ?3, 'billable_changed',"
		" CASE p.billable WHEN 1 THEN 'billable' ELSE 'header' END,"
		" CASE c.billable WHEN 1 THEN 'billable' ELSE 'header' END, ?2"
		" FROM code c JOIN code p ON p.release_id=?1 AND p.system=c.system AND p.code=c.code"
		" WHERE c.release_id=?2 AND p.billable>=0 AND c.billable>=0 AND p.billable<>c.billable",
	};
	if (sqlite3_prepare_v2(s->db, "DELETE FROM history WHERE release_id IN"
			       " (SELECT id FROM release WHERE stream=?1)", -1, &del, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT id, effective_from FROM release WHERE stream=?1"
			       " AND system IS NOT NULL ORDER BY effective_from, id", -1, &list, NULL) != SQLITE_OK) {
		rc = mc_store_dberr(s, err, "history");
		goto done;
	}
	for (int i = 0; i < 4; i++)
		if (sqlite3_prepare_v2(s->db, diff_sql[i], -1, &ins[i], NULL) != SQLITE_OK) {
			rc = mc_store_dberr(s, err, "history");
			goto done;
		}
	sqlite3_bind_text(del, 1, stream, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(del) != SQLITE_DONE) {
		rc = mc_store_dberr(s, err, "history");
		goto done;
	}
	sqlite3_bind_text(list, 1, stream, -1, SQLITE_TRANSIENT);
	int64_t prev = -1;
	int r;
	while ((r = sqlite3_step(list)) == SQLITE_ROW) {
		int64_t cur = sqlite3_column_int64(list, 0);
		const char *from = (const char *)sqlite3_column_text(list, 1);
		if (prev >= 0) {
			for (int i = 0; i < 4; i++) {
				sqlite3_bind_int64(ins[i], 1, prev);
				sqlite3_bind_int64(ins[i], 2, cur);
				sqlite3_bind_text(ins[i], 3, from ? from : "", -1, SQLITE_TRANSIENT);
				if (sqlite3_step(ins[i]) != SQLITE_DONE) {
					rc = mc_store_dberr(s, err, "history");
					goto done;
				}
				sqlite3_reset(ins[i]);
			}
		}
		prev = cur;
	}
	if (r != SQLITE_DONE) {
		rc = mc_store_dberr(s, err, "history");
		goto done;
	}
	/* Source-given dates: added (valid_from) and terminated (valid_to). */
	if (sqlite3_prepare_v2(s->db,
		"INSERT INTO history(system, code, date, change, old, new, release_id)"
		" SELECT c.system, c.code, c.valid_from, 'added (source date)', NULL, c.title_long, c.release_id"
		" FROM code c JOIN release r ON r.id=c.release_id WHERE r.stream=?1 AND c.valid_from IS NOT NULL"
		" UNION ALL"
		" SELECT c.system, c.code, c.valid_to, 'terminated (source date)', c.title_long, NULL, c.release_id"
		" FROM code c JOIN release r ON r.id=c.release_id WHERE r.stream=?1 AND c.valid_to IS NOT NULL",
		-1, &src, NULL) != SQLITE_OK) {
		rc = mc_store_dberr(s, err, "history");
		goto done;
	}
	sqlite3_bind_text(src, 1, stream, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(src) != SQLITE_DONE)
		rc = mc_store_dberr(s, err, "history");
done:
	sqlite3_finalize(del);
	sqlite3_finalize(list);
	sqlite3_finalize(src);
	for (int i = 0; i < 4; i++)
		sqlite3_finalize(ins[i]);
	return rc;
}

int mc_store_finish_release(mc_store *s, int64_t rel, mc_error *err)
{
	sqlite3_stmt *st = NULL;
	char stream[128] = "", system[32] = "";
	if (sqlite3_prepare_v2(s->db, "SELECT stream, coalesce(system,'') FROM release WHERE id=?1",
			       -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "finish release");
	sqlite3_bind_int64(st, 1, rel);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(stream, sizeof(stream), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(system, sizeof(system), "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (!*stream)
		return mc_error_set(err, MC_ENOTFOUND, "no release with id %lld", (long long)rel);
	int rc = 0;
	if (strcmp(system, "icd10cm") == 0 &&
	    ((rc = icd_prune_derived(s, rel, err)) < 0 || (rc = icd_parents(s, rel, err)) < 0))
		return rc;
	if ((rc = release_counts(s, rel, err)) < 0)
		return rc;
	if ((rc = release_ranges(s, err)) < 0)
		return rc;
	if (*system && (rc = stream_history(s, stream, err)) < 0)
		return rc;
	return 0;
}
