/*
 * json.c - the full solution as JSON (symnet-solution/1; every field is described in
 * docs/outputs.md, "The JSON solution"): status and proof, costs against business as usual,
 * emissions, every built link, hub and corridor, and each facility's balance. Written with
 * plain stdio (src/instance/ is the only user of cJSON). Stage: sn_result -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>

static void key(FILE *f, int indent, const char *k)
{
    fprintf(f, "%*s", indent, "");
    snp_json_string(f, k);
    fputs(": ", f);
}

static void num_field(FILE *f, int indent, const char *k, double v, int last)
{
    key(f, indent, k);
    snp_json_number(f, v);
    fputs(last ? "\n" : ",\n", f);
}

static void str_field(FILE *f, int indent, const char *k, const char *v, int last)
{
    key(f, indent, k);
    snp_json_string(f, v);
    fputs(last ? "\n" : ",\n", f);
}

static void costs(FILE *f, int indent, const char *k, const snp_costs *c, int last)
{
    key(f, indent, k);
    fputs("{\n", f);
    num_field(f, indent + 2, "disposal", c->disposal, 0);
    num_field(f, indent + 2, "purchase", c->purchase, 0);
    num_field(f, indent + 2, "capital_annualised", c->capital, 0);
    num_field(f, indent + 2, "operating", c->operating, 0);
    num_field(f, indent + 2, "carbon", c->carbon, 0);
    num_field(f, indent + 2, "total", c->total, 1);
    fprintf(f, "%*s}%s\n", indent, "", last ? "" : ",");
}

/* ", \"location\": [x, y]": a node's position as the region gives it (lon, lat or km). */
static void location(FILE *f, snp_point p)
{
    fputs(", \"location\": [", f);
    snp_json_number(f, p.x);
    fputs(", ", f);
    snp_json_number(f, p.y);
    fputs("]", f);
}

/* One compact object per line for list entries. */
static void amounts(FILE *f, const sn_instance *in, const char *k, const double *per_res, int last)
{
    key(f, 2, k);
    fputs("[", f);
    int first = 1;
    for (int r = 0; r < in->n_resources; r++) {
        if (!(fabs(per_res[r]) > 0))
            continue;
        fputs(first ? "\n    {\"resource\": " : ",\n    {\"resource\": ", f);
        snp_json_string(f, in->resources[r].id);
        fputs(", \"unit\": ", f);
        snp_json_string(f, in->resources[r].unit);
        fputs(", \"amount\": ", f);
        snp_json_number(f, per_res[r]);
        fputs("}", f);
        first = 0;
    }
    fputs(first ? "]" : "\n  ]", f);
    fputs(last ? "\n" : ",\n", f);
}

static void write_links(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const sn_model *m = r->m;
    const snp_figures *g = &r->g;
    fputs("  \"links\": [", f);
    for (int i = 0; i < g->n_links; i++) {
        const snp_built_link *b = &g->links[i];
        const snp_link *l = snp_model_link(m, b->link);
        fputs(i ? ",\n    {" : "\n    {", f);
        char id[SNP_LINK_ID_MAX];
        fputs("\"id\": ", f);
        snp_json_string(f, snp_link_id(in, l, id, sizeof id));
        fputs(", ", f);
        fputs("\"from\": ", f);
        snp_json_string(f, snp_node_id(in, l->tail));
        fputs(", \"to\": ", f);
        snp_json_string(f, snp_node_id(in, l->head));
        fputs(", \"resource\": ", f);
        snp_json_string(f, in->resources[l->resource].id);
        fputs(", \"unit\": ", f);
        snp_json_string(f, in->resources[l->resource].unit);
        fprintf(f,
                ", \"mode\": \"%s\", \"length_km\": ", l->mode == SNP_MODE_PIPE ? "pipe" : "truck");
        snp_json_number(f, l->length_km);
        fputs(", \"flow\": ", f);
        snp_json_number(f, b->flow);
        fputs(", \"delivered\": ", f);
        snp_json_number(f, b->flow * l->arrive);
        if (b->size >= 0) {
            fputs(", \"size_capacity\": ", f);
            snp_json_number(f, l->sizes[b->size].capacity);
        }
        if (b->has_trips) {
            fputs(", \"trips\": ", f);
            snp_json_number(f, b->trips);
        }
        if (l->corridor >= 0) {
            fputs(", \"corridor\": ", f);
            snp_json_string(f, in->corridors[l->corridor].id);
        }
        snp_ways_write_route(f, in, l); /* ways.c */
        if (b->tracked) {
            fputs(", \"by_origin\": [", f);
            for (int q = 0; q < b->n_origins; q++) {
                fputs(q ? ", {\"origin\": " : "{\"origin\": ", f);
                snp_json_string(f, snp_node_id(in, b->by_origin[q].origin));
                fputs(", \"flow\": ", f);
                snp_json_number(f, b->by_origin[q].flow);
                fputs("}", f);
            }
            fputs("]", f);
        }
        fputs(", \"transfer_price\": ", f); /* per unit delivered (docs/model.md 13.4) */
        snp_json_number(f, r->split.priced ? r->split.price[i] : NAN);
        fputs(", \"transfer_midpoint\": ", f);
        snp_json_number(f, r->split.priced ? r->split.mid[i] : NAN);
        snp_periods_write_json_link(f, r, i);
        fprintf(f, ", \"forced\": %s, \"capital\": ", l->forced ? "true" : "false");
        snp_json_number(f, b->capital);
        fputs(", \"annual_cost\": ", f);
        snp_json_number(f, b->annual);
        fputs("}", f);
    }
    fputs(g->n_links ? "\n  ],\n" : "],\n", f);
}

static void write_hubs(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_figures *g = &r->g;
    fputs("  \"hubs\": [", f);
    int first = 1;
    for (int h = 0; h < in->n_hubs; h++) {
        if (!g->has_network || g->hub_size[h] < 0)
            continue;
        const snp_hub *hub = &in->hubs[h];
        const snp_hub_capacity *o = &hub->capacities[g->hub_size[h]];
        fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ", f);
        first = 0;
        snp_json_string(f, hub->id);
        fputs(", \"kind\": ", f);
        snp_json_string(f, hub->kind);
        location(f, hub->loc);
        fputs(", \"capacity\": ", f);
        snp_json_number(f, o->capacity);
        fputs(", \"capital\": ", f);
        snp_json_number(f, o->capital);
        fputs(", \"fixed_opex\": ", f);
        snp_json_number(f, o->fixed_opex);
        fputs(", \"processed\": [", f);
        for (int i = 0; i < hub->n_inputs; i++) {
            fputs(i ? ", {\"resource\": " : "{\"resource\": ", f);
            snp_json_string(f, in->resources[hub->inputs[i].resource].id);
            fputs(", \"amount\": ", f);
            snp_json_number(f, g->processed[h][i]);
            snp_periods_write_json_processed(f, r, h, i);
            fputs("}", f);
        }
        fputs("], \"produced\": [", f);
        for (int q = 0; q < hub->n_outputs; q++) {
            fputs(q ? ", {\"resource\": " : "{\"resource\": ", f);
            snp_json_string(f, in->resources[hub->outputs[q].resource].id);
            fputs(", \"amount\": ", f);
            snp_json_number(f, g->produced[h][q]);
            fputs(", \"disposed\": ", f);
            snp_json_number(f, g->hub_disposed[h][q]);
            snp_periods_write_json_produced(f, r, h, q);
            fputs("}", f);
        }
        fputs("]", f);
        snp_periods_write_json_hub(f, r, h);
        fputs("}", f);
    }
    fputs(first ? "],\n" : "\n  ],\n", f);
}

static void write_corridors(FILE *f, const sn_instance *in, const snp_figures *g)
{
    fputs("  \"corridors\": [", f);
    int first = 1;
    for (int c = 0; c < in->n_corridors; c++) {
        if (!g->has_network || !g->corridor_built[c])
            continue;
        fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ", f);
        first = 0;
        snp_json_string(f, in->corridors[c].id);
        fputs(", \"capital\": ", f);
        snp_json_number(f, in->corridors[c].capital);
        fputs("}", f);
    }
    fputs(first ? "],\n" : "\n  ],\n", f);
}

/* The junctions a built link starts or ends at, with their locations (for maps drawn from the
 * solution file alone, e.g. symnet compare). */
static void write_junctions(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    fputs("  \"junctions\": [", f);
    int first = 1;
    for (int j = 0; j < in->n_junctions; j++) {
        if (!r->g.has_network || !r->junction_used[j])
            continue;
        fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ", f);
        first = 0;
        snp_json_string(f, in->junctions[j].id);
        location(f, in->junctions[j].loc);
        fputs("}", f);
    }
    fputs(first ? "],\n" : "\n  ],\n", f);
}

/* What the network delivers to demand k of facility fi, by resource and origin (origin only
 * for resources tracked by origin), in units of the delivered resource. */
static void write_deliveries(FILE *f, const sn_result *r, int fi, int k)
{
    const sn_instance *in = r->in;
    fputs(", \"deliveries\": [", f);
    int first = 1;
    for (int a = 0; a < r->n_deliveries; a++) {
        const snp_delivery *d = &r->deliveries[a];
        if (d->facility != fi || d->demand != k)
            continue;
        fputs(first ? "{\"resource\": " : ", {\"resource\": ", f);
        first = 0;
        snp_json_string(f, in->resources[d->resource].id);
        if (d->origin >= 0) {
            fputs(", \"origin\": ", f);
            snp_json_string(f, snp_node_id(in, d->origin));
        }
        fputs(", \"amount\": ", f);
        snp_json_number(f, d->amount);
        fputs("}", f);
    }
    fputs("]", f);
}

static void write_facilities(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_figures *g = &r->g;
    fputs("  \"facilities\": [", f);
    for (int i = 0; i < in->n_facilities; i++) {
        const snp_facility *fa = &in->facilities[i];
        fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", f);
        snp_json_string(f, fa->id);
        fputs(", \"name\": ", f);
        snp_json_string(f, fa->name);
        location(f, fa->loc);
        fputs(",\n     \"supplies\": [", f);
        for (int k = 0; k < fa->n_supplies; k++) {
            fputs(k ? ", {\"resource\": " : "{\"resource\": ", f);
            snp_json_string(f, in->resources[fa->supplies[k].resource].id);
            fputs(", \"amount\": ", f);
            snp_json_number(f, fa->supplies[k].amount);
            fputs(", \"sent\": ", f);
            snp_json_number(f, g->has_network ? g->sent[i][k] : NAN);
            fputs(", \"disposed\": ", f);
            snp_json_number(f, g->has_network ? g->disposed[i][k] : NAN);
            snp_periods_write_json_supply(f, r, i, k);
            fputs("}", f);
        }
        fputs("],\n     \"demands\": [", f);
        for (int k = 0; k < fa->n_demands; k++) {
            fputs(k ? ", {\"resource\": " : "{\"resource\": ", f);
            snp_json_string(f, in->resources[fa->demands[k].resource].id);
            fputs(", \"amount\": ", f);
            snp_json_number(f, fa->demands[k].amount);
            fputs(", \"received\": ", f);
            snp_json_number(f, g->has_network ? g->received[i][k] : NAN);
            fputs(", \"purchased\": ", f);
            snp_json_number(f, g->has_network ? g->purchased[i][k] : NAN);
            write_deliveries(f, r, i, k);
            snp_periods_write_json_demand(f, r, i, k);
            fputs("}", f);
        }
        fputs("]}", f);
    }
    fputs(in->n_facilities ? "\n  ]\n" : "]\n", f);
}

/* How an infeasible verdict is proven (docs/outputs.md, "What infeasible guarantees"): null
 * for every other status. */
static void write_infeasibility(FILE *f, const sn_instance *in, const sn_solution *s)
{
    key(f, 2, "infeasibility");
    if (s->status != SN_SOL_INFEASIBLE || s->proof == SNP_PROOF_NONE) {
        fputs("null,\n", f);
        return;
    }
    fputs("{\n", f);
    if (s->proof == SNP_PROOF_SEARCH) {
        str_field(f, 4, "proof", "search", 0);
        num_field(f, 4, "elastic_violation", s->elastic_violation, 1);
        fputs("  },\n", f);
        return;
    }
    str_field(f, 4, "proof", "certificate", 0);
    num_field(f, 4, "margin", s->cert_margin, 0);
    num_field(f, 4, "scale", s->cert_scale, 0);
    key(f, 4, "rows");
    fputs("[", f);
    for (int k = 0; k < s->n_cert; k++) {
        const snp_cert_row *c = &s->cert[k];
        fputs(k ? ",\n      {\"row\": " : "\n      {\"row\": ", f);
        snp_json_string(f, snp_relax_row_kind_name(c->kind));
        if (c->node >= 0) {
            fputs(", \"node\": ", f);
            snp_json_string(f, snp_node_id(in, c->node));
        }
        if (c->resource >= 0) {
            fputs(", \"resource\": ", f);
            snp_json_string(f, in->resources[c->resource].id);
        }
        fputs(", \"multiplier\": ", f);
        snp_json_number(f, c->y);
        fputs("}", f);
    }
    fputs(s->n_cert ? "\n    ]\n  },\n" : "]\n  },\n", f);
}

/* What each of symnet's solver plugins did (docs/outputs.md, "solver_stats"): every entry of
 * the plugin table, in its order. */
static void write_solver_stats(FILE *f, const sn_solution *s)
{
    key(f, 2, "solver_stats");
    fputs("[", f);
    for (int i = 0; i < s->n_plugins; i++) {
        const snp_plugin *pl = snp_plugin_get(i);
        const snp_plugin_stats *st = &s->plugin_stats[i];
        fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
        snp_json_string(f, pl->name);
        fputs(", \"kind\": ", f);
        snp_json_string(f, pl->kind == SNP_PLUGIN_SEPARATOR       ? "separator"
                           : pl->kind == SNP_PLUGIN_DECOMPOSITION ? "decomposition"
                           : pl->kind == SNP_PLUGIN_WARMSTART     ? "warmstart"
                           : pl->kind == SNP_PLUGIN_ROOT_LP       ? "root_lp"
                           : pl->kind == SNP_PLUGIN_ROWS          ? "rows"
                                                                  : "heuristic");
        fprintf(f, ", \"enabled\": %s, \"calls\": %ld, \"found\": %ld, ",
                st->enabled ? "true" : "false", st->calls, st->found);
        if (pl->kind == SNP_PLUGIN_DECOMPOSITION)
            fprintf(f, "\"solved_apart\": %ld, ", st->apart);
        if (pl->kind == SNP_PLUGIN_ROOT_LP || pl->kind == SNP_PLUGIN_ROWS)
            fprintf(f, "\"rounds\": %ld, ", st->rounds);
        fputs("\"seconds\": ", f);
        snp_json_number(f, st->seconds);
        fputs("}", f);
    }
    fputs(s->n_plugins ? "\n  ],\n" : "],\n", f);
}

/* Warnings kept by the instance or the model, as "PATH: MESSAGE" strings after the n already
 * written (and how many were not kept); returns the new count. */
static int write_warnings(FILE *f, const snp_warning *w, int n, int dropped, int written)
{
    char buf[1024];
    for (int i = 0; i < n; i++) {
        snprintf(buf, sizeof buf, "%s%s%s", w[i].path, w[i].path[0] ? ": " : "", w[i].message);
        fputs(written++ ? ", " : "", f);
        snp_json_string(f, buf);
    }
    if (dropped > 0) {
        snprintf(buf, sizeof buf, "%d more warning%s of this kind not listed", dropped,
                 dropped == 1 ? "" : "s");
        fputs(written++ ? ", " : "", f);
        snp_json_string(f, buf);
    }
    return written;
}

sn_status sn_report_write_json(const sn_result *r, FILE *f)
{
    const sn_instance *in = r->in;
    const sn_model *m = r->m;
    const sn_solution *s = r->s;
    const snp_figures *g = &r->g;
    int net = g->has_network;
    fputs("{\n", f);
    str_field(f, 2, "format", "symnet-solution/1", 0);
    str_field(f, 2, "region", in->name, 0);
    str_field(f, 2, "currency", in->currency, 0);
    str_field(f, 2, "coordinates", in->coords == SNP_COORDS_LONLAT ? "lonlat" : "planar_km", 0);
    key(f, 2, "overrides");
    fputs("[", f);
    for (int i = 0; i < in->n_edits; i++) {
        fputs(i ? ",\n    {\"override\": " : "\n    {\"override\": ", f);
        snp_json_string(f, in->edits[i].text);
        fputs(", \"effect\": ", f);
        snp_json_string(f, in->edits[i].effect);
        fputs("}", f);
    }
    fputs(in->n_edits ? "\n  ],\n" : "],\n", f);
    str_field(f, 2, "status", sn_solution_status_name(s->status), 0);
    num_field(f, 2, "objective", s->objective, 0);
    num_field(f, 2, "bound", s->bound, 0);
    num_field(f, 2, "gap", s->gap, 0);
    num_field(f, 2, "gap_tolerance", s->mip_gap_tolerance, 0);
    num_field(f, 2, "time_s", s->time_s, 0);
    key(f, 2, "interrupted");
    fputs(s->interrupted ? "true,\n" : "false,\n", f);
    str_field(f, 2, "solver_message", s->message, 0);
    key(f, 2, "warnings");
    fputs("[", f);
    int nw = write_warnings(f, in->warnings, in->n_warnings, in->warnings_dropped, 0);
    nw = write_warnings(f, m->warnings, m->n_warnings, m->warnings_dropped, nw);
    if (s->warning[0]) {
        fputs(nw++ ? ", " : "", f);
        snp_json_string(f, s->warning);
    }
    fputs("],\n", f);
    write_infeasibility(f, in, s);
    write_solver_stats(f, s);
    key(f, 2, "bau");
    fprintf(f, "{\"feasible\": %s, \"cost\": ", g->bau_feasible ? "true" : "false");
    snp_json_number(f, g->bau_feasible ? g->bau.total : NAN);
    fputs(", \"co2_t_per_yr\": ", f);
    snp_json_number(f, g->bau_feasible ? g->bau_co2_t_per_yr : NAN);
    fputs("},\n", f);
    num_field(f, 2, "savings", net && g->bau_feasible ? g->bau.total - g->cost.total : NAN, 0);
    num_field(f, 2, "capital", net ? g->capital_total : NAN, 0);
    num_field(f, 2, "co2_t_per_yr", net ? g->co2_t_per_yr : NAN, 0);
    num_field(f, 2, "co2_avoided_t_per_yr",
              net && g->bau_feasible ? g->bau_co2_t_per_yr - g->co2_t_per_yr : NAN, 0);
    if (net)
        costs(f, 2, "cost_breakdown", &g->cost, 0);
    if (g->bau_feasible)
        costs(f, 2, "bau_breakdown", &g->bau, 0);
    if (isfinite(r->optimum)) { /* evaluate: the layout against the region's optimum */
        key(f, 2, "evaluation");
        fputs("{\"optimum\": ", f);
        snp_json_number(f, r->optimum);
        fprintf(f, ", \"optimum_proven\": %s, \"optimum_from\": ",
                r->optimum_proven ? "true" : "false");
        snp_json_string(f, r->optimum_from);
        fputs(", \"excess\": ", f);
        snp_json_number(f, net ? g->cost.total - r->optimum : NAN);
        fputs("},\n", f);
    }
    amounts(f, in, "waste_diverted", g->diverted, 0);
    amounts(f, in, "virgin_replaced", g->replaced, 0);
    snp_figures_write_json(f, r);
    snp_periods_write_json_top(f, r);
    write_links(f, r);
    write_hubs(f, r);
    write_corridors(f, in, g);
    snp_ways_write_json(f, r);       /* ways.c: "trenches", with ways only */
    snp_ways_write_zones_json(f, r); /* ways.c: each zone's exposure, with zones only */
    write_junctions(f, r);
    snp_partners_write_json(f, r);
    write_facilities(f, r);
    fputs("}\n", f);
    return ferror(f) ? SN_EIO : SN_OK;
}
