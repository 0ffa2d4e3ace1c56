/*
 * glpk.c - the solver's one door to GLPK (besides lp_price.c and lazy.c, which work on the
 * problem it loads and say why): loads an sn_model into GLPK (the +1 index shift happens here
 * and in those two), runs branch-and-cut with progress reports, time and
 * gap limits and interruption, and maps GLPK's return code and MIP status to an honest
 * solution status. GLPK's fatal errors are caught with its error hook instead of aborting.
 * It drives symnet's solver plugins (the table in plugins.c): creates the ones that are on,
 * runs them from GLPK's callbacks, prices their networks on a private LP (fixed_lp) and keeps
 * their statistics in the solution.
 */
#include "solve_int.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct guard {
    jmp_buf env;
} guard;

static void on_glpk_error(void *info)
{
    guard *g = info;
    glp_free_env();
    longjmp(g->env, 1);
}

/* GLPK's terminal output is not ours to print: the CLI reports progress itself. */
static int on_glpk_output(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

/* The bounds of a continuous or integer column as the model states them. */
static void set_col_bounds(glp_prob *P, int j, const snp_col *c)
{
    int type;
    if (isinf(c->ub))
        type = GLP_LO;
    else
        type = c->lb == c->ub ? GLP_FX : GLP_DB;
    glp_set_col_bnds(P, j, type, c->lb, isinf(c->ub) ? 0 : c->ub);
}

static glp_prob *load(const sn_model *m)
{
    glp_prob *P = glp_create_prob();
    glp_set_prob_name(P, "symnet");
    glp_set_obj_dir(P, GLP_MIN);
    int nr = (int)m->rows.len, nc = (int)m->cols.len;
    if (nr > 0)
        glp_add_rows(P, nr);
    if (nc > 0)
        glp_add_cols(P, nc);
    for (int i = 0; i < nr; i++) {
        const snp_row *r = snp_model_row(m, i);
        int type;
        if (isinf(r->lb) && isinf(r->ub))
            type = GLP_FR;
        else if (isinf(r->ub))
            type = GLP_LO;
        else if (isinf(r->lb))
            type = GLP_UP;
        else
            type = r->lb == r->ub ? GLP_FX : GLP_DB;
        glp_set_row_name(P, i + 1, snp_model_row_name(m, i));
        glp_set_row_bnds(P, i + 1, type, isinf(r->lb) ? 0 : r->lb, isinf(r->ub) ? 0 : r->ub);
    }
    for (int j = 0; j < nc; j++) {
        const snp_col *c = snp_model_col(m, j);
        glp_set_col_name(P, j + 1, snp_model_col_name(m, j));
        if (c->kind == SNP_COL_BIN)
            glp_set_col_kind(P, j + 1, GLP_BV);
        else if (c->kind == SNP_COL_INT)
            glp_set_col_kind(P, j + 1, GLP_IV);
        if (c->kind != SNP_COL_BIN) {
            set_col_bounds(P, j + 1, c);
        } else if (c->lb == c->ub) {
            glp_set_col_bnds(P, j + 1, GLP_FX, c->lb, c->ub);
        }
        glp_set_obj_coef(P, j + 1, c->obj);
    }
    size_t nz = m->idx.len;
    int *ia = snp_calloc(nz + 1, sizeof *ia), *ja = snp_calloc(nz + 1, sizeof *ja);
    double *ar = snp_calloc(nz + 1, sizeof *ar);
    if (!ia || !ja || !ar) {
        snp_free(ia);
        snp_free(ja);
        snp_free(ar);
        glp_delete_prob(P);
        return NULL;
    }
    size_t k = 0;
    for (int i = 0; i < nr; i++) {
        const snp_row *r = snp_model_row(m, i);
        size_t end = snp_model_row_stop(m, i);
        for (size_t e = r->start; e < end; e++) {
            k++;
            ia[k] = i + 1;
            ja[k] = SNP_VEC_AT(&m->idx, int, e) + 1;
            ar[k] = SNP_VEC_AT(&m->val, double, e);
        }
    }
    glp_load_matrix(P, (int)k, ia, ja, ar);
    snp_free(ia);
    snp_free(ja);
    snp_free(ar);
    return P;
}

/* Phase 1 of an LP with every row made elastic (docs/model.md 10.1): minimises the total
 * violation sum_i (s+_i + s-_i) of rows lb_i <= a_i x + s+_i - s-_i <= ub_i within the
 * columns' bounds, with the dual simplex from the slack basis and no time limit (the flow
 * relaxation is a transportation-like LP, solved in well under a second at 3,000 facilities).
 * Returns 1 with the rows' duals in y (m->rows.len values) and the least violation in *viol
 * when it is positive, 0 when the rows can all be met (*viol is then the small remainder),
 * -1 when GLPK failed. */
int snp_glpk_phase1(const sn_model *m, double *y, double *viol)
{
    guard g;
    glp_prob *volatile P = NULL;
    if (setjmp(g.env)) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        return -1;
    }
    glp_error_hook(on_glpk_error, &g);
    glp_term_hook(on_glpk_output, NULL);
    P = load(m);
    if (!P) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        return -1;
    }
    int nr = (int)m->rows.len, nc = (int)m->cols.len;
    for (int j = 1; j <= nc; j++) {
        glp_set_col_kind(P, j, GLP_CV);
        glp_set_obj_coef(P, j, 0);
    }
    if (nr > 0) {
        int first = glp_add_cols(P, 2 * nr);
        for (int i = 1; i <= nr; i++) {
            int ind[2] = {0, i};
            for (int sgn = 0; sgn < 2; sgn++) {
                double val[2] = {0, sgn == 0 ? 1.0 : -1.0};
                int j = first + 2 * (i - 1) + sgn;
                glp_set_col_bnds(P, j, GLP_LO, 0, 0);
                glp_set_obj_coef(P, j, 1);
                glp_set_mat_col(P, j, 1, ind, val);
            }
        }
    }
    glp_scale_prob(P, GLP_SF_AUTO);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = GLP_DUALP;
    int rc = glp_simplex(P, &sp);
    int out = -1;
    if (rc == 0 && glp_get_status(P) == GLP_OPT) {
        *viol = glp_get_obj_val(P);
        for (int i = 0; i < nr; i++)
            y[i] = glp_get_row_dual(P, i + 1);
        out = *viol > 0 ? 1 : 0;
    }
    glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    return out;
}

/* GLPK's bound type for lo <= v <= hi (infinite when missing). */
static int bound_type(double lo, double hi)
{
    int has_lo = isfinite(lo), has_hi = isfinite(hi);
    if (has_lo && has_hi)
        return lo == hi ? GLP_FX : GLP_DB;
    return has_lo ? GLP_LO : has_hi ? GLP_UP : GLP_FR;
}

static int lp_data_ok(const snp_lp *lp)
{
    for (int j = 0; j < lp->cols; j++)
        if (!isfinite(lp->obj[j]) || lp->col_lo[j] > lp->col_hi[j] || lp->col_lo[j] == INFINITY ||
            lp->col_hi[j] == -INFINITY)
            return 0;
    for (int i = 0; i < lp->rows; i++) {
        if (lp->row_lo[i] > lp->row_hi[i] || lp->row_lo[i] == INFINITY ||
            lp->row_hi[i] == -INFINITY || lp->row_start[i] > lp->row_start[i + 1])
            return 0;
        for (int k = lp->row_start[i]; k < lp->row_start[i + 1]; k++)
            if (!isfinite(lp->val[k]) || lp->idx[k] < 0 || lp->idx[k] >= lp->cols)
                return 0;
    }
    return lp->rows >= 0 && lp->cols > 0;
}

int snp_lp_solve(const snp_lp *lp, double *x, double *objective)
{
    if (!lp_data_ok(lp))
        return -1;
    int width = 1;
    for (int i = 0; i < lp->rows; i++) {
        int n = lp->row_start[i + 1] - lp->row_start[i];
        width = n + 1 > width ? n + 1 : width;
    }
    int *ind = snp_calloc((size_t)width, sizeof *ind);
    double *val = snp_calloc((size_t)width, sizeof *val);
    if (!ind || !val) {
        snp_free(ind);
        snp_free(val);
        return -1;
    }
    guard g;
    glp_prob *volatile P = NULL;
    if (setjmp(g.env)) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        snp_free(ind);
        snp_free(val);
        return -1;
    }
    glp_error_hook(on_glpk_error, &g);
    glp_term_hook(on_glpk_output, NULL);
    P = glp_create_prob();
    glp_set_obj_dir(P, lp->maximize ? GLP_MAX : GLP_MIN);
    glp_add_cols(P, lp->cols);
    for (int j = 0; j < lp->cols; j++) {
        glp_set_col_bnds(P, j + 1, bound_type(lp->col_lo[j], lp->col_hi[j]),
                         isfinite(lp->col_lo[j]) ? lp->col_lo[j] : 0,
                         isfinite(lp->col_hi[j]) ? lp->col_hi[j] : 0);
        glp_set_obj_coef(P, j + 1, lp->obj[j]);
    }
    if (lp->rows > 0)
        glp_add_rows(P, lp->rows);
    for (int i = 0; i < lp->rows; i++) {
        glp_set_row_bnds(P, i + 1, bound_type(lp->row_lo[i], lp->row_hi[i]),
                         isfinite(lp->row_lo[i]) ? lp->row_lo[i] : 0,
                         isfinite(lp->row_hi[i]) ? lp->row_hi[i] : 0);
        int n = 0;
        for (int k = lp->row_start[i]; k < lp->row_start[i + 1]; k++) {
            ind[n + 1] = lp->idx[k] + 1;
            val[n + 1] = lp->val[k];
            n++;
        }
        glp_set_mat_row(P, i + 1, n, ind, val);
    }
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_ON;
    int rc = glp_simplex(P, &sp);
    int out = -1;
    if (rc == GLP_ENOPFS || rc == GLP_ENODFS) {
        out = rc == GLP_ENOPFS ? 1 : 2;
    } else if (rc == 0) {
        int st = glp_get_status(P);
        if (st == GLP_OPT) {
            for (int j = 0; j < lp->cols; j++)
                x[j] = glp_get_col_prim(P, j + 1);
            *objective = glp_get_obj_val(P);
            out = 0;
        } else if (st == GLP_NOFEAS) {
            out = 1;
        } else if (st == GLP_UNBND) {
            out = 2;
        }
    }
    glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    snp_free(ind);
    snp_free(val);
    return out;
}

sn_status sn_model_write(const sn_model *m, sn_model_format fmt, const char *path, sn_diag *diag)
{
    guard g;
    glp_prob *volatile P = NULL;
    if (setjmp(g.env)) {
        snp_diag_add(diag, SN_ESOLVER, path, NULL, "GLPK failed while writing the model");
        return SN_ESOLVER;
    }
    glp_error_hook(on_glpk_error, &g);
    glp_term_hook(on_glpk_output, NULL);
    P = load(m);
    if (!P) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory loading the model");
        return SN_ENOMEM;
    }
    int rc = fmt == SN_FORMAT_LP ? glp_write_lp(P, NULL, path)
                                 : glp_write_mps(P, GLP_MPS_FILE, NULL, path);
    glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    if (rc != 0) {
        snp_diag_add(diag, SN_EIO, path, NULL, "cannot write the model");
        return SN_EIO;
    }
    return SN_OK;
}

/* ---- problem-specific search (docs/model.md section 11) ------------------------------------
 * GLPK's branch-and-cut knows nothing about networks. symnet's plugins (the table in
 * plugins.c: heuristics that build networks, separators that cut off LP points) and a
 * branching rule that decides build decisions before truck trips add what symnet knows. This
 * is their driver: it creates the plugins that are on, runs each at its callback, keeps their
 * statistics in the solution and frees them. They work in the model's own column numbering,
 * so GLPK's MIP presolver is off when they run. */

typedef struct plugs {
    const sn_model *m;
    int n;                      /* model columns */
    void *data[SNP_PLUGIN_MAX]; /* per table entry; NULL: off, nothing to do, or no memory */
    snp_plugin_stats *stats;    /* the solution's, per table entry */
    int n_heur, n_sepa;         /* plugins created, of each kind */
    /* heuristics */
    glp_prob *lp;     /* continuous copy of the model; fixed_lp fixes its binaries */
    int presolve;     /* 1: the next fixed_lp uses GLPK's LP presolver (no useful basis) */
    double deadline;  /* snp_now_s() at the time limit, INFINITY without one */
    double *net;      /* [1..n] the network a heuristic found (1-based for glp_ios_heur_sol) */
    double *inc;      /* [n] GLPK's incumbent for the node heuristics (heur_node) */
    double inc_obj;   /* its cost, NAN before the first */
    int *basis;       /* the root LP's optimal basis, rows then columns; NULL without */
    double *first;    /* [1..n] the network built before any LP (11.2), NULL without one */
    double first_obj; /* its cost */
    int first_given;  /* 1 once offered to GLPK */
    char *shut;       /* [n] fixed_lp's columns held at 0 for one solve (zero, closed hubs) */
    char *hub_shut;   /* [hubs] mark_shut's: 1 when the network closes the hub */
    /* separators */
    double *x; /* the node's LP point, one value per model column */
    int *ind;  /* a cut for glp_ios_add_row (1-based) */
    double *val;
    glp_tree *T;   /* the tree add_cut adds to */
    int current;   /* the separator running: its statistics count the cuts */
    double sepa_s; /* spent separating, all separators together */
    sn_warm *rec;  /* the solution's record (warm.c) the cuts go to, NULL when not kept */
} plugs;

/* The one cleanup of the plugins and their scratch space (after a GLPK error, the caller sets
 * lp to NULL first: glp_free_env freed every GLPK object). Accepts NULL. */
static void plugs_free(plugs *g)
{
    if (!g)
        return;
    for (int i = 0; i < snp_plugin_count(); i++)
        if (g->data[i])
            snp_plugin_get(i)->free(g->data[i]);
    if (g->lp)
        glp_delete_prob(g->lp);
    snp_free(g->net);
    snp_free(g->inc);
    snp_free(g->basis);
    snp_free(g->first);
    snp_free(g->shut);
    snp_free(g->hub_shut);
    snp_free(g->x);
    snp_free(g->ind);
    snp_free(g->val);
    snp_free(g);
}

/* The plugins of the table that are on for a solve of m with prm and have something to do,
 * with their scratch space. NULL when none is, or without memory: the search then goes on
 * without them. */
static plugs *plugs_new(const sn_model *m, const sn_params *prm, snp_plugin_stats *stats)
{
    plugs *g = snp_calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->m = m;
    g->n = (int)m->cols.len;
    g->stats = stats;
    g->deadline = INFINITY;
    g->inc_obj = NAN;
    for (int i = 0; i < snp_plugin_count(); i++) /* a retried run counts afresh */
        if (snp_plugin_get(i)->kind != SNP_PLUGIN_DECOMPOSITION) {
            stats[i].calls = stats[i].found = stats[i].rounds = 0;
            stats[i].seconds = 0;
        }
    for (int i = 0; i < snp_plugin_count(); i++) {
        const snp_plugin *pl = snp_plugin_get(i);
        /* a decomposition is sn_solve's step, not the search's (split.c) */
        if (pl->kind == SNP_PLUGIN_DECOMPOSITION || pl->kind == SNP_PLUGIN_ROOT_LP || !pl->create ||
            !snp_plugin_enabled(m, prm, i) || !(g->data[i] = pl->create(m)))
            continue;
        if (pl->kind == SNP_PLUGIN_HEURISTIC)
            g->n_heur++;
        else
            g->n_sepa++;
    }
    size_t n1 = (size_t)g->n + 1;
    g->x = snp_calloc(n1, sizeof *g->x);
    g->net = snp_calloc(n1, sizeof *g->net);
    g->inc = snp_calloc(n1, sizeof *g->inc);
    g->shut = snp_calloc(n1, sizeof *g->shut);
    g->hub_shut = snp_calloc((size_t)m->inst->n_hubs + 1, sizeof *g->hub_shut);
    if (g->n_sepa > 0) {
        g->ind = snp_calloc(n1, sizeof *g->ind);
        g->val = snp_calloc(n1, sizeof *g->val);
    }
    if ((g->n_heur == 0 && g->n_sepa == 0) || !g->x || !g->net || !g->inc || !g->shut ||
        !g->hub_shut || (g->n_sepa > 0 && (!g->ind || !g->val))) {
        plugs_free(g);
        return NULL;
    }
    return g;
}

/* The heuristics' continuous copy of P (a separate step, so that a GLPK error while copying
 * finds g already in the caller's hands to free). */
static void plugs_copy_lp(plugs *g, glp_prob *P)
{
    g->lp = glp_create_prob();
    glp_copy_prob(g->lp, P, GLP_OFF);
    for (int j = 1; j <= g->n; j++)
        if (glp_get_col_kind(g->lp, j) != GLP_CV)
            glp_set_col_kind(g->lp, j, GLP_CV);
}

/* Solves g->lp as its bounds stand; 0 when it found an optimum. */
static int solve_fixed(plugs *g)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = GLP_DUALP;
    sp.presolve = g->presolve ? GLP_ON : GLP_OFF;
    double left = g->deadline - snp_now_s();
    if (left <= 0)
        return -1;
    if (isfinite(left))
        sp.tm_lim = left * 1000 >= (double)INT_MAX ? INT_MAX : (int)(left * 1000) + 1;
    if (glp_simplex(g->lp, &sp) != 0) {
        /* the warm start failed: start from scratch once, in the time that is left */
        left = g->deadline - snp_now_s();
        if (left <= 0)
            return -1;
        if (isfinite(left))
            sp.tm_lim = left * 1000 >= (double)INT_MAX ? INT_MAX : (int)(left * 1000) + 1;
        glp_adv_basis(g->lp, 0);
        if (glp_simplex(g->lp, &sp) != 0)
            return -1;
    }
    if (glp_get_status(g->lp) != GLP_OPT)
        return -1;
    /* the presolver leaves the optimal basis of the whole LP behind: the next solve (a pass
     * that only closes links, hubs or trips) starts from it, a few pivots instead of a few
     * thousand (bench/RESULTS.md, sweep section) */
    g->presolve = 0;
    return 0;
}

/* Marks in g->shut the columns of zero and, in an annual model, the flow columns of every link
 * at a hub that bin closes (every option binary at 0): 7.2 leaves such a hub nothing to
 * process, so 7.1 and 7.4 hold those flows at 0 anyway (docs/model.md 11.14). Fixed, they leave
 * GLPK's working LP, whose simplex drops fixed non-basic columns: on the must-serve shape two
 * thirds of them. (With periods, whose stores and seasonal rows that argument does not cover,
 * only zero's.) */
static void mark_shut(plugs *g, const double *bin, const char *zero)
{
    const sn_model *m = g->m;
    const sn_instance *in = m->inst;
    for (int j = 0; j < g->n; j++)
        g->shut[j] = zero && zero[j];
    if (m->n_periods > 0)
        return;
    for (int h = 0; h < in->n_hubs; h++) {
        int no = snp_model_hub_options(m, h), open = no == 0; /* no columns: nothing to close */
        for (int o = 0; o < no; o++)
            open |= bin[m->hub_size_col[h][o]] > 0.5;
        g->hub_shut[h] = !open;
    }
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        int h;
        for (int end = 0; end < 2; end++)
            if (snp_node_kind_of(in, end ? l->head : l->tail, &h) == SNP_NODE_HUB && g->hub_shut[h])
                for (int q = 0; q < l->n_comm; q++)
                    g->shut[l->first_flow + q] = 1;
    }
}

/* snp_fixed_lp_fn on the heuristics' private LP: the binaries fixed at bin, the columns in
 * zero and the flows at hubs bin closes at 0 for this solve only (their bounds are restored
 * after it). */
static int fixed_lp(void *ctx, const double *bin, const char *zero, double *x)
{
    plugs *g = ctx;
    const sn_model *m = g->m;
    for (int j = 0; j < g->n; j++)
        if (snp_model_col(m, j)->kind == SNP_COL_BIN)
            glp_set_col_bnds(g->lp, j + 1, GLP_FX, bin[j], bin[j]);
    mark_shut(g, bin, zero);
    for (int j = 0; j < g->n; j++)
        if (g->shut[j])
            glp_set_col_bnds(g->lp, j + 1, GLP_FX, 0, 0);
    int rc = solve_fixed(g);
    if (rc == 0)
        for (int j = 0; j < g->n; j++)
            x[j] = glp_get_col_prim(g->lp, j + 1);
    for (int j = 0; j < g->n; j++)
        if (g->shut[j])
            set_col_bounds(g->lp, j + 1, snp_model_col(m, j));
    return rc;
}

/* Runs plugin i with env (its statistics counted) and returns what its run returned. */
static int plugin_run(plugs *g, int i, snp_plugin_env *env)
{
    double t = snp_now_s();
    g->stats[i].calls++;
    int rc = snp_plugin_get(i)->run(g->data[i], env);
    g->stats[i].seconds += snp_now_s() - t;
    return rc;
}

/* The heuristics that run before any LP (11.2); the cheapest network they find goes into
 * g->first. Whatever the time limit: a limit shorter than this still ends with a network.
 * found(ctx) is called each time g->first improves (progress: the first network is reported
 * as soon as one heuristic has it, not after the others). */
static void heur_first(plugs *g, void (*found)(void *ctx), void *ctx)
{
    for (int i = 0; i < snp_plugin_count(); i++) {
        const snp_plugin *pl = snp_plugin_get(i);
        if (!g->data[i] || pl->kind != SNP_PLUGIN_HEURISTIC || !pl->before_lp)
            continue;
        /* each heuristic's first LP: no basis fits its network, and most of the model is fixed
         * at zero, so presolve; its re-pricing passes then start from that LP's basis */
        g->presolve = 1;
        snp_plugin_env env = {.fixed_lp = fixed_lp, .lp_ctx = g, .net = g->net + 1};
        if (plugin_run(g, i, &env) != 1 || (g->first && !(env.net_obj < g->first_obj)))
            continue;
        if (!g->first && !(g->first = snp_calloc((size_t)g->n + 1, sizeof *g->first)))
            continue;
        memcpy(g->first, g->net, ((size_t)g->n + 1) * sizeof *g->net);
        g->first_obj = env.net_obj;
        g->stats[i].found++;
        found(ctx);
    }
    g->presolve = 0;
}

/* GLP_IHEUR: the network built before the LP, once; then each heuristic that runs at nodes,
 * at the root and then as long as it has taken under a tenth of the search time. */
/* Search time before which node heuristics and separators are not throttled to a tenth of it
 * (heur_node, cut_node): a short solve takes the same path whatever the machine's load. */
#define PLUGIN_FREE_S 1.0

static void heur_node(plugs *g, glp_tree *T, double elapsed)
{
    glp_prob *P = glp_ios_get_prob(T);
    if (g->first && !g->first_given) {
        /* the network built before the LP (11.2): GLPK keeps it unless it has a better one */
        g->first_given = 1;
        int have = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
        if (!have || g->first_obj < glp_mip_obj_val(P) - 1e-9 * fabs(g->first_obj))
            glp_ios_heur_sol(T, g->first);
    }
    int have_x = 0;
    for (int i = 0; i < snp_plugin_count(); i++) {
        const snp_plugin *pl = snp_plugin_get(i);
        snp_plugin_stats *st = &g->stats[i];
        if (!g->data[i] || pl->kind != SNP_PLUGIN_HEURISTIC || pl->before_lp)
            continue;
        /* at most a tenth of the search's time, once it has run PLUGIN_FREE_S */
        if ((st->calls > 0 && elapsed > PLUGIN_FREE_S && st->seconds > 0.1 * elapsed) ||
            snp_now_s() >= g->deadline)
            continue;
        /* its time includes reading the LP point and the offer to GLPK */
        double t = snp_now_s();
        st->calls++;
        for (int j = 0; !have_x && j < g->n; j++)
            g->x[j] = glp_get_col_prim(P, j + 1);
        have_x = 1;
        snp_plugin_env env = {.x = g->x, .fixed_lp = fixed_lp, .lp_ctx = g, .net = g->net + 1};
        /* the incumbent as it stands (an earlier heuristic may have just improved it); read
         * once per network: each one GLPK takes is cheaper than the last */
        if (glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT) {
            env.incumbent_obj = glp_mip_obj_val(P);
            if (!(env.incumbent_obj == g->inc_obj))
                for (int j = 0; j < g->n; j++)
                    g->inc[j] = glp_mip_col_val(P, j + 1);
            g->inc_obj = env.incumbent_obj;
            env.incumbent = g->inc;
        }
        env.time_left_s = g->deadline - snp_now_s();
        env.basis = g->basis;
        if (pl->run(g->data[i], &env) == 1) {
            double z = env.net_obj;
            int have = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
            if (!have || z < glp_mip_obj_val(P) - 1e-9 * fabs(z))
                if (glp_ios_heur_sol(T, g->net) == 0)
                    st->found++;
        }
        st->seconds += snp_now_s() - t;
    }
}

/* GLP_IBRANCH: branch on a fractional build decision (hub, corridor, link) before any truck
 * trip, choosing the one whose fixed cost times fractionality is largest, and try building
 * it first. When no binary is fractional, GLPK's own rule chooses among the trips. */
static void branch_node(const sn_model *m, glp_tree *T)
{
    glp_prob *P = glp_ios_get_prob(T);
    int n = (int)m->cols.len, best = 0;
    double best_score = -1, best_v = 0;
    for (int j = 1; j <= n; j++) {
        if (!glp_ios_can_branch(T, j) || snp_model_col(m, j - 1)->kind != SNP_COL_BIN)
            continue;
        double v = glp_get_col_prim(P, j), f = fmin(v, 1 - v);
        double score = f * (fabs(snp_model_col(m, j - 1)->obj) + 1);
        if (score > best_score) {
            best_score = score;
            best = j;
            best_v = v;
        }
    }
    if (best > 0)
        glp_ios_branch_upon(T, best, best_v >= 0.5 ? GLP_UP_BRNCH : GLP_DN_BRNCH);
}

/* snp_cut_sink of the separators: adds the cut to GLPK's tree. */
static int add_cut(void *ctx, int len, const int *col, const double *coef, double lb)
{
    plugs *g = ctx;
    if (len <= 0 || len > g->n)
        return 0;
    for (int i = 0; i < len; i++) {
        g->ind[i + 1] = col[i] + 1;
        g->val[i + 1] = coef[i];
    }
    /* class 101: the first of the classes GLPK leaves to the application */
    glp_ios_add_row(g->T, NULL, 101, 0, len, g->ind, g->val, GLP_LO, lb);
    g->stats[g->current].found++;
    /* kept for the next solve with the same constraints (warm.c); a record that runs out of
     * memory keeps no more cuts */
    if (g->rec && snp_warm_add_cut(g->rec, len, col, coef, lb) != 0)
        g->rec = NULL;
    return 0;
}

/* GLP_ICUTGEN: every separator, at the root, then at nodes while separating has used under a
 * tenth of the search time (the same budget as the heuristics') */
static void cut_node(plugs *g, glp_tree *T, double elapsed)
{
    if (glp_ios_curr_node(T) != 1 && elapsed > PLUGIN_FREE_S && g->sepa_s > 0.1 * elapsed)
        return;
    double t = snp_now_s();
    glp_prob *P = glp_ios_get_prob(T);
    for (int j = 0; j < g->n; j++)
        g->x[j] = glp_get_col_prim(P, j + 1);
    g->T = T;
    for (int i = 0; i < snp_plugin_count(); i++) {
        if (!g->data[i] || snp_plugin_get(i)->kind != SNP_PLUGIN_SEPARATOR)
            continue;
        g->current = i;
        snp_plugin_env env = {.x = g->x, .cut = add_cut, .cut_ctx = g};
        (void)plugin_run(g, i, &env);
    }
    g->sepa_s += snp_now_s() - t;
}

/* The root LP from a neighbour's basis (plugin "carrybasis", 11.9). */
typedef struct carry_lp {
    const sn_warm *w;        /* the neighbour's record, NULL: the root LP starts cold */
    snp_plugin_stats *stats; /* the plugin's statistics */
} carry_lp;

typedef struct search {
    const sn_params *params;
    double t0, last_report;
    double bound; /* best bound seen in the tree */
    int interrupted;
    int timed_out; /* stopped by the time limit from the callback (see on_node) */
    const sn_model *m;
    plugs *plugs;        /* NULL: no plugin of symnet's own (plugins.c) */
    int branch;          /* 1: problem-specific branching */
    int in_root_lp;      /* 1 while the LP before glp_intopt runs */
    double last_cutgen;  /* snp_now_s() at the last GLP_ICUTGEN callback, 0 before the first */
    glp_iocp *iocp;      /* the parameters glp_intopt runs with (see on_node) */
    glp_iocp *cut_parm;  /* the same, when GLPK's own cuts are on (prm->cuts), else NULL */
    double root_lp_s;    /* seconds the LP before glp_intopt took; 0 when GLPK solved it */
    int lp_restarts;     /* root LP solved again after a verdict of no feasible solution */
    int node_limit;      /* > 0: the search stops after this many nodes (split.c) */
    int node_limited;    /* stopped by it */
    const double *start; /* [1..n] a network given by the caller (split.c), NULL without */
    double start_obj;    /* its cost */
    const int *basis;    /* a basis to start the root LP from (snp_search_from.basis), or NULL */
    int start_given;     /* 1 once offered to GLPK */
    carry_lp carry;      /* a neighbour's basis to start the root LP from (11.9) */
    snp_lazy *lazy;      /* rows held back from the nodes' LPs (11.14), NULL without */
    snp_plugin_stats *lazy_stats;
} search;

static void report(search *s, glp_tree *T, int force)
{
    double t = snp_now_s();
    if (!s->params->progress || (!force && t - s->last_report < s->params->progress_every_s))
        return;
    s->last_report = t;
    glp_prob *P = glp_ios_get_prob(T);
    sn_progress p;
    memset(&p, 0, sizeof p);
    p.elapsed_s = t - s->t0;
    p.has_incumbent = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
    p.incumbent = p.has_incumbent ? glp_mip_obj_val(P) : NAN;
    p.bound = s->bound;
    p.gap = p.has_incumbent ? glp_ios_mip_gap(T) : -1;
    if (!p.has_incumbent && ((s->plugs && s->plugs->first) || s->start)) {
        /* the network built before the LP, not yet handed to GLPK (heur_node), or the
         * caller's */
        p.has_incumbent = 1;
        p.incumbent = s->plugs && s->plugs->first ? s->plugs->first_obj : s->start_obj;
        p.gap = isfinite(p.bound) ? fabs(p.incumbent - p.bound) / (fabs(p.incumbent) + 1e-9) : -1;
    }
    int a_cnt, n_cnt, t_cnt;
    glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
    p.nodes_open = a_cnt;
    p.nodes_done = t_cnt - a_cnt;
    s->params->progress(&p, s->params->progress_ctx);
}

static void on_node(glp_tree *T, void *info)
{
    search *s = info;
    int why = glp_ios_reason(T);
    if (why == GLP_IHEUR && s->start && !s->start_given) {
        /* the caller's network (split.c): GLPK keeps it unless it has a better one */
        s->start_given = 1;
        glp_prob *P = glp_ios_get_prob(T);
        int have = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
        if (!have || s->start_obj < glp_mip_obj_val(P) - 1e-9 * fabs(s->start_obj))
            glp_ios_heur_sol(T, s->start);
    }
    if (why == GLP_IROWGEN && s->lazy) {
        double t = snp_now_s();
        int k = snp_lazy_add(s->lazy, glp_ios_get_prob(T), glp_ios_curr_node(T));
        s->lazy_stats->calls++;
        s->lazy_stats->found += k;
        s->lazy_stats->seconds += snp_now_s() - t;
    }
    if (why == GLP_IHEUR && s->plugs && s->plugs->n_heur > 0)
        heur_node(s->plugs, T, snp_now_s() - s->t0);
    else if (why == GLP_ICUTGEN && s->plugs && s->plugs->n_sepa > 0)
        cut_node(s->plugs, T, snp_now_s() - s->t0);
    else if (why == GLP_IBRANCH && s->branch)
        branch_node(s->m, T);
    /* GLPK's MIR cuts at the root only: once the root branches, they are switched off. At
     * every node they cost more than they bought (k14x182: 108 s with them, 38 s root only;
     * bench/classics/README.md). GLPK 5.0 reads its parameters through the caller's glp_iocp
     * during the search (T->parm); a GLPK that copied them would keep MIR on, which is only
     * slower. */
    if (why == GLP_IBRANCH && s->iocp && glp_ios_curr_node(T) == 1)
        s->iocp->mir_cuts = GLP_OFF;
    int best = glp_ios_best_node(T);
    if (best > 0) {
        /* a node not solved yet has bound -DBL_MAX (no bound); every other node bound, like
         * the root LP's, bounds every network, so the best of them is kept */
        double b = glp_ios_node_bound(T, best);
        if (isfinite(b) && b > -0.5 * DBL_MAX && b > s->bound)
            s->bound = b;
    }
    report(s, T, glp_ios_reason(T) == GLP_IBINGO);
    if (s->node_limit > 0 && !s->node_limited) {
        int a_cnt, n_cnt, t_cnt;
        glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
        if (t_cnt - a_cnt >= s->node_limit) {
            s->node_limited = 1;
            glp_ios_terminate(T);
        }
    }
    if (s->params->interrupt && *s->params->interrupt) {
        s->interrupted = 1;
        glp_ios_terminate(T);
    }
    /* GLPK checks its own time limit between nodes only, so a long root (an LP and rounds of
     * cuts on a large region) could overrun it by minutes: the callback checks it too. */
    if (s->params->time_limit_s > 0 && !s->interrupted &&
        snp_now_s() - s->t0 >= s->params->time_limit_s) {
        s->timed_out = 1;
        glp_ios_terminate(T);
    }
    /* After GLP_ICUTGEN, GLPK generates its own cuts and re-solves the LP without calling
     * back: at the root of XL-1 one such round takes 40 s and overran a 600 s limit by 47 s,
     * and the first round at the root of L-1 overran a 30 s limit by 12 s. So when one more
     * round would end past the limit, judged by the last one (the first by the root LP, which
     * it re-solves), GLPK's cuts are switched off and the search goes on without them (the
     * check above ends it at the limit); without GLPK's cuts the search stops here. */
    if (why == GLP_ICUTGEN) {
        double t = snp_now_s();
        double round = s->last_cutgen > 0 ? t - s->last_cutgen : s->root_lp_s;
        if (s->params->time_limit_s > 0 && !s->interrupted && !s->timed_out && round > 0 &&
            t - s->t0 + round > s->params->time_limit_s) {
            if (s->cut_parm) {
                s->cut_parm->mir_cuts = GLP_OFF;
                s->cut_parm->gmi_cuts = GLP_OFF;
                s->cut_parm->cov_cuts = GLP_OFF;
                s->cut_parm->clq_cuts = GLP_OFF;
            } else if (s->last_cutgen > 0) {
                s->timed_out = 1;
                glp_ios_terminate(T);
            }
        }
        s->last_cutgen = t;
    }
}

/* Gives dst (a copy of src's rows and columns) src's basis. */
static void copy_basis(glp_prob *dst, glp_prob *src)
{
    for (int i = 1; i <= glp_get_num_rows(src); i++)
        glp_set_row_stat(dst, i, glp_get_row_stat(src, i));
    for (int j = 1; j <= glp_get_num_cols(src); j++)
        glp_set_col_stat(dst, j, glp_get_col_stat(src, j));
}

/* Keeps P's basis (the root LP's optimum) in g->basis for the node heuristics' sub-MIPs;
 * without memory they go without. */
static void save_basis(plugs *g, glp_prob *P)
{
    int nr = glp_get_num_rows(P), nc = glp_get_num_cols(P);
    if (!g->basis && !(g->basis = snp_calloc((size_t)nr + (size_t)nc + 1, sizeof *g->basis)))
        return;
    for (int i = 1; i <= nr; i++)
        g->basis[i - 1] = glp_get_row_stat(P, i);
    for (int j = 1; j <= nc; j++)
        g->basis[nr + j - 1] = glp_get_col_stat(P, j);
}

/* Progress outside GLPK's tree (before and during the root LP): the first network if any. */
static void report_plain(search *s, int force)
{
    double t = snp_now_s();
    if (!s->params->progress || (!force && t - s->last_report < s->params->progress_every_s))
        return;
    s->last_report = t;
    sn_progress p;
    memset(&p, 0, sizeof p);
    p.elapsed_s = t - s->t0;
    p.has_incumbent = (s->plugs && s->plugs->first) || s->start;
    p.incumbent = s->plugs && s->plugs->first ? s->plugs->first_obj : s->start ? s->start_obj : NAN;
    p.bound = s->bound;
    p.gap = -1;
    p.nodes_open = 1;
    s->params->progress(&p, s->params->progress_ctx);
}

/* heur_first's found: the network is reported at once. */
static void first_found(void *ctx)
{
    report_plain(ctx, 1);
}

/* GLPK's simplex has no callback: the root LP runs in slices, each warm-started from the basis
 * the last one left, so that a signal stops it and progress is reported. A slice is a number of
 * simplex iterations, not seconds: the same region and parameters take the same path whatever
 * the machine's load (slices of 2 s wall time once made p50x288 infeasible on a busy machine
 * and optimal on a quiet one, docs/model.md 11). About SLICE_WORK nonzeros are touched per
 * slice (one to two seconds on the measured models), at least 200 and at most 5,000
 * iterations. */
#define SLICE_WORK 5e8

/* Rows from which the root LP starts from GLPK's advanced basis (M regions have about 5,000,
 * L about 32,000). */
#define ADV_BASIS_MIN_ROWS 20000

static int slice_iterations(glp_prob *P)
{
    double nz = fmax(1.0, (double)glp_get_num_nz(P));
    return (int)fmin(5000.0, fmax(200.0, SLICE_WORK / nz));
}

/* Runs glp_simplex with sp in slices (see above) until it ends; GLPK's return code, GLP_ESTOP
 * when interrupted, GLP_ETMLIM at the time limit. */
static int simplex_sliced(glp_prob *P, search *s, glp_smcp *sp)
{
    const sn_params *prm = s->params;
    sp->it_lim = slice_iterations(P);
    for (;;) {
        sp->tm_lim = INT_MAX;
        if (prm->time_limit_s > 0) {
            double left = prm->time_limit_s - (snp_now_s() - s->t0);
            if (left <= 0) {
                s->timed_out = 1;
                return GLP_ETMLIM;
            }
            sp->tm_lim = left * 1000 >= (double)INT_MAX ? INT_MAX
                         : left * 1000 < 1              ? 1
                                                        : (int)(left * 1000);
        }
        int rc = glp_simplex(P, sp);
        if (rc == GLP_ETMLIM)
            s->timed_out = 1;
        if (rc != GLP_EITLIM)
            return rc;
        report_plain(s, 0);
        if (prm->interrupt && *prm->interrupt) {
            s->interrupted = 1;
            return GLP_ESTOP;
        }
    }
}

static const char basis_code[] = {
    0,           SNP_BASIS_BS, SNP_BASIS_NL, SNP_BASIS_NU, SNP_BASIS_NF,
    SNP_BASIS_NS}; /* by GLP_BS (1) to GLP_NS (5) */

/* GLPK's status for a recorded one (warm.c), GLP_BS for an unknown letter. */
static int basis_stat(char c)
{
    for (int k = 1; k <= GLP_NS; k++)
        if (basis_code[k] == c)
            return k;
    return GLP_BS;
}

/* The root LP from s->carry.w's basis with the primal simplex (plugin "carrybasis", 11.9):
 * GLPK's return code. A basis that is not one (GLP_EBADB) or not feasible any more is left to
 * root_lp's cold path. */
static int warm_basis_lp(glp_prob *P, search *s, glp_smcp *sp)
{
    double t = snp_now_s();
    const char *b = s->carry.w->basis;
    int nr = glp_get_num_rows(P), nc = glp_get_num_cols(P);
    for (int i = 1; i <= nr; i++)
        glp_set_row_stat(P, i, basis_stat(b[i - 1]));
    for (int j = 1; j <= nc; j++)
        glp_set_col_stat(P, j, basis_stat(b[nr + j - 1]));
    sp->meth = GLP_PRIMAL;
    int rc = glp_warm_up(P) == 0 && glp_get_prim_stat(P) == GLP_FEAS ? simplex_sliced(P, s, sp)
                                                                     : GLP_EBADB;
    snp_plugin_stats *st = s->carry.stats;
    st->calls++;
    st->found += rc == 0 && glp_get_status(P) == GLP_OPT;
    st->seconds += snp_now_s() - t;
    return rc;
}

/* Records P's basis (the root LP's optimum) in w (warm.c); w is kept without one when memory
 * runs out. */
static void record_basis(glp_prob *P, sn_warm *w)
{
    int nr = glp_get_num_rows(P), nc = glp_get_num_cols(P);
    char *b = snp_alloc((size_t)nr + (size_t)nc + 1);
    if (!b)
        return;
    for (int i = 1; i <= nr; i++)
        b[i - 1] = basis_code[glp_get_row_stat(P, i)];
    for (int j = 1; j <= nc; j++)
        b[nr + j - 1] = basis_code[glp_get_col_stat(P, j)];
    (void)snp_warm_set_basis(w, b);
    snp_free(b);
}

/* The LP before glp_intopt; GLPK's return code, GLP_ESTOP when interrupted.
 *
 * Method. Below ADV_BASIS_MIN_ROWS rows, the dual simplex from the all-slack basis (GLP_DUALP:
 * the primal takes over if the dual fails). Every cost of the network model is >= 0, so that
 * basis is dual feasible and the dual simplex has no phase 1, while the primal simplex must
 * find feasibility through a highly degenerate phase 1: p50x288's root LP takes 10 CPU s with
 * the dual simplex and 44 s with the primal one, p50x288b's 13 s against 109 s. On a large
 * model, the primal simplex from GLPK's advanced initial basis (glp_adv_basis, a triangular
 * basis over the structurals): on L-1 9.6 s, against 23.6 s for the dual simplex from the
 * slacks (build/bench/root_lp on the exported models, docs/model.md 11). warm: P holds an
 * optimal basis up to the tolerances (lp_price.c's, docs/model.md 11.8): the primal simplex
 * from it, which confirms it or repairs it in a few pivots.
 *
 * Safeguard. A restarted primal simplex can lose the feasibility it had (the refactorised basis
 * violates a bound by more than GLPK's tolerance), and its phase 1 then sometimes ends with
 * "no feasible solution" on a feasible LP: this is how p50x288 was once reported infeasible.
 * So a verdict of no feasible solution, or a numerical failure, is never taken from one run:
 * the LP is solved again from a fresh basis with the other method, and only when that run
 * agrees is the LP called infeasible (and even then sn_solve asks for a certificate before
 * saying so, docs/model.md 10.1). */
static int root_lp(glp_prob *P, search *s, int warm)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    s->in_root_lp = 1;
    /* a caller's basis (a sub-MIP's, snp_search_from.basis): the dual simplex from it */
    int nr = glp_get_num_rows(P), adv = !s->basis && nr >= ADV_BASIS_MIN_ROWS;
    if (s->carry.w && !warm) {
        /* a neighbour's optimal basis on the same constraints (11.9): still primal feasible,
         * so the primal simplex only re-optimises; any trouble, and the LP is solved cold */
        int rc = warm_basis_lp(P, s, &sp);
        if (rc == 0 && glp_get_status(P) == GLP_OPT)
            return rc;
        if (rc == GLP_ETMLIM || rc == GLP_ESTOP)
            return rc;
        s->lp_restarts++;
        glp_std_basis(P);
    }
    for (int i = 1; s->basis && i <= nr; i++)
        glp_set_row_stat(P, i, s->basis[i - 1]);
    for (int j = 1; s->basis && j <= glp_get_num_cols(P); j++)
        glp_set_col_stat(P, j, s->basis[nr + j - 1]);
    if (adv && !warm)
        glp_adv_basis(P, 0);
    sp.meth = adv || warm ? GLP_PRIMAL : GLP_DUALP;
    int rc = simplex_sliced(P, s, &sp);
    int trouble = (rc == 0 && glp_get_status(P) == GLP_NOFEAS) || rc == GLP_ESING ||
                  rc == GLP_ECOND || rc == GLP_EFAIL || rc == GLP_EBADB;
    if (trouble) {
        s->lp_restarts++;
        glp_std_basis(P);
        sp.meth = adv || warm ? GLP_DUALP : GLP_PRIMAL;
        rc = simplex_sliced(P, s, &sp);
    }
    if (rc != GLP_ETMLIM && rc != GLP_ESTOP)
        s->in_root_lp = 0;
    return rc;
}

/* Plugin "lazy" (11.14) after the root LP: the implied rows that do not bind held back from P,
 * whose LP is then solved again from its basis (still optimal: no pivot) to mark it so for
 * glp_intopt. GLPK's return code, as root_lp's. */
static int hold_rows(glp_prob *P, search *s, snp_lazy *lz, snp_plugin_stats *st)
{
    double t = snp_now_s();
    int k = snp_lazy_hold(lz, P), rc = 0;
    st->rounds = k;
    if (k > 0) {
        s->lazy = lz;
        s->lazy_stats = st;
        rc = root_lp(P, s, 1);
    }
    st->seconds += snp_now_s() - t;
    return rc;
}

/* The plugin table's entry of the root LP by column generation, -1 without one. */
static int price_index(void)
{
    for (int i = 0; i < snp_plugin_count(); i++)
        if (snp_plugin_get(i)->kind == SNP_PLUGIN_ROOT_LP)
            return i;
    return -1;
}

/* The plugin table's entry named name (the master's plugins of 11.8, 11.11, 11.12: "pricemip",
 * "rens", "probe"), -1 without one. */
static int named_index(const char *name)
{
    for (int i = 0; i < snp_plugin_count(); i++)
        if (strcmp(snp_plugin_get(i)->name, name) == 0)
            return i;
    return -1;
}

/* The plugin table's entry of the carried basis, -1 without one. */
static int warm_basis_index(void)
{
    for (int i = 0; i < snp_plugin_count(); i++)
        if (snp_plugin_get(i)->kind == SNP_PLUGIN_WARMSTART)
            return i;
    return -1;
}

/* lp_price.c on P (docs/model.md 11.8) when the model's shape calls for it: 0, with *warm = 1
 * when P has an optimal basis, 0 when it did not run or failed (root_lp then solves the LP as
 * before); GLP_ETMLIM or GLP_ESTOP when the time limit or a signal stopped it. *pr keeps the
 * plugin's data for run's cleanup (a GLPK error longjmps through here). */
static int price_root(const sn_model *m, const sn_params *prm, glp_prob *P, const double *first,
                      search *s, snp_price *volatile *pr, snp_plugin_stats *st, int *warm)
{
    *warm = 0;
    int nc = glp_get_num_cols(P);
    double *lo = snp_calloc((size_t)nc + 1, sizeof *lo),
           *hi = snp_calloc((size_t)nc + 1, sizeof *hi);
    if (lo && hi)
        for (int j = 0; j < nc; j++) {
            int t = glp_get_col_type(P, j + 1);
            lo[j] = t == GLP_FR || t == GLP_UP ? -INFINITY : glp_get_col_lb(P, j + 1);
            hi[j] = t == GLP_FR || t == GLP_LO ? INFINITY : glp_get_col_ub(P, j + 1);
        }
    *pr = lo && hi ? snp_price_create(m, lo, hi, 0) : NULL;
    snp_free(lo);
    snp_free(hi);
    if (!*pr)
        return 0;
    s->in_root_lp = 1;
    double deadline = prm->time_limit_s > 0 ? s->t0 + prm->time_limit_s : INFINITY;
    int rc = snp_price_run(*pr, P, first, deadline, prm->interrupt, st);
    if (rc != 0) {
        snp_price_free(*pr);
        *pr = NULL;
    }
    if (rc == 1) {
        if (prm->interrupt && *prm->interrupt) {
            s->interrupted = 1;
            return GLP_ESTOP;
        }
        s->timed_out = 1;
        return GLP_ETMLIM;
    }
    *warm = rc == 0;
    return 0;
}

/* Seconds a plugin on price's master may take: share of the time left under a time limit, at
 * most max_s. */
static double master_budget(const sn_params *prm, const search *s, double share, double max_s)
{
    if (!(prm->time_limit_s > 0))
        return max_s;
    return fmin(max_s, share * (prm->time_limit_s - (snp_now_s() - s->t0)));
}

/* A heuristic on price's master (snp_price_mip, snp_price_rens): seconds it may take, the
 * network into x and its cost into *obj; 1 with one. */
typedef int (*master_heur_fn)(snp_price *pr, glp_prob *P, double seconds, double *x, double *obj,
                              snp_plugin_stats *st);

/* Runs heuristic fn on price's master for a share of the time left (at most max_s); its
 * network, when cheaper than the one built before the LP, takes that one's place (offered to
 * GLPK at the first node, reported at once) and counts in st. */
static void master_network(plugs *g, const sn_params *prm, glp_prob *P, search *s, snp_price *pr,
                           snp_plugin_stats *st, master_heur_fn fn, double share, double max_s)
{
    double z = NAN;
    if (fn(pr, P, master_budget(prm, s, share, max_s), g->net + 1, &z, st) != 1)
        return;
    if (g->first && !(z < g->first_obj - 1e-9 * fabs(z)))
        return;
    if (!g->first && !(g->first = snp_calloc((size_t)g->n + 1, sizeof *g->first)))
        return;
    memcpy(g->first, g->net, ((size_t)g->n + 1) * sizeof *g->net);
    g->first_obj = z;
    st->found++;
    report_plain(s, 1);
}

/* Branch-and-cut on the master of 11.8 as a heuristic (plugin "pricemip", snp_price_mip),
 * before the search of the whole model: the share of the time left, and seconds without a time
 * limit, it may take. Off by default: measured on the must-serve shape at 120 s (docs/model.md
 * 11.8 step 5, bench/RESULTS.md), it bought ms100x1000 a cheaper network (gap 0.36-0.79 %
 * instead of 1.28 %, neither near the 0.1 % target) and cost msm100x1000 its proof (0.099 % in
 * 89 s without it, 0.115 % at 120 s with it). */
#define PRICE_MIP_SHARE 0.2
#define PRICE_MIP_MAX_S 30.0

int snp_glpk_root_lp(const sn_model *m, int price, double *obj, double *master,
                     snp_plugin_stats *st)
{
    guard g;
    glp_prob *volatile P = NULL;
    snp_price *volatile pr = NULL;
    double *volatile lo = NULL, *volatile hi = NULL;
    if (setjmp(g.env)) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        snp_price_forget_lp(pr);
        snp_price_free(pr);
        snp_free(lo);
        snp_free(hi);
        return -1;
    }
    glp_error_hook(on_glpk_error, &g);
    glp_term_hook(on_glpk_output, NULL);
    int out = -1, nc = (int)m->cols.len;
    P = load(m);
    if (st)
        memset(st, 0, sizeof *st);
    lo = snp_calloc((size_t)nc + 1, sizeof *lo);
    hi = snp_calloc((size_t)nc + 1, sizeof *hi);
    if (P && lo && hi) {
        glp_scale_prob(P, GLP_SF_AUTO);
        for (int j = 0; j < nc; j++) {
            const snp_col *c = snp_model_col(m, j);
            lo[j] = c->kind == SNP_COL_BIN ? fmax(0, c->lb) : c->lb;
            hi[j] = c->kind == SNP_COL_BIN ? fmin(1, c->ub) : c->ub;
        }
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        sp.meth = GLP_DUALP;
        int ready = 1;
        if (price) {
            pr = snp_price_create(m, lo, hi, 1);
            if (!pr) {
                out = 1;
                ready = 0;
            } else if (snp_price_run(pr, P, NULL, INFINITY, NULL, st) == 0) {
                sp.meth = GLP_PRIMAL;
                *master = snp_price_objective(pr);
            } else {
                ready = 0;
            }
        }
        if (ready && glp_simplex(P, &sp) == 0 && glp_get_status(P) == GLP_OPT) {
            *obj = glp_get_obj_val(P);
            out = 0;
        }
    }
    snp_price_free(pr);
    pr = NULL;
    if (P)
        glp_delete_prob(P);
    snp_free(lo);
    snp_free(hi);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    return out;
}

/* A network found under a time limit may pay for more truck trips than its flows need (the
 * search had no reason to lower them yet): sets every trip count to the fewest whole trips
 * that carry the link's flow, which keeps every constraint (trips appear only in 8.5), and
 * returns the annual cost this saves. */
double snp_polish_trips(const sn_model *m, double *x)
{
    double saved = 0;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->col_trips < 0 || !(l->trip_capacity > 0))
            continue;
        const snp_col *c = snp_model_col(m, l->col_trips);
        double flow = 0;
        for (int q = 0; q < l->n_comm; q++)
            flow += fmax(0, x[l->first_flow + q]);
        double need = ceil(flow / l->trip_capacity - 1e-9), have = x[l->col_trips];
        need = fmax(need, c->lb);
        if (need < have - 0.5 && c->obj > 0) {
            saved += c->obj * (have - need);
            x[l->col_trips] = need;
        }
    }
    return saved;
}

int snp_glpk_first(const sn_model *m, const sn_params *prm, sn_solution *sol, double *x,
                   double *obj)
{
    guard g;
    glp_prob *volatile P = NULL;
    plugs *volatile pl = NULL;
    if (setjmp(g.env)) {
        glp_error_hook(NULL, NULL);
        if (pl)
            pl->lp = NULL; /* glp_free_env freed every GLPK object */
        plugs_free(pl);
        return -1;
    }
    glp_error_hook(on_glpk_error, &g);
    glp_term_hook(on_glpk_output, NULL);
    int out = 0;
    P = load(m);
    search s;
    memset(&s, 0, sizeof s);
    s.params = prm;
    s.t0 = s.last_report = snp_now_s();
    s.bound = -INFINITY;
    s.m = m;
    if (P)
        s.plugs = pl = plugs_new(m, prm, sol->plugin_stats);
    if (!P)
        out = -1;
    else if (pl && pl->n_heur > 0) {
        plugs_copy_lp(pl, P);
        heur_first(pl, first_found, &s);
        if (pl->first) {
            memcpy(x, pl->first + 1, (size_t)pl->n * sizeof *x);
            *obj = pl->first_obj;
            out = 1;
        }
    }
    plugs_free(pl);
    pl = NULL;
    if (P)
        glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    return out;
}

/* GLPK's hooks for a search: set to its guard, and cleared, unless the search is nested in
 * another one's callback (snp_search_from.nested), whose hooks then stay in place. */
static void hooks_set(guard *g, int nested)
{
    if (nested)
        return;
    glp_error_hook(on_glpk_error, g);
    glp_term_hook(on_glpk_output, NULL);
}

static void hooks_clear(int nested)
{
    if (nested)
        return;
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
}

/* RENS on the master (11.11, "rens"): the share of the time left, and seconds without a time
 * limit, it may take. */
#define PRICE_RENS_SHARE 0.25
#define PRICE_RENS_MAX_S 30.0

/* Probing on the master (11.12, "probe"): the share of the time left, and seconds without a
 * time limit, it may take. */
#define PRICE_PROBE_SHARE 0.2
#define PRICE_PROBE_MAX_S 20.0

/* After rens (11.11), with the incumbent built before the search as cutoff: the binaries
 * probing fixes are fixed in P for the whole search, and its bound raises the search's. */
static void price_probe(plugs *g, const sn_params *prm, glp_prob *P, search *s, snp_price *pr,
                        snp_plugin_stats *st)
{
    if (!g->first)
        return;
    double budget = master_budget(prm, s, PRICE_PROBE_SHARE, PRICE_PROBE_MAX_S);
    double *fix = snp_calloc((size_t)g->n + 1, sizeof *fix), bound = -INFINITY;
    if (!fix)
        return;
    if (snp_price_probe(pr, P, g->first_obj, budget, fix, &bound, st) > 0)
        for (int j = 0; j < g->n; j++)
            if (!isnan(fix[j]))
                glp_set_col_bnds(P, j + 1, GLP_FX, fix[j], fix[j]);
    snp_free(fix);
    /* a bound of the networks cheaper than the incumbent: with it, of every network */
    bound = fmin(bound, g->first_obj);
    if (bound > s->bound)
        s->bound = bound;
    report_plain(s, 1);
}

/* cover_cuts: 0 turns GLPK's cover cuts off even when prm->cuts asks for cuts (see sn_solve).
 * from: a start network, fixed columns and a node limit (solve_int.h), NULL for none. */
static sn_status run(const sn_model *m, const sn_params *prm, int cover_cuts,
                     const snp_search_from *from, sn_solution *sol, sn_diag *diag)
{
    const double *start = from ? from->start : NULL;
    int nested = from && from->nested;
    double start_obj = from ? from->start_obj : NAN;
    guard g;
    glp_prob *volatile P = NULL;
    plugs *volatile pl = NULL;
    snp_price *volatile pr = NULL;
    snp_lazy *volatile lz = NULL;
    if (setjmp(g.env)) {
        hooks_clear(nested);
        if (pl)
            pl->lp = NULL; /* glp_free_env freed every GLPK object */
        plugs_free(pl);
        snp_price_forget_lp(pr);
        snp_price_free(pr);
        snp_lazy_free(lz);
        snp_diag_add(diag, SN_ESOLVER, NULL, NULL, "GLPK stopped with an internal error");
        return SN_ESOLVER;
    }
    hooks_set(&g, nested);
    P = load(m);
    if (!P) {
        hooks_clear(nested);
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory loading the model");
        return SN_ENOMEM;
    }
    for (int j = 0; from && from->fix && j < (int)m->cols.len; j++)
        if (!isnan(from->fix[j]))
            glp_set_col_bnds(P, j + 1, GLP_FX, from->fix[j], from->fix[j]);
    glp_scale_prob(P, GLP_SF_AUTO);

    search s;
    memset(&s, 0, sizeof s);
    s.params = prm;
    s.t0 = s.last_report = snp_now_s();
    s.bound = -INFINITY;
    s.node_limit = from ? from->node_limit : 0;
    s.start = start;
    s.start_obj = start_obj;
    s.basis = from ? from->basis : NULL;

    /* symnet's own search needs the model's column numbering: GLPK's presolver is then off */
    int own = prm->search && m->kind == SN_MODEL_NETWORK;
    glp_iocp p;
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.br_tech = GLP_BR_DTH;
    p.bt_tech = GLP_BT_BLB;
    /* GLPK's feasibility pump runs at the root while there is no network. With symnet's own
     * search it is off: where the first network (11.2) exists it never runs, and where it
     * does not (FCNetLib: every supply must ship) the pump took 43 s of g40x132's root and
     * found nothing that the LP-rounding heuristic did not (bench/classics/README.md) */
    p.fp_heur = own ? GLP_OFF : GLP_ON;
    if (prm->cuts) {
        p.mir_cuts = GLP_ON;
        p.gmi_cuts = GLP_ON;
        p.cov_cuts = cover_cuts ? GLP_ON : GLP_OFF;
        p.clq_cuts = GLP_ON;
    }
    p.mip_gap = prm->mip_gap;
    if (prm->time_limit_s > 0)
        p.tm_lim =
            prm->time_limit_s * 1000 >= (double)INT_MAX ? INT_MAX : (int)(prm->time_limit_s * 1000);
    p.cb_func = on_node;
    p.cb_info = &s;
    int rc = 0;
    s.m = m;
    s.branch = own;
    if (own && prm->cuts)
        s.iocp = &p;
    if (prm->cuts)
        s.cut_parm = &p;
    /* what this solve leaves for the next one with the same constraints, and what the last
     * one left (11.9); not for the parts of a split model, nor a search started by split.c */
    sn_warm_free(sol->warm);
    sol->warm = NULL;
    if (own && !from) {
        sol->warm = prm->keep_warm ? snp_warm_new(m) : NULL;
        int ib = warm_basis_index();
        if (ib >= 0 && snp_plugin_enabled(m, prm, ib) && m->warm && m->warm->basis &&
            snp_warm_fits(m->warm, m)) {
            s.carry.w = m->warm;
            s.carry.stats = &sol->plugin_stats[ib];
            s.carry.stats->calls = s.carry.stats->found = 0;
            s.carry.stats->seconds = 0;
        }
    }
    if (own) {
        /* the plugins that are on (without memory for them the search goes on without) */
        s.plugs = pl = plugs_new(m, prm, sol->plugin_stats);
        if (pl)
            pl->rec = sol->warm;
        if (pl && pl->n_heur > 0) {
            plugs_copy_lp(pl, P);
            /* the first network is built whatever the time limit (it takes about a second
             * at 3,000 facilities, bench/RESULTS.md): a limit shorter than that still ends
             * with a network; plugs_new leaves the deadline at infinity */
            heur_first(pl, first_found, &s);
            pl->deadline = prm->time_limit_s > 0 ? s.t0 + prm->time_limit_s : INFINITY;
        }
    }
    if (!prm->presolve || own) {
        p.presolve = GLP_OFF;
        double lp_t0 = snp_now_s();
        int warm = 0;
        int ip = price_index();
        if (own && !s.carry.w && ip >= 0 && snp_plugin_enabled(m, prm, ip)) {
            /* the root LP by column generation where the model's shape calls for it (11.8);
             * a neighbour's basis (11.9), where there is one, is the cheaper start */
            rc = price_root(m, prm, P, pl && pl->first ? pl->first : start, &s, &pr,
                            &sol->plugin_stats[ip], &warm);
        }
        if (rc == 0)
            rc = root_lp(P, &s, warm);
        s.root_lp_s = snp_now_s() - lp_t0;
        if (rc == 0 && glp_get_status(P) == GLP_NOFEAS)
            rc = GLP_ENOPFS;
        else if (rc == 0 && glp_get_status(P) == GLP_UNBND)
            rc = GLP_ENODFS;
        else if (rc == 0 && glp_get_status(P) == GLP_OPT)
            s.bound = glp_get_obj_val(P); /* the root LP bounds every network */
        if (rc == 0 && glp_get_status(P) == GLP_OPT && sol->warm)
            record_basis(P, sol->warm);
        if (rc == 0 && pl && pl->lp) {
            copy_basis(pl->lp, P); /* the heuristics warm-start from the root's basis */
            save_basis(pl, P);
        }
        int ir = named_index("rens");
        if (rc == 0 && pr && pl && ir >= 0 && snp_plugin_enabled(m, prm, ir))
            master_network(pl, prm, P, &s, pr, &sol->plugin_stats[ir], snp_price_rens,
                           PRICE_RENS_SHARE, PRICE_RENS_MAX_S);
        int ib = named_index("probe");
        if (rc == 0 && pr && pl && ib >= 0 && snp_plugin_enabled(m, prm, ib))
            price_probe(pl, prm, P, &s, pr, &sol->plugin_stats[ib]);
        int im = named_index("pricemip");
        if (rc == 0 && pr && pl && im >= 0 && snp_plugin_enabled(m, prm, im))
            master_network(pl, prm, P, &s, pr, &sol->plugin_stats[im], snp_price_mip,
                           PRICE_MIP_SHARE, PRICE_MIP_MAX_S);
        snp_price_free(pr);
        pr = NULL;
        int il = named_index("lazy");
        if (rc == 0 && own && glp_get_status(P) == GLP_OPT && il >= 0 &&
            snp_plugin_enabled(m, prm, il) &&
            (lz = snp_lazy_create(m, from && from->lazy_any_size)) != NULL)
            rc = hold_rows(P, &s, lz, &sol->plugin_stats[il]);
        if (rc == 0 && snp_lazy_held(lz) > 0 && pl && pl->lp)
            (void)snp_lazy_strip(lz, pl->lp); /* the heuristics' LP fixes every binary */
        double left = prm->time_limit_s - (snp_now_s() - s.t0);
        if (rc == 0 && prm->time_limit_s > 0)
            p.tm_lim = left * 1000 >= (double)INT_MAX ? INT_MAX
                       : left * 1000 < 1              ? 1
                                                      : (int)(left * 1000);
    }
    if (rc == 0)
        rc = glp_intopt(P, &p);
    sol->time_s = snp_now_s() - s.t0;
    sol->interrupted = s.interrupted;
    sol->node_limited = s.node_limited;
    sol->lp_restarts = s.lp_restarts;
    sol->mip_gap_tolerance = prm->mip_gap;
    int ms = glp_mip_status(P);
    int have = ms == GLP_OPT || ms == GLP_FEAS;
    /* the network built before the LP is reported when GLPK has none as good (e.g. the time
     * limit or a signal stopped the root LP) */
    const double *first = pl && pl->first ? pl->first : start;
    double first_obj = pl && pl->first ? pl->first_obj : start_obj;
    int use_first = first && (!have || first_obj < glp_mip_obj_val(P) - 1e-9 * fabs(first_obj));
    have = have || use_first;
    switch (rc) {
    case 0:
        sol->search_done = ms == GLP_NOFEAS;
        sol->status = ms == GLP_OPT      ? SN_SOL_OPTIMAL
                      : ms == GLP_NOFEAS ? SN_SOL_INFEASIBLE
                      : have             ? SN_SOL_FEASIBLE
                                         : SN_SOL_NO_SOLUTION;
        snprintf(sol->message, sizeof sol->message, "branch-and-cut finished");
        break;
    case GLP_ENOPFS:
        sol->status = SN_SOL_INFEASIBLE;
        snprintf(sol->message, sizeof sol->message, "the LP relaxation has no feasible solution");
        break;
    case GLP_ENODFS:
        sol->status = SN_SOL_UNBOUNDED;
        snprintf(sol->message, sizeof sol->message, "the LP relaxation is unbounded");
        break;
    case GLP_EMIPGAP:
        sol->status = have ? SN_SOL_OPTIMAL : SN_SOL_NO_SOLUTION;
        snprintf(sol->message, sizeof sol->message, "gap tolerance %g reached", prm->mip_gap);
        break;
    case GLP_ETMLIM:
    case GLP_ESTOP:
        sol->status = have ? SN_SOL_FEASIBLE : SN_SOL_NO_SOLUTION;
        sol->hit_time_limit = rc == GLP_ETMLIM || (rc == GLP_ESTOP && s.timed_out);
        snprintf(sol->message, sizeof sol->message, "%s%s",
                 sol->hit_time_limit ? "time limit reached"
                 : s.node_limited    ? "node limit reached"
                                     : "interrupted",
                 s.in_root_lp ? " in the root LP" : "");
        break;
    default:
        plugs_free(pl);
        snp_price_free(pr);
        snp_lazy_free(lz);
        glp_delete_prob(P);
        hooks_clear(nested);
        snp_diag_add(diag, SN_ESOLVER, NULL, NULL, "GLPK failed (glp_intopt returned %d)", rc);
        return SN_ESOLVER;
    }
    int network = have && (sol->status == SN_SOL_OPTIMAL || sol->status == SN_SOL_FEASIBLE);
    if (network) {
        sol->has_x = 1;
        for (int j = 0; j < (int)m->cols.len; j++)
            sol->x[j] = use_first ? first[j + 1] : glp_mip_col_val(P, j + 1);
        sol->objective = (use_first ? first_obj : glp_mip_obj_val(P)) - snp_polish_trips(m, sol->x);
        if (sol->warm && snp_warm_set_x(sol->warm, sol->x) != 0) {
            sn_warm_free(sol->warm); /* no memory: nothing handed on */
            sol->warm = NULL;
        }
        if (sol->status == SN_SOL_OPTIMAL && rc == 0)
            sol->bound = sol->objective;
        else
            sol->bound = s.bound < sol->objective ? s.bound : sol->objective;
        if (isfinite(sol->bound))
            sol->gap = fabs(sol->objective - sol->bound) / (fabs(sol->objective) + 1e-9);
        else
            sol->gap = NAN;
    } else {
        sol->objective = NAN;
        sol->bound = s.bound;
        sol->gap = NAN;
    }
    plugs_free(pl);
    pl = NULL;
    snp_price_free(pr);
    pr = NULL;
    snp_lazy_free(lz);
    lz = NULL;
    glp_delete_prob(P);
    hooks_clear(nested);
    return SN_OK;
}

sn_status snp_glpk_solve(const sn_model *m, const sn_params *p, sn_solution *sol, sn_diag *diag)
{
    return snp_glpk_solve_from(m, p, NULL, sol, diag);
}

sn_status snp_glpk_solve_from(const sn_model *m, const sn_params *p, const snp_search_from *from,
                              sn_solution *sol, sn_diag *diag)
{
    /* GLPK 5.0's cover-cut generator fails (glp_add_cols: ncs = 0) when its presolver fixes
     * every column, e.g. when the budget excludes every binary; its error hook leaves nothing
     * behind, so the solve is run again without cover cuts, in the time that remains. */
    sn_diag first;
    sn_diag_init(&first);
    double t0 = snp_now_s();
    sn_status st = run(m, p, 1, from, sol, p->cuts ? &first : diag);
    if (st == SN_ESOLVER && p->cuts) {
        double spent = snp_now_s() - t0;
        sn_params again = *p;
        if (p->time_limit_s > 0)
            again.time_limit_s = p->time_limit_s - spent > 0.001 ? p->time_limit_s - spent : 0.001;
        st = run(m, &again, 0, from, sol, diag);
        sol->time_s += spent;
    } else if (st != SN_OK && p->cuts) {
        for (int i = 0; i < first.count; i++)
            snp_diag_add(diag, first.errors[i].code, NULL, NULL, "%s", first.errors[i].message);
    }
    return st;
}
