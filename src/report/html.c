/*
 * html.c - one self-contained HTML report for people who were not at the solve: headline
 * figures, an SVG map of the network drawn to scale, the cost breakdown against business as
 * usual, what each partner pays and gains, what was built, the assumptions, and the solver's
 * proof status. Inline CSS and SVG only: no scripts, fonts or images from anywhere, so it
 * opens offline and prints to PDF (print CSS keeps sections and table rows whole). Every
 * string from the region is HTML-escaped.
 *
 * Stage: sn_solution -> [report]; read-only over instance, model and solution.
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shared escapes and number format (svgmap.c). */
static void esc(FILE *f, const char *s)
{
    snp_html_esc(f, s);
}

static void amount(FILE *f, double v, int decimals)
{
    snp_html_amount(f, v, decimals, 0);
}

static void money(FILE *f, const sn_instance *in, double v)
{
    amount(f, v, fabs(v) >= 1000 ? 0 : 2);
    fputs(" ", f);
    esc(f, in->currency);
}

/* ---- map (drawn with svgmap.c) ------------------------------------------------------- */

static int node_shown(const sn_instance *in, const snp_figures *g, const int *used, int node)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY:
        return 1;
    case SNP_NODE_HUB: /* built, or a candidate not built (drawn faintly) */
        return (g->has_network && g->hub_size[i] >= 0) ||
               in->hubs[i].status != SNP_STATUS_FORBIDDEN;
    case SNP_NODE_JUNCTION:
        return used[i];
    }
    return 0;
}

/* The frame that fits the nodes marked in mask. */
static sn_status make_frame(const sn_instance *in, const char *mask, snp_map_frame *fr)
{
    int nn = snp_node_count(in), n = 0;
    snp_point *pts = snp_calloc((size_t)nn + 1, sizeof *pts);
    if (!pts)
        return SN_ENOMEM;
    for (int v = 0; v < nn; v++)
        if (mask[v])
            pts[n++] = snp_node_loc(in, v);
    snp_map_frame_make(fr, in->coords == SNP_COORDS_LONLAT, pts, n);
    snp_free(pts);
    return SN_OK;
}

/* Resource r is carried by a built link. */
static int carried(const sn_model *m, const snp_figures *g, int r)
{
    for (int i = 0; i < g->n_links; i++)
        if (snp_model_link(m, g->links[i].link)->resource == r)
            return 1;
    return 0;
}

/* 1 when the network builds a corridor (the legend then has a row for it). */
static int corridors_built(const sn_instance *in, const snp_figures *g)
{
    for (int k = 0; g->has_network && k < in->n_corridors; k++)
        if (g->corridor_built[k])
            return 1;
    return 0;
}

/* Rows the legend of resources takes (the layout of write_map). */
static int legend_rows(const sn_instance *in, const sn_model *m, const snp_figures *g)
{
    double lx = 10;
    int rows = 1;
    for (int r = 0; r < in->n_resources; r++) {
        if (!carried(m, g, r))
            continue;
        double width = 40 + 7.5 * (double)strlen(in->resources[r].name);
        if (lx > 10 && lx + width > SNP_MAP_W) {
            lx = 10;
            rows++;
        }
        lx += width;
    }
    return rows;
}

/* One map: every shown node and built link, framed on the nodes of `focus`; the main map
 * (legend set) frames them all, a detail map frames a dense core. */
static sn_status write_map(FILE *f, const sn_instance *in, const sn_model *m, const snp_figures *g,
                           const snp_partner *p, const char *shown, const char *focus, int legend)
{
    snp_map_frame fr;
    if (make_frame(in, focus, &fr) != SN_OK)
        return SN_ENOMEM;
    snp_map_begin(f, legend ? "map" : "map-detail",
                  legend ? "map of the network" : "detail of the network's core",
                  legend ? SNP_MAP_H + 30 + 18 * legend_rows(in, m, g) + 18 * corridors_built(in, g)
                         : SNP_MAP_H);
    /* corridors first, wide and pale, so that the pipes they carry are drawn over them */
    for (int k = 0; g->has_network && k < in->n_corridors; k++) {
        if (!g->corridor_built[k])
            continue;
        const snp_corridor *c = &in->corridors[k];
        snp_map_line_open(f, &fr, snp_node_loc(in, c->a), snp_node_loc(in, c->b), "corridor",
                          "#c9ced8", "9", NULL, -1);
        fputs("corridor ", f);
        esc(f, c->id);
        fputs(": ", f);
        esc(f, snp_node_id(in, c->a));
        fputs(" &#8212; ", f);
        esc(f, snp_node_id(in, c->b));
        fputs("</title></line>\n", f);
    }
    snp_ways_svg_under(f, &fr, in, g); /* ways.c: zones and trenches, under the links */
    for (int i = 0; i < g->n_links; i++) {
        const snp_built_link *b = &g->links[i];
        const snp_link *l = snp_model_link(m, b->link);
        int routed = snp_ways_svg_link_open(
            f, &fr, in, l, "link", snp_map_color(l->resource), l->mode == SNP_MODE_PIPE ? "3" : "2",
            l->mode == SNP_MODE_TRUCK ? "7 4" : NULL, snp_map_marker(l->resource));
        if (!routed)
            snp_map_line_open(f, &fr, snp_node_loc(in, l->tail), snp_node_loc(in, l->head), "link",
                              snp_map_color(l->resource), l->mode == SNP_MODE_PIPE ? "3" : "2",
                              l->mode == SNP_MODE_TRUCK ? "7 4" : NULL,
                              snp_map_marker(l->resource));
        esc(f, in->resources[l->resource].id);
        fputs(": ", f);
        esc(f, snp_node_id(in, l->tail));
        fputs(" &#8594; ", f);
        esc(f, snp_node_id(in, l->head));
        fprintf(f, ", %.6g ", b->flow);
        esc(f, in->resources[l->resource].unit);
        fputs(routed ? "/yr</title></polyline>\n" : "/yr</title></line>\n", f);
    }
    int nn = snp_node_count(in), nm = 0;
    snp_map_mark *marks = snp_calloc((size_t)nn + 1, sizeof *marks);
    char *placed = snp_calloc((size_t)nn + 1, 1);
    if (!marks || !placed) {
        snp_free(marks);
        snp_free(placed);
        return SN_ENOMEM;
    }
    for (int v = 0; v < nn; v++) {
        if (!shown[v])
            continue;
        double x, y;
        int i;
        snp_map_to_px(&fr, snp_node_loc(in, v), &x, &y);
        snp_node_kind k = snp_node_kind_of(in, v, &i);
        const char *id = snp_node_id(in, v);
        snp_map_mark *mk = &marks[nm++];
        *mk = (snp_map_mark){x, y, SNP_MAP_FACILITY_R, focus[v] ? id : NULL, 0};
        if (k == SNP_NODE_FACILITY) {
            snp_map_facility(f, x, y,
                             p[i].worse_off      ? "#e4572e"
                             : p[i].participates ? "#333"
                                                 : "#fff",
                             id);
        } else if (k == SNP_NODE_HUB) {
            mk->r = SNP_MAP_HUB_R;
            mk->faint = !(g->has_network && g->hub_size[i] >= 0);
            snp_map_hub(f, x, y, "#f2c14e", mk->faint, id);
        } else {
            mk->r = SNP_MAP_JUNCTION_R;
            mk->text = NULL;
            snp_map_junction(f, x, y);
        }
    }
    sn_status st = snp_map_labels(f, marks, nm, placed);
    snp_map_scale_bar(f, &fr);
    if (st != SN_OK || !legend) {
        fputs("</svg>\n", f);
        if (st == SN_OK)
            snp_map_unlabelled_note(f, marks, nm, placed);
        snp_free(marks);
        snp_free(placed);
        return st;
    }
    /* legend */
    double lx = 10, ly = SNP_MAP_H + 20;
    fputs("<g class=\"legend\">", f);
    for (int r = 0; r < in->n_resources; r++) {
        if (!carried(m, g, r))
            continue;
        double width = 40 + 7.5 * (double)strlen(in->resources[r].name);
        if (lx > 10 && lx + width > SNP_MAP_W) {
            lx = 10;
            ly += 18;
        }
        fprintf(f,
                "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" "
                "stroke-width=\"3\"/><text x=\"%.0f\" y=\"%.0f\">",
                lx, ly, lx + 22, ly, snp_map_color(r), lx + 27, ly + 4);
        esc(f, in->resources[r].name);
        fputs("</text>", f);
        lx += width;
    }
    ly += 20;
    fprintf(f,
            "<line x1=\"10\" y1=\"%.0f\" x2=\"32\" y2=\"%.0f\" stroke=\"#444\" stroke-width=\"3\"/>"
            "<text x=\"37\" y=\"%.0f\">pipe</text>"
            "<line x1=\"80\" y1=\"%.0f\" x2=\"102\" y2=\"%.0f\" stroke=\"#444\" stroke-width=\"2\" "
            "stroke-dasharray=\"7 4\"/><text x=\"107\" y=\"%.0f\">truck</text>"
            "<circle cx=\"165\" cy=\"%.0f\" r=\"6\" fill=\"#333\" stroke=\"#222\"/>"
            "<text x=\"175\" y=\"%.0f\">facility in the network</text>"
            "<circle cx=\"335\" cy=\"%.0f\" r=\"6\" fill=\"#fff\" stroke=\"#222\"/>"
            "<text x=\"345\" y=\"%.0f\">not in it</text>"
            "<circle cx=\"420\" cy=\"%.0f\" r=\"6\" fill=\"#e4572e\" stroke=\"#222\"/>"
            "<text x=\"430\" y=\"%.0f\">worse off</text>"
            "<rect x=\"500\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"#f2c14e\" "
            "stroke=\"#222\"/><text x=\"518\" y=\"%.0f\">hub</text>"
            "<circle cx=\"565\" cy=\"%.0f\" r=\"3.5\" fill=\"#555\"/>"
            "<text x=\"573\" y=\"%.0f\">junction</text>"
            "<rect x=\"640\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"#fff\" "
            "fill-opacity=\"0.6\" stroke=\"#999\" stroke-dasharray=\"3 2\"/>"
            "<text x=\"658\" y=\"%.0f\" fill=\"#888\">hub not built</text></g>\n",
            ly, ly, ly + 4, ly, ly, ly + 4, ly, ly + 4, ly, ly + 4, ly, ly + 4, ly - 6, ly + 4, ly,
            ly + 4, ly - 6, ly + 4);
    if (corridors_built(in, g))
        fprintf(f,
                "<g class=\"legend\"><line x1=\"10\" y1=\"%.0f\" x2=\"32\" y2=\"%.0f\" "
                "stroke=\"#c9ced8\" stroke-width=\"9\"/><text x=\"37\" y=\"%.0f\">corridor "
                "(shared trench)</text></g>\n",
                ly + 18, ly + 18, ly + 22);
    snp_map_markers(f);
    fputs("</svg>\n", f);
    if (in->n_trenches > 0) /* ways.c: links follow their routes */
        fprintf(f,
                "<p class=\"note\">Drawn to scale (%s); links follow their routes over the "
                "ways, grey bands are the trenches dug (each once, however many pipes share it) "
                "and shaded areas the zones (red: no trucks).</p>\n",
                fr.lonlat ? "equirectangular projection about the region's mean latitude"
                          : "planar km coordinates");
    else
        snp_map_note(f, &fr);
    snp_map_unlabelled_note(f, marks, nm, placed);
    snp_free(marks);
    snp_free(placed);
    return SN_OK;
}

/* The maps: all of the network, and when a few distant partners squeeze the rest into a corner,
 * a detail of the core (snp_map_core). */
static sn_status write_maps(FILE *f, const sn_instance *in, const sn_model *m, const snp_figures *g,
                            const snp_partner *p, const int *used)
{
    int nn = snp_node_count(in), n = 0;
    char *shown = snp_calloc((size_t)nn + 1, 1), *core = snp_calloc((size_t)nn + 1, 1);
    char *pcore = snp_calloc((size_t)nn + 1, 1);
    snp_point *pts = snp_calloc((size_t)nn + 1, sizeof *pts);
    sn_status st = shown && core && pcore && pts ? SN_OK : SN_ENOMEM;
    for (int v = 0; st == SN_OK && v < nn; v++) {
        shown[v] = (char)node_shown(in, g, used, v);
        if (shown[v])
            pts[n++] = snp_node_loc(in, v);
    }
    if (st == SN_OK)
        st = write_map(f, in, m, g, p, shown, shown, 1);
    int has_core = 0;
    if (st == SN_OK)
        st = snp_map_core(in->coords == SNP_COORDS_LONLAT, pts, n, pcore, &has_core);
    if (st == SN_OK && has_core) {
        for (int v = 0, k = 0; v < nn; v++)
            if (shown[v])
                core[v] = pcore[k++];
        fputs("<h3>Detail of the core</h3>\n", f);
        st = write_map(f, in, m, g, p, shown, core, 0);
    }
    snp_free(shown);
    snp_free(core);
    snp_free(pcore);
    snp_free(pts);
    return st;
}

/* ---- cost chart ------------------------------------------------------------------------- */

static void write_cost_chart(FILE *f, const sn_instance *in, const snp_figures *g)
{
    const char *names[] = {"disposal", "purchases", "capital (annualised)", "operating", "carbon"};
    const char *colors[] = {"#8c564b", "#1f77b4", "#9467bd", "#ff7f0e", "#7f7f7f"};
    const snp_costs *rows[2] = {&g->bau, &g->cost};
    const char *labels[2] = {"business as usual", "with the network"};
    int have[2] = {g->bau_feasible, g->has_network};
    double lo = 0, hi = 0;
    for (int r = 0; r < 2; r++) {
        if (!have[r])
            continue;
        const snp_costs *c = rows[r];
        double v[5] = {c->disposal, c->purchase, c->capital, c->operating, c->carbon};
        double pos = 0, neg = 0;
        for (int k = 0; k < 5; k++)
            if (v[k] > 0)
                pos += v[k];
            else
                neg += v[k];
        hi = fmax(hi, pos);
        lo = fmin(lo, neg);
    }
    double w = 560, x0 = 170, span = hi - lo > 0 ? hi - lo : 1, sc = w / span;
    double zero = x0 - lo * sc;
    fputs("<svg id=\"costs\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
          "viewBox=\"0 0 760 150\" role=\"img\" aria-label=\"annual cost against business as "
          "usual\">\n",
          f);
    for (int r = 0; r < 2; r++) {
        double y = 10 + r * 45;
        fprintf(f, "<text x=\"0\" y=\"%.0f\">%s</text>", y + 20, labels[r]);
        if (!have[r]) {
            fprintf(f, "<text x=\"%.0f\" y=\"%.0f\">not possible</text>\n", x0, y + 20);
            continue;
        }
        const snp_costs *c = rows[r];
        double v[5] = {c->disposal, c->purchase, c->capital, c->operating, c->carbon};
        double pos = zero, neg = zero;
        for (int k = 0; k < 5; k++) {
            if (v[k] == 0)
                continue;
            double len = fabs(v[k]) * sc, x;
            if (v[k] > 0) {
                x = pos;
                pos += len;
            } else {
                neg -= len;
                x = neg;
            }
            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"30\" fill=\"%s\"><title>"
                    "%s: %.2f</title></rect>",
                    x, y, len, colors[k], names[k], v[k]);
        }
        fprintf(f, "\n");
    }
    fprintf(f, "<line x1=\"%.1f\" y1=\"5\" x2=\"%.1f\" y2=\"100\" stroke=\"#000\"/>\n", zero, zero);
    double lx = 0;
    for (int k = 0; k < 5; k++) {
        fprintf(f,
                "<rect x=\"%.0f\" y=\"118\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                "<text x=\"%.0f\" y=\"129\">%s</text>",
                lx, colors[k], lx + 16, names[k]);
        lx += 30 + 7.2 * (double)strlen(names[k]);
    }
    fputs("\n</svg>\n", f);
    fputs("<table class=\"num\"><thead><tr><th>per year</th><th>business as usual</th>"
          "<th>with the network</th></tr></thead><tbody>\n",
          f);
    for (int k = 0; k < 6; k++) {
        const char *n = k < 5 ? names[k] : "total";
        double b[6] = {g->bau.disposal,  g->bau.purchase, g->bau.capital,
                       g->bau.operating, g->bau.carbon,   g->bau.total};
        double c[6] = {g->cost.disposal,  g->cost.purchase, g->cost.capital,
                       g->cost.operating, g->cost.carbon,   g->cost.total};
        fprintf(f, "<tr%s><td>%s</td><td>", k == 5 ? " class=\"total\"" : "", n);
        money(f, in, g->bau_feasible ? b[k] : NAN);
        fputs("</td><td>", f);
        money(f, in, g->has_network ? c[k] : NAN);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

/* ---- headline --------------------------------------------------------------------------- */

static void card(FILE *f, const char *label)
{
    fprintf(f, "<div class=\"card\"><div class=\"label\">%s</div><div class=\"value\">", label);
}

/* A figure of figures.csv (report/figures.c) as people read it, in a span that names its key,
 * item and rate, so that tests can match it with the JSON and the CSV. */
static void fig_open(FILE *f, const char *key, const char *item, double rate)
{
    fprintf(f, "<span class=\"fig\" data-key=\"%s\"", key);
    if (item && item[0]) {
        fputs(" data-item=\"", f);
        esc(f, item);
        fputs("\"", f);
    }
    if (isfinite(rate))
        fprintf(f, " data-rate=\"%.17g\"", rate);
    fputs(">", f);
}

static void fig_money(FILE *f, const sn_instance *in, const char *key, const char *item,
                      double rate, double v)
{
    fig_open(f, key, item, rate);
    money(f, in, v);
    fputs("</span>", f);
}

static void fig_amount(FILE *f, const char *key, const char *item, double v, int decimals,
                       const char *unit)
{
    fig_open(f, key, item, NAN);
    amount(f, v, decimals);
    if (unit) {
        fputs(" ", f);
        esc(f, unit);
    }
    fputs("</span>", f);
}

/* An internal rate of return in percent (data-unit="%" tells a reader to divide by 100), or
 * why there is none. */
static void fig_irr(FILE *f, const char *key, const snp_headline *h, double irr, double cash)
{
    if (isfinite(irr)) {
        fprintf(f, "<span class=\"fig\" data-key=\"%s\" data-unit=\"%%\">", key);
        amount(f, 100 * irr, 1);
        fputs(" %</span>", f);
        return;
    }
    fig_open(f, key, NULL, NAN);
    fputs(!h->has_network           ? "&ndash;"
          : !(h->capital_year0 > 0) ? "none: no capital"
          : !(cash > 0)             ? "none: no savings"
                                    : "none",
          f);
    fputs("</span>", f);
}

static void fig_payback(FILE *f, const char *key, const snp_headline *h, double years)
{
    fig_open(f, key, NULL, NAN);
    if (isfinite(years)) {
        amount(f, years, 1);
        fputs(" years", f);
    } else {
        fputs(h->has_network ? "never" : "&ndash;", f);
    }
    fputs("</span>", f);
}

static const char *const FIG_LABELS[SNP_FIG_COUNT] = {"water saved", "energy recovered",
                                                      "waste diverted"};

static void write_headline(FILE *f, const sn_instance *in, const snp_figures *g,
                           const snp_headline *h)
{
    int net = g->has_network, bau = g->bau_feasible;
    double savings = net && bau ? g->bau.total - g->cost.total : NAN;
    const snp_money_rate *r0 = &h->rates[0];
    fputs("<section class=\"cards\" id=\"headline\">\n", f);
    card(f, "annual savings");
    fig_money(f, in, "savings", NULL, NAN, savings);
    fputs("/yr</div></div>\n", f);
    card(f, "capital cost");
    fig_money(f, in, "headline.capital.total", NULL, NAN, h->capital_year0);
    fputs("</div></div>\n", f);
    card(f, "net present value");
    fig_money(f, in, "money.npv", NULL, r0->rate, r0->npv);
    fprintf(f, "</div><div class=\"sub\">carbon valued; %.6g years at %.4g%%</div></div>\n",
            h->horizon_yr, 100 * r0->rate);
    card(f, "NPV without carbon value");
    fig_money(f, in, "money.npv_without_carbon", NULL, r0->rate, r0->npv_without_carbon);
    fprintf(f, "</div><div class=\"sub\">%.6g years at %.4g%%</div></div>\n", h->horizon_yr,
            100 * r0->rate);
    card(f, "internal rate of return");
    fig_irr(f, "money.irr", h, h->irr, h->cash);
    fputs("</div><div class=\"sub\">without carbon value: ", f);
    fig_irr(f, "money.irr_without_carbon", h, h->irr_without_carbon, h->cash_without_carbon);
    fputs("</div></div>\n", f);
    card(f, "simple payback");
    fig_payback(f, "money.payback_yr", h, h->payback_yr);
    fputs("</div><div class=\"sub\">without carbon value: ", f);
    fig_payback(f, "money.payback_yr_without_carbon", h, h->payback_without_carbon);
    fputs("</div></div>\n", f);
    if (h->has_co2) {
        card(f, "CO<sub>2</sub> avoided");
        fig_amount(f, "headline.co2_avoided_t_per_yr", NULL, h->co2_avoided_t_per_yr, 0, NULL);
        fputs(" t CO<sub>2</sub>e/yr</div></div>\n", f);
    }
    static const char *const keys[SNP_FIG_COUNT] = {
        "headline.water_saved", "headline.energy_recovered", "headline.waste_diverted"};
    for (int k = 0; k < SNP_FIG_COUNT; k++) {
        if (!h->fig[k].present)
            continue;
        card(f, FIG_LABELS[k]);
        for (int i = 0; i < h->fig[k].n; i++) {
            if (i)
                fputs("<br>", f);
            fig_amount(f, keys[k], h->fig[k].v[i].unit, h->fig[k].v[i].amount, 0,
                       h->fig[k].v[i].unit);
            fputs("/yr", f);
        }
        fputs("</div></div>\n", f);
    }
    card(f, "construction jobs");
    fig_amount(f, "jobs.construction_job_years", NULL, h->construction_job_years, 1, NULL);
    fputs(" job-years</div><div class=\"sub\">from capital (see Jobs)</div></div>\n", f);
    card(f, "permanent jobs");
    fig_amount(f, "jobs.permanent", NULL, h->permanent_jobs, 1, NULL);
    int stated = 0;
    for (int i = 0; i < in->n_facilities; i++)
        stated |= in->facilities[i].jobs > 0;
    for (int k = 0; k < in->n_hubs; k++)
        stated |= in->hubs[k].jobs > 0;
    fprintf(f, "</div><div class=\"sub\">%s</div></div>\n",
            stated ? "as the region's facilities and hubs state them"
                   : "the region states no permanent jobs");
    fputs("</section>\n", f);
    fputs("<p class=\"note\">Savings are business as usual minus the network's annual cost "
          "(capital annualised at the region's discount rate over each asset's life). Money, "
          "figures and jobs are defined in symnet's docs/outputs.md: the net present value pays "
          "all capital in year 0 and counts the annual savings before capital charges over the "
          "region's default asset life, with and without the value of carbon; a figure appears "
          "only when the region has resources of its category, and is given per unit (units "
          "are never added together). Every figure is measured against business as usual "
          "with no exchange at all: where exchanges exist already, it is what they are worth, "
          "not the return on a new investment.</p>\n",
          f);
}

/* Money (docs/outputs.md, "Money"): NPV at every rate, cash flows, savings by partner. */
static void write_money(FILE *f, const sn_instance *in, const snp_headline *h, const sn_result *r)
{
    fputs("<table id=\"npv\" class=\"num\"><thead><tr><th>discount rate</th><th>from</th>"
          "<th>net present value</th><th>without carbon value</th></tr></thead><tbody>\n",
          f);
    for (int i = 0; i < h->n_rates; i++) {
        const snp_money_rate *m = &h->rates[i];
        fprintf(f, "<tr><td>%.4g%%</td><td>%s</td><td>", 100 * m->rate,
                m->from_region ? "the region" : "the command line");
        fig_money(f, in, "money.npv", NULL, m->rate, m->npv);
        fputs("</td><td>", f);
        fig_money(f, in, "money.npv_without_carbon", NULL, m->rate, m->npv_without_carbon);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n<ul class=\"facts\" id=\"cash\"><li>capital, paid in year 0: ", f);
    fig_money(f, in, "money.capital_year0", NULL, NAN, h->capital_year0);
    fputs("</li><li>annual savings before capital charges, years 1 to ", f);
    fig_amount(f, "money.horizon_yr", NULL, h->horizon_yr, 1, NULL);
    fputs(": ", f);
    fig_money(f, in, "money.annual_savings_before_capital", NULL, NAN, h->cash);
    fputs("/yr; without carbon value: ", f);
    fig_money(f, in, "money.annual_savings_before_capital_without_carbon", NULL, NAN,
              h->cash_without_carbon);
    fputs("/yr</li></ul>\n", f);
    fputs("<table id=\"partner-savings\" class=\"num\"><thead><tr><th>facility</th>"
          "<th>annual savings</th></tr></thead><tbody>\n",
          f);
    for (int i = 0; i < in->n_facilities; i++) {
        fputs("<tr><td>", f);
        esc(f, in->facilities[i].name);
        fputs("</td><td>", f);
        fig_money(f, in, "money.annual_savings_by_partner", in->facilities[i].id, NAN,
                  snp_partner_savings(r, i));
        fputs("/yr</td></tr>\n", f);
    }
    fputs("</tbody></table>\n<p class=\"note\">Each partner's savings are its cost alone less its "
          "cost in the network, under the split of shared costs stated below.</p>\n",
          f);
}

/* Capital item by item: it sums to the headline capital. */
static void write_capital(FILE *f, const sn_instance *in, const snp_headline *h)
{
    fputs("<table id=\"capital\" class=\"num\"><thead><tr><th>capital (undiscounted)</th>"
          "<th></th></tr></thead><tbody>\n<tr><td>links</td><td>",
          f);
    fig_money(f, in, "headline.capital.links", NULL, NAN, h->capital_links);
    fputs("</td></tr>\n<tr><td>hubs</td><td>", f);
    fig_money(f, in, "headline.capital.hubs", NULL, NAN, h->capital_hubs);
    fputs("</td></tr>\n<tr><td>corridors</td><td>", f);
    fig_money(f, in, "headline.capital.corridors", NULL, NAN, h->capital_corridors);
    fputs("</td></tr>\n<tr><td>trenches of the ways</td><td>", f);
    fig_money(f, in, "headline.capital.trenches", NULL, NAN, h->capital_trenches);
    fputs("</td></tr>\n<tr class=\"total\"><td>total</td><td>", f);
    money(f, in, h->capital_year0);
    fputs("</td></tr>\n</tbody></table>\n", f);
}

static void write_jobs(FILE *f, const sn_instance *in, const snp_figures *g, const snp_headline *h)
{
    fputs("<ul class=\"facts\" id=\"jobs\"><li>construction: ", f);
    amount(f, h->construction_job_years, 1);
    fputs(" job-years = capital in millions of ", f);
    esc(f, in->currency);
    fputs(" &#215; ", f);
    fig_amount(f, "jobs.factor_per_million", NULL, in->construction_jobs_per_million, 2, NULL);
    fputs(" job-years per million (", f);
    esc(f, in->construction_jobs_source);
    fputs(")</li><li>permanent: ", f);
    amount(f, h->permanent_jobs, 1);
    fputs(" jobs, counted for each hub built and each facility whose exchanges are built", f);
    int any = 0;
    for (int i = 0; g->has_network && i < in->n_facilities; i++)
        if (in->facilities[i].jobs > 0 && snp_headline_facility_exchanges(g, in, i)) {
            fputs(any ? ", " : ": ", f);
            any = 1;
            esc(f, in->facilities[i].name);
            fputs(" ", f);
            amount(f, in->facilities[i].jobs, 1);
        }
    for (int k = 0; g->has_network && k < in->n_hubs; k++)
        if (in->hubs[k].jobs > 0 && g->hub_size[k] >= 0) {
            fputs(any ? ", " : ": ", f);
            any = 1;
            esc(f, in->hubs[k].name);
            fputs(" ", f);
            amount(f, in->hubs[k].jobs, 1);
        }
    fputs(any ? "" : " (the region states none)", f);
    fputs("</li></ul>\n", f);
}

/* ---- tables ----------------------------------------------------------------------------- */

static void write_partners(FILE *f, const sn_instance *in, int negotiated, const snp_partner *p,
                           const sn_solution *s)
{
    fputs("<table id=\"partners\" class=\"num\"><thead><tr><th>facility</th><th>alone "
          "(business as usual)</th><th>in the network</th><th>change</th><th>disposal</th>"
          "<th>purchases</th><th>transport</th><th>shared</th><th></th></tr></thead><tbody>\n",
          f);
    for (int i = 0; i < in->n_facilities; i++) {
        const snp_partner *q = &p[i];
        fprintf(f, "<tr%s><td>", q->worse_off ? " class=\"worse\"" : "");
        esc(f, in->facilities[i].name);
        double v[7] = {q->bau,      q->total,     q->change, q->disposal,
                       q->purchase, q->transport, q->shared};
        for (int k = 0; k < 7; k++) {
            fputs("</td><td>", f);
            amount(f, k > 2 && !s->has_x ? NAN : v[k], 0);
        }
        fprintf(f, "</td><td>%s</td></tr>\n",
                q->worse_off          ? "worse off: would not join"
                : !q->participates    ? "not in the network"
                : isfinite(q->change) ? "gains"
                                      : "");
    }
    fprintf(f,
            "</tbody></table>\n<p class=\"note\">Per year, in %s. Each facility pays its own "
            "disposal and purchases; a link is paid by the facility it delivers to (or, into a "
            "hub or junction, by the facility that sends); hubs, corridors and links between hubs "
            "and junctions are shared, %s. The facilities' costs add up to the network's "
            "total.</p>\n",
            in->currency,
            negotiated ? "split as the fair model chose (no partner pays more than alone)"
                       : "split by the value each facility gets from them (deliveries at the "
                         "receivers' business-as-usual prices, else supplies at the senders' "
                         "disposal costs; docs/model.md 12.1)");
}

static void write_links(FILE *f, const sn_instance *in, const sn_model *m, const snp_figures *g)
{
    fputs("<table id=\"links\" class=\"num\"><thead><tr><th>resource</th><th>mode</th>"
          "<th>from</th><th>to</th><th>km</th><th>flow per year</th><th>capital</th>"
          "<th>annual cost</th></tr></thead><tbody>\n",
          f);
    for (int i = 0; i < g->n_links; i++) {
        const snp_built_link *b = &g->links[i];
        const snp_link *l = snp_model_link(m, b->link);
        fprintf(f, "<tr><td><span class=\"swatch\" style=\"background:%s\"></span>",
                snp_map_color(l->resource));
        esc(f, in->resources[l->resource].name);
        fprintf(f, "</td><td>%s</td><td>", l->mode == SNP_MODE_PIPE ? "pipe" : "truck");
        esc(f, snp_node_id(in, l->tail));
        fputs("</td><td>", f);
        esc(f, snp_node_id(in, l->head));
        fprintf(f, "</td><td>%.2f</td><td>", l->length_km);
        amount(f, b->flow, b->flow < 100 ? 2 : 0);
        fputs(" ", f);
        esc(f, in->resources[l->resource].unit);
        fputs("</td><td>", f);
        amount(f, b->capital, 0);
        fputs("</td><td>", f);
        amount(f, b->annual, 0);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    int any = 0;
    for (int h = 0; g->has_network && h < in->n_hubs; h++) {
        if (g->hub_size[h] < 0)
            continue;
        const snp_hub *hub = &in->hubs[h];
        const snp_hub_capacity *o = &hub->capacities[g->hub_size[h]];
        if (!any)
            fputs("<table id=\"hubs\" class=\"num\"><thead><tr><th>hub</th><th>kind</th>"
                  "<th>capacity per year</th><th>capital</th><th>fixed opex per year</th>"
                  "</tr></thead><tbody>\n",
                  f);
        any = 1;
        fputs("<tr><td>", f);
        esc(f, hub->name);
        fputs("</td><td>", f);
        esc(f, hub->kind);
        fputs("</td><td>", f);
        amount(f, o->capacity, 0);
        fputs("</td><td>", f);
        amount(f, o->capital, 0);
        fputs("</td><td>", f);
        amount(f, o->fixed_opex, 0);
        fputs("</td></tr>\n", f);
    }
    if (any)
        fputs("</tbody></table>\n", f);
    any = 0;
    for (int k = 0; g->has_network && k < in->n_corridors; k++) {
        if (!g->corridor_built[k])
            continue;
        const snp_corridor *c = &in->corridors[k];
        if (!any)
            fputs("<table id=\"corridors\" class=\"num\"><thead><tr><th>corridor</th>"
                  "<th>from</th><th>to</th><th>km</th><th>capital</th>"
                  "<th>annualised capital</th></tr></thead><tbody>\n",
                  f);
        any = 1;
        fputs("<tr><td>", f);
        esc(f, c->id);
        fputs("</td><td>", f);
        esc(f, snp_node_id(in, c->a));
        fputs("</td><td>", f);
        esc(f, snp_node_id(in, c->b));
        fputs("</td><td>", f);
        amount(f, c->has_length ? c->length_km : snp_node_dist_km(in, c->a, c->b), 2);
        fputs("</td><td>", f);
        amount(f, c->capital, 0);
        fputs("</td><td>", f);
        amount(f, snp_crf(in->discount_rate, c->lifetime_yr) * c->capital, 0);
        fputs("</td></tr>\n", f);
    }
    if (any)
        fputs("</tbody></table>\n", f);
}

static void write_assumptions(FILE *f, const sn_instance *in)
{
    fputs("<ul class=\"facts\">", f);
    fputs("<li>currency: ", f);
    esc(f, in->currency);
    fprintf(f,
            "</li><li>discount rate: %.4g%% per year</li><li>default asset life: %.6g "
            "years</li><li>carbon price: ",
            100 * in->discount_rate, in->lifetime_yr);
    money(f, in, in->carbon_price);
    fputs(" per t CO<sub>2</sub>e</li>", f);
    if (in->has_budget) {
        fputs("<li>capital budget: ", f);
        money(f, in, in->budget);
        fputs("</li>", f);
    }
    if (in->has_co2_cap)
        fprintf(f, "<li>emission cap: %.6g t CO<sub>2</sub>e per year</li>", in->co2_cap_t_per_yr);
    fputs("</ul>\n", f);
    fputs("<table id=\"prices\" class=\"num\"><thead><tr><th>facility</th><th></th>"
          "<th>resource</th><th>amount per year</th><th>price or disposal cost per unit</th>"
          "<th>t CO<sub>2</sub>e per unit</th></tr></thead><tbody>\n",
          f);
    for (int i = 0; i < in->n_facilities; i++) {
        const snp_facility *fa = &in->facilities[i];
        for (int k = 0; k < fa->n_supplies + fa->n_demands; k++) {
            int sup = k < fa->n_supplies;
            const snp_supply *su = sup ? &fa->supplies[k] : NULL;
            const snp_demand *d = sup ? NULL : &fa->demands[k - fa->n_supplies];
            int r = sup ? su->resource : d->resource;
            fputs("<tr><td>", f);
            esc(f, fa->name);
            fprintf(f, "</td><td>%s</td><td>", sup ? "supplies" : "demands");
            esc(f, in->resources[r].name);
            fputs("</td><td>", f);
            amount(f, sup ? su->amount : d->amount, 0);
            fputs(" ", f);
            esc(f, in->resources[r].unit);
            fputs("</td><td>", f);
            if (sup ? su->has_disposal : d->has_price)
                amount(f, sup ? su->disposal_cost : d->price, 2);
            else
                fputs(sup ? "no disposal: must be taken" : "no price: must be served", f);
            fputs("</td><td>", f);
            amount(f, sup ? su->disposal_co2 : d->co2, 4);
            fputs("</td></tr>\n", f);
        }
    }
    fputs("</tbody></table>\n", f);
    fputs("<table id=\"transport\" class=\"num\"><thead><tr><th>resource</th><th>unit</th>"
          "<th>pipe capital per km</th><th>pipe capital per km per unit/yr</th>"
          "<th>pipe opex per unit km</th><th>truck cost per unit km</th>"
          "<th>t CO<sub>2</sub>e per unit km (pipe / truck)</th></tr></thead><tbody>\n",
          f);
    for (int r = 0; r < in->n_resources; r++) {
        const snp_resource *res = &in->resources[r];
        fputs("<tr><td>", f);
        esc(f, res->name);
        fputs("</td><td>", f);
        esc(f, res->unit);
        fputs("</td><td>", f);
        amount(f, res->has_pipe ? res->pipe.capital_per_km + res->pipe.civil_capital_per_km : NAN,
               0);
        fputs("</td><td>", f);
        amount(f, res->has_pipe ? res->pipe.capital_per_km_per_unit : NAN, 3);
        fputs("</td><td>", f);
        amount(f, res->has_pipe ? res->pipe.opex_per_unit_km : NAN, 4);
        fputs("</td><td>", f);
        amount(f, res->has_truck ? res->truck.cost_per_unit_km : NAN, 4);
        fputs("</td><td>", f);
        /* a mode the resource does not have is a dash, never "nan" */
        amount(f, res->has_pipe ? res->pipe.co2_per_unit_km : NAN, 6);
        fputs(" / ", f);
        amount(f, res->has_truck ? res->truck.co2_per_unit_km : NAN, 6);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void write_status(FILE *f, const sn_instance *in, const sn_solution *s)
{
    fprintf(f, "<ul class=\"facts\" id=\"status\"><li>status: <strong>%s</strong>",
            sn_solution_status_name(s->status));
    if (s->status == SN_SOL_OPTIMAL)
        fputs(" (proven by GLPK's branch-and-cut)", f);
    else if (s->status == SN_SOL_FEASIBLE)
        fputs(" (NOT proven optimal: the search was stopped)", f);
    fputs("</li><li>objective: ", f);
    if (in->objective == SNP_OBJ_COST) {
        money(f, in, s->objective);
        fputs("/yr; best bound: ", f);
        money(f, in, s->bound);
        fputs("/yr", f);
    } else {
        /* region.objective (docs/model.md 9.5): emissions, or a count of elements */
        const char *unit = in->objective == SNP_OBJ_CO2 ? " t CO2e/yr" : "";
        fputs(in->objective == SNP_OBJ_CO2 ? "least emissions, " : "most different layout, ", f);
        amount(f, s->objective, 2);
        fprintf(f, "%s; best bound: ", unit);
        amount(f, s->bound, 2);
        fputs(unit, f);
    }
    fputs("</li><li>gap: ", f);
    if (isfinite(s->gap))
        fprintf(f, "%.4g%% (tolerance %.4g%%)", 100 * s->gap, 100 * s->mip_gap_tolerance);
    else
        fputs("unknown", f);
    fprintf(f, "</li><li>solve time: %.2f s</li><li>solver: ", s->time_s);
    esc(f, s->message);
    fputs("</li>", f);
    if (s->has_unconstrained) {
        fputs("<li>fairness imposed: no partner pays more than alone; this costs the region ", f);
        money(f, in, s->objective - s->unconstrained_objective);
        fputs("/yr (unconstrained optimum ", f);
        money(f, in, s->unconstrained_objective);
        fputs("/yr)</li>", f);
    }
    fputs("</ul>\n", f);
}

sn_status sn_report_write_html(const sn_result *r, FILE *f)
{
    const sn_instance *in = r->in;
    const sn_model *m = r->m;
    const sn_solution *s = r->s;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    esc(f, in->name);
    fprintf(f, " &#8212; symnet report</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
            snp_html_css());
    esc(f, in->name);
    fprintf(f,
            "</h1>\n<p class=\"note\">Industrial symbiosis network designed by symnet %s. "
            "Status: <strong>%s</strong>.</p>\n",
            SN_VERSION, sn_solution_status_name(s->status));
    fputs("<h2>Headline</h2>\n", f);
    write_headline(f, in, &r->g, &r->h);
    fputs("<h2>Map of the network</h2>\n", f);
    sn_status st = write_maps(f, in, m, &r->g, r->p, r->junction_used);
    fputs("<h2>Annual cost against business as usual</h2>\n", f);
    write_cost_chart(f, in, &r->g);
    fputs("<h2>Money</h2>\n", f);
    write_money(f, in, &r->h, r);
    fputs("<h2>Jobs</h2>\n", f);
    write_jobs(f, in, &r->g, &r->h);
    fputs("<h2>What each partner pays and gains</h2>\n", f);
    write_partners(f, in, r->negotiated, r->p, s);
    snp_html_write_allocation(f, r);
    fputs("<h2>What is built</h2>\n", f);
    write_capital(f, in, &r->h);
    write_links(f, in, m, &r->g);
    snp_ways_write_zones_html(f, r);
    snp_periods_write_html(f, r);
    fputs("<h2>Assumptions</h2>\n", f);
    write_assumptions(f, in);
    fputs("<h2>Solver</h2>\n", f);
    write_status(f, in, s);
    fputs("</body>\n</html>\n", f);
    if (st != SN_OK)
        return st;
    return ferror(f) ? SN_EIO : SN_OK;
}
