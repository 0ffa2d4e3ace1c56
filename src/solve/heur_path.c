/*
 * heur_path.c - the primal heuristic "path": a first network for pure network design, where
 * every source must ship and every sink must be served (docs/model.md 11.6). Stage: a plugin
 * of the search in glpk.c, run once before the root LP next to "first" (heur_first.c); the
 * cheaper of their networks is the first incumbent. No solver types here: the network is
 * priced through snp_fixed_lp_fn with heur_round.c's snp_round_price.
 *
 * Why: the greedy pass of heur_first.c opens links between two facilities only, so where every
 * route runs through junctions (a new heat network, a CO2 trunk) it finds nothing, and the
 * search waits for the root LP, which on such a model can take longer than the time limit
 * (FCNetLib berlin: no network in 60 s, bench/RESULTS.md).
 *
 * The procedure (successive shortest paths, the shortest-path heuristic of Takahashi and
 * Matsuyama for Steiner trees extended to amounts and unit costs), for each resource r with a
 * must node (a supply without disposal, a demand of r without price or substitutes):
 * 1. Residuals: every supply of r has its amount left to send, every demand of r its amount
 *    left to receive, every candidate link of r its bound M_l left to carry (links at hubs
 *    are not used: the path crosses junctions only).
 * 2. While a must-serve demand has something left: one Dijkstra from every facility with
 *    supply left, forward over the links of r with capacity left, leaving a facility only
 *    where a path starts and passing junctions; a link costs its annual fixed cost (with the
 *    cheapest size) when not yet opened, nothing fixed once opened, plus its cost per unit
 *    (and per trip over the truck's capacity) times q̄, the mean residual of the demands still
 *    waiting. The waiting demand nearest in that cost is connected: q = the least of its
 *    residual, what the path's source has left and what each link can still carry (losses
 *    taken into account), sent along the path, the path's links opened.
 * 3. Then, while a must-ship supply has something left, the same from that supply to the
 *    demands of r that can still take something (a priced demand as well).
 * 4. Exact pricing: the opened links (largest size; everything forced; corridors of open
 *    pipes) are fixed, the flows of the links without a binary that no path used are fixed at
 *    0, and snp_round_price solves the flows on the model itself (closing what the exact flows
 *    leave empty, trips rounded up), so every constraint holds. No feasible flow (a budget, a
 *    demand only a hub can serve, a route the paths could not find): no network.
 *
 * Complexity: one Dijkstra, O(L_r log L_r) over the L_r links of r, per path; a path ends when
 * a demand is served, a supply is exhausted or a link is full, so there are at most
 * (demands + supplies + links of r) paths, and in the uncapacitated case at most demands +
 * supplies. Then the LPs of snp_round_price. A region without a must node gets no plugin
 * (create returns NULL).
 */
#include "solve_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PATH_EPS 1e-9

typedef struct path_heur {
    const sn_model *m;
    snp_round *r;
    int nn;         /* nodes */
    int *out_start; /* [nn + 1]: CSR of links by tail */
    int *out_link;  /* link indices */
    double *dist;   /* [nn] */
    int *pred;      /* [nn] link that reached the node, -1 none */
    char *start;    /* [nn] 1: a path may start here (facility with supply left) */
    int *heap_node; /* binary heap of (dist, node), lazy deletion: up to links + nodes */
    double *heap_key;
    double *cap_left; /* [links] */
    double *flow;     /* [links] sent by the paths */
    char *used;       /* [links] opened by a path */
    int *sup_off;     /* [facilities + 1]: index of the facility's supplies in sup_left */
    int *dem_off;     /* same for demands */
    double *sup_left, *dem_left;
} path_heur;

void snp_heur_path_free(void *data)
{
    path_heur *h = data;
    if (!h)
        return;
    snp_round_free(h->r);
    snp_free(h->out_start);
    snp_free(h->out_link);
    snp_free(h->dist);
    snp_free(h->pred);
    snp_free(h->start);
    snp_free(h->heap_node);
    snp_free(h->heap_key);
    snp_free(h->cap_left);
    snp_free(h->flow);
    snp_free(h->used);
    snp_free(h->sup_off);
    snp_free(h->dem_off);
    snp_free(h->sup_left);
    snp_free(h->dem_left);
    snp_free(h);
}

static int must_demand(const snp_demand *d)
{
    return !d->has_price && d->n_subs == 0;
}

/* 1 when some facility must ship or must be served: the shape this heuristic is for. */
static int has_must_node(const sn_instance *in)
{
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++)
            if (!fa->supplies[s].has_disposal)
                return 1;
        for (int d = 0; d < fa->n_demands; d++)
            if (must_demand(&fa->demands[d]))
                return 1;
    }
    return 0;
}

void *snp_heur_path_create(const sn_model *m)
{
    const sn_instance *in = m->inst;
    if (!has_must_node(in) || m->links.len == 0)
        return NULL;
    path_heur *h = snp_calloc(1, sizeof *h);
    if (!h)
        return NULL;
    size_t nl = m->links.len, nf = (size_t)in->n_facilities;
    h->m = m;
    h->nn = snp_node_count(in);
    size_t nn = (size_t)h->nn;
    h->r = snp_round_create(m);
    h->out_start = snp_calloc(nn + 2, sizeof *h->out_start);
    h->out_link = snp_calloc(nl + 1, sizeof *h->out_link);
    h->dist = snp_calloc(nn + 1, sizeof *h->dist);
    h->pred = snp_calloc(nn + 1, sizeof *h->pred);
    h->start = snp_calloc(nn + 1, 1);
    h->heap_node = snp_calloc(nl + nn + 1, sizeof *h->heap_node);
    h->heap_key = snp_calloc(nl + nn + 1, sizeof *h->heap_key);
    h->cap_left = snp_calloc(nl + 1, sizeof *h->cap_left);
    h->flow = snp_calloc(nl + 1, sizeof *h->flow);
    h->used = snp_calloc(nl + 1, 1);
    h->sup_off = snp_calloc(nf + 2, sizeof *h->sup_off);
    h->dem_off = snp_calloc(nf + 2, sizeof *h->dem_off);
    if (!h->r || !h->out_start || !h->out_link || !h->dist || !h->pred || !h->start ||
        !h->heap_node || !h->heap_key || !h->cap_left || !h->flow || !h->used || !h->sup_off ||
        !h->dem_off) {
        snp_heur_path_free(h);
        return NULL;
    }
    for (size_t f = 0; f < nf; f++) {
        h->sup_off[f + 1] = h->sup_off[f] + in->facilities[f].n_supplies;
        h->dem_off[f + 1] = h->dem_off[f] + in->facilities[f].n_demands;
    }
    h->sup_left = snp_calloc((size_t)h->sup_off[nf] + 1, sizeof *h->sup_left);
    h->dem_left = snp_calloc((size_t)h->dem_off[nf] + 1, sizeof *h->dem_left);
    if (!h->sup_left || !h->dem_left) {
        snp_heur_path_free(h);
        return NULL;
    }
    /* links by tail (counting sort keeps the model's order within a tail) */
    for (size_t k = 0; k < nl; k++)
        h->out_start[snp_model_link(m, (int)k)->tail + 1]++;
    for (size_t v = 0; v < nn; v++)
        h->out_start[v + 1] += h->out_start[v];
    int *fill = snp_calloc(nn + 1, sizeof *fill);
    if (!fill) {
        snp_heur_path_free(h);
        return NULL;
    }
    memcpy(fill, h->out_start, nn * sizeof *fill);
    for (size_t k = 0; k < nl; k++)
        h->out_link[fill[snp_model_link(m, (int)k)->tail]++] = (int)k;
    snp_free(fill);
    return h;
}

/* ---- Dijkstra with a lazy binary heap -------------------------------------------------- */

static void heap_push(path_heur *h, int *n, int node, double key)
{
    int i = (*n)++;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (h->heap_key[p] <= key)
            break;
        h->heap_key[i] = h->heap_key[p];
        h->heap_node[i] = h->heap_node[p];
        i = p;
    }
    h->heap_key[i] = key;
    h->heap_node[i] = node;
}

static int heap_pop(path_heur *h, int *n, double *key)
{
    int top = h->heap_node[0];
    *key = h->heap_key[0];
    int last = --(*n);
    double k = h->heap_key[last];
    int v = h->heap_node[last], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && h->heap_key[c + 1] < h->heap_key[c])
            c++;
        if (h->heap_key[c] >= k)
            break;
        h->heap_key[i] = h->heap_key[c];
        h->heap_node[i] = h->heap_node[c];
        i = c;
    }
    h->heap_key[i] = k;
    h->heap_node[i] = v;
    return top;
}

/* The annual fixed cost of opening link l (its cheapest size with sizes). */
static double link_fixed(const snp_link *l)
{
    double f = l->fixed_annual;
    if (l->n_sizes > 0)
        f += l->crf * l->length_km * l->sizes[0].capital_per_km;
    return f;
}

/* Cost per unit sent on link l, trips spread over the truck's capacity. */
static double link_unit(const snp_link *l)
{
    double u = l->unit_annual;
    if (l->trip_capacity > 0)
        u += l->trip_cost / l->trip_capacity;
    return u > 0 ? u : 0;
}

/* Shortest distances over the links of resource res from every node marked in h->start, with
 * opened links free of their fixed cost and unit costs times qbar. */
static void dijkstra(path_heur *h, int res, double qbar)
{
    const sn_model *m = h->m;
    const sn_instance *in = m->inst;
    int n = 0;
    for (int v = 0; v < h->nn; v++) {
        h->dist[v] = INFINITY;
        h->pred[v] = -1;
        if (h->start[v]) {
            h->dist[v] = 0;
            heap_push(h, &n, v, 0);
        }
    }
    while (n > 0) {
        double d;
        int v = heap_pop(h, &n, &d);
        if (d > h->dist[v])
            continue;
        int idx;
        snp_node_kind kind = snp_node_kind_of(in, v, &idx);
        if (kind == SNP_NODE_HUB || (kind == SNP_NODE_FACILITY && !h->start[v]))
            continue; /* facilities end paths, hubs are not crossed */
        for (int e = h->out_start[v]; e < h->out_start[v + 1]; e++) {
            int k = h->out_link[e];
            const snp_link *l = snp_model_link(m, k);
            int hidx;
            if (l->resource != res || h->cap_left[k] <= PATH_EPS ||
                snp_node_kind_of(in, l->head, &hidx) == SNP_NODE_HUB)
                continue;
            double w = (h->used[k] ? 0 : link_fixed(l)) + link_unit(l) * qbar;
            if (d + w < h->dist[l->head]) {
                h->dist[l->head] = d + w;
                h->pred[l->head] = k;
                heap_push(h, &n, l->head, d + w);
            }
        }
    }
}

/* The supply of resource res at facility f (index into sup_left), -1 none. */
static int supply_at(const path_heur *h, int f, int res)
{
    const snp_facility *fa = &h->m->inst->facilities[f];
    for (int s = 0; s < fa->n_supplies; s++)
        if (fa->supplies[s].resource == res)
            return h->sup_off[f] + s;
    return -1;
}

/* Sends up to `want` (arriving) along the path into node t that dijkstra left in pred;
 * returns what arrives, 0 when nothing can (no path). Updates residuals and opens links. */
static double send_path(path_heur *h, int res, int t, double want)
{
    const sn_model *m = h->m;
    double q = want, g = 1; /* g: fraction of what a link sends that reaches t */
    int v = t, src = -1;
    while (h->pred[v] >= 0) {
        const snp_link *l = snp_model_link(m, h->pred[v]);
        g *= l->arrive;
        q = fmin(q, h->cap_left[h->pred[v]] * g);
        v = l->tail;
    }
    if (v == t || snp_node_kind_of(m->inst, v, &src) != SNP_NODE_FACILITY)
        return 0;
    int s = supply_at(h, src, res);
    if (s < 0)
        return 0;
    q = fmin(q, h->sup_left[s] * g);
    if (!(q > PATH_EPS))
        return 0;
    h->sup_left[s] -= q / g;
    if (h->sup_left[s] <= PATH_EPS)
        h->start[src] = 0;
    g = 1;
    v = t;
    while (h->pred[v] >= 0) {
        int k = h->pred[v];
        const snp_link *l = snp_model_link(m, k);
        g *= l->arrive;
        h->cap_left[k] -= q / g;
        h->flow[k] += q / g;
        h->used[k] = 1;
        v = l->tail;
    }
    return q;
}

/* Routes resource res: first every must-serve demand, then every must-ship supply. 0 when
 * every must node of res is settled, -1 when one cannot be reached. */
static int route_resource(path_heur *h, int res)
{
    const sn_model *m = h->m;
    const sn_instance *in = m->inst;
    int nf = in->n_facilities;
    long budget = 4 * ((long)m->links.len + nf) + 16; /* paths: see the complexity above */
    for (;;) {
        /* the waiting must-serve demands and their mean residual */
        double sum = 0;
        int waiting = 0;
        for (int f = 0; f < nf; f++) {
            const snp_facility *fa = &in->facilities[f];
            h->start[f] = 0;
            int s = supply_at(h, f, res);
            if (s >= 0 && h->sup_left[s] > PATH_EPS)
                h->start[f] = 1;
            for (int d = 0; d < fa->n_demands; d++)
                if (fa->demands[d].resource == res && must_demand(&fa->demands[d]) &&
                    h->dem_left[h->dem_off[f] + d] > PATH_EPS) {
                    sum += h->dem_left[h->dem_off[f] + d];
                    waiting++;
                }
        }
        if (!waiting)
            break;
        if (--budget < 0)
            return -1;
        dijkstra(h, res, sum / waiting);
        int best = -1, bestd = -1;
        for (int f = 0; f < nf; f++) {
            const snp_facility *fa = &in->facilities[f];
            for (int d = 0; d < fa->n_demands; d++)
                if (fa->demands[d].resource == res && must_demand(&fa->demands[d]) &&
                    h->dem_left[h->dem_off[f] + d] > PATH_EPS && h->pred[f] >= 0 &&
                    (best < 0 || h->dist[f] < h->dist[best])) {
                    best = f;
                    bestd = d;
                }
        }
        if (best < 0)
            return -1; /* a must-serve demand no path reaches */
        double q = send_path(h, res, best, h->dem_left[h->dem_off[best] + bestd]);
        if (!(q > PATH_EPS))
            return -1;
        h->dem_left[h->dem_off[best] + bestd] -= q;
    }
    /* must-ship supplies with something left: to any demand of res that can take it */
    for (int f = 0; f < nf; f++) {
        int s = supply_at(h, f, res);
        if (s < 0 || in->facilities[f].supplies[s - h->sup_off[f]].has_disposal)
            continue;
        while (h->sup_left[s] > PATH_EPS) {
            if (--budget < 0)
                return -1;
            memset(h->start, 0, (size_t)h->nn);
            h->start[f] = 1;
            dijkstra(h, res, h->sup_left[s]);
            int best = -1, bestd = -1;
            for (int t = 0; t < nf; t++) {
                const snp_facility *fa = &in->facilities[t];
                for (int d = 0; d < fa->n_demands; d++)
                    if (fa->demands[d].resource == res &&
                        h->dem_left[h->dem_off[t] + d] > PATH_EPS && h->pred[t] >= 0 &&
                        (best < 0 || h->dist[t] < h->dist[best])) {
                        best = t;
                        bestd = d;
                    }
            }
            if (best < 0)
                return -1;
            double q = send_path(h, res, best, h->dem_left[h->dem_off[best] + bestd]);
            if (!(q > PATH_EPS))
                return -1;
            h->dem_left[h->dem_off[best] + bestd] -= q;
        }
    }
    return 0;
}

int snp_heur_path_run(void *data, snp_plugin_env *env)
{
    path_heur *h = data;
    const sn_model *m = h->m;
    const sn_instance *in = m->inst;
    size_t nl = m->links.len, n = m->cols.len;
    for (size_t k = 0; k < nl; k++) {
        h->cap_left[k] = snp_model_link(m, (int)k)->bound;
        h->flow[k] = 0;
        h->used[k] = 0;
    }
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++)
            h->sup_left[h->sup_off[f] + s] = fa->supplies[s].amount;
        for (int d = 0; d < fa->n_demands; d++)
            h->dem_left[h->dem_off[f] + d] = fa->demands[d].amount;
    }
    /* every resource with a must node is routed */
    for (int res = 0; res < in->n_resources; res++) {
        int must = 0;
        for (int f = 0; f < in->n_facilities && !must; f++) {
            const snp_facility *fa = &in->facilities[f];
            for (int s = 0; s < fa->n_supplies; s++)
                must |= fa->supplies[s].resource == res && !fa->supplies[s].has_disposal;
            for (int d = 0; d < fa->n_demands; d++)
                must |= fa->demands[d].resource == res && must_demand(&fa->demands[d]);
        }
        if (must && route_resource(h, res) != 0)
            return 0;
    }
    /* the network: opened links at their largest size, forced binaries, corridors */
    snp_round *r = h->r;
    char *zero = snp_calloc(n + 1, 1);
    if (!zero)
        return -1;
    memset(r->val, 0, n * sizeof *r->val);
    for (size_t j = 0; j < n; j++) {
        const snp_col *c = snp_model_col(m, (int)j);
        if (c->kind == SNP_COL_BIN && c->lb > 0.5)
            r->val[j] = 1;
    }
    for (size_t k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->col_build < 0) {
            for (int q = 0; q < l->n_comm && !h->used[k]; q++)
                zero[l->first_flow + q] = 1;
            continue;
        }
        if (!h->used[k])
            continue;
        r->val[l->col_build + (l->n_sizes > 0 ? l->n_sizes - 1 : 0)] = 1;
        if (l->corridor >= 0 && m->corridor_col[l->corridor] >= 0)
            r->val[m->corridor_col[l->corridor]] = 1;
    }
    double z;
    int rc = 0;
    if (snp_round_price(r, env->fixed_lp, env->lp_ctx, zero, &z) == 0) {
        memcpy(env->net, r->x, n * sizeof *r->x);
        env->net_obj = z;
        rc = 1;
    }
    snp_free(zero);
    return rc;
}
