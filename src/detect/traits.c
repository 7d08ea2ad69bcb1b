/* Context cues for traits (NegEx/ConText style): trigger phrases that act
 * forward (pre) or backward (post) within their clause, pseudo-triggers
 * that block them ("not ruled out"), and clause terminators. */
#include <stdbool.h>
#include <string.h>

#include "detect/traits.h"

/* Phrases are lower-case words separated by single spaces; punctuation
 * tokens are words too ("s / p", "r / o", "?"). */
static const dt_cue cues[] = {
	/* pseudo-triggers first (longer phrases win anyway) */
	{ "not ruled out", 0, DT_PSEUDO_UNC },
	{ "cannot be ruled out", 0, DT_PSEUDO_UNC },
	{ "can not be ruled out", 0, DT_PSEUDO_UNC },
	{ "could not be ruled out", 0, DT_PSEUDO_UNC },
	{ "not be ruled out", 0, DT_PSEUDO_UNC },
	{ "cannot be excluded", 0, DT_PSEUDO_UNC },
	{ "could not be excluded", 0, DT_PSEUDO_UNC },
	{ "not excluded", 0, DT_PSEUDO_UNC },
	{ "not be excluded", 0, DT_PSEUDO_UNC },
	{ "no increase", 0, DT_PSEUDO },
	{ "no change", 0, DT_PSEUDO },
	{ "no significant change", 0, DT_PSEUDO },
	{ "not only", 0, DT_PSEUDO },
	{ "no further", 0, DT_PSEUDO },
	{ "without difficulty", 0, DT_PSEUDO },
	{ "not necessarily", 0, DT_PSEUDO },
	{ "gram negative", 0, DT_PSEUDO },
	{ "gram - negative", 0, DT_PSEUDO },
	{ "not certain if", MC_DT_UNCERTAIN, DT_PRE },
	{ "not certain whether", MC_DT_UNCERTAIN, DT_PRE },
	/* negation */
	{ "no", MC_DT_NEGATION, DT_PRE },
	{ "not", MC_DT_NEGATION, DT_PRE },
	{ "non", 0, DT_PSEUDO },
	{ "denies", MC_DT_NEGATION, DT_PRE },
	{ "denied", MC_DT_NEGATION, DT_PRE },
	{ "deny", MC_DT_NEGATION, DT_PRE },
	{ "denying", MC_DT_NEGATION, DT_PRE },
	{ "without", MC_DT_NEGATION, DT_PRE },
	{ "negative for", MC_DT_NEGATION, DT_PRE },
	{ "free of", MC_DT_NEGATION, DT_PRE },
	{ "absence of", MC_DT_NEGATION, DT_PRE },
	{ "absent", MC_DT_NEGATION, DT_POST },
	{ "no evidence of", MC_DT_NEGATION, DT_PRE },
	{ "no signs of", MC_DT_NEGATION, DT_PRE },
	{ "no sign of", MC_DT_NEGATION, DT_PRE },
	{ "rules out", MC_DT_NEGATION, DT_PRE },
	{ "ruled out", MC_DT_NEGATION, DT_BOTH },
	{ "was ruled out", MC_DT_NEGATION, DT_POST },
	{ "were ruled out", MC_DT_NEGATION, DT_POST },
	{ "was excluded", MC_DT_NEGATION, DT_POST },
	{ "were excluded", MC_DT_NEGATION, DT_POST },
	{ "never had", MC_DT_NEGATION, DT_PRE },
	{ "never", MC_DT_NEGATION, DT_PRE },
	{ "neither", MC_DT_NEGATION, DT_PRE },
	{ "nor", MC_DT_NEGATION, DT_PRE },
	{ "negative", MC_DT_NEGATION, DT_POST },
	{ "was negative", MC_DT_NEGATION, DT_POST },
	{ "were negative", MC_DT_NEGATION, DT_POST },
	{ "is negative", MC_DT_NEGATION, DT_POST },
	{ "not seen", MC_DT_NEGATION, DT_POST },
	{ "not found", MC_DT_NEGATION, DT_POST },
	{ "not present", MC_DT_NEGATION, DT_POST },
	{ "not detected", MC_DT_NEGATION, DT_POST },
	{ "unremarkable for", MC_DT_NEGATION, DT_PRE },
	{ "resolved", MC_DT_HISTORY, DT_POST },
	/* hypothetical */
	{ "if", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "return if", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "should", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "in case of", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "risk of", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "risk for", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "at risk for", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "to prevent", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "prevention of", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "prophylaxis", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "watch for", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "monitor for", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "screening for", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "call for", MC_DT_HYPOTHETICAL, DT_PRE },
	{ "in the event of", MC_DT_HYPOTHETICAL, DT_PRE },
	/* history */
	{ "history of", MC_DT_HISTORY, DT_PRE },
	{ "h / o", MC_DT_HISTORY, DT_PRE },
	{ "hx of", MC_DT_HISTORY, DT_PRE },
	{ "s / p", MC_DT_HISTORY, DT_PRE },
	{ "status post", MC_DT_HISTORY, DT_PRE },
	{ "previous", MC_DT_HISTORY, DT_PRE },
	{ "previously", MC_DT_HISTORY, DT_BOTH },
	{ "prior", MC_DT_HISTORY, DT_PRE },
	{ "past", MC_DT_HISTORY, DT_PRE },
	{ "former", MC_DT_HISTORY, DT_PRE },
	{ "remote", MC_DT_HISTORY, DT_PRE },
	{ "in the past", MC_DT_HISTORY, DT_POST },
	{ "years ago", MC_DT_HISTORY, DT_POST },
	{ "in childhood", MC_DT_HISTORY, DT_POST },
	/* family */
	{ "family history of", MC_DT_FAMILY, DT_PRE },
	{ "family history", MC_DT_FAMILY, DT_BOTH },
	{ "fh", MC_DT_FAMILY, DT_PRE },
	{ "mother", MC_DT_FAMILY, DT_BOTH },
	{ "father", MC_DT_FAMILY, DT_BOTH },
	{ "brother", MC_DT_FAMILY, DT_BOTH },
	{ "sister", MC_DT_FAMILY, DT_BOTH },
	{ "sibling", MC_DT_FAMILY, DT_BOTH },
	{ "siblings", MC_DT_FAMILY, DT_BOTH },
	{ "parents", MC_DT_FAMILY, DT_BOTH },
	{ "grandmother", MC_DT_FAMILY, DT_BOTH },
	{ "grandfather", MC_DT_FAMILY, DT_BOTH },
	{ "aunt", MC_DT_FAMILY, DT_BOTH },
	{ "uncle", MC_DT_FAMILY, DT_BOTH },
	{ "cousin", MC_DT_FAMILY, DT_BOTH },
	{ "mom", MC_DT_FAMILY, DT_BOTH },
	{ "dad", MC_DT_FAMILY, DT_BOTH },
	{ "maternal", MC_DT_FAMILY, DT_PRE },
	{ "paternal", MC_DT_FAMILY, DT_PRE },
	/* uncertainty */
	{ "possible", MC_DT_UNCERTAIN, DT_PRE },
	{ "possibly", MC_DT_UNCERTAIN, DT_PRE },
	{ "probable", MC_DT_UNCERTAIN, DT_PRE },
	{ "probably", MC_DT_UNCERTAIN, DT_PRE },
	{ "likely", MC_DT_UNCERTAIN, DT_BOTH },
	{ "unlikely", MC_DT_UNCERTAIN, DT_BOTH },
	{ "suspected", MC_DT_UNCERTAIN, DT_BOTH },
	{ "suspect", MC_DT_UNCERTAIN, DT_PRE },
	{ "suspicion of", MC_DT_UNCERTAIN, DT_PRE },
	{ "suspicious for", MC_DT_UNCERTAIN, DT_PRE },
	{ "questionable", MC_DT_UNCERTAIN, DT_PRE },
	{ "question of", MC_DT_UNCERTAIN, DT_PRE },
	{ "?", MC_DT_UNCERTAIN, DT_POST },
	{ "rule out", MC_DT_UNCERTAIN, DT_PRE },
	{ "r / o", MC_DT_UNCERTAIN, DT_PRE },
	{ "concern for", MC_DT_UNCERTAIN, DT_PRE },
	{ "concerning for", MC_DT_UNCERTAIN, DT_PRE },
	{ "presumed", MC_DT_UNCERTAIN, DT_PRE },
	{ "presumptive", MC_DT_UNCERTAIN, DT_PRE },
	{ "differential diagnosis", MC_DT_UNCERTAIN, DT_PRE },
	{ "versus", MC_DT_UNCERTAIN, DT_BOTH },
	{ "vs", MC_DT_UNCERTAIN, DT_BOTH },
	{ "may have", MC_DT_UNCERTAIN, DT_PRE },
	{ "may be", MC_DT_UNCERTAIN, DT_PRE },
	{ "might be", MC_DT_UNCERTAIN, DT_PRE },
	{ "could be", MC_DT_UNCERTAIN, DT_PRE },
	{ "suggestive of", MC_DT_UNCERTAIN, DT_PRE },
	{ "consider", MC_DT_UNCERTAIN, DT_PRE },
	{ "considered", MC_DT_UNCERTAIN, DT_PRE },
	{ "cannot exclude", MC_DT_UNCERTAIN, DT_PRE },
	{ "can not exclude", MC_DT_UNCERTAIN, DT_PRE },
	{ "is possible", MC_DT_UNCERTAIN, DT_POST },
	{ "is suspected", MC_DT_UNCERTAIN, DT_POST },
	{ "was suspected", MC_DT_UNCERTAIN, DT_POST },
	/* clause terminators */
	{ "but", 0, DT_TERM },
	{ "however", 0, DT_TERM },
	{ "although", 0, DT_TERM },
	{ "though", 0, DT_TERM },
	{ "except", 0, DT_TERM },
	{ "whereas", 0, DT_TERM },
	{ "yet", 0, DT_TERM },
	{ "which", 0, DT_TERM },
	{ "who", 0, DT_TERM },
	{ "while", 0, DT_TERM },
	{ "aside from", 0, DT_TERM },
	{ "apart from", 0, DT_TERM },
	{ "other than", 0, DT_TERM },
	{ "presents", 0, DT_TERM },
	{ "presented", 0, DT_TERM },
	{ "presenting", 0, DT_TERM },
	{ "complains", 0, DT_TERM },
	{ "complaining", 0, DT_TERM },
	{ "reports", 0, DT_TERM },
	{ "developed", 0, DT_TERM },
	{ "showed", 0, DT_TERM },
	{ "shows", 0, DT_TERM },
	{ "revealed", 0, DT_TERM },
	{ "diagnosed", 0, DT_TERM },
	{ "now", 0, DT_TERM },
	{ "currently", 0, DT_TERM },
	{ "today", 0, DT_TERM },
	{ "admitted", 0, DT_TERM },
	{ ".", 0, DT_TERM },
	{ ";", 0, DT_TERM },
	{ ":", 0, DT_TERM },
	{ "!", 0, DT_TERM },
	{ NULL, 0, 0 }
};

const dt_cue *dt_cues(void)
{
	return cues;
}

/* Header words and the section they open, first match wins (so "history of
 * present illness" is HPI and "assessment and plan" the assessment). */
static const struct {
	const char *words;
	int sec;
} sections[] = {
	{ "family", DT_SEC_FAMILY }, { "fh", DT_SEC_FAMILY }, { "fhx", DT_SEC_FAMILY },
	{ "social", DT_SEC_SOCIAL }, { "sh", DT_SEC_SOCIAL }, { "shx", DT_SEC_SOCIAL },
	{ "present illness", DT_SEC_HPI }, { "hpi", DT_SEC_HPI }, { "interval history", DT_SEC_HPI },
	{ "subjective", DT_SEC_HPI }, { "presentation", DT_SEC_HPI },
	{ "chief complaint", DT_SEC_CC }, { "cc", DT_SEC_CC }, { "reason for visit", DT_SEC_CC },
	{ "reason for consultation", DT_SEC_CC }, { "reason for referral", DT_SEC_CC },
	{ "presenting complaint", DT_SEC_CC },
	{ "review of systems", DT_SEC_ROS }, { "ros", DT_SEC_ROS }, { "systems review", DT_SEC_ROS },
	{ "assessment", DT_SEC_ASSESS }, { "impression", DT_SEC_ASSESS }, { "diagnosis", DT_SEC_ASSESS },
	{ "diagnoses", DT_SEC_ASSESS }, { "a p", DT_SEC_ASSESS },
	{ "plan", DT_SEC_PLAN }, { "recommendation", DT_SEC_PLAN }, { "recommendations", DT_SEC_PLAN },
	{ "instructions", DT_SEC_PLAN }, { "instruction", DT_SEC_PLAN }, { "follow up", DT_SEC_PLAN },
	{ "followup", DT_SEC_PLAN }, { "disposition", DT_SEC_PLAN },
	{ "medications", DT_SEC_MEDS }, { "medication", DT_SEC_MEDS }, { "meds", DT_SEC_MEDS },
	{ "allergies", DT_SEC_MEDS }, { "allergy", DT_SEC_MEDS },
	{ "exam", DT_SEC_EXAM }, { "examination", DT_SEC_EXAM }, { "vitals", DT_SEC_EXAM },
	{ "vital signs", DT_SEC_EXAM }, { "pe", DT_SEC_EXAM }, { "objective", DT_SEC_EXAM },
	{ "results", DT_SEC_RESULTS }, { "labs", DT_SEC_RESULTS }, { "laboratory", DT_SEC_RESULTS },
	{ "imaging", DT_SEC_RESULTS }, { "radiology", DT_SEC_RESULTS }, { "data", DT_SEC_RESULTS },
	{ "studies", DT_SEC_RESULTS }, { "procedure", DT_SEC_RESULTS }, { "procedures", DT_SEC_RESULTS },
	{ "findings", DT_SEC_RESULTS },
	{ "history", DT_SEC_HISTORY }, { "pmh", DT_SEC_HISTORY }, { "psh", DT_SEC_HISTORY },
	{ "pmhx", DT_SEC_HISTORY }, { "hx", DT_SEC_HISTORY }, { "antecedents", DT_SEC_HISTORY },
};

/* True when the words w (single spaces) occur in label as whole words. */
static bool has_words(const char *label, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = label; (p = strstr(p, w)) != NULL; p++)
		if ((p == label || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
			return true;
	return false;
}

int dt_section_of(const char *label)
{
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (has_words(label, sections[i].words))
			return sections[i].sec;
	return -1;
}

const char *dt_section_name(int sec)
{
	static const char *const names[DT_SEC_NKINDS] = {
		"none", "family history", "history", "plan", "assessment", "chief complaint",
		"present illness", "review of systems", "examination", "results", "social history",
		"medications"
	};
	return sec >= 0 && sec < DT_SEC_NKINDS ? names[sec] : "none";
}
