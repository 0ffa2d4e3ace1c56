/*
 * symnet.h - the only public header of symnet, a designer of industrial symbiosis networks.
 *
 * Pipeline: a region (JSON) is loaded into an sn_instance, validated, translated into a
 * mixed-integer linear program (sn_model, no solver types), solved with GLPK into an
 * sn_solution, and reported (JSON solution, text summary). Data flows one way:
 *
 *     sn_instance_load_file -> sn_model_build -> sn_solve -> sn_report_*
 *
 * Conventions:
 * - Every fallible function returns sn_status and fills a caller-owned sn_diag with the
 *   details (file, JSON path, line, column, message). Nothing is printed, nothing exits.
 * - Every object created by sn_x_create/sn_x_load/sn_x_build is freed with sn_x_free, which
 *   accepts NULL. Out-parameters are NULL after a failure.
 * - Amounts are per year in the resource's own unit; money is in the region's currency;
 *   emissions are in tonnes of CO2-equivalent. Fixed units are spelled in names (_km, _s, _yr).
 *
 * Threads: call the library from one thread at a time. Any thread may make the calls, and
 * objects may move between threads, as long as no two calls run at once, even on different
 * objects: every allocation updates process-wide counters without locking (the fault-injection
 * and leak counts of src/core/alloc.c), and every load of a region or solution file sets
 * cJSON's process-wide allocation hooks. A program that solves in several threads at once must
 * hold one lock around every sn_ call (GLPK itself keeps its state per thread). The one value
 * that may change during a call is *sn_params.interrupt, which a signal handler may set while
 * sn_solve runs.
 */
#ifndef SN_SYMNET_H
#define SN_SYMNET_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__) || defined(__clang__)
#define SN_NODISCARD __attribute__((warn_unused_result))
#else
#define SN_NODISCARD
#endif

#define SN_VERSION "0.1.0"

typedef enum sn_status {
    SN_OK = 0,
    SN_EINPUT,    /* the region or another input file is invalid */
    SN_ENOMEM,    /* an allocation failed */
    SN_EIO,       /* a file could not be read or written */
    SN_ESOLVER,   /* the solver failed (not: the region is infeasible) */
    SN_EINTERNAL, /* a bug: a model or solution failed a consistency check */
    SN_EUSAGE     /* bad parameters */
} sn_status;

/* One diagnostic. path is a JSON path such as facilities[3].supplies[0].amount, or "". */
typedef struct sn_error {
    sn_status code;
    char file[256];
    char path[256];
    int line; /* 1-based, 0 when unknown */
    int col;  /* 1-based, 0 when unknown */
    char message[512];
} sn_error;

#define SN_DIAG_MAX 20

/* Caller-owned list of diagnostics, in the order found; at most SN_DIAG_MAX are kept and
 * `dropped` counts the rest. Warnings do not make a call fail. */
typedef struct sn_diag {
    int count;
    int dropped;
    sn_error errors[SN_DIAG_MAX];
    int warning_count;
    int warnings_dropped;
    sn_error warnings[SN_DIAG_MAX];
} sn_diag;

void sn_diag_init(sn_diag *d);
/* Formats a diagnostic as "FILE: PATH: MESSAGE", or "FILE:LINE:COL: PATH: MESSAGE" when it has a
 * position (a syntax error; PATH is left out when empty). */
void sn_error_format(const sn_error *e, char *buf, size_t size);
const char *sn_status_name(sn_status s);

/* ---- instance ------------------------------------------------------------------------- */

typedef struct sn_instance sn_instance;

/* Reads and validates a region file. On SN_EINPUT, diag holds every problem found (in
 * document order, up to SN_DIAG_MAX). The caller frees *out with sn_instance_free. */
SN_NODISCARD sn_status sn_instance_load_file(const char *path, sn_instance **out, sn_diag *diag);

/* As above, from memory; `name` is used as the file name in messages. */
SN_NODISCARD sn_status sn_instance_load_string(const char *text, size_t len, const char *name,
                                               sn_instance **out, sn_diag *diag);
void sn_instance_free(sn_instance *inst);

const char *sn_instance_name(const sn_instance *inst);
/* The region's currency ("EUR"); "" when not given. Owned by inst. */
const char *sn_instance_currency(const sn_instance *inst);

/* Overrides of a region (docs/whatif.md), applied in the order added to its JSON before it is
 * read, so the changed region is validated like a file; a problem at or under a value an
 * override wrote says "(after --set ...)". SN_EDIT_SET takes "PATH=VALUE" (PATH in the syntax of
 * the error messages, list entries also by id or resource: facilities[gyproc].demands[gypsum]
 * .price; VALUE is JSON, or else text; null removes a key), SN_EDIT_SCENARIO a JSON Merge Patch
 * file (RFC 7386), SN_EDIT_FORCE / SN_EDIT_FORBID the id of a link, hub or corridor, or
 * FROM/TO/RESOURCE/MODE for a candidate link, SN_EDIT_WITHOUT a facility (removed with every
 * explicit link and corridor that names it). */
typedef enum sn_edit_kind {
    SN_EDIT_SET = 0,
    SN_EDIT_SCENARIO,
    SN_EDIT_FORCE,
    SN_EDIT_FORBID,
    SN_EDIT_WITHOUT,
    SN_EDIT_LAYOUT, /* a layout file: forces what it names, builds nothing else (evaluate) */
    SN_EDIT_WAYS    /* a GeoJSON file of LineStrings: the region's ways.lines (issue 18) */
} sn_edit_kind;

typedef struct sn_edits sn_edits;

SN_NODISCARD sn_status sn_edits_create(sn_edits **out);
void sn_edits_free(sn_edits *e);
/* Adds one override (copied); it is checked when applied. SN_ENOMEM, or SN_EUSAGE (NULL, or
 * a kind that is not an sn_edit_kind). */
SN_NODISCARD sn_status sn_edits_add(sn_edits *e, sn_edit_kind kind, const char *arg);
int sn_edits_count(const sn_edits *e);
/* Drops the overrides after the first n (the ones a question added). */
void sn_edits_truncate(sn_edits *e, int n);

/* Reads a region file with the overrides e (may be NULL or empty) applied. Every problem, of
 * the overrides or of the changed region, is in diag (SN_EINPUT). When effective is not NULL
 * it receives the changed region as indented JSON (free with sn_free). */
SN_NODISCARD sn_status sn_instance_load_file_edited(const char *path, const sn_edits *e,
                                                    sn_instance **out, char **effective,
                                                    sn_diag *diag);
void sn_free(void *p);

/* The overrides an instance was read with: "--set region.carbon_price=120", and what each did
 * ("" or, for --without, what it removed); NULL past the last. */
int sn_instance_edit_count(const sn_instance *inst);
const char *sn_instance_edit(const sn_instance *inst, int i);
const char *sn_instance_edit_effect(const sn_instance *inst, int i);
int sn_instance_facility_count(const sn_instance *inst);
/* The id of facility i (0 <= i < sn_instance_facility_count), owned by inst; NULL when out of
 * range. */
const char *sn_instance_facility_id(const sn_instance *inst, int i);

/* ---- model ---------------------------------------------------------------------------- */

typedef struct sn_model sn_model;

/* Model variants. SN_MODEL_NETWORK is the design problem; SN_MODEL_ELASTIC adds shortfall
 * variables to every hard requirement (served demands, taken supplies, budget, emission cap)
 * and minimises their weighted sum; SN_MODEL_ELASTIC_UNCAPPED does the same without the budget
 * and the emission cap. Both explain infeasibility (docs/model.md section 10). */
typedef enum sn_model_kind {
    SN_MODEL_NETWORK = 0,
    SN_MODEL_ELASTIC,
    SN_MODEL_ELASTIC_UNCAPPED,
    SN_MODEL_FAIR /* the design problem where no facility pays more than under business as
                     usual (docs/model.md section 12); its solutions report as NETWORK ones */
} sn_model_kind;

/* Builds the MILP for a valid instance. The model borrows inst: keep inst alive until the
 * model is freed. */
SN_NODISCARD sn_status sn_model_build(const sn_instance *inst, sn_model_kind kind, sn_model **out,
                                      sn_diag *diag);
void sn_model_free(sn_model *m);

int sn_model_rows(const sn_model *m);
int sn_model_cols(const sn_model *m);
int sn_model_binaries(const sn_model *m);
int sn_model_links(const sn_model *m);
int sn_model_links_pruned(const sn_model *m); /* candidates left out: they never pay */

typedef enum sn_model_format { SN_FORMAT_LP = 0, SN_FORMAT_MPS } sn_model_format;

/* Writes the exact model in CPLEX LP or free MPS format. */
SN_NODISCARD sn_status sn_model_write(const sn_model *m, sn_model_format fmt, const char *path,
                                      sn_diag *diag);

/* ---- solve ---------------------------------------------------------------------------- */

typedef enum sn_solution_status {
    SN_SOL_OPTIMAL = 0, /* proven optimal within the gap tolerance */
    SN_SOL_FEASIBLE,    /* a network was found; the limit stopped the proof (gap reported) */
    SN_SOL_INFEASIBLE,  /* proven: no network satisfies every requirement */
    SN_SOL_UNBOUNDED,   /* cannot happen for a valid region; reported, never hidden */
    SN_SOL_NO_SOLUTION  /* no network found within the limits, infeasibility not proven */
} sn_solution_status;

const char *sn_solution_status_name(sn_solution_status s);

/* Progress while the solver works; called from inside the solve, never concurrently. */
typedef struct sn_progress {
    double elapsed_s;
    int has_incumbent;
    double incumbent; /* best objective found, currency per year */
    double bound;     /* best proven lower bound */
    double gap;       /* relative gap, or -1 when unknown */
    int nodes_open;
    int nodes_done;
} sn_progress;

typedef void (*sn_progress_fn)(const sn_progress *p, void *ctx);

typedef struct sn_params {
    double time_limit_s;     /* wall time for the solve; 0 = no limit */
    double mip_gap;          /* relative gap at which the search stops; 0 = prove optimality */
    double progress_every_s; /* minimum seconds between progress calls */
    sn_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    int presolve; /* 1 = use GLPK's MIP presolver (only when search is 0) */
    int cuts;     /* 1 = GLPK's cutting planes (MIR, Gomory, cover, clique) and, with search,
                     symnet's flow and hub capacity covers (docs/model.md 11.4) */
    int search;   /* 1 = symnet's own primal heuristic and branching (docs/model.md 11.1) */
    /* Bit i set: symnet's solver plugin i (sn_plugin_name(i)) is off; sn_params_init sets the
     * bits of the plugins that are off by default, sn_params_disable one by name. */
    unsigned disabled_plugins;
    /* Set asynchronously (e.g. from a signal handler) to stop the search early; the best
     * network so far is kept. May be NULL. */
    volatile sig_atomic_t *interrupt;
    /* sn_run only */
    int fair; /* 1 = SN_MODEL_FAIR, after the unconstrained model (docs/model.md 12.2) */
    /* sn_run only: a network to try before any LP, as "link:ID", "hub:ID" and "corridor:ID"
     * (the plugin "start"; `symnet values` passes the optimum it varies). Borrowed. */
    const char *const *start;
    int n_start;
    /* sn_run only: what a neighbouring solve of a model with the same constraints left behind
     * (sn_solution_warm): its root LP basis and its cuts, used only when the new model's
     * constraints are identical to that model's (the plugins "carrybasis" and "carrycuts",
     * docs/model.md 11.9). Borrowed; NULL for none. */
    const struct sn_warm *warm;
    /* sn_run only: 1 keeps every candidate link, even those that never pay at these prices
     * (docs/model.md 2.2): the pruning depends on prices, so without it the models of an
     * objective-only sweep (a carbon price) have the same constraints and sn_params.warm
     * carries over from case to case (11.9). The optimum is the same either way. */
    int keep_links;
    /* 1: the solution keeps what a next solve with the same constraints can use
     * (sn_solution_warm: the root LP basis, the cuts, the network); 0 keeps nothing. */
    int keep_warm;
    /* Called by sn_run once the model is built, before solving (may be NULL), with
     * progress_ctx: e.g. to say how large the model is. */
    void (*on_model)(const struct sn_model *m, void *ctx);
} sn_params;

void sn_params_init(sn_params *p);
SN_NODISCARD sn_status sn_params_validate(const sn_params *p, sn_diag *diag);

/* symnet's solver plugins (docs/model.md 11): the heuristics "start", "first" and "rounding", the
 * separators "dicut", "flowcover" and "hubcap". sn_plugin_name(i) and sn_plugin_about(i) (a
 * one-line description) for i = 0, 1, ...; NULL past the last. Static strings. */
const char *sn_plugin_name(int i);
const char *sn_plugin_about(int i);
/* 1 when plugin i is on unless switched off (--disable), 0 when it is off unless switched on
 * (--enable) or i is past the table. */
int sn_plugin_default_on(int i);

/* Switches the plugin called `name` off in p (--disable NAME). SN_EUSAGE, with a message that
 * lists the valid names, when no plugin has that name; p is then unchanged. */
SN_NODISCARD sn_status sn_params_disable(sn_params *p, const char *name, sn_diag *diag);
/* Switches the plugin called `name` on in p (--enable NAME: one that is off by default, such as
 * "carrycuts"); the same errors as sn_params_disable. */
SN_NODISCARD sn_status sn_params_enable(sn_params *p, const char *name, sn_diag *diag);

typedef struct sn_solution sn_solution;

/* What a solve leaves for the next solve of a model with the same constraints (docs/model.md
 * 11.9): a fingerprint of the model's constraints (matrix, row and column bounds, column
 * kinds; not the objective), the root LP's optimal basis and the cuts symnet's separators
 * found. */
typedef struct sn_warm sn_warm;
/* The solution's (owned by it), or NULL when the solve left nothing (sn_params.keep_warm was
 * 0, no search of its own, the model was split into parts, or no memory). */
const sn_warm *sn_solution_warm(const sn_solution *s);
/* Writes w as text to f; SN_EIO when writing failed. */
SN_NODISCARD sn_status sn_warm_write(const sn_warm *w, FILE *f);
/* Reads what sn_warm_write wrote; *out (free with sn_warm_free) is NULL after a failure:
 * SN_EINPUT with the reason in diag, or SN_ENOMEM. */
SN_NODISCARD sn_status sn_warm_read(FILE *f, sn_warm **out, sn_diag *diag);
void sn_warm_free(sn_warm *w);

/* Solves the model. A region without a feasible network is not an error: the call returns
 * SN_OK with status SN_SOL_INFEASIBLE. The solution borrows the model. */
SN_NODISCARD sn_status sn_solve(const sn_model *m, const sn_params *p, sn_solution **out,
                                sn_diag *diag);
void sn_solution_free(sn_solution *s);

sn_solution_status sn_solution_status_get(const sn_solution *s);
int sn_solution_interrupted(const sn_solution *s);
/* Numerical trouble the solver met and could not settle (e.g. an infeasibility it could not
 * confirm, docs/outputs.md), or NULL. Owned by the solution. */
const char *sn_solution_warning(const sn_solution *s);
double sn_solution_objective(const sn_solution *s); /* currency per year; NAN without solution */
double sn_solution_bound(const sn_solution *s);
double sn_solution_gap(const sn_solution *s);
double sn_solution_time_s(const sn_solution *s);

/* Records the objective of the same region solved without the fairness rows, so that reports
 * of an SN_MODEL_FAIR solution can state what fairness costs the region. */
void sn_solution_set_unconstrained(sn_solution *s, double objective);

/* ---- result --------------------------------------------------------------------------- */

/* What a solve built and what it is worth, in the region's own terms (src/result/): built
 * links, hubs and corridors with their flows and costs, every facility's balance and
 * deliveries, business as usual, the cost breakdown, emissions, each partner's costs, and the
 * solution's status and proof. Built once; every report writes from it. It borrows inst, m
 * and s: keep them alive until the result is freed. */
typedef struct sn_result sn_result;

/* Builds the result of solution s of model m. SN_ENOMEM, or SN_EINTERNAL (with both values in
 * diag) when the network's annual cost, recomputed entity by entity, differs from the solver's
 * objective (relative 1e-6). *out is NULL after a failure. */
SN_NODISCARD sn_status sn_result_build(const sn_instance *inst, const sn_model *m,
                                       const sn_solution *s, sn_result **out, sn_diag *diag);
void sn_result_free(sn_result *r);
const sn_instance *sn_result_instance(const sn_result *r);
const sn_solution *sn_result_solution(const sn_result *r);
const sn_model *sn_result_model(const sn_result *r);

/* The one workflow every command runs (src/result/workflow.c): builds the region's model
 * (SN_MODEL_FAIR when p->fair), calls p->on_model, solves it (under fair, the unconstrained
 * model first, to state what fairness costs), builds the result, which self-checks the
 * network's cost (SN_EINTERNAL when it differs from the solver's objective), and for an
 * infeasible verdict solves the elastic models that explain it (docs/model.md 10), in what is
 * left of the time limit. An infeasible region or an unfinished search is not an error: see
 * the solution's status. The result owns its model and solution; it borrows inst. */
SN_NODISCARD sn_status sn_run(const sn_instance *inst, const sn_params *p, sn_result **out,
                              sn_diag *diag);
/* For an infeasible result of sn_run: the elastic model's result (uncapped 0) or the one
 * without the budget and emission cap (uncapped 1) that explain it; NULL otherwise. */
const sn_result *sn_result_explanation(const sn_result *r, int uncapped);

/* The discount rates, besides the region's own, at which the reports state the network's net
 * present value (docs/outputs.md, "Money"; `--discount-rate`): n fractions in [0, 1), e.g.
 * 0.035, replacing any set before. SN_EUSAGE, r unchanged, when r is NULL, n is negative or
 * above 16, or a rate is outside [0, 1). */
#define SN_DISCOUNT_RATES_MAX 16
SN_NODISCARD sn_status sn_result_set_discount_rates(sn_result *r, const double *rates, int n);

/* The network's annual cost (currency per year), NAN without a network. */
double sn_result_objective(const sn_result *r);

/* evaluate: records the region's optimum that this result (a layout's) is measured against:
 * its objective, whether it was proven optimal, and where it came from ("solved" or a
 * solution file); reports then state the layout's distance to it. */
void sn_result_set_optimum(sn_result *r, double optimum, int proven, const char *from);

/* Recomputes the network's annual cost entity by entity from the region and the solution's
 * decisions and compares it with the solver's objective (relative 1e-6). SN_EINTERNAL, with
 * the two values in diag, when they differ. */
SN_NODISCARD sn_status sn_solution_check(const sn_instance *inst, const sn_model *m,
                                         const sn_solution *s, sn_diag *diag);

/* ---- result accessors: the network without parsing JSON (issue 13) ----------------------
 *
 * What an embedding program reads from a result (src/result/access.c): the headline figures
 * and the built links and hubs, the same numbers the JSON solution writes (docs/outputs.md).
 * Money is in the region's currency (sn_result_currency), per year unless named capital;
 * capital is undiscounted; amounts are per year in the resource's own unit (sn_link_info.unit);
 * emissions in tonnes of CO2-equivalent per year. A figure the result does not have is NAN:
 * every network figure without a network (status infeasible or no solution), and business as
 * usual, savings and CO2 avoided when business as usual is infeasible (a supply without a
 * disposal cost or a demand without a price). Every string is owned by the result or by its
 * instance: valid until the result or the instance is freed, whichever comes first. */

/* The region's currency ("EUR"); "" when not given. */
const char *sn_result_currency(const sn_result *r);
/* Business as usual: the annual cost with nothing built (every supply disposed of, every demand
 * bought), and its emissions. Defined (not NAN) without a network too. */
double sn_result_bau(const sn_result *r);
double sn_result_bau_co2_t_per_yr(const sn_result *r);
/* sn_result_bau - sn_result_objective (the annual cost). */
double sn_result_savings(const sn_result *r);
/* Undiscounted capital of everything built: links, hubs and corridors. */
double sn_result_capital(const sn_result *r);
/* The network's emissions, and business as usual's minus the network's. */
double sn_result_co2_t_per_yr(const sn_result *r);
double sn_result_co2_avoided_t_per_yr(const sn_result *r);

/* One built link. sn_link_info and sn_hub_info are filled by the library and sized by the
 * caller: a field added to either changes the ABI, so it comes with a new soname
 * (libsymnet.so.N, Makefile). */
typedef struct sn_link_info {
    const char *id;       /* the link's `id` in links[], else FROM/TO/RESOURCE/MODE (as
                             --force and `symnet candidates` name it) */
    const char *from;     /* facility, hub or junction id of its tail */
    const char *to;       /* ... of its head */
    const char *resource; /* resource id */
    const char *unit;     /* the resource's unit ("t", "MWh") */
    const char *mode;     /* "pipe" or "truck" */
    double length_km;     /* the length costed: given, or straight line times detour */
    double flow;          /* sent per year, in unit */
    double delivered;     /* arriving per year: flow less a pipe's losses */
    double capital;       /* undiscounted */
    double annual_cost;   /* per year: annualised capital, operation, trips and carbon */
} sn_link_info;

/* Built links, in model order (that of the JSON solution's "links"); 0 without a network. */
int sn_result_link_count(const sn_result *r);
/* Built link i (0 <= i < sn_result_link_count) into *out; SN_EUSAGE, *out untouched, when i is
 * out of range or r or out is NULL. */
SN_NODISCARD sn_status sn_result_link(const sn_result *r, int i, sn_link_info *out);

/* One built hub. */
typedef struct sn_hub_info {
    const char *id;
    const char *kind;   /* the region's kind, "" when not given */
    double capacity;    /* of the option built: most input processed per year */
    double capital;     /* of the option built, undiscounted */
    double annual_cost; /* per year: annualised capital, fixed opex, processing and disposal of
                           outputs not shipped, carbon included (docs/format.md, "What symnet
                           minimises") */
} sn_hub_info;

/* Built hubs, in the region's order (that of the JSON solution's "hubs"); 0 without a
 * network. */
int sn_result_hub_count(const sn_result *r);
/* Built hub i (0 <= i < sn_result_hub_count) into *out; SN_EUSAGE, *out untouched, when i is
 * out of range or r or out is NULL. */
SN_NODISCARD sn_status sn_result_hub(const sn_result *r, int i, sn_hub_info *out);

/* ---- allocation: who gains what (docs/model.md section 13) ------------------------------- */

/* How the region's savings are split among its facilities. SN_ALLOCATION_USE: each facility
 * keeps what it saves itself, shared costs split by the value each gets from them (12.1);
 * SN_ALLOCATION_SHAPLEY: each facility's Shapley value of the coalition game (13.1). Every
 * result starts with the use rule; sn_result_allocate switches it to Shapley. Both come with
 * transfer prices on the exchanges (13.4) that carry the split. */
typedef enum sn_allocation_rule { SN_ALLOCATION_USE = 0, SN_ALLOCATION_SHAPLEY } sn_allocation_rule;

/* "use" or "shapley" into *out; SN_EUSAGE with a message naming both otherwise. */
SN_NODISCARD sn_status sn_allocation_parse(const char *name, sn_allocation_rule *out,
                                           sn_diag *diag);

/* The coalition game of an optimal result (src/result/game.c): v(S) is the savings of the
 * network coalition S builds alone (the region without the other facilities; hubs, junctions
 * and corridors open to every coalition). Facilities no candidate link touches are null players
 * (value 0, in no coalition); players in parts of the region that no candidate link, hub,
 * corridor, budget or emission cap joins form independent components. Each component is
 * played exactly up to SN_GAME_EXACT_MAX players (every coalition), above that by `samples`
 * random orders drawn from `seed` (reproducible), with a 95 % confidence interval. Question i
 * (0 <= i < sn_game_count) is the region without the facilities sn_game_without lists, solved
 * by sn_run (start it from sn_game_start); its answer (sn_game_answer, or as received from a
 * worker process) is stored with sn_game_record. Borrows r; SN_EINPUT (in diag) when r has no
 * network or no business as usual (a facility without one has no savings to split). */
#define SN_GAME_EXACT_MAX 16
typedef struct sn_game sn_game;
SN_NODISCARD sn_status sn_game_plan(const sn_result *r, int samples, unsigned long seed,
                                    sn_game **out, sn_diag *diag);
void sn_game_free(sn_game *g);
int sn_game_count(const sn_game *g);   /* coalitions to solve */
int sn_game_players(const sn_game *g); /* facilities that are not null players */
/* The facilities coalition i leaves out (ids owned by the region; the array by g, valid until
 * the next call); *n receives how many. NULL when i is out of range. */
const char *const *sn_game_without(sn_game *g, int i, int *n);
/* The optimum's built elements as sn_params.start names; *n receives how many. Owned by g. */
const char *const *sn_game_start(const sn_game *g, int *n);
/* A coalition's answer from its result: the solution status (sn_solution_status) and the
 * savings (NAN without a network). */
SN_NODISCARD sn_status sn_game_answer(const sn_result *coalition, int *status, double *savings);
SN_NODISCARD sn_status sn_game_record(sn_game *g, int i, int status, double savings);
/* With every coalition recorded: sets r's allocation to the Shapley values, checks the core
 * (exact components: every coalition), finds the core allocation that maximises the smallest
 * gain, and the transfer prices. SN_ESOLVER (in diag) when a coalition has no value (its solve
 * found no network), SN_EUSAGE when g was not planned from r, SN_ENOMEM, SN_EINTERNAL when the
 * prices fail their check. */
SN_NODISCARD sn_status sn_result_allocate(sn_result *r, const sn_game *g, sn_diag *diag);

/* ---- report: writers of a result ------------------------------------------------------- */

/* Writes the full solution as JSON (symnet-solution/1, docs/outputs.md). */
SN_NODISCARD sn_status sn_report_write_json(const sn_result *r, FILE *f);

/* Writes the human-readable summary (status, costs against business as usual, links, hubs). */
SN_NODISCARD sn_status sn_report_write_summary(const sn_result *r, FILE *f);

/* Writes the network as a GeoJSON FeatureCollection (RFC 7946, docs/outputs.md): facilities
 * and built hubs as Points, built links as LineStrings, in [lon, lat] order. A planar_km
 * region is written in its own km coordinates and says so in the top-level "coordinates". */
SN_NODISCARD sn_status sn_report_write_geojson(const sn_result *r, FILE *f);

/* Writes one self-contained HTML report (inline CSS and SVG, no scripts, no network access):
 * headline figures, map, cost breakdown, partners, assumptions, solver status. */
SN_NODISCARD sn_status sn_report_write_html(const sn_result *r, FILE *f);

/* Writes facility f's own page (solve --partner-reports): its exchanges with amounts and
 * transfer prices, its costs and gains, and the region's totals, with no other partner's costs,
 * prices or amounts (docs/outputs.md, "Partner pages"). SN_EUSAGE when f is out of range. */
SN_NODISCARD sn_status sn_report_write_partner_html(const sn_result *r, int f, FILE *out);

/* v for people, as every text report writes it: thousands grouped, `decimals` digits, no
 * exponent ("2,708,108.77"); "n/a" when not finite. buf should hold 48 bytes; returns buf. */
const char *sn_format_number(char *buf, size_t size, double v, int decimals);

/* The CSV tables of a solution (docs/outputs.md), each with a header row. */
typedef enum sn_csv_table {
    SN_CSV_LINKS = 0,
    SN_CSV_HUBS,
    SN_CSV_FACILITIES,
    SN_CSV_COSTS,
    SN_CSV_PARTNERS,
    SN_CSV_CORRIDORS, /* corridors built: id, ends, length, capital */
    SN_CSV_FIGURES,   /* headline figures, money and jobs (docs/outputs.md) */
    SN_CSV_TRENCHES,  /* trenches of the ways used (issue 18); a header only without ways */
    SN_CSV_PERIODS,   /* periods.csv: flows per period; only a header for an annual region */
    SN_CSV_COUNT
} sn_csv_table;

/* File name of table t ("links.csv", ...). */
const char *sn_csv_table_file(sn_csv_table t);
SN_NODISCARD sn_status sn_report_write_csv(const sn_result *r, sn_csv_table t, FILE *f);

/* Explains an infeasible region: one line per requirement that cannot be met, in the user's
 * names with JSON paths. `elastic` is the result of the SN_MODEL_ELASTIC model's solution,
 * `uncapped` that of the SN_MODEL_ELASTIC_UNCAPPED one (may be NULL), which tells a
 * requirement no network can meet from one that conflicts with the budget or emission cap. */
SN_NODISCARD sn_status sn_report_write_infeasibility(const sn_result *elastic,
                                                     const sn_result *uncapped, FILE *f);

/* The objective of a solution file with a network (status optimal or feasible; *proven is 1
 * for optimal). SN_EINPUT (JSON path in diag) for a malformed file or one without a network,
 * SN_EIO when unreadable. Check it against its region first with sn_solution_verify_file. */
SN_NODISCARD sn_status sn_solution_file_objective(const char *path, double *objective, int *proven,
                                                  sn_diag *diag);

/* ---- candidates: what could be built, without solving ------------------------------------ */

/* Every candidate of a region (docs/whatif.md, `symnet candidates`): the links offered to the
 * solver, the generated ones left out because they never pay (with why), hubs and corridors.
 * Borrows inst. SN_EINPUT for a pipe that loses all its flow (as sn_model_build), SN_ENOMEM. */
typedef struct sn_candidates sn_candidates;
SN_NODISCARD sn_status sn_candidates_build(const sn_instance *inst, sn_candidates **out,
                                           sn_diag *diag);
void sn_candidates_free(sn_candidates *c);

typedef enum sn_table_format { SN_TABLE_TEXT = 0, SN_TABLE_CSV, SN_TABLE_JSON } sn_table_format;

/* Writes the candidates as a table for people, CSV (one row per candidate, header row) or JSON
 * (symnet-candidates/1); docs/outputs.md. */
SN_NODISCARD sn_status sn_report_write_candidates(const sn_candidates *c, sn_table_format fmt,
                                                  FILE *f);

/* ---- values: what each element is worth (docs/whatif.md, `symnet values`) ---------------- */

/* The questions asked of an optimal result (the SN_VALUES_ bits below): each built link, hub
 * and corridor forbidden; each candidate not built forced; each facility removed. Question i is the
 * region with one more override (sn_values_question: its kind and argument), solved by sn_run; its
 * answer (sn_values_answer, from the variant's result, or as received from a worker process)
 * is stored with sn_values_record. Borrows opt. */
typedef struct sn_values sn_values;
/* Which questions sn_values_plan asks (bits). */
#define SN_VALUES_BUILT 1u      /* each built link, hub and corridor, forbidden */
#define SN_VALUES_CANDIDATES 2u /* each candidate not built, forced */
#define SN_VALUES_PARTNERS 4u   /* each facility, removed */
SN_NODISCARD sn_status sn_values_plan(const sn_result *opt, unsigned questions, sn_values **out,
                                      sn_diag *diag);
void sn_values_free(sn_values *v);
int sn_values_count(const sn_values *v);
/* The optimum's built elements as sn_params.start names; *n receives how many. Owned by v. */
const char *const *sn_values_start(const sn_values *v, int *n);
sn_edit_kind sn_values_question(const sn_values *v, int i, const char **arg);
/* The answer to question i from the variant's result: status (sn_solution_status), objective
 * and business as usual (NAN when none) and what it builds differently from the optimum
 * ("+link:ID -hub:ID ...", at most size bytes). */
SN_NODISCARD sn_status sn_values_answer(const sn_values *v, int i, const sn_result *variant,
                                        int *status, double *objective, double *bau, char *changes,
                                        size_t size);
SN_NODISCARD sn_status sn_values_record(sn_values *v, int i, int status, double objective,
                                        double bau, const char *changes);
/* The table: values of built elements, break-even falls of candidates, partners. */
SN_NODISCARD sn_status sn_report_write_values(const sn_values *v, sn_table_format fmt, FILE *f);

/* ---- explore: the cost-CO2 frontier and near-optimal alternatives (issue 16) -------------
 *
 * `symnet pareto` and `symnet alternatives` (src/result/explore.c, docs/pareto.md). Every case
 * is an ordinary sn_run of the region with overrides of region.objective, region.co2_cap_t_per_yr,
 * region.cost_cap and region.exclude_layouts (docs/format.md); these objects only decide which
 * cases to ask next and hold their answers, whichever process solved them. */

/* What r's network builds (built 1: its links, hubs and corridors as the solution lists them)
 * or could build and does not (built 0: every other candidate link, hub and corridor of its
 * model), as "link:ID", "hub:ID" and "corridor:ID" separated by single spaces, sorted. *out is
 * allocated (free with sn_free), "" without a network. SN_OK or SN_ENOMEM. */
SN_NODISCARD sn_status sn_result_layout(const sn_result *r, int built, char **out);

/* One point of the frontier, or one alternative: the answer of one case. */
typedef struct sn_explore_point {
    int status;          /* sn_solution_status of the solve that gave it */
    double cost;         /* annual cost, currency per year; NAN without a network */
    double co2_t_per_yr; /* the network's emissions */
    double capital;      /* undiscounted */
    double gap;          /* relative gap of that solve (on its objective), NAN without one */
    double gap_first;    /* of the lexicographic first stage (least CO2 or least cost), or NAN */
    double co2_cap;      /* the emission cap it was solved under; INFINITY: none */
    const char *layout;  /* sn_result_layout(built 1); copied by the add functions */
} sn_explore_point;

typedef struct sn_frontier sn_frontier;

/* An empty frontier. A point found between two others is kept, and the two intervals it makes
 * are refined further, when it lies off their chord by more than `tolerance` (> 0) times the
 * cost range of the end points; at most max_points (>= 2) points. SN_EUSAGE or SN_ENOMEM. */
SN_NODISCARD sn_status sn_frontier_create(double tolerance, int max_points, sn_frontier **out);
void sn_frontier_free(sn_frontier *f);
/* Adds an end point (the least cost, or the least CO2 then least cost); copies p. */
SN_NODISCARD sn_status sn_frontier_add_end(sn_frontier *f, const sn_explore_point *p);
/* The next emission caps to solve at (the middle of each interval not yet settled), at most
 * max, into caps[], with the layout of each interval's lower-emission end (feasible under the
 * cap: the incumbent to start from) in start[] (owned by f). Returns how many; 0 when the
 * frontier is finished, -1 without memory. Each probe must be answered (sn_frontier_answer)
 * before the next call. */
int sn_frontier_probes(sn_frontier *f, double *caps, const char **start, int max);
/* The answer to probe i of the last sn_frontier_probes call; p NULL or without a network
 * settles its interval (the failure is counted). */
SN_NODISCARD sn_status sn_frontier_answer(sn_frontier *f, int i, const sn_explore_point *p);
int sn_frontier_count(const sn_frontier *f);
/* Point i (by emissions, highest first: the least cost first); NULL out of range. */
const sn_explore_point *sn_frontier_point(const sn_frontier *f, int i);
/* Probes that found no network within the limits. */
int sn_frontier_failed(const sn_frontier *f);

/* The frontier as a table (text, CSV with a header row, JSON symnet-pareto/1; docs/outputs.md)
 * in `currency`, and as an SVG chart of cost against emissions. */
SN_NODISCARD sn_status sn_report_write_frontier(const sn_frontier *f, const char *currency,
                                                sn_table_format fmt, FILE *out);
SN_NODISCARD sn_status sn_report_write_frontier_svg(const sn_frontier *f, const char *currency,
                                                    FILE *out);

typedef struct sn_alternatives sn_alternatives;

/* The alternatives within `slack` (>= 0) of an optimum: sn_alternatives_add the optimum first,
 * then each alternative found. SN_EUSAGE or SN_ENOMEM. */
SN_NODISCARD sn_status sn_alternatives_create(double slack, sn_alternatives **out);
void sn_alternatives_free(sn_alternatives *a);
SN_NODISCARD sn_status sn_alternatives_add(sn_alternatives *a, const sn_explore_point *p);
int sn_alternatives_count(const sn_alternatives *a); /* the optimum included */
const sn_explore_point *sn_alternatives_get(const sn_alternatives *a, int i);
/* The cost cap of every alternative: the optimum's cost plus slack times its magnitude. */
double sn_alternatives_cost_cap(const sn_alternatives *a);
/* The layouts so far as a JSON array of arrays of names, for region.exclude_layouts. *out is
 * allocated (sn_free). SN_OK or SN_ENOMEM. */
SN_NODISCARD sn_status sn_alternatives_exclude_json(const sn_alternatives *a, char **out);
/* Why the search ended: SN_ALT_COUNT (as many as asked), SN_ALT_NONE_LEFT (proven: no other
 * layout within the slack), SN_ALT_NOT_FOUND (none found within the limits, not proven). */
typedef enum sn_alt_end { SN_ALT_COUNT = 0, SN_ALT_NONE_LEFT, SN_ALT_NOT_FOUND } sn_alt_end;
void sn_alternatives_set_end(sn_alternatives *a, sn_alt_end end);
SN_NODISCARD sn_status sn_report_write_alternatives(const sn_alternatives *a, const char *currency,
                                                    sn_table_format fmt, FILE *out);

/* ---- cases: many solves of one region (sweep, sample; docs/explore.md) ------------------ */

/* A plan of cases and their table (src/result/cases.c). Each case is the region with one
 * "--set PATH=VALUE" override per parameter (sn_cases_set_arg), solved by sn_run; its answer
 * (sn_case_answer, one line of text, as passed between processes and kept in a run's state
 * file) is stored with sn_cases_record, in any order. The table writers derive everything else
 * (savings, what changed from the previous case, built frequencies, quantiles) from the
 * recorded answers, so the table does not depend on how or where the cases were solved. */
typedef struct sn_cases sn_cases;

typedef enum sn_cases_kind {
    SN_CASES_SWEEP = 0, /* every combination of the parameters' values (a grid) */
    SN_CASES_SAMPLE     /* n cases, each parameter drawn from its distribution */
} sn_cases_kind;

SN_NODISCARD sn_status sn_cases_create(sn_cases_kind kind, sn_cases **out);
void sn_cases_free(sn_cases *c);
/* Sweep: adds parameter PATH (an override path, e.g. region.carbon_price) with its values:
 * "a,b,c" (numbers) or, with range set, "FROM:TO:STEPS" (STEPS evenly spaced values from FROM
 * to TO, both included; STEPS >= 1, and FROM == TO when it is 1). SN_EUSAGE with a message
 * naming the option for a malformed or empty list. */
SN_NODISCARD sn_status sn_cases_add_values(sn_cases *c, const char *path, const char *values,
                                           int range, sn_diag *diag);
/* Sample: adds "PATH=DIST": uniform:A:B, triangular:A:MODE:B, normal:MEAN:SD or
 * lognormal:MU:SIGMA (ln X normal with mean MU and standard deviation SIGMA). SN_EUSAGE. */
SN_NODISCARD sn_status sn_cases_add_distribution(sn_cases *c, const char *spec, sn_diag *diag);
/* Fixes the cases: a sweep's grid (the last parameter varies fastest; n and seed unused), or
 * n draws from seed (case i's parameter k is a function of seed, i and k only, so it does not
 * depend on the order or the process in which cases are solved). SN_EUSAGE (no parameter, n
 * outside 1..SN_CASES_MAX, a grid larger than that), SN_ENOMEM. */
#define SN_CASES_MAX 100000
SN_NODISCARD sn_status sn_cases_plan(sn_cases *c, int n, unsigned long long seed, sn_diag *diag);
sn_cases_kind sn_cases_kind_get(const sn_cases *c);
int sn_cases_count(const sn_cases *c);
int sn_cases_param_count(const sn_cases *c);
const char *sn_cases_param(const sn_cases *c, int k);
double sn_cases_value(const sn_cases *c, int i, int k);
/* The override of case i's parameter k, "PATH=VALUE" (VALUE reads back to the same double),
 * into buf; SN_EUSAGE when it does not fit or i, k are out of range. */
SN_NODISCARD sn_status sn_cases_set_arg(const sn_cases *c, int i, int k, char *buf, size_t size);
/* Case i's answer from its result: one line, "STATUS GAP OBJECTIVE BAU CAPITAL CO2 BAU_CO2
 * ID..." (IDs: link:ID, hub:ID, corridor:ID built). Free *line with sn_free. SN_ENOMEM. */
SN_NODISCARD sn_status sn_case_answer(const sn_result *r, char **line);
/* Stores case i's answer line; SN_EINPUT (a malformed line, in diag) or SN_ENOMEM. A case may
 * be recorded again (the later answer is kept). */
SN_NODISCARD sn_status sn_cases_record(sn_cases *c, int i, const char *line, sn_diag *diag);
int sn_cases_done(const sn_cases *c, int i);
/* What case i built (after it is recorded), as sn_params.start names; *n receives how many.
 * Owned by c. */
const char *const *sn_cases_built(const sn_cases *c, int i, int *n);

/* The table of the recorded cases (docs/outputs.md, "Case tables"): for people, CSV (one row
 * per case) or JSON (symnet-cases/1, with the break points, and for a sample the built
 * frequency of every element and the quantiles of cost, savings and CO2). Cases not recorded
 * are left out (an interrupted run). */
SN_NODISCARD sn_status sn_report_write_cases(const sn_cases *c, sn_table_format fmt, FILE *f);
/* A self-contained SVG chart: a sweep's annual cost, savings and CO2 against its first
 * parameter (against the case number for a grid), break points marked; a sample's histograms
 * of the same three figures. */
SN_NODISCARD sn_status sn_report_write_cases_svg(const sn_cases *c, FILE *f);

/* ---- verify --------------------------------------------------------------------------- */

/* The independent solution checker (src/verify/, docs/testing.md): reads a solution file as
 * written by sn_report_write_json and recomputes, from the region data alone, every balance,
 * capacity, quality limit, budget, emission cap and cost, and the objective (relative 1e-6).
 * It shares no code with the model builder. SN_OK when everything agrees; SN_EINTERNAL when
 * the solution disagrees with the region (every disagreement in diag as "FILE: PATH: WHAT:
 * expected X, got Y", up to SN_DIAG_MAX); SN_EINPUT when it is not a well-formed
 * symnet-solution/1 document (JSON paths in diag); SN_EIO when it cannot be read; SN_ENOMEM. */
SN_NODISCARD sn_status sn_solution_verify_file(const sn_instance *inst, const char *path,
                                               sn_diag *diag);

/* As above from memory; `name` is used as the file name in messages. */
SN_NODISCARD sn_status sn_solution_verify_string(const sn_instance *inst, const char *text,
                                                 size_t len, const char *name, sn_diag *diag);

/* ---- compare: two solution files ------------------------------------------------------ */

/* The comparison of two solution files (symnet compare, src/result/compare.c): B's network
 * against A's, of one region or of a region and a variant. Links are matched by (from, to,
 * resource, mode), hubs and corridors by id; each is added, removed, resized (another pipe size
 * or hub capacity), flow changed, cost changed or unchanged (relative 1e-6). Every headline
 * figure and every facility's annual cost is given under A and B with B - A. */
typedef struct sn_comparison sn_comparison;

/* Reads both files (symnet-solution/1) and compares them. SN_EIO when one cannot be read;
 * SN_EINPUT when one is malformed (every problem with its JSON path in diag) or when their
 * currencies differ (money in two currencies cannot be compared); SN_ENOMEM. Files of two
 * regions with different names are compared, with a warning in diag (and in the comparison's
 * JSON). The caller frees *out with sn_comparison_free; *out is NULL after a failure. */
SN_NODISCARD sn_status sn_comparison_create(const char *path_a, const char *path_b,
                                            sn_comparison **out, sn_diag *diag);
void sn_comparison_free(sn_comparison *c);

/* Writes the comparison for people: what B adds, removes and changes, the headline figures
 * and every partner's cost under A and B with the change (signed, thousands grouped). */
SN_NODISCARD sn_status sn_report_write_compare_summary(const sn_comparison *c, FILE *f);

/* Writes the comparison as JSON (symnet-compare/1, docs/outputs.md). */
SN_NODISCARD sn_status sn_report_write_compare_json(const sn_comparison *c, FILE *f);

/* Writes one self-contained HTML page (no scripts, no network access): the headline figures,
 * both networks on one map (links only in A, only in B and in both drawn in three styles), and
 * the tables of changes and partners. Files without locations (written before solution files
 * carried them) get the tables and a note instead of the map. */
SN_NODISCARD sn_status sn_report_write_compare_html(const sn_comparison *c, FILE *f);

/* ---- screen: every match ranked on its own, before any design (issue 14) ----------------- */

/* `symnet screen` (src/result/screen.c, docs/outputs.md "Screening"): every feasible
 * supplier-to-user match, direct (each mode of the resource within its max_km, and explicit
 * links[] between facilities, minus forbidden ones) or through one hub (supplier -> hub ->
 * user, the hub's smallest capacity option), priced on its own with the model's link pricing
 * and ranked by what it would save per year, without solving anything. The screen borrows
 * inst: keep it alive until the screen is freed. */
typedef struct sn_screen sn_screen;

/* Screens inst, keeping the `keep` best-ranked matches (0: SN_SCREEN_KEEP). SN_OK or
 * SN_ENOMEM; *out is NULL after a failure. Free with sn_screen_free. */
#define SN_SCREEN_KEEP 10000
SN_NODISCARD sn_status sn_screen_build(const sn_instance *inst, size_t keep, sn_screen **out,
                                       sn_diag *diag);
void sn_screen_free(sn_screen *sc);
const sn_instance *sn_screen_instance(const sn_screen *sc);

/* How many matches of one kind (direct, or through a hub) were looked at. */
typedef struct sn_screen_counts {
    long long screened;         /* pairs within reach of some mode (or joined by links[]) */
    long long quality_excluded; /* left out: the supply's quality breaks the demand's limits */
    long long feasible;         /* screened - quality_excluded */
    long long paying;           /* priced on both sides and saving > 0 */
    long long flagged;          /* a must-take supply or a must-serve demand: no saving */
} sn_screen_counts;

void sn_screen_counts_get(const sn_screen *sc, int hub_routes, sn_screen_counts *out);

/* Matches kept, ranked: the paying ones by annual saving, best first, then the flagged ones
 * (by the saving of their priced side). At most `keep`; sn_screen_truncated is 1 when more
 * matches paid or were flagged than were kept. */
size_t sn_screen_count(const sn_screen *sc);
int sn_screen_truncated(const sn_screen *sc);

/* One ranked match. Strings are owned by the screen or its instance. Amounts are per year. */
typedef struct sn_screen_match {
    const char *id;       /* direct: the link id (links[] id, else FROM/TO/RESOURCE/MODE);
                             hub route: its two link ids joined by "+" */
    const char *supplier; /* facility ids */
    const char *user;
    const char *hub;                /* NULL for a direct match */
    const char *resource;           /* sent by the supplier */
    const char *delivered_resource; /* arriving at the user (a hub's output, or resource) */
    const char *demand_resource;    /* the demand it meets (a substitute's demand) */
    const char *mode;               /* "pipe", "truck"; hub route "truck+pipe" etc. */
    double length_km;               /* both legs of a hub route */
    double amount;                  /* sent by the supplier, in the supplier's resource unit */
    double delivered;               /* units of the demand met */
    double saving;       /* currency per year at `amount` (flagged: the priced side only) */
    double fixed_annual; /* currency per year once built, whatever flows */
    double unit_margin;  /* currency per unit sent: value less per-unit and per-trip costs */
    double break_even;   /* amount sent per year that pays the fixed cost; INFINITY: never;
                            NAN for a flagged match */
    double capital;      /* undiscounted, at `amount` */
    double co2_avoided_t_per_yr;
    int must_take;  /* the supply has no disposal_cost: the network must take it */
    int must_serve; /* the demand has no price: the network must serve it */
} sn_screen_match;

/* Match i (0-based rank) into *out; 0, or -1 when i is out of range. */
int sn_screen_match_get(const sn_screen *sc, size_t i, sn_screen_match *out);

/* Writers of a screen: the top `top` matches (0: all kept) as a text table with the counts; every
 * kept match as CSV with a header row (docs/outputs.md); a self-contained HTML page with the
 * counts and the top `top` matches. */
SN_NODISCARD sn_status sn_report_write_screen_text(const sn_screen *sc, size_t top, FILE *f);
SN_NODISCARD sn_status sn_report_write_screen_csv(const sn_screen *sc, FILE *f);
SN_NODISCARD sn_status sn_report_write_screen_html(const sn_screen *sc, size_t top, FILE *f);

#endif /* SN_SYMNET_H */
