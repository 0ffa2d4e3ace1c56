/*
 * summary.c - the human-readable summary of a solve: proof status and gap, annual cost
 * against business as usual, savings, capital, emissions, what is diverted, and every link,
 * hub and corridor built; and the explanation of an infeasible region in the user's names.
 * Stage: sn_result -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Numbers for people (fmt.c): M(v) money, A(v) an amount; each use needs its own buffer, so
 * a statement formats at most SN_NBUF numbers. */
#define SN_NBUF 8
typedef struct nums {
    char b[SN_NBUF][64];
    int k;
} nums;

static const char *M(nums *n, double v)
{
    char *b = n->b[n->k++ % SN_NBUF];
    return snp_fmt_money(b, sizeof n->b[0], v, 0);
}

static const char *A(nums *n, double v)
{
    char *b = n->b[n->k++ % SN_NBUF];
    return snp_fmt_amount(b, sizeof n->b[0], v);
}

/* A number with a fixed count of decimals (lengths in km). */
static const char *D(nums *n, double v, int decimals)
{
    char *b = n->b[n->k++ % SN_NBUF];
    return snp_fmt_number(b, sizeof n->b[0], v, decimals, 0);
}

/* One row of a money table: label, amount right-aligned, unit. */
static void money_row(FILE *f, const char *indent, int width, const char *label, double v,
                      const char *unit)
{
    char b[64];
    fprintf(f, "%s%-*s %18s %s\n", indent, width, label, snp_fmt_money(b, sizeof b, v, 0), unit);
}

/* With network routing (docs/model.md 2.4) a node joins the junction at its own point of the
 * ways by a pipe over an empty route (links.c, edge_pipes), of length 0 and no cost: listed
 * apart, on one line, so that the pipes along the ways stand out. */
static int is_join(const snp_link *l)
{
    return l->mode == SNP_MODE_PIPE && l->routed && l->n_route == 0;
}

/* The unit a hub's capacity and processing are counted in: its inputs' unit when they share
 * one, else "units of input". */
static const char *hub_unit(const sn_instance *in, const snp_hub *hub)
{
    const char *u = in->resources[hub->inputs[0].resource].unit;
    for (int i = 1; i < hub->n_inputs; i++)
        if (strcmp(in->resources[hub->inputs[i].resource].unit, u) != 0)
            return "units of input";
    return u;
}

sn_status sn_report_write_summary(const sn_result *res, FILE *f)
{
    const sn_instance *in = res->in;
    const sn_model *m = res->m;
    const sn_solution *s = res->s;
    const snp_figures *g = &res->g;
    sn_status st = SN_OK;
    const char *cur = in->currency;
    nums nb = {.k = 0};
    char per_yr[64];
    snprintf(per_yr, sizeof per_yr, "%s/yr", cur);
    fprintf(f, "symnet: %s\n", in->name);
    switch (s->status) {
    case SN_SOL_OPTIMAL:
        if (s->gap > 1e-9 && isfinite(s->gap))
            fprintf(f,
                    "status: optimal within the gap tolerance (gap %s %%, tolerance %s %%), "
                    "%.2f s\n",
                    A(&nb, 100 * s->gap), A(&nb, 100 * s->mip_gap_tolerance), s->time_s);
        else
            fprintf(f, "status: proven optimal, %.2f s\n", s->time_s);
        break;
    case SN_SOL_FEASIBLE:
        fprintf(f, "status: feasible, NOT proven optimal (%s after %.2f s); ", s->message,
                s->time_s);
        if (isfinite(s->gap) && in->objective != SNP_OBJ_COST)
            fprintf(f, "gap %s %%: the objective is at least %s\n", A(&nb, 100 * s->gap),
                    A(&nb, s->bound));
        else if (isfinite(s->gap))
            fprintf(f, "gap %s %%: the optimum costs at least %s %s/yr\n", A(&nb, 100 * s->gap),
                    M(&nb, s->bound), cur);
        else
            fprintf(f, "no bound known\n");
        break;
    case SN_SOL_INFEASIBLE:
        fprintf(f, "status: infeasible: no network meets every requirement\n");
        break;
    case SN_SOL_UNBOUNDED:
        fprintf(f, "status: unbounded (a bug or a region whose costs are unbounded below)\n");
        break;
    case SN_SOL_NO_SOLUTION:
        fprintf(f, "status: no network found within the limits (%s after %.2f s)\n", s->message,
                s->time_s);
        break;
    }
    /* region.objective (docs/model.md 9.5): what was minimised, when not the cost */
    if (in->objective != SNP_OBJ_COST && s->has_x)
        fprintf(f, "objective: %s, %s (the annual cost below is not what was minimised)\n",
                in->objective == SNP_OBJ_CO2
                    ? "least emissions (region.objective \"co2\"), t CO2e/yr"
                    : "elements alike less elements different from the excluded layouts "
                      "(region.objective \"differ\")",
                A(&nb, s->objective));
    if (g->has_network) {
        fprintf(f, "\nannual cost (%s/yr):\n", cur);
        if (g->bau_feasible)
            money_row(f, "  ", 30, "business as usual", g->bau.total, per_yr);
        else
            fprintf(f, "  %-30s %18s\n", "business as usual", "not possible");
        money_row(f, "  ", 30, "with the network", g->cost.total, per_yr);
        if (g->bau_feasible)
            money_row(f, "  ", 30, "savings", g->bau.total - g->cost.total, per_yr);
        if (isfinite(res->optimum)) {
            money_row(f, "  ", 30, "the region's optimum", res->optimum, per_yr);
            money_row(f, "  ", 30, "this layout costs more by", g->cost.total - res->optimum,
                      per_yr);
            fprintf(f, "  (optimum %s%s)\n",
                    strcmp(res->optimum_from, "solved") == 0 ? "solved here" : "read from ",
                    strcmp(res->optimum_from, "solved") == 0 ? "" : res->optimum_from);
            if (!res->optimum_proven)
                fprintf(f, "  the optimum was not proven: the region may do better still\n");
        }
        fputs("  the network's annual cost by category:\n", f);
        money_row(f, "    ", 28, "disposal", g->cost.disposal, per_yr);
        money_row(f, "    ", 28, "purchases", g->cost.purchase, per_yr);
        money_row(f, "    ", 28, "annualised capital", g->cost.capital, per_yr);
        money_row(f, "    ", 28, "operating", g->cost.operating, per_yr);
        money_row(f, "    ", 28, "carbon", g->cost.carbon, per_yr);
        fprintf(f, "\ncapital cost (undiscounted): %s %s (annualised capital above: %s %s/yr)\n",
                M(&nb, g->capital_total), cur, M(&nb, g->cost.capital), cur);
        fprintf(f, "emissions: %s t CO2e/yr", A(&nb, g->co2_t_per_yr));
        if (g->bau_feasible)
            fprintf(f, " (business as usual %s; avoided %s)", A(&nb, g->bau_co2_t_per_yr),
                    A(&nb, g->bau_co2_t_per_yr - g->co2_t_per_yr));
        fputc('\n', f);
        /* the headline figures (docs/outputs.md, "Headline figures, money and jobs"): only
         * the categories the region has, one entry per unit */
        static const char *const labels[SNP_FIG_COUNT] = {"water saved", "energy recovered",
                                                          "waste diverted"};
        const snp_headline *hl = &res->h;
        for (int k = 0; k < SNP_FIG_COUNT; k++) {
            if (!hl->fig[k].present)
                continue;
            fprintf(f, "%s a year:", labels[k]);
            for (int i = 0; i < hl->fig[k].n; i++)
                fprintf(f, "%s %s %s", i ? "," : "", A(&nb, hl->fig[k].v[i].amount),
                        hl->fig[k].v[i].unit);
            fputc('\n', f);
        }
        int any = 0;
        for (int r = 0; r < in->n_resources; r++) {
            if (!(g->replaced[r] > 0))
                continue;
            fprintf(f, "%s %s %s %s",
                    any ? "," : "virgin inputs replaced a year:", A(&nb, g->replaced[r]),
                    in->resources[r].unit, in->resources[r].id);
            any = 1;
        }
        if (any)
            fputc('\n', f);
        if (hl->has_network) {
            const snp_money_rate *r0 = &hl->rates[0];
            fprintf(f, "net present value over %s years: %s %s at %.4g%%",
                    D(&nb, hl->horizon_yr, 0), M(&nb, r0->npv), cur, 100 * r0->rate);
            fprintf(f, " (without carbon value %s)", M(&nb, r0->npv_without_carbon));
            for (int i = 1; i < hl->n_rates; i++)
                fprintf(f, "; %s at %.4g%% (%s)", M(&nb, hl->rates[i].npv), 100 * hl->rates[i].rate,
                        M(&nb, hl->rates[i].npv_without_carbon));
            fputc('\n', f);
            if (isfinite(hl->irr))
                fprintf(f, "internal rate of return: %.1f%%", 100 * hl->irr);
            else
                fprintf(f, "internal rate of return: none");
            if (isfinite(hl->irr_without_carbon))
                fprintf(f, " (without carbon value %.1f%%)", 100 * hl->irr_without_carbon);
            else
                fprintf(f, " (without carbon value none)");
            if (isfinite(hl->payback_yr))
                fprintf(f, "; payback %s years", D(&nb, hl->payback_yr, 1));
            else
                fprintf(f, "; payback never");
            if (isfinite(hl->payback_without_carbon))
                fprintf(f, " (without carbon value %s)\n", D(&nb, hl->payback_without_carbon, 1));
            else
                fprintf(f, " (without carbon value never)\n");
        }
        fprintf(f, "jobs: %s construction job-years (%s per million %s%s), %s permanent\n",
                D(&nb, hl->construction_job_years, 1), D(&nb, in->construction_jobs_per_million, 2),
                cur, in->construction_jobs_default ? ", the default factor" : "",
                D(&nb, hl->permanent_jobs, 1));

        const snp_period_figures *pf = &res->pf;
        fprintf(f, "\nlinks built: %d\n", g->n_links);
        int rw = 12; /* the resource column: as wide as the longest resource id listed */
        for (int i = 0; i < g->n_links; i++) {
            size_t len = strlen(in->resources[snp_model_link(m, g->links[i].link)->resource].id);
            rw = len > (size_t)rw && len <= 64 ? (int)len : rw;
        }
        int n_joins = 0; /* network routing's connections of length 0 (model.md 2.4) */
        for (int i = 0; i < g->n_links; i++) {
            const snp_built_link *b = &g->links[i];
            const snp_link *l = snp_model_link(m, b->link);
            const char *unit = in->resources[l->resource].unit;
            if (is_join(l)) {
                n_joins++;
                continue;
            }
            fprintf(f, "  %-*s %-5s %s -> %s  %s km  %s %s/yr", rw, in->resources[l->resource].id,
                    l->mode == SNP_MODE_PIPE ? "pipe" : "truck", snp_node_id(in, l->tail),
                    snp_node_id(in, l->head), D(&nb, l->length_km, 2), A(&nb, b->flow), unit);
            if (b->size >= 0)
                fprintf(f, "  size %s %s/yr", A(&nb, l->sizes[b->size].capacity), unit);
            if (b->has_trips)
                fprintf(f, "  %s trips", A(&nb, b->trips));
            if (l->corridor >= 0)
                fprintf(f, "  in %s", in->corridors[l->corridor].id);
            if (pf->n > 0 && pf->link[i] && isfinite(pf->link_peak[i])) /* sizing: model.md 14 */
                fprintf(f, "  peak %s %s/h (load factor %s)", A(&nb, pf->link_peak[i]), unit,
                        D(&nb, pf->link_load[i], 2));
            fprintf(f, "  capital %s %s  annual cost %s %s/yr%s\n", M(&nb, b->capital), cur,
                    M(&nb, b->annual), cur, l->forced ? "  (forced)" : "");
        }
        if (n_joins > 0) {
            fprintf(f, "  and %d connection%s of length 0 where a node meets the ways, at no cost:",
                    n_joins, n_joins == 1 ? "" : "s");
            for (int i = 0, k = 0; i < g->n_links; i++) {
                const snp_link *l = snp_model_link(m, g->links[i].link);
                if (is_join(l))
                    fprintf(f, "%s %s -> %s (%s %s/yr)", k++ ? "," : "", snp_node_id(in, l->tail),
                            snp_node_id(in, l->head), A(&nb, g->links[i].flow),
                            in->resources[l->resource].unit);
            }
            fputc('\n', f);
        }
        int nh = 0;
        for (int h = 0; h < in->n_hubs; h++)
            nh += g->hub_size[h] >= 0;
        fprintf(f, "hubs built: %d\n", nh);
        for (int h = 0; h < in->n_hubs; h++) {
            if (g->hub_size[h] < 0)
                continue;
            const snp_hub *hub = &in->hubs[h];
            const snp_hub_capacity *o = &hub->capacities[g->hub_size[h]];
            const char *unit = hub_unit(in, hub);
            double used = 0;
            for (int i = 0; i < hub->n_inputs; i++)
                used += g->processed[h][i];
            fprintf(f, "  %s (%s): capacity %s %s/yr, processing %s %s/yr, capital %s %s", hub->id,
                    hub->kind[0] ? hub->kind : "hub", A(&nb, o->capacity), unit, A(&nb, used), unit,
                    M(&nb, o->capital), cur);
            if (pf->n > 0 && pf->processed[h] && isfinite(pf->hub_load[h]))
                fprintf(f, ", load factor %s", D(&nb, pf->hub_load[h], 2));
            fputc('\n', f);
            int q = pf->n > 0 ? pf->store_option[h] : -1;
            if (q >= 0) { /* its store (model.md 14.10): what it holds from period to period */
                const snp_hub_storage *sto = &hub->storage;
                const char *su = in->resources[sto->resource].unit;
                fprintf(f, "    store of %s: %s %s, capital %s %s; held at the end of",
                        in->resources[sto->resource].id, A(&nb, sto->capacities[q].capacity), su,
                        M(&nb, sto->capacities[q].capital), cur);
                for (int p = 0; p < pf->n; p++)
                    fprintf(f, "%s %s %s", p ? "," : "", in->periods[p].id,
                            A(&nb, pf->store_level[h][p]));
                fprintf(f, " %s\n", su);
            }
        }
        int nc = 0;
        for (int c = 0; c < in->n_corridors; c++)
            nc += g->corridor_built[c];
        if (in->n_corridors > 0)
            fprintf(f, "corridors built: %d\n", nc);
        for (int c = 0; c < in->n_corridors; c++)
            if (g->corridor_built[c])
                fprintf(f, "  %s: %s - %s, capital %s %s\n", in->corridors[c].id,
                        snp_node_id(in, in->corridors[c].a), snp_node_id(in, in->corridors[c].b),
                        M(&nb, in->corridors[c].capital), cur);
        snp_ways_write_summary(f, res); /* ways.c: trenches dug, zones' exposure */
        st = snp_partners_write_summary(f, res);
    }
    if (st != SN_OK)
        return st;
    return ferror(f) ? SN_EIO : SN_OK;
}

/* Names a model link as the user wrote it: "links[K] A -> B (res, pipe)" for an explicit link,
 * "the pipe A -> B (res)" for a generated candidate. */
static void name_link(FILE *f, const sn_instance *in, const snp_link *l)
{
    const char *mode = l->mode == SNP_MODE_PIPE ? "pipe" : "truck";
    if (l->spec >= 0)
        fprintf(f, "links[%d] %s -> %s (%s, %s)", l->spec, snp_node_id(in, l->tail),
                snp_node_id(in, l->head), in->resources[l->resource].id, mode);
    else
        fprintf(f, "the %s %s -> %s (%s)", mode, snp_node_id(in, l->tail), snp_node_id(in, l->head),
                in->resources[l->resource].id);
    if (l->forced)
        fputs(", forced", f);
}

/* What a network (an elastic solution) spends capital on, in model order (the region's). */
static void explain_capital(FILE *f, const sn_result *r, const char *which)
{
    nums nb = {.k = 0};
    const sn_instance *in = r->in;
    const sn_model *el = r->m;
    const snp_figures *g = &r->g;
    fprintf(f, "    %s builds:\n", which);
    for (int i = 0; i < g->n_links; i++) {
        const snp_link *l = snp_model_link(el, g->links[i].link);
        if (!(g->links[i].capital > 0))
            continue;
        fputs("      ", f);
        name_link(f, in, l);
        fprintf(f, ": capital %s %s\n", M(&nb, g->links[i].capital), in->currency);
    }
    for (int h = 0; h < in->n_hubs; h++)
        if (g->hub_size[h] >= 0)
            fprintf(f, "      hubs[%d] %s%s: capital %s %s\n", h, in->hubs[h].id,
                    in->hubs[h].status == SNP_STATUS_FORCED ? ", forced" : "",
                    M(&nb, in->hubs[h].capacities[g->hub_size[h]].capital), in->currency);
    for (int c = 0; c < in->n_corridors; c++)
        if (g->corridor_built[c])
            fprintf(f, "      corridors[%d] %s%s: capital %s %s\n", c, in->corridors[c].id,
                    in->corridors[c].status == SNP_STATUS_FORCED ? ", forced" : "",
                    M(&nb, in->corridors[c].capital), in->currency);
}

/* Where the closest network's emissions come from. */
static void explain_co2(FILE *f, const sn_result *r, const char *which)
{
    nums nb = {.k = 0};
    const sn_instance *in = r->in;
    const sn_model *el = r->m;
    const snp_figures *g = &r->g;
    fprintf(f, "    %s emits %s t CO2e/yr:\n", which, A(&nb, g->co2_t_per_yr));
    for (int i = 0; i < g->n_links; i++) {
        const snp_link *l = snp_model_link(el, g->links[i].link);
        double e = l->unit_co2 * g->links[i].flow;
        if (!(e > 0))
            continue;
        fputs("      ", f);
        name_link(f, in, l);
        fprintf(f, ": %s t CO2e/yr carrying %s %s\n", A(&nb, e), A(&nb, g->links[i].flow),
                in->resources[l->resource].unit);
    }
    for (int a = 0; a < in->n_facilities; a++) {
        const snp_facility *fa = &in->facilities[a];
        for (int k = 0; k < fa->n_supplies; k++) {
            const snp_supply *su = &fa->supplies[k];
            double e = su->disposal_co2 * g->disposed[a][k];
            if (e > 0)
                fprintf(f, "      facilities[%d].supplies[%d] (%s disposing of %s): %s t CO2e/yr\n",
                        a, k, fa->id, in->resources[su->resource].id, A(&nb, e));
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            double e = d->co2 * g->purchased[a][k];
            if (e > 0)
                fprintf(f, "      facilities[%d].demands[%d] (%s buying %s): %s t CO2e/yr\n", a, k,
                        fa->id, in->resources[d->resource].id, A(&nb, e));
        }
    }
    for (int h = 0; h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        if (hub->status == SNP_STATUS_FORBIDDEN)
            continue;
        double e = 0;
        for (int i = 0; i < hub->n_inputs; i++)
            e += hub->inputs[i].co2_per_unit * g->processed[h][i];
        for (int o = 0; o < hub->n_outputs; o++)
            e += hub->outputs[o].disposal_co2 * g->hub_disposed[h][o];
        if (e > 0)
            fprintf(f, "      hubs[%d] %s: %s t CO2e/yr\n", h, hub->id, A(&nb, e));
    }
}

/* The links that could carry resource r out of (out = 1) or into node, with what the closest
 * network puts on them; says so when there is none. */
static void explain_links_at(FILE *f, const sn_result *res, int node, int r, int out)
{
    nums nb = {.k = 0};
    const sn_instance *in = res->in;
    const sn_model *el = res->m;
    int n = 0;
    for (size_t k = 0; k < el->links.len; k++) {
        const snp_link *l = snp_model_link(el, (int)k);
        if ((out ? l->tail : l->head) != node || l->resource != r)
            continue;
        if (n++ == 0)
            fprintf(f, "    links %s %s for %s in the closest network:\n", out ? "from" : "to",
                    snp_node_id(in, node), in->resources[r].id);
        fputs("      ", f);
        name_link(f, in, l);
        fprintf(f, ": %s %s", A(&nb, res->g.link_flow[k]), in->resources[r].unit);
        if (l->spec >= 0 && in->links[l->spec].has_capacity)
            fprintf(f, " (capacity %s)", A(&nb, in->links[l->spec].capacity));
        fputc('\n', f);
    }
    if (n == 0 && in->only_forced)
        fprintf(f, "    the layout builds no link %s %s for %s\n", out ? "out of" : "into",
                snp_node_id(in, node), in->resources[r].id);
    else if (n == 0)
        fprintf(f,
                "    no candidate link %s %s for %s (too far for max_km, forbidden, or no "
                "%s %s)\n",
                out ? "leaves" : "reaches", snp_node_id(in, node), in->resources[r].id,
                out ? "demand for it within reach of" : "supply of it within reach of",
                snp_node_id(in, node));
}

/* Requirements that only the caps forbid: what a network meeting them (the uncapped elastic
 * solution, which meets every requirement that any network can) would need beyond each cap. */
static sn_status explain_caps(FILE *f, const sn_result *un)
{
    nums nb = {.k = 0};
    const sn_instance *in = un->in;
    const snp_figures *g = &un->g;
    if (in->has_budget && g->capital_total > in->budget * (1 + 1e-9)) {
        fprintf(f, "  region.capital_budget: %s %s is below the capital of meeting them\n",
                M(&nb, in->budget), in->currency);
        explain_capital(f, un,
                        "one network that meets them (found without the caps; not the one of "
                        "least capital)");
    }
    /* the least any network meeting them emits (docs/model.md 10.2), when it was found */
    const sn_result *lc = un->least_co2;
    if (in->has_co2_cap && lc && lc->g.co2_t_per_yr > in->co2_cap_t_per_yr * (1 + 1e-6)) {
        fprintf(f,
                "  region.co2_cap_t_per_yr: %s t/yr is below the least emissions of any "
                "network that meets them: %s t/yr (%s t/yr over the cap)\n",
                A(&nb, in->co2_cap_t_per_yr), A(&nb, lc->g.co2_t_per_yr),
                A(&nb, lc->g.co2_t_per_yr - in->co2_cap_t_per_yr));
        explain_co2(f, lc, "the network of least emissions");
    } else if (in->has_co2_cap && lc && in->has_budget) {
        fprintf(f,
                "  region.co2_cap_t_per_yr: %s t/yr could be met on its own (the least "
                "emissions of a network that meets them are %s t/yr), but not within "
                "region.capital_budget as well\n",
                A(&nb, in->co2_cap_t_per_yr), A(&nb, lc->g.co2_t_per_yr));
    } else if (in->has_co2_cap && !lc && g->co2_t_per_yr > in->co2_cap_t_per_yr * (1 + 1e-9)) {
        fprintf(f,
                "  region.co2_cap_t_per_yr: %s t/yr; the least emissions of a network that "
                "meets them were not found within the limits\n",
                A(&nb, in->co2_cap_t_per_yr));
        explain_co2(f, un,
                    "one network that meets them (found without the caps; not the one of least "
                    "emissions)");
    }
    return SN_OK;
}

sn_status sn_report_write_infeasibility(const sn_result *el, const sn_result *uncapped, FILE *f)
{
    nums nb = {.k = 0};
    const sn_instance *in = el->in;
    const sn_solution *s = el->s;
    const sn_solution *su = uncapped ? uncapped->s : NULL;
    if (!s->has_x) {
        fprintf(f, "symnet: could not find which requirements conflict (%s)\n", s->message);
        return SN_OK;
    }
    const char *caps = in->has_budget && in->has_co2_cap ? "region.capital_budget and "
                                                           "region.co2_cap_t_per_yr"
                       : in->has_budget                  ? "region.capital_budget"
                                                         : "region.co2_cap_t_per_yr";
    sn_status st = SN_OK;
    int n = 0, conflicts = 0;
    for (int k = 0; k < el->n_violations; k++) {
        const snp_violation *sl = &el->violations[k];
        double v = sl->amount;
        if (!(v > 1e-7))
            continue;
        n++;
        /* short even without the caps: no network at all can meet it */
        int physical = !uncapped || snp_result_violation(uncapped, sl->kind, sl->a, sl->b) > 1e-7;
        conflicts |= !physical;
        switch (sl->kind) {
        case SNP_SLACK_DEMAND: {
            const snp_facility *fa = &in->facilities[sl->a];
            const snp_demand *d = &fa->demands[sl->b];
            const snp_resource *r = &in->resources[d->resource];
            fprintf(f,
                    "  facilities[%d].demands[%d]: %s needs %s %s of %s and has no price to "
                    "buy it; ",
                    sl->a, sl->b, fa->id, A(&nb, d->amount), r->unit, r->id);
            if (physical)
                fprintf(f, "no network can deliver all of it (%s %s short in the closest one)\n",
                        A(&nb, v), r->unit);
            else
                fprintf(f, "serving it conflicts with %s\n", caps);
            if (physical)
                explain_links_at(f, el, sl->a, d->resource, 0);
            break;
        }
        case SNP_SLACK_SUPPLY: {
            const snp_facility *fa = &in->facilities[sl->a];
            const snp_supply *su_ = &fa->supplies[sl->b];
            const snp_resource *r = &in->resources[su_->resource];
            fprintf(f,
                    "  facilities[%d].supplies[%d]: %s must hand over all %s %s of %s (no "
                    "disposal_cost); ",
                    sl->a, sl->b, fa->id, A(&nb, su_->amount), r->unit, r->id);
            if (physical)
                fprintf(f, "no network can take all of it (%s %s left in the closest one)\n",
                        A(&nb, v), r->unit);
            else
                fprintf(f, "taking it conflicts with %s\n", caps);
            if (physical)
                explain_links_at(f, el, sl->a, su_->resource, 1);
            break;
        }
        case SNP_SLACK_BUDGET:
            fprintf(f,
                    "  region.capital_budget: %s %s is too small for what must be built "
                    "(%s %s more in the closest network)\n",
                    M(&nb, in->budget), in->currency, M(&nb, v), in->currency);
            explain_capital(f, el, "the closest network");
            break;
        case SNP_SLACK_CO2:
            fprintf(f,
                    "  region.co2_cap_t_per_yr: %s t CO2e/yr is below what the required "
                    "exchanges emit (%s t CO2e/yr more in the closest network)\n",
                    A(&nb, in->co2_cap_t_per_yr), A(&nb, v));
            explain_co2(f, el, "the closest network");
            break;
        case SNP_SLACK_COST:
            fprintf(f,
                    "  region.cost_cap: %s %s/yr is below what any network that meets the "
                    "requirements costs (%s %s/yr more in the closest network)\n",
                    M(&nb, in->cost_cap), in->currency, M(&nb, v), in->currency);
            break;
        case SNP_SLACK_LAYOUT:
            fprintf(f,
                    "  region.exclude_layouts[%d]: every network that meets the other "
                    "requirements repeats an excluded layout (the closest repeats this one)\n",
                    sl->a);
            break;
        }
    }
    if (n == 0)
        fprintf(f, "  the closest network found violates no requirement, which contradicts the "
                   "verdict: treat it as unconfirmed\n");
    if (s->status != SN_SOL_OPTIMAL)
        fprintf(f, "  (the search for the closest network stopped at its limit: these are the "
                   "shortfalls of the best network it found, not proven to be the least)\n");
    if (conflicts && su && su->has_x)
        st = explain_caps(f, uncapped);
    return st == SN_OK && ferror(f) ? SN_EIO : st;
}
