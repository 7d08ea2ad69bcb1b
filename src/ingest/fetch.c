/* medcode data fetch: the catalogue of official downloads and a verifying
 * downloader (libcurl), zip member checks (libzip), sha256 (libsodium).
 *
 * Why the catalogue pins releases: the checksums we know come from copies
 * of particular releases that were verified by hand.  A newer release is a new entry with its own URL.  Where no copy
 * of a release exists, sha256 is NULL and the first fetch records what it
 * got in SHA256SUMS, so later fetches notice a changed file.
 *
 * Where the download is exactly a verified file (NUCC) the whole-file
 * sha256 is given.  Where it is a zip holding verified files "as released"
 * (HCPCS, RVU25D, AOC) the members are checked.  The verified copies of the
 * ICD-10-CM index XMLs may have had their line ends normalised by the
 * repositories they came from, so their sha256s are not used as a check.
 */
#include "medcode/fetch.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "core/core.h"

/* ---- the catalogue ------------------------------------------------------ */

#define CMS_ZIP "https://www.cms.gov/files/zip/"
#define PTP_ZIP(n) "medicare-ncci-2026q2-practitioner-ptp-edits-ccipra-v321r0-f" n ".zip"
#define NO_COPY "no verified copy of this release: its sha256 is recorded " \
	"in SHA256SUMS on the first fetch"
/* The practitioner PTP edits come as four zips, one per part. */
#define PTP_ENTRY(n) { \
		"ncci-ptp-f" n, MC_FETCH_NCCI_PTP, "2026 Q2 (v32.1)", \
		"Medicare NCCI practitioner PTP edits, file " n " of 4, CMS", \
		CMS_ZIP PTP_ZIP(n), PTP_ZIP(n), NULL, { { NULL, NULL } }, NO_COPY \
	}

static const mc_fetch_entry catalogue[] = {
	{
		"icd10cm-order", MC_FETCH_ICD10CM, "FY2026 April 1, 2026 update",
		"ICD-10-CM code descriptions in tabular order (order file, code list), CMS",
		CMS_ZIP "april-1-2026-code-descriptions-tabular-order.zip",
		"april-1-2026-code-descriptions-tabular-order.zip",
		NULL, { { NULL, NULL } }, NO_COPY
	},
	{
		"icd10cm-tables", MC_FETCH_ICD10CM, "FY2026 April 1, 2026 update",
		"ICD-10-CM code tables: tabular list, index, drug and neoplasm tables (XML), CMS",
		CMS_ZIP "april-1-2026-code-tables-tabular-index.zip",
		"april-1-2026-code-tables-tabular-index.zip",
		NULL, { { NULL, NULL } },
		"the verified copies of the index XMLs may differ from the zip's in line ends only, "
		"so they are not used as a check; sha256 recorded in SHA256SUMS on the first fetch"
	},
	{
		"hcpcs", MC_FETCH_HCPCS, "October 2025",
		"HCPCS Level II quarterly alpha-numeric file (ANWEB), CMS",
		CMS_ZIP "october-2025-alpha-numeric-hcpcs-file.zip",
		"october-2025-alpha-numeric-hcpcs-file.zip",
		NULL,
		{ { "HCPC2025_OCT_ANWEB.xlsx",
		    "6fcd04186caa69af047915d16426a05ba20e49c3eba2367f472a94b534f9be52" },
		  { NULL, NULL } },
		"member sha256 of HCPC2025_OCT_ANWEB.xlsx as released"
	},
	{
		"pfs-rvu", MC_FETCH_PFS_RVU, "RVU25D",
		"Medicare physician fee schedule relative value files (PPRRVU, GPCI), CMS",
		CMS_ZIP "rvu25d.zip", "rvu25d.zip",
		NULL,
		{ { "PPRRVU2025_Oct.csv",
		    "8af460f38bf982b79b07269fbc8b7256a8ef3bd3aa025a9c5cb71c1e52523c56" },
		  { "GPCI2025.csv",
		    "fc106f49547d0821db8fc33eee4f532d4a90e41110976659f80ac9e3a438f26e" },
		  { "RVU25D.pdf",
		    "d5a0fc0ec94a74b41f1613af9115a1d9fe2a9b47c821c939ecbe61305425bfbc" },
		  { NULL, NULL } },
		"member sha256s of PPRRVU2025_Oct.csv, GPCI2025.csv and RVU25D.pdf as released"
	},
	{
		"ncci-aoc", MC_FETCH_NCCI_AOC, "2026 Q2",
		"Medicare NCCI add-on code edits (AOC_V2026Q2), CMS",
		CMS_ZIP "add-code-edits-medicare-effective-04012026.zip",
		"add-code-edits-medicare-effective-04012026.zip",
		NULL,
		{ { "AOC_V2026Q2-MCR.xlsx",
		    "870a84912f91f8e8fdfa1acd01f076cfb1473ba10c98861fc18d040ce3fbdac6" },
		  { NULL, NULL } },
		"member sha256 of AOC_V2026Q2-MCR.xlsx as released"
	},
	PTP_ENTRY("1"),
	PTP_ENTRY("2"),
	PTP_ENTRY("3"),
	PTP_ENTRY("4"),
	{
		"ncci-mue-practitioner", MC_FETCH_NCCI_MUE, "2026 Q2",
		"Medicare NCCI MUE table, practitioner services, CMS",
		CMS_ZIP "medicare-ncci-2026-q2-practitioner-services-mue-table.zip",
		"medicare-ncci-2026-q2-practitioner-services-mue-table.zip",
		NULL, { { NULL, NULL } }, NO_COPY
	},
	{
		"ncci-mue-hospital", MC_FETCH_NCCI_MUE, "2026 Q2",
		"Medicare NCCI MUE table, facility outpatient hospital services, CMS",
		CMS_ZIP "medicare-ncci-2026-q2-facility-outpatient-hospital-services-mue-table.zip",
		"medicare-ncci-2026-q2-facility-outpatient-hospital-services-mue-table.zip",
		NULL, { { NULL, NULL } }, NO_COPY
	},
	{
		"ncci-mue-dme", MC_FETCH_NCCI_MUE, "2026 Q2",
		"Medicare NCCI MUE table, DME supplier services, CMS",
		CMS_ZIP "medicare-ncci-2026-q2-dme-supplier-services-mue-table.zip",
		"medicare-ncci-2026-q2-dme-supplier-services-mue-table.zip",
		NULL, { { NULL, NULL } }, NO_COPY
	},
	{
		"nucc", MC_FETCH_NUCC, "v25.1",
		"NUCC health care provider taxonomy code set (CSV)",
		"https://www.nucc.org/images/stories/CSV/nucc_taxonomy_251.csv",
		"nucc_taxonomy_251.csv",
		"f824bb50c01b721be2277eeef222b0aeb5839de07a82b25ef292df1753695a0f",
		{ { NULL, NULL } },
		"sha256 of nucc_taxonomy_251.csv as released"
	},
};

const mc_fetch_entry *mc_fetch_catalogue(size_t *count)
{
	*count = sizeof(catalogue) / sizeof(catalogue[0]);
	return catalogue;
}

const mc_fetch_entry *mc_fetch_find(const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < sizeof(catalogue) / sizeof(catalogue[0]); i++)
		if (strcmp(catalogue[i].id, id) == 0)
			return &catalogue[i];
	return NULL;
}

void mc_fetch_opts_init(mc_fetch_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->connect_timeout = 30;
	opts->low_speed_limit = 1;
	opts->low_speed_time = 60;
}

/* ---- URLs ---------------------------------------------------------------- */

static bool is_http_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

int mc_fetch_url(char *out, size_t cap, const mc_fetch_entry *e,
		 const char *base_url, mc_error *err)
{
	if (cap)
		out[0] = '\0';
	if (!base_url || !*base_url) {
		if ((size_t)snprintf(out, cap, "%s", e->url) >= cap) {
			if (cap)
				out[0] = '\0';
			return mc_error_set(err, MC_EINVAL, "url too long: '%s'", e->url);
		}
		return 0;
	}
	if (!is_http_url(base_url))
		return mc_error_set(err, MC_EINVAL, "base url is not an http(s) url: '%s'", base_url);
	/* The path of the official URL: from the first '/' after the host. */
	const char *host = strstr(e->url, "://");
	host = host ? host + 3 : e->url;
	const char *path = strchr(host, '/');
	if (!path)
		path = "/";
	size_t blen = strlen(base_url);
	while (blen > 0 && base_url[blen - 1] == '/')
		blen--;
	if (blen > (size_t)INT_MAX ||
	    (size_t)snprintf(out, cap, "%.*s%s", (int)blen, base_url, path) >= cap) {
		if (cap)
			out[0] = '\0';
		return mc_error_set(err, MC_EINVAL, "url too long: '%s' with base '%s'", e->url, base_url);
	}
	return 0;
}

/* ---- small file helpers ---------------------------------------------------- */

static bool sha_valid(const char *s)
{
	if (!s || strlen(s) != 64)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

static void sha_final_hex(crypto_hash_sha256_state *st, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(st, h);
	for (size_t i = 0; i < sizeof(h); i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
}

/* Join dir and name (and suffix) into a new string. */
static char *path_join(const char *dir, const char *name, const char *suffix)
{
	mc_buf b = MC_BUF_INIT;
	if (mc_buf_printf(&b, "%s/%s%s", dir, name, suffix ? suffix : "") < 0) {
		mc_buf_release(&b);
		return NULL;
	}
	return mc_buf_detach(&b);
}

/* mkdir -p */
static int make_dirs(const char *dir, mc_error *err)
{
	char *p = mc_strdup(dir);
	if (!p)
		return mc_error_set(err, MC_ENOMEM, "out of memory creating '%s'", dir);
	int rc = 0;
	size_t n = strlen(p);
	for (size_t i = 1; i <= n && rc == 0; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		char c = p[i];
		p[i] = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			rc = mc_error_set(err, MC_EIO, "cannot create directory '%s': %s", p, strerror(errno));
		p[i] = c;
	}
	struct stat st;
	if (rc == 0 && (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)))
		rc = mc_error_set(err, MC_EIO, "'%s' is not a directory", dir);
	mc_free(p);
	return rc;
}

static int fsync_dir(const char *dir, mc_error *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return mc_error_set(err, MC_EIO, "cannot open directory '%s': %s", dir, strerror(errno));
	int rc = 0;
	if (fsync(fd) < 0 && errno != EINVAL)
		rc = mc_error_set(err, MC_EIO, "cannot sync directory '%s': %s", dir, strerror(errno));
	close(fd);
	return rc;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* sha256 of a whole file; MC_ENOTFOUND when it does not exist. */
static int file_sha256(const char *path, char out[65], uint64_t *size, mc_error *err)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			return MC_ENOTFOUND;
		return mc_error_set(err, MC_EIO, "cannot stat '%s': %s", path, strerror(errno));
	}
	mc_map m;
	int rc = mc_map_file(&m, path, err);
	if (rc < 0)
		return rc;
	mc_sha256_hex(m.data, m.len, out);
	*size = m.len;
	mc_map_release(&m);
	return 0;
}

/* ---- SHA256SUMS -------------------------------------------------------------
 * Lines "<64 hex>  <file>" (sha256sum's text mode; "*" binary mode is read
 * too).  Other lines are kept as they are when the list is rewritten. */

/* Find file's sha256 in the list text; true when found. */
static bool sums_lookup(const char *text, size_t len, const char *file, char out[65])
{
	const char *p = text, *end = text + len;
	size_t flen = strlen(file);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		size_t n = (size_t)(le - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 66 + flen && (p[65] == ' ' || p[65] == '*') && p[64] == ' ' &&
		    memcmp(p + 66, file, flen) == 0) {
			memcpy(out, p, 64);
			out[64] = '\0';
			for (size_t i = 0; i < 64; i++)
				if (out[i] >= 'A' && out[i] <= 'F')
					out[i] = (char)(out[i] - 'A' + 'a');
			if (sha_valid(out))
				return true;
		}
		p = nl ? nl + 1 : end;
	}
	return false;
}

/* Read dir/SHA256SUMS (absent = empty). */
static int sums_read(char **text, size_t *len, const char *dir, mc_error *err)
{
	*text = NULL;
	*len = 0;
	char *path = path_join(dir, MC_FETCH_SUMS_FILE, NULL);
	if (!path)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	int rc = 0;
	if (access(path, F_OK) == 0)
		rc = mc_read_file(text, len, path, err);
	mc_free(path);
	return rc;
}

/* Write dir/SHA256SUMS.part: the list with file's line set to sha, synced.
 * *part_out (caller frees) names it; the caller renames it into place. */
static int sums_prepare(char **part_out, const char *dir, const char *file, const char *sha,
			mc_error *err)
{
	char *text = NULL, *part = NULL;
	size_t len = 0;
	mc_buf b = MC_BUF_INIT;
	int fd = -1;
	*part_out = NULL;
	int rc = sums_read(&text, &len, dir, err);
	if (rc < 0)
		goto done;

	size_t flen = strlen(file);
	const char *p = text, *end = text ? text + len : NULL;
	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		size_t n = (size_t)(le - p);
		size_t m = n > 0 && p[n - 1] == '\r' ? n - 1 : n;
		bool same = m == 66 + flen && memcmp(p + 66, file, flen) == 0;
		if (!same && n > 0 && (mc_buf_put(&b, p, n) < 0 || mc_buf_putc(&b, '\n') < 0)) {
			rc = mc_error_set(err, MC_ENOMEM, "out of memory");
			goto done;
		}
		p = nl ? nl + 1 : end;
	}
	if (mc_buf_printf(&b, "%s  %s\n", sha, file) < 0) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory");
		goto done;
	}

	part = path_join(dir, MC_FETCH_SUMS_FILE, ".part");
	if (!part) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory");
		goto done;
	}
	fd = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		rc = mc_error_set(err, MC_EIO, "cannot create '%s': %s", part, strerror(errno));
		mc_free(part);
		part = NULL;
		goto done;
	}
	if (write_all(fd, b.ptr, b.len) < 0 || fsync(fd) < 0) {
		rc = mc_error_set(err, MC_EIO, "cannot write '%s': %s", part, strerror(errno));
		goto done;
	}
	int cr = close(fd);
	fd = -1;
	if (cr < 0) {
		rc = mc_error_set(err, MC_EIO, "cannot write '%s': %s", part, strerror(errno));
		goto done;
	}
	*part_out = part;
	part = NULL;
done:
	if (fd >= 0)
		close(fd);
	if (part) {
		unlink(part);
		mc_free(part);
	}
	mc_buf_release(&b);
	mc_free(text);
	return rc;
}

/* ---- zip members -------------------------------------------------------------- */

static bool member_matches(const char *name, const char *want)
{
	if (strcmp(name, want) == 0)
		return true;
	const char *slash = strrchr(name, '/');
	return slash && strcmp(slash + 1, want) == 0;
}

/* Check every member e lists against its sha256 in the zip at path. */
static int check_members(const mc_fetch_entry *e, const char *path, const char *url, mc_error *err)
{
	enum { CHUNK = 1 << 16 };
	int zerr = 0, rc = 0;
	zip_file_t *zf = NULL;
	unsigned char *buf = NULL;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		rc = mc_error_set(err, MC_EFORMAT, "download from %s is not a readable zip: %s",
				  url, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto done;
	}
	buf = mc_malloc(CHUNK);
	if (!buf) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory checking %s", url);
		goto done;
	}
	zip_int64_t count = zip_get_num_entries(z, 0);
	for (size_t k = 0; k < MC_FETCH_MEMBERS_MAX && e->members[k].name; k++) {
		const mc_fetch_member *m = &e->members[k];
		zip_int64_t idx = -1;
		for (zip_int64_t i = 0; i < count && idx < 0; i++) {
			const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
			if (name && member_matches(name, m->name))
				idx = i;
		}
		if (idx < 0) {
			rc = mc_error_set(err, MC_ECHECKSUM, "zip from %s has no member '%s'", url, m->name);
			goto done;
		}
		zf = zip_fopen_index(z, (zip_uint64_t)idx, 0);
		if (!zf) {
			rc = mc_error_set(err, MC_EFORMAT, "cannot read '%s' in zip from %s: %s",
					  m->name, url, zip_strerror(z));
			goto done;
		}
		crypto_hash_sha256_state st;
		crypto_hash_sha256_init(&st);
		for (;;) {
			zip_int64_t n = zip_fread(zf, buf, CHUNK);
			if (n < 0) {
				rc = mc_error_set(err, MC_EFORMAT, "cannot read '%s' in zip from %s: %s",
						  m->name, url, zip_file_strerror(zf));
				goto done;
			}
			if (n == 0)
				break;
			crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		}
		zip_fclose(zf);
		zf = NULL;
		char got[65];
		sha_final_hex(&st, got);
		if (strcmp(got, m->sha256) != 0) {
			rc = mc_error_set(err, MC_ECHECKSUM,
					  "checksum mismatch for member '%s' of %s: expected %s, got %s",
					  m->name, url, m->sha256, got);
			goto done;
		}
	}
done:
	if (zf)
		zip_fclose(zf);
	if (z)
		zip_discard(z);
	mc_free(buf);
	return rc;
}

/* ---- download -------------------------------------------------------------------- */

/* libcurl is loaded on the first download, not at program start: it
 * brings some two dozen libraries (TLS, Kerberos, LDAP, SSH) that every
 * other command would otherwise map at start-up.  These are the only
 * entry points used. */
static struct {
	CURLcode (*global_init)(long flags);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
	CURLcode (*easy_perform)(CURL *h);
	CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *h);
	const char *(*easy_strerror)(CURLcode code);
} cu;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;
static char curl_load_error[256];

static void curl_init(void)
{
	void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *e = dlerror();
		snprintf(curl_load_error, sizeof(curl_load_error), "%s", e ? e : "dlopen failed");
		return;
	}
	/* POSIX: a data pointer from dlsym converts to a function pointer. */
#define LOAD(field, name) \
	do { void *sym = dlsym(lib, name); memcpy(&cu.field, &sym, sizeof(sym)); } while (0)
	LOAD(global_init, "curl_global_init");
	LOAD(easy_init, "curl_easy_init");
	LOAD(easy_setopt, "curl_easy_setopt");
	LOAD(easy_perform, "curl_easy_perform");
	LOAD(easy_getinfo, "curl_easy_getinfo");
	LOAD(easy_cleanup, "curl_easy_cleanup");
	LOAD(easy_strerror, "curl_easy_strerror");
#undef LOAD
	if (!cu.global_init || !cu.easy_init || !cu.easy_setopt || !cu.easy_perform ||
	    !cu.easy_getinfo || !cu.easy_cleanup || !cu.easy_strerror) {
		snprintf(curl_load_error, sizeof(curl_load_error), "libcurl.so.4 lacks an expected function");
		return;
	}
	curl_init_rc = cu.global_init(CURL_GLOBAL_DEFAULT);
	if (curl_init_rc != CURLE_OK)
		snprintf(curl_load_error, sizeof(curl_load_error), "%s", cu.easy_strerror(curl_init_rc));
}

typedef struct dl_ctx {
	int fd;
	int write_errno;
	uint64_t bytes;
	crypto_hash_sha256_state sha;
	const mc_fetch_entry *entry;
	const mc_fetch_opts *opts;
} dl_ctx;

static size_t on_data(char *data, size_t size, size_t nmemb, void *p)
{
	dl_ctx *c = p;
	size_t n = size * nmemb;
	if (write_all(c->fd, data, n) < 0) {
		c->write_errno = errno;
		return 0;
	}
	crypto_hash_sha256_update(&c->sha, (const unsigned char *)data, n);
	c->bytes += n;
	return n;
}

static int on_progress(void *p, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	dl_ctx *c = p;
	(void)ultotal;
	(void)ulnow;
	if (!c->opts->progress)
		return 0;
	return c->opts->progress(c->entry, dlnow > 0 ? (uint64_t)dlnow : 0,
				 dltotal > 0 ? (uint64_t)dltotal : 0, c->opts->payload) != 0;
}

/* Download url into the open file c->fd. */
static int download(dl_ctx *c, const char *url, const char *part, mc_error *err)
{
	char ebuf[CURL_ERROR_SIZE] = "";
	int rc = 0;
	pthread_once(&curl_once, curl_init);
	if (curl_init_rc != CURLE_OK)
		return mc_error_set(err, MC_ENET, "cannot initialise libcurl: %s", curl_load_error);
	CURL *h = cu.easy_init();
	if (!h)
		return mc_error_set(err, MC_ENOMEM, "out of memory fetching %s", url);

	const mc_fetch_opts *o = c->opts;
	bool tls = strncmp(url, "https://", 8) == 0;
	CURLcode cc = CURLE_OK;
#define SETOPT(opt, val) do { if (cc == CURLE_OK) cc = cu.easy_setopt(h, opt, val); } while (0)
	SETOPT(CURLOPT_URL, url);
	SETOPT(CURLOPT_ERRORBUFFER, ebuf);
	SETOPT(CURLOPT_NOSIGNAL, 1L);
	SETOPT(CURLOPT_FOLLOWLOCATION, 1L);
	SETOPT(CURLOPT_MAXREDIRS, 10L);
	SETOPT(CURLOPT_PROTOCOLS_STR, "http,https");
	/* A redirect never downgrades an https download to http. */
	SETOPT(CURLOPT_REDIR_PROTOCOLS_STR, tls ? "https" : "http,https");
	SETOPT(CURLOPT_FAILONERROR, 1L);
	SETOPT(CURLOPT_USERAGENT, "medcode-data-fetch/1");
	SETOPT(CURLOPT_CONNECTTIMEOUT, o->connect_timeout > 0 ? o->connect_timeout : 30L);
	SETOPT(CURLOPT_LOW_SPEED_LIMIT, o->low_speed_limit > 0 ? o->low_speed_limit : 1L);
	SETOPT(CURLOPT_LOW_SPEED_TIME, o->low_speed_time > 0 ? o->low_speed_time : 60L);
	SETOPT(CURLOPT_WRITEFUNCTION, on_data);
	SETOPT(CURLOPT_WRITEDATA, c);
	SETOPT(CURLOPT_XFERINFOFUNCTION, on_progress);
	SETOPT(CURLOPT_XFERINFODATA, c);
	SETOPT(CURLOPT_NOPROGRESS, 0L);
#undef SETOPT
	if (cc != CURLE_OK) {
		rc = mc_error_set(err, MC_ENET, "cannot set up download of %s: %s", url, cu.easy_strerror(cc));
		goto done;
	}

	cc = cu.easy_perform(h);
	if (cc == CURLE_OK) {
		long status = 0;
		cu.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		if (status >= 400)
			rc = mc_error_set(err, MC_ENET, "download of %s failed: http status %ld", url, status);
		else if (c->bytes == 0)
			rc = mc_error_set(err, MC_ENET, "download of %s failed: empty response", url);
	} else if (cc == CURLE_HTTP_RETURNED_ERROR) {
		long status = 0;
		cu.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		rc = mc_error_set(err, MC_ENET, "download of %s failed: http status %ld", url, status);
	} else if (cc == CURLE_WRITE_ERROR && c->write_errno) {
		rc = mc_error_set(err, MC_EIO, "cannot write '%s': %s", part, strerror(c->write_errno));
	} else if (cc == CURLE_ABORTED_BY_CALLBACK) {
		rc = mc_error_set(err, MC_ESTOP, "download of %s stopped", url);
	} else {
		rc = mc_error_set(err, MC_ENET, "download of %s failed: %s", url,
				  ebuf[0] ? ebuf : cu.easy_strerror(cc));
	}
done:
	cu.easy_cleanup(h);
	return rc;
}

/* ---- fetch ---------------------------------------------------------------------- */

/* Is the file final already there with the sha256 present?  Then res
 * says so (skipped, verified).  0, or a negative code when it cannot be
 * read. */
static int already_current(mc_fetch_result *res, const char *final, const char *present,
			   mc_error *err)
{
	char have[65];
	uint64_t size = 0;
	int rc = file_sha256(final, have, &size, err);
	if (rc == MC_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	if (strcmp(have, present) == 0) {
		memcpy(res->sha256, have, sizeof(have));
		res->bytes = size;
		res->skipped = res->verified = true;
	}
	return 0;
}

/* An entry the downloader can use: a plain file name, a URL, a target
 * folder and well-formed checksums. */
static int entry_check(const mc_fetch_entry *e, const char *dir, mc_error *err)
{
	if (!e || !e->file || !*e->file || strchr(e->file, '/') || strcmp(e->file, "..") == 0 ||
	    strcmp(e->file, ".") == 0 || !e->url || !dir || !*dir)
		return mc_error_set(err, MC_EINVAL, "bad download entry '%s'", e && e->id ? e->id : "?");
	if (e->sha256 && !sha_valid(e->sha256))
		return mc_error_set(err, MC_EINVAL, "bad sha256 in download entry '%s'", e->id);
	for (size_t k = 0; k < MC_FETCH_MEMBERS_MAX && e->members[k].name; k++)
		if (!sha_valid(e->members[k].sha256))
			return mc_error_set(err, MC_EINVAL, "bad sha256 for member '%s' in download entry '%s'",
					    e->members[k].name, e->id);
	return 0;
}

/* Download url into the file part (created or truncated), synced to disk;
 * its sha256 and size go to res. */
static int download_part(mc_fetch_result *res, const mc_fetch_entry *e, const mc_fetch_opts *opts,
			 const char *url, const char *part, mc_error *err)
{
	int fd = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return mc_error_set(err, MC_EIO, "cannot create '%s': %s", part, strerror(errno));
	dl_ctx c;
	memset(&c, 0, sizeof(c));
	c.fd = fd;
	c.entry = e;
	c.opts = opts;
	crypto_hash_sha256_init(&c.sha);
	int rc = download(&c, url, part, err);
	if (rc == 0 && fsync(fd) < 0)
		rc = mc_error_set(err, MC_EIO, "cannot write '%s': %s", part, strerror(errno));
	if (close(fd) < 0 && rc == 0)
		rc = mc_error_set(err, MC_EIO, "cannot write '%s': %s", part, strerror(errno));
	if (rc < 0)
		return rc;
	sha_final_hex(&c.sha, res->sha256);
	res->bytes = c.bytes;
	return 0;
}

/* The downloaded part against what is expected of it: the whole file's
 * sha256 (the catalogue's, or the one SHA256SUMS recorded when
 * from_sums), and the members the entry lists. */
static int verify_part(const mc_fetch_result *res, const mc_fetch_entry *e, const char *url,
		       const char *part, const char *expect, bool from_sums, mc_error *err)
{
	if (expect && strcmp(res->sha256, expect) != 0) {
		if (from_sums)
			return mc_error_set(err, MC_ECHECKSUM,
					    "checksum mismatch for %s: got %s, %s records %s for '%s' "
					    "(delete that line to accept a new release)",
					    url, res->sha256, MC_FETCH_SUMS_FILE, expect, e->file);
		return mc_error_set(err, MC_ECHECKSUM, "checksum mismatch for %s: expected %s, got %s",
				    url, expect, res->sha256);
	}
	return e->members[0].name ? check_members(e, part, url, err) : 0;
}

int mc_fetch_one(mc_fetch_result *out, const mc_fetch_entry *e, const char *dir,
		 const mc_fetch_opts *opts, mc_error *err)
{
	mc_fetch_opts defaults;
	mc_fetch_result res;
	char url[MC_FETCH_URL_MAX];
	char recorded[65] = "";
	char *sums = NULL, *final = NULL, *part = NULL, *sums_path = NULL, *sums_part = NULL;
	size_t sums_len = 0;
	bool part_made = false;
	int rc;

	memset(&res, 0, sizeof(res));
	if (out)
		memset(out, 0, sizeof(*out));
	if (!opts) {
		mc_fetch_opts_init(&defaults);
		opts = &defaults;
	}
	if ((rc = entry_check(e, dir, err)) < 0)
		return rc;
	rc = mc_fetch_url(url, sizeof(url), e, opts->base_url, err);
	if (rc < 0)
		goto done;
	rc = make_dirs(dir, err);
	if (rc < 0)
		goto done;
	final = path_join(dir, e->file, NULL);
	part = path_join(dir, e->file, ".part");
	sums_path = path_join(dir, MC_FETCH_SUMS_FILE, NULL);
	if (!final || !part || !sums_path) {
		rc = mc_error_set(err, MC_ENOMEM, "out of memory fetching %s", url);
		goto done;
	}

	/* A file already present is current when it hashes to the catalogue's
	 * sha256 or to the one an earlier fetch recorded.  A download must
	 * match the catalogue's, else its members when the entry lists them
	 * (a re-zipped archive of the same official files is fine), else the
	 * recorded one. */
	rc = sums_read(&sums, &sums_len, dir, err);
	if (rc < 0)
		goto done;
	const char *present = e->sha256;
	if (!present && sums && sums_lookup(sums, sums_len, e->file, recorded))
		present = recorded;
	const char *expect = e->sha256 ? e->sha256 : e->members[0].name ? NULL : present;

	if (present && !opts->force) {
		rc = already_current(&res, final, present, err);
		if (rc < 0 || res.skipped)
			goto done;
	}

	part_made = true;
	rc = download_part(&res, e, opts, url, part, err);
	if (rc == 0)
		rc = verify_part(&res, e, url, part, expect, expect == recorded, err);
	if (rc < 0)
		goto done;
	res.verified = expect != NULL || e->members[0].name != NULL;
	res.recorded = !res.verified;

	/* Everything that can run out of memory happens before the renames. */
	rc = sums_prepare(&sums_part, dir, e->file, res.sha256, err);
	if (rc < 0)
		goto done;
	if (rename(part, final) < 0) {
		rc = mc_error_set(err, MC_EIO, "cannot rename '%s': %s", part, strerror(errno));
		goto done;
	}
	part_made = false;
	if (rename(sums_part, sums_path) < 0) {
		rc = mc_error_set(err, MC_EIO, "cannot rename '%s': %s", sums_part, strerror(errno));
		goto done;
	}
	mc_free(sums_part);
	sums_part = NULL;
	rc = fsync_dir(dir, err);
done:
	if (part_made)
		unlink(part);
	if (sums_part) {
		unlink(sums_part);
		mc_free(sums_part);
	}
	if (rc == 0 && out)
		*out = res;
	mc_free(sums);
	mc_free(final);
	mc_free(part);
	mc_free(sums_path);
	return rc;
}

int mc_fetch_all(const char *dir, const char *const *ids, size_t nids,
		 const mc_fetch_opts *opts, mc_error *err)
{
	size_t count;
	const mc_fetch_entry *cat = mc_fetch_catalogue(&count);
	if (ids) {
		for (size_t i = 0; i < nids; i++)
			if (!mc_fetch_find(ids[i]))
				return mc_error_set(err, MC_ENOTFOUND, "no download named '%s'",
						    ids[i] ? ids[i] : "");
	} else {
		nids = count;
	}
	for (size_t i = 0; i < nids; i++) {
		const mc_fetch_entry *e = ids ? mc_fetch_find(ids[i]) : &cat[i];
		int rc = mc_fetch_one(NULL, e, dir, opts, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}
