/*
 * geojson.c - the network as a GeoJSON FeatureCollection (RFC 7946) for QGIS or any GeoJSON
 * viewer: facilities, built hubs and the junctions in use as Points, every built link as a
 * LineString from its tail to its head (a route through junctions is the chain of its links,
 * each drawn between its own ends). Positions are [longitude, latitude]. A planar_km region has
 * no geographic position: its km coordinates are written as they are and the top-level
 * "coordinates" member says "planar_km", so no viewer mistakes them for WGS 84.
 *
 * Stage: sn_solution -> [report]; read-only over instance, model and solution.
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>

static void position(FILE *f, snp_point p)
{
    fputc('[', f);
    snp_json_number(f, p.x);
    fputs(", ", f);
    snp_json_number(f, p.y);
    fputc(']', f);
}

static void str_prop(FILE *f, const char *k, const char *v)
{
    fprintf(f, ", \"%s\": ", k);
    snp_json_string(f, v);
}

static void num_prop(FILE *f, const char *k, double v)
{
    fprintf(f, ", \"%s\": ", k);
    snp_json_number(f, v);
}

static void point_feature(FILE *f, int *first, snp_point p, const char *kind, const char *id)
{
    fputs(*first ? "\n    {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                   "\"coordinates\": "
                 : ",\n    {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                   "\"coordinates\": ",
          f);
    *first = 0;
    position(f, p);
    fputs("}, \"properties\": {\"kind\": ", f);
    snp_json_string(f, kind);
    str_prop(f, "id", id);
}

/* Capacity of a built link: its size, its explicit capacity, or its trucks' capacity. */
static double link_capacity(const sn_instance *in, const snp_link *l, const snp_built_link *b)
{
    if (b->size >= 0)
        return l->sizes[b->size].capacity;
    if (l->spec >= 0 && in->links[l->spec].has_capacity)
        return in->links[l->spec].capacity;
    if (l->trip_capacity > 0)
        return b->trips * l->trip_capacity;
    return NAN;
}

sn_status sn_report_write_geojson(const sn_result *res, FILE *f)
{
    const sn_instance *in = res->in;
    const sn_model *m = res->m;
    const sn_solution *s = res->s;
    const snp_figures *g = &res->g;
    const snp_partner *p = res->p;
    const int *used = res->junction_used;
    int planar = in->coords == SNP_COORDS_PLANAR_KM;
    fputs("{\n  \"type\": \"FeatureCollection\",\n  \"name\": ", f);
    snp_json_string(f, in->name);
    fprintf(f, ",\n  \"coordinates\": \"%s\",\n", planar ? "planar_km" : "lonlat");
    if (planar)
        fputs("  \"note\": \"positions are x, y in km on a plane, not longitude and latitude\",\n",
              f);
    fputs("  \"currency\": ", f);
    snp_json_string(f, in->currency);
    fputs(",\n  \"status\": ", f);
    snp_json_string(f, sn_solution_status_name(s->status));
    fputs(",\n  \"features\": [", f);
    int first = 1;
    for (int i = 0; i < in->n_facilities; i++) {
        const snp_facility *fa = &in->facilities[i];
        point_feature(f, &first, fa->loc, "facility", fa->id);
        str_prop(f, "name", fa->name);
        str_prop(f, "sector", fa->sector);
        num_prop(f, "bau_cost", p[i].bau);
        num_prop(f, "cost", p[i].total);
        num_prop(f, "change", p[i].change);
        fprintf(f, ", \"participates\": %s, \"worse_off\": %s}}",
                p[i].participates ? "true" : "false", p[i].worse_off ? "true" : "false");
    }
    for (int h = 0; g->has_network && h < in->n_hubs; h++) {
        if (g->hub_size[h] < 0)
            continue;
        const snp_hub *hub = &in->hubs[h];
        const snp_hub_capacity *o = &hub->capacities[g->hub_size[h]];
        point_feature(f, &first, hub->loc, "hub", hub->id);
        str_prop(f, "name", hub->name);
        str_prop(f, "hub_kind", hub->kind);
        num_prop(f, "capacity", o->capacity);
        num_prop(f, "capital", o->capital);
        num_prop(f, "annual_cost",
                 snp_crf(in->discount_rate, hub->lifetime_yr) * o->capital + o->fixed_opex);
        fputs("}}", f);
    }
    for (int j = 0; j < in->n_junctions; j++)
        if (used[j]) {
            point_feature(f, &first, in->junctions[j].loc, "junction", in->junctions[j].id);
            fputs("}}", f);
        }
    for (int i = 0; i < g->n_links; i++) {
        const snp_built_link *b = &g->links[i];
        const snp_link *l = snp_model_link(m, b->link);
        const snp_resource *r = &in->resources[l->resource];
        fputs(first ? "\n    {\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", "
                      "\"coordinates\": ["
                    : ",\n    {\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", "
                      "\"coordinates\": [",
              f);
        first = 0;
        position(f, snp_node_loc(in, l->tail));
        fputs(", ", f);
        position(f, snp_node_loc(in, l->head));
        fputs("]}, \"properties\": {\"kind\": \"link\"", f);
        char id[SNP_LINK_ID_MAX];
        str_prop(f, "id", snp_link_id(in, l, id, sizeof id));
        str_prop(f, "from", snp_node_id(in, l->tail));
        str_prop(f, "to", snp_node_id(in, l->head));
        str_prop(f, "resource", r->id);
        str_prop(f, "unit", r->unit);
        str_prop(f, "mode", l->mode == SNP_MODE_PIPE ? "pipe" : "truck");
        num_prop(f, "length_km", l->length_km);
        num_prop(f, "flow", b->flow);
        num_prop(f, "delivered", b->flow * l->arrive);
        num_prop(f, "capacity", link_capacity(in, l, b));
        if (b->has_trips)
            num_prop(f, "trips", b->trips);
        if (l->corridor >= 0)
            str_prop(f, "corridor", in->corridors[l->corridor].id);
        num_prop(f, "capital", b->capital);
        num_prop(f, "annual_cost", b->annual);
        fputs("}}", f);
    }
    for (int k = 0; g->has_network && k < in->n_corridors; k++) {
        if (!g->corridor_built[k])
            continue;
        const snp_corridor *c = &in->corridors[k];
        fputs(first ? "\n    {\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", "
                      "\"coordinates\": ["
                    : ",\n    {\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", "
                      "\"coordinates\": [",
              f);
        first = 0;
        position(f, snp_node_loc(in, c->a));
        fputs(", ", f);
        position(f, snp_node_loc(in, c->b));
        fputs("]}, \"properties\": {\"kind\": \"corridor\"", f);
        str_prop(f, "id", c->id);
        str_prop(f, "from", snp_node_id(in, c->a));
        str_prop(f, "to", snp_node_id(in, c->b));
        num_prop(f, "length_km", c->has_length ? c->length_km : snp_node_dist_km(in, c->a, c->b));
        num_prop(f, "capital", c->capital);
        num_prop(f, "annual_cost", snp_crf(in->discount_rate, c->lifetime_yr) * c->capital);
        fputs("}}", f);
    }
    fputs(first ? "]\n}\n" : "\n  ]\n}\n", f);
    return ferror(f) ? SN_EIO : SN_OK;
}
