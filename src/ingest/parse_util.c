/* Helpers shared by the format parsers: file names, lines, months. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ingest/parse_util.h"

const char *mc_ingest_base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	const char *b = strrchr(path, '\\');
	if (b && (!s || b > s))
		s = b;
	return s ? s + 1 : path;
}

bool mc_ingest_next_line(const char **p, const char *end, const char **line, size_t *n)
{
	if (*p >= end)
		return false;
	const char *s = *p;
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	const char *e = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	if (e > s && e[-1] == '\r')
		e--;
	*line = s;
	*n = (size_t)(e - s);
	return true;
}

bool mc_ingest_row_blank(const mc_csv_row *row)
{
	for (size_t i = 0; i < row->count; i++)
		for (const char *p = row->field[i]; *p; p++)
			if (!isspace((unsigned char)*p))
				return false;
	return true;
}

int mc_ingest_month(const char *s, size_t n)
{
	static const char *const names[12] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};
	char low[16];
	if (n < 3 || n >= sizeof(low))
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[n] = '\0';
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(names[m]);
		if (n <= full && strncmp(names[m], low, n) == 0 &&
		    (n == 3 || n == full || (m == 8 && n == 4)))
			return m + 1;
	}
	return 0;
}

int mc_ingest_fiscal_year(const char *name)
{
	const char *p = mc_ingest_base_name(name);
	int month = 0;
	while (*p) {
		const char *s = p;
		if (isalpha((unsigned char)*p)) {
			while (isalpha((unsigned char)*p))
				p++;
			int m = mc_ingest_month(s, (size_t)(p - s));
			if (m)
				month = m;
		} else if (isdigit((unsigned char)*p)) {
			while (isdigit((unsigned char)*p))
				p++;
			if (p - s == 4 && (s[0] == '1' || s[0] == '2')) {
				int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
					(s[2] - '0') * 10 + (s[3] - '0');
				return month >= 10 ? y + 1 : y;
			}
		} else {
			p++;
		}
	}
	return 0;
}

bool mc_ingest_first_line(const mc_input *in, const char **line, size_t *len, bool *newline)
{
	if (!in->data || !in->len)
		return false;
	const char *d = (const char *)in->data;
	size_t n = in->len, i = 0;
	if (n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	const char *nl = memchr(d + i, '\n', n - i);
	*line = d + i;
	*len = nl ? (size_t)(nl - (d + i)) : n - i;
	*newline = nl != NULL;
	return true;
}

int mc_ingest_row_trimmed(mc_buf *b, const mc_csv_row *row, const int *col, size_t n,
			  const char **out)
{
	size_t offs[MC_INGEST_ROW_MAX];
	if (n > MC_INGEST_ROW_MAX)
		return MC_EINVAL;
	mc_buf_clear(b);
	for (size_t i = 0; i < n; i++) {
		int c = col ? col[i] : (int)i;
		const char *s = c >= 0 && (size_t)c < row->count ? row->field[c] : "";
		size_t len = strlen(s), a = 0;
		while (a < len && isspace((unsigned char)s[a]))
			a++;
		while (len > a && isspace((unsigned char)s[len - 1]))
			len--;
		offs[i] = b->len;
		if (mc_buf_put(b, s + a, len - a) < 0 || mc_buf_putc(b, '\0') < 0)
			return MC_ENOMEM;
	}
	/* Pointers only now: b may have moved as it grew. */
	for (size_t i = 0; i < n; i++)
		out[i] = b->ptr + offs[i];
	return 0;
}

void mc_ingest_year_release(const char *name, char *label, size_t cap, char from[MC_DATE_LEN])
{
	size_t len = strlen(name);
	from[0] = '\0';
	/* The last year in the path: the file's own folder beats its parents. */
	for (size_t i = len; i-- > 0;) {
		const char *p = name + i;
		if (len - i < 4 || (i && isdigit((unsigned char)p[-1])) || p[0] != '2' || p[1] != '0' ||
		    !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]) ||
		    isdigit((unsigned char)p[4]))
			continue;
		int year = 2000 + (p[2] - '0') * 10 + (p[3] - '0');
		char tmp[32];
		snprintf(label, cap, "%04d", year);
		snprintf(tmp, sizeof(tmp), "%04d-01-01", year);
		mc_copy_trim(from, MC_DATE_LEN, tmp, sizeof(tmp));
		return;
	}
	const char *b = mc_ingest_base_name(name);
	size_t n = strcspn(b, ".");
	snprintf(label, cap, "%.*s", (int)(n < 48 ? n : 48), b);
}
