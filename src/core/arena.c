#include <string.h>

#include "core/core.h"

struct mc_arena_block {
	mc_arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

enum { BLOCK_MIN = 16384 };

void *mc_arena_alloc(mc_arena *a, size_t n)
{
	size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	if (!n)
		n = align;
	mc_arena_block *b = a->head;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > BLOCK_MIN ? n : BLOCK_MIN;
		b = mc_malloc(sizeof(*b) + cap);
		if (!b) {
			a->failed = true;
			return NULL;
		}
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *mc_arena_strdup(mc_arena *a, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *d = mc_arena_alloc(a, n + 1);
	if (d)
		memcpy(d, s, n + 1);
	return d;
}

void mc_arena_release(mc_arena *a)
{
	mc_arena_block *b = a->head;
	while (b) {
		mc_arena_block *n = b->next;
		mc_free(b);
		b = n;
	}
	a->head = NULL;
	a->failed = false;
}

void mc_arena_wipe_release(mc_arena *a)
{
	for (mc_arena_block *b = a->head; b; b = b->next)
		mc_wipe(b->data, b->used);
	mc_arena_release(a);
}
