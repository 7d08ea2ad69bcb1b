/* RFC 4180 reader over a memory buffer.  Decoded field text goes into one
 * growing buffer per row; offsets are turned into pointers at row end so a
 * realloc in the middle of a row cannot leave dangling pointers. */
#include <string.h>

#include "core/core.h"

void mc_csv_init(mc_csv *r, const char *data, size_t len, char sep, bool quotes)
{
	memset(r, 0, sizeof(*r));
	r->p = data;
	r->end = data + len;
	r->sep = sep;
	r->quotes = quotes;
	r->line = 1;
	mc_buf_init(&r->store);
	/* Skip a UTF-8 byte-order mark. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
}

void mc_csv_release(mc_csv *r)
{
	mc_buf_release(&r->store);
	mc_free(r->offs);
	mc_free(r->fields);
	r->offs = NULL;
	r->fields = NULL;
	r->cap = 0;
}

static int push_field(mc_csv *r, size_t *count)
{
	if (*count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		size_t *o = mc_realloc(r->offs, cap * sizeof(*o));
		if (!o)
			return MC_ENOMEM;
		r->offs = o;
		const char **f = mc_realloc(r->fields, cap * sizeof(*f));
		if (!f)
			return MC_ENOMEM;
		r->fields = f;
		r->cap = cap;
	}
	r->offs[(*count)++] = r->store.len;
	return 0;
}

int mc_csv_next(mc_csv *r, mc_csv_row *row, mc_error *err)
{
	if (r->p >= r->end)
		return 0;
	mc_buf_clear(&r->store);
	size_t count = 0;
	size_t start_line = r->line;
	if (push_field(r, &count) < 0)
		goto nomem;
	const char *p = r->p;
	bool in_quotes = false;
	bool done = false;
	while (p < r->end && !done) {
		char c = *p;
		if (in_quotes) {
			if (c == '"') {
				if (p + 1 < r->end && p[1] == '"') {
					if (mc_buf_putc(&r->store, '"') < 0)
						goto nomem;
					p += 2;
					continue;
				}
				in_quotes = false;
				p++;
				continue;
			}
			if (c == '\n')
				r->line++;
			if (mc_buf_putc(&r->store, c) < 0)
				goto nomem;
			p++;
			continue;
		}
		if (c == '"' && r->quotes) {
			in_quotes = true;
			p++;
		} else if (c == r->sep) {
			if (mc_buf_putc(&r->store, '\0') < 0 || push_field(r, &count) < 0)
				goto nomem;
			p++;
		} else if (c == '\r' && p + 1 < r->end && p[1] == '\n') {
			p += 2;
			r->line++;
			done = true;
		} else if (c == '\n') {
			p++;
			r->line++;
			done = true;
		} else {
			if (mc_buf_putc(&r->store, c) < 0)
				goto nomem;
			p++;
		}
	}
	if (in_quotes) {
		r->p = r->end;
		return mc_error_set(err, MC_EFORMAT, "%zu: unterminated quoted field", start_line);
	}
	r->p = p;
	if (mc_buf_putc(&r->store, '\0') < 0)
		goto nomem;
	for (size_t i = 0; i < count; i++)
		r->fields[i] = r->store.ptr + r->offs[i];
	row->field = r->fields;
	row->count = count;
	row->line = start_line;
	return 1;
nomem:
	return mc_error_set(err, MC_ENOMEM, "%zu: out of memory reading csv", start_line);
}
