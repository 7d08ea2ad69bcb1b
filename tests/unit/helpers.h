/* Shared helpers for the cmocka unit tests. */
#ifndef MC_TEST_HELPERS_H
#define MC_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "medcode/ingest.h"

/* $MEDCODE_DATA joined with rel, or NULL when MEDCODE_DATA is unset or the
 * file is missing (the test then calls skip()). Static buffer. */
const char *th_data(const char *rel);
/* tests/fixtures/rel under the source tree (static buffer). */
const char *th_fixture(const char *rel);
/* A copy of tests/fixtures/rel named name ("FILE" or "DIR/FILE") in a
 * temporary directory of this test program, removed when it exits; the
 * path in a static buffer.  For tests of what parsers read from official
 * release file names, which committed fixtures must not carry. */
const char *th_fixture_as(const char *rel, const char *name);

/* A sink that records what a parser streamed. */
typedef struct th_code {
	char *code, *title_short, *title_long, *parent, *kind, *status;
	int billable;
	mc_system system;
} th_code;

typedef struct th_rec {
	size_t releases, codes, notes, sevenths, index, rvu, mue, aoc, ptp;
	char release_stream[64], release_label[64], release_from[16];
	th_code *code;            /* every code record, in order */
	size_t code_cap;
	int note_kinds[16];       /* count per mc_note_kind */
	int index_kinds[8];       /* count per mc_index_kind */
} th_rec;

/* A sink whose payload is rec (zeroed first). */
mc_sink th_rec_sink(th_rec *rec);
void th_rec_release(th_rec *rec);
/* The last code record with this code (exact), or NULL. */
const th_code *th_rec_find(const th_rec *rec, const char *code);

/* Map a file and run one parser on it; returns the parser's result. */
int th_parse_file(const char *path, mc_parse_fn parse, const mc_sink *sink, mc_error *err);
/* Run a parser over an in-memory string. */
int th_parse_str(const char *name, const char *text, mc_parse_fn parse,
		 const mc_sink *sink, mc_error *err);

/* A store in a new temporary directory holding everything under
 * $MEDCODE_DATA, for group setups.  Returns 1 when MEDCODE_DATA is unset
 * (the group's tests then skip), 0 when t is ready, -1 when the data cannot
 * be read or imported (the message goes to stderr). */
typedef struct th_store {
	char dir[64];
	char db[128];
	struct mc_store *s;
} th_store;
int th_store_real(th_store *t);
/* A store in a new temporary directory holding the fixtures named by rel
 * (paths under tests/fixtures/), imported together; 0 or -1 (the message
 * goes to stderr). */
int th_store_fixtures(th_store *t, const char *const *rel, size_t n);
/* Close the store and remove its directory (t may be unused); 0 or -1. */
int th_store_remove(th_store *t);

#endif
