/*
 * verify_int.h - the independent solution checker: recomputes a written solution (JSON) from
 * the region data alone and reports every disagreement with its JSON path.
 *
 * Stage: sn_instance + solution JSON -> [verify]. It shares no code with src/model/ (it never
 * includes model_int.h): lengths, detours, corridors, losses, capital recovery factors and costs
 * are re-derived from docs/model.md and docs/format.md, so a modelling bug cannot hide behind
 * the same bug in the checker. Used by `symnet verify REGION SOLUTION` and by `symnet solve`
 * on the file it has just written (FILE.tmp), before renaming it. Tolerances are documented in
 * docs/testing.md ("The solution checker").
 *
 * Its public entry points, sn_solution_verify_file and sn_solution_verify_string, are declared
 * in include/symnet.h.
 */
#ifndef SN_SRC_VERIFY_VERIFY_INT_H
#define SN_SRC_VERIFY_VERIFY_INT_H

#include "../instance/instance_int.h"

/* Relative tolerance of every comparison (amount_tol and money_agrees in verify.c). */
#define SNP_VERIFY_REL 1e-6
/* Absolute floor, as a fraction of the region's largest amount or capacity. */
#define SNP_VERIFY_ABS 1e-9

/* A link's data as docs/model.md section 2 defines it. */
typedef struct snp_vlink {
    int tail, head, resource;
    snp_mode mode;
    int spec;     /* explicit link or -1 */
    int corridor; /* -1 none */
    int routed;   /* runs over the ways (2.3): a pipe pays no civil, its trenches are shared */
    double zone_charge; /* a truck over the ways: zone surcharges per trip */
    double length_km;
    double crf;
    double fixed_capital; /* K_l */
    double fixed_opex;    /* annual fixed charge that is not capital (given costs) */
    double unit_capital;  /* k_l */
    double unit_opex;     /* annual operating cost per unit sent, without carbon */
    double unit_co2;      /* e_l */
    double arrive;        /* gamma_l */
    double trip_cost;     /* > 0 when trips are charged */
    double trip_capacity; /* Q_l */
    double capacity;      /* explicit capacity, or 0 */
    int n_sizes;
    const snp_size_option *sizes;
} snp_vlink;

/* ---- region facts (derive.c) ---------------------------------------------------------------- */
double snp_verify_dist_km(const sn_instance *in, int a, int b);
double snp_verify_crf(double rate, double life_yr);
const snp_supply *snp_verify_facility_supply(const snp_facility *f, int r);
/* Demand units met per unit of r delivered to d; 0 when d does not accept r. */
double snp_verify_accept_ratio(const snp_demand *d, int r);
int snp_verify_hub_input(const snp_hub *h, int r);  /* input index or -1 */
int snp_verify_hub_output(const snp_hub *h, int r); /* output index or -1 */
int snp_verify_junction_carries(const snp_junction *j, int r);
/* out(u, r) and in(v, r) of model.md 2.1 for facilities and hubs (0 for junctions). */
double snp_verify_can_send(const sn_instance *in, int node, int r);
double snp_verify_can_receive(const sn_instance *in, int node, int r);
/* T_r of model.md 2.1: all of r that exists in the region. */
double snp_verify_region_total(const sn_instance *in, int r);
/* The corridor between a and b (either direction, not forbidden), or -1. */
int snp_verify_corridor_between(const sn_instance *in, int a, int b);
/* Sets l's corridor and length (model.md 2); sp: the explicit link or NULL. */
void snp_verify_link_length(const sn_instance *in, snp_vlink *l, const snp_link_spec *sp);
/* Costs from the resource's mode (table of model.md 2); 0 when the mode is absent. */
int snp_verify_price_from_mode(const sn_instance *in, snp_vlink *l);
/* Whether a generated candidate tail -> head exists (model.md 2); on 0, *why says why not. */
int snp_verify_generated(const sn_instance *in, snp_vlink *l, const char **why);

/* ---- routes over the ways (ways.c, issue 18) ------------------------------------------------ */
typedef void (*snp_verify_err)(void *ctx, const char *path, const char *msg);
/* The length of links[li]'s route (the sum of its trenches'), after checking that its trenches
 * are listed, join end to end from tail to head and, for a truck, are roads outside every zone
 * banning trucks; marks piped[t] for each trench t of a pipe's route and sets *zone_charge (a
 * truck's surcharges per trip) and, for a truck, adds its trips a year (the file's trips, else
 * flow over truck_capacity) to zone_trips[z] of every zone z it enters (zone_seen[z], per zone,
 * holds the last link counted there; start it at -1). NAN after an error
 * (reported through err). */
double snp_verify_route(const sn_instance *in, const snp_solution_doc *d, int li, int tail,
                        int head, snp_mode mode, int r, char *piped, double *zone_charge,
                        double *zone_trips, int *zone_seen, snp_verify_err err, void *ctx);
/* Whether a road (street or arterial) passes clearly within max_service_km of node (by more
 * than a tolerance for the model's snapped geometry): then its trucks must have a route; else
 * they may keep the straight line times detour (docs/format.md "ways"). */
int snp_verify_near_road(const sn_instance *in, int node);
/* Which generated pipes may exist over the ways (2.3), for the flow relaxation of cert.c. Ways
 * that cross or touch are one component of the way graph. Per node v, reach[v * SNP_REACH_MAX
 * ...] lists the components a pipe may leave v by: that of the ways nearest v (its service
 * connection) and that of the roads nearest v (a second service connection, when the nearest
 * way is no road), within a tolerance; none (-1 first) when every way is clearly farther than
 * max_service_km, SNP_REACH_ANY first when more than SNP_REACH_MAX tie. A pipe from u to v has
 * a route only when snp_verify_pipe_may_join: conservative at every tolerance, so a pipe the
 * model may generate is never ruled out. reach has snp_node_count(in) * SNP_REACH_MAX entries;
 * returns -1 without memory. O(S^2) in the ways' segments S, plus nodes x S. */
#define SNP_REACH_MAX 4
#define SNP_REACH_ANY (-2)
int snp_verify_pipe_reach(const sn_instance *in, int *reach);
int snp_verify_pipe_may_join(const int *reach, int u, int v);
/* Checks every trench the file lists against the region's ways and zones (geometry, length,
 * capital, zone, dug exactly when piped) and returns the capital of those dug. */
double snp_verify_trenches(const sn_instance *in, const snp_solution_doc *d, const char *piped,
                           snp_verify_err err, void *ctx);

/* Checks an infeasibility certificate (cert.c, docs/model.md 10.1) against the region alone:
 * rebuilds the flow relaxation, combines its rows with the file's multipliers and returns the
 * margin (> SNP_VERIFY_CERT_REL * (scale + 1) proves infeasibility), -INFINITY when a multiplier
 * leans on an infinite bound. Each row the region does not have is reported through err
 * (JSON path "infeasibility.rows[k]"). *scale: the sum of the magnitudes added. NAN without
 * memory. */
#define SNP_VERIFY_CERT_REL 1e-7
double snp_verify_certificate(const sn_instance *in, const snp_solution_doc *doc, double *scale,
                              snp_verify_err err, void *ctx);

/* Periods (periods.c, docs/model.md 14): checks every period's balances and every capacity
 * against the largest period's flow, from the region and the file's per-period numbers. vl
 * holds, per link of the file, its data as check_link derived it (resource < 0 when the link
 * is not a candidate). Returns the number of disagreements reported into diag, or -1 without
 * memory; 0 for a region without periods. */
typedef struct snp_verify_store_costs {
    double capital;            /* undiscounted capital of the stores built */
    double capital_annualised; /* CRF of each hub's lifetime times it */
    double fixed_opex;         /* per year */
} snp_verify_store_costs;
int snp_verify_periods(const sn_instance *in, const snp_solution_doc *doc, const snp_vlink *vl,
                       double amount_scale, sn_diag *diag, snp_verify_store_costs *stores);

/* Checks a parsed solution against the region. SN_OK when everything agrees; SN_EINTERNAL
 * when the solution disagrees with the region (every disagreement in diag, in file order, up
 * to SN_DIAG_MAX); SN_ENOMEM. Messages read "FILE: PATH: WHAT: expected X, got Y". */
SN_NODISCARD sn_status snp_verify_doc(const sn_instance *inst, const snp_solution_doc *doc,
                                      sn_diag *diag);

#endif /* SN_SRC_VERIFY_VERIFY_INT_H */
