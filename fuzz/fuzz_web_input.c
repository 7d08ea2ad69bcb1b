/* libFuzzer entry: what the web application reads from a visitor before
 * any page runs.  The first byte picks the mode; the rest is (a) a Cookie
 * header for srv_web_cookie (the session and guest cookies), (b) a form
 * body for srv_parse_query (as POST forms are read) whose email and
 * password fields then go through the account field checks, or (c) a
 * token for the shape and CSRF checks. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "medcode/account.h"
#include "server/server_int.h"
#include "server/web_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	char *in = malloc(size);
	if (!in)
		return 0;
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';
	volatile size_t sink = 0;
	switch (data[0] % 3) {
	case 0: {
		char v[64];
		sink += srv_web_cookie(in, "mc_session", v, sizeof(v)) ? strlen(v) : 0;
		sink += srv_web_cookie(in, "mc_guest", v, sizeof(v)) ? mc_token_shape(v, MC_ACCOUNT_GUEST_LEN) : 0;
		break;
	}
	case 1: {
		mc_arena a = MC_ARENA_INIT;
		srv_kv *params = NULL;
		size_t n = 0;
		char msg[256], norm[MC_ACCOUNT_EMAIL_MAX + 1];
		mc_error err;
		if (srv_parse_query(&a, in, size - 1, &params, &n, msg, sizeof(msg)) == 0) {
			for (size_t i = 0; i < n; i++) {
				if (strcmp(params[i].name, "email") == 0)
					sink += mc_account_check_email(params[i].value, norm, &err) == 0 ? strlen(norm) : 1;
				else if (strcmp(params[i].name, "password") == 0)
					sink += (size_t)(mc_account_check_password(params[i].value, &err) + 10);
			}
		}
		mc_arena_release(&a);
		break;
	}
	default:
		sink += mc_token_shape(in, MC_ACCOUNT_TOKEN_LEN) + mc_token_shape(in, MC_ACCOUNT_CSRF_LEN);
		break;
	}
	(void)sink;
	free(in);
	return 0;
}
