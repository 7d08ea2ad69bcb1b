/* Answer articles: a coding question answered with the codes search finds,
 * and for each of them only what the store holds on the publisher's date:
 * descriptors, add-on status with its primary codes, bundling edits,
 * fee-schedule indicators with their meaning, and MUE units.  Nothing is
 * written that is in neither the question nor the store. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "medcode/search.h"
#include "publish/builder.h"

enum {
	ANSWER_MAX_CODES = 8,   /* codes an article discusses */
	ANSWER_MAX_HITS = 5,    /* search hits it takes when no family leads */
	ANSWER_SEARCH = 10,     /* hits searched */
	ANSWER_PRIMARIES = 12,  /* primary codes named before "and N more" */
	FAMILY_MAX = 6          /* a family this small is listed whole */
};

/* A CPT or HCPCS family: the codes that share the first four characters
 * and the kind of the fifth (77001-77003; 3470F is no sibling of 34701).
 * Writes "7700" plus '0' (digits) or the letter into key; false for other
 * codes. */
static bool family_key(const mc_search_hit *h, char key[6])
{
	size_t n = strlen(h->code);
	if (n != 5 || (strcmp(h->system, "cpt") != 0 && strcmp(h->system, "hcpcs") != 0))
		return false;
	memcpy(key, h->code, 4);
	key[4] = isdigit((unsigned char)h->code[4]) ? '0' : h->code[4];
	key[5] = '\0';
	return true;
}

/* Which hits answer.  Those of the best hit's system that score at least
 * half of it and hold nearly as much of the question as the best one
 * (coverage at least 3/4 of the best's: "type 2 diabetes with foot ulcer"
 * is no question about E11.9, which holds no ulcer).  Then, for CPT and
 * HCPCS, the family most of them share leads: when two or more belong to
 * one family, the answer is that family's codes (the question named a
 * kind of service, the family is its codes).  Returns the count of hit
 * indexes in idx; *lead is the leading family ("" when none). */
static size_t pick(const mc_search_result *r, size_t *idx, char lead[6])
{
	size_t n = 0;
	lead[0] = '\0';
	if (!r->n)
		return 0;
	const mc_search_hit *top = &r->hits[0];
	double best_cov = 0;
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->hits[i].system, top->system) && r->hits[i].coverage > best_cov)
			best_cov = r->hits[i].coverage;
	size_t cand[ANSWER_SEARCH];
	size_t nc = 0;
	for (size_t i = 0; i < r->n && nc < ANSWER_SEARCH; i++) {
		const mc_search_hit *h = &r->hits[i];
		if (strcmp(h->system, top->system) != 0)
			continue;
		if (top->score > 0 && h->score < top->score * 0.5)
			continue;
		if (h->coverage < best_cov * 0.75)
			continue;
		cand[nc++] = i;
	}
	/* the family most candidates share (ties: the better-ranked one) */
	size_t best_count = 1;
	for (size_t i = 0; i < nc; i++) {
		char k[6], k2[6];
		if (!family_key(&r->hits[cand[i]], k))
			continue;
		size_t count = 0;
		for (size_t j = 0; j < nc; j++)
			count += family_key(&r->hits[cand[j]], k2) && !strcmp(k, k2);
		if (count > best_count) {
			best_count = count;
			memcpy(lead, k, 6);
		}
	}
	for (size_t i = 0; i < nc; i++) {
		char k[6];
		if (lead[0] && !(family_key(&r->hits[cand[i]], k) && !strcmp(k, lead)))
			continue;
		if (n < (lead[0] ? (size_t)ANSWER_MAX_CODES : (size_t)ANSWER_MAX_HITS))
			idx[n++] = cand[i];
	}
	return n;
}

static const mc_rvu_item *base_rvu(const mc_code_record *c)
{
	for (size_t i = 0; i < c->nrvu; i++)
		if (!*c->rvu[i].mod)
			return &c->rvu[i];
	return c->nrvu ? &c->rvu[0] : NULL;
}

static const char *billable_text(int b)
{
	return b < 0 ? "n/a" : b ? "yes" : "no (header)";
}

/* "77002 is an add-on code; report it with one of its 77 primary codes
 * (10004, 10005, ... and 65 more)". */
static const char *addon_sentence(bld *b, const mc_code_record *c)
{
	if (!c->aoc_source.stream)
		return NULL; /* no add-on table loaded: missing */
	if (!c->naddon_primaries) {
		if (c->naddons)
			return pb_bprintf(b, "%s is not an add-on code; it is a primary code for %zu add-on code(s).",
					  c->code, c->naddons);
		return pb_bprintf(b, "%s is not listed as an add-on code in the NCCI add-on code edits.", c->code);
	}
	if (c->naddon_primaries == 1 && strcmp(c->addon_primaries[0].code, "CCCCC") == 0)
		return pb_bprintf(b, "%s is an add-on code (edit type %d) whose primary codes are defined by "
				  "the Medicare contractor (CCCCC in the NCCI add-on code edits).",
				  c->code, c->addon_primaries[0].edit_type);
	mc_buf list = MC_BUF_INIT;
	for (size_t i = 0; i < c->naddon_primaries && i < ANSWER_PRIMARIES; i++)
		mc_buf_printf(&list, "%s%s", i ? ", " : "", c->addon_primaries[i].code);
	if (c->naddon_primaries > ANSWER_PRIMARIES)
		mc_buf_printf(&list, " and %zu more", c->naddon_primaries - ANSWER_PRIMARIES);
	const char *s = pb_bprintf(b, "%s is an add-on code (edit type %d): report it with one of its %zu "
				   "primary code(s): %s.", c->code, c->addon_primaries[0].edit_type,
				   c->naddon_primaries, list.ptr ? list.ptr : "");
	mc_buf_release(&list);
	return s;
}

/* The reader's name of an instructional note kind; NULL for kinds an
 * answer leaves to the code page (inclusion terms, 7th characters). */
static const char *note_label(const char *kind)
{
	static const char *const k[][2] = {
		{ "use_additional", "Use additional code" }, { "code_first", "Code first" },
		{ "code_also", "Code also" }, { "excludes1", "Excludes1" }, { "excludes2", "Excludes2" },
	};
	for (size_t i = 0; kind && i < sizeof(k) / sizeof(k[0]); i++)
		if (!strcmp(kind, k[i][0]))
			return k[i][1];
	return NULL;
}

static void answer_sections(bld *b, const char *question, const mc_search_result *sr,
			    const mc_code_record *const *recs, size_t n)
{
	pb_section(b, "answer", "Answer");
	if (!n) {
		pb_text(b, NULL, NULL, NULL);
	} else {
		mc_buf t = MC_BUF_INIT;
		mc_buf_printf(&t, "%zu code(s) in the store answer this question, best match first:", n);
		for (size_t i = 0; i < n; i++) {
			const char *title = recs[i]->title_long ? recs[i]->title_long
				: recs[i]->title_short ? recs[i]->title_short : MC_PUB_MISSING;
			mc_buf_printf(&t, "%s %s (%s", i ? ";" : "", recs[i]->code, title);
			/* an abbreviated descriptor, spelled out beside it */
			char full[512];
			int k = recs[i]->title_long ? -1 : mc_search_expand_abbrev(full, sizeof(full), title, NULL);
			if (k > 0 && (size_t)k < sizeof(full) && strcmp(full, title) != 0)
				mc_buf_printf(&t, "; that is, %s", full);
			mc_buf_puts(&t, ")");
		}
		mc_buf_puts(&t, ".");
		pb_text(b, NULL, t.ptr ? pb_bdup(b, t.ptr) : NULL, pb_cite(b, &recs[0]->source));
		mc_buf_release(&t);
	}
	pb_text(b, "Question", pb_bdup(b, question), "question as asked");
	pb_text(b, "Searched as", pb_bdup(b, sr->interpreted), "medcode search");

	static const char *const cols[] = { "Code", "Descriptor", "Billable", "State", "Global days" };
	pb_section(b, "codes", "Codes and descriptors");
	pb_table t = pb_tbl(b, NULL, 5, cols);
	for (size_t i = 0; i < n; i++) {
		const mc_code_record *c = recs[i];
		const mc_rvu_item *rv = base_rvu(c);
		pb_row(b, &t, pb_cite(b, &c->source),
		       (const char *[]){ c->code, c->title_long ? c->title_long : c->title_short,
					 billable_text(c->billable), c->state,
					 rv ? rv->field[MC_RVU_GLOBAL] : NULL });
	}
	pb_tbl_end(b, &t);

	/* The tabular instructions that come with each code: what else to
	 * code with it ("use additional code to identify site of ulcer
	 * (L97.4-, L97.5-)"), what to code first, what it excludes. */
	pb_section(b, "notes", "Coding instructions");
	size_t nnotes = 0;
	for (size_t i = 0; i < n; i++) {
		const mc_code_record *c = recs[i];
		for (size_t k = 0; k < c->nnotes; k++) {
			const char *label = note_label(c->notes[k].kind);
			if (!label)
				continue;
			pb_text(b, c->code, pb_bprintf(b, "%s: %s", label, c->notes[k].text),
				pb_cite(b, &c->notes_source));
			nnotes++;
		}
	}
	if (!nnotes)
		pb_text(b, NULL, NULL, NULL);

	pb_section(b, "addon", "Add-on codes and their primary codes");
	if (!n)
		pb_text(b, NULL, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		pb_text(b, recs[i]->code, addon_sentence(b, recs[i]), pb_cite(b, &recs[i]->aoc_source));

	pb_section(b, "bundling", "Bundling (NCCI procedure-to-procedure edits)");
	if (!n)
		pb_text(b, NULL, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		const mc_code_record *c = recs[i];
		const char *s = c->ptp_source.stream
			? pb_bprintf(b, "%zu procedure-to-procedure edit(s) name %s on this date.", c->ptp_total, c->code)
			: NULL;
		pb_text(b, c->code, s, pb_cite(b, &c->ptp_source));
	}

	static const char *const icols[] = { "Code", "Indicator", "Value", "Meaning" };
	pb_section(b, "indicators", "Fee-schedule indicators and units");
	pb_table it = pb_tbl(b, "Payment-policy indicators", 4, icols);
	for (size_t i = 0; i < n; i++) {
		const mc_rvu_item *rv = base_rvu(recs[i]);
		if (!rv)
			continue;
		const char *src = pb_cite(b, &recs[i]->rvu_source);
		for (size_t k = 0; k < rv->nindicators; k++)
			pb_row(b, &it, src, (const char *[]){ recs[i]->code, rv->indicators[k].field,
							      rv->indicators[k].value, rv->indicators[k].meaning });
	}
	pb_tbl_end(b, &it);
	static const char *const mcols[] = { "Code", "Service type", "MUE units", "Adjudication" };
	pb_table mt = pb_tbl(b, "Medically unlikely edits", 4, mcols);
	for (size_t i = 0; i < n; i++) {
		const mc_code_record *c = recs[i];
		const char *src = pb_cite(b, &c->mue_source);
		for (size_t k = 0; k < c->nmue; k++)
			pb_row(b, &mt, src, (const char *[]){ c->code, c->mue[k].service_type,
							      pb_bprintf(b, "%ld", c->mue[k].units),
							      c->mue[k].mai_desc });
	}
	pb_tbl_end(b, &mt);
	pb_sources(b);
}

int mc_publish_answer(mc_publisher *p, mc_searcher *q, const char *question, mc_pub_doc **out,
		      mc_error *err)
{
	*out = NULL;
	if (!question || !*question)
		return mc_error_set(err, MC_EINVAL, "empty question");
	mc_search_result sr;
	mc_search_opts so = { 0 };
	so.limit = ANSWER_SEARCH;
	int rc = mc_search(q, question, &so, &sr, err);
	if (rc < 0) {
		mc_search_result_release(&sr);
		return rc;
	}
	size_t idx[ANSWER_MAX_CODES];
	char lead[6];
	size_t nhits = pick(&sr, idx, lead);
	/* the codes to discuss: the hits picked, then the rest of a small
	 * leading family from the store (77002 beside 77001 and 77003) */
	char codes[ANSWER_MAX_CODES][16];
	size_t n = 0;
	mc_system sys = sr.n ? mc_system_from_name(sr.hits[0].system) : MC_SYS_NONE;
	for (size_t i = 0; i < nhits; i++)
		snprintf(codes[n++], sizeof(codes[0]), "%s", sr.hits[idx[i]].code);
	if (lead[0] && isdigit((unsigned char)lead[4])) {
		char range[32];
		snprintf(range, sizeof(range), "%.4s0-%.4s9", lead, lead);
		mc_lookup_opts fo = { p->date, sys, FAMILY_MAX + 1, true };
		mc_lookup_result fam;
		rc = mc_lookup(p->s, range, &fo, &fam, err);
		size_t active = 0;
		for (size_t k = 0; rc == 0 && k < fam.n; k++)
			active += strcmp(fam.items[k].state, "active") == 0;
		for (size_t k = 0; rc == 0 && !fam.truncated && active <= FAMILY_MAX && k < fam.n &&
				   n < ANSWER_MAX_CODES; k++) {
			const mc_code_record *c = &fam.items[k];
			bool have = false;
			for (size_t j = 0; j < n; j++)
				have |= strcmp(codes[j], c->code) == 0;
			if (!have && strcmp(c->state, "active") == 0)
				snprintf(codes[n++], sizeof(codes[0]), "%s", c->code);
		}
		mc_lookup_result_release(&fam);
		if (rc < 0) {
			mc_search_result_release(&sr);
			return rc;
		}
	}
	mc_arena *a = mc_calloc(1, sizeof(*a));
	mc_pub_doc *d = a ? mc_arena_alloc(a, sizeof(*d)) : NULL;
	mc_pub_section *secs = d ? mc_arena_alloc(a, MAX_SECTIONS * sizeof(*secs)) : NULL;
	mc_lookup_result *res = secs ? mc_calloc(n ? n : 1, sizeof(*res)) : NULL;
	if (!res) {
		if (a) {
			mc_arena_release(a);
			mc_free(a);
		}
		mc_search_result_release(&sr);
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	}
	d->arena_ = a;
	d->sections = secs;
	d->lookup_ = res;
	mc_findings_init(&d->findings);
	bld b = { p, a, d, err, 0, 0, NULL, NULL };
	/* Each answering code's full record, as of the publisher's date; a
	 * code the store does not hold in force is left out. */
	const mc_code_record *recs[ANSWER_MAX_CODES];
	size_t nrec = 0;
	bool cpt = false;
	for (size_t i = 0; i < n && b.rc == 0; i++) {
		mc_lookup_opts o = { p->date, sys, 4, false };
		rc = mc_lookup(p->s, codes[i], &o, &res[d->nlookups_], err);
		d->nlookups_++;
		if (rc < 0) {
			b.rc = rc;
			break;
		}
		for (size_t k = 0; k < res[d->nlookups_ - 1].n; k++) {
			const mc_code_record *c = &res[d->nlookups_ - 1].items[k];
			if (strcmp(c->state, "active") == 0 && strcmp(c->code, codes[i]) == 0) {
				recs[nrec++] = c;
				cpt |= strcmp(c->system, "cpt") == 0;
				break;
			}
		}
	}
	d->kind = "answer";
	d->system = "Question";
	d->code = "";
	d->title = pb_bdup(&b, question);
	d->date = pb_bdup(&b, p->date);
	d->notice = cpt ? PUB_AMA_NOTICE : NULL;
	d->ncodes_found = nrec;
	if (b.rc == 0)
		answer_sections(&b, question, &sr, recs, nrec);
	mc_search_result_release(&sr);
	if (b.rc < 0) {
		rc = b.rc;
		mc_pub_doc_free(d);
		return rc;
	}
	*out = d;
	return 0;
}
