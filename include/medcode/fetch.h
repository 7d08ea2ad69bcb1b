/* medcode data fetch: a static catalogue of the official public release
 * files (CMS, NUCC) and a downloader that verifies what it stores.
 *
 * Each catalogue entry pins one release: its official https URL, the local
 * file name, and what is known about its content.  A download is written to
 * DIR/NAME.part, checked, fsync'ed and only then renamed to DIR/NAME; on any
 * failure the .part file is removed and an existing DIR/NAME is left as it
 * was.  What is checked:
 *   - sha256 of the whole download, when the entry gives it;
 *   - sha256 of named zip members, when the entry lists them (the archive is
 *     read with libzip after the download);
 *   - when the entry gives neither, the sha256 recorded for NAME in
 *     DIR/SHA256SUMS by an earlier fetch.  Every successful fetch writes the
 *     download's sha256 there, in the format of sha256sum(1), so
 *     `sha256sum -c SHA256SUMS` works in DIR.  (For an entry with members
 *     the recorded sha256 only lets a later fetch skip a file already
 *     present: a re-built zip of the same official files still passes.)
 *
 * Errors follow medcode/error.h: MC_ENET (HTTP status >= 400, connection,
 * timeout), MC_ECHECKSUM (a sha256 or an expected zip member did not match),
 * MC_EFORMAT (a download expected to be a zip is not one), MC_EIO (local
 * files), MC_ENOMEM, MC_EINVAL, MC_ENOTFOUND (unknown id), MC_ESTOP (the
 * progress callback asked to stop).  Messages name the URL or the file.
 * The library never prints.
 */
#ifndef MEDCODE_FETCH_H
#define MEDCODE_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "medcode/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Data-set names used in mc_fetch_entry.dataset. */
#define MC_FETCH_ICD10CM  "icd10cm"
#define MC_FETCH_HCPCS    "hcpcs"
#define MC_FETCH_PFS_RVU  "pfs_rvu"
#define MC_FETCH_NCCI_AOC "ncci_aoc"
#define MC_FETCH_NCCI_PTP "ncci_ptp"
#define MC_FETCH_NCCI_MUE "ncci_mue"
#define MC_FETCH_NUCC     "nucc"

/* Name of the checksum list written into the download directory. */
#define MC_FETCH_SUMS_FILE "SHA256SUMS"

enum { MC_FETCH_MEMBERS_MAX = 4, MC_FETCH_URL_MAX = 2048 };

/* A zip member whose content is known.  name is the member's file name; a
 * member in a folder inside the archive matches too ("Dir/NAME"). */
typedef struct mc_fetch_member {
	const char *name;
	const char *sha256;      /* 64 lowercase hex characters */
} mc_fetch_member;

/* One official download.  All strings are static. */
typedef struct mc_fetch_entry {
	const char *id;          /* unique, for --only: "nucc", "ncci-ptp-f1" */
	const char *dataset;     /* one of the MC_FETCH_* data-set names */
	const char *release;     /* "RVU25D", "2026 Q2", "v25.1", ... */
	const char *description; /* one line */
	const char *url;         /* official https URL */
	const char *file;        /* local file name in the download directory */
	const char *sha256;      /* of the whole download; NULL when not known */
	mc_fetch_member members[MC_FETCH_MEMBERS_MAX]; /* name NULL ends */
	const char *note;        /* where the checksums come from, or why none */
} mc_fetch_entry;

/* Progress: bytes received so far of entry e and the total (0 while the
 * size is not known).  Return 0 to go on, anything else to stop the
 * download (the fetch then fails with MC_ESTOP). */
typedef int (*mc_fetch_progress_fn)(const mc_fetch_entry *e, uint64_t now,
				    uint64_t total, void *payload);

typedef struct mc_fetch_opts {
	/* Replace scheme, host and port of every URL with this, keeping the
	 * path: "http://127.0.0.1:8080" turns https://www.cms.gov/files/zip/x.zip
	 * into http://127.0.0.1:8080/files/zip/x.zip.  NULL or "" = official. */
	const char *base_url;
	long connect_timeout;    /* seconds (default 30) */
	long low_speed_limit;    /* bytes per second ...                  */
	long low_speed_time;     /* ... below which for this many seconds
				  * the download is abandoned (1 B/s, 60 s) */
	bool force;              /* download even when DIR/NAME already
				  * matches a known checksum */
	mc_fetch_progress_fn progress; /* may be NULL */
	void *payload;
} mc_fetch_opts;

typedef struct mc_fetch_result {
	char sha256[65];         /* of the stored file */
	uint64_t bytes;          /* its size */
	bool skipped;            /* already present and verified; nothing fetched */
	bool verified;           /* matched a known checksum (entry, members or
				  * SHA256SUMS) */
	bool recorded;           /* nothing was known: the sha256 was recorded in
				  * SHA256SUMS for later fetches */
} mc_fetch_result;

/* The catalogue: a static array of *count entries (never NULL). */
const mc_fetch_entry *mc_fetch_catalogue(size_t *count);

/* The catalogue entry with this id, or NULL. */
const mc_fetch_entry *mc_fetch_find(const char *id);

/* Defaults: official URLs, 30 s connect timeout, abandon below 1 B/s for
 * 60 s, no forcing, no progress callback. */
void mc_fetch_opts_init(mc_fetch_opts *opts);

/* Write the URL entry e is fetched from into out[cap] (NUL-terminated):
 * e->url, or base_url + the path of e->url when base_url is not NULL/"".
 * Returns 0, or MC_EINVAL when base_url is not an http(s) URL or out is too
 * small (out is then ""). */
int mc_fetch_url(char *out, size_t cap, const mc_fetch_entry *e,
		 const char *base_url, mc_error *err);

/* Fetch entry e (a catalogue entry or the caller's own) into directory dir,
 * creating dir when missing.  Follows redirects (https stays https), fails
 * on HTTP status >= 400, verifies as described at the top, then stores
 * dir/e->file and records its sha256 in dir/SHA256SUMS.  When dir/e->file
 * already matches a known whole-file checksum and opts->force is false,
 * nothing is downloaded (out->skipped).  out (may be NULL) is filled on
 * success.  opts may be NULL (defaults).  On failure no dir/e->file.part
 * is left and an existing dir/e->file is unchanged (short of a rename(2)
 * failing between storing the file and its SHA256SUMS line, MC_EIO). */
int mc_fetch_one(mc_fetch_result *out, const mc_fetch_entry *e, const char *dir,
		 const mc_fetch_opts *opts, mc_error *err);

/* Fetch the catalogue entries named in ids[0..nids), in that order (the
 * whole catalogue, in its order, when ids is NULL) into dir with
 * mc_fetch_one, stopping at the first failure and
 * returning its code.  Unknown ids fail with MC_ENOTFOUND before anything
 * is downloaded. */
int mc_fetch_all(const char *dir, const char *const *ids, size_t nids,
		 const mc_fetch_opts *opts, mc_error *err);

#ifdef __cplusplus
}
#endif
#endif
