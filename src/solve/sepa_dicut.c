/*
 * sepa_dicut.c - dicut inequalities for nodes that must ship or must be served (docs/model.md
 * 11.3). Stage: sn_model + an LP point -> cuts, called by glpk.c's GLP_ICUTGEN callback. No
 * GLPK types here: cuts go to a sink over model columns.
 *
 * The inequality. Take a resource r whose links all lose nothing (γ_l = 1). Every node v has a
 * net outflow of r (what leaves on links minus what arrives) that the model confines to an
 * interval [bmin_v, bmax_v]:
 *   - a facility: [must_ship - in_max, supply - must_in], where must_ship is the supply of r
 *     when it has no disposal option (else 0), in_max all it can take of r (model.md 2.1) and
 *     must_in the demand of r when it has no price and no substitute (else 0);
 *   - a junction: [0, 0];
 *   - a hub: [-its largest capacity, 0] when r is an input, and bmax = +inf when r is an output.
 * For a node set S, summing the balances (losses are zero) gives
 *   x(δ+(S)) - x(δ-(S)) = net outflow of S >= bmin(S) =: b,
 * so when b > 0 at least b leaves S, and for any subset C of the links leaving S
 *   Σ_{l ∉ C} c_l + Σ_{l ∈ C} Σ_k x_lk / b >= 1,
 * where c_l = Σ_s min(Q_s, M_l, b)/b · y_ls for a link with build binaries (one size:
 * min(M_l, b)/b · y_l), min(Q_l, b)/b · n_l for a link with truck trips, and the flow term for
 * a link with neither. Proof: if a link outside C is built with a capacity of at least b (or a
 * truck of at least b runs), its term alone is >= 1. Otherwise every term is at least that
 * link's flow / b (the link's capacity bounds its flow), and the flows sum to x(δ+(S))/b >= 1.
 * C is chosen at the LP point: a link goes into C when its flow term is the smaller. The same
 * holds with δ-(S) when bmax(S) < 0: at least -bmax(S) must enter S.
 * With S = {single must node} this is implied by the link rows (8.1); with S a set of sources
 * and junctions only it is implied by the origin labels (8.6), with sinks and junctions only
 * by the destination labels (8.7). The new strength is in sets that hold sources and sinks
 * together: a source of 100 next to a sink of 60 must still send 40 out of the pair.
 *
 * Separation, per resource and direction, from two kinds of candidate sets, each kept when its
 * inequality (at its own b) is violated by more than DICUT_MIN_VIOLATION:
 *   - minimum cuts: for β on a ladder from the smallest |weight| to their sum, the set that
 *     minimises y(δ+(S)) - b(S)/β, an s-t cut: a node with weight w_v > 0 hangs from the
 *     source with capacity w_v/β, one with w_v < 0 from the sink with |w_v|/β, and a link
 *     weighs its build (or trip) value, or its flow over β without either. Every coefficient
 *     of the inequality is at most 1, so a set of weight below 1 is violated whatever its b;
 *   - components: join the ends of the links in order of falling LP value (union-find) and
 *     try every component as it forms: links the LP builds in full group a source with the
 *     sinks it feeds, and what the group still owes must cross its boundary.
 */
#include "solve_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DICUT_MIN_VIOLATION 1e-3 /* keep a cut only when lhs < 1 - this */
#define DICUT_BIG 1e30           /* stands for an infinite capacity */
#define DICUT_COMPONENT_WORK 2e7 /* nodes x (links + nodes) above which components are skipped */

typedef struct darc {
    int tail, head; /* local node indices */
    int link;       /* model link */
} darc;

/* One resource: its nodes, links and balance intervals. */
typedef struct dres {
    int n_nodes;
    int *node; /* local -> instance node */
    double *bmin, *bmax;
    int n_arcs;
    darc *arcs;
} dres;

/* Maximum flow (Dinic) on a small graph with double capacities. */
typedef struct fedge {
    int to, next;
    double cap;
} fedge;

struct snp_sepa_dicut {
    const sn_model *m;
    int n_res;
    dres *res;
    /* scratch, sized for the largest resource */
    int max_nodes, max_edges;
    fedge *e;
    int *first, *level, *queue, *iter, *in_s;
    double *w;       /* node weights in the orientation being separated */
    int *uf;         /* union-find: parent, next member, last member (3 per node) */
    snp_rank *order; /* links by falling LP value (by_components) */
    int n_e;
    int *cut_col;
    double *cut_coef;
    int max_cut;
    uint64_t *seen;
    int n_seen, max_seen;
};

static void dres_free(dres *r)
{
    snp_free(r->node);
    snp_free(r->bmin);
    snp_free(r->bmax);
    snp_free(r->arcs);
}

void snp_sepa_dicut_free(snp_sepa_dicut *s)
{
    if (!s)
        return;
    for (int r = 0; r < s->n_res; r++)
        dres_free(&s->res[r]);
    snp_free(s->res);
    snp_free(s->e);
    snp_free(s->first);
    snp_free(s->level);
    snp_free(s->queue);
    snp_free(s->iter);
    snp_free(s->in_s);
    snp_free(s->w);
    snp_free(s->uf);
    snp_free(s->order);
    snp_free(s->cut_col);
    snp_free(s->cut_coef);
    snp_free(s->seen);
    snp_free(s);
}

/* Interval of node's net outflow of resource r (see the header). */
static void node_interval(const sn_instance *in, int node, int r, double *lo, double *hi)
{
    int i;
    *lo = *hi = 0;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY: {
        const snp_facility *f = &in->facilities[i];
        for (int k = 0; k < f->n_supplies; k++)
            if (f->supplies[k].resource == r) {
                *hi += f->supplies[k].amount;
                if (!f->supplies[k].has_disposal)
                    *lo += f->supplies[k].amount;
            }
        *lo -= snp_node_intake_max(in, node, r);
        for (int k = 0; k < f->n_demands; k++) {
            const snp_demand *d = &f->demands[k];
            if (d->resource == r && !d->has_price && d->n_subs == 0)
                *hi -= d->amount;
        }
        return;
    }
    case SNP_NODE_HUB: {
        const snp_hub *h = &in->hubs[i];
        *lo = -snp_node_intake_max(in, node, r);
        for (int k = 0; k < h->n_outputs; k++)
            if (h->outputs[k].resource == r)
                *hi = INFINITY;
        return;
    }
    case SNP_NODE_JUNCTION:
        return;
    }
}

/* Builds resource r's graph; 0 when it has a must node and no lossy link, 1 when it has
 * nothing to separate, -1 out of memory. */
static int dres_init(const sn_model *m, int r, int *local, dres *d)
{
    const sn_instance *in = m->inst;
    memset(d, 0, sizeof *d);
    size_t n_links = 0;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->resource != r)
            continue;
        if (l->arrive < 1)
            return 1;
        n_links++;
    }
    if (n_links == 0)
        return 1;
    int n = snp_node_count(in);
    for (int v = 0; v < n; v++)
        local[v] = -1;
    d->arcs = snp_calloc(n_links, sizeof *d->arcs);
    d->node = snp_calloc((size_t)n, sizeof *d->node);
    if (!d->arcs || !d->node)
        return -1;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->resource != r)
            continue;
        int ends[2] = {l->tail, l->head};
        for (int e = 0; e < 2; e++)
            if (local[ends[e]] < 0) {
                local[ends[e]] = d->n_nodes;
                d->node[d->n_nodes++] = ends[e];
            }
        d->arcs[d->n_arcs++] = (darc){local[l->tail], local[l->head], (int)k};
    }
    d->bmin = snp_calloc((size_t)d->n_nodes, sizeof *d->bmin);
    d->bmax = snp_calloc((size_t)d->n_nodes, sizeof *d->bmax);
    if (!d->bmin || !d->bmax)
        return -1;
    int must = 0;
    for (int v = 0; v < d->n_nodes; v++) {
        node_interval(in, d->node[v], r, &d->bmin[v], &d->bmax[v]);
        must |= d->bmin[v] > 0 || d->bmax[v] < 0;
    }
    return must ? 0 : 1;
}

snp_sepa_dicut *snp_sepa_dicut_create(const sn_model *m)
{
    const sn_instance *in = m->inst;
    snp_sepa_dicut *s = snp_calloc(1, sizeof *s);
    int *local = snp_calloc((size_t)snp_node_count(in) + 1, sizeof *local);
    if (!s || !local)
        goto fail;
    s->m = m;
    s->res = snp_calloc((size_t)in->n_resources + 1, sizeof *s->res);
    if (!s->res)
        goto fail;
    for (int r = 0; r < in->n_resources; r++) {
        dres *d = &s->res[s->n_res];
        int rc = dres_init(m, r, local, d);
        if (rc < 0) {
            dres_free(d);
            goto fail;
        }
        if (rc > 0) {
            dres_free(d);
            continue;
        }
        s->n_res++;
        if (d->n_nodes > s->max_nodes)
            s->max_nodes = d->n_nodes;
        if (d->n_arcs + d->n_nodes > s->max_edges)
            s->max_edges = d->n_arcs + d->n_nodes;
        if (d->n_arcs > s->max_cut)
            s->max_cut = d->n_arcs;
    }
    snp_free(local);
    local = NULL;
    if (s->n_res == 0)
        goto fail;
    /* the widest term is a link with sizes or commodities: room for every column of a link */
    int widest = 1;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        int w = l->n_sizes > l->n_comm ? l->n_sizes : l->n_comm;
        if (w > widest)
            widest = w;
    }
    int nv = s->max_nodes + 2;
    size_t ne = 2 * (size_t)s->max_edges;
    s->e = snp_calloc(ne, sizeof *s->e);
    s->first = snp_calloc((size_t)nv, sizeof *s->first);
    s->level = snp_calloc((size_t)nv, sizeof *s->level);
    s->queue = snp_calloc((size_t)nv, sizeof *s->queue);
    s->iter = snp_calloc((size_t)nv, sizeof *s->iter);
    s->in_s = snp_calloc((size_t)nv, sizeof *s->in_s);
    s->w = snp_calloc((size_t)nv, sizeof *s->w);
    s->uf = snp_calloc(3 * (size_t)nv, sizeof *s->uf);
    s->order = snp_calloc((size_t)s->max_cut + 1, sizeof *s->order);
    s->cut_col = snp_calloc((size_t)s->max_cut * (size_t)widest, sizeof *s->cut_col);
    s->cut_coef = snp_calloc((size_t)s->max_cut * (size_t)widest, sizeof *s->cut_coef);
    s->max_seen = 256;
    s->seen = snp_calloc((size_t)s->max_seen, sizeof *s->seen);
    if (!s->e || !s->first || !s->level || !s->queue || !s->iter || !s->in_s || !s->w || !s->uf ||
        !s->order || !s->cut_col || !s->cut_coef || !s->seen)
        goto fail;
    return s;
fail:
    snp_free(local);
    snp_sepa_dicut_free(s);
    return NULL;
}

/* ---- maximum flow ---------------------------------------------------------------------- */

static void flow_reset(snp_sepa_dicut *s, int nv)
{
    s->n_e = 0;
    for (int v = 0; v < nv; v++)
        s->first[v] = -1;
}

static void flow_edge(snp_sepa_dicut *s, int a, int b, double cap)
{
    s->e[s->n_e] = (fedge){b, s->first[a], cap};
    s->first[a] = s->n_e++;
    s->e[s->n_e] = (fedge){a, s->first[b], 0};
    s->first[b] = s->n_e++;
}

/* Levels by BFS over residual edges from src; returns whether snk is reached. */
static int flow_bfs(snp_sepa_dicut *s, int nv, int src, int snk)
{
    for (int v = 0; v < nv; v++)
        s->level[v] = -1;
    int head = 0, tail = 0;
    s->level[src] = 0;
    s->queue[tail++] = src;
    while (head < tail) {
        int v = s->queue[head++];
        for (int i = s->first[v]; i >= 0; i = s->e[i].next)
            if (s->e[i].cap > 1e-12 && s->level[s->e[i].to] < 0) {
                s->level[s->e[i].to] = s->level[v] + 1;
                s->queue[tail++] = s->e[i].to;
            }
    }
    return s->level[snk] >= 0;
}

static double flow_dfs(snp_sepa_dicut *s, int v, int snk, double f)
{
    if (v == snk)
        return f;
    for (; s->iter[v] >= 0; s->iter[v] = s->e[s->iter[v]].next) {
        fedge *e = &s->e[s->iter[v]];
        if (e->cap > 1e-12 && s->level[e->to] == s->level[v] + 1) {
            double g = flow_dfs(s, e->to, snk, f < e->cap ? f : e->cap);
            if (g > 0) {
                e->cap -= g;
                s->e[s->iter[v] ^ 1].cap += g;
                return g;
            }
        }
    }
    return 0;
}

/* Maximum flow from src to snk; afterwards level[v] >= 0 marks the source side of a minimum
 * cut. The recursion is at most as deep as the graph has nodes. */
static void flow_max(snp_sepa_dicut *s, int nv, int src, int snk)
{
    while (flow_bfs(s, nv, src, snk)) {
        for (int v = 0; v < nv; v++)
            s->iter[v] = s->first[v];
        while (flow_dfs(s, src, snk, DICUT_BIG) > 0) {
        }
    }
}

/* ---- the cut --------------------------------------------------------------------------- */

/* Value at x of link l's flow over b, Σ_k x_lk / b; with cols/coefs, also writes its columns
 * and coefficients there and adds their count to *len. */
static double flow_term(const snp_link *l, double b, const double *x, int *cols, double *coefs,
                        int *len)
{
    double v = 0;
    for (int q = 0; q < l->n_comm; q++) {
        v += x[l->first_flow + q] / b;
        if (cols) {
            cols[*len] = l->first_flow + q;
            coefs[(*len)++] = 1 / b;
        }
    }
    return v;
}

/* Value at x of link l's term at threshold b; with cols/coefs, also writes the term's columns
 * and coefficients there and adds their count to *len. */
static double link_term(const snp_link *l, double b, const double *x, int *cols, double *coefs,
                        int *len)
{
    double v = 0;
    if (l->col_build >= 0) {
        int n = l->n_sizes > 0 ? l->n_sizes : 1;
        for (int q = 0; q < n; q++) {
            double cap = l->n_sizes > 0 ? fmin(l->sizes[q].capacity, l->bound) : l->bound;
            double c = fmin(cap, b) / b;
            v += c * x[l->col_build + q];
            if (cols) {
                cols[*len] = l->col_build + q;
                coefs[(*len)++] = c;
            }
        }
    } else if (l->col_trips >= 0) {
        double c = fmin(l->trip_capacity, b) / b;
        v = c * x[l->col_trips];
        if (cols) {
            cols[*len] = l->col_trips;
            coefs[(*len)++] = c;
        }
    } else {
        v = flow_term(l, b, x, cols, coefs, len);
    }
    return v;
}

/* Whether arc a leaves S in direction dir (0: out of S, 1: into S). */
static int crosses(const darc *a, const int *in_s, int dir)
{
    return dir == 0 ? in_s[a->tail] && !in_s[a->head] : in_s[a->head] && !in_s[a->tail];
}

static uint64_t set_hash(const int *in_s, int n, int dir)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)dir;
    for (int v = 0; v < n; v++)
        h = (h ^ (uint64_t)(in_s[v] ? 1 : 0)) * 1099511628211u;
    return h;
}

/* Checks S = {v: in_s[v]} of resource d in direction dir and emits its cut when violated.
 * Returns 1 emitted, 0 not, -1 when the sink failed. */
static int try_set(snp_sepa_dicut *s, const dres *d, const double *w, int dir, const double *x,
                   snp_cut_sink sink, void *ctx)
{
    double b = 0;
    int any = 0;
    for (int v = 0; v < d->n_nodes; v++)
        if (s->in_s[v]) {
            if (!isfinite(w[v]))
                return 0;
            b += w[v];
            any = 1;
        }
    if (!any || b <= 1e-9)
        return 0;
    /* each crossing link takes the smaller of its build term and its flow term (11.3) */
    double lhs = 0;
    for (int a = 0; a < d->n_arcs; a++)
        if (crosses(&d->arcs[a], s->in_s, dir)) {
            const snp_link *l = snp_model_link(s->m, d->arcs[a].link);
            lhs += fmin(link_term(l, b, x, NULL, NULL, NULL), flow_term(l, b, x, NULL, NULL, NULL));
            if (lhs >= 1 - DICUT_MIN_VIOLATION)
                return 0;
        }
    uint64_t h = set_hash(s->in_s, d->n_nodes, dir);
    for (int i = 0; i < s->n_seen; i++)
        if (s->seen[i] == h)
            return 0;
    if (s->n_seen < s->max_seen)
        s->seen[s->n_seen++] = h;
    int len = 0;
    for (int a = 0; a < d->n_arcs; a++)
        if (crosses(&d->arcs[a], s->in_s, dir)) {
            const snp_link *l = snp_model_link(s->m, d->arcs[a].link);
            if (link_term(l, b, x, NULL, NULL, NULL) <= flow_term(l, b, x, NULL, NULL, NULL))
                link_term(l, b, x, s->cut_col, s->cut_coef, &len);
            else
                flow_term(l, b, x, s->cut_col, s->cut_coef, &len);
        }
    return sink(ctx, len, s->cut_col, s->cut_coef, 1.0) == 0 ? 1 : -1;
}

/* Weight of link l in the search for violated sets: its term with every coefficient taken at
 * its largest, min(Q, b)/b <= 1, so that a set whose weights sum below 1 is violated whatever
 * its b. A link without build or trip column has no such bound: its flow over bs. */
static double arc_weight(const snp_link *l, const double *x, double bs)
{
    double v = 0;
    if (l->col_build >= 0) {
        for (int q = 0; q < (l->n_sizes > 0 ? l->n_sizes : 1); q++)
            v += x[l->col_build + q];
    } else if (l->col_trips >= 0) {
        v = x[l->col_trips];
    } else {
        for (int q = 0; q < l->n_comm; q++)
            v += x[l->first_flow + q];
        v /= bs;
    }
    return v > 0 ? v : 0;
}

/* Candidates from minimum cuts: for a trade-off λ = 1/bs, the set minimising
 * weight(δ(S)) - b(S)/bs, over a ladder of bs from the smallest weight to their sum. */
static int by_min_cut(snp_sepa_dicut *s, const dres *d, int dir, const double *x, double wmin,
                      double wsum, snp_cut_sink sink, void *ctx)
{
    const double *ww = s->w;
    int found = 0;
    int nv = d->n_nodes + 2, src = d->n_nodes, snk = d->n_nodes + 1;
    for (double bs = wmin;; bs = fmin(1.25 * bs, wsum)) {
        flow_reset(s, nv);
        for (int v = 0; v < d->n_nodes; v++) {
            if (ww[v] > 0)
                flow_edge(s, src, v, ww[v] / bs);
            else if (ww[v] < 0)
                flow_edge(s, v, snk, isfinite(ww[v]) ? -ww[v] / bs : DICUT_BIG);
        }
        for (int a = 0; a < d->n_arcs; a++) {
            double c = arc_weight(snp_model_link(s->m, d->arcs[a].link), x, bs);
            if (c <= 1e-12)
                continue;
            if (dir == 0)
                flow_edge(s, d->arcs[a].tail, d->arcs[a].head, c);
            else
                flow_edge(s, d->arcs[a].head, d->arcs[a].tail, c);
        }
        flow_max(s, nv, src, snk);
        for (int v = 0; v < d->n_nodes; v++)
            s->in_s[v] = s->level[v] >= 0;
        int rc = try_set(s, d, ww, dir, x, sink, ctx);
        if (rc < 0)
            return -1;
        found += rc;
        if (bs >= wsum)
            break;
    }
    return found;
}

static int uf_find(int *parent, int v)
{
    while (parent[v] != v) {
        parent[v] = parent[parent[v]];
        v = parent[v];
    }
    return v;
}

/* Candidates from the LP's strongest links: join the ends of the links in order of falling
 * weight (ignoring direction) and try every component as it forms. Links the LP builds in full
 * group a source with the sinks it feeds; what such a group still has to send or take must
 * cross its boundary. */
static int by_components(snp_sepa_dicut *s, const dres *d, int dir, const double *x, double wsum,
                         snp_cut_sink sink, void *ctx)
{
    int n = d->n_nodes;
    int *parent = s->uf, *next = s->uf + n, *last = s->uf + 2 * n;
    snp_rank *order = s->order;
    for (int v = 0; v < n; v++)
        parent[v] = last[v] = v, next[v] = -1;
    int m = 0;
    for (int a = 0; a < d->n_arcs; a++) {
        double c = arc_weight(snp_model_link(s->m, d->arcs[a].link), x, wsum);
        if (c > 1e-6)
            order[m++] = (snp_rank){a, c, 0};
    }
    qsort(order, (size_t)m, sizeof *order, snp_rank_cmp);
    int found = 0;
    for (int i = 0; i < m; i++) {
        const darc *a = &d->arcs[order[i].item];
        int ra = uf_find(parent, a->tail), rb = uf_find(parent, a->head);
        if (ra == rb)
            continue;
        parent[rb] = ra;
        next[last[ra]] = rb;
        last[ra] = last[rb];
        for (int v = ra; v >= 0; v = next[v])
            s->in_s[v] = 1;
        int rc = try_set(s, d, s->w, dir, x, sink, ctx);
        for (int v = ra; v >= 0; v = next[v])
            s->in_s[v] = 0;
        if (rc < 0)
            return -1;
        found += rc;
    }
    return found;
}

/* One direction of one resource. */
static int separate(snp_sepa_dicut *s, const dres *d, int dir, const double *x, snp_cut_sink sink,
                    void *ctx)
{
    /* weights: bmin (out of S) or -bmax (into S) */
    double *ww = s->w, wmin = INFINITY, wsum = 0;
    for (int v = 0; v < d->n_nodes; v++) {
        ww[v] = dir == 0 ? d->bmin[v] : -d->bmax[v];
        if (ww[v] > 1e-9) {
            wsum += ww[v];
            if (ww[v] < wmin)
                wmin = ww[v];
        }
    }
    if (wsum <= 0)
        return 0;
    int a = by_min_cut(s, d, dir, x, wmin, wsum, sink, ctx);
    if (a < 0)
        return -1;
    for (int v = 0; v < d->n_nodes; v++)
        s->in_s[v] = 0;
    /* every component costs a pass over the links: on a large resource only the cuts */
    int b = (double)d->n_nodes * (d->n_arcs + d->n_nodes) > DICUT_COMPONENT_WORK
                ? 0
                : by_components(s, d, dir, x, wsum, sink, ctx);
    return b < 0 ? -1 : a + b;
}

int snp_sepa_dicut_run(snp_sepa_dicut *s, const double *x, snp_cut_sink sink, void *ctx)
{
    int found = 0;
    s->n_seen = 0;
    for (int r = 0; r < s->n_res; r++)
        for (int dir = 0; dir < 2; dir++) {
            int rc = separate(s, &s->res[r], dir, x, sink, ctx);
            if (rc < 0)
                return -1;
            found += rc;
        }
    return found;
}
