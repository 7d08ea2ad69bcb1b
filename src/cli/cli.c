/* Option parsing and help printing shared by every command. */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_OPTS = 48 };

void cli_help(const cli_cmd *cmd, FILE *out)
{
	fprintf(out, "usage: medcode [--db PATH] %s%s%s%s\n\n", cmd->name,
		cmd->opts && cmd->opts[0].name ? " [OPTIONS]" : "",
		cmd->args && *cmd->args ? " " : "", cmd->args ? cmd->args : "");
	fprintf(out, "%s\n", cmd->description ? cmd->description : cmd->summary);
	fprintf(out, "\noptions:\n");
	for (const cli_opt *o = cmd->opts; o && o->name; o++) {
		char left[64];
		if (o->has_arg)
			snprintf(left, sizeof(left), "--%s %s", o->name, o->argname ? o->argname : "VALUE");
		else
			snprintf(left, sizeof(left), "--%s", o->name);
		fprintf(out, "  %-28s %s\n", left, o->help);
	}
	fprintf(out, "  %-28s %s\n", "-h, --help", "show this help");
}

int cli_fail(const cli_cmd *cmd, int code, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "medcode %s: ", cmd ? cmd->name : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

bool cli_stderr_tty(void)
{
	return isatty(STDERR_FILENO) == 1;
}

int cli_parse(const cli_cmd *cmd, int argc, char **argv,
	      int (*on)(int key, const char *arg, void *payload), void *payload,
	      int *exit_code)
{
	struct option lo[MAX_OPTS + 2];
	size_t n = 0;
	for (const cli_opt *o = cmd->opts; o && o->name && n < MAX_OPTS; o++, n++) {
		lo[n].name = o->name;
		lo[n].has_arg = o->has_arg ? required_argument : no_argument;
		lo[n].flag = NULL;
		lo[n].val = o->key;
	}
	lo[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[n] = (struct option){ NULL, 0, NULL, 0 };

	*exit_code = CLI_OK;
	optind = 1;
	opterr = 0;
	for (;;) {
		int longidx = -1;
		int c = getopt_long(argc, argv, "h", lo, &longidx);
		if (c == -1)
			break;
		if (c == 'h') {
			cli_help(cmd, stdout);
			return -1;
		}
		if (c == '?' || c == ':') {
			const char *bad = argv[optind - 1] ? argv[optind - 1] : "?";
			*exit_code = cli_fail(cmd, CLI_USAGE, "unknown option or missing value: '%s' (see 'medcode %s --help')",
					      bad, cmd->name);
			return -1;
		}
		int rc = on ? on(c, optarg, payload) : 0;
		if (rc != 0) {
			*exit_code = rc;
			return -1;
		}
	}
	return optind;
}
