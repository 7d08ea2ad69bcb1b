/* The identifier patterns: one Hyperscan set, compiled once per mc_phi,
 * scanned once per text.  Each pattern has a type, a priority (which type
 * wins when spans overlap) and a post-check that trims labels off or
 * rejects look-alikes (pain scores, blood pressures, doses). */
#include <ctype.h>
#include <string.h>

#include "phi/phi_int.h"

enum post {
	P_NONE,
	P_LABEL,      /* "MRN: 123": keep only the value after the label */
	P_DATE_MD,    /* month/day without year: reject scores like 8/10 */
	P_AGE,        /* keep only when the number is over 89; span = number */
	P_PHONE,      /* FAX when "fax" comes just before */
	P_THE_NTH,    /* "on the 4th": drop the preposition */
	P_VIN,        /* needs letters and digits */
	P_LONGNUM,    /* long digit run: not after a decimal point */
	P_ID_MIXED,   /* mixed letters and digits: needs >= 2 digits */
	P_DATE_FULL,  /* m/d/y: one separator twice, not inside a longer run ("7.28/58/61" is a blood gas) */
	P_USER,       /* a user name: has a digit, '.' or '_', or is no dictionary word */
	P_DOMAIN      /* not two words run together at a full stop: "needed.Pt", "urine.no" */
};

#define MONTH "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
#define ORD "(?:st|nd|rd|th)"
#define SEP "\\s*(?:number|num|no\\.?|#|id|identifier)?\\s*[:#=]?\\s*"
#define PHONE_CUE "\\b(?:phone|tel|telephone|cell|cellphone|mobile|pager|beeper|fax|ph|call|whatsapp|sms|reach(?:ed)?(?:\\s+(?:me|him|her|us))?\\s+(?:at|on)|call(?:\\s+(?:me|him|her|us))?\\s+(?:at|on)|answering\\s+at|messages\\s+to|registered)\\s*(?:no\\.?|number|#)?\\s*[:#]?\\s*"
/* labels of the label patterns */
/* Every label ends at a word boundary ("platelets" is no "plate", "vincristine" no "vin") */
#define L_MRN_WORDS "mrn|medical\\s+record(?:\\s+number)?|med\\s+rec|record|chart|unit\\s+no|hospital\\s+(?:number|no)|encounter"
#define L_MRN_LABEL "\\b(?:" L_MRN_WORDS "|patient\\s+id|pt\\s+id)\\b"
/* What Hyperscan scans of it: "patient id" and "pt id" are read by the shape
 * scanner at the word "id" (in Hyperscan the frequent "patient" cost a fifth
 * of the whole scan) */
#define L_MRN_LABEL_HS "\\b(?:" L_MRN_WORDS ")\\b"
#define L_MRN_NUMBER "\\b(?:mrn|medical\\s+record(?:\\s+number)?|chart)\\b"
#define L_PLAN_LABEL "\\b(?:member|subscriber|policy|insurance|health\\s+plan|plan|medicaid|medicare|beneficiary|group|insured|payer|mcr|mbi|hicn)\\b"
#define L_ACCOUNT_LABEL "\\b(?:account|acct|billing|invoice|claim|card)\\b"
#define L_LICENSE_LABEL "\\b(?:licen[cs]e|lic|dea|npi|certificate|cert|registration|passport|permit|badge)\\b"
#define L_DL_LABEL "\\b(?:driver'?s?\\s+licen[cs]e|dl)\\b"
#define L_VEHICLE_LABEL "\\b(?:vin|plate|license\\s+plate|tag)\\b"
#define L_DEVICE_LABEL "\\b(?:serial|device|implant|pacemaker|model|lot|udi|s/n|sn)\\b"
#define L_ID_LABEL "(?:\\bid\\b|#)\\s*[:#]?\\s*"
#define HEAD "[A-Za-z0-9]"  /* the first character of a value */
#define VAL "[A-Za-z0-9][A-Za-z0-9-]{2,}[0-9][A-Za-z0-9-]*"

/* How a label pattern's value is read after Hyperscan finds the label and
 * the value's first character (the `hs` form): Hyperscan would otherwise
 * report, and the confirm step re-check, every character of the value. */
enum value_rule {
	V_FULL,    /* no value rule: Hyperscan runs the whole expression */
	V_VAL,     /* VAL: [A-Za-z0-9-] run with a digit at index 3 or later */
	V_DIGITS3, /* [0-9]{3,} */
	V_PHONE    /* \+?[0-9][0-9 ().-]{5,}[0-9] */
};

typedef struct pat {
	const char *re;   /* the specification (and the reference engine's expression) */
	unsigned flags;
	int type;
	phi_prio prio;
	int post;
} pat;

/* What Hyperscan scans for instead of the full expression (see value_rule). */
typedef struct scanned_form {
	const char *hs;
	int val;
} scanned_form;

static const pat pats[] = {
	/* dates */
	[PAT_DATE_MDY] = { "\\b(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12][0-9]|3[01])[/.-](?:(?:19|20)?[0-9]{2})\\b", 0, MC_PHI_DATE, PRI_DATE, P_DATE_FULL },
	[PAT_DATE_DMY] = { "\\b(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)[0-9]{2}\\b", 0, MC_PHI_DATE, PRI_DATE, P_DATE_FULL },
	[PAT_DATE_YMD] = { "\\b(?:19|20)[0-9]{2}[/.-](?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12][0-9]|3[01])(?:[ T][0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?)?\\b", 0, MC_PHI_DATE, PRI_DATE, P_NONE },
	[PAT_DATE_MD] = { "\\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12][0-9]|3[01])\\b", 0, MC_PHI_DATE, PRI_DATE_MD, P_DATE_MD },
	[PAT_DATE_MY] = { "\\b(?:0?[1-9]|1[0-2])[/-](?:19|20)[0-9]{2}\\b", 0, MC_PHI_DATE, PRI_DATE_MD, P_NONE },
	[PAT_DATE_YMD8] = { "\\b(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])\\b", 0, MC_PHI_DATE, PRI_DATE_YMD8, P_NONE },
	[PAT_DATE_MON_D] = { "\\b" MONTH "\\.?,?\\s*(?:[0-3]?[0-9])" ORD "?\\b(?:,?\\s*(?:19|20)[0-9]{2}\\b)?", MC_SCAN_CASELESS, MC_PHI_DATE, PRI_DATE_MONTH, P_NONE },
	[PAT_DATE_D_MON] = { "\\b[0-3]?[0-9]" ORD "?\\s*(?:of\\s+|-)?" MONTH "\\b\\.?(?:(?:,?\\s*|-)(?:19|20)?[0-9]{2}\\b)?", MC_SCAN_CASELESS, MC_PHI_DATE, PRI_DATE_MONTH, P_NONE },
	[PAT_DATE_MON_Y] = { "\\b" MONTH "\\.?,?\\s+(?:of\\s+)?(?:19|20)[0-9]{2}\\b", MC_SCAN_CASELESS, MC_PHI_DATE, PRI_DATE_MON_Y, P_NONE },
	[PAT_DATE_THE_NTH] = { "\\b(?:on|by|until|till|since|before|after|from|of|is|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\s+the\\s+[0-3]?[0-9]" ORD "\\b", MC_SCAN_CASELESS, MC_PHI_DATE, PRI_DATE_NTH, P_THE_NTH },
	[PAT_DATE_HOLIDAY] = { "\\b(?:christmas|thanksgiving|easter|new\\s+year'?s?\\s+(?:day|eve))\\b", MC_SCAN_CASELESS, MC_PHI_DATE, PRI_HOLIDAY, P_NONE },
	/* ages over 89 */
	[PAT_AGE_YEARS_OLD] = { "\\b[0-9]{2,3}\\s*-?\\s*(?:years?|yrs?|y)\\.?\\s*-?\\s*(?:old|o\\.?)\\b", MC_SCAN_CASELESS, MC_PHI_AGE, PRI_AGE, P_AGE },
	[PAT_AGE_YO] = { "\\b[0-9]{2,3}\\s*(?:yo|y/o|y\\.o\\.|yr\\s+old|year\\s+old)", MC_SCAN_CASELESS, MC_PHI_AGE, PRI_AGE, P_AGE },
	[PAT_AGE_LABEL] = { "\\b(?:age[ds]?|aged)\\s*[:=]?\\s*[0-9]{2,3}\\b", MC_SCAN_CASELESS, MC_PHI_AGE, PRI_AGE, P_AGE },
	[PAT_AGE_YEAR] = { "\\b(?:9[0-9]|1[0-2][0-9])\\s*(?:-|\\s)\\s*(?:year|yr)", MC_SCAN_CASELESS, MC_PHI_AGE, PRI_AGE, P_AGE },
	/* contact */
	[PAT_PHONE_US] = { "(?:\\+?1[-. ]?)?(?:\\([0-9]{3}\\)|\\b[0-9]{3})[-. ]?[0-9]{3}[-. ][0-9]{4}(?:\\s*(?:x|ext\\.?|extension)\\s*[0-9]{1,6})?\\b", MC_SCAN_CASELESS, MC_PHI_PHONE, PRI_PHONE, P_PHONE },
	[PAT_PHONE_INTL] = { "\\+[0-9]{1,3}[-. ]?(?:\\(0?[0-9]{1,4}\\)[-. ]?)?[0-9]{1,5}(?:[-. ][0-9]{2,5}){1,4}(?:\\s*(?:x|ext\\.?|extension)\\s*[0-9]{1,6})?\\b", MC_SCAN_CASELESS, MC_PHI_PHONE, PRI_PHONE, P_PHONE },
	[PAT_PHONE_PAREN] = { "\\(0?[0-9]{1,4}\\)\\s?[0-9]{2,4}[-. ][0-9]{2,5}(?:\\s*(?:x|ext\\.?|extension)\\s*[0-9]{1,6})?\\b", MC_SCAN_CASELESS, MC_PHI_PHONE, PRI_PHONE_PAREN, P_PHONE },
	[PAT_PHONE_TRUNK0] = { "\\b0[0-9]{2,4}[-. ][0-9]{2,4}(?:[-. ][0-9]{2,4}){0,3}\\b", 0, MC_PHI_PHONE, PRI_PHONE_TRUNK, P_PHONE },
	[PAT_PHONE_GROUPS] = { "\\b[0-9]{2}[-. ][0-9]{2,3}[-. ][0-9]{2,3}(?:[-. ][0-9]{2,3}){0,2}\\b", 0, MC_PHI_PHONE, PRI_PHONE_GROUPS, P_PHONE },
	[PAT_PHONE_LABEL] = { PHONE_CUE "\\+?[0-9][0-9 ().-]{5,}[0-9]", MC_SCAN_CASELESS, MC_PHI_PHONE, PRI_PHONE_LABEL, P_LABEL },
	[PAT_PHONE_LOCAL] = { "\\b[0-9]{3}[-. ][0-9]{4}\\b", 0, MC_PHI_PHONE, PRI_PHONE_LOCAL, P_PHONE },
	[PAT_EMAIL] = { "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b", 0, MC_PHI_EMAIL, PRI_EMAIL, P_NONE },
	[PAT_URL] = { "\\b(?:https?|ftp)://[^\\s<>\"']+", MC_SCAN_CASELESS, MC_PHI_URL, PRI_URL, P_NONE },
	[PAT_URL_WWW] = { "\\bwww\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?:/[^\\s<>\"']*)?", MC_SCAN_CASELESS, MC_PHI_URL, PRI_URL, P_NONE },
	[PAT_DOMAIN] = { "\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:com|org|net|edu|gov|mil|info|biz|io|us|uk|ca|au|de|fr|es|it|nl|be|at|ch|pl|cz|hu|fi|se|no|dk|ee|pt|gr|cy|ru|jp|cn|in|br|mx|nz|ie|eu|health|care)(?:/[^\\s<>\"']*)?\\b", MC_SCAN_CASELESS, MC_PHI_URL, PRI_DOMAIN, P_DOMAIN },
	[PAT_IPV4] = { "\\b(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}\\b", 0, MC_PHI_IP, PRI_IP, P_NONE },
	[PAT_IPV6] = { "\\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\\b", 0, MC_PHI_IP, PRI_IP, P_NONE },
	[PAT_IPV6_SHORT] = { "\\b(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,5})?\\b", 0, MC_PHI_IP, PRI_IPV6_SHORT, P_NONE },
	/* numbers that identify */
	[PAT_SSN] = { "\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b", 0, MC_PHI_SSN, PRI_SSN, P_NONE },
	[PAT_SSN_LABEL] = { "\\b(?:ssn|social\\s+security(?:\\s+(?:number|no\\.?|#))?|ss#)\\s*[:#]?\\s*[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}\\b", MC_SCAN_CASELESS, MC_PHI_SSN, PRI_SSN_LABEL, P_LABEL },
	[PAT_MRN_LABEL] = { L_MRN_LABEL SEP VAL, MC_SCAN_CASELESS, MC_PHI_MRN, PRI_MRN, P_LABEL },
	[PAT_MRN_NUMBER] = { L_MRN_NUMBER SEP "[0-9]{3,}", MC_SCAN_CASELESS, MC_PHI_MRN, PRI_MRN, P_LABEL },
	[PAT_PLAN_LABEL] = { L_PLAN_LABEL SEP VAL, MC_SCAN_CASELESS, MC_PHI_HEALTH_PLAN, PRI_LABELLED, P_LABEL },
	[PAT_ACCOUNT_LABEL] = { L_ACCOUNT_LABEL SEP VAL, MC_SCAN_CASELESS, MC_PHI_ACCOUNT, PRI_LABELLED, P_LABEL },
	[PAT_LICENSE_LABEL] = { L_LICENSE_LABEL SEP VAL, MC_SCAN_CASELESS, MC_PHI_LICENSE, PRI_LABELLED, P_LABEL },
	/* licence and plate values hold a digit: "plate count", "DL hemoglobin" are no identifiers */
	[PAT_DL_LABEL] = { L_DL_LABEL SEP "(?:[A-Za-z]{2}\\s+)?" VAL, MC_SCAN_CASELESS, MC_PHI_LICENSE, PRI_LABELLED, P_LABEL }, /* "WI F440-2771" */
	[PAT_VEHICLE_LABEL] = { L_VEHICLE_LABEL SEP VAL, MC_SCAN_CASELESS, MC_PHI_VEHICLE, PRI_LABELLED, P_LABEL },
	[PAT_VIN] = { "\\b[A-HJ-NPR-Z0-9]{17}\\b", 0, MC_PHI_VEHICLE, PRI_VIN, P_VIN },
	[PAT_DEVICE_LABEL] = { L_DEVICE_LABEL SEP VAL, MC_SCAN_CASELESS, MC_PHI_DEVICE, PRI_LABELLED, P_LABEL },
	[PAT_IBAN] = { "\\b(?:iban)?[A-Z]{2}[0-9]{2}\\s?(?:[A-Z0-9]{4}\\s?){2,7}[A-Z0-9]{1,4}\\b", 0, MC_PHI_ACCOUNT, PRI_IBAN, P_ID_MIXED },
	[PAT_CARD] = { "\\b[0-9]{4}[- ][0-9]{4}[- ][0-9]{4}[- ][0-9]{1,7}\\b", 0, MC_PHI_ACCOUNT, PRI_CARD, P_NONE },
	[PAT_CARD_AMEX] = { "\\b[0-9]{4}[- ][0-9]{6}[- ][0-9]{5}\\b", 0, MC_PHI_ACCOUNT, PRI_CARD, P_NONE },
	[PAT_LONGNUM] = { "\\b[0-9]{6,}\\b", 0, MC_PHI_ID, PRI_LONG_NUMBER, P_LONGNUM },
	[PAT_ID_PREFIXED] = { "\\b[A-Za-z]{1,3}-?[0-9]{5,}[A-Za-z0-9]*\\b", 0, MC_PHI_ID, PRI_ID_PREFIXED, P_ID_MIXED },
	[PAT_ID_DASHED] = { "\\b[0-9]{2,}-[0-9]{2,}-[0-9]{3,}\\b", 0, MC_PHI_ID, PRI_ID_DASHED, P_NONE },
	[PAT_ID_LABEL] = { L_ID_LABEL VAL, MC_SCAN_CASELESS, MC_PHI_ID, PRI_ID_LABEL, P_LABEL },
	[PAT_ROOM] = { "\\b(?:room|rm|bed)\\s*#?\\s*[0-9]{2,}[A-Za-z]?\\b", MC_SCAN_CASELESS, MC_PHI_OTHER, PRI_ROOM, P_LABEL },
	/* places */
	[PAT_CITY_STATE_ZIP] = { "\\b[A-Z][A-Za-z]+,?\\s+(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)\\s+[0-9]{5}(?:-[0-9]{4})?\\b", 0, MC_PHI_ADDRESS, PRI_CITY_STATE_ZIP, P_NONE },
	[PAT_ZIP4] = { "\\b[0-9]{5}-[0-9]{4}\\b", 0, MC_PHI_ZIP, PRI_ZIP4, P_NONE },
	[PAT_ZIP_LABEL] = { "\\b(?:zip|zip\\s+code|postal\\s+code|postcode|post\\s+code|plz|cep)(?:\\s+is)?\\s*[:#]?\\s*[0-9A-Z][0-9A-Z -]{2,8}[0-9A-Z]\\b", MC_SCAN_CASELESS, MC_PHI_ZIP, PRI_ZIP_LABEL, P_LABEL },
	[PAT_PO_BOX] = { "\\b(?:p\\.?\\s?o\\.?\\s+box|psc|unit|box)\\s+[0-9]{2,6}\\b", MC_SCAN_CASELESS, MC_PHI_ADDRESS, PRI_BOX, P_NONE },
	[PAT_PAGER] = { "\\b(?:pager|pgr|beeper|bpr)\\s*(?:no\\.?|number|#)?\\s*[:#]?\\s*[0-9]{1,2}-?[0-9]{3,5}\\b", MC_SCAN_CASELESS, MC_PHI_PHONE, PRI_PAGER, P_LABEL },
	[PAT_EXTENSION] = { "\\b(?:x|ext\\.?|extension)\\s?[0-9]{1,2}-[0-9]{4}\\b|\\b(?:ext\\.?|extension)\\s*#?\\s*[0-9]{3,6}\\b", MC_SCAN_CASELESS, MC_PHI_PHONE, PRI_EXTENSION, P_LABEL },
	[PAT_SSN_LAST4] = { "\\b(?:last\\s+(?:four|4)(?:\\s+digits)?\\s+of\\s+(?:the\\s+|his\\s+|her\\s+|their\\s+)?(?:ssn|ss#|social(?:\\s+security)?(?:\\s+(?:number|no\\.?|#))?)|ssn\\s+last\\s+(?:four|4))\\s*(?:is|was|=|:|#|-)?\\s*[0-9]{4}\\b", MC_SCAN_CASELESS, MC_PHI_SSN, PRI_SSN_LABEL, P_LABEL },
	[PAT_USER] = { "\\b(?:user\\s*name|user\\s*id|user|login|logon|screen\\s*name|handle)\\s*[:=#]?\\s*[A-Za-z][A-Za-z0-9._-]{2,}[A-Za-z0-9]", MC_SCAN_CASELESS, MC_PHI_ID, PRI_USER, P_USER },
	[PAT_REF_LABEL] = { "\\b(?:(?:docket|accession|specimen|requisition|ticket|reference|ref|confirmation|session|authorization|auth)\\b|case\\s+(?:number|#|id|no\\.?))" SEP VAL, MC_SCAN_CASELESS, MC_PHI_ID, PRI_REFERENCE, P_LABEL },
	[PAT_APO] = { "\\b(?:apo|fpo|dpo)\\s+(?:aa|ae|ap)\\s+[0-9]{5}\\b", MC_SCAN_CASELESS, MC_PHI_ADDRESS, PRI_BOX, P_NONE },
};

/* The label patterns Hyperscan scans up to the value's first character. */
static const scanned_form scanned[] = {
	[PAT_PHONE_LABEL] = { PHONE_CUE "\\+?[0-9]", V_PHONE },
	[PAT_MRN_LABEL] = { L_MRN_LABEL_HS SEP HEAD, V_VAL },
	[PAT_MRN_NUMBER] = { L_MRN_NUMBER SEP "[0-9]", V_DIGITS3 },
	[PAT_PLAN_LABEL] = { L_PLAN_LABEL SEP HEAD, V_VAL },
	[PAT_ACCOUNT_LABEL] = { L_ACCOUNT_LABEL SEP HEAD, V_VAL },
	[PAT_LICENSE_LABEL] = { L_LICENSE_LABEL SEP HEAD, V_VAL },
	[PAT_DL_LABEL] = { L_DL_LABEL SEP "(?:[A-Za-z]{2}\\s+)?" HEAD, V_VAL },
	[PAT_VEHICLE_LABEL] = { L_VEHICLE_LABEL SEP HEAD, V_VAL },
	[PAT_DEVICE_LABEL] = { L_DEVICE_LABEL SEP HEAD, V_VAL },
	[PAT_ID_LABEL] = { L_ID_LABEL HEAD, V_VAL },
};

#define NPATS (sizeof(pats) / sizeof(pats[0]))
#define NSCANNED (sizeof(scanned) / sizeof(scanned[0]))

_Static_assert(NPATS == PAT_COUNT, "one table entry per enum phi_pat");

/* The patterns' names (for --explain). */
static const char *const pat_names[] = {
	[PAT_DATE_MDY] = "pattern.date_mdy",
	[PAT_DATE_DMY] = "pattern.date_dmy",
	[PAT_DATE_YMD] = "pattern.date_ymd",
	[PAT_DATE_MD] = "pattern.date_md",
	[PAT_DATE_MY] = "pattern.date_my",
	[PAT_DATE_YMD8] = "pattern.date_ymd8",
	[PAT_DATE_MON_D] = "pattern.date_mon_d",
	[PAT_DATE_D_MON] = "pattern.date_d_mon",
	[PAT_DATE_MON_Y] = "pattern.date_mon_y",
	[PAT_DATE_THE_NTH] = "pattern.date_the_nth",
	[PAT_DATE_HOLIDAY] = "pattern.date_holiday",
	[PAT_AGE_YEARS_OLD] = "pattern.age_years_old",
	[PAT_AGE_YO] = "pattern.age_yo",
	[PAT_AGE_LABEL] = "pattern.age_label",
	[PAT_AGE_YEAR] = "pattern.age_year",
	[PAT_PHONE_US] = "pattern.phone_us",
	[PAT_PHONE_INTL] = "pattern.phone_intl",
	[PAT_PHONE_PAREN] = "pattern.phone_paren",
	[PAT_PHONE_TRUNK0] = "pattern.phone_trunk0",
	[PAT_PHONE_GROUPS] = "pattern.phone_groups",
	[PAT_PHONE_LABEL] = "pattern.phone_label",
	[PAT_PHONE_LOCAL] = "pattern.phone_local",
	[PAT_EMAIL] = "pattern.email",
	[PAT_URL] = "pattern.url",
	[PAT_URL_WWW] = "pattern.url_www",
	[PAT_DOMAIN] = "pattern.domain",
	[PAT_IPV4] = "pattern.ipv4",
	[PAT_IPV6] = "pattern.ipv6",
	[PAT_IPV6_SHORT] = "pattern.ipv6_short",
	[PAT_SSN] = "pattern.ssn",
	[PAT_SSN_LABEL] = "pattern.ssn_label",
	[PAT_MRN_LABEL] = "pattern.mrn_label",
	[PAT_MRN_NUMBER] = "pattern.mrn_number",
	[PAT_PLAN_LABEL] = "pattern.plan_label",
	[PAT_ACCOUNT_LABEL] = "pattern.account_label",
	[PAT_LICENSE_LABEL] = "pattern.license_label",
	[PAT_DL_LABEL] = "pattern.dl_label",
	[PAT_VEHICLE_LABEL] = "pattern.vehicle_label",
	[PAT_VIN] = "pattern.vin",
	[PAT_DEVICE_LABEL] = "pattern.device_label",
	[PAT_IBAN] = "pattern.iban",
	[PAT_CARD] = "pattern.card",
	[PAT_CARD_AMEX] = "pattern.card_amex",
	[PAT_LONGNUM] = "pattern.longnum",
	[PAT_ID_PREFIXED] = "pattern.id_prefixed",
	[PAT_ID_DASHED] = "pattern.id_dashed",
	[PAT_ID_LABEL] = "pattern.id_label",
	[PAT_ROOM] = "pattern.room",
	[PAT_CITY_STATE_ZIP] = "pattern.city_state_zip",
	[PAT_ZIP4] = "pattern.zip4",
	[PAT_ZIP_LABEL] = "pattern.zip_label",
	[PAT_PO_BOX] = "pattern.po_box",
	[PAT_PAGER] = "pattern.pager",
	[PAT_EXTENSION] = "pattern.extension",
	[PAT_SSN_LAST4] = "pattern.ssn_last4",
	[PAT_USER] = "pattern.user",
	[PAT_REF_LABEL] = "pattern.ref_label",
	[PAT_APO] = "pattern.apo",
};

_Static_assert(sizeof(pat_names) / sizeof(pat_names[0]) == PAT_COUNT, "one name per enum phi_pat");
_Static_assert((int)PAT_COUNT <= (int)R_FIRST, "pattern ids and token rule ids do not overlap");

const char *phi_pattern_name(unsigned id)
{
	return id < PAT_COUNT ? pat_names[id] : "?";
}

int phi_patterns_compile(mc_scanner **out, bool all, mc_error *err)
{
	mc_scan_pattern p[NPATS];
	size_t n = 0;
	for (size_t i = 0; i < NPATS; i++) {
		if (all)
			p[n++] = (mc_scan_pattern){ pats[i].re, (unsigned)i, pats[i].flags };
		else if (!phi_shapes_owns((unsigned)i))
			p[n++] = (mc_scan_pattern){ i < NSCANNED && scanned[i].hs ? scanned[i].hs : pats[i].re, (unsigned)i,
						    pats[i].flags | (i < NSCANNED && scanned[i].val ? MC_SCAN_END_ONLY : 0) };
	}
	return mc_scanner_new(out, p, n, err);
}

size_t phi_patterns_list(const char **re, unsigned *flags, size_t cap)
{
	for (size_t i = 0; i < NPATS && i < cap; i++) {
		re[i] = pats[i].re;
		flags[i] = pats[i].flags;
	}
	return NPATS;
}

/* ---- post-checks --------------------------------------------------------- */

typedef struct scan_state {
	mc_phi_doc *d;
	const char *s;
	size_t len;
	int rc;
} scan_state;

static bool in_set(char c, const char *set)
{
	return c && strchr(set, c) != NULL;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does the lower-cased text just before pos (up to `back` bytes) hold w? */
static bool before_has(const char *s, size_t pos, size_t back, const char *w)
{
	size_t a = pos > back ? pos - back : 0;
	return mc_memcasestr(s + a, pos - a, w) != NULL;
}


/* The word (letters, digits and '\'') ending just before pos,
 * skipping spaces and simple punctuation, lower-cased into w (cap bytes);
 * returns its start, or SIZE_MAX when there is none within reach. */
static size_t word_before(const char *s, size_t pos, char *w, size_t cap)
{
	size_t e = pos, k = 0;
	while (e > 0 && k < 4 && strchr(" \t:(,-", s[e - 1]) && s[e - 1] != '\0')
		e--, k++;
	size_t a = e;
	while (a > 0 && e - a < cap - 1 && (isalnum((unsigned char)s[a - 1]) || s[a - 1] == '\''))
		a--;
	if (a == e)
		return SIZE_MAX;
	for (size_t i = a; i < e; i++)
		w[i - a] = (char)tolower((unsigned char)s[i]);
	w[e - a] = '\0';
	return a;
}

/* The word starting after pos (over spaces), lower-cased into w. */
static void word_after(const char *s, size_t len, size_t pos, char *w, size_t cap)
{
	size_t a = pos;
	while (a < len && a < pos + 3 && (s[a] == ' ' || s[a] == '\t'))
		a++;
	size_t e = a;
	while (e < len && e - a < cap - 1 && isalpha((unsigned char)s[e]))
		e++;
	for (size_t i = a; i < e; i++)
		w[i - a] = (char)tolower((unsigned char)s[i]);
	w[e - a] = '\0';
}

/* w is one of the space-separated words of list */
static bool word_in(const char *w, const char *list)
{
	size_t n = strlen(w);
	if (!n)
		return false;
	for (const char *p = list; (p = strstr(p, w)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* w (a NUL-terminated word) is of word class c (W_*, data/phi_words.tsv). */
static bool word_class(const phi_words *wl, const char *w, unsigned c)
{
	return (phi_words_get(wl, w, strlen(w)) >> c) & 1;
}

/* Is the number pair s[start..end) ("3/14", "8/10") a date?  Not when the
 * words around it make it a score, a ratio, a setting or a dose (pain
 * 8/10, 5/5 strength, abg 7.28/58, bipap 12/5, 1/2 tab: the w_md_not_*
 * classes); a fraction-like pair (x/10, n/d with n <= d <= 6) only with a
 * date word before it (w_md_date_before). */
static bool md_is_date(const phi_words *wl, const char *s, size_t len, size_t start, size_t end)
{
	size_t slash = start;
	while (slash < end && s[slash] != '/')
		slash++;
	long num = 0, den = 0;
	for (size_t i = start; i < slash; i++)
		num = num * 10 + (s[i] - '0');
	for (size_t i = slash + 1; i < end; i++)
		den = den * 10 + (s[i] - '0');
	if (start > 0 && (s[start - 1] == '/' || s[start - 1] == '.'))
		return false;
	/* "8/17-8/19" is a range of dates; "1/2-1" or "2/3.5" a quantity */
	bool range = end + 3 < len && s[end] == '-' && is_digit(s[end + 1]) &&
		     (s[end + 2] == '/' || (is_digit(s[end + 2]) && s[end + 3] == '/'));
	if (end < len && (s[end] == '/' || s[end] == '%' ||
			  ((s[end] == '.' || s[end] == '-') && end + 1 < len && is_digit(s[end + 1]) && !range)))
		return false;
	if (start > 1 && s[start - 1] == '-' && is_digit(s[start - 2])) {
		/* the end of a range of dates ("8/17-8/19"), not of "1-1/2" or "3-4/10" */
		size_t b = start - 1;
		while (b > 0 && is_digit(s[b - 1]))
			b--;
		if (b > 0 && s[b - 1] == '/')
			return true;
		return false;
	}
	char w1[16], w2[16], n1[16];
	size_t a1 = word_before(s, start, w1, sizeof(w1));
	size_t a2 = a1 != SIZE_MAX ? word_before(s, a1, w2, sizeof(w2)) : SIZE_MAX;
	word_after(s, len, end, n1, sizeof(n1));
	if ((a1 != SIZE_MAX && word_class(wl, w1, W_MD_NOT_BEFORE)) ||
	    (a2 != SIZE_MAX && word_class(wl, w2, W_MD_NOT_BEFORE)) || word_class(wl, n1, W_MD_NOT_AFTER))
		return false;
	/* ventilator settings just before: "changed to PSV of 10/5", "trialed on 5/5" */
	if ((a1 != SIZE_MAX && word_class(wl, w1, W_VENT)) || (a2 != SIZE_MAX && word_class(wl, w2, W_VENT)))
		return false;
	/* a fraction or a score (x/10, 5/5, 2/6, 1/2): only with a date word before */
	bool fraction = den == 10 || (num <= den && den <= 6);
	if (!fraction)
		return true;
	/* "completed 2/3", "2/2 at 1400", "12/29 to 1/1" */
	size_t l1 = a1 != SIZE_MAX ? strlen(w1) : 0;
	return (a1 != SIZE_MAX &&
		(word_class(wl, w1, W_MD_DATE_BEFORE) || (l1 > 4 && w1[l1 - 2] == 'e' && w1[l1 - 1] == 'd'))) ||
	       (a2 != SIZE_MAX && word_class(wl, w2, W_MD_DATE_BEFORE)) || word_in(n1, "at thru through to and");
}

static int on_match(unsigned id, size_t start, size_t end, void *payload)
{
	scan_state *st = payload;
	if (id >= NPATS)
		return 0;
	const pat *p = &pats[id];
	const char *s = st->s;
	int type = p->type;
	switch (p->post) {
	case P_LABEL: {
		/* the value is the trailing run of value characters */
		size_t b = end;
		if (type == MC_PHI_PHONE || type == MC_PHI_SSN) /* digits and their separators, never the label */
			while (b > start && (is_digit(s[b - 1]) || strchr(" ().+-", s[b - 1])))
				b--;
		else
			while (b > start && (isalnum((unsigned char)s[b - 1]) || s[b - 1] == '-'))
				b--;
		while (b < end && !isalnum((unsigned char)s[b]) && s[b] != '+' && s[b] != '(')
			b++;
		if (b >= end)
			return 0;
		if (type == MC_PHI_ZIP) {
			/* a postal code has digits ("zip code is 90010-170": not "is") */
			bool dig = false;
			for (size_t k = b; k < end && !dig; k++)
				dig = is_digit(s[k]);
			if (!dig)
				return 0;
		}
		if (type == MC_PHI_PHONE && before_has(s, b, 12, "fax"))
			type = MC_PHI_FAX;
		start = b;
		break;
	}
	case P_DATE_MD:
		/* 8/10 pain, 5/5 strength, 2/6 murmur, 1/2 tab, bipap 12/5: not dates */
		if (!md_is_date(&st->d->phi->words, s, st->len, start, end))
			return 0;
		break;
	case P_DATE_FULL: {
		char sep = 0;
		for (size_t i = start; i < end; i++)
			if (!is_digit(s[i])) {
				if (sep && s[i] != sep)
					return 0; /* 7.28/58 */
				sep = s[i];
			}
		if (start > 0 && (s[start - 1] == '/' || (s[start - 1] == '.' && start > 1 && is_digit(s[start - 2]))))
			return 0;
		if (end + 1 < st->len && (s[end] == '/' || s[end] == '.') && is_digit(s[end + 1]))
			return 0;
		break;
	}
	case P_AGE: {
		size_t a = start;
		while (a < end && !is_digit(s[a]))
			a++;
		size_t b = a;
		long v = 0;
		while (b < end && is_digit(s[b]))
			v = v * 10 + (s[b++] - '0');
		if (v < 90 || v > 130)
			return 0;
		start = a;
		end = b;
		break;
	}
	case P_USER: {
		size_t b = end;
		bool sign = false;
		while (b > start && (isalnum((unsigned char)s[b - 1]) || strchr("._-", s[b - 1]))) {
			sign |= is_digit(s[b - 1]) || s[b - 1] == '.' || s[b - 1] == '_';
			b--;
		}
		/* "user reports", "IV drug user with": a word, not a name */
		if (!sign && (end - b < 5 || phi_dict_get(&st->d->phi->dict, s + b, end - b) != 0))
			return 0;
		start = b;
		break;
	}
	case P_PHONE:
		/* "500-1000", "900-1100": a range of round numbers, not a number */
		if (end - start >= 7 && end - start <= 9) {
			size_t dash = start;
			while (dash < end && is_digit(s[dash]))
				dash++;
			long lo = 0, hi = 0;
			for (size_t k = start; k < dash; k++)
				lo = lo * 10 + (s[k] - '0');
			for (size_t k = dash + 1; k < end && is_digit(s[k]); k++)
				hi = hi * 10 + (s[k] - '0');
			if (dash < end && s[dash] == '-' && lo % 10 == 0 && hi % 100 == 0 && hi > lo)
				return 0;
		}
		/* "0700-1900": a shift, two clock times */
		if (end - start == 9 && s[start + 4] == '-' && (s[start] - '0') * 10 + (s[start + 1] - '0') <= 23 &&
		    s[start + 2] <= '5' && (s[start + 5] - '0') * 10 + (s[start + 6] - '0') <= 23 && s[start + 7] <= '5')
			return 0;
		if (start > 0 && (s[start - 1] == '.' || s[start - 1] == '/' || s[start - 1] == '-') &&
		    start > 1 && is_digit(s[start - 2]))
			return 0;
		if (end < st->len && (s[end] == '.' || s[end] == '/') && end + 1 < st->len && is_digit(s[end + 1]))
			return 0;
		if (before_has(s, start, 14, "fax"))
			type = MC_PHI_FAX;
		break;
	case P_DOMAIN: {
		/* a sentence run into the next at its full stop ("needed.Pt",
		 * "urine.no", "2.Pt"): one dot, a two-letter ending that is
		 * capitalised or a word (no, at, pt), or a word or number before it */
		size_t dot = end, dots = 0;
		for (size_t k = start; k < end && s[k] != '/'; k++)
			if (s[k] == '.')
				dot = k, dots++;
		if (dots != 1 || dot + 3 != end)
			break;
		const phi_dict *dict = &st->d->phi->dict;
		uint32_t words = D_ENGLISH | D_STOP | D_MEDICAL | D_CLINICAL | D_CUE | D_AUX;
		bool digits = true;
		for (size_t k = start; k < dot && digits; k++)
			digits = is_digit(s[k]);
		if ((s[dot + 1] >= 'A' && s[dot + 1] <= 'Z') || digits || (phi_dict_get(dict, s + dot + 1, 2) & words) ||
		    (phi_dict_get(dict, s + start, dot - start) & words))
			return 0;
		break;
	}
	case P_THE_NTH: {
		/* "on the 3rd day", "the 2nd molar", "by the 4th cycle": an ordinal
		 * that counts something, not a day of the month */
		char w[16];
		word_after(s, st->len, end, w, sizeof(w));
		if (word_class(&st->d->phi->words, w, W_NTH_COUNTED))
			return 0;
		while (start < end && !isspace((unsigned char)s[start]))
			start++;
		while (start < end && isspace((unsigned char)s[start]))
			start++;
		break;
	}
	case P_VIN: {
		int dig = 0, al = 0;
		for (size_t i = start; i < end; i++)
			is_digit(s[i]) ? dig++ : al++;
		if (dig < 3 || al < 2)
			return 0;
		break;
	}
	case P_LONGNUM:
		if (start > 0 && (s[start - 1] == '.' || s[start - 1] == ','))
			return 0;
		if (end < st->len && s[end] == ',' && end + 1 < st->len && is_digit(s[end + 1]))
			return 0;
		break;
	case P_ID_MIXED: {
		int dig = 0;
		for (size_t i = start; i < end; i++)
			dig += is_digit(s[i]);
		if (dig < 2)
			return 0;
		break;
	}
	default:
		break;
	}
	if (end <= start)
		return 0;
	int rc = phi_cand_add(st->d, start, end, type, p->prio, (int)id);
	if (rc < 0) {
		st->rc = rc;
		return 1;
	}
	return 0;
}

static bool value_char(char c)
{
	return isalnum((unsigned char)c) || c == '-';
}

/* The end of the value whose first character is at v (a `hs` form
 * matched up to v + 1), by the pattern's value rule; 0 when there is no
 * valid value.  The longest match: the post-check trims the label. */
static size_t value_end(int rule, const char *s, size_t len, size_t v)
{
	size_t e = v;
	switch (rule) {
	case V_VAL: {
		bool dig = false;
		while (e < len && value_char(s[e])) {
			dig |= e >= v + 3 && is_digit(s[e]);
			e++;
		}
		return dig ? e : 0;
	}
	case V_DIGITS3:
		while (e < len && is_digit(s[e]))
			e++;
		return e >= v + 3 ? e : 0;
	case V_PHONE: {
		size_t last = v;
		for (e = v + 1; e < len && (is_digit(s[e]) || in_set(s[e], " ().-")); e++)
			if (is_digit(s[e]))
				last = e;
		return last >= v + 6 ? last + 1 : 0;
	}
	default:
		return v + 1;
	}
}

/* Hyperscan's report for the scanned form of a pattern */
static int on_hs_match(unsigned id, size_t start, size_t end, void *payload)
{
	scan_state *st = payload;
	if (id < NSCANNED && scanned[id].val != V_FULL) {
		/* an unconfirmed end just past the value's first character: read
		 * the value, and only then ask for the label's start */
		size_t v = end - 1;
		end = value_end(scanned[id].val, st->s, st->len, v);
		if (end == 0)
			return 0;
		int rc = mc_scanner_start(st->d->phi->scan, id, st->s, v + 1, &start);
		if (rc == MC_ENOMEM) {
			st->rc = rc;
			return 1;
		}
		if (rc < 0)
			return 0;
	}
	return on_match(id, start, end, payload);
}

/* A shape's report: what on_hs_match makes of the Hyperscan form's, the
 * start already leftmost (the shape scanner finds it). */
static int on_shape_match(unsigned id, size_t start, size_t end, void *payload)
{
	scan_state *st = payload;
	if (id < NSCANNED && scanned[id].val != V_FULL) {
		end = value_end(scanned[id].val, st->s, st->len, end - 1);
		if (end == 0)
			return 0;
	}
	return on_match(id, start, end, payload);
}

int phi_patterns_scan(mc_phi_doc *d, const char *s, size_t len, mc_error *err)
{
	scan_state st = { d, s, len, 0 };
	int rc = mc_scanner_scan(d->phi->scan, s, len, on_hs_match, &st, err);
	if (st.rc < 0)
		return mc_error_set(err, st.rc, "out of memory scanning text");
	if (rc < 0 && rc != MC_ESTOP)
		return rc;
	rc = mc_text_tokenize(&d->tok, s, len, err);
	if (rc < 0)
		return rc;
	if (phi_shapes_scan_tokens(s, len, &d->tok, on_shape_match, &st) && st.rc < 0)
		return mc_error_set(err, st.rc, "out of memory scanning text");
	return 0;
}

int phi_patterns_scan_reference(mc_phi_doc *d, mc_scanner *ref, const char *s, size_t len,
				mc_error *err)
{
	scan_state st = { d, s, len, 0 };
	int rc = mc_scanner_scan(ref, s, len, on_match, &st, err);
	if (st.rc < 0)
		return mc_error_set(err, st.rc, "out of memory scanning text");
	if (rc < 0 && rc != MC_ESTOP)
		return rc;
	return 0;
}

/* Per byte, the bit set of types the candidates [from, ncands) cover. */
static uint32_t *coverage(const mc_phi_doc *d, size_t from, size_t len)
{
	uint32_t *m = mc_calloc(len ? len : 1, sizeof(*m));
	if (!m)
		return NULL;
	const phi_cand *c = d->cands;
	for (size_t i = from; i < d->ncands; i++)
		for (size_t k = c[i].start; k < c[i].end && k < len; k++)
			m[k] |= 1u << c[i].type;
	return m;
}

int phi_patterns_check(mc_phi_doc *d, mc_scanner *ref, const char *s, size_t len, size_t *where)
{
	/* the reference confirms a match within a window of at most 320 bytes,
	 * so it cuts values longer than that, and a domain's path (any bytes
	 * but white space and <>"' after a '/'); the fast engine reads them whole */
	size_t run = 0, path = 0;
	bool slash = false;
	for (size_t k = 0; k < len; k++) {
		run = isalnum((unsigned char)s[k]) || in_set(s[k], " ().+-#:") ? run + 1 : 0;
		bool in_path = !isspace((unsigned char)s[k]) && !in_set(s[k], "<>\"'");
		path = in_path ? path + 1 : 0;
		slash = in_path && (slash || s[k] == '/');
		if (run > 200 || (slash && path > 200))
			return 2;
	}
	mc_error err;
	d->ncands = 0;
	if (phi_patterns_scan(d, s, len, &err) < 0)
		return err.code;
	uint32_t *fast = coverage(d, 0, len);
	d->ncands = 0;
	int rc = phi_patterns_scan_reference(d, ref, s, len, &err);
	uint32_t *slow = rc < 0 ? NULL : coverage(d, 0, len);
	d->ncands = 0;
	if (!fast || !slow) {
		mc_free(fast);
		mc_free(slow);
		return rc < 0 ? rc : MC_ENOMEM;
	}
	rc = 1;
	for (size_t k = 0; k < len && rc == 1; k++)
		if (fast[k] != slow[k]) {
			*where = k;
			rc = 0;
		}
	mc_free(fast);
	mc_free(slow);
	return rc;
}
