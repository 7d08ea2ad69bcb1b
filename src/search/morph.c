/* Medical morphology the English stemmer lacks, applied alike to the index
 * and to queries:
 *   - Greek noun/adjective pairs that Snowball stems apart: "-scopy" and
 *     "-scopic" (fluoroscopi / fluoroscop), "-graphy", "-gram" and
 *     "-graphic", "-pathy" and "-pathic", "-plasty" and "-plastic",
 *     "-trophy", "-metry": one stem each (fluoroscop, mammograph);
 *   - word forms from data/morphology.tsv ("form" rows), replaced before
 *     stemming: Latin anatomical adjectives read as their nouns (spinal =
 *     spine, renal = kidney) and irregular plurals (lice = louse);
 *   - the hypo-/hyper- words a lay phrase names ("level" and "root" rows):
 *     low + potassium = hypo + kal + emia = hypokalemia.
 * The table is embedded in the binary and loaded once (thread-safe). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "search/search_int.h"

extern const unsigned char mc_embedded_morphology[];
extern const size_t mc_embedded_morphology_len;

typedef struct pair {
	char from[MC_SQ_WORD_MAX], to[MC_SQ_WORD_MAX];
} pair;

typedef struct morph {
	pair *form;               /* stem -> stem, sorted by from */
	size_t nform;
	pair *level;              /* word -> prefix */
	size_t nlevel;
	pair *root;               /* word -> "combining-form suffix" */
	size_t nroot;
} morph;

static morph table;
static bool table_ok;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static int pair_cmp(const void *a, const void *b)
{
	return strcmp(((const pair *)a)->from, ((const pair *)b)->from);
}

static int push(pair **v, size_t *n, size_t *cap, const char *from, const char *to)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		pair *p = mc_realloc(*v, nc * sizeof(*p));
		if (!p)
			return MC_ENOMEM;
		*v = p;
		*cap = nc;
	}
	snprintf((*v)[*n].from, MC_SQ_WORD_MAX, "%s", from);
	snprintf((*v)[*n].to, MC_SQ_WORD_MAX, "%s", to);
	(*n)++;
	return 0;
}

/* The Greek suffix pairs: strip the noun's final 'i' after these, and read
 * "-gram" as "-graph". */
static size_t suffix_rule(char *s, size_t n)
{
	static const char *const greek[] = { "scopi", "graphi", "pathi", "plasti", "trophi", "metri" };
	for (size_t i = 0; i < sizeof(greek) / sizeof(greek[0]); i++) {
		size_t k = strlen(greek[i]);
		if (n > k + 1 && !memcmp(s + n - k, greek[i], k)) {
			s[--n] = '\0';
			return n;
		}
	}
	if (n > 6 && !memcmp(s + n - 4, "gram", 4)) {
		memcpy(s + n - 4, "graph", 6);
		return n + 1;
	}
	return n;
}

static void load(void)
{
	mc_csv r;
	mc_csv_row row;
	mc_error err;
	size_t cf = 0, cl = 0, cr = 0;
	int rc = 0;
	mc_csv_init(&r, (const char *)mc_embedded_morphology, mc_embedded_morphology_len, '\t', false);
	while (rc == 0 && (rc = mc_csv_next(&r, &row, &err)) == 1) {
		rc = 0;
		if (row.count < 3 || row.field[0][0] == '#' || !strcmp(row.field[0], "kind"))
			continue;
		const char *k = row.field[0], *from = row.field[1], *to = row.field[2];
		if (!strcmp(k, "form")) {
			rc = push(&table.form, &table.nform, &cf, from, to);
		} else if (!strcmp(k, "level")) {
			rc = push(&table.level, &table.nlevel, &cl, from, to);
		} else if (!strcmp(k, "root")) {
			rc = push(&table.root, &table.nroot, &cr, from, to);
		}
	}
	mc_csv_release(&r);
	if (table.nform)
		qsort(table.form, table.nform, sizeof(pair), pair_cmp);
	table_ok = rc == 0;
}

static bool ready(void)
{
	pthread_once(&table_once, load);
	return table_ok;
}

static const pair *find(const pair *v, size_t n, const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(v[mid].from, key);
		if (!c)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool mc_sq_morph_ready(void)
{
	return ready();
}

size_t mc_sq_morph_stem(char *stem, size_t n, size_t cap)
{
	(void)cap;
	return suffix_rule(stem, n);
}

const char *mc_sq_morph_word(const char *word, size_t len)
{
	char w[MC_SQ_WORD_MAX];
	if (len >= sizeof(w) || !ready())
		return NULL;
	memcpy(w, word, len);
	w[len] = '\0';
	const pair *p = find(table.form, table.nform, w);
	return p ? p->to : NULL;
}

bool mc_sq_compose(const char *level, const char *root, char *out, size_t cap)
{
	if (!ready())
		return false;
	const pair *l = NULL, *r = NULL;
	for (size_t i = 0; i < table.nlevel && !l; i++)
		if (!strcmp(table.level[i].from, level))
			l = &table.level[i];
	for (size_t i = 0; l && i < table.nroot && !r; i++)
		if (!strcmp(table.root[i].from, root))
			r = &table.root[i];
	if (!l || !r)
		return false;
	const char *sp = strchr(r->to, ' ');
	size_t cn = sp ? (size_t)(sp - r->to) : strlen(r->to);
	int k = snprintf(out, cap, "%s%.*s%s", l->to, (int)cn, r->to, sp ? sp + 1 : "");
	return k > 0 && (size_t)k < cap;
}

bool mc_sq_level_word(const char *w)
{
	if (!ready())
		return false;
	for (size_t i = 0; i < table.nlevel; i++)
		if (!strcmp(table.level[i].from, w))
			return true;
	return false;
}
