/* The detection dictionary: codes, word stems, terms (stem sets) anchored on
 * their rarest stem, text-side expansions (lexicon abbreviations and lay
 * terms) and Excludes1 ranges.  Built once; read-only afterwards. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "detect/detect_int.h"

extern const unsigned char mc_embedded_lexicon[];
extern const size_t mc_embedded_lexicon_len;
extern const unsigned char mc_embedded_detect_synonyms[];
extern const size_t mc_embedded_detect_synonyms_len;
extern const unsigned char mc_embedded_detect_combine[];
extern const size_t mc_embedded_detect_combine_len;

/* ---- map ------------------------------------------------------------- */

static uint64_t fnv(const char *k, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 1099511628211ull;
	}
	return h;
}

int dt_map_init(dt_map *m, size_t cap)
{
	size_t c = 64;
	while (c < cap * 2)
		c <<= 1;
	m->key = mc_calloc(c, sizeof(*m->key));
	m->klen = mc_calloc(c, sizeof(*m->klen));
	m->val = mc_calloc(c, sizeof(*m->val));
	m->cap = c;
	m->n = 0;
	if (!m->key || !m->klen || !m->val) {
		dt_map_release(m);
		return MC_ENOMEM;
	}
	return 0;
}

void dt_map_release(dt_map *m)
{
	mc_free(m->key);
	mc_free(m->klen);
	mc_free(m->val);
	memset(m, 0, sizeof(*m));
}

uint32_t dt_map_get(const dt_map *m, const char *k, size_t n)
{
	if (!m->cap)
		return DT_NONE;
	size_t i = (size_t)fnv(k, n) & (m->cap - 1);
	while (m->key[i]) {
		if (m->klen[i] == n && memcmp(m->key[i], k, n) == 0)
			return m->val[i];
		i = (i + 1) & (m->cap - 1);
	}
	return DT_NONE;
}

static int map_grow(dt_map *m)
{
	dt_map nm;
	if (dt_map_init(&nm, m->cap) < 0)
		return MC_ENOMEM;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->key[i])
			continue;
		size_t j = (size_t)fnv(m->key[i], m->klen[i]) & (nm.cap - 1);
		while (nm.key[j])
			j = (j + 1) & (nm.cap - 1);
		nm.key[j] = m->key[i];
		nm.klen[j] = m->klen[i];
		nm.val[j] = m->val[i];
		nm.n++;
	}
	dt_map_release(m);
	*m = nm;
	return 0;
}

int dt_map_put(dt_map *m, mc_arena *a, const char *k, size_t n, uint32_t val, uint32_t *out)
{
	if ((m->n + 1) * 2 > m->cap && map_grow(m) < 0)
		return MC_ENOMEM;
	size_t i = (size_t)fnv(k, n) & (m->cap - 1);
	while (m->key[i]) {
		if (m->klen[i] == n && memcmp(m->key[i], k, n) == 0) {
			if (out)
				*out = m->val[i];
			return 0;
		}
		i = (i + 1) & (m->cap - 1);
	}
	char *copy = mc_arena_alloc(a, n + 1);
	if (!copy)
		return MC_ENOMEM;
	memcpy(copy, k, n);
	m->key[i] = copy;
	m->klen[i] = (uint32_t)n;
	m->val[i] = val;
	m->n++;
	if (out)
		*out = val;
	return 0;
}

/* ---- growth helper ------------------------------------------------------ */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			return MC_ENOMEM;
		c *= 2;
	}
	void *np = mc_realloc(*p, c * size);
	if (!np)
		return MC_ENOMEM;
	*p = np;
	*cap = c;
	return 0;
}

static int cmp_side(const void *a, const void *b)
{
	uint32_t x = ((const dt_side *)a)->code, y = ((const dt_side *)b)->code;
	return x < y ? -1 : x > y;
}

/* ---- words ------------------------------------------------------------ */

size_t dt_lower(const char *s, size_t n, char *buf, size_t cap)
{
	bool ascii = true;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			ascii = false;
	if (ascii) {
		if (n >= cap)
			return 0;
		for (size_t i = 0; i < n; i++) {
			char c = s[i];
			buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		buf[n] = 0;
		return n;
	}
	if (!mc_utf8_valid(s, n) || n > 200)
		return 0;
	utf8proc_uint8_t *o = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &o,
					  UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE);
	if (r <= 0 || (size_t)r >= cap) {
		free(o);
		return 0;
	}
	memcpy(buf, o, (size_t)r);
	buf[r] = 0;
	free(o);
	return (size_t)r;
}

/* The English stemmer takes "-itis" for a suffix ("sinusitis" becomes
 * "sinus", "hepatitis" "hepat" like "hepatic"): an inflammation keeps its
 * whole name, and its adjective ("arthritic", "nephritic") is read as it. */
static bool inflammation(const char *w, size_t n, char *buf, size_t cap)
{
	if (n < 7 || n + 1 > cap || w[n - 4] != 'i' || w[n - 3] != 't' || w[n - 2] != 'i' ||
	    (w[n - 1] != 's' && w[n - 1] != 'c'))
		return false;
	memcpy(buf, w, n);
	buf[n - 1] = 's';
	return true;
}

static int stem_one(mc_detect *d, const char *w, size_t n, bool add, uint32_t *out)
{
	char infl[64];
	const sb_symbol *r = NULL;
	const char *s;
	size_t len;
	if (inflammation(w, n, infl, sizeof(infl))) {
		s = infl;
		len = n;
	} else if (dt_map_get(&d->whole, w, n) != DT_NONE) {
		s = w;
		len = n;
	} else {
		r = sb_stemmer_stem(d->stem, (const sb_symbol *)w, (int)n);
		s = r ? (const char *)r : w;
		len = r ? (size_t)sb_stemmer_length(d->stem) : n;
	}
	uint32_t id = dt_map_get(&d->vocab, s, len);
	if (id != DT_NONE) {
		*out = id;
		return 1;
	}
	if (!add)
		return 0;
	id = (uint32_t)d->vocab.n;
	if (dt_map_put(&d->vocab, &d->arena, s, len, id, &id) < 0)
		return MC_ENOMEM;
	*out = id;
	return 1;
}

bool dt_letter_stem(mc_detect *d, const char *w, size_t n, bool after_word, bool add, uint32_t *out)
{
	if (n != 1 || w[0] != 'A' || !after_word)
		return false;
	/* a word no text spells, so it is never a stopword nor stemmed away */
	return stem_one(d, "letter-a", 8, add, out) == 1;
}

/* ---- the text's words, cached ------------------------------------------ */

enum { WCACHE_SLOTS = 1 << 15, WCACHE_STEMS = 4 };

/* One word of text already read, by a 64-bit hash of its lower-case form
 * (no text is kept): its stems and stopword flag.  Only stopwords and
 * words with stems are cached, so nothing of a name or a number the
 * dictionary does not know stays in the detector. */
struct dt_wcache {
	uint64_t key;   /* 0: empty slot */
	uint8_t len, ns, stop;
	uint32_t st[WCACHE_STEMS];
};

int dt_text_word(mc_detect *d, const char *w, size_t n, uint32_t *out, size_t cap, bool *stop,
		 mc_error *err)
{
	char buf[128];
	*stop = false;
	size_t len = dt_lower(w, n, buf, sizeof(buf));
	if (!len || cap == 0)
		return 0;
	dt_wcache *slot = NULL;
	uint64_t h = 1469598103934665603ull;
	if (d->wcache) {
		for (size_t i = 0; i < len; i++)
			h = (h ^ (unsigned char)buf[i]) * 1099511628211ull;
		h |= 1;
		slot = &d->wcache[(h >> 17) & (WCACHE_SLOTS - 1)];
		if (slot->key == h && slot->len == (uint8_t)len && slot->ns <= cap) {
			*stop = slot->stop;
			memcpy(out, slot->st, slot->ns * sizeof(uint32_t));
			return slot->ns;
		}
	}
	int k = 0;
	if (dt_map_get(&d->stop, buf, len) != DT_NONE)
		*stop = true;
	else if ((k = dt_word_stems(d, buf, len, false, out, cap, err)) < 0)
		return k;
	if (slot && k <= WCACHE_STEMS && (k > 0 || *stop)) {
		slot->key = h;
		slot->len = (uint8_t)len;
		slot->ns = (uint8_t)k;
		slot->stop = *stop;
		memcpy(slot->st, out, (size_t)k * sizeof(uint32_t));
	}
	return k;
}

size_t dt_text_cache_used(const mc_detect *d)
{
	size_t n = 0;
	for (size_t i = 0; d->wcache && i < WCACHE_SLOTS; i++)
		n += d->wcache[i].key != 0;
	return n;
}

int dt_word_stems(mc_detect *d, const char *w, size_t n, bool add, uint32_t *out, size_t cap,
		  mc_error *err)
{
	char buf[128];
	size_t len = dt_lower(w, n, buf, sizeof(buf));
	if (!len || cap == 0)
		return 0;
	if (dt_map_get(&d->stop, buf, len) != DT_NONE)
		return 0;
	uint32_t ci = dt_map_get(&d->canon, buf, len);
	const char *src = buf;
	size_t srclen = len;
	if (ci != DT_NONE) {
		src = d->canon_words[ci];
		srclen = strlen(src);
	}
	int k = 0;
	size_t i = 0;
	while (i < srclen && (size_t)k < cap) {
		while (i < srclen && src[i] == ' ')
			i++;
		size_t j = i;
		while (j < srclen && src[j] != ' ')
			j++;
		if (j > i) {
			int r = stem_one(d, src + i, j - i, add, &out[k]);
			if (r < 0)
				return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
			k += r;
		}
		i = j;
	}
	return k;
}

/* ---- phrases ------------------------------------------------------------ */

/* Stems of a phrase in order, distinct, skipping text in parentheses or
 * brackets (nonessential modifiers); hyphenated words are joined. */
static int phrase_stems(mc_detect *d, const char *p, size_t len, bool add, bool skip_paren,
			uint32_t *out, size_t cap, unsigned *flags, mc_error *err)
{
	mc_tokens t;
	mc_tokens_init(&t);
	int rc = mc_text_tokenize(&t, p, len, err);
	if (rc < 0)
		return rc;
	size_t k = 0;
	int depth = 0;
	char word[128];
	for (size_t i = 0; i < t.n; i++) {
		const mc_token *tk = &t.v[i];
		char c = p[tk->start];
		if (tk->flags & MC_TOK_PUNCT) {
			if (c == '(' || c == '[')
				depth++;
			else if ((c == ')' || c == ']') && depth > 0)
				depth--;
			continue;
		}
		if (!(tk->flags & (MC_TOK_ALPHA | MC_TOK_DIGIT)) || (skip_paren && depth > 0))
			continue;
		/* join "gastro-esophageal" */
		size_t wl = 0, j = i;
		for (;;) {
			size_t n = t.v[j].end - t.v[j].start;
			if (wl + n >= sizeof(word))
				break;
			memcpy(word + wl, p + t.v[j].start, n);
			wl += n;
			if (j + 2 < t.n && p[t.v[j + 1].start] == '-' && t.v[j + 1].end == t.v[j + 2].start &&
			    t.v[j].end == t.v[j + 1].start && (t.v[j + 2].flags & MC_TOK_ALPHA) &&
			    (t.v[j].flags & MC_TOK_ALPHA))
				j += 2;
			else
				break;
		}
		i = j;
		char lw[128];
		size_t ll = dt_lower(word, wl, lw, sizeof(lw));
		if (flags && ll) {
			if (strcmp(lw, "other") == 0)
				*flags |= DT_F_OTHER;
			else if (strcmp(lw, "and") == 0 || strcmp(lw, "or") == 0)
				*flags |= DT_F_AND;
			else if (strcmp(lw, "unspecified") == 0)
				*flags |= DT_F_UNSPEC;
		}
		uint32_t st[8];
		int r = dt_letter_stem(d, word, wl, k > 0, add, st) ? 1 :
			dt_word_stems(d, word, wl, add, st, 8, err);
		if (r < 0) {
			mc_tokens_release(&t);
			return r;
		}
		for (int m = 0; m < r; m++) {
			bool dup = false;
			for (size_t q = 0; q < k; q++)
				dup |= out[q] == st[m];
			if (!dup && k < cap)
				out[k++] = st[m];
		}
	}
	mc_tokens_release(&t);
	return (int)k;
}

/* ---- codes -------------------------------------------------------------- */

int dt_dict_alloc(mc_detect **out, mc_error *err)
{
	*out = NULL;
	mc_detect *d = mc_calloc(1, sizeof(*d));
	if (!d)
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	d->stem = sb_stemmer_new("english", NULL);
	if (!d->stem || dt_map_init(&d->code_ix, 1 << 17) < 0 || dt_map_init(&d->vocab, 1 << 15) < 0 ||
	    dt_map_init(&d->stop, 256) < 0 || dt_map_init(&d->canon, 512) < 0 || dt_map_init(&d->unexp, 16) < 0 ||
	    dt_map_init(&d->whole, 16) < 0) {
		mc_detect_free(d);
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	}
	*out = d;
	return 0;
}

void mc_detect_free(mc_detect *d)
{
	if (!d)
		return;
	if (d->stem)
		sb_stemmer_delete(d->stem);
	dt_map_release(&d->code_ix);
	dt_map_release(&d->vocab);
	dt_map_release(&d->stop);
	dt_map_release(&d->canon);
	dt_map_release(&d->unexp);
	dt_map_release(&d->whole);
	mc_free(d->canon_words);
	mc_free(d->codes);
	mc_free(d->df);
	mc_free(d->terms);
	mc_free(d->tstems);
	mc_free(d->anchor_off);
	mc_free(d->anchor);
	mc_free(d->exp);
	mc_free(d->estems);
	mc_free(d->exp_off);
	mc_free(d->exp_ix);
	mc_free(d->excl);
	mc_free(d->uadd);
	mc_free(d->wcache);
	mc_free(d->combine);
	mc_free(d->by_compact);
	mc_free(d->sides);
	mc_free(d->seen);
	mc_arena_release(&d->arena);
	mc_free(d);
}

int dt_add_code(mc_detect *d, const char *code, const char *title, int billable,
		const char *parent, mc_error *err)
{
	char compact[MC_CODE_MAX];
	if (!code || !mc_code_compact(code, compact) || strlen(compact) >= sizeof(d->codes[0].compact) ||
	    strlen(compact) < 3)
		return 0;
	if (dt_map_get(&d->code_ix, compact, strlen(compact)) != DT_NONE)
		return 0;
	if (grow((void **)&d->codes, &d->codes_cap, d->ncodes + 1, sizeof(dt_code)) < 0)
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	dt_code *c = &d->codes[d->ncodes];
	memset(c, 0, sizeof(*c));
	snprintf(c->compact, sizeof(c->compact), "%.11s", compact);
	char dotted[MC_CODE_MAX];
	mc_icd10cm_dotted(compact, dotted);
	snprintf(c->code, sizeof(c->code), "%.15s", dotted);
	c->title = mc_arena_strdup(&d->arena, title ? title : "");
	c->billable = billable > 0;
	c->symptom = compact[0] == 'R';
	c->parent = DT_NONE;
	c->dflt = DT_NONE;
	c->title_term = DT_NONE;
	char pc[MC_CODE_MAX] = "";
	/* a section's range ("K35-K38") is no parent code: compacted it would
	 * read as its first category, which would adopt its siblings */
	if (parent && *parent && !strchr(parent, '-'))
		mc_code_compact(parent, pc);
	uint32_t pidx = DT_NONE;
	if (*pc)
		pidx = dt_map_get(&d->code_ix, pc, strlen(pc));
	c->parent = pidx;
	if (!c->title || dt_map_put(&d->code_ix, &d->arena, compact, strlen(compact), (uint32_t)d->ncodes, NULL) < 0)
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	d->ncodes++;
	return 0;
}

uint32_t dt_code_find(const mc_detect *d, const char *code)
{
	char compact[MC_CODE_MAX];
	if (!mc_code_compact(code, compact))
		return DT_NONE;
	return dt_map_get(&d->code_ix, compact, strlen(compact));
}

static bool has_word(const char *title, const char *w)
{
	const char *p = mc_memcasestr(title, strlen(title), w);
	return p != NULL;
}

/* ---- laterality ------------------------------------------------------- */

enum { SIDE_WORDS = 24 };

/* Lower-case words of a title (plural 's' cut, so "limbs" is "limb"),
 * into w[k] (pointers into buf); returns the count, or 0 when too long. */
static size_t title_words(const char *title, char *buf, size_t cap, const char **w)
{
	size_t n = 0, k = 0;
	for (const char *p = title; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		if (k == SIDE_WORDS)
			return 0;
		w[k++] = buf + n;
		size_t start = n;
		while (*p && *p != ' ' && *p != ',') {
			if (n + 2 >= cap)
				return 0;
			char c = *p++;
			buf[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		if (n - start > 3 && buf[n - 1] == 's' && buf[n - 2] != 's')
			n--;
		buf[n++] = 0;
	}
	return k;
}

static int side_of(const char *w)
{
	return strcmp(w, "right") == 0 ? DT_SIDE_RIGHT : strcmp(w, "left") == 0 ? DT_SIDE_LEFT :
	       strcmp(w, "bilateral") == 0 ? DT_SIDE_BOTH : -1;
}

/* For each code whose title says "unspecified" where a sibling's says
 * right, left or bilateral (and nothing else differs), the siblings by
 * side: "Medial epicondylitis, unspecified elbow" -> "..., right elbow". */
static int link_sides(mc_detect *d, const uint32_t *cnt, const uint32_t *kids)
{
	char ba[512], bb[512];
	const char *wa[SIDE_WORDS], *wb[SIDE_WORDS];
	for (size_t p = 0; p < d->ncodes; p++) {
		for (uint32_t i = cnt[p]; i < cnt[p + 1]; i++) {
			const dt_code *c = &d->codes[kids[i]];
			if (!strstr(c->title, "unspecified"))
				continue;
			size_t na = title_words(c->title, ba, sizeof(ba), wa);
			if (!na)
				continue;
			dt_side side = { kids[i], { DT_NONE, DT_NONE, DT_NONE } };
			bool any = false;
			for (uint32_t k = cnt[p]; k < cnt[p + 1]; k++) {
				if (k == i)
					continue;
				size_t nb = title_words(d->codes[kids[k]].title, bb, sizeof(bb), wb);
				if (nb != na)
					continue;
				int diff = -1, ndiff = 0;
				for (size_t q = 0; q < na && ndiff < 2; q++)
					if (strcmp(wa[q], wb[q]) != 0) {
						ndiff++;
						diff = (int)q;
					}
				if (ndiff != 1 || strcmp(wa[diff], "unspecified") != 0)
					continue;
				int sd = side_of(wb[diff]);
				if (sd < 0)
					continue;
				side.side[sd] = kids[k];
				any = true;
			}
			if (!any)
				continue;
			if (grow((void **)&d->sides, &d->sides_cap, d->nsides + 1, sizeof(dt_side)) < 0)
				return MC_ENOMEM;
			d->sides[d->nsides++] = side;
		}
	}
	/* kids are in code order per parent, parents in code order: sort by index */
	if (d->nsides > 1)
		qsort(d->sides, d->nsides, sizeof(dt_side), cmp_side);
	return 0;
}

const dt_side *dt_side_find(const mc_detect *d, uint32_t ci)
{
	size_t lo = 0, hi = d->nsides;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->sides[mid].code < ci)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nsides && d->sides[lo].code == ci ? &d->sides[lo] : NULL;
}

int dt_link_codes(mc_detect *d, mc_error *err)
{
	/* parents by spelling when not given (rows come parent-first from the
	 * store, but the TSV form and odd orders need this) */
	for (size_t i = 0; i < d->ncodes; i++) {
		dt_code *c = &d->codes[i];
		if (c->parent != DT_NONE)
			continue;
		size_t n = strlen(c->compact);
		while (n > 3 && c->parent == DT_NONE) {
			n--;
			c->parent = dt_map_get(&d->code_ix, c->compact, n);
		}
	}
	/* 7th-character extensions: a billable 7-character code whose title is
	 * its parent's title plus ", <encounter>" */
	for (size_t i = 0; i < d->ncodes; i++) {
		dt_code *c = &d->codes[i];
		if (!c->billable || strlen(c->compact) != 7 || c->parent == DT_NONE)
			continue;
		dt_code *p = &d->codes[c->parent];
		size_t pl = strlen(p->title);
		if (!p->billable && strncmp(c->title, p->title, pl) == 0 && c->title[pl] == ',')
			p->seventh = 1;
	}
	/* children lists (CSR) for the defaults */
	uint32_t *cnt = mc_calloc(d->ncodes + 1, sizeof(uint32_t));
	uint32_t *kids = mc_malloc((d->ncodes + 1) * sizeof(uint32_t));
	if (!cnt || !kids) {
		mc_free(cnt);
		mc_free(kids);
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	}
	for (size_t i = 0; i < d->ncodes; i++)
		if (d->codes[i].parent != DT_NONE)
			cnt[d->codes[i].parent + 1]++;
	for (size_t i = 0; i < d->ncodes; i++)
		cnt[i + 1] += cnt[i];
	uint32_t *fill = mc_calloc(d->ncodes + 1, sizeof(uint32_t));
	if (!fill) {
		mc_free(cnt);
		mc_free(kids);
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	}
	for (size_t i = 0; i < d->ncodes; i++) {
		uint32_t p = d->codes[i].parent;
		if (p != DT_NONE)
			kids[cnt[p] + fill[p]++] = (uint32_t)i;
	}
	mc_free(fill);
	/* depth and defaults: deepest first, so children are settled before parents */
	for (size_t i = 0; i < d->ncodes; i++) {
		uint8_t dep = 0;
		for (uint32_t p = d->codes[i].parent; p != DT_NONE && dep < 10; p = d->codes[p].parent)
			dep++;
		d->codes[i].depth = dep;
	}
	for (int dep = 10; dep >= 0; dep--) {
		for (size_t i = 0; i < d->ncodes; i++) {
			dt_code *c = &d->codes[i];
			if (c->depth != dep)
				continue;
			if (c->billable) {
				c->dflt = (uint32_t)i;
				continue;
			}
			if (c->seventh)
				continue;
			uint32_t best = DT_NONE;
			int bestq = -1;
			uint32_t nk = cnt[i + 1] - cnt[i];
			for (uint32_t k = cnt[i]; k < cnt[i + 1]; k++) {
				const dt_code *ch = &d->codes[kids[k]];
				if (ch->dflt == DT_NONE)
					continue;
				/* the unspecified, "without" (uncomplicated), ".9" child */
				int q = 0;
				size_t cl = strlen(ch->compact);
				if (has_word(ch->title, "unspecified"))
					q += 3;
				if (ch->compact[cl - 1] == '9')
					q += 2;
				if (has_word(ch->title, " without ") || has_word(ch->title, "uncomplicated"))
					q += 1;
				else if (has_word(ch->title, " with "))
					q -= 2;
				if (mc_str_istarts(ch->title, "other") && ch->compact[cl - 1] != '9')
					q -= 3;
				if (q <= 0 && nk != 1)
					continue;
				if (q > bestq) {
					bestq = q;
					best = ch->dflt;
				}
			}
			c->dflt = best;
		}
	}
	int rc = link_sides(d, cnt, kids);
	mc_free(cnt);
	mc_free(kids);
	return rc < 0 ? mc_error_set(err, MC_ENOMEM, "detect: out of memory") : 0;
}

/* ---- terms ------------------------------------------------------------ */

static bool seen_add(mc_detect *d, uint64_t h)
{
	if ((d->seen_n + 1) * 2 > d->seen_cap) {
		size_t nc = d->seen_cap ? d->seen_cap * 2 : 1 << 16;
		uint64_t *ns = mc_calloc(nc, sizeof(uint64_t));
		if (!ns)
			return true; /* treat as seen: the term is dropped, nothing breaks */
		for (size_t i = 0; i < d->seen_cap; i++) {
			if (!d->seen[i])
				continue;
			size_t j = (size_t)d->seen[i] & (nc - 1);
			while (ns[j])
				j = (j + 1) & (nc - 1);
			ns[j] = d->seen[i];
		}
		mc_free(d->seen);
		d->seen = ns;
		d->seen_cap = nc;
	}
	if (!h)
		h = 1;
	size_t j = (size_t)h & (d->seen_cap - 1);
	while (d->seen[j]) {
		if (d->seen[j] == h)
			return true;
		j = (j + 1) & (d->seen_cap - 1);
	}
	d->seen[j] = h;
	d->seen_n++;
	return false;
}

/* splitmix64's finaliser: a good 64-bit mix for the dedupe hash */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

enum { TERM_MAX = 16 };

static int add_stems_term(mc_detect *d, uint32_t ci, const uint32_t *st, size_t n, int kind,
			  unsigned flags, mc_error *err)
{
	if (n == 0 || n > TERM_MAX)
		return 0;
	/* an external cause of X00-Y99 (exposures, assaults, activities,
	 * places) is never one word: "Activity, unspecified", "Accident NOS",
	 * "Exposure NOS" would code every "active", "accident" and "exposure"
	 * of a note (a fall, W19, stays) */
	char ch = d->codes[ci].compact[0];
	if (n == 1 && (ch == 'X' || ch == 'Y'))
		return 0;
	uint32_t s[TERM_MAX];
	memcpy(s, st, n * sizeof(uint32_t));
	qsort(s, n, sizeof(uint32_t), cmp_u32);
	uint64_t h = mix64(0x9e3779b97f4a7c15ull + ci);
	for (size_t i = 0; i < n; i++)
		h = mix64(h ^ (0x9e3779b97f4a7c15ull * (s[i] + 1ull)));
	if (seen_add(d, h))
		return 0;
	if (grow((void **)&d->terms, &d->terms_cap, d->nterms + 1, sizeof(dt_term)) < 0 ||
	    grow((void **)&d->tstems, &d->tstems_cap, d->ntstems + n, sizeof(uint32_t)) < 0)
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	dt_term *t = &d->terms[d->nterms++];
	t->code = ci;
	t->off = (uint32_t)d->ntstems;
	t->n = (uint8_t)n;
	t->kind = (uint8_t)kind;
	t->flags = (uint8_t)flags;
	memcpy(d->tstems + d->ntstems, s, n * sizeof(uint32_t));
	d->ntstems += n;
	return 0;
}

int dt_add_term(mc_detect *d, uint32_t ci, const char *phrase, const char *prefix, int kind,
		mc_error *err)
{
	uint32_t st[TERM_MAX * 2];
	unsigned flags = 0;
	int n = 0;
	if (prefix) {
		n = phrase_stems(d, prefix, strlen(prefix), true, true, st, TERM_MAX, NULL, err);
		if (n < 0)
			return n;
	}
	uint32_t more[TERM_MAX * 2];
	int m = phrase_stems(d, phrase, strlen(phrase), true, true, more, TERM_MAX * 2, &flags, err);
	if (m < 0)
		return m;
	for (int i = 0; i < m; i++) {
		bool dup = false;
		for (int q = 0; q < n; q++)
			dup |= st[q] == more[i];
		if (!dup && n < TERM_MAX * 2)
			st[n++] = more[i];
	}
	return add_stems_term(d, ci, st, (size_t)n, kind, flags, err);
}

/* A title being cut down: lw is its lower-case form, searched for markers;
 * cs the same text with its case, cut alike ("Hepatitis A" keeps its
 * letter). */
typedef struct cut_title {
	char lw[512], cs[512];
} cut_title;

/* Remove [from, to) of both forms. */
static void cut_range(cut_title *t, size_t from, size_t to)
{
	size_t n = strlen(t->lw);
	memmove(t->lw + from, t->lw + to, n - to + 1);
	memmove(t->cs + from, t->cs + to, n - to + 1);
}

/* True when s (" knee, ...") starts with a body part a title may leave
 * unspecified. */
static bool body_word(const char *s)
{
	static const char *const parts[] = {
		"arm", "eye", "leg", "hand", "foot", "shoulder", "knee", "ankle", "wrist", "ear", "hip",
		"thigh", "lower", "upper", "eyelid", "elbow", "humerus", "forearm", "femur", "quadrant",
		"flank", "tibia", "breast", "ulna", "extremity", "finger", "toe", "lesser", "great",
		"pelvis", "joint", "meniscus", "lacrimal", "radius", "medial", "lateral", "cervical",
		"fibula", "bone", "orbit", "pelvic", "ovary", "lid", "bronchus", "thumb", "region",
		"portion", "limb", NULL
	};
	while (*s == ' ')
		s++;
	size_t n = 0;
	while (s[n] && s[n] != ' ' && s[n] != ',')
		n++;
	for (const char *const *p = parts; *p; p++)
		if (strlen(*p) == n && memcmp(s, *p, n) == 0)
			return true;
	return false;
}

/* Remove the text from each occurrence of one of the markers to the next
 * comma or the end. */
static void cut_clauses(cut_title *t, const char *const *markers)
{
	for (const char *const *m = markers; *m; m++) {
		char *p;
		while ((p = strstr(t->lw, *m)) != NULL) {
			char *e = strchr(p + 1, ',');
			/* "laceration without foreign body of scalp": the site after
			 * the "without" clause belongs to the title */
			if (strcmp(*m, " without ") == 0) {
				char *of = strstr(p + 1, " of ");
				if (of && (!e || of < e))
					e = of;
			}
			size_t from = (size_t)(p - t->lw);
			/* ", unspecified joint": the body part stays (a fistula is no
			 * fistula of joint unless a joint is named), only the
			 * unspecified goes */
			if (strcmp(*m, ", unspecified") == 0 && body_word(p + strlen(*m))) {
				cut_range(t, from, from + strlen(*m));
				continue;
			}
			cut_range(t, from, e ? (size_t)(e - t->lw) : strlen(t->lw));
		}
	}
}

/* A short title joined by "and" names either finding: "Dizziness and
 * giddiness", "Syncope and collapse" give each word; "Renal and
 * perinephric abscess" gives "renal abscess" and "perinephric abscess",
 * "Preauricular sinus and cyst" "preauricular sinus" and "preauricular
 * cyst"; "Hemorrhage of anus and rectum" "hemorrhage of anus" and
 * "hemorrhage of rectum".  Only short titles with nothing but the one
 * "and" (and at most one "of" just before its two words), so "Fracture of
 * shaft of radius and ulna" stays whole. */
static int add_and_sides(mc_detect *d, uint32_t ci, const cut_title *t, int kind, mc_error *err)
{
	static const char *const block[] = { "in", "with", "without", "due", "to", "other", "or", NULL };
	const char *w[6];
	size_t wl[6], nw = 0, and = 0, of = 0, nof = 0;
	for (const char *p = t->cs; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		size_t n = (size_t)(e - p);
		if (nw == 6 || memchr(p, ',', n))
			return 0;
		for (const char *const *b = block; *b; b++)
			if (strlen(*b) == n && strncasecmp(p, *b, n) == 0)
				return 0;
		if (n == 3 && strncasecmp(p, "and", 3) == 0) {
			if (and)
				return 0;
			and = nw;
		}
		if (n == 2 && strncasecmp(p, "of", 2) == 0) {
			of = nw;
			nof++;
		}
		w[nw] = p;
		wl[nw++] = n;
		p = e;
	}
	/* the two readings, as word index lists */
	size_t ra[4], rb[4], na = 0, nb = 0;
	if (nof == 0 && nw == 3 && and == 1) {
		ra[na++] = 0;
		rb[nb++] = 2;
	} else if (nof == 0 && nw == 4 && and == 1) {
		ra[na++] = 0, ra[na++] = 3;
		rb[nb++] = 2, rb[nb++] = 3;
	} else if (nof == 0 && nw == 4 && and == 2) {
		ra[na++] = 0, ra[na++] = 1;
		rb[nb++] = 0, rb[nb++] = 3;
	} else if (nof == 1 && of >= 1 && of <= 2 && and == of + 2 && nw == of + 4) {
		for (size_t q = 0; q <= of; q++)
			ra[na++] = q, rb[nb++] = q;
		ra[na++] = of + 1;
		rb[nb++] = of + 3;
	} else
		return 0;
	for (int r = 0; r < 2; r++) {
		const size_t *ix = r ? rb : ra;
		size_t n = r ? nb : na, k = 0;
		char side[256];
		for (size_t q = 0; q < n; q++) {
			if (k + wl[ix[q]] + 2 >= sizeof(side))
				return 0;
			if (k)
				side[k++] = ' ';
			memcpy(side + k, w[ix[q]], wl[ix[q]]);
			k += wl[ix[q]];
		}
		side[k] = 0;
		int rc = dt_add_term(d, ci, side, NULL, kind, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* An inclusion term of an injury (S00-T88) that names only a site ("Trachea"
 * under "Fracture of other parts of neck") qualifies the title's injury:
 * the title's first word (its kind of injury) joins it.  Returns that word
 * in buf, or NULL when the term needs none. */
static const char *injury_head(const mc_detect *d, uint32_t ci, const char *incl, char *buf, size_t cap)
{
	const dt_code *c = &d->codes[ci];
	if (c->compact[0] != 'S' && c->compact[0] != 'T')
		return NULL;
	size_t n = 0;
	while (c->title[n] && c->title[n] != ' ' && c->title[n] != ',' && n + 1 < cap) {
		buf[n] = c->title[n];
		n++;
	}
	buf[n] = 0;
	if (n < 3 || mc_memcasestr(incl, strlen(incl), buf))
		return NULL;
	return buf;
}

int dt_add_title_terms(mc_detect *d, uint32_t ci, const char *title, int kind, mc_error *err)
{
	size_t before = d->nterms;
	char head[64];
	const char *pre = kind == DT_K_INCL ? injury_head(d, ci, title, head, sizeof(head)) : NULL;
	if (pre)
		return dt_add_term(d, ci, title, pre, kind, err);
	int rc = dt_add_term(d, ci, title, NULL, kind, err);
	if (rc < 0)
		return rc;
	if (kind == DT_K_TITLE && d->nterms > before && d->codes[ci].title_term == DT_NONE)
		d->codes[ci].title_term = (uint32_t)before;
	cut_title t;
	size_t n = strlen(title);
	if (n >= sizeof(t.lw))
		return 0;
	memcpy(t.cs, title, n + 1);
	for (size_t i = 0; i <= n; i++)
		t.lw[i] = (title[i] >= 'A' && title[i] <= 'Z') ? (char)(title[i] + 32) : title[i];
	static const char *const markers[] = {
		" with or without ", " without ", ", unspecified", "unspecified as ", "unspecified whether ",
		"not specified as ", ", initial encounter", ", uncomplicated", ", not intractable",
		", subsequent encounter", ", sequela", " not elsewhere classified",
		" as the cause of diseases classified elsewhere", NULL
	};
	cut_clauses(&t, markers);
	/* "Endocarditis, valve unspecified": a last clause that ends in
	 * "unspecified" says what the text leaves out */
	size_t tl = strlen(t.lw);
	char *lc = strrchr(t.lw, ',');
	if (lc && tl > 12 && strcmp(t.lw + tl - 12, " unspecified") == 0)
		cut_range(&t, (size_t)(lc - t.lw), tl);
	/* the defaults the text seldom states: "unilateral", "primary", the
	 * native arteries of atherosclerosis (not a bypass graft) */
	static const char *const defaults[] = { "unilateral ", "primary ", "native arteries of extremities ",
						"native arteries of ", NULL };
	for (const char *const *w = defaults; *w; w++) {
		char *p;
		while ((p = strstr(t.lw, *w)) != NULL && (p == t.lw || p[-1] == ' '))
			cut_range(&t, (size_t)(p - t.lw), (size_t)(p - t.lw) + strlen(*w));
	}
	if (strcmp(t.cs, title) != 0 && (rc = dt_add_term(d, ci, t.cs, NULL, kind, err)) < 0)
		return rc;
	/* a header's readings would go to its default: "Calculus of kidney and
	 * ureter" (N20) is no urinary calculus when the text says kidney */
	if (d->codes[ci].billable && (rc = add_and_sides(d, ci, &t, kind, err)) < 0)
		return rc;
	/* "Sprain of unspecified ligament of right ankle": the text names the
	 * sprain and the ankle, seldom the part; a variant without
	 * "unspecified <part>" for the parts a note leaves out, kept when
	 * three words or more remain */
	static const char *const parts[] = { "ligament", "part", "phalanx", "portion", "region",
					     "segment", "level", "degree", "bone", "muscle", "tendon",
					     "meniscus", "vertebra", NULL };
	char *u = strstr(t.lw, "unspecified ");
	if (!u || (u != t.lw && u[-1] != ' '))
		return 0;
	char *w = u + strlen("unspecified ");
	size_t wl = 0;
	while (w[wl] && w[wl] != ' ' && w[wl] != ',')
		wl++;
	bool part = false;
	for (const char *const *q = parts; *q && !part; q++)
		part = strlen(*q) == wl && memcmp(w, *q, wl) == 0;
	if (!part)
		return 0;
	cut_range(&t, (size_t)(u - t.lw), (size_t)(w + wl - t.lw));
	uint32_t st[TERM_MAX * 2];
	int ns = phrase_stems(d, t.cs, strlen(t.cs), true, true, st, TERM_MAX * 2, NULL, err);
	if (ns < 0)
		return ns;
	if (ns < 3)
		return 0;
	return dt_add_term(d, ci, t.cs, NULL, kind, err);
}

/* ---- Excludes1 ---------------------------------------------------------- */

static size_t read_code(const char *s, char *out, size_t cap)
{
	/* letter, digit, alnum, then optional "." and up to 4 alnum */
	if (!(s[0] >= 'A' && s[0] <= 'Z') || !(s[1] >= '0' && s[1] <= '9') ||
	    !((s[2] >= '0' && s[2] <= '9') || (s[2] >= 'A' && s[2] <= 'Z')))
		return 0;
	size_t i = 3, k = 3;
	if (cap < 9)
		return 0;
	memcpy(out, s, 3);
	if (s[i] == '.') {
		i++;
		while (k < 7 && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
			out[k++] = s[i++];
		if (k == 3 && s[i] != '-')
			i--; /* a bare full stop */
	}
	out[k] = 0;
	return i;
}

bool dt_range_has(const dt_range *r, const char *compact)
{
	size_t nl = strlen(r->lo), nh = strlen(r->hi);
	return strncmp(compact, r->lo, nl) >= 0 && strncmp(compact, r->hi, nh) <= 0;
}

/* Append the codes and ranges a note names ("E08.-", "N18.1-N18.6",
 * "L97.4-") to a code's list in v (the code's lists arrive together; a
 * stray one is ignored). */
static int add_ranges(const char *text, dt_range **v, size_t *nv, size_t *cap, uint32_t *off, uint32_t *cnt,
		      mc_error *err)
{
	size_t n = strlen(text);
	for (size_t i = 0; i + 3 <= n; i++) {
		if (i > 0 && ((text[i - 1] >= 'A' && text[i - 1] <= 'Z') || (text[i - 1] >= 'a' && text[i - 1] <= 'z') ||
			      (text[i - 1] >= '0' && text[i - 1] <= '9')))
			continue;
		char lo[12], hi[12];
		size_t a = read_code(text + i, lo, sizeof(lo));
		if (!a)
			continue;
		size_t j = i + a;
		memcpy(hi, lo, sizeof(hi));
		if (text[j] == '.' && text[j + 1] == '-')
			j += 2;
		else if (text[j] == '-') {
			size_t b = read_code(text + j + 1, hi, sizeof(hi));
			j += 1 + b;
			if (!b)
				memcpy(hi, lo, sizeof(hi));
		}
		if (grow((void **)v, cap, *nv + 1, sizeof(dt_range)) < 0)
			return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
		if (*cnt == 0)
			*off = (uint32_t)*nv;
		else if (*off + *cnt != *nv)
			return 0;
		memcpy((*v)[*nv].lo, lo, sizeof(lo));
		memcpy((*v)[*nv].hi, hi, sizeof(hi));
		(*nv)++;
		(*cnt)++;
		i = j > i ? j - 1 : i;
	}
	return 0;
}

int dt_add_excludes(mc_detect *d, uint32_t ci, const char *text, mc_error *err)
{
	dt_code *c = &d->codes[ci];
	return add_ranges(text, &d->excl, &d->nexcl, &d->excl_cap, &c->excl_off, &c->excl_n, err);
}

int dt_add_use_additional(mc_detect *d, uint32_t ci, const char *text, mc_error *err)
{
	dt_code *c = &d->codes[ci];
	return add_ranges(text, &d->uadd, &d->nuadd, &d->uadd_cap, &c->uadd_off, &c->uadd_n, err);
}

/* ---- lexicons ------------------------------------------------------------ */

/* Stopwords: function words and the classification's filler words, which
 * never decide a match ("other" and "unspecified" become term flags). */
static const char *const stopwords[] = {
	"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "by", "for", "with", "without",
	"from", "as", "into", "its", "his", "her", "their", "this", "that", "these", "those", "is",
	"was", "were", "be", "been", "are", "has", "had", "have", "not", "no", "nos", "nec",
	"unspecified", "specified", "other", "part", "site", "sites", "elsewhere", "classified",
	"otherwise", "due", "use", "code", "additional", "than", "also", "both", "either", "any",
	"all", "which", "who", "whose", "being", "some", "such", "there", "it", "he", "she",
	"we", "our", "patient", "pt", "mr", "mrs", "ms", "dr", "unknown", "mainly", "predominantly",
	"involving", "affecting", "associated", "certain", "unqualified",
	NULL
};

/* Columns: term, replacement, kind, source. */
/* words: read only the rows that change how words are read (canon, stop,
 * whole, unexpand), so every expansion after them is read that way;
 * else only the expansions. */
static int load_tsv(mc_detect *d, const unsigned char *data, size_t len, bool lexicon, bool words,
		    mc_error *err)
{
	mc_csv r;
	mc_csv_init(&r, (const char *)data, len, '\t', false);
	mc_csv_row row;
	int rc;
	while ((rc = mc_csv_next(&r, &row, err)) > 0) {
		if (row.count < 2 || !row.field[0][0] || row.field[0][0] == '#' ||
		    strcmp(row.field[0], "term") == 0)
			continue;
		const char *kind = row.count > 2 ? row.field[2] : "";
		const char *term = row.field[0], *rep = row.field[1];
		bool word_row = !lexicon && (strcmp(kind, "canon") == 0 || strcmp(kind, "stop") == 0 ||
					     strcmp(kind, "whole") == 0 || strcmp(kind, "unexpand") == 0);
		if (word_row != words)
			continue;
		if (!lexicon && strcmp(kind, "canon") == 0) {
			char lw[128];
			size_t n = dt_lower(term, strlen(term), lw, sizeof(lw));
			if (!n)
				continue;
			if (grow((void **)&d->canon_words, &d->canon_cap, d->ncanon + 1, sizeof(char *)) < 0)
				goto nomem;
			const char *w = mc_arena_strdup(&d->arena, rep);
			if (!w || dt_map_put(&d->canon, &d->arena, lw, n, (uint32_t)d->ncanon, NULL) < 0)
				goto nomem;
			d->canon_words[d->ncanon++] = w;
			continue;
		}
		/* a row of the shared lexicon that detection must not read (it
		 * serves search: "seizures" also finds epilepsy there, while a
		 * seizure is no epilepsy in a note) */
		char key[256];
		int kl = snprintf(key, sizeof(key), "%s\t%s", term, rep);
		if (kl > 0 && (size_t)kl < sizeof(key)) {
			if (!lexicon && strcmp(kind, "unexpand") == 0) {
				if (dt_map_put(&d->unexp, &d->arena, key, (size_t)kl, 1, NULL) < 0)
					goto nomem;
				continue;
			}
			if (lexicon && dt_map_get(&d->unexp, key, (size_t)kl) != DT_NONE)
				continue;
		}
		dt_map *set = lexicon ? NULL : strcmp(kind, "whole") == 0 ? &d->whole :
					      strcmp(kind, "stop") == 0 ? &d->stop : NULL;
		if (set) {
			char lw[128];
			size_t n = dt_lower(term, strlen(term), lw, sizeof(lw));
			if (n && dt_map_put(set, &d->arena, lw, n, 1, NULL) < 0)
				goto nomem;
			continue;
		}
		/* an expansion: text-side only */
		uint32_t pat[8], add[TERM_MAX];
		int np = phrase_stems(d, term, strlen(term), true, false, pat, 8, NULL, err);
		int na = phrase_stems(d, rep, strlen(rep), true, false, add, TERM_MAX, NULL, err);
		if (np < 0 || na < 0) {
			rc = np < 0 ? np : na;
			goto fail;
		}
		if (np == 0 || na == 0)
			continue;
		if (grow((void **)&d->exp, &d->exp_cap, d->nexp + 1, sizeof(dt_expand)) < 0 ||
		    grow((void **)&d->estems, &d->estems_cap, d->nestems + (size_t)(np + na), sizeof(uint32_t)) < 0)
			goto nomem;
		dt_expand *e = &d->exp[d->nexp++];
		e->off = (uint32_t)d->nestems;
		e->np = (uint8_t)np;
		e->na = (uint8_t)na;
		memcpy(d->estems + d->nestems, pat, (size_t)np * sizeof(uint32_t));
		memcpy(d->estems + d->nestems + np, add, (size_t)na * sizeof(uint32_t));
		d->nestems += (size_t)(np + na);
	}
fail:
	mc_csv_release(&r);
	return rc < 0 ? rc : 0;
nomem:
	mc_csv_release(&r);
	return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
}

/* Columns: first, with, code, keep (compact codes or prefixes). */
static int load_combine(mc_detect *d, mc_error *err)
{
	mc_csv r;
	mc_csv_init(&r, (const char *)mc_embedded_detect_combine, mc_embedded_detect_combine_len, '\t', false);
	mc_csv_row row;
	int rc;
	while ((rc = mc_csv_next(&r, &row, err)) > 0) {
		if (row.count < 4 || row.field[0][0] == '#' || strcmp(row.field[0], "first") == 0)
			continue;
		if (grow((void **)&d->combine, &d->combine_cap, d->ncombine + 1, sizeof(dt_combine)) < 0) {
			mc_csv_release(&r);
			return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
		}
		dt_combine *c = &d->combine[d->ncombine++];
		snprintf(c->first, sizeof(c->first), "%.11s", row.field[0]);
		snprintf(c->with, sizeof(c->with), "%.11s", row.field[1]);
		snprintf(c->code, sizeof(c->code), "%.11s", row.field[2]);
		c->keep = strcmp(row.field[3], "yes") == 0;
	}
	mc_csv_release(&r);
	return rc < 0 ? rc : 0;
}

int dt_load_lexicons(mc_detect *d, mc_error *err)
{
	int rcc = load_combine(d, err);
	if (rcc < 0)
		return rcc;
	for (const char *const *w = stopwords; *w; w++)
		if (dt_map_put(&d->stop, &d->arena, *w, strlen(*w), 1, NULL) < 0)
			return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	/* canon and stop rows first, so expansions are normalised with them */
	int rc = load_tsv(d, mc_embedded_detect_synonyms, mc_embedded_detect_synonyms_len, false, true, err);
	if (rc == 0)
		rc = load_tsv(d, mc_embedded_detect_synonyms, mc_embedded_detect_synonyms_len, false, false, err);
	if (rc < 0)
		return rc;
	return load_tsv(d, mc_embedded_lexicon, mc_embedded_lexicon_len, true, false, err);
}

/* qsort has no payload: the dictionary being sorted (dt_finish runs once
 * per detector; detectors are built one at a time per thread). */
static _Thread_local const mc_detect *sort_codes;

static int cmp_compact(const void *a, const void *b)
{
	return strcmp(sort_codes->codes[*(const uint32_t *)a].compact,
		      sort_codes->codes[*(const uint32_t *)b].compact);
}

size_t dt_codes_from(const mc_detect *d, const char *prefix)
{
	size_t n = strlen(prefix), lo = 0, hi = d->ncodes;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strncmp(d->codes[d->by_compact[mid]].compact, prefix, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- indexes -------------------------------------------------------------- */

int dt_finish(mc_detect *d, mc_error *err)
{
	size_t ns = d->vocab.n;
	d->df = mc_calloc(ns + 1, sizeof(uint32_t));
	d->anchor_off = mc_calloc(ns + 2, sizeof(uint32_t));
	d->anchor = mc_malloc((d->nterms + 1) * sizeof(uint32_t));
	d->exp_off = mc_calloc(ns + 2, sizeof(uint32_t));
	d->exp_ix = mc_malloc((d->nexp + 1) * sizeof(uint32_t));
	uint32_t *anc = mc_malloc((d->nterms + 1) * sizeof(uint32_t));
	if (!d->df || !d->anchor_off || !d->anchor || !d->exp_off || !d->exp_ix || !anc) {
		mc_free(anc);
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	}
	for (size_t i = 0; i < d->ntstems; i++)
		d->df[d->tstems[i]]++;
	for (size_t t = 0; t < d->nterms; t++) {
		const uint32_t *s = d->tstems + d->terms[t].off;
		uint32_t best = s[0];
		for (size_t i = 1; i < d->terms[t].n; i++)
			if (d->df[s[i]] < d->df[best])
				best = s[i];
		anc[t] = best;
		d->anchor_off[best + 1]++;
	}
	for (size_t i = 0; i < ns; i++)
		d->anchor_off[i + 1] += d->anchor_off[i];
	d->anchor_off[ns + 1] = d->anchor_off[ns];
	uint32_t *fill = mc_calloc(ns + 1, sizeof(uint32_t));
	if (!fill) {
		mc_free(anc);
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	}
	for (size_t t = 0; t < d->nterms; t++)
		d->anchor[d->anchor_off[anc[t]] + fill[anc[t]]++] = (uint32_t)t;
	mc_free(anc);
	memset(fill, 0, (ns + 1) * sizeof(uint32_t));
	for (size_t e = 0; e < d->nexp; e++)
		d->exp_off[d->estems[d->exp[e].off] + 1]++;
	for (size_t i = 0; i < ns; i++)
		d->exp_off[i + 1] += d->exp_off[i];
	d->exp_off[ns + 1] = d->exp_off[ns];
	for (size_t e = 0; e < d->nexp; e++) {
		uint32_t s = d->estems[d->exp[e].off];
		d->exp_ix[d->exp_off[s] + fill[s]++] = (uint32_t)e;
	}
	mc_free(fill);
	mc_free(d->seen);
	d->seen = NULL;
	d->seen_cap = d->seen_n = 0;
	d->wcache = mc_calloc(WCACHE_SLOTS, sizeof(dt_wcache));
	if (!d->wcache)
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	/* codes in code order, for the ranges of "use additional code" notes */
	d->by_compact = mc_malloc((d->ncodes + 1) * sizeof(uint32_t));
	if (!d->by_compact)
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	for (size_t i = 0; i < d->ncodes; i++)
		d->by_compact[i] = (uint32_t)i;
	sort_codes = d;
	qsort(d->by_compact, d->ncodes, sizeof(uint32_t), cmp_compact);
	sort_codes = NULL;
	d->bytes = d->ncodes * sizeof(dt_code) + d->nterms * (sizeof(dt_term) + sizeof(uint32_t)) +
		   d->ntstems * sizeof(uint32_t) + ns * 4 * sizeof(uint32_t) +
		   (d->vocab.cap + d->code_ix.cap) * (sizeof(char *) + 8) + d->nexcl * sizeof(dt_range) +
		   WCACHE_SLOTS * sizeof(dt_wcache);
	return 0;
}

void mc_detect_stats(const mc_detect *d, size_t *terms, size_t *stems, size_t *bytes)
{
	if (terms)
		*terms = d ? d->nterms : 0;
	if (stems)
		*stems = d ? d->vocab.n : 0;
	if (bytes)
		*bytes = d ? d->bytes : 0;
}
