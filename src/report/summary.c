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

static void money(FILE *f, const char *label, double v, const char *cur)
{
    fprintf(f, "  %-26s %16.2f %s\n", label, v, cur);
}

sn_status sn_report_write_summary(const sn_result *res, FILE *f)
{
    const sn_instance *in = res->in;
    const sn_model *m = res->m;
    const sn_solution *s = res->s;
    const snp_figures *g = &res->g;
    sn_status st = SN_OK;
    const char *cur = in->currency;
    fprintf(f, "symnet: %s\n", in->name);
    switch (s->status) {
    case SN_SOL_OPTIMAL:
        if (s->gap > 1e-9 && isfinite(s->gap))
            fprintf(f,
                    "status: optimal within the gap tolerance (gap %.4g%%, tolerance %.4g%%), "
                    "%.2f s\n",
                    100 * s->gap, 100 * s->mip_gap_tolerance, s->time_s);
        else
            fprintf(f, "status: proven optimal, %.2f s\n", s->time_s);
        break;
    case SN_SOL_FEASIBLE:
        fprintf(f, "status: feasible, NOT proven optimal (%s after %.2f s); ", s->message,
                s->time_s);
        if (isfinite(s->gap))
            fprintf(f, "gap %.4g%%: the optimum costs at least %.2f %s/yr\n", 100 * s->gap,
                    s->bound, cur);
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
    if (g->has_network) {
        fprintf(f, "\nannual cost (%s/yr):\n", cur);
        if (g->bau_feasible)
            money(f, "business as usual", g->bau.total, cur);
        else
            fprintf(f, "  %-26s %16s\n", "business as usual", "not possible");
        money(f, "with the network", g->cost.total, cur);
        if (g->bau_feasible)
            money(f, "savings", g->bau.total - g->cost.total, cur);
        fprintf(f,
                "\n  breakdown: disposal %.2f, purchases %.2f, capital %.2f, operating %.2f, "
                "carbon %.2f\n",
                g->cost.disposal, g->cost.purchase, g->cost.capital, g->cost.operating,
                g->cost.carbon);
        if (isfinite(res->optimum)) {
            money(f, "the region's optimum", res->optimum, cur);
            money(f, "this layout costs more by", g->cost.total - res->optimum, cur);
            fprintf(f, "  (optimum %s%s)\n",
                    strcmp(res->optimum_from, "solved") == 0 ? "solved here" : "read from ",
                    strcmp(res->optimum_from, "solved") == 0 ? "" : res->optimum_from);
            if (!res->optimum_proven)
                fprintf(f, "  the optimum was not proven: the region may do better still\n");
        }
        fprintf(f, "\ncapital cost: %.2f %s\n", g->capital_total, cur);
        fprintf(f, "emissions: %.3f t CO2e/yr", g->co2_t_per_yr);
        if (g->bau_feasible)
            fprintf(f, " (business as usual %.3f; avoided %.3f)", g->bau_co2_t_per_yr,
                    g->bau_co2_t_per_yr - g->co2_t_per_yr);
        fputc('\n', f);
        int any = 0;
        for (int r = 0; r < in->n_resources; r++) {
            if (!(g->diverted[r] > 0))
                continue;
            fprintf(f, "%s %.6g %s %s", any ? "," : "waste diverted:", g->diverted[r],
                    in->resources[r].unit, in->resources[r].id);
            any = 1;
        }
        if (any)
            fputc('\n', f);
        any = 0;
        for (int r = 0; r < in->n_resources; r++) {
            if (!(g->replaced[r] > 0))
                continue;
            fprintf(f, "%s %.6g %s %s", any ? "," : "virgin inputs replaced:", g->replaced[r],
                    in->resources[r].unit, in->resources[r].id);
            any = 1;
        }
        if (any)
            fputc('\n', f);

        fprintf(f, "\nlinks built: %d\n", g->n_links);
        for (int i = 0; i < g->n_links; i++) {
            const snp_built_link *b = &g->links[i];
            const snp_link *l = snp_model_link(m, b->link);
            fprintf(f, "  %-12s %-5s %s -> %s  %.2f km  %.6g %s/yr", in->resources[l->resource].id,
                    l->mode == SNP_MODE_PIPE ? "pipe" : "truck", snp_node_id(in, l->tail),
                    snp_node_id(in, l->head), l->length_km, b->flow,
                    in->resources[l->resource].unit);
            if (b->size >= 0)
                fprintf(f, "  size %.6g", l->sizes[b->size].capacity);
            if (b->has_trips)
                fprintf(f, "  %.0f trips", b->trips);
            if (l->corridor >= 0)
                fprintf(f, "  in %s", in->corridors[l->corridor].id);
            fprintf(f, "  capital %.2f  annual %.2f%s\n", b->capital, b->annual,
                    l->forced ? "  (forced)" : "");
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
            double used = 0;
            for (int i = 0; i < hub->n_inputs; i++)
                used += g->processed[h][i];
            fprintf(f, "  %s (%s): capacity %.6g, processing %.6g, capital %.2f\n", hub->id,
                    hub->kind[0] ? hub->kind : "hub", o->capacity, used, o->capital);
        }
        int nc = 0;
        for (int c = 0; c < in->n_corridors; c++)
            nc += g->corridor_built[c];
        if (in->n_corridors > 0)
            fprintf(f, "corridors built: %d\n", nc);
        for (int c = 0; c < in->n_corridors; c++)
            if (g->corridor_built[c])
                fprintf(f, "  %s: %s - %s, capital %.2f\n", in->corridors[c].id,
                        snp_node_id(in, in->corridors[c].a), snp_node_id(in, in->corridors[c].b),
                        in->corridors[c].capital);
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
        fprintf(f, ": capital %.2f %s\n", g->links[i].capital, in->currency);
    }
    for (int h = 0; h < in->n_hubs; h++)
        if (g->hub_size[h] >= 0)
            fprintf(f, "      hubs[%d] %s%s: capital %.2f %s\n", h, in->hubs[h].id,
                    in->hubs[h].status == SNP_STATUS_FORCED ? ", forced" : "",
                    in->hubs[h].capacities[g->hub_size[h]].capital, in->currency);
    for (int c = 0; c < in->n_corridors; c++)
        if (g->corridor_built[c])
            fprintf(f, "      corridors[%d] %s%s: capital %.2f %s\n", c, in->corridors[c].id,
                    in->corridors[c].status == SNP_STATUS_FORCED ? ", forced" : "",
                    in->corridors[c].capital, in->currency);
}

/* Where the closest network's emissions come from. */
static void explain_co2(FILE *f, const sn_result *r, const char *which)
{
    const sn_instance *in = r->in;
    const sn_model *el = r->m;
    const snp_figures *g = &r->g;
    fprintf(f, "    %s emits %.6g t/yr:\n", which, g->co2_t_per_yr);
    for (int i = 0; i < g->n_links; i++) {
        const snp_link *l = snp_model_link(el, g->links[i].link);
        double e = l->unit_co2 * g->links[i].flow;
        if (!(e > 0))
            continue;
        fputs("      ", f);
        name_link(f, in, l);
        fprintf(f, ": %.6g t/yr carrying %.6g %s\n", e, g->links[i].flow,
                in->resources[l->resource].unit);
    }
    for (int a = 0; a < in->n_facilities; a++) {
        const snp_facility *fa = &in->facilities[a];
        for (int k = 0; k < fa->n_supplies; k++) {
            const snp_supply *su = &fa->supplies[k];
            double e = su->disposal_co2 * g->disposed[a][k];
            if (e > 0)
                fprintf(f, "      facilities[%d].supplies[%d] (%s disposing of %s): %.6g t/yr\n", a,
                        k, fa->id, in->resources[su->resource].id, e);
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            double e = d->co2 * g->purchased[a][k];
            if (e > 0)
                fprintf(f, "      facilities[%d].demands[%d] (%s buying %s): %.6g t/yr\n", a, k,
                        fa->id, in->resources[d->resource].id, e);
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
            fprintf(f, "      hubs[%d] %s: %.6g t/yr\n", h, hub->id, e);
    }
}

/* The links that could carry resource r out of (out = 1) or into node, with what the closest
 * network puts on them; says so when there is none. */
static void explain_links_at(FILE *f, const sn_result *res, int node, int r, int out)
{
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
        fprintf(f, ": %.6g %s", res->g.link_flow[k], in->resources[r].unit);
        if (l->spec >= 0 && in->links[l->spec].has_capacity)
            fprintf(f, " (capacity %.6g)", in->links[l->spec].capacity);
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
    const sn_instance *in = un->in;
    const snp_figures *g = &un->g;
    if (in->has_budget && g->capital_total > in->budget * (1 + 1e-9)) {
        fprintf(f, "  region.capital_budget: %.2f %s is below the capital of meeting them\n",
                in->budget, in->currency);
        explain_capital(f, un,
                        "one network that meets them (found without the caps; not the one of "
                        "least capital)");
    }
    /* the least any network meeting them emits (docs/model.md 10.2), when it was found */
    const sn_result *lc = un->least_co2;
    if (in->has_co2_cap && lc && lc->g.co2_t_per_yr > in->co2_cap_t_per_yr * (1 + 1e-6)) {
        fprintf(f,
                "  region.co2_cap_t_per_yr: %.6g t/yr is below the least emissions of any "
                "network that meets them: %.6g t/yr (%.6g t/yr over the cap)\n",
                in->co2_cap_t_per_yr, lc->g.co2_t_per_yr,
                lc->g.co2_t_per_yr - in->co2_cap_t_per_yr);
        explain_co2(f, lc, "the network of least emissions");
    } else if (in->has_co2_cap && lc && in->has_budget) {
        fprintf(f,
                "  region.co2_cap_t_per_yr: %.6g t/yr could be met on its own (the least "
                "emissions of a network that meets them are %.6g t/yr), but not within "
                "region.capital_budget as well\n",
                in->co2_cap_t_per_yr, lc->g.co2_t_per_yr);
    } else if (in->has_co2_cap && !lc && g->co2_t_per_yr > in->co2_cap_t_per_yr * (1 + 1e-9)) {
        fprintf(f,
                "  region.co2_cap_t_per_yr: %.6g t/yr; the least emissions of a network that "
                "meets them were not found within the limits\n",
                in->co2_cap_t_per_yr);
        explain_co2(f, un,
                    "one network that meets them (found without the caps; not the one of least "
                    "emissions)");
    }
    return SN_OK;
}

sn_status sn_report_write_infeasibility(const sn_result *el, const sn_result *uncapped, FILE *f)
{
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
                    "  facilities[%d].demands[%d]: %s needs %.6g %s of %s and has no price to "
                    "buy it; ",
                    sl->a, sl->b, fa->id, d->amount, r->unit, r->id);
            if (physical)
                fprintf(f, "no network can deliver all of it (%.6g %s short in the closest one)\n",
                        v, r->unit);
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
                    "  facilities[%d].supplies[%d]: %s must hand over all %.6g %s of %s (no "
                    "disposal_cost); ",
                    sl->a, sl->b, fa->id, su_->amount, r->unit, r->id);
            if (physical)
                fprintf(f, "no network can take all of it (%.6g %s left in the closest one)\n", v,
                        r->unit);
            else
                fprintf(f, "taking it conflicts with %s\n", caps);
            if (physical)
                explain_links_at(f, el, sl->a, su_->resource, 1);
            break;
        }
        case SNP_SLACK_BUDGET:
            fprintf(f,
                    "  region.capital_budget: %.2f %s is too small for what must be built "
                    "(%.2f %s more in the closest network)\n",
                    in->budget, in->currency, v, in->currency);
            explain_capital(f, el, "the closest network");
            break;
        case SNP_SLACK_CO2:
            fprintf(f,
                    "  region.co2_cap_t_per_yr: %.6g t/yr is below what the required exchanges "
                    "emit (%.6g t/yr more in the closest network)\n",
                    in->co2_cap_t_per_yr, v);
            explain_co2(f, el, "the closest network");
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
