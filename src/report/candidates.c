/*
 * candidates.c - writes the candidates of a region (src/result/candidates.c) as a table for
 * people, as CSV or as JSON (symnet-candidates/1, docs/outputs.md): one row per candidate link
 * (offered to the solver, or pruned because it never pays, with the figures that prove it),
 * hub and corridor, each with the id that --force, --forbid and layouts use.
 * Stage: candidates -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <string.h>

/* One candidate, whatever its kind; NAN and "" where a field does not apply. */
typedef struct row {
    const char *kind; /* "link", "hub", "corridor" */
    const char *id;
    const char *from, *to, *resource, *mode;
    const char *unit; /* the resource's unit (a hub: its first input's), for people */
    double length_km;
    const char *route;
    const char *status; /* candidate, forced, pruned */
    double fixed_capital, fixed_per_yr, cost_per_unit, cost_per_trip, capacity, max_flow;
    const char *why;
} row;

static const char *const HEADER[] = {"kind",
                                     "id",
                                     "from",
                                     "to",
                                     "resource",
                                     "mode",
                                     "length_km",
                                     "route",
                                     "status",
                                     "fixed_capital",
                                     "fixed_per_yr",
                                     "cost_per_unit",
                                     "cost_per_trip",
                                     "capacity",
                                     "max_flow",
                                     "why",
                                     NULL};

static const char *status_name(snp_item_status s)
{
    return s == SNP_STATUS_FORCED      ? "forced"
           : s == SNP_STATUS_FORBIDDEN ? "forbidden"
                                       : "candidate";
}

/* The row of link l (pruned: its proof p). Strings go into the caller's buffers. */
static row link_row(const sn_instance *in, const snp_link *l, const snp_pruned *p, char *id,
                    char *route, size_t rsize, char *why, size_t wsize)
{
    row r;
    memset(&r, 0, sizeof r);
    r.kind = "link";
    r.id = snp_link_id(in, l, id, SNP_LINK_ID_MAX);
    r.from = snp_node_id(in, l->tail);
    r.to = snp_node_id(in, l->head);
    r.resource = in->resources[l->resource].id;
    r.unit = in->resources[l->resource].unit;
    r.mode = l->mode == SNP_MODE_PIPE ? "pipe" : "truck";
    r.length_km = l->length_km;
    const snp_link_spec *sp = l->spec >= 0 ? &in->links[l->spec] : NULL;
    if (l->corridor >= 0)
        snprintf(route, rsize, "corridor %s", in->corridors[l->corridor].id);
    else if (sp && sp->has_length)
        snprintf(route, rsize, "given length");
    else
        snprintf(route, rsize, "straight line x %g",
                 l->mode == SNP_MODE_PIPE ? in->resources[l->resource].pipe.detour
                                          : in->resources[l->resource].truck.detour);
    r.route = route;
    r.status = p ? "pruned" : l->forced ? "forced" : "candidate";
    double size_capital = 0;
    if (l->n_sizes > 0) /* sizes are sorted by capacity; the cheapest need not be the first */
        for (int s = 0; s < l->n_sizes; s++)
            if (s == 0 || l->length_km * l->sizes[s].capital_per_km < size_capital)
                size_capital = l->length_km * l->sizes[s].capital_per_km;
    r.fixed_capital = l->fixed_capital + size_capital;
    r.fixed_per_yr = l->fixed_annual + l->crf * size_capital;
    r.cost_per_unit = l->unit_annual;
    r.cost_per_trip = l->trip_capacity > 0 ? l->trip_cost : NAN;
    r.capacity = sp && sp->has_capacity ? sp->capacity
                 : l->n_sizes > 0       ? l->sizes[l->n_sizes - 1].capacity
                                        : NAN;
    r.max_flow = l->bound;
    why[0] = '\0';
    if (p && p->margin <= 0)
        snprintf(why, wsize,
                 "each %s costs more to send (%.6g %s) than it saves at both ends: margin %.6g %s "
                 "per %s",
                 r.unit, l->unit_annual, in->currency, p->margin, in->currency, r.unit);
    else if (p) {
        char b[48], mg[48], earn[48], fx[48];
        snprintf(why, wsize,
                 "at most %s %s a year at a margin of %s %s per %s earns %s %s a year, no more "
                 "than its fixed cost of %s %s a year",
                 snp_fmt_amount(b, sizeof b, l->bound), r.unit,
                 snp_fmt_number(mg, sizeof mg, p->margin, 3, 0), in->currency, r.unit,
                 snp_fmt_money(earn, sizeof earn, l->bound * p->margin, 0), in->currency,
                 snp_fmt_money(fx, sizeof fx, p->fixed, 0), in->currency);
    }
    r.why = why;
    return r;
}

static void write_text_row(FILE *f, const row *r, const char *cur)
{
    char len[32] = "", cap[64] = "-", unit[64] = "", fixed[48];
    if (isfinite(r->length_km))
        snprintf(len, sizeof len, "%.1f km", r->length_km);
    if (isfinite(r->capacity)) {
        char amt[40];
        snprintf(cap, sizeof cap, "%s %s/yr", snp_fmt_amount(amt, sizeof amt, r->capacity),
                 r->unit);
    }
    if (isfinite(r->cost_per_unit))
        snprintf(unit, sizeof unit, "%.4g %s/%s", r->cost_per_unit, cur, r->unit);
    fprintf(f, "  %-44s %-8s %-12s %10s %14s %s/yr  %16s  %-16s %s\n", r->id,
            r->mode[0] ? r->mode : r->kind, r->resource, len,
            snp_fmt_money(fixed, sizeof fixed, r->fixed_per_yr, 0), cur, unit, cap, r->status);
    if (r->why[0])
        fprintf(f, "      never pays: %s\n", r->why);
}

static void write_csv_row(FILE *f, const row *r)
{
    snp_csv_text(f, r->kind, 0);
    snp_csv_text(f, r->id, 0);
    snp_csv_text(f, r->from, 0);
    snp_csv_text(f, r->to, 0);
    snp_csv_text(f, r->resource, 0);
    snp_csv_text(f, r->mode, 0);
    snp_csv_number(f, r->length_km, 0);
    snp_csv_text(f, r->route, 0);
    snp_csv_text(f, r->status, 0);
    snp_csv_number(f, r->fixed_capital, 0);
    snp_csv_number(f, r->fixed_per_yr, 0);
    snp_csv_number(f, r->cost_per_unit, 0);
    snp_csv_number(f, r->cost_per_trip, 0);
    snp_csv_number(f, r->capacity, 0);
    snp_csv_number(f, r->max_flow, 0);
    snp_csv_text(f, r->why, 1);
}

static void write_json_row(FILE *f, const row *r, int first)
{
    const char *s[] = {r->kind, r->id, r->from, r->to, r->resource, r->mode};
    const double v[] = {r->fixed_capital, r->fixed_per_yr, r->cost_per_unit,
                        r->cost_per_trip, r->capacity,     r->max_flow};
    fputs(first ? "\n    {" : ",\n    {", f);
    for (int k = 0; k < 6; k++) {
        fprintf(f, "%s\"%s\": ", k ? ", " : "", HEADER[k]);
        if (s[k][0])
            snp_json_string(f, s[k]);
        else
            fputs("null", f);
    }
    fputs(", \"length_km\": ", f);
    snp_json_number(f, r->length_km);
    fputs(", \"route\": ", f);
    snp_json_string(f, r->route);
    fputs(", \"status\": ", f);
    snp_json_string(f, r->status);
    for (int k = 0; k < 6; k++) {
        fprintf(f, ", \"%s\": ", HEADER[9 + k]);
        snp_json_number(f, v[k]);
    }
    fputs(", \"why\": ", f);
    if (r->why[0])
        snp_json_string(f, r->why);
    else
        fputs("null", f);
    fputs("}", f);
}

static void emit(FILE *f, sn_table_format fmt, const row *r, int *n, const char *cur)
{
    if (fmt == SN_TABLE_CSV)
        write_csv_row(f, r);
    else if (fmt == SN_TABLE_JSON)
        write_json_row(f, r, *n == 0);
    else
        write_text_row(f, r, cur);
    (*n)++;
}

sn_status sn_report_write_candidates(const sn_candidates *c, sn_table_format fmt, FILE *f)
{
    if (!c || !f)
        return SN_EUSAGE;
    const sn_instance *in = c->in;
    const sn_model *m = c->m;
    const char *cur = in->currency;
    char id[SNP_LINK_ID_MAX], route[160], why[400], loc[80];
    int n = 0;
    if (fmt == SN_TABLE_CSV)
        for (int k = 0; HEADER[k]; k++)
            snp_csv_text(f, HEADER[k], HEADER[k + 1] == NULL);
    else if (fmt == SN_TABLE_JSON) {
        fputs("{\n  \"format\": \"symnet-candidates/1\",\n  \"region\": ", f);
        snp_json_string(f, in->name);
        fputs(",\n  \"currency\": ", f);
        snp_json_string(f, cur);
        fputs(",\n  \"candidates\": [", f);
    } else
        fprintf(f,
                "%s: %d candidate links offered to the solver, %d left out (they never pay), "
                "%d hubs, %d corridors\n  %-44s %-8s %-12s %10s %18s  %16s  %-16s %s\n",
                in->name, (int)m->links.len, (int)m->pruned.len, in->n_hubs, in->n_corridors, "id",
                "mode", "resource", "length", "fixed per year", "per unit", "capacity", "status");
    for (size_t k = 0; k < m->links.len; k++) {
        row r =
            link_row(in, snp_model_link(m, (int)k), NULL, id, route, sizeof route, why, sizeof why);
        emit(f, fmt, &r, &n, cur);
    }
    for (size_t k = 0; k < m->pruned.len; k++) {
        const snp_pruned *p = &SNP_VEC_AT(&m->pruned, snp_pruned, k);
        row r = link_row(in, &p->link, p, id, route, sizeof route, why, sizeof why);
        emit(f, fmt, &r, &n, cur);
    }
    for (int h = 0; h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        row r;
        memset(&r, 0, sizeof r);
        r.kind = "hub";
        r.id = hub->id;
        r.from = r.to = r.mode = r.why = "";
        r.resource = in->resources[hub->inputs[0].resource].id;
        r.unit = in->resources[hub->inputs[0].resource].unit;
        r.length_km = NAN;
        snprintf(loc, sizeof loc, "at %.6g, %.6g", hub->loc.x, hub->loc.y);
        r.route = loc;
        r.status = status_name(hub->status);
        double crf = snp_crf(in->discount_rate, hub->lifetime_yr);
        r.fixed_capital = hub->capacities[0].capital;
        r.fixed_per_yr = crf * hub->capacities[0].capital + hub->capacities[0].fixed_opex;
        r.cost_per_unit = hub->inputs[0].cost_per_unit;
        r.cost_per_trip = NAN;
        r.capacity = hub->capacities[hub->n_capacities - 1].capacity;
        r.max_flow = NAN;
        emit(f, fmt, &r, &n, cur);
    }
    for (int k = 0; k < in->n_corridors; k++) {
        const snp_corridor *co = &in->corridors[k];
        row r;
        memset(&r, 0, sizeof r);
        r.kind = "corridor";
        r.id = co->id;
        r.from = snp_node_id(in, co->a);
        r.to = snp_node_id(in, co->b);
        r.resource = r.mode = r.why = r.unit = "";
        r.length_km = co->has_length ? co->length_km : snp_node_dist_km(in, co->a, co->b);
        r.route = co->has_length ? "given length" : "straight line";
        r.status = status_name(co->status);
        r.fixed_capital = co->capital;
        r.fixed_per_yr = snp_crf(in->discount_rate, co->lifetime_yr) * co->capital;
        r.cost_per_unit = r.cost_per_trip = r.capacity = r.max_flow = NAN;
        emit(f, fmt, &r, &n, cur);
    }
    if (fmt == SN_TABLE_JSON)
        fputs(n ? "\n  ]\n}\n" : "]\n}\n", f);
    return ferror(f) ? SN_EIO : SN_OK;
}
