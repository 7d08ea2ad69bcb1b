/* Release naming and code shapes shared by the RVU parsers. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ingest/parse_util.h"
#include "ingest/rvu.h"

static int quarter_of_month_name(const char *s, size_t n)
{
	static const char *const names[4] = { "jan", "apr", "jul", "oct" };
	if (n < 3)
		return 0;
	for (int q = 0; q < 4; q++)
		if (mc_str_istarts(s, names[q]))
			return q + 1;
	return 0;
}

/* "PPRRVU2025_Oct", "PPRRVU25_JAN", "RVU25D" in the path. */
void mc_rvu_release_from_name(const char *name, mc_rvu_release *rel)
{
	const char *base = mc_ingest_base_name(name);
	const char *p = mc_memcasestr(base, strlen(base), "PPRRVU");
	if (p) {
		p += 6;
		size_t nd = 0;
		while (isdigit((unsigned char)p[nd]))
			nd++;
		if (nd == 4 || nd == 2) {
			int y = 0;
			for (size_t i = 0; i < nd; i++)
				y = y * 10 + (p[i] - '0');
			rel->year = nd == 2 ? 2000 + y : y;
			p += nd;
			while (*p == '_' || *p == '-' || *p == ' ')
				p++;
			size_t na = 0;
			while (isalpha((unsigned char)p[na]))
				na++;
			if (na == 1 && toupper((unsigned char)*p) >= 'A' &&
			    toupper((unsigned char)*p) <= 'D')
				rel->quarter = toupper((unsigned char)*p) - 'A' + 1;
			else
				rel->quarter = quarter_of_month_name(p, na);
		}
	}
	if (rel->year && rel->quarter)
		return;
	/* "RVU25D" anywhere in the path (zip folder names). */
	for (const char *s = name; (s = mc_memcasestr(s, strlen(s), "RVU")) != NULL; s += 3) {
		if (isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) &&
		    toupper((unsigned char)s[5]) >= 'A' && toupper((unsigned char)s[5]) <= 'D' &&
		    !isalpha((unsigned char)s[6])) {
			rel->year = 2000 + (s[3] - '0') * 10 + (s[4] - '0');
			rel->quarter = toupper((unsigned char)s[5]) - 'A' + 1;
			return;
		}
	}
}

void mc_rvu_release_strings(const char *name, const mc_rvu_release *rel,
			    char *label, size_t label_cap, char from[MC_DATE_LEN])
{
	from[0] = '\0';
	if (rel->year >= 2000 && rel->year <= 2099 && rel->quarter) {
		snprintf(label, label_cap, "RVU%02d%c", rel->year % 100, 'A' + rel->quarter - 1);
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%04d-%02d-01", rel->year, 1 + 3 * (rel->quarter - 1));
		mc_copy_trim(from, MC_DATE_LEN, tmp, sizeof(tmp));
	} else if (rel->year >= 2000 && rel->year <= 2099) {
		snprintf(label, label_cap, "RVU%02d", rel->year % 100);
	} else {
		const char *b = mc_ingest_base_name(name);
		size_t n = strcspn(b, ".");
		snprintf(label, label_cap, "%.*s", (int)(n < 48 ? n : 48), b);
	}
}

bool mc_rvu_is_cpt_code(const char *s)
{
	if (strlen(s) != 5)
		return false;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return isdigit((unsigned char)s[4]) || s[4] == 'F' || s[4] == 'T' ||
	       s[4] == 'U' || s[4] == 'M';
}

int mc_rvu_emit(mc_rvu_emitter *e, const mc_rec_rvu *rec, const mc_sink *sink)
{
	int rc;
	if (e->rows++ == 0 && sink->release) {
		mc_rec_release r = { MC_SYS_NONE, "rvu", e->label, e->from, e->format };
		if ((rc = sink->release(&r, sink->payload)) < 0)
			return rc;
	}
	if (sink->rvu && (rc = sink->rvu(rec, sink->payload)) < 0)
		return rc;
	const char *code = rec->field[MC_RVU_HCPCS];
	if (!mc_rvu_is_cpt_code(code) || strcmp(code, e->prev) == 0)
		return 0;
	snprintf(e->prev, sizeof(e->prev), "%s", code);
	if (!e->cpt_announced) {
		e->cpt_announced = true;
		if (sink->release) {
			mc_rec_release r = { MC_SYS_CPT, "cpt-pfs", e->label, e->from, e->format };
			if ((rc = sink->release(&r, sink->payload)) < 0)
				return rc;
		}
	}
	if (!sink->code)
		return 0;
	mc_attr attr = { "source", "pfs" };
	mc_rec_code c = { 0 };
	c.system = MC_SYS_CPT;
	c.code = code;
	c.title_short = rec->field[MC_RVU_DESCRIPTION][0] ? rec->field[MC_RVU_DESCRIPTION] : NULL;
	c.billable = -1;
	c.attrs = &attr;
	c.nattrs = 1;
	c.line = rec->line;
	return sink->code(&c, sink->payload);
}
