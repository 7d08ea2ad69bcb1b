/* The ASP NDC-HCPCS crosswalk in the store: its rows (table asp_ndc,
 * schema v2) and the drug names read from the latest release. */
#include <string.h>

#include "medcode/drugs.h"
#include "store/store_int.h"

int mc_store_put_drug(mc_store *s, int64_t release_id, const mc_rec_drug *r, mc_error *err)
{
	sqlite3_stmt *st = mc_store_stmt(s, ST_DRUG_PUT,
		"INSERT INTO asp_ndc(release_id, hcpcs, ndc, drug_name, labeler, short_desc, dosage,"
		" pkg_size, pkg_qty, bill_units, bill_units_pkg) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
		err);
	if (!st)
		return MC_EDB;
	if (!r->hcpcs || !r->ndc || !r->drug_name)
		return mc_error_set(err, MC_EINVAL, "store: add drug: code, NDC and name are required");
	const char *v[] = { r->hcpcs, r->ndc, r->drug_name, r->labeler, r->short_desc, r->dosage,
			    r->pkg_size, r->pkg_qty, r->bill_units, r->bill_units_pkg };
	sqlite3_bind_int64(st, 1, release_id);
	for (int i = 0; i < 10; i++) {
		if (v[i] && *v[i])
			sqlite3_bind_text(st, i + 2, v[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, i + 2);
	}
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : mc_store_dberr(s, err, "add drug");
}

/* The latest crosswalk release (by effective date, then import order). */
#define LATEST_ASP \
	"(SELECT id FROM release WHERE stream='asp-ndc' ORDER BY effective_from DESC, id DESC LIMIT 1)"

int mc_store_drug_names(mc_store *s, const char *hcpcs, mc_drug_name_fn fn, void *payload,
			mc_error *err)
{
	if (!s || !fn)
		return mc_error_set(err, MC_EINVAL, "store: drug names: no store or no callback");
	sqlite3_stmt *st = hcpcs
		? mc_store_stmt(s, ST_DRUG_NAMES_OF,
			"SELECT drug_name, hcpcs, count(DISTINCT labeler) FROM asp_ndc"
			" WHERE release_id=" LATEST_ASP " AND hcpcs=?1"
			" GROUP BY drug_name, hcpcs ORDER BY drug_name COLLATE NOCASE, hcpcs", err)
		: mc_store_stmt(s, ST_DRUG_NAMES,
			"SELECT drug_name, hcpcs, count(DISTINCT labeler) FROM asp_ndc"
			" WHERE release_id=" LATEST_ASP
			" GROUP BY drug_name, hcpcs ORDER BY drug_name COLLATE NOCASE, hcpcs", err);
	if (!st)
		return MC_EDB;
	if (hcpcs)
		sqlite3_bind_text(st, 1, hcpcs, -1, SQLITE_STATIC);
	int rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *code = (const char *)sqlite3_column_text(st, 1);
		if (!name || !code)
			continue;
		if ((rc = fn(name, code, (size_t)sqlite3_column_int64(st, 2), payload)) != 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = mc_store_dberr(s, err, "drug names");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}
