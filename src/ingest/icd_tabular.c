/* ICD-10-CM Tabular List XML (icd10cm_tabular_YYYY.xml, icd10cm_tabular.xsd),
 * read with expat as a stream of SAX events.
 *
 *   <ICD10CM.tabular>
 *     <version>2021</version>
 *     <introduction>...</introduction>                      (skipped)
 *     <chapter><name>1</name><desc>... (A00-B99)</desc>
 *       notes, <sectionIndex> (skipped)
 *       <section id="A00-A09"><desc>...</desc> notes
 *         <diag><name>A00</name><desc>Cholera</desc> notes
 *           <sevenChrNote>, <sevenChrDef><extension char="A">...</extension>
 *           <diag>...</diag>*                                (nested diags)
 *
 * Notes are the groups inclusionTerm, includes, excludes1, excludes2,
 * codeFirst, useAdditionalCode, codeAlso, notes and sevenChrNote, each
 * holding <note> elements: one mc_rec_note per <note>, on the chapter range,
 * section id or dotted code they sit on.
 *
 * Records: chapters (code = the range "(A00-B99)" at the end of the desc,
 * kind "chapter", attr chapter=<name>), sections (code = id, kind "section",
 * parent = chapter range; a one-category section id "R99" is spelled
 * "R99-R99" so it cannot merge with the category R99), diags (dotted code, title_long = desc, parent =
 * enclosing diag or section, kind "category" for 3 characters else "code").
 * A diag is billable when it has no child diag and no 7th-character
 * definition applies to it.  The nearest sevenChrDef up the tree applies to
 * every leaf below it that is shorter than 7 characters: the leaf is then a
 * header and each extension gives a billable code (compact code padded with
 * 'X' to 6 characters plus the character, title "<desc>, <meaning>", parent
 * the leaf, attr seventh=<character>), except where a <notes> note bars
 * some of them in words ("7th characters D and S do not apply to codes in
 * category S06 with 6th character 7 ... or 8"), which is read.  Every sevenChrDef extension is also
 * reported as an mc_rec_seventh on the code where it is defined.
 *
 * A node's record is sent once its billable state is known (at its first
 * child diag or its end); notes and 7th-character records met before that
 * wait in the node, so every record follows the record of its code.
 * Release: <version> (else the file name) -> "FY<year>", from (year-1)-10-01.
 * Text in <old> (addenda) is dropped; whitespace runs collapse to one space.
 * DOCTYPE declarations, nesting deeper than TAB_MAX_DEPTH and malformed XML
 * are MC_EFORMAT "NAME:LINE: ...".
 */
#include <ctype.h>
#include <expat.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/ingest.h"
#include "ingest/parse_util.h"
#include "ingest/xml_util.h"

#define TAB_MAX_DEPTH 64
#define TAB_RANGE_MAX 32              /* "A00-B99" and the like */
#define TAB_SNIFF 4096                /* bytes detect looks at */

enum tab_el {
	EL_SKIP,          /* element and its subtree are ignored */
	EL_ROOT,
	EL_VERSION,
	EL_NODE,          /* chapter, section or diag: a node on the node stack */
	EL_NAME,
	EL_DESC,
	EL_NOTEGROUP,     /* kind in tab_frame.kind */
	EL_NOTE,
	EL_SEVENDEF,
	EL_EXTENSION,
	EL_INLINE         /* markup inside captured text (<new>, <diff>...) */
};

enum tab_node_type { NODE_CHAPTER, NODE_SECTION, NODE_DIAG };

typedef struct tab_frame {
	unsigned char el;
	unsigned char kind;     /* mc_note_kind for EL_NOTEGROUP */
} tab_frame;

typedef struct tab_node {
	int type;
	char code[TAB_RANGE_MAX];       /* dotted code or range, once known */
	char compact[MC_CODE_MAX];      /* diags */
	mc_buf name, desc;
	mc_buf pending;                 /* notes before the record: kind byte, text, NUL */
	mc_buf seventh;                 /* own sevenChrDef: character, meaning, NUL */
	size_t nseventh;
	size_t npending;
	char not6[8], not7[8];          /* "7th characters D and S do not apply ... 6th character 7" */
	bool emitted, has_child;
	size_t line;
} tab_node;

typedef struct tab_ctx {
	mc_xml_walk w;                  /* first: expat's user data is both */
	tab_frame frames[TAB_MAX_DEPTH + 1];
	tab_node nodes[TAB_MAX_DEPTH];
	int nnodes;
	mc_buf title;                   /* scratch for 7th-character titles */
	char ext_char;                  /* char attribute of the open <extension> */
} tab_ctx;

/* ---- small helpers ------------------------------------------------------ */

/* A code range "A00-B99" or single code "B10": 1..7 alnum, optionally a
 * dash and 1..7 alnum more. */
static bool range_ok(const char *s, size_t n)
{
	size_t i = 0, a = 0, b = 0;
	while (i < n && isalnum((unsigned char)s[i]))
		i++, a++;
	if (a < 1 || a > 7)
		return false;
	if (i == n)
		return true;
	if (s[i++] != '-')
		return false;
	while (i < n && isalnum((unsigned char)s[i]))
		i++, b++;
	return i == n && b >= 1 && b <= 7;
}

/* The range in "(A00-B99)" at the end of desc into out; false if none. */
static bool range_from_desc(const char *desc, char out[TAB_RANGE_MAX])
{
	size_t n = strlen(desc);
	if (n < 3 || desc[n - 1] != ')')
		return false;
	const char *open = NULL;
	for (size_t i = n - 1; i-- > 0;) {
		if (desc[i] == '(') {
			open = desc + i;
			break;
		}
	}
	if (!open)
		return false;
	size_t len = (size_t)(desc + n - 1 - (open + 1));
	if (len == 0 || len >= TAB_RANGE_MAX || !range_ok(open + 1, len))
		return false;
	memcpy(out, open + 1, len);
	out[len] = '\0';
	return true;
}

static void add_char(char set[8], char ch)
{
	size_t n = strlen(set);
	if (n + 1 < 8 && !strchr(set, ch))
		set[n] = ch, set[n + 1] = '\0';
}

/* The tabular states one 7th-character limit only in words, on S06:
 * "7th characters D and S do not apply to codes in category S06 with 6th
 * character 7 - ..., or 8 - ...".  Read such a note into n->not6 / n->not7
 * so the expansion leaves those codes out; other notes are left alone. */
static void read_seventh_limit(tab_node *n, const char *t)
{
	static const char head[] = "7th characters ";
	const char *stop = strstr(t, " do not apply to codes");
	const char *six = stop ? strstr(stop, "6th character ") : NULL;
	char not7[8] = "", not6[8] = "";
	if (!mc_str_istarts(t, head) || !six)
		return;
	for (const char *p = t + sizeof(head) - 1; p < stop;) {
		const char *s = p;
		while (p < stop && isalnum((unsigned char)*p))
			p++;
		if (p - s == 1)
			add_char(not7, (char)toupper((unsigned char)*s));
		while (p < stop && !isalnum((unsigned char)*p))
			p++;
	}
	six += sizeof("6th character ") - 1;
	if (isalnum((unsigned char)six[0]) && !isalnum((unsigned char)six[1]))
		add_char(not6, (char)toupper((unsigned char)six[0]));
	for (const char *q = six; (q = strstr(q, " or ")) != NULL; q += 4)
		if (isalnum((unsigned char)q[4]) && (q[5] == ' ' || q[5] == '\0'))
			add_char(not6, (char)toupper((unsigned char)q[4]));
	if (not6[0] && not7[0]) {
		memcpy(n->not6, not6, sizeof(not6));
		memcpy(n->not7, not7, sizeof(not7));
	}
}

/* ---- records ------------------------------------------------------------ */

static int tab_release(tab_ctx *c)
{
	return mc_xml_release(&c->w, "icd10cm_tabular");
}

static int send_note(tab_ctx *c, const tab_node *n, int kind, const char *text)
{
	if (!c->w.sink->note)
		return 0;
	mc_rec_note rec = { MC_SYS_ICD10CM, n->code, (mc_note_kind)kind, text };
	return c->w.sink->note(&rec, c->w.sink->payload);
}

static int send_seventh(tab_ctx *c, const tab_node *n, char ch, const char *meaning)
{
	char s[2] = { ch, '\0' };
	if (!c->w.sink->seventh)
		return 0;
	mc_rec_seventh rec = { n->code, s, meaning };
	return c->w.sink->seventh(&rec, c->w.sink->payload);
}

/* Work out the code of node i and send its record, then what waited. */
static int node_emit(tab_ctx *c, int i, int billable)
{
	tab_node *n = &c->nodes[i];
	const tab_node *up = i > 0 ? &c->nodes[i - 1] : NULL;
	const char *kind;
	mc_attr attr = { "chapter", mc_xml_str(&n->name) };
	int rc;

	if (n->emitted)
		return 0;
	mc_xml_squeeze(&n->desc, 0);
	switch (n->type) {
	case NODE_CHAPTER:
		if (!range_from_desc(mc_xml_str(&n->desc), n->code)) {
			mc_xml_fail(&c->w, MC_EFORMAT, "expected a code range like (A00-B99) at the end of <chapter> <desc>");
			return MC_EFORMAT;
		}
		kind = "chapter";
		billable = 0;
		break;
	case NODE_SECTION:
		if (!n->code[0]) {
			char r[TAB_RANGE_MAX];
			if (!range_from_desc(mc_xml_str(&n->desc), r) || strlen(r) > 15) {
				mc_xml_fail(&c->w, MC_EFORMAT, "expected an id on <section>");
				return MC_EFORMAT;
			}
			if (strchr(r, '-'))
				snprintf(n->code, sizeof(n->code), "%s", r);
			else
				snprintf(n->code, sizeof(n->code), "%.15s-%.15s", r, r);
		}
		kind = "section";
		billable = 0;
		break;
	default:
		if (!n->compact[0]) {
			mc_xml_fail(&c->w, MC_EFORMAT, "expected <name> in <diag>");
			return MC_EFORMAT;
		}
		kind = strlen(n->compact) == 3 ? "category" : "code";
		break;
	}
	n->emitted = true;
	rc = tab_release(c);
	if (rc < 0)
		return rc;
	if (c->w.sink->code) {
		mc_rec_code rec = {
			.system = MC_SYS_ICD10CM,
			.code = n->code,
			.title_long = n->desc.len ? n->desc.ptr : NULL,
			.billable = billable,
			.kind = kind,
			.parent = up && up->code[0] ? up->code : NULL,
			.attrs = n->type == NODE_CHAPTER && n->name.len ? &attr : NULL,
			.nattrs = n->type == NODE_CHAPTER && n->name.len ? 1 : 0,
			.line = n->line,
		};
		rc = c->w.sink->code(&rec, c->w.sink->payload);
		if (rc < 0)
			return rc;
	}
	/* what waited for the record */
	const char *p = n->pending.ptr;
	for (size_t k = 0; k < n->npending; k++) {
		size_t len = strlen(p + 1);
		rc = send_note(c, n, (unsigned char)p[0], p + 1);
		if (rc < 0)
			return rc;
		p += len + 2;
	}
	p = n->seventh.ptr;
	for (size_t k = 0; k < n->nseventh; k++) {
		size_t len = strlen(p + 1);
		rc = send_seventh(c, n, p[0], p + 1);
		if (rc < 0)
			return rc;
		p += len + 2;
	}
	return 0;
}

/* Leaf node i ends: billable, or a header with its 7th-character codes. */
static int leaf_emit(tab_ctx *c, int i)
{
	tab_node *n = &c->nodes[i];
	const tab_node *def = NULL;
	size_t clen = strlen(n->compact);
	int rc;

	for (int k = i; k >= 0 && !def; k--)
		if (c->nodes[k].nseventh)
			def = &c->nodes[k];
	if (!def || clen == 0 || clen >= 7)
		return node_emit(c, i, 1);
	rc = node_emit(c, i, 0);
	if (rc < 0 || !c->w.sink->code)
		return rc;

	char compact[MC_CODE_MAX], dotted[MC_CODE_MAX], ch[2] = "";
	const char *p = def->seventh.ptr;
	memcpy(compact, n->compact, clen);
	while (clen < 6)
		compact[clen++] = 'X';
	compact[7] = '\0';
	for (size_t k = 0; k < def->nseventh; k++) {
		size_t len = strlen(p + 1);
		bool barred = false;
		for (int up = i; up >= 0 && !barred; up--)
			barred = c->nodes[up].not6[0] && strchr(c->nodes[up].not6, compact[5]) &&
				 strchr(c->nodes[up].not7, p[0]);
		if (barred) {
			p += len + 2;
			continue;
		}
		compact[6] = p[0];
		ch[0] = p[0];
		mc_icd10cm_dotted(compact, dotted);
		mc_buf_clear(&c->title);
		if (n->desc.len)
			rc = mc_buf_printf(&c->title, "%s, %s", n->desc.ptr, p + 1);
		else
			rc = mc_buf_puts(&c->title, p + 1);
		if (rc < 0) {
			mc_xml_fail(&c->w, MC_ENOMEM, "out of memory");
			return MC_ENOMEM;
		}
		mc_attr attr = { "seventh", ch };
		mc_rec_code rec = {
			.system = MC_SYS_ICD10CM,
			.code = dotted,
			.title_long = c->title.ptr,
			.billable = 1,
			.kind = "code",
			.parent = n->code,
			.attrs = &attr,
			.nattrs = 1,
			.line = n->line,
		};
		rc = c->w.sink->code(&rec, c->w.sink->payload);
		if (rc < 0)
			return rc;
		p += len + 2;
	}
	return 0;
}

/* ---- expat callbacks ---------------------------------------------------- */

static const char *attr_get(const XML_Char **atts, const char *key)
{
	for (size_t i = 0; atts[i] && atts[i + 1]; i += 2)
		if (strcmp(atts[i], key) == 0)
			return atts[i + 1];
	return NULL;
}

static int note_kind(const char *el)
{
	static const struct { const char *name; int kind; } map[] = {
		{ "inclusionTerm", MC_NOTE_INCLUSION },
		{ "includes", MC_NOTE_INCLUDES },
		{ "excludes1", MC_NOTE_EXCLUDES1 },
		{ "excludes2", MC_NOTE_EXCLUDES2 },
		{ "codeFirst", MC_NOTE_CODE_FIRST },
		{ "useAdditionalCode", MC_NOTE_USE_ADDITIONAL },
		{ "codeAlso", MC_NOTE_CODE_ALSO },
		{ "notes", MC_NOTE_NOTE },
		{ "sevenChrNote", MC_NOTE_SEVENTH_NOTE },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(el, map[i].name) == 0)
			return map[i].kind;
	return 0;
}

static void push_node(tab_ctx *c, int type, const XML_Char **atts)
{
	tab_node *n;
	if (c->nnodes >= TAB_MAX_DEPTH) {
		mc_xml_fail(&c->w, MC_EFORMAT, "expected at most %d nested nodes", TAB_MAX_DEPTH);
		return;
	}
	n = &c->nodes[c->nnodes++];
	n->type = type;
	n->code[0] = '\0';
	n->compact[0] = '\0';
	mc_buf_clear(&n->name);
	mc_buf_clear(&n->desc);
	mc_buf_clear(&n->pending);
	mc_buf_clear(&n->seventh);
	n->npending = n->nseventh = 0;
	n->not6[0] = n->not7[0] = '\0';
	n->emitted = n->has_child = false;
	n->line = (size_t)XML_GetCurrentLineNumber(c->w.xp);
	if (type == NODE_SECTION) {
		const char *id = attr_get(atts, "id");
		if (id) {
			size_t len = strlen(id);
			if (len >= TAB_RANGE_MAX || !range_ok(id, len)) {
				mc_xml_fail(&c->w, MC_EFORMAT, "expected a code range in <section id>");
				return;
			}
			memcpy(n->code, id, len + 1);
			if (!strchr(id, '-'))
				snprintf(n->code, sizeof(n->code), "%.7s-%.7s", id, id);
		}
	}
	c->frames[c->w.depth].el = EL_NODE;
}

/* An element opens.  One switch over its parent's kind holds the whole
 * grammar of the tabular list, which is why this function is long: split, the
 * rules of which element may stand where would be scattered. */
static void XMLCALL on_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	tab_ctx *c = ud;
	int rc;

	if (c->w.rc)
		return;
	if (c->w.depth >= TAB_MAX_DEPTH) {
		mc_xml_fail(&c->w, MC_EFORMAT, "expected elements nested at most %d deep at <%s>",
			 TAB_MAX_DEPTH, el);
		return;
	}
	c->w.depth++;
	tab_frame *f = &c->frames[c->w.depth];
	f->el = EL_SKIP;
	f->kind = 0;
	if (c->w.skip_depth)
		return;
	if (c->w.capture_depth) {
		f->el = EL_INLINE;
		if (strcmp(el, "old") == 0 && !c->w.old_depth)
			c->w.old_depth = c->w.depth;
		return;
	}
	if (c->w.depth == 1) {
		if (strcmp(el, "ICD10CM.tabular") != 0) {
			mc_xml_fail(&c->w, MC_EFORMAT, "expected root element <ICD10CM.tabular>, not <%s>", el);
			return;
		}
		f->el = EL_ROOT;
		return;
	}

	unsigned char up = c->frames[c->w.depth - 1].el;
	tab_node *top = c->nnodes ? &c->nodes[c->nnodes - 1] : NULL;
	int nk;

	switch (up) {
	case EL_ROOT:
		if (strcmp(el, "version") == 0) {
			f->el = EL_VERSION;
			mc_xml_capture(&c->w);
		} else if (strcmp(el, "chapter") == 0) {
			rc = tab_release(c);
			if (rc < 0) {
				mc_xml_stop(&c->w, rc);
				return;
			}
			push_node(c, NODE_CHAPTER, atts);
		}
		break;
	case EL_NODE:
		if (strcmp(el, "name") == 0) {
			f->el = EL_NAME;
			mc_xml_capture(&c->w);
			return;
		}
		if (strcmp(el, "desc") == 0) {
			f->el = EL_DESC;
			mc_xml_capture(&c->w);
			return;
		}
		/* anything else: chapters and sections can go out now */
		if (top->type != NODE_DIAG) {
			rc = node_emit(c, c->nnodes - 1, 0);
			if (rc < 0) {
				mc_xml_stop(&c->w, rc);
				return;
			}
		}
		if ((nk = note_kind(el)) != 0) {
			f->el = EL_NOTEGROUP;
			f->kind = (unsigned char)nk;
		} else if (strcmp(el, "sevenChrDef") == 0) {
			f->el = EL_SEVENDEF;
		} else if ((top->type == NODE_CHAPTER && strcmp(el, "section") == 0) ||
			   (top->type != NODE_CHAPTER && strcmp(el, "diag") == 0)) {
			top->has_child = true;
			rc = node_emit(c, c->nnodes - 1, 0);
			if (rc < 0) {
				mc_xml_stop(&c->w, rc);
				return;
			}
			push_node(c, top->type == NODE_CHAPTER ? NODE_SECTION : NODE_DIAG, atts);
		}
		break;
	case EL_NOTEGROUP:
		if (strcmp(el, "note") == 0) {
			f->el = EL_NOTE;
			f->kind = c->frames[c->w.depth - 1].kind;
			mc_xml_capture(&c->w);
		}
		break;
	case EL_SEVENDEF:
		if (strcmp(el, "extension") == 0) {
			const char *ch = attr_get(atts, "char");
			if (!ch || strlen(ch) != 1 || !isalnum((unsigned char)ch[0])) {
				mc_xml_fail(&c->w, MC_EFORMAT, "expected one letter or digit in <extension char>");
				return;
			}
			c->ext_char = (char)toupper((unsigned char)ch[0]);
			f->el = EL_EXTENSION;
			mc_xml_capture(&c->w);
		}
		break;
	default:
		break;
	}
	if (f->el == EL_SKIP)
		c->w.skip_depth = c->w.depth;
}

/* Add a note or extension to node n: sent now if its record went out. */
static int node_hold(tab_ctx *c, tab_node *n, mc_buf *list, size_t *count,
		     char tag, const char *text)
{
	if (n->emitted)
		return list == &n->seventh ? send_seventh(c, n, tag, text)
					   : send_note(c, n, (unsigned char)tag, text);
	if (mc_buf_putc(list, tag) < 0 || mc_buf_put(list, text, strlen(text) + 1) < 0)
		return MC_ENOMEM;
	(*count)++;
	return 0;
}

static void end_capture(tab_ctx *c, tab_frame *f)
{
	tab_node *top = c->nnodes ? &c->nodes[c->nnodes - 1] : NULL;
	char raw[MC_CODE_MAX];
	const char *t;
	int rc = 0;

	t = mc_xml_captured(&c->w);
	switch (f->el) {
	case EL_VERSION:
		mc_xml_version(&c->w, t);
		break;
	case EL_NAME:
		mc_buf_clear(&top->name);
		rc = mc_buf_puts(&top->name, t);
		if (rc < 0)
			break;
		if (top->type == NODE_DIAG) {
			size_t len = strlen(t);
			if (len == 0 || len >= sizeof(raw) || !isalpha((unsigned char)t[0]) ||
			    !mc_code_compact(t, raw) || strlen(raw) < 3 || strlen(raw) > 7) {
				mc_xml_fail(&c->w, MC_EFORMAT, "expected an ICD-10-CM code in <diag> <name>");
				return;
			}
			memcpy(top->compact, raw, strlen(raw) + 1);
			mc_icd10cm_dotted(top->compact, top->code);
		}
		break;
	case EL_DESC:
		mc_buf_clear(&top->desc);
		rc = mc_buf_puts(&top->desc, t);
		break;
	case EL_NOTE:
		if (f->kind == MC_NOTE_NOTE)
			read_seventh_limit(top, t);
		if (*t)
			rc = node_hold(c, top, &top->pending, &top->npending, (char)f->kind, t);
		break;
	case EL_EXTENSION:
		rc = node_hold(c, top, &top->seventh, &top->nseventh, c->ext_char, t);
		break;
	default:
		break;
	}
	if (rc < 0)
		mc_xml_stop(&c->w, rc);
}

static void XMLCALL on_end(void *ud, const XML_Char *el)
{
	tab_ctx *c = ud;
	(void)el;
	if (c->w.rc)
		return;
	tab_frame *f = &c->frames[c->w.depth];
	if (mc_xml_end_skipped(&c->w))
		return;
	if (c->w.capture_depth == c->w.depth)
		end_capture(c, f);
	else if (f->el == EL_NODE) {
		tab_node *n = &c->nodes[c->nnodes - 1];
		int rc = n->type == NODE_DIAG && !n->has_child ? leaf_emit(c, c->nnodes - 1)
							       : node_emit(c, c->nnodes - 1, 0);
		if (rc < 0) {
			mc_xml_stop(&c->w, rc);
			return;
		}
		c->nnodes--;
	} else if (f->el == EL_ROOT) {
		int rc = tab_release(c);
		if (rc < 0) {
			mc_xml_stop(&c->w, rc);
			return;
		}
	}
	mc_xml_end(&c->w);
}

/* ---- entry points ------------------------------------------------------- */

int mc_detect_icd10cm_tabular(const mc_input *in)
{
	size_t n = in->len < TAB_SNIFF ? in->len : TAB_SNIFF;
	const char *s = (const char *)in->data;
	if (!mc_memcasestr(s, n, "<ICD10CM.tabular"))
		return 0;
	int score = 90;
	if (mc_memcasestr(s, n, "<chapter") || mc_memcasestr(s, n, "<version"))
		score = 95;
	if (in->name && mc_memcasestr(in->name, strlen(in->name), "tabular"))
		score += 3;
	return score;
}

int mc_parse_icd10cm_tabular(const mc_input *in, const mc_sink *sink, mc_error *err)
{
	tab_ctx *c = NULL;
	int rc = 0;

	c = mc_calloc(1, sizeof(*c));
	if (!c)
		return mc_error_set(err, MC_ENOMEM, "%s: out of memory", in->name ? in->name : "(input)");
	rc = mc_xml_walk_run(&c->w, in, sink, err, on_start, on_end);
	for (int i = 0; i < TAB_MAX_DEPTH; i++) {
		mc_buf_release(&c->nodes[i].name);
		mc_buf_release(&c->nodes[i].desc);
		mc_buf_release(&c->nodes[i].pending);
		mc_buf_release(&c->nodes[i].seventh);
	}
	mc_buf_release(&c->title);
	mc_free(c);
	return rc;
}
