/* Names of the shared enums of medcode/types.h. */
#include <string.h>

#include "core/core.h"
#include "medcode/types.h"

static const char *const system_names[MC_SYS_COUNT_] = {
	[MC_SYS_NONE] = NULL,
	[MC_SYS_ICD10CM] = "icd10cm",
	[MC_SYS_HCPCS] = "hcpcs",
	[MC_SYS_CPT] = "cpt",
	[MC_SYS_MODIFIER] = "modifier",
	[MC_SYS_TAXONOMY] = "taxonomy",
};

const char *mc_system_name(mc_system s)
{
	return s > MC_SYS_NONE && s < MC_SYS_COUNT_ ? system_names[s] : NULL;
}

mc_system mc_system_from_name(const char *name)
{
	for (int s = 1; s < MC_SYS_COUNT_; s++)
		if (mc_str_iequal(name, system_names[s]))
			return (mc_system)s;
	return MC_SYS_NONE;
}

const char *mc_note_kind_name(mc_note_kind k)
{
	switch (k) {
	case MC_NOTE_INCLUSION: return "inclusion";
	case MC_NOTE_INCLUDES: return "includes";
	case MC_NOTE_EXCLUDES1: return "excludes1";
	case MC_NOTE_EXCLUDES2: return "excludes2";
	case MC_NOTE_CODE_FIRST: return "code_first";
	case MC_NOTE_USE_ADDITIONAL: return "use_additional";
	case MC_NOTE_CODE_ALSO: return "code_also";
	case MC_NOTE_NOTE: return "note";
	case MC_NOTE_SEVENTH_NOTE: return "seventh_note";
	default: return "unknown";
	}
}

const char *mc_index_kind_name(mc_index_kind k)
{
	switch (k) {
	case MC_INDEX_MAIN: return "index";
	case MC_INDEX_EXTERNAL: return "eindex";
	case MC_INDEX_DRUG: return "drug";
	case MC_INDEX_NEOPLASM: return "neoplasm";
	default: return "unknown";
	}
}

const char *const mc_rvu_field_names[MC_RVU_NFIELDS] = {
	"hcpcs", "mod", "description", "status", "not_used_for_medicare",
	"work_rvu", "nonfac_pe_rvu", "nonfac_na", "fac_pe_rvu", "fac_na",
	"mp_rvu", "nonfac_total", "fac_total", "pctc", "global_days",
	"pre_op", "intra_op", "post_op", "mult_proc", "bilat_surg",
	"asst_surg", "co_surg", "team_surg", "endo_base", "conv_factor",
	"phys_supervision", "calc_flag", "imaging_family",
	"opps_nonfac_pe", "opps_fac_pe", "opps_mp",
};
