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
        fprintf(f, ", \"participates\": %s, \"worse_off\": %s}", q->participates ? "true" : "false",
                q->worse_off ? "true" : "false");
    }
    fputs(in->n_facilities ? "\n  ],\n" : "],\n", f);
}

sn_status snp_partners_write_summary(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const sn_solution *s = r->s;
    const snp_partner *p = r->p;
    if (!s->has_x)
        return SN_OK;
    fprintf(f, "\npartners (%s/yr; shared costs split %s):\n", in->currency,
            r->negotiated ? "as the fair model chose" : "in proportion to use");
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
    if (s->has_unconstrained)
        fprintf(f,
                "fairness: no partner worse off than business as usual; this costs the region "
                "%s %s/yr (unconstrained optimum %s %s/yr)\n",
                snp_fmt_money(a, sizeof a, s->objective - s->unconstrained_objective, 0),
                in->currency, snp_fmt_money(b, sizeof b, s->unconstrained_objective, 0),
                in->currency);
    return ferror(f) ? SN_EIO : SN_OK;
}
