/* Word dictionary: names (Census, SSA), English words, the reviewed
 * clinical allow list (data/phi_medical.tsv) and the cue lists the
 * context rules use (data/phi_words.tsv, words.c).  One open-addressing
 * table keyed by lower-case words. */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "phi/phi_int.h"

extern const unsigned char mc_embedded_phi_medical[], mc_embedded_phi_clinical_terms[];
extern const size_t mc_embedded_phi_medical_len, mc_embedded_phi_clinical_terms_len;

/* ASCII lower case of a byte (other bytes unchanged): no locale lookups */
static inline unsigned char low(unsigned char c)
{
	return (unsigned char)((unsigned)(c - (unsigned)'A') < 26u ? c | 0x20 : c);
}

/* Eight bytes with ASCII 'A'-'Z' folded to lower case (SWAR: a byte is
 * upper case when adding 0x80-'A' sets its top bit and adding 0x80-'Z'-1
 * does not, among bytes below 0x80). */
static inline uint64_t fold8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, top = 0x8080808080808080ull;
	uint64_t h7 = x & ~top;
	uint64_t ge_a = (h7 + ones * (0x80 - 'A')) & ~x & top;
	uint64_t gt_z = (h7 + ones * (0x80 - 'Z' - 1)) & ~x & top;
	return x | ((ge_a & ~gt_z) >> 2);
}

/* The bytes w[0..n), n <= 8, as one little-endian word, case folded.
 * avail: how many bytes may be read from w (n or more); with 8 or more
 * on a little-endian machine one load and a mask do it. */
static inline uint64_t short_key(const char *w, size_t n, size_t avail)
{
	uint64_t x = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (avail >= 8) {
		memcpy(&x, w, 8);
		if (n < 8)
			x &= (1ull << (8 * n)) - 1;
		return fold8(x);
	}
#else
	(void)avail;
#endif
	for (size_t k = 0; k < n; k++)
		x |= (uint64_t)(unsigned char)w[k] << (8 * k);
	return fold8(x);
}

static inline uint64_t mix(uint64_t h)
{
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 29);
}

/* The last step of every key: x (the last eight bytes or fewer, folded)
 * into h; a key of n <= 8 bytes is just key_last(seed(n), x) with k8 = x. */
static inline uint64_t key_seed(size_t n)
{
	return 0x9E3779B97F4A7C15ull ^ n;
}

/* Eight bytes (folded) into the running hash h. */
static inline uint64_t key_step(uint64_t h, uint64_t x)
{
	h = (h ^ x) * 0xff51afd7ed558ccdull;
	return h ^ (h >> 32);
}

static inline uint64_t key_last(uint64_t h, uint64_t x)
{
	return mix(key_step(h, x));
}

static inline __attribute__((always_inline)) phi_key key_in(const char *w, size_t n, size_t avail)
{
	/* eight bytes at a time, then a final mix; k8 is the first eight
	 * (a key of 8 bytes or fewer whole: what its slot holds) */
	if (n <= 8) {
		uint64_t x = short_key(w, n, avail);
		return (phi_key){ key_last(key_seed(n), x), x };
	}
	uint64_t h = key_seed(n), k8 = 0;
	size_t left = n;
	for (bool first = true; left > 8; first = false) {
		uint64_t x;
		memcpy(&x, w, 8);
		x = fold8(x);
		if (first)
			k8 = x;
		h = key_step(h, x);
		w += 8;
		left -= 8;
		avail -= 8;
	}
	return (phi_key){ key_last(h, short_key(w, left, avail)), k8 };
}

phi_key phi_dict_key(const char *w, size_t n)
{
	return key_in(w, n, n);
}

/* A slot's tag: the key's length (low 8 bits) and 24 bits of its hash, so a
 * probe compares keys only on a likely hit. */
static uint32_t tag_of(uint64_t h, size_t n)
{
	return (uint32_t)n | (uint32_t)(h >> 40) << 8;
}

/* Keys of up to 8 bytes live in the slot itself (no second cache line);
 * longer ones in the pool, lower case. */
static bool key_eq(const phi_dict *d, const struct dent *e, const char *w, size_t n, phi_key k, uint32_t tag)
{
	if (e->tag != tag)
		return false;
	if (n <= 8)
		return e->kw == k.k8;
	/* the pool keeps 8 spare bytes after its last key */
	const unsigned char *p = (const unsigned char *)d->pool.ptr + e->kw;
	uint64_t first;
	memcpy(&first, p, 8);
	if (first != k.k8)
		return false;
	for (size_t i = 8; i < n; i++)
		if (p[i] != low((unsigned char)w[i]))
			return false;
	return true;
}

/* The key of slot e as bytes (for rehashing): *len gets its length. */
static const char *slot_key(const phi_dict *d, const struct dent *e, char buf[8], size_t *len)
{
	size_t n = e->tag & 0xff;
	*len = n;
	if (n > 8)
		return d->pool.ptr + e->kw;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(e->kw >> (8 * i));
	return buf;
}

static int grow(phi_dict *d)
{
	size_t cap = d->cap ? d->cap * 2 : 64;
	struct dent *s = mc_calloc_table(cap, sizeof(*s));
	if (!s)
		return MC_ENOMEM;
	for (size_t i = 0; i < d->cap; i++) {
		if (!d->slot[i].tag)
			continue;
		const struct dent *e = &d->slot[i];
		char buf[8];
		size_t n;
		const char *w = slot_key(d, e, buf, &n);
		size_t j = (size_t)phi_dict_key(w, n).h & (cap - 1);
		while (s[j].tag)
			j = (j + 1) & (cap - 1);
		s[j] = *e;
	}
	if (d->slot)
		mc_wipe(d->slot, d->cap * sizeof(*d->slot));
	mc_free_table(d->slot, d->cap, sizeof(*d->slot));
	d->slot = s;
	d->cap = cap;
	return 0;
}

int phi_dict_add(phi_dict *d, const char *w, size_t n, uint32_t flags, uint32_t freq)
{
	if (n == 0 || n > 64)
		return 0;
	if ((d->n + 1) * 2 > d->cap && grow(d) < 0)
		return MC_ENOMEM;
	if (freq >= 2000)
		flags |= D_NAME_COMMON;
	phi_key k = phi_dict_key(w, n);
	uint32_t tag = tag_of(k.h, n);
	size_t j = (size_t)k.h & (d->cap - 1);
	while (d->slot[j].tag) {
		if (key_eq(d, &d->slot[j], w, n, k, tag)) {
			d->slot[j].flags |= flags;
			return 0;
		}
		j = (j + 1) & (d->cap - 1);
	}
	uint64_t kw = k.k8;
	if (n > 8) {
		size_t off = d->pool.len;
		if (off > UINT32_MAX - 128 || mc_buf_grow(&d->pool, n + 8) < 0)
			return MC_ENOMEM;
		memset(d->pool.ptr + off + n, 0, 8);
		for (size_t i = 0; i < n; i++)
			d->pool.ptr[off + i] = (char)low((unsigned char)w[i]);
		d->pool.len += n;
		d->pool.ptr[d->pool.len] = '\0';
		kw = off;
	}
	d->slot[j] = (struct dent){ kw, tag, flags };
	d->n++;
	return 0;
}

uint32_t phi_dict_get(const phi_dict *d, const char *w, size_t n)
{
	return phi_dict_get_k(d, w, n, phi_dict_key(w, n));
}

/* get_k for a table with slots (d->cap > 0). */
static inline __attribute__((always_inline)) uint32_t get_in(const phi_dict *d, const char *w, size_t n, phi_key k)
{
	if (n == 0 || n > 64)
		return 0;
	uint32_t tag = tag_of(k.h, n);
	size_t j = (size_t)k.h & (d->cap - 1);
	for (const struct dent *e = &d->slot[j]; e->tag; e = &d->slot[j]) {
		/* the tag and, for a short key, the key itself compared here;
		 * a long key's tail only on a tag match */
		if (e->tag == tag && (n <= 8 ? e->kw == k.k8 : key_eq(d, e, w, n, k, tag)))
			return e->flags;
		j = (j + 1) & (d->cap - 1);
	}
	return 0;
}

static inline uint32_t get_k(const phi_dict *d, const char *w, size_t n, phi_key k)
{
	return d->cap ? get_in(d, w, n, k) : 0;
}

uint32_t phi_dict_get_k(const phi_dict *d, const char *w, size_t n, phi_key k)
{
	return get_k(d, w, n, k);
}

/* The length by which word token tk of s is looked up. */
static inline size_t token_key_len(const char *s, const mc_token *tk)
{
	size_t tl = tk->end - tk->start;
	return tk->flags & MC_TOK_APOS ? phi_dict_key_len(s + tk->start, tl) : tl;
}

void phi_dict_lookup_tokens(const phi_dict *d, const char *s, size_t len, const mc_token *t, size_t n, phi_key *key,
			    uint32_t *df)
{
	/* every key first, its slot prefetched: the misses overlap */
	memset(df, 0, n * sizeof(*df));
	for (size_t i = 0; i < n; i++) {
		if (!(t[i].flags & MC_TOK_ALPHA))
			continue;
		key[i] = key_in(s + t[i].start, token_key_len(s, &t[i]), len - t[i].start);
		if (d->cap)
			__builtin_prefetch(&d->slot[(size_t)key[i].h & (d->cap - 1)]);
	}
	if (!d->cap)
		return;
	for (size_t i = 0; i < n; i++)
		if (t[i].flags & MC_TOK_ALPHA)
			df[i] = get_in(d, s + t[i].start, token_key_len(s, &t[i]), key[i]);
}

bool phi_dict_near(const phi_dict *d, const char *w, size_t n, uint32_t want, uint32_t refuse)
{
	enum { MAXW = 24 };
	if (n < 6 || n > MAXW - 2 || !d->cap)
		return false;
	char src[MAXW], buf[MAXW];
	for (size_t k = 0; k < n; k++)
		src[k] = (char)low((unsigned char)w[k]);
#define NEAR_TRY(s, m)                                                   \
	do {                                                             \
		uint32_t f_ = get_in(d, (s), (m), phi_dict_key((s), (m))); \
		if ((f_ & want) && !(f_ & refuse))                       \
			return true;                                     \
	} while (0)
	/* (the first letter is kept: a slip of the pen seldom starts a word) */
	for (size_t k = 1; k < n; k++) { /* deletions */
		memcpy(buf, src, k);
		memcpy(buf + k, src + k + 1, n - k - 1);
		NEAR_TRY(buf, n - 1);
	}
	for (size_t k = 1; k + 1 < n; k++) { /* transpositions */
		memcpy(buf, src, n);
		buf[k] = src[k + 1];
		buf[k + 1] = src[k];
		NEAR_TRY(buf, n);
	}
	for (size_t k = 1; k < n; k++) { /* substitutions */
		memcpy(buf, src, n);
		for (char c = 'a'; c <= 'z'; c++)
			if (c != src[k]) {
				buf[k] = c;
				NEAR_TRY(buf, n);
			}
	}
	for (size_t k = 1; k <= n; k++) { /* insertions */
		memcpy(buf, src, k);
		memcpy(buf + k + 1, src + k, n - k);
		for (char c = 'a'; c <= 'z'; c++) {
			buf[k] = c;
			NEAR_TRY(buf, n + 1);
		}
	}
#undef NEAR_TRY
	return false;
}

void phi_dict_clear(phi_dict *d)
{
	if (!d->n)
		return;
	if (d->pool.ptr)
		mc_wipe(d->pool.ptr, d->pool.len);
	mc_buf_clear(&d->pool);
	mc_wipe(d->slot, d->cap * sizeof(*d->slot)); /* short keys live in the slots */
	d->n = 0;
}

void phi_dict_release(phi_dict *d)
{
	if (d->pool.ptr)
		mc_wipe(d->pool.ptr, d->pool.cap);
	mc_buf_release(&d->pool);
	if (d->slot)
		mc_wipe(d->slot, d->cap * sizeof(*d->slot));
	mc_free_table(d->slot, d->cap, sizeof(*d->slot));
	d->slot = NULL;
	d->cap = d->n = 0;
}

static bool all_alpha(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]))
			return false;
	return true;
}

static int load_wordlist(phi_dict *d, const char *path, size_t *count)
{
	char *data = NULL;
	size_t len = 0;
	if (mc_read_file(&data, &len, path, NULL) < 0)
		return 0;
	int rc = 0;
	const char *p = data, *end = data + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		size_t n = (size_t)(le - p);
		if (all_alpha(p, n)) {
			uint32_t f = isupper((unsigned char)p[0]) ? D_PROPER : D_ENGLISH;
			rc = phi_dict_add(d, p, n, f, 0);
			if (rc < 0)
				break;
			(*count)++;
		}
		p = le + 1;
	}
	mc_free(data);
	return rc;
}

/* A reviewed list of clinical words (word, kind, ...): data/phi_medical.tsv
 * or data/phi_clinical_terms.tsv. */
static int load_medical(phi_dict *d, const unsigned char *data, size_t len)
{
	mc_csv r;
	mc_csv_row row;
	mc_csv_init(&r, (const char *)data, len, '\t', false);
	int rc;
	while ((rc = mc_csv_next(&r, &row, NULL)) == 1) {
		if (row.count < 1 || row.field[0][0] == '#')
			continue;
		const char *w = row.field[0];
		/* multi-word entries: each word is kept */
		while (*w) {
			while (*w == ' ')
				w++;
			const char *q = w;
			while (*q && *q != ' ')
				q++;
			/* an entry in capitals is an acronym: "GRACE" score, not Grace */
			bool acronym = q - w >= 2;
			for (const char *c = w; c < q && acronym; c++)
				acronym = (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9');
			if (q > w && phi_dict_add(d, w, (size_t)(q - w), acronym ? D_ACRONYM : D_MEDICAL, 0) < 0) {
				rc = MC_ENOMEM;
				break;
			}
			w = q;
		}
		if (rc < 0)
			break;
	}
	mc_csv_release(&r);
	return rc < 0 ? MC_ENOMEM : 0;
}

/* A Hunspell medical dictionary (hunspell-en-med: OpenMedSpel and
 * MT-Herald's lists, about 90,000 words): "word" or "word/FLAGS" a line
 * after a count and an indented header.  Its words in lower case, of
 * letters only, become D_CLINICAL.  Its capitalised words are left out:
 * brands, but also the surnames of eponyms (Arvidsson, Lindqvist) that
 * would hide a patient's name; and so are its acronyms (initials would be
 * taken for them). */
static int load_clinical_dict(phi_dict *d, const char *path, size_t *count)
{
	char *data = NULL;
	size_t len = 0;
	if (mc_read_file(&data, &len, path, NULL) < 0)
		return 0;
	int rc = 0;
	const char *p = data, *end = data + len;
	while (p < end && rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *slash = memchr(p, '/', (size_t)(le - p));
		size_t n = (size_t)((slash ? slash : le) - p);
		if (n >= 3 && all_alpha(p, n) && islower((unsigned char)p[0])) {
			rc = phi_dict_add(d, p, n, D_CLINICAL, 0);
			(*count)++;
		}
		p = le + 1;
	}
	mc_free(data);
	return rc;
}

int phi_dict_load(phi_dict *d, const mc_phi_opts *o, size_t *words, size_t *clinical, mc_error *err)
{
	*words = *clinical = 0;
	int rc = load_medical(d, mc_embedded_phi_medical, mc_embedded_phi_medical_len);
	if (rc == 0)
		rc = load_medical(d, mc_embedded_phi_clinical_terms, mc_embedded_phi_clinical_terms_len);
	if (rc == 0)
		rc = load_wordlist(d, o && o->wordlist ? o->wordlist : "/usr/share/dict/american-english",
				   words);
	if (rc == 0)
		rc = load_clinical_dict(d, o && o->clinical_dict ? o->clinical_dict
							      : "/usr/share/hunspell/en_med_glut.dic", clinical);
	if (rc < 0)
		return mc_error_set(err, MC_ENOMEM, "out of memory loading word lists");
	return 0;
}
