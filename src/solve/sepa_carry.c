/*
 * sepa_carry.c - the separator "carrycuts": the cuts a neighbouring solve's separators found,
 * offered again (issue 17, docs/model.md 11.9). Stage: a plugin of the branch-and-cut in
 * glpk.c, at each GLP_ICUTGEN callback like the other separators.
 *
 * The inequalities: every cut sum_k a_k x_k >= b that dicut, flowcover or hubcap handed to the
 * search of a model with the same constraints (warm.c: same fingerprint of the matrix, row and
 * column bounds and column kinds). Proof of validity: each of those separators derives its cut
 * from the rows, the column bounds and the integrality of the model alone (11.3, 11.4), never
 * from the objective nor from a node's branching bounds, so the cut holds at every point of
 * the model's feasible set; two models with the same constraints have the same feasible set,
 * so it holds for this model too, whatever its objective. Procedure: at each call, every
 * carried cut not handed yet that the LP point violates by more than 1e-6 (1 + |b|) goes to
 * the sink, once, the CARRY_PER_CALL most violated per call: GLPK keeps a cut added at a node in
 * that node's subtree, and a cut added at the root in the whole tree. Cost: O(carried nonzeros + c
 * log c) per call for c violated.
 */
#include "solve_int.h"

#include <math.h>
#include <stdlib.h>

/* Carried cuts handed per call at most, the most violated first (relative to the norm of their
 * coefficients): all of them at once made the LP of a case three times as large as the cuts
 * it needed (bench/RESULTS.md, sweep section). */
#define CARRY_PER_CALL 50

typedef struct carry {
    const sn_warm *w;
    char *given;    /* per carried cut: 1 once handed to the sink */
    snp_rank *rank; /* the violated ones of a call */
} carry;

void *snp_sepa_carry_create(const sn_model *m)
{
    if (!m->warm || m->warm->cuts.len == 0 || !snp_warm_fits(m->warm, m))
        return NULL;
    carry *c = snp_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->w = m->warm;
    c->given = snp_calloc(c->w->cuts.len, 1);
    c->rank = snp_calloc(c->w->cuts.len, sizeof *c->rank);
    if (!c->given || !c->rank) {
        snp_sepa_carry_free(c);
        return NULL;
    }
    return c;
}

int snp_sepa_carry_run(void *data, snp_plugin_env *env)
{
    carry *c = data;
    const sn_warm *w = c->w;
    int n_viol = 0;
    for (size_t i = 0; i < w->cuts.len; i++) {
        const snp_warm_cut *cut = &SNP_VEC_AT(&w->cuts, snp_warm_cut, i);
        if (c->given[i])
            continue;
        const int *col = &SNP_VEC_AT(&w->col, int, cut->start);
        const double *coef = &SNP_VEC_AT(&w->coef, double, cut->start);
        double act = 0, norm = 0;
        for (int k = 0; k < cut->len; k++) {
            act += coef[k] * env->x[col[k]];
            norm += coef[k] * coef[k];
        }
        if (act < cut->lb - 1e-6 * (1 + fabs(cut->lb)) && norm > 0)
            c->rank[n_viol++] = (snp_rank){(int)i, (cut->lb - act) / sqrt(norm), 0};
    }
    qsort(c->rank, (size_t)n_viol, sizeof *c->rank, snp_rank_cmp);
    int n = n_viol < CARRY_PER_CALL ? n_viol : CARRY_PER_CALL;
    for (int r = 0; r < n; r++) {
        size_t i = (size_t)c->rank[r].item;
        const snp_warm_cut *cut = &SNP_VEC_AT(&w->cuts, snp_warm_cut, i);
        if (env->cut(env->cut_ctx, cut->len, &SNP_VEC_AT(&w->col, int, cut->start),
                     &SNP_VEC_AT(&w->coef, double, cut->start), cut->lb) != 0)
            return -1;
        c->given[i] = 1;
    }
    return n;
}

void snp_sepa_carry_free(void *data)
{
    carry *c = data;
    if (!c)
        return;
    snp_free(c->given);
    snp_free(c->rank);
    snp_free(c);
}
