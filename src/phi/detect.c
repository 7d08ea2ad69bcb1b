/* Detection: the patterns (patterns.c, shapes.c), then the token rules
 * of each family (rules.h says which file holds which), then name
 * propagation, then one merge into sorted, non-overlapping spans with
 * code-point offsets.  This file decides which rule runs at which token. */
#include "phi/rules.h"

/* The rules of the second pass, token by token: each starts at a
 * capitalised word, a number, a place or month word, a word before a
 * short number, a word of one to three letters, or ninety/hundred, and
 * most take the token (no later rule then reads it).  Kept out of
 * mc_phi_detect: inlined there, it pushed the place rules out of line and
 * cost 2 % more instructions on generated notes. */
static __attribute__((noinline)) int second_pass(view *v)
{
	int rc = 0;
	for (size_t i = 0; i < v->n && rc >= 0; i++) {
		const mc_token *t = &v->t[i];
		uint32_t tf = t->flags;
		if (tf & (MC_TOK_PUNCT | MC_TOK_OTHER))
			continue;
		if ((tf & MC_TOK_NL) && !v->name[i] && (rc = phi_line_name_rule(v, &i)) != 0)
			continue;
		if (!(tf & (MC_TOK_CAP | MC_TOK_DIGIT)) && !(v->df[i] & (D_PLACE_CUE | D_MONTH)) && !is_num(v, i + 1, 2)) {
			/* a lower-case word: an initial before '.', initials before ',' or a
			 * degree, or ninety/hundred; nothing else starts here */
			size_t n = tlen(v, i);
			bool maybe = (n <= 3 && i + 1 < v->n &&
				      ((v->t[i + 1].flags & MC_TOK_PUNCT) ? (v->s[v->t[i + 1].start] == '.' && n == 1) ||
										v->s[v->t[i + 1].start] == ','
									      : (v->df[i + 1] & D_DEGREE) != 0)) ||
				     ((n == 6 || n == 7) && ((v->s[t->start] | 0x20) == 'n' || (v->s[t->start] | 0x20) == 'h'));
			if (!maybe) {
				/* a quoted first name or a saint's organisation: most words have
				 * a space before them and no 's', so they are tested first */
				if ((n >= 4 && i > 0 && v->t[i - 1].end == t->start) ||
				    ((n == 2 || n == 5) && (v->s[t->start] | 0x20) == 's')) {
					rc = phi_quoted_name_rule(v, i);
					if (rc == 0)
						rc = phi_saint_org_rule(v, &i);
				}
				continue;
			}
		}
		if (tf & MC_TOK_DIGIT) {
			rc = phi_number_rules(v, &i);
			continue;
		}
		if ((rc = phi_ward_rule(v, i)) != 0 || (rc = phi_age_decade_rule(v, &i)) != 0 ||
		    (rc = phi_town_rule(v, i)) != 0 || (rc = phi_town_state_rule(v, i)) != 0 ||
		    (rc = phi_month_day_rule(v, &i)) != 0 || (rc = phi_month_alone_rule(v, i)) != 0 ||
		    (rc = phi_age_words_rule(v, &i)) != 0)
			continue;
		rc = phi_signature_rules(v, &i);
	}
	return rc < 0 ? rc : 0;
}

int phi_lower_word(view *v, size_t i)
{
	if (!v->lower) {
		size_t words = 0;
		for (size_t k = 0; k < v->n; k++)
			words += is_word(v, k) && !(v->t[k].flags & MC_TOK_CAP);
		size_t cap = 16;
		while (cap < 2 * words + 2)
			cap *= 2;
		v->lower = mc_calloc(cap, sizeof(*v->lower));
		if (!v->lower)
			return MC_ENOMEM;
		v->lower_cap = cap;
		for (size_t k = 0; k < v->n; k++) {
			if (!is_word(v, k) || (v->t[k].flags & MC_TOK_CAP))
				continue;
			uint64_t h = v->key[k].h | 1;
			size_t j = (size_t)h & (cap - 1);
			while (v->lower[j] && v->lower[j] != h)
				j = (j + 1) & (cap - 1);
			v->lower[j] = h;
		}
	}
	uint64_t h = v->key[i].h | 1;
	for (size_t j = (size_t)h & (v->lower_cap - 1); v->lower[j]; j = (j + 1) & (v->lower_cap - 1))
		if (v->lower[j] == h)
			return 1;
	return 0;
}

/* Lines written in capitals ("PT IS 90 YO, LIVES ALONE"): three or more
 * words of two letters or more, three in four of them all capitals; in a
 * text mostly in capitals (three words in five), every line with no word
 * in lower case.  Tokens [a, b) are one line with these counts. */
static void mark_shouting(view *v, size_t a, size_t b, size_t words, size_t upper, bool text_upper)
{
	if ((upper >= 3 && upper * 4 >= words * 3) || (text_upper && upper == words))
		for (size_t k = a; k < b; k++)
			v->st[k] |= ST_SHOUT;
}

/* Case in text written in capitals says nothing: a word there is read as
 * if it were in lower case (its CAP and UPPER flags are cleared), so that
 * "PACER", "VERY" or "BOLUS" are what "pacer", "very" and "bolus" are, and
 * the rules for notes typed in lower case apply.  Nor does lower case in a
 * note typed in lower case (most of its sentences open in lower case).
 * Both are ST_CASELESS: there a proper name is told by the word lists
 * (rules.h, proper).  An acronym of the clinical list in capitals is
 * clinical first ("GRACE score"). */
static void read_case(view *v, mc_token *tok)
{
	size_t n = v->n, line = 0, words = 0, upper = 0, all = 0, all_upper = 0, starts = 0, lower_starts = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t tf = tok[i].flags;
		if ((tf & MC_TOK_ALPHA) && (v->df[i] & D_ACRONYM) && (tf & MC_TOK_UPPER))
			v->df[i] |= D_MEDICAL; /* "GRACE score", not "Grace" */
		if ((tf & MC_TOK_ALPHA) && !(tf & MC_TOK_DIGIT) && tok[i].end - tok[i].start >= 2) {
			all++;
			all_upper += (tf & MC_TOK_UPPER) != 0;
			if (tf & (MC_TOK_SENT | MC_TOK_NL)) {
				starts++;
				lower_starts += !(tf & MC_TOK_CAP);
			}
		}
	}
	bool text_lower = starts >= 2 && lower_starts * 2 >= starts;
	/* clinical prose: 150 words or more, one in six of four letters or
	 * more a clinical word (a case report, a discharge summary) */
	size_t long_words = 0, clinical = 0;
	for (size_t i = 0; i < n; i++)
		if ((tok[i].flags & MC_TOK_ALPHA) && tok[i].end - tok[i].start >= 4) {
			long_words++;
			clinical += (v->df[i] & (D_CLINICAL | D_MEDICAL)) != 0;
		}
	v->clinical_prose = all >= 150 && clinical * 6 >= long_words;
	bool text_upper = all_upper * 5 >= all * 3 && all_upper >= 3;
	for (size_t i = 0; i < n; i++) {
		uint32_t tf = tok[i].flags;
		if (tf & MC_TOK_NL) {
			mark_shouting(v, line, i, words, upper, text_upper);
			line = i, words = upper = 0;
		}
		if ((tf & MC_TOK_ALPHA) && tok[i].end - tok[i].start >= 2) {
			words++;
			upper += (tf & MC_TOK_UPPER) != 0;
		}
	}
	mark_shouting(v, line, n, words, upper, text_upper);
	for (size_t i = 0; i < n; i++) {
		if ((tok[i].flags & MC_TOK_UPPER) && tok[i].end - tok[i].start >= 2)
			v->st[i] |= ST_WAS_UPPER;
		if (v->st[i] & ST_SHOUT) {
			tok[i].flags &= ~(uint32_t)(MC_TOK_CAP | MC_TOK_UPPER);
			v->st[i] |= ST_CASELESS;
		} else if (text_lower && !(tok[i].flags & MC_TOK_CAP)) {
			v->st[i] |= ST_CASELESS;
		}
	}
}

int mc_phi_detect(mc_phi_doc *d, const char *text, size_t len, mc_phi_result *out, mc_error *err)
{
	out->n = 0;
	d->ncands = 0;
	int rc = phi_patterns_scan(d, text, len, err); /* tokenizes into d->tok too */
	if (rc < 0)
		return rc;
	size_t n = d->tok.n;
	mc_buf_clear(&d->scratch);
	size_t need = n * (sizeof(phi_key) + sizeof(uint32_t) + 2) + 8;
	if (mc_buf_grow(&d->scratch, need) < 0)
		return mc_error_set(err, MC_ENOMEM, "out of memory finding names");
	view v = { d, &d->phi->dict, text, len, d->tok.v, n, NULL, NULL, NULL, NULL, (size_t)-1, false, NULL, 0 };
	phi_key *key = (phi_key *)(void *)d->scratch.ptr;
	v.key = key;
	v.df = (uint32_t *)(key + n);
	v.name = (unsigned char *)(v.df + n);
	v.st = v.name + n;
	/* dictionary flags of every word; then, per word, what they make of
	 * it, and the lines written in capitals */
	phi_dict_lookup_tokens(v.dict, text, len, d->tok.v, n, key, v.df);
	memset(v.name, 0, 2 * n);
	read_case(&v, d->tok.v);
	size_t drugs[16], ndrugs = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t tf = d->tok.v[i].flags;
		if (!(tf & MC_TOK_ALPHA))
			continue;
		/* (a word in lower case that no name list knows has none: most words) */
		if ((tf & MC_TOK_CAP) || (v.df[i] & (D_FIRST | D_LAST)))
			v.st[i] |= (unsigned char)phi_word_strength(&v, i);
		/* a word no list knows, used as a drug here, is one everywhere in the text */
		if (!(v.st[i] & 3) && (tf & MC_TOK_CAP) && !(tf & (MC_TOK_UPPER | MC_TOK_DIGIT)) && !v.df[i] && ndrugs < 16 &&
		    tlen(&v, i) >= 4 && phi_drug_use(&v, i, true))
			drugs[ndrugs++] = i;
	}
	for (size_t i = 0; ndrugs && i < n; i++)
		for (size_t k = 0; k < ndrugs && (v.st[i] & 3) == 1; k++)
			if (v.key[i].h == v.key[drugs[k]].h && v.key[i].k8 == v.key[drugs[k]].k8 &&
			    tlen(&v, i) == tlen(&v, drugs[k]))
				v.st[i] &= (unsigned char)~3u;
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* the place and address rules start only at a number, a capitalised
		 * word or one of their cue words: skip the rest fast */
		if (!(v.t[i].flags & (MC_TOK_DIGIT | MC_TOK_CAP)) && !place_cue_word(&v, i) && !(v.df[i] & D_ORG_SUFFIX))
			continue;
		size_t skip = i;
		rc = phi_address_rule(&v, i, &skip);
		if (rc == 0 && skip == i && is_word(&v, i))
			rc = phi_address_cue_rule(&v, i, &skip);
		if (rc == 0 && skip == i && (v.t[i].flags & MC_TOK_DIGIT))
			rc = phi_postcode_rule(&v, i);
		if (rc == 0 && skip == i)
			rc = phi_unit_rule(&v, i);
		if (rc == 0 && skip == i)
			rc = phi_org_rule(&v, i, &skip);
		if (rc == 0 && is_word(&v, i))
			rc = phi_place_rules(&v, i);
		if (rc == 0 && is_word(&v, i) && (v.df[i] & D_CITY) && (v.t[i].flags & MC_TOK_CAP))
			rc = phi_cand_add(d, v.t[i].start, v.t[i].end, MC_PHI_CITY, PRI_TOWN, R_CITY_LISTED);
		i = skip;
	}
	if (rc == 0)
		rc = phi_name_rules(&v);
	if (rc == 0)
		rc = phi_coordination(&v);
	if (rc == 0)
		rc = second_pass(&v);
	if (rc == 0)
		rc = phi_propagate(&v);
	if (rc == 0)
		rc = phi_place_propagate(&v);
	if (rc == 0)
		rc = phi_merge(d, text, len, out);
	mc_wipe(d->scratch.ptr, need);
	if (v.lower) {
		mc_wipe(v.lower, v.lower_cap * sizeof(*v.lower));
		mc_free(v.lower);
	}
	if (d->ncands)
		mc_wipe(d->cands, d->ncands * sizeof(phi_cand));
	d->ncands = 0;
	if (rc < 0) {
		out->n = 0;
		return mc_error_set(err, MC_ENOMEM, "out of memory finding identifiers");
	}
	return 0;
}
