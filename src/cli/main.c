/* medcode: the command-line front end.  Global options, the command table
 * and dispatch; each command lives in cmd_<name>.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

extern const cli_cmd cli_cmd_import, cli_cmd_info, cli_cmd_lookup, cli_cmd_data,
	cli_cmd_search, cli_cmd_report, cli_cmd_answer, cli_cmd_redact, cli_cmd_detect,
	cli_cmd_serve;

/* The order of `medcode --help`. */
const cli_cmd *const cli_commands[] = {
	&cli_cmd_data,
	&cli_cmd_import,
	&cli_cmd_info,
	&cli_cmd_lookup,
	&cli_cmd_search,
	&cli_cmd_report,
	&cli_cmd_answer,
	&cli_cmd_redact,
	&cli_cmd_detect,
	&cli_cmd_serve,
	NULL
};

static void usage(FILE *out)
{
	fprintf(out, "usage: medcode [--db PATH] COMMAND [ARGS...]\n\n"
		"medcode: offline medical-coding knowledge from the official code-set files.\n\n"
		"commands:\n");
	for (size_t i = 0; cli_commands[i]; i++)
		fprintf(out, "  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
	fprintf(out, "\nglobal options:\n"
		"  --db PATH   the code store (default: $MEDCODE_DB, else $XDG_DATA_HOME/medcode/medcode.db,\n"
		"              else build/medcode.db of the build tree the binary is in, when those exist)\n"
		"  --version   print the version\n"
		"  -h, --help  show this help; 'medcode COMMAND --help' for a command\n"
		"\nexit status: 0 success, 1 a finding (e.g. no such code), 2 bad usage or input\n");
}

/* The store of the build tree this binary sits in (build/medcode.db beside
 * build/release/medcode, where scripts/run imports) into buf, when it
 * exists. */
static bool build_tree_db(char *buf, size_t cap)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	char path[4096 + 16], *real;
	snprintf(path, sizeof(path), "%s/../medcode.db", exe);
	if (access(path, R_OK) != 0 || !(real = realpath(path, NULL)))
		return false;
	int w = snprintf(buf, cap, "%s", real);
	free(real);
	return w > 0 && (size_t)w < cap;
}

static const char *default_db(char *buf, size_t cap)
{
	const char *env = getenv("MEDCODE_DB");
	if (env && *env)
		return env;
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(buf, cap, "%s/medcode/medcode.db", xdg);
	else
		snprintf(buf, cap, "%s/.local/share/medcode/medcode.db", home && *home ? home : ".");
	char tree[4096];
	if (access(buf, F_OK) != 0 && build_tree_db(tree, sizeof(tree)))
		snprintf(buf, cap, "%s", tree);
	return buf;
}

int main(int argc, char **argv)
{
	char dbbuf[4096];
	const char *db = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			db = argv[i] + 5;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return CLI_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("medcode %s\n", MEDCODE_VERSION);
			return CLI_OK;
		} else {
			fprintf(stderr, "medcode: unknown global option '%s' (see 'medcode --help')\n", argv[i]);
			return CLI_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return CLI_USAGE;
	}
	const cli_cmd *cmd = NULL;
	for (size_t k = 0; cli_commands[k]; k++)
		if (strcmp(cli_commands[k]->name, argv[i]) == 0)
			cmd = cli_commands[k];
	if (!cmd) {
		fprintf(stderr, "medcode: unknown command '%s' (see 'medcode --help')\n", argv[i]);
		return CLI_USAGE;
	}
	cli_ctx ctx = { db ? db : default_db(dbbuf, sizeof(dbbuf)), cmd, "medcode", db != NULL };
	return cmd->run(&ctx, argc - i, argv + i);
}
