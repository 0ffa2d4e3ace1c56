/*
 * routes.c - routes of candidate links over the way graph (issue 18; docs/model.md 2.3).
 * Stage: sn_instance (in->trenches, built by src/instance/ways.c) -> [model] links.c.
 *
 * A pipe of resource r from u to v takes the least-capital path between their vertices, each
 * trench t weighing capital_t + length_t * c_r (c_r: r's pipe capital per km, its cheapest
 * size's with sizes): the route that pipe would take if it were built alone. Its trenches are
 * then shared with any other pipe whose route runs in them (model.md 8.4). A truck takes the
 * least-cost path over roads (streets, arterials, service connections) that enters no zone
 * banning trucks, each km weighing what a full truck of its resource pays per km (cost and
 * carbon of Q units, Q its truck_capacity, or of one unit without one) plus the zone's
 * surcharge per truck-km; none: no truck link.
 *
 * Dijkstra with a binary heap of (distance, vertex), lazy deletion: O((V + E) log V) per tree.
 * links.c asks for routes sender by sender, so the router keeps the last tree of each profile
 * (one per resource for pipes, one for trucks) and a region with S senders of a resource costs
 * S trees of that resource.
 */
#include "model_int.h"

#include <math.h>
#include <string.h>

typedef struct heap_item {
    double d;
    int v;
} heap_item;

struct snp_router {
    const sn_instance *in;
    int nv;
    int *off, *adj; /* vertex -> incident trenches (CSR) */
    /* one cached tree: profile (resource r: pipes r, trucks n_resources + r) and source */
    int tree_profile, tree_src;
    double *dist;
    int *pred; /* trench into each vertex on its best path, -1 at the source or unreached */
    heap_item *heap;
    size_t heap_n, heap_cap;
    int *scratch; /* a path, reversed */
};

snp_router *snp_router_new(const sn_instance *in)
{
    if (in->n_trenches == 0)
        return NULL;
    snp_router *rt = snp_calloc(1, sizeof *rt);
    if (!rt)
        return NULL;
    rt->in = in;
    rt->nv = in->n_vertices;
    size_t nv = (size_t)in->n_vertices, nt = (size_t)in->n_trenches;
    rt->off = snp_calloc(nv + 2, sizeof *rt->off);
    rt->adj = snp_calloc(2 * nt + 1, sizeof *rt->adj);
    rt->dist = snp_calloc(nv + 1, sizeof *rt->dist);
    rt->pred = snp_calloc(nv + 1, sizeof *rt->pred);
    rt->scratch = snp_calloc(nt + 1, sizeof *rt->scratch);
    rt->heap_cap = 2 * nt + nv + 1;
    rt->heap = snp_calloc(rt->heap_cap, sizeof *rt->heap);
    int *fill = snp_calloc(nv + 1, sizeof *fill);
    if (!rt->off || !rt->adj || !rt->dist || !rt->pred || !rt->scratch || !rt->heap || !fill) {
        snp_free(fill);
        snp_router_free(rt);
        return NULL;
    }
    for (int t = 0; t < in->n_trenches; t++) {
        rt->off[in->trenches[t].a + 1]++;
        rt->off[in->trenches[t].b + 1]++;
    }
    for (size_t v = 0; v < nv; v++)
        rt->off[v + 1] += rt->off[v];
    for (int t = 0; t < in->n_trenches; t++) {
        int a = in->trenches[t].a, b = in->trenches[t].b;
        rt->adj[rt->off[a] + fill[a]++] = t;
        rt->adj[rt->off[b] + fill[b]++] = t;
    }
    snp_free(fill);
    rt->tree_profile = -2;
    rt->tree_src = -1;
    return rt;
}

void snp_router_free(snp_router *rt)
{
    if (!rt)
        return;
    snp_free(rt->off);
    snp_free(rt->adj);
    snp_free(rt->dist);
    snp_free(rt->pred);
    snp_free(rt->heap);
    snp_free(rt->scratch);
    snp_free(rt);
}

static void heap_push(snp_router *rt, double d, int v)
{
    /* each vertex is pushed at most once per trench into it, so heap_cap never overflows */
    size_t i = rt->heap_n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (rt->heap[p].d <= d)
            break;
        rt->heap[i] = rt->heap[p];
        i = p;
    }
    rt->heap[i] = (heap_item){d, v};
}

static heap_item heap_pop(snp_router *rt)
{
    heap_item top = rt->heap[0], last = rt->heap[--rt->heap_n];
    size_t i = 0, n = rt->heap_n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && rt->heap[c + 1].d < rt->heap[c].d)
            c++;
        if (rt->heap[c].d >= last.d)
            break;
        rt->heap[i] = rt->heap[c];
        i = c;
    }
    if (n > 0)
        rt->heap[i] = last;
    return top;
}

/* The weight of trench t for a profile; INFINITY when it may not be used. */
static double weight(const snp_router *rt, int profile, int t)
{
    const sn_instance *in = rt->in;
    const snp_trench *tr = &in->trenches[t];
    if (profile >= in->n_resources) {
        const snp_truck_spec *k = &in->resources[profile - in->n_resources].truck;
        if (!tr->road || (tr->zone >= 0 && in->zones[tr->zone].truck_ban))
            return INFINITY;
        double q = k->truck_capacity > 0 ? k->truck_capacity : 1;
        double per_km = q * (k->cost_per_unit_km + in->carbon_price * k->co2_per_unit_km);
        if (tr->zone >= 0)
            per_km += in->zones[tr->zone].truck_km_surcharge;
        /* a tiny share of the length breaks ties (and prices free trucks) by distance */
        return tr->length_km * (per_km + 1e-9);
    }
    const snp_pipe_spec *p = &in->resources[profile].pipe;
    double per_km = p->capital_per_km;
    if (p->n_sizes > 0) {
        per_km = INFINITY;
        for (int s = 0; s < p->n_sizes; s++)
            per_km = fmin(per_km, p->sizes[s].capital_per_km);
    }
    return tr->capital + tr->length_km * (per_km + 1e-9); /* ties: the shorter */
}

static void tree(snp_router *rt, int profile, int src)
{
    if (rt->tree_profile == profile && rt->tree_src == src)
        return;
    rt->tree_profile = profile;
    rt->tree_src = src;
    for (int v = 0; v < rt->nv; v++) {
        rt->dist[v] = INFINITY;
        rt->pred[v] = -1;
    }
    rt->dist[src] = 0;
    rt->heap_n = 0;
    heap_push(rt, 0, src);
    while (rt->heap_n > 0) {
        heap_item h = heap_pop(rt);
        if (h.d > rt->dist[h.v])
            continue;
        for (int k = rt->off[h.v]; k < rt->off[h.v + 1]; k++) {
            int t = rt->adj[k];
            double w = weight(rt, profile, t);
            if (w == INFINITY)
                continue;
            const snp_trench *tr = &rt->in->trenches[t];
            int o = tr->a == h.v ? tr->b : tr->a;
            /* ties: the path found first, so routes do not depend on floating-point noise */
            if (h.d + w < rt->dist[o]) {
                rt->dist[o] = h.d + w;
                rt->pred[o] = t;
                heap_push(rt, rt->dist[o], o);
            }
        }
    }
}

int snp_router_route(snp_router *rt, snp_mode mode, int r, int u, int v, snp_arena *arena,
                     snp_route *out)
{
    const sn_instance *in = rt->in;
    memset(out, 0, sizeof *out);
    int su = in->node_vertex[u], sv = in->node_vertex[v];
    if (su < 0 || sv < 0)
        return 0;
    tree(rt, mode == SNP_MODE_PIPE ? r : in->n_resources + r, su);
    if (rt->dist[sv] == INFINITY)
        return 0;
    int n = 0;
    for (int x = sv; x != su;) {
        int t = rt->pred[x];
        const snp_trench *tr = &in->trenches[t];
        rt->scratch[n++] = t;
        out->length_km += tr->length_km;
        if (tr->zone >= 0)
            out->zone_charge += tr->length_km * in->zones[tr->zone].truck_km_surcharge;
        x = tr->a == x ? tr->b : tr->a;
    }
    out->n = n;
    if (arena) { /* one more: a route may be empty, and is still a route */
        int *ts = snp_arena_array(arena, (size_t)n + 1, sizeof *ts);
        if (!ts)
            return -1;
        for (int k = 0; k < n; k++)
            ts[k] = rt->scratch[n - 1 - k]; /* tail to head */
        out->trenches = ts;
    }
    return 1;
}
