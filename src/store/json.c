/* JSON encoders for store results (see medcode/json.h): streamed with the
 * core writer.  Every key is always present; absent values are null. */
#include <string.h>

#include "core/jsonw.h"
#include "medcode/json.h"

static void source(mc_jsonw *w, const char *key, const mc_source *s)
{
	mc_jsonw_key(w, key);
	if (!s->stream) {
		mc_jsonw_null(w);
		return;
	}
	mc_jsonw_obj(w);
	mc_jsonw_kstr(w, "stream", s->stream);
	mc_jsonw_kstr(w, "release", s->label);
	mc_jsonw_kstr(w, "effective_from", s->effective_from);
	mc_jsonw_kstr(w, "effective_to", s->effective_to);
	mc_jsonw_kstr(w, "files", s->files);
	mc_jsonw_kstr(w, "next_release_due", s->next_due);
	mc_jsonw_key(w, "may_be_out_of_date");
	mc_jsonw_bool(w, s->age_note != NULL);
	mc_jsonw_kstr(w, "age_note", s->age_note);
	mc_jsonw_end(w);
}

static void billable(mc_jsonw *w, const char *key, int b)
{
	mc_jsonw_key(w, key);
	if (b < 0)
		mc_jsonw_null(w);
	else
		mc_jsonw_bool(w, b != 0);
}

static void refs(mc_jsonw *w, const char *key, const mc_code_ref *r, size_t n)
{
	mc_jsonw_key(w, key);
	mc_jsonw_arr(w);
	for (size_t i = 0; i < n; i++) {
		mc_jsonw_obj(w);
		mc_jsonw_kstr(w, "code", r[i].code);
		mc_jsonw_kstr(w, "title", r[i].title);
		mc_jsonw_kstr(w, "kind", r[i].kind);
		billable(w, "billable", r[i].billable);
		mc_jsonw_end(w);
	}
	mc_jsonw_end(w);
}

static void aoc(mc_jsonw *w, const char *key, const mc_aoc_item *it, size_t n)
{
	mc_jsonw_key(w, key);
	mc_jsonw_arr(w);
	for (size_t i = 0; i < n; i++) {
		mc_jsonw_obj(w);
		mc_jsonw_kstr(w, "code", it[i].code);
		mc_jsonw_kint(w, "edit_type", it[i].edit_type);
		mc_jsonw_kstr(w, "effective", it[i].effective);
		mc_jsonw_kstr(w, "deleted", it[i].deleted);
		mc_jsonw_end(w);
	}
	mc_jsonw_end(w);
}

/* The code itself: identity, titles, state, attributes, hierarchy. */
static void record_code(mc_jsonw *w, const mc_code_record *r)
{
	mc_jsonw_kstr(w, "system", r->system);
	mc_jsonw_kstr(w, "code", r->code);
	mc_jsonw_kstr(w, "title", r->title_long ? r->title_long : r->title_short);
	mc_jsonw_kstr(w, "title_short", r->title_short);
	mc_jsonw_kstr(w, "title_long", r->title_long);
	mc_jsonw_kstr(w, "title_other", r->title_other);
	billable(w, "billable", r->billable);
	mc_jsonw_kstr(w, "kind", r->kind);
	mc_jsonw_kstr(w, "state", r->state);
	mc_jsonw_kstr(w, "deleted_on", r->deleted_on);
	mc_jsonw_kstr(w, "status", r->status);
	mc_jsonw_kstr(w, "valid_from", r->valid_from);
	mc_jsonw_kstr(w, "valid_to", r->valid_to);
	source(w, "source", &r->source);

	mc_jsonw_key(w, "attributes");
	mc_jsonw_obj(w);
	for (size_t i = 0; i < r->nattrs; i++)
		mc_jsonw_kstr(w, r->attrs[i].key, r->attrs[i].value);
	mc_jsonw_end(w);
	refs(w, "hierarchy", r->ancestors, r->nancestors);
	refs(w, "billable_children", r->children, r->nchildren);
	mc_jsonw_kbool(w, "billable_children_truncated", r->children_truncated);
}

/* ICD-10-CM tabular notes, 7th characters and index terms. */
static void record_notes(mc_jsonw *w, const mc_code_record *r)
{
	mc_jsonw_key(w, "notes");
	mc_jsonw_arr(w);
	for (size_t i = 0; i < r->nnotes; i++) {
		mc_jsonw_obj(w);
		mc_jsonw_kstr(w, "kind", r->notes[i].kind);
		mc_jsonw_kstr(w, "text", r->notes[i].text);
		mc_jsonw_end(w);
	}
	mc_jsonw_end(w);
	source(w, "notes_source", &r->notes_source);

	mc_jsonw_key(w, "seventh_characters");
	mc_jsonw_arr(w);
	for (size_t i = 0; i < r->nseventh; i++) {
		mc_jsonw_obj(w);
		mc_jsonw_kstr(w, "character", r->seventh[i].key);
		mc_jsonw_kstr(w, "meaning", r->seventh[i].value);
		mc_jsonw_end(w);
	}
	mc_jsonw_end(w);

	mc_jsonw_key(w, "index_terms");
	mc_jsonw_arr(w);
	for (size_t i = 0; i < r->nindex; i++) {
		mc_jsonw_obj(w);
		mc_jsonw_kstr(w, "path", r->index_terms[i].key);
		mc_jsonw_kstr(w, "index", r->index_terms[i].value);
		mc_jsonw_end(w);
	}
	mc_jsonw_end(w);
}

/* The PFS fee-schedule rows with their indicators' meanings. */
static void record_fee_schedule(mc_jsonw *w, const mc_code_record *r)
{
	mc_jsonw_key(w, "fee_schedule");
	mc_jsonw_arr(w);
	for (size_t i = 0; i < r->nrvu; i++) {
		const mc_rvu_item *it = &r->rvu[i];
		mc_jsonw_obj(w);
		for (int f = 0; f < MC_RVU_NFIELDS; f++) {
			if (f == MC_RVU_HCPCS || f == MC_RVU_DESCRIPTION)
				continue; /* the code is the record's; CPT text is licensed */
			mc_jsonw_kstr(w, mc_rvu_field_names[f], it->field[f]);
		}
		mc_jsonw_key(w, "indicators");
		mc_jsonw_arr(w);
		for (size_t k = 0; k < it->nindicators; k++) {
			mc_jsonw_obj(w);
			mc_jsonw_kstr(w, "field", it->indicators[k].field);
			mc_jsonw_kstr(w, "value", it->indicators[k].value);
			mc_jsonw_kstr(w, "meaning", it->indicators[k].meaning);
			mc_jsonw_end(w);
		}
		mc_jsonw_end(w);
		mc_jsonw_end(w);
	}
	mc_jsonw_end(w);
	source(w, "fee_schedule_source", &r->rvu_source);
}

/* NCCI edits: MUE, add-on codes, PTP pairs. */
static void record_edits(mc_jsonw *w, const mc_code_record *r)
{
	mc_jsonw_key(w, "mue");
	mc_jsonw_arr(w);
	for (size_t i = 0; i < r->nmue; i++) {
		mc_jsonw_obj(w);
		mc_jsonw_kstr(w, "service_type", r->mue[i].service_type);
		mc_jsonw_kint(w, "units", r->mue[i].units);
		mc_jsonw_key(w, "mai");
		if (r->mue[i].mai)
			mc_jsonw_int(w, r->mue[i].mai);
		else
			mc_jsonw_null(w);
		mc_jsonw_kstr(w, "mai_desc", r->mue[i].mai_desc);
		mc_jsonw_kstr(w, "rationale", r->mue[i].rationale);
		mc_jsonw_end(w);
	}
	mc_jsonw_end(w);
	source(w, "mue_source", &r->mue_source);

	aoc(w, "addon_primaries", r->addon_primaries, r->naddon_primaries);
	aoc(w, "addons", r->addons, r->naddons);
	source(w, "addon_source", &r->aoc_source);

	mc_jsonw_key(w, "ptp_edits");
	mc_jsonw_arr(w);
	for (size_t i = 0; i < r->nptp; i++) {
		const mc_ptp_item *p = &r->ptp[i];
		mc_jsonw_obj(w);
		mc_jsonw_kstr(w, "column1", p->column1);
		mc_jsonw_kstr(w, "column2", p->column2);
		mc_jsonw_kstr(w, "effective", p->effective);
		mc_jsonw_kstr(w, "deleted", p->deleted);
		mc_jsonw_kint(w, "modifier_indicator", p->modifier_indicator);
		mc_jsonw_kstr(w, "setting", p->setting);
		mc_jsonw_kstr(w, "rationale", p->rationale);
		mc_jsonw_end(w);
	}
	mc_jsonw_end(w);
	mc_jsonw_kint(w, "ptp_total", (long long)r->ptp_total);
	source(w, "ptp_source", &r->ptp_source);
}

static void record_history(mc_jsonw *w, const mc_code_record *r)
{
	mc_jsonw_key(w, "history");
	mc_jsonw_arr(w);
	for (size_t i = 0; i < r->nhistory; i++) {
		mc_jsonw_obj(w);
		mc_jsonw_kstr(w, "date", r->history[i].date);
		mc_jsonw_kstr(w, "change", r->history[i].change);
		mc_jsonw_kstr(w, "old", r->history[i].old);
		mc_jsonw_kstr(w, "new", r->history[i].new_);
		mc_jsonw_end(w);
	}
	mc_jsonw_end(w);
}

/* One code record: its keys in the order of the JSON contract. */
static void record(mc_jsonw *w, const mc_code_record *r)
{
	mc_jsonw_obj(w);
	record_code(w, r);
	record_notes(w, r);
	record_fee_schedule(w, r);
	record_edits(w, r);
	record_history(w, r);
	mc_jsonw_end(w);
}

/* Finish: a trailing newline when pretty (as the command line prints). */
static char *finish(mc_jsonw *w, mc_buf *b, size_t *len)
{
	if (w->pretty && !mc_jsonw_failed(w) && mc_buf_putc(b, '\n') < 0)
		w->failed = true;
	if (mc_jsonw_failed(w)) {
		mc_buf_release(b);
		return NULL;
	}
	if (len)
		*len = b->len;
	return mc_buf_detach(b);
}

char *mc_json_lookup(const mc_lookup_result *r, bool pretty, size_t *len)
{
	mc_buf b = MC_BUF_INIT;
	mc_jsonw w;
	mc_jsonw_init(&w, &b, pretty);
	mc_jsonw_obj(&w);
	mc_jsonw_kstr(&w, "query", r->query);
	mc_jsonw_kstr(&w, "date", r->date);
	mc_jsonw_kbool(&w, "truncated", r->truncated);
	mc_jsonw_key(&w, "results");
	mc_jsonw_arr(&w);
	for (size_t i = 0; i < r->n; i++)
		record(&w, &r->items[i]);
	mc_jsonw_end(&w);
	mc_jsonw_end(&w);
	return finish(&w, &b, len);
}

char *mc_json_info(const char *store_path, const mc_release_info *rel, size_t n,
		   bool pretty, size_t *len)
{
	mc_buf b = MC_BUF_INIT;
	mc_jsonw w;
	mc_jsonw_init(&w, &b, pretty);
	mc_jsonw_obj(&w);
	mc_jsonw_kstr(&w, "store", store_path);
	mc_jsonw_key(&w, "releases");
	mc_jsonw_arr(&w);
	for (size_t i = 0; i < n; i++) {
		const mc_release_info *r = &rel[i];
		mc_jsonw_obj(&w);
		mc_jsonw_kstr(&w, "system", r->system);
		mc_jsonw_kstr(&w, "stream", r->stream);
		mc_jsonw_kstr(&w, "release", r->label);
		mc_jsonw_kstr(&w, "effective_from", r->effective_from);
		mc_jsonw_kstr(&w, "effective_to", r->effective_to);
		mc_jsonw_kstr(&w, "imported_at", r->imported_at);
		mc_jsonw_kint(&w, "records", r->records);
		mc_jsonw_key(&w, "billable");
		if (r->billable >= 0)
			mc_jsonw_int(&w, r->billable);
		else
			mc_jsonw_null(&w);
		mc_jsonw_key(&w, "files");
		mc_jsonw_arr(&w);
		for (size_t k = 0; k < r->nfiles; k++)
			mc_jsonw_str(&w, r->files[k]);
		mc_jsonw_end(&w);
		mc_jsonw_end(&w);
	}
	mc_jsonw_end(&w);
	/* Per system: the releases in force now (no end date) of its streams. */
	mc_jsonw_key(&w, "systems");
	mc_jsonw_obj(&w);
	for (size_t i = 0; i < n; i++) {
		if (!rel[i].system || rel[i].effective_to)
			continue;
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			if (rel[j].system && !rel[j].effective_to && strcmp(rel[j].system, rel[i].system) == 0)
				seen = true;
		if (seen)
			continue;
		long long codes = 0, bill = 0;
		for (size_t j = i; j < n; j++) {
			if (!rel[j].system || rel[j].effective_to || strcmp(rel[j].system, rel[i].system) != 0)
				continue;
			codes += rel[j].records;
			bill += rel[j].billable > 0 ? rel[j].billable : 0;
		}
		mc_jsonw_key(&w, rel[i].system);
		mc_jsonw_obj(&w);
		mc_jsonw_kint(&w, "codes", codes);
		mc_jsonw_kint(&w, "billable", bill);
		mc_jsonw_end(&w);
	}
	mc_jsonw_end(&w);
	mc_jsonw_end(&w);
	return finish(&w, &b, len);
}
