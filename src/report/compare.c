/*
 * compare.c - the comparison of two networks (sn_comparison, src/result/compare.h) for people
 * (the text summary of symnet compare) and for programs (JSON, symnet-compare/1, described in
 * docs/outputs.md "Comparing two solutions"). The HTML page is compare_html.c.
 * Stage: sn_comparison -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- numbers for people ----------------------------------------------------------------------
 * Thousands grouped with commas, a sign on changes ("+1,200.00", "-300", "0"), "n/a" for a
 * value that does not exist. Money has 2 decimals; other amounts 0 when whole, else 2. */

static int decimals_for(double v, int money)
{
    if (money)
        return 2;
    return fabs(v - round(v)) < 5e-7 * fmax(1.0, fabs(v)) ? 0 : 2;
}

static const char *num(char *buf, size_t size, double v, int decimals, int sign)
{
    return snp_fmt_number(buf, size, v, decimals, sign);
}

static const char *figure_num(char *buf, size_t size, const snp_cmp_figure *x, double v, int sign)
{
    return num(buf, size, v, decimals_for(v, x->money), sign);
}

/* ---- summary ------------------------------------------------------------------------------- */

static const char *const kinds_of[3] = {"links", "hubs", "corridors"};

static void counts(FILE *f, const sn_comparison *c, int what)
{
    fprintf(f, "%s: ", kinds_of[what]);
    int first = 1;
    for (int k = SNP_CMP_ADDED; k <= SNP_CMP_SAME; k++) {
        int n = snp_cmp_count(c, what, (snp_cmp_kind)k);
        if (what == 2 && (k == SNP_CMP_RESIZED || k == SNP_CMP_FLOW))
            continue; /* a corridor has no size and no flow */
        fprintf(f, "%s%d %s", first ? "" : ", ", n, snp_cmp_kind_name((snp_cmp_kind)k));
        first = 0;
    }
    fputc('\n', f);
}

/* "A -> B" of a value present on one side or both. */
static void pair(FILE *f, const char *what, const double v[2], const int in[2], int decimals,
                 const char *unit)
{
    char a[64], b[64], d[64];
    if (in[0] && in[1])
        fprintf(f, "%s %s -> %s%s%s (%s)", what, num(a, sizeof a, v[0], decimals, 0),
                num(b, sizeof b, v[1], decimals, 0), unit[0] ? " " : "", unit,
                num(d, sizeof d, v[1] - v[0], decimals, 1));
    else
        fprintf(f, "%s %s%s%s", what, num(a, sizeof a, v[in[0] ? 0 : 1], decimals, 0),
                unit[0] ? " " : "", unit);
}

static void link_line(FILE *f, const sn_comparison *c, const snp_cmp_link *x)
{
    char unit[300];
    snprintf(unit, sizeof unit, "%s/yr", x->unit[0] ? x->unit : "units");
    fprintf(f, "  %-12s %s (%s %s %s -> %s): ", snp_cmp_kind_name(x->kind), x->id, x->resource,
            x->mode, x->from, x->to);
    double fl = fmax(fabs(x->flow[0]), fabs(x->flow[1]));
    int dec = isfinite(fl) && fl >= 100 ? 0 : 2;
    if (!isnan(x->size_capacity[0]) || !isnan(x->size_capacity[1])) {
        pair(f, "size", x->size_capacity, x->in, 0, unit);
        fputs(", ", f);
    }
    pair(f, "flow", x->flow, x->in, dec, unit);
    if (!isnan(x->trips[0]) || !isnan(x->trips[1])) {
        fputs(", ", f);
        pair(f, "trips", x->trips, x->in, 0, "");
    }
    fputs(", ", f);
    pair(f, "annual cost", x->annual_cost, x->in, 2, "");
    fprintf(f, " %s/yr\n", c->currency);
}

sn_status sn_report_write_compare_summary(const sn_comparison *c, FILE *f)
{
    char a[64], b[64], d[64];
    fprintf(f, "symnet compare: A = %s, B = %s\n", c->file[0], c->file[1]);
    for (int s = 0; s < 2; s++)
        fprintf(f, "  %s: %s (%s)\n", s ? "B" : "A", c->region[s], c->status[s]);
    int w = 32; /* the label column: as wide as the longest label or partner id */
    for (int k = 0; k < c->n_figures; k++)
        w = (int)fmax(w, (double)strlen(c->figures[k].label));
    for (int k = 0; k < c->n_partners; k++)
        w = (int)fmax(w, (double)strlen(c->partners[k].id));
    w = w > 80 ? 80 : w;
    fprintf(f, "\n%-*s %18s %18s %18s\n", w + 2, "headline figures", "A", "B", "B - A");
    for (int k = 0; k < c->n_figures; k++) {
        const snp_cmp_figure *x = &c->figures[k];
        fprintf(f, "  %-*s %18s %18s %18s  %s\n", w, x->label,
                figure_num(a, sizeof a, x, x->v[0], 0), figure_num(b, sizeof b, x, x->v[1], 0),
                figure_num(d, sizeof d, x, x->change, 1), x->unit);
    }
    fputc('\n', f);
    counts(f, c, 0);
    for (int k = 0; k < c->n_links; k++)
        if (c->links[k].kind != SNP_CMP_SAME)
            link_line(f, c, &c->links[k]);
    counts(f, c, 1);
    for (int k = 0; k < c->n_hubs; k++) {
        const snp_cmp_hub *x = &c->hubs[k];
        if (x->kind == SNP_CMP_SAME)
            continue;
        fprintf(f, "  %-12s %s: ", snp_cmp_kind_name(x->kind), x->id);
        pair(f, "capacity", x->capacity, x->in, 0, "/yr");
        fputs(", ", f);
        pair(f, "processed", x->processed, x->in, 0, "/yr");
        fputs(", ", f);
        pair(f, "capital", x->capital, x->in, 2, c->currency);
        fputc('\n', f);
    }
    counts(f, c, 2);
    for (int k = 0; k < c->n_corridors; k++) {
        const snp_cmp_corridor *x = &c->corridors[k];
        if (x->kind == SNP_CMP_SAME)
            continue;
        fprintf(f, "  %-12s %s: ", snp_cmp_kind_name(x->kind), x->id);
        pair(f, "capital", x->capital, x->in, 2, c->currency);
        fputc('\n', f);
    }
    char head[80];
    snprintf(head, sizeof head, "partners: annual cost (%s/yr)", c->currency);
    fprintf(f, "\n%-*s %18s %18s %18s\n", w + 2, head, "A", "B", "B - A");
    for (int k = 0; k < c->n_partners; k++) {
        const snp_cmp_partner *x = &c->partners[k];
        fprintf(f, "  %-*s %18s %18s %18s", w, x->id, num(a, sizeof a, x->cost[0], 2, 0),
                num(b, sizeof b, x->cost[1], 2, 0), num(d, sizeof d, x->change, 2, 1));
        for (int s = 0; s < 2; s++)
            if (x->worse_off[s])
                fprintf(f, "  worse off than alone in %s", s ? "B" : "A");
        if (!x->in[0] || !x->in[1])
            fprintf(f, "  only in %s", x->in[0] ? "A" : "B");
        fputc('\n', f);
    }
    return ferror(f) ? SN_EIO : SN_OK;
}

/* ---- JSON (symnet-compare/1) ------------------------------------------------------------------
 */

static const char *kind_key(snp_cmp_kind k)
{
    switch (k) {
    case SNP_CMP_ADDED:
        return "added";
    case SNP_CMP_REMOVED:
        return "removed";
    case SNP_CMP_RESIZED:
        return "resized";
    case SNP_CMP_FLOW:
        return "flow_changed";
    case SNP_CMP_COST:
        return "cost_changed";
    case SNP_CMP_SAME:
        return "unchanged";
    }
    return "unchanged";
}

static void jkey(FILE *f, const char *k, double v)
{
    fputs(", ", f);
    snp_json_string(f, k);
    fputs(": ", f);
    snp_json_number(f, v);
}

static void json_counts(FILE *f, const sn_comparison *c, int what, int last)
{
    fprintf(f, "    \"%s\": {", kinds_of[what]);
    for (int k = SNP_CMP_ADDED; k <= SNP_CMP_SAME; k++)
        fprintf(f, "%s\"%s\": %d", k ? ", " : "", kind_key((snp_cmp_kind)k),
                snp_cmp_count(c, what, (snp_cmp_kind)k));
    fputs(last ? "}\n" : "},\n", f);
}

static void json_link_side(FILE *f, const snp_cmp_link *x, int s)
{
    if (!x->in[s]) {
        fputs("null", f);
        return;
    }
    fputs("{\"flow\": ", f);
    snp_json_number(f, x->flow[s]);
    if (!isnan(x->size_capacity[s]))
        jkey(f, "size_capacity", x->size_capacity[s]);
    if (!isnan(x->trips[s]))
        jkey(f, "trips", x->trips[s]);
    jkey(f, "length_km", x->length_km[s]);
    jkey(f, "capital", x->capital[s]);
    jkey(f, "annual_cost", x->annual_cost[s]);
    fputs("}", f);
}

/* "[" then one line per entry from fn, then "]" and a comma unless last. */
#define JSON_LIST(f, name, n, last, body)                                                          \
    do {                                                                                           \
        fprintf(f, "  \"%s\": [", name);                                                           \
        for (int k = 0; k < (n); k++) {                                                            \
            fputs(k ? ",\n    " : "\n    ", f);                                                    \
            body;                                                                                  \
        }                                                                                          \
        fputs((n) ? "\n  ]" : "]", f);                                                             \
        fputs((last) ? "\n" : ",\n", f);                                                           \
    } while (0)

static void json_side(FILE *f, const sn_comparison *c, int s)
{
    fprintf(f, "  \"%s\": {\"file\": ", s ? "b" : "a");
    snp_json_string(f, c->file[s]);
    fputs(", \"region\": ", f);
    snp_json_string(f, c->region[s]);
    fputs(", \"status\": ", f);
    snp_json_string(f, c->status[s]);
    fputs("},\n", f);
}

static void json_figure(FILE *f, const snp_cmp_figure *x)
{
    fputs("{\"key\": ", f);
    snp_json_string(f, x->key);
    fputs(", \"label\": ", f);
    snp_json_string(f, x->label);
    fputs(", \"unit\": ", f);
    snp_json_string(f, x->unit);
    jkey(f, "a", x->v[0]);
    jkey(f, "b", x->v[1]);
    jkey(f, "change", x->change);
    fputs("}", f);
}

static void json_link(FILE *f, const snp_cmp_link *x)
{
    fputs("{\"id\": ", f);
    snp_json_string(f, x->id);
    const char *keys[5] = {"from", "to", "resource", "unit", "mode"};
    const char *vals[5] = {x->from, x->to, x->resource, x->unit, x->mode};
    for (int i = 0; i < 5; i++) {
        fprintf(f, ", \"%s\": ", keys[i]);
        snp_json_string(f, vals[i]);
    }
    fprintf(f, ", \"status\": \"%s\", \"a\": ", kind_key(x->kind));
    json_link_side(f, x, 0);
    fputs(", \"b\": ", f);
    json_link_side(f, x, 1);
    fputs("}", f);
}

static void json_hub(FILE *f, const snp_cmp_hub *x)
{
    fputs("{\"id\": ", f);
    snp_json_string(f, x->id);
    fprintf(f, ", \"status\": \"%s\"", kind_key(x->kind));
    for (int s = 0; s < 2; s++) {
        fprintf(f, ", \"%s\": ", s ? "b" : "a");
        if (!x->in[s]) {
            fputs("null", f);
            continue;
        }
        fputs("{\"capacity\": ", f);
        snp_json_number(f, x->capacity[s]);
        jkey(f, "capital", x->capital[s]);
        jkey(f, "processed", x->processed[s]);
        fputs("}", f);
    }
    fputs("}", f);
}

static void json_corridor(FILE *f, const snp_cmp_corridor *x)
{
    fputs("{\"id\": ", f);
    snp_json_string(f, x->id);
    fprintf(f, ", \"status\": \"%s\"", kind_key(x->kind));
    for (int s = 0; s < 2; s++) {
        fprintf(f, ", \"%s\": ", s ? "b" : "a");
        if (!x->in[s]) {
            fputs("null", f);
            continue;
        }
        fputs("{\"capital\": ", f);
        snp_json_number(f, x->capital[s]);
        fputs("}", f);
    }
    fputs("}", f);
}

static void json_partner(FILE *f, const snp_cmp_partner *x)
{
    fputs("{\"id\": ", f);
    snp_json_string(f, x->id);
    fputs(", \"name\": ", f);
    snp_json_string(f, x->name);
    for (int s = 0; s < 2; s++) {
        fprintf(f, ", \"%s\": ", s ? "b" : "a");
        if (!x->in[s]) {
            fputs("null", f);
            continue;
        }
        fputs("{\"bau_cost\": ", f);
        snp_json_number(f, x->bau[s]);
        jkey(f, "cost", x->cost[s]);
        fprintf(f, ", \"participates\": %s, \"worse_off\": %s}",
                x->participates[s] ? "true" : "false", x->worse_off[s] ? "true" : "false");
    }
    jkey(f, "change", x->change);
    fputs("}", f);
}

sn_status sn_report_write_compare_json(const sn_comparison *c, FILE *f)
{
    fputs("{\n  \"format\": \"symnet-compare/1\",\n", f);
    json_side(f, c, 0);
    json_side(f, c, 1);
    fputs("  \"currency\": ", f);
    snp_json_string(f, c->currency);
    fputs(",\n  \"warnings\": [", f);
    for (int k = 0; k < c->n_warnings; k++) {
        fputs(k ? ", " : "", f);
        snp_json_string(f, c->warnings[k]);
    }
    fputs("],\n  \"counts\": {\n", f);
    for (int w = 0; w < 3; w++)
        json_counts(f, c, w, w == 2);
    fputs("  },\n", f);
    JSON_LIST(f, "figures", c->n_figures, 0, json_figure(f, &c->figures[k]));
    JSON_LIST(f, "links", c->n_links, 0, json_link(f, &c->links[k]));
    JSON_LIST(f, "hubs", c->n_hubs, 0, json_hub(f, &c->hubs[k]));
    JSON_LIST(f, "corridors", c->n_corridors, 0, json_corridor(f, &c->corridors[k]));
    JSON_LIST(f, "partners", c->n_partners, 1, json_partner(f, &c->partners[k]));
    fputs("}\n", f);
    return ferror(f) ? SN_EIO : SN_OK;
}
