/*
 * certify.c - an infeasible verdict is never taken from one simplex run (docs/model.md 10.1).
 *
 * Stage: sn_model -> [solve] -> sn_solution. When sn_solve's search ends without a network and
 * GLPK says there is none, this file settles the verdict:
 *   1. Certificate. The flow relaxation of the region (src/model/relax.c) is solved in phase 1
 *      with every row elastic. When its least violation is positive, the rows' duals are a
 *      Farkas certificate: multipliers y such that, over the columns' (finite) bounds, the
 *      combination sum_i y_i row_i cannot reach what the rows' bounds demand of it. The margin
 *      is recomputed here in compensated arithmetic and must exceed SNP_CERT_REL of its scale;
 *      the independent checker recomputes it once more from the region alone.
 *   2. Otherwise the elastic model (section 10: every requirement may be violated at a price)
 *      is solved: when its best bound is positive, every network violates something, which
 *      confirms the search (the proof is then "search"). When it finds a network that violates
 *      nothing, or cannot tell, the evidence conflicts: the status becomes NO_SOLUTION with a
 *      warning, never INFEASIBLE.
 */
#include "solve_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Below this weighted violation (a sum of shortfalls each divided by its requirement) the
 * elastic model is taken to meet every requirement. */
#define ELASTIC_TOL 1e-7

/* Multipliers smaller than this fraction of the largest are GLPK's noise: dropped, and the
 * certificate is checked without them. */
#define CERT_DROP 1e-9

/* With network routing (docs/model.md 2.4) R's pipes are the trenches between the ways'
 * vertices, while the independent checker, which does not rebuild the way graph, keeps a pipe
 * on the straight line between any two nodes a route may join (docs/model.md 10.1). A
 * certificate of R is then not one the checker can confirm: a path of trenches costs, emits
 * and loses more than the line between its ends, and a cut of R through the middle of a path
 * (each trench carries at most the region's total) is crossed by many more of the checker's
 * pipes. So there the search proves the verdict. */
static int checkable(const snp_relax *R)
{
    const sn_instance *in = R->m->inst;
    return !in->routing_network || in->n_trenches == 0;
}

static int certificate(const snp_relax *R, double *y, sn_solution *sol)
{
    int nr = (int)R->m->rows.len;
    double ymax = 0;
    for (int i = 0; i < nr; i++)
        ymax = fmax(ymax, fabs(y[i]));
    if (!(ymax > 0))
        return 0;
    int n = 0;
    for (int i = 0; i < nr; i++) {
        if (fabs(y[i]) < CERT_DROP * ymax)
            y[i] = 0;
        n += y[i] != 0;
    }
    double scale, margin = snp_relax_margin(R, y, &scale);
    if (isnan(margin))
        return -1;                                /* out of memory */
    if (!(margin > SNP_CERT_REL * (scale + 1))) { /* GLPK's sign convention, either way */
        for (int i = 0; i < nr; i++)
            y[i] = -y[i];
        margin = snp_relax_margin(R, y, &scale);
        if (isnan(margin))
            return -1;
    }
    if (!(margin > SNP_CERT_REL * (scale + 1)) || !checkable(R))
        return 0;
    sol->cert = snp_calloc((size_t)n + 1, sizeof *sol->cert);
    if (!sol->cert)
        return -1;
    sol->n_cert = 0;
    for (int i = 0; i < nr; i++) {
        if (y[i] == 0)
            continue;
        const snp_relax_row *rr = &SNP_VEC_AT(&R->rows, snp_relax_row, i);
        sol->cert[sol->n_cert++] = (snp_cert_row){rr->kind, rr->node, rr->resource, y[i]};
    }
    sol->cert_margin = margin;
    sol->cert_scale = scale;
    sol->proof = SNP_PROOF_CERTIFICATE;
    return 1;
}

/* The elastic model's best bound on the total weighted violation: > ELASTIC_TOL confirms the
 * verdict; *met is set when it found a network that violates nothing. The elastic model and
 * its solution are handed to sol (elastic_m, elastic_s). */
static sn_status elastic_bound(const sn_model *m, const sn_params *p, double spent_s,
                               sn_solution *sol, double *bound, int *met)
{
    *bound = NAN;
    *met = 0;
    sn_diag d;
    sn_diag_init(&d);
    sn_model *el = NULL;
    sn_status st = sn_model_build(m->inst, SN_MODEL_ELASTIC, &el, &d);
    if (st != SN_OK)
        return st == SN_ENOMEM ? SN_ENOMEM : SN_OK;
    sn_params q = *p;
    q.progress = NULL;
    if (p->time_limit_s > 0)
        q.time_limit_s = fmax(0.001, p->time_limit_s - spent_s);
    /* the elastic model is never infeasible: its search needs no settling (snp_glpk_solve,
     * not sn_solve, so that this file does not call back into its caller) */
    sn_solution *s = el->cols.len > 0 ? snp_solution_new(el) : NULL;
    st = el->cols.len == 0 ? SN_EINTERNAL : s ? snp_glpk_solve(el, &q, s, &d) : SN_ENOMEM;
    if (st == SN_OK) {
        if (s->status == SN_SOL_OPTIMAL)
            *bound = s->objective;
        else if (s->status == SN_SOL_FEASIBLE)
            *bound = s->bound;
        if (s->has_x && s->objective <= ELASTIC_TOL)
            *met = 1;
    }
    if (st == SN_OK) {
        /* kept for the explanation (sn_run), so the elastic model is not solved twice */
        sol->elastic_m = el;
        sol->elastic_s = s;
        return SN_OK;
    }
    sn_solution_free(s);
    sn_model_free(el);
    return st == SN_ENOMEM ? SN_ENOMEM : SN_OK;
}

sn_status snp_certify(const sn_model *m, const sn_params *p, int search_done, double spent_s,
                      sn_solution *sol)
{
    sn_diag d;
    sn_diag_init(&d);
    snp_relax *R = NULL;
    sn_status st = snp_relax_build(m->inst, &R, &d);
    if (st != SN_OK)
        return st;
    int nr = (int)R->m->rows.len;
    double *y = snp_calloc((size_t)nr + 1, sizeof *y);
    if (!y) {
        snp_relax_free(R);
        return SN_ENOMEM;
    }
    double viol = 0;
    int rc = snp_glpk_phase1(R->m, y, &viol);
    int got = rc == 1 ? certificate(R, y, sol) : 0;
    snp_free(y);
    snp_relax_free(R);
    if (got < 0)
        return SN_ENOMEM;
    if (got > 0)
        return SN_OK;

    /* no certificate: the elastic model must confirm */
    double bound;
    int met;
    st = elastic_bound(m, p, spent_s, sol, &bound, &met);
    if (st != SN_OK)
        return st;
    if (!met && bound > ELASTIC_TOL) {
        sol->proof = SNP_PROOF_SEARCH;
        sol->elastic_violation = bound;
        return SN_OK;
    }
    /* no verdict: nothing will be explained */
    sn_solution_free(sol->elastic_s);
    sn_model_free(sol->elastic_m);
    sol->elastic_s = NULL;
    sol->elastic_m = NULL;
    sol->status = SN_SOL_NO_SOLUTION;
    sol->proof = SNP_PROOF_NONE;
    snprintf(sol->message, sizeof sol->message, "infeasibility claimed but not confirmed");
    if (m->fair && met && search_done) {
        /* the elastic model has no fairness rows: a network that meets every requirement is
         * no contradiction, only the fairness rows are unmet */
        snprintf(sol->warning, sizeof sol->warning,
                 "no network was found in which every partner pays at most its business-as-usual "
                 "cost (the search completed); without --fair the region has networks");
        snprintf(sol->message, sizeof sol->message, "no fair network found");
        return SN_OK;
    }
    snprintf(sol->warning, sizeof sol->warning,
             "the solver met numerical trouble: %s, but %s; no verdict is given "
             "(docs/outputs.md, \"What infeasible guarantees\")",
             search_done ? "its search found no network"
                         : "its LP relaxation was found to have no solution twice",
             met ? "the elastic model found a network that meets every requirement"
                 : "no certificate could be verified and the elastic model could not confirm a "
                   "shortfall");
    return SN_OK;
}
