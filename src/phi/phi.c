/* mc_phi and mc_phi_doc life cycle, result helpers, type names. */
#include <sodium.h>
#include <string.h>

#include "phi/phi_int.h"

static const char *const type_names[MC_PHI_NTYPES] = {
	"NAME", "DATE", "AGE", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT",
	"LICENSE", "VEHICLE", "DEVICE", "URL", "IP", "BIOMETRIC", "ADDRESS", "ZIP", "CITY",
	"STATE", "COUNTRY", "ORGANIZATION", "ID", "OTHER"
};

const char *mc_phi_type_name(mc_phi_type t)
{
	return (unsigned)t < MC_PHI_NTYPES ? type_names[t] : "OTHER";
}

void mc_phi_result_init(mc_phi_result *r)
{
	r->spans = NULL;
	r->n = r->cap = 0;
}

void mc_phi_result_release(mc_phi_result *r)
{
	mc_free(r->spans);
	mc_phi_result_init(r);
}

void phi_hash(const unsigned char key[32], const char *tag, const void *data, size_t len,
	      unsigned char *out, size_t n)
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, key, 32, n);
	crypto_generichash_update(&st, (const unsigned char *)tag, strlen(tag) + 1);
	crypto_generichash_update(&st, data, len);
	crypto_generichash_final(&st, out, n);
	mc_wipe(&st, sizeof(st));
}

int mc_phi_new(mc_phi **out, const mc_phi_opts *opts, mc_error *err)
{
	*out = NULL;
	if (sodium_init() < 0)
		return mc_error_set(err, MC_EINVAL, "libsodium failed to start");
	mc_phi *p = mc_calloc(1, sizeof(*p));
	if (!p)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	int rc = phi_patterns_compile(&p->scan, false, err);
	if (rc == 0)
		rc = phi_words_load(&p->dict, &p->words, err);
	if (rc == 0)
		rc = phi_dict_load(&p->dict, opts, &p->nwords, &p->nclinical, err);
	if (rc == 0 && opts && opts->names_dir && *opts->names_dir)
		rc = phi_load_name_dir(p, opts->names_dir, err);
	if (rc < 0) {
		mc_phi_free(p);
		return rc;
	}
	if (opts && opts->key) {
		crypto_generichash(p->key, sizeof(p->key), (const unsigned char *)opts->key,
				   strlen(opts->key), NULL, 0);
		p->has_key = true;
	}
	p->shift_dates = opts && opts->shift_dates;
	p->keep_weekday = opts && opts->keep_weekday;
	*out = p;
	return 0;
}

void mc_phi_free(mc_phi *p)
{
	if (!p)
		return;
	mc_scanner_free(p->scan);
	phi_dict_release(&p->dict);
	phi_words_release(&p->words);
	mc_tokens_release(&p->vtok);
	mc_wipe(p->key, sizeof(p->key));
	mc_free(p);
}

void mc_phi_stats(const mc_phi *p, size_t *names, size_t *words)
{
	*names = p->nnames;
	*words = p->nwords;
}

/* The date offset from the key and the patient id (per key when NULL). */
static void set_offset(mc_phi_doc *d, const char *patient)
{
	unsigned char h[8];
	const char *who = patient ? patient : "";
	phi_hash(d->key, "date-offset", who, strlen(who), h, sizeof(h));
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | h[i];
	int days;
	if (d->phi->keep_weekday)
		days = 7 * (int)(1 + v % 52);          /* 1 to 52 weeks */
	else
		days = (int)(1 + v % 364);             /* 1 to 364 days */
	d->date_offset = (v >> 40) & 1 ? days : -days;
	mc_wipe(h, sizeof(h));
	d->keyed = true;
}

void phi_doc_keys(mc_phi_doc *d)
{
	if (d->keyed)
		return;
	/* no key: a fresh random one for this document (the patient id would
	 * not make the offset any more stable, so it is not needed) */
	randombytes_buf(d->key, sizeof(d->key));
	set_offset(d, NULL);
}

/* Start a document in d (zeroed or reset). */
static void doc_start(mc_phi_doc *d, const char *patient)
{
	d->keyed = false;
	if (d->phi->has_key) {
		memcpy(d->key, d->phi->key, sizeof(d->key));
		set_offset(d, patient);
	}
}

int mc_phi_doc_new(mc_phi_doc **out, mc_phi *p, const char *patient, mc_error *err)
{
	*out = NULL;
	mc_phi_doc *d = mc_calloc(1, sizeof(*d));
	if (!d)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	d->phi = p;
	mc_tokens_init(&d->tok);
	mc_buf_init(&d->scratch);
	doc_start(d, patient);
	*out = d;
	return 0;
}

int mc_phi_doc_reset(mc_phi_doc *d, const char *patient, mc_error *err)
{
	if (!d)
		return mc_error_set(err, MC_EINVAL, "no document to reset");
	phi_dict_clear(&d->names);
	d->names_bloom = 0;
	mc_wipe(d->key, sizeof(d->key));
	d->date_offset = 0;
	d->ncands = 0;
	doc_start(d, patient);
	return 0;
}

void mc_phi_doc_free(mc_phi_doc *d)
{
	if (!d)
		return;
	phi_dict_release(&d->names);
	/* tokens, scratch and candidates are wiped after every mc_phi_detect;
	 * wipe again here in case a call failed half way */
	if (d->tok.v)
		mc_wipe(d->tok.v, d->tok.cap * sizeof(*d->tok.v));
	mc_tokens_release(&d->tok);
	if (d->scratch.ptr)
		mc_wipe(d->scratch.ptr, d->scratch.cap);
	mc_buf_release(&d->scratch);
	if (d->cands)
		mc_wipe(d->cands, d->capcands * sizeof(phi_cand));
	mc_free(d->cands);
	mc_wipe(d, sizeof(*d));
	mc_free(d);
}

void mc_phi_text_free(char *s, size_t len)
{
	if (!s)
		return;
	mc_wipe(s, len);
	mc_free(s);
}

json_t *mc_json_phi_spans(const mc_phi_result *r)
{
	json_t *a = json_array();
	if (!a)
		return NULL;
	for (size_t i = 0; i < r->n; i++) {
		json_t *o = json_pack("{s:I,s:I,s:s}", "start", (json_int_t)r->spans[i].cp_start, "end",
				      (json_int_t)r->spans[i].cp_end, "type", mc_phi_type_name(r->spans[i].type));
		if (!o || json_array_append_new(a, o) < 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}
