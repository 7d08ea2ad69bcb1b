/* expat set-up shared by the ICD-10-CM XML parsers. */
#include "core/core.h"
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
