/*
 * lp_price.c - the root LP by column generation (plugin "price", docs/model.md 11.8): the LP
 * of a model with many link columns is solved on a restricted master that holds every row and
 * column but the links outside a sparse start set, and the linking rows only those links
 * bound; excluded links are priced with the master's row duals and brought in while one has a
 * negative reduced cost; the master's optimal basis, extended by the excluded columns at zero
 * and their rows basic, is then an optimal basis of the whole LP, which glpk.c hands on to
 * glp_intopt. The final master then serves three plugins that run once before the search:
 * "rens" (snp_price_rens, docs/model.md 11.11) searches it over the binaries its LP leaves
 * fractional and prices the network found over every link; "probe" (snp_price_probe, 11.12,
 * off by default) fixes binaries whose other side costs more than the incumbent; "pricemip"
 * (snp_price_mip, off by default) searches it whole. Their networks are the whole model's.
 * Stage: part of the search in glpk.c, run once instead of the root LP.
 *
 * Why a second file with <glpk.h> (shared/STYLE.md gives that to glpk.c alone): this plugin
 * is not a heuristic or separator over model columns but a way of solving GLPK's own LP, and
 * it must leave a basis in GLPK's problem; hiding a restricted LP, its warm starts and the
 * basis behind a solver-neutral interface would copy half of GLPK's API into glpk.c for one
 * caller. The +1 index shift of GLPK happens here too, and only in the functions that call
 * GLPK.
 *
 * Why. On the must-serve shape (bench/gen --mustserve 100x1000: 100 candidate sites, 1,000
 * demands, 100,100 links, 102,401 rows of which 100,000 are x_l <= M_l z_h) GLPK's simplex
 * on the whole LP takes 47 CPU s from the slacks and does not finish in 240 s from the
 * advanced basis, while the LP's optimum uses a few thousand links (bench/RESULTS.md,
 * "must-serve").
 *
 * Exactness (docs/model.md 11.8). Excluded columns sit at 0 and every excluded row is one
 * that holds whatever the included columns are, once the excluded ones are 0 (its other
 * columns' bounds keep its activity within its bounds): the master's optimum with the
 * excluded columns at 0 is feasible for the whole LP, and with dual 0 on the excluded rows
 * its duals are feasible for the whole LP exactly when no excluded column has a negative
 * reduced cost c_j - sum_i a_ij pi_i (excluded columns have lower bound 0 and sit there).
 * Both then have the same objective: the master's optimum is the whole LP's. glpk.c then
 * runs GLPK's primal simplex from the extended basis, which confirms it (or repairs the
 * tolerances' difference in a few pivots), so an answer never depends on this file's
 * tolerance.
 */
#include "solve_int.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rows of the model from which the plugin looks at it (the root LP uses the advanced basis
 * from there, glpk.c ADV_BASIS_MIN_ROWS): below, GLPK's simplex on the whole LP takes seconds. */
#define PRICE_MIN_ROWS 20000
/* Cheapest excludable columns of each kept row in the start set, and columns priced in per
 * kept row and round. */
#define PRICE_START_PER_ROW 5
#define PRICE_ADD_PER_ROW 5
/* Reduced cost below -PRICE_TOL (1 + |c_j|) prices a column in. */
#define PRICE_TOL 1e-9
/* Relative gap at which the master's MIP (snp_price_mip) stops. */
#define PRICE_MIP_GAP 1e-4
/* Rounds before giving up (the whole LP is then solved as before). */
#define PRICE_MAX_ROUNDS 200

struct snp_price {
    const sn_model *m;
    int nr, nc;
    int n_groups;
    int *group;       /* [nc] the link whose columns may be excluded together, -1 none */
    char *droppable;  /* [nr] 1: holds whatever the rest is while the group columns are 0 */
    int n_droppable;  /* rows so marked */
    int n_candidates; /* columns in some group */
    /* candidate columns, column-wise (model rows, 0-based) */
    int *cstart, *crow; /* [nc + 1], [nnz of candidates] */
    double *cval;
    /* the state of a run */
    char *in_group; /* [n_groups] 1: the link's columns are in the master */
    int *row_rp;    /* [nr] row of the master (1-based), 0 when not there */
    int *col_rp;    /* [nc] column of the master (1-based), 0 when not there */
    int *rp_row;    /* [nr + 1] the model row of each master row */
    int *rp_col;    /* [nc + 1] the model column of each master column */
    int rp_nr, rp_nc;
    double objective; /* the master's optimum when the last run ended with one, else NAN */
    volatile sig_atomic_t *interrupt; /* the caller's signal flag (snp_price_run), NULL none: the
                                         master's sub-MIPs and probing stop when it is set */
    glp_prob *rp;                     /* the restricted master */
    double *pi;                       /* [nr] row duals (0 for rows not in the master) */
    double *red;    /* [n_groups] the most negative reduced cost of each excluded group */
    int *order;     /* [n_groups] */
    snp_rank *rank; /* [n_groups] */
    int *count;     /* [nr] columns priced in per row this round */
    int *ind;       /* [max(nr, nc) + 1] scratch for glp_set_mat_row/col */
    double *val;
    const char *off; /* [n_groups] 1: not priced (its gate is closed, snp_price_rens); NULL */
};

/* The link a column belongs to, -1 when it belongs to none (flows, build binaries, trips). */
static int col_link(const snp_col *c)
{
    switch (c->role) {
    case SNP_ROLE_FLOW:
    case SNP_ROLE_DEST_FLOW:
    case SNP_ROLE_LINK_BUILD:
    case SNP_ROLE_TRIPS:
    case SNP_ROLE_PERIOD_FLOW:
    case SNP_ROLE_PERIOD_PEAK:
        return c->a;
    case SNP_ROLE_DISPOSE:
    case SNP_ROLE_PURCHASE:
    case SNP_ROLE_ALLOC:
    case SNP_ROLE_HUB_SIZE:
    case SNP_ROLE_HUB_PROCESS:
    case SNP_ROLE_HUB_DISPOSE:
    case SNP_ROLE_CORRIDOR:
    case SNP_ROLE_TRENCH:
    case SNP_ROLE_SLACK:
    case SNP_ROLE_FAIR_SHARE:
    case SNP_ROLE_PERIOD_ALLOC:
    case SNP_ROLE_PERIOD_PROCESS:
    case SNP_ROLE_STORE_SIZE:
    case SNP_ROLE_STORE_LEVEL:
        break;
    }
    return -1;
}

void snp_price_free(snp_price *pr)
{
    if (!pr)
        return;
    if (pr->rp)
        glp_delete_prob(pr->rp);
    snp_free(pr->group);
    snp_free(pr->droppable);
    snp_free(pr->cstart);
    snp_free(pr->crow);
    snp_free(pr->cval);
    snp_free(pr->in_group);
    snp_free(pr->row_rp);
    snp_free(pr->col_rp);
    snp_free(pr->rp_row);
    snp_free(pr->rp_col);
    snp_free(pr->pi);
    snp_free(pr->red);
    snp_free(pr->order);
    snp_free(pr->rank);
    snp_free(pr->count);
    snp_free(pr->ind);
    snp_free(pr->val);
    snp_free(pr);
}

void snp_price_forget_lp(snp_price *pr)
{
    if (pr)
        pr->rp = NULL;
}

/* Marks the rows that hold whatever the other columns are once every group column is 0:
 * the range of the rest's activity over its columns' bounds lies within the row's bounds. */
static void mark_droppable(snp_price *pr, const double *lo, const double *hi)
{
    const sn_model *m = pr->m;
    for (int i = 0; i < pr->nr; i++) {
        const snp_row *r = snp_model_row(m, i);
        double amin = 0, amax = 0;
        int has_group = 0;
        for (size_t e = r->start; e < snp_model_row_stop(m, i); e++) {
            int j = SNP_VEC_AT(&m->idx, int, e);
            double a = SNP_VEC_AT(&m->val, double, e);
            if (pr->group[j] >= 0) {
                has_group = 1;
                continue;
            }
            amin += a > 0 ? a * lo[j] : a * hi[j];
            amax += a > 0 ? a * hi[j] : a * lo[j];
        }
        if (has_group && isfinite(amin) && isfinite(amax) && amin >= r->lb && amax <= r->ub) {
            pr->droppable[i] = 1;
            pr->n_droppable++;
        }
    }
}

snp_price *snp_price_create(const sn_model *m, const double *col_lo, const double *col_hi,
                            int force)
{
    int nr = (int)m->rows.len, nc = (int)m->cols.len, nl = (int)m->links.len;
    if ((!force && nr < PRICE_MIN_ROWS) || nl == 0)
        return NULL;
    snp_price *pr = snp_calloc(1, sizeof *pr);
    if (!pr)
        return NULL;
    pr->m = m;
    pr->nr = nr;
    pr->nc = nc;
    pr->n_groups = nl;
    pr->group = snp_calloc((size_t)nc, sizeof *pr->group);
    pr->droppable = snp_calloc((size_t)nr, 1);
    char *bad = snp_calloc((size_t)nl, 1);
    if (!pr->group || !pr->droppable || !bad) {
        snp_free(bad);
        snp_price_free(pr);
        return NULL;
    }
    /* a link's columns are a group when every one of them may sit at 0 */
    for (int j = 0; j < nc; j++) {
        int l = col_link(snp_model_col(m, j));
        pr->group[j] = l;
        if (l >= 0 && !(col_lo[j] == 0 && col_hi[j] >= 0))
            bad[l] = 1;
    }
    for (int j = 0; j < nc; j++)
        if (pr->group[j] >= 0 && bad[pr->group[j]])
            pr->group[j] = -1;
    snp_free(bad);
    for (int j = 0; j < nc; j++)
        pr->n_candidates += pr->group[j] >= 0;
    mark_droppable(pr, col_lo, col_hi);
    /* The shape rule (docs/model.md 11.8): the rows that may leave the master are at least
     * half the model's, and so are the columns. */
    if (pr->n_droppable == 0 ||
        (!force && (2 * pr->n_droppable < nr || 2 * pr->n_candidates < nc))) {
        snp_price_free(pr);
        return NULL;
    }
    /* the candidate columns, column-wise */
    pr->cstart = snp_calloc((size_t)nc + 1, sizeof *pr->cstart);
    if (!pr->cstart) {
        snp_price_free(pr);
        return NULL;
    }
    for (size_t e = 0; e < m->idx.len; e++) {
        int j = SNP_VEC_AT(&m->idx, int, e);
        if (pr->group[j] >= 0)
            pr->cstart[j + 1]++;
    }
    for (int j = 0; j < nc; j++)
        pr->cstart[j + 1] += pr->cstart[j];
    size_t nz = (size_t)pr->cstart[nc];
    pr->crow = snp_calloc(nz + 1, sizeof *pr->crow);
    pr->cval = snp_calloc(nz + 1, sizeof *pr->cval);
    int *fill = snp_calloc((size_t)nc, sizeof *fill);
    size_t w = (size_t)(nr > nc ? nr : nc) + 1;
    pr->in_group = snp_calloc((size_t)nl, 1);
    pr->row_rp = snp_calloc((size_t)nr, sizeof *pr->row_rp);
    pr->col_rp = snp_calloc((size_t)nc, sizeof *pr->col_rp);
    pr->rp_row = snp_calloc((size_t)nr + 1, sizeof *pr->rp_row);
    pr->rp_col = snp_calloc((size_t)nc + 1, sizeof *pr->rp_col);
    pr->pi = snp_calloc((size_t)nr, sizeof *pr->pi);
    pr->red = snp_calloc((size_t)nl, sizeof *pr->red);
    pr->order = snp_calloc((size_t)nl, sizeof *pr->order);
    pr->rank = snp_calloc((size_t)nl, sizeof *pr->rank);
    pr->count = snp_calloc((size_t)nr, sizeof *pr->count);
    pr->ind = snp_calloc(w, sizeof *pr->ind);
    pr->val = snp_calloc(w, sizeof *pr->val);
    if (!pr->crow || !pr->cval || !fill || !pr->in_group || !pr->row_rp || !pr->col_rp ||
        !pr->rp_row || !pr->rp_col || !pr->pi || !pr->red || !pr->order || !pr->rank ||
        !pr->count || !pr->ind || !pr->val) {
        snp_free(fill);
        snp_price_free(pr);
        return NULL;
    }
    for (int i = 0; i < nr; i++)
        for (size_t e = snp_model_row(m, i)->start; e < snp_model_row_stop(m, i); e++) {
            int j = SNP_VEC_AT(&m->idx, int, e);
            if (pr->group[j] < 0)
                continue;
            int k = pr->cstart[j] + fill[j]++;
            pr->crow[k] = i;
            pr->cval[k] = SNP_VEC_AT(&m->val, double, e);
        }
    snp_free(fill);
    return pr;
}

/* ---- the restricted master ------------------------------------------------------------------ */

/* A row is in the master when it is not droppable or some column of an included group is in
 * it. */
static int row_wanted(const snp_price *pr, int i)
{
    if (!pr->droppable[i])
        return 1;
    const sn_model *m = pr->m;
    for (size_t e = snp_model_row(m, i)->start; e < snp_model_row_stop(m, i); e++) {
        int g = pr->group[SNP_VEC_AT(&m->idx, int, e)];
        if (g >= 0 && pr->in_group[g])
            return 1;
    }
    return 0;
}

static int col_wanted(const snp_price *pr, int j)
{
    return pr->group[j] < 0 || pr->in_group[pr->group[j]];
}

/* Adds to the master the rows and columns wanted and not there yet (rows first, with their
 * entries in the columns already there; then columns with their entries in every master row).
 * P gives the bounds and costs (glpk.c's fixes included). */
static void grow(snp_price *pr, glp_prob *P)
{
    const sn_model *m = pr->m;
    glp_prob *rp = pr->rp;
    for (int i = 0; i < pr->nr; i++) {
        if (pr->row_rp[i] || !row_wanted(pr, i))
            continue;
        int r = glp_add_rows(rp, 1);
        pr->row_rp[i] = r;
        pr->rp_row[r] = i;
        glp_set_row_bnds(rp, r, glp_get_row_type(P, i + 1), glp_get_row_lb(P, i + 1),
                         glp_get_row_ub(P, i + 1));
        int n = 0;
        for (size_t e = snp_model_row(m, i)->start; e < snp_model_row_stop(m, i); e++) {
            int j = SNP_VEC_AT(&m->idx, int, e);
            if (!pr->col_rp[j])
                continue;
            n++;
            pr->ind[n] = pr->col_rp[j];
            pr->val[n] = SNP_VEC_AT(&m->val, double, e);
        }
        glp_set_mat_row(rp, r, n, pr->ind, pr->val);
    }
    /* the columns not yet there: entries of non-candidates come from P (whose rows are all in
     * the master when not droppable, and droppable rows hold only candidates' and others'
     * entries, read here from P likewise) */
    for (int j = 0; j < pr->nc; j++) {
        if (pr->col_rp[j] || !col_wanted(pr, j))
            continue;
        int c = glp_add_cols(rp, 1);
        pr->col_rp[j] = c;
        pr->rp_col[c] = j;
        glp_set_col_bnds(rp, c, glp_get_col_type(P, j + 1), glp_get_col_lb(P, j + 1),
                         glp_get_col_ub(P, j + 1));
        glp_set_obj_coef(rp, c, glp_get_obj_coef(P, j + 1));
        int len = glp_get_mat_col(P, j + 1, pr->ind, pr->val), n = 0;
        for (int k = 1; k <= len; k++) {
            int r = pr->row_rp[pr->ind[k] - 1];
            if (!r)
                continue;
            n++;
            pr->ind[n] = r;
            pr->val[n] = pr->val[k];
        }
        glp_set_mat_col(rp, c, n, pr->ind, pr->val);
        glp_set_col_stat(rp, c, GLP_NL); /* a new column enters nonbasic at its bound 0 */
    }
    pr->rp_nr = glp_get_num_rows(rp);
    pr->rp_nc = glp_get_num_cols(rp);
}

/* The start set: the groups the first network uses (so the master has a feasible point where
 * the model's heuristics found one) and each kept row's per_row cheapest groups. */
static void start_set(snp_price *pr, const double *first, int per_row)
{
    const sn_model *m = pr->m;
    for (int j = 0; first && j < pr->nc; j++)
        if (pr->group[j] >= 0 && fabs(first[j + 1]) > 0)
            pr->in_group[pr->group[j]] = 1;
    snp_rank *rk = NULL;
    size_t cap = 0;
    for (int i = 0; i < pr->nr; i++) {
        if (pr->droppable[i])
            continue;
        size_t n = 0, len = snp_model_row_stop(m, i) - snp_model_row(m, i)->start;
        if (len > cap) {
            snp_rank *t = snp_realloc(rk, len * sizeof *rk);
            if (!t)
                break;
            rk = t;
            cap = len;
        }
        for (size_t e = snp_model_row(m, i)->start; e < snp_model_row_stop(m, i); e++) {
            int j = SNP_VEC_AT(&m->idx, int, e);
            if (pr->group[j] < 0)
                continue;
            rk[n].item = j;
            rk[n].key1 = -snp_model_col(m, j)->obj; /* cheapest first */
            rk[n].key2 = 0;
            n++;
        }
        if (n == 0)
            continue;
        qsort(rk, n, sizeof *rk, snp_rank_cmp);
        for (size_t k = 0; k < n && k < (size_t)per_row; k++)
            pr->in_group[pr->group[rk[k].item]] = 1;
    }
    snp_free(rk);
}

/* Prices every excluded group with the master's duals and brings in, for each kept row, up
 * to PRICE_ADD_PER_ROW of the most negative groups with a column in it. Returns the number
 * of groups brought in. */
static int price(snp_price *pr)
{
    const sn_model *m = pr->m;
    for (int i = 0; i < pr->nr; i++)
        pr->pi[i] = pr->row_rp[i] ? glp_get_row_dual(pr->rp, pr->row_rp[i]) : 0;
    for (int g = 0; g < pr->n_groups; g++)
        pr->red[g] = 0;
    for (int j = 0; j < pr->nc; j++) {
        int g = pr->group[j];
        if (g < 0 || pr->in_group[g] || (pr->off && pr->off[g]))
            continue;
        double c = snp_model_col(m, j)->obj, d = c;
        for (int k = pr->cstart[j]; k < pr->cstart[j + 1]; k++)
            d -= pr->cval[k] * pr->pi[pr->crow[k]];
        if (d < -PRICE_TOL * (1 + fabs(c)) && d < pr->red[g])
            pr->red[g] = d;
    }
    int n = 0;
    for (int g = 0; g < pr->n_groups; g++)
        if (pr->red[g] < 0)
            pr->order[n++] = g;
    if (n == 0)
        return 0;
    for (int k = 0; k < n; k++) {
        int g = pr->order[k];
        pr->rank[k] = (snp_rank){.item = g, .key1 = -pr->red[g], .key2 = 0};
    }
    qsort(pr->rank, (size_t)n, sizeof *pr->rank, snp_rank_cmp); /* most negative first */
    memset(pr->count, 0, (size_t)pr->nr * sizeof *pr->count);
    /* a group's rows: the kept rows of its columns (through the column-wise copy) */
    int added = 0;
    for (int k = 0; k < n; k++) {
        /* the most negative always comes in: no group with a negative reduced cost is left
         * out of a round that brings none in */
        int g = pr->rank[k].item, take = k == 0;
        const snp_link *l = snp_model_link(m, g);
        /* the link's flow columns hold the rows that matter (demand and hub balances) */
        int lo = l->first_flow, hi = l->first_flow + l->n_comm;
        for (int j = lo; j < hi && !take; j++)
            for (int e = pr->cstart[j]; e < pr->cstart[j + 1]; e++) {
                int i = pr->crow[e];
                if (!pr->droppable[i] && pr->count[i] < PRICE_ADD_PER_ROW) {
                    take = 1;
                    break;
                }
            }
        if (!take)
            continue;
        for (int j = lo; j < hi; j++)
            for (int e = pr->cstart[j]; e < pr->cstart[j + 1]; e++)
                pr->count[pr->crow[e]]++;
        pr->in_group[g] = 1;
        added++;
    }
    return added;
}

/* GLPK's time limit (milliseconds, at least 1) for seconds > 0. */
static int ms_limit(double seconds)
{
    return seconds * 1000 >= 2e9 ? 2000000000 : (int)(seconds * 1000) + 1;
}

/* Solves the master: the dual simplex from the slacks the first time, then the primal simplex
 * from the last basis (new columns at 0 and new rows basic keep it primal feasible). 0 on an
 * optimum, 1 at the deadline, 2 when it has no feasible point, -1 otherwise. */
static int solve_master(snp_price *pr, int first, double deadline)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = first ? GLP_DUALP : GLP_PRIMAL;
    double left = deadline - snp_now_s();
    if (left <= 0)
        return 1;
    if (isfinite(left))
        sp.tm_lim = ms_limit(left);
    glp_scale_prob(pr->rp, GLP_SF_AUTO);
    if (first)
        glp_std_basis(pr->rp);
    int rc = glp_simplex(pr->rp, &sp);
    if (rc != 0 && rc != GLP_ETMLIM) {
        glp_std_basis(pr->rp); /* once more from the slacks with the dual simplex */
        sp.meth = GLP_DUALP;
        rc = glp_simplex(pr->rp, &sp);
    }
    if (rc == GLP_ETMLIM)
        return 1;
    if (rc == 0 && glp_get_status(pr->rp) == GLP_NOFEAS)
        return 2;
    return rc == 0 && glp_get_status(pr->rp) == GLP_OPT ? 0 : -1;
}

/* Gives P the master's basis, extended: excluded columns nonbasic at 0, excluded rows basic. */
static void install_basis(const snp_price *pr, glp_prob *P)
{
    for (int i = 0; i < pr->nr; i++)
        glp_set_row_stat(P, i + 1,
                         pr->row_rp[i] ? glp_get_row_stat(pr->rp, pr->row_rp[i]) : GLP_BS);
    for (int j = 0; j < pr->nc; j++) {
        int st = GLP_NL;
        if (pr->col_rp[j])
            st = glp_get_col_stat(pr->rp, pr->col_rp[j]);
        else if (glp_get_col_type(P, j + 1) == GLP_FX)
            st = GLP_NS;
        glp_set_col_stat(P, j + 1, st);
    }
}

int snp_price_run(snp_price *pr, glp_prob *P, const double *first, double deadline,
                  volatile sig_atomic_t *interrupt, snp_plugin_stats *st)
{
    double t0 = snp_now_s();
    st->calls++;
    pr->objective = NAN;
    pr->interrupt = interrupt;
    pr->rp = glp_create_prob();
    glp_set_obj_dir(pr->rp, GLP_MIN);
    int per_row = PRICE_START_PER_ROW;
    start_set(pr, first, per_row);
    grow(pr, P);
    int out = -1, fresh = 1;
    for (int round = 0; round < PRICE_MAX_ROUNDS; round++) {
        if (interrupt && *interrupt) {
            out = 1;
            break;
        }
        st->rounds++;
        int rc = solve_master(pr, fresh, deadline);
        fresh = 0;
        if (rc == 2 && per_row < 4 * PRICE_START_PER_ROW) {
            /* no feasible point among the start set (no first network, tight capacities):
             * twice as many of each row's cheapest links, from the slacks again */
            per_row *= 2;
            start_set(pr, NULL, per_row);
            grow(pr, P);
            fresh = 1;
            continue;
        }
        if (rc != 0) {
            out = rc == 1 ? 1 : -1;
            break;
        }
        int added = price(pr);
        st->found += added;
        if (added == 0) {
            pr->objective = glp_get_obj_val(pr->rp);
            install_basis(pr, P);
            out = 0;
            break;
        }
        grow(pr, P);
    }
    if (out != 0) { /* the master is kept for snp_price_mip only after an optimum */
        glp_delete_prob(pr->rp);
        pr->rp = NULL;
    }
    st->seconds += snp_now_s() - t0;
    return out;
}

/* glp_intopt's callback in the master's sub-MIPs (pricemip, rens): a signal ends them at the
 * next node, as it ends the search (glpk.c), instead of after their time limit. */
static void sub_node(glp_tree *T, void *info)
{
    const snp_price *pr = info;
    if (pr->interrupt && *pr->interrupt)
        glp_ios_terminate(T);
}

/* The parameters of the master's sub-MIPs (pricemip, rens): GLPK's branch-and-cut without
 * presolve or cuts (on the 100x1000 master GLPK's cuts made the first networks come later:
 * glpsol on the master, 20 s, 3,678,143 without, none better than 3,700,058 with), depth first
 * then best local bound, PRICE_MIP_GAP, seconds at most, a signal seen at each node. */
static void sub_mip_parm(snp_price *pr, double seconds, glp_iocp *p)
{
    glp_init_iocp(p);
    p->msg_lev = GLP_MSG_OFF;
    p->presolve = GLP_OFF;
    p->br_tech = GLP_BR_DTH;
    p->bt_tech = GLP_BT_BLB;
    p->mip_gap = PRICE_MIP_GAP;
    p->cb_func = sub_node;
    p->cb_info = pr;
    p->tm_lim = ms_limit(seconds);
}

/* Whether a sub-MIP that returned rc left a network in rp (stopped by its time limit or gap
 * included; not when a signal stopped it). */
static int sub_mip_found(glp_prob *rp, int rc)
{
    int ms = glp_mip_status(rp);
    return (rc == 0 || rc == GLP_ETMLIM || rc == GLP_EMIPGAP) && (ms == GLP_OPT || ms == GLP_FEAS);
}

int snp_price_mip(snp_price *pr, glp_prob *P, double seconds, double *x, double *obj,
                  snp_plugin_stats *st)
{
    if (!pr->rp || !(seconds > 0))
        return 0;
    double t0 = snp_now_s();
    st->calls++;
    glp_prob *rp = pr->rp;
    for (int c = 1; c <= pr->rp_nc; c++)
        if (glp_get_col_kind(P, pr->rp_col[c] + 1) != GLP_CV)
            glp_set_col_kind(rp, c, GLP_IV); /* GLP_BV would reset bounds P may have fixed */
    glp_iocp p;
    sub_mip_parm(pr, seconds, &p);
    int out = 0;
    if (sub_mip_found(rp, glp_intopt(rp, &p))) {
        const sn_model *m = pr->m;
        double z = 0;
        for (int j = 0; j < pr->nc; j++) {
            double v = pr->col_rp[j] ? glp_mip_col_val(rp, pr->col_rp[j]) : 0;
            if (snp_model_col(m, j)->kind != SNP_COL_CONT)
                v = round(v);
            x[j] = v;
            z += snp_model_col(m, j)->obj * v;
        }
        *obj = z;
        out = 1;
    }
    glp_delete_prob(rp);
    pr->rp = NULL;
    st->seconds += snp_now_s() - t0;
    return out;
}

double snp_price_objective(const snp_price *pr)
{
    return pr ? pr->objective : NAN;
}

/* ---- RENS on the master (plugin "rens", docs/model.md 11.11) -------------------------------- */

/* A binary the root LP sets within this of 0 or 1 is fixed there in the sub-MIP. */
#define RENS_INTEGRAL 1e-6
/* Pricing rounds of the exact re-pricing before it gives up. */
#define RENS_MAX_ROUNDS 50

/* The gates: a droppable row x_l - M z <= 0 with the group's columns at a positive coefficient
 * and one binary at a negative one closes the group when z is 0 (gate[g] = that binary's model
 * column, -1 none; a group under two different binaries has none). */
static void rens_gates(const snp_price *pr, int *gate)
{
    const sn_model *m = pr->m;
    for (int g = 0; g < pr->n_groups; g++)
        gate[g] = -1;
    for (int i = 0; i < pr->nr; i++) {
        const snp_row *r = snp_model_row(m, i);
        if (!pr->droppable[i] || r->ub != 0 || isfinite(r->lb))
            continue;
        int z = -1, other = 0;
        for (size_t e = r->start; e < snp_model_row_stop(m, i); e++) {
            int j = SNP_VEC_AT(&m->idx, int, e);
            double a = SNP_VEC_AT(&m->val, double, e);
            if (pr->group[j] >= 0)
                other |= a <= 0;
            else if (snp_model_col(m, j)->kind == SNP_COL_BIN && a < 0 && z < 0)
                z = j;
            else
                other = 1;
        }
        if (z < 0 || other)
            continue;
        for (size_t e = r->start; e < snp_model_row_stop(m, i); e++) {
            int g = pr->group[SNP_VEC_AT(&m->idx, int, e)];
            if (g >= 0)
                gate[g] = gate[g] == -1 || gate[g] == z ? z : -2;
        }
    }
    for (int g = 0; g < pr->n_groups; g++)
        if (gate[g] < -1)
            gate[g] = -1;
}

/* The master's LP as its bounds stand, priced until no link is missing (pr->off's links stay
 * out): its optimum is the whole model's LP with the same bounds. 0 with the optimum in *obj,
 * 2 when it has no feasible point, 1 at the deadline, -1 otherwise. */
static int master_priced(snp_price *pr, glp_prob *P, double deadline, double *obj)
{
    glp_prob *rp = pr->rp;
    int meth = GLP_DUALP;
    for (int r = 0; r < RENS_MAX_ROUNDS; r++) {
        double left = deadline - snp_now_s();
        if (left <= 0)
            return 1;
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        sp.meth = meth;
        sp.tm_lim = ms_limit(left);
        int rc = glp_simplex(rp, &sp);
        if (rc != 0 && rc != GLP_ETMLIM) {
            glp_std_basis(rp);
            sp.meth = GLP_DUALP;
            rc = glp_simplex(rp, &sp);
        }
        if (rc == GLP_ETMLIM)
            return 1;
        if (rc == 0 && glp_get_status(rp) == GLP_NOFEAS)
            return 2;
        if (rc != 0 || glp_get_status(rp) != GLP_OPT)
            return -1;
        if (price(pr) == 0) {
            *obj = glp_get_obj_val(rp);
            return 0;
        }
        grow(pr, P);
        meth = GLP_PRIMAL;
    }
    return -1;
}

/* The master's LP with its binaries fixed at bin (model columns), priced (links whose gate is
 * closed stay out: they are 0 anyway): its optimum is that of the whole model's LP with those
 * binaries fixed. 0 with the network in x and its cost in *obj, else as master_priced. */
static int rens_price(snp_price *pr, glp_prob *P, const char *bin, char *off, const int *gate,
                      double deadline, double *x, double *obj)
{
    const sn_model *m = pr->m;
    glp_prob *rp = pr->rp;
    for (int j = 0; j < pr->nc; j++)
        if (snp_model_col(m, j)->kind == SNP_COL_BIN && pr->col_rp[j])
            glp_set_col_bnds(rp, pr->col_rp[j], GLP_FX, bin[j], bin[j]);
    for (int g = 0; g < pr->n_groups; g++)
        off[g] = gate[g] >= 0 && !bin[gate[g]];
    pr->off = off;
    double z = NAN;
    int out = master_priced(pr, P, deadline, &z);
    pr->off = NULL;
    if (out != 0)
        return out;
    z = 0;
    for (int j = 0; j < pr->nc; j++) {
        double v = pr->col_rp[j] ? glp_get_col_prim(rp, pr->col_rp[j]) : 0;
        if (snp_model_col(m, j)->kind != SNP_COL_CONT)
            v = round(v);
        x[j] = v;
        z += snp_model_col(m, j)->obj * v;
    }
    *obj = z;
    return 0;
}

/* Branch-and-cut on the master with the binaries the root LP (the master's optimum, as it
 * stands) sets to 0 or 1 fixed there: 0 with its best network's binaries in bin (model
 * columns), -1 without one. *n_free: the binaries searched. */
static int rens_search(snp_price *pr, glp_prob *P, double seconds, char *bin, int *n_free)
{
    const sn_model *m = pr->m;
    glp_prob *rp = pr->rp;
    *n_free = 0;
    for (int j = 0; j < pr->nc; j++) {
        int c = pr->col_rp[j];
        if (snp_model_col(m, j)->kind != SNP_COL_BIN)
            continue;
        double v = glp_get_col_prim(rp, c);
        if (glp_get_col_lb(P, j + 1) == glp_get_col_ub(P, j + 1))
            v = glp_get_col_lb(P, j + 1); /* fixed by the search */
        if (v <= RENS_INTEGRAL || v >= 1 - RENS_INTEGRAL) {
            bin[j] = v > 0.5;
            glp_set_col_bnds(rp, c, GLP_FX, bin[j], bin[j]);
        } else {
            glp_set_col_kind(rp, c, GLP_IV); /* GLP_BV would reset the bounds */
            glp_set_col_bnds(rp, c, GLP_DB, 0, 1);
            (*n_free)++;
        }
    }
    glp_iocp p;
    sub_mip_parm(pr, seconds, &p);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = GLP_DUALP;
    sp.tm_lim = p.tm_lim;
    int rc = glp_simplex(rp, &sp); /* the fixes made the basis primal infeasible */
    if (rc == 0 && glp_get_status(rp) == GLP_OPT)
        rc = glp_intopt(rp, &p);
    int out = -1;
    if (sub_mip_found(rp, rc)) {
        for (int j = 0; j < pr->nc; j++)
            if (snp_model_col(m, j)->kind == SNP_COL_BIN && pr->col_rp[j] &&
                glp_get_col_kind(rp, pr->col_rp[j]) != GLP_CV)
                bin[j] = glp_mip_col_val(rp, pr->col_rp[j]) > 0.5;
        out = 0;
    }
    for (int j = 0; j < pr->nc; j++)
        if (pr->col_rp[j] && glp_get_col_kind(rp, pr->col_rp[j]) != GLP_CV)
            glp_set_col_kind(rp, pr->col_rp[j], GLP_CV);
    return out;
}

int snp_price_rens(snp_price *pr, glp_prob *P, double seconds, double *x, double *obj,
                   snp_plugin_stats *st)
{
    if (!pr || !pr->rp || !(seconds > 0))
        return 0;
    const sn_model *m = pr->m;
    /* every integer column a binary of the master: with the binaries fixed, the LP's optimum is
     * then a network */
    for (int j = 0; j < pr->nc; j++) {
        snp_col_kind k = snp_model_col(m, j)->kind;
        if (k != SNP_COL_CONT && (k != SNP_COL_BIN || !pr->col_rp[j]))
            return 0;
    }
    double t0 = snp_now_s(), deadline = t0 + seconds;
    st->calls++;
    char *bin = snp_calloc((size_t)pr->nc, 1), *off = snp_calloc((size_t)pr->n_groups + 1, 1);
    int *gate = snp_calloc((size_t)pr->n_groups + 1, sizeof *gate), out = 0, n_free = 0;
    if (bin && off && gate) {
        rens_gates(pr, gate);
        /* the sub-MIP's network uses the master's links only: priced again over every link */
        if (rens_search(pr, P, seconds, bin, &n_free) == 0 &&
            rens_price(pr, P, bin, off, gate, deadline, x, obj) == 0)
            out = 1;
    }
    st->rounds += n_free;
    /* the master as it was: its binaries' bounds from P */
    for (int j = 0; j < pr->nc; j++)
        if (snp_model_col(m, j)->kind == SNP_COL_BIN && pr->col_rp[j])
            glp_set_col_bnds(pr->rp, pr->col_rp[j], glp_get_col_type(P, j + 1),
                             glp_get_col_lb(P, j + 1), glp_get_col_ub(P, j + 1));
    snp_free(bin);
    snp_free(off);
    snp_free(gate);
    st->seconds += snp_now_s() - t0;
    return out;
}

/* ---- probing on the master (plugin "probe", docs/model.md 11.12) ---------------------------- */

/* A side whose LP costs at least the cutoff plus this share of it is cut off. */
#define PROBE_MARGIN 1e-7

/* The master's LP with binary j also fixed at v (the other fixes in fix), priced. */
static int probe_lp(snp_price *pr, glp_prob *P, const double *fix, const int *gate, char *off,
                    int j, double v, double deadline, double *obj)
{
    for (int g = 0; g < pr->n_groups; g++) {
        int z = gate[g];
        off[g] = z >= 0 && ((z == j && v == 0) || fix[z] == 0);
    }
    glp_set_col_bnds(pr->rp, pr->col_rp[j], GLP_FX, v, v);
    pr->off = off;
    int rc = master_priced(pr, P, deadline, obj);
    pr->off = NULL;
    if (isnan(fix[j]))
        glp_set_col_bnds(pr->rp, pr->col_rp[j], GLP_DB, 0, 1);
    return rc;
}

int snp_price_probe(snp_price *pr, glp_prob *P, double cutoff, double seconds, double *fix,
                    double *bound, snp_plugin_stats *st)
{
    *bound = -INFINITY;
    if (!pr || !pr->rp || !(seconds > 0) || !isfinite(cutoff))
        return 0;
    const sn_model *m = pr->m;
    double t0 = snp_now_s(), deadline = t0 + seconds, cut = cutoff + PROBE_MARGIN * fabs(cutoff);
    st->calls++;
    char *off = snp_calloc((size_t)pr->n_groups + 1, 1);
    int *gate = snp_calloc((size_t)pr->n_groups + 1, sizeof *gate), n_fixed = 0;
    for (int j = 0; j < pr->nc; j++)
        fix[j] = NAN;
    if (!off || !gate)
        goto done;
    rens_gates(pr, gate);
    /* the binaries the search leaves free, each side the root LP does not take */
    for (int j = 0; j < pr->nc; j++) {
        if (snp_model_col(m, j)->kind != SNP_COL_BIN || !pr->col_rp[j] ||
            glp_get_col_lb(P, j + 1) == glp_get_col_ub(P, j + 1))
            continue;
        if (pr->interrupt && *pr->interrupt)
            break;
        double zlp = glp_get_col_prim(P, j + 1), lp[2] = {-INFINITY, -INFINITY};
        int stop = 0;
        for (int v = 0; v <= 1 && !stop; v++) {
            if ((v == 0 && zlp <= RENS_INTEGRAL) || (v == 1 && zlp >= 1 - RENS_INTEGRAL))
                continue;
            int rc = probe_lp(pr, P, fix, gate, off, j, v, deadline, &lp[v]);
            st->rounds++;
            if (rc == 2)
                lp[v] = INFINITY;
            else if (rc != 0)
                stop = 1;
        }
        if (stop)
            break;
        /* a side cut off: the binary is the other side in every cheaper network */
        for (int v = 0; v <= 1; v++)
            if (lp[v] >= cut && !(lp[1 - v] >= cut)) {
                fix[j] = 1 - v;
                glp_set_col_bnds(pr->rp, pr->col_rp[j], GLP_FX, fix[j], fix[j]);
                n_fixed++;
            }
        /* both sides probed: the cheaper one bounds every network */
        if (zlp > RENS_INTEGRAL && zlp < 1 - RENS_INTEGRAL && fmin(lp[0], lp[1]) > *bound)
            *bound = fmin(lp[0], lp[1]);
    }
done:
    /* the master as it was: its binaries' bounds from P */
    for (int j = 0; pr->rp && j < pr->nc; j++)
        if (snp_model_col(m, j)->kind == SNP_COL_BIN && pr->col_rp[j])
            glp_set_col_bnds(pr->rp, pr->col_rp[j], glp_get_col_type(P, j + 1),
                             glp_get_col_lb(P, j + 1), glp_get_col_ub(P, j + 1));
    st->found += n_fixed;
    snp_free(off);
    snp_free(gate);
    st->seconds += snp_now_s() - t0;
    return n_fixed;
}
