/* Query understanding: the store-free half of search.
 *
 * A query becomes a list of concepts (groups) and code tokens.  Steps:
 * refuse empty, over-long and non-UTF-8 input; cut the text into chunks at
 * white space; a chunk shaped like a code, a code prefix ("E11.5*") or a
 * range ("77001-77003") becomes a code token; everything else is split
 * into lower-case words.  Words naming a code system ("icd 10", "cpt",
 * "hcpcs", "modifier", "taxonomy") set the system hint and go; lexicon
 * terms (longest match, up to five words) become one group whose
 * alternatives are the lexicon's expansions and the words as typed;
 * question framing and other stop words go; each word left is a group of
 * its own.  Spelling, stemming and the store come later (search.c). */
#include <ctype.h>
#include <pthread.h>
#include <string.h>

#include "search/search_int.h"

extern const unsigned char mc_embedded_lexicon[];
extern const size_t mc_embedded_lexicon_len;
extern const unsigned char mc_embedded_descriptor_abbrev[];
extern const size_t mc_embedded_descriptor_abbrev_len;
extern const unsigned char mc_embedded_drug_brands[];
extern const size_t mc_embedded_drug_brands_len;

/* ---- words ---------------------------------------------------------------- */

int mc_sq_words(const char *text, int (*fn)(const char *word, size_t len, void *p), void *p)
{
	char w[MC_SQ_WORD_MAX];
	size_t n = 0;
	for (const unsigned char *s = (const unsigned char *)text;; s++) {
		unsigned char c = *s;
		if (c < 0x80 && isalnum(c)) {
			if (n + 1 < sizeof(w))
				w[n++] = (char)tolower(c);
			continue;
		}
		if (c == '\'' && n && s[1] < 0x80 && isalpha(s[1]) && !isalpha(s[2]))
			continue;           /* "alzheimer's" -> "alzheimers" */
		if (n) {
			w[n] = '\0';
			int rc = fn(w, n, p);
			if (rc)
				return rc;
			n = 0;
		}
		if (!c)
			return 0;
	}
}

static const char *const stopwords[] = {
	"a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "best", "bill", "billed",
	"billing", "by", "can", "code", "coded", "codes", "coding", "correct", "could", "do", "does",
	"find", "for", "from", "get", "give", "go", "goes", "going", "have", "how", "i", "in", "is", "it", "list", "look",
	"lookup", "me", "mean", "meaning", "means", "my", "need", "number", "of", "on", "or", "please", "proper", "search",
	"should", "show", "tell", "that", "the", "there", "this", "to", "under", "up", "use", "used",
	"w", "want", "was", "what", "whats", "when", "where", "which", "who", "with", "would", "you",
};

bool mc_sq_stopword(const char *w)
{
	size_t lo = 0, hi = sizeof(stopwords) / sizeof(stopwords[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(w, stopwords[mid]);
		if (!c)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* ---- lexicon ------------------------------------------------------------- */

static mc_lexicon lexicon;
static bool lexicon_ok;
static pthread_once_t lexicon_once = PTHREAD_ONCE_INIT;

typedef struct normctx { mc_buf *b; } normctx;

static int norm_word(const char *w, size_t n, void *p)
{
	normctx *c = p;
	if (c->b->len && mc_buf_putc(c->b, ' ') < 0)
		return MC_ENOMEM;
	return mc_buf_put(c->b, w, n) < 0 ? MC_ENOMEM : 0;
}

/* Normalised copy of text (words joined by one space), NULL on failure. */
static char *normalise(const char *text)
{
	mc_buf b = MC_BUF_INIT;
	normctx c = { &b };
	if (mc_sq_words(text, norm_word, &c) < 0 || mc_buf_putc(&b, '\0') < 0) {
		mc_buf_release(&b);
		return NULL;
	}
	return mc_buf_detach(&b);
}

static int lex_cmp(const void *a, const void *b)
{
	const mc_lex_entry *x = a, *y = b;
	return strcmp(x->term, y->term);
}

static uint8_t lex_kind(const char *k)
{
	if (mc_str_iequal(k, "lay"))
		return SQ_LAY;
	if (mc_str_iequal(k, "synonym"))
		return SQ_SYNONYM;
	return SQ_ABBREV;
}

/* Read one embedded TSV (term, expansion[, kind], source) into *out. */
static int lex_load(const unsigned char *data, size_t len, bool has_kind, mc_lex_entry **out,
		    size_t *n)
{
	mc_csv r;
	mc_csv_row row;
	mc_error err;
	size_t cap = 0;
	int rc = 0;
	*out = NULL;
	*n = 0;
	mc_csv_init(&r, (const char *)data, len, '\t', false);
	while ((rc = mc_csv_next(&r, &row, &err)) == 1) {
		if (row.count < 2 || !row.field[0][0] || row.field[0][0] == '#' ||
		    strcmp(row.field[0], "term") == 0)
			continue;
		char *t = normalise(row.field[0]), *x = normalise(row.field[1]);
		char *d = mc_strdup(row.field[1]);
		if (!t || !x || !d || !*t || !*x) {
			mc_free(t);
			mc_free(x);
			mc_free(d);
			if (!t || !x || !d) {
				rc = MC_ENOMEM;
				break;
			}
			continue;
		}
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			mc_lex_entry *e = mc_realloc(*out, ncap * sizeof(*e));
			if (!e) {
				mc_free(t);
				mc_free(x);
				mc_free(d);
				rc = MC_ENOMEM;
				break;
			}
			*out = e;
			cap = ncap;
		}
		(*out)[*n].term = t;
		(*out)[*n].expansion = x;
		(*out)[*n].display = mc_trim(d);
		(*out)[*n].kind = has_kind && row.count > 2 ? lex_kind(row.field[2]) : SQ_ABBREV;
		(*n)++;
	}
	mc_csv_release(&r);
	if (rc < 0)
		return rc;
	if (*n)
		qsort(*out, *n, sizeof(**out), lex_cmp);
	return 0;
}

static void lexicon_load(void)
{
	mc_lex_entry *drugs = NULL;
	size_t ndrugs = 0;
	lexicon_ok = lex_load(mc_embedded_lexicon, mc_embedded_lexicon_len, true, &lexicon.e,
			      &lexicon.n) == 0 &&
		     lex_load(mc_embedded_descriptor_abbrev, mc_embedded_descriptor_abbrev_len, false,
			      &lexicon.abbr, &lexicon.nabbr) == 0 &&
		     lex_load(mc_embedded_drug_brands, mc_embedded_drug_brands_len, false, &drugs,
			      &ndrugs) == 0;
	/* brand names join the lexicon as synonyms of their generic names */
	if (lexicon_ok && ndrugs) {
		mc_lex_entry *e = mc_realloc(lexicon.e, (lexicon.n + ndrugs) * sizeof(*e));
		if (!e) {
			lexicon_ok = false;
		} else {
			for (size_t i = 0; i < ndrugs; i++)
				drugs[i].kind = SQ_SYNONYM;
			memcpy(e + lexicon.n, drugs, ndrugs * sizeof(*e));
			lexicon.e = e;
			lexicon.n += ndrugs;
			qsort(lexicon.e, lexicon.n, sizeof(*lexicon.e), lex_cmp);
		}
	}
	mc_free(drugs);
}

const mc_lexicon *mc_sq_lexicon(void)
{
	pthread_once(&lexicon_once, lexicon_load);
	return lexicon_ok ? &lexicon : NULL;
}

const mc_lex_entry *mc_lex_find(const mc_lexicon *lx, bool abbr, const char *term, size_t *count)
{
	const mc_lex_entry *e = abbr ? lx->abbr : lx->e;
	size_t n = abbr ? lx->nabbr : lx->n, lo = 0, hi = n;
	*count = 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(e[mid].term, term) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k = lo;
	while (k < n && strcmp(e[k].term, term) == 0)
		k++;
	*count = k - lo;
	return k > lo ? &e[lo] : NULL;
}

/* ---- code shapes ----------------------------------------------------------- */

/* Which systems a compact code could belong to (MC_SQ_SYS bits); 0 = none. */
static unsigned code_shape(const char *c)
{
	size_t n = strlen(c);
	unsigned m = 0;
	bool digits = true;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)c[i]))
			digits = false;
	if (n >= 3 && n <= 7 && isupper((unsigned char)c[0]) && isdigit((unsigned char)c[1]) &&
	    isalnum((unsigned char)c[2]))
		m |= MC_SQ_SYS(MC_SYS_ICD10CM);
	if (n == 5 && isupper((unsigned char)c[0]) && strspn(c + 1, "0123456789") == 4)
		m |= MC_SQ_SYS(MC_SYS_HCPCS);
	if (n == 5 && strspn(c, "0123456789") >= 4 && (digits || strchr("FTU", c[4])))
		m |= MC_SQ_SYS(MC_SYS_CPT);
	if (n == 10 && c[9] == 'X' && isdigit((unsigned char)c[0]))
		m |= MC_SQ_SYS(MC_SYS_TAXONOMY);
	if (n == 2)
		m |= MC_SQ_SYS(MC_SYS_MODIFIER);
	return m;
}

/* Compact form of a chunk part; false when it is not code-shaped. */
static bool compact_code(const char *s, size_t n, char out[MC_CODE_MAX])
{
	size_t k = 0;
	if (!n || n >= MC_CODE_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.')
			continue;
		if (c >= 0x80 || !isalnum(c) || k + 1 >= MC_CODE_MAX)
			return false;
		out[k++] = (char)toupper(c);
	}
	out[k] = '\0';
	return k >= 2 && code_shape(out) != 0;
}

/* ---- parser state -------------------------------------------------------- */

typedef struct qword {
	char w[MC_SQ_WORD_MAX];
	bool code_like;            /* chunk was a bare code-shaped token */
	bool upper;                /* typed in upper case (modifiers "LT") */
	bool gone;
	unsigned code_idx;
} qword;

#define MAX_WORDS 64

typedef struct parser {
	mc_sq *q;
	qword words[MAX_WORDS];
	size_t nwords;
	bool prefix;
	int last_code;             /* code token made by the last chunk, or -1 */
} parser;

static int pool_add(mc_sq *q, const char *s, size_t n)
{
	if (q->pool_len + n + 1 > sizeof(q->pool))
		return -1;
	int off = (int)q->pool_len;
	memcpy(q->pool + q->pool_len, s, n);
	q->pool[q->pool_len + n] = '\0';
	q->pool_len += n + 1;
	return off;
}

static int add_code(mc_sq *q, const char *lo, const char *hi, bool range, bool prefix, bool word,
		    bool dotted)
{
	if (q->ncodes == MC_SQ_MAX_CODES) {
		q->dropped++;
		return -1;
	}
	mc_sq_code *c = &q->code[q->ncodes];
	memset(c, 0, sizeof(*c));
	snprintf(c->lo, sizeof(c->lo), "%s", lo);
	if (hi)
		snprintf(c->hi, sizeof(c->hi), "%s", hi);
	c->range = range;
	c->prefix = prefix;
	c->also_word = word;
	c->dotted = dotted;
	return (int)q->ncodes++;
}

typedef struct chunkctx { parser *p; bool code_like; bool upper; int code_idx; } chunkctx;

static int push_word(const char *w, size_t n, void *payload)
{
	chunkctx *c = payload;
	parser *p = c->p;
	if (p->nwords == MAX_WORDS) {
		p->q->dropped++;
		return 0;
	}
	qword *x = &p->words[p->nwords++];
	memset(x, 0, sizeof(*x));
	memcpy(x->w, w, n + 1);
	x->code_like = c->code_like;
	x->upper = c->upper;
	x->code_idx = c->code_idx < 0 ? 0 : (unsigned)c->code_idx;
	if (c->code_like && c->code_idx < 0)
		x->code_like = false;
	return 0;
}

static bool is_code_punct(unsigned char c)
{
	return c == '.' || c == '-' || c == '*' || (c < 0x80 && isalnum(c));
}

/* One white-space-delimited chunk. */
static void chunk(parser *p, const char *s, size_t n)
{
	/* trim punctuation that cannot belong to a code */
	while (n && !is_code_punct((unsigned char)s[0]))
		s++, n--;
	while (n && !is_code_punct((unsigned char)s[n - 1]))
		n--;
	while (n && s[n - 1] == '.')
		n--;
	char tmp[MC_SQ_WORD_MAX * 2];
	p->last_code = -1;
	if (!n)
		return;
	bool upper = true;
	for (size_t i = 0; i < n; i++)
		if (islower((unsigned char)s[i]))
			upper = false;
	if (n < sizeof(tmp)) {
		char lo[MC_CODE_MAX], hi[MC_CODE_MAX];
		const char *dash = memchr(s, '-', n);
		/* range: two codes of one shape joined by a dash */
		if (dash && dash > s && dash < s + n - 1 && !memchr(dash + 1, '-', (size_t)(s + n - dash - 1)) &&
		    compact_code(s, (size_t)(dash - s), lo) &&
		    compact_code(dash + 1, (size_t)(s + n - dash - 1), hi) && strlen(lo) >= 3 &&
		    (code_shape(lo) & code_shape(hi))) {
			if (strcmp(lo, hi) > 0) {
				char t[MC_CODE_MAX];
				memcpy(t, lo, sizeof(t));
				memcpy(lo, hi, sizeof(t));
				memcpy(hi, t, sizeof(t));
			}
			int idx = add_code(p->q, lo, hi, true, false, false, memchr(s, '.', n) != NULL);
			if (idx >= 0)
				p->q->code[idx].shape = code_shape(lo) & code_shape(hi);
			return;
		}
		/* prefix: "E11.5*" */
		if (s[n - 1] == '*' && compact_code(s, n - 1, lo) && strlen(lo) >= 2) {
			add_code(p->q, lo, NULL, false, true, false, memchr(s, '.', n) != NULL);
			return;
		}
		bool dotted = memchr(s, '.', n) != NULL;
		if (compact_code(s, n, lo)) {
			unsigned shape = code_shape(lo);
			bool has_digit = strpbrk(lo, "0123456789") != NULL;
			/* two characters: a modifier only when typed in capitals or digits */
			if (strlen(lo) == 2 && !(upper || has_digit))
				shape = 0;
			if (shape && (has_digit || strlen(lo) == 2)) {
				bool word_too = !dotted;
				int idx = add_code(p->q, lo, NULL, false, false, word_too, dotted);
				p->last_code = idx;
				if (!word_too || idx < 0)
					return;
				chunkctx c = { p, true, upper, idx };
				memcpy(tmp, s, n);
				tmp[n] = '\0';
				mc_sq_words(tmp, push_word, &c);
				return;
			}
		}
	}
	chunkctx c = { p, false, upper, -1 };
	size_t m = n < sizeof(tmp) - 1 ? n : sizeof(tmp) - 1;
	memcpy(tmp, s, m);
	tmp[m] = '\0';
	/* "w/" and "w/o" are words of their own */
	mc_sq_words(tmp, push_word, &c);
}

/* System words: set the hint and drop them. */
static void systems(parser *p)
{
	mc_sq *q = p->q;
	for (size_t i = 0; i < p->nwords; i++) {
		qword *w = &p->words[i];
		const char *next = i + 1 < p->nwords ? p->words[i + 1].w : "";
		unsigned sys = 0;
		size_t eat = 0;
		if (!strcmp(w->w, "icd") || !strcmp(w->w, "icd10") || !strcmp(w->w, "icd10cm") ||
		    !strcmp(w->w, "icd9")) {
			sys = MC_SQ_SYS(MC_SYS_ICD10CM);
			while (i + 1 + eat < p->nwords &&
			       (!strcmp(p->words[i + 1 + eat].w, "10") || !strcmp(p->words[i + 1 + eat].w, "cm") ||
				!strcmp(p->words[i + 1 + eat].w, "9")))
				eat++;
		} else if (!strcmp(w->w, "cpt") || !strcmp(w->w, "cpt4")) {
			sys = MC_SQ_SYS(MC_SYS_CPT);
			if (!strcmp(next, "4"))
				eat = 1;
		} else if (!strcmp(w->w, "hcpcs") || !strcmp(w->w, "hcpc")) {
			sys = MC_SQ_SYS(MC_SYS_HCPCS);
			if (!strcmp(next, "level") || !strcmp(next, "ii"))
				eat = 1;
		} else if (!strcmp(w->w, "modifier") || !strcmp(w->w, "modifiers")) {
			sys = MC_SQ_SYS(MC_SYS_MODIFIER);
		} else if (!strcmp(w->w, "taxonomy") || !strcmp(w->w, "nucc")) {
			sys = MC_SQ_SYS(MC_SYS_TAXONOMY);
		} else if ((!strcmp(w->w, "diagnosis") || !strcmp(w->w, "dx") || !strcmp(w->w, "diagnostic")) &&
			   (!strcmp(next, "code") || !strcmp(next, "codes"))) {
			sys = MC_SQ_SYS(MC_SYS_ICD10CM);
		} else if (!strcmp(w->w, "procedure") && (!strcmp(next, "code") || !strcmp(next, "codes"))) {
			sys = MC_SQ_SYS(MC_SYS_CPT) | MC_SQ_SYS(MC_SYS_HCPCS);
		}
		if (!sys)
			continue;
		q->systems |= sys;
		q->framed = true;
		w->gone = true;
		for (size_t k = 1; k <= eat; k++)
			p->words[i + k].gone = true;
		i += eat;
	}
}

/* Codes whose words named a system ("icd 10") are no codes: drop them. */
static void drop_system_codes(parser *p)
{
	mc_sq *q = p->q;
	bool drop[MC_SQ_MAX_CODES] = { false };
	for (size_t i = 0; i < p->nwords; i++)
		if (p->words[i].code_like && p->words[i].gone)
			drop[p->words[i].code_idx] = true;
	for (size_t i = 0; i < p->nwords; i++)
		if (p->words[i].code_like && !p->words[i].gone)
			drop[p->words[i].code_idx] = false;
	unsigned map[MC_SQ_MAX_CODES];
	size_t n = 0;
	for (size_t k = 0; k < q->ncodes; k++) {
		map[k] = (unsigned)n;
		if (!drop[k])
			q->code[n++] = q->code[k];
	}
	q->ncodes = n;
	for (size_t i = 0; i < p->nwords; i++)
		if (p->words[i].code_like)
			p->words[i].code_idx = map[p->words[i].code_idx];
}

static int add_group(mc_sq *q, const char *surface, uint8_t kind)
{
	if (q->ngroups == MC_SQ_MAX_GROUPS) {
		q->dropped++;
		return -1;
	}
	int off = pool_add(q, surface, strlen(surface));
	if (off < 0) {
		q->dropped++;
		return -1;
	}
	mc_sq_group *g = &q->group[q->ngroups];
	memset(g, 0, sizeof(*g));
	g->surface = (uint16_t)off;
	g->kind = kind;
	return (int)q->ngroups++;
}

static void add_alt(mc_sq *q, mc_sq_group *g, const char *text)
{
	if (g->nalts == MC_SQ_MAX_ALTS)
		return;
	for (size_t i = 0; i < g->nalts; i++)
		if (!strcmp(mc_sq_str(q, g->alt[i]), text))
			return;
	int off = pool_add(q, text, strlen(text));
	if (off >= 0)
		g->alt[g->nalts++] = (uint16_t)off;
}

/* Join words [i, i+n) into buf; false when a word is gone or it is too long. */
static bool join(const parser *p, size_t i, size_t n, char *buf, size_t cap)
{
	size_t len = 0;
	for (size_t k = i; k < i + n; k++) {
		const qword *w = &p->words[k];
		if (w->gone)
			return false;
		size_t wl = strlen(w->w);
		if (len + wl + 2 > cap)
			return false;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, w->w, wl);
		len += wl;
	}
	buf[len] = '\0';
	return true;
}

static void concepts(parser *p, const mc_lexicon *lx)
{
	mc_sq *q = p->q;
	char buf[MC_SQ_WORD_MAX * 6];
	for (size_t i = 0; i < p->nwords; i++) {
		if (p->words[i].gone)
			continue;
		bool last = i + 1 == p->nwords;
		/* longest lexicon term starting here */
		size_t best = 0, cnt = 0;
		const mc_lex_entry *hit = NULL;
		for (size_t n = 5; lx && n >= 1 && !hit; n--) {
			if (i + n > p->nwords || !join(p, i, n, buf, sizeof(buf)))
				continue;
			if (p->prefix && i + n == p->nwords)
				continue;  /* the word being typed is not finished */
			hit = mc_lex_find(lx, false, buf, &cnt);
			if (hit)
				best = n;
		}
		if (hit) {
			join(p, i, best, buf, sizeof(buf));
			int gi = add_group(q, buf, hit->kind);
			if (gi >= 0) {
				mc_sq_group *g = &q->group[gi];
				for (size_t k = 0; k < cnt; k++)
					add_alt(q, g, hit[k].expansion);
				/* the words as typed (dropped later when the index lacks them) */
				add_alt(q, g, buf);
				for (size_t k = i; k < i + best; k++)
					if (p->words[k].code_like)
						q->code[p->words[k].code_idx].also_word = false;
			}
			for (size_t k = i; k < i + best; k++)
				p->words[k].gone = true;
			i += best - 1;
			continue;
		}
		/* a level and a substance: "low potassium", "high blood sugar",
		 * "low sodium in blood" -> hypokalemia, hyperglycemia, hyponatremia */
		if (mc_sq_level_word(p->words[i].w)) {
			size_t j = i + 1;
			while (j < p->nwords && !p->words[j].gone &&
			       (!strcmp(p->words[j].w, "blood") || !strcmp(p->words[j].w, "serum") ||
				!strcmp(p->words[j].w, "in")))
				j++;
			char word[MC_SQ_WORD_MAX];
			if (j < p->nwords && !p->words[j].gone && !(p->prefix && j + 1 == p->nwords) &&
			    mc_sq_compose(p->words[i].w, p->words[j].w, word, sizeof(word)) &&
			    join(p, i, j - i + 1, buf, sizeof(buf))) {
				int gi = add_group(q, buf, SQ_SYNONYM);
				if (gi >= 0) {
					add_alt(q, &q->group[gi], word);
					add_alt(q, &q->group[gi], p->words[j].w);
				}
				/* "... in blood", "... level" say nothing more */
				while (j + 1 < p->nwords && !p->words[j + 1].gone &&
				       (!strcmp(p->words[j + 1].w, "in") || !strcmp(p->words[j + 1].w, "blood") ||
					!strcmp(p->words[j + 1].w, "serum") || !strcmp(p->words[j + 1].w, "level") ||
					!strcmp(p->words[j + 1].w, "levels")) &&
				       !(p->prefix && j + 2 == p->nwords))
					j++;
				for (size_t k = i; k <= j; k++)
					p->words[k].gone = true;
				i = j;
				continue;
			}
		}
		qword *w = &p->words[i];
		if (!(p->prefix && last) && !w->code_like && mc_sq_stopword(w->w)) {
			q->framed = true;
			continue;
		}
		int gi = add_group(q, w->w, SQ_PLAIN);
		if (gi < 0)
			continue;
		mc_sq_group *g = &q->group[gi];
		add_alt(q, g, w->w);
		bool alpha = true;
		for (const char *c = w->w; *c; c++)
			if (!isalpha((unsigned char)*c))
				alpha = false;
		g->correctable = alpha && strlen(w->w) >= 4 && !(p->prefix && last);
		g->prefix = p->prefix && last;
		g->code_like = w->code_like;
		if (w->code_like)
			q->code[w->code_idx].group = (unsigned)gi;
	}
}

/* Words that name a procedure, test, service or supply rather than a
 * condition: they tilt the ranking toward CPT and HCPCS. */
static bool procedure_word(const char *w)
{
	static const char *const words[] = {
		"administration", "anesthesia", "arthroplasty", "biopsy", "cast", "catheter", "ct", "drainage",
		"echo", "ecg", "ekg", "equipment", "evaluation", "exam", "examination", "excision", "imaging",
		"implant", "incision", "infusion", "injection", "insertion", "mri", "panel", "removal", "repair",
		"replacement", "scan", "supply", "supplies", "surgery", "test", "therapy", "transplant",
		"ultrasound", "vaccine", "visit", "xray",
	};
	static const char *const suffixes[] = { "ectomy", "oscopy", "plasty", "ogram", "ography", "otomy",
						"ostomy", "pexy", "rrhaphy", "centesis" };
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(w, words[i]))
			return true;
	size_t n = strlen(w);
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t k = strlen(suffixes[i]);
		if (n > k + 2 && !strcmp(w + n - k, suffixes[i]))
			return true;
	}
	return false;
}

int mc_sq_parse(mc_sq *out, const char *query, size_t len, bool prefix, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	out->pool[0] = '\0';
	out->pool_len = 1;       /* offset 0 is the empty string */
	if (!query)
		return mc_error_set(err, MC_EINVAL, "empty query");
	if (len > MC_SQ_MAX_BYTES)
		return mc_error_set(err, MC_EINVAL, "query is too long (%zu bytes; at most %d)", len,
				    MC_SQ_MAX_BYTES);
	if (!mc_utf8_valid(query, len))
		return mc_error_set(err, MC_EINVAL, "query is not valid UTF-8 text");
	bool blank = true;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)query[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return mc_error_set(err, MC_EINVAL, "query contains control characters");
		if (c == 0x7f)
			return mc_error_set(err, MC_EINVAL, "query contains control characters");
		if (!isspace(c))
			blank = false;
	}
	if (blank)
		return mc_error_set(err, MC_EINVAL, "empty query");
	const mc_lexicon *lx = mc_sq_lexicon();
	parser p;
	memset(&p, 0, sizeof(p));
	p.q = out;
	p.prefix = prefix;
	p.last_code = -1;
	size_t i = 0;
	while (i < len) {
		while (i < len && isspace((unsigned char)query[i]))
			i++;
		size_t start = i;
		while (i < len && !isspace((unsigned char)query[i]))
			i++;
		if (i > start)
			chunk(&p, query + start, i - start);
	}
	/* type-ahead on a code: the code being typed is a prefix */
	if (prefix && p.last_code >= 0) {
		mc_sq_code *c = &out->code[p.last_code];
		if (!c->range)
			c->prefix = true;
	}
	systems(&p);
	drop_system_codes(&p);
	for (size_t k = 0; k < p.nwords; k++)
		if (!p.words[k].gone && procedure_word(p.words[k].w))
			out->procedure = true;
	concepts(&p, lx);
	return 0;
}
