/*
 * periods.c - a network's flows in each period of the year (docs/model.md 14, docs/outputs.md
 * "Periods"): per-period flow of every built link of a periodic resource, what each supply
 * sends and each demand receives per period, hub processing per period, and the load factor
 * (average over peak) of every link and hub that runs by period. Stage: sn_solution ->
 * [result]; reads the period columns of src/model/periods.c, which only result code may.
 */
#include "result_int.h"

#include <math.h>

static double *vals(snp_period_figures *pf)
{
    return snp_arena_array(&pf->arena, (size_t)pf->n, sizeof(double));
}

/* Average over peak of per-period amounts v (of `total` a year): (total / H) / max_p v_p / h_p;
 * *peak receives the peak per hour. NAN when nothing runs. */
static double load_factor(const sn_instance *in, const double *v, double *peak)
{
    double total = 0, pk = 0;
    for (int p = 0; p < in->n_periods; p++) {
        total += v[p];
        pk = fmax(pk, v[p] / in->periods[p].hours);
    }
    *peak = pk;
    return pk > 0 ? total / in->period_hours_total / pk : NAN;
}

sn_status snp_period_figures_compute(const sn_instance *in, const sn_model *m, const sn_solution *s,
                                     const snp_figures *g, snp_period_figures *pf)
{
    snp_arena_init(&pf->arena);
    pf->n = 0;
    if (in->n_periods == 0 || !g->has_network || !s->has_x || m->n_periods == 0)
        return SN_OK;
    int np = pf->n = in->n_periods, nf = in->n_facilities, nh = in->n_hubs;
    snp_arena *a = &pf->arena;
    pf->link = snp_arena_array(a, (size_t)g->n_links + 1, sizeof(double *));
    pf->link_peak = snp_arena_array(a, (size_t)g->n_links + 1, sizeof(double));
    pf->link_load = snp_arena_array(a, (size_t)g->n_links + 1, sizeof(double));
    pf->sent = snp_arena_array(a, (size_t)nf + 1, sizeof(double **));
    pf->received = snp_arena_array(a, (size_t)nf + 1, sizeof(double **));
    pf->intake = snp_arena_array(a, (size_t)nf + 1, sizeof(double ***));
    pf->processed = snp_arena_array(a, (size_t)nh + 1, sizeof(double **));
    pf->hub_sent = snp_arena_array(a, (size_t)nh + 1, sizeof(double **));
    pf->hub_load = snp_arena_array(a, (size_t)nh + 1, sizeof(double));
    pf->store_option = snp_arena_array(a, (size_t)nh + 1, sizeof(int));
    pf->store_level = snp_arena_array(a, (size_t)nh + 1, sizeof(double *));
    if (!pf->link || !pf->link_peak || !pf->link_load || !pf->sent || !pf->received ||
        !pf->intake || !pf->processed || !pf->hub_sent || !pf->hub_load || !pf->store_option ||
        !pf->store_level)
        return SN_ENOMEM;

    /* links: built ones reported; every candidate counts in the node sums */
    for (int i = 0; i < g->n_links; i++) {
        int k = g->links[i].link;
        pf->link_peak[i] = pf->link_load[i] = NAN;
        if (m->period_flow_col[k] < 0)
            continue;
        if (!(pf->link[i] = vals(pf)))
            return SN_ENOMEM;
        for (int p = 0; p < np; p++)
            pf->link[i][p] = snp_solution_value(s, m->period_flow_col[k] + p);
        pf->link_load[i] = load_factor(in, pf->link[i], &pf->link_peak[i]);
    }
    for (int f = 0; f < nf; f++) {
        const snp_facility *fa = &in->facilities[f];
        pf->sent[f] = snp_arena_array(a, (size_t)fa->n_supplies + 1, sizeof(double *));
        pf->received[f] = snp_arena_array(a, (size_t)fa->n_demands + 1, sizeof(double *));
        pf->intake[f] = snp_arena_array(a, (size_t)fa->n_demands + 1, sizeof(double **));
        if (!pf->sent[f] || !pf->received[f] || !pf->intake[f])
            return SN_ENOMEM;
        for (int j = 0; j < fa->n_supplies; j++)
            if (fa->supplies[j].by_period && !(pf->sent[f][j] = vals(pf)))
                return SN_ENOMEM;
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            if (!d->by_period)
                continue;
            pf->intake[f][k] = snp_arena_array(a, (size_t)d->n_subs + 1, sizeof(double *));
            if (!pf->intake[f][k] || !(pf->received[f][k] = vals(pf)))
                return SN_ENOMEM;
        }
    }
    for (int h = 0; h < nh; h++) {
        const snp_hub *hub = &in->hubs[h];
        pf->hub_load[h] = NAN;
        pf->store_option[h] = snp_store_built(m, s, h);
        if (pf->store_option[h] >= 0) {
            if (!(pf->store_level[h] = vals(pf)))
                return SN_ENOMEM;
            for (int p = 0; p < np; p++)
                pf->store_level[h][p] = snp_solution_value(s, m->store_level_col[h] + p);
        }
        if (g->hub_size[h] < 0 || m->period_proc_col[h][0] < 0)
            continue;
        pf->processed[h] = snp_arena_array(a, (size_t)hub->n_inputs + 1, sizeof(double *));
        pf->hub_sent[h] = snp_arena_array(a, (size_t)hub->n_outputs + 1, sizeof(double *));
        double *all = vals(pf);
        if (!pf->processed[h] || !pf->hub_sent[h] || !all)
            return SN_ENOMEM;
        for (int i = 0; i < hub->n_inputs; i++) {
            if (!(pf->processed[h][i] = vals(pf)))
                return SN_ENOMEM;
            for (int p = 0; p < np; p++) {
                pf->processed[h][i][p] = snp_solution_value(s, m->period_proc_col[h][i] + p);
                all[p] += pf->processed[h][i][p];
            }
        }
        double peak;
        pf->hub_load[h] = load_factor(in, all, &peak);
        for (int o = 0; o < hub->n_outputs; o++)
            if (in->res_periodic[hub->outputs[o].resource] && !(pf->hub_sent[h][o] = vals(pf)))
                return SN_ENOMEM;
    }
    /* what leaves each supply and hub output, per period, over every candidate link */
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (m->period_flow_col[k] < 0)
            continue;
        double *out = NULL;
        int t;
        if (snp_node_kind_of(in, l->tail, &t) == SNP_NODE_FACILITY) {
            const snp_facility *fa = &in->facilities[t];
            for (int j = 0; j < fa->n_supplies && !out; j++)
                if (fa->supplies[j].resource == l->resource)
                    out = pf->sent[t][j];
        } else if (snp_node_kind_of(in, l->tail, &t) == SNP_NODE_HUB && pf->hub_sent[t]) {
            const snp_hub *hub = &in->hubs[t];
            for (int o = 0; o < hub->n_outputs && !out; o++)
                if (hub->outputs[o].resource == l->resource)
                    out = pf->hub_sent[t][o];
        }
        for (int p = 0; out && p < np; p++)
            out[p] += snp_solution_value(s, m->period_flow_col[k] + p);
    }
    /* what each demand takes, per accepted resource and period */
    for (size_t i = 0; i < m->period_allocs.len; i++) {
        const snp_period_alloc *pa = &SNP_VEC_AT(&m->period_allocs, snp_period_alloc, i);
        const snp_demand *d = &in->facilities[pa->facility].demands[pa->demand];
        int j = 0;
        for (int q = 0; q < d->n_subs && j == 0; q++)
            if (d->subs[q].resource == pa->resource)
                j = q + 1;
        double *v = vals(pf);
        if (!v)
            return SN_ENOMEM;
        pf->intake[pa->facility][pa->demand][j] = v;
        for (int p = 0; p < np; p++) {
            v[p] = snp_solution_value(s, pa->col + p);
            pf->received[pa->facility][pa->demand][p] += pa->ratio * v[p];
        }
    }
    return SN_OK;
}

int snp_store_built(const sn_model *m, const sn_solution *s, int h)
{
    if (!m->store_size_col || m->store_size_col[h] < 0 || !s->has_x)
        return -1;
    const snp_hub_storage *st = &m->inst->hubs[h].storage;
    for (int q = 0; q < st->n_capacities; q++)
        if (snp_solution_value(s, m->store_size_col[h] + q) > 0.5)
            return q;
    return -1;
}

void snp_store_costs(const sn_instance *in, const sn_model *m, const sn_solution *s, snp_costs *c,
                     double *capital_total)
{
    for (int h = 0; h < in->n_hubs; h++) {
        int q = snp_store_built(m, s, h);
        if (q < 0)
            continue;
        const snp_hub_capacity *o = &in->hubs[h].storage.capacities[q];
        c->capital += snp_crf(in->discount_rate, in->hubs[h].lifetime_yr) * o->capital;
        c->operating += o->fixed_opex;
        *capital_total += o->capital;
    }
}

void snp_period_figures_free(snp_period_figures *pf)
{
    snp_arena_free(&pf->arena);
    pf->n = 0;
}
