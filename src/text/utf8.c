/* UTF-8 decoding that never reads past the end and never trusts input. */
#include <string.h>

#include "medcode/text.h"

size_t mc_text_utf8_next(const char *s, size_t len, size_t i, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[i];
	*cp = -1;
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	size_t need;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3; v = c & 0x07; min = 0x10000;
	} else {
		return 1;
	}
	if (len - i <= need)
		return 1;
	for (size_t k = 1; k <= need; k++) {
		unsigned d = u[i + k];
		if ((d & 0xC0) != 0x80)
			return 1;
		v = (v << 6) | (d & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 1;
	*cp = (int32_t)v;
	return need + 1;
}

size_t mc_text_cp_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n;) {
		uint64_t x;
		if (i + 8 <= n && (memcpy(&x, s + i, 8), !(x & 0x8080808080808080ull))) {
			i += 8; /* eight ASCII bytes: eight code points */
			count += 8;
			continue;
		} else if ((unsigned char)s[i] < 0x80) {
			i++;
		} else {
			int32_t cp;
			i += mc_text_utf8_next(s, n, i, &cp);
		}
		count++;
	}
	return count;
}
