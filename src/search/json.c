/* JSON of a search result (the shape of `search --json`, DESIGN.md). */
#include <jansson.h>

#include "medcode/search.h"

json_t *mc_json_search(const mc_search_result *r)
{
	json_t *o = json_object(), *a = json_array();
	if (!o || !a)
		goto fail;
	if (json_object_set_new(o, "query", json_string(r->query ? r->query : "")) < 0 ||
	    json_object_set(o, "results", a) < 0)
		goto fail;
	for (size_t i = 0; i < r->n; i++) {
		const mc_search_hit *h = &r->hits[i];
		json_t *x = json_object();
		if (!x || json_array_append_new(a, x) < 0)
			goto fail;
		if (json_object_set_new(x, "system", json_string(h->system)) < 0 ||
		    json_object_set_new(x, "code", json_string(h->code)) < 0 ||
		    json_object_set_new(x, "title", json_string(h->title ? h->title : "")) < 0 ||
		    json_object_set_new(x, "billable", json_boolean(h->billable > 0)) < 0 ||
		    json_object_set_new(x, "score", json_real(h->score)) < 0)
			goto fail;
		if (h->why && json_object_set_new(x, "why", json_string(h->why)) < 0)
			goto fail;
	}
	json_decref(a);
	return o;
fail:
	json_decref(a);
	json_decref(o);
	return NULL;
}
