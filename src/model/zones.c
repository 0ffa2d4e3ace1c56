/*
 * zones.c - caps on truck trips through community zones (issue 18; docs/model.md 9.3,
 * docs/format.md "zones"). Stage: sn_instance -> [model]; runs after the link rows.
 *
 * 9.3  For a zone z with cap C_z: Σ_{l truck, P(l) enters z} trips_l ≤ C_z, where trips_l is
 * the link's trip count n_l when trips are charged (8.5), else its flow over the truck
 * capacity, Σ_k x_lk / Q_l (ways.c requires Q for every trucked resource when a zone has a
 * cap). A route is fixed before the MILP (2.3), so a cap limits what the links through the zone
 * carry; it does not send a truck round the zone (a ban does).
 */
#include "model_int.h"

#include <math.h>

static int enters(const sn_instance *in, const snp_link *l, int z)
{
    for (int i = 0; l->route && i < l->n_route; i++)
        if (in->trenches[l->route[i]].zone == z)
            return 1;
    return 0;
}

sn_status snp_model_zone_rows(sn_model *m)
{
    const sn_instance *in = m->inst;
    for (int z = 0; z < in->n_zones; z++) {
        const snp_zone *zo = &in->zones[z];
        if (!zo->has_trip_cap)
            continue;
        if (snp_model_row_begin(m, "zone_trips(%s)", zo->id) != 0)
            return SN_ENOMEM;
        for (size_t k = 0; k < m->links.len; k++) {
            const snp_link *l = snp_model_link(m, (int)k);
            if (l->mode != SNP_MODE_TRUCK || !enters(in, l, z))
                continue;
            if (l->col_trips >= 0) {
                if (snp_model_row_add(m, l->col_trips, 1.0) != 0)
                    return SN_ENOMEM;
                continue;
            }
            double q = in->resources[l->resource].truck.truck_capacity;
            for (int c = 0; c < l->n_comm; c++)
                if (snp_model_row_add(m, l->first_flow + c, 1.0 / q) != 0)
                    return SN_ENOMEM;
        }
        if (snp_model_row_end(m, -INFINITY, zo->max_truck_trips_per_yr) != 0)
            return SN_ENOMEM;
    }
    return SN_OK;
}
