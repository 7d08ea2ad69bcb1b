/* Code listing: a page of one system's codes in force on a date, with an
 * optional text filter (the read side of FHIR ValueSet/$expand). */
#include <string.h>

#include "core/core.h"
#include "medcode/codes.h"
#include "store/store_int.h"

enum { MAX_STREAMS = 8 };

/* ?1..?8 release ids (-1 = unused), ?9 system, ?10 filter on (0/1),
 * ?11 code prefix pattern or NULL, ?12..?15 title word patterns or NULL. */
#define LIST_FROM \
	" FROM code WHERE release_id IN (?1,?2,?3,?4,?5,?6,?7,?8) AND system=?9" \
	" AND kind NOT IN ('chapter','section')" \
	" AND (?10=0 OR (?11 IS NOT NULL AND compact LIKE ?11 ESCAPE '\\')" \
	"  OR ((?12 IS NULL OR coalesce(title_long,'')||' '||coalesce(title_short,'') LIKE ?12 ESCAPE '\\')" \
	"  AND (?13 IS NULL OR coalesce(title_long,'')||' '||coalesce(title_short,'') LIKE ?13 ESCAPE '\\')" \
	"  AND (?14 IS NULL OR coalesce(title_long,'')||' '||coalesce(title_short,'') LIKE ?14 ESCAPE '\\')" \
	"  AND (?15 IS NULL OR coalesce(title_long,'')||' '||coalesce(title_short,'') LIKE ?15 ESCAPE '\\')))"

static const char sql_page[] =
	"SELECT code, coalesce(title_long, title_short), kind, billable" LIST_FROM
	" GROUP BY compact ORDER BY compact LIMIT ?16 OFFSET ?17";
static const char sql_count[] = "SELECT count(DISTINCT compact)" LIST_FROM;

/* The filter turned into bind values, in the page's arena. */
typedef struct filter {
	bool on;
	char *prefix;                      /* "E115%" or NULL */
	char *word[MC_CODES_MAX_WORDS];    /* "%diabet%" or NULL */
} filter;

/* "%" + s[0..n) with LIKE's metacharacters escaped + "%" (or no leading
 * "%" when anchored). */
static char *like_pattern(mc_arena *a, const char *s, size_t n, bool anchored)
{
	char *p = mc_arena_alloc(a, 2 * n + 3);
	if (!p)
		return NULL;
	size_t w = 0;
	if (!anchored)
		p[w++] = '%';
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			p[w++] = '\\';
		p[w++] = s[i];
	}
	p[w++] = '%';
	p[w] = '\0';
	return p;
}

static int make_filter(mc_arena *a, const char *text, filter *f, mc_error *err)
{
	memset(f, 0, sizeof(*f));
	if (!text)
		return 0;
	size_t len = strlen(text);
	if (len > MC_CODES_MAX_FILTER)
		return mc_error_set(err, MC_EINVAL, "filter is longer than %d bytes", MC_CODES_MAX_FILTER);
	size_t nw = 0;
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		if (nw == MC_CODES_MAX_WORDS)
			return mc_error_set(err, MC_EINVAL, "filter has more than %d words", MC_CODES_MAX_WORDS);
		if (!(f->word[nw++] = like_pattern(a, start, (size_t)(p - start), false)))
			return mc_error_set(err, MC_ENOMEM, "out of memory listing codes");
	}
	if (!nw)
		return 0;
	f->on = true;
	char compact[MC_CODE_MAX];
	if (mc_code_compact(text, compact) && compact[0]) {
		if (!(f->prefix = like_pattern(a, compact, strlen(compact), true)))
			return mc_error_set(err, MC_ENOMEM, "out of memory listing codes");
	}
	return 0;
}

static void bind_common(sqlite3_stmt *st, const int64_t *rel, size_t nrel, const char *system,
			const filter *f)
{
	for (int i = 0; i < MAX_STREAMS; i++)
		sqlite3_bind_int64(st, i + 1, (size_t)i < nrel ? rel[i] : -1);
	mc_bind_text(st, 9, system);
	sqlite3_bind_int(st, 10, f->on ? 1 : 0);
	mc_bind_text(st, 11, f->prefix);
	for (int i = 0; i < MC_CODES_MAX_WORDS; i++)
		mc_bind_text(st, 12 + i, f->word[i]);
}

void mc_code_page_release(mc_code_page *p)
{
	if (p->arena_) {
		mc_arena_release(p->arena_);
		mc_free(p->arena_);
	}
	memset(p, 0, sizeof(*p));
}

/* Releases of system in force on date: ids and "label, label" version. */
static int releases_in_force(mc_store *s, mc_arena *a, const char *system, const char *date,
			     int64_t *ids, size_t *nids, const char **version, mc_error *err)
{
	int rc = mc_store_rel_cache(s, err);
	if (rc < 0)
		return rc;
	mc_buf v = MC_BUF_INIT;
	*nids = 0;
	/* The cache is ordered by stream, then effective_from: the in-force
	 * release of a stream is the last one starting on or before date. */
	for (size_t i = 0; i < s->nrel; i++) {
		const mc_rel_entry *e = &s->rel[i];
		if (!e->system || strcmp(e->system, system) != 0 || !e->from || strcmp(e->from, date) > 0)
			continue;
		bool later = i + 1 < s->nrel && strcmp(s->rel[i + 1].stream, e->stream) == 0 &&
			     s->rel[i + 1].from && strcmp(s->rel[i + 1].from, date) <= 0;
		if (later)
			continue;
		if (*nids == MAX_STREAMS)
			break;
		ids[(*nids)++] = e->id;
		if ((v.len && mc_buf_puts(&v, ", ") < 0) || mc_buf_puts(&v, e->label) < 0) {
			mc_buf_release(&v);
			return mc_error_set(err, MC_ENOMEM, "out of memory listing codes");
		}
	}
	*version = mc_arena_strdup(a, v.ptr ? v.ptr : "");
	mc_buf_release(&v);
	if (!*version)
		return mc_error_set(err, MC_ENOMEM, "out of memory listing codes");
	return 0;
}

static int run_page(mc_store *s, mc_arena *a, const mc_codes_query *q, const int64_t *ids,
		    size_t nids, const char *system, const filter *f, mc_code_page *out, mc_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;
	if (q->with_total) {
		if (sqlite3_prepare_v2(s->db, sql_count, sizeof(sql_count), &st, NULL) != SQLITE_OK)
			return mc_store_dberr(s, err, "count codes");
		bind_common(st, ids, nids, system, f);
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = mc_store_dberr(s, err, "count codes");
			sqlite3_finalize(st);
			return rc;
		}
		out->total = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		st = NULL;
	}
	if (!q->count)
		return 0;
	if (sqlite3_prepare_v2(s->db, sql_page, sizeof(sql_page), &st, NULL) != SQLITE_OK)
		return mc_store_dberr(s, err, "list codes");
	bind_common(st, ids, nids, system, f);
	sqlite3_bind_int64(st, 16, (sqlite3_int64)q->count);
	sqlite3_bind_int64(st, 17, q->offset > INT64_MAX ? INT64_MAX : (sqlite3_int64)q->offset);
	out->items = mc_arena_alloc(a, q->count * sizeof(*out->items));
	if (!out->items) {
		sqlite3_finalize(st);
		return mc_error_set(err, MC_ENOMEM, "out of memory listing codes");
	}
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW && out->n < q->count) {
		mc_code_item *it = &out->items[out->n++];
		it->code = mc_arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
		it->title = mc_arena_strdup(a, (const char *)sqlite3_column_text(st, 1));
		it->kind = mc_arena_strdup(a, (const char *)sqlite3_column_text(st, 2));
		it->billable = sqlite3_column_int(st, 3);
		if (!it->code || !it->kind) {
			sqlite3_finalize(st);
			return mc_error_set(err, MC_ENOMEM, "out of memory listing codes");
		}
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = mc_store_dberr(s, err, "list codes");
	sqlite3_finalize(st);
	if (rc == 0 && a->failed)
		rc = mc_error_set(err, MC_ENOMEM, "out of memory listing codes");
	return rc;
}

int mc_codes_list(mc_store *s, const mc_codes_query *q, mc_code_page *out, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	out->total = -1;
	const char *system = mc_system_name(q->system);
	if (!system)
		return mc_error_set(err, MC_EINVAL, "no code system given");
	if (q->count > MC_CODES_MAX_COUNT)
		return mc_error_set(err, MC_EINVAL, "count %zu is more than %d", q->count, MC_CODES_MAX_COUNT);
	char today[MC_DATE_LEN];
	const char *date = q->date;
	if (!date) {
		mc_date_today(today);
		date = today;
	} else if (!mc_date_valid(date)) {
		return mc_error_set(err, MC_EINVAL, "'%s' is not a date (YYYY-MM-DD)", date);
	}
	mc_arena *a = mc_calloc(1, sizeof(*a));
	if (!a)
		return mc_error_set(err, MC_ENOMEM, "out of memory listing codes");
	out->arena_ = a;
	if (!(out->date = mc_arena_strdup(a, date)))
		return mc_error_set(err, MC_ENOMEM, "out of memory listing codes");
	filter f;
	int rc = make_filter(a, q->filter, &f, err);
	if (rc < 0)
		return rc;
	bool own_txn = false;
	if (!s->in_txn) {
		if ((rc = mc_store_exec(s, "BEGIN", err)) < 0)
			return rc;
		s->in_txn = 1;
		own_txn = true;
	}
	int64_t ids[MAX_STREAMS];
	size_t nids = 0;
	rc = releases_in_force(s, a, system, date, ids, &nids, &out->version, err);
	if (rc == 0 && nids == 0) {
		if (q->with_total)
			out->total = 0;
	} else if (rc == 0) {
		rc = run_page(s, a, q, ids, nids, system, &f, out, err);
	}
	if (own_txn) {
		mc_store_exec(s, "COMMIT", NULL);
		s->in_txn = 0;
	}
	return rc;
}
