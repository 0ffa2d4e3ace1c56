/*
 * heur_rins.c - the primal heuristic "rins": relaxation induced neighbourhood search around the
 * incumbent (docs/model.md 11.10; Danna, Rothberg and Le Pape, "Exploring relaxation induced
 * neighborhoods to improve MIP solutions", Math. Programming 102, 2005). Stage: a plugin of the
 * branch-and-cut in glpk.c (GLP_IHEUR), which hands it a node's LP point and the incumbent and
 * offers the network it returns to GLPK. No solver types here: the sub-MIP is glpk.c's search
 * (snp_glpk_solve_from, nested in the outer search) and the pricing its fixed LP.
 *
 * The procedure. Where the incumbent and the node's LP point x agree on an integer column
 * (within 1e-6: a link, size, hub or corridor built or not, a truck trip count) the column is
 * held at that value; the others stay free. When the free build decisions are between
 * RINS_MIN_FREE and RINS_MAX_FREE of those the model leaves open, the sub-MIP (the model with
 * those columns held) is searched from the incumbent, which is its cutoff, for at most
 * min(RINS_SHARE of the time left, RINS_MAX_S) seconds and RINS_NODES nodes, with the node
 * heuristic "rounding" as its only plugin and without cuts. A network it finds cheaper than the
 * incumbent is priced again on the fixed network (snp_round_price: binaries as found, exact
 * flows, empty links closed, trips rounded up) and handed back; every constraint of the model
 * holds for it, since its flows are the LP's on the model itself.
 *
 * When. At the first LP with an incumbent (the root, where the network built before the LP is
 * the incumbent), then each time the incumbent has improved since the last sub-MIP, and
 * otherwise every RINS_EVERY calls, the wait doubling after each sub-MIP that found nothing.
 * glpk.c keeps all node heuristics together under a tenth of the search time (11).
 *
 * Cost: one sub-MIP (its root LP from scratch on the whole model, held columns fixed), plus one
 * to three fixed LPs to price what it found, plus O(columns) per call.
 */
#include "solve_int.h"

#include <math.h>
#include <string.h>

/* the neighbourhood: free build decisions as a share of those the model leaves open */
#define RINS_MIN_FREE 0.002
#define RINS_MAX_FREE 0.30
/* the sub-MIP's limits: a share of the search's time left, seconds, nodes */
#define RINS_SHARE 0.1
#define RINS_MAX_S 20.0
#define RINS_NODES 2000
/* calls between two sub-MIPs around the same incumbent, at first */
#define RINS_EVERY 50

typedef struct rins {
    const sn_model *m;
    int n;
    double *fix;       /* [n] NAN: free; else the column is held there */
    double *start;     /* [n + 1] the incumbent, 1-based as snp_search_from takes it */
    snp_round *r;      /* pricing of the sub-MIP's network */
    sn_solution *sub;  /* the sub-MIP's solution (kept here so that free releases it) */
    double tried_obj;  /* incumbent cost at the last sub-MIP, INFINITY before the first */
    long wait, waited; /* calls to wait before a sub-MIP around the same incumbent */
    int n_open;        /* binary columns whose bounds leave them open */
} rins;

void *snp_heur_rins_create(const sn_model *m)
{
    rins *h = snp_calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->m = m;
    h->n = (int)m->cols.len;
    for (int j = 0; j < h->n; j++) {
        const snp_col *c = snp_model_col(m, j);
        h->n_open += c->kind == SNP_COL_BIN && c->lb < c->ub;
    }
    h->fix = snp_calloc((size_t)h->n + 1, sizeof *h->fix);
    h->start = snp_calloc((size_t)h->n + 1, sizeof *h->start);
    h->r = snp_round_create(m);
    if (h->n_open == 0 || !h->fix || !h->start || !h->r) {
        snp_heur_rins_free(h);
        return NULL;
    }
    h->tried_obj = INFINITY;
    h->wait = RINS_EVERY;
    return h;
}

void snp_heur_rins_free(void *data)
{
    rins *h = data;
    if (!h)
        return;
    snp_free(h->fix);
    snp_free(h->start);
    snp_round_free(h->r);
    sn_solution_free(h->sub);
    snp_free(h);
}

/* Holds, in h->fix, every integer column on which the incumbent and x agree; returns the number
 * of open binaries left free. */
static int neighbourhood(rins *h, const double *inc, const double *x)
{
    int free_bin = 0;
    for (int j = 0; j < h->n; j++) {
        const snp_col *c = snp_model_col(h->m, j);
        h->start[j + 1] = inc[j];
        h->fix[j] = NAN;
        if (c->kind == SNP_COL_CONT || c->lb == c->ub)
            continue;
        double v = round(inc[j]);
        if (fabs(inc[j] - x[j]) <= 1e-6 && v >= c->lb && v <= c->ub)
            h->fix[j] = v;
        else if (c->kind == SNP_COL_BIN)
            free_bin++;
    }
    return free_bin;
}

/* The sub-MIP's parameters: seconds and nodes as above, no cuts, "rounding" its only plugin. */
static void sub_params(sn_params *q, double limit_s)
{
    sn_params_init(q);
    q->time_limit_s = limit_s;
    q->mip_gap = 0;
    q->cuts = 0;
    q->disabled_plugins = 0;
    for (int i = 0; i < snp_plugin_count(); i++)
        if (strcmp(snp_plugin_get(i)->name, "rounding") != 0)
            q->disabled_plugins |= 1u << i;
}

int snp_heur_rins_run(void *data, snp_plugin_env *env)
{
    rins *h = data;
    if (!env->x || !env->incumbent)
        return 0;
    int improved = env->incumbent_obj < h->tried_obj - 1e-9 * fabs(env->incumbent_obj);
    if (!improved && ++h->waited < h->wait)
        return 0;
    h->waited = 0;
    double limit = fmin(RINS_MAX_S, RINS_SHARE * env->time_left_s);
    if (!(limit >= 0.5))
        return 0;
    int free_bin = neighbourhood(h, env->incumbent, env->x);
    double share = (double)free_bin / h->n_open;
    if (share < RINS_MIN_FREE || share > RINS_MAX_FREE) {
        /* nothing to search around this incumbent at this point; try again later */
        h->tried_obj = env->incumbent_obj;
        return 0;
    }
    if (!improved)
        h->wait *= 2;
    h->tried_obj = env->incumbent_obj;
    sn_params q;
    sub_params(&q, limit);
    sn_solution_free(h->sub);
    if (!(h->sub = snp_solution_new(h->m)))
        return -1;
    snp_search_from from = {.start = h->start,
                            .start_obj = env->incumbent_obj,
                            .fix = h->fix,
                            .node_limit = RINS_NODES,
                            .nested = 1,
                            .basis = env->basis};
    sn_diag diag;
    sn_diag_init(&diag);
    sn_status st = snp_glpk_solve_from(h->m, &q, &from, h->sub, &diag);
    if (st == SN_ENOMEM)
        return -1;
    const sn_solution *s = h->sub;
    if (st != SN_OK || !s->has_x ||
        !(s->objective < env->incumbent_obj - 1e-9 * fabs(env->incumbent_obj)))
        return 0;
    /* exact pricing of its build decisions (as "rounding" prices its own) */
    snp_round *r = h->r;
    for (int j = 0; j < h->n; j++)
        r->val[j] = snp_model_col(h->m, j)->kind == SNP_COL_BIN ? round(s->x[j]) : 0;
    if (snp_round_price(r, env->fixed_lp, env->lp_ctx, NULL, &env->net_obj) != 0)
        return 0;
    memcpy(env->net, r->x, (size_t)h->n * sizeof *r->x);
    h->wait = RINS_EVERY;
    return 1;
}
