/* The hook for modules that keep tables of their own in the store file
 * (medcode/sys/store.h): the connection, the transaction state, and the
 * store's error wording. */
#include "medcode/sys/store.h"
#include "store/store_int.h"

sqlite3 *mc_store_sys_db(mc_store *s)
{
	return s->db;
}

bool mc_store_sys_in_txn(const mc_store *s)
{
	return s->in_txn != 0;
}

int mc_store_sys_exec(mc_store *s, const char *sql, mc_error *err)
{
	return mc_store_exec(s, sql, err);
}

int mc_store_sys_dberr(mc_store *s, mc_error *err, const char *what)
{
	return mc_store_dberr(s, err, what);
}
