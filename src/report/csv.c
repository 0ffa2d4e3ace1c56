/*
 * csv.c - the solution as CSV tables for analysts (RFC 4180 style, LF line ends: a
 * header row, fields quoted when they hold a comma, quote or line break): links, hubs, facility
 * balances, the cost breakdown against business as usual, and the partners. Unknown values
 * (no network, no business as usual) are empty fields. Numbers are written with as many digits
 * as it takes to read back the same double, so totals reload exactly, and in plain notation
 * (2500000, not 2.5e+06) wherever that is not absurdly long (snp_fmt_plain, fmt.c).
 *
 * Stage: sn_result -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const TABLE_FILES[SN_CSV_COUNT] = {
    "links.csv",     "hubs.csv",    "facilities.csv", "costs.csv",  "partners.csv",
    "corridors.csv", "figures.csv", "trenches.csv",   "periods.csv"};

const char *sn_csv_table_file(sn_csv_table t)
{
    return t >= 0 && t < SN_CSV_COUNT ? TABLE_FILES[t] : "";
}

static void links(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const sn_model *m = r->m;
    const snp_figures *g = &r->g;
    fputs("from,to,resource,unit,mode,length_km,flow,delivered,size_capacity,trips,corridor,"
          "capital,annual_cost,transfer_price,route\n",
          f);
    for (int i = 0; i < g->n_links; i++) {
        const snp_built_link *b = &g->links[i];
        const snp_link *l = snp_model_link(m, b->link);
        snp_csv_text(f, snp_node_id(in, l->tail), 0);
        snp_csv_text(f, snp_node_id(in, l->head), 0);
        snp_csv_text(f, in->resources[l->resource].id, 0);
        snp_csv_text(f, in->resources[l->resource].unit, 0);
        snp_csv_text(f, l->mode == SNP_MODE_PIPE ? "pipe" : "truck", 0);
        snp_csv_number(f, l->length_km, 0);
        snp_csv_number(f, b->flow, 0);
        snp_csv_number(f, b->flow * l->arrive, 0);
        snp_csv_number(f, b->size >= 0 ? l->sizes[b->size].capacity : NAN, 0);
        snp_csv_number(f, b->has_trips ? b->trips : NAN, 0);
        snp_csv_text(f, l->corridor >= 0 ? in->corridors[l->corridor].id : "", 0);
        snp_csv_number(f, b->capital, 0);
        snp_csv_number(f, b->annual, 0);
        snp_csv_number(f, r->split.priced ? r->split.price[i] : NAN, 0);
        snp_ways_csv_route(f, in, l); /* ways.c: trench ids, space-separated */
    }
}

static void hubs(FILE *f, const sn_instance *in, const snp_figures *g)
{
    fputs("hub,kind,capacity,capital,fixed_opex,annual_capital,direction,resource,unit,amount,"
          "disposed\n",
          f);
    for (int h = 0; g->has_network && h < in->n_hubs; h++) {
        if (g->hub_size[h] < 0)
            continue;
        const snp_hub *hub = &in->hubs[h];
        const snp_hub_capacity *o = &hub->capacities[g->hub_size[h]];
        double crf = snp_crf(in->discount_rate, hub->lifetime_yr);
        for (int q = 0; q < hub->n_inputs + hub->n_outputs; q++) {
            int input = q < hub->n_inputs;
            int r = input ? hub->inputs[q].resource : hub->outputs[q - hub->n_inputs].resource;
            double amount = 0, disposed = NAN;
            if (input) {
                amount = g->processed[h][q];
            } else {
                int u = q - hub->n_inputs;
                amount = g->produced[h][u];
                disposed = g->hub_disposed[h][u];
            }
            snp_csv_text(f, hub->id, 0);
            snp_csv_text(f, hub->kind, 0);
            snp_csv_number(f, o->capacity, 0);
            /* the hub's capital is on its first row only, so that the column sums */
            snp_csv_number(f, q == 0 ? o->capital : 0, 0);
            snp_csv_number(f, q == 0 ? o->fixed_opex : 0, 0);
            snp_csv_number(f, q == 0 ? crf * o->capital : 0, 0);
            snp_csv_text(f, input ? "input" : "output", 0);
            snp_csv_text(f, in->resources[r].id, 0);
            snp_csv_text(f, in->resources[r].unit, 0);
            snp_csv_number(f, amount, 0);
            snp_csv_number(f, disposed, 1);
        }
    }
}

static void facilities(FILE *f, const sn_instance *in, const snp_figures *g)
{
    fputs("facility,side,resource,unit,amount,network,disposed,purchased\n", f);
    int net = g->has_network;
    for (int i = 0; i < in->n_facilities; i++) {
        const snp_facility *fa = &in->facilities[i];
        for (int k = 0; k < fa->n_supplies; k++) {
            const snp_supply *su = &fa->supplies[k];
            snp_csv_text(f, fa->id, 0);
            snp_csv_text(f, "supply", 0);
            snp_csv_text(f, in->resources[su->resource].id, 0);
            snp_csv_text(f, in->resources[su->resource].unit, 0);
            snp_csv_number(f, su->amount, 0);
            snp_csv_number(f, net ? g->sent[i][k] : NAN, 0);
            snp_csv_number(f, net ? g->disposed[i][k] : NAN, 0);
            snp_csv_number(f, NAN, 1);
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            snp_csv_text(f, fa->id, 0);
            snp_csv_text(f, "demand", 0);
            snp_csv_text(f, in->resources[d->resource].id, 0);
            snp_csv_text(f, in->resources[d->resource].unit, 0);
            snp_csv_number(f, d->amount, 0);
            snp_csv_number(f, net ? g->received[i][k] : NAN, 0);
            snp_csv_number(f, NAN, 0);
            snp_csv_number(f, net ? g->purchased[i][k] : NAN, 1);
        }
    }
}

static void costs(FILE *f, const sn_instance *in, const snp_figures *g)
{
    fprintf(f, "category,network,business_as_usual,currency\n");
    const char *names[] = {"disposal",  "purchase", "capital_annualised",
                           "operating", "carbon",   "total"};
    const snp_costs *c = &g->cost, *b = &g->bau;
    double net[] = {c->disposal, c->purchase, c->capital, c->operating, c->carbon, c->total};
    double bau[] = {b->disposal, b->purchase, b->capital, b->operating, b->carbon, b->total};
    for (int i = 0; i < 6; i++) {
        snp_csv_text(f, names[i], 0);
        snp_csv_number(f, g->has_network ? net[i] : NAN, 0);
        snp_csv_number(f, g->bau_feasible ? bau[i] : NAN, 0);
        snp_csv_text(f, in->currency, 1);
    }
}

static void partners(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const sn_solution *s = r->s;
    const snp_partner *p = r->p;
    const snp_split *sp = &r->split;
    fputs("facility,bau_cost,cost,change,disposal,purchase,transport,shared,participates,"
          "worse_off,allocation,gain,gain_ci,received_through_prices,side_payment\n",
          f);
    for (int i = 0; i < in->n_facilities; i++) {
        const snp_partner *q = &p[i];
        int net = s->has_x;
        snp_csv_text(f, in->facilities[i].id, 0);
        snp_csv_number(f, q->bau, 0);
        snp_csv_number(f, q->total, 0);
        snp_csv_number(f, q->change, 0);
        snp_csv_number(f, net ? q->disposal : NAN, 0);
        snp_csv_number(f, net ? q->purchase : NAN, 0);
        snp_csv_number(f, net ? q->transport : NAN, 0);
        snp_csv_number(f, net ? q->shared : NAN, 0);
        snp_csv_text(f, q->participates ? "true" : "false", 0);
        snp_csv_text(f, q->worse_off ? "true" : "false", 0);
        snp_csv_text(f, sp->rule == SN_ALLOCATION_SHAPLEY ? "shapley" : "use", 0);
        snp_csv_number(f, net ? sp->gain[i] : NAN, 0);
        snp_csv_number(f, sp->sampled_components ? sp->ci[i] : NAN, 0);
        snp_csv_number(f, sp->priced ? sp->paid[i] : NAN, 0);
        snp_csv_number(f, sp->priced ? sp->side[i] : NAN, 1);
    }
}

static void corridors(FILE *f, const sn_instance *in, const snp_figures *g)
{
    fputs("corridor,from,to,length_km,capital,annual_capital\n", f);
    for (int k = 0; g->has_network && k < in->n_corridors; k++) {
        if (!g->corridor_built[k])
            continue;
        const snp_corridor *c = &in->corridors[k];
        snp_csv_text(f, c->id, 0);
        snp_csv_text(f, snp_node_id(in, c->a), 0);
        snp_csv_text(f, snp_node_id(in, c->b), 0);
        snp_csv_number(f, c->has_length ? c->length_km : snp_node_dist_km(in, c->a, c->b), 0);
        snp_csv_number(f, c->capital, 0);
        snp_csv_number(f, snp_crf(in->discount_rate, c->lifetime_yr) * c->capital, 1);
    }
}

sn_status sn_report_write_csv(const sn_result *r, sn_csv_table t, FILE *f)
{
    const sn_instance *in = r->in;
    const snp_figures *g = &r->g;
    switch (t) {
    case SN_CSV_LINKS:
        links(f, r);
        break;
    case SN_CSV_HUBS:
        hubs(f, in, g);
        break;
    case SN_CSV_FACILITIES:
        facilities(f, in, g);
        break;
    case SN_CSV_COSTS:
        costs(f, in, g);
        break;
    case SN_CSV_PARTNERS:
        partners(f, r);
        break;
    case SN_CSV_CORRIDORS:
        corridors(f, in, g);
        break;
    case SN_CSV_FIGURES:
        snp_figures_write_csv(f, r);
        break;
    case SN_CSV_TRENCHES:
        snp_ways_csv_trenches(f, r); /* ways.c */
        break;
    case SN_CSV_PERIODS:
        snp_periods_write_csv(f, r);
        break;
    case SN_CSV_COUNT:
        return SN_EUSAGE;
    }
    return ferror(f) ? SN_EIO : SN_OK;
}
