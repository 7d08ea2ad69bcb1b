/* The document model: code pages and publications assembled from one
 * mc_lookup record and, for publications, the publisher's input record.
 * Every block says where it came from; input rows are validated with
 * medcode/check.h and only rows that pass are printed as fact. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "core/core.h"
#include "medcode/check.h"
#include "medcode/history.h"
#include "medcode/lookup.h"
#include "medcode/publish.h"
#include "publish/builder.h"


const char PUB_AMA_NOTICE[] =
	"CPT codes and descriptors are copyright American Medical Association. All rights reserved. "
	"CPT is a registered trademark of the American Medical Association. Descriptors appear only as "
	"held in the files the user imported.";

/* Modifiers whose use the fee-schedule indicators govern. */
static const struct { const char *mod; int field; const char *name; } IND_MODS[] = {
	{ "50", MC_RVU_BILAT, "bilat_surg" }, { "51", MC_RVU_MULT_PROC, "mult_proc" },
	{ "62", MC_RVU_CO_SURG, "co_surg" }, { "66", MC_RVU_TEAM, "team_surg" },
	{ "80", MC_RVU_ASST, "asst_surg" }, { "81", MC_RVU_ASST, "asst_surg" },
	{ "82", MC_RVU_ASST, "asst_surg" }, { "AS", MC_RVU_ASST, "asst_surg" },
	{ "26", MC_RVU_PCTC, "pctc" }, { "TC", MC_RVU_PCTC, "pctc" },
};
#define N_IND_MODS (sizeof(IND_MODS) / sizeof(IND_MODS[0]))
_Static_assert(N_IND_MODS == PUB_N_IND_MODS, "PUB_N_IND_MODS must count IND_MODS");

/* Human labels of fee-schedule fields (RVU25D README captions). */
static const struct { const char *field, *label; } FIELD_LABELS[] = {
	{ "status", "Status code" },
	{ "pctc", "PC/TC indicator (26, TC)" },
	{ "global_days", "Global days" },
	{ "mult_proc", "Multiple procedures (51)" },
	{ "bilat_surg", "Bilateral surgery (50)" },
	{ "asst_surg", "Assistant at surgery (80, 81, 82, AS)" },
	{ "co_surg", "Co-surgeons (62)" },
	{ "team_surg", "Team surgery (66)" },
	{ "endo_base", "Endoscopic base code" },
	{ "phys_supervision", "Physician supervision of diagnostic procedures" },
	{ "calc_flag", "Calculation flag" },
	{ "imaging_family", "Diagnostic imaging family" },
	{ "nonfac_na", "Non-facility NA indicator" },
	{ "fac_na", "Facility NA indicator" },
	{ "not_used_for_medicare", "Not used for Medicare payment" },
};




/* ---- publisher ------------------------------------------------------ */

int mc_publisher_new(mc_publisher **out, mc_store *s, const char *date, mc_error *err)
{
	*out = NULL;
	if (date && !mc_date_valid(date))
		return mc_error_set(err, MC_EINVAL, "bad date '%s' (expected YYYY-MM-DD)", date);
	mc_publisher *p = mc_calloc(1, sizeof(*p));
	if (!p)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	p->s = s;
	if (date)
		snprintf(p->date, sizeof(p->date), "%s", date);
	else
		mc_date_today(p->date);
	*out = p;
	return 0;
}

void mc_publisher_free(mc_publisher *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < N_IND_MODS; i++) {
		mc_free(p->mods[i].desc);
		mc_free(p->mods[i].cite);
	}
	mc_free(p);
}

static int load_mods(mc_publisher *p, mc_error *err)
{
	if (p->mods_loaded)
		return 0;
	for (size_t i = 0; i < N_IND_MODS; i++) {
		mc_lookup_opts o = { p->date, MC_SYS_MODIFIER, 2, false };
		mc_lookup_result r;
		int rc = mc_lookup(p->s, IND_MODS[i].mod, &o, &r, err);
		if (rc < 0) {
			mc_lookup_result_release(&r);
			return rc;
		}
		mod_info *m = &p->mods[i];
		for (size_t k = 0; k < r.n && !m->found; k++) {
			const mc_code_record *c = &r.items[k];
			if (strcmp(c->state, "active") != 0)
				continue;
			char cite[CITE_MAX];
			const char *t = c->title_long ? c->title_long : c->title_short;
			m->desc = mc_strdup(t ? t : MC_PUB_MISSING);
			m->cite = mc_strdup(mc_check_cite(&c->source, cite, sizeof(cite)));
			if (!m->desc || !m->cite) {
				mc_lookup_result_release(&r);
				return mc_error_set(err, MC_ENOMEM, "out of memory");
			}
			m->found = true;
		}
		mc_lookup_result_release(&r);
	}
	p->mods_loaded = true;
	return 0;
}

static const mc_rvu_item *main_rvu(const mc_code_record *c)
{
	for (size_t i = 0; i < c->nrvu; i++)
		if (!*c->rvu[i].mod)
			return &c->rvu[i];
	return c->nrvu ? &c->rvu[0] : NULL;
}

static const char *system_label(const char *sys)
{
	if (!sys)
		return "";
	if (strcmp(sys, "cpt") == 0)
		return "CPT";
	if (strcmp(sys, "hcpcs") == 0)
		return "HCPCS";
	if (strcmp(sys, "icd10cm") == 0)
		return "ICD-10-CM";
	if (strcmp(sys, "taxonomy") == 0)
		return "Taxonomy";
	if (strcmp(sys, "modifier") == 0)
		return "Modifier";
	return sys;
}

/* ---- store facts ---------------------------------------------------- */

static void descriptors(bld *b)
{
	const mc_code_record *r = b->rec;
	static const char *const cols[] = { "Descriptor", "Text" };
	pb_table t = pb_tbl(b, "Official descriptors", 2, cols);
	bool cpt = strcmp(r->system, "cpt") == 0;
	bool ama = r->source.stream && strcmp(r->source.stream, "cpt-ama") == 0;
	const char *rcite = pb_cite(b, &r->source);
	if (cpt) {
		const mc_rvu_item *rv = main_rvu(r);
		if (rv && pb_has(rv->field[MC_RVU_DESCRIPTION]))
			pb_row(b, &t, pb_cite(b, &r->rvu_source),
			    (const char *[]){ "Short descriptor (PFS)", rv->field[MC_RVU_DESCRIPTION] });
		else
			pb_row(b, &t, pb_has(r->title_short) ? rcite : NULL,
			    (const char *[]){ "Short descriptor", r->title_short });
		pb_row(b, &t, ama && pb_has(r->title_other) ? rcite : NULL,
		    (const char *[]){ "Medium descriptor (AMA)", ama ? r->title_other : NULL });
		pb_row(b, &t, ama && pb_has(r->title_long) ? rcite : NULL,
		    (const char *[]){ "Long descriptor (AMA)", ama ? r->title_long : NULL });
	} else {
		pb_row(b, &t, pb_has(r->title_long) ? rcite : NULL, (const char *[]){ "Long descriptor", r->title_long });
		pb_row(b, &t, pb_has(r->title_short) ? rcite : NULL, (const char *[]){ "Short descriptor", r->title_short });
		if (pb_has(r->title_other))
			pb_row(b, &t, rcite, (const char *[]){ "Other descriptor", r->title_other });
	}
	pb_tbl_end(b, &t);
}

static void classification(bld *b)
{
	const mc_code_record *r = b->rec;
	const char *rcite = pb_cite(b, &r->source);
	static const char *const cols[] = { "Item", "Value" };
	pb_table t = pb_tbl(b, "Status", 2, cols);
	pb_row(b, &t, rcite, (const char *[]){ "State", pb_bprintf(b, "%s%s%s", r->state,
								 r->deleted_on ? " on " : "",
								 r->deleted_on ? r->deleted_on : "") });
	if (r->billable >= 0)
		pb_row(b, &t, rcite, (const char *[]){ "Billable", r->billable ? "yes" : "no (header: not billable)" });
	if (pb_has(r->kind) && strcmp(r->kind, "code") != 0)
		pb_row(b, &t, rcite, (const char *[]){ "Kind", r->kind });
	pb_tbl_end(b, &t);
	if (r->nancestors) {
		static const char *const hc[] = { "Code", "Title" };
		pb_table h = pb_tbl(b, "Hierarchy", 2, hc);
		for (size_t i = 0; i < r->nancestors; i++)
			pb_row(b, &h, rcite, (const char *[]){ r->ancestors[i].code, r->ancestors[i].title });
		pb_tbl_end(b, &h);
	}
	if (r->nchildren) {
		static const char *const cc[] = { "Billable code", "Title" };
		pb_table c = pb_tbl(b, r->children_truncated ? "Billable codes under this header (first 100)"
						       : "Billable codes under this header", 2, cc);
		for (size_t i = 0; i < r->nchildren; i++)
			pb_row(b, &c, rcite, (const char *[]){ r->children[i].code, r->children[i].title });
		pb_tbl_end(b, &c);
	}
	if (r->nnotes) {
		static const char *const nc[] = { "Note", "Text" };
		pb_table n = pb_tbl(b, "Tabular notes", 2, nc);
		const char *ncite = pb_cite(b, &r->notes_source);
		for (size_t i = 0; i < r->nnotes; i++)
			pb_row(b, &n, ncite, (const char *[]){ r->notes[i].kind, r->notes[i].text });
		pb_tbl_end(b, &n);
	}
}

static const char *field_label(const char *field)
{
	for (size_t i = 0; i < sizeof(FIELD_LABELS) / sizeof(FIELD_LABELS[0]); i++)
		if (strcmp(FIELD_LABELS[i].field, field) == 0)
			return FIELD_LABELS[i].label;
	return field;
}

static void fee_schedule(bld *b)
{
	const mc_code_record *r = b->rec;
	const mc_rvu_item *rv = main_rvu(r);
	if (!rv) {
		pb_text(b, "Fee-schedule indicators", NULL, NULL);
		return;
	}
	const char *rc = pb_cite(b, &r->rvu_source);
	static const char *const cols[] = { "Indicator", "Value", "Meaning" };
	pb_table t = pb_tbl(b, "Fee-schedule indicators", 3, cols);
	for (size_t i = 0; i < rv->nindicators; i++) {
		const mc_indicator_item *it = &rv->indicators[i];
		pb_row(b, &t, rc, (const char *[]){ field_label(it->field), it->value, it->meaning });
	}
	pb_tbl_end(b, &t);
	static const char *const rcols[] = { "Row", "Work RVU", "Non-facility total", "Facility total",
					     "Conversion factor" };
	pb_table u = pb_tbl(b, "Relative value units", 5, rcols);
	for (size_t i = 0; i < r->nrvu; i++) {
		const mc_rvu_item *x = &r->rvu[i];
		pb_row(b, &u, rc, (const char *[]){ *x->mod ? pb_bprintf(b, "modifier %s", x->mod) : "global",
						 x->field[MC_RVU_WORK], x->field[MC_RVU_NONFAC_TOTAL],
						 x->field[MC_RVU_FAC_TOTAL], x->field[MC_RVU_CONV_FACTOR] });
	}
	pb_tbl_end(b, &u);
}

static void mue(bld *b)
{
	const mc_code_record *r = b->rec;
	static const char *const cols[] = { "Service type", "MUE units", "Adjudication indicator", "Rationale" };
	pb_table t = pb_tbl(b, "Medically unlikely edits (MUE)", 4, cols);
	const char *c = pb_cite(b, &r->mue_source);
	for (size_t i = 0; i < r->nmue; i++) {
		const mc_mue_item *m = &r->mue[i];
		pb_row(b, &t, c, (const char *[]){ m->service_type, pb_bprintf(b, "%ld", m->units),
						m->mai ? pb_bprintf(b, "%d %s", m->mai, m->mai_desc ? m->mai_desc : "")
						       : NULL,
						m->rationale });
	}
	pb_tbl_end(b, &t);
}

static const char *join_codes(bld *b, const mc_aoc_item *it, size_t n)
{
	mc_buf s = MC_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		if (mc_buf_printf(&s, "%s%s", i ? ", " : "", it[i].code) < 0)
			break;
	const char *r = pb_bdup(b, s.ptr ? s.ptr : "");
	mc_buf_release(&s);
	return r;
}

static void addon(bld *b)
{
	const mc_code_record *r = b->rec;
	static const char *const cols[] = { "Item", "Value" };
	pb_table t = pb_tbl(b, "Add-on code edits (NCCI)", 2, cols);
	const char *c = pb_cite(b, &r->aoc_source);
	if (r->naddon_primaries)
		pb_row(b, &t, c, (const char *[]){ "Add-on code; report with primary codes",
						join_codes(b, r->addon_primaries, r->naddon_primaries) });
	if (r->naddons)
		pb_row(b, &t, c, (const char *[]){ "Primary code for add-on codes", join_codes(b, r->addons, r->naddons) });
	const mc_rvu_item *rv = main_rvu(r);
	if (rv && pb_has(rv->field[MC_RVU_GLOBAL]) && strcmp(rv->field[MC_RVU_GLOBAL], "ZZZ") == 0)
		pb_row(b, &t, pb_cite(b, &r->rvu_source),
		    (const char *[]){ "Global days ZZZ", mc_indicator_meaning("global_days", "ZZZ") });
	pb_tbl_end(b, &t);
	static const char *const pc[] = { "Column 1", "Column 2", "Modifier indicator", "Effective", "Deleted" };
	if (!r->nptp) {
		pb_text(b, "Procedure-to-procedure edits (NCCI PTP)", NULL, NULL);
		return;
	}
	pb_table p = pb_tbl(b, r->ptp_total > r->nptp ? pb_bprintf(b, "Procedure-to-procedure edits (NCCI PTP), first %zu of %zu",
							    r->nptp, r->ptp_total)
						 : "Procedure-to-procedure edits (NCCI PTP)", 5, pc);
	const char *pcite = pb_cite(b, &r->ptp_source);
	for (size_t i = 0; i < r->nptp; i++) {
		const mc_ptp_item *x = &r->ptp[i];
		pb_row(b, &p, pcite, (const char *[]){ x->column1, x->column2, pb_bprintf(b, "%d", x->modifier_indicator),
						    x->effective, pb_has(x->deleted) ? x->deleted : "-" });
	}
	pb_tbl_end(b, &p);
}

/* The modifiers the code's indicators govern, with the indicator's
 * meaning: facts of the fee schedule and the modifier table. */
static void modifier_rules(bld *b)
{
	const mc_code_record *r = b->rec;
	const mc_rvu_item *rv = main_rvu(r);
	if (!rv) {
		pb_text(b, "Modifiers governed by fee-schedule indicators", NULL, NULL);
		return;
	}
	if ((b->rc = b->rc ? b->rc : load_mods(b->p, b->err)) < 0)
		return;
	static const char *const cols[] = { "Modifier", "Description", "Indicator", "Value and meaning" };
	pb_table t = pb_tbl(b, "Modifiers governed by fee-schedule indicators", 4, cols);
	const char *rc = pb_cite(b, &r->rvu_source);
	for (size_t i = 0; i < N_IND_MODS; i++) {
		const mod_info *m = &b->p->mods[i];
		const char *v = rv->field[IND_MODS[i].field];
		if (!pb_has(v))
			continue;
		const char *meaning = mc_indicator_meaning(IND_MODS[i].name, v);
		const char *src = m->found ? pb_bprintf(b, "%s; %s", pb_add_source(b, m->cite), rc) : rc;
		pb_row(b, &t, src, (const char *[]){ IND_MODS[i].mod, m->found ? m->desc : NULL,
						  field_label(IND_MODS[i].name),
						  pb_bprintf(b, "%s: %s", v, meaning ? meaning : "no meaning defined") });
	}
	pb_tbl_end(b, &t);
}

/* When the code was added, changed, deleted, and the earliest releases
 * naming it (medcode/history.h); each row cites its release. */
/* The modifiers a coder checks for the code (22, 53, GC, LT/RT, Q0/Q1,
 * 59 and X{EPSU}): whether each applies and why, by the sourced rules of
 * data/modifier_rules.tsv (mc_check_modifier_guide). */
static void modifier_guide(bld *b)
{
	mc_mod_guide g;
	int rc = mc_check_modifier_guide(b->p->s, b->p->date, b->rec, &g, b->err);
	if (rc < 0) {
		mc_mod_guide_release(&g);
		if (!b->rc)
			b->rc = rc;
		return;
	}
	static const char *const cols[] = { "Modifier", "Description", "Applies", "Why" };
	pb_table t = pb_tbl(b, "Other modifiers a coder checks", 4, cols);
	for (size_t i = 0; i < g.n; i++) {
		const mc_mod_advice *a = &g.items[i];
		const char *src = pb_has(a->description_source)
			? pb_bprintf(b, "%s; %s", pb_add_source(b, a->description_source), a->source)
			: pb_bdup(b, a->source);
		const char *desc = a->description && a->label_only
			? pb_bprintf(b, "%s (medcode label; AMA descriptor not imported)", a->description)
			: pb_bdup(b, a->description);
		pb_row(b, &t, src, (const char *[]){ pb_bdup(b, a->modifier), desc, a->verdict, pb_bdup(b, a->reason) });
	}
	pb_tbl_end(b, &t);
	mc_mod_guide_release(&g);
}

static void history(bld *b)
{
	const mc_code_record *r = b->rec;
	mc_code_history h;
	int rc = mc_store_code_history(b->p->s, r->system, r->code, b->p->date, &h, b->err);
	if (rc < 0) {
		mc_code_history_release(&h);
		if (!b->rc)
			b->rc = rc;
		return;
	}
	static const char *const cols[] = { "Event", "Date", "How it is known" };
	pb_table t = pb_tbl(b, "History", 3, cols);
	bool added = false;
	for (size_t i = 0; i < h.n; i++) {
		const mc_hist_event *e = &h.items[i];
		added |= e->kind == MC_HIST_ADDED;
		const char *when = e->from ? pb_bprintf(b, "%s to %s", e->from, e->date)
			: e->kind == MC_HIST_IN_FORCE_BY ? pb_bprintf(b, "by %s", e->date) : pb_bdup(b, e->date);
		pb_row(b, &t, pb_cite(b, &e->source),
		    (const char *[]){ mc_hist_kind_name(e->kind), when, pb_bdup(b, e->detail) });
	}
	/* Said plainly when no release or file dates the code's addition. */
	if (!added)
		pb_row(b, &t, NULL, (const char *[]){ "added", MC_PUB_MISSING, MC_PUB_MISSING });
	pb_tbl_end(b, &t);
	mc_code_history_release(&h);
}

static void reference(bld *b)
{
	const mc_code_record *r = b->rec;
	pb_section(b, "reference", "Code Reference");
	if (strcmp(r->system, "cpt") == 0 || strcmp(r->system, "hcpcs") == 0) {
		fee_schedule(b);
		modifier_rules(b);
		modifier_guide(b);
		mue(b);
		addon(b);
	} else {
		classification(b);
	}
	history(b);
}

/* ---- input rows ----------------------------------------------------- */

static int lookup_one(bld *b, const char *code, mc_system sys, mc_lookup_result *res,
		      const mc_code_record **out)
{
	mc_lookup_opts o = { b->p->date, sys, 4, false };
	*out = NULL;
	int rc = mc_lookup(b->p->s, code, &o, res, b->err);
	if (rc == MC_EINVAL) {
		mc_error_clear(b->err);
		return 0;
	}
	if (rc < 0)
		return b->rc = rc;
	for (size_t i = 0; i < res->n && !*out; i++)
		if (strcmp(res->items[i].state, "active") == 0)
			*out = &res->items[i];
	return 0;
}

static const char *row_cite(bld *b, const mc_source *src)
{
	return pb_bprintf(b, "%s; %s", pb_cite(b, src), b->in_cite);
}

static const char *where(bld *b, const char *list_name, size_t i)
{
	return pb_bprintf(b, "$.%s[%zu]", list_name, i);
}

static bool need_code(bld *b, const char *code, const char *list_name, size_t i)
{
	if (pb_has(code))
		return true;
	int rc = mc_findings_add(&b->d->findings, MC_SEV_WARNING, "input.code", list_name,
				 where(b, list_name, i), b->in_cite, NULL, "the row gives no code");
	if (rc < 0 && !b->rc)
		b->rc = mc_error_set(b->err, rc, "out of memory");
	return false;
}

static void check_rc(bld *b, int rc)
{
	if (rc < 0 && !b->rc)
		b->rc = rc;
}

static void modifiers(bld *b, const mc_pub_input *in)
{
	static const char *const cols[] = { "Modifier", "Official description", "When to use" };
	pb_table t = pb_tbl(b, "Modifiers", 3, cols);
	/* The rules of data/modifier_rules.tsv judge the rows too. */
	mc_mod_guide g = { NULL, 0 };
	if (in->nmodifiers)
		check_rc(b, mc_check_modifier_guide(b->p->s, b->p->date, b->rec, &g, b->err));
	for (size_t i = 0; i < in->nmodifiers && !b->rc; i++) {
		const mc_pub_modifier *m = &in->modifiers[i];
		if (!need_code(b, m->code, "modifiers", i))
			continue;
		size_t mark = b->d->findings.n;
		const char *w = where(b, "modifiers", i);
		check_rc(b, mc_check_modifier(b->p->s, b->p->date, b->rec, m->code, m->description, w,
					      &b->d->findings, b->err));
		if (!b->rc && !mc_findings_failed_since(&b->d->findings, mark))
			check_rc(b, mc_check_modifier_guided(&g, m->code, w, &b->d->findings));
		if (b->rc || mc_findings_failed_since(&b->d->findings, mark))
			continue;
		mc_lookup_result res;
		const mc_code_record *c;
		lookup_one(b, m->code, MC_SYS_MODIFIER, &res, &c);
		if (c) {
			const char *desc = c->title_long ? c->title_long : c->title_short;
			bool builtin = c->source.stream && strcmp(c->source.stream, "modifier-l1") == 0;
			if (builtin && desc)
				desc = pb_bprintf(b, "%s (medcode label; AMA descriptor not imported)", desc);
			pb_row(b, &t, row_cite(b, &c->source),
			    (const char *[]){ pb_bdup(b, c->code), pb_bdup(b, desc), m->when_to_use });
		}
		mc_lookup_result_release(&res);
	}
	mc_mod_guide_release(&g);
	pb_tbl_end(b, &t);
}

static void taxonomy(bld *b, const mc_pub_input *in)
{
	static const char *const cols[] = { "Taxonomy code", "NUCC name", "Notes" };
	pb_table t = pb_tbl(b, "Taxonomy", 3, cols);
	for (size_t i = 0; i < in->ntaxonomy && !b->rc; i++) {
		const mc_pub_taxonomy *x = &in->taxonomy[i];
		if (!need_code(b, x->code, "taxonomy", i))
			continue;
		size_t mark = b->d->findings.n;
		check_rc(b, mc_check_taxonomy(b->p->s, b->p->date, x->code, x->specialty,
					      where(b, "taxonomy", i), &b->d->findings, b->err));
		if (b->rc || mc_findings_failed_since(&b->d->findings, mark))
			continue;
		mc_lookup_result res;
		const mc_code_record *c;
		lookup_one(b, x->code, MC_SYS_TAXONOMY, &res, &c);
		if (c)
			pb_row(b, &t, row_cite(b, &c->source),
			    (const char *[]){ pb_bdup(b, c->code), pb_bdup(b, c->title_long), x->notes });
		mc_lookup_result_release(&res);
	}
	pb_tbl_end(b, &t);
}

static void diagnoses(bld *b, const mc_pub_input *in)
{
	static const char *const cols[] = { "ICD-10-CM code", "Official title", "Clinical relevance" };
	pb_table t = pb_tbl(b, "Related diagnoses", 3, cols);
	for (size_t i = 0; i < in->nrelated_diagnoses && !b->rc; i++) {
		const mc_pub_dx *x = &in->related_diagnoses[i];
		if (!need_code(b, x->code, "related_diagnoses", i))
			continue;
		size_t mark = b->d->findings.n;
		check_rc(b, mc_check_icd10cm(b->p->s, b->p->date, x->code, x->description,
					     where(b, "related_diagnoses", i), &b->d->findings, b->err));
		if (b->rc || mc_findings_failed_since(&b->d->findings, mark))
			continue;
		mc_lookup_result res;
		const mc_code_record *c;
		lookup_one(b, x->code, MC_SYS_ICD10CM, &res, &c);
		if (c)
			pb_row(b, &t, row_cite(b, &c->source),
			    (const char *[]){ pb_bdup(b, c->code), pb_bdup(b, c->title_long ? c->title_long : c->title_short),
					      x->relevance });
		mc_lookup_result_release(&res);
	}
	pb_tbl_end(b, &t);
}

static void related(bld *b, const mc_pub_input *in)
{
	static const char *const cols[] = { "Code", "Official descriptor", "Relationship" };
	pb_table t = pb_tbl(b, "Related codes", 3, cols);
	for (size_t i = 0; i < in->nrelated_codes && !b->rc; i++) {
		const mc_pub_related *x = &in->related_codes[i];
		if (!need_code(b, x->code, "related_codes", i))
			continue;
		size_t mark = b->d->findings.n;
		check_rc(b, mc_check_related(b->p->s, b->p->date, x->code, x->description,
					     where(b, "related_codes", i), &b->d->findings, b->err));
		if (b->rc || mc_findings_failed_since(&b->d->findings, mark))
			continue;
		mc_lookup_result res;
		const mc_code_record *c;
		lookup_one(b, x->code, MC_SYS_NONE, &res, &c);
		if (c) {
			const char *d = c->title_long ? c->title_long : c->title_short;
			if (d && strcmp(c->system, "cpt") == 0 && c->source.stream &&
			    strcmp(c->source.stream, "cpt-ama") != 0)
				d = pb_bprintf(b, "%s (PFS short descriptor)", d);
			pb_row(b, &t, row_cite(b, &c->source),
			    (const char *[]){ pb_bprintf(b, "%s %s", system_label(c->system), c->code), d, x->relationship });
		}
		mc_lookup_result_release(&res);
	}
	pb_tbl_end(b, &t);
}

static void input_table(bld *b, const char *heading, size_t ncols, const char *const *cols, size_t n,
			const void *rows, size_t row_size)
{
	pb_table t = pb_tbl(b, heading, ncols, cols);
	for (size_t i = 0; i < n; i++) {
		const char *const *f = (const char *const *)(const void *)((const char *)rows + i * row_size);
		pb_row(b, &t, b->in_cite, f);
	}
	pb_tbl_end(b, &t);
}

static const char WITHHELD[] =
	"Withheld: the record's text makes a time-bound claim that the code's history contradicts "
	"(claim.stale); see Validation.";

/* Publisher text checked for time-bound claims (mc_check_time_claims):
 * text that fails is withheld, the finding says why. */
static const char *claims_checked(bld *b, const mc_code_history *h, const char *t, const char *path)
{
	if (!pb_has(t) || !h || b->rc)
		return t;
	size_t mark = b->d->findings.n;
	check_rc(b, mc_check_time_claims(t, b->rec->code, b->p->date, h, path, &b->d->findings));
	return mc_findings_failed_since(&b->d->findings, mark) ? WITHHELD : t;
}

static void checked_text(bld *b, const mc_code_history *h, const char *heading, const char *t, const char *field)
{
	pb_text(b, heading, claims_checked(b, h, t, pb_bprintf(b, "$.%s", field)), b->in_cite);
}

static void checked_list(bld *b, const mc_code_history *h, const char *heading, const char *const *items, size_t n,
			 const char *field)
{
	const char **c = n ? pb_balloc(b, n * sizeof(*c)) : NULL;
	if (n && !c)
		return;
	for (size_t i = 0; i < n; i++)
		c[i] = claims_checked(b, h, items[i], pb_bprintf(b, "$.%s[%zu]", field, i));
	pb_list(b, heading, c, n, b->in_cite);
}

static void publication(bld *b, const mc_pub_input *in, const mc_code_history *h)
{
	const char *ic = b->in_cite;
	pb_section(b, "summary", "Summary & Overview");
	checked_text(b, h, "Title", in->title, "title");
	checked_text(b, h, "Headline", in->headline, "headline");
	checked_text(b, h, "Lead", in->lead, "lead");
	checked_text(b, h, "Summary", in->summary, "summary");
	pb_list(b, "Key payers covered", in->key_payers, in->nkey_payers, ic);

	pb_section(b, "billing", "Billing Code Overview");
	descriptors(b);
	checked_text(b, h, "Description", in->description, "description");
	checked_text(b, h, "Service type", in->service_type, "service_type");
	checked_text(b, h, "Typical site of service", in->site_of_service, "site_of_service");

	pb_section(b, "clinical", "Clinical & Coding Specifications");
	checked_text(b, h, "Clinical context", in->clinical_context, "clinical_context");
	checked_list(b, h, "Clinical workflow", in->workflow, in->nworkflow, "workflow");
	checked_list(b, h, "Indications", in->indications, in->nindications, "indications");
	checked_list(b, h, "Procedure", in->procedure_steps, in->nprocedure_steps, "procedure_steps");
	checked_text(b, h, "Post-procedure", in->post_procedure, "post_procedure");
	modifiers(b, in);
	taxonomy(b, in);
	diagnoses(b, in);
	related(b, in);

	pb_section(b, "payers", "Payer Coverage");
	static const char *const pc[] = { "Payer", "Coverage", "Prior authorization", "Policy" };
	input_table(b, "Payers", 4, pc, in->npayers, in->payers, sizeof(*in->payers));
	pb_section(b, "benchmarks", "Utilization Benchmarks");
	static const char *const bc[] = { "Metric", "Value", "Period", "Stated source" };
	input_table(b, "Benchmarks", 4, bc, in->nbenchmarks, in->benchmarks, sizeof(*in->benchmarks));
	pb_section(b, "policy", "Policy Updates");
	static const char *const uc[] = { "Date", "Update", "Summary", "Stated source" };
	input_table(b, "Policy updates", 4, uc, in->npolicy_updates, in->policy_updates,
		    sizeof(*in->policy_updates));
}

static void code_page(bld *b)
{
	pb_section(b, "description", "Official Description");
	descriptors(b);
	pb_section(b, "clinical", "Clinical Description");
	pb_text(b, "Common language description", NULL, NULL);
	pb_text(b, "Indications", NULL, NULL);
	pb_text(b, "Procedure", NULL, NULL);
	pb_text(b, "Post-procedure", NULL, NULL);
}

static void validation(bld *b, bool have_input)
{
	pb_section(b, "validation", "Validation");
	if (!have_input) {
		pb_text(b, NULL, "No input record was given: the page holds store facts only, so there are no input rows to validate.", "");
		return;
	}
	const mc_findings *f = &b->d->findings;
	if (!f->n) {
		pb_text(b, NULL, "Every row of the input record passed validation.", "");
		return;
	}
	static const char *const cols[] = { "Severity", "Rule", "Subject", "Input", "Finding" };
	pb_table t = pb_tbl(b, "Findings (failed rows are not printed as fact)", 5, cols);
	for (size_t i = 0; i < f->n; i++) {
		const mc_finding *x = &f->items[i];
		pb_row(b, &t, x->source, (const char *[]){ mc_severity_name(x->severity), x->rule, x->subject,
							 pb_has(x->where) ? x->where : "-", x->message });
	}
	pb_tbl_end(b, &t);
}

/* ---- entry points --------------------------------------------------- */

static int prio(const char *sys)
{
	if (strcmp(sys, "cpt") == 0)
		return 0;
	if (strcmp(sys, "hcpcs") == 0)
		return 1;
	return 2;
}

int mc_publish_build(mc_publisher *p, const char *code, mc_system system, const mc_pub_input *in,
		     mc_pub_doc **out, mc_error *err)
{
	*out = NULL;
	if (!code || !*code)
		return mc_error_set(err, MC_EINVAL, "no code given");
	if (in && pb_has(in->code)) {
		char a[MC_CODE_MAX], c[MC_CODE_MAX];
		if (!mc_code_compact(in->code, a) || !mc_code_compact(code, c) || strcmp(a, c) != 0)
			return mc_error_set(err, MC_EINVAL, "%s: $.code: the record is for '%s', not '%s'", in->name,
					    in->code, code);
	}
	/* The record's strings are borrowed by the document: the result lives
	 * as long as it. */
	mc_lookup_result *resp = mc_malloc(sizeof(*resp));
	if (!resp)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	mc_lookup_result res;
	mc_lookup_opts o = { p->date, system, 4, false };
	int rc = mc_lookup(p->s, code, &o, &res, err);
	if (rc < 0) {
		mc_lookup_result_release(&res);
		mc_free(resp);
		return rc;
	}
	const mc_code_record *rec = NULL;
	for (size_t i = 0; i < res.n; i++) {
		const mc_code_record *c = &res.items[i];
		if (strcmp(c->state, "active") != 0)
			continue;
		if (!rec || prio(c->system) < prio(rec->system))
			rec = c;
	}
	if (!rec) {
		rc = mc_error_set(err, MC_ENOTFOUND, "no code '%s' is valid on %s", code, p->date);
		mc_lookup_result_release(&res);
		mc_free(resp);
		return rc;
	}
	mc_arena *a = mc_calloc(1, sizeof(*a));
	mc_pub_doc *d = a ? mc_arena_alloc(a, sizeof(*d)) : NULL;
	mc_pub_section *secs = d ? mc_arena_alloc(a, MAX_SECTIONS * sizeof(*secs)) : NULL;
	if (!secs) {
		if (a) {
			mc_arena_release(a);
			mc_free(a);
		}
		mc_lookup_result_release(&res);
		mc_free(resp);
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	}
	*resp = res;
	d->lookup_ = resp;
	d->nlookups_ = 1;
	d->arena_ = a;
	d->sections = secs;
	mc_findings_init(&d->findings);
	bld b = { p, a, d, err, 0, 0, NULL, rec };
	d->kind = in ? "publication" : "code page";
	d->system = pb_bdup(&b, system_label(rec->system));
	d->code = pb_bdup(&b, rec->code);
	d->title = pb_bdup(&b, rec->title_long ? rec->title_long : rec->title_short);
	d->date = pb_bdup(&b, p->date);
	d->notice = strcmp(rec->system, "cpt") == 0 ? PUB_AMA_NOTICE : NULL;
	mc_code_history hist = { 0 };
	if (in) {
		const char *base = strrchr(in->name, '/');
		b.in_cite = pb_add_source(&b, pb_bprintf(&b, "input record %s (publisher-provided, not official)",
						   base ? base + 1 : in->name));
		if ((rc = mc_store_code_history(p->s, rec->system, rec->code, p->date, &hist, err)) < 0)
			b.rc = rc;
		publication(&b, in, &hist);
		mc_code_history_release(&hist);
	} else {
		code_page(&b);
	}
	reference(&b);
	validation(&b, in != NULL);
	pb_sources(&b);
	if (b.rc < 0) {
		rc = b.rc;
		mc_pub_doc_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void mc_pub_doc_free(mc_pub_doc *d)
{
	if (!d)
		return;
	mc_findings_release(&d->findings);
	mc_lookup_result *res = d->lookup_;
	for (size_t i = 0; res && i < d->nlookups_; i++)
		mc_lookup_result_release(&res[i]);
	mc_free(res);
	mc_arena *a = d->arena_;
	mc_arena_release(a);
	mc_free(a);
}

/* ---- code lists for batches ---------------------------------------- */

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Codes gathered for a batch. */
typedef struct code_list {
	char **v;
	size_t n, cap;
} code_list;

static int collect_code(const char *code, void *payload)
{
	code_list *l = payload;
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 1024;
		char **x = mc_realloc(l->v, nc * sizeof(*x));
		if (!x)
			return MC_ENOMEM;
		l->v = x;
		l->cap = nc;
	}
	if (!(l->v[l->n] = mc_strdup(code)))
		return MC_ENOMEM;
	l->n++;
	return 0;
}

int mc_publish_codes(mc_publisher *p, mc_system system, char ***out, size_t *n, mc_error *err)
{
	*out = NULL;
	*n = 0;
	const char *sys = mc_system_name(system);
	if (!sys)
		return mc_error_set(err, MC_EINVAL, "no system given");
	code_list l = { NULL, 0, 0 };
	int rc = mc_store_codes_in_force(p->s, sys, p->date, collect_code, &l, err);
	if (rc == MC_ENOMEM)
		rc = mc_error_set(err, rc, "out of memory");
	char **codes = l.v;
	size_t cnt = l.n;
	if (rc < 0) {
		mc_publish_codes_free(codes, cnt);
		return rc;
	}
	if (cnt)
		qsort(codes, cnt, sizeof(*codes), cmp_str);
	/* Two streams of one system may hold the same code. */
	size_t k = 0;
	for (size_t i = 0; i < cnt; i++) {
		if (k && strcmp(codes[k - 1], codes[i]) == 0) {
			mc_free(codes[i]);
			continue;
		}
		codes[k++] = codes[i];
	}
	*out = codes;
	*n = k;
	return 0;
}

void mc_publish_codes_free(char **codes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		mc_free(codes[i]);
	mc_free(codes);
}
