/*
 * heur_serve.c - the primal heuristic "serve": a first network for must-serve demands, before
 * any LP (docs/model.md 11.5). Stage: a plugin of the search in glpk.c, run once before the
 * root LP next to "first" (heur_first.c); glpk.c keeps the cheaper of their networks. No
 * solver types here: the network is priced through snp_fixed_lp_fn with heur_round.c's
 * snp_round_price.
 *
 * Why. heur_first.c opens links between facilities and hubs that pay for themselves; where
 * demands have no price (every building on a new heat network, every farm under a digestate
 * contract) and only capacitated hubs can serve them, nothing "pays" and its network has no
 * feasible flow: before this plugin a region of 100 candidate sites and 1,000 must-serve
 * demands had no network after 120 s (bench/RESULTS.md, "must-serve").
 *
 * The procedure: a greedy for capacitated facility location (stars, after Jain, Mahdian and
 * Saberi's greedy for facility location), then the transportation LP.
 * 1. Sites and arcs. A site is a hub that may be built; an arc is a link from a site to a
 *    facility with a must-serve demand (no price) that accepts the link's resource. Per unit
 *    of that demand met an arc costs c = (a_l + trip cost per unit + u_h,r) / (γ_l ratio) and
 *    uses k = 1 / (γ_l ratio y_h,r) of the site's capacity, where y_h,r is the largest yield of
 *    the output r over the site's inputs that some link brings in, and u_h,r that input's
 *    processing cost (with carbon) plus its cheapest inbound link's cost per unit arriving,
 *    over the yield. A link with a build binary adds its fixed annual cost once it is used.
 * 2. Stars. Repeatedly take the cheapest "star" per unit of demand: either an open site with
 *    capacity left and the cheapest demand still unmet on its arcs (cost c per unit), or a
 *    site not yet open with one of its capacity options o and the prefix of its arcs, sorted
 *    by cost, that minimises (annual cost of o + Σ c·taken) / Σ taken, each arc taking what
 *    its demand still needs up to what o has left. The chosen star is opened and its demands
 *    lowered. A closed site's best ratio only rises as demands are met (fewer or smaller
 *    terms in every prefix), so closed sites sit in a heap and are re-evaluated lazily. The
 *    loop ends when every must-serve demand is met, or fails when the sites' capacities are
 *    exhausted first (then there is no network from this plugin).
 * 3. Exact pricing. The open sites (each with the smallest option holding what it was given),
 *    the binaries of the arcs used and of one inbound link per site's input, the corridors of
 *    open pipes and everything forced are fixed; the LP of the flows (glpk.c, presolved) then
 *    re-solves the whole transportation problem among the open sites exactly: the flows on
 *    links without a binary are all free, so demands may move to another open site.
 *    snp_round_price then closes what the exact flows leave empty and rounds trips up.
 *    Every constraint of the model holds, since the flows are the LP's on the model itself
 *    (must-serve demands, capacities, the budget, the cap, quality limits); when the LP has no
 *    feasible flow (e.g. a budget, or a supply the LP must also place) there is no network.
 * Not kept: closing open sites one at a time, least used first, and pricing the rest again
 * (drop moves) found nothing on the generated must-serve regions: with the arcs restricted as
 * below, 7 of 8 closings at 200 x 2,000 had no feasible flow and the eighth cost more, at
 * 1.5 s per LP (bench/RESULTS.md, "must-serve").
 *
 * Cost: O(A log A) to sort the A arcs per site; the greedy's iterations are at most
 * (demands + 2 sites), each O(sites) for the open sites and O(arcs of one site) per lazy
 * re-evaluation of a closed one; then one LP on the open sites' arcs per pricing pass.
 */
#include "solve_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Arcs without a build binary left free in the LP of the fixed network, per demand: the ones
 * the greedy used and this many cheapest ones from other open sites (all of them made the LP of
 * the 100 x 1,000 must-serve region take about 20 s instead of well under one). */
#define SERVE_NEAREST 5

typedef struct sarc {
    int link, dem; /* dem: index into the plugin's must-serve demands */
    double c;      /* cost per unit of demand met */
    double k;      /* site capacity used per unit of demand met */
    double fix;    /* annual fixed cost of the link when it has a binary, else 0 */
    double cap;    /* most demand it can meet (link bound) */
    double key;    /* sort key: c + fix / demand amount */
} sarc;

typedef struct serve {
    const sn_model *m;
    snp_round *r;
    int nd;            /* must-serve demands */
    int *d_fac, *d_dm; /* facility and demand index of each */
    double *d_amount;
    int ns;             /* sites */
    int *s_hub;         /* hub of each site */
    int *hub_site;      /* site of each hub, -1 none */
    int *s_first;       /* arcs of site s: s_first[s] .. s_first[s+1]-1, sorted by key */
    int *s_in_link;     /* per site and input: cheapest inbound link, -1 none (ns * max_in) */
    int max_in;         /* most inputs of a hub */
    int *s_out_input;   /* per site and output: the input that makes it, -1 none */
    double *s_out_unit; /* and its cost per unit of output (processing + inbound) */
    sarc *arcs;
    int na;
    int *d_first, *d_arcs; /* arcs of demand q: d_arcs[d_first[q] .. d_first[q+1]-1] */
    char *zero;            /* per model column: fixed at 0 in the LP of the fixed network */
} serve;

static double accept_ratio(const snp_demand *dm, int r)
{
    if (dm->resource == r)
        return 1.0;
    for (int k = 0; k < dm->n_subs; k++)
        if (dm->subs[k].resource == r)
            return dm->subs[k].ratio;
    return 0.0;
}

static double link_unit(const snp_link *l)
{
    return l->unit_annual + (l->trip_capacity > 0 ? l->trip_cost / l->trip_capacity : 0);
}

static double link_fix(const snp_link *l)
{
    if (l->col_build < 0)
        return 0;
    double f = l->fixed_annual;
    if (l->n_sizes > 0)
        f += l->crf * l->length_km * l->sizes[0].capital_per_km;
    return f;
}

static int sarc_cmp(const void *pa, const void *pb)
{
    const sarc *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->link != b->link ? (a->link < b->link ? -1 : 1)
                              : (a->dem > b->dem) - (a->dem < b->dem);
}

void snp_heur_serve_free(void *data)
{
    serve *s = data;
    if (!s)
        return;
    snp_round_free(s->r);
    snp_free(s->d_fac);
    snp_free(s->d_dm);
    snp_free(s->d_amount);
    snp_free(s->s_hub);
    snp_free(s->hub_site);
    snp_free(s->s_first);
    snp_free(s->s_in_link);
    snp_free(s->s_out_input);
    snp_free(s->s_out_unit);
    snp_free(s->arcs);
    snp_free(s->d_first);
    snp_free(s->d_arcs);
    snp_free(s->zero);
    snp_free(s);
}

void *snp_heur_serve_create(const sn_model *m)
{
    const sn_instance *in = m->inst;
    int nf = in->n_facilities, nh = in->n_hubs, nl = (int)m->links.len;
    serve *s = snp_calloc(1, sizeof *s);
    int *dem_off = snp_calloc((size_t)nf + 1, sizeof *dem_off);
    int *hub_site = snp_calloc((size_t)nh + 1, sizeof *hub_site);
    if (!s || !dem_off || !hub_site)
        goto fail;
    s->m = m;
    /* must-serve demands */
    for (int f = 0; f < nf; f++) {
        dem_off[f] = s->nd;
        for (int d = 0; d < in->facilities[f].n_demands; d++)
            s->nd += !in->facilities[f].demands[d].has_price;
    }
    if (s->nd == 0 || nh == 0)
        goto fail;
    s->d_fac = snp_calloc((size_t)s->nd, sizeof *s->d_fac);
    s->d_dm = snp_calloc((size_t)s->nd, sizeof *s->d_dm);
    s->d_amount = snp_calloc((size_t)s->nd, sizeof *s->d_amount);
    if (!s->d_fac || !s->d_dm || !s->d_amount)
        goto fail;
    for (int f = 0, q = 0; f < nf; f++)
        for (int d = 0; d < in->facilities[f].n_demands; d++)
            if (!in->facilities[f].demands[d].has_price) {
                s->d_fac[q] = f;
                s->d_dm[q] = d;
                s->d_amount[q++] = in->facilities[f].demands[d].amount;
            }
    /* sites: hubs that may be built */
    for (int hb = 0; hb < nh; hb++) {
        hub_site[hb] = -1;
        if (m->hub_size_col[hb] && in->hubs[hb].status != SNP_STATUS_FORBIDDEN) {
            hub_site[hb] = s->ns++;
            if (in->hubs[hb].n_inputs > s->max_in)
                s->max_in = in->hubs[hb].n_inputs;
        }
    }
    if (s->ns == 0)
        goto fail;
    int no = 0; /* most outputs of a hub */
    for (int hb = 0; hb < nh; hb++)
        if (in->hubs[hb].n_outputs > no)
            no = in->hubs[hb].n_outputs;
    s->s_hub = snp_calloc((size_t)s->ns, sizeof *s->s_hub);
    s->s_first = snp_calloc((size_t)s->ns + 1, sizeof *s->s_first);
    s->s_in_link = snp_calloc((size_t)s->ns * (size_t)s->max_in + 1, sizeof *s->s_in_link);
    s->s_out_input = snp_calloc((size_t)s->ns * (size_t)no + 1, sizeof *s->s_out_input);
    s->s_out_unit = snp_calloc((size_t)s->ns * (size_t)no + 1, sizeof *s->s_out_unit);
    if (!s->s_hub || !s->s_first || !s->s_in_link || !s->s_out_input || !s->s_out_unit)
        goto fail;
    for (int hb = 0; hb < nh; hb++)
        if (hub_site[hb] >= 0)
            s->s_hub[hub_site[hb]] = hb;
    /* the cheapest inbound link of each site's inputs (cost per unit arriving) */
    double *in_cost = snp_calloc((size_t)s->ns * (size_t)s->max_in + 1, sizeof *in_cost);
    if (!in_cost)
        goto fail;
    for (int i = 0; i < s->ns * s->max_in; i++) {
        s->s_in_link[i] = -1;
        in_cost[i] = INFINITY;
    }
    int n_arcs = 0;
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        int hb, f;
        if (snp_node_kind_of(in, l->head, &hb) == SNP_NODE_HUB && hub_site[hb] >= 0) {
            const snp_hub *hub = &in->hubs[hb];
            for (int i = 0; i < hub->n_inputs; i++) {
                int at = hub_site[hb] * s->max_in + i;
                double c = (link_unit(l) + link_fix(l) / fmax(l->bound, 1e-9)) / l->arrive;
                if (hub->inputs[i].resource == l->resource && c < in_cost[at]) {
                    in_cost[at] = c;
                    s->s_in_link[at] = k;
                }
            }
        }
        if (snp_node_kind_of(in, l->tail, &hb) == SNP_NODE_HUB && hub_site[hb] >= 0 &&
            snp_node_kind_of(in, l->head, &f) == SNP_NODE_FACILITY)
            for (int d = 0; d < in->facilities[f].n_demands; d++) {
                const snp_demand *dm = &in->facilities[f].demands[d];
                n_arcs += !dm->has_price && accept_ratio(dm, l->resource) > 0;
            }
    }
    /* per site and output: the input that makes it most cheaply per unit of output */
    double pi = in->carbon_price;
    for (int st = 0; st < s->ns; st++) {
        const snp_hub *hub = &in->hubs[s->s_hub[st]];
        for (int o = 0; o < no; o++) {
            int at = st * no + o;
            s->s_out_input[at] = -1;
            s->s_out_unit[at] = INFINITY;
            if (o >= hub->n_outputs)
                continue;
            for (int i = 0; i < hub->n_inputs; i++) {
                const snp_hub_input *hi = &hub->inputs[i];
                double y = hi->yields[o], c = in_cost[st * s->max_in + i];
                if (!(y > 0) || !isfinite(c))
                    continue;
                double u = (hi->cost_per_unit + pi * hi->co2_per_unit + c) / y;
                if (s->s_out_input[at] < 0 || u < s->s_out_unit[at]) {
                    s->s_out_input[at] = i;
                    s->s_out_unit[at] = u;
                }
            }
        }
    }
    snp_free(in_cost);
    if (n_arcs == 0)
        goto fail;
    /* arcs, grouped by site */
    s->arcs = snp_calloc((size_t)n_arcs, sizeof *s->arcs);
    if (!s->arcs)
        goto fail;
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        int hb, f;
        if (snp_node_kind_of(in, l->tail, &hb) != SNP_NODE_HUB || hub_site[hb] < 0 ||
            snp_node_kind_of(in, l->head, &f) != SNP_NODE_FACILITY)
            continue;
        int st = hub_site[hb], o = -1;
        const snp_hub *hub = &in->hubs[hb];
        for (int u = 0; u < hub->n_outputs; u++)
            if (hub->outputs[u].resource == l->resource)
                o = u;
        if (o < 0 || s->s_out_input[st * no + o] < 0)
            continue;
        double y = hub->inputs[s->s_out_input[st * no + o]].yields[o];
        for (int d = 0; d < in->facilities[f].n_demands; d++) {
            const snp_demand *dm = &in->facilities[f].demands[d];
            double ratio = accept_ratio(dm, l->resource);
            if (dm->has_price || !(ratio > 0))
                continue;
            int q = dem_off[f];
            for (int e = 0; e < d; e++)
                q += !in->facilities[f].demands[e].has_price;
            double per = l->arrive * ratio; /* demand met per unit sent */
            sarc a = {k,
                      q,
                      (link_unit(l) + s->s_out_unit[st * no + o]) / per,
                      1.0 / (per * y),
                      link_fix(l),
                      l->bound * per,
                      0};
            a.key = a.c + a.fix / dm->amount;
            s->arcs[s->na++] = a;
            s->s_first[st + 1]++;
        }
    }
    if (s->na == 0)
        goto fail;
    for (int st = 0; st < s->ns; st++)
        s->s_first[st + 1] += s->s_first[st];
    /* the arcs were added in link order, so grouping by site is a stable counting sort */
    sarc *sorted = snp_calloc((size_t)s->na, sizeof *sorted);
    int *fill = snp_calloc((size_t)s->ns + 1, sizeof *fill);
    if (!sorted || !fill) {
        snp_free(sorted);
        snp_free(fill);
        goto fail;
    }
    for (int a = 0; a < s->na; a++) {
        int hb;
        snp_node_kind_of(in, snp_model_link(m, s->arcs[a].link)->tail, &hb);
        int st = hub_site[hb];
        sorted[s->s_first[st] + fill[st]++] = s->arcs[a];
    }
    snp_free(fill);
    snp_free(s->arcs);
    s->arcs = sorted;
    for (int st = 0; st < s->ns; st++)
        qsort(s->arcs + s->s_first[st], (size_t)(s->s_first[st + 1] - s->s_first[st]),
              sizeof *s->arcs, sarc_cmp);
    /* the arcs of each demand, by site */
    s->d_first = snp_calloc((size_t)s->nd + 1, sizeof *s->d_first);
    s->d_arcs = snp_calloc((size_t)s->na, sizeof *s->d_arcs);
    s->zero = snp_calloc(m->cols.len + 1, 1);
    if (!s->d_first || !s->d_arcs || !s->zero)
        goto fail;
    for (int a = 0; a < s->na; a++)
        s->d_first[s->arcs[a].dem + 1]++;
    for (int q = 0; q < s->nd; q++)
        s->d_first[q + 1] += s->d_first[q];
    int *dfill = snp_calloc((size_t)s->nd + 1, sizeof *dfill);
    if (!dfill)
        goto fail;
    for (int a = 0; a < s->na; a++) {
        int q = s->arcs[a].dem;
        s->d_arcs[s->d_first[q] + dfill[q]++] = a;
    }
    snp_free(dfill);
    s->r = snp_round_create(m);
    if (!s->r)
        goto fail;
    snp_free(dem_off);
    s->hub_site = hub_site;
    return s;
fail:
    snp_free(dem_off);
    snp_free(hub_site);
    snp_heur_serve_free(s);
    return NULL;
}

/* ---- the greedy ------------------------------------------------------------------------ */

typedef struct greedy_state {
    double *left;     /* per demand: still unmet */
    double *arc_used; /* per arc: demand met through it */
    int *option;      /* per site: open option, -1 closed */
    double *cap_left; /* per site: capacity left (open sites) */
    int *next;        /* per site: first arc that may still take something (open sites) */
} greedy_state;

/* Best star of closed site st with option o: ratio, and in *len the prefix length. */
static double star(const serve *s, const greedy_state *g, int st, int o, int *len)
{
    const snp_hub *hub = &s->m->inst->hubs[s->s_hub[st]];
    const snp_hub_capacity *c = &hub->capacities[o];
    double crf = snp_crf(s->m->inst->discount_rate, hub->lifetime_yr);
    double cost = crf * c->capital + c->fixed_opex, taken = 0, cap = c->capacity;
    double best = INFINITY;
    *len = 0;
    for (int a = s->s_first[st]; a < s->s_first[st + 1] && cap > 1e-9; a++) {
        const sarc *arc = &s->arcs[a];
        double t = fmin(fmin(g->left[arc->dem], arc->cap), cap / arc->k);
        if (!(t > 1e-9))
            continue;
        cost += arc->c * t + arc->fix;
        taken += t;
        cap -= t * arc->k;
        if (cost / taken < best) {
            best = cost / taken;
            *len = a - s->s_first[st] + 1;
        }
    }
    return best;
}

static double best_star(const serve *s, const greedy_state *g, int st, int *opt, int *len)
{
    const snp_hub *hub = &s->m->inst->hubs[s->s_hub[st]];
    double best = INFINITY;
    for (int o = 0; o < hub->n_capacities; o++) {
        int l;
        double v = star(s, g, st, o, &l);
        if (v < best) {
            best = v;
            *opt = o;
            *len = l;
        }
    }
    return best;
}

/* Gives demand along arc a of open site st what it can take; returns the amount. */
static double claim(const serve *s, greedy_state *g, int st, int a)
{
    const sarc *arc = &s->arcs[a];
    double t = fmin(fmin(g->left[arc->dem], arc->cap - g->arc_used[a]), g->cap_left[st] / arc->k);
    if (!(t > 0))
        return 0;
    g->left[arc->dem] -= t;
    if (g->left[arc->dem] < 1e-9 * s->d_amount[arc->dem])
        g->left[arc->dem] = 0;
    g->arc_used[a] += t;
    g->cap_left[st] -= t * arc->k;
    if (g->cap_left[st] < 1e-12)
        g->cap_left[st] = 0;
    return t;
}

/* Runs the greedy of step 2; 1 when every demand is met, 0 when the capacities ran out, -1
 * without memory. g's arrays are filled. */
static int greedy_serve(const serve *s, greedy_state *g)
{
    const sn_instance *in = s->m->inst;
    int n = 0, rc = -1;
    snp_pq_entry *heap = snp_calloc((size_t)s->ns + 1, sizeof *heap);
    if (!heap)
        return -1;
    for (int q = 0; q < s->nd; q++)
        g->left[q] = s->d_amount[q];
    for (int st = 0; st < s->ns; st++) {
        const snp_hub *hub = &in->hubs[s->s_hub[st]];
        g->option[st] = -1;
        g->next[st] = s->s_first[st];
        if (hub->status == SNP_STATUS_FORCED) { /* built whatever happens: open at its largest */
            g->option[st] = hub->n_capacities - 1;
            g->cap_left[st] = hub->capacities[hub->n_capacities - 1].capacity;
            continue;
        }
        int o, len;
        double v = best_star(s, g, st, &o, &len);
        if (isfinite(v))
            snp_pq_push(heap, &n, (snp_pq_entry){0, -v, st}); /* cheapest first */
    }
    int open_demands = 0;
    for (int q = 0; q < s->nd; q++)
        open_demands += g->left[q] > 0;
    while (open_demands > 0) {
        /* the cheapest arc of an open site */
        int best_site = -1, best_arc = -1;
        double best = INFINITY;
        for (int st = 0; st < s->ns; st++) {
            if (g->option[st] < 0 || !(g->cap_left[st] > 0))
                continue;
            int a = g->next[st];
            while (a < s->s_first[st + 1] &&
                   (!(g->left[s->arcs[a].dem] > 0) || !(s->arcs[a].cap - g->arc_used[a] > 1e-9)))
                a++;
            g->next[st] = a;
            if (a == s->s_first[st + 1])
                continue;
            const sarc *arc = &s->arcs[a];
            double t =
                fmin(fmin(g->left[arc->dem], arc->cap - g->arc_used[a]), g->cap_left[st] / arc->k);
            double v = arc->c + (g->arc_used[a] > 0 ? 0 : arc->fix / fmax(t, 1e-12));
            if (v < best) {
                best = v;
                best_site = st;
                best_arc = a;
            }
        }
        /* the best star of a closed site (lazily: its ratio only rises) */
        int star_site = -1, star_opt = 0, star_len = 0;
        double star_v = INFINITY;
        while (n > 0 && -heap[0].value < best) {
            snp_pq_entry e = snp_pq_pop(heap, &n);
            int o, len;
            double v = best_star(s, g, e.id, &o, &len);
            if (!isfinite(v))
                continue;
            if (n > 0 && -heap[0].value < v) {
                snp_pq_push(heap, &n, (snp_pq_entry){0, -v, e.id});
                continue;
            }
            star_site = e.id;
            star_opt = o;
            star_len = len;
            star_v = v;
            break;
        }
        if (star_site >= 0 && star_v < best) {
            const snp_hub *hub = &in->hubs[s->s_hub[star_site]];
            g->option[star_site] = star_opt;
            g->cap_left[star_site] = hub->capacities[star_opt].capacity;
            for (int a = s->s_first[star_site]; a < s->s_first[star_site] + star_len; a++) {
                int was = g->left[s->arcs[a].dem] > 0;
                claim(s, g, star_site, a);
                open_demands -= was && !(g->left[s->arcs[a].dem] > 0);
            }
            continue;
        }
        if (star_site >= 0) /* not taken: back into the heap */
            snp_pq_push(heap, &n, (snp_pq_entry){0, -star_v, star_site});
        if (best_site < 0) {
            rc = 0; /* every site is open and full, or no arc reaches what is left */
            goto done;
        }
        int was = g->left[s->arcs[best_arc].dem] > 0;
        if (!(claim(s, g, best_site, best_arc) > 0))
            g->cap_left[best_site] = 0; /* nothing fits: the site is full */
        open_demands -= was && !(g->left[s->arcs[best_arc].dem] > 0);
    }
    rc = 1;
done:
    snp_free(heap);
    return rc;
}

/* ---- pricing ------------------------------------------------------------------------------ */

/* Writes into lpx an LP point that snp_round_binaries opens as the network of g (sites open
 * with their largest option, which snp_round_price lowers to the smallest that holds what the
 * exact flows give them; the arcs used; one inbound link per input). */
static void network_point(const serve *s, const greedy_state *g, const double *used, double *lpx)
{
    const sn_model *m = s->m;
    const sn_instance *in = m->inst;
    memset(lpx, 0, m->cols.len * sizeof *lpx);
    for (int st = 0; st < s->ns; st++) {
        if (g->option[st] < 0)
            continue;
        int hb = s->s_hub[st];
        const snp_hub *hub = &in->hubs[hb];
        double load = used[st];
        lpx[m->hub_size_col[hb][hub->n_capacities - 1]] = 1;
        for (int i = 0; i < hub->n_inputs; i++) {
            int k = s->s_in_link[st * s->max_in + i];
            if (k < 0)
                continue;
            const snp_link *l = snp_model_link(m, k);
            /* a share of the load per input: enough to open the link with a size that holds
             * it (snp_round_binaries picks the smallest that carries the flow) */
            lpx[l->first_flow] += fmax(load, 1e-6) / l->arrive;
            lpx[m->hub_proc_col[hb][i]] += fmax(load, 1e-6);
            if (l->col_build >= 0)
                lpx[l->col_build + (l->n_sizes > 0 ? l->n_sizes - 1 : 0)] = 1;
        }
        for (int a = s->s_first[st]; a < s->s_first[st + 1]; a++) {
            const snp_link *l = snp_model_link(m, s->arcs[a].link);
            if (!(g->arc_used[a] > 0) || l->col_build < 0)
                continue;
            lpx[l->first_flow] += g->arc_used[a] / (s->arcs[a].cap / l->bound);
            lpx[l->col_build + (l->n_sizes > 0 ? l->n_sizes - 1 : 0)] = 1;
        }
    }
}

/* Fills s->zero: the arcs without a build binary are closed but for, per demand, those the
 * greedy used and the SERVE_NEAREST cheapest from other open sites. */
static void restrict_arcs(serve *s, const greedy_state *g)
{
    const sn_model *m = s->m;
    const sn_instance *in = m->inst;
    memset(s->zero, 0, m->cols.len);
    for (int a = 0; a < s->na; a++) {
        const snp_link *l = snp_model_link(m, s->arcs[a].link);
        if (l->col_build < 0)
            for (int c = 0; c < l->n_comm; c++)
                s->zero[l->first_flow + c] = 1;
    }
    for (int q = 0; q < s->nd; q++) {
        int best[SERVE_NEAREST], nb = 0;
        for (int t = s->d_first[q]; t < s->d_first[q + 1]; t++) {
            int a = s->d_arcs[t], hb, st;
            const snp_link *l = snp_model_link(m, s->arcs[a].link);
            snp_node_kind_of(in, l->tail, &hb);
            st = s->hub_site[hb];
            if (g->option[st] < 0)
                continue;
            if (g->arc_used[a] > 0) {
                for (int c = 0; c < l->n_comm; c++)
                    s->zero[l->first_flow + c] = 0;
                continue;
            }
            /* insertion into the SERVE_NEAREST cheapest, by cost per unit */
            int pos = nb < SERVE_NEAREST ? nb++ : SERVE_NEAREST;
            while (pos > 0 && s->arcs[best[pos - 1]].c > s->arcs[a].c) {
                if (pos < SERVE_NEAREST)
                    best[pos] = best[pos - 1];
                pos--;
            }
            if (pos < SERVE_NEAREST)
                best[pos] = a;
        }
        for (int b = 0; b < nb; b++) {
            const snp_link *l = snp_model_link(m, s->arcs[best[b]].link);
            for (int c = 0; c < l->n_comm; c++)
                s->zero[l->first_flow + c] = 0;
        }
    }
}

static int price(serve *s, const greedy_state *g, const double *used, double *lpx,
                 snp_plugin_env *env, double *obj)
{
    network_point(s, g, used, lpx);
    restrict_arcs(s, g);
    snp_round_binaries(s->r, lpx, 1e-12);
    return snp_round_price(s->r, env->fixed_lp, env->lp_ctx, s->zero, obj);
}

int snp_heur_serve_run(void *data, snp_plugin_env *env)
{
    serve *s = data;
    const sn_model *m = s->m;
    size_t n = m->cols.len;
    greedy_state g;
    g.left = snp_calloc((size_t)s->nd, sizeof *g.left);
    g.arc_used = snp_calloc((size_t)s->na, sizeof *g.arc_used);
    g.option = snp_calloc((size_t)s->ns, sizeof *g.option);
    g.cap_left = snp_calloc((size_t)s->ns, sizeof *g.cap_left);
    g.next = snp_calloc((size_t)s->ns, sizeof *g.next);
    double *used = snp_calloc((size_t)s->ns, sizeof *used);
    double *lpx = snp_calloc(n + 1, sizeof *lpx);
    int rc = -1;
    if (!g.left || !g.arc_used || !g.option || !g.cap_left || !g.next || !used || !lpx)
        goto done;
    int got = greedy_serve(s, &g);
    if (got <= 0) {
        rc = got;
        goto done;
    }
    for (int st = 0; st < s->ns; st++)
        for (int a = s->s_first[st]; a < s->s_first[st + 1]; a++)
            used[st] += g.arc_used[a] * s->arcs[a].k;
    double z;
    rc = 0;
    if (price(s, &g, used, lpx, env, &z) != 0)
        goto done;
    memcpy(env->net, s->r->x, n * sizeof *s->r->x);
    env->net_obj = z;
    rc = 1;
done:
    snp_free(g.left);
    snp_free(g.arc_used);
    snp_free(g.option);
    snp_free(g.cap_left);
    snp_free(g.next);
    snp_free(used);
    snp_free(lpx);
    return rc;
}
