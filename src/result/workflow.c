/*
 * workflow.c - sn_run, the one workflow every command runs: a region and parameters in, a
 * result out. It builds the model (SN_MODEL_FAIR under p->fair), hands it to p->on_model,
 * solves it (under --fair the unconstrained model first, to state what fairness costs),
 * builds the result, which self-checks the network's cost, and for an infeasible verdict
 * solves the elastic models that explain it (docs/model.md 10). Commands that ask many
 * questions (evaluate, sweep, ...) call it again with a changed region or parameters.
 *
 * Stage: sn_instance -> model -> solve -> [result]. Nothing here prints.
 */
#include "result_int.h"

#include <math.h>

/* --fair: the optimum without the fairness rows (NAN when it has no network in the limits). */
static sn_status reference_objective(const sn_instance *in, const sn_params *p, double *obj,
                                     sn_diag *diag)
{
    *obj = NAN;
    sn_model *m = NULL;
    sn_solution *s = NULL;
    sn_params q = *p;
    q.progress = NULL;
    /* the region's warnings were given by the fair model's build: only errors are kept */
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_model_build(in, SN_MODEL_NETWORK, &m, &d);
    if (st == SN_OK)
        st = sn_solve(m, &q, &s, &d);
    for (int i = 0; i < d.count; i++)
        snp_diag_add(diag, d.errors[i].code, d.errors[i].file, d.errors[i].path, "%s",
                     d.errors[i].message);
    if (st == SN_OK && (s->status == SN_SOL_OPTIMAL || s->status == SN_SOL_FEASIBLE))
        *obj = s->objective;
    sn_solution_free(s);
    sn_model_free(m);
    return st;
}

/* One elastic model (kind) as an owned result: m and s when given (the solve that settled the
 * verdict already solved it, certify.c), else solved here; NULL when it could not be. */
static sn_result *elastic(const sn_instance *in, sn_model_kind kind, const sn_params *p,
                          sn_model *m, sn_solution *s)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_result *r = NULL;
    if ((m || sn_model_build(in, kind, &m, &d) == SN_OK) &&
        (s || sn_solve(m, p, &s, &d) == SN_OK) && sn_result_build(in, m, s, &r, &d) == SN_OK) {
        r->own_m = m;
        r->own_s = s;
        return r;
    }
    sn_solution_free(s);
    sn_model_free(m);
    return NULL;
}

/* Under an emission cap: the network that meets every requirement the uncapped elastic
 * network un meets, with the least emissions (docs/model.md 10.2), owned by the result; NULL
 * when it could not be found. */
static sn_result *least_co2(const sn_instance *in, const sn_params *p, const sn_result *un)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_model *m = NULL;
    sn_solution *s = NULL;
    sn_result *r = NULL;
    if (sn_model_build(in, SN_MODEL_ELASTIC_UNCAPPED, &m, &d) == SN_OK) {
        snp_model_least_co2(m, un->s->x);
        if (sn_solve(m, p, &s, &d) == SN_OK && s->has_x &&
            sn_result_build(in, m, s, &r, &d) == SN_OK) {
            r->own_m = m;
            r->own_s = s;
            return r;
        }
    }
    sn_solution_free(s);
    sn_model_free(m);
    return NULL;
}

/* The elastic models share what the solve left of the time limit (at least a second each),
 * without progress reports. */
static void explain(sn_result *r, const sn_params *p)
{
    sn_params q = *p;
    q.progress = NULL;
    if (q.time_limit_s > 0)
        q.time_limit_s = fmax(1.0, (q.time_limit_s - r->s->time_s) / 2);
    sn_solution *s = r->own_s;
    r->explain[0] = elastic(r->in, SN_MODEL_ELASTIC, &q, s->elastic_m, s->elastic_s);
    s->elastic_m = NULL; /* handed to (or freed with) the explanation */
    s->elastic_s = NULL;
    if (r->explain[0])
        r->explain[1] = elastic(r->in, SN_MODEL_ELASTIC_UNCAPPED, &q, NULL, NULL);
    if (r->explain[1] && r->in->has_co2_cap && r->explain[1]->s->has_x)
        r->explain[1]->least_co2 = least_co2(r->in, &q, r->explain[1]);
}

sn_status sn_run(const sn_instance *in, const sn_params *p, sn_result **out, sn_diag *diag)
{
    *out = NULL;
    sn_status st = sn_params_validate(p, diag);
    if (st != SN_OK)
        return st;
    sn_model *m = NULL;
    st = snp_model_build_keep(in, p->fair ? SN_MODEL_FAIR : SN_MODEL_NETWORK, p->keep_links, &m,
                              diag);
    if (st != SN_OK)
        return st;
    m->start = p->start;
    m->n_start = p->n_start;
    m->warm = p->warm;
    if (p->on_model)
        p->on_model(m, p->progress_ctx);
    double reference = NAN;
    if (p->fair)
        st = reference_objective(in, p, &reference, diag);
    sn_solution *s = NULL;
    if (st == SN_OK)
        st = sn_solve(m, p, &s, diag);
    if (st == SN_OK && isfinite(reference))
        sn_solution_set_unconstrained(s, reference);
    sn_result *r = NULL;
    if (st == SN_OK)
        st = sn_result_build(in, m, s, &r, diag);
    if (st != SN_OK) {
        sn_solution_free(s);
        sn_model_free(m);
        return st;
    }
    r->own_m = m;
    r->own_s = s;
    if (s->status == SN_SOL_INFEASIBLE)
        explain(r, p);
    *out = r;
    return SN_OK;
}
