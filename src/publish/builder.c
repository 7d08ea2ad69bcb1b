/* Document builder helpers shared by every document kind. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "medcode/release_age.h"
#include "publish/builder.h"

void *pb_balloc(bld *b, size_t n)
{
	void *x = mc_arena_alloc(b->a, n);
	if (!x && b->rc == 0)
		b->rc = mc_error_set(b->err, MC_ENOMEM, "out of memory building the document");
	return x;
}

const char *pb_bdup(bld *b, const char *s)
{
	if (!s)
		return NULL;
	char *x = mc_arena_strdup(b->a, s);
	if (!x && b->rc == 0)
		b->rc = mc_error_set(b->err, MC_ENOMEM, "out of memory building the document");
	return x;
}


const char *pb_bprintf(bld *b, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		tmp[0] = '\0';
	return pb_bdup(b, tmp);
}

bool pb_has(const char *s)
{
	return s && *s;
}

/* Register a citation in the document's source list (deduplicated) and
 * return the arena copy. */
const char *pb_add_source(bld *b, const char *cite)
{
	if (!pb_has(cite))
		return "";
	for (size_t i = 0; i < b->d->nsources; i++)
		if (strcmp(b->d->sources[i], cite) == 0)
			return b->d->sources[i];
	const char *c = pb_bdup(b, cite);
	const char **arr = pb_balloc(b, (b->d->nsources + 1) * sizeof(*arr));
	if (!c || !arr)
		return "";
	if (b->d->nsources)
		memcpy(arr, b->d->sources, b->d->nsources * sizeof(*arr));
	arr[b->d->nsources++] = c;
	b->d->sources = arr;
	return c;
}

/* Remember a dated release once, for the data-currency section. */
static void note_age(bld *b, const char *cite, const mc_source *src)
{
	pb_age *ages = b->d->ages_;
	for (size_t i = 0; i < b->d->nages_; i++)
		if (strcmp(ages[i].cite, cite) == 0)
			return;
	pb_age *na = pb_balloc(b, (b->d->nages_ + 1) * sizeof(*na));
	if (!na)
		return;
	if (b->d->nages_)
		memcpy(na, ages, b->d->nages_ * sizeof(*na));
	na[b->d->nages_++] = (pb_age){ cite, pb_bdup(b, src->stream), pb_bdup(b, src->label), pb_bdup(b, src->files),
				       pb_bdup(b, src->effective_from), pb_bdup(b, src->next_due),
				       pb_bdup(b, src->age_note) };
	b->d->ages_ = na;
}

const char *pb_cite(bld *b, const mc_source *src)
{
	char buf[CITE_MAX];
	const char *c = pb_add_source(b, mc_check_cite(src, buf, sizeof(buf)));
	/* Only lookups date their sources: history cites old releases for
	 * what was, which is not stale. */
	if (*c && src && (src->next_due || src->age_note))
		note_age(b, c, src);
	return c;
}

void pb_section(bld *b, const char *id, const char *title)
{
	if (b->rc || b->d->nsections >= MAX_SECTIONS)
		return;
	mc_pub_section *s = &b->d->sections[b->d->nsections++];
	s->id = id;
	s->title = title;
	s->blocks = NULL;
	s->nblocks = 0;
	b->blk_cap = 0;
}

mc_pub_block *pb_block(bld *b, mc_pub_block_kind kind, const char *heading)
{
	if (b->rc || !b->d->nsections)
		return NULL;
	mc_pub_section *s = &b->d->sections[b->d->nsections - 1];
	if (s->nblocks == b->blk_cap) {
		size_t cap = b->blk_cap ? b->blk_cap * 2 : 8;
		mc_pub_block *nb = pb_balloc(b, cap * sizeof(*nb));
		if (!nb)
			return NULL;
		if (s->nblocks)
			memcpy(nb, s->blocks, s->nblocks * sizeof(*nb));
		s->blocks = nb;
		b->blk_cap = cap;
	}
	mc_pub_block *k = &s->blocks[s->nblocks++];
	memset(k, 0, sizeof(*k));
	k->kind = kind;
	k->heading = heading;
	k->source = "";
	return k;
}

/* A paragraph; a missing one says MC_PUB_MISSING and cites nothing. */
void pb_text(bld *b, const char *heading, const char *t, const char *src)
{
	mc_pub_block *k = pb_block(b, MC_PUB_TEXT, heading);
	if (!k)
		return;
	k->text = pb_has(t) ? t : MC_PUB_MISSING;
	k->source = pb_has(t) && src ? pb_add_source(b, src) : "";
}

void pb_list(bld *b, const char *heading, const char *const *items, size_t n, const char *src)
{
	if (!n) {
		pb_text(b, heading, NULL, NULL);
		return;
	}
	mc_pub_block *k = pb_block(b, MC_PUB_LIST, heading);
	if (!k)
		return;
	k->items = (const char **)pb_balloc(b, n * sizeof(*k->items));
	if (!k->items)
		return;
	for (size_t i = 0; i < n; i++)
		k->items[i] = pb_has(items[i]) ? items[i] : MC_PUB_MISSING;
	k->nitems = n;
	k->source = src ? pb_add_source(b, src) : "";
}


pb_table pb_tbl(bld *b, const char *heading, size_t ncols, const char *const *cols)
{
	pb_table t = { pb_block(b, MC_PUB_TABLE, heading), 0 };
	if (!t.k)
		return t;
	t.k->cols = (const char **)pb_balloc(b, ncols * sizeof(*t.k->cols));
	if (!t.k->cols) {
		t.k = NULL;
		return t;
	}
	memcpy(t.k->cols, cols, ncols * sizeof(*cols));
	t.k->ncols = ncols;
	return t;
}

/* Add a row of t.k->ncols cells (NULL or "" cells say MC_PUB_MISSING). */
void pb_row(bld *b, pb_table *t, const char *src, const char *const *cells)
{
	if (!t->k || b->rc)
		return;
	mc_pub_block *k = t->k;
	if (k->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		const char **c = (const char **)pb_balloc(b, cap * k->ncols * sizeof(*c));
		const char **s = (const char **)pb_balloc(b, cap * sizeof(*s));
		if (!c || !s)
			return;
		if (k->nrows) {
			memcpy(c, k->cells, k->nrows * k->ncols * sizeof(*c));
			memcpy(s, k->row_source, k->nrows * sizeof(*s));
		}
		k->cells = c;
		k->row_source = s;
		t->cap = cap;
	}
	for (size_t i = 0; i < k->ncols; i++)
		k->cells[k->nrows * k->ncols + i] = pb_has(cells[i]) ? cells[i] : MC_PUB_MISSING;
	/* Row citations may combine sources; each part was registered by
	 * pb_cite() or row_cite(). */
	k->row_source[k->nrows++] = src ? src : "";
}

/* An empty pb_table says so instead of printing a header with no rows. */
void pb_tbl_end(bld *b, pb_table *t)
{
	if (!t->k || t->k->nrows)
		return;
	t->k->kind = MC_PUB_TEXT;
	t->k->text = MC_PUB_MISSING;
	t->k->source = "";
	(void)b;
}

static const char SCHEDULES[] =
	"release dates in the store; publishers' schedules (CMS: HCPCS, PFS and NCCI quarterly; CDC/CMS: "
	"ICD-10-CM yearly; NUCC: twice a year; AMA: CPT yearly)";

/* "Data currency", first in the document: plainly, which cited release
 * may be out of date and which is current. */
static void data_age(bld *b)
{
	const pb_age *ages = b->d->ages_;
	size_t n = b->d->nages_, stale = 0;
	if (!n || b->rc)
		return;
	pb_section(b, "data-age", "Data currency");
	mc_buf t = MC_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (!ages[i].note)
			continue;
		/* Two streams of one file (the PFS file's codes and its
		 * indicators) age together: one sentence. */
		bool dup = false;
		for (size_t k = 0; k < i && !dup; k++)
			dup = ages[k].note && pb_has(ages[k].files) && pb_has(ages[i].files) &&
			      strcmp(ages[k].files, ages[i].files) == 0 && strcmp(ages[k].label, ages[i].label) == 0;
		if (!dup && mc_buf_printf(&t, "%s%s", stale++ ? "\n\n" : "", ages[i].note) < 0)
			break;
	}
	if (stale)
		pb_text(b, "Releases that may be out of date", pb_bdup(b, t.ptr), SCHEDULES);
	else
		pb_text(b, "Releases that may be out of date",
			pb_bprintf(b, "None: every release this document cites is current on %s.", b->d->date), SCHEDULES);
	mc_buf_release(&t);
	static const char *const cols[] = { "Release", "In force from", "Next release due", "Status" };
	pb_table tb = pb_tbl(b, "Releases cited for facts in force", 4, cols);
	for (size_t i = 0; i < n; i++) {
		const char *name;
		mc_release_period_of(ages[i].stream, &name, NULL);
		pb_row(b, &tb, ages[i].cite,
		    (const char *[]){ pb_bprintf(b, "%s %s", name, ages[i].label), ages[i].from,
				      ages[i].next_due ? ages[i].next_due : "no schedule",
				      ages[i].note ? "may be out of date" : "current" });
	}
	pb_tbl_end(b, &tb);
	/* Put it first, after the header. */
	mc_pub_section *sec = b->d->sections;
	size_t last = b->d->nsections - 1;
	mc_pub_section moved = sec[last];
	memmove(&sec[1], &sec[0], last * sizeof(*sec));
	sec[0] = moved;
}

void pb_sources(bld *b)
{
	size_t n = b->d->nsources;
	pb_section(b, "sources", "Sources");
	const char **items = n ? (const char **)pb_balloc(b, n * sizeof(*items)) : NULL;
	if (n && !items)
		return;
	for (size_t i = 0; i < n; i++)
		items[i] = b->d->sources[i];
	pb_list(b, "Files and releases cited", items, n, "");
	data_age(b);
}

