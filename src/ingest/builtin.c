/* Data carried in the binary: data/modifiers.tsv (see data/README.md).
 * Level I modifier codes and labels become the "modifier-l1" release;
 * every modifier's kinds are attached at import. */
#include <pthread.h>
#include <string.h>

#include "core/core.h"
#include "ingest/builtin.h"
#include "medcode/import.h"

extern const unsigned char mc_embedded_modifiers[];
extern const size_t mc_embedded_modifiers_len;

enum { MAX_MODS = 256 };

typedef struct modifier_row {
	char code[8];
	char level[4];
	char kinds[96];
	char label[160];
	char source[320];
} modifier_row;

static modifier_row rows[MAX_MODS];
static size_t nrows;
static int loaded; /* 1 ok, -1 failed; set once, under load_once */
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* Parse the embedded table into rows; runs once per process (the server
 * calls mc_modifier_kinds from several threads). */
static void load_rows(void)
{
	mc_csv r;
	mc_csv_row row;
	mc_csv_init(&r, (const char *)mc_embedded_modifiers, mc_embedded_modifiers_len, '\t', false);
	int rc;
	bool header = true;
	loaded = 1;
	while ((rc = mc_csv_next(&r, &row, NULL)) == 1) {
		if (header) {
			header = false;
			continue;
		}
		if (row.count < 5 || nrows == MAX_MODS)
			continue;
		modifier_row *m = &rows[nrows++];
		mc_copy_trim(m->code, sizeof(m->code), row.field[0], SIZE_MAX);
		mc_copy_trim(m->level, sizeof(m->level), row.field[1], SIZE_MAX);
		mc_copy_trim(m->kinds, sizeof(m->kinds), row.field[2], SIZE_MAX);
		mc_copy_trim(m->label, sizeof(m->label), row.field[3], SIZE_MAX);
		mc_copy_trim(m->source, sizeof(m->source), row.field[4], SIZE_MAX);
	}
	if (rc < 0)
		loaded = -1;
	mc_csv_release(&r);
}

static int load(void)
{
	pthread_once(&load_once, load_rows);
	return loaded;
}

const char *mc_modifier_kinds(const char *code)
{
	if (load() < 0)
		return NULL;
	for (size_t i = 0; i < nrows; i++)
		if (strcmp(rows[i].code, code) == 0)
			return rows[i].kinds;
	return NULL;
}

void mc_builtin_modifiers_sha256(char out[65])
{
	mc_sha256_hex(mc_embedded_modifiers, mc_embedded_modifiers_len, out);
}

size_t mc_builtin_modifiers_bytes(void)
{
	return mc_embedded_modifiers_len;
}

int mc_builtin_modifiers_parse(const mc_sink *sink, mc_error *err)
{
	if (load() < 0)
		return mc_error_set(err, MC_EFORMAT, "embedded modifiers.tsv is malformed");
	mc_rec_release rel = { MC_SYS_MODIFIER, "modifier-l1", MC_BUILTIN_MODIFIER_LABEL, "",
			       "medcode-modifiers" };
	int rc = sink->release ? sink->release(&rel, sink->payload) : 0;
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < nrows; i++) {
		const modifier_row *m = &rows[i];
		if (strcmp(m->level, "I") != 0)
			continue;
		mc_attr attrs[] = { { "level", "I" }, { "kinds", m->kinds }, { "label_source", m->source } };
		mc_rec_code c = { 0 };
		c.system = MC_SYS_MODIFIER;
		c.code = m->code;
		c.title_short = m->label;
		c.billable = -1;
		c.kind = "modifier";
		c.attrs = attrs;
		c.nattrs = sizeof(attrs) / sizeof(attrs[0]);
		c.line = i + 2;
		if (sink->code && (rc = sink->code(&c, sink->payload)) < 0)
			return rc;
	}
	return 0;
}
