/*
 * build.c - translates a valid region into its MILP (docs/model.md). Each constraint family
 * below carries its equation and the section of model.md that defines it.
 *
 * Stage: const sn_instance -> sn_model. Nothing here talks to a solver.
 */
#include "model_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK_OR(expr)                                                                                \
    do {                                                                                           \
        if ((expr) != 0)                                                                           \
            return SN_ENOMEM;                                                                      \
    } while (0)

/* Adjacency of links by node: in-links and out-links, CSR. */
typedef struct adjacency {
    int *in_start, *in_list, *out_start, *out_list;
} adjacency;

static sn_status build_adjacency(sn_model *m, adjacency *adj)
{
    int nn = snp_node_count(m->inst), nl = (int)m->links.len;
    adj->in_start = snp_arena_array(&m->arena, (size_t)nn + 1, sizeof(int));
    adj->out_start = snp_arena_array(&m->arena, (size_t)nn + 1, sizeof(int));
    adj->in_list = snp_arena_array(&m->arena, (size_t)nl + 1, sizeof(int));
    adj->out_list = snp_arena_array(&m->arena, (size_t)nl + 1, sizeof(int));
    int *fill_in = snp_arena_array(&m->arena, (size_t)nn + 1, sizeof(int));
    int *fill_out = snp_arena_array(&m->arena, (size_t)nn + 1, sizeof(int));
    if (!adj->in_start || !adj->out_start || !adj->in_list || !adj->out_list || !fill_in ||
        !fill_out)
        return SN_ENOMEM;
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        adj->in_start[l->head + 1]++;
        adj->out_start[l->tail + 1]++;
    }
    for (int n = 0; n < nn; n++) {
        adj->in_start[n + 1] += adj->in_start[n];
        adj->out_start[n + 1] += adj->out_start[n];
    }
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        adj->in_list[adj->in_start[l->head] + fill_in[l->head]++] = k;
        adj->out_list[adj->out_start[l->tail] + fill_out[l->tail]++] = k;
    }
    return SN_OK;
}

/* Whether flows of r can pass a junction: then the aggregate flow on a link out of it says
 * nothing about where it came from. */
static int passes_junction(const sn_instance *in, int r)
{
    for (int j = 0; j < in->n_junctions; j++) {
        const snp_junction *ju = &in->junctions[j];
        if (ju->n_resources == 0 && in->resources[r].has_pipe)
            return 1;
        for (int k = 0; k < ju->n_resources; k++)
            if (ju->resources[k] == r)
                return 1;
    }
    int first_junction = in->n_facilities + in->n_hubs;
    for (int l = 0; l < in->n_links; l++) {
        const snp_link_spec *sp = &in->links[l];
        if (sp->resource == r && sp->status != SNP_STATUS_FORBIDDEN &&
            (sp->from >= first_junction || sp->to >= first_junction))
            return 1;
    }
    return 0;
}

/* Section 1.2: a resource is tracked by origin when some demand limits one of its quality
 * attributes (exactness), or when its flows can pass a junction (strength: section 8.6);
 * then every supply and hub output of it is a commodity of its own. */
static sn_status build_commodities(sn_model *m)
{
    const sn_instance *in = m->inst;
    int nr = in->n_resources;
    m->res_tracked = snp_arena_array(&m->arena, (size_t)nr + 1, sizeof(int));
    m->res_first_comm = snp_arena_array(&m->arena, (size_t)nr + 1, sizeof(int));
    m->res_n_comm = snp_arena_array(&m->arena, (size_t)nr + 1, sizeof(int));
    if (!m->res_tracked || !m->res_first_comm || !m->res_n_comm)
        return SN_ENOMEM;
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            for (int q = 0; q < d->n_limits; q++) {
                for (int s = -1; s < d->n_subs; s++) {
                    int r = s < 0 ? d->resource : d->subs[s].resource;
                    const snp_resource *res = &in->resources[r];
                    for (int a = 0; a < res->n_attrs; a++)
                        if (strcmp(res->attrs[a], d->limits[q].attr) == 0)
                            m->res_tracked[r] = 1;
                }
            }
        }
    }
    for (int r = 0; r < nr; r++) {
        if (passes_junction(in, r))
            m->res_tracked[r] = 1;
    }
    for (int r = 0; r < nr; r++) {
        m->res_first_comm[r] = (int)m->comms.len;
        if (!m->res_tracked[r]) {
            snp_commodity c = {r, -1, -1, NULL};
            OK_OR(!snp_vec_push(&m->comms, &c));
        } else {
            for (int f = 0; f < in->n_facilities; f++) {
                const snp_facility *fa = &in->facilities[f];
                for (int s = 0; s < fa->n_supplies; s++) {
                    if (fa->supplies[s].resource != r)
                        continue;
                    snp_commodity c = {r, f, s, fa->supplies[s].quality};
                    OK_OR(!snp_vec_push(&m->comms, &c));
                }
            }
            for (int h = 0; h < in->n_hubs; h++) {
                const snp_hub *hub = &in->hubs[h];
                for (int o = 0; o < hub->n_outputs; o++) {
                    if (hub->outputs[o].resource != r)
                        continue;
                    snp_commodity c = {r, in->n_facilities + h, o, hub->outputs[o].quality};
                    OK_OR(!snp_vec_push(&m->comms, &c));
                }
            }
        }
        m->res_n_comm[r] = (int)m->comms.len - m->res_first_comm[r];
    }
    return SN_OK;
}

/* The commodity a facility or hub node emits for resource r (its own origin). */
static int origin_commodity(const sn_model *m, int node, int r)
{
    if (!m->res_tracked[r])
        return m->res_first_comm[r];
    for (int c = m->res_first_comm[r]; c < m->res_first_comm[r] + m->res_n_comm[r]; c++)
        if (SNP_VEC_AT(&m->comms, snp_commodity, c).origin_node == node)
            return c;
    return -1;
}

static double hub_cap_max(const snp_hub *h)
{
    return h->capacities[h->n_capacities - 1].capacity;
}

/* Section 3: link columns - build decision (one binary, or one per size), flow per commodity,
 * trucks per year. */
static sn_status link_columns(sn_model *m)
{
    const sn_instance *in = m->inst;
    for (size_t k = 0; k < m->links.len; k++) {
        snp_link *l = &SNP_VEC_AT(&m->links, snp_link, k);
        const char *rid = in->resources[l->resource].id;
        const char *tid = snp_node_id(in, l->tail), *hid = snp_node_id(in, l->head);
        const char *mode = l->mode == SNP_MODE_PIPE ? "pipe" : "truck";
        l->col_build = -1;
        l->col_trips = -1;
        if (l->needs_binary) {
            if (l->n_sizes > 0) {
                for (int s = 0; s < l->n_sizes; s++) {
                    double cost =
                        l->fixed_annual + l->crf * l->length_km * l->sizes[s].capital_per_km;
                    int c =
                        snp_model_add_col(m, SNP_COL_BIN, 0, 1, cost, SNP_ROLE_LINK_BUILD, (int)k,
                                          s, "y(%s,%s,%s,%s,%d)", rid, tid, hid, mode, s + 1);
                    if (c < 0)
                        return SN_ENOMEM;
                    if (s == 0)
                        l->col_build = c;
                }
            } else {
                l->col_build = snp_model_add_col(m, SNP_COL_BIN, l->forced ? 1 : 0, 1,
                                                 l->fixed_annual, SNP_ROLE_LINK_BUILD, (int)k, -1,
                                                 "y(%s,%s,%s,%s)", rid, tid, hid, mode);
                if (l->col_build < 0)
                    return SN_ENOMEM;
            }
        }
        /* commodities this link can carry: its tail's own, or all of the resource's when the
         * tail is a junction (section 1.2) */
        int ti;
        int from_junction = snp_node_kind_of(in, l->tail, &ti) == SNP_NODE_JUNCTION;
        l->n_comm = from_junction ? m->res_n_comm[l->resource] : 1;
        l->comm = snp_arena_array(&m->arena, (size_t)l->n_comm, sizeof(int));
        if (!l->comm)
            return SN_ENOMEM;
        if (from_junction) {
            for (int c = 0; c < l->n_comm; c++)
                l->comm[c] = m->res_first_comm[l->resource] + c;
        } else {
            l->comm[0] = origin_commodity(m, l->tail, l->resource);
            if (l->comm[0] < 0)
                return SN_EINTERNAL;
        }
        l->first_flow = (int)m->cols.len;
        for (int c = 0; c < l->n_comm; c++) {
            const snp_commodity *cm = &SNP_VEC_AT(&m->comms, snp_commodity, l->comm[c]);
            int col;
            if (cm->origin_node >= 0)
                col = snp_model_add_col(m, SNP_COL_CONT, 0, l->bound, l->unit_annual, SNP_ROLE_FLOW,
                                        (int)k, l->comm[c], "x(%s,%s,%s,%s,%s)", rid, tid, hid,
                                        mode, snp_node_id(in, cm->origin_node));
            else
                col = snp_model_add_col(m, SNP_COL_CONT, 0, l->bound, l->unit_annual, SNP_ROLE_FLOW,
                                        (int)k, l->comm[c], "x(%s,%s,%s,%s)", rid, tid, hid, mode);
            if (col < 0)
                return SN_ENOMEM;
        }
        if (l->trip_capacity > 0) {
            double ub = ceil(l->bound / l->trip_capacity);
            l->col_trips = snp_model_add_col(m, SNP_COL_INT, 0, ub, l->trip_cost, SNP_ROLE_TRIPS,
                                             (int)k, -1, "n(%s,%s,%s)", rid, tid, hid);
            if (l->col_trips < 0)
                return SN_ENOMEM;
        }
    }
    return SN_OK;
}

static int **alloc_table(sn_model *m, int n, const int *widths)
{
    int **t = snp_arena_array(&m->arena, (size_t)n + 1, sizeof(int *));
    if (!t)
        return NULL;
    for (int i = 0; i < n; i++) {
        t[i] = snp_arena_array(&m->arena, (size_t)widths[i] + 1, sizeof(int));
        if (!t[i])
            return NULL;
        for (int j = 0; j <= widths[i]; j++)
            t[i][j] = -1;
    }
    return t;
}

static int add_slack(sn_model *m, snp_slack_kind kind, int a, int b, double ub, double weight,
                     const char *what)
{
    int k = (int)m->slacks.len;
    int col =
        snp_model_add_col(m, SNP_COL_CONT, 0, ub, weight, SNP_ROLE_SLACK, k, -1, "slack(%s)", what);
    if (col < 0)
        return -1;
    snp_slack s = {kind, a, b, col};
    return snp_vec_push(&m->slacks, &s) ? col : -1;
}

/* Section 4 and 8.4: a trench of the way graph in which some candidate pipe runs and that costs
 * something to dig is built (w_t = 1) or not; its capital is annualised over the region's
 * lifetime. */
static sn_status trench_columns(sn_model *m)
{
    const sn_instance *in = m->inst;
    m->trench_col = snp_arena_array(&m->arena, (size_t)in->n_trenches + 1, sizeof(int));
    if (!m->trench_col)
        return SN_ENOMEM;
    for (int t = 0; t < in->n_trenches; t++)
        m->trench_col[t] = -1;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        for (int i = 0; l->mode == SNP_MODE_PIPE && i < l->n_route; i++)
            m->trench_col[l->route[i]] = -2;
    }
    double crf = snp_crf(in->discount_rate, in->lifetime_yr);
    for (int t = 0; t < in->n_trenches; t++) {
        const snp_trench *tr = &in->trenches[t];
        int used = m->trench_col[t] == -2;
        m->trench_col[t] = -1;
        if (!used || !(tr->capital > 0))
            continue; /* nothing to dig (an existing empty corridor): no decision */
        m->trench_col[t] = snp_model_add_col(m, SNP_COL_BIN, 0, 1, crf * tr->capital,
                                             SNP_ROLE_TRENCH, t, -1, "w(trench:%s)", tr->id);
        if (m->trench_col[t] < 0)
            return SN_ENOMEM;
    }
    return SN_OK;
}

/* Section 4: facility, hub and corridor columns. */
static sn_status entity_columns(sn_model *m)
{
    const sn_instance *in = m->inst;
    double cp = in->carbon_price;
    int nf = in->n_facilities, nh = in->n_hubs;
    int *w = snp_arena_array(&m->arena, (size_t)(nf > nh ? nf : nh) + 1, sizeof(int));
    if (!w)
        return SN_ENOMEM;

    for (int f = 0; f < nf; f++)
        w[f] = in->facilities[f].n_supplies;
    m->dispose_col = alloc_table(m, nf, w);
    for (int f = 0; f < nf; f++)
        w[f] = in->facilities[f].n_demands;
    m->purchase_col = alloc_table(m, nf, w);
    for (int h = 0; h < nh; h++)
        w[h] = in->hubs[h].n_capacities;
    m->hub_size_col = alloc_table(m, nh, w);
    for (int h = 0; h < nh; h++)
        w[h] = in->hubs[h].n_inputs;
    m->hub_proc_col = alloc_table(m, nh, w);
    for (int h = 0; h < nh; h++)
        w[h] = in->hubs[h].n_outputs;
    m->hub_disp_col = alloc_table(m, nh, w);
    m->corridor_col = snp_arena_array(&m->arena, (size_t)in->n_corridors + 1, sizeof(int));
    if (!m->dispose_col || !m->purchase_col || !m->hub_size_col || !m->hub_proc_col ||
        !m->hub_disp_col || !m->corridor_col)
        return SN_ENOMEM;

    for (int f = 0; f < nf; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++) {
            const snp_supply *su = &fa->supplies[s];
            if (!su->has_disposal)
                continue;
            double cost = su->disposal_cost + cp * su->disposal_co2;
            m->dispose_col[f][s] =
                snp_model_add_col(m, SNP_COL_CONT, 0, su->amount, cost, SNP_ROLE_DISPOSE, f, s,
                                  "dispose(%s,%s)", fa->id, in->resources[su->resource].id);
            if (m->dispose_col[f][s] < 0)
                return SN_ENOMEM;
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            if (!d->has_price)
                continue;
            double cost = d->price + cp * d->co2;
            m->purchase_col[f][k] =
                snp_model_add_col(m, SNP_COL_CONT, 0, d->amount, cost, SNP_ROLE_PURCHASE, f, k,
                                  "buy(%s,%s)", fa->id, in->resources[d->resource].id);
            if (m->purchase_col[f][k] < 0)
                return SN_ENOMEM;
        }
    }
    for (int h = 0; h < nh; h++) {
        const snp_hub *hub = &in->hubs[h];
        if (hub->status == SNP_STATUS_FORBIDDEN)
            continue;
        double crf = snp_crf(in->discount_rate, hub->lifetime_yr), cap = hub_cap_max(hub);
        for (int s = 0; s < hub->n_capacities; s++) {
            const snp_hub_capacity *o = &hub->capacities[s];
            double lb = hub->status == SNP_STATUS_FORCED && hub->n_capacities == 1 ? 1 : 0;
            m->hub_size_col[h][s] =
                snp_model_add_col(m, SNP_COL_BIN, lb, 1, crf * o->capital + o->fixed_opex,
                                  SNP_ROLE_HUB_SIZE, h, s, "z(%s,%d)", hub->id, s + 1);
            if (m->hub_size_col[h][s] < 0)
                return SN_ENOMEM;
        }
        for (int i = 0; i < hub->n_inputs; i++) {
            const snp_hub_input *hi = &hub->inputs[i];
            m->hub_proc_col[h][i] = snp_model_add_col(
                m, SNP_COL_CONT, 0, cap, hi->cost_per_unit + cp * hi->co2_per_unit,
                SNP_ROLE_HUB_PROCESS, h, i, "p(%s,%s)", hub->id, in->resources[hi->resource].id);
            if (m->hub_proc_col[h][i] < 0)
                return SN_ENOMEM;
        }
        for (int o = 0; o < hub->n_outputs; o++) {
            const snp_hub_output *ho = &hub->outputs[o];
            double best = 0;
            for (int i = 0; i < hub->n_inputs; i++)
                if (hub->inputs[i].yields[o] > best)
                    best = hub->inputs[i].yields[o];
            m->hub_disp_col[h][o] =
                snp_model_add_col(m, SNP_COL_CONT, 0, cap * best,
                                  ho->disposal_cost + cp * ho->disposal_co2, SNP_ROLE_HUB_DISPOSE,
                                  h, o, "hdispose(%s,%s)", hub->id, in->resources[ho->resource].id);
            if (m->hub_disp_col[h][o] < 0)
                return SN_ENOMEM;
        }
    }
    /* -2 marks a corridor some candidate pipe runs in (one pass, not one per corridor) */
    for (int c = 0; c < in->n_corridors; c++)
        m->corridor_col[c] = -1;
    for (size_t k = 0; k < m->links.len; k++)
        if (snp_model_link(m, (int)k)->corridor >= 0)
            m->corridor_col[snp_model_link(m, (int)k)->corridor] = -2;
    for (int c = 0; c < in->n_corridors; c++) {
        int used = m->corridor_col[c] == -2;
        m->corridor_col[c] = -1;
        const snp_corridor *co = &in->corridors[c];
        if (co->status == SNP_STATUS_FORBIDDEN || (!used && co->status != SNP_STATUS_FORCED))
            continue;
        double crf = snp_crf(in->discount_rate, co->lifetime_yr);
        m->corridor_col[c] =
            snp_model_add_col(m, SNP_COL_BIN, co->status == SNP_STATUS_FORCED ? 1 : 0, 1,
                              crf * co->capital, SNP_ROLE_CORRIDOR, c, -1, "w(%s)", co->id);
        if (m->corridor_col[c] < 0)
            return SN_ENOMEM;
    }
    return trench_columns(m); /* set_objective zeroes its cost in an elastic model */
}

/* Allocation columns (section 4.3): for each demand, each accepted resource and each
 * commodity of it that can arrive at the facility. */
static sn_status alloc_columns(sn_model *m, const adjacency *adj)
{
    const sn_instance *in = m->inst;
    int nc = (int)m->comms.len;
    char *arrives = snp_calloc((size_t)nc + 1, 1);
    if (!arrives)
        return SN_ENOMEM;
    sn_status st = SN_OK;
    for (int f = 0; f < in->n_facilities && st == SN_OK; f++) {
        const snp_facility *fa = &in->facilities[f];
        if (fa->n_demands == 0)
            continue;
        memset(arrives, 0, (size_t)nc);
        for (int e = adj->in_start[f]; e < adj->in_start[f + 1]; e++) {
            const snp_link *l = snp_model_link(m, adj->in_list[e]);
            for (int c = 0; c < l->n_comm; c++)
                arrives[l->comm[c]] = 1;
        }
        for (int k = 0; k < fa->n_demands && st == SN_OK; k++) {
            const snp_demand *d = &fa->demands[k];
            for (int s = -1; s < d->n_subs && st == SN_OK; s++) {
                int r = s < 0 ? d->resource : d->subs[s].resource;
                double ratio = s < 0 ? 1.0 : d->subs[s].ratio;
                for (int c = m->res_first_comm[r]; c < m->res_first_comm[r] + m->res_n_comm[r];
                     c++) {
                    if (!arrives[c])
                        continue;
                    const snp_commodity *cm = &SNP_VEC_AT(&m->comms, snp_commodity, c);
                    snp_allocation a = {f, k, c, ratio, -1};
                    if (cm->origin_node >= 0)
                        a.col = snp_model_add_col(
                            m, SNP_COL_CONT, 0, d->amount / ratio, 0, SNP_ROLE_ALLOC,
                            (int)m->allocs.len, -1, "a(%s,%s,%s,%s)", fa->id,
                            in->resources[d->resource].id, in->resources[r].id,
                            snp_node_id(in, cm->origin_node));
                    else
                        a.col = snp_model_add_col(
                            m, SNP_COL_CONT, 0, d->amount / ratio, 0, SNP_ROLE_ALLOC,
                            (int)m->allocs.len, -1, "a(%s,%s,%s)", fa->id,
                            in->resources[d->resource].id, in->resources[r].id);
                    if (a.col < 0 || !snp_vec_push(&m->allocs, &a)) {
                        st = SN_ENOMEM;
                        break;
                    }
                }
            }
        }
    }
    snp_free(arrives);
    return st;
}

/* Adds arrive * x(l, c) for every in-link of node carrying commodity c (c < 0: every
 * commodity of resource r) with coefficient sign. */
static int add_inflow(sn_model *m, const adjacency *adj, int node, int r, int c, double sign)
{
    for (int e = adj->in_start[node]; e < adj->in_start[node + 1]; e++) {
        const snp_link *l = snp_model_link(m, adj->in_list[e]);
        if (l->resource != r)
            continue;
        for (int q = 0; q < l->n_comm; q++)
            if (c < 0 || l->comm[q] == c)
                if (snp_model_row_add(m, l->first_flow + q, sign * l->arrive) != 0)
                    return -1;
    }
    return 0;
}

static int add_outflow(sn_model *m, const adjacency *adj, int node, int r, int c, double sign)
{
    for (int e = adj->out_start[node]; e < adj->out_start[node + 1]; e++) {
        const snp_link *l = snp_model_link(m, adj->out_list[e]);
        if (l->resource != r)
            continue;
        for (int q = 0; q < l->n_comm; q++)
            if (c < 0 || l->comm[q] == c)
                if (snp_model_row_add(m, l->first_flow + q, sign) != 0)
                    return -1;
    }
    return 0;
}

static int add_link_total(sn_model *m, const snp_link *l, double coef)
{
    for (int q = 0; q < l->n_comm; q++)
        if (snp_model_row_add(m, l->first_flow + q, coef) != 0)
            return -1;
    return 0;
}

/* y_l, or the sum of its size binaries. */
static int add_link_built(sn_model *m, const snp_link *l, double coef)
{
    int n = l->n_sizes > 0 ? l->n_sizes : 1;
    for (int s = 0; s < n; s++)
        if (snp_model_row_add(m, l->col_build + s, coef) != 0)
            return -1;
    return 0;
}

static int add_hub_built(sn_model *m, int h, double coef)
{
    const snp_hub *hub = &m->inst->hubs[h];
    for (int s = 0; s < hub->n_capacities; s++)
        if (snp_model_row_add(m, m->hub_size_col[h][s], coef) != 0)
            return -1;
    return 0;
}

/* Section 5: facility rows - supply balance, inflow split, demand balance, quality. */
static sn_status facility_rows(sn_model *m, const adjacency *adj)
{
    const sn_instance *in = m->inst;
    int elastic = m->kind != SN_MODEL_NETWORK;
    size_t next_alloc = 0; /* allocations are stored in facility order */
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        /* 5.1  sum_out x + dispose (+ excess) = amount */
        for (int s = 0; s < fa->n_supplies; s++) {
            const snp_supply *su = &fa->supplies[s];
            const char *rid = in->resources[su->resource].id;
            OK_OR(snp_model_row_begin(m, "supply(%s,%s)", fa->id, rid));
            OK_OR(add_outflow(m, adj, f, su->resource, -1, 1.0));
            if (m->dispose_col[f][s] >= 0)
                OK_OR(snp_model_row_add(m, m->dispose_col[f][s], 1.0));
            else if (elastic) {
                int c = add_slack(m, SNP_SLACK_SUPPLY, f, s, su->amount, 1.0 / su->amount, rid);
                OK_OR(c < 0);
                OK_OR(snp_model_row_add(m, c, 1.0));
            }
            OK_OR(snp_model_row_end(m, su->amount, su->amount));
        }
        if (fa->n_demands == 0)
            continue;
        /* 5.2  sum_in arrive * x(c) = sum_k a(k, c), per commodity that arrives */
        size_t a0 = next_alloc, a1 = a0;
        while (a1 < m->allocs.len && SNP_VEC_AT(&m->allocs, snp_allocation, a1).facility == f)
            a1++;
        next_alloc = a1;
        for (size_t i = a0; i < a1; i++) {
            int c = SNP_VEC_AT(&m->allocs, snp_allocation, i).commodity;
            int seen = 0;
            for (size_t j = a0; j < i && !seen; j++)
                seen = SNP_VEC_AT(&m->allocs, snp_allocation, j).commodity == c;
            if (seen)
                continue;
            const snp_commodity *cm = &SNP_VEC_AT(&m->comms, snp_commodity, c);
            OK_OR(snp_model_row_begin(m, "inflow(%s,%s,%d)", fa->id, in->resources[cm->resource].id,
                                      c));
            OK_OR(add_inflow(m, adj, f, cm->resource, c, 1.0));
            for (size_t j = i; j < a1; j++) {
                const snp_allocation *a = &SNP_VEC_AT(&m->allocs, snp_allocation, j);
                if (a->commodity == c)
                    OK_OR(snp_model_row_add(m, a->col, -1.0));
            }
            OK_OR(snp_model_row_end(m, 0, 0));
        }
        for (int k = 0; k < fa->n_demands; k++) {
            const snp_demand *d = &fa->demands[k];
            const char *rid = in->resources[d->resource].id;
            /* 5.3  sum ratio * a + buy (+ short) = amount */
            OK_OR(snp_model_row_begin(m, "demand(%s,%s)", fa->id, rid));
            for (size_t i = a0; i < a1; i++) {
                const snp_allocation *a = &SNP_VEC_AT(&m->allocs, snp_allocation, i);
                if (a->demand == k)
                    OK_OR(snp_model_row_add(m, a->col, a->ratio));
            }
            if (m->purchase_col[f][k] >= 0)
                OK_OR(snp_model_row_add(m, m->purchase_col[f][k], 1.0));
            else if (elastic) {
                int c = add_slack(m, SNP_SLACK_DEMAND, f, k, d->amount, 1.0 / d->amount, rid);
                OK_OR(c < 0);
                OK_OR(snp_model_row_add(m, c, 1.0));
            }
            OK_OR(snp_model_row_end(m, d->amount, d->amount));
            /* 5.4  sum (q_c - max) a <= 0,  sum (q_c - min) a >= 0 */
            for (int q = 0; q < d->n_limits; q++) {
                const snp_quality_limit *lim = &d->limits[q];
                for (int side = 0; side < 2; side++) {
                    if ((side == 0 && !lim->has_max) || (side == 1 && !lim->has_min))
                        continue;
                    double bound = side == 0 ? lim->max : lim->min;
                    OK_OR(snp_model_row_begin(m, "quality(%s,%s,%s,%s)", fa->id, rid, lim->attr,
                                              side == 0 ? "max" : "min"));
                    for (size_t i = a0; i < a1; i++) {
                        const snp_allocation *a = &SNP_VEC_AT(&m->allocs, snp_allocation, i);
                        const snp_commodity *cm =
                            &SNP_VEC_AT(&m->comms, snp_commodity, a->commodity);
                        if (a->demand != k || !cm->quality)
                            continue;
                        const snp_resource *res = &in->resources[cm->resource];
                        for (int at = 0; at < res->n_attrs; at++)
                            if (strcmp(res->attrs[at], lim->attr) == 0)
                                OK_OR(snp_model_row_add(m, a->col, cm->quality[at] - bound));
                    }
                    OK_OR(
                        snp_model_row_end(m, side == 0 ? -INFINITY : 0, side == 0 ? 0 : INFINITY));
                }
            }
        }
    }
    return SN_OK;
}

/* Section 6: junction rows - conservation per commodity. */
static sn_status junction_rows(sn_model *m, const adjacency *adj)
{
    const sn_instance *in = m->inst;
    for (int j = 0; j < in->n_junctions; j++) {
        int node = in->n_facilities + in->n_hubs + j;
        for (int r = 0; r < in->n_resources; r++) {
            int any = 0;
            for (int e = adj->in_start[node]; e < adj->in_start[node + 1] && !any; e++)
                any = snp_model_link(m, adj->in_list[e])->resource == r;
            for (int e = adj->out_start[node]; e < adj->out_start[node + 1] && !any; e++)
                any = snp_model_link(m, adj->out_list[e])->resource == r;
            if (!any)
                continue;
            for (int c = m->res_first_comm[r]; c < m->res_first_comm[r] + m->res_n_comm[r]; c++) {
                OK_OR(snp_model_row_begin(m, "junction(%s,%s,%d)", in->junctions[j].id,
                                          in->resources[r].id, c));
                OK_OR(add_inflow(m, adj, node, r, c, 1.0));
                OK_OR(add_outflow(m, adj, node, r, c, -1.0));
                OK_OR(snp_model_row_end(m, 0, 0));
            }
        }
    }
    return SN_OK;
}

/* Section 7: hub rows - input, capacity, one size, output. */
static sn_status hub_rows(sn_model *m, const adjacency *adj)
{
    const sn_instance *in = m->inst;
    for (int h = 0; h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        if (hub->status == SNP_STATUS_FORBIDDEN)
            continue;
        int node = in->n_facilities + h;
        for (int i = 0; i < hub->n_inputs; i++) {
            int r = hub->inputs[i].resource;
            OK_OR(snp_model_row_begin(m, "hub_in(%s,%s)", hub->id, in->resources[r].id));
            OK_OR(add_inflow(m, adj, node, r, -1, 1.0));
            OK_OR(snp_model_row_add(m, m->hub_proc_col[h][i], -1.0));
            OK_OR(snp_model_row_end(m, 0, 0));
        }
        /* 7.2  sum_i p_i <= sum_s cap_s z_s */
        OK_OR(snp_model_row_begin(m, "hub_cap(%s)", hub->id));
        for (int i = 0; i < hub->n_inputs; i++)
            OK_OR(snp_model_row_add(m, m->hub_proc_col[h][i], 1.0));
        for (int s = 0; s < hub->n_capacities; s++)
            OK_OR(snp_model_row_add(m, m->hub_size_col[h][s], -hub->capacities[s].capacity));
        OK_OR(snp_model_row_end(m, -INFINITY, 0));
        /* 7.3  sum_s z_s <= 1 (= 1 when forced) */
        if (hub->n_capacities > 1) {
            OK_OR(snp_model_row_begin(m, "hub_one(%s)", hub->id));
            OK_OR(add_hub_built(m, h, 1.0));
            OK_OR(snp_model_row_end(m, hub->status == SNP_STATUS_FORCED ? 1 : -INFINITY, 1));
        }
        /* 7.4  sum_i yield_io p_i = sum_out x + hdispose_o */
        for (int o = 0; o < hub->n_outputs; o++) {
            int r = hub->outputs[o].resource;
            OK_OR(snp_model_row_begin(m, "hub_out(%s,%s)", hub->id, in->resources[r].id));
            for (int i = 0; i < hub->n_inputs; i++)
                OK_OR(snp_model_row_add(m, m->hub_proc_col[h][i], hub->inputs[i].yields[o]));
            OK_OR(add_outflow(m, adj, node, r, -1, -1.0));
            OK_OR(snp_model_row_add(m, m->hub_disp_col[h][o], -1.0));
            OK_OR(snp_model_row_end(m, 0, 0));
        }
    }
    return SN_OK;
}

/* Section 8.7: flows that pass junctions, labelled by destination as well as by origin.
 *
 * A resource whose flows can pass a junction, and whose links there lose nothing, gets a
 * second labelling of its flows on every link into a junction: xd(l, t), the part of x_l that
 * leaves the junctions towards facility or hub t. Its destinations are the nodes that a link
 * from a junction reaches. Rows: the labels add up to the link's flow; each label is conserved
 * at every junction, leaving only on links to its own destination; and
 * xd(l, t) <= min(in(t), M_l) y_l. Any network's flow splits into paths that end at their
 * destination (a cycle carries nothing in a network of least cost: unit costs are not
 * negative), so no network is cut off; the bound says that a link which brings a small sink
 * its supply must be built in full, which the origin labels alone cannot say. */

/* Destination columns in all, beyond which a resource is left without them (the model stays
 * exact, only weaker; the dicuts of 11.3 then do their work as cuts). The labels multiply the
 * rows and columns of the links into junctions by the number of destinations; measured
 * (bench/RESULTS.md, issue 17): with 6,589 label columns (bench/gen --netdesign --facilities
 * 12) the labelled model is proved optimal in 22 s where the plain one stops at a 24 % gap
 * after 30 s, and FCNetLib's instances (at most 4,470, p50x288) are proved with them; with
 * 26,224 (--facilities 24) GLPK's root LP does not finish in 30 s, and with 39,795 (FCNetLib
 * berlin, 16 sources and sinks, 2,668 arcs) not in 60 s, while the plain model's root LP takes
 * 0.07 s and the search has a 15 % gap after 60 s. So labels only while the labelled part
 * stays small (the limit lies between those measurements, not tuned further). */
#define SNP_DEST_MAX_COLS 10000

static int is_junction(const sn_instance *in, int node)
{
    return node >= in->n_facilities + in->n_hubs;
}

/* The destinations of resource r (ascending nodes) into dst; returns how many, or -1 when r
 * gets no destination labels. */
static int dest_nodes_of(const sn_model *m, int r, int *dst, char *mark)
{
    const sn_instance *in = m->inst;
    int nn = snp_node_count(in), n = 0, any = 0;
    memset(mark, 0, (size_t)nn);
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->resource != r || !(is_junction(in, l->tail) || is_junction(in, l->head)))
            continue;
        if (l->arrive != 1.0)
            return -1; /* a loss makes a destination's label grow upstream: no bound holds */
        if (is_junction(in, l->head))
            any = 1;
        else if (is_junction(in, l->tail))
            mark[l->head] = 1;
    }
    for (int v = 0; v < nn && any; v++)
        if (mark[v])
            dst[n++] = v;
    return any ? n : -1;
}

static sn_status dest_columns(sn_model *m)
{
    const sn_instance *in = m->inst;
    int nn = snp_node_count(in);
    char *mark = snp_calloc((size_t)nn + 1, 1);
    int *dst = snp_calloc((size_t)nn + 1, sizeof(int));
    sn_status st = mark && dst ? SN_OK : SN_ENOMEM;
    for (size_t k = 0; k < m->links.len; k++)
        SNP_VEC_AT(&m->links, snp_link, k).first_dest = -1;
    for (int r = 0; r < in->n_resources && st == SN_OK && m->kind == SN_MODEL_NETWORK; r++) {
        int nd = dest_nodes_of(m, r, dst, mark);
        if (nd <= 0)
            continue;
        size_t into = 0;
        for (size_t k = 0; k < m->links.len; k++) {
            const snp_link *l = snp_model_link(m, (int)k);
            into += l->resource == r && is_junction(in, l->head);
        }
        if ((size_t)m->n_dest_cols + into * (size_t)nd > SNP_DEST_MAX_COLS)
            continue;
        int *nodes = snp_arena_array(&m->arena, (size_t)nd, sizeof(int));
        if (!nodes) {
            st = SN_ENOMEM;
            break;
        }
        memcpy(nodes, dst, (size_t)nd * sizeof(int));
        const char *rid = in->resources[r].id;
        for (size_t k = 0; k < m->links.len && st == SN_OK; k++) {
            snp_link *l = &SNP_VEC_AT(&m->links, snp_link, k);
            if (l->resource != r || !is_junction(in, l->head))
                continue;
            l->first_dest = (int)m->cols.len;
            l->n_dest = nd;
            l->dest_nodes = nodes;
            for (int t = 0; t < nd; t++) {
                double ub = fmin(snp_node_intake_max(in, nodes[t], r), l->bound);
                int col = snp_model_add_col(
                    m, SNP_COL_CONT, 0, ub, 0, SNP_ROLE_DEST_FLOW, (int)k, nodes[t],
                    "xd(%s,%s,%s,%s,%s)", rid, snp_node_id(in, l->tail), snp_node_id(in, l->head),
                    l->mode == SNP_MODE_PIPE ? "pipe" : "truck", snp_node_id(in, nodes[t]));
                if (col < 0) {
                    st = SN_ENOMEM;
                    break;
                }
            }
            m->n_dest_cols += nd;
        }
    }
    snp_free(mark);
    snp_free(dst);
    return st;
}

/* x <= min(amount, M_l) y_l for one label column (sizes: sum_s min(Q_s, amount) y_ls). */
static sn_status add_label_bound(sn_model *m, const snp_link *l, int col, double amount,
                                 const char *what, int q)
{
    const sn_instance *in = m->inst;
    OK_OR(snp_model_row_begin(m, "%s(%s,%s,%s,%d,%d)", what, in->resources[l->resource].id,
                              snp_node_id(in, l->tail), snp_node_id(in, l->head), (int)l->mode, q));
    OK_OR(snp_model_row_add(m, col, 1.0));
    if (l->n_sizes > 0) {
        for (int s = 0; s < l->n_sizes; s++)
            OK_OR(snp_model_row_add(m, l->col_build + s, -fmin(l->sizes[s].capacity, amount)));
    } else {
        OK_OR(snp_model_row_add(m, l->col_build, -amount));
    }
    OK_OR(snp_model_row_end(m, -INFINITY, 0));
    return SN_OK;
}

static sn_status dest_rows(sn_model *m, const adjacency *adj)
{
    const sn_instance *in = m->inst;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->first_dest < 0)
            continue;
        const char *rid = in->resources[l->resource].id;
        /* 8.7a  sum_t xd(l, t) = sum_k x_lk */
        OK_OR(snp_model_row_begin(m, "dest(%s,%s,%s,%d)", rid, snp_node_id(in, l->tail),
                                  snp_node_id(in, l->head), (int)l->mode));
        for (int t = 0; t < l->n_dest; t++)
            OK_OR(snp_model_row_add(m, l->first_dest + t, 1.0));
        OK_OR(add_link_total(m, l, -1.0));
        OK_OR(snp_model_row_end(m, 0, 0));
        /* 8.7c  xd(l, t) <= min(in(t), M_l) y_l */
        for (int t = 0; l->col_build >= 0 && t < l->n_dest; t++) {
            double amount = snp_node_intake_max(in, l->dest_nodes[t], l->resource);
            if (amount < l->bound && add_label_bound(m, l, l->first_dest + t, amount, "capd", t))
                return SN_ENOMEM;
        }
    }
    /* 8.7b  at junction j, per destination t: sum_in xd(t) = sum_out xd(t) + flow on j -> t */
    for (int j = 0; j < in->n_junctions; j++) {
        int node = in->n_facilities + in->n_hubs + j;
        for (int r = 0; r < in->n_resources; r++) {
            const snp_link *lab = NULL; /* any labelled link of r at j gives the labels */
            for (int e = adj->in_start[node]; e < adj->in_start[node + 1] && !lab; e++) {
                const snp_link *l = snp_model_link(m, adj->in_list[e]);
                lab = l->resource == r && l->first_dest >= 0 ? l : NULL;
            }
            for (int e = adj->out_start[node]; e < adj->out_start[node + 1] && !lab; e++) {
                const snp_link *l = snp_model_link(m, adj->out_list[e]);
                lab = l->resource == r && l->first_dest >= 0 ? l : NULL;
            }
            for (int t = 0; lab && t < lab->n_dest; t++) {
                int dest = lab->dest_nodes[t];
                OK_OR(snp_model_row_begin(m, "jdest(%s,%s,%s)", in->junctions[j].id,
                                          in->resources[r].id, snp_node_id(in, dest)));
                for (int e = adj->in_start[node]; e < adj->in_start[node + 1]; e++) {
                    const snp_link *l = snp_model_link(m, adj->in_list[e]);
                    if (l->resource == r)
                        OK_OR(snp_model_row_add(m, l->first_dest + t, 1.0));
                }
                for (int e = adj->out_start[node]; e < adj->out_start[node + 1]; e++) {
                    const snp_link *l = snp_model_link(m, adj->out_list[e]);
                    if (l->resource != r)
                        continue;
                    if (l->first_dest >= 0)
                        OK_OR(snp_model_row_add(m, l->first_dest + t, -1.0));
                    else if (l->head == dest)
                        OK_OR(add_link_total(m, l, -1.0));
                }
                OK_OR(snp_model_row_end(m, 0, 0));
            }
        }
    }
    return SN_OK;
}

/* Most commodity k can ever amount to: its supply, or its hub's largest output. */
static double origin_amount(const sn_model *m, int k)
{
    const sn_instance *in = m->inst;
    const snp_commodity *cm = &SNP_VEC_AT(&m->comms, snp_commodity, k);
    int i;
    if (cm->origin_node < 0)
        return INFINITY;
    if (snp_node_kind_of(in, cm->origin_node, &i) == SNP_NODE_FACILITY)
        return in->facilities[i].supplies[cm->origin_item].amount;
    const snp_hub *h = &in->hubs[i];
    double best = 0;
    for (int n = 0; n < h->n_inputs; n++)
        if (h->inputs[n].yields[cm->origin_item] > best)
            best = h->inputs[n].yields[cm->origin_item];
    return hub_cap_max(h) * best;
}

/* Section 8: link rows - capacity linked to the build decision with the tightest bound,
 * sizes, hub and corridor linking, trips. */
static sn_status link_rows(sn_model *m)
{
    const sn_instance *in = m->inst;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        const char *rid = in->resources[l->resource].id;
        const char *tid = snp_node_id(in, l->tail), *hid = snp_node_id(in, l->head);
        if (l->col_build >= 0) {
            /* 8.1  sum_c x <= bound * y   (sizes: <= sum_s min(cap_s, bound) y_s) */
            OK_OR(snp_model_row_begin(m, "cap(%s,%s,%s,%d)", rid, tid, hid, (int)l->mode));
            OK_OR(add_link_total(m, l, 1.0));
            if (l->n_sizes > 0) {
                for (int s = 0; s < l->n_sizes; s++) {
                    double c = l->sizes[s].capacity < l->bound ? l->sizes[s].capacity : l->bound;
                    OK_OR(snp_model_row_add(m, l->col_build + s, -c));
                }
            } else {
                OK_OR(snp_model_row_add(m, l->col_build, -l->bound));
            }
            OK_OR(snp_model_row_end(m, -INFINITY, 0));
            /* 8.6  per origin: x_lk <= min(M_k, M_l) y_l, where M_k is all origin k can send */
            for (int q = 0; l->n_comm > 1 && q < l->n_comm; q++) {
                double mk = origin_amount(m, l->comm[q]);
                if (mk < l->bound && add_label_bound(m, l, l->first_flow + q, mk, "capo", q))
                    return SN_ENOMEM;
            }
            if (l->n_sizes > 1 || (l->n_sizes == 1 && l->forced)) {
                /* 8.2  one size: sum_s y_s <= 1 (= 1 when forced) */
                OK_OR(snp_model_row_begin(m, "size(%s,%s,%s)", rid, tid, hid));
                OK_OR(add_link_built(m, l, 1.0));
                OK_OR(snp_model_row_end(m, l->forced ? 1 : -INFINITY, 1));
            }
        } else if (l->n_comm > 1) {
            OK_OR(snp_model_row_begin(m, "cap(%s,%s,%s,%d)", rid, tid, hid, (int)l->mode));
            OK_OR(add_link_total(m, l, 1.0));
            OK_OR(snp_model_row_end(m, -INFINITY, l->bound));
        }
        /* 8.3  a link at a hub needs the hub: y_l <= sum_s z_s, or sum_c x <= bound sum_s z_s
         * (written x - M z <= 0, not x / M - z <= 0: a 1/M of symnet's own would dominate the
         * coefficient span that warns of unit slips in the data) */
        for (int end = 0; end < 2; end++) {
            int h;
            int node = end == 0 ? l->tail : l->head;
            if (snp_node_kind_of(in, node, &h) != SNP_NODE_HUB)
                continue;
            OK_OR(
                snp_model_row_begin(m, "athub(%s,%s,%s,%d,%d)", rid, tid, hid, (int)l->mode, end));
            if (l->col_build >= 0)
                OK_OR(add_link_built(m, l, 1.0));
            else
                OK_OR(add_link_total(m, l, 1.0));
            OK_OR(add_hub_built(m, h, l->col_build >= 0 ? -1.0 : -(l->bound > 0 ? l->bound : 1.0)));
            OK_OR(snp_model_row_end(m, -INFINITY, 0));
            /* without a binary the row only tightens: with the hub closed, 7.2 leaves it
             * nothing to process, so 7.1 (arrive > 0) and 7.4 (disposal >= 0) close the link */
            int row = (int)m->rows.len - 1;
            if (l->col_build < 0)
                OK_OR(!snp_vec_push(&m->implied_rows, &row));
        }
        /* 8.4  corridor: y_l <= w_c */
        if (l->corridor >= 0 && m->corridor_col[l->corridor] >= 0 && l->col_build >= 0) {
            OK_OR(snp_model_row_begin(m, "corridor(%s,%s,%s,%s)", in->corridors[l->corridor].id,
                                      rid, tid, hid));
            OK_OR(add_link_built(m, l, 1.0));
            OK_OR(snp_model_row_add(m, m->corridor_col[l->corridor], -1.0));
            OK_OR(snp_model_row_end(m, -INFINITY, 0));
        }
        /* 8.4  trench of the ways: y_l <= w_t for every trench t on l's route (2.3) */
        for (int i = 0; l->mode == SNP_MODE_PIPE && i < l->n_route && l->col_build >= 0; i++) {
            int t = l->route[i];
            if (m->trench_col[t] < 0)
                continue;
            OK_OR(snp_model_row_begin(m, "trench(%s,%s,%s,%s)", in->trenches[t].id, rid, tid, hid));
            OK_OR(add_link_built(m, l, 1.0));
            OK_OR(snp_model_row_add(m, m->trench_col[t], -1.0));
            OK_OR(snp_model_row_end(m, -INFINITY, 0));
        }
        /* 8.5  trips: sum_c x <= truck_capacity * n */
        if (l->col_trips >= 0) {
            OK_OR(snp_model_row_begin(m, "trips(%s,%s,%s)", rid, tid, hid));
            OK_OR(add_link_total(m, l, 1.0));
            OK_OR(snp_model_row_add(m, l->col_trips, -l->trip_capacity));
            OK_OR(snp_model_row_end(m, -INFINITY, 0));
        }
    }
    return SN_OK;
}

/* Section 9: the capital budget and the emission cap. */
static sn_status cap_rows(sn_model *m)
{
    const sn_instance *in = m->inst;
    int elastic = m->kind != SN_MODEL_NETWORK;
    m->row_budget = m->row_co2 = -1;
    if (m->kind == SN_MODEL_ELASTIC_UNCAPPED)
        return SN_OK;
    if (in->has_budget) {
        m->row_budget = (int)m->rows.len;
        OK_OR(snp_model_row_begin(m, "budget"));
        for (size_t k = 0; k < m->links.len; k++) {
            const snp_link *l = snp_model_link(m, (int)k);
            if (l->col_build >= 0) {
                int n = l->n_sizes > 0 ? l->n_sizes : 1;
                for (int s = 0; s < n; s++)
                    OK_OR(snp_model_row_add(m, l->col_build + s,
                                            snp_link_capital(l, l->n_sizes > 0 ? s : -1, 0)));
            }
            if (m->period_peak_col && m->period_peak_col[k] >= 0) /* 14.9: sized for the peak */
                OK_OR(snp_model_row_add(m, m->period_peak_col[k], l->unit_capital));
            else
                OK_OR(add_link_total(m, l, l->unit_capital));
        }
        for (int h = 0; h < in->n_hubs; h++) {
            const snp_hub *hub = &in->hubs[h];
            if (hub->status == SNP_STATUS_FORBIDDEN)
                continue;
            for (int s = 0; s < hub->n_capacities; s++)
                OK_OR(snp_model_row_add(m, m->hub_size_col[h][s], hub->capacities[s].capital));
        }
        for (int c = 0; c < in->n_corridors; c++)
            if (m->corridor_col[c] >= 0)
                OK_OR(snp_model_row_add(m, m->corridor_col[c], in->corridors[c].capital));
        for (int t = 0; t < in->n_trenches; t++)
            if (m->trench_col[t] >= 0)
                OK_OR(snp_model_row_add(m, m->trench_col[t], in->trenches[t].capital));
        OK_OR(snp_model_periods_budget(m)); /* stores at hubs (14.10) */
        if (elastic) {
            int c = add_slack(m, SNP_SLACK_BUDGET, -1, -1, INFINITY,
                              1.0 / (in->budget > 1 ? in->budget : 1), "budget");
            OK_OR(c < 0);
            OK_OR(snp_model_row_add(m, c, -1.0));
        }
        OK_OR(snp_model_row_end(m, -INFINITY, in->budget));
    }
    if (in->has_co2_cap) {
        m->row_co2 = (int)m->rows.len;
        OK_OR(snp_model_row_begin(m, "co2_cap"));
        for (int f = 0; f < in->n_facilities; f++) {
            const snp_facility *fa = &in->facilities[f];
            for (int s = 0; s < fa->n_supplies; s++)
                if (m->dispose_col[f][s] >= 0)
                    OK_OR(snp_model_row_add(m, m->dispose_col[f][s], fa->supplies[s].disposal_co2));
            for (int k = 0; k < fa->n_demands; k++)
                if (m->purchase_col[f][k] >= 0)
                    OK_OR(snp_model_row_add(m, m->purchase_col[f][k], fa->demands[k].co2));
        }
        for (size_t k = 0; k < m->links.len; k++) {
            const snp_link *l = snp_model_link(m, (int)k);
            OK_OR(add_link_total(m, l, l->unit_co2));
        }
        for (int h = 0; h < in->n_hubs; h++) {
            const snp_hub *hub = &in->hubs[h];
            if (hub->status == SNP_STATUS_FORBIDDEN)
                continue;
            for (int i = 0; i < hub->n_inputs; i++)
                OK_OR(snp_model_row_add(m, m->hub_proc_col[h][i], hub->inputs[i].co2_per_unit));
            for (int o = 0; o < hub->n_outputs; o++)
                OK_OR(snp_model_row_add(m, m->hub_disp_col[h][o], hub->outputs[o].disposal_co2));
        }
        if (elastic) {
            double cap = in->co2_cap_t_per_yr;
            int c =
                add_slack(m, SNP_SLACK_CO2, -1, -1, INFINITY, 1.0 / (cap > 1 ? cap : 1), "co2_cap");
            OK_OR(c < 0);
            OK_OR(snp_model_row_add(m, c, -1.0));
        }
        OK_OR(snp_model_row_end(m, -INFINITY, in->co2_cap_t_per_yr));
    }
    return SN_OK;
}

snp_element *snp_model_elements(const sn_model *m, int *n)
{
    const sn_instance *in = m->inst;
    *n = 0;
    snp_element *e =
        snp_calloc(m->links.len + (size_t)in->n_hubs + (size_t)in->n_corridors + 1, sizeof *e);
    if (!e)
        return NULL;
    char id[SNP_LINK_ID_MAX];
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->col_build < 0)
            continue;
        snprintf(e[*n].name, sizeof e[*n].name, "link:%s", snp_link_id(in, l, id, sizeof id));
        e[*n].first_col = l->col_build;
        e[(*n)++].n_cols = l->n_sizes > 0 ? l->n_sizes : 1;
    }
    for (int h = 0; h < in->n_hubs; h++) {
        if (!m->hub_size_col[h] || m->hub_size_col[h][0] < 0)
            continue;
        snprintf(e[*n].name, sizeof e[*n].name, "hub:%s", in->hubs[h].id);
        e[*n].first_col = m->hub_size_col[h][0];
        e[(*n)++].n_cols = in->hubs[h].n_capacities;
    }
    for (int c = 0; c < in->n_corridors; c++) {
        if (m->corridor_col[c] < 0)
            continue;
        snprintf(e[*n].name, sizeof e[*n].name, "corridor:%s", in->corridors[c].id);
        e[*n].first_col = m->corridor_col[c];
        e[(*n)++].n_cols = 1;
    }
    return e;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is `name` in the sorted names[0..n-1]? */
static int in_layout(const char *const *names, int n, const char *name)
{
    return n > 0 && bsearch(&name, names, (size_t)n, sizeof *names, str_cmp) != NULL;
}

/* Sections 9.4 and 9.5: the cost cap and the excluded layouts, and (9.6) the objective
 * "differ". The cost cap's coefficients are the columns' objective of section 4, still in
 * place: set_objective runs after. */
static sn_status explore_rows(sn_model *m)
{
    const sn_instance *in = m->inst;
    int elastic = m->kind != SN_MODEL_NETWORK;
    m->row_cost_cap = m->first_layout_row = -1;
    if (m->kind == SN_MODEL_ELASTIC_UNCAPPED)
        return SN_OK;
    if (in->has_cost_cap) {
        /* 9.4: sum_j c_j x_j <= cost_cap, c the objective of section 4 (slacks cost nothing) */
        size_t ncols = m->cols.len;
        m->row_cost_cap = (int)m->rows.len;
        OK_OR(snp_model_row_begin(m, "cost_cap"));
        for (size_t j = 0; j < ncols; j++) {
            const snp_col *c = snp_model_col(m, (int)j);
            if (c->role != SNP_ROLE_SLACK)
                OK_OR(snp_model_row_add(m, (int)j, c->obj));
        }
        if (elastic) {
            double cap = in->cost_cap;
            int c = add_slack(m, SNP_SLACK_COST, -1, -1, INFINITY, 1.0 / (cap > 1 ? cap : 1),
                              "cost_cap");
            OK_OR(c < 0);
            OK_OR(snp_model_row_add(m, c, -1.0));
        }
        OK_OR(snp_model_row_end(m, -INFINITY, in->cost_cap));
    }
    if (in->n_layouts == 0)
        return SN_OK;
    int ne = 0;
    snp_element *el = snp_model_elements(m, &ne);
    const char **names = snp_calloc((size_t)in->layout_at[in->n_layouts] + 1, sizeof *names);
    sn_status st = el && names ? SN_OK : SN_ENOMEM;
    for (int i = 0; st == SN_OK && i < in->n_layouts; i++) {
        int n = in->layout_at[i + 1] - in->layout_at[i];
        memcpy(names, in->layout_names + in->layout_at[i], (size_t)n * sizeof *names);
        qsort(names, (size_t)n, sizeof *names, str_cmp);
        /* elements of the layout the model cannot build: it can never be repeated */
        int found = 0;
        for (int b = 0; b < ne; b++)
            found += in_layout(names, n, el[b].name);
        if (found < n)
            continue;
        /* 9.5: sum_{b not in L} Y_b - sum_{b in L} Y_b >= 1 - |L| */
        if (m->first_layout_row < 0)
            m->first_layout_row = (int)m->rows.len;
        if (snp_model_row_begin(m, "layout(%d)", i) != 0) {
            st = SN_ENOMEM;
            break;
        }
        for (int b = 0; b < ne && st == SN_OK; b++) {
            double coef = in_layout(names, n, el[b].name) ? -1.0 : 1.0;
            for (int s = 0; s < el[b].n_cols && st == SN_OK; s++)
                if (snp_model_row_add(m, el[b].first_col + s, coef) != 0)
                    st = SN_ENOMEM;
        }
        if (st == SN_OK && elastic) {
            char what[32];
            snprintf(what, sizeof what, "layout(%d)", i);
            int c = add_slack(m, SNP_SLACK_LAYOUT, i, -1, 1, 1.0, what);
            if (c < 0 || snp_model_row_add(m, c, 1.0) != 0)
                st = SN_ENOMEM;
        }
        if (st == SN_OK && snp_model_row_end(m, 1.0 - n, INFINITY) != 0)
            st = SN_ENOMEM;
    }
    snp_free(names);
    snp_free(el);
    return st;
}

/* Section 4 and 9.6: the objective. Columns were given their cost (section 4); an elastic
 * model keeps only its slacks' weights (section 10), region.objective "co2" puts the emissions
 * of 9.2 in their place, "differ" the count sum_L (sum_{b in L} Y_b - sum_{b not in L} Y_b). */
static sn_status set_objective(sn_model *m)
{
    const sn_instance *in = m->inst;
    if (m->kind != SN_MODEL_NETWORK) {
        for (size_t j = 0; j < m->cols.len; j++) {
            snp_col *c = &SNP_VEC_AT(&m->cols, snp_col, j);
            if (c->role != SNP_ROLE_SLACK)
                c->obj = 0;
        }
        return SN_OK;
    }
    if (in->objective == SNP_OBJ_COST)
        return SN_OK;
    if (in->objective == SNP_OBJ_CO2) {
        /* the emission coefficients of 9.2, set as 10.2 sets them (no slacks here) */
        snp_model_least_co2(m, NULL);
        return SN_OK;
    }
    for (size_t j = 0; j < m->cols.len; j++)
        SNP_VEC_AT(&m->cols, snp_col, j).obj = 0;
    int ne = 0;
    snp_element *el = snp_model_elements(m, &ne);
    const char **names = snp_calloc((size_t)in->layout_at[in->n_layouts] + 1, sizeof *names);
    if (!el || !names) {
        snp_free(el);
        snp_free(names);
        return SN_ENOMEM;
    }
    for (int i = 0; i < in->n_layouts; i++) {
        int n = in->layout_at[i + 1] - in->layout_at[i];
        memcpy(names, in->layout_names + in->layout_at[i], (size_t)n * sizeof *names);
        qsort(names, (size_t)n, sizeof *names, str_cmp);
        for (int b = 0; b < ne; b++) {
            double coef = in_layout(names, n, el[b].name) ? 1.0 : -1.0;
            for (int s = 0; s < el[b].n_cols; s++)
                SNP_VEC_AT(&m->cols, snp_col, (size_t)(el[b].first_col + s)).obj += coef;
        }
    }
    snp_free(names);
    snp_free(el);
    return SN_OK;
}

void snp_model_least_co2(sn_model *m, const double *x)
{
    const sn_instance *in = m->inst;
    for (size_t j = 0; j < m->cols.len; j++) {
        snp_col *c = &SNP_VEC_AT(&m->cols, snp_col, j);
        c->obj = 0;
        if (x && c->role == SNP_ROLE_SLACK)
            c->ub = fmin(c->ub, fmax(0, x[j]) * (1 + 1e-9) + 1e-9);
    }
#define SET_OBJ(col, v) (SNP_VEC_AT(&m->cols, snp_col, (col)).obj += (v))
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        for (int s = 0; s < fa->n_supplies; s++)
            if (m->dispose_col[f][s] >= 0)
                SET_OBJ(m->dispose_col[f][s], fa->supplies[s].disposal_co2);
        for (int k = 0; k < fa->n_demands; k++)
            if (m->purchase_col[f][k] >= 0)
                SET_OBJ(m->purchase_col[f][k], fa->demands[k].co2);
    }
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        for (int q = 0; q < l->n_comm; q++)
            SET_OBJ(l->first_flow + q, l->unit_co2);
    }
    for (int h = 0; h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        if (hub->status == SNP_STATUS_FORBIDDEN)
            continue;
        for (int i = 0; i < hub->n_inputs; i++)
            SET_OBJ(m->hub_proc_col[h][i], hub->inputs[i].co2_per_unit);
        for (int o = 0; o < hub->n_outputs; o++)
            SET_OBJ(m->hub_disp_col[h][o], hub->outputs[o].disposal_co2);
    }
#undef SET_OBJ
}

static void coefficient_range(sn_model *m)
{
    double lo = INFINITY, hi = 0;
    for (size_t k = 0; k < m->val.len; k++) {
        double v = fabs(SNP_VEC_AT(&m->val, double, k));
        if (v > 0 && v < lo) {
            lo = v;
            m->min_coef_at = k;
        }
        if (v > hi) {
            hi = v;
            m->max_coef_at = k;
        }
    }
    m->min_abs_coef = lo;
    m->max_abs_coef = hi;
}

sn_status sn_model_build(const sn_instance *inst, sn_model_kind kind, sn_model **out, sn_diag *diag)
{
    return snp_model_build_keep(inst, kind, 0, out, diag);
}

sn_status snp_model_build_keep(const sn_instance *inst, sn_model_kind kind, int keep_links,
                               sn_model **out, sn_diag *diag)
{
    *out = NULL;
    sn_model *m = snp_model_new(inst, kind == SN_MODEL_FAIR ? SN_MODEL_NETWORK : kind);
    if (!m) {
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory building the model");
        return SN_ENOMEM;
    }
    m->fair = kind == SN_MODEL_FAIR;
    m->keep_all_links = keep_links != 0;

    adjacency adj;
    sn_status st = build_commodities(m);
    if (st == SN_OK)
        st = snp_model_links(m, diag);
    if (st == SN_OK)
        st = build_adjacency(m, &adj);
    if (st == SN_OK)
        st = link_columns(m);
    if (st == SN_OK)
        st = entity_columns(m);
    if (st == SN_OK)
        st = alloc_columns(m, &adj);
    if (st == SN_OK)
        st = dest_columns(m);
    if (st == SN_OK)
        st = facility_rows(m, &adj);
    if (st == SN_OK)
        st = junction_rows(m, &adj);
    if (st == SN_OK)
        st = dest_rows(m, &adj);
    if (st == SN_OK)
        st = hub_rows(m, &adj);
    if (st == SN_OK)
        st = link_rows(m);
    if (st == SN_OK)
        st = snp_model_periods(m);
    if (st == SN_OK)
        st = cap_rows(m);
    if (st == SN_OK)
        st = snp_model_zone_rows(m); /* zones.c: caps on truck trips (9.3) */
    if (st == SN_OK)
        st = explore_rows(m);
    /* the span of the data's coefficients: the fairness rows (costs, not data in a row) are
     * left out, as they would make every region with a small per-unit cost warn */
    if (st == SN_OK)
        coefficient_range(m);
    if (st == SN_OK && m->fair)
        st = snp_model_fair_rows(m);
    if (st == SN_OK)
        st = set_objective(m);
    if (st == SN_OK)
        st = snp_model_check(m, diag);
    if (st == SN_OK)
        st = snp_model_warnings(m, diag);
    if (st != SN_OK) {
        if (st == SN_ENOMEM)
            snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory building the model");
        sn_model_free(m);
        return st;
    }
    *out = m;
    return SN_OK;
}
