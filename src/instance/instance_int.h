/*
 * instance_int.h - the parsed, validated region (sn_instance) that every later stage reads.
 *
 * parse.c fills it from JSON (after the syntax pre-scan of jsonin.c); validate.c checks
 * references, ranges and consistency. After sn_instance_load_file or sn_instance_load_string
 * succeeds every invariant written below holds, so the model builder never re-checks input.
 * All strings and arrays live in the instance's arena. jsonin.c, jsonread.c, parse.c and
 * solution_read.c are the only files that use cJSON (jsonin.h includes it).
 *
 * Units: amounts are per year in the resource's unit; money in the region's currency;
 * emissions in t CO2e; distances in km. The JSON keys are documented in docs/format.md.
 */
#ifndef SN_SRC_INSTANCE_INSTANCE_INT_H
#define SN_SRC_INSTANCE_INSTANCE_INT_H

#include "../core/core_int.h"

typedef enum snp_coords { SNP_COORDS_LONLAT = 0, SNP_COORDS_PLANAR_KM } snp_coords;

/* The default construction employment factor (docs/outputs.md, "Jobs"): direct and supplier
 * jobs, for one year, per million of spending on infrastructure, the lowest of the three
 * infrastructure scenarios of EPI Briefing Paper 374 (J. Bivens, 2014), Figure E, from the
 * BLS Employment Requirements Matrix, in US dollars. Applied to any currency: an assumption. */
#define SNP_JOBS_PER_MILLION 8.94
#define SNP_JOBS_SOURCE                                                                            \
    "default: 8.94 direct and supplier job-years per million of infrastructure spending (EPI "     \
    "Briefing Paper 374, Bivens 2014, Figure E, scenario 3; US dollars, from the BLS Employment "  \
    "Requirements Matrix); an assumption for any other currency or country"

typedef enum snp_mode { SNP_MODE_PIPE = 0, SNP_MODE_TRUCK } snp_mode;
typedef enum snp_item_status {
    SNP_STATUS_CANDIDATE = 0,
    SNP_STATUS_FORCED,
    SNP_STATUS_FORBIDDEN
} snp_item_status;

/* Node kinds: every location-bearing entity is a node, numbered facilities first, then hubs,
 * then junctions: node = facility index, nf + hub index, nf + nh + junction index. */
typedef enum snp_node_kind { SNP_NODE_FACILITY = 0, SNP_NODE_HUB, SNP_NODE_JUNCTION } snp_node_kind;

typedef struct snp_point {
    double x; /* longitude in degrees, or x in km */
    double y; /* latitude in degrees, or y in km */
} snp_point;

typedef struct snp_size_option {
    double capacity;       /* units per year, > 0 */
    double capital_per_km; /* currency per km, >= 0 */
} snp_size_option;

typedef struct snp_pipe_spec {
    double civil_capital_per_km;    /* trench/right-of-way, shareable via corridors, >= 0 */
    double capital_per_km;          /* fixed pipe capital per km, >= 0 */
    double capital_per_km_per_unit; /* per km per unit/yr of flow carried, >= 0 */
    int n_sizes;                    /* discrete sizes; when > 0 capital_per_km_per_unit == 0 */
    snp_size_option *sizes;         /* sorted by capacity ascending */
    double opex_per_unit_km;        /* operating cost, currency per unit per km, >= 0 */
    double co2_per_unit_km;         /* pumping emissions, t per unit per km, >= 0 */
    double loss_per_km;             /* fraction lost per km, in [0, 1) */
    double lifetime_yr;             /* > 0 (defaults to the region's) */
    double max_km;                  /* longest pipe generated, > 0 (default: unlimited) */
    double detour;                  /* route length / straight line, >= 1 (default 1) */
} snp_pipe_spec;

typedef struct snp_truck_spec {
    double cost_per_unit_km; /* >= 0 */
    double co2_per_unit_km;  /* >= 0 */
    double cost_per_trip;    /* >= 0; when > 0 truck_capacity > 0 */
    double truck_capacity;   /* units per trip; 0 when cost_per_trip == 0 and not given */
    double max_km;           /* > 0 (default: unlimited) */
    double detour;           /* >= 1 (default 1) */
} snp_truck_spec;

/* What a resource is, for the headline figures (docs/outputs.md, "Headline figures"). */
typedef enum snp_category {
    SNP_CAT_OTHER = 0, /* counted in no headline figure (the default) */
    SNP_CAT_WATER,
    SNP_CAT_ENERGY,
    SNP_CAT_MATERIAL,
    SNP_CAT_CO2,
    SNP_CAT_COUNT
} snp_category;

/* The category's name as the region spells it ("water", ...). */
const char *snp_category_name(snp_category c);

typedef struct snp_resource {
    const char *id;
    const char *name; /* defaults to id */
    const char *unit; /* one of the units listed in docs/format.md */
    snp_category category;
    int n_attrs;
    const char **attrs; /* quality attribute names, unique within the resource */
    int has_pipe, has_truck;
    int periodic; /* "periodic": 1 true, -1 false, 0 not given (docs/format.md "Periods") */
    snp_pipe_spec pipe;
    snp_truck_spec truck;
} snp_resource;

/* Quality values: one per attribute of the resource, in attribute order. */
typedef struct snp_supply {
    int resource;         /* index into resources */
    double amount;        /* per year, > 0 */
    int has_disposal;     /* 0: no disposal option, everything must be taken */
    double disposal_cost; /* currency per unit, any sign (negative: the byproduct sells) */
    double disposal_co2;  /* t per unit, >= 0 */
    double *quality;      /* n_attrs values of the resource, or NULL when it has none */
    int waste; /* 1: a waste (its "waste" key, else has_disposal && disposal_cost >= 0) */
    /* per period (docs/format.md "Periods"): NULL when the resource is annual, else n_periods
     * amounts adding up to amount (periods.c fills a flat profile, by hours, for a supply of a
     * periodic resource that gives none); by_period_given: "profile" or "amounts" was read */
    double *by_period;
    int by_period_given;
    /* where business as usual trucks it to be disposed of (docs/format.md "disposal_site"):
     * a facility or junction id, or NULL; ways.c resolves it into the node disposal_site */
    const char *disposal_site_id;
    int disposal_site;
} snp_supply;

typedef struct snp_substitute {
    int resource;
    double ratio; /* units of demand met per unit of this resource delivered, > 0 */
} snp_substitute;

typedef struct snp_quality_limit {
    const char *attr; /* attribute name, declared by at least one accepted resource */
    int has_min, has_max;
    double min, max; /* flow-weighted average of network-delivered flow; min <= max */
} snp_quality_limit;

typedef struct snp_demand {
    int resource;
    double amount; /* per year, > 0 */
    int has_price; /* 0: no purchase alternative, the network must serve all of it */
    double price;  /* currency per unit of virgin input, any sign */
    double co2;    /* t per unit of virgin input, >= 0 */
    int n_subs;
    snp_substitute *subs; /* never the demand's own resource, no duplicates */
    int n_limits;
    snp_quality_limit *limits;
    double *by_period; /* as snp_supply.by_period */
    int by_period_given;
} snp_demand;

typedef struct snp_facility {
    const char *id;
    const char *name;   /* defaults to id */
    const char *sector; /* may be "" */
    snp_point loc;
    int n_supplies;
    snp_supply *supplies; /* at most one per resource */
    int n_demands;
    snp_demand *demands; /* at most one per resource */
    double jobs;         /* permanent jobs its exchanges sustain, >= 0 (default 0) */
} snp_facility;

typedef struct snp_hub_capacity {
    double capacity;   /* units of input processed per year, > 0 */
    double capital;    /* currency, >= 0 */
    double fixed_opex; /* currency per year, >= 0 */
} snp_hub_capacity;

typedef struct snp_hub_input {
    int resource;
    double cost_per_unit; /* processing cost per unit of this input, any sign */
    double co2_per_unit;  /* >= 0 */
    double *yields;       /* one per hub output (hub->n_outputs), >= 0 */
} snp_hub_input;

typedef struct snp_hub_output {
    int resource;
    double *quality;      /* n_attrs of the resource, or NULL */
    double disposal_cost; /* for output not shipped (default 0) */
    double disposal_co2;  /* >= 0 */
} snp_hub_output;

/* A store at a hub (docs/format.md "Storage"): holds one periodic output of the hub from one
 * period to the next. */
typedef struct snp_hub_storage {
    int resource;                 /* a periodic output of the hub */
    int output;                   /* its index in the hub's outputs (periods.c) */
    double loss;                  /* fraction of the content lost from one period to the next */
    int n_capacities;             /* options, >= 1, sorted by capacity; at most one is built */
    snp_hub_capacity *capacities; /* capacity: units held; capital; fixed_opex per year */
} snp_hub_storage;

typedef struct snp_hub {
    const char *id;
    const char *name;
    const char *kind; /* free text: treatment plant, heat pump, digester, ... */
    snp_point loc;
    double lifetime_yr; /* > 0 */
    snp_item_status status;
    int n_capacities;
    snp_hub_capacity *capacities; /* >= 1, sorted by capacity ascending */
    int n_inputs;
    snp_hub_input *inputs; /* >= 1, distinct resources */
    int n_outputs;
    snp_hub_output *outputs; /* >= 1, distinct resources */
    double jobs;             /* permanent jobs when built, >= 0 (default 0) */
    int has_storage;
    snp_hub_storage storage;
} snp_hub;

typedef struct snp_junction {
    const char *id;
    snp_point loc;
    int n_resources; /* 0 = every resource with a pipe mode */
    int *resources;
} snp_junction;

/* An explicit link. Costs are either taken from the resource's mode spec (with the length
 * given or computed), or given outright when has_given_cost is set. */
typedef struct snp_link_spec {
    const char *id; /* may be NULL: then FROM/TO/RESOURCE/MODE (snp_link_key_id) */
    int from, to;   /* node indices (see snp_node_kind) */
    int resource;
    snp_mode mode;
    snp_item_status status;
    int has_length;
    double length_km;
    int has_given_cost;       /* any of the four below given */
    double fixed_cost_per_yr; /* annual fixed charge when built, >= 0 */
    double capital;           /* fixed capital when built, annualised over lifetime, >= 0 */
    double cost_per_unit;     /* annual variable cost per unit shipped, any sign */
    double capital_per_unit;  /* capital per unit/yr of flow, annualised, >= 0 */
    int has_capacity;
    double capacity; /* units per year, > 0 */
    double loss;     /* fraction lost over the whole link, in [0, 1) (given-cost links) */
    double lifetime_yr;
} snp_link_spec;

typedef struct snp_corridor {
    const char *id;
    int a, b; /* node indices; pipes between a and b (either way) share it */
    int has_length;
    double length_km;
    double capital; /* currency, total (capital_per_km * length when given per km) */
    double lifetime_yr;
    snp_item_status status;
} snp_corridor;

/* ---- ways and zones (issue 18, ways.c and ways_parse.c; docs/format.md "ways") ---------- */

typedef enum snp_way_class {
    SNP_WAY_STREET = 0,
    SNP_WAY_ARTERIAL,
    SNP_WAY_RAIL,
    SNP_WAY_UTILITY,
    SNP_WAY_CORRIDOR, /* an existing empty corridor: no trench to dig (cost 0 unless given) */
    SNP_WAY_CLASSES
} snp_way_class;

/* A right of way: a polyline in the region's coordinates. */
typedef struct snp_way {
    const char *id;
    snp_way_class cls;
    double trench_capital_per_km; /* currency per km, >= 0: the way's own, else its class's */
    int n_pts;                    /* >= 2 */
    snp_point *pts;
} snp_way;

/* A community zone: a closed polygon (first point == last) with rules for trucks in it. */
typedef struct snp_zone {
    const char *id;
    const char *name;
    int n_pts; /* >= 4, pts[n_pts - 1] == pts[0] */
    snp_point *pts;
    int truck_ban;             /* trucks may not drive through it */
    double truck_km_surcharge; /* currency per truck-km driven inside, >= 0 */
    int has_trip_cap;
    double max_truck_trips_per_yr; /* routed truck trips a year entering it, >= 0 */
} snp_zone;

/* One edge of the way graph (ways.c): a piece of one way between two vertices, or a node's
 * service connection to its nearest way. Pipes that run along it share one trench. */
typedef struct snp_trench {
    const char *id; /* "WAY#k" (k-th piece of way WAY), "service:NODE", or "service:NODE:road"
                       (NODE's second connection, to the nearest road, when its nearest way is
                       not one) */
    int a, b;       /* vertices */
    int way;        /* index into ways; -1 for a service connection */
    int node;       /* the node a service connection serves; -1 otherwise */
    int reaches;    /* a service connection: the way it joins (its cost per km unless
                       ways.service_capital_per_km is given); -1 otherwise */
    double length_km;
    double capital; /* currency: length x trench capital per km */
    int road;       /* trucks may drive it (streets, arterials, service connections) */
    int zone;       /* the zone it lies in (ways are cut at zone borders), -1 none */
    int n_pts;      /* geometry a .. b in the region's coordinates, >= 2 points */
    snp_point *pts;
} snp_trench;
/* A period of the year (docs/format.md "Periods"): a season, a month or a representative day,
 * standing for `hours` hours of the year. */
typedef struct snp_period {
    const char *id;
    double hours; /* > 0; the periods' hours add up to hours_total */
} snp_period;

/* An override a region was read with: "--set region.carbon_price=120", and what it did ("" or,
 * for --without, what it removed). */
typedef struct snp_edit_note {
    const char *text;
    const char *effect;
} snp_edit_note;

/* region.objective (docs/model.md 4 and 9.5) */
typedef enum snp_objective {
    SNP_OBJ_COST = 0, /* the annual cost (section 4) */
    SNP_OBJ_CO2,      /* the annual emissions of 9.2, t per year */
    SNP_OBJ_DIFFER    /* minus the built elements that differ from the excluded layouts (9.5) */
} snp_objective;

struct sn_instance {
    snp_arena arena;
    const char *file; /* file name used in messages */

    /* region */
    const char *name;
    const char *currency;
    snp_coords coords;
    double discount_rate; /* in [0, 1) */
    double lifetime_yr;   /* default asset lifetime, > 0 */
    double carbon_price;  /* currency per t CO2e, >= 0 */
    int has_budget;
    double budget; /* total capital, >= 0 */
    int has_co2_cap;
    double co2_cap_t_per_yr; /* >= 0 */
    /* construction job-years per million of the currency of capital, >= 0, and its source
     * (docs/outputs.md, "Jobs"; defaults SNP_JOBS_PER_MILLION and SNP_JOBS_SOURCE) */
    double construction_jobs_per_million;
    const char *construction_jobs_source;
    int construction_jobs_default; /* 1: the factor is the default */
    int only_forced; /* nothing but forced links and hubs is built (a layout); parse.c marks
                        every other explicit link and hub forbidden, links.c generates none */
    /* Exploration (docs/format.md `region`, docs/model.md 9.3-9.5; symnet pareto, alternatives) */
    snp_objective objective; /* what the solver minimises */
    int has_cost_cap;
    double cost_cap; /* total annual cost, currency per year, >= 0 (9.3) */
    /* region.exclude_layouts: layout i names its elements ("link:ID", "hub:ID", "corridor:ID")
     * layout_names[layout_at[i]] .. layout_names[layout_at[i + 1] - 1], in document order;
     * validate.c checks each names an element of the region, once */
    int n_layouts;
    int *layout_at;
    const char **layout_names;

    /* periods (docs/format.md "Periods"): n_periods == 0 for an annual region */
    int n_periods;
    snp_period *periods;
    double period_hours_total;
    int *res_periodic; /* per resource when n_periods > 0: 1 when its flows are per period */

    int n_resources;
    snp_resource *resources;
    int n_facilities;
    snp_facility *facilities;
    int n_hubs;
    snp_hub *hubs;
    int n_junctions;
    snp_junction *junctions;
    int n_links;
    snp_link_spec *links;
    int n_corridors;
    snp_corridor *corridors;

    /* ways and zones (issue 18); n_ways == 0: straight lines times detour as before */
    int n_ways;
    snp_way *ways;
    double way_class_cost[SNP_WAY_CLASSES]; /* trench capital per km by class */
    unsigned char way_class_given[SNP_WAY_CLASSES];
    double max_service_km;         /* farthest a node may sit from a way (default 1) */
    int has_service_cost;          /* else a service connection costs what its way costs */
    double service_capital_per_km; /* currency per km */
    int routing_network;           /* "routing": "network" (docs/model.md 2.4) */
    int n_vertex_junctions;        /* network routing: the last junctions are the way graph's trench
                                      ends, "vertex#K" (ways.c), not the user's */
    int n_zones;
    snp_zone *zones;
    /* the way graph, built by snp_instance_ways_build once the region is valid */
    int n_vertices;
    snp_point *vertex_km; /* vertex positions in km (a local plane for lonlat) */
    int n_trenches;
    snp_trench *trenches;
    int *node_vertex;         /* per node: its vertex, -1 when no way is within max_service_km */
    unsigned char *node_road; /* per node: a road is within max_service_km (its trucks use it) */

    /* the overrides it was read with (edit.c), in the order applied */
    int n_edits;
    snp_edit_note *edits;

    /* warnings about the region's geometry (geometry.c), kept for the solution's "warnings";
     * strings in the arena */
    int n_warnings, warnings_dropped;
    snp_warning warnings[SNP_WARNINGS_KEPT];
};

/* ---- helpers shared by later stages (node.c) --------------------------------------------- */

static inline int snp_node_count(const sn_instance *in)
{
    return in->n_facilities + in->n_hubs + in->n_junctions;
}

snp_node_kind snp_node_kind_of(const sn_instance *in, int node, int *index);
const char *snp_node_id(const sn_instance *in, int node);
snp_point snp_node_loc(const sn_instance *in, int node);
/* Straight-line distance between two nodes in km (great circle or planar). */
double snp_node_dist_km(const sn_instance *in, int a, int b);
int snp_resource_find(const sn_instance *in, const char *id); /* -1 when absent */
int snp_node_find(const sn_instance *in, const char *id);     /* -1 when absent */

/* The id of a link without one of its own: FROM/TO/RESOURCE/MODE ('/' cannot occur in an id,
 * so it never clashes with a user's), into buf of at least SNP_LINK_ID_MAX bytes. */
#define SNP_LINK_ID_MAX (4 * 65 + 8)
const char *snp_link_key_id(const sn_instance *in, int from, int to, int resource, snp_mode mode,
                            char *buf, size_t size);

/* ---- inside the instance module ----------------------------------------------------------- */

/* Parses JSON text into inst (already zeroed, arena initialised) and runs the cross-entity
 * checks of validate.c on it. Reports every problem found into diag, in document order;
 * returns SN_OK, SN_EINPUT or SN_ENOMEM. References are resolved here. */
sn_status snp_instance_parse(sn_instance *inst, const char *text, size_t len, sn_diag *diag);

/* A zeroed instance with its arena and file name; NULL without memory. */
sn_instance *snp_instance_new(const char *file);

/* Reads a whole file (at most 64 MiB) into *text (free with snp_free); SN_EIO, SN_EINPUT (too
 * large) or SN_ENOMEM with a message in diag. */
sn_status snp_instance_read_file(const char *path, char **text, size_t *len, sn_diag *diag);

/* Cross-entity checks that need the whole region, on an instance parsed without errors; SN_OK,
 * SN_EINPUT or SN_ENOMEM. */
sn_status snp_instance_validate(sn_instance *inst, sn_diag *diag);

/* The same checks on an instance whose parse found errors: checks that involve an unresolved
 * reference, an invalid id or (unless coords_known) a location are skipped, as is the loss
 * check, which needs every location. parse.c runs it so one pass reports every problem. */
sn_status snp_instance_validate_partial(const sn_instance *inst, int coords_known, sn_diag *diag);

/* Warnings about where a valid region's nodes sit (geometry.c): a node far from every other
 * one (docs/format.md, "Warnings"). Each goes into diag and into inst->warnings. SN_OK, or
 * SN_ENOMEM. */
sn_status snp_instance_geometry_warnings(sn_instance *inst, sn_diag *diag);

/* Keeps a warning in the instance (the first SNP_WARNINGS_KEPT) and adds it to diag
 * (geometry.c). SN_OK or SN_ENOMEM. */
sn_status snp_instance_keep_warning(sn_instance *in, sn_diag *diag, const char *path,
                                    const char *msg);

/* Splits the ways at their crossings (and at zone borders) into the graph of in->trenches and
 * connects every node to its nearest way (ways.c, docs/format.md "ways"). Errors: a way that
 * crosses itself (SN_EINPUT, located); warnings: a node farther than max_service_km from every
 * way (it gets no pipes; its trucks keep the straight line). SN_OK, SN_EINPUT or SN_ENOMEM. */
sn_status snp_instance_ways_build(sn_instance *in, sn_diag *diag);
/* Periods (periods.c, after the other cross-entity checks pass): marks the periodic
 * resources (those with a supply or demand that gives "profile" or "amounts"), fills a flat
 * profile by hours for their other supplies and demands, and checks that every resource one
 * demand accepts is periodic alike. SN_OK, SN_EINPUT or SN_ENOMEM. */
sn_status snp_instance_periods_check(sn_instance *inst, sn_diag *diag);

/* ---- a solution file (symnet-solution/1), read back for the independent checker ---------- */

/* solution_read.c reads the JSON that src/report/json.c writes into these plain records, for
 * src/verify/. It checks only the shape (types, required keys, JSON paths in messages); every
 * comparison with the region is the verifier's. Numbers written as null are NAN; strings and
 * arrays live in the document's arena. Indices follow the file's arrays, so a message about
 * links[i] can name the same path. The text goes through the same syntax pre-scan as a region
 * (jsonin.c); with parse.c it is one of the two readers that walk a cJSON tree (see
 * docs/testing.md). */

/* One number per period (docs/outputs.md "Periods"); n = 0 and v = NULL when absent. */
typedef struct snp_sol_series {
    int n;
    double *v; /* NAN for null */
} snp_sol_series;

typedef struct snp_sol_period {
    const char *id;
    double hours;
} snp_sol_period;

/* demands[].intake_by_period[]: what a demand takes of one accepted resource per period. */
typedef struct snp_sol_intake {
    const char *resource;
    snp_sol_series amounts;
} snp_sol_intake;

typedef struct snp_sol_origin {
    const char *origin; /* node id */
    double flow;
} snp_sol_origin;

typedef struct snp_sol_link {
    const char *id; /* NULL when absent */
    const char *from, *to, *resource, *mode;
    const char *unit; /* the resource's unit; NULL when absent (files before symnet compare) */
    double length_km, flow, delivered;
    int has_size_capacity;
    double size_capacity;
    int has_trips;
    double trips;
    const char *corridor; /* NULL when absent */
    int has_route;        /* "route" given: the trench ids it runs in over the ways */
    int n_route;
    const char **route;
    int has_by_origin;
    int n_by_origin;
    snp_sol_origin *by_origin;
    int forced;
    double capital, annual_cost;
    snp_sol_series by_period;       /* periodic resources: sent per period */
    double peak_per_h, load_factor; /* NAN when absent */
} snp_sol_link;

/* hubs[].processed[] (amount), hubs[].produced[] (amount, disposed), waste_diverted[] and
 * virgin_replaced[] (amount). */
typedef struct snp_sol_amount {
    const char *resource;
    double amount;
    double disposed;               /* produced[] only, else 0 */
    snp_sol_series by_period;      /* processed or produced per period */
    snp_sol_series sent_by_period; /* produced[] only */
    snp_sol_series disposed_by_period;
} snp_sol_amount;

typedef struct snp_sol_hub {
    const char *id;
    int has_loc; /* "location" given (files before symnet compare have none) */
    snp_point loc;
    double capacity, capital, fixed_opex;
    int n_processed;
    snp_sol_amount *processed;
    int n_produced;
    snp_sol_amount *produced;
    double load_factor; /* NAN when absent */
    int has_storage;    /* "storage" given: the store built (docs/outputs.md "Periods") */
    const char *storage_resource;
    double storage_capacity, storage_capital, storage_fixed_opex, storage_loss;
    snp_sol_series storage_level;
} snp_sol_hub;

/* trenches[] (issue 18): a trench of the ways that a built link uses. */
typedef struct snp_sol_trench {
    const char *id, *way, *cls; /* way: NULL when null */
    const char *serves, *zone;  /* NULL when absent */
    double length_km, capital;
    int dug;
    int n_pts;
    snp_point *pts;
} snp_sol_trench;

typedef struct snp_sol_corridor {
    const char *id;
    double capital;
} snp_sol_corridor;

/* junctions[]: a junction a built link touches (optional key). */
typedef struct snp_sol_junction {
    const char *id;
    int has_loc;
    snp_point loc;
} snp_sol_junction;

/* partners[] (optional key): what one facility pays per year; money NAN when null. */
typedef struct snp_sol_partner {
    const char *id;
    double bau_cost, cost;
    int participates, worse_off; /* false when absent */
} snp_sol_partner;

typedef struct snp_sol_supply {
    const char *resource;
    double amount, sent, disposed;
    snp_sol_series amount_by_period, sent_by_period, disposed_by_period;
} snp_sol_supply;

typedef struct snp_sol_delivery {
    const char *resource;
    const char *origin; /* NULL when absent */
    double amount;
} snp_sol_delivery;

typedef struct snp_sol_demand {
    const char *resource;
    double amount, received, purchased;
    int n_deliveries;
    snp_sol_delivery *deliveries;
    snp_sol_series amount_by_period, received_by_period, purchased_by_period;
    int n_intake;
    snp_sol_intake *intake; /* intake_by_period */
} snp_sol_demand;

typedef struct snp_sol_facility {
    const char *id;
    const char *name; /* NULL when absent */
    int has_loc;
    snp_point loc;
    int n_supplies;
    snp_sol_supply *supplies;
    int n_demands;
    snp_sol_demand *demands;
} snp_sol_facility;

typedef struct snp_sol_costs {
    double disposal, purchase, capital_annualised, operating, carbon, total;
} snp_sol_costs;

/* One multiplier of an infeasibility certificate (docs/outputs.md). */
typedef struct snp_sol_cert_row {
    const char *row, *node, *resource; /* node and resource NULL when absent */
    double multiplier;
} snp_sol_cert_row;

/* "money" (read when present; docs/outputs.md "Money"): NAN where the file says null */
typedef struct snp_sol_npv {
    double rate, npv, npv_without_carbon;
} snp_sol_npv;

typedef struct snp_sol_money {
    double horizon_yr, capital_year0;
    double cash, cash_without_carbon; /* annual_savings_before_capital[_without_carbon] */
    double irr, irr_without_carbon, payback_yr, payback_yr_without_carbon;
    int n_npv;
    snp_sol_npv *npv;
} snp_sol_money;

typedef struct snp_solution_doc {
    snp_arena arena;
    const char *file; /* name used in messages */
    const char *status, *region, *currency;
    const char *coordinates;          /* "lonlat", "planar_km", or NULL when absent */
    double objective;                 /* NAN when null */
    double bound, gap, gap_tolerance; /* NAN when null or absent */
    int bau_feasible;
    double bau_cost, bau_co2_t_per_yr;
    double savings, capital, co2_t_per_yr, co2_avoided_t_per_yr;
    int has_cost_breakdown, has_bau_breakdown;
    snp_sol_costs cost, bau;
    int n_diverted, n_replaced;
    snp_sol_amount *diverted, *replaced;
    int n_periods; /* "periods" (optional): 0 when absent */
    snp_sol_period *periods;
    int n_links;
    snp_sol_link *links;
    int n_hubs;
    snp_sol_hub *hubs;
    int n_corridors;
    snp_sol_corridor *corridors;
    int has_trenches;
    int n_trenches;
    snp_sol_trench *trenches;
    int n_facilities;
    snp_sol_facility *facilities;
    int n_junctions; /* optional keys: 0 / absent in older files */
    snp_sol_junction *junctions;
    int has_partners;
    int n_partners;
    snp_sol_partner *partners;
    int has_money; /* "money", "headline.capital", "jobs" (optional: older files have none) */
    snp_sol_money money;
    int has_capital_items;
    double capital_links, capital_hubs, capital_corridors, capital_trenches, capital_items_total;
    int has_jobs;
    double job_years, jobs_per_million; /* jobs.construction_job_years, factor_per_million */
    int has_infeasibility;              /* "infeasibility" is an object */
    const char *proof;                  /* its "proof": "certificate" or "search" */
    double elastic_violation;           /* proof "search" */
    int n_cert;                         /* proof "certificate": its rows */
    snp_sol_cert_row *cert;
} snp_solution_doc;

/* Reads a solution from memory (`name` for messages). SN_EINPUT with every problem found (JSON
 * path, or line:column for syntax errors), SN_ENOMEM; *out is NULL after a failure. Free with
 * snp_solution_doc_free. Limits as for regions: 256 MiB, nesting depth 64. */
sn_status snp_solution_doc_read(const char *text, size_t len, const char *name,
                                snp_solution_doc **out, sn_diag *diag);
/* As above from a file; SN_EIO when it cannot be read. */
sn_status snp_solution_doc_load(const char *path, snp_solution_doc **out, sn_diag *diag);
void snp_solution_doc_free(snp_solution_doc *doc);

#endif /* SN_SRC_INSTANCE_INSTANCE_INT_H */
