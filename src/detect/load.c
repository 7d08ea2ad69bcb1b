/* Building a detector: from the store (read-only, own prepared statements)
 * or from a small TSV (tests, fuzzing). */
#include <sqlite3.h>
#include <string.h>

#include "detect/detect_int.h"
#include "medcode/store_notes.h"
#include "store/store_int.h"

static int dberr(mc_store *s, mc_error *err, const char *what)
{
	return mc_error_set(err, MC_EDB, "detect: %s: %s", what, sqlite3_errmsg(s->db));
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

/* The release of stream icd10cm in force on date, else the latest one. */
static int find_release(mc_store *s, const char *date, int64_t *out, mc_error *err)
{
	char today[MC_DATE_LEN];
	if (!date) {
		mc_date_today(today);
		date = today;
	}
	mc_error e2;
	if (mc_store_release_on(s, "icd10cm", date, out, &e2) == 0)
		return 0;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT id FROM release WHERE stream='icd10cm' ORDER BY effective_from DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return dberr(s, err, "finding the ICD-10-CM release");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return mc_error_set(err, MC_ENOTFOUND, "detect: the store holds no ICD-10-CM release: run 'medcode import'");
	return 0;
}

/* The latest ICD-10-CM release not after rel that has rows in table
 * (note or index_term); 0 when none. */
static int64_t release_with(mc_store *s, int64_t rel, bool notes)
{
	const char *sql = notes ?
		"SELECT r.id FROM release r WHERE r.stream='icd10cm' AND r.effective_from <= "
		"(SELECT effective_from FROM release WHERE id=?1) AND EXISTS "
		"(SELECT 1 FROM note n WHERE n.release_id=r.id) ORDER BY r.effective_from DESC LIMIT 1" :
		"SELECT r.id FROM release r WHERE r.stream='icd10cm' AND r.effective_from <= "
		"(SELECT effective_from FROM release WHERE id=?1) AND EXISTS "
		"(SELECT 1 FROM index_term n WHERE n.release_id=r.id) ORDER BY r.effective_from DESC LIMIT 1";
	sqlite3_stmt *st = NULL;
	int64_t id = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, rel);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static bool is_extension(const mc_detect *d, uint32_t i)
{
	const dt_code *c = &d->codes[i];
	if (!c->billable || strlen(c->compact) != 7 || c->parent == DT_NONE)
		return false;
	const dt_code *p = &d->codes[c->parent];
	size_t pl = strlen(p->title);
	return p->seventh && strncmp(c->title, p->title, pl) == 0 && c->title[pl] == ',';
}

static int load_codes(mc_detect *d, mc_store *s, int64_t rel, mc_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT code, title_long, billable, parent FROM code WHERE release_id=?1 "
			       "AND system='icd10cm' AND kind IN ('code','category') ORDER BY compact",
			       -1, &st, NULL) != SQLITE_OK)
		return dberr(s, err, "reading codes");
	sqlite3_bind_int64(st, 1, rel);
	int rc = 0, r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rc = dt_add_code(d, col_text(st, 0), col_text(st, 1), sqlite3_column_int(st, 2),
				 col_text(st, 3), err);
		if (rc < 0)
			break;
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = dberr(s, err, "reading codes");
	sqlite3_finalize(st);
	return rc;
}

typedef struct ua_ctx {
	mc_detect *d;
	mc_error *err;
} ua_ctx;

static int on_use_additional(const char *code, const char *text, void *payload)
{
	ua_ctx *u = payload;
	uint32_t ci = dt_code_find(u->d, code);
	return ci == DT_NONE ? 0 : dt_add_use_additional(u->d, ci, text, u->err);
}

/* "Use additional code" notes, through the store's notes reader. */
static int load_use_additional(mc_detect *d, mc_store *s, int64_t rel, mc_error *err)
{
	ua_ctx u = { d, err };
	return mc_store_icd_notes(s, rel, "use_additional", on_use_additional, &u, err);
}

static int load_notes(mc_detect *d, mc_store *s, int64_t rel, mc_error *err)
{
	int64_t nrel = release_with(s, rel, true);
	if (!nrel)
		return 0;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT code, kind, text FROM note WHERE release_id=?1 "
			       "AND kind IN ('inclusion','excludes1') ORDER BY code, kind",
			       -1, &st, NULL) != SQLITE_OK)
		return dberr(s, err, "reading notes");
	sqlite3_bind_int64(st, 1, nrel);
	int rc = 0, r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t ci = dt_code_find(d, col_text(st, 0));
		if (ci == DT_NONE)
			continue;
		const char *kind = col_text(st, 1);
		if (strcmp(kind, "inclusion") == 0)
			rc = dt_add_title_terms(d, ci, col_text(st, 2), DT_K_INCL, err);
		else
			rc = dt_add_excludes(d, ci, col_text(st, 2), err);
		if (rc < 0)
			break;
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = dberr(s, err, "reading notes");
	sqlite3_finalize(st);
	return rc;
}

/* Index codes may end with "-" (more characters needed): the nearest code
 * the dictionary holds. */
static uint32_t index_code(const mc_detect *d, const char *code)
{
	char c[MC_CODE_MAX];
	size_t n = 0;
	for (const char *p = code; *p && n + 1 < sizeof(c); p++)
		if (*p != '-' && *p != '.')
			c[n++] = *p;
	c[n] = 0;
	while (n >= 3) {
		uint32_t i = dt_map_get(&d->code_ix, c, n);
		if (i != DT_NONE)
			return i;
		n--;
	}
	return DT_NONE;
}

static const char *column_head(const char *kind, const char *col)
{
	if (strcmp(kind, "neoplasm") == 0) {
		if (strcmp(col, "Malignant Primary") == 0)
			return "malignant neoplasm";
		if (strcmp(col, "Malignant Secondary") == 0)
			return "secondary malignant neoplasm";
		if (strcmp(col, "Ca in situ") == 0)
			return "carcinoma in situ";
		if (strcmp(col, "Benign") == 0)
			return "benign neoplasm";
		if (strcmp(col, "Uncertain Behavior") == 0)
			return "neoplasm uncertain behavior";
		if (strcmp(col, "Unspecified Behavior") == 0)
			return "neoplasm";
		return NULL;
	}
	if (strcmp(col, "Poisoning Accidental (unintentional)") == 0)
		return "poisoning";
	if (strcmp(col, "Adverse effect") == 0)
		return "adverse effect";
	if (strcmp(col, "Underdosing") == 0)
		return "underdosing";
	return NULL;
}

static int load_index(mc_detect *d, mc_store *s, int64_t rel, mc_error *err)
{
	int64_t irel = release_with(s, rel, false);
	if (!irel)
		return 0;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT kind, path, code, col FROM index_term WHERE release_id=?1 "
			       "AND kind IN ('neoplasm','drug') AND code IS NOT NULL AND code != ''",
			       -1, &st, NULL) != SQLITE_OK)
		return dberr(s, err, "reading index terms");
	sqlite3_bind_int64(st, 1, irel);
	int rc = 0, r;
	char phrase[512];
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = col_text(st, 0), *path = col_text(st, 1);
		const char *head = column_head(kind, col_text(st, 3));
		uint32_t ci = index_code(d, col_text(st, 2));
		if (!head || ci == DT_NONE)
			continue;
		bool neo = strcmp(kind, "neoplasm") == 0;
		if (neo) {
			const char *gt = strstr(path, " > ");
			if (!gt)
				continue; /* the bare "Neoplasm, neoplastic" row: titles cover it */
			path = gt + 3;
		}
		size_t k = 0;
		for (const char *p = path; *p && k + 1 < sizeof(phrase); p++) {
			if (p[0] == ' ' && p[1] == '>' && p[2] == ' ') {
				phrase[k++] = ' ';
				p += 2;
			} else
				phrase[k++] = *p;
		}
		phrase[k] = 0;
		rc = dt_add_term(d, ci, phrase, head, neo ? DT_K_NEOPL : DT_K_DRUG, err);
		if (rc < 0)
			break;
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = dberr(s, err, "reading index terms");
	sqlite3_finalize(st);
	return rc;
}

static int add_titles(mc_detect *d, mc_error *err)
{
	for (uint32_t i = 0; i < d->ncodes; i++) {
		if (is_extension(d, i))
			continue;
		int rc = dt_add_title_terms(d, i, d->codes[i].title, DT_K_TITLE, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int mc_detect_new(mc_detect **out, mc_store *store, const char *date, mc_error *err)
{
	*out = NULL;
	mc_detect *d = NULL;
	int64_t rel = 0;
	int rc = find_release(store, date, &rel, err);
	if (rc < 0)
		return rc;
	if ((rc = dt_dict_alloc(&d, err)) < 0)
		return rc;
	if ((rc = dt_load_lexicons(d, err)) < 0 || (rc = load_codes(d, store, rel, err)) < 0 ||
	    (rc = dt_link_codes(d, err)) < 0 || (rc = add_titles(d, err)) < 0 ||
	    (rc = load_notes(d, store, rel, err)) < 0 || (rc = load_use_additional(d, store, rel, err)) < 0 ||
	    (rc = load_index(d, store, rel, err)) < 0 ||
	    (rc = dt_finish(d, err)) < 0) {
		mc_detect_free(d);
		return rc;
	}
	if (d->ncodes == 0) {
		mc_detect_free(d);
		return mc_error_set(err, MC_ENOTFOUND, "detect: the ICD-10-CM release holds no codes");
	}
	*out = d;
	return 0;
}

int mc_detect_new_from_tsv(mc_detect **out, const char *tsv, size_t len, mc_error *err)
{
	*out = NULL;
	mc_detect *d = NULL;
	int rc = dt_dict_alloc(&d, err);
	if (rc < 0)
		return rc;
	if ((rc = dt_load_lexicons(d, err)) < 0)
		goto fail;
	/* two passes: codes, then terms (synonym columns) */
	for (int pass = 0; pass < 2; pass++) {
		mc_csv r;
		mc_csv_init(&r, tsv, len, '\t', false);
		mc_csv_row row;
		while ((rc = mc_csv_next(&r, &row, err)) > 0) {
			if (row.count < 3 || row.field[0][0] == '#')
				continue;
			if (pass == 0) {
				rc = dt_add_code(d, row.field[0], row.field[2], row.field[1][0] == '1', NULL, err);
			} else {
				uint32_t ci = dt_code_find(d, row.field[0]);
				if (ci == DT_NONE)
					continue;
				rc = 0;
				if (!is_extension(d, ci))
					rc = dt_add_title_terms(d, ci, row.field[2], DT_K_TITLE, err);
				/* a column "use additional code ..." is that note */
				for (size_t k = 3; rc == 0 && k < row.count; k++)
					rc = strncmp(row.field[k], "use additional code", 19) == 0 ?
						     dt_add_use_additional(d, ci, row.field[k], err) :
						     dt_add_title_terms(d, ci, row.field[k], DT_K_INCL, err);
			}
			if (rc < 0)
				break;
		}
		mc_csv_release(&r);
		if (rc < 0)
			goto fail;
		if (pass == 0 && (rc = dt_link_codes(d, err)) < 0)
			goto fail;
	}
	if ((rc = dt_finish(d, err)) < 0)
		goto fail;
	*out = d;
	return 0;
fail:
	mc_detect_free(d);
	return rc;
}
