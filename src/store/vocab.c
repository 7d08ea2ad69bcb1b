/* The store's clinical vocabulary: the texts whose words are medical
 * language (for the PHI redactor's allow list).  Read-only, own prepared
 * statements. */
#include <sqlite3.h>

#include "store/store_int.h"

/* The latest release of a stream (by effective date); for index terms and
 * notes the latest one that holds any (a release may come without them). */
#define LATEST(stream) \
	"(SELECT id FROM release WHERE stream='" stream "' ORDER BY effective_from DESC, id DESC LIMIT 1)"
#define LATEST_WITH(table) \
	"(SELECT r.id FROM release r WHERE r.stream='icd10cm' AND EXISTS (SELECT 1 FROM " table \
	" t WHERE t.release_id=r.id) ORDER BY r.effective_from DESC, r.id DESC LIMIT 1)"

static const struct {
	const char *what, *sql;
} sources[] = {
	{ "ICD-10-CM titles",
	  "SELECT title_long FROM code WHERE release_id=" LATEST("icd10cm") " AND system='icd10cm'" },
	{ "ICD-10-CM inclusion terms",
	  "SELECT text FROM note WHERE release_id=" LATEST_WITH("note") " AND kind IN ('inclusion','includes')" },
	{ "ICD-10-CM index terms",
	  "SELECT path FROM index_term WHERE release_id=" LATEST_WITH("index_term") },
	{ "HCPCS titles",
	  "SELECT title_long FROM code WHERE release_id=" LATEST("hcpcs") " AND system='hcpcs'" },
	{ "ASP drug names",
	  "SELECT DISTINCT drug_name FROM asp_ndc WHERE release_id=" LATEST("asp-ndc") },
};

int mc_store_vocabulary(mc_store *s, mc_store_text_fn fn, void *payload, mc_error *err)
{
	if (!s || !fn)
		return mc_error_set(err, MC_EINVAL, "store: vocabulary: no store or no callback");
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(sources) / sizeof(sources[0]); i++) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(s->db, sources[i].sql, -1, &st, NULL) != SQLITE_OK) {
			rc = mc_store_dberr(s, err, sources[i].what);
			break;
		}
		int r;
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(st, 0);
			if (!t)
				continue;
			rc = fn(t, (size_t)sqlite3_column_bytes(st, 0), payload);
			if (rc != 0)
				break;
		}
		if (rc == 0 && r != SQLITE_DONE)
			rc = mc_store_dberr(s, err, sources[i].what);
		sqlite3_finalize(st);
	}
	return rc;
}
