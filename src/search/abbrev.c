/* Display expansion of CMS short descriptors: each abbreviation the
 * reviewed table (data/descriptor_abbrev.tsv) reads one way is spelled
 * out; everything else is kept as written.  The same table feeds the
 * search index (index.c), where ambiguous abbreviations index every
 * reading. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "search/search_int.h"

typedef struct outbuf {
	char *out;
	size_t cap, len;
} outbuf;

static void put(outbuf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++, o->len++)
		if (o->cap && o->len + 1 < o->cap)
			o->out[o->len] = s[i];
}

/* The expansion, with a capital first letter when the word had one. */
static void put_expansion(outbuf *o, const char *display, bool capital)
{
	size_t n = strlen(display);
	if (capital && n && islower((unsigned char)display[0])) {
		char c = (char)toupper((unsigned char)display[0]);
		put(o, &c, 1);
		put(o, display + 1, n - 1);
	} else {
		put(o, display, n);
	}
}

static bool word_char(unsigned char c)
{
	return c < 0x80 && isalnum(c);
}

/* The one reading of term, or NULL when the table has none or several. */
static const char *reading(const mc_lexicon *lx, const char *term)
{
	size_t cnt = 0;
	const mc_lex_entry *e = mc_lex_find(lx, true, term, &cnt);
	return e && cnt == 1 ? e->display : NULL;
}

int mc_search_expand_abbrev(char *out, size_t cap, const char *text, mc_error *err)
{
	if (!text || (!out && cap))
		return mc_error_set(err, MC_EINVAL, "expand abbreviations: no text");
	const mc_lexicon *lx = mc_sq_lexicon();
	if (!lx)
		return mc_error_set(err, MC_ENOMEM, "expand abbreviations: cannot load the table");
	outbuf o = { out, cap, 0 };
	const char *p = text;
	while (*p) {
		if (!word_char((unsigned char)*p)) {
			put(&o, p, 1);
			p++;
			continue;
		}
		const char *s = p;
		while (word_char((unsigned char)*p))
			p++;
		size_t n = (size_t)(p - s);
		bool capital = isupper((unsigned char)s[0]);
		char w[MC_SQ_WORD_MAX], pair[2 * MC_SQ_WORD_MAX + 2];
		if (n >= sizeof(w)) {
			put(&o, s, n);
			continue;
		}
		for (size_t i = 0; i < n; i++)
			w[i] = (char)tolower((unsigned char)s[i]);
		w[n] = '\0';
		/* "o/p", "w/o", "a-ao": two words joined by '/' or '-' */
		if ((*p == '/' || *p == '-') && word_char((unsigned char)p[1])) {
			const char *t = p + 1, *te = t;
			while (word_char((unsigned char)*te))
				te++;
			size_t tn = (size_t)(te - t);
			if (tn < MC_SQ_WORD_MAX) {
				snprintf(pair, sizeof(pair), "%s %.*s", w, (int)tn, t);
				for (char *c = pair; *c; c++)
					*c = (char)tolower((unsigned char)*c);
				const char *x = reading(lx, pair);
				if (x) {
					put_expansion(&o, x, capital);
					p = te;
					continue;
				}
			}
		}
		const char *x = reading(lx, w);
		if (!x) {
			put(&o, s, n);
			continue;
		}
		put_expansion(&o, x, capital);
		/* "w/dye": the slash after an expanded "w" is a space */
		if (n == 1 && w[0] == 'w' && *p == '/' && word_char((unsigned char)p[1])) {
			put(&o, " ", 1);
			p++;
		}
	}
	if (o.cap)
		o.out[o.len < o.cap ? o.len : o.cap - 1] = '\0';
	return o.len > (size_t)0x7fffffff ? mc_error_set(err, MC_EINVAL, "expand abbreviations: text too long")
					  : (int)o.len;
}
