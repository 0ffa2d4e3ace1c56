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
