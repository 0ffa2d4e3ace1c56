/*
 * relax.c - the flow relaxation of a region (docs/model.md 10.1), on which an infeasibility
 * verdict is certified: a Farkas certificate is a set of multipliers on its rows, and the
 * independent checker (src/verify/verify.c) rebuilds the same relaxation from the region alone
 * to verify one.
 *
 * Stage: sn_instance -> [model] (a continuous LP, never solved as a design problem). Every
 * network of the model satisfies it: flows are added over origins (no labels, no quality
 * limits), every binary is projected out (a link's capital is at least its cheapest capital
 * per unit of flow times its flow, a hub's likewise, corridors count nothing), trips are left
 * out, and every candidate link is kept (no pruning, section 2.2). So when the relaxation has
 * no solution, no network exists. Every column has finite bounds, so a certificate's value
 * is a finite sum and small rounding in the multipliers cannot make it infinite.
 */
#include "model_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"supply",     "inflow",    "demand",
                                         "junction",   "hub_input", "hub_capacity",
                                         "hub_output", "budget",    "co2_cap"};

const char *snp_relax_row_kind_name(snp_relax_row_kind k)
{
    return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "?";
}

int snp_relax_row_kind_parse(const char *s)
{
    for (int k = 0; k < (int)(sizeof kind_names / sizeof kind_names[0]); k++)
        if (s && strcmp(s, kind_names[k]) == 0)
            return k;
    return -1;
}

/* Row lookup: rows of one kind are keyed by (node, resource), resource -1 when none. */
typedef struct rkey {
    int kind, node, resource, row;
} rkey;
struct rkey;

static int rkey_cmp(const void *a, const void *b)
{
    const rkey *x = a, *y = b;
    const int xa[] = {x->kind, x->node, x->resource};
    const int ya[] = {y->kind, y->node, y->resource};
    for (int k = 0; k < 3; k++)
        if (xa[k] != ya[k])
            return xa[k] < ya[k] ? -1 : 1;
    return 0;
}

int snp_relax_find(const snp_relax *r, snp_relax_row_kind kind, int node, int resource)
{
    rkey k = {(int)kind, node, resource, -1};
    const rkey *hit = bsearch(&k, r->index.keys, (size_t)r->index.n, sizeof k, rkey_cmp);
    return hit ? hit->row : -1;
}

/* ---- building ------------------------------------------------------------------------------ */

typedef struct builder {
    snp_relax *r;
    snp_vec keys; /* rkey */
} builder;

/* Row (kind, node, resource) of the relaxation; rows are made up front (add_rows) so that
 * columns can name them. */
static int add_row_key(builder *b, snp_relax_row_kind kind, int node, int resource)
{
    rkey k = {(int)kind, node, resource, (int)b->keys.len};
    snp_relax_row rr = {kind, node, resource, 0, 0};
    if (!snp_vec_push(&b->keys, &k) || !snp_vec_push(&b->r->rows, &rr))
        return -1;
    return 0;
}

/* A column's terms, collected before the matrix is laid out row-wise. */
typedef struct term {
    int row, col;
    double coef;
} term;

static int term_row_cmp(const void *a, const void *b)
{
    const term *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

typedef struct colset {
    snp_vec terms; /* term */
    sn_model *m;
    int failed;
} colset;

static int new_col(colset *c, double ub, snp_col_role role, int a, int b, const char *name,
                   const char *p1, const char *p2)
{
    int j = snp_model_add_col(c->m, SNP_COL_CONT, 0, ub > 0 ? ub : 0, 0, role, a, b, "%s(%s,%s)",
                              name, p1, p2 ? p2 : "");
    if (j < 0)
        c->failed = 1;
    return j;
}

static void put(colset *c, int row, int col, double coef)
{
    if (row < 0 || col < 0 || coef == 0)
        return;
    term t = {row, col, coef};
    if (!snp_vec_push(&c->terms, &t))
        c->failed = 1;
}

static double hub_cap_max(const snp_hub *h)
{
    return h->capacities[h->n_capacities - 1].capacity;
}

/* Cheapest hub capital per unit of capacity, and the cheapest option's capital. */
static void hub_capital(const snp_hub *h, double *per_unit, double *least)
{
    *per_unit = INFINITY;
    *least = INFINITY;
    for (int o = 0; o < h->n_capacities; o++) {
        *per_unit = fmin(*per_unit, h->capacities[o].capital / h->capacities[o].capacity);
        *least = fmin(*least, h->capacities[o].capital);
    }
}

/* Capital of link l in the relaxation: a constant (forced links: built whatever the flow) and
 * a rate per unit sent. Unforced: the cheapest (fixed capital / what that choice can carry);
 * forced: the cheapest fixed capital. Both add the capital per unit. */
static void link_capital(const snp_link *l, double *constant, double *rate)
{
    double best_rate = INFINITY, least = INFINITY;
    int n = l->n_sizes > 0 ? l->n_sizes : 1;
    for (int s = 0; s < n; s++) {
        int size = l->n_sizes > 0 ? s : -1;
        double fixed = snp_link_capital(l, size, 0);
        double carry = size >= 0 ? fmin(l->sizes[s].capacity, l->bound) : l->bound;
        least = fmin(least, fixed);
        if (carry > 0)
            best_rate = fmin(best_rate, fixed / carry);
    }
    *constant = l->forced ? least : 0;
    /* a link that can carry nothing has its column fixed at 0: its rate does not matter */
    *rate = l->unit_capital + (l->forced || !isfinite(best_rate) ? 0 : best_rate);
}

/* Over the ways (docs/model.md 10.1) the independent checker cannot recompute the route of a
 * link that is not built, so R takes the straight line for what grows with the length: the
 * share of l's capital, emissions and loss that R keeps is the straight line over l's length
 * (1 outside the ways, in a corridor, with a length or costs given, and for a pipe that keeps
 * the straight line). A pipe's routed capital has no civil part, as the checker assumes. */
static double straight_share(const sn_instance *in, const snp_link *l)
{
    if (in->n_ways == 0 || l->corridor >= 0 || !(l->length_km > 0) ||
        (l->mode == SNP_MODE_PIPE && !l->routed))
        return 1;
    if (l->spec >= 0 && (in->links[l->spec].has_length || in->links[l->spec].has_given_cost))
        return 1;
    double d = snp_node_dist_km(in, l->tail, l->head);
    return d < l->length_km ? d / l->length_km : 1;
}

/* Link l as a column x_l in [0, M_l] of R (k: its index in the model, -1 for a phantom);
 * returns what it adds to the budget row's constant (a forced link's capital). */
static double link_column(snp_relax *r, colset *c, const snp_link *l, int k, int budget, int co2)
{
    const sn_instance *in = r->m->inst;
    int j = new_col(c, l->bound, SNP_ROLE_FLOW, k, 0, "x", snp_node_id(in, l->tail),
                    snp_node_id(in, l->head));
    double share = straight_share(in, l), arrive = 1 - (1 - l->arrive) * share;
    int i;
    switch (snp_node_kind_of(in, l->tail, &i)) {
    case SNP_NODE_FACILITY:
        put(c, snp_relax_find(r, SNP_RELAX_SUPPLY, l->tail, l->resource), j, 1);
        break;
    case SNP_NODE_HUB:
        put(c, snp_relax_find(r, SNP_RELAX_HUB_OUTPUT, l->tail, l->resource), j, -1);
        break;
    case SNP_NODE_JUNCTION:
        put(c, snp_relax_find(r, SNP_RELAX_JUNCTION, l->tail, l->resource), j, -1);
        break;
    }
    switch (snp_node_kind_of(in, l->head, &i)) {
    case SNP_NODE_FACILITY:
        put(c, snp_relax_find(r, SNP_RELAX_INFLOW, l->head, l->resource), j, arrive);
        break;
    case SNP_NODE_HUB:
        put(c, snp_relax_find(r, SNP_RELAX_HUB_INPUT, l->head, l->resource), j, arrive);
        break;
    case SNP_NODE_JUNCTION:
        put(c, snp_relax_find(r, SNP_RELAX_JUNCTION, l->head, l->resource), j, arrive);
        break;
    }
    double constant, rate;
    link_capital(l, &constant, &rate);
    put(c, budget, j, rate * share);
    put(c, co2, j, l->unit_co2 * share);
    return constant * share;
}

static sn_status build(snp_relax *r, sn_diag *diag)
{
    sn_model *m = r->m;
    const sn_instance *in = m->inst;
    sn_status st = snp_model_links(m, diag);
    if (st != SN_OK)
        return st;
    builder b = {r, {0}};
    snp_vec_init(&b.keys, sizeof(rkey));
    int fail = 0;
    int nf = in->n_facilities;
    /* rows, in entity order */
    for (int f = 0; f < nf && !fail; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies && !fail; s++)
            fail = add_row_key(&b, SNP_RELAX_SUPPLY, f, fa->supplies[s].resource);
        for (int res = 0; res < in->n_resources && !fail; res++)
            for (int k = 0; k < fa->n_demands; k++) {
                const snp_demand *d = &fa->demands[k];
                int accepts = d->resource == res;
                for (int q = 0; q < d->n_subs; q++)
                    accepts |= d->subs[q].resource == res;
                if (accepts) {
                    fail = add_row_key(&b, SNP_RELAX_INFLOW, f, res);
                    break;
                }
            }
        for (int k = 0; k < fa->n_demands && !fail; k++)
            fail = add_row_key(&b, SNP_RELAX_DEMAND, f, fa->demands[k].resource);
    }
    for (int h = 0; h < in->n_hubs && !fail; h++) {
        const snp_hub *hub = &in->hubs[h];
        if (hub->status == SNP_STATUS_FORBIDDEN)
            continue;
        int node = nf + h;
        for (int i = 0; i < hub->n_inputs && !fail; i++)
            fail = add_row_key(&b, SNP_RELAX_HUB_INPUT, node, hub->inputs[i].resource);
        if (!fail)
            fail = add_row_key(&b, SNP_RELAX_HUB_CAPACITY, node, -1);
        for (int o = 0; o < hub->n_outputs && !fail; o++)
            fail = add_row_key(&b, SNP_RELAX_HUB_OUTPUT, node, hub->outputs[o].resource);
    }
    /* a junction row for each (junction, resource) that a link touches */
    int first_j = nf + in->n_hubs;
    char *seen = snp_calloc((size_t)in->n_junctions * (size_t)in->n_resources + 1, 1);
    fail = fail || !seen;
    for (size_t k = 0; k < m->links.len && !fail; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        int ends[2] = {l->tail, l->head};
        for (int e = 0; e < 2 && !fail; e++) {
            if (ends[e] < first_j)
                continue;
            size_t at = (size_t)(ends[e] - first_j) * (size_t)in->n_resources + (size_t)l->resource;
            if (!seen[at]) {
                seen[at] = 1;
                fail = add_row_key(&b, SNP_RELAX_JUNCTION, ends[e], l->resource);
            }
        }
    }
    snp_free(seen);
    if (!fail && in->has_budget)
        fail = add_row_key(&b, SNP_RELAX_BUDGET, -1, -1);
    if (!fail && in->has_co2_cap)
        fail = add_row_key(&b, SNP_RELAX_CO2, -1, -1);
    if (fail) {
        snp_vec_free(&b.keys);
        return SN_ENOMEM;
    }
    r->index.n = (int)b.keys.len;
    r->index.keys = (rkey *)b.keys.data;
    if (r->index.n > 1)
        qsort(r->index.keys, (size_t)r->index.n, sizeof(rkey), rkey_cmp);
    int budget = snp_relax_find(r, SNP_RELAX_BUDGET, -1, -1);
    int co2 = snp_relax_find(r, SNP_RELAX_CO2, -1, -1);
    double budget_const = 0;

    colset c = {{0}, m, 0};
    snp_vec_init(&c.terms, sizeof(term));
    /* links: x_l in [0, M_l]; then the phantoms, columns of R alone */
    for (size_t k = 0; k < m->links.len && !c.failed; k++)
        budget_const += link_column(r, &c, snp_model_link(m, (int)k), (int)k, budget, co2);
    for (size_t k = 0; k < m->phantoms.len && !c.failed; k++)
        budget_const += link_column(r, &c, (const snp_link *)m->phantoms.data + k, -1, budget, co2);
    /* facilities: disposal, purchase, deliveries */
    for (int f = 0; f < nf && !c.failed; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++) {
            const snp_supply *su = &fa->supplies[s];
            if (!su->has_disposal)
                continue;
            int j = new_col(&c, su->amount, SNP_ROLE_DISPOSE, f, s, "dispose", fa->id,
                            in->resources[su->resource].id);
            put(&c, snp_relax_find(r, SNP_RELAX_SUPPLY, f, su->resource), j, 1);
            put(&c, co2, j, su->disposal_co2);
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            int drow = snp_relax_find(r, SNP_RELAX_DEMAND, f, d->resource);
            if (d->has_price) {
                int j = new_col(&c, d->amount, SNP_ROLE_PURCHASE, f, k, "buy", fa->id,
                                in->resources[d->resource].id);
                put(&c, drow, j, 1);
                put(&c, co2, j, d->co2);
            }
            for (int q = -1; q < d->n_subs; q++) {
                int res = q < 0 ? d->resource : d->subs[q].resource;
                double ratio = q < 0 ? 1 : d->subs[q].ratio;
                int j = new_col(&c, d->amount / ratio, SNP_ROLE_ALLOC, f, k, "a", fa->id,
                                in->resources[res].id);
                put(&c, snp_relax_find(r, SNP_RELAX_INFLOW, f, res), j, -1);
                put(&c, drow, j, ratio);
            }
        }
    }
    /* hubs: processing and disposal of outputs */
    for (int h = 0; h < in->n_hubs && !c.failed; h++) {
        const snp_hub *hub = &in->hubs[h];
        if (hub->status == SNP_STATUS_FORBIDDEN)
            continue;
        int node = nf + h;
        double per_unit, least;
        hub_capital(hub, &per_unit, &least);
        int forced = hub->status == SNP_STATUS_FORCED;
        if (forced)
            budget_const += least;
        for (int i = 0; i < hub->n_inputs; i++) {
            const snp_hub_input *hi = &hub->inputs[i];
            int j = new_col(&c, hub_cap_max(hub), SNP_ROLE_HUB_PROCESS, h, i, "p", hub->id,
                            in->resources[hi->resource].id);
            put(&c, snp_relax_find(r, SNP_RELAX_HUB_INPUT, node, hi->resource), j, -1);
            put(&c, snp_relax_find(r, SNP_RELAX_HUB_CAPACITY, node, -1), j, 1);
            for (int o = 0; o < hub->n_outputs; o++)
                put(&c, snp_relax_find(r, SNP_RELAX_HUB_OUTPUT, node, hub->outputs[o].resource), j,
                    hi->yields[o]);
            put(&c, budget, j, forced ? 0 : per_unit);
            put(&c, co2, j, hi->co2_per_unit);
        }
        for (int o = 0; o < hub->n_outputs; o++) {
            double most = 0;
            for (int i = 0; i < hub->n_inputs; i++)
                most = fmax(most, hub->inputs[i].yields[o]);
            int j = new_col(&c, hub_cap_max(hub) * most, SNP_ROLE_HUB_DISPOSE, h, o, "g", hub->id,
                            in->resources[hub->outputs[o].resource].id);
            put(&c, snp_relax_find(r, SNP_RELAX_HUB_OUTPUT, node, hub->outputs[o].resource), j, -1);
            put(&c, co2, j, hub->outputs[o].disposal_co2);
        }
    }
    if (c.failed) {
        snp_vec_free(&c.terms);
        return SN_ENOMEM;
    }
    /* rows, laid out row-wise, with their bounds */
    if (c.terms.len > 1)
        qsort(c.terms.data, c.terms.len, sizeof(term), term_row_cmp);
    size_t t = 0;
    int nrows = (int)r->rows.len;
    for (int row = 0; row < nrows && !c.failed; row++) {
        snp_relax_row *rr = &SNP_VEC_AT(&r->rows, snp_relax_row, row);
        double lo = 0, hi = 0;
        int fi;
        switch (rr->kind) {
        case SNP_RELAX_SUPPLY:
            snp_node_kind_of(in, rr->node, &fi);
            for (int s = 0; s < in->facilities[fi].n_supplies; s++)
                if (in->facilities[fi].supplies[s].resource == rr->resource)
                    lo = hi = in->facilities[fi].supplies[s].amount;
            break;
        case SNP_RELAX_DEMAND:
            snp_node_kind_of(in, rr->node, &fi);
            for (int k = 0; k < in->facilities[fi].n_demands; k++)
                if (in->facilities[fi].demands[k].resource == rr->resource)
                    lo = hi = in->facilities[fi].demands[k].amount;
            break;
        case SNP_RELAX_HUB_CAPACITY:
            snp_node_kind_of(in, rr->node, &fi);
            lo = -INFINITY;
            hi = hub_cap_max(&in->hubs[fi]);
            break;
        case SNP_RELAX_BUDGET:
            lo = -INFINITY;
            hi = in->budget - budget_const;
            break;
        case SNP_RELAX_CO2:
            lo = -INFINITY;
            hi = in->co2_cap_t_per_yr;
            break;
        case SNP_RELAX_INFLOW:
        case SNP_RELAX_JUNCTION:
        case SNP_RELAX_HUB_INPUT:
        case SNP_RELAX_HUB_OUTPUT:
            break;
        }
        rr->lb = lo;
        rr->ub = hi;
        const char *rid = rr->resource >= 0 ? in->resources[rr->resource].id : "";
        const char *nid = rr->node >= 0 ? snp_node_id(in, rr->node) : "";
        if (snp_model_row_begin(m, "%s(%s,%s)", snp_relax_row_kind_name(rr->kind), nid, rid)) {
            c.failed = 1;
            break;
        }
        for (; t < c.terms.len && SNP_VEC_AT(&c.terms, term, t).row == row; t++) {
            const term *tt = &SNP_VEC_AT(&c.terms, term, t);
            if (snp_model_row_add(m, tt->col, tt->coef))
                c.failed = 1;
        }
        /* lb == ub is an equality; an infinite lb is "at most" (row_end takes both) */
        if (!c.failed && snp_model_row_end(m, lo, hi))
            c.failed = 1;
    }
    snp_vec_free(&c.terms);
    r->budget_constant = budget_const;
    return c.failed ? SN_ENOMEM : SN_OK;
}

sn_status snp_relax_build(const sn_instance *in, snp_relax **out, sn_diag *diag)
{
    *out = NULL;
    snp_relax *r = snp_calloc(1, sizeof *r);
    sn_model *m = snp_model_new(in, SN_MODEL_NETWORK);
    if (!r || !m) {
        snp_free(r);
        sn_model_free(m);
        return SN_ENOMEM;
    }
    m->keep_all_links = 1;
    m->keep_phantoms = 1;
    r->m = m;
    snp_vec_init(&r->rows, sizeof(snp_relax_row));
    sn_status st = build(r, diag);
    if (st == SN_OK)
        st = snp_model_check(m, diag);
    if (st != SN_OK) {
        snp_relax_free(r);
        return st;
    }
    *out = r;
    return SN_OK;
}

void snp_relax_free(snp_relax *r)
{
    if (!r)
        return;
    sn_model_free(r->m);
    snp_vec_free(&r->rows);
    snp_free(r->index.keys);
    snp_free(r);
}

/* ---- the value of a certificate ------------------------------------------------------------ */

double snp_relax_margin(const snp_relax *r, const double *y, double *scale)
{
    const sn_model *m = r->m;
    int nc = (int)m->cols.len, nr = (int)m->rows.len;
    snp_ksum *c = snp_calloc((size_t)nc + 1, sizeof *c);
    if (!c) {
        *scale = NAN;
        return NAN;
    }
    snp_ksum lo = {0, 0}, hi = {0, 0}, sc = {0, 0};
    int unbounded = 0;
    for (int i = 0; i < nr; i++) {
        if (y[i] == 0)
            continue;
        const snp_row *row = snp_model_row(m, i);
        double b = y[i] > 0 ? row->lb : row->ub;
        if (!isfinite(b))
            unbounded = 1;
        else {
            snp_ksum_add(&lo, y[i] * b);
            snp_ksum_add(&sc, fabs(y[i] * b));
        }
        size_t end = snp_model_row_stop(m, i);
        for (size_t k = row->start; k < end; k++)
            snp_ksum_add(&c[SNP_VEC_AT(&m->idx, int, k)], y[i] * SNP_VEC_AT(&m->val, double, k));
    }
    for (int j = 0; j < nc; j++) {
        const snp_col *col = snp_model_col(m, j);
        double cj = snp_ksum_value(&c[j]);
        if (cj == 0)
            continue;
        double b = cj > 0 ? col->ub : col->lb;
        snp_ksum_add(&hi, cj * b);
        snp_ksum_add(&sc, fabs(cj * b));
    }
    snp_free(c);
    *scale = snp_ksum_value(&sc);
    return unbounded ? -INFINITY : snp_ksum_value(&lo) - snp_ksum_value(&hi);
}
