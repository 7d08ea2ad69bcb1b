/* Full import of $MEDCODE_DATA into a fresh store, timed, against a
 * same-run baseline: the same files parsed with a sink that only counts
 * (so the ratio is what the store costs on top of parsing).
 *   bench_import [DATA_DIR]   (default $MEDCODE_DATA) */
#include <dirent.h>
#include <sys/stat.h>

#include "bench_common.h"
#include "core/core.h"
#include "ingest/xlsx.h"
#include "medcode/ingest.h"

static size_t records;

static int count_code(const mc_rec_code *r, void *p) { (void)r; (void)p; records++; return 0; }
static int count_note(const mc_rec_note *r, void *p) { (void)r; (void)p; records++; return 0; }
static int count_7(const mc_rec_seventh *r, void *p) { (void)r; (void)p; records++; return 0; }
static int count_idx(const mc_rec_index *r, void *p) { (void)r; (void)p; records++; return 0; }
static int count_rvu(const mc_rec_rvu *r, void *p) { (void)r; (void)p; records++; return 0; }
static int count_mue(const mc_rec_mue *r, void *p) { (void)r; (void)p; records++; return 0; }
static int count_aoc(const mc_rec_aoc *r, void *p) { (void)r; (void)p; records++; return 0; }
static int count_ptp(const mc_rec_ptp *r, void *p) { (void)r; (void)p; records++; return 0; }

static void parse_tree(const char *path, size_t *files)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char sub[4096];
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			parse_tree(sub, files);
		}
		if (d)
			closedir(d);
		return;
	}
	mc_map m;
	mc_error err;
	if (mc_map_file(&m, path, &err) < 0)
		return;
	mc_input in = { path, m.data, m.len };
	const mc_format *f = mc_format_detect(&in);
	if (f) {
		mc_sink sink = { NULL, count_code, count_note, count_7, count_idx, count_rvu,
				 count_mue, count_aoc, count_ptp, NULL, NULL };
		if (f->parse(&in, &sink, &err) == 0)
			(*files)++;
	}
	mc_map_release(&m);
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : getenv("MEDCODE_DATA");
	if (!data) {
		fprintf(stderr, "usage: bench_import DATA_DIR (or set MEDCODE_DATA)\n");
		return 2;
	}
	bench_machine();
	size_t files = 0;
	double t0 = bench_now();
	parse_tree(data, &files);
	double parse_s = bench_now() - t0;
	printf("baseline: parse only          %zu files, %zu records, %.2f s\n", files, records, parse_s);

	char dir[] = "/tmp/mc_bench_import_XXXXXX";
	if (!mkdtemp(dir))
		return 2;
	char db[128];
	snprintf(db, sizeof(db), "%s/import.db", dir);
	mc_store *s;
	mc_error err;
	if (mc_store_open(&s, db, MC_STORE_WRITE, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	const char *paths[] = { data };
	mc_import_summary sum;
	t0 = bench_now();
	int rc = mc_import_paths(s, paths, 1, NULL, &sum, &err);
	double import_s = bench_now() - t0;
	mc_store_free(s);
	if (rc < 0) {
		fprintf(stderr, "import: %s\n", err.msg);
		return 2;
	}
	struct stat st;
	stat(db, &st);
	printf("full import into a new store  %zu files, %zu records, %.2f s (%.0f records/s), store %.1f MB\n",
	       sum.files, sum.records, import_s, (double)sum.records / import_s, (double)st.st_size / 1e6);
	printf("  ratio import / parse-only: %.1fx\n", import_s / parse_s);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
