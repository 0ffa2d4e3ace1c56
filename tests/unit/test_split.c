/*
 * test_split.c - independent parts solved apart (src/solve/split.c, docs/model.md 11.7, the
 * plugin "split").
 *
 * - tests/cases/ok/19: two towns no candidate joins; the optimum 18,100 is derived in the
 *   region's notes (west 11,800 as case 01, east 6,300), the same with the split off, and the
 *   statistics count the parts: the two towns hold a build decision each, and the pruned A->C
 *   (it never pays, model.md 2.2) leaves C's purchase alone, in the rest part: 3 solved apart.
 * - tests/cases/ok/20: the same towns under a capital budget of 100,000, whose row holds both
 *   pipes: no split, optimum 19,800 (notes).
 * - tests/cases/ok/21: east cannot serve E: the region is infeasible, with a certificate.
 * - Generated towns (bench/gen --clusters): the optimum with the split is the optimum without,
 *   the assembled network passes the self-check, progress never shows an incumbent under the
 *   bound, and a budget that binds joins the parts whose decisions have capital.
 */
#include "solve/solve_int.h"
#include "symnet.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK_CASES "tests/cases/ok"

static void fail_diag(const char *what, const sn_diag *d, const char *path)
{
    char buf[1200] = "(no diagnostic)";
    if (d->count > 0)
        sn_error_format(&d->errors[0], buf, sizeof buf);
    cr_assert_fail("%s failed: %s (%s)", what, buf, path);
}

static int split_plugin(void)
{
    for (int i = 0; sn_plugin_name(i); i++)
        if (strcmp(sn_plugin_name(i), "split") == 0)
            return i;
    cr_assert_fail("no plugin \"split\" in the table");
    return -1;
}

typedef struct run {
    sn_instance *in;
    sn_model *m;
    sn_solution *s;
} run;

/* Loads path, builds its network model and solves it with p (default parameters when NULL);
 * an optimal or feasible solution must pass the solver's self-check. */
static run solve_file(const char *path, const sn_params *p)
{
    run r = {NULL, NULL, NULL};
    sn_diag d;
    sn_diag_init(&d);
    if (sn_instance_load_file(path, &r.in, &d) != SN_OK)
        fail_diag("load", &d, path);
    sn_diag_init(&d);
    if (sn_model_build(r.in, SN_MODEL_NETWORK, &r.m, &d) != SN_OK)
        fail_diag("build", &d, path);
    sn_params q;
    sn_params_init(&q);
    if (p)
        q = *p;
    sn_diag_init(&d);
    if (sn_solve(r.m, &q, &r.s, &d) != SN_OK)
        fail_diag("sn_solve", &d, path);
    sn_solution_status st = sn_solution_status_get(r.s);
    if (st == SN_SOL_OPTIMAL || st == SN_SOL_FEASIBLE) {
        sn_diag_init(&d);
        if (sn_solution_check(r.in, r.m, r.s, &d) != SN_OK)
            fail_diag("sn_solution_check", &d, path);
    }
    return r;
}

static void run_free(run *r)
{
    sn_solution_free(r->s);
    sn_model_free(r->m);
    sn_instance_free(r->in);
}

static sn_params without_split(void)
{
    sn_params p;
    sn_params_init(&p);
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_params_disable(&p, "split", &d), SN_OK);
    return p;
}

static const snp_plugin_stats *split_stats(const run *r)
{
    return &r->s->plugin_stats[split_plugin()];
}

Test(split, the_table_entry_is_a_decomposition_switched_by_its_name)
{
    int i = split_plugin();
    const snp_plugin *pl = snp_plugin_get(i);
    cr_assert_eq(pl->kind, SNP_PLUGIN_DECOMPOSITION);
    cr_assert(pl->default_on);
    sn_params def;
    sn_params_init(&def); /* carrycuts is off by default */
    sn_params p = without_split();
    cr_assert_eq(p.disabled_plugins, def.disabled_plugins | 1u << i);
    cr_assert_eq(def.disabled_plugins >> i & 1u, 0u);
}

Test(split, two_towns_are_solved_apart_with_the_hand_optimum)
{
    run r = solve_file(OK_CASES "/31_independent_parts.json", NULL);
    cr_assert_eq(sn_solution_status_get(r.s), SN_SOL_OPTIMAL);
    cr_assert_float_eq(sn_solution_objective(r.s), 18100, 1e-6);
    cr_assert_float_eq(sn_solution_bound(r.s), 18100, 1e-6);
    const snp_plugin_stats *st = split_stats(&r);
    cr_assert(st->enabled);
    cr_assert_eq(st->calls, 1);
    cr_assert_eq(st->found, 2, "parts with a decision: %ld", st->found);
    cr_assert_eq(st->apart, 3, "parts solved apart: %ld", st->apart);
    cr_assert(st->seconds >= 0);
    run_free(&r);

    sn_params p = without_split();
    r = solve_file(OK_CASES "/31_independent_parts.json", &p);
    cr_assert_eq(sn_solution_status_get(r.s), SN_SOL_OPTIMAL);
    cr_assert_float_eq(sn_solution_objective(r.s), 18100, 1e-6);
    st = split_stats(&r);
    cr_assert(!st->enabled);
    cr_assert_eq(st->calls, 0);
    cr_assert_eq(st->apart, 0);
    run_free(&r);
}

Test(split, a_budget_couples_the_towns_and_nothing_is_split)
{
    run r = solve_file(OK_CASES "/32_parts_coupled_by_budget.json", NULL);
    cr_assert_eq(sn_solution_status_get(r.s), SN_SOL_OPTIMAL);
    cr_assert_float_eq(sn_solution_objective(r.s), 19800, 1e-6);
    const snp_plugin_stats *st = split_stats(&r);
    cr_assert_eq(st->calls, 1);
    cr_assert_eq(st->found, 1, "parts with a decision: %ld", st->found);
    cr_assert_eq(st->apart, 0, "a coupled region was split into %ld parts", st->apart);
    run_free(&r);
}

Test(split, one_town_is_not_split)
{
    run r = solve_file(OK_CASES "/01_pipe_pays_or_not.json", NULL);
    cr_assert_float_eq(sn_solution_objective(r.s), 11800, 1e-6);
    cr_assert_eq(split_stats(&r)->found, 1);
    cr_assert_eq(split_stats(&r)->apart, 0);
    run_free(&r);
}

Test(split, an_infeasible_town_makes_the_region_infeasible_with_a_certificate)
{
    for (int off = 0; off < 2; off++) {
        sn_params p = without_split();
        if (!off)
            sn_params_init(&p);
        run r = solve_file(OK_CASES "/33_infeasible_part.json", &p);
        cr_assert_eq(sn_solution_status_get(r.s), SN_SOL_INFEASIBLE, "split %s: %s",
                     off ? "off" : "on", sn_solution_status_name(sn_solution_status_get(r.s)));
        cr_assert_eq(r.s->proof, SNP_PROOF_CERTIFICATE);
        cr_assert(!r.s->has_x);
        cr_assert_eq(split_stats(&r)->apart, off ? 0 : 3);
        run_free(&r);
    }
}

/* bench/gen --clusters K --facilities N --seed S [--budget B] into dir/NAME.json. */
static void gen_towns(const char *dir, const char *name, const char *k, const char *n,
                      const char *budget, char *region, size_t size)
{
    char gen[256], out[160], err[160];
    tu_fmt(region, size, "%s/%s.json", dir, name);
    tu_fmt(gen, sizeof gen, "%s/gen", tu_env_or("BENCH_BIN", "build/bench"));
    char o_clusters[] = "--clusters", o_fac[] = "--facilities", o_seed[] = "--seed", seed[] = "2",
         o_out[] = "-o", o_budget[] = "--budget";
    char kk[16], nn[16], bb[32];
    tu_fmt(kk, sizeof kk, "%s", k);
    tu_fmt(nn, sizeof nn, "%s", n);
    tu_fmt(bb, sizeof bb, "%s", budget ? budget : "");
    char *argv[] = {gen,    o_clusters, kk,    o_fac,  nn,
                    o_seed, seed,       o_out, region, budget ? o_budget : NULL,
                    bb,     NULL};
    tu_fmt(out, sizeof out, "%s/gen.out", dir);
    tu_fmt(err, sizeof err, "%s/gen.err", dir);
    int rc = tu_wait(tu_spawn(argv, out, err));
    cr_assert_eq(rc, 0, "%s failed (exit %d)", gen, rc);
}

typedef struct watch {
    int calls, below;
    double worst;
} watch;

/* Progress of the whole region while its parts are searched: an incumbent is never below the
 * bound (both sums over the parts). */
static void on_progress(const sn_progress *pr, void *ctx)
{
    watch *w = ctx;
    w->calls++;
    if (pr->has_incumbent && isfinite(pr->bound) &&
        pr->incumbent < pr->bound - 1e-6 * (1 + fabs(pr->bound))) {
        w->below++;
        w->worst = pr->incumbent - pr->bound;
    }
}

Test(split, generated_towns_keep_the_optimum_of_the_whole_model, .timeout = 600)
{
    char dir[64], region[160];
    tu_make_tmpdir(dir, sizeof dir, "split");
    gen_towns(dir, "towns", "3", "20", NULL, region, sizeof region);
    watch w = {0, 0, 0};
    sn_params p;
    sn_params_init(&p);
    p.progress = on_progress;
    p.progress_ctx = &w;
    p.progress_every_s = 0;
    run a = solve_file(region, &p);
    sn_params q = without_split();
    run b = solve_file(region, &q);
    cr_assert_eq(sn_solution_status_get(a.s), SN_SOL_OPTIMAL);
    cr_assert_eq(sn_solution_status_get(b.s), SN_SOL_OPTIMAL);
    double za = sn_solution_objective(a.s), zb = sn_solution_objective(b.s);
    cr_assert_leq(fabs(za - zb), 1e-6 * (1 + fabs(zb)), "split %.10g, whole %.10g", za, zb);
    /* three towns out of each other's reach: at least one part each */
    cr_assert_geq(split_stats(&a)->found, 3, "found %ld", split_stats(&a)->found);
    cr_assert_geq(split_stats(&a)->apart, split_stats(&a)->found);
    cr_assert_gt(w.calls, 0, "no progress reported");
    cr_assert_eq(w.below, 0, "%d progress reports with the incumbent %g under the bound", w.below,
                 w.worst);

    /* the same towns under a capital budget (the optimum above spends 49.9 million): its row
     * joins every decision with capital, so fewer parts remain (those of trucks alone, which
     * have none), and the optimum is still the whole model's */
    long free_found = split_stats(&a)->found;
    gen_towns(dir, "budget", "3", "20", "40000000", region, sizeof region);
    run c = solve_file(region, NULL);
    run d = solve_file(region, &q);
    cr_assert_lt(split_stats(&c)->found, free_found, "a budget left %ld parts of %ld",
                 split_stats(&c)->found, free_found);
    cr_assert_eq(sn_solution_status_get(c.s), SN_SOL_OPTIMAL);
    cr_assert_eq(sn_solution_status_get(d.s), SN_SOL_OPTIMAL);
    za = sn_solution_objective(c.s);
    zb = sn_solution_objective(d.s);
    cr_assert_leq(fabs(za - zb), 1e-6 * (1 + fabs(zb)), "split %.10g, whole %.10g", za, zb);
    cr_assert_gt(za, sn_solution_objective(a.s), "the budget binds");
    run_free(&c);
    run_free(&d);
    run_free(&a);
    run_free(&b);
    tu_remove_tmpdir(dir);
}

/* Under a time limit too short for the search, the assembled network is still one of the
 * model's (the self-check in solve_file), its bound is at most its cost, and a network that is
 * not proven says so. */
Test(split, a_short_time_limit_still_assembles_a_network_of_the_model, .timeout = 600)
{
    char dir[64], region[160];
    tu_make_tmpdir(dir, sizeof dir, "splittl");
    gen_towns(dir, "towns", "4", "30", NULL, region, sizeof region);
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = 0.05;
    run r = solve_file(region, &p);
    sn_solution_status st = sn_solution_status_get(r.s);
    cr_assert(st == SN_SOL_OPTIMAL || st == SN_SOL_FEASIBLE, "status %s",
              sn_solution_status_name(st));
    double z = sn_solution_objective(r.s), b = sn_solution_bound(r.s);
    cr_assert(isfinite(z));
    cr_assert(!(b > z + 1e-6 * (1 + fabs(z))), "bound %.10g above the cost %.10g", b, z);
    if (st == SN_SOL_FEASIBLE)
        cr_assert(r.s->hit_time_limit, "not proven, yet the time limit was not hit");
    cr_assert_geq(split_stats(&r)->apart, 2);
    run_free(&r);
    tu_remove_tmpdir(dir);
}

/* Every part the first search leaves open after one node is searched in place (the whole model,
 * the other parts held, the plugins on): the optimum is still the whole model's, the network
 * passes the self-check, and the separators ran (they run only in place: a part's own model has
 * no facilities for them, and the run before the parts is heuristics only). */
Test(split, parts_searched_in_place_keep_the_optimum, .timeout = 600)
{
    char dir[64], region[160];
    tu_make_tmpdir(dir, sizeof dir, "splitip");
    gen_towns(dir, "towns", "3", "20", NULL, region, sizeof region);
    sn_params q = without_split();
    run whole = solve_file(region, &q);
    cr_assert_eq(sn_solution_status_get(whole.s), SN_SOL_OPTIMAL);

    sn_params p;
    sn_params_init(&p);
    sn_solution *s = snp_solution_new(whole.m);
    cr_assert_not_null(s);
    for (int i = 0; i < s->n_plugins; i++)
        s->plugin_stats[i].enabled = snp_plugin_enabled(whole.m, &p, i);
    sn_diag d;
    sn_diag_init(&d);
    int done = 0;
    cr_assert_eq(snp_split_solve_nodes(whole.m, &p, 1, s, &done, &d), SN_OK);
    cr_assert(done, "the towns were not split");
    cr_assert_eq(s->status, SN_SOL_OPTIMAL, "status %s", sn_solution_status_name(s->status));
    double za = s->objective, zb = sn_solution_objective(whole.s);
    cr_assert_leq(fabs(za - zb), 1e-6 * (1 + fabs(zb)), "in place %.10g, whole %.10g", za, zb);
    sn_diag_init(&d);
    if (sn_solution_check(whole.in, whole.m, s, &d) != SN_OK)
        fail_diag("sn_solution_check", &d, region);
    long cuts_calls = 0;
    for (int i = 0; i < s->n_plugins; i++)
        if (snp_plugin_get(i)->kind == SNP_PLUGIN_SEPARATOR)
            cuts_calls += s->plugin_stats[i].calls;
    cr_assert_gt(cuts_calls, 0, "no search in place ran its separators");
    sn_solution_free(s);
    run_free(&whole);
    tu_remove_tmpdir(dir);
}
