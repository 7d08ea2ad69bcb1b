/* The word lists of the rules, as data: data/phi_words.tsv (embedded at
 * build time) names each list's class, its words and why the rules need
 * it.  A class without "w_" sets a dictionary flag on its words (D_*);
 * a "w_" class is a word class (W_*) kept in a small table of its own,
 * tested by a rule at one token (rules.h: wclass). */
#include <string.h>

#include "phi/phi_int.h"

extern const unsigned char mc_embedded_phi_words[];
extern const size_t mc_embedded_phi_words_len;

static const struct {
	const char *name;
	uint32_t flag;
} flag_classes[] = {
	{ "street", D_STREET }, { "street_start", D_STREET_START }, { "particle", D_PARTICLE },
	{ "unit", D_UNIT }, { "state", D_STATE }, { "title", D_TITLE }, { "cue", D_CUE },
	{ "degree", D_DEGREE }, { "place_cue", D_PLACE_CUE }, { "org_suffix", D_ORG_SUFFIX },
	{ "generic", D_GENERIC }, { "eponym_noun", D_EPONYM_NOUN }, { "not_place", D_NOT_PLACE },
	{ "country", D_COUNTRY }, { "month", D_MONTH }, { "stop", D_STOP }, { "relation", D_RELATION },
	{ "aux", D_AUX }, { "cue_word", D_CUE_WORD }, { "city_verb", D_CITY_VERB },
	{ "org_verb", D_ORG_VERB }, { "addr_verb", D_ADDR_VERB }, { "addr_label", D_ADDR_LABEL },
	{ "city", D_CITY },
};

static const char *const word_classes[W_COUNT] = {
	[W_DOSE_UNIT] = "w_dose_unit", [W_RX_VERB] = "w_rx_verb", [W_PERSON_IS] = "w_person_is",
	[W_PERSON_VERB] = "w_person_verb", [W_BY_VERB] = "w_by_verb", [W_ID_WORD] = "w_id_word",
	[W_WARD_AFTER] = "w_ward_after", [W_WARD_BEFORE] = "w_ward_before", [W_TOWN_PREFIX] = "w_town_prefix",
	[W_TOWN_PREFIX_CAP] = "w_town_prefix_cap", [W_TOWN_PREFIX_LOWER] = "w_town_prefix_lower",
	[W_STREET_SHORT] = "w_street_short", [W_COMPASS] = "w_compass", [W_FLAT] = "w_flat",
	[W_COUNT_NOUN] = "w_count_noun", [W_AGE_UNIT_AFTER] = "w_age_unit_after", [W_DATE_WORD] = "w_date_word",
	[W_MD_UNIT_AFTER] = "w_md_unit_after", [W_MONTH_BEFORE] = "w_month_before", [W_AGE_YEAR] = "w_age_year",
	[W_AGE_BEFORE] = "w_age_before", [W_MD_NOT_BEFORE] = "w_md_not_before", [W_MD_NOT_AFTER] = "w_md_not_after",
	[W_NTH_COUNTED] = "w_nth_counted", [W_MD_DATE_BEFORE] = "w_md_date_before",
	[W_ORG_SUFFIX_STRONG] = "w_org_suffix_strong", [W_ROLE] = "w_role", [W_VENT] = "w_vent",
};

_Static_assert(W_COUNT <= 64, "word classes fit a 64-bit mask");

int phi_words_add(phi_words *w, const char *word, size_t n, uint64_t cls)
{
	if (n == 0 || n > 64)
		return 0;
	uint32_t at = phi_dict_get(&w->dict, word, n);
	if (at) {
		w->mask[at - 1] |= cls;
		return 0;
	}
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		uint64_t *m = mc_realloc(w->mask, cap * sizeof(*m));
		if (!m)
			return MC_ENOMEM;
		w->mask = m;
		w->cap = cap;
	}
	if (phi_dict_add(&w->dict, word, n, (uint32_t)(w->n + 1), 0) < 0)
		return MC_ENOMEM;
	w->mask[w->n++] = cls;
	return 0;
}

uint64_t phi_words_get_k(const phi_words *w, const char *word, size_t n, phi_key k)
{
	uint32_t at = phi_dict_get_k(&w->dict, word, n, k);
	return at ? w->mask[at - 1] : 0;
}

uint64_t phi_words_get(const phi_words *w, const char *word, size_t n)
{
	return phi_words_get_k(w, word, n, phi_dict_key(word, n));
}

void phi_words_release(phi_words *w)
{
	phi_dict_release(&w->dict);
	mc_free(w->mask);
	memset(w, 0, sizeof(*w));
}

/* The words of one list: space-separated, each added with its class. */
static int add_list(phi_dict *d, phi_words *w, const char *words, uint32_t flag, uint64_t cls)
{
	for (const char *p = words; *p;) {
		while (*p == ' ')
			p++;
		const char *q = p;
		while (*q && *q != ' ')
			q++;
		size_t n = (size_t)(q - p);
		if (n && (flag ? phi_dict_add(d, p, n, flag, 0) : phi_words_add(w, p, n, cls)) < 0)
			return MC_ENOMEM;
		p = q;
	}
	return 0;
}

int phi_words_load(phi_dict *d, phi_words *w, mc_error *err)
{
	mc_csv r;
	mc_csv_row row;
	mc_csv_init(&r, (const char *)mc_embedded_phi_words, mc_embedded_phi_words_len, '\t', false);
	int rc;
	while ((rc = mc_csv_next(&r, &row, NULL)) == 1) {
		if (row.count < 2 || row.field[0][0] == '#')
			continue;
		const char *cls = row.field[0];
		uint32_t flag = 0;
		uint64_t bits = 0;
		for (size_t k = 0; k < sizeof(flag_classes) / sizeof(flag_classes[0]) && !flag; k++)
			if (strcmp(flag_classes[k].name, cls) == 0)
				flag = flag_classes[k].flag;
		for (unsigned k = 0; k < W_COUNT && !flag && !bits; k++)
			if (strcmp(word_classes[k], cls) == 0)
				bits = WC(k);
		if (!flag && !bits) {
			mc_csv_release(&r);
			return mc_error_set(err, MC_EFORMAT, "phi_words.tsv:%zu: unknown class '%s'", row.line, cls);
		}
		if ((rc = add_list(d, w, row.field[1], flag, bits)) < 0)
			break;
	}
	mc_csv_release(&r);
	return rc < 0 ? mc_error_set(err, MC_ENOMEM, "out of memory loading word lists") : 0;
}
