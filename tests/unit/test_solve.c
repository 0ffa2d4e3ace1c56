/*
 * test_solve.c - unit tests of src/solve: parameter validation, the solution accessors, time
 * limits and interruption reported honestly in the status, and the main check of the whole
 * pipeline: an ENUMERATION test. Many tiny random regions (seeded, so every run is the same)
 * are written as JSON and solved by symnet; each is also solved here independently, from the
 * region's data and the formulas of docs/format.md alone, by enumerating every combination of
 * the design decisions (each pipe built or not, with which size; the hub built or not, with
 * which capacity) and solving the remaining flow problem of each combination with GLPK on a
 * model written in this file (not symnet's builder). The best combination must cost what
 * sn_solve reports (relative 1e-6), and an infeasible region must be infeasible for both.
 *
 * The regions mix pipes (fixed and per-unit capital, discrete sizes, losses, detours, maximum
 * lengths), trucks with per-trip costs, substitutes with ratios, a hub with capacity options,
 * a junction, a corridor, a capital budget, an emission cap, carbon prices, and supplies and
 * demands without a disposal or purchase option; the test asserts that enough optima use each.
 *
 * The plugin table (docs/model.md 11): its names, sn_params_disable, every hand case of
 * tests/cases/ok keeping its optimum with any plugin disabled, and "solver_stats" in the JSON.
 */
#include "solve/solve_int.h"
#include "symnet.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <glpk.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- parameters --------------------------------------------------------------------------- */

Test(params, defaults_are_valid)
{
    sn_params p;
    sn_params_init(&p);
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_params_validate(&p, &d), SN_OK);
    cr_assert_eq(d.count, 0);
    cr_assert_eq(p.time_limit_s, 0, "no time limit by default");
    cr_assert_eq(p.mip_gap, 0, "prove optimality by default");
    cr_assert_gt(p.progress_every_s, 0);
    cr_assert_null(p.progress);
    cr_assert_null(p.interrupt);
    cr_assert_eq(p.presolve, 1);
    cr_assert_eq(p.cuts, 1);
}

/* sn_params_init sets every field, whatever the memory held (an embedding program's params
 * live on its stack): here every byte starts as 0xa5. */
Test(params, init_sets_every_field)
{
    sn_params p;
    memset(&p, 0xa5, sizeof p);
    sn_params_init(&p);
    cr_expect_null(p.progress);
    cr_expect_null(p.progress_ctx);
    cr_expect_null(p.interrupt);
    cr_expect_eq(p.fair, 0);
    cr_expect_null(p.start);
    cr_expect_eq(p.n_start, 0);
    cr_expect_null(p.warm);
    cr_expect_eq(p.keep_links, 0);
    cr_expect_eq(p.keep_warm, 0);
    cr_expect_null(p.on_model);
    sn_diag d;
    sn_diag_init(&d);
    cr_expect_eq(sn_params_validate(&p, &d), SN_OK);
}

static void expect_bad_param(const char *field, double value)
{
    sn_params p;
    sn_params_init(&p);
    if (strcmp(field, "time_limit_s") == 0)
        p.time_limit_s = value;
    else if (strcmp(field, "mip_gap") == 0)
        p.mip_gap = value;
    else
        p.progress_every_s = value;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_params_validate(&p, &d), SN_EUSAGE, "%s = %g accepted", field, value);
    cr_assert_eq(d.count, 1, "%s = %g: %d diagnostics", field, value, d.count);
    cr_assert_str_eq(d.errors[0].path, field, "the message must name the field");
    cr_assert_eq(d.errors[0].code, SN_EUSAGE);
    cr_assert(strstr(d.errors[0].message, "expected a number in"), "%s", d.errors[0].message);
}

Test(params, bad_values_are_rejected_and_named)
{
    expect_bad_param("time_limit_s", -1);
    expect_bad_param("time_limit_s", NAN);
    expect_bad_param("time_limit_s", INFINITY);
    expect_bad_param("mip_gap", -0.01);
    expect_bad_param("mip_gap", 1.5);
    expect_bad_param("mip_gap", NAN);
    expect_bad_param("progress_every_s", -3);
    expect_bad_param("progress_every_s", NAN);
}

Test(params, every_bad_field_is_reported_and_sn_solve_refuses)
{
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = -1;
    p.mip_gap = 2;
    p.progress_every_s = NAN;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_params_validate(&p, &d), SN_EUSAGE);
    cr_assert_eq(d.count, 3);
    cr_assert_str_eq(d.errors[0].path, "time_limit_s");
    cr_assert_str_eq(d.errors[1].path, "mip_gap");
    cr_assert_str_eq(d.errors[2].path, "progress_every_s");
}

Test(params, edges_of_the_ranges_are_accepted)
{
    sn_params p;
    sn_params_init(&p);
    p.mip_gap = 1;
    p.time_limit_s = 1e7;
    p.progress_every_s = 0;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_params_validate(&p, &d), SN_OK);
}

/* ---- small helpers ------------------------------------------------------------------------ */

typedef struct loaded {
    sn_instance *in;
    sn_model *m;
} loaded;

static void fail_diag(const char *what, const sn_diag *d, const char *doc)
{
    char buf[1200] = "(no diagnostic)";
    if (d->count > 0)
        sn_error_format(&d->errors[0], buf, sizeof buf);
    cr_assert_fail("%s failed: %s\n%s", what, buf, doc ? doc : "");
}

static loaded load_and_build(const char *doc)
{
    loaded l = {NULL, NULL};
    sn_diag d;
    sn_diag_init(&d);
    if (sn_instance_load_string(doc, strlen(doc), "gen.json", &l.in, &d) != SN_OK)
        fail_diag("load", &d, doc);
    sn_diag_init(&d);
    if (sn_model_build(l.in, SN_MODEL_NETWORK, &l.m, &d) != SN_OK)
        fail_diag("build", &d, doc);
    return l;
}

/* Solves l's model with p; fails the test unless sn_solve returns SN_OK. */
static sn_solution *solve_with(const loaded *l, const sn_params *p)
{
    sn_solution *s = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_solve(l->m, p, &s, &d), SN_OK);
    return s;
}

static void unload(loaded *l)
{
    sn_model_free(l->m);
    sn_instance_free(l->in);
}

Test(solve, time_limit_is_honoured_and_reported_as_not_proven)
{
    char *doc = tu_fctp_region(20, 20, 12345);
    loaded l = load_and_build(doc);
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = 0.5;
    p.cuts = 0;
    p.search = 0; /* a plain GLPK search: it cannot prove this within the limit */
    sn_solution *s = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_solve(l.m, &p, &s, &d), SN_OK);
    sn_solution_status st = sn_solution_status_get(s);
    cr_assert(st == SN_SOL_FEASIBLE || st == SN_SOL_NO_SOLUTION,
              "a 400-binary fixed-charge problem solved in 0.5 s? status %s",
              sn_solution_status_name(st));
    /* functional, not a speed check: the limit must stop the search, not be ignored */
    cr_assert_lt(sn_solution_time_s(s), p.time_limit_s + 30.0, "took %.1f s",
                 sn_solution_time_s(s));
    cr_assert_not(sn_solution_interrupted(s));
    if (st == SN_SOL_FEASIBLE) {
        double obj = sn_solution_objective(s), bound = sn_solution_bound(s);
        cr_assert(isfinite(obj));
        cr_assert_leq(bound, obj + 1e-6 * fabs(obj), "bound %.6f above objective %.6f", bound, obj);
        double gap = sn_solution_gap(s);
        if (isfinite(bound)) {
            cr_assert(isfinite(gap) && gap >= 0, "gap %g", gap);
            cr_assert_leq(fabs(gap - (obj - bound) / fabs(obj)), 1e-6, "gap %g", gap);
        }
        sn_diag_init(&d);
        cr_assert_eq(sn_solution_check(l.in, l.m, s, &d), SN_OK,
                     "the best network found must still be costed consistently");
    } else {
        cr_assert(isnan(sn_solution_objective(s)));
    }
    sn_solution_free(s);
    unload(&l);
    free(doc);
}

Test(solve, interrupt_keeps_the_best_network_and_says_so)
{
    char *doc = tu_fctp_region(12, 12, 12345);
    loaded l = load_and_build(doc);
    volatile sig_atomic_t stop = 1; /* already set: stop at the first chance */
    sn_params p;
    sn_params_init(&p);
    p.interrupt = &stop;
    sn_solution *s = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_solve(l.m, &p, &s, &d), SN_OK);
    cr_assert(sn_solution_interrupted(s));
    sn_solution_status st = sn_solution_status_get(s);
    cr_assert(st == SN_SOL_FEASIBLE || st == SN_SOL_NO_SOLUTION, "status %s after an interrupt",
              sn_solution_status_name(st));
    sn_solution_free(s);
    unload(&l);
    free(doc);
}

static int progress_calls;
static void count_progress(const sn_progress *pr, void *ctx)
{
    cr_assert_eq(ctx, (void *)&progress_calls);
    cr_assert_geq(pr->elapsed_s, 0);
    if (pr->has_incumbent)
        cr_assert(isfinite(pr->incumbent));
    progress_calls++;
}

Test(solve, optimal_solution_accessors_and_progress)
{
    /* docs/format.md, tests/cases/ok/01: one pipe pays (11800 EUR/yr), one does not */
    const char *doc =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"01\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
        " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": "
        "10000, \"opex_per_unit_km\": 0.1}}],"
        " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
        "\"heat\", \"amount\": 1000, \"disposal_cost\": 2}]},"
        " {\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\", "
        "\"amount\": 800, \"price\": 20}]},"
        " {\"id\": \"C\", \"location\": [0, 12], \"demands\": [{\"resource\": \"heat\", "
        "\"amount\": 300, \"price\": 20}]}]}";
    loaded l = load_and_build(doc);
    sn_params p;
    sn_params_init(&p);
    p.progress = count_progress;
    p.progress_ctx = &progress_calls;
    p.progress_every_s = 0;
    sn_solution *s = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_solve(l.m, &p, &s, &d), SN_OK);
    cr_assert_eq(sn_solution_status_get(s), SN_SOL_OPTIMAL);
    cr_assert_str_eq(sn_solution_status_name(SN_SOL_OPTIMAL), "optimal");
    cr_assert_leq(fabs(sn_solution_objective(s) - 11800), 1e-6);
    cr_assert_leq(fabs(sn_solution_bound(s) - 11800), 1e-6);
    cr_assert_leq(sn_solution_gap(s), 1e-9);
    cr_assert_geq(sn_solution_time_s(s), 0);
    cr_assert_not(sn_solution_interrupted(s));
    cr_assert_gt(progress_calls, 0, "progress every 0 s must be called at least once");
    sn_solution_free(s);
    sn_solution_free(NULL);
    unload(&l);
}

Test(solve, status_names_are_the_documented_ones)
{
    cr_assert_str_eq(sn_solution_status_name(SN_SOL_OPTIMAL), "optimal");
    cr_assert_str_eq(sn_solution_status_name(SN_SOL_FEASIBLE), "feasible");
    cr_assert_str_eq(sn_solution_status_name(SN_SOL_INFEASIBLE), "infeasible");
    cr_assert_str_eq(sn_solution_status_name(SN_SOL_UNBOUNDED), "unbounded");
    cr_assert_str_eq(sn_solution_status_name(SN_SOL_NO_SOLUTION), "no_solution");
}

Test(solve, infeasible_region_is_a_status_not_an_error)
{
    /* B must be served, but the only supply is beyond the pipe's max_km */
    const char *doc =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"inf\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
        " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": "
        "1, \"max_km\": 3}}],"
        " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
        "\"heat\", \"amount\": 1000, \"disposal_cost\": 2}]},"
        " {\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\", "
        "\"amount\": 800}]}]}";
    loaded l = load_and_build(doc);
    sn_params p;
    sn_params_init(&p);
    sn_solution *s = solve_with(&l, &p);
    cr_assert_eq(sn_solution_status_get(s), SN_SOL_INFEASIBLE);
    cr_assert(isnan(sn_solution_objective(s)));
    /* its certificate (docs/model.md 10.1), by hand: B's inflow and demand rows with
     * multiplier 1 combine to 0 >= 800 (nothing can arrive, the delivery cancels): margin 800 */
    cr_assert_eq(s->proof, SNP_PROOF_CERTIFICATE);
    cr_assert_float_eq(s->cert_margin, 800, 1e-9);
    cr_assert_eq(s->n_cert, 2);
    sn_solution_free(s);
    unload(&l);
}

/* A region whose relaxation is infeasible only because of the emission cap: the certificate
 * must use the cap's row. A must hand over 100 t through the one 10 km pipe at 0.01 t/t/km
 * (10 t/yr), the cap is 4 t/yr. */
Test(solve, an_emission_cap_infeasibility_is_certified_on_the_cap_row)
{
    const char *doc =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"cap\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10, "
        "\"co2_cap_t_per_yr\": 4},"
        " \"resources\": [{\"id\": \"slag\", \"unit\": \"t\", \"pipe\": {\"capital_per_km\": "
        "10, \"co2_per_unit_km\": 0.01}}],"
        " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
        "\"slag\", \"amount\": 100}]},"
        " {\"id\": \"B\", \"location\": [10, 0], \"demands\": [{\"resource\": \"slag\", "
        "\"amount\": 100, \"price\": 2}]}]}";
    loaded l = load_and_build(doc);
    sn_params p;
    sn_params_init(&p);
    sn_solution *s = solve_with(&l, &p);
    cr_assert_eq(sn_solution_status_get(s), SN_SOL_INFEASIBLE);
    cr_assert_eq(s->proof, SNP_PROOF_CERTIFICATE);
    double ycap = 0;
    for (int k = 0; k < s->n_cert; k++)
        if (s->cert[k].kind == SNP_RELAX_CO2)
            ycap = s->cert[k].y;
    cr_assert(ycap < 0, "the certificate leans on the emission cap's upper bound");
    /* 10 t/yr must be emitted, 4 allowed: the combined row misses by 6 t times |y_cap| */
    cr_assert_float_eq(s->cert_margin, 6 * fabs(ycap), 1e-6 * s->cert_scale);
    sn_solution_free(s);
    unload(&l);
}

/* The verdict GLPK gave p50x288 (issue 20), simulated: a feasible region whose search is said
 * to have found nothing. The flow relaxation has points (no certificate) and the elastic model
 * finds a network that violates nothing, so the evidence conflicts: no_solution with a warning,
 * never infeasible. */
Test(solve, a_false_infeasible_verdict_becomes_no_solution_with_a_warning)
{
    const char *doc =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"ok\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
        " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": "
        "1}}],"
        " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
        "\"heat\", \"amount\": 100}]},"
        " {\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\", "
        "\"amount\": 100}]}]}";
    loaded l = load_and_build(doc);
    sn_params p;
    sn_params_init(&p);
    sn_solution *s = solve_with(&l, &p);
    cr_assert_eq(sn_solution_status_get(s), SN_SOL_OPTIMAL);
    s->has_x = 0; /* what a lost simplex would have left */
    for (int search_done = 0; search_done < 2; search_done++) {
        s->status = SN_SOL_INFEASIBLE;
        s->warning[0] = '\0';
        cr_assert_eq(snp_certify(l.m, &p, search_done, 0, s), SN_OK);
        cr_assert_eq(sn_solution_status_get(s), SN_SOL_NO_SOLUTION);
        cr_assert_not_null(sn_solution_warning(s));
        cr_assert_not_null(strstr(sn_solution_warning(s), "numerical trouble"), "%s",
                           sn_solution_warning(s));
        cr_assert_not_null(strstr(sn_solution_warning(s), "meets every requirement"), "%s",
                           sn_solution_warning(s));
    }
    sn_solution_free(s);
    unload(&l);
}

/* ---- the enumeration test ------------------------------------------------------------------ */

#define G_MAXF 5
#define G_MAXR 2
#define G_HUB(R) ((R)->nf) /* node numbers here: facilities, the hub, the junction */
#define G_JUNCTION(R) ((R)->nf + 1)
#define G_MAXL 64
#define G_MAX_CHOICES 1024 /* combinations enumerated per region, at most */

typedef struct g_res {
    int pipe, truck;
    double civil, cap_km, cap_unit, opex, pco2, loss, plife, pdetour, pmax;
    int n_sizes;
    double size_cap[2], size_cpk[2];
    double tcost, tco2, trip, tcap, tdetour, tmax;
} g_res;

typedef struct g_sup {
    int has, has_disp;
    double amount, disp, dco2;
} g_sup;

typedef struct g_dem {
    int has, has_price, sub; /* sub: resource accepted as a substitute, or -1 */
    double amount, price, co2, ratio;
} g_dem;

typedef struct g_fac {
    int x, y;
    g_sup s[G_MAXR];
    g_dem d[G_MAXR];
} g_fac;

typedef struct g_hub {
    int has, x, y, n_opt;
    double yield, cost, co2, disp, life;
    double cap[2], capital[2], opex[2];
} g_hub;

typedef struct g_junction {
    int has, x, y;
} g_junction;

/* A corridor between two nodes (facilities or the junction); length_km <= 0: computed. */
typedef struct g_corridor {
    int has, a, b;
    double length_km, capital, life;
} g_corridor;

typedef struct g_region {
    int nf, nr;
    double rate, life, cp;
    int has_budget, has_cap;
    double budget, co2cap;
    g_res r[G_MAXR];
    g_fac f[G_MAXF];
    g_hub h;
    g_junction j;
    g_corridor c;
} g_region;

typedef struct g_link {
    int tail, head, r, pipe, corridor;
    double len, arrive, fixed_cap, fixed_ann, unit_cap, unit_ann, unit_co2, trip, tcap, crf;
} g_link;

typedef struct rng {
    unsigned long long s;
} rng;

static unsigned long long next_u64(rng *g)
{
    /* splitmix64 */
    unsigned long long z = (g->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double unif(rng *g, double lo, double hi)
{
    double u = (double)(next_u64(g) >> 11) / 9007199254740992.0;
    return lo + (hi - lo) * u;
}

/* A "round" value: two decimals, so the JSON is readable when a case fails. */
static double val2(rng *g, double lo, double hi)
{
    return round(unif(g, lo, hi) * 100) / 100;
}

static int chance(rng *g, double p)
{
    return unif(g, 0, 1) < p;
}

static int irand(rng *g, int n)
{
    return (int)(next_u64(g) % (unsigned long long)n);
}

static double crf(double rate, double life)
{
    if (rate == 0)
        return 1 / life;
    double g = pow(1 + rate, life);
    return rate * g / (g - 1);
}

static void gen_region(rng *g, g_region *R)
{
    memset(R, 0, sizeof *R);
    R->nf = 2 + irand(g, 4);
    R->nr = 1 + irand(g, 2);
    const double rates[] = {0, 0.03, 0.08};
    R->rate = rates[irand(g, 3)];
    R->life = chance(g, 0.5) ? 10 : 20;
    R->cp = chance(g, 0.5) ? 0 : 50;
    for (int r = 0; r < R->nr; r++) {
        g_res *s = &R->r[r];
        s->pipe = chance(g, 0.75);
        s->truck = !s->pipe || chance(g, 0.4);
        s->civil = chance(g, 0.5) ? 0 : val2(g, 0, 800);
        s->pdetour = chance(g, 0.5) ? 1 : 1.3;
        s->pmax = chance(g, 0.7) ? INFINITY : 8.5;
        s->plife = chance(g, 0.5) ? 0 : 30; /* 0: the region's */
        s->opex = chance(g, 0.3) ? 0 : val2(g, 0, 0.5);
        s->pco2 = chance(g, 0.5) ? 0 : 0.001;
        s->loss = chance(g, 0.5) ? 0 : val2(g, 0.005, 0.04);
        if (chance(g, 0.25)) {
            s->n_sizes = 2;
            s->size_cap[0] = val2(g, 30, 200);
            s->size_cap[1] = val2(g, 250, 900);
            s->size_cpk[0] = val2(g, 100, 1200);
            s->size_cpk[1] = s->size_cpk[0] + val2(g, 100, 1500);
        } else {
            s->cap_km = val2(g, 200, 3000);
            s->cap_unit = chance(g, 0.6) ? 0 : val2(g, 0, 2);
        }
        s->tcost = val2(g, 0.05, 0.6);
        s->tco2 = chance(g, 0.5) ? 0 : 0.0001;
        s->tdetour = chance(g, 0.5) ? 1 : 1.2;
        s->tmax = chance(g, 0.7) ? INFINITY : 9.5;
        if (chance(g, 0.5)) {
            s->trip = val2(g, 5, 60);
            s->tcap = val2(g, 10, 120);
        }
    }
    for (int f = 0; f < R->nf; f++) {
        g_fac *fa = &R->f[f];
        fa->x = irand(g, 11);
        fa->y = irand(g, 11);
        for (int r = 0; r < R->nr; r++) {
            int u = irand(g, 10);
            if (u < 4) {
                g_sup *s = &fa->s[r];
                s->has = 1;
                s->amount = val2(g, 20, 500);
                s->has_disp = chance(g, 0.95);
                s->disp = val2(g, -1, 20);
                s->dco2 = chance(g, 0.5) ? 0 : val2(g, 0, 0.2);
            } else if (u < 8) {
                g_dem *d = &fa->d[r];
                d->has = 1;
                d->amount = val2(g, 20, 500);
                d->has_price = chance(g, 0.95);
                d->price = val2(g, 1, 40);
                d->co2 = chance(g, 0.5) ? 0 : val2(g, 0, 0.3);
                d->sub = -1;
                if (R->nr == 2 && chance(g, 0.25)) {
                    d->sub = 1 - r;
                    d->ratio = val2(g, 0.5, 1.5);
                }
            }
        }
    }
    if (R->nr == 2 && chance(g, 0.5)) {
        g_hub *h = &R->h;
        h->has = 1;
        h->x = irand(g, 11);
        h->y = irand(g, 11);
        h->yield = val2(g, 0.5, 1.2);
        h->cost = val2(g, 0, 5);
        h->co2 = chance(g, 0.5) ? 0 : 0.01;
        h->disp = val2(g, 0, 5);
        h->life = chance(g, 0.5) ? 0 : 25;
        h->n_opt = 1 + irand(g, 2);
        for (int o = 0; o < h->n_opt; o++) {
            h->cap[o] = val2(g, 100, 400) + 300 * o;
            h->capital[o] = val2(g, 500, 8000) + 3000 * o;
            h->opex[o] = val2(g, 0, 500);
        }
    }
    if (chance(g, 0.4)) { /* near the middle of the facilities, where a shared trunk pays */
        double sx = 0, sy = 0;
        for (int f = 0; f < R->nf; f++) {
            sx += R->f[f].x;
            sy += R->f[f].y;
        }
        R->j.has = 1;
        R->j.x = (int)lround(sx / R->nf) + irand(g, 3) - 1;
        R->j.y = (int)lround(sy / R->nf) + irand(g, 3) - 1;
    }
    if (chance(g, 0.3)) {
        int n = R->nf + (R->j.has ? 1 : 0);
        g_corridor *c = &R->c;
        c->a = irand(g, n);
        c->b = irand(g, n - 1);
        c->b += c->b >= c->a;
        if (c->a >= R->nf)
            c->a = G_JUNCTION(R);
        if (c->b >= R->nf)
            c->b = G_JUNCTION(R);
        c->has = 1;
        c->length_km = chance(g, 0.5) ? 0 : val2(g, 0.5, 12);
        c->capital = val2(g, 200, 6000);
        c->life = chance(g, 0.5) ? 0 : 40;
    }
    if (chance(g, 0.15)) {
        R->has_budget = 1;
        R->budget = val2(g, 2000, 60000);
    }
    if (chance(g, 0.12)) {
        double bau = 0;
        for (int f = 0; f < R->nf; f++)
            for (int r = 0; r < R->nr; r++)
                bau += (R->f[f].s[r].has ? R->f[f].s[r].amount * R->f[f].s[r].dco2 : 0) +
                       (R->f[f].d[r].has ? R->f[f].d[r].amount * R->f[f].d[r].co2 : 0);
        if (bau > 0) {
            R->has_cap = 1;
            R->co2cap = round(bau * unif(g, 0.4, 0.95) * 1000) / 1000;
        }
    }
}

/* ---- the region as JSON --------------------------------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void put(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && (size_t)n < b->cap - b->n, "JSON buffer too small");
    b->n += (size_t)n;
}

static void region_json(const g_region *R, sbuf *b)
{
    b->n = 0;
    put(b,
        "{\"format\": \"symnet-region/1\",\n \"region\": {\"name\": \"gen\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": %.17g, \"lifetime_yr\": %.17g, "
        "\"carbon_price\": %.17g",
        R->rate, R->life, R->cp);
    if (R->has_budget)
        put(b, ", \"capital_budget\": %.17g", R->budget);
    if (R->has_cap)
        put(b, ", \"co2_cap_t_per_yr\": %.17g", R->co2cap);
    put(b, "},\n \"resources\": [");
    for (int r = 0; r < R->nr; r++) {
        const g_res *s = &R->r[r];
        put(b, "%s\n  {\"id\": \"r%d\", \"unit\": \"t\"", r ? "," : "", r);
        if (s->pipe) {
            put(b,
                ", \"pipe\": {\"civil_capital_per_km\": %.17g, \"opex_per_unit_km\": %.17g, "
                "\"co2_per_unit_km\": %.17g, \"loss_per_km\": %.17g, \"detour\": %.17g",
                s->civil, s->opex, s->pco2, s->loss, s->pdetour);
            if (s->n_sizes)
                put(b,
                    ", \"sizes\": [{\"capacity\": %.17g, \"capital_per_km\": %.17g}, "
                    "{\"capacity\": %.17g, \"capital_per_km\": %.17g}]",
                    s->size_cap[0], s->size_cpk[0], s->size_cap[1], s->size_cpk[1]);
            else
                put(b, ", \"capital_per_km\": %.17g, \"capital_per_km_per_unit\": %.17g", s->cap_km,
                    s->cap_unit);
            if (isfinite(s->pmax))
                put(b, ", \"max_km\": %.17g", s->pmax);
            if (s->plife > 0)
                put(b, ", \"lifetime_yr\": %.17g", s->plife);
            put(b, "}");
        }
        if (s->truck) {
            put(b,
                ", \"truck\": {\"cost_per_unit_km\": %.17g, \"co2_per_unit_km\": %.17g, "
                "\"detour\": %.17g",
                s->tcost, s->tco2, s->tdetour);
            if (s->trip > 0)
                put(b, ", \"cost_per_trip\": %.17g, \"truck_capacity\": %.17g", s->trip, s->tcap);
            if (isfinite(s->tmax))
                put(b, ", \"max_km\": %.17g", s->tmax);
            put(b, "}");
        }
        put(b, "}");
    }
    put(b, "],\n \"facilities\": [");
    for (int f = 0; f < R->nf; f++) {
        const g_fac *fa = &R->f[f];
        put(b, "%s\n  {\"id\": \"F%d\", \"location\": [%d, %d], \"supplies\": [", f ? "," : "", f,
            fa->x, fa->y);
        int first = 1;
        for (int r = 0; r < R->nr; r++) {
            const g_sup *s = &fa->s[r];
            if (!s->has)
                continue;
            put(b, "%s{\"resource\": \"r%d\", \"amount\": %.17g, \"disposal_co2\": %.17g",
                first ? "" : ", ", r, s->amount, s->dco2);
            if (s->has_disp)
                put(b, ", \"disposal_cost\": %.17g", s->disp);
            put(b, "}");
            first = 0;
        }
        put(b, "], \"demands\": [");
        first = 1;
        for (int r = 0; r < R->nr; r++) {
            const g_dem *d = &fa->d[r];
            if (!d->has)
                continue;
            put(b, "%s{\"resource\": \"r%d\", \"amount\": %.17g, \"co2\": %.17g", first ? "" : ", ",
                r, d->amount, d->co2);
            if (d->has_price)
                put(b, ", \"price\": %.17g", d->price);
            if (d->sub >= 0)
                put(b, ", \"substitutes\": [{\"resource\": \"r%d\", \"ratio\": %.17g}]", d->sub,
                    d->ratio);
            put(b, "}");
            first = 0;
        }
        put(b, "]}");
    }
    put(b, "]");
    if (R->h.has) {
        const g_hub *h = &R->h;
        put(b, ",\n \"hubs\": [{\"id\": \"H\", \"location\": [%d, %d], \"capacities\": [", h->x,
            h->y);
        for (int o = 0; o < h->n_opt; o++)
            put(b, "%s{\"capacity\": %.17g, \"capital\": %.17g, \"fixed_opex\": %.17g}",
                o ? ", " : "", h->cap[o], h->capital[o], h->opex[o]);
        put(b,
            "], \"inputs\": [{\"resource\": \"r0\", \"yields\": {\"r1\": %.17g}, "
            "\"cost_per_unit\": %.17g, \"co2_per_unit\": %.17g}], \"outputs\": [{\"resource\": "
            "\"r1\", \"disposal_cost\": %.17g}]",
            h->yield, h->cost, h->co2, h->disp);
        if (h->life > 0)
            put(b, ", \"lifetime_yr\": %.17g", h->life);
        put(b, "}]");
    }
    if (R->j.has)
        put(b, ",\n \"junctions\": [{\"id\": \"J\", \"location\": [%d, %d]}]", R->j.x, R->j.y);
    if (R->c.has) {
        const g_corridor *c = &R->c;
        char a[8], z[8];
        snprintf(a, sizeof a, c->a == G_JUNCTION(R) ? "J" : "F%d", c->a);
        snprintf(z, sizeof z, c->b == G_JUNCTION(R) ? "J" : "F%d", c->b);
        put(b,
            ",\n \"corridors\": [{\"id\": \"K\", \"from\": \"%s\", \"to\": \"%s\", "
            "\"capital\": %.17g",
            a, z, c->capital);
        if (c->length_km > 0)
            put(b, ", \"length_km\": %.17g", c->length_km);
        if (c->life > 0)
            put(b, ", \"lifetime_yr\": %.17g", c->life);
        put(b, "}]");
    }
    put(b, "\n}\n");
}

/* ---- candidate links from docs/format.md and docs/model.md section 2 ------------------------ */

/* Whether any node can send r: a junction carries r only then (model.md 2.1: T_r > 0). */
static int exists(const g_region *R, int r)
{
    for (int f = 0; f < R->nf; f++)
        if (R->f[f].s[r].has)
            return 1;
    return R->h.has && r == 1;
}

static int sends(const g_region *R, int node, int r, int pipe)
{
    if (node == G_JUNCTION(R))
        return R->j.has && pipe && exists(R, r);
    if (node == G_HUB(R))
        return R->h.has && r == 1;
    return R->f[node].s[r].has;
}

static int receives(const g_region *R, int node, int r, int pipe)
{
    if (node == G_JUNCTION(R))
        return R->j.has && pipe && exists(R, r);
    if (node == G_HUB(R))
        return R->h.has && r == 0;
    for (int k = 0; k < R->nr; k++) {
        const g_dem *d = &R->f[node].d[k];
        if (d->has && (k == r || d->sub == r))
            return 1;
    }
    return 0;
}

static void node_xy(const g_region *R, int node, double *x, double *y)
{
    *x = node == G_JUNCTION(R) ? R->j.x : node == G_HUB(R) ? R->h.x : R->f[node].x;
    *y = node == G_JUNCTION(R) ? R->j.y : node == G_HUB(R) ? R->h.y : R->f[node].y;
}

static int gen_links(const g_region *R, g_link *L)
{
    int n = 0, nn = R->nf + 2;
    for (int r = 0; r < R->nr; r++) {
        const g_res *s = &R->r[r];
        for (int mode = 0; mode < 2; mode++) {
            int pipe = mode == 0;
            if ((pipe && !s->pipe) || (!pipe && !s->truck))
                continue;
            for (int u = 0; u < nn; u++) {
                if (!sends(R, u, r, pipe))
                    continue;
                for (int v = 0; v < nn; v++) {
                    if (u == v || !receives(R, v, r, pipe))
                        continue;
                    double ux, uy, vx, vy;
                    node_xy(R, u, &ux, &uy);
                    node_xy(R, v, &vx, &vy);
                    double d = sqrt((ux - vx) * (ux - vx) + (uy - vy) * (uy - vy));
                    g_link l;
                    memset(&l, 0, sizeof l);
                    l.tail = u;
                    l.head = v;
                    l.r = r;
                    l.pipe = pipe;
                    l.len = d * (pipe ? s->pdetour : s->tdetour);
                    const g_corridor *c = &R->c;
                    l.corridor =
                        pipe && c->has && ((c->a == u && c->b == v) || (c->a == v && c->b == u));
                    if (l.corridor) /* a pipe in a corridor takes its length: given, or the
                                       straight line */
                        l.len = c->length_km > 0 ? c->length_km : d;
                    if (l.len > (pipe ? s->pmax : s->tmax))
                        continue;
                    if (pipe) {
                        l.crf = crf(R->rate, s->plife > 0 ? s->plife : R->life);
                        l.arrive = 1 - s->loss * l.len;
                        if (l.arrive <= 0)
                            continue;
                        /* cap_km is 0 with sizes; the corridor pays the civil works */
                        l.fixed_cap = l.len * ((l.corridor ? 0 : s->civil) + s->cap_km);
                        l.fixed_ann = l.crf * l.fixed_cap;
                        l.unit_cap = l.len * s->cap_unit;
                        l.unit_co2 = l.len * s->pco2;
                        l.unit_ann = l.crf * l.unit_cap + l.len * s->opex + R->cp * l.unit_co2;
                    } else {
                        l.arrive = 1;
                        l.unit_co2 = l.len * s->tco2;
                        l.unit_ann = l.len * s->tcost + R->cp * l.unit_co2;
                        l.trip = s->trip;
                        l.tcap = s->tcap;
                    }
                    cr_assert_lt(n, G_MAXL);
                    L[n++] = l;
                }
            }
        }
    }
    return n;
}

/* ---- the flow problem of one combination, on GLPK directly -------------------------------- */

typedef struct lp {
    glp_prob *P;
    int nz;
    int ia[2048], ja[2048];
    double ar[2048];
} lp;

static int lp_col(lp *q, double lb, double ub, double cost, int integer)
{
    int j = glp_add_cols(q->P, 1);
    if (isinf(ub))
        glp_set_col_bnds(q->P, j, GLP_LO, lb, 0);
    else if (lb == ub)
        glp_set_col_bnds(q->P, j, GLP_FX, lb, ub);
    else
        glp_set_col_bnds(q->P, j, GLP_DB, lb, ub);
    glp_set_obj_coef(q->P, j, cost);
    if (integer)
        glp_set_col_kind(q->P, j, GLP_IV);
    return j;
}

static int lp_row(lp *q, int type, double lb, double ub)
{
    int i = glp_add_rows(q->P, 1);
    glp_set_row_bnds(q->P, i, type, lb, ub);
    return i;
}

static void lp_nz(lp *q, int i, int j, double v)
{
    cr_assert_lt(q->nz + 1, 2048);
    q->nz++;
    q->ia[q->nz] = i;
    q->ja[q->nz] = j;
    q->ar[q->nz] = v;
}

/* Cost of the best network with these decisions: open[k] = 0 (pipe k not built) or 1 + size
 * index (1 without sizes); hub_opt = -1 (hub not built) or its capacity option. INFINITY when
 * the decisions admit no feasible flow. */
static double solve_combination(const g_region *R, const g_link *L, int nl, const int *open,
                                int hub_opt)
{
    double fixed = 0, fixed_capital = 0;
    int usable[G_MAXL];
    for (int k = 0; k < nl; k++) {
        const g_link *l = &L[k];
        int at_hub = l->tail == G_HUB(R) || l->head == G_HUB(R);
        usable[k] = l->pipe ? open[k] > 0 : 1;
        if (at_hub && hub_opt < 0)
            usable[k] = 0;
        if (l->pipe && open[k] > 0) {
            const g_res *s = &R->r[l->r];
            double cap = l->fixed_cap + (s->n_sizes ? l->len * s->size_cpk[open[k] - 1] : 0);
            fixed += l->crf * cap;
            fixed_capital += cap;
        }
    }
    if (hub_opt >= 0) {
        const g_hub *h = &R->h;
        fixed +=
            crf(R->rate, h->life > 0 ? h->life : R->life) * h->capital[hub_opt] + h->opex[hub_opt];
        fixed_capital += h->capital[hub_opt];
    }
    /* the corridor's capital is paid once if any pipe in it is built */
    int corridor_used = 0;
    for (int k = 0; k < nl; k++)
        corridor_used |= L[k].pipe && open[k] > 0 && L[k].corridor;
    if (corridor_used) {
        const g_corridor *c = &R->c;
        fixed += crf(R->rate, c->life > 0 ? c->life : R->life) * c->capital;
        fixed_capital += c->capital;
    }
    lp q;
    q.P = glp_create_prob();
    q.nz = 0;
    glp_set_obj_dir(q.P, GLP_MIN);
    int xcol[G_MAXL];
    double cp = R->cp;
    /* link flows and trucks per year */
    int trip_row_count = 0;
    for (int k = 0; k < nl; k++) {
        const g_link *l = &L[k];
        xcol[k] = 0;
        if (!usable[k])
            continue;
        double ub = INFINITY;
        const g_res *s = &R->r[l->r];
        if (l->pipe && s->n_sizes)
            ub = s->size_cap[open[k] - 1];
        xcol[k] = lp_col(&q, 0, ub, l->unit_ann, 0);
        if (!l->pipe && l->trip > 0) {
            int n = lp_col(&q, 0, INFINITY, l->trip, 1);
            int row = lp_row(&q, GLP_UP, 0, 0); /* x - tcap * n <= 0 */
            lp_nz(&q, row, xcol[k], 1);
            lp_nz(&q, row, n, -l->tcap);
            trip_row_count++;
        }
    }
    int co2_row = R->has_cap ? lp_row(&q, GLP_UP, 0, R->co2cap) : 0;
    int budget_row =
        R->has_budget ? lp_row(&q, GLP_UP, 0, R->budget - fixed_capital) : 0; /* may be < 0 */
    for (int k = 0; k < nl; k++) {
        if (!xcol[k])
            continue;
        if (co2_row)
            lp_nz(&q, co2_row, xcol[k], L[k].unit_co2);
        if (budget_row)
            lp_nz(&q, budget_row, xcol[k], L[k].unit_cap);
    }
    /* supplies: sent + disposed = amount */
    for (int f = 0; f < R->nf; f++) {
        for (int r = 0; r < R->nr; r++) {
            const g_sup *s = &R->f[f].s[r];
            if (!s->has)
                continue;
            int row = lp_row(&q, GLP_FX, s->amount, s->amount);
            for (int k = 0; k < nl; k++)
                if (xcol[k] && L[k].tail == f && L[k].r == r)
                    lp_nz(&q, row, xcol[k], 1);
            if (s->has_disp) {
                int e = lp_col(&q, 0, s->amount, s->disp + cp * s->dco2, 0);
                lp_nz(&q, row, e, 1);
                if (co2_row)
                    lp_nz(&q, co2_row, e, s->dco2);
            }
        }
    }
    /* demands: what arrives of each resource is split among the demands accepting it; each
     * demand is met by ratio * delivered + bought */
    int dem_row[G_MAXF][G_MAXR];
    for (int f = 0; f < R->nf; f++) {
        for (int r = 0; r < R->nr; r++) {
            const g_dem *d = &R->f[f].d[r];
            dem_row[f][r] = 0;
            if (!d->has)
                continue;
            dem_row[f][r] = lp_row(&q, GLP_FX, d->amount, d->amount);
            if (d->has_price) {
                int b = lp_col(&q, 0, d->amount, d->price + cp * d->co2, 0);
                lp_nz(&q, dem_row[f][r], b, 1);
                if (co2_row)
                    lp_nz(&q, co2_row, b, d->co2);
            }
        }
        for (int r = 0; r < R->nr; r++) {
            int any = 0;
            for (int k = 0; k < nl; k++)
                any |= xcol[k] && L[k].head == f && L[k].r == r;
            if (!any)
                continue;
            int row = lp_row(&q, GLP_FX, 0, 0); /* arriving - allocated = 0 */
            for (int k = 0; k < nl; k++)
                if (xcol[k] && L[k].head == f && L[k].r == r)
                    lp_nz(&q, row, xcol[k], L[k].arrive);
            for (int k = 0; k < R->nr; k++) {
                const g_dem *d = &R->f[f].d[k];
                if (!d->has || (k != r && d->sub != r))
                    continue;
                double ratio = k == r ? 1 : d->ratio;
                int a = lp_col(&q, 0, INFINITY, 0, 0);
                lp_nz(&q, row, a, -1);
                lp_nz(&q, dem_row[f][k], a, ratio);
            }
        }
    }
    /* the hub: processed = what arrives; produced = shipped + disposed */
    if (hub_opt >= 0) {
        const g_hub *h = &R->h;
        int p = lp_col(&q, 0, h->cap[hub_opt], h->cost + cp * h->co2, 0);
        int g = lp_col(&q, 0, INFINITY, h->disp, 0);
        int in_row = lp_row(&q, GLP_FX, 0, 0);
        int out_row = lp_row(&q, GLP_FX, 0, 0);
        lp_nz(&q, in_row, p, -1);
        lp_nz(&q, out_row, p, h->yield);
        lp_nz(&q, out_row, g, -1);
        for (int k = 0; k < nl; k++) {
            if (!xcol[k])
                continue;
            if (L[k].head == G_HUB(R))
                lp_nz(&q, in_row, xcol[k], L[k].arrive);
            if (L[k].tail == G_HUB(R))
                lp_nz(&q, out_row, xcol[k], -1);
        }
        if (co2_row)
            lp_nz(&q, co2_row, p, h->co2);
    }
    /* the junction: what arrives of each resource leaves again */
    for (int r = 0; r < R->nr && R->j.has; r++) {
        int row = 0;
        for (int k = 0; k < nl; k++) {
            if (!xcol[k] || L[k].r != r ||
                (L[k].head != G_JUNCTION(R) && L[k].tail != G_JUNCTION(R)))
                continue;
            if (!row)
                row = lp_row(&q, GLP_FX, 0, 0);
            lp_nz(&q, row, xcol[k], L[k].head == G_JUNCTION(R) ? L[k].arrive : -1);
        }
    }
    glp_load_matrix(q.P, q.nz, q.ia, q.ja, q.ar);
    double result = INFINITY;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    int rc = glp_intopt(q.P, &parm);
    if (rc == 0 && glp_mip_status(q.P) == GLP_OPT)
        result = fixed + glp_mip_obj_val(q.P);
    else
        cr_assert(rc == GLP_ENOPFS || rc == GLP_ENODFS || glp_mip_status(q.P) == GLP_NOFEAS,
                  "GLPK returned %d, status %d on a tiny flow problem", rc, glp_mip_status(q.P));
    cr_assert(rc != GLP_ENODFS, "a flow problem with nonnegative limits cannot be unbounded");
    glp_delete_prob(q.P);
    (void)trip_row_count;
    return result;
}

typedef struct enum_result {
    double best;
    int combos;
    int best_builds_pipe;
    int best_builds_hub;
    int best_uses_junction;
    int best_uses_corridor;
} enum_result;

/* Enumerates every combination of pipe and hub decisions; returns the cheapest. */
static enum_result enumerate(const g_region *R, const g_link *L, int nl)
{
    int radix[G_MAXL + 1], digit[G_MAXL + 1], nd = 0, idx[G_MAXL + 1];
    for (int k = 0; k < nl; k++) {
        if (!L[k].pipe)
            continue;
        radix[nd] = 1 + (R->r[L[k].r].n_sizes ? R->r[L[k].r].n_sizes : 1);
        idx[nd++] = k;
    }
    int hub_digit = -1;
    if (R->h.has) {
        hub_digit = nd;
        radix[nd] = 1 + R->h.n_opt;
        idx[nd++] = -1;
    }
    enum_result res = {INFINITY, 0, 0, 0, 0, 0};
    memset(digit, 0, sizeof digit);
    for (;;) {
        int open[G_MAXL];
        memset(open, 0, sizeof open);
        for (int i = 0; i < nd; i++)
            if (idx[i] >= 0)
                open[idx[i]] = digit[i];
        int hub_opt = hub_digit >= 0 ? digit[hub_digit] - 1 : -1;
        /* a pipe at a hub that is not built is a dominated combination: skip it */
        int dominated = 0;
        for (int k = 0; k < nl && !dominated; k++)
            dominated = L[k].pipe && open[k] && hub_opt < 0 &&
                        (L[k].tail == R->nf || L[k].head == G_HUB(R));
        if (!dominated) {
            double c = solve_combination(R, L, nl, open, hub_opt);
            res.combos++;
            if (c < res.best) {
                res.best = c;
                res.best_builds_hub = hub_opt >= 0;
                res.best_builds_pipe = res.best_uses_junction = res.best_uses_corridor = 0;
                for (int k = 0; k < nl; k++) {
                    res.best_builds_pipe |= L[k].pipe && open[k];
                    res.best_uses_junction |= L[k].pipe && open[k] && L[k].tail == G_JUNCTION(R);
                    res.best_uses_corridor |= L[k].pipe && open[k] && L[k].corridor;
                }
            }
        }
        int i = 0;
        while (i < nd && ++digit[i] == radix[i])
            digit[i++] = 0;
        if (i == nd)
            break;
    }
    return res;
}

static int combinations(const g_region *R, const g_link *L, int nl)
{
    long c = 1;
    for (int k = 0; k < nl && c <= G_MAX_CHOICES; k++)
        if (L[k].pipe)
            c *= 1 + (R->r[L[k].r].n_sizes ? R->r[L[k].r].n_sizes : 1);
    if (R->h.has)
        c *= 1 + R->h.n_opt;
    return c > G_MAX_CHOICES ? -1 : (int)c;
}

#define N_REGIONS 300

Test(enumeration, random_regions_match_an_independent_enumeration, .timeout = 600)
{
    glp_term_out(GLP_OFF);
    rng g = {20240611ull};
    static char text[32768];
    sbuf b = {text, 0, sizeof text};
    int n_opt = 0, n_inf = 0, n_pipe = 0, n_hub = 0, n_pruned = 0, n_trips = 0, total_combos = 0;
    int n_junction = 0, n_corridor = 0, n_cert = 0;
    for (int t = 0; t < N_REGIONS; t++) {
        g_region R;
        g_link L[G_MAXL];
        int nl;
        do { /* redraw until the enumeration is small enough */
            gen_region(&g, &R);
            nl = gen_links(&R, L);
        } while (combinations(&R, L, nl) < 0);
        region_json(&R, &b);

        enum_result want = enumerate(&R, L, nl);
        total_combos += want.combos;

        loaded l = load_and_build(text);
        n_pruned += sn_model_links_pruned(l.m) > 0;
        sn_params p;
        sn_params_init(&p);
        p.time_limit_s = 60;
        sn_solution *s = NULL;
        sn_diag d;
        sn_diag_init(&d);
        if (sn_solve(l.m, &p, &s, &d) != SN_OK)
            fail_diag("sn_solve", &d, text);
        sn_solution_status st = sn_solution_status_get(s);
        if (isinf(want.best)) {
            cr_assert_eq(st, SN_SOL_INFEASIBLE,
                         "region %d: no combination is feasible, symnet says %s (%.10g)\n%s", t,
                         sn_solution_status_name(st), sn_solution_objective(s), text);
            /* every verdict carries its proof (docs/model.md 10.1) */
            cr_assert(s->proof == SNP_PROOF_CERTIFICATE ||
                          (s->proof == SNP_PROOF_SEARCH && s->elastic_violation > 0),
                      "region %d: infeasible without a proof\n%s", t, text);
            n_cert += s->proof == SNP_PROOF_CERTIFICATE;
            n_inf++;
        } else {
            cr_assert_eq(st, SN_SOL_OPTIMAL, "region %d: status %s, enumeration %.10g\n%s", t,
                         sn_solution_status_name(st), want.best, text);
            double got = sn_solution_objective(s);
            cr_assert_leq(fabs(got - want.best), 1e-6 * fmax(1.0, fabs(want.best)),
                          "region %d: symnet %.10g, enumeration of %d combinations %.10g "
                          "(%d links, %d pruned)\n%s",
                          t, got, want.combos, want.best, nl, sn_model_links_pruned(l.m), text);
            sn_diag_init(&d);
            if (sn_solution_check(l.in, l.m, s, &d) != SN_OK)
                fail_diag("sn_solution_check", &d, text);
            n_opt++;
            n_pipe += want.best_builds_pipe;
            n_hub += want.best_builds_hub;
            n_junction += want.best_uses_junction;
            n_corridor += want.best_uses_corridor;
            for (int k = 0; k < nl; k++)
                if (!L[k].pipe && L[k].trip > 0) {
                    n_trips++;
                    break;
                }
        }
        sn_solution_free(s);
        unload(&l);
    }
    /* the generator must exercise what it claims to: otherwise this test proves little */
    cr_log_info("enumeration: %d infeasible verdicts proven by a certificate, %d by a search",
                n_cert, n_inf - n_cert);
    cr_log_info("enumeration: %d regions (%d optimal, %d infeasible), %d combinations solved; "
                "optima with a pipe %d, with the hub %d, through the junction %d, in the "
                "corridor %d; regions with pruned links %d",
                N_REGIONS, n_opt, n_inf, total_combos, n_pipe, n_hub, n_junction, n_corridor,
                n_pruned);
    cr_assert_geq(n_opt, N_REGIONS / 2, "only %d of %d regions feasible", n_opt, N_REGIONS);
    cr_assert_geq(n_inf, 3, "only %d infeasible regions", n_inf);
    cr_assert_geq(n_pipe, N_REGIONS / 6, "only %d optima build a pipe", n_pipe);
    cr_assert_geq(n_hub, 10, "only %d optima build the hub", n_hub);
    cr_assert_geq(n_pruned, 5, "pruning happened in only %d regions", n_pruned);
    cr_assert_geq(n_trips, 10, "only %d regions with truck trips", n_trips);
    cr_assert_geq(n_junction, 5, "only %d optima route through the junction", n_junction);
    cr_assert_geq(n_corridor, 5, "only %d optima use the corridor", n_corridor);
}

/* ---- the plugin table and --disable (docs/model.md 11, docs/outputs.md "solver_stats") --- */

#define OK_CASES "tests/cases/ok"
#define N_PLUGINS_DOC 18

static const char plugin_names[N_PLUGINS_DOC][16] = {
    "serve",      "first",     "start", "rounding", "dicut", "flowcover", "hubcap", "path", "split",
    "carrybasis", "carrycuts", "price", "pricemip", "rens",  "probe",     "rins",   "drop", "lazy"};
static const snp_plugin_kind plugin_kinds[N_PLUGINS_DOC] = {
    SNP_PLUGIN_HEURISTIC,     SNP_PLUGIN_HEURISTIC, SNP_PLUGIN_HEURISTIC, SNP_PLUGIN_HEURISTIC,
    SNP_PLUGIN_SEPARATOR,     SNP_PLUGIN_SEPARATOR, SNP_PLUGIN_SEPARATOR, SNP_PLUGIN_HEURISTIC,
    SNP_PLUGIN_DECOMPOSITION, SNP_PLUGIN_WARMSTART, SNP_PLUGIN_SEPARATOR, SNP_PLUGIN_ROOT_LP,
    SNP_PLUGIN_HEURISTIC,     SNP_PLUGIN_HEURISTIC, SNP_PLUGIN_HEURISTIC, SNP_PLUGIN_HEURISTIC,
    SNP_PLUGIN_HEURISTIC,     SNP_PLUGIN_ROWS};

/* 1 for the plugins off by default: carrycuts, pricemip, probe and rins (they did not pay,
 * bench/RESULTS.md) */
static int off_by_default(const char *name)
{
    return strcmp(name, "carrycuts") == 0 || strcmp(name, "pricemip") == 0 ||
           strcmp(name, "probe") == 0 || strcmp(name, "rins") == 0;
}

Test(plugins, the_table_holds_the_documented_plugins_and_disable_takes_their_names)
{
    int n = 0;
    while (sn_plugin_name(n))
        n++;
    cr_assert_eq(n, N_PLUGINS_DOC, "%d plugins, docs/model.md 11 lists %d", n, N_PLUGINS_DOC);
    cr_assert_eq(snp_plugin_count(), n);
    for (int i = 0; i < n; i++) {
        cr_assert_str_eq(sn_plugin_name(i), plugin_names[i]);
        cr_assert_not_null(sn_plugin_about(i));
        const snp_plugin *pl = snp_plugin_get(i);
        cr_assert_eq(pl->kind, plugin_kinds[i], "%s: kind %d", pl->name, (int)pl->kind);
        int on = !off_by_default(plugin_names[i]);
        cr_assert_eq(pl->default_on, on, "%s: default_on %d", pl->name, pl->default_on);
        cr_assert_eq(sn_plugin_default_on(i), on);
        sn_params p;
        sn_params_init(&p);
        sn_diag d;
        sn_diag_init(&d);
        unsigned def = 0;
        for (int k = 0; k < N_PLUGINS_DOC; k++)
            def |= off_by_default(plugin_names[k]) ? 1u << k : 0u;
        cr_assert_eq(p.disabled_plugins, def);
        cr_assert_eq(sn_params_enable(&p, plugin_names[i], &d), SN_OK);
        cr_assert_eq(p.disabled_plugins, def & ~(1u << i));
        cr_assert_eq(sn_params_disable(&p, plugin_names[i], &d), SN_OK);
        cr_assert_eq(p.disabled_plugins, def | 1u << i);
        cr_assert_eq(sn_params_validate(&p, &d), SN_OK);
    }
    cr_assert_null(sn_plugin_name(n));
    cr_assert_null(sn_plugin_name(-1));
    cr_assert_null(snp_plugin_get(n));

    sn_params p;
    sn_params_init(&p);
    sn_diag d;
    sn_diag_init(&d);
    unsigned init = p.disabled_plugins;
    cr_assert_eq(sn_params_disable(&p, "Rounding", &d), SN_EUSAGE);
    cr_assert_eq(p.disabled_plugins, init, "an unknown name changed the parameters");
    cr_assert_eq(d.count, 1);
    cr_assert_eq(d.errors[0].code, SN_EUSAGE);
    cr_assert(strstr(d.errors[0].message, "\"Rounding\""), "%s", d.errors[0].message);
    for (int i = 0; i < n; i++)
        cr_assert(strstr(d.errors[0].message, plugin_names[i]), "%s does not name %s",
                  d.errors[0].message, plugin_names[i]);
    p.disabled_plugins = 1u << n;
    sn_diag_init(&d);
    cr_assert_eq(sn_params_validate(&p, &d), SN_EUSAGE, "a bit past the table is accepted");
}

typedef struct case_result {
    sn_solution_status status;
    double objective;
} case_result;

/* Solves the region in path with the plugins of mask disabled; checks the solution with the
 * solver's self-check. */
static case_result solve_case(const char *path, unsigned mask)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    if (sn_instance_load_file(path, &in, &d) != SN_OK)
        fail_diag("load", &d, path);
    sn_model *m = NULL;
    sn_diag_init(&d);
    if (sn_model_build(in, SN_MODEL_NETWORK, &m, &d) != SN_OK)
        fail_diag("build", &d, path);
    sn_params p;
    sn_params_init(&p);
    p.disabled_plugins = 0; /* every plugin on, those off by default too, but the ones in mask */
    for (int i = 0; sn_plugin_name(i); i++)
        if (mask >> i & 1u)
            cr_assert_eq(sn_params_disable(&p, sn_plugin_name(i), &d), SN_OK);
    sn_solution *s = NULL;
    sn_diag_init(&d);
    if (sn_solve(m, &p, &s, &d) != SN_OK)
        fail_diag("sn_solve", &d, path);
    case_result r = {sn_solution_status_get(s), sn_solution_objective(s)};
    for (int i = 0; i < s->n_plugins; i++) {
        cr_assert_eq(s->plugin_stats[i].enabled, !(mask >> i & 1u), "%s: %s enabled = %d", path,
                     sn_plugin_name(i), s->plugin_stats[i].enabled);
        if (mask >> i & 1u)
            cr_assert_eq(s->plugin_stats[i].calls, 0, "%s: %s is disabled but was called", path,
                         sn_plugin_name(i));
    }
    if (r.status == SN_SOL_OPTIMAL) {
        sn_diag_init(&d);
        if (sn_solution_check(in, m, s, &d) != SN_OK)
            fail_diag("sn_solution_check", &d, path);
    }
    sn_solution_free(s);
    sn_model_free(m);
    sn_instance_free(in);
    return r;
}

/* Each plugin disabled alone, then all of them: every hand case of tests/cases/ok keeps its
 * status and optimum (the plugins change how fast, never what). */
Test(plugins, disabling_any_plugin_keeps_every_hand_case_optimum, .timeout = 600)
{
    DIR *dir = opendir(OK_CASES);
    cr_assert_not_null(dir, "cannot open %s (run from the repository root)", OK_CASES);
    int cases = 0, n = snp_plugin_count();
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", OK_CASES, e->d_name);
        case_result ref = solve_case(path, 0);
        for (int k = 0; k <= n; k++) {
            unsigned mask = k < n ? 1u << k : (1u << n) - 1;
            case_result r = solve_case(path, mask);
            const char *what = k < n ? sn_plugin_name(k) : "every plugin";
            cr_assert_eq(r.status, ref.status, "%s without %s: status %s, with it %s", path, what,
                         sn_solution_status_name(r.status), sn_solution_status_name(ref.status));
            if (ref.status == SN_SOL_OPTIMAL)
                cr_assert_leq(fabs(r.objective - ref.objective), 1e-6 * (1 + fabs(ref.objective)),
                              "%s without %s: objective %.10g, with it %.10g", path, what,
                              r.objective, ref.objective);
        }
        cases++;
    }
    closedir(dir);
    cr_assert_geq(cases, 14, "only %d cases in %s", cases, OK_CASES);
}

/* "solver_stats" in the solution JSON: every plugin in table order, the disabled ones with
 * enabled false and no calls; the first network runs once; the independent checker's reader
 * accepts the member. */
Test(plugins, solver_stats_lists_every_plugin_in_the_json)
{
    const char *path = OK_CASES "/05_hub_treatment.json";
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    if (sn_instance_load_file(path, &in, &d) != SN_OK)
        fail_diag("load", &d, path);
    sn_model *m = NULL;
    if (sn_model_build(in, SN_MODEL_NETWORK, &m, &d) != SN_OK)
        fail_diag("build", &d, path);
    sn_params p;
    sn_params_init(&p);
    cr_assert_eq(sn_params_disable(&p, "rounding", &d), SN_OK);
    cr_assert_eq(sn_params_disable(&p, "hubcap", &d), SN_OK);
    sn_solution *s = NULL;
    cr_assert_eq(sn_solve(m, &p, &s, &d), SN_OK);
    cr_assert_eq(sn_solution_status_get(s), SN_SOL_OPTIMAL);
    size_t len = 0;
    char *json = tu_checked_json(in, m, s, path, &len);

    cJSON *root = cJSON_Parse(json);
    cr_assert_not_null(root, "the solution is not JSON");
    const cJSON *stats = cJSON_GetObjectItemCaseSensitive(root, "solver_stats");
    cr_assert(cJSON_IsArray(stats), "no solver_stats array");
    cr_assert_eq(cJSON_GetArraySize(stats), snp_plugin_count());
    int i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, stats)
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(it, "kind");
        const cJSON *enabled = cJSON_GetObjectItemCaseSensitive(it, "enabled");
        const cJSON *calls = cJSON_GetObjectItemCaseSensitive(it, "calls");
        const cJSON *found = cJSON_GetObjectItemCaseSensitive(it, "found");
        const cJSON *seconds = cJSON_GetObjectItemCaseSensitive(it, "seconds");
        cr_assert(cJSON_IsString(name) && strcmp(name->valuestring, plugin_names[i]) == 0,
                  "solver_stats[%d].name", i);
        cr_assert(cJSON_IsString(kind) &&
                      strcmp(kind->valuestring,
                             plugin_kinds[i] == SNP_PLUGIN_HEURISTIC       ? "heuristic"
                             : plugin_kinds[i] == SNP_PLUGIN_SEPARATOR     ? "separator"
                             : plugin_kinds[i] == SNP_PLUGIN_WARMSTART     ? "warmstart"
                             : plugin_kinds[i] == SNP_PLUGIN_DECOMPOSITION ? "decomposition"
                             : plugin_kinds[i] == SNP_PLUGIN_ROWS          ? "rows"
                                                                           : "root_lp") == 0,
                  "solver_stats[%d].kind", i);
        /* "rounds" is the root LP method's and the held rows', and only theirs */
        cr_assert_eq(cJSON_HasObjectItem(it, "rounds"),
                     plugin_kinds[i] == SNP_PLUGIN_ROOT_LP || plugin_kinds[i] == SNP_PLUGIN_ROWS,
                     "solver_stats[%d].rounds", i);
        int off = strcmp(plugin_names[i], "rounding") == 0 ||
                  strcmp(plugin_names[i], "hubcap") == 0 || off_by_default(plugin_names[i]);
        cr_assert(cJSON_IsBool(enabled) && cJSON_IsTrue(enabled) == !off,
                  "solver_stats[%d].enabled", i);
        cr_assert(cJSON_IsNumber(calls) && cJSON_IsNumber(found) && cJSON_IsNumber(seconds),
                  "solver_stats[%d]: calls, found and seconds are numbers", i);
        cr_assert(calls->valuedouble >= 0 && found->valuedouble >= 0 && seconds->valuedouble >= 0);
        if (off)
            cr_assert_eq(calls->valuedouble, 0, "%s is disabled but was called", plugin_names[i]);
        if (strcmp(plugin_names[i], "first") == 0) /* before any LP: once, and it has one */
            cr_assert(calls->valuedouble == 1 && found->valuedouble == 1,
                      "first: %g calls, %g found", calls->valuedouble, found->valuedouble);
        i++;
    }
    cJSON_Delete(root);
    free(json);
    sn_solution_free(s);
    sn_model_free(m);
    sn_instance_free(in);
}

/* ---- what a solve hands to the next (warm.c, sepa_carry.c, docs/model.md 11.9) ------------ */

/* The fixed-charge region of tu_fctp_region with every "from" replaced by "to" (both must
 * occur). The caller frees it. */
static char *fctp_with(const char *doc, const char *from, const char *to)
{
    size_t lf = strlen(from), lt = strlen(to), n = 0;
    for (const char *q = doc; (q = strstr(q, from)) != NULL; q += lf)
        n++;
    cr_assert_gt(n, 0, "no \"%s\" in the region", from);
    char *out = malloc(strlen(doc) + n * (lt + 1) + 1), *w = out;
    cr_assert_not_null(out);
    for (const char *q = doc;;) {
        const char *hit = strstr(q, from);
        size_t k = hit ? (size_t)(hit - q) : strlen(q);
        memcpy(w, q, k);
        w += k;
        if (!hit)
            break;
        memcpy(w, to, lt);
        w += lt;
        q = hit + lf;
    }
    *w = '\0';
    return out;
}

static int plugin_index(const char *name)
{
    for (int i = 0; sn_plugin_name(i); i++)
        if (strcmp(sn_plugin_name(i), name) == 0)
            return i;
    cr_assert_fail("no plugin %s", name);
    return -1;
}

/* sn_run on doc with p; fails the test unless it returns SN_OK. */
static sn_result *run_doc(const char *doc, const sn_params *p, sn_instance **in)
{
    sn_diag d;
    sn_diag_init(&d);
    if (sn_instance_load_string(doc, strlen(doc), "gen.json", in, &d) != SN_OK)
        fail_diag("load", &d, doc);
    sn_result *r = NULL;
    sn_diag_init(&d);
    if (sn_run(*in, p, &r, &d) != SN_OK)
        fail_diag("sn_run", &d, doc);
    return r;
}

/* A chain of solves whose objectives alone differ (the pipes' operating cost), each started
 * from the last one's record (its root LP basis, its cuts and its network), reaches the proven
 * optimum a cold solve of the same region reaches: a carried cut that cut off a better network,
 * or a carried network that broke a constraint, would show as another optimum. And the record
 * survives its text form. */
/* No .timeout on the warm tests: timed tests side by side (--jobs 2) make Criterion 2.4 leak 48
 * bytes of its own under ASan, which fails `make asan` */
Test(warm, a_chain_of_warm_solves_keeps_every_cold_optimum)
{
    glp_term_out(GLP_OFF);
    static const char *const opex[] = {"0.3", "0.2", "0.45", "0.1", "0.6", "0.05"};
    const int ib = plugin_index("carrybasis"), ic = plugin_index("carrycuts"),
              is = plugin_index("start");
    int recorded_cuts = 0, carried_cuts = 0, warm_bases = 0, carried_nets = 0;
    for (unsigned seed = 1; seed <= 3; seed++) {
        char *base = tu_fctp_region(9, 9, seed);
        sn_warm *prev = NULL;
        for (size_t k = 0; k < sizeof opex / sizeof opex[0]; k++) {
            char to[64];
            tu_fmt(to, sizeof to, "\"opex_per_unit_km\": %s", opex[k]);
            char *doc = fctp_with(base, "\"opex_per_unit_km\": 0.3", to);
            sn_params p;
            sn_params_init(&p);
            p.time_limit_s = 120;
            sn_diag ed;
            sn_diag_init(&ed);
            cr_assert_eq(sn_params_enable(&p, "carrycuts", &ed), SN_OK);
            sn_instance *in_cold = NULL, *in_warm = NULL;
            sn_result *cold = run_doc(doc, &p, &in_cold);
            p.keep_links = p.keep_warm = 1;
            p.warm = prev;
            /* first with networks only from GLPK's LP points, which meet every cut: a network a
             * heuristic priced without the cuts (the carried one too, when it is this case's
             * optimum) would hide a cut that is wrong */
            sn_params q = p;
            static const char *const heur[] = {"first", "serve", "path", "rounding", "start"};
            for (size_t h = 0; h < sizeof heur / sizeof heur[0]; h++)
                q.disabled_plugins |= 1u << plugin_index(heur[h]);
            sn_instance *in_cuts = NULL;
            sn_result *cuts = run_doc(doc, &q, &in_cuts);
            const sn_solution *sq = sn_result_solution(cuts);
            cr_assert_eq(sn_solution_status_get(sq), SN_SOL_OPTIMAL);
            cr_assert_leq(
                fabs(sn_solution_objective(sq) - sn_solution_objective(sn_result_solution(cold))),
                1e-6 * (1 + fabs(sn_solution_objective(sq))),
                "seed %u, opex %s: with the carried cuts alone %.10g, cold %.10g", seed, opex[k],
                sn_solution_objective(sq), sn_solution_objective(sn_result_solution(cold)));
            carried_cuts += (int)sq->plugin_stats[ic].found;
            sn_result_free(cuts);
            sn_instance_free(in_cuts);
            /* then as --warm solves it, the carried network taken as it is */
            sn_result *warm = run_doc(doc, &p, &in_warm);
            const sn_solution *sc = sn_result_solution(cold), *sw = sn_result_solution(warm);
            cr_assert_eq(sn_solution_status_get(sc), SN_SOL_OPTIMAL);
            cr_assert_eq(sn_solution_status_get(sw), SN_SOL_OPTIMAL, "seed %u, opex %s", seed,
                         opex[k]);
            double zc = sn_solution_objective(sc), zw = sn_solution_objective(sw);
            cr_assert_leq(fabs(zw - zc), 1e-6 * (1 + fabs(zc)),
                          "seed %u, opex %s: warm optimum %.10g, cold %.10g", seed, opex[k], zw,
                          zc);
            if (k > 0) {
                cr_assert_eq(sw->plugin_stats[ib].calls, 1, "the carried basis was not used");
                warm_bases += (int)sw->plugin_stats[ib].found;
                carried_nets += (int)sw->plugin_stats[is].found;
            }
            /* the warm network meets every constraint (the independent checker) */
            char *json = NULL;
            size_t len = 0;
            FILE *jf = open_memstream(&json, &len);
            cr_assert_not_null(jf);
            cr_assert_eq(sn_report_write_json(warm, jf), SN_OK);
            cr_assert_eq(fclose(jf), 0);
            sn_diag vd;
            sn_diag_init(&vd);
            if (sn_solution_verify_string(in_warm, json, len, "solution.json", &vd) != SN_OK)
                fail_diag("the independent checker", &vd, json);
            free(json);
            /* the record, through its text form */
            const sn_warm *w = sn_solution_warm(sw);
            cr_assert_not_null(w);
            cr_assert_not_null(w->basis);
            cr_assert_not_null(w->x);
            recorded_cuts += (int)w->cuts.len;
            FILE *f = tmpfile();
            cr_assert_not_null(f);
            cr_assert_eq(sn_warm_write(w, f), SN_OK);
            rewind(f);
            sn_warm_free(prev);
            prev = NULL;
            sn_diag d;
            sn_diag_init(&d);
            cr_assert_eq(sn_warm_read(f, &prev, &d), SN_OK);
            fclose(f);
            cr_assert_eq(prev->fingerprint, w->fingerprint);
            cr_assert_str_eq(prev->basis, w->basis);
            cr_assert_eq(prev->cuts.len, w->cuts.len);
            cr_assert_eq(prev->col.len, w->col.len);
            for (size_t e = 0; e < w->col.len; e++)
                cr_assert(SNP_VEC_AT(&prev->coef, double, e) == SNP_VEC_AT(&w->coef, double, e));
            for (int j = 0; j < w->cols; j++)
                cr_assert(prev->x[j] == w->x[j]);
            sn_result_free(cold);
            sn_result_free(warm);
            sn_instance_free(in_cold);
            sn_instance_free(in_warm);
            free(doc);
        }
        sn_warm_free(prev);
        free(base);
    }
    cr_log_info("warm chain: %d cuts recorded, %d carried, %d bases, %d networks", recorded_cuts,
                carried_cuts, warm_bases, carried_nets);
    /* the chain exercised what it checks */
    cr_assert_gt(recorded_cuts, 0, "no cut recorded");
    cr_assert_gt(carried_cuts, 0, "no carried cut was offered");
    cr_assert_gt(warm_bases, 0, "no root LP ended from a carried basis");
    cr_assert_gt(carried_nets, 0, "no carried network was taken");
}

/* A record is used only by a model with the same constraints: a changed supply amount or a
 * pruned candidate set (keep_links off) makes another fingerprint, and then neither the basis
 * nor the cuts nor the network carry over; a changed price alone keeps it. */
Test(warm, nothing_carries_over_when_the_constraints_differ)
{
    glp_term_out(GLP_OFF);
    char *base = tu_fctp_region(8, 8, 5);
    const int ib = plugin_index("carrybasis"), ic = plugin_index("carrycuts"),
              is = plugin_index("start");
    sn_params p;
    sn_params_init(&p);
    p.keep_links = p.keep_warm = 1;
    sn_diag ed;
    sn_diag_init(&ed);
    cr_assert_eq(sn_params_enable(&p, "carrycuts", &ed), SN_OK);
    sn_instance *in0 = NULL;
    sn_result *r0 = run_doc(base, &p, &in0);
    const sn_warm *w = sn_solution_warm(sn_result_solution(r0));
    cr_assert_not_null(w);
    /* the first supplier's amount (the first "amount" of the region) changes */
    const char *a = strstr(base, "\"amount\": ");
    cr_assert_not_null(a);
    char from[64], to[64];
    int amount = atoi(a + 10);
    tu_fmt(from, sizeof from, "\"amount\": %d,", amount);
    tu_fmt(to, sizeof to, "\"amount\": %d,", amount + 7);
    char *supply = fctp_with(base, from, to);
    char *price = fctp_with(base, "\"price\": 400", "\"price\": 350");
    struct {
        const char *doc;
        int keep_links, fits;
    } cases[] = {{supply, 1, 0}, {price, 1, 1}, {price, 0, -1}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        sn_instance *in = NULL;
        sn_model *m = NULL;
        sn_diag d;
        sn_diag_init(&d);
        cr_assert_eq(
            sn_instance_load_string(cases[c].doc, strlen(cases[c].doc), "gen.json", &in, &d),
            SN_OK);
        cr_assert_eq(snp_model_build_keep(in, SN_MODEL_NETWORK, cases[c].keep_links, &m, &d),
                     SN_OK);
        int fits = snp_warm_fits(w, m);
        if (cases[c].fits >= 0)
            cr_assert_eq(fits, cases[c].fits, "case %zu: fits %d", c, fits);
        sn_model_free(m);
        sn_instance_free(in);
        if (fits)
            continue;
        /* solved with the record anyway: nothing of it is used, and the optimum is the cold one */
        sn_params q = p;
        q.keep_warm = 0;
        q.keep_links = cases[c].keep_links;
        sn_instance *ic_in = NULL, *iw_in = NULL;
        sn_result *cold = run_doc(cases[c].doc, &q, &ic_in);
        q.warm = w;
        sn_result *warm = run_doc(cases[c].doc, &q, &iw_in);
        const sn_solution *sw = sn_result_solution(warm);
        cr_assert_eq(sw->plugin_stats[ib].calls, 0, "case %zu: a basis of other rows was used", c);
        cr_assert_eq(sw->plugin_stats[ic].calls, 0, "case %zu: cuts of other rows were offered", c);
        cr_assert_eq(sw->plugin_stats[is].calls, 0, "case %zu: a network of other rows was taken",
                     c);
        cr_assert_eq(sn_solution_status_get(sw), SN_SOL_OPTIMAL);
        cr_assert_leq(
            fabs(sn_solution_objective(sw) - sn_solution_objective(sn_result_solution(cold))),
            1e-6 * (1 + fabs(sn_solution_objective(sw))));
        sn_result_free(cold);
        sn_result_free(warm);
        sn_instance_free(ic_in);
        sn_instance_free(iw_in);
    }
    /* and a file that is not a record is refused */
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    fputs("symnet-warm 1\n0123 3 2\nBBX\n0\n0\n", f);
    rewind(f);
    sn_warm *bad = (sn_warm *)(uintptr_t)1;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_warm_read(f, &bad, &d), SN_EINPUT);
    cr_assert_null(bad);
    fclose(f);
    sn_result_free(r0);
    sn_instance_free(in0);
    free(supply);
    free(price);
    free(base);
}
