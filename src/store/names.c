/* The name-frequency lists in the store (store_names.h): one table,
 * person_name, filled by the importer and read whole by the redactor. */
#include <string.h>

#include "medcode/store_names.h"
#include "store/store_int.h"

int mc_store_put_name(mc_store *s, int64_t release_id, const mc_rec_name *r, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_NAME_PUT,
		"INSERT INTO person_name(release_id, kind, name, count) VALUES(?1,?2,?3,?4)"
		" ON CONFLICT(release_id, kind, name) DO UPDATE SET count=max(count, excluded.count)", err);
	if (!st)
		return MC_EDB;
	sqlite3_bind_int64(st, 1, release_id);
	sqlite3_bind_int(st, 2, (int)r->kind);
	sqlite3_bind_text(st, 3, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, r->count);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return mc_store_dberr(s, err, "add name");
	return 0;
}

int mc_store_names(mc_store *s, int (*fn)(const mc_name_entry *e, void *payload), void *payload,
		   mc_error *err)
{
	if (!s || !fn)
		return mc_error_set(err, MC_EINVAL, "store: names: no store or no callback");
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT r.stream, n.name, n.kind, n.count FROM person_name n"
			       " JOIN release r ON r.id=n.release_id", -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "read names");
	int rc = 0, r;
	size_t rows = 0;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *list = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		int kind = sqlite3_column_int(st, 2);
		if (!list || !name || (kind != MC_NAME_FIRST && kind != MC_NAME_LAST))
			continue;
		mc_name_entry e = { list, name, (mc_name_kind)kind, sqlite3_column_int64(st, 3) };
		rows++;
		if ((rc = fn(&e, payload)) != 0)
			break;
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = mc_store_dberr(s, err, "read names");
	sqlite3_finalize(st);
	if (rc == 0 && rows == 0)
		return mc_error_set(err, MC_ENOTFOUND, "store '%s' holds no name lists", s->path);
	return rc;
}
