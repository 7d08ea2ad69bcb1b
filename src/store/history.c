/* Code history read from the store: the history table (release diffs and
 * file-given add/termination dates), the attributes that carry dates
 * (ICD-10-CM code-list fiscal years, HCPCS action codes) and the first
 * loaded release of each stream that names the code.  A diff between two
 * releases is dated exactly only when they are one publication period
 * apart (medcode/release_age.h); otherwise it is a range. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "medcode/history.h"
#include "medcode/release_age.h"
#include "store/store_int.h"

const char *mc_hist_kind_name(mc_hist_kind k)
{
	switch (k) {
	case MC_HIST_ADDED: return "added";
	case MC_HIST_IN_FORCE_BY: return "in force by";
	case MC_HIST_REVISED: return "revised";
	case MC_HIST_BILLABLE: return "billable status";
	case MC_HIST_ACTION: return "action";
	default: return "deleted";
	}
}

typedef struct hx {
	mc_store *s;
	mc_arena *a;
	mc_code_history *h;
	size_t cap;
	const char *system, *code, *date;
	mc_error *err;
	int rc;
} hx;

static const mc_rel_entry *rel_by_id(const mc_store *s, int64_t id)
{
	for (size_t i = 0; i < s->nrel; i++)
		if (s->rel[i].id == id)
			return &s->rel[i];
	return NULL;
}

/* The release of the same stream just before e in the cache, or NULL. */
static const mc_rel_entry *rel_prev(const mc_store *s, const mc_rel_entry *e)
{
	size_t i = (size_t)(e - s->rel);
	return i > 0 && strcmp(s->rel[i - 1].stream, e->stream) == 0 ? &s->rel[i - 1] : NULL;
}

static bool dated(const mc_rel_entry *e)
{
	return e && e->from && mc_date_valid(e->from);
}

static const char *hdup(hx *x, const char *s)
{
	if (!s)
		return NULL;
	char *d = mc_arena_strdup(x->a, s);
	if (!d && x->rc == 0)
		x->rc = mc_error_set(x->err, MC_ENOMEM, "out of memory reading history");
	return d;
}

static const char *hprintf(hx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *hprintf(hx *x, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	return hdup(x, n < 0 ? "" : tmp);
}

static void add(hx *x, mc_hist_kind kind, const char *date, const char *from, const char *detail,
		const mc_rel_entry *rel)
{
	if (x->rc || !date || !mc_date_valid(date) || strcmp(from ? from : date, x->date) > 0)
		return;
	mc_code_history *h = x->h;
	if (h->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 8;
		mc_hist_event *na = mc_arena_alloc(x->a, cap * sizeof(*na));
		if (!na) {
			x->rc = mc_error_set(x->err, MC_ENOMEM, "out of memory reading history");
			return;
		}
		if (h->n)
			memcpy(na, h->items, h->n * sizeof(*na));
		h->items = na;
		x->cap = cap;
	}
	mc_hist_event *e = &h->items[h->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->date = hdup(x, date);
	e->from = from ? hdup(x, from) : NULL;
	e->detail = hdup(x, detail);
	if (rel) {
		e->source.stream = hdup(x, rel->stream);
		e->source.label = hdup(x, rel->label);
		e->source.effective_from = hdup(x, rel->from);
		e->source.effective_to = hdup(x, rel->to);
		e->source.files = hdup(x, rel->files);
	}
}

static bool add_months(const char *iso, int months, char out[MC_DATE_LEN])
{
	int y, m, d;
	if (!mc_date_valid(iso) || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return false;
	int t = y * 12 + (m - 1) + months;
	if (d > 28)
		d = 28;   /* release dates are the first of a month; keep it valid */
	snprintf(out, MC_DATE_LEN, "%04u-%02u-%02u", (unsigned)(t / 12) % 10000u, (unsigned)(t % 12 + 1) % 100u,
		 (unsigned)d % 100u);
	return true;
}

/* ---- the history table ---------------------------------------------- */

static void table_events(hx *x)
{
	sqlite3_stmt *st = mc_store_stmt(x->s, LK_HIST_ROWS,
		"SELECT date, change, old, new, release_id FROM history WHERE system=?1 AND code=?2"
		" ORDER BY date, change", x->err);
	if (!st) {
		x->rc = MC_EDB;
		return;
	}
	mc_bind_text(st, 1, x->system);
	mc_bind_text(st, 2, x->code);
	int r;
	while (x->rc == 0 && (r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(st, 0);
		const char *change = (const char *)sqlite3_column_text(st, 1);
		const char *old = (const char *)sqlite3_column_text(st, 2);
		const char *new_ = (const char *)sqlite3_column_text(st, 3);
		const mc_rel_entry *cur = rel_by_id(x->s, sqlite3_column_int64(st, 4));
		if (!date || !change || !cur)
			continue;
		if (strcmp(change, "added (source date)") == 0) {
			add(x, MC_HIST_ADDED, date, NULL, hprintf(x, "added on %s (the add date in %s %s)", date,
								  cur->stream, cur->label), cur);
			continue;
		}
		if (strcmp(change, "terminated (source date)") == 0) {
			add(x, MC_HIST_DELETED, date, NULL, hprintf(x, "terminated on %s (the termination date in %s %s)",
								    date, cur->stream, cur->label), cur);
			continue;
		}
		/* A difference between cur and the release before it. */
		const mc_rel_entry *prev = rel_prev(x->s, cur);
		if (!prev || !dated(prev) || !dated(cur))
			continue;
		mc_release_period per = mc_release_period_of(cur->stream, NULL, NULL);
		char due[MC_DATE_LEN] = "";
		bool exact = per != MC_PERIOD_NONE && add_months(prev->from, (int)per, due) &&
			     strcmp(due, cur->from) >= 0;
		if (!*due && !mc_date_add_days(prev->from, 1, due))
			continue;
		const char *from = exact ? NULL : due;
		const char *when = exact ? hprintf(x, "in %s (in force from %s)", cur->label, cur->from)
					 : hprintf(x, "between %s and %s (%s %s and %s are loaded, no release between)",
						   due, cur->from, cur->stream, prev->label, cur->label);
		if (strcmp(change, "added") == 0)
			add(x, MC_HIST_ADDED, cur->from, from,
			    hprintf(x, "added %s: in %s, not in %s", when, cur->label, prev->label), cur);
		else if (strcmp(change, "deleted") == 0)
			add(x, MC_HIST_DELETED, cur->from, from,
			    hprintf(x, "deleted %s: in %s, not in %s", when, prev->label, cur->label), cur);
		else if (strcmp(change, "title_revised") == 0)
			add(x, MC_HIST_REVISED, cur->from, from,
			    hprintf(x, "title revised %s, from '%s' to '%s'", when, old ? old : "", new_ ? new_ : ""), cur);
		else if (strcmp(change, "billable_changed") == 0)
			add(x, MC_HIST_BILLABLE, cur->from, from,
			    hprintf(x, "%s to %s %s", old ? old : "", new_ ? new_ : "", when), cur);
	}
	if (x->rc == 0 && r != SQLITE_DONE)
		x->rc = mc_store_dberr(x->s, x->err, "history");
	sqlite3_reset(st);
}

/* ---- dates the files give as attributes ----------------------------- */

/* HCPCS record layout, ACTION CD. */
static const char *hcpcs_action(const char *cd)
{
	static const struct { char cd; const char *what; } A[] = {
		{ 'A', "code added" }, { 'B', "administrative data and long description changed" },
		{ 'C', "long description changed" }, { 'D', "code discontinued" },
		{ 'F', "administrative data changed" }, { 'P', "payment data changed" },
		{ 'R', "code re-added" }, { 'S', "short description changed" },
		{ 'T', "miscellaneous change (e.g. BETOS, type of service)" },
	};
	for (size_t i = 0; cd && cd[0] && !cd[1] && i < sizeof(A) / sizeof(A[0]); i++)
		if (A[i].cd == cd[0])
			return A[i].what;
	return NULL;
}

static int fy_of(const char *v)
{
	long n;
	return v && mc_parse_long(v, &n) && n >= 1990 && n <= 9999 ? (int)n : 0;
}

/* A fiscal year's changes take effect October 1 before it or, in some
 * years, April 1 within it; a release of that year already holding the
 * change (rel_from inside the range) bounds it.  *exact when one date is
 * left (then from is not used). */
static void fy_range(int fy, const char *rel_from, char from[MC_DATE_LEN], char to[MC_DATE_LEN], bool *exact)
{
	snprintf(from, MC_DATE_LEN, "%04u-10-01", (unsigned)(fy - 1) % 10000u);
	snprintf(to, MC_DATE_LEN, "%04u-04-01", (unsigned)fy % 10000u);
	if (rel_from && strcmp(rel_from, from) >= 0 && strcmp(rel_from, to) < 0)
		snprintf(to, MC_DATE_LEN, "%s", rel_from);
	*exact = strcmp(from, to) == 0;
}

static void attr_events(hx *x)
{
	sqlite3_stmt *st = mc_store_stmt(x->s, LK_HIST_ATTRS,
		"SELECT a.key, a.value FROM code c JOIN code_attr a ON a.code_id=c.id"
		" WHERE c.release_id=?1 AND c.system=?2 AND c.code=?3 AND a.key IN"
		" ('first_fy','title_first_fy','billable_first_fy','billable_last_fy','action_cd','act_eff_dt')",
		x->err);
	if (!st) {
		x->rc = MC_EDB;
		return;
	}
	/* The release in force on the date of each stream of the system. */
	for (size_t i = 0; i < x->s->nrel && x->rc == 0; i++) {
		const mc_rel_entry *e = &x->s->rel[i];
		bool last = i + 1 == x->s->nrel || strcmp(x->s->rel[i + 1].stream, e->stream) != 0 ||
			    !x->s->rel[i + 1].from || strcmp(x->s->rel[i + 1].from, x->date) > 0;
		if (!e->system || strcmp(e->system, x->system) != 0 || !last ||
		    (e->from && strcmp(e->from, x->date) > 0))
			continue;
		sqlite3_bind_int64(st, 1, e->id);
		mc_bind_text(st, 2, x->system);
		mc_bind_text(st, 3, x->code);
		int fy = 0, tfy = 0, bfy = 0, blfy = 0;
		char action[4] = "", act_date[MC_DATE_LEN] = "";
		int r;
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			const char *k = (const char *)sqlite3_column_text(st, 0);
			const char *v = (const char *)sqlite3_column_text(st, 1);
			if (!k || !v)
				continue;
			if (strcmp(k, "first_fy") == 0)
				fy = fy_of(v);
			else if (strcmp(k, "title_first_fy") == 0)
				tfy = fy_of(v);
			else if (strcmp(k, "billable_first_fy") == 0)
				bfy = fy_of(v);
			else if (strcmp(k, "billable_last_fy") == 0)
				blfy = fy_of(v);
			else if (strcmp(k, "action_cd") == 0)
				snprintf(action, sizeof(action), "%s", v);
			else if (!mc_date_from_yyyymmdd(v, act_date))
				act_date[0] = '\0';
		}
		sqlite3_reset(st);
		if (r != SQLITE_DONE) {
			x->rc = mc_store_dberr(x->s, x->err, "history attributes");
			return;
		}
		char from[MC_DATE_LEN], to[MC_DATE_LEN];
		bool exact;
		if (fy && fy <= 2014) {
			add(x, MC_HIST_IN_FORCE_BY, "2015-10-01", NULL,
			    hprintf(x, "in every year of the code list since its first (FY%d); ICD-10-CM took effect "
				       "on 2015-10-01", fy), e);
		} else if (fy) {
			fy_range(fy, e->from, from, to, &exact);
			add(x, MC_HIST_ADDED, to, exact ? NULL : from,
			    exact ? hprintf(x, "first in the FY%d code set, effective %s", fy, to)
				  : hprintf(x, "first in the FY%d code set (effective %s, or with the April 1 update)",
					    fy, from), e);
		}
		if (tfy && fy && tfy > fy) {
			fy_range(tfy, e->from, from, to, &exact);
			add(x, MC_HIST_REVISED, to, exact ? NULL : from,
			    hprintf(x, "title in force since the FY%d code set", tfy), e);
		}
		if (bfy && fy && bfy > fy) {
			fy_range(bfy, e->from, from, to, &exact);
			add(x, MC_HIST_BILLABLE, to, exact ? NULL : from,
			    hprintf(x, "billable since the FY%d code set (a header before)", bfy), e);
		}
		if (blfy && e->label && e->label[0] == 'F' && e->label[1] == 'Y' && blfy < fy_of(e->label + 2)) {
			fy_range(blfy + 1, e->from, from, to, &exact);
			add(x, MC_HIST_BILLABLE, to, exact ? NULL : from,
			    hprintf(x, "a header (not billable) since the FY%d code set; billable FY%d to FY%d",
				    blfy + 1, bfy ? bfy : fy, blfy), e);
		}
		const char *what = hcpcs_action(action);
		if (what && *act_date)
			add(x, MC_HIST_ACTION, act_date, NULL,
			    hprintf(x, "action %s (%s) effective %s", action, what, act_date), e);
	}
}

/* ---- first loaded release naming the code --------------------------- */

typedef struct first_seen {
	const mc_rel_entry *rel;
	char edit_date[MC_DATE_LEN];   /* earliest edit effective date in it, or "" */
} first_seen;

static void note_seen(hx *x, first_seen *seen, size_t *nseen, size_t cap, int64_t rel_id, const char *edit_date)
{
	const mc_rel_entry *e = rel_by_id(x->s, rel_id);
	if (!dated(e) || strcmp(e->from, x->date) > 0)
		return;
	for (size_t i = 0; i < *nseen; i++) {
		if (strcmp(seen[i].rel->stream, e->stream) != 0)
			continue;
		if (strcmp(e->from, seen[i].rel->from) < 0) {
			seen[i].rel = e;
			snprintf(seen[i].edit_date, MC_DATE_LEN, "%s", edit_date && mc_date_valid(edit_date) ? edit_date : "");
		}
		return;
	}
	if (*nseen == cap)
		return;
	seen[*nseen].rel = e;
	snprintf(seen[*nseen].edit_date, MC_DATE_LEN, "%s", edit_date && mc_date_valid(edit_date) ? edit_date : "");
	(*nseen)++;
}

static void scan_seen(hx *x, int id, const char *sql, const char *key, bool by_system, first_seen *seen,
		      size_t *nseen, size_t cap)
{
	if (x->rc)
		return;
	sqlite3_stmt *st = mc_store_stmt(x->s, id, sql, x->err);
	if (!st) {
		x->rc = MC_EDB;
		return;
	}
	mc_bind_text(st, 1, key);
	if (by_system)
		mc_bind_text(st, 2, x->system);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		note_seen(x, seen, nseen, cap, sqlite3_column_int64(st, 0),
			  sqlite3_column_count(st) > 1 ? (const char *)sqlite3_column_text(st, 1) : NULL);
	if (r != SQLITE_DONE)
		x->rc = mc_store_dberr(x->s, x->err, "history first releases");
	sqlite3_reset(st);
}

static bool first_of_stream(const mc_store *s, const mc_rel_entry *e)
{
	const mc_rel_entry *p = rel_prev(s, e);
	return !p || !dated(p);
}

static void seen_events(hx *x)
{
	enum { CAP = 16 };
	first_seen seen[CAP];
	size_t n = 0;
	char compact[MC_CODE_MAX];
	if (!mc_code_compact(x->code, compact))
		return;
	scan_seen(x, LK_HIST_CODE, "SELECT DISTINCT release_id FROM code WHERE compact=?1 AND system=?2", compact,
		  true, seen, &n, CAP);
	scan_seen(x, LK_HIST_RVU, "SELECT DISTINCT release_id FROM rvu WHERE hcpcs=?1", x->code, false, seen, &n, CAP);
	scan_seen(x, LK_HIST_MUE, "SELECT DISTINCT release_id FROM mue WHERE code=?1", x->code, false, seen, &n, CAP);
	scan_seen(x, LK_HIST_AOC,
		  "SELECT release_id, min(effective) FROM (SELECT release_id, effective FROM aoc WHERE addon=?1"
		  " UNION ALL SELECT release_id, effective FROM aoc WHERE primary_code=?1) GROUP BY release_id",
		  x->code, false, seen, &n, CAP);
	scan_seen(x, LK_HIST_PTP,
		  "SELECT release_id, min(effective) FROM (SELECT release_id, effective FROM ptp WHERE column1=?1"
		  " UNION ALL SELECT release_id, effective FROM ptp WHERE column2=?1) GROUP BY release_id",
		  x->code, false, seen, &n, CAP);
	for (size_t i = 0; i < n && x->rc == 0; i++) {
		const mc_rel_entry *e = seen[i].rel;
		const char *name;
		mc_release_period_of(e->stream, &name, NULL);
		bool first = first_of_stream(x->s, e);
		if (e->system && !first)
			continue;   /* a code stream's later first appearance is an "added" diff */
		if (*seen[i].edit_date && strcmp(seen[i].edit_date, e->from) < 0)
			add(x, MC_HIST_IN_FORCE_BY, seen[i].edit_date, NULL,
			    hprintf(x, "named by an edit in effect from %s (%s %s)", seen[i].edit_date, name, e->label), e);
		else
			add(x, MC_HIST_IN_FORCE_BY, e->from, NULL,
			    hprintf(x, "listed in %s %s (in force from %s), %s", name, e->label, e->from,
				    first ? "the earliest loaded release" : "its first release naming it"), e);
	}
}

/* ---- assembly ------------------------------------------------------- */

static int ev_cmp(const void *a, const void *b)
{
	const mc_hist_event *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : (int)x->kind - (int)y->kind;
}

/* An "added" event whose range holds another, narrower one says less. */
static bool wider_added(const mc_code_history *h, const mc_hist_event *e)
{
	if (e->kind != MC_HIST_ADDED || !e->from)
		return false;
	for (size_t i = 0; i < h->n; i++) {
		const mc_hist_event *o = &h->items[i];
		const char *of = o->from ? o->from : o->date;
		if (o == e || o->kind != MC_HIST_ADDED || strcmp(of, e->from) < 0 || strcmp(o->date, e->date) > 0)
			continue;
		if (strcmp(of, e->from) > 0 || strcmp(o->date, e->date) < 0)
			return true;
	}
	return false;
}

/* An "added" event of a release diff that the same stream's own file
 * contradicts: it shows the code in force before (a partial release, or a
 * code list of another shape, differs from the one before it). */
static bool contradicted_added(const mc_code_history *h, const mc_hist_event *e)
{
	if (e->kind != MC_HIST_ADDED || !e->source.stream)
		return false;
	const char *start = e->from ? e->from : e->date;
	for (size_t i = 0; i < h->n; i++) {
		const mc_hist_event *o = &h->items[i];
		if (o->kind == MC_HIST_IN_FORCE_BY && o->source.stream && strcmp(o->source.stream, e->source.stream) == 0 &&
		    strcmp(o->date, start) < 0)
			return true;
	}
	return false;
}

/* Drop what a better event already says: a range "added" holding a
 * narrower one, "in force by" dates no earlier than an exact added date
 * or than an earlier event of the same stream, and the same event seen in
 * two releases. */
static void prune(mc_code_history *h)
{
	const char *exact_added = NULL;
	for (size_t i = 0; i < h->n; i++)
		if (h->items[i].kind == MC_HIST_ADDED && !h->items[i].from &&
		    (!exact_added || strcmp(h->items[i].date, exact_added) < 0))
			exact_added = h->items[i].date;
	size_t k = 0;
	for (size_t i = 0; i < h->n; i++) {
		mc_hist_event *e = &h->items[i];
		bool drop = false;
		if (exact_added && e->kind == MC_HIST_IN_FORCE_BY && strcmp(e->date, exact_added) >= 0)
			drop = true;
		if (wider_added(h, e) || contradicted_added(h, e))
			drop = true;
		for (size_t j = 0; j < k && !drop && e->kind == MC_HIST_IN_FORCE_BY; j++)
			drop = (h->items[j].kind == MC_HIST_IN_FORCE_BY || h->items[j].kind == MC_HIST_ADDED) &&
			       h->items[j].source.stream && e->source.stream &&
			       strcmp(h->items[j].source.stream, e->source.stream) == 0;
		for (size_t j = 0; j < k && !drop; j++)   /* the same event from two releases */
			drop = h->items[j].kind == e->kind && strcmp(h->items[j].date, e->date) == 0 &&
			       !h->items[j].from == !e->from;
		if (!drop)
			h->items[k++] = *e;
	}
	h->n = k;
}

int mc_store_code_history(mc_store *s, const char *system, const char *code, const char *date,
			  mc_code_history *out, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	char dbuf[MC_DATE_LEN];
	int rc = mc_store_date_arg(&date, dbuf, err);
	if (rc < 0)
		return rc;
	if (!system || !code)
		return mc_error_set(err, MC_EINVAL, "no system or code given");
	mc_arena *a = mc_calloc(1, sizeof(*a));
	if (!a)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	out->arena_ = a;
	if ((rc = mc_store_rel_cache(s, err)) < 0)
		return rc;
	hx x = { s, a, out, 0, system, code, date, err, 0 };
	table_events(&x);
	if (x.rc == 0)
		attr_events(&x);
	if (x.rc == 0)
		seen_events(&x);
	if (x.rc < 0)
		return x.rc;
	if (out->n) {
		qsort(out->items, out->n, sizeof(*out->items), ev_cmp);
		prune(out);
	}
	for (size_t i = 0; i < out->n; i++) {
		const mc_hist_event *e = &out->items[i];
		if (e->kind != MC_HIST_ADDED && e->kind != MC_HIST_IN_FORCE_BY)
			continue;
		if (!out->earliest || strcmp(e->date, out->earliest) < 0) {
			out->earliest = e->date;
			out->earliest_event = e;
		}
	}
	return 0;
}

void mc_code_history_release(mc_code_history *h)
{
	if (h->arena_) {
		mc_arena_release(h->arena_);
		mc_free(h->arena_);
	}
	memset(h, 0, sizeof(*h));
}
