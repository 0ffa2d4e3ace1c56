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
    fprintf(f, "  %-16s %14s %14s %14s\n", "facility", "alone", "in network", "change");
    int worse = 0;
    for (int i = 0; i < in->n_facilities; i++) {
        const snp_partner *q = &p[i];
        if (isfinite(q->bau))
            fprintf(f, "  %-16s %14.2f %14.2f %14.2f%s\n", in->facilities[i].id, q->bau, q->total,
                    q->change, q->worse_off ? "  WORSE OFF: would not join" : "");
        else /* a must-take supply or must-serve demand: no business as usual to compare */
            fprintf(f, "  %-16s %14s %14.2f %14s\n", in->facilities[i].id, "not possible", q->total,
                    "-");
        worse += q->worse_off;
    }
    if (worse)
        fprintf(f, "  %d partner(s) lose money under this network (try --fair)\n", worse);
    if (s->has_unconstrained)
        fprintf(f,
                "fairness: no partner worse off than business as usual; this costs the region "
                "%.2f %s/yr (unconstrained optimum %.2f)\n",
                s->objective - s->unconstrained_objective, in->currency,
                s->unconstrained_objective);
    return ferror(f) ? SN_EIO : SN_OK;
}
