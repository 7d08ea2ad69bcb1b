/* Read zip archives held in memory (libzip).  Internal to ingest. */
#ifndef MC_INGEST_ZIP_H
#define MC_INGEST_ZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "medcode/error.h"

typedef struct mc_zip mc_zip;

/* Largest member we inflate (guards against zip bombs). */
#define MC_ZIP_MEMBER_MAX ((size_t)512 << 20)

/* True when data starts with a zip local-file signature. */
bool mc_zip_sniff(const unsigned char *data, size_t len);

/* Open the archive in data (borrowed: must outlive the mc_zip).  name is
 * used in error messages.  *out is owned by the caller (mc_zip_free). */
int mc_zip_open(mc_zip **out, const unsigned char *data, size_t len,
		const char *name, mc_error *err);
void mc_zip_free(mc_zip *z);

/* Number of members (directories included). */
size_t mc_zip_count(const mc_zip *z);
/* Name of member i (borrowed from z); NULL when out of range. */
const char *mc_zip_name(mc_zip *z, size_t i);
/* True when member i is a directory. */
bool mc_zip_is_dir(mc_zip *z, size_t i);
/* Inflate member i into a new buffer (*out, NUL-terminated, caller frees
 * with mc_free); *len excludes the NUL. */
int mc_zip_read(mc_zip *z, size_t i, unsigned char **out, size_t *len, mc_error *err);
/* Same, by exact member name; MC_ENOTFOUND when absent. */
int mc_zip_read_name(mc_zip *z, const char *name, unsigned char **out,
		     size_t *len, mc_error *err);

#endif
