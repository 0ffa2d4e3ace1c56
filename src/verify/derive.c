/*
 * derive.c - facts of a region re-derived from docs/model.md and docs/format.md for the
 * independent checker (verify.c, cert.c): distances, capital recovery, what a node can send
 * and take, candidate links with their lengths, costs and losses. Shares no code with
 * src/model/.
 *
 * Stage: sn_instance -> [verify].
 */
#include "verify_int.h"

#include <math.h>
#include <string.h>

/* ---- region facts (re-derived from docs/model.md) ----------------------------------------- */

/* Straight-line distance (docs/format.md, `coordinates`), written independently of the
 * instance module's haversine: the great-circle angle by the atan2 form of Vincenty's formula
 * on a sphere of the mean Earth radius 6371.0088 km; Euclidean for planar_km. */
double snp_verify_dist_km(const sn_instance *in, int a, int b)
{
    snp_point p = snp_node_loc(in, a), q = snp_node_loc(in, b);
    if (in->coords == SNP_COORDS_PLANAR_KM)
        return sqrt((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y));
    const double deg = 3.14159265358979323846 / 180.0;
    double f1 = p.y * deg, f2 = q.y * deg, dl = (q.x - p.x) * deg;
    double y1 = cos(f2) * sin(dl), y2 = cos(f1) * sin(f2) - sin(f1) * cos(f2) * cos(dl);
    double x = sin(f1) * sin(f2) + cos(f1) * cos(f2) * cos(dl);
    return 6371.0088 * atan2(sqrt(y1 * y1 + y2 * y2), x);
}

double snp_verify_crf(double rate, double life_yr)
{
    if (rate == 0.0)
        return 1.0 / life_yr;
    double g = pow(1.0 + rate, life_yr);
    return rate * g / (g - 1.0);
}

const snp_supply *snp_verify_facility_supply(const snp_facility *f, int r)
{
    for (int s = 0; s < f->n_supplies; s++)
        if (f->supplies[s].resource == r)
            return &f->supplies[s];
    return NULL;
}

/* Demand units met per unit of r delivered to d; 0 when d does not accept r. */
double snp_verify_accept_ratio(const snp_demand *d, int r)
{
    if (d->resource == r)
        return 1.0;
    for (int s = 0; s < d->n_subs; s++)
        if (d->subs[s].resource == r)
            return d->subs[s].ratio;
    return 0.0;
}

int snp_verify_hub_input(const snp_hub *h, int r)
{
    for (int i = 0; i < h->n_inputs; i++)
        if (h->inputs[i].resource == r)
            return i;
    return -1;
}

int snp_verify_hub_output(const snp_hub *h, int r)
{
    for (int o = 0; o < h->n_outputs; o++)
        if (h->outputs[o].resource == r)
            return o;
    return -1;
}

int snp_verify_junction_carries(const snp_junction *j, int r)
{
    if (j->n_resources == 0)
        return 1;
    for (int k = 0; k < j->n_resources; k++)
        if (j->resources[k] == r)
            return 1;
    return 0;
}

/* out(u, r) of model.md 2.1 for facilities and hubs. */
double snp_verify_can_send(const sn_instance *in, int node, int r)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY: {
        const snp_supply *s = snp_verify_facility_supply(&in->facilities[i], r);
        return s ? s->amount : 0;
    }
    case SNP_NODE_HUB: {
        const snp_hub *h = &in->hubs[i];
        int o = snp_verify_hub_output(h, r);
        if (h->status == SNP_STATUS_FORBIDDEN || o < 0)
            return 0;
        double best = 0;
        for (int k = 0; k < h->n_inputs; k++)
            best = fmax(best, h->inputs[k].yields[o]);
        return h->capacities[h->n_capacities - 1].capacity * best;
    }
    case SNP_NODE_JUNCTION:
        return 0;
    }
    return 0;
}

/* in(v, r) of model.md 2.1 for facilities and hubs. */
double snp_verify_can_receive(const sn_instance *in, int node, int r)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY: {
        const snp_facility *f = &in->facilities[i];
        double total = 0;
        for (int k = 0; k < f->n_demands; k++) {
            double ratio = snp_verify_accept_ratio(&f->demands[k], r);
            if (ratio > 0)
                total += f->demands[k].amount / ratio;
        }
        return total;
    }
    case SNP_NODE_HUB: {
        const snp_hub *h = &in->hubs[i];
        if (h->status == SNP_STATUS_FORBIDDEN || snp_verify_hub_input(h, r) < 0)
            return 0;
        return h->capacities[h->n_capacities - 1].capacity;
    }
    case SNP_NODE_JUNCTION:
        return 0;
    }
    return 0;
}

/* T_r of model.md 2.1: all of r that exists in the region. */
double snp_verify_region_total(const sn_instance *in, int r)
{
    double t = 0;
    for (int n = 0; n < in->n_facilities + in->n_hubs; n++)
        t += snp_verify_can_send(in, n, r);
    return t;
}

/* The corridor between a and b (either direction, not forbidden), or -1. */
int snp_verify_corridor_between(const sn_instance *in, int a, int b)
{
    for (int c = 0; c < in->n_corridors; c++) {
        const snp_corridor *k = &in->corridors[c];
        if (k->status != SNP_STATUS_FORBIDDEN &&
            ((k->a == a && k->b == b) || (k->a == b && k->b == a)))
            return c;
    }
    return -1;
}

static double detour_of(const snp_resource *res, snp_mode mode)
{
    if (mode == SNP_MODE_PIPE)
        return res->has_pipe ? res->pipe.detour : 1.0;
    return res->has_truck ? res->truck.detour : 1.0;
}

/* Length (model.md 2): a pipe between the ends of a corridor takes the corridor's length (or
 * the straight line when the corridor gives none, as for the corridor's own capital per km);
 * otherwise the given
 * length_km of an explicit link, or the straight line times the mode's detour. */
void snp_verify_link_length(const sn_instance *in, snp_vlink *l, const snp_link_spec *sp)
{
    const snp_resource *res = &in->resources[l->resource];
    l->corridor = l->mode == SNP_MODE_PIPE ? snp_verify_corridor_between(in, l->tail, l->head) : -1;
    double d = snp_verify_dist_km(in, l->tail, l->head);
    if (l->corridor >= 0) {
        const snp_corridor *c = &in->corridors[l->corridor];
        l->length_km = c->has_length ? c->length_km : d;
    } else if (sp && sp->has_length) {
        l->length_km = sp->length_km;
    } else {
        l->length_km = d * detour_of(res, l->mode);
    }
}

/* Costs from the resource's mode (table of model.md 2). Returns 0 when the mode is absent. */
int snp_verify_price_from_mode(const sn_instance *in, snp_vlink *l)
{
    const snp_resource *res = &in->resources[l->resource];
    double L = l->length_km;
    if (l->mode == SNP_MODE_PIPE) {
        if (!res->has_pipe)
            return 0;
        const snp_pipe_spec *p = &res->pipe;
        l->crf = snp_verify_crf(in->discount_rate, p->lifetime_yr);
        double civil = l->corridor >= 0 || l->routed ? 0 : p->civil_capital_per_km;
        l->fixed_capital = L * (civil + (p->n_sizes > 0 ? 0 : p->capital_per_km));
        l->unit_capital = L * p->capital_per_km_per_unit;
        l->unit_opex = L * p->opex_per_unit_km;
        l->unit_co2 = L * p->co2_per_unit_km;
        l->arrive = 1.0 - p->loss_per_km * L;
        l->n_sizes = p->n_sizes;
        l->sizes = p->sizes;
        return 1;
    }
    if (!res->has_truck)
        return 0;
    const snp_truck_spec *t = &res->truck;
    l->crf = snp_verify_crf(in->discount_rate, in->lifetime_yr);
    l->unit_opex = L * t->cost_per_unit_km;
    l->unit_co2 = L * t->co2_per_unit_km;
    l->arrive = 1.0;
    if (t->cost_per_trip > 0 || l->zone_charge > 0) { /* zone surcharges are per truck-km */
        l->trip_cost = t->cost_per_trip + l->zone_charge;
        l->trip_capacity = t->truck_capacity;
    }
    return 1;
}

/* Whether a generated candidate tail -> head exists (model.md 2); on 0, *why says why not. */
int snp_verify_generated(const sn_instance *in, snp_vlink *l, const char **why)
{
    const snp_resource *res = &in->resources[l->resource];
    if (in->only_forced) {
        *why = "the region builds only what is forced (region.only_forced)";
        return 0;
    }
    if ((l->mode == SNP_MODE_PIPE && !res->has_pipe) ||
        (l->mode == SNP_MODE_TRUCK && !res->has_truck)) {
        *why = "the resource has no such mode";
        return 0;
    }
    if (l->tail == l->head) {
        *why = "a link needs two different ends";
        return 0;
    }
    int ends[2] = {l->tail, l->head};
    for (int e = 0; e < 2; e++) {
        int i;
        snp_node_kind k = snp_node_kind_of(in, ends[e], &i);
        if (k == SNP_NODE_JUNCTION) {
            if (l->mode != SNP_MODE_PIPE ||
                !snp_verify_junction_carries(&in->junctions[i], l->resource) ||
                !(snp_verify_region_total(in, l->resource) > 0)) {
                *why = "a junction carries pipes of its resources only";
                return 0;
            }
        } else if (e == 0 && !(snp_verify_can_send(in, ends[e], l->resource) > 0)) {
            *why = "its tail cannot send the resource";
            return 0;
        } else if (e == 1 && !(snp_verify_can_receive(in, ends[e], l->resource) > 0)) {
            *why = "its head cannot take the resource";
            return 0;
        }
    }
    double max_km = l->mode == SNP_MODE_PIPE ? res->pipe.max_km : res->truck.max_km;
    if (l->length_km > max_km * (1 + 1e-12)) {
        *why = "it is longer than the mode's max_km";
        return 0;
    }
    if (!(l->arrive > 0)) {
        *why = "it would lose all its flow";
        return 0;
    }
    return 1;
}
