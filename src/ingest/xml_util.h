/* expat set-up shared by the ICD-10-CM XML parsers (internal to ingest). */
#ifndef MC_INGEST_XML_UTIL_H
#define MC_INGEST_XML_UTIL_H

#include <expat.h>
#include <stdbool.h>

#include "core/core.h"
#include "medcode/ingest.h"

/* A parser whose memory goes through mc_malloc (so the failing-allocator
 * tests reach expat too), with user data ud; NULL when out of memory. */
XML_Parser mc_ingest_xml_new(void *ud);

/* Feed in's bytes to xp in 1 MiB pieces.  When expat stops, the result is
 * *handler_rc if a handler stopped it with its own code (non-zero), else
 * MC_ENOMEM or MC_EFORMAT "NAME:LINE: expected well-formed XML (...)". */
int mc_ingest_xml_feed(XML_Parser xp, const mc_input *in, const char *name,
		       const int *handler_rc, mc_error *err);

/* The state every ICD-10-CM XML walker shares: the parser, the input's
 * name, where records go, the first failure, and the depth bookkeeping of
 * skipped subtrees, captured text and <old> (addenda) text.  A walker's
 * context has it as its first member, so expat's user data is both. */
typedef struct mc_xml_walk {
	XML_Parser xp;
	const char *name;
	const mc_sink *sink;
	mc_error *err;
	int rc;                 /* the first failure; parsing has stopped */
	int depth;              /* of the element open now (the root is 1) */
	int skip_depth;         /* > 0: inside a subtree that is skipped */
	int capture_depth;      /* > 0: the text of this element is captured */
	int old_depth;          /* > 0: inside <old>, whose text is dropped */
	mc_buf text;            /* the captured text */
	int fy;                 /* fiscal year from <version>, 0 unknown */
	bool released;          /* the release record went out */
} mc_xml_walk;

/* Stop with MC_EFORMAT-style "NAME:LINE: message" (the first failure wins). */
void mc_xml_fail(mc_xml_walk *w, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Stop because a callee returned rc: its code and message are kept;
 * MC_ENOMEM gets "NAME:LINE: out of memory". */
void mc_xml_stop(mc_xml_walk *w, int rc);
/* Collapse whitespace runs of b from byte from on to one space; trim. */
void mc_xml_squeeze(mc_buf *b, size_t from);
/* b's text, "" when it has none. */
const char *mc_xml_str(const mc_buf *b);
/* Start capturing the text of the element open now. */
void mc_xml_capture(mc_xml_walk *w);
/* The end of a captured element: capture and <old> end; the text is
 * squeezed and returned. */
const char *mc_xml_captured(mc_xml_walk *w);
/* Take a <version> text ("2026") as the fiscal year. */
void mc_xml_version(mc_xml_walk *w, const char *text);
/* Send the release "icd10cm FY<year>" (the year from <version>, else the
 * file name) once, as format.  0 or the sink's negative code. */
int mc_xml_release(mc_xml_walk *w, const char *format);
/* The start of every end handler: true when the element ending was in a
 * skipped subtree (the depth is then popped and nothing more is to do);
 * else an <old> that ends is closed. */
bool mc_xml_end_skipped(mc_xml_walk *w);
/* Pop the element that ended. */
void mc_xml_end(mc_xml_walk *w);

/* Run a walker over in, its records to sink: w zeroed (it is the first
 * member of the context the handlers get).  Makes the parser with these
 * element handlers (text and DOCTYPE are handled here: text is captured,
 * a DOCTYPE refused), feeds in, frees the parser and the captured text.
 * 0 or a negative code with err set. */
int mc_xml_walk_run(mc_xml_walk *w, const mc_input *in, const mc_sink *sink, mc_error *err,
		    XML_StartElementHandler start, XML_EndElementHandler end);

/* The index walker shared by the index and table parsers
 * (icd_index.c): table selects drug/neoplasm table mode. */
int mc_icd10cm_index_walk(const mc_input *in, const mc_sink *sink, mc_error *err, bool table);

#endif
