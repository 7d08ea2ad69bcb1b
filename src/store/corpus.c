/* Reads for index builders: the codes in force in the latest release of
 * each stream, and the ICD-10-CM terms (inclusion terms, index entries)
 * that name them.  The search index is built from these. */
#include <string.h>

#include "core/core.h"
#include "store/store_int.h"

static const char current_codes_sql[] =
	"WITH cur AS (SELECT r.id, r.stream, r.effective_from FROM release r"
	" WHERE r.system IS NOT NULL AND NOT EXISTS (SELECT 1 FROM release r2"
	"  WHERE r2.stream = r.stream AND r2.effective_from > r.effective_from))"
	" SELECT c.system, c.code, c.compact, c.title_short, c.title_long, c.title_other,"
	"  c.billable, c.kind, cur.stream LIKE '%-ama' FROM code c JOIN cur ON cur.id = c.release_id"
	" WHERE c.kind NOT IN ('chapter', 'section')"
	"  AND (c.valid_to IS NULL OR c.valid_to = '' OR c.valid_to >= cur.effective_from)";

int mc_store_current_codes(mc_store *s, mc_current_code_fn fn, void *payload, mc_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, current_codes_sql, -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "read current codes");
	int rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		mc_current_code c = {
			.system = (const char *)sqlite3_column_text(st, 0),
			.code = (const char *)sqlite3_column_text(st, 1),
			.compact = (const char *)sqlite3_column_text(st, 2),
			.title_short = (const char *)sqlite3_column_text(st, 3),
			.title_long = (const char *)sqlite3_column_text(st, 4),
			.title_other = (const char *)sqlite3_column_text(st, 5),
			.billable = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 6),
			.kind = (const char *)sqlite3_column_text(st, 7),
			.licensed = sqlite3_column_int(st, 8) != 0,
		};
		if (!c.system || !c.code || !c.compact)
			continue;
		if ((rc = fn(&c, payload)) != 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = mc_store_dberr(s, err, "read current codes");
	sqlite3_finalize(st);
	return rc;
}

/* The latest ICD-10-CM release holding inclusion terms. */
#define LATEST_WITH_INCLUSION \
	"(SELECT r.id FROM release r WHERE r.system = 'icd10cm' AND EXISTS" \
	"  (SELECT 1 FROM note x WHERE x.release_id = r.id AND x.kind = 'inclusion')" \
	"  ORDER BY r.effective_from DESC LIMIT 1)"

static const char *term_sql(mc_term_source src)
{
	switch (src) {
	case MC_TERMS_INCLUSION:
		return "SELECT n.code, n.text, NULL FROM note n WHERE n.kind = 'inclusion'"
		       " AND n.release_id = " LATEST_WITH_INCLUSION;
	case MC_TERMS_INDEX:
		return "SELECT i.compact, i.path, CASE WHEN i.kind = 'eindex' THEN NULL ELSE i.col END"
		       " FROM index_term i WHERE i.compact IS NOT NULL AND i.compact <> '' AND i.release_id ="
		       " (SELECT r.id FROM release r WHERE r.system = 'icd10cm' AND EXISTS"
		       "  (SELECT 1 FROM index_term x WHERE x.release_id = r.id)"
		       "  ORDER BY r.effective_from DESC LIMIT 1)";
	case MC_TERMS_UNDER_HEADER:
		return "SELECT c.compact, n.text, NULL FROM note n JOIN code c"
		       " ON c.release_id = (SELECT r.id FROM release r WHERE r.stream = 'icd10cm'"
		       "  ORDER BY r.effective_from DESC LIMIT 1)"
		       " AND c.system = 'icd10cm' AND c.compact > replace(n.code, '.', '')"
		       " AND c.compact < replace(n.code, '.', '') || '~'"
		       " WHERE n.kind = 'inclusion' AND n.release_id = " LATEST_WITH_INCLUSION;
	}
	return NULL;
}

int mc_store_icd10cm_terms(mc_store *s, mc_term_source src, mc_term_fn fn, void *payload,
			   mc_error *err)
{
	const char *sql = term_sql(src);
	if (!sql)
		return mc_error_set(err, MC_EINVAL, "store: unknown term source %d", (int)src);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "read terms");
	int rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		const char *text = (const char *)sqlite3_column_text(st, 1);
		if (!code || !text)
			continue;
		if ((rc = fn(code, text, (const char *)sqlite3_column_text(st, 2), payload)) != 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = mc_store_dberr(s, err, "read terms");
	sqlite3_finalize(st);
	return rc;
}
