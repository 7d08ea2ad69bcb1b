/* The name-frequency lists the PHI redactor reads (official layouts, see
 * data/MANIFEST of the shared data): the Census Bureau's 1990 surname and
 * first-name lists, its 2010 surnames with counts, and the SSA's national
 * baby names by year of birth.  Each name becomes an mc_rec_name with its
 * kind (first name or surname) and the list's own count.
 *
 *   names_census1990  dist.all.last, dist.female.first, dist.male.first:
 *                     fixed width, no header, "NAME  FREQ  CUM  RANK" with
 *                     the frequency in percent to 3 decimals; the kind is
 *                     in the file name.  Stream "names-census1990", label "1990".
 *   names_census2010  CSV "last_name,count" (surnames); a row with no name
 *                     is skipped (the known defect of the derived file: one
 *                     surname was read as a missing value).  Stream
 *                     "names-census2010", label "2010".
 *   names_ssa         yobYYYY.txt: CSV without a header, "Name,F|M,count"
 *                     (first names; a name given to both sexes comes
 *                     twice).  Every year is one release: stream "names-ssa",
 *                     label "national".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ingest/parse_util.h"
#include "medcode/ingest.h"

enum { NAME_MAX_LEN = 64, SNIFF_LINES = 5 };

static bool letters(const char *s, size_t n)
{
	if (!n || n > NAME_MAX_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]))
			return false;
	return true;
}

/* Digits s[0..n) as a count (at most 12 digits); -1 when not a count. */
static long long count_of(const char *s, size_t n)
{
	if (!n || n > 12)
		return -1;
	long long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* ---- Census 1990 ---------------------------------------------------------- */

/* A line "NAME  1.006  1.006  1": the name, and the percent in thousandths. */
static bool census1990_line(const char *l, size_t n, const char **name, size_t *nlen, long long *milli)
{
	const char *f[4];
	size_t fl[4], k = 0;
	for (size_t i = 0; i < n && k < 5;) {
		while (i < n && l[i] == ' ')
			i++;
		if (i == n)
			break;
		size_t a = i;
		while (i < n && l[i] != ' ')
			i++;
		if (k == 4)
			return false;
		f[k] = l + a;
		fl[k++] = i - a;
	}
	if (k != 4 || !letters(f[0], fl[0]))
		return false;
	/* two percentages "d.ddd" and a rank */
	for (int j = 1; j <= 2; j++) {
		const char *d = memchr(f[j], '.', fl[j]);
		if (!d || f[j] + fl[j] - d != 4 || count_of(f[j], (size_t)(d - f[j])) < 0 || count_of(d + 1, 3) < 0)
			return false;
	}
	if (count_of(f[3], fl[3]) < 0)
		return false;
	const char *d = memchr(f[1], '.', fl[1]);
	*name = f[0];
	*nlen = fl[0];
	*milli = count_of(f[1], (size_t)(d - f[1])) * 1000 + count_of(d + 1, 3);
	return true;
}

/* The kind a Census 1990 file holds, by its name; 0 when it does not say. */
static mc_name_kind census1990_kind(const char *path)
{
	const char *b = mc_ingest_base_name(path);
	if (strstr(b, ".last"))
		return MC_NAME_LAST;
	if (strstr(b, ".first"))
		return MC_NAME_FIRST;
	return 0;
}

/* The reader of one layout's line: the name (its length 0 for a row to
 * skip) and the count, or false when the line is not of the layout. */
typedef bool (*line_fn)(const char *l, size_t n, const char **name, size_t *nlen, long long *count);

/* How many of the first lines of in the reader takes; -1 when it refuses one. */
static int sniff(const mc_input *in, line_fn read)
{
	const char *p = (const char *)in->data, *end = p + in->len, *l;
	size_t n;
	const char *name;
	size_t nl;
	long long count;
	int good = 0;
	for (int k = 0; k < SNIFF_LINES && mc_ingest_next_line(&p, end, &l, &n); k++) {
		if (!read(l, n, &name, &nl, &count))
			return -1;
		good++;
	}
	return good;
}

int mc_detect_names_census1990(const mc_input *in)
{
	if (!in->data || in->len < 10 || sniff(in, census1990_line) <= 0)
		return 0;
	return census1990_kind(in->name) ? 90 : 60;
}

/* Announce the release (stream, label), then one name record per
 * non-blank line after `skip` header lines; a line the reader refuses is
 * MC_EFORMAT "NAME:LINE: expected <expect>", a file without names too. */
static int parse_lines(const mc_input *in, const mc_sink *sink, const char *stream, const char *label,
		       const char *format, mc_name_kind kind, size_t skip, line_fn read, const char *expect,
		       mc_error *err)
{
	if (sink->release) {
		mc_rec_release r = { MC_SYS_NONE, stream, label, "", format };
		int rc = sink->release(&r, sink->payload);
		if (rc < 0)
			return rc;
	}
	const char *p = (const char *)in->data, *end = p + in->len, *l;
	size_t n, line = 0, names = 0;
	char buf[NAME_MAX_LEN + 1];
	while (mc_ingest_next_line(&p, end, &l, &n)) {
		if (++line <= skip || n == 0)
			continue;
		const char *name;
		size_t nlen;
		long long count;
		if (!read(l, n, &name, &nlen, &count))
			return mc_error_set(err, MC_EFORMAT, "%s:%zu: expected %s", in->name, line, expect);
		if (!nlen)
			continue;
		memcpy(buf, name, nlen);
		buf[nlen] = '\0';
		mc_rec_name r = { buf, kind, count, line };
		int rc = sink->name ? sink->name(&r, sink->payload) : 0;
		if (rc < 0)
			return rc;
		names++;
	}
	if (!names)
		return mc_error_set(err, MC_EFORMAT, "%s:%zu: expected name rows, the file has none", in->name, skip + 1);
	return 0;
}

int mc_parse_names_census1990(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	mc_name_kind kind = census1990_kind(in->name);
	if (!kind)
		return mc_error_set(err, MC_EFORMAT, "%s: expected a Census 1990 file named dist.all.last, "
				    "dist.female.first or dist.male.first (the name says first names or surnames)",
				    in->name);
	return parse_lines(in, sink, "names-census1990", "1990", "names_census1990", kind, 0, census1990_line,
			   "NAME FREQUENCY CUMULATIVE RANK (letters, two percentages with 3 decimals, a rank)", err);
}

/* ---- Census 2010 surnames ------------------------------------------------ */

static bool header_2010(const char *l, size_t n)
{
	return n == 15 && memcmp(l, "last_name,count", 15) == 0;
}

int mc_detect_names_census2010(const mc_input *in)
{
	const char *l;
	size_t n;
	bool nl;
	if (!mc_ingest_first_line(in, &l, &n, &nl) || !header_2010(l, n))
		return 0;
	return 95;
}

/* "Smith,2442977"; a row with no name is read with length 0 (skipped) */
static bool pair_line(const char *l, size_t n, const char **name, size_t *nlen, long long *count)
{
	const char *comma = memchr(l, ',', n);
	if (!comma)
		return false;
	*name = l;
	*nlen = (size_t)(comma - l);
	*count = count_of(comma + 1, (size_t)(l + n - comma - 1));
	return *count >= 0 && (!*nlen || letters(l, *nlen));
}

int mc_parse_names_census2010(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	const char *l;
	size_t n;
	bool nl;
	if (!mc_ingest_first_line(in, &l, &n, &nl) || !header_2010(l, n))
		return mc_error_set(err, MC_EFORMAT, "%s:1: expected the header last_name,count", in->name);
	return parse_lines(in, sink, "names-census2010", "2010", "names_census2010", MC_NAME_LAST, 1, pair_line,
			   "last_name,count (letters, digits)", err);
}

/* ---- SSA national baby names --------------------------------------------- */

/* "Olivia,F,17677" */
static bool ssa_line(const char *l, size_t n, const char **name, size_t *nlen, long long *count)
{
	const char *c1 = memchr(l, ',', n);
	if (!c1 || c1 + 3 > l + n || (c1[1] != 'F' && c1[1] != 'M') || c1[2] != ',')
		return false;
	*name = l;
	*nlen = (size_t)(c1 - l);
	*count = count_of(c1 + 3, (size_t)(l + n - c1 - 3));
	return letters(l, *nlen) && *count >= 0;
}

int mc_detect_names_ssa(const mc_input *in)
{
	if (!in->data || sniff(in, ssa_line) <= 0)
		return 0;
	const char *b = mc_ingest_base_name(in->name);
	return strncmp(b, "yob", 3) == 0 ? 90 : 70;
}

int mc_parse_names_ssa(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	return parse_lines(in, sink, "names-ssa", "national", "names_ssa", MC_NAME_FIRST, 0, ssa_line,
			   "name,sex,count (letters, F or M, digits)", err);
}
