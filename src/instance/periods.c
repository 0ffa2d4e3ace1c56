/*
 * periods.c - the periods of a valid region (docs/format.md "Periods"): which resources are
 * resolved by period, and what each supply and demand of them amounts to in every period. Runs
 * at the end of snp_instance_validate, on a region whose every other check passed; the model's
 * period rows (src/model/periods.c) read only what is set here.
 *
 * A resource is periodic when it says "periodic": true, or when one of its supplies or demands
 * gives "profile" or "amounts" (parse.c has turned either into amounts per period); "periodic":
 * false forbids profiles. Its other supplies and demands are
 * spread over the periods in proportion to their hours (a constant rate over the year). A
 * demand must accept only periodic or only annual resources: a per-period demand cannot be met
 * from an annual total, nor the other way round.
 */
#include "instance_int.h"

#include <stdio.h>

static double *flat(sn_instance *in, double amount)
{
    double *v = snp_arena_array(&in->arena, (size_t)in->n_periods, sizeof *v);
    if (!v)
        return NULL;
    for (int p = 0; p < in->n_periods; p++)
        v[p] = amount * in->periods[p].hours / in->period_hours_total;
    return v;
}

/* A profile of a resource declared "periodic": false: 1 (reported), else 0. */
static int annual_profiled(const sn_instance *in, sn_diag *diag, int f, const char *side, int i,
                           int r, int given)
{
    if (!given || in->resources[r].periodic >= 0)
        return 0;
    char path[96];
    snprintf(path, sizeof path, "facilities[%d].%s[%d]", f, side, i);
    snp_diag_add(diag, SN_EINPUT, in->file, path,
                 "expected no profile or amounts: resource %s is annual (\"periodic\": false)",
                 in->resources[r].id);
    return 1;
}

sn_status snp_instance_periods_check(sn_instance *in, sn_diag *diag)
{
    if (in->n_periods == 0)
        return SN_OK;
    in->res_periodic = snp_arena_array(&in->arena, (size_t)in->n_resources + 1, sizeof(int));
    if (!in->res_periodic)
        goto nomem;
    for (int r = 0; r < in->n_resources; r++)
        in->res_periodic[r] = in->resources[r].periodic > 0;
    int nerr = 0;
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++)
            if (fa->supplies[s].by_period_given)
                in->res_periodic[fa->supplies[s].resource] = 1;
        for (int k = 0; k < fa->n_demands; k++)
            if (fa->demands[k].by_period_given)
                in->res_periodic[fa->demands[k].resource] = 1;
    }
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++)
            nerr += annual_profiled(in, diag, f, "supplies", s, fa->supplies[s].resource,
                                    fa->supplies[s].by_period_given);
        for (int k = 0; k < fa->n_demands; k++)
            nerr += annual_profiled(in, diag, f, "demands", k, fa->demands[k].resource,
                                    fa->demands[k].by_period_given);
    }
    for (int f = 0; f < in->n_facilities; f++) {
        snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++) {
            snp_supply *su = &fa->supplies[s];
            if (in->res_periodic[su->resource] && !su->by_period) {
                su->by_period = flat(in, su->amount);
                if (!su->by_period)
                    goto nomem;
            }
        }
        for (int k = 0; k < fa->n_demands; k++) {
            snp_demand *d = &fa->demands[k];
            int per = in->res_periodic[d->resource];
            for (int s = 0; s < d->n_subs; s++) {
                int r = d->subs[s].resource;
                if (in->res_periodic[r] == per)
                    continue;
                char path[96];
                snprintf(path, sizeof path, "facilities[%d].demands[%d].substitutes[%d]", f, k, s);
                snp_diag_add(diag, SN_EINPUT, in->file, path,
                             "expected a resource resolved by period like %s (%s), got %s (%s): a "
                             "demand accepts only periodic or only annual resources",
                             in->resources[d->resource].id, per ? "periodic" : "annual",
                             in->resources[r].id, per ? "annual" : "periodic");
                nerr++;
            }
            if (per && !d->by_period) {
                d->by_period = flat(in, d->amount);
                if (!d->by_period)
                    goto nomem;
            }
        }
    }
    for (int h = 0; h < in->n_hubs; h++) {
        snp_hub *hub = &in->hubs[h];
        if (!hub->has_storage)
            continue;
        int r = hub->storage.resource;
        hub->storage.output = -1;
        for (int o = 0; o < hub->n_outputs; o++)
            if (hub->outputs[o].resource == r)
                hub->storage.output = o;
        char path[64];
        snprintf(path, sizeof path, "hubs[%d].storage.resource", h);
        if (hub->storage.output < 0) {
            snp_diag_add(diag, SN_EINPUT, in->file, path,
                         "expected an output of hub %s (a store holds what the hub makes), got %s",
                         hub->id, in->resources[r].id);
            nerr++;
        } else if (!in->res_periodic[r]) {
            snp_diag_add(diag, SN_EINPUT, in->file, path,
                         "expected a periodic resource (a store holds it from one period to the "
                         "next), got %s (annual: profile one of its supplies or demands, or "
                         "declare it \"periodic\": true)",
                         in->resources[r].id);
            nerr++;
        }
    }
    return nerr ? SN_EINPUT : SN_OK;
nomem:
    snp_diag_add(diag, SN_ENOMEM, in->file, NULL, "out of memory");
    return SN_ENOMEM;
}
