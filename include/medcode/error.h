/* medcode error type.
 *
 * Every library function that can fail returns an int: 0 on success or a
 * negative MC_E* code.  It also fills the caller's mc_error (when not NULL)
 * with a one-line, lowercase message that names what failed first and, for
 * bad input, the file and line ("order.txt:12: expected ...").  Callers pass
 * a callee's code up unchanged.  The library never prints.
 */
#ifndef MEDCODE_ERROR_H
#define MEDCODE_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
	MC_OK = 0,
	MC_ENOMEM = -1,   /* allocation failed */
	MC_EIO = -2,      /* reading or writing a file failed */
	MC_EFORMAT = -3,  /* input is not in the expected format */
	MC_ENOTFOUND = -4,/* the thing asked for does not exist */
	MC_EINVAL = -5,   /* bad argument or usage */
	MC_EDB = -6,      /* the store (SQLite) failed */
	MC_ESTOP = -7,    /* a callback asked to stop early */
	MC_ENET = -8,     /* a download failed */
	MC_ECHECKSUM = -9 /* a checksum did not match */
};

#define MC_ERROR_MSG_MAX 512

typedef struct mc_error {
	int code;                    /* last MC_E* code, MC_OK when clear */
	char msg[MC_ERROR_MSG_MAX];  /* one line, no trailing newline */
} mc_error;

/* Clear err (err may be NULL). */
void mc_error_clear(mc_error *err);

/* Set err->code and a printf-style message; returns code so callers can
 * write `return mc_error_set(err, MC_EFORMAT, "...")`.  err may be NULL. */
int mc_error_set(mc_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Put "prefix: " in front of the current message (e.g. a file name). */
void mc_error_prefix(mc_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A short static name for a code ("out of memory", "bad input", ...). */
const char *mc_error_name(int code);

#ifdef __cplusplus
}
#endif
#endif
