/*
 * test_sweep.c - many cases of one region (docs/explore.md): the case plans of the library
 * (src/result/cases.c) and `symnet sweep`, `sample` and `merge` end to end on the binary
 * ($SYMNET, default build/symnet): a break point at a carbon price derived by hand, the same
 * table however the cases were run (one process, workers, shards merged, MPI ranks when
 * mpirun is installed), reproducible samples, resuming after SIGINT, and bad input.
 */
#include "core/core_int.h"
#include "result/result_int.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TUTORIAL "instances/tutorial.json"
#define CP "region.carbon_price"
#define LEISURE "link:food_factory/leisure_centre/heat/pipe"
#define GREENHOUSE "link:food_factory/greenhouse/heat/pipe"

TU_CLI_SUITE(explore, "explore")

/* Starts args (a program on PATH or a path first; NULL-terminated, at most 31) like
 * tu_spawn, which wants writable strings. */
static pid_t spawn(const char *const *args, const char *out, const char *err)
{
    static char copies[32][1024];
    char *argv[32];
    int n = 0;
    for (; args[n] && n < 31; n++) {
        tu_fmt(copies[n], sizeof copies[n], "%s", args[n]);
        argv[n] = copies[n];
    }
    argv[n] = NULL;
    return tu_spawn(argv, out, err);
}

static cJSON *read_json(const char *path)
{
    char *text = tu_read_file(path, NULL);
    cr_assert_not_null(text, "no file %s", path);
    cJSON *j = cJSON_Parse(text);
    free(text);
    cr_assert_not_null(j, "%s is not JSON", path);
    return j;
}

static const cJSON *item(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    cr_assert_not_null(v, "no \"%s\"", key);
    return v;
}

static int builds(const cJSON *row, const char *id)
{
    const cJSON *b;
    cJSON_ArrayForEach(b, item(row, "built")) if (strcmp(b->valuestring, id) == 0) return 1;
    return 0;
}

/* 1 when the two files have the same bytes. */
static int same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *x = tu_read_file(a, &la), *y = tu_read_file(b, &lb);
    cr_assert_not_null(x, "no %s", a);
    cr_assert_not_null(y, "no %s", b);
    int same = la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

/* ---- the library's plans ------------------------------------------------------------------ */

Test(explore, range_and_grid_order)
{
    sn_cases *c = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_cases_create(SN_CASES_SWEEP, &c), SN_OK);
    cr_assert_eq(sn_cases_add_values(c, "a", "0:100:5", 1, &d), SN_OK);
    cr_assert_eq(sn_cases_add_values(c, "b", "7,-1.5", 0, &d), SN_OK);
    cr_assert_eq(sn_cases_plan(c, 0, 0, &d), SN_OK);
    cr_assert_eq(sn_cases_count(c), 10);
    /* a varies slowest: 0 0 25 25 50 50 ...; b fastest: 7 -1.5 7 -1.5 ... */
    const double a[] = {0, 0, 25, 25, 50, 50, 75, 75, 100, 100};
    for (int i = 0; i < 10; i++) {
        cr_expect_eq(sn_cases_value(c, i, 0), a[i], "case %d: a = %g", i, sn_cases_value(c, i, 0));
        cr_expect_eq(sn_cases_value(c, i, 1), i % 2 ? -1.5 : 7);
    }
    char arg[64];
    cr_assert_eq(sn_cases_set_arg(c, 3, 1, arg, sizeof arg), SN_OK);
    cr_expect_str_eq(arg, "b=-1.5");
    sn_cases_free(c);
}

Test(explore, bad_plans_are_named)
{
    const char *bad[][2] = {{"1:2:0", "--range"}, {"1:2", "--range"}, {"2:3:1", "--range"},
                            {"1,,2", "--values"}, {"", "--values"},   {"1,x", "--values"}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        sn_cases *c = NULL;
        sn_diag d;
        sn_diag_init(&d);
        cr_assert_eq(sn_cases_create(SN_CASES_SWEEP, &c), SN_OK);
        int range = strcmp(bad[k][1], "--range") == 0;
        cr_expect_eq(sn_cases_add_values(c, "a", bad[k][0], range, &d), SN_EUSAGE, "%s", bad[k][0]);
        cr_expect(d.count == 1 && strstr(d.errors[0].message, bad[k][1]), "%s", bad[k][0]);
        sn_cases_free(c);
    }
    const char *dists[] = {"a=uniform:2:1", "a=triangular:1:5:3", "a=normal:0:-1",  "uniform:1:2",
                           "a=gauss:0:1",   "a=uniform:1",        "a=uniform:1:2:3"};
    for (size_t k = 0; k < sizeof dists / sizeof dists[0]; k++) {
        sn_cases *c = NULL;
        sn_diag d;
        sn_diag_init(&d);
        cr_assert_eq(sn_cases_create(SN_CASES_SAMPLE, &c), SN_OK);
        cr_expect_eq(sn_cases_add_distribution(c, dists[k], &d), SN_EUSAGE, "%s", dists[k]);
        sn_cases_free(c);
    }
    sn_cases *c = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_cases_create(SN_CASES_SAMPLE, &c), SN_OK);
    cr_assert_eq(sn_cases_add_distribution(c, "a=uniform:1:2", &d), SN_OK);
    cr_expect_eq(sn_cases_plan(c, 0, 1, &d), SN_EUSAGE, "--n 0");
    sn_cases_free(c);
}

/* Draws stay within their support, depend on the seed, and a triangular(0, 0, 1) sample of
 * 20,000 has mean (0 + 0 + 1) / 3 within 4 standard errors (sd = 1/sqrt(18): 4 * 0.2357 /
 * sqrt(20000) = 0.0067). */
Test(explore, draws)
{
    sn_cases *c = NULL, *c2 = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_cases_create(SN_CASES_SAMPLE, &c), SN_OK);
    cr_assert_eq(sn_cases_add_distribution(c, "u=uniform:10:20", &d), SN_OK);
    cr_assert_eq(sn_cases_add_distribution(c, "t=triangular:0:0:1", &d), SN_OK);
    cr_assert_eq(sn_cases_add_distribution(c, "l=lognormal:0:1", &d), SN_OK);
    cr_assert_eq(sn_cases_plan(c, 20000, 42, &d), SN_OK);
    double mean = 0;
    for (int i = 0; i < 20000; i++) {
        double u = sn_cases_value(c, i, 0), t = sn_cases_value(c, i, 1);
        cr_assert(u > 10 && u < 20 && t >= 0 && t <= 1 && sn_cases_value(c, i, 2) > 0);
        mean += t / 20000;
    }
    cr_expect(fabs(mean - 1.0 / 3) < 0.0067, "triangular mean %g", mean);
    cr_assert_eq(sn_cases_create(SN_CASES_SAMPLE, &c2), SN_OK);
    cr_assert_eq(sn_cases_add_distribution(c2, "u=uniform:10:20", &d), SN_OK);
    cr_assert_eq(sn_cases_add_distribution(c2, "t=triangular:0:0:1", &d), SN_OK);
    cr_assert_eq(sn_cases_add_distribution(c2, "l=lognormal:0:1", &d), SN_OK);
    cr_assert_eq(sn_cases_plan(c2, 10, 43, &d), SN_OK);
    cr_expect_neq(sn_cases_value(c, 0, 0), sn_cases_value(c2, 0, 0), "another seed, other draws");
    sn_cases_free(c);
    sn_cases_free(c2);
}

Test(explore, malformed_answers_are_refused)
{
    sn_cases *c = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_cases_create(SN_CASES_SWEEP, &c), SN_OK);
    cr_assert_eq(sn_cases_add_values(c, "a", "1,2", 0, &d), SN_OK);
    cr_assert_eq(sn_cases_plan(c, 0, 0, &d), SN_OK);
    cr_expect_eq(sn_cases_record(c, 0, "0 0 1 2 3 4", &d), SN_EINPUT);   /* a figure short */
    cr_expect_eq(sn_cases_record(c, 0, "9 0 1 2 3 4 5", &d), SN_EINPUT); /* no such status */
    cr_expect_eq(sn_cases_record(c, 0, "0 0 1 2 3 4 5 noid", &d), SN_EINPUT);
    cr_expect_eq(sn_cases_record(c, 2, "0 0 1 2 3 4 5", &d), SN_EINPUT); /* no case 3 */
    cr_expect(!sn_cases_done(c, 0));
    cr_expect_eq(sn_cases_record(c, 1, "3 null null 5 null null 7", &d), SN_OK);
    cr_expect(sn_cases_done(c, 1));
    sn_cases_free(c);
}

/* A sample of 4 cases recorded and written in every format, with allocation n failing. */
static sn_status plan_record_write(void)
{
    sn_cases *c = NULL;
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_cases_create(SN_CASES_SAMPLE, &c);
    if (st == SN_OK)
        st = sn_cases_add_distribution(c, "region.carbon_price=uniform:1:2", &d);
    if (st == SN_OK)
        st = sn_cases_add_distribution(c, "x=normal:0:1", &d);
    if (st == SN_OK)
        st = sn_cases_plan(c, 4, 9, &d);
    const char *lines[] = {"0 0 100 200 50 3 5 link:a hub:h", "0 0 110 200 50 3 5 link:a",
                           "1 0.01 105 200 60 2 5 link:a link:b", "2 null null 200 null null 5"};
    for (int i = 0; st == SN_OK && i < 4; i++)
        st = sn_cases_record(c, i, lines[i], &d);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    for (int fmt = 0; st == SN_OK && fmt < 3; fmt++)
        st = sn_report_write_cases(c, (sn_table_format)fmt, f);
    if (st == SN_OK)
        st = sn_report_write_cases_svg(c, f);
    fclose(f);
    free(buf);
    sn_cases_free(c);
    return st;
}

Test(explore, allocation_failures_are_reported_and_leak_nothing)
{
    for (long n = 1;; n++) {
        long live = snp_alloc_live();
        snp_alloc_fail_at(n);
        sn_status st = plan_record_write();
        snp_alloc_fail_at(0);
        cr_assert_eq(snp_alloc_live(), live, "allocation %ld failing leaks", n);
        if (st == SN_OK)
            break;
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld failing: %s", n, sn_status_name(st));
        cr_assert(n < 10000);
    }
}

/* ---- sweep ----------------------------------------------------------------------------------
 * The tutorial's leisure-centre pipe pays from a carbon price of 341,887.56 / 198.42105 =
 * 1,723.05 EUR/t (derived in tests/unit/test_whatif.c and docs/whatif.md). Below it the
 * optimum builds two links and emits 306.75 t a year, so between two prices below it the
 * annual cost grows by exactly the price difference times 306.75 t: 100 x 306.75 = 30,675.
 * The network must change exactly between 1,723 and 1,724. */
Test(explore, sweep_breaks_at_the_break_even_carbon_price)
{
    char dir[512], json[600];
    tmp_path(dir, sizeof dir, "cp");
    const char *a[] = {"sweep", TUTORIAL, "--param", CP,  "--values", "1600,1700,1723,1724,1800",
                       "--dir", dir,      "--jobs",  "2", "--quiet",  NULL};
    cr_assert_eq(run("sweep", a), 0);
    tu_fmt(json, sizeof json, "%s/cases.json", dir);
    cJSON *j = read_json(json);
    const cJSON *rows = item(j, "cases");
    cr_assert_eq(cJSON_GetArraySize(rows), 5);
    for (int i = 0; i < 5; i++) {
        const cJSON *r = cJSON_GetArrayItem(rows, i);
        cr_expect_str_eq(item(r, "status")->valuestring, "optimal");
        cr_expect(builds(r, GREENHOUSE), "case %d", i + 1);
        cr_expect_eq(builds(r, LEISURE), i >= 3, "case %d: the leisure pipe", i + 1);
        cr_expect_eq(cJSON_IsTrue(item(r, "changed")), i == 3, "case %d: changed", i + 1);
        char f[700];
        tu_fmt(f, sizeof f, "%s/cases/case-%04d.json", dir, i + 1);
        cr_expect(tu_exists(f), "no solution file for case %d", i + 1);
    }
    const cJSON *bp = item(j, "break_points");
    cr_expect(cJSON_GetArraySize(bp) == 1 && cJSON_GetArrayItem(bp, 0)->valueint == 4);
    double c1 = item(cJSON_GetArrayItem(rows, 0), "annual_cost")->valuedouble;
    double c2 = item(cJSON_GetArrayItem(rows, 1), "annual_cost")->valuedouble;
    cr_expect(fabs(c2 - c1 - 30675) < 0.011, "cost rises %.2f, expected 30,675", c2 - c1);
    cr_expect(fabs(item(cJSON_GetArrayItem(rows, 0), "co2_t_per_yr")->valuedouble - 306.75) < 1e-6);
    cr_expect_str_eq(item(cJSON_GetArrayItem(rows, 3), "changes")->valuestring, "+" LEISURE);
    cJSON_Delete(j);
    /* the chart marks the one break point */
    char svg[600];
    tu_fmt(svg, sizeof svg, "%s/chart.svg", dir);
    char *text = tu_read_file(svg, NULL);
    cr_assert_not_null(text);
    int marks = 0;
    for (const char *p = text; (p = strstr(p, "the network changes")) != NULL; p++)
        marks++;
    cr_expect_eq(marks, 3, "one mark in each of the three panels, got %d", marks);
    free(text);
}

/* Calls of the plugin "start" in the solution file of case i (1-based) of run directory dir. */
static int start_calls(const char *dir, int i)
{
    char f[700];
    tu_fmt(f, sizeof f, "%s/cases/case-%04d.json", dir, i);
    cJSON *j = read_json(f);
    int calls = -1;
    const cJSON *s;
    cJSON_ArrayForEach(
        s, item(j, "solver_stats")) if (strcmp(item(s, "name")->valuestring, "start") == 0) calls =
        item(s, "calls")->valueint;
    cJSON_Delete(j);
    cr_assert_geq(calls, 0, "case %d: no statistics of the plugin start", i);
    return calls;
}

/* Cases are solved cold by default (bench/RESULTS.md: that measured faster); with --warm every
 * case after the first starts from its finished neighbour's layout, and the table is the same
 * (the cases are proven optimal). */
Test(explore, warm_starts_only_when_asked)
{
    char cold[512], warm[512], a_csv[600], b_csv[600];
    tmp_path(cold, sizeof cold, "cold");
    tmp_path(warm, sizeof warm, "warm");
    const char *a[] = {"sweep", TUTORIAL, "--param", CP,  "--values", "1600,1700,1800",
                       "--dir", cold,     "--jobs",  "1", "--quiet",  NULL};
    cr_assert_eq(run("cold", a), 0);
    const char *b[] = {"sweep",          TUTORIAL, "--param", CP,       "--values",
                       "1600,1700,1800", "--dir",  warm,      "--jobs", "1",
                       "--quiet",        "--warm", NULL};
    cr_assert_eq(run("warm", b), 0);
    for (int i = 1; i <= 3; i++) {
        cr_expect_eq(start_calls(cold, i), 0, "cold case %d ran start", i);
        cr_expect_eq(start_calls(warm, i), i > 1, "warm case %d: start calls", i);
    }
    tu_fmt(a_csv, sizeof a_csv, "%s/cases.csv", cold);
    tu_fmt(b_csv, sizeof b_csv, "%s/cases.csv", warm);
    cr_expect(same_file(a_csv, b_csv), "warm and cold tables differ");
    /* a run directory remembers which it was: the other is refused there */
    const char *c[] = {"sweep",          TUTORIAL, "--param", CP,       "--values",
                       "1600,1700,1800", "--dir",  cold,      "--jobs", "1",
                       "--quiet",        "--warm", NULL};
    cr_expect_eq(run("mixed", c), 2);
}

/* The same sweep run in one process, in three workers, as three shards merged and (when
 * mpirun is installed) under three MPI ranks gives byte-identical tables. */
Test(explore, same_table_however_run)
{
    char d1[512], d3[512], sh[512], mp[512], f1[600], f2[600];
    tmp_path(d1, sizeof d1, "j1");
    tmp_path(d3, sizeof d3, "j3");
    tmp_path(sh, sizeof sh, "sh");
    tmp_path(mp, sizeof mp, "mpi");
#define SWEEP_ARGS "sweep", TUTORIAL, "--param", CP, "--range", "1500:1900:9", "--quiet", "--dir"
    const char *a1[] = {SWEEP_ARGS, d1, "--jobs", "1", NULL};
    cr_assert_eq(run("j1", a1), 0);
    const char *a3[] = {SWEEP_ARGS, d3, "--jobs", "3", NULL};
    cr_assert_eq(run("j3", a3), 0);
    char s1[600], s2[600], s3[600];
    for (int k = 1; k <= 3; k += 2) {
        char spec[8];
        tu_fmt(spec, sizeof spec, "%d/3", k);
        const char *as[] = {SWEEP_ARGS, sh, "--shard", spec, "--jobs", "1", NULL};
        cr_assert_eq(run("shard", as), 0, "shard %s", spec);
    }
    /* shard 2 as the second task of a Slurm array --array=1-3 would run it */
    setenv("SLURM_ARRAY_TASK_ID", "2", 1);
    setenv("SLURM_ARRAY_TASK_MIN", "1", 1);
    setenv("SLURM_ARRAY_TASK_COUNT", "3", 1);
    const char *as2[] = {SWEEP_ARGS, sh, "--jobs", "1", NULL};
    int rc2 = run("shard2", as2);
    unsetenv("SLURM_ARRAY_TASK_ID");
    unsetenv("SLURM_ARRAY_TASK_MIN");
    unsetenv("SLURM_ARRAY_TASK_COUNT");
    cr_assert_eq(rc2, 0, "shard 2 from SLURM_ARRAY_TASK_*");
    tu_fmt(s1, sizeof s1, "%s/shard-1-of-3", sh);
    tu_fmt(s2, sizeof s2, "%s/shard-2-of-3", sh);
    tu_fmt(s3, sizeof s3, "%s/shard-3-of-3", sh);
    const char *m[] = {"merge", s3, s1, s2, "--quiet", NULL};
    cr_assert_eq(run("merge", m), 0);
    const char *names[] = {"cases.csv", "cases.json", "chart.svg"};
    for (int k = 0; k < 3; k++) {
        tu_fmt(f1, sizeof f1, "%s/%s", d1, names[k]);
        tu_fmt(f2, sizeof f2, "%s/%s", d3, names[k]);
        cr_expect(same_file(f1, f2), "%s: --jobs 1 and --jobs 3 differ", names[k]);
        tu_fmt(f2, sizeof f2, "%s/%s", sh, names[k]);
        cr_expect(same_file(f1, f2), "%s: --jobs 1 and three shards merged differ", names[k]);
    }
    tu_fmt(f2, sizeof f2, "%s/cases/case-0009.json", sh);
    cr_expect(tu_exists(f2), "merge copies the shards' solution files");
    /* MPI: only where the binary was built with it (make builds it when mpicc is installed) */
    const char *help[] = {"sweep", "--help", NULL};
    cr_assert_eq(run("help", help), 0);
    char *ver = tu_captured(tmpdir, "help", "out");
    int mpi = strstr(ver, "built with MPI") != NULL;
    free(ver);
    if (!mpi)
        return;
    const char *argv[] = {"mpirun",
                          "-n",
                          "3",
                          "--oversubscribe",
                          "--allow-run-as-root",
                          tu_symnet_bin(),
                          "sweep",
                          TUTORIAL,
                          "--param",
                          CP,
                          "--range",
                          "1500:1900:9",
                          "--quiet",
                          "--dir",
                          mp,
                          NULL};
    char out[600], err[600];
    tmp_path(out, sizeof out, "mpi.out");
    tmp_path(err, sizeof err, "mpi.err");
    /* Open MPI's own allocations at MPI_Init are not ours to report (make asan) */
    const char *asan = getenv("ASAN_OPTIONS");
    char *saved = asan ? strdup(asan) : NULL;
    setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    pid_t pid = spawn(argv, out, err);
    if (saved)
        setenv("ASAN_OPTIONS", saved, 1);
    else
        unsetenv("ASAN_OPTIONS");
    free(saved);
    cr_assert_eq(tu_wait(pid), 0, "mpirun -n 3 failed (see %s)", err);
    for (int k = 0; k < 3; k++) {
        tu_fmt(f1, sizeof f1, "%s/%s", d1, names[k]);
        tu_fmt(f2, sizeof f2, "%s/%s", mp, names[k]);
        cr_expect(same_file(f1, f2), "%s: --jobs 1 and mpirun -n 3 differ", names[k]);
    }
}

/* ---- sample -------------------------------------------------------------------------------
 * The greenhouse pipe (5 km, 6,000 MWh sent for 5,400 delivered) costs CRF(5 %, 30 yr) x 5 x
 * 500,000 = 162,628.59 a year plus 6,000 x 5 x (0.1 + 0.0001 cp) = 165,628.59 + 3 cp (at cp =
 * 80: 165,868.59, as test_whatif.c has it) and replaces gas worth 5,400 x (price + 0.2 cp).
 * With price >= 40 and cp >= 1,000 it saves 5,400 x 40 + 1,077 x 1,000 - 165,628.59 > 1.1
 * million a year, and the factory's 8,000 MWh cover both heat pipes (6,000 + 1,315.79): it is
 * built in every case. The leisure pipe is built exactly above 1,723.05 EUR/t (above). */
Test(explore, sample_is_reproducible_and_a_dominant_link_always_built)
{
    char d1[512], d2[512], f1[600], f2[600];
    tmp_path(d1, sizeof d1, "s1");
    tmp_path(d2, sizeof d2, "s2");
#define SAMPLE_ARGS                                                                                \
    "sample", TUTORIAL, "--param", CP "=uniform:1000:2500", "--param",                             \
        "facilities[greenhouse].demands[heat].price=triangular:40:50:60", "--n", "12", "--seed",   \
        "5", "--quiet", "--dir"
    const char *a1[] = {SAMPLE_ARGS, d1, "--jobs", "1", NULL};
    cr_assert_eq(run("s1", a1), 0);
    const char *a2[] = {SAMPLE_ARGS, d2, "--jobs", "3", NULL};
    cr_assert_eq(run("s2", a2), 0);
    tu_fmt(f1, sizeof f1, "%s/cases.json", d1);
    tu_fmt(f2, sizeof f2, "%s/cases.json", d2);
    cr_expect(same_file(f1, f2), "the same seed gave two tables");
    cJSON *j = read_json(f1);
    cr_expect_eq(item(j, "with_network")->valueint, 12);
    const cJSON *freq = item(j, "built_frequency");
    cr_expect_eq(item(freq, GREENHOUSE)->valuedouble, 1.0);
    /* the leisure pipe is built exactly in the cases above 1,723.05 EUR/t */
    const cJSON *r;
    int above = 0;
    cJSON_ArrayForEach(r, item(j, "cases"))
    {
        double cp = cJSON_GetArrayItem(item(r, "values"), 0)->valuedouble;
        cr_expect_eq(builds(r, LEISURE), cp > 1723.05, "cp %g", cp);
        above += cp > 1723.05;
    }
    const cJSON *lf = cJSON_GetObjectItemCaseSensitive(freq, LEISURE);
    cr_expect(above == 0 ? lf == NULL : fabs(lf->valuedouble - above / 12.0) < 1e-12);
    cJSON_Delete(j);
}

/* ---- interrupted and resumed -------------------------------------------------------------- */

static int count_lines(const char *path, const char *prefix)
{
    char *text = tu_read_file(path, NULL);
    if (!text)
        return 0;
    int n = 0;
    for (char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        n += strncmp(p, prefix, strlen(prefix)) == 0;
    free(text);
    return n;
}

/* Cases of a 30 x 30 fixed-charge region that GLPK cannot prove within their 1 s limit, so the
 * sweep is still running when SIGINT arrives after its first finished case. */
Test(explore, sigint_keeps_finished_cases_and_resumes, .timeout = 120)
{
    char region[512], dir[512], state[600], csv[600];
    tmp_path(region, sizeof region, "fctp.json");
    tmp_path(dir, sizeof dir, "run");
    tu_fmt(state, sizeof state, "%s/state", dir);
    tu_fmt(csv, sizeof csv, "%s/cases.csv", dir);
    char *doc = tu_fctp_region(30, 30, 7);
    FILE *f = fopen(region, "w");
    cr_assert_not_null(f);
    fputs(doc, f);
    fclose(f);
    free(doc);
    const char *argv[] = {tu_symnet_bin(),
                          "sweep",
                          region,
                          "--param",
                          "facilities[F0].supplies[r].disposal_cost",
                          "--range",
                          "1:8:8",
                          "--time-limit",
                          "1",
                          "--jobs",
                          "1",
                          "--quiet",
                          "--dir",
                          dir,
                          NULL};
    char out[600], err[600];
    tmp_path(out, sizeof out, "int.out");
    tmp_path(err, sizeof err, "int.err");
    pid_t pid = spawn(argv, out, err);
    cr_assert(pid > 0);
    for (int t = 0; t < 600 && count_lines(state, "case ") < 1; t++)
        nanosleep(&(struct timespec){0, 50000000}, NULL);
    cr_assert(count_lines(state, "case ") >= 1, "no case finished within 30 s");
    kill(pid, SIGINT);
    int rc = tu_wait(pid);
    cr_assert_eq(rc, 7, "interrupted: exit %d, expected 7", rc);
    int done = count_lines(state, "case ");
    cr_assert(done >= 1 && done < 8, "%d cases finished before the interrupt", done);
    cr_expect_eq(count_lines(csv, "") - 1, done, "the table holds the finished cases");
    for (int i = 1; i <= done; i++) {
        char sol[700];
        tu_fmt(sol, sizeof sol, "%s/cases/case-%04d.json", dir, i);
        cr_expect(tu_exists(sol), "no solution file for finished case %d", i);
    }
    char *before = tu_read_file(state, NULL);
    cr_assert_not_null(before);
    /* the same command again: solves only the rest */
    const char *again[] = {
        "sweep",   region,  "--param",      "facilities[F0].supplies[r].disposal_cost",
        "--range", "1:8:8", "--time-limit", "1",
        "--jobs",  "2",     "--dir",        dir,
        NULL};
    cr_assert_eq(run("again", again), 0);
    char *msg = tu_captured(tmpdir, "again", "err");
    char want[64];
    tu_fmt(want, sizeof want, "%d to solve (%d finished before)", 8 - done, done);
    cr_expect(strstr(msg, want) != NULL, "resume said: %s", msg);
    free(msg);
    cr_expect_eq(count_lines(state, "case "), 8);
    char *after = tu_read_file(state, NULL);
    cr_expect(strncmp(before, after, strlen(before)) == 0, "finished cases were rewritten");
    free(before);
    free(after);
    cr_expect_eq(count_lines(csv, "") - 1, 8);
}

/* ---- bad input: a clear message, exit 2 or 3, nothing written ----------------------------- */

Test(explore, bad_input)
{
    char dir[512], other[512];
    tmp_path(dir, sizeof dir, "bad");
    tmp_path(other, sizeof other, "other");
    struct {
        const char *args[16];
        int rc;
        const char *says;
    } cases[] = {
        {{"sweep", TUTORIAL, "--param", "region.carbon_pric", "--values", "1,2", "--dir", dir},
         3,
         "region.carbon_pric: unknown key"},
        {{"sweep", TUTORIAL, "--param", CP, "--range", "1:2:0", "--dir", dir}, 2, "--range"},
        {{"sweep", TUTORIAL, "--param", CP, "--dir", dir}, 2, "needs --values"},
        {{"sweep", TUTORIAL, "--param", CP, "--values", "1,2", "--shard", "4/3", "--dir", dir},
         2,
         "--shard: expected K/N"},
        {{"sweep", TUTORIAL, "--param", CP, "--values", "1,-2", "--dir", dir},
         3,
         "expected a number >= 0"},
        {{"sample", TUTORIAL, "--param", CP "=uniform:1:2", "--n", "0", "--dir", dir},
         2,
         "--n: expected"},
        {{"sample", TUTORIAL, "--param", CP "=gauss:1:2", "--n", "3", "--dir", dir},
         2,
         "PATH=uniform:A:B"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int rc = run("bad", cases[k].args);
        cr_expect_eq(rc, cases[k].rc, "case %zu: exit %d", k, rc);
        char *err = tu_captured(tmpdir, "bad", "err");
        cr_expect(strstr(err, cases[k].says) != NULL, "case %zu said: %s", k, err);
        free(err);
        cr_expect(!tu_exists(dir), "case %zu wrote %s", k, dir);
    }
    /* another run in a run's directory is refused and leaves it alone */
    const char *a[] = {"sweep", TUTORIAL, "--param", CP,        "--values",
                       "1,2",   "--dir",  dir,       "--quiet", NULL};
    cr_assert_eq(run("first", a), 0);
    char state[600];
    tu_fmt(state, sizeof state, "%s/state", dir);
    char *before = tu_read_file(state, NULL);
    const char *b[] = {"sweep", TUTORIAL, "--param", CP,        "--values",
                       "1,3",   "--dir",  dir,       "--quiet", NULL};
    cr_expect_eq(run("second", b), 2);
    char *err = tu_captured(tmpdir, "second", "err");
    cr_expect(strstr(err, "holds another run") != NULL, "said: %s", err);
    free(err);
    char *after = tu_read_file(state, NULL);
    cr_expect_str_eq(before, after);
    free(before);
    free(after);
    /* merging shards of two different runs */
    char s1[600], s2[600];
    const char *c1[] = {"sweep",   TUTORIAL, "--param", CP,    "--values", "1,2,3",
                        "--shard", "1/2",    "--dir",   other, "--quiet",  NULL};
    cr_assert_eq(run("c1", c1), 0);
    const char *c2[] = {"sweep",   TUTORIAL, "--param", CP,    "--values", "1,2,4",
                        "--shard", "2/2",    "--dir",   other, "--quiet",  NULL};
    cr_assert_eq(run("c2", c2), 0);
    tu_fmt(s1, sizeof s1, "%s/shard-1-of-2", other);
    tu_fmt(s2, sizeof s2, "%s/shard-2-of-2", other);
    const char *m[] = {"merge", s1, s2, NULL};
    cr_expect_eq(run("merge", m), 3);
    err = tu_captured(tmpdir, "merge", "err");
    cr_expect(strstr(err, "shards of different runs") != NULL, "said: %s", err);
    free(err);
    char table[600];
    tu_fmt(table, sizeof table, "%s/cases.csv", other);
    cr_expect(!tu_exists(table), "a refused merge wrote %s", table);
    tu_fmt(table, sizeof table, "%s/state", other);
    cr_expect(!tu_exists(table), "a refused merge wrote %s", table);
}
