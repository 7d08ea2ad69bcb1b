/* Reads of whole code sets: the codes in force in the latest release of
 * each stream and the ICD-10-CM terms that name them (the search index is
 * built from these), the codes of a system in force on a date (batches of
 * code pages), and the taxonomy with its NUCC fields (suggestions). */
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

static const char in_force_sql[] =
	"SELECT code FROM code WHERE release_id=?1 AND system=?2 AND kind NOT IN ('chapter','section')"
	" AND (valid_from IS NULL OR valid_from<=?3) AND (valid_to IS NULL OR valid_to>=?3)";

int mc_store_codes_in_force(mc_store *s, const char *system, const char *date,
			    int (*fn)(const char *code, void *payload), void *payload,
			    mc_error *err)
{
	int rc = mc_store_rel_cache(s, err);
	if (rc < 0)
		return rc;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, in_force_sql, -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "list codes");
	/* The streams of this system, each once (the cache is ordered by stream). */
	const char *last = NULL;
	for (size_t i = 0; i < s->nrel && rc == 0; i++) {
		const mc_rel_entry *e = &s->rel[i];
		if (!e->system || strcmp(e->system, system) != 0 || (last && strcmp(last, e->stream) == 0))
			continue;
		last = e->stream;
		int64_t id;
		rc = mc_store_release_on(s, e->stream, date, &id, err);
		if (rc == MC_ENOTFOUND) {
			rc = 0;
			mc_error_clear(err);
			continue;
		}
		if (rc < 0)
			break;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, system, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
		int step;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *c = (const char *)sqlite3_column_text(st, 0);
			if (c && (rc = fn(c, payload)) != 0)
				break;
		}
		if (rc == 0 && step != SQLITE_DONE)
			rc = mc_store_dberr(s, err, "list codes");
	}
	sqlite3_finalize(st);
	return rc;
}

static const char taxonomy_sql[] =
	"SELECT c.code, c.title_long, g.value, cl.value, sp.value FROM code c"
	" LEFT JOIN code_attr g ON g.code_id=c.id AND g.key='grouping'"
	" LEFT JOIN code_attr cl ON cl.code_id=c.id AND cl.key='classification'"
	" LEFT JOIN code_attr sp ON sp.code_id=c.id AND sp.key='specialization'"
	" WHERE c.release_id=?1 AND c.system='taxonomy' ORDER BY c.code";

int mc_store_taxonomy(mc_store *s, const char *date,
		      int (*fn)(const mc_taxonomy_row *row, void *payload), void *payload,
		      mc_error *err)
{
	int64_t rel;
	int rc = mc_store_release_on(s, "taxonomy", date, &rel, err);
	if (rc < 0)
		return rc;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, taxonomy_sql, -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "read taxonomy");
	sqlite3_bind_int64(st, 1, rel);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		mc_taxonomy_row r = {
			(const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4),
		};
		if (r.code && (rc = fn(&r, payload)) != 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = mc_store_dberr(s, err, "read taxonomy");
	sqlite3_finalize(st);
	return rc;
}
