/*
 * ways.c - the routes over the ways in a solution file (issue 18; docs/outputs.md "Routes and
 * trenches"): each built link's "route" (the trench ids it runs in or drives along, tail to
 * head) and the top-level "trenches": every trench some built link uses, once, with its way,
 * class, length, geometry, capital and whether it is dug (a pipe built runs in it). Stage:
 * sn_result -> [report]; reads the result's figures and the links' data, never columns.
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const CLASS_NAMES[] = {"street", "arterial", "rail", "utility", "corridor"};

void snp_ways_write_route(FILE *f, const sn_instance *in, const snp_link *l)
{
    if (!l->route)
        return;
    fputs(", \"route\": [", f);
    for (int i = 0; i < l->n_route; i++) {
        if (i)
            fputs(", ", f);
        snp_json_string(f, in->trenches[l->route[i]].id);
    }
    fputs("]", f);
}

void snp_ways_write_json(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_figures *g = &r->g;
    if (in->n_trenches == 0)
        return;
    fputs("  \"trenches\": [", f);
    int first = 1;
    for (int t = 0; t < in->n_trenches; t++) {
        if (!g->has_network || !g->trench_use[t])
            continue;
        const snp_trench *tr = &in->trenches[t];
        fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ", f);
        first = 0;
        snp_json_string(f, tr->id);
        int way = tr->way >= 0 ? tr->way : tr->reaches;
        fputs(", \"way\": ", f);
        if (way >= 0)
            snp_json_string(f, in->ways[way].id);
        else
            fputs("null", f);
        fputs(", \"class\": ", f);
        snp_json_string(f, tr->way >= 0 ? CLASS_NAMES[in->ways[tr->way].cls] : "service");
        if (tr->node >= 0) {
            fputs(", \"serves\": ", f);
            snp_json_string(f, snp_node_id(in, tr->node));
        }
        if (tr->zone >= 0) {
            fputs(", \"zone\": ", f);
            snp_json_string(f, in->zones[tr->zone].id);
        }
        fputs(", \"length_km\": ", f);
        snp_json_number(f, tr->length_km);
        fprintf(f, ", \"dug\": %s, \"capital\": ", g->trench_use[t] == 2 ? "true" : "false");
        snp_json_number(f, tr->capital);
        fputs(", \"points\": [", f);
        for (int i = 0; i < tr->n_pts; i++) {
            fputs(i ? ", [" : "[", f);
            snp_json_number(f, tr->pts[i].x);
            fputs(", ", f);
            snp_json_number(f, tr->pts[i].y);
            fputs("]", f);
        }
        fputs("]}", f);
    }
    fputs(first ? "],\n" : "\n  ],\n", f);
}

/* ---- maps: links along their routes, each trench once, zones shaded ----------------------- */

static double d2(snp_point a, snp_point b)
{
    return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
}

int snp_ways_route_points(const sn_instance *in, const snp_link *l, snp_ways_point_fn fn, void *ctx)
{
    snp_point cur = snp_node_loc(in, l->tail);
    int n = 0;
    fn(ctx, cur, n++);
    for (int i = 0; l->route && i < l->n_route; i++) {
        const snp_trench *t = &in->trenches[l->route[i]];
        /* each trench in the direction the route runs: from its end nearer the route so far */
        int fwd = d2(t->pts[0], cur) <= d2(t->pts[t->n_pts - 1], cur);
        for (int k = 0; k < t->n_pts; k++) {
            snp_point p = t->pts[fwd ? k : t->n_pts - 1 - k];
            if (k == 0 && d2(p, cur) == 0)
                continue;
            fn(ctx, p, n++);
        }
        cur = t->pts[fwd ? t->n_pts - 1 : 0];
    }
    snp_point head = snp_node_loc(in, l->head);
    if (d2(head, cur) > 0 || n < 2)
        fn(ctx, head, n++);
    return n;
}

typedef struct gj_ctx {
    FILE *f;
} gj_ctx;

static void gj_point(void *ctx, snp_point p, int i)
{
    FILE *f = ((gj_ctx *)ctx)->f;
    fputs(i ? ", [" : "[", f);
    snp_json_number(f, p.x);
    fputs(", ", f);
    snp_json_number(f, p.y);
    fputs("]", f);
}

void snp_ways_geojson_line(FILE *f, const sn_instance *in, const snp_link *l)
{
    gj_ctx c = {f};
    (void)snp_ways_route_points(in, l, gj_point, &c);
}

void snp_ways_geojson_features(FILE *f, const sn_result *r, int *first)
{
    const sn_instance *in = r->in;
    const snp_figures *g = &r->g;
    gj_ctx c = {f};
    for (int t = 0; g->has_network && g->trench_use && t < in->n_trenches; t++) {
        const snp_trench *tr = &in->trenches[t];
        if (g->trench_use[t] != 2)
            continue;
        fputs(*first ? "\n    " : ",\n    ", f);
        *first = 0;
        fputs("{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [",
              f);
        for (int k = 0; k < tr->n_pts; k++)
            gj_point(&c, tr->pts[k], k);
        fputs("]}, \"properties\": {\"kind\": \"trench\", \"id\": ", f);
        snp_json_string(f, tr->id);
        fputs(", \"class\": ", f);
        snp_json_string(f, tr->way >= 0 ? CLASS_NAMES[in->ways[tr->way].cls] : "service");
        fputs(", \"length_km\": ", f);
        snp_json_number(f, tr->length_km);
        fputs(", \"capital\": ", f);
        snp_json_number(f, tr->capital);
        fputs("}}", f);
    }
    for (int z = 0; z < in->n_zones; z++) {
        const snp_zone *zo = &in->zones[z];
        fputs(*first ? "\n    " : ",\n    ", f);
        *first = 0;
        fputs("{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[",
              f);
        for (int k = 0; k < zo->n_pts; k++)
            gj_point(&c, zo->pts[k], k);
        fputs("]]}, \"properties\": {\"kind\": \"zone\", \"id\": ", f);
        snp_json_string(f, zo->id);
        if (zo->name) {
            fputs(", \"name\": ", f);
            snp_json_string(f, zo->name);
        }
        fprintf(f, ", \"trucks\": \"%s\", \"truck_km_surcharge\": ",
                zo->truck_ban ? "banned" : "allowed");
        snp_json_number(f, zo->truck_km_surcharge);
        fputs("}}", f);
    }
}

/* ---- the HTML map (svgmap.c's frame) ---------------------------------------------------- */

typedef struct svg_ctx {
    FILE *f;
    const snp_map_frame *fr;
} svg_ctx;

static void svg_point(void *ctx, snp_point p, int i)
{
    svg_ctx *c = ctx;
    double x, y;
    snp_map_to_px(c->fr, p, &x, &y);
    fprintf(c->f, "%s%.1f,%.1f", i ? " " : "", x, y);
}

void snp_ways_svg_under(FILE *f, const snp_map_frame *fr, const sn_instance *in,
                        const snp_figures *g)
{
    svg_ctx c = {f, fr};
    for (int z = 0; z < in->n_zones; z++) {
        const snp_zone *zo = &in->zones[z];
        fprintf(f,
                "<polygon class=\"zone\" fill=\"%s\" fill-opacity=\"0.18\" stroke=\"#b05050\" "
                "stroke-width=\"1\" points=\"",
                zo->truck_ban ? "#d04040" : "#e0a040");
        for (int k = 0; k + 1 < zo->n_pts; k++)
            svg_point(&c, zo->pts[k], k);
        fputs("\"><title>zone ", f);
        snp_html_esc(f, zo->id);
        fputs(zo->truck_ban ? ": no trucks" : "", f);
        fputs("</title></polygon>\n", f);
    }
    for (int t = 0; g->has_network && g->trench_use && t < in->n_trenches; t++) {
        const snp_trench *tr = &in->trenches[t];
        if (g->trench_use[t] != 2)
            continue;
        fputs("<polyline class=\"trench\" fill=\"none\" stroke=\"#9aa4ae\" stroke-width=\"9\" "
              "stroke-linecap=\"round\" stroke-opacity=\"0.5\" points=\"",
              f);
        for (int k = 0; k < tr->n_pts; k++)
            svg_point(&c, tr->pts[k], k);
        fputs("\"><title>trench ", f);
        snp_html_esc(f, tr->id);
        fprintf(f, ", %.3g km</title></polyline>\n", tr->length_km);
    }
}

int snp_ways_svg_link_open(FILE *f, const snp_map_frame *fr, const sn_instance *in,
                           const snp_link *l, const char *cls, const char *stroke,
                           const char *width, const char *dash, int marker)
{
    if (!l->route)
        return 0;
    svg_ctx c = {f, fr};
    fprintf(f, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"", cls,
            stroke, width);
    if (dash)
        fprintf(f, " stroke-dasharray=\"%s\"", dash);
    if (marker >= 0)
        fprintf(f, " marker-end=\"url(#arrow%d)\"", marker);
    fputs(" points=\"", f);
    (void)snp_ways_route_points(in, l, svg_point, &c);
    fputs("\"><title>", f);
    return 1;
}

/* ---- CSV ---------------------------------------------------------------------------------- */

void snp_ways_csv_route(FILE *f, const sn_instance *in, const snp_link *l)
{
    /* ids hold no comma, quote or line break (ways ids are ids; service: NODE ids likewise) */
    for (int i = 0; l->route && i < l->n_route; i++) {
        if (i)
            fputc(' ', f);
        fputs(in->trenches[l->route[i]].id, f);
    }
    fputc('\n', f);
}

void snp_ways_csv_trenches(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_figures *g = &r->g;
    fputs("trench,way,class,serves,zone,length_km,dug,capital\n", f);
    for (int t = 0; g->has_network && g->trench_use && t < in->n_trenches; t++) {
        const snp_trench *tr = &in->trenches[t];
        if (!g->trench_use[t])
            continue;
        int way = tr->way >= 0 ? tr->way : tr->reaches;
        snp_csv_text(f, tr->id, 0);
        snp_csv_text(f, way >= 0 ? in->ways[way].id : "", 0);
        snp_csv_text(f, tr->way >= 0 ? CLASS_NAMES[in->ways[tr->way].cls] : "service", 0);
        snp_csv_text(f, tr->node >= 0 ? snp_node_id(in, tr->node) : "", 0);
        snp_csv_text(f, tr->zone >= 0 ? in->zones[tr->zone].id : "", 0);
        snp_csv_number(f, tr->length_km, 0);
        snp_csv_text(f, g->trench_use[t] == 2 ? "true" : "false", 0);
        snp_csv_number(f, tr->capital, 1);
    }
}

/* ---- zone exposure (docs/outputs.md "zones") ------------------------------------------------ */

void snp_ways_zone_exposure(const sn_result *r, int z, snp_zone_exposure *e)
{
    const sn_instance *in = r->in;
    const snp_figures *g = &r->g;
    memset(e, 0, sizeof *e);
    for (int k = 0; g->has_network && k < g->n_links; k++) {
        const snp_built_link *b = &g->links[k];
        const snp_link *l = snp_model_link(r->m, b->link);
        double km = 0;
        for (int i = 0; l->route && i < l->n_route; i++)
            if (in->trenches[l->route[i]].zone == z)
                km += in->trenches[l->route[i]].length_km;
        if (!(km > 0) || l->mode != SNP_MODE_TRUCK)
            continue;
        const snp_truck_spec *t = &in->resources[l->resource].truck;
        double trips = b->has_trips            ? b->trips
                       : t->truck_capacity > 0 ? b->flow / t->truck_capacity
                                               : NAN;
        e->links++;
        e->trips_per_yr += trips;
        e->truck_km_per_yr += trips * km;
        e->co2_t_per_yr += b->flow * t->co2_per_unit_km * km;
    }
    for (int t = 0; g->has_network && g->trench_use && t < in->n_trenches; t++)
        if (g->trench_use[t] == 2 && in->trenches[t].zone == z)
            e->trench_km += in->trenches[t].length_km;
    /* hauls to disposal: ceil(amount / truck_capacity) loaded trips along the haul's route */
    for (int f = 0; r->m->hauls && f < in->n_facilities; f++)
        for (int k = 0; k < in->facilities[f].n_supplies; k++) {
            const snp_route *h = &r->m->hauls[f][k];
            const snp_supply *s = &in->facilities[f].supplies[k];
            double km = 0;
            for (int i = 0; h->trenches && i < h->n; i++)
                if (in->trenches[h->trenches[i]].zone == z)
                    km += in->trenches[h->trenches[i]].length_km;
            if (!(km > 0))
                continue;
            const snp_truck_spec *t = &in->resources[s->resource].truck;
            double after = g->has_network ? g->disposed[f][k] : s->amount;
            double tb = ceil(s->amount / t->truck_capacity - 1e-9);
            double ta = after > 0 ? ceil(after / t->truck_capacity - 1e-9) : 0;
            e->haul_trips_before += tb;
            e->haul_km_before += tb * km;
            e->haul_co2_before += s->amount * t->co2_per_unit_km * km;
            e->haul_trips_after += ta;
            e->haul_km_after += ta * km;
            e->haul_co2_after += (after > 0 ? after : 0) * t->co2_per_unit_km * km;
        }
}

void snp_ways_write_zones_json(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    if (in->n_zones == 0)
        return;
    fputs("  \"zones\": [", f);
    for (int z = 0; z < in->n_zones; z++) {
        snp_zone_exposure e;
        snp_ways_zone_exposure(r, z, &e);
        fputs(z ? ",\n    {\"id\": " : "\n    {\"id\": ", f);
        snp_json_string(f, in->zones[z].id);
        fprintf(f, ", \"trucks\": \"%s\", \"truck_links\": %d, \"trips_per_yr\": ",
                in->zones[z].truck_ban ? "banned" : "allowed", e.links);
        snp_json_number(f, e.trips_per_yr);
        fputs(", \"truck_km_per_yr\": ", f);
        snp_json_number(f, e.truck_km_per_yr);
        fputs(", \"co2_t_per_yr\": ", f);
        snp_json_number(f, e.co2_t_per_yr);
        fputs(", \"trench_km\": ", f);
        snp_json_number(f, e.trench_km);
        fputs(", \"before\": {\"haul_trips_per_yr\": ", f);
        snp_json_number(f, e.haul_trips_before);
        fputs(", \"truck_km_per_yr\": ", f);
        snp_json_number(f, e.haul_km_before);
        fputs(", \"co2_t_per_yr\": ", f);
        snp_json_number(f, e.haul_co2_before);
        fputs("}, \"after\": {\"haul_trips_per_yr\": ", f);
        snp_json_number(f, e.haul_trips_after);
        fputs(", \"trips_per_yr\": ", f);
        snp_json_number(f, e.haul_trips_after + e.trips_per_yr);
        fputs(", \"truck_km_per_yr\": ", f);
        snp_json_number(f, e.haul_km_after + e.truck_km_per_yr);
        fputs(", \"co2_t_per_yr\": ", f);
        snp_json_number(f, e.haul_co2_after + e.co2_t_per_yr);
        fputs(", \"trench_km\": ", f);
        snp_json_number(f, e.trench_km);
        fputs("}}", f);
    }
    fputs("\n  ],\n", f);
}

/* ---- the HTML report's zone table ---------------------------------------------------------- */

static void html_cell(FILE *f, double v, int decimals)
{
    fputs("<td>", f);
    if (isnan(v))
        fputs("-", f); /* trips of a trucked resource without truck_capacity */
    else
        snp_html_amount(f, v, decimals, 0);
    fputs("</td>", f);
}

void snp_ways_write_zones_html(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    if (in->n_zones == 0)
        return;
    fputs("<table id=\"zones\" class=\"num\"><thead><tr><th>zone</th><th>trucks</th>"
          "<th>truck trips/yr before</th><th>truck-km/yr before</th><th>t CO<sub>2</sub>/yr "
          "before</th><th>truck trips/yr after</th><th>truck-km/yr after</th><th>t "
          "CO<sub>2</sub>/yr after</th><th>km of trench dug</th></tr></thead><tbody>\n",
          f);
    for (int z = 0; z < in->n_zones; z++) {
        snp_zone_exposure e;
        snp_ways_zone_exposure(r, z, &e);
        fputs("<tr><td>", f);
        snp_html_esc(f, in->zones[z].id);
        fprintf(f, "</td><td>%s</td>", in->zones[z].truck_ban ? "banned" : "allowed");
        html_cell(f, e.haul_trips_before, 0);
        html_cell(f, e.haul_km_before, 0);
        html_cell(f, e.haul_co2_before, 2);
        html_cell(f, e.haul_trips_after + e.trips_per_yr, 0);
        html_cell(f, e.haul_km_after + e.truck_km_per_yr, 0);
        html_cell(f, e.haul_co2_after + e.co2_t_per_yr, 2);
        html_cell(f, e.trench_km, 2);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n<p class=\"note\">Before: business as usual's trucks hauling waste "
          "to its disposal sites. After: those still hauling what the network disposes of, plus "
          "the network's own trucks. Truck-km are driven inside the zone (exhaust and noise "
          "scale with them).</p>\n",
          f);
}

/* ---- the text summary --------------------------------------------------------------------- */

void snp_ways_write_summary(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_figures *g = &r->g;
    if (in->n_trenches == 0 || !g->has_network)
        return;
    int n = 0;
    double km = 0, capital = 0;
    for (int t = 0; g->trench_use && t < in->n_trenches; t++)
        if (g->trench_use[t] == 2) {
            n++;
            km += in->trenches[t].length_km;
            capital += in->trenches[t].capital;
        }
    char b1[64], b2[64];
    fprintf(
        f, "trenches dug (each paid once, however many pipes share it): %d, %s km, capital %s %s\n",
        n, snp_fmt_number(b1, sizeof b1, km, 2, 0), snp_fmt_money(b2, sizeof b2, capital, 0),
        in->currency);
    for (int z = 0; z < in->n_zones; z++) {
        snp_zone_exposure e;
        snp_ways_zone_exposure(r, z, &e);
        char b3[64];
        /* trips are unknown (NAN) when a trucked resource has no truck_capacity */
        fprintf(f, "  zone %s%s: %s truck trips/yr, %s truck-km/yr, %s km of trench\n",
                in->zones[z].id, in->zones[z].truck_ban ? " (no trucks)" : "",
                isnan(e.trips_per_yr) ? "-" : snp_fmt_number(b1, sizeof b1, e.trips_per_yr, 0, 0),
                isnan(e.truck_km_per_yr) ? "-"
                                         : snp_fmt_number(b2, sizeof b2, e.truck_km_per_yr, 0, 0),
                snp_fmt_number(b3, sizeof b3, e.trench_km, 2, 0));
        if (e.haul_trips_before > 0) {
            double after = e.haul_km_after + e.truck_km_per_yr;
            fprintf(f,
                    "    trucks to disposal: %s trips/yr, %s truck-km/yr before; after, with "
                    "the network's: %s truck-km/yr\n",
                    snp_fmt_number(b1, sizeof b1, e.haul_trips_before, 0, 0),
                    snp_fmt_number(b2, sizeof b2, e.haul_km_before, 0, 0),
                    isnan(after) ? "-" : snp_fmt_number(b3, sizeof b3, after, 0, 0));
        }
    }
}
