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
    snp_free(fig->trench_use);
    fig->trench_use = NULL;
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
    fig->trench_use = snp_calloc((size_t)in->n_trenches + 1, 1);
    if (!fig->trench_use || !fig->links || !fig->hub_size || !fig->corridor_built ||
        !fig->diverted || !fig->replaced || !fig->sent || !fig->received || !fig->disposed ||
        !fig->purchased || !fig->processed || !fig->hub_disposed || !fig->produced ||
        !fig->link_flow || !fig->link_built) {
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
        /* periods (docs/model.md 14.9): capital per unit carried is paid on the peak size */
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
    /* trenches of the ways (model.md 8.4): a trench is dug when a pipe built runs in it; one
     * that costs nothing has no column and is reported with its pipes all the same */
    for (int k = 0; k < (int)m->links.len; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (!fig->link_built[k])
            continue;
        for (int i = 0; i < l->n_route; i++)
            if (fig->trench_use[l->route[i]] < 2)
                fig->trench_use[l->route[i]] = l->mode == SNP_MODE_PIPE ? 2 : 1;
    }
    for (int t = 0; t < in->n_trenches; t++) {
        if (m->trench_col[t] >= 0 && val(s, m->trench_col[t]) >= 0.5)
            fig->trench_use[t] = 2; /* what the solver decided, used or not */
        if (fig->trench_use[t] != 2)
            continue;
        c->capital += snp_crf(in->discount_rate, in->lifetime_yr) * in->trenches[t].capital;
        fig->capital_total += in->trenches[t].capital;
    }
    double before_stores = fig->capital_total;
    snp_store_costs(in, m, s, c, &fig->capital_total); /* stores at hubs, model.md 14.10 */
    fig->capital_stores = fig->capital_total - before_stores;
    c->carbon = cp * co2;
    fig->co2_t_per_yr = co2;
    finish(c);

    if (m->kind == SN_MODEL_NETWORK) {
        /* region.objective (docs/model.md 9.5): the cost, the emissions, or the count of
         * elements alike (the model's own objective at the solution: src/verify/ recounts it
         * from the built elements' names) */
        double obj = s->objective, want = c->total;
        const char *what = "cost";
        if (in->objective == SNP_OBJ_CO2) {
            want = co2;
            what = "emissions";
        } else if (in->objective == SNP_OBJ_DIFFER) {
            want = 0;
            for (size_t j = 0; j < m->cols.len; j++)
                want += snp_model_col(m, (int)j)->obj * val(s, (int)j);
            what = "count of elements alike";
        }
        double scale = fabs(obj) > 1 ? fabs(obj) : 1;
        if (fabs(want - obj) > 1e-6 * scale) {
            snp_diag_add(diag, SN_EINTERNAL, in->file, NULL,
                         "the network's %s recomputed from the region (%.10g) differs from the "
                         "solver's objective (%.10g)",
                         what, want, obj);
            return SN_EINTERNAL;
        }
    }
    return SN_OK;
}

/* ---- headline figures and jobs (docs/outputs.md, "Headline figures", "Jobs") ------------- */

/* Adds amount to fig under unit (a new entry for a unit not yet listed). */
static void fig_add(snp_figure *fig, const char *unit, double amount)
{
    fig->present = 1;
    for (int i = 0; i < fig->n; i++)
        if (strcmp(fig->v[i].unit, unit) == 0) {
            fig->v[i].amount += amount;
            return;
        }
    if (fig->n < SNP_HEADLINE_UNITS) /* at most 9 units exist (docs/format.md) */
        fig->v[fig->n++] = (snp_unit_amount){unit, amount};
}

int snp_headline_facility_exchanges(const snp_figures *g, const sn_instance *in, int f)
{
    if (!g->has_network)
        return 0;
    const snp_facility *fa = &in->facilities[f];
    for (int k = 0; k < fa->n_supplies; k++)
        if (g->sent[f][k] > 0)
            return 1;
    for (int k = 0; k < fa->n_demands; k++)
        if (g->received[f][k] > 0)
            return 1;
    return 0;
}

/* The region states an emission factor somewhere (or has a co2 resource): CO2 avoided means
 * something. */
static int has_emissions(const sn_instance *in)
{
    for (int r = 0; r < in->n_resources; r++) {
        const snp_resource *res = &in->resources[r];
        if (res->category == SNP_CAT_CO2 || (res->has_pipe && res->pipe.co2_per_unit_km > 0) ||
            (res->has_truck && res->truck.co2_per_unit_km > 0))
            return 1;
    }
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int k = 0; k < fa->n_supplies; k++)
            if (fa->supplies[k].disposal_co2 > 0)
                return 1;
        for (int k = 0; k < fa->n_demands; k++)
            if (fa->demands[k].co2 > 0)
                return 1;
    }
    for (int h = 0; h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        for (int i = 0; i < hub->n_inputs; i++)
            if (hub->inputs[i].co2_per_unit > 0)
                return 1;
        for (int o = 0; o < hub->n_outputs; o++)
            if (hub->outputs[o].disposal_co2 > 0)
                return 1;
    }
    return 0;
}

void snp_headline_compute(const sn_instance *in, const snp_figures *g, snp_headline *h)
{
    memset(h, 0, sizeof *h);
    int net = g->has_network;
    h->has_network = net && g->bau_feasible;
    double none = NAN;
    /* which figures the region has, each with every unit its resources use (zeros shown) */
    for (int r = 0; r < in->n_resources; r++) {
        const snp_resource *res = &in->resources[r];
        if (res->category == SNP_CAT_WATER)
            fig_add(&h->fig[SNP_FIG_WATER], res->unit, 0);
        else if (res->category == SNP_CAT_ENERGY)
            fig_add(&h->fig[SNP_FIG_ENERGY], res->unit, 0);
        else if (res->category == SNP_CAT_MATERIAL || res->category == SNP_CAT_CO2)
            fig_add(&h->fig[SNP_FIG_WASTE], res->unit, 0);
    }
    for (int f = 0; net && f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            const snp_resource *res = &in->resources[d->resource];
            /* bought water and energy the network replaces: amount - purchased */
            double replaced = d->has_price ? d->amount - g->purchased[f][k] : 0;
            if (fabs(replaced) <= 1e-9 * d->amount) /* rounding noise, as figures_compute */
                replaced = 0;
            if (res->category == SNP_CAT_WATER)
                fig_add(&h->fig[SNP_FIG_WATER], res->unit, replaced);
            else if (res->category == SNP_CAT_ENERGY)
                fig_add(&h->fig[SNP_FIG_ENERGY], res->unit, replaced);
        }
        for (int k = 0; k < fa->n_supplies; k++) {
            const snp_supply *su = &fa->supplies[k];
            const snp_resource *res = &in->resources[su->resource];
            if (!su->waste || (res->category != SNP_CAT_MATERIAL && res->category != SNP_CAT_CO2))
                continue;
            double taken = su->amount - g->disposed[f][k];
            if (fabs(taken) <= 1e-9 * su->amount)
                taken = 0;
            fig_add(&h->fig[SNP_FIG_WASTE], res->unit, taken);
        }
    }
    if (!net)
        for (int k = 0; k < SNP_FIG_COUNT; k++)
            for (int i = 0; i < h->fig[k].n; i++)
                h->fig[k].v[i].amount = none;
    h->has_co2 = has_emissions(in);
    h->co2_avoided_t_per_yr = h->has_network ? g->bau_co2_t_per_yr - g->co2_t_per_yr : none;

    /* capital, item by item: it sums to capital_total */
    for (int i = 0; i < g->n_links; i++)
        h->capital_links += g->links[i].capital;
    for (int k = 0; net && k < in->n_hubs; k++)
        if (g->hub_size[k] >= 0)
            h->capital_hubs += in->hubs[k].capacities[g->hub_size[k]].capital;
    if (net)
        h->capital_hubs += g->capital_stores; /* a hub's store is part of the hub */
    for (int k = 0; net && k < in->n_corridors; k++)
        if (g->corridor_built[k])
            h->capital_corridors += in->corridors[k].capital;
    for (int t = 0; net && t < in->n_trenches; t++)
        if (g->trench_use[t] == 2)
            h->capital_trenches += in->trenches[t].capital;
    if (!net)
        h->capital_links = h->capital_hubs = h->capital_corridors = h->capital_trenches = none;

    /* money: year 0 pays the capital; each year of the horizon saves business as usual's
     * cost less the network's cost before its capital charge (docs/outputs.md, "Money") */
    h->horizon_yr = in->lifetime_yr;
    h->capital_year0 = net ? g->capital_total : none;
    if (h->has_network) {
        h->cash = g->bau.total - (g->cost.total - g->cost.capital);
        h->cash_without_carbon = h->cash - (g->bau.carbon - g->cost.carbon);
    } else {
        h->cash = h->cash_without_carbon = none;
    }
    h->irr = snp_money_irr(h->capital_year0, h->cash, h->horizon_yr);
    h->irr_without_carbon = snp_money_irr(h->capital_year0, h->cash_without_carbon, h->horizon_yr);
    h->payback_yr = snp_money_payback(h->capital_year0, h->cash);
    h->payback_without_carbon = snp_money_payback(h->capital_year0, h->cash_without_carbon);
    h->n_rates = 1;
    h->rates[0] = (snp_money_rate){in->discount_rate, 1, none, none};
    snp_headline_money(h);

    /* jobs */
    h->construction_job_years =
        net ? g->capital_total / 1e6 * in->construction_jobs_per_million : none;
    h->permanent_jobs = net ? 0 : none;
    for (int f = 0; net && f < in->n_facilities; f++)
        if (snp_headline_facility_exchanges(g, in, f))
            h->permanent_jobs += in->facilities[f].jobs;
    for (int k = 0; net && k < in->n_hubs; k++)
        if (g->hub_size[k] >= 0)
            h->permanent_jobs += in->hubs[k].jobs;
}
