/* Trait cues of the detect module (traits.c). */
#ifndef MC_DETECT_TRAITS_H
#define MC_DETECT_TRAITS_H

#include "medcode/detect.h"

enum { DT_PRE = 1, DT_POST = 2, DT_BOTH = 3, DT_PSEUDO = 4, DT_PSEUDO_UNC = 5, DT_TERM = 6 };
/* Section kinds.  FAMILY and HISTORY set traits; the others place a mention
 * for encounter coding (what the visit is about comes from the assessment
 * and plan, then the complaint and present illness, never from the review
 * of systems, examination or results alone). */
enum {
	DT_SEC_NONE,     /* no header seen yet, or one medcode does not know */
	DT_SEC_FAMILY,   /* family history */
	DT_SEC_HISTORY,  /* past medical / surgical history */
	DT_SEC_PLAN,     /* plan, instructions, follow-up */
	DT_SEC_ASSESS,   /* assessment, impression, diagnoses, assessment and plan */
	DT_SEC_CC,       /* chief complaint, reason for visit */
	DT_SEC_HPI,      /* history of present illness */
	DT_SEC_ROS,      /* review of systems */
	DT_SEC_EXAM,     /* physical examination, vital signs */
	DT_SEC_RESULTS,  /* results, labs, imaging, procedures done */
	DT_SEC_SOCIAL,   /* social history */
	DT_SEC_MEDS,     /* medications, allergies */
	DT_SEC_NKINDS
};

typedef struct dt_cue {
	const char *phrase;  /* lower-case words, single spaces */
	unsigned trait;      /* MC_DT_* (0 for pseudo-triggers and terminators) */
	int dir;             /* DT_PRE ... DT_TERM */
} dt_cue;

/* The cue table, ending with a NULL phrase. */
const dt_cue *dt_cues(void);
/* Section kind of a header label (lower case, e.g. "family history"), or
 * -1 when the label names no section medcode knows. */
int dt_section_of(const char *label);
/* Short name of a section kind ("assessment", ...). */
const char *dt_section_name(int sec);

#endif
