/*
 * access.c - the accessors of symnet.h over a result (issue 13): the headline figures and the
 * built links and hubs, for a program that embeds the library instead of reading the JSON
 * solution. Each value is the one the JSON solution writes (src/report/json.c): the figures are
 * those of figures.c, a link's id is snp_link_id's, computed once when the result is built
 * (snp_result_link_ids) so that the accessors take a const result and hand out strings it owns.
 *
 * Stage: sn_solution -> [result] -> caller. Reads the result and the model's link data, never
 * solution values.
 */
#include "result_int.h"

#include <math.h>
#include <string.h>

sn_status snp_result_link_ids(sn_result *r)
{
    const snp_figures *g = &r->g;
    if (g->n_links == 0)
        return SN_OK;
    r->link_id = snp_arena_array(&r->ids, (size_t)g->n_links, sizeof *r->link_id);
    if (!r->link_id)
        return SN_ENOMEM;
    for (int i = 0; i < g->n_links; i++) {
        char buf[SNP_LINK_ID_MAX];
        const snp_link *l = snp_model_link(r->m, g->links[i].link);
        r->link_id[i] = snp_arena_strdup(&r->ids, snp_link_id(r->in, l, buf, sizeof buf));
        if (!r->link_id[i])
            return SN_ENOMEM;
    }
    return SN_OK;
}

static int network(const sn_result *r)
{
    return r && r->g.has_network;
}

static int bau(const sn_result *r)
{
    return r && r->g.bau_feasible;
}

const char *sn_result_currency(const sn_result *r)
{
    return r && r->in->currency ? r->in->currency : "";
}

double sn_result_bau(const sn_result *r)
{
    return bau(r) ? r->g.bau.total : NAN;
}

double sn_result_bau_co2_t_per_yr(const sn_result *r)
{
    return bau(r) ? r->g.bau_co2_t_per_yr : NAN;
}

double sn_result_savings(const sn_result *r)
{
    return network(r) && bau(r) ? r->g.bau.total - r->g.cost.total : NAN;
}

double sn_result_capital(const sn_result *r)
{
    return network(r) ? r->g.capital_total : NAN;
}

double sn_result_co2_t_per_yr(const sn_result *r)
{
    return network(r) ? r->g.co2_t_per_yr : NAN;
}

double sn_result_co2_avoided_t_per_yr(const sn_result *r)
{
    return network(r) && bau(r) ? r->g.bau_co2_t_per_yr - r->g.co2_t_per_yr : NAN;
}

int sn_result_link_count(const sn_result *r)
{
    return network(r) ? r->g.n_links : 0;
}

sn_status sn_result_link(const sn_result *r, int i, sn_link_info *out)
{
    if (!out || i < 0 || i >= sn_result_link_count(r))
        return SN_EUSAGE;
    const sn_instance *in = r->in;
    const snp_built_link *b = &r->g.links[i];
    const snp_link *l = snp_model_link(r->m, b->link);
    *out = (sn_link_info){
        .id = r->link_id[i],
        .from = snp_node_id(in, l->tail),
        .to = snp_node_id(in, l->head),
        .resource = in->resources[l->resource].id,
        .unit = in->resources[l->resource].unit,
        .mode = l->mode == SNP_MODE_PIPE ? "pipe" : "truck",
        .length_km = l->length_km,
        .flow = b->flow,
        .delivered = b->flow * l->arrive,
        .capital = b->capital,
        .annual_cost = b->annual,
    };
    return SN_OK;
}

/* The region's index of built hub i (region order), or -1. */
static int built_hub(const sn_result *r, int i)
{
    if (!network(r) || i < 0)
        return -1;
    for (int h = 0; h < r->in->n_hubs; h++)
        if (r->g.hub_size[h] >= 0 && i-- == 0)
            return h;
    return -1;
}

int sn_result_hub_count(const sn_result *r)
{
    int n = 0;
    for (int h = 0; network(r) && h < r->in->n_hubs; h++)
        n += r->g.hub_size[h] >= 0;
    return n;
}

/* A built hub's annual cost: the hub terms of the objective (docs/model.md 1.3 and 4), as
 * figures.c adds them into the cost breakdown, with the carbon of processing and disposal. */
static double hub_annual(const sn_result *r, int h)
{
    const sn_instance *in = r->in;
    const snp_hub *hub = &in->hubs[h];
    const snp_hub_capacity *o = &hub->capacities[r->g.hub_size[h]];
    double cp = in->carbon_price;
    double c = snp_crf(in->discount_rate, hub->lifetime_yr) * o->capital + o->fixed_opex;
    for (int k = 0; k < hub->n_inputs; k++)
        c += (hub->inputs[k].cost_per_unit + cp * hub->inputs[k].co2_per_unit) *
             r->g.processed[h][k];
    for (int q = 0; q < hub->n_outputs; q++)
        c += (hub->outputs[q].disposal_cost + cp * hub->outputs[q].disposal_co2) *
             r->g.hub_disposed[h][q];
    return c;
}

sn_status sn_result_hub(const sn_result *r, int i, sn_hub_info *out)
{
    int h = built_hub(r, i);
    if (!out || h < 0)
        return SN_EUSAGE;
    const snp_hub *hub = &r->in->hubs[h];
    const snp_hub_capacity *o = &hub->capacities[r->g.hub_size[h]];
    *out = (sn_hub_info){
        .id = hub->id,
        .kind = hub->kind ? hub->kind : "",
        .capacity = o->capacity,
        .capital = o->capital,
        .annual_cost = hub_annual(r, h),
    };
    return SN_OK;
}
