/*
 * compare.c - builds the comparison of two solution files (sn_comparison, compare.h): links
 * matched by (from, to, resource, mode), hubs and corridors by id, each classified as added,
 * removed, resized, flow changed, cost changed or unchanged; the headline figures of both with
 * B - A; each facility's annual cost under A and B; the places the map of both networks needs.
 *
 * Stage: two solution files -> [instance: solution_read.c] -> [result] -> report. Reads the
 * files' records only (no region, no model): a comparison can be made of any two files symnet
 * wrote, of one region or of a region and a variant of it.
 */
#include "compare.h"

#include "result_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *snp_cmp_kind_name(snp_cmp_kind k)
{
    switch (k) {
    case SNP_CMP_ADDED:
        return "added";
    case SNP_CMP_REMOVED:
        return "removed";
    case SNP_CMP_RESIZED:
        return "resized";
    case SNP_CMP_FLOW:
        return "flow changed";
    case SNP_CMP_COST:
        return "cost changed";
    case SNP_CMP_SAME:
        return "unchanged";
    }
    return "unchanged";
}

/* a and b differ by more than solver noise: relative 1e-6, absolute 1e-6; NAN equals NAN. */
static int differs(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) != isnan(b);
    return fabs(a - b) > 1e-6 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static int same_str(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

typedef struct builder {
    sn_comparison *c;
    sn_diag *diag;
    int nomem;
} builder;

static const char *adup(builder *b, const char *s)
{
    char *d = snp_arena_strdup(&b->c->arena, s ? s : "");
    if (!d)
        b->nomem = 1;
    return d ? d : "";
}

static void warn(builder *b, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A warning into the comparison (for its JSON) and into diag (for stderr), naming B's file. */
static void warn(builder *b, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snp_diag_warn(b->diag, b->c->file[1], path, "%s", msg);
    if (b->c->n_warnings < SNP_CMP_MAX_WARNINGS) {
        char full[800];
        snprintf(full, sizeof full, "%s: %s%s%s", b->c->file[1], path ? path : "", path ? ": " : "",
                 msg);
        b->c->warnings[b->c->n_warnings++] = adup(b, full);
    }
}

static void *array(builder *b, int n, size_t elem)
{
    void *p = snp_arena_array(&b->c->arena, (size_t)n + 1, elem);
    if (!p)
        b->nomem = 1;
    return p;
}

/* ---- links, hubs, corridors ------------------------------------------------------------- */

static void link_side(snp_cmp_link *x, int side, const snp_sol_link *l)
{
    x->in[side] = 1;
    x->flow[side] = l->flow;
    x->size_capacity[side] = l->has_size_capacity ? l->size_capacity : NAN;
    x->trips[side] = l->has_trips ? l->trips : NAN;
    x->length_km[side] = l->length_km;
    x->capital[side] = l->capital;
    x->annual_cost[side] = l->annual_cost;
}

static snp_cmp_kind link_kind(const snp_cmp_link *x)
{
    if (!x->in[0])
        return SNP_CMP_ADDED;
    if (!x->in[1])
        return SNP_CMP_REMOVED;
    if (differs(x->size_capacity[0], x->size_capacity[1]))
        return SNP_CMP_RESIZED;
    if (differs(x->flow[0], x->flow[1]) || differs(x->trips[0], x->trips[1]))
        return SNP_CMP_FLOW;
    if (differs(x->capital[0], x->capital[1]) || differs(x->annual_cost[0], x->annual_cost[1]) ||
        differs(x->length_km[0], x->length_km[1]))
        return SNP_CMP_COST;
    return SNP_CMP_SAME;
}

static int link_key_eq(const snp_sol_link *a, const snp_sol_link *b)
{
    return same_str(a->from, b->from) && same_str(a->to, b->to) &&
           same_str(a->resource, b->resource) && same_str(a->mode, b->mode);
}

static void compare_links(builder *b)
{
    sn_comparison *c = b->c;
    const snp_solution_doc *A = c->doc[0], *B = c->doc[1];
    c->links = array(b, A->n_links + B->n_links, sizeof *c->links);
    char *used = array(b, B->n_links, 1);
    if (!c->links || !used)
        return;
    for (int side = 0; side < 2; side++) {
        const snp_solution_doc *d = c->doc[side];
        for (int i = 0; i < d->n_links; i++) {
            const snp_sol_link *l = &d->links[i];
            if (side == 1 && used[i])
                continue;
            snp_cmp_link *x = &c->links[c->n_links++];
            for (int s = 0; s < 2; s++)
                x->flow[s] = x->size_capacity[s] = x->trips[s] = x->length_km[s] = x->capital[s] =
                    x->annual_cost[s] = NAN;
            x->from = l->from;
            x->to = l->to;
            x->resource = l->resource;
            x->mode = l->mode;
            x->unit = l->unit;
            link_side(x, side, l);
            const char *id = l->id;
            if (side == 0)
                for (int k = 0; k < B->n_links; k++)
                    if (!used[k] && link_key_eq(l, &B->links[k])) {
                        used[k] = 1;
                        link_side(x, 1, &B->links[k]);
                        if (!x->unit)
                            x->unit = B->links[k].unit;
                        if (!id)
                            id = B->links[k].id;
                        break;
                    }
            if (id)
                x->id = id;
            else {
                char buf[1024];
                snprintf(buf, sizeof buf, "%s/%s/%s/%s", l->from, l->to, l->resource, l->mode);
                x->id = adup(b, buf);
            }
            if (!x->unit)
                x->unit = "";
            x->kind = link_kind(x);
        }
    }
}

static double processed_total(const snp_sol_hub *h)
{
    double t = 0;
    for (int i = 0; i < h->n_processed; i++)
        t += h->processed[i].amount;
    return t;
}

static void compare_hubs(builder *b)
{
    sn_comparison *c = b->c;
    const snp_solution_doc *B = c->doc[1];
    c->hubs = array(b, c->doc[0]->n_hubs + B->n_hubs, sizeof *c->hubs);
    if (!c->hubs)
        return;
    for (int side = 0; side < 2; side++) {
        const snp_solution_doc *d = c->doc[side];
        for (int i = 0; i < d->n_hubs; i++) {
            const snp_sol_hub *h = &d->hubs[i];
            snp_cmp_hub *x = NULL;
            for (int k = 0; side == 1 && k < c->n_hubs && !x; k++)
                if (same_str(c->hubs[k].id, h->id) && !c->hubs[k].in[1])
                    x = &c->hubs[k];
            if (!x) {
                x = &c->hubs[c->n_hubs++];
                x->id = h->id;
                for (int s = 0; s < 2; s++)
                    x->capacity[s] = x->capital[s] = x->processed[s] = NAN;
            }
            x->in[side] = 1;
            x->capacity[side] = h->capacity;
            x->capital[side] = h->capital;
            x->processed[side] = processed_total(h);
        }
    }
    for (int k = 0; k < c->n_hubs; k++) {
        snp_cmp_hub *x = &c->hubs[k];
        x->kind = !x->in[0]                                   ? SNP_CMP_ADDED
                  : !x->in[1]                                 ? SNP_CMP_REMOVED
                  : differs(x->capacity[0], x->capacity[1])   ? SNP_CMP_RESIZED
                  : differs(x->processed[0], x->processed[1]) ? SNP_CMP_FLOW
                  : differs(x->capital[0], x->capital[1])     ? SNP_CMP_COST
                                                              : SNP_CMP_SAME;
    }
}

static void compare_corridors(builder *b)
{
    sn_comparison *c = b->c;
    c->corridors = array(b, c->doc[0]->n_corridors + c->doc[1]->n_corridors, sizeof *c->corridors);
    if (!c->corridors)
        return;
    for (int side = 0; side < 2; side++) {
        const snp_solution_doc *d = c->doc[side];
        for (int i = 0; i < d->n_corridors; i++) {
            snp_cmp_corridor *x = NULL;
            for (int k = 0; side == 1 && k < c->n_corridors && !x; k++)
                if (same_str(c->corridors[k].id, d->corridors[i].id) && !c->corridors[k].in[1])
                    x = &c->corridors[k];
            if (!x) {
                x = &c->corridors[c->n_corridors++];
                x->id = d->corridors[i].id;
                x->capital[0] = x->capital[1] = NAN;
            }
            x->in[side] = 1;
            x->capital[side] = d->corridors[i].capital;
        }
    }
    for (int k = 0; k < c->n_corridors; k++) {
        snp_cmp_corridor *x = &c->corridors[k];
        x->kind = !x->in[0]                               ? SNP_CMP_ADDED
                  : !x->in[1]                             ? SNP_CMP_REMOVED
                  : differs(x->capital[0], x->capital[1]) ? SNP_CMP_COST
                                                          : SNP_CMP_SAME;
    }
}

/* ---- headline figures ------------------------------------------------------------------- */

static snp_cmp_figure *figure(builder *b, const char *key, const char *label, const char *unit,
                              int money, double a, double v)
{
    sn_comparison *c = b->c;
    snp_cmp_figure *x = &c->figures[c->n_figures++];
    x->key = adup(b, key);
    x->label = adup(b, label);
    x->unit = adup(b, unit);
    x->money = money;
    x->v[0] = a;
    x->v[1] = v;
    x->change = isnan(a) || isnan(v) ? NAN : v - a;
    return x;
}

static int has_network(const snp_solution_doc *d)
{
    return isfinite(d->objective);
}

/* The amount of resource res in list (0 when absent from a file with a network). */
static double amount_of(const snp_solution_doc *d, int replaced, const char *res)
{
    if (!has_network(d))
        return NAN;
    int n = replaced ? d->n_replaced : d->n_diverted;
    const snp_sol_amount *l = replaced ? d->replaced : d->diverted;
    for (int i = 0; i < n; i++)
        if (same_str(l[i].resource, res))
            return l[i].amount;
    return 0;
}

/* The unit a file gives resource res (links[].unit), or NULL. */
static const char *unit_of(const sn_comparison *c, const char *res)
{
    for (int k = 0; k < c->n_links; k++)
        if (same_str(c->links[k].resource, res) && c->links[k].unit[0])
            return c->links[k].unit;
    return NULL;
}

static void amounts(builder *b, int replaced)
{
    sn_comparison *c = b->c;
    const char *what = replaced ? "virgin_replaced" : "waste_diverted";
    for (int side = 0; side < 2; side++) {
        const snp_solution_doc *d = c->doc[side];
        int n = replaced ? d->n_replaced : d->n_diverted;
        const snp_sol_amount *l = replaced ? d->replaced : d->diverted;
        for (int i = 0; i < n; i++) {
            int seen = 0;
            for (int j = 0; j < i && !seen; j++)
                seen = same_str(l[j].resource, l[i].resource);
            if (side == 1) {
                const snp_solution_doc *a = c->doc[0];
                int na = replaced ? a->n_replaced : a->n_diverted;
                const snp_sol_amount *la = replaced ? a->replaced : a->diverted;
                for (int j = 0; j < na && !seen; j++)
                    seen = same_str(la[j].resource, l[i].resource);
            }
            if (seen)
                continue;
            char key[600], label[600], unit[300];
            const char *u = unit_of(c, l[i].resource);
            snprintf(key, sizeof key, "%s.%s", what, l[i].resource);
            /* "taken from supplies", not "waste diverted": the list counts every supply taken,
             * whatever its category or waste flag (lake water, warm seawater, chips sold
             * today); the headline figure of waste diverted is headline.waste_diverted */
            snprintf(label, sizeof label, "%s: %s",
                     replaced ? "purchases replaced" : "taken from supplies", l[i].resource);
            snprintf(unit, sizeof unit, "%s/yr", u ? u : "units");
            figure(b, key, label, unit, 0, amount_of(c->doc[0], replaced, l[i].resource),
                   amount_of(c->doc[1], replaced, l[i].resource));
        }
    }
}

/* The figures a funder reads, where a file has them (files before them have none): capital
 * by item, NPV at the first rate (the region's), IRR and payback, and construction job-years. */
static void money_figures(builder *b, const char *cap)
{
    sn_comparison *c = b->c;
    const snp_solution_doc *A = c->doc[0], *B = c->doc[1];
    if (A->has_capital_items || B->has_capital_items) {
        static const char *const items[] = {"links", "hubs", "corridors", "trenches"};
        for (int k = 0; k < 4; k++) {
            double v[2];
            for (int s = 0; s < 2; s++) {
                const snp_solution_doc *d = c->doc[s];
                double vals[4] = {d->capital_links, d->capital_hubs, d->capital_corridors,
                                  d->capital_trenches};
                v[s] = d->has_capital_items ? vals[k] : NAN;
            }
            char key[64], label[64];
            snprintf(key, sizeof key, "headline.capital.%s", items[k]);
            snprintf(label, sizeof label, "capital: %s", items[k]);
            figure(b, key, label, cap, 1, v[0], v[1]);
        }
    }
    if (A->has_money || B->has_money) {
        double npv[2], irr[2], pb[2], rate[2];
        for (int s = 0; s < 2; s++) {
            const snp_sol_money *m = &c->doc[s]->money;
            int has = c->doc[s]->has_money;
            npv[s] = has && m->n_npv > 0 ? m->npv[0].npv : NAN;
            rate[s] = has && m->n_npv > 0 ? m->npv[0].rate : NAN;
            irr[s] = has ? 100 * m->irr : NAN;
            pb[s] = has ? m->payback_yr : NAN;
        }
        char label[96];
        if (isnan(rate[0]) || isnan(rate[1]) || !differs(rate[0], rate[1]))
            snprintf(label, sizeof label, "net present value at %.4g %%",
                     100 * (isnan(rate[0]) ? rate[1] : rate[0]));
        else
            snprintf(label, sizeof label, "net present value (A at %.4g %%, B at %.4g %%)",
                     100 * rate[0], 100 * rate[1]);
        figure(b, "money.npv", label, cap, 1, npv[0], npv[1]);
        figure(b, "money.irr", "internal rate of return", "%", 0, irr[0], irr[1]);
        figure(b, "money.payback_yr", "simple payback", "years", 0, pb[0], pb[1]);
        /* B's change as an investment over A (A today's network, B a proposal): the capital
         * B adds against the annual saving it adds, over the same horizon; only in the
         * change column (the IRR of a difference is not a difference of IRRs) */
        const snp_sol_money *ma = &A->money, *mb = &B->money;
        if (A->has_money && B->has_money && !differs(ma->horizon_yr, mb->horizon_yr)) {
            double dk = mb->capital_year0 - ma->capital_year0, dc = mb->cash - ma->cash;
            snp_cmp_figure *x =
                figure(b, "money.incremental_irr", "incremental IRR (B over A)", "%", 0, NAN, NAN);
            x->change = 100 * snp_money_irr(dk, dc, mb->horizon_yr);
            x = figure(b, "money.incremental_payback_yr", "incremental payback (B over A)", "years",
                       0, NAN, NAN);
            x->change = dk > 0 ? snp_money_payback(dk, dc) : NAN;
        }
    }
    if (A->has_jobs || B->has_jobs)
        figure(b, "jobs.construction_job_years", "construction job-years", "job-years", 0,
               A->has_jobs ? A->job_years : NAN, B->has_jobs ? B->job_years : NAN);
}

static void compare_figures(builder *b)
{
    sn_comparison *c = b->c;
    const snp_solution_doc *A = c->doc[0], *B = c->doc[1];
    int n = 26 + A->n_diverted + B->n_diverted + A->n_replaced + B->n_replaced;
    c->figures = array(b, n, sizeof *c->figures);
    if (!c->figures)
        return;
    char yr[300], cap[300];
    snprintf(yr, sizeof yr, "%s/yr", c->currency);
    snprintf(cap, sizeof cap, "%s", c->currency);
    figure(b, "objective", "annual cost of the network", yr, 1, A->objective, B->objective);
    figure(b, "bau.cost", "business as usual", yr, 1, A->bau_cost, B->bau_cost);
    figure(b, "savings", "savings", yr, 1, A->savings, B->savings);
    figure(b, "capital", "capital cost", cap, 1, A->capital, B->capital);
    figure(b, "co2_t_per_yr", "emissions", "t CO2e/yr", 0, A->co2_t_per_yr, B->co2_t_per_yr);
    figure(b, "co2_avoided_t_per_yr", "emissions avoided", "t CO2e/yr", 0, A->co2_avoided_t_per_yr,
           B->co2_avoided_t_per_yr);
    static const char *const cats[] = {"disposal", "purchase", "capital_annualised", "operating",
                                       "carbon"};
    static const char *const names[] = {"cost: disposal", "cost: purchases",
                                        "cost: capital (annualised)", "cost: operating",
                                        "cost: carbon"};
    for (int k = 0; k < 5; k++) {
        double v[2];
        for (int s = 0; s < 2; s++) {
            const snp_solution_doc *d = c->doc[s];
            const snp_sol_costs *x = &d->cost;
            double vals[5] = {x->disposal, x->purchase, x->capital_annualised, x->operating,
                              x->carbon};
            v[s] = d->has_cost_breakdown ? vals[k] : NAN;
        }
        char key[64];
        snprintf(key, sizeof key, "cost_breakdown.%s", cats[k]);
        figure(b, key, names[k], yr, 1, v[0], v[1]);
    }
    money_figures(b, cap);
    amounts(b, 0);
    amounts(b, 1);
}

/* ---- partners and map nodes --------------------------------------------------------------- */

static const snp_sol_partner *partner_of(const snp_solution_doc *d, const char *id)
{
    for (int i = 0; i < d->n_partners; i++)
        if (same_str(d->partners[i].id, id))
            return &d->partners[i];
    return NULL;
}

static void compare_partners(builder *b)
{
    sn_comparison *c = b->c;
    c->partners = array(b, c->doc[0]->n_facilities + c->doc[1]->n_facilities, sizeof *c->partners);
    if (!c->partners)
        return;
    for (int side = 0; side < 2; side++) {
        const snp_solution_doc *d = c->doc[side];
        for (int i = 0; i < d->n_facilities; i++) {
            const snp_sol_facility *fa = &d->facilities[i];
            snp_cmp_partner *x = NULL;
            for (int k = 0; side == 1 && k < c->n_partners && !x; k++)
                if (same_str(c->partners[k].id, fa->id) && !c->partners[k].in[1])
                    x = &c->partners[k];
            if (!x) {
                x = &c->partners[c->n_partners++];
                x->id = fa->id;
                x->name = fa->name ? fa->name : fa->id;
                x->bau[0] = x->bau[1] = x->cost[0] = x->cost[1] = NAN;
            }
            x->in[side] = 1;
            const snp_sol_partner *p = partner_of(d, fa->id);
            if (p) {
                x->bau[side] = p->bau_cost;
                x->cost[side] = p->cost;
                x->participates[side] = p->participates;
                x->worse_off[side] = p->worse_off;
            }
        }
    }
    for (int k = 0; k < c->n_partners; k++) {
        snp_cmp_partner *x = &c->partners[k];
        x->change = isnan(x->cost[0]) || isnan(x->cost[1]) ? NAN : x->cost[1] - x->cost[0];
    }
}

int snp_cmp_node_find(const sn_comparison *c, const char *id)
{
    for (int k = 0; k < c->n_nodes; k++)
        if (same_str(c->nodes[k].id, id))
            return k;
    return -1;
}

static void node(builder *b, int side, const char *id, snp_cmp_node_kind kind, int in, int has_loc,
                 snp_point loc)
{
    sn_comparison *c = b->c;
    int k = snp_cmp_node_find(c, id);
    snp_cmp_node *x;
    if (k >= 0)
        x = &c->nodes[k];
    else {
        x = &c->nodes[c->n_nodes++];
        x->id = id;
        x->kind = kind;
    }
    x->in[side] |= in;
    if (has_loc && !x->has_loc) {
        x->has_loc = 1;
        x->loc = loc;
    } else if (has_loc && (differs(x->loc.x, loc.x) || differs(x->loc.y, loc.y)) && side == 1)
        warn(b, NULL, "\"%s\" is at [%g, %g] in B but at [%g, %g] in A; the map draws A's", id,
             loc.x, loc.y, x->loc.x, x->loc.y);
}

static void compare_nodes(builder *b)
{
    sn_comparison *c = b->c;
    int n = 0;
    for (int s = 0; s < 2; s++)
        n += c->doc[s]->n_facilities + c->doc[s]->n_hubs + c->doc[s]->n_junctions;
    c->nodes = array(b, n, sizeof *c->nodes);
    if (!c->nodes)
        return;
    for (int s = 0; s < 2; s++) {
        const snp_solution_doc *d = c->doc[s];
        for (int i = 0; i < d->n_facilities; i++) {
            const snp_sol_partner *p = partner_of(d, d->facilities[i].id);
            node(b, s, d->facilities[i].id, SNP_CMP_FACILITY, p && p->participates,
                 d->facilities[i].has_loc, d->facilities[i].loc);
        }
        for (int i = 0; i < d->n_hubs; i++)
            node(b, s, d->hubs[i].id, SNP_CMP_HUB, 1, d->hubs[i].has_loc, d->hubs[i].loc);
        for (int i = 0; i < d->n_junctions; i++)
            node(b, s, d->junctions[i].id, SNP_CMP_JUNCTION, 1, d->junctions[i].has_loc,
                 d->junctions[i].loc);
    }
    /* the map needs a location for every node and both link ends, in one kind of coordinates */
    c->has_map = c->doc[0]->coordinates && c->doc[1]->coordinates &&
                 strcmp(c->doc[0]->coordinates, c->doc[1]->coordinates) == 0;
    c->lonlat = c->doc[0]->coordinates && strcmp(c->doc[0]->coordinates, "lonlat") == 0;
    for (int k = 0; k < c->n_nodes; k++)
        c->has_map &= c->nodes[k].has_loc;
    for (int k = 0; k < c->n_links; k++) {
        int t = snp_cmp_node_find(c, c->links[k].from), h = snp_cmp_node_find(c, c->links[k].to);
        c->has_map &= t >= 0 && h >= 0;
    }
}

int snp_cmp_count(const sn_comparison *c, int what, snp_cmp_kind kind)
{
    int n = 0;
    if (what == 0)
        for (int k = 0; k < c->n_links; k++)
            n += c->links[k].kind == kind;
    else if (what == 1)
        for (int k = 0; k < c->n_hubs; k++)
            n += c->hubs[k].kind == kind;
    else
        for (int k = 0; k < c->n_corridors; k++)
            n += c->corridors[k].kind == kind;
    return n;
}

/* ---- the public calls ----------------------------------------------------------------------- */

void sn_comparison_free(sn_comparison *c)
{
    if (!c)
        return;
    snp_solution_doc_free(c->doc[0]);
    snp_solution_doc_free(c->doc[1]);
    snp_arena_free(&c->arena);
    snp_free(c);
}

sn_status sn_comparison_create(const char *path_a, const char *path_b, sn_comparison **out,
                               sn_diag *diag)
{
    *out = NULL;
    sn_comparison *c = snp_calloc(1, sizeof *c);
    if (!c) {
        snp_diag_add(diag, SN_ENOMEM, path_a, NULL, "out of memory");
        return SN_ENOMEM;
    }
    snp_arena_init(&c->arena);
    const char *paths[2] = {path_a, path_b};
    sn_status st = SN_OK;
    for (int s = 0; s < 2 && st == SN_OK; s++)
        st = snp_solution_doc_load(paths[s], &c->doc[s], diag);
    if (st != SN_OK) {
        sn_comparison_free(c);
        return st;
    }
    builder b = {c, diag, 0};
    for (int s = 0; s < 2; s++) {
        c->file[s] = adup(&b, paths[s]);
        c->region[s] = c->doc[s]->region;
        c->status[s] = c->doc[s]->status;
    }
    c->currency = c->doc[0]->currency;
    if (!same_str(c->doc[0]->currency, c->doc[1]->currency)) {
        snp_diag_add(diag, SN_EINPUT, path_b, "currency",
                     "expected \"%.40s\" (the currency of %.200s), got \"%.40s\": money in two "
                     "currencies cannot be compared",
                     c->doc[0]->currency, path_a, c->doc[1]->currency);
        sn_comparison_free(c);
        return SN_EINPUT;
    }
    if (!same_str(c->region[0], c->region[1]))
        warn(&b, "region",
             "another region than %.200s (\"%.100s\" against \"%.100s\"): entities are matched by "
             "id",
             path_a, c->region[1], c->region[0]);
    compare_links(&b);
    if (!b.nomem)
        compare_hubs(&b);
    if (!b.nomem)
        compare_corridors(&b);
    if (!b.nomem)
        compare_figures(&b);
    if (!b.nomem)
        compare_partners(&b);
    if (!b.nomem)
        compare_nodes(&b);
    if (b.nomem) {
        snp_diag_add(diag, SN_ENOMEM, path_b, NULL, "out of memory");
        sn_comparison_free(c);
        return SN_ENOMEM;
    }
    *out = c;
    return SN_OK;
}
