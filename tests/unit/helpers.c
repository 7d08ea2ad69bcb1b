#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"
#include "medcode/import.h"
#include "medcode/search.h"
#include "medcode/store.h"

const char *th_data(const char *rel)
{
	static char path[4096];
	const char *dir = getenv("MEDCODE_DATA");
	if (!dir || !*dir)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return access(path, R_OK) == 0 ? path : NULL;
}

const char *th_fixture(const char *rel)
{
	static char path[4096];
	const char *src = getenv("MC_SOURCE_DIR");
	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", src ? src : ".", rel);
	return path;
}

static char fixture_tmp[64];   /* th_fixture_as's directory, "" until made */

static void fixture_tmp_remove(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fixture_tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", fixture_tmp);
	fixture_tmp[0] = '\0';
}

const char *th_fixture_as(const char *rel, const char *name)
{
	static char path[4096];
	mc_error err;
	char *data;
	size_t len;

	if (!fixture_tmp[0]) {
		snprintf(fixture_tmp, sizeof(fixture_tmp), "/tmp/mc_fixture_XXXXXX");
		if (!mkdtemp(fixture_tmp)) {
			fixture_tmp[0] = '\0';
			fail_msg("mkdtemp failed");
		}
		atexit(fixture_tmp_remove);
	}
	assert_null(strstr(name, ".."));
	assert_int_equal(mc_read_file(&data, &len, th_fixture(rel), &err), 0);
	snprintf(path, sizeof(path), "%s/%s", fixture_tmp, name);
	for (char *p = path + strlen(fixture_tmp) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0700) != 0)
			assert_int_equal(access(path, W_OK), 0);
		*p = '/';
	}
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(data, 1, len, out), len);
	assert_int_equal(fclose(out), 0);
	mc_free(data);
	return path;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int on_release(const mc_rec_release *r, void *p)
{
	th_rec *rec = p;
	rec->releases++;
	snprintf(rec->release_stream, sizeof(rec->release_stream), "%s", r->stream);
	snprintf(rec->release_label, sizeof(rec->release_label), "%s", r->label);
	snprintf(rec->release_from, sizeof(rec->release_from), "%s", r->effective_from);
	return 0;
}

static int on_code(const mc_rec_code *c, void *p)
{
	th_rec *rec = p;
	if (rec->codes == rec->code_cap) {
		rec->code_cap = rec->code_cap ? rec->code_cap * 2 : 1024;
		rec->code = realloc(rec->code, rec->code_cap * sizeof(*rec->code));
		assert_non_null(rec->code);
	}
	th_code *t = &rec->code[rec->codes++];
	t->code = strdup(c->code);
	t->title_short = dup_or_null(c->title_short);
	t->title_long = dup_or_null(c->title_long);
	t->parent = dup_or_null(c->parent);
	t->kind = dup_or_null(c->kind);
	t->status = dup_or_null(c->status);
	t->billable = c->billable;
	t->system = c->system;
	return 0;
}

static int on_note(const mc_rec_note *n, void *p)
{
	th_rec *rec = p;
	rec->notes++;
	if ((int)n->kind >= 0 && (int)n->kind < 16)
		rec->note_kinds[n->kind]++;
	return 0;
}

static int on_seventh(const mc_rec_seventh *s, void *p) { (void)s; ((th_rec *)p)->sevenths++; return 0; }
static int on_index(const mc_rec_index *x, void *p)
{
	th_rec *rec = p;
	rec->index++;
	if ((int)x->kind >= 0 && (int)x->kind < 8)
		rec->index_kinds[x->kind]++;
	return 0;
}
static int on_rvu(const mc_rec_rvu *r, void *p) { (void)r; ((th_rec *)p)->rvu++; return 0; }
static int on_mue(const mc_rec_mue *r, void *p) { (void)r; ((th_rec *)p)->mue++; return 0; }
static int on_aoc(const mc_rec_aoc *r, void *p) { (void)r; ((th_rec *)p)->aoc++; return 0; }
static int on_ptp(const mc_rec_ptp *r, void *p) { (void)r; ((th_rec *)p)->ptp++; return 0; }

mc_sink th_rec_sink(th_rec *rec)
{
	memset(rec, 0, sizeof(*rec));
	mc_sink s = { on_release, on_code, on_note, on_seventh, on_index,
		      on_rvu, on_mue, on_aoc, on_ptp, rec, NULL };
	return s;
}

void th_rec_release(th_rec *rec)
{
	for (size_t i = 0; i < rec->codes; i++) {
		th_code *t = &rec->code[i];
		free(t->code); free(t->title_short); free(t->title_long);
		free(t->parent); free(t->kind); free(t->status);
	}
	free(rec->code);
	memset(rec, 0, sizeof(*rec));
}

const th_code *th_rec_find(const th_rec *rec, const char *code)
{
	for (size_t i = rec->codes; i-- > 0;)
		if (strcmp(rec->code[i].code, code) == 0)
			return &rec->code[i];
	return NULL;
}

int th_parse_file(const char *path, mc_parse_fn parse, const mc_sink *sink, mc_error *err)
{
	mc_map m;
	int rc = mc_map_file(&m, path, err);
	if (rc < 0)
		return rc;
	mc_input in = { path, m.data, m.len };
	rc = parse(&in, sink, err);
	mc_map_release(&m);
	return rc;
}

int th_parse_str(const char *name, const char *text, mc_parse_fn parse,
		 const mc_sink *sink, mc_error *err)
{
	mc_input in = { name, (const unsigned char *)text, strlen(text) };
	return parse(&in, sink, err);
}

int th_store_real(th_store *t)
{
	memset(t, 0, sizeof(*t));
	const char *data = getenv("MEDCODE_DATA");
	if (!data || !*data)
		return 1;
	if (access(data, R_OK) != 0) {
		fprintf(stderr, "MEDCODE_DATA '%s' is not readable\n", data);
		return -1;
	}
	snprintf(t->dir, sizeof(t->dir), "/tmp/mc_test_XXXXXX");
	if (!mkdtemp(t->dir)) {
		t->dir[0] = '\0';
		return -1;
	}
	snprintf(t->db, sizeof(t->db), "%s/real.db", t->dir);
	mc_error err;
	const char *paths[] = { data };
	if (mc_store_open(&t->s, t->db, MC_STORE_WRITE, &err) < 0 ||
	    mc_import_paths(t->s, paths, 1, NULL, NULL, &err) < 0 || mc_search_build(t->s, &err) < 0) {
		fprintf(stderr, "import of %s failed: %s\n", data, err.msg);
		th_store_remove(t);
		return -1;
	}
	return 0;
}

int th_store_remove(th_store *t)
{
	mc_store_free(t->s);
	t->s = NULL;
	if (!t->dir[0])
		return 0;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	t->dir[0] = '\0';
	return system(cmd) == 0 ? 0 : -1;
}
