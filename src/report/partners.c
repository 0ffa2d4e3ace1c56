/*
 * partners.c - the partner tables of the JSON solution and the text summary: what each
 * facility pays and gains against business as usual, as computed by src/result/partners.c
 * (docs/model.md section 12).
 *
 * Stage: sn_result -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void num(FILE *f, const char *key, double v)
{
    fprintf(f, ", \"%s\": ", key);
    snp_json_number(f, v);
}

/* "allocation": the rule, and for Shapley the game and the core check (docs/outputs.md). */
static void write_allocation(FILE *f, const sn_result *r)
{
    const snp_split *sp = &r->split;
    fprintf(f, "  \"allocation\": {\"rule\": \"%s\"",
            sp->rule == SN_ALLOCATION_SHAPLEY ? "shapley" : "use");
    if (sp->has_game) {
        fprintf(f,
                ", \"players\": %d, \"components\": %d, \"coalitions_solved\": %d, "
                "\"coalitions_unproven\": %d, \"sampled_components\": %d",
                sp->players, sp->components, sp->coalitions, sp->unproven, sp->sampled_components);
        if (sp->sampled_components)
            fprintf(f, ", \"samples\": %d, \"seed\": %lu, \"confidence\": 0.95", sp->samples,
                    sp->seed);
        num(f, "residual", sp->residual);
        fprintf(f, ", \"core\": {\"checked\": %s", sp->core_known ? "true" : "false");
        if (sp->core_known) {
            fprintf(f, ", \"empty\": %s, \"shapley_in_core\": %s, \"use_in_core\": %s",
                    sp->core_empty ? "true" : "false", sp->blocked ? "false" : "true",
                    sp->use_blocked ? "false" : "true");
            fputs(", \"blocking\": ", f);
            if (sp->blocked)
                snp_json_string(f, sp->blocking);
            else
                fputs("null", f);
            num(f, "blocking_excess", sp->blocked ? sp->block_excess : NAN);
            fputs(", \"use_blocking\": ", f);
            if (sp->use_blocked)
                snp_json_string(f, sp->use_blocking);
            else
                fputs("null", f);
            num(f, "use_blocking_excess", sp->use_blocked ? sp->use_excess : NAN);
            num(f, "maxmin_smallest_gain", sp->core_min);
        }
        fputs("}", f);
    }
    fputs("},\n", f);
}

void snp_partners_write_json(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const sn_solution *s = r->s;
    const snp_partner *p = r->p;
    fputs("  \"fairness\": {\"imposed\": ", f);
    fputs(r->negotiated ? "true" : "false", f);
    fputs(", \"split\": ", f);
    fputs(r->negotiated ? "\"negotiated\"" : "\"proportional\"", f);
    double ref = s->has_unconstrained ? s->unconstrained_objective : NAN;
    num(f, "unconstrained_objective", ref);
    num(f, "cost", s->has_x && s->has_unconstrained ? s->objective - ref : NAN);
    fputs("},\n  \"partners\": [", f);
    for (int i = 0; i < in->n_facilities; i++) {
        const snp_partner *q = &p[i];
        fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", f);
        snp_json_string(f, in->facilities[i].id);
        num(f, "bau_cost", q->bau);
        num(f, "cost", q->total);
        num(f, "change", q->change);
        num(f, "disposal", s->has_x ? q->disposal : NAN);
        num(f, "purchase", s->has_x ? q->purchase : NAN);
        num(f, "transport", s->has_x ? q->transport : NAN);
        num(f, "shared", s->has_x ? q->shared : NAN);
        fprintf(f, ", \"participates\": %s, \"worse_off\": %s", q->participates ? "true" : "false",
                q->worse_off ? "true" : "false");
        const snp_split *sp = &r->split;
        num(f, "gain", s->has_x ? sp->gain[i] : NAN);
        if (sp->sampled_components)
            num(f, "gain_ci", sp->ci[i]);
        if (sp->has_game) {
            num(f, "core_gain", sp->core_gain[i]);
            fprintf(f, ", \"null_player\": %s", sp->null_player[i] ? "true" : "false");
        }
        num(f, "received_through_prices", sp->priced ? sp->paid[i] : NAN);
        num(f, "side_payment", sp->priced ? sp->side[i] : NAN);
        fputs("}", f);
    }
    fputs(in->n_facilities ? "\n  ],\n" : "],\n", f);
    write_allocation(f, r);
}

/* An end of a priced exchange as the summary names it: a facility by its id; a hub or a
 * junction with its kind, since it is not a partner and keeps none of the money (13.4). */
static void end_name(const sn_instance *in, int node, char *buf, size_t n)
{
    int i;
    snp_node_kind k = snp_node_kind_of(in, node, &i);
    snprintf(buf, n, "%s%.120s",
             k == SNP_NODE_HUB        ? "hub "
             : k == SNP_NODE_JUNCTION ? "junction "
                                      : "",
             snp_node_id(in, node));
}

/* Under --allocation shapley: each partner's Shapley value and core allocation, the core
 * verdict, and the transfer prices that carry the split. */
static void write_allocation_summary(FILE *f, const sn_result *r, int w)
{
    const sn_instance *in = r->in;
    const snp_split *sp = &r->split;
    char a[48], b[48], c[48];
    if (sp->has_game) {
        fprintf(f,
                "\nallocation: Shapley values of the coalition game (%d players, %d part%s, %d "
                "coalitions solved; gains in %s/yr)\n",
                sp->players, sp->components, sp->components == 1 ? "" : "s", sp->coalitions,
                in->currency);
        fprintf(f, "  %-*s %16s %16s %16s\n", w, "facility", "use rule gain", "Shapley gain",
                "core max-min");
        for (int i = 0; i < in->n_facilities; i++) {
            const snp_partner *q = &r->p[i];
            if (sp->null_player[i]) {
                fprintf(f, "  %-*s %16s %16s %16s  (no candidate exchange)\n", w,
                        in->facilities[i].id, snp_fmt_money(a, sizeof a, q->bau - q->total, 1),
                        snp_fmt_money(b, sizeof b, sp->gain[i], 1),
                        snp_fmt_money(c, sizeof c, 0, 0));
                continue;
            }
            fprintf(f, "  %-*s %16s %16s %16s", w, in->facilities[i].id,
                    snp_fmt_money(a, sizeof a, q->bau - q->total, 1),
                    snp_fmt_money(b, sizeof b, sp->gain[i], 1),
                    isfinite(sp->core_gain[i]) ? snp_fmt_money(c, sizeof c, sp->core_gain[i], 1)
                                               : "-");
            if (sp->sampled_components)
                fprintf(f, "  +/- %s", snp_fmt_money(a, sizeof a, sp->ci[i], 0));
            fputc('\n', f);
        }
        if (sp->sampled_components)
            fprintf(f,
                    "  sampled: %d random orders (seed %lu); +/- is a 95 %% confidence "
                    "half-width; the core is not checked\n",
                    sp->samples, sp->seed);
        else if (sp->core_empty)
            fprintf(f,
                    "  core: EMPTY, no stable split exists: %s gain %s %s/yr together alone, "
                    "%s more than the Shapley split gives them\n",
                    sp->blocking ? sp->blocking : "-",
                    snp_fmt_money(a, sizeof a, sp->block_value, 0), in->currency,
                    snp_fmt_money(b, sizeof b, sp->block_excess, 0));
        else
            fprintf(f, "  core: %s; the use rule %s\n",
                    sp->blocked ? "the Shapley split is outside it" : "the Shapley split is in it",
                    sp->use_blocked ? "is outside it" : "is in it");
        if (!sp->core_empty && sp->blocked)
            fprintf(f, "  blocking coalition under Shapley: %s (%s %s/yr better off alone)\n",
                    sp->blocking, snp_fmt_money(a, sizeof a, sp->block_excess, 0), in->currency);
        if (sp->core_known && sp->use_blocked)
            fprintf(f, "  blocking coalition under the use rule: %s (%s %s/yr better off alone)\n",
                    sp->use_blocking, snp_fmt_money(a, sizeof a, sp->use_excess, 0), in->currency);
    }
    if (!sp->priced)
        return;
    int any = 0;
    for (int e = 0; e < r->g.n_links; e++)
        any |= isfinite(sp->price[e]) && fabs(sp->price[e]) > 1e-9;
    for (int i = 0; i < in->n_facilities; i++)
        any |= fabs(sp->side[i]) > 1e-6 * (1 + fabs(sp->gain[i]));
    if (!any)
        return;
    fprintf(f,
            "\ntransfer prices (%s per unit delivered; hubs and junctions pass the money on; "
            "docs/model.md 13.4):\n",
            in->currency);
    for (int e = 0; e < r->g.n_links; e++) {
        if (!isfinite(sp->price[e]))
            continue;
        const snp_link *l = snp_model_link(r->m, r->g.links[e].link);
        const snp_resource *res = &in->resources[l->resource];
        double p = sp->price[e];
        char from[160], to[160];
        end_name(in, l->tail, from, sizeof from);
        end_name(in, l->head, to, sizeof to);
        if (p >= 0)
            fprintf(f, "  %s sells %s to %s at %s %s/%s\n", from, res->name, to,
                    snp_fmt_money(a, sizeof a, p, 0), in->currency, res->unit);
        else
            fprintf(f, "  %s pays %s %s %s/%s to take %s\n", from, to,
                    snp_fmt_money(a, sizeof a, -p, 0), in->currency, res->unit, res->name);
    }
    for (int i = 0; i < in->n_facilities; i++)
        if (fabs(sp->side[i]) > 1e-6 * (1 + fabs(sp->gain[i])))
            fprintf(f, "  %s %s %s %s/yr as a side payment (no exchange can carry it)\n",
                    in->facilities[i].id, sp->side[i] > 0 ? "receives" : "pays",
                    snp_fmt_money(a, sizeof a, fabs(sp->side[i]), 0), in->currency);
}

sn_status snp_partners_write_summary(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const sn_solution *s = r->s;
    const snp_partner *p = r->p;
    if (!s->has_x)
        return SN_OK;
    fprintf(f, "\npartners (%s/yr; shared costs split %s):\n", in->currency,
            r->negotiated ? "as the fair model chose" : "by the value each partner gets");
    int w = 16; /* the facility column: as wide as the longest id */
    for (int i = 0; i < in->n_facilities; i++) {
        size_t len = strlen(in->facilities[i].id);
        w = len > (size_t)w && len <= 64 ? (int)len : w;
    }
    fprintf(f, "  %-*s %16s %16s %16s\n", w, "facility", "alone", "in network", "change");
    char a[48], b[48], c[48];
    int worse = 0;
    for (int i = 0; i < in->n_facilities; i++) {
        const snp_partner *q = &p[i];
        if (isfinite(q->bau))
            fprintf(f, "  %-*s %16s %16s %16s%s\n", w, in->facilities[i].id,
                    snp_fmt_money(a, sizeof a, q->bau, 0), snp_fmt_money(b, sizeof b, q->total, 0),
                    snp_fmt_money(c, sizeof c, q->change, 1),
                    q->worse_off ? "  WORSE OFF: would not join" : "");
        else /* a must-take supply or must-serve demand: no business as usual to compare */
            fprintf(f, "  %-*s %16s %16s %16s\n", w, in->facilities[i].id, "not possible",
                    snp_fmt_money(b, sizeof b, q->total, 0), "-");
        worse += q->worse_off;
    }
    if (worse)
        fprintf(f, "  %d partner(s) lose money under this network (try --fair)\n", worse);
    write_allocation_summary(f, r, w);
    if (s->has_unconstrained)
        fprintf(f,
                "fairness: no partner worse off than business as usual; this costs the region "
                "%s %s/yr (unconstrained optimum %s %s/yr)\n",
                snp_fmt_money(a, sizeof a, s->objective - s->unconstrained_objective, 0),
                in->currency, snp_fmt_money(b, sizeof b, s->unconstrained_objective, 0),
                in->currency);
    return ferror(f) ? SN_EIO : SN_OK;
}
