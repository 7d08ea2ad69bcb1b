/* Helpers shared by the format parsers: file names, lines, months. */
#include <ctype.h>
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
