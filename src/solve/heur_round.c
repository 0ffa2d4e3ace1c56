/*
 * heur_round.c - the primal heuristic "rounding": LP rounding with exact re-pricing
 * (docs/model.md 11.1). Stage: a plugin of the branch-and-cut in glpk.c (GLP_IHEUR), which
 * hands it the LP point of a node and offers the network it returns to GLPK. No solver types
 * here: the LP of the flows on a fixed network is glpk.c's, reached through snp_fixed_lp_fn.
 *
 * The procedure. From the LP point x: open every link that carries flow (with the smallest
 * discrete size that carries it), every hub that processes something (with the smallest
 * capacity option that holds it) and the corridors of the open pipes; close everything else
 * (snp_round_binaries). On that fixed network solve the LP of the flows, then close the links
 * and hubs that the exact flows leave empty and solve again (at most three passes), and round
 * the truck trips up, which keeps 8.5 (snp_round_price). Every constraint of the model holds
 * for the result, since its flows are the LP's on the model itself. Cost: one LP on the fixed
 * network per pass, plus O(columns) to round; heur_first.c prices its greedy network the same
 * way.
 */
#include "solve_int.h"

#include <math.h>
#include <string.h>

snp_round *snp_round_create(const sn_model *m)
{
    snp_round *r = snp_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->m = m;
    r->n = (int)m->cols.len;
    r->val = snp_calloc((size_t)r->n + 1, sizeof *r->val);
    r->prev = snp_calloc((size_t)r->n + 1, sizeof *r->prev);
    r->x = snp_calloc((size_t)r->n + 1, sizeof *r->x);
    if (!r->val || !r->prev || !r->x) {
        snp_round_free(r);
        return NULL;
    }
    return r;
}

void snp_round_free(snp_round *r)
{
    if (!r)
        return;
    snp_free(r->val);
    snp_free(r->prev);
    snp_free(r->x);
    snp_free(r);
}

static double link_flow(const snp_link *l, const double *x)
{
    double f = 0;
    for (int q = 0; q < l->n_comm; q++)
        f += x[l->first_flow + q];
    return f;
}

/* Opens, in r->val, the binaries of link l: none when x sends (almost) nothing, else the
 * smallest size that carries what x sends (the largest when none does). */
static void round_link(snp_round *r, const snp_link *l, const double *x, double eps)
{
    if (l->col_build < 0)
        return;
    int ns = l->n_sizes > 0 ? l->n_sizes : 1;
    double f = link_flow(l, x), open = 0;
    for (int s = 0; s < ns; s++) {
        open += x[l->col_build + s];
        r->val[l->col_build + s] = 0;
    }
    if (!(l->forced || (open > eps && f > eps * (l->bound > 1 ? l->bound : 1))))
        return;
    int pick = ns - 1;
    for (int s = 0; s < ns && l->n_sizes > 0; s++)
        if (fmin(l->sizes[s].capacity, l->bound) >= f * (1 - 1e-9)) {
            pick = s;
            break;
        }
    r->val[l->col_build + pick] = 1;
}

/* The same for a hub: the smallest capacity option that processes what x sends. */
static void round_hub(snp_round *r, int hb, const double *x, double eps)
{
    const sn_model *m = r->m;
    const snp_hub *hub = &m->inst->hubs[hb];
    if (!m->hub_size_col[hb] || hub->status == SNP_STATUS_FORBIDDEN)
        return;
    double open = 0, proc = 0;
    for (int s = 0; s < hub->n_capacities; s++) {
        open += x[m->hub_size_col[hb][s]];
        r->val[m->hub_size_col[hb][s]] = 0;
    }
    for (int i = 0; i < hub->n_inputs; i++)
        proc += x[m->hub_proc_col[hb][i]];
    if (!(hub->status == SNP_STATUS_FORCED || (open > eps && proc > eps)))
        return;
    int pick = hub->n_capacities - 1;
    for (int s = 0; s < hub->n_capacities; s++)
        if (hub->capacities[s].capacity >= proc * (1 - 1e-9)) {
            pick = s;
            break;
        }
    r->val[m->hub_size_col[hb][pick]] = 1;
}

void snp_round_open_trenches(const sn_model *m, double *val)
{
    for (size_t k = 0; m->trench_col && k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->mode != SNP_MODE_PIPE || l->col_build < 0)
            continue;
        int ns = l->n_sizes > 0 ? l->n_sizes : 1, open = 0;
        for (int s = 0; s < ns; s++)
            open |= val[l->col_build + s] > 0.5;
        for (int i = 0; open && i < l->n_route; i++)
            if (m->trench_col[l->route[i]] >= 0)
                val[m->trench_col[l->route[i]]] = 1;
    }
}

void snp_round_binaries(snp_round *r, const double *x, double eps)
{
    const sn_model *m = r->m;
    for (int j = 0; j < r->n; j++)
        if (snp_model_col(m, j)->kind == SNP_COL_BIN)
            r->val[j] = 0;
    for (size_t k = 0; k < m->links.len; k++)
        round_link(r, snp_model_link(m, (int)k), x, eps);
    for (int hb = 0; hb < m->inst->n_hubs; hb++)
        round_hub(r, hb, x, eps);
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->corridor < 0 || l->col_build < 0 || m->corridor_col[l->corridor] < 0)
            continue;
        int ns = l->n_sizes > 0 ? l->n_sizes : 1;
        for (int s = 0; s < ns; s++)
            if (r->val[l->col_build + s] > 0.5)
                r->val[m->corridor_col[l->corridor]] = 1;
    }
    snp_round_open_trenches(m, r->val);
    /* a column whose bounds fix it keeps its value (forced links, hubs, corridors) */
    for (int j = 0; j < r->n; j++) {
        const snp_col *c = snp_model_col(m, j);
        if (c->kind == SNP_COL_BIN && c->lb == c->ub)
            r->val[j] = c->lb;
    }
}

int snp_round_price(snp_round *r, snp_fixed_lp_fn lp, void *ctx, const char *zero, double *obj)
{
    size_t bytes = (size_t)r->n * sizeof *r->val;
    if (lp(ctx, r->val, zero, r->x) != 0)
        return -1;
    for (int pass = 0; pass < 3; pass++) {
        memcpy(r->prev, r->val, bytes);
        snp_round_binaries(r, r->x, 1e-9);
        if (!memcmp(r->prev, r->val, bytes))
            break;
        if (lp(ctx, r->val, zero, r->x) != 0) {
            /* closing made it infeasible: keep the previous network */
            memcpy(r->val, r->prev, bytes);
            if (lp(ctx, r->val, zero, r->x) != 0)
                return -1;
            break;
        }
    }
    double z = 0;
    for (int j = 0; j < r->n; j++) {
        const snp_col *c = snp_model_col(r->m, j);
        double v = r->x[j];
        if (c->kind == SNP_COL_BIN)
            v = r->val[j];
        else if (c->kind == SNP_COL_INT) /* whole trips: n >= x/Q stays true rounding up */
            v = ceil(v - 1e-9 * (1 + fabs(v)));
        if (v < c->lb)
            v = c->lb;
        if (v > c->ub)
            v = c->ub;
        r->x[j] = v;
        z += c->obj * v;
    }
    *obj = z;
    return 0;
}

/* ---- the plugin ------------------------------------------------------------------------ */

void *snp_heur_round_create(const sn_model *m)
{
    return snp_round_create(m);
}

int snp_heur_round_run(void *data, snp_plugin_env *env)
{
    snp_round *r = data; /* runs at nodes only, where env->x is the node's LP point */
    snp_round_binaries(r, env->x, 1e-6);
    if (snp_round_price(r, env->fixed_lp, env->lp_ctx, NULL, &env->net_obj) != 0)
        return 0;
    memcpy(env->net, r->x, (size_t)r->n * sizeof *r->x);
    return 1;
}

void snp_heur_round_free(void *data)
{
    snp_round_free(data);
}
