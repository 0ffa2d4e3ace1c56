/*
 * lazy.c - the plugin "lazy": rows that only tighten the relaxation held back from the search's
 * LP and added again where a node's LP point violates them (docs/model.md 11.14). Stage: called
 * by glpk.c on GLPK's problem, after the root LP and at GLP_IROWGEN; like lp_price.c it works on
 * GLPK's problem itself, since it changes the rows of the LP that GLPK's nodes solve.
 *
 * Why. Where demands must be served from capacitated sites (bench/gen --mustserve 100x1000),
 * 100,000 of the 102,401 rows are 8.3 without a build binary, x_l <= M_l sum_o z_ho: the strong
 * form of facility location. At an integer point they add nothing (a closed hub processes
 * nothing, 7.2, so 7.1 and 7.4 close its links), but they make the relaxation tight, and they
 * make every node's LP one of 102,401 rows: half a second a node, 91 % of the search's time
 * in GLPK's simplex. At an optimum of the relaxation only a few of them bind.
 *
 * The procedure. After the root LP (its optimal basis in P), every such row whose slack is
 * basic (it does not bind) is deleted from P: the basis stays optimal, so the root's bound is
 * the same. At each node, after each LP (GLP_IROWGEN), the held rows are evaluated at the LP
 * point, and those violated by more than LAZY_TOL (relative to the row's M) go back into the
 * node's LP as rows of GLPK's subproblem (kept for the node's subtree), most violated first,
 * at most LAZY_MAX_ADD a round; GLPK solves the LP again and calls back until none is violated.
 * So each node's bound is the one the whole LP gives at that node, and every network GLPK
 * accepts meets every row (it meets the held ones as an integer point anyway).
 *
 * Cost: a pass is one multiply-add per nonzero of the held rows (two or three per row).
 */
#include "solve_int.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rows of the model below which nothing is held back: the LP is small enough whole (the same
 * threshold as price's, 11.8). */
#define LAZY_MIN_ROWS 20000
/* A held row is violated when its activity exceeds LAZY_TOL (1 + its largest coefficient):
 * ten times GLPK's feasibility tolerance, so that a row already in the node's LP is never
 * taken for violated again. */
#define LAZY_TOL 1e-6
/* Rows added back in one round at most. */
#define LAZY_MAX_ADD 5000

typedef struct violated {
    double v; /* violation / (1 + the row's largest coefficient) */
    int k;    /* into held */
} violated;

struct snp_lazy {
    const sn_model *m;
    int n_implied; /* the model's implied rows */
    int n_held;    /* of them, held back: held[0..n_held) (model row numbers) */
    int *held;
    double *scale;  /* [n_held]: 1 + the row's largest coefficient */
    long *added_at; /* [n_held]: the visit at which the row was last added, 0 never */
    int node;       /* the node of the last call, and its visit (1, 2, ...) */
    long visit;
    /* scratch */
    double *x;      /* [n]: the node's LP point */
    int *num;       /* [n_implied + 1]: the held rows for glp_del_rows (num[1..n_held]) */
    violated *viol; /* [n_implied] */
    int *ind;
    double *val;
};

snp_lazy *snp_lazy_create(const sn_model *m, int any_size)
{
    int nr = (int)m->rows.len, ni = (int)m->implied_rows.len;
    if (m->n_periods > 0 || ni == 0 || (!any_size && nr < LAZY_MIN_ROWS) || 2 * ni < nr)
        return NULL;
    snp_lazy *lz = snp_calloc(1, sizeof *lz);
    if (!lz)
        return NULL;
    lz->m = m;
    lz->n_implied = ni;
    size_t n = m->cols.len;
    lz->held = snp_calloc((size_t)ni, sizeof *lz->held);
    lz->scale = snp_calloc((size_t)ni, sizeof *lz->scale);
    lz->added_at = snp_calloc((size_t)ni, sizeof *lz->added_at);
    lz->num = snp_calloc((size_t)ni + 1, sizeof *lz->num);
    lz->viol = snp_calloc((size_t)ni, sizeof *lz->viol);
    lz->x = snp_calloc(n + 1, sizeof *lz->x);
    lz->ind = snp_calloc(n + 1, sizeof *lz->ind);
    lz->val = snp_calloc(n + 1, sizeof *lz->val);
    if (!lz->held || !lz->scale || !lz->added_at || !lz->num || !lz->viol || !lz->x || !lz->ind ||
        !lz->val) {
        snp_lazy_free(lz);
        return NULL;
    }
    return lz;
}

void snp_lazy_free(snp_lazy *lz)
{
    if (!lz)
        return;
    snp_free(lz->held);
    snp_free(lz->scale);
    snp_free(lz->added_at);
    snp_free(lz->num);
    snp_free(lz->viol);
    snp_free(lz->x);
    snp_free(lz->ind);
    snp_free(lz->val);
    snp_free(lz);
}

int snp_lazy_hold(snp_lazy *lz, glp_prob *P)
{
    const sn_model *m = lz->m;
    /* P's rows are the model's, in order: nothing has been added before the search */
    if (glp_get_num_rows(P) != (int)m->rows.len)
        return 0;
    int k = 0;
    for (int q = 0; q < lz->n_implied; q++) {
        int i = SNP_VEC_AT(&m->implied_rows, int, q);
        if (glp_get_row_stat(P, i + 1) != GLP_BS)
            continue;
        size_t a = snp_model_row(m, i)->start, b = snp_model_row_stop(m, i);
        double big = 0;
        for (size_t e = a; e < b; e++)
            big = fmax(big, fabs(SNP_VEC_AT(&m->val, double, e)));
        lz->held[k] = i;
        lz->scale[k] = 1 + big;
        lz->num[++k] = i + 1; /* glp_del_rows' list: num[1..k], 1-based rows */
    }
    lz->n_held = k;
    if (k > 0)
        glp_del_rows(P, k, lz->num);
    return k;
}

int snp_lazy_strip(const snp_lazy *lz, glp_prob *Q)
{
    if (lz->n_held == 0 || glp_get_num_rows(Q) != (int)lz->m->rows.len)
        return 0;
    glp_del_rows(Q, lz->n_held, lz->num); /* snp_lazy_hold's list, which GLPK leaves as it was */
    return lz->n_held;
}

/* Most violated first. */
static int by_violation(const void *a, const void *b)
{
    double x = ((const violated *)a)->v, y = ((const violated *)b)->v;
    return x > y ? -1 : x < y ? 1 : 0;
}

int snp_lazy_add(snp_lazy *lz, glp_prob *P, int node)
{
    const sn_model *m = lz->m;
    int n = (int)m->cols.len, nv = 0;
    if (lz->n_held == 0)
        return 0;
    if (node != lz->node || lz->visit == 0) {
        lz->node = node;
        lz->visit++;
    }
    for (int j = 0; j < n; j++)
        lz->x[j] = glp_get_col_prim(P, j + 1);
    for (int k = 0; k < lz->n_held; k++) {
        size_t a = snp_model_row(m, lz->held[k])->start, b = snp_model_row_stop(m, lz->held[k]);
        double act = 0;
        for (size_t e = a; e < b; e++)
            act += SNP_VEC_AT(&m->val, double, e) * lz->x[SNP_VEC_AT(&m->idx, int, e)];
        /* ub of every held row: 0 (8.3) */
        double v = (act - snp_model_row(m, lz->held[k])->ub) / lz->scale[k];
        /* a row added at this node already is in its LP: never twice (numerical trouble
         * would otherwise bring it back round after round) */
        if (v > LAZY_TOL && lz->added_at[k] != lz->visit)
            lz->viol[nv++] = (violated){v, k};
    }
    if (nv == 0)
        return 0;
    qsort(lz->viol, (size_t)nv, sizeof *lz->viol, by_violation);
    if (nv > LAZY_MAX_ADD)
        nv = LAZY_MAX_ADD;
    int first = glp_add_rows(P, nv);
    for (int q = 0; q < nv; q++) {
        int k = lz->viol[q].k, i = lz->held[k], len = 0;
        for (size_t e = snp_model_row(m, i)->start; e < snp_model_row_stop(m, i); e++) {
            len++;
            lz->ind[len] = SNP_VEC_AT(&m->idx, int, e) + 1;
            lz->val[len] = SNP_VEC_AT(&m->val, double, e);
        }
        glp_set_mat_row(P, first + q, len, lz->ind, lz->val);
        glp_set_row_bnds(P, first + q, GLP_UP, 0, snp_model_row(m, i)->ub);
        lz->added_at[k] = lz->visit;
    }
    return nv;
}

int snp_lazy_held(const snp_lazy *lz)
{
    return lz ? lz->n_held : 0;
}
