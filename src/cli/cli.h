/* The medcode command-line front end: a table of commands, each in its own
 * cmd_<name>.c with an option table that also prints its --help.
 * Only public headers (include/medcode/) are used from here. */
#ifndef MC_CLI_H
#define MC_CLI_H

#include <stdbool.h>
#include <stdio.h>

/* Exit codes (DESIGN.md): */
enum {
	CLI_OK = 0,      /* success */
	CLI_FINDING = 1, /* a finding the user asked about (no such code, ...) */
	CLI_USAGE = 2    /* bad usage or bad input */
};

typedef struct cli_opt {
	const char *name;    /* long name without "--" */
	int key;             /* value passed to the handler (a char or >= 256) */
	bool has_arg;
	const char *argname; /* shown in --help, e.g. "YYYY-MM-DD" */
	const char *help;
} cli_opt;

struct cli_cmd;

/* What every command gets. */
typedef struct cli_ctx {
	const char *db_path;        /* resolved store path (--db, $MEDCODE_DB, XDG) */
	const struct cli_cmd *cmd;
	const char *prog;           /* "medcode" */
	bool db_given;              /* db_path came from --db (not $MEDCODE_DB or the default) */
} cli_ctx;

typedef struct cli_cmd {
	const char *name;        /* "lookup", or "data fetch" style "data" */
	const char *args;        /* operands for the usage line: "CODE..." */
	const char *summary;     /* one line for `medcode --help` */
	const char *description; /* paragraph for `medcode NAME --help` */
	const cli_opt *opts;     /* ends with a zeroed entry; may be NULL */
	int (*run)(const cli_ctx *ctx, int argc, char **argv);
} cli_cmd;

/* Parse argv (argv[0] is the command name) against cmd->opts, calling on()
 * for each option.  --help/-h prints help to stdout and returns -1 with
 * *exit_code = 0; a bad option prints an error and returns -1 with
 * *exit_code = 2.  On success returns the index of the first operand. */
int cli_parse(const cli_cmd *cmd, int argc, char **argv,
	      int (*on)(int key, const char *arg, void *payload), void *payload,
	      int *exit_code);

/* Print the command's help (usage line, description, options). */
void cli_help(const cli_cmd *cmd, FILE *out);

/* Print "medcode NAME: <message>" to stderr and return CLI_USAGE. */
int cli_fail(const cli_cmd *cmd, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* True when stderr is a terminal (for progress output). */
bool cli_stderr_tty(void);

/* The command table, ending with a zeroed entry. */
extern const cli_cmd *const cli_commands[];

#endif
