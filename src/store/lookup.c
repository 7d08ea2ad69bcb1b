/* Lookup: resolve a query to codes valid on a date and assemble each
 * code's full record from every release in force on that date. */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/lookup.h"
#include "medcode/release_age.h"
#include "store/store_int.h"

enum { MAX_RELEASES = 256, DEFAULT_MAX_CODES = 500, MAX_CHILDREN = 100,
       MAX_INDEX = 25, MAX_PTP = 50, MAX_DEPTH = 12 };

typedef struct rel_info {
	int64_t id;
	const char *stream, *label, *from, *to, *system, *files; /* borrowed from the store's cache */
	bool active;            /* in force on the lookup date */
} rel_info;

typedef struct lk {
	mc_store *s;
	mc_arena *a;
	mc_error *err;
	const char *date;
	rel_info rel[MAX_RELEASES];
	size_t nrel;
	int rc;                 /* first failure */
} lk;

#define COL(st, i) ((const char *)sqlite3_column_text((st), (i)))

static const char *adup(lk *k, const char *s)
{
	char *d = mc_arena_strdup(k->a, s);
	if (s && !d && k->rc == 0)
		k->rc = mc_error_set(k->err, MC_ENOMEM, "out of memory in lookup");
	return d;
}

static void *aalloc(lk *k, size_t n)
{
	void *p = mc_arena_alloc(k->a, n);
	if (!p && k->rc == 0)
		k->rc = mc_error_set(k->err, MC_ENOMEM, "out of memory in lookup");
	return p;
}

static sqlite3_stmt *stmt(lk *k, int id, const char *sql)
{
	sqlite3_stmt *st = mc_store_stmt(k->s, id, sql, k->err);
	if (!st && k->rc == 0)
		k->rc = MC_EDB;
	return st;
}

static int load_releases(lk *k)
{
	int rc = mc_store_rel_cache(k->s, k->err);
	if (rc < 0)
		return k->rc = rc;
	for (size_t i = 0; i < k->s->nrel && k->nrel < MAX_RELEASES; i++) {
		const mc_rel_entry *e = &k->s->rel[i];
		rel_info *r = &k->rel[k->nrel++];
		*r = (rel_info){ e->id, e->stream, e->label, e->from, e->to, e->system, e->files, false };
	}
	/* Active = latest effective_from on or before the date, per stream
	 * (the cache is ordered by stream, then effective_from). */
	for (size_t i = 0; i < k->nrel; i++) {
		rel_info *r = &k->rel[i];
		if (!r->from || strcmp(r->from, k->date) > 0)
			continue;
		size_t j = i + 1;
		bool later = j < k->nrel && strcmp(k->rel[j].stream, r->stream) == 0 &&
			     k->rel[j].from && strcmp(k->rel[j].from, k->date) <= 0;
		r->active = !later;
	}
	return k->rc;
}

static rel_info *rel_by_id(lk *k, int64_t id)
{
	for (size_t i = 0; i < k->nrel; i++)
		if (k->rel[i].id == id)
			return &k->rel[i];
	return NULL;
}

static rel_info *rel_active(lk *k, const char *stream)
{
	for (size_t i = 0; i < k->nrel; i++)
		if (k->rel[i].active && strcmp(k->rel[i].stream, stream) == 0)
			return &k->rel[i];
	return NULL;
}

/* NCCI edit tables are cumulative and date each row, so a date before the
 * first loaded release is answered from that release's row dates. */
static rel_info *rel_for_dated_rows(lk *k, const char *stream)
{
	rel_info *r = rel_active(k, stream);
	if (r)
		return r;
	for (size_t i = 0; i < k->nrel; i++)
		if (strcmp(k->rel[i].stream, stream) == 0)
			return &k->rel[i]; /* ordered by effective_from: the earliest */
	return NULL;
}

static void set_source(lk *k, mc_source *src, const rel_info *r)
{
	if (!r)
		return;
	/* Copied: a result outlives the store's release cache. */
	src->stream = adup(k, r->stream);
	src->label = adup(k, r->label);
	src->effective_from = adup(k, r->from);
	src->effective_to = adup(k, r->to);
	src->files = adup(k, r->files);
	/* Facts of a release past its next scheduled one may be stale. */
	mc_release_age age;
	mc_store_age_fill(&age, r->stream, r->label, r->from, NULL, k->date);
	if (*age.next_due)
		src->next_due = adup(k, age.next_due);
	if (age.may_be_stale) {
		char note[400];
		src->age_note = adup(k, mc_release_age_sentence(&age, note, sizeof(note)));
	}
}

/* ---- query parsing -------------------------------------------------------- */

typedef enum { Q_EXACT, Q_RANGE, Q_PREFIX } qkind;

typedef struct query {
	qkind kind;
	char lo[MC_CODE_MAX], hi[MC_CODE_MAX];
	char raw[MC_CODE_MAX];    /* upper-cased query for exact range-shaped codes */
} query;

static int parse_query(const char *q, query *out, mc_error *err)
{
	char buf[128];
	size_t n = mc_copy_trim(buf, sizeof(buf), q, strlen(q));
	memset(out, 0, sizeof(*out));
	if (n == 0)
		return mc_error_set(err, MC_EINVAL, "empty code");
	if (n >= MC_CODE_MAX * 2)
		return mc_error_set(err, MC_EINVAL, "'%.40s...' is too long for a code", buf);
	for (size_t i = 0; i < n && i + 1 < MC_CODE_MAX; i++) {
		char c = buf[i];
		out->raw[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
	}
	if (buf[n - 1] == '*') {
		buf[n - 1] = '\0';
		if (!mc_code_compact(buf, out->lo))
			return mc_error_set(err, MC_EINVAL, "'%s*' is not a code prefix", buf);
		out->kind = Q_PREFIX;
		return 0;
	}
	char *dash = strchr(buf, '-');
	if (dash && dash != buf) {
		*dash = '\0';
		if (mc_code_compact(buf, out->lo) && mc_code_compact(dash + 1, out->hi) &&
		    strlen(out->lo) == strlen(out->hi)) {
			if (strcmp(out->lo, out->hi) > 0)
				return mc_error_set(err, MC_EINVAL, "range '%s' runs backwards", out->raw);
			out->kind = Q_RANGE;
			return 0;
		}
		return mc_error_set(err, MC_EINVAL, "'%s' is not a code or a range of codes", out->raw);
	}
	if (!mc_code_compact(buf, out->lo))
		return mc_error_set(err, MC_EINVAL, "'%s' is not a code (letters, digits and dots only)", buf);
	out->kind = Q_EXACT;
	return 0;
}

/* ---- record assembly ------------------------------------------------------ */

static void fill_core(lk *k, mc_code_record *r, int64_t code_id, int64_t *parent_release,
		      const char **parent)
{
	sqlite3_stmt *st = stmt(k, LK_CORE,
		"SELECT system, code, title_short, title_long, title_other, billable, kind, parent,"
		" status, valid_from, valid_to, release_id FROM code WHERE id=?1");
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, code_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->system = adup(k, COL(st, 0));
		r->code = adup(k, COL(st, 1));
		r->title_short = adup(k, COL(st, 2));
		r->title_long = adup(k, COL(st, 3));
		r->title_other = adup(k, COL(st, 4));
		r->billable = sqlite3_column_int(st, 5);
		r->kind = adup(k, COL(st, 6));
		*parent = adup(k, COL(st, 7));
		r->status = adup(k, COL(st, 8));
		r->valid_from = adup(k, COL(st, 9));
		r->valid_to = adup(k, COL(st, 10));
		*parent_release = sqlite3_column_int64(st, 11);
	}
	sqlite3_reset(st);
}

static void fill_attrs(lk *k, mc_code_record *r, int64_t code_id)
{
	sqlite3_stmt *st = stmt(k, LK_ATTRS, "SELECT key, value FROM code_attr WHERE code_id=?1 ORDER BY key");
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, code_id);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (r->nattrs == cap) {
			size_t nc = cap ? cap * 2 : 16;
			mc_kv *na = aalloc(k, nc * sizeof(*na));
			if (!na)
				break;
			if (r->nattrs)
				memcpy(na, r->attrs, r->nattrs * sizeof(*na));
			r->attrs = na;
			cap = nc;
		}
		r->attrs[r->nattrs].key = adup(k, COL(st, 0));
		r->attrs[r->nattrs].value = adup(k, COL(st, 1));
		r->nattrs++;
	}
	sqlite3_reset(st);
}

static void fill_ancestors(lk *k, mc_code_record *r, int64_t rel, const char *parent)
{
	/* One indexed point query per level: cheaper here than a recursive
	 * CTE, whose coroutine and sort cost more than the five lookups. */
	mc_code_ref tmp[MAX_DEPTH];
	size_t n = 0;
	sqlite3_stmt *st = stmt(k, LK_PARENT,
		"SELECT code, title_long, kind, billable, parent FROM code"
		" WHERE release_id=?1 AND system=?2 AND code=?3");
	if (!st)
		return;
	const char *p = parent;
	while (p && n < MAX_DEPTH) {
		sqlite3_bind_int64(st, 1, rel);
		mc_bind_text(st, 2, r->system);
		mc_bind_text(st, 3, p);
		if (sqlite3_step(st) != SQLITE_ROW)
			break;
		tmp[n].code = adup(k, COL(st, 0));
		tmp[n].title = adup(k, COL(st, 1));
		tmp[n].kind = adup(k, COL(st, 2));
		tmp[n].billable = sqlite3_column_int(st, 3);
		p = adup(k, COL(st, 4));
		sqlite3_reset(st);
		n++;
	}
	sqlite3_reset(st);
	if (!n)
		return;
	r->ancestors = aalloc(k, n * sizeof(*r->ancestors));
	if (!r->ancestors)
		return;
	for (size_t i = 0; i < n; i++)
		r->ancestors[i] = tmp[n - 1 - i];
	r->nancestors = n;
}

static void fill_children(lk *k, mc_code_record *r, int64_t rel, int64_t code_id)
{
	/* Only hierarchical systems have children; a billable code has none. */
	if (r->billable == 1 ||
	    (strcmp(r->system, "icd10cm") != 0 && strcmp(r->system, "taxonomy") != 0))
		return;
	bool by_prefix = strcmp(r->system, "icd10cm") == 0 && r->kind &&
			 strcmp(r->kind, "chapter") != 0 && strcmp(r->kind, "section") != 0;
	sqlite3_stmt *st;
	if (by_prefix) {
		st = stmt(k, LK_DESC,
			"SELECT code, title_long, kind, billable FROM code WHERE release_id=?1 AND system=?2"
			" AND compact GLOB ?3 AND billable=1 AND id<>?4 ORDER BY compact LIMIT 101");
		if (!st)
			return;
		char key[MC_CODE_MAX + 2];
		char compact[MC_CODE_MAX];
		if (!mc_code_compact(r->code, compact))
			return;
		snprintf(key, sizeof(key), "%s*", compact);
		sqlite3_bind_int64(st, 1, rel);
		mc_bind_text(st, 2, r->system);
		mc_bind_text(st, 3, key);
		sqlite3_bind_int64(st, 4, code_id);
	} else {
		st = stmt(k, LK_CHILDREN,
			"SELECT code, title_long, kind, billable FROM code INDEXED BY code_by_parent"
			" WHERE release_id=?1 AND system=?2 AND parent=?3 ORDER BY compact LIMIT 101");
		if (!st)
			return;
		sqlite3_bind_int64(st, 1, rel);
		mc_bind_text(st, 2, r->system);
		mc_bind_text(st, 3, r->code);
	}
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (r->nchildren == MAX_CHILDREN) {
			r->children_truncated = true;
			break;
		}
		if (r->nchildren == cap) {
			size_t nc = cap ? cap * 2 : 16;
			mc_code_ref *na = aalloc(k, nc * sizeof(*na));
			if (!na)
				break;
			if (r->nchildren)
				memcpy(na, r->children, r->nchildren * sizeof(*na));
			r->children = na;
			cap = nc;
		}
		mc_code_ref *c = &r->children[r->nchildren++];
		c->code = adup(k, COL(st, 0));
		c->title = adup(k, COL(st, 1));
		c->kind = adup(k, COL(st, 2));
		c->billable = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
}

/* Notes of this code: from its own release, else from the latest release
 * of the same system that has notes for it (e.g. an older tabular list). */
static void fill_notes(lk *k, mc_code_record *r, int64_t rel)
{
	/* Rows of every release; keep those of the code's own release, else
	 * of the latest release (by effective date) that has notes for it. */
	sqlite3_stmt *st = stmt(k, LK_NOTES, "SELECT kind, text, release_id FROM note WHERE code=?1");
	if (!st)
		return;
	mc_bind_text(st, 1, r->code);
	int64_t best = 0;
	const char *best_from = NULL;
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 2);
		if (id != best) {
			rel_info *ri = rel_by_id(k, id);
			if (!ri || !ri->system || strcmp(ri->system, r->system) != 0)
				continue;
			bool better = best == 0 || id == rel ||
				      (best != rel && ri->from && best_from && strcmp(ri->from, best_from) > 0);
			if (!better)
				continue;
			best = id;
			best_from = ri->from;
			r->nnotes = 0; /* a better release: start over */
		}
		if (r->nnotes == cap) {
			size_t nc = cap ? cap * 2 : 16;
			mc_note_item *na = aalloc(k, nc * sizeof(*na));
			if (!na)
				break;
			if (r->nnotes)
				memcpy(na, r->notes, r->nnotes * sizeof(*na));
			r->notes = na;
			cap = nc;
		}
		r->notes[r->nnotes].kind = adup(k, COL(st, 0));
		r->notes[r->nnotes].text = adup(k, COL(st, 1));
		r->nnotes++;
	}
	sqlite3_reset(st);
	if (r->nnotes)
		set_source(k, &r->notes_source, rel_by_id(k, best));
}

/* 7th characters that apply: the nearest definition on the code or an
 * ancestor, from any release of the system that has one. */
static void fill_seventh(lk *k, mc_code_record *r)
{
	/* Only a header can still take a 7th character. */
	if (strcmp(r->system, "icd10cm") != 0 || r->billable != 0)
		return;
	sqlite3_stmt *st = stmt(k, LK_SEVENTH_ANY,
		"SELECT s.chr, s.meaning FROM seventh s JOIN release r ON r.id=s.release_id"
		" WHERE s.code=?1 ORDER BY r.effective_from DESC, s.rowid");
	if (!st)
		return;
	for (size_t i = r->nancestors + 1; i-- > 0;) {
		const char *c = i == r->nancestors ? r->code : r->ancestors[i].code;
		sqlite3_reset(st);
		mc_bind_text(st, 1, c);
		size_t cap = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (r->nseventh == cap) {
				size_t nc = cap ? cap * 2 : 8;
				mc_kv *na = aalloc(k, nc * sizeof(*na));
				if (!na)
					break;
				if (r->nseventh)
					memcpy(na, r->seventh, r->nseventh * sizeof(*na));
				r->seventh = na;
				cap = nc;
			}
			r->seventh[r->nseventh].key = adup(k, COL(st, 0));
			r->seventh[r->nseventh].value = adup(k, COL(st, 1));
			r->nseventh++;
		}
		if (r->nseventh)
			break;
	}
	sqlite3_reset(st);
}

static void fill_index(lk *k, mc_code_record *r)
{
	if (strcmp(r->system, "icd10cm") != 0)
		return;
	char compact[MC_CODE_MAX];
	if (!mc_code_compact(r->code, compact))
		return;
	sqlite3_stmt *st = stmt(k, LK_INDEX,
		"SELECT path, kind, coalesce(col,'') FROM index_term WHERE compact=?1 LIMIT 25");
	if (!st)
		return;
	mc_bind_text(st, 1, compact);
	r->index_terms = aalloc(k, MAX_INDEX * sizeof(*r->index_terms));
	while (r->index_terms && r->nindex < MAX_INDEX && sqlite3_step(st) == SQLITE_ROW) {
		const char *col = COL(st, 2);
		mc_buf b = MC_BUF_INIT;
		if (col && *col)
			mc_buf_printf(&b, "%s [%s]", COL(st, 0), col);
		else
			mc_buf_puts(&b, COL(st, 0));
		r->index_terms[r->nindex].key = adup(k, b.ptr ? b.ptr : "");
		r->index_terms[r->nindex].value = adup(k, COL(st, 1));
		mc_buf_release(&b);
		r->nindex++;
	}
	sqlite3_reset(st);
}

static const int indicator_fields[] = {
	MC_RVU_STATUS, MC_RVU_PCTC, MC_RVU_GLOBAL, MC_RVU_MULT_PROC, MC_RVU_BILAT, MC_RVU_ASST,
	MC_RVU_CO_SURG, MC_RVU_TEAM, MC_RVU_PHYS_SUPERVISION, MC_RVU_IMAGING_FAMILY,
	MC_RVU_NONFAC_NA, MC_RVU_FAC_NA,
};
#define N_INDICATORS (sizeof(indicator_fields) / sizeof(indicator_fields[0]))

static void fill_rvu(lk *k, mc_code_record *r)
{
	rel_info *ri = rel_active(k, "rvu");
	if (!ri)
		return;
	sqlite3_stmt *st = stmt(k, LK_RVU, "SELECT * FROM rvu WHERE hcpcs=?1 AND release_id=?2 ORDER BY mod");
	if (!st)
		return;
	mc_bind_text(st, 1, r->code);
	sqlite3_bind_int64(st, 2, ri->id);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (r->nrvu == cap) {
			size_t nc = cap ? cap * 2 : 4;
			mc_rvu_item *na = aalloc(k, nc * sizeof(*na));
			if (!na)
				break;
			if (r->nrvu)
				memcpy(na, r->rvu, r->nrvu * sizeof(*na));
			r->rvu = na;
			cap = nc;
		}
		mc_rvu_item *it = &r->rvu[r->nrvu++];
		for (int f = 0; f < MC_RVU_NFIELDS; f++)
			it->field[f] = adup(k, COL(st, f + 1));
		it->mod = it->field[MC_RVU_MOD];
		it->indicators = aalloc(k, N_INDICATORS * sizeof(*it->indicators));
		for (size_t i = 0; it->indicators && i < N_INDICATORS; i++) {
			int f = indicator_fields[i];
			const char *v = it->field[f];
			if (!v || !*v)
				continue;
			mc_indicator_item *ind = &it->indicators[it->nindicators++];
			ind->field = mc_rvu_field_names[f];
			ind->value = v;
			ind->meaning = mc_indicator_meaning(mc_rvu_field_names[f], v);
		}
	}
	sqlite3_reset(st);
	if (r->nrvu)
		set_source(k, &r->rvu_source, ri);
}

static void fill_mue(lk *k, mc_code_record *r)
{
	rel_info *ri = rel_active(k, "mue");
	if (!ri)
		return;
	sqlite3_stmt *st = stmt(k, LK_MUE,
		"SELECT service_type, units, mai, mai_desc, rationale FROM mue WHERE code=?1 AND release_id=?2"
		" ORDER BY service_type");
	if (!st)
		return;
	mc_bind_text(st, 1, r->code);
	sqlite3_bind_int64(st, 2, ri->id);
	r->mue = aalloc(k, 4 * sizeof(*r->mue));
	while (r->mue && r->nmue < 4 && sqlite3_step(st) == SQLITE_ROW) {
		mc_mue_item *m = &r->mue[r->nmue++];
		m->service_type = adup(k, COL(st, 0));
		m->units = (long)sqlite3_column_int64(st, 1);
		m->mai = sqlite3_column_int(st, 2);
		m->mai_desc = adup(k, COL(st, 3));
		m->rationale = adup(k, COL(st, 4));
	}
	sqlite3_reset(st);
	if (r->nmue)
		set_source(k, &r->mue_source, ri);
}

static void fill_aoc_list(lk *k, int id, const char *sql, const char *code, int64_t rel,
			  mc_aoc_item **out, size_t *n)
{
	sqlite3_stmt *st = stmt(k, id, sql);
	if (!st)
		return;
	mc_bind_text(st, 1, code);
	sqlite3_bind_int64(st, 2, rel);
	mc_bind_text(st, 3, k->date);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			mc_aoc_item *na = aalloc(k, nc * sizeof(*na));
			if (!na)
				break;
			if (*n)
				memcpy(na, *out, *n * sizeof(*na));
			*out = na;
			cap = nc;
		}
		mc_aoc_item *it = &(*out)[(*n)++];
		it->code = adup(k, COL(st, 0));
		it->effective = adup(k, COL(st, 1));
		it->deleted = adup(k, COL(st, 2));
		it->edit_type = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
}

static void fill_aoc(lk *k, mc_code_record *r)
{
	rel_info *ri = rel_for_dated_rows(k, "aoc");
	if (!ri)
		return;
	fill_aoc_list(k, LK_AOC_ADDON,
		"SELECT primary_code, effective, deleted, edit_type FROM aoc WHERE addon=?1 AND release_id=?2"
		" AND (effective IS NULL OR effective<=?3) AND (deleted IS NULL OR deleted>=?3)"
		" ORDER BY primary_code", r->code, ri->id, &r->addon_primaries, &r->naddon_primaries);
	fill_aoc_list(k, LK_AOC_PRIMARY,
		"SELECT addon, effective, deleted, edit_type FROM aoc WHERE primary_code=?1 AND release_id=?2"
		" AND (effective IS NULL OR effective<=?3) AND (deleted IS NULL OR deleted>=?3)"
		" ORDER BY addon", r->code, ri->id, &r->addons, &r->naddons);
	if (r->naddon_primaries || r->naddons)
		set_source(k, &r->aoc_source, ri);
}

static void fill_ptp(lk *k, mc_code_record *r)
{
	rel_info *ri = rel_for_dated_rows(k, "ptp");
	if (!ri)
		return;
	sqlite3_stmt *st = stmt(k, LK_PTP_COUNT,
		"SELECT count(*) FROM ptp WHERE release_id=?2 AND (column1=?1 OR column2=?1)"
		" AND (effective IS NULL OR effective<=?3) AND (deleted IS NULL OR deleted>=?3)");
	if (!st)
		return;
	mc_bind_text(st, 1, r->code);
	sqlite3_bind_int64(st, 2, ri->id);
	mc_bind_text(st, 3, k->date);
	if (sqlite3_step(st) == SQLITE_ROW)
		r->ptp_total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (!r->ptp_total)
		return;
	st = stmt(k, LK_PTP,
		"SELECT column1, column2, effective, deleted, setting, rationale, modifier_indicator FROM ptp"
		" WHERE release_id=?2 AND (column1=?1 OR column2=?1)"
		" AND (effective IS NULL OR effective<=?3) AND (deleted IS NULL OR deleted>=?3)"
		" ORDER BY column1, column2 LIMIT 50");
	if (!st)
		return;
	mc_bind_text(st, 1, r->code);
	sqlite3_bind_int64(st, 2, ri->id);
	mc_bind_text(st, 3, k->date);
	r->ptp = aalloc(k, MAX_PTP * sizeof(*r->ptp));
	while (r->ptp && r->nptp < MAX_PTP && sqlite3_step(st) == SQLITE_ROW) {
		mc_ptp_item *p = &r->ptp[r->nptp++];
		p->column1 = adup(k, COL(st, 0));
		p->column2 = adup(k, COL(st, 1));
		p->effective = adup(k, COL(st, 2));
		p->deleted = adup(k, COL(st, 3));
		p->setting = adup(k, COL(st, 4));
		p->rationale = adup(k, COL(st, 5));
		p->modifier_indicator = sqlite3_column_int(st, 6);
	}
	sqlite3_reset(st);
	set_source(k, &r->ptp_source, ri);
}

static void fill_history(lk *k, mc_code_record *r)
{
	sqlite3_stmt *st = stmt(k, LK_HISTORY,
		"SELECT date, change, old, new FROM history WHERE code=?2 AND system=?1 ORDER BY date");
	if (!st)
		return;
	mc_bind_text(st, 1, r->system);
	mc_bind_text(st, 2, r->code);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (r->nhistory == cap) {
			size_t nc = cap ? cap * 2 : 8;
			mc_history_item *na = aalloc(k, nc * sizeof(*na));
			if (!na)
				break;
			if (r->nhistory)
				memcpy(na, r->history, r->nhistory * sizeof(*na));
			r->history = na;
			cap = nc;
		}
		mc_history_item *h = &r->history[r->nhistory++];
		h->date = adup(k, COL(st, 0));
		h->change = adup(k, COL(st, 1));
		h->old = adup(k, COL(st, 2));
		h->new_ = adup(k, COL(st, 3));
	}
	sqlite3_reset(st);
}

static void fill_record(lk *k, mc_code_record *r, int64_t code_id, const char *state, bool brief)
{
	int64_t rel = 0;
	const char *parent = NULL;
	fill_core(k, r, code_id, &rel, &parent);
	if (!r->code)
		return;
	r->state = state;
	set_source(k, &r->source, rel_by_id(k, rel));
	if (strcmp(state, "active") == 0 && r->valid_to && strcmp(r->valid_to, k->date) < 0) {
		r->state = "deleted";
		r->deleted_on = r->valid_to;
	}
	if (brief)
		return;
	fill_attrs(k, r, code_id);
	fill_ancestors(k, r, rel, parent);
	fill_children(k, r, rel, code_id);
	fill_notes(k, r, rel);
	fill_seventh(k, r);
	fill_index(k, r);
	if (strcmp(r->system, "cpt") == 0 || strcmp(r->system, "hcpcs") == 0) {
		fill_rvu(k, r);
		fill_mue(k, r);
		fill_aoc(k, r);
		fill_ptp(k, r);
	}
	fill_history(k, r);
}

/* ---- candidates ------------------------------------------------------------ */

typedef struct hit {
	int64_t code_id, release_id;
	const char *system, *code, *stream;
	int prio;
} hit;

/* Among streams of one system, which wins a duplicate: licensed sources
 * over the fee-schedule short descriptors. */
static int stream_prio(const char *stream)
{
	if (strcmp(stream, "cpt-ama") == 0 || strncmp(stream, "modifier-ama", 12) == 0)
		return 0;
	if (strncmp(stream, "custom:", 7) == 0)
		return 2;
	return 1;
}

static int collect(lk *k, const query *q, mc_system sys, bool any_release, hit **out, size_t *n,
		   size_t max, bool *truncated)
{
	sqlite3_stmt *st;
	char glob[MC_CODE_MAX + 2];
	if (any_release) {
		st = stmt(k, LK_ANY, "SELECT id, release_id, system, code FROM code WHERE compact=?1 OR compact=?2");
		if (!st)
			return k->rc;
		mc_bind_text(st, 1, q->lo);
		mc_bind_text(st, 2, q->raw);
	} else if (q->kind == Q_EXACT) {
		st = stmt(k, LK_EXACT, "SELECT id, release_id, system, code FROM code WHERE compact=?1");
		if (!st)
			return k->rc;
		/* A range-shaped code (section "E08-E13") is keyed as written. */
		mc_bind_text(st, 1, strchr(q->raw, '-') ? q->raw : q->lo);
	} else if (q->kind == Q_RANGE) {
		st = stmt(k, LK_RANGE,
			"SELECT id, release_id, system, code FROM code WHERE compact BETWEEN ?1 AND ?2"
			" AND length(compact)=?3 ORDER BY compact");
		if (!st)
			return k->rc;
		mc_bind_text(st, 1, q->lo);
		mc_bind_text(st, 2, q->hi);
		sqlite3_bind_int(st, 3, (int)strlen(q->lo));
	} else {
		st = stmt(k, LK_PREFIX,
			"SELECT id, release_id, system, code FROM code WHERE compact GLOB ?1 ORDER BY compact");
		if (!st)
			return k->rc;
		snprintf(glob, sizeof(glob), "%s*", q->lo);
		mc_bind_text(st, 1, glob);
	}
	size_t cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t rid = sqlite3_column_int64(st, 1);
		rel_info *ri = rel_by_id(k, rid);
		if (!ri || (!any_release && !ri->active))
			continue;
		const char *system = COL(st, 2);
		if (sys != MC_SYS_NONE && strcmp(system, mc_system_name(sys)) != 0)
			continue;
		if (*n >= max) {
			*truncated = true;
			break;
		}
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			hit *na = aalloc(k, nc * sizeof(*na));
			if (!na)
				break;
			if (*n)
				memcpy(na, *out, *n * sizeof(*na));
			*out = na;
			cap = nc;
		}
		hit *h = &(*out)[(*n)++];
		h->code_id = sqlite3_column_int64(st, 0);
		h->release_id = rid;
		h->system = adup(k, system);
		h->code = adup(k, COL(st, 3));
		h->stream = ri->stream;
		h->prio = stream_prio(ri->stream);
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE && k->rc == 0)
		k->rc = mc_store_dberr(k->s, k->err, "lookup");
	return k->rc;
}

/* Drop duplicates of (system, code) keeping the highest-priority stream. */
static size_t dedupe(hit *h, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		for (; j < w; j++)
			if (strcmp(h[j].system, h[i].system) == 0 && strcmp(h[j].code, h[i].code) == 0)
				break;
		if (j == w)
			h[w++] = h[i];
		else if (h[i].prio < h[j].prio)
			h[j] = h[i];
	}
	return w;
}

/* Fill titles a licensed record lacks from the other source (e.g. CPT short
 * descriptor from the fee schedule when the AMA file has only long ones). */
static void merge_titles(lk *k, mc_code_record *r, const query *q)
{
	if (r->title_short && r->title_long)
		return;
	if (strcmp(r->system, "cpt") != 0 && strcmp(r->system, "modifier") != 0)
		return; /* one source per system elsewhere */
	sqlite3_stmt *st = stmt(k, LK_EXACT, "SELECT id, release_id, system, code FROM code WHERE compact=?1");
	(void)q;
	if (!st)
		return;
	char compact[MC_CODE_MAX];
	if (!mc_code_compact(r->code, compact))
		return;
	mc_bind_text(st, 1, compact);
	int64_t other = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		rel_info *ri = rel_by_id(k, sqlite3_column_int64(st, 1));
		if (ri && ri->active && strcmp(COL(st, 2), r->system) == 0 &&
		    strcmp(ri->stream, r->source.stream ? r->source.stream : "") != 0)
			other = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (!other)
		return;
	mc_code_record tmp = { 0 };
	int64_t rel;
	const char *parent;
	fill_core(k, &tmp, other, &rel, &parent);
	if (!r->title_short)
		r->title_short = tmp.title_short;
	if (!r->title_long)
		r->title_long = tmp.title_long;
}

int mc_lookup(mc_store *s, const char *query_text, const mc_lookup_opts *opts,
	      mc_lookup_result *out, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	bool own_txn = false;
	mc_arena *a = mc_calloc(1, sizeof(*a));
	if (!a)
		return mc_error_set(err, MC_ENOMEM, "out of memory in lookup");
	out->arena_ = a;
	lk *k = mc_malloc(sizeof(*k));
	if (!k)
		return mc_error_set(err, MC_ENOMEM, "out of memory in lookup");
	k->nrel = 0;
	k->rc = 0;
	k->s = s;
	k->a = a;
	k->err = err;
	char today[MC_DATE_LEN];
	const char *date = opts && opts->date ? opts->date : NULL;
	if (!date) {
		mc_date_today(today);
		date = today;
	} else if (!mc_date_valid(date)) {
		mc_free(k);
		return mc_error_set(err, MC_EINVAL, "'%s' is not a date (YYYY-MM-DD)", date);
	}
	k->date = adup(k, date);
	out->date = k->date;
	out->query = adup(k, query_text);
	int rc = k->rc;
	if (rc < 0)
		goto done;
	mc_system sys = opts ? opts->system : MC_SYS_NONE;
	size_t max = opts && opts->max_codes ? opts->max_codes : DEFAULT_MAX_CODES;
	query q;
	rc = parse_query(query_text, &q, err);
	if (rc < 0)
		goto done;
	/* One read transaction for the dozen statements of a record: one
	 * snapshot, and the file lock taken once rather than per statement. */
	if (!s->in_txn) {
		sqlite3_stmt *b = stmt(k, LK_BEGIN, "BEGIN");
		if (!b || sqlite3_step(b) != SQLITE_DONE) {
			rc = k->rc ? k->rc : mc_store_dberr(s, err, "begin read");
			goto done;
		}
		sqlite3_reset(b);
		s->in_txn = 1;
		own_txn = true;
	}
	if ((rc = load_releases(k)) < 0)
		goto done;
	hit *hits = NULL;
	size_t n = 0;
	/* A range-shaped code that exists as such (an ICD-10-CM section). */
	if (q.kind == Q_RANGE) {
		query ex = q;
		ex.kind = Q_EXACT;
		ex.hi[0] = '\0';
		snprintf(ex.lo, sizeof(ex.lo), "%s", q.raw);
		if ((rc = collect(k, &ex, sys, false, &hits, &n, max, &out->truncated)) < 0)
			goto done;
	}
	if (!n && (rc = collect(k, &q, sys, false, &hits, &n, max, &out->truncated)) < 0)
		goto done;
	n = dedupe(hits, n);
	bool brief = (opts && opts->brief) || (q.kind != Q_EXACT && n > 50);
	const char *state = "active";
	if (!n && q.kind == Q_EXACT) {
		/* Not in force on the date: deleted, or not yet valid? */
		if ((rc = collect(k, &q, sys, true, &hits, &n, max, &out->truncated)) < 0)
			goto done;
		/* Keep the latest release of each (system, code). */
		size_t w = 0;
		for (size_t i = 0; i < n; i++) {
			size_t j = 0;
			for (; j < w; j++)
				if (strcmp(hits[j].system, hits[i].system) == 0 &&
				    strcmp(hits[j].code, hits[i].code) == 0)
					break;
			if (j == w) {
				hits[w++] = hits[i];
			} else {
				rel_info *a1 = rel_by_id(k, hits[j].release_id), *a2 = rel_by_id(k, hits[i].release_id);
				if (a1 && a2 && strcmp(a2->from, a1->from) > 0)
					hits[j] = hits[i];
			}
		}
		n = w;
		state = NULL;
	}
	out->items = n ? aalloc(k, n * sizeof(*out->items)) : NULL;
	for (size_t i = 0; out->items && i < n && k->rc == 0; i++) {
		mc_code_record *r = &out->items[out->n++];
		const char *st = state;
		const char *deleted_on = NULL;
		if (!st) {
			rel_info *ri = rel_by_id(k, hits[i].release_id);
			if (ri && ri->from && strcmp(ri->from, k->date) > 0) {
				st = "not_yet_valid";
			} else {
				st = "deleted";
				char d[MC_DATE_LEN];
				if (ri && ri->to && mc_date_add_days(ri->to, 1, d))
					deleted_on = adup(k, d);
			}
		}
		fill_record(k, r, hits[i].code_id, st, brief);
		if (deleted_on)
			r->deleted_on = deleted_on;
		if (!brief)
			merge_titles(k, r, &q);
	}
	rc = k->rc;
done:
	if (own_txn) {
		sqlite3_stmt *e = mc_store_stmt(s, LK_END, "COMMIT", NULL);
		if (e) {
			sqlite3_step(e);
			sqlite3_reset(e);
		}
		s->in_txn = 0;
	}
	if (a->failed && rc == 0)
		rc = mc_error_set(err, MC_ENOMEM, "out of memory in lookup");
	mc_free(k);
	return rc;
}

void mc_lookup_result_release(mc_lookup_result *r)
{
	if (r->arena_) {
		mc_arena_release(r->arena_);
		mc_free(r->arena_);
	}
	memset(r, 0, sizeof(*r));
}
