/*
 * screen.c - writers of a screen (src/result/screen.c, `symnet screen`): the ranked matches as
 * a text table for the terminal (thousands grouped, units named), as CSV for analysts (header
 * row, numbers that read back to the same double; docs/outputs.md "Screening") and as one
 * self-contained HTML page in the style of the solve report (html.c's style sheet and number
 * format). Stage: sn_screen -> [report].
 */
#include "../result/screen_int.h"
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* v rounded to `decimals` digits, thousands grouped (snp_fmt_number); "never" for a
 * break-even that is never reached (INFINITY), "-" for one without a price (NAN). */
static const char *grouped(char *buf, size_t size, double v, int decimals)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", isnan(v) ? "-" : "never");
        return buf;
    }
    return snp_fmt_number(buf, size, v, decimals, 0);
}

static const char *unit_of(const sn_instance *in, const char *resource_id)
{
    int r = snp_resource_find(in, resource_id);
    return r >= 0 ? in->resources[r].unit : "";
}

static const char *flag_text(const sn_screen_match *m)
{
    return m->must_take && m->must_serve ? "must_take+must_serve"
           : m->must_take                ? "must_take"
           : m->must_serve               ? "must_serve"
                                         : "";
}

static void counts_line(FILE *f, const char *what, const sn_screen_counts *n)
{
    char a[32], b[32], c[32], d[32], e[32];
    fprintf(f, "%s: %s screened, %s left out by quality limits, %s feasible, %s pay, %s flagged\n",
            what, grouped(a, sizeof a, (double)n->screened, 0),
            grouped(b, sizeof b, (double)n->quality_excluded, 0),
            grouped(c, sizeof c, (double)n->feasible, 0),
            grouped(d, sizeof d, (double)n->paying, 0),
            grouped(e, sizeof e, (double)n->flagged, 0));
}

static size_t shown(const sn_screen *sc, size_t top)
{
    size_t n = sn_screen_count(sc);
    return top > 0 && top < n ? top : n;
}

/* "supplier -> user" or "supplier -> hub -> user". */
static void route(char *buf, size_t size, const sn_screen_match *m)
{
    if (m->hub)
        snprintf(buf, size, "%s -> %s -> %s", m->supplier, m->hub, m->user);
    else
        snprintf(buf, size, "%s -> %s", m->supplier, m->user);
}

sn_status sn_report_write_screen_text(const sn_screen *sc, size_t top, FILE *f)
{
    const sn_instance *in = sc->in;
    sn_screen_counts n;
    fprintf(f, "symnet screen: %s (each match on its own; nothing solved)\n", in->name);
    sn_screen_counts_get(sc, 0, &n);
    counts_line(f, "direct matches", &n);
    sn_screen_counts_get(sc, 1, &n);
    counts_line(f, "hub routes", &n);
    size_t k = shown(sc, top);
    if (k == 0) {
        fprintf(f, "no match pays on its own and none is flagged\n");
        return ferror(f) ? SN_EIO : SN_OK;
    }
    fprintf(f, "\ntop %zu of %zu ranked%s (saving in %s/yr; amounts sent per year):\n", k,
            sn_screen_count(sc), sn_screen_truncated(sc) ? " kept" : "", in->currency);
    int wr = (int)strlen("match"), wres = (int)strlen("resource");
    sn_screen_match m;
    char buf[600];
    for (size_t i = 0; i < k; i++) {
        if (sn_screen_match_get(sc, i, &m) != 0)
            return SN_EINTERNAL;
        route(buf, sizeof buf, &m);
        wr = wr > (int)strlen(buf) ? wr : (int)strlen(buf);
        snprintf(buf, sizeof buf, "%s>%s", m.resource, m.delivered_resource);
        int lr = (int)strlen(m.hub ? buf : m.resource);
        wres = wres > lr ? wres : lr;
    }
    fprintf(f, "%4s  %14s  %-*s  %-*s  %-11s  %8s  %16s  %16s  %11s  %s\n", "rank", "saving", wr,
            "match", wres, "resource", "mode", "km", "amount", "break-even", "t CO2e/yr", "flag");
    for (size_t i = 0; i < k; i++) {
        char sv[40], am[40], be[40], co[40], km[40], res[300];
        if (sn_screen_match_get(sc, i, &m) != 0)
            return SN_EINTERNAL;
        const char *unit = unit_of(in, m.resource);
        route(buf, sizeof buf, &m);
        if (m.hub)
            snprintf(res, sizeof res, "%s>%s", m.resource, m.delivered_resource);
        else
            snprintf(res, sizeof res, "%s", m.resource);
        char amount[80], breakeven[80];
        snprintf(amount, sizeof amount, "%s %s", grouped(am, sizeof am, m.amount, 0), unit);
        if (m.break_even == 0) /* no fixed cost: the first unit already pays */
            snprintf(breakeven, sizeof breakeven, "any amount");
        else if (isfinite(m.break_even))
            snprintf(breakeven, sizeof breakeven, "%s %s", grouped(be, sizeof be, m.break_even, 0),
                     unit);
        else
            snprintf(breakeven, sizeof breakeven, "%s", isnan(m.break_even) ? "-" : "never");
        const char *flag = flag_text(&m);
        fprintf(f, "%4zu  %14s  %-*s  %-*s  %-11s  %8s  %16s  %16s  %11s%s%s\n", i + 1,
                grouped(sv, sizeof sv, m.saving, 0), wr, buf, wres, res, m.mode,
                grouped(km, sizeof km, m.length_km, 1), amount, breakeven,
                grouped(co, sizeof co, m.co2_avoided_t_per_yr, 1), *flag ? "  " : "", flag);
    }
    if (sn_screen_truncated(sc))
        fprintf(f, "(only the %zu best-ranked matches were kept)\n", sn_screen_count(sc));
    return ferror(f) ? SN_EIO : SN_OK;
}

/* ---- CSV --------------------------------------------------------------------------------- */

static void text(FILE *f, const char *s, int last)
{
    if (s && strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else if (s) {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

static void number(FILE *f, double v, int last)
{
    if (isfinite(v)) {
        /* the shortest "%.*g" that reads back, as snp_json_number writes it, but from 15 digits
         * up: a double whose shortest form has k <= 15 digits prints the same at 15 (its
         * distance to that form is below one unit in the 16th digit), and 10,000 rows of 10
         * numbers are written in a third of the time */
        char buf[40];
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, v == 0 ? 0.0 : v);
            if (strtod(buf, NULL) == v)
                break;
        }
        fputs(buf, f);
    } else if (isinf(v))
        fputs("never", f);
    fputc(last ? '\n' : ',', f);
}

sn_status sn_report_write_screen_csv(const sn_screen *sc, FILE *f)
{
    const sn_instance *in = sc->in;
    fputs("rank,kind,id,supplier,hub,user,resource,unit,delivered_resource,demand_resource,"
          "demand_unit,mode,length_km,amount,delivered,annual_saving,fixed_annual,unit_margin,"
          "break_even,capital,co2_avoided_t_per_yr,flag\n",
          f);
    sn_screen_match m;
    for (size_t i = 0; sn_screen_match_get(sc, i, &m) == 0; i++) {
        fprintf(f, "%zu,", i + 1);
        text(f, m.hub ? "hub" : "direct", 0);
        text(f, m.id, 0);
        text(f, m.supplier, 0);
        text(f, m.hub ? m.hub : "", 0);
        text(f, m.user, 0);
        text(f, m.resource, 0);
        text(f, unit_of(in, m.resource), 0);
        text(f, m.delivered_resource, 0);
        text(f, m.demand_resource, 0);
        text(f, unit_of(in, m.demand_resource), 0);
        text(f, m.mode, 0);
        number(f, m.length_km, 0);
        number(f, m.amount, 0);
        number(f, m.delivered, 0);
        number(f, m.saving, 0);
        number(f, m.fixed_annual, 0);
        number(f, m.unit_margin, 0);
        number(f, m.break_even, 0);
        number(f, m.capital, 0);
        number(f, m.co2_avoided_t_per_yr, 0);
        text(f, flag_text(&m), 1);
    }
    return ferror(f) ? SN_EIO : SN_OK;
}

/* ---- HTML -------------------------------------------------------------------------------- */

static void html_counts(FILE *f, const char *what, const sn_screen_counts *n)
{
    fprintf(f, "<li>%s: ", what);
    snp_html_amount(f, (double)n->screened, 0, 0);
    fputs(" screened, ", f);
    snp_html_amount(f, (double)n->quality_excluded, 0, 0);
    fputs(" left out by quality limits, ", f);
    snp_html_amount(f, (double)n->feasible, 0, 0);
    fputs(" feasible, <strong>", f);
    snp_html_amount(f, (double)n->paying, 0, 0);
    fputs(" pay</strong>, ", f);
    snp_html_amount(f, (double)n->flagged, 0, 0);
    fputs(" flagged (a must-take supply or a must-serve demand)</li>\n", f);
}

sn_status sn_report_write_screen_html(const sn_screen *sc, size_t top, FILE *f)
{
    const sn_instance *in = sc->in;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    snp_html_esc(f, in->name);
    fprintf(f, " &#8212; symnet screen</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
            snp_html_css());
    snp_html_esc(f, in->name);
    fprintf(f,
            "</h1>\n<p class=\"note\">Screen by symnet %s: every supplier-to-user match (and "
            "route through one hub) priced on its own, with the model's link pricing, and "
            "ranked by what it would save per year. Nothing was solved: matches that share a "
            "supply, a demand or a hub compete, and the network that "
            "<code>symnet solve</code> designs may use other ones.</p>\n",
            SN_VERSION);
    sn_screen_counts n;
    fputs("<h2>What was screened</h2>\n<ul class=\"facts\">\n", f);
    sn_screen_counts_get(sc, 0, &n);
    html_counts(f, "direct matches", &n);
    sn_screen_counts_get(sc, 1, &n);
    html_counts(f, "hub routes", &n);
    fputs("</ul>\n", f);
    size_t k = shown(sc, top);
    fprintf(f, "<h2>Top %zu matches</h2>\n", k);
    fputs("<table id=\"matches\" class=\"num\"><thead><tr><th>#</th><th>supplier</th>"
          "<th>hub</th><th>user</th><th>resource</th><th>mode</th><th>km</th>"
          "<th>amount sent per year</th><th>saving per year</th><th>break-even amount</th>"
          "<th>t CO<sub>2</sub>e avoided per year</th><th>flag</th></tr></thead><tbody>\n",
          f);
    sn_screen_match m;
    for (size_t i = 0; i < k && sn_screen_match_get(sc, i, &m) == 0; i++) {
        const char *unit = unit_of(in, m.resource);
        fprintf(f, "<tr><td>%zu</td><td>", i + 1);
        snp_html_esc(f, m.supplier);
        fputs("</td><td>", f);
        snp_html_esc(f, m.hub ? m.hub : "");
        fputs("</td><td>", f);
        snp_html_esc(f, m.user);
        fputs("</td><td>", f);
        snp_html_esc(f, m.resource);
        if (m.hub) {
            fputs(" &#8594; ", f);
            snp_html_esc(f, m.delivered_resource);
        }
        fprintf(f, "</td><td>%s</td><td>", m.mode);
        snp_html_amount(f, m.length_km, 1, 0);
        fputs("</td><td>", f);
        snp_html_amount(f, m.amount, 0, 0);
        fputs(" ", f);
        snp_html_esc(f, unit);
        fputs("</td><td>", f);
        snp_html_amount(f, m.saving, 0, 0);
        fputs(" ", f);
        snp_html_esc(f, in->currency);
        fputs("</td><td>", f);
        if (isinf(m.break_even))
            fputs("never", f);
        else if (m.break_even == 0)
            fputs("any amount", f);
        else {
            snp_html_amount(f, m.break_even, 0, 0);
            if (isfinite(m.break_even)) {
                fputs(" ", f);
                snp_html_esc(f, unit);
            }
        }
        fputs("</td><td>", f);
        snp_html_amount(f, m.co2_avoided_t_per_yr, 1, 0);
        fputs("</td><td>", f);
        snp_html_esc(f, flag_text(&m));
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    fprintf(f,
            "<p class=\"note\">Saving: the disposal the supplier avoids and the purchase the "
            "user avoids (carbon at %g %s/t included), less the link's annualised capital, "
            "operating cost and trips (through a hub also the hub's smallest option, its "
            "processing and the disposal of its other outputs), at the amount shown: the most "
            "the match can carry, or less when whole trucks or a smaller pipe size pay better. "
            "Break-even: the amount per year whose margin pays the fixed cost. Flagged matches "
            "have no stand-alone saving (a supply without disposal cost must be taken, a demand "
            "without price must be served); their figure counts the priced side only and they "
            "come after every paying match.%s</p>\n",
            in->carbon_price, in->currency,
            sn_screen_truncated(sc) ? " More matches paid than were kept: only the best-ranked "
                                      "ones are listed."
                                    : "");
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? SN_EIO : SN_OK;
}
