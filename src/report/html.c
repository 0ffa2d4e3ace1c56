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

#define PI 3.14159265358979323846
#define MAP_W 760.0
#define MAP_H 480.0
#define MAP_PAD 40.0

static const char *const PALETTE[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                                      "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};
#define N_PALETTE (sizeof PALETTE / sizeof PALETTE[0])

static void esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

/* v with `decimals` digits and thin-space thousands separators; "–" when unknown. */
static void amount(FILE *f, double v, int decimals)
{
    if (!isfinite(v)) {
        fputs("&ndash;", f);
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, fabs(v));
    if (fabs(v) >= 0.5 * pow(10, -decimals) && v < 0)
        fputs("&minus;", f);
    const char *dot = strchr(buf, '.');
    size_t int_len = dot ? (size_t)(dot - buf) : strlen(buf);
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            fputs("&#8201;", f);
        fputc(buf[i], f);
    }
    if (dot)
        fputs(dot, f);
}

static void money(FILE *f, const sn_instance *in, double v)
{
    amount(f, v, fabs(v) >= 1000 ? 0 : 2);
    fputs(" ", f);
    esc(f, in->currency);
}

static const char *color_of(int resource)
{
    return PALETTE[(size_t)resource % N_PALETTE];
}

/* ---- map ------------------------------------------------------------------------------ */

typedef struct frame {
    double x0, y0, scale; /* km of the projected plane -> px */
    double lat0;          /* lonlat: reference latitude of the projection */
    int lonlat;
    double min_x, max_x, min_y, max_y; /* km */
} frame;

/* Equirectangular projection to km around the map's mean latitude (to scale within a region). */
static void project(const frame *fr, snp_point p, double *x_km, double *y_km)
{
    if (fr->lonlat) {
        double k = 6371.0088 * PI / 180.0;
        *x_km = p.x * k * cos(fr->lat0 * PI / 180.0);
        *y_km = p.y * k;
    } else {
        *x_km = p.x;
        *y_km = p.y;
    }
}

static void to_px(const frame *fr, snp_point p, double *px, double *py)
{
    double x, y;
    project(fr, p, &x, &y);
    *px = fr->x0 + (x - fr->min_x) * fr->scale;
    *py = fr->y0 + (fr->max_y - y) * fr->scale;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int node_shown(const sn_instance *in, const snp_figures *g, const int *used, int node)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY:
        return 1;
    case SNP_NODE_HUB:
        return g->has_network && g->hub_size[i] >= 0;
    case SNP_NODE_JUNCTION:
        return used[i];
    }
    return 0;
}

static void make_frame(const sn_instance *in, const char *mask, frame *fr)
{
    memset(fr, 0, sizeof *fr);
    fr->lonlat = in->coords == SNP_COORDS_LONLAT;
    int nn = snp_node_count(in), n = 0;
    double lat = 0;
    for (int v = 0; v < nn; v++)
        if (mask[v]) {
            lat += snp_node_loc(in, v).y;
            n++;
        }
    fr->lat0 = n ? lat / n : 0;
    fr->min_x = fr->min_y = INFINITY;
    fr->max_x = fr->max_y = -INFINITY;
    for (int v = 0; v < nn; v++) {
        if (!mask[v])
            continue;
        double x, y;
        project(fr, snp_node_loc(in, v), &x, &y);
        fr->min_x = fmin(fr->min_x, x);
        fr->max_x = fmax(fr->max_x, x);
        fr->min_y = fmin(fr->min_y, y);
        fr->max_y = fmax(fr->max_y, y);
    }
    if (!n)
        fr->min_x = fr->min_y = fr->max_x = fr->max_y = 0;
    double w = fr->max_x - fr->min_x, h = fr->max_y - fr->min_y;
    double span = fmax(fmax(w, h), 1e-3);
    double sx = (MAP_W - 2 * MAP_PAD) / fmax(w, span * 1e-3);
    double sy = (MAP_H - 2 * MAP_PAD) / fmax(h, span * 1e-3);
    fr->scale = fmin(sx, sy);
    fr->x0 = (MAP_W - w * fr->scale) / 2;
    fr->y0 = (MAP_H - h * fr->scale) / 2;
}

/* A round length (1, 2 or 5 times a power of ten) near a fifth of the map's width. */
static double nice_km(double km)
{
    double p = pow(10, floor(log10(km)));
    double m = km / p;
    return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/* Resource r is carried by a built link. */
static int carried(const sn_model *m, const snp_figures *g, int r)
{
    for (int i = 0; i < g->n_links; i++)
        if (snp_model_link(m, g->links[i].link)->resource == r)
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
        if (lx > 10 && lx + width > MAP_W) {
            lx = 10;
            rows++;
        }
        lx += width;
    }
    return rows;
}

/* One map: every shown node and built link, framed on the nodes of `focus`; the main map
 * (legend set) frames them all, a detail map frames a dense core. */
static void write_map(FILE *f, const sn_instance *in, const sn_model *m, const snp_figures *g,
                      const snp_partner *p, const char *shown, const char *focus, int legend)
{
    frame fr;
    make_frame(in, focus, &fr);
    fprintf(f,
            "<svg id=\"%s\" class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
            "%.0f %.0f\" role=\"img\" aria-label=\"%s\">\n",
            legend ? "map" : "map-detail", MAP_W,
            legend ? MAP_H + 30 + 18 * legend_rows(in, m, g) : MAP_H,
            legend ? "map of the network" : "detail of the network's core");
    fprintf(f,
            "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#f7f9fb\" "
            "stroke=\"#ccd\"/>\n",
            MAP_W, MAP_H);
    for (int i = 0; i < g->n_links; i++) {
        const snp_built_link *b = &g->links[i];
        const snp_link *l = snp_model_link(m, b->link);
        double x1, y1, x2, y2;
        to_px(&fr, snp_node_loc(in, l->tail), &x1, &y1);
        to_px(&fr, snp_node_loc(in, l->head), &x2, &y2);
        fprintf(f,
                "<line class=\"link\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                "stroke=\"%s\" stroke-width=\"%s\"%s marker-end=\"url(#arrow%d)\"><title>",
                x1, y1, x2, y2, color_of(l->resource), l->mode == SNP_MODE_PIPE ? "3" : "2",
                l->mode == SNP_MODE_TRUCK ? " stroke-dasharray=\"7 4\"" : "",
                (int)((size_t)l->resource % N_PALETTE));
        esc(f, in->resources[l->resource].id);
        fputs(": ", f);
        esc(f, snp_node_id(in, l->tail));
        fputs(" &#8594; ", f);
        esc(f, snp_node_id(in, l->head));
        fprintf(f, ", %.6g ", b->flow);
        esc(f, in->resources[l->resource].unit);
        fputs("/yr</title></line>\n", f);
    }
    int nn = snp_node_count(in);
    for (int v = 0; v < nn; v++) {
        if (!shown[v])
            continue;
        double x, y;
        int i;
        to_px(&fr, snp_node_loc(in, v), &x, &y);
        snp_node_kind k = snp_node_kind_of(in, v, &i);
        if (k == SNP_NODE_FACILITY)
            fprintf(f,
                    "<circle class=\"facility\" cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\" "
                    "stroke=\"#222\"/>\n",
                    x, y,
                    p[i].worse_off      ? "#e4572e"
                    : p[i].participates ? "#333"
                                        : "#fff");
        else if (k == SNP_NODE_HUB)
            fprintf(f,
                    "<rect class=\"hub\" x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" "
                    "fill=\"#f2c14e\" stroke=\"#222\"/>\n",
                    x - 7, y - 7);
        else
            fprintf(f,
                    "<circle class=\"junction\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
                    "fill=\"#555\"/>\n",
                    x, y);
        if (k != SNP_NODE_JUNCTION && focus[v]) {
            fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"label\">", x + 9, y - 8);
            esc(f, snp_node_id(in, v));
            fputs("</text>\n", f);
        }
    }
    /* scale bar */
    double span_km = (MAP_W - 2 * MAP_PAD) / fr.scale;
    double bar_km = nice_km(span_km / 5), bar_px = bar_km * fr.scale;
    fprintf(f,
            "<g class=\"scale\"><line x1=\"20\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" "
            "stroke=\"#000\" stroke-width=\"3\"/><text x=\"20\" y=\"%.0f\">%.6g km</text></g>\n",
            MAP_H - 14, 20 + bar_px, MAP_H - 14, MAP_H - 20, bar_km);
    if (!legend) {
        fputs("</svg>\n", f);
        return;
    }
    /* legend */
    double lx = 10, ly = MAP_H + 20;
    fputs("<g class=\"legend\">", f);
    for (int r = 0; r < in->n_resources; r++) {
        if (!carried(m, g, r))
            continue;
        double width = 40 + 7.5 * (double)strlen(in->resources[r].name);
        if (lx > 10 && lx + width > MAP_W) {
            lx = 10;
            ly += 18;
        }
        fprintf(f,
                "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" "
                "stroke-width=\"3\"/><text x=\"%.0f\" y=\"%.0f\">",
                lx, ly, lx + 22, ly, color_of(r), lx + 27, ly + 4);
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
            "<text x=\"573\" y=\"%.0f\">junction</text></g>\n",
            ly, ly, ly + 4, ly, ly, ly + 4, ly, ly + 4, ly, ly + 4, ly, ly + 4, ly - 6, ly + 4, ly,
            ly + 4);
    fputs("<defs>", f);
    for (size_t c = 0; c < N_PALETTE; c++)
        fprintf(f,
                "<marker id=\"arrow%zu\" viewBox=\"0 0 10 10\" refX=\"16\" refY=\"5\" "
                "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 "
                "z\" fill=\"%s\"/></marker>",
                c, PALETTE[c]);
    fputs("</defs>\n</svg>\n", f);
    fprintf(f,
            "<p class=\"note\">Drawn to scale (%s); links are straight lines between their "
            "ends.</p>\n",
            fr.lonlat ? "equirectangular projection about the region's mean latitude"
                      : "planar km coordinates");
}

/* The maps: all of the network, and when a few distant partners squeeze the rest into a corner,
 * a detail of the core (the nodes within 3 median distances of the median position) whose
 * extent is under a quarter of the whole. */
static sn_status write_maps(FILE *f, const sn_instance *in, const sn_model *m, const snp_figures *g,
                            const snp_partner *p, const int *used)
{
    int nn = snp_node_count(in), n = 0;
    char *shown = snp_calloc((size_t)nn + 1, 1), *core = snp_calloc((size_t)nn + 1, 1);
    double *xs = snp_calloc((size_t)nn + 1, sizeof(double));
    double *ys = snp_calloc((size_t)nn + 1, sizeof(double));
    double *d = snp_calloc((size_t)nn + 1, sizeof(double));
    if (!shown || !core || !xs || !ys || !d) {
        snp_free(shown);
        snp_free(core);
        snp_free(xs);
        snp_free(ys);
        snp_free(d);
        return SN_ENOMEM;
    }
    for (int v = 0; v < nn; v++)
        shown[v] = (char)node_shown(in, g, used, v);
    write_map(f, in, m, g, p, shown, shown, 1);
    frame fr;
    make_frame(in, shown, &fr);
    for (int v = 0; v < nn; v++)
        if (shown[v]) {
            project(&fr, snp_node_loc(in, v), &xs[n], &ys[n]);
            n++;
        }
    if (n >= 4) {
        double *tmp = d;
        for (int i = 0; i < n; i++)
            tmp[i] = xs[i];
        qsort(tmp, (size_t)n, sizeof *tmp, cmp_double);
        double mx = tmp[n / 2];
        for (int i = 0; i < n; i++)
            tmp[i] = ys[i];
        qsort(tmp, (size_t)n, sizeof *tmp, cmp_double);
        double my = tmp[n / 2];
        for (int i = 0; i < n; i++)
            tmp[i] = hypot(xs[i] - mx, ys[i] - my);
        qsort(tmp, (size_t)n, sizeof *tmp, cmp_double);
        double radius = 3 * tmp[n / 2];
        int k = 0, in_core = 0;
        double lo_x = INFINITY, hi_x = -INFINITY, lo_y = INFINITY, hi_y = -INFINITY;
        for (int v = 0; v < nn; v++) {
            if (!shown[v])
                continue;
            if (hypot(xs[k] - mx, ys[k] - my) <= radius) {
                core[v] = 1;
                in_core++;
                lo_x = fmin(lo_x, xs[k]);
                hi_x = fmax(hi_x, xs[k]);
                lo_y = fmin(lo_y, ys[k]);
                hi_y = fmax(hi_y, ys[k]);
            }
            k++;
        }
        double whole = fmax(fr.max_x - fr.min_x, fr.max_y - fr.min_y);
        double part = fmax(hi_x - lo_x, hi_y - lo_y);
        if (in_core >= 3 && in_core < n && part < 0.25 * whole) {
            fputs("<h3>Detail of the core</h3>\n", f);
            write_map(f, in, m, g, p, shown, core, 0);
        }
    }
    snp_free(shown);
    snp_free(core);
    snp_free(xs);
    snp_free(ys);
    snp_free(d);
    return SN_OK;
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

/* Water in m3 and energy in MWh, from the resource's unit; -1 when it is neither. */
static double water_m3(const char *unit)
{
    return strcmp(unit, "m3") == 0 ? 1 : strcmp(unit, "L") == 0 ? 1e-3 : -1;
}

static double energy_mwh(const char *unit)
{
    return strcmp(unit, "MWh") == 0   ? 1
           : strcmp(unit, "kWh") == 0 ? 1e-3
           : strcmp(unit, "GJ") == 0  ? 1 / 3.6
                                      : -1;
}

static void card(FILE *f, const char *label)
{
    fprintf(f, "<div class=\"card\"><div class=\"label\">%s</div><div class=\"value\">", label);
}

static void write_headline(FILE *f, const sn_instance *in, const snp_figures *g)
{
    int net = g->has_network, bau = g->bau_feasible;
    double savings = net && bau ? g->bau.total - g->cost.total : NAN;
    double before_capital = savings + g->cost.capital; /* annual savings before capital */
    double n = in->lifetime_yr, crf = snp_crf(in->discount_rate, n);
    double npv = before_capital / crf - g->capital_total;
    double payback = before_capital > 0 ? g->capital_total / before_capital : INFINITY;
    fputs("<section class=\"cards\" id=\"headline\">\n", f);
    card(f, "annual savings");
    money(f, in, savings);
    fputs("/yr</div></div>\n", f);
    card(f, "capital cost");
    money(f, in, net ? g->capital_total : NAN);
    fputs("</div></div>\n", f);
    card(f, "net present value");
    money(f, in, net && bau ? npv : NAN);
    fprintf(f, "</div><div class=\"sub\">%.6g years at %.4g%%</div></div>\n", n,
            100 * in->discount_rate);
    card(f, "simple payback");
    if (net && bau && isfinite(payback))
        fprintf(f, "%.1f years", payback);
    else if (net && bau && g->capital_total == 0)
        fputs("immediate", f);
    else
        fputs("never", f);
    fputs("</div></div>\n", f);
    card(f, "CO<sub>2</sub> avoided");
    amount(f, net && bau ? g->bau_co2_t_per_yr - g->co2_t_per_yr : NAN, 0);
    fputs(" t CO<sub>2</sub>e/yr</div></div>\n", f);
    double water = 0, energy = 0, mass = 0;
    for (int r = 0; r < in->n_resources; r++) {
        const char *u = in->resources[r].unit;
        if (water_m3(u) > 0)
            water += g->replaced[r] * water_m3(u);
        if (energy_mwh(u) > 0)
            energy += g->replaced[r] * energy_mwh(u);
        if (strcmp(u, "t") == 0 || strcmp(u, "kg") == 0)
            mass += g->diverted[r] * (u[0] == 'k' ? 1e-3 : 1);
    }
    card(f, "waste diverted");
    amount(f, net ? mass : NAN, 0);
    fputs(" t/yr</div></div>\n", f);
    card(f, "water recovered");
    amount(f, net ? water : NAN, 0);
    fputs(" m<sup>3</sup>/yr</div></div>\n", f);
    card(f, "energy recovered");
    amount(f, net ? energy : NAN, 0);
    fputs(" MWh/yr</div></div>\n", f);
    fputs("</section>\n", f);
    fprintf(f,
            "<p class=\"note\">Savings are business as usual minus the network's annual cost "
            "(capital annualised at the region's discount rate over each asset's life). Net "
            "present value: the annual savings before capital charges, discounted over %.6g "
            "years at %.4g%%, minus the capital. Payback: capital divided by those savings. "
            "Waste diverted counts supplies in t or kg that are no longer disposed of; water "
            "and energy recovered count virgin water (m<sup>3</sup>, L) and energy (MWh, kWh, "
            "GJ) replaced by the network.</p>\n",
            n, 100 * in->discount_rate);
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
                       : "split in proportion to use (deliveries, else supplies)");
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
                color_of(l->resource));
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
        fprintf(f, "</td><td>%s%.3g / %s%.3g</td></tr>\n", "",
                res->has_pipe ? res->pipe.co2_per_unit_km : NAN, "",
                res->has_truck ? res->truck.co2_per_unit_km : NAN);
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
    money(f, in, s->objective);
    fputs("/yr; best bound: ", f);
    money(f, in, s->bound);
    fputs("/yr</li><li>gap: ", f);
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

static const char CSS[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "color:#1d2330;margin:0 auto;max-width:960px;padding:24px;line-height:1.4}\n"
    "h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;border-bottom:2px solid #dde;"
    "padding-bottom:3px;margin-top:28px}\n"
    ".cards{display:grid;grid-template-columns:repeat(4,1fr);gap:10px}\n"
    ".card{border:1px solid #d6dbe6;border-radius:6px;padding:8px 10px;background:#f7f9fb}\n"
    ".card .label{font-size:.8em;color:#556;text-transform:uppercase;letter-spacing:.04em}\n"
    ".card .value{font-size:1.25em;font-weight:600}.card .sub{font-size:.8em;color:#556}\n"
    "table{border-collapse:collapse;width:100%;margin:8px 0;font-size:.9em}\n"
    "th,td{border-bottom:1px solid #e3e6ee;padding:3px 6px;text-align:left}\n"
    "table.num td+td{text-align:right;white-space:nowrap}th{background:#eef1f6}\n"
    "tr.worse td{background:#fde4dc}tr.total td{font-weight:600}\n"
    ".swatch{display:inline-block;width:10px;height:10px;margin-right:5px}\n"
    "h3{font-size:1em;margin:14px 0 4px}svg{width:100%;height:auto;font-size:12px}svg "
    ".label{font-size:12px;"
    "paint-order:stroke;stroke:#fff;stroke-width:3px}\n"
    ".note{font-size:.85em;color:#445}.facts li{margin:2px 0}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}"
    "section,svg,table,tr,.card{break-inside:avoid;page-break-inside:avoid}"
    "h2{break-after:avoid;page-break-after:avoid}"
    ".card,th,tr.worse td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "@page{size:A4;margin:14mm}\n";

sn_status sn_report_write_html(const sn_result *r, FILE *f)
{
    const sn_instance *in = r->in;
    const sn_model *m = r->m;
    const sn_solution *s = r->s;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    esc(f, in->name);
    fprintf(f, " &#8212; symnet report</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", CSS);
    esc(f, in->name);
    fprintf(f,
            "</h1>\n<p class=\"note\">Industrial symbiosis network designed by symnet %s. "
            "Status: <strong>%s</strong>.</p>\n",
            SN_VERSION, sn_solution_status_name(s->status));
    fputs("<h2>Headline</h2>\n", f);
    write_headline(f, in, &r->g);
    fputs("<h2>Map of the network</h2>\n", f);
    sn_status st = write_maps(f, in, m, &r->g, r->p, r->junction_used);
    fputs("<h2>Annual cost against business as usual</h2>\n", f);
    write_cost_chart(f, in, &r->g);
    fputs("<h2>What each partner pays and gains</h2>\n", f);
    write_partners(f, in, r->negotiated, r->p, s);
    fputs("<h2>What is built</h2>\n", f);
    write_links(f, in, m, &r->g);
    fputs("<h2>Assumptions</h2>\n", f);
    write_assumptions(f, in);
    fputs("<h2>Solver</h2>\n", f);
    write_status(f, in, s);
    fputs("</body>\n</html>\n", f);
    if (st != SN_OK)
        return st;
    return ferror(f) ? SN_EIO : SN_OK;
}

/* ---- shared with the other HTML pages of src/report (screen.c) ---------------------------- */

void snp_html_esc(FILE *f, const char *s)
{
    esc(f, s);
}

void snp_html_amount(FILE *f, double v, int decimals)
{
    amount(f, v, decimals);
}

const char *snp_html_css(void)
{
    return CSS;
}
