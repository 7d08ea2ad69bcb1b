/* Streaming JSON writer (see jsonw.h). */
#include <stdio.h>
#include <string.h>

#include "core/jsonw.h"

void mc_jsonw_init(mc_jsonw *w, mc_buf *b, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->pretty = pretty;
}

static void put(mc_jsonw *w, const char *s, size_t n)
{
	if (!w->failed && mc_buf_put(w->b, s, n) < 0)
		w->failed = true;
}

static void newline(mc_jsonw *w, int depth)
{
	static const char spaces[] = "                                                                ";
	put(w, "\n", 1);
	size_t n = (size_t)depth * 2;
	while (n) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		put(w, spaces, k);
		n -= k;
	}
}

/* Before any value: a comma and the line break its container needs. */
static void before_value(mc_jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->count[w->depth - 1]++)
		put(w, ",", 1);
	if (w->pretty)
		newline(w, w->depth);
}

static void open_container(mc_jsonw *w, char c)
{
	before_value(w);
	if (w->depth == MC_JSONW_MAX_DEPTH) {
		w->failed = true;
		return;
	}
	put(w, &c, 1);
	w->is_arr[w->depth] = c == '[';
	w->count[w->depth++] = 0;
}

void mc_jsonw_obj(mc_jsonw *w)
{
	open_container(w, '{');
}

void mc_jsonw_arr(mc_jsonw *w)
{
	open_container(w, '[');
}

void mc_jsonw_end(mc_jsonw *w)
{
	if (w->depth == 0) {
		w->failed = true;
		return;
	}
	unsigned n = w->count[--w->depth];
	if (n && w->pretty)
		newline(w, w->depth);
	put(w, w->is_arr[w->depth] ? "]" : "}", 1);
}

static void escape(mc_jsonw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	put(w, "\"", 1);
	const unsigned char *p = (const unsigned char *)s, *run = p;
	while (*p) {
		unsigned char c = *p;
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			p++;
			continue;
		}
		put(w, (const char *)run, (size_t)(p - run));
		if (c >= 0x80) {
			/* Copy a valid UTF-8 sequence; replace a bad byte. */
			size_t k = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
			size_t have = 1;
			while (k && have < k && (p[have] & 0xC0) == 0x80)
				have++;
			if (k && have == k && mc_utf8_valid((const char *)p, k)) {
				put(w, (const char *)p, k);
				p += k;
			} else {
				put(w, "\xEF\xBF\xBD", 3);
				p++;
			}
		} else {
			char e[6] = { '\\', 0, 0, 0, 0, 0 };
			size_t n = 2;
			switch (c) {
			case '"': e[1] = '"'; break;
			case '\\': e[1] = '\\'; break;
			case '\n': e[1] = 'n'; break;
			case '\r': e[1] = 'r'; break;
			case '\t': e[1] = 't'; break;
			case '\b': e[1] = 'b'; break;
			case '\f': e[1] = 'f'; break;
			default:
				e[1] = 'u';
				e[2] = '0';
				e[3] = '0';
				e[4] = hex[c >> 4];
				e[5] = hex[c & 15];
				n = 6;
			}
			put(w, e, n);
			p++;
		}
		run = p;
	}
	put(w, (const char *)run, (size_t)(p - run));
	put(w, "\"", 1);
}

void mc_jsonw_key(mc_jsonw *w, const char *k)
{
	before_value(w);
	escape(w, k);
	put(w, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
	w->after_key = true;
}

void mc_jsonw_str(mc_jsonw *w, const char *s)
{
	if (!s) {
		mc_jsonw_null(w);
		return;
	}
	before_value(w);
	escape(w, s);
}

void mc_jsonw_int(mc_jsonw *w, long long v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%lld", v);
	before_value(w);
	put(w, tmp, (size_t)n);
}

void mc_jsonw_bool(mc_jsonw *w, bool v)
{
	before_value(w);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void mc_jsonw_null(mc_jsonw *w)
{
	before_value(w);
	put(w, "null", 4);
}

void mc_jsonw_kstr(mc_jsonw *w, const char *k, const char *s)
{
	mc_jsonw_key(w, k);
	mc_jsonw_str(w, s);
}

void mc_jsonw_kint(mc_jsonw *w, const char *k, long long v)
{
	mc_jsonw_key(w, k);
	mc_jsonw_int(w, v);
}

void mc_jsonw_kbool(mc_jsonw *w, const char *k, bool v)
{
	mc_jsonw_key(w, k);
	mc_jsonw_bool(w, v);
}

bool mc_jsonw_failed(const mc_jsonw *w)
{
	return w->failed || w->depth != 0;
}
