/*
 * test_verify.c - tests of the independent solution checker (src/verify/, symnet.h
 * sn_solution_verify_string).
 *
 * Each test solves a region of tests/cases/ok/ with the library, writes the solution JSON as
 * `symnet solve` does, and then either checks that the untouched pair agrees, or tampers with
 * the solution (a flow, a dropped link, the objective, a cost) or with the region (a tighter
 * quality limit, budget, emission cap or pipe size than the network was built for) and checks
 * that the checker rejects it with SN_EINTERNAL and a message that names what disagrees. A
 * tampered region keeps the network's own arithmetic consistent, so the only disagreement left
 * is the limit that was tightened: the test then also asserts that nothing else is reported.
 */
#include "symnet.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK_DIR "tests/cases/ok/"

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    cr_assert(fseek(f, 0, SEEK_END) == 0);
    long n = ftell(f);
    cr_assert(n >= 0);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    cr_assert_not_null(buf);
    cr_assert(fread(buf, 1, (size_t)n, f) == (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void print_diag(const char *what, const sn_diag *d)
{
    char buf[1200];
    for (int i = 0; i < d->count; i++) {
        sn_error_format(&d->errors[i], buf, sizeof buf);
        cr_log_info("%s: %s", what, buf);
    }
}

/* Solves region text and returns the solution JSON exactly as `symnet solve` writes it. */
static char *solve_text(const char *region)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_string(region, strlen(region), "region.json", &in, &d), SN_OK);
    sn_model *m = NULL;
    cr_assert_eq(sn_model_build(in, SN_MODEL_NETWORK, &m, &d), SN_OK);
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = 60;
    sn_solution *s = NULL;
    cr_assert_eq(sn_solve(m, &p, &s, &d), SN_OK);
    cr_assert_eq(sn_solution_check(in, m, s, &d), SN_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    cr_assert_eq(tu_write_report(in, m, s, 1, f), SN_OK);
    cr_assert_eq(fclose(f), 0);
    sn_solution_free(s);
    sn_model_free(m);
    sn_instance_free(in);
    return text;
}

/* Checks solution text against region text; the diagnostics land in *d. */
static sn_status verify(const char *region, const char *solution, sn_diag *d)
{
    sn_diag_init(d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_string(region, strlen(region), "region.json", &in, d), SN_OK);
    sn_status st = sn_solution_verify_string(in, solution, strlen(solution), "solution.json", d);
    sn_instance_free(in);
    return st;
}

/* Index of the first error whose path starts with path_prefix and whose message contains
 * `words`, or -1. */
static int find_error(const sn_diag *d, const char *path_prefix, const char *words)
{
    for (int i = 0; i < d->count; i++)
        if (strncmp(d->errors[i].path, path_prefix, strlen(path_prefix)) == 0 &&
            strstr(d->errors[i].message, words) != NULL)
            return i;
    return -1;
}

static void expect_rejected(const sn_diag *d, sn_status st, const char *path_prefix,
                            const char *words)
{
    print_diag("checker", d);
    cr_assert_eq(st, SN_EINTERNAL, "expected a disagreement (SN_EINTERNAL), got %s",
                 sn_status_name(st));
    cr_assert_gt(d->count, 0);
    for (int i = 0; i < d->count; i++)
        cr_assert_str_eq(d->errors[i].file, "solution.json", "error %d names no file", i);
    cr_assert_geq(find_error(d, path_prefix, words), 0,
                  "no error at \"%s...\" saying \"%s\" (see the log above)", path_prefix, words);
}

static void expect_only(const sn_diag *d, sn_status st, const char *path_prefix, const char *words)
{
    expect_rejected(d, st, path_prefix, words);
    cr_assert_eq(d->count, 1, "only the tightened limit may disagree, got %d errors", d->count);
}

/* ---- JSON editing --------------------------------------------------------------------- */

static cJSON *parse(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    cr_assert_not_null(j, "not JSON");
    return j;
}

static char *print_free(cJSON *j)
{
    char *s = cJSON_Print(j);
    cr_assert_not_null(s);
    cJSON_Delete(j);
    return s;
}

static cJSON *at(cJSON *obj, const char *key)
{
    cJSON *c = cJSON_GetObjectItemCaseSensitive(obj, key);
    cr_assert_not_null(c, "no key %s", key);
    return c;
}

static cJSON *item(cJSON *arr, int i)
{
    cJSON *c = cJSON_GetArrayItem(arr, i);
    cr_assert_not_null(c, "no item %d", i);
    return c;
}

static double num(cJSON *obj, const char *key)
{
    cJSON *c = at(obj, key);
    cr_assert(cJSON_IsNumber(c), "%s is not a number", key);
    return c->valuedouble;
}

static void set_num(cJSON *obj, const char *key, double v)
{
    cJSON *c = at(obj, key);
    cr_assert(cJSON_IsNumber(c), "%s is not a number", key);
    cJSON_SetNumberValue(c, v);
}

/* The index of the link from -> to in a solution's links. */
static int link_index(cJSON *sol, const char *from, const char *to)
{
    cJSON *links = at(sol, "links");
    for (int i = 0; i < cJSON_GetArraySize(links); i++) {
        cJSON *l = item(links, i);
        if (strcmp(at(l, "from")->valuestring, from) == 0 &&
            strcmp(at(l, "to")->valuestring, to) == 0)
            return i;
    }
    cr_assert_fail("no link %s -> %s", from, to);
    return -1;
}

/* ---- fixture: one case, its region and solution texts --------------------------------- */

typedef struct pair {
    char *region, *solution;
} pair;

static pair load_case(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, OK_DIR "%s.json", name);
    pair p;
    p.region = read_text(path);
    p.solution = solve_text(p.region);
    return p;
}

static void pair_free(pair *p)
{
    free(p->region);
    free(p->solution);
}

/* ---- the untouched solutions agree ----------------------------------------------------- */

Test(verify, every_ok_case_and_instance_agrees_with_its_own_solution)
{
    static const char *const files[] = {
        OK_DIR "01_pipe_pays_or_not.json",
        OK_DIR "02_truck_trips.json",
        OK_DIR "03_pipe_sizes.json",
        OK_DIR "04_pipe_loss.json",
        OK_DIR "05_hub_treatment.json",
        OK_DIR "06_corridor_shared.json",
        OK_DIR "07_quality_blend.json",
        OK_DIR "08_quality_junction.json",
        OK_DIR "09_substitute_ratio.json",
        OK_DIR "10_capital_budget.json",
        OK_DIR "11_emission_cap.json",
        OK_DIR "12_forced_link.json",
        OK_DIR "13_forbidden_link.json",
        OK_DIR "14_must_serve_must_take.json",
        OK_DIR "15_infeasible_unreachable.json",
        OK_DIR "16_infeasible_integer_only.json",
        OK_DIR "17_corridor_default_length.json",
        "instances/tutorial.json",
        "instances/kalundborg.json",
    };
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        char *region = read_text(files[k]);
        char *sol = solve_text(region);
        sn_diag d;
        sn_status st = verify(region, sol, &d);
        print_diag(files[k], &d);
        cr_expect_eq(st, SN_OK, "%s: its own solution does not verify", files[k]);
        free(sol);
        free(region);
    }
}

/* ---- tampered solutions ---------------------------------------------------------------- */

Test(verify, a_changed_flow_is_caught)
{
    pair p = load_case("07_quality_blend");
    cJSON *sol = parse(p.solution);
    /* C -> B carries 600 by hand (notes of 07); report 590 on the link only */
    cJSON *l = item(at(sol, "links"), link_index(sol, "C", "B"));
    cr_assert_float_eq(num(l, "flow"), 600, 1e-6);
    set_num(l, "flow", 590);
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_rejected(&d, st, "links[", "expected");
    free(bad);
    pair_free(&p);
}

Test(verify, a_consistently_changed_link_still_breaks_the_node_balance)
{
    pair p = load_case("07_quality_blend");
    cJSON *sol = parse(p.solution);
    /* move 10 units of C -> B on the link, its delivery and its origin split, but not at the
     * facilities: what C sends and B receives no longer balance */
    cJSON *l = item(at(sol, "links"), link_index(sol, "C", "B"));
    set_num(l, "flow", 610);
    set_num(l, "delivered", 610);
    set_num(item(at(l, "by_origin"), 0), "flow", 610);
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_rejected(&d, st, "facilities[0]", "inflow (5.2)");
    cr_assert_geq(find_error(&d, "facilities[2]", "supply (5.1)"), 0, "C's balance is named");
    free(bad);
    pair_free(&p);
}

Test(verify, a_dropped_link_is_caught)
{
    pair p = load_case("07_quality_blend");
    cJSON *sol = parse(p.solution);
    cJSON_DeleteItemFromArray(at(sol, "links"), link_index(sol, "A", "B"));
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_rejected(&d, st, "", "expected");
    free(bad);
    pair_free(&p);
}

Test(verify, a_dropped_forced_link_is_caught_by_name)
{
    pair p = load_case("12_forced_link");
    cJSON *sol = parse(p.solution);
    cJSON_DeleteItemFromArray(at(sol, "links"), link_index(sol, "A", "B"));
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_rejected(&d, st, "links", "A -> B (slag) is forced");
    free(bad);
    pair_free(&p);
}

Test(verify, a_changed_objective_is_caught_at_relative_1e_6)
{
    pair p = load_case("05_hub_treatment");
    cJSON *sol = parse(p.solution);
    double obj = num(sol, "objective");
    cr_assert_float_eq(obj, 2950, 1e-6); /* hand-derived: tests/cases/README.md */
    cJSON_Delete(sol);
    /* within the tolerance: accepted */
    sol = parse(p.solution);
    set_num(sol, "objective", obj * (1 + 1e-8));
    set_num(sol, "bound", obj * (1 + 1e-8)); /* proven: the bound moves with it */
    char *close = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, close, &d);
    print_diag("close", &d);
    cr_assert_eq(st, SN_OK, "a 1e-8 relative change must be within the tolerance");
    free(close);
    /* beyond it: rejected, at the objective */
    sol = parse(p.solution);
    set_num(sol, "objective", obj * (1 + 1e-5));
    set_num(sol, "bound", obj * (1 + 1e-5));
    char *bad = print_free(sol);
    st = verify(p.region, bad, &d);
    expect_rejected(&d, st, "objective", "expected");
    cr_assert_eq(d.count, 1, "only the objective disagrees");
    free(bad);
    pair_free(&p);
}

Test(verify, changed_costs_are_caught_where_they_are_reported)
{
    pair p = load_case("06_corridor_shared");
    static const char *const keys[] = {"capital", "savings", "co2_t_per_yr"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        cJSON *sol = parse(p.solution);
        set_num(sol, keys[k], num(sol, keys[k]) + 100);
        char *bad = print_free(sol);
        sn_diag d;
        sn_status st = verify(p.region, bad, &d);
        expect_rejected(&d, st, keys[k], "expected");
        free(bad);
    }
    cJSON *sol = parse(p.solution);
    cJSON *cb = at(sol, "cost_breakdown");
    set_num(cb, "operating", num(cb, "operating") + 1);
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_rejected(&d, st, "cost_breakdown.operating", "expected");
    free(bad);
    pair_free(&p);
}

/* The figures a funder reads are rechecked: each of money's, headline.capital's and jobs'
 * numbers, moved by 0.1 % (and 1), is caught at its own path; an IRR at which the value is not
 * zero is caught; null where a number is due is caught. Case 06 builds a corridor and links. */
Test(verify, changed_money_figures_are_caught_where_they_are_reported)
{
    pair p = load_case("06_corridor_shared");
    static const char *const keys[][3] = {
        {"money", "capital_year0", NULL},
        {"money", "annual_savings_before_capital", NULL},
        {"money", "annual_savings_before_capital_without_carbon", NULL},
        {"money", "payback_yr", NULL},
        {"money", "irr", NULL},
        {"money", "horizon_yr", NULL},
        {"headline", "capital", "links"},
        {"headline", "capital", "corridors"},
        {"headline", "capital", "total"},
        {"jobs", "construction_job_years", NULL}};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        cJSON *sol = parse(p.solution);
        cJSON *o = at(sol, keys[k][0]);
        const char *key = keys[k][1];
        if (keys[k][2]) {
            o = at(o, key);
            key = keys[k][2];
        }
        set_num(o, key, num(o, key) * 1.001 + 1);
        char *bad = print_free(sol);
        char path[128];
        snprintf(path, sizeof path, "%s.%s%s%s", keys[k][0], keys[k][1], keys[k][2] ? "." : "",
                 keys[k][2] ? keys[k][2] : "");
        sn_diag d;
        sn_status st = verify(p.region, bad, &d);
        expect_rejected(&d, st, path, "expected");
        free(bad);
    }
    cJSON *sol = parse(p.solution);
    cJSON *npv = item(at(at(sol, "money"), "npv"), 0);
    set_num(npv, "npv_without_carbon", num(npv, "npv_without_carbon") + 1);
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_only(&d, st, "money.npv[0].npv_without_carbon", "expected");
    free(bad);
    sol = parse(p.solution);
    cJSON_ReplaceItemInObject(at(sol, "money"), "payback_yr", cJSON_CreateNull());
    bad = print_free(sol);
    st = verify(p.region, bad, &d);
    expect_only(&d, st, "money.payback_yr", "expected");
    free(bad);
    pair_free(&p);
}

Test(verify, a_wrong_great_circle_length_is_caught)
{
    /* kalundborg uses lonlat: the checker computes great-circle lengths with its own formula */
    char *region = read_text("instances/kalundborg.json");
    char *solution = solve_text(region);
    cJSON *sol = parse(solution);
    cJSON *l = item(at(sol, "links"), 0);
    set_num(l, "length_km", num(l, "length_km") * (1 + 1e-4));
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(region, bad, &d);
    expect_rejected(&d, st, "links[0].length_km", "expected");
    free(bad);
    free(solution);
    free(region);
}

/* The solution text with its proof fields set: status (NULL keeps it), bound and gap (NAN
 * keeps each). */
static char *with_proof(const char *solution, const char *status, double bound, double gap)
{
    cJSON *sol = parse(solution);
    if (status)
        cJSON_ReplaceItemInObjectCaseSensitive(sol, "status", cJSON_CreateString(status));
    if (!isnan(bound))
        set_num(sol, "bound", bound);
    if (!isnan(gap))
        set_num(sol, "gap", gap);
    return print_free(sol);
}

Test(verify, a_bound_above_the_objective_or_a_wrong_gap_is_caught)
{
    pair p = load_case("01_pipe_pays_or_not");
    cJSON *sol = parse(p.solution);
    double obj = num(sol, "objective");
    cJSON_Delete(sol);
    cr_assert_float_eq(obj, 11800, 1e-6); /* hand-derived: tests/cases/README.md */
    char *bad = with_proof(p.solution, NULL, obj + 100, NAN);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_rejected(&d, st, "bound", "above the objective");
    free(bad);
    /* a feasible network whose gap does not follow from its bound */
    bad = with_proof(p.solution, "feasible", 0.9 * obj, 0.2);
    st = verify(p.region, bad, &d);
    expect_only(&d, st, "gap", "expected 0.1");
    free(bad);
    /* the same with the right gap agrees: an unproven network is not an error */
    char *good = with_proof(p.solution, "feasible", 0.9 * obj, 0.1);
    st = verify(p.region, good, &d);
    print_diag("feasible", &d);
    cr_assert_eq(st, SN_OK);
    free(good);
    /* "optimal" without a gap tolerance must have its bound at the objective */
    bad = with_proof(p.solution, NULL, 0.9 * obj, 0.1);
    st = verify(p.region, bad, &d);
    expect_only(&d, st, "bound", "needs the bound to meet the objective");
    free(bad);
    pair_free(&p);
}

Test(verify, a_network_reported_as_infeasible_is_caught)
{
    pair p = load_case("01_pipe_pays_or_not");
    cJSON *sol = parse(p.solution);
    cJSON_ReplaceItemInObjectCaseSensitive(sol, "status", cJSON_CreateString("infeasible"));
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_rejected(&d, st, "status", "has no network");
    free(bad);
    pair_free(&p);
}

/* ---- infeasible verdicts and their proofs (docs/model.md 10.1) ------------------------- */

/* The certificate of 15: B's inflow and demand rows, each with multiplier 1 (B must take 50
 * MWh, nothing can arrive): by hand, lo = 1 * 0 + 1 * 50, hi = 0 (the delivery column a has
 * coefficient -1 + 1 = 0): margin 50. */
Test(verify, an_infeasible_verdict_carries_a_certificate_the_checker_recomputes)
{
    pair p = load_case("15_infeasible_unreachable");
    cJSON *sol = parse(p.solution);
    cJSON *inf = at(sol, "infeasibility");
    cr_assert_str_eq(at(inf, "proof")->valuestring, "certificate");
    cr_assert_float_eq(num(inf, "margin"), 50, 1e-9);
    cJSON_Delete(sol);
    sn_diag d;
    cr_assert_eq(verify(p.region, p.solution, &d), SN_OK);
    pair_free(&p);
}

Test(verify, an_infeasible_verdict_without_its_proof_is_rejected)
{
    pair p = load_case("15_infeasible_unreachable");
    cJSON *sol = parse(p.solution);
    cJSON_ReplaceItemInObjectCaseSensitive(sol, "infeasibility", cJSON_CreateNull());
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_only(&d, st, "infeasibility", "needs its proof");
    free(bad);
    pair_free(&p);
}

Test(verify, a_tampered_certificate_is_rejected)
{
    pair p = load_case("15_infeasible_unreachable");
    /* demand multiplier -1: the combined row now asks -50 <= 0, which a point meets */
    cJSON *sol = parse(p.solution);
    cJSON *rows = at(at(sol, "infeasibility"), "rows");
    int k = 0;
    while (strcmp(at(item(rows, k), "row")->valuestring, "demand") != 0)
        k++;
    set_num(item(rows, k), "multiplier", -1);
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_only(&d, st, "infeasibility.rows", "does not prove infeasibility");
    free(bad);

    /* a certificate of a feasible region: the same rows against 01, which has a network */
    pair q = load_case("01_pipe_pays_or_not");
    cJSON *s1 = parse(q.solution);
    cJSON_ReplaceItemInObjectCaseSensitive(s1, "status", cJSON_CreateString("infeasible"));
    cJSON_ReplaceItemInObjectCaseSensitive(s1, "links", cJSON_CreateArray());
    cJSON_ReplaceItemInObjectCaseSensitive(
        s1, "infeasibility",
        cJSON_Parse("{\"proof\": \"certificate\", \"margin\": 1, \"scale\": 1, \"rows\": "
                    "[{\"row\": \"budget\", \"multiplier\": 1},"
                    " {\"row\": \"supply\", \"node\": \"nobody\", \"resource\": \"heat\", "
                    "\"multiplier\": 1}]}"));
    bad = print_free(s1);
    st = verify(q.region, bad, &d);
    cr_assert_eq(st, SN_EINTERNAL);
    cr_assert(find_error(&d, "infeasibility.rows[0]", "no capital_budget") >= 0, "the budget row");
    cr_assert(find_error(&d, "infeasibility.rows[1]", "expected a facility") >= 0,
              "the unknown node");
    free(bad);
    pair_free(&q);
    pair_free(&p);
}

/* ---- the same network against a tightened region: only the tightened limit disagrees ---- */

Test(verify, a_broken_quality_limit_is_caught)
{
    pair p = load_case("07_quality_blend");
    /* the blend is 0.4 * 300 + 0.6 * 50 = 150 ppm, exactly the limit; lower it to 140 */
    cJSON *r = parse(p.region);
    cJSON *lim =
        at(at(item(at(item(at(r, "facilities"), 0), "demands"), 0), "quality"), "chloride_ppm");
    set_num(lim, "max", 140);
    char *tight = print_free(r);
    sn_diag d;
    sn_status st = verify(tight, p.solution, &d);
    expect_only(&d, st, "facilities[", "quality limit");
    cr_assert_not_null(strstr(d.errors[0].message, "chloride_ppm"), "the attribute is named");
    free(tight);
    pair_free(&p);
}

Test(verify, an_exceeded_budget_is_caught)
{
    pair p = load_case("10_capital_budget");
    cJSON *sol = parse(p.solution);
    double capital = num(sol, "capital");
    cJSON_Delete(sol);
    cr_assert_float_eq(capital, 18000, 1e-6); /* binding: tests/cases/README.md */
    cJSON *r = parse(p.region);
    set_num(at(r, "region"), "capital_budget", 17000);
    char *tight = print_free(r);
    sn_diag d;
    sn_status st = verify(tight, p.solution, &d);
    expect_only(&d, st, "capital", "capital budget");
    free(tight);
    pair_free(&p);
}

Test(verify, an_exceeded_emission_cap_is_caught)
{
    pair p = load_case("11_emission_cap");
    cJSON *r = parse(p.region);
    set_num(at(r, "region"), "co2_cap_t_per_yr", 99); /* the network emits exactly 100 */
    char *tight = print_free(r);
    sn_diag d;
    sn_status st = verify(tight, p.solution, &d);
    expect_only(&d, st, "co2_t_per_yr", "cap");
    free(tight);
    pair_free(&p);
}

Test(verify, a_link_over_its_pipe_capacity_is_caught)
{
    pair p = load_case("03_pipe_sizes");
    /* the 700 size carries 700; shrink every size by 10 % so that no size fits the flow */
    cJSON *r = parse(p.region);
    cJSON *sizes = at(at(item(at(r, "resources"), 0), "pipe"), "sizes");
    for (int i = 0; i < cJSON_GetArraySize(sizes); i++)
        set_num(item(sizes, i), "capacity", 0.9 * num(item(sizes, i), "capacity"));
    char *tight = print_free(r);
    sn_diag d;
    sn_status st = verify(tight, p.solution, &d);
    expect_rejected(&d, st, "links[0].size_capacity", "pipe sizes");
    free(tight);
    pair_free(&p);
}

Test(verify, a_hub_over_its_capacity_is_caught)
{
    pair p = load_case("05_hub_treatment");
    /* T processes all 1000 m3 on its 1000 option; claim the 500 option was built instead */
    cJSON *sol = parse(p.solution);
    cJSON *hub = item(at(sol, "hubs"), 0);
    cr_assert_float_eq(num(hub, "capacity"), 1000, 1e-9);
    set_num(hub, "capacity", 500);
    set_num(hub, "capital", 10000);
    set_num(hub, "fixed_opex", 200);
    char *bad = print_free(sol);
    sn_diag d;
    sn_status st = verify(p.region, bad, &d);
    expect_rejected(&d, st, "hubs[0].processed", "hub capacity (7.2)");
    free(bad);
    pair_free(&p);
}

Test(verify, a_demand_served_beyond_its_amount_is_caught)
{
    pair p = load_case("01_pipe_pays_or_not");
    cJSON *r = parse(p.region);
    /* B received 800; it now only wants 700 */
    set_num(item(at(item(at(r, "facilities"), 1), "demands"), 0), "amount", 700);
    char *tight = print_free(r);
    sn_diag d;
    sn_status st = verify(tight, p.solution, &d);
    expect_rejected(&d, st, "facilities[", "expected");
    free(tight);
    pair_free(&p);
}

Test(verify, a_malformed_solution_is_an_input_error_not_a_disagreement)
{
    pair p = load_case("01_pipe_pays_or_not");
    sn_diag d;
    sn_status st = verify(p.region, "{\"format\": \"symnet-solution/1\", \"status\": 3}", &d);
    print_diag("malformed", &d);
    cr_assert_eq(st, SN_EINPUT);
    cr_assert_gt(d.count, 0);
    st = verify(p.region, "{", &d);
    cr_assert_eq(st, SN_EINPUT);
    pair_free(&p);
}
