#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"

int mc_map_file(mc_map *out, const char *path, mc_error *err)
{
	memset(out, 0, sizeof(*out));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return mc_error_set(err, MC_EIO, "cannot open '%s': %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return mc_error_set(err, MC_EIO, "cannot stat '%s': %s", path, strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return mc_error_set(err, MC_EIO, "'%s' is not a regular file", path);
	}
	if (st.st_size == 0) {
		close(fd);
		out->data = (const unsigned char *)"";
		return 0;
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	int e = errno;
	close(fd);
	if (p == MAP_FAILED)
		return mc_error_set(err, MC_EIO, "cannot map '%s': %s", path, strerror(e));
	out->data = p;
	out->len = (size_t)st.st_size;
	out->base_ = p;
	out->maplen_ = (size_t)st.st_size;
	return 0;
}

void mc_map_release(mc_map *m)
{
	if (m->base_)
		munmap(m->base_, m->maplen_);
	memset(m, 0, sizeof(*m));
}

int mc_read_file(char **out, size_t *len, const char *path, mc_error *err)
{
	*out = NULL;
	*len = 0;
	mc_map m;
	int rc = mc_map_file(&m, path, err);
	if (rc < 0)
		return rc;
	char *p = mc_malloc(m.len + 1);
	if (!p) {
		mc_map_release(&m);
		return mc_error_set(err, MC_ENOMEM, "out of memory reading '%s'", path);
	}
	memcpy(p, m.data, m.len);
	p[m.len] = '\0';
	*out = p;
	*len = m.len;
	mc_map_release(&m);
	return 0;
}

void mc_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof(h); i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
}
