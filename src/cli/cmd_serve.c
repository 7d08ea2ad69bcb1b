/* Placeholder for `medcode serve`: its issue replaces this file wholesale. */
#include "cli.h"

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	int code;
	if (cli_parse(ctx->cmd, argc, argv, NULL, NULL, &code) < 0)
		return code;
	return cli_fail(ctx->cmd, CLI_USAGE, "not available yet");
}

const cli_cmd cli_cmd_serve = {
	"serve", "", "the HTTP server: JSON API, FHIR terminology, web pages (not yet available)",
	NULL, NULL, run
};
