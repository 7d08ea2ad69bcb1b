/* medcode wipe: zero memory that held clinical text or secrets, so that no
 * copy outlives its use.  Part of core; the one wipe every module uses.
 */
#ifndef MEDCODE_WIPE_H
#define MEDCODE_WIPE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Zero n bytes at p (p may be NULL when n is 0) in a way the compiler
 * cannot drop as a dead store. */
void mc_wipe(void *p, size_t n);

#ifdef __cplusplus
}
#endif
#endif
