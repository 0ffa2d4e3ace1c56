/*
 * sepa_flowcover.c - separator of flow cover inequalities on the single-node flow sets of a
 * region (docs/model.md 11.4). Stage: a plugin of the branch-and-cut in glpk.c, which calls
 * it with the LP point of a node and adds the cuts it returns. No solver types here.
 *
 * The sets. For a facility or hub v and a resource r, the links of r into v that have one
 * build binary y_l (no discrete sizes) form, with w_l = gamma_l * sum_k x_lk (what arrives),
 *     sum_l w_l <= b = in(v, r),   0 <= w_l <= u_l y_l,   u_l = min(gamma_l M_l, b),
 * because what arrives at a facility is split over its demands (5.2), each of which takes at
 * most amount_d / ratio_d(r) of r (5.3, purchases are >= 0), and what arrives at a hub is
 * processed (7.1) within its largest capacity (7.2, 7.3). The links of r out of v form
 *     sum_l w_l <= b,   w_l = sum_k x_lk,   u_l = min(M_l, b),
 * with b the supply of r at facility v (5.1, disposal >= 0) or, at a hub, its largest capacity
 * times its largest yield of r (7.2, 7.4, hub disposal >= 0). x_lk <= M_l y_l summed over k
 * is 8.1. Links without a binary (trucks) and sized links are left out of the sets: dropping
 * a non-negative term keeps the row valid.
 *
 * The cut (Van Roy and Wolsey's flow cover). A cover C is a subset of the set's links with
 * lambda = sum_C u_l - b > 0. Then every network satisfies
 *     sum_C w_l + sum_C (u_l - lambda)^+ (1 - y_l) <= b.
 * Proof: let T = {l in C : y_l = 0}, so w_l = 0 on T. If no l in T has u_l > lambda, the left
 * side is sum_{C\T} w_l <= b by the set's row. Otherwise let T' = {l in T : u_l > lambda},
 * not empty; sum_{C\T} w_l <= sum_{C\T} u_l = b + lambda - sum_T u_l, and the left side is at
 * most b + lambda - sum_T u_l + sum_{T'} (u_l - lambda) = b + lambda (1 - |T'|)
 * - sum_{T\T'} u_l <= b. The cut uses only the model's rows and the integrality of y, never a
 * node's branching bounds, so it is valid in the whole tree.
 *
 * Separation. At an LP point with w_l = u_l y_l and every u_l > lambda, the cut's violation is
 * lambda (1 - sum_C (1 - y_l)): it is violated when the cover's links are nearly all built and
 * their capacities exceed b. So for each set the links are ranked (by y_l, then by w_l; and
 * by w_l alone), every prefix of each ranking that covers b is tried, and the most violated
 * cover is returned. O(n^2) per set of n links; only prefixes of at most SEPA_FC_MAX_ITEMS
 * links are tried.
 */
#include "solve_int.h"

#include <math.h>
#include <stdlib.h>

#define SEPA_FC_MAX_ITEMS 64
/* a cut is returned when it is violated by more than this share of b (plus an absolute
 * 1e-6): smaller violations do not move the bound and cost LP iterations */
#define SEPA_FC_MIN_VIOLATION 1e-5

struct snp_sepa_flowcover {
    const sn_model *m;
    int n_sets;
    int *set_start; /* n_sets + 1 offsets into the items */
    double *set_b;
    int *item_link;
    double *item_coef; /* gamma_l (into v) or 1 (out of v) */
    double *item_u;
    /* scratch for one set and one cut */
    int *order;
    double *w, *y;
    snp_rank *rank, *best_rank;
    int *cut_col;
    double *cut_coef;
};

typedef struct fc_entry {
    int node, resource, out, link;
} fc_entry;

static int entry_cmp(const void *pa, const void *pb)
{
    const fc_entry *a = pa, *b = pb;
    if (a->out != b->out)
        return a->out < b->out ? -1 : 1;
    if (a->node != b->node)
        return a->node < b->node ? -1 : 1;
    if (a->resource != b->resource)
        return a->resource < b->resource ? -1 : 1;
    return (a->link > b->link) - (a->link < b->link);
}

/* b of the outflow set of resource r at node: the supply (facility) or the most a hub can
 * make of r; 0 when the node sends none. */
static double out_limit(const sn_instance *in, int node, int r)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY: {
        const snp_facility *f = &in->facilities[i];
        for (int k = 0; k < f->n_supplies; k++)
            if (f->supplies[k].resource == r)
                return f->supplies[k].amount;
        return 0;
    }
    case SNP_NODE_HUB: {
        const snp_hub *h = &in->hubs[i];
        double best = 0;
        for (int o = 0; o < h->n_outputs; o++)
            if (h->outputs[o].resource == r)
                for (int k = 0; k < h->n_inputs; k++)
                    best = fmax(best, h->inputs[k].yields[o]);
        return h->capacities[h->n_capacities - 1].capacity * best;
    }
    case SNP_NODE_JUNCTION:
        return INFINITY;
    }
    return INFINITY;
}

static double set_limit(const sn_instance *in, const fc_entry *e)
{
    if (e->out)
        return out_limit(in, e->node, e->resource);
    return snp_node_intake_max(in, e->node, e->resource);
}

static int eligible(const sn_instance *in, const snp_link *l, int node)
{
    int i;
    return l->col_build >= 0 && l->n_sizes == 0 && l->bound > 0 &&
           snp_node_kind_of(in, node, &i) != SNP_NODE_JUNCTION;
}

void snp_sepa_flowcover_free(snp_sepa_flowcover *s)
{
    if (!s)
        return;
    snp_free(s->set_start);
    snp_free(s->set_b);
    snp_free(s->item_link);
    snp_free(s->item_coef);
    snp_free(s->item_u);
    snp_free(s->order);
    snp_free(s->w);
    snp_free(s->y);
    snp_free(s->rank);
    snp_free(s->best_rank);
    snp_free(s->cut_col);
    snp_free(s->cut_coef);
    snp_free(s);
}

/* Keeps the group e[0..n) (one node, resource and direction) as a set when a cover of it
 * can exist, tracking the largest set and cut for the scratch arrays. */
static void keep_set(snp_sepa_flowcover *s, const fc_entry *e, int n, int *n_items, int *max_n,
                     int *max_len)
{
    const sn_instance *in = s->m->inst;
    double b = set_limit(in, &e[0]);
    if (!(b > 0) || !isfinite(b) || n < 2)
        return;
    int first = *n_items, len = 0;
    double total = 0;
    for (int k = 0; k < n; k++) {
        const snp_link *l = snp_model_link(s->m, e[k].link);
        double coef = e[k].out ? 1.0 : l->arrive;
        double u = fmin(coef * l->bound, b);
        if (!(u > 0))
            continue;
        s->item_link[*n_items] = e[k].link;
        s->item_coef[*n_items] = coef;
        s->item_u[*n_items] = u;
        (*n_items)++;
        total += u;
        len += l->n_comm + 1;
    }
    if (*n_items - first < 2 || total <= b * (1 + 1e-9)) {
        *n_items = first; /* no cover: not a set */
        return;
    }
    s->set_b[s->n_sets] = b;
    s->set_start[++s->n_sets] = *n_items;
    if (*n_items - first > *max_n)
        *max_n = *n_items - first;
    if (len > *max_len)
        *max_len = len;
}

snp_sepa_flowcover *snp_sepa_flowcover_create(const sn_model *m)
{
    const sn_instance *in = m->inst;
    int n_links = (int)m->links.len, n_entries = 0;
    snp_sepa_flowcover *s = snp_calloc(1, sizeof *s);
    fc_entry *e = snp_calloc((size_t)2 * (size_t)(n_links > 0 ? n_links : 1), sizeof *e);
    if (!s || !e)
        goto fail;
    s->m = m;
    for (int k = 0; k < n_links; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (eligible(in, l, l->head))
            e[n_entries++] = (fc_entry){l->head, l->resource, 0, k};
        if (eligible(in, l, l->tail))
            e[n_entries++] = (fc_entry){l->tail, l->resource, 1, k};
    }
    qsort(e, (size_t)n_entries, sizeof *e, entry_cmp);
    s->set_start = snp_calloc((size_t)n_entries + 1, sizeof *s->set_start);
    s->set_b = snp_calloc((size_t)n_entries + 1, sizeof *s->set_b);
    s->item_link = snp_calloc((size_t)n_entries + 1, sizeof *s->item_link);
    s->item_coef = snp_calloc((size_t)n_entries + 1, sizeof *s->item_coef);
    s->item_u = snp_calloc((size_t)n_entries + 1, sizeof *s->item_u);
    if (!s->set_start || !s->set_b || !s->item_link || !s->item_coef || !s->item_u)
        goto fail;
    int n_items = 0, max_n = 0, max_len = 0;
    for (int a = 0, z; a < n_entries; a = z) {
        for (z = a + 1; z < n_entries && e[z].out == e[a].out && e[z].node == e[a].node &&
                        e[z].resource == e[a].resource;
             z++)
            ;
        keep_set(s, e + a, z - a, &n_items, &max_n, &max_len);
    }
    snp_free(e);
    e = NULL;
    if (s->n_sets == 0) {
        snp_sepa_flowcover_free(s);
        return NULL;
    }
    s->order = snp_calloc((size_t)max_n, sizeof *s->order);
    s->w = snp_calloc((size_t)max_n, sizeof *s->w);
    s->y = snp_calloc((size_t)max_n, sizeof *s->y);
    s->rank = snp_calloc((size_t)max_n, sizeof *s->rank);
    s->best_rank = snp_calloc((size_t)max_n, sizeof *s->best_rank);
    s->cut_col = snp_calloc((size_t)max_len, sizeof *s->cut_col);
    s->cut_coef = snp_calloc((size_t)max_len, sizeof *s->cut_coef);
    if (!s->order || !s->w || !s->y || !s->rank || !s->best_rank || !s->cut_col || !s->cut_coef)
        goto fail;
    return s;
fail:
    snp_free(e);
    snp_sepa_flowcover_free(s);
    return NULL;
}

int snp_rank_cmp(const void *pa, const void *pb)
{
    const snp_rank *a = pa, *b = pb;
    if (a->key1 != b->key1)
        return a->key1 > b->key1 ? -1 : 1;
    if (a->key2 != b->key2)
        return a->key2 > b->key2 ? -1 : 1;
    return (a->item > b->item) - (a->item < b->item);
}

/* Best cover among the prefixes of rank[0..n): returns its violation (-INFINITY when no prefix
 * covers b) and its length in *best_k. */
static double best_prefix(const snp_rank *rank, int n, const double *u, const double *w,
                          const double *y, double b, int *best_k)
{
    double best = -INFINITY, sum_u = 0;
    for (int k = 0; k < n; k++) {
        sum_u += u[rank[k].item];
        double lambda = sum_u - b;
        if (lambda <= 1e-9 * b)
            continue;
        double lhs = 0;
        int lifts = 0;
        for (int t = 0; t <= k; t++) {
            int i = rank[t].item;
            double c = u[i] - lambda;
            lhs += w[i];
            if (c > 0) {
                lhs += c * (1 - y[i]);
                lifts = 1;
            }
        }
        if (lifts && lhs - b > best) {
            best = lhs - b;
            *best_k = k + 1;
        }
    }
    return best;
}

int snp_sepa_flowcover_run(snp_sepa_flowcover *s, const double *x, snp_cut_sink sink, void *ctx)
{
    const sn_model *m = s->m;
    int found = 0;
    for (int set = 0; set < s->n_sets; set++) {
        int first = s->set_start[set], n = s->set_start[set + 1] - first;
        const double *u = s->item_u + first;
        double b = s->set_b[set];
        int n_pos = 0;
        for (int i = 0; i < n; i++) {
            const snp_link *l = snp_model_link(m, s->item_link[first + i]);
            double flow = 0;
            for (int k = 0; k < l->n_comm; k++)
                flow += x[l->first_flow + k];
            s->w[i] = fmin(fmax(s->item_coef[first + i] * flow, 0), u[i]);
            s->y[i] = fmin(fmax(x[l->col_build], 0), 1);
            if (s->y[i] > 1e-9 || s->w[i] > 1e-9)
                s->order[n_pos++] = i;
        }
        /* links that carry nothing and are not built only weaken a cover */
        if (n_pos < 2)
            continue;
        double best = -INFINITY;
        int best_k = 0;
        for (int pass = 0; pass < 2; pass++) {
            snp_rank *rank = s->rank;
            for (int t = 0; t < n_pos; t++) {
                int i = s->order[t];
                rank[t] = pass == 0 ? (snp_rank){i, s->y[i], s->w[i]}
                                    : (snp_rank){i, s->w[i] / u[i], s->y[i]};
            }
            qsort(rank, (size_t)n_pos, sizeof *rank, snp_rank_cmp);
            int k = 0;
            double v = best_prefix(rank, n_pos < SEPA_FC_MAX_ITEMS ? n_pos : SEPA_FC_MAX_ITEMS, u,
                                   s->w, s->y, b, &k);
            if (v > best) {
                best = v;
                best_k = k;
                for (int t = 0; t < k; t++)
                    s->best_rank[t] = rank[t];
            }
        }
        if (!(best > SEPA_FC_MIN_VIOLATION * b + 1e-6))
            continue;
        double lambda = -b, rhs = -b;
        for (int t = 0; t < best_k; t++)
            lambda += u[s->best_rank[t].item];
        int len = 0;
        for (int t = 0; t < best_k; t++) {
            int i = s->best_rank[t].item;
            const snp_link *l = snp_model_link(m, s->item_link[first + i]);
            for (int k = 0; k < l->n_comm; k++) {
                s->cut_col[len] = l->first_flow + k;
                s->cut_coef[len++] = -s->item_coef[first + i];
            }
            double c = u[i] - lambda;
            if (c > 0) {
                s->cut_col[len] = l->col_build;
                s->cut_coef[len++] = c;
                rhs += c;
            }
        }
        /* -sum_C w_l + sum_C (u_l - lambda)^+ y_l >= sum_C (u_l - lambda)^+ - b */
        if (sink(ctx, len, s->cut_col, s->cut_coef, rhs) != 0)
            return -1;
        found++;
    }
    return found;
}
