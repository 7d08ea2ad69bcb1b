/* medcode types: the vocabulary every module shares (code systems, tabular
 * note kinds, index kinds, fee-schedule indicator fields) and their names.
 * Plain enums and static strings; no state, no allocation.  Part of core:
 * it depends on nothing else in medcode.
 */
#ifndef MEDCODE_TYPES_H
#define MEDCODE_TYPES_H

#ifdef __cplusplus
extern "C" {
#endif

/* Code systems. */
typedef enum mc_system {
	MC_SYS_NONE = 0,
	MC_SYS_ICD10CM,
	MC_SYS_HCPCS,     /* HCPCS Level II */
	MC_SYS_CPT,       /* CPT (Level I), licensed */
	MC_SYS_MODIFIER,  /* CPT and HCPCS modifiers, in one table */
	MC_SYS_TAXONOMY,  /* NUCC provider taxonomy */
	MC_SYS_COUNT_
} mc_system;

/* "icd10cm", "hcpcs", "cpt", "modifier", "taxonomy"; NULL for NONE. */
const char *mc_system_name(mc_system s);
/* Inverse of mc_system_name (case-insensitive); MC_SYS_NONE if unknown. */
mc_system mc_system_from_name(const char *name);

/* ICD-10-CM tabular note kinds. */
typedef enum mc_note_kind {
	MC_NOTE_INCLUSION = 1,    /* inclusionTerm */
	MC_NOTE_INCLUDES,
	MC_NOTE_EXCLUDES1,
	MC_NOTE_EXCLUDES2,
	MC_NOTE_CODE_FIRST,
	MC_NOTE_USE_ADDITIONAL,
	MC_NOTE_CODE_ALSO,
	MC_NOTE_NOTE,             /* plain <notes> */
	MC_NOTE_SEVENTH_NOTE,     /* sevenChrNote */
	MC_NOTE_KIND_COUNT_
} mc_note_kind;
/* "inclusion", "excludes1", ...; "unknown" outside the enum. */
const char *mc_note_kind_name(mc_note_kind k);

/* Where an ICD-10-CM index entry comes from. */
typedef enum mc_index_kind {
	MC_INDEX_MAIN = 1,        /* Alphabetic Index */
	MC_INDEX_EXTERNAL,        /* External Cause Index (eindex) */
	MC_INDEX_DRUG,            /* Table of Drugs and Chemicals */
	MC_INDEX_NEOPLASM         /* Neoplasm Table */
} mc_index_kind;
/* "index", "eindex", "drug", "neoplasm"; "unknown" outside the enum. */
const char *mc_index_kind_name(mc_index_kind k);

/* Fields of a row of the PFS relative value file (PPRRVU), in file order. */
enum {
	MC_RVU_HCPCS, MC_RVU_MOD, MC_RVU_DESCRIPTION, MC_RVU_STATUS, MC_RVU_NOT_USED_FOR_MEDICARE,
	MC_RVU_WORK, MC_RVU_NONFAC_PE, MC_RVU_NONFAC_NA, MC_RVU_FAC_PE, MC_RVU_FAC_NA,
	MC_RVU_MP, MC_RVU_NONFAC_TOTAL, MC_RVU_FAC_TOTAL, MC_RVU_PCTC, MC_RVU_GLOBAL,
	MC_RVU_PRE_OP, MC_RVU_INTRA_OP, MC_RVU_POST_OP, MC_RVU_MULT_PROC, MC_RVU_BILAT,
	MC_RVU_ASST, MC_RVU_CO_SURG, MC_RVU_TEAM, MC_RVU_ENDO_BASE, MC_RVU_CONV_FACTOR,
	MC_RVU_PHYS_SUPERVISION, MC_RVU_CALC_FLAG, MC_RVU_IMAGING_FAMILY,
	MC_RVU_OPPS_NONFAC_PE, MC_RVU_OPPS_FAC_PE, MC_RVU_OPPS_MP,
	MC_RVU_NFIELDS
};
/* Column names used in the store and JSON ("hcpcs", "mod", "status", ...). */
extern const char *const mc_rvu_field_names[MC_RVU_NFIELDS];

#ifdef __cplusplus
}
#endif
#endif
