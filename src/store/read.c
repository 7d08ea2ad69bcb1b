/* Read side: releases and the release in force on a date. */
#include <string.h>

#include "core/core.h"
#include "store/store_int.h"

static char *col_dup(sqlite3_stmt *st, int i, bool *oom)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	if (!v)
		return NULL;
	char *d = mc_strdup((const char *)v);
	if (!d)
		*oom = true;
	return d;
}

void mc_store_releases_free(mc_release_info *r, size_t n)
{
	if (!r)
		return;
	for (size_t i = 0; i < n; i++) {
		mc_free(r[i].system);
		mc_free(r[i].stream);
		mc_free(r[i].label);
		mc_free(r[i].effective_from);
		mc_free(r[i].effective_to);
		mc_free(r[i].imported_at);
		for (size_t k = 0; k < r[i].nfiles; k++)
			mc_free(r[i].files[k]);
		mc_free(r[i].files);
	}
	mc_free(r);
}

int mc_store_releases(mc_store *s, mc_release_info **out, size_t *n, mc_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL, *fs = NULL;
	mc_release_info *arr = NULL;
	size_t count = 0, cap = 0;
	bool oom = false;
	int rc = 0;
	if (sqlite3_prepare_v2(s->db,
		"SELECT id, system, stream, label, effective_from, effective_to, imported_at, records, billable"
		" FROM release ORDER BY coalesce(system,'~'), stream, effective_from", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT name, sha256 FROM release_file WHERE release_id=?1 ORDER BY name",
			       -1, &fs, NULL) != SQLITE_OK) {
		rc = mc_store_dberr(s, err, "list releases");
		goto done;
	}
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			size_t nc = cap ? cap * 2 : 16;
			mc_release_info *na = mc_realloc(arr, nc * sizeof(*na));
			if (!na) {
				oom = true;
				break;
			}
			arr = na;
			cap = nc;
		}
		mc_release_info *ri = &arr[count++];
		memset(ri, 0, sizeof(*ri));
		ri->id = sqlite3_column_int64(st, 0);
		ri->system = col_dup(st, 1, &oom);
		ri->stream = col_dup(st, 2, &oom);
		ri->label = col_dup(st, 3, &oom);
		ri->effective_from = col_dup(st, 4, &oom);
		ri->effective_to = col_dup(st, 5, &oom);
		ri->imported_at = col_dup(st, 6, &oom);
		ri->records = sqlite3_column_int64(st, 7);
		ri->billable = sqlite3_column_int64(st, 8);
		sqlite3_bind_int64(fs, 1, ri->id);
		while (sqlite3_step(fs) == SQLITE_ROW) {
			char **nf = mc_realloc(ri->files, (ri->nfiles + 1) * sizeof(*nf));
			if (!nf) {
				oom = true;
				break;
			}
			ri->files = nf;
			mc_buf b = MC_BUF_INIT;
			if (mc_buf_printf(&b, "%s %s", (const char *)sqlite3_column_text(fs, 0),
					  (const char *)sqlite3_column_text(fs, 1)) < 0) {
				oom = true;
				break;
			}
			ri->files[ri->nfiles++] = mc_buf_detach(&b);
		}
		sqlite3_reset(fs);
		if (oom)
			break;
	}
	if (oom) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory listing releases");
		goto done;
	}
	if (r != SQLITE_DONE) {
		rc = mc_store_dberr(s, err, "list releases");
		goto done;
	}
	*out = arr;
	*n = count;
	arr = NULL;
	count = 0;
done:
	mc_store_releases_free(arr, count);
	sqlite3_finalize(st);
	sqlite3_finalize(fs);
	return rc;
}

int mc_store_release_on(mc_store *s, const char *stream, const char *date,
			int64_t *out_id, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_RELEASE_ON,
		"SELECT id FROM release WHERE stream=?1 AND effective_from<=?2"
		" ORDER BY effective_from DESC, id DESC LIMIT 1", err);
	if (!st)
		return MC_EDB;
	mc_bind_text(st, 1, stream);
	mc_bind_text(st, 2, date);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*out_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		return mc_store_dberr(s, err, "release on date");
	return mc_error_set(err, MC_ENOTFOUND, "no release of '%s' in force on %s", stream, date);
}

void mc_store_rel_cache_clear(mc_store *s)
{
	for (size_t i = 0; i < s->nrel; i++) {
		mc_rel_entry *e = &s->rel[i];
		mc_free(e->stream);
		mc_free(e->label);
		mc_free(e->from);
		mc_free(e->to);
		mc_free(e->system);
		mc_free(e->files);
	}
	mc_free(s->rel);
	s->rel = NULL;
	s->nrel = 0;
	s->rel_valid = false;
}

int mc_store_rel_cache(mc_store *s, mc_error *err)
{
	if (s->rel_valid)
		return 0;
	mc_store_rel_cache_clear(s);
	sqlite3_stmt *st = NULL;
	int rc = 0;
	bool oom = false;
	if (sqlite3_prepare_v2(s->db,
		"SELECT r.id, r.stream, r.label, r.effective_from, r.effective_to, r.system,"
		" (SELECT group_concat(name, ', ') FROM release_file f WHERE f.release_id=r.id)"
		" FROM release r ORDER BY r.stream, r.effective_from, r.id", -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "load releases");
	size_t cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (s->nrel == cap) {
			size_t nc = cap ? cap * 2 : 32;
			mc_rel_entry *na = mc_realloc(s->rel, nc * sizeof(*na));
			if (!na) {
				oom = true;
				break;
			}
			s->rel = na;
			cap = nc;
		}
		mc_rel_entry *e = &s->rel[s->nrel++];
		e->id = sqlite3_column_int64(st, 0);
		e->stream = col_dup(st, 1, &oom);
		e->label = col_dup(st, 2, &oom);
		e->from = col_dup(st, 3, &oom);
		e->to = col_dup(st, 4, &oom);
		e->system = col_dup(st, 5, &oom);
		e->files = col_dup(st, 6, &oom);
		if (oom)
			break;
	}
	sqlite3_finalize(st);
	if (oom)
		rc = mc_error_set(err, MC_ENOMEM, "out of memory loading releases");
	else if (r != SQLITE_DONE)
		rc = mc_store_dberr(s, err, "load releases");
	if (rc < 0)
		mc_store_rel_cache_clear(s);
	else
		s->rel_valid = true;
	return rc;
}
