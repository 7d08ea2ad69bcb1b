/* Search execution: codes, FTS5 retrieval, spelling correction, ranking.
 *
 * 1. The parser (query.c) gives concepts (groups of alternatives) and code
 *    tokens.  Code tokens resolve through search_doc.compact: exact codes,
 *    prefixes and ranges rank first.  A code-shaped word that is no code
 *    ("b12") stays a word.
 * 2. Each word of an alternative is checked against the index: a word whose
 *    stem is not indexed is corrected to the vocabulary word within edit
 *    distance 2 (1 for words under 6 letters) that best trades distance
 *    for frequency; then it is stemmed.  The FTS5 query is built only from
 *    these stems, each quoted: ("myocardi infarct" OR "heart attack") AND ...
 * 3. Retrieval: every concept required (AND), ordered by field-weighted
 *    BM25 (title 10, descriptors 4, index terms 1.5); when that finds too
 *    few, any concept (OR).  In type-ahead mode matches are read in row-id
 *    order (the index's static order) and stop early.
 * 4. Re-ranking of the candidates in C: concepts found in the title count
 *    most, then descriptors, then index terms; an exact phrase and a title
 *    that starts with the first concept add; billable codes add and
 *    headers lose; extra title words cost a little and "unspecified" /
 *    "without complications" add when the query is a bare condition (the
 *    coding convention: "pneumonia" is J18.9).
 */
#include <ctype.h>
#include <libstemmer.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "search/search_int.h"
#include "store/store_int.h"

#define CAND_MAX 600
#define CAND_SLOTS 1024        /* hash slots of the candidate ids (> CAND_MAX, power of 2) */
#define FTS_LIMIT 100          /* BM25-ordered matches read */
#define ROWID_LIMIT 150        /* matches read in static order when BM25 would cost too much */
#define TA_LIMIT 40            /* type-ahead matches read */
#define BM25_MAX_WORD_DOCS 5000 /* ... or when a word of the query is commoner than this */
#define BM25_MAX_DOCS 800      /* above this many matches, no BM25 ordering */
#define OR_FILL 60             /* candidates below which any-word matches fill up */
#define OR_MAX_DF 20000        /* concepts commoner than this do not widen a search */
#define RARE_DF 3000           /* concepts rarer than this are also retrieved alone */
#define RARE_LIMIT 30          /* matches read for each of them */
#define LOO_LIMIT 20           /* matches read for each leave-one-out query */
#define LOO_BM25_DOCS 300      /* above this, its matches are read in static order */

enum { Q_CODE, Q_RANGE, Q_PREFIX, Q_FTS, Q_FTS_ROWID, Q_DOC, Q_TERM, Q_VOCAB, Q_BEGIN, Q_END, Q_N_ };

static const char *const sql[Q_N_] = {
	"SELECT id, system = 'icd10cm' FROM search_doc WHERE compact = ?1 ORDER BY code = ?1 DESC, system",
	"SELECT id, system = 'icd10cm', system FROM search_doc WHERE compact >= ?1 AND compact < ?2 || 'ZZZZZZZZ'"
	" AND length(compact) >= length(?1) ORDER BY length(compact), compact LIMIT ?3",
	"SELECT id, system = 'icd10cm' FROM search_doc WHERE compact >= ?1 AND compact < ?1 || '~'"
	" ORDER BY compact LIMIT ?2",
	"SELECT rowid, bm25(search_fts, 10.0, 4.0, 1.5) AS r FROM search_fts WHERE search_fts MATCH ?1"
	" ORDER BY r LIMIT ?2",
	"SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2",
	"SELECT system, code, title, billable, stem, alt, tstem FROM search_doc WHERE id = ?1",
	"SELECT freq FROM search_stem WHERE stem = ?1",
	"SELECT word, freq FROM search_vocab",
	"BEGIN",
	"COMMIT",
};

typedef struct vword {
	const char *w;
	uint32_t mask;
	uint16_t len;
	int64_t freq;
} vword;

struct mc_searcher {
	mc_store *s;
	sqlite3_stmt *st[Q_N_];
	struct sb_stemmer *stem;
	vword *vocab;              /* loaded on first use */
	size_t nvocab;
	mc_strmap vmap;            /* word -> index in vocab */
	mc_arena varena;
	bool vocab_loaded;
	double ndocs;              /* documents in the index (for word weights) */
};

/* ---- life cycle ------------------------------------------------------------ */

int mc_searcher_new(mc_searcher **out, mc_store *s, mc_error *err)
{
	*out = NULL;
	if (!mc_sq_lexicon())
		return mc_error_set(err, MC_ENOMEM, "search: cannot load the lexicon");
	mc_searcher *q = mc_calloc(1, sizeof(*q));
	if (!q)
		return mc_error_set(err, MC_ENOMEM, "search: out of memory");
	q->s = s;
	q->stem = sb_stemmer_new("english", NULL);
	if (!q->stem) {
		mc_free(q);
		return mc_error_set(err, MC_ENOMEM, "search: out of memory");
	}
	for (int i = 0; i < Q_N_; i++) {
		if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &q->st[i], NULL) != SQLITE_OK) {
			int rc;
			if (strstr(sqlite3_errmsg(s->db), "no such table"))
				rc = mc_error_set(err, MC_ENOTFOUND,
						  "store '%s' has no search index: run 'medcode import --force'",
						  mc_store_path(s));
			else
				rc = mc_store_dberr(s, err, "search: prepare");
			mc_searcher_free(q);
			return rc;
		}
	}
	q->ndocs = 100000;
	sqlite3_stmt *m = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM search_meta WHERE key = 'docs'", -1, &m, NULL) == SQLITE_OK &&
	    sqlite3_step(m) == SQLITE_ROW && sqlite3_column_int64(m, 0) > 0)
		q->ndocs = (double)sqlite3_column_int64(m, 0);
	sqlite3_finalize(m);
	*out = q;
	return 0;
}

void mc_searcher_free(mc_searcher *q)
{
	if (!q)
		return;
	for (int i = 0; i < Q_N_; i++)
		sqlite3_finalize(q->st[i]);
	if (q->stem)
		sb_stemmer_delete(q->stem);
	mc_free(q->vocab);
	mc_strmap_release(&q->vmap);
	mc_arena_release(&q->varena);
	mc_free(q);
}

/* ---- vocabulary and spelling ------------------------------------------------ */

static uint32_t letters(const char *w, size_t n)
{
	uint32_t m = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 'a' && c <= 'z')
			m |= 1u << (c - 'a');
		else
			m |= 1u << 26;
	}
	return m;
}

static int load_vocab_rows(mc_searcher *q, mc_error *err);

/* Read the vocabulary once; on failure nothing is kept, so the next query
 * tries again. */
static int load_vocab(mc_searcher *q, mc_error *err)
{
	int rc = load_vocab_rows(q, err);
	if (rc < 0) {
		mc_free(q->vocab);
		q->vocab = NULL;
		q->nvocab = 0;
		mc_strmap_release(&q->vmap);
		mc_arena_release(&q->varena);
		q->vocab_loaded = false;
	}
	return rc;
}

static int load_vocab_rows(mc_searcher *q, mc_error *err)
{
	sqlite3_stmt *st = q->st[Q_VOCAB];
	size_t cap = 0;
	int step;
	q->vocab_loaded = true;
	if (mc_strmap_init(&q->vmap, 32768) < 0)
		return mc_error_set(err, MC_ENOMEM, "search: out of memory");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(st, 0);
		int n = sqlite3_column_bytes(st, 0);
		if (!w || n < 2 || n >= MC_SQ_WORD_MAX)
			continue;
		if (q->nvocab == cap) {
			size_t ncap = cap ? cap * 2 : 32768;
			vword *v = mc_realloc(q->vocab, ncap * sizeof(*v));
			if (!v) {
				sqlite3_reset(st);
				return mc_error_set(err, MC_ENOMEM, "search: out of memory");
			}
			q->vocab = v;
			cap = ncap;
		}
		char *copy = mc_arena_alloc(&q->varena, (size_t)n + 1);
		if (!copy) {
			sqlite3_reset(st);
			return mc_error_set(err, MC_ENOMEM, "search: out of memory");
		}
		memcpy(copy, w, (size_t)n);
		bool added;
		int64_t *slot = mc_strmap_put(&q->vmap, w, (size_t)n, &added);
		if (!slot) {
			sqlite3_reset(st);
			return mc_error_set(err, MC_ENOMEM, "search: out of memory");
		}
		*slot = (int64_t)q->nvocab;
		vword *v = &q->vocab[q->nvocab++];
		v->w = copy;
		v->len = (uint16_t)n;
		v->mask = letters(w, (size_t)n);
		v->freq = sqlite3_column_int64(st, 1);
	}
	int rc = step == SQLITE_DONE ? 0 : mc_store_dberr(q->s, err, "search: read vocabulary");
	sqlite3_reset(st);
	return rc;
}

/* Optimal string alignment distance, or max+1 when above max. */
static int osa(const char *a, size_t n, const char *b, size_t m, int max)
{
	int d[3][MC_SQ_WORD_MAX + 1];
	if (n >= MC_SQ_WORD_MAX || m >= MC_SQ_WORD_MAX)
		return max + 1;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		int *cur = d[i % 3], *prev = d[(i - 1) % 3], *pp = d[(i + 1) % 3];
		cur[0] = (int)i;
		int best = cur[0];
		for (size_t j = 1; j <= m; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
	}
	return d[n % 3][m];
}

/* Best vocabulary word for an unknown word (within max_dist, 0 = by
 * length, and at least min_freq occurrences); NULL when none is close. */
static const char *correct(mc_searcher *q, const char *w, int max_dist, int64_t min_freq,
			   mc_error *err, int *rc)
{
	*rc = 0;
	if (!q->vocab_loaded && (*rc = load_vocab(q, err)) < 0)
		return NULL;
	size_t n = strlen(w);
	int max = max_dist ? max_dist : n >= 6 ? 2 : 1;
	uint32_t m = letters(w, n);
	const vword *best = NULL;
	double best_score = -1e9;
	for (size_t i = 0; i < q->nvocab; i++) {
		const vword *v = &q->vocab[i];
		if ((size_t)v->len + (size_t)max < n || v->len > n + (size_t)max)
			continue;
		if (__builtin_popcount(v->mask ^ m) > 2 * max)
			continue;
		if (v->freq < min_freq)
			continue;
		int d = osa(w, n, v->w, v->len, max);
		if (d > max || d == 0)
			continue;
		double sc = log((double)v->freq + 1.0) - 5.0 * d;
		if (sc > best_score) {
			best_score = sc;
			best = v;
		}
	}
	return best ? best->w : NULL;
}

/* The commonest vocabulary word that starts with prefix (and is longer). */
static const char *complete(mc_searcher *q, const char *prefix, mc_error *err, int *rc)
{
	*rc = 0;
	if (!q->vocab_loaded && (*rc = load_vocab(q, err)) < 0)
		return NULL;
	size_t n = strlen(prefix);
	const vword *best = NULL;
	for (size_t i = 0; i < q->nvocab; i++) {
		const vword *v = &q->vocab[i];
		if (v->len > n && v->w[0] == prefix[0] && !memcmp(v->w, prefix, n) && (!best || v->freq > best->freq))
			best = v;
	}
	return best ? best->w : NULL;
}

/* Occurrences of this stem in the index (0 when none): an upper bound of
 * the documents that hold it. */
static int64_t stem_docs(mc_searcher *q, const char *stem)
{
	sqlite3_stmt *st = q->st[Q_TERM];
	sqlite3_bind_text(st, 1, stem, -1, SQLITE_STATIC);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

/* ---- the plan of one query ---------------------------------------------------- */

typedef struct alt_plan {
	char stems[160];           /* stemmed words, single spaces */
	char text[160];            /* words as searched (after correction) */
	bool known;                /* every word is in the index */
	int64_t df;                /* documents holding its rarest word (an upper bound) */
	int64_t maxdf;             /* ... and its commonest word */
	bool prefix;               /* the last word is a prefix (type-ahead) */
} alt_plan;

typedef struct group_plan {
	alt_plan alt[MC_SQ_MAX_ALTS];
	size_t nalts;
	bool prefix, skip;         /* skip: resolved as a code */
	char corrected_from[MC_SQ_WORD_MAX], corrected_to[MC_SQ_WORD_MAX];
	const char *surface;
	uint8_t kind;
	double weight;             /* how informative the concept is (idf) */
} group_plan;

typedef struct cand {
	int64_t id;
	double bm25;
	double score;
	int code_rank;             /* > 0: matched as a code (order) */
	uint8_t code_how;          /* 1 exact, 2 range, 3 prefix */
	char system[16], code[MC_CODE_MAX];
	char *title, *why;
	int billable;
	bool and_match;
	unsigned in_title, in_alt;
	double coverage;
} cand;

typedef struct run {
	mc_searcher *q;
	mc_sq sq;
	group_plan g[MC_SQ_MAX_GROUPS];
	size_t ng;
	cand c[CAND_MAX];
	size_t nc;
	int16_t slot[CAND_SLOTS];  /* id hash -> index+1 in c */
	mc_buf colq;               /* a MATCH text with a column filter */
	unsigned systems;
	bool hard_systems;
	bool widen;                /* retrieve any-word matches even when whole matches abound */
	bool says_without;         /* the query itself says "without" / "w/o" / "no" */
	const mc_search_opts *o;
	mc_arena *arena;
	mc_error *err;
} run;

static cand *cand_get(run *r, int64_t id, bool *fresh)
{
	*fresh = false;
	size_t h = ((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 54;  /* 10 bits */
	while (r->slot[h]) {
		cand *c = &r->c[r->slot[h] - 1];
		if (c->id == id)
			return c;
		h = (h + 1) & (CAND_SLOTS - 1);
	}
	if (r->nc == CAND_MAX)
		return NULL;
	cand *c = &r->c[r->nc++];
	memset(c, 0, sizeof(*c));
	c->id = id;
	r->slot[h] = (int16_t)r->nc;
	*fresh = true;
	return c;
}

static void stem_append(run *r, alt_plan *a, const char *word, bool prefix)
{
	char st[MC_SQ_WORD_MAX];
	size_t n = prefix ? (size_t)snprintf(st, sizeof(st), "%s", word)
			  : mc_sq_stem(r->q->stem, word, strlen(word), st, sizeof(st));
	size_t len = strlen(a->stems), tl = strlen(a->text);
	if (len + n + 2 > sizeof(a->stems) || tl + strlen(word) + 2 > sizeof(a->text))
		return;
	snprintf(a->stems + len, sizeof(a->stems) - len, "%s%s", len ? " " : "", st);
	snprintf(a->text + tl, sizeof(a->text) - tl, "%s%s", tl ? " " : "", word);
}

/* Documents holding the rarest word of an alternative (0 when a word is
 * not indexed; prefixes count as common). */
static int64_t alt_df(run *r, alt_plan *a, bool prefix)
{
	a->maxdf = INT64_MAX / 4;
	if (prefix)
		return INT64_MAX / 4;
	int64_t best = INT64_MAX / 4, most = 0;
	const char *p = a->stems;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		char w[MC_SQ_WORD_MAX];
		if (l && l < sizeof(w)) {
			memcpy(w, p, l);
			w[l] = '\0';
			int64_t d = stem_docs(r->q, w);
			if (d < best)
				best = d;
			if (d > most)
				most = d;
		}
		if (!e)
			break;
		p = e + 1;
	}
	a->maxdf = most;
	return best;
}

/* Append every word of text (normalised lexicon text) to a. */
static void add_words(run *r, alt_plan *a, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		char w[MC_SQ_WORD_MAX];
		if (l && l < sizeof(w)) {
			memcpy(w, p, l);
			w[l] = '\0';
			if (!mc_sq_stopword(w))
				stem_append(r, a, w, false);
		}
		if (!e)
			break;
		p = e + 1;
	}
}

/* Turn the parsed groups into stems, correcting unknown words. */
static int plan(run *r)
{
	mc_sq *sq = &r->sq;
	r->ng = 0;
	for (size_t gi = 0; gi < sq->ngroups; gi++) {
		mc_sq_group *sg = &sq->group[gi];
		group_plan *g = &r->g[r->ng++];
		memset(g, 0, sizeof(*g));
		g->surface = mc_sq_str(sq, sg->surface);
		g->prefix = sg->prefix;
		g->kind = sg->kind;
		for (size_t k = 0; k < sq->ncodes; k++)
			if (sg->code_like && sq->code[k].group == gi && !sq->code[k].also_word)
				g->skip = true;
		for (size_t ai = 0; ai < sg->nalts; ai++) {
			alt_plan *a = &g->alt[g->nalts];
			memset(a, 0, sizeof(*a));
			a->known = true;
			char words[MC_SQ_WORD_MAX * 6];
			snprintf(words, sizeof(words), "%s", mc_sq_str(sq, sg->alt[ai]));
			char *save = words;
			while (*save) {
				char *sp = strchr(save, ' ');
				if (sp)
					*sp = '\0';
				const char *w = save;
				char st[MC_SQ_WORD_MAX];
				/* stop words inside a phrase ("neoplasm of lung") add nothing
				 * to a bag of words but cost a long doclist */
				bool lone = save == words && !sp;
				if (!lone && !(g->prefix && !sp) && mc_sq_stopword(w)) {
					if (!sp)
						break;
					save = sp + 1;
					continue;
				}
				if (g->prefix) {
					stem_append(r, a, w, true);
				} else {
					mc_sq_stem(r->q->stem, w, strlen(w), st, sizeof(st));
					bool indexed = stem_docs(r->q, st) > 0;
					bool single = sg->correctable && sg->nalts == 1;
					int rc = 0;
					if (single && indexed && !r->q->vocab_loaded)
						rc = load_vocab(r->q, r->err);
					if (rc < 0)
						return rc;
					/* a typo that happens to stem like a rare word ("migrane" ->
					 * "migran"): correct it only to a common word one edit away */
					bool odd = single && indexed && !mc_strmap_get(&r->q->vmap, w, strlen(w));
					if (!indexed || odd) {
						const char *fix = NULL;
						if (single)
							fix = correct(r->q, w, odd ? 1 : 0, odd ? 50 : 0, r->err, &rc);
						if (rc < 0)
							return rc;
						if (fix) {
							snprintf(g->corrected_from, sizeof(g->corrected_from), "%.39s", w);
							snprintf(g->corrected_to, sizeof(g->corrected_to), "%.39s", fix);
							w = fix;
						} else if (!indexed) {
							a->known = false;
						}
					}
					stem_append(r, a, w, false);
				}
				if (!sp)
					break;
				save = sp + 1;
			}
			if (a->stems[0]) {
				a->prefix = g->prefix;
				a->df = alt_df(r, a, g->prefix);
				g->nalts++;
			}
		}
		/* type-ahead: the commonest word that completes the prefix comes first */
		if (g->prefix && g->nalts == 1 && !strchr(g->alt[0].text, ' ') && strlen(g->alt[0].text) >= 2) {
			int rc = 0;
			const char *full = complete(r->q, g->alt[0].text, r->err, &rc);
			if (rc < 0)
				return rc;
			if (full) {
				alt_plan t;
				memset(&t, 0, sizeof(t));
				t.known = true;
				stem_append(r, &t, full, false);
				t.df = alt_df(r, &t, false);
				memmove(&g->alt[1], &g->alt[0], sizeof(g->alt[0]));
				g->alt[0] = t;
				g->nalts = 2;
			}
		} else if (g->prefix && g->nalts == 1 && strchr(g->alt[0].text, ' ')) {
			g->alt[0].prefix = true;
		}
		/* a corrected word may be a lexicon term ("hypertenshun") */
		size_t cnt = 0;
		const mc_lexicon *lx = mc_sq_lexicon();
		const mc_lex_entry *e = g->corrected_to[0] && lx ? mc_lex_find(lx, false, g->corrected_to, &cnt)
								 : NULL;
		for (size_t k = 0; e && k < cnt && g->nalts < MC_SQ_MAX_ALTS; k++) {
			alt_plan *a = &g->alt[g->nalts];
			memset(a, 0, sizeof(*a));
			a->known = true;
			add_words(r, a, e[k].expansion);
			if (a->stems[0]) {
				a->df = alt_df(r, a, false);
				/* the expansion first: it is the preferred reading */
				alt_plan t = g->alt[g->nalts];
				memmove(&g->alt[1], &g->alt[0], g->nalts * sizeof(g->alt[0]));
				g->alt[0] = t;
				g->nalts++;
				g->kind = e[k].kind;
			}
		}
		if (!g->nalts)
			r->ng--;
	}
	return 0;
}

/* Documents that may hold one of a concept's alternatives (upper bound). */
static int64_t group_df(const group_plan *g)
{
	int64_t n = 0;
	for (size_t a = 0; a < g->nalts; a++)
		if (g->alt[a].known || g->alt[a].prefix)
			n += g->alt[a].df;
	return n;
}

/* Each concept's weight: the inverse document frequency of the concept
 * (ln N/df, at least 0.3); a concept nothing in the index holds weighs
 * little (it cannot discriminate). */
static void weigh(run *r)
{
	for (size_t gi = 0; gi < r->ng; gi++) {
		group_plan *g = &r->g[gi];
		int64_t df = group_df(g);
		double w = df > 0 ? log((r->q->ndocs + 1.0) / ((double)df + 1.0)) : 0.3;
		if (g->prefix)
			w = 1.0;
		g->weight = w < 0.3 ? 0.3 : w;
	}
}

/* The commonest word of the concepts a MATCH text uses (all but except):
 * FTS5's BM25 reads the whole document list of every word to weigh it, so
 * BM25 ordering pays only while every word is rare enough. */
static int64_t commonest(const run *r, int except)
{
	int64_t most = 0;
	for (size_t gi = 0; gi < r->ng; gi++) {
		const group_plan *g = &r->g[gi];
		if (g->skip || (except >= 0 && (size_t)except == gi))
			continue;
		for (size_t a = 0; a < g->nalts; a++)
			if (g->alt[a].known && g->alt[a].maxdf > most)
				most = g->alt[a].maxdf;
	}
	return most;
}

/* The FTS5 MATCH text: every concept (and_ true) or any of them (leaving
 * out concepts held by more than max_df documents).  *est is an upper
 * bound of the documents it matches. */
static int match_text(run *r, bool and_, bool no_prefix, int64_t max_df, int only, int except,
		      int64_t *est, mc_buf *b)
{
	size_t used = 0;
	mc_buf_clear(b);
	*est = and_ ? INT64_MAX / 4 : 0;
	for (size_t gi = 0; gi < r->ng; gi++) {
		group_plan *g = &r->g[gi];
		if (g->skip || (only >= 0 && (size_t)only != gi) || (except >= 0 && (size_t)except == gi))
			continue;
		size_t known = 0;
		for (size_t a = 0; a < g->nalts; a++)
			known += g->alt[a].known || g->alt[a].prefix;
		if (!known)
			continue;  /* nothing in the index: it cannot help */
		if (g->prefix && g->nalts == 1 && strlen(g->alt[0].stems) < 2)
			continue;  /* one letter: too many words begin with it */
		int64_t df = group_df(g);
		if (!and_ && df > max_df)
			continue;
		if (and_ ? df < *est : true)
			*est = and_ ? df : *est + df;
		if (used && mc_buf_puts(b, and_ ? " AND " : " OR ") < 0)
			return MC_ENOMEM;
		if (mc_buf_putc(b, '(') < 0)
			return MC_ENOMEM;
		size_t na = 0;
		for (size_t a = 0; a < g->nalts; a++) {
			if (!g->alt[a].known && !g->alt[a].prefix)
				continue;
			if (g->alt[a].prefix && (no_prefix || strlen(g->alt[a].stems) < 2))
				continue;
			if (na++ && mc_buf_puts(b, " OR ") < 0)
				return MC_ENOMEM;
			/* every word of the alternative, each quoted: ("a" AND "b") */
			if (mc_buf_putc(b, '(') < 0 || mc_buf_putc(b, '"') < 0)
				return MC_ENOMEM;
			for (const char *s = g->alt[a].stems; *s; s++) {
				int e = *s == '"' ? mc_buf_puts(b, "\"\"")
				      : *s == ' ' ? mc_buf_puts(b, "\" AND \"") : mc_buf_putc(b, *s);
				if (e < 0)
					return MC_ENOMEM;
			}
			if (mc_buf_putc(b, '"') < 0 || (g->alt[a].prefix && mc_buf_putc(b, '*') < 0) ||
			    mc_buf_putc(b, ')') < 0)
				return MC_ENOMEM;
		}
		if (mc_buf_putc(b, ')') < 0)
			return MC_ENOMEM;
		used++;
	}
	return (int)used;
}

static int fts(run *r, const char *match, bool rowid_order, bool and_, int limit)
{
	sqlite3_stmt *st = r->q->st[rowid_order ? Q_FTS_ROWID : Q_FTS];
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		bool fresh;
		cand *c = cand_get(r, sqlite3_column_int64(st, 0), &fresh);
		if (!c)
			break;
		if (fresh)
			c->bm25 = rowid_order ? -1.0 : sqlite3_column_double(st, 1);
		if (and_)
			c->and_match = true;
	}
	int rc = step == SQLITE_DONE || step == SQLITE_ROW ? 0 : mc_store_dberr(r->q->s, r->err, "search: query");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static int codes(run *r)
{
	mc_sq *sq = &r->sq;
	int rank = 0;
	for (size_t k = 0; k < sq->ncodes; k++) {
		mc_sq_code *c = &sq->code[k];
		sqlite3_stmt *st;
		uint8_t how;
		if (c->range) {
			st = r->q->st[Q_RANGE];
			sqlite3_bind_text(st, 1, c->lo, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, c->hi, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, 100);
			how = 2;
		} else if (c->prefix) {
			st = r->q->st[Q_PREFIX];
			sqlite3_bind_text(st, 1, c->lo, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 2, 100);
			how = 3;
		} else {
			st = r->q->st[Q_CODE];
			sqlite3_bind_text(st, 1, c->lo, -1, SQLITE_STATIC);
			how = 1;
		}
		int step, found = 0;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			bool fresh;
			if (c->dotted && !sqlite3_column_int(st, 1))
				continue;  /* only ICD-10-CM codes are written with a dot */
			if (c->range && c->shape) {
				const char *sys = (const char *)sqlite3_column_text(st, 2);
				if (!sys || !(c->shape & MC_SQ_SYS(mc_system_from_name(sys))))
					continue;  /* "E08-E13" names ICD-10-CM categories, not HCPCS E0800 */
			}
			cand *x = cand_get(r, sqlite3_column_int64(st, 0), &fresh);
			if (!x)
				break;
			if (!x->code_rank)
				x->code_rank = ++rank;
			x->code_how = how;
			found++;
		}
		int rc = step == SQLITE_DONE || step == SQLITE_ROW ? 0 : mc_store_dberr(r->q->s, r->err, "search: code");
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc < 0)
			return rc;
		if (found && c->also_word)
			c->also_word = false;  /* it was a code: not a word */
	}
	return 0;
}

static bool has_word(const char *text, const char *w, size_t n, bool prefix)
{
	for (const char *p = text; *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		const char *q = p;
		if (*q == '(') {          /* a nonessential modifier (in parentheses) */
			q++;
			l--;
		}
		if (prefix ? l >= n && !memcmp(q, w, n) : l == n && !memcmp(q, w, n))
			return true;
		if (!e)
			break;
		p = e + 1;
	}
	return false;
}

/* True when every word of words occurs in text (the last one as a prefix
 * when prefix is set). */
static bool has_all(const char *text, const char *words, bool prefix)
{
	if (!*words)
		return false;
	for (const char *p = words; *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (!has_word(text, p, l, prefix && !e))
			return false;
		if (!e)
			break;
		p = e + 1;
	}
	return true;
}

/* True when every word of words occurs in one of the three texts. */
static bool has_all_spread(const char *t1, const char *t2, const char *t3, const char *words, bool prefix)
{
	if (!*words)
		return false;
	for (const char *p = words; *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		bool pre = prefix && !e;
		if (!has_word(t1, p, l, pre) && !has_word(t2, p, l, pre) && !has_word(t3, p, l, pre))
			return false;
		if (!e)
			break;
		p = e + 1;
	}
	return true;
}

/* True when the stems of phrase occur as whole words in text. */
static bool has_phrase(const char *text, const char *phrase, bool prefix)
{
	size_t n = strlen(phrase);
	if (!n)
		return false;
	for (const char *p = text; (p = strstr(p, phrase)); p++) {
		bool left = p == text || p[-1] == ' ';
		bool right = prefix || p[n] == '\0' || p[n] == ' ';
		if (left && right)
			return true;
	}
	return false;
}

static bool starts_with_phrase(const char *text, const char *phrase)
{
	size_t n = strlen(phrase);
	return n && !strncmp(text, phrase, n) && (text[n] == '\0' || text[n] == ' ');
}

/* Words that make a title no more specific. */
static bool generic_stem(const char *w, size_t n)
{
#define G(s) { s, sizeof(s) - 1 }
	static const struct { const char *s; size_t n; } g[] = {
		G("unspecifi"), G("organ"), G("site"), G("nos"), G("without"), G("complic"), G("of"),
		G("the"), G("and"), G("or"), G("with"), G("by"), G("to"), G("in"), G("a"), G("due"),
		G("initi"), G("encount"), G("type"), G("for"), G("other"), G("elsewher"), G("classifi"),
		G("not"), G("specifi"), G("essenti"),
	};
#undef G
	for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++)
		if (g[i].n == n && !memcmp(g[i].s, w, n))
			return true;
	return false;
}

static bool query_has_stem(const run *r, const char *w, size_t n)
{
	for (size_t gi = 0; gi < r->ng; gi++)
		for (size_t a = 0; a < r->g[gi].nalts; a++) {
			const char *s = r->g[gi].alt[a].stems;
			for (const char *p = s; *p;) {
				const char *e = strchr(p, ' ');
				size_t l = e ? (size_t)(e - p) : strlen(p);
				if (l == n && !memcmp(p, w, n))
					return true;
				if (r->g[gi].prefix && l <= n && !memcmp(p, w, l))
					return true;
				if (!e)
					break;
				p = e + 1;
			}
		}
	return false;
}

/* True when title has "without W" for a word W the user typed. */
static bool title_excludes_query(const run *r, const char *title)
{
	size_t tn = strlen(title);
	if (!mc_memcasestr(title, tn, "without "))
		return false;
	for (size_t gi = 0; gi < r->ng; gi++) {
		const group_plan *g = &r->g[gi];
		if (g->skip || !g->surface || strlen(g->surface) < 3)
			continue;
		char needle[MC_SQ_WORD_MAX + 16];
		snprintf(needle, sizeof(needle), "without %s", g->surface);
		const char *hit = mc_memcasestr(title, tn, needle);
		if (hit) {
			char after = hit[strlen(needle)];
			if (!((after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z')))
				return true;
		}
	}
	return false;
}

/* Copy src into out[cap], cut to fit. */
static void copy_str(char *out, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, src, n);
	out[n] = '\0';
}

static int rescore(run *r, cand *c, double best_bm25, mc_buf *why)
{
	sqlite3_stmt *st = r->q->st[Q_DOC];
	sqlite3_bind_int64(st, 1, c->id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		c->score = -1e9;
		return 0;
	}
	const char *sys = (const char *)sqlite3_column_text(st, 0);
	const char *code = (const char *)sqlite3_column_text(st, 1);
	const char *title = (const char *)sqlite3_column_text(st, 2);
	int billable = sqlite3_column_int(st, 3);
	const char *stem = (const char *)sqlite3_column_text(st, 4);
	const char *alt = (const char *)sqlite3_column_text(st, 5);
	const char *tstem = (const char *)sqlite3_column_text(st, 6);
	if (!sys || !code || !title || !stem || !alt || !tstem) {		sqlite3_reset(st);
		c->score = -1e9;
		return 0;
	}
	mc_system s = mc_system_from_name(sys);
	copy_str(c->system, sizeof(c->system), sys);
	copy_str(c->code, sizeof(c->code), code);
	c->title = mc_arena_strdup(r->arena, title);
	if (billable < 0)
		billable = s == MC_SYS_CPT || s == MC_SYS_HCPCS;
	c->billable = billable;
	if (r->systems && !(r->systems & MC_SQ_SYS(s))) {
		sqlite3_reset(st);
		c->score = -1e9;
		return c->title ? 0 : MC_ENOMEM;
	}
	double score = 0;
	c->coverage = 0;
	size_t groups = 0, in_title = 0, in_alt = 0, found = 0;
	double wsum = 0, wcov = 0;
	bool first_start = false;
	mc_buf_clear(why);
	if (c->code_rank) {
		score = 100.0 - c->code_rank * 0.01;
		if (r->o->explain)
			mc_buf_printf(why, "%s", c->code_how == 1 ? "code" : c->code_how == 2 ? "in the range" : "code prefix");
	}
	mc_buf tw = MC_BUF_INIT, aw = MC_BUF_INIT, iw = MC_BUF_INIT;
	for (size_t gi = 0; gi < r->ng; gi++) {
		group_plan *g = &r->g[gi];
		if (g->skip)
			continue;
		groups++;
		int where = 0; /* 1 title, 2 descriptor, 3 index or inclusion terms */
		for (size_t a = 0; a < g->nalts && where != 1; a++) {
			if (has_all(stem, g->alt[a].stems, g->alt[a].prefix)) {
				where = 1;
				if (gi == 0 || (gi > 0 && !first_start && groups == 1))
					first_start = starts_with_phrase(stem, g->alt[a].stems);
			} else if (!where && has_all(alt, g->alt[a].stems, g->alt[a].prefix)) {
				where = 2;
			}
		}
		/* words spread over the title and its spelled-out abbreviations
		 * ("Assay thyroid stim hormone": stim = stimulating) are in the
		 * descriptor; spread over the index terms too, in the terms */
		for (size_t a = 0; a < g->nalts && !where; a++)
			if (has_all_spread(stem, alt, "", g->alt[a].stems, g->alt[a].prefix))
				where = 2;
		for (size_t a = 0; a < g->nalts && !where; a++)
			if (has_all_spread(stem, alt, tstem, g->alt[a].stems, g->alt[a].prefix))
				where = 3;
		/* CPT titles are the short descriptors: their spelled-out words count as title */
		if (where == 2 && s == MC_SYS_CPT)
			where = 1;
		/* informative-word coverage: a concept counts by its weight, fully in
		 * the title, less in the descriptors, least in the index terms */
		wsum += g->weight;
		wcov += g->weight * (where == 1 ? 1.0 : where == 2 ? 0.85 : where == 3 ? 0.6 : 0.0);
		found += where != 0;
		if (where == 1 && g->nalts > 1 && has_all(stem, g->alt[0].stems, false))
			score += g->kind == SQ_ABBREV ? 0.3 : 0.8;  /* the lexicon's first reading */
		if (where == 1)
			in_title++;
		else if (where == 2)
			in_alt++;
		if (r->o->explain && where) {
			mc_buf *b = where == 1 ? &tw : where == 2 ? &aw : &iw;
			mc_buf_printf(b, "%s'%s'", b->len ? ", " : "", g->surface);
		}
	}
	double bm = best_bm25 < 0 && c->bm25 < 0 ? c->bm25 / best_bm25 : 0;
	if (groups) {
		double cov_t = (double)in_title / (double)groups;
		double cov_w = wsum > 0 ? wcov / wsum : 0;
		c->coverage = cov_w;
		score += 5.0 * cov_w + 1.0 * cov_t + 1.0 * bm + (found == groups ? 1.0 : 0.0);
		if (first_start)
			score += 0.75;
		/* exact phrase: the whole query, in order, in the title */
		if (groups > 1 && in_title == groups) {
			char phrase[512] = "";
			size_t pl = 0;
			for (size_t gi = 0; gi < r->ng; gi++) {
				if (r->g[gi].skip || !r->g[gi].nalts)
					continue;
				int k = snprintf(phrase + pl, sizeof(phrase) - pl, "%s%s", pl ? " " : "",
						 r->g[gi].alt[0].stems);
				if (k < 0 || (size_t)k >= sizeof(phrase) - pl)
					break;
				pl += (size_t)k;
			}
			if (has_phrase(stem, phrase, false)) {
				score += 1.5;
				if (r->o->explain)
					mc_buf_printf(why, "%sexact phrase in the title", why->len ? "; " : "");
			}
		}
		/* specificity: extra title words cost; a bare condition prefers unspecified */
		size_t extra = 0, markers = 0;
		bool unspec = false;
		for (const char *p = stem; *p;) {
			const char *e = strchr(p, ' ');
			size_t l = e ? (size_t)(e - p) : strlen(p);
			/* default-code markers: unspecified, without, not ..., essential */
			if ((l == 9 && !memcmp(p, "unspecifi", 9)) || (l == 7 && !memcmp(p, "without", 7)) ||
			    (l == 3 && !memcmp(p, "not", 3)) || (l == 7 && !memcmp(p, "essenti", 7)) ||
			    (l >= 7 && !memcmp(p, "uncompl", 7))) {
				unspec = true;
				markers++;
			}
			if (*p != '(' && !generic_stem(p, l) && !query_has_stem(r, p, l))
				extra++;
			if (!e)
				break;
			p = e + 1;
		}
		score -= 0.12 * (double)(extra > 12 ? 12 : extra);
		if (unspec && in_title == groups && !c->code_rank && s == MC_SYS_ICD10CM)
			score += 0.6 + 0.35 * (double)(markers > 3 ? 3 : markers);
		if (r->o->explain) {
			if (tw.len)
				mc_buf_printf(why, "%stitle matches %s", why->len ? "; " : "", tw.ptr);
			if (aw.len)
				mc_buf_printf(why, "%sdescriptor matches %s", why->len ? "; " : "", aw.ptr);
			if (iw.len)
				mc_buf_printf(why, "%sindex or inclusion terms match %s", why->len ? "; " : "", iw.ptr);
			if (unspec && in_title == groups && !c->code_rank && s == MC_SYS_ICD10CM)
				mc_buf_printf(why, "%sunspecified code preferred for a bare condition",
					      why->len ? "; " : "");
		}
	}
	if (c->code_rank)
		score = 100.0 - c->code_rank * 0.01;  /* codes keep their code order */
	else if (s == MC_SYS_ICD10CM) {
		score += billable ? 1.0 : -1.5;
		size_t cl = strlen(code);
		/* 7th character: the initial encounter is the usual first look-up */
		if (cl == 8 && code[7] == 'A')
			score += 0.3;
		/* external causes (V00-Y99) are secondary codes: below the condition;
		 * pregnancy and perinatal chapters only when the words say so (their
		 * titles then match better anyway); personal history below current */
		if (code[0] >= 'V' && code[0] <= 'Y')
			score -= 0.5;
		else if (code[0] == 'O' || code[0] == 'P')
			score -= 1.0;
		else if (code[0] == 'Z' && code[1] == '8')
			score -= 0.3;
	}
	/* CPT anesthesia codes (00100-01999) are for a procedure, and come
	 * below it unless the words say anesthesia (then they match better) */
	if (s == MC_SYS_CPT && !c->code_rank && strlen(code) == 5 && code[0] == '0' && (code[1] == '0' || code[1] == '1') &&
	    isdigit((unsigned char)code[4]))
		score -= 0.5;
	if (r->sq.systems && (r->sq.systems & MC_SQ_SYS(s)))
		score += 0.5;
	/* procedure words without a system named: procedures before findings */
	if (r->sq.procedure && !r->sq.systems && !c->code_rank)
		score += s == MC_SYS_CPT || s == MC_SYS_HCPCS ? 0.6 : s == MC_SYS_ICD10CM ? -0.3 : 0;
	/* A title that excludes a word of the query ("... without gangrene" for
	 * "with gangrene") answers the opposite question. */
	if (!r->says_without && !c->code_rank && title_excludes_query(r, title))
		score -= 1.5;
	if (r->o->explain) {
		for (size_t gi = 0; gi < r->ng; gi++) {
			group_plan *g = &r->g[gi];
			if (g->corrected_to[0])
				mc_buf_printf(why, "%s'%s' read as '%s'", why->len ? "; " : "", g->corrected_from,
					      g->corrected_to);
			if (g->kind != SQ_PLAIN && g->nalts)
				mc_buf_printf(why, "%s'%s' means '%s'", why->len ? "; " : "", g->surface,
					      g->alt[0].text);
		}
		mc_buf_printf(why, "%s%s", why->len ? "; " : "",
			      s == MC_SYS_ICD10CM ? (billable ? "billable" : "header, not billable") : sys);
		c->why = mc_arena_strdup(r->arena, why->ptr ? why->ptr : "");
	}
	mc_buf_release(&tw);
	mc_buf_release(&aw);
	mc_buf_release(&iw);
	c->in_title = (unsigned)in_title;
	c->in_alt = (unsigned)in_alt;
	c->score = score;
	sqlite3_reset(st);
	return (!c->title || (r->o->explain && !c->why)) ? MC_ENOMEM : 0;
}

static int cand_cmp(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void interpreted(run *r, mc_buf *b)
{
	for (size_t k = 0; k < r->sq.ncodes; k++) {
		const mc_sq_code *c = &r->sq.code[k];
		if (c->also_word)
			continue;
		mc_buf_printf(b, "%s%s%s%s%s", b->len ? " " : "", c->lo, c->range ? "-" : "",
			      c->range ? c->hi : "", c->prefix ? "*" : "");
	}
	for (size_t gi = 0; gi < r->ng; gi++) {
		const group_plan *g = &r->g[gi];
		if (g->skip)
			continue;
		mc_buf_puts(b, b->len ? " " : "");
		if (g->nalts > 1)
			mc_buf_putc(b, '(');
		for (size_t a = 0; a < g->nalts; a++)
			mc_buf_printf(b, "%s%s", a ? " | " : "", g->alt[a].text);
		if (g->nalts > 1)
			mc_buf_putc(b, ')');
		if (g->prefix && g->nalts == 1)
			mc_buf_putc(b, '*');
	}
	if (r->systems) {
		mc_buf_puts(b, " [");
		bool first = true;
		for (int s = 1; s < MC_SYS_COUNT_; s++)
			if (r->systems & MC_SQ_SYS(s)) {
				mc_buf_printf(b, "%s%s", first ? "" : ",", mc_system_name((mc_system)s));
				first = false;
			}
		mc_buf_putc(b, ']');
	}
}

static int execute(run *r, size_t limit, mc_buf *m)
{
	int rc = codes(r);
	if (rc < 0)
		return rc;
	if ((rc = plan(r)) < 0)
		return rc;
	weigh(r);
	int64_t est;
	int used;
	if (r->o->prefix) {
		/* the likeliest completion of the word being typed first, then any */
		if ((used = match_text(r, true, true, 0, -1, -1, &est, m)) < 0)
			return mc_error_set(r->err, MC_ENOMEM, "search: out of memory");
		if (used > 0 && (rc = fts(r, m->ptr, true, true, TA_LIMIT)) < 0)
			return rc;
		if (r->nc >= TA_LIMIT / 2)
			return 0;
		if ((used = match_text(r, true, false, 0, -1, -1, &est, m)) < 0)
			return mc_error_set(r->err, MC_ENOMEM, "search: out of memory");
		return used > 0 ? fts(r, m->ptr, true, true, TA_LIMIT) : 0;
	}
	used = match_text(r, true, false, 0, -1, -1, &est, m);
	if (used < 0)
		return mc_error_set(r->err, MC_ENOMEM, "search: out of memory");
	if (used == 0)
		return 0;
	/* BM25 must score every match: when the words are common, read the
	 * matches in the index's static order instead (general codes first)
	 * and let the re-ranking judge them */
	size_t before = r->nc;
	bool big = est > BM25_MAX_DOCS || commonest(r, -1) > BM25_MAX_WORD_DOCS;
	if ((rc = fts(r, m->ptr, big, true, big ? ROWID_LIMIT : FTS_LIMIT)) < 0)
		return rc;
	size_t whole = r->nc - before;
	if (used < 2)
		return 0;
	/* Every concept but one: a code that holds all of the query's words
	 * save one ("knee joint injection without ultrasound": the joint
	 * injection code names no knee) outranks one that holds a single word. */
	if (whole < limit && used >= 3) {
		for (size_t gi = 0; gi < r->ng; gi++) {
			if (r->g[gi].skip)
				continue;
			int k = match_text(r, true, false, 0, -1, (int)gi, &est, m);
			if (k < 0)
				return mc_error_set(r->err, MC_ENOMEM, "search: out of memory");
			if (k >= 2 && (rc = fts(r, m->ptr, est > LOO_BM25_DOCS ||
						commonest(r, (int)gi) > BM25_MAX_WORD_DOCS, false, LOO_LIMIT)) < 0)
				return rc;
		}
	}
	/* The informative concepts one by one, rarest first: a document that
	 * holds the query's rarest word must be a candidate even when the
	 * commoner words fill the any-word matches ("restless legs at night"). */
	size_t order[MC_SQ_MAX_GROUPS], n = 0;
	for (size_t gi = 0; gi < r->ng; gi++)
		if (!r->g[gi].skip && group_df(&r->g[gi]) <= RARE_DF)
			order[n++] = gi;
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && group_df(&r->g[order[k]]) < group_df(&r->g[order[k - 1]]); k--) {
			size_t t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		int one = match_text(r, false, false, RARE_DF, (int)order[i], -1, &est, m);
		if (one < 0)
			return mc_error_set(r->err, MC_ENOMEM, "search: out of memory");
		if (one <= 0)
			continue;
		/* its matches in titles and descriptors first, in the static order
		 * (short titles first; BM25 let index terms that repeat a word
		 * outweigh a short CPT title, and costs a score per match) */
		if (mc_buf_printf(&r->colq, "%s{title alt} : %s", "", m->ptr) < 0)
			return mc_error_set(r->err, MC_ENOMEM, "search: out of memory");
		rc = fts(r, r->colq.ptr, true, false, RARE_LIMIT);
		mc_buf_clear(&r->colq);
		/* then anywhere (the index terms), in the static order too */
		if (rc < 0 || (rc = fts(r, m->ptr, true, false, RARE_LIMIT / 2)) < 0)
			return rc;
	}
	/* then any word, to fill up, in the static order (BM25 over every
	 * match of every word would cost most of the query) */
	if ((whole < limit && r->nc < OR_FILL) || r->widen) {
		int any = match_text(r, false, false, OR_MAX_DF, -1, -1, &est, m);
		if (any < 0)
			return mc_error_set(r->err, MC_ENOMEM, "search: out of memory");
		if (any > 0 && (rc = fts(r, m->ptr, true, false, ROWID_LIMIT)) < 0)
			return rc;
	}
	return 0;
}

int mc_search(mc_searcher *q, const char *query, const mc_search_opts *opts, mc_search_result *out,
	      mc_error *err)
{
	static const mc_search_opts defaults = { 0, 10, false, false };
	memset(out, 0, sizeof(*out));
	const mc_search_opts *o = opts ? opts : &defaults;
	size_t limit = o->limit ? o->limit : 10;
	if (limit > 100)
		limit = 100;
	mc_arena *arena = mc_calloc(1, sizeof(*arena));
	run *r = mc_calloc(1, sizeof(*r));
	mc_buf m = MC_BUF_INIT, why = MC_BUF_INIT, interp = MC_BUF_INIT;
	int rc = 0;
	bool txn = false;
	if (!arena || !r) {
		mc_free(arena);
		mc_free(r);
		return mc_error_set(err, MC_ENOMEM, "search: out of memory");
	}
	out->arena_ = arena;
	out->query = mc_arena_strdup(arena, query ? query : "");
	out->interpreted = "";
	if (!out->query) {
		rc = mc_error_set(err, MC_ENOMEM, "search: out of memory");
		goto done;
	}
	r->q = q;
	r->o = o;
	r->arena = arena;
	r->err = err;
	if ((rc = mc_sq_parse(&r->sq, query, query ? strlen(query) : 0, o->prefix, err)) < 0)
		goto done;
	{
		size_t qn = strlen(query);
		r->says_without = mc_memcasestr(query, qn, "without") || mc_memcasestr(query, qn, "w/o") ||
				  mc_memcasestr(query, qn, "no ") == query || mc_memcasestr(query, qn, " no ");
	}
	r->systems = o->systems ? o->systems : r->sq.systems;
	r->hard_systems = o->systems != 0;
	/* one read transaction: one file lock for the dozens of statements */
	if (!q->s->in_txn && sqlite3_get_autocommit(q->s->db)) {
		if (sqlite3_step(q->st[Q_BEGIN]) != SQLITE_DONE) {
			sqlite3_reset(q->st[Q_BEGIN]);
			rc = mc_store_dberr(q->s, err, "search: begin");
			goto done;
		}
		sqlite3_reset(q->st[Q_BEGIN]);
		txn = true;
	}
	if ((rc = execute(r, limit, &m)) < 0)
		goto done;
	double best = 0;
	for (size_t i = 0; i < r->nc; i++)
		if (r->c[i].bm25 < best)
			best = r->c[i].bm25;
	for (int pass = 0; pass < 3; pass++) {
		size_t kept = 0;
		for (size_t i = 0; i < r->nc; i++) {
			if ((rc = rescore(r, &r->c[i], best, &why)) < 0) {
				rc = mc_error_set(err, MC_ENOMEM, "search: out of memory");
				goto done;
			}
			kept += r->c[i].score > -1e8;
		}
		if (kept >= limit || !r->systems)
			break;
		/* Too few in the systems asked for: whole matches of the words may
		 * all lie elsewhere ("cpt ... fluoroscopy imaging": HCPCS titles hold
		 * both words, CPT titles one).  First widen to any-word matches. */
		if (!r->widen && !r->o->prefix) {
			r->widen = true;
			if ((rc = execute(r, limit, &m)) < 0)
				goto done;
			for (size_t i = 0; i < r->nc; i++)
				if (r->c[i].bm25 < best)
					best = r->c[i].bm25;
			continue;
		}
		/* a system only inferred from the words: fall back to all when it has nothing */
		if (kept || r->hard_systems)
			break;
		r->systems = 0;
	}
	qsort(r->c, r->nc, sizeof(r->c[0]), cand_cmp);
	size_t n = 0;
	while (n < r->nc && n < limit && r->c[n].score > -1e8)
		n++;
	interpreted(r, &interp);
	out->interpreted = mc_arena_strdup(arena, interp.ptr ? interp.ptr : "");
	out->hits = n ? mc_arena_alloc(arena, n * sizeof(*out->hits)) : NULL;
	if (!out->interpreted || (n && !out->hits)) {
		out->interpreted = "";
		rc = mc_error_set(err, MC_ENOMEM, "search: out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		cand *c = &r->c[i];
		mc_search_hit *h = &out->hits[i];
		h->system = mc_arena_strdup(arena, c->system);
		h->code = mc_arena_strdup(arena, c->code);
		h->title = c->title;
		h->billable = c->billable;
		h->score = round(c->score * 1000.0) / 1000.0;
		h->coverage = c->code_rank ? 1.0 : round(c->coverage * 1000.0) / 1000.0;
		h->why = o->explain ? c->why : NULL;
		if (!h->system || !h->code) {
			rc = mc_error_set(err, MC_ENOMEM, "search: out of memory");
			goto done;
		}
	}
	out->n = n;
done:
	if (txn) {
		sqlite3_step(q->st[Q_END]);
		sqlite3_reset(q->st[Q_END]);
	}
	mc_buf_release(&m);
	mc_buf_release(&why);
	mc_buf_release(&interp);
	mc_buf_release(&r->colq);
	mc_free(r);
	return rc;
}

int mc_search_prefix(mc_searcher *q, const char *query, const mc_search_opts *opts,
		     mc_search_result *out, mc_error *err)
{
	mc_search_opts o = { 0, 10, false, true };
	if (opts) {
		o = *opts;
		o.prefix = true;
	}
	return mc_search(q, query, &o, out, err);
}

void mc_search_result_release(mc_search_result *r)
{
	if (!r)
		return;
	if (r->arena_) {
		mc_arena_release(r->arena_);
		mc_free(r->arena_);
	}
	memset(r, 0, sizeof(*r));
}
