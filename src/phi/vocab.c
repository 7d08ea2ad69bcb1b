/* Clinical vocabulary from outside the library (the code store's titles
 * and index terms): every word is marked D_CLINICAL; one that no other
 * list knows is a clinical term the name rules never take for a name
 * (phi_vocab_only), one that a name list knows keeps its rules. */
#include <string.h>

#include "phi/phi_int.h"

int mc_phi_add_vocabulary(mc_phi *p, const char *text, size_t len, mc_error *err)
{
	if (!p || (!text && len))
		return mc_error_set(err, MC_EINVAL, "no redactor or no text for the vocabulary");
	/* without the name lists a surname in the vocabulary (Wilson's
	 * disease) could not be told from a clinical word: add nothing */
	if (p->nnames == 0)
		return 0;
	mc_tokens *t = &p->vtok; /* kept for the next call: one allocation */
	int rc = mc_text_tokenize(t, text, len, err);
	for (size_t i = 0; rc == 0 && i < t->n; i++) {
		uint32_t tf = t->v[i].flags;
		if (!(tf & MC_TOK_ALPHA) || (tf & (MC_TOK_DIGIT | MC_TOK_PUNCT | MC_TOK_OTHER)))
			continue;
		const char *w = text + t->v[i].start;
		size_t n = t->v[i].end - t->v[i].start;
		n = phi_dict_key_len(w, n); /* as detection looks words up: "Crohn's" is "crohn" */
		if (n > 64 || memchr(w, '\'', n) || mc_text_cp_count(w, n) < 4)
			continue;
		/* (counted when no other list knows the word: a new clinical term) */
		uint32_t f = phi_dict_get(&p->dict, w, n);
		rc = phi_dict_add(&p->dict, w, n, D_CLINICAL, 0);
		if (rc == 0 && !(f & ~(uint32_t)D_CONTEXT))
			p->nvocab++;
	}
	if (rc < 0)
		return mc_error_set(err, MC_ENOMEM, "out of memory adding vocabulary");
	return 0;
}

size_t mc_phi_vocabulary_size(const mc_phi *p)
{
	return p ? p->nvocab : 0;
}
