/* Redaction: mask, consistent surrogates (keyed BLAKE2b of the value, so
 * the same value gets the same fake within a document, and across
 * documents given a key) and date shifting that keeps intervals. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "phi/phi_int.h"

/* Output with one sticky failure flag: every append below goes through
 * these, and mc_phi_redact checks the flag once at the end. */
static _Thread_local bool out_failed;

static void Xput(mc_buf *o, const void *p, size_t n)
{
	if (mc_buf_put(o, p, n) < 0)
		out_failed = true;
}

static void Xputs(mc_buf *o, const char *s)
{
	Xput(o, s, strlen(s));
}

static void Xputc(mc_buf *o, char c)
{
	if (mc_buf_putc(o, c) < 0)
		out_failed = true;
}

__attribute__((format(printf, 2, 3))) static void Xprintf(mc_buf *o, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		out_failed = true;
	else
		Xput(o, tmp, (size_t)n);
}

/* ---- civil dates (days since 1970-01-01) --------------------------- */

int phi_civil_days(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void phi_civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static const char *const month_full[] = { "January", "February", "March", "April", "May", "June", "July",
					  "August", "September", "October", "November", "December" };

/* A date component found in the original text. */
typedef struct comp {
	size_t a, b;     /* bytes in the span */
	char kind;       /* 'Y', 'M' (number), 'N' (month name), 'D' */
	int width;       /* digits (numbers), or name length */
	bool ordinal;    /* 4th */
} comp;

static int month_from_word(const char *w, size_t n)
{
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t fl = strlen(month_full[m]);
		if (n > fl)
			continue;
		bool ok = true;
		for (size_t i = 0; i < n && ok; i++)
			ok = tolower((unsigned char)w[i]) == tolower((unsigned char)month_full[m][i]);
		if (ok && (n == fl || n == 3 || (m == 8 && n == 4)))
			return m + 1;
	}
	return 0;
}

static void put_num(mc_buf *o, int v, int width)
{
	if (width >= 2)
		Xprintf(o, "%0*d", width, v);
	else
		Xprintf(o, "%d", v);
}

static const char *ord_suffix(int d)
{
	if (d % 100 >= 11 && d % 100 <= 13)
		return "th";
	switch (d % 10) {
	case 1: return "st";
	case 2: return "nd";
	case 3: return "rd";
	default: return "th";
	}
}

/* Shift the date in s[0..n) by days; false when it cannot be read. */
static bool shift_date(mc_buf *o, const char *s, size_t n, int days)
{
	comp c[4];
	int nc = 0;
	size_t i = 0;
	int nums[3] = { 0 }, widths[3] = { 0 };
	size_t numa[3], numb[3];
	bool numord[3] = { false };
	int nn = 0, month_name = 0;
	size_t ma = 0, mb = 0;
	size_t time_at = n;
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		if (isdigit(ch)) {
			size_t a = i;
			long v = 0;
			while (i < n && isdigit((unsigned char)s[i]) && i - a < 9)
				v = v * 10 + (s[i++] - '0');
			if (i < n && s[i] == ':') { /* a time: keep the rest verbatim */
				time_at = a;
				break;
			}
			if (nn == 3)
				return false;
			bool ord = false;
			if (i + 1 < n && isalpha((unsigned char)s[i]) && isalpha((unsigned char)s[i + 1]) &&
			    (i + 2 >= n || !isalpha((unsigned char)s[i + 2]))) {
				ord = true;
				i += 2;
			}
			numa[nn] = a;
			numb[nn] = ord ? i - 2 : i;
			numord[nn] = ord;
			widths[nn] = (int)(numb[nn] - a);
			nums[nn++] = (int)v;
		} else if (isalpha(ch)) {
			size_t a = i;
			while (i < n && isalpha((unsigned char)s[i]))
				i++;
			int m = month_from_word(s + a, i - a);
			if (m && !month_name) {
				month_name = m;
				ma = a;
				mb = i;
			}
		} else {
			i++;
		}
	}
	int y = -1, m = 0, d = 0;
	if (month_name) {
		m = month_name;
		for (int k = 0; k < nn; k++) {
			if (widths[k] == 4 && y < 0)
				y = nums[k], c[nc++] = (comp){ numa[k], numb[k], 'Y', 4, false };
			else if (nums[k] >= 1 && nums[k] <= 31 && !d)
				d = nums[k], c[nc++] = (comp){ numa[k], numb[k], 'D', widths[k], numord[k] };
			else
				return false;
		}
		c[nc++] = (comp){ ma, mb, 'N', (int)(mb - ma), false };
	} else if (nn == 3) {
		int yi, mi, di;
		if (widths[0] == 4)
			yi = 0, mi = 1, di = 2;
		else if (nums[0] > 12 && nums[1] <= 12)
			di = 0, mi = 1, yi = 2;
		else
			mi = 0, di = 1, yi = 2;
		y = nums[yi];
		if (widths[yi] == 2)
			y += y < 40 ? 2000 : 1900;
		m = nums[mi];
		d = nums[di];
		c[nc++] = (comp){ numa[yi], numb[yi], 'Y', widths[yi], false };
		c[nc++] = (comp){ numa[mi], numb[mi], 'M', widths[mi], false };
		c[nc++] = (comp){ numa[di], numb[di], 'D', widths[di], false };
	} else if (nn == 2) {
		if (widths[1] == 4) {
			m = nums[0], y = nums[1], d = 15;
			c[nc++] = (comp){ numa[0], numb[0], 'M', widths[0], false };
			c[nc++] = (comp){ numa[1], numb[1], 'Y', 4, false };
		} else {
			m = nums[0], d = nums[1];
			c[nc++] = (comp){ numa[0], numb[0], 'M', widths[0], false };
			c[nc++] = (comp){ numa[1], numb[1], 'D', widths[1], false };
		}
	} else if (nn == 1 && widths[0] == 8) {
		y = nums[0] / 10000, m = nums[0] / 100 % 100, d = nums[0] % 100;
		if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
			return false;
		int z = phi_civil_days(y, m, d) + days;
		phi_civil_from_days(z, &y, &m, &d);
		Xprintf(o, "%04d%02d%02d", y, m, d);
		return true;
	} else {
		return false;
	}
	bool has_year = y >= 0, has_day = d > 0;
	if (!has_day)
		d = 15;
	int yy = has_year ? y : 2000;
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(yy, m) || yy < 1800 || yy > 2200)
		return false;
	int z = phi_civil_days(yy, m, d) + days;
	phi_civil_from_days(z, &yy, &m, &d);
	/* render: copy the text, replacing components in order */
	size_t pos = 0;
	for (;;) {
		int best = -1;
		for (int k = 0; k < nc; k++)
			if (c[k].a >= pos && (best < 0 || c[k].a < c[best].a))
				best = k;
		if (best < 0)
			break;
		Xput(o, s + pos, c[best].a - pos);
		switch (c[best].kind) {
		case 'Y':
			put_num(o, c[best].width == 2 ? yy % 100 : yy, c[best].width);
			break;
		case 'M':
			put_num(o, m, c[best].width);
			break;
		case 'D':
			put_num(o, d, c[best].ordinal ? 1 : c[best].width);
			if (c[best].ordinal)
				Xputs(o, ord_suffix(d));
			break;
		case 'N': {
			const char *name = month_full[m - 1];
			size_t w = (size_t)c[best].width >= strlen(name) ? strlen(name) : 3;
			if (c[best].width == 4 && m == 9)
				w = 4;
			bool upper = isupper((unsigned char)s[c[best].a]) && c[best].width > 1 &&
				     isupper((unsigned char)s[c[best].a + 1]);
			bool lower = islower((unsigned char)s[c[best].a]);
			for (size_t k = 0; k < w; k++) {
				char ch = name[k];
				if (upper)
					ch = (char)toupper((unsigned char)ch);
				else if (lower)
					ch = (char)tolower((unsigned char)ch);
				Xputc(o, ch);
			}
			break;
		}
		default:
			break;
		}
		pos = c[best].b;
		if (c[best].ordinal)
			pos += 2;
	}
	if (pos < n)
		Xput(o, s + pos, (time_at > pos ? n : n) - pos);
	return true;
}

/* ---- surrogates ---------------------------------------------------------- */

static const char *const first_names[] = {
	"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
	"Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
	"Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra",
	"Donald", "Ashley", "Steven", "Dorothy", "Paul", "Kimberly", "Andrew", "Emily", "Joshua",
	"Donna", "Kenneth", "Michelle", "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa",
	"Edward", "Deborah", "Ronald", "Stephanie", "Timothy", "Rebecca", "Jason", "Laura", "Jeffrey",
	"Helen", "Ryan", "Sharon", "Jacob", "Cynthia", "Gary", "Kathleen", "Nicholas", "Amy"
};
static const char *const last_names[] = {
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
	"Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
	"Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green",
	"Adams", "Nelson", "Baker", "Hall", "Campbell", "Mitchell", "Carter", "Roberts", "Phillips",
	"Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook",
	"Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward",
	"Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "Hughes"
};
static const char *const place_words[] = {
	"Maple", "Oak", "Cedar", "Pine", "Elm", "Willow", "Birch", "Chestnut", "Hillcrest", "Lakeview",
	"Riverside", "Fairview", "Springfield", "Franklin", "Clinton", "Greenville", "Madison",
	"Georgetown", "Salem", "Fairfield", "Ashland", "Burlington", "Dover", "Milton", "Newport",
	"Oxford", "Clayton", "Hudson", "Marion", "Jackson", "Arlington", "Lexington"
};

static uint64_t h64(const mc_phi_doc *d, const char *tag, const char *s, size_t n)
{
	unsigned char h[8];
	char low[128];
	size_t m = n < sizeof(low) ? n : sizeof(low);
	for (size_t i = 0; i < m; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	phi_hash(d->key, tag, low, m, h, sizeof(h));
	mc_wipe(low, m);
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | h[i];
	return v;
}

static void put_cased(mc_buf *o, const char *w, const char *orig, size_t on)
{
	bool upper = on > 1 && isupper((unsigned char)orig[0]) && isupper((unsigned char)orig[1]);
	bool lower = on > 0 && islower((unsigned char)orig[0]);
	for (const char *p = w; *p; p++)
		Xputc(o, upper ? (char)toupper((unsigned char)*p) : lower ? (char)tolower((unsigned char)*p) : *p);
}

/* Same character classes, new characters, from a keyed hash of the value. */
static void class_preserving(mc_buf *o, const mc_phi_doc *d, const char *tag, const char *s, size_t n,
			     size_t keep_from)
{
	unsigned char h[64];
	phi_hash(d->key, tag, s, n, h, sizeof(h));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned r = h[i % 64] ^ (unsigned)(i / 64 * 131);
		if (i >= keep_from)
			Xputc(o, (char)c);
		else if (c >= '0' && c <= '9')
			Xputc(o, (char)('0' + r % 10));
		else if (c >= 'a' && c <= 'z')
			Xputc(o, (char)('a' + r % 26));
		else if (c >= 'A' && c <= 'Z')
			Xputc(o, (char)('A' + r % 26));
		else if (c >= 0x80)
			; /* drop non-ASCII letters of a value (they would leak) */
		else
			Xputc(o, (char)c);
	}
	mc_wipe(h, sizeof(h));
}

/* Word by word: names and place words from lists, numbers class-preserving. */
static void words_surrogate(mc_buf *o, const mc_phi_doc *d, mc_phi_type type, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (isalpha(c) || c >= 0x80) {
			size_t a = i;
			while (i < n && (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80 || s[i] == '\''))
				i++;
			size_t wn = i - a;
			uint32_t f = phi_dict_get(&d->phi->dict, s + a, wn);
			if (wn == 1) {
				uint64_t v = h64(d, "initial", s + a, wn);
				Xputc(o, (char)('A' + v % 26));
			} else if (type != MC_PHI_NAME && (f & (D_STREET | D_UNIT | D_ORG_SUFFIX | D_STATE))) {
				Xput(o, s + a, wn);
			} else if (type == MC_PHI_NAME) {
				uint64_t v = h64(d, "name", s + a, wn);
				bool first = (f & D_FIRST) && !(f & D_LAST);
				const char *w = first ? first_names[v % (sizeof(first_names) / sizeof(first_names[0]))]
						      : last_names[v % (sizeof(last_names) / sizeof(last_names[0]))];
				put_cased(o, w, s + a, wn);
			} else {
				uint64_t v = h64(d, "place", s + a, wn);
				put_cased(o, place_words[v % (sizeof(place_words) / sizeof(place_words[0]))], s + a, wn);
			}
		} else if (isdigit(c)) {
			size_t a = i;
			while (i < n && isdigit((unsigned char)s[i]))
				i++;
			class_preserving(o, d, "number", s + a, i - a, i - a);
		} else {
			Xputc(o, (char)c);
			i++;
		}
	}
}

static void surrogate(mc_buf *o, mc_phi_doc *d, mc_phi_type type, const char *s, size_t n)
{
	switch (type) {
	case MC_PHI_NAME:
	case MC_PHI_ADDRESS:
	case MC_PHI_CITY:
	case MC_PHI_ORGANIZATION:
	case MC_PHI_STATE:
	case MC_PHI_COUNTRY:
		words_surrogate(o, d, type, s, n);
		break;
	case MC_PHI_EMAIL:
	case MC_PHI_URL: {
		size_t keep = n;
		for (size_t i = n; i > 0; i--)
			if (s[i - 1] == '.') {
				keep = i - 1;
				break;
			}
		size_t a = 0;
		if (type == MC_PHI_URL) {
			const char *p = mc_memcasestr(s, n, "://");
			if (p)
				a = (size_t)(p - s) + 3;
			if (n - a > 4 && strncasecmp(s + a, "www.", 4) == 0)
				a += 4;
			Xput(o, s, a);
		}
		class_preserving(o, d, mc_phi_type_name(type), s + a, n - a, keep > a ? keep - a : 0);
		break;
	}
	default:
		class_preserving(o, d, mc_phi_type_name(type), s, n, n);
		break;
	}
}

int mc_phi_redact(mc_phi_doc *d, const char *text, size_t len, const mc_phi_result *r,
		  mc_phi_mode mode, char **out, size_t *out_len, mc_error *err)
{
	*out = NULL;
	*out_len = 0;
	mc_buf o = MC_BUF_INIT;
	if (mc_buf_grow(&o, len + 16) < 0)
		return mc_error_set(err, MC_ENOMEM, "out of memory redacting text");
	size_t pos = 0;
	out_failed = false;
	bool shift = mode == MC_PHI_MODE_SURROGATE || d->phi->shift_dates;
	if (mode == MC_PHI_MODE_SURROGATE || shift)
		phi_doc_keys(d);
	for (size_t k = 0; mode != MC_PHI_MODE_SPANS && k < r->n; k++) {
		const mc_phi_span *sp = &r->spans[k];
		if (sp->start < pos || sp->end > len)
			continue;
		Xput(&o, text + pos, sp->start - pos);
		const char *s = text + sp->start;
		size_t n = sp->end - sp->start;
		if (sp->type == MC_PHI_AGE) {
			Xputs(&o, "90+");
		} else if (sp->type == MC_PHI_DATE && shift) {
			size_t before = o.len;
			if (!shift_date(&o, s, n, d->date_offset)) {
				o.len = before;
				Xputs(&o, "[DATE]");
			}
		} else if (mode == MC_PHI_MODE_SURROGATE) {
			surrogate(&o, d, sp->type, s, n);
		} else {
			Xputc(&o, '[');
			Xputs(&o, mc_phi_type_name(sp->type));
			Xputc(&o, ']');
		}
		pos = sp->end;
	}
	Xput(&o, text + pos, len - pos);
	if (!o.ptr || o.cap < o.len + 1) {
		if (o.ptr)
			mc_wipe(o.ptr, o.cap);
		mc_buf_release(&o);
		return mc_error_set(err, MC_ENOMEM, "out of memory redacting text");
	}
	*out_len = o.len;
	*out = mc_buf_detach(&o);
	return 0;
}
