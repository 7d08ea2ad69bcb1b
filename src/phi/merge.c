/* Candidates and their merge: every rule adds candidate spans; overlapping
 * ones (and names separated by spaces only) become one span whose type is
 * that of the candidate with the highest priority (enum phi_prio). */
#include <stdlib.h>

#include "phi/phi_int.h"

static const char *const rule_names[R_END - R_FIRST] = {
	[R_NAME_TITLE - R_FIRST] = "name.title",
	[R_NAME_CUE - R_FIRST] = "name.cue",
	[R_NAME_ROLE - R_FIRST] = "name.role",
	[R_NAME_RELATION - R_FIRST] = "name.relation",
	[R_NAME_RUN - R_FIRST] = "name.run",
	[R_NAME_ALONE - R_FIRST] = "name.alone",
	[R_NAME_UNKNOWN - R_FIRST] = "name.unknown",
	[R_NAME_LISTED - R_FIRST] = "name.listed",
	[R_NAME_PROPAGATED - R_FIRST] = "name.propagated",
	[R_NAME_QUOTED - R_FIRST] = "name.quoted",
	[R_NAME_LINE - R_FIRST] = "name.line",
	[R_NAME_SIGNATURE - R_FIRST] = "name.signature",
	[R_NAME_INITIALS - R_FIRST] = "name.initials",
	[R_NAME_SIGN_OFF - R_FIRST] = "name.sign_off",
	[R_PLACE_CUE - R_FIRST] = "place.cue",
	[R_ORG_SUFFIX - R_FIRST] = "place.org_suffix",
	[R_SAINT_ORG - R_FIRST] = "place.saint_org",
	[R_WARD - R_FIRST] = "place.ward",
	[R_TOWN - R_FIRST] = "place.town",
	[R_TOWN_LOWER - R_FIRST] = "place.town_lower",
	[R_TOWN_STATE - R_FIRST] = "place.town_state",
	[R_CITY_LISTED - R_FIRST] = "place.city_listed",
	[R_PLACE_PROPAGATED - R_FIRST] = "place.propagated",
	[R_ADDRESS - R_FIRST] = "address.street",
	[R_ADDRESS_ORDINAL - R_FIRST] = "address.ordinal_street",
	[R_ADDRESS_CUE - R_FIRST] = "address.cue",
	[R_POSTCODE - R_FIRST] = "address.postcode",
	[R_POSTCODE_TOWN - R_FIRST] = "address.postcode_town",
	[R_UNIT - R_FIRST] = "address.unit",
	[R_AGE_PERSON - R_FIRST] = "number.age_person",
	[R_AGE_DECADE - R_FIRST] = "number.age_decade",
	[R_AGE_WORDS - R_FIRST] = "number.age_words",
	[R_ACCESSION - R_FIRST] = "number.accession",
	[R_DATE_MD_WORD - R_FIRST] = "number.date_md_word",
	[R_MONTH_ALONE - R_FIRST] = "number.month_alone",
	[R_DATE_MONTH_YEAR - R_FIRST] = "number.month_year",
};

const char *phi_rule_name(int rule)
{
	if (rule >= 0 && rule < PAT_COUNT)
		return phi_pattern_name((unsigned)rule);
	if (rule >= R_FIRST && rule < R_END && rule_names[rule - R_FIRST])
		return rule_names[rule - R_FIRST];
	return "?";
}

int phi_cand_add(mc_phi_doc *d, size_t start, size_t end, int type, phi_prio prio, int rule)
{
	if (end <= start)
		return 0;
	if (d->ncands == d->capcands) {
		size_t cap = d->capcands ? d->capcands * 2 : 64;
		phi_cand *v = mc_realloc(d->cands, cap * sizeof(*v));
		if (!v)
			return MC_ENOMEM;
		d->cands = v;
		d->capcands = cap;
	}
	((phi_cand *)d->cands)[d->ncands++] = (phi_cand){ start, end, type, (int)prio, rule };
	return 0;
}

static int cmp_cand(const void *a, const void *b)
{
	const phi_cand *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return y->prio - x->prio;
}

static bool only_space(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

int phi_merge(mc_phi_doc *d, const char *s, size_t len, mc_phi_result *out)
{
	phi_cand *c = d->cands;
	if (d->ncands > 48) {
		qsort(c, d->ncands, sizeof(*c), cmp_cand); /* glibc's is a stable merge sort */
	} else {
		/* few candidates, mostly in order already: a stable insertion sort */
		for (size_t k = 1; k < d->ncands; k++) {
			phi_cand x = c[k];
			size_t m = k;
			for (; m > 0 && cmp_cand(&c[m - 1], &x) > 0; m--)
				c[m] = c[m - 1];
			c[m] = x;
		}
	}
	out->n = 0;
	size_t i = 0;
	while (i < d->ncands) {
		size_t a = c[i].start, b = c[i].end;
		int type = c[i].type, prio = c[i].prio, rule = c[i].rule;
		size_t j = i + 1;
		for (; j < d->ncands; j++) {
			bool overlap = c[j].start < b;
			bool glue = !overlap && c[j].type == type && type == MC_PHI_NAME && c[j].type == MC_PHI_NAME &&
				    only_space(s, b, c[j].start);
			if (!overlap && !glue)
				break;
			if (c[j].end > b)
				b = c[j].end;
			if (c[j].prio > prio) {
				prio = c[j].prio;
				type = c[j].type;
				rule = c[j].rule;
			}
		}
		i = j;
		if (b > len)
			b = len;
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 16;
			mc_phi_span *v = mc_realloc(out->spans, cap * sizeof(*v));
			if (!v)
				return MC_ENOMEM;
			out->spans = v;
			out->cap = cap;
		}
		out->spans[out->n++] = (mc_phi_span){ a, b, 0, 0, (mc_phi_type)type, phi_rule_name(rule) };
	}
	/* code points */
	size_t pos = 0, cp = 0;
	for (size_t k = 0; k < out->n; k++) {
		mc_phi_span *sp = &out->spans[k];
		cp += mc_text_cp_count(s + pos, sp->start - pos);
		sp->cp_start = cp;
		cp += mc_text_cp_count(s + sp->start, sp->end - sp->start);
		sp->cp_end = cp;
		pos = sp->end;
	}
	return 0;
}
