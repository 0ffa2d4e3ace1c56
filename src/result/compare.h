/*
 * compare.h - the comparison of two solution files (sn_comparison, symnet compare): what the
 * second network (B) adds, removes or changes against the first (A), and how every headline
 * figure and every partner's cost moves. Built once by compare.c from the two files read with
 * the instance module's solution reader; the summary, JSON and HTML writers of src/report/
 * (compare_*.c) write from it.
 *
 * Stage: two solution files -> [instance: solution_read.c] -> [result: compare.c] -> report.
 * It lives in src/result because it is "what was built and what it is worth", for two
 * networks; it reads no model and no solver values, only the files' records.
 *
 * Index 0 of every [2] array is A, index 1 is B. Money is in the files' (common) currency; a
 * value that does not exist (no network, a key an older file lacks) is NAN.
 */
#ifndef SN_SRC_RESULT_COMPARE_H
#define SN_SRC_RESULT_COMPARE_H

#include "../instance/instance_int.h"

/* How an entity differs from A to B, in the order a report lists them. */
typedef enum snp_cmp_kind {
    SNP_CMP_ADDED = 0, /* only in B */
    SNP_CMP_REMOVED,   /* only in A */
    SNP_CMP_RESIZED,   /* in both, another size (pipe size_capacity, hub capacity option) */
    SNP_CMP_FLOW,      /* in both, same size, another flow (links) or amount processed (hubs) */
    SNP_CMP_COST,      /* in both, same size and flow, another capital or annual cost */
    SNP_CMP_SAME       /* in both, nothing above differs (relative 1e-6) */
} snp_cmp_kind;

/* "added", "removed", "resized", "flow changed", "cost changed", "unchanged". */
const char *snp_cmp_kind_name(snp_cmp_kind k);

/* A link of A or B, matched by (from, to, resource, mode). */
typedef struct snp_cmp_link {
    const char *id; /* the explicit link id of either file, else "FROM/TO/RESOURCE/MODE" */
    const char *from, *to, *resource, *mode;
    const char *unit; /* the resource's unit; "" when neither file names it */
    snp_cmp_kind kind;
    int in[2];
    double flow[2];          /* sent per year; NAN when not built */
    double size_capacity[2]; /* NAN without discrete sizes or when not built */
    double trips[2];         /* NAN when not charged per trip or not built */
    double length_km[2], capital[2], annual_cost[2];
} snp_cmp_link;

/* A hub built in A or B, matched by id. */
typedef struct snp_cmp_hub {
    const char *id;
    snp_cmp_kind kind;
    int in[2];
    double capacity[2], capital[2], processed[2]; /* processed: sum over inputs */
} snp_cmp_hub;

/* A corridor built in A or B, matched by id. */
typedef struct snp_cmp_corridor {
    const char *id;
    snp_cmp_kind kind;
    int in[2];
    double capital[2];
} snp_cmp_corridor;

/* A headline figure: objective, business as usual, savings, capital, emissions, a cost
 * category, or the waste diverted / virgin input replaced of one resource. */
typedef struct snp_cmp_figure {
    const char *key;   /* as in the solution JSON: "objective", "cost_breakdown.carbon",
                          "waste_diverted.heat" */
    const char *label; /* for people: "annual cost", "waste diverted: heat" */
    const char *unit;  /* "EUR/yr", "EUR", "t CO2e/yr", "MWh/yr" */
    int money;         /* in the currency (2 decimals for people) */
    double v[2];
    double change; /* v[1] - v[0]; NAN when either is */
} snp_cmp_figure;

/* A facility of A or B (matched by id) and what it pays per year (partners[]). */
typedef struct snp_cmp_partner {
    const char *id, *name;
    int in[2];
    double bau[2], cost[2]; /* NAN when unknown */
    double change;          /* cost[1] - cost[0] */
    int participates[2], worse_off[2];
} snp_cmp_partner;

typedef enum snp_cmp_node_kind {
    SNP_CMP_FACILITY = 0,
    SNP_CMP_HUB,
    SNP_CMP_JUNCTION
} snp_cmp_node_kind;

/* A place on the map: a facility, or a hub or junction of A or B. */
typedef struct snp_cmp_node {
    const char *id;
    snp_cmp_node_kind kind;
    int in[2]; /* facility: participates; hub: built; junction: touched by a link */
    int has_loc;
    snp_point loc; /* A's location when both give one */
} snp_cmp_node;

#define SNP_CMP_MAX_WARNINGS 8

struct sn_comparison {
    snp_arena arena;
    snp_solution_doc *doc[2];
    const char *file[2];   /* as given */
    const char *region[2]; /* the regions' names */
    const char *status[2];
    const char *currency;
    int has_map; /* every link end and facility has a location in its file */
    int lonlat;  /* the files' coordinates (both agree when has_map) */
    int n_warnings;
    const char *warnings[SNP_CMP_MAX_WARNINGS];
    int n_figures;
    snp_cmp_figure *figures;
    int n_links;
    snp_cmp_link *links; /* A's links in A's order, then B's new ones in B's order */
    int n_hubs;
    snp_cmp_hub *hubs;
    int n_corridors;
    snp_cmp_corridor *corridors;
    int n_partners;
    snp_cmp_partner *partners;
    int n_nodes;
    snp_cmp_node *nodes;
};

/* The node called id, or -1. */
int snp_cmp_node_find(const sn_comparison *c, const char *id);

/* Counts the entries of each kind among links (what 0), hubs (1) or corridors (2). */
int snp_cmp_count(const sn_comparison *c, int what, snp_cmp_kind kind);

#endif /* SN_SRC_RESULT_COMPARE_H */
