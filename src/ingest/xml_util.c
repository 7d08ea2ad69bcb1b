/* expat set-up shared by the ICD-10-CM XML parsers. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "ingest/parse_util.h"
#include "ingest/xml_util.h"

enum { XML_CHUNK = 1 << 20 };

XML_Parser mc_ingest_xml_new(void *ud)
{
	static const XML_Memory_Handling_Suite mem = { mc_malloc, mc_realloc, mc_free };
	XML_Parser xp = XML_ParserCreate_MM(NULL, &mem, NULL);
	if (xp)
		XML_SetUserData(xp, ud);
	return xp;
}

int mc_ingest_xml_feed(XML_Parser xp, const mc_input *in, const char *name,
		       const int *handler_rc, mc_error *err)
{
	size_t off = 0;
	do {
		size_t chunk = in->len - off < XML_CHUNK ? in->len - off : XML_CHUNK;
		int last = off + chunk == in->len;
		if (XML_Parse(xp, (const char *)in->data + off, (int)chunk, last) != XML_STATUS_OK) {
			if (*handler_rc)
				return *handler_rc;
			if (XML_GetErrorCode(xp) == XML_ERROR_NO_MEMORY)
				return mc_error_set(err, MC_ENOMEM, "%s: out of memory", name);
			return mc_error_set(err, MC_EFORMAT, "%s:%zu: expected well-formed XML (%s)",
					    name, (size_t)XML_GetCurrentLineNumber(xp),
					    XML_ErrorString(XML_GetErrorCode(xp)));
		}
		off += chunk;
	} while (off < in->len);
	return *handler_rc;
}

void mc_xml_fail(mc_xml_walk *w, int code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	if (w->rc)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	w->rc = mc_error_set(w->err, code, "%s:%zu: %s", w->name,
			     (size_t)XML_GetCurrentLineNumber(w->xp), msg);
	XML_StopParser(w->xp, XML_FALSE);
}

void mc_xml_stop(mc_xml_walk *w, int rc)
{
	if (w->rc)
		return;
	if (rc == MC_ENOMEM) {
		mc_xml_fail(w, MC_ENOMEM, "out of memory");
		return;
	}
	w->rc = rc;
	XML_StopParser(w->xp, XML_FALSE);
}

void mc_xml_squeeze(mc_buf *b, size_t from)
{
	size_t o = from;
	bool space = false;
	if (!b->ptr || from > b->len)
		return;
	for (size_t i = from; i < b->len; i++) {
		unsigned char ch = (unsigned char)b->ptr[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = o > from;
			continue;
		}
		if (space)
			b->ptr[o++] = ' ';
		space = false;
		b->ptr[o++] = (char)ch;
	}
	b->len = o;
	b->ptr[o] = '\0';
}

const char *mc_xml_str(const mc_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void mc_xml_capture(mc_xml_walk *w)
{
	mc_buf_clear(&w->text);
	w->capture_depth = w->depth;
}

const char *mc_xml_captured(mc_xml_walk *w)
{
	w->capture_depth = 0;
	w->old_depth = 0;
	mc_xml_squeeze(&w->text, 0);
	return mc_xml_str(&w->text);
}

void mc_xml_version(mc_xml_walk *w, const char *t)
{
	if (strlen(t) == 4 && isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
	    isdigit((unsigned char)t[2]) && isdigit((unsigned char)t[3]))
		w->fy = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
}

int mc_xml_release(mc_xml_walk *w, const char *format)
{
	char label[16] = "", from[24] = "";
	if (w->released)
		return 0;
	w->released = true;
	if (w->fy <= 0)
		w->fy = mc_ingest_fiscal_year(w->name);
	if (w->fy > 1000) {
		snprintf(label, sizeof(label), "FY%d", w->fy);
		snprintf(from, sizeof(from), "%d-10-01", w->fy - 1);
	}
	if (!w->sink->release)
		return 0;
	mc_rec_release rel = { MC_SYS_ICD10CM, "icd10cm", label, from, format };
	return w->sink->release(&rel, w->sink->payload);
}

bool mc_xml_end_skipped(mc_xml_walk *w)
{
	if (w->skip_depth) {
		if (w->depth == w->skip_depth)
			w->skip_depth = 0;
		w->depth--;
		return true;
	}
	if (w->old_depth == w->depth)
		w->old_depth = 0;
	return false;
}

void mc_xml_end(mc_xml_walk *w)
{
	w->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	mc_xml_walk *w = ud;
	if (w->rc || !w->capture_depth || w->skip_depth || w->old_depth || len <= 0)
		return;
	if (mc_buf_put(&w->text, s, (size_t)len) < 0)
		mc_xml_stop(w, MC_ENOMEM);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal)
{
	(void)name; (void)sysid; (void)pubid; (void)has_internal;
	mc_xml_fail(ud, MC_EFORMAT, "expected no DOCTYPE declaration");
}

int mc_xml_walk_run(mc_xml_walk *w, const mc_input *in, const mc_sink *sink, mc_error *err,
		    XML_StartElementHandler start, XML_EndElementHandler end)
{
	int rc;
	w->name = in->name ? in->name : "(input)";
	w->sink = sink;
	w->err = err;
	w->xp = mc_ingest_xml_new(w);
	if (!w->xp)
		return mc_error_set(w->err, MC_ENOMEM, "%s: out of memory", w->name);
	XML_SetElementHandler(w->xp, start, end);
	XML_SetCharacterDataHandler(w->xp, on_text);
	XML_SetStartDoctypeDeclHandler(w->xp, on_doctype);
	rc = mc_ingest_xml_feed(w->xp, in, w->name, &w->rc, w->err);
	XML_ParserFree(w->xp);
	w->xp = NULL;
	mc_buf_release(&w->text);
	return rc;
}
