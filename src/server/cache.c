/* Response cache for GET routes: bounded in bytes, thread-safe, keyed by
 * the request target as sent (path and query), today's date and the store
 * files' signature, so an import or a new day never serves stale answers.
 *
 * 16 shards, each a mutex, a chained hash table and an LRU list; an insert
 * evicts from the LRU tail until the shard is back under its share of the
 * byte budget (entry, key and body all counted).  A hit copies the body
 * (responses own and free theirs). */
#include <string.h>

#include "server/server_int.h"

enum { NSHARDS = 16, NBUCKETS = 1024 /* per shard, power of 2 */ };

typedef struct cache_ent {
	struct cache_ent *hnext;            /* bucket chain */
	struct cache_ent *prev, *next;      /* LRU: head is the newest */
	uint64_t hash, sig;
	size_t klen, len, cost;
	int status;
	const char *content_type;           /* static string */
	char *body;
	char key[];                         /* klen bytes, not NUL-terminated */
} cache_ent;

typedef struct cache_shard {
	pthread_mutex_t mu;
	cache_ent *bucket[NBUCKETS];
	cache_ent *head, *tail;
	size_t bytes, entries;
} cache_shard;

struct srv_cache {
	size_t shard_cap, entry_cap;
	atomic_uint_fast64_t hits, misses;
	cache_shard shard[NSHARDS];
};

static uint64_t hash_key(const char *k, size_t n, uint64_t sig)
{
	uint64_t h = 1469598103934665603ull ^ sig;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 1099511628211ull;
	}
	return h ^ (h >> 29);
}

srv_cache *srv_cache_new(size_t max_bytes)
{
	srv_cache *c = mc_calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->shard_cap = max_bytes / NSHARDS;
	/* One answer may take at most an eighth of a shard. */
	c->entry_cap = c->shard_cap / 8;
	for (size_t i = 0; i < NSHARDS; i++)
		pthread_mutex_init(&c->shard[i].mu, NULL);
	return c;
}

static void ent_free(cache_ent *e)
{
	mc_free(e->body);
	mc_free(e);
}

void srv_cache_free(srv_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < NSHARDS; i++) {
		cache_shard *sh = &c->shard[i];
		for (cache_ent *e = sh->head, *n; e; e = n) {
			n = e->next;
			ent_free(e);
		}
		pthread_mutex_destroy(&sh->mu);
	}
	mc_free(c);
}

static void lru_unlink(cache_shard *sh, cache_ent *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		sh->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		sh->tail = e->prev;
	e->prev = e->next = NULL;
}

static void lru_push(cache_shard *sh, cache_ent *e)
{
	e->prev = NULL;
	e->next = sh->head;
	if (sh->head)
		sh->head->prev = e;
	sh->head = e;
	if (!sh->tail)
		sh->tail = e;
}

/* Take e out of the shard (table and list) and free it. */
static void remove_ent(cache_shard *sh, cache_ent *e)
{
	cache_ent **pp = &sh->bucket[e->hash & (NBUCKETS - 1)];
	while (*pp && *pp != e)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = e->hnext;
	lru_unlink(sh, e);
	sh->bytes -= e->cost;
	sh->entries--;
	ent_free(e);
}

static cache_ent *find(cache_shard *sh, uint64_t h, const char *key, size_t klen)
{
	for (cache_ent *e = sh->bucket[h & (NBUCKETS - 1)]; e; e = e->hnext)
		if (e->hash == h && e->klen == klen && memcmp(e->key, key, klen) == 0)
			return e;
	return NULL;
}

bool srv_cache_get(srv_cache *c, const char *key, size_t klen, uint64_t sig, srv_resp *resp)
{
	uint64_t h = hash_key(key, klen, 0);
	cache_shard *sh = &c->shard[h >> 60];
	bool hit = false;
	pthread_mutex_lock(&sh->mu);
	cache_ent *e = find(sh, h, key, klen);
	if (e && e->sig != sig) {
		remove_ent(sh, e); /* the store changed under it */
		e = NULL;
	}
	if (e) {
		char *body = mc_malloc(e->len + 1);
		if (body) {
			memcpy(body, e->body, e->len + 1);
			mc_free(resp->body);
			resp->body = body;
			resp->len = e->len;
			resp->status = e->status;
			resp->content_type = e->content_type;
			resp->cached = true;
			hit = true;
			if (sh->head != e) {
				lru_unlink(sh, e);
				lru_push(sh, e);
			}
		}
	}
	pthread_mutex_unlock(&sh->mu);
	atomic_fetch_add_explicit(hit ? &c->hits : &c->misses, 1, memory_order_relaxed);
	return hit;
}

void srv_cache_put(srv_cache *c, const char *key, size_t klen, uint64_t sig, const srv_resp *resp)
{
	if (!resp->body || resp->wipe)
		return;
	size_t cost = sizeof(cache_ent) + klen + resp->len + 1;
	if (klen > c->entry_cap || resp->len > c->entry_cap || cost > c->entry_cap)
		return;
	cache_ent *e = mc_malloc(sizeof(*e) + klen);
	char *body = mc_malloc(resp->len + 1);
	if (!e || !body) {
		mc_free(e);
		mc_free(body);
		return;
	}
	memset(e, 0, sizeof(*e));
	memcpy(e->key, key, klen);
	memcpy(body, resp->body, resp->len);
	body[resp->len] = '\0';
	e->klen = klen;
	e->hash = hash_key(key, klen, 0);
	e->sig = sig;
	e->body = body;
	e->len = resp->len;
	e->cost = cost;
	e->status = resp->status;
	e->content_type = resp->content_type;
	cache_shard *sh = &c->shard[e->hash >> 60];
	pthread_mutex_lock(&sh->mu);
	cache_ent *old = find(sh, e->hash, key, klen);
	if (old)
		remove_ent(sh, old);
	while (sh->tail && sh->bytes + cost > c->shard_cap)
		remove_ent(sh, sh->tail);
	cache_ent **b = &sh->bucket[e->hash & (NBUCKETS - 1)];
	e->hnext = *b;
	*b = e;
	lru_push(sh, e);
	sh->bytes += cost;
	sh->entries++;
	pthread_mutex_unlock(&sh->mu);
}

void srv_cache_stats(srv_cache *c, uint64_t *hits, uint64_t *misses, size_t *entries, size_t *bytes)
{
	*hits = atomic_load_explicit(&c->hits, memory_order_relaxed);
	*misses = atomic_load_explicit(&c->misses, memory_order_relaxed);
	*entries = *bytes = 0;
	for (size_t i = 0; i < NSHARDS; i++) {
		pthread_mutex_lock(&c->shard[i].mu);
		*entries += c->shard[i].entries;
		*bytes += c->shard[i].bytes;
		pthread_mutex_unlock(&c->shard[i].mu);
	}
}
