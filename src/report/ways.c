/*
 * ways.c - the routes over the ways in a solution file (issue 18; docs/outputs.md "Routes and
 * trenches"): each built link's "route" (the trench ids it runs in or drives along, tail to
 * head) and the top-level "trenches": every trench some built link uses, once, with its way,
 * class, length, geometry, capital and whether it is dug (a pipe built runs in it). Stage:
 * sn_result -> [report]; reads the result's figures and the links' data, never columns.
 */
#include "report_int.h"

#include <stdio.h>

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
