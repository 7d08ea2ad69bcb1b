#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/core.h"

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool ymd_ok(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static void put(int y, int m, int d, char out[MC_DATE_LEN])
{
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
	out[0] = (char)('0' + uy / 1000);
	out[1] = (char)('0' + uy / 100 % 10);
	out[2] = (char)('0' + uy / 10 % 10);
	out[3] = (char)('0' + uy % 10);
	out[4] = '-';
	out[5] = (char)('0' + um / 10);
	out[6] = (char)('0' + um % 10);
	out[7] = '-';
	out[8] = (char)('0' + ud / 10);
	out[9] = (char)('0' + ud % 10);
	out[10] = '\0';
}

bool mc_date_valid(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) ||
	    !digits(s + 5, 2) || !digits(s + 8, 2))
		return false;
	int y, m, d;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return false;
	return ymd_ok(y, m, d);
}

bool mc_date_from_yyyymmdd(const char *s, char out[MC_DATE_LEN])
{
	if (strlen(s) != 8 || !digits(s, 8))
		return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[4] - '0') * 10 + (s[5] - '0');
	int d = (s[6] - '0') * 10 + (s[7] - '0');
	if (!ymd_ok(y, m, d))
		return false;
	put(y, m, d, out);
	return true;
}

bool mc_date_from_julian(const char *s, char out[MC_DATE_LEN])
{
	if (strlen(s) != 7 || !digits(s, 7))
		return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int doy = (s[4] - '0') * 100 + (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1900 || doy < 1 || doy > (is_leap(y) ? 366 : 365))
		return false;
	int m = 1;
	while (doy > days_in_month(y, m)) {
		doy -= days_in_month(y, m);
		m++;
	}
	put(y, m, doy, out);
	return true;
}

bool mc_date_from_mdy(const char *s, char out[MC_DATE_LEN])
{
	int m, d, y;
	char tail;
	if (sscanf(s, "%2d/%2d/%4d%c", &m, &d, &y, &tail) != 3)
		return false;
	if (!ymd_ok(y, m, d))
		return false;
	put(y, m, d, out);
	return true;
}

void mc_date_today(char out[MC_DATE_LEN])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	put(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
}

bool mc_date_add_days(const char *iso, int days, char out[MC_DATE_LEN])
{
	if (!mc_date_valid(iso))
		return false;
	int y, m, d;
	sscanf(iso, "%4d-%2d-%2d", &y, &m, &d);
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + days;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	struct tm r;
	gmtime_r(&t, &r);
	put(r.tm_year + 1900, r.tm_mon + 1, r.tm_mday, out);
	return true;
}
