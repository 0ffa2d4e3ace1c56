/*
 * sepa_hubcap.c - separator of hub capacity covers (docs/model.md 11.4). Stage: a plugin of the
 * branch-and-cut in glpk.c, which calls it with the LP point of a node and adds the cuts it
 * returns. No solver types here.
 *
 * The weakness. A hub's capacity row 7.2, sum_i p_hi <= sum_o C_o z_ho with sum_o z_ho <= 1,
 * lets the LP mix capacity options: z = 0.12 of a small option and 0.88 of the largest give
 * a capacity between the two at a price between theirs, even when one input link alone brings
 * more than the small option holds. Only the total is bounded by the mix; no single link is.
 *
 * The cut. Let S be a set of links into hub h (of any of its inputs), w_l = gamma_l sum_k x_lk
 * what l delivers, u_l = gamma_l M_l its most, and U_S = sum_S u_l. Then every network
 * satisfies
 *     sum_S w_l <= sum_o min(U_S, C_o) z_ho.
 * Proof: when h is not built, 8.3 closes every link at h (y_l <= sum_o z_ho, or
 * sum_k x_lk <= M_l sum_o z_ho), so the left side is 0. When option o is built, sum_S w_l is at
 * most everything that arrives, which is sum_i p_hi (7.1) <= C_o (7.2, 7.3), and at most U_S
 * (8.1, or the flow columns' bounds). For the links of output resource r out of h, with
 * w_l = sum_k x_lk, u_l = M_l and Y = the largest yield of r over h's inputs, in the same way
 *     sum_S w_l <= sum_o min(U_S, Y C_o) z_ho,
 * since what leaves is at most what h makes, sum_i yield_ir p_hi <= Y C_o (7.4, hub disposal
 * >= 0). Both use only the model's rows and the integrality of z, never a node's branching
 * bounds, so they are valid in the whole tree. With S all the links, the first is implied by
 * 7.1 and 7.2 (U_S is then at least the largest C_o); with S one full link l (w_l = u_l) of a
 * hub mixed as above, it says the options smaller than u_l carry only their capacity.
 *
 * Separation. For each hub's inputs and each output resource, the links are ranked by how
 * full they are (w_l / u_l, then w_l), every prefix is tried, and the most violated is
 * returned: O(n K) per set of n links and K options.
 */
#include "solve_int.h"

#include <math.h>
#include <stdlib.h>

/* a cut is returned when violated by more than this share of its largest capacity term
 * (plus 1e-6) */
#define SEPA_HC_MIN_VIOLATION 1e-5

struct snp_sepa_hubcap {
    const sn_model *m;
    int n_sets;
    int *set_start; /* n_sets + 1 offsets into the items */
    int *set_hub;
    double *set_scale; /* 1 (inputs) or Y (an output) */
    int *item_link;
    double *item_coef; /* gamma_l (into h) or 1 (out of h) */
    double *item_u;
    /* scratch */
    snp_rank *rank;
    double *w;
    int *cut_col;
    double *cut_coef;
};

void snp_sepa_hubcap_free(snp_sepa_hubcap *s)
{
    if (!s)
        return;
    snp_free(s->set_start);
    snp_free(s->set_hub);
    snp_free(s->set_scale);
    snp_free(s->item_link);
    snp_free(s->item_coef);
    snp_free(s->item_u);
    snp_free(s->rank);
    snp_free(s->w);
    snp_free(s->cut_col);
    snp_free(s->cut_coef);
    snp_free(s);
}

/* Hub h can be built and has capacity option columns. */
static int hub_open(const sn_model *m, int h)
{
    return m->inst->hubs[h].status != SNP_STATUS_FORBIDDEN && snp_model_hub_options(m, h) > 0;
}

static int is_input(const snp_hub *hub, int r)
{
    for (int i = 0; i < hub->n_inputs; i++)
        if (hub->inputs[i].resource == r)
            return 1;
    return 0;
}

/* Appends the links of hub h's set (out: links of resource r out of h; else links into h)
 * as items; keeps the set when it has one. */
static void add_set(snp_sepa_hubcap *s, int h, int out, int r, double scale, int *n_items,
                    int *max_n, int *max_len)
{
    const sn_model *m = s->m;
    int node = m->inst->n_facilities + h, first = *n_items, len = m->inst->hubs[h].n_capacities;
    for (int k = 0; k < (int)m->links.len; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (out ? l->tail != node || l->resource != r
                : l->head != node || !is_input(&m->inst->hubs[h], l->resource))
            continue;
        double coef = out ? 1.0 : l->arrive;
        if (!(l->bound > 0) || !isfinite(l->bound))
            continue;
        s->item_link[*n_items] = k;
        s->item_coef[*n_items] = coef;
        s->item_u[*n_items] = coef * l->bound;
        (*n_items)++;
        len += l->n_comm;
    }
    if (*n_items == first)
        return;
    s->set_hub[s->n_sets] = h;
    s->set_scale[s->n_sets] = scale;
    s->set_start[++s->n_sets] = *n_items;
    if (*n_items - first > *max_n)
        *max_n = *n_items - first;
    if (len > *max_len)
        *max_len = len;
}

snp_sepa_hubcap *snp_sepa_hubcap_create(const sn_model *m)
{
    const sn_instance *in = m->inst;
    int n_sets_max = 0, n_links = (int)m->links.len;
    for (int h = 0; h < in->n_hubs; h++)
        if (hub_open(m, h))
            n_sets_max += 1 + in->hubs[h].n_outputs;
    if (n_sets_max == 0)
        return NULL;
    snp_sepa_hubcap *s = snp_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->m = m;
    /* a link has at most two hub ends, each in one set */
    size_t n_items_max = 2 * (size_t)n_links + 1;
    s->set_start = snp_calloc((size_t)n_sets_max + 1, sizeof *s->set_start);
    s->set_hub = snp_calloc((size_t)n_sets_max, sizeof *s->set_hub);
    s->set_scale = snp_calloc((size_t)n_sets_max, sizeof *s->set_scale);
    s->item_link = snp_calloc(n_items_max, sizeof *s->item_link);
    s->item_coef = snp_calloc(n_items_max, sizeof *s->item_coef);
    s->item_u = snp_calloc(n_items_max, sizeof *s->item_u);
    if (!s->set_start || !s->set_hub || !s->set_scale || !s->item_link || !s->item_coef ||
        !s->item_u)
        goto fail;
    int n_items = 0, max_n = 0, max_len = 0;
    for (int h = 0; h < in->n_hubs; h++) {
        if (!hub_open(m, h))
            continue;
        const snp_hub *hub = &in->hubs[h];
        add_set(s, h, 0, -1, 1.0, &n_items, &max_n, &max_len);
        for (int o = 0; o < hub->n_outputs; o++) {
            double y = 0;
            for (int i = 0; i < hub->n_inputs; i++)
                y = fmax(y, hub->inputs[i].yields[o]);
            if (y > 0)
                add_set(s, h, 1, hub->outputs[o].resource, y, &n_items, &max_n, &max_len);
        }
    }
    if (s->n_sets == 0) {
        snp_sepa_hubcap_free(s);
        return NULL;
    }
    s->rank = snp_calloc((size_t)max_n, sizeof *s->rank);
    s->w = snp_calloc((size_t)max_n, sizeof *s->w);
    s->cut_col = snp_calloc((size_t)max_len, sizeof *s->cut_col);
    s->cut_coef = snp_calloc((size_t)max_len, sizeof *s->cut_coef);
    if (!s->rank || !s->w || !s->cut_col || !s->cut_coef)
        goto fail;
    return s;
fail:
    snp_sepa_hubcap_free(s);
    return NULL;
}

int snp_sepa_hubcap_run(snp_sepa_hubcap *s, const double *x, snp_cut_sink sink, void *ctx)
{
    const sn_model *m = s->m;
    const sn_instance *in = m->inst;
    int found = 0;
    for (int set = 0; set < s->n_sets; set++) {
        int first = s->set_start[set], n = s->set_start[set + 1] - first, h = s->set_hub[set];
        const snp_hub *hub = &in->hubs[h];
        const int *zc = m->hub_size_col[h];
        const double *u = s->item_u + first;
        double scale = s->set_scale[set];
        int n_pos = 0;
        for (int i = 0; i < n; i++) {
            const snp_link *l = snp_model_link(m, s->item_link[first + i]);
            double flow = 0;
            for (int k = 0; k < l->n_comm; k++)
                flow += x[l->first_flow + k];
            s->w[i] = fmin(fmax(s->item_coef[first + i] * flow, 0), u[i]);
            if (s->w[i] > 1e-9 * u[i])
                s->rank[n_pos++] = (snp_rank){i, s->w[i] / u[i], s->w[i]};
        }
        if (n_pos == 0)
            continue;
        qsort(s->rank, (size_t)n_pos, sizeof *s->rank, snp_rank_cmp);
        double best = -INFINITY, sum_w = 0, sum_u = 0, best_u = 0, cmax = 0;
        int best_k = 0;
        for (int o = 0; o < hub->n_capacities; o++)
            cmax = fmax(cmax, scale * hub->capacities[o].capacity);
        for (int k = 0; k < n_pos; k++) {
            sum_w += s->w[s->rank[k].item];
            sum_u += u[s->rank[k].item];
            double rhs = 0;
            for (int o = 0; o < hub->n_capacities; o++)
                rhs += fmin(sum_u, scale * hub->capacities[o].capacity) * fmax(x[zc[o]], 0);
            if (sum_w - rhs > best) {
                best = sum_w - rhs;
                best_k = k + 1;
                best_u = sum_u;
            }
        }
        if (!(best > SEPA_HC_MIN_VIOLATION * cmax + 1e-6))
            continue;
        int len = 0;
        for (int t = 0; t < best_k; t++) {
            int i = s->rank[t].item;
            const snp_link *l = snp_model_link(m, s->item_link[first + i]);
            for (int k = 0; k < l->n_comm; k++) {
                s->cut_col[len] = l->first_flow + k;
                s->cut_coef[len++] = -s->item_coef[first + i];
            }
        }
        for (int o = 0; o < hub->n_capacities; o++) {
            s->cut_col[len] = zc[o];
            s->cut_coef[len++] = fmin(best_u, scale * hub->capacities[o].capacity);
        }
        /* sum_o min(U_S, scale C_o) z_o - sum_S w_l >= 0 */
        if (sink(ctx, len, s->cut_col, s->cut_coef, 0.0) != 0)
            return -1;
        found++;
    }
    return found;
}
