/* The document's codes.  Two modes:
 *
 * - all mentions (corpora coded that way): the top code of every mention,
 *   ranked by score;
 * - encounter coding (the default): what a coder would bill for the visit.
 *   A mention counts when it is asserted (not negated, hypothetical, family
 *   or uncertain: outpatient coding does not code "possible" or "rule
 *   out") and current (a past-history mention only through a history code).
 *   Where it stands decides its weight: a line of the assessment's problem
 *   list first, then the assessment's prose, then the complaint and present
 *   illness; the review of systems, examination, results, past, family and
 *   social history and medication lists never make a code on their own.
 *   Only the best tier present is coded.  A symptom that shares its site
 *   with a coded diagnosis is integral to it and is dropped.  Excludes1
 *   pairs keep the better ranked code. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect_int.h"
#include "detect/traits.h"

/* ---- 7th characters ------------------------------------------------------- */

void dt_seventh_apply(const mc_detect *d, mc_detect_code *c, char ch)
{
	char comp[MC_CODE_MAX];
	if (!c->needs_seventh || !mc_code_compact(c->code, comp) || strlen(comp) != 6)
		return;
	comp[6] = ch;
	comp[7] = 0;
	uint32_t k = dt_map_get(&d->code_ix, comp, 7);
	if (k == DT_NONE || !d->codes[k].billable)
		return;
	snprintf(c->code, sizeof(c->code), "%s", d->codes[k].code);
	c->title = d->codes[k].title;
	c->billable = true;
	c->needs_seventh = false;
}

/* ---- Excludes1 ---------------------------------------------------------- */

/* True when code a (or an ancestor) has an Excludes1 note naming b. */
static bool excludes(const mc_detect *d, const char *a, const char *b)
{
	char ca[MC_CODE_MAX], cb[MC_CODE_MAX];
	if (!mc_code_compact(a, ca) || !mc_code_compact(b, cb))
		return false;
	size_t n = strlen(ca);
	/* the code itself may be absent (a 6-character stem): its nearest ancestor */
	uint32_t ci = DT_NONE;
	while (n >= 3 && ci == DT_NONE)
		ci = dt_map_get(&d->code_ix, ca, n--);
	for (int hop = 0; ci != DT_NONE && hop < 10; hop++, ci = d->codes[ci].parent) {
		const dt_code *c = &d->codes[ci];
		for (uint32_t k = 0; k < c->excl_n; k++)
			if (dt_range_has(&d->excl[c->excl_off + k], cb))
				return true;
	}
	return false;
}

/* Drop the later of two codes where one excludes the other; returns the count kept. */
static size_t apply_excludes1(const mc_detect *d, mc_detect_code *codes, size_t nc)
{
	size_t w = 0;
	for (size_t i = 0; i < nc; i++) {
		bool drop = false;
		for (size_t j = 0; j < w && !drop; j++)
			drop = excludes(d, codes[j].code, codes[i].code) || excludes(d, codes[i].code, codes[j].code);
		if (!drop)
			codes[w++] = codes[i];
	}
	return w;
}

static int cmp_code(const void *a, const void *b)
{
	const mc_detect_code *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* ---- unspecified sites ------------------------------------------------------ */

/* A code whose site is unspecified (the neoplasm or injury "of unspecified
 * site / body region") says less than a code of the same kind with a site
 * in the same document: a report names the site once ("renal cell
 * carcinoma") and then "the carcinoma", "the tumor".  prefix: the generic
 * code (compact prefix); [lo, hi]: the categories that name a site. */
static const struct {
	const char *prefix, *lo, *hi;
} unspecified_site[] = {
	{ "C80", "C00", "C96" },   /* malignant neoplasm without specification of site */
	{ "C799", "C77", "C79" },  /* secondary malignant neoplasm of unspecified site */
	{ "D499", "C00", "D49" },  /* neoplasm of unspecified behavior of unspecified site */
	{ "T14", "S00", "T35" },   /* injury of unspecified body region */
};

/* True when codes[i] is one of those and another code of codes names a site. */
static bool site_said_elsewhere(const mc_detect_code *codes, size_t n, size_t i)
{
	char ci[MC_CODE_MAX], ck[MC_CODE_MAX];
	if (!mc_code_compact(codes[i].code, ci))
		return false;
	for (size_t u = 0; u < sizeof(unspecified_site) / sizeof(unspecified_site[0]); u++) {
		const char *pre = unspecified_site[u].prefix;
		if (strncmp(ci, pre, strlen(pre)) != 0)
			continue;
		for (size_t k = 0; k < n; k++) {
			if (k == i || !mc_code_compact(codes[k].code, ck) || strncmp(ck, pre, 3) == 0)
				continue;
			if (strncmp(ck, unspecified_site[u].lo, 3) >= 0 && strncmp(ck, unspecified_site[u].hi, 3) <= 0)
				return true;
		}
	}
	return false;
}

/* drop: scratch of n flags */
static size_t drop_unspecified_sites(mc_detect_code *codes, size_t n, bool *drop)
{
	for (size_t i = 0; i < n; i++)
		drop[i] = site_said_elsewhere(codes, n, i);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (!drop[i])
			codes[w++] = codes[i];
	return w;
}

/* ---- codes that need more than a mention -------------------------------------- */

/* A manifestation code ("... in diseases classified elsewhere") is coded
 * only after its underlying disease ("code first"), which a mention alone
 * does not establish; C80.1 Malignant (primary) neoplasm, unspecified is
 * for a malignancy whose primary site cannot be determined (Official
 * Guidelines, chapter 2, malignant neoplasm without specification of
 * site), so only a mention that says the site is unknown gives it. */
static bool needs_more(const dt_entinfo *in, const mc_detect_code *c)
{
	if (c->title && strstr(c->title, "in diseases classified elsewhere"))
		return true;
	return strcmp(c->code, "C80.1") == 0 && !in->site_unknown;
}

/* ---- all mentions --------------------------------------------------------- */

static size_t all_mentions(const mc_detect_entity *ents, const dt_entinfo *info, size_t n,
			   mc_detect_code *codes)
{
	size_t nc = 0;
	for (size_t i = 0; i < n; i++) {
		const mc_detect_code *c = &ents[i].codes[0];
		/* codes still awaiting their 7th character are kept: such corpora
		 * are coded without 7th characters */
		if ((!c->billable && !c->needs_seventh) || needs_more(&info[i], c))
			continue;
		size_t k;
		for (k = 0; k < nc; k++)
			if (strcmp(codes[k].code, c->code) == 0)
				break;
		if (k < nc) {
			codes[k].score = fmin(1.0, fmax(codes[k].score, c->score) + 0.02);
			continue;
		}
		codes[nc++] = *c;
	}
	if (nc > 1)
		qsort(codes, nc, sizeof(*codes), cmp_code);
	return nc;
}

/* ---- encounter ------------------------------------------------------------ */

enum { PROBLEM_LINE_WORDS = 12 };

/* Weight of a mention's place in the note: 4 a problem-list line of the
 * assessment or plan, 3 the assessment's prose, 2 the complaint, present
 * illness or a note without headers, 1 the plan's prose, 0 never alone. */
static int tier_of(const dt_entinfo *in)
{
	bool problem = in->line_words <= PROBLEM_LINE_WORDS;
	switch (in->section) {
	case DT_SEC_ASSESS: return problem ? 4 : 3;
	case DT_SEC_PLAN: return problem ? 4 : 1;
	case DT_SEC_CC:
	case DT_SEC_HPI:
	case DT_SEC_NONE: return 2;
	default: return 0;
	}
}

/* A symptom or sign: the R chapter, or a "Pain in ..." title elsewhere. */
static bool is_symptom(const mc_detect_code *c)
{
	return c->code[0] == 'R' || (c->title && strncmp(c->title, "Pain in ", 8) == 0);
}

/* True when code is the billable default of its 3-character category. */
static bool is_category_default(const mc_detect *d, const char *code)
{
	uint32_t cat = dt_map_get(&d->code_ix, code, 3);
	if (cat == DT_NONE || d->codes[cat].dflt == DT_NONE)
		return false;
	return strcmp(d->codes[d->codes[cat].dflt].code, code) == 0;
}

typedef struct cand {
	mc_detect_code c;
	size_t ent;
	int tier;
} cand;

static bool code_starts(const char *code, const char *prefix)
{
	char comp[MC_CODE_MAX];
	return mc_code_compact(code, comp) && strncmp(comp, prefix, strlen(prefix)) == 0;
}

/* Combination codes the conventions presume (data/detect_combine.tsv):
 * hypertension with heart failure is I11.0, type 2 diabetes with chronic
 * kidney disease E11.22; the combination takes the first code's place,
 * the other stays when the classification asks for it.  Rows apply in
 * turn, so hypertension, heart failure and CKD make I13.0. */
static void combine_codes(const mc_detect *d, cand *cv, size_t *nv)
{
	for (size_t r = 0; r < d->ncombine; r++) {
		const dt_combine *cb = &d->combine[r];
		for (size_t i = 0; i < *nv; i++) {
			if (!code_starts(cv[i].c.code, cb->first))
				continue;
			size_t k;
			for (k = 0; k < *nv; k++)
				if (k != i && code_starts(cv[k].c.code, cb->with))
					break;
			if (k == *nv)
				continue;
			uint32_t ci = dt_map_get(&d->code_ix, cb->code, strlen(cb->code));
			if (ci == DT_NONE || !d->codes[ci].billable)
				continue;
			snprintf(cv[i].c.code, sizeof(cv[i].c.code), "%s", d->codes[ci].code);
			cv[i].c.title = d->codes[ci].title;
			if (cv[k].tier > cv[i].tier)
				cv[i].tier = cv[k].tier;
			if (!cb->keep) {
				cv[k] = cv[--*nv];
				if (i == *nv)
					i = k;
			}
		}
	}
}

static int cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->tier != y->tier)
		return x->tier > y->tier ? -1 : 1;
	return x->ent < y->ent ? -1 : x->ent > y->ent;
}

/* Qualifier words that say nothing of the site (so sharing them does not
 * make a symptom integral to a diagnosis). */
static bool qualifier_stem(mc_detect *d, uint32_t stem)
{
	static const char *const words[] = { "right", "left", "bilateral", "acute", "chronic",
					     "recurrent", "severe", "mild", "moderate", "pain",
					     "disorder", "disease", "syndrome", NULL };
	for (const char *const *w = words; *w; w++) {
		uint32_t st[2];
		mc_error e;
		int n = dt_word_stems(d, *w, strlen(*w), false, st, 2, &e);
		if (n > 0 && st[0] == stem)
			return true;
	}
	return false;
}

/* True when the terms of mentions a and b share a site word. */
static bool share_site(mc_detect *d, const dt_entinfo *a, const dt_entinfo *b)
{
	const dt_term *ta = &d->terms[a->term], *tb = &d->terms[b->term];
	for (size_t i = 0; i < ta->n; i++)
		for (size_t k = 0; k < tb->n; k++)
			if (d->tstems[ta->off + i] == d->tstems[tb->off + k] &&
			    !qualifier_stem(d, d->tstems[ta->off + i]))
				return true;
	return false;
}

static size_t encounter(mc_detect *d, const mc_detect_entity *ents, const dt_entinfo *info, size_t n,
			cand *cv, mc_detect_code *codes)
{
	const unsigned skip = MC_DT_NEGATION | MC_DT_HYPOTHETICAL | MC_DT_FAMILY | MC_DT_UNCERTAIN;
	size_t nv = 0;
	int best = 1;
	for (size_t i = 0; i < n; i++) {
		const mc_detect_entity *e = &ents[i];
		const mc_detect_code *c = &e->codes[0];
		if ((e->traits & skip) || !c->billable || needs_more(&info[i], c))
			continue;
		/* a past condition is coded only as a history or status code
		 * (Z chapter) or an old condition ("Old myocardial infarction") */
		if ((e->traits & MC_DT_HISTORY) && c->code[0] != 'Z' &&
		    !(c->title && strncmp(c->title, "Old ", 4) == 0))
			continue;
		int t = info[i].label ? 0 : tier_of(&info[i]);
		if (t == 0)
			continue;
		cv[nv].c = *c;
		cv[nv].ent = i;
		cv[nv].tier = t;
		nv++;
		if (info[i].both && e->ncodes > 1 && e->codes[1].billable) {
			cv[nv] = cv[nv - 1];
			cv[nv].c = e->codes[1];
			nv++;
		}
		if (info[i].also.code[0] && info[i].also.billable) {
			cv[nv] = cv[nv - 1];
			cv[nv].c = info[i].also;
			nv++;
		}
		if (t > best)
			best = t;
	}
	/* the best tier present; the assessment's prose stands with its list */
	size_t w = 0;
	for (size_t i = 0; i < nv; i++)
		if (cv[i].tier == best)
			cv[w++] = cv[i];
	nv = w;
	/* symptoms integral to a coded diagnosis of the same site */
	w = 0;
	for (size_t i = 0; i < nv; i++) {
		bool integral = false;
		if (is_symptom(&cv[i].c))
			for (size_t k = 0; k < nv && !integral; k++)
				integral = k != i && !is_symptom(&cv[k].c) &&
					   share_site(d, &info[cv[i].ent], &info[cv[k].ent]);
		if (!integral)
			cv[w++] = cv[i];
	}
	nv = w;
	/* the category's default ("Type 2 diabetes mellitus without
	 * complications") gives way to a more specific code of the same
	 * category the visit also documents (E11.621) */
	w = 0;
	for (size_t i = 0; i < nv; i++) {
		bool general = false;
		if (is_category_default(d, cv[i].c.code))
			for (size_t k = 0; k < nv && !general; k++)
				general = k != i && strncmp(cv[k].c.code, cv[i].c.code, 3) == 0 &&
					  strcmp(cv[k].c.code, cv[i].c.code) != 0;
		if (!general)
			cv[w++] = cv[i];
	}
	nv = w;
	combine_codes(d, cv, &nv);
	/* an external cause (V00-Y99) is never coded alone: only beside an
	 * injury or poisoning (S00-T88) it explains */
	bool injury = false;
	for (size_t i = 0; i < nv; i++)
		injury |= cv[i].c.code[0] == 'S' || cv[i].c.code[0] == 'T';
	w = 0;
	for (size_t i = 0; i < nv; i++) {
		char ch = cv[i].c.code[0];
		if (injury || (ch != 'V' && ch != 'W' && ch != 'X' && ch != 'Y'))
			cv[w++] = cv[i];
	}
	nv = w;
	qsort(cv, nv, sizeof(*cv), cmp_cand);
	size_t nc = 0;
	for (size_t i = 0; i < nv; i++) {
		size_t k;
		for (k = 0; k < nc; k++)
			if (strcmp(codes[k].code, cv[i].c.code) == 0)
				break;
		if (k == nc)
			codes[nc++] = cv[i].c;
	}
	return nc;
}

int dt_doc_codes(mc_detect *d, const mc_detect_entity *ents, const dt_entinfo *info, size_t n,
		 bool all, mc_detect_code **out, size_t *nout, mc_error *err)
{
	*out = NULL;
	*nout = 0;
	if (n == 0)
		return 0;
	mc_detect_code *codes = mc_calloc(3 * n, sizeof(*codes));
	cand *cv = all ? NULL : mc_calloc(3 * n, sizeof(*cv));
	if (!codes || (!all && !cv)) {
		mc_free(codes);
		mc_free(cv);
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	}
	size_t nc = all ? all_mentions(ents, info, n, codes) : encounter(d, ents, info, n, cv, codes);
	bool *drop = mc_calloc(nc ? nc : 1, sizeof(bool));
	if (!drop) {
		mc_free(codes);
		mc_free(cv);
		return mc_error_set(err, MC_ENOMEM, "detect: out of memory");
	}
	nc = drop_unspecified_sites(codes, nc, drop);
	mc_free(drop);
	mc_free(cv);
	*out = codes;
	*nout = apply_excludes1(d, codes, nc);
	return 0;
}
