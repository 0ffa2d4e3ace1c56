/*
 * result_int.h - the result of a solve (sn_result): what was built and what it is worth, in
 * the region's own terms, computed once from a solution. Stage: sn_solution -> [result] ->
 * report. This stage is the only code after solve that reads model columns (solution values,
 * column indices): every report is a writer of a result (`make test` greps src/report/ to keep
 * it so).
 */
#ifndef SN_SRC_RESULT_RESULT_INT_H
#define SN_SRC_RESULT_RESULT_INT_H

#include "../solve/solve_int.h"

typedef struct snp_costs {
    double disposal;  /* byproducts disposed, without carbon */
    double purchase;  /* virgin inputs bought, without carbon */
    double capital;   /* annualised capital of links, hubs and corridors */
    double operating; /* link opex, trips, fixed charges, hub fixed opex and processing */
    double carbon;    /* carbon price times emissions */
    double total;
} snp_costs;

/* What one origin (a facility or hub node) sends on a link of a resource tracked by origin. */
typedef struct snp_origin_flow {
    int origin; /* node */
    double flow;
} snp_origin_flow;

/* A built link as reported. */
typedef struct snp_built_link {
    int link;    /* model link index: its data (ends, resource, mode, length...) */
    double flow; /* sent per year */
    double trips;
    int has_trips; /* the link is charged per trip */
    int size;      /* -1 without discrete sizes */
    double capital;
    double annual;
    int tracked; /* the resource is tracked by origin: by_origin lists every commodity */
    int n_origins;
    snp_origin_flow *by_origin;
} snp_built_link;

typedef struct snp_figures {
    int has_network;
    snp_costs cost;   /* the network state */
    snp_costs bau;    /* business as usual (nothing built) */
    int bau_feasible; /* every supply can be disposed of and every demand bought */
    double co2_t_per_yr, bau_co2_t_per_yr;
    double capital_total; /* undiscounted capital of everything built */
    int n_links;
    snp_built_link *links; /* built links, model order */
    int *hub_size;         /* per hub: option built or -1 */
    int *corridor_built;   /* per corridor */
    double *diverted;      /* per resource: supply not disposed (supplies with disposal) */
    double *replaced;      /* per resource: demand not bought (demands with a price) */
    double **sent;         /* [facility][supply] */
    double **received;     /* [facility][demand]: demand units met by the network */
    double **disposed;     /* [facility][supply]: disposed of (0 without the option) */
    double **purchased;    /* [facility][demand]: bought (0 without a price) */
    double **processed;    /* [hub][input] */
    double **hub_disposed; /* [hub][output] */
    double **produced;     /* [hub][output]: yields times processed */
    double *link_flow;     /* [model link]: sent, every candidate (0 when not built) */
    char *link_built;      /* [model link]: 1 when built */
    int n_facilities, n_hubs;
} snp_figures;

/* Computes the figures; returns SN_ENOMEM or SN_EINTERNAL when the recomputed cost
 * disagrees with the solver's objective (relative 1e-6). */
sn_status snp_figures_compute(const sn_instance *in, const sn_model *m, const sn_solution *s,
                              snp_figures *fig, sn_diag *diag);
void snp_figures_free(snp_figures *fig);

/* The year in periods (periods.c, docs/model.md 13, docs/outputs.md "Periods"): what every
 * periodic flow of a network amounts to in each period. Every array holds n values (one per
 * period, in the region's order) or is NULL where the flow is annual. Arrays in `arena`. */
typedef struct snp_period_figures {
    int n;                /* periods of the region; 0 for an annual region or without a network */
    double **link;        /* [built link i, g.links order]: sent in each period */
    double *link_peak;    /* [built link]: largest sent per hour of a period, NAN when annual */
    double *link_load;    /* [built link]: load factor, (flow / H) / peak; NAN when annual */
    double ***sent;       /* [facility][supply]: sent on links in each period */
    double ***received;   /* [facility][demand]: demand units met in each period */
    double ****intake;    /* [facility][demand][accepted resource, -1 = own at 0]: units taken */
    double ***processed;  /* [hub][input], built hubs with a periodic input or output */
    double ***hub_sent;   /* [hub][output]: sent on links, periodic outputs only */
    double *hub_load;     /* [hub]: load factor of all processing; NAN when annual or not built */
    int *store_option;    /* [hub]: store option built (model.md 13.10), -1 none */
    double **store_level; /* [hub]: held at the end of each period, NULL without a store */
    snp_arena arena;
} snp_period_figures;

/* Fills pf from a solution with a network (nothing for an annual region); SN_ENOMEM. */
sn_status snp_period_figures_compute(const sn_instance *in, const sn_model *m, const sn_solution *s,
                                     const snp_figures *g, snp_period_figures *pf);
void snp_period_figures_free(snp_period_figures *pf);
/* Adds the annualised capital and fixed opex of the stores a solution builds (model.md 13.10)
 * to c, and their capital to *capital_total (figures.c, before its totals). */
void snp_store_costs(const sn_instance *in, const sn_model *m, const sn_solution *s, snp_costs *c,
                     double *capital_total);
/* The store option solution s builds at hub h, or -1. */
int snp_store_built(const sn_model *m, const sn_solution *s, int h);

/* What one facility pays per year in the network (partners.c, docs/model.md section 12). */
typedef struct snp_partner {
    double bau;                           /* alone; NAN when it has no business as usual */
    double disposal, purchase, transport; /* its own columns, carbon included */
    double shared;                        /* its share of hubs, corridors, shared links */
    double total;                         /* the sum of the four; NAN without a network */
    double change;                        /* total - bau */
    int participates;                     /* sends, receives or pays for anything */
    int worse_off;                        /* participates and change > 0 (relative 1e-6) */
} snp_partner;

/* Per-facility costs of a solved network (one per facility, freed with snp_free), from the
 * solution's costs and the links the figures g found built. */
sn_status snp_partners_compute(const sn_instance *in, const sn_model *m, const sn_solution *s,
                               const snp_figures *g, snp_partner **out);

/* Part of a facility's inflow assigned to one of its demands: a resource, from an origin
 * (node, or -1 when the resource is not tracked by origin). */
typedef struct snp_delivery {
    int facility, demand, resource, origin;
    double amount;
} snp_delivery;

/* A requirement the elastic models (docs/model.md 10) leave violated. */
typedef struct snp_violation {
    snp_slack_kind kind;
    int a, b; /* as snp_slack */
    double amount;
} snp_violation;

struct sn_result {
    const sn_instance *in;
    const sn_model *m;    /* the links' data (snp_link) and the model's kind; never columns */
    const sn_solution *s; /* status, proof, bound, gap, time, messages */
    snp_figures g;
    snp_period_figures pf; /* per period (periods.c); pf.n == 0 for an annual region */
    snp_partner *p;        /* per facility */
    int negotiated;        /* --fair: the model chose the split of shared costs */
    int *junction_used;    /* per junction: 1 when a built link starts or ends there */
    int n_deliveries;      /* network deliveries with amount > 0, model order */
    snp_delivery *deliveries;
    int n_violations; /* elastic models: every requirement, its violation (0 when met) */
    snp_violation *violations;
    /* sn_run (workflow.c): what the result owns */
    sn_model *own_m;
    sn_solution *own_s;
    sn_result *explain[2]; /* infeasible: the elastic and the uncapped elastic results */
    /* of the uncapped elastic result, under an emission cap: the network that meets the same
     * requirements with the least emissions (workflow.c, docs/model.md 10), or NULL */
    sn_result *least_co2;
    /* evaluate (sn_result_set_optimum): the region's optimum this network is measured
     * against, NAN when none */
    double optimum;
    int optimum_proven;     /* the optimum was proven (else the best found: a bound) */
    char optimum_from[256]; /* "solved", or the solution file it was read from */
    /* the accessors of symnet.h (access.c): each built link's id (g.links order), from ids */
    const char **link_id;
    snp_arena ids;
};

/* Fills r->link_id for the accessors (access.c); SN_ENOMEM. */
sn_status snp_result_link_ids(sn_result *r);

/* Violation of requirement (kind, a, b) in an elastic result; 0 when none or not elastic. */
double snp_result_violation(const sn_result *r, snp_slack_kind kind, int a, int b);

/* The candidates of a region (candidates.c): a model holding only its links, with the pruned
 * ones recorded. */
struct sn_candidates {
    const sn_instance *in;
    sn_model *m;
};

/* The questions of `symnet values` and their answers (values.c). */
typedef enum snp_value_kind {
    SNP_VALUE_BUILT = 0, /* built in the optimum: forbidden */
    SNP_VALUE_CANDIDATE, /* not built: forced */
    SNP_VALUE_PARTNER    /* a facility: removed */
} snp_value_kind;

typedef struct snp_value_entry {
    snp_value_kind kind;
    const char *what; /* "link", "hub", "corridor", "facility" */
    char *id;
    double fixed_per_yr; /* candidates: annual fixed cost (cheapest size), else NAN */
    int status;          /* sn_solution_status of the answer, -1 until recorded */
    double objective;    /* NAN without a network */
    double bau;
    char *changes; /* "+link:ID -hub:ID ...": built only in the answer (+), only in the optimum */
} snp_value_entry;

struct sn_values {
    const sn_result *opt;
    double objective, bau;
    int proven;
    snp_vec entries; /* snp_value_entry */
    snp_vec built;   /* char *: "link:ID" ... of the optimum */
    snp_arena arena;
};

#endif /* SN_SRC_RESULT_RESULT_INT_H */
