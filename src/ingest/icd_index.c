/* ICD-10-CM Alphabetic Index and External Cause Index XML
 * (icd10cm_index_YYYY.xml, icd10cm_eindex_YYYY.xml; icd10cm_index.xsd),
 * read with expat as a stream of SAX events.
 *
 *   <ICD10CM.index>
 *     <version>2026</version>
 *     <title>ICD-10-CM EXTERNAL CAUSE of INJURIES INDEX</title>
 *     <letter><title>A</title>
 *       <mainTerm><title>Accident<nemod>(to)</nemod></title><code>X58</code>
 *         <term level="1"><title>aircraft</title><see>...</see>
 *           <seeAlso>...</seeAlso> <term level="2">...</term>
 *
 * One mc_rec_index per mainTerm/term that has a code (<code>, else
 * <subcat> or <seecat>), a <see> or a <seeAlso>: path = the titles from
 * the mainTerm down joined by " > ", each title as printed with its
 * nonessential modifier (<nemod>) in parentheses where it stands.  A
 * <manif> that holds a code gives a second record with column
 * "manifestation".  Terms with <cell col="n"> give one record per
 * non-empty cell (not "-" or "--") with column = the <indexHeading>
 * <head col="n"> text.  The kind is MC_INDEX_EXTERNAL when the root
 * <title> says "External Cause", else MC_INDEX_MAIN (the file name is the
 * tie-breaker when there is no title).
 *
 * The drug and neoplasm tables share this layout, so icd10cm_table.c runs
 * the same walker (mc_icd10cm_index_walk) in table mode, where the kind is
 * MC_INDEX_DRUG or MC_INDEX_NEOPLASM from the column headings.
 *
 * Release: <version> (else the file name) -> "FY<year>", from
 * (year-1)-10-01, sent before the first entry.  Text in <old> (addenda) is
 * dropped; whitespace runs collapse to one space.  DOCTYPE declarations,
 * nesting deeper than IDX_MAX_DEPTH and malformed XML are MC_EFORMAT
 * "NAME:LINE: ...".
 */
#include <ctype.h>
#include <expat.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/parse_util.h"
#include "ingest/xml_util.h"

#define IDX_MAX_DEPTH 64
#define IDX_MAX_COLS 16
#define IDX_SNIFF 4096

/* Internal, shared with icd10cm_table.c (declared again there). */

enum idx_el {
	EL_SKIP,
	EL_ROOT,
	EL_VERSION,       /* captured */
	EL_ROOT_TITLE,    /* captured */
	EL_HEADING,
	EL_HEAD,          /* captured, col */
	EL_LETTER,
	EL_TERM,          /* mainTerm or term */
	EL_TITLE,         /* captured: term title (or <diff>) */
	EL_NEMOD,         /* inside a captured title */
	EL_FIELD,         /* captured: code, see, seeAlso, manif, subcat, seecat */
	EL_CELL,          /* captured, col */
	EL_INLINE         /* other markup inside captured text */
};

enum idx_field { F_CODE, F_SUBCAT, F_SEECAT, F_SEE, F_SEEALSO, F_MANIF, F_COUNT };

typedef struct idx_frame {
	unsigned char el;
	unsigned char arg;        /* field number, column */
	size_t mark;              /* EL_TERM: path length before its title;
	                             EL_NEMOD: text length at its start */
	bool flushed;             /* EL_TERM: its own record went out */
} idx_frame;

typedef struct idx_ctx {
	mc_xml_walk w;                /* first: expat's user data is both */
	bool table;
	idx_frame frames[IDX_MAX_DEPTH + 1];
	int term_depth;               /* frame index of the innermost open term, 0 if none */
	mc_buf scratch, path;
	mc_buf field[F_COUNT];        /* of the innermost term, until flushed */
	mc_buf head[IDX_MAX_COLS];
	mc_buf root_title;
	mc_index_kind kind;
} idx_ctx;

/* ---- small helpers ------------------------------------------------------ */


static const char *buf_or_null(const mc_buf *b)
{
	return b->len ? b->ptr : NULL;
}

/* Looks like an ICD-10-CM code as printed: "I43", "E11.51", "S72.0-". */
static bool code_like(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 10 || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '-')
			return false;
	return true;
}

static bool attr_col(const XML_Char **atts, int *out)
{
	for (size_t i = 0; atts[i] && atts[i + 1]; i += 2) {
		if (strcmp(atts[i], "col") != 0)
			continue;
		long v;
		if (!mc_parse_long(atts[i + 1], &v) || v < 1 || v >= IDX_MAX_COLS)
			return false;
		*out = (int)v;
		return true;
	}
	return false;
}

/* ---- records ------------------------------------------------------------ */

static void decide_kind(idx_ctx *c)
{
	if (c->kind)
		return;
	if (c->table) {
		c->kind = MC_INDEX_DRUG;
		for (int i = 0; i < IDX_MAX_COLS; i++) {
			const mc_buf *h = &c->head[i];
			if (h->len && (mc_memcasestr(h->ptr, h->len, "neoplasm") ||
				       mc_memcasestr(h->ptr, h->len, "malignant")))
				c->kind = MC_INDEX_NEOPLASM;
		}
		bool heads = false;
		for (int i = 0; i < IDX_MAX_COLS; i++)
			heads = heads || c->head[i].len;
		if (!heads && mc_memcasestr(c->w.name, strlen(c->w.name), "neoplasm"))
			c->kind = MC_INDEX_NEOPLASM;
		return;
	}
	if (c->root_title.len)
		c->kind = mc_memcasestr(c->root_title.ptr, c->root_title.len, "external cause")
			  ? MC_INDEX_EXTERNAL : MC_INDEX_MAIN;
	else
		c->kind = mc_memcasestr(c->w.name, strlen(c->w.name), "eindex")
			  ? MC_INDEX_EXTERNAL : MC_INDEX_MAIN;
}

static int idx_release(idx_ctx *c)
{
	if (!c->w.released)
		decide_kind(c);
	return mc_xml_release(&c->w, c->table ? "icd10cm_table" : "icd10cm_index");
}

static int send_index(idx_ctx *c, const char *code, const char *column,
		      const char *see, const char *see_also)
{
	int rc = idx_release(c);
	if (rc < 0 || !c->w.sink->index)
		return rc;
	mc_rec_index rec = { c->kind, mc_xml_str(&c->path), code, column, see, see_also };
	return c->w.sink->index(&rec, c->w.sink->payload);
}

/* The innermost term's own record (code / see / seeAlso), once. */
static int term_flush(idx_ctx *c)
{
	idx_frame *t;
	const char *code;
	int rc = 0;

	if (!c->term_depth)
		return 0;
	t = &c->frames[c->term_depth];
	if (t->flushed)
		return 0;
	t->flushed = true;
	code = buf_or_null(&c->field[F_CODE]);
	if (!code)
		code = buf_or_null(&c->field[F_SUBCAT]);
	if (!code)
		code = buf_or_null(&c->field[F_SEECAT]);
	if (code || c->field[F_SEE].len || c->field[F_SEEALSO].len)
		rc = send_index(c, code, NULL, buf_or_null(&c->field[F_SEE]),
				buf_or_null(&c->field[F_SEEALSO]));
	if (rc >= 0 && c->field[F_MANIF].len && code_like(c->field[F_MANIF].ptr))
		rc = send_index(c, c->field[F_MANIF].ptr, "manifestation", NULL, NULL);
	for (int i = 0; i < F_COUNT; i++)
		mc_buf_clear(&c->field[i]);
	return rc;
}

/* ---- expat callbacks ---------------------------------------------------- */

static int field_of(const char *el)
{
	static const char *const names[F_COUNT] = {
		"code", "subcat", "seecat", "see", "seeAlso", "manif"
	};
	for (int i = 0; i < F_COUNT; i++)
		if (strcmp(el, names[i]) == 0)
			return i;
	return -1;
}

/* An element opens.  One switch over its parent's kind holds the whole
 * grammar of the index, which is why this function is long: split, the
 * rules of which element may stand where would be scattered. */
static void XMLCALL on_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	idx_ctx *c = ud;
	int rc, col;

	if (c->w.rc)
		return;
	if (c->w.depth >= IDX_MAX_DEPTH) {
		mc_xml_fail(&c->w, MC_EFORMAT, "expected elements nested at most %d deep at <%s>",
			 IDX_MAX_DEPTH, el);
		return;
	}
	c->w.depth++;
	idx_frame *f = &c->frames[c->w.depth];
	f->el = EL_SKIP;
	f->arg = 0;
	f->mark = 0;
	f->flushed = false;
	if (c->w.skip_depth)
		return;
	if (c->w.capture_depth) {
		f->el = EL_INLINE;
		if (strcmp(el, "old") == 0 && !c->w.old_depth) {
			c->w.old_depth = c->w.depth;
		} else if (c->frames[c->w.capture_depth].el == EL_TITLE && strcmp(el, "nemod") == 0) {
			f->el = EL_NEMOD;
			f->mark = c->w.text.len;
		}
		return;
	}
	if (c->w.depth == 1) {
		if (strcmp(el, "ICD10CM.index") != 0) {
			mc_xml_fail(&c->w, MC_EFORMAT, "expected root element <ICD10CM.index>, not <%s>", el);
			return;
		}
		f->el = EL_ROOT;
		return;
	}

	switch (c->frames[c->w.depth - 1].el) {
	case EL_ROOT:
		if (strcmp(el, "version") == 0) {
			f->el = EL_VERSION;
			mc_xml_capture(&c->w);
		} else if (strcmp(el, "title") == 0) {
			f->el = EL_ROOT_TITLE;
			mc_xml_capture(&c->w);
		} else if (strcmp(el, "indexHeading") == 0) {
			f->el = EL_HEADING;
		} else if (strcmp(el, "letter") == 0) {
			rc = idx_release(c);
			if (rc < 0) {
				mc_xml_stop(&c->w, rc);
				return;
			}
			f->el = EL_LETTER;
		}
		break;
	case EL_HEADING:
		if (strcmp(el, "head") == 0) {
			if (!attr_col(atts, &col)) {
				mc_xml_fail(&c->w, MC_EFORMAT, "expected col 1-%d on <head>", IDX_MAX_COLS - 1);
				return;
			}
			f->el = EL_HEAD;
			f->arg = (unsigned char)col;
			mc_xml_capture(&c->w);
		}
		break;
	case EL_LETTER:
	case EL_TERM:
		if ((c->frames[c->w.depth - 1].el == EL_LETTER && strcmp(el, "mainTerm") == 0) ||
		    (c->frames[c->w.depth - 1].el == EL_TERM && strcmp(el, "term") == 0)) {
			rc = term_flush(c);
			if (rc < 0) {
				mc_xml_stop(&c->w, rc);
				return;
			}
			f->el = EL_TERM;
			f->mark = c->path.len;
			f->arg = (unsigned char)c->term_depth;   /* depth < 256 */
			c->term_depth = c->w.depth;
			for (int i = 0; i < F_COUNT; i++)
				mc_buf_clear(&c->field[i]);
			break;
		}
		if (c->frames[c->w.depth - 1].el != EL_TERM)
			break;
		if (strcmp(el, "title") == 0 || strcmp(el, "diff") == 0) {
			f->el = EL_TITLE;
			mc_xml_capture(&c->w);
		} else if ((col = field_of(el)) >= 0) {
			f->el = EL_FIELD;
			f->arg = (unsigned char)col;
			mc_xml_capture(&c->w);
		} else if (strcmp(el, "cell") == 0) {
			if (!attr_col(atts, &col)) {
				mc_xml_fail(&c->w, MC_EFORMAT, "expected col 1-%d on <cell>", IDX_MAX_COLS - 1);
				return;
			}
			f->el = EL_CELL;
			f->arg = (unsigned char)col;
			mc_xml_capture(&c->w);
		}
		break;
	default:
		break;
	}
	if (f->el == EL_SKIP)
		c->w.skip_depth = c->w.depth;
}

/* A <nemod> inside a title ends: put its text in parentheses, spaced. */
static int end_nemod(idx_ctx *c, const idx_frame *f)
{
	size_t at = f->mark;
	int rc;
	if (!c->w.text.ptr || at > c->w.text.len)
		return 0;
	mc_xml_squeeze(&c->w.text, at);
	mc_buf_clear(&c->scratch);
	rc = mc_buf_put(&c->scratch, c->w.text.ptr + at, c->w.text.len - at);
	if (rc < 0)
		return rc;
	c->w.text.len = at;
	c->w.text.ptr[at] = '\0';
	const char *s = mc_xml_str(&c->scratch);
	if (!*s)
		return 0;
	/* plural endings print without a space: "contaminant(s)" */
	if (at > 0 && strcmp(s, "(s)") != 0 && strcmp(s, "(es)") != 0)
		rc = mc_buf_putc(&c->w.text, ' ');
	if (rc >= 0 && s[0] != '(')
		rc = mc_buf_printf(&c->w.text, "(%s)", s);
	else if (rc >= 0)
		rc = mc_buf_puts(&c->w.text, s);
	if (rc >= 0)
		rc = mc_buf_putc(&c->w.text, ' ');
	return rc;
}

static int end_capture(idx_ctx *c, const idx_frame *f)
{
	const char *t;
	int rc = 0;

	t = mc_xml_captured(&c->w);
	switch (f->el) {
	case EL_VERSION:
		mc_xml_version(&c->w, t);
		break;
	case EL_ROOT_TITLE:
		mc_buf_clear(&c->root_title);
		rc = mc_buf_puts(&c->root_title, t);
		break;
	case EL_HEAD:
		mc_buf_clear(&c->head[f->arg]);
		rc = mc_buf_puts(&c->head[f->arg], t);
		break;
	case EL_TITLE:
		/* a second title replaces the first */
		c->path.len = c->frames[c->term_depth].mark;
		if (c->path.ptr)
			c->path.ptr[c->path.len] = '\0';
		if (c->path.len)
			rc = mc_buf_puts(&c->path, " > ");
		if (rc >= 0)
			rc = mc_buf_puts(&c->path, t);
		break;
	case EL_FIELD:
		mc_buf_clear(&c->field[f->arg]);
		rc = mc_buf_puts(&c->field[f->arg], t);
		break;
	case EL_CELL:
		if (*t && strcmp(t, "-") != 0 && strcmp(t, "--") != 0) {
			const char *col = c->head[f->arg].len ? c->head[f->arg].ptr : NULL;
			rc = send_index(c, t, col, NULL, NULL);
		}
		break;
	default:
		break;
	}
	return rc;
}

static void XMLCALL on_end(void *ud, const XML_Char *el)
{
	idx_ctx *c = ud;
	int rc = 0;
	(void)el;
	if (c->w.rc)
		return;
	idx_frame *f = &c->frames[c->w.depth];
	if (mc_xml_end_skipped(&c->w))
		return;
	if (c->w.capture_depth == c->w.depth) {
		rc = end_capture(c, f);
	} else if (f->el == EL_NEMOD) {
		rc = end_nemod(c, f);
	} else if (f->el == EL_TERM) {
		rc = term_flush(c);
		c->path.len = f->mark;
		if (c->path.ptr)
			c->path.ptr[c->path.len] = '\0';
		c->term_depth = f->arg;
	} else if (f->el == EL_ROOT) {
		rc = idx_release(c);
	}
	if (rc < 0) {
		mc_xml_stop(&c->w, rc);
		return;
	}
	mc_xml_end(&c->w);
}

/* ---- entry points ------------------------------------------------------- */

int mc_icd10cm_index_walk(const mc_input *in, const mc_sink *sink, mc_error *err, bool table)
{
	idx_ctx *c;
	int rc;

	c = mc_calloc(1, sizeof(*c));
	if (!c)
		return mc_error_set(err, MC_ENOMEM, "%s: out of memory", in->name ? in->name : "(input)");
	c->table = table;
	rc = mc_xml_walk_run(&c->w, in, sink, err, on_start, on_end);
	mc_buf_release(&c->scratch);
	mc_buf_release(&c->path);
	mc_buf_release(&c->root_title);
	for (int i = 0; i < F_COUNT; i++)
		mc_buf_release(&c->field[i]);
	for (int i = 0; i < IDX_MAX_COLS; i++)
		mc_buf_release(&c->head[i]);
	mc_free(c);
	return rc;
}

int mc_detect_icd10cm_index(const mc_input *in)
{
	size_t n = in->len < IDX_SNIFF ? in->len : IDX_SNIFF;
	const char *s = (const char *)in->data;
	if (!mc_memcasestr(s, n, "<ICD10CM.index"))
		return 0;
	/* the tables carry column headings and cells */
	if (mc_memcasestr(s, n, "<indexHeading") || mc_memcasestr(s, n, "<cell "))
		return 20;
	int score = 90;
	if (in->name && mc_memcasestr(in->name, strlen(in->name), "index"))
		score += 3;
	return score;
}

int mc_parse_icd10cm_index(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	return mc_icd10cm_index_walk(in, sink, err, false);
}
