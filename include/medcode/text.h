/* medcode text: clinical-text machinery shared by phi and detect.
 *
 * Tokens carry byte offsets into the caller's text (which is borrowed,
 * never copied, and may hold invalid UTF-8: each bad byte becomes a
 * one-byte MC_TOK_OTHER token).  The scanner runs a set of regular
 * expressions over a text in one pass (Hyperscan); compile it once and
 * reuse it.
 */
#ifndef MEDCODE_TEXT_H
#define MEDCODE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "medcode/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- UTF-8 ------------------------------------------------------------- */

/* Decode the code point at s[i] (i < len).  Returns the number of bytes it
 * takes (1..4) and stores the code point in *cp, or returns 1 and stores
 * -1 when the byte does not start a valid, shortest-form sequence. */
size_t mc_text_utf8_next(const char *s, size_t len, size_t i, int32_t *cp);

/* Number of code points in s[0..n) (each invalid byte counts as one). */
size_t mc_text_cp_count(const char *s, size_t n);

/* ---- tokens -------------------------------------------------------------- */

enum {
	MC_TOK_ALPHA = 1u << 0,    /* has a letter */
	MC_TOK_DIGIT = 1u << 1,    /* has a digit */
	MC_TOK_PUNCT = 1u << 2,    /* one punctuation or symbol character */
	MC_TOK_OTHER = 1u << 3,    /* an invalid byte or a control character */
	MC_TOK_CAP = 1u << 4,      /* starts with an upper-case letter */
	MC_TOK_UPPER = 1u << 5,    /* has letters, all upper case */
	MC_TOK_NONASCII = 1u << 6, /* has a non-ASCII letter or digit */
	MC_TOK_NL = 1u << 7,       /* a line break comes before it */
	MC_TOK_PARA = 1u << 8,     /* a blank line comes before it */
	MC_TOK_SENT = 1u << 9,     /* it starts a sentence */
	MC_TOK_SPACE = 1u << 10,   /* white space comes before it */
	MC_TOK_HEADER = 1u << 11,  /* part of a section header ("HPI:", "Plan:") */
	MC_TOK_APOS = 1u << 12     /* a word with an inner apostrophe ("O'Brien") */
};

typedef struct mc_token {
	size_t start, end;  /* byte offsets, end exclusive */
	uint32_t flags;     /* MC_TOK_* */
} mc_token;

typedef struct mc_tokens {
	mc_token *v;
	size_t n, cap;
} mc_tokens;

/* Set up an empty token list (release it with mc_tokens_release). */
void mc_tokens_init(mc_tokens *t);
/* Free the list's memory. */
void mc_tokens_release(mc_tokens *t);

/* Split s[0..len) into tokens, replacing what t held: runs of letters,
 * digits and inner apostrophes ("O'Brien", "A1c") are one token; every
 * other non-space character is a token of its own.  Marks sentence starts
 * and section headers.  Returns 0, or MC_ENOMEM (t is then empty). */
int mc_text_tokenize(mc_tokens *t, const char *s, size_t len, mc_error *err);

/* True when token i (a word) is followed, after optional spaces, by ':'
 * and starts a line: a section header or a field label ("Patient:"). */
bool mc_text_is_label(const mc_tokens *t, const char *s, size_t i);

/* ---- multi-pattern scanner ---------------------------------------------- */

enum {
	MC_SCAN_CASELESS = 1u << 0,
	MC_SCAN_UTF8 = 1u << 1,      /* the pattern uses UTF-8 / Unicode classes */
	MC_SCAN_END_ONLY = 1u << 2   /* report ends unconfirmed (start == end); the
				      * callback may ask for the start (mc_scanner_start) */
};

typedef struct mc_scan_pattern {
	const char *re;   /* PCRE-style expression (no look-around, no back-references) */
	unsigned id;      /* reported to the callback */
	unsigned flags;   /* MC_SCAN_* */
} mc_scan_pattern;

typedef struct mc_scanner mc_scanner;

/* Compile n patterns into one scanner (*out, free with mc_scanner_free).
 * Matches are reported with their leftmost start.  Returns 0, MC_EINVAL
 * naming the pattern that did not compile, or MC_ENOMEM. */
int mc_scanner_new(mc_scanner **out, const mc_scan_pattern *p, size_t n, mc_error *err);

/* Called for every match: pattern id, byte start and end (exclusive).
 * Return 0 to go on, non-zero to stop the scan. */
typedef int (*mc_scan_cb)(unsigned id, size_t start, size_t end, void *payload);

/* Scan s[0..len) once, calling cb for each match (a pattern may report
 * several ends for one start).  Not thread-safe: one scanner per thread.
 * Returns 0, MC_ESTOP when cb stopped it, or MC_EINVAL on a scan failure. */
int mc_scanner_scan(mc_scanner *sc, const char *s, size_t len, mc_scan_cb cb, void *payload,
		    mc_error *err);

/* The leftmost start of a match of pattern `id` (the id given at compile
 * time) ending at `end` in s, for MC_SCAN_END_ONLY reports: stores it in
 * *start and returns 0, or returns MC_ENOTFOUND (no such match) or MC_ENOMEM. */
int mc_scanner_start(mc_scanner *sc, unsigned id, const char *s, size_t end, size_t *start);
/* Free a scanner (NULL is fine). */
void mc_scanner_free(mc_scanner *sc);

#ifdef __cplusplus
}
#endif
#endif
