/* medcode info: releases loaded and counts per code system. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "medcode/json.h"
#include "medcode/store.h"

enum { OPT_JSON = 256 };

static const cli_opt opts[] = {
	{ "json", OPT_JSON, false, NULL, "print JSON" },
	{ NULL, 0, false, NULL, NULL }
};

static int on_opt(int key, const char *val, void *p)
{
	(void)val;
	if (key == OPT_JSON)
		*(bool *)p = true;
	return 0;
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	bool json = false;
	int code;
	if (cli_parse(ctx->cmd, argc, argv, on_opt, &json, &code) < 0)
		return code;
	mc_error err;
	mc_error_clear(&err);
	mc_store *s = NULL;
	int rc = mc_store_open(&s, ctx->db_path, MC_STORE_READ, &err);
	if (rc < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	mc_release_info *rel = NULL;
	size_t n = 0;
	rc = mc_store_releases(s, &rel, &n, &err);
	if (rc < 0) {
		mc_store_free(s);
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	}
	if (json) {
		size_t len = 0;
		char *text = mc_json_info(mc_store_path(s), rel, n, true, &len);
		if (!text)
			rc = cli_fail(ctx->cmd, CLI_USAGE, "out of memory writing json");
		else
			fwrite(text, 1, len, stdout);
		free(text);
	} else {
		printf("store: %s\n\n", mc_store_path(s));
		printf("%-10s %-14s %-18s %-11s %-11s %9s %9s\n", "system", "stream", "release",
		       "from", "to", "records", "billable");
		for (size_t i = 0; i < n; i++) {
			const mc_release_info *r = &rel[i];
			char bill[24] = "-";
			if (r->billable >= 0)
				snprintf(bill, sizeof(bill), "%lld", (long long)r->billable);
			printf("%-10s %-14s %-18s %-11s %-11s %9lld %9s\n", r->system ? r->system : "-",
			       r->stream, r->label, *r->effective_from ? r->effective_from : "-",
			       r->effective_to ? r->effective_to : "-", (long long)r->records, bill);
		}
		if (!n)
			printf("(no releases: run 'medcode import')\n");
	}
	mc_store_releases_free(rel, n);
	mc_store_free(s);
	return rc < 0 ? CLI_USAGE : CLI_OK;
}

const cli_cmd cli_cmd_info = {
	"info", "", "show the releases loaded and counts per code system",
	"Show every release in the store: code system, stream, release label, the dates it is\n"
	"in force, its record count and billable codes, and (with --json) its source files\n"
	"with sha256.",
	opts, run
};
