/*
 * compare_html.c - the comparison of two networks (sn_comparison) as one self-contained HTML
 * page: the headline figures under A and B with B - A, both networks on one map (links only in
 * A, only in B, in both unchanged and in both changed, each in its own style, with a legend),
 * and the tables of what changed and of every partner's cost. Inline CSS and SVG only, drawn
 * with the shared map pieces of svgmap.c (the same projection, frame and symbols as the report
 * of one solution). Every string from the files is HTML-escaped.
 * Stage: sn_comparison -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ESC snp_html_esc

/* How a link is drawn on the map of both networks. */
typedef struct link_style {
    const char *cls, *stroke, *width, *dash, *legend;
} link_style;

static const link_style STYLES[4] = {
    {"link-a", "#d62728", "3", "6 4", "only in A (removed)"},
    {"link-b", "#2ca02c", "4", NULL, "only in B (added)"},
    {"link-both", "#555", "2.5", NULL, "in both, unchanged"},
    {"link-changed", "#1f77b4", "3", "2 2", "in both, resized or flow changed"},
};

static const link_style *style_of(const snp_cmp_link *x)
{
    switch (x->kind) {
    case SNP_CMP_REMOVED:
        return &STYLES[0];
    case SNP_CMP_ADDED:
        return &STYLES[1];
    case SNP_CMP_RESIZED:
    case SNP_CMP_FLOW:
        return &STYLES[3];
    case SNP_CMP_COST:
    case SNP_CMP_SAME:
        return &STYLES[2];
    }
    return &STYLES[2];
}

/* Fill of a facility or hub: in the network in both, only in A, only in B, or in neither. */
static const char *node_fill(const snp_cmp_node *v)
{
    if (v->in[0] && v->in[1])
        return v->kind == SNP_CMP_HUB ? "#f2c14e" : "#333";
    if (v->in[0])
        return "#f4a3a3";
    if (v->in[1])
        return "#9fd89f";
    return "#fff";
}

static void flow_text(FILE *f, const snp_cmp_link *x, int s)
{
    if (!x->in[s]) {
        fputs("not built", f);
        return;
    }
    fprintf(f, "%.6g ", x->flow[s]);
    ESC(f, x->unit);
    fputs("/yr", f);
}

/* One map of both networks framed on the nodes marked in focus (all when legend is set). */
static void write_map(FILE *f, const sn_comparison *c, const snp_point *pts, const char *focus,
                      int legend)
{
    snp_map_frame fr;
    snp_point *sel = snp_calloc((size_t)c->n_nodes + 1, sizeof *sel);
    int n = 0;
    for (int k = 0; sel && k < c->n_nodes; k++)
        if (focus[k])
            sel[n++] = pts[k];
    snp_map_frame_make(&fr, c->lonlat, sel ? sel : pts, sel ? n : c->n_nodes);
    snp_free(sel);
    snp_map_begin(f, legend ? "map" : "map-detail",
                  legend ? "map of both networks" : "detail of the core of both networks",
                  legend ? SNP_MAP_H + 62 : SNP_MAP_H);
    for (int pass = 0; pass < 2; pass++) /* links in both under those of one side */
        for (int k = 0; k < c->n_links; k++) {
            const snp_cmp_link *x = &c->links[k];
            if ((pass == 0) != (x->in[0] && x->in[1]))
                continue;
            const link_style *st = style_of(x);
            int t = snp_cmp_node_find(c, x->from), h = snp_cmp_node_find(c, x->to);
            snp_map_line_open(f, &fr, pts[t], pts[h], st->cls, st->stroke, st->width, st->dash, -1);
            ESC(f, x->resource);
            fprintf(f, " %s: ", x->mode);
            ESC(f, x->from);
            fputs(" &#8594; ", f);
            ESC(f, x->to);
            fputs(", A: ", f);
            flow_text(f, x, 0);
            fputs(", B: ", f);
            flow_text(f, x, 1);
            fputs("</title></line>\n", f);
        }
    snp_map_mark *marks = snp_calloc((size_t)c->n_nodes + 1, sizeof *marks);
    char *placed = snp_calloc((size_t)c->n_nodes + 1, 1);
    for (int k = 0; k < c->n_nodes; k++) {
        const snp_cmp_node *v = &c->nodes[k];
        double x, y;
        snp_map_to_px(&fr, pts[k], &x, &y);
        double r = SNP_MAP_FACILITY_R;
        int faint = 0;
        if (v->kind == SNP_CMP_FACILITY) {
            snp_map_facility(f, x, y, node_fill(v), v->id);
        } else if (v->kind == SNP_CMP_HUB) {
            r = SNP_MAP_HUB_R;
            faint = !v->in[0] && !v->in[1];
            snp_map_hub(f, x, y, node_fill(v), faint, v->id);
        } else {
            r = SNP_MAP_JUNCTION_R;
            snp_map_junction(f, x, y);
        }
        if (marks)
            marks[k] = (snp_map_mark){
                x, y, r, v->kind != SNP_CMP_JUNCTION && focus[k] ? v->id : NULL, faint};
    }
    /* without memory for the placement the map goes without labels; the tooltips remain */
    if (marks && placed && snp_map_labels(f, marks, c->n_nodes, placed) != SN_OK)
        memset(placed, 0, (size_t)c->n_nodes);
    snp_map_scale_bar(f, &fr);
    if (legend) {
        double ly = SNP_MAP_H + 20, lx = 10;
        fputs("<g class=\"legend\">", f);
        for (int s = 0; s < 4; s++) {
            fprintf(f,
                    "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" "
                    "stroke-width=\"%s\"%s%s%s/><text x=\"%.0f\" y=\"%.0f\">%s</text>",
                    lx, ly, lx + 22, ly, STYLES[s].stroke, STYLES[s].width,
                    STYLES[s].dash ? " stroke-dasharray=\"" : "",
                    STYLES[s].dash ? STYLES[s].dash : "", STYLES[s].dash ? "\"" : "", lx + 27,
                    ly + 4, STYLES[s].legend);
            lx += 40 + 6.5 * (double)strlen(STYLES[s].legend);
        }
        ly += 24;
        const char *fills[4] = {"#333", "#f4a3a3", "#9fd89f", "#fff"};
        const char *what[4] = {"facility in both networks", "only in A", "only in B", "in neither"};
        lx = 10;
        for (int s = 0; s < 4; s++) {
            fprintf(f,
                    "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"6\" fill=\"%s\" stroke=\"#222\"/>"
                    "<text x=\"%.0f\" y=\"%.0f\">%s</text>",
                    lx + 6, ly, fills[s], lx + 16, ly + 4, what[s]);
            lx += 36 + 6.5 * (double)strlen(what[s]);
        }
        fprintf(f,
                "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"#f2c14e\" "
                "stroke=\"#222\"/><text x=\"%.0f\" y=\"%.0f\">hub in both</text>",
                lx, ly - 6, lx + 18, ly + 4);
        fputs("</g>\n", f);
    }
    fputs("</svg>\n", f);
    if (legend)
        snp_map_note(f, &fr);
    if (marks && placed)
        snp_map_unlabelled_note(f, marks, c->n_nodes, placed);
    snp_free(marks);
    snp_free(placed);
}

static sn_status write_maps(FILE *f, const sn_comparison *c)
{
    if (!c->has_map) {
        fputs("<p class=\"note\">No map: the files do not give the location of every facility, "
              "hub and junction, or give them in different coordinates (solution files carry "
              "locations since symnet compare was added; solve again to get them).</p>\n",
              f);
        return SN_OK;
    }
    int n = c->n_nodes;
    snp_point *pts = snp_calloc((size_t)n + 1, sizeof *pts);
    char *all = snp_calloc((size_t)n + 1, 1), *core = snp_calloc((size_t)n + 1, 1);
    sn_status st = pts && all && core ? SN_OK : SN_ENOMEM;
    for (int k = 0; st == SN_OK && k < n; k++) {
        pts[k] = c->nodes[k].loc;
        all[k] = 1;
    }
    int has_core = 0;
    if (st == SN_OK) {
        write_map(f, c, pts, all, 1);
        st = snp_map_core(c->lonlat, pts, n, core, &has_core);
    }
    if (st == SN_OK && has_core) {
        fputs("<h3>Detail of the core</h3>\n", f);
        write_map(f, c, pts, core, 0);
    }
    snp_free(pts);
    snp_free(all);
    snp_free(core);
    return st;
}

static void cell(FILE *f, double v, int decimals, int sign)
{
    fputs("</td><td>", f);
    snp_html_amount(f, v, decimals, sign);
}

static void write_figures(FILE *f, const sn_comparison *c)
{
    fputs("<table id=\"figures\" class=\"num\"><thead><tr><th>figure</th><th>A</th><th>B</th>"
          "<th>B &minus; A</th><th>unit</th></tr></thead><tbody>\n",
          f);
    for (int k = 0; k < c->n_figures; k++) {
        const snp_cmp_figure *x = &c->figures[k];
        int dec = x->money ? (fmax(fabs(x->v[0]), fabs(x->v[1])) >= 1000 ? 0 : 2) : 0;
        if (!x->money && fmax(fabs(x->v[0]), fabs(x->v[1])) < 100)
            dec = 2;
        fputs("<tr><td>", f);
        ESC(f, x->label);
        cell(f, x->v[0], dec, 0);
        cell(f, x->v[1], dec, 0);
        cell(f, x->change, dec, 1);
        fputs("</td><td>", f);
        ESC(f, x->unit);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void write_links(FILE *f, const sn_comparison *c)
{
    fputs("<table id=\"links\" class=\"num\"><thead><tr><th>link</th><th>change</th>"
          "<th>flow in A</th><th>flow in B</th><th>size in A</th><th>size in B</th>"
          "<th>annual cost in A</th><th>annual cost in B</th></tr></thead><tbody>\n",
          f);
    for (int k = 0; k < c->n_links; k++) {
        const snp_cmp_link *x = &c->links[k];
        fprintf(f, "<tr class=\"%s\"><td>", style_of(x)->cls);
        ESC(f, x->resource);
        fprintf(f, " %s ", x->mode);
        ESC(f, x->from);
        fputs(" &#8594; ", f);
        ESC(f, x->to);
        fprintf(f, "</td><td>%s", snp_cmp_kind_name(x->kind));
        cell(f, x->flow[0], 0, 0);
        cell(f, x->flow[1], 0, 0);
        cell(f, x->size_capacity[0], 0, 0);
        cell(f, x->size_capacity[1], 0, 0);
        cell(f, x->annual_cost[0], 0, 0);
        cell(f, x->annual_cost[1], 0, 0);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    if (c->n_hubs) {
        fputs("<table id=\"hubs\" class=\"num\"><thead><tr><th>hub</th><th>change</th>"
              "<th>capacity in A</th><th>capacity in B</th><th>processed in A</th>"
              "<th>processed in B</th><th>capital in A</th><th>capital in B</th></tr></thead>"
              "<tbody>\n",
              f);
        for (int k = 0; k < c->n_hubs; k++) {
            const snp_cmp_hub *x = &c->hubs[k];
            fputs("<tr><td>", f);
            ESC(f, x->id);
            fprintf(f, "</td><td>%s", snp_cmp_kind_name(x->kind));
            for (int q = 0; q < 3; q++)
                for (int s = 0; s < 2; s++)
                    cell(f,
                         q == 0   ? x->capacity[s]
                         : q == 1 ? x->processed[s]
                                  : x->capital[s],
                         0, 0);
            fputs("</td></tr>\n", f);
        }
        fputs("</tbody></table>\n", f);
    }
    if (c->n_corridors) {
        fputs("<table id=\"corridors\" class=\"num\"><thead><tr><th>corridor</th><th>change</th>"
              "<th>capital in A</th><th>capital in B</th></tr></thead><tbody>\n",
              f);
        for (int k = 0; k < c->n_corridors; k++) {
            const snp_cmp_corridor *x = &c->corridors[k];
            fputs("<tr><td>", f);
            ESC(f, x->id);
            fprintf(f, "</td><td>%s", snp_cmp_kind_name(x->kind));
            cell(f, x->capital[0], 0, 0);
            cell(f, x->capital[1], 0, 0);
            fputs("</td></tr>\n", f);
        }
        fputs("</tbody></table>\n", f);
    }
}

static void write_partners(FILE *f, const sn_comparison *c)
{
    fputs("<table id=\"partners\" class=\"num\"><thead><tr><th>facility</th><th>alone in A</th>"
          "<th>in A</th><th>alone in B</th><th>in B</th><th>B &minus; A</th><th></th></tr>"
          "</thead><tbody>\n",
          f);
    for (int k = 0; k < c->n_partners; k++) {
        const snp_cmp_partner *x = &c->partners[k];
        fprintf(f, "<tr%s><td>", x->worse_off[1] ? " class=\"worse\"" : "");
        ESC(f, x->name);
        cell(f, x->bau[0], 0, 0);
        cell(f, x->cost[0], 0, 0);
        cell(f, x->bau[1], 0, 0);
        cell(f, x->cost[1], 0, 0);
        cell(f, x->change, 0, 1);
        fprintf(f, "</td><td>%s%s</td></tr>\n",
                !x->in[0]   ? "only in B"
                : !x->in[1] ? "only in A"
                            : "",
                x->worse_off[1] ? "worse off than alone in B" : "");
    }
    fprintf(f,
            "</tbody></table>\n<p class=\"note\">Per year, in %s: what each facility pays in "
            "each network (disposal, purchases, the links it receives and its share of what is "
            "shared: docs/model.md section 12), and alone (business as usual).</p>\n",
            c->currency);
}

sn_status sn_report_write_compare_html(const sn_comparison *c, FILE *f)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    ESC(f, c->region[0]);
    fprintf(f, " &#8212; symnet comparison</title>\n<style>\n%s</style>\n</head>\n<body>\n",
            snp_html_css());
    fputs("<h1>Comparison: ", f);
    ESC(f, c->region[0]);
    if (strcmp(c->region[0], c->region[1]) != 0) {
        fputs(" and ", f);
        ESC(f, c->region[1]);
    }
    fputs("</h1>\n<ul class=\"facts\">", f);
    for (int s = 0; s < 2; s++) {
        fprintf(f, "<li>%s: <code>", s ? "B" : "A");
        ESC(f, c->file[s]);
        fputs("</code>, ", f);
        ESC(f, c->region[s]);
        fputs(", status <strong>", f);
        ESC(f, c->status[s]);
        fputs("</strong></li>", f);
    }
    for (int k = 0; k < c->n_warnings; k++) {
        fputs("<li>warning: ", f);
        ESC(f, c->warnings[k]);
        fputs("</li>", f);
    }
    fprintf(f, "</ul>\n<p class=\"note\">Made by symnet %s. Changes are B minus A.</p>\n",
            SN_VERSION);
    fputs("<h2>Headline figures</h2>\n", f);
    write_figures(f, c);
    fputs("<h2>Both networks on one map</h2>\n", f);
    sn_status st = write_maps(f, c);
    fputs("<h2>What changed</h2>\n", f);
    write_links(f, c);
    fputs("<h2>What each partner pays</h2>\n", f);
    write_partners(f, c);
    fputs("</body>\n</html>\n", f);
    if (st != SN_OK)
        return st;
    return ferror(f) ? SN_EIO : SN_OK;
}
