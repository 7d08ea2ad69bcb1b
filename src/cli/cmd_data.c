/* Placeholder: `medcode data fetch` is being written (replaced wholesale). */
#include "cli.h"

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	int code;
	int first = cli_parse(ctx->cmd, argc, argv, NULL, NULL, &code);
	if (first < 0)
		return code;
	return cli_fail(ctx->cmd, CLI_USAGE, "not available yet");
}

const cli_cmd cli_cmd_data = {
	"data", "fetch [--to DIR]", "download the official public release files",
	NULL, NULL, run
};
