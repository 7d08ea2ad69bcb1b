/* mc_html: an append-only string for building pages, with escaping. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/web.h"

static bool grow(mc_html *h, size_t extra)
{
	if (h->failed)
		return false;
	if (h->len + extra + 1 <= h->cap)
		return true;
	size_t cap = h->cap ? h->cap : 4096;
	while (cap < h->len + extra + 1) {
		if (cap > ((size_t)1 << 40)) {
			h->failed = true;
			return false;
		}
		cap *= 2;
	}
	char *p;
	if (h->wipe && h->ptr) {
		/* No realloc: the old block would be freed unwiped. */
		p = mc_malloc(cap);
		if (p) {
			memcpy(p, h->ptr, h->len);
			mc_wipe(h->ptr, h->cap);
			mc_free(h->ptr);
		}
	} else {
		p = mc_realloc(h->ptr, cap);
	}
	if (!p) {
		h->failed = true;
		return false;
	}
	h->ptr = p;
	h->cap = cap;
	return true;
}

void mc_html_rawn(mc_html *h, const char *s, size_t n)
{
	if (!grow(h, n))
		return;
	memcpy(h->ptr + h->len, s, n);
	h->len += n;
	h->ptr[h->len] = '\0';
}

void mc_html_raw(mc_html *h, const char *s)
{
	if (s)
		mc_html_rawn(h, s, strlen(s));
}

void mc_html_textn(mc_html *h, const char *s, size_t n)
{
	if (!s)
		return;
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': rep = ""; break;
		default: continue;
		}
		mc_html_rawn(h, s + run, i - run);
		mc_html_raw(h, rep);
		run = i + 1;
	}
	mc_html_rawn(h, s + run, n - run);
}

void mc_html_text(mc_html *h, const char *s)
{
	if (s)
		mc_html_textn(h, s, strlen(s));
}

void mc_html_url(mc_html *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		char e[3];
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			mc_html_rawn(h, (const char *)p, 1);
			continue;
		}
		e[0] = '%';
		e[1] = hex[*p >> 4];
		e[2] = hex[*p & 15];
		mc_html_rawn(h, e, 3);
	}
}

void mc_html_printf(mc_html *h, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		h->failed = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		mc_html_rawn(h, small, (size_t)n);
		return;
	}
	if (!grow(h, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(h->ptr + h->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	h->len += (size_t)n;
}

char *mc_html_detach(mc_html *h, size_t *len)
{
	if (h->failed || (!h->ptr && !grow(h, 0))) {
		mc_html_release(h);
		return NULL;
	}
	char *s = h->ptr;
	*len = h->len;
	s[h->len] = '\0';
	h->ptr = NULL;
	h->len = h->cap = 0;
	return s;
}

void mc_html_release(mc_html *h)
{
	if (h->ptr && h->wipe)
		mc_wipe(h->ptr, h->cap);
	mc_free(h->ptr);
	h->ptr = NULL;
	h->len = h->cap = 0;
	h->failed = false;
}

void mc_html_free(char *s)
{
	mc_free(s);
}
