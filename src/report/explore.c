/*
 * explore.c - writers of `symnet pareto` and `symnet alternatives` (src/result/explore.c,
 * docs/pareto.md, docs/outputs.md): the cost-CO2 frontier as a table for people, CSV, JSON
 * (symnet-pareto/1) and an SVG chart, with the marginal cost of abatement between neighbouring
 * points; the alternatives as a table, CSV and JSON (symnet-alternatives/1), each with what it
 * adds to and removes from the optimum's layout. Stage: explore -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <string.h>

static const char *status_word(int status)
{
    return status < 0 ? "not solved" : sn_solution_status_name((sn_solution_status)status);
}

/* Marginal cost of abatement from point i-1 to point i (currency per t avoided), NAN for the
 * first point or when the two emit the same. */
static double mac(const sn_frontier *fr, int i)
{
    const sn_explore_point *a = sn_frontier_point(fr, i - 1), *b = sn_frontier_point(fr, i);
    if (!a || !b || !(a->co2_t_per_yr - b->co2_t_per_yr > 0))
        return NAN;
    return (b->cost - a->cost) / (a->co2_t_per_yr - b->co2_t_per_yr);
}

static const char *point_kind(const sn_frontier *fr, int i)
{
    int n = sn_frontier_count(fr);
    return i == 0 ? "least_cost" : i == n - 1 ? "least_co2" : "cap";
}

static void frontier_text(const sn_frontier *fr, const char *cur, FILE *f)
{
    int n = sn_frontier_count(fr);
    char a[48], b[48], c[48], d[48];
    fprintf(f, "cost-CO2 frontier: %d point%s (least cost first)\n", n, n == 1 ? "" : "s");
    fprintf(f, "  %-3s %-10s %-9s %18s %16s %18s %10s  %s\n", "#", "point", "status", "cost/yr",
            "CO2 t/yr", "abatement /t", "gap", "layout");
    for (int i = 0; i < n; i++) {
        const sn_explore_point *p = sn_frontier_point(fr, i);
        double g = isfinite(p->gap_first) ? fmax(p->gap, p->gap_first) : p->gap;
        fprintf(f, "  %-3d %-10s %-9s %14s %s %16s %14s %s %9s%%  %s\n", i + 1, point_kind(fr, i),
                status_word(p->status), snp_fmt_money(a, sizeof a, p->cost, 0), cur,
                snp_fmt_amount(b, sizeof b, p->co2_t_per_yr),
                i ? snp_fmt_money(c, sizeof c, mac(fr, i), 0) : "", i ? cur : "   ",
                isfinite(g) ? snp_fmt_number(d, sizeof d, 100 * g, 4, 0) : "n/a",
                p->layout[0] ? p->layout : "(nothing built)");
    }
    if (n == 1)
        fprintf(f, "  the least-cost network also emits the least: there is no trade-off\n");
    else
        fprintf(f, "  abatement: the extra cost per t CO2 avoided from the point above\n");
    if (sn_frontier_failed(fr))
        fprintf(f,
                "  %d case(s) found no network within the limits: the frontier may miss points "
                "there\n",
                sn_frontier_failed(fr));
}

static const char *const FRONTIER_HEADER[] = {
    "point",   "kind", "status",    "co2_cap_t_per_yr",     "cost",   "co2_t_per_yr",
    "capital", "gap",  "gap_first", "abatement_cost_per_t", "layout", NULL};

static void frontier_csv(const sn_frontier *fr, FILE *f)
{
    for (int k = 0; FRONTIER_HEADER[k]; k++)
        snp_csv_text(f, FRONTIER_HEADER[k], !FRONTIER_HEADER[k + 1]);
    for (int i = 0; i < sn_frontier_count(fr); i++) {
        const sn_explore_point *p = sn_frontier_point(fr, i);
        snp_csv_number(f, i + 1, 0);
        snp_csv_text(f, point_kind(fr, i), 0);
        snp_csv_text(f, status_word(p->status), 0);
        snp_csv_number(f, p->co2_cap, 0);
        snp_csv_number(f, p->cost, 0);
        snp_csv_number(f, p->co2_t_per_yr, 0);
        snp_csv_number(f, p->capital, 0);
        snp_csv_number(f, p->gap, 0);
        snp_csv_number(f, p->gap_first, 0);
        snp_csv_number(f, mac(fr, i), 0);
        snp_csv_text(f, p->layout, 1);
    }
}

/* A layout as a JSON array of names. */
static void layout_json(FILE *f, const char *s)
{
    fputc('[', f);
    for (int first = 1; *s; first = 0) {
        size_t l = strcspn(s, " ");
        char name[512];
        snprintf(name, sizeof name, "%.*s", (int)(l < sizeof name ? l : sizeof name - 1), s);
        if (!first)
            fputs(", ", f);
        snp_json_string(f, name);
        s += l;
        s += *s == ' ';
    }
    fputc(']', f);
}

static void frontier_json(const sn_frontier *fr, const char *cur, FILE *f)
{
    fputs("{\n  \"format\": \"symnet-pareto/1\",\n  \"currency\": ", f);
    snp_json_string(f, cur);
    fprintf(f, ",\n  \"failed_cases\": %d,\n  \"points\": [", sn_frontier_failed(fr));
    for (int i = 0; i < sn_frontier_count(fr); i++) {
        const sn_explore_point *p = sn_frontier_point(fr, i);
        fprintf(f, "%s\n    {\"point\": %d, \"kind\": \"%s\", \"status\": \"%s\", ", i ? "," : "",
                i + 1, point_kind(fr, i), status_word(p->status));
        const struct {
            const char *k;
            double v;
        } nums[] = {{"co2_cap_t_per_yr", p->co2_cap},
                    {"cost", p->cost},
                    {"co2_t_per_yr", p->co2_t_per_yr},
                    {"capital", p->capital},
                    {"gap", p->gap},
                    {"gap_first", p->gap_first},
                    {"abatement_cost_per_t", mac(fr, i)}};
        for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
            fprintf(f, "\"%s\": ", nums[k].k);
            snp_json_number(f, nums[k].v);
            fputs(", ", f);
        }
        fputs("\"layout\": ", f);
        layout_json(f, p->layout);
        fputc('}', f);
    }
    fputs("\n  ]\n}\n", f);
}

sn_status sn_report_write_frontier(const sn_frontier *fr, const char *currency, sn_table_format fmt,
                                   FILE *f)
{
    const char *cur = currency ? currency : "";
    switch (fmt) {
    case SN_TABLE_TEXT:
        frontier_text(fr, cur, f);
        break;
    case SN_TABLE_CSV:
        frontier_csv(fr, f);
        break;
    case SN_TABLE_JSON:
        frontier_json(fr, cur, f);
        break;
    }
    return ferror(f) ? SN_EIO : SN_OK;
}

/* ---- the chart ---------------------------------------------------------------------------- */

#define CH_W 640.0
#define CH_H 400.0
#define CH_L 90.0 /* room for the cost axis labels */
#define CH_B 50.0
#define CH_T 30.0
#define CH_R 20.0

sn_status sn_report_write_frontier_svg(const sn_frontier *fr, const char *currency, FILE *f)
{
    int n = sn_frontier_count(fr);
    double e0 = INFINITY, e1 = -INFINITY, c0 = INFINITY, c1 = -INFINITY;
    for (int i = 0; i < n; i++) {
        const sn_explore_point *p = sn_frontier_point(fr, i);
        e0 = fmin(e0, p->co2_t_per_yr);
        e1 = fmax(e1, p->co2_t_per_yr);
        c0 = fmin(c0, p->cost);
        c1 = fmax(c1, p->cost);
    }
    if (n == 0)
        e0 = c0 = 0, e1 = c1 = 1;
    double ep = (e1 - e0) > 0 ? (e1 - e0) * 0.05 : fmax(1, fabs(e0) * 0.05);
    double cpad = (c1 - c0) > 0 ? (c1 - c0) * 0.05 : fmax(1, fabs(c0) * 0.05);
    e0 -= ep, e1 += ep, c0 -= cpad, c1 += cpad;
    double pw = CH_W - CH_L - CH_R, ph = CH_H - CH_T - CH_B;
#define X(e) (CH_L + ((e)-e0) / (e1 - e0) * pw)
#define Y(c) (CH_T + (c1 - (c)) / (c1 - c0) * ph)
    char a[48], b[48];
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"cost against CO2\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n"
            "<g font-family=\"sans-serif\" font-size=\"11\" fill=\"#333\">\n",
            CH_W, CH_H, CH_W, CH_H);
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n"
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n",
            CH_L, CH_T + ph, CH_L + pw, CH_T + ph, CH_L, CH_T, CH_L, CH_T + ph);
    for (int t = 0; t <= 4; t++) {
        double e = e0 + (e1 - e0) * t / 4, c = c0 + (c1 - c0) * t / 4;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", X(e),
                CH_T + ph + 16, snp_fmt_number(a, sizeof a, e, 0, 0));
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", CH_L - 6,
                Y(c) + 4, snp_fmt_number(b, sizeof b, c, 0, 0));
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">CO2, t per year</text>\n",
            CH_L + pw / 2, CH_H - 10);
    fputs("<text x=\"12\" y=\"18\">annual cost, ", f);
    snp_html_esc(f, currency ? currency : "");
    fputs(" per year</text>\n", f);
    if (n > 1) {
        fputs("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"", f);
        for (int i = 0; i < n; i++) {
            const sn_explore_point *p = sn_frontier_point(fr, i);
            fprintf(f, "%s%.1f,%.1f", i ? " " : "", X(p->co2_t_per_yr), Y(p->cost));
        }
        fputs("\"/>\n", f);
    }
    for (int i = 0; i < n; i++) {
        const sn_explore_point *p = sn_frontier_point(fr, i);
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f77b4\"><title>point %d: ",
                X(p->co2_t_per_yr), Y(p->cost), i + 1);
        fprintf(f, "%s per year, %s t CO2 per year; ", snp_fmt_money(a, sizeof a, p->cost, 0),
                snp_fmt_amount(b, sizeof b, p->co2_t_per_yr));
        snp_html_esc(f, p->layout[0] ? p->layout : "nothing built");
        fprintf(f, "</title></circle>\n<text x=\"%.1f\" y=\"%.1f\">%d</text>\n",
                X(p->co2_t_per_yr) + 6, Y(p->cost) - 6, i + 1);
    }
#undef X
#undef Y
    fputs("</g>\n</svg>\n", f);
    return ferror(f) ? SN_EIO : SN_OK;
}

/* ---- alternatives ------------------------------------------------------------------------- */

/* Is `name` one of the space-separated names of layout? */
static int in_layout(const char *layout, const char *name, size_t len)
{
    for (const char *s = layout; *s;) {
        size_t l = strcspn(s, " ");
        if (l == len && strncmp(s, name, len) == 0)
            return 1;
        s += l;
        s += *s == ' ';
    }
    return 0;
}

/* The names of a that b lacks, each with `sign` before it, space-separated; returns how many. */
static int write_missing(FILE *f, const char *a, const char *b, char sign, int first)
{
    int k = 0;
    for (const char *s = a; *s;) {
        size_t l = strcspn(s, " ");
        if (!in_layout(b, s, l)) {
            fprintf(f, "%s%c%.*s", first && k == 0 ? "" : " ", sign, (int)l, s);
            k++;
        }
        s += l;
        s += *s == ' ';
    }
    return k;
}

static int count_missing(const char *a, const char *b)
{
    int k = 0;
    for (const char *s = a; *s;) {
        size_t l = strcspn(s, " ");
        k += !in_layout(b, s, l);
        s += l;
        s += *s == ' ';
    }
    return k;
}

static const char *end_text(const sn_alternatives *a)
{
    switch (snp_alternatives_end(a)) {
    case SN_ALT_COUNT:
        return "as many as asked";
    case SN_ALT_NONE_LEFT:
        return "no further layout within the slack (proven)";
    case SN_ALT_NOT_FOUND:
        return "no further layout found within the limits (not proven that none exists)";
    }
    return "";
}

static const char *end_word(const sn_alternatives *a)
{
    switch (snp_alternatives_end(a)) {
    case SN_ALT_COUNT:
        return "count";
    case SN_ALT_NONE_LEFT:
        return "none_left";
    case SN_ALT_NOT_FOUND:
        return "not_found";
    }
    return "";
}

static void alt_text(const sn_alternatives *al, const char *cur, FILE *f)
{
    int n = sn_alternatives_count(al);
    const sn_explore_point *opt = sn_alternatives_get(al, 0);
    char a[48], b[48], c[48], d[48];
    fprintf(f,
            "alternatives within %s%% of the optimum (%s %s/yr; cost cap %s %s/yr): %d found, "
            "%s\n",
            snp_fmt_number(a, sizeof a, 100 * snp_alternatives_slack(al), 2, 0),
            snp_fmt_money(b, sizeof b, opt->cost, 0), cur,
            snp_fmt_money(c, sizeof c, sn_alternatives_cost_cap(al), 0), cur, n - 1, end_text(al));
    for (int i = 0; i < n; i++) {
        const sn_explore_point *p = sn_alternatives_get(al, i);
        double g = isfinite(p->gap_first) ? fmax(p->gap, p->gap_first) : p->gap;
        char label[32];
        snprintf(label, sizeof label, i ? "%d:" : "optimum:", i);
        fprintf(f, "  %s %s %s/yr (%s%%), CO2 %s t/yr, %s, gap %s%%\n", label,
                snp_fmt_money(a, sizeof a, p->cost, 0), cur,
                snp_fmt_number(b, sizeof b,
                               100 * (p->cost - opt->cost) / fmax(1e-9, fabs(opt->cost)), 2, 1),
                snp_fmt_amount(c, sizeof c, p->co2_t_per_yr), status_word(p->status),
                isfinite(g) ? snp_fmt_number(d, sizeof d, 100 * g, 4, 0) : "n/a");
        if (i == 0) {
            fprintf(f, "    builds: %s\n", p->layout[0] ? p->layout : "(nothing)");
            continue;
        }
        fprintf(f, "    alternative %d differs from the optimum in %d element(s): ", i,
                count_missing(p->layout, opt->layout) + count_missing(opt->layout, p->layout));
        int k = write_missing(f, p->layout, opt->layout, '+', 1);
        write_missing(f, opt->layout, p->layout, '-', k == 0);
        fputc('\n', f);
    }
    if (snp_alternatives_end(al) != SN_ALT_COUNT)
        fprintf(f, "  alternative %d: none: %s\n", n, end_text(al));
}

static const char *const ALT_HEADER[] = {"alternative",  "status",  "cost", "delta",
                                         "co2_t_per_yr", "capital", "gap",  "differs",
                                         "changes",      "layout",  NULL};

static void alt_csv(const sn_alternatives *al, FILE *f)
{
    const sn_explore_point *opt = sn_alternatives_get(al, 0);
    for (int k = 0; ALT_HEADER[k]; k++)
        snp_csv_text(f, ALT_HEADER[k], !ALT_HEADER[k + 1]);
    for (int i = 0; i < sn_alternatives_count(al); i++) {
        const sn_explore_point *p = sn_alternatives_get(al, i);
        snp_csv_number(f, i, 0);
        snp_csv_text(f, status_word(p->status), 0);
        snp_csv_number(f, p->cost, 0);
        snp_csv_number(f, p->cost - opt->cost, 0);
        snp_csv_number(f, p->co2_t_per_yr, 0);
        snp_csv_number(f, p->capital, 0);
        snp_csv_number(f, p->gap, 0);
        snp_csv_number(
            f, count_missing(p->layout, opt->layout) + count_missing(opt->layout, p->layout), 0);
        fputc('"', f);
        int k = write_missing(f, p->layout, opt->layout, '+', 1);
        write_missing(f, opt->layout, p->layout, '-', k == 0);
        fputs("\",", f);
        snp_csv_text(f, p->layout, 1);
    }
}

static void alt_json(const sn_alternatives *al, const char *cur, FILE *f)
{
    const sn_explore_point *opt = sn_alternatives_get(al, 0);
    fputs("{\n  \"format\": \"symnet-alternatives/1\",\n  \"currency\": ", f);
    snp_json_string(f, cur);
    fputs(",\n  \"slack\": ", f);
    snp_json_number(f, snp_alternatives_slack(al));
    fputs(",\n  \"cost_cap\": ", f);
    snp_json_number(f, sn_alternatives_cost_cap(al));
    fprintf(f, ",\n  \"end\": \"%s\",\n  \"layouts\": [", end_word(al));
    for (int i = 0; i < sn_alternatives_count(al); i++) {
        const sn_explore_point *p = sn_alternatives_get(al, i);
        fprintf(f, "%s\n    {\"alternative\": %d, \"status\": \"%s\", \"cost\": ", i ? "," : "", i,
                status_word(p->status));
        snp_json_number(f, p->cost);
        fputs(", \"delta\": ", f);
        snp_json_number(f, p->cost - opt->cost);
        fputs(", \"co2_t_per_yr\": ", f);
        snp_json_number(f, p->co2_t_per_yr);
        fputs(", \"capital\": ", f);
        snp_json_number(f, p->capital);
        fputs(", \"gap\": ", f);
        snp_json_number(f, p->gap);
        fprintf(f, ", \"differs\": %d, \"changes\": \"",
                count_missing(p->layout, opt->layout) + count_missing(opt->layout, p->layout));
        int k = write_missing(f, p->layout, opt->layout, '+', 1);
        write_missing(f, opt->layout, p->layout, '-', k == 0);
        fputs("\", \"layout\": ", f);
        layout_json(f, p->layout);
        fputc('}', f);
    }
    fputs("\n  ]\n}\n", f);
}

sn_status sn_report_write_alternatives(const sn_alternatives *a, const char *currency,
                                       sn_table_format fmt, FILE *f)
{
    if (sn_alternatives_count(a) == 0)
        return SN_EUSAGE;
    const char *cur = currency ? currency : "";
    switch (fmt) {
    case SN_TABLE_TEXT:
        alt_text(a, cur, f);
        break;
    case SN_TABLE_CSV:
        alt_csv(a, f);
        break;
    case SN_TABLE_JSON:
        alt_json(a, cur, f);
        break;
    }
    return ferror(f) ? SN_EIO : SN_OK;
}
