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
#include <string.h>

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
    /* a store of this output (model.md 14.10): what it releases counts as made in the period,
     * what it keeps is not disposed of */
    const double *lv = pf->store_level[h];
    for (int p = 0; lv && hub->storage.output == o && p < pf->n; p++)
        made[p] += (1 - hub->storage.loss) * lv[(p + pf->n - 1) % pf->n] - lv[p];
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
    int q = pf->store_option[h];
    if (q < 0)
        return;
    const snp_hub_storage *st = &r->in->hubs[h].storage;
    fputs(", \"storage\": {\"resource\": ", f);
    snp_json_string(f, r->in->resources[st->resource].id);
    fputs(", \"capacity\": ", f);
    snp_json_number(f, st->capacities[q].capacity);
    fputs(", \"capital\": ", f);
    snp_json_number(f, st->capacities[q].capital);
    fputs(", \"fixed_opex\": ", f);
    snp_json_number(f, st->capacities[q].fixed_opex);
    fputs(", \"loss\": ", f);
    snp_json_number(f, st->loss);
    numbers(f, "level_by_period", pf->store_level[h], pf->n);
    fputs("}", f);
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

/* ---- the HTML report: through the year -------------------------------------------------- */

static int energy_unit(const char *u)
{
    return strcmp(u, "MWh") == 0 || strcmp(u, "kWh") == 0 || strcmp(u, "GJ") == 0;
}

/* The per-hour rate of v in each period into out; returns the largest. */
static double rates(const sn_instance *in, const double *v, double *out)
{
    double hi = 0;
    for (int p = 0; p < in->n_periods; p++) {
        out[p] = v ? v[p] / in->periods[p].hours : 0;
        hi = fmax(hi, out[p]);
    }
    return hi;
}

/* One chart: per period, the sender's supply, the receiver's demand and the link's flow, each
 * per hour, as grouped bars (SVG, no script). */
static void link_chart(FILE *f, const sn_result *r, int i, double *buf)
{
    const sn_instance *in = r->in;
    const snp_period_figures *pf = &r->pf;
    const snp_link *l = snp_model_link(r->m, r->g.links[i].link);
    const snp_resource *res = &in->resources[l->resource];
    int np = pf->n, t, h;
    const double *series[3] = {NULL, NULL, pf->link[i]};
    if (snp_node_kind_of(in, l->tail, &t) == SNP_NODE_FACILITY)
        for (int k = 0; k < in->facilities[t].n_supplies; k++)
            if (in->facilities[t].supplies[k].resource == l->resource)
                series[0] = in->facilities[t].supplies[k].by_period;
    if (snp_node_kind_of(in, l->head, &h) == SNP_NODE_FACILITY)
        for (int k = 0; k < in->facilities[h].n_demands; k++)
            if (in->facilities[h].demands[k].resource == l->resource)
                series[1] = in->facilities[h].demands[k].by_period;
    const char *names[3] = {"supply at the sender", "demand at the receiver", "flow sent"};
    const char *colors[3] = {"#9ecae1", "#fdae6b", "#d62728"};
    double hi = 0;
    for (int s = 0; s < 3; s++)
        hi = fmax(hi, rates(in, series[s], buf + (size_t)s * (size_t)np));
    if (!(hi > 0))
        hi = 1;
    char id[SNP_LINK_ID_MAX];
    snp_link_id(in, l, id, sizeof id);
    fputs("<figure class=\"period-chart\"><figcaption>", f);
    snp_html_esc(f, snp_node_id(in, l->tail));
    fputs(" &#8594; ", f);
    snp_html_esc(f, snp_node_id(in, l->head));
    fputs(" (", f);
    snp_html_esc(f, res->name);
    fputs("): per hour of each period, in ", f);
    snp_html_esc(f, res->unit);
    fputs("/h; load factor ", f);
    snp_html_amount(f, pf->link_load[i], 2, 0);
    fputs("</figcaption>\n<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
          "viewBox=\"0 0 760 190\" role=\"img\" aria-label=\"",
          f);
    snp_html_esc(f, id);
    fputs(" by period\">\n", f);
    double x0 = 60, w = 690, top = 10, height = 130, gw = w / np, bw = gw * 0.8 / 3;
    fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#000\"/>", x0,
            top + height, x0 + w, top + height);
    fprintf(f, "<text x=\"0\" y=\"%.0f\">%.4g</text><text x=\"0\" y=\"%.0f\">0</text>\n", top + 10,
            hi, top + height);
    for (int p = 0; p < np; p++) {
        double gx = x0 + p * gw + gw * 0.1;
        for (int s = 0; s < 3; s++) {
            double v = buf[(size_t)s * (size_t)np + (size_t)p], bh = v / hi * height;
            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    "<title>%s, ",
                    gx + s * bw, top + height - bh, bw, bh, colors[s], names[s]);
            snp_html_esc(f, in->periods[p].id);
            fprintf(f, ": %.6g per h</title></rect>", v);
        }
        if (np <= 24) {
            fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">", gx + 1.5 * bw,
                    top + height + 15);
            snp_html_esc(f, in->periods[p].id);
            fputs("</text>", f);
        }
        fputs("\n", f);
    }
    double lx = x0;
    for (int s = 0; s < 3; s++) {
        fprintf(f,
                "<rect x=\"%.0f\" y=\"172\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                "<text x=\"%.0f\" y=\"183\">%s</text>",
                lx, colors[s], lx + 16, names[s]);
        lx += 30 + 7.2 * (double)strlen(names[s]);
    }
    fputs("\n</svg></figure>\n", f);
}

void snp_periods_write_html(FILE *f, const sn_result *r)
{
    const sn_instance *in = r->in;
    const snp_period_figures *pf = &r->pf;
    if (pf->n == 0)
        return;
    fputs("<h2>Through the year</h2>\n<p class=\"note\">The region's year in ", f);
    fprintf(f, "%d periods (", pf->n);
    for (int p = 0; p < pf->n && p < 24; p++) {
        if (p)
            fputs(", ", f);
        snp_html_esc(f, in->periods[p].id);
        fputs(" ", f);
        snp_html_amount(f, in->periods[p].hours, 0, 0);
        fputs(" h", f);
    }
    fputs(pf->n > 24 ? ", ...). " : "). ", f);
    fputs("Pipes and hubs are sized for the period with the largest flow per hour; the load "
          "factor is the average flow over that peak (1: it runs at its peak all year).</p>\n",
          f);
    fputs("<table id=\"load\" class=\"num\"><thead><tr><th>built</th><th>resource</th>"
          "<th>per year</th><th>peak per hour</th><th>load factor</th></tr></thead><tbody>\n",
          f);
    for (int i = 0; i < r->g.n_links; i++) {
        if (!pf->link[i])
            continue;
        const snp_link *l = snp_model_link(r->m, r->g.links[i].link);
        const snp_resource *res = &in->resources[l->resource];
        fputs("<tr><td>", f);
        snp_html_esc(f, snp_node_id(in, l->tail));
        fputs(" &#8594; ", f);
        snp_html_esc(f, snp_node_id(in, l->head));
        fputs("</td><td>", f);
        snp_html_esc(f, res->name);
        fputs("</td><td>", f);
        snp_html_amount(f, r->g.links[i].flow, 0, 0);
        fputs(" ", f);
        snp_html_esc(f, res->unit);
        fputs("</td><td>", f);
        snp_html_amount(f, pf->link_peak[i], 2, 0);
        fputs(" ", f);
        snp_html_esc(f, res->unit);
        fputs("/h</td><td>", f);
        snp_html_amount(f, pf->link_load[i], 2, 0);
        fputs("</td></tr>\n", f);
    }
    for (int h = 0; h < in->n_hubs; h++) {
        if (!pf->processed[h])
            continue;
        fputs("<tr><td>hub ", f);
        snp_html_esc(f, in->hubs[h].name);
        fputs("</td><td>all inputs</td><td></td><td></td><td>", f);
        snp_html_amount(f, pf->hub_load[h], 2, 0);
        fputs("</td></tr>\n", f);
        int q = pf->store_option[h];
        if (q < 0)
            continue;
        /* the store: its capacity, and the most it holds at the end of a period */
        const snp_hub_storage *st = &in->hubs[h].storage;
        const snp_resource *res = &in->resources[st->resource];
        double most = 0;
        for (int p = 0; p < pf->n; p++)
            most = fmax(most, pf->store_level[h][p]);
        fputs("<tr><td>store at ", f);
        snp_html_esc(f, in->hubs[h].name);
        fputs("</td><td>", f);
        snp_html_esc(f, res->name);
        fputs("</td><td>holds up to ", f);
        snp_html_amount(f, st->capacities[q].capacity, 0, 0);
        fputs(" ", f);
        snp_html_esc(f, res->unit);
        fputs("</td><td>most held ", f);
        snp_html_amount(f, most, 0, 0);
        fputs(" ", f);
        snp_html_esc(f, res->unit);
        fputs("</td><td></td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    double *buf = snp_calloc((size_t)pf->n * 3, sizeof *buf);
    if (!buf)
        return; /* the charts are left out; the table above says everything they show */
    for (int i = 0; i < r->g.n_links; i++) {
        const snp_link *l = snp_model_link(r->m, r->g.links[i].link);
        if (pf->link[i] && energy_unit(in->resources[l->resource].unit))
            link_chart(f, r, i, buf);
    }
    snp_free(buf);
}
