/*
 * model_int.h - the MILP of a region (sn_model): columns, rows, a row-wise sparse matrix and
 * the map from every column back to the entity it belongs to. No solver types here; the
 * formulation is docs/model.md, and each constraint family in build.c cites its section.
 *
 * Stage: sn_instance -> [model] -> sn_solution. Indices are 0-based.
 */
#ifndef SN_SRC_MODEL_MODEL_INT_H
#define SN_SRC_MODEL_MODEL_INT_H

#include "../instance/instance_int.h"

typedef enum snp_col_kind { SNP_COL_CONT = 0, SNP_COL_BIN, SNP_COL_INT } snp_col_kind;

/* Why a column exists: lets reports and diagnostics name it without parsing its name. */
typedef enum snp_col_role {
    SNP_ROLE_FLOW = 0,       /* link flow (a = link, b = commodity) */
    SNP_ROLE_DEST_FLOW,      /* link flow bound for one destination (a = link, b = node): 8.7 */
    SNP_ROLE_LINK_BUILD,     /* link built (a = link, b = size index or -1) */
    SNP_ROLE_TRIPS,          /* trucks per year (a = link) */
    SNP_ROLE_DISPOSE,        /* supply disposed (a = facility, b = supply) */
    SNP_ROLE_PURCHASE,       /* virgin input bought (a = facility, b = demand) */
    SNP_ROLE_ALLOC,          /* delivered to a demand (a = alloc index) */
    SNP_ROLE_HUB_SIZE,       /* hub built with capacity option (a = hub, b = option) */
    SNP_ROLE_HUB_PROCESS,    /* hub input processed (a = hub, b = input) */
    SNP_ROLE_HUB_DISPOSE,    /* hub output disposed (a = hub, b = output) */
    SNP_ROLE_CORRIDOR,       /* corridor built (a = corridor) */
    SNP_ROLE_TRENCH,         /* trench of the way graph built (a = instance trench): 8.4 */
    SNP_ROLE_SLACK,          /* elastic model: violation of requirement (a = snp_slack index) */
    SNP_ROLE_FAIR_SHARE,     /* --fair: facility a's share of the shared costs (fair.c) */
    SNP_ROLE_PERIOD_FLOW,    /* periods.c: flow sent on link a in period b (model.md 14) */
    SNP_ROLE_PERIOD_ALLOC,   /* periods.c: period allocation a (snp_period_alloc), period b */
    SNP_ROLE_PERIOD_PROCESS, /* periods.c: hub a processes input (b / n_periods) in period
                                (b % n_periods) */
    SNP_ROLE_PERIOD_PEAK,    /* periods.c: the size link a is built for, annual-equivalent */
    SNP_ROLE_STORE_SIZE,     /* periods.c: hub a's store built with option b (14.10) */
    SNP_ROLE_STORE_LEVEL     /* periods.c: hub a's store holds this at the end of period b */
} snp_col_role;

typedef struct snp_col {
    double lb, ub, obj;
    snp_col_kind kind;
    snp_col_role role;
    int a, b;
    size_t name; /* offset into names */
} snp_col;

typedef struct snp_row {
    double lb, ub; /* -INFINITY / INFINITY when free on that side */
    size_t start;  /* into idx/val */
    size_t name;
} snp_row;

/* A commodity: a resource, tagged by origin when its quality must be tracked. */
typedef struct snp_commodity {
    int resource;
    int origin_node;       /* facility or hub node, -1 for an untracked resource */
    int origin_item;       /* supply index (facility) or output index (hub), -1 untracked */
    const double *quality; /* attribute values of the origin, NULL untracked */
} snp_commodity;

/* A candidate link with everything the formulation needs, costs already per year. */
typedef struct snp_link {
    int tail, head; /* nodes */
    int resource;
    snp_mode mode;
    int spec;     /* index into instance links, -1 when generated */
    int corridor; /* index into corridors, -1 none */
    /* over the ways (routes.c, model.md 2.3): the trenches a pipe runs in (8.4) or a truck
     * drives along, tail to head, in the model's arena; NULL when not routed (a route may be
     * empty, n_route == 0, when both ends connect to the same point of the ways) */
    int routed; /* 1 when it runs over the ways (whether or not route was kept) */
    int n_route;
    const int *route;
    double zone_charge; /* trucks over the ways: zone surcharges per trip (currency) */
    int forced;
    double length_km;
    double arrive;        /* fraction of the flow sent that arrives, in (0, 1] */
    double bound;         /* tightest upper bound on flow sent (section 3.1 of model.md) */
    double fixed_capital; /* capital when built (without size), currency */
    double fixed_annual;  /* annual cost when built (incl. annualised fixed_capital) */
    double unit_capital;  /* capital per unit of flow sent */
    double unit_annual;   /* annual cost per unit sent (incl. annualised unit_capital, carbon) */
    double unit_co2;      /* t per unit sent */
    double crf;           /* capital recovery factor of this link's assets */
    double trip_capacity; /* > 0 when trips are charged */
    double trip_cost;
    int n_sizes; /* > 0: discrete sizes from the resource's pipe spec */
    const snp_size_option *sizes;
    int col_build;  /* binary, -1 none (sizes: first of n_sizes binaries) */
    int col_trips;  /* -1 none */
    int first_flow; /* flow columns first_flow .. first_flow+n_comm-1 */
    int n_comm;
    int *comm; /* commodity index of each flow column */
    int needs_binary;
    int first_dest; /* destination columns (section 8.7), -1 none: one per node of */
    int n_dest;     /* dest_nodes, in that order */
    const int *dest_nodes;
} snp_link;

/* A generated candidate left out because it never pays (model.md 2.2): at most link.bound
 * units a year at `margin` per unit cannot cover `fixed` a year. */
typedef struct snp_pruned {
    snp_link link;
    double margin; /* currency per unit sent: value at both ends less the unit cost */
    double fixed;  /* annual fixed cost (with the cheapest size) */
} snp_pruned;

/* An allocation: part of a facility's inflow of one commodity assigned to one demand. */
typedef struct snp_allocation {
    int facility, demand, commodity;
    double ratio; /* demand units met per unit delivered */
    int col;
} snp_allocation;

typedef enum snp_slack_kind {
    SNP_SLACK_DEMAND = 0, /* must-serve demand short (a = facility, b = demand) */
    SNP_SLACK_SUPPLY,     /* must-take supply left over (a = facility, b = supply) */
    SNP_SLACK_BUDGET,
    SNP_SLACK_CO2,
    SNP_SLACK_COST,  /* region.cost_cap exceeded (9.3) */
    SNP_SLACK_LAYOUT /* excluded layout a repeated (9.4) */
} snp_slack_kind;

typedef struct snp_slack {
    snp_slack_kind kind;
    int a, b;
    int col;
} snp_slack;

/* A demand's intake of one accepted periodic resource in each period (model.md 14.4). */
typedef struct snp_period_alloc {
    int facility, demand, resource;
    double ratio;
    int col; /* first of n_periods columns */
} snp_period_alloc;

typedef struct snp_route {
    double length_km;
    double zone_charge; /* trucks: currency per trip of the zones' truck-km surcharges */
    int n;
    const int *trenches; /* tail to head; NULL when not asked for */
} snp_route;

struct sn_model {
    const sn_instance *inst;
    sn_model_kind kind;

    snp_vec cols;  /* snp_col */
    snp_vec rows;  /* snp_row */
    snp_vec idx;   /* int: column of each nonzero, row-wise */
    snp_vec val;   /* double */
    snp_vec names; /* char: NUL-terminated names */
    int n_binaries, n_integers;

    snp_vec comms;                    /* snp_commodity */
    int *res_tracked;                 /* per resource: 1 when flows are tracked by origin */
    int *res_first_comm, *res_n_comm; /* commodities of a resource (contiguous) */
    snp_vec links;                    /* snp_link */
    int n_links_pruned;       /* generated candidates left out: they never pay (model.md 2.2) */
    int record_pruned;        /* keep them in `pruned` (snp_pruned), for `symnet candidates` */
    const char *const *start; /* sn_params.start, set by sn_run: a network to try first */
    int n_start;
    const struct sn_warm *warm; /* sn_params.warm, set by sn_run: a neighbour's basis and cuts */
    snp_vec pruned;
    int n_dest_cols; /* destination columns (model.md 8.7) */
    snp_vec allocs;  /* snp_allocation */
    snp_vec slacks;  /* snp_slack */
    /* int: rows every integer point of the other rows meets (8.3 without a build binary: a
     * closed hub processes nothing, 7.1-7.4), which the search may hold back until an LP
     * point violates one (src/solve/lazy.c, docs/model.md 11.14) */
    snp_vec implied_rows;

    /* periods (periods.c, docs/model.md 14); all -1 / empty for an annual region */
    int n_periods;
    int *period_flow_col;  /* [link]: first of n_periods columns, -1 when its resource is annual */
    int **period_proc_col; /* [hub][input]: first of n_periods columns, -1 */
    int *period_peak_col;  /* [link]: its size when capital is per unit carried (14.9), -1 */
    int *store_size_col;   /* [hub]: first of its store's option binaries (14.10), -1 */
    int *store_level_col;  /* [hub]: first of n_periods level columns, -1 */
    snp_vec period_allocs; /* snp_period_alloc */

    /* [facility][supply]: business as usual's haul to the supply's disposal_site over the
     * roads (docs/model.md 2.3, docs/outputs.md "zones"); trenches NULL without a site */
    snp_route **hauls;

    /* entity columns, -1 when absent */
    int **dispose_col;       /* [facility][supply] */
    int **purchase_col;      /* [facility][demand] */
    int **hub_size_col;      /* [hub] -> first option column, -1 when the hub cannot be built */
    int **hub_proc_col;      /* [hub][input] */
    int **hub_disp_col;      /* [hub][output] */
    int *corridor_col;       /* [corridor] */
    int *trench_col;         /* [instance trench]: w of 8.4, -1 when no candidate pipe uses it */
    int row_budget, row_co2; /* -1 when absent */
    int row_cost_cap;        /* 9.3, -1 when absent */
    int first_layout_row;    /* 9.4: rows of the excluded layouts that can be repeated, -1 none */
    int fair;                /* SN_MODEL_FAIR: pruning off, fairness rows added (fair.c) */
    int keep_all_links;      /* the flow relaxation (relax.c), sn_params.keep_links: pruning off */
    /* the flow relaxation only (relax.c, docs/model.md 10.1): generated links that the ways
     * leave out (a truck with no road path, a route longer than max_km) but whose straight line
     * the independent checker cannot rule out; snp_link, priced on their length as set */
    int keep_phantoms;
    snp_vec phantoms;
    int *fair_share_col; /* [facility] share column or -1; NULL unless fair */
    double max_abs_coef, min_abs_coef;
    size_t min_coef_at, max_coef_at; /* their nonzeros (into idx/val) */
    unsigned char *touched;          /* per node: 1 a candidate leaves it, 2 one arrives (links.c,
                                        pruned and forbidden ones included), for warn.c */
    unsigned char *corridor_used;    /* per corridor: a candidate pipe runs in it (links.c) */
    /* warnings about the region and the model (warn.c), kept for the solution's "warnings";
     * strings in the arena */
    int n_warnings, warnings_dropped;
    snp_warning warnings[SNP_WARNINGS_KEPT];
    snp_arena arena;
};

/* ---- building blocks (model.c) ---------------------------------------------------------- */

/* An empty model of `kind` over inst (no rows, no columns, no links); NULL without memory. */
sn_model *snp_model_new(const sn_instance *inst, sn_model_kind kind);
/* sn_model_build, with every candidate link kept when keep_links is 1 (no pruning by 2.2:
 * sn_params.keep_links). */
sn_status snp_model_build_keep(const sn_instance *inst, sn_model_kind kind, int keep_links,
                               sn_model **out, sn_diag *diag);

/* Adds a column; returns its index or -1 on allocation failure. The name is printf-style. */
int snp_model_add_col(sn_model *m, snp_col_kind kind, double lb, double ub, double obj,
                      snp_col_role role, int a, int b, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));

/* Row construction: begin, add terms, end. Terms with coefficient 0 are dropped; repeated
 * columns are merged. Returns 0 or -1 on allocation failure. */
int snp_model_row_begin(sn_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snp_model_row_add(sn_model *m, int col, double coef);
int snp_model_row_end(sn_model *m, double lb, double ub);

const char *snp_model_col_name(const sn_model *m, int col);
const char *snp_model_row_name(const sn_model *m, int row);

/* Checks finite coefficients, lb <= ub and integer bounds before a solver sees the model. */
sn_status snp_model_check(const sn_model *m, sn_diag *diag);

/* Numerics (issue 6): when the constraint coefficients span more than SNP_MODEL_SPAN_WARN,
 * writes the warning (without file name; it names the row and column of the smallest and the
 * largest, after their entities) into buf and returns 1; returns 0 otherwise. Every coefficient
 * comes from the region's data: the rows symnet derives are written without 1/M (build.c,
 * 8.3). warn.c keeps it with the model's other warnings. */
#define SNP_MODEL_SPAN_WARN 1e9
int snp_model_span_warning(const sn_model *m, char *buf, size_t size);

/* The warnings of a built model (warn.c, docs/outputs.md "warnings"): the coefficient span, one
 * resource's prices or disposal costs far apart (a unit slip), junctions and corridors no
 * candidate can use, facilities no candidate link reaches. Each goes into diag (with the
 * region's file and a JSON path) and into m->warnings. SN_OK or SN_ENOMEM. */
sn_status snp_model_warnings(sn_model *m, sn_diag *diag);

/* The build binaries of each element a layout can name (docs/model.md 9.4): its name
 * ("link:ID", "hub:ID", "corridor:ID") and its columns; Y_b, the sum of those columns, is 1
 * when the element is built. */
typedef struct snp_element {
    char name[SNP_LINK_ID_MAX + 16];
    int first_col, n_cols;
} snp_element;
/* The elements of a built model with a binary; *n receives how many. NULL without memory
 * (*n is 0 then too); free with snp_free. */
snp_element *snp_model_elements(const sn_model *m, int *n);

/* Turns an SN_MODEL_ELASTIC_UNCAPPED model into the least-emission question of docs/model.md
 * 10.2: each column's objective becomes its emissions (t per unit, the coefficients of the
 * co2_cap row of section 9) and each shortfall column is held at most at its value in x (a
 * network of a model of the same kind), so that every network of m meets what x meets. With
 * x NULL only the objective changes (region.objective "co2" on the network model, 9.5). */
void snp_model_least_co2(sn_model *m, const double *x);

/* Most facility or hub `node` can take of resource r per year (model.md 2.1, in(v, r));
 * INFINITY for a junction. */
double snp_node_intake_max(const sn_instance *in, int node, int r);

/* The rows and columns of periods (periods.c, docs/model.md 14) on a model whose annual rows
 * are built; nothing for a region without periods. SN_OK or SN_ENOMEM. */
sn_status snp_model_periods(sn_model *m);
/* Adds the capital of every store option (14.10) to the budget row being built (9.1). */
int snp_model_periods_budget(sn_model *m);

/* Candidate links of a region with their costs and bounds (links.c). */
sn_status snp_model_links(sn_model *m, sn_diag *diag);

/* The link's id: its explicit entry's `id`, else FROM/TO/RESOURCE/MODE (snp_link_key_id);
 * buf holds at least SNP_LINK_ID_MAX bytes. */
const char *snp_link_id(const sn_instance *in, const snp_link *l, char *buf, size_t size);

/* Capital of a built link at flow x and size s (-1 none): used by reports and the checker. */
double snp_link_capital(const snp_link *l, int size, double flow);
double snp_link_annual_cost(const snp_link *l, int size, double flow, double trips);

/* ---- who pays (fair.c, docs/model.md section 12) ------------------------------------------ */

#define SNP_PAYER_SHARED (-1) /* the shared pool: hubs, corridors, links into hubs/junctions */
#define SNP_PAYER_NONE (-2)   /* the column costs nothing */

/* Facility that pays link l: its head when a facility, else SNP_PAYER_SHARED. */
int snp_link_payer(const sn_instance *in, const snp_link *l);
/* Payer of column j's objective term: a facility index, SNP_PAYER_SHARED or SNP_PAYER_NONE. */
int snp_col_payer(const sn_model *m, int j);
/* Facility f's business-as-usual cost (disposal and purchases with carbon), NAN when it has a
 * supply without disposal or a demand without price. */
double snp_facility_bau_cost(const sn_instance *in, int f);
/* Adds the share columns and individual-rationality rows (section 12.2). */
sn_status snp_model_fair_rows(sn_model *m);

/* ---- the flow relaxation (relax.c, docs/model.md 10.1) ------------------------------------ */

/* Rows of the relaxation, each keyed by a node (facility, hub or junction; -1 for budget and
 * co2_cap) and a resource (-1 for hub_capacity, budget and co2_cap). */
typedef enum snp_relax_row_kind {
    SNP_RELAX_SUPPLY = 0,   /* facility's supply: sent + disposed = amount */
    SNP_RELAX_INFLOW,       /* facility's arrivals of a resource = delivered to its demands */
    SNP_RELAX_DEMAND,       /* facility's demand: sum ratio * delivered + bought = amount */
    SNP_RELAX_JUNCTION,     /* arrivals = departures */
    SNP_RELAX_HUB_INPUT,    /* arrivals = processed */
    SNP_RELAX_HUB_CAPACITY, /* processed <= largest capacity */
    SNP_RELAX_HUB_OUTPUT,   /* produced = sent + disposed */
    SNP_RELAX_BUDGET,       /* capital <= budget - capital of forced links and hubs */
    SNP_RELAX_CO2           /* emissions <= cap */
} snp_relax_row_kind;

typedef struct snp_relax_row {
    snp_relax_row_kind kind;
    int node, resource;
    double lb, ub;
} snp_relax_row;

typedef struct snp_relax {
    sn_model *m;  /* the LP: continuous columns with finite bounds, rows as in `rows` */
    snp_vec rows; /* snp_relax_row, one per row of m, in the same order */
    struct snp_relax_index {
        struct rkey *keys;
        int n;
    } index;
    double budget_constant; /* capital of forced links and hubs, moved to the budget's bound */
} snp_relax;

/* Builds the flow relaxation of a valid instance. SN_OK or SN_ENOMEM. */
SN_NODISCARD sn_status snp_relax_build(const sn_instance *in, snp_relax **out, sn_diag *diag);
void snp_relax_free(snp_relax *r);
/* Row of (kind, node, resource), or -1 when the relaxation has no such row. */
int snp_relax_find(const snp_relax *r, snp_relax_row_kind kind, int node, int resource);
const char *snp_relax_row_kind_name(snp_relax_row_kind k);
int snp_relax_row_kind_parse(const char *s); /* -1 when unknown */
/* Value of multipliers y (one per row) as a Farkas certificate, in compensated arithmetic:
 * min over the rows' bounds of sum_i y_i row_i, less the max of the same combination over the
 * columns' bounds. Positive: no point meets every row. -INFINITY when a multiplier leans on an
 * infinite row bound; NAN without memory. *scale receives the sum of the magnitudes added. */
double snp_relax_margin(const snp_relax *r, const double *y, double *scale);

static inline const snp_col *snp_model_col(const sn_model *m, int j)
{
    return &SNP_VEC_AT(&m->cols, snp_col, j);
}
static inline const snp_row *snp_model_row(const sn_model *m, int i)
{
    return &SNP_VEC_AT(&m->rows, snp_row, i);
}
static inline const snp_link *snp_model_link(const sn_model *m, int k)
{
    return &SNP_VEC_AT(&m->links, snp_link, k);
}
/* One past row i's last nonzero (into idx/val): its nonzeros are [start, this). */
static inline size_t snp_model_row_stop(const sn_model *m, int i)
{
    return i + 1 < (int)m->rows.len ? snp_model_row(m, i + 1)->start : m->idx.len;
}
/* The option binaries hub h has (hub_size_col[h][0 .. this)): its capacity options, 0 when it
 * cannot be built (forbidden: no columns). */
static inline int snp_model_hub_options(const sn_model *m, int h)
{
    int n = m->inst->hubs[h].n_capacities;
    return n > 0 && m->hub_size_col[h] && m->hub_size_col[h][0] >= 0 ? n : 0;
}

/* Section 9.3 (zones.c): for every zone with max_truck_trips_per_yr, the trips of the truck
 * links whose route enters it stay within the cap. SN_OK or SN_ENOMEM. */
sn_status snp_model_zone_rows(sn_model *m);

/* ---- routes over the ways (routes.c, docs/model.md 2.3) ---------------------------------- */

typedef struct snp_router snp_router;
/* A router over in's way graph; NULL when the region has no ways or memory runs out (tell the
 * two apart by in->n_trenches). Free with snp_router_free (accepts NULL). */
snp_router *snp_router_new(const sn_instance *in);
void snp_router_free(snp_router *rt);
/* The route of a link of resource r by mode from node u to node v (docs/model.md 2.3): 1 with
 * *out filled (its trench list allocated in arena when arena is not NULL), 0 when there is none
 * (an end not connected to the ways, or no path: trucks avoid banned zones and non-roads), -1
 * when the arena runs out of memory. */
int snp_router_route(snp_router *rt, snp_mode mode, int r, int u, int v, snp_arena *arena,
                     snp_route *out);

/* ---- one candidate priced outside the model (links.c, for src/result/screen.c) ----------- */

/* Holds what pricing one pair needs (the corridor index, each resource's total T_r), so that
 * millions of pairs are priced without building a model. NULL without memory. */
typedef struct snp_link_pricer snp_link_pricer;
snp_link_pricer *snp_link_pricer_new(const sn_instance *in);
void snp_link_pricer_free(snp_link_pricer *p);

/* The generated candidate tail->head of resource r by mode, exactly as snp_model_links makes it
 * (length with detour or corridor, costs of section 2, bound of 2.1): 1 with *l filled, 0 when
 * the model generates no such link (the mode is missing, longer than max_km, an end that cannot
 * send or take r, nothing arrives or can be carried). Ignores explicit links and pruning. */
int snp_link_price(const snp_link_pricer *p, int tail, int head, int r, snp_mode mode, snp_link *l);
/* Explicit link s (instance links[s]) as the model makes it: 1 with *l filled, 0 when it is
 * forbidden or can carry nothing (a forced one is then built idle by the model). */
int snp_link_price_spec(const snp_link_pricer *p, int s, snp_link *l);
/* The costs of a generated candidate of r by mode, length_km long, outside any corridor, as
 * price_from_spec sets them (no ends, so no bound): 0 when r has no such mode. Every cost it
 * sets is nondecreasing in length_km and `arrive` nonincreasing (all per-km figures are
 * >= 0), which is what screen.c's bounds rest on. */
int snp_link_price_length(const snp_link_pricer *p, int r, snp_mode mode, double length_km,
                          snp_link *l);

#endif /* SN_SRC_MODEL_MODEL_INT_H */
