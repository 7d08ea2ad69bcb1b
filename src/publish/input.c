/* The publisher's input record: JSON read with jansson under size, depth,
 * item and string caps; every field optional, every type checked, unknown
 * fields refused (they are usually typos), errors name the JSON path. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/core.h"
#include "medcode/publish.h"

typedef struct field {
	const char *name;
	size_t off;
} field;

typedef struct rows_def {
	const char *name;
	size_t rows_off, count_off, row_size;
	const field *fields;
} rows_def;

#define F(T, m) { #m, offsetof(T, m) }
static const field MOD_F[] = { F(mc_pub_modifier, code), F(mc_pub_modifier, description),
			       F(mc_pub_modifier, when_to_use), { NULL, 0 } };
static const field TAX_F[] = { F(mc_pub_taxonomy, code), F(mc_pub_taxonomy, specialty),
			       F(mc_pub_taxonomy, notes), { NULL, 0 } };
static const field DX_F[] = { F(mc_pub_dx, code), F(mc_pub_dx, description), F(mc_pub_dx, relevance),
			      { NULL, 0 } };
static const field REL_F[] = { F(mc_pub_related, code), F(mc_pub_related, description),
			       F(mc_pub_related, relationship), { NULL, 0 } };
static const field PAY_F[] = { F(mc_pub_payer, name), F(mc_pub_payer, coverage),
			       F(mc_pub_payer, prior_authorization), F(mc_pub_payer, policy_url), { NULL, 0 } };
static const field BEN_F[] = { F(mc_pub_benchmark, metric), F(mc_pub_benchmark, value),
			       F(mc_pub_benchmark, period), F(mc_pub_benchmark, source), { NULL, 0 } };
static const field UPD_F[] = { F(mc_pub_update, date), F(mc_pub_update, title), F(mc_pub_update, summary),
			       F(mc_pub_update, source), { NULL, 0 } };
#undef F

static const field STR_F[] = {
	{ "code", offsetof(mc_pub_input, code) }, { "title", offsetof(mc_pub_input, title) },
	{ "headline", offsetof(mc_pub_input, headline) }, { "lead", offsetof(mc_pub_input, lead) },
	{ "summary", offsetof(mc_pub_input, summary) },
	{ "clinical_context", offsetof(mc_pub_input, clinical_context) },
	{ "service_type", offsetof(mc_pub_input, service_type) },
	{ "site_of_service", offsetof(mc_pub_input, site_of_service) },
	{ "description", offsetof(mc_pub_input, description) },
	{ "post_procedure", offsetof(mc_pub_input, post_procedure) },
	{ NULL, 0 }
};

typedef struct list_def { const char *name; size_t items_off, count_off; } list_def;
static const list_def LIST_F[] = {
	{ "key_payers", offsetof(mc_pub_input, key_payers), offsetof(mc_pub_input, nkey_payers) },
	{ "workflow", offsetof(mc_pub_input, workflow), offsetof(mc_pub_input, nworkflow) },
	{ "indications", offsetof(mc_pub_input, indications), offsetof(mc_pub_input, nindications) },
	{ "procedure_steps", offsetof(mc_pub_input, procedure_steps), offsetof(mc_pub_input, nprocedure_steps) },
	{ NULL, 0, 0 }
};

#define R(name, T, f) { #name, offsetof(mc_pub_input, name), offsetof(mc_pub_input, n##name), sizeof(T), f }
static const rows_def ROWS_F[] = {
	R(modifiers, mc_pub_modifier, MOD_F),
	R(taxonomy, mc_pub_taxonomy, TAX_F),
	R(related_diagnoses, mc_pub_dx, DX_F),
	R(related_codes, mc_pub_related, REL_F),
	R(payers, mc_pub_payer, PAY_F),
	R(benchmarks, mc_pub_benchmark, BEN_F),
	R(policy_updates, mc_pub_update, UPD_F),
	{ NULL, 0, 0, 0, NULL }
};
#undef R

typedef struct parse {
	mc_arena *a;
	const char *name;
	mc_error *err;
} parse;

/* Deepest nesting of [ and { outside strings; stops counting past cap. */
static int max_depth(const char *s, size_t len, int cap)
{
	int d = 0, max = 0;
	bool str = false, esc = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (str) {
			if (esc)
				esc = false;
			else if (c == '\\')
				esc = true;
			else if (c == '"')
				str = false;
			continue;
		}
		if (c == '"')
			str = true;
		else if (c == '[' || c == '{') {
			if (++d > max)
				max = d;
			if (max > cap)
				return max;
		} else if (c == ']' || c == '}')
			d--;
	}
	return max;
}

static int bad(parse *p, const char *path, const char *what)
{
	return mc_error_set(p->err, MC_EFORMAT, "%s: %s: %s", p->name, path, what);
}

static int str_of(parse *p, json_t *v, const char *path, const char **out)
{
	if (json_is_null(v)) {
		*out = NULL;
		return 0;
	}
	if (!json_is_string(v))
		return bad(p, path, "expected a string");
	size_t n = json_string_length(v);
	if (n > MC_PUB_INPUT_MAX_STRING)
		return bad(p, path, "string longer than 65536 bytes");
	const char *s = json_string_value(v);
	if (strlen(s) != n)
		return bad(p, path, "string contains a NUL character");
	char *d = mc_arena_strdup(p->a, s);
	if (!d)
		return mc_error_set(p->err, MC_ENOMEM, "out of memory reading %s", p->name);
	*out = d;
	return 0;
}

static int array_of(parse *p, json_t *v, const char *path)
{
	if (!json_is_array(v))
		return bad(p, path, "expected an array");
	if (json_array_size(v) > MC_PUB_INPUT_MAX_ITEMS)
		return bad(p, path, "more than 500 items");
	return 0;
}

static int read_list(parse *p, json_t *v, const char *name, const char ***items, size_t *n)
{
	char path[96];
	snprintf(path, sizeof(path), "$.%s", name);
	int rc = array_of(p, v, path);
	if (rc < 0)
		return rc;
	size_t cnt = json_array_size(v);
	const char **arr = cnt ? mc_arena_alloc(p->a, cnt * sizeof(*arr)) : NULL;
	if (cnt && !arr)
		return mc_error_set(p->err, MC_ENOMEM, "out of memory reading %s", p->name);
	size_t k = 0;
	for (size_t i = 0; i < cnt; i++) {
		snprintf(path, sizeof(path), "$.%s[%zu]", name, i);
		const char *s;
		if ((rc = str_of(p, json_array_get(v, i), path, &s)) < 0)
			return rc;
		if (s)
			arr[k++] = s;
	}
	*items = arr;
	*n = k;
	return 0;
}

static int read_rows(parse *p, json_t *v, const rows_def *def, mc_pub_input *in)
{
	char path[128];
	snprintf(path, sizeof(path), "$.%s", def->name);
	int rc = array_of(p, v, path);
	if (rc < 0)
		return rc;
	size_t cnt = json_array_size(v);
	char *rows = cnt ? mc_arena_alloc(p->a, cnt * def->row_size) : NULL;
	if (cnt && !rows)
		return mc_error_set(p->err, MC_ENOMEM, "out of memory reading %s", p->name);
	for (size_t i = 0; i < cnt; i++) {
		json_t *o = json_array_get(v, i);
		snprintf(path, sizeof(path), "$.%s[%zu]", def->name, i);
		if (!json_is_object(o))
			return bad(p, path, "expected an object");
		const char *key;
		json_t *val;
		json_object_foreach(o, key, val) {
			const field *f = def->fields;
			while (f->name && strcmp(f->name, key) != 0)
				f++;
			snprintf(path, sizeof(path), "$.%s[%zu].%.40s", def->name, i, key);
			if (!f->name)
				return bad(p, path, "unknown field");
			const char **dst = (const char **)(void *)(rows + i * def->row_size + f->off);
			if ((rc = str_of(p, val, path, dst)) < 0)
				return rc;
		}
	}
	*(void **)(void *)((char *)in + def->rows_off) = rows;
	*(size_t *)(void *)((char *)in + def->count_off) = cnt;
	return 0;
}

static int read_top(parse *p, json_t *root, mc_pub_input *in)
{
	if (!json_is_object(root))
		return bad(p, "$", "expected an object");
	const char *key;
	json_t *v;
	int rc = 0;
	json_object_foreach(root, key, v) {
		char path[96];
		snprintf(path, sizeof(path), "$.%.60s", key);
		if (strcmp(key, "$schema") == 0) {
			if (!json_is_string(v))
				return bad(p, path, "expected a string");
			continue;
		}
		bool done = false;
		for (const field *f = STR_F; f->name && !done; f++)
			if (strcmp(f->name, key) == 0) {
				if ((rc = str_of(p, v, path, (const char **)(void *)((char *)in + f->off))) < 0)
					return rc;
				done = true;
			}
		for (const list_def *l = LIST_F; l->name && !done; l++)
			if (strcmp(l->name, key) == 0) {
				if ((rc = read_list(p, v, l->name, (const char ***)(void *)((char *)in + l->items_off),
						    (size_t *)(void *)((char *)in + l->count_off))) < 0)
					return rc;
				done = true;
			}
		for (const rows_def *r = ROWS_F; r->name && !done; r++)
			if (strcmp(r->name, key) == 0) {
				if ((rc = read_rows(p, v, r, in)) < 0)
					return rc;
				done = true;
			}
		if (!done)
			return bad(p, path, "unknown field (see docs/publication-input.schema.json)");
	}
	return 0;
}

int mc_pub_input_parse(mc_pub_input **out, const char *name, const char *data, size_t len,
		       mc_error *err)
{
	*out = NULL;
	if (!name)
		name = "input";
	if (len > MC_PUB_INPUT_MAX_BYTES)
		return mc_error_set(err, MC_EFORMAT, "%s: larger than %d bytes", name, MC_PUB_INPUT_MAX_BYTES);
	if (max_depth(data, len, MC_PUB_INPUT_MAX_DEPTH) > MC_PUB_INPUT_MAX_DEPTH)
		return mc_error_set(err, MC_EFORMAT, "%s: nested deeper than %d levels", name,
				    MC_PUB_INPUT_MAX_DEPTH);
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return mc_error_set(err, MC_EFORMAT, "%s:%d:%d: %s", name, je.line, je.column, je.text);
	mc_arena *a = mc_calloc(1, sizeof(*a));
	mc_pub_input *in = a ? mc_arena_alloc(a, sizeof(*in)) : NULL;
	int rc;
	if (!in) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory reading %s", name);
		goto fail;
	}
	in->arena_ = a;
	in->name = mc_arena_strdup(a, name);
	if (!in->name) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory reading %s", name);
		goto fail;
	}
	parse p = { a, name, err };
	if ((rc = read_top(&p, root, in)) < 0)
		goto fail;
	json_decref(root);
	*out = in;
	return 0;
fail:
	json_decref(root);
	if (a) {
		mc_arena_release(a);
		mc_free(a);
	}
	return rc;
}

int mc_pub_input_load(mc_pub_input **out, const char *path, mc_error *err)
{
	*out = NULL;
	mc_map m;
	int rc = mc_map_file(&m, path, err);
	if (rc < 0)
		return rc;
	if (m.len > MC_PUB_INPUT_MAX_BYTES) {
		mc_map_release(&m);
		return mc_error_set(err, MC_EFORMAT, "%s: larger than %d bytes", path, MC_PUB_INPUT_MAX_BYTES);
	}
	rc = mc_pub_input_parse(out, path, m.len ? (const char *)m.data : "", m.len, err);
	mc_map_release(&m);
	return rc;
}

void mc_pub_input_free(mc_pub_input *in)
{
	if (!in)
		return;
	mc_arena *a = in->arena_;
	mc_arena_release(a);
	mc_free(a);
}
