/* Publications and code pages (medcode/publish.h): the input record
 * parser and renderers on fixtures (always run), and the seeds' records
 * published against $MEDCODE_DATA imported into a temporary store (skipped
 * when MEDCODE_DATA is unset). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "medcode/import.h"
#include "medcode/publish.h"
#include "medcode/search.h"
#include "medcode/store.h"

#define DATE "2026-06-01"

typedef struct fx {
	th_store st;
	mc_publisher *p;
} fx;

static int setup(void **state)
{
	*state = NULL;
	fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	int rc = th_store_real(&f->st);
	mc_error err;
	if (rc == 0 && mc_publisher_new(&f->p, f->st.s, DATE, &err) < 0)
		rc = -1;
	if (rc != 0) {
		th_store_remove(&f->st);
		free(f);
		return rc > 0 ? 0 : -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	if (!f)
		return 0;
	mc_publisher_free(f->p);
	int rc = th_store_remove(&f->st);
	free(f);
	return rc;
}

#define NEED_DATA(f) do { if (!(f)) { skip(); return; } } while (0)

static mc_pub_input *load_fixture(const char *name)
{
	char rel[64];
	snprintf(rel, sizeof(rel), "publish/%s", name);
	mc_pub_input *in = NULL;
	mc_error err;
	if (mc_pub_input_load(&in, th_fixture(rel), &err) < 0)
		fail_msg("%s: %s", name, err.msg);
	return in;
}

static int parse_str(const char *text, mc_error *err)
{
	mc_pub_input *in = NULL;
	int rc = mc_pub_input_parse(&in, "t.json", text, strlen(text), err);
	mc_pub_input_free(in);
	return rc;
}

/* ---- input records (always run) ------------------------------------- */

static void fixtures_parse(void **state)
{
	(void)state;
	mc_pub_input *in = load_fixture("0620T.json");
	assert_string_equal(in->code, "0620T");
	assert_int_equal(in->nmodifiers, 14);
	assert_int_equal(in->ntaxonomy, 4);
	assert_int_equal(in->nrelated_diagnoses, 8);
	assert_int_equal(in->nrelated_codes, 5);
	assert_int_equal(in->nworkflow, 5);
	assert_string_equal(in->modifiers[6].code, "62");
	assert_string_equal(in->taxonomy[0].code, "2080S0002X");
	assert_null(in->payers);
	mc_pub_input_free(in);
	in = load_fixture("34712.json");
	assert_string_equal(in->modifiers[0].code, "11");
	assert_null(in->modifiers[1].when_to_use);
	mc_pub_input_free(in);
	in = load_fixture("37249.json");
	assert_int_equal(in->nmodifiers, 1);
	assert_string_equal(in->modifiers[0].code, "59");
	mc_pub_input_free(in);
}

static void bad_records(void **state)
{
	(void)state;
	mc_error err;
	assert_int_equal(parse_str("{}", &err), 0);
	assert_int_equal(parse_str("{\"code\": \"0620T\",\n \"modifiers\": [}", &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "t.json:2:"));
	assert_int_equal(parse_str("{\"modifiers\": [{\"code\": 62}]}", &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "$.modifiers[0].code: expected a string"));
	assert_int_equal(parse_str("{\"taxonomy\": [{\"code\": \"x\", \"speciality\": \"y\"}]}", &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "$.taxonomy[0].speciality: unknown field"));
	assert_int_equal(parse_str("{\"sumary\": \"x\"}", &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "$.sumary"));
	assert_int_equal(parse_str("[]", &err), MC_EFORMAT);
	assert_int_equal(parse_str("{\"workflow\": \"x\"}", &err), MC_EFORMAT);
	assert_int_equal(parse_str("{\"code\": \"a\", \"code\": \"b\"}", &err), MC_EFORMAT);
	assert_int_equal(parse_str("{\"title\": \"a\\u0000b\"}", &err), MC_EFORMAT);
	/* Depth cap, before jansson sees it. */
	char deep[64] = "{\"a\":";
	for (int i = 0; i < 12; i++)
		strcat(deep, "[");
	assert_int_equal(parse_str(deep, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "nested deeper"));
	/* Item cap. */
	size_t cap = 16 + 4 * 600;
	char *big = malloc(cap);
	assert_non_null(big);
	size_t n = (size_t)snprintf(big, cap, "{\"workflow\":[");
	for (int i = 0; i < 600; i++)
		n += (size_t)snprintf(big + n, cap - n, "%s\"\"", i ? "," : "");
	snprintf(big + n, cap - n, "]}");
	assert_int_equal(parse_str(big, &err), MC_EFORMAT);
	assert_non_null(strstr(err.msg, "more than 500"));
	free(big);
}

/* A hand-made document: renderers escape everything and say what is
 * missing. */
static void render_escapes(void **state)
{
	(void)state;
	const char *cols[] = { "Code", "Te<x>t" };
	const char *cells[] = { "<b>", "a|b & \"c\"", "X", MC_PUB_MISSING };
	const char *rsrc[] = { "f.csv (s 1)", "" };
	const char *items[] = { "<script>alert(1)</script>" };
	mc_pub_block blocks[] = {
		{ MC_PUB_TEXT, "H<1>", "t & t", "src <x>", NULL, 0, NULL, 0, NULL, 0, NULL },
		{ MC_PUB_LIST, NULL, NULL, "", items, 1, NULL, 0, NULL, 0, NULL },
		{ MC_PUB_TABLE, "T", NULL, "", NULL, 0, cols, 2, cells, 2, rsrc },
	};
	mc_pub_section sec = { "s", "Sec & tion", blocks, 3 };
	mc_pub_doc d;
	memset(&d, 0, sizeof(d));
	d.kind = "code page";
	d.system = "CPT";
	d.code = "0000<T>";
	d.title = "T'itle";
	d.date = DATE;
	d.sections = &sec;
	d.nsections = 1;
	mc_findings_init(&d.findings);
	char *out;
	size_t len;
	mc_error err;
	assert_int_equal(mc_publish_render(&d, MC_PUB_HTML, 0, &out, &len, &err), 0);
	assert_null(strstr(out, "<script>"));
	assert_null(strstr(out, "<b>"));
	assert_non_null(strstr(out, "&lt;script&gt;"));
	assert_non_null(strstr(out, "a|b &amp; &quot;c&quot;"));
	/* Each cell names its column (phones show it as the field's label). */
	assert_non_null(strstr(out, "<td class=\"missing\" data-label=\"Te&lt;x&gt;t\">Data not available in the input.</td>"));
	assert_non_null(strstr(out, "<td data-label=\"Code\">X</td>"));
	assert_non_null(strstr(out, "T&#39;itle"));
	assert_null(strstr(out, "http"));
	mc_publish_text_free(out);
	assert_int_equal(mc_publish_render(&d, MC_PUB_MARKDOWN, 0, &out, &len, &err), 0);
	assert_non_null(strstr(out, "a\\|b"));
	assert_non_null(strstr(out, "| Source |"));
	mc_publish_text_free(out);
	assert_int_equal(mc_publish_render(&d, MC_PUB_JSON, 0, &out, &len, &err), 0);
	json_error_t je;
	json_t *j = json_loads(out, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "code")), "0000<T>");
	json_decref(j);
	mc_publish_text_free(out);
	char *e = mc_publish_html_escape("<'&\">");
	assert_string_equal(e, "&lt;&#39;&amp;&quot;&gt;");
	mc_publish_text_free(e);
}

/* ---- real data ------------------------------------------------------- */

static json_t *build_json(fx *f, const char *code, mc_pub_input *in)
{
	mc_pub_doc *d = NULL;
	mc_error err;
	if (mc_publish_build(f->p, code, MC_SYS_NONE, in, &d, &err) < 0)
		fail_msg("build %s: %s", code, err.msg);
	json_t *j = mc_publish_json(d);
	assert_non_null(j);
	/* Every rendering works. */
	for (int fmt = MC_PUB_MARKDOWN; fmt <= MC_PUB_JSON; fmt++) {
		char *out;
		size_t len;
		assert_int_equal(mc_publish_render(d, (mc_pub_format)fmt, 0, &out, &len, &err), 0);
		assert_true(len > 100);
		mc_publish_text_free(out);
	}
	mc_pub_doc_free(d);
	return j;
}

/* The table block with this heading, anywhere in the document. */
static json_t *find_block(json_t *doc, const char *heading)
{
	size_t i, k;
	json_t *s, *b;
	json_array_foreach(json_object_get(doc, "sections"), i, s)
		json_array_foreach(json_object_get(s, "blocks"), k, b) {
			const char *h = json_string_value(json_object_get(b, "heading"));
			if (h && strcmp(h, heading) == 0)
				return b;
		}
	return NULL;
}

/* First cells of a table block, joined with spaces. */
static void first_cells(json_t *b, char *out, size_t cap)
{
	out[0] = '\0';
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(b, "rows"), i, r) {
		size_t n = strlen(out);
		snprintf(out + n, cap - n, "%s%s", n ? " " : "",
			 json_string_value(json_array_get(json_object_get(r, "cells"), 0)));
	}
}

static bool finding(json_t *doc, const char *rule, const char *subject)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(json_object_get(doc, "validation"), "findings"), i, x)
		if (strcmp(json_string_value(json_object_get(x, "rule")), rule) == 0 &&
		    strstr(json_string_value(json_object_get(x, "subject")), subject))
			return true;
	return false;
}

/* Every table row that states something cites a source. */
static void all_rows_sourced(json_t *doc)
{
	size_t i, k, r;
	json_t *s, *b, *row;
	json_array_foreach(json_object_get(doc, "sections"), i, s)
		json_array_foreach(json_object_get(s, "blocks"), k, b) {
			const char *kind = json_string_value(json_object_get(b, "kind"));
			if (strcmp(kind, "text") == 0) {
				const char *t = json_string_value(json_object_get(b, "text"));
				const char *src = json_string_value(json_object_get(b, "source"));
				const char *id = json_string_value(json_object_get(s, "id"));
				if (strcmp(t, MC_PUB_MISSING) != 0 && strcmp(id, "validation") != 0 && !*src)
					fail_msg("text without source: %s", t);
			}
			json_array_foreach(json_object_get(b, "rows"), r, row)
				/* A row whose value is missing states nothing. */
				if (!*json_string_value(json_object_get(row, "source")) &&
				    strcmp(json_string_value(json_array_get(json_object_get(row, "cells"), 1)),
					   MC_PUB_MISSING) != 0)
					fail_msg("row without source in %s",
						 json_string_value(json_object_get(b, "heading")));
		}
}

static void publish_0620T(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_pub_input *in = load_fixture("0620T.json");
	json_t *j = build_json(f, "0620T", in);
	all_rows_sourced(j);
	/* Failed rows are findings, never facts. */
	char cells[512];
	first_cells(find_block(j, "Modifiers"), cells, sizeof(cells));
	assert_string_equal(cells, "22 50 51 52 53 78 79 LT RT");
	/* RT's description, missing in the record, is the official one. */
	json_t *rt = json_array_get(json_object_get(find_block(j, "Modifiers"), "rows"), 8);
	assert_non_null(strstr(json_string_value(json_array_get(json_object_get(rt, "cells"), 1)),
			       "Right side (used to identify procedures performed on the right side"));
	assert_non_null(strstr(json_string_value(json_object_get(rt, "source")), "HCPC2025_OCT_ANWEB.xlsx"));
	assert_true(finding(j, "modifier.cosurgeon", "62"));
	assert_true(finding(j, "modifier.anesthesia", "QK"));
	assert_true(finding(j, "modifier.anesthesia", "QX"));
	assert_true(finding(j, "modifier.anesthesia", "QY"));
	assert_true(finding(j, "modifier.description", "QK"));
	assert_true(finding(j, "modifier.description", "QX"));
	assert_true(finding(j, "modifier.description", "QY"));
	assert_true(finding(j, "taxonomy.exists", "2080S0002X"));
	assert_true(finding(j, "taxonomy.specialty", "207RH0000X"));
	assert_true(finding(j, "taxonomy.specialty", "2084P0800X"));
	assert_true(finding(j, "taxonomy.specialty", "363L00000X"));
	const char *dx[] = { "I70.23", "I70.24", "I70.31", "I70.32", "I70.33", "I70.34" };
	for (size_t i = 0; i < 6; i++) {
		assert_true(finding(j, "icd10cm.billable", dx[i]));
		assert_true(finding(j, "icd10cm.title", dx[i]));
	}
	assert_true(finding(j, "icd10cm.title", "E11.51"));
	/* "New CPT code 0620T": in force since 2024-04-01 at the latest. */
	assert_true(finding(j, "claim.stale", "0620T"));
	json_t *hl = find_block(j, "Headline");
	assert_true(strncmp(json_string_value(json_object_get(hl, "text")), "Withheld:", 9) == 0);
	json_t *lead = find_block(j, "Lead");
	assert_non_null(strstr(json_string_value(json_object_get(lead, "text")), "CPT code 0620T captures"));
	/* The taxonomy table has no row left; the diagnoses only I96. */
	json_t *tax = find_block(j, "Taxonomy");
	assert_string_equal(json_string_value(json_object_get(tax, "text")), MC_PUB_MISSING);
	first_cells(find_block(j, "Related diagnoses"), cells, sizeof(cells));
	assert_string_equal(cells, "I96");
	first_cells(find_block(j, "Related codes"), cells, sizeof(cells));
	/* 37224, 76140 and 36475 are described as what their descriptors are not. */
	assert_string_equal(cells, "CPT 36200 CPT 75710");
	assert_true(finding(j, "related.meaning", "37224"));
	assert_true(finding(j, "related.meaning", "76140"));
	assert_true(finding(j, "related.meaning", "36475"));
	/* Missing input says so; CPT content carries the AMA notice. */
	json_t *pay = find_block(j, "Payers");
	assert_string_equal(json_string_value(json_object_get(pay, "text")), MC_PUB_MISSING);
	assert_non_null(strstr(json_string_value(json_object_get(j, "notice")), "American Medical Association"));
	assert_true(json_integer_value(json_object_get(json_object_get(j, "validation"), "failed")) >= 24);
	json_decref(j);
	mc_pub_input_free(in);
}

static void publish_34712(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	mc_pub_input *in = load_fixture("34712.json");
	json_t *j = build_json(f, "34712", in);
	all_rows_sourced(j);
	assert_true(finding(j, "modifier.exists", "11"));
	char cells[256];
	first_cells(find_block(j, "Modifiers"), cells, sizeof(cells));
	assert_string_equal(cells, "22");
	json_decref(j);
	mc_pub_input_free(in);
}

/* A stated modifier the rules say does not apply fails its row: 22 on an
 * add-on code (global ZZZ), LT on a code whose bilateral indicator is 9;
 * 53 on it may apply and stands. */
static void publish_modifier_rules(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	static const char rec[] = "{\"code\": \"37249\", \"modifiers\": [{\"code\": \"22\"}, {\"code\": \"53\"}]}";
	mc_pub_input *in = NULL;
	mc_error err;
	assert_int_equal(mc_pub_input_parse(&in, "r.json", rec, strlen(rec), &err), 0);
	json_t *j = build_json(f, "37249", in);
	assert_true(finding(j, "modifier.rule", "22"));
	assert_false(finding(j, "modifier.rule", "53"));
	char cells[64];
	first_cells(find_block(j, "Modifiers"), cells, sizeof(cells));
	assert_string_equal(cells, "53");
	json_decref(j);
	mc_pub_input_free(in);
	static const char rec2[] = "{\"code\": \"J1100\", \"modifiers\": [{\"code\": \"LT\"}]}";
	assert_int_equal(mc_pub_input_parse(&in, "r2.json", rec2, strlen(rec2), &err), 0);
	j = build_json(f, "J1100", in);
	assert_true(finding(j, "modifier.rule", "LT"));
	json_decref(j);
	mc_pub_input_free(in);
}

static void code_page_37249(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	json_t *j = build_json(f, "37249", NULL);
	all_rows_sourced(j);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "code page");
	json_t *aoc = find_block(j, "Add-on code edits (NCCI)");
	json_t *r0 = json_array_get(json_object_get(aoc, "rows"), 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(r0, "cells"), 1)), "37248");
	assert_non_null(strstr(json_string_value(json_object_get(r0, "source")), "AOC_V2026Q2-MCR.xlsx"));
	/* The long descriptor is AMA content not imported: said missing. */
	json_t *desc = find_block(j, "Official descriptors");
	json_t *r2 = json_array_get(json_object_get(desc, "rows"), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(r2, "cells"), 1)), MC_PUB_MISSING);
	json_t *cl = find_block(j, "Common language description");
	assert_string_equal(json_string_value(json_object_get(cl, "text")), MC_PUB_MISSING);
	json_decref(j);
	/* An input record for another code is refused; an unknown code is not found. */
	mc_pub_input *in = load_fixture("0620T.json");
	mc_pub_doc *d = NULL;
	mc_error err;
	assert_int_equal(mc_publish_build(f->p, "37249", MC_SYS_NONE, in, &d, &err), MC_EINVAL);
	assert_int_equal(mc_publish_build(f->p, "0000Z", MC_SYS_NONE, NULL, &d, &err), MC_ENOTFOUND);
	assert_null(d);
	mc_pub_input_free(in);
}

/* The cells of row i of a table block. */
static const char *cell(json_t *block, size_t row, size_t col)
{
	json_t *r = json_array_get(json_object_get(block, "rows"), row);
	return json_string_value(json_array_get(json_object_get(r, "cells"), col));
}

static const char *row_source(json_t *block, size_t row)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(block, "rows"), row), "source"));
}

static void code_page_0620T(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	json_t *j = build_json(f, "0620T", NULL);
	all_rows_sourced(j);
	/* History: no file dates the addition; the earliest releases naming
	 * the code bound it (MUE 2024Q2, then the fee-schedule file). */
	json_t *h = find_block(j, "History");
	assert_non_null(h);
	assert_int_equal(json_array_size(json_object_get(h, "rows")), 3);
	assert_string_equal(cell(h, 0, 0), "in force by");
	assert_string_equal(cell(h, 0, 1), "by 2024-04-01");
	assert_non_null(strstr(row_source(h, 0), "(mue 2024Q2)"));
	assert_string_equal(cell(h, 1, 1), "by 2025-10-01");
	assert_non_null(strstr(row_source(h, 1), "RVU25D"));
	assert_string_equal(cell(h, 2, 0), "added");
	assert_string_equal(cell(h, 2, 1), MC_PUB_MISSING);
	/* The modifiers of the seed page, each with its verdict and why. */
	json_t *m = find_block(j, "Other modifiers a coder checks");
	char cells[256];
	first_cells(m, cells, sizeof(cells));
	assert_string_equal(cells, "22 53 GC LT RT Q0 Q1 59 XE XP XS XU");
	assert_string_equal(cell(m, 0, 2), "contractor decides");
	assert_non_null(strstr(cell(m, 0, 1), "(medcode label; AMA descriptor not imported)"));
	assert_string_equal(cell(m, 4, 2), "applies");
	assert_non_null(strstr(cell(m, 4, 1), "Right side"));
	assert_non_null(strstr(row_source(m, 4), "HCPC2025_OCT_ANWEB.xlsx (modifier-l2 2025-10)"));
	assert_non_null(strstr(row_source(m, 4), "Ch. 12 §40.7"));
	assert_string_equal(cell(m, 11, 2), "not checked");
	json_decref(j);
	/* An ICD-10-CM code added in FY2022 says so, with its range. */
	j = build_json(f, "U09.9", NULL);
	h = find_block(j, "History");
	assert_string_equal(cell(h, 0, 0), "added");
	assert_string_equal(cell(h, 0, 1), "2021-10-01 to 2022-04-01");
	assert_non_null(strstr(cell(h, 0, 2), "FY2022"));
	json_decref(j);
}

/* The first section says which cited releases may be out of date. */
static json_t *data_age_rows(json_t *doc, char *out, size_t cap)
{
	json_t *s0 = json_array_get(json_object_get(doc, "sections"), 0);
	assert_string_equal(json_string_value(json_object_get(s0, "id")), "data-age");
	json_t *t = find_block(doc, "Releases cited for facts in force");
	assert_non_null(t);
	out[0] = '\0';
	for (size_t i = 0; i < json_array_size(json_object_get(t, "rows")); i++) {
		size_t n = strlen(out);
		snprintf(out + n, cap - n, "%s=%s;", cell(t, i, 0), cell(t, i, 3));
	}
	return find_block(doc, "Releases that may be out of date");
}

static void data_age_on_pages_and_answers(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	char rows[1024];
	/* On DATE (2026-06-01) the fee-schedule file (due 2026-01-01) and
	 * MUE 2024Q2 (due 2024-07-01) may be out of date. */
	json_t *j = build_json(f, "0620T", NULL);
	json_t *txt = data_age_rows(j, rows, sizeof(rows));
	assert_non_null(strstr(rows, "Medicare PFS relative value file RVU25D=may be out of date;"));
	assert_non_null(strstr(rows, "NCCI MUE tables 2024Q2=may be out of date;"));
	const char *t = json_string_value(json_object_get(txt, "text"));
	assert_non_null(strstr(t, "release 2024Q2 (in force from 2024-04-01) may be out of date on 2026-06-01"));
	assert_non_null(strstr(t, "next release was due 2026-01-01"));
	json_decref(j);
	/* On 2025-11-01 the fee-schedule file is current; MUE still is not. */
	mc_publisher *p;
	mc_error err;
	assert_int_equal(mc_publisher_new(&p, f->st.s, "2025-11-01", &err), 0);
	mc_pub_doc *d;
	assert_int_equal(mc_publish_build(p, "0620T", MC_SYS_NONE, NULL, &d, &err), 0);
	j = mc_publish_json(d);
	data_age_rows(j, rows, sizeof(rows));
	assert_non_null(strstr(rows, "Medicare PFS relative value file RVU25D=current;"));
	assert_non_null(strstr(rows, "NCCI MUE tables 2024Q2=may be out of date;"));
	json_decref(j);
	mc_pub_doc_free(d);
	mc_publisher_free(p);
	/* Answers say it too. */
	mc_searcher *q;
	assert_int_equal(mc_searcher_new(&q, f->st.s, &err), 0);
	assert_int_equal(mc_publish_answer(f->p, q, "What is the CPT code for fluoroscopy imaging?", &d, &err), 0);
	j = mc_publish_json(d);
	data_age_rows(j, rows, sizeof(rows));
	assert_non_null(strstr(rows, "=may be out of date;"));
	json_decref(j);
	mc_pub_doc_free(d);
	mc_searcher_free(q);
}

static void code_lists(void **state)
{
	fx *f = *state;
	NEED_DATA(f);
	char **codes;
	size_t n;
	mc_error err;
	assert_int_equal(mc_publish_codes(f->p, MC_SYS_CPT, &codes, &n, &err), 0);
	assert_true(n > 8000);
	bool seen = false;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(codes[i], "0620T") == 0)
			seen = true;
		if (i)
			assert_true(strcmp(codes[i - 1], codes[i]) < 0);
	}
	assert_true(seen);
	mc_publish_codes_free(codes, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixtures_parse),
		cmocka_unit_test(bad_records),
		cmocka_unit_test(render_escapes),
		cmocka_unit_test(publish_0620T),
		cmocka_unit_test(publish_34712),
		cmocka_unit_test(publish_modifier_rules),
		cmocka_unit_test(code_page_37249),
		cmocka_unit_test(code_page_0620T),
		cmocka_unit_test(data_age_on_pages_and_answers),
		cmocka_unit_test(code_lists),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
