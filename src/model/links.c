/*
 * links.c - candidate links of a region (docs/model.md section 2): generated from locations
 * for every resource and mode within the mode's maximum length, merged with the user's
 * explicit links (which add, replace or forbid), each with its annual costs, capital, losses,
 * corridor and the tightest bound on its flow that the data allow (section 3.1).
 */
#include "model_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most a node can send of resource r per year (section 3.1). */
static double out_max(const sn_instance *in, const double *avail, int node, int r)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY: {
        const snp_facility *f = &in->facilities[i];
        for (int s = 0; s < f->n_supplies; s++)
            if (f->supplies[s].resource == r)
                return f->supplies[s].amount;
        return 0;
    }
    case SNP_NODE_HUB: {
        const snp_hub *h = &in->hubs[i];
        if (h->status == SNP_STATUS_FORBIDDEN)
            return 0;
        double cap = h->capacities[h->n_capacities - 1].capacity, best = 0;
        for (int o = 0; o < h->n_outputs; o++) {
            if (h->outputs[o].resource != r)
                continue;
            for (int k = 0; k < h->n_inputs; k++)
                if (h->inputs[k].yields[o] > best)
                    best = h->inputs[k].yields[o];
        }
        return cap * best;
    }
    case SNP_NODE_JUNCTION:
        return avail[r];
    }
    return 0;
}

double snp_node_intake_max(const sn_instance *in, int node, int r)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY: {
        const snp_facility *f = &in->facilities[i];
        double total = 0;
        for (int k = 0; k < f->n_demands; k++) {
            const snp_demand *d = &f->demands[k];
            if (d->resource == r)
                total += d->amount;
            for (int s = 0; s < d->n_subs; s++)
                if (d->subs[s].resource == r)
                    total += d->amount / d->subs[s].ratio;
        }
        return total;
    }
    case SNP_NODE_HUB: {
        const snp_hub *h = &in->hubs[i];
        if (h->status == SNP_STATUS_FORBIDDEN)
            return 0;
        for (int k = 0; k < h->n_inputs; k++)
            if (h->inputs[k].resource == r)
                return h->capacities[h->n_capacities - 1].capacity;
        return 0;
    }
    case SNP_NODE_JUNCTION:
        return INFINITY;
    }
    return 0;
}

/* Most a node can take of resource r per year. */
static double in_max(const sn_instance *in, const double *avail, int node, int r)
{
    int i;
    if (snp_node_kind_of(in, node, &i) == SNP_NODE_JUNCTION)
        return avail[r];
    return snp_node_intake_max(in, node, r);
}

static int junction_carries(const snp_junction *j, int r)
{
    if (j->n_resources == 0)
        return 1;
    for (int k = 0; k < j->n_resources; k++)
        if (j->resources[k] == r)
            return 1;
    return 0;
}

/* Whether a node may be an end of a link of resource r by mode: junctions carry pipes of
 * their resources only; what facilities and hubs send or take is decided by out_max/in_max. */
static int node_handles(const sn_instance *in, int node, int r, snp_mode mode)
{
    int i;
    snp_node_kind k = snp_node_kind_of(in, node, &i);
    if (k == SNP_NODE_JUNCTION)
        return mode == SNP_MODE_PIPE && in->resources[r].has_pipe &&
               junction_carries(&in->junctions[i], r);
    if (k == SNP_NODE_HUB && in->hubs[i].status == SNP_STATUS_FORBIDDEN)
        return 0;
    return 1;
}

/* The corridors that are not forbidden, sorted by (smaller end, larger end, index), so that
 * the corridor of a pipe is found by binary search: one link at a time, a linear scan made
 * building a region with many corridors and links quadratic. */
typedef struct corr_key {
    int lo, hi, index;
} corr_key;

typedef struct corr_index {
    corr_key *keys;
    size_t n;
    snp_router *rt;   /* routes over the ways (routes.c); NULL without ways */
    snp_arena *arena; /* where routes' trench lists go; NULL: lengths only */
} corr_index;

static int corr_cmp(const void *a, const void *b)
{
    const corr_key *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    if (x->hi != y->hi)
        return x->hi < y->hi ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Returns 0, or -1 when memory runs out. */
static int corr_index_build(const sn_instance *in, corr_index *ci)
{
    ci->n = 0;
    ci->rt = NULL;
    ci->arena = NULL;
    ci->keys = snp_calloc((size_t)in->n_corridors + 1, sizeof *ci->keys);
    if (!ci->keys)
        return -1;
    for (int c = 0; c < in->n_corridors; c++) {
        const snp_corridor *k = &in->corridors[c];
        if (k->status == SNP_STATUS_FORBIDDEN)
            continue;
        ci->keys[ci->n++] = (corr_key){k->a < k->b ? k->a : k->b, k->a < k->b ? k->b : k->a, c};
    }
    if (ci->n > 1)
        qsort(ci->keys, ci->n, sizeof *ci->keys, corr_cmp);
    return 0;
}

/* The first corridor (in region order) that is not forbidden between a and b, or -1. */
static int find_corridor(const corr_index *ci, int a, int b)
{
    corr_key want = {a < b ? a : b, a < b ? b : a, -1};
    size_t lo = 0, hi = ci->n; /* first key >= want */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (corr_cmp(&ci->keys[mid], &want) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ci->n && ci->keys[lo].lo == want.lo && ci->keys[lo].hi == want.hi)
        return ci->keys[lo].index;
    return -1;
}

/* Fills costs of a link priced from its resource's mode spec over length_km. */
static void price_from_spec(const sn_instance *in, snp_link *l)
{
    const snp_resource *res = &in->resources[l->resource];
    double L = l->length_km;
    if (l->mode == SNP_MODE_PIPE) {
        const snp_pipe_spec *p = &res->pipe;
        l->crf = snp_crf(in->discount_rate, p->lifetime_yr);
        /* in a corridor, or along the ways (whose trenches are paid once, 8.4): no civil */
        double civil = l->corridor >= 0 || l->routed ? 0 : p->civil_capital_per_km;
        /* with discrete sizes the chosen size's capital per km replaces capital_per_km */
        l->fixed_capital = L * (civil + (p->n_sizes > 0 ? 0 : p->capital_per_km));
        l->fixed_annual = l->crf * l->fixed_capital;
        l->unit_capital = L * p->capital_per_km_per_unit;
        l->unit_co2 = L * p->co2_per_unit_km;
        l->unit_annual =
            l->crf * l->unit_capital + L * p->opex_per_unit_km + in->carbon_price * l->unit_co2;
        l->arrive = 1.0 - p->loss_per_km * L;
        l->n_sizes = p->n_sizes;
        l->sizes = p->sizes;
    } else {
        const snp_truck_spec *t = &res->truck;
        l->crf = snp_crf(in->discount_rate, in->lifetime_yr);
        l->unit_co2 = L * t->co2_per_unit_km;
        l->unit_annual = L * t->cost_per_unit_km + in->carbon_price * l->unit_co2;
        l->arrive = 1.0;
        if (t->cost_per_trip > 0 || l->zone_charge > 0) {
            /* zone surcharges are per truck-km, so per trip (ways.c checks the capacity) */
            l->trip_cost = t->cost_per_trip + l->zone_charge;
            l->trip_capacity = t->truck_capacity;
        }
    }
}

/* The mode's detour; 1 when the resource has no such mode (explicit links with given costs). */
static double mode_detour(const snp_resource *res, snp_mode mode)
{
    if (mode == SNP_MODE_PIPE)
        return res->has_pipe ? res->pipe.detour : 1.0;
    return res->has_truck ? res->truck.detour : 1.0;
}

/* 1 in a corridor, 0 otherwise; over the ways (model.md 2.3) -1 when they give the link no
 * route (the caller drops a generated link; an explicit one keeps the straight line) and -2
 * when memory runs out. */
static int set_length(const sn_instance *in, const corr_index *ci, snp_link *l)
{
    const snp_resource *res = &in->resources[l->resource];
    l->corridor = l->mode == SNP_MODE_PIPE ? find_corridor(ci, l->tail, l->head) : -1;
    if (l->corridor >= 0) {
        const snp_corridor *c = &in->corridors[l->corridor];
        /* the corridor's own length: given, or the straight line (docs/format.md) */
        l->length_km = c->has_length ? c->length_km : snp_node_dist_km(in, l->tail, l->head);
        return 1;
    }
    if (ci->rt && l->mode == SNP_MODE_TRUCK &&
        (!in->node_road[l->tail] || !in->node_road[l->head])) {
        /* an end with no road within max_service_km (a warning said so): the straight line */
        l->length_km = snp_node_dist_km(in, l->tail, l->head) * mode_detour(res, l->mode);
        return 0;
    }
    if (ci->rt) {
        snp_route ro;
        int k = snp_router_route(ci->rt, l->mode, l->resource, l->tail, l->head, ci->arena, &ro);
        if (k > 0) {
            l->length_km = ro.length_km;
            l->routed = 1;
            l->n_route = ro.n;
            l->route = ro.trenches;
            l->zone_charge = l->mode == SNP_MODE_TRUCK ? ro.zone_charge : 0;
            return 0;
        }
        l->length_km = snp_node_dist_km(in, l->tail, l->head) * mode_detour(res, l->mode);
        return k < 0 ? -2 : -1;
    }
    l->length_km = snp_node_dist_km(in, l->tail, l->head) * mode_detour(res, l->mode);
    return 0;
}

typedef struct link_key {
    int tail, head, resource, mode;
    size_t index;
} link_key;

static int key_cmp(const void *a, const void *b)
{
    const link_key *x = a, *y = b;
    if (x->tail != y->tail)
        return x->tail < y->tail ? -1 : 1;
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    if (x->resource != y->resource)
        return x->resource < y->resource ? -1 : 1;
    return (x->mode > y->mode) - (x->mode < y->mode);
}

/* Value of taking one unit of r away from a node: the disposal it avoids (section 2.2).
 * INFINITY when nothing bounds it (must-take supplies, hubs, junctions). */
static double send_value(const sn_instance *in, int node, int r)
{
    int i;
    if (snp_node_kind_of(in, node, &i) != SNP_NODE_FACILITY)
        return INFINITY;
    const snp_facility *f = &in->facilities[i];
    for (int s = 0; s < f->n_supplies; s++) {
        const snp_supply *su = &f->supplies[s];
        if (su->resource == r)
            return su->has_disposal ? su->disposal_cost + in->carbon_price * su->disposal_co2
                                    : INFINITY;
    }
    return INFINITY;
}

/* Value of one unit of r arriving at a node: the most virgin input it can replace. INFINITY
 * when nothing bounds it, or when a quality limit makes the delivery matter beyond its price. */
static double receive_value(const sn_instance *in, int node, int r)
{
    int i;
    if (snp_node_kind_of(in, node, &i) != SNP_NODE_FACILITY)
        return INFINITY;
    const snp_facility *f = &in->facilities[i];
    double best = -INFINITY;
    for (int k = 0; k < f->n_demands; k++) {
        const snp_demand *d = &f->demands[k];
        double ratio = d->resource == r ? 1.0 : 0.0;
        for (int s = 0; s < d->n_subs; s++)
            if (d->subs[s].resource == r)
                ratio = d->subs[s].ratio;
        if (ratio == 0.0)
            continue;
        if (!d->has_price || d->n_limits > 0)
            return INFINITY;
        double v = (d->price + in->carbon_price * d->co2) * ratio;
        if (v > best)
            best = v;
    }
    return best;
}

/* Section 2.2: a candidate between two facilities that can never save more than its own
 * fixed cost is left out. Removing its flow from any network (the sender disposes of it, the
 * receiver buys instead) changes the cost by at least fixed - bound * margin >= 0, so some
 * optimal network never uses it. Not applied under an emission cap (removal can raise
 * emissions), an objective other than cost, excluded layouts (the optimum outside them may
 * need it: 9.5) nor to forced links. */
static int never_pays(const sn_instance *in, const snp_link *l, snp_pruned *why)
{
    if (l->forced || in->has_co2_cap || in->objective != SNP_OBJ_COST || in->n_layouts > 0)
        return 0;
    double margin = send_value(in, l->tail, l->resource) +
                    l->arrive * receive_value(in, l->head, l->resource) - l->unit_annual;
    if (isnan(margin) || margin == INFINITY)
        return 0;
    double fixed = l->fixed_annual;
    if (l->n_sizes > 0) {
        double cheapest = INFINITY;
        for (int s = 0; s < l->n_sizes; s++)
            if (l->crf * l->length_km * l->sizes[s].capital_per_km < cheapest)
                cheapest = l->crf * l->length_km * l->sizes[s].capital_per_km;
        fixed += cheapest;
    }
    why->margin = margin;
    why->fixed = fixed;
    return l->bound * (margin > 0 ? margin : 0) <= fixed;
}

/* Explicit link s (links[s], not forbidden) as the model has it, before its bound: ends, length
 * (its corridor's, the given length_km, or the straight line times the detour) and costs (the
 * given ones, else the mode's per-km figures). Step 2 of snp_model_links and
 * snp_link_price_spec both price an explicit link here. */
static int price_explicit(const sn_instance *in, const corr_index *ci, int s, snp_link *l)
{
    int how;
    const snp_link_spec *sp = &in->links[s];
    memset(l, 0, sizeof *l);
    l->tail = sp->from;
    l->head = sp->to;
    l->resource = sp->resource;
    l->mode = sp->mode;
    l->spec = s;
    l->forced = sp->status == SNP_STATUS_FORCED;
    if ((how = set_length(in, ci, l)) < 0) { /* no route (or no memory): the straight line */
        l->routed = 0;
        l->n_route = 0;
        l->route = NULL;
        l->zone_charge = 0;
    }
    if (sp->has_length && l->corridor < 0) {
        l->length_km = sp->length_km; /* given: no route over the ways */
        l->routed = 0;
        l->n_route = 0;
        l->route = NULL;
    }
    if (sp->has_given_cost) {
        l->crf = snp_crf(in->discount_rate, sp->lifetime_yr);
        l->fixed_capital = sp->capital;
        l->fixed_annual = sp->fixed_cost_per_yr + l->crf * sp->capital;
        l->unit_capital = sp->capital_per_unit;
        l->unit_annual = sp->cost_per_unit + l->crf * sp->capital_per_unit;
        l->arrive = 1.0 - sp->loss;
    } else {
        price_from_spec(in, l);
    }
    return how == -2 ? -1 : 0;
}

static int finish_link(const sn_instance *in, const double *avail, snp_link *l, double capacity);

/* A generated link the ways leave out (a truck with no road path, a route longer than max_km)
 * while its straight line is within max_km: a column of the flow relaxation only
 * (keep_phantoms, docs/model.md 10.1), priced on the straight line as the independent checker
 * prices it, since the checker cannot rule it out. A pipe with no route is none: the checker
 * rules those out itself (snp_verify_pipe_reach). Returns 0 without memory. */
static int phantom(sn_model *m, const double *avail, const snp_link *dropped, int how,
                   double max_km)
{
    const sn_instance *in = m->inst;
    if (in->n_ways == 0 || dropped->corridor >= 0 || (dropped->mode == SNP_MODE_PIPE && how == -1))
        return 1;
    snp_link l = *dropped;
    l.length_km = snp_node_dist_km(in, l.tail, l.head);
    if (l.length_km > max_km * (1 + 1e-12))
        return 1;
    l.routed = l.mode == SNP_MODE_PIPE;
    l.route = NULL;
    l.n_route = 0;
    l.zone_charge = 0;
    price_from_spec(in, &l);
    if (!finish_link(in, avail, &l, 0))
        return 1;
    return snp_vec_push(&m->phantoms, &l) != NULL;
}

/* Bound, binary need; returns 0 when the link can never carry anything. */
static int finish_link(const sn_instance *in, const double *avail, snp_link *l, double capacity)
{
    if (l->arrive <= 0)
        return 0;
    double b = out_max(in, avail, l->tail, l->resource);
    double recv = in_max(in, avail, l->head, l->resource) / l->arrive;
    if (recv < b)
        b = recv;
    if (capacity > 0 && capacity < b)
        b = capacity;
    if (l->n_sizes > 0 && l->sizes[l->n_sizes - 1].capacity < b)
        b = l->sizes[l->n_sizes - 1].capacity;
    l->bound = b;
    if (!(b > 0))
        return 0;
    /* excluded layouts (docs/model.md 9.5) count every link built by its binary */
    l->needs_binary = l->fixed_annual > 0 || l->fixed_capital > 0 || l->forced || l->n_sizes > 0 ||
                      l->corridor >= 0 || (l->mode == SNP_MODE_PIPE && l->routed) ||
                      in->n_layouts > 0;
    return 1;
}

/* Records that candidate l exists (kept, pruned or forbidden), for the warnings of warn.c. */
static void touch(sn_model *m, const snp_link *l)
{
    m->touched[l->tail] |= 1;
    m->touched[l->head] |= 2;
    if (l->corridor >= 0)
        m->corridor_used[l->corridor] = 1;
}

/* Pushes candidate pipe l (tail, head, resource, length and route set) when it can carry
 * something. */
static sn_status push_edge(sn_model *m, const double *avail, snp_link *l)
{
    price_from_spec(m->inst, l);
    if (!finish_link(m->inst, avail, l, 0))
        return SN_OK;
    if (l->n_route == 0) /* a connection of length 0: costs nothing, needs no binary */
        l->needs_binary = m->inst->n_layouts > 0;
    touch(m, l);
    return snp_vec_push(&m->links, l) ? SN_OK : SN_ENOMEM;
}

/* The network formulation (docs/model.md 2.4): instead of one candidate per sender and
 * receiver routed alone, a candidate pipe of resource r along every trench t = (a, b) of the
 * ways, in each direction, between the junctions ways.c put at its ends ("vertex#K"). Its
 * length is the trench's, its route t alone, its price the resource's per km (no civil: the
 * trench is paid by w_t, 8.4). Each facility, hub or user junction joins the junction at its
 * own vertex by a connection of length 0 (an empty route, no cost, no binary), out when it sends r
 * and in when it takes r. The junctions' balances (6) conserve the flow at every vertex, so
 * the MILP routes the pipes, and trunks shared by several streams emerge. max_km bounds a pipe
 * from sender to receiver, not a piece of one, so it is not applied here; pruning (2.2) never
 * applies to links at junctions. */
static const int no_trench[1] = {-1}; /* an empty route that is written as [] */

static sn_status edge_pipes(sn_model *m, corr_index *ci, const double *avail, const double *send,
                            const double *recv, int r)
{
    const sn_instance *in = m->inst;
    int nn = snp_node_count(in), first_vj = nn - in->n_vertex_junctions;
    int *at = snp_calloc((size_t)in->n_vertices + 1, sizeof *at);
    if (!at)
        return SN_ENOMEM;
    for (int v = 0; v < in->n_vertices; v++)
        at[v] = -1;
    for (int n = first_vj; n < nn; n++)
        at[in->node_vertex[n]] = n;
    sn_status st = SN_OK;
    for (int t = 0; t < in->n_trenches && st == SN_OK; t++) {
        const snp_trench *tr = &in->trenches[t];
        for (int dir = 0; dir < 2 && st == SN_OK; dir++) {
            int u = at[dir ? tr->b : tr->a], v = at[dir ? tr->a : tr->b];
            if (u < 0 || v < 0 || u == v)
                continue;
            snp_link l;
            memset(&l, 0, sizeof l);
            l.tail = u;
            l.head = v;
            l.resource = r;
            l.mode = SNP_MODE_PIPE;
            l.spec = -1;
            l.corridor = -1;
            l.routed = 1;
            l.length_km = tr->length_km;
            int *route = snp_arena_array(ci->arena, 1, sizeof *route);
            if (!route) {
                st = SN_ENOMEM;
                break;
            }
            route[0] = t;
            l.n_route = 1;
            l.route = route;
            st = push_edge(m, avail, &l);
        }
    }
    for (int n = 0; n < first_vj && st == SN_OK; n++) {
        int v = in->node_vertex[n];
        if (v < 0 || at[v] < 0 || !node_handles(in, n, r, SNP_MODE_PIPE))
            continue;
        for (int dir = 0; dir < 2 && st == SN_OK; dir++) {
            if (!((dir ? recv[n] : send[n]) > 0))
                continue;
            snp_link l;
            memset(&l, 0, sizeof l);
            l.tail = dir ? at[v] : n;
            l.head = dir ? n : at[v];
            l.resource = r;
            l.mode = SNP_MODE_PIPE;
            l.spec = -1;
            l.corridor = -1;
            l.routed = 1; /* over the ways, by an empty route: both ends at one vertex */
            l.route = no_trench;
            l.length_km = 0;
            st = push_edge(m, avail, &l);
        }
    }
    snp_free(at);
    return st;
}

/* Business as usual's hauls (docs/model.md 2.3): each supply with a disposal_site is trucked
 * from its facility to the site along the route a truck link of its resource would take. A
 * site no truck can reach (banned zones, no road) is an input error. */
static sn_status route_hauls(sn_model *m, snp_router *rt, sn_diag *diag)
{
    const sn_instance *in = m->inst;
    snp_route **h = snp_arena_array(&m->arena, (size_t)in->n_facilities + 1, sizeof *h);
    if (!h)
        return SN_ENOMEM;
    int bad = 0;
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        h[f] = snp_arena_array(&m->arena, (size_t)fa->n_supplies + 1, sizeof *h[f]);
        if (!h[f])
            return SN_ENOMEM;
        memset(h[f], 0, ((size_t)fa->n_supplies + 1) * sizeof *h[f]);
        for (int k = 0; k < fa->n_supplies; k++) {
            const snp_supply *s = &fa->supplies[k];
            if (!s->disposal_site_id)
                continue;
            int ok = snp_router_route(rt, SNP_MODE_TRUCK, s->resource, snp_node_find(in, fa->id),
                                      s->disposal_site, &m->arena, &h[f][k]);
            if (ok < 0)
                return SN_ENOMEM;
            if (ok == 0) {
                char path[96];
                snprintf(path, sizeof path, "facilities[%d].supplies[%d].disposal_site", f, k);
                snp_diag_add(diag, SN_EINPUT, in->file, path,
                             "expected a site trucks can reach over the roads from \"%s\" "
                             "(around zones banning trucks), got \"%s\"",
                             fa->id, s->disposal_site_id);
                bad++;
            }
        }
    }
    m->hauls = h;
    return bad ? SN_EINPUT : SN_OK;
}

sn_status snp_model_links(sn_model *m, sn_diag *diag)
{
    const sn_instance *in = m->inst;
    int nn = snp_node_count(in);
    double *avail = snp_calloc((size_t)in->n_resources + 1, sizeof *avail);
    if (!avail)
        return SN_ENOMEM;
    for (int r = 0; r < in->n_resources; r++) {
        for (int n = 0; n < nn; n++) {
            int i;
            if (snp_node_kind_of(in, n, &i) != SNP_NODE_JUNCTION)
                avail[r] += out_max(in, avail, n, r);
        }
    }

    sn_status st = SN_OK;
    corr_index ci;
    snp_free(m->touched);
    snp_free(m->corridor_used);
    m->touched = snp_calloc((size_t)nn + 1, 1);
    m->corridor_used = snp_calloc((size_t)in->n_corridors + 1, 1);
    if (!m->touched || !m->corridor_used || corr_index_build(in, &ci) != 0) {
        snp_free(avail);
        return SN_ENOMEM;
    }
    ci.rt = snp_router_new(in); /* routes over the ways (routes.c), NULL without ways */
    ci.arena = &m->arena;
    if (in->n_trenches > 0 && !ci.rt) {
        snp_free(avail);
        snp_free(ci.keys);
        return SN_ENOMEM;
    }
    sn_status hst = ci.rt && !m->hauls ? route_hauls(m, ci.rt, diag) : SN_OK;
    if (hst != SN_OK) {
        snp_free(avail);
        snp_free(ci.keys);
        snp_router_free(ci.rt);
        return hst;
    }
    /* 1. generated candidates: senders x receivers of each resource, by mode */
    double *send = snp_calloc((size_t)nn + 1, sizeof *send);
    double *recv = snp_calloc((size_t)nn + 1, sizeof *recv);
    if (!send || !recv)
        st = SN_ENOMEM;
    for (int r = 0; r < in->n_resources && st == SN_OK && !in->only_forced; r++) {
        const snp_resource *res = &in->resources[r];
        if (!res->has_pipe && !res->has_truck)
            continue;
        for (int n = 0; n < nn; n++) {
            send[n] = out_max(in, avail, n, r);
            recv[n] = in_max(in, avail, n, r);
        }
        for (int mode = 0; mode < 2 && st == SN_OK; mode++) {
            if ((mode == SNP_MODE_PIPE && !res->has_pipe) ||
                (mode == SNP_MODE_TRUCK && !res->has_truck))
                continue;
            if (mode == SNP_MODE_PIPE && in->routing_network && in->n_trenches > 0) {
                st = edge_pipes(m, &ci, avail, send, recv, r);
                continue;
            }
            double max_km = mode == SNP_MODE_PIPE ? res->pipe.max_km : res->truck.max_km;
            for (int u = 0; u < nn && st == SN_OK; u++) {
                if (!(send[u] > 0) || !node_handles(in, u, r, (snp_mode)mode))
                    continue;
                for (int v = 0; v < nn; v++) {
                    if (u == v || !(recv[v] > 0) || !node_handles(in, v, r, (snp_mode)mode))
                        continue;
                    snp_link l;
                    memset(&l, 0, sizeof l);
                    l.tail = u;
                    l.head = v;
                    l.resource = r;
                    l.mode = (snp_mode)mode;
                    l.spec = -1;
                    int how = set_length(in, &ci, &l);
                    if (how == -2) {
                        st = SN_ENOMEM;
                        break;
                    }
                    if (how == -1 || l.length_km > max_km) {
                        if (m->keep_phantoms && !phantom(m, avail, &l, how, max_km))
                            st = SN_ENOMEM;
                        continue;
                    }
                    price_from_spec(in, &l);
                    if (!finish_link(in, avail, &l, 0))
                        continue;
                    touch(m, &l);
                    snp_pruned why;
                    if (!m->fair && !m->keep_all_links &&
                        never_pays(in, &l, &why)) { /* fair: pruning is not valid */
                        m->n_links_pruned++;
                        why.link = l;
                        if (m->record_pruned && !snp_vec_push(&m->pruned, &why)) {
                            st = SN_ENOMEM;
                            break;
                        }
                        continue;
                    }
                    if (!snp_vec_push(&m->links, &l)) {
                        st = SN_ENOMEM;
                        break;
                    }
                }
            }
        }
    }
    snp_free(send);
    snp_free(recv);

    /* 2. explicit links: add, replace or forbid */
    size_t n_gen = m->links.len;
    link_key *keys = NULL;
    char *dead = NULL;
    if (st == SN_OK && in->n_links > 0 && n_gen > 0) {
        keys = snp_calloc(n_gen, sizeof *keys);
        dead = snp_calloc(n_gen, 1);
        if (!keys || !dead)
            st = SN_ENOMEM;
        for (size_t k = 0; st == SN_OK && k < n_gen; k++) {
            const snp_link *l = snp_model_link(m, (int)k);
            keys[k] = (link_key){l->tail, l->head, l->resource, (int)l->mode, k};
        }
        if (st == SN_OK)
            qsort(keys, n_gen, sizeof *keys, key_cmp);
    }
    for (int s = 0; st == SN_OK && s < in->n_links; s++) {
        const snp_link_spec *sp = &in->links[s];
        if (keys) {
            link_key want = {sp->from, sp->to, sp->resource, (int)sp->mode, 0};
            link_key *hit = bsearch(&want, keys, n_gen, sizeof *keys, key_cmp);
            if (hit)
                dead[hit->index] = 1;
        }
        snp_link l;
        if (price_explicit(in, &ci, s, &l) < 0) {
            st = SN_ENOMEM;
            break;
        }
        touch(m, &l); /* even forbidden: the user has decided about it */
        if (sp->status == SNP_STATUS_FORBIDDEN)
            continue;
        if (!sp->has_given_cost && l.arrive <= 0) {
            char path[64];
            snprintf(path, sizeof path, "links[%d]", s);
            snp_diag_add(diag, SN_EINPUT, in->file, path,
                         "expected a pipe that delivers something, got %.4g km with "
                         "loss_per_km %g (all flow lost)",
                         l.length_km, in->resources[l.resource].pipe.loss_per_km);
            st = SN_EINPUT;
            break;
        }
        if (!finish_link(in, avail, &l, sp->has_capacity ? sp->capacity : 0)) {
            if (!l.forced)
                continue;
            l.bound = 0; /* forced but can carry nothing: built, idle */
            l.needs_binary = 1;
        }
        if (!snp_vec_push(&m->links, &l))
            st = SN_ENOMEM;
    }
    if (st == SN_OK && dead) {
        size_t w = 0;
        for (size_t k = 0; k < m->links.len; k++) {
            if (k < n_gen && dead[k])
                continue;
            if (w != k)
                SNP_VEC_AT(&m->links, snp_link, w) = SNP_VEC_AT(&m->links, snp_link, k);
            w++;
        }
        m->links.len = w;
    }
    snp_free(keys);
    snp_free(dead);
    snp_free(avail);
    snp_free(ci.keys);
    snp_router_free(ci.rt);
    return st;
}

double snp_link_capital(const snp_link *l, int size, double flow)
{
    double c = l->fixed_capital + l->unit_capital * flow;
    if (size >= 0 && size < l->n_sizes)
        c += l->length_km * l->sizes[size].capital_per_km;
    return c;
}

double snp_link_annual_cost(const snp_link *l, int size, double flow, double trips)
{
    double c = l->fixed_annual + l->unit_annual * flow + l->trip_cost * trips;
    if (size >= 0 && size < l->n_sizes)
        c += l->crf * l->length_km * l->sizes[size].capital_per_km;
    return c;
}

/* ---- one candidate priced outside the model (src/result/screen.c) ---------------------------
 * The same steps as snp_model_links, for one pair at a time: what the model would generate
 * between two nodes, or make of one explicit link, with the same length, corridor, costs and
 * bound, without building a model. No pruning (section 2.2) and no replacement by explicit
 * links: the caller decides which of the two applies to a pair. */

struct snp_link_pricer {
    const sn_instance *in;
    double *avail; /* per resource: T_r of section 2.1 */
    corr_index ci;
};

snp_link_pricer *snp_link_pricer_new(const sn_instance *in)
{
    snp_link_pricer *p = snp_calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->in = in;
    p->avail = snp_calloc((size_t)in->n_resources + 1, sizeof *p->avail);
    if (!p->avail || corr_index_build(in, &p->ci) != 0) {
        snp_free(p->avail);
        snp_free(p);
        return NULL;
    }
    /* over the ways: lengths only (no trench lists); a route is never shorter than the
     * straight line and its trenches are not in the pair's own cost, which keeps screen.c's
     * bounds valid (docs/model.md 2.3) */
    p->ci.rt = snp_router_new(in);
    if (in->n_trenches > 0 && !p->ci.rt) {
        snp_free(p->avail);
        snp_free(p->ci.keys);
        snp_free(p);
        return NULL;
    }
    int nn = snp_node_count(in);
    for (int r = 0; r < in->n_resources; r++)
        for (int n = 0; n < nn; n++) {
            int i;
            if (snp_node_kind_of(in, n, &i) != SNP_NODE_JUNCTION)
                p->avail[r] += out_max(in, p->avail, n, r);
        }
    return p;
}

void snp_link_pricer_free(snp_link_pricer *p)
{
    if (!p)
        return;
    snp_free(p->avail);
    snp_free(p->ci.keys);
    snp_router_free(p->ci.rt);
    snp_free(p);
}

int snp_link_price(const snp_link_pricer *p, int tail, int head, int r, snp_mode mode, snp_link *l)
{
    const sn_instance *in = p->in;
    const snp_resource *res = &in->resources[r];
    memset(l, 0, sizeof *l);
    if (tail == head || (mode == SNP_MODE_PIPE && !res->has_pipe) ||
        (mode == SNP_MODE_TRUCK && !res->has_truck) || !(out_max(in, p->avail, tail, r) > 0) ||
        !(in_max(in, p->avail, head, r) > 0) || !node_handles(in, tail, r, mode) ||
        !node_handles(in, head, r, mode))
        return 0;
    l->tail = tail;
    l->head = head;
    l->resource = r;
    l->mode = mode;
    l->spec = -1;
    if (set_length(in, &p->ci, l) < 0) /* the ways give it no route: no such candidate */
        return 0;
    if (l->length_km > (mode == SNP_MODE_PIPE ? res->pipe.max_km : res->truck.max_km))
        return 0;
    price_from_spec(in, l);
    return finish_link(in, p->avail, l, 0);
}

int snp_link_price_spec(const snp_link_pricer *p, int s, snp_link *l)
{
    const sn_instance *in = p->in;
    const snp_link_spec *sp = &in->links[s];
    memset(l, 0, sizeof *l);
    if (sp->status == SNP_STATUS_FORBIDDEN)
        return 0;
    (void)price_explicit(in, &p->ci, s, l); /* as snp_model_links, step 2 (no routes here) */
    return finish_link(in, p->avail, l, sp->has_capacity ? sp->capacity : 0);
}

int snp_link_price_length(const snp_link_pricer *p, int r, snp_mode mode, double length_km,
                          snp_link *l)
{
    const snp_resource *res = &p->in->resources[r];
    memset(l, 0, sizeof *l);
    if ((mode == SNP_MODE_PIPE && !res->has_pipe) || (mode == SNP_MODE_TRUCK && !res->has_truck))
        return 0;
    l->tail = l->head = -1;
    l->resource = r;
    l->mode = mode;
    l->spec = -1;
    l->corridor = -1;
    l->length_km = length_km;
    l->routed = p->in->n_trenches > 0; /* over the ways a pipe pays no civil (its trenches are
                                          shared): the lower cost keeps screen.c's bounds valid */
    price_from_spec(p->in, l);
    return 1;
}
