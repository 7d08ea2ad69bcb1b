/* Request parsing shared by every route: query strings, percent-decoding,
 * JSON bodies with size and depth caps, FHIR Parameters.  Untrusted input
 * all of it: every length is checked, every failure says what was wrong. */
#include <stdio.h>
#include <string.h>

#include "server/server_int.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *srv_decode(mc_arena *a, const char *s, size_t len, bool plus_is_space)
{
	char *out = mc_arena_alloc(a, len + 1);
	if (!out)
		return NULL;
	size_t w = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '%') {
			if (len - i < 3)
				return NULL;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			c = (char)(h * 16 + l);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			return NULL;
		out[w++] = c;
	}
	out[w] = '\0';
	if (!mc_utf8_valid(out, w))
		return NULL;
	return out;
}

static int add_param(mc_arena *a, srv_kv **params, size_t *n, const char *name,
		     const char *value, char *msg, size_t msgcap)
{
	if (*n >= SRV_MAX_PARAMS) {
		snprintf(msg, msgcap, "more than %d parameters", SRV_MAX_PARAMS);
		return MC_EFORMAT;
	}
	/* Grow by doubling inside the arena (old blocks die with it). */
	if ((*n & (*n - 1)) == 0) {
		size_t cap = *n ? *n * 2 : 8;
		srv_kv *np = mc_arena_alloc(a, cap * sizeof(*np));
		if (!np) {
			snprintf(msg, msgcap, "out of memory");
			return MC_ENOMEM;
		}
		if (*n)
			memcpy(np, *params, *n * sizeof(*np));
		*params = np;
	}
	(*params)[*n].name = name;
	(*params)[*n].value = value;
	(*n)++;
	return 0;
}

int srv_parse_query(mc_arena *a, const char *q, size_t len, srv_kv **params, size_t *n,
		    char *msg, size_t msgcap)
{
	size_t i = 0;
	while (i < len) {
		const char *start = q + i;
		const char *amp = memchr(start, '&', len - i);
		size_t plen = amp ? (size_t)(amp - start) : len - i;
		i += plen + 1;
		if (!plen)
			continue;
		const char *eq = memchr(start, '=', plen);
		size_t klen = eq ? (size_t)(eq - start) : plen;
		char *k = srv_decode(a, start, klen, true);
		char *v = eq ? srv_decode(a, eq + 1, plen - klen - 1, true) : mc_arena_strdup(a, "");
		if (a->failed) {
			snprintf(msg, msgcap, "out of memory");
			return MC_ENOMEM;
		}
		if (!k || !v) {
			snprintf(msg, msgcap, "malformed query string: bad percent-escape or not UTF-8");
			return MC_EFORMAT;
		}
		if (!*k) {
			snprintf(msg, msgcap, "malformed query string: parameter without a name");
			return MC_EFORMAT;
		}
		int rc = add_param(a, params, n, k, v, msg, msgcap);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Deepest nesting of [ and { outside strings, stopping past limit. */
size_t srv_json_depth(const char *s, size_t len, size_t limit)
{
	size_t depth = 0, max = 0;
	bool in_str = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
			continue;
		}
		if (c == '"') {
			in_str = true;
		} else if (c == '[' || c == '{') {
			if (++depth > max && (max = depth) > limit)
				return max;
		} else if ((c == ']' || c == '}') && depth) {
			depth--;
		}
	}
	return max;
}

int srv_json_parse(const char *body, size_t len, size_t max, json_t **out, char *msg, size_t msgcap)
{
	*out = NULL;
	if (len > max) {
		snprintf(msg, msgcap, "JSON body is larger than %zu bytes", max);
		return MC_EFORMAT;
	}
	if (srv_json_depth(body, len, SRV_MAX_JSON_DEPTH) > SRV_MAX_JSON_DEPTH) {
		snprintf(msg, msgcap, "JSON body nests deeper than %d levels", SRV_MAX_JSON_DEPTH);
		return MC_EFORMAT;
	}
	json_error_t je;
	json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		snprintf(msg, msgcap, "malformed JSON at line %d column %d: %.120s", je.line, je.column, je.text);
		return MC_EFORMAT;
	}
	*out = j;
	return 0;
}

/* value[x] of a Parameters entry as text (numbers and booleans too). */
static int param_value(mc_arena *a, const char *key, json_t *v, const char **out)
{
	char num[64];
	*out = NULL;
	if (json_is_string(v)) {
		*out = mc_arena_strdup(a, json_string_value(v));
	} else if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
		*out = mc_arena_strdup(a, num);
	} else if (json_is_boolean(v)) {
		*out = mc_arena_strdup(a, json_is_true(v) ? "true" : "false");
	} else {
		(void)key;
		return MC_EFORMAT;
	}
	return *out ? 0 : MC_ENOMEM;
}

int srv_fhir_parameters(mc_arena *a, const json_t *root, srv_kv **params, size_t *n,
			char *msg, size_t msgcap)
{
	if (!json_is_object(root)) {
		snprintf(msg, msgcap, "body must be a FHIR Parameters resource (a JSON object)");
		return MC_EFORMAT;
	}
	json_t *rt = json_object_get(root, "resourceType");
	if (!json_is_string(rt) || strcmp(json_string_value(rt), "Parameters") != 0) {
		snprintf(msg, msgcap, "body must be a FHIR Parameters resource (resourceType \"Parameters\")");
		return MC_EFORMAT;
	}
	json_t *list = json_object_get(root, "parameter");
	if (!list)
		return 0;
	if (!json_is_array(list)) {
		snprintf(msg, msgcap, "Parameters.parameter must be an array");
		return MC_EFORMAT;
	}
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e) {
		json_t *name = json_object_get(e, "name");
		if (!json_is_object(e) || !json_is_string(name)) {
			snprintf(msg, msgcap, "parameter[%zu] needs a name", i);
			return MC_EFORMAT;
		}
		const char *nm = mc_arena_strdup(a, json_string_value(name));
		if (!nm)
			goto oom;
		const char *key;
		json_t *v;
		bool found = false;
		json_object_foreach(e, key, v) {
			if (strncmp(key, "value", 5) != 0)
				continue;
			if (found) {
				snprintf(msg, msgcap, "parameter '%.64s' has more than one value", nm);
				return MC_EFORMAT;
			}
			found = true;
			if (strcmp(key, "valueCoding") == 0) {
				if (!json_is_object(v)) {
					snprintf(msg, msgcap, "parameter '%.64s': valueCoding must be an object", nm);
					return MC_EFORMAT;
				}
				static const char *const parts[] = { "system", "code", "version", "display" };
				for (size_t k = 0; k < 4; k++) {
					json_t *pv = json_object_get(v, parts[k]);
					if (!pv)
						continue;
					const char *txt;
					int rc = json_is_string(pv) ? param_value(a, parts[k], pv, &txt) : MC_EFORMAT;
					if (rc == MC_ENOMEM)
						goto oom;
					if (rc < 0) {
						snprintf(msg, msgcap, "parameter '%.64s': coding.%s must be a string", nm, parts[k]);
						return MC_EFORMAT;
					}
					if ((rc = add_param(a, params, n, parts[k], txt, msg, msgcap)) < 0)
						return rc;
				}
				continue;
			}
			const char *txt;
			int rc = param_value(a, key, v, &txt);
			if (rc == MC_ENOMEM)
				goto oom;
			if (rc < 0) {
				snprintf(msg, msgcap, "parameter '%.64s': %.32s is not supported here", nm, key);
				return MC_EFORMAT;
			}
			if (!mc_utf8_valid(txt, strlen(txt))) {
				snprintf(msg, msgcap, "parameter '%.64s' is not UTF-8", nm);
				return MC_EFORMAT;
			}
			if ((rc = add_param(a, params, n, nm, txt, msg, msgcap)) < 0)
				return rc;
		}
		if (!found && json_object_get(e, "part") == NULL && json_object_get(e, "resource") == NULL) {
			snprintf(msg, msgcap, "parameter '%.64s' has no value", nm);
			return MC_EFORMAT;
		}
	}
	return 0;
oom:
	snprintf(msg, msgcap, "out of memory");
	return MC_ENOMEM;
}

static int dump_cb(const char *buf, size_t size, void *data)
{
	return mc_buf_put(data, buf, size) < 0 ? -1 : 0;
}

int srv_json_line(mc_buf *out, const json_t *j)
{
	if (!j || json_dump_callback(j, dump_cb, out, JSON_COMPACT) < 0 || mc_buf_putc(out, '\n') < 0)
		return MC_ENOMEM;
	return 0;
}

int srv_json_docs(const char *body, size_t len, size_t max_docs, srv_doc_fn fn, void *ctx,
		  bool *multi, char *msg, size_t msgcap)
{
	*multi = false;
	json_error_t je;
	/* One value, however it is laid out. */
	json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (j) {
		int rc = fn(ctx, j, 1, msg, msgcap);
		json_decref(j);
		return rc;
	}
	json_error_t first = je;
	/* Else JSON lines: each non-blank line one value. */
	size_t line = 0, docs = 0;
	const char *p = body, *end = body + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		line++;
		const char *a = p, *b = e;
		while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
			b--;
		p = nl ? nl + 1 : end;
		if (a == b)
			continue;
		if (++docs > max_docs) {
			snprintf(msg, msgcap, "more than %zu JSON lines", max_docs);
			return MC_EFORMAT;
		}
		j = json_loadb(a, (size_t)(b - a), JSON_REJECT_DUPLICATES, &je);
		if (!j) {
			if (docs == 1)
				snprintf(msg, msgcap, "malformed JSON at line %d column %d: %.120s", first.line,
					 first.column, first.text);
			else
				snprintf(msg, msgcap, "malformed JSON on line %zu column %d: %.120s", line, je.column,
					 je.text);
			return MC_EFORMAT;
		}
		*multi = true;
		int rc = fn(ctx, j, line, msg, msgcap);
		json_decref(j);
		if (rc)
			return rc;
	}
	if (!docs) {
		snprintf(msg, msgcap, "empty JSON body");
		return MC_EFORMAT;
	}
	return 0;
}

const char *srv_param(const srv_req *req, const char *name)
{
	for (size_t i = 0; i < req->nparams; i++)
		if (strcmp(req->params[i].name, name) == 0)
			return req->params[i].value;
	return NULL;
}
