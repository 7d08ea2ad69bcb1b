/* Data carried in the binary (internal to ingest). */
#ifndef MC_INGEST_BUILTIN_H
#define MC_INGEST_BUILTIN_H

#include <stddef.h>

#include "medcode/ingest.h"

#define MC_BUILTIN_MODIFIER_LABEL "medcode-1"

/* Stream the Level I modifier list as a "modifier-l1" release. */
int mc_builtin_modifiers_parse(const mc_sink *sink, mc_error *err);
void mc_builtin_modifiers_sha256(char out[65]);
size_t mc_builtin_modifiers_bytes(void);

#endif
