/*
 * solve.c - sn_solve, the solve stage's entry point: a model in, a solution out, with every
 * infeasible verdict settled (certify.c) before it is returned.
 *
 * Stage: sn_model -> [solve] -> sn_solution. The search itself is glpk.c's; this file handles
 * what needs no solver (a model without columns) and the order of the steps (independent parts
 * solved apart when the model splits, split.c), so that no
 * file of the stage calls back into the one that called it.
 */
#include "solve_int.h"

#include <math.h>
#include <stdio.h>

/* Nothing can be exchanged: the empty network is the only one, and it is feasible only when
 * every row admits 0 (a must-take supply with no receiver does not). */
static void solve_empty(const sn_model *m, sn_solution *sol)
{
    int feasible = 1;
    for (size_t i = 0; i < m->rows.len; i++) {
        const snp_row *r = snp_model_row(m, (int)i);
        if (r->lb > 0 || r->ub < 0)
            feasible = 0;
    }
    if (feasible) {
        sol->status = SN_SOL_OPTIMAL;
        sol->has_x = 1;
        sol->objective = sol->bound = sol->gap = 0;
    } else {
        sol->status = SN_SOL_INFEASIBLE;
        sol->search_done = 1;
    }
    snprintf(sol->message, sizeof sol->message, "the model has no variables");
}

sn_status sn_solve(const sn_model *m, const sn_params *p, sn_solution **out, sn_diag *diag)
{
    *out = NULL;
    sn_status st = sn_params_validate(p, diag);
    if (st != SN_OK)
        return st;
    sn_solution *sol = snp_solution_new(m);
    if (!sol) {
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory for the solution");
        return SN_ENOMEM;
    }
    for (int i = 0; i < sol->n_plugins; i++)
        sol->plugin_stats[i].enabled = snp_plugin_enabled(m, p, i);
    double t0 = snp_now_s();
    int split = 0;
    if (m->cols.len == 0)
        solve_empty(m, sol);
    else if ((st = snp_split_solve(m, p, sol, &split, diag)) == SN_OK && !split)
        st = snp_glpk_solve(m, p, sol, diag);
    /* an infeasible verdict needs a proof (certify.c, docs/model.md 10.1) */
    if (st == SN_OK && sol->status == SN_SOL_INFEASIBLE && m->kind == SN_MODEL_NETWORK) {
        st = snp_certify(m, p, sol->search_done, snp_now_s() - t0, sol);
        sol->time_s = snp_now_s() - t0;
    }
    if (st != SN_OK) {
        sn_solution_free(sol);
        return st;
    }
    *out = sol;
    return SN_OK;
}
