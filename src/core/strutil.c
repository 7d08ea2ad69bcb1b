#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

char *mc_trim(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t i = 0;
	while (s[i] && isspace((unsigned char)s[i]))
		i++;
	if (i)
		memmove(s, s + i, n - i + 1);
	return s;
}

size_t mc_copy_trim(char *out, size_t cap, const char *src, size_t n)
{
	if (!cap)
		return 0;
	n = strnlen(src, n);
	size_t a = 0, b = n;
	while (a < b && isspace((unsigned char)src[a]))
		a++;
	while (b > a && isspace((unsigned char)src[b - 1]))
		b--;
	size_t len = b - a;
	if (len >= cap)
		len = cap - 1;
	memcpy(out, src + a, len);
	out[len] = '\0';
	return len;
}

bool mc_str_iequal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

bool mc_str_istarts(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (!*s || tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
			return false;
	return true;
}

const char *mc_memcasestr(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (!m)
		return hay;
	if (m > n)
		return NULL;
	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 0;
		while (j < m && tolower((unsigned char)hay[i + j]) == tolower((unsigned char)needle[j]))
			j++;
		if (j == m)
			return hay + i;
	}
	return NULL;
}

bool mc_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		unsigned c = *p;
		size_t k;
		unsigned min;
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			k = 1; min = 0x80; c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			k = 2; min = 0x800; c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			k = 3; min = 0x10000; c &= 0x07;
		} else {
			return false;
		}
		if ((size_t)(e - p) <= k)
			return false;
		for (size_t i = 1; i <= k; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return false;
		p += k + 1;
	}
	return true;
}

bool mc_parse_long(const char *s, long *out)
{
	if (!s || !*s || !isdigit((unsigned char)*s))
		return false;
	errno = 0;
	char *end;
	long v = strtol(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

bool mc_code_compact(const char *in, char out[MC_CODE_MAX])
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '.' || c == ' ' || c == '\t')
			continue;
		if (!isalnum(c))
			return false;
		if (n + 1 >= MC_CODE_MAX)
			return false;
		out[n++] = (char)toupper(c);
	}
	out[n] = '\0';
	return n > 0;
}

void mc_icd10cm_dotted(const char *compact, char out[MC_CODE_MAX])
{
	size_t n = strnlen(compact, MC_CODE_MAX - 2);
	if (n <= 3) {
		memcpy(out, compact, n);
		out[n] = '\0';
		return;
	}
	memcpy(out, compact, 3);
	out[3] = '.';
	memcpy(out + 4, compact + 3, n - 3);
	out[n + 1] = '\0';
}
