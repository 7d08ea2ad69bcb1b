/* Bulk reads of ICD-10-CM tabular notes (include/medcode/store_notes.h). */
#include "core/core.h"
#include "medcode/store_notes.h"
#include "store/store_int.h"

int mc_store_icd_notes(mc_store *s, int64_t release_id, const char *kind, mc_store_note_fn fn,
		       void *payload, mc_error *err)
{
	static const char *const sql =
		"SELECT n.code, n.text FROM note n WHERE n.kind=?2 AND n.release_id=("
		"SELECT r.id FROM release r WHERE r.stream='icd10cm' AND r.effective_from <= "
		"(SELECT effective_from FROM release WHERE id=?1) AND EXISTS "
		"(SELECT 1 FROM note x WHERE x.release_id=r.id) ORDER BY r.effective_from DESC LIMIT 1) "
		"ORDER BY n.code";
	sqlite3_stmt *st = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "reading notes");
	if (sqlite3_bind_int64(st, 1, release_id) != SQLITE_OK || mc_bind_text(st, 2, kind) != SQLITE_OK) {
		rc = mc_store_dberr(s, err, "reading notes");
		goto done;
	}
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *code = sqlite3_column_text(st, 0), *text = sqlite3_column_text(st, 1);
		if (!code || !text)
			continue;
		rc = fn((const char *)code, (const char *)text, payload);
		if (rc < 0)
			goto done;
	}
	if (r != SQLITE_DONE)
		rc = mc_store_dberr(s, err, "reading notes");
done:
	sqlite3_finalize(st);
	return rc;
}
