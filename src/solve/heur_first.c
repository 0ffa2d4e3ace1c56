/*
 * heur_first.c - the primal heuristic "first": a network before any LP (docs/model.md 11.2).
 * Stage: a plugin of the search in glpk.c, run once before the root LP; glpk.c gives the
 * network to GLPK as its incumbent at the first GLP_IHEUR callback and reports it when the
 * solve stops before GLPK holds a better one. No solver types here: the network is priced
 * through snp_fixed_lp_fn with heur_round.c's snp_round_price.
 *
 * On a large region GLPK's root LP alone takes longer than a user should wait for a first
 * network. This builds one without it: a greedy pass over the candidate links between two
 * facilities, valued as in section 2.2 (the disposal the sender avoids plus the purchase the
 * receiver avoids, minus the link's own costs), opens repeatedly the link with the largest
 * annual saving on what its ends still have to send and receive (greedy_choose), then hubs
 * (greedy_hubs), then prices that fixed network exactly (the flows solved on the model itself,
 * so every constraint holds), with the flows of the links without a binary that were not
 * chosen fixed at 0. A must-take supply or a must-serve demand comes first (tier 1, 2); a
 * budget is spent as links are opened. When that network has no feasible flow, the network
 * with nothing built but what is forced is tried; when neither has one, there is no first
 * network. Cost: O(L log L) heap operations over the L candidate links, each revaluation
 * O(demands of the receiver), the hubs' planning O(H L) per hub opened, then the LPs of
 * the fixed network (about a second at 3,000 facilities, bench/RESULTS.md).
 */
#include "solve_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Units of demand dm met per unit of resource r delivered: 1 for its own resource, the
 * substitute's ratio, 0 when dm does not accept r. */
static double accept_ratio(const snp_demand *dm, int r)
{
    if (dm->resource == r)
        return 1.0;
    for (int k = 0; k < dm->n_subs; k++)
        if (dm->subs[k].resource == r)
            return dm->subs[k].ratio;
    return 0.0;
}

typedef struct greedy {
    const sn_model *m;
    int *sup_off, *dem_off; /* [facility]: first index into sup_left / dem_left */
    double *sup_left;       /* supply not yet sent, per (facility, supply) */
    double *dem_left;       /* demand not yet met, per (facility, demand), in its own units */
    char *corr_open;        /* [corridor] */
    double budget_left;     /* INFINITY without a budget */
} greedy;

typedef struct gpick {
    int tier;      /* how many ends must trade (no disposal, no price): these come first */
    double saving; /* annual, on q */
    double q;      /* sent per year */
    double capital;
    int demand, supply, size;
} gpick;

static int pick_better(const gpick *a, const gpick *b)
{
    return a->tier != b->tier ? a->tier > b->tier : a->saving > b->saving;
}

/* What opening link l would save now (0 when it cannot be opened); fills p. */
static int gr_eval(const greedy *g, const snp_link *l, gpick *p)
{
    const sn_model *m = g->m;
    const sn_instance *in = m->inst;
    int u, v;
    memset(p, 0, sizeof *p);
    if (l->n_comm != 1 || l->forced || snp_node_kind_of(in, l->tail, &u) != SNP_NODE_FACILITY ||
        snp_node_kind_of(in, l->head, &v) != SNP_NODE_FACILITY)
        return 0;
    const snp_facility *fu = &in->facilities[u], *fv = &in->facilities[v];
    int s = -1;
    for (int k = 0; k < fu->n_supplies; k++)
        if (fu->supplies[k].resource == l->resource)
            s = k;
    if (s < 0)
        return 0;
    const snp_supply *su = &fu->supplies[s];
    double pi = in->carbon_price, left = g->sup_left[g->sup_off[u] + s];
    double v_out = su->has_disposal ? su->disposal_cost + pi * su->disposal_co2 : 0;
    double per_trip = l->trip_capacity > 0 ? l->trip_cost / l->trip_capacity : 0;
    int found = 0;
    for (int d = 0; d < fv->n_demands; d++) {
        const snp_demand *dm = &fv->demands[d];
        double ratio = accept_ratio(dm, l->resource);
        double need = g->dem_left[g->dem_off[v] + d];
        if (!(ratio > 0) || !(need > 0))
            continue;
        gpick c;
        memset(&c, 0, sizeof c);
        c.supply = s;
        c.demand = d;
        c.tier = !su->has_disposal + !dm->has_price;
        c.q = fmin(fmin(left, l->bound), need / (l->arrive * ratio));
        if (!(c.q > 1e-9 * (1 + l->bound)))
            continue;
        double v_in = dm->has_price ? (dm->price + pi * dm->co2) * ratio : 0;
        double unit = v_out + l->arrive * v_in - l->unit_annual - per_trip;
        double corr_annual = 0, corr_capital = 0;
        if (l->corridor >= 0 && m->corridor_col[l->corridor] >= 0 && !g->corr_open[l->corridor]) {
            const snp_corridor *co = &in->corridors[l->corridor];
            corr_annual = snp_crf(in->discount_rate, co->lifetime_yr) * co->capital;
            corr_capital = co->capital;
        }
        /* with discrete sizes, the size that saves most on what can be sent */
        gpick best = c;
        int any = 0;
        for (int z = l->n_sizes > 0 ? 0 : -1; z < l->n_sizes; z++) {
            gpick t = c;
            t.size = z;
            t.q = z >= 0 ? fmin(c.q, l->sizes[z].capacity) : c.q;
            double size_capital = z >= 0 ? l->length_km * l->sizes[z].capital_per_km : 0;
            t.capital = l->fixed_capital + l->unit_capital * t.q + size_capital + corr_capital;
            t.saving = t.q * unit - l->fixed_annual - l->crf * size_capital - corr_annual;
            if (t.capital > g->budget_left || (t.tier == 0 && !(t.saving > 0)))
                continue;
            if (!any || pick_better(&t, &best))
                best = t;
            any = 1;
        }
        if (!any)
            continue;
        c = best;
        if (!found || pick_better(&c, p)) {
            *p = c;
            found = 1;
        }
    }
    return found;
}

int snp_pq_above(const snp_pq_entry *a, const snp_pq_entry *b)
{
    return a->tier != b->tier ? a->tier > b->tier : a->value > b->value;
}

void snp_pq_push(snp_pq_entry *hp, int *n, snp_pq_entry e)
{
    int i = (*n)++;
    while (i > 0 && snp_pq_above(&e, &hp[(i - 1) / 2])) {
        hp[i] = hp[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    hp[i] = e;
}

snp_pq_entry snp_pq_pop(snp_pq_entry *hp, int *n)
{
    snp_pq_entry top = hp[0], last = hp[--*n];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && snp_pq_above(&hp[c + 1], &hp[c]))
            c++;
        if (!snp_pq_above(&hp[c], &last))
            break;
        hp[i] = hp[c];
        i = c;
    }
    if (*n > 0)
        hp[i] = last;
    return top;
}

/* ---- hubs in the first network ------------------------------------------------------------
 * After the links between facilities, hubs (section 7) are opened greedily too: for a hub, its
 * input links are taken best first (the sender's disposal avoided, less the link's and the
 * processing's cost per unit) up to its largest capacity; what each input yields is placed on
 * the output links best first (the purchase avoided at the receiver, less the link's cost),
 * the rest disposed of at the hub. A chunk (one input link with what it yields) is kept only
 * when it saves more than the fixed costs of the links it opens; the hub saves the sum less
 * the annual cost of the smallest capacity option that holds what it processes. The hub that
 * saves most is opened, the residuals lowered, and the others valued again (lazily), until
 * none saves anything. */

typedef struct hslot {
    int link, item; /* item: the hub's input or output index */
    int end;        /* the facility's supply (inputs) or demand (outputs) index */
    double val;     /* saving per unit sent, before fixed costs */
    double cap;     /* most it can carry now */
    double used;
    double tent; /* outputs: placed by the input link being weighed */
} hslot;

static int hslot_cmp(const void *a, const void *b)
{
    const hslot *x = a, *y = b;
    return (x->val < y->val) - (x->val > y->val);
}

static double link_fixed(const snp_link *l, double q, int *size)
{
    *size = -1;
    if (l->n_sizes == 0)
        return l->fixed_annual;
    *size = l->n_sizes - 1;
    for (int s = 0; s < l->n_sizes; s++)
        if (l->sizes[s].capacity >= q) {
            *size = s;
            break;
        }
    return l->fixed_annual + l->crf * l->length_km * l->sizes[*size].capital_per_km;
}

/* The slots of hub hb (inputs into ins, outputs into outs) valued on the residuals of g. */
static void hub_slots(const greedy *g, int hb, const int *list, int n_list, hslot *ins, int *n_in,
                      hslot *outs, int *n_out)
{
    const sn_model *m = g->m;
    const sn_instance *in = m->inst;
    const snp_hub *hub = &in->hubs[hb];
    double pi = in->carbon_price;
    *n_in = *n_out = 0;
    for (int t = 0; t < n_list; t++) {
        const snp_link *l = snp_model_link(m, list[t]);
        int f;
        double per_trip = l->trip_capacity > 0 ? l->trip_cost / l->trip_capacity : 0;
        if (l->forced || l->n_comm != 1)
            continue;
        if (snp_node_kind_of(in, l->tail, &f) == SNP_NODE_FACILITY) { /* into the hub */
            const snp_facility *fa = &in->facilities[f];
            for (int s = 0; s < fa->n_supplies; s++) {
                const snp_supply *su = &fa->supplies[s];
                double left = g->sup_left[g->sup_off[f] + s];
                if (su->resource != l->resource || !(left > 0))
                    continue;
                for (int i = 0; i < hub->n_inputs; i++) {
                    const snp_hub_input *hi = &hub->inputs[i];
                    if (hi->resource != l->resource)
                        continue;
                    double v_out = su->has_disposal ? su->disposal_cost + pi * su->disposal_co2 : 0;
                    ins[(*n_in)++] =
                        (hslot){list[t],
                                i,
                                s,
                                v_out - l->unit_annual - per_trip -
                                    l->arrive * (hi->cost_per_unit + pi * hi->co2_per_unit),
                                fmin(left, l->bound),
                                0,
                                0};
                }
            }
        } else if (snp_node_kind_of(in, l->head, &f) == SNP_NODE_FACILITY) { /* out of it */
            const snp_facility *fa = &in->facilities[f];
            for (int o = 0; o < hub->n_outputs; o++) {
                if (hub->outputs[o].resource != l->resource)
                    continue;
                for (int d = 0; d < fa->n_demands; d++) {
                    const snp_demand *dm = &fa->demands[d];
                    double ratio = accept_ratio(dm, l->resource);
                    double need = g->dem_left[g->dem_off[f] + d];
                    if (!(ratio > 0) || !(need > 0) || !dm->has_price)
                        continue;
                    outs[(*n_out)++] = (hslot){list[t],
                                               o,
                                               d,
                                               l->arrive * (dm->price + pi * dm->co2) * ratio -
                                                   l->unit_annual - per_trip,
                                               fmin(need / (l->arrive * ratio), l->bound),
                                               0,
                                               0};
                }
            }
        }
    }
    qsort(ins, (size_t)*n_in, sizeof *ins, hslot_cmp);
    qsort(outs, (size_t)*n_out, sizeof *outs, hslot_cmp);
}

/* Plans hub hb on the residuals of g: fills ins[].used and outs[].used, returns the annual
 * saving (<= 0 when it does not pay) and in *option the capacity option. */
static double hub_plan(const greedy *g, int hb, hslot *ins, int n_in, hslot *outs, int n_out,
                       int *option)
{
    const sn_model *m = g->m;
    const snp_hub *hub = &m->inst->hubs[hb];
    double cap = hub->capacities[hub->n_capacities - 1].capacity, processed = 0, saving = 0;
    const double pi = m->inst->carbon_price;
    for (int a = 0; a < n_in && processed < cap; a++) {
        const snp_link *l = snp_model_link(m, ins[a].link);
        const snp_hub_input *hi = &hub->inputs[ins[a].item];
        double q = fmin(ins[a].cap, (cap - processed) / l->arrive);
        if (!(q > 0))
            continue;
        int size;
        double value = q * ins[a].val - link_fixed(l, q, &size);
        /* what it yields, placed on the output links best first (tentatively) */
        for (int b = 0; b < n_out; b++)
            outs[b].tent = 0;
        for (int o = 0; o < hub->n_outputs; o++) {
            double amount = q * l->arrive * hi->yields[o];
            for (int b = 0; b < n_out && amount > 0; b++) {
                if (outs[b].item != o || !(outs[b].val > 0))
                    continue;
                double take = fmin(amount, outs[b].cap - outs[b].used);
                if (!(take > 0))
                    continue;
                const snp_link *lo = snp_model_link(m, outs[b].link);
                int s2;
                value += take * outs[b].val;
                if (outs[b].used == 0)
                    value -= link_fixed(lo, outs[b].cap, &s2);
                outs[b].tent = take;
                amount -= take;
            }
            value -= amount * (hub->outputs[o].disposal_cost + pi * hub->outputs[o].disposal_co2);
        }
        if (!(value > 0))
            continue;
        ins[a].used = q;
        for (int b = 0; b < n_out; b++)
            outs[b].used += outs[b].tent;
        processed += q * l->arrive;
        saving += value;
    }
    if (!(processed > 0))
        return 0;
    double crf = snp_crf(m->inst->discount_rate, hub->lifetime_yr);
    *option = hub->n_capacities - 1;
    for (int o = 0; o < hub->n_capacities; o++)
        if (hub->capacities[o].capacity >= processed * (1 - 1e-9)) {
            *option = o;
            break;
        }
    const snp_hub_capacity *c = &hub->capacities[*option];
    return saving - (crf * c->capital + c->fixed_opex);
}

/* The hub at the head of link l, else at its tail; -1 when neither end is a hub. */
static int hub_of_link(const sn_instance *in, const snp_link *l)
{
    int hb;
    if (snp_node_kind_of(in, l->head, &hb) == SNP_NODE_HUB ||
        snp_node_kind_of(in, l->tail, &hb) == SNP_NODE_HUB)
        return hb;
    return -1;
}

/* Opens hubs while one saves something (see above), marking their links in chosen and writing
 * them into lpx. Returns -1 when memory runs out. */
static int greedy_hubs(greedy *g, double *lpx, char *chosen)
{
    const sn_model *m = g->m;
    const sn_instance *in = m->inst;
    int nh = in->n_hubs, nl = (int)m->links.len, rc = -1;
    if (nh == 0)
        return 0;
    int *start = snp_calloc((size_t)nh + 2, sizeof *start),
        *list = snp_calloc((size_t)nl + 1, sizeof *list);
    hslot *ins = snp_calloc((size_t)nl + 1, sizeof *ins),
          *outs = snp_calloc((size_t)nl + 1, sizeof *outs);
    snp_pq_entry *heap = snp_calloc((size_t)nh + 1, sizeof *heap);
    if (!start || !list || !ins || !outs || !heap)
        goto done;
    /* the links at each hub, grouped by hub */
    for (int k = 0; k < nl; k++) {
        int hb = hub_of_link(in, snp_model_link(m, k));
        if (hb >= 0)
            start[hb + 1]++;
    }
    for (int hb = 0; hb < nh; hb++)
        start[hb + 1] += start[hb];
    int *fill = snp_calloc((size_t)nh + 1, sizeof *fill);
    if (!fill)
        goto done;
    for (int k = 0; k < nl; k++) {
        int hb = hub_of_link(in, snp_model_link(m, k));
        if (hb >= 0)
            list[start[hb] + fill[hb]++] = k;
    }
    snp_free(fill);
    /* lazily, as for the links: a hub's saving only falls as the residuals fall, so a popped
     * hub whose new plan still saves most is opened, else put back with its new saving */
    int n = 0;
    for (int hb = 0; hb < nh; hb++) {
        const snp_hub *hub = &in->hubs[hb];
        if (hub->status != SNP_STATUS_CANDIDATE || !m->hub_size_col[hb])
            continue;
        int n_in, n_out, option;
        hub_slots(g, hb, list + start[hb], start[hb + 1] - start[hb], ins, &n_in, outs, &n_out);
        double saving = hub_plan(g, hb, ins, n_in, outs, n_out, &option);
        if (saving > 0)
            snp_pq_push(heap, &n, (snp_pq_entry){0, saving, hb});
    }
    while (n > 0) {
        snp_pq_entry e = snp_pq_pop(heap, &n);
        int best = e.id, n_in, n_out, option;
        hub_slots(g, best, list + start[best], start[best + 1] - start[best], ins, &n_in, outs,
                  &n_out);
        double saving = hub_plan(g, best, ins, n_in, outs, n_out, &option);
        if (!(saving > 0))
            continue;
        if (n > 0 && heap[0].value > saving) {
            snp_pq_push(heap, &n, (snp_pq_entry){0, saving, best});
            continue;
        }
        const snp_hub *hub = &in->hubs[best];
        double capital = hub->capacities[option].capital;
        for (int a = 0; a < n_in; a++)
            if (ins[a].used > 0)
                capital += snp_link_capital(snp_model_link(m, ins[a].link), -1, ins[a].used);
        for (int b = 0; b < n_out; b++)
            if (outs[b].used > 0)
                capital += snp_link_capital(snp_model_link(m, outs[b].link), -1, outs[b].used);
        if (capital > g->budget_left)
            continue;
        g->budget_left -= capital;
        lpx[m->hub_size_col[best][option]] = 1;
        for (int a = 0; a < n_in; a++) {
            if (!(ins[a].used > 0))
                continue;
            const snp_link *l = snp_model_link(m, ins[a].link);
            int f, size;
            snp_node_kind_of(in, l->tail, &f);
            g->sup_left[g->sup_off[f] + ins[a].end] -= ins[a].used;
            lpx[m->hub_proc_col[best][ins[a].item]] += ins[a].used * l->arrive;
            lpx[l->first_flow] += ins[a].used;
            link_fixed(l, ins[a].used, &size);
            if (l->col_build >= 0)
                lpx[l->col_build + (size > 0 ? size : 0)] = 1;
            chosen[ins[a].link] = 1;
        }
        for (int b = 0; b < n_out; b++) {
            if (!(outs[b].used > 0))
                continue;
            const snp_link *l = snp_model_link(m, outs[b].link);
            int f, size;
            snp_node_kind_of(in, l->head, &f);
            const snp_demand *dm = &in->facilities[f].demands[outs[b].end];
            double ratio = accept_ratio(dm, l->resource);
            if (dm->n_limits == 0)
                g->dem_left[g->dem_off[f] + outs[b].end] -= outs[b].used * l->arrive * ratio;
            lpx[l->first_flow] += outs[b].used;
            link_fixed(l, outs[b].used, &size);
            if (l->col_build >= 0)
                lpx[l->col_build + (size > 0 ? size : 0)] = 1;
            chosen[outs[b].link] = 1;
        }
    }
    rc = 0;
done:
    snp_free(start);
    snp_free(list);
    snp_free(ins);
    snp_free(outs);
    snp_free(heap);
    return rc;
}

/* Chooses the links (lazy greedy: savings only fall as the ends' residuals fall), marks them
 * in chosen[link] and writes them into lpx (one value per model column) as an LP point that
 * snp_round_binaries opens: flow q
 * and the chosen size. Returns -1 when memory runs out. */
static int greedy_choose(const sn_model *m, double *lpx, char *chosen)
{
    const sn_instance *in = m->inst;
    greedy g;
    memset(&g, 0, sizeof g);
    g.m = m;
    int nf = in->n_facilities, nl = (int)m->links.len, ns = 0, nd = 0, rc = -1, n = 0;
    g.sup_off = snp_calloc((size_t)nf + 1, sizeof *g.sup_off);
    g.dem_off = snp_calloc((size_t)nf + 1, sizeof *g.dem_off);
    g.corr_open = snp_calloc((size_t)in->n_corridors + 1, 1);
    snp_pq_entry *hp = snp_calloc((size_t)nl + 1, sizeof *hp);
    if (!g.sup_off || !g.dem_off || !g.corr_open || !hp)
        goto done;
    for (int f = 0; f < nf; f++) {
        g.sup_off[f] = ns;
        g.dem_off[f] = nd;
        ns += in->facilities[f].n_supplies;
        nd += in->facilities[f].n_demands;
    }
    g.sup_left = snp_calloc((size_t)ns + 1, sizeof *g.sup_left);
    g.dem_left = snp_calloc((size_t)nd + 1, sizeof *g.dem_left);
    if (!g.sup_left || !g.dem_left)
        goto done;
    for (int f = 0; f < nf; f++) {
        for (int k = 0; k < in->facilities[f].n_supplies; k++)
            g.sup_left[g.sup_off[f] + k] = in->facilities[f].supplies[k].amount;
        for (int k = 0; k < in->facilities[f].n_demands; k++)
            g.dem_left[g.dem_off[f] + k] = in->facilities[f].demands[k].amount;
    }
    /* the budget less what is built whatever happens: forced links, hubs and corridors */
    g.budget_left = in->has_budget ? in->budget : INFINITY;
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (l->forced)
            g.budget_left -= l->fixed_capital;
        if (l->forced && l->corridor >= 0)
            g.corr_open[l->corridor] = 1;
    }
    for (int hb = 0; hb < in->n_hubs; hb++)
        if (in->hubs[hb].status == SNP_STATUS_FORCED)
            g.budget_left -= in->hubs[hb].capacities[0].capital;
    for (int c = 0; c < in->n_corridors; c++)
        if (in->corridors[c].status == SNP_STATUS_FORCED) {
            g.budget_left -= in->corridors[c].capital;
            g.corr_open[c] = 1;
        }
    memset(lpx, 0, m->cols.len * sizeof *lpx);
    for (int k = 0; k < nl; k++) {
        gpick p;
        if (gr_eval(&g, snp_model_link(m, k), &p))
            snp_pq_push(hp, &n, (snp_pq_entry){p.tier, p.saving, k});
    }
    while (n > 0) {
        snp_pq_entry e = snp_pq_pop(hp, &n);
        const snp_link *l = snp_model_link(m, e.id);
        gpick p;
        if (!gr_eval(&g, l, &p))
            continue;
        snp_pq_entry now = {p.tier, p.saving, e.id};
        if (n > 0 && snp_pq_above(&hp[0], &now)) {
            snp_pq_push(hp, &n, now); /* no longer the best: look again later */
            continue;
        }
        int u, v;
        snp_node_kind_of(in, l->tail, &u);
        snp_node_kind_of(in, l->head, &v);
        const snp_demand *dm = &in->facilities[v].demands[p.demand];
        double ratio = accept_ratio(dm, l->resource);
        g.sup_left[g.sup_off[u] + p.supply] -= p.q;
        /* a demand with a quality limit may need a blend: it stays open to more sources */
        if (dm->n_limits == 0)
            g.dem_left[g.dem_off[v] + p.demand] -= p.q * l->arrive * ratio;
        g.budget_left -= p.capital;
        if (l->corridor >= 0)
            g.corr_open[l->corridor] = 1;
        lpx[l->first_flow] = p.q;
        if (l->col_build >= 0)
            lpx[l->col_build + (p.size > 0 ? p.size : 0)] = 1;
        chosen[e.id] = 1;
    }
    if (greedy_hubs(&g, lpx, chosen) != 0)
        goto done;
    rc = 0;
done:
    snp_free(g.sup_off);
    snp_free(g.dem_off);
    snp_free(g.sup_left);
    snp_free(g.dem_left);
    snp_free(g.corr_open);
    snp_free(hp);
    return rc;
}

/* ---- the plugin ------------------------------------------------------------------------ */

typedef struct first {
    const sn_model *m;
    snp_round *r;
} first;

void *snp_heur_first_create(const sn_model *m)
{
    first *f = snp_calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->m = m;
    f->r = snp_round_create(m);
    if (!f->r) {
        snp_free(f);
        return NULL;
    }
    return f;
}

int snp_heur_first_run(void *data, snp_plugin_env *env)
{
    first *f = data;
    const sn_model *m = f->m;
    size_t n = m->cols.len;
    char *chosen = snp_calloc(m->links.len + 1, 1), *zero = snp_calloc(n + 1, 1);
    double *lpx = snp_calloc(n + 1, sizeof *lpx);
    int rc = -1;
    if (!chosen || !zero || !lpx || greedy_choose(m, lpx, chosen) != 0)
        goto done;
    /* the links without a binary that the greedy pass did not choose are closed: trucks and
     * free links would otherwise keep the whole transport problem of their resources in the LP
     * of the fixed network */
    for (int k = 0; k < (int)m->links.len; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (l->col_build >= 0 || chosen[k])
            continue;
        for (int q = 0; q < l->n_comm; q++)
            zero[l->first_flow + q] = 1;
    }
    double z;
    snp_round_binaries(f->r, lpx, 1e-9);
    int priced = snp_round_price(f->r, env->fixed_lp, env->lp_ctx, zero, &z);
    if (priced != 0) {
        /* nothing built but what is forced (business as usual where it exists) */
        memset(lpx, 0, n * sizeof *lpx);
        snp_round_binaries(f->r, lpx, 1e-9);
        priced = snp_round_price(f->r, env->fixed_lp, env->lp_ctx, zero, &z);
    }
    rc = 0;
    if (priced == 0) {
        memcpy(env->net, f->r->x, n * sizeof *f->r->x);
        env->net_obj = z;
        rc = 1;
    }
done:
    snp_free(chosen);
    snp_free(zero);
    snp_free(lpx);
    return rc;
}

void snp_heur_first_free(void *data)
{
    first *f = data;
    if (!f)
        return;
    snp_round_free(f->r);
    snp_free(f);
}
