/*
 * result.c - builds the result object (sn_result, result_int.h) once from a solution: the
 * figures (figures.c), each partner's costs (partners.c), which junctions the network uses,
 * the deliveries to every demand by resource and origin, and for the elastic models of
 * docs/model.md 10 the violation of every requirement.
 *
 * Stage: sn_solution -> [result] -> report.
 */
#include "result_int.h"

#include <math.h>
#include <string.h>

static sn_status deliveries(const sn_model *m, const sn_solution *s, sn_result *r)
{
    if (!s->has_x)
        return SN_OK;
    r->deliveries = snp_calloc(m->allocs.len + 1, sizeof *r->deliveries);
    if (!r->deliveries)
        return SN_ENOMEM;
    for (size_t a = 0; a < m->allocs.len; a++) {
        const snp_allocation *al = &SNP_VEC_AT(&m->allocs, snp_allocation, a);
        double v = snp_solution_value(s, al->col);
        if (!(v > 0))
            continue;
        const snp_commodity *cm = &SNP_VEC_AT(&m->comms, snp_commodity, al->commodity);
        r->deliveries[r->n_deliveries++] =
            (snp_delivery){al->facility, al->demand, cm->resource, cm->origin_node, v};
    }
    return SN_OK;
}

static sn_status violations(const sn_model *m, const sn_solution *s, sn_result *r)
{
    if (m->slacks.len == 0)
        return SN_OK;
    r->violations = snp_calloc(m->slacks.len, sizeof *r->violations);
    if (!r->violations)
        return SN_ENOMEM;
    for (size_t k = 0; k < m->slacks.len; k++) {
        const snp_slack *sl = &SNP_VEC_AT(&m->slacks, snp_slack, k);
        double v = s->has_x ? snp_solution_value(s, sl->col) : 0;
        r->violations[r->n_violations++] = (snp_violation){sl->kind, sl->a, sl->b, v};
    }
    return SN_OK;
}

double snp_result_violation(const sn_result *r, snp_slack_kind kind, int a, int b)
{
    for (int k = 0; r && k < r->n_violations; k++) {
        const snp_violation *v = &r->violations[k];
        if (v->kind == kind && v->a == a && v->b == b)
            return v->amount;
    }
    return 0;
}

sn_status sn_result_build(const sn_instance *in, const sn_model *m, const sn_solution *s,
                          sn_result **out, sn_diag *diag)
{
    *out = NULL;
    sn_result *r = snp_calloc(1, sizeof *r);
    if (!r) {
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory for the result");
        return SN_ENOMEM;
    }
    r->in = in;
    r->m = m;
    r->s = s;
    r->optimum = NAN;
    snp_arena_init(&r->ids);
    r->negotiated = m->fair_share_col != NULL;
    sn_status st = snp_figures_compute(in, m, s, &r->g, diag);
    if (st == SN_OK)
        snp_headline_compute(in, &r->g, &r->h);
    if (st == SN_OK)
        st = snp_partners_compute(in, m, s, &r->g, &r->p);
    if (st == SN_OK)
        st = snp_period_figures_compute(in, m, s, &r->g, &r->pf);
    if (st == SN_OK) {
        r->junction_used = snp_calloc((size_t)in->n_junctions + 1, sizeof(int));
        st = r->junction_used ? SN_OK : SN_ENOMEM;
    }
    if (st == SN_OK)
        st = deliveries(m, s, r);
    if (st == SN_OK)
        st = violations(m, s, r);
    if (st == SN_OK)
        st = snp_result_link_ids(r);
    if (st == SN_OK)
        st = snp_split_use(r, diag);
    if (st != SN_OK) {
        if (st == SN_ENOMEM)
            snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory for the result");
        sn_result_free(r);
        return st;
    }
    for (int i = 0; i < r->g.n_links; i++) {
        const snp_link *l = snp_model_link(m, r->g.links[i].link);
        int j;
        if (snp_node_kind_of(in, l->tail, &j) == SNP_NODE_JUNCTION)
            r->junction_used[j] = 1;
        if (snp_node_kind_of(in, l->head, &j) == SNP_NODE_JUNCTION)
            r->junction_used[j] = 1;
    }
    *out = r;
    return SN_OK;
}

void sn_result_free(sn_result *r)
{
    if (!r)
        return;
    snp_figures_free(&r->g);
    snp_period_figures_free(&r->pf);
    snp_free(r->p);
    snp_split_free(&r->split);
    snp_free(r->junction_used);
    snp_free(r->deliveries);
    snp_free(r->violations);
    snp_arena_free(&r->ids);
    sn_result_free(r->explain[0]);
    sn_result_free(r->explain[1]);
    sn_result_free(r->least_co2);
    sn_solution_free(r->own_s);
    sn_model_free(r->own_m);
    snp_free(r);
}

sn_status sn_solution_check(const sn_instance *in, const sn_model *m, const sn_solution *s,
                            sn_diag *diag)
{
    snp_figures g;
    sn_status st = snp_figures_compute(in, m, s, &g, diag);
    snp_figures_free(&g);
    return st;
}

const sn_instance *sn_result_instance(const sn_result *r)
{
    return r->in;
}

const sn_solution *sn_result_solution(const sn_result *r)
{
    return r->s;
}

const sn_model *sn_result_model(const sn_result *r)
{
    return r->m;
}

const sn_result *sn_result_explanation(const sn_result *r, int uncapped)
{
    return r->explain[uncapped ? 1 : 0];
}

void sn_result_set_optimum(sn_result *r, double optimum, int proven, const char *from)
{
    if (!r)
        return;
    r->optimum = optimum;
    r->optimum_proven = proven;
    snprintf(r->optimum_from, sizeof r->optimum_from, "%s", from ? from : "solved");
}

sn_status sn_result_set_discount_rates(sn_result *r, const double *rates, int n)
{
    if (!r || n < 0 || n > SNP_RATES_MAX || (n > 0 && !rates))
        return SN_EUSAGE;
    for (int i = 0; i < n; i++)
        if (!(rates[i] >= 0 && rates[i] < 1))
            return SN_EUSAGE;
    r->h.n_rates = 1 + n;
    for (int i = 0; i < n; i++)
        r->h.rates[1 + i] = (snp_money_rate){rates[i], 0, NAN, NAN};
    snp_headline_money(&r->h);
    return SN_OK;
}

double sn_result_objective(const sn_result *r)
{
    return r && r->g.has_network ? r->g.cost.total : NAN;
}
