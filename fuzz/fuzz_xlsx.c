/* libFuzzer target: the xlsx row reader (zip + workbook rels + shared
 * strings + sheet XML).  Rows are only counted.
 *
 * Input starting with "PK" is taken as a whole workbook.  Anything else is
 * split at "\xff\xff" into the sheet XML, sharedStrings.xml, workbook.xml
 * and workbook.xml.rels, which are packed into a stored zip first: a
 * mutated deflate stream or CRC would otherwise stop nearly every input at
 * the zip layer, and the XML handling would go unfuzzed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "ingest/xlsx.h"

static int count_row(size_t rownum, const char *const *cells, size_t n, void *payload)
{
	size_t *count = payload;
	for (size_t i = 0; i < n; i++)
		*count += cells[i][0] != '\0';
	*count += rownum & 1;
	return 0;
}

/* Pack parts into a zip in memory; *out is malloc'd (NULL on failure). */
static void pack(const uint8_t *data, size_t size, uint8_t **out, size_t *outlen)
{
	static const char *const names[] = {
		"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
		"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	};
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, NULL);
	zip_t *za = NULL;
	size_t start = 0, part = 0;

	*out = NULL;
	*outlen = 0;
	if (!mem)
		return;
	zip_source_keep(mem);
	za = zip_open_from_source(mem, ZIP_TRUNCATE, NULL);
	if (!za)
		goto done;
	for (size_t i = 0; i <= size && part < 4; i++) {
		if (i < size && !(i + 1 < size && data[i] == 0xff && data[i + 1] == 0xff))
			continue;
		zip_source_t *s = zip_source_buffer(za, data + start, i - start, 0);
		if (!s)
			goto done;
		zip_int64_t idx = zip_file_add(za, names[part], s, ZIP_FL_OVERWRITE);
		if (idx < 0) {
			zip_source_free(s);
			goto done;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		part++;
		start = i + 2;
		i++;
	}
	if (part < 3 && zip_file_add(za, names[2], zip_source_buffer(za,
			"<workbook><sheets><sheet r:id=\"rId1\"/></sheets></workbook>", 57, 0),
			ZIP_FL_OVERWRITE) < 0)
		goto done;
	if (zip_close(za) < 0) {
		zip_discard(za);
		za = NULL;
		goto done;
	}
	za = NULL;
	zip_stat_t st;
	if (zip_source_stat(mem, &st) < 0 || zip_source_open(mem) < 0)
		goto done;
	*out = malloc(st.size ? st.size : 1);
	if (*out) {
		zip_int64_t got = zip_source_read(mem, *out, st.size);
		*outlen = got > 0 ? (size_t)got : 0;
	}
	zip_source_close(mem);
done:
	if (za)
		zip_discard(za);
	zip_source_free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_error err;
	size_t count = 0;
	uint8_t *packed = NULL;
	size_t plen = 0;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		mc_input in = { "fuzz.xlsx", data, size };
		(void)mc_xlsx_sniff(&in);
		(void)mc_xlsx_rows(&in, count_row, &count, &err);
		return 0;
	}
	pack(data, size, &packed, &plen);
	if (packed) {
		mc_input in = { "fuzz.xlsx", packed, plen };
		(void)mc_xlsx_sniff(&in);
		(void)mc_xlsx_rows(&in, count_row, &count, &err);
	}
	free(packed);
	return 0;
}
