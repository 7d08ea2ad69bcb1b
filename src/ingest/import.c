/* Importer: walk paths, open zip archives, detect formats, group files by
 * release and load each group into the store in one transaction. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core.h"
#include "ingest/builtin.h"
#include "ingest/xlsx.h"
#include "ingest/zip.h"
#include "medcode/drugs.h"
#include "medcode/import.h"
#include "medcode/store_names.h"

enum { KEY_MAX = 96, MAX_RELEASES_PER_GROUP = 32, PROGRESS_EVERY = 20000 };

/* One importable input: a plain file or a member of a zip archive. */
typedef struct cand {
	char *display;      /* "path" or "path:member" */
	char *fs_path;      /* file on disk */
	char *member;       /* zip member, or NULL */
	bool explicit_arg;  /* named on the command line */
	const mc_format *fmt;
	char stream[KEY_MAX], label[KEY_MAX];
	char sha256[65];
	size_t bytes;
	int group;          /* index of its release group */
} cand;

typedef struct cand_list {
	cand *v;
	size_t n, cap;
} cand_list;

/* The bytes of a candidate, however they are held. */
typedef struct cand_data {
	mc_map map;
	unsigned char *owned;
	mc_input in;
} cand_data;

static void cand_data_release(cand_data *d)
{
	mc_map_release(&d->map);
	mc_free(d->owned);
	memset(d, 0, sizeof(*d));
}

static int cand_open(const cand *c, cand_data *d, mc_error *err)
{
	memset(d, 0, sizeof(*d));
	int rc = mc_map_file(&d->map, c->fs_path, err);
	if (rc < 0)
		return rc;
	if (!c->member) {
		d->in = (mc_input){ c->display, d->map.data, d->map.len };
		return 0;
	}
	mc_zip *z = NULL;
	size_t len = 0;
	rc = mc_zip_open(&z, d->map.data, d->map.len, c->fs_path, err);
	if (rc == 0)
		rc = mc_zip_read_name(z, c->member, &d->owned, &len, err);
	mc_zip_free(z);
	mc_map_release(&d->map);
	if (rc < 0)
		return rc;
	d->in = (mc_input){ c->display, d->owned, len };
	return 0;
}

static int cand_push(cand_list *l, const char *display, const char *fs_path,
		     const char *member, bool explicit_arg)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		cand *v = mc_realloc(l->v, cap * sizeof(*v));
		if (!v)
			return MC_ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	cand *c = &l->v[l->n];
	memset(c, 0, sizeof(*c));
	c->display = mc_strdup(display);
	c->fs_path = mc_strdup(fs_path);
	c->member = member ? mc_strdup(member) : NULL;
	if (!c->display || !c->fs_path || (member && !c->member)) {
		mc_free(c->display);
		mc_free(c->fs_path);
		mc_free(c->member);
		return MC_ENOMEM;
	}
	c->explicit_arg = explicit_arg;
	l->n++;
	return 0;
}

static void cand_list_release(cand_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		mc_free(l->v[i].display);
		mc_free(l->v[i].fs_path);
		mc_free(l->v[i].member);
	}
	mc_free(l->v);
	memset(l, 0, sizeof(*l));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file: a zip archive that is not a workbook expands to its members. */
static int add_file(cand_list *l, const char *path, bool explicit_arg, mc_error *err)
{
	mc_map m;
	int rc = mc_map_file(&m, path, err);
	if (rc < 0)
		return rc;
	mc_input in = { path, m.data, m.len };
	if (!mc_zip_sniff(m.data, m.len) || mc_xlsx_sniff(&in)) {
		mc_map_release(&m);
		return cand_push(l, path, path, NULL, explicit_arg) < 0
			       ? mc_error_set(err, MC_ENOMEM, "out of memory listing files") : 0;
	}
	mc_zip *z = NULL;
	rc = mc_zip_open(&z, m.data, m.len, path, err);
	if (rc < 0) {
		mc_map_release(&m);
		return rc;
	}
	size_t n = mc_zip_count(z);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *name = mc_zip_name(z, i);
		if (!name || mc_zip_is_dir(z, i))
			continue;
		const char *base = strrchr(name, '/');
		base = base ? base + 1 : name;
		if (*base == '.' || strncmp(name, "__MACOSX", 8) == 0)
			continue;
		mc_buf disp = MC_BUF_INIT;
		if (mc_buf_printf(&disp, "%s:%s", path, name) < 0 ||
		    cand_push(l, disp.ptr, path, name, explicit_arg) < 0)
			rc = mc_error_set(err, MC_ENOMEM, "out of memory listing files");
		mc_buf_release(&disp);
	}
	mc_zip_free(z);
	mc_map_release(&m);
	return rc;
}

static int walk(cand_list *l, const char *path, bool explicit_arg, int depth, mc_error *err)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return mc_error_set(err, MC_EIO, "cannot read '%s': no such file or directory", path);
	if (!S_ISDIR(st.st_mode))
		return add_file(l, path, explicit_arg, err);
	if (depth > 16)
		return mc_error_set(err, MC_EIO, "'%s': directories nested too deep", path);
	DIR *d = opendir(path);
	if (!d)
		return mc_error_set(err, MC_EIO, "cannot open directory '%s'", path);
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nn = mc_realloc(names, cap * sizeof(*nn));
			if (!nn) {
				rc = mc_error_set(err, MC_ENOMEM, "out of memory listing '%s'", path);
				break;
			}
			names = nn;
		}
		mc_buf p = MC_BUF_INIT;
		if (mc_buf_printf(&p, "%s/%s", path, e->d_name) < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "out of memory listing '%s'", path);
			break;
		}
		names[n++] = mc_buf_detach(&p);
	}
	closedir(d);
	if (rc == 0)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = walk(l, names[i], false, depth + 1, err);
	for (size_t i = 0; i < n; i++)
		mc_free(names[i]);
	mc_free(names);
	return rc;
}

/* ---- probing: which release does a file belong to? ------------------- */

typedef struct probe {
	char stream[KEY_MAX], label[KEY_MAX];
	bool got;
} probe;

static int probe_release(const mc_rec_release *r, void *payload)
{
	probe *p = payload;
	snprintf(p->stream, sizeof(p->stream), "%s", r->stream ? r->stream : "");
	snprintf(p->label, sizeof(p->label), "%s", r->label ? r->label : "");
	p->got = true;
	return MC_ESTOP;
}

/* ---- the store sink ---------------------------------------------------- */

typedef struct imp_release {
	char stream[KEY_MAX], label[KEY_MAX];
	int64_t id;
	bool in_file;       /* announced by the current file */
} imp_release;

typedef struct imp_ctx {
	mc_store *s;
	mc_error cb_err;    /* error raised inside a callback */
	imp_release rel[MAX_RELEASES_PER_GROUP];
	size_t nrel;
	int64_t cur_sys[MC_SYS_COUNT_];
	int64_t cur_rvu, cur_mue, cur_aoc, cur_ptp, cur_asp, cur_names;
	size_t records;
	const mc_import_opts *opts;
	const char *file, *format;
} imp_ctx;

static void emit(const imp_ctx *x, mc_import_phase ph, const char *label)
{
	if (!x->opts || !x->opts->progress)
		return;
	mc_import_event ev = { ph, x->file, x->format, label, x->records };
	x->opts->progress(&ev, x->opts->payload);
}

static int imp_count(imp_ctx *x)
{
	x->records++;
	if (x->records % PROGRESS_EVERY == 0)
		emit(x, MC_IMPORT_RECORDS, NULL);
	return 0;
}

static int imp_release_cb(const mc_rec_release *r, void *payload)
{
	imp_ctx *x = payload;
	if (!r->stream || !*r->stream || !r->label || !*r->label)
		return mc_error_set(&x->cb_err, MC_EFORMAT, "%s: release without stream or label", x->file);
	if (r->effective_from && *r->effective_from && !mc_date_valid(r->effective_from))
		return mc_error_set(&x->cb_err, MC_EFORMAT, "%s: bad effective date '%s'", x->file,
				    r->effective_from);
	imp_release *ir = NULL;
	for (size_t i = 0; i < x->nrel; i++)
		if (strcmp(x->rel[i].stream, r->stream) == 0 && strcmp(x->rel[i].label, r->label) == 0)
			ir = &x->rel[i];
	if (!ir) {
		if (x->nrel == MAX_RELEASES_PER_GROUP)
			return mc_error_set(&x->cb_err, MC_EFORMAT, "%s: too many releases", x->file);
		ir = &x->rel[x->nrel];
		memset(ir, 0, sizeof(*ir));
		snprintf(ir->stream, sizeof(ir->stream), "%s", r->stream);
		snprintf(ir->label, sizeof(ir->label), "%s", r->label);
		int rc = mc_store_release_reset(x->s, r, &ir->id, &x->cb_err);
		if (rc < 0)
			return rc;
		x->nrel++;
	}
	ir->in_file = true;
	if (r->system > MC_SYS_NONE && r->system < MC_SYS_COUNT_)
		x->cur_sys[r->system] = ir->id;
	if (strcmp(r->stream, "rvu") == 0)
		x->cur_rvu = ir->id;
	else if (strcmp(r->stream, "mue") == 0)
		x->cur_mue = ir->id;
	else if (strcmp(r->stream, "aoc") == 0)
		x->cur_aoc = ir->id;
	else if (strcmp(r->stream, "ptp") == 0)
		x->cur_ptp = ir->id;
	else if (strncmp(r->stream, "names-", 6) == 0)
		x->cur_names = ir->id;
	else if (strcmp(r->stream, "asp-ndc") == 0)
		x->cur_asp = ir->id;
	return 0;
}

static int no_release(imp_ctx *x, const char *what)
{
	return mc_error_set(&x->cb_err, MC_EFORMAT, "%s: %s record before any release", x->file, what);
}

static int imp_code(const mc_rec_code *c, void *payload)
{
	imp_ctx *x = payload;
	int64_t rel = c->system > MC_SYS_NONE && c->system < MC_SYS_COUNT_ ? x->cur_sys[c->system] : 0;
	if (!rel)
		return no_release(x, "code");
	int rc;
	const char *kinds = c->system == MC_SYS_MODIFIER ? mc_modifier_kinds(c->code) : NULL;
	bool has_kinds = false;
	for (size_t i = 0; i < c->nattrs; i++)
		if (c->attrs[i].key && strcmp(c->attrs[i].key, "kinds") == 0)
			has_kinds = true;
	if (kinds && !has_kinds) {
		/* Attach medcode's reviewed kinds to a modifier from any source. */
		mc_attr *a = mc_calloc(c->nattrs + 1, sizeof(*a));
		if (!a)
			return mc_error_set(&x->cb_err, MC_ENOMEM, "out of memory importing '%s'", x->file);
		if (c->nattrs)
			memcpy(a, c->attrs, c->nattrs * sizeof(*a));
		a[c->nattrs] = (mc_attr){ "kinds", kinds };
		mc_rec_code copy = *c;
		copy.attrs = a;
		copy.nattrs = c->nattrs + 1;
		rc = mc_store_put_code(x->s, rel, &copy, &x->cb_err);
		mc_free(a);
	} else {
		rc = mc_store_put_code(x->s, rel, c, &x->cb_err);
	}
	return rc < 0 ? rc : imp_count(x);
}

static int imp_note(const mc_rec_note *n, void *payload)
{
	imp_ctx *x = payload;
	int64_t rel = n->system > MC_SYS_NONE && n->system < MC_SYS_COUNT_ ? x->cur_sys[n->system]
									  : x->cur_sys[MC_SYS_ICD10CM];
	if (!rel)
		return no_release(x, "note");
	int rc = mc_store_put_note(x->s, rel, n, &x->cb_err);
	return rc < 0 ? rc : imp_count(x);
}

/* A sink callback that writes one kind of record to the release of the
 * current file that holds that kind (rel, an expression of x). */
#define IMP_PUT(fn, rec_t, rel, what, put)                              \
	static int fn(const rec_t *r, void *payload)                    \
	{                                                               \
		imp_ctx *x = payload;                                   \
		if (!(rel))                                             \
			return no_release(x, what);                     \
		int rc = put(x->s, (rel), r, &x->cb_err);               \
		return rc < 0 ? rc : imp_count(x);                      \
	}

IMP_PUT(imp_seventh, mc_rec_seventh, x->cur_sys[MC_SYS_ICD10CM], "7th character", mc_store_put_seventh)
IMP_PUT(imp_index, mc_rec_index, x->cur_sys[MC_SYS_ICD10CM], "index", mc_store_put_index)
IMP_PUT(imp_rvu, mc_rec_rvu, x->cur_rvu, "rvu", mc_store_put_rvu)
IMP_PUT(imp_mue, mc_rec_mue, x->cur_mue, "mue", mc_store_put_mue)
IMP_PUT(imp_aoc, mc_rec_aoc, x->cur_aoc, "add-on code", mc_store_put_aoc)
IMP_PUT(imp_ptp, mc_rec_ptp, x->cur_ptp, "ptp", mc_store_put_ptp)
IMP_PUT(imp_name, mc_rec_name, x->cur_names, "name", mc_store_put_name)
IMP_PUT(imp_drug, mc_rec_drug, x->cur_asp, "drug", mc_store_put_drug)

/* The name a release records for a file: no directories, so stores are
 * portable and leak no local paths; "archive.zip:member" for members. */
static const char *source_name(const char *display)
{
	const char *zip = strstr(display, ".zip:");
	const char *end = zip ? zip : display + strlen(display);
	const char *base = display;
	for (const char *p = display; p < end; p++)
		if (*p == '/')
			base = p + 1;
	return base;
}

/* Run one parser (or the builtin list when fmt is NULL) into the store. */
static int import_input(imp_ctx *x, const mc_format *fmt, const mc_input *in,
			const char *sha256, size_t bytes, mc_error *err)
{
	mc_sink sink = { imp_release_cb, imp_code, imp_note, imp_seventh, imp_index,
			 imp_rvu, imp_mue, imp_aoc, imp_ptp, x, imp_drug, imp_name };
	for (size_t i = 0; i < x->nrel; i++)
		x->rel[i].in_file = false;
	memset(x->cur_sys, 0, sizeof(x->cur_sys));
	x->cur_rvu = x->cur_mue = x->cur_aoc = x->cur_ptp = x->cur_asp = x->cur_names = 0;
	mc_error_clear(&x->cb_err);
	x->records = 0;
	emit(x, MC_IMPORT_FILE_START, NULL);
	int rc = fmt ? fmt->parse(in, &sink, err) : mc_builtin_modifiers_parse(&sink, err);
	if (x->cb_err.code < 0) {
		/* A callback failed: its message is the one that matters. */
		*err = x->cb_err;
		rc = x->cb_err.code;
	}
	if (rc < 0)
		return rc;
	bool any = false;
	for (size_t i = 0; i < x->nrel; i++) {
		if (!x->rel[i].in_file)
			continue;
		any = true;
		rc = mc_store_release_add_file(x->s, x->rel[i].id, source_name(in->name), sha256, bytes,
					       fmt ? fmt->name : "medcode-modifiers", err);
		if (rc < 0)
			return rc;
	}
	if (!any)
		return mc_error_set(err, MC_EFORMAT, "%s: no records found", in->name);
	emit(x, MC_IMPORT_FILE_DONE, NULL);
	return 0;
}

static int finish_group(imp_ctx *x, mc_error *err)
{
	for (size_t i = 0; i < x->nrel; i++) {
		int rc = mc_store_finish_release(x->s, x->rel[i].id, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Import the reviewed Level I modifier list unless it is current. */
static int import_builtin(mc_store *s, const mc_import_opts *opts, mc_import_summary *sum,
			  mc_error *err)
{
	char sha[65];
	mc_builtin_modifiers_sha256(sha);
	if (!(opts && opts->force) &&
	    mc_store_release_has_file(s, "modifier-l1", MC_BUILTIN_MODIFIER_LABEL, sha))
		return 0;
	imp_ctx *x = mc_calloc(1, sizeof(*x));
	if (!x)
		return mc_error_set(err, MC_ENOMEM, "out of memory importing modifiers");
	x->s = s;
	x->opts = opts;
	x->file = "(built-in) modifiers.tsv";
	x->format = "medcode-modifiers";
	mc_input in = { x->file, NULL, 0 };
	int rc = mc_store_begin(s, err);
	if (rc == 0)
		rc = import_input(x, NULL, &in, sha, mc_builtin_modifiers_bytes(), err);
	if (rc == 0)
		rc = finish_group(x, err);
	if (rc == 0)
		rc = mc_store_commit(s, err);
	if (rc < 0)
		mc_store_rollback(s);
	else if (sum)
		sum->records += x->records;
	mc_free(x);
	return rc;
}

/* The release groups of a run: one key ("stream label") per group. */
typedef char group_key[2 * KEY_MAX + 2];

/* Detect the format of candidate c and probe the release it holds: on
 * success c->fmt, stream, label, sha256 and bytes are set; c->fmt stays
 * NULL for a file no parser claims (an error when it was named). */
static int probe_file(cand *c, mc_error *err)
{
	cand_data d;
	int rc = cand_open(c, &d, err);
	if (rc < 0)
		return rc;
	c->fmt = mc_format_detect(&d.in);
	c->group = -1;
	if (!c->fmt) {
		cand_data_release(&d);
		return c->explicit_arg ? mc_error_set(err, MC_EFORMAT,
			"%s: not a known official file format (see 'medcode import --help')", c->display) : 0;
	}
	probe p = { 0 };
	mc_sink ps = { .release = probe_release, .payload = &p };
	rc = c->fmt->parse(&d.in, &ps, err);
	if (rc < 0 && rc != MC_ESTOP) {
		cand_data_release(&d);
		return rc;
	}
	if (!p.got) {
		cand_data_release(&d);
		return mc_error_set(err, MC_EFORMAT, "%s: no records found", c->display);
	}
	mc_error_clear(err);
	snprintf(c->stream, sizeof(c->stream), "%s", p.stream);
	snprintf(c->label, sizeof(c->label), "%s", p.label);
	mc_sha256_hex(d.in.data, d.in.len, c->sha256);
	c->bytes = d.in.len;
	cand_data_release(&d);
	return 0;
}

/* Probe every candidate and give each its release group; keys[g] names
 * group g (keys holds room for one group per file). */
static int group_files(cand_list *l, group_key *keys, size_t *ngroups, const mc_import_opts *opts,
		       mc_import_summary *sum, mc_error *err)
{
	*ngroups = 0;
	for (size_t i = 0; i < l->n; i++) {
		cand *c = &l->v[i];
		int rc = probe_file(c, err);
		if (rc < 0)
			return rc;
		if (!c->fmt) {
			sum->skipped_files++;
			if (opts && opts->progress) {
				mc_import_event ev = { MC_IMPORT_FILE_SKIPPED, c->display, NULL, NULL, 0 };
				opts->progress(&ev, opts->payload);
			}
			continue;
		}
		group_key key;
		snprintf(key, sizeof(key), "%s %s", c->stream, c->label);
		for (size_t g = 0; g < *ngroups; g++)
			if (strcmp(keys[g], key) == 0)
				c->group = (int)g;
		if (c->group < 0) {
			memcpy(keys[*ngroups], key, sizeof(key));
			c->group = (int)(*ngroups)++;
		}
	}
	return 0;
}

/* Import release group g in one transaction, unless every file of it was
 * imported before (and opts does not force it). */
static int import_group(imp_ctx *x, const cand_list *l, int g, const char *key,
			mc_import_summary *sum, mc_error *err)
{
	mc_store *s = x->s;
	const mc_import_opts *opts = x->opts;
	bool fresh = opts && opts->force;
	for (size_t i = 0; i < l->n && !fresh; i++)
		if (l->v[i].group == g &&
		    !mc_store_release_has_file(s, l->v[i].stream, l->v[i].label, l->v[i].sha256))
			fresh = true;
	if (!fresh) {
		sum->skipped_groups++;
		emit(x, MC_IMPORT_GROUP_SKIPPED, key);
		return 0;
	}
	emit(x, MC_IMPORT_GROUP_START, key);
	int rc = mc_store_begin(s, err);
	if (rc < 0)
		return rc;
	size_t files = 0, records = 0;
	for (size_t i = 0; i < l->n && rc == 0; i++) {
		const cand *c = &l->v[i];
		if (c->group != g)
			continue;
		cand_data d;
		if ((rc = cand_open(c, &d, err)) < 0)
			break;
		x->file = c->display;
		x->format = c->fmt->name;
		rc = import_input(x, c->fmt, &d.in, c->sha256, c->bytes, err);
		cand_data_release(&d);
		files++;
		records += x->records;
	}
	x->file = NULL;
	if (rc == 0)
		rc = finish_group(x, err);
	if (rc == 0)
		rc = mc_store_commit(s, err);
	if (rc < 0) {
		mc_store_rollback(s);
		return rc;
	}
	sum->groups++;
	sum->files += files;
	sum->records += records;
	x->records = records;
	emit(x, MC_IMPORT_GROUP_DONE, key);
	return 0;
}

int mc_import_paths(mc_store *s, const char *const *paths, size_t npaths,
		    const mc_import_opts *opts, mc_import_summary *summary, mc_error *err)
{
	mc_import_summary sum = { 0 };
	cand_list l = { 0 };
	group_key *keys = NULL;
	imp_ctx *x = NULL;
	size_t ngroups = 0;
	int rc = 0;
	for (size_t i = 0; i < npaths && rc == 0; i++)
		rc = walk(&l, paths[i], true, 0, err);
	if (rc < 0)
		goto done;
	keys = mc_calloc(l.n ? l.n : 1, sizeof(*keys));
	x = mc_calloc(1, sizeof(*x));
	if (!keys || !x) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory importing");
		goto done;
	}
	if ((rc = group_files(&l, keys, &ngroups, opts, &sum, err)) < 0)
		goto done;
	for (size_t g = 0; g < ngroups && rc == 0; g++) {
		memset(x, 0, sizeof(*x));
		x->s = s;
		x->opts = opts;
		rc = import_group(x, &l, (int)g, keys[g], &sum, err);
	}
	if (rc == 0)
		rc = import_builtin(s, opts, &sum, err);
done:
	mc_free(keys);
	mc_free(x);
	cand_list_release(&l);
	if (summary)
		*summary = sum;
	return rc;
}
