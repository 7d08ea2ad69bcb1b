#include <stdlib.h>
#include <string.h>

#include "core/core.h"

/* Countdown for the failing allocator used by tests; < 0 means off. */
static _Thread_local long fail_countdown = -1;

void mc_alloc_fail_after(long n)
{
	fail_countdown = n;
}

static bool should_fail(void)
{
	if (fail_countdown < 0)
		return false;
	if (fail_countdown <= 1) {
		fail_countdown = 0;
		return true;
	}
	fail_countdown--;
	return false;
}

void *mc_malloc(size_t n)
{
	return should_fail() ? NULL : malloc(n ? n : 1);
}

void *mc_calloc(size_t count, size_t size)
{
	return should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1);
}

void *mc_realloc(void *p, size_t n)
{
	return should_fail() ? NULL : realloc(p, n ? n : 1);
}

char *mc_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = mc_malloc(len + 1);
	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *mc_strdup(const char *s)
{
	return mc_strndup(s, strlen(s));
}

void mc_free(void *p)
{
	free(p);
}

void mc_wipe(void *p, size_t n)
{
	if (p && n)
		explicit_bzero(p, n); /* not optimised away */
}
