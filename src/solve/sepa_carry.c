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
 * the sink, once: GLPK keeps a cut added at a node in that node's subtree, and a cut added at
 * the root in the whole tree. Cost: O(carried nonzeros) per call.
 */
#include "solve_int.h"

#include <math.h>

typedef struct carry {
    const sn_warm *w;
    char *given; /* per carried cut: 1 once handed to the sink */
} carry;

void *snp_sepa_carry_create(const sn_model *m)
{
    if (!m->warm || m->warm->cuts.len == 0 || !snp_warm_fits(m->warm, m))
        return NULL;
    carry *c = snp_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->w = m->warm;
    if (!(c->given = snp_calloc(c->w->cuts.len, 1))) {
        snp_free(c);
        return NULL;
    }
    return c;
}

int snp_sepa_carry_run(void *data, snp_plugin_env *env)
{
    carry *c = data;
    const sn_warm *w = c->w;
    int n = 0;
    for (size_t i = 0; i < w->cuts.len; i++) {
        const snp_warm_cut *cut = &SNP_VEC_AT(&w->cuts, snp_warm_cut, i);
        if (c->given[i])
            continue;
        const int *col = &SNP_VEC_AT(&w->col, int, cut->start);
        const double *coef = &SNP_VEC_AT(&w->coef, double, cut->start);
        double act = 0;
        for (int k = 0; k < cut->len; k++)
            act += coef[k] * env->x[col[k]];
        if (!(act < cut->lb - 1e-6 * (1 + fabs(cut->lb))))
            continue;
        if (env->cut(env->cut_ctx, cut->len, col, coef, cut->lb) != 0)
            return -1;
        c->given[i] = 1;
        n++;
    }
    return n;
}

void snp_sepa_carry_free(void *data)
{
    carry *c = data;
    if (!c)
        return;
    snp_free(c->given);
    snp_free(c);
}
