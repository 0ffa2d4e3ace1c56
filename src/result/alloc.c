/*
 * alloc.c - who gains what (docs/model.md section 13): the allocation a result reports (the
 * use rule of partners.c, or the Shapley values of the coalition game of game.c), the core
 * check of that allocation, the leximin core allocation (game.c: the smallest gain first), and the
 * transfer prices that carry the allocation on the network's exchanges.
 *
 * Transfer prices (13.4): every exchange e (a built link with flow, between two facilities, or
 * between a facility and a group of hubs and junctions joined by built links, which keeps none
 * of the money: one node if it holds a hub, else one node per resource) carries q_e units delivered
 * a year at a price p_e per unit, paid by its head to its tail. Partner i's gain is its use-rule
 * gain plus what it receives, so the prices must satisfy, at every node v, sum_{e sold by v} q_e
 * p_e - sum_{e bought by v} q_e p_e = d_v (d_v: the allocated gain less the use-rule gain; 0 at
 * hubs). Of all such prices the ones closest to the midpoints m_e (least squares) are taken: p = m
 * + Q B^T lambda with (B Q^2 B^T) lambda = d - B Q m, a weighted graph Laplacian solved per
 * connected part (one node grounded) by Gaussian elimination, O(n^3) in the part's nodes. A part
 * whose d does not sum to 0 (a partner that gains in the game but exchanges nothing with the
 * others) cannot be paid through prices: the remainder is a side payment, split equally among its
 * facilities and reported. The prices are checked: each partner's gain through them is recomputed.
 * Under the use rule no price changes hands (that is the rule): every exchange's price is 0.
 *
 * Stage: sn_solution -> [result]; reports read r->split only.
 */
#include "result_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- transfer prices ------------------------------------------------------------------- */

/* What facility f would pay per unit of r delivered if it had to buy it (its price for the
 * demand r meets, times a substitute's ratio, carbon included); 0 when it has no price. */
static int buyer_reservation(const sn_instance *in, int f, int r, double *out)
{
    const snp_facility *fa = &in->facilities[f];
    int found = 0;
    for (int d = 0; d < fa->n_demands; d++) {
        const snp_demand *dm = &fa->demands[d];
        if (!dm->has_price)
            continue;
        double unit = dm->price + in->carbon_price * dm->co2, value = NAN;
        if (dm->resource == r)
            value = unit;
        for (int k = 0; k < dm->n_subs; k++)
            if (dm->subs[k].resource == r)
                value = dm->subs[k].ratio * unit;
        if (isfinite(value) && (!found || value > *out)) {
            *out = value;
            found = 1;
        }
    }
    return found;
}

/* The price per unit delivered at which the seller f is as well off as disposing of r: minus
 * its disposal cost per unit sent (carbon included), over the fraction that arrives. */
static int seller_reservation(const sn_instance *in, int f, int r, double arrive, double *out)
{
    const snp_facility *fa = &in->facilities[f];
    for (int k = 0; k < fa->n_supplies; k++) {
        const snp_supply *su = &fa->supplies[k];
        if (su->resource == r && su->has_disposal) {
            *out = -(su->disposal_cost + in->carbon_price * su->disposal_co2) / arrive;
            return 1;
        }
    }
    return 0;
}

static int uf_find(int *parent, int x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* Solves A x = b (n x n, row-major, overwritten) by Gaussian elimination with partial
 * pivoting; 0, or -1 when singular. */
static int gauss(int n, double *A, double *b, double *x)
{
    for (int c = 0; c < n; c++) {
        int piv = c;
        for (int i = c + 1; i < n; i++)
            if (fabs(A[(size_t)i * (size_t)n + (size_t)c]) >
                fabs(A[(size_t)piv * (size_t)n + (size_t)c]))
                piv = i;
        double pv = A[(size_t)piv * (size_t)n + (size_t)c];
        if (!(fabs(pv) > 0))
            return -1;
        if (piv != c) {
            for (int j = 0; j < n; j++) {
                double t = A[(size_t)c * (size_t)n + (size_t)j];
                A[(size_t)c * (size_t)n + (size_t)j] = A[(size_t)piv * (size_t)n + (size_t)j];
                A[(size_t)piv * (size_t)n + (size_t)j] = t;
            }
            double t = b[c];
            b[c] = b[piv];
            b[piv] = t;
        }
        for (int i = c + 1; i < n; i++) {
            double f = A[(size_t)i * (size_t)n + (size_t)c] / pv;
            if (f == 0)
                continue;
            for (int j = c; j < n; j++)
                A[(size_t)i * (size_t)n + (size_t)j] -= f * A[(size_t)c * (size_t)n + (size_t)j];
            b[i] -= f * b[c];
        }
    }
    for (int i = n - 1; i >= 0; i--) {
        double s = b[i];
        for (int j = i + 1; j < n; j++)
            s -= A[(size_t)i * (size_t)n + (size_t)j] * x[j];
        x[i] = s / A[(size_t)i * (size_t)n + (size_t)i];
    }
    return 0;
}

/* Work space of the prices. */
typedef struct pricing {
    int nf, nn, nv; /* facilities, nodes, payment nodes */
    int *parent;    /* [node]: non-facility nodes joined by built links */
    int *pay;       /* [payment slot]: payment node (transfer_prices) */
    int *vpart;     /* [payment node]: union-find over exchanges */
    int *seller, *buyer;
    double *q, *mid; /* [built link] */
    double *d, *lambda;
    char *fixed; /* [built link]: a bridge, priced by peeling */
    double *price;
} pricing;

static void pricing_free(pricing *w)
{
    snp_free(w->parent);
    snp_free(w->pay);
    snp_free(w->vpart);
    snp_free(w->seller);
    snp_free(w->buyer);
    snp_free(w->q);
    snp_free(w->mid);
    snp_free(w->d);
    snp_free(w->lambda);
    snp_free(w->fixed);
    snp_free(w->price);
}

/* Solves the Laplacian system of the payment nodes of one part (nodes listed in `nodes`, the
 * first grounded) into w->lambda. */
static sn_status solve_part(const sn_result *r, pricing *w, const int *nodes, int k)
{
    if (k <= 1)
        return SN_OK;
    int n = k - 1; /* nodes[0] grounded: lambda = 0 */
    double *A = snp_calloc((size_t)n * (size_t)n, sizeof *A);
    double *b = snp_calloc((size_t)n, sizeof *b);
    double *x = snp_calloc((size_t)n, sizeof *x);
    int *local = snp_calloc((size_t)w->nv, sizeof *local);
    if (!A || !b || !x || !local) {
        snp_free(A);
        snp_free(b);
        snp_free(x);
        snp_free(local);
        return SN_ENOMEM;
    }
    for (int v = 0; v < w->nv; v++)
        local[v] = -2;
    local[nodes[0]] = -1;
    for (int i = 1; i < k; i++) {
        local[nodes[i]] = i - 1;
        b[i - 1] = w->d[nodes[i]];
    }
    for (int e = 0; e < r->g.n_links; e++) {
        if (w->seller[e] < 0 || w->fixed[e] || local[w->seller[e]] == -2)
            continue;
        int s = local[w->seller[e]], t = local[w->buyer[e]];
        double q2 = w->q[e] * w->q[e];
        if (s >= 0)
            A[(size_t)s * (size_t)n + (size_t)s] += q2;
        if (t >= 0)
            A[(size_t)t * (size_t)n + (size_t)t] += q2;
        if (s >= 0 && t >= 0) {
            A[(size_t)s * (size_t)n + (size_t)t] -= q2;
            A[(size_t)t * (size_t)n + (size_t)s] -= q2;
        }
    }
    int rc = gauss(n, A, b, x);
    for (int i = 1; rc == 0 && i < k; i++)
        w->lambda[nodes[i]] = x[i - 1];
    snp_free(A);
    snp_free(b);
    snp_free(x);
    snp_free(local);
    return rc == 0 ? SN_OK : SN_EINTERNAL;
}

/* Bridges first: an exchange at a node with no other exchange is the only way that node's d
 * can be paid, so its price is fixed (whatever the midpoints); removing it leaves the rest to
 * balance d less what it carried. Repeated until every node keeps two or more exchanges (the
 * 2-core, where the least-squares solve has work to do), in O(exchanges). */
static sn_status peel(pricing *w, int nl)
{
    int *deg = snp_calloc((size_t)w->nv + 1, sizeof(int));
    int *start = snp_calloc((size_t)w->nv + 2, sizeof(int));
    int *adj = snp_calloc(2 * (size_t)nl + 1, sizeof(int));
    int *stack = snp_calloc((size_t)w->nv + 1, sizeof(int));
    if (!deg || !start || !adj || !stack) {
        snp_free(deg);
        snp_free(start);
        snp_free(adj);
        snp_free(stack);
        return SN_ENOMEM;
    }
    for (int e = 0; e < nl; e++)
        if (w->seller[e] >= 0) {
            deg[w->seller[e]]++;
            deg[w->buyer[e]]++;
        }
    for (int v = 0; v < w->nv; v++)
        start[v + 1] = start[v] + deg[v];
    for (int v = 0; v < w->nv; v++)
        stack[v] = start[v]; /* fill positions */
    for (int e = 0; e < nl; e++)
        if (w->seller[e] >= 0) {
            adj[stack[w->seller[e]]++] = e;
            adj[stack[w->buyer[e]]++] = e;
        }
    int top = 0;
    for (int v = 0; v < w->nv; v++)
        if (deg[v] == 1)
            stack[top++] = v;
    while (top > 0) {
        int v = stack[--top];
        if (deg[v] != 1)
            continue;
        int e = -1;
        for (int k = start[v]; k < start[v + 1] && e < 0; k++)
            if (!w->fixed[adj[k]])
                e = adj[k];
        if (e < 0)
            continue;
        int sells = w->seller[e] == v;
        int u = sells ? w->buyer[e] : w->seller[e];
        double money = sells ? w->d[v] : -w->d[v]; /* paid by the buyer to the seller */
        w->price[e] = money / w->q[e];
        w->fixed[e] = 1;
        w->d[v] = 0;
        w->d[u] += sells ? money : -money;
        deg[v]--;
        if (--deg[u] == 1)
            stack[top++] = u;
    }
    snp_free(deg);
    snp_free(start);
    snp_free(adj);
    snp_free(stack);
    return SN_OK;
}

/* Prices that carry gain[] (per facility) on r's exchanges, into r->split. */
static sn_status transfer_prices(sn_result *r, const double *gain, int none, sn_diag *diag)
{
    const sn_instance *in = r->in;
    const sn_model *m = r->m;
    snp_split *sp = &r->split;
    int nl = r->g.n_links;
    pricing w;
    memset(&w, 0, sizeof w);
    w.nf = in->n_facilities;
    w.nn = snp_node_count(in);
    int nres = in->n_resources > 0 ? in->n_resources : 1;
    /* payment slots: each facility; a group of hubs and junctions joined by built links that
     * holds a hub, once (its hubs turn one resource into others: one purse); a group of
     * junctions alone, once per resource it carries (its pipes pass each resource's money on,
     * so what steam's buyers pay reaches steam's sellers, not the sellers of water in the same
     * trench) */
    size_t nslots = (size_t)w.nf + (size_t)(w.nn - w.nf) * (size_t)nres;
    w.parent = snp_calloc((size_t)w.nn + 1, sizeof(int));
    w.pay = snp_calloc(nslots + 1, sizeof(int));
    char *hubbed = snp_calloc((size_t)w.nn + 1, 1);
    w.seller = snp_calloc((size_t)nl + 1, sizeof(int));
    w.buyer = snp_calloc((size_t)nl + 1, sizeof(int));
    w.q = snp_calloc((size_t)nl + 1, sizeof(double));
    w.mid = snp_calloc((size_t)nl + 1, sizeof(double));
    w.fixed = snp_calloc((size_t)nl + 1, 1);
    w.price = snp_calloc((size_t)nl + 1, sizeof(double));
    if (!w.parent || !w.pay || !hubbed || !w.seller || !w.buyer || !w.q || !w.mid || !w.fixed ||
        !w.price) {
        snp_free(hubbed);
        pricing_free(&w);
        return SN_ENOMEM;
    }
    for (int n = 0; n < w.nn; n++)
        w.parent[n] = n;
    for (int e = 0; e < nl; e++) {
        const snp_link *l = snp_model_link(m, r->g.links[e].link);
        if (l->tail >= w.nf && l->head >= w.nf) {
            int a = uf_find(w.parent, l->tail), b = uf_find(w.parent, l->head);
            if (a != b)
                w.parent[a] = b;
        }
    }
    for (int n = w.nf; n < w.nn; n++) {
        int i;
        if (snp_node_kind_of(in, n, &i) == SNP_NODE_HUB)
            hubbed[uf_find(w.parent, n)] = 1;
    }
    w.nv = w.nf;
    for (size_t k = 0; k < nslots; k++)
        w.pay[k] = k < (size_t)w.nf ? (int)k : -1;
    for (int e = 0; e < nl; e++) {
        const snp_built_link *bl = &r->g.links[e];
        const snp_link *l = snp_model_link(m, bl->link);
        w.seller[e] = w.buyer[e] = -1;
        sp->price[e] = sp->mid[e] = NAN;
        double q = bl->flow * l->arrive;
        if (!(q > 0) || (l->tail >= w.nf && l->head >= w.nf))
            continue;
        int ends[2] = {l->tail, l->head}, v[2];
        for (int k = 0; k < 2; k++) {
            int n = ends[k];
            if (n < w.nf) {
                v[k] = n;
                continue;
            }
            int root = uf_find(w.parent, n);
            size_t slot = (size_t)w.nf + (size_t)(root - w.nf) * (size_t)nres +
                          (size_t)(hubbed[root] ? 0 : l->resource);
            if (w.pay[slot] < 0)
                w.pay[slot] = w.nv++;
            v[k] = w.pay[slot];
        }
        double s = 0, b = 0;
        int has_s = l->tail < w.nf && seller_reservation(in, l->tail, l->resource, l->arrive, &s);
        int has_b = l->head < w.nf && buyer_reservation(in, l->head, l->resource, &b);
        w.mid[e] = has_s && has_b ? (s + b) / 2 : has_s ? s : has_b ? b : 0;
        w.q[e] = q;
        w.seller[e] = v[0];
        w.buyer[e] = v[1];
    }
    snp_free(hubbed);
    w.vpart = snp_calloc((size_t)w.nv + 1, sizeof(int));
    w.d = snp_calloc((size_t)w.nv + 1, sizeof(double));
    w.lambda = snp_calloc((size_t)w.nv + 1, sizeof(double));
    if (!w.vpart || !w.d || !w.lambda) {
        pricing_free(&w);
        return SN_ENOMEM;
    }
    for (int v = 0; v < w.nv; v++)
        w.vpart[v] = v;
    for (int e = 0; e < nl; e++)
        if (w.seller[e] >= 0) {
            int a = uf_find(w.vpart, w.seller[e]), c = uf_find(w.vpart, w.buyer[e]);
            if (a != c)
                w.vpart[a] = c;
        }
    /* d = target - use-rule gain; the right-hand side subtracts B Q m */
    for (int f = 0; f < w.nf; f++)
        w.d[f] = gain[f] - (r->p[f].bau - r->p[f].total);
    double *excess = snp_calloc((size_t)w.nv + 1, sizeof(double));
    int *nfac = snp_calloc((size_t)w.nv + 1, sizeof(int));
    if (!excess || !nfac) {
        snp_free(excess);
        snp_free(nfac);
        pricing_free(&w);
        return SN_ENOMEM;
    }
    for (int f = 0; f < w.nf; f++) {
        excess[uf_find(w.vpart, f)] += w.d[f];
        nfac[uf_find(w.vpart, f)]++;
    }
    for (int f = 0; f < w.nf; f++) {
        int root = uf_find(w.vpart, f);
        sp->side[f] = excess[root] / nfac[root];
        w.d[f] -= sp->side[f];
    }
    sn_status st = none ? SN_OK : peel(&w, nl);
    for (int e = 0; e < nl; e++)
        if (w.seller[e] >= 0 && !w.fixed[e]) {
            w.d[w.seller[e]] -= w.q[e] * w.mid[e];
            w.d[w.buyer[e]] += w.q[e] * w.mid[e];
        }
    /* each part's nodes that keep an exchange (its 2-core), the first grounded */
    int *deg = snp_calloc((size_t)w.nv + 1, sizeof(int));
    int *head = snp_calloc((size_t)w.nv + 1, sizeof(int));
    int *next = snp_calloc((size_t)w.nv + 1, sizeof(int));
    int *nodes = snp_calloc((size_t)w.nv + 1, sizeof(int));
    if (st == SN_OK && (!deg || !head || !next || !nodes))
        st = SN_ENOMEM;
    for (int e = 0; e < nl && st == SN_OK; e++)
        if (w.seller[e] >= 0 && !w.fixed[e]) {
            deg[w.seller[e]]++;
            deg[w.buyer[e]]++;
        }
    for (int v = 0; v < w.nv && st == SN_OK; v++)
        head[v] = -1;
    for (int v = w.nv - 1; v >= 0 && st == SN_OK; v--)
        if (deg[v] > 0) {
            int root = uf_find(w.vpart, v);
            next[v] = head[root];
            head[root] = v;
        }
    for (int root = 0; !none && root < w.nv && st == SN_OK; root++) {
        int k = 0;
        for (int v = head[root]; v >= 0; v = next[v])
            nodes[k++] = v;
        st = solve_part(r, &w, nodes, k);
    }
    snp_free(deg);
    snp_free(head);
    snp_free(next);
    snp_free(nodes);
    for (int e = 0; e < nl && st == SN_OK; e++)
        if (w.seller[e] >= 0) {
            double p = none ? 0
                       : w.fixed[e]
                           ? w.price[e]
                           : w.mid[e] + w.q[e] * (w.lambda[w.seller[e]] - w.lambda[w.buyer[e]]);
            sp->mid[e] = w.mid[e];
            /* rounding noise of a price that is zero (a tree under the use rule) */
            sp->price[e] = fabs(p) < 1e-9 ? 0 : p;
        }
    /* check: each facility's gain through the prices is the allocated one */
    for (int f = 0; f < w.nf; f++)
        sp->paid[f] = 0;
    for (int e = 0; e < nl && st == SN_OK; e++) {
        if (w.seller[e] < 0)
            continue;
        double money = w.q[e] * sp->price[e];
        if (w.seller[e] < w.nf)
            sp->paid[w.seller[e]] += money;
        if (w.buyer[e] < w.nf)
            sp->paid[w.buyer[e]] -= money;
    }
    for (int f = 0; f < w.nf && st == SN_OK; f++) {
        double got = r->p[f].bau - r->p[f].total + sp->paid[f] + sp->side[f];
        double scale = fabs(gain[f]) + fabs(sp->paid[f]) + fabs(r->p[f].bau) + 1;
        if (!(fabs(got - gain[f]) <= 1e-7 * scale)) {
            snp_diag_add(diag, SN_EINTERNAL, NULL, NULL,
                         "transfer prices give %s a gain of %.17g, expected %.17g",
                         in->facilities[f].id, got, gain[f]);
            st = SN_EINTERNAL;
        }
    }
    snp_free(excess);
    snp_free(nfac);
    pricing_free(&w);
    return st;
}

/* ---- the allocation ------------------------------------------------------------------- */

void snp_split_free(snp_split *sp)
{
    snp_free(sp->gain);
    snp_free(sp->ci);
    snp_free(sp->core_gain);
    snp_free(sp->null_player);
    snp_free(sp->price);
    snp_free(sp->mid);
    snp_free(sp->side);
    snp_free(sp->paid);
    snp_arena_free(&sp->arena);
    memset(sp, 0, sizeof *sp);
}

/* Arrays of a split for r; SN_ENOMEM. */
static sn_status split_init(const sn_result *r, snp_split *sp)
{
    size_t nf = (size_t)r->in->n_facilities + 1, nl = (size_t)r->g.n_links + 1;
    memset(sp, 0, sizeof *sp);
    snp_arena_init(&sp->arena);
    sp->gain = snp_calloc(nf, sizeof(double));
    sp->ci = snp_calloc(nf, sizeof(double));
    sp->core_gain = snp_calloc(nf, sizeof(double));
    sp->null_player = snp_calloc(nf, 1);
    sp->side = snp_calloc(nf, sizeof(double));
    sp->paid = snp_calloc(nf, sizeof(double));
    sp->price = snp_calloc(nl, sizeof(double));
    sp->mid = snp_calloc(nl, sizeof(double));
    if (!sp->gain || !sp->ci || !sp->core_gain || !sp->null_player || !sp->side || !sp->paid ||
        !sp->price || !sp->mid)
        return SN_ENOMEM;
    sp->residual = 0;
    sp->core_min = NAN;
    for (size_t f = 0; f < nf; f++)
        sp->core_gain[f] = NAN;
    return SN_OK;
}

sn_status snp_split_use(sn_result *r, sn_diag *diag)
{
    snp_split *sp = &r->split;
    sn_status st = split_init(r, sp);
    sp->rule = SN_ALLOCATION_USE;
    if (st != SN_OK || !r->g.has_network || !isfinite(r->g.bau.total))
        return st;
    for (int f = 0; f < r->in->n_facilities; f++)
        sp->gain[f] = r->p[f].bau - r->p[f].total;
    for (int f = 0; f < r->in->n_facilities; f++)
        if (!isfinite(sp->gain[f]))
            return SN_OK; /* a facility without business as usual: no prices */
    sp->priced = 1;
    return transfer_prices(r, sp->gain, 1, diag); /* the use rule: no price changes hands */
}

/* "a, b and c" of the players of mask S in component c, into the split's arena. */
static char *coalition_name(snp_split *sp, const sn_instance *in, const int *players, int k,
                            unsigned S)
{
    size_t len = 1;
    for (int i = 0; i < k; i++)
        if (S & (1u << i))
            len += strlen(in->facilities[players[i]].id) + 2;
    char *s = snp_arena_alloc(&sp->arena, len);
    if (!s)
        return NULL;
    for (int i = 0, n = 0; i < k; i++)
        if (S & (1u << i)) {
            if (n++)
                strcat(s, ", ");
            strcat(s, in->facilities[players[i]].id);
        }
    return s;
}

/* The value of coalition (c, players of mask S) from the game; NAN when unknown. */
static double value_of(const sn_game *g, int c, unsigned S, int *status)
{
    int buf[SN_GAME_EXACT_MAX], n = 0;
    for (int i = 0; i < g->comp_size[c]; i++)
        if (S & (1u << i))
            buf[n++] = g->comp_players[c][i];
    return snp_game_value(g, c, n, buf, status);
}

/* Checks a coalition's answer: a network (optimal, or the best within limits). */
static sn_status usable(const sn_game *g, int c, int n, const int *players, int status, double v,
                        sn_diag *diag)
{
    if ((status == SN_SOL_OPTIMAL || status == SN_SOL_FEASIBLE) && isfinite(v))
        return SN_OK;
    char names[512] = "";
    for (int i = 0; i < n; i++) {
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "",
                 g->r->in->facilities[players[i]].id);
    }
    snp_diag_add(diag, SN_ESOLVER, g->r->in->file, NULL,
                 "component %d: the coalition {%s} has no value: its solve ended %s", c + 1, names,
                 status >= 0 ? sn_solution_status_name((sn_solution_status)status)
                             : "without an answer");
    return SN_ESOLVER;
}

/* Shapley values, core check and core allocation of an exact component. */
static sn_status exact_component(sn_result *r, const sn_game *g, int c, const double *use,
                                 double tol, sn_diag *diag)
{
    snp_split *sp = &r->split;
    int k = g->comp_size[c];
    const int *pl = g->comp_players[c];
    unsigned full = (1u << k) - 1;
    double *v = snp_calloc((size_t)full + 1, sizeof *v);
    if (!v)
        return SN_ENOMEM;
    sn_status st = SN_OK;
    for (unsigned S = 1; S <= full && st == SN_OK; S++) {
        int status = -1;
        v[S] = value_of(g, c, S, &status);
        if (status == SN_SOL_FEASIBLE)
            sp->unproven++;
        if (!((status == SN_SOL_OPTIMAL || status == SN_SOL_FEASIBLE) && isfinite(v[S]))) {
            int buf[SN_GAME_EXACT_MAX], n = 0;
            for (int i = 0; i < k; i++)
                if (S & (1u << i))
                    buf[n++] = pl[i];
            st = usable(g, c, n, buf, status, v[S], diag);
        }
    }
    double phi[SN_GAME_EXACT_MAX], x[SN_GAME_EXACT_MAX], u[SN_GAME_EXACT_MAX];
    if (st == SN_OK) {
        snp_shapley_exact(k, v, phi);
        for (int i = 0; i < k; i++) {
            sp->gain[pl[i]] = phi[i];
            u[i] = use[pl[i]];
        }
        double e;
        unsigned S = snp_core_blocking(k, v, phi, &e);
        if (e > tol && (!sp->blocked || e > sp->block_excess)) {
            sp->blocked = 1;
            sp->block_excess = e;
            sp->block_value = v[S];
            sp->blocking = coalition_name(sp, r->in, pl, k, S);
            st = sp->blocking ? SN_OK : SN_ENOMEM;
        }
        S = snp_core_blocking(k, v, u, &e);
        if (st == SN_OK && e > tol && (!sp->use_blocked || e > sp->use_excess)) {
            sp->use_blocked = 1;
            sp->use_excess = e;
            sp->use_blocking = coalition_name(sp, r->in, pl, k, S);
            st = sp->use_blocking ? SN_OK : SN_ENOMEM;
        }
    }
    if (st == SN_OK) {
        double t;
        int rc = snp_core_maxmin(k, v, x, &t);
        if (rc == 0) {
            for (int i = 0; i < k; i++)
                sp->core_gain[pl[i]] = x[i];
            if (!(sp->core_min <= t))
                sp->core_min = t;
        } else if (rc == 1) {
            sp->core_empty = 1;
        } else {
            snp_diag_add(diag, SN_ESOLVER, NULL, NULL,
                         "the core LP of component %d could not be solved", c + 1);
            st = SN_ESOLVER;
        }
    }
    snp_free(v);
    return st;
}

/* Sampled Shapley values of a component: the mean marginal contribution over g->samples
 * random orders, with a 95 % confidence half-width 1.96 s / sqrt(samples). */
static sn_status sampled_component(sn_result *r, const sn_game *g, int c, sn_diag *diag)
{
    snp_split *sp = &r->split;
    int k = g->comp_size[c];
    const int *pl = g->comp_players[c];
    double *sum = snp_calloc((size_t)k, sizeof *sum);
    double *sq = snp_calloc((size_t)k, sizeof *sq);
    int *set = snp_calloc((size_t)k, sizeof *set);
    sn_status st = sum && sq && set ? SN_OK : SN_ENOMEM;
    for (int s = 0; s < g->samples && st == SN_OK; s++) {
        const int *p = g->perm[c] + (size_t)s * (size_t)k;
        double before = 0;
        for (int n = 1; n <= k && st == SN_OK; n++) {
            for (int i = 0; i < n; i++)
                set[i] = pl[p[i]];
            snp_sort_ints(set, n);
            int status = -1;
            double after = snp_game_value(g, c, n, set, &status);
            st = usable(g, c, n, set, status, after, diag);
            if (status == SN_SOL_FEASIBLE)
                sp->unproven++;
            double mc = after - before;
            sum[p[n - 1]] += mc;
            sq[p[n - 1]] += mc * mc;
            before = after;
        }
    }
    int m = g->samples;
    for (int i = 0; i < k && st == SN_OK; i++) {
        double mean = sum[i] / m;
        double var = m > 1 ? (sq[i] - m * mean * mean) / (m - 1) : 0;
        sp->gain[pl[i]] = mean;
        sp->ci[pl[i]] = 1.96 * sqrt(var > 0 ? var : 0) / sqrt((double)m);
    }
    snp_free(sum);
    snp_free(sq);
    snp_free(set);
    return st;
}

sn_status sn_result_allocate(sn_result *r, const sn_game *g, sn_diag *diag)
{
    if (!r || !g || g->r != r) {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL,
                     "sn_result_allocate: the game was not planned from this result");
        return SN_EUSAGE;
    }
    int nf = r->in->n_facilities;
    double *use = snp_calloc((size_t)nf + 1, sizeof *use);
    if (!use)
        return SN_ENOMEM;
    for (int f = 0; f < nf; f++)
        use[f] = r->p[f].bau - r->p[f].total;
    snp_split_free(&r->split);
    snp_split *sp = &r->split;
    sn_status st = split_init(r, sp);
    sp->rule = SN_ALLOCATION_SHAPLEY;
    sp->has_game = 1;
    sp->players = sn_game_players(g);
    sp->components = g->n_comp;
    sp->coalitions = sn_game_count(g);
    sp->samples = g->samples;
    sp->seed = (unsigned long)g->seed;
    sp->one_part_why = g->one_part_why;
    sp->core_known = 1;
    double savings = r->g.bau.total - r->g.cost.total;
    double tol = 1e-6 * (fabs(savings) > 1 ? fabs(savings) : 1);
    for (int f = 0; f < nf; f++)
        sp->null_player[f] = g->comp_of[f] < 0;
    for (int c = 0; c < g->n_comp && st == SN_OK; c++) {
        if (g->comp_size[c] <= SN_GAME_EXACT_MAX) {
            st = exact_component(r, g, c, use, tol, diag);
        } else {
            sp->sampled_components++;
            sp->core_known = 0;
            st = sampled_component(r, g, c, diag);
        }
    }
    if (st == SN_OK && sp->core_empty) {
        for (int f = 0; f < nf; f++)
            sp->core_gain[f] = NAN;
        sp->core_min = NAN;
    }
    if (st == SN_OK && sp->core_known && !sp->core_empty)
        for (int f = 0; f < nf; f++)
            if (sp->null_player[f])
                sp->core_gain[f] = 0;
    /* efficiency: the gains add up to the region's savings; a remainder (the parts' optima
     * at a gap, or not independent after all) is stated and shared equally among players */
    if (st == SN_OK) {
        double total = 0;
        for (int f = 0; f < nf; f++)
            total += sp->gain[f];
        sp->residual = savings - total;
        if (fabs(sp->residual) > tol)
            snp_diag_warn(diag, r->in->file, NULL,
                          "the coalition values add up to %.2f, the region's savings are %.2f: "
                          "the difference is shared equally among the %d partners",
                          total, savings, sp->players);
        for (int f = 0; f < nf && sp->players > 0; f++)
            if (!sp->null_player[f])
                sp->gain[f] += sp->residual / sp->players;
    }
    if (st == SN_OK) {
        sp->priced = 1;
        st = transfer_prices(r, sp->gain, 0, diag);
    }
    snp_free(use);
    if (st == SN_ENOMEM)
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory for the allocation");
    return st;
}

sn_status sn_allocation_parse(const char *name, sn_allocation_rule *out, sn_diag *diag)
{
    if (name && strcmp(name, "use") == 0)
        *out = SN_ALLOCATION_USE;
    else if (name && strcmp(name, "shapley") == 0)
        *out = SN_ALLOCATION_SHAPLEY;
    else {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL,
                     "--allocation: expected use or shapley, got \"%s\"", name ? name : "");
        return SN_EUSAGE;
    }
    return SN_OK;
}
