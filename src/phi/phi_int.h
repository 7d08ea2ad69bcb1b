/* Internals shared by the phi module's files. */
#ifndef MC_PHI_INT_H
#define MC_PHI_INT_H

#include <stdint.h>

#include "core/core.h"
#include "medcode/phi.h"
#include "medcode/text.h"

/* ---- word dictionary: lower-case ASCII word -> flags ------------------ */
enum {
	D_FIRST = 1u << 0,     /* a first name (Census 1990, SSA) */
	D_LAST = 1u << 1,      /* a surname (Census 1990, 2010) */
	D_ENGLISH = 1u << 2,   /* a lower-case entry of the English word list */
	D_PROPER = 1u << 3,    /* a capitalised entry of the English word list */
	D_MEDICAL = 1u << 4,   /* clinical word: eponym, drug, lab (keep it) */
	D_STREET = 1u << 5,    /* street suffix: Street, Ave, Road */
	D_UNIT = 1u << 6,      /* Apt, Suite, Unit, Box */
	D_STATE = 1u << 7,     /* US state name or postal abbreviation */
	D_TITLE = 1u << 8,     /* Dr, Mr, Mrs, Nurse: a name follows */
	D_CUE = 1u << 9,       /* a name follows: patient, son, wife, signed */
	D_DEGREE = 1u << 10,   /* a name comes before: MD, RN, PhD */
	D_PLACE_CUE = 1u << 11,/* a place follows: lives in, seen at */
	D_ORG_SUFFIX = 1u << 12,/* Hospital, Clinic, Center */
	D_COUNTRY = 1u << 13,  /* country name */
	D_MONTH = 1u << 14,    /* month or weekday (never a name) */
	D_STOP = 1u << 15,     /* a common word that is never a name here */
	D_CITY = 1u << 16,     /* a (US) city name */
	D_STREET_START = 1u << 17, /* a street name follows: Via, Rue, Calle */
	D_PARTICLE = 1u << 18, /* inside a name: van, de, al, bin */
	D_CLINICAL = 1u << 19, /* a word of a clinical vocabulary (the store's titles and
				* index terms, mc_phi_add_vocabulary), whatever other list
				* holds it; alone (phi_vocab_only) it is no name */
	/* context words: flags that let a rule test the word before a token
	 * with one AND instead of a string compare per candidate word */
	D_CUE_WORD = 1u << 20, /* me him her to from was: read by cue_before with D_CUE */
	D_CITY_VERB = 1u << 21,/* lives, born, moved ... (in): a city follows */
	D_ORG_VERB = 1u << 22, /* seen, admitted, transferred ... (at): an organisation follows */
	D_ADDR_VERB = 1u << 23,/* lives, sent, shipped ... (at): an address follows */
	D_ADDR_LABEL = 1u << 24,/* address, addr */
	D_NAME_COMMON = 1u << 25, /* a name list gave the word a count of 2,000 or more */
	D_RELATION = 1u << 26, /* wife, son, dtr ...: a first name may follow, in any case */
	D_AUX = 1u << 27,      /* will, can, called, states ...: after a cue, a verb, not a name */
	D_ACRONYM = 1u << 28,  /* a clinical acronym (GRACE, ANA, NG): clinical only in capitals */
	D_NOT_PLACE = 1u << 29,/* Spanish, Catholic, Medicare: capitalised, never a town */
	D_GENERIC = 1u << 30   /* Internal, Intensive, Regional: describes a department, names no place */
};
/* (above the range of an enum constant, which is an int) */
#define D_EPONYM_NOUN (1u << 31) /* disease, syndrome, reflex, cells: after a surname, an eponym */
/* the flags that say how a word is used, not which list it is from */
#define D_CONTEXT ((uint32_t)(D_CUE_WORD | D_CITY_VERB | D_ORG_VERB | D_ADDR_VERB | D_ADDR_LABEL | D_RELATION | \
			      D_AUX | D_NOT_PLACE | D_GENERIC) | D_EPONYM_NOUN)

/* A word of a clinical vocabulary that no other list knows (no name, no
 * English word, no word of the built-in lists): a clinical term, never a
 * name by itself; no say in address and place rules either. */
static inline bool phi_vocab_only(uint32_t f)
{
	return (f & D_CLINICAL) && !(f & ~(D_CONTEXT | D_CLINICAL));
}

typedef struct phi_dict {
	/* kw: a key of up to 8 bytes itself (lower case, little-endian), else
	 * its offset in pool; tag 0: empty */
	struct dent { uint64_t kw; uint32_t tag, flags; } *slot;
	size_t cap, n;
	mc_buf pool;
} phi_dict;

/* A word's hash, and the word itself when it has 8 bytes or fewer. */
typedef struct phi_key { uint64_t h, k8; } phi_key;

/* Add w (any case) with flags, or OR the flags into its entry; freq (a
 * count from a name list) of 2,000 or more adds D_NAME_COMMON. */
int phi_dict_add(phi_dict *d, const char *w, size_t n, uint32_t flags, uint32_t freq);
/* Flags of w (any case; ASCII folding), 0 when absent. */
uint32_t phi_dict_get(const phi_dict *d, const char *w, size_t n);
/* The key of w (its hash, and w itself when it has 8 bytes or fewer). */
phi_key phi_dict_key(const char *w, size_t n);
/* The length of word w[0..n) as the dictionary knows it: without a
 * possessive ("Szczepańska's", "Crohn's"). */
static inline size_t phi_dict_key_len(const char *w, size_t n)
{
	return n > 3 && w[n - 2] == '\'' && (w[n - 1] | 0x20) == 's' ? n - 2 : n;
}
/* phi_dict_get with w's key k (phi_dict_key) already made. */
uint32_t phi_dict_get_k(const phi_dict *d, const char *w, size_t n, phi_key k);
/* For the n tokens t of s[0..len): key[i] and df[i] (the flags) of every
 * word token, df[i] 0 for the others (key[i] then unset).  All keys are
 * made and their slots prefetched before the first lookup: the table is
 * tens of MB, so the misses overlap. */
void phi_dict_lookup_tokens(const phi_dict *d, const char *s, size_t len, const mc_token *t, size_t n, phi_key *key,
			    uint32_t *df);
void phi_dict_release(phi_dict *d);
/* Is w[0..n) (6 letters or more) one edit after its first letter (a
 * letter left out, added, changed, or two swapped) away from a word whose
 * flags have a bit of
 * want and none of refuse?  A misspelt common or clinical word
 * ("aggitated", "Famliy", "Amniodarone") is no name. */
bool phi_dict_near(const phi_dict *d, const char *w, size_t n, uint32_t want, uint32_t refuse);
/* Load the embedded clinical list and, when found, the English words and
 * the medical dictionary (*clinical: its words). */
int phi_dict_load(phi_dict *d, const mc_phi_opts *o, size_t *words, size_t *clinical, mc_error *err);
/* Add the name lists of a folder of official name files (lists.c). */
int phi_load_name_dir(mc_phi *p, const char *dir, mc_error *err);

/* ---- word classes: lower-case word -> W_* bits (data/phi_words.tsv) ---- */

/* The context words a rule tests at one token ("w_" classes of
 * data/phi_words.tsv; the others set dictionary flags, D_*). */
enum {
	W_DOSE_UNIT, W_RX_VERB, W_PERSON_IS, W_PERSON_VERB, W_BY_VERB, W_ID_WORD, W_WARD_AFTER,
	W_WARD_BEFORE, W_TOWN_PREFIX, W_TOWN_PREFIX_CAP, W_TOWN_PREFIX_LOWER, W_STREET_SHORT, W_COMPASS,
	W_FLAT, W_COUNT_NOUN, W_AGE_UNIT_AFTER, W_DATE_WORD, W_MD_UNIT_AFTER, W_MONTH_BEFORE, W_AGE_YEAR,
	W_AGE_BEFORE, W_MD_NOT_BEFORE, W_MD_NOT_AFTER, W_NTH_COUNTED, W_MD_DATE_BEFORE, W_ORG_SUFFIX_STRONG, W_ROLE, W_VENT,
	W_COUNT
};
#define WC(c) (1ull << (c))

typedef struct phi_words {
	phi_dict dict;      /* word -> 1 + its index in mask */
	uint64_t *mask;     /* WC() bits per word */
	size_t n, cap;
} phi_words;

/* Add the classes cls to word w (any case). */
int phi_words_add(phi_words *w, const char *word, size_t n, uint64_t cls);
/* The classes of word[0..n) whose key is k; 0 when none. */
uint64_t phi_words_get_k(const phi_words *w, const char *word, size_t n, phi_key k);
/* The same, the key made here. */
uint64_t phi_words_get(const phi_words *w, const char *word, size_t n);
void phi_words_release(phi_words *w);
/* Read data/phi_words.tsv (embedded) into d (the D_* lists) and w (the
 * W_* classes).  Returns 0, MC_ENOMEM, or MC_EFORMAT for a class the
 * code does not know. */
int phi_words_load(phi_dict *d, phi_words *w, mc_error *err);

struct mc_phi {
	phi_dict dict;
	phi_words words;
	mc_scanner *scan;
	size_t nnames, nwords, nvocab, nclinical;
	mc_tokens vtok;           /* mc_phi_add_vocabulary's tokens (offsets only) */
	unsigned char key[32];
	bool has_key, shift_dates, keep_weekday;
};

/* A small set of remembered name tokens (lower case), for propagation. */
enum { DOC_MAX_NAMES = 4096 };

struct mc_phi_doc {
	mc_phi *phi;
	unsigned char key[32];
	int date_offset;          /* days */
	bool keyed;               /* key and date_offset are set (phi_doc_keys) */
	phi_dict names;           /* propagated name tokens */
	uint64_t names_bloom;     /* bit (hash >> 58) of every word in names: most words are
				   * known absent without a lookup */
	mc_tokens tok;
	mc_buf scratch;           /* wiped after use */
	void *cands;              /* candidate spans (detect.c) */
	size_t ncands, capcands;
};

/* The identifier patterns (patterns.c), in table order.  Patterns led by a
 * keyword or a literal ('@', '+', "://") run in the Hyperscan set; the
 * number, date and code shapes are read by the hand-written scanner in
 * shapes.c, whose behaviour is specified by the same expressions. */
enum phi_pat {
	PAT_DATE_MDY, PAT_DATE_DMY, PAT_DATE_YMD, PAT_DATE_MD, PAT_DATE_MY, PAT_DATE_YMD8,
	PAT_DATE_MON_D, PAT_DATE_D_MON, PAT_DATE_MON_Y, PAT_DATE_THE_NTH, PAT_DATE_HOLIDAY,
	PAT_AGE_YEARS_OLD, PAT_AGE_YO, PAT_AGE_LABEL, PAT_AGE_YEAR,
	PAT_PHONE_US, PAT_PHONE_INTL, PAT_PHONE_PAREN, PAT_PHONE_TRUNK0, PAT_PHONE_GROUPS,
	PAT_PHONE_LABEL, PAT_PHONE_LOCAL,
	PAT_EMAIL, PAT_URL, PAT_URL_WWW, PAT_DOMAIN, PAT_IPV4, PAT_IPV6, PAT_IPV6_SHORT,
	PAT_SSN, PAT_SSN_LABEL, PAT_MRN_LABEL, PAT_MRN_NUMBER, PAT_PLAN_LABEL, PAT_ACCOUNT_LABEL,
	PAT_LICENSE_LABEL, PAT_DL_LABEL, PAT_VEHICLE_LABEL, PAT_VIN, PAT_DEVICE_LABEL, PAT_IBAN,
	PAT_CARD, PAT_CARD_AMEX, PAT_LONGNUM, PAT_ID_PREFIXED, PAT_ID_DASHED, PAT_ID_LABEL,
	PAT_ROOM, PAT_CITY_STATE_ZIP, PAT_ZIP4, PAT_ZIP_LABEL, PAT_PO_BOX, PAT_PAGER, PAT_EXTENSION, PAT_SSN_LAST4, PAT_USER, PAT_REF_LABEL, PAT_APO,
	PAT_COUNT
};

/* Compile the Hyperscan part of the pattern set (the keyword/literal-led
 * patterns).  With `all`, every pattern in its full specification form
 * instead: the reference engine for tests and benchmarks. */
int phi_patterns_compile(mc_scanner **out, bool all, mc_error *err);

/* The hand-written shape scanner (shapes.c): reports every match of the
 * PAT_* patterns it owns, as Hyperscan + confirm would (each end once,
 * with its leftmost start).  Pure: reads s only.  cb returns non-zero to
 * stop; returns that value, or 0. */
typedef int (*phi_shape_cb)(unsigned id, size_t start, size_t end, void *payload);
/* Driven by the tokens t of s (mc_text_tokenize): ASCII word tokens are
 * word runs already, so only the other tokens' bytes are read again. */
int phi_shapes_scan_tokens(const char *s, size_t len, const mc_tokens *t, phi_shape_cb cb,
			   void *payload);
/* True for the patterns phi_shapes_scan_tokens reads. */
bool phi_shapes_owns(unsigned id);

/* Which candidate names a merged span: overlapping candidates become one
 * span, typed by the one with the highest priority (on a tie, by the one
 * that sorts first: the earlier start, then the longer).  One name per
 * kind of evidence, weakest first; kinds of equal weight share a value. */
typedef enum phi_prio {
	PRI_ROOM = 15,            /* "room 12" (OTHER) */
	PRI_HOLIDAY = 20,         /* "Christmas" */
	PRI_LONG_NUMBER = 20,     /* six digits or more */
	PRI_ID_DASHED = 21,       /* 12-34-567 */
	PRI_ID_PREFIXED = 22,     /* AB12345 */
	PRI_ACCESSION = 23,       /* S23-018842 */
	PRI_PHONE_LOCAL = 25,     /* 555-1234 */
	PRI_DATE_YMD8 = 30,       /* 20210304 */
	PRI_PHONE_GROUPS = 30,    /* 06 12 34 56 78 */
	PRI_ORG_SUFFIX = 30,      /* a capitalised run ending in Hospital */
	PRI_TOWN = 31,            /* "in Gloucester", "Flagstaff, AZ" */
	PRI_PLACE_CUE = 32,       /* "lives in X", "seen at X" */
	PRI_SAINT_ORG = 33,       /* "st. ansgar nursing home" */
	PRI_PHONE_TRUNK = 35,     /* 0171 123 4567 */
	PRI_MONTH_ALONE = 35,     /* "since Aug" */
	PRI_NAME_PROPAGATED = 38, /* a name found elsewhere in the document */
	PRI_NAME_LISTED = 39,     /* "Smith and Bowers" */
	PRI_NAME_RUN = 40,        /* name-list words side by side */
	PRI_DATE_MD = 40,         /* 3/14 */
	PRI_DATE_MD_WORD = 42,    /* "on 10-2" */
	PRI_NAME_INITIALS = 44,   /* "-- TMR, RN", a quoted first name */
	PRI_NAME_CUE = 45,        /* "Patient: X", "his wife X" */
	PRI_DATE_NTH = 45,        /* "on the 4th" */
	PRI_NAME_SIGNED = 46,     /* "J. Amaral, RN", "SMITH, JOHN MRN" */
	PRI_USER = 48,            /* "user jmartinez" */
	PRI_REFERENCE = 49,       /* "accession RAD-24-0918833" */
	PRI_NAME_TITLE = 50,      /* "Dr. X" */
	PRI_AGE = 50,             /* ages over 89 */
	PRI_DATE_MON_Y = 50,      /* "March 2021" */
	PRI_ID_LABEL = 50,        /* "ID: AB-1234" */
	PRI_BOX = 50,             /* "PO Box 12", "Suite 377", "APO AE 09012" */
	PRI_WARD = 52,            /* "Kessler 6" */
	PRI_DATE_MONTH = 55,      /* "March 4", "4 March" */
	PRI_ZIP4 = 55,            /* 12345-6789 */
	PRI_POSTCODE = 56,        /* "in Tujetsch 7188" */
	PRI_ADDRESS_CUE = 57,     /* "lives at 255 hersnapvej 18" */
	PRI_ADDRESS = 58,         /* "12 Oak Street" */
	PRI_DATE = 60,            /* 3/14/2021, 2021-03-14 */
	PRI_DOMAIN = 60,          /* example.org */
	PRI_CITY_STATE_ZIP = 60,  /* "Springfield, IL 62704" */
	PRI_ZIP_LABEL = 60,       /* "zip code 90010" */
	PRI_PHONE_PAREN = 65,     /* (0171) 123 4567 */
	PRI_EXTENSION = 69,       /* "ext. 22" */
	PRI_PHONE = 70,           /* 617-555-1234, +44 20 ... */
	PRI_VIN = 70,             /* 17 characters */
	PRI_PAGER = 71,           /* "pager 38817" */
	PRI_PHONE_LABEL = 72,     /* "phone: 555 1234 567" */
	PRI_IPV6_SHORT = 75,
	PRI_IP = 80,
	PRI_URL = 85,
	PRI_IBAN = 85,
	PRI_CARD = 88,
	PRI_EMAIL = 90,
	PRI_LABELLED = 91,        /* "member ID", "licence", "VIN", "serial" ... */
	PRI_MRN = 92,
	PRI_SSN = 95,
	PRI_SSN_LABEL = 96
} phi_prio;

/* The token rules, by name (for --explain); the patterns are rules too,
 * numbered by enum phi_pat below R_FIRST. */
typedef enum phi_rule {
	R_FIRST = 64,
	R_NAME_TITLE = R_FIRST, R_NAME_CUE, R_NAME_ROLE, R_NAME_RELATION, R_NAME_RUN, R_NAME_ALONE, R_NAME_UNKNOWN, R_NAME_LISTED,
	R_NAME_PROPAGATED, R_NAME_QUOTED, R_NAME_LINE, R_NAME_SIGNATURE, R_NAME_INITIALS,
	R_NAME_SIGN_OFF, R_PLACE_CUE, R_ORG_SUFFIX, R_SAINT_ORG, R_WARD, R_TOWN, R_TOWN_LOWER,
	R_TOWN_STATE, R_CITY_LISTED, R_PLACE_PROPAGATED, R_ADDRESS, R_ADDRESS_ORDINAL, R_ADDRESS_CUE, R_POSTCODE,
	R_POSTCODE_TOWN, R_UNIT, R_AGE_PERSON, R_AGE_DECADE, R_AGE_WORDS, R_ACCESSION,
	R_DATE_MD_WORD, R_MONTH_ALONE, R_DATE_MONTH_YEAR,
	R_END
} phi_rule;

/* "name.title", "date_mdy", ... (static; "?" when unknown). */
const char *phi_rule_name(int rule);

typedef struct phi_cand {
	size_t start, end;
	int type;      /* mc_phi_type */
	int prio;      /* phi_prio: higher wins the type of a merged span */
	int rule;      /* phi_rule or enum phi_pat */
} phi_cand;

/* The pattern set (for the PCRE2 baseline in bench/): expression i, its
 * MC_SCAN_* flags; returns the count. */
size_t phi_patterns_list(const char **re, unsigned *flags, size_t cap);

/* Tokenize s into d->tok, run the pattern scanners and append candidates. */
int phi_patterns_scan(mc_phi_doc *d, const char *s, size_t len, mc_error *err);
/* The same through a reference scanner from phi_patterns_compile(all):
 * every pattern by its expression, with the same post-checks. */
int phi_patterns_scan_reference(mc_phi_doc *d, mc_scanner *ref, const char *s, size_t len,
				mc_error *err);
/* Add a candidate span [start, end) of a type, found by a rule. */
int phi_cand_add(mc_phi_doc *d, size_t start, size_t end, int type, phi_prio prio, int rule);
/* Sort d's candidates and merge them into out: sorted, non-overlapping
 * spans with code-point offsets (merge.c).  Returns 0 or MC_ENOMEM. */
int phi_merge(mc_phi_doc *d, const char *s, size_t len, mc_phi_result *out);
/* "pattern.date_mdy", ... (static; "?" for an unknown id). */
const char *phi_pattern_name(unsigned id);

/* The equivalence check of the fast engine (Hyperscan part + shapes +
 * value rules) against the reference (every expression through
 * Hyperscan + PCRE2): for each byte of s, the set of types the
 * candidates cover must be the same.  Returns 1 when equal, 0 when not
 * (*where = first differing byte), 2 when s holds a run of value
 * characters, or a domain path, longer than the reference's confirm
 * window (not comparable),
 * MC_ENOMEM.  For tests and fuzzing. */
int phi_patterns_check(mc_phi_doc *d, mc_scanner *ref, const char *s, size_t len, size_t *where);

/* Keyed hash of (tag, data) into out[n] (n <= 64). */
void phi_hash(const unsigned char key[32], const char *tag, const void *data, size_t len,
	      unsigned char *out, size_t n);

/* Set the document's surrogate key and date offset when not done yet
 * (mask mode never needs them, so a document costs no random bytes). */
void phi_doc_keys(mc_phi_doc *d);

/* Empty the table, wiping its words; keeps its memory. */
void phi_dict_clear(phi_dict *d);

/* Dates (redact.c) */
int phi_civil_days(int y, int m, int d);
void phi_civil_from_days(int z, int *y, int *m, int *d);

#endif
