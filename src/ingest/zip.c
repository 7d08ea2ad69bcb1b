/* Zip archives held in memory, read with libzip.
 *
 * The archive bytes are borrowed (zip_source_buffer_create with freep = 0),
 * so the caller's mapping must outlive the mc_zip.  Members are inflated
 * into a buffer that grows as data arrives, never past the size the
 * central directory declares nor past MC_ZIP_MEMBER_MAX, so a lying header
 * cannot make us allocate more than the data really holds.  libzip checks
 * the CRC when a member is read to its end; a mismatch is a format error.
 */
#include <string.h>

#include <zip.h>

#include "core/core.h"
#include "ingest/zip.h"

struct mc_zip {
	zip_t *za;
	char *name;               /* for messages */
	size_t count;
};

bool mc_zip_sniff(const unsigned char *data, size_t len)
{
	return data && len >= 4 && data[0] == 'P' && data[1] == 'K' &&
	       data[2] == 3 && data[3] == 4;
}

int mc_zip_open(mc_zip **out, const unsigned char *data, size_t len,
		const char *name, mc_error *err)
{
	zip_error_t zerr;
	zip_source_t *src = NULL;
	mc_zip *z = NULL;
	int rc = 0;

	*out = NULL;
	if (!name)
		name = "(input)";
	zip_error_init(&zerr);
	if (!mc_zip_sniff(data, len)) {
		rc = mc_error_set(err, MC_EFORMAT, "%s: not a zip archive (no PK signature)", name);
		goto done;
	}
	z = mc_calloc(1, sizeof(*z));
	if (!z || !(z->name = mc_strdup(name))) {
		rc = mc_error_set(err, MC_ENOMEM, "%s: out of memory opening zip", name);
		goto done;
	}
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		rc = mc_error_set(err, MC_ENOMEM, "%s: cannot open zip: %s", name,
				  zip_error_strerror(&zerr));
		goto done;
	}
	z->za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!z->za) {
		rc = mc_error_set(err, MC_EFORMAT, "%s: not a valid zip archive: %s", name,
				  zip_error_strerror(&zerr));
		goto done;
	}
	src = NULL; /* owned by the archive now */
	zip_int64_t n = zip_get_num_entries(z->za, 0);
	if (n < 0) {
		rc = mc_error_set(err, MC_EFORMAT, "%s: cannot count zip members", name);
		goto done;
	}
	z->count = (size_t)n;
	*out = z;
	z = NULL;
done:
	if (src)
		zip_source_free(src);
	mc_zip_free(z);
	zip_error_fini(&zerr);
	return rc;
}

void mc_zip_free(mc_zip *z)
{
	if (!z)
		return;
	if (z->za)
		zip_discard(z->za);
	mc_free(z->name);
	mc_free(z);
}

size_t mc_zip_count(const mc_zip *z)
{
	return z ? z->count : 0;
}

const char *mc_zip_name(mc_zip *z, size_t i)
{
	if (!z || i >= z->count)
		return NULL;
	return zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
}

bool mc_zip_is_dir(mc_zip *z, size_t i)
{
	const char *n = mc_zip_name(z, i);
	size_t len = n ? strlen(n) : 0;
	return len > 0 && n[len - 1] == '/';
}

int mc_zip_read(mc_zip *z, size_t i, unsigned char **out, size_t *len, mc_error *err)
{
	zip_stat_t st;
	zip_file_t *f = NULL;
	unsigned char *buf = NULL;
	size_t cap = 0, used = 0, want;
	const char *mname;
	int rc = 0;

	*out = NULL;
	*len = 0;
	if (!z || i >= z->count)
		return mc_error_set(err, MC_ENOTFOUND, "%s: no zip member %zu",
				    z ? z->name : "(zip)", i);
	mname = mc_zip_name(z, i);
	if (!mname)
		mname = "?";
	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		rc = mc_error_set(err, MC_EFORMAT, "%s: %s: cannot read zip member header",
				  z->name, mname);
		goto done;
	}
	if (st.size > (zip_uint64_t)MC_ZIP_MEMBER_MAX) {
		rc = mc_error_set(err, MC_EFORMAT, "%s: %s: member too large (%llu bytes, limit %zu)",
				  z->name, mname, (unsigned long long)st.size, MC_ZIP_MEMBER_MAX);
		goto done;
	}
	want = (size_t)st.size;
	f = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
	if (!f) {
		rc = mc_error_set(err, MC_EFORMAT, "%s: %s: cannot open zip member: %s",
				  z->name, mname, zip_strerror(z->za));
		goto done;
	}
	/* Grow as data arrives: start small, double up to the declared size. */
	cap = want < ((size_t)1 << 20) ? want : ((size_t)1 << 20);
	buf = mc_malloc(cap + 1);
	if (!buf) {
		rc = mc_error_set(err, MC_ENOMEM, "%s: %s: out of memory", z->name, mname);
		goto done;
	}
	while (used < want) {
		if (used == cap) {
			size_t ncap = cap * 2 > want ? want : cap * 2;
			unsigned char *nb = mc_realloc(buf, ncap + 1);
			if (!nb) {
				rc = mc_error_set(err, MC_ENOMEM, "%s: %s: out of memory",
						  z->name, mname);
				goto done;
			}
			buf = nb;
			cap = ncap;
		}
		zip_int64_t got = zip_fread(f, buf + used, (zip_uint64_t)(cap - used));
		if (got < 0) {
			rc = mc_error_set(err, MC_EFORMAT, "%s: %s: corrupt zip member: %s",
					  z->name, mname, zip_file_strerror(f));
			goto done;
		}
		if (got == 0)
			break;
		used += (size_t)got;
	}
	if (used != want) {
		rc = mc_error_set(err, MC_EFORMAT, "%s: %s: truncated zip member (%zu of %zu bytes)",
				  z->name, mname, used, want);
		goto done;
	}
	/* One more read lets libzip reach the end and check the CRC. */
	{
		unsigned char extra;
		zip_int64_t got = zip_fread(f, &extra, 1);
		if (got != 0) {
			rc = mc_error_set(err, MC_EFORMAT, "%s: %s: corrupt zip member: %s",
					  z->name, mname,
					  got < 0 ? zip_file_strerror(f) : "longer than declared");
			goto done;
		}
	}
	buf[used] = '\0';
	*out = buf;
	*len = used;
	buf = NULL;
done:
	if (f)
		zip_fclose(f);
	mc_free(buf);
	return rc;
}

int mc_zip_read_name(mc_zip *z, const char *name, unsigned char **out,
		     size_t *len, mc_error *err)
{
	*out = NULL;
	*len = 0;
	if (!z || !name)
		return mc_error_set(err, MC_EINVAL, "zip: no archive or member name");
	zip_int64_t i = zip_name_locate(z->za, name, 0);
	if (i < 0)
		return mc_error_set(err, MC_ENOTFOUND, "%s: no zip member '%s'", z->name, name);
	return mc_zip_read(z, (size_t)i, out, len, err);
}
