/*
 * solve_int.h - the solution of a model (sn_solution): status, bounds and the value of every
 * model column. Stage: sn_model -> [solve] -> sn_solution -> report. glpk.c is the only file
 * that includes <glpk.h>, but for lp_price.c (the root LP by column generation works on GLPK's
 * problem itself; that file says why).
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
    SNP_PROOF_SEARCH       /* no certificate: a completed branch-and-bound found no network (or
                              the LP relaxation was found empty by two simplex methods), and the
                              elastic model (section 10) confirms a shortfall */
} snp_proof;

/* What one solver plugin did in a solve (the table in plugins.c; docs/outputs.md
 * "solver_stats"). */
typedef struct snp_plugin_stats {
    int enabled;    /* on for this solve: not disabled, and the solve ran symnet's own search */
    long calls;     /* times its run was called */
    long found;     /* separators: cuts added; heuristics: networks given to the search;
                       decomposition: independent parts with a build decision found; root
                       LP: links brought in by pricing */
    long apart;     /* decomposition: parts solved apart (0 when the model was not split) */
    long rounds;    /* root LP methods: rounds of pricing (master solves) */
    double seconds; /* wall time inside run */
} snp_plugin_stats;

/* Room for plugins: sn_params.disabled_plugins is a bit mask, one bit per plugin. */
#define SNP_PLUGIN_MAX 32

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
    int node_limited;               /* stopped by snp_search_from.node_limit (split.c) */
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
    sn_model *elastic_m;      /* certify.c: the elastic model it solved (owned), or NULL */
    sn_solution *elastic_s;   /* and its solution (owned), for the explanation (sn_run) */
    sn_warm *warm;            /* what this solve leaves for the next (warm.c), or NULL */
    int n_plugins;            /* snp_plugin_count() */
    snp_plugin_stats plugin_stats[SNP_PLUGIN_MAX]; /* in the order of the plugin table */
};

/* Relative margin a certificate needs (sn_solve and the checker alike): margin > SNP_CERT_REL
 * times its scale (plus one). */
#define SNP_CERT_REL 1e-7

/* Phase 1 of m's LP with every row elastic (glpk.c): 1 with row duals in y and the least total
 * violation in *viol when it is positive, 0 when every row can be met, -1 on failure. */
int snp_glpk_phase1(const sn_model *m, double *y, double *viol);

/* A small LP given row by row (glpk.c, snp_lp_solve): maximise (maximize 1) or minimise
 * obj . x subject to row_lo[i] <= sum_k val[k] x[idx[k]] <= row_hi[i] (k from row_start[i] to
 * row_start[i + 1] - 1; -INFINITY / INFINITY for a missing bound) and col_lo <= x <= col_hi
 * likewise. Indices are 0-based. Used by src/result/alloc.c for the core of a coalition game. */
typedef struct snp_lp {
    int rows, cols;
    int maximize;
    const double *obj;             /* [cols] */
    const double *col_lo, *col_hi; /* [cols] */
    const double *row_lo, *row_hi; /* [rows] */
    const int *row_start;          /* [rows + 1] */
    const int *idx;                /* [row_start[rows]] */
    const double *val;             /* [row_start[rows]] */
} snp_lp;

/* Solves lp: 0 with an optimal x (lp->cols values) and *objective, 1 when it has no feasible
 * point, 2 when unbounded, -1 when GLPK failed or the data are not finite. */
int snp_lp_solve(const snp_lp *lp, double *x, double *objective);

/* Settles an infeasible verdict of sn_solve on a network model (certify.c): a certificate
 * on the flow relaxation, else (search_done: the verdict came from a completed search whose
 * LP relaxation had points) the elastic model's confirmation; without either, the status
 * becomes NO_SOLUTION with a warning. SN_OK or SN_ENOMEM. */
sn_status snp_certify(const sn_model *m, const sn_params *p, int search_done, double spent_s,
                      sn_solution *sol);

/* Monotonic wall-clock seconds, for time limits and statistics. */
double snp_now_s(void);

/* A solution of m with no status yet (bound -inf, objective and gap NAN); NULL without
 * memory. Free with sn_solution_free. */
sn_solution *snp_solution_new(const sn_model *m);

/* The search (glpk.c): fills sol's status, values and proof figures for a model with at least
 * one column. SN_OK, SN_ESOLVER (GLPK failed) or SN_ENOMEM; never settles an infeasible
 * verdict (sn_solve does, through snp_certify). */
sn_status snp_glpk_solve(const sn_model *m, const sn_params *p, sn_solution *sol, sn_diag *diag);

/* What a search may be given besides the model (split.c). */
typedef struct snp_search_from {
    const double *start; /* a network of m, [1..n] (1-based, as GLPK takes it), given to GLPK
                            at the first node and reported when the search has nothing as good;
                            NULL without */
    double start_obj;    /* its cost */
    const double *fix;   /* one value per column: NAN free, else the column is held there (in
                            GLPK's copy only: the plugins see m as it is); NULL: none */
    int node_limit;      /* > 0: the search stops after that many nodes ("node limit reached") */
    int nested;          /* 1: called from a plugin inside a search (heur_rins.c): GLPK's error
                            and terminal hooks stay the outer search's, so that a GLPK error
                            unwinds to it (what the nested search allocated is then lost) */
    const int *basis;    /* a basis of m's LP to start the root LP from with the dual simplex,
                            rows then columns (snp_plugin_env.basis); NULL: glpk.c's choice */
    int lazy_any_size;   /* 1: plugin "lazy", when on, holds rows back whatever the model's
                            size (its shape rule's size waived, for tests) */
} snp_search_from;

/* snp_glpk_solve with from (NULL: snp_glpk_solve). */
sn_status snp_glpk_solve_from(const sn_model *m, const sn_params *p, const snp_search_from *from,
                              sn_solution *sol, sn_diag *diag);

/* Runs the heuristics of the plugin table that are on for m with p and run before any LP
 * (docs/model.md 11.2), as snp_glpk_solve would, counting their statistics in sol: 1 with the
 * cheapest network they found in x (one value per model column) and its cost in *obj, 0 when
 * none found one, -1 when GLPK failed or memory ran out. */
int snp_glpk_first(const sn_model *m, const sn_params *p, sn_solution *sol, double *x, double *obj);

/* Lowers every truck trip count in x (a network of m) to the fewest whole trips that carry its
 * link's flow (glpk.c) and returns the annual cost this saves. */
double snp_polish_trips(const sn_model *m, double *x);

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

/* ---- what a solve hands to the next (warm.c, docs/model.md 11.9) ----------------------------
 * A solve records its root LP basis and the cuts symnet's separators found, with a fingerprint
 * of the model's constraints; a later solve of a model with the same fingerprint (the objective
 * may differ: a carbon-price sweep) starts its root LP from that basis (plugin "carrybasis")
 * and offers those cuts at its cut rounds (plugin "carrycuts", sepa_carry.c). */

/* A basis status, as GLPK's (glpk.c maps them): basic, at lower bound, at upper bound, free,
 * fixed. */
enum {
    SNP_BASIS_BS = 'B',
    SNP_BASIS_NL = 'L',
    SNP_BASIS_NU = 'U',
    SNP_BASIS_NF = 'F',
    SNP_BASIS_NS = 'S'
};

/* Carried cuts kept at most (the oldest kept: every one is valid, later ones repeat them). */
#define SNP_WARM_MAX_CUTS 4000

struct sn_warm {
    unsigned long long fingerprint; /* snp_warm_fingerprint of the model */
    int rows, cols;
    char *basis;  /* rows + cols SNP_BASIS_* (rows first), NULL without one */
    double *x;    /* the network found, one value per column (flows included), NULL without */
    snp_vec cuts; /* snp_warm_cut */
    snp_vec col;  /* int: the cuts' columns (0-based), cut after cut */
    snp_vec coef; /* double */
};

/* One cut: sum of coef[k] x[col[k]] >= lb for k from start to start + len - 1. */
typedef struct snp_warm_cut {
    size_t start;
    int len;
    double lb;
} snp_warm_cut;

/* FNV-1a of m's rows (bounds, columns and coefficients), its columns' bounds and kinds and its
 * size: equal for two models with the same constraints, whatever their objectives. */
unsigned long long snp_warm_fingerprint(const sn_model *m);
/* 1 when w was recorded on a model with m's constraints (same fingerprint and size). */
int snp_warm_fits(const sn_warm *w, const sn_model *m);
/* An empty record for m (its fingerprint, no basis, no cut); NULL without memory. glpk.c
 * records every cut it adds from symnet's separators, the carried ones included: a case hands
 * on the cuts its LP used, not every cut it was offered, so they do not pile up along a
 * sweep. */
sn_warm *snp_warm_new(const sn_model *m);
/* Appends one cut (as snp_cut_sink); 0, or -1 without memory. Past SNP_WARM_MAX_CUTS, 0 and
 * nothing kept. */
int snp_warm_add_cut(void *w, int len, const int *col, const double *coef, double lb);
/* Sets w's network (w->cols values); 0, or -1 without memory. */
int snp_warm_set_x(sn_warm *w, const double *x);
/* Sets w's basis (rows + cols statuses); 0, or -1 without memory. */
int snp_warm_set_basis(sn_warm *w, const char *basis);

/* ---- the plugin table (plugins.c, docs/model.md 11) ------------------------------------------
 * symnet's own heuristics and separators are entries of one table: name, kind, default on/off
 * and create/run/free. glpk.c's search loops over the table; a plugin never sees a GLPK type.
 * Adding a plugin: its file (heur_NAME.c or sepa_NAME.c, its functions declared below) and
 * one entry of the table. */

typedef enum snp_plugin_kind {
    SNP_PLUGIN_HEURISTIC = 0, /* builds networks */
    SNP_PLUGIN_SEPARATOR,     /* cuts off LP points (see above) */
    SNP_PLUGIN_DECOMPOSITION, /* splits the model into parts solved apart (split.c, run by
                                 sn_solve before any search; no create/run/free) */
    SNP_PLUGIN_WARMSTART,     /* starts the root LP from a neighbour's basis (glpk.c, warm.c;
                                 no create/run/free) */
    SNP_PLUGIN_ROOT_LP,       /* solves the root LP in glpk.c's place (lp_price.c, called by
                                 glpk.c through its own functions; no create/run/free) */
    SNP_PLUGIN_ROWS           /* holds rows back from the search's LP and adds them where
                                 violated (lazy.c, called by glpk.c; no create/run/free) */
} snp_plugin_kind;

/* The LP of the flows on a fixed network (glpk.c): every binary column j fixed at bin[j] and,
 * when zero is not NULL, every column j with zero[j] != 0 fixed at 0; the optimal value of
 * every column into x (one per model column, 0-based). 0 on an optimum, -1 without one (no
 * feasible flow, the time limit, a solver failure). */
typedef int (*snp_fixed_lp_fn)(void *ctx, const double *bin, const char *zero, double *x);

/* What a plugin's run is given, and where a heuristic leaves its network. */
typedef struct snp_plugin_env {
    const double *x;  /* the node's LP point, one value per model column; NULL for a heuristic
                         that runs before the root LP */
    snp_cut_sink cut; /* separators: where cuts go */
    void *cut_ctx;
    snp_fixed_lp_fn fixed_lp; /* heuristics: pricing of a fixed network */
    void *lp_ctx;
    double *net;    /* heuristics: the network found, one value per model column */
    double net_obj; /* and its annual cost */
    /* heuristics at nodes: GLPK's incumbent (one value per model column; NULL without one),
     * its cost, and the seconds left before the search's time limit (INFINITY without) */
    const double *incumbent;
    double incumbent_obj;
    double time_left_s;
    /* the root LP's optimal basis, for snp_search_from.basis (glpk.c's own statuses: a plugin
     * passes it on, never reads it); NULL without one */
    const int *basis;
} snp_plugin_env;

typedef struct snp_plugin {
    const char *name; /* what --disable takes */
    snp_plugin_kind kind;
    int before_lp;     /* heuristics: 1 runs once before the root LP, 0 at the LP of nodes */
    int default_on;    /* 0: off by default (sn_params_init sets its disabled_plugins bit) */
    const char *about; /* one line for symnet help: kind, what, docs/model.md section */
    /* NULL when the model gives it nothing to do, or memory ran out: the search goes on
     * without it */
    void *(*create)(const sn_model *m);
    /* separators: the number of cuts handed to env->cut; heuristics: 1 with a network in
     * env->net and its cost in env->net_obj, 0 without one; -1 on failure (out of memory) */
    int (*run)(void *data, snp_plugin_env *env);
    void (*free)(void *data); /* accepts NULL */
} snp_plugin;

/* The table: snp_plugin_count() entries, snp_plugin_get(i) for 0 <= i < that. */
int snp_plugin_count(void);
const snp_plugin *snp_plugin_get(int i);

/* 1 when plugin i is on in a solve of m with p (its default or not disabled, symnet's own
 * search on a network model, and for a separator p->cuts). */
int snp_plugin_enabled(const sn_model *m, const sn_params *p, int i);

/* Network under construction (heur_round.c, docs/model.md 11.1): binaries rounded from a point,
 * then priced exactly. val holds the binaries as rounded, x the network found (one value per
 * model column each). */
typedef struct snp_round {
    const sn_model *m;
    int n;
    double *val, *prev, *x;
} snp_round;
snp_round *snp_round_create(const sn_model *m); /* NULL without memory */
void snp_round_free(snp_round *r);
/* Opens, in r->val, what x uses: every link that carries more than eps of its bound (with the
 * smallest size that carries it), every hub that processes something (smallest capacity option
 * that holds it), the corridors of open pipes, and every binary its bounds fix. */
void snp_round_binaries(snp_round *r, const double *x, double eps);
/* Opens (val = 1) every trench of the ways (issue 18, model.md 8.4) under a pipe open in val. */
void snp_round_open_trenches(const sn_model *m, double *val);
/* The network whose binaries r->val holds, priced with lp (zero as for snp_fixed_lp_fn): its
 * flows in r->x and cost in *obj, after up to three passes closing what the exact flows leave
 * empty, truck trips rounded up. 0, or -1 when it has no feasible flow. */
int snp_round_price(snp_round *r, snp_fixed_lp_fn lp, void *ctx, const char *zero, double *obj);

/* A binary heap of entries, the one that ranks first on top: higher tier, then higher value
 * (heur_first.c; the greedy choices of heur_first.c and heur_serve.c, which ranks by least cost
 * with value = -cost). hp holds n entries; O(log n) per push and pop, pop needs n > 0. */
typedef struct snp_pq_entry {
    int tier;
    double value;
    int id;
} snp_pq_entry;
int snp_pq_above(const snp_pq_entry *a, const snp_pq_entry *b);
void snp_pq_push(snp_pq_entry *hp, int *n, snp_pq_entry e);
snp_pq_entry snp_pq_pop(snp_pq_entry *hp, int *n);

/* The heuristics (heur_first.c: the network before any LP, 11.2; heur_round.c: LP rounding,
 * 11.1), with the table's signatures. */
void *snp_heur_first_create(const sn_model *m);
int snp_heur_first_run(void *data, snp_plugin_env *env);
void snp_heur_first_free(void *data);
void *snp_heur_start_create(const sn_model *m); /* heur_start.c: a named network, 11.2 */
int snp_heur_start_run(void *data, snp_plugin_env *env);
void snp_heur_start_free(void *data);
void *snp_heur_round_create(const sn_model *m);
int snp_heur_round_run(void *data, snp_plugin_env *env);
void snp_heur_round_free(void *data);
/* heur_serve.c: sites opened for must-serve demands before any LP, 11.5 */
void *snp_heur_serve_create(const sn_model *m);
int snp_heur_serve_run(void *data, snp_plugin_env *env);
void snp_heur_serve_free(void *data);
/* heur_path.c: successive shortest paths where every source must ship and every sink must be
 * served, before any LP (11.6) */
void *snp_heur_path_create(const sn_model *m);
int snp_heur_path_run(void *data, snp_plugin_env *env);
void snp_heur_path_free(void *data);
/* heur_rins.c: sub-MIPs around the incumbent where it agrees with the node's LP point (11.10) */
void *snp_heur_rins_create(const sn_model *m);
int snp_heur_rins_run(void *data, snp_plugin_env *env);
void snp_heur_rins_free(void *data);
/* heur_drop.c: the incumbent improved by closing what it built, one element at a time (11.13) */
void *snp_heur_drop_create(const sn_model *m);
int snp_heur_drop_run(void *data, snp_plugin_env *env);
void snp_heur_drop_free(void *data);

/* The carried cuts as a separator (sepa_carry.c): create returns NULL unless m->warm fits m
 * and holds cuts; run hands each carried cut that x violates, once per solve. */
void *snp_sepa_carry_create(const sn_model *m);
int snp_sepa_carry_run(void *data, snp_plugin_env *env);
void snp_sepa_carry_free(void *data);

/* ---- independent parts solved apart (split.c, docs/model.md 11.7) --------------------------
 * When the rows of m join its columns into two or more connected parts that hold a build
 * decision, solves each part's MILP on its own and assembles sol from them (objective and bound
 * the sums, optimal only when every part is proven). *done is 0 when m does not split (or the
 * step is off): sol is then untouched but for the step's statistics, and the caller solves m
 * whole. An infeasible part makes sol infeasible, for sn_solve to certify on m. SN_OK,
 * SN_ESOLVER or SN_ENOMEM. */
sn_status snp_split_solve(const sn_model *m, const sn_params *p, sn_solution *sol, int *done,
                          sn_diag *diag);
/* The same with the node limit of a part's first search, on its own model, given (the search
 * in place follows when it stops a part; snp_split_solve takes 1,000; tests take 1 to search
 * every part in place). */
sn_status snp_split_solve_nodes(const sn_model *m, const sn_params *p, int apart_nodes,
                                sn_solution *sol, int *done, sn_diag *diag);

/* ---- the root LP by column generation (lp_price.c, docs/model.md 11.8) ---------------------
 * One of the two plugins besides glpk.c that work on GLPK's problem itself (lp_price.c says
 * why; lazy.c, below, is the other).
 * snp_price_create returns NULL when the model's shape does not call for it (the rule of
 * 11.8; force waives it, for tests: then NULL only without a row to leave out) or memory ran
 * out; col_lo and col_hi are the columns' bounds as the search has them
 * (0-based). snp_price_run solves the LP of P (the model loaded, columns in the model's order,
 * P's bounds and costs) on a restricted master and leaves in P an optimal basis of P's LP up
 * to the tolerances (glpk.c confirms it with GLPK's simplex); first is a network of the model
 * [1..n] or NULL. 0 with the basis installed, 1 at the deadline or interrupted, -1 when it
 * failed (the master had no optimum, too many rounds): P's basis is then untouched. GLPK's
 * errors longjmp through it: the caller then calls snp_price_forget_lp (glp_free_env freed
 * the master) before snp_price_free. */
struct glp_prob;
typedef struct snp_price snp_price;
snp_price *snp_price_create(const sn_model *m, const double *col_lo, const double *col_hi,
                            int force);
int snp_price_run(snp_price *pr, struct glp_prob *P, const double *first, double deadline,
                  volatile sig_atomic_t *interrupt, snp_plugin_stats *st);
void snp_price_forget_lp(snp_price *pr);
/* After snp_price_run returned 0: branch-and-cut on the master (its integer columns as P has
 * them, GLPK's cuts, for at most seconds), a heuristic: every network of the master, the
 * excluded columns at 0, is a network of P's model. 1 with it in x (one value per model column,
 * 0-based) and its cost in *obj, 0 without one; the master is freed either way. */
int snp_price_mip(snp_price *pr, struct glp_prob *P, double seconds, double *x, double *obj,
                  snp_plugin_stats *st); /* st: calls and seconds counted */
/* After snp_price_run returned 0: RENS on the master (plugin "rens", docs/model.md 11.11):
 * the binaries the master's LP optimum sets to 0 or 1 (or P fixes) fixed there, branch-and-cut
 * over the fractional ones for at most seconds; the best network's binaries are then priced by
 * the master's LP with every missing link priced in, so its flows are the whole model's best
 * for those binaries. Runs only where every integer column is a binary of the master. 1 with
 * the network in x (one value per model column, 0-based) and its cost in *obj, 0 without one.
 * The master stays (its binaries' bounds as P has them, more links in it). */
int snp_price_rens(snp_price *pr, struct glp_prob *P, double seconds, double *x, double *obj,
                   snp_plugin_stats *st); /* st: calls, rounds = binaries searched, seconds */
/* After snp_price_run returned 0: probing on the master (plugin "probe", docs/model.md 11.12).
 * Each binary the search leaves free is fixed, in turn, at each side the root LP (P's LP
 * solution) does not take, and the master's LP priced with it (so the whole model's LP with
 * that fix and the fixes found before): a side whose LP costs at least cutoff (the incumbent's
 * cost) holds no cheaper network, so the binary is fixed at the other side in fix (one value
 * per model column, NAN where free). Where both sides of a fractional binary were probed, the
 * cheaper LP bounds every network cheaper than cutoff: the largest such goes into *bound
 * (-INFINITY without one). At most seconds; returns the binaries fixed. The master stays, its
 * binaries' bounds as P has them. */
int snp_price_probe(snp_price *pr, struct glp_prob *P, double cutoff, double seconds, double *fix,
                    double *bound,
                    snp_plugin_stats *st); /* st: calls, found = binaries fixed, rounds = LPs */
/* ---- rows held back until violated (lazy.c, plugin "lazy", docs/model.md 11.14) ----------
 * snp_lazy_create returns NULL when the model's shape does not call for it (an annual model
 * of at least 20,000 rows, at least half of them implied rows: m->implied_rows; any_size waives
 * the 20,000) or memory ran out. snp_lazy_hold, on P loaded from the model with an optimal basis
 * and no row added, deletes from P the implied rows whose slack is basic (the basis stays optimal;
 * P must be solved again to mark it so) and returns how many. snp_lazy_add, at GLP_IROWGEN with P
 * the tree's problem and node its current node, adds back as lazy rows the held rows P's LP point
 * violates, most violated first, and returns how many (0: none violated). */
typedef struct snp_lazy snp_lazy;
snp_lazy *snp_lazy_create(const sn_model *m, int any_size); /* any_size: tests */
int snp_lazy_hold(snp_lazy *lz, struct glp_prob *P);
int snp_lazy_add(snp_lazy *lz, struct glp_prob *P, int node);
/* The rows snp_lazy_hold held back deleted from Q too, a copy of the model (its rows in the
 * model's order) whose every solve fixes the binaries: glpk.c's LP of the flows on a fixed
 * network, which then needs none of them. Q's basis, P's before the rows were held back,
 * stays valid. Returns how many (0 when Q's rows are not the model's). */
int snp_lazy_strip(const snp_lazy *lz, struct glp_prob *Q);
int snp_lazy_held(const snp_lazy *lz); /* rows held back (0 for NULL) */
void snp_lazy_free(snp_lazy *lz);      /* accepts NULL */

/* The master's optimum at the end of the last snp_price_run that returned 0, else NAN. */
double snp_price_objective(const snp_price *pr);
void snp_price_free(snp_price *pr); /* accepts NULL */

/* The LP relaxation of m (integer columns continuous), solved whole from the slacks (price 0)
 * or by lp_price.c with its shape rule waived (price 1), then confirmed by GLPK's simplex on
 * the whole LP from the basis it left (glpk.c). 0 with the optimum in *obj and, with price,
 * the master's own optimum before the confirmation in *master and the plugin's figures in
 * *st; 1 when price had nothing to leave out; -1 otherwise. For tests and bench/. */
int snp_glpk_root_lp(const sn_model *m, int price, double *obj, double *master,
                     snp_plugin_stats *st);

#endif /* SN_SRC_SOLVE_SOLVE_INT_H */
