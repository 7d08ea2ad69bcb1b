#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

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

enum { TABLE_MAPPED = 4 << 20, HUGE_PAGE = 2 << 20 };

/* n rounded up to whole pages (the bytes a mapped table spans) */
static size_t page_round(size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	return (n + pg - 1) / pg * pg;
}

void *mc_calloc_table(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	size_t n = count * size;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	if (n >= TABLE_MAPPED) {
		n = page_round(n);
		if (should_fail())
			return NULL;
		/* mapped one huge page longer, so that an aligned start fits; the
		 * pages are untouched (zero) until first written, after the advice */
		size_t len = n + HUGE_PAGE;
		char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			return NULL;
		uintptr_t a = ((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
		size_t head = (size_t)(a - (uintptr_t)m);
		if (head)
			munmap(m, head);
		if (HUGE_PAGE - head)
			munmap((char *)a + n, HUGE_PAGE - head);
		(void)madvise((void *)a, n, MADV_HUGEPAGE); /* a hint: fine if refused */
		return (void *)a;
	}
#endif
	return mc_calloc(count, size);
}

void mc_free_table(void *p, size_t count, size_t size)
{
	if (!p)
		return;
	size_t n = count * size;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	if (n >= TABLE_MAPPED) {
		munmap(p, page_round(n));
		return;
	}
#endif
	mc_free(p);
}
