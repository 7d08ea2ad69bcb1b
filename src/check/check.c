/* Validation rules: modifiers against the modifier table and the code's
 * fee-schedule indicators, ICD-10-CM codes and titles, NUCC taxonomy codes
 * and specialties, related codes.  Everything official comes from the
 * store; the messages name the official text and where it came from. */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "core/core.h"
#include "medcode/check.h"
#include "medcode/codes.h"
#include "medcode/edits.h"

enum { CITE_MAX = 512, MAX_WORDS = 32, WORD_MAX = 32, CHILDREN_SHOWN = 10 };

static const char PLACEHOLDER[] = "Data not available in the input.";

const char *mc_severity_name(mc_severity s)
{
	switch (s) {
	case MC_SEV_ERROR: return "error";
	case MC_SEV_WARNING: return "warning";
	default: return "info";
	}
}

void mc_findings_init(mc_findings *f)
{
	f->items = NULL;
	f->n = f->cap = 0;
}

void mc_findings_release(mc_findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		mc_finding *x = &f->items[i];
		mc_free(x->rule);
		mc_free(x->subject);
		mc_free(x->where);
		mc_free(x->message);
		mc_free(x->source);
		mc_free(x->suggest);
	}
	mc_free(f->items);
	mc_findings_init(f);
}

int mc_findings_add(mc_findings *f, mc_severity sev, const char *rule, const char *subject,
		    const char *where, const char *source, const char *suggest, const char *fmt, ...)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		mc_finding *p = mc_realloc(f->items, cap * sizeof(*p));
		if (!p)
			return MC_ENOMEM;
		f->items = p;
		f->cap = cap;
	}
	mc_buf msg = MC_BUF_INIT;
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int w = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (w < 0 || mc_buf_grow(&msg, (size_t)w) < 0) {
		va_end(ap2);
		mc_buf_release(&msg);
		return MC_ENOMEM;
	}
	vsnprintf(msg.ptr, (size_t)w + 1, fmt, ap2);
	va_end(ap2);
	msg.len = (size_t)w;
	mc_finding x = { sev, mc_strdup(rule ? rule : ""), mc_strdup(subject ? subject : ""),
			 mc_strdup(where ? where : ""), mc_buf_detach(&msg),
			 mc_strdup(source ? source : ""), suggest ? mc_strdup(suggest) : NULL };
	if (!x.rule || !x.subject || !x.where || !x.message || !x.source || (suggest && !x.suggest)) {
		mc_free(x.rule);
		mc_free(x.subject);
		mc_free(x.where);
		mc_free(x.message);
		mc_free(x.source);
		mc_free(x.suggest);
		return MC_ENOMEM;
	}
	f->items[f->n++] = x;
	return 0;
}

bool mc_findings_failed_since(const mc_findings *f, size_t mark)
{
	for (size_t i = mark; i < f->n; i++)
		if (f->items[i].severity >= MC_SEV_WARNING)
			return true;
	return false;
}

char *mc_check_cite(const mc_source *src, char *out, size_t cap)
{
	if (!cap)
		return out;
	out[0] = '\0';
	if (!src || !src->stream)
		return out;
	snprintf(out, cap, "%s (%s %s)", src->files && *src->files ? src->files : "unknown file",
		 src->stream, src->label ? src->label : "");
	return out;
}

/* ---- text ----------------------------------------------------------- */

/* Lower-case words of s (ASCII letters and digits; other bytes split). */
static size_t words(const char *s, char w[MAX_WORDS][WORD_MAX], bool drop_stop)
{
	static const char *const stop[] = { "a", "an", "the", "and", "of", "or", "for", "in", "with", NULL };
	size_t n = 0;
	while (s && *s && n < MAX_WORDS) {
		while (*s && !isalnum((unsigned char)*s))
			s++;
		size_t len = 0;
		char cur[WORD_MAX];
		while (*s && isalnum((unsigned char)*s)) {
			if (len + 1 < WORD_MAX)
				cur[len++] = (char)tolower((unsigned char)*s);
			s++;
		}
		if (!len)
			break;
		cur[len] = '\0';
		bool skip = false;
		for (size_t i = 0; drop_stop && stop[i]; i++)
			if (strcmp(cur, stop[i]) == 0)
				skip = true;
		if (!skip)
			memcpy(w[n++], cur, len + 1);
	}
	return n;
}

/* Normalise into out: lower case, words separated by one space, articles
 * dropped. */
static void normalise(const char *s, mc_buf *out)
{
	static const char *const art[] = { "a", "an", "the", NULL };
	mc_buf_clear(out);
	while (s && *s) {
		while (*s && !isalnum((unsigned char)*s))
			s++;
		const char *b = s;
		while (*s && isalnum((unsigned char)*s))
			s++;
		size_t len = (size_t)(s - b);
		if (!len)
			break;
		bool skip = false;
		for (size_t i = 0; art[i]; i++)
			if (strlen(art[i]) == len && mc_str_istarts(b, art[i]))
				skip = true;
		if (skip)
			continue;
		if (out->len)
			mc_buf_putc(out, ' ');
		for (size_t i = 0; i < len; i++)
			mc_buf_putc(out, (char)tolower((unsigned char)b[i]));
	}
}

bool mc_check_text_matches(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	mc_buf x = MC_BUF_INIT, y = MC_BUF_INIT;
	normalise(a, &x);
	normalise(b, &y);
	bool eq = x.len == y.len && (x.len == 0 || memcmp(x.ptr, y.ptr, x.len) == 0);
	mc_buf_release(&x);
	mc_buf_release(&y);
	return eq;
}

static bool is_placeholder(const char *s)
{
	return s && mc_check_text_matches(s, PLACEHOLDER);
}

/* Two words name the same thing: equal, or sharing a stem of 6+ letters
 * ("podiatric" / "podiatrist", "radiology" / "radiologic"). */
static bool word_like(const char *a, const char *b)
{
	size_t i = 0;
	while (a[i] && a[i] == b[i])
		i++;
	return (!a[i] && !b[i]) || i >= 6;
}

/* Whether w is like one of set[0..n) by like(). */
static bool in_words(const char *w, char set[][WORD_MAX], size_t n, bool (*like)(const char *, const char *))
{
	for (size_t i = 0; i < n; i++)
		if (like(w, set[i]))
			return true;
	return false;
}

/* ---- lookups -------------------------------------------------------- */

static void today_if_null(const char **date, char buf[MC_DATE_LEN])
{
	if (!*date) {
		mc_date_today(buf);
		*date = buf;
	}
}

/* Look code up in sys; *out must be released by the caller.  Returns the
 * active record, NULL when none; *rc < 0 only when the store failed. */
static const mc_code_record *find(mc_store *s, const char *date, const char *code, mc_system sys,
				  mc_lookup_result *out, int *rc, mc_error *err)
{
	mc_lookup_opts o = { date, sys, 4, false };
	*rc = mc_lookup(s, code, &o, out, err);
	if (*rc == MC_EINVAL) {
		*rc = 0;   /* not a code spelling: simply absent */
		mc_error_clear(err);
		return NULL;
	}
	if (*rc < 0)
		return NULL;
	for (size_t i = 0; i < out->n; i++)
		if (strcmp(out->items[i].state, "active") == 0)
			return &out->items[i];
	return NULL;
}

static const char *attr(const mc_code_record *r, const char *key)
{
	for (size_t i = 0; i < r->nattrs; i++)
		if (strcmp(r->attrs[i].key, key) == 0)
			return r->attrs[i].value;
	return NULL;
}

static bool has_kind(const char *kinds, const char *kind)
{
	size_t n = strlen(kind);
	for (const char *p = kinds; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, kind, n) == 0)
			return true;
		p = e ? e + 1 : p + len;
	}
	return false;
}

/* ---- modifiers ------------------------------------------------------ */

static const mc_rvu_item *main_rvu(const mc_code_record *c)
{
	for (size_t i = 0; i < c->nrvu; i++)
		if (!*c->rvu[i].mod)
			return &c->rvu[i];
	return c->nrvu ? &c->rvu[0] : NULL;
}

static const char *field_of(const mc_code_record *c, int field)
{
	const mc_rvu_item *r = main_rvu(c);
	return r && r->field[field] ? r->field[field] : NULL;
}

static bool is_anesthesia_code(const mc_code_record *c)
{
	/* CPT Anesthesia section 00100-01999 and the anesthesia qualifying
	 * circumstances 99100-99140. */
	const char *k = c->code;
	if (strcmp(c->system, "cpt") != 0 || strlen(k) != 5)
		return false;
	for (int i = 0; i < 5; i++)
		if (!isdigit((unsigned char)k[i]))
			return false;
	return (strcmp(k, "00100") >= 0 && strcmp(k, "01999") <= 0) ||
	       (strcmp(k, "99100") >= 0 && strcmp(k, "99140") <= 0);
}

static bool is_addon(const mc_code_record *c)
{
	const char *g = field_of(c, MC_RVU_GLOBAL);
	return c->naddon_primaries > 0 || (g && strcmp(g, "ZZZ") == 0);
}

/* One indicator rule: modifier mod is judged by field; the values listed
 * in ok allow it, those in info allow it with a note, all others fail. */
typedef struct ind_rule {
	const char *mods[5];
	int field;
	const char *name;      /* mc_rvu_field_names entry */
	const char *rule;
	const char *ok[4];
	const char *info[2];
} ind_rule;

static const ind_rule IND_RULES[] = {
	{ { "50" }, MC_RVU_BILAT, "bilat_surg", "modifier.bilateral", { "1", "3" }, { NULL } },
	{ { "51" }, MC_RVU_MULT_PROC, "mult_proc", "modifier.multiple", { "2", "3", "4", "5" }, { "6", "7" } },
	{ { "62" }, MC_RVU_CO_SURG, "co_surg", "modifier.cosurgeon", { "2" }, { "1" } },
	{ { "66" }, MC_RVU_TEAM, "team_surg", "modifier.team", { "2" }, { "1" } },
	{ { "80", "81", "82", "AS" }, MC_RVU_ASST, "asst_surg", "modifier.assistant", { "2" }, { "0" } },
	{ { "26" }, MC_RVU_PCTC, "pctc", "modifier.pctc", { "1", "6", "8" }, { NULL } },
	{ { "TC" }, MC_RVU_PCTC, "pctc", "modifier.pctc", { "1" }, { NULL } },
};

static bool in_list(const char *const *list, size_t n, const char *v)
{
	for (size_t i = 0; i < n && list[i]; i++)
		if (strcmp(list[i], v) == 0)
			return true;
	return false;
}

int mc_check_modifier_rules(const mc_code_record *code, const char *modifier, const char *kinds,
			    const char *where, mc_findings *out)
{
	char subject[64], cite[CITE_MAX];
	snprintf(subject, sizeof(subject), "modifier %s", modifier);
	mc_check_cite(&code->rvu_source, cite, sizeof(cite));
	int rc = 0;
	if (strcmp(modifier, "51") == 0 && is_addon(code)) {
		const char *g = field_of(code, MC_RVU_GLOBAL);
		char why[256];
		if (code->naddon_primaries)
			snprintf(why, sizeof(why), "%s is an add-on code (NCCI add-on edits list %zu primary code%s)",
				 code->code, code->naddon_primaries, code->naddon_primaries == 1 ? "" : "s");
		else
			snprintf(why, sizeof(why), "%s is an add-on code (global days %s)", code->code, g ? g : "");
		char acite[CITE_MAX];
		mc_check_cite(code->naddon_primaries ? &code->aoc_source : &code->rvu_source, acite, sizeof(acite));
		rc = mc_findings_add(out, MC_SEV_ERROR, "modifier.addon", subject, where, acite, NULL,
				     "%s; modifier 51 is not appended to add-on codes", why);
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i < sizeof(IND_RULES) / sizeof(IND_RULES[0]); i++) {
		const ind_rule *r = &IND_RULES[i];
		if (!in_list(r->mods, 5, modifier))
			continue;
		const char *v = field_of(code, r->field);
		if (!v || !*v) {
			rc = mc_findings_add(out, MC_SEV_INFO, r->rule, subject, where, cite, NULL,
					     "%s has no fee-schedule %s indicator in the store; not checked",
					     code->code, r->name);
			continue;
		}
		const char *meaning = mc_indicator_meaning(r->name, v);
		if (in_list(r->ok, 4, v))
			continue;
		mc_severity sev = in_list(r->info, 2, v) ? MC_SEV_INFO : MC_SEV_ERROR;
		rc = mc_findings_add(out, sev, r->rule, subject, where, cite, NULL,
				     "%s %s indicator is %s (%s)%s", code->code, r->name, v,
				     meaning ? meaning : "no meaning defined",
				     sev == MC_SEV_ERROR ? ": the fee schedule does not allow this modifier"
							 : ": allowed only with supporting documentation");
		if (rc < 0)
			return rc;
	}
	/* 47 (anesthesia by surgeon) goes on the surgical code by definition. */
	if (kinds && has_kind(kinds, "anesthesia") && strcmp(modifier, "47") != 0 &&
	    !is_anesthesia_code(code)) {
		rc = mc_findings_add(out, MC_SEV_ERROR, "modifier.anesthesia", subject, where,
				     "data/modifiers.tsv kinds (medcode, reviewed)", NULL,
				     "%s is an anesthesia modifier (kinds: %s) and %s is not an anesthesia code",
				     modifier, kinds, code->code);
	}
	return rc;
}

int mc_check_modifier(mc_store *s, const char *date, const mc_code_record *code,
		      const char *modifier, const char *description, const char *where,
		      mc_findings *out, mc_error *err)
{
	char dbuf[MC_DATE_LEN], up[MC_CODE_MAX], subject[64];
	today_if_null(&date, dbuf);
	if (!modifier || !mc_code_compact(modifier, up)) {
		return mc_findings_add(out, MC_SEV_ERROR, "modifier.exists", "modifier", where, "", NULL,
				       "'%s' is not a modifier code", modifier ? modifier : "");
	}
	snprintf(subject, sizeof(subject), "modifier %s", up);
	mc_lookup_result r;
	int rc;
	const mc_code_record *m = find(s, date, up, MC_SYS_MODIFIER, &r, &rc, err);
	if (rc < 0)
		goto done;
	if (!m) {
		rc = mc_findings_add(out, MC_SEV_ERROR, "modifier.exists", subject, where,
				     "modifier table: HCPCS Level II file and data/modifiers.tsv", NULL,
				     "no modifier %s exists on %s (neither a CPT Level I nor a HCPCS Level II modifier)",
				     up, date);
		goto done;
	}
	if ((rc = mc_check_modifier_rules(code, up, attr(m, "kinds"), where, out)) < 0)
		goto done;
	if (description && *description) {
		char cite[CITE_MAX];
		mc_check_cite(&m->source, cite, sizeof(cite));
		const char *official = m->title_long ? m->title_long : m->title_short;
		bool builtin = m->source.stream && strcmp(m->source.stream, "modifier-l1") == 0;
		bool same = mc_check_text_matches(description, m->title_long) ||
			    mc_check_text_matches(description, m->title_short);
		if (!same && is_placeholder(description)) {
			/* A description the record lacks is no error: the page
			 * prints the store's. */
			rc = mc_findings_add(out, MC_SEV_INFO, "modifier.description", subject, where, cite, NULL,
					     "the record gives no description of %s (it says '%s'); the %s is "
					     "printed: '%s'", up, description,
					     builtin ? "medcode label" : "official description", official ? official : "");
		} else if (!same && builtin) {
			rc = mc_findings_add(out, MC_SEV_INFO, "modifier.description", subject, where, cite, NULL,
					     "the AMA descriptor of %s is not imported; the stated description '%s' "
					     "was compared with medcode's label '%s' and differs",
					     up, description, official ? official : "");
		} else if (!same) {
			rc = mc_findings_add(out, MC_SEV_ERROR, "modifier.description", subject, where, cite, NULL,
					     "description '%s' does not match the official description of %s: '%s'",
					     description, up, official ? official : "");
		}
	}
done:
	mc_lookup_result_release(&r);
	return rc;
}

/* ---- ICD-10-CM ------------------------------------------------------ */

/* Words of a title that name the same thing: equal, sharing a stem of 6+
 * letters, or the shorter (5+ letters) starting the longer ("ulcer" /
 * "ulceration"). */
static bool title_word_like(const char *a, const char *b)
{
	if (word_like(a, b))
		return true;
	size_t la = strlen(a), lb = strlen(b);
	const char *sh = la < lb ? a : b, *lo = la < lb ? b : a;
	size_t n = la < lb ? la : lb;
	return n >= 5 && strncmp(sh, lo, n) == 0;
}

/* What a candidate's title says that the stated one does not costs: 1 per
 * word; nothing for words that only leave something unspecified (a row
 * that names no site means the unspecified site); much for "without",
 * which turns the meaning around ("with gangrene" vs "without gangrene"). */
static int extra_cost(const char *w)
{
	static const char *const neutral[] = { "unspecified", "site", "nos", NULL };
	for (size_t i = 0; neutral[i]; i++)
		if (strcmp(w, neutral[i]) == 0)
			return 0;
	return strcmp(w, "without") == 0 ? 5 : 1;
}

typedef struct dx_cand {
	const char *code, *title;
	int cover, cost;
} dx_cand;

static int dx_cmp(const void *x, const void *y)
{
	const dx_cand *a = x, *b = y;
	if (a->cover != b->cover)
		return b->cover - a->cover;
	if (a->cost != b->cost)
		return a->cost - b->cost;
	return strcmp(a->code, b->code);
}

enum { DX_SHOWN = 3 };

/* Rank the billable codes of code's category (its first three characters)
 * by the words of a stated title: most stated words covered, then least
 * said beyond them.  Writes the ranked list with each one's reason into
 * msg ("" when nothing covers half the stated words) and the best code
 * into best[MC_CODE_MAX] ("" when none). */
static int dx_suggest(mc_store *s, const char *date, const char *code, const char *title, mc_buf *msg,
		      char best[MC_CODE_MAX], mc_error *err)
{
	best[0] = '\0';
	char compact[MC_CODE_MAX], cat[4];
	if (!title || !*title || !mc_code_compact(code, compact) || strlen(compact) < 3)
		return 0;
	memcpy(cat, compact, 3);
	cat[3] = '\0';
	char sw[MAX_WORDS][WORD_MAX];
	size_t ns = words(title, sw, true);
	if (!ns)
		return 0;
	mc_codes_query q = { MC_SYS_ICD10CM, date, cat, 0, MC_CODES_MAX_COUNT, false };
	mc_code_page page;
	int rc = mc_codes_list(s, &q, &page, err);
	dx_cand *c = rc == 0 && page.n ? mc_calloc(page.n, sizeof(*c)) : NULL;
	if (rc < 0 || (page.n && !c)) {
		rc = rc < 0 ? rc : mc_error_set(err, MC_ENOMEM, "out of memory");
		goto done;
	}
	size_t nc = 0;
	for (size_t i = 0; i < page.n; i++) {
		const mc_code_item *it = &page.items[i];
		char cc[MC_CODE_MAX];
		/* The stated code itself is what the row got wrong. */
		if (it->billable != 1 || !it->title || !mc_code_compact(it->code, cc) ||
		    strncmp(cc, cat, 3) != 0 || strcmp(cc, compact) == 0)
			continue;
		char tw[MAX_WORDS][WORD_MAX];
		size_t nt = words(it->title, tw, true);
		dx_cand x = { it->code, it->title, 0, 0 };
		for (size_t k = 0; k < ns; k++)
			x.cover += in_words(sw[k], tw, nt, title_word_like);
		for (size_t j = 0; j < nt; j++)
			if (!in_words(tw[j], sw, ns, title_word_like))
				x.cost += extra_cost(tw[j]);
		c[nc++] = x;
	}
	if (!nc)
		goto done;
	qsort(c, nc, sizeof(*c), dx_cmp);
	if (2 * c[0].cover < (int)ns)
		goto done;
	snprintf(best, MC_CODE_MAX, "%s", c[0].code);
	if (mc_buf_printf(msg, "; by the stated words, category %s suggests", cat) < 0)
		goto oom;
	/* The runners-up: as many stated words, at most two more said. */
	for (size_t i = 0; i < nc && i < DX_SHOWN && c[i].cover == c[0].cover && c[i].cost <= c[0].cost + 2;
	     i++) {
		char tw[MAX_WORDS][WORD_MAX];
		size_t nt = words(c[i].title, tw, true);
		if (mc_buf_printf(msg, "%s %zu. %s '%s' (", i ? ";" : "", i + 1, c[i].code, c[i].title) < 0)
			goto oom;
		if (c[i].cover == (int)ns)
			rc = mc_buf_printf(msg, "has every stated word");
		else
			rc = mc_buf_printf(msg, "has %d of %zu stated words", c[i].cover, ns);
		size_t said = 0;
		for (size_t j = 0; j < nt && rc == 0; j++)
			if (!in_words(tw[j], sw, ns, title_word_like))
				rc = mc_buf_printf(msg, "%s%s", said++ ? ", " : "; adds: ", tw[j]);
		if (rc < 0 || mc_buf_putc(msg, ')') < 0)
			goto oom;
	}
	rc = 0;
	goto done;
oom:
	rc = mc_error_set(err, MC_ENOMEM, "out of memory");
done:
	mc_free(c);
	mc_code_page_release(&page);
	return rc;
}

int mc_check_icd10cm(mc_store *s, const char *date, const char *code, const char *title,
		     const char *where, mc_findings *out, mc_error *err)
{
	char dbuf[MC_DATE_LEN], subject[64], cite[CITE_MAX];
	today_if_null(&date, dbuf);
	snprintf(subject, sizeof(subject), "ICD-10-CM %s", code ? code : "");
	mc_lookup_result r;
	mc_buf sug = MC_BUF_INIT;
	char best[MC_CODE_MAX] = "";
	int rc;
	const mc_code_record *c = find(s, date, code ? code : "", MC_SYS_ICD10CM, &r, &rc, err);
	if (rc < 0)
		goto done;
	if (!c) {
		if (title && *title && !is_placeholder(title) &&
		    (rc = dx_suggest(s, date, code ? code : "", title, &sug, best, err)) < 0)
			goto done;
		rc = mc_findings_add(out, MC_SEV_ERROR, "icd10cm.exists", subject, where,
				     "ICD-10-CM releases in the store", *best ? best : NULL,
				     "no ICD-10-CM code %s is valid on %s%s", code ? code : "", date,
				     sug.ptr ? sug.ptr : "");
		goto done;
	}
	mc_check_cite(&c->source, cite, sizeof(cite));
	bool stated = title && *title && !is_placeholder(title);
	bool title_wrong = stated && !mc_check_text_matches(title, c->title_long) &&
			   !mc_check_text_matches(title, c->title_short) &&
			   !mc_check_text_matches(title, c->title_other);
	/* Suggestions come from what the row means (its stated title) against
	 * the whole category, not from the children of a header it named by
	 * mistake. */
	if (stated && (c->billable == 0 || title_wrong) &&
	    (rc = dx_suggest(s, date, c->code, title, &sug, best, err)) < 0)
		goto done;
	if (c->billable == 0) {
		mc_buf b = MC_BUF_INIT;
		for (size_t i = 0; i < c->nchildren && i < CHILDREN_SHOWN; i++)
			mc_buf_printf(&b, "%s%s", i ? ", " : "", c->children[i].code);
		if (c->nchildren > CHILDREN_SHOWN || c->children_truncated)
			mc_buf_printf(&b, ", ... (%zu%s in all)", c->nchildren, c->children_truncated ? "+" : "");
		if (*best && !title_wrong)
			rc = mc_findings_add(out, MC_SEV_ERROR, "icd10cm.billable", subject, where, cite, best,
					     "%s is a header (not billable): '%s'%s", c->code,
					     c->title_long ? c->title_long : "", sug.ptr);
		else if (title_wrong)
			rc = mc_findings_add(out, MC_SEV_ERROR, "icd10cm.billable", subject, where, cite,
					     *best ? best : NULL, "%s is a header (not billable): '%s'", c->code,
					     c->title_long ? c->title_long : "");
		else
			rc = mc_findings_add(out, MC_SEV_ERROR, "icd10cm.billable", subject, where, cite,
					     c->nchildren ? c->children[0].code : NULL,
					     "%s is a header (not billable): '%s'; its billable codes: %s", c->code,
					     c->title_long ? c->title_long : "", b.ptr ? b.ptr : "none listed");
		mc_buf_release(&b);
		if (rc < 0)
			goto done;
	}
	if (title_wrong) {
		rc = mc_findings_add(out, MC_SEV_ERROR, "icd10cm.title", subject, where, cite, *best ? best : NULL,
				     "stated title '%s' does not match the official title of %s: '%s'%s", title,
				     c->code, c->title_long ? c->title_long : c->title_short ? c->title_short : "",
				     sug.ptr ? sug.ptr : "");
	}
done:
	mc_buf_release(&sug);
	mc_lookup_result_release(&r);
	return rc;
}

/* ---- taxonomy ------------------------------------------------------- */

typedef struct tax_score {
	int cover;          /* words of the specialty found in the code's names */
	int extra;          /* words of the code's own name not in the specialty */
	bool specific;      /* has a specialization */
} tax_score;

static tax_score score(char sw[MAX_WORDS][WORD_MAX], size_t ns, const char *grouping,
		       const char *classification, const char *specialization)
{
	char all[3 * MAX_WORDS][WORD_MAX];
	char own[MAX_WORDS][WORD_MAX];
	size_t na = 0, no;
	char tmp[MAX_WORDS][WORD_MAX];
	const char *parts[3] = { grouping, classification, specialization };
	for (int p = 0; p < 3; p++) {
		size_t n = words(parts[p], tmp, true);
		for (size_t i = 0; i < n && na < 3 * MAX_WORDS; i++)
			memcpy(all[na++], tmp[i], WORD_MAX);
	}
	bool spec = specialization && *specialization;
	no = words(spec ? specialization : classification, own, true);
	tax_score t = { 0, 0, spec };
	for (size_t i = 0; i < ns; i++)
		t.cover += in_words(sw[i], all, na, word_like);
	for (size_t k = 0; k < no; k++)
		t.extra += !in_words(own[k], sw, ns, word_like);
	return t;
}

/* The best taxonomy code for a specialty so far. */
typedef struct tax_best {
	char (*sw)[WORD_MAX];
	size_t ns;
	tax_score score;
	bool have;
	char *out, *name;
	size_t cap, name_cap;
} tax_best;

static int tax_consider(const mc_taxonomy_row *r, void *payload)
{
	tax_best *b = payload;
	tax_score t = score(b->sw, b->ns, r->grouping, r->classification, r->specialization);
	if (!t.cover)
		return 0;
	if (!b->have || t.cover > b->score.cover ||
	    (t.cover == b->score.cover && t.extra < b->score.extra)) {
		b->score = t;
		b->have = true;
		snprintf(b->out, b->cap, "%s", r->code);
		snprintf(b->name, b->name_cap, "%s", r->display ? r->display : "");
	}
	return 0;
}

int mc_taxonomy_suggest(mc_store *s, const char *date, const char *specialty, char *out,
			size_t cap, char *name, size_t name_cap, mc_error *err)
{
	char dbuf[MC_DATE_LEN];
	today_if_null(&date, dbuf);
	if (cap)
		out[0] = '\0';
	if (name_cap)
		name[0] = '\0';
	char sw[MAX_WORDS][WORD_MAX];
	size_t ns = words(specialty, sw, true);
	if (!ns)
		return mc_error_set(err, MC_ENOTFOUND, "no words to match in '%s'", specialty ? specialty : "");
	tax_best best = { sw, ns, { 0, 0, false }, false, out, name, cap, name_cap };
	int rc = mc_store_taxonomy(s, date, tax_consider, &best, err);
	if (rc < 0)
		return rc;
	if (!best.have)
		return mc_error_set(err, MC_ENOTFOUND, "no taxonomy code matches '%s'", specialty);
	return 0;
}

static bool specialty_matches(const mc_code_record *c, const char *specialty)
{
	char sw[MAX_WORDS][WORD_MAX];
	size_t ns = words(specialty, sw, true);
	if (!ns)
		return true;
	if (mc_check_text_matches(specialty, c->title_long) || mc_check_text_matches(specialty, c->title_short))
		return true;
	tax_score t = score(sw, ns, attr(c, "grouping"), attr(c, "classification"), attr(c, "specialization"));
	return t.cover == (int)ns;
}

int mc_check_taxonomy(mc_store *s, const char *date, const char *code, const char *specialty,
		      const char *where, mc_findings *out, mc_error *err)
{
	char dbuf[MC_DATE_LEN], subject[64], cite[CITE_MAX];
	today_if_null(&date, dbuf);
	snprintf(subject, sizeof(subject), "taxonomy %s", code ? code : "");
	mc_lookup_result r;
	int rc;
	const mc_code_record *c = find(s, date, code ? code : "", MC_SYS_TAXONOMY, &r, &rc, err);
	if (rc < 0)
		goto done;
	if (c && (!specialty || !*specialty || specialty_matches(c, specialty)))
		goto done;
	char sug[32] = "", sname[256] = "";
	if (specialty && *specialty) {
		mc_error e2;
		int src = mc_taxonomy_suggest(s, date, specialty, sug, sizeof(sug), sname, sizeof(sname), &e2);
		if (src < 0 && src != MC_ENOTFOUND) {
			rc = src;
			if (err)
				*err = e2;
			goto done;
		}
	}
	char hint[400] = "";
	if (*sug)
		snprintf(hint, sizeof(hint), "; for %s use %s (%s)", specialty, sug, sname);
	else if (specialty && *specialty)
		snprintf(hint, sizeof(hint), "; no taxonomy code's name matches '%s'", specialty);
	if (!c) {
		rc = mc_findings_add(out, MC_SEV_ERROR, "taxonomy.exists", subject, where,
				     "NUCC taxonomy release in the store", *sug ? sug : NULL,
				     "no taxonomy code %s exists on %s%s", code ? code : "", date, hint);
	} else {
		mc_check_cite(&c->source, cite, sizeof(cite));
		rc = mc_findings_add(out, MC_SEV_ERROR, "taxonomy.specialty", subject, where, cite,
				     *sug ? sug : NULL, "%s is '%s', not '%s'%s", c->code,
				     c->title_long ? c->title_long : "", specialty, hint);
	}
done:
	mc_lookup_result_release(&r);
	return rc;
}

/* ---- related codes -------------------------------------------------- */

int mc_check_code_exists(mc_store *s, const char *date, const char *code, const char *where,
			 mc_findings *out, mc_error *err)
{
	char dbuf[MC_DATE_LEN], subject[64];
	today_if_null(&date, dbuf);
	snprintf(subject, sizeof(subject), "code %s", code ? code : "");
	mc_lookup_result r;
	int rc;
	const mc_code_record *c = find(s, date, code ? code : "", MC_SYS_NONE, &r, &rc, err);
	if (rc >= 0 && !c) {
		const char *state = r.n ? r.items[0].state : NULL;
		rc = mc_findings_add(out, MC_SEV_ERROR, "related.exists", subject, where,
				     "code systems in the store", NULL, "%s %s on %s", code ? code : "",
				     state && strcmp(state, "deleted") == 0 ? "was deleted before" :
				     state ? "is not yet valid" : "does not exist in any code system in the store",
				     date);
	}
	mc_lookup_result_release(&r);
	return rc;
}

/* ---- what a related code is said to be ------------------------------ */

extern const unsigned char mc_embedded_descriptor_contrasts[];
extern const size_t mc_embedded_descriptor_contrasts_len;

enum { MAX_CONTRASTS = 64 };

typedef struct contrast {
	char dim[16], value[32], forms[256], source[400];
} contrast;

static contrast contrasts[MAX_CONTRASTS];
static size_t ncontrasts;
static pthread_once_t contrasts_once = PTHREAD_ONCE_INIT;

/* Copy the rows of an embedded TSV (header skipped) into fixed-size
 * string fields: row i of at most max rows goes to base + i * row_size,
 * field k to the char array at offs[k] of size sizes[k].  Rows with fewer
 * than ncols fields are skipped.  Returns the rows kept. */
static size_t tsv_load(const unsigned char *data, size_t len, void *base, size_t row_size, size_t max,
		       size_t ncols, const size_t *offs, const size_t *sizes)
{
	mc_csv r;
	mc_csv_row row;
	mc_csv_init(&r, (const char *)data, len, '\t', false);
	bool header = true;
	size_t n = 0;
	while (mc_csv_next(&r, &row, NULL) == 1 && n < max) {
		if (header || row.count < ncols) {
			header = false;
			continue;
		}
		char *dst = (char *)base + n++ * row_size;
		for (size_t k = 0; k < ncols; k++)
			mc_copy_trim(dst + offs[k], sizes[k], row.field[k], SIZE_MAX);
	}
	mc_csv_release(&r);
	return n;
}

#define FIELD(type, f) offsetof(type, f)
#define FSIZE(type, f) sizeof(((type *)0)->f)

static void contrasts_load(void)
{
	static const size_t offs[] = { FIELD(contrast, dim), FIELD(contrast, value), FIELD(contrast, forms),
				       FIELD(contrast, source) };
	static const size_t sizes[] = { FSIZE(contrast, dim), FSIZE(contrast, value), FSIZE(contrast, forms),
					FSIZE(contrast, source) };
	ncontrasts = tsv_load(mc_embedded_descriptor_contrasts, mc_embedded_descriptor_contrasts_len, contrasts,
			      sizeof(contrast), MAX_CONTRASTS, 4, offs, sizes);
}

static bool form_in(const char *forms, const char *w, size_t n)
{
	for (const char *p = forms; *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, w, n) == 0)
			return true;
		p = e ? e + 1 : p + len;
	}
	return false;
}

/* The contrast rows whose forms occur in text, as a bit set.  Words are
 * lower-cased letters and digits; a hyphen inside a word joins ("x-rays"
 * is "xrays"); a plural 's' may drop. */
static uint64_t contrasts_named(const char *text)
{
	uint64_t set = 0;
	const char *p = text ? text : "";
	while (*p) {
		char w[40];
		size_t n = 0;
		while (*p && !isalnum((unsigned char)*p))
			p++;
		while (*p && (isalnum((unsigned char)*p) ||
			      (*p == '-' && n && isalnum((unsigned char)p[1])))) {
			if (*p != '-' && n + 1 < sizeof(w))
				w[n++] = (char)tolower((unsigned char)*p);
			p++;
		}
		if (!n)
			continue;
		for (size_t i = 0; i < ncontrasts; i++)
			if (form_in(contrasts[i].forms, w, n) ||
			    (n > 3 && w[n - 1] == 's' && form_in(contrasts[i].forms, w, n - 1)))
				set |= (uint64_t)1 << i;
	}
	return set;
}

/* "tibial-peroneal, iliac": the values of dim in set. */
static void values_of(uint64_t set, const char *dim, char *out, size_t cap)
{
	size_t w = 0;
	out[0] = '\0';
	for (size_t i = 0; i < ncontrasts && w < cap; i++)
		if ((set >> i & 1) && strcmp(contrasts[i].dim, dim) == 0)
			w += (size_t)snprintf(out + w, cap - w, "%s%s", w ? ", " : "", contrasts[i].value);
}

int mc_check_meaning(const char *code, const char *stated, const char *official, const char *cite,
		     const char *where, mc_findings *out)
{
	if (!stated || !*stated || is_placeholder(stated) || !official || !*official)
		return 0;
	pthread_once(&contrasts_once, contrasts_load);
	uint64_t said = contrasts_named(stated), is = contrasts_named(official);
	char subject[64];
	snprintf(subject, sizeof(subject), "code %s", code ? code : "");
	int rc = 0;
	for (size_t i = 0; i < ncontrasts && rc == 0; i++) {
		const char *dim = contrasts[i].dim;
		bool first = true;
		for (size_t k = 0; k < i && first; k++)
			first = strcmp(contrasts[k].dim, dim) != 0;
		if (!first)
			continue;
		uint64_t in_dim = 0;
		for (size_t k = i; k < ncontrasts; k++)
			if (strcmp(contrasts[k].dim, dim) == 0)
				in_dim |= (uint64_t)1 << k;
		uint64_t a = said & in_dim, b = is & in_dim;
		if (!a || !b || (a & b))
			continue;
		char sv[200], ov[200];
		values_of(a, dim, sv, sizeof(sv));
		values_of(b, dim, ov, sizeof(ov));
		size_t why = 0;
		while (!(b >> why & 1))
			why++;
		mc_buf src = MC_BUF_INIT;
		if (mc_buf_printf(&src, "%s%sdata/descriptor_contrasts.tsv: %s", cite ? cite : "",
				  cite && *cite ? "; " : "", contrasts[why].source) < 0) {
			mc_buf_release(&src);
			return MC_ENOMEM;
		}
		rc = mc_findings_add(out, MC_SEV_ERROR, "related.meaning", subject, where, src.ptr, NULL,
				     "the record describes %s by %s '%s', but its official descriptor '%s' names %s "
				     "'%s'", code ? code : "the code", dim, sv, official, dim, ov);
		mc_buf_release(&src);
	}
	return rc;
}

int mc_check_related(mc_store *s, const char *date, const char *code, const char *description,
		     const char *where, mc_findings *out, mc_error *err)
{
	char dbuf[MC_DATE_LEN];
	today_if_null(&date, dbuf);
	size_t mark = out->n;
	int rc = mc_check_code_exists(s, date, code, where, out, err);
	if (rc < 0 || out->n > mark || !description || !*description || is_placeholder(description))
		return rc;
	mc_lookup_result r;
	const mc_code_record *c = find(s, date, code, MC_SYS_NONE, &r, &rc, err);
	if (rc == 0 && c) {
		char cite[CITE_MAX];
		rc = mc_check_meaning(c->code, description, c->title_long ? c->title_long : c->title_short,
				      mc_check_cite(&c->source, cite, sizeof(cite)), where, out);
	}
	mc_lookup_result_release(&r);
	return rc;
}

/* ---- time-bound claims ---------------------------------------------- */

enum { CLAIM_WINDOW = 3, CLAIM_MAX_TOKENS = 256 };

typedef struct tok {
	const char *p;
	size_t n;
} tok;

static bool tok_is(const tok *t, const char *w)
{
	return strlen(w) == t->n && mc_str_istarts(t->p, w);
}

/* Words that date a code: "new" kinds need the code to be young, "soon"
 * kinds need it not yet in force. */
static int claim_kind(const tok *t, const tok *next)
{
	static const char *const young[] = { "new", "newly", "brand-new", "recent", "recently", "latest", NULL };
	static const char *const soon[] = { "upcoming", "forthcoming", "soon", NULL };
	for (size_t i = 0; young[i]; i++)
		if (tok_is(t, young[i]))
			return 1;
	for (size_t i = 0; soon[i]; i++)
		if (tok_is(t, soon[i]))
			return 2;
	if (tok_is(t, "will") && next && (tok_is(next, "take") || tok_is(next, "become")))
		return 2;
	return 0;
}

static bool names_code(const tok *t, const char *code)
{
	char a[MC_CODE_MAX], b[MC_CODE_MAX], w[MC_CODE_MAX];
	if (tok_is(t, "code") || tok_is(t, "codes"))
		return true;
	if (t->n >= sizeof(w))
		return false;
	memcpy(w, t->p, t->n);
	w[t->n] = '\0';
	return code && mc_code_compact(w, a) && mc_code_compact(code, b) && strcmp(a, b) == 0;
}

int mc_check_time_claims(const char *text, const char *code, const char *date, const mc_code_history *h,
			 const char *where, mc_findings *out)
{
	if (!text || !h || !h->earliest || !h->earliest_event || !date)
		return 0;
	char year_before[MC_DATE_LEN];
	if (!mc_date_add_days(date, -365, year_before))
		return 0;
	char cite[CITE_MAX], subject[64];
	mc_check_cite(&h->earliest_event->source, cite, sizeof(cite));
	snprintf(subject, sizeof(subject), "claim about %s", code ? code : "the code");
	const char *p = text;
	while (*p) {
		/* One sentence: up to . ! ? or a line break followed by space or the end. */
		const char *s0 = p;
		while (*p && !((*p == '.' || *p == '!' || *p == '?') && (!p[1] || isspace((unsigned char)p[1]))) &&
		       *p != '\n')
			p++;
		const char *s1 = *p ? p + 1 : p;
		tok t[CLAIM_MAX_TOKENS];
		size_t nt = 0;
		for (const char *q = s0; q < p && nt < CLAIM_MAX_TOKENS;) {
			while (q < p && !isalnum((unsigned char)*q))
				q++;
			const char *b = q;
			while (q < p && (isalnum((unsigned char)*q) || ((*q == '-' || *q == '.') && q + 1 < p &&
									 isalnum((unsigned char)q[1]) && q > b)))
				q++;
			if (q > b)
				t[nt++] = (tok){ b, (size_t)(q - b) };
		}
		int found = 0;
		size_t at = 0;
		for (size_t i = 0; i < nt && !found; i++) {
			int k = claim_kind(&t[i], i + 1 < nt ? &t[i + 1] : NULL);
			if (!k)
				continue;
			size_t lo = i > CLAIM_WINDOW ? i - CLAIM_WINDOW : 0, hi = i + CLAIM_WINDOW + 1;
			for (size_t j = lo; j < nt && j < hi && !found; j++)
				if (j != i && names_code(&t[j], code))
					found = k, at = i;
		}
		bool stale = (found == 1 && strcmp(h->earliest, year_before) <= 0) ||
			     (found == 2 && strcmp(h->earliest, date) <= 0);
		if (stale) {
			int len = (int)(p - s0);
			int rc = mc_findings_add(out, MC_SEV_WARNING, "claim.stale", subject, where, cite, NULL,
						 "'%.*s' (in '%.*s'): %s has been in force since %s at the latest (%s), %s %s",
						 (int)t[at].n, t[at].p, len, s0, code ? code : "the code", h->earliest,
						 h->earliest_event->detail ? h->earliest_event->detail : "",
						 found == 1 ? "more than a year before" : "before", date);
			if (rc < 0)
				return rc;
		}
		p = s1;
		while (*p && isspace((unsigned char)*p))
			p++;
	}
	return 0;
}

/* ---- modifiers a coder checks --------------------------------------- */

extern const unsigned char mc_embedded_modifier_rules[];
extern const size_t mc_embedded_modifier_rules_len;

enum { MAX_MOD_RULES = 96 };

typedef struct mod_rule {
	char mod[8], when[48], verdict[24], reason[400], source[400];
} mod_rule;

static mod_rule mod_rules[MAX_MOD_RULES];
static size_t nmod_rules;
static pthread_once_t mod_rules_once = PTHREAD_ONCE_INIT;

static void mod_rules_load(void)
{
	static const size_t offs[] = { FIELD(mod_rule, mod), FIELD(mod_rule, when), FIELD(mod_rule, verdict),
				       FIELD(mod_rule, reason), FIELD(mod_rule, source) };
	static const size_t sizes[] = { FSIZE(mod_rule, mod), FSIZE(mod_rule, when), FSIZE(mod_rule, verdict),
					FSIZE(mod_rule, reason), FSIZE(mod_rule, source) };
	nmod_rules = tsv_load(mc_embedded_modifier_rules, mc_embedded_modifier_rules_len, mod_rules,
			      sizeof(mod_rule), MAX_MOD_RULES, 5, offs, sizes);
}

static const char *const VERDICTS[] = { "applies", "may apply", "contractor decides", "does not apply",
					"not checked", NULL };

static const char *verdict_static(const char *v)
{
	for (size_t i = 0; VERDICTS[i]; i++)
		if (strcmp(VERDICTS[i], v) == 0)
			return VERDICTS[i];
	return "not checked";
}

static bool is_em_code(const mc_code_record *c)
{
	const char *k = c->code;
	if (strcmp(c->system, "cpt") != 0 || strlen(k) != 5)
		return false;
	for (int i = 0; i < 5; i++)
		if (!isdigit((unsigned char)k[i]))
			return false;
	return strcmp(k, "99202") >= 0 && strcmp(k, "99499") <= 0;
}

static bool has_rvu_mod(const mc_code_record *c, const char *mod)
{
	for (size_t i = 0; i < c->nrvu; i++)
		if (strcmp(c->rvu[i].mod, mod) == 0)
			return true;
	return false;
}

/* "field:a,b" / "field:*" against a fee-schedule value. */
static bool value_in(const char *list, const char *v)
{
	if (!v || !*v)
		return false;
	if (strcmp(list, "*") == 0)
		return true;
	return has_kind(list, v);
}

typedef struct guide_ctx {
	mc_store *s;
	const char *date;
	const mc_code_record *code;
	mc_ptp_summary ptp;
	bool ptp_read;
	mc_error *err;
} guide_ctx;

/* Does the code meet the rule's condition?  *facts gets which facts it
 * read ('r' fee schedule, 'p' PTP), for the citation. */
static int rule_holds(guide_ctx *g, const mod_rule *m, char *facts, bool *holds)
{
	const char *w = m->when;
	*holds = false;
	if (strcmp(w, "*") == 0) {
		*holds = true;
	} else if (strcmp(w, "em") == 0) {
		*holds = is_em_code(g->code);
	} else if (strcmp(w, "anesthesia") == 0) {
		*holds = is_anesthesia_code(g->code);
	} else if (strcmp(w, "rvu53") == 0) {
		*facts = 'r';
		*holds = has_rvu_mod(g->code, "53");
	} else if (strncmp(w, "global:", 7) == 0) {
		*facts = 'r';
		*holds = value_in(w + 7, field_of(g->code, MC_RVU_GLOBAL));
	} else if (strncmp(w, "bilat:", 6) == 0) {
		*facts = 'r';
		*holds = value_in(w + 6, field_of(g->code, MC_RVU_BILAT));
	} else if (strcmp(w, "ptp_mi1") == 0 || strcmp(w, "ptp_loaded") == 0) {
		if (!g->ptp_read) {
			int rc = mc_store_ptp_summary(g->s, g->code->code, g->date, &g->ptp, g->err);
			if (rc < 0)
				return rc;
			g->ptp_read = true;
		}
		*facts = 'p';
		*holds = strcmp(w, "ptp_loaded") == 0 ? g->ptp.loaded : g->ptp.loaded && g->ptp.modifier_allowed > 0;
	}
	return 0;
}

/* The rule's reason with {global}, {bilat}, {ptp}, {ptp1} filled in. */
static int fill_reason(guide_ctx *g, const char *tmpl, mc_buf *out)
{
	for (const char *p = tmpl; *p;) {
		const char *v = NULL;
		char num[32];
		size_t skip = 0;
		if (strncmp(p, "{global}", 8) == 0)
			v = field_of(g->code, MC_RVU_GLOBAL), skip = 8;
		else if (strncmp(p, "{bilat}", 7) == 0)
			v = field_of(g->code, MC_RVU_BILAT), skip = 7;
		else if (strncmp(p, "{ptp1}", 6) == 0)
			snprintf(num, sizeof(num), "%ld", g->ptp.modifier_allowed), v = num, skip = 6;
		else if (strncmp(p, "{ptp}", 5) == 0)
			snprintf(num, sizeof(num), "%ld", g->ptp.total), v = num, skip = 5;
		int rc = skip ? mc_buf_puts(out, v ? v : "?") : mc_buf_putc(out, *p);
		if (rc < 0)
			return MC_ENOMEM;
		p += skip ? skip : 1;
	}
	if (!out->ptr && mc_buf_puts(out, "") < 0)
		return MC_ENOMEM;
	return 0;
}

static int advise(guide_ctx *g, const char *mod, mc_mod_advice *a)
{
	memset(a, 0, sizeof(*a));
	size_t ml = strnlen(mod, sizeof(a->modifier) - 1);
	memcpy(a->modifier, mod, ml);
	a->modifier[ml] = '\0';
	mc_lookup_result r;
	int rc;
	char cite[CITE_MAX] = "";
	const mc_code_record *m = find(g->s, g->date, mod, MC_SYS_MODIFIER, &r, &rc, g->err);
	if (rc < 0)
		goto done;
	if (m) {
		const char *d = m->title_long ? m->title_long : m->title_short;
		a->description = mc_strdup(d ? d : PLACEHOLDER);
		a->description_source = mc_strdup(mc_check_cite(&m->source, cite, sizeof(cite)));
		a->label_only = m->source.stream && strcmp(m->source.stream, "modifier-l1") == 0;
	} else {
		a->description_source = mc_strdup("");
	}
	if ((m && !a->description) || !a->description_source) {
		rc = mc_error_set(g->err, MC_ENOMEM, "out of memory");
		goto done;
	}
	if (!m) {
		a->verdict = "not in force";
		a->reason = mc_strdup("no such modifier is in force on the date in the store's modifier lists");
		a->source = mc_strdup("HCPCS Level II modifier list and data/modifiers.tsv in the store");
		if (!a->reason || !a->source)
			rc = mc_error_set(g->err, MC_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nmod_rules; i++) {
		const mod_rule *x = &mod_rules[i];
		if (strcmp(x->mod, mod) != 0)
			continue;
		char facts = 0;
		bool holds;
		if ((rc = rule_holds(g, x, &facts, &holds)) < 0)
			goto done;
		if (!holds)
			continue;
		mc_buf why = MC_BUF_INIT, src = MC_BUF_INIT;
		rc = fill_reason(g, x->reason, &why);
		if (rc == 0)
			rc = mc_buf_printf(&src, "data/modifier_rules.tsv: %s", x->source);
		if (rc == 0 && facts == 'r' && g->code->rvu_source.stream)
			rc = mc_buf_printf(&src, "; %s", mc_check_cite(&g->code->rvu_source, cite, sizeof(cite)));
		if (rc == 0 && facts == 'p' && g->ptp.loaded)
			rc = mc_buf_printf(&src, "; %s (ptp %s)", g->ptp.files, g->ptp.label);
		if (rc < 0) {
			mc_buf_release(&why);
			mc_buf_release(&src);
			rc = mc_error_set(g->err, MC_ENOMEM, "out of memory");
			goto done;
		}
		a->verdict = verdict_static(x->verdict);
		a->reason = mc_buf_detach(&why);
		a->source = mc_buf_detach(&src);
		if (!a->reason || !a->source)
			rc = mc_error_set(g->err, MC_ENOMEM, "out of memory");
		goto done;
	}
	a->verdict = "not checked";
	a->reason = mc_strdup("no rule of data/modifier_rules.tsv covers this code");
	a->source = mc_strdup("data/modifier_rules.tsv");
	if (!a->reason || !a->source)
		rc = mc_error_set(g->err, MC_ENOMEM, "out of memory");
done:
	mc_lookup_result_release(&r);
	return rc;
}

int mc_check_modifier_guide(mc_store *s, const char *date, const mc_code_record *code, mc_mod_guide *out,
			    mc_error *err)
{
	char dbuf[MC_DATE_LEN];
	today_if_null(&date, dbuf);
	out->items = NULL;
	out->n = 0;
	pthread_once(&mod_rules_once, mod_rules_load);
	out->items = mc_calloc(nmod_rules ? nmod_rules : 1, sizeof(*out->items));
	if (!out->items)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	guide_ctx g = { s, date, code, { 0 }, false, err };
	for (size_t i = 0; i < nmod_rules; i++) {
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(mod_rules[k].mod, mod_rules[i].mod) == 0;
		if (seen)
			continue;
		int rc = advise(&g, mod_rules[i].mod, &out->items[out->n]);
		out->n++;
		if (rc < 0)
			return rc;
	}
	return 0;
}

void mc_mod_guide_release(mc_mod_guide *g)
{
	for (size_t i = 0; g->items && i < g->n; i++) {
		mc_free(g->items[i].description);
		mc_free(g->items[i].description_source);
		mc_free(g->items[i].reason);
		mc_free(g->items[i].source);
	}
	mc_free(g->items);
	g->items = NULL;
	g->n = 0;
}

int mc_check_modifier_guided(const mc_mod_guide *g, const char *modifier, const char *where, mc_findings *out)
{
	char up[MC_CODE_MAX];
	if (!g || !modifier || !mc_code_compact(modifier, up))
		return 0;
	for (size_t i = 0; i < g->n; i++) {
		const mc_mod_advice *a = &g->items[i];
		if (strcmp(a->modifier, up) != 0 || strcmp(a->verdict, "does not apply") != 0)
			continue;
		char subject[64];
		snprintf(subject, sizeof(subject), "modifier %s", up);
		return mc_findings_add(out, MC_SEV_ERROR, "modifier.rule", subject, where, a->source, NULL,
				       "%s does not apply to this code: %s", up, a->reason);
	}
	return 0;
}
