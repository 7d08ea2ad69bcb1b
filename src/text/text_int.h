/* Internal to the text module and its tests. */
#ifndef MEDCODE_TEXT_INT_H
#define MEDCODE_TEXT_INT_H

#include "medcode/text.h"

/* mc_text_tokenize without the 64-byte block reader: the same tokens, read
 * a byte (or, for ASCII words, eight bytes) at a time.  The tests hold the
 * fast tokenizer to it. */
int mc_text_tokenize_plain(mc_tokens *t, const char *s, size_t len, mc_error *err);

#endif
