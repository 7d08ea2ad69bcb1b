/* medcode redact: PHI redaction of clinical text, stdin to stdout.
 *
 * Plain text: a document ends at a form feed or end of input; it is read
 * in pieces (up to a blank line, at most 64 KiB) so memory stays bounded,
 * and names found earlier in the document are still propagated.
 * --jsonl: one {"id","text"} per line (a line may hold "patient" too, for
 * per-patient date offsets); one {"id","text","spans"} per line out.
 * Input is never logged; buffers are wiped after use. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "medcode/phi.h"
#include "medcode/store.h"
#include "medcode/wipe.h"

enum { OPT_MODE = 256, OPT_JSONL, OPT_NAMES, OPT_KEY, OPT_SHIFT, OPT_WEEKDAY, OPT_WORDS, OPT_NO_STORE,
       OPT_STATS };

static const cli_opt opts[] = {
	{ "mode", OPT_MODE, true, "MODE", "mask (default: [NAME], [DATE]...), surrogate (realistic fakes) or spans (JSON)" },
	{ "jsonl", OPT_JSONL, false, NULL, "read and write JSON lines: {\"id\",\"text\"} in, {\"id\",\"text\",\"spans\"} out" },
	{ "names", OPT_NAMES, true, "DIR", "name lists (census1990/, census2010_derived/, ssa_national/); default $MEDCODE_DATA/names" },
	{ "words", OPT_WORDS, true, "FILE", "English word list (default /usr/share/dict/american-english)" },
	{ "key", OPT_KEY, true, "KEY", "secret for surrogates and date offsets that stay the same across documents" },
	{ "shift-dates", OPT_SHIFT, false, NULL, "replace dates by dates shifted by a per-patient offset (keeps intervals)" },
	{ "keep-weekday", OPT_WEEKDAY, false, NULL, "shift dates by whole weeks so weekdays stay" },
	{ "stats", OPT_STATS, false, NULL, "print the word lists' sizes and load times to stderr" },
	{ "no-store", OPT_NO_STORE, false, NULL, "do not read the code store's clinical words (see above)" },
	{ NULL, 0, false, NULL, NULL }
};

typedef struct args {
	const cli_cmd *cmd;
	mc_phi_mode mode;
	bool jsonl, no_store, stats;
	mc_phi_opts o;
} args;

static int on_opt(int key, const char *val, void *p)
{
	args *a = p;
	switch (key) {
	case OPT_MODE:
		if (strcmp(val, "mask") == 0)
			a->mode = MC_PHI_MODE_MASK;
		else if (strcmp(val, "surrogate") == 0)
			a->mode = MC_PHI_MODE_SURROGATE;
		else if (strcmp(val, "spans") == 0)
			a->mode = MC_PHI_MODE_SPANS;
		else
			return cli_fail(a->cmd, CLI_USAGE, "unknown mode '%s' (mask, surrogate, spans)", val);
		break;
	case OPT_JSONL: a->jsonl = true; break;
	case OPT_NAMES: a->o.names_dir = val; break;
	case OPT_WORDS: a->o.wordlist = val; break;
	case OPT_KEY: a->o.key = val; break;
	case OPT_SHIFT: a->o.shift_dates = true; break;
	case OPT_WEEKDAY: a->o.keep_weekday = true; a->o.shift_dates = true; break;
	case OPT_NO_STORE: a->no_store = true; break;
	case OPT_STATS: a->stats = true; break;
	default: break;
	}
	return 0;
}

/* jansson's memory goes through these so every JSON string (the notes)
 * is wiped when jansson frees it. */
typedef union wipe_hdr {
	size_t n;
	max_align_t align;
} wipe_hdr;

static void *wipe_malloc(size_t n)
{
	if (n > SIZE_MAX - sizeof(wipe_hdr))
		return NULL;
	wipe_hdr *h = malloc(sizeof(wipe_hdr) + n);
	if (!h)
		return NULL;
	h->n = n;
	return h + 1;
}

static void wipe_free(void *p)
{
	if (!p)
		return;
	wipe_hdr *h = (wipe_hdr *)p - 1;
	mc_wipe(p, h->n);
	free(h);
}

enum { LINE_MAX_BYTES = 64 << 20, PIECE_BYTES = 64 << 10 };

/* One JSONL document. Returns 0, or CLI_USAGE on bad input (reported). */
static int do_json_line(const cli_cmd *cmd, mc_phi *phi, mc_phi_doc **docp, mc_phi_mode mode,
			const char *line, size_t n, size_t lineno, mc_phi_result *res)
{
	json_error_t jerr;
	json_t *in = json_loadb(line, n, 0, &jerr);
	if (!in || !json_is_object(in)) {
		json_decref(in);
		return cli_fail(cmd, CLI_USAGE, "stdin:%zu: expected a JSON object {\"id\", \"text\"}", lineno);
	}
	json_t *jt = json_object_get(in, "text");
	json_t *jp = json_object_get(in, "patient");
	if (!json_is_string(jt)) {
		json_decref(in);
		return cli_fail(cmd, CLI_USAGE, "stdin:%zu: \"text\" must be a string", lineno);
	}
	const char *text = json_string_value(jt);
	size_t len = json_string_length(jt);
	mc_error err;
	mc_error_clear(&err);
	/* one document object for the whole run, reset per line */
	const char *patient = json_is_string(jp) ? json_string_value(jp) : NULL;
	char *out = NULL;
	size_t out_len = 0;
	int rc = *docp ? mc_phi_doc_reset(*docp, patient, &err) : mc_phi_doc_new(docp, phi, patient, &err);
	mc_phi_doc *doc = *docp;
	if (rc == 0)
		rc = mc_phi_detect(doc, text, len, res, &err);
	if (rc == 0)
		rc = mc_phi_redact(doc, text, len, res, mode, &out, &out_len, &err);
	if (rc < 0) {
		json_decref(in);
		return cli_fail(cmd, CLI_USAGE, "stdin:%zu: %s", lineno, err.msg);
	}
	json_t *o = json_object();
	json_t *spans = mc_json_phi_spans(res);
	json_t *id = json_object_get(in, "id");
	int bad = !o || !spans;
	if (!bad) {
		json_object_set(o, "id", id ? id : json_null());
		json_object_set_new(o, "text", json_stringn(out, out_len));
		json_object_set_new(o, "spans", spans);
		spans = NULL;
		if (json_dumpf(o, stdout, JSON_COMPACT) < 0)
			bad = 1;
		else
			fputc('\n', stdout);
	}
	json_decref(spans);
	json_decref(o);
	mc_phi_text_free(out, out_len);
	json_decref(in);
	if (bad)
		return cli_fail(cmd, CLI_USAGE, "out of memory writing output");
	return 0;
}

static int run_jsonl(const cli_cmd *cmd, mc_phi *phi, mc_phi_mode mode)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int code = CLI_OK;
	mc_phi_result res;
	mc_phi_result_init(&res);
	mc_phi_doc *doc = NULL;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		size_t len = (size_t)n;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len == 0)
			continue;
		if (len > LINE_MAX_BYTES) {
			code = cli_fail(cmd, CLI_USAGE, "stdin:%zu: line longer than 64 MiB", lineno);
			mc_wipe(line, cap);
			continue;
		}
		if (do_json_line(cmd, phi, &doc, mode, line, len, lineno, &res) != 0)
			code = CLI_USAGE;
		mc_wipe(line, cap);
	}
	if (line)
		mc_wipe(line, cap);
	free(line);
	mc_phi_doc_free(doc);
	mc_phi_result_release(&res);
	return code;
}

/* Plain text: pieces end at a blank line or after PIECE_BYTES (at a line
 * end when there is one); a form feed ends the document. */
static int run_plain(const cli_cmd *cmd, mc_phi *phi, mc_phi_mode mode)
{
	char *piece = malloc(PIECE_BYTES + 1);
	if (!piece)
		return cli_fail(cmd, CLI_USAGE, "out of memory");
	size_t have = 0, cp_base = 0;
	bool eof = false, first_span = true;
	int code = CLI_OK;
	mc_error err;
	mc_error_clear(&err);
	mc_phi_doc *doc = NULL;
	mc_phi_result res;
	mc_phi_result_init(&res);
	if (mode == MC_PHI_MODE_SPANS)
		fputs("{\"spans\":[", stdout);
	while (!eof || have) {
		/* fill */
		while (!eof && have < PIECE_BYTES) {
			int c = getchar();
			if (c == EOF) {
				eof = true;
				break;
			}
			piece[have++] = (char)c;
			if (c == '\n' && have >= 2 && piece[have - 2] == '\n')
				break;
			if (c == '\f')
				break;
		}
		size_t cut = have;
		if (!eof && have == PIECE_BYTES) {
			/* cut at the last line end, or the last space */
			size_t k = have;
			while (k > have / 2 && piece[k - 1] != '\n')
				k--;
			if (k == have / 2) {
				k = have;
				while (k > have / 2 && piece[k - 1] != ' ')
					k--;
			}
			if (k > have / 2)
				cut = k;
		}
		bool doc_end = cut > 0 && piece[cut - 1] == '\f';
		if (!doc && mc_phi_doc_new(&doc, phi, NULL, &err) < 0) {
			code = cli_fail(cmd, CLI_USAGE, "%s", err.msg);
			break;
		}
		char *out = NULL;
		size_t out_len = 0;
		int rc = mc_phi_detect(doc, piece, cut, &res, &err);
		if (rc == 0)
			rc = mc_phi_redact(doc, piece, cut, &res, mode, &out, &out_len, &err);
		if (rc < 0) {
			code = cli_fail(cmd, CLI_USAGE, "%s", err.msg);
			break;
		}
		if (mode == MC_PHI_MODE_SPANS) {
			for (size_t i = 0; i < res.n; i++) {
				printf("%s\n{\"start\":%zu,\"end\":%zu,\"type\":\"%s\"}", first_span ? "" : ",",
				       cp_base + res.spans[i].cp_start, cp_base + res.spans[i].cp_end,
				       mc_phi_type_name(res.spans[i].type));
				first_span = false;
			}
			/* advance by the piece's code points */
			size_t cps = 0;
			for (size_t i = 0; i < cut; i++)
				if (((unsigned char)piece[i] & 0xC0) != 0x80)
					cps++;
			cp_base += cps;
		} else {
			fwrite(out, 1, out_len, stdout);
		}
		mc_phi_text_free(out, out_len);
		memmove(piece, piece + cut, have - cut);
		mc_wipe(piece + (have - cut), cut);
		have -= cut;
		if (doc_end && mc_phi_doc_reset(doc, NULL, &err) < 0) {
			code = cli_fail(cmd, CLI_USAGE, "%s", err.msg);
			break;
		}
	}
	if (mode == MC_PHI_MODE_SPANS && code == CLI_OK)
		fputs("\n]}\n", stdout);
	mc_phi_doc_free(doc);
	mc_phi_result_release(&res);
	mc_wipe(piece, PIECE_BYTES + 1);
	free(piece);
	return code;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int add_text(const char *text, size_t len, void *payload)
{
	return mc_phi_add_vocabulary(payload, text, len, NULL);
}

/* The store's clinical words are not taken for names (mc_store_vocabulary).
 * A store named by --db must be readable; the default one ($MEDCODE_DB,
 * else the XDG path) is used when it exists. */
static int load_vocabulary(const cli_ctx *ctx, mc_phi *phi)
{
	mc_error err;
	mc_error_clear(&err);
	mc_store *st = NULL;
	int rc = mc_store_open(&st, ctx->db_path, MC_STORE_READ, &err);
	if (rc == MC_ENOTFOUND && !ctx->db_given)
		return 0;
	size_t nn, nw;
	mc_phi_stats(phi, &nn, &nw);
	if (rc == 0 && nn > 0) /* without name lists nothing would be added */
		rc = mc_store_vocabulary(st, add_text, phi, &err);
	mc_store_free(st);
	if (rc == MC_ENOMEM)
		return cli_fail(ctx->cmd, CLI_USAGE, "out of memory reading the store's vocabulary");
	if (rc < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s (--no-store redacts without it)", err.msg);
	return 0;
}

static int run(const cli_ctx *ctx, int argc, char **argv)
{
	args a = { .cmd = ctx->cmd, .mode = MC_PHI_MODE_MASK };
	int code;
	int first = cli_parse(ctx->cmd, argc, argv, on_opt, &a, &code);
	if (first < 0)
		return code;
	if (first < argc)
		return cli_fail(ctx->cmd, CLI_USAGE, "unexpected operand '%s' (text comes on stdin)", argv[first]);
	mc_error err;
	mc_error_clear(&err);
	mc_phi *phi = NULL;
	double t0 = now_s();
	if (mc_phi_new(&phi, &a.o, &err) < 0)
		return cli_fail(ctx->cmd, CLI_USAGE, "%s", err.msg);
	double t1 = now_s();
	if (!a.no_store && (code = load_vocabulary(ctx, phi)) != 0) {
		mc_phi_free(phi);
		return code;
	}
	if (a.stats) {
		size_t nn, nw;
		mc_phi_stats(phi, &nn, &nw);
		fprintf(stderr, "redact: %zu name entries, %zu English words, loaded in %.3f s; "
			"%zu clinical words from the store, in %.3f s\n", nn, nw, t1 - t0,
			mc_phi_vocabulary_size(phi), now_s() - t1);
	}
	json_set_alloc_funcs(wipe_malloc, wipe_free);
	code = a.jsonl ? run_jsonl(ctx->cmd, phi, a.mode) : run_plain(ctx->cmd, phi, a.mode);
	mc_phi_free(phi);
	if (fflush(stdout) != 0)
		code = cli_fail(ctx->cmd, CLI_USAGE, "cannot write output");
	return code;
}

const cli_cmd cli_cmd_redact = {
	"redact", "", "redact PHI (the 18 Safe Harbor identifiers) from clinical text on stdin",
	"Read clinical text on stdin and write it to stdout with names, dates, ages over 89,\n"
	"contact details, identifiers, addresses and the like replaced: by [TYPE] (mask),\n"
	"by realistic fakes that stay consistent within a document and, given --key, across\n"
	"documents (surrogate), or listed as JSON spans in code points (spans).  Dates can be\n"
	"shifted by a per-patient offset that keeps intervals (--shift-dates, --keep-weekday).\n"
	"With --jsonl each input line is {\"id\", \"text\"} (optionally \"patient\") and each output\n"
	"line {\"id\", \"text\", \"spans\": [{\"start\", \"end\", \"type\"}]}.  Plain text: a form\n"
	"feed separates documents.  Input is never logged or stored.\n"
	"Clinical words of the code store (ICD-10-CM and HCPCS titles, inclusion and index\n"
	"terms; the store of the global --db, else $MEDCODE_DB, else the default path, when\n"
	"it exists; --no-store skips it) are not taken for names by themselves.  A word a\n"
	"name list or the English word list knows keeps its rules (\"Wilson\" stays a name);\n"
	"without name lists the store is not read.",
	opts, run
};
