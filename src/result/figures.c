/*
 * figures.c - recomputes what a network costs and saves from the region data and the
 * solution's decisions, entity by entity: costs by category, business as usual, emissions,
 * waste diverted. The total must agree with the solver's objective; a mismatch is reported
 * as an internal error, never printed as an answer.
 *
 * Stage: sn_solution -> [result]. Reads solution values for the result object (result.c).
 */
#include "result_int.h"

#include <math.h>
#include <string.h>

static double val(const sn_solution *s, int col)
{
    return col >= 0 ? snp_solution_value(s, col) : 0;
}

static void finish(snp_costs *c)
{
    c->total = c->disposal + c->purchase + c->capital + c->operating + c->carbon;
}

/* Row lengths of the per-entity tables: what = 0 supplies, 1 demands (per facility), 2 inputs,
 * 3 outputs (per hub). */
static int row_len(const sn_instance *in, int what, int i)
{
    switch (what) {
    case 0:
        return in->facilities[i].n_supplies;
    case 1:
        return in->facilities[i].n_demands;
    case 2:
        return in->hubs[i].n_inputs;
    default:
        return in->hubs[i].n_outputs;
    }
}

/* A zeroed table of doubles, one row per facility (what 0, 1) or hub (what 2, 3). */
static double **table(const sn_instance *in, int what)
{
    int n = what < 2 ? in->n_facilities : in->n_hubs;
    double **t = snp_calloc((size_t)n + 1, sizeof *t);
    if (!t)
        return NULL;
    for (int i = 0; i < n; i++) {
        t[i] = snp_calloc((size_t)row_len(in, what, i) + 1, sizeof **t);
        if (!t[i]) {
            for (int g = 0; g < i; g++)
                snp_free(t[g]);
            snp_free(t);
            return NULL;
        }
    }
    return t;
}

static void free_table(double **t, int n)
{
    if (!t)
        return;
    for (int f = 0; f < n; f++)
        snp_free(t[f]);
    snp_free(t);
}

void snp_figures_free(snp_figures *fig)
{
    for (int i = 0; fig->links && i < fig->n_links; i++)
        snp_free(fig->links[i].by_origin);
    snp_free(fig->links);
    snp_free(fig->link_flow);
    snp_free(fig->link_built);
    fig->link_built = NULL;
    free_table(fig->disposed, fig->n_facilities);
    free_table(fig->purchased, fig->n_facilities);
    free_table(fig->processed, fig->n_hubs);
    free_table(fig->hub_disposed, fig->n_hubs);
    free_table(fig->produced, fig->n_hubs);
    fig->disposed = fig->purchased = fig->processed = fig->hub_disposed = fig->produced = NULL;
    fig->link_flow = NULL;
    snp_free(fig->hub_size);
    snp_free(fig->corridor_built);
    snp_free(fig->diverted);
    snp_free(fig->replaced);
    free_table(fig->sent, fig->n_facilities);
    free_table(fig->received, fig->n_facilities);
    fig->sent = fig->received = NULL;
    fig->links = NULL;
    fig->hub_size = fig->corridor_built = NULL;
    fig->diverted = fig->replaced = NULL;
}

static void bau_costs(const sn_instance *in, snp_figures *fig)
{
    double cp = in->carbon_price, co2 = 0;
    fig->bau_feasible = 1;
    memset(&fig->bau, 0, sizeof fig->bau);
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++) {
            const snp_supply *su = &fa->supplies[s];
            if (!su->has_disposal) {
                fig->bau_feasible = 0;
                continue;
            }
            fig->bau.disposal += su->disposal_cost * su->amount;
            co2 += su->disposal_co2 * su->amount;
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            if (!d->has_price) {
                fig->bau_feasible = 0;
                continue;
            }
            fig->bau.purchase += d->price * d->amount;
            co2 += d->co2 * d->amount;
        }
    }
    fig->bau.carbon = cp * co2;
    fig->bau_co2_t_per_yr = co2;
    finish(&fig->bau);
}

sn_status snp_figures_compute(const sn_instance *in, const sn_model *m, const sn_solution *s,
                              snp_figures *fig, sn_diag *diag)
{
    memset(fig, 0, sizeof *fig);
    bau_costs(in, fig);
    fig->has_network = s->has_x;
    int nr = in->n_resources;
    fig->links = snp_calloc(m->links.len + 1, sizeof *fig->links);
    fig->hub_size = snp_calloc((size_t)in->n_hubs + 1, sizeof(int));
    fig->corridor_built = snp_calloc((size_t)in->n_corridors + 1, sizeof(int));
    fig->diverted = snp_calloc((size_t)nr + 1, sizeof(double));
    fig->replaced = snp_calloc((size_t)nr + 1, sizeof(double));
    fig->n_facilities = in->n_facilities;
    fig->n_hubs = in->n_hubs;
    fig->sent = table(in, 0);
    fig->received = table(in, 1);
    fig->disposed = table(in, 0);
    fig->purchased = table(in, 1);
    fig->processed = table(in, 2);
    fig->hub_disposed = table(in, 3);
    fig->produced = table(in, 3);
    fig->link_flow = snp_calloc(m->links.len + 1, sizeof(double));
    fig->link_built = snp_calloc(m->links.len + 1, 1);
    if (!fig->links || !fig->hub_size || !fig->corridor_built || !fig->diverted || !fig->replaced ||
        !fig->sent || !fig->received || !fig->disposed || !fig->purchased || !fig->processed ||
        !fig->hub_disposed || !fig->produced || !fig->link_flow || !fig->link_built) {
        snp_figures_free(fig);
        return SN_ENOMEM;
    }
    if (!s->has_x)
        return SN_OK;

    double cp = in->carbon_price, co2 = 0;
    snp_costs *c = &fig->cost;
    double *div_scale = snp_calloc((size_t)nr + 1, sizeof(double));
    double *rep_scale = snp_calloc((size_t)nr + 1, sizeof(double));
    if (!div_scale || !rep_scale) {
        snp_free(div_scale);
        snp_free(rep_scale);
        snp_figures_free(fig);
        return SN_ENOMEM;
    }
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int k = 0; k < fa->n_supplies; k++) {
            const snp_supply *su = &fa->supplies[k];
            double d = val(s, m->dispose_col[f][k]);
            fig->disposed[f][k] = d;
            c->disposal += su->disposal_cost * d;
            co2 += su->disposal_co2 * d;
            if (su->has_disposal) {
                fig->diverted[su->resource] += su->amount - d;
                div_scale[su->resource] += su->amount;
            }
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            double b = val(s, m->purchase_col[f][k]);
            fig->purchased[f][k] = b;
            c->purchase += d->price * b;
            co2 += d->co2 * b;
            if (d->has_price) {
                fig->replaced[d->resource] += d->amount - b;
                rep_scale[d->resource] += d->amount;
            }
        }
    }
    /* amount - disposed (or - bought) leaves rounding noise (-7e-12 t) when all of it is
     * disposed of (or bought): below 1e-9 of the resource's total, nothing was diverted */
    for (int r = 0; r < nr; r++) {
        if (fabs(fig->diverted[r]) <= 1e-9 * div_scale[r])
            fig->diverted[r] = 0;
        if (fabs(fig->replaced[r]) <= 1e-9 * rep_scale[r])
            fig->replaced[r] = 0;
    }
    snp_free(div_scale);
    snp_free(rep_scale);
    for (size_t a = 0; a < m->allocs.len; a++) {
        const snp_allocation *al = &SNP_VEC_AT(&m->allocs, snp_allocation, a);
        fig->received[al->facility][al->demand] += al->ratio * val(s, al->col);
    }
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        double flow = 0;
        for (int q = 0; q < l->n_comm; q++)
            flow += val(s, l->first_flow + q);
        fig->link_flow[k] = flow;
        int built = 0, size = -1;
        if (l->col_build >= 0) {
            int n = l->n_sizes > 0 ? l->n_sizes : 1;
            for (int z = 0; z < n; z++)
                if (val(s, l->col_build + z) > 0.5) {
                    built = 1;
                    size = l->n_sizes > 0 ? z : -1;
                }
        } else {
            built = flow > 0;
        }
        fig->link_built[k] = (char)built;
        if (!built)
            continue;
        int ti;
        if (snp_node_kind_of(in, l->tail, &ti) == SNP_NODE_FACILITY) {
            const snp_facility *fa = &in->facilities[ti];
            for (int q = 0; q < fa->n_supplies; q++)
                if (fa->supplies[q].resource == l->resource)
                    fig->sent[ti][q] += flow;
        }
        double trips = val(s, l->col_trips);
        snp_built_link *b = &fig->links[fig->n_links++];
        b->link = (int)k;
        b->flow = flow;
        b->trips = trips;
        b->has_trips = l->col_trips >= 0;
        b->size = size;
        /* periods (docs/model.md 13.9): capital per unit carried is paid on the peak size */
        double sized =
            m->period_peak_col && m->period_peak_col[k] >= 0 ? val(s, m->period_peak_col[k]) : flow;
        b->capital = snp_link_capital(l, size, sized);
        b->annual =
            snp_link_annual_cost(l, size, flow, trips) + l->crf * l->unit_capital * (sized - flow);
        b->tracked = m->res_tracked[l->resource];
        if (b->tracked && l->n_comm > 0) {
            b->by_origin = snp_calloc((size_t)l->n_comm, sizeof *b->by_origin);
            if (!b->by_origin) {
                snp_figures_free(fig);
                return SN_ENOMEM;
            }
            b->n_origins = 0;
            for (int q = 0; q < l->n_comm; q++) {
                const snp_commodity *cm = &SNP_VEC_AT(&m->comms, snp_commodity, l->comm[q]);
                int h;
                /* a forbidden hub sends nothing (its commodity exists, idle): not an origin */
                if (snp_node_kind_of(in, cm->origin_node, &h) == SNP_NODE_HUB &&
                    in->hubs[h].status == SNP_STATUS_FORBIDDEN)
                    continue;
                b->by_origin[b->n_origins++] =
                    (snp_origin_flow){cm->origin_node, val(s, l->first_flow + q)};
            }
        }
        double carbon = cp * l->unit_co2 * flow;
        co2 += l->unit_co2 * flow;
        c->capital += l->crf * b->capital;
        c->operating += b->annual - l->crf * b->capital - carbon;
        fig->capital_total += b->capital;
    }
    for (int h = 0; h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        fig->hub_size[h] = -1;
        if (hub->status == SNP_STATUS_FORBIDDEN)
            continue;
        for (int z = 0; z < hub->n_capacities; z++)
            if (val(s, m->hub_size_col[h][z]) > 0.5)
                fig->hub_size[h] = z;
        if (fig->hub_size[h] >= 0) {
            const snp_hub_capacity *o = &hub->capacities[fig->hub_size[h]];
            double crf = snp_crf(in->discount_rate, hub->lifetime_yr);
            c->capital += crf * o->capital;
            c->operating += o->fixed_opex;
            fig->capital_total += o->capital;
        }
        for (int i = 0; i < hub->n_inputs; i++) {
            double p = val(s, m->hub_proc_col[h][i]);
            fig->processed[h][i] = p;
            c->operating += hub->inputs[i].cost_per_unit * p;
            co2 += hub->inputs[i].co2_per_unit * p;
        }
        for (int o = 0; o < hub->n_outputs; o++) {
            for (int i = 0; i < hub->n_inputs; i++)
                fig->produced[h][o] += hub->inputs[i].yields[o] * fig->processed[h][i];
            double d = val(s, m->hub_disp_col[h][o]);
            fig->hub_disposed[h][o] = d;
            c->disposal += hub->outputs[o].disposal_cost * d;
            co2 += hub->outputs[o].disposal_co2 * d;
        }
    }
    for (int k = 0; k < in->n_corridors; k++) {
        if (m->corridor_col[k] < 0 || val(s, m->corridor_col[k]) < 0.5)
            continue;
        const snp_corridor *co = &in->corridors[k];
        fig->corridor_built[k] = 1;
        c->capital += snp_crf(in->discount_rate, co->lifetime_yr) * co->capital;
        fig->capital_total += co->capital;
    }
    snp_store_costs(in, m, s, c, &fig->capital_total); /* stores at hubs, model.md 13.10 */
    c->carbon = cp * co2;
    fig->co2_t_per_yr = co2;
    finish(c);

    if (m->kind == SN_MODEL_NETWORK) {
        double obj = s->objective;
        double scale = fabs(obj) > 1 ? fabs(obj) : 1;
        if (fabs(c->total - obj) > 1e-6 * scale) {
            snp_diag_add(diag, SN_EINTERNAL, in->file, NULL,
                         "the network's cost recomputed from the region (%.10g) differs from the "
                         "solver's objective (%.10g)",
                         c->total, obj);
            return SN_EINTERNAL;
        }
    }
    return SN_OK;
}
