/* A streaming JSON writer into an mc_buf: no tree, no per-value
 * allocation.  Strings are escaped; invalid UTF-8 becomes U+FFFD.  Errors
 * (out of memory, nesting too deep) are sticky: check mc_jsonw_failed once
 * at the end. */
#ifndef MC_CORE_JSONW_H
#define MC_CORE_JSONW_H

#include <stdbool.h>

#include "core/core.h"

enum { MC_JSONW_MAX_DEPTH = 32 };

typedef struct mc_jsonw {
	mc_buf *b;
	bool pretty;            /* 2-space indent, ": " and one value a line */
	bool failed;
	int depth;
	bool after_key;         /* the next value follows a key on its line */
	unsigned count[MC_JSONW_MAX_DEPTH];   /* values so far per open container */
	bool is_arr[MC_JSONW_MAX_DEPTH];
} mc_jsonw;

void mc_jsonw_init(mc_jsonw *w, mc_buf *b, bool pretty);
void mc_jsonw_obj(mc_jsonw *w);      /* { */
void mc_jsonw_arr(mc_jsonw *w);      /* [ */
void mc_jsonw_end(mc_jsonw *w);      /* } or ] */
void mc_jsonw_key(mc_jsonw *w, const char *k);
void mc_jsonw_str(mc_jsonw *w, const char *s);   /* NULL writes null */
void mc_jsonw_int(mc_jsonw *w, long long v);
void mc_jsonw_bool(mc_jsonw *w, bool v);
void mc_jsonw_null(mc_jsonw *w);
/* Shorthands for "key": value. */
void mc_jsonw_kstr(mc_jsonw *w, const char *k, const char *s);
void mc_jsonw_kint(mc_jsonw *w, const char *k, long long v);
void mc_jsonw_kbool(mc_jsonw *w, const char *k, bool v);
/* true when anything failed (the buffer then holds a partial document). */
bool mc_jsonw_failed(const mc_jsonw *w);

#endif
