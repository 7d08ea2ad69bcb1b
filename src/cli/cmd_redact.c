/* Placeholder for `medcode redact`: its issue replaces this file wholesale. */
#include "cli.h"

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	int code;
	if (cli_parse(ctx->cmd, argc, argv, NULL, NULL, &code) < 0)
		return code;
	return cli_fail(ctx->cmd, CLI_USAGE, "not available yet");
}

const cli_cmd cli_cmd_redact = {
	"redact", "", "redact PHI from clinical text on stdin (not yet available)",
	NULL, NULL, run
};
