/* libFuzzer entry: the search query parser (src/search/query.c) on
 * arbitrary bytes, in both modes; no store needed.  Every string the parse
 * produced is read back, and the limits are checked. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "search/search_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static mc_sq q;
	for (int prefix = 0; prefix < 2; prefix++) {
		mc_error err;
		int rc = mc_sq_parse(&q, (const char *)data, size, prefix != 0, &err);
		if (rc != 0 && rc != MC_EINVAL)
			__builtin_trap();
		if (rc != 0)
			continue;
		if (q.ngroups > MC_SQ_MAX_GROUPS || q.ncodes > MC_SQ_MAX_CODES || q.pool_len > MC_SQ_POOL)
			__builtin_trap();
		size_t n = 0;
		for (size_t g = 0; g < q.ngroups; g++) {
			if (q.group[g].nalts > MC_SQ_MAX_ALTS)
				__builtin_trap();
			n += strlen(mc_sq_str(&q, q.group[g].surface));
			for (size_t a = 0; a < q.group[g].nalts; a++)
				n += strlen(mc_sq_str(&q, q.group[g].alt[a]));
		}
		for (size_t c = 0; c < q.ncodes; c++)
			n += strnlen(q.code[c].lo, MC_CODE_MAX) + strnlen(q.code[c].hi, MC_CODE_MAX);
		if (n > MC_SQ_POOL * 2)
			__builtin_trap();
	}
	return 0;
}
