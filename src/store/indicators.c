/* Meanings of the PFS relative value file's payment-policy indicators, as
 * defined in the RVU25D README (CMS, "RVU25D.pdf": field definitions and
 * Attachment A).  Wording is condensed; each line keeps the README's rule. */
#include <string.h>

#include "medcode/store.h"

typedef struct {
	const char *field, *value, *meaning;
} indicator;

static const indicator indicators[] = {
	{ "status", "A", "Active code: paid separately under the physician fee schedule, if covered" },
	{ "status", "B", "Bundled code: payment is bundled into other services; RVUs shown are not used for Medicare payment" },
	{ "status", "C", "Contractors price the code" },
	{ "status", "D", "Deleted code" },
	{ "status", "E", "Excluded from the physician fee schedule by regulation" },
	{ "status", "F", "Deleted/discontinued code (no grace period)" },
	{ "status", "G", "Not valid for Medicare purposes; Medicare uses another code (grace period)" },
	{ "status", "H", "Deleted modifier: the TC or 26 component was deleted" },
	{ "status", "I", "Not valid for Medicare purposes; Medicare uses another code (no grace period)" },
	{ "status", "J", "Anesthesia services: no RVUs and no payment amounts" },
	{ "status", "M", "Measurement code: used for reporting purposes only" },
	{ "status", "N", "Non-covered service: not covered by Medicare" },
	{ "status", "P", "Bundled/excluded code: no RVUs and no separate payment under the fee schedule" },
	{ "status", "R", "Restricted coverage: special coverage instructions apply; contractor priced if covered" },
	{ "status", "T", "Injections: paid only if no other fee-schedule service is billed the same date by the same provider" },
	{ "status", "X", "Statutory exclusion: not a physician service for fee-schedule payment" },

	{ "pctc", "0", "Physician service: PC/TC concept does not apply; modifiers 26 and TC cannot be used" },
	{ "pctc", "1", "Diagnostic test with professional and technical components: modifiers 26 and TC can be used" },
	{ "pctc", "2", "Professional component only code: modifiers 26 and TC cannot be used" },
	{ "pctc", "3", "Technical component only code: modifiers 26 and TC cannot be used" },
	{ "pctc", "4", "Global test only code: modifiers 26 and TC cannot be used" },
	{ "pctc", "5", "Incident-to code: modifiers 26 and TC cannot be used" },
	{ "pctc", "6", "Laboratory physician interpretation code: modifier TC cannot be used" },
	{ "pctc", "7", "Physical therapy service for which payment may not be made in hospital settings" },
	{ "pctc", "8", "Physician interpretation code (CPT 85060): no TC billing" },
	{ "pctc", "9", "Not applicable: PC/TC concept does not apply" },

	{ "global_days", "000", "Endoscopic or minor procedure: pre- and postoperative work on the day of the procedure only" },
	{ "global_days", "010", "Minor procedure with a 10-day postoperative period" },
	{ "global_days", "090", "Major surgery with a 1-day preoperative and 90-day postoperative period" },
	{ "global_days", "MMM", "Maternity code: usual global period does not apply" },
	{ "global_days", "XXX", "Global concept does not apply" },
	{ "global_days", "YYY", "Carrier determines whether the global concept applies" },
	{ "global_days", "ZZZ", "Related to another service and always included in that service's global period (add-on)" },

	{ "mult_proc", "0", "No multiple-procedure payment adjustment applies (modifier 51 does not apply)" },
	{ "mult_proc", "1", "Standard multiple-procedure rules in effect before 1995 apply" },
	{ "mult_proc", "2", "Standard multiple-procedure payment adjustment applies (100%, 50%, 50%, ...)" },
	{ "mult_proc", "3", "Special rules for multiple endoscopic procedures apply" },
	{ "mult_proc", "4", "Special rules for the technical component of diagnostic imaging apply" },
	{ "mult_proc", "5", "Subject to 50% reduction of the practice expense for certain therapy services" },
	{ "mult_proc", "6", "Subject to 25% reduction of the TC of diagnostic cardiovascular services" },
	{ "mult_proc", "7", "Subject to 20% reduction of the TC of diagnostic ophthalmology services" },
	{ "mult_proc", "9", "Concept does not apply" },

	{ "bilat_surg", "0", "150% bilateral payment adjustment does not apply (modifier 50 inappropriate)" },
	{ "bilat_surg", "1", "150% bilateral payment adjustment applies (modifier 50 or RT/LT)" },
	{ "bilat_surg", "2", "Bilateral adjustment does not apply: RVUs already based on a bilateral procedure" },
	{ "bilat_surg", "3", "Usual bilateral adjustment does not apply: each side paid at 100%" },
	{ "bilat_surg", "9", "Concept does not apply" },

	{ "asst_surg", "0", "Assistant at surgery restricted unless documentation establishes medical necessity" },
	{ "asst_surg", "1", "Statutory restriction: assistant at surgery may not be paid" },
	{ "asst_surg", "2", "No restriction: assistant at surgery may be paid" },
	{ "asst_surg", "9", "Concept does not apply" },

	{ "co_surg", "0", "Co-surgeons not permitted (modifier 62)" },
	{ "co_surg", "1", "Co-surgeons could be paid with supporting documentation" },
	{ "co_surg", "2", "Co-surgeons permitted; no documentation required if the two-specialty requirement is met" },
	{ "co_surg", "9", "Concept does not apply" },

	{ "team_surg", "0", "Team surgeons not permitted (modifier 66)" },
	{ "team_surg", "1", "Team surgeons could be paid with documentation of medical necessity; by report" },
	{ "team_surg", "2", "Team surgeons permitted; pay by report" },
	{ "team_surg", "9", "Concept does not apply" },

	{ "phys_supervision", "01", "General supervision of a physician required" },
	{ "phys_supervision", "02", "Direct supervision of a physician required" },
	{ "phys_supervision", "03", "Personal supervision of a physician required" },
	{ "phys_supervision", "04", "Supervision policy does not apply for a qualified independent or clinical psychologist; otherwise general supervision" },
	{ "phys_supervision", "05", "Supervision policy does not apply for a qualified audiologist; otherwise general supervision" },
	{ "phys_supervision", "06", "Performed by a physician or an ABPTS-certified physical therapist" },
	{ "phys_supervision", "09", "Concept does not apply" },
	{ "phys_supervision", "21", "Certified technician under general supervision; otherwise direct supervision" },
	{ "phys_supervision", "22", "Technician with on-line real-time contact with a physician" },
	{ "phys_supervision", "66", "Physician or ABPTS-certified physical therapist certified in this procedure" },
	{ "phys_supervision", "6A", "Level 66 standards; an ABPTS-certified PT may supervise another PT" },
	{ "phys_supervision", "77", "ABPTS-certified PT, or uncertified PT under direct supervision, or certified technician under general supervision" },
	{ "phys_supervision", "7A", "Level 77 standards; an ABPTS-certified PT may supervise another PT" },

	{ "imaging_family", "88", "Subject to the diagnostic imaging TC and PC multiple-procedure reductions" },
	{ "imaging_family", "99", "Concept does not apply" },

	{ "nonfac_na", "NA", "Rarely or never performed in the non-facility setting" },
	{ "fac_na", "NA", "Rarely or never performed in the facility setting" },
	{ NULL, NULL, NULL }
};

const char *mc_indicator_meaning(const char *field, const char *value)
{
	if (!field || !value)
		return NULL;
	for (const indicator *i = indicators; i->field; i++)
		if (strcmp(i->field, field) == 0 && strcmp(i->value, value) == 0)
			return i->meaning;
	return NULL;
}
