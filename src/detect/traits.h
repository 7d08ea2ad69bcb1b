/* Trait cues of the detect module (traits.c). */
#ifndef MC_DETECT_TRAITS_H
#define MC_DETECT_TRAITS_H

#include "medcode/detect.h"

enum { DT_PRE = 1, DT_POST = 2, DT_BOTH = 3, DT_PSEUDO = 4, DT_PSEUDO_UNC = 5, DT_TERM = 6 };
enum { DT_SEC_NONE, DT_SEC_FAMILY, DT_SEC_HISTORY, DT_SEC_PLAN };

typedef struct dt_cue {
	const char *phrase;  /* lower-case words, single spaces */
	unsigned trait;      /* MC_DT_* (0 for pseudo-triggers and terminators) */
	int dir;             /* DT_PRE ... DT_TERM */
} dt_cue;

/* The cue table, ending with a NULL phrase. */
const dt_cue *dt_cues(void);
/* Section kind of a header label (lower case, e.g. "family history"). */
int dt_section_of(const char *label);

#endif
