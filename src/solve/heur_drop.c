/*
 * heur_drop.c - the primal heuristic "drop": the incumbent improved by closing what it built,
 * one link or hub at a time, each move priced exactly (docs/model.md 11.13). Stage: a plugin of
 * the branch-and-cut in glpk.c (GLP_IHEUR), given GLPK's incumbent and the node's LP point; the
 * LP of the flows on a fixed network is glpk.c's, reached through snp_fixed_lp_fn.
 *
 * Why. On the generated regions the network comes from LP rounding (11.1), which opens every
 * link the LP point sends something over: a link or hub the LP opens only in part, because
 * its fixed cost buys little, is built whole. At XL the search never leaves the root (the
 * network of the first rounding is the one it ends with), so no branch closes such a link.
 *
 * The procedure. Every link and hub the incumbent builds and its bounds leave free is a
 * candidate, ranked by its fixed annual cost times the part of it the LP point leaves closed
 * (1 - its open value there): the fixed cost the LP thinks it need not pay. Those with a rank
 * above 0 are tried in turn: the network without it is priced as rounding prices its own
 * (snp_round_price: the flows' LP, what the exact flows leave empty closed, trips rounded up),
 * and kept when cheaper; the next candidate is tried on the network kept. A run tries
 * candidates until DROP_CALL_S or a share of the time left has gone, and the next run goes on
 * down the same list while the incumbent is the one it started from (its own included); a new
 * incumbent starts a new list. Every constraint holds for what it returns: the flows are the
 * LP's of the model on that network. Cost: one LP on a fixed network per candidate, each a
 * few dual simplex pivots from the last (one binary's bound changed).
 */
#include "solve_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Seconds one run may take at most, and its share of the time left under a time limit. */
#define DROP_CALL_S 10.0
#define DROP_SHARE 0.05
/* A move is kept when it saves more than this fraction of the network's cost. */
#define DROP_MIN_GAIN 1e-9
/* Moves in a row without a feasible flow after which the list ends: where demands must be
 * served from capacitated sites, closing one rarely leaves enough capacity, and each such LP
 * takes seconds (the must-serve shape, bench/RESULTS.md "drop"). */
#define DROP_MAX_INFEASIBLE 3

typedef struct drop {
    const sn_model *m;
    int n;
    snp_round *r;    /* val: the binaries tried; x: the network they price to */
    double *best;    /* [n] the network the list works on */
    double best_obj; /* its cost; NAN before the first run */
    snp_rank *rank;  /* [links + hubs] the candidates, best first */
    int n_cand, next;
} drop;

void *snp_heur_drop_create(const sn_model *m)
{
    int n_items = (int)m->links.len + m->inst->n_hubs;
    if (n_items == 0)
        return NULL;
    drop *d = snp_calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->m = m;
    d->n = (int)m->cols.len;
    d->best_obj = NAN;
    d->r = snp_round_create(m);
    d->best = snp_calloc((size_t)d->n + 1, sizeof *d->best);
    d->rank = snp_calloc((size_t)n_items, sizeof *d->rank);
    if (!d->r || !d->best || !d->rank) {
        snp_heur_drop_free(d);
        return NULL;
    }
    return d;
}

void snp_heur_drop_free(void *data)
{
    drop *d = data;
    if (!d)
        return;
    snp_round_free(d->r);
    snp_free(d->best);
    snp_free(d->rank);
    snp_free(d);
}

/* The number of build binaries of item k (a link below links.len, then a hub), its options;
 * 0 when it has none (a link without a build decision, a forbidden hub). */
static int item_options(const sn_model *m, int k)
{
    int nl = (int)m->links.len;
    if (k < nl) {
        const snp_link *l = snp_model_link(m, k);
        return l->col_build < 0 ? 0 : l->n_sizes > 0 ? l->n_sizes : 1;
    }
    return snp_model_hub_options(m, k - nl);
}

/* The column of option s of item k (0 <= s < item_options). */
static int item_col(const sn_model *m, int k, int s)
{
    int nl = (int)m->links.len;
    return k < nl ? snp_model_link(m, k)->col_build + s : m->hub_size_col[k - nl][s];
}

/* The candidates of d->best at the LP point x, ranked. */
static void rank_items(drop *d, const double *x)
{
    const sn_model *m = d->m;
    int n_items = (int)m->links.len + m->inst->n_hubs;
    d->n_cand = d->next = 0;
    for (int k = 0; k < n_items; k++) {
        int ns = item_options(m, k);
        double fixed = 0, lp_open = 0;
        int free_col = 1;
        for (int s = 0; s < ns; s++) {
            int j = item_col(m, k, s);
            const snp_col *c = snp_model_col(m, j);
            if (d->best[j] > 0.5) {
                fixed += c->obj;
                free_col = c->lb < c->ub;
            }
            lp_open += x[j];
        }
        double score = fixed * (1 - fmin(1, lp_open));
        if (!(fixed > 0) || !free_col || !(score > 0))
            continue;
        d->rank[d->n_cand++] = (snp_rank){.item = k, .key1 = score, .key2 = 0};
    }
    qsort(d->rank, (size_t)d->n_cand, sizeof *d->rank, snp_rank_cmp);
}

int snp_heur_drop_run(void *data, snp_plugin_env *env)
{
    drop *d = data;
    const sn_model *m = d->m;
    if (!env->incumbent || !env->x)
        return 0;
    double t0 = snp_now_s();
    double budget = DROP_CALL_S;
    if (isfinite(env->time_left_s))
        budget = fmin(budget, DROP_SHARE * env->time_left_s);
    if (!(fabs(env->incumbent_obj - d->best_obj) <= 1e-9 * fabs(env->incumbent_obj))) {
        /* a new incumbent (not the one this list works on, nor one it returned) */
        memcpy(d->best, env->incumbent, (size_t)d->n * sizeof *d->best);
        d->best_obj = env->incumbent_obj;
        rank_items(d, env->x);
    }
    int improved = 0, infeasible = 0;
    size_t bytes = (size_t)d->n * sizeof *d->best;
    while (d->next < d->n_cand && snp_now_s() - t0 < budget) {
        int k = d->rank[d->next++].item, ns = item_options(m, k);
        for (int j = 0; j < d->n; j++)
            d->r->val[j] = snp_model_col(m, j)->kind == SNP_COL_BIN ? round(d->best[j]) : 0;
        for (int s = 0; s < ns; s++)
            d->r->val[item_col(m, k, s)] = 0;
        double z = NAN;
        if (snp_round_price(d->r, env->fixed_lp, env->lp_ctx, NULL, &z) != 0) {
            if (++infeasible >= DROP_MAX_INFEASIBLE)
                d->next = d->n_cand;
            continue;
        }
        infeasible = 0;
        if (z < d->best_obj - DROP_MIN_GAIN * fabs(d->best_obj)) {
            memcpy(d->best, d->r->x, bytes);
            d->best_obj = z;
            improved = 1;
        }
    }
    if (!improved)
        return 0;
    memcpy(env->net, d->best, bytes);
    env->net_obj = d->best_obj;
    return 1;
}
