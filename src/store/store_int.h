/* Internals of the store module. */
#ifndef MC_STORE_INT_H
#define MC_STORE_INT_H

#include <sqlite3.h>

#include "medcode/store.h"

/* Prepared statements, made once per handle. */
enum {
	ST_CODE_UPSERT, ST_CODE_ID, ST_ATTR_PUT, ST_NOTE_PUT, ST_SEVENTH_PUT, ST_INDEX_PUT,
	ST_RVU_PUT, ST_MUE_PUT, ST_AOC_PUT, ST_PTP_PUT, ST_FILE_PUT,
	ST_RELEASE_FIND, ST_RELEASE_ON,
	/* lookup */
	LK_RELEASES, LK_EXACT, LK_RANGE, LK_PREFIX, LK_ANY, LK_CORE, LK_FILES, LK_ATTRS, LK_PARENT,
	LK_DESC, LK_CHILDREN, LK_NOTES, LK_NOTES_ANY, LK_SEVENTH, LK_SEVENTH_ANY, LK_INDEX, LK_RVU, LK_MUE,
	LK_AOC_ADDON, LK_AOC_PRIMARY, LK_PTP, LK_PTP_COUNT, LK_HISTORY, LK_BEGIN, LK_END,
	/* drugs.c */
	ST_DRUG_PUT, ST_DRUG_NAMES, ST_DRUG_NAMES_OF,
	ST_COUNT_
};

/* One release, cached in the handle for readers (see mc_store_rel_cache). */
typedef struct mc_rel_entry {
	int64_t id;
	char *stream, *label, *from, *to, *system;
	char *files;            /* "a.txt, b.xml" */
} mc_rel_entry;

struct mc_store {
	sqlite3 *db;
	char *path;
	int mode;
	int in_txn;
	sqlite3_stmt *st[ST_COUNT_];
	mc_rel_entry *rel;      /* release cache, ordered by stream, effective_from */
	size_t nrel;
	bool rel_valid;
};

/* Load the release cache if it is not current.  Entries stay valid until
 * the next write to the store through this handle. */
int mc_store_rel_cache(mc_store *s, mc_error *err);
/* Drop the cache (every write path calls this). */
void mc_store_rel_cache_clear(mc_store *s);

/* Record an SQLite failure in err: "store: <what>: <sqlite message>". */
int mc_store_dberr(mc_store *s, mc_error *err, const char *what);
/* Get (preparing on first use) statement id with the given SQL. */
sqlite3_stmt *mc_store_stmt(mc_store *s, int id, const char *sql, mc_error *err);
/* Run SQL with no result rows (schema, pragmas, derived updates). */
int mc_store_exec(mc_store *s, const char *sql, mc_error *err);
/* Bind a text or NULL. */
int mc_bind_text(sqlite3_stmt *st, int idx, const char *s);

/* Schema creation and migration (store_schema.c). */
int mc_store_schema(mc_store *s, mc_error *err);

#endif
