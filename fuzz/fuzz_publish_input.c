/* libFuzzer entry: the publisher's input record parser (outside input).
 * Every string of a parsed record is read; a failed parse must say why. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "medcode/publish.h"

static size_t touch(const char *s)
{
	return s ? strlen(s) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_pub_input *in = NULL;
	mc_error err;
	mc_error_clear(&err);
	int rc = mc_pub_input_parse(&in, "fuzz.json", (const char *)data, size, &err);
	if (rc < 0) {
		if (in || !err.msg[0])
			__builtin_trap();
		return 0;
	}
	if (rc > 0 || !in)
		__builtin_trap();
	size_t n = touch(in->code) + touch(in->title) + touch(in->headline) + touch(in->lead) +
		   touch(in->summary) + touch(in->clinical_context) + touch(in->service_type) +
		   touch(in->site_of_service) + touch(in->description) + touch(in->post_procedure);
	for (size_t i = 0; i < in->nworkflow; i++)
		n += touch(in->workflow[i]);
	for (size_t i = 0; i < in->nkey_payers; i++)
		n += touch(in->key_payers[i]);
	for (size_t i = 0; i < in->nindications; i++)
		n += touch(in->indications[i]);
	for (size_t i = 0; i < in->nprocedure_steps; i++)
		n += touch(in->procedure_steps[i]);
	for (size_t i = 0; i < in->nmodifiers; i++)
		n += touch(in->modifiers[i].code) + touch(in->modifiers[i].description) +
		     touch(in->modifiers[i].when_to_use);
	for (size_t i = 0; i < in->ntaxonomy; i++)
		n += touch(in->taxonomy[i].code) + touch(in->taxonomy[i].specialty) + touch(in->taxonomy[i].notes);
	for (size_t i = 0; i < in->nrelated_diagnoses; i++)
		n += touch(in->related_diagnoses[i].code) + touch(in->related_diagnoses[i].description) +
		     touch(in->related_diagnoses[i].relevance);
	for (size_t i = 0; i < in->nrelated_codes; i++)
		n += touch(in->related_codes[i].code) + touch(in->related_codes[i].relationship);
	for (size_t i = 0; i < in->npayers; i++)
		n += touch(in->payers[i].name) + touch(in->payers[i].policy_url);
	for (size_t i = 0; i < in->nbenchmarks; i++)
		n += touch(in->benchmarks[i].metric) + touch(in->benchmarks[i].value);
	for (size_t i = 0; i < in->npolicy_updates; i++)
		n += touch(in->policy_updates[i].date) + touch(in->policy_updates[i].summary);
	mc_pub_input_free(in);
	return n == (size_t)-1;
}
