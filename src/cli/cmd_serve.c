/* medcode serve: the HTTP server (JSON API, FHIR terminology, /healthz,
 * /metrics) until SIGTERM or SIGINT, then a graceful stop. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "medcode/account.h"
#include "medcode/server.h"

enum { OPT_PORT = 256, OPT_BIND, OPT_THREADS, OPT_QUIET, OPT_CACHE, OPT_TURBO, OPT_ACCOUNTS,
       OPT_TRUST_PROXY, OPT_SECURE, OPT_GUESTS };

static const cli_opt opts[] = {
	{ "port", OPT_PORT, true, "N", "TCP port (default 8080; 0 picks a free one)" },
	{ "bind", OPT_BIND, true, "ADDR", "numeric address to listen on (default 127.0.0.1)" },
	{ "threads", OPT_THREADS, true, "N", "worker threads, each with its own store handle (default: CPUs)" },
	{ "quiet", OPT_QUIET, false, NULL, "no access log on stderr" },
	{ "cache-mb", OPT_CACHE, true, "N", "response cache for GET answers, in MiB (default 32; 0 turns it off)" },
	{ "turbo", OPT_TURBO, false, NULL, "libmicrohttpd's turbo mode (fewer checks per connection)" },
	{ "accounts", OPT_ACCOUNTS, true, "CONN", "account database: SQLite path or PostgreSQL connection string "
	  "(default $MEDCODE_ACCOUNTS, else STORE.accounts.db beside the store)" },
	{ "trust-proxy", OPT_TRUST_PROXY, false, NULL, "behind a reverse proxy: client address from "
	  "X-Forwarded-For, Secure cookies when X-Forwarded-Proto is https" },
	{ "secure-cookies", OPT_SECURE, false, NULL, "always mark cookies Secure (TLS in front)" },
	{ "guests-per-address", OPT_GUESTS, true, "N", "new guests one address may start a day before its "
	  "guests are walled (default 20; 0: no cap)" },
	{ NULL, 0, false, NULL, NULL }
};

typedef struct args {
	mc_server_opts o;
	mc_accounts_opts ao;
	const cli_cmd *cmd;
} args;

static int number(const char *s, long max, long *out)
{
	char *end;
	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	long v = strtol(s, &end, 10);
	if (*end || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

static int on_opt(int key, const char *val, void *p)
{
	args *a = p;
	long n;
	switch (key) {
	case OPT_PORT:
		if (number(val, 65535, &n) < 0)
			return cli_fail(a->cmd, CLI_USAGE, "--port wants 0..65535, not '%s'", val);
		a->o.port = (uint16_t)n;
		break;
	case OPT_THREADS:
		if (number(val, 256, &n) < 0 || n == 0)
			return cli_fail(a->cmd, CLI_USAGE, "--threads wants 1..256, not '%s'", val);
		a->o.threads = (unsigned)n;
		break;
	case OPT_CACHE:
		if (number(val, 4096, &n) < 0)
			return cli_fail(a->cmd, CLI_USAGE, "--cache-mb wants 0..4096, not '%s'", val);
		if (n == 0)
			a->o.no_cache = 1;
		else
			a->o.cache_bytes = (size_t)n << 20;
		break;
	case OPT_TURBO: a->o.turbo = 1; break;
	case OPT_ACCOUNTS: a->o.accounts = val; break;
	case OPT_TRUST_PROXY: a->o.trust_proxy = 1; break;
	case OPT_SECURE: a->o.secure_cookies = 1; break;
	case OPT_GUESTS:
		if (number(val, 1000000000, &n) < 0)
			return cli_fail(a->cmd, CLI_USAGE, "--guests-per-address wants a number, not '%s'", val);
		a->ao.guests_per_address = n ? (unsigned)n : (unsigned)-1;
		break;
	case OPT_BIND: a->o.bind = val; break;
	case OPT_QUIET: a->o.log_fd = -1; break;
	default: break;
	}
	return 0;
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	args a = { .cmd = ctx->cmd };
	a.o.port = 8080;
	int code;
	int first = cli_parse(ctx->cmd, argc, argv, on_opt, &a, &code);
	if (first < 0)
		return code;
	if (first < argc)
		return cli_fail(ctx->cmd, CLI_USAGE, "unexpected operand '%s'", argv[first]);
	a.o.db_path = ctx->db_path;
	if (!a.o.accounts)
		a.o.accounts = getenv("MEDCODE_ACCOUNTS");
	a.o.account_opts = &a.ao;

	/* Block the stop signals before any worker thread exists, so they
	 * inherit the mask and only sigwait below sees them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	mc_error err;
	mc_error_clear(&err);
	mc_server *s = NULL;
	if (mc_server_new(&s, &a.o, &err) < 0 || mc_server_start(s, &err) < 0) {
		mc_server_free(s);
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	}
	const char *host = a.o.bind ? a.o.bind : "127.0.0.1";
	bool v6 = strchr(host, ':') != NULL;
	fprintf(stderr, "medcode serve: listening on http://%s%s%s:%u/ (store %s)\n", v6 ? "[" : "", host,
		v6 ? "]" : "", (unsigned)mc_server_port(s), ctx->db_path);
	/* The account database may be a connection string with a password:
	 * say only which kind it is. */
	fprintf(stderr, "medcode serve: accounts in %s\n", mc_server_accounts_backend(s));
	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "medcode serve: %s: finishing requests in flight\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	mc_server_stop(s);
	mc_server_free(s);
	fprintf(stderr, "medcode serve: stopped\n");
	return CLI_OK;
}

const cli_cmd cli_cmd_serve = {
	"serve", "", "the HTTP server: JSON API and FHIR R4 terminology service",
	"Serve the store over HTTP/1.1: the web application (/, /codes/{code}, /search, /ask,\n"
	"/redact, /detect, /publish, accounts with metered guest access; docs/web.md), the JSON API under /api/v1 (codes/{code}?date=&system=,\n"
	"search, reports/{code} (GET code page, POST publication), answer, redact and detect\n"
	"(POST), info), FHIR R4 terminology under /fhir (metadata, CodeSystem/$lookup,\n"
	"CodeSystem/$validate-code, ValueSet/$expand), /healthz and /metrics (Prometheus).\n"
	"One line per request goes to stderr: method, path (never the query string or body),\n"
	"status, bytes, time.  SIGTERM or SIGINT stops accepting, lets requests in flight\n"
	"finish, then exits 0.  GET answers are kept in a bounded response cache keyed by the\n"
	"request, the date and the store files (--cache-mb).  See docs/server.md.",
	opts, run
};
