/* libFuzzer entry: the server's request parsing on arbitrary bytes.  The
 * first byte picks the mode; the rest is (a) a query string for
 * srv_parse_query, (b) a POST body for srv_json_parse + srv_fhir_parameters,
 * (c) a request target split, decoded and parsed as the router does, or
 * (d) a redact/detect/report body: the depth check, then srv_json_docs
 * (one JSON value or JSON lines). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "server/server_int.h"

static int count_doc(void *ctx, json_t *doc, size_t line, char *msg, size_t msgcap)
{
	(void)msg;
	(void)msgcap;
	*(size_t *)ctx += line + (json_is_object(doc) && json_is_string(json_object_get(doc, "text")));
	return 0;
}

static size_t touch(const srv_kv *p, size_t n)
{
	size_t t = 0;
	for (size_t i = 0; i < n; i++)
		t += strlen(p[i].name) + strlen(p[i].value);
	return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *in = (const char *)data + 1;
	size_t len = size - 1;
	mc_arena a = MC_ARENA_INIT;
	srv_kv *params = NULL;
	size_t n = 0;
	char msg[256];
	volatile size_t sink = 0;
	switch (data[0] % 4) {
	case 0:
		if (srv_parse_query(&a, in, len, &params, &n, msg, sizeof(msg)) == 0)
			sink += touch(params, n);
		else if (!memchr(msg, '\0', sizeof(msg)))
			__builtin_trap();
		break;
	case 1: {
		json_t *root = NULL;
		if (srv_json_parse(in, len, SRV_FHIR_BODY, &root, msg, sizeof(msg)) == 0) {
			if (srv_fhir_parameters(&a, root, &params, &n, msg, sizeof(msg)) == 0)
				sink += touch(params, n);
			json_decref(root);
		}
		break;
	}
	case 3: {
		size_t docs = 0;
		bool multi;
		if (srv_json_depth(in, len, SRV_MAX_JSON_DEPTH) <= SRV_MAX_JSON_DEPTH &&
		    srv_json_docs(in, len, 1000, count_doc, &docs, &multi, msg, sizeof(msg)) != 0 &&
		    !memchr(msg, '\0', sizeof(msg)))
			__builtin_trap();
		sink += docs;
		break;
	}
	default: {
		char *target = mc_arena_alloc(&a, len + 2);
		if (!target)
			break;
		target[0] = '/';
		memcpy(target + 1, in, len);
		const char *q = memchr(target, '?', len + 1);
		for (const char *p = target; p < (q ? q : target + len + 1); p++)
			if (*p == '\0')
				goto done;
		if (q)
			srv_parse_query(&a, q + 1, (size_t)(target + len + 1 - q - 1), &params, &n, msg, sizeof(msg));
		char *dec = srv_decode(&a, target, q ? (size_t)(q - target) : len + 1, false);
		if (dec)
			sink += strlen(dec);
		break;
	}
	}
done:
	(void)sink;
	mc_arena_release(&a);
	return 0;
}
