/* Store handle, transactions and the write API used by the importer. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/core.h"
#include "store/store_int.h"

int mc_store_dberr(mc_store *s, mc_error *err, const char *what)
{
	return mc_error_set(err, MC_EDB, "store: %s: %s", what, s && s->db ? sqlite3_errmsg(s->db) : "no database");
}

int mc_store_exec(mc_store *s, const char *sql, mc_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		mc_error_set(err, MC_EDB, "store: %s", msg ? msg : "exec failed");
		sqlite3_free(msg);
		return MC_EDB;
	}
	return 0;
}

sqlite3_stmt *mc_store_stmt(mc_store *s, int id, const char *sql, mc_error *err)
{
	if (s->st[id]) {
		sqlite3_reset(s->st[id]);
		sqlite3_clear_bindings(s->st[id]);
		return s->st[id];
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st[id], NULL) != SQLITE_OK) {
		mc_store_dberr(s, err, "prepare");
		return NULL;
	}
	return s->st[id];
}

int mc_bind_text(sqlite3_stmt *st, int idx, const char *v)
{
	return v ? sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, idx);
}

/* Bind without a copy, for the import hot path: the record's strings
 * outlive the step and reset that follow in the same put function. */
static int bind_borrowed(sqlite3_stmt *st, int idx, const char *v)
{
	return v ? sqlite3_bind_text(st, idx, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, idx);
}

/* mkdir -p for the parent directories of path. */
static int make_parents(const char *path, mc_error *err)
{
	char buf[4096];
	size_t n = strlen(path);
	if (n >= sizeof(buf))
		return mc_error_set(err, MC_EINVAL, "store path too long");
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return mc_error_set(err, MC_EIO, "cannot create directory '%s': %s", buf, strerror(errno));
		*p = '/';
	}
	return 0;
}

int mc_store_open(mc_store **out, const char *path, int mode, mc_error *err)
{
	*out = NULL;
	int rc;
	mc_store *s = mc_calloc(1, sizeof(*s));
	if (!s)
		return mc_error_set(err, MC_ENOMEM, "out of memory opening store");
	s->mode = mode;
	s->path = mc_strdup(path);
	if (!s->path) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory opening store");
		goto fail;
	}
	if (mode == MC_STORE_WRITE) {
		if ((rc = make_parents(path, err)) < 0)
			goto fail;
	} else if (access(path, R_OK) != 0) {
		rc = mc_error_set(err, MC_ENOTFOUND, "no store at '%s': run 'medcode import' first", path);
		goto fail;
	}
	int flags = mode == MC_STORE_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
					   : SQLITE_OPEN_READONLY;
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = mc_error_set(err, MC_EDB, "cannot open store '%s': %s", path,
				  s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 1);
	if (mode == MC_STORE_WRITE) {
		if ((rc = mc_store_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
					   "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
					   "PRAGMA cache_size=-131072;", err)) < 0)
			goto fail;
	} else {
		if ((rc = mc_store_exec(s, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;"
					   "PRAGMA mmap_size=1073741824;", err)) < 0)
			goto fail;
	}
	if ((rc = mc_store_schema(s, err)) < 0)
		goto fail;
	*out = s;
	return 0;
fail:
	mc_store_free(s);
	return rc;
}

void mc_store_free(mc_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_COUNT_; i++)
		sqlite3_finalize(s->st[i]);
	mc_store_rel_cache_clear(s);
	if (s->in_txn)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(s->db);
	mc_free(s->path);
	mc_free(s);
}

const char *mc_store_path(const mc_store *s)
{
	return s->path;
}

int mc_store_begin(mc_store *s, mc_error *err)
{
	mc_store_rel_cache_clear(s);
	int rc = mc_store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc == 0)
		s->in_txn = 1;
	return rc;
}

int mc_store_commit(mc_store *s, mc_error *err)
{
	int rc = mc_store_exec(s, "COMMIT", err);
	mc_store_rel_cache_clear(s);
	if (rc == 0)
		s->in_txn = 0;
	return rc;
}

void mc_store_rollback(mc_store *s)
{
	mc_store_rel_cache_clear(s);
	if (s->in_txn)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_txn = 0;
}

static int step_done(mc_store *s, sqlite3_stmt *st, mc_error *err, const char *what)
{
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		return mc_store_dberr(s, err, what);
	return 0;
}

int mc_store_release_find(mc_store *s, const char *stream, const char *label,
			  int64_t *out_id, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_RELEASE_FIND,
		"SELECT id FROM release WHERE stream=?1 AND label=?2", err);
	if (!st)
		return MC_EDB;
	mc_bind_text(st, 1, stream);
	mc_bind_text(st, 2, label);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*out_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		return mc_store_dberr(s, err, "find release");
	return mc_error_set(err, MC_ENOTFOUND, "no release '%s' of '%s'", label, stream);
}

bool mc_store_release_has_file(mc_store *s, const char *stream, const char *label,
			       const char *sha256)
{
	sqlite3_stmt *st = NULL;
	bool found = false;
	if (sqlite3_prepare_v2(s->db,
		"SELECT 1 FROM release_file f JOIN release r ON r.id=f.release_id "
		"WHERE r.stream=?1 AND r.label=?2 AND f.sha256=?3", -1, &st, NULL) != SQLITE_OK)
		return false;
	mc_bind_text(st, 1, stream);
	mc_bind_text(st, 2, label);
	mc_bind_text(st, 3, sha256);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

int mc_store_release_reset(mc_store *s, const mc_rec_release *rec, int64_t *out_id,
			   mc_error *err)
{
	int64_t id;
	int rc = mc_store_release_find(s, rec->stream, rec->label, &id, err);
	if (rc == 0) {
		/* Re-import: drop the old content (cascades to every table). */
		sqlite3_stmt *del = NULL;
		if (sqlite3_prepare_v2(s->db, "DELETE FROM release WHERE id=?1", -1, &del, NULL) != SQLITE_OK)
			return mc_store_dberr(s, err, "reset release");
		sqlite3_bind_int64(del, 1, id);
		int r = sqlite3_step(del);
		sqlite3_finalize(del);
		if (r != SQLITE_DONE)
			return mc_store_dberr(s, err, "reset release");
	} else if (rc != MC_ENOTFOUND) {
		return rc;
	}
	mc_error_clear(err);
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
		"INSERT INTO release(system, stream, label, effective_from, format, imported_at) "
		"VALUES(?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "add release");
	mc_bind_text(st, 1, mc_system_name(rec->system));
	mc_bind_text(st, 2, rec->stream);
	mc_bind_text(st, 3, rec->label);
	mc_bind_text(st, 4, rec->effective_from ? rec->effective_from : "");
	mc_bind_text(st, 5, rec->format);
	mc_bind_text(st, 6, now);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return mc_store_dberr(s, err, "add release");
	*out_id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int mc_store_release_add_file(mc_store *s, int64_t release_id, const char *name,
			      const char *sha256, uint64_t bytes, const char *format,
			      mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_FILE_PUT,
		"INSERT INTO release_file(release_id, name, sha256, bytes, format) VALUES(?1,?2,?3,?4,?5)", err);
	if (!st)
		return MC_EDB;
	sqlite3_bind_int64(st, 1, release_id);
	mc_bind_text(st, 2, name);
	mc_bind_text(st, 3, sha256);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)bytes);
	mc_bind_text(st, 5, format);
	return step_done(s, st, err, "add release file");
}

/* The compact lookup key: "E11.52" -> "E1152"; ranges keep their shape. */
static void compact_key(const char *code, char out[MC_CODE_MAX])
{
	if (mc_code_compact(code, out))
		return;
	size_t n = 0;
	for (const char *p = code; *p && n + 1 < MC_CODE_MAX; p++)
		out[n++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
	out[n] = '\0';
}

int mc_store_put_code(mc_store *s, int64_t release_id, const mc_rec_code *c, mc_error *err)
{
	if (!c->code || !*c->code)
		return mc_error_set(err, MC_EFORMAT, "line %zu: record without a code", c->line);
	const char *sys = mc_system_name(c->system);
	if (!sys)
		return mc_error_set(err, MC_EFORMAT, "line %zu: code '%s' has no code system", c->line, c->code);
	sqlite3_stmt *st = mc_store_stmt(s, ST_CODE_UPSERT,
		"INSERT INTO code(release_id, system, code, compact, title_short, title_long, title_other,"
		" billable, kind, parent, status, valid_from, valid_to)"
		" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,coalesce(?9,'code'),?10,?11,?12,?13)"
		" ON CONFLICT(release_id, system, code) DO UPDATE SET"
		" title_short=coalesce(?5,title_short), title_long=coalesce(?6,title_long),"
		" title_other=coalesce(?7,title_other),"
		" billable=CASE WHEN ?8>=0 THEN ?8 ELSE billable END,"
		" kind=coalesce(?9,kind), parent=coalesce(?10,parent), status=coalesce(?11,status),"
		" valid_from=coalesce(?12,valid_from), valid_to=coalesce(?13,valid_to)"
		" RETURNING id", err);
	if (!st)
		return MC_EDB;
	char key[MC_CODE_MAX];
	compact_key(c->code, key);
	sqlite3_bind_int64(st, 1, release_id);
	bind_borrowed(st, 2, sys);
	bind_borrowed(st, 3, c->code);
	bind_borrowed(st, 4, key);
	bind_borrowed(st, 5, c->title_short && *c->title_short ? c->title_short : NULL);
	bind_borrowed(st, 6, c->title_long && *c->title_long ? c->title_long : NULL);
	bind_borrowed(st, 7, c->title_other && *c->title_other ? c->title_other : NULL);
	sqlite3_bind_int(st, 8, c->billable < 0 ? -1 : c->billable ? 1 : 0);
	bind_borrowed(st, 9, c->kind);
	bind_borrowed(st, 10, c->parent && *c->parent ? c->parent : NULL);
	bind_borrowed(st, 11, c->status && *c->status ? c->status : NULL);
	bind_borrowed(st, 12, c->valid_from && *c->valid_from ? c->valid_from : NULL);
	bind_borrowed(st, 13, c->valid_to && *c->valid_to ? c->valid_to : NULL);
	int r = sqlite3_step(st);
	if (r != SQLITE_ROW) {
		sqlite3_reset(st);
		return mc_store_dberr(s, err, "add code");
	}
	int64_t id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (!c->nattrs)
		return 0;
	sqlite3_stmt *at = mc_store_stmt(s, ST_ATTR_PUT,
		"INSERT OR REPLACE INTO code_attr(code_id, key, value) VALUES(?1,?2,?3)", err);
	if (!at)
		return MC_EDB;
	for (size_t i = 0; i < c->nattrs; i++) {
		if (!c->attrs[i].key || !c->attrs[i].value || !*c->attrs[i].value)
			continue;
		sqlite3_bind_int64(at, 1, id);
		bind_borrowed(at, 2, c->attrs[i].key);
		bind_borrowed(at, 3, c->attrs[i].value);
		int rc = step_done(s, at, err, "add code attribute");
		if (rc < 0)
			return rc;
	}
	return 0;
}

int mc_store_put_note(mc_store *s, int64_t release_id, const mc_rec_note *n, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_NOTE_PUT,
		"INSERT INTO note(release_id, code, kind, text) VALUES(?1,?2,?3,?4)", err);
	if (!st)
		return MC_EDB;
	sqlite3_bind_int64(st, 1, release_id);
	bind_borrowed(st, 2, n->code);
	bind_borrowed(st, 3, mc_note_kind_name(n->kind));
	bind_borrowed(st, 4, n->text ? n->text : "");
	return step_done(s, st, err, "add note");
}

int mc_store_put_seventh(mc_store *s, int64_t release_id, const mc_rec_seventh *r, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_SEVENTH_PUT,
		"INSERT INTO seventh(release_id, code, chr, meaning) VALUES(?1,?2,?3,?4)", err);
	if (!st)
		return MC_EDB;
	sqlite3_bind_int64(st, 1, release_id);
	bind_borrowed(st, 2, r->code);
	bind_borrowed(st, 3, r->character);
	bind_borrowed(st, 4, r->meaning ? r->meaning : "");
	return step_done(s, st, err, "add 7th character");
}

int mc_store_put_index(mc_store *s, int64_t release_id, const mc_rec_index *r, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_INDEX_PUT,
		"INSERT INTO index_term(release_id, kind, path, code, compact, col, see, see_also)"
		" VALUES(?1,?2,?3,?4,?5,?6,?7,?8)", err);
	if (!st)
		return MC_EDB;
	char key[MC_CODE_MAX];
	const char *compact = NULL;
	if (r->code && *r->code) {
		/* "S72.0-" and "T38.3X1-" keep the stem as the key. */
		char stem[MC_CODE_MAX];
		size_t n = strcspn(r->code, "-");
		if (n < sizeof(stem)) {
			memcpy(stem, r->code, n);
			stem[n] = '\0';
			if (mc_code_compact(stem, key))
				compact = key;
		}
	}
	sqlite3_bind_int64(st, 1, release_id);
	bind_borrowed(st, 2, mc_index_kind_name(r->kind));
	bind_borrowed(st, 3, r->path ? r->path : "");
	bind_borrowed(st, 4, r->code);
	bind_borrowed(st, 5, compact);
	bind_borrowed(st, 6, r->column);
	bind_borrowed(st, 7, r->see);
	bind_borrowed(st, 8, r->see_also);
	return step_done(s, st, err, "add index entry");
}

int mc_store_put_rvu(mc_store *s, int64_t release_id, const mc_rec_rvu *r, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_RVU_PUT,
		"INSERT INTO rvu VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,"
		"?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32)", err);
	if (!st)
		return MC_EDB;
	sqlite3_bind_int64(st, 1, release_id);
	for (int i = 0; i < MC_RVU_NFIELDS; i++)
		bind_borrowed(st, i + 2, r->field[i] ? r->field[i] : "");
	return step_done(s, st, err, "add rvu row");
}

int mc_store_put_mue(mc_store *s, int64_t release_id, const mc_rec_mue *r, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_MUE_PUT,
		"INSERT INTO mue(release_id, code, service_type, units, mai, mai_desc, rationale)"
		" VALUES(?1,?2,?3,?4,?5,?6,?7)", err);
	if (!st)
		return MC_EDB;
	sqlite3_bind_int64(st, 1, release_id);
	bind_borrowed(st, 2, r->code);
	bind_borrowed(st, 3, r->service_type ? r->service_type : "");
	sqlite3_bind_int64(st, 4, r->units);
	if (r->mai > 0)
		sqlite3_bind_int(st, 5, r->mai);
	else
		sqlite3_bind_null(st, 5);
	bind_borrowed(st, 6, r->mai_desc);
	bind_borrowed(st, 7, r->rationale);
	return step_done(s, st, err, "add mue");
}

int mc_store_put_aoc(mc_store *s, int64_t release_id, const mc_rec_aoc *r, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_AOC_PUT,
		"INSERT INTO aoc(release_id, addon, primary_code, edit_type, addon_deleted,"
		" primary_deleted, effective, deleted, notes) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)", err);
	if (!st)
		return MC_EDB;
	sqlite3_bind_int64(st, 1, release_id);
	bind_borrowed(st, 2, r->addon);
	bind_borrowed(st, 3, r->primary);
	sqlite3_bind_int(st, 4, r->edit_type);
	bind_borrowed(st, 5, r->addon_deleted && *r->addon_deleted ? r->addon_deleted : NULL);
	bind_borrowed(st, 6, r->primary_deleted && *r->primary_deleted ? r->primary_deleted : NULL);
	bind_borrowed(st, 7, r->effective && *r->effective ? r->effective : NULL);
	bind_borrowed(st, 8, r->deleted && *r->deleted ? r->deleted : NULL);
	bind_borrowed(st, 9, r->notes && *r->notes ? r->notes : NULL);
	return step_done(s, st, err, "add add-on edit");
}

int mc_store_put_ptp(mc_store *s, int64_t release_id, const mc_rec_ptp *r, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_PTP_PUT,
		"INSERT INTO ptp(release_id, column1, column2, prior_1996, effective, deleted,"
		" modifier_indicator, rationale, setting) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)", err);
	if (!st)
		return MC_EDB;
	sqlite3_bind_int64(st, 1, release_id);
	bind_borrowed(st, 2, r->column1);
	bind_borrowed(st, 3, r->column2);
	sqlite3_bind_int(st, 4, r->prior_1996);
	bind_borrowed(st, 5, r->effective && *r->effective ? r->effective : NULL);
	bind_borrowed(st, 6, r->deleted && *r->deleted ? r->deleted : NULL);
	sqlite3_bind_int(st, 7, r->modifier_indicator);
	bind_borrowed(st, 8, r->rationale);
	bind_borrowed(st, 9, r->setting ? r->setting : "practitioner");
	return step_done(s, st, err, "add ptp edit");
}
