/* Release age: each stream's publication schedule and whether the loaded
 * release may be out of date on a date.  Reads the handle's release cache
 * (no SQL of its own).
 *
 * The schedules are the publishers' own (CMS, CDC, NUCC, AMA); a release
 * is expected to be followed by the next one period months after its
 * effective date.  Past that date, with no later release loaded, the
 * store can only say the release *may* be out of date: the publisher
 * might have skipped an update. */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "medcode/release_age.h"
#include "store/store_int.h"

typedef struct schedule {
	const char *stream, *name;
	mc_release_period period;
	const char *how;
} schedule;

static const schedule SCHEDULES[] = {
	{ "icd10cm", "ICD-10-CM", MC_PERIOD_YEARLY,
	  "CDC and CMS issue a new ICD-10-CM code set each fiscal year, effective October 1 "
	  "(with an April 1 update in some years)" },
	{ "hcpcs", "HCPCS Level II", MC_PERIOD_QUARTERLY,
	  "CMS issues the HCPCS Level II file quarterly, effective January, April, July and October 1" },
	{ "modifier-l2", "HCPCS Level II modifiers", MC_PERIOD_QUARTERLY,
	  "CMS issues the HCPCS Level II file (with its modifiers) quarterly, effective January, April, "
	  "July and October 1" },
	{ "rvu", "Medicare physician fee schedule relative value file", MC_PERIOD_QUARTERLY,
	  "CMS issues the PFS relative value file (releases A to D) quarterly, effective January, April, "
	  "July and October 1" },
	{ "cpt-pfs", "CPT short descriptors of the fee-schedule file", MC_PERIOD_QUARTERLY,
	  "CMS issues the PFS relative value file (releases A to D) quarterly, effective January, April, "
	  "July and October 1" },
	{ "cpt-ama", "AMA CPT data files", MC_PERIOD_YEARLY,
	  "the AMA issues the CPT code set yearly, effective January 1" },
	{ "modifier-ama", "AMA CPT modifiers", MC_PERIOD_YEARLY,
	  "the AMA issues the CPT code set yearly, effective January 1" },
	{ "mue", "NCCI medically unlikely edits", MC_PERIOD_QUARTERLY,
	  "CMS issues the NCCI MUE tables quarterly, effective January, April, July and October 1" },
	{ "ptp", "NCCI procedure-to-procedure edits", MC_PERIOD_QUARTERLY,
	  "CMS issues the NCCI PTP edit tables quarterly, effective January, April, July and October 1" },
	{ "aoc", "NCCI add-on code edits", MC_PERIOD_QUARTERLY,
	  "CMS issues the NCCI add-on code edit tables quarterly, effective January, April, July and "
	  "October 1" },
	{ "taxonomy", "NUCC health care provider taxonomy", MC_PERIOD_SEMIANNUAL,
	  "NUCC issues the taxonomy code set twice a year, effective January 1 and July 1" },
	{ "modifier-l1", "medcode's Level I modifier list", MC_PERIOD_NONE,
	  "medcode's reviewed list, versioned with medcode" },
};

const char *mc_release_period_name(mc_release_period p)
{
	switch (p) {
	case MC_PERIOD_QUARTERLY: return "quarterly";
	case MC_PERIOD_SEMIANNUAL: return "semiannual";
	case MC_PERIOD_YEARLY: return "yearly";
	default: return "none";
	}
}

mc_release_period mc_release_period_of(const char *stream, const char **name, const char **how)
{
	for (size_t i = 0; stream && i < sizeof(SCHEDULES) / sizeof(SCHEDULES[0]); i++) {
		if (strcmp(SCHEDULES[i].stream, stream) != 0)
			continue;
		if (name)
			*name = SCHEDULES[i].name;
		if (how)
			*how = SCHEDULES[i].how;
		return SCHEDULES[i].period;
	}
	if (name)
		*name = stream ? stream : "";
	if (how)
		*how = "";
	return MC_PERIOD_NONE;
}

/* iso + months, the day clamped to the month's length. */
static bool add_months(const char *iso, int months, char out[MC_DATE_LEN])
{
	int y, m, d;
	if (!mc_date_valid(iso) || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return false;
	int t = y * 12 + (m - 1) + months;
	y = t / 12;
	m = t % 12 + 1;
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > last)
		d = last;
	if (y > 9999)
		return false;
	snprintf(out, MC_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return true;
}

static bool in_force(const mc_rel_entry *e, const char *date)
{
	return !e->from || strcmp(e->from, date) <= 0;
}

/* The cache index of stream's release in force on date, or -1.  The cache
 * is ordered by stream, effective_from, id: the last match wins. */
static long in_force_at(const mc_store *s, const char *stream, const char *date)
{
	long hit = -1;
	for (size_t i = 0; i < s->nrel; i++)
		if (strcmp(s->rel[i].stream, stream) == 0 && in_force(&s->rel[i], date))
			hit = (long)i;
	return hit;
}

static void fill(mc_release_age *out, const mc_rel_entry *e, const mc_rel_entry *now, const char *date)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->stream, sizeof(out->stream), "%s", e->stream);
	snprintf(out->label, sizeof(out->label), "%s", e->label ? e->label : "");
	snprintf(out->effective_from, sizeof(out->effective_from), "%s",
		 e->from && mc_date_valid(e->from) ? e->from : "");
	snprintf(out->date, sizeof(out->date), "%s", date);
	out->period = mc_release_period_of(e->stream, &out->name, &out->schedule);
	if (out->period != MC_PERIOD_NONE && *out->effective_from &&
	    !add_months(out->effective_from, (int)out->period, out->next_due))
		out->next_due[0] = '\0';
	if (now && now != e)
		snprintf(out->superseded_by, sizeof(out->superseded_by), "%s", now->label ? now->label : "");
	out->may_be_stale = *out->superseded_by || (*out->next_due && strcmp(date, out->next_due) >= 0);
}

static int prepare(mc_store *s, const char **date, char buf[MC_DATE_LEN], mc_error *err)
{
	if (!*date) {
		mc_date_today(buf);
		*date = buf;
	} else if (!mc_date_valid(*date)) {
		return mc_error_set(err, MC_EINVAL, "bad date '%s' (expected YYYY-MM-DD)", *date);
	}
	return mc_store_rel_cache(s, err);
}

int mc_store_release_age(mc_store *s, const char *stream, const char *label, const char *date,
			 mc_release_age *out, mc_error *err)
{
	char dbuf[MC_DATE_LEN];
	memset(out, 0, sizeof(*out));
	if (!stream || !*stream)
		return mc_error_set(err, MC_EINVAL, "no stream given");
	int rc = prepare(s, &date, dbuf, err);
	if (rc < 0)
		return rc;
	long now = in_force_at(s, stream, date);
	const mc_rel_entry *e = now >= 0 ? &s->rel[now] : NULL;
	if (label) {
		e = NULL;
		for (size_t i = 0; i < s->nrel && !e; i++)
			if (strcmp(s->rel[i].stream, stream) == 0 && s->rel[i].label &&
			    strcmp(s->rel[i].label, label) == 0)
				e = &s->rel[i];
		if (!e)
			return mc_error_set(err, MC_ENOTFOUND, "no release '%s' of '%s' is loaded", label, stream);
		if (!in_force(e, date))
			return mc_error_set(err, MC_ENOTFOUND, "release '%s' of '%s' is not in force on %s",
					    label, stream, date);
	} else if (!e) {
		return mc_error_set(err, MC_ENOTFOUND, "no release of '%s' is in force on %s", stream, date);
	}
	fill(out, e, now >= 0 ? &s->rel[now] : NULL, date);
	return 0;
}

int mc_store_release_ages(mc_store *s, const char *date, mc_release_age **out, size_t *n,
			  mc_error *err)
{
	char dbuf[MC_DATE_LEN];
	*out = NULL;
	*n = 0;
	int rc = prepare(s, &date, dbuf, err);
	if (rc < 0)
		return rc;
	if (!s->nrel)
		return 0;
	mc_release_age *arr = mc_calloc(s->nrel, sizeof(*arr));
	if (!arr)
		return mc_error_set(err, MC_ENOMEM, "out of memory");
	size_t k = 0;
	for (size_t i = 0; i < s->nrel; i++) {
		bool last_of_stream = i + 1 == s->nrel || strcmp(s->rel[i + 1].stream, s->rel[i].stream) != 0;
		if (!last_of_stream)
			continue;
		long now = in_force_at(s, s->rel[i].stream, date);
		if (now >= 0)
			fill(&arr[k++], &s->rel[now], &s->rel[now], date);
	}
	*out = arr;
	*n = k;
	return 0;
}

void mc_release_ages_free(mc_release_age *a)
{
	mc_free(a);
}

char *mc_release_age_sentence(const mc_release_age *a, char *out, size_t cap)
{
	if (!cap)
		return out;
	char since[64] = "";
	if (*a->effective_from)
		snprintf(since, sizeof(since), " (in force from %s)", a->effective_from);
	const char *name = a->name ? a->name : a->stream;
	const char *per = mc_release_period_name(a->period);
	if (*a->superseded_by)
		snprintf(out, cap, "The %s release %s%s is out of date on %s: release %s replaces it.", name,
			 a->label, since, a->date, a->superseded_by);
	else if (a->may_be_stale)
		snprintf(out, cap, "The loaded %s release %s%s may be out of date on %s: it is updated %s and "
			 "the next release was due %s.", name, a->label, since, a->date, per, a->next_due);
	else if (*a->next_due)
		snprintf(out, cap, "The loaded %s release %s%s is current on %s; the next %s release is due %s.",
			 name, a->label, since, a->date, per, a->next_due);
	else
		snprintf(out, cap, "The loaded %s release %s%s has no publication schedule to check against.",
			 name, a->label, since);
	return out;
}
