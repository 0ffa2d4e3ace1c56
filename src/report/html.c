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
                  legend ? SNP_MAP_H + 30 + 18 * legend_rows(in, m, g) : SNP_MAP_H);
    for (int i = 0; i < g->n_links; i++) {
        const snp_built_link *b = &g->links[i];
        const snp_link *l = snp_model_link(m, b->link);
        snp_map_line_open(f, &fr, snp_node_loc(in, l->tail), snp_node_loc(in, l->head), "link",
                          snp_map_color(l->resource), l->mode == SNP_MODE_PIPE ? "3" : "2",
                          l->mode == SNP_MODE_TRUCK ? "7 4" : NULL, snp_map_marker(l->resource));
        esc(f, in->resources[l->resource].id);
        fputs(": ", f);
        esc(f, snp_node_id(in, l->tail));
        fputs(" &#8594; ", f);
        esc(f, snp_node_id(in, l->head));
        fprintf(f, ", %.6g ", b->flow);
        esc(f, in->resources[l->resource].unit);
        fputs("/yr</title></line>\n", f);
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
    snp_map_markers(f);
    fputs("</svg>\n", f);
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
    write_headline(f, in, &r->g);
    fputs("<h2>Map of the network</h2>\n", f);
    sn_status st = write_maps(f, in, m, &r->g, r->p, r->junction_used);
    fputs("<h2>Annual cost against business as usual</h2>\n", f);
    write_cost_chart(f, in, &r->g);
    fputs("<h2>What each partner pays and gains</h2>\n", f);
    write_partners(f, in, r->negotiated, r->p, s);
    fputs("<h2>What is built</h2>\n", f);
    write_links(f, in, m, &r->g);
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
