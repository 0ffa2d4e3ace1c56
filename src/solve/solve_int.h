/*
 * solve_int.h - the solution of a model (sn_solution): status, bounds and the value of every
 * model column. Stage: sn_model -> [solve] -> sn_solution -> report. glpk.c is the only file
 * that includes <glpk.h>.
 */
#ifndef SN_SRC_SOLVE_SOLVE_INT_H
#define SN_SRC_SOLVE_SOLVE_INT_H

#include "../model/model_int.h"

/* One multiplier of an infeasibility certificate: a row of the flow relaxation (docs/model.md
 * 10.1) by its kind, node and resource (-1 when the kind has none). */
typedef struct snp_cert_row {
    snp_relax_row_kind kind;
    int node, resource;
    double y;
} snp_cert_row;

/* How an infeasible verdict is proven (docs/outputs.md). */
typedef enum snp_proof {
    SNP_PROOF_NONE = 0,
    SNP_PROOF_CERTIFICATE, /* multipliers on the flow relaxation's rows, checked in compensated
                              arithmetic by sn_solve and again by the independent checker */
    SNP_PROOF_SEARCH       /* the LP relaxation has points, a completed branch-and-bound found no
                              network, and the elastic model (section 10) confirms a shortfall */
} snp_proof;

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
    /* infeasible verdicts (docs/model.md 10.1) */
    snp_proof proof;
    snp_cert_row *cert; /* proof == SNP_PROOF_CERTIFICATE: n_cert multipliers */
    int n_cert;
    double cert_margin;       /* how far the combined row is from being met (> 0) */
    double cert_scale;        /* sum of the magnitudes in that combination */
    double elastic_violation; /* proof == SNP_PROOF_SEARCH: least weighted shortfall (> 0) */
    int search_done;          /* the verdict came from a completed search (LP had points) */
    int lp_restarts;          /* root LP solved again from a fresh basis (glpk.c root_lp) */
    char warning[320];        /* numerical trouble met on the way, "" when none */
};

/* Relative margin a certificate needs (sn_solve and the checker alike): margin > SNP_CERT_REL
 * times its scale (plus one). */
#define SNP_CERT_REL 1e-7

/* Phase 1 of m's LP with every row elastic (glpk.c): 1 with row duals in y and the least total
 * violation in *viol when it is positive, 0 when every row can be met, -1 on failure. */
int snp_glpk_phase1(const sn_model *m, double *y, double *viol);

/* Settles an infeasible verdict of sn_solve on a network model (certify.c): a certificate
 * on the flow relaxation, else (search_done: the verdict came from a completed search whose
 * LP relaxation had points) the elastic model's confirmation; without either, the status
 * becomes NO_SOLUTION with a warning. SN_OK or SN_ENOMEM. */
sn_status snp_certify(const sn_model *m, const sn_params *p, int search_done, double spent_s,
                      sn_solution *sol);

/* A solution of m with no status yet (bound -inf, objective and gap NAN); NULL without
 * memory. Free with sn_solution_free. */
sn_solution *snp_solution_new(const sn_model *m);

/* The search (glpk.c): fills sol's status, values and proof figures for a model with at least
 * one column. SN_OK, SN_ESOLVER (GLPK failed) or SN_ENOMEM; never settles an infeasible
 * verdict (sn_solve does, through snp_certify). */
sn_status snp_glpk_solve(const sn_model *m, const sn_params *p, sn_solution *sol, sn_diag *diag);

/* Value of column j rounded to 0 when negligible, and to the nearest integer for integer
 * columns. */
double snp_solution_value(const sn_solution *s, int j);

/* ---- cutting planes: separators (docs/model.md 11.3, 11.4) ----------------------------------
 * A separator looks at an LP point x (one value per model column) and hands the valid
 * inequalities it violates to a sink. Cuts are globally valid: they hold for every network of
 * the model, whatever the branching bounds of the node where they were found. */

/* Ranking of the items of one set, for qsort (which has no context: the values travel with
 * the index). snp_rank_cmp orders by falling key1, then falling key2, then rising item. */
typedef struct snp_rank {
    int item;
    double key1, key2;
} snp_rank;
int snp_rank_cmp(const void *pa, const void *pb);

/* Receives one cut: sum_i coef[i] * x[col[i]] >= lb over model columns (0-based). Returns 0,
 * or -1 to stop the separator (out of memory). */
typedef int (*snp_cut_sink)(void *ctx, int len, const int *col, const double *coef, double lb);

/* Dicut inequalities for nodes that must ship or must be served (sepa_dicut.c). create returns
 * NULL when the model has nothing to separate (no such node on a lossless resource) or memory
 * ran out: the search then goes on without. run returns the number of cuts handed to the sink,
 * or -1 when the sink failed. */
typedef struct snp_sepa_dicut snp_sepa_dicut;
snp_sepa_dicut *snp_sepa_dicut_create(const sn_model *m);
int snp_sepa_dicut_run(snp_sepa_dicut *s, const double *x, snp_cut_sink sink, void *ctx);
void snp_sepa_dicut_free(snp_sepa_dicut *s);

/* Flow covers on the flows into and out of each facility and hub (sepa_flowcover.c,
 * docs/model.md 11.4). The same contract: create returns NULL when there is nothing to
 * separate or memory ran out; run returns the number of cuts handed to the sink, or -1. */
typedef struct snp_sepa_flowcover snp_sepa_flowcover;
snp_sepa_flowcover *snp_sepa_flowcover_create(const sn_model *m);
int snp_sepa_flowcover_run(snp_sepa_flowcover *s, const double *x, snp_cut_sink sink, void *ctx);
void snp_sepa_flowcover_free(snp_sepa_flowcover *s);

/* Hub capacity covers on the links into and out of each hub (sepa_hubcap.c, docs/model.md
 * 11.4); the same contract. */
typedef struct snp_sepa_hubcap snp_sepa_hubcap;
snp_sepa_hubcap *snp_sepa_hubcap_create(const sn_model *m);
int snp_sepa_hubcap_run(snp_sepa_hubcap *s, const double *x, snp_cut_sink sink, void *ctx);
void snp_sepa_hubcap_free(snp_sepa_hubcap *s);

#endif /* SN_SRC_SOLVE_SOLVE_INT_H */
