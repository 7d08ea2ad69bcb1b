/* Weak placeholders for parsers not yet written: each real parser file
 * overrides its pair.  Delete an entry once its parser exists. */
#include "medcode/ingest.h"
__attribute__((weak)) int mc_detect_icd10cm_order(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_icd10cm_order(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format icd10cm_order is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_icd10cm_tabular(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_icd10cm_tabular(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format icd10cm_tabular is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_icd10cm_index(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_icd10cm_index(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format icd10cm_index is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_icd10cm_table(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_icd10cm_table(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format icd10cm_table is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_icd10cm_hierarchy(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_icd10cm_hierarchy(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format icd10cm_hierarchy is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_hcpcs_xlsx(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_hcpcs_xlsx(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format hcpcs_xlsx is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_hcpcs_txt(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_hcpcs_txt(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format hcpcs_txt is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_rvu_csv(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_rvu_csv(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format rvu_csv is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_rvu_txt(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_rvu_txt(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format rvu_txt is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_nucc_csv(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_nucc_csv(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format nucc_csv is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_mue_csv(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_mue_csv(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format mue_csv is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_mue_tsv(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_mue_tsv(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format mue_tsv is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_aoc_xlsx(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_aoc_xlsx(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format aoc_xlsx is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_ptp_txt(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_ptp_txt(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format ptp_txt is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_ptp_xlsx(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_ptp_xlsx(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format ptp_xlsx is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_cpt_ama(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_cpt_ama(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format cpt_ama is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_cpt_consumer(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_cpt_consumer(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format cpt_consumer is not supported yet", in->name); }
__attribute__((weak)) int mc_detect_codelist(const mc_input *in) { (void)in; return 0; }
__attribute__((weak)) int mc_parse_codelist(const mc_input *in, const mc_sink *sink, mc_error *err)
{ (void)sink; return mc_error_set(err, MC_EFORMAT, "%s: format codelist is not supported yet", in->name); }
