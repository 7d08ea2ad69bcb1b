/* The redactor's outside lists: the name-frequency lists (from the code
 * store, where `medcode import` loads the official Census and SSA files,
 * or straight from a folder of those files) and the store's clinical
 * vocabulary; and the check that everything detection needs is there
 * (a redactor without its lists would quietly redact less). */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "phi/phi_int.h"
#include "medcode/ingest.h"

/* A name list's count, on one scale: a name counted 2,000 times or more is
 * a common one (D_NAME_COMMON).  The Census 1990 lists give thousandths of
 * a percent of their sample, read as a hundredth of that scale. */
static long long weight_of(const mc_name_entry *e)
{
	return strcmp(e->list, "names-census1990") == 0 ? e->count * 100 : e->count;
}

int mc_phi_add_name(mc_phi *p, const mc_name_entry *e, mc_error *err)
{
	if (!p || !e || !e->name || (e->kind != MC_NAME_FIRST && e->kind != MC_NAME_LAST))
		return mc_error_set(err, MC_EINVAL, "no redactor or no name to add");
	size_t n = strlen(e->name);
	for (size_t i = 0; i < n; i++)
		if (!((e->name[i] | 0x20) >= 'a' && (e->name[i] | 0x20) <= 'z'))
			return 0; /* the dictionary holds ASCII letters only */
	long long w = weight_of(e);
	uint32_t freq = w < 0 ? 0 : w > UINT32_MAX ? UINT32_MAX : (uint32_t)w;
	if (phi_dict_add(&p->dict, e->name, n, e->kind == MC_NAME_FIRST ? D_FIRST : D_LAST, freq) < 0)
		return mc_error_set(err, MC_ENOMEM, "out of memory adding names");
	p->nnames++;
	return 0;
}

static int add_entry(const mc_name_entry *e, void *payload)
{
	return mc_phi_add_name(payload, e, NULL);
}

static int add_text(const char *text, size_t len, void *payload)
{
	return mc_phi_add_vocabulary(payload, text, len, NULL);
}

int mc_phi_load_store(mc_phi *p, mc_store *st, mc_error *err)
{
	if (!p || !st)
		return mc_error_set(err, MC_EINVAL, "no redactor or no store");
	int rc = mc_store_names(st, add_entry, p, err);
	if (rc == MC_ENOTFOUND)
		return mc_error_set(err, MC_ENOTFOUND, "the store '%s' has no name lists: import the official "
				    "name files (Census and SSA, the names/ folder of the data) with 'medcode import'",
				    mc_store_path(st));
	if (rc == MC_ENOMEM)
		return mc_error_set(err, MC_ENOMEM, "out of memory adding names");
	if (rc < 0)
		return rc;
	rc = mc_store_vocabulary(st, add_text, p, err);
	if (rc == MC_ENOMEM)
		return mc_error_set(err, MC_ENOMEM, "out of memory adding the store's vocabulary");
	return rc;
}

/* ---- name lists straight from their files -------------------------------- */

typedef struct dir_load {
	mc_phi *p;
	char list[32];           /* the stream of the release being read */
} dir_load;

static int on_release(const mc_rec_release *r, void *payload)
{
	dir_load *x = payload;
	snprintf(x->list, sizeof(x->list), "%s", r->stream ? r->stream : "");
	return 0;
}

static int on_name(const mc_rec_name *r, void *payload)
{
	dir_load *x = payload;
	mc_name_entry e = { x->list, r->name, r->kind, r->count };
	return mc_phi_add_name(x->p, &e, NULL);
}

static bool is_name_format(const mc_format *f)
{
	return f && strncmp(f->name, "names_", 6) == 0;
}

/* Every name-list file in dir and its folders (two levels). */
static int load_dir(dir_load *x, const char *dir, int depth, size_t *files, mc_error *err)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return depth == 0 ? mc_error_set(err, MC_EIO, "cannot read the name lists folder '%s'", dir) : 0;
	int rc = 0;
	struct dirent *de;
	mc_buf path = MC_BUF_INIT;
	while (rc == 0 && (de = readdir(dh)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		mc_buf_clear(&path);
		if (mc_buf_printf(&path, "%s/%s", dir, de->d_name) < 0) {
			rc = mc_error_set(err, MC_ENOMEM, "out of memory reading name lists");
			break;
		}
		struct stat sb;
		if (stat(path.ptr, &sb) < 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			if (depth < 2)
				rc = load_dir(x, path.ptr, depth + 1, files, err);
			continue;
		}
		mc_map m;
		if (!S_ISREG(sb.st_mode) || mc_map_file(&m, path.ptr, NULL) < 0)
			continue;
		mc_input in = { path.ptr, m.data, m.len };
		const mc_format *f = mc_format_detect(&in);
		if (is_name_format(f)) {
			mc_sink sink = { .release = on_release, .name = on_name, .payload = x };
			x->list[0] = '\0';
			rc = f->parse(&in, &sink, err);
			(*files)++;
		}
		mc_map_release(&m);
	}
	mc_buf_release(&path);
	closedir(dh);
	return rc;
}

int phi_load_name_dir(mc_phi *p, const char *dir, mc_error *err)
{
	dir_load x = { p, "" };
	size_t files = 0;
	int rc = load_dir(&x, dir, 0, &files, err);
	if (rc == 0 && files == 0)
		rc = mc_error_set(err, MC_ENOTFOUND, "no name lists in '%s' (Census dist.*.last/first, "
				  "last-name.csv, SSA yobYYYY.txt)", dir);
	return rc;
}

int mc_phi_check(const mc_phi *p, mc_error *err)
{
	if (!p)
		return mc_error_set(err, MC_EINVAL, "no redactor");
	if (p->nnames == 0)
		return mc_error_set(err, MC_ENOTFOUND, "no name lists loaded: without them names are found by "
				    "context alone, and many would leak");
	if (p->nwords == 0)
		return mc_error_set(err, MC_ENOTFOUND, "no English word list loaded (Debian package wamerican: "
				    "/usr/share/dict/american-english)");
	if (p->nclinical == 0)
		return mc_error_set(err, MC_ENOTFOUND, "no medical dictionary loaded (Debian package hunspell-en-med: "
				    "/usr/share/hunspell/en_med_glut.dic)");
	return 0;
}
