/*
 * cases.c - writes the table of a sweep or sample (src/result/cases.c) for people, as CSV and
 * as JSON (symnet-cases/1, docs/outputs.md "Case tables"), and its SVG chart: a sweep's annual
 * cost, savings and CO2 against its parameter with the break points (cases whose network
 * differs from the previous case's) marked; a sample's histograms of the same figures.
 *
 * Money is written to the cent and emissions to the gram (1e-6 t) in the tables: the same
 * sweep solved in one process, in several or on several machines may reach its proven optima
 * through different LP bases, whose figures can differ in the last binary digits; the rounded
 * tables are identical and each case's solution file holds every digit. Stage: cases ->
 * [report].
 */
#include "report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double QUANTILES[] = {0.05, 0.25, 0.5, 0.75, 0.95};
#define N_QUANTILES (sizeof QUANTILES / sizeof QUANTILES[0])
static const char *const FIGURES[] = {"annual_cost", "savings", "co2_t_per_yr"};

static const char *status_name(int s)
{
    return sn_solution_status_name((sn_solution_status)s);
}

/* A figure rounded for the table: money to the cent, tonnes to the gram; "null" (JSON) or ""
 * (CSV) when not finite. */
static void rounded(FILE *f, double v, int tonnes, int json)
{
    if (!isfinite(v)) {
        fputs(json ? "null" : "", f);
        return;
    }
    double r = tonnes ? round(v * 1e6) / 1e6 : round(v * 100) / 100;
    char buf[48];
    fputs(snp_fmt_plain(buf, sizeof buf, r == 0 ? 0 : r), f);
}

static int has_network(const snp_case_row *r)
{
    return r->done && isfinite(r->objective);
}

/* The previous recorded case before i, or -1. */
static int previous(const sn_cases *c, int i)
{
    for (int j = i - 1; j >= 0; j--)
        if (c->rows[j].done)
            return j;
    return -1;
}

/* 1 when case i's network differs from the previous recorded case's (a break point). */
static int changed(const sn_cases *c, int i)
{
    int j = previous(c, i);
    return j >= 0 && snp_cases_differ(c, i, j);
}

/* What case i builds that the previous case does not ("+ID") and the reverse ("-ID"). */
static void changes(FILE *f, const sn_cases *c, int i)
{
    int j = previous(c, i), first = 1;
    if (j < 0)
        return;
    const snp_case_row *a = &c->rows[j], *b = &c->rows[i];
    for (int k = 0; k < b->n_built; k++)
        if (!snp_case_builds(a, b->built[k])) {
            fprintf(f, "%s+%s", first ? "" : " ", b->built[k]);
            first = 0;
        }
    for (int k = 0; k < a->n_built; k++)
        if (!snp_case_builds(b, a->built[k])) {
            fprintf(f, "%s-%s", first ? "" : " ", a->built[k]);
            first = 0;
        }
}

/* Counts of what r builds, by kind ("link", "hub", "corridor"). */
static int count_kind(const snp_case_row *r, const char *kind)
{
    size_t len = strlen(kind);
    int n = 0;
    for (int k = 0; k < r->n_built; k++)
        n += strncmp(r->built[k], kind, len) == 0 && r->built[k][len] == ':';
    return n;
}

/* The elements any recorded case builds, in order of first appearance (snp_alloc'ed array of
 * borrowed strings; *n receives how many), and how many recorded cases have a network. */
static const char **elements(const sn_cases *c, int *n, int *with_network, sn_status *st)
{
    int cap = 0;
    *n = *with_network = 0;
    for (int i = 0; i < c->n; i++)
        cap += c->rows[i].done ? c->rows[i].n_built : 0;
    const char **ids = snp_calloc((size_t)(cap > 0 ? cap : 1), sizeof *ids);
    if (!ids) {
        *st = SN_ENOMEM;
        return NULL;
    }
    for (int i = 0; i < c->n; i++) {
        const snp_case_row *r = &c->rows[i];
        *with_network += has_network(r);
        for (int k = 0; r->done && k < r->n_built; k++) {
            int seen = 0;
            for (int m = 0; m < *n && !seen; m++)
                seen = strcmp(ids[m], r->built[k]) == 0;
            if (!seen)
                ids[(*n)++] = r->built[k];
        }
    }
    return ids;
}

static int built_in(const sn_cases *c, const char *id)
{
    int k = 0;
    for (int i = 0; i < c->n; i++)
        k += has_network(&c->rows[i]) && snp_case_builds(&c->rows[i], id);
    return k;
}

static void csv(const sn_cases *c, FILE *f)
{
    int np = (int)c->params.len;
    fputs("case,", f);
    for (int k = 0; k < np; k++)
        snp_csv_text(f, sn_cases_param(c, k), 0);
    fputs("status,gap,annual_cost,bau,savings,capital,co2_t_per_yr,co2_avoided_t_per_yr,links,"
          "hubs,corridors,changed,changes,built\n",
          f);
    for (int i = 0; i < c->n; i++) {
        const snp_case_row *r = &c->rows[i];
        if (!r->done)
            continue;
        fprintf(f, "%d,", i + 1);
        for (int k = 0; k < np; k++)
            snp_csv_number(f, sn_cases_value(c, i, k), 0);
        fprintf(f, "%s,", status_name(r->status));
        if (isfinite(r->gap))
            fprintf(f, "%.3g", r->gap);
        double figs[6] = {r->objective, r->bau, r->bau - r->objective,
                          r->capital,   r->co2, r->bau_co2 - r->co2};
        for (int k = 0; k < 6; k++) {
            fputc(',', f);
            rounded(f, figs[k], k >= 4, 0);
        }
        fprintf(f, ",%d,%d,%d,%d,", count_kind(r, "link"), count_kind(r, "hub"),
                count_kind(r, "corridor"), changed(c, i));
        changes(f, c, i);
        fputc(',', f);
        for (int k = 0; k < r->n_built; k++)
            fprintf(f, "%s%s", k ? " " : "", r->built[k]);
        fputc('\n', f);
    }
}

static void json_ids(FILE *f, char **ids, int n)
{
    fputc('[', f);
    for (int k = 0; k < n; k++) {
        if (k)
            fputs(", ", f);
        snp_json_string(f, ids[k]);
    }
    fputc(']', f);
}

static sn_status json(const sn_cases *c, FILE *f)
{
    int np = (int)c->params.len, done = 0;
    fprintf(f, "{\n  \"format\": \"symnet-cases/1\",\n  \"command\": \"%s\",\n",
            c->kind == SN_CASES_SWEEP ? "sweep" : "sample");
    if (c->kind == SN_CASES_SAMPLE)
        fprintf(f, "  \"seed\": %llu,\n", c->seed);
    fputs("  \"params\": [", f);
    for (int k = 0; k < np; k++) {
        const snp_case_param *p = &SNP_VEC_AT(&c->params, snp_case_param, (size_t)k);
        fprintf(f, "%s{\"path\": ", k ? ", " : "");
        snp_json_string(f, p->path);
        fputs(", \"spec\": ", f);
        snp_json_string(f, p->dist == SNP_DIST_VALUES ? p->spec : strchr(p->spec, '=') + 1);
        fputc('}', f);
    }
    fprintf(f, "],\n  \"planned\": %d,\n  \"cases\": [", c->n);
    for (int i = 0; i < c->n; i++) {
        const snp_case_row *r = &c->rows[i];
        if (!r->done)
            continue;
        fprintf(f, "%s\n    {\"case\": %d, \"values\": [", done++ ? "," : "", i + 1);
        for (int k = 0; k < np; k++) {
            if (k)
                fputs(", ", f);
            snp_json_number(f, sn_cases_value(c, i, k));
        }
        fprintf(f, "], \"status\": \"%s\", \"gap\": ", status_name(r->status));
        if (isfinite(r->gap))
            fprintf(f, "%.3g", r->gap);
        else
            fputs("null", f);
        static const char *const names[] = {"annual_cost", "bau",          "savings",
                                            "capital",     "co2_t_per_yr", "co2_avoided_t_per_yr"};
        double figs[6] = {r->objective, r->bau, r->bau - r->objective,
                          r->capital,   r->co2, r->bau_co2 - r->co2};
        for (int k = 0; k < 6; k++) {
            fprintf(f, ", \"%s\": ", names[k]);
            rounded(f, figs[k], k >= 4, 1);
        }
        fprintf(f, ", \"links\": %d, \"hubs\": %d, \"corridors\": %d, \"changed\": %s, ",
                count_kind(r, "link"), count_kind(r, "hub"), count_kind(r, "corridor"),
                changed(c, i) ? "true" : "false");
        fputs("\"changes\": ", f);
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        if (!m)
            return SN_ENOMEM;
        changes(m, c, i);
        if (fclose(m) != 0) {
            free(buf);
            return SN_ENOMEM;
        }
        snp_json_string(f, buf);
        free(buf); /* open_memstream's buffer: the C library's, not ours */
        fputs(", \"built\": ", f);
        json_ids(f, r->built, r->n_built);
        fputc('}', f);
    }
    fputs(done ? "\n  ],\n" : "],\n", f);
    fputs("  \"break_points\": [", f);
    for (int i = 0, first = 1; i < c->n; i++)
        if (c->rows[i].done && changed(c, i)) {
            fprintf(f, "%s%d", first ? "" : ", ", i + 1);
            first = 0;
        }
    fputs("]", f);
    if (c->kind == SN_CASES_SAMPLE) {
        int n, with;
        sn_status st = SN_OK;
        const char **ids = elements(c, &n, &with, &st);
        if (!ids)
            return st;
        fprintf(f, ",\n  \"with_network\": %d,\n  \"built_frequency\": {", with);
        for (int k = 0; k < n; k++) {
            fputs(k ? ", " : "", f);
            snp_json_string(f, ids[k]);
            fputs(": ", f);
            snp_json_number(f, with ? (double)built_in(c, ids[k]) / with : NAN);
        }
        snp_free(ids);
        double *scratch = snp_calloc((size_t)c->n, sizeof *scratch);
        if (!scratch)
            return SN_ENOMEM;
        fputs("},\n  \"quantiles\": {", f);
        for (int w = 0; w < 3; w++) {
            fprintf(f, "%s\"%s\": {", w ? ", " : "", FIGURES[w]);
            for (size_t q = 0; q < N_QUANTILES; q++) {
                fprintf(f, "%s\"p%g\": ", q ? ", " : "", 100 * QUANTILES[q]);
                rounded(f, snp_cases_quantile(c, w, QUANTILES[q], scratch), w == 2, 1);
            }
            fputs("}", f);
        }
        fputs("}", f);
        snp_free(scratch);
    }
    fputs("\n}\n", f);
    return SN_OK;
}

/* The width of parameter k's column in the table for people. */
static int width(const sn_cases *c, int k)
{
    int w = (int)strlen(sn_cases_param(c, k));
    return w > 12 ? w : 12;
}

static sn_status text(const sn_cases *c, FILE *f)
{
    int np = (int)c->params.len, done = 0, with = 0;
    for (int i = 0; i < c->n; i++) {
        done += c->rows[i].done;
        with += has_network(&c->rows[i]);
    }
    fprintf(f, "%s: %d of %d cases solved\n", c->kind == SN_CASES_SWEEP ? "sweep" : "sample", done,
            c->n);
    fputs(" case", f);
    for (int k = 0; k < np; k++)
        fprintf(f, "  %*s", width(c, k), sn_cases_param(c, k));
    fprintf(f, "  %-11s  %14s  %14s  %10s  %5s  %4s  changes\n", "status", "annual cost", "savings",
            "CO2 t/yr", "links", "hubs");
    char a[48], b[48], d[48];
    for (int i = 0; i < c->n; i++) {
        const snp_case_row *r = &c->rows[i];
        if (!r->done)
            continue;
        fprintf(f, "%s%4d", changed(c, i) ? "*" : " ", i + 1);
        for (int k = 0; k < np; k++)
            fprintf(f, "  %*s", width(c, k), snp_fmt_amount(a, sizeof a, sn_cases_value(c, i, k)));
        fprintf(f, "  %-11s  %14s  %14s  %10s  %5d  %4d", status_name(r->status),
                snp_fmt_money(a, sizeof a, r->objective, 0),
                snp_fmt_money(b, sizeof b, r->bau - r->objective, 0),
                snp_fmt_amount(d, sizeof d, r->co2), count_kind(r, "link"), count_kind(r, "hub"));
        if (changed(c, i)) {
            fputs("  ", f);
            changes(f, c, i);
        }
        fputc('\n', f);
    }
    fputs("(* the network differs from the previous case's: a break point)\n", f);
    if (c->kind != SN_CASES_SAMPLE || with == 0)
        return SN_OK;
    int n;
    sn_status st = SN_OK;
    const char **ids = elements(c, &n, &with, &st);
    if (!ids)
        return st;
    fprintf(f, "\nbuilt in how many of the %d cases with a network:\n", with);
    for (int k = 0; k < n; k++)
        fprintf(f, "  %5.1f %%  %s\n", 100.0 * built_in(c, ids[k]) / with, ids[k]);
    snp_free(ids);
    double *scratch = snp_calloc((size_t)c->n, sizeof *scratch);
    if (!scratch)
        return SN_ENOMEM;
    fprintf(f, "\n%-14s  %14s  %14s  %14s  %14s  %14s\n", "quantiles", "5 %", "25 %", "median",
            "75 %", "95 %");
    for (int w = 0; w < 3; w++) {
        fprintf(f, "%-14s", FIGURES[w]);
        for (size_t q = 0; q < N_QUANTILES; q++)
            fprintf(
                f, "  %14s",
                snp_fmt_number(a, sizeof a, snp_cases_quantile(c, w, QUANTILES[q], scratch), 2, 0));
        fputc('\n', f);
    }
    snp_free(scratch);
    return SN_OK;
}

sn_status sn_report_write_cases(const sn_cases *c, sn_table_format fmt, FILE *f)
{
    if (!c || !f || !c->rows)
        return SN_EUSAGE;
    sn_status st = SN_OK;
    switch (fmt) {
    case SN_TABLE_CSV:
        csv(c, f);
        break;
    case SN_TABLE_JSON:
        st = json(c, f);
        break;
    case SN_TABLE_TEXT:
        st = text(c, f);
        break;
    }
    if (st == SN_OK && ferror(f))
        st = SN_EIO;
    return st;
}

/* ---- the chart --------------------------------------------------------------------------- */

#define CH_W 720.0
#define CH_H 180.0
#define CH_LEFT 90.0
#define CH_TOP 30.0
#define CH_GAP 60.0

static const char *const COLORS[] = {"#1f77b4", "#2ca02c", "#7f7f7f"};
static const char *const TITLES[] = {"annual cost", "savings against business as usual",
                                     "CO2 emitted, t/yr"};

static void axis_label(FILE *f, double x, double y, const char *anchor, double v)
{
    char buf[48];
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n", x, y, anchor,
            snp_fmt_number(buf, sizeof buf, v, fabs(v) < 10 && v != floor(v) ? 2 : 0, 0));
}

/* A panel's frame, title and y range labels; its top at y0. */
static void panel(FILE *f, double y0, const char *title, double lo, double hi, double xlo,
                  double xhi, const char *xname)
{
    fprintf(f,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
            "stroke=\"#999\"/>\n",
            CH_LEFT, y0, CH_W - CH_LEFT - 20, CH_H);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">", CH_LEFT, y0 - 8);
    snp_html_esc(f, title);
    fputs("</text>\n", f);
    axis_label(f, CH_LEFT - 6, y0 + 10, "end", hi);
    axis_label(f, CH_LEFT - 6, y0 + CH_H, "end", lo);
    axis_label(f, CH_LEFT, y0 + CH_H + 16, "start", xlo);
    axis_label(f, CH_W - 20, y0 + CH_H + 16, "end", xhi);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", (CH_LEFT + CH_W - 20) / 2,
            y0 + CH_H + 16);
    snp_html_esc(f, xname);
    fputs("</text>\n", f);
}

static void range_of(const double *v, int n, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int k = 0; k < n; k++)
        if (isfinite(v[k])) {
            *lo = fmin(*lo, v[k]);
            *hi = fmax(*hi, v[k]);
        }
    if (!isfinite(*lo)) {
        *lo = 0;
        *hi = 1;
    }
    if (*hi - *lo < 1e-9 * (fabs(*hi) + 1)) {
        *lo -= 0.5 * (fabs(*lo) + 1) * 0.01;
        *hi += 0.5 * (fabs(*hi) + 1) * 0.01;
    }
}

static double px_x(double x, double lo, double hi)
{
    return CH_LEFT + (CH_W - CH_LEFT - 20) * (x - lo) / (hi - lo);
}

static double px_y(double y, double y0, double lo, double hi)
{
    return y0 + CH_H - CH_H * (y - lo) / (hi - lo);
}

static void sweep_chart(const sn_cases *c, FILE *f, double *x, double *y, int *idx, int m)
{
    int grid = c->params.len > 1;
    const char *xname = grid ? "case" : sn_cases_param(c, 0);
    for (int k = 0; k < m; k++)
        x[k] = grid ? idx[k] + 1 : sn_cases_value(c, idx[k], 0);
    double xlo, xhi;
    range_of(x, m, &xlo, &xhi);
    for (int w = 0; w < 3; w++) {
        double y0 = CH_TOP + w * (CH_H + CH_GAP), lo, hi;
        for (int k = 0; k < m; k++)
            y[k] = snp_cases_figure(c, idx[k], w);
        range_of(y, m, &lo, &hi);
        panel(f, y0, TITLES[w], lo, hi, xlo, xhi, xname);
        for (int k = 0; k < m; k++) /* break points: dashed verticals */
            if (changed(c, idx[k])) {
                double px = px_x(x[k], xlo, xhi);
                fprintf(f,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" "
                        "stroke-dasharray=\"4 3\"><title>case %d: the network changes</title>"
                        "</line>\n",
                        px, y0, px, y0 + CH_H, idx[k] + 1);
            }
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", COLORS[w]);
        for (int k = 0; k < m; k++)
            if (isfinite(y[k]))
                fprintf(f, "%.1f,%.1f ", px_x(x[k], xlo, xhi), px_y(y[k], y0, lo, hi));
        fputs("\"/>\n", f);
        for (int k = 0; k < m; k++)
            if (isfinite(y[k]))
                fprintf(f,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>case %d: "
                        "%.2f</title></circle>\n",
                        px_x(x[k], xlo, xhi), px_y(y[k], y0, lo, hi), COLORS[w], idx[k] + 1, y[k]);
    }
}

#define BINS 20

static void sample_chart(const sn_cases *c, FILE *f, double *y, int *idx, int m)
{
    for (int w = 0; w < 3; w++) {
        double y0 = CH_TOP + w * (CH_H + CH_GAP), lo, hi;
        int count[BINS] = {0}, most = 1;
        for (int k = 0; k < m; k++)
            y[k] = snp_cases_figure(c, idx[k], w);
        range_of(y, m, &lo, &hi);
        for (int k = 0; k < m; k++)
            if (isfinite(y[k])) {
                int b = (int)((y[k] - lo) / (hi - lo) * BINS);
                b = b < 0 ? 0 : b >= BINS ? BINS - 1 : b;
                count[b]++;
                most = count[b] > most ? count[b] : most;
            }
        panel(f, y0, TITLES[w], 0, most, lo, hi, "cases per bin");
        for (int b = 0; b < BINS; b++) {
            double x0 = px_x(lo + (hi - lo) * b / BINS, lo, hi);
            double x1 = px_x(lo + (hi - lo) * (b + 1) / BINS, lo, hi);
            double h = CH_H * count[b] / most;
            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    "<title>%d cases</title></rect>\n",
                    x0 + 1, y0 + CH_H - h, x1 - x0 - 2, h, COLORS[w], count[b]);
        }
    }
}

sn_status sn_report_write_cases_svg(const sn_cases *c, FILE *f)
{
    if (!c || !f || !c->rows)
        return SN_EUSAGE;
    int m = 0;
    for (int i = 0; i < c->n; i++)
        m += c->rows[i].done;
    double *x = snp_calloc((size_t)m + 1, sizeof *x), *y = snp_calloc((size_t)m + 1, sizeof *y);
    int *idx = snp_calloc((size_t)m + 1, sizeof *idx);
    if (!x || !y || !idx) {
        snp_free(x);
        snp_free(y);
        snp_free(idx);
        return SN_ENOMEM;
    }
    m = 0;
    for (int i = 0; i < c->n; i++)
        if (c->rows[i].done)
            idx[m++] = i;
    double h = CH_TOP + 3 * (CH_H + CH_GAP);
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            CH_W, h, CH_W, h);
    if (c->kind == SN_CASES_SWEEP)
        sweep_chart(c, f, x, y, idx, m);
    else
        sample_chart(c, f, y, idx, m);
    fputs("</svg>\n", f);
    snp_free(x);
    snp_free(y);
    snp_free(idx);
    return ferror(f) ? SN_EIO : SN_OK;
}
