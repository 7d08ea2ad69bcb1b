/* The search index, rebuilt inside the store after every import.
 *
 * Tables (dropped and written again in one transaction):
 *   search_doc(id, system, code, compact, title, billable, kind, stem, alt)
 *       one row per code in force: the latest release of each stream, codes
 *       a source dates as terminated before that release left out, chapters
 *       and sections left out; a code held by two streams of one system
 *       once (the licensed AMA stream first).  Row ids follow a static
 *       order (billable first, then shorter titles), so a type-ahead query
 *       that reads matches in row-id order meets the likely codes first.
 *       stem and alt keep the stemmed title and descriptor words for
 *       re-ranking and explanations.
 *   search_fts(title, alt, terms): contentless FTS5 over stemmed words:
 *       title = the long title (else the short one); alt = the short title,
 *       other titles, and the short descriptor with its abbreviations
 *       spelled out (data/descriptor_abbrev.tsv); terms = ICD-10-CM
 *       inclusion terms and index entries (term paths) of the code.
 *   search_stem(stem, freq): every indexed stem with its occurrences (is a
 *       word indexed, and how common is it).
 *   search_vocab(word, freq): every word as written (lower case) with its
 *       number of occurrences, for spelling correction.
 *   search_meta(key, value): index version and counts.
 */
#include <ctype.h>
#include <libstemmer.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "medcode/drugs.h"
#include "search/search_int.h"
#include "store/store_int.h"

#define TERMS_MAX 6000         /* bytes of index/inclusion text kept per code */

size_t mc_sq_stem(struct sb_stemmer *st, const char *word, size_t len, char *out, size_t cap)
{
	const char *as = mc_sq_morph_word(word, len);
	if (as) {
		word = as;
		len = strlen(as);
	}
	size_t n = mc_sq_stem_plain(st, word, len, out, cap);
	return mc_sq_morph_stem(out, n, cap);
}

size_t mc_sq_stem_plain(struct sb_stemmer *st, const char *word, size_t len, char *out, size_t cap)
{
	const sb_symbol *r = st ? sb_stemmer_stem(st, (const sb_symbol *)word, (int)len) : NULL;
	size_t n = r ? (size_t)sb_stemmer_length(st) : len;
	const char *src = r ? (const char *)r : word;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, src, n);
	out[n] = '\0';
	return n;
}

typedef struct doc {
	const char *system, *code, *compact, *title, *short_, *other, *kind;
	const char *descriptor;    /* the short descriptor as given, for abbreviations */
	int billable;
	mc_buf terms;
	const char *family;        /* stems most codes of its family hold (CPT, HCPCS) */
	uint32_t rank;             /* static-order key, see doc_rank */
} doc;

typedef struct builder {
	mc_store *s;
	struct sb_stemmer *stem;
	mc_strmap stems;          /* word -> offset+1 of its stem in stembuf */
	mc_buf stembuf;
	mc_strmap vocab;          /* word -> occurrences */
	mc_strmap stemcount;      /* stem -> occurrences */
	mc_strmap bycode;         /* "system compact" -> doc index */
	mc_arena arena;
	doc *docs;
	size_t n, cap;
	mc_buf out;               /* stemmed text of the column being written */
	bool count;               /* count words into vocab */
	const mc_lexicon *lx;
	int rc;
} builder;

static const char *stem_of(builder *b, const char *w, size_t n)
{
	bool added;
	int64_t *v = mc_strmap_put(&b->stems, w, n, &added);
	if (!v)
		return NULL;
	if (!added)
		return b->stembuf.ptr + *v;
	char tmp[MC_SQ_WORD_MAX];
	size_t k = mc_sq_stem(b->stem, w, n, tmp, sizeof(tmp));
	size_t off = b->stembuf.len;
	if (mc_buf_put(&b->stembuf, tmp, k + 1) < 0)
		return NULL;
	*v = (int64_t)off;
	return b->stembuf.ptr + off;
}

static int stem_word(const char *w, size_t n, void *p)
{
	builder *b = p;
	if (b->count) {
		bool added;
		int64_t *v = mc_strmap_put(&b->vocab, w, n, &added);
		if (!v)
			return MC_ENOMEM;
		(*v)++;
	}
	const char *st = stem_of(b, w, n);
	if (!st)
		return MC_ENOMEM;
	if (b->count) {
		bool added;
		int64_t *v = mc_strmap_put(&b->stemcount, st, strlen(st), &added);
		if (!v)
			return MC_ENOMEM;
		(*v)++;
	}
	if (b->out.len && mc_buf_putc(&b->out, ' ') < 0)
		return MC_ENOMEM;
	return mc_buf_puts(&b->out, st) < 0 ? MC_ENOMEM : 0;
}

static int put_stemmed(builder *b, const char *text);

/* The stemmed title for re-ranking: words inside parentheses (ICD-10-CM
 * nonessential modifiers) carry a leading '('. */
static int put_title_marked(builder *b, const char *text, mc_buf *out)
{
	mc_buf_clear(out);
	int depth = 0;
	const char *p = text;
	while (*p) {
		if (*p == '(' || *p == '[') {
			depth++;
			p++;
			continue;
		}
		if (*p == ')' || *p == ']') {
			if (depth)
				depth--;
			p++;
			continue;
		}
		const char *e = p;
		while (*e && *e != '(' && *e != ')' && *e != '[' && *e != ']')
			e++;
		char part[512];
		size_t n = (size_t)(e - p) < sizeof(part) - 1 ? (size_t)(e - p) : sizeof(part) - 1;
		memcpy(part, p, n);
		part[n] = '\0';
		mc_buf_clear(&b->out);
		b->count = false;
		int rc = put_stemmed(b, part);
		if (rc < 0)
			return rc;
		for (const char *w = b->out.ptr; w && *w;) {
			const char *sp = strchr(w, ' ');
			size_t l = sp ? (size_t)(sp - w) : strlen(w);
			if ((out->len && mc_buf_putc(out, ' ') < 0) || (depth && mc_buf_putc(out, '(') < 0) ||
			    mc_buf_put(out, w, l) < 0)
				return MC_ENOMEM;
			w = sp ? sp + 1 : w + l;
		}
		p = e;
	}
	return 0;
}

/* Append the stemmed words of text to b->out. */
static int put_stemmed(builder *b, const char *text)
{
	if (!text || !*text)
		return 0;
	return mc_sq_words(text, stem_word, b);
}

/* Descriptor words with their abbreviations spelled out: single words
 * ("fluoroguide") and pairs ("o p" from "o/p"). */
typedef struct wordlist { char w[32][MC_SQ_WORD_MAX]; size_t n; } wordlist;

static int collect_word(const char *w, size_t n, void *p)
{
	wordlist *l = p;
	if (l->n < 32)
		memcpy(l->w[l->n++], w, n + 1);
	return 0;
}

static int expand_descriptor(builder *b, const char *text)
{
	wordlist l;
	l.n = 0;
	mc_sq_words(text, collect_word, &l);
	for (size_t i = 0; i < l.n; i++) {
		size_t cnt = 0;
		const mc_lex_entry *e = NULL;
		char pair[2 * MC_SQ_WORD_MAX + 2];
		if (i + 1 < l.n) {
			snprintf(pair, sizeof(pair), "%s %s", l.w[i], l.w[i + 1]);
			e = mc_lex_find(b->lx, true, pair, &cnt);
			if (e)
				i++;
		}
		if (!e)
			e = mc_lex_find(b->lx, true, l.w[i], &cnt);
		for (size_t k = 0; e && k < cnt; k++) {
			int rc = put_stemmed(b, e[k].expansion);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

static char *adup(builder *b, const unsigned char *s)
{
	return s && *s ? mc_arena_strdup(&b->arena, (const char *)s) : NULL;
}

static int load_docs(builder *b, mc_error *err)
{
	static const char sql[] =
		"WITH cur AS (SELECT r.id, r.stream, r.effective_from FROM release r"
		" WHERE r.system IS NOT NULL AND NOT EXISTS (SELECT 1 FROM release r2"
		"  WHERE r2.stream = r.stream AND r2.effective_from > r.effective_from))"
		" SELECT c.system, c.code, c.compact, c.title_short, c.title_long, c.title_other,"
		"  c.billable, c.kind, cur.stream LIKE '%-ama' FROM code c JOIN cur ON cur.id = c.release_id"
		" WHERE c.kind NOT IN ('chapter', 'section')"
		"  AND (c.valid_to IS NULL OR c.valid_to = '' OR c.valid_to >= cur.effective_from)";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(b->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return mc_store_dberr(b->s, err, "search index: read codes");
	int rc = 0, step;
	char key[64];
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sys = (const char *)sqlite3_column_text(st, 0);
		const char *compact = (const char *)sqlite3_column_text(st, 2);
		if (!sys || !compact)
			continue;
		int kn = snprintf(key, sizeof(key), "%s %s", sys, compact);
		if (kn < 0 || (size_t)kn >= sizeof(key))
			continue;
		bool added;
		int64_t *slot = mc_strmap_put(&b->bycode, key, (size_t)kn, &added);
		if (!slot) {
			rc = mc_error_set(err, MC_ENOMEM, "search index: out of memory");
			break;
		}
		if (!added && !sqlite3_column_int(st, 8))
			continue;  /* a second stream of the same system: the licensed one wins */
		if (b->n == b->cap) {
			size_t ncap = b->cap ? b->cap * 2 : 65536;
			doc *d = mc_realloc(b->docs, ncap * sizeof(*d));
			if (!d) {
				rc = mc_error_set(err, MC_ENOMEM, "search index: out of memory");
				break;
			}
			b->docs = d;
			b->cap = ncap;
		}
		doc *d = added ? &b->docs[b->n] : &b->docs[*slot];
		memset(d, 0, sizeof(*d));
		d->system = adup(b, (const unsigned char *)sys);
		d->code = adup(b, sqlite3_column_text(st, 1));
		d->compact = adup(b, (const unsigned char *)compact);
		d->short_ = adup(b, sqlite3_column_text(st, 3));
		const char *lng = adup(b, sqlite3_column_text(st, 4));
		d->other = adup(b, sqlite3_column_text(st, 5));
		d->billable = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 6);
		d->kind = adup(b, sqlite3_column_text(st, 7));
		d->descriptor = d->short_;
		d->title = lng ? lng : d->short_;
		if (d->title && d->short_ && !strcmp(d->title, d->short_))
			d->short_ = NULL;
		if (!d->system || !d->code || !d->compact || !d->kind || b->arena.failed) {
			rc = mc_error_set(err, MC_ENOMEM, "search index: out of memory");
			break;
		}
		if (!d->title)
			d->title = d->code;
		if (added)
			*slot = (int64_t)b->n++;
	}
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = mc_store_dberr(b->s, err, "search index: read codes");
	sqlite3_finalize(st);
	return rc;
}

/* Add "text" to the terms of the code of system sys with this compact form. */
static int add_terms(builder *b, const char *sys, const char *compact, const char *text, const char *text2)
{
	char key[64];
	int kn = snprintf(key, sizeof(key), "%s %s", sys, compact);
	if (kn < 0 || (size_t)kn >= sizeof(key))
		return 0;
	int64_t *slot = mc_strmap_get(&b->bycode, key, (size_t)kn);
	if (!slot)
		return 0;
	doc *d = &b->docs[*slot];
	if (d->terms.len > TERMS_MAX)
		return 0;
	if ((d->terms.len && mc_buf_puts(&d->terms, " | ") < 0) || mc_buf_puts(&d->terms, text) < 0 ||
	    (text2 && *text2 && (mc_buf_putc(&d->terms, ' ') < 0 || mc_buf_puts(&d->terms, text2) < 0)))
		return MC_ENOMEM;
	return 0;
}

/* Drug names as sold (the ASP NDC-HCPCS crosswalk) are terms of their
 * HCPCS code: "Kenalog-40" for J3301. */
static int drug_term(const char *name, const char *hcpcs, size_t labelers, void *payload)
{
	builder *b = payload;
	char compact[MC_CODE_MAX];
	if (!mc_code_compact(hcpcs, compact))
		return 0;
	return add_terms(b, "hcpcs", compact, name, NULL);
}

static int load_drugs(builder *b, mc_error *err)
{
	int rc = mc_store_drug_names(b->s, NULL, drug_term, b, err);
	if (rc == MC_ENOMEM)
		rc = mc_error_set(err, rc, "search index: out of memory");
	return rc;
}

static int load_terms(builder *b, mc_error *err)
{
	/* Inclusion terms of the latest ICD-10-CM release that has them; index
	 * entries of the latest release that has them. */
	static const char *const sql[] = {
		"SELECT n.code, n.text, NULL FROM note n WHERE n.kind = 'inclusion' AND n.release_id ="
		" (SELECT r.id FROM release r WHERE r.system = 'icd10cm' AND EXISTS"
		"  (SELECT 1 FROM note x WHERE x.release_id = r.id AND x.kind = 'inclusion')"
		"  ORDER BY r.effective_from DESC LIMIT 1)",
		"SELECT i.compact, i.path, CASE WHEN i.kind = 'eindex' THEN NULL ELSE i.col END"
		" FROM index_term i WHERE i.compact IS NOT NULL AND i.compact <> '' AND i.release_id ="
		" (SELECT r.id FROM release r WHERE r.system = 'icd10cm' AND EXISTS"
		"  (SELECT 1 FROM index_term x WHERE x.release_id = r.id)"
		"  ORDER BY r.effective_from DESC LIMIT 1)",
		/* a header's inclusion terms hold for the codes under it (M75.0
		 * 'Frozen shoulder' for M75.00-M75.02), after their own terms */
		"SELECT c.compact, n.text, NULL FROM note n JOIN code c"
		" ON c.release_id = (SELECT r.id FROM release r WHERE r.stream = 'icd10cm'"
		"  ORDER BY r.effective_from DESC LIMIT 1)"
		" AND c.system = 'icd10cm' AND c.compact > replace(n.code, '.', '')"
		" AND c.compact < replace(n.code, '.', '') || '~'"
		" WHERE n.kind = 'inclusion' AND n.release_id ="
		" (SELECT r.id FROM release r WHERE r.system = 'icd10cm' AND EXISTS"
		"  (SELECT 1 FROM note x WHERE x.release_id = r.id AND x.kind = 'inclusion')"
		"  ORDER BY r.effective_from DESC LIMIT 1)",
	};
	for (size_t q = 0; q < sizeof(sql) / sizeof(sql[0]); q++) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(b->s->db, sql[q], -1, &st, NULL) != SQLITE_OK)
			return mc_store_dberr(b->s, err, "search index: read terms");
		int step, rc = 0;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *code = (const char *)sqlite3_column_text(st, 0);
			const char *text = (const char *)sqlite3_column_text(st, 1);
			const char *text2 = (const char *)sqlite3_column_text(st, 2);
			char compact[MC_CODE_MAX];
			if (!code || !text || !mc_code_compact(code, compact))
				continue;
			if ((rc = add_terms(b, "icd10cm", compact, text, text2)) < 0)
				break;
		}
		if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
			rc = mc_store_dberr(b->s, err, "search index: read terms");
		else if (rc < 0)
			rc = mc_error_set(err, rc, "search index: out of memory");
		sqlite3_finalize(st);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- code families ---------------------------------------------------------
 * CPT and HCPCS codes are numbered in families: the codes that share their
 * first four characters (77001-77003, A0420-A0429) mostly name one kind of
 * service, and their short descriptors spell it out in some and not in
 * others ("Fluoroguide for vein device", "Needle localization by xray",
 * "Fluoroguide for spine inject"; "Ground mileage, per statute mile" among
 * the ambulance services).  A word that at least half of a family's codes
 * (and two or more) hold in their titles or descriptors is indexed with the
 * terms of the family's other codes: found, and weighed as an index term. */

#define FAMILY_MIN 3           /* codes a family needs */

static bool in_words(const char *text, const char *w);

typedef struct famword { const char *w; size_t n; } famword;

static int doc_words(builder *b, const doc *d, mc_buf *out)
{
	mc_buf_clear(&b->out);
	b->count = false;
	int rc = put_stemmed(b, d->title);
	if (rc == 0)
		rc = put_stemmed(b, d->short_);
	if (rc == 0)
		rc = put_stemmed(b, d->other);
	if (rc == 0 && d->descriptor)
		rc = expand_descriptor(b, d->descriptor);
	mc_buf_clear(out);
	if (rc == 0 && b->out.len && mc_buf_put(out, b->out.ptr, b->out.len) < 0)
		rc = MC_ENOMEM;
	mc_buf_clear(&b->out);
	return rc;
}

static bool family_word(const char *w, size_t n)
{
	if (n < 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return false;
	char t[MC_SQ_WORD_MAX];
	if (n >= sizeof(t))
		return false;
	memcpy(t, w, n);
	t[n] = '\0';
	return !mc_sq_stopword(t) && strcmp(t, "per") && strcmp(t, "each") && strcmp(t, "other");
}

/* Distinct words of text into m (value: the doc count so far, bumped once
 * per doc: the value's high bits hold the last doc seen). */
static int count_words(mc_strmap *m, const char *text, int64_t docno)
{
	for (const char *p = text; p && *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (family_word(p, l)) {
			bool added;
			int64_t *v = mc_strmap_put(m, p, l, &added);
			if (!v)
				return MC_ENOMEM;
			if ((*v >> 32) != docno + 1)
				*v = ((docno + 1) << 32) | ((*v & 0xffffffff) + 1);
		}
		p = e ? e + 1 : NULL;
	}
	return 0;
}

static int fam_cmp(const void *x, const void *y)
{
	const doc *const *a = x, *const *b = y;
	int c = strcmp((*a)->system, (*b)->system);
	return c ? c : strcmp((*a)->compact, (*b)->compact);
}

static int families(builder *b)
{
	doc **v = mc_calloc(b->n ? b->n : 1, sizeof(*v));
	mc_buf *words = NULL;
	mc_buf fam = MC_BUF_INIT;
	int rc = v ? 0 : MC_ENOMEM;
	size_t n = 0;
	for (size_t i = 0; rc == 0 && i < b->n; i++)
		if ((!strcmp(b->docs[i].system, "cpt") || !strcmp(b->docs[i].system, "hcpcs")) &&
		    strlen(b->docs[i].compact) == 5)
			v[n++] = &b->docs[i];
	if (rc == 0 && n)
		qsort(v, n, sizeof(*v), fam_cmp);
	for (size_t i = 0; rc == 0 && i < n;) {
		size_t j = i;
		/* the same first four characters, and the same kind of fifth
		 * (3470F, a performance measure, is no sibling of 34701) */
		while (j < n && !strcmp(v[j]->system, v[i]->system) && !memcmp(v[j]->compact, v[i]->compact, 4) &&
		       !!isdigit((unsigned char)v[j]->compact[4]) == !!isdigit((unsigned char)v[i]->compact[4]))
			j++;
		size_t size = j - i;
		if (size >= FAMILY_MIN) {
			mc_strmap m;
			words = mc_calloc(size, sizeof(*words));
			if (!words || mc_strmap_init(&m, 256) < 0) {
				rc = MC_ENOMEM;
				break;
			}
			for (size_t k = 0; rc == 0 && k < size; k++)
				if ((rc = doc_words(b, v[i + k], &words[k])) == 0)
					rc = count_words(&m, words[k].ptr, (int64_t)k);
			size_t need = (size + 1) / 2 < 2 ? 2 : (size + 1) / 2;
			for (size_t k = 0; rc == 0 && k < size; k++) {
				mc_buf_clear(&fam);
				for (size_t e = 0; e < m.cap && rc == 0; e++) {
					if (!m.key[e] || (size_t)(m.val[e] & 0xffffffff) < need)
						continue;
					char w[MC_SQ_WORD_MAX];
					snprintf(w, sizeof(w), "%.*s", (int)m.klen[e], m.key[e]);
					if (in_words(words[k].ptr, w))
						continue;
					if ((fam.len && mc_buf_putc(&fam, ' ') < 0) || mc_buf_puts(&fam, w) < 0)
						rc = MC_ENOMEM;
				}
				if (rc == 0 && fam.len) {
					doc *d = v[i + k];
					d->family = mc_arena_strdup(&b->arena, fam.ptr);
					if (!d->family)
						rc = MC_ENOMEM;
				}
			}
			for (size_t k = 0; k < size; k++)
				mc_buf_release(&words[k]);
			mc_free(words);
			words = NULL;
			mc_strmap_release(&m);
		}
		i = j;
	}
	mc_buf_release(&fam);
	mc_free(v);
	return rc;
}

/* A title that names the default code of a condition: "unspecified",
 * "without complications", "uncomplicated", "essential". */
static int default_marker(const char *title)
{
	return mc_memcasestr(title, strlen(title), "unspecified") || mc_memcasestr(title, strlen(title), "without") ||
	       mc_memcasestr(title, strlen(title), "uncomplicated") || mc_memcasestr(title, strlen(title), "essential");
}

/* Static order (the prior of type-ahead and of common-word queries):
 * billable codes (and codes of systems without the flag) before headers,
 * default codes (unspecified ...) first, initial encounters before later
 * ones, then shorter titles. */
static uint32_t doc_rank(const doc *d)
{
	size_t cl = strlen(d->compact), tl = strlen(d->title);
	uint32_t k = (uint32_t)(d->billable == 0) << 20;
	k |= (uint32_t)!default_marker(d->title) << 19;
	k |= (uint32_t)(cl == 7 && d->compact[6] != 'A') << 18;
	return k | (uint32_t)(tl < 0xffff ? tl : 0xffff);
}

static int doc_cmp(const void *x, const void *y)
{
	const doc *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	int c = strcmp(a->system, b->system);
	return c ? c : strcmp(a->compact, b->compact);
}

static const char schema[] =
	"DROP TABLE IF EXISTS search_terms;"
	"DROP TABLE IF EXISTS search_stem;"
	"DROP TABLE IF EXISTS search_doc;"
	"DROP TABLE IF EXISTS search_fts;"
	"DROP TABLE IF EXISTS search_vocab;"
	"DROP TABLE IF EXISTS search_meta;"
	"CREATE TABLE search_doc(id INTEGER PRIMARY KEY, system TEXT NOT NULL, code TEXT NOT NULL,"
	" compact TEXT NOT NULL, title TEXT NOT NULL, billable INTEGER NOT NULL, kind TEXT NOT NULL,"
	" stem TEXT NOT NULL, alt TEXT NOT NULL, tstem TEXT NOT NULL);"
	"CREATE VIRTUAL TABLE search_fts USING fts5(title, alt, terms, content='',"
	" prefix='2 3', tokenize='ascii');"
	"CREATE TABLE search_stem(stem TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE search_vocab(word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE search_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);";

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool in_words(const char *text, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = text; p && *p;) {
		if (*p == '(')
			p++;
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && !memcmp(p, w, n))
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

/* The distinct stems of the index and inclusion terms (terms, space
 * separated) that neither the title nor the descriptors hold, sorted, into
 * out: the re-ranking reads from it which query words the terms match. */
static int stem_set(const char *terms, const char *title, const char *alt, mc_buf *out)
{
	enum { MAXW = 1024 };
	const char *w[MAXW];
	size_t n = 0;
	char *copy = terms && *terms ? mc_strdup(terms) : NULL;
	mc_buf_clear(out);
	if (terms && *terms && !copy)
		return MC_ENOMEM;
	for (char *p = copy; p && *p && n < MAXW;) {
		char *e = strchr(p, ' ');
		if (e)
			*e = '\0';
		if (!in_words(title, p) && !in_words(alt, p))
			w[n++] = p;
		p = e ? e + 1 : NULL;
	}
	if (n)
		qsort(w, n, sizeof(w[0]), str_cmp);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (i && !strcmp(w[i], w[i - 1]))
			continue;
		if ((out->len && mc_buf_putc(out, ' ') < 0) || mc_buf_puts(out, w[i]) < 0)
			rc = MC_ENOMEM;
	}
	mc_free(copy);
	return rc;
}

static int write_docs(builder *b, mc_error *err)
{
	sqlite3_stmt *ins = NULL, *fts = NULL;
	mc_buf title = MC_BUF_INIT, alt = MC_BUF_INIT, marked = MC_BUF_INIT, tset = MC_BUF_INIT;
	int rc = 0;
	if (sqlite3_prepare_v2(b->s->db,
			       "INSERT INTO search_doc(id, system, code, compact, title, billable, kind, stem, alt,"
			       " tstem) VALUES(?,?,?,?,?,?,?,?,?,?)", -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b->s->db, "INSERT INTO search_fts(rowid, title, alt, terms) VALUES(?,?,?,?)",
			       -1, &fts, NULL) != SQLITE_OK) {
		rc = mc_store_dberr(b->s, err, "search index: prepare");
		goto done;
	}
	for (size_t i = 0; i < b->n; i++) {
		doc *d = &b->docs[i];
		b->count = true;
		mc_buf_clear(&b->out);
		if ((rc = put_stemmed(b, d->title)) < 0)
			break;
		mc_buf_clear(&title);
		if (mc_buf_put(&title, b->out.ptr ? b->out.ptr : "", b->out.len) < 0) {
			rc = MC_ENOMEM;
			break;
		}
		mc_buf_clear(&b->out);
		if ((rc = put_stemmed(b, d->short_)) < 0 || (rc = put_stemmed(b, d->other)) < 0)
			break;
		if (d->descriptor && strcmp(d->system, "icd10cm") != 0 &&
		    (rc = expand_descriptor(b, d->descriptor)) < 0)
			break;
		mc_buf_clear(&alt);
		if (mc_buf_put(&alt, b->out.ptr ? b->out.ptr : "", b->out.len) < 0) {
			rc = MC_ENOMEM;
			break;
		}
		mc_buf_clear(&b->out);
		if ((rc = put_title_marked(b, d->title, &marked)) < 0)
			break;
		mc_buf_clear(&b->out);
		b->count = true;
		if ((rc = put_stemmed(b, d->terms.ptr)) < 0)
			break;
		if (d->family && *d->family &&
		    ((b->out.len && mc_buf_putc(&b->out, ' ') < 0) || mc_buf_puts(&b->out, d->family) < 0)) {
			rc = MC_ENOMEM;
			break;
		}
		if ((rc = stem_set(b->out.ptr, marked.ptr, alt.ptr, &tset)) < 0)
			break;
		sqlite3_int64 id = (sqlite3_int64)i + 1;
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_text(ins, 2, d->system, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, d->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, d->compact, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, d->title, -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 6, d->billable);
		sqlite3_bind_text(ins, 7, d->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 8, marked.ptr ? marked.ptr : "", (int)marked.len, SQLITE_STATIC);
		sqlite3_bind_text(ins, 9, alt.ptr ? alt.ptr : "", (int)alt.len, SQLITE_STATIC);
		sqlite3_bind_text(ins, 10, tset.ptr ? tset.ptr : "", (int)tset.len, SQLITE_STATIC);
		sqlite3_bind_int64(fts, 1, id);
		sqlite3_bind_text(fts, 2, title.ptr ? title.ptr : "", (int)title.len, SQLITE_STATIC);
		sqlite3_bind_text(fts, 3, alt.ptr ? alt.ptr : "", (int)alt.len, SQLITE_STATIC);
		sqlite3_bind_text(fts, 4, b->out.ptr ? b->out.ptr : "", (int)b->out.len, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE || sqlite3_step(fts) != SQLITE_DONE) {
			rc = mc_store_dberr(b->s, err, "search index: insert");
			goto done;
		}
		sqlite3_reset(ins);
		sqlite3_reset(fts);
	}
	if (rc == MC_ENOMEM)
		rc = mc_error_set(err, MC_ENOMEM, "search index: out of memory");
done:
	sqlite3_finalize(ins);
	sqlite3_finalize(fts);
	mc_buf_release(&title);
	mc_buf_release(&alt);
	mc_buf_release(&marked);
	mc_buf_release(&tset);
	return rc;
}

static int write_vocab(builder *b, mc_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;
	/* lexicon terms are words too: they must never be "corrected" away */
	for (size_t i = 0; b->lx && i < b->lx->n; i++) {
		b->count = true;
		mc_buf_clear(&b->out);
		if ((rc = put_stemmed(b, b->lx->e[i].term)) < 0)
			return mc_error_set(err, rc, "search index: out of memory");
	}
	static const char *const ins[] = { "INSERT INTO search_vocab(word, freq) VALUES(?,?)",
					   "INSERT INTO search_stem(stem, freq) VALUES(?,?)" };
	for (int t = 0; t < 2 && rc == 0; t++) {
		const mc_strmap *m = t ? &b->stemcount : &b->vocab;
		if (sqlite3_prepare_v2(b->s->db, ins[t], -1, &st, NULL) != SQLITE_OK)
			return mc_store_dberr(b->s, err, "search index: prepare");
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->key[i])
				continue;
			sqlite3_bind_text(st, 1, m->key[i], (int)m->klen[i], SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, m->val[i]);
			if (sqlite3_step(st) != SQLITE_DONE) {
				rc = mc_store_dberr(b->s, err, "search index: insert word");
				break;
			}
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	return rc;
}

static int write_meta(builder *b, double secs, mc_error *err)
{
	sqlite3_stmt *st = NULL;
	char docs[32], words[32], took[32];
	snprintf(docs, sizeof(docs), "%zu", b->n);
	snprintf(words, sizeof(words), "%zu", b->vocab.n);
	snprintf(took, sizeof(took), "%.3f", secs);
	const char *kv[][2] = { { "version", MC_SEARCH_INDEX_VERSION }, { "docs", docs },
				{ "words", words }, { "build_seconds", took } };
	if (sqlite3_prepare_v2(b->s->db, "INSERT INTO search_meta(key, value) VALUES(?,?)", -1, &st,
			       NULL) != SQLITE_OK)
		return mc_store_dberr(b->s, err, "search index: prepare");
	int rc = 0;
	for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]) && rc == 0; i++) {
		sqlite3_bind_text(st, 1, kv[i][0], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, kv[i][1], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = mc_store_dberr(b->s, err, "search index: meta");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

int mc_search_build(mc_store *s, mc_error *err)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	builder b;
	memset(&b, 0, sizeof(b));
	b.s = s;
	int rc = 0;
	bool txn = false;
	b.lx = mc_sq_lexicon();
	if (!b.lx)
		return mc_error_set(err, MC_ENOMEM, "search index: cannot load the lexicon");
	b.stem = sb_stemmer_new("english", NULL);
	if (!b.stem || mc_strmap_init(&b.stems, 65536) < 0 || mc_strmap_init(&b.vocab, 65536) < 0 ||
	    mc_strmap_init(&b.stemcount, 65536) < 0 ||
	    mc_strmap_init(&b.bycode, 262144) < 0) {
		rc = mc_error_set(err, MC_ENOMEM, "search index: out of memory");
		goto done;
	}
	if ((rc = mc_store_begin(s, err)) < 0)
		goto done;
	txn = true;
	if ((rc = mc_store_exec(s, schema, err)) < 0 || (rc = load_docs(&b, err)) < 0 ||
	    (rc = load_terms(&b, err)) < 0 || (rc = load_drugs(&b, err)) < 0)
		goto done;
	if ((rc = families(&b)) < 0) {
		rc = mc_error_set(err, rc, "search index: out of memory");
		goto done;
	}
	for (size_t i = 0; i < b.n; i++)
		b.docs[i].rank = doc_rank(&b.docs[i]);
	if (b.n)
		qsort(b.docs, b.n, sizeof(*b.docs), doc_cmp);
	if ((rc = write_docs(&b, err)) < 0 || (rc = write_vocab(&b, err)) < 0)
		goto done;
	if ((rc = mc_store_exec(s, "CREATE INDEX search_doc_by_compact ON search_doc(compact);"
				   "INSERT INTO search_fts(search_fts) VALUES('optimize');", err)) < 0)
		goto done;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if ((rc = write_meta(&b, secs, err)) < 0)
		goto done;
	rc = mc_store_commit(s, err);
	txn = false;
done:
	if (txn)
		mc_store_rollback(s);
	for (size_t i = 0; i < b.n; i++)
		mc_buf_release(&b.docs[i].terms);
	mc_free(b.docs);
	mc_arena_release(&b.arena);
	mc_strmap_release(&b.stems);
	mc_strmap_release(&b.vocab);
	mc_strmap_release(&b.stemcount);
	mc_strmap_release(&b.bycode);
	mc_buf_release(&b.stembuf);
	mc_buf_release(&b.out);
	if (b.stem)
		sb_stemmer_delete(b.stem);
	return rc;
}
