/* JSON encoders for store results (see medcode/json.h). */
#include <string.h>

#include "medcode/json.h"

/* jansson's json_object_set_new ignores a NULL value and reports failure;
 * we treat NULL strings as JSON null so every key is always present. */
static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int put(json_t *o, const char *k, json_t *v)
{
	if (!v)
		return -1;
	return json_object_set_new(o, k, v);
}

static json_t *source_json(const mc_source *s)
{
	if (!s->stream)
		return json_null();
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "stream", json_string(s->stream));
	put(o, "release", str_or_null(s->label));
	put(o, "effective_from", str_or_null(s->effective_from));
	put(o, "effective_to", str_or_null(s->effective_to));
	put(o, "files", str_or_null(s->files));
	return o;
}

static json_t *billable_json(int b)
{
	return b < 0 ? json_null() : json_boolean(b);
}

static json_t *refs_json(const mc_code_ref *r, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *o = json_object();
		put(o, "code", str_or_null(r[i].code));
		put(o, "title", str_or_null(r[i].title));
		put(o, "kind", str_or_null(r[i].kind));
		put(o, "billable", billable_json(r[i].billable));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *aoc_json(const mc_aoc_item *it, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *o = json_object();
		put(o, "code", str_or_null(it[i].code));
		put(o, "edit_type", json_integer(it[i].edit_type));
		put(o, "effective", str_or_null(it[i].effective));
		put(o, "deleted", str_or_null(it[i].deleted));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *mc_json_code_record(const mc_code_record *r)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "system", str_or_null(r->system));
	put(o, "code", str_or_null(r->code));
	put(o, "title", str_or_null(r->title_long ? r->title_long : r->title_short));
	put(o, "title_short", str_or_null(r->title_short));
	put(o, "title_long", str_or_null(r->title_long));
	put(o, "title_other", str_or_null(r->title_other));
	put(o, "billable", billable_json(r->billable));
	put(o, "kind", str_or_null(r->kind));
	put(o, "state", str_or_null(r->state));
	put(o, "deleted_on", str_or_null(r->deleted_on));
	put(o, "status", str_or_null(r->status));
	put(o, "valid_from", str_or_null(r->valid_from));
	put(o, "valid_to", str_or_null(r->valid_to));
	put(o, "source", source_json(&r->source));

	json_t *attrs = json_object();
	for (size_t i = 0; attrs && i < r->nattrs; i++)
		put(attrs, r->attrs[i].key, str_or_null(r->attrs[i].value));
	put(o, "attributes", attrs);
	put(o, "hierarchy", refs_json(r->ancestors, r->nancestors));
	put(o, "billable_children", refs_json(r->children, r->nchildren));
	put(o, "billable_children_truncated", json_boolean(r->children_truncated));

	json_t *notes = json_array();
	for (size_t i = 0; notes && i < r->nnotes; i++) {
		json_t *n = json_object();
		put(n, "kind", str_or_null(r->notes[i].kind));
		put(n, "text", str_or_null(r->notes[i].text));
		json_array_append_new(notes, n);
	}
	put(o, "notes", notes);
	put(o, "notes_source", source_json(&r->notes_source));

	json_t *sev = json_array();
	for (size_t i = 0; sev && i < r->nseventh; i++) {
		json_t *n = json_object();
		put(n, "character", str_or_null(r->seventh[i].key));
		put(n, "meaning", str_or_null(r->seventh[i].value));
		json_array_append_new(sev, n);
	}
	put(o, "seventh_characters", sev);

	json_t *idx = json_array();
	for (size_t i = 0; idx && i < r->nindex; i++) {
		json_t *n = json_object();
		put(n, "path", str_or_null(r->index_terms[i].key));
		put(n, "index", str_or_null(r->index_terms[i].value));
		json_array_append_new(idx, n);
	}
	put(o, "index_terms", idx);

	json_t *rvu = json_array();
	for (size_t i = 0; rvu && i < r->nrvu; i++) {
		const mc_rvu_item *it = &r->rvu[i];
		json_t *row = json_object();
		for (int f = 0; f < MC_RVU_NFIELDS; f++) {
			if (f == MC_RVU_HCPCS || f == MC_RVU_DESCRIPTION)
				continue; /* the code is the record's; CPT text is licensed */
			put(row, mc_rvu_field_names[f], str_or_null(it->field[f]));
		}
		json_t *inds = json_array();
		for (size_t k = 0; inds && k < it->nindicators; k++) {
			json_t *n = json_object();
			put(n, "field", str_or_null(it->indicators[k].field));
			put(n, "value", str_or_null(it->indicators[k].value));
			put(n, "meaning", str_or_null(it->indicators[k].meaning));
			json_array_append_new(inds, n);
		}
		put(row, "indicators", inds);
		json_array_append_new(rvu, row);
	}
	put(o, "fee_schedule", rvu);
	put(o, "fee_schedule_source", source_json(&r->rvu_source));

	json_t *mue = json_array();
	for (size_t i = 0; mue && i < r->nmue; i++) {
		json_t *n = json_object();
		put(n, "service_type", str_or_null(r->mue[i].service_type));
		put(n, "units", json_integer(r->mue[i].units));
		put(n, "mai", r->mue[i].mai ? json_integer(r->mue[i].mai) : json_null());
		put(n, "mai_desc", str_or_null(r->mue[i].mai_desc));
		put(n, "rationale", str_or_null(r->mue[i].rationale));
		json_array_append_new(mue, n);
	}
	put(o, "mue", mue);
	put(o, "mue_source", source_json(&r->mue_source));

	put(o, "addon_primaries", aoc_json(r->addon_primaries, r->naddon_primaries));
	put(o, "addons", aoc_json(r->addons, r->naddons));
	put(o, "addon_source", source_json(&r->aoc_source));

	json_t *ptp = json_array();
	for (size_t i = 0; ptp && i < r->nptp; i++) {
		const mc_ptp_item *p = &r->ptp[i];
		json_t *n = json_object();
		put(n, "column1", str_or_null(p->column1));
		put(n, "column2", str_or_null(p->column2));
		put(n, "effective", str_or_null(p->effective));
		put(n, "deleted", str_or_null(p->deleted));
		put(n, "modifier_indicator", json_integer(p->modifier_indicator));
		put(n, "setting", str_or_null(p->setting));
		put(n, "rationale", str_or_null(p->rationale));
		json_array_append_new(ptp, n);
	}
	put(o, "ptp_edits", ptp);
	put(o, "ptp_total", json_integer((json_int_t)r->ptp_total));
	put(o, "ptp_source", source_json(&r->ptp_source));

	json_t *hist = json_array();
	for (size_t i = 0; hist && i < r->nhistory; i++) {
		json_t *n = json_object();
		put(n, "date", str_or_null(r->history[i].date));
		put(n, "change", str_or_null(r->history[i].change));
		put(n, "old", str_or_null(r->history[i].old));
		put(n, "new", str_or_null(r->history[i].new_));
		json_array_append_new(hist, n);
	}
	put(o, "history", hist);
	return o;
}

json_t *mc_json_lookup(const mc_lookup_result *r)
{
	json_t *o = json_object();
	json_t *a = json_array();
	if (!o || !a) {
		json_decref(o);
		json_decref(a);
		return NULL;
	}
	put(o, "query", str_or_null(r->query));
	put(o, "date", str_or_null(r->date));
	put(o, "truncated", json_boolean(r->truncated));
	for (size_t i = 0; i < r->n; i++) {
		json_t *c = mc_json_code_record(&r->items[i]);
		if (!c || json_array_append_new(a, c) < 0) {
			json_decref(o);
			json_decref(a);
			return NULL;
		}
	}
	put(o, "results", a);
	return o;
}

json_t *mc_json_info(const char *store_path, const mc_release_info *rel, size_t n)
{
	json_t *o = json_object(), *arr = json_array(), *sys = json_object();
	if (!o || !arr || !sys) {
		json_decref(o);
		json_decref(arr);
		json_decref(sys);
		return NULL;
	}
	put(o, "store", str_or_null(store_path));
	for (size_t i = 0; i < n; i++) {
		const mc_release_info *r = &rel[i];
		json_t *e = json_object();
		put(e, "system", str_or_null(r->system));
		put(e, "stream", str_or_null(r->stream));
		put(e, "release", str_or_null(r->label));
		put(e, "effective_from", str_or_null(r->effective_from));
		put(e, "effective_to", str_or_null(r->effective_to));
		put(e, "imported_at", str_or_null(r->imported_at));
		put(e, "records", json_integer(r->records));
		put(e, "billable", r->billable >= 0 ? json_integer(r->billable) : json_null());
		json_t *files = json_array();
		for (size_t k = 0; files && k < r->nfiles; k++)
			json_array_append_new(files, json_string(r->files[k]));
		put(e, "files", files);
		json_array_append_new(arr, e);
		/* Per-system counts: the latest release of each code stream. */
		if (r->system && !r->effective_to) {
			json_t *s = json_object_get(sys, r->system);
			if (!s) {
				s = json_object();
				put(s, "codes", json_integer(0));
				put(s, "billable", json_integer(0));
				put(sys, r->system, s);
			}
			json_int_t c = json_integer_value(json_object_get(s, "codes"));
			json_int_t b = json_integer_value(json_object_get(s, "billable"));
			put(s, "codes", json_integer(c + r->records));
			put(s, "billable", json_integer(b + (r->billable > 0 ? r->billable : 0)));
		}
	}
	put(o, "releases", arr);
	put(o, "systems", sys);
	return o;
}
