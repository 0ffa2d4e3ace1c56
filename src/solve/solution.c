/*
 * solution.c - accessors of sn_solution and solver parameters (one table of name, range and
 * default, after HiGHS' option records).
 */
#include "solve_int.h"

#include <math.h>
#include <stddef.h>
#include <time.h>

typedef struct param_record {
    const char *name;
    size_t offset;
    double min, def, max;
    const char *what;
} param_record;

static const param_record params_table[] = {
    {"time_limit_s", offsetof(sn_params, time_limit_s), 0, 0, 1e7,
     "wall time for the solve in seconds; 0 = no limit"},
    {"mip_gap", offsetof(sn_params, mip_gap), 0, 0, 1, "relative gap at which the search stops"},
    {"progress_every_s", offsetof(sn_params, progress_every_s), 0, 1, 1e6,
     "seconds between progress reports"},
};

void sn_params_init(sn_params *p)
{
    for (size_t i = 0; i < sizeof params_table / sizeof params_table[0]; i++)
        *(double *)(void *)((char *)p + params_table[i].offset) = params_table[i].def;
    p->progress = NULL;
    p->progress_ctx = NULL;
    p->presolve = 1;
    p->cuts = 1;
    p->search = 1;
    p->interrupt = NULL;
    p->fair = 0;
    p->on_model = NULL;
    p->start = NULL;
    p->n_start = 0;
    p->warm = NULL;
    p->keep_links = 0;
    p->keep_warm = 0;
    p->disabled_plugins = 0;
    for (int i = 0; i < snp_plugin_count(); i++)
        if (!snp_plugin_get(i)->default_on)
            p->disabled_plugins |= 1u << i;
}

sn_status sn_params_validate(const sn_params *p, sn_diag *diag)
{
    sn_status st = SN_OK;
    for (size_t i = 0; i < sizeof params_table / sizeof params_table[0]; i++) {
        const param_record *r = &params_table[i];
        double v = *(const double *)(const void *)((const char *)p + r->offset);
        if (!(v >= r->min && v <= r->max)) {
            snp_diag_add(diag, SN_EUSAGE, NULL, r->name,
                         "expected a number in [%g, %g] (%s), got %g", r->min, r->max, r->what, v);
            st = SN_EUSAGE;
        }
    }
    if (p->disabled_plugins >> snp_plugin_count() != 0) {
        snp_diag_add(diag, SN_EUSAGE, NULL, "disabled_plugins",
                     "expected bits for the %d plugins only, got %#x", snp_plugin_count(),
                     p->disabled_plugins);
        st = SN_EUSAGE;
    }
    if (p->n_start < 0 || (p->n_start > 0 && !p->start)) {
        snp_diag_add(diag, SN_EUSAGE, NULL, "start", "expected %d names, got none", p->n_start);
        st = SN_EUSAGE;
    }
    return st;
}

const char *sn_solution_status_name(sn_solution_status s)
{
    switch (s) {
    case SN_SOL_OPTIMAL:
        return "optimal";
    case SN_SOL_FEASIBLE:
        return "feasible";
    case SN_SOL_INFEASIBLE:
        return "infeasible";
    case SN_SOL_UNBOUNDED:
        return "unbounded";
    case SN_SOL_NO_SOLUTION:
        return "no_solution";
    }
    return "unknown";
}

double snp_solution_value(const sn_solution *s, int j)
{
    if (!s->has_x || j < 0) /* j < 0: the model has no such column (no disposal, no purchase) */
        return 0;
    double v = s->x[j];
    const snp_col *c = snp_model_col(s->model, j);
    if (c->kind != SNP_COL_CONT)
        return round(v);
    double scale = fabs(c->ub) < INFINITY && c->ub > 1 ? c->ub : 1;
    if (fabs(v) <= 1e-9 * scale)
        return 0;
    return v;
}

sn_solution_status sn_solution_status_get(const sn_solution *s)
{
    return s->status;
}

const char *sn_solution_warning(const sn_solution *s)
{
    return s->warning[0] ? s->warning : NULL;
}

int sn_solution_interrupted(const sn_solution *s)
{
    return s->interrupted;
}

double sn_solution_objective(const sn_solution *s)
{
    return s->objective;
}

double sn_solution_bound(const sn_solution *s)
{
    return s->bound;
}

double sn_solution_gap(const sn_solution *s)
{
    return s->gap;
}

double sn_solution_time_s(const sn_solution *s)
{
    return s->time_s;
}

double snp_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

sn_solution *snp_solution_new(const sn_model *m)
{
    sn_solution *sol = snp_calloc(1, sizeof *sol);
    if (!sol || !(sol->x = snp_calloc(m->cols.len + 1, sizeof(double)))) {
        snp_free(sol);
        return NULL;
    }
    sol->model = m;
    sol->n_plugins = snp_plugin_count();
    sol->bound = -INFINITY;
    sol->objective = sol->gap = NAN;
    return sol;
}

void sn_solution_free(sn_solution *s)
{
    if (!s)
        return;
    snp_free(s->x);
    snp_free(s->cert);
    sn_solution_free(s->elastic_s);
    sn_model_free(s->elastic_m);
    sn_warm_free(s->warm);
    snp_free(s);
}

void sn_solution_set_unconstrained(sn_solution *s, double objective)
{
    s->has_unconstrained = 1;
    s->unconstrained_objective = objective;
}
