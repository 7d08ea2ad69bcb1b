#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"

void mc_buf_init(mc_buf *b)
{
	b->ptr = NULL;
	b->len = b->cap = 0;
}

void mc_buf_release(mc_buf *b)
{
	mc_free(b->ptr);
	mc_buf_init(b);
}

void mc_buf_clear(mc_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

int mc_buf_grow(mc_buf *b, size_t extra)
{
	if (extra > SIZE_MAX / 2 - b->len)
		return MC_ENOMEM;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = mc_realloc(b->ptr, cap);
	if (!p)
		return MC_ENOMEM;
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int mc_buf_put(mc_buf *b, const void *data, size_t n)
{
	if (mc_buf_grow(b, n) < 0)
		return MC_ENOMEM;
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int mc_buf_puts(mc_buf *b, const char *s)
{
	return mc_buf_put(b, s, strlen(s));
}

int mc_buf_putc(mc_buf *b, char c)
{
	return mc_buf_put(b, &c, 1);
}

int mc_buf_printf(mc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return MC_EINVAL;
	if (mc_buf_grow(b, (size_t)n) < 0)
		return MC_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

char *mc_buf_detach(mc_buf *b)
{
	if (!b->ptr && mc_buf_grow(b, 0) < 0)
		return NULL;
	b->ptr[b->len] = '\0';
	char *s = b->ptr;
	mc_buf_init(b);
	return s;
}
