/* medcode drugs: the CMS ASP NDC-HCPCS crosswalk in the store.
 *
 * The crosswalk ties each Medicare Part B drug product as sold (NDC, drug
 * name as on the label, often a brand: "Prolia", "Kenalog-40"; or a generic
 * name: "Ketorolac Tromethamine"; and its labeler) to the HCPCS Level II
 * code it is billed under.  The importer writes it (stream "asp-ndc");
 * these functions read the latest release of it.
 */
#ifndef MEDCODE_DRUGS_H
#define MEDCODE_DRUGS_H

#include <stddef.h>

#include "medcode/error.h"
#include "medcode/records.h"
#include "medcode/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write one crosswalk row into release release_id (importer only). */
int mc_store_put_drug(mc_store *s, int64_t release_id, const mc_rec_drug *rec, mc_error *err);

/* Called once per distinct (drug name, HCPCS code) pair: name is the drug
 * name as sold, trimmed ("Prolia"); hcpcs the code ("J0897"); labelers
 * the number of labelers that sell it under that name.  Both strings are
 * valid during the call only.  Return non-zero to stop. */
typedef int (*mc_drug_name_fn)(const char *name, const char *hcpcs, size_t labelers, void *payload);

/* The drug names of the latest crosswalk release in the store, in name
 * order (case-insensitive), each with its code: every code when hcpcs is
 * NULL, else that code's only ("J3301": Kenalog-10, Kenalog-40, ...,
 * Triamcinolone Acetonide).  A store without a crosswalk calls fn never
 * and returns 0.  Returns fn's non-zero value when it stopped, else 0 or
 * MC_EDB.  Read-only: usable on a MC_STORE_READ handle. */
int mc_store_drug_names(mc_store *s, const char *hcpcs, mc_drug_name_fn fn, void *payload,
			mc_error *err);

#ifdef __cplusplus
}
#endif
#endif
