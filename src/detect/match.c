/* Detection over a document: sentence by sentence, words become stem sets
 * (plus text-side expansions), dictionary terms anchored on their rarest
 * stem are matched order-free within a clause window, the longest and
 * tightest match wins its words, traits come from context cues and the
 * section, and codes resolve to the most specific billable code. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect/detect_int.h"
#include "detect/traits.h"

enum { POS_MAX = 256, PST_MAX = 12, MATCH_MAX = 4096, WORD_MAX = 32, CAND_MAX = 24 };

typedef struct pstem {
	uint32_t stem;
	uint16_t end;        /* last position this stem stands for (expansions) */
	uint8_t inst;        /* 0: the word's own stem; k: the k-th expansion applied here */
} pstem;

typedef struct dpos {
	uint32_t tok0, tok1; /* tokens of the word (hyphen-joined) */
	uint16_t seg;        /* hard segment (';', ':' split) */
	uint8_t conj;        /* "and" / "or" between the previous position and this one */
	uint8_t ns, nsorig;
	pstem st[PST_MAX];
} dpos;

typedef struct occ {
	uint16_t pos, end;
	int32_t next;
	uint8_t inst;
} occ;

typedef struct dmatch {
	uint32_t term;
	uint16_t lo, hi;     /* covered positions (inclusive) */
	uint16_t ncov;       /* positions covered */
	uint16_t gaps;
	float strength, quality;
} dmatch;

typedef struct dent {
	uint16_t lo, hi, ncov;
	uint32_t cand[CAND_MAX];  /* match indexes */
	size_t ncand;
} dent;

typedef struct cue_hit {
	uint32_t t0, t1;     /* token range (sentence-relative, inclusive) */
	const dt_cue *cue;
} cue_hit;

struct cue_words;

struct mc_detect_doc {
	mc_detect *d;
	mc_detect_opts o;
	size_t base_b, base_cp;
	int section;
	bool failed;
	mc_detect_entity *ents;
	dt_entinfo *info;       /* beside ents, same capacity */
	size_t nents, cap;
	uint32_t nsent;
	bool seen[DT_SEC_NKINDS]; /* sections whose header was seen */
	size_t label_start, label_end; /* the sentence's header label, if any */
	bool label_known;       /* ... names a section */
	bool inj_event, inj_healing;
	bool site_unknown;      /* this sentence says a site is unknown ("unknown primary") */ /* the complaint or assessment tells of an injury
				      * event (fell, twisted) or of healing */
	mc_tokens tok;
	size_t *cps, cps_cap;   /* code point offset of each token start and end */
	dpos pos[POS_MAX];
	size_t npos;
	uint32_t *stamp, gen;
	int32_t *head;
	occ *occs;
	size_t nocc, occ_cap;
	dmatch *m;
	size_t nm;
	dent ent[POS_MAX];
	int16_t owner[POS_MAX];
	char (*words)[WORD_MAX];
	size_t words_cap;
	uint8_t *wlen;
	cue_hit cues[128];
	size_t ncues;
	struct cue_words *cw;
	size_t ncw;
};

static int split_cues(mc_detect_doc *doc);

/* ---- document ------------------------------------------------------------ */

int mc_detect_doc_new(mc_detect_doc **out, mc_detect *d, const mc_detect_opts *opts, mc_error *err)
{
	*out = NULL;
	mc_detect_doc *doc = mc_calloc(1, sizeof(*doc));
	if (!doc)
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	doc->d = d;
	if (opts)
		doc->o = *opts;
	if (!doc->o.max_codes)
		doc->o.max_codes = 5;
	mc_tokens_init(&doc->tok);
	size_t ns = d->vocab.n + 1;
	doc->stamp = mc_calloc(ns, sizeof(uint32_t));
	doc->head = mc_calloc(ns, sizeof(int32_t));
	doc->m = mc_malloc(MATCH_MAX * sizeof(dmatch));
	if (!doc->stamp || !doc->head || !doc->m || split_cues(doc) < 0) {
		mc_detect_doc_free(doc);
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	}
	*out = doc;
	return 0;
}

static void entity_release(mc_detect_entity *e)
{
	mc_free(e->text);
	mc_free(e->codes);
	mc_free(e->explain);
	memset(e, 0, sizeof(*e));
}

void mc_detect_doc_free(mc_detect_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nents; i++)
		entity_release(&doc->ents[i]);
	mc_free(doc->ents);
	mc_free(doc->info);
	mc_tokens_release(&doc->tok);
	mc_free(doc->cps);
	mc_free(doc->stamp);
	mc_free(doc->head);
	mc_free(doc->occs);
	mc_free(doc->m);
	mc_free(doc->words);
	mc_free(doc->wlen);
	mc_free(doc->cw);
	mc_free(doc);
}

/* ---- helpers ------------------------------------------------------------ */

static bool is_word(const mc_token *t)
{
	return (t->flags & (MC_TOK_ALPHA | MC_TOK_DIGIT)) != 0;
}

static int push_occ(mc_detect_doc *doc, uint32_t stem, uint16_t pos, uint16_t end, uint8_t inst)
{
	if (doc->nocc + 1 > doc->occ_cap) {
		size_t nc = doc->occ_cap ? doc->occ_cap * 2 : 1024;
		occ *n = mc_realloc(doc->occs, nc * sizeof(occ));
		if (!n)
			return MC_ENOMEM;
		doc->occs = n;
		doc->occ_cap = nc;
	}
	if (doc->stamp[stem] != doc->gen) {
		doc->stamp[stem] = doc->gen;
		doc->head[stem] = -1;
	}
	occ *o = &doc->occs[doc->nocc];
	o->pos = pos;
	o->end = end;
	o->inst = inst;
	o->next = doc->head[stem];
	doc->head[stem] = (int32_t)doc->nocc++;
	return 0;
}

static bool pos_has(const dpos *p, uint32_t stem, bool orig_only)
{
	size_t n = orig_only ? p->nsorig : p->ns;
	for (size_t i = 0; i < n; i++)
		if (p->st[i].stem == stem)
			return true;
	return false;
}

/* ---- one sentence -------------------------------------------------------- */

static float kind_weight(int kind)
{
	switch (kind) {
	case DT_K_TITLE: return 1.0f;
	case DT_K_INCL: return 0.97f;
	case DT_K_NEOPL: return 0.93f;
	case DT_K_DRUG: return 0.85f;
	default: return 0.9f;
	}
}

/* Try term t anchored at occurrence a of its anchor stem. */
static void try_term(mc_detect_doc *doc, uint32_t ti, const occ *a)
{
	const mc_detect *d = doc->d;
	const dt_term *t = &d->terms[ti];
	const uint32_t *s = d->tstems + t->off;
	for (size_t i = 0; i < t->n; i++)
		if (doc->stamp[s[i]] != doc->gen)
			return;
	uint16_t seg = doc->pos[a->pos].seg;
	uint16_t used[16];
	size_t nused = 0;
	uint16_t lo = a->pos, hi = a->end;
	int inorder = 1, last = -1;
	uint16_t xpos[16];
	uint8_t xinst[16];
	for (size_t i = 0; i < t->n; i++) {
		int best = -1, bestd = 1 << 20;
		uint16_t bend = 0;
		uint8_t binst = 0;
		for (int32_t o = doc->head[s[i]]; o >= 0; o = doc->occs[o].next) {
			const occ *x = &doc->occs[o];
			if (doc->pos[x->pos].seg != seg)
				continue;
			int dd = abs((int)x->pos - (int)a->pos);
			if (dd < bestd) {
				bestd = dd;
				best = x->pos;
				bend = x->end;
				binst = x->inst;
			}
		}
		if (best < 0)
			return;
		if (i < 16) {
			xpos[i] = (uint16_t)best;
			xinst[i] = binst;
		}
		if (best < last)
			inorder = 0;
		last = best;
		if (best < lo)
			lo = (uint16_t)best;
		if (bend > hi)
			hi = bend;
		bool dup = false;
		for (size_t k = 0; k < nused; k++)
			dup |= used[k] == best;
		if (!dup && nused < 16)
			used[nused++] = (uint16_t)best;
	}
	/* positions covered: used ones plus what expansions stand for */
	size_t width = (size_t)(hi - lo) + 1;
	size_t ncov = 0;
	for (uint16_t p = lo; p <= hi; p++) {
		bool c = false;
		for (size_t k = 0; k < nused && !c; k++) {
			uint16_t u = used[k];
			if (p == u)
				c = true;
			else if (u < p) {
				/* an expansion at u reaching p */
				const dpos *up = &doc->pos[u];
				for (size_t q = up->nsorig; q < up->ns && !c; q++)
					c = up->st[q].end >= p;
			}
		}
		ncov += c;
	}
	/* an expansion stands for its whole phrase: a term that uses only part
	 * of what an expansion added is a looser reading ("coronary artery
	 * disease" is atherosclerotic heart disease before heart disease;
	 * "depression" is depression before major depression) */
	float fidelity = 1.0f;
	for (size_t i = 0; i < t->n && i < 16; i++) {
		if (!xinst[i])
			continue;
		size_t u = 0, tot = 0;
		for (size_t k = 0; k < t->n && k < 16; k++)
			u += xpos[k] == xpos[i] && xinst[k] == xinst[i];
		const dpos *xp = &doc->pos[xpos[i]];
		for (size_t q = xp->nsorig; q < xp->ns; q++)
			tot += xp->st[q].inst == xinst[i];
		if (tot && (float)u / (float)tot < fidelity)
			fidelity = (float)u / (float)tot;
	}
	/* a term that takes less than half of an expansion's phrase reads a
	 * word it was not ("HIV, Lyme" is no Lyme disease through HIV's
	 * "disease"; "COPD, hypertension and duodenal ulcer" no chronic ulcer) */
	if (fidelity < 0.5f)
		return;
	size_t gaps = width - ncov;
	/* a term read across "and" / "or" joins two findings of a list ("pain
	 * and abdominal distension" is no abdominal pain) unless its own
	 * wording has the conjunction: each crossing counts as a gap */
	if (!(t->flags & DT_F_AND))
		for (uint16_t p = (uint16_t)(lo + 1); p <= hi; p++)
			gaps += doc->pos[p].conj;
	size_t n = t->n;
	size_t slack = n <= 1 ? 0 : n == 2 ? 1 : n <= 4 ? 3 : 5;
	if (gaps > slack)
		return;
	if (doc->nm >= MATCH_MAX)
		return;
	/* the same term and span from another anchor occurrence */
	for (size_t k = doc->nm; k-- > 0 && k + 8 > doc->nm;)
		if (doc->m[k].term == ti && doc->m[k].lo == lo && doc->m[k].hi == hi)
			return;
	dmatch *m = &doc->m[doc->nm++];
	m->term = ti;
	m->lo = lo;
	m->hi = hi;
	m->ncov = (uint16_t)ncov;
	m->gaps = (uint16_t)gaps;
	float q = kind_weight(t->kind);
	q *= powf(0.9f, (float)gaps);
	if (!inorder)
		q *= 0.97f;
	if (t->flags & DT_F_OTHER)
		q *= 0.8f;
	q *= 0.9f + 0.1f * fidelity;
	if (!(t->flags & DT_F_UNSPEC))
		q *= 0.995f;
	if (!d->codes[t->code].billable && d->codes[t->code].dflt == DT_NONE && !d->codes[t->code].seventh)
		q *= 0.6f;
	m->quality = q;
	/* of two terms covering the same words, the one with more of them is more specific */
	m->strength = (float)ncov + q - 0.75f * (float)gaps + 0.02f * (float)n;
}

static int cmp_match(const void *a, const void *b)
{
	const dmatch *x = a, *y = b;
	if (x->strength != y->strength)
		return x->strength > y->strength ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->term < y->term ? -1 : x->term > y->term;
}

/* ---- traits -------------------------------------------------------------- */

/* The cue table split into words once per document. */
typedef struct cue_words {
	const dt_cue *cue;
	uint8_t n;
	uint8_t len[6];
	const char *w[6];
} cue_words;

static void find_cues(mc_detect_doc *doc, size_t nt)
{
	const cue_words *cw = doc->cw;
	doc->ncues = 0;
	for (size_t i = 0; i < nt && doc->ncues < 128;) {
		const dt_cue *best = NULL;
		size_t bestlen = 0;
		size_t l0 = doc->wlen[i];
		for (size_t c = 0; c < doc->ncw; c++) {
			if (cw[c].len[0] != l0 || cw[c].w[0][0] != doc->words[i][0] || cw[c].n <= bestlen ||
			    i + cw[c].n > nt)
				continue;
			bool ok = true;
			for (size_t k = 0; k < cw[c].n && ok; k++)
				ok = doc->wlen[i + k] == cw[c].len[k] &&
				     memcmp(doc->words[i + k], cw[c].w[k], cw[c].len[k]) == 0;
			if (ok) {
				best = cw[c].cue;
				bestlen = cw[c].n;
			}
		}
		if (best) {
			cue_hit *h = &doc->cues[doc->ncues++];
			h->t0 = (uint32_t)i;
			h->t1 = (uint32_t)(i + bestlen - 1);
			h->cue = best;
			i += bestlen;
		} else
			i++;
	}
}

static int split_cues(mc_detect_doc *doc)
{
	size_t n = 0;
	for (const dt_cue *c = dt_cues(); c->phrase; c++)
		n++;
	doc->cw = mc_calloc(n ? n : 1, sizeof(cue_words));
	if (!doc->cw)
		return MC_ENOMEM;
	for (const dt_cue *c = dt_cues(); c->phrase; c++) {
		cue_words *w = &doc->cw[doc->ncw];
		const char *p = c->phrase;
		while (*p && w->n < 6) {
			const char *sp = strchr(p, ' ');
			size_t l = sp ? (size_t)(sp - p) : strlen(p);
			w->w[w->n] = p;
			w->len[w->n++] = (uint8_t)l;
			p += l;
			if (*p == ' ')
				p++;
		}
		w->cue = c;
		doc->ncw++;
	}
	return 0;
}

static bool terminated(const mc_detect_doc *doc, uint32_t from, uint32_t to)
{
	/* a terminator cue strictly between token from and to */
	for (size_t i = 0; i < doc->ncues; i++) {
		const cue_hit *h = &doc->cues[i];
		if (h->cue->dir == DT_TERM && h->t0 > from && h->t1 < to)
			return true;
	}
	return false;
}

/* A comma ends a condition ("if the cough persists, consider pneumonia"). */
static bool comma_between(const mc_detect_doc *doc, uint32_t from, uint32_t to)
{
	for (uint32_t k = from + 1; k < to; k++)
		if (doc->words[k][0] == ',' && doc->words[k][1] == 0)
			return true;
	return false;
}

static unsigned traits_for(const mc_detect_doc *doc, uint32_t ta, uint32_t tb, const cue_hit **why,
			   size_t *nwhy)
{
	unsigned tr = 0;
	bool hist_cue = false;
	*nwhy = 0;
	for (size_t i = 0; i < doc->ncues; i++) {
		const cue_hit *h = &doc->cues[i];
		int dir = h->cue->dir;
		unsigned bit = h->cue->trait;
		if (dir == DT_TERM || dir == DT_PSEUDO)
			continue;
		if (dir == DT_PSEUDO_UNC)
			bit = MC_DT_UNCERTAIN, dir = DT_BOTH;
		bool hit = false;
		if ((dir & DT_PRE) && h->t1 < ta && ta - h->t1 <= 14 && !terminated(doc, h->t1, ta) &&
		    !(bit == MC_DT_HYPOTHETICAL && comma_between(doc, h->t1, ta)))
			hit = true;
		if ((dir & DT_POST) && h->t0 > tb && h->t0 - tb <= 6 && !terminated(doc, tb, h->t0))
			hit = true;
		/* "family history of ...", "history of MI" (Old myocardial infarction):
		 * the cue is part of the mention */
		if (h->t0 >= ta && h->t1 <= tb && (bit == MC_DT_FAMILY || bit == MC_DT_HISTORY))
			hit = true;
		if (hit && !(tr & bit)) {
			tr |= bit;
			if (bit == MC_DT_HISTORY)
				hist_cue = true;
			if (*nwhy < 6)
				why[(*nwhy)++] = h;
		}
	}
	if (doc->section == DT_SEC_FAMILY)
		tr |= MC_DT_FAMILY;
	else if (doc->section == DT_SEC_HISTORY)
		tr |= MC_DT_HISTORY;
	if ((tr & MC_DT_NEGATION) && hist_cue && doc->section != DT_SEC_HISTORY)
		tr &= ~(unsigned)MC_DT_HISTORY;
	if (tr & MC_DT_FAMILY)
		tr &= ~(unsigned)MC_DT_HISTORY;
	return tr;
}

/* ---- codes ---------------------------------------------------------------- */

static char seventh_cue(const mc_detect_doc *doc, size_t nt)
{
	for (size_t i = 0; i + 1 < nt; i++) {
		if (strcmp(doc->words[i], "initial") == 0 && strncmp(doc->words[i + 1], "encounter", 9) == 0)
			return 'A';
		if (strcmp(doc->words[i], "subsequent") == 0 && strncmp(doc->words[i + 1], "encounter", 9) == 0)
			return 'D';
	}
	for (size_t i = 0; i < nt; i++)
		if (strcmp(doc->words[i], "sequela") == 0)
			return 'S';
	return 0;
}

/* The encounter of an injury when the text does not name it: an injury
 * event told in the complaint, present illness or assessment (she fell,
 * twisted her ankle) is treated actively at this visit, initial encounter;
 * healing or a post-operative course makes it a subsequent encounter. */
static void injury_cues(mc_detect_doc *doc, size_t nt)
{
	static const char *const event[] = { "fell", "fall", "slipped", "tripped", "twisted", "injured",
					     "sustained", "hurt", "landed", "struck", "accident",
					     "collision", "crash", NULL };
	static const char *const healing[] = { "healing", "healed", "postoperative", "postop", NULL };
	int sec = doc->section;
	if (sec != DT_SEC_CC && sec != DT_SEC_HPI && sec != DT_SEC_ASSESS && sec != DT_SEC_NONE)
		return;
	for (size_t i = 0; i < nt && !(doc->inj_event && doc->inj_healing); i++) {
		const char *w = doc->words[i];
		size_t wl = doc->wlen[i];
		if (wl < 4 || wl > 13)
			continue;
		for (const char *const *e = event; *e && !doc->inj_event; e++)
			doc->inj_event = (*e)[0] == w[0] && strcmp(w, *e) == 0;
		for (const char *const *e = healing; *e && !doc->inj_healing; e++)
			doc->inj_healing = (*e)[0] == w[0] && strcmp(w, *e) == 0;
	}
}

/* Resolve code index ci to what is reported. */
static void resolve(const mc_detect *d, uint32_t ci, char enc, mc_detect_code *out)
{
	const dt_code *c = &d->codes[ci];
	memset(out, 0, sizeof(*out));
	if (c->billable) {
		snprintf(out->code, sizeof(out->code), "%s", c->code);
		out->title = c->title;
		out->billable = true;
		return;
	}
	if (c->seventh) {
		char comp[12];
		size_t n = strlen(c->compact);
		memcpy(comp, c->compact, n + 1);
		while (n < 6)
			comp[n++] = 'X';
		comp[n] = 0;
		if (enc && n == 6) {
			comp[6] = enc;
			comp[7] = 0;
			uint32_t k = dt_map_get(&d->code_ix, comp, 7);
			if (k != DT_NONE && d->codes[k].billable) {
				snprintf(out->code, sizeof(out->code), "%s", d->codes[k].code);
				out->title = d->codes[k].title;
				out->billable = true;
				return;
			}
			comp[6] = 0;
		}
		char dotted[MC_CODE_MAX];
		mc_icd10cm_dotted(comp, dotted);
		snprintf(out->code, sizeof(out->code), "%.15s", dotted);
		out->title = c->title;
		out->needs_seventh = true;
		return;
	}
	if (c->dflt != DT_NONE) {
		resolve(d, c->dflt, enc, out);
		return;
	}
	snprintf(out->code, sizeof(out->code), "%s", c->code);
	out->title = c->title;
}

static const char *kind_name(int k)
{
	switch (k) {
	case DT_K_TITLE: return "title";
	case DT_K_INCL: return "inclusion term";
	case DT_K_NEOPL: return "neoplasm table";
	case DT_K_DRUG: return "drug table";
	default: return "synonym";
	}
}

/* The line of token k: its identity, how many words it has (numbering
 * such as "1." and bullets aside; 255 when longer than a problem line can
 * be) and how many come before token k. */
static void line_info(const mc_detect_doc *doc, size_t k, dt_entinfo *out)
{
	enum { REACH = 48 };
	const mc_token *t = doc->tok.v;
	size_t a = k;
	while (a > 0 && k - a < REACH && !(t[a].flags & MC_TOK_NL))
		a--;
	bool long_line = a > 0 && !(t[a].flags & MC_TOK_NL);
	size_t b = k + 1;
	while (b < doc->tok.n && b - k < REACH && !(t[b].flags & MC_TOK_NL))
		b++;
	if (b < doc->tok.n && !(t[b].flags & MC_TOK_NL))
		long_line = true;
	size_t words = 0, lead = 0, i = a;
	/* numbering: "1." "2)" "#3" */
	while (i < b && (!is_word(&t[i]) || ((t[i].flags & MC_TOK_DIGIT) && !(t[i].flags & MC_TOK_ALPHA) &&
					       i + 1 < b && !is_word(&t[i + 1]))))
		i++;
	for (; i < b; i++) {
		if (!is_word(&t[i]))
			continue;
		words++;
		if (i < k)
			lead++;
	}
	out->line = doc->base_b + t[a].start;
	out->line_words = long_line || words > 254 ? 255 : (uint8_t)words;
	out->lead = lead > 255 ? 255 : (uint8_t)lead;
}

/* The side a mention names when its code does not: "right", "left" or
 * "bilateral" among its words or up to three words before it (two after)
 * in its clause, not in another mention.  -1 for none; right and left
 * together are bilateral. */
static int mention_side(const mc_detect_doc *doc, const dent *e, int own, size_t s)
{
	int lo = e->lo - 3, hi = e->hi + 2;
	if (lo < 0)
		lo = 0;
	if (hi >= (int)doc->npos)
		hi = (int)doc->npos - 1;
	bool r = false, l = false, b = false;
	uint16_t seg = doc->pos[e->lo].seg;
	for (int p = lo; p <= hi; p++) {
		if (doc->pos[p].seg != seg || (doc->owner[p] >= 0 && doc->owner[p] != own))
			continue;
		const char *w = doc->words[doc->pos[p].tok0 - s];
		if (strcmp(w, "right") == 0 || strcmp(w, "rt") == 0)
			r = true;
		else if (strcmp(w, "left") == 0 || strcmp(w, "lt") == 0)
			l = true;
		else if (strcmp(w, "bilateral") == 0 || strcmp(w, "bilaterally") == 0)
			b = true;
	}
	return b || (r && l) ? DT_SIDE_BOTH : r ? DT_SIDE_RIGHT : l ? DT_SIDE_LEFT : -1;
}

/* Code c of an unspecified side made the side's code; when the side is
 * bilateral and the classification has no bilateral code, c becomes the
 * right one and *also the left one (both are coded). */
static void apply_side(const mc_detect *d, int side, char enc, mc_detect_code *c, mc_detect_code *also)
{
	memset(also, 0, sizeof(*also));
	uint32_t ci = dt_code_find(d, c->code);
	const dt_side *sd = ci == DT_NONE ? NULL : dt_side_find(d, ci);
	if (!sd)
		return;
	double score = c->score;
	if (sd->side[side] != DT_NONE)
		resolve(d, sd->side[side], enc, c);
	else if (side == DT_SIDE_BOTH && sd->side[DT_SIDE_RIGHT] != DT_NONE && sd->side[DT_SIDE_LEFT] != DT_NONE) {
		resolve(d, sd->side[DT_SIDE_RIGHT], enc, c);
		resolve(d, sd->side[DT_SIDE_LEFT], enc, also);
		also->score = score;
	}
	c->score = score;
}

/* The code a "use additional code" note of code ci (or of an ancestor)
 * asks for, read from the sentence: among the billable codes of the
 * note's ranges, the one whose title has most words of the sentence
 * outside the mention's own term (two points each; a word of the mention
 * counts one, to break ties: "foot ulcer of the right heel" is L97.41-,
 * "foot ulcer, right foot" L97.51-), then the most unspecified one.  None
 * unless a word outside the mention says so (I25.10 does not bring
 * "chronic total occlusion of coronary artery" on its own words). */
static void additional_code(mc_detect_doc *doc, uint32_t ci, const dent *e, char enc, mc_detect_code *out)
{
	/* the mention's own words (with their expansions) */
	uint32_t own[64];
	size_t nown = 0;
	for (uint16_t p = e->lo; p <= e->hi; p++)
		for (size_t q = 0; q < doc->pos[p].ns && nown < 64; q++)
			own[nown++] = doc->pos[p].st[q].stem;
	const mc_detect *d = doc->d;
	out->code[0] = 0;
	uint32_t best = DT_NONE;
	int best_score = 0, best_unspec = 0;
	for (int hop = 0; ci != DT_NONE && hop < 4; hop++, ci = d->codes[ci].parent) {
		const dt_code *c = &d->codes[ci];
		for (uint32_t k = 0; k < c->uadd_n; k++) {
			const dt_range *r = &d->uadd[c->uadd_off + k];
			for (size_t x = dt_codes_from(d, r->lo); x < d->ncodes; x++) {
				const dt_code *cand = &d->codes[d->by_compact[x]];
				if (!dt_range_has(r, cand->compact))
					break;
				if ((!cand->billable && !cand->seventh) || cand->title_term == DT_NONE)
					continue;
				const dt_term *t = &d->terms[cand->title_term];
				int score = 0, outside = 0;
				for (size_t q = 0; q < t->n; q++) {
					uint32_t st = d->tstems[t->off + q];
					if (doc->stamp[st] != doc->gen)
						continue;
					bool mine = false;
					for (size_t m = 0; m < nown && !mine; m++)
						mine = own[m] == st;
					score += mine ? 1 : 2;
					outside += !mine;
				}
				if (!outside)
					continue;
				int unspec = 0;
				for (const char *p = cand->title; (p = strstr(p, "unspecified")) != NULL; p++)
					unspec++;
				if (score > best_score || (score == best_score && score > 0 && unspec > best_unspec)) {
					best = d->by_compact[x];
					best_score = score;
					best_unspec = unspec;
				}
			}
		}
	}
	if (best != DT_NONE)
		resolve(d, best, enc, out);
}

static int add_entity(mc_detect_doc *doc, const char *text, const dent *e, int own, size_t s,
		      unsigned traits, const cue_hit *const *why, size_t nwhy, char enc, mc_error *err)
{
	const mc_detect *d = doc->d;
	const dpos *p0 = &doc->pos[e->lo], *p1 = &doc->pos[e->hi];
	size_t tb0 = doc->tok.v[p0->tok0].start, tb1 = doc->tok.v[p1->tok1].end;
	mc_detect_code codes[CAND_MAX + 1], left;
	size_t nc = 0;
	int side = mention_side(doc, e, own, s);
	bool both = false;
	for (size_t i = 0; i < e->ncand; i++) {
		const dmatch *m = &doc->m[e->cand[i]];
		const dt_term *t = &d->terms[m->term];
		mc_detect_code c;
		resolve(d, t->code, enc, &c);
		/* coverage of the mention, then specificity: a term with more
		 * words that all occur says more ("history of breast cancer" is
		 * Z85.3, not Z85.9) */
		float sc = m->quality * ((float)m->ncov / (float)e->ncov) *
			   (0.8f + 0.04f * (float)(t->n < 5 ? t->n : 5));
		if (!c.billable && !c.needs_seventh)
			sc *= 0.5f;
		c.score = (double)sc;
		if (side >= 0) {
			mc_detect_code also;
			apply_side(d, side, enc, &c, &also);
			if (i == 0 && also.code[0]) {
				both = true;
				left = also;
			}
		}
		size_t k;
		for (k = 0; k < nc; k++)
			if (strcmp(codes[k].code, c.code) == 0)
				break;
		if (k < nc) {
			if (c.score > codes[k].score)
				codes[k].score = c.score;
			continue;
		}
		codes[nc++] = c;
	}
	/* best first (insertion sort; few) */
	for (size_t i = 1; i < nc; i++)
		for (size_t j = i; j > 0 && codes[j].score > codes[j - 1].score; j--) {
			mc_detect_code tmp = codes[j];
			codes[j] = codes[j - 1];
			codes[j - 1] = tmp;
		}
	if (nc > doc->o.max_codes)
		nc = doc->o.max_codes;
	if (nc == 0)
		return 0;
	/* a bilateral condition without a bilateral code: right and left */
	both = both && strcmp(codes[0].code, left.code) != 0;
	if (both) {
		size_t k = 1;
		while (k < nc && strcmp(codes[k].code, left.code) != 0)
			k++;
		if (k == nc && nc < CAND_MAX + 1)
			nc++;
		if (k == nc)
			k = nc - 1;
		memmove(codes + 2, codes + 1, (k - 1) * sizeof(codes[0]));
		codes[1] = left;
	}
	if (doc->nents + 1 > doc->cap) {
		size_t ncap = doc->cap ? doc->cap * 2 : 32;
		mc_detect_entity *ne = mc_realloc(doc->ents, ncap * sizeof(*ne));
		if (!ne)
			return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
		doc->ents = ne;
		dt_entinfo *ni = mc_realloc(doc->info, ncap * sizeof(*ni));
		if (!ni)
			return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
		doc->info = ni;
		doc->cap = ncap;
	}
	line_info(doc, p0->tok0, &doc->info[doc->nents]);
	doc->info[doc->nents].term = doc->m[e->cand[0]].term;
	doc->info[doc->nents].sent = doc->nsent;
	doc->info[doc->nents].section = (uint8_t)doc->section;
	doc->info[doc->nents].both = both;
	memset(&doc->info[doc->nents].also, 0, sizeof(doc->info[doc->nents].also));
	if (!doc->o.all_mentions) {
		uint32_t ci = dt_code_find(d, codes[0].code);
		if (ci != DT_NONE && d->codes[ci].billable)
			additional_code(doc, ci, e, enc, &doc->info[doc->nents].also);
	}
	/* a mention in a header label is no diagnosis ("Allergies:", "Patient
	 * Education and Counseling:") unless it is the whole of a label that
	 * names no section ("Hypertension: controlled") */
	bool in_label = p0->tok0 < doc->label_end;
	if (in_label && !doc->label_known) {
		bool whole = true;
		for (size_t k = doc->label_start; k < doc->label_end && whole; k++)
			whole = !is_word(&doc->tok.v[k]) || (k >= p0->tok0 && k <= p1->tok1);
		in_label = !whole;
	}
	doc->info[doc->nents].label = in_label;
	doc->info[doc->nents].site_unknown = doc->site_unknown;
	mc_detect_entity *en = &doc->ents[doc->nents];
	memset(en, 0, sizeof(*en));
	en->bstart = doc->base_b + tb0;
	en->bend = doc->base_b + tb1;
	en->start = doc->base_cp + doc->cps[2 * p0->tok0];
	en->end = doc->base_cp + doc->cps[2 * p1->tok1 + 1];
	en->text = mc_strndup(text + tb0, tb1 - tb0);
	en->codes = mc_malloc(nc * sizeof(mc_detect_code));
	if (!en->text || !en->codes) {
		entity_release(en);
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	}
	memcpy(en->codes, codes, nc * sizeof(mc_detect_code));
	en->ncodes = nc;
	en->traits = traits | (codes[0].code[0] == 'R' ? MC_DT_SYMPTOM : MC_DT_DIAGNOSIS);
	if (doc->o.explain) {
		mc_buf b = MC_BUF_INIT;
		const dmatch *m = &doc->m[e->cand[0]];
		const dt_term *t = &d->terms[m->term];
		int r = mc_buf_printf(&b, "%s of %s \"%s\": %u word(s) matched, %u gap(s)", kind_name(t->kind),
				      d->codes[t->code].code, d->codes[t->code].title, (unsigned)m->ncov,
				      (unsigned)m->gaps);
		for (size_t i = 0; r == 0 && i < nwhy; i++)
			r = mc_buf_printf(&b, "; cue \"%s\"", why[i]->cue->phrase);
		if (r == 0 && doc->section != DT_SEC_NONE)
			r = mc_buf_printf(&b, "; section %s", dt_section_name(doc->section));
		if (r < 0) {
			mc_buf_release(&b);
			entity_release(en);
			return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
		}
		en->explain = mc_buf_detach(&b);
	}
	doc->nents++;
	return 0;
}

/* Words a header alone on its line may be made of (besides the section
 * words themselves), so "Past Medical History" is a header and "Hypertension"
 * or "History of hypertension" is not. */
static bool header_word(const char *w)
{
	static const char *const words[] = {
		"of", "and", "past", "medical", "surgical", "current", "physical", "active", "home",
		"final", "clinical", "pertinent", "discharge", "admission", "general", "patient",
		"reviewed", "signs", "differential", NULL
	};
	for (const char *const *p = words; *p; p++)
		if (strcmp(w, *p) == 0)
			return true;
	return false;
}

enum { HDR_NONE = -1, HDR_UNKNOWN = -2 };

/* Section header at token i (which must open a line or the document):
 * lower-case words (joined by '&' or '/' too) up to ':' or the line end.
 * Returns the section kind, HDR_UNKNOWN for a "Label:" medcode does not
 * know, or HDR_NONE for no header; *lend (may be NULL) gets the token
 * after the label's words. */
static int header_at(const mc_detect_doc *doc, const char *text, size_t i, size_t end, size_t *lend)
{
	const mc_token *t = doc->tok.v;
	/* pieces are cut at line ends, so a piece's first token opens a line */
	if (i > 0 && !(t[i].flags & (MC_TOK_NL | MC_TOK_HEADER)))
		return HDR_NONE;
	/* bullets and numbering before a label: "- ", "• ", "1. ", "2) " */
	for (int skip = 0; skip < 2 && i < end && !is_word(&t[i]); skip++) {
		unsigned char c = (unsigned char)text[t[i].start];
		if (c != '-' && c != '*' && c != '+' && c < 0x80)
			return HDR_NONE;
		i++;
	}
	if (i < end && (t[i].flags & MC_TOK_DIGIT) && !(t[i].flags & MC_TOK_ALPHA) && i + 2 < end &&
	    (text[t[i + 1].start] == '.' || text[t[i + 1].start] == ')'))
		i += 2;
	if (i >= end || !is_word(&t[i]))
		return HDR_NONE;
	/* first where the label would end: most lines are no header, and say
	 * so before any word is read */
	size_t k = i, nw = 0;
	for (; k < end && nw < 6; k++) {
		if (k > i && (t[k].flags & MC_TOK_NL))
			break;
		if (!is_word(&t[k])) {
			char c = text[t[k].start];
			if ((c == '&' || c == '/') && k + 1 < end && is_word(&t[k + 1]))
				continue;
			break;
		}
		nw++;
	}
	bool colon = k < end && text[t[k].start] == ':' && !(t[k].flags & MC_TOK_NL);
	bool alone = k >= doc->tok.n || (t[k].flags & MC_TOK_NL);
	if (!colon && !alone)
		return HDR_NONE;
	char label[96];
	size_t n = 0;
	bool upper = true, known_words = true;
	for (k = i, nw = 0; k < end && nw < 6; k++) {
		if (k > i && (t[k].flags & MC_TOK_NL))
			break;
		if (!is_word(&t[k])) {
			char c = text[t[k].start];
			if ((c == '&' || c == '/') && n && k + 1 < end && is_word(&t[k + 1]))
				continue;
			break;
		}
		char w[WORD_MAX];
		size_t wl = dt_lower(text + t[k].start, t[k].end - t[k].start, w, sizeof(w));
		if (!wl || n + wl + 2 >= sizeof(label))
			return HDR_NONE;
		if (!(t[k].flags & MC_TOK_UPPER))
			upper = false;
		if (!colon && !upper && known_words && dt_section_of(w) < 0 && !header_word(w))
			known_words = false;
		if (n)
			label[n++] = ' ';
		memcpy(label + n, w, wl);
		n += wl;
		nw++;
	}
	label[n] = 0;
	if (!n)
		return HDR_NONE;
	if (lend)
		*lend = k;
	int sec = dt_section_of(label);
	if (colon)
		return sec >= 0 ? sec : HDR_UNKNOWN;
	if (alone && sec >= 0 && (upper || known_words))
		return sec;
	return HDR_NONE;
}

/* A header at token i sets the section.  An unknown label ends a section
 * that carries a trait (family or past history) and leaves the others (so
 * "Medical Reasoning:" stays in the assessment, "CV:" in the examination). */
static void check_section(mc_detect_doc *doc, const char *text, size_t i, size_t end)
{
	size_t lend = i;
	int h = header_at(doc, text, i, end, &lend);
	doc->label_start = i;
	doc->label_end = h != HDR_NONE ? lend : 0;
	doc->label_known = h >= 0;
	if (h >= 0)
		doc->section = h;
	else if (h == HDR_UNKNOWN && (doc->section == DT_SEC_FAMILY || doc->section == DT_SEC_HISTORY))
		doc->section = DT_SEC_NONE;
}

static int do_sentence(mc_detect_doc *doc, const char *text, size_t s, size_t e, mc_error *err)
{
	mc_detect *d = doc->d;
	const mc_token *tk = doc->tok.v;
	check_section(doc, text, s, e);
	doc->seen[doc->section] = true;
	doc->nsent++;
	/* words (lower case) for cues */
	size_t nt = e - s;
	if (nt > doc->words_cap) {
		char(*nw)[WORD_MAX] = mc_realloc(doc->words, nt * WORD_MAX);
		if (!nw)
			return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
		doc->words = nw;
		uint8_t *nl = mc_realloc(doc->wlen, nt);
		if (!nl)
			return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
		doc->wlen = nl;
		doc->words_cap = nt;
	}
	for (size_t i = 0; i < nt; i++) {
		const mc_token *t = &tk[s + i];
		size_t l = dt_lower(text + t->start, t->end - t->start, doc->words[i], WORD_MAX);
		if (!l)
			doc->words[i][0] = 0;
		doc->wlen[i] = (uint8_t)l;
	}
	injury_cues(doc, nt);
	/* positions */
	doc->npos = 0;
	doc->nocc = 0;
	doc->nm = 0;
	if (++doc->gen == 0) {
		memset(doc->stamp, 0, (d->vocab.n + 1) * sizeof(uint32_t));
		doc->gen = 1;
	}
	uint16_t seg = 0;
	char word[128];
	uint8_t conj = 0;
	for (size_t i = s; i < e && doc->npos < POS_MAX; i++) {
		const mc_token *t = &tk[i];
		if (!is_word(t)) {
			char c = text[t->start];
			if (c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']' || c == '.')
				seg++;
			continue;
		}
		size_t wl = 0, j = i;
		for (;;) {
			size_t n = tk[j].end - tk[j].start;
			if (wl + n >= sizeof(word))
				break;
			memcpy(word + wl, text + tk[j].start, n);
			wl += n;
			if (j + 2 < e && text[tk[j + 1].start] == '-' && tk[j + 1].end == tk[j + 2].start &&
			    tk[j].end == tk[j + 1].start && (tk[j + 2].flags & MC_TOK_ALPHA) &&
			    (tk[j].flags & MC_TOK_ALPHA))
				j += 2;
			else
				break;
		}
		uint32_t st[PST_MAX];
		bool stop = false;
		int r = dt_letter_stem(d, word, wl, doc->npos > 0 && i > s && is_word(&tk[i - 1]), false, st) ? 1 :
			dt_text_word(d, word, wl, st, 6, &stop, err);
		if (r < 0)
			return r;
		if (stop) {
			/* a stopword is no position (an unknown word is an empty one) */
			if ((wl == 3 && strncasecmp(word, "and", 3) == 0) || (wl == 2 && strncasecmp(word, "or", 2) == 0))
				conj++;
			i = j;
			continue;
		}
		dpos *p = &doc->pos[doc->npos];
		p->tok0 = (uint32_t)i;
		p->tok1 = (uint32_t)j;
		p->seg = seg;
		p->conj = conj;
		conj = 0;
		p->ns = p->nsorig = (uint8_t)r;
		for (int k = 0; k < r; k++) {
			p->st[k].stem = st[k];
			p->st[k].end = (uint16_t)doc->npos;
			p->st[k].inst = 0;
		}
		doc->npos++;
		i = j;
	}
	if (doc->npos == 0)
		return 0;
	/* expansions (lexicon abbreviations and lay terms) */
	for (size_t p = 0; p < doc->npos; p++) {
		dpos *pp = &doc->pos[p];
		uint8_t ninst = 0;
		for (size_t k = 0; k < pp->nsorig; k++) {
			uint32_t s0 = pp->st[k].stem;
			for (uint32_t x = d->exp_off[s0]; x < d->exp_off[s0 + 1]; x++) {
				const dt_expand *ex = &d->exp[d->exp_ix[x]];
				const uint32_t *pat = d->estems + ex->off;
				if (p + ex->np > doc->npos)
					continue;
				bool ok = true;
				for (size_t q = 1; q < ex->np && ok; q++)
					ok = pos_has(&doc->pos[p + q], pat[q], true) && doc->pos[p + q].seg == pp->seg;
				if (!ok)
					continue;
				if (ninst < UINT8_MAX)
					ninst++;
				for (size_t q = 0; q < ex->na && pp->ns < PST_MAX; q++) {
					if (pos_has(pp, pat[ex->np + q], false))
						continue;
					pp->st[pp->ns].stem = pat[ex->np + q];
					pp->st[pp->ns].end = (uint16_t)(p + ex->np - 1);
					pp->st[pp->ns].inst = ninst;
					pp->ns++;
				}
			}
		}
	}
	for (size_t p = 0; p < doc->npos; p++)
		for (size_t k = 0; k < doc->pos[p].ns; k++)
			if (push_occ(doc, doc->pos[p].st[k].stem, (uint16_t)p, doc->pos[p].st[k].end,
				     doc->pos[p].st[k].inst) < 0)
				return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	/* candidate matches: every stem at every position anchors its terms */
	for (size_t p = 0; p < doc->npos; p++) {
		const dpos *pp = &doc->pos[p];
		for (size_t k = 0; k < pp->ns; k++) {
			occ a = { (uint16_t)p, pp->st[k].end, -1, pp->st[k].inst };
			uint32_t stem = pp->st[k].stem;
			for (uint32_t x = d->anchor_off[stem]; x < d->anchor_off[stem + 1]; x++)
				try_term(doc, d->anchor[x], &a);
		}
	}
	if (doc->nm == 0)
		return 0;
	qsort(doc->m, doc->nm, sizeof(dmatch), cmp_match);
	/* greedy: longest, tightest first; contained matches become candidates */
	for (size_t p = 0; p < doc->npos; p++)
		doc->owner[p] = -1;
	size_t nent = 0;
	for (size_t i = 0; i < doc->nm; i++) {
		const dmatch *m = &doc->m[i];
		int own = -2;
		bool partial = false;
		for (uint16_t p = m->lo; p <= m->hi; p++) {
			int o = doc->owner[p];
			if (own == -2)
				own = o;
			else if (own != o)
				partial = true;
		}
		if (partial)
			continue;
		if (own >= 0) {
			dent *en = &doc->ent[own];
			if (en->ncand < CAND_MAX && m->quality * (float)m->ncov >= 0.5f * (float)en->ncov * 0.5f)
				en->cand[en->ncand++] = (uint32_t)i;
			continue;
		}
		if (nent >= POS_MAX)
			break;
		dent *en = &doc->ent[nent];
		en->lo = m->lo;
		en->hi = m->hi;
		en->ncov = m->ncov;
		en->ncand = 1;
		en->cand[0] = (uint32_t)i;
		for (uint16_t p = m->lo; p <= m->hi; p++)
			doc->owner[p] = (int16_t)nent;
		nent++;
	}
	/* traits and entities in text order */
	find_cues(doc, nt);
	char enc = seventh_cue(doc, nt);
	doc->site_unknown = false;
	for (size_t k = 0; k < nt && !doc->site_unknown; k++) {
		const char *w = doc->words[k];
		doc->site_unknown = (w[0] == 'u' && (strcmp(w, "unknown") == 0 || strcmp(w, "undetermined") == 0)) ||
				    (w[0] == 'o' && strcmp(w, "occult") == 0);
	}
	for (size_t p = 0; p < doc->npos; p++) {
		int o = doc->owner[p];
		if (o < 0 || (p > 0 && doc->owner[p - 1] == o))
			continue;
		const dent *en = &doc->ent[o];
		const cue_hit *why[6];
		size_t nwhy = 0;
		unsigned tr = traits_for(doc, (uint32_t)(doc->pos[en->lo].tok0 - s),
					 (uint32_t)(doc->pos[en->hi].tok1 - s), why, &nwhy);
		int rc = add_entity(doc, text, en, o, s, tr, why, nwhy, enc, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int mc_detect_feed(mc_detect_doc *doc, const char *text, size_t len, mc_error *err)
{
	if (doc->failed)
		return mc_error_set(err, MC_EINVAL, "detect: the document failed earlier");
	int rc = mc_text_tokenize(&doc->tok, text, len, err);
	if (rc < 0)
		goto fail;
	size_t nt = doc->tok.n;
	if (2 * nt + 2 > doc->cps_cap) {
		size_t *n = mc_realloc(doc->cps, (2 * nt + 2) * sizeof(size_t));
		if (!n) {
			rc = mc_error_set(err, MC_ENOMEM, "detect: out of memory");
			goto fail;
		}
		doc->cps = n;
		doc->cps_cap = 2 * nt + 2;
	}
	size_t cp = 0, at = 0;
	for (size_t i = 0; i < nt; i++) {
		cp += mc_text_cp_count(text + at, doc->tok.v[i].start - at);
		doc->cps[2 * i] = cp;
		cp += mc_text_cp_count(text + doc->tok.v[i].start, doc->tok.v[i].end - doc->tok.v[i].start);
		doc->cps[2 * i + 1] = cp;
		at = doc->tok.v[i].end;
	}
	size_t total_cp = cp + mc_text_cp_count(text + at, len - at);
	size_t s = 0;
	for (size_t i = 1; i <= nt; i++) {
		bool cut = i == nt || (doc->tok.v[i].flags & (MC_TOK_SENT | MC_TOK_PARA | MC_TOK_HEADER)) ||
			   i - s >= 3 * POS_MAX / 2;
		if (i < nt && (doc->tok.v[i].flags & MC_TOK_HEADER) && (doc->tok.v[i - 1].flags & MC_TOK_HEADER) &&
		    !(doc->tok.v[i].flags & MC_TOK_NL))
			cut = false;
		/* a header line opens a sentence even without a full stop before it */
		if (!cut && (doc->tok.v[i].flags & MC_TOK_NL) && header_at(doc, text, i, nt, NULL) != HDR_NONE)
			cut = true;
		if (!cut)
			continue;
		rc = do_sentence(doc, text, s, i, err);
		if (rc < 0)
			goto fail;
		s = i;
	}
	doc->base_b += len;
	doc->base_cp += total_cp;
	return 0;
fail:
	doc->failed = true;
	return rc;
}

/* ---- finishing ------------------------------------------------------------- */

int mc_detect_finish(mc_detect_doc *doc, mc_detect_result *out, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	if (doc->failed)
		return mc_error_set(err, MC_EINVAL, "detect: the document failed earlier");
	/* encounter coding: an injury's 7th character from the note's story
	 * (corpora coded every mention are coded without 7th characters) */
	char inj = doc->inj_healing ? 'D' : doc->inj_event ? 'A' : 0;
	if (!doc->o.all_mentions && inj)
		for (size_t i = 0; i < doc->nents; i++) {
			for (size_t k = 0; k < doc->ents[i].ncodes; k++)
				dt_seventh_apply(doc->d, &doc->ents[i].codes[k], inj);
			dt_seventh_apply(doc->d, &doc->info[i].also, inj);
		}
	int rc = dt_doc_codes(doc->d, doc->ents, doc->info, doc->nents, doc->o.all_mentions, &out->codes,
			      &out->ncodes, err);
	if (rc < 0)
		return rc;
	out->entities = doc->ents;
	out->n = doc->nents;
	doc->ents = NULL;
	doc->nents = doc->cap = 0;
	return 0;
}

int mc_detect_text(mc_detect *d, const char *text, size_t len, const mc_detect_opts *opts,
		   mc_detect_result *out, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	mc_detect_doc *doc = NULL;
	int rc = mc_detect_doc_new(&doc, d, opts, err);
	if (rc == 0)
		rc = mc_detect_feed(doc, text, len, err);
	if (rc == 0)
		rc = mc_detect_finish(doc, out, err);
	mc_detect_doc_free(doc);
	return rc;
}

void mc_detect_result_release(mc_detect_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		entity_release(&r->entities[i]);
	mc_free(r->entities);
	mc_free(r->codes);
	memset(r, 0, sizeof(*r));
}

const char *mc_detect_trait_name(unsigned bit)
{
	switch (bit) {
	case MC_DT_NEGATION: return "NEGATION";
	case MC_DT_HYPOTHETICAL: return "HYPOTHETICAL";
	case MC_DT_HISTORY: return "PAST_HISTORY";
	case MC_DT_FAMILY: return "PERTAINS_TO_FAMILY";
	case MC_DT_UNCERTAIN: return "LOW_CONFIDENCE";
	case MC_DT_SYMPTOM: return "SYMPTOM";
	case MC_DT_DIAGNOSIS: return "DIAGNOSIS";
	default: return NULL;
	}
}

static json_t *code_json(const mc_detect_code *c)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	double sc = floor(c->score * 1000.0 + 0.5) / 1000.0;
	if (json_object_set_new(o, "code", json_string(c->code)) < 0 ||
	    json_object_set_new(o, "title", json_string(c->title ? c->title : "")) < 0 ||
	    json_object_set_new(o, "score", json_real(sc)) < 0 ||
	    (!c->billable && json_object_set_new(o, "billable", json_false()) < 0) ||
	    (c->needs_seventh && json_object_set_new(o, "needs_7th_character", json_true()) < 0)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *mc_json_detect(const mc_detect_result *r, json_t *id, bool explain)
{
	json_t *o = json_object(), *ents = json_array(), *codes = json_array();
	if (!o || !ents || !codes)
		goto fail;
	for (size_t i = 0; i < r->n; i++) {
		const mc_detect_entity *e = &r->entities[i];
		json_t *je = json_object(), *tr = json_array(), *cs = json_array();
		if (!je || !tr || !cs || json_array_append_new(ents, je) < 0) {
			json_decref(tr);
			json_decref(cs);
			goto fail;
		}
		for (unsigned b = 1; b <= MC_DT_UNCERTAIN; b <<= 1)
			if ((e->traits & b) && json_array_append_new(tr, json_string(mc_detect_trait_name(b))) < 0) {
				json_decref(tr);
				json_decref(cs);
				goto fail;
			}
		for (size_t k = 0; k < e->ncodes; k++)
			if (json_array_append_new(cs, code_json(&e->codes[k])) < 0) {
				json_decref(tr);
				json_decref(cs);
				goto fail;
			}
		json_t *txt = json_stringn_nocheck(e->text, strlen(e->text));
		if (!mc_utf8_valid(e->text, strlen(e->text))) {
			json_decref(txt);
			/* invalid bytes: keep the valid part readable */
			mc_buf b = MC_BUF_INIT;
			for (size_t k = 0; e->text[k]; k++) {
				unsigned char c = (unsigned char)e->text[k];
				if (mc_buf_putc(&b, c < 0x80 ? (char)c : '?') < 0)
					break;
			}
			txt = json_string(b.ptr ? b.ptr : "");
			mc_buf_release(&b);
		}
		int r1 = json_object_set_new(je, "traits", tr);
		int r2 = json_object_set_new(je, "codes", cs);
		if (r1 < 0 || r2 < 0 ||
		    json_object_set_new(je, "start", json_integer((json_int_t)e->start)) < 0 ||
		    json_object_set_new(je, "end", json_integer((json_int_t)e->end)) < 0 ||
		    json_object_set_new(je, "text", txt) < 0 ||
		    json_object_set_new(je, "category", json_string("DIAGNOSIS")) < 0 ||
		    json_object_set_new(je, "type", json_string(e->traits & MC_DT_SYMPTOM ? "SYMPTOM" : "DX_NAME")) < 0 ||
		    (explain && e->explain && json_object_set_new(je, "explain", json_string(e->explain)) < 0))
			goto fail;
	}
	for (size_t i = 0; i < r->ncodes; i++)
		if (json_array_append_new(codes, json_string(r->codes[i].code)) < 0)
			goto fail;
	if (json_object_set(o, "id", id ? id : json_null()) < 0)
		goto fail;
	int r1 = json_object_set_new(o, "entities", ents);
	int r2 = json_object_set_new(o, "codes", codes);
	ents = codes = NULL;
	if (r1 < 0 || r2 < 0)
		goto fail;
	return o;
fail:
	json_decref(ents);
	json_decref(codes);
	json_decref(o);
	return NULL;
}
