#include "medcode/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void mc_error_clear(mc_error *err)
{
	if (!err)
		return;
	err->code = MC_OK;
	err->msg[0] = '\0';
}

int mc_error_set(mc_error *err, int code, const char *fmt, ...)
{
	if (!err)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->code = code;
	return code;
}

void mc_error_prefix(mc_error *err, const char *fmt, ...)
{
	if (!err)
		return;
	char prefix[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	size_t plen = strlen(prefix), mlen = strlen(err->msg);
	if (plen + 2 >= sizeof(err->msg))
		plen = sizeof(err->msg) - 3;
	if (plen + 2 + mlen >= sizeof(err->msg))
		mlen = sizeof(err->msg) - plen - 3;
	memmove(err->msg + plen + 2, err->msg, mlen);
	memcpy(err->msg, prefix, plen);
	err->msg[plen] = ':';
	err->msg[plen + 1] = ' ';
	err->msg[plen + 2 + mlen] = '\0';
}

const char *mc_error_name(int code)
{
	switch (code) {
	case MC_OK: return "ok";
	case MC_ENOMEM: return "out of memory";
	case MC_EIO: return "i/o error";
	case MC_EFORMAT: return "bad input";
	case MC_ENOTFOUND: return "not found";
	case MC_EINVAL: return "invalid argument";
	case MC_EDB: return "store error";
	case MC_ESTOP: return "stopped";
	case MC_ENET: return "download failed";
	case MC_ECHECKSUM: return "checksum mismatch";
	default: return "error";
	}
}
