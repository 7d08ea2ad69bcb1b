/* expat set-up shared by the ICD-10-CM XML parsers (internal to ingest). */
#ifndef MC_INGEST_XML_UTIL_H
#define MC_INGEST_XML_UTIL_H

#include <expat.h>
#include <stdbool.h>

#include "medcode/ingest.h"

/* A parser whose memory goes through mc_malloc (so the failing-allocator
 * tests reach expat too), with user data ud; NULL when out of memory. */
XML_Parser mc_ingest_xml_new(void *ud);

/* Feed in's bytes to xp in 1 MiB pieces.  When expat stops, the result is
 * *handler_rc if a handler stopped it with its own code (non-zero), else
 * MC_ENOMEM or MC_EFORMAT "NAME:LINE: expected well-formed XML (...)". */
int mc_ingest_xml_feed(XML_Parser xp, const mc_input *in, const char *name,
		       const int *handler_rc, mc_error *err);

/* The index walker shared by the index and table parsers
 * (icd_index.c): table selects drug/neoplasm table mode. */
int mc_icd10cm_index_walk(const mc_input *in, const mc_sink *sink, mc_error *err, bool table);

#endif
