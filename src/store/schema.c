/* Store schema.  meta.schema_version moves forward one migration at a time;
 * a store from a newer medcode is refused rather than damaged. */
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"

#define SCHEMA_VERSION 2

static const char schema_v1[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE release("
	" id INTEGER PRIMARY KEY,"
	" system TEXT,"                    /* NULL for edit tables */
	" stream TEXT NOT NULL,"
	" label TEXT NOT NULL,"
	" effective_from TEXT NOT NULL,"
	" effective_to TEXT,"              /* derived: the day before the next release */
	" format TEXT,"
	" imported_at TEXT NOT NULL,"
	" records INTEGER NOT NULL DEFAULT 0,"
	" billable INTEGER NOT NULL DEFAULT -1,"
	" UNIQUE(stream, label));"
	"CREATE TABLE release_file("
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, format TEXT NOT NULL);"
	"CREATE INDEX release_file_by_release ON release_file(release_id);"
	"CREATE TABLE code("
	" id INTEGER PRIMARY KEY,"
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" system TEXT NOT NULL, code TEXT NOT NULL, compact TEXT NOT NULL,"
	" title_short TEXT, title_long TEXT, title_other TEXT,"
	" billable INTEGER NOT NULL DEFAULT -1,"
	" kind TEXT NOT NULL DEFAULT 'code',"
	" parent TEXT, status TEXT, valid_from TEXT, valid_to TEXT,"
	" UNIQUE(release_id, system, code));"
	"CREATE INDEX code_by_compact ON code(compact);"
	"CREATE INDEX code_by_parent ON code(release_id, parent);"
	"CREATE INDEX code_by_release_compact ON code(release_id, system, compact);"
	"CREATE TABLE code_attr("
	" code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,"
	" key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(code_id, key)) WITHOUT ROWID;"
	"CREATE TABLE note("
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" code TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL);"
	"CREATE INDEX note_by_code ON note(code, release_id);"
	"CREATE TABLE seventh("
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" code TEXT NOT NULL, chr TEXT NOT NULL, meaning TEXT NOT NULL);"
	"CREATE INDEX seventh_by_code ON seventh(code, release_id);"
	"CREATE TABLE index_term("
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL, path TEXT NOT NULL, code TEXT, compact TEXT,"
	" col TEXT, see TEXT, see_also TEXT);"
	"CREATE INDEX index_term_by_compact ON index_term(compact);"
	"CREATE TABLE rvu("
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" hcpcs TEXT NOT NULL, mod TEXT NOT NULL, description TEXT, status TEXT,"
	" not_used_for_medicare TEXT, work_rvu TEXT, nonfac_pe_rvu TEXT, nonfac_na TEXT,"
	" fac_pe_rvu TEXT, fac_na TEXT, mp_rvu TEXT, nonfac_total TEXT, fac_total TEXT,"
	" pctc TEXT, global_days TEXT, pre_op TEXT, intra_op TEXT, post_op TEXT,"
	" mult_proc TEXT, bilat_surg TEXT, asst_surg TEXT, co_surg TEXT, team_surg TEXT,"
	" endo_base TEXT, conv_factor TEXT, phys_supervision TEXT, calc_flag TEXT,"
	" imaging_family TEXT, opps_nonfac_pe TEXT, opps_fac_pe TEXT, opps_mp TEXT);"
	"CREATE INDEX rvu_by_code ON rvu(hcpcs, release_id);"
	"CREATE TABLE mue("
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" code TEXT NOT NULL, service_type TEXT NOT NULL, units INTEGER NOT NULL,"
	" mai INTEGER, mai_desc TEXT, rationale TEXT);"
	"CREATE INDEX mue_by_code ON mue(code, release_id);"
	"CREATE TABLE aoc("
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" addon TEXT NOT NULL, primary_code TEXT NOT NULL, edit_type INTEGER NOT NULL,"
	" addon_deleted TEXT, primary_deleted TEXT, effective TEXT, deleted TEXT, notes TEXT);"
	"CREATE INDEX aoc_by_addon ON aoc(addon, release_id);"
	"CREATE INDEX aoc_by_primary ON aoc(primary_code, release_id);"
	"CREATE TABLE ptp("
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" column1 TEXT NOT NULL, column2 TEXT NOT NULL, prior_1996 INTEGER NOT NULL,"
	" effective TEXT, deleted TEXT, modifier_indicator INTEGER NOT NULL,"
	" rationale TEXT, setting TEXT NOT NULL);"
	"CREATE INDEX ptp_by_col1 ON ptp(column1, release_id);"
	"CREATE INDEX ptp_by_col2 ON ptp(column2, release_id);"
	"CREATE TABLE history("
	" system TEXT NOT NULL, code TEXT NOT NULL, date TEXT NOT NULL,"
	" change TEXT NOT NULL, old TEXT, new TEXT,"
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE);"
	"CREATE INDEX history_by_code ON history(code, date);";

/* v2: the CMS ASP NDC-HCPCS crosswalk (src/store/drugs.c). */
static const char schema_v2[] =
	"CREATE TABLE asp_ndc("
	" release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
	" hcpcs TEXT NOT NULL, ndc TEXT NOT NULL, drug_name TEXT NOT NULL, labeler TEXT,"
	" short_desc TEXT, dosage TEXT, pkg_size TEXT, pkg_qty TEXT, bill_units TEXT,"
	" bill_units_pkg TEXT);"
	"CREATE INDEX asp_ndc_by_code ON asp_ndc(hcpcs, release_id);";

int mc_store_schema(mc_store *s, mc_error *err)
{
	int version = 0;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key='schema_version'", -1,
			       &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			const unsigned char *v = sqlite3_column_text(st, 0);
			long n = 0;
			for (const unsigned char *p = v; p && *p >= '0' && *p <= '9'; p++)
				n = n * 10 + (*p - '0');
			version = (int)n;
		}
	}
	sqlite3_finalize(st);
	if (version > SCHEMA_VERSION)
		return mc_error_set(err, MC_EDB, "store '%s' has schema %d, newer than this medcode (%d)",
				    s->path, version, SCHEMA_VERSION);
	if (version == SCHEMA_VERSION)
		return 0;
	if (s->mode != MC_STORE_WRITE)
		return mc_error_set(err, MC_EDB, "store '%s' is empty or needs migration: run 'medcode import'",
				    s->path);
	int rc = mc_store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc < 0)
		return rc;
	if (version < 1 && (rc = mc_store_exec(s, schema_v1, err)) < 0)
		goto fail;
	if (version < 2 && (rc = mc_store_exec(s, schema_v2, err)) < 0)
		goto fail;
	char sql[128];
	snprintf(sql, sizeof(sql),
		 "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '%d')", SCHEMA_VERSION);
	if ((rc = mc_store_exec(s, sql, err)) < 0)
		goto fail;
	return mc_store_exec(s, "COMMIT", err);
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}
