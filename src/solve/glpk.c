/*
 * glpk.c - the only file that includes <glpk.h>: loads an sn_model into GLPK (the +1 index
 * shift happens here and nowhere else), runs branch-and-cut with progress reports, time and
 * gap limits and interruption, and maps GLPK's return code and MIP status to an honest
 * solution status. GLPK's fatal errors are caught with its error hook instead of aborting.
 */
#include "solve_int.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

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
            int type;
            if (isinf(c->ub))
                type = GLP_LO;
            else
                type = c->lb == c->ub ? GLP_FX : GLP_DB;
            glp_set_col_bnds(P, j + 1, type, c->lb, isinf(c->ub) ? 0 : c->ub);
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
        size_t end = i + 1 < nr ? snp_model_row(m, i + 1)->start : nz;
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

typedef struct search {
    const sn_params *params;
    double t0, last_report;
    double bound; /* best bound seen in the tree */
    int interrupted;
} search;

static void report(search *s, glp_tree *T, int force)
{
    double t = now_s();
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
    int a_cnt, n_cnt, t_cnt;
    glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
    p.nodes_open = a_cnt;
    p.nodes_done = t_cnt - a_cnt;
    s->params->progress(&p, s->params->progress_ctx);
}

static void on_node(glp_tree *T, void *info)
{
    search *s = info;
    int best = glp_ios_best_node(T);
    if (best > 0) {
        double b = glp_ios_node_bound(T, best);
        if (isfinite(b))
            s->bound = b;
    }
    report(s, T, glp_ios_reason(T) == GLP_IBINGO);
    if (s->params->interrupt && *s->params->interrupt) {
        s->interrupted = 1;
        glp_ios_terminate(T);
    }
}

static sn_status run(const sn_model *m, const sn_params *prm, sn_solution *sol, sn_diag *diag)
{
    guard g;
    glp_prob *volatile P = NULL;
    if (setjmp(g.env)) {
        glp_error_hook(NULL, NULL);
        snp_diag_add(diag, SN_ESOLVER, NULL, NULL, "GLPK stopped with an internal error");
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
    glp_scale_prob(P, GLP_SF_AUTO);

    search s;
    memset(&s, 0, sizeof s);
    s.params = prm;
    s.t0 = s.last_report = now_s();
    s.bound = -INFINITY;

    glp_iocp p;
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.br_tech = GLP_BR_DTH;
    p.bt_tech = GLP_BT_BLB;
    p.fp_heur = GLP_ON;
    if (prm->cuts) {
        p.mir_cuts = GLP_ON;
        p.gmi_cuts = GLP_ON;
        p.cov_cuts = GLP_ON;
        p.clq_cuts = GLP_ON;
    }
    p.mip_gap = prm->mip_gap;
    if (prm->time_limit_s > 0)
        p.tm_lim =
            prm->time_limit_s * 1000 >= (double)INT_MAX ? INT_MAX : (int)(prm->time_limit_s * 1000);
    p.cb_func = on_node;
    p.cb_info = &s;
    int rc = 0;
    if (!prm->presolve) {
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        p.presolve = GLP_OFF;
        rc = glp_simplex(P, &sp);
        if (rc == 0 && glp_get_status(P) == GLP_NOFEAS)
            rc = GLP_ENOPFS;
        else if (rc == 0 && glp_get_status(P) == GLP_UNBND)
            rc = GLP_ENODFS;
    }
    if (rc == 0)
        rc = glp_intopt(P, &p);
    sol->time_s = now_s() - s.t0;
    sol->interrupted = s.interrupted;
    sol->mip_gap_tolerance = prm->mip_gap;
    int ms = glp_mip_status(P);
    int have = ms == GLP_OPT || ms == GLP_FEAS;
    switch (rc) {
    case 0:
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
        sol->hit_time_limit = rc == GLP_ETMLIM;
        snprintf(sol->message, sizeof sol->message, "%s",
                 rc == GLP_ETMLIM ? "time limit reached" : "interrupted");
        break;
    default:
        glp_delete_prob(P);
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        snp_diag_add(diag, SN_ESOLVER, NULL, NULL, "GLPK failed (glp_intopt returned %d)", rc);
        return SN_ESOLVER;
    }
    if (have && (sol->status == SN_SOL_OPTIMAL || sol->status == SN_SOL_FEASIBLE)) {
        sol->has_x = 1;
        for (int j = 0; j < (int)m->cols.len; j++)
            sol->x[j] = glp_mip_col_val(P, j + 1);
        sol->objective = glp_mip_obj_val(P);
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
    glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    return SN_OK;
}

sn_status sn_solve(const sn_model *m, const sn_params *p, sn_solution **out, sn_diag *diag)
{
    *out = NULL;
    sn_status st = sn_params_validate(p, diag);
    if (st != SN_OK)
        return st;
    sn_solution *sol = snp_calloc(1, sizeof *sol);
    if (!sol || !(sol->x = snp_calloc(m->cols.len + 1, sizeof(double)))) {
        snp_free(sol);
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory for the solution");
        return SN_ENOMEM;
    }
    sol->model = m;
    sol->bound = -INFINITY;
    sol->objective = sol->gap = NAN;
    if (m->cols.len == 0) {
        /* nothing can be exchanged: the empty network is the only one */
        sol->status = SN_SOL_OPTIMAL;
        sol->has_x = 1;
        sol->objective = sol->bound = sol->gap = 0;
        *out = sol;
        return SN_OK;
    }
    st = run(m, p, sol, diag);
    if (st != SN_OK) {
        sn_solution_free(sol);
        return st;
    }
    *out = sol;
    return SN_OK;
}
