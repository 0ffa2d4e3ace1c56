/*
 * figures.c (report) - the headline figures, money and jobs of a result (src/result/figures.c
 * and money.c) as one list of rows: the JSON members "headline", "money" and "jobs", and the
 * CSV table figures.csv. The HTML report writes the same rows' values (html.c) under the same
 * keys, so a test can read all three and compare them (tests/unit/test_figures.c).
 *
 * Stage: sn_result -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const snp_figure_keys[SNP_FIG_COUNT] = {"water_saved", "energy_recovered",
                                                    "waste_diverted"};

/* Savings of facility i in the network against alone (its business as usual less its cost). */
double snp_partner_savings(const sn_result *r, int i)
{
    const snp_partner *q = &r->p[i];
    return r->s->has_x ? q->bau - q->total : NAN;
}

void snp_figure_rows(const sn_result *r, snp_figure_fn fn, void *ctx)
{
    const sn_instance *in = r->in;
    const snp_headline *h = &r->h;
    const snp_figures *g = &r->g;
    snp_figure_row row;
#define ROW(K, I, RATE, V, U)                                                                      \
    do {                                                                                           \
        row = (snp_figure_row){K, I, RATE, V, U};                                                  \
        fn(ctx, &row);                                                                             \
    } while (0)
    ROW("savings", "", NAN, h->has_network ? g->bau.total - g->cost.total : NAN, "currency/yr");
    ROW("headline.capital.links", "", NAN, h->capital_links, "currency");
    ROW("headline.capital.hubs", "", NAN, h->capital_hubs, "currency");
    ROW("headline.capital.corridors", "", NAN, h->capital_corridors, "currency");
    ROW("headline.capital.total", "", NAN, h->capital_year0, "currency");
    if (h->has_co2)
        ROW("headline.co2_avoided_t_per_yr", "", NAN, h->co2_avoided_t_per_yr, "t CO2e/yr");
    static const char *const fkeys[SNP_FIG_COUNT] = {
        "headline.water_saved", "headline.energy_recovered", "headline.waste_diverted"};
    for (int k = 0; k < SNP_FIG_COUNT; k++)
        for (int i = 0; h->fig[k].present && i < h->fig[k].n; i++)
            ROW(fkeys[k], h->fig[k].v[i].unit, NAN, h->fig[k].v[i].amount, "unit/yr");
    ROW("money.horizon_yr", "", NAN, h->horizon_yr, "yr");
    ROW("money.capital_year0", "", NAN, h->capital_year0, "currency");
    ROW("money.annual_savings_before_capital", "", NAN, h->cash, "currency/yr");
    ROW("money.annual_savings_before_capital_without_carbon", "", NAN, h->cash_without_carbon,
        "currency/yr");
    ROW("money.irr", "", NAN, h->irr, "fraction/yr");
    ROW("money.irr_without_carbon", "", NAN, h->irr_without_carbon, "fraction/yr");
    ROW("money.payback_yr", "", NAN, h->payback_yr, "yr");
    ROW("money.payback_yr_without_carbon", "", NAN, h->payback_without_carbon, "yr");
    for (int i = 0; i < h->n_rates; i++) {
        ROW("money.npv", "", h->rates[i].rate, h->rates[i].npv, "currency");
        ROW("money.npv_without_carbon", "", h->rates[i].rate, h->rates[i].npv_without_carbon,
            "currency");
    }
    for (int i = 0; i < in->n_facilities; i++)
        ROW("money.annual_savings_by_partner", in->facilities[i].id, NAN, snp_partner_savings(r, i),
            "currency/yr");
    ROW("jobs.construction_job_years", "", NAN, h->construction_job_years, "job-years");
    ROW("jobs.factor_per_million", "", NAN, in->construction_jobs_per_million,
        "job-years per million of currency");
    ROW("jobs.permanent", "", NAN, h->permanent_jobs, "jobs");
#undef ROW
}

static void num(FILE *f, const char *k, double v, int last)
{
    fputs("    ", f);
    snp_json_string(f, k);
    fputs(": ", f);
    snp_json_number(f, v);
    fputs(last ? "\n" : ",\n", f);
}

void snp_figures_write_json(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_headline *h = &r->h;
    const snp_figures *g = &r->g;
    fputs("  \"headline\": {\n    \"capital\": {\"links\": ", f);
    snp_json_number(f, h->capital_links);
    fputs(", \"hubs\": ", f);
    snp_json_number(f, h->capital_hubs);
    fputs(", \"corridors\": ", f);
    snp_json_number(f, h->capital_corridors);
    fputs(", \"total\": ", f);
    snp_json_number(f, h->capital_year0);
    fputs("}", f);
    if (h->has_co2) {
        fputs(",\n    \"co2_avoided_t_per_yr\": ", f);
        snp_json_number(f, h->co2_avoided_t_per_yr);
    }
    for (int k = 0; k < SNP_FIG_COUNT; k++) {
        if (!h->fig[k].present)
            continue;
        fputs(",\n    ", f);
        snp_json_string(f, snp_figure_keys[k]);
        fputs(": [", f);
        for (int i = 0; i < h->fig[k].n; i++) {
            fputs(i ? ", {\"unit\": " : "{\"unit\": ", f);
            snp_json_string(f, h->fig[k].v[i].unit);
            fputs(", \"amount\": ", f);
            snp_json_number(f, h->fig[k].v[i].amount);
            fputs("}", f);
        }
        fputs("]", f);
    }
    fputs("\n  },\n  \"money\": {\n", f);
    num(f, "horizon_yr", h->horizon_yr, 0);
    num(f, "capital_year0", h->capital_year0, 0);
    num(f, "annual_savings_before_capital", h->cash, 0);
    num(f, "annual_savings_before_capital_without_carbon", h->cash_without_carbon, 0);
    num(f, "irr", h->irr, 0);
    num(f, "irr_without_carbon", h->irr_without_carbon, 0);
    num(f, "payback_yr", h->payback_yr, 0);
    num(f, "payback_yr_without_carbon", h->payback_without_carbon, 0);
    fputs("    \"npv\": [", f);
    for (int i = 0; i < h->n_rates; i++) {
        fputs(i ? ",\n      {\"rate\": " : "\n      {\"rate\": ", f);
        snp_json_number(f, h->rates[i].rate);
        fprintf(f, ", \"source\": \"%s\", \"npv\": ",
                h->rates[i].from_region ? "region" : "command line");
        snp_json_number(f, h->rates[i].npv);
        fputs(", \"npv_without_carbon\": ", f);
        snp_json_number(f, h->rates[i].npv_without_carbon);
        fputs("}", f);
    }
    fputs("\n    ],\n    \"annual_savings_by_partner\": [", f);
    for (int i = 0; i < in->n_facilities; i++) {
        fputs(i ? ",\n      {\"id\": " : "\n      {\"id\": ", f);
        snp_json_string(f, in->facilities[i].id);
        fputs(", \"savings\": ", f);
        snp_json_number(f, snp_partner_savings(r, i));
        fputs("}", f);
    }
    fputs(in->n_facilities ? "\n    ]\n  },\n" : "]\n  },\n", f);
    fputs("  \"jobs\": {\n", f);
    num(f, "construction_job_years", h->construction_job_years, 0);
    num(f, "factor_per_million", in->construction_jobs_per_million, 0);
    fputs("    \"factor_source\": ", f);
    snp_json_string(f, in->construction_jobs_source);
    fprintf(f, ",\n    \"factor_default\": %s,\n",
            in->construction_jobs_default ? "true" : "false");
    num(f, "permanent", h->permanent_jobs, 0);
    fputs("    \"permanent_by\": [", f);
    int first = 1;
    for (int i = 0; g->has_network && i < in->n_facilities; i++) {
        if (!(in->facilities[i].jobs > 0) || !snp_headline_facility_exchanges(g, in, i))
            continue;
        fputs(first ? "{\"kind\": \"facility\", \"id\": " : ", {\"kind\": \"facility\", \"id\": ",
              f);
        first = 0;
        snp_json_string(f, in->facilities[i].id);
        fputs(", \"jobs\": ", f);
        snp_json_number(f, in->facilities[i].jobs);
        fputs("}", f);
    }
    for (int k = 0; g->has_network && k < in->n_hubs; k++) {
        if (!(in->hubs[k].jobs > 0) || g->hub_size[k] < 0)
            continue;
        fputs(first ? "{\"kind\": \"hub\", \"id\": " : ", {\"kind\": \"hub\", \"id\": ", f);
        first = 0;
        snp_json_string(f, in->hubs[k].id);
        fputs(", \"jobs\": ", f);
        snp_json_number(f, in->hubs[k].jobs);
        fputs("}", f);
    }
    fputs("]\n  },\n", f);
}

void snp_figure_unit(char *buf, size_t size, const sn_instance *in, const snp_figure_row *row)
{
    if (strncmp(row->unit, "currency", 8) == 0)
        snprintf(buf, size, "%s%s", in->currency, row->unit + 8);
    else if (strncmp(row->unit, "unit", 4) == 0)
        snprintf(buf, size, "%s%s", row->item, row->unit + 4);
    else
        snprintf(buf, size, "%s", row->unit);
}

typedef struct csv_ctx {
    FILE *f;
    const sn_instance *in;
} csv_ctx;

static void csv_row(void *ctx, const snp_figure_row *row)
{
    const csv_ctx *c = ctx;
    char unit[128];
    snp_figure_unit(unit, sizeof unit, c->in, row);
    snp_csv_text(c->f, row->key, 0);
    snp_csv_text(c->f, row->item, 0);
    snp_csv_number(c->f, row->rate, 0);
    snp_csv_number(c->f, row->value, 0);
    snp_csv_text(c->f, unit, 1);
}

void snp_figures_write_csv(FILE *f, const sn_result *r)
{
    fputs("figure,item,rate,value,unit\n", f);
    csv_ctx c = {f, r->in};
    snp_figure_rows(r, csv_row, &c);
}
