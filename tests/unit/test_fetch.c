/* medcode data fetch against a real HTTP server on 127.0.0.1 (libmicrohttpd,
 * started here on port 0).  Every URL is rewritten onto that server with
 * the base-URL override; nothing else is contacted.  Fixtures are written
 * at run time into a temporary directory; the official copies come from
 * $MEDCODE_DATA (tests that need them skip without it). */
#include "helpers.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "core/core.h"
#include "medcode/fetch.h"

/* sha256 values from shared/data/MANIFEST.md */
#define NUCC_SHA "f824bb50c01b721be2277eeef222b0aeb5839de07a82b25ef292df1753695a0f"
#define HCPCS_SHA "6fcd04186caa69af047915d16426a05ba20e49c3eba2367f472a94b534f9be52"
#define ZERO_SHA "0000000000000000000000000000000000000000000000000000000000000000"

/* ---- the loopback server ------------------------------------------------- */

enum { MAX_ROUTES = 16 };

typedef struct route {
	char path[256];
	char file[1024];       /* serve this file, or ... */
	char *body;            /* ... this body (malloc'd) */
	size_t len;
	char location[256];    /* a 302 to here */
} route;

static struct {
	struct MHD_Daemon *d;
	unsigned short port;
	char base[64];
	char tmp[256];
	pthread_mutex_t mu;
	route routes[MAX_ROUTES];
	size_t nroutes;
	unsigned requests;
} srv = { .mu = PTHREAD_MUTEX_INITIALIZER };

static void routes_clear(void)
{
	pthread_mutex_lock(&srv.mu);
	for (size_t i = 0; i < srv.nroutes; i++)
		free(srv.routes[i].body);
	memset(srv.routes, 0, sizeof(srv.routes));
	srv.nroutes = 0;
	pthread_mutex_unlock(&srv.mu);
}

static route *route_add(const char *path)
{
	pthread_mutex_lock(&srv.mu);
	route *r = NULL;
	for (size_t i = 0; i < srv.nroutes; i++)
		if (strcmp(srv.routes[i].path, path) == 0)
			r = &srv.routes[i];
	if (!r) {
		assert_true(srv.nroutes < MAX_ROUTES);
		r = &srv.routes[srv.nroutes++];
	}
	free(r->body);
	memset(r, 0, sizeof(*r));
	snprintf(r->path, sizeof(r->path), "%s", path);
	pthread_mutex_unlock(&srv.mu);
	return r;
}

static void serve_body(const char *path, const char *body)
{
	route *r = route_add(path);
	r->len = strlen(body);
	r->body = strdup(body);
	assert_non_null(r->body);
}

static void serve_file(const char *path, const char *file)
{
	route *r = route_add(path);
	snprintf(r->file, sizeof(r->file), "%s", file);
}

static void serve_redirect(const char *path, const char *location)
{
	route *r = route_add(path);
	snprintf(r->location, sizeof(r->location), "%s", location);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **state)
{
	(void)cls; (void)version; (void)upload; (void)upload_size; (void)state;
	struct MHD_Response *resp = NULL;
	unsigned status = MHD_HTTP_NOT_FOUND;
	if (strcmp(method, "GET") != 0)
		return MHD_NO;
	pthread_mutex_lock(&srv.mu);
	srv.requests++;
	for (size_t i = 0; i < srv.nroutes && !resp; i++) {
		route *r = &srv.routes[i];
		if (strcmp(r->path, url) != 0)
			continue;
		if (r->location[0]) {
			static char empty[1];
			resp = MHD_create_response_from_buffer(0, empty, MHD_RESPMEM_PERSISTENT);
			if (resp)
				MHD_add_response_header(resp, "Location", r->location);
			status = MHD_HTTP_FOUND;
		} else if (r->file[0]) {
			int fd = open(r->file, O_RDONLY | O_CLOEXEC);
			struct stat st;
			if (fd >= 0 && fstat(fd, &st) == 0) {
				resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
				status = MHD_HTTP_OK;
			} else if (fd >= 0) {
				close(fd);
			}
		} else {
			resp = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_COPY);
			status = MHD_HTTP_OK;
		}
	}
	pthread_mutex_unlock(&srv.mu);
	if (!resp) {
		static char nf[] = "not found";
		resp = MHD_create_response_from_buffer(sizeof(nf) - 1, nf, MHD_RESPMEM_PERSISTENT);
		status = MHD_HTTP_NOT_FOUND;
	}
	enum MHD_Result ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static int group_setup(void **state)
{
	(void)state;
	/* Only the loopback server: no proxy in between. */
	unsetenv("http_proxy"); unsetenv("HTTP_PROXY");
	unsetenv("https_proxy"); unsetenv("HTTPS_PROXY");
	unsetenv("all_proxy"); unsetenv("ALL_PROXY");
	setenv("no_proxy", "*", 1);
	setenv("NO_PROXY", "*", 1);

	struct sockaddr_in sa;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = 0;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	srv.d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
				 handle, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				 MHD_OPTION_END);
	if (!srv.d)
		return -1;
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv.d, MHD_DAEMON_INFO_BIND_PORT);
	if (!info || info->port == 0)
		return -1;
	srv.port = info->port;
	snprintf(srv.base, sizeof(srv.base), "http://127.0.0.1:%u", (unsigned)srv.port);
	snprintf(srv.tmp, sizeof(srv.tmp), "/tmp/mc-fetch-test-XXXXXX");
	if (!mkdtemp(srv.tmp))
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	routes_clear();
	if (srv.d)
		MHD_stop_daemon(srv.d);
	if (srv.tmp[0]) {
		char cmd[512];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", srv.tmp);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", srv.tmp);
	}
	return 0;
}

static int test_teardown(void **state)
{
	(void)state;
	routes_clear();
	return 0;
}

/* ---- helpers ---------------------------------------------------------------- */

/* A fresh directory under the temporary root (static buffer). */
static const char *fresh_dir(const char *name)
{
	static char dir[512];
	snprintf(dir, sizeof(dir), "%s/%s", srv.tmp, name);
	return dir;
}

static bool exists(const char *dir, const char *name, const char *suffix)
{
	char p[1024];
	snprintf(p, sizeof(p), "%s/%s%s", dir, name, suffix ? suffix : "");
	return access(p, F_OK) == 0;
}

/* Whole content of dir/name (caller frees), or NULL. */
static char *slurp(const char *dir, const char *name)
{
	char p[1024];
	char *text = NULL;
	size_t len = 0;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	if (mc_read_file(&text, &len, p, NULL) < 0)
		return NULL;
	return text;
}

static void write_text(const char *dir, const char *name, const char *text)
{
	char p[1024];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	mkdir(dir, 0777);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void sha_of(const char *s, char out[65])
{
	mc_sha256_hex(s, strlen(s), out);
}

static mc_fetch_opts test_opts(void)
{
	mc_fetch_opts o;
	mc_fetch_opts_init(&o);
	o.base_url = srv.base;
	o.connect_timeout = 5;
	o.low_speed_time = 10;
	return o;
}

/* The path part of an official URL ("/files/zip/x.zip"). */
static const char *url_path(const char *url)
{
	const char *h = strstr(url, "://");
	assert_non_null(h);
	const char *p = strchr(h + 3, '/');
	assert_non_null(p);
	return p;
}

typedef struct zmember {
	const char *name;
	const void *data;
	size_t len;
} zmember;

/* Write a zip of members to path (libzip, deflated). */
static void make_zip(const char *path, const zmember *m, size_t n)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(z, m[i].data, m[i].len, 0);
		assert_non_null(src);
		assert_true(zip_file_add(z, m[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
}

/* ---- tests --------------------------------------------------------------------- */

static void test_catalogue(void **state)
{
	(void)state;
	static const char *const need[] = {
		MC_FETCH_ICD10CM, MC_FETCH_HCPCS, MC_FETCH_PFS_RVU, MC_FETCH_NCCI_AOC,
		MC_FETCH_NCCI_PTP, MC_FETCH_NCCI_MUE, MC_FETCH_NUCC
	};
	size_t n;
	const mc_fetch_entry *cat = mc_fetch_catalogue(&n);
	assert_non_null(cat);
	assert_true(n >= 7);
	for (size_t k = 0; k < sizeof(need) / sizeof(need[0]); k++) {
		size_t hits = 0;
		for (size_t i = 0; i < n; i++)
			hits += strcmp(cat[i].dataset, need[k]) == 0;
		if (hits == 0)
			fail_msg("no catalogue entry for %s", need[k]);
	}
	for (size_t i = 0; i < n; i++) {
		const mc_fetch_entry *e = &cat[i];
		assert_non_null(e->id);
		assert_non_null(e->description);
		assert_non_null(e->release);
		assert_true(strncmp(e->url, "https://", 8) == 0);
		assert_non_null(e->file);
		assert_null(strchr(e->file, '/'));
		assert_ptr_equal(mc_fetch_find(e->id), e);
		if (e->sha256)
			assert_int_equal(strlen(e->sha256), 64);
		for (size_t m = 0; m < MC_FETCH_MEMBERS_MAX && e->members[m].name; m++)
			assert_int_equal(strlen(e->members[m].sha256), 64);
		for (size_t j = i + 1; j < n; j++) {
			assert_string_not_equal(e->id, cat[j].id);
			assert_string_not_equal(e->file, cat[j].file);
		}
	}
	assert_null(mc_fetch_find("no-such-download"));

	/* Known checksums are the MANIFEST's. */
	assert_string_equal(mc_fetch_find("nucc")->sha256, NUCC_SHA);
	assert_string_equal(mc_fetch_find("hcpcs")->members[0].name, "HCPC2025_OCT_ANWEB.xlsx");
	assert_string_equal(mc_fetch_find("hcpcs")->members[0].sha256, HCPCS_SHA);
	assert_non_null(mc_fetch_find("pfs-rvu")->members[0].name);
	assert_non_null(mc_fetch_find("ncci-aoc")->members[0].name);
}

static void test_url_override(void **state)
{
	(void)state;
	char url[MC_FETCH_URL_MAX];
	mc_error err;
	const mc_fetch_entry *e = mc_fetch_find("nucc");
	assert_int_equal(mc_fetch_url(url, sizeof(url), e, NULL, &err), 0);
	assert_string_equal(url, e->url);
	assert_int_equal(mc_fetch_url(url, sizeof(url), e, "http://127.0.0.1:9/", &err), 0);
	assert_string_equal(url, "http://127.0.0.1:9/images/stories/CSV/nucc_taxonomy_251.csv");
	assert_int_equal(mc_fetch_url(url, sizeof(url), e, "ftp://127.0.0.1", &err), MC_EINVAL);
	assert_int_equal(mc_fetch_url(url, 8, e, NULL, &err), MC_EINVAL);
	assert_string_equal(url, "");
}

typedef struct seen {
	uint64_t last, total;
	unsigned calls;
	bool stop;
} seen;

static int on_progress(const mc_fetch_entry *e, uint64_t now, uint64_t total, void *payload)
{
	(void)e;
	seen *s = payload;
	assert_true(now >= s->last);
	s->last = now;
	if (total)
		s->total = total;
	s->calls++;
	return s->stop && now > 0;
}

/* The official NUCC file, served as it is, verifies against the MANIFEST. */
static void test_nucc_verifies(void **state)
{
	(void)state;
	const char *src = th_data("nucc_taxonomy/nucc_taxonomy_251.csv");
	if (!src)
		skip();
	const mc_fetch_entry *e = mc_fetch_find("nucc");
	serve_file(url_path(e->url), src);
	const char *dir = fresh_dir("nucc");
	seen s = { 0, 0, 0, false };
	mc_fetch_opts o = test_opts();
	o.progress = on_progress;
	o.payload = &s;
	mc_fetch_result r;
	mc_error err;
	mc_error_clear(&err);
	int rc = mc_fetch_one(&r, e, dir, &o, &err);
	if (rc != 0)
		fail_msg("fetch failed: %s", err.msg);
	assert_true(r.verified);
	assert_false(r.recorded);
	assert_false(r.skipped);
	assert_string_equal(r.sha256, NUCC_SHA);
	assert_int_equal(r.bytes, 529419);
	assert_true(s.calls > 0);
	assert_int_equal(s.total, 529419);
	assert_int_equal(s.last, 529419);
	assert_true(exists(dir, e->file, NULL));
	assert_false(exists(dir, e->file, ".part"));

	char *text = slurp(dir, e->file);
	assert_non_null(text);
	char got[65];
	sha_of(text, got);
	assert_string_equal(got, NUCC_SHA);
	mc_free(text);

	char *sums = slurp(dir, MC_FETCH_SUMS_FILE);
	assert_non_null(sums);
	assert_string_equal(sums, NUCC_SHA "  nucc_taxonomy_251.csv\n");
	mc_free(sums);

	/* Present and verified: not downloaded again. */
	unsigned before = srv.requests;
	assert_int_equal(mc_fetch_one(&r, e, dir, &o, &err), 0);
	assert_true(r.skipped);
	assert_true(r.verified);
	assert_int_equal(srv.requests, before);
}

static void test_wrong_checksum(void **state)
{
	(void)state;
	serve_body("/fx/hello.txt", "hello, world\n");
	const char *dir = fresh_dir("wrongsum");
	mc_fetch_entry e = { "t", "test", "1", "test", "https://example.invalid/fx/hello.txt",
			     "hello.txt", ZERO_SHA, { { NULL, NULL } }, NULL };
	mc_fetch_opts o = test_opts();
	mc_error err;
	mc_error_clear(&err);
	assert_int_equal(mc_fetch_one(NULL, &e, dir, &o, &err), MC_ECHECKSUM);
	assert_int_equal(err.code, MC_ECHECKSUM);
	assert_non_null(strstr(err.msg, "/fx/hello.txt"));
	assert_non_null(strstr(err.msg, ZERO_SHA));
	assert_false(exists(dir, "hello.txt", NULL));
	assert_false(exists(dir, "hello.txt", ".part"));
	assert_false(exists(dir, MC_FETCH_SUMS_FILE, NULL));

	/* A file already there is left as it was. */
	write_text(dir, "hello.txt", "old\n");
	assert_int_equal(mc_fetch_one(NULL, &e, dir, &o, &err), MC_ECHECKSUM);
	char *text = slurp(dir, "hello.txt");
	assert_string_equal(text, "old\n");
	mc_free(text);
	assert_false(exists(dir, "hello.txt", ".part"));

	/* The right checksum passes. */
	char good[65];
	sha_of("hello, world\n", good);
	e.sha256 = good;
	mc_fetch_result r;
	assert_int_equal(mc_fetch_one(&r, &e, dir, &o, &err), 0);
	assert_true(r.verified);
	text = slurp(dir, "hello.txt");
	assert_string_equal(text, "hello, world\n");
	mc_free(text);
}

static void test_not_found(void **state)
{
	(void)state;
	const char *dir = fresh_dir("notfound");
	mc_fetch_entry e = { "t", "test", "1", "test", "https://example.invalid/files/zip/none.zip",
			     "none.zip", NULL, { { NULL, NULL } }, NULL };
	mc_fetch_opts o = test_opts();
	mc_error err;
	mc_error_clear(&err);
	assert_int_equal(mc_fetch_one(NULL, &e, dir, &o, &err), MC_ENET);
	char url[256];
	snprintf(url, sizeof(url), "%s/files/zip/none.zip", srv.base);
	if (!strstr(err.msg, url))
		fail_msg("message does not name %s: %s", url, err.msg);
	assert_non_null(strstr(err.msg, "404"));
	assert_false(exists(dir, "none.zip", NULL));
	assert_false(exists(dir, "none.zip", ".part"));
}

static void test_redirect_and_stop(void **state)
{
	(void)state;
	serve_body("/fx/real.txt", "moved here\n");
	serve_redirect("/fx/old.txt", "/fx/real.txt");
	const char *dir = fresh_dir("redirect");
	mc_fetch_entry e = { "t", "test", "1", "test", "https://example.invalid/fx/old.txt",
			     "old.txt", NULL, { { NULL, NULL } }, NULL };
	mc_fetch_opts o = test_opts();
	mc_fetch_result r;
	mc_error err;
	mc_error_clear(&err);
	assert_int_equal(mc_fetch_one(&r, &e, dir, &o, &err), 0);
	char *text = slurp(dir, "old.txt");
	assert_string_equal(text, "moved here\n");
	mc_free(text);
	assert_true(r.recorded);

	/* The progress callback stops a download: nothing is left. */
	char *big = malloc(1 << 20);
	assert_non_null(big);
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	serve_body("/fx/big.txt", big);
	free(big);
	seen s = { 0, 0, 0, true };
	o.progress = on_progress;
	o.payload = &s;
	e.url = "https://example.invalid/fx/big.txt";
	e.file = "stopped.txt";
	assert_int_equal(mc_fetch_one(&r, &e, dir, &o, &err), MC_ESTOP);
	assert_false(exists(dir, "stopped.txt", NULL));
	assert_false(exists(dir, "stopped.txt", ".part"));
}

/* A tiny zip of our own: the member is found (in a folder, too) and checked. */
static void test_zip_member(void **state)
{
	(void)state;
	static const char body[] = "code,title\nA00,Cholera\n";
	char zpath[512], member_sha[65];
	snprintf(zpath, sizeof(zpath), "%s/tiny.zip", srv.tmp);
	zmember m[] = {
		{ "readme.txt", "read me\n", 8 },
		{ "Data/codes.csv", body, sizeof(body) - 1 },
	};
	make_zip(zpath, m, 2);
	mc_sha256_hex(body, sizeof(body) - 1, member_sha);
	serve_file("/files/zip/tiny.zip", zpath);
	serve_body("/files/zip/notzip.zip", "this is not a zip\n");

	const char *dir = fresh_dir("zip");
	mc_fetch_entry e = { "t", "test", "1", "test", "https://example.invalid/files/zip/tiny.zip",
			     "tiny.zip", NULL, { { "codes.csv", member_sha }, { NULL, NULL } }, NULL };
	mc_fetch_opts o = test_opts();
	mc_fetch_result r;
	mc_error err;
	mc_error_clear(&err);
	int rc = mc_fetch_one(&r, &e, dir, &o, &err);
	if (rc != 0)
		fail_msg("fetch failed: %s", err.msg);
	assert_true(r.verified);
	assert_false(r.recorded);
	assert_true(exists(dir, "tiny.zip", NULL));

	/* Wrong member checksum. */
	const char *dir2 = fresh_dir("zip-bad");
	e.members[0].sha256 = ZERO_SHA;
	assert_int_equal(mc_fetch_one(&r, &e, dir2, &o, &err), MC_ECHECKSUM);
	assert_non_null(strstr(err.msg, "codes.csv"));
	assert_false(exists(dir2, "tiny.zip", NULL));
	assert_false(exists(dir2, "tiny.zip", ".part"));

	/* Missing member. */
	e.members[0].name = "other.csv";
	e.members[0].sha256 = member_sha;
	assert_int_equal(mc_fetch_one(&r, &e, dir2, &o, &err), MC_ECHECKSUM);
	assert_non_null(strstr(err.msg, "other.csv"));
	assert_false(exists(dir2, "tiny.zip", NULL));

	/* Not a zip at all. */
	mc_fetch_entry nz = { "t", "test", "1", "test", "https://example.invalid/files/zip/notzip.zip",
			      "notzip.zip", NULL, { { "codes.csv", member_sha }, { NULL, NULL } }, NULL };
	assert_int_equal(mc_fetch_one(&r, &nz, dir2, &o, &err), MC_EFORMAT);
	assert_false(exists(dir2, "notzip.zip", NULL));
	assert_false(exists(dir2, "notzip.zip", ".part"));
}

/* The catalogue's HCPCS entry, served a zip of the official workbook: the
 * member checks against the MANIFEST's sha256. */
static void test_hcpcs_member(void **state)
{
	(void)state;
	const char *src = th_data("hcpcs/HCPC2025_OCT_ANWEB.xlsx");
	if (!src)
		skip();
	char *xlsx = NULL;
	size_t len = 0;
	assert_int_equal(mc_read_file(&xlsx, &len, src, NULL), 0);
	char zpath[512];
	snprintf(zpath, sizeof(zpath), "%s/hcpcs.zip", srv.tmp);
	zmember m[] = {
		{ "HCPC2025_OCT_ANWEB.xlsx", xlsx, len },
		{ "HCPC2025_recordlayout.txt", "layout\n", 7 },
	};
	make_zip(zpath, m, 2);
	mc_free(xlsx);

	const mc_fetch_entry *e = mc_fetch_find("hcpcs");
	serve_file(url_path(e->url), zpath);
	const char *dir = fresh_dir("hcpcs");
	mc_fetch_opts o = test_opts();
	mc_fetch_result r;
	mc_error err;
	mc_error_clear(&err);
	int rc = mc_fetch_one(&r, e, dir, &o, &err);
	if (rc != 0)
		fail_msg("fetch failed: %s", err.msg);
	assert_true(r.verified);
	assert_true(exists(dir, e->file, NULL));
	char *sums = slurp(dir, MC_FETCH_SUMS_FILE);
	assert_non_null(strstr(sums, e->file));
	assert_non_null(strstr(sums, r.sha256));
	mc_free(sums);

	/* A different zip of the same workbook passes: the member decides. */
	xlsx = NULL;
	assert_int_equal(mc_read_file(&xlsx, &len, src, NULL), 0);
	zmember again[] = { { "HCPCS/HCPC2025_OCT_ANWEB.xlsx", xlsx, len } };
	make_zip(zpath, again, 1);
	mc_free(xlsx);
	o.force = true;
	rc = mc_fetch_one(&r, e, dir, &o, &err);
	if (rc != 0)
		fail_msg("fetch failed: %s", err.msg);
	assert_true(r.verified);

	/* A zip whose workbook differs by a byte fails. */
	xlsx = NULL;
	assert_int_equal(mc_read_file(&xlsx, &len, src, NULL), 0);
	xlsx[len / 2] ^= 1;
	zmember bad[] = { { "HCPC2025_OCT_ANWEB.xlsx", xlsx, len } };
	make_zip(zpath, bad, 1);
	mc_free(xlsx);
	o.force = true;
	assert_int_equal(mc_fetch_one(&r, e, dir, &o, &err), MC_ECHECKSUM);
	assert_non_null(strstr(err.msg, "HCPC2025_OCT_ANWEB.xlsx"));
	assert_false(exists(dir, e->file, ".part"));
}

/* Nothing known: the first fetch records, later fetches check. */
static void test_recorded(void **state)
{
	(void)state;
	serve_body("/fx/edits.txt", "release one\n");
	const char *dir = fresh_dir("recorded");
	write_text(dir, MC_FETCH_SUMS_FILE,
		   "1111111111111111111111111111111111111111111111111111111111111111  other.txt\n");
	mc_fetch_entry e = { "t", "test", "1", "test", "https://example.invalid/fx/edits.txt",
			     "edits.txt", NULL, { { NULL, NULL } }, NULL };
	mc_fetch_opts o = test_opts();
	mc_fetch_result r;
	mc_error err;
	mc_error_clear(&err);
	assert_int_equal(mc_fetch_one(&r, &e, dir, &o, &err), 0);
	assert_true(r.recorded);
	assert_false(r.verified);
	char one[65];
	sha_of("release one\n", one);
	assert_string_equal(r.sha256, one);
	char want[256];
	snprintf(want, sizeof(want),
		 "1111111111111111111111111111111111111111111111111111111111111111  other.txt\n"
		 "%s  edits.txt\n", one);
	char *sums = slurp(dir, MC_FETCH_SUMS_FILE);
	assert_string_equal(sums, want);
	mc_free(sums);

	/* Same content again (forced): verified against SHA256SUMS. */
	o.force = true;
	assert_int_equal(mc_fetch_one(&r, &e, dir, &o, &err), 0);
	assert_true(r.verified);
	assert_false(r.recorded);

	/* The server now has different bytes: refused, old file kept. */
	serve_body("/fx/edits.txt", "release two\n");
	assert_int_equal(mc_fetch_one(&r, &e, dir, &o, &err), MC_ECHECKSUM);
	assert_non_null(strstr(err.msg, MC_FETCH_SUMS_FILE));
	char *text = slurp(dir, "edits.txt");
	assert_string_equal(text, "release one\n");
	mc_free(text);
	assert_false(exists(dir, "edits.txt", ".part"));

	/* Not forced: the file on disk still verifies, nothing is fetched. */
	o.force = false;
	assert_int_equal(mc_fetch_one(&r, &e, dir, &o, &err), 0);
	assert_true(r.skipped);
}

static void test_fetch_all_unknown(void **state)
{
	(void)state;
	const char *ids[] = { "nucc", "no-such-download" };
	mc_fetch_opts o = test_opts();
	mc_error err;
	mc_error_clear(&err);
	unsigned before = srv.requests;
	assert_int_equal(mc_fetch_all(fresh_dir("all"), ids, 2, &o, &err), MC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no-such-download"));
	assert_int_equal(srv.requests, before);
}

/* Every allocation failure gives MC_ENOMEM and leaves nothing behind. */
static void test_alloc_failures(void **state)
{
	(void)state;
	static const char body[] = "some release\n";
	char zpath[512], sha[65];
	snprintf(zpath, sizeof(zpath), "%s/alloc.zip", srv.tmp);
	zmember m[] = { { "m.txt", body, sizeof(body) - 1 } };
	make_zip(zpath, m, 1);
	mc_sha256_hex(body, sizeof(body) - 1, sha);
	serve_file("/fx/alloc.zip", zpath);
	mc_fetch_entry e = { "t", "test", "1", "test", "https://example.invalid/fx/alloc.zip",
			     "alloc.zip", NULL, { { "m.txt", sha }, { NULL, NULL } }, NULL };
	mc_fetch_opts o = test_opts();
	o.force = true;
	mc_error err;
	bool passed = false;
	for (long n = 1; n < 200 && !passed; n++) {
		char name[64];
		snprintf(name, sizeof(name), "alloc-%ld", n);
		const char *dir = fresh_dir(name);
		mc_error_clear(&err);
		mc_alloc_fail_after(n);
		int rc = mc_fetch_one(NULL, &e, dir, &o, &err);
		mc_alloc_fail_after(-1);
		if (rc == 0) {
			passed = true;
			break;
		}
		if (rc != MC_ENOMEM)
			fail_msg("allocation %ld: %d %s", n, rc, err.msg);
		assert_false(exists(dir, "alloc.zip", ".part"));
		assert_false(exists(dir, "alloc.zip", NULL));
	}
	assert_true(passed);
}

/* Run the medcode binary; returns its exit status. */
static int run_cli(const char *args)
{
	const char *bin = getenv("MC_BINARY");
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "MEDCODE_FETCH_BASE_URL='%s' '%s' %s >'%s/cli.out' 2>'%s/cli.err'",
		 srv.base, bin, args, srv.tmp, srv.tmp);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_cli(void **state)
{
	(void)state;
	const char *bin = getenv("MC_BINARY");
	if (!bin || access(bin, X_OK) != 0)
		skip();
	assert_int_equal(run_cli("data --help"), 0);
	assert_int_equal(run_cli("data fetch --help"), 0);
	char *out = slurp(srv.tmp, "cli.out");
	assert_non_null(strstr(out, "--only"));
	mc_free(out);
	assert_int_equal(run_cli("data fetch --list"), 0);
	out = slurp(srv.tmp, "cli.out");
	assert_non_null(strstr(out, "ncci-ptp-f1"));
	assert_non_null(strstr(out, "https://www.nucc.org/"));
	mc_free(out);
	assert_int_equal(run_cli("data"), 2);
	assert_int_equal(run_cli("data frobnicate"), 2);
	assert_int_equal(run_cli("data fetch --only nope"), 2);

	const char *dir = fresh_dir("cli");
	char args[1024];
	snprintf(args, sizeof(args), "data fetch --to '%s' --only ncci-mue-dme", dir);
	assert_int_equal(run_cli(args), 2); /* 404 on the test server */
	char *errtext = slurp(srv.tmp, "cli.err");
	assert_non_null(strstr(errtext, "medicare-ncci-2026-q2-dme-supplier-services-mue-table.zip"));
	size_t lines = 0;
	for (const char *c = errtext; *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, 1);
	mc_free(errtext);

	const char *src = th_data("nucc_taxonomy/nucc_taxonomy_251.csv");
	if (!src)
		return;
	const mc_fetch_entry *nucc = mc_fetch_find("nucc");
	assert_non_null(nucc);
	serve_file(url_path(nucc->url), src);
	snprintf(args, sizeof(args), "data fetch --to '%s' --only nucc", dir);
	assert_int_equal(run_cli(args), 0);
	out = slurp(srv.tmp, "cli.out");
	assert_non_null(strstr(out, NUCC_SHA));
	mc_free(out);
	assert_true(exists(dir, "nucc_taxonomy_251.csv", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_url_override),
		cmocka_unit_test_teardown(test_nucc_verifies, test_teardown),
		cmocka_unit_test_teardown(test_wrong_checksum, test_teardown),
		cmocka_unit_test_teardown(test_not_found, test_teardown),
		cmocka_unit_test_teardown(test_redirect_and_stop, test_teardown),
		cmocka_unit_test_teardown(test_zip_member, test_teardown),
		cmocka_unit_test_teardown(test_hcpcs_member, test_teardown),
		cmocka_unit_test_teardown(test_recorded, test_teardown),
		cmocka_unit_test(test_fetch_all_unknown),
		cmocka_unit_test_teardown(test_alloc_failures, test_teardown),
		cmocka_unit_test_teardown(test_cli, test_teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
