/*
 * verify.c - the independent solution checker (verify_int.h). Recomputes, from the region data
 * alone and the decisions a solution file reports, every balance, capacity, link, quality
 * limit, region cap and cost, and compares them with what the file says.
 *
 * Stage: sn_instance + snp_solution_doc -> [verify]. Shares no code with src/model/: what a
 * candidate link is, its length, loss, costs and capital recovery factor are re-derived here
 * from docs/model.md (sections cited below) and docs/format.md. Order of the checks:
 *   1. region name and currency; facilities, supplies and demands match the region (always);
 *   2. for a network (status optimal or feasible): hubs and corridors built (7, 8.4),
 *      links (2, 8), facility rows (5.1-5.4), node balances (5.2, 6, 7.1, 7.4),
 *      costs (4), region caps (9), business as usual and savings (4), and the proof figures
 *      (the bound below the objective, the gap as defined in src/solve/glpk.c);
 *   3. for infeasible, unbounded and no_solution: no network may be reported.
 * Every comparison is |a - b| <= SNP_VERIFY_REL * max(|a|, |b|, S) + floor (docs/testing.md).
 */
#include "verify_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- lookups ------------------------------------------------------------------------------ */

typedef struct id_ref {
    const char *id;
    int index;
} id_ref;

static int id_ref_cmp(const void *a, const void *b)
{
    const id_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c != 0)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

typedef struct id_table {
    id_ref *refs;
    int n;
} id_table;

/* First entry with id (lowest index), or -1. */
static int id_find(const id_table *t, const char *id)
{
    if (!id)
        return -1;
    int lo = 0, hi = t->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(t->refs[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && strcmp(t->refs[lo].id, id) == 0 ? t->refs[lo].index : -1;
}

/* One node's flow of one resource (origin -1: all origins), aggregated over the file. */
typedef struct flow_rec {
    int node, resource, origin;
    double in;   /* arriving on links (sent * arriving fraction) */
    double out;  /* sent on links */
    double take; /* delivered to demands (facility) or processed (hub) */
    double give; /* reported sent (facility supply) or produced - disposed (hub output) */
} flow_rec;

static int flow_rec_cmp(const void *a, const void *b)
{
    const flow_rec *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    if (x->resource != y->resource)
        return x->resource < y->resource ? -1 : 1;
    return (x->origin > y->origin) - (x->origin < y->origin);
}

/* A link of the file resolved to its candidate, for finding the same link listed twice. With
 * network routing (model.md 2.4) a candidate pipe is
 * one trench in one direction, and two ways may join the same two vertices: trench tells such
 * parallel pipes apart (NULL otherwise). */
typedef struct link_key {
    int tail, head, resource, mode, spec;
    const char *trench;
    int index;
} link_key;

/* 0 when x and y are the same candidate, else their order. */
static int same_candidate(const link_key *x, const link_key *y)
{
    const int xa[] = {x->tail, x->head, x->resource, x->mode, x->spec};
    const int ya[] = {y->tail, y->head, y->resource, y->mode, y->spec};
    for (int k = 0; k < 5; k++)
        if (xa[k] != ya[k])
            return xa[k] < ya[k] ? -1 : 1;
    if (!x->trench || !y->trench)
        return (x->trench != NULL) - (y->trench != NULL);
    return strcmp(x->trench, y->trench);
}

static int link_key_cmp(const void *a, const void *b)
{
    const link_key *x = a, *y = b;
    int c = same_candidate(x, y);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Costs by category as in the solution's cost_breakdown, plus the magnitudes added. */
typedef struct tally {
    double disposal, purchase, capital_annualised, operating, co2;
    double capital; /* undiscounted */
    double gross;   /* sum of |term| of everything added: the scale of the money checks */
    double co2_gross;
} tally;

typedef struct vctx {
    const sn_instance *in;
    const snp_solution_doc *doc;
    sn_diag *diag;
    int nerr, nomem;
    double amount_scale; /* largest supply, demand or hub capacity in the region */
    id_table nodes, resources, corridors, link_ids;
    char *tracked;       /* per resource: quality tracked by origin (model.md 1.2) */
    int *hub_option;     /* per hub: capacity option built, or -1 */
    int *corridor_built; /* per corridor: 1 when the file lists it */
    char *spec_used;     /* per explicit link: matched by a link of the file */
    char *piped;         /* per trench of the file: a pipe built runs in it (8.4) */
    double *zone_trips;  /* per zone: truck trips a year of the links entering it (9.3) */
    int *zone_seen;      /* per zone: the last link counted in zone_trips */
    int *fac_sol;        /* per region facility: index in the file, or -1 */
    snp_vec recs;        /* flow_rec */
    snp_vec keys;        /* link_key */
    snp_vlink *vl;       /* per link of the file: as check_link derived it, for periods.c */
    tally t;
} vctx;

static void verr(vctx *v, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void cert_err(void *ctx, const char *path, const char *msg);

static void verr(vctx *v, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    snp_diag_vadd(v->diag, SN_EINTERNAL, v->doc->file, path, fmt, ap);
    va_end(ap);
    v->nerr++;
}

/* ---- tolerances (docs/testing.md) ----------------------------------------------------------- */

static double amount_tol(const vctx *v, double a, double b, double scale)
{
    double m = fmax(fabs(a), fmax(fabs(b), fabs(scale)));
    return SNP_VERIFY_REL * m + SNP_VERIFY_ABS * v->amount_scale;
}

static int amounts_agree(const vctx *v, double a, double b, double scale)
{
    return fabs(a - b) <= amount_tol(v, a, b, scale);
}

static int money_agrees(double a, double b, double scale)
{
    double m = fmax(fabs(a), fmax(fabs(b), fabs(scale)));
    return fabs(a - b) <= SNP_VERIFY_REL * m;
}

/* A number the network needs; reports null. */
static int need(vctx *v, const char *path, double x)
{
    if (isfinite(x))
        return 1;
    verr(v, path, "expected a number, got null");
    return 0;
}

static void nonneg(vctx *v, const char *path, double x, double scale)
{
    if (isfinite(x) && x < -amount_tol(v, x, 0, scale))
        verr(v, path, "expected a number >= 0, got %.10g", x);
}

static void push_rec(vctx *v, int node, int r, int origin, double in, double out, double take,
                     double give)
{
    flow_rec rec = {node, r, origin, in, out, take, give};
    if (!snp_vec_push(&v->recs, &rec))
        v->nomem = 1;
}

/* ---- 1. structure shared by every status ------------------------------------------------- */

static int build_tables(vctx *v)
{
    const sn_instance *in = v->in;
    int nn = snp_node_count(in);
    v->nodes.refs = snp_calloc((size_t)nn + 1, sizeof(id_ref));
    v->resources.refs = snp_calloc((size_t)in->n_resources + 1, sizeof(id_ref));
    v->corridors.refs = snp_calloc((size_t)in->n_corridors + 1, sizeof(id_ref));
    v->link_ids.refs = snp_calloc((size_t)in->n_links + 1, sizeof(id_ref));
    v->tracked = snp_calloc((size_t)in->n_resources + 1, 1);
    v->hub_option = snp_calloc((size_t)in->n_hubs + 1, sizeof(int));
    v->corridor_built = snp_calloc((size_t)in->n_corridors + 1, sizeof(int));
    v->spec_used = snp_calloc((size_t)in->n_links + 1, 1);
    if (in->n_ways > 0 && !(v->piped = snp_calloc((size_t)v->doc->n_trenches + 1, 1)))
        return -1;
    v->zone_trips = snp_calloc((size_t)in->n_zones + 1, sizeof *v->zone_trips);
    v->zone_seen = snp_calloc((size_t)in->n_zones + 1, sizeof *v->zone_seen);
    if (!v->zone_trips || !v->zone_seen)
        return -1;
    for (int z = 0; z < in->n_zones; z++)
        v->zone_seen[z] = -1;
    v->fac_sol = snp_calloc((size_t)in->n_facilities + 1, sizeof(int));
    v->vl = snp_calloc((size_t)v->doc->n_links + 1, sizeof(snp_vlink));
    if (!v->vl)
        return -1;
    for (int i = 0; i < v->doc->n_links; i++)
        v->vl[i].resource = -1;
    if (!v->nodes.refs || !v->resources.refs || !v->corridors.refs || !v->link_ids.refs ||
        !v->tracked || !v->hub_option || !v->corridor_built || !v->spec_used || !v->fac_sol)
        return -1;
    for (int n = 0; n < nn; n++)
        if (snp_node_id(in, n))
            v->nodes.refs[v->nodes.n++] = (id_ref){snp_node_id(in, n), n};
    for (int r = 0; r < in->n_resources; r++)
        v->resources.refs[v->resources.n++] = (id_ref){in->resources[r].id, r};
    for (int c = 0; c < in->n_corridors; c++)
        v->corridors.refs[v->corridors.n++] = (id_ref){in->corridors[c].id, c};
    for (int k = 0; k < in->n_links; k++)
        if (in->links[k].id)
            v->link_ids.refs[v->link_ids.n++] = (id_ref){in->links[k].id, k};
    id_table *tabs[] = {&v->nodes, &v->resources, &v->corridors, &v->link_ids};
    for (size_t t = 0; t < sizeof tabs / sizeof tabs[0]; t++)
        if (tabs[t]->n > 1)
            qsort(tabs[t]->refs, (size_t)tabs[t]->n, sizeof(id_ref), id_ref_cmp);
    for (int h = 0; h < in->n_hubs; h++)
        v->hub_option[h] = -1;
    for (int f = 0; f < in->n_facilities; f++)
        v->fac_sol[f] = -1;

    /* model.md 1.2: tracked when a demand limits an attribute of a resource it accepts, or
     * when the resource can pass a junction (a junction carries it, or an explicit link that
     * is not forbidden touches one). */
    double scale = 1;
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++)
            scale = fmax(scale, fa->supplies[s].amount);
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            scale = fmax(scale, d->amount);
            for (int q = 0; q < d->n_limits; q++)
                for (int r = 0; r < in->n_resources; r++) {
                    if (!(snp_verify_accept_ratio(d, r) > 0))
                        continue;
                    const snp_resource *res = &in->resources[r];
                    for (int a = 0; a < res->n_attrs; a++)
                        if (strcmp(res->attrs[a], d->limits[q].attr) == 0)
                            v->tracked[r] = 1;
                }
        }
    }
    for (int j = 0; j < in->n_junctions; j++)
        for (int r = 0; r < in->n_resources; r++)
            if (in->resources[r].has_pipe && snp_verify_junction_carries(&in->junctions[j], r))
                v->tracked[r] = 1;
    int first_junction = in->n_facilities + in->n_hubs;
    for (int k = 0; k < in->n_links; k++) {
        const snp_link_spec *sp = &in->links[k];
        if (sp->status != SNP_STATUS_FORBIDDEN &&
            (sp->from >= first_junction || sp->to >= first_junction))
            v->tracked[sp->resource] = 1;
    }
    /* a file may also report origins of other resources: then it must do so throughout */
    for (int i = 0; i < v->doc->n_links; i++) {
        int r = id_find(&v->resources, v->doc->links[i].resource);
        if (r >= 0 && v->doc->links[i].has_by_origin)
            v->tracked[r] = 1;
    }
    for (int i = 0; i < v->doc->n_facilities; i++)
        for (int k = 0; k < v->doc->facilities[i].n_demands; k++) {
            const snp_sol_demand *sd = &v->doc->facilities[i].demands[k];
            for (int q = 0; q < sd->n_deliveries; q++) {
                int r = id_find(&v->resources, sd->deliveries[q].resource);
                if (r >= 0 && sd->deliveries[q].origin)
                    v->tracked[r] = 1;
            }
        }
    for (int h = 0; h < in->n_hubs; h++)
        scale = fmax(scale, in->hubs[h].capacities[in->hubs[h].n_capacities - 1].capacity);
    v->amount_scale = scale;
    return 0;
}

static void free_tables(vctx *v)
{
    snp_free(v->nodes.refs);
    snp_free(v->resources.refs);
    snp_free(v->corridors.refs);
    snp_free(v->link_ids.refs);
    snp_free(v->tracked);
    snp_free(v->hub_option);
    snp_free(v->corridor_built);
    snp_free(v->spec_used);
    snp_free(v->piped);
    snp_free(v->zone_trips);
    snp_free(v->zone_seen);
    snp_free(v->fac_sol);
    snp_free(v->vl);
    snp_vec_free(&v->recs);
    snp_vec_free(&v->keys);
}

/* Region, currency, and the facilities of the file against the region's. */
static void check_structure(vctx *v)
{
    const sn_instance *in = v->in;
    const snp_solution_doc *d = v->doc;
    char path[160];
    if (d->region && in->name && strcmp(d->region, in->name) != 0)
        verr(v, "region", "expected the region \"%.80s\", got \"%.80s\"", in->name, d->region);
    if (d->currency && in->currency && strcmp(d->currency, in->currency) != 0)
        verr(v, "currency", "expected \"%.8s\" (the region's currency), got \"%.8s\"", in->currency,
             d->currency);
    for (int i = 0; i < d->n_facilities; i++) {
        const snp_sol_facility *sf = &d->facilities[i];
        snprintf(path, sizeof path, "facilities[%d].id", i);
        int node = id_find(&v->nodes, sf->id);
        int fi;
        if (node < 0 || snp_node_kind_of(in, node, &fi) != SNP_NODE_FACILITY) {
            verr(v, path, "expected a facility of the region, got \"%.64s\"", sf->id ? sf->id : "");
            continue;
        }
        if (v->fac_sol[fi] >= 0) {
            verr(v, path, "facility \"%s\" is listed twice (first at facilities[%d])", sf->id,
                 v->fac_sol[fi]);
            continue;
        }
        v->fac_sol[fi] = i;
    }
    for (int f = 0; f < in->n_facilities; f++)
        if (v->fac_sol[f] < 0)
            verr(v, "facilities", "facility \"%s\" of the region is missing", in->facilities[f].id);
}

/* ---- 2. the network ---------------------------------------------------------------------- */

/* Hubs built (model.md 7): known, not forbidden, once each, a capacity option of the region. */
static void check_hubs(vctx *v)
{
    const sn_instance *in = v->in;
    const snp_solution_doc *d = v->doc;
    char path[160];
    for (int i = 0; i < d->n_hubs; i++) {
        const snp_sol_hub *sh = &d->hubs[i];
        snprintf(path, sizeof path, "hubs[%d].id", i);
        int node = id_find(&v->nodes, sh->id), h;
        if (node < 0 || snp_node_kind_of(in, node, &h) != SNP_NODE_HUB) {
            verr(v, path, "expected a hub of the region, got \"%.64s\"", sh->id ? sh->id : "");
            continue;
        }
        const snp_hub *hub = &in->hubs[h];
        if (hub->status == SNP_STATUS_FORBIDDEN) {
            verr(v, path, "hub \"%s\" is forbidden but reported built", hub->id);
            continue;
        }
        if (v->hub_option[h] >= 0) {
            verr(v, path, "hub \"%s\" is listed twice", hub->id);
            continue;
        }
        int opt = -1;
        for (int o = 0; o < hub->n_capacities && opt < 0; o++) {
            const snp_hub_capacity *c = &hub->capacities[o];
            if (c->capacity == sh->capacity && c->capital == sh->capital &&
                c->fixed_opex == sh->fixed_opex)
                opt = o;
        }
        snprintf(path, sizeof path, "hubs[%d].capacity", i);
        if (opt < 0) {
            verr(v, path,
                 "expected one of hub \"%s\"'s capacity options (capacity, capital, fixed_opex), "
                 "got %.10g, %.10g, %.10g",
                 hub->id, sh->capacity, sh->capital, sh->fixed_opex);
            continue;
        }
        v->hub_option[h] = opt;
        const snp_hub_capacity *c = &hub->capacities[opt];
        double k = snp_verify_crf(in->discount_rate, hub->lifetime_yr);
        v->t.capital_annualised += k * c->capital;
        v->t.operating += c->fixed_opex;
        v->t.capital += c->capital;
        v->t.gross += k * c->capital + c->fixed_opex;
    }
    for (int h = 0; h < in->n_hubs; h++)
        if (in->hubs[h].status == SNP_STATUS_FORCED && v->hub_option[h] < 0)
            verr(v, "hubs", "hub \"%s\" is forced but not reported built", in->hubs[h].id);
}

/* Inputs processed and outputs produced at built hubs (model.md 7.1-7.4). Runs after
 * check_hubs; pushes what the hub takes and gives for the balance check. */
static void check_hub_flows(vctx *v)
{
    const sn_instance *in = v->in;
    const snp_solution_doc *d = v->doc;
    double cp = in->carbon_price;
    char path[160];
    for (int i = 0; i < d->n_hubs; i++) {
        const snp_sol_hub *sh = &d->hubs[i];
        int node = id_find(&v->nodes, sh->id), h;
        if (node < 0 || snp_node_kind_of(in, node, &h) != SNP_NODE_HUB || v->hub_option[h] < 0)
            continue;
        const snp_hub *hub = &in->hubs[h];
        double cap = hub->capacities[v->hub_option[h]].capacity;
        double *proc = snp_calloc((size_t)hub->n_inputs + 1, sizeof *proc);
        char *seen = snp_calloc((size_t)hub->n_inputs + (size_t)hub->n_outputs + 1, 1);
        if (!proc || !seen) {
            snp_free(proc);
            snp_free(seen);
            v->nomem = 1;
            return;
        }
        double total = 0;
        for (int k = 0; k < sh->n_processed; k++) {
            const snp_sol_amount *a = &sh->processed[k];
            snprintf(path, sizeof path, "hubs[%d].processed[%d]", i, k);
            int r = id_find(&v->resources, a->resource);
            int inp = r >= 0 ? snp_verify_hub_input(hub, r) : -1;
            if (inp < 0 || seen[inp]) {
                verr(v, path, "expected an input of hub \"%s\" (once), got \"%.64s\"", hub->id,
                     a->resource ? a->resource : "");
                continue;
            }
            seen[inp] = 1;
            nonneg(v, path, a->amount, cap);
            proc[inp] = a->amount;
            total += a->amount;
            push_rec(v, node, r, -1, 0, 0, a->amount, 0);
            const snp_hub_input *hi = &hub->inputs[inp];
            v->t.operating += hi->cost_per_unit * a->amount;
            v->t.co2 += hi->co2_per_unit * a->amount;
            v->t.gross += fabs((hi->cost_per_unit + cp * hi->co2_per_unit) * a->amount);
            v->t.co2_gross += hi->co2_per_unit * fabs(a->amount);
        }
        for (int k = 0; k < hub->n_inputs; k++)
            if (!seen[k])
                verr(v, path, "missing the amount processed of input \"%s\" of hub \"%s\"",
                     in->resources[hub->inputs[k].resource].id, hub->id);
        snprintf(path, sizeof path, "hubs[%d].processed", i);
        if (total > cap + amount_tol(v, total, cap, cap))
            verr(v, path,
                 "hub capacity (7.2): expected at most %.10g processed (the capacity built), got "
                 "%.10g",
                 cap, total);
        for (int k = 0; k < sh->n_produced; k++) {
            const snp_sol_amount *a = &sh->produced[k];
            snprintf(path, sizeof path, "hubs[%d].produced[%d]", i, k);
            int r = id_find(&v->resources, a->resource);
            int o = r >= 0 ? snp_verify_hub_output(hub, r) : -1;
            if (o < 0 || seen[hub->n_inputs + o]) {
                verr(v, path, "expected an output of hub \"%s\" (once), got \"%.64s\"", hub->id,
                     a->resource ? a->resource : "");
                continue;
            }
            seen[hub->n_inputs + o] = 1;
            double made = 0;
            for (int q = 0; q < hub->n_inputs; q++)
                made += hub->inputs[q].yields[o] * proc[q];
            char sub[200];
            snprintf(sub, sizeof sub, "%s.amount", path);
            if (!amounts_agree(v, a->amount, made, cap))
                verr(v, sub,
                     "hub output (7.4): expected %.10g (yields times amounts processed), got "
                     "%.10g",
                     made, a->amount);
            snprintf(sub, sizeof sub, "%s.disposed", path);
            nonneg(v, sub, a->disposed, cap);
            push_rec(v, node, r, -1, 0, 0, 0, a->amount - a->disposed);
            const snp_hub_output *ho = &hub->outputs[o];
            v->t.disposal += ho->disposal_cost * a->disposed;
            v->t.co2 += ho->disposal_co2 * a->disposed;
            v->t.gross += fabs((ho->disposal_cost + cp * ho->disposal_co2) * a->disposed);
            v->t.co2_gross += ho->disposal_co2 * fabs(a->disposed);
        }
        for (int o = 0; o < hub->n_outputs; o++)
            if (!seen[hub->n_inputs + o]) {
                snprintf(path, sizeof path, "hubs[%d].produced", i);
                verr(v, path, "missing the output \"%s\" of hub \"%s\"",
                     in->resources[hub->outputs[o].resource].id, hub->id);
            }
        snp_free(proc);
        snp_free(seen);
    }
}

/* Corridors built (model.md 8.4): known, not forbidden, once each, the region's capital. */
static void check_corridors(vctx *v)
{
    const sn_instance *in = v->in;
    const snp_solution_doc *d = v->doc;
    char path[160];
    for (int i = 0; i < d->n_corridors; i++) {
        const snp_sol_corridor *sc = &d->corridors[i];
        snprintf(path, sizeof path, "corridors[%d].id", i);
        int c = id_find(&v->corridors, sc->id);
        if (c < 0) {
            verr(v, path, "expected a corridor of the region, got \"%.64s\"", sc->id ? sc->id : "");
            continue;
        }
        const snp_corridor *co = &in->corridors[c];
        if (co->status == SNP_STATUS_FORBIDDEN) {
            verr(v, path, "corridor \"%s\" is forbidden but reported built", co->id);
            continue;
        }
        if (v->corridor_built[c]) {
            verr(v, path, "corridor \"%s\" is listed twice", co->id);
            continue;
        }
        v->corridor_built[c] = 1;
        snprintf(path, sizeof path, "corridors[%d].capital", i);
        if (!money_agrees(sc->capital, co->capital, 0))
            verr(v, path, "expected %.10g (the corridor's capital), got %.10g", co->capital,
                 sc->capital);
        double k = snp_verify_crf(in->discount_rate, co->lifetime_yr);
        v->t.capital_annualised += k * co->capital;
        v->t.capital += co->capital;
        v->t.gross += k * co->capital;
    }
    for (int c = 0; c < in->n_corridors; c++)
        if (in->corridors[c].status == SNP_STATUS_FORCED && !v->corridor_built[c])
            verr(v, "corridors", "corridor \"%s\" is forced but not reported built",
                 in->corridors[c].id);
}

/* Finds the explicit link a file link stands for: by id when it has one, else the first
 * explicit link with the same ends, resource and mode. Returns the spec or -1; *any_key tells
 * whether some explicit link has that key (then no generated candidate exists). */
static int match_spec(const vctx *v, const snp_sol_link *sl, const snp_vlink *l, int *any_key,
                      int *forbidden)
{
    const sn_instance *in = v->in;
    *any_key = 0;
    *forbidden = 0;
    int hit = -1;
    for (int k = 0; k < in->n_links; k++) {
        const snp_link_spec *sp = &in->links[k];
        if (sp->from != l->tail || sp->to != l->head || sp->resource != l->resource ||
            sp->mode != l->mode)
            continue;
        *any_key = 1;
        if (sp->status == SNP_STATUS_FORBIDDEN) {
            *forbidden = 1;
            continue;
        }
        /* FROM/TO/RESOURCE/MODE ids name the key, not an entry (snp_link_key_id) */
        const char *sid = sl->id && !strchr(sl->id, '/') ? sl->id : NULL;
        if (sid ? (sp->id && strcmp(sp->id, sid) == 0) : hit < 0)
            hit = k;
    }
    return hit;
}

static void check_link(vctx *v, int i, const snp_sol_link *sl)
{
    const sn_instance *in = v->in;
    double cp = in->carbon_price;
    char path[200], sub[240];
    snprintf(path, sizeof path, "links[%d]", i);
    snp_vlink l;
    memset(&l, 0, sizeof l);
    l.tail = id_find(&v->nodes, sl->from);
    l.head = id_find(&v->nodes, sl->to);
    l.resource = id_find(&v->resources, sl->resource);
    int mode_ok = sl->mode && (strcmp(sl->mode, "pipe") == 0 || strcmp(sl->mode, "truck") == 0);
    l.mode = mode_ok && strcmp(sl->mode, "truck") == 0 ? SNP_MODE_TRUCK : SNP_MODE_PIPE;
    if (l.tail < 0 || l.head < 0 || l.resource < 0 || !mode_ok) {
        const char *what = l.tail < 0       ? "from"
                           : l.head < 0     ? "to"
                           : l.resource < 0 ? "resource"
                                            : "mode";
        const char *got = l.tail < 0       ? sl->from
                          : l.head < 0     ? sl->to
                          : l.resource < 0 ? sl->resource
                                           : sl->mode;
        snprintf(sub, sizeof sub, "%s.%s", path, what);
        verr(v, sub, "expected %s of the region, got \"%.64s\"",
             l.resource < 0 && l.tail >= 0 && l.head >= 0 ? "a resource"
             : !mode_ok && l.tail >= 0 && l.head >= 0     ? "\"pipe\" or \"truck\" as mode"
                                                          : "a facility, hub or junction",
             got ? got : "");
        return;
    }
    const char *rid = in->resources[l.resource].id;
    const char *tid = snp_node_id(in, l.tail), *hid = snp_node_id(in, l.head);
    int key_id = sl->id && strchr(sl->id, '/'); /* FROM/TO/RESOURCE/MODE: names the key only */
    if (key_id) {
        char want[SNP_LINK_ID_MAX];
        snp_link_key_id(in, l.tail, l.head, l.resource, l.mode, want, sizeof want);
        if (strcmp(want, sl->id) != 0) {
            snprintf(sub, sizeof sub, "%s.id", path);
            verr(v, sub, "expected \"%s\" (the link's FROM/TO/RESOURCE/MODE), got \"%.64s\"", want,
                 sl->id);
            return;
        }
    }

    /* which candidate (model.md 2): explicit, else generated */
    int any_key, forbidden;
    int spec = match_spec(v, sl, &l, &any_key, &forbidden);
    const snp_link_spec *sp = spec >= 0 ? &in->links[spec] : NULL;
    l.spec = spec;
    snp_verify_link_length(in, &l, sp);
    /* over the ways (2.3): the route's length, unless a corridor or a given length decides */
    if (in->n_ways > 0 && l.corridor < 0 && !(sp && sp->has_length)) {
        if (sl->has_route) {
            double len =
                snp_verify_route(in, v->doc, i, l.tail, l.head, l.mode, l.resource, v->piped,
                                 &l.zone_charge, v->zone_trips, v->zone_seen, cert_err, v);
            if (isnan(len))
                return;
            l.length_km = len;
            l.routed = 1;
        } else if (!sp && !(l.mode == SNP_MODE_TRUCK && (!snp_verify_near_road(in, l.tail) ||
                                                         !snp_verify_near_road(in, l.head)))) {
            /* only a truck with an end beyond max_service_km of every road keeps the line */
            verr(v, path, "link %s -> %s (%s, %s): expected a route over the ways, got none", tid,
                 hid, rid, sl->mode);
            return;
        }
    }
    int priced = 1;
    if (sp && sp->has_given_cost) {
        l.crf = snp_verify_crf(in->discount_rate, sp->lifetime_yr);
        l.fixed_capital = sp->capital;
        l.fixed_opex = sp->fixed_cost_per_yr;
        l.unit_capital = sp->capital_per_unit;
        l.unit_opex = sp->cost_per_unit;
        l.arrive = 1.0 - sp->loss;
    } else {
        priced = snp_verify_price_from_mode(in, &l);
    }
    if (sp && sp->has_capacity)
        l.capacity = sp->capacity;
    if (!sp && in->only_forced) {
        verr(v, path,
             "link %s -> %s (%s, %s) is not forced, and the region builds only what is forced "
             "(region.only_forced)",
             tid, hid, rid, sl->mode);
        return;
    }
    if (!sp) {
        const char *why = NULL;
        if (forbidden) {
            verr(v, path, "link %s -> %s (%s, %s) is forbidden (links[] of the region)", tid, hid,
                 rid, sl->mode);
            return;
        }
        if (sl->id && !key_id && any_key) {
            snprintf(sub, sizeof sub, "%s.id", path);
            verr(v, sub, "expected the id of an explicit link %s -> %s (%s, %s), got \"%.64s\"",
                 tid, hid, rid, sl->mode, sl->id);
            return;
        }
        if (sl->id && !key_id) {
            snprintf(sub, sizeof sub, "%s.id", path);
            verr(v, sub, "expected no id (a generated link), got \"%.64s\"", sl->id);
            return;
        }
        if (!snp_verify_generated(in, &l, &why)) {
            verr(v, path, "link %s -> %s (%s, %s) is not a candidate of the region: %s", tid, hid,
                 rid, sl->mode, why);
            return;
        }
    } else {
        v->spec_used[spec] = 1;
        if (!priced) {
            verr(v, path, "link %s -> %s: resource %s has no %s mode and the link gives no costs",
                 tid, hid, rid, sl->mode);
            return;
        }
    }
    /* the same candidate twice is caught by check_duplicates */
    const char *trench =
        in->routing_network && l.mode == SNP_MODE_PIPE && sl->n_route == 1 ? sl->route[0] : NULL;
    link_key key = {l.tail, l.head, l.resource, (int)l.mode, l.spec, trench, i};
    if (!snp_vec_push(&v->keys, &key))
        v->nomem = 1;
    v->vl[i] = l;

    double flow = sl->flow;
    if (!need(v, path, flow))
        return;
    snprintf(sub, sizeof sub, "%s.forced", path);
    int forced = sp && sp->status == SNP_STATUS_FORCED;
    if (sl->forced != forced)
        verr(v, sub, "expected %s, got %s", forced ? "true" : "false",
             sl->forced ? "true" : "false");
    snprintf(sub, sizeof sub, "%s.length_km", path);
    if (!money_agrees(sl->length_km, l.length_km, 0))
        verr(v, sub, "expected %.10g (recomputed from the region), got %.10g", l.length_km,
             sl->length_km);
    snprintf(sub, sizeof sub, "%s.flow", path);
    nonneg(v, sub, flow, v->amount_scale);
    snprintf(sub, sizeof sub, "%s.delivered", path);
    if (!amounts_agree(v, sl->delivered, flow * l.arrive, flow))
        verr(v, sub, "expected %.10g (flow %.10g times arriving fraction %.10g), got %.10g",
             flow * l.arrive, flow, l.arrive, sl->delivered);

    /* ends (model.md 8.3, 8.4) */
    for (int e = 0; e < 2; e++) {
        int h;
        int node = e == 0 ? l.tail : l.head;
        if (snp_node_kind_of(in, node, &h) == SNP_NODE_HUB && v->hub_option[h] < 0)
            verr(v, path, "link %s -> %s (%s) needs hub \"%s\" (8.3), which is not built", tid, hid,
                 rid, in->hubs[h].id);
    }
    snprintf(sub, sizeof sub, "%s.corridor", path);
    if (l.corridor >= 0) {
        const char *cid = in->corridors[l.corridor].id;
        if (!v->corridor_built[l.corridor])
            verr(v, path, "pipe %s -> %s (%s) runs in corridor \"%s\" (8.4), which is not built",
                 tid, hid, rid, cid);
        if (!sl->corridor || strcmp(sl->corridor, cid) != 0)
            verr(v, sub, "expected \"%s\", got %s%.64s%s", cid, sl->corridor ? "\"" : "",
                 sl->corridor ? sl->corridor : "nothing", sl->corridor ? "\"" : "");
    } else if (sl->corridor) {
        verr(v, sub, "expected no corridor (none joins %s and %s), got \"%.64s\"", tid, hid,
             sl->corridor);
    }

    /* capacity and size (8.1, 8.2) */
    int size = -1;
    snprintf(sub, sizeof sub, "%s.size_capacity", path);
    if (l.n_sizes > 0) {
        if (!sl->has_size_capacity || !isfinite(sl->size_capacity)) {
            verr(v, sub, "expected the capacity of one of the pipe sizes of %s, got nothing", rid);
        } else {
            /* several sizes may share a capacity: take the one whose capital matches */
            for (int s = 0; s < l.n_sizes; s++) {
                if (l.sizes[s].capacity != sl->size_capacity)
                    continue;
                double cap_s = l.fixed_capital + l.unit_capital * flow +
                               l.length_km * l.sizes[s].capital_per_km;
                if (size < 0 || money_agrees(sl->capital, cap_s, 0))
                    size = s;
            }
            if (size < 0)
                verr(v, sub, "expected the capacity of one of the pipe sizes of %s, got %.10g", rid,
                     sl->size_capacity);
            else if (flow > sl->size_capacity + amount_tol(v, flow, sl->size_capacity, 0))
                verr(v, path, "link capacity (8.1): flow %.10g exceeds the size's capacity %.10g",
                     flow, sl->size_capacity);
        }
    } else if (sl->has_size_capacity) {
        verr(v, sub, "expected no size (the link has no discrete sizes), got %.10g",
             sl->size_capacity);
    }
    if (l.capacity > 0 && flow > l.capacity + amount_tol(v, flow, l.capacity, 0))
        verr(v, path, "link capacity: flow %.10g exceeds the link's capacity %.10g", flow,
             l.capacity);

    /* trips (8.5) */
    double trips = 0;
    snprintf(sub, sizeof sub, "%s.trips", path);
    if (l.trip_cost > 0) {
        if (!sl->has_trips || !isfinite(sl->trips)) {
            verr(v, sub, "expected the number of trips (the truck charges per trip), got nothing");
        } else {
            trips = sl->trips;
            if (trips < 0 || fabs(trips - round(trips)) > 1e-9 * fmax(1, fabs(trips)))
                verr(v, sub, "expected a whole number of trips >= 0, got %.10g", trips);
            else if (trips * l.trip_capacity < flow - amount_tol(v, flow, 0, 0))
                verr(v, sub,
                     "expected at least %.10g trips (flow %.10g / truck capacity %.10g), got "
                     "%.10g",
                     ceil(flow / l.trip_capacity - 1e-9), flow, l.trip_capacity, trips);
        }
    } else if (sl->has_trips) {
        verr(v, sub, "expected no trips (this link is not charged per trip), got %.10g", sl->trips);
    }

    /* costs (model.md 2 table, 4) */
    double size_cap = size >= 0 ? l.length_km * l.sizes[size].capital_per_km : 0;
    /* periods (docs/model.md 14.9): capital per unit is paid on the size the largest period
     * needs, max_p x_p H / h_p (periods.c checks the per-period flows themselves) */
    double sized = flow;
    if (in->n_periods > 0 && in->res_periodic[l.resource] && sl->by_period.n == in->n_periods) {
        sized = 0;
        for (int p = 0; p < in->n_periods; p++)
            sized = fmax(sized, sl->by_period.v[p] * in->period_hours_total / in->periods[p].hours);
    }
    double capital = l.fixed_capital + l.unit_capital * sized + size_cap;
    double cap_ann = l.crf * capital;
    double opex = l.fixed_opex + l.unit_opex * flow + l.trip_cost * trips;
    double co2 = l.unit_co2 * flow;
    double annual = cap_ann + opex + cp * co2;
    double gross = fabs(cap_ann) + fabs(opex) + fabs(cp * co2);
    snprintf(sub, sizeof sub, "%s.capital", path);
    if (!money_agrees(sl->capital, capital, 0))
        verr(v, sub, "expected %.10g (recomputed from the region), got %.10g", capital,
             sl->capital);
    snprintf(sub, sizeof sub, "%s.annual_cost", path);
    if (!money_agrees(sl->annual_cost, annual, gross))
        verr(v, sub, "expected %.10g (recomputed from the region), got %.10g", annual,
             sl->annual_cost);
    v->t.capital += capital;
    v->t.capital_annualised += cap_ann;
    v->t.operating += opex;
    v->t.co2 += co2;
    v->t.gross += gross;
    v->t.co2_gross += fabs(co2);

    /* flows for the node balances, by origin when the resource is tracked (model.md 1.2) */
    push_rec(v, l.tail, l.resource, -1, 0, flow, 0, 0);
    push_rec(v, l.head, l.resource, -1, flow * l.arrive, 0, 0, 0);
    snprintf(sub, sizeof sub, "%s.by_origin", path);
    if (!v->tracked[l.resource])
        return;
    if (!sl->has_by_origin) {
        verr(v, sub,
             "expected the flow by origin (%s is tracked by origin: model.md 1.2), got nothing",
             rid);
        return;
    }
    int tk;
    int tail_junction = snp_node_kind_of(in, l.tail, &tk) == SNP_NODE_JUNCTION;
    double sum = 0;
    for (int k = 0; k < sl->n_by_origin; k++) {
        const snp_sol_origin *o = &sl->by_origin[k];
        char op[260];
        snprintf(op, sizeof op, "%s[%d].origin", sub, k);
        int on = id_find(&v->nodes, o->origin);
        if (on < 0 || !(snp_verify_can_send(in, on, l.resource) > 0)) {
            verr(v, op, "expected a facility or hub that supplies %s, got \"%.64s\"", rid,
                 o->origin ? o->origin : "");
            continue;
        }
        if (!tail_junction && on != l.tail) {
            verr(v, op,
                 "expected \"%s\" (a link from a facility or hub carries its own %s), "
                 "got \"%.64s\"",
                 tid, rid, o->origin);
            continue;
        }
        snprintf(op, sizeof op, "%s[%d].flow", sub, k);
        nonneg(v, op, o->flow, flow);
        sum += o->flow;
        push_rec(v, l.tail, l.resource, on, 0, o->flow, 0, 0);
        push_rec(v, l.head, l.resource, on, o->flow * l.arrive, 0, 0, 0);
    }
    if (!amounts_agree(v, sum, flow, flow))
        verr(v, sub, "expected flows by origin adding up to the link's flow %.10g, got %.10g", flow,
             sum);
}

/* The same candidate (ends, resource, mode, explicit link) listed twice. */
static void check_duplicates(vctx *v)
{
    snp_vec *kv = &v->keys;
    if (kv->len > 1)
        qsort(kv->data, kv->len, sizeof(link_key), link_key_cmp);
    for (size_t k = 1; k < kv->len; k++) {
        const link_key *a = &SNP_VEC_AT(kv, link_key, k - 1), *b = &SNP_VEC_AT(kv, link_key, k);
        if (same_candidate(a, b) == 0) {
            char path[64];
            snprintf(path, sizeof path, "links[%d]", b->index);
            verr(v, path, "link %s -> %s (%s) is listed twice (also links[%d])",
                 snp_node_id(v->in, b->tail), snp_node_id(v->in, b->head),
                 v->in->resources[b->resource].id, a->index);
        }
    }
}

/* Quality value of attribute attr of resource r from origin node on, or NAN. */
static double origin_quality(const sn_instance *in, int on, int r, const char *attr)
{
    const snp_resource *res = &in->resources[r];
    int a = -1;
    for (int k = 0; k < res->n_attrs; k++)
        if (strcmp(res->attrs[k], attr) == 0)
            a = k;
    if (a < 0)
        return NAN;
    int i;
    const double *q = NULL;
    if (snp_node_kind_of(in, on, &i) == SNP_NODE_FACILITY) {
        const snp_supply *s = snp_verify_facility_supply(&in->facilities[i], r);
        q = s ? s->quality : NULL;
    } else if (snp_node_kind_of(in, on, &i) == SNP_NODE_HUB) {
        int o = snp_verify_hub_output(&in->hubs[i], r);
        q = o >= 0 ? in->hubs[i].outputs[o].quality : NULL;
    }
    return q ? q[a] : NAN;
}

/* Quality limits (model.md 5.4): flow-weighted averages over the network's deliveries. */
static void check_quality(vctx *v, const char *dpath, const snp_demand *d, const snp_sol_demand *sd)
{
    const sn_instance *in = v->in;
    for (int q = 0; q < d->n_limits; q++) {
        const snp_quality_limit *lim = &d->limits[q];
        double wsum = 0, asum = 0, mag = 0, qmax = 0;
        int known = 1;
        for (int k = 0; k < sd->n_deliveries; k++) {
            const snp_sol_delivery *dl = &sd->deliveries[k];
            int r = id_find(&v->resources, dl->resource);
            int on = id_find(&v->nodes, dl->origin);
            if (r < 0 || !isfinite(dl->amount))
                continue;
            const snp_resource *res = &in->resources[r];
            int declares = 0;
            for (int a = 0; a < res->n_attrs; a++)
                declares |= strcmp(res->attrs[a], lim->attr) == 0;
            if (!declares)
                continue;
            double val = on >= 0 ? origin_quality(in, on, r, lim->attr) : NAN;
            if (!isfinite(val)) {
                known = 0; /* reported by the delivery check */
                continue;
            }
            wsum += val * dl->amount;
            asum += dl->amount;
            mag += fabs(val) * fabs(dl->amount);
            qmax = fmax(qmax, fabs(val));
        }
        if (!known || !(asum > SNP_VERIFY_ABS * v->amount_scale))
            continue;
        double avg = wsum / asum;
        for (int side = 0; side < 2; side++) {
            if ((side == 0 && !lim->has_max) || (side == 1 && !lim->has_min))
                continue;
            double bound = side == 0 ? lim->max : lim->min;
            double excess = side == 0 ? wsum - bound * asum : bound * asum - wsum;
            double tol = SNP_VERIFY_REL * (mag + fabs(bound) * asum) +
                         SNP_VERIFY_ABS * v->amount_scale * (qmax + fabs(bound));
            if (excess > tol) {
                char path[300];
                snprintf(path, sizeof path, "%s.deliveries", dpath);
                verr(v, path,
                     "quality limit (5.4): the flow-weighted average of %s is %.10g, expected %s "
                     "%.10g",
                     lim->attr, avg, side == 0 ? "at most" : "at least", bound);
            }
        }
    }
}

/* Facility rows (model.md 5.1, 5.3, 5.4) for the file's facility i (region facility f). With
 * net == 0 only the amounts are compared. */
static void check_facility(vctx *v, int i, int f, int net)
{
    const sn_instance *in = v->in;
    const snp_facility *fa = &in->facilities[f];
    const snp_sol_facility *sf = &v->doc->facilities[i];
    double cp = in->carbon_price;
    char path[200], sub[260];
    int node = f;
    char *seen = snp_calloc((size_t)fa->n_supplies + (size_t)fa->n_demands + 1, 1);
    if (!seen) {
        v->nomem = 1;
        return;
    }
    for (int k = 0; k < sf->n_supplies; k++) {
        const snp_sol_supply *ss = &sf->supplies[k];
        snprintf(path, sizeof path, "facilities[%d].supplies[%d]", i, k);
        int r = id_find(&v->resources, ss->resource);
        int s = -1;
        for (int q = 0; q < fa->n_supplies && r >= 0; q++)
            if (fa->supplies[q].resource == r)
                s = q;
        if (s < 0 || seen[s]) {
            snprintf(sub, sizeof sub, "%s.resource", path);
            verr(v, sub, "expected a resource that %s supplies (once), got \"%.64s\"", fa->id,
                 ss->resource ? ss->resource : "");
            continue;
        }
        seen[s] = 1;
        const snp_supply *su = &fa->supplies[s];
        snprintf(sub, sizeof sub, "%s.amount", path);
        if (ss->amount != su->amount)
            verr(v, sub, "expected %.10g (the region's supply), got %.10g", su->amount, ss->amount);
        if (!net)
            continue;
        snprintf(sub, sizeof sub, "%s.sent", path);
        int ok = need(v, sub, ss->sent);
        snprintf(sub, sizeof sub, "%s.disposed", path);
        ok &= need(v, sub, ss->disposed);
        if (!ok)
            continue;
        nonneg(v, sub, ss->disposed, su->amount);
        if (!su->has_disposal && !amounts_agree(v, ss->disposed, 0, su->amount))
            verr(v, sub,
                 "expected 0 (the supply has no disposal option: all must be taken), "
                 "got %.10g",
                 ss->disposed);
        snprintf(sub, sizeof sub, "%s.sent", path);
        nonneg(v, sub, ss->sent, su->amount);
        if (!amounts_agree(v, ss->sent + ss->disposed, su->amount, su->amount))
            verr(v, path,
                 "supply balance (5.1): sent + disposed = %.10g + %.10g = %.10g, expected the "
                 "amount %.10g",
                 ss->sent, ss->disposed, ss->sent + ss->disposed, su->amount);
        push_rec(v, node, r, -1, 0, 0, 0, ss->sent);
        v->t.disposal += su->disposal_cost * ss->disposed;
        v->t.co2 += su->disposal_co2 * ss->disposed;
        v->t.gross += fabs((su->disposal_cost + cp * su->disposal_co2) * ss->disposed);
        v->t.co2_gross += su->disposal_co2 * fabs(ss->disposed);
    }
    for (int q = 0; q < fa->n_supplies; q++)
        if (!seen[q]) {
            snprintf(path, sizeof path, "facilities[%d].supplies", i);
            verr(v, path, "missing the supply of %s", in->resources[fa->supplies[q].resource].id);
        }
    for (int k = 0; k < sf->n_demands; k++) {
        const snp_sol_demand *sd = &sf->demands[k];
        snprintf(path, sizeof path, "facilities[%d].demands[%d]", i, k);
        int r = id_find(&v->resources, sd->resource);
        int dk = -1;
        for (int q = 0; q < fa->n_demands && r >= 0; q++)
            if (fa->demands[q].resource == r)
                dk = q;
        if (dk < 0 || seen[fa->n_supplies + dk]) {
            snprintf(sub, sizeof sub, "%s.resource", path);
            verr(v, sub, "expected a resource that %s demands (once), got \"%.64s\"", fa->id,
                 sd->resource ? sd->resource : "");
            continue;
        }
        seen[fa->n_supplies + dk] = 1;
        const snp_demand *d = &fa->demands[dk];
        snprintf(sub, sizeof sub, "%s.amount", path);
        if (sd->amount != d->amount)
            verr(v, sub, "expected %.10g (the region's demand), got %.10g", d->amount, sd->amount);
        if (!net) {
            if (sd->n_deliveries > 0) {
                snprintf(sub, sizeof sub, "%s.deliveries", path);
                verr(v, sub, "expected no deliveries without a network, got %d", sd->n_deliveries);
            }
            continue;
        }
        snprintf(sub, sizeof sub, "%s.received", path);
        int ok = need(v, sub, sd->received);
        snprintf(sub, sizeof sub, "%s.purchased", path);
        ok &= need(v, sub, sd->purchased);
        if (!ok)
            continue;
        nonneg(v, sub, sd->purchased, d->amount);
        if (!d->has_price && !amounts_agree(v, sd->purchased, 0, d->amount))
            verr(v, sub,
                 "expected 0 (the demand has no price: the network must serve it), got "
                 "%.10g",
                 sd->purchased);
        double met = 0;
        int origins_ok = 1;
        for (int q = 0; q < sd->n_deliveries; q++) {
            const snp_sol_delivery *dl = &sd->deliveries[q];
            char dp[300];
            snprintf(dp, sizeof dp, "%s.deliveries[%d]", path, q);
            int dr = id_find(&v->resources, dl->resource);
            double ratio = dr >= 0 ? snp_verify_accept_ratio(d, dr) : 0;
            if (!(ratio > 0)) {
                verr(v, dp, "expected %s or one of its substitutes, got \"%.64s\"",
                     in->resources[d->resource].id, dl->resource ? dl->resource : "");
                continue;
            }
            nonneg(v, dp, dl->amount, d->amount);
            met += ratio * dl->amount;
            push_rec(v, node, dr, -1, 0, 0, dl->amount, 0);
            if (!v->tracked[dr])
                continue;
            int on = id_find(&v->nodes, dl->origin);
            if (on < 0 || !(snp_verify_can_send(in, on, dr) > 0)) {
                verr(v, dp,
                     "expected the origin of the %s delivered (a facility or hub that "
                     "supplies it), got %s%.64s%s",
                     in->resources[dr].id, dl->origin ? "\"" : "",
                     dl->origin ? dl->origin : "nothing", dl->origin ? "\"" : "");
                origins_ok = 0;
                continue;
            }
            push_rec(v, node, dr, on, 0, 0, dl->amount, 0);
        }
        snprintf(sub, sizeof sub, "%s.received", path);
        if (!amounts_agree(v, sd->received, met, d->amount))
            verr(v, sub, "expected %.10g (deliveries times their ratios), got %.10g", met,
                 sd->received);
        if (!amounts_agree(v, met + sd->purchased, d->amount, d->amount))
            verr(v, path,
                 "demand balance (5.3): delivered %.10g + purchased %.10g = %.10g, expected the "
                 "amount %.10g",
                 met, sd->purchased, met + sd->purchased, d->amount);
        if (origins_ok)
            check_quality(v, path, d, sd);
        v->t.purchase += d->price * sd->purchased;
        v->t.co2 += d->co2 * sd->purchased;
        v->t.gross += fabs((d->price + cp * d->co2) * sd->purchased);
        v->t.co2_gross += d->co2 * fabs(sd->purchased);
    }
    for (int q = 0; q < fa->n_demands; q++)
        if (!seen[fa->n_supplies + q]) {
            snprintf(path, sizeof path, "facilities[%d].demands", i);
            verr(v, path, "missing the demand of %s", in->resources[fa->demands[q].resource].id);
        }
    snp_free(seen);
}

/* Node balances (model.md 5.1/5.2 at facilities, 6 at junctions, 7.1/7.4 at hubs) from the
 * aggregated records: what links bring and take against what the file says was delivered,
 * sent, processed or shipped. */
static void check_balances(vctx *v)
{
    const sn_instance *in = v->in;
    snp_vec *rv = &v->recs;
    if (rv->len > 1)
        qsort(rv->data, rv->len, sizeof(flow_rec), flow_rec_cmp);
    size_t w = 0;
    for (size_t k = 0; k < rv->len; k++) {
        flow_rec *a = &SNP_VEC_AT(rv, flow_rec, k);
        if (w > 0 && flow_rec_cmp(&SNP_VEC_AT(rv, flow_rec, w - 1), a) == 0) {
            flow_rec *b = &SNP_VEC_AT(rv, flow_rec, w - 1);
            b->in += a->in;
            b->out += a->out;
            b->take += a->take;
            b->give += a->give;
        } else {
            SNP_VEC_AT(rv, flow_rec, w++) = *a;
        }
    }
    rv->len = w;
    for (size_t k = 0; k < rv->len; k++) {
        const flow_rec *a = &SNP_VEC_AT(rv, flow_rec, k);
        int i;
        snp_node_kind kind = snp_node_kind_of(in, a->node, &i);
        const char *nid = snp_node_id(in, a->node);
        const char *rid = in->resources[a->resource].id;
        const char *oid = a->origin >= 0 ? snp_node_id(in, a->origin) : NULL;
        char path[200], what[160];
        if (oid)
            snprintf(what, sizeof what, "%s from %s", rid, oid);
        else
            snprintf(what, sizeof what, "%s", rid);
        switch (kind) {
        case SNP_NODE_FACILITY: {
            int fi = v->fac_sol[i];
            if (fi < 0)
                break;
            snprintf(path, sizeof path, "facilities[%d]", fi);
            if (!amounts_agree(v, a->in, a->take, 0))
                verr(v, path,
                     "inflow (5.2): %.10g of %s arrives on links at %s, but %.10g is delivered to "
                     "its demands",
                     a->in, what, nid, a->take);
            if (a->origin < 0 && !amounts_agree(v, a->out, a->give, 0))
                verr(v, path,
                     "supply (5.1): links carry %.10g of %s away from %s, but it reports %.10g "
                     "sent",
                     a->out, rid, nid, a->give);
            break;
        }
        case SNP_NODE_HUB: {
            if (v->hub_option[i] < 0 || a->origin >= 0)
                break; /* links at unbuilt hubs are reported by the link check */
            snprintf(path, sizeof path, "hubs[\"%s\"]", nid);
            if (!amounts_agree(v, a->in, a->take, 0))
                verr(v, path,
                     "hub input (7.1): %.10g of %s arrives on links, but %.10g is processed", a->in,
                     rid, a->take);
            if (!amounts_agree(v, a->out, a->give, 0))
                verr(v, path,
                     "hub output (7.4): links carry %.10g of %s away, but produced - disposed is "
                     "%.10g",
                     a->out, rid, a->give);
            break;
        }
        case SNP_NODE_JUNCTION:
            snprintf(path, sizeof path, "junctions[\"%s\"]", nid);
            if (!amounts_agree(v, a->in, a->out, 0))
                verr(v, path, "junction conservation (6): %.10g of %s arrives, but %.10g leaves",
                     a->in, what, a->out);
            break;
        }
    }
}

/* Costs, caps, business as usual (model.md 4, 9). */
static void check_money(vctx *v, int bau_ok, double btotal, double bcarbon, double bgross,
                        double total, double carbon);

static void check_totals(vctx *v)
{
    const sn_instance *in = v->in;
    const snp_solution_doc *d = v->doc;
    const tally *t = &v->t;
    double cp = in->carbon_price;
    double carbon = cp * t->co2;
    double total = t->disposal + t->purchase + t->capital_annualised + t->operating + carbon;
    double S = t->gross;
    /* the objective is the region's (9.6): the cost, the emissions or (check_layouts) a count */
    if (in->objective == SNP_OBJ_COST && need(v, "objective", d->objective) &&
        !money_agrees(d->objective, total, S))
        verr(v, "objective",
             "expected %.10g (the network's annual cost recomputed from the region), got %.10g",
             total, d->objective);
    if (in->objective == SNP_OBJ_CO2 && need(v, "objective", d->objective) &&
        !money_agrees(d->objective, t->co2, t->co2_gross))
        verr(v, "objective",
             "expected %.10g (the network's emissions, region.objective \"co2\"), got %.10g",
             t->co2, d->objective);
    /* 9.4 */
    if (in->has_cost_cap && total > in->cost_cap + SNP_VERIFY_REL * fmax(in->cost_cap, S))
        verr(v, "objective", "cost cap (9.4): %.10g a year, expected at most %.10g", total,
             in->cost_cap);
    if (!d->has_cost_breakdown) {
        verr(v, "cost_breakdown", "missing: a network needs its cost breakdown");
    } else {
        const snp_sol_costs *c = &d->cost;
        const struct {
            const char *key;
            double got, want;
        } rows[] = {
            {"cost_breakdown.disposal", c->disposal, t->disposal},
            {"cost_breakdown.purchase", c->purchase, t->purchase},
            {"cost_breakdown.capital_annualised", c->capital_annualised, t->capital_annualised},
            {"cost_breakdown.operating", c->operating, t->operating},
            {"cost_breakdown.carbon", c->carbon, carbon},
            {"cost_breakdown.total", c->total, total}};
        for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
            if (need(v, rows[k].key, rows[k].got) && !money_agrees(rows[k].got, rows[k].want, S))
                verr(v, rows[k].key, "expected %.10g (recomputed from the region), got %.10g",
                     rows[k].want, rows[k].got);
    }
    if (need(v, "capital", d->capital) && !money_agrees(d->capital, t->capital, 0))
        verr(v, "capital", "expected %.10g (capital of everything built), got %.10g", t->capital,
             d->capital);
    if (need(v, "co2_t_per_yr", d->co2_t_per_yr) &&
        !money_agrees(d->co2_t_per_yr, t->co2, t->co2_gross))
        verr(v, "co2_t_per_yr", "expected %.10g (the network's emissions), got %.10g", t->co2,
             d->co2_t_per_yr);
    /* 9.1, 9.2 */
    if (in->has_budget && t->capital > in->budget + SNP_VERIFY_REL * fmax(in->budget, t->capital))
        verr(v, "capital", "capital budget (9.1): %.10g built, expected at most %.10g", t->capital,
             in->budget);
    if (in->has_co2_cap &&
        t->co2 > in->co2_cap_t_per_yr + SNP_VERIFY_REL * fmax(in->co2_cap_t_per_yr, t->co2_gross))
        verr(v, "co2_t_per_yr", "emission cap (9.2): %.10g t/yr, expected at most %.10g", t->co2,
             in->co2_cap_t_per_yr);

    /* business as usual: every supply disposed of, every demand bought */
    int feasible = 1;
    double bdisp = 0, bbuy = 0, bco2 = 0, bgross = 0;
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++) {
            const snp_supply *su = &fa->supplies[s];
            feasible &= su->has_disposal;
            bdisp += su->disposal_cost * su->amount;
            bco2 += su->disposal_co2 * su->amount;
            bgross += fabs((su->disposal_cost + cp * su->disposal_co2) * su->amount);
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *dm = &fa->demands[k];
            feasible &= dm->has_price;
            bbuy += dm->price * dm->amount;
            bco2 += dm->co2 * dm->amount;
            bgross += fabs((dm->price + cp * dm->co2) * dm->amount);
        }
    }
    double btotal = bdisp + bbuy + cp * bco2;
    if (d->bau_feasible != feasible) {
        verr(v, "bau.feasible", "expected %s, got %s", feasible ? "true" : "false",
             d->bau_feasible ? "true" : "false");
        return;
    }
    check_money(v, feasible, btotal, cp * bco2, bgross, total, carbon);
    if (!feasible)
        return;
    if (need(v, "bau.cost", d->bau_cost) && !money_agrees(d->bau_cost, btotal, bgross))
        verr(v, "bau.cost", "expected %.10g (everything disposed of and bought), got %.10g", btotal,
             d->bau_cost);
    if (need(v, "bau.co2_t_per_yr", d->bau_co2_t_per_yr) &&
        !money_agrees(d->bau_co2_t_per_yr, bco2, 0))
        verr(v, "bau.co2_t_per_yr", "expected %.10g, got %.10g", bco2, d->bau_co2_t_per_yr);
    if (d->has_bau_breakdown && !money_agrees(d->bau.total, btotal, bgross))
        verr(v, "bau_breakdown.total", "expected %.10g, got %.10g", btotal, d->bau.total);
    if (need(v, "savings", d->savings) && !money_agrees(d->savings, btotal - total, S + bgross))
        verr(v, "savings", "expected %.10g (business as usual - network), got %.10g",
             btotal - total, d->savings);
    if (need(v, "co2_avoided_t_per_yr", d->co2_avoided_t_per_yr) &&
        !money_agrees(d->co2_avoided_t_per_yr, bco2 - t->co2, bco2 + t->co2_gross))
        verr(v, "co2_avoided_t_per_yr", "expected %.10g, got %.10g", bco2 - t->co2,
             d->co2_avoided_t_per_yr);
}

/* 1 when the file's x agrees with want: both null (NAN) or both numbers that agree at scale. */
static int same_or_null(double x, double want, double scale)
{
    if (isnan(want) || isnan(x))
        return isnan(want) && isnan(x);
    return money_agrees(x, want, scale);
}

/* The present value of 1 a year for years 1..n at rate r, (1 - (1 + r)^-n) / r (n at r = 0).
 * Written out here from docs/outputs.md, not shared with src/result/money.c; with log1p and
 * expm1, since 1 - pow(1 + r, -n) loses its digits as r nears 0 (fuzz finding 9: at
 * r = -1.3e-12 it was off by 0.27 on 8,000 of capital, and the checker rejected a right IRR). */
static double annuity_factor(double r, double n)
{
    return fabs(r) < 1e-12 ? n : -expm1(-n * log1p(r)) / r;
}

/* headline.capital, money and jobs (docs/outputs.md "Headline figures, money and jobs"), from
 * the figures checked above: the capital items are the sums of the file's links, hubs (with
 * their stores), corridors and dug trenches; year 0 pays the capital and each year of the
 * horizon (the region's lifetime) saves business as usual's cost less the network's cost before
 * its capital charge (cash; without carbon, less the carbon value of the CO2 avoided); the NPV
 * at each rate, the payback capital / cash and an IRR at which the NPV is zero; the job-years
 * are the capital in millions times the file's factor. */
static void check_money(vctx *v, int bau_ok, double btotal, double bcarbon, double bgross,
                        double total, double carbon)
{
    const snp_solution_doc *d = v->doc;
    const tally *t = &v->t;
    double S = t->gross + bgross;
    if (d->has_capital_items) {
        double links = 0, hubs = 0, corridors = 0, trenches = 0;
        for (int i = 0; i < d->n_links; i++)
            links += d->links[i].capital;
        for (int i = 0; i < d->n_hubs; i++)
            hubs += d->hubs[i].capital + (d->hubs[i].has_storage ? d->hubs[i].storage_capital : 0);
        for (int i = 0; i < d->n_corridors; i++)
            corridors += d->corridors[i].capital;
        for (int i = 0; i < d->n_trenches; i++)
            trenches += d->trenches[i].dug ? d->trenches[i].capital : 0;
        const struct {
            const char *key;
            double got, want;
        } items[] = {{"headline.capital.links", d->capital_links, links},
                     {"headline.capital.hubs", d->capital_hubs, hubs},
                     {"headline.capital.corridors", d->capital_corridors, corridors},
                     {"headline.capital.trenches", d->capital_trenches, trenches},
                     {"headline.capital.total", d->capital_items_total, t->capital}};
        for (size_t k = 0; k < sizeof items / sizeof items[0]; k++)
            if (need(v, items[k].key, items[k].got) &&
                !money_agrees(items[k].got, items[k].want, t->capital))
                verr(v, items[k].key, "expected %.10g (%s), got %.10g", items[k].want,
                     k + 1 < sizeof items / sizeof items[0] ? "the sum of the file's entries"
                                                            : "capital of everything built",
                     items[k].got);
    }
    if (d->has_jobs && need(v, "jobs.construction_job_years", d->job_years) &&
        !money_agrees(d->job_years, t->capital / 1e6 * d->jobs_per_million, 0))
        verr(v, "jobs.construction_job_years",
             "expected %.10g (capital %.10g in millions times factor_per_million %.10g), got %.10g",
             t->capital / 1e6 * d->jobs_per_million, t->capital, d->jobs_per_million, d->job_years);
    if (!d->has_money)
        return;
    const snp_sol_money *m = &d->money;
    double H = v->in->lifetime_yr, K = t->capital;
    if (!money_agrees(m->horizon_yr, H, 0))
        verr(v, "money.horizon_yr", "expected %.10g (region.lifetime_yr), got %.10g", H,
             m->horizon_yr);
    if (need(v, "money.capital_year0", m->capital_year0) && !money_agrees(m->capital_year0, K, 0))
        verr(v, "money.capital_year0", "expected %.10g (capital of everything built), got %.10g", K,
             m->capital_year0);
    double cash = bau_ok ? btotal - (total - t->capital_annualised) : NAN;
    double cash_wo = bau_ok ? cash - (bcarbon - carbon) : NAN;
    const struct {
        const char *key, *npv_key, *irr_key, *payback_key;
        double got, want, irr, payback;
        int which;
    } flows[] = {{"money.annual_savings_before_capital", "npv", "money.irr", "money.payback_yr",
                  m->cash, cash, m->irr, m->payback_yr, 0},
                 {"money.annual_savings_before_capital_without_carbon", "npv_without_carbon",
                  "money.irr_without_carbon", "money.payback_yr_without_carbon",
                  m->cash_without_carbon, cash_wo, m->irr_without_carbon,
                  m->payback_yr_without_carbon, 1}};
    for (size_t k = 0; k < 2; k++) {
        double c = flows[k].want;
        if (!same_or_null(flows[k].got, c, S)) {
            verr(v, flows[k].key,
                 isnan(c) ? "expected null (business as usual has no cost to save), got %.10g"
                          : "expected %.10g (business as usual's cost less the network's before "
                            "its capital charge), got %.10g",
                 isnan(c) ? flows[k].got : c, flows[k].got);
            continue;
        }
        double scale = K + fabs(c) * H;
        for (int i = 0; i < m->n_npv; i++) {
            const snp_sol_npv *n = &m->npv[i];
            double got = flows[k].which ? n->npv_without_carbon : n->npv;
            double want = isnan(c) ? NAN : c * annuity_factor(n->rate, H) - K;
            if (!same_or_null(got, want, scale)) {
                char path[64];
                snprintf(path, sizeof path, "money.npv[%d].%s", i, flows[k].npv_key);
                verr(v, path, "expected %.10g (at rate %.10g over %.10g years), got %.10g", want,
                     n->rate, H, got);
            }
        }
        double pb = c > 0 ? K / c : NAN;
        if (!same_or_null(flows[k].payback, pb, pb))
            verr(v, flows[k].payback_key, "expected %.10g (capital / annual savings), got %.10g",
                 pb, flows[k].payback);
        double irr = flows[k].irr;
        if (!isnan(irr) &&
            (isnan(c) || !(irr > -1) || fabs(c * annuity_factor(irr, H) - K) > 1e-6 * scale))
            verr(v, flows[k].irr_key,
                 "expected a rate at which the net present value is 0, got %.10g (value %.10g "
                 "there)",
                 irr, isnan(c) || !(irr > -1) ? NAN : c * annuity_factor(irr, H) - K);
    }
}

/* The element names of what the file builds (docs/model.md 9.5): "link:ID" (its id, else
 * FROM/TO/RESOURCE/MODE), "hub:ID", "corridor:ID". */
static char **built_names(const snp_solution_doc *d, int *n)
{
    *n = 0;
    char **b = snp_calloc((size_t)(d->n_links + d->n_hubs + d->n_corridors) + 1, sizeof *b);
    if (!b)
        return NULL;
    for (int i = 0; i < d->n_links + d->n_hubs + d->n_corridors; i++) {
        char name[4 * 80 + 16];
        if (i < d->n_links) {
            const snp_sol_link *l = &d->links[i];
            if (l->id)
                snprintf(name, sizeof name, "link:%.200s", l->id);
            else
                snprintf(name, sizeof name, "link:%.64s/%.64s/%.64s/%.8s", l->from ? l->from : "",
                         l->to ? l->to : "", l->resource ? l->resource : "",
                         l->mode ? l->mode : "");
        } else if (i < d->n_links + d->n_hubs) {
            const char *id = d->hubs[i - d->n_links].id;
            snprintf(name, sizeof name, "hub:%.200s", id ? id : "");
        } else {
            const char *id = d->corridors[i - d->n_links - d->n_hubs].id;
            snprintf(name, sizeof name, "corridor:%.200s", id ? id : "");
        }
        size_t len = strlen(name) + 1;
        b[i] = snp_alloc(len);
        if (!b[i]) {
            for (int k = 0; k < i; k++)
                snp_free(b[k]);
            snp_free(b);
            return NULL;
        }
        memcpy(b[i], name, len);
    }
    *n = d->n_links + d->n_hubs + d->n_corridors;
    return b;
}

/* Excluded layouts (9.5) and the objective "differ" (9.6), recounted from the names of what the
 * file builds: no layout repeated, and objective = sum over the layouts L of (elements of L
 * built - elements built not in L). */
static void check_layouts(vctx *v)
{
    const sn_instance *in = v->in;
    if (in->n_layouts == 0)
        return;
    int nb = 0;
    char **b = built_names(v->doc, &nb);
    if (!b) {
        v->nomem = 1;
        return;
    }
    double count = 0;
    for (int i = 0; i < in->n_layouts; i++) {
        int n = in->layout_at[i + 1] - in->layout_at[i], shared = 0;
        for (int k = 0; k < nb; k++)
            for (int j = in->layout_at[i]; j < in->layout_at[i + 1]; j++)
                if (!strcmp(b[k], in->layout_names[j])) {
                    shared++;
                    break;
                }
        count += shared - (nb - shared);
        if (shared == n && nb == n) {
            char path[64];
            snprintf(path, sizeof path, "region.exclude_layouts[%d]", i);
            verr(v, path, "excluded layout (9.5): the network builds exactly this layout");
        }
    }
    if (in->objective == SNP_OBJ_DIFFER && need(v, "objective", v->doc->objective) &&
        fabs(v->doc->objective - count) > 1e-6 * fmax(1, fabs(count)))
        verr(v, "objective",
             "expected %.10g (elements of the excluded layouts built less elements built outside "
             "them, 9.6), got %.10g",
             count, v->doc->objective);
    for (int k = 0; k < nb; k++)
        snp_free(b[k]);
    snp_free(b);
}

/* The proof figures of a network: the bound is a lower bound on the objective, the gap is
 * (objective - bound) / |objective| as src/solve/glpk.c defines it, and "optimal" without a gap
 * tolerance means the bound meets the objective. */
static void check_proof(vctx *v)
{
    const snp_solution_doc *d = v->doc;
    double obj = d->objective, bound = d->bound, gap = d->gap;
    if (!isfinite(obj) || !isfinite(bound))
        return;
    if (bound > obj && !money_agrees(bound, obj, 0))
        verr(v, "bound", "the lower bound %.10g is above the objective %.10g", bound, obj);
    double expected = fabs(obj - bound) / (fabs(obj) + 1e-9);
    if (isfinite(gap) && fabs(gap - expected) > SNP_VERIFY_REL * fmax(1.0, expected))
        verr(v, "gap", "expected %.10g ((objective - bound) / |objective|), got %.10g", expected,
             gap);
    if (d->status && strcmp(d->status, "optimal") == 0 && d->gap_tolerance == 0 &&
        !money_agrees(bound, obj, 0))
        verr(v, "bound",
             "status \"optimal\" with gap_tolerance 0 needs the bound to meet the objective "
             "%.10g, got %.10g",
             obj, bound);
}

/* Forced links (links[] with status forced) must be built. */
static void check_forced_links(vctx *v)
{
    const sn_instance *in = v->in;
    for (int k = 0; k < in->n_links; k++) {
        const snp_link_spec *sp = &in->links[k];
        if (sp->status == SNP_STATUS_FORCED && !v->spec_used[k])
            verr(v, "links", "link %s -> %s (%s) is forced (region links[%d]) but not reported",
                 snp_node_id(in, sp->from), snp_node_id(in, sp->to), in->resources[sp->resource].id,
                 k);
    }
}

static void cert_err(void *ctx, const char *path, const char *msg)
{
    verr(ctx, path, "%s", msg);
}

/* An infeasible verdict must carry its proof (docs/outputs.md, "What infeasible guarantees"):
 * a certificate, rechecked here from the region alone (cert.c), or a stated search. */
static void check_infeasibility(vctx *v)
{
    const snp_solution_doc *doc = v->doc;
    if (!doc->has_infeasibility || !doc->proof) {
        verr(v, "infeasibility",
             "status \"infeasible\" needs its proof: expected an object with a certificate or a "
             "search (docs/outputs.md), got nothing");
        return;
    }
    if (strcmp(doc->proof, "search") == 0) {
        if (!(doc->elastic_violation > 0) || !isfinite(doc->elastic_violation))
            verr(v, "infeasibility.elastic_violation",
                 "expected the elastic model's positive least violation, got %.10g",
                 doc->elastic_violation);
        return;
    }
    double scale, margin = snp_verify_certificate(v->in, doc, &scale, cert_err, v);
    if (isnan(margin) && isnan(scale)) {
        v->nomem = 1;
        return;
    }
    if (!(margin > SNP_VERIFY_CERT_REL * (scale + 1)))
        verr(v, "infeasibility.rows",
             "the certificate does not prove infeasibility: combined over the flow relaxation "
             "(docs/model.md 10.1), its rows leave a margin of %.10g, expected more than %.3g",
             margin, SNP_VERIFY_CERT_REL * (scale + 1));
}

sn_status snp_verify_doc(const sn_instance *inst, const snp_solution_doc *doc, sn_diag *diag)
{
    vctx v;
    memset(&v, 0, sizeof v);
    v.in = inst;
    v.doc = doc;
    v.diag = diag;
    snp_vec_init(&v.recs, sizeof(flow_rec));
    snp_vec_init(&v.keys, sizeof(link_key));
    if (build_tables(&v) != 0) {
        free_tables(&v);
        snp_diag_add(diag, SN_ENOMEM, doc->file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    check_structure(&v);
    int net = doc->status &&
              (strcmp(doc->status, "optimal") == 0 || strcmp(doc->status, "feasible") == 0);
    if (!net) {
        if (doc->n_links || doc->n_hubs || doc->n_corridors)
            verr(&v, "status",
                 "status \"%s\" has no network, but the file lists %d link(s), %d hub(s) and %d "
                 "corridor(s)",
                 doc->status ? doc->status : "?", doc->n_links, doc->n_hubs, doc->n_corridors);
        for (int f = 0; f < inst->n_facilities && !v.nomem; f++)
            if (v.fac_sol[f] >= 0)
                check_facility(&v, v.fac_sol[f], f, 0);
        if (doc->status && strcmp(doc->status, "infeasible") == 0 && !v.nomem)
            check_infeasibility(&v);
    } else {
        check_hubs(&v);
        check_corridors(&v);
        check_hub_flows(&v);
        for (int i = 0; i < doc->n_links && !v.nomem; i++)
            check_link(&v, i, &doc->links[i]);
        if (v.piped) { /* trenches of the ways (8.4): each dug once, its capital paid once */
            double cap = snp_verify_trenches(inst, doc, v.piped, cert_err, &v);
            double k = snp_verify_crf(inst->discount_rate, inst->lifetime_yr);
            v.t.capital += cap;
            v.t.capital_annualised += k * cap;
            v.t.gross += k * cap;
        }
        for (int z = 0; z < inst->n_zones; z++) /* 9.3: caps on truck trips through zones */
            if (inst->zones[z].has_trip_cap &&
                v.zone_trips[z] >
                    inst->zones[z].max_truck_trips_per_yr * (1 + SNP_VERIFY_REL) + SNP_VERIFY_REL) {
                char zp[64];
                snprintf(zp, sizeof zp, "zones[%d]", z);
                verr(&v, zp,
                     "zone \"%s\" (9.3): %.10g truck trips a year enter it, expected at most %.10g",
                     inst->zones[z].id, v.zone_trips[z], inst->zones[z].max_truck_trips_per_yr);
            }
        check_duplicates(&v);
        check_forced_links(&v);
        for (int f = 0; f < inst->n_facilities && !v.nomem; f++)
            if (v.fac_sol[f] >= 0)
                check_facility(&v, v.fac_sol[f], f, 1);
        if (!v.nomem)
            check_balances(&v);
        if (!v.nomem) {
            snp_verify_store_costs sc = {0, 0, 0};
            int np = snp_verify_periods(inst, doc, v.vl, v.amount_scale, diag, &sc);
            if (np < 0)
                v.nomem = 1;
            else
                v.nerr += np;
            v.t.capital += sc.capital; /* stores at hubs (model.md 14.10) */
            v.t.capital_annualised += sc.capital_annualised;
            v.t.operating += sc.fixed_opex;
            v.t.gross += sc.capital_annualised + sc.fixed_opex;
        }
        check_totals(&v);
        check_layouts(&v);
        check_proof(&v);
    }
    int nomem = v.nomem, nerr = v.nerr;
    free_tables(&v);
    if (nomem) {
        snp_diag_add(diag, SN_ENOMEM, doc->file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    return nerr ? SN_EINTERNAL : SN_OK;
}

sn_status sn_solution_verify_string(const sn_instance *inst, const char *text, size_t len,
                                    const char *name, sn_diag *diag)
{
    if (!inst) {
        snp_diag_add(diag, SN_EUSAGE, name, NULL, "sn_solution_verify_string: NULL instance");
        return SN_EUSAGE;
    }
    snp_solution_doc *doc = NULL;
    sn_status st = snp_solution_doc_read(text, len, name, &doc, diag);
    if (st == SN_OK)
        st = snp_verify_doc(inst, doc, diag);
    snp_solution_doc_free(doc);
    return st;
}

sn_status sn_solution_verify_file(const sn_instance *inst, const char *path, sn_diag *diag)
{
    if (!inst || !path) {
        snp_diag_add(diag, SN_EUSAGE, path, NULL, "sn_solution_verify_file: NULL argument");
        return SN_EUSAGE;
    }
    snp_solution_doc *doc = NULL;
    sn_status st = snp_solution_doc_load(path, &doc, diag);
    if (st == SN_OK)
        st = snp_verify_doc(inst, doc, diag);
    snp_solution_doc_free(doc);
    return st;
}
