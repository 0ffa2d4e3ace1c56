/*
 * test_result.c - the result object (src/result/, sn_result) and the one workflow (sn_run).
 *
 * - Every hand case of tests/cases/ok/ run through sn_run: the result's cost equals the
 *   solver's objective and the .expect file's, its built links and hubs are those the .expect
 *   file counts, and the JSON written from it passes the independent checker.
 * - The same result read several times gives the same bytes (reports are read-only writers).
 * - An infeasible case carries the elastic results that explain it; a feasible one none.
 * - --fair through sn_run records the unconstrained optimum.
 */
#include "result/result_int.h"
#include "symnet.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OK_DIR "tests/cases/ok/"

static sn_instance *load(const char *path)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_file(path, &in, &d), SN_OK, "%s does not load", path);
    return in;
}

/* The value after `key ` in an .expect file, or NAN. */
static double expect_value(const char *name, const char *key)
{
    char path[256];
    snprintf(path, sizeof path, OK_DIR "%s.expect", name);
    char *text = tu_read_file(path, NULL);
    cr_assert_not_null(text, "%s", path);
    double v = NAN;
    size_t n = strlen(key);
    for (char *line = text; line && *line;
         line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, key, n) == 0 && line[n] == ' ')
            v = strtod(line + n + 1, NULL);
    free(text);
    return v;
}

static char *json_of(const sn_result *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    cr_assert_eq(sn_report_write_json(r, f), SN_OK);
    cr_assert_eq(fclose(f), 0);
    return text;
}

Test(result, every_hand_case_through_the_workflow)
{
    static const char *const cases[] = {
        "01_pipe_pays_or_not", "02_truck_trips",          "03_pipe_sizes",
        "04_pipe_loss",        "05_hub_treatment",        "06_corridor_shared",
        "07_quality_blend",    "08_quality_junction",     "09_substitute_ratio",
        "10_capital_budget",   "11_emission_cap",         "12_forced_link",
        "13_forbidden_link",   "14_must_serve_must_take", "17_corridor_default_length"};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char path[256];
        snprintf(path, sizeof path, OK_DIR "%s.json", cases[k]);
        sn_instance *in = load(path);
        sn_params p;
        sn_params_init(&p);
        sn_diag d;
        sn_diag_init(&d);
        sn_result *r = NULL;
        cr_assert_eq(sn_run(in, &p, &r, &d), SN_OK, "%s", cases[k]);
        const sn_solution *s = sn_result_solution(r);
        cr_assert_eq(sn_solution_status_get(s), SN_SOL_OPTIMAL, "%s", cases[k]);
        double obj = sn_solution_objective(s), want = expect_value(cases[k], "objective");
        cr_expect(fabs(r->g.cost.total - obj) <= 1e-6 * fmax(1, fabs(obj)),
                  "%s: result cost %.10g, objective %.10g", cases[k], r->g.cost.total, obj);
        if (isfinite(want))
            cr_expect(fabs(obj - want) <= 1e-6 * fmax(1, fabs(want)), "%s: %.10g, expected %.10g",
                      cases[k], obj, want);
        double links = expect_value(cases[k], "links"), hubs = expect_value(cases[k], "hubs");
        if (isfinite(links))
            cr_expect_eq(r->g.n_links, (int)links, "%s: links", cases[k]);
        int nh = 0;
        for (int h = 0; h < sn_result_instance(r)->n_hubs; h++)
            nh += r->g.hub_size[h] >= 0;
        if (isfinite(hubs))
            cr_expect_eq(nh, (int)hubs, "%s: hubs", cases[k]);
        cr_expect_null(sn_result_explanation(r, 0), "%s: a feasible case has no explanation",
                       cases[k]);
        /* the result is read-only: two writes, the same bytes, and the checker agrees */
        char *a = json_of(r), *b = json_of(r);
        cr_expect_str_eq(a, b, "%s: two writes of one result differ", cases[k]);
        sn_diag_init(&d);
        cr_expect_eq(sn_solution_verify_string(in, a, strlen(a), "solution.json", &d), SN_OK,
                     "%s: the checker rejects the JSON written from the result", cases[k]);
        free(a);
        free(b);
        sn_result_free(r);
        sn_instance_free(in);
    }
}

Test(result, an_infeasible_case_carries_its_explanation)
{
    sn_instance *in = load(OK_DIR "16_infeasible_integer_only.json");
    sn_params p;
    sn_params_init(&p);
    sn_diag d;
    sn_diag_init(&d);
    sn_result *r = NULL;
    cr_assert_eq(sn_run(in, &p, &r, &d), SN_OK);
    cr_assert_eq(sn_solution_status_get(sn_result_solution(r)), SN_SOL_INFEASIBLE);
    const sn_result *el = sn_result_explanation(r, 0), *un = sn_result_explanation(r, 1);
    cr_assert_not_null(el);
    cr_assert_not_null(un);
    /* by hand (notes of 16), violations weighted by their requirement's size: the 200 t option
     * overruns the 600 EUR budget by 400 (400/600 = 0.67), the 100 t option leaves 50 of 150 t
     * untaken (50/150 = 0.33): the closest network leaves 50 t; without the budget nothing is
     * violated */
    cr_expect_float_eq(snp_result_violation(el, SNP_SLACK_SUPPLY, 0, 0), 50, 1e-6);
    cr_expect_float_eq(snp_result_violation(el, SNP_SLACK_BUDGET, -1, -1), 0, 1e-9);
    cr_expect_float_eq(snp_result_violation(un, SNP_SLACK_SUPPLY, 0, 0), 0, 1e-9);
    FILE *f = tmpfile();
    cr_assert_eq(sn_report_write_infeasibility(el, un, f), SN_OK);
    fclose(f);
    sn_result_free(r);
    sn_instance_free(in);
}

Test(result, fair_through_the_workflow_states_the_unconstrained_optimum)
{
    sn_instance *in = load("tests/cases/outputs/fair_three.json");
    sn_params p;
    sn_params_init(&p);
    p.fair = 1;
    sn_diag d;
    sn_diag_init(&d);
    sn_result *r = NULL;
    cr_assert_eq(sn_run(in, &p, &r, &d), SN_OK);
    const sn_solution *s = sn_result_solution(r);
    cr_assert(s->has_unconstrained, "the unconstrained optimum is recorded");
    cr_expect(s->objective >= s->unconstrained_objective - 1e-6 * fabs(s->objective),
              "fairness cannot make the region cheaper: %.10g < %.10g", s->objective,
              s->unconstrained_objective);
    cr_expect(r->negotiated, "the fair model chose the split");
    sn_result_free(r);
    sn_instance_free(in);
}

/* README.md's library example, compiled against the library this test was built with and run
 * (jq's mantest habit): it must print the tutorial's proven optimum. */
Test(result, the_readme_library_example_compiles_and_runs)
{
    char *readme = tu_read_file("README.md", NULL);
    cr_assert_not_null(readme);
    char *start = strstr(readme, "```c\n");
    cr_assert_not_null(start, "README.md has no C example");
    start += 5;
    char *end = strstr(start, "```");
    cr_assert_not_null(end);
    *end = '\0';
    char exe[512], dir[64], src[128], bin[128], out[128], cmd[2048];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    cr_assert(n > 0);
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0'; /* BUILD/tests */
    *strrchr(exe, '/') = '\0'; /* BUILD */
    tu_make_tmpdir(dir, sizeof dir, "readme");
    snprintf(src, sizeof src, "%s/example.c", dir);
    snprintf(bin, sizeof bin, "%s/example", dir);
    snprintf(out, sizeof out, "%s/out.txt", dir);
    FILE *f = fopen(src, "w");
    cr_assert_not_null(f);
    fprintf(f, "#include \"symnet.h\"\n\nint main(void)\n{\n%sreturn 0;\n}\n", start);
    cr_assert_eq(fclose(f), 0);
    free(readme);
    snprintf(cmd, sizeof cmd,
             "cc -std=c11 -Wall -Werror %s -Iinclude -o %s %s %s/libsymnet.a -lglpk -lcjson -lm "
             "&& %s > %s",
             strstr(exe, "asan") ? "-fsanitize=address,undefined" : "", bin, src, exe, bin, out);
    int rc = system(cmd);
    cr_assert_eq(rc, 0, "the README example did not compile or run: %s", cmd);
    char *text = tu_read_file(out, NULL);
    cr_assert_not_null(text);
    cr_expect(strstr(text, "status: proven optimal") != NULL, "%s", text);
    cr_expect(strstr(text, "262,568.59") != NULL, "the tutorial's optimum (docs/format.md):\n%s",
              text);
    free(text);
    tu_remove_tmpdir(dir);
}

/* ---- the accessors of symnet.h (src/result/access.c, issue 13) ---------------------------- */

static sn_result *run_file(sn_instance *in)
{
    sn_params p;
    sn_params_init(&p);
    sn_diag d;
    sn_diag_init(&d);
    sn_result *r = NULL;
    cr_assert_eq(sn_run(in, &p, &r, &d), SN_OK);
    return r;
}

/* The built link called id, or fails the test. */
static sn_link_info link_named(const sn_result *r, const char *id)
{
    sn_link_info l;
    for (int i = 0; i < sn_result_link_count(r); i++) {
        cr_assert_eq(sn_result_link(r, i, &l), SN_OK);
        if (strcmp(l.id, id) == 0)
            return l;
    }
    cr_assert_fail("no built link %s", id);
    return l;
}

/* Money to the cent, other figures to 1e-9 relative. */
#define EXPECT_MONEY(got, want) cr_expect_float_eq((got), (want), 0.01, "%s", #got)
#define EXPECT_NUM(got, want)                                                                      \
    cr_expect_float_eq((got), (want), 1e-9 * fmax(1, fabs((double)(want))), "%s", #got)

/* instances/tutorial.json against docs/format.md "Worked example": optimum 262,568.5877 EUR/yr
 * (the pipe's 2,500,000 EUR at CRF(5 %, 30 yr) = 0.0650514351 is 162,628.5877, pumping 3,240,
 * the truck 7,800 + 60 trips * 40, the brewery's other 500 t composted at 41, the leisure
 * centre's gas 66,000), BAU 606,400, emissions 306.75 t against 1830. */
Test(result, accessors_give_the_tutorial_by_hand)
{
    sn_instance *in = load("instances/tutorial.json");
    sn_result *r = run_file(in);
    cr_assert_eq(sn_solution_status_get(sn_result_solution(r)), SN_SOL_OPTIMAL);
    cr_expect_str_eq(sn_result_currency(r), "EUR");
    EXPECT_MONEY(sn_result_objective(r), 262568.5877);
    EXPECT_MONEY(sn_result_bau(r), 606400);
    EXPECT_MONEY(sn_result_savings(r), 606400 - 262568.5877);
    EXPECT_MONEY(sn_result_capital(r), 2500000);
    EXPECT_NUM(sn_result_bau_co2_t_per_yr(r), 1830);
    EXPECT_NUM(sn_result_co2_t_per_yr(r), 306.75);
    EXPECT_NUM(sn_result_co2_avoided_t_per_yr(r), 1830 - 306.75);

    cr_assert_eq(sn_result_link_count(r), 2);
    sn_link_info t = link_named(r, "brewery/dairy_farm/spent_grain/truck");
    cr_expect_str_eq(t.from, "brewery");
    cr_expect_str_eq(t.to, "dairy_farm");
    cr_expect_str_eq(t.resource, "spent_grain");
    cr_expect_str_eq(t.unit, "t");
    cr_expect_str_eq(t.mode, "truck");
    EXPECT_NUM(t.length_km, 25); /* 20 km straight, detour 1.25 */
    EXPECT_NUM(t.flow, 1500);
    EXPECT_NUM(t.delivered, 1500);
    EXPECT_MONEY(t.capital, 0);
    EXPECT_MONEY(t.annual_cost, 10200); /* 1500 t * 25 km * 0.208 + 60 trips * 40 */
    sn_link_info p = link_named(r, "food_factory/greenhouse/heat/pipe");
    cr_expect_str_eq(p.from, "food_factory");
    cr_expect_str_eq(p.to, "greenhouse");
    cr_expect_str_eq(p.resource, "heat");
    cr_expect_str_eq(p.unit, "MWh");
    cr_expect_str_eq(p.mode, "pipe");
    EXPECT_NUM(p.length_km, 5);
    EXPECT_NUM(p.flow, 6000); /* 5400 / (1 - 0.02 * 5) */
    EXPECT_NUM(p.delivered, 5400);
    EXPECT_MONEY(p.capital, 2500000);
    EXPECT_MONEY(p.annual_cost, 162628.5877 + 3240);

    /* no hubs; indices out of range are usage errors that leave *out alone */
    cr_expect_eq(sn_result_hub_count(r), 0);
    sn_hub_info h = {.id = "untouched"};
    cr_expect_eq(sn_result_hub(r, 0, &h), SN_EUSAGE);
    cr_expect_str_eq(h.id, "untouched");
    sn_link_info l = {.id = "untouched"};
    cr_expect_eq(sn_result_link(r, 2, &l), SN_EUSAGE);
    cr_expect_eq(sn_result_link(r, -1, &l), SN_EUSAGE);
    cr_expect_eq(sn_result_link(r, 0, NULL), SN_EUSAGE);
    cr_expect_eq(sn_result_link(NULL, 0, &l), SN_EUSAGE);
    cr_expect_str_eq(l.id, "untouched");
    sn_result_free(r);
    sn_instance_free(in);
}

/* tests/cases/ok/05_hub_treatment.json (its notes): r = 0 and 10-year lives, so CRF 0.1. The
 * large hub option: 1600 + 400 fixed opex + 0.5 * 1000 processed + 200 m3 of treated water not
 * shipped * 1 = 2700 per year; pipes A->T 2 km * 500 = 1000 (100/yr), T->B 3 km = 1500
 * (150/yr). Total 2950, BAU 5800, capital 16000 + 2500. */
Test(result, accessors_give_a_hub_by_hand)
{
    sn_instance *in = load(OK_DIR "05_hub_treatment.json");
    sn_result *r = run_file(in);
    EXPECT_MONEY(sn_result_objective(r), 2950);
    EXPECT_MONEY(sn_result_bau(r), 5800);
    EXPECT_MONEY(sn_result_savings(r), 2850);
    EXPECT_MONEY(sn_result_capital(r), 18500);
    EXPECT_NUM(sn_result_co2_t_per_yr(r), 0);
    EXPECT_NUM(sn_result_co2_avoided_t_per_yr(r), 0);
    cr_assert_eq(sn_result_hub_count(r), 1);
    sn_hub_info h;
    cr_assert_eq(sn_result_hub(r, 0, &h), SN_OK);
    cr_expect_str_eq(h.id, "T");
    cr_expect_str_eq(h.kind, "water treatment");
    EXPECT_NUM(h.capacity, 1000);
    EXPECT_MONEY(h.capital, 16000);
    EXPECT_MONEY(h.annual_cost, 2700);
    cr_expect_eq(sn_result_hub(r, 1, &h), SN_EUSAGE);
    cr_assert_eq(sn_result_link_count(r), 2);
    sn_link_info in_ = link_named(r, "A/T/wastewater/pipe");
    EXPECT_NUM(in_.flow, 1000);
    EXPECT_MONEY(in_.capital, 1000);
    EXPECT_MONEY(in_.annual_cost, 100);
    sn_link_info out = link_named(r, "T/B/treated_water/pipe");
    cr_expect_str_eq(out.resource, "treated_water");
    EXPECT_NUM(out.length_km, 3);
    EXPECT_NUM(out.flow, 700);
    EXPECT_MONEY(out.capital, 1500);
    EXPECT_MONEY(out.annual_cost, 150);
    /* the parts add up to the whole: no facility disposes or buys anything */
    EXPECT_MONEY(h.annual_cost + in_.annual_cost + out.annual_cost, sn_result_objective(r));
    EXPECT_MONEY(h.capital + in_.capital + out.capital, sn_result_capital(r));
    sn_result_free(r);
    sn_instance_free(in);
}

/* An explicit link's own id (here given with --set), not FROM/TO/RESOURCE/MODE; 12's notes:
 * 500 fixed + 2000 * CRF(5 %, 4 yr) 0.2820118326 + 100 t * 0.5 = 1114.0237. */
Test(result, accessors_name_an_explicit_link_by_its_id)
{
    sn_edits *e = NULL;
    cr_assert_eq(sn_edits_create(&e), SN_OK);
    cr_assert_eq(sn_edits_add(e, SN_EDIT_SET, "links[0].id=slag_pipe"), SN_OK);
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_file_edited(OK_DIR "12_forced_link.json", e, &in, NULL, &d),
                 SN_OK);
    sn_edits_free(e);
    sn_result *r = run_file(in);
    cr_assert_eq(sn_result_link_count(r), 1);
    sn_link_info l = link_named(r, "slag_pipe");
    cr_expect_str_eq(l.from, "A");
    cr_expect_str_eq(l.to, "B");
    EXPECT_MONEY(l.annual_cost, 1114.0237);
    EXPECT_MONEY(l.capital, 2000);
    sn_result_free(r);
    sn_instance_free(in);
}

/* What a result does not have is NAN (or 0 items): BAU without a disposal option or a price
 * (case 14), every network figure for an infeasible region (case 16). */
Test(result, accessors_say_nan_for_what_a_result_lacks)
{
    sn_instance *in = load(OK_DIR "14_must_serve_must_take.json");
    sn_result *r = run_file(in);
    EXPECT_MONEY(sn_result_objective(r), 31100);
    EXPECT_MONEY(sn_result_capital(r), 250000);
    cr_expect(isnan(sn_result_bau(r)));
    cr_expect(isnan(sn_result_bau_co2_t_per_yr(r)));
    cr_expect(isnan(sn_result_savings(r)));
    cr_expect(isnan(sn_result_co2_avoided_t_per_yr(r)));
    cr_expect(isfinite(sn_result_co2_t_per_yr(r)));
    cr_expect_eq(sn_result_link_count(r), 2);
    sn_result_free(r);
    sn_instance_free(in);

    in = load(OK_DIR "16_infeasible_integer_only.json");
    r = run_file(in);
    cr_assert_eq(sn_solution_status_get(sn_result_solution(r)), SN_SOL_INFEASIBLE);
    cr_expect(isnan(sn_result_objective(r)));
    cr_expect(isnan(sn_result_savings(r)));
    cr_expect(isnan(sn_result_capital(r)));
    cr_expect(isnan(sn_result_co2_t_per_yr(r)));
    cr_expect(isnan(sn_result_co2_avoided_t_per_yr(r)));
    cr_expect(isnan(sn_result_bau(r))); /* the sludge has no disposal option either */
    cr_expect_eq(sn_result_link_count(r), 0);
    cr_expect_eq(sn_result_hub_count(r), 0);
    sn_link_info l;
    cr_expect_eq(sn_result_link(r, 0, &l), SN_EUSAGE);
    sn_result_free(r);
    sn_instance_free(in);
}
