/*
 * periods.c - the per-period fields of the JSON solution and the periods.csv table (docs/
 * outputs.md "Periods"): the region's periods, each periodic link's flow per period, its peak
 * per hour and load factor, hub processing per period, and what each supply sends and each
 * demand receives per period. Nothing is written for an annual region. Stage: sn_result ->
 * [report]; reads the result's period figures (src/result/periods.c), never model columns.
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>

static void numbers(FILE *f, const char *key, const double *v, int n)
{
    fprintf(f, ", \"%s\": [", key);
    for (int p = 0; p < n; p++) {
        if (p)
            fputs(", ", f);
        snp_json_number(f, v[p]);
    }
    fputs("]", f);
}

/* amount_p - taken_p per period: what a supply disposes of or a demand buys. */
static void rest(FILE *f, const char *key, const double *amount, const double *taken, int n)
{
    fprintf(f, ", \"%s\": [", key);
    for (int p = 0; p < n; p++) {
        if (p)
            fputs(", ", f);
        snp_json_number(f, amount[p] - taken[p]);
    }
    fputs("]", f);
}

void snp_periods_write_json_top(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    if (in->n_periods == 0)
        return;
    fputs("  \"periods\": [", f);
    for (int p = 0; p < in->n_periods; p++) {
        fputs(p ? ", {\"id\": " : "{\"id\": ", f);
        snp_json_string(f, in->periods[p].id);
        fputs(", \"hours\": ", f);
        snp_json_number(f, in->periods[p].hours);
        fputs("}", f);
    }
    fputs("],\n", f);
}

void snp_periods_write_json_link(FILE *f, const sn_result *r, int i)
{
    const snp_period_figures *pf = &r->pf;
    if (pf->n == 0 || !pf->link[i])
        return;
    numbers(f, "by_period", pf->link[i], pf->n);
    fputs(", \"peak_per_h\": ", f);
    snp_json_number(f, pf->link_peak[i]);
    fputs(", \"load_factor\": ", f);
    snp_json_number(f, pf->link_load[i]);
}

void snp_periods_write_json_processed(FILE *f, const sn_result *r, int h, int i)
{
    const snp_period_figures *pf = &r->pf;
    if (pf->n > 0 && pf->processed[h])
        numbers(f, "by_period", pf->processed[h][i], pf->n);
}

void snp_periods_write_json_produced(FILE *f, const sn_result *r, int h, int o)
{
    const snp_period_figures *pf = &r->pf;
    const snp_hub *hub = &r->in->hubs[h];
    if (pf->n == 0 || !pf->processed[h] || !pf->hub_sent[h][o])
        return;
    double *made = snp_calloc((size_t)pf->n, sizeof *made);
    if (!made) {
        fputs(", \"by_period\": null", f); /* cannot happen for sane n; keeps the JSON valid */
        return;
    }
    for (int i = 0; i < hub->n_inputs; i++)
        for (int p = 0; p < pf->n; p++)
            made[p] += hub->inputs[i].yields[o] * pf->processed[h][i][p];
    numbers(f, "by_period", made, pf->n);
    numbers(f, "sent_by_period", pf->hub_sent[h][o], pf->n);
    rest(f, "disposed_by_period", made, pf->hub_sent[h][o], pf->n);
    snp_free(made);
}

void snp_periods_write_json_hub(FILE *f, const sn_result *r, int h)
{
    const snp_period_figures *pf = &r->pf;
    if (pf->n == 0 || !pf->processed[h])
        return;
    fputs(", \"load_factor\": ", f);
    snp_json_number(f, pf->hub_load[h]);
}

void snp_periods_write_json_supply(FILE *f, const sn_result *r, int fi, int k)
{
    const snp_period_figures *pf = &r->pf;
    const snp_supply *su = &r->in->facilities[fi].supplies[k];
    if (!su->by_period)
        return;
    numbers(f, "amount_by_period", su->by_period, r->in->n_periods);
    if (pf->n == 0)
        return;
    numbers(f, "sent_by_period", pf->sent[fi][k], pf->n);
    rest(f, "disposed_by_period", su->by_period, pf->sent[fi][k], pf->n);
}

void snp_periods_write_json_demand(FILE *f, const sn_result *r, int fi, int k)
{
    const snp_period_figures *pf = &r->pf;
    const sn_instance *in = r->in;
    const snp_demand *d = &in->facilities[fi].demands[k];
    if (!d->by_period)
        return;
    numbers(f, "amount_by_period", d->by_period, in->n_periods);
    if (pf->n == 0)
        return;
    numbers(f, "received_by_period", pf->received[fi][k], pf->n);
    rest(f, "purchased_by_period", d->by_period, pf->received[fi][k], pf->n);
    fputs(", \"intake_by_period\": [", f);
    int first = 1;
    for (int j = 0; j <= d->n_subs; j++) {
        const double *v = pf->intake[fi][k][j];
        if (!v)
            continue;
        fputs(first ? "{\"resource\": " : ", {\"resource\": ", f);
        first = 0;
        snp_json_string(f, in->resources[j == 0 ? d->resource : d->subs[j - 1].resource].id);
        numbers(f, "amounts", v, pf->n);
        fputs("}", f);
    }
    fputs("]", f);
}

/* One row of periods.csv. */
static void csv_row(FILE *f, const sn_instance *in, const char *element, const char *id,
                    const char *resource, const char *unit, int p, double amount, double peak,
                    double load)
{
    snp_csv_text(f, element, 0);
    snp_csv_text(f, id, 0);
    snp_csv_text(f, resource, 0);
    snp_csv_text(f, unit, 0);
    snp_csv_text(f, in->periods[p].id, 0);
    snp_csv_number(f, in->periods[p].hours, 0);
    snp_csv_number(f, amount, 0);
    snp_csv_number(f, amount / in->periods[p].hours, 0);
    snp_csv_number(f, peak, 0);
    snp_csv_number(f, load, 1);
}

void snp_periods_write_csv(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_period_figures *pf = &r->pf;
    fputs("element,id,resource,unit,period,hours,amount,per_hour,peak_per_h,load_factor\n", f);
    if (pf->n == 0)
        return;
    for (int i = 0; i < r->g.n_links; i++) {
        if (!pf->link[i])
            continue;
        const snp_link *l = snp_model_link(r->m, r->g.links[i].link);
        const snp_resource *res = &in->resources[l->resource];
        char id[SNP_LINK_ID_MAX];
        snp_link_id(in, l, id, sizeof id);
        for (int p = 0; p < pf->n; p++)
            csv_row(f, in, "link", id, res->id, res->unit, p, pf->link[i][p], pf->link_peak[i],
                    pf->link_load[i]);
    }
    for (int h = 0; h < in->n_hubs; h++) {
        if (!pf->processed[h])
            continue;
        const snp_hub *hub = &in->hubs[h];
        for (int i = 0; i < hub->n_inputs; i++) {
            const snp_resource *res = &in->resources[hub->inputs[i].resource];
            for (int p = 0; p < pf->n; p++)
                csv_row(f, in, "hub", hub->id, res->id, res->unit, p, pf->processed[h][i][p], NAN,
                        pf->hub_load[h]);
        }
    }
    for (int fi = 0; fi < in->n_facilities; fi++) {
        const snp_facility *fa = &in->facilities[fi];
        for (int k = 0; k < fa->n_supplies; k++) {
            const snp_resource *res = &in->resources[fa->supplies[k].resource];
            for (int p = 0; pf->sent[fi][k] && p < pf->n; p++)
                csv_row(f, in, "supply_sent", fa->id, res->id, res->unit, p, pf->sent[fi][k][p],
                        NAN, NAN);
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_resource *res = &in->resources[fa->demands[k].resource];
            for (int p = 0; pf->received[fi][k] && p < pf->n; p++)
                csv_row(f, in, "demand_received", fa->id, res->id, res->unit, p,
                        pf->received[fi][k][p], NAN, NAN);
        }
    }
}
