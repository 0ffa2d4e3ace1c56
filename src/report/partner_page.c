/*
 * partner_page.c - one partner's own HTML page (solve --partner-reports DIR): its exchanges
 * with their amounts and transfer prices, its costs and gains under the use rule and under the
 * chosen allocation, and the region's totals. It shows no other partner's costs, prices or
 * amounts: an exchange is listed only on the pages of the two facilities it joins (a hub or
 * junction between them is named, the facilities behind it are not), so a facilitator can hand
 * each partner its page without exposing the others' byproduct data (docs/outputs.md,
 * "Partner pages"; tests/unit/test_alloc.c searches every page for every other partner's
 * numbers).
 *
 * Stage: sn_result -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Money and amounts on this page: two decimals, thin-space thousands (svgmap.c). */
static void num(FILE *f, double v, int sign)
{
    snp_html_amount(f, v, 2, sign);
}

static void row(FILE *f, const char *label, double v, int sign, const char *unit)
{
    fputs("<tr><td>", f);
    snp_html_esc(f, label);
    fputs("</td><td>", f);
    num(f, v, sign);
    fputs(" ", f);
    snp_html_esc(f, unit);
    fputs("</td></tr>\n", f);
}

/* The other end of an exchange, as the partner may see it. */
static void other_end(FILE *f, const sn_instance *in, int node)
{
    int k;
    switch (snp_node_kind_of(in, node, &k)) {
    case SNP_NODE_FACILITY:
        snp_html_esc(f, in->facilities[k].name);
        return;
    case SNP_NODE_HUB:
        fputs("shared hub ", f);
        snp_html_esc(f, in->hubs[k].name);
        return;
    case SNP_NODE_JUNCTION:
        fputs("shared pipe junction ", f);
        snp_html_esc(f, in->junctions[k].id);
        return;
    }
}

static void write_exchanges(FILE *f, const sn_result *r, int me)
{
    const sn_instance *in = r->in;
    const snp_split *sp = &r->split;
    fputs("<table class=\"num\"><thead><tr><th>exchange</th><th>with</th><th>resource</th>"
          "<th>delivered a year</th><th>transfer price per unit</th><th>you receive a year</th>"
          "</tr></thead><tbody>\n",
          f);
    int n = 0;
    for (int e = 0; e < r->g.n_links; e++) {
        const snp_built_link *b = &r->g.links[e];
        const snp_link *l = snp_model_link(r->m, b->link);
        if (l->tail != me && l->head != me)
            continue;
        const snp_resource *res = &in->resources[l->resource];
        double q = b->flow * l->arrive;
        double p = sp->priced ? sp->price[e] : NAN;
        double money = isfinite(p) ? (l->tail == me ? q * p : -q * p) : NAN;
        fprintf(f, "<tr><td>%s</td><td>", l->tail == me ? "you send" : "you receive");
        other_end(f, in, l->tail == me ? l->head : l->tail);
        fputs("</td><td>", f);
        snp_html_esc(f, res->name);
        fputs("</td><td>", f);
        num(f, q, 0);
        fputs(" ", f);
        snp_html_esc(f, res->unit);
        fputs("</td><td>", f);
        num(f, p, 0);
        fputs(" ", f);
        snp_html_esc(f, in->currency);
        fputs("/", f);
        snp_html_esc(f, res->unit);
        fputs("</td><td>", f);
        num(f, money, 1);
        fputs("</td></tr>\n", f);
        n++;
    }
    fputs("</tbody></table>\n", f);
    if (!n)
        fputs("<p class=\"note\">You take part in no exchange of this network.</p>\n", f);
    fprintf(f,
            "<p class=\"note\">A transfer price is paid per unit delivered by the receiver to the "
            "sender (a negative price: the sender pays the receiver to take it). The prices "
            "carry the split below (docs/model.md 13.4); a hub or junction keeps none of the "
            "money.</p>\n");
}

static void write_own(FILE *f, const sn_result *r, int me)
{
    const sn_instance *in = r->in;
    const snp_partner *q = &r->p[me];
    const snp_split *sp = &r->split;
    const char *cur = in->currency;
    char unit[80];
    snprintf(unit, sizeof unit, "%s/yr", cur);
    fputs("<table class=\"num\"><tbody>\n", f);
    row(f, "your cost alone (business as usual)", q->bau, 0, unit);
    row(f, "your own disposal and purchases in the network", q->disposal + q->purchase, 0, unit);
    row(f, "transport you pay", q->transport, 0, unit);
    row(f, "your share of shared hubs, corridors and links", q->shared, 0, unit);
    row(f, "your cost in the network before any transfer price", q->total, 0, unit);
    row(f, "you gain before any transfer price", q->bau - q->total, 1, unit);
    row(f, "you receive through transfer prices", sp->priced ? sp->paid[me] : NAN, 1, unit);
    if (sp->priced && fabs(sp->side[me]) > 1e-6 * (1 + fabs(sp->gain[me])))
        row(f, "side payment you receive (no exchange can carry it)", sp->side[me], 1, unit);
    row(f,
        sp->rule == SN_ALLOCATION_SHAPLEY ? "your gain: your Shapley value"
                                          : "your gain under the use rule",
        sp->gain[me], 1, unit);
    if (sp->sampled_components)
        row(f, "95 % confidence half-width of that value (sampled)", sp->ci[me], 0, unit);
    if (sp->has_game && isfinite(sp->core_gain[me]))
        row(f,
            "your gain in the stable split that gives the worst-off the most, then the next "
            "(leximin)",
            sp->core_gain[me], 1, unit);
    fputs("</tbody></table>\n", f);
}

static void write_region(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_split *sp = &r->split;
    char unit[80];
    snprintf(unit, sizeof unit, "%s/yr", in->currency);
    int partners = 0;
    for (int i = 0; i < in->n_facilities; i++)
        partners += r->p[i].participates;
    fputs("<table class=\"num\"><tbody>\n", f);
    fprintf(f, "<tr><td>facilities in the region</td><td>%d</td></tr>\n", in->n_facilities);
    fprintf(f, "<tr><td>facilities taking part in the network</td><td>%d</td></tr>\n", partners);
    row(f, "the region's savings against business as usual", r->g.bau.total - r->g.cost.total, 1,
        unit);
    row(f, "capital of everything built (undiscounted)", r->g.capital_total, 0, in->currency);
    row(f, "emissions avoided", r->g.bau_co2_t_per_yr - r->g.co2_t_per_yr, 0, "t CO2e/yr");
    fputs("</tbody></table>\n<p class=\"note\">", f);
    if (sp->rule == SN_ALLOCATION_SHAPLEY)
        fputs("The savings are split by Shapley value: each partner gets its average "
              "contribution over every order in which the partners could have joined, each "
              "coalition building its own best network (docs/model.md 13). ",
              f);
    else
        fputs("The savings are split by the use rule: each partner keeps the disposal and "
              "purchases it avoids and pays for what it uses (docs/model.md 12.1). ",
              f);
    if (sp->has_game && sp->core_known)
        fputs(sp->core_empty ? "No stable split exists: some group of partners would gain more "
                               "on its own than under any split of the region's savings."
              : sp->blocked  ? "This split is not stable: some group of partners would gain "
                               "more on its own; a stable split exists."
                             : "This split is stable: no group of partners would gain more on "
                               "its own.",
              f);
    fputs("</p>\n", f);
}

void snp_html_write_allocation(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_split *sp = &r->split;
    if (!r->g.has_network || !sp->priced)
        return;
    if (sp->has_game) {
        fputs("<h3>Shapley allocation: who gains what</h3>\n<table id=\"allocation\" "
              "class=\"num\"><thead><tr><th>facility</th><th>use rule gain</th><th>Shapley "
              "gain</th><th>stable max-min gain</th><th>received through prices</th></tr>"
              "</thead><tbody>\n",
              f);
        for (int i = 0; i < in->n_facilities; i++) {
            const snp_partner *q = &r->p[i];
            fputs("<tr><td>", f);
            snp_html_esc(f, in->facilities[i].name);
            fputs("</td><td>", f);
            snp_html_amount(f, q->bau - q->total, 0, 1);
            fputs("</td><td>", f);
            snp_html_amount(f, sp->gain[i], 0, 1);
            if (sp->sampled_components) {
                fputs(" &plusmn; ", f);
                snp_html_amount(f, sp->ci[i], 0, 0);
            }
            fputs("</td><td>", f);
            snp_html_amount(f, sp->null_player[i] ? 0 : sp->core_gain[i], 0, 1);
            fputs("</td><td>", f);
            snp_html_amount(f, sp->paid[i] + sp->side[i], 0, 1);
            fputs("</td></tr>\n", f);
        }
        fprintf(f, "</tbody></table>\n<p class=\"note\">Per year, in ");
        snp_html_esc(f, in->currency);
        fprintf(f,
                ". %d coalitions solved, each the region without the other partners (hubs and "
                "corridors open to all; docs/model.md 13). ",
                sp->coalitions);
        if (!sp->core_known)
            fputs("The core was not checked (a part has more than 16 partners: sampled values "
                  "with a 95 % confidence half-width).",
                  f);
        else if (sp->core_empty) {
            fputs("<strong>No stable split exists</strong> (the core is empty): ", f);
            snp_html_esc(f, sp->blocking ? sp->blocking : "");
            fputs(" would gain more on their own than the Shapley split gives them.", f);
        } else if (sp->blocked) {
            fputs("The Shapley split is not stable: ", f);
            snp_html_esc(f, sp->blocking ? sp->blocking : "");
            fputs(" would gain more on their own; the stable max-min split is.", f);
        } else
            fputs("The Shapley split is stable: no group of partners gains more on its own.", f);
        fputs("</p>\n", f);
    }
    int any = 0;
    for (int e = 0; e < r->g.n_links; e++)
        any |= isfinite(sp->price[e]) && sp->price[e] != 0;
    if (!any)
        return;
    fputs("<h3>Transfer prices</h3>\n<ul class=\"facts\">\n", f);
    for (int e = 0; e < r->g.n_links; e++) {
        if (!isfinite(sp->price[e]))
            continue;
        const snp_link *l = snp_model_link(r->m, r->g.links[e].link);
        const snp_resource *res = &in->resources[l->resource];
        double p = sp->price[e];
        fputs("<li>", f);
        snp_html_esc(f, snp_node_id(in, l->tail));
        fputs(p >= 0 ? " sells " : " pays ", f);
        if (p >= 0) {
            snp_html_esc(f, res->name);
            fputs(" to ", f);
            snp_html_esc(f, snp_node_id(in, l->head));
            fputs(" at ", f);
        } else {
            snp_html_esc(f, snp_node_id(in, l->head));
            fputs(" ", f);
        }
        snp_html_amount(f, fabs(p), 2, 0);
        fputs(" ", f);
        snp_html_esc(f, in->currency);
        fputs("/", f);
        snp_html_esc(f, res->unit);
        if (p < 0) {
            fputs(" to take ", f);
            snp_html_esc(f, res->name);
        }
        fputs("</li>\n", f);
    }
    fputs("</ul>\n<p class=\"note\">Per unit delivered, paid by the receiver; a hub or "
          "junction passes the money on, a junction per resource (docs/model.md 13.4).</p>\n",
          f);
}

sn_status sn_report_write_partner_html(const sn_result *r, int facility, FILE *f)
{
    const sn_instance *in = r->in;
    if (facility < 0 || facility >= in->n_facilities)
        return SN_EUSAGE;
    const char *name = in->facilities[facility].name;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    snp_html_esc(f, name);
    fputs(" &#8212; ", f);
    snp_html_esc(f, in->name);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", snp_html_css());
    snp_html_esc(f, name);
    fputs("</h1>\n<p class=\"note\">Your part in the network symnet designed for ", f);
    snp_html_esc(f, in->name);
    fprintf(f,
            " (symnet %s, status %s). This page is for you alone: it shows your own exchanges, "
            "costs, gains and prices and the region's totals, and no other partner's.</p>\n",
            SN_VERSION, sn_solution_status_name(r->s->status));
    if (!r->g.has_network) {
        fputs("<p>The region has no network: nothing to report.</p>\n</body>\n</html>\n", f);
        return ferror(f) ? SN_EIO : SN_OK;
    }
    fputs("<h2>Your exchanges</h2>\n", f);
    write_exchanges(f, r, facility);
    fputs("<h2>Your costs and gains</h2>\n", f);
    write_own(f, r, facility);
    fputs("<h2>The region</h2>\n", f);
    write_region(f, r);
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? SN_EIO : SN_OK;
}
