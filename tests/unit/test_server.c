/* medcode serve: handlers in-process (mc_server_handle) and through real
 * sockets on 127.0.0.1 with libcurl.  A fixture store (two made-up
 * ICD-10-CM releases, FY2020 and FY2021) serves most tests; the real
 * files (when $MEDCODE_DATA is set) check E11.52 on FY2021 vs FY2026. */
#include "helpers.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "medcode/import.h"
#include "medcode/json.h"
#include "medcode/lookup.h"
#include "medcode/publish.h"
#include "medcode/search.h"
#include "medcode/server.h"
#include "medcode/store.h"

typedef struct fx {
	char dir[256];
	char db[300];
	mc_server *srv;
} fx;

static int make_store(const char *db, const char *const *paths, size_t n)
{
	mc_store *s = NULL;
	mc_error err;
	if (mc_store_open(&s, db, MC_STORE_WRITE, &err) < 0)
		return -1;
	int rc = mc_import_paths(s, paths, n, NULL, NULL, &err);
	if (rc == 0)
		rc = mc_search_build(s, &err);
	if (rc < 0)
		fprintf(stderr, "import: %s\n", err.msg);
	mc_store_free(s);
	return rc;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/mc_server_test_XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	char p1[4096], p2[4096];
	snprintf(p1, sizeof(p1), "%s", th_fixture("store/order_2020.txt"));
	snprintf(p2, sizeof(p2), "%s", th_fixture("store/order_2021.txt"));
	const char *both[] = { p1, p2 };
	if (make_store(f->db, both, 2) < 0)
		return -1;
	mc_server_opts o = { .db_path = f->db, .port = 0, .threads = 2, .log_fd = -1,
			     .max_body = 100 * 1024, .grace_ms = 5000 };
	mc_error err;
	if (mc_server_new(&f->srv, &o, &err) < 0) {
		fprintf(stderr, "server: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	mc_server_free(f->srv);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* One in-process request; the body parsed as JSON (NULL when it is not). */
static json_t *req(fx *f, const char *method, const char *target, const char *body, int want_status)
{
	mc_server_response r;
	assert_int_equal(mc_server_handle(f->srv, method, target, body, body ? strlen(body) : 0, &r), 0);
	if (r.status != want_status)
		fprintf(stderr, "%s %s -> %d: %s\n", method, target, r.status, r.body ? r.body : "");
	assert_int_equal(r.status, want_status);
	json_t *j = json_loadb(r.body, r.len, 0, NULL);
	mc_server_response_release(&r);
	return j;
}

static const char *jstr(json_t *j, const char *path)
{
	/* path: dot-separated keys; a number indexes an array. */
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", path);
	char *save = NULL;
	for (char *k = strtok_r(buf, ".", &save); k && j; k = strtok_r(NULL, ".", &save)) {
		if (json_is_array(j))
			j = json_array_get(j, strtoul(k, NULL, 10));
		else
			j = json_object_get(j, k);
	}
	return json_string_value(j);
}

/* The value[x] of a Parameters entry by name, as text. */
static const char *pval(json_t *params, const char *name)
{
	static char num[32];
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(params, "parameter"), i, e) {
		if (strcmp(json_string_value(json_object_get(e, "name")), name) != 0)
			continue;
		const char *k;
		json_t *v;
		json_object_foreach(e, k, v) {
			if (strncmp(k, "value", 5) != 0)
				continue;
			if (json_is_boolean(v))
				return json_is_true(v) ? "true" : "false";
			if (json_is_integer(v)) {
				snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
				return num;
			}
			return json_string_value(v);
		}
	}
	return NULL;
}

static void assert_outcome(json_t *j, const char *code)
{
	assert_non_null(j);
	assert_string_equal(jstr(j, "resourceType"), "OperationOutcome");
	assert_string_equal(jstr(j, "issue.0.code"), code);
	assert_string_equal(jstr(j, "issue.0.severity"), "error");
}

/* ---- in-process ------------------------------------------------------------ */

static void lookup_json_is_the_encoders(void **state)
{
	fx *f = *state;
	mc_server_response r;
	assert_int_equal(mc_server_handle(f->srv, "GET", "/api/v1/codes/q99.2?date=2020-05-01", NULL, 0, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "application/json");

	mc_store *s;
	mc_error err;
	assert_int_equal(mc_store_open(&s, f->db, MC_STORE_READ, &err), 0);
	mc_lookup_opts o = { "2020-05-01", MC_SYS_NONE, 0, false };
	mc_lookup_result lr;
	assert_int_equal(mc_lookup(s, "q99.2", &o, &lr, &err), 0);
	size_t len = 0;
	char *want = mc_json_lookup(&lr, true, &len);
	assert_non_null(want);
	/* The command line's bytes: the same encoder, pretty, ending in a newline. */
	assert_int_equal(r.len, len);
	assert_memory_equal(r.body, want, len);
	assert_int_equal(r.body[r.len - 1], '\n');
	/* And it is valid JSON that jansson reads back. */
	json_error_t jerr;
	json_t *j = json_loadb(r.body, r.len, 0, &jerr);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "query")), "q99.2");
	json_decref(j);
	free(want);
	mc_lookup_result_release(&lr);
	mc_store_free(s);
	mc_server_response_release(&r);
}

static void lookup_date_picks_release(void **state)
{
	fx *f = *state;
	json_t *a = req(f, "GET", "/api/v1/codes/Q99.2?date=2020-05-01", NULL, 200);
	assert_string_equal(jstr(a, "results.0.title"), "Made-up code two, old title");
	assert_string_equal(jstr(a, "results.0.source.release"), "FY2020");
	json_t *b = req(f, "GET", "/api/v1/codes/Q99.2?date=2021-05-01&system=icd10cm", NULL, 200);
	assert_string_equal(jstr(b, "results.0.title"), "Made-up code two, new title");
	assert_string_equal(jstr(b, "results.0.source.release"), "FY2021");
	json_decref(a);
	json_decref(b);
}

static void api_errors(void **state)
{
	fx *f = *state;
	json_t *j = req(f, "GET", "/api/v1/codes/Q99.2?date=2020-13-45", NULL, 400);
	assert_non_null(strstr(jstr(j, "error"), "not a date"));
	json_decref(j);
	json_decref(req(f, "GET", "/api/v1/codes/Q99.2?system=nope", NULL, 400));
	json_decref(req(f, "GET", "/api/v1/codes/Q99.2?date=%zz", NULL, 400));
	json_decref(req(f, "GET", "/api/v1/codes/Q%00", NULL, 400));
	j = req(f, "GET", "/api/v1/codes/Z99.9", NULL, 404);
	assert_non_null(jstr(j, "error"));
	json_decref(j);
	j = req(f, "GET", "/api/v1/nothing", NULL, 404);
	assert_string_equal(jstr(j, "error"), "no such path");
	json_decref(j);
	mc_server_response r;
	assert_int_equal(mc_server_handle(f->srv, "DELETE", "/api/v1/codes/Q99.2", NULL, 0, &r), 0);
	assert_int_equal(r.status, 405);
	assert_string_equal(r.allow, "GET, HEAD");
	mc_server_response_release(&r);
	json_decref(req(f, "POST", "/api/v1/info", "x", 405));
	/* A URL over the cap. */
	char big[6000];
	memset(big, 'A', sizeof(big));
	memcpy(big, "/api/v1/codes/", 14);
	big[sizeof(big) - 1] = '\0';
	json_decref(req(f, "GET", big, NULL, 414));
	j = req(f, "GET", "/api/v1/info", NULL, 200);
	assert_true(json_is_array(json_object_get(j, "releases")));
	json_decref(j);
	j = req(f, "GET", "/healthz", NULL, 200);
	assert_string_equal(jstr(j, "status"), "ok");
	json_decref(j);
}

#define ICD "http://hl7.org/fhir/sid/icd-10-cm"

static void fhir_lookup(void **state)
{
	fx *f = *state;
	json_t *j = req(f, "GET", "/fhir/CodeSystem/$lookup?system=" ICD "&code=Q99.2&date=2020-05-01", NULL, 200);
	assert_string_equal(jstr(j, "resourceType"), "Parameters");
	assert_string_equal(pval(j, "name"), "ICD-10-CM");
	assert_string_equal(pval(j, "version"), "FY2020");
	assert_string_equal(pval(j, "display"), "Made-up code two, old title");
	json_decref(j);
	/* version instead of date */
	j = req(f, "GET", "/fhir/CodeSystem/%24lookup?system=" ICD "&code=Q99.2&version=FY2021", NULL, 200);
	assert_string_equal(pval(j, "display"), "Made-up code two, new title");
	json_decref(j);
	/* POST Parameters, a coding */
	j = req(f, "POST", "/fhir/CodeSystem/$lookup",
		"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"coding\",\"valueCoding\":"
		"{\"system\":\"" ICD "\",\"code\":\"Q99.2\"}},{\"name\":\"date\",\"valueDate\":\"2021-01-01\"}]}",
		200);
	assert_string_equal(pval(j, "version"), "FY2021");
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/CodeSystem/$lookup?system=" ICD "&code=Z99.99", NULL, 404), "not-found");
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/CodeSystem/$lookup?system=http://x.org/cs&code=A", NULL, 404), "not-found");
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/CodeSystem/$lookup?system=" ICD, NULL, 400), "required");
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/CodeSystem/$lookup?system=" ICD "&code=Q99.2&version=FY1999", NULL, 404),
		       "not-found");
	json_decref(j);
	assert_outcome(j = req(f, "POST", "/fhir/CodeSystem/$lookup", "{\"resourceType\":", 400), "invalid");
	json_decref(j);
	assert_outcome(j = req(f, "POST", "/fhir/CodeSystem/$lookup", "{\"resourceType\":\"Patient\"}", 400), "invalid");
	json_decref(j);
	assert_outcome(j = req(f, "POST", "/fhir/CodeSystem/$lookup",
			       "{\"resourceType\":\"Parameters\",\"resourceType\":\"Parameters\"}", 400), "invalid");
	json_decref(j);
	char deep[200];
	memset(deep, '[', sizeof(deep));
	deep[sizeof(deep) - 1] = '\0';
	assert_outcome(j = req(f, "POST", "/fhir/CodeSystem/$lookup", deep, 400), "invalid");
	assert_non_null(strstr(jstr(j, "issue.0.diagnostics"), "deeper"));
	json_decref(j);
	/* Over the FHIR body cap (64 KiB). */
	char *huge = malloc(70 * 1024);
	memset(huge, ' ', 70 * 1024);
	huge[70 * 1024 - 1] = '\0';
	assert_outcome(j = req(f, "POST", "/fhir/CodeSystem/$lookup", huge, 413), "too-costly");
	json_decref(j);
	free(huge);
	assert_outcome(j = req(f, "GET", "/fhir/Patient/1", NULL, 404), "not-found");
	json_decref(j);
	assert_outcome(j = req(f, "PUT", "/fhir/CodeSystem/$lookup", NULL, 405), "not-supported");
	json_decref(j);
}

static void fhir_validate_code(void **state)
{
	fx *f = *state;
	json_t *j = req(f, "GET", "/fhir/CodeSystem/$validate-code?url=" ICD "&code=Q99.12&date=2021-01-01", NULL, 200);
	assert_string_equal(pval(j, "result"), "true");
	assert_string_equal(pval(j, "display"), "Made-up leaf twelve, added");
	json_decref(j);
	/* Not yet in FY2020. */
	j = req(f, "GET", "/fhir/CodeSystem/$validate-code?url=" ICD "&code=Q99.12&date=2020-01-01", NULL, 200);
	assert_string_equal(pval(j, "result"), "false");
	assert_non_null(pval(j, "message"));
	json_decref(j);
	/* Deleted in FY2021. */
	j = req(f, "GET", "/fhir/CodeSystem/$validate-code?url=" ICD "&code=Q99.3&date=2021-01-01", NULL, 200);
	assert_string_equal(pval(j, "result"), "false");
	assert_non_null(strstr(pval(j, "message"), "deleted"));
	json_decref(j);
	j = req(f, "GET", "/fhir/CodeSystem/$validate-code?url=" ICD "&code=Q99.2&date=2021-01-01&display=wrong", NULL, 200);
	assert_string_equal(pval(j, "result"), "false");
	json_decref(j);
	j = req(f, "GET", "/fhir/CodeSystem/$validate-code?url=" ICD "&code=Q99.2&date=2021-01-01"
		"&display=made-up+code+two%2C+new+title", NULL, 200);
	assert_string_equal(pval(j, "result"), "true");
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/CodeSystem/$validate-code?code=Q99.2", NULL, 400), "required");
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/CodeSystem/$validate-code?url=" ICD "&code=Q99.2&date=yesterday", NULL, 400),
		       "invalid");
	json_decref(j);
}

static void fhir_expand(void **state)
{
	fx *f = *state;
	json_t *j = req(f, "GET", "/fhir/ValueSet/$expand?url=" ICD "?fhir_vs&date=2021-01-01&count=3", NULL, 200);
	assert_string_equal(jstr(j, "resourceType"), "ValueSet");
	json_t *e = json_object_get(j, "expansion");
	assert_int_equal(json_array_size(json_object_get(e, "contains")), 3);
	json_int_t total = json_integer_value(json_object_get(e, "total"));
	assert_true(total >= 8);
	assert_string_equal(jstr(e, "contains.0.code"), "Q99");
	assert_string_equal(jstr(e, "contains.0.system"), ICD);
	json_decref(j);
	/* Paging: the next page starts where the first ended. */
	j = req(f, "GET", "/fhir/ValueSet/$expand?url=" ICD "%3Ffhir_vs&date=2021-01-01&count=2&offset=1", NULL, 200);
	e = json_object_get(j, "expansion");
	assert_int_equal(json_integer_value(json_object_get(e, "offset")), 1);
	assert_string_equal(jstr(e, "contains.0.code"), "Q99.0");
	json_decref(j);
	/* Filter: title words, or a code prefix. */
	j = req(f, "GET", "/fhir/ValueSet/$expand?url=" ICD "?fhir_vs&date=2021-01-01&filter=leaf+twelve", NULL, 200);
	e = json_object_get(j, "expansion");
	assert_int_equal(json_integer_value(json_object_get(e, "total")), 1);
	assert_string_equal(jstr(e, "contains.0.code"), "Q99.12");
	json_decref(j);
	j = req(f, "POST", "/fhir/ValueSet/$expand",
		"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":\"" ICD "?fhir_vs\"},"
		"{\"name\":\"filter\",\"valueString\":\"q99.1\"},{\"name\":\"date\",\"valueDate\":\"2021-01-01\"},"
		"{\"name\":\"count\",\"valueInteger\":10}]}", 200);
	e = json_object_get(j, "expansion");
	assert_int_equal(json_integer_value(json_object_get(e, "total")), 4);
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/ValueSet/$expand?url=" ICD "?fhir_vs&count=5000", NULL, 400), "invalid");
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/ValueSet/$expand?url=" ICD, NULL, 400), "not-supported");
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/ValueSet/$expand?url=http://x.org?fhir_vs", NULL, 404), "not-found");
	json_decref(j);
	assert_outcome(j = req(f, "GET", "/fhir/ValueSet/$expand", NULL, 400), "required");
	json_decref(j);
}

static void fhir_metadata(void **state)
{
	fx *f = *state;
	json_t *j = req(f, "GET", "/fhir/metadata", NULL, 200);
	assert_string_equal(jstr(j, "resourceType"), "CapabilityStatement");
	assert_string_equal(jstr(j, "fhirVersion"), "4.0.1");
	json_decref(j);
	j = req(f, "GET", "/fhir/metadata?mode=terminology", NULL, 200);
	assert_string_equal(jstr(j, "resourceType"), "TerminologyCapabilities");
	assert_string_equal(jstr(j, "codeSystem.0.uri"), ICD);
	assert_int_equal(json_array_size(json_object_get(json_array_get(json_object_get(j, "codeSystem"), 0), "version")), 2);
	json_decref(j);
}

static unsigned long long metric(fx *f, const char *series)
{
	mc_server_response r;
	assert_int_equal(mc_server_handle(f->srv, "GET", "/metrics", NULL, 0, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.content_type, "text/plain"));
	unsigned long long v = 0;
	const char *p = strstr(r.body, series);
	if (p)
		v = strtoull(p + strlen(series), NULL, 10);
	mc_server_response_release(&r);
	return v;
}

static void metrics_count(void **state)
{
	fx *f = *state;
	const char *ok = "medcode_http_requests_total{route=\"codes\",code=\"2xx\"} ";
	const char *hist = "medcode_http_request_duration_seconds_count{route=\"codes\"} ";
	unsigned long long a = metric(f, ok), h = metric(f, hist);
	json_decref(req(f, "GET", "/api/v1/codes/Q99.2", NULL, 200));
	json_decref(req(f, "GET", "/api/v1/codes/Q99.2?date=2020-02-02", NULL, 200));
	assert_int_equal(metric(f, ok), a + 2);
	assert_int_equal(metric(f, hist), h + 2);
}

static void search_route(void **state)
{
	fx *f = *state;
	mc_server_response r;
	assert_int_equal(mc_server_handle(f->srv, "GET", "/api/v1/search?q=made-up+leaf&limit=5", NULL, 0, &r), 0);
	assert_int_equal(r.status, 200);
	/* The bytes of `search --json`. */
	mc_store *s;
	mc_searcher *q;
	mc_error err;
	assert_int_equal(mc_store_open(&s, f->db, MC_STORE_READ, &err), 0);
	assert_int_equal(mc_searcher_new(&q, s, &err), 0);
	mc_search_opts o = { .limit = 5 };
	mc_search_result sr;
	assert_int_equal(mc_search(q, "made-up leaf", &o, &sr, &err), 0);
	json_t *j = mc_json_search(&sr);
	char *want = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
	assert_int_equal(r.len, strlen(want) + 1);
	assert_memory_equal(r.body, want, strlen(want));
	free(want);
	json_decref(j);
	mc_search_result_release(&sr);
	mc_searcher_free(q);
	mc_store_free(s);
	mc_server_response_release(&r);
	json_decref(req(f, "GET", "/api/v1/search?q=made-up+lea&prefix=true", NULL, 200));
	json_decref(req(f, "GET", "/api/v1/search", NULL, 400));
	json_decref(req(f, "GET", "/api/v1/search?q=x&limit=500", NULL, 400));
	json_decref(req(f, "GET", "/api/v1/search?q=x&system=nope", NULL, 400));
}

/* One in-process request; the raw response (the caller releases it). */
static mc_server_response raw(fx *f, const char *method, const char *target, const char *body, size_t len,
			      int want_status)
{
	mc_server_response r;
	assert_int_equal(mc_server_handle(f->srv, method, target, body, len, &r), 0);
	if (r.status != want_status)
		fprintf(stderr, "%s %s -> %d: %s\n", method, target, r.status, r.body ? r.body : "");
	assert_int_equal(r.status, want_status);
	return r;
}

static void reports_route(void **state)
{
	fx *f = *state;
	/* The bytes of `report Q99.2 --format json --date 2021-02-02`. */
	mc_server_response r = raw(f, "GET", "/api/v1/reports/Q99.2?date=2021-02-02", NULL, 0, 200);
	assert_string_equal(r.content_type, "application/json");
	mc_store *s;
	mc_publisher *p;
	mc_pub_doc *d;
	mc_error err;
	char *want;
	size_t wlen;
	assert_int_equal(mc_store_open(&s, f->db, MC_STORE_READ, &err), 0);
	assert_int_equal(mc_publisher_new(&p, s, "2021-02-02", &err), 0);
	assert_int_equal(mc_publish_build(p, "Q99.2", MC_SYS_NONE, NULL, &d, &err), 0);
	assert_int_equal(mc_publish_render(d, MC_PUB_JSON, 0, &want, &wlen, &err), 0);
	assert_int_equal(r.len, wlen);
	assert_memory_equal(r.body, want, wlen);
	mc_publish_text_free(want);
	mc_pub_doc_free(d);
	mc_publisher_free(p);
	mc_store_free(s);
	mc_server_response_release(&r);

	r = raw(f, "GET", "/api/v1/reports/Q99.2?date=2021-02-02&format=md", NULL, 0, 200);
	assert_non_null(strstr(r.content_type, "text/markdown"));
	assert_non_null(strstr(r.body, "Q99.2"));
	mc_server_response_release(&r);
	r = raw(f, "GET", "/api/v1/reports/Q99.2?date=2021-02-02&format=html", NULL, 0, 200);
	assert_non_null(strstr(r.content_type, "text/html"));
	assert_non_null(strstr(r.body, "<html"));
	mc_server_response_release(&r);
	json_decref(req(f, "GET", "/api/v1/reports/Q99.2?format=pdf", NULL, 400));
	json_decref(req(f, "GET", "/api/v1/reports/Q99.2?date=2021-13-45", NULL, 400));
	json_decref(req(f, "GET", "/api/v1/reports/Q99.2?system=nope", NULL, 400));
	json_decref(req(f, "GET", "/api/v1/reports/Z00.00?date=2021-02-02", NULL, 404));

	/* POST: a publication from an input record. */
	const char *rec = "{\"code\": \"Q99.2\", \"title\": \"A made-up publication\"}";
	r = raw(f, "POST", "/api/v1/reports/Q99.2?date=2021-02-02&format=md", rec, strlen(rec), 200);
	assert_non_null(strstr(r.body, "A made-up publication"));
	mc_server_response_release(&r);
	json_t *j = req(f, "POST", "/api/v1/reports/Q99.2?date=2021-02-02", "{\"code\": \"Q99.1\"}", 400);
	assert_non_null(jstr(j, "error"));
	json_decref(j);
	json_decref(req(f, "POST", "/api/v1/reports/Q99.2", "{\"code\": ", 400));
	json_decref(req(f, "POST", "/api/v1/reports/Q99.2", "{\"no_such_field\": 1}", 400));
	json_decref(req(f, "POST", "/api/v1/reports/Q99.2", "", 400));
	char deep[200];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 99);
	deep[199] = '\0';
	j = req(f, "POST", "/api/v1/reports/Q99.2", deep, 400);
	assert_non_null(strstr(jstr(j, "error"), "deeper"));
	json_decref(j);
	/* Over the server's 100 KiB cap. */
	size_t n = 150 * 1024;
	char *big = malloc(n + 1);
	memset(big, ' ', n);
	big[n] = '\0';
	json_decref(req(f, "POST", "/api/v1/reports/Q99.2", big, 413));
	free(big);
}

static void answer_route(void **state)
{
	fx *f = *state;
	json_t *j = req(f, "GET", "/api/v1/answer?q=made-up+leaf&format=json&date=2021-02-02", NULL, 200);
	assert_string_equal(jstr(j, "kind"), "answer");
	json_decref(j);
	mc_server_response r = raw(f, "GET", "/api/v1/answer?q=made-up+leaf&format=md", NULL, 0, 200);
	assert_non_null(strstr(r.content_type, "text/markdown"));
	mc_server_response_release(&r);
	json_decref(req(f, "GET", "/api/v1/answer", NULL, 400));
	json_decref(req(f, "GET", "/api/v1/answer?q=x&format=doc", NULL, 400));
	json_decref(req(f, "POST", "/api/v1/answer?q=x", "{}", 405));
}

static void redact_route(void **state)
{
	fx *f = *state;
	const char *one = "{\"id\": 7, \"text\": \"Call 555-123-4567 on 03/04/2021.\"}";
	mc_server_response r = raw(f, "POST", "/api/v1/redact", one, strlen(one), 200);
	assert_string_equal(r.content_type, "application/json");
	json_t *j = json_loadb(r.body, r.len, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "id")), 7);
	assert_null(strstr(jstr(j, "text"), "555-123-4567"));
	assert_true(json_array_size(json_object_get(j, "spans")) >= 1);
	json_decref(j);
	/* One line, newline-terminated, as `redact --jsonl` writes it. */
	assert_int_equal(r.body[r.len - 1], '\n');
	assert_null(memchr(r.body, '\n', r.len - 1));
	mc_server_response_release(&r);

	/* JSON lines; mode from the query, overridden per line. */
	const char *lines = "{\"id\":1,\"text\":\"SSN 123-45-6789\"}\n\n"
			    "{\"id\":2,\"text\":\"SSN 123-45-6789\",\"mode\":\"mask\"}\n";
	r = raw(f, "POST", "/api/v1/redact?mode=spans", lines, strlen(lines), 200);
	assert_string_equal(r.content_type, "application/x-ndjson");
	char *nl = memchr(r.body, '\n', r.len);
	assert_non_null(nl);
	j = json_loadb(r.body, (size_t)(nl - r.body), 0, NULL);
	assert_string_equal(jstr(j, "text"), "SSN 123-45-6789"); /* spans: text kept */
	json_decref(j);
	j = json_loadb(nl + 1, r.len - (size_t)(nl + 1 - r.body), 0, NULL);
	assert_non_null(j);
	assert_null(strstr(jstr(j, "text"), "123-45-6789"));
	json_decref(j);
	mc_server_response_release(&r);

	json_decref(req(f, "POST", "/api/v1/redact", "", 400));
	json_decref(req(f, "POST", "/api/v1/redact", "{\"text\": 5}", 400));
	json_decref(req(f, "POST", "/api/v1/redact", "{\"text\": \"x\", \"mode\": \"erase\"}", 400));
	json_decref(req(f, "POST", "/api/v1/redact?mode=erase", "{\"text\": \"x\"}", 400));
	json_decref(req(f, "POST", "/api/v1/redact", "{\"text\": \"x\"}\n{\"text\": ", 400));
	json_decref(req(f, "POST", "/api/v1/redact", "\xff\xfe", 400));
	json_decref(req(f, "GET", "/api/v1/redact", NULL, 405));
	char deep[200];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 99);
	deep[199] = '\0';
	json_decref(req(f, "POST", "/api/v1/redact", deep, 400));
	/* The error never echoes the text. */
	r = raw(f, "POST", "/api/v1/redact", "{\"text\": [\"Jane Roe\"]}", strlen("{\"text\": [\"Jane Roe\"]}"), 400);
	assert_null(strstr(r.body, "Jane"));
	mc_server_response_release(&r);
}

static void detect_route(void **state)
{
	fx *f = *state;
	const char *one = "{\"id\":\"a\",\"text\":\"made-up leaf ten\"}";
	mc_server_response r = raw(f, "POST", "/api/v1/detect", one, strlen(one), 200);
	json_t *j = json_loadb(r.body, r.len, 0, NULL);
	assert_non_null(j);
	assert_string_equal(jstr(j, "id"), "a");
	assert_true(json_is_array(json_object_get(j, "entities")));
	assert_true(json_is_array(json_object_get(j, "codes")));
	json_decref(j);
	mc_server_response_release(&r);
	const char *lines = "{\"id\":1,\"text\":\"no finding\"}\n{\"id\":2,\"text\":\"made-up leaf ten\"}\n";
	r = raw(f, "POST", "/api/v1/detect?explain=true", lines, strlen(lines), 200);
	assert_string_equal(r.content_type, "application/x-ndjson");
	mc_server_response_release(&r);
	json_decref(req(f, "POST", "/api/v1/detect", "", 400));
	json_decref(req(f, "POST", "/api/v1/detect", "[1, 2]", 400));
	json_decref(req(f, "POST", "/api/v1/detect", "{\"text\": ", 400));
	json_decref(req(f, "GET", "/api/v1/detect", NULL, 405));
}

static void response_cache(void **state)
{
	fx *f = *state;
	mc_server_response a = raw(f, "GET", "/api/v1/codes/Q99.2?date=2021-02-02", NULL, 0, 200);
	mc_server_response b = raw(f, "GET", "/api/v1/codes/Q99.2?date=2021-02-02", NULL, 0, 200);
	assert_false(a.cached);
	assert_true(b.cached);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.body, b.body, a.len);
	mc_server_response_release(&a);
	mc_server_response_release(&b);
	/* Another query string is another entry; 404s are kept too. */
	a = raw(f, "GET", "/api/v1/codes/Q99.2?date=2020-02-02", NULL, 0, 200);
	assert_false(a.cached);
	mc_server_response_release(&a);
	a = raw(f, "GET", "/api/v1/codes/Z00.00", NULL, 0, 404);
	b = raw(f, "GET", "/api/v1/codes/Z00.00", NULL, 0, 404);
	assert_true(b.cached);
	mc_server_response_release(&a);
	mc_server_response_release(&b);
	/* Never: POST, errors other than 404, /metrics. */
	json_decref(req(f, "GET", "/api/v1/codes/Q99.2?date=bad", NULL, 400));
	b = raw(f, "GET", "/api/v1/codes/Q99.2?date=bad", NULL, 0, 400);
	assert_false(b.cached);
	mc_server_response_release(&b);
	assert_true(metric(f, "medcode_http_cache_lookups_total{result=\"hit\"} ") >= 2);

	/* A server without the cache answers the same bytes, never cached. */
	mc_server *nc;
	mc_error err;
	mc_server_opts o = { .db_path = f->db, .log_fd = -1, .no_cache = 1 };
	assert_int_equal(mc_server_new(&nc, &o, &err), 0);
	fx g = { .srv = nc };
	a = raw(&g, "GET", "/api/v1/codes/Q99.2?date=2021-02-02", NULL, 0, 200);
	b = raw(&g, "GET", "/api/v1/codes/Q99.2?date=2021-02-02", NULL, 0, 200);
	assert_false(b.cached);
	assert_memory_equal(a.body, b.body, a.len);
	mc_server_response_release(&a);
	mc_server_response_release(&b);
	mc_server_free(nc);
}

static void real_data_e1152(void **state)
{
	(void)state;
	const char *d = th_data("icd10cm/fy2021_official");
	if (!d)
		skip();
	char p1[4096], p2[4096], dir[] = "/tmp/mc_server_real_XXXXXX", db[300];
	snprintf(p1, sizeof(p1), "%s", d);
	const char *t = th_data("icd10cm/icd10cm_fy2026_codes_titles_medicalcoder.tsv");
	if (!t)
		skip();
	snprintf(p2, sizeof(p2), "%s", t);
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/r.db", dir);
	const char *paths[] = { p1, p2 };
	assert_int_equal(make_store(db, paths, 2), 0);
	mc_server *s;
	mc_error err;
	mc_server_opts o = { .db_path = db, .log_fd = -1 };
	assert_int_equal(mc_server_new(&s, &o, &err), 0);
	fx f = { .srv = s };
	json_t *a = req(&f, "GET", "/api/v1/codes/E11.52?date=2021-06-01", NULL, 200);
	json_t *b = req(&f, "GET", "/api/v1/codes/E1152?date=2026-01-15", NULL, 200);
	assert_string_equal(jstr(a, "results.0.source.release"), "FY2021");
	assert_string_equal(jstr(b, "results.0.source.release"), "FY2026");
	assert_string_equal(jstr(a, "results.0.code"), "E11.52");
	json_decref(a);
	json_decref(b);
	a = req(&f, "GET", "/fhir/CodeSystem/$validate-code?url=" ICD "&code=E11.52&date=2021-06-01", NULL, 200);
	assert_string_equal(pval(a, "result"), "true");
	json_decref(a);
	mc_server_free(s);
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- real sockets ------------------------------------------------------------ */

typedef struct got {
	char *body;
	size_t len;
	long status;
} got;

static size_t on_data(char *p, size_t sz, size_t n, void *ud)
{
	got *g = ud;
	char *nb = realloc(g->body, g->len + sz * n + 1);
	assert_non_null(nb);
	g->body = nb;
	memcpy(g->body + g->len, p, sz * n);
	g->len += sz * n;
	g->body[g->len] = '\0';
	return sz * n;
}

static got http(uint16_t port, const char *method, const char *path, const char *body, long body_len,
		struct curl_slist *hdrs)
{
	got g = { 0 };
	char url[8192];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", (unsigned)port, path);
	CURL *c = curl_easy_init();
	assert_non_null(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &g);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (hdrs)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, body_len);
	}
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		fprintf(stderr, "curl %s: %s\n", path, curl_easy_strerror(rc));
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &g.status);
	curl_easy_cleanup(c);
	return g;
}

static void socket_routes_and_limits(void **state)
{
	fx *f = *state;
	mc_error err;
	assert_int_equal(mc_server_start(f->srv, &err), 0);
	uint16_t port = mc_server_port(f->srv);
	assert_true(port > 0);

	got g = http(port, "GET", "/api/v1/codes/Q99.2?date=2020-05-01", NULL, 0, NULL);
	assert_int_equal(g.status, 200);
	mc_server_response r;
	assert_int_equal(mc_server_handle(f->srv, "GET", "/api/v1/codes/Q99.2?date=2020-05-01", NULL, 0, &r), 0);
	assert_int_equal(g.len, r.len);
	assert_memory_equal(g.body, r.body, r.len);
	mc_server_response_release(&r);
	free(g.body);

	g = http(port, "GET", "/nope", NULL, 0, NULL);
	assert_int_equal(g.status, 404);
	free(g.body);
	g = http(port, "DELETE", "/healthz", NULL, 0, NULL);
	assert_int_equal(g.status, 405);
	free(g.body);
	g = http(port, "GET", "/api/v1/codes/Q99.2?date=bad", NULL, 0, NULL);
	assert_int_equal(g.status, 400);
	free(g.body);

	/* 414: a long request target. */
	char *path = malloc(5000);
	memset(path, 'A', 4999);
	memcpy(path, "/api/v1/codes/", 14);
	path[4999] = '\0';
	g = http(port, "GET", path, NULL, 0, NULL);
	assert_int_equal(g.status, 414);
	free(g.body);
	free(path);

	/* 431: headers over 16 KiB. */
	char *hv = malloc(20000);
	memcpy(hv, "X-Big: ", 7);
	memset(hv + 7, 'b', 20000 - 8);
	hv[19999] = '\0';
	struct curl_slist *h = curl_slist_append(NULL, hv);
	g = http(port, "GET", "/healthz", NULL, 0, h);
	assert_int_equal(g.status, 431);
	curl_slist_free_all(h);
	free(g.body);
	free(hv);

	/* 413: a body over the server cap (100 KiB here), refused by its
	 * Content-Length before it is read. */
	size_t n = 200 * 1024;
	char *big = malloc(n);
	memset(big, ' ', n);
	g = http(port, "POST", "/fhir/CodeSystem/$lookup", big, (long)n, NULL);
	assert_int_equal(g.status, 413);
	assert_non_null(strstr(g.body, "OperationOutcome"));
	free(g.body);
	free(big);

	/* FHIR over the socket. */
	g = http(port, "GET", "/fhir/CodeSystem/$lookup?system=" ICD "&code=Q99.2&date=2021-02-02", NULL, 0, NULL);
	assert_int_equal(g.status, 200);
	assert_non_null(strstr(g.body, "Made-up code two, new title"));
	free(g.body);

	/* The new routes over the socket: body caps, 400s, content types. */
	const char *doc = "{\"text\": \"Call 555-123-4567.\"}";
	g = http(port, "POST", "/api/v1/redact", doc, (long)strlen(doc), NULL);
	assert_int_equal(g.status, 200);
	assert_null(strstr(g.body, "555-123-4567"));
	free(g.body);
	g = http(port, "POST", "/api/v1/redact", "{\"text\": ", 9, NULL);
	assert_int_equal(g.status, 400);
	free(g.body);
	n = 200 * 1024;
	big = malloc(n);
	memset(big, ' ', n);
	g = http(port, "POST", "/api/v1/redact", big, (long)n, NULL);
	assert_int_equal(g.status, 413);
	free(g.body);
	g = http(port, "POST", "/api/v1/detect", big, (long)n, NULL);
	assert_int_equal(g.status, 413);
	free(g.body);
	g = http(port, "POST", "/api/v1/reports/Q99.2", big, (long)n, NULL);
	assert_int_equal(g.status, 413);
	free(g.body);
	free(big);
	g = http(port, "POST", "/api/v1/detect", "{}", 2, NULL);
	assert_int_equal(g.status, 400);
	free(g.body);
	g = http(port, "GET", "/api/v1/reports/Q99.2?date=2021-02-02&format=html", NULL, 0, NULL);
	assert_int_equal(g.status, 200);
	assert_non_null(strstr(g.body, "<html"));
	free(g.body);
	g = http(port, "GET", "/api/v1/answer?q=made-up+leaf", NULL, 0, NULL);
	assert_int_equal(g.status, 200);
	free(g.body);
	g = http(port, "POST", "/api/v1/reports/Q99.2?date=2021-02-02", "{\"code\":\"Q99.2\"}", (long)strlen("{\"code\":\"Q99.2\"}"), NULL);
	assert_int_equal(g.status, 200);
	free(g.body);

	g = http(port, "GET", "/metrics", NULL, 0, NULL);
	assert_int_equal(g.status, 200);
	assert_non_null(strstr(g.body, "medcode_http_requests_total{route=\"none\",code=\"4xx\"}"));
	assert_non_null(strstr(g.body, "medcode_http_request_duration_seconds_bucket{route=\"codes\",le=\"+Inf\"}"));
	free(g.body);
	mc_server_stop(f->srv);
	assert_int_equal(mc_server_port(f->srv), 0);
}

/* A POST whose body arrives slowly: in flight when the stop begins. */
typedef struct slow {
	uint16_t port;
	const char *body;
	size_t off, len;
	int sent_half;
	got g;
} slow;

static size_t slow_read(char *buf, size_t size, size_t nitems, void *ud)
{
	slow *s = ud;
	size_t room = size * nitems, left = s->len - s->off;
	if (!left)
		return 0;
	size_t n = left < room ? left : room;
	if (s->off < s->len / 2) {
		n = s->len / 2 - s->off < n ? s->len / 2 - s->off : n;
	} else if (!s->sent_half) {
		s->sent_half = 1;
		struct timespec t = { 0, 600 * 1000 * 1000 };
		nanosleep(&t, NULL);
	}
	memcpy(buf, s->body + s->off, n);
	s->off += n;
	return n;
}

static void *slow_client(void *p)
{
	slow *s = p;
	char url[256];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/fhir/CodeSystem/$lookup", (unsigned)s->port);
	CURL *c = curl_easy_init();
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/fhir+json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POST, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, slow_read);
	curl_easy_setopt(c, CURLOPT_READDATA, s);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)s->len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s->g);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &s->g.status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return NULL;
}

static void graceful_stop_finishes_in_flight(void **state)
{
	fx *f = *state;
	mc_error err;
	assert_int_equal(mc_server_start(f->srv, &err), 0);
	slow s = { .port = mc_server_port(f->srv) };
	s.body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"system\",\"valueUri\":\"" ICD "\"},"
		 "{\"name\":\"code\",\"valueCode\":\"Q99.2\"},{\"name\":\"date\",\"valueDate\":\"2020-05-01\"}]}";
	s.len = strlen(s.body);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, slow_client, &s), 0);
	struct timespec nap = { 0, 200 * 1000 * 1000 };
	nanosleep(&nap, NULL); /* the request line and half the body are in */
	mc_server_stop(f->srv); /* waits for the request to finish */
	pthread_join(t, NULL);
	assert_int_equal(s.g.status, 200);
	assert_non_null(strstr(s.g.body, "Made-up code two, old title"));
	free(s.g.body);
	/* Nothing listens any more. */
	got g = http(s.port, "GET", "/healthz", NULL, 0, NULL);
	assert_int_equal(g.status, 0);
	free(g.body);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lookup_json_is_the_encoders, setup, teardown),
		cmocka_unit_test_setup_teardown(lookup_date_picks_release, setup, teardown),
		cmocka_unit_test_setup_teardown(api_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(fhir_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(fhir_validate_code, setup, teardown),
		cmocka_unit_test_setup_teardown(fhir_expand, setup, teardown),
		cmocka_unit_test_setup_teardown(fhir_metadata, setup, teardown),
		cmocka_unit_test_setup_teardown(metrics_count, setup, teardown),
		cmocka_unit_test_setup_teardown(search_route, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_route, setup, teardown),
		cmocka_unit_test_setup_teardown(answer_route, setup, teardown),
		cmocka_unit_test_setup_teardown(redact_route, setup, teardown),
		cmocka_unit_test_setup_teardown(detect_route, setup, teardown),
		cmocka_unit_test_setup_teardown(response_cache, setup, teardown),
		cmocka_unit_test(real_data_e1152),
		cmocka_unit_test_setup_teardown(socket_routes_and_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(graceful_stop_finishes_in_flight, setup, teardown),
	};
	int rc = cmocka_run_group_tests_name("server", tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
