/* medcode lookup CODE...: the full record of each code valid on a date. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "medcode/json.h"
#include "medcode/lookup.h"
#include "medcode/store.h"

enum { OPT_JSON = 256, OPT_DATE, OPT_SYSTEM, OPT_BRIEF };

static const cli_opt opts[] = {
	{ "date", OPT_DATE, true, "YYYY-MM-DD", "the date the codes must be valid on (default today)" },
	{ "system", OPT_SYSTEM, true, "SYSTEM", "only this system: icd10cm, hcpcs, cpt, modifier, taxonomy" },
	{ "brief", OPT_BRIEF, false, NULL, "titles and status only" },
	{ "json", OPT_JSON, false, NULL, "print JSON" },
	{ NULL, 0, false, NULL, NULL }
};

typedef struct args {
	bool json, brief;
	const char *date;
	mc_system system;
	const cli_cmd *cmd;
} args;

static int on_opt(int key, const char *val, void *p)
{
	args *a = p;
	switch (key) {
	case OPT_JSON: a->json = true; break;
	case OPT_BRIEF: a->brief = true; break;
	case OPT_DATE: a->date = val; break;
	case OPT_SYSTEM:
		a->system = mc_system_from_name(val);
		if (a->system == MC_SYS_NONE)
			return cli_fail(a->cmd, CLI_USAGE, "unknown system '%s' (icd10cm, hcpcs, cpt, modifier, taxonomy)", val);
		break;
	default: break;
	}
	return 0;
}

static const char *or_na(const char *s)
{
	return s && *s ? s : "Data not available in the input.";
}

static void print_source(const char *what, const mc_source *s)
{
	if (!s->stream)
		return;
	printf("  source (%s): %s %s, in force %s to %s; %s\n", what, s->stream, s->label,
	       s->effective_from && *s->effective_from ? s->effective_from : "?",
	       s->effective_to ? s->effective_to : "now", s->files ? s->files : "");
}

static void print_record(const mc_code_record *r, bool brief)
{
	printf("%s %s", r->system, r->code);
	if (r->kind && strcmp(r->kind, "code") != 0)
		printf(" (%s)", r->kind);
	printf(": %s\n", or_na(r->title_long ? r->title_long : r->title_short));
	if (r->title_short && r->title_long && strcmp(r->title_short, r->title_long) != 0)
		printf("  short: %s\n", r->title_short);
	if (r->title_other)
		printf("  other: %s\n", r->title_other);
	printf("  billable: %s\n", r->billable < 0 ? "n/a" : r->billable ? "yes" : "no (header: not billable)");
	printf("  state: %s", r->state);
	if (r->deleted_on)
		printf(" on %s", r->deleted_on);
	printf("\n");
	print_source("code", &r->source);
	if (brief)
		return;
	for (size_t i = 0; i < r->nancestors; i++)
		printf("  %*s%s %s\n", (int)(2 * i), "", r->ancestors[i].code,
		       r->ancestors[i].title ? r->ancestors[i].title : "");
	if (r->nchildren) {
		printf("  billable codes under %s (%zu%s):\n", r->code, r->nchildren,
		       r->children_truncated ? "+" : "");
		for (size_t i = 0; i < r->nchildren && i < 40; i++)
			printf("    %s %s\n", r->children[i].code, r->children[i].title ? r->children[i].title : "");
		if (r->nchildren > 40)
			printf("    ... (%zu more; --json lists them)\n", r->nchildren - 40);
	}
	for (size_t i = 0; i < r->nattrs; i++)
		printf("  %s: %s\n", r->attrs[i].key, r->attrs[i].value);
	if (r->nnotes) {
		printf("  notes:\n");
		for (size_t i = 0; i < r->nnotes; i++)
			printf("    [%s] %s\n", r->notes[i].kind, r->notes[i].text);
		print_source("notes", &r->notes_source);
	}
	if (r->nseventh) {
		printf("  7th characters:\n");
		for (size_t i = 0; i < r->nseventh; i++)
			printf("    %s %s\n", r->seventh[i].key, r->seventh[i].value);
	}
	if (r->nindex) {
		printf("  index entries:\n");
		for (size_t i = 0; i < r->nindex; i++)
			printf("    [%s] %s\n", r->index_terms[i].value, r->index_terms[i].key);
	}
	for (size_t i = 0; i < r->nrvu; i++) {
		const mc_rvu_item *it = &r->rvu[i];
		printf("  fee schedule%s%s: work RVU %s, non-facility total %s, facility total %s\n",
		       *it->mod ? " modifier " : "", it->mod, or_na(it->field[MC_RVU_WORK]),
		       or_na(it->field[MC_RVU_NONFAC_TOTAL]), or_na(it->field[MC_RVU_FAC_TOTAL]));
		for (size_t k = 0; k < it->nindicators; k++)
			printf("    %-17s %-4s %s\n", it->indicators[k].field, it->indicators[k].value,
			       it->indicators[k].meaning ? it->indicators[k].meaning : "");
	}
	print_source("fee schedule", &r->rvu_source);
	for (size_t i = 0; i < r->nmue; i++)
		printf("  MUE %s: %ld unit(s), MAI %d %s; %s\n", r->mue[i].service_type, r->mue[i].units,
		       r->mue[i].mai, r->mue[i].mai_desc ? r->mue[i].mai_desc : "",
		       r->mue[i].rationale ? r->mue[i].rationale : "");
	print_source("MUE", &r->mue_source);
	if (r->naddon_primaries) {
		printf("  add-on code; primary codes (%zu):", r->naddon_primaries);
		for (size_t i = 0; i < r->naddon_primaries; i++)
			printf(" %s", r->addon_primaries[i].code);
		printf("\n");
	}
	if (r->naddons) {
		printf("  primary for add-on codes (%zu):", r->naddons);
		for (size_t i = 0; i < r->naddons; i++)
			printf(" %s", r->addons[i].code);
		printf("\n");
	}
	print_source("add-on edits", &r->aoc_source);
	if (r->ptp_total)
		printf("  NCCI PTP edits naming %s: %zu\n", r->code, r->ptp_total);
	if (r->nhistory) {
		printf("  history:\n");
		for (size_t i = 0; i < r->nhistory; i++)
			printf("    %s %s%s%s\n", r->history[i].date, r->history[i].change,
			       r->history[i].new_ ? ": " : "", r->history[i].new_ ? r->history[i].new_ : "");
	}
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	args a = { .cmd = ctx->cmd };
	int code;
	int first = cli_parse(ctx->cmd, argc, argv, on_opt, &a, &code);
	if (first < 0)
		return code;
	if (first >= argc)
		return cli_fail(ctx->cmd, CLI_USAGE, "no CODE given (see 'medcode lookup --help')");
	mc_error err;
	mc_error_clear(&err);
	mc_store *s = NULL;
	int rc = mc_store_open(&s, ctx->db_path, MC_STORE_READ, &err);
	if (rc < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	int exit_code = CLI_OK;
	/* --json: one lookup object per CODE; several are wrapped in an array. */
	size_t njson = 0;
	for (int i = first; i < argc; i++) {
		mc_lookup_opts o = { a.date, a.system, 0, a.brief };
		mc_lookup_result r;
		rc = mc_lookup(s, argv[i], &o, &r, &err);
		if (rc < 0) {
			mc_lookup_result_release(&r);
			exit_code = cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
			break;
		}
		bool found = false;
		for (size_t k = 0; k < r.n; k++)
			if (strcmp(r.items[k].state, "active") == 0)
				found = true;
		if (!found)
			exit_code = CLI_FINDING;
		if (a.json) {
			size_t len = 0;
			char *text = mc_json_lookup(&r, true, &len);
			if (!text) {
				mc_lookup_result_release(&r);
				exit_code = cli_fail(ctx->cmd, CLI_USAGE, "out of memory writing json");
				break;
			}
			if (argc - first > 1)
				fputs(njson ? ",\n" : "[\n", stdout);
			/* Without the encoder's final newline when inside an array. */
			fwrite(text, 1, argc - first > 1 ? len - 1 : len, stdout);
			njson++;
			free(text);
		} else {
			if (!r.n)
				printf("%s: no such code on %s\n", argv[i], r.date);
			for (size_t k = 0; k < r.n; k++) {
				print_record(&r.items[k], a.brief || r.n > 20);
				if (k + 1 < r.n)
					printf("\n");
			}
			if (r.truncated)
				printf("(more codes match: narrow the range or prefix)\n");
			if (i + 1 < argc)
				printf("\n");
		}
		mc_lookup_result_release(&r);
	}
	if (a.json && argc - first > 1 && njson)
		fputs("\n]\n", stdout);
	mc_store_free(s);
	return exit_code;
}

const cli_cmd cli_cmd_lookup = {
	"lookup", "CODE...", "show the full record of codes valid on a date",
	"Show each code's record as of a date: titles, billable or header (with its billable\n"
	"codes), hierarchy, tabular notes, 7th characters, index entries, fee-schedule\n"
	"indicators with their meaning, MUE, add-on and PTP edits, and history.  Codes may be\n"
	"written with or without the dot and in any case; ranges (77001-77003) and prefixes\n"
	"(E11.5*) work.  A dotless code found in two systems shows both; --system picks one.\n"
	"Exit 1 when a code is not valid on the date.",
	opts, run
};
