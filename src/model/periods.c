/*
 * periods.c - the year in periods (docs/model.md 14): on top of the annual model that build.c
 * makes, per-period columns of every flow of a periodic resource, tied to their annual totals,
 * and the balances and capacities of each period. Stage: const sn_instance -> sn_model, called
 * by sn_model_build after the annual rows; a region without periods gets nothing from here, so
 * its model is the annual one unchanged.
 *
 * The annual columns keep every cost (costs are linear in the amounts, so the year's cost is
 * the sum of the periods'); the period columns cost nothing and only restrict which annual
 * networks are possible. Disposal, purchases and hub disposal per period are the slacks of the
 * period rows (14.2, 14.5, 14.7), so they need no columns: each period's share of the annual
 * amount is what its row leaves over. Capacities are annual-equivalent (a size or hub capacity
 * of C per year carries C h_p / H in a period of h_p of the H hours, i.e. a peak rate of C / H
 * per hour), so a region without periods reads its capacities as before.
 */
#include "model_int.h"

#include <math.h>

#define OK_OR(expr)                                                                                \
    do {                                                                                           \
        if ((expr) != 0)                                                                           \
            return SN_ENOMEM;                                                                      \
    } while (0)

/* Links by node, in and out (CSR), of periodic resources only. */
typedef struct padj {
    int *in_start, *in_list, *out_start, *out_list;
} padj;

static sn_status build_padj(sn_model *m, padj *a)
{
    const sn_instance *in = m->inst;
    int nn = snp_node_count(in), nl = (int)m->links.len;
    a->in_start = snp_arena_array(&m->arena, (size_t)nn + 2, sizeof(int));
    a->out_start = snp_arena_array(&m->arena, (size_t)nn + 2, sizeof(int));
    a->in_list = snp_arena_array(&m->arena, (size_t)nl + 1, sizeof(int));
    a->out_list = snp_arena_array(&m->arena, (size_t)nl + 1, sizeof(int));
    int *fi = snp_arena_array(&m->arena, (size_t)nn + 1, sizeof(int));
    int *fo = snp_arena_array(&m->arena, (size_t)nn + 1, sizeof(int));
    if (!a->in_start || !a->out_start || !a->in_list || !a->out_list || !fi || !fo)
        return SN_ENOMEM;
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (!in->res_periodic[l->resource])
            continue;
        a->in_start[l->head + 1]++;
        a->out_start[l->tail + 1]++;
    }
    for (int n = 0; n < nn; n++) {
        a->in_start[n + 1] += a->in_start[n];
        a->out_start[n + 1] += a->out_start[n];
    }
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (!in->res_periodic[l->resource])
            continue;
        a->in_list[a->in_start[l->head] + fi[l->head]++] = k;
        a->out_list[a->out_start[l->tail] + fo[l->tail]++] = k;
    }
    return SN_OK;
}

/* sign * (arrive) * xp(l, p) for every periodic link of resource r into (in = 1) or out of
 * node. Returns the number of terms added, or -1 without memory. */
static int add_period_links(sn_model *m, const padj *a, int node, int r, int p, int into,
                            double sign)
{
    const int *start = into ? a->in_start : a->out_start;
    const int *list = into ? a->in_list : a->out_list;
    int n = 0;
    for (int e = start[node]; e < start[node + 1]; e++) {
        const snp_link *l = snp_model_link(m, list[e]);
        if (l->resource != r)
            continue;
        if (snp_model_row_add(m, m->period_flow_col[list[e]] + p,
                              sign * (into ? l->arrive : 1.0)) != 0)
            return -1;
        n++;
    }
    return n;
}

/* 14.1 and 14.8: per-period flows of every link of a periodic resource, their sum the annual
 * flow, and the link's capacity in each period. */
static sn_status link_periods(sn_model *m)
{
    const sn_instance *in = m->inst;
    int np = m->n_periods;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        m->period_flow_col[k] = m->period_peak_col[k] = -1;
        if (!in->res_periodic[l->resource])
            continue;
        const char *rid = in->resources[l->resource].id;
        const char *tid = snp_node_id(in, l->tail), *hid = snp_node_id(in, l->head);
        const char *mode = l->mode == SNP_MODE_PIPE ? "pipe" : "truck";
        const snp_link_spec *sp = l->spec >= 0 ? &in->links[l->spec] : NULL;
        double given = sp && sp->has_capacity ? sp->capacity : INFINITY;
        for (int p = 0; p < np; p++) {
            double w = in->periods[p].hours / in->period_hours_total;
            /* a given capacity without a build decision bounds the column itself */
            double ub = l->col_build < 0 && isfinite(given) ? fmin(l->bound, w * given) : l->bound;
            int c = snp_model_add_col(m, SNP_COL_CONT, 0, ub, 0, SNP_ROLE_PERIOD_FLOW, (int)k, p,
                                      "xp(%s,%s,%s,%s,%s)", rid, tid, hid, mode, in->periods[p].id);
            OK_OR(c < 0);
            if (p == 0)
                m->period_flow_col[k] = c;
        }
        /* 14.1  sum_p xp(l, p) = sum_c x(l, c) */
        OK_OR(snp_model_row_begin(m, "pflow(%s,%s,%s,%s)", rid, tid, hid, mode));
        for (int p = 0; p < np; p++)
            OK_OR(snp_model_row_add(m, m->period_flow_col[k] + p, 1.0));
        for (int q = 0; q < l->n_comm; q++)
            OK_OR(snp_model_row_add(m, l->first_flow + q, -1.0));
        OK_OR(snp_model_row_end(m, 0, 0));
        /* 14.9  capital per unit carried pays for the peak: xp(l, p) <= (h_p / H) kp(l), with
         * the per-unit capital moved from the flow to kp (the size, annual-equivalent) */
        if (l->unit_capital > 0) {
            double wmin = 1;
            for (int p = 0; p < np; p++)
                wmin = fmin(wmin, in->periods[p].hours / in->period_hours_total);
            double cost = l->crf * l->unit_capital;
            int elastic = m->kind != SN_MODEL_NETWORK;
            int c = snp_model_add_col(m, SNP_COL_CONT, 0, l->bound / wmin, elastic ? 0 : cost,
                                      SNP_ROLE_PERIOD_PEAK, (int)k, -1, "kp(%s,%s,%s,%s)", rid, tid,
                                      hid, mode);
            OK_OR(c < 0);
            m->period_peak_col[k] = c;
            for (int q = 0; q < l->n_comm && !elastic; q++)
                SNP_VEC_AT(&m->cols, snp_col, l->first_flow + q).obj -= cost;
            for (int p = 0; p < np; p++) {
                double w = in->periods[p].hours / in->period_hours_total;
                OK_OR(snp_model_row_begin(m, "ppeak(%s,%s,%s,%s,%s)", rid, tid, hid, mode,
                                          in->periods[p].id));
                OK_OR(snp_model_row_add(m, m->period_flow_col[k] + p, 1.0));
                OK_OR(snp_model_row_add(m, c, -w));
                OK_OR(snp_model_row_end(m, -INFINITY, 0));
            }
        }
        /* 14.8  xp(l, p) <= (h_p / H) sum_s cap_s y_s, or (h_p / H) capacity y_l */
        if (l->col_build < 0 || (l->n_sizes == 0 && !isfinite(given)))
            continue;
        for (int p = 0; p < np; p++) {
            double w = in->periods[p].hours / in->period_hours_total;
            OK_OR(snp_model_row_begin(m, "pcap(%s,%s,%s,%s,%s)", rid, tid, hid, mode,
                                      in->periods[p].id));
            OK_OR(snp_model_row_add(m, m->period_flow_col[k] + p, 1.0));
            if (l->n_sizes > 0) {
                for (int s = 0; s < l->n_sizes; s++)
                    OK_OR(snp_model_row_add(m, l->col_build + s, -w * l->sizes[s].capacity));
            } else {
                OK_OR(snp_model_row_add(m, l->col_build, -w * given));
            }
            OK_OR(snp_model_row_end(m, -INFINITY, 0));
        }
    }
    return SN_OK;
}

/* 14.2 to 14.5: facilities. */
static sn_status facility_periods(sn_model *m, const padj *a)
{
    const sn_instance *in = m->inst;
    int np = m->n_periods;
    int elastic = m->kind != SN_MODEL_NETWORK;
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        /* 14.2  sum_out xp(l, p) <= a_sp (= a_sp for a supply without disposal) */
        for (int s = 0; s < fa->n_supplies; s++) {
            const snp_supply *su = &fa->supplies[s];
            if (!su->by_period)
                continue;
            for (int p = 0; p < np; p++) {
                OK_OR(snp_model_row_begin(m, "psupply(%s,%s,%s)", fa->id,
                                          in->resources[su->resource].id, in->periods[p].id));
                int n = add_period_links(m, a, f, su->resource, p, 0, 1.0);
                OK_OR(n < 0);
                int must = !su->has_disposal && !elastic;
                OK_OR(snp_model_row_end(m, must ? su->by_period[p] : -INFINITY, su->by_period[p]));
            }
        }
        /* 14.3  per accepted periodic resource r that arrives: sum_in arrive xp = sum_k ap */
        size_t a0 = m->period_allocs.len;
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            if (!d->by_period)
                continue;
            for (int s = -1; s < d->n_subs; s++) {
                int r = s < 0 ? d->resource : d->subs[s].resource;
                if (a->in_start[f] == a->in_start[f + 1])
                    break;
                int arrives = 0;
                for (int e = a->in_start[f]; e < a->in_start[f + 1] && !arrives; e++)
                    arrives = snp_model_link(m, a->in_list[e])->resource == r;
                if (!arrives)
                    continue;
                snp_period_alloc pa = {f, k, r, s < 0 ? 1.0 : d->subs[s].ratio, -1};
                for (int p = 0; p < np; p++) {
                    int c = snp_model_add_col(
                        m, SNP_COL_CONT, 0, d->by_period[p] / pa.ratio, 0, SNP_ROLE_PERIOD_ALLOC,
                        (int)m->period_allocs.len, p, "ap(%s,%s,%s,%s)", fa->id,
                        in->resources[d->resource].id, in->resources[r].id, in->periods[p].id);
                    OK_OR(c < 0);
                    if (p == 0)
                        pa.col = c;
                }
                OK_OR(!snp_vec_push(&m->period_allocs, &pa));
                /* 14.4  sum_p ap(f, k, r, p) = sum_c a(f, k, r, c) */
                OK_OR(snp_model_row_begin(m, "palloc(%s,%s,%s)", fa->id,
                                          in->resources[d->resource].id, in->resources[r].id));
                for (int p = 0; p < np; p++)
                    OK_OR(snp_model_row_add(m, pa.col + p, 1.0));
                for (size_t i = 0; i < m->allocs.len; i++) {
                    const snp_allocation *al = &SNP_VEC_AT(&m->allocs, snp_allocation, i);
                    const snp_commodity *cm = &SNP_VEC_AT(&m->comms, snp_commodity, al->commodity);
                    if (al->facility == f && al->demand == k && cm->resource == r)
                        OK_OR(snp_model_row_add(m, al->col, -1.0));
                }
                OK_OR(snp_model_row_end(m, 0, 0));
            }
        }
        size_t a1 = m->period_allocs.len;
        for (int r = 0; r < in->n_resources && a1 > a0; r++) {
            int any = 0;
            for (size_t i = a0; i < a1 && !any; i++)
                any = SNP_VEC_AT(&m->period_allocs, snp_period_alloc, i).resource == r;
            if (!any)
                continue;
            for (int p = 0; p < np; p++) {
                OK_OR(snp_model_row_begin(m, "pinflow(%s,%s,%s)", fa->id, in->resources[r].id,
                                          in->periods[p].id));
                OK_OR(add_period_links(m, a, f, r, p, 1, 1.0) < 0);
                for (size_t i = a0; i < a1; i++) {
                    const snp_period_alloc *pa =
                        &SNP_VEC_AT(&m->period_allocs, snp_period_alloc, i);
                    if (pa->resource == r)
                        OK_OR(snp_model_row_add(m, pa->col + p, -1.0));
                }
                OK_OR(snp_model_row_end(m, 0, 0));
            }
        }
        /* 14.5  sum_r ratio ap(f, k, r, p) <= d_kp (= d_kp for a demand without a price) */
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            if (!d->by_period)
                continue;
            for (int p = 0; p < np; p++) {
                OK_OR(snp_model_row_begin(m, "pdemand(%s,%s,%s)", fa->id,
                                          in->resources[d->resource].id, in->periods[p].id));
                for (size_t i = a0; i < a1; i++) {
                    const snp_period_alloc *pa =
                        &SNP_VEC_AT(&m->period_allocs, snp_period_alloc, i);
                    if (pa->demand == k)
                        OK_OR(snp_model_row_add(m, pa->col + p, pa->ratio));
                }
                int must = !d->has_price && !elastic;
                OK_OR(snp_model_row_end(m, must ? d->by_period[p] : -INFINITY, d->by_period[p]));
            }
        }
    }
    return SN_OK;
}

/* 14.6: junctions conserve each periodic resource in every period. */
static sn_status junction_periods(sn_model *m, const padj *a)
{
    const sn_instance *in = m->inst;
    for (int j = 0; j < in->n_junctions; j++) {
        int node = in->n_facilities + in->n_hubs + j;
        for (int r = 0; r < in->n_resources; r++) {
            if (!in->res_periodic[r])
                continue;
            int any = 0;
            for (int e = a->in_start[node]; e < a->in_start[node + 1] && !any; e++)
                any = snp_model_link(m, a->in_list[e])->resource == r;
            if (!any)
                continue;
            for (int p = 0; p < m->n_periods; p++) {
                OK_OR(snp_model_row_begin(m, "pjunction(%s,%s,%s)", in->junctions[j].id,
                                          in->resources[r].id, in->periods[p].id));
                OK_OR(add_period_links(m, a, node, r, p, 1, 1.0) < 0);
                OK_OR(add_period_links(m, a, node, r, p, 0, -1.0) < 0);
                OK_OR(snp_model_row_end(m, 0, 0));
            }
        }
    }
    return SN_OK;
}

/* 14.10: a store at hub h: one binary per option, v(h, q), with its annualised capital and
 * fixed opex; the level s(h, p) held at the end of each period; s(h, p) <= sum_q cap_q v(h, q)
 * and sum_q v(h, q) <= sum_o z(h, o) (one option, and only with the hub). The level enters the
 * output's period balance (14.7d). */
static sn_status store_columns(sn_model *m, int h)
{
    const sn_instance *in = m->inst;
    const snp_hub *hub = &in->hubs[h];
    int np = m->n_periods;
    int elastic = m->kind != SN_MODEL_NETWORK;
    if (!hub->has_storage)
        return SN_OK;
    const snp_hub_storage *st = &hub->storage;
    double crf = snp_crf(in->discount_rate, hub->lifetime_yr);
    const char *rid = in->resources[st->resource].id;
    for (int q = 0; q < st->n_capacities; q++) {
        const snp_hub_capacity *o = &st->capacities[q];
        int c =
            snp_model_add_col(m, SNP_COL_BIN, 0, 1, elastic ? 0 : crf * o->capital + o->fixed_opex,
                              SNP_ROLE_STORE_SIZE, h, q, "v(%s,%s,%d)", hub->id, rid, q + 1);
        OK_OR(c < 0);
        if (q == 0)
            m->store_size_col[h] = c;
    }
    double most = st->capacities[st->n_capacities - 1].capacity;
    for (int p = 0; p < np; p++) {
        int c = snp_model_add_col(m, SNP_COL_CONT, 0, most, 0, SNP_ROLE_STORE_LEVEL, h, p,
                                  "s(%s,%s,%s)", hub->id, rid, in->periods[p].id);
        OK_OR(c < 0);
        if (p == 0)
            m->store_level_col[h] = c;
        OK_OR(snp_model_row_begin(m, "pstore_cap(%s,%s,%s)", hub->id, rid, in->periods[p].id));
        OK_OR(snp_model_row_add(m, c, 1.0));
        for (int q = 0; q < st->n_capacities; q++)
            OK_OR(snp_model_row_add(m, m->store_size_col[h] + q, -st->capacities[q].capacity));
        OK_OR(snp_model_row_end(m, -INFINITY, 0));
    }
    OK_OR(snp_model_row_begin(m, "pstore_hub(%s)", hub->id));
    for (int q = 0; q < st->n_capacities; q++)
        OK_OR(snp_model_row_add(m, m->store_size_col[h] + q, 1.0));
    for (int s = 0; s < hub->n_capacities; s++)
        OK_OR(snp_model_row_add(m, m->hub_size_col[h][s], -1.0));
    OK_OR(snp_model_row_end(m, -INFINITY, 0));
    return SN_OK;
}

int snp_model_periods_budget(sn_model *m)
{
    const sn_instance *in = m->inst;
    for (int h = 0; m->store_size_col && h < in->n_hubs; h++) {
        if (m->store_size_col[h] < 0)
            continue;
        const snp_hub_storage *st = &in->hubs[h].storage;
        for (int q = 0; q < st->n_capacities; q++)
            if (snp_model_row_add(m, m->store_size_col[h] + q, st->capacities[q].capital) != 0)
                return -1;
    }
    return 0;
}

/* 14.7: a hub with a periodic input or output processes in every period within its capacity's
 * share of the period; a periodic input arrives, and a periodic output leaves, in the period it
 * is processed. */
static sn_status hub_periods(sn_model *m, const padj *a)
{
    const sn_instance *in = m->inst;
    int np = m->n_periods;
    for (int h = 0; h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        int node = in->n_facilities + h;
        int per = 0;
        for (int i = 0; i < hub->n_inputs; i++)
            per |= in->res_periodic[hub->inputs[i].resource];
        for (int o = 0; o < hub->n_outputs; o++)
            per |= in->res_periodic[hub->outputs[o].resource];
        if (hub->status == SNP_STATUS_FORBIDDEN || !per)
            continue;
        double cap = hub->capacities[hub->n_capacities - 1].capacity;
        OK_OR(store_columns(m, h) != SN_OK);
        for (int i = 0; i < hub->n_inputs; i++) {
            const char *rid = in->resources[hub->inputs[i].resource].id;
            for (int p = 0; p < np; p++) {
                double w = in->periods[p].hours / in->period_hours_total;
                int c =
                    snp_model_add_col(m, SNP_COL_CONT, 0, w * cap, 0, SNP_ROLE_PERIOD_PROCESS, h,
                                      i * np + p, "pp(%s,%s,%s)", hub->id, rid, in->periods[p].id);
                OK_OR(c < 0);
                if (p == 0)
                    m->period_proc_col[h][i] = c;
            }
            /* 14.7a  sum_p pp(h, i, p) = p(h, i) */
            OK_OR(snp_model_row_begin(m, "pproc(%s,%s)", hub->id, rid));
            for (int p = 0; p < np; p++)
                OK_OR(snp_model_row_add(m, m->period_proc_col[h][i] + p, 1.0));
            OK_OR(snp_model_row_add(m, m->hub_proc_col[h][i], -1.0));
            OK_OR(snp_model_row_end(m, 0, 0));
        }
        for (int p = 0; p < np; p++) {
            double w = in->periods[p].hours / in->period_hours_total;
            const char *pid = in->periods[p].id;
            /* 14.7b  sum_i pp(h, i, p) <= (h_p / H) sum_s cap_s z_s */
            OK_OR(snp_model_row_begin(m, "phub_cap(%s,%s)", hub->id, pid));
            for (int i = 0; i < hub->n_inputs; i++)
                OK_OR(snp_model_row_add(m, m->period_proc_col[h][i] + p, 1.0));
            for (int s = 0; s < hub->n_capacities; s++)
                OK_OR(
                    snp_model_row_add(m, m->hub_size_col[h][s], -w * hub->capacities[s].capacity));
            OK_OR(snp_model_row_end(m, -INFINITY, 0));
            /* 14.7c  periodic input: sum_in arrive xp(l, p) = pp(h, i, p) */
            for (int i = 0; i < hub->n_inputs; i++) {
                int r = hub->inputs[i].resource;
                if (!in->res_periodic[r])
                    continue;
                OK_OR(
                    snp_model_row_begin(m, "phub_in(%s,%s,%s)", hub->id, in->resources[r].id, pid));
                OK_OR(add_period_links(m, a, node, r, p, 1, 1.0) < 0);
                OK_OR(snp_model_row_add(m, m->period_proc_col[h][i] + p, -1.0));
                OK_OR(snp_model_row_end(m, 0, 0));
            }
            /* 14.7d  periodic output: sum_out xp(l, p) <= sum_i yield_io pp(h, i, p), and with a
             * store of this output (14.10): + (1 - loss) s(h, p-1) - s(h, p) */
            for (int o = 0; o < hub->n_outputs; o++) {
                int r = hub->outputs[o].resource;
                if (!in->res_periodic[r])
                    continue;
                OK_OR(snp_model_row_begin(m, "phub_out(%s,%s,%s)", hub->id, in->resources[r].id,
                                          pid));
                int n = add_period_links(m, a, node, r, p, 0, -1.0);
                OK_OR(n < 0);
                for (int i = 0; i < hub->n_inputs; i++)
                    OK_OR(snp_model_row_add(m, m->period_proc_col[h][i] + p,
                                            hub->inputs[i].yields[o]));
                if (m->store_level_col[h] >= 0 && hub->storage.output == o) {
                    int prev = (p + np - 1) % np; /* the year repeats: before the first, the last */
                    OK_OR(snp_model_row_add(m, m->store_level_col[h] + p, -1.0));
                    OK_OR(snp_model_row_add(m, m->store_level_col[h] + prev,
                                            1.0 - hub->storage.loss));
                }
                OK_OR(snp_model_row_end(m, 0, INFINITY));
            }
        }
    }
    return SN_OK;
}

sn_status snp_model_periods(sn_model *m)
{
    const sn_instance *in = m->inst;
    m->n_periods = in->n_periods;
    if (in->n_periods == 0)
        return SN_OK;
    m->period_flow_col = snp_arena_array(&m->arena, m->links.len + 1, sizeof(int));
    m->period_peak_col = snp_arena_array(&m->arena, m->links.len + 1, sizeof(int));
    m->period_proc_col = snp_arena_array(&m->arena, (size_t)in->n_hubs + 1, sizeof(int *));
    if (!m->period_flow_col || !m->period_proc_col || !m->period_peak_col)
        return SN_ENOMEM;
    m->store_size_col = snp_arena_array(&m->arena, (size_t)in->n_hubs + 1, sizeof(int));
    m->store_level_col = snp_arena_array(&m->arena, (size_t)in->n_hubs + 1, sizeof(int));
    if (!m->store_size_col || !m->store_level_col)
        return SN_ENOMEM;
    for (int h = 0; h < in->n_hubs; h++) {
        m->store_size_col[h] = m->store_level_col[h] = -1;
        m->period_proc_col[h] =
            snp_arena_array(&m->arena, (size_t)in->hubs[h].n_inputs + 1, sizeof(int));
        if (!m->period_proc_col[h])
            return SN_ENOMEM;
        for (int i = 0; i < in->hubs[h].n_inputs; i++)
            m->period_proc_col[h][i] = -1;
    }
    padj a;
    sn_status st = build_padj(m, &a);
    if (st == SN_OK)
        st = link_periods(m);
    if (st == SN_OK)
        st = facility_periods(m, &a);
    if (st == SN_OK)
        st = junction_periods(m, &a);
    if (st == SN_OK)
        st = hub_periods(m, &a);
    return st;
}
