/*
 * solve_int.h - the solution of a model (sn_solution): status, bounds and the value of every
 * model column. Stage: sn_model -> [solve] -> sn_solution -> report. glpk.c is the only file
 * that includes <glpk.h>.
 */
#ifndef SN_SRC_SOLVE_SOLVE_INT_H
#define SN_SRC_SOLVE_SOLVE_INT_H

#include "../model/model_int.h"

struct sn_solution {
    const sn_model *model;
    sn_solution_status status;
    int has_x;        /* 1 when x holds a network (optimal or feasible) */
    double *x;        /* one value per model column */
    double objective; /* currency per year; NAN without a network */
    double bound;     /* best proven lower bound; -INFINITY when unknown */
    double gap;       /* relative gap; NAN when unknown */
    double mip_gap_tolerance;
    double time_s;
    int interrupted; /* stopped by sn_params.interrupt */
    int hit_time_limit;
    char message[256];              /* the solver's last word, for the report */
    int has_unconstrained;          /* --fair: the optimum without the fairness rows is known */
    double unconstrained_objective; /* (sn_solution_set_unconstrained) */
};

/* Value of column j rounded to 0 when negligible, and to the nearest integer for integer
 * columns. */
double snp_solution_value(const sn_solution *s, int j);

#endif /* SN_SRC_SOLVE_SOLVE_INT_H */
