/* medcode/sys/store.h: the store's hook for a module that keeps tables of
 * its own inside the store file (the search index: search_doc, search_fts,
 * search_vocab, search_meta).  Such a module creates, fills and reads only
 * its own tables through this handle, inside the store's transactions;
 * everything it reads of the store's tables goes through the named read
 * functions of medcode/store.h, so the store alone owns its schema.
 * Only modules listed as hook users in scripts/check-layers include this.
 */
#ifndef MEDCODE_SYS_STORE_H
#define MEDCODE_SYS_STORE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "medcode/error.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The handle's SQLite connection (borrowed; valid while s is open).
 * Statements prepared on it must be finalized before mc_store_free. */
sqlite3 *mc_store_sys_db(mc_store *s);
/* True while a transaction opened with mc_store_begin is under way. */
bool mc_store_sys_in_txn(const mc_store *s);
/* Run SQL with no result rows (CREATE, DROP, INSERT of a module's own
 * tables).  0 or MC_EDB with err set. */
int mc_store_sys_exec(mc_store *s, const char *sql, mc_error *err);
/* Record the connection's last failure in err as "store: WHAT: <sqlite
 * message>"; returns MC_EDB. */
int mc_store_sys_dberr(mc_store *s, mc_error *err, const char *what);

#ifdef __cplusplus
}
#endif
#endif
