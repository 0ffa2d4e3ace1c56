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

#include <stdint.h>

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
    double capital_total;  /* undiscounted capital of everything built */
    double capital_stores; /* of which the stores at hubs (periods.c, model.md 14.10) */
    int n_links;
    snp_built_link *links; /* built links, model order */
    int *hub_size;         /* per hub: option built or -1 */
    int *corridor_built;   /* per corridor */
    char *trench_use;      /* per trench of the ways: 0 unused, 1 driven by a truck built, 2 dug */
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

/* ---- headline figures, money and jobs (figures.c, money.c; docs/outputs.md) ------------- */

/* A headline quantity in one unit: resources of one category are summed only when their
 * units agree, so a figure is a list of (unit, amount), one per unit, in the order of
 * snp_headline_units. */
#define SNP_HEADLINE_UNITS 16
typedef struct snp_unit_amount {
    const char *unit;
    double amount;
} snp_unit_amount;

typedef enum snp_figure_kind {
    SNP_FIG_WATER = 0, /* water saved: demands of category water not bought */
    SNP_FIG_ENERGY,    /* energy recovered: demands of category energy not bought */
    SNP_FIG_WASTE,     /* waste diverted: waste supplies of category material or co2 taken */
    SNP_FIG_COUNT
} snp_figure_kind;

typedef struct snp_figure {
    int present; /* the region has the category (a resource that can count) */
    int n;
    snp_unit_amount v[SNP_HEADLINE_UNITS];
} snp_figure;

/* The money a funder asks for at one discount rate (docs/outputs.md, "Money"). */
typedef struct snp_money_rate {
    double rate;     /* a fraction per year */
    int from_region; /* 1: the region's discount_rate, 0: given on the command line */
    double npv;      /* NAN without a network or business as usual */
    double npv_without_carbon;
} snp_money_rate;

#define SNP_RATES_MAX 16

typedef struct snp_headline {
    int has_network; /* and business as usual: money and figures are defined */
    snp_figure fig[SNP_FIG_COUNT];
    int has_co2; /* the region states an emission factor or has a co2 resource */
    double co2_avoided_t_per_yr;
    double capital_links, capital_hubs, capital_corridors; /* undiscounted */
    double capital_trenches; /* the trenches of the ways dug (issue 18), undiscounted */
    /* money: cash flows of the network against business as usual */
    double horizon_yr;    /* the region's lifetime_yr */
    double capital_year0; /* all capital, paid in year 0 */
    double cash;          /* annual savings before capital charges, carbon valued */
    double cash_without_carbon;
    double irr, irr_without_carbon;            /* NAN when none exists */
    double payback_yr, payback_without_carbon; /* NAN: never */
    int n_rates;
    snp_money_rate rates[SNP_RATES_MAX + 1]; /* [0]: the region's rate */
    /* jobs */
    double construction_job_years;
    double permanent_jobs;
} snp_headline;

/* Fills h from the region and the figures (no allocation). */
void snp_headline_compute(const sn_instance *in, const snp_figures *g, snp_headline *h);
/* The facility's exchanges are built: it sends or receives something on the network. */
int snp_headline_facility_exchanges(const snp_figures *g, const sn_instance *in, int f);

/* Money (money.c). The net present value of paying `capital` in year 0 for `cash` a year over
 * `horizon_yr` years at `rate` (a fraction > -1); the internal rate of return (NAN when no rate
 * makes the NPV zero: cash <= 0, or no capital); the simple payback (NAN: never). */
double snp_money_npv(double capital, double cash, double horizon_yr, double rate);
double snp_money_irr(double capital, double cash, double horizon_yr);
double snp_money_payback(double capital, double cash);
/* Recomputes the NPV of every rate of h (after the rates changed). */
void snp_headline_money(snp_headline *h);

/* The year in periods (periods.c, docs/model.md 14, docs/outputs.md "Periods"): what every
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
    int *store_option;    /* [hub]: store option built (model.md 14.10), -1 none */
    double **store_level; /* [hub]: held at the end of each period, NULL without a store */
    snp_arena arena;
} snp_period_figures;

/* Fills pf from a solution with a network (nothing for an annual region); SN_ENOMEM. */
sn_status snp_period_figures_compute(const sn_instance *in, const sn_model *m, const sn_solution *s,
                                     const snp_figures *g, snp_period_figures *pf);
void snp_period_figures_free(snp_period_figures *pf);
/* Adds the annualised capital and fixed opex of the stores a solution builds (model.md 14.10)
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

/* What one unit of resource r is worth to facility f under business as usual, carbon included
 * (partners.c): as a receiver, the price it pays for the demand r meets (times a substitute's
 * ratio; the best when several); as a sender, the disposal cost r saves it. 0 when unpriced or
 * negative (a byproduct that sells, a must-serve demand). */
double snp_receiver_unit_value(const sn_instance *in, int f, int r);
double snp_sender_unit_value(const sn_instance *in, int f, int r);

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

/* The allocation a result reports (alloc.c, docs/model.md 13): each facility's gain per year
 * (business as usual less its cost under the allocation), the core check, and the transfer
 * prices that carry the gains on the exchanges. */
typedef struct snp_split {
    sn_allocation_rule rule;
    double *gain;      /* [facility] */
    double *ci;        /* [facility]: 95 % half-width of a sampled Shapley value, else 0 */
    char *null_player; /* [facility]: no candidate link (Shapley value 0) */
    int priced;        /* prices computed (every facility has a business as usual) */
    double *price;     /* [built link, g.links order]: per unit delivered; NAN: not an exchange */
    double *mid;       /* [built link]: the midpoint the price is closest to */
    double *paid;      /* [facility]: received through the prices, per year (negative: paid) */
    double *side;      /* [facility]: side payment received that no price can carry */
    /* the game (shapley) */
    int has_game, players, components, coalitions, sampled_components, samples, unproven;
    unsigned long seed;
    const char *one_part_why; /* why the players form one component, or NULL */
    double residual;          /* savings less the sum of the Shapley values (shared equally) */
    int core_known;           /* every component exact: the core was checked */
    int core_empty;
    double *core_gain; /* [facility]: the core allocation maximising the smallest gain, NAN */
    double core_min;   /* its smallest gain */
    int blocked;       /* a coalition gains more alone than the allocation gives it */
    double block_excess, block_value;
    char *blocking;  /* "a, b" */
    int use_blocked; /* the same for the use rule */
    double use_excess;
    char *use_blocking;
    snp_arena arena;
} snp_split;

/* The use rule's split with its transfer prices (alloc.c); SN_ENOMEM or SN_EINTERNAL. */
sn_status snp_split_use(sn_result *r, sn_diag *diag);
void snp_split_free(snp_split *sp);

struct sn_result {
    const sn_instance *in;
    const sn_model *m;    /* the links' data (snp_link) and the model's kind; never columns */
    const sn_solution *s; /* status, proof, bound, gap, time, messages */
    snp_figures g;
    snp_headline h;        /* headline figures, money and jobs */
    snp_period_figures pf; /* per period (periods.c); pf.n == 0 for an annual region */
    snp_partner *p;        /* per facility */
    snp_split split;       /* the allocation: use rule, or Shapley after sn_result_allocate */
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

/* "link:ID", "hub:ID" and "corridor:ID" of everything r built (model order of links, region
 * order of hubs and corridors), pushed onto ids as arena strings (values.c). 0, or -1 without
 * memory. */
int snp_result_built_ids(const sn_result *r, snp_arena *arena, snp_vec *ids);

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

/* ---- the coalition game (game.c, docs/model.md 13) ---------------------------------------- */

struct sn_game {
    const sn_result *r;
    int samples;
    uint64_t seed;
    int *comp_of; /* [facility]: its component, -1 for a null player */
    int n_comp;
    int *comp_size;
    int **comp_players;       /* [component]: facility indices, ascending */
    int **perm;               /* [component]: sampled orders (samples x size), or NULL */
    const char *one_part_why; /* why every player is in one component, or NULL */
    snp_vec coalitions;       /* every coalition whose value is needed */
    snp_vec cases;            /* int: the ones the caller solves */
    snp_vec built;            /* char *: the optimum's elements, to start each solve from */
    int *slots;               /* hash of coalitions */
    size_t n_slots;
    const char **without; /* sn_game_without's answer */
    snp_arena arena;
};

/* The pure game arithmetic (game.c), on a game of k <= SN_GAME_EXACT_MAX players given by
 * v[S] for every mask S (v[0] = 0):
 * - snp_shapley_exact: phi_i = sum_{S not containing i} |S|! (k - |S| - 1)! / k! (v(S + i) -
 *   v(S));
 * - snp_core_blocking: the proper coalition S with the largest excess v(S) - x(S) (into
 *   *excess; 0 for k = 1): x is in the core when it is <= 0 (and x sums to v(full));
 * - snp_core_maxmin: the largest t = min_i x_i over the core and the leximin core allocation x
 *   (docs/model.md 13.3: unique, unlike a vertex of max t alone; LPs over the coalition values,
 *   solved by snp_lp_solve): 0 with x and *t, 1 when the core is empty, -1 when the first LP
 *   failed. */
void snp_shapley_exact(int k, const double *v, double *phi);
unsigned snp_core_blocking(int k, const double *v, const double *x, double *excess);
int snp_core_maxmin(int k, const double *v, double *x, double *t);
/* The recorded value of a coalition (sorted players) of component comp; NAN and status -1
 * when the game does not hold it. */
double snp_game_value(const sn_game *g, int comp, int n, const int *players, int *status);
void snp_sort_ints(int *a, int n);

/* explore.c: how the search for alternatives ended, and the slack (for the writers). */
sn_alt_end snp_alternatives_end(const sn_alternatives *a);
double snp_alternatives_slack(const sn_alternatives *a);

/* The cases of a sweep or sample and their answers (cases.c). */
typedef enum snp_dist {
    SNP_DIST_VALUES = 0, /* a sweep's list of values */
    SNP_DIST_UNIFORM,
    SNP_DIST_TRIANGULAR,
    SNP_DIST_NORMAL,
    SNP_DIST_LOGNORMAL
} snp_dist;

typedef struct snp_case_param {
    char *path; /* the override path */
    char *spec; /* as given: "1,2,3", "0:100:5", "uniform:1:2" */
    snp_dist dist;
    double a, b, c; /* the distribution's figures (uniform a b, triangular a c b, normal and
                       lognormal a b) */
    int n_values;   /* sweep */
    double *values; /* sweep, arena */
} snp_case_param;

typedef struct snp_case_row {
    int done;
    int status;                                        /* sn_solution_status */
    double gap, objective, bau, capital, co2, bau_co2; /* NAN when the result has none */
    int n_built;
    char **built; /* "link:ID" ..., arena */
} snp_case_row;

struct sn_cases {
    sn_cases_kind kind;
    snp_vec params; /* snp_case_param */
    int n;
    unsigned long long seed;
    double *values;     /* n x params, row-major */
    snp_case_row *rows; /* n */
    snp_arena arena;
};

/* Of the recorded cases, the quantile q (0..1, linear between order statistics) of figure
 * which (0 annual cost, 1 savings, 2 CO2 emitted) over the cases with a network; NAN when
 * none. scratch holds c->n doubles. */
double snp_cases_quantile(const sn_cases *c, int which, double q, double *scratch);
double snp_cases_figure(const sn_cases *c, int i, int which);
/* 1 when case i (recorded) builds something case j (recorded) does not, or the reverse. */
int snp_cases_differ(const sn_cases *c, int i, int j);
int snp_case_builds(const snp_case_row *r, const char *id);

#endif /* SN_SRC_RESULT_RESULT_INT_H */
