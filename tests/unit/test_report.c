/*
 * test_report.c - unit tests of src/report: the solution JSON, parsed back with cJSON, states
 * the status, objective, bound, gap, business as usual and savings, and its totals agree with
 * each other (savings = bau - objective, capital = links + hubs + corridors, cost breakdown
 * sums to the objective, every supply = sent + disposed, every demand = received + purchased,
 * waste diverted and virgin inputs replaced are positive and add up per resource);
 * the tutorial's hand-computed figures (docs/format.md) come out; the summary states the status
 * and the gap; and regions with must-take supplies and must-serve demands (no disposal or
 * purchase column), infeasible regions and unproven solutions are reported without a crash
 * (a heap overflow in snp_solution_value was found there; ASan runs this file). Numbers for
 * people (src/report/fmt.c): grouped, no exponent, in the summary of every shipped region; numbers
 * for programs (CSV) in plain notation that reads back exactly.
 */
#include "core/core_int.h"
#include "report/report_int.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <ctype.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct run {
    sn_instance *in;
    sn_model *m;
    sn_solution *s;
} run;

static void fail_diag(const char *what, const sn_diag *d)
{
    char buf[1200] = "(no diagnostic)";
    if (d->count > 0)
        sn_error_format(&d->errors[0], buf, sizeof buf);
    cr_assert_fail("%s failed: %s", what, buf);
}

/* time_limit_s < 0: |time_limit_s| without symnet's own search and cuts (a plain GLPK run
 * that cannot prove a hard region within the limit). */
static run solve_text(const char *doc, double time_limit_s)
{
    run r = {NULL, NULL, NULL};
    sn_diag d;
    sn_diag_init(&d);
    if (sn_instance_load_string(doc, strlen(doc), "rep.json", &r.in, &d) != SN_OK)
        fail_diag("load", &d);
    if (sn_model_build(r.in, SN_MODEL_NETWORK, &r.m, &d) != SN_OK)
        fail_diag("build", &d);
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = fabs(time_limit_s);
    if (time_limit_s < 0)
        p.search = p.cuts = 0;
    if (sn_solve(r.m, &p, &r.s, &d) != SN_OK)
        fail_diag("solve", &d);
    return r;
}

static void free_run(run *r)
{
    sn_solution_free(r->s);
    sn_model_free(r->m);
    sn_instance_free(r->in);
}

/* Writes a report to a temporary file and returns its text (caller frees). */
static char *capture(const run *r, int json)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    sn_status st = tu_write_report(r->in, r->m, r->s, json, f);
    cr_assert_eq(st, SN_OK, "report: %s", sn_status_name(st));
    long n = ftell(f);
    cr_assert_geq(n, 0);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static cJSON *report_json(const run *r)
{
    char *text = capture(r, 1);
    cJSON_InitHooks(NULL); /* the region parser installs symnet's allocator; use malloc */
    cJSON *root = cJSON_Parse(text);
    cr_assert_not_null(root, "the solution is not valid JSON:\n%s", text);
    free(text);
    return root;
}

static const cJSON *get(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    cr_assert_not_null(v, "missing key %s", k);
    return v;
}

static double num(const cJSON *o, const char *k)
{
    const cJSON *v = get(o, k);
    if (cJSON_IsNull(v))
        return NAN;
    cr_assert(cJSON_IsNumber(v), "%s is not a number", k);
    return v->valuedouble;
}

static void assert_close(double got, double want, double rel, const char *what)
{
    cr_assert_leq(fabs(got - want), rel * fmax(1, fabs(want)), "%s: %.12g, expected %.12g", what,
                  got, want);
}

/* Totals that must agree with each other in every report with a network. */
static void check_consistency(const cJSON *root)
{
    double obj = num(root, "objective");
    const cJSON *bau = get(root, "bau");
    if (cJSON_IsTrue(get(bau, "feasible")))
        assert_close(num(root, "savings"), num(bau, "cost") - obj, 1e-9, "savings = bau - obj");
    else
        cr_assert(isnan(num(root, "savings")), "no business as usual: no savings");
    const cJSON *cb = get(root, "cost_breakdown");
    assert_close(num(cb, "total"), obj, 1e-6, "cost breakdown total = objective");
    assert_close(num(cb, "disposal") + num(cb, "purchase") + num(cb, "capital_annualised") +
                     num(cb, "operating") + num(cb, "carbon"),
                 num(cb, "total"), 1e-9, "breakdown sums to its total");
    double capital = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, get(root, "links"))
    {
        capital += num(e, "capital");
        cr_assert_geq(num(e, "flow"), 0);
        cr_assert_leq(num(e, "delivered"), num(e, "flow") * (1 + 1e-12));
    }
    cJSON_ArrayForEach(e, get(root, "hubs")) capital += num(e, "capital");
    cJSON_ArrayForEach(e, get(root, "corridors")) capital += num(e, "capital");
    assert_close(num(root, "capital"), capital, 1e-9, "capital = links + hubs + corridors");
    cJSON_ArrayForEach(e, get(root, "facilities"))
    {
        const cJSON *x;
        cJSON_ArrayForEach(x, get(e, "supplies"))
        {
            double disposed = num(x, "disposed");
            assert_close(num(x, "sent") + (isnan(disposed) ? 0 : disposed), num(x, "amount"), 1e-6,
                         "supply = sent + disposed");
        }
        cJSON_ArrayForEach(x, get(e, "demands"))
        {
            double bought = num(x, "purchased");
            assert_close(num(x, "received") + (isnan(bought) ? 0 : bought), num(x, "amount"), 1e-6,
                         "demand = received + purchased");
        }
    }
}

/* docs/format.md, worked example (instances/tutorial.json without its notes). */
static const char tutorial[] =
    "{\"format\": \"symnet-region/1\",\n"
    " \"region\": {\"name\": \"Symnet tutorial valley\", \"coordinates\": \"planar_km\", "
    "\"currency\": \"EUR\", \"discount_rate\": 0.05, \"lifetime_yr\": 20, \"carbon_price\": 80},\n"
    " \"resources\": [\n"
    "  {\"id\": \"spent_grain\", \"unit\": \"t\", \"category\": \"material\", \"truck\": "
    "{\"cost_per_unit_km\": 0.2, "
    "\"co2_per_unit_km\": 0.0001, \"cost_per_trip\": 40, \"truck_capacity\": 25, \"detour\": "
    "1.25}},\n"
    "  {\"id\": \"heat\", \"unit\": \"MWh\", \"category\": \"energy\", \"pipe\": "
    "{\"civil_capital_per_km\": 300000, "
    "\"capital_per_km\": 200000, \"opex_per_unit_km\": 0.1, \"co2_per_unit_km\": 0.0001, "
    "\"loss_per_km\": 0.02, \"lifetime_yr\": 30, \"detour\": 1.25}}],\n"
    " \"facilities\": [\n"
    "  {\"id\": \"brewery\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"spent_grain\", "
    "\"amount\": 2000, \"disposal_cost\": 25, \"disposal_co2\": 0.2}]},\n"
    "  {\"id\": \"dairy_farm\", \"location\": [16, 12], \"demands\": [{\"resource\": "
    "\"spent_grain\", \"amount\": 1500, \"price\": 60, \"co2\": 0.1}]},\n"
    "  {\"id\": \"food_factory\", \"location\": [10, 0], \"supplies\": [{\"resource\": \"heat\", "
    "\"amount\": 8000, \"disposal_cost\": 0, \"disposal_co2\": 0}]},\n"
    "  {\"id\": \"greenhouse\", \"location\": [12.4, 3.2], \"demands\": [{\"resource\": \"heat\", "
    "\"amount\": 5400, \"price\": 50, \"co2\": 0.2}]},\n"
    "  {\"id\": \"leisure_centre\", \"location\": [10, 9.6], \"demands\": [{\"resource\": "
    "\"heat\", \"amount\": 1000, \"price\": 50, \"co2\": 0.2}]}]}\n";

static const cJSON *find_link(const cJSON *root, const char *from, const char *to)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, get(root, "links"))
    {
        if (strcmp(get(e, "from")->valuestring, from) == 0 &&
            strcmp(get(e, "to")->valuestring, to) == 0)
            return e;
    }
    return NULL;
}

Test(json, tutorial_figures_match_the_hand_calculation)
{
    run r = solve_text(tutorial, 60);
    cJSON *root = report_json(&r);
    cr_assert_str_eq(get(root, "format")->valuestring, "symnet-solution/1");
    cr_assert_str_eq(get(root, "status")->valuestring, "optimal");
    cr_assert_str_eq(get(root, "currency")->valuestring, "EUR");
    /* docs/format.md: 262,568.5877 EUR/yr; BAU 606,400; savings 343,831.41; capital 2.5 M;
     * emissions 306.75 t against 1830 */
    assert_close(num(root, "objective"), 262568.5877006914, 1e-9, "objective");
    assert_close(num(root, "bound"), num(root, "objective"), 1e-9, "bound of a proven optimum");
    cr_assert_leq(num(root, "gap"), 1e-9);
    const cJSON *bau = get(root, "bau");
    cr_assert(cJSON_IsTrue(get(bau, "feasible")));
    assert_close(num(bau, "cost"), 606400, 1e-12, "bau");
    assert_close(num(bau, "co2_t_per_yr"), 1830, 1e-12, "bau co2");
    assert_close(num(root, "savings"), 606400 - 262568.5877006914, 1e-9, "savings");
    assert_close(num(root, "capital"), 2500000, 1e-12, "capital");
    assert_close(num(root, "co2_t_per_yr"), 306.75, 1e-9, "co2");
    assert_close(num(root, "co2_avoided_t_per_yr"), 1830 - 306.75, 1e-9, "co2 avoided");
    cr_assert_eq(cJSON_GetArraySize(get(root, "links")), 2);
    const cJSON *truck = find_link(root, "brewery", "dairy_farm");
    cr_assert_not_null(truck);
    cr_assert_str_eq(get(truck, "mode")->valuestring, "truck");
    assert_close(num(truck, "length_km"), 25, 1e-12, "truck length");
    assert_close(num(truck, "flow"), 1500, 1e-9, "truck flow");
    assert_close(num(truck, "trips"), 60, 0, "trips");
    assert_close(num(truck, "annual_cost"), 10200, 1e-9, "truck cost");
    const cJSON *pipe = find_link(root, "food_factory", "greenhouse");
    cr_assert_not_null(pipe);
    assert_close(num(pipe, "length_km"), 5, 1e-12, "pipe length");
    assert_close(num(pipe, "flow"), 6000, 1e-9, "pipe sent");
    assert_close(num(pipe, "delivered"), 5400, 1e-9, "pipe delivered");
    assert_close(num(pipe, "capital"), 2500000, 1e-12, "pipe capital");
    assert_close(num(pipe, "annual_cost"), 165868.5877006914, 1e-9, "pipe cost");
    cr_assert_null(find_link(root, "food_factory", "leisure_centre"), "it never pays");
    cr_assert_eq(cJSON_GetArraySize(get(root, "hubs")), 0);
    cr_assert_eq(cJSON_GetArraySize(get(root, "corridors")), 0);
    const cJSON *brewery = cJSON_GetArrayItem(get(root, "facilities"), 0);
    const cJSON *sup = cJSON_GetArrayItem(get(brewery, "supplies"), 0);
    assert_close(num(sup, "sent"), 1500, 1e-9, "brewery sends");
    assert_close(num(sup, "disposed"), 500, 1e-9, "brewery composts");
    check_consistency(root);
    cJSON_Delete(root);
    free_run(&r);
}

Test(summary, states_status_costs_and_links)
{
    run r = solve_text(tutorial, 60);
    char *text = capture(&r, 0);
    const char *want[] = {
        "Symnet tutorial valley", "proven optimal", "606,400.00 EUR/yr", "262,568.59 EUR/yr",
        "343,831.41 EUR/yr", "\n    annualised capital ",
        "capital cost (undiscounted): 2,500,000.00 EUR (annualised capital "
        "above: 162,628.59 EUR/yr)",
        "1,500 t/yr  60 trips", "brewery -> dairy_farm", "food_factory -> greenhouse",
        /* the tutorial has energy and material resources, no water; the
         * money is derived in tests/unit/test_figures.c (tutorial_by_hand) */
        "energy recovered a year: 5,400 MWh\n", "waste diverted a year: 1,500 t\n",
        "net present value over 20 years: 3,811,611.05 EUR at 5%", "payback 4.9 years",
        "jobs: 22.3 construction job-years"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        cr_assert(strstr(text, want[i]), "the summary lacks \"%s\":\n%s", want[i], text);
    cr_assert_null(strstr(text, "-> leisure_centre"), "a link not built is listed:\n%s", text);
    cr_assert_null(strstr(text, "water saved"), "a category the region lacks:\n%s", text);
    free(text);
    free_run(&r);
}

/* Must-take supplies and must-serve demands: the model has no disposal or purchase column
 * for them, which every report must handle (regression: heap overflow). */
static const char must[] =
    "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"must\", \"coordinates\": "
    "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
    " \"resources\": [{\"id\": \"ash\", \"unit\": \"t\", \"truck\": {\"cost_per_unit_km\": 1}},"
    " {\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 100}}],"
    " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
    "\"ash\", \"amount\": 100}, {\"resource\": \"heat\", \"amount\": 50, \"disposal_cost\": 1}]},"
    " {\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"ash\", \"amount\": "
    "300, \"price\": 10}, {\"resource\": \"heat\", \"amount\": 40}]}]}";

Test(json, must_take_and_must_serve_are_reported)
{
    run r = solve_text(must, 60);
    cr_assert_eq(sn_solution_status_get(r.s), SN_SOL_OPTIMAL);
    /* A's 100 t of ash must go by truck (5 km * 1 = 5/t); B still buys 200 t at 10; B's 40 MWh
     * must come by pipe (5 km * 100 = 50/yr), A disposes of 10 at 1. */
    assert_close(sn_solution_objective(r.s), 500 + 2000 + 50 + 10, 1e-9, "objective");
    cJSON *root = report_json(&r);
    const cJSON *bau = get(root, "bau");
    cr_assert(cJSON_IsFalse(get(bau, "feasible")), "nothing-built is impossible here");
    cr_assert(isnan(num(bau, "cost")));
    cr_assert(isnan(num(root, "savings")));
    const cJSON *a = cJSON_GetArrayItem(get(root, "facilities"), 0);
    const cJSON *ash = cJSON_GetArrayItem(get(a, "supplies"), 0);
    assert_close(num(ash, "sent"), 100, 1e-9, "must-take: all sent");
    cr_assert(isnan(num(ash, "disposed")) || num(ash, "disposed") == 0, "nothing disposed");
    const cJSON *b = cJSON_GetArrayItem(get(root, "facilities"), 1);
    const cJSON *heat = cJSON_GetArrayItem(get(b, "demands"), 1);
    assert_close(num(heat, "received"), 40, 1e-9, "must-serve: all received");
    cr_assert(isnan(num(heat, "purchased")) || num(heat, "purchased") == 0, "nothing bought");
    check_consistency(root);
    cJSON_Delete(root);
    char *text = capture(&r, 0);
    cr_assert(strstr(text, "proven optimal"), "%s", text);
    cr_assert(strstr(text, "not possible"), "BAU must be said impossible:\n%s", text);
    free(text);
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_solution_check(r.in, r.m, r.s, &d), SN_OK);
    free_run(&r);
}

Test(json, infeasible_region_reports_and_explains)
{
    /* the must-serve heat demand is 5 km away but pipes reach only 4.5 */
    char doc[sizeof must + 64];
    snprintf(doc, sizeof doc, "%s", must);
    const char *from = "\"capital_per_km\": 100}", *to = "\"max_km\": 4.5}";
    char *p = strstr(doc, from);
    cr_assert_not_null(p);
    memset(p, ' ', strlen(from));
    memcpy(p, to, strlen(to));
    run r = solve_text(doc, 60);
    cr_assert_eq(sn_solution_status_get(r.s), SN_SOL_INFEASIBLE);
    cJSON *root = report_json(&r);
    cr_assert_str_eq(get(root, "status")->valuestring, "infeasible");
    cr_assert(isnan(num(root, "objective")));
    cr_assert(isnan(num(root, "capital")));
    cr_assert_eq(cJSON_GetArraySize(get(root, "links")), 0);
    cJSON_Delete(root);
    char *text = capture(&r, 0);
    cr_assert(strstr(text, "infeasible"), "%s", text);
    free(text);
    /* the elastic models name the demand that cannot be met */
    sn_model *el = NULL, *un = NULL;
    sn_solution *se = NULL, *su = NULL;
    sn_diag d;
    sn_diag_init(&d);
    sn_params prm;
    sn_params_init(&prm);
    cr_assert_eq(sn_model_build(r.in, SN_MODEL_ELASTIC, &el, &d), SN_OK);
    cr_assert_eq(sn_model_build(r.in, SN_MODEL_ELASTIC_UNCAPPED, &un, &d), SN_OK);
    cr_assert_eq(sn_solve(el, &prm, &se, &d), SN_OK);
    cr_assert_eq(sn_solve(un, &prm, &su, &d), SN_OK);
    FILE *f = tmpfile();
    sn_result *re = NULL, *ru = NULL;
    cr_assert_eq(sn_result_build(r.in, el, se, &re, &d), SN_OK);
    cr_assert_eq(sn_result_build(r.in, un, su, &ru, &d), SN_OK);
    cr_assert_eq(sn_report_write_infeasibility(re, ru, f), SN_OK);
    sn_result_free(re);
    sn_result_free(ru);
    long n = ftell(f);
    rewind(f);
    char buf[4096] = "";
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    buf[got] = '\0';
    fclose(f);
    cr_assert_gt(n, 0);
    cr_assert(strstr(buf, "facilities[1].demands[1]"), "the demand's JSON path:\n%s", buf);
    cr_assert(strstr(buf, "no network can deliver"), "%s", buf);
    /* out of memory while explaining: SN_ENOMEM, nothing leaked, never a crash */
    long live0 = snp_alloc_live();
    for (long k = 1;; k++) {
        FILE *g = tmpfile();
        cr_assert_not_null(g);
        snp_alloc_fail_at(k);
        sn_result *a = NULL, *b = NULL;
        sn_status st = sn_result_build(r.in, el, se, &a, NULL);
        if (st == SN_OK)
            st = sn_result_build(r.in, un, su, &b, NULL);
        if (st == SN_OK)
            st = sn_report_write_infeasibility(a, b, g);
        long used = snp_alloc_count();
        sn_result_free(a);
        sn_result_free(b);
        snp_alloc_fail_at(0);
        fclose(g);
        cr_assert_eq(snp_alloc_live(), live0, "allocation %ld failed: leaked", k);
        if (st == SN_OK) {
            cr_assert_lt(used, k, "allocation %ld failed but the explanation succeeded", k);
            break;
        }
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld: %s", k, sn_status_name(st));
        cr_assert_lt(k, 100000);
    }
    sn_solution_free(se);
    sn_solution_free(su);
    sn_model_free(el);
    sn_model_free(un);
    free_run(&r);
}

Test(summary, unproven_solution_says_so_with_its_gap)
{
    char *doc = tu_fctp_region(20, 20, 999); /* GLPK cannot prove it in a fraction of a second */
    run r = solve_text(doc, -0.5);
    free(doc);
    sn_solution_status st = sn_solution_status_get(r.s);
    cr_assert(st == SN_SOL_FEASIBLE || st == SN_SOL_NO_SOLUTION, "status %s",
              sn_solution_status_name(st));
    char *text = capture(&r, 0);
    cJSON *root = report_json(&r);
    if (st == SN_SOL_FEASIBLE) {
        cr_assert(strstr(text, "NOT proven optimal"), "%s", text);
        cr_assert(strstr(text, "time limit"), "%s", text);
        cr_assert_str_eq(get(root, "status")->valuestring, "feasible");
        double gap = num(root, "gap"), obj = num(root, "objective"), bound = num(root, "bound");
        if (!isnan(gap)) {
            cr_assert(strstr(text, "gap "), "%s", text);
            cr_assert_geq(gap, 0);
            assert_close(gap, (obj - bound) / fabs(obj), 1e-6, "gap");
        }
        check_consistency(root);
    } else {
        cr_assert(strstr(text, "no network found"), "%s", text);
        cr_assert_str_eq(get(root, "status")->valuestring, "no_solution");
    }
    cJSON_Delete(root);
    free(text);
    free_run(&r);
}

static const char rich[] =
    "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"rich\", \"coordinates\": "
    "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0.05, \"lifetime_yr\": 20, "
    "\"carbon_price\": 50},"
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

Test(json, totals_agree_with_hubs_corridors_and_blends)
{
    run r = solve_text(rich, 60);
    cr_assert_eq(sn_solution_status_get(r.s), SN_SOL_OPTIMAL);
    cJSON *root = report_json(&r);
    check_consistency(root);
    cr_assert_geq(cJSON_GetArraySize(get(root, "hubs")), 1, "the digester pays");
    cr_assert_geq(cJSON_GetArraySize(get(root, "corridors")), 1, "the corridor is used");
    /* the blend delivered to C meets its chloride limit: sum cl * a <= 60 * sum a */
    const cJSON *c = cJSON_GetArrayItem(get(root, "facilities"), 2);
    const cJSON *dem = cJSON_GetArrayItem(get(c, "demands"), 0);
    double total = 0, cl = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, get(dem, "deliveries"))
    {
        const char *origin = get(e, "origin")->valuestring;
        double q = strcmp(origin, "A") == 0 ? 40 : 90;
        total += num(e, "amount");
        cl += q * num(e, "amount");
    }
    cr_assert_gt(total, 0);
    cr_assert_leq(cl / total, 60 + 1e-6, "blend at C: %.6f ppm", cl / total);
    assert_close(total, num(dem, "received"), 1e-6, "deliveries add up to what is received");
    cJSON_Delete(root);
    free_run(&r);
}

/* Sum over the region's supplies (demands) of `res` that have a disposal option (a price) of
 * `what` ("sent" or "received") as the solution's facilities report it. */
static double region_sum(const cJSON *region, const cJSON *sol, const char *side,
                         const char *option, const char *res, const char *what)
{
    double total = 0;
    const cJSON *rf, *sf;
    cJSON_ArrayForEach(rf, get(region, "facilities"))
    {
        const char *fid = get(rf, "id")->valuestring;
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(rf, side), *x;
        cJSON_ArrayForEach(x, list)
        {
            if (strcmp(get(x, "resource")->valuestring, res) != 0 ||
                !cJSON_GetObjectItemCaseSensitive(x, option))
                continue;
            cJSON_ArrayForEach(sf, get(sol, "facilities"))
            {
                if (strcmp(get(sf, "id")->valuestring, fid) != 0)
                    continue;
                const cJSON *y;
                cJSON_ArrayForEach(y, get(sf, side)) if (strcmp(get(y, "resource")->valuestring,
                                                                res) == 0) total += num(y, what);
            }
        }
    }
    return total;
}

/* waste_diverted and virgin_replaced list, per resource, what supplies with a disposal option
 * send and what demands with a price receive, and only resources where that is positive:
 * willapa_harbor and columbia_corridor once listed -4.5e-13 t of fish waste diverted and
 * -7.3e-12 t of digestate replaced (amount - disposed when all of it is disposed of). */
Test(json, waste_diverted_and_virgin_replaced_are_positive_and_add_up)
{
    const char *files[] = {"instances/willapa_harbor.json", "instances/columbia_corridor.json",
                           "instances/tutorial.json", "tests/cases/ok/08_quality_junction.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len;
        char *text = tu_read_file(files[i], &len);
        cr_assert_not_null(text, "cannot read %s (run from the repository root)", files[i]);
        run r = solve_text(text, 60);
        cr_assert_eq(sn_solution_status_get(r.s), SN_SOL_OPTIMAL, "%s", files[i]);
        cJSON *root = report_json(&r);
        cJSON *region = cJSON_Parse(text);
        cr_assert_not_null(region);
        const char *keys[2] = {"waste_diverted", "virgin_replaced"};
        for (int k = 0; k < 2; k++) {
            const cJSON *res;
            int listed = 0;
            cJSON_ArrayForEach(res, get(region, "resources"))
            {
                const char *id = get(res, "id")->valuestring;
                double want =
                    k == 0 ? region_sum(region, root, "supplies", "disposal_cost", id, "sent")
                           : region_sum(region, root, "demands", "price", id, "received");
                const cJSON *e, *hit = NULL;
                cJSON_ArrayForEach(
                    e, get(root, keys[k])) if (strcmp(get(e, "resource")->valuestring, id) == 0)
                    hit = e;
                if (hit) {
                    listed++;
                    cr_assert_gt(num(hit, "amount"), 0, "%s: %s lists %s with %.17g", files[i],
                                 keys[k], id, num(hit, "amount"));
                    assert_close(num(hit, "amount"), want, 1e-9, keys[k]);
                    cr_assert_str_eq(get(hit, "unit")->valuestring, get(res, "unit")->valuestring);
                } else {
                    cr_assert_leq(fabs(want), 1e-9 * fmax(1, fabs(want)) + 1e-6,
                                  "%s: %s omits %s, but %.17g was", files[i], keys[k], id, want);
                }
            }
            cr_assert_eq(listed, cJSON_GetArraySize(get(root, keys[k])),
                         "%s: %s: unknown resources", files[i], keys[k]);
        }
        cJSON_Delete(region);
        cJSON_Delete(root);
        free_run(&r);
        free(text);
    }
}

/* ---- numbers for people and for programs (src/report/fmt.c, STYLE.md 12) ------------------- */

Test(numbers, for_people_are_grouped_without_exponent)
{
    char b[64];
    cr_assert_str_eq(snp_fmt_money(b, sizeof b, 1096011.95, 0), "1,096,011.95");
    cr_assert_str_eq(snp_fmt_money(b, sizeof b, -14444092.594, 0), "-14,444,092.59");
    cr_assert_str_eq(snp_fmt_money(b, sizeof b, -0.001, 0), "0.00", "no -0.00");
    cr_assert_str_eq(snp_fmt_money(b, sizeof b, 120000, 1), "+120,000.00");
    cr_assert_str_eq(snp_fmt_money(b, sizeof b, NAN, 0), "-");
    cr_assert_str_eq(snp_fmt_amount(b, sizeof b, 2124350), "2,124,350");
    cr_assert_str_eq(snp_fmt_amount(b, sizeof b, 2124350.0000001), "2,124,350", "noise");
    cr_assert_str_eq(snp_fmt_amount(b, sizeof b, 6e6), "6,000,000");
    cr_assert_str_eq(snp_fmt_amount(b, sizeof b, 30095.714), "30,095.71");
    cr_assert_str_eq(snp_fmt_amount(b, sizeof b, 999.5), "999.50");
    cr_assert_str_eq(snp_fmt_amount(b, sizeof b, 0.5), "0.5");
    cr_assert_str_eq(snp_fmt_amount(b, sizeof b, 0.012345), "0.0123");
    cr_assert_str_eq(snp_fmt_amount(b, sizeof b, -4.5e-13), "0", "solver noise reads as 0");
    cr_assert_str_eq(snp_fmt_amount(b, sizeof b, 1e15), "1,000,000,000,000,000");
    cr_assert_str_eq(snp_fmt_number(b, sizeof b, -100, 0, 1), "-100");
    cr_assert_str_eq(snp_fmt_number(b, sizeof b, 1234.5, 1, 1), "+1,234.5");
    cr_assert_str_eq(snp_fmt_number(b, sizeof b, INFINITY, 1, 1), "n/a");
}

Test(numbers, for_programs_round_trip_in_plain_notation)
{
    char b[64];
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, 2.5e6), "2500000");
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, 2124350), "2124350");
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, 0.000125), "0.000125");
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, -1234.5), "-1234.5");
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, 5999.999999999999), "5999.999999999999");
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, 1e20), "100000000000000000000");
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, -0.0), "0");
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, 1e21), "1e+21", "the exponent stays from 1e21");
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, 4.5e-16), "4.5e-16", "and below 1e-15");
    cr_assert_str_eq(snp_fmt_plain(b, sizeof b, NAN), "null");
    /* every double of every magnitude symnet meets reads back exactly, without exponent in
     * 1e-15 .. 1e21: a deterministic sweep of mantissas and exponents */
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double mant = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
        int e10 = (int)(x % 41) - 18;                         /* 1e-18 .. 1e22 */
        double v = (i % 2 ? -1 : 1) * mant * pow(10, e10);
        if (i % 7 == 0)
            v = round(v); /* whole numbers, as most amounts are */
        snp_fmt_plain(b, sizeof b, v);
        cr_assert(strtod(b, NULL) == v, "%.17g written as %s", v, b);
        if (v == 0 || (fabs(v) >= 1e-15 && fabs(v) < 1e21))
            cr_assert(strpbrk(b, "eE") == NULL, "%.17g written as %s", v, b);
    }
}

/* "2.12435e+06", "6e+06": digits, an e and an exponent. */
static int has_exponent(const char *t)
{
    size_t k = strspn(t, "0123456789.");
    if (k == 0 || (t[k] != 'e' && t[k] != 'E'))
        return 0;
    k += (t[k + 1] == '+' || t[k + 1] == '-') ? 2 : 1;
    return isdigit((unsigned char)t[k]);
}

/* A token of the summary that is a number ("2,124,350", "-1,608,938.22", "0.17") has its
 * thousands grouped and no exponent; ids and words ("co2_gas", "2020s") are not numbers. */
static void assert_for_people(const char *text, const char *file)
{
    const char *line = strchr(text, '\n'); /* the first line is the region's name */
    for (const char *p = line ? line : text; *p;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        const char *start = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - start);
        char tok[128];
        if (n == 0 || n >= sizeof tok)
            continue;
        memcpy(tok, start, n);
        tok[n] = '\0';
        while (n > 0 && strchr(",;:)", tok[n - 1])) /* "1,500 t spent_grain," "1,830;" */
            tok[--n] = '\0';
        const char *t = tok[0] == '(' ? tok + 1 : tok;
        t += (*t == '-' || *t == '+');
        if (!isdigit((unsigned char)*t))
            continue;
        cr_assert(!has_exponent(t), "%s: \"%s\" has an exponent", file, tok);
        if (strspn(t, "0123456789,.") != strlen(t))
            continue; /* an id or a word that starts with a digit */
        /* the integer part: groups of 3 digits between commas, the first of 1 to 3 */
        size_t int_len = strcspn(t, "."), group = 0, groups = 0;
        for (size_t k = 0; k <= int_len; k++) {
            if (k == int_len || t[k] == ',') {
                cr_assert(groups == 0 ? group >= 1 && group <= 3 : group == 3,
                          "%s: \"%s\" is not grouped by thousands", file, tok);
                groups++;
                group = 0;
            } else {
                group++;
            }
        }
    }
}

Test(numbers, the_summary_of_every_shipped_region_is_for_people, .timeout = 300)
{
    glob_t gl;
    cr_assert_eq(glob("instances/*.json", 0, NULL, &gl), 0, "no instances/*.json");
    for (size_t i = 0; i < gl.gl_pathc; i++) {
        run r = {NULL, NULL, NULL};
        sn_diag d;
        sn_diag_init(&d);
        if (sn_instance_load_file(gl.gl_pathv[i], &r.in, &d) != SN_OK)
            fail_diag(gl.gl_pathv[i], &d);
        if (sn_model_build(r.in, SN_MODEL_NETWORK, &r.m, &d) != SN_OK)
            fail_diag("build", &d);
        sn_params p;
        sn_params_init(&p);
        p.time_limit_s = 20;
        if (sn_solve(r.m, &p, &r.s, &d) != SN_OK)
            fail_diag("solve", &d);
        char *text = capture(&r, 0);
        cr_assert(strstr(text, "capital cost (undiscounted): "), "%s:\n%s", gl.gl_pathv[i], text);
        cr_assert(strstr(text, "    annualised capital "), "%s:\n%s", gl.gl_pathv[i], text);
        assert_for_people(text, gl.gl_pathv[i]);
        free(text);
        free_run(&r);
    }
    globfree(&gl);
}
