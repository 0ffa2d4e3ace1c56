/*
 * cert.c - the independent checker's half of an infeasibility certificate (docs/model.md 10.1).
 *
 * Stage: sn_instance + solution JSON -> [verify]. The flow relaxation is rebuilt here from the
 * region alone (derive.c), never from src/model/: every candidate link (generated within the
 * mode's max_km, explicit links adding, replacing or forbidding) with its bound M_l (2.1),
 * arriving fraction, cheapest capital per unit and emissions; every disposal, purchase and
 * delivery; every hub's processing and output disposal. The file's multipliers name rows by
 * kind, node and resource. The certificate holds when
 *     lo = sum_i y_i * (y_i > 0 ? lb_i : ub_i)  >  hi = sum_j max(0, c_j) * ub_j,
 * with c_j = sum_i y_i a_ij and every column in [0, ub_j]: no point of the relaxation meets
 * the combined row, so no network meets the region's requirements. Sums are compensated.
 */
#include "verify_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { R_SUPPLY, R_INFLOW, R_DEMAND, R_JUNCTION, R_HUB_IN, R_HUB_CAP, R_HUB_OUT, R_BUDGET, R_CO2 };

static const char *const row_names[] = {"supply",     "inflow",    "demand",
                                        "junction",   "hub_input", "hub_capacity",
                                        "hub_output", "budget",    "co2_cap"};

typedef struct mult {
    int kind, node, resource;
    double y;
} mult;

static int mult_cmp(const void *a, const void *b)
{
    const mult *x = a, *z = b;
    const int xa[] = {x->kind, x->node, x->resource};
    const int za[] = {z->kind, z->node, z->resource};
    for (int k = 0; k < 3; k++)
        if (xa[k] != za[k])
            return xa[k] < za[k] ? -1 : 1;
    return 0;
}

typedef struct cctx {
    const sn_instance *in;
    mult *m;
    int n;
    mult *keys; /* explicit links as (from, to, 2 * resource + mode), sorted */
    int n_keys;
    snp_ksum lo, hi, scale;
    int bad;
} cctx;

static double y_of(const cctx *c, int kind, int node, int resource)
{
    mult k = {kind, node, resource, 0};
    const mult *hit = bsearch(&k, c->m, (size_t)c->n, sizeof k, mult_cmp);
    return hit ? hit->y : 0;
}

/* A column in [0, ub] whose combined coefficient is cj. */
static void column(cctx *c, const snp_ksum *cj, double ub)
{
    double v = snp_ksum_value(cj);
    if (v > 0) {
        snp_ksum_add(&c->hi, v * ub);
        snp_ksum_add(&c->scale, v * ub);
    }
}

static void term(snp_ksum *cj, double y, double coef)
{
    if (y != 0 && coef != 0)
        snp_ksum_add(cj, y * coef);
}

/* The row a link leaves from or arrives at. */
static int end_row(const sn_instance *in, int node, int leaving)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY:
        return leaving ? R_SUPPLY : R_INFLOW;
    case SNP_NODE_HUB:
        return leaving ? R_HUB_OUT : R_HUB_IN;
    case SNP_NODE_JUNCTION:
        return R_JUNCTION;
    }
    return R_JUNCTION;
}

static double hub_cap_max(const snp_hub *h)
{
    double best = 0;
    for (int o = 0; o < h->n_capacities; o++)
        best = fmax(best, h->capacities[o].capacity);
    return best;
}

/* out(u, r) and in(v, r) of model.md 2.1, junctions included (T_r). */
static double node_out(const sn_instance *in, int node, int r)
{
    int i;
    return snp_node_kind_of(in, node, &i) == SNP_NODE_JUNCTION ? snp_verify_region_total(in, r)
                                                               : snp_verify_can_send(in, node, r);
}

static double node_in(const sn_instance *in, int node, int r)
{
    int i;
    return snp_node_kind_of(in, node, &i) == SNP_NODE_JUNCTION
               ? snp_verify_region_total(in, r)
               : snp_verify_can_receive(in, node, r);
}

/* One candidate link as a column of the relaxation, given what its tail can send (out) and its
 * head take (take); adds a forced link's capital to *constant. */
static void link_column(cctx *c, const snp_vlink *l, int forced, double out, double take,
                        double *constant)
{
    const sn_instance *in = c->in;
    int r = l->resource;
    int ti;
    int tj = snp_node_kind_of(in, l->tail, &ti) == SNP_NODE_JUNCTION;
    double ub = fmin(out, take / l->arrive);
    if (l->capacity > 0)
        ub = fmin(ub, l->capacity);
    if (l->n_sizes > 0) {
        double qmax = 0;
        for (int s = 0; s < l->n_sizes; s++)
            qmax = fmax(qmax, l->sizes[s].capacity);
        ub = fmin(ub, qmax);
    }
    /* capital: the cheapest fixed capital per unit it can carry (model.md 10.1) */
    double rate = INFINITY, least = INFINITY;
    int n = l->n_sizes > 0 ? l->n_sizes : 1;
    for (int s = 0; s < n; s++) {
        double fixed =
            l->fixed_capital + (l->n_sizes > 0 ? l->length_km * l->sizes[s].capital_per_km : 0);
        double carry = l->n_sizes > 0 ? fmin(l->sizes[s].capacity, ub) : ub;
        least = fmin(least, fixed);
        if (carry > 0)
            rate = fmin(rate, fixed / carry);
    }
    if (forced)
        *constant += least;
    if (!(ub > 0))
        return; /* it can carry nothing: its column is fixed at 0 */
    snp_ksum cj = {0, 0};
    term(&cj, y_of(c, end_row(in, l->tail, 1), l->tail, r),
         tj ? -1.0 : (end_row(in, l->tail, 1) == R_SUPPLY ? 1.0 : -1.0));
    term(&cj, y_of(c, end_row(in, l->head, 0), l->head, r), l->arrive);
    term(&cj, y_of(c, R_BUDGET, -1, -1), l->unit_capital + (forced ? 0 : rate));
    term(&cj, y_of(c, R_CO2, -1, -1), l->unit_co2);
    column(c, &cj, ub);
}

/* Over the ways (2.3) a link's length is its route's, which only the model knows; the
 * relaxation takes the straight line, no longer than any route, and no civil capital for a
 * pipe (its trenches are paid apart). A generated pipe whose ends no route joins (reach, from
 * snp_verify_pipe_reach) is no candidate: returns 0 for it. A corridor's link and an explicit
 * link with its own length keep theirs. */
static int over_ways(const sn_instance *in, const int *reach, snp_vlink *l, const snp_link_spec *sp)
{
    if (in->n_ways == 0 || l->corridor >= 0 || (sp && sp->has_length))
        return 1;
    l->length_km = snp_verify_dist_km(in, l->tail, l->head);
    if (l->mode != SNP_MODE_PIPE)
        return 1;
    l->routed = 1;
    return sp || snp_verify_pipe_may_join(reach, l->tail, l->head);
}

/* Every candidate link of the region (model.md 2): generated ones unless an explicit link has
 * the same ends, resource and mode, then every explicit link that is not forbidden. */
static int link_columns(cctx *c, double *constant)
{
    const sn_instance *in = c->in;
    int nn = snp_node_count(in);
    int first_junction = in->n_facilities + in->n_hubs;
    c->keys = snp_calloc((size_t)in->n_links + 1, sizeof *c->keys);
    if (!c->keys)
        return -1;
    for (int k = 0; k < in->n_links; k++) {
        const snp_link_spec *sp = &in->links[k];
        c->keys[c->n_keys++] = (mult){sp->from, sp->to, sp->resource * 2 + (int)sp->mode, 0};
    }
    if (c->n_keys > 1)
        qsort(c->keys, (size_t)c->n_keys, sizeof *c->keys, mult_cmp);
    double *send = snp_calloc((size_t)nn + 1, sizeof *send);
    double *recv = snp_calloc((size_t)nn + 1, sizeof *recv);
    int *reach = snp_calloc((size_t)nn * SNP_REACH_MAX + 1, sizeof *reach);
    if (!send || !recv || !reach || (in->n_ways > 0 && snp_verify_pipe_reach(in, reach) != 0)) {
        snp_free(send);
        snp_free(recv);
        snp_free(reach);
        return -1;
    }
    for (int r = 0; r < in->n_resources; r++) {
        const snp_resource *res = &in->resources[r];
        double total = snp_verify_region_total(in, r); /* what a junction sends or takes */
        for (int v = 0; v < nn; v++) {
            send[v] = v < first_junction ? snp_verify_can_send(in, v, r) : total;
            recv[v] = v < first_junction ? snp_verify_can_receive(in, v, r) : total;
        }
        for (int mode = 0; mode < 2; mode++) {
            if ((mode == SNP_MODE_PIPE && !res->has_pipe) ||
                (mode == SNP_MODE_TRUCK && !res->has_truck))
                continue;
            for (int u = 0; u < nn; u++) {
                if (!(send[u] > 0))
                    continue;
                for (int v = 0; v < nn; v++) {
                    if (u == v || !(recv[v] > 0))
                        continue;
                    mult key = {u, v, r * 2 + mode, 0};
                    if (c->n_keys &&
                        bsearch(&key, c->keys, (size_t)c->n_keys, sizeof key, mult_cmp))
                        continue; /* an explicit link replaces or forbids it */
                    snp_vlink l;
                    memset(&l, 0, sizeof l);
                    l.tail = u;
                    l.head = v;
                    l.resource = r;
                    l.mode = (snp_mode)mode;
                    l.spec = -1;
                    snp_verify_link_length(in, &l, NULL);
                    const char *why = NULL;
                    if (!over_ways(in, reach, &l, NULL) || !snp_verify_price_from_mode(in, &l) ||
                        !snp_verify_generated(in, &l, &why))
                        continue;
                    link_column(c, &l, 0, send[u], recv[v], constant);
                }
            }
        }
    }
    snp_free(send);
    snp_free(recv);
    for (int k = 0; k < in->n_links; k++) {
        const snp_link_spec *sp = &in->links[k];
        if (sp->status == SNP_STATUS_FORBIDDEN)
            continue;
        snp_vlink l;
        memset(&l, 0, sizeof l);
        l.tail = sp->from;
        l.head = sp->to;
        l.resource = sp->resource;
        l.mode = sp->mode;
        l.spec = k;
        snp_verify_link_length(in, &l, sp);
        over_ways(in, reach, &l, sp);
        if (sp->has_given_cost) {
            l.crf = snp_verify_crf(in->discount_rate, sp->lifetime_yr);
            l.fixed_capital = sp->capital;
            l.unit_capital = sp->capital_per_unit;
            l.arrive = 1.0 - sp->loss;
        } else if (!snp_verify_price_from_mode(in, &l)) {
            continue;
        }
        if (sp->has_capacity)
            l.capacity = sp->capacity;
        if (!(l.arrive > 0))
            continue;
        link_column(c, &l, sp->status == SNP_STATUS_FORCED, node_out(in, l.tail, l.resource),
                    node_in(in, l.head, l.resource), constant);
    }
    snp_free(reach);
    return 0;
}

/* Resolves the file's rows; every row the region does not have is an error. */
static int read_rows(cctx *c, const snp_solution_doc *doc, snp_verify_err err, void *ctx)
{
    const sn_instance *in = c->in;
    c->m = snp_calloc((size_t)doc->n_cert + 1, sizeof *c->m);
    if (!c->m)
        return -1;
    char path[80], msg[200];
    for (int k = 0; k < doc->n_cert; k++) {
        const snp_sol_cert_row *cr = &doc->cert[k];
        snprintf(path, sizeof path, "infeasibility.rows[%d]", k);
        int kind = -1;
        for (int q = 0; q < (int)(sizeof row_names / sizeof row_names[0]); q++)
            if (cr->row && strcmp(cr->row, row_names[q]) == 0)
                kind = q;
        int i = -1;
        int node = cr->node ? snp_node_find(in, cr->node) : -1;
        int r = cr->resource ? snp_resource_find(in, cr->resource) : -1;
        snp_node_kind nk = node >= 0 ? snp_node_kind_of(in, node, &i) : SNP_NODE_FACILITY;
        const char *why = NULL;
        switch (kind) {
        case R_SUPPLY:
        case R_INFLOW:
        case R_DEMAND:
            if (node < 0 || nk != SNP_NODE_FACILITY || r < 0)
                why = "expected a facility of the region and one of its resources";
            else if (kind == R_SUPPLY && !snp_verify_facility_supply(&in->facilities[i], r))
                why = "the facility has no supply of this resource";
            else if (kind == R_DEMAND) {
                int has = 0;
                for (int d = 0; d < in->facilities[i].n_demands; d++)
                    has |= in->facilities[i].demands[d].resource == r;
                if (!has)
                    why = "the facility has no demand for this resource";
            }
            break;
        case R_JUNCTION:
            if (node < 0 || nk != SNP_NODE_JUNCTION || r < 0)
                why = "expected a junction of the region and a resource";
            break;
        case R_HUB_IN:
        case R_HUB_OUT:
            if (node < 0 || nk != SNP_NODE_HUB || r < 0 ||
                in->hubs[i].status == SNP_STATUS_FORBIDDEN ||
                (kind == R_HUB_IN ? snp_verify_hub_input(&in->hubs[i], r)
                                  : snp_verify_hub_output(&in->hubs[i], r)) < 0)
                why = "expected a hub that may be built and one of its inputs or outputs";
            break;
        case R_HUB_CAP:
            if (node < 0 || nk != SNP_NODE_HUB || in->hubs[i].status == SNP_STATUS_FORBIDDEN)
                why = "expected a hub that may be built";
            r = -1;
            break;
        case R_BUDGET:
            if (!in->has_budget)
                why = "the region has no capital_budget";
            node = r = -1;
            break;
        case R_CO2:
            if (!in->has_co2_cap)
                why = "the region has no co2_cap_t_per_yr";
            node = r = -1;
            break;
        default:
            why = "expected a row kind of docs/model.md 10.1";
        }
        if (!why && !isfinite(cr->multiplier))
            why = "expected a finite multiplier";
        if (why) {
            snprintf(msg, sizeof msg, "%s (row \"%.32s\", node \"%.40s\", resource \"%.40s\")", why,
                     cr->row ? cr->row : "", cr->node ? cr->node : "",
                     cr->resource ? cr->resource : "");
            err(ctx, path, msg);
            c->bad = 1;
            continue;
        }
        c->m[c->n++] = (mult){kind, node, r, cr->multiplier};
    }
    if (c->n > 1)
        qsort(c->m, (size_t)c->n, sizeof *c->m, mult_cmp);
    for (int k = 1; k < c->n; k++)
        if (mult_cmp(&c->m[k - 1], &c->m[k]) == 0) {
            err(ctx, "infeasibility.rows", "the same row is listed twice");
            c->bad = 1;
        }
    return 0;
}

/* lo: each multiplier times the bound of its row that it leans on. */
static void row_bounds(cctx *c, double constant)
{
    const sn_instance *in = c->in;
    for (int k = 0; k < c->n; k++) {
        const mult *m = &c->m[k];
        int i;
        double lb = 0, ub = 0;
        switch (m->kind) {
        case R_SUPPLY:
            snp_node_kind_of(in, m->node, &i);
            lb = ub = snp_verify_facility_supply(&in->facilities[i], m->resource)->amount;
            break;
        case R_DEMAND:
            snp_node_kind_of(in, m->node, &i);
            for (int d = 0; d < in->facilities[i].n_demands; d++)
                if (in->facilities[i].demands[d].resource == m->resource)
                    lb = ub = in->facilities[i].demands[d].amount;
            break;
        case R_HUB_CAP:
            snp_node_kind_of(in, m->node, &i);
            lb = -INFINITY;
            ub = hub_cap_max(&in->hubs[i]);
            break;
        case R_BUDGET:
            lb = -INFINITY;
            ub = in->budget - constant;
            break;
        case R_CO2:
            lb = -INFINITY;
            ub = in->co2_cap_t_per_yr;
            break;
        default:
            break;
        }
        double b = m->y > 0 ? lb : ub;
        if (!isfinite(b)) {
            c->bad = 2;
            continue;
        }
        snp_ksum_add(&c->lo, m->y * b);
        snp_ksum_add(&c->scale, fabs(m->y * b));
    }
}

double snp_verify_certificate(const sn_instance *in, const snp_solution_doc *doc, double *scale,
                              snp_verify_err err, void *ctx)
{
    cctx c;
    memset(&c, 0, sizeof c);
    c.in = in;
    *scale = NAN;
    if (read_rows(&c, doc, err, ctx) != 0)
        return NAN;
    if (c.bad) {
        snp_free(c.m);
        return -INFINITY;
    }
    double constant = 0;
    int lc = link_columns(&c, &constant);
    snp_free(c.keys);
    if (lc != 0) {
        snp_free(c.m);
        return NAN;
    }
    int nf = in->n_facilities;
    double yb = y_of(&c, R_BUDGET, -1, -1), yc = y_of(&c, R_CO2, -1, -1);
    for (int f = 0; f < nf; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++) {
            const snp_supply *su = &fa->supplies[s];
            if (!su->has_disposal)
                continue;
            snp_ksum cj = {0, 0};
            term(&cj, y_of(&c, R_SUPPLY, f, su->resource), 1);
            term(&cj, yc, su->disposal_co2);
            column(&c, &cj, su->amount);
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            double yd = y_of(&c, R_DEMAND, f, d->resource);
            if (d->has_price) {
                snp_ksum cj = {0, 0};
                term(&cj, yd, 1);
                term(&cj, yc, d->co2);
                column(&c, &cj, d->amount);
            }
            for (int q = -1; q < d->n_subs; q++) {
                int r = q < 0 ? d->resource : d->subs[q].resource;
                double ratio = q < 0 ? 1 : d->subs[q].ratio;
                snp_ksum cj = {0, 0};
                term(&cj, y_of(&c, R_INFLOW, f, r), -1);
                term(&cj, yd, ratio);
                column(&c, &cj, d->amount / ratio);
            }
        }
    }
    for (int h = 0; h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        if (hub->status == SNP_STATUS_FORBIDDEN)
            continue;
        int node = nf + h;
        double cap = hub_cap_max(hub), per_unit = INFINITY, least = INFINITY;
        for (int o = 0; o < hub->n_capacities; o++) {
            per_unit = fmin(per_unit, hub->capacities[o].capital / hub->capacities[o].capacity);
            least = fmin(least, hub->capacities[o].capital);
        }
        int forced = hub->status == SNP_STATUS_FORCED;
        if (forced)
            constant += least;
        for (int i = 0; i < hub->n_inputs; i++) {
            const snp_hub_input *hi = &hub->inputs[i];
            snp_ksum cj = {0, 0};
            term(&cj, y_of(&c, R_HUB_IN, node, hi->resource), -1);
            term(&cj, y_of(&c, R_HUB_CAP, node, -1), 1);
            for (int o = 0; o < hub->n_outputs; o++)
                term(&cj, y_of(&c, R_HUB_OUT, node, hub->outputs[o].resource), hi->yields[o]);
            term(&cj, yb, forced ? 0 : per_unit);
            term(&cj, yc, hi->co2_per_unit);
            column(&c, &cj, cap);
        }
        for (int o = 0; o < hub->n_outputs; o++) {
            double most = 0;
            for (int i = 0; i < hub->n_inputs; i++)
                most = fmax(most, hub->inputs[i].yields[o]);
            snp_ksum cj = {0, 0};
            term(&cj, y_of(&c, R_HUB_OUT, node, hub->outputs[o].resource), -1);
            term(&cj, yc, hub->outputs[o].disposal_co2);
            column(&c, &cj, cap * most);
        }
    }
    row_bounds(&c, constant);
    snp_free(c.m);
    *scale = snp_ksum_value(&c.scale);
    if (c.bad)
        return -INFINITY;
    return snp_ksum_value(&c.lo) - snp_ksum_value(&c.hi);
}
