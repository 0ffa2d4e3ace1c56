/*
 * fair.c - who pays for what (docs/model.md section 12), and the individual-rationality rows
 * that `solve --fair` adds: no facility pays more in the network than under business as usual.
 *
 * The allocation rule assigns every cost-bearing column of the model to one payer, so that a
 * facility's cost is linear in the model's variables and the facilities' costs plus the shared
 * pool add up to the objective exactly:
 * - a facility's own disposal and purchases (with their carbon) are its own;
 * - a link into a facility is paid by that facility (the receiver pays transport);
 * - everything else (hubs, corridors, links into hubs and junctions) is the shared pool.
 *
 * Stage: sn_model (after build.c) -> sn_model with the fairness rows. Reports read
 * snp_col_payer to split a solved network's cost (src/report/partners.c).
 */
#include "model_int.h"

#include <math.h>

int snp_link_payer(const sn_instance *in, const snp_link *l)
{
    int i;
    if (snp_node_kind_of(in, l->head, &i) == SNP_NODE_FACILITY)
        return i;
    return SNP_PAYER_SHARED;
}

int snp_col_payer(const sn_model *m, int j)
{
    const snp_col *c = snp_model_col(m, j);
    switch (c->role) {
    case SNP_ROLE_DISPOSE:
    case SNP_ROLE_PURCHASE:
        return c->a;
    case SNP_ROLE_FLOW:
    case SNP_ROLE_LINK_BUILD:
    case SNP_ROLE_TRIPS:
    case SNP_ROLE_PERIOD_PEAK:
        return snp_link_payer(m->inst, snp_model_link(m, c->a));
    case SNP_ROLE_HUB_SIZE:
    case SNP_ROLE_STORE_SIZE:
    case SNP_ROLE_HUB_PROCESS:
    case SNP_ROLE_HUB_DISPOSE:
    case SNP_ROLE_CORRIDOR:
    case SNP_ROLE_TRENCH:
        return SNP_PAYER_SHARED;
    case SNP_ROLE_DEST_FLOW:
    case SNP_ROLE_ALLOC:
    case SNP_ROLE_SLACK:
    case SNP_ROLE_FAIR_SHARE:
    case SNP_ROLE_PERIOD_FLOW:
    case SNP_ROLE_PERIOD_ALLOC:
    case SNP_ROLE_PERIOD_PROCESS:
    case SNP_ROLE_STORE_LEVEL:
        return SNP_PAYER_NONE; /* period columns cost nothing (model.md 14) */
    }
    return SNP_PAYER_NONE;
}

double snp_facility_bau_cost(const sn_instance *in, int f)
{
    const snp_facility *fa = &in->facilities[f];
    double cp = in->carbon_price, cost = 0;
    for (int s = 0; s < fa->n_supplies; s++) {
        const snp_supply *su = &fa->supplies[s];
        if (!su->has_disposal)
            return NAN;
        cost += (su->disposal_cost + cp * su->disposal_co2) * su->amount;
    }
    for (int k = 0; k < fa->n_demands; k++) {
        const snp_demand *d = &fa->demands[k];
        if (!d->has_price)
            return NAN;
        cost += (d->price + cp * d->co2) * d->amount;
    }
    return cost;
}

/* Facilities that may carry a share of the pool: those with a candidate link to or from a hub
 * or junction, or a candidate pipe in a corridor. */
static void mark_eligible(const sn_model *m, int *eligible)
{
    const sn_instance *in = m->inst;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        int t, h;
        int tail_fac = snp_node_kind_of(in, l->tail, &t) == SNP_NODE_FACILITY;
        int head_fac = snp_node_kind_of(in, l->head, &h) == SNP_NODE_FACILITY;
        if (tail_fac && head_fac && l->corridor < 0)
            continue;
        if (tail_fac)
            eligible[t] = 1;
        if (head_fac)
            eligible[h] = 1;
    }
}

/* Section 12.2:
 *   Σ_{j: payer(j) = f} c_j v_j + σ_f ≤ BAU_f      for every facility f with a BAU cost,
 *   Σ_f σ_f = Σ_{j: payer(j) = pool} c_j v_j,        σ_f ≥ 0 (eligible facilities only). */
sn_status snp_model_fair_rows(sn_model *m)
{
    const sn_instance *in = m->inst;
    int nf = in->n_facilities, n_cols = (int)m->cols.len;
    int *eligible = snp_arena_array(&m->arena, (size_t)nf + 1, sizeof(int));
    m->fair_share_col = snp_arena_array(&m->arena, (size_t)nf + 1, sizeof(int));
    if (!eligible || !m->fair_share_col)
        return SN_ENOMEM;
    int pool = 0;
    for (int j = 0; j < n_cols; j++)
        if (snp_col_payer(m, j) == SNP_PAYER_SHARED && snp_model_col(m, j)->obj != 0)
            pool = 1;
    for (int f = 0; f < nf; f++)
        m->fair_share_col[f] = -1;
    if (pool) {
        mark_eligible(m, eligible);
        for (int f = 0; f < nf; f++) {
            if (!eligible[f])
                continue;
            m->fair_share_col[f] =
                snp_model_add_col(m, SNP_COL_CONT, 0, INFINITY, 0, SNP_ROLE_FAIR_SHARE, f, -1,
                                  "share(%s)", in->facilities[f].id);
            if (m->fair_share_col[f] < 0)
                return SN_ENOMEM;
        }
        if (snp_model_row_begin(m, "fair_pool") != 0)
            return SN_ENOMEM;
        for (int f = 0; f < nf; f++)
            if (m->fair_share_col[f] >= 0 && snp_model_row_add(m, m->fair_share_col[f], 1) != 0)
                return SN_ENOMEM;
        for (int j = 0; j < n_cols; j++)
            if (snp_col_payer(m, j) == SNP_PAYER_SHARED &&
                snp_model_row_add(m, j, -snp_model_col(m, j)->obj) != 0)
                return SN_ENOMEM;
        if (snp_model_row_end(m, 0, 0) != 0)
            return SN_ENOMEM;
    }
    for (int f = 0; f < nf; f++) {
        double bau = snp_facility_bau_cost(in, f);
        if (isnan(bau))
            continue; /* no business as usual to compare with: it has to take part */
        if (snp_model_row_begin(m, "fair(%s)", in->facilities[f].id) != 0)
            return SN_ENOMEM;
        for (int j = 0; j < n_cols; j++)
            if (snp_col_payer(m, j) == f && snp_model_row_add(m, j, snp_model_col(m, j)->obj) != 0)
                return SN_ENOMEM;
        if (m->fair_share_col[f] >= 0 && snp_model_row_add(m, m->fair_share_col[f], 1) != 0)
            return SN_ENOMEM;
        if (snp_model_row_end(m, -INFINITY, bau) != 0)
            return SN_ENOMEM;
    }
    return SN_OK;
}
