/* medcode import: find official files under paths, detect each format,
 * and load them into the store, one transaction per release.
 *
 * Files are grouped by the release they belong to (stream and label, as
 * the parser reports it); a group is imported all-or-nothing, so bad input
 * leaves the store as it was for that release.  A group whose files were
 * all imported before (same sha256) is skipped unless force is set.
 */
#ifndef MEDCODE_IMPORT_H
#define MEDCODE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "medcode/error.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mc_import_phase {
	MC_IMPORT_FILE_SKIPPED,  /* not a known format (only when found by walking a directory) */
	MC_IMPORT_GROUP_START,   /* label = "stream label" */
	MC_IMPORT_GROUP_SKIPPED, /* already imported */
	MC_IMPORT_FILE_START,
	MC_IMPORT_RECORDS,       /* records so far in the current file */
	MC_IMPORT_FILE_DONE,
	MC_IMPORT_GROUP_DONE
} mc_import_phase;

typedef struct mc_import_event {
	mc_import_phase phase;
	const char *file;        /* file or "archive.zip:member" */
	const char *format;      /* format name, may be NULL */
	const char *label;       /* "stream label" for group events */
	size_t records;
} mc_import_event;

typedef struct mc_import_opts {
	bool force;              /* re-import groups already loaded */
	void (*progress)(const mc_import_event *ev, void *payload); /* may be NULL */
	void *payload;
} mc_import_opts;

typedef struct mc_import_summary {
	size_t files;            /* files imported */
	size_t skipped_files;    /* unknown formats skipped in directories */
	size_t groups;           /* release groups imported */
	size_t skipped_groups;   /* release groups already up to date */
	size_t records;          /* records written */
} mc_import_summary;

/* Import everything found under paths (files, directories, zip archives).
 * A path named explicitly that no parser recognises is an error
 * (MC_EFORMAT).  opts and summary may be NULL. */
int mc_import_paths(mc_store *s, const char *const *paths, size_t npaths,
		    const mc_import_opts *opts, mc_import_summary *summary, mc_error *err);

/* Kinds of a modifier ("pricing,cosurgeon") from medcode's reviewed list,
 * or NULL when the modifier is not in it.  Static string. */
const char *mc_modifier_kinds(const char *code);

#ifdef __cplusplus
}
#endif
#endif
