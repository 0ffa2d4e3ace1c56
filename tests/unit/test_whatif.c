/*
 * test_whatif.c - the analyst's commands end to end (docs/whatif.md): overrides (--set,
 * --scenario, --force, --forbid, --without, check --print), candidates, evaluate and values,
 * on the binary ($SYMNET, default build/symnet), with answers derived by hand in the regions'
 * notes (tests/cases/whatif/) and below.
 */
#include "core/core_int.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TUTORIAL "instances/tutorial.json"
#define REFS "tests/cases/whatif/refs.json"
#define BREAKEVEN "tests/cases/whatif/breakeven.json"

TU_CLI_SUITE(whatif, "whatif")

/* The solution (or table) file at path, parsed; fails the test when unreadable. */
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

static int count(const cJSON *obj, const char *key)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(obj, key));
}

/* 1 when the solution builds the link with that id. */
static int builds(const cJSON *sol, const char *id)
{
    const cJSON *l;
    cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(sol, "links"))
    {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(l, "id");
        if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0)
            return 1;
    }
    return 0;
}

/* The leisure-centre pipe of the tutorial (docs/format.md, worked example) carries 1000 / 0.76
 * = 1315.789 MWh sent over 12 km to replace 1000 MWh of gas at 50 + 0.2 * cp. It costs CRF(5 %,
 * 30 yr) * 12 * (300000 + 200000) = 390308.61 a year plus 1315.789 * 12 * (0.1 + 0.0001 * cp).
 * It pays when 50000 + 200 cp >= 390308.61 + 1578.947 + 1.578947 cp, i.e. cp >= 341887.56 /
 * 198.42105 = 1723.05 EUR/t. Nothing else in the tutorial depends on it. */
Test(whatif, set_carbon_price_flips_the_tutorial_at_a_computed_price)
{
    char sol[512];
    tmp_path(sol, sizeof sol, "cp.json");
    const char *below[] = {"solve", TUTORIAL, "--set",   "region.carbon_price=1700",
                           "--out", sol,      "--quiet", NULL};
    cr_assert_eq(run("below", below), 0);
    cJSON *j = read_json(sol);
    cr_expect(!builds(j, "food_factory/leisure_centre/heat/pipe"), "built at 1700 EUR/t");
    cr_expect_eq(count(j, "links"), 2);
    const cJSON *ov = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "overrides"), 0);
    cr_expect_str_eq(cJSON_GetObjectItemCaseSensitive(ov, "override")->valuestring,
                     "--set region.carbon_price=1700");
    cJSON_Delete(j);
    const char *above[] = {"solve", TUTORIAL, "--set",   "region.carbon_price=1750",
                           "--out", sol,      "--quiet", NULL};
    cr_assert_eq(run("above", above), 0);
    j = read_json(sol);
    cr_expect(builds(j, "food_factory/leisure_centre/heat/pipe"), "not built at 1750 EUR/t");
    cJSON_Delete(j);
    /* the solution solved with an override agrees with the region only under it */
    const char *ver[] = {"verify", TUTORIAL, sol, "--set", "region.carbon_price=1750", NULL};
    cr_expect_eq(run("verify", ver), 0);
    const char *ver0[] = {"verify", TUTORIAL, sol, NULL};
    cr_expect_eq(run("verify0", ver0), 1);
}

/* A scenario (merge patch) and entries addressed by id and resource. The greenhouse's gas at
 * 20 instead of 50: the pipe to it saves 5400 * (20 + 16) = 194400 against 165868.59 a year:
 * still built; at 10 (5400 * 26 = 140400) it is not. */
Test(whatif, scenario_and_set_by_id_and_resource)
{
    char patch[512], sol[512];
    tmp_path(patch, sizeof patch, "patch.json");
    tmp_path(sol, sizeof sol, "sol.json");
    FILE *f = fopen(patch, "w");
    cr_assert_not_null(f);
    fputs("{\"region\": {\"carbon_price\": 80, \"capital_budget\": null}}", f);
    fclose(f);
    const char *a[] = {"solve", TUTORIAL, "--scenario",
                       patch,   "--set",  "facilities[greenhouse].demands[heat].price=10",
                       "--out", sol,      "--quiet",
                       NULL};
    cr_assert_eq(run("scenario", a), 0);
    cJSON *j = read_json(sol);
    cr_expect(!builds(j, "food_factory/greenhouse/heat/pipe"));
    cr_expect_eq(count(j, "overrides"), 2);
    cJSON_Delete(j);
    /* check --print writes the effective region, which reads back as the same region */
    const char *p[] = {"check",   TUTORIAL,
                       "--set",   "facilities[greenhouse].demands[heat].price=10",
                       "--print", NULL};
    cr_assert_eq(run("print", p), 0);
    char *out = tu_captured(tmpdir, "print", "out");
    cJSON *eff = cJSON_Parse(out);
    cr_assert_not_null(eff, "--print wrote no JSON:\n%s", out);
    const cJSON *gh = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(eff, "facilities"), 3);
    const cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(gh, "demands"), 0);
    cr_expect_float_eq(num(d, "price"), 10, 1e-12);
    cJSON_Delete(eff);
    free(out);
}

/* refs.json's notes: --without B removes B and link ab (1800 / 5000); --without A removes A,
 * link ab and corridor AC (9000 / 9000), and says so on stderr. */
Test(whatif, without_removes_the_facility_and_every_reference)
{
    char sol[512];
    tmp_path(sol, sizeof sol, "w.json");
    const char *b[] = {"solve", REFS, "--without", "B", "--out", sol, NULL};
    cr_assert_eq(run("withoutB", b), 0);
    cJSON *j = read_json(sol);
    cr_expect_float_eq(num(j, "objective"), 1800, 1e-9);
    cr_expect_float_eq(num(cJSON_GetObjectItemCaseSensitive(j, "bau"), "cost"), 5000, 1e-9);
    cJSON_Delete(j);
    char *err = tu_captured(tmpdir, "withoutB", "err");
    cr_expect(strstr(err, "--without B: removed facility B, 1 explicit link (ab)") != NULL, "%s",
              err);
    free(err);
    const char *a[] = {"solve", REFS, "--without", "A", "--out", sol, NULL};
    cr_assert_eq(run("withoutA", a), 0);
    j = read_json(sol);
    cr_expect_float_eq(num(j, "objective"), 9000, 1e-9);
    cr_expect_eq(count(j, "links"), 0);
    cr_expect_eq(count(j, "corridors"), 0);
    cJSON_Delete(j);
    err = tu_captured(tmpdir, "withoutA", "err");
    cr_expect(strstr(err, "removed facility A, 1 explicit link (ab), 1 corridor (AC)") != NULL,
              "%s", err);
    free(err);
}

/* Bad overrides: every problem at once, located, naming the override; exit 3; nothing
 * written. */
Test(whatif, bad_overrides_are_located_all_at_once_and_nothing_is_written)
{
    char sol[512];
    tmp_path(sol, sizeof sol, "bad.json");
    const char *a[] = {"solve",     TUTORIAL,
                       "--set",     "region.nope=1",
                       "--set",     "region.carbon_price=abc",
                       "--set",     "facilities[brewry].name=x",
                       "--force",   "nosuch",
                       "--forbid",  "brewery/greenhouse/heat/pipe",
                       "--without", "hub9",
                       "--out",     sol,
                       NULL};
    cr_assert_eq(run("bad", a), 3);
    cr_expect(!tu_exists(sol), "an output was written");
    char *err = tu_captured(tmpdir, "bad", "err");
    const char *want[] = {
        "region.nope: unknown key \"nope\"",
        "(after --set region.nope=1)",
        "region.carbon_price: expected a number >= 0, got \"abc\" (after --set "
        "region.carbon_price=abc)",
        "--set facilities[brewry].name=x: facilities has no entry with id or resource "
        "\"brewry\" (did you mean \"brewery\"?)",
        "--force nosuch: no link, hub or corridor has the id \"nosuch\"",
        "expected a node that can send \"heat\", got \"brewery\"",
        "(after --forbid brewery/greenhouse/heat/pipe)",
        "--without hub9: no facility has the id \"hub9\"",
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        cr_expect(strstr(err, want[k]) != NULL, "missing \"%s\" in:\n%s", want[k], err);
    free(err);
}

/* The tutorial's candidates: two offered, the leisure-centre pipe pruned: at most 1315.79 MWh
 * a year at a margin of 0.76 * 66 - 1.296 = 48.864 earns 64294.74 < 390308.61. */
Test(whatif, candidates_lists_offered_and_pruned_links_with_why)
{
    char csv[512], js[512];
    tmp_path(csv, sizeof csv, "c.csv");
    tmp_path(js, sizeof js, "c.json");
    const char *a[] = {"candidates", TUTORIAL, "--csv", csv, "--out", js, "--quiet", NULL};
    cr_assert_eq(run("cand", a), 0);
    cJSON *j = read_json(js);
    const cJSON *c;
    int pruned = 0, n = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(j, "candidates"))
    {
        n++;
        if (strcmp(cJSON_GetObjectItemCaseSensitive(c, "status")->valuestring, "pruned") == 0) {
            pruned++;
            cr_expect_str_eq(cJSON_GetObjectItemCaseSensitive(c, "id")->valuestring,
                             "food_factory/leisure_centre/heat/pipe");
            cr_expect_float_eq(num(c, "max_flow") * (0.76 * 66 - 1.296), 64294.74, 0.01);
            /* the proof names its units: MWh a year, EUR per MWh, EUR a year */
            const char *why = cJSON_GetObjectItemCaseSensitive(c, "why")->valuestring;
            cr_expect(strstr(why, "at most 1,315.79 MWh a year at a margin of 48.864 EUR per MWh "
                                  "earns 64,294.74 EUR a year") != NULL,
                      "%s", why);
        }
    }
    cr_expect_eq(n, 3);
    cr_expect_eq(pruned, 1);
    cJSON_Delete(j);
    char *text = tu_read_file(csv, NULL);
    cr_assert_not_null(text);
    cr_expect(strncmp(text, "kind,id,from,to,resource,mode,", 30) == 0);
    free(text);
}

/* evaluate the tutorial layout of both heat pipes and no truck (hand: docs/format.md figures):
 * brewery disposes of 2000 t at 41 = 82000, the farm buys 1500 t at 68 = 102000, the
 * greenhouse pipe 165868.59, the leisure pipe 390308.61 + 1315.79 * 12 * 0.108 = 392013.87:
 * 741882.46 a year, 479313.87 more than the optimum 262568.59. */
Test(whatif, evaluate_costs_a_hand_layout_against_the_optimum)
{
    char lay[512], sol[512];
    tmp_path(lay, sizeof lay, "layout.json");
    tmp_path(sol, sizeof sol, "ev.json");
    FILE *f = fopen(lay, "w");
    cr_assert_not_null(f);
    fputs("[\"food_factory/greenhouse/heat/pipe\", \"food_factory/leisure_centre/heat/pipe\"]", f);
    fclose(f);
    const char *a[] = {"evaluate", TUTORIAL, "--layout", lay, "--out", sol, "--quiet", NULL};
    cr_assert_eq(run("eval", a), 0);
    cJSON *j = read_json(sol);
    cr_expect_float_eq(num(j, "objective"), 741882.46, 0.01);
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(j, "evaluation");
    cr_expect_float_eq(num(ev, "optimum"), 262568.59, 0.01);
    cr_expect_float_eq(num(ev, "excess"), 479313.87, 0.01);
    cr_expect(!builds(j, "brewery/dairy_farm/spent_grain/truck"), "built outside the layout");
    cJSON_Delete(j);
    /* --optimum from a file gives the same excess */
    char opt[512];
    tmp_path(opt, sizeof opt, "opt.json");
    const char *s[] = {"solve", TUTORIAL, "--out", opt, "--quiet", NULL};
    cr_assert_eq(run("opt", s), 0);
    const char *b[] = {"evaluate", TUTORIAL, "--layout", lay,       "--optimum",
                       opt,        "--out",  sol,        "--quiet", NULL};
    cr_assert_eq(run("eval2", b), 0);
    j = read_json(sol);
    cr_expect_float_eq(num(cJSON_GetObjectItemCaseSensitive(j, "evaluation"), "excess"), 479313.87,
                       0.01);
    cJSON_Delete(j);
    /* the empty layout is business as usual: 606400 a year, 343831.41 above the optimum */
    f = fopen(lay, "w");
    cr_assert_not_null(f);
    fputs("{\"links\": []}", f);
    fclose(f);
    cr_assert_eq(run("eval0", a), 0);
    j = read_json(sol);
    cr_expect_float_eq(num(j, "objective"), 606400, 1e-6);
    cr_expect_float_eq(num(cJSON_GetObjectItemCaseSensitive(j, "evaluation"), "excess"), 343831.41,
                       0.01);
    cJSON_Delete(j);
    /* a layout naming a link that is no candidate: located, exit 3, nothing written */
    f = fopen(lay, "w");
    cr_assert_not_null(f);
    fputs("{\"links\": [\"brewery/greenhouse/heat/pipe\"]}", f);
    fclose(f);
    remove(sol);
    cr_expect_eq(run("eval3", a), 3);
    cr_expect(!tu_exists(sol));
    char *err = tu_captured(tmpdir, "eval3", "err");
    cr_expect(strstr(err, "expected a node that can send \"heat\"") != NULL, "%s", err);
    free(err);
}

/* A layout that cannot meet a requirement is explained in the region's ids: case 14 must serve
 * D's heat, and a layout of the ash truck alone builds no link into D (exit 4). */
Test(whatif, evaluate_explains_an_infeasible_layout)
{
    char lay[512], sol[512];
    tmp_path(lay, sizeof lay, "layout14.json");
    tmp_path(sol, sizeof sol, "ev14.json");
    FILE *f = fopen(lay, "w");
    cr_assert_not_null(f);
    fputs("[\"A/B/ash/truck\"]", f);
    fclose(f);
    const char *a[] = {"evaluate", "tests/cases/ok/14_must_serve_must_take.json",
                       "--layout", lay,
                       "--out",    sol,
                       "--quiet",  NULL};
    cr_assert_eq(run("eval14", a), 4);
    char *err = tu_captured(tmpdir, "eval14", "err");
    cr_expect(strstr(err, "the layout is infeasible") != NULL, "%s", err);
    cr_expect(strstr(err, "facilities[3].demands[0]: D needs 400 MWh of heat") != NULL, "%s", err);
    cr_expect(strstr(err, "the layout builds no link into D for heat") != NULL, "%s", err);
    free(err);
    cJSON *j = read_json(sol);
    cr_expect_str_eq(cJSON_GetObjectItemCaseSensitive(j, "status")->valuestring, "infeasible");
    cJSON_Delete(j);
}

/* breakeven.json's notes: the candidate ab must fall by 20000 a year, to below 40000; re-solved
 * at 40000 the networks tie (50000) and at 39999 it enters (49999). */
Test(whatif, values_break_even_is_exact)
{
    char js[512];
    tmp_path(js, sizeof js, "v.json");
    const char *a[] = {"values", BREAKEVEN, "--out", js, "--jobs", "2", "--quiet", NULL};
    cr_assert_eq(run("values", a), 0);
    cJSON *j = read_json(js);
    const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "entries"), 0);
    cr_assert_not_null(e);
    cr_expect_str_eq(cJSON_GetObjectItemCaseSensitive(e, "id")->valuestring, "ab");
    cr_expect_str_eq(cJSON_GetObjectItemCaseSensitive(e, "question")->valuestring, "force");
    cr_expect_float_eq(num(e, "delta"), 20000, 1e-6);
    cr_expect_float_eq(num(e, "derived"), 40000, 1e-6);
    cJSON_Delete(j);
    char sol[512];
    tmp_path(sol, sizeof sol, "s.json");
    const char *tie[] = {"solve", BREAKEVEN, "--set",   "links[ab].fixed_cost_per_yr=40000",
                         "--out", sol,       "--quiet", NULL};
    cr_assert_eq(run("tie", tie), 0);
    j = read_json(sol);
    cr_expect_float_eq(num(j, "objective"), 50000, 1e-6);
    cJSON_Delete(j);
    const char *enters[] = {"solve", BREAKEVEN, "--set",   "links[ab].fixed_cost_per_yr=39999",
                            "--out", sol,       "--quiet", NULL};
    cr_assert_eq(run("enters", enters), 0);
    j = read_json(sol);
    cr_expect_float_eq(num(j, "objective"), 49999, 1e-6);
    cr_expect(builds(j, "ab"));
    cJSON_Delete(j);
}

/* values on refs.json: ab is worth 4000 - 1000 = 3000 a year; the pipe A->C 5000 - 1800 =
 * 3200 (its corridor goes with it). Forbidding the corridor AC makes the pipe pay civil works
 * over the straight line A-C of 6 km: 0.1 * 6 * 12000 = 7200 > 5000, so the pipe goes too and
 * the loss is again 3200. --partners: without A nothing can be exchanged (savings 0). The table
 * is the same for 1 and 3 workers. */
Test(whatif, values_of_built_elements_and_partners)
{
    char j1[512], j3[512];
    tmp_path(j1, sizeof j1, "v1.json");
    tmp_path(j3, sizeof j3, "v3.json");
    const char *a[] = {"values", REFS, "--partners", "--out", j1, "--jobs", "1", "--quiet", NULL};
    cr_assert_eq(run("v1", a), 0);
    const char *b[] = {"values", REFS, "--partners", "--out", j3, "--jobs", "3", "--quiet", NULL};
    cr_assert_eq(run("v3", b), 0);
    char *t1 = tu_read_file(j1, NULL), *t3 = tu_read_file(j3, NULL);
    cr_assert(t1 && t3);
    cr_expect_str_eq(t1, t3, "the table depends on --jobs");
    free(t3);
    cJSON *j = cJSON_Parse(t1);
    free(t1);
    cr_assert_not_null(j);
    const cJSON *e;
    int seen = 0;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(j, "entries"))
    {
        const char *id = cJSON_GetObjectItemCaseSensitive(e, "id")->valuestring;
        const char *q = cJSON_GetObjectItemCaseSensitive(e, "question")->valuestring;
        if (strcmp(q, "forbid") == 0 && strcmp(id, "ab") == 0) {
            cr_expect_float_eq(num(e, "delta"), 3000, 1e-6);
            seen++;
        }
        if (strcmp(q, "forbid") == 0 && strcmp(id, "A/C/steam/pipe") == 0) {
            cr_expect_float_eq(num(e, "delta"), 3200, 1e-6);
            seen++;
        }
        if (strcmp(q, "forbid") == 0 && strcmp(id, "AC") == 0) {
            cr_expect_float_eq(num(e, "delta"), 3200, 1e-6);
            seen++;
        }
        if (strcmp(q, "without") == 0 && strcmp(id, "A") == 0) {
            cr_expect_float_eq(num(e, "derived"), 0, 1e-6);
            seen++;
        }
    }
    cr_expect_eq(seen, 4);
    cJSON_Delete(j);
}

/* A solution evaluated as its own layout costs exactly its optimum (excess 0) on real regions:
 * Kwinana (a quality-tracked resource from a hub the layout leaves out, so forbidden) and
 * Willapa Harbor (a hub whose built capacity option the layout keeps). Also --forbid of that
 * Kwinana hub alone. */
Test(whatif, an_optimum_evaluated_as_its_own_layout_costs_the_optimum)
{
    static const char *const regions[] = {"instances/kwinana.json",
                                          "instances/willapa_harbor.json"};
    for (size_t k = 0; k < sizeof regions / sizeof regions[0]; k++) {
        char opt[512], ev[512];
        tmp_path(opt, sizeof opt, "own_opt.json");
        tmp_path(ev, sizeof ev, "own_ev.json");
        const char *s[] = {"solve", regions[k], "--out", opt, "--quiet", NULL};
        cr_assert_eq(run("own_solve", s), 0, "%s", regions[k]);
        const char *e[] = {"evaluate", regions[k], "--layout", opt,       "--optimum",
                           opt,        "--out",    ev,         "--quiet", NULL};
        cr_assert_eq(run("own_eval", e), 0, "%s", regions[k]);
        cJSON *o = read_json(opt), *j = read_json(ev);
        cr_expect_float_eq(num(j, "objective"), num(o, "objective"),
                           1e-9 * fabs(num(o, "objective")) + 1e-6, "%s", regions[k]);
        cr_expect_eq(count(j, "links"), count(o, "links"), "%s", regions[k]);
        cr_expect_eq(count(j, "hubs"), count(o, "hubs"), "%s", regions[k]);
        cJSON_Delete(o);
        cJSON_Delete(j);
    }
    char sol[512];
    tmp_path(sol, sizeof sol, "kf.json");
    const char *f[] = {
        "solve", "instances/kwinana.json", "--forbid", "kwrp_mf_only", "--out", sol, "--quiet",
        NULL};
    cr_expect_eq(run("kwinana_forbid", f), 0);
}

/* ---- the overrides through the library: edge cases and fault injection -------------------- */

static void write_tmp(const char *name, const char *text)
{
    char path[512];
    tmp_path(path, sizeof path, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* Loads region with the n overrides (kinds[i], args[i]; an argument naming a scenario or layout
 * is a file in the test's directory). Returns the status; *eff and the messages in *d. */
static sn_status load_edited(const char *region, int n, const sn_edit_kind *kinds,
                             const char *const *args, char **eff, sn_diag *d)
{
    sn_edits *e = NULL;
    cr_assert_eq(sn_edits_create(&e), SN_OK);
    for (int i = 0; i < n; i++) {
        char path[512];
        if (kinds[i] == SN_EDIT_SCENARIO || kinds[i] == SN_EDIT_LAYOUT)
            tmp_path(path, sizeof path, args[i]);
        cr_assert_eq(sn_edits_add(e, kinds[i],
                                  kinds[i] == SN_EDIT_SCENARIO || kinds[i] == SN_EDIT_LAYOUT
                                      ? path
                                      : args[i]),
                     SN_OK);
    }
    sn_diag_init(d);
    sn_instance *in = NULL;
    *eff = NULL;
    sn_status st = sn_instance_load_file_edited(region, e, &in, eff, d);
    cr_assert((st == SN_OK) == (in != NULL) && (st == SN_OK) == (*eff != NULL));
    sn_instance_free(in);
    sn_edits_free(e);
    return st;
}

/* One override on the tutorial: its status, and the message or the effective region contains
 * want. */
static void expect_edit(sn_edit_kind kind, const char *arg, sn_status want_st, const char *want)
{
    char *eff;
    sn_diag d;
    sn_status st = load_edited(TUTORIAL, 1, &kind, &arg, &eff, &d);
    cr_expect_eq(st, want_st, "%s: %s", arg, sn_status_name(st));
    int found = eff && strstr(eff, want);
    for (int i = 0; i < d.count; i++)
        found |= strstr(d.errors[i].message, want) != NULL;
    cr_expect(found, "%s: no \"%s\" in %s%s", arg, want, d.count ? d.errors[0].message : "",
              eff ? eff : "");
    sn_free(eff);
}

/* The cases of docs/testing.md (Fuzzing, fuzz_edits) tried by hand. */
Test(whatif, override_edge_cases, .init = setup, .fini = teardown)
{
    expect_edit(SN_EDIT_SET, "region[\"carbon_price\"]=1700", SN_OK, "\"carbon_price\":\t1700");
    expect_edit(SN_EDIT_SET, "region[\"carbon\\\"price\"]=1", SN_EINPUT,
                "unknown key \"carbon\\\"price\" (did you mean \"carbon_price\"?)");
    expect_edit(SN_EDIT_SET, "facilities[99999999999999999999999].id=x", SN_EINPUT,
                "facilities has 5 entries, so there is no [99999999999999999999999]");
    expect_edit(SN_EDIT_SET, "region.carbon_price.x=1", SN_EINPUT,
                "region.carbon_price is not an object, so it has no key \"x\"");
    expect_edit(SN_EDIT_SET, "facilities.x=1", SN_EINPUT,
                "facilities is not an object, so it has no key \"x\"");
    expect_edit(SN_EDIT_SET, "region.name[0]=1", SN_EINPUT,
                "region.name is not a list, so it has no entry [0]");
    /* null removes; through a key that is not there it creates nothing on the way (an empty
     * "truck": {} would let heat travel by truck) */
    char *eff;
    sn_diag d;
    sn_edit_kind set = SN_EDIT_SET;
    const char *arg = "resources[heat].truck.max_km=null";
    cr_assert_eq(load_edited(TUTORIAL, 1, &set, &arg, &eff, &d), SN_OK);
    const char *t = strstr(eff, "\"truck\"");
    cr_expect(t && !strstr(t + 1, "\"truck\""), "only spent grain has a truck:\n%s", eff);
    sn_free(eff);
    /* five slashes, an empty part, an unknown mode */
    expect_edit(SN_EDIT_FORCE, "a/b/c/d/e/f", SN_EINPUT,
                "\"a/b/c/d/e/f\": expected a link id or FROM/TO/RESOURCE/MODE");
    expect_edit(SN_EDIT_FORCE, "brewery//spent_grain/truck", SN_EINPUT,
                "expected a link id or FROM/TO/RESOURCE/MODE");
    expect_edit(SN_EDIT_FORBID, "brewery/dairy_farm/spent_grain/boat", SN_EINPUT,
                "(MODE pipe or truck)");
    /* a merge patch with nested nulls: RFC 7386 makes "x": {} on the way, an unknown key */
    write_tmp("nested.json", "{\"region\": {\"capital_budget\": null, \"carbon_price\": 90, "
                             "\"x\": {\"y\": null}}, \"notes\": null}");
    expect_edit(SN_EDIT_SCENARIO, "nested.json", SN_EINPUT, "unknown key \"x\"");
    write_tmp("nested_ok.json", "{\"region\": {\"capital_budget\": null, \"carbon_price\": 90}}");
    expect_edit(SN_EDIT_SCENARIO, "nested_ok.json", SN_OK, "\"carbon_price\":\t90");
    /* a layout that is the solution file of an infeasible region */
    write_tmp("infeasible.json", "{\"format\": \"symnet-solution/1\", \"status\": \"infeasible\", "
                                 "\"links\": [], \"hubs\": [], \"corridors\": []}");
    expect_edit(SN_EDIT_LAYOUT, "infeasible.json", SN_EINPUT,
                "expected a solution with a network to evaluate, got status \"infeasible\"");
    /* an unknown kind of override is refused when added */
    sn_edits *e = NULL;
    cr_assert_eq(sn_edits_create(&e), SN_OK);
    cr_expect_eq(sn_edits_add(e, (sn_edit_kind)(SN_EDIT_WAYS + 1), "x"), SN_EUSAGE);
    cr_expect_eq(sn_edits_add(e, (sn_edit_kind)-1, "x"), SN_EUSAGE);
    cr_expect_eq(sn_edits_count(e), 0);
    sn_edits_free(e);
}

/* --without the only facility says so (the validator adds that facilities is empty); --without
 * a facility whose id is 1500 characters long (ids are checked after the overrides) does not
 * overflow the message of what it removed. */
Test(whatif, without_the_only_facility_and_a_long_id, .init = setup, .fini = teardown)
{
    write_tmp("one.json", "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"one\", "
                          "\"coordinates\": \"planar_km\", \"currency\": \"EUR\", "
                          "\"discount_rate\": 0, \"lifetime_yr\": 10}, \"resources\": [{\"id\": "
                          "\"heat\", \"unit\": \"MWh\"}], \"facilities\": [{\"id\": \"A\", "
                          "\"location\": [0, 0]}]}");
    char one[512];
    tmp_path(one, sizeof one, "one.json");
    sn_edit_kind without = SN_EDIT_WITHOUT;
    const char *arg = "A";
    char *eff;
    sn_diag d;
    cr_assert_eq(load_edited(one, 1, &without, &arg, &eff, &d), SN_EINPUT);
    cr_assert_geq(d.count, 1);
    cr_expect(strstr(d.errors[0].message,
                     "--without A: \"A\" is the only facility, and a region needs at least one"),
              "%s", d.errors[0].message);

    char id[1501], text[4096];
    memset(id, 'b', 1500);
    id[1500] = '\0';
    tu_fmt(text, sizeof text,
           "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"long\", "
           "\"coordinates\": \"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, "
           "\"lifetime_yr\": 10}, \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\"}], "
           "\"facilities\": [{\"id\": \"A\", \"location\": [0, 0]}, {\"id\": \"%s\", "
           "\"location\": [1, 1]}], \"links\": [{\"id\": \"l\", \"from\": \"%s\", \"to\": \"A\", "
           "\"resource\": \"heat\", \"mode\": \"pipe\"}]}",
           id, id);
    write_tmp("long.json", text);
    char path[512];
    tmp_path(path, sizeof path, "long.json");
    arg = id;
    cr_expect_eq(load_edited(path, 1, &without, &arg, &eff, &d), SN_OK);
    sn_free(eff);
}

/* Fault injection (docs/testing.md) through every kind of override at once: failing allocation
 * N = 1, 2, ... returns SN_ENOMEM with a message and leaks nothing, until a run that reaches no
 * failure succeeds. Before the fuzzer (fuzz_edits) found it, a failure while parsing the region
 * read it without its overrides and succeeded, and one while parsing a --set value stored the
 * text as a string. */
Test(whatif, every_failed_allocation_of_an_edited_load_is_enomem, .init = setup, .fini = teardown)
{
    write_tmp("scenario.json", "{\"region\": {\"carbon_price\": 90, \"capital_budget\": null}}");
    write_tmp("layout.json", "{\"links\": [\"brewery/dairy_farm/spent_grain/truck\", "
                             "{\"from\": \"food_factory\", \"to\": \"greenhouse\", "
                             "\"resource\": \"heat\", \"mode\": \"pipe\"}]}");
    const sn_edit_kind kinds[] = {SN_EDIT_SET,    SN_EDIT_SET,     SN_EDIT_SCENARIO, SN_EDIT_FORCE,
                                  SN_EDIT_FORBID, SN_EDIT_WITHOUT, SN_EDIT_LAYOUT,   SN_EDIT_SET};
    const char *const args[] = {"region.carbon_price=120",
                                "facilities[dairy_farm].demands[spent_grain].price=70",
                                "scenario.json",
                                "food_factory/greenhouse/heat/pipe",
                                "food_factory/leisure_centre/heat/pipe",
                                "leisure_centre",
                                "layout.json",
                                "region.name=\"the valley\""};
    int n = (int)(sizeof kinds / sizeof kinds[0]);
    sn_edits *e = NULL;
    cr_assert_eq(sn_edits_create(&e), SN_OK);
    for (int i = 0; i < n; i++) {
        char path[512];
        if (kinds[i] == SN_EDIT_SCENARIO || kinds[i] == SN_EDIT_LAYOUT)
            tmp_path(path, sizeof path, args[i]);
        cr_assert_eq(sn_edits_add(e, kinds[i],
                                  kinds[i] == SN_EDIT_SCENARIO || kinds[i] == SN_EDIT_LAYOUT
                                      ? path
                                      : args[i]),
                     SN_OK);
    }
    for (long k = 1;; k++) {
        cr_assert_lt(k, 100000, "the load never succeeded");
        long live = snp_alloc_live();
        sn_diag d;
        sn_diag_init(&d);
        sn_instance *in = NULL;
        char *eff = NULL;
        snp_alloc_fail_at(k);
        sn_status st = sn_instance_load_file_edited(TUTORIAL, e, &in, &eff, &d);
        int reached = snp_alloc_count() >= k;
        snp_alloc_fail_at(0);
        if (!reached) {
            cr_assert_eq(st, SN_OK, "%s: %s", sn_status_name(st),
                         d.count ? d.errors[0].message : "");
            cr_expect_eq(sn_instance_edit_count(in), n);
            cr_expect(strstr(eff, "\"the valley\""));
            sn_free(eff);
            sn_instance_free(in);
            cr_assert_eq(snp_alloc_live(), live);
            break;
        }
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld: %s: %s", k, sn_status_name(st),
                     d.count ? d.errors[0].message : "");
        cr_assert(in == NULL && eff == NULL, "allocation %ld", k);
        cr_assert_gt(d.count, 0, "allocation %ld: no message", k);
        cr_assert_eq(snp_alloc_live(), live, "allocation %ld: %ld blocks leaked", k,
                     snp_alloc_live() - live);
    }
    sn_edits_free(e);
}
