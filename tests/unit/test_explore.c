/*
 * test_explore.c - `symnet pareto`, `symnet alternatives` and the region keys they rest on
 * (region.objective, region.cost_cap, region.exclude_layouts; docs/pareto.md, docs/model.md
 * 9.4-9.6) end to end on the binary ($SYMNET, default build/symnet), with answers derived by
 * hand in the regions' notes (tests/cases/explore/) and below.
 */
#include "core/core_int.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PARETO "tests/cases/explore/pareto_two_links.json"
#define ALT "tests/cases/explore/alternatives_two_layouts.json"

TU_CLI_SUITE(explore, "explore")

static cJSON *read_json(const char *path)
{
    char *text = tu_read_file(path, NULL);
    cr_assert_not_null(text, "no file %s", path);
    cJSON *j = cJSON_Parse(text);
    free(text);
    cr_assert_not_null(j, "%s is not JSON", path);
    return j;
}

static double num(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    cr_assert(cJSON_IsNumber(v), "no number %s", key);
    return v->valuedouble;
}

static const char *str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    cr_assert(cJSON_IsString(v), "no string %s", key);
    return v->valuestring;
}

/* The layout (array of names) joined by spaces into buf. */
static const char *layout(const cJSON *point, char *buf, size_t size)
{
    buf[0] = '\0';
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(point, "layout"))
    {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", len ? " " : "", e->valuestring);
    }
    return buf;
}

static void expect_err(const char *name, const char *want)
{
    char *err = tu_captured(tmpdir, name, "err");
    cr_expect(strstr(err, want) != NULL, "missing \"%s\" in:\n%s", want, err);
    free(err);
}

/* The frontier of pareto_two_links.json, derived in its notes and in docs/pareto.md: nothing
 * built (550 EUR/yr, 100 t), link a (400 + 50 * 5 = 650, 100 - 60 = 40 t), both links (800 +
 * 10 * 5 = 850, 0 t); link b alone (700, 50 t) is dominated by a. Abatement: (650 - 550) /
 * (100 - 40) = 1.6667 EUR/t, then (850 - 650) / 40 = 5 EUR/t. The same table for any --jobs. */
Test(explore, pareto_three_points_derived_by_hand)
{
    char out1[512], out2[512], svg[512];
    tmp_path(out1, sizeof out1, "p1.json");
    tmp_path(out2, sizeof out2, "p2.json");
    tmp_path(svg, sizeof svg, "p.svg");
    const char *a1[] = {"pareto", PARETO, "--jobs", "1", "--out", out1, "--svg", svg, NULL};
    const char *a2[] = {"pareto", PARETO, "--jobs", "3", "--out", out2, NULL};
    cr_assert_eq(run("p1", a1), 0);
    cr_assert_eq(run("p2", a2), 0);
    char *t1 = tu_read_file(out1, NULL), *t2 = tu_read_file(out2, NULL);
    cr_assert(t1 && t2);
    cr_expect_str_eq(t1, t2, "the frontier depends on --jobs");
    free(t1);
    free(t2);
    cJSON *j = read_json(out1);
    cr_expect_str_eq(str(j, "format"), "symnet-pareto/1");
    const cJSON *pts = cJSON_GetObjectItemCaseSensitive(j, "points");
    cr_assert_eq(cJSON_GetArraySize(pts), 3);
    const double cost[] = {550, 650, 850}, co2[] = {100, 40, 0};
    const char *lay[] = {"", "link:a", "link:a link:b"};
    const char *kind[] = {"least_cost", "cap", "least_co2"};
    char buf[256];
    for (int i = 0; i < 3; i++) {
        const cJSON *p = cJSON_GetArrayItem(pts, i);
        cr_expect(fabs(num(p, "cost") - cost[i]) < 1e-6, "point %d cost %g", i, num(p, "cost"));
        cr_expect(fabs(num(p, "co2_t_per_yr") - co2[i]) < 1e-6, "point %d co2", i);
        cr_expect_str_eq(layout(p, buf, sizeof buf), lay[i]);
        cr_expect_str_eq(str(p, "kind"), kind[i]);
        cr_expect_str_eq(str(p, "status"), "optimal");
    }
    cr_expect(fabs(num(cJSON_GetArrayItem(pts, 1), "abatement_cost_per_t") - 100.0 / 60) < 1e-6);
    cr_expect(fabs(num(cJSON_GetArrayItem(pts, 2), "abatement_cost_per_t") - 5) < 1e-6);
    cJSON_Delete(j);
    /* --dir: each point's solution, read back by the checker before it was written */
    char dir[512], file[600];
    tmp_path(dir, sizeof dir, "points");
    const char *a3[] = {"pareto", PARETO, "--jobs", "2", "--dir", dir, "-q", NULL};
    cr_assert_eq(run("p3", a3), 0);
    for (int i = 0; i < 3; i++) {
        tu_fmt(file, sizeof file, "%s/point-%d.json", dir, i + 1);
        cJSON *sol = read_json(file);
        cr_expect(fabs(num(sol, "objective") - cost[i]) < 1e-6, "%s", file);
        cr_expect(fabs(num(sol, "co2_t_per_yr") - co2[i]) < 1e-6, "%s", file);
        cJSON_Delete(sol);
    }
    tu_fmt(file, sizeof file, "%s/point-4.json", dir);
    cr_expect(!tu_exists(file));
    char *chart = tu_read_file(svg, NULL);
    cr_assert_not_null(chart);
    cr_expect(strstr(chart, "<svg") && strstr(chart, "<polyline"), "not a chart");
    free(chart);
}

/* alternatives_two_layouts.json: within 5 % of the optimum {a} (800 EUR/yr, cap 840) the only
 * other layout is {b} (810); nothing built costs 1000 and both links 1110. So the first
 * alternative is {b} and the second request ends with "none left", proven. */
Test(explore, alternatives_two_near_optimal_layouts_then_none_left)
{
    char out[512], csv[512];
    tmp_path(out, sizeof out, "alt.json");
    tmp_path(csv, sizeof csv, "alt.csv");
    const char *a[] = {"alternatives", ALT, "--slack", "0.05", "--count", "3",
                       "--out",        out, "--csv",   csv,    NULL};
    cr_assert_eq(run("alt", a), 0);
    cJSON *j = read_json(out);
    cr_expect_str_eq(str(j, "end"), "none_left");
    cr_expect(fabs(num(j, "cost_cap") - 840) < 1e-6);
    const cJSON *ls = cJSON_GetObjectItemCaseSensitive(j, "layouts");
    cr_assert_eq(cJSON_GetArraySize(ls), 2);
    char buf[256];
    const cJSON *o = cJSON_GetArrayItem(ls, 0), *b = cJSON_GetArrayItem(ls, 1);
    cr_expect(fabs(num(o, "cost") - 800) < 1e-6);
    cr_expect_str_eq(layout(o, buf, sizeof buf), "link:a");
    cr_expect(fabs(num(b, "cost") - 810) < 1e-6);
    cr_expect(fabs(num(b, "delta") - 10) < 1e-6);
    cr_expect_str_eq(layout(b, buf, sizeof buf), "link:b");
    cr_expect_str_eq(str(b, "changes"), "+link:b -link:a");
    cJSON_Delete(j);
    char *text = tu_captured(tmpdir, "alt", "out");
    cr_expect(strstr(text, "alternative 2: none: no further layout within the slack (proven)"),
              "%s", text);
    free(text);
    /* --dir: the optimum and the alternative as solution files */
    char dir[512], file[600];
    tmp_path(dir, sizeof dir, "alts");
    const char *a2[] = {"alternatives", ALT, "--dir", dir, "-q", NULL};
    cr_assert_eq(run("alt2", a2), 0);
    for (int i = 0; i < 2; i++) {
        tu_fmt(file, sizeof file, "%s/alternative-%d.json", dir, i);
        cJSON *sol = read_json(file);
        cr_expect(fabs(num(sol, "objective") - (i ? 810 : 800)) < 1e-6, "%s", file);
        cJSON_Delete(sol);
    }
    /* a slack of 1 % leaves no alternative at all (810 > 808) */
    const char *b1[] = {"alternatives", ALT, "--slack", "0.01", "--out", out, NULL};
    cr_assert_eq(run("alt1", b1), 0);
    j = read_json(out);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "layouts")), 1);
    cr_expect_str_eq(str(j, "end"), "none_left");
    cJSON_Delete(j);
}

/* Bad command lines: exit 2, nothing written. */
Test(explore, bad_options_exit_2_and_write_nothing)
{
    char out[512];
    tmp_path(out, sizeof out, "x.json");
    const struct {
        const char *args[8];
        const char *msg;
    } cases[] = {
        {{"alternatives", ALT, "--slack", "-0.1", "--out", out, NULL}, "--slack"},
        {{"alternatives", ALT, "--count", "0", "--out", out, NULL}, "--count"},
        {{"alternatives", ALT, "--frobnicate", "--out", out, NULL}, "unknown option"},
        {{"pareto", PARETO, "--points", "1", "--out", out, NULL}, "--points"},
        {{"pareto", PARETO, "--tolerance", "0", "--out", out, NULL}, "--tolerance"},
        {{"pareto", PARETO, "--slack", "0.1", "--out", out, NULL}, "does not apply to pareto"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char name[16];
        snprintf(name, sizeof name, "bad%zu", k);
        cr_expect_eq(run(name, cases[k].args), 2, "case %zu", k);
        cr_expect(!tu_exists(out), "case %zu wrote %s", k, out);
        expect_err(name, cases[k].msg);
    }
}

/* Bad region keys: exit 3 with the JSON path, nothing written. */
Test(explore, bad_region_keys_are_located)
{
    char out[512];
    tmp_path(out, sizeof out, "x.json");
    const char *a[] = {"solve", ALT, "--set", "region.exclude_layouts=[[\"link:nosuch\"]]",
                       "--out", out, NULL};
    cr_expect_eq(run("k1", a), 3);
    expect_err("k1", "region.exclude_layouts[0][0]: expected \"link:ID\", \"hub:ID\" or "
                     "\"corridor:ID\" naming an element of the region");
    const char *b[] = {"solve", ALT, "--set", "region.objective=differ", "--out", out, NULL};
    cr_expect_eq(run("k2", b), 3);
    expect_err("k2", "region.objective: expected \"cost\" or \"co2\" (\"differ\" needs "
                     "region.exclude_layouts");
    const char *c[] = {"solve", ALT, "--set", "region.cost_cap=-1", "--out", out, NULL};
    cr_expect_eq(run("k3", c), 3);
    expect_err("k3", "region.cost_cap: expected a number >= 0, got -1");
    const char *d[] = {"pareto", ALT, "--set", "region.exclude_layouts=[[\"link:a\", \"link:a\"]]",
                       "--out",  out, NULL};
    cr_expect_eq(run("k4", d), 3);
    expect_err("k4", "region.exclude_layouts[0][1]: expected each element once per layout");
    cr_expect(!tu_exists(out), "an output was written");
}

/* The keys on an ordinary solve, each solution read back by the checker before it is written:
 * excluding {a} gives {b} (810); objective co2 reaches 0 t (both links); a cost cap below the
 * optimum (800) and excluding both near-optimal layouts under the 840 cap are infeasible. */
Test(explore, region_keys_on_solve)
{
    char out[512];
    tmp_path(out, sizeof out, "s.json");
    const char *a[] = {"solve", ALT, "--set", "region.exclude_layouts=[[\"link:a\"]]",
                       "--out", out, "-q",    NULL};
    cr_assert_eq(run("s1", a), 0);
    cJSON *j = read_json(out);
    cr_expect(fabs(num(j, "objective") - 810) < 1e-6);
    cJSON_Delete(j);
    const char *b[] = {"solve", PARETO, "--set", "region.objective=co2", "--out", out, "-q", NULL};
    cr_assert_eq(run("s2", b), 0);
    j = read_json(out);
    cr_expect(fabs(num(j, "objective")) < 1e-6, "least CO2 is 0 t");
    cr_expect(fabs(num(j, "co2_t_per_yr")) < 1e-6);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "links")), 2);
    cJSON_Delete(j);
    char out2[512];
    tmp_path(out2, sizeof out2, "none.json");
    const char *c[] = {"solve", ALT, "--set", "region.cost_cap=799", "--out", out2, "-q", NULL};
    cr_expect_eq(run("s3", c), 4);
    const char *d[] = {"solve", ALT,
                       "--set", "region.cost_cap=840",
                       "--set", "region.exclude_layouts=[[\"link:a\"], [\"link:b\"]]",
                       "--out", out2,
                       "-q",    NULL};
    cr_expect_eq(run("s4", d), 4);
    /* the differ objective (9.6) against {a}: {b} differs in 2, both links in 1, so with the
     * cost cap 840 only {b} (810) and {} (1000 > 840) compete: {b}, objective 0 - 1 = -1 */
    const char *e[] = {"solve", ALT,
                       "--set", "region.objective=differ",
                       "--set", "region.cost_cap=840",
                       "--set", "region.exclude_layouts=[[\"link:a\"]]",
                       "--out", out,
                       "-q",    NULL};
    cr_assert_eq(run("s5", e), 0);
    j = read_json(out);
    cr_expect(fabs(num(j, "objective") + 1) < 1e-6, "objective %g", num(j, "objective"));
    cJSON_Delete(j);
}

/* The independent checker holds a solution to each key: the optimum {a} (800 EUR/yr) repeats
 * an excluded layout, breaks a cost cap of 799, and its emissions break a CO2 cap. */
Test(explore, verify_checks_each_key)
{
    char sol[512];
    tmp_path(sol, sizeof sol, "opt.json");
    const char *a[] = {"solve", ALT, "--out", sol, "-q", NULL};
    cr_assert_eq(run("opt", a), 0);
    const char *b[] = {"verify", ALT, sol, "--set", "region.exclude_layouts=[[\"link:a\"]]", NULL};
    cr_expect_eq(run("v1", b), 1);
    expect_err("v1", "region.exclude_layouts[0]: excluded layout (9.5): the network builds "
                     "exactly this layout");
    const char *c[] = {"verify", ALT, sol, "--set", "region.cost_cap=799", NULL};
    cr_expect_eq(run("v2", c), 1);
    expect_err("v2", "cost cap (9.4): 800 a year, expected at most 799");
    const char *d[] = {"verify",
                       ALT,
                       sol,
                       "--set",
                       "region.exclude_layouts=[[\"link:b\"]]",
                       "--set",
                       "region.cost_cap=800",
                       NULL};
    cr_expect_eq(run("v3", d), 0, "a solution that meets both keys passes");
    char psol[512];
    tmp_path(psol, sizeof psol, "p.json");
    const char *e[] = {"solve", PARETO, "--out", psol, "-q", NULL};
    cr_assert_eq(run("popt", e), 0);
    const char *f[] = {"verify", PARETO, psol, "--set", "region.co2_cap_t_per_yr=50", NULL};
    cr_expect_eq(run("v4", f), 1);
    expect_err("v4", "emission cap (9.2)");
    const char *g[] = {"verify", PARETO, psol, "--set", "region.objective=co2", NULL};
    cr_expect_eq(run("v5", g), 1);
    expect_err("v5", "(the network's emissions, region.objective \"co2\")");
}

/* The frontier's bookkeeping alone (src/result/explore.c), with answers given by hand: the
 * points of pareto_two_links.json. Ends (550, 100) and (850, 0): one probe at 50 t, started
 * from the low end's layout; its answer (650, 40) is 80 below the chord (730 at 40 t), more
 * than 0.01 * 300, so both halves are probed (at 70 and 20 t); answers that repeat an end settle
 * them, and nothing is left to ask. */
static sn_explore_point pt(double cost, double co2, const char *layout)
{
    sn_explore_point p = {SN_SOL_OPTIMAL, cost, co2, 0, 0, NAN, INFINITY, layout};
    return p;
}

Test(explore, frontier_probes_where_it_bends)
{
    sn_frontier *f = NULL;
    cr_assert_eq(sn_frontier_create(0, 10, &f), SN_EUSAGE);
    cr_assert_null(f);
    cr_assert_eq(sn_frontier_create(0.01, 1, &f), SN_EUSAGE);
    cr_assert_eq(sn_frontier_create(0.01, 10, &f), SN_OK);
    sn_explore_point lo = pt(850, 0, "link:a link:b"), hi = pt(550, 100, "");
    cr_assert_eq(sn_frontier_add_end(f, &lo), SN_OK);
    cr_assert_eq(sn_frontier_add_end(f, &hi), SN_OK);
    double caps[8];
    const char *start[8];
    cr_assert_eq(sn_frontier_probes(f, caps, start, 8), 1);
    cr_expect(fabs(caps[0] - 50) < 1e-12);
    cr_expect_str_eq(start[0], "link:a link:b");
    sn_explore_point mid = pt(650, 40, "link:a");
    cr_assert_eq(sn_frontier_answer(f, 0, &mid), SN_OK);
    cr_assert_eq(sn_frontier_count(f), 3);
    cr_assert_eq(sn_frontier_probes(f, caps, start, 8), 2);
    cr_expect(fabs(caps[0] - 70) < 1e-12 && fabs(caps[1] - 20) < 1e-12);
    cr_expect_str_eq(start[0], "link:a");
    cr_expect_str_eq(start[1], "link:a link:b");
    cr_assert_eq(sn_frontier_answer(f, 0, &mid), SN_OK);
    cr_assert_eq(sn_frontier_answer(f, 1, &lo), SN_OK);
    cr_expect_eq(sn_frontier_probes(f, caps, start, 8), 0);
    cr_expect_eq(sn_frontier_count(f), 3);
    cr_expect_eq(sn_frontier_point(f, 0)->cost, 550);
    cr_expect_eq(sn_frontier_point(f, 2)->co2_t_per_yr, 0);
    cr_expect_null(sn_frontier_point(f, 3));
    sn_frontier_free(f);

    /* a straight frontier: (0, 100), (100, 0) and a probe answer (50, 50) on the chord end it */
    cr_assert_eq(sn_frontier_create(0.01, 10, &f), SN_OK);
    sn_explore_point a = pt(0, 100, "x"), b = pt(100, 0, "y"), c = pt(50, 50, "z");
    cr_assert_eq(sn_frontier_add_end(f, &a), SN_OK);
    cr_assert_eq(sn_frontier_add_end(f, &b), SN_OK);
    cr_assert_eq(sn_frontier_probes(f, caps, start, 8), 1);
    cr_assert_eq(sn_frontier_answer(f, 0, &c), SN_OK);
    cr_expect_eq(sn_frontier_count(f), 3);
    cr_expect_eq(sn_frontier_probes(f, caps, start, 8), 0);
    sn_frontier_free(f);

    /* a convex frontier: ends (0 EUR, 100 t), (100, 0); answers (20, 50) at 50 t, then (5, 75)
     * at 75 and (45, 25) at 25 each lie more than 0.01 * 100 below their chord, so all four
     * intervals are probed. Inner ones where the neighbouring segments' lines meet: between
     * (5, 75) and (20, 50) the lines through (0, 100)-(5, 75) (slope -0.2) and (20, 50)-(45, 25)
     * (slope -1) meet at e = (20 - 5 - 0.2 * 75 + 50) / 0.8 = 62.5 (both 7.5 EUR there);
     * between (20, 50) and (45, 25): slopes -0.6 and -2.2, e = (25 - 30 + 55) / 1.6 = 31.25.
     * The outer ones at their middles, 87.5 and 12.5. */
    cr_assert_eq(sn_frontier_create(0.01, 10, &f), SN_OK);
    cr_assert_eq(sn_frontier_add_end(f, &a), SN_OK);
    cr_assert_eq(sn_frontier_add_end(f, &b), SN_OK);
    cr_assert_eq(sn_frontier_probes(f, caps, start, 8), 1);
    sn_explore_point r1 = pt(20, 50, "r1"), r2 = pt(5, 75, "r2"), r3 = pt(45, 25, "r3");
    cr_assert_eq(sn_frontier_answer(f, 0, &r1), SN_OK);
    cr_assert_eq(sn_frontier_probes(f, caps, start, 8), 2);
    cr_expect(fabs(caps[0] - 75) < 1e-12 && fabs(caps[1] - 25) < 1e-12);
    cr_assert_eq(sn_frontier_answer(f, 0, &r2), SN_OK);
    cr_assert_eq(sn_frontier_answer(f, 1, &r3), SN_OK);
    cr_assert_eq(sn_frontier_probes(f, caps, start, 8), 4);
    const double want[] = {87.5, 62.5, 31.25, 12.5};
    for (int k = 0; k < 4; k++)
        cr_expect(fabs(caps[k] - want[k]) < 1e-9, "probe %d at %.17g", k, caps[k]);
    cr_expect_str_eq(start[1], "r1");
    sn_frontier_free(f);

    /* a case without a network settles its interval and is counted */
    cr_assert_eq(sn_frontier_create(0.01, 10, &f), SN_OK);
    cr_assert_eq(sn_frontier_add_end(f, &a), SN_OK);
    cr_assert_eq(sn_frontier_add_end(f, &b), SN_OK);
    cr_assert_eq(sn_frontier_probes(f, caps, start, 8), 1);
    cr_assert_eq(sn_frontier_answer(f, 0, NULL), SN_OK);
    cr_expect_eq(sn_frontier_failed(f), 1);
    cr_expect_eq(sn_frontier_probes(f, caps, start, 8), 0);
    sn_frontier_free(f);
}

/* The layouts found so far as region.exclude_layouts, and the cost cap c* + slack |c*|. */
Test(explore, alternatives_bookkeeping)
{
    sn_alternatives *a = NULL;
    cr_assert_eq(sn_alternatives_create(-0.01, &a), SN_EUSAGE);
    cr_assert_eq(sn_alternatives_create(0.05, &a), SN_OK);
    sn_explore_point o = pt(800, 0, "link:a hub:h"), b = pt(810, 0, ""), none = pt(NAN, NAN, "");
    cr_assert_eq(sn_alternatives_add(a, &none), SN_EUSAGE);
    cr_assert_eq(sn_alternatives_add(a, &o), SN_OK);
    cr_assert_eq(sn_alternatives_add(a, &b), SN_OK);
    cr_expect(fabs(sn_alternatives_cost_cap(a) - 840) < 1e-9);
    char *json = NULL;
    cr_assert_eq(sn_alternatives_exclude_json(a, &json), SN_OK);
    cr_expect_str_eq(json, "[[\"link:a\",\"hub:h\"],[]]");
    sn_free(json);
    cr_expect_eq(sn_alternatives_count(a), 2);
    sn_alternatives_free(a);
}

/* Every failed allocation of the explore bookkeeping and of sn_result_layout is SN_ENOMEM (or
 * -1 from sn_frontier_probes) and leaks nothing. */
Test(explore, every_failed_allocation_is_enomem)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_result *r = NULL;
    sn_params p;
    sn_params_init(&p);
    sn_edits *e = NULL;
    cr_assert_eq(sn_edits_create(&e), SN_OK);
    cr_assert_eq(sn_edits_add(e, SN_EDIT_SET, "region.objective=co2"), SN_OK);
    cr_assert_eq(sn_instance_load_file_edited(PARETO, e, &in, NULL, &d), SN_OK);
    sn_edits_free(e);
    cr_assert_eq(sn_run(in, &p, &r, &d), SN_OK);
    for (long k = 1;; k++) {
        long live = snp_alloc_live();
        char *built = NULL, *unbuilt = NULL;
        snp_alloc_fail_at(k);
        sn_status st = sn_result_layout(r, 1, &built);
        if (st == SN_OK)
            st = sn_result_layout(r, 0, &unbuilt);
        snp_alloc_fail_at(0);
        if (st == SN_OK) {
            cr_expect_str_eq(built, "link:a link:b");
            cr_expect_str_eq(unbuilt, "");
            sn_free(built);
            sn_free(unbuilt);
            cr_assert_eq(snp_alloc_live(), live);
            break;
        }
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld", k);
        cr_assert_null(unbuilt);
        sn_free(built);
        cr_assert_eq(snp_alloc_live(), live, "allocation %ld leaked", k);
    }
    sn_result_free(r);
    sn_instance_free(in);
    for (long k = 1;; k++) {
        long live = snp_alloc_live();
        snp_alloc_fail_at(k);
        sn_frontier *f = NULL;
        sn_explore_point lo = pt(850, 0, "link:a link:b"), hi = pt(550, 100, "");
        sn_explore_point mid = pt(650, 40, "link:a");
        double caps[4];
        const char *start[4];
        int ok =
            sn_frontier_create(0.01, 10, &f) == SN_OK && sn_frontier_add_end(f, &lo) == SN_OK &&
            sn_frontier_add_end(f, &hi) == SN_OK && sn_frontier_probes(f, caps, start, 4) == 1 &&
            sn_frontier_answer(f, 0, &mid) == SN_OK && sn_frontier_probes(f, caps, start, 4) == 2;
        sn_alternatives *a = NULL;
        char *json = NULL;
        ok = ok && sn_alternatives_create(0.05, &a) == SN_OK &&
             sn_alternatives_add(a, &lo) == SN_OK &&
             sn_alternatives_exclude_json(a, &json) == SN_OK;
        snp_alloc_fail_at(0);
        sn_free(json);
        sn_alternatives_free(a);
        sn_frontier_free(f);
        cr_assert_eq(snp_alloc_live(), live, "allocation %ld leaked", k);
        if (ok)
            break;
        cr_assert(k < 1000, "never succeeds");
    }
}

/* ---- --dir: interrupted and resumed (docs/pareto.md, "Interrupted and resumed") ------------ */

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

/* Expects run name's standard error to report solved cases solved and replayed taken. */
static void expect_counts(const char *name, const char *cmd, int solved, int replayed)
{
    char want[128];
    tu_fmt(want, sizeof want, "symnet: %s: %d case%s solved, %d taken from", cmd, solved,
           solved == 1 ? "" : "s", replayed);
    expect_err(name, want);
}

static void expect_same_file(const char *a, const char *b)
{
    char *x = tu_read_file(a, NULL), *y = tu_read_file(b, NULL);
    cr_assert(x && y, "missing %s or %s", a, b);
    cr_expect_str_eq(x, y, "%s and %s differ", a, b);
    free(x);
    free(y);
}

/* A 10 x 10 fixed-charge region whose disposal emits 1 t CO2e per t: each of its 16 pareto
 * cases is proven optimal (so every run gives the same table) but takes a good fraction of a
 * second, so the run is still going when SIGINT arrives after its fourth recorded answer. */
Test(explore, pareto_sigint_keeps_answers_and_resumes, .timeout = 600)
{
    char region[512], dir[512], state[600], full[512], fdir[512];
    tmp_path(region, sizeof region, "fctp.json");
    tmp_path(dir, sizeof dir, "run");
    tmp_path(fdir, sizeof fdir, "full");
    tmp_path(full, sizeof full, "full.out");
    tu_fmt(state, sizeof state, "%s/state", dir);
    char *doc = tu_fctp_region(10, 10, 7);
    FILE *f = fopen(region, "w");
    cr_assert_not_null(f);
    const char *cost = "\"disposal_cost\": 5";
    for (const char *p = doc; *p;) {
        const char *q = strstr(p, cost);
        if (!q) {
            fputs(p, f);
            break;
        }
        fprintf(f, "%.*s%s, \"disposal_co2\": 1", (int)(q - p), p, cost);
        p = q + strlen(cost);
    }
    fclose(f);
    free(doc);
    /* uninterrupted, for the table to compare with */
    const char *whole[] = {"pareto", region, "--jobs", "1", "--dir", fdir, NULL};
    cr_assert_eq(run("full", whole), 0);
    char fstate[600];
    tu_fmt(fstate, sizeof fstate, "%s/state", fdir);
    int total = count_lines(fstate, "case ");
    cr_assert(total >= 4, "%d cases", total);
    expect_counts("full", "pareto", total, 0);
    /* interrupted once the end points are settled */
    const char *args[] = {tu_symnet_bin(), "pareto", region, "--jobs", "1", "--dir", dir};
    char copies[7][1024], *argv[8];
    for (int k = 0; k < 7; k++) {
        tu_fmt(copies[k], sizeof copies[k], "%s", args[k]); /* tu_spawn wants writable strings */
        argv[k] = copies[k];
    }
    argv[7] = NULL;
    char out[600], err[600];
    tmp_path(out, sizeof out, "int.out");
    tmp_path(err, sizeof err, "int.err");
    pid_t pid = tu_spawn(argv, out, err);
    cr_assert(pid > 0);
    /* after the two ends and their refinements, so that the frontier has points to write */
    for (int t = 0; t < 2400 && count_lines(state, "case ") < 4; t++)
        nanosleep(&(struct timespec){0, 25000000}, NULL);
    cr_assert(count_lines(state, "case ") >= 4, "4 cases not finished within 60 s");
    kill(pid, SIGINT);
    int rc = tu_wait(pid);
    cr_assert_eq(rc, 7, "interrupted: exit %d, expected 7", rc);
    int done = count_lines(state, "case ");
    cr_assert(done >= 1 && done < total, "%d of %d cases finished before the interrupt", done,
              total);
    char *so_far = tu_read_file(out, NULL);
    cr_expect(so_far && so_far[0], "no table of the points so far");
    free(so_far);
    char *before = tu_read_file(state, NULL);
    cr_assert_not_null(before);
    /* the same command again: solves only the rest, and the same table */
    const char *again[] = {"pareto", region, "--jobs", "2", "--dir", dir, NULL};
    cr_assert_eq(run("again", again), 0);
    expect_counts("again", "pareto", total - done, done);
    cr_expect_eq(count_lines(state, "case "), total);
    char *after = tu_read_file(state, NULL);
    cr_expect(strncmp(before, after, strlen(before)) == 0, "recorded answers were rewritten");
    free(before);
    free(after);
    char again_out[600];
    tmp_path(again_out, sizeof again_out, "again.out");
    expect_same_file(full, again_out);
    /* and again, after a finished run: nothing solved, the same table */
    cr_assert_eq(run("third", again), 0);
    expect_counts("third", "pareto", 0, total);
    char third_out[600];
    tmp_path(third_out, sizeof third_out, "third.out");
    expect_same_file(full, third_out);
    cr_expect_eq(count_lines(state, "case "), total);
}

/* A finished alternatives run in --dir replays every answer; another command, option or region
 * in the same directory is refused with exit 2 and the state left as it was. */
Test(explore, rerun_in_dir_replays_and_another_run_is_refused)
{
    char dir[512], state[600], first[600], second[600];
    tmp_path(dir, sizeof dir, "alts");
    tu_fmt(state, sizeof state, "%s/state", dir);
    const char *a[] = {"alternatives", ALT, "--slack", "0.05", "--count", "3", "--dir", dir, NULL};
    cr_assert_eq(run("first", a), 0);
    int total = count_lines(state, "case ");
    cr_assert(total >= 3, "%d cases", total);
    expect_counts("first", "alternatives", total, 0);
    cr_assert_eq(run("second", a), 0);
    expect_counts("second", "alternatives", 0, total);
    tmp_path(first, sizeof first, "first.out");
    tmp_path(second, sizeof second, "second.out");
    expect_same_file(first, second);
    char *before = tu_read_file(state, NULL);
    cr_assert_not_null(before);
    const char *other[][10] = {
        {"alternatives", ALT, "--slack", "0.01", "--count", "3", "--dir", dir, NULL},
        {"alternatives", PARETO, "--slack", "0.05", "--count", "3", "--dir", dir, NULL},
        {"pareto", ALT, "--dir", dir, NULL},
    };
    for (size_t k = 0; k < sizeof other / sizeof other[0]; k++) {
        cr_expect_eq(run("other", other[k]), 2, "case %zu", k);
        expect_err("other", "holds another run");
        char *now = tu_read_file(state, NULL);
        cr_expect_str_eq(now, before, "case %zu changed the state", k);
        free(now);
    }
    free(before);
}
