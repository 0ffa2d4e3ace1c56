/*
 * test_model.c - unit tests of src/model (links.c, build.c, model.c) on tiny regions whose
 * model is derived by hand: candidate links, their lengths and costs, the row, column and
 * binary counts, the tight bound linking each flow to its build decision (docs/model.md 2.1:
 * min(supply, demand / arriving fraction, capacity), never an arbitrary big M), the pruning of
 * candidates that never pay (2.2) and the cases where it must not apply, the proof that
 * pruning never changes the optimum (random regions solved with and without it), the
 * coefficient-range warning, and the LP/MPS export read back by GLPK with the same optimum.
 */
#include "model/model_int.h"

#include <criterion/criterion.h>
#include <glpk.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOC_MAX 16384

/* Region 01 of tests/cases/ok (docs: its notes): r = 0, life 10 (CRF 0.1); A supplies 1000
 * MWh of heat (disposal 2), B (3, 4) demands 800 and C (0, 12) demands 300 at price 20; pipes
 * cost 10000 per km and 0.1 per MWh-km. The three placeholders are extra pipe keys, extra
 * keys of A's supply and extra keys of B's demand. */
static void region01(char *doc, const char *pipe_extra, const char *supply_extra,
                     const char *demand_extra, const char *top_extra)
{
    snprintf(doc, DOC_MAX,
             "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"01\", \"coordinates\": "
             "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10%s},"
             " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": "
             "{\"capital_per_km\": 10000, \"opex_per_unit_km\": 0.1%s}}],"
             " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": "
             "[{\"resource\": \"heat\", \"amount\": 1000%s}]},"
             " {\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\", "
             "\"amount\": 800, \"price\": 20%s}]},"
             " {\"id\": \"C\", \"location\": [0, 12], \"demands\": [{\"resource\": \"heat\", "
             "\"amount\": 300, \"price\": 20}]}]%s}",
             top_extra ? top_extra : "", pipe_extra ? pipe_extra : "",
             supply_extra ? supply_extra : ", \"disposal_cost\": 2",
             demand_extra ? demand_extra : "", "");
}

typedef struct built {
    sn_instance *in;
    sn_model *m;
    sn_diag d;
} built;

static built build(const char *doc)
{
    built b = {NULL, NULL, {0}};
    sn_diag_init(&b.d);
    sn_status st = sn_instance_load_string(doc, strlen(doc), "m.json", &b.in, &b.d);
    char msg[1200] = "";
    if (b.d.count)
        sn_error_format(&b.d.errors[0], msg, sizeof msg);
    cr_assert_eq(st, SN_OK, "load: %s\n%s", msg, doc);
    sn_diag_init(&b.d);
    st = sn_model_build(b.in, SN_MODEL_NETWORK, &b.m, &b.d);
    if (b.d.count)
        sn_error_format(&b.d.errors[0], msg, sizeof msg);
    cr_assert_eq(st, SN_OK, "build: %s\n%s", msg, doc);
    return b;
}

static void unbuild(built *b)
{
    sn_model_free(b->m);
    sn_instance_free(b->in);
}

static double solve_obj(const sn_model *m, sn_solution_status *status)
{
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = 60;
    sn_solution *s = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_solve(m, &p, &s, &d), SN_OK);
    *status = sn_solution_status_get(s);
    double v = sn_solution_objective(s);
    sn_solution_free(s);
    return v;
}

static int find_row(const sn_model *m, const char *name)
{
    for (int i = 0; i < sn_model_rows(m); i++)
        if (strcmp(snp_model_row_name(m, i), name) == 0)
            return i;
    return -1;
}

static int find_col(const sn_model *m, const char *name)
{
    for (int j = 0; j < sn_model_cols(m); j++)
        if (strcmp(snp_model_col_name(m, j), name) == 0)
            return j;
    return -1;
}

/* Coefficient of column `col` in row `row` (0 when absent). */
static double coef(const sn_model *m, int row, int col)
{
    const snp_row *r = snp_model_row(m, row);
    size_t end = row + 1 < sn_model_rows(m) ? snp_model_row(m, row + 1)->start : m->idx.len;
    for (size_t k = r->start; k < end; k++)
        if (SNP_VEC_AT(&m->idx, int, k) == col)
            return SNP_VEC_AT(&m->val, double, k);
    return 0;
}

/* The model link from tail to head (node ids), or NULL. */
static const snp_link *find_link(const built *b, const char *tail, const char *head)
{
    int t = snp_node_find(b->in, tail), h = snp_node_find(b->in, head);
    for (int k = 0; k < sn_model_links(b->m); k++) {
        const snp_link *l = snp_model_link(b->m, k);
        if (l->tail == t && l->head == h)
            return l;
    }
    return NULL;
}

static void assert_near(double got, double want, const char *what)
{
    cr_assert_leq(fabs(got - want), 1e-9 * fmax(1, fabs(want)), "%s: got %.15g, want %.15g", what,
                  got, want);
}

/* ---- counts and the formulation of a region solved by hand ------------------------------- */

Test(counts, region01_rows_columns_and_binaries_by_hand)
{
    char doc[DOC_MAX];
    region01(doc, NULL, NULL, NULL, NULL);
    built b = build(doc);
    /* A->B: 5 km, fixed 0.1 * 5 * 10000 = 5000/yr, serving 800 can save 800 * (2 + 20 - 0.5) =
     * 17200: kept. A->C: 12 km, fixed 12000/yr, at most 300 * (2 + 20 - 1.2) = 6240: pruned. */
    cr_assert_eq(sn_model_links(b.m), 1);
    cr_assert_eq(sn_model_links_pruned(b.m), 1);
    /* columns: y(A->B), x(A->B), dispose(A), buy(B), buy(C), a(B) */
    cr_assert_eq(sn_model_cols(b.m), 6);
    cr_assert_eq(sn_model_binaries(b.m), 1);
    /* rows: supply(A), inflow(B), demand(B), demand(C), cap(A->B) */
    cr_assert_eq(sn_model_rows(b.m), 5);
    const snp_link *l = find_link(&b, "A", "B");
    cr_assert_not_null(l);
    assert_near(l->length_km, 5, "length");
    assert_near(l->fixed_annual, 5000, "fixed annual");
    assert_near(l->fixed_capital, 50000, "fixed capital");
    assert_near(l->unit_annual, 0.5, "annual per unit");
    assert_near(l->arrive, 1, "arriving fraction");
    int y = find_col(b.m, "y(heat,A,B,pipe)"), x = find_col(b.m, "x(heat,A,B,pipe)");
    cr_assert(y >= 0 && x >= 0, "columns are named after their entities");
    assert_near(snp_model_col(b.m, y)->obj, 5000, "y cost");
    assert_near(snp_model_col(b.m, x)->obj, 0.5, "x cost");
    assert_near(snp_model_col(b.m, find_col(b.m, "dispose(A,heat)"))->obj, 2, "disposal cost");
    assert_near(snp_model_col(b.m, find_col(b.m, "buy(C,heat)"))->obj, 20, "purchase cost");
    /* the tight bound: min(supply 1000, demand 800) = 800 */
    int cap = find_row(b.m, "cap(heat,A,B,0)");
    cr_assert_geq(cap, 0);
    assert_near(coef(b.m, cap, y), -800, "cap row: x <= 800 y");
    assert_near(coef(b.m, cap, x), 1, "cap row: x");
    assert_near(snp_model_col(b.m, x)->ub, 800, "flow column bound");
    int sup = find_row(b.m, "supply(A,heat)");
    assert_near(snp_model_row(b.m, sup)->lb, 1000, "supply row");
    assert_near(snp_model_row(b.m, sup)->ub, 1000, "supply row");
    sn_solution_status st;
    assert_near(solve_obj(b.m, &st), 11800, "objective (tests/cases/ok/01)");
    cr_assert_eq(st, SN_SOL_OPTIMAL);
    unbuild(&b);
}

Test(counts, must_take_and_must_serve_drop_their_columns)
{
    char doc[DOC_MAX];
    region01(doc, NULL, "", NULL, NULL); /* A: no disposal option */
    built b = build(doc);
    cr_assert_eq(find_col(b.m, "dispose(A,heat)"), -1);
    /* a must-take supply has no disposal value: nothing from A can be pruned */
    cr_assert_eq(sn_model_links(b.m), 2);
    cr_assert_eq(sn_model_links_pruned(b.m), 0);
    unbuild(&b);
    region01(doc, NULL, NULL, "", NULL);
    /* B's demand without a price: must be served; the edit above keeps "price": 20, so
     * rebuild B without it */
    char *p = strstr(doc, "\"amount\": 800, \"price\": 20");
    cr_assert_not_null(p);
    memcpy(p, "\"amount\": 800              ", strlen("\"amount\": 800, \"price\": 20"));
    b = build(doc);
    cr_assert_eq(find_col(b.m, "buy(B,heat)"), -1);
    cr_assert_geq(find_col(b.m, "buy(C,heat)"), 0);
    sn_solution_status st;
    /* B must get 800: the pipe is built whatever; C still pays 6000 */
    assert_near(solve_obj(b.m, &st), 200 * 2 + 5000 + 400 + 300 * 20, "must-serve objective");
    unbuild(&b);
}

/* ---- the tight bound M_l (docs/model.md 2.1) ------------------------------------------------ */

Test(bound, loss_raises_the_sent_amount_a_demand_can_absorb)
{
    char doc[DOC_MAX];
    region01(doc, ", \"loss_per_km\": 0.02", NULL, NULL, NULL);
    built b = build(doc);
    const snp_link *l = find_link(&b, "A", "B");
    cr_assert_not_null(l);
    assert_near(l->arrive, 0.9, "5 km at 2 %/km");
    assert_near(l->bound, 800 / 0.9, "bound = demand / arriving fraction");
    int cap = find_row(b.m, "cap(heat,A,B,0)");
    assert_near(coef(b.m, cap, find_col(b.m, "y(heat,A,B,pipe)")), -800 / 0.9, "cap row");
    int inflow = -1;
    for (int i = 0; i < sn_model_rows(b.m) && inflow < 0; i++)
        if (strncmp(snp_model_row_name(b.m, i), "inflow(B,", 9) == 0)
            inflow = i;
    cr_assert_geq(inflow, 0);
    assert_near(coef(b.m, inflow, find_col(b.m, "x(heat,A,B,pipe)")), 0.9, "arriving = 0.9 sent");
    unbuild(&b);
}

Test(bound, a_small_supply_bounds_the_link)
{
    char doc[DOC_MAX];
    region01(doc, NULL, NULL, NULL, NULL);
    char *p = strstr(doc, "\"amount\": 1000");
    memcpy(p, "\"amount\":  500", 14);
    built b = build(doc);
    const snp_link *l = find_link(&b, "A", "B");
    cr_assert_not_null(l);
    assert_near(l->bound, 500, "bound = supply");
    unbuild(&b);
}

Test(bound, the_largest_pipe_size_bounds_the_link)
{
    char doc[DOC_MAX];
    snprintf(doc, DOC_MAX,
             "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"s\", \"coordinates\": "
             "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
             " \"resources\": [{\"id\": \"w\", \"unit\": \"m3\", \"pipe\": {\"sizes\": "
             "[{\"capacity\": 200, \"capital_per_km\": 1000}, {\"capacity\": 600, "
             "\"capital_per_km\": 1500}]}}],"
             " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": "
             "[{\"resource\": \"w\", \"amount\": 1000, \"disposal_cost\": 5}]},"
             " {\"id\": \"B\", \"location\": [0, 2], \"demands\": [{\"resource\": \"w\", "
             "\"amount\": 800, \"price\": 5}]}]}");
    built b = build(doc);
    const snp_link *l = find_link(&b, "A", "B");
    cr_assert_not_null(l);
    assert_near(l->bound, 600, "bound = largest size");
    cr_assert_eq(sn_model_binaries(b.m), 2, "one binary per size");
    int cap = find_row(b.m, "cap(w,A,B,0)");
    assert_near(coef(b.m, cap, find_col(b.m, "y(w,A,B,pipe,1)")), -200, "size 1 carries 200");
    assert_near(coef(b.m, cap, find_col(b.m, "y(w,A,B,pipe,2)")), -600, "size 2 carries 600");
    cr_assert_geq(find_row(b.m, "size(w,A,B)"), 0, "at most one size");
    /* costs: size 1 = 0.1 * 2 * 1000 = 200/yr, size 2 = 300/yr; each unit saves 10.
     * Best: size 2 carrying 600: 300 + 400 * 5 (dispose) + 200 * 5 (buy) = 3300 */
    sn_solution_status st;
    assert_near(solve_obj(b.m, &st), 3300, "objective with sizes");
    unbuild(&b);
}

Test(bound, hub_links_are_bounded_by_capacity_and_yield)
{
    char doc[DOC_MAX];
    snprintf(doc, DOC_MAX,
             "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"h\", \"coordinates\": "
             "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
             " \"resources\": [{\"id\": \"ww\", \"unit\": \"m3\", \"pipe\": {\"capital_per_km\": "
             "500}}, {\"id\": \"tw\", \"unit\": \"m3\", \"pipe\": {\"capital_per_km\": 500}}],"
             " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": "
             "[{\"resource\": \"ww\", \"amount\": 1000, \"disposal_cost\": 3}]},"
             " {\"id\": \"B\", \"location\": [2, 3], \"demands\": [{\"resource\": \"tw\", "
             "\"amount\": 700, \"price\": 4}]}],"
             " \"hubs\": [{\"id\": \"T\", \"location\": [2, 0], \"capacities\": [{\"capacity\": "
             "500, \"capital\": 10000, \"fixed_opex\": 200}, {\"capacity\": 800, \"capital\": "
             "16000, \"fixed_opex\": 400}], \"inputs\": [{\"resource\": \"ww\", \"yields\": "
             "{\"tw\": 0.9}, \"cost_per_unit\": 0.5}], \"outputs\": [{\"resource\": \"tw\", "
             "\"disposal_cost\": 1}]}]}");
    built b = build(doc);
    const snp_link *in = find_link(&b, "A", "T"), *out = find_link(&b, "T", "B");
    cr_assert(in && out);
    assert_near(in->bound, 800, "into the hub: min(supply 1000, largest capacity 800)");
    assert_near(out->bound, 700, "out of the hub: min(800 * 0.9 = 720, demand 700)");
    /* binaries: two pipes, two capacity options; hub rows: in, capacity, one option, out;
     * each pipe at the hub needs the hub (athub) */
    cr_assert_eq(sn_model_binaries(b.m), 4);
    cr_assert_geq(find_row(b.m, "hub_cap(T)"), 0);
    cr_assert_geq(find_row(b.m, "hub_one(T)"), 0);
    cr_assert_geq(find_row(b.m, "athub(ww,A,T,0,1)"), 0);
    cr_assert_geq(find_row(b.m, "athub(tw,T,B,0,0)"), 0);
    int hc = find_row(b.m, "hub_cap(T)");
    assert_near(coef(b.m, hc, find_col(b.m, "z(T,1)")), -500, "capacity of option 1");
    assert_near(coef(b.m, hc, find_col(b.m, "z(T,2)")), -800, "capacity of option 2");
    /* by hand (tests/cases/ok/05 with the large option at 800): 1600 + 400 + 0.5 * 800 +
     * pipes 100 + 150 + (720 - 700) * 1 disposed + A disposes 200 * 3 = 3270 */
    sn_solution_status st;
    assert_near(solve_obj(b.m, &st), 3270, "objective with the hub");
    unbuild(&b);
}

/* ---- pruning (docs/model.md 2.2) ------------------------------------------------------------ */

Test(pruning, the_rule_is_exact_at_its_threshold)
{
    /* A->C: M = 300, margin = 2 + 20 - 1.2 = 20.8, saves at most 6240 per year. With a fixed
     * cost just above that it is pruned, just below it is kept (and still not built: A->C
     * alone then saves 6240 - fixed > 0, so it IS built). capital_per_km k gives fixed
     * 0.1 * 12 * k; k = 5200 gives exactly 6240. */
    char doc[DOC_MAX];
    const char *ks[] = {"5300", "5100"};
    for (int i = 0; i < 2; i++) {
        snprintf(doc, DOC_MAX,
                 "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"p\", "
                 "\"coordinates\": \"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, "
                 "\"lifetime_yr\": 10}, \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\", "
                 "\"pipe\": {\"capital_per_km\": %s, \"opex_per_unit_km\": 0.1}}],"
                 " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": "
                 "[{\"resource\": \"heat\", \"amount\": 1000, \"disposal_cost\": 2}]},"
                 " {\"id\": \"C\", \"location\": [0, 12], \"demands\": [{\"resource\": "
                 "\"heat\", \"amount\": 300, \"price\": 20}]}]}",
                 ks[i]);
        built b = build(doc);
        sn_solution_status st;
        double obj = solve_obj(b.m, &st);
        double bau = 1000 * 2 + 300 * 20;
        double fixed = 0.1 * 12 * atof(ks[i]);
        if (i == 0) {
            cr_assert_eq(sn_model_links_pruned(b.m), 1, "fixed %.0f > 6240: pruned", fixed);
            assert_near(obj, bau, "nothing built");
        } else {
            cr_assert_eq(sn_model_links_pruned(b.m), 0, "fixed %.0f < 6240: kept", fixed);
            assert_near(obj, bau - 6240 + fixed, "built: it pays");
        }
        unbuild(&b);
    }
}

Test(pruning, not_applied_where_the_rule_does_not_hold)
{
    char doc[DOC_MAX];
    /* an emission cap: removing a link can raise emissions */
    region01(doc, NULL, NULL, NULL, ", \"co2_cap_t_per_yr\": 1000");
    built b = build(doc);
    cr_assert_eq(sn_model_links_pruned(b.m), 0, "emission cap");
    cr_assert_eq(sn_model_links(b.m), 2);
    unbuild(&b);
    /* a forced explicit link is never pruned */
    region01(doc, NULL, NULL, NULL, NULL);
    char *end = strrchr(doc, '}');
    snprintf(end, DOC_MAX - (size_t)(end - doc),
             ", \"links\": [{\"from\": \"A\", \"to\": \"C\", \"resource\": \"heat\", \"mode\": "
             "\"pipe\", \"status\": \"forced\"}]}");
    b = build(doc);
    cr_assert_eq(sn_model_links(b.m), 2);
    const snp_link *l = find_link(&b, "A", "C");
    cr_assert(l && l->forced);
    sn_solution_status st;
    /* forced: its 12000/yr is paid, so it also carries the 200 A has left after B's 800,
     * each saving 20 + 2 for 1.2: 11800 + 12000 - 200 * 20.8 */
    assert_near(solve_obj(b.m, &st), 11800 + 12000 - 200 * 20.8, "forced link objective");
    unbuild(&b);
    /* a quality limit at the head: a delivery can matter beyond its price */
    snprintf(doc, DOC_MAX,
             "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"q\", \"coordinates\": "
             "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
             " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\", \"quality\": [\"t\"], "
             "\"pipe\": {\"capital_per_km\": 10000, \"opex_per_unit_km\": 0.1}}],"
             " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": "
             "[{\"resource\": \"heat\", \"amount\": 1000, \"disposal_cost\": 2, \"quality\": "
             "{\"t\": 70}}]},"
             " {\"id\": \"C\", \"location\": [0, 12], \"demands\": [{\"resource\": \"heat\", "
             "\"amount\": 300, \"price\": 20, \"quality\": {\"t\": {\"min\": 60}}}]}]}");
    b = build(doc);
    cr_assert_eq(sn_model_links_pruned(b.m), 0, "quality limit at the head");
    unbuild(&b);
}

/* Random regions solved twice: with generated candidates (pruned), and with every candidate
 * written out as an explicit link (explicit links are never pruned). The optima must agree:
 * pruning never removes a link an optimal network needs. */
Test(pruning, never_changes_the_optimum_on_random_regions, .timeout = 300)
{
    unsigned long long s = 77;
#define NEXT()                                                                                     \
    (s = s * 6364136223846793005ull + 1442695040888963407ull,                                      \
     (double)(s >> 11) / 9007199254740992.0)
    int pruned_total = 0;
    for (int t = 0; t < 60; t++) {
        int nf = 3 + (int)(NEXT() * 4);
        double cpk = 200 + NEXT() * 4000, opex = NEXT() * 0.3, loss = NEXT() < 0.5 ? 0 : 0.02;
        double cp = NEXT() < 0.5 ? 0 : 40, budget = NEXT() < 0.3 ? 20000 + NEXT() * 60000 : -1;
        char fac[8192], links[8192];
        size_t nfac = 0, nlink = 0;
        int n_explicit = 0;
        links[0] = '\0';
        int role[8], x[8], y[8];
        for (int f = 0; f < nf; f++) {
            role[f] = NEXT() < 0.45 ? 0 : 1;
            x[f] = (int)(NEXT() * 15);
            y[f] = (int)(NEXT() * 15);
            double amount = 20 + (int)(NEXT() * 500), v = 1 + (int)(NEXT() * 30);
            nfac += (size_t)snprintf(fac + nfac, sizeof fac - nfac,
                                     "%s{\"id\": \"F%d\", \"location\": [%d, %d], \"%s\": "
                                     "[{\"resource\": \"h\", \"amount\": %g, \"%s\": %g, \"%s\": "
                                     "0.1}]}",
                                     f ? ", " : "", f, x[f], y[f], role[f] ? "demands" : "supplies",
                                     amount, role[f] ? "price" : "disposal_cost", v,
                                     role[f] ? "co2" : "disposal_co2");
        }
        for (int u = 0; u < nf; u++)
            for (int v = 0; v < nf; v++)
                if (role[u] == 0 && role[v] == 1 && !(x[u] == x[v] && y[u] == y[v]) && ++n_explicit)
                    nlink += (size_t)snprintf(links + nlink, sizeof links - nlink,
                                              "%s{\"from\": \"F%d\", \"to\": \"F%d\", "
                                              "\"resource\": \"h\", \"mode\": \"pipe\"}",
                                              nlink ? ", " : "", u, v);
        static char doc[3 * DOC_MAX], doc2[3 * DOC_MAX];
        char region[512];
        snprintf(region, sizeof region,
                 "\"name\": \"r\", \"coordinates\": \"planar_km\", \"currency\": \"EUR\", "
                 "\"discount_rate\": 0.04, \"lifetime_yr\": 20, \"carbon_price\": %g%s%.0f",
                 cp, budget > 0 ? ", \"capital_budget\": " : "", budget > 0 ? budget : 0.0);
        if (budget <= 0)
            region[strlen(region) - 1] = '\0'; /* drop the trailing "0" */
#define RES_FMT                                                                                    \
    "{\"format\": \"symnet-region/1\", \"region\": {%s}, \"resources\": [{\"id\": \"h\", "         \
    "\"unit\": \"t\", \"pipe\": {\"capital_per_km\": %.6f, \"opex_per_unit_km\": %.6f, "           \
    "\"loss_per_km\": %g}}], \"facilities\": [%s]%s%s%s}"
        snprintf(doc, sizeof doc, RES_FMT, region, cpk, opex, loss, fac, "", "", "");
        snprintf(doc2, sizeof doc2, RES_FMT, region, cpk, opex, loss, fac,
                 nlink ? ", \"links\": [" : "", links, nlink ? "]" : "");
        built a = build(doc), b = build(doc2);
        cr_assert_eq(sn_model_links(b.m), n_explicit, "explicit links are never pruned\n%s", doc2);
        cr_assert_eq(sn_model_links(a.m) + sn_model_links_pruned(a.m), n_explicit,
                     "every candidate is either kept or pruned\n%s", doc);
        pruned_total += sn_model_links_pruned(a.m);
        sn_solution_status sa, sb;
        double oa = solve_obj(a.m, &sa), ob = solve_obj(b.m, &sb);
        cr_assert_eq(sa, sb);
        if (sa == SN_SOL_OPTIMAL)
            cr_assert_leq(fabs(oa - ob), 1e-6 * fmax(1, fabs(ob)),
                          "region %d: %.10g with pruning, %.10g without\n%s", t, oa, ob, doc);
        unbuild(&a);
        unbuild(&b);
    }
#undef NEXT
#undef RES_FMT
    cr_assert_geq(pruned_total, 20, "only %d candidates pruned: the test proves little",
                  pruned_total);
}

/* ---- warnings ------------------------------------------------------------------------------- */

Test(warnings, badly_scaled_coefficients_warn_but_build)
{
    char doc[DOC_MAX];
    /* co2 per unit-km of 1e-9 under an emission cap next to a bound of 800: ratio 8e11 */
    region01(doc, ", \"co2_per_unit_km\": 1e-10", NULL, NULL, ", \"co2_cap_t_per_yr\": 1e6");
    built b = build(doc);
    cr_assert_eq(b.d.count, 0, "a warning is not an error");
    cr_assert_eq(b.d.warning_count, 1);
    cr_assert(strstr(b.d.warnings[0].message, "coefficients span"), "%s", b.d.warnings[0].message);
    unbuild(&b);
    region01(doc, NULL, NULL, NULL, NULL);
    b = build(doc);
    cr_assert_eq(b.d.warning_count, 0, "a well scaled model gives no warning");
    unbuild(&b);
}

/* ---- export: GLPK reads the file back and finds the same optimum ---------------------------- */

/* The model written as an LP (mps = 0) or MPS file and read back by GLPK (terminal output off
 * until the caller turns it on again); the file is removed. */
static glp_prob *read_back(const sn_model *m, int mps)
{
    char path[] = "/tmp/symnet-test-model-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_model_write(m, mps ? SN_FORMAT_MPS : SN_FORMAT_LP, path, &d), SN_OK);
    glp_term_out(GLP_OFF);
    glp_prob *P = glp_create_prob();
    int rc = mps ? glp_read_mps(P, GLP_MPS_FILE, NULL, path) : glp_read_lp(P, NULL, path);
    unlink(path);
    cr_assert_eq(rc, 0, "GLPK cannot read the %s file", mps ? "MPS" : "LP");
    return P;
}

static double read_back_optimum(const sn_model *m, int mps, int *rows, int *cols)
{
    glp_prob *P = read_back(m, mps);
    *rows = glp_get_num_rows(P);
    *cols = glp_get_num_cols(P);
    glp_iocp p;
    glp_init_iocp(&p);
    p.presolve = GLP_ON;
    p.msg_lev = GLP_MSG_OFF;
    cr_assert_eq(glp_intopt(P, &p), 0);
    cr_assert_eq(glp_mip_status(P), GLP_OPT);
    double v = glp_mip_obj_val(P);
    glp_delete_prob(P);
    glp_term_out(GLP_ON);
    return v;
}

static const char rich[] =
    "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"rich\", \"coordinates\": "
    "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0.05, \"lifetime_yr\": 20, "
    "\"carbon_price\": 50, \"capital_budget\": 1e9},"
    " \"resources\": [{\"id\": \"water\", \"unit\": \"m3\", \"quality\": [\"cl\"], \"pipe\": "
    "{\"civil_capital_per_km\": 100, \"sizes\": [{\"capacity\": 500, \"capital_per_km\": 200}, "
    "{\"capacity\": 2000, \"capital_per_km\": 300}], \"opex_per_unit_km\": 0.01, "
    "\"loss_per_km\": 0.01}},"
    " {\"id\": \"sludge\", \"unit\": \"t\", \"truck\": {\"cost_per_unit_km\": 0.1, "
    "\"cost_per_trip\": 20, \"truck_capacity\": 10}},"
    " {\"id\": \"gas\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 1000}}],"
    " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
    "\"water\", \"amount\": 1000, \"disposal_cost\": 2, \"quality\": {\"cl\": 40}}, "
    "{\"resource\": \"sludge\", \"amount\": 300, \"disposal_cost\": 30}]},"
    " {\"id\": \"B\", \"location\": [3, 4], \"supplies\": [{\"resource\": \"water\", \"amount\": "
    "800, \"disposal_cost\": 1, \"quality\": {\"cl\": 90}}], \"demands\": [{\"resource\": "
    "\"gas\", \"amount\": 100, \"price\": 40}]},"
    " {\"id\": \"C\", \"location\": [6, 0], \"demands\": [{\"resource\": \"water\", \"amount\": "
    "1200, \"price\": 3, \"quality\": {\"cl\": {\"max\": 60}}}]}],"
    " \"hubs\": [{\"id\": \"D\", \"location\": [2, 2], \"capacities\": [{\"capacity\": 400, "
    "\"capital\": 8000, \"fixed_opex\": 150}], \"inputs\": [{\"resource\": \"sludge\", "
    "\"yields\": {\"gas\": 0.5}, \"cost_per_unit\": 1}], \"outputs\": [{\"resource\": "
    "\"gas\"}]}],"
    " \"junctions\": [{\"id\": \"J\", \"location\": [3, 1], \"resources\": [\"water\"]}],"
    " \"corridors\": [{\"id\": \"K\", \"from\": \"A\", \"to\": \"J\", \"capital\": 300}]}";

Test(export, lp_and_mps_read_back_by_glpk_give_the_same_optimum)
{
    built b = build(rich);
    sn_solution_status st;
    double want = solve_obj(b.m, &st);
    cr_assert_eq(st, SN_SOL_OPTIMAL);
    for (int mps = 0; mps < 2; mps++) {
        int rows, cols;
        double got = read_back_optimum(b.m, mps, &rows, &cols);
        cr_assert_leq(fabs(got - want), 1e-6 * fabs(want), "%s: %.10g, sn_solve %.10g",
                      mps ? "MPS" : "LP", got, want);
        cr_assert_eq(cols, sn_model_cols(b.m), "%s: %d columns, model %d", mps ? "MPS" : "LP", cols,
                     sn_model_cols(b.m));
        cr_assert_eq(rows, sn_model_rows(b.m), "%s: %d rows, model %d", mps ? "MPS" : "LP", rows,
                     sn_model_rows(b.m));
    }
    unbuild(&b);
}

Test(export, unwritable_path_is_an_io_error)
{
    built b = build(rich);
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_model_write(b.m, SN_FORMAT_LP, "/nonexistent-dir/model.lp", &d);
    cr_assert_eq(st, SN_EIO, "status %s", sn_status_name(st));
    cr_assert_geq(d.count, 1);
    cr_assert(strstr(d.errors[0].file, "/nonexistent-dir/model.lp") ||
                  strstr(d.errors[0].message, "/nonexistent-dir/model.lp"),
              "the message must name the file");
    unbuild(&b);
}

Test(export, elastic_model_adds_one_violation_per_hard_requirement)
{
    char doc[DOC_MAX];
    region01(doc, NULL, "", NULL, ", \"capital_budget\": 1000, \"co2_cap_t_per_yr\": 5");
    sn_instance *in = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_instance_load_string(doc, strlen(doc), "e.json", &in, &d), SN_OK);
    sn_model *net = NULL, *el = NULL, *unc = NULL;
    cr_assert_eq(sn_model_build(in, SN_MODEL_NETWORK, &net, &d), SN_OK);
    cr_assert_eq(sn_model_build(in, SN_MODEL_ELASTIC, &el, &d), SN_OK);
    cr_assert_eq(sn_model_build(in, SN_MODEL_ELASTIC_UNCAPPED, &unc, &d), SN_OK);
    /* must-take supply, budget, emission cap: three slacks; uncapped: only the supply's, and
     * neither the budget nor the cap row */
    cr_assert_eq(sn_model_cols(el), sn_model_cols(net) + 3);
    cr_assert_eq(sn_model_rows(el), sn_model_rows(net));
    cr_assert_eq(sn_model_cols(unc), sn_model_cols(net) + 1);
    cr_assert_eq(sn_model_rows(unc), sn_model_rows(net) - 2);
    sn_model_free(net);
    sn_model_free(el);
    sn_model_free(unc);
    sn_instance_free(in);
}

/* ---- labels by destination (docs/model.md 8.7) ------------------------------------------- */

/* Sources S1 and S2 must ship 5 each into junction J1; sink A must get 1 and sink B 9. B hangs
 * off J1 for free; A is reached either over the trunk J1 -> J2 (fixed 100) and a free link
 * J2 -> A, or over the direct link J1 -> A (fixed 50). Every unit cost is 0.
 * By hand: the optimum builds J1 -> A: 50. Labelled by origin only, the LP relaxation sends
 * A's unit over the trunk as 0.5 from each origin; the trunk's rows x_k <= 5 y and
 * sum x <= 10 y then allow y = 0.1: bound 10. The destination label of A on the trunk obeys
 * xd <= min(in(A) = 1, 10) y, so the trunk costs 100 per unit of A, the direct link 50: the
 * LP relaxation is 50, the optimum itself. */
static const char trunk[] =
    "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"trunk\", \"coordinates\": "
    "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 1},"
    " \"resources\": [{\"id\": \"f\", \"unit\": \"t\"}],"
    " \"facilities\": [{\"id\": \"S1\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
    "\"f\", \"amount\": 5}]}, {\"id\": \"S2\", \"location\": [0, 1], \"supplies\": "
    "[{\"resource\": \"f\", \"amount\": 5}]},"
    " {\"id\": \"A\", \"location\": [9, 0], \"demands\": [{\"resource\": \"f\", \"amount\": 1}]},"
    " {\"id\": \"B\", \"location\": [2, 3], \"demands\": [{\"resource\": \"f\", \"amount\": 9}]}],"
    " \"junctions\": [{\"id\": \"J1\", \"location\": [1, 0], \"resources\": [\"f\"]},"
    " {\"id\": \"J2\", \"location\": [5, 0], \"resources\": [\"f\"]}],"
    " \"links\": [{\"from\": \"S1\", \"to\": \"J1\", \"resource\": \"f\", \"mode\": \"pipe\", "
    "\"cost_per_unit\": 0}, {\"from\": \"S2\", \"to\": \"J1\", \"resource\": \"f\", \"mode\": "
    "\"pipe\", \"cost_per_unit\": 0}, {\"from\": \"J1\", \"to\": \"B\", \"resource\": \"f\", "
    "\"mode\": \"pipe\", \"cost_per_unit\": 0}, {\"from\": \"J1\", \"to\": \"J2\", \"resource\": "
    "\"f\", \"mode\": \"pipe\", \"fixed_cost_per_yr\": 100, \"cost_per_unit\": 0}, {\"from\": "
    "\"J2\", \"to\": \"A\", \"resource\": \"f\", \"mode\": \"pipe\", \"cost_per_unit\": 0}, "
    "{\"from\": \"J1\", \"to\": \"A\", \"resource\": \"f\", \"mode\": \"pipe\", "
    "\"fixed_cost_per_yr\": 50, \"cost_per_unit\": 0}]}";

/* LP relaxation of the model as written to an LP file and read back by GLPK; with
 * drop_labels, the destination labels' rows and columns are deleted first. */
static double exported_lp_bound(const sn_model *m, int drop_labels)
{
    glp_prob *P = read_back(m, 0);
    if (drop_labels) {
        int nr = glp_get_num_rows(P), nc = glp_get_num_cols(P), n = 0;
        int *del = calloc((size_t)(nr > nc ? nr : nc) + 1, sizeof(int));
        cr_assert_not_null(del);
        for (int i = 1; i <= nr; i++) {
            const char *name = glp_get_row_name(P, i);
            if (strncmp(name, "dest(", 5) == 0 || strncmp(name, "jdest(", 6) == 0 ||
                strncmp(name, "capd(", 5) == 0)
                del[++n] = i;
        }
        cr_assert_gt(n, 0, "the model has no destination rows");
        glp_del_rows(P, n, del);
        n = 0;
        for (int j = 1; j <= nc; j++)
            if (strncmp(glp_get_col_name(P, j), "xd(", 3) == 0)
                del[++n] = j;
        cr_assert_gt(n, 0, "the model has no destination columns");
        glp_del_cols(P, n, del);
        free(del);
    }
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    cr_assert_eq(glp_simplex(P, &sp), 0);
    cr_assert_eq(glp_get_status(P), GLP_OPT);
    double v = glp_get_obj_val(P);
    glp_delete_prob(P);
    glp_term_out(GLP_ON);
    return v;
}

Test(destination, labels_close_the_trunk_gap_derived_by_hand)
{
    built b = build(trunk);
    /* the trunk and the links from the sources into J1 carry A's and B's labels */
    const snp_link *t = find_link(&b, "J1", "J2");
    cr_assert_not_null(t);
    cr_assert_eq(t->n_dest, 2);
    cr_assert_eq(b.m->n_dest_cols, 3 * 2);
    int capd = find_row(b.m, "capd(f,J1,J2,0,0)");
    cr_assert_geq(capd, 0, "no destination bound on the trunk");
    cr_assert_eq(t->dest_nodes[0], snp_node_find(b.in, "A"));
    assert_near(coef(b.m, capd, t->col_build), -1, "trunk bound for A: min(in(A), M_l)");
    assert_near(exported_lp_bound(b.m, 1), 10, "LP relaxation labelled by origin only");
    assert_near(exported_lp_bound(b.m, 0), 50, "LP relaxation with destination labels");
    sn_solution_status st;
    assert_near(solve_obj(b.m, &st), 50, "optimum");
    cr_assert_eq(st, SN_SOL_OPTIMAL);
    unbuild(&b);
}

Test(destination, no_labels_where_a_link_at_a_junction_loses_flow)
{
    char doc[DOC_MAX];
    snprintf(doc, sizeof doc, "%s", trunk);
    char *p = strstr(doc, "\"fixed_cost_per_yr\": 100,");
    cr_assert_not_null(p);
    /* a loss of 1 % on the trunk: A's unit then needs 1/0.99 sent, still cheaper direct */
    char tail[DOC_MAX];
    snprintf(tail, sizeof tail, "%s", p);
    snprintf(p, sizeof doc - (size_t)(p - doc), "\"loss\": 0.01, %s", tail);
    built b = build(doc);
    cr_assert_eq(b.m->n_dest_cols, 0);
    cr_assert_eq(find_link(&b, "J1", "J2")->first_dest, -1);
    sn_solution_status st;
    assert_near(solve_obj(b.m, &st), 50, "optimum");
    unbuild(&b);
}

/* ---- warnings about the region (issue 13: src/instance/geometry.c, src/model/warn.c) -------- */

/* Loads doc and builds its model; every warning of both steps is in the returned diag. */
static built build_warned(const char *doc)
{
    built b = {NULL, NULL, {0}};
    sn_diag_init(&b.d);
    cr_assert_eq(sn_instance_load_string(doc, strlen(doc), "w.json", &b.in, &b.d), SN_OK, "%s",
                 doc);
    cr_assert_eq(sn_model_build(b.in, SN_MODEL_NETWORK, &b.m, &b.d), SN_OK, "%s", doc);
    cr_assert_eq(b.d.count, 0, "a warning is not an error");
    return b;
}

/* The warning at `path` (NULL when there is none). */
static const sn_error *warning_at(const built *b, const char *path)
{
    for (int i = 0; i < b->d.warning_count; i++)
        if (strcmp(b->d.warnings[i].path, path) == 0)
            return &b->d.warnings[i];
    return NULL;
}

static void log_warnings(const built *b)
{
    char buf[1200];
    for (int i = 0; i < b->d.warning_count; i++) {
        sn_error_format(&b->d.warnings[i], buf, sizeof buf);
        cr_log_info("%s", buf);
    }
}

/* Kalundborg-like spacing (lonlat): four plants within 2 km, a fifth node placed by `extra`.
 * Every plant exchanges heat by truck (no max_km), so only the outlier rule can speak. */
static void lonlat_region(char *doc, const char *fifth)
{
    snprintf(doc, DOC_MAX,
             "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"geo\", \"coordinates\": "
             "\"lonlat\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
             " \"resources\": [{\"id\": \"ash\", \"unit\": \"t\", \"truck\": "
             "{\"cost_per_unit_km\": 0.1}}],"
             " \"facilities\": ["
             "{\"id\": \"p1\", \"location\": [11.08, 55.66], \"supplies\": [{\"resource\": "
             "\"ash\", \"amount\": 100, \"disposal_cost\": 30}]},"
             "{\"id\": \"p2\", \"location\": [11.09, 55.665], \"demands\": [{\"resource\": "
             "\"ash\", \"amount\": 50, \"price\": 20}]},"
             "{\"id\": \"p3\", \"location\": [11.10, 55.66], \"demands\": [{\"resource\": "
             "\"ash\", \"amount\": 50, \"price\": 20}]},"
             "{\"id\": \"p4\", \"location\": [11.095, 55.672], \"demands\": [{\"resource\": "
             "\"ash\", \"amount\": 50, \"price\": 20}]},"
             "{\"id\": \"p5\", \"location\": %s, \"demands\": [{\"resource\": \"ash\", "
             "\"amount\": 50, \"price\": 20}]}]}",
             fifth);
}

Test(warnings, a_facility_with_longitude_and_latitude_swapped_is_an_outlier)
{
    /* [55.67, 11.09] instead of [11.09, 55.67]: about 5,000 km from the others (Arabian Sea),
     * whose median distance to their nearest neighbour is under 1 km */
    char doc[DOC_MAX];
    lonlat_region(doc, "[55.67, 11.09]");
    built b = build_warned(doc);
    log_warnings(&b);
    const sn_error *w = warning_at(&b, "facilities[4].location");
    cr_assert_not_null(w, "no warning at facilities[4].location");
    cr_assert_str_eq(w->file, "w.json");
    cr_assert(strstr(w->message, "\"p5\" at [55.67, 11.09]"), "%s", w->message);
    cr_assert(strstr(w->message, "[longitude, latitude]"), "%s", w->message);
    cr_assert_eq(b.in->n_warnings, 1, "the instance keeps it for the solution");
    unbuild(&b);
}

Test(warnings, a_remote_but_real_site_is_not_an_outlier)
{
    /* a quarry 40 km out (0.36 degrees of latitude), and a cement plant 164 km away as in
     * instances/kalundborg.json: far above 10 times the median spacing, below the 250 km floor */
    const char *const remote[] = {"[11.09, 56.02]", "[10.025, 57.045]"};
    for (int k = 0; k < 2; k++) {
        char doc[DOC_MAX];
        lonlat_region(doc, remote[k]);
        built b = build_warned(doc);
        log_warnings(&b);
        cr_assert_eq(b.d.warning_count, 0, "%s gave a warning", remote[k]);
        unbuild(&b);
    }
}

Test(warnings, planar_coordinates_in_metres_make_an_outlier)
{
    /* C at (0, 12000): metres taken for km in a region of 12 km */
    char doc[DOC_MAX];
    region01(doc, NULL, NULL, NULL, NULL);
    char *c = strstr(doc, "[0, 12]");
    cr_assert_not_null(c);
    char fixed[DOC_MAX];
    snprintf(fixed, sizeof fixed, "%.*s[0, 12000]%s", (int)(c - doc), doc, c + strlen("[0, 12]"));
    built b = build_warned(fixed);
    log_warnings(&b);
    const sn_error *w = warning_at(&b, "facilities[2].location");
    cr_assert_not_null(w);
    cr_assert(strstr(w->message, "11996 km from the nearest other node (\"B\")"), "%s", w->message);
    unbuild(&b);
}

Test(warnings, a_junction_of_explicit_pipes_is_used)
{
    /* heat has no pipe section, so no pipe is generated; the explicit pipes A -> J -> B pass the
     * junction J, which is therefore used (tests/cases/ok/18_network_design has the same shape):
     * no warning names it */
    const char *doc =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"j\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
        " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\"}],"
        " \"facilities\": ["
        "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", "
        "\"amount\": 10}]},"
        "{\"id\": \"B\", \"location\": [2, 0], \"demands\": [{\"resource\": \"heat\", "
        "\"amount\": 10}]}],"
        " \"junctions\": [{\"id\": \"J\", \"location\": [1, 0], \"resources\": [\"heat\"]}],"
        " \"links\": [{\"from\": \"A\", \"to\": \"J\", \"resource\": \"heat\", \"mode\": "
        "\"pipe\", \"length_km\": 1, \"fixed_cost_per_yr\": 1},"
        " {\"from\": \"J\", \"to\": \"B\", \"resource\": \"heat\", \"mode\": \"pipe\", "
        "\"length_km\": 1, \"fixed_cost_per_yr\": 1}]}";
    built b = build_warned(doc);
    log_warnings(&b);
    cr_assert_null(warning_at(&b, "junctions[0]"), "J is passed by two explicit pipes");
    cr_assert_null(warning_at(&b, "junctions[0].resources"));
    unbuild(&b);
}

Test(warnings, junctions_and_corridors_no_pipe_can_use)
{
    /* gypsum trucks only: a junction of gypsum is of no use; heat pipes end at 5 km, so the
     * corridor A - D (8 km) can carry no pipe, and D (8 km from A, the only sender) is reached by
     * nothing; the junction J carries heat but a pipe only arrives from A, none leaves (B and C
     * are more than 5 km from J) */
    const char *doc =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"j\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
        " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": "
        "1000, \"max_km\": 5}}, {\"id\": \"gypsum\", \"unit\": \"t\", \"truck\": "
        "{\"cost_per_unit_km\": 0.1}}],"
        " \"facilities\": ["
        "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", "
        "\"amount\": 100, \"disposal_cost\": 1}, {\"resource\": \"gypsum\", \"amount\": 10, "
        "\"disposal_cost\": 5}]},"
        "{\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\", "
        "\"amount\": 50, \"price\": 20}, {\"resource\": \"gypsum\", \"amount\": 10, \"price\": "
        "8}]},"
        "{\"id\": \"D\", \"location\": [8, 0], \"demands\": [{\"resource\": \"heat\", "
        "\"amount\": 50, \"price\": 20}]}],"
        " \"junctions\": [{\"id\": \"JG\", \"location\": [1, 1], \"resources\": [\"gypsum\"]},"
        " {\"id\": \"J\", \"location\": [-2, -2]}],"
        " \"corridors\": [{\"id\": \"AD\", \"from\": \"A\", \"to\": \"D\", \"capital\": 100},"
        " {\"id\": \"AB\", \"from\": \"A\", \"to\": \"B\", \"capital\": 100}]}";
    built b = build_warned(doc);
    log_warnings(&b);
    const sn_error *w = warning_at(&b, "junctions[0].resources");
    cr_assert_not_null(w);
    cr_assert(strstr(w->message, "junction \"JG\" carries pipes only, its resource has no pipe "
                                 "section, and no link in links[] names it"),
              "%s", w->message);
    /* J (2.83 km from A, 7.6 from B, 10.2 from D): heat arrives from A, leaves to nobody */
    w = warning_at(&b, "junctions[1]");
    cr_assert_not_null(w);
    cr_assert(strstr(w->message, "\"heat\" arrives but leaves to no node"), "%s", w->message);
    w = warning_at(&b, "corridors[0]");
    cr_assert_not_null(w);
    cr_assert(strstr(w->message, "its 8.0 km are more than the max_km (5 at most)"), "%s",
              w->message);
    cr_assert_null(warning_at(&b, "corridors[1]"), "a 5 km corridor A - B carries the pipe");
    w = warning_at(&b, "facilities[2]");
    cr_assert_not_null(w);
    cr_assert(strstr(w->message, "takes \"heat\": the nearest node that sends it, \"A\", is 8.0 "
                                 "km away by pipe, beyond its max_km of 5"),
              "%s", w->message);
    cr_assert_null(warning_at(&b, "facilities[0]"));
    cr_assert_null(warning_at(&b, "facilities[1]"));
    cr_assert_eq(b.d.warning_count, 4);
    cr_assert_eq(b.m->n_warnings, 4, "the model keeps them for the solution");
    unbuild(&b);
}

Test(warnings, a_facility_without_a_mode_or_a_partner_says_why)
{
    /* E supplies slag, which has neither pipe nor truck; F demands steam, which nobody supplies */
    const char *doc =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"p\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
        " \"resources\": [{\"id\": \"slag\", \"unit\": \"t\"}, {\"id\": \"steam\", \"unit\": "
        "\"MWh\", \"pipe\": {\"capital_per_km\": 1000}}],"
        " \"facilities\": ["
        "{\"id\": \"E\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"slag\", "
        "\"amount\": 100, \"disposal_cost\": 1}]},"
        "{\"id\": \"G\", \"location\": [1, 0], \"demands\": [{\"resource\": \"slag\", "
        "\"amount\": 100, \"price\": 1}]},"
        "{\"id\": \"F\", \"location\": [2, 0], \"demands\": [{\"resource\": \"steam\", "
        "\"amount\": 50, \"price\": 20}]}]}";
    built b = build_warned(doc);
    log_warnings(&b);
    const sn_error *w = warning_at(&b, "facilities[0]");
    cr_assert_not_null(w);
    cr_assert(strstr(w->message, "supplies \"slag\": it has no pipe or truck section"), "%s",
              w->message);
    w = warning_at(&b, "facilities[2]");
    cr_assert_not_null(w);
    cr_assert(strstr(w->message, "takes \"steam\": no other facility, hub or junction sends it"),
              "%s", w->message);
    unbuild(&b);
}

Test(warnings, a_price_per_wh_among_prices_per_mwh_warns_and_names_both)
{
    /* B's price 0.00002 EUR/MWh is 20 EUR/MWh written per Wh; C pays 20: ratio 1e6 */
    char doc[DOC_MAX];
    region01(doc, NULL, NULL, NULL, NULL);
    char *p = strstr(doc, "\"price\": 20");
    cr_assert_not_null(p);
    char fixed[DOC_MAX];
    snprintf(fixed, sizeof fixed, "%.*s\"price\": 0.00002%s", (int)(p - doc), doc,
             p + strlen("\"price\": 20"));
    built b = build_warned(fixed);
    log_warnings(&b);
    const sn_error *w = warning_at(&b, "facilities[1].demands[0].price");
    cr_assert_not_null(w);
    cr_assert(strstr(w->message, "the prices of \"heat\" (per MWh) span 2e-05 here (\"B\") to 20 "
                                 "at facilities[2].demands[0].price (\"C\")"),
              "%s", w->message);
    unbuild(&b);
}

Test(warnings, the_shipped_regions_give_no_warning)
{
    /* Aalborg and Columbia once warned of a span made by symnet's own 1/M in the rows that tie
     * a truck link to its hub (docs/instances.md note 5); no shipped region has a slip */
    const char *const files[] = {
        "instances/aalborg_isn.json",    "instances/columbia_corridor.json",
        "instances/kalundborg.json",     "instances/kwinana.json",
        "instances/willapa_harbor.json", "instances/tutorial.json"};
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        built b = {NULL, NULL, {0}};
        sn_diag_init(&b.d);
        cr_assert_eq(sn_instance_load_file(files[k], &b.in, &b.d), SN_OK, "%s", files[k]);
        cr_assert_eq(sn_model_build(b.in, SN_MODEL_NETWORK, &b.m, &b.d), SN_OK);
        log_warnings(&b);
        cr_assert_eq(b.d.warning_count, 0, "%s: %s", files[k],
                     b.d.warning_count ? b.d.warnings[0].message : "");
        unbuild(&b);
    }
}
