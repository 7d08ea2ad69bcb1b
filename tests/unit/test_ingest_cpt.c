/* AMA CPT data file parsers: cpt_ama and cpt_consumer.  Every fixture has
 * made-up descriptor text; no AMA descriptor is used. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "core/core.h"

typedef struct cpt_cap {
	size_t releases, codes;
	int rel_system;
	char stream[16], label[16], from[16];
	const char *want;
	char title_long[160], title_short[64], title_other[96], kind[16];
	char attrs[256];
	int system;
} cpt_cap;

static int cap_release(const mc_rec_release *r, void *p)
{
	cpt_cap *c = p;
	c->releases++;
	c->rel_system = r->system;
	snprintf(c->stream, sizeof(c->stream), "%s", r->stream);
	snprintf(c->label, sizeof(c->label), "%s", r->label);
	snprintf(c->from, sizeof(c->from), "%s", r->effective_from);
	return 0;
}

static int cap_code(const mc_rec_code *k, void *p)
{
	cpt_cap *c = p;
	c->codes++;
	assert_int_equal(k->billable, -1);
	if (!c->want || strcmp(k->code, c->want) != 0)
		return 0;
	c->system = k->system;
	snprintf(c->title_long, sizeof(c->title_long), "%s", k->title_long ? k->title_long : "");
	snprintf(c->title_short, sizeof(c->title_short), "%s", k->title_short ? k->title_short : "");
	snprintf(c->title_other, sizeof(c->title_other), "%s", k->title_other ? k->title_other : "");
	snprintf(c->kind, sizeof(c->kind), "%s", k->kind ? k->kind : "");
	size_t n = strlen(c->attrs);
	for (size_t i = 0; i < k->nattrs; i++) {
		snprintf(c->attrs + n, sizeof(c->attrs) - n, "%s=%s;", k->attrs[i].key, k->attrs[i].value);
		n = strlen(c->attrs);
	}
	return 0;
}

static void parse(const char *rel, mc_parse_fn fn, const char *want, cpt_cap *c)
{
	memset(c, 0, sizeof(*c));
	c->want = want;
	mc_sink s = { 0 };
	s.release = cap_release;
	s.code = cap_code;
	s.payload = c;
	mc_error err;
	mc_error_clear(&err);
	int rc = th_parse_file(th_fixture(rel), fn, &s, &err);
	if (rc != 0)
		fail_msg("%s: %s", rel, err.msg);
	assert_int_equal(c->releases, 1);
	assert_string_equal(c->stream, c->rel_system == MC_SYS_MODIFIER ? "modifier-ama" : "cpt-ama");
	assert_string_equal(c->label, "2026");
	assert_string_equal(c->from, "2026-01-01");
}

static void descriptor_files(void **state)
{
	(void)state;
	cpt_cap c;
	parse("cpt/2026/LONGULT.txt", mc_parse_cpt_ama, "99213", &c);
	assert_int_equal(c.codes, 5);
	assert_int_equal(c.system, MC_SYS_CPT);
	assert_int_equal(c.rel_system, MC_SYS_CPT);
	assert_string_equal(c.title_long, "Fixture office visit long descriptor, made up for tests");
	assert_string_equal(c.title_short, "");

	parse("cpt/2026/MEDU.txt", mc_parse_cpt_ama, "0001U", &c);
	assert_int_equal(c.codes, 5);
	assert_string_equal(c.title_other, "MEDIUM LAB ANALYSIS DESCRIPTOR");
	assert_string_equal(c.title_long, "");

	parse("cpt/2026/SHORTU.txt", mc_parse_cpt_ama, "0042T", &c);
	assert_int_equal(c.codes, 5);
	assert_string_equal(c.title_short, "SHORT EMERGING TECHNOLOGY DE");

	parse("cpt/2026/LONGULF.txt", mc_parse_cpt_ama, "99213", &c);
	assert_int_equal(c.codes, 2);
	assert_string_equal(c.title_long, "Fixture long descriptor that is wrapped over more than one "
			    "record of the fixed-field file, then ends here");
}

static void modifiers(void **state)
{
	(void)state;
	cpt_cap c;
	parse("cpt/2026/MODUL.txt", mc_parse_cpt_ama, "59", &c);
	assert_int_equal(c.codes, 3);
	assert_int_equal(c.rel_system, MC_SYS_MODIFIER);
	assert_int_equal(c.system, MC_SYS_MODIFIER);
	assert_string_equal(c.kind, "modifier");
	assert_string_equal(c.attrs, "level=I;");
	assert_string_equal(c.title_long, "Fixture modifier text for a distinct service");
}

static void consumer_and_clinician(void **state)
{
	(void)state;
	cpt_cap c;
	parse("cpt/2026/ConsumerDescriptor.txt", mc_parse_cpt_consumer, "99213", &c);
	assert_int_equal(c.codes, 2);
	assert_int_equal(c.system, MC_SYS_CPT);
	assert_string_equal(c.title_other, "Fixture consumer text for a visit");
	assert_string_equal(c.attrs, "concept_id=1000001;");

	parse("cpt/2026/ClinicianDescriptor.txt", mc_parse_cpt_consumer, "99213", &c);
	assert_int_equal(c.codes, 2);
	assert_string_equal(c.title_other, "");
	assert_non_null(strstr(c.attrs, "clinician_descriptor=Fixture clinician text one;"));
	assert_non_null(strstr(c.attrs, "clinician_descriptor_id=2000002;"));
}

static void detect(void **state)
{
	(void)state;
	static const char *const files[][2] = {
		{ "cpt/2026/LONGULT.txt", "cpt_ama" },
		{ "cpt/2026/SHORTU.txt", "cpt_ama" },
		{ "cpt/2026/LONGULF.txt", "cpt_ama" },
		{ "cpt/2026/ConsumerDescriptor.txt", "cpt_consumer" },
		{ "cpt/2026/ClinicianDescriptor.txt", "cpt_consumer" },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		mc_map m;
		mc_error err;
		assert_int_equal(mc_map_file(&m, th_fixture(files[i][0]), &err), 0);
		mc_input in = { "upload.txt", m.data, m.len };
		const mc_format *f = mc_format_detect(&in);
		assert_non_null(f);
		assert_string_equal(f->name, files[i][1]);
		assert_int_equal(mc_detect_codelist(&in), 0);
		mc_map_release(&m);
	}
}

static void expect_eformat(mc_parse_fn fn, const char *name, const char *text, const char *where)
{
	th_rec rec;
	mc_sink s = th_rec_sink(&rec);
	mc_error err;
	assert_int_equal(th_parse_str(name, text, fn, &s, &err), MC_EFORMAT);
	if (!strstr(err.msg, where))
		fail_msg("message '%s' does not name '%s'", err.msg, where);
	th_rec_release(&rec);
}

static void bad_input(void **state)
{
	(void)state;
	/* A line off the layout after the data started. */
	expect_eformat(mc_parse_cpt_ama, "2026/LONGULT.txt",
		       "99213\tFixture text\n99214\tFixture text\n@@@ junk\n", "LONGULT.txt:3:");
	/* Truncated: the last line lost its descriptor. */
	expect_eformat(mc_parse_cpt_ama, "2026/LONGULT.txt",
		       "99213\tFixture text\n9921", "LONGULT.txt:2:");
	/* A continuation record out of sequence. */
	expect_eformat(mc_parse_cpt_ama, "2026/LONGULF.txt",
		       "9921301 Fixture text\n9921303 more\n", "LONGULF.txt:2:");
	/* Only copyright text. */
	expect_eformat(mc_parse_cpt_ama, "2026/SHORTU.txt", "Copyright notice only\n", "SHORTU.txt:1:");
	/* Consumer file: truncated row, bad code. */
	expect_eformat(mc_parse_cpt_consumer, "ConsumerDescriptor.txt",
		       "Concept Id\tCPT Code\tConsumer Friendly Descriptor\n1\t99213\tText\n2\t99214",
		       "ConsumerDescriptor.txt:3:");
	expect_eformat(mc_parse_cpt_consumer, "ConsumerDescriptor.txt",
		       "Concept Id\tCPT Code\tConsumer Friendly Descriptor\n1\t9921X\tText\n",
		       "ConsumerDescriptor.txt:2:");
}

static void allocation_failures(void **state)
{
	(void)state;
	const char *files[] = { "cpt/2026/LONGULF.txt", "cpt/2026/ConsumerDescriptor.txt" };
	mc_parse_fn fn[] = { mc_parse_cpt_ama, mc_parse_cpt_consumer };
	for (int i = 0; i < 2; i++) {
		char *buf;
		size_t len;
		mc_error err;
		assert_int_equal(mc_read_file(&buf, &len, th_fixture(files[i]), &err), 0);
		mc_input in = { files[i], (const unsigned char *)buf, len };
		for (long n = 1; n < 30; n++) {
			th_rec rec;
			mc_sink s = th_rec_sink(&rec);
			mc_alloc_fail_after(n);
			int rc = fn[i](&in, &s, &err);
			mc_alloc_fail_after(-1);
			assert_true(rc == 0 || rc == MC_ENOMEM);
			th_rec_release(&rec);
		}
		mc_free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(descriptor_files),
		cmocka_unit_test(modifiers),
		cmocka_unit_test(consumer_and_clinician),
		cmocka_unit_test(detect),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
