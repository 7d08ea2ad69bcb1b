/* A small string-keyed hash map for the index builder and the in-memory
 * vocabulary (FNV-1a, linear probing, load factor at most 1/2). */
#include <string.h>

#include "search/search_int.h"

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int alloc_slots(mc_strmap *m, size_t cap)
{
	m->key = mc_calloc(cap, sizeof(*m->key));
	m->klen = mc_calloc(cap, sizeof(*m->klen));
	m->val = mc_calloc(cap, sizeof(*m->val));
	if (!m->key || !m->klen || !m->val) {
		mc_free(m->key);
		mc_free(m->klen);
		mc_free(m->val);
		m->key = NULL;
		m->klen = NULL;
		m->val = NULL;
		return MC_ENOMEM;
	}
	m->cap = cap;
	return 0;
}

int mc_strmap_init(mc_strmap *m, size_t hint)
{
	memset(m, 0, sizeof(*m));
	size_t cap = 64;
	while (cap < hint * 2 && cap < ((size_t)1 << 40))
		cap *= 2;
	return alloc_slots(m, cap);
}

void mc_strmap_release(mc_strmap *m)
{
	mc_free(m->key);
	mc_free(m->klen);
	mc_free(m->val);
	mc_arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

static size_t find(const mc_strmap *m, const char *k, size_t n)
{
	size_t mask = m->cap - 1, i = (size_t)hash(k, n) & mask;
	while (m->key[i] && !(m->klen[i] == n && memcmp(m->key[i], k, n) == 0))
		i = (i + 1) & mask;
	return i;
}

int64_t *mc_strmap_get(const mc_strmap *m, const char *key, size_t n)
{
	if (!m->cap)
		return NULL;
	size_t i = find(m, key, n);
	return m->key[i] ? &m->val[i] : NULL;
}

static int grow(mc_strmap *m)
{
	mc_strmap old = *m;
	if (alloc_slots(m, old.cap * 2) < 0) {
		*m = old;
		return MC_ENOMEM;
	}
	for (size_t i = 0; i < old.cap; i++) {
		if (!old.key[i])
			continue;
		size_t j = find(m, old.key[i], old.klen[i]);
		m->key[j] = old.key[i];
		m->klen[j] = old.klen[i];
		m->val[j] = old.val[i];
	}
	mc_free(old.key);
	mc_free(old.klen);
	mc_free(old.val);
	return 0;
}

int64_t *mc_strmap_put(mc_strmap *m, const char *key, size_t n, bool *added)
{
	*added = false;
	if (n > UINT32_MAX || !m->cap)
		return NULL;
	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return NULL;
	size_t i = find(m, key, n);
	if (m->key[i])
		return &m->val[i];
	char *k = mc_arena_alloc(&m->arena, n + 1);
	if (!k)
		return NULL;
	memcpy(k, key, n);
	k[n] = '\0';
	m->key[i] = k;
	m->klen[i] = (uint32_t)n;
	m->val[i] = 0;
	m->n++;
	*added = true;
	return &m->val[i];
}
