/* Internal helpers shared by every library module: allocation wrappers,
 * a growable byte buffer, a CSV reader over memory, dates, code spelling,
 * file mapping and hashing.  Not part of the public API. */
#ifndef MC_CORE_H
#define MC_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "medcode/error.h"
#include "medcode/wipe.h"

/* ---- allocation ------------------------------------------------------
 * All library allocation goes through these so that tests can make the
 * Nth allocation fail (mc_alloc_fail_after) and prove every failure path. */
void *mc_malloc(size_t n);
void *mc_calloc(size_t count, size_t size);
void *mc_realloc(void *p, size_t n);
/* A zeroed array of count * size bytes for a large table read at random
 * (a hash table of millions of slots): from 4 MiB up it is mapped apart,
 * and the kernel is asked to back it with 2 MiB pages, so that lookups
 * spread over tens of MB do not miss the TLB.  NULL on overflow or when
 * out of memory.  Free it with mc_free_table and the same count and size. */
void *mc_calloc_table(size_t count, size_t size);
void mc_free_table(void *p, size_t count, size_t size);
char *mc_strdup(const char *s);
char *mc_strndup(const char *s, size_t n);
void mc_free(void *p);
/* Test hook: the nth call from now (1 = next) and every later one fails;
 * n < 0 turns failure off. */
void mc_alloc_fail_after(long n);

/* ---- growable buffer ---------------------------------------------------
 * ptr is always NUL-terminated once anything was appended. */
typedef struct mc_buf {
	char *ptr;
	size_t len;
	size_t cap;
} mc_buf;
#define MC_BUF_INIT { NULL, 0, 0 }

void mc_buf_init(mc_buf *b);
void mc_buf_release(mc_buf *b);
void mc_buf_clear(mc_buf *b);                 /* len = 0, keeps memory */
int mc_buf_grow(mc_buf *b, size_t extra);     /* room for extra more bytes + NUL */
int mc_buf_put(mc_buf *b, const void *data, size_t n);
int mc_buf_puts(mc_buf *b, const char *s);
int mc_buf_putc(mc_buf *b, char c);
int mc_buf_printf(mc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Take the string; b is left empty.  Never NULL on success ("" if empty). */
char *mc_buf_detach(mc_buf *b);

/* ---- CSV / TSV reader over a memory buffer ------------------------------
 * RFC 4180: quoted fields, "" escapes, fields spanning lines, CRLF or LF.
 * Field pointers stay valid until the next mc_csv_next call. */
typedef struct mc_csv {
	const char *p, *end;
	char sep;
	bool quotes;          /* honour quotes (false for plain TSV) */
	size_t line;          /* 1-based line number of the next record */
	mc_buf store;         /* decoded field text */
	size_t *offs;         /* field offsets into store */
	size_t cap;
	const char **fields;
} mc_csv;

typedef struct mc_csv_row {
	const char **field;   /* field[i] NUL-terminated */
	size_t count;
	size_t line;          /* line where the record started */
} mc_csv_row;

void mc_csv_init(mc_csv *r, const char *data, size_t len, char sep, bool quotes);
/* 1 when a row was read, 0 at end of input, <0 on error (unterminated quote,
 * out of memory), with err naming the line. */
int mc_csv_next(mc_csv *r, mc_csv_row *row, mc_error *err);
void mc_csv_release(mc_csv *r);

/* ---- strings ------------------------------------------------------------ */
/* Trim ASCII whitespace in place; returns s. */
char *mc_trim(char *s);
/* Copy at most n bytes of src (stopping at NUL) into out[cap], trimmed of
 * ASCII whitespace at both ends.  Returns length written. */
size_t mc_copy_trim(char *out, size_t cap, const char *src, size_t n);
bool mc_str_iequal(const char *a, const char *b);
bool mc_str_istarts(const char *s, const char *prefix);
/* Case-insensitive search for needle in the first n bytes of hay. */
const char *mc_memcasestr(const char *hay, size_t n, const char *needle);
/* True when the first n bytes are valid UTF-8. */
bool mc_utf8_valid(const char *s, size_t n);
/* Parse a non-negative decimal integer (whole string); false on junk/overflow. */
bool mc_parse_long(const char *s, long *out);

/* ---- dates: always "YYYY-MM-DD" strings, which sort and compare ------- */
#define MC_DATE_LEN 11
bool mc_date_valid(const char *iso);
/* "20251001" -> "2025-10-01" */
bool mc_date_from_yyyymmdd(const char *s, char out[MC_DATE_LEN]);
/* CMS Julian "YYYYDDD" ("2013091") -> "2013-04-01" */
bool mc_date_from_julian(const char *s, char out[MC_DATE_LEN]);
/* "M/D/YYYY" or "MM/DD/YYYY" -> ISO */
bool mc_date_from_mdy(const char *s, char out[MC_DATE_LEN]);
/* Today's date in UTC. */
void mc_date_today(char out[MC_DATE_LEN]);
/* iso plus days (may be negative). */
bool mc_date_add_days(const char *iso, int days, char out[MC_DATE_LEN]);

/* ---- code spelling ------------------------------------------------------ */
#define MC_CODE_MAX 32
/* Upper-case, drop dots and spaces: "e11.52" -> "E1152".  Returns
 * false when the result would not fit or has characters other than A-Z0-9. */
bool mc_code_compact(const char *in, char out[MC_CODE_MAX]);
/* ICD-10-CM display form: "E1152" -> "E11.52"; codes of 3 characters or
 * fewer are copied as they are. */
void mc_icd10cm_dotted(const char *compact, char out[MC_CODE_MAX]);

/* ---- files ----------------------------------------------------------- */
typedef struct mc_map {
	const unsigned char *data;
	size_t len;
	void *base_;          /* internal */
	size_t maplen_;
} mc_map;
/* Map a whole file read-only (an empty file gives len 0). */
int mc_map_file(mc_map *out, const char *path, mc_error *err);
void mc_map_release(mc_map *m);
/* Read a whole file into a malloc'd buffer (NUL-terminated). */
int mc_read_file(char **out, size_t *len, const char *path, mc_error *err);

/* sha256 of data as 64 lowercase hex chars + NUL. */
void mc_sha256_hex(const void *data, size_t len, char out[65]);



/* ---- arena: many small allocations freed together -------------------- */
typedef struct mc_arena_block mc_arena_block;
typedef struct mc_arena {
	mc_arena_block *head;
	bool failed;          /* an allocation failed at some point */
} mc_arena;
#define MC_ARENA_INIT { NULL, false }
void *mc_arena_alloc(mc_arena *a, size_t n);          /* zeroed; NULL on failure */
char *mc_arena_strdup(mc_arena *a, const char *s);    /* NULL in -> NULL out */
void mc_arena_release(mc_arena *a);
/* Zero what was allocated (it may hold PHI or a password), then release. */
void mc_arena_wipe_release(mc_arena *a);

#endif
