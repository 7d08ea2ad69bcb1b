/* Rows of the first worksheet of an xlsx (OOXML SpreadsheetML) workbook.
 *
 * An xlsx is a zip.  xl/workbook.xml lists the sheets in order; the first
 * <sheet r:id="rIdN"> names a relationship in xl/_rels/workbook.xml.rels
 * whose Target is the sheet part (relative to xl/, or absolute from the
 * package root).  When that chain is missing we fall back to
 * xl/worksheets/sheet1.xml.  Cell text lives in xl/sharedStrings.xml
 * (<sst><si><t>text</t></si>... or rich text <si><r><t>a</t></r><r><t>b</t>
 * </r></si>, phonetic <rPh> runs ignored) and in the sheet itself:
 *
 *   <sheetData><row r="12"><c r="AB12" t="s"><v>7</v></c>...</row>
 *
 * t="s" is a shared-string index, t="inlineStr" holds <is><t>..</t></is>,
 * t="str" a formula result, t="b" 0/1, t="n" (or none) a number, all
 * returned as text.  Every XML part is parsed with expat in one streaming
 * pass over the inflated member; DOCTYPEs are refused (an xlsx never has
 * one, and that shuts out entity tricks).
 */
#include <stdio.h>
#include <string.h>

#include <expat.h>

#include "core/core.h"
#include "ingest/xlsx.h"
#include "ingest/zip.h"

#define XLSX_MAX_COLS 16384u      /* XFD: the last column Excel allows */
#define XLSX_MAX_ROW 1048576u
#define XML_CHUNK ((size_t)1 << 24)

/* Local part of an XML name ("r:id" -> "id"). */
static const char *local_name(const char *n)
{
	const char *c = strrchr(n, ':');
	return c ? c + 1 : n;
}

static const char *attr_get(const XML_Char **atts, const char *name)
{
	for (size_t i = 0; atts && atts[i]; i += 2)
		if (strcmp(local_name(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Every parse state below starts with its XML_Parser, so the user data
 * pointer is also a pointer to the parser. */
static void XMLCALL refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
				   const XML_Char *pubid, int has_internal)
{
	(void)name; (void)sysid; (void)pubid; (void)has_internal;
	XML_StopParser(*(XML_Parser *)ud, XML_FALSE);
}

/* Run p over data.  Returns 0, or MC_EFORMAT with the expat message in
 * what[] when the XML is bad, or *stop (< 0) when a handler stopped it. */
static int xml_run(XML_Parser p, const unsigned char *data, size_t len,
		   const int *stop, char *what, size_t whatcap)
{
	size_t off = 0;
	do {
		size_t n = len - off > XML_CHUNK ? XML_CHUNK : len - off;
		int last = off + n == len;
		if (XML_Parse(p, (const char *)data + off, (int)n, last) != XML_STATUS_OK) {
			if (stop && *stop < 0)
				return *stop;
			enum XML_Error e = XML_GetErrorCode(p);
			snprintf(what, whatcap, "line %lu: %s",
				 (unsigned long)XML_GetCurrentLineNumber(p),
				 e == XML_ERROR_ABORTED ? "document type declaration not allowed"
							 : XML_ErrorString(e));
			return MC_EFORMAT;
		}
		off += n;
	} while (off < len);
	return 0;
}

/* ---- workbook.xml and its relationships -------------------------------- */

typedef struct book_state {
	XML_Parser p;
	char *rid;                /* r:id of the first sheet */
	char *target;             /* Target of that relationship */
	int rc;
} book_state;

static void XMLCALL book_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	book_state *b = ud;
	if (b->rid || strcmp(local_name(el), "sheet") != 0)
		return;
	const char *id = NULL;
	for (size_t i = 0; atts[i]; i += 2)
		if (strchr(atts[i], ':') && strcmp(local_name(atts[i]), "id") == 0)
			id = atts[i + 1];
	if (!id)
		return;
	if (!(b->rid = mc_strdup(id))) {
		b->rc = MC_ENOMEM;
		XML_StopParser(b->p, XML_FALSE);
	}
}

static void XMLCALL rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	book_state *b = ud;
	if (b->target || strcmp(local_name(el), "Relationship") != 0)
		return;
	const char *id = attr_get(atts, "Id"), *t = attr_get(atts, "Target");
	if (!id || !t || strcmp(id, b->rid) != 0)
		return;
	if (!(b->target = mc_strdup(t))) {
		b->rc = MC_ENOMEM;
		XML_StopParser(b->p, XML_FALSE);
	}
}

/* Parse one small part with a start handler; 0, MC_ENOMEM or MC_EFORMAT. */
static int parse_part(const unsigned char *data, size_t len, XML_StartElementHandler h,
		      book_state *b)
{
	char what[160];
	XML_Parser p = XML_ParserCreate(NULL);
	if (!p)
		return MC_ENOMEM;
	b->p = p;
	b->rc = 0;
	XML_SetUserData(p, b);
	XML_SetStartElementHandler(p, h);
	XML_SetStartDoctypeDeclHandler(p, refuse_doctype);
	int rc = xml_run(p, data, len, &b->rc, what, sizeof(what));
	XML_ParserFree(p);
	b->p = NULL;
	return rc;
}

/* Find the first worksheet's member name; *out is malloc'd.  Anything
 * missing or odd falls back to xl/worksheets/sheet1.xml. */
static int first_sheet(mc_zip *z, char **out, mc_error *err)
{
	unsigned char *data = NULL;
	size_t len;
	book_state b = { NULL, NULL, NULL, 0 };
	mc_error tmp;
	int rc = 0;

	*out = NULL;
	rc = mc_zip_read_name(z, "xl/workbook.xml", &data, &len, &tmp);
	if (rc == MC_ENOMEM)
		goto fail;
	if (rc == 0) {
		rc = parse_part(data, len, book_start, &b);
		mc_free(data);
		data = NULL;
		if (rc == MC_ENOMEM)
			goto fail;
	}
	if (b.rid) {
		rc = mc_zip_read_name(z, "xl/_rels/workbook.xml.rels", &data, &len, &tmp);
		if (rc == MC_ENOMEM)
			goto fail;
		if (rc == 0) {
			rc = parse_part(data, len, rels_start, &b);
			if (rc == MC_ENOMEM)
				goto fail;
		}
	}
	rc = 0;
	if (b.target && *b.target) {
		mc_buf path = MC_BUF_INIT;
		const char *t = b.target;
		int e;
		if (t[0] == '/')
			e = mc_buf_puts(&path, t + 1);
		else if (strncmp(t, "xl/", 3) == 0)
			e = mc_buf_puts(&path, t);
		else
			e = mc_buf_printf(&path, "xl/%s", t);
		if (e < 0) {
			mc_buf_release(&path);
			rc = MC_ENOMEM;
			goto fail;
		}
		*out = mc_buf_detach(&path);
	} else {
		*out = mc_strdup("xl/worksheets/sheet1.xml");
	}
	if (!*out) {
		rc = MC_ENOMEM;
		goto fail;
	}
	goto done;
fail:
	rc = mc_error_set(err, MC_ENOMEM, "out of memory reading the workbook");
done:
	mc_free(data);
	mc_free(b.rid);
	mc_free(b.target);
	return rc;
}

/* ---- shared strings ------------------------------------------------------ */

typedef struct sst {
	mc_buf text;              /* all strings, each NUL-terminated */
	size_t *off;
	size_t count, cap;
} sst;

typedef struct sst_state {
	XML_Parser p;
	sst *s;
	int in_si, in_t, in_rph;
	int rc;
} sst_state;

static void XMLCALL sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	sst_state *st = ud;
	const char *n = local_name(el);
	(void)atts;
	if (strcmp(n, "si") == 0) {
		sst *s = st->s;
		if (s->count == s->cap) {
			size_t ncap = s->cap ? s->cap * 2 : 1024;
			size_t *no = mc_realloc(s->off, ncap * sizeof(*no));
			if (!no)
				goto nomem;
			s->off = no;
			s->cap = ncap;
		}
		s->off[s->count] = s->text.len;
		st->in_si = 1;
	} else if (st->in_si && strcmp(n, "rPh") == 0) {
		st->in_rph++;
	} else if (st->in_si && !st->in_rph && strcmp(n, "t") == 0) {
		st->in_t = 1;
	}
	return;
nomem:
	st->rc = MC_ENOMEM;
	XML_StopParser(st->p, XML_FALSE);
}

static void XMLCALL sst_end(void *ud, const XML_Char *el)
{
	sst_state *st = ud;
	const char *n = local_name(el);
	if (strcmp(n, "t") == 0) {
		st->in_t = 0;
	} else if (strcmp(n, "rPh") == 0) {
		if (st->in_rph)
			st->in_rph--;
	} else if (strcmp(n, "si") == 0 && st->in_si) {
		if (mc_buf_putc(&st->s->text, '\0') < 0) {
			st->rc = MC_ENOMEM;
			XML_StopParser(st->p, XML_FALSE);
			return;
		}
		st->s->count++;
		st->in_si = 0;
	}
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
	sst_state *st = ud;
	if (!st->in_t || len <= 0)
		return;
	if (mc_buf_put(&st->s->text, s, (size_t)len) < 0) {
		st->rc = MC_ENOMEM;
		XML_StopParser(st->p, XML_FALSE);
	}
}

static void sst_release(sst *s)
{
	mc_buf_release(&s->text);
	mc_free(s->off);
	memset(s, 0, sizeof(*s));
}

static int load_sst(mc_zip *z, sst *s, const char *name, mc_error *err)
{
	unsigned char *data = NULL;
	size_t len;
	mc_error tmp;
	char what[160];
	sst_state st;
	XML_Parser p = NULL;
	int rc;

	memset(&st, 0, sizeof(st));
	rc = mc_zip_read_name(z, "xl/sharedStrings.xml", &data, &len, &tmp);
	if (rc == MC_ENOTFOUND)
		return 0;
	if (rc < 0) {
		mc_error_set(err, rc, "%s", tmp.msg);
		return rc;
	}
	p = XML_ParserCreate(NULL);
	if (!p) {
		rc = mc_error_set(err, MC_ENOMEM, "%s: out of memory", name);
		goto done;
	}
	st.p = p;
	st.s = s;
	XML_SetUserData(p, &st);
	XML_SetElementHandler(p, sst_start, sst_end);
	XML_SetCharacterDataHandler(p, sst_text);
	XML_SetStartDoctypeDeclHandler(p, refuse_doctype);
	rc = xml_run(p, data, len, &st.rc, what, sizeof(what));
	if (rc == MC_ENOMEM)
		mc_error_set(err, rc, "%s: out of memory reading shared strings", name);
	else if (rc < 0)
		mc_error_set(err, rc, "%s: xl/sharedStrings.xml: %s", name, what);
done:
	if (p)
		XML_ParserFree(p);
	mc_free(data);
	return rc;
}

/* ---- the sheet ------------------------------------------------------------ */

typedef struct cell_ref {
	size_t col;
	size_t off;               /* into row_text */
} cell_ref;

typedef struct sheet_state {
	XML_Parser p;
	const mc_input *in;
	const sst *s;
	mc_xlsx_row_fn fn;
	void *payload;
	mc_error *err;
	int rc;

	size_t rownum, nextcol;
	int in_sheetdata, in_row, in_c, in_v, in_is_t, in_is, in_rph;
	char ctype[16];
	size_t ccol;
	mc_buf val;               /* text of the current cell */

	mc_buf row_text;          /* cell values of this row, NUL-separated */
	cell_ref *cells;
	size_t ncells, cells_cap;
	const char **vec;         /* row as an array, built at </row> */
	size_t vec_cap;
} sheet_state;

static void sheet_fail(sheet_state *st, int code, const char *what)
{
	if (st->rc < 0)
		return;
	if (code == MC_ENOMEM)
		st->rc = mc_error_set(st->err, MC_ENOMEM, "%s: row %zu: out of memory",
				      st->in->name, st->rownum);
	else
		st->rc = mc_error_set(st->err, code, "%s: row %zu: %s", st->in->name,
				      st->rownum, what);
	XML_StopParser(st->p, XML_FALSE);
}

/* "AB12" -> column 27 (0-based A = 0).  false on junk. */
static bool parse_ref(const char *r, size_t *col)
{
	size_t c = 0, letters = 0;
	for (; *r >= 'A' && *r <= 'Z'; r++) {
		if (++letters > 3)
			return false;
		c = c * 26 + (size_t)(*r - 'A' + 1);
	}
	if (!letters || c > XLSX_MAX_COLS)
		return false;
	for (const char *d = r; *d; d++)
		if (*d < '0' || *d > '9')
			return false;
	*col = c - 1;
	return true;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	sheet_state *st = ud;
	const char *n = local_name(el);

	if (!st->in_sheetdata) {
		if (strcmp(n, "sheetData") == 0)
			st->in_sheetdata = 1;
		return;
	}
	if (strcmp(n, "row") == 0) {
		const char *r = attr_get(atts, "r");
		long v;
		if (r) {
			if (!mc_parse_long(r, &v) || v < 1 || (unsigned long)v > XLSX_MAX_ROW) {
				sheet_fail(st, MC_EFORMAT, "bad row number");
				return;
			}
			st->rownum = (size_t)v;
		} else {
			st->rownum++;
		}
		st->in_row = 1;
		st->nextcol = 0;
		st->ncells = 0;
		mc_buf_clear(&st->row_text);
	} else if (st->in_row && strcmp(n, "c") == 0) {
		const char *r = attr_get(atts, "r"), *t = attr_get(atts, "t");
		if (r) {
			if (!parse_ref(r, &st->ccol)) {
				sheet_fail(st, MC_EFORMAT, "bad cell reference");
				return;
			}
		} else {
			st->ccol = st->nextcol;
			if (st->ccol >= XLSX_MAX_COLS) {
				sheet_fail(st, MC_EFORMAT, "too many cells in row");
				return;
			}
		}
		st->nextcol = st->ccol + 1;
		snprintf(st->ctype, sizeof(st->ctype), "%s", t ? t : "n");
		st->in_c = 1;
		mc_buf_clear(&st->val);
	} else if (st->in_c && strcmp(n, "v") == 0) {
		st->in_v = 1;
	} else if (st->in_c && strcmp(n, "is") == 0) {
		st->in_is = 1;
	} else if (st->in_is && strcmp(n, "rPh") == 0) {
		st->in_rph++;
	} else if (st->in_is && !st->in_rph && strcmp(n, "t") == 0) {
		st->in_is_t = 1;
	}
}

static void finish_cell(sheet_state *st)
{
	const char *text = st->val.ptr ? st->val.ptr : "";
	const char *type = st->ctype;

	if (strcmp(type, "s") == 0) {
		long idx;
		char tmp[32];
		mc_copy_trim(tmp, sizeof(tmp), text, strlen(text));
		if (!mc_parse_long(tmp, &idx) || (size_t)idx >= st->s->count) {
			sheet_fail(st, MC_EFORMAT, "shared string index out of range");
			return;
		}
		text = st->s->text.ptr + st->s->off[idx];
	}
	if (st->ncells == st->cells_cap) {
		size_t ncap = st->cells_cap ? st->cells_cap * 2 : 64;
		cell_ref *nc = mc_realloc(st->cells, ncap * sizeof(*nc));
		if (!nc) {
			sheet_fail(st, MC_ENOMEM, NULL);
			return;
		}
		st->cells = nc;
		st->cells_cap = ncap;
	}
	st->cells[st->ncells].col = st->ccol;
	st->cells[st->ncells].off = st->row_text.len;
	if (mc_buf_puts(&st->row_text, text) < 0 || mc_buf_putc(&st->row_text, '\0') < 0) {
		sheet_fail(st, MC_ENOMEM, NULL);
		return;
	}
	st->ncells++;
}

static void finish_row(sheet_state *st)
{
	size_t n = 0;
	if (!st->ncells)
		return;
	for (size_t i = 0; i < st->ncells; i++)
		if (st->cells[i].col + 1 > n)
			n = st->cells[i].col + 1;
	if (n > st->vec_cap) {
		const char **nv = mc_realloc(st->vec, n * sizeof(*nv));
		if (!nv) {
			sheet_fail(st, MC_ENOMEM, NULL);
			return;
		}
		st->vec = nv;
		st->vec_cap = n;
	}
	for (size_t i = 0; i < n; i++)
		st->vec[i] = "";
	for (size_t i = 0; i < st->ncells; i++)
		st->vec[st->cells[i].col] = st->row_text.ptr + st->cells[i].off;
	int rc = st->fn(st->rownum, st->vec, n, st->payload);
	if (rc < 0) {
		st->rc = rc;
		XML_StopParser(st->p, XML_FALSE);
	}
}

static void XMLCALL sheet_end(void *ud, const XML_Char *el)
{
	sheet_state *st = ud;
	const char *n = local_name(el);

	if (!st->in_sheetdata)
		return;
	if (strcmp(n, "sheetData") == 0) {
		st->in_sheetdata = 0;
	} else if (strcmp(n, "row") == 0 && st->in_row) {
		st->in_row = 0;
		finish_row(st);
	} else if (strcmp(n, "c") == 0 && st->in_c) {
		st->in_c = 0;
		st->in_v = st->in_is = st->in_is_t = 0;
		st->in_rph = 0;
		finish_cell(st);
	} else if (strcmp(n, "v") == 0) {
		st->in_v = 0;
	} else if (strcmp(n, "is") == 0) {
		st->in_is = 0;
	} else if (strcmp(n, "rPh") == 0) {
		if (st->in_rph)
			st->in_rph--;
	} else if (strcmp(n, "t") == 0) {
		st->in_is_t = 0;
	}
}

static void XMLCALL sheet_text(void *ud, const XML_Char *s, int len)
{
	sheet_state *st = ud;
	if (len <= 0 || !st->in_c)
		return;
	/* <v> for every type but inlineStr, whose text is in <is><t>. */
	if ((st->in_v && !st->in_is) || (st->in_is_t && !st->in_rph)) {
		if (mc_buf_put(&st->val, s, (size_t)len) < 0)
			sheet_fail(st, MC_ENOMEM, NULL);
	}
}

bool mc_xlsx_sniff(const mc_input *in)
{
	mc_zip *z = NULL;
	mc_error tmp;
	bool ok = false;
	if (!in || !mc_zip_sniff(in->data, in->len))
		return false;
	if (mc_zip_open(&z, in->data, in->len, in->name, &tmp) < 0)
		return false;
	for (size_t i = 0; i < mc_zip_count(z) && !ok; i++) {
		const char *n = mc_zip_name(z, i);
		ok = n && strcmp(n, "xl/workbook.xml") == 0;
	}
	mc_zip_free(z);
	return ok;
}

int mc_xlsx_rows(const mc_input *in, mc_xlsx_row_fn fn, void *payload, mc_error *err)
{
	mc_zip *z = NULL;
	char *sheet = NULL;
	unsigned char *data = NULL;
	size_t len = 0;
	sst s;
	sheet_state st;
	XML_Parser p = NULL;
	char what[160];
	const char *name = in && in->name ? in->name : "(input)";
	mc_error tmp;
	int rc;

	memset(&s, 0, sizeof(s));
	memset(&st, 0, sizeof(st));
	mc_buf_init(&s.text);
	mc_buf_init(&st.val);
	mc_buf_init(&st.row_text);

	rc = mc_zip_open(&z, in->data, in->len, name, err);
	if (rc < 0)
		goto done;
	rc = first_sheet(z, &sheet, err);
	if (rc < 0)
		goto done;
	rc = load_sst(z, &s, name, err);
	if (rc < 0)
		goto done;
	rc = mc_zip_read_name(z, sheet, &data, &len, &tmp);
	if (rc == MC_ENOTFOUND) {
		rc = mc_error_set(err, MC_EFORMAT, "%s: no worksheet '%s' in the workbook",
				  name, sheet);
		goto done;
	} else if (rc < 0) {
		rc = mc_error_set(err, rc, "%s", tmp.msg);
		goto done;
	}
	p = XML_ParserCreate(NULL);
	if (!p) {
		rc = mc_error_set(err, MC_ENOMEM, "%s: out of memory", name);
		goto done;
	}
	st.p = p;
	st.in = in;
	st.s = &s;
	st.fn = fn;
	st.payload = payload;
	st.err = err;
	XML_SetElementHandler(p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(p, sheet_text);
	XML_SetStartDoctypeDeclHandler(p, refuse_doctype);
	XML_SetUserData(p, &st);
	rc = xml_run(p, data, len, &st.rc, what, sizeof(what));
	if (rc < 0 && st.rc == 0)
		rc = mc_error_set(err, rc, "%s: row %zu: bad worksheet XML (%s, %s)", name,
				  st.rownum, sheet, what);
done:
	if (p)
		XML_ParserFree(p);
	mc_free(data);
	mc_free(sheet);
	sst_release(&s);
	mc_buf_release(&st.val);
	mc_buf_release(&st.row_text);
	mc_free(st.cells);
	mc_free(st.vec);
	mc_zip_free(z);
	return rc;
}
