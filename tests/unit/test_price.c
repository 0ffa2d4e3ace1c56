/*
 * test_price.c - the root LP by column generation (src/solve/lp_price.c, docs/model.md 11.8,
 * the plugin "price").
 *
 * The method must never change an answer: on generated regions of two shapes (a must-serve
 * region, bench/gen --mustserve, the shape it was made for; and a generated S region,
 * bench/gen --size S, one it was not) the LP relaxation's optimum reached through the
 * restricted master and its extended basis equals the whole LP's to 1e-6 relative, and the
 * method had something to leave out and to price in. Its shape rule leaves small models alone.
 * The plugin "lazy" (src/solve/lazy.c, 11.14), which holds rows back from the nodes' LPs, must
 * not change an optimum either.
 * Speed is bench/'s (bench/mustserve_bench.sh), not a test's.
 */
#include "solve/solve_int.h"
#include "symnet.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail_diag(const char *what, const sn_diag *d, const char *path)
{
    char buf[1200] = "(no diagnostic)";
    if (d->count > 0)
        sn_error_format(&d->errors[0], buf, sizeof buf);
    cr_assert_fail("%s failed: %s (%s)", what, buf, path);
}

/* Writes build/bench/gen ARGS... -o dir/name (args: up to 6, NULL-terminated). */
static void generate(const char *dir, const char *name, const char *const *args, char *region,
                     size_t size)
{
    char gen[256], out[160], err[160], buf[6][32], o[] = "-o";
    char *argv[10];
    int n = 0;
    tu_fmt(region, size, "%s/%s", dir, name);
    tu_fmt(gen, sizeof gen, "%s/gen", tu_env_or("BENCH_BIN", "build/bench"));
    argv[n++] = gen;
    for (int k = 0; args[k] && k < 6; k++) {
        tu_fmt(buf[k], sizeof buf[k], "%s", args[k]);
        argv[n++] = buf[k];
    }
    argv[n++] = o;
    argv[n++] = region;
    argv[n] = NULL;
    tu_fmt(out, sizeof out, "%s/gen.out", dir);
    tu_fmt(err, sizeof err, "%s/gen.err", dir);
    int rc = tu_wait(tu_spawn(argv, out, err));
    cr_assert_eq(rc, 0, "%s %s failed (exit %d)", gen, args[0], rc);
}

typedef struct built {
    sn_instance *in;
    sn_model *m;
} built;

static built build(const char *path)
{
    built b = {NULL, NULL};
    sn_diag d;
    sn_diag_init(&d);
    if (sn_instance_load_file(path, &b.in, &d) != SN_OK)
        fail_diag("load", &d, path);
    sn_diag_init(&d);
    if (sn_model_build(b.in, SN_MODEL_NETWORK, &b.m, &d) != SN_OK)
        fail_diag("build", &d, path);
    return b;
}

static void built_free(built *b)
{
    sn_model_free(b->m);
    sn_instance_free(b->in);
}

/* The LP optimum whole and through the master: equal to 1e-6 relative, the master's own
 * optimum (before GLPK confirms it on the whole LP, which would repair a wrong basis) as well
 * as the confirmed one, with rows left out and links priced in (a master that held
 * everything would test nothing). */
static void same_lp(const char *path)
{
    built b = build(path);
    double whole = NAN, priced = NAN, master = NAN, unused = NAN;
    snp_plugin_stats st;
    memset(&st, 0, sizeof st);
    cr_assert_eq(snp_glpk_root_lp(b.m, 0, &whole, &unused, NULL), 0, "%s: the whole LP failed",
                 path);
    cr_assert_eq(snp_glpk_root_lp(b.m, 1, &priced, &master, &st), 0, "%s: the priced LP failed",
                 path);
    cr_assert(isfinite(whole) && isfinite(priced) && isfinite(master));
    double tol = 1e-6 * fmax(1, fabs(whole));
    cr_assert_leq(fabs(master - whole), tol, "%s: LP optimum %.10g in the master, %.10g whole",
                  path, master, whole);
    cr_assert_leq(fabs(priced - whole), tol, "%s: LP optimum %.10g confirmed, %.10g whole", path,
                  priced, whole);
    cr_assert_eq(st.calls, 1);
    cr_assert_geq(st.rounds, 1);
    cr_assert_gt(st.found, 0, "%s: nothing priced in: the start set held the optimum", path);
    built_free(&b);
}

Test(price, the_root_lp_of_a_must_serve_region_is_the_whole_lps, .timeout = 300)
{
    char dir[64], region[128];
    tu_make_tmpdir(dir, sizeof dir, "price");
    const char *seeds[] = {"1", "2", "3"};
    for (int k = 0; k < 3; k++) {
        const char *args[] = {"--mustserve", "20x120", "--seed", seeds[k], NULL};
        generate(dir, "ms.json", args, region, sizeof region);
        same_lp(region);
    }
    const char *mixed[] = {"--mustserve", "20x120", "--mixed", NULL};
    generate(dir, "msm.json", mixed, region, sizeof region);
    same_lp(region);
    tu_remove_tmpdir(dir);
}

Test(price, the_root_lp_of_a_generated_s_region_is_the_whole_lps, .timeout = 300)
{
    char dir[64], region[128];
    tu_make_tmpdir(dir, sizeof dir, "prices");
    const char *seeds[] = {"1", "2"};
    for (int k = 0; k < 2; k++) {
        const char *args[] = {"--size", "S", "--seed", seeds[k], NULL};
        generate(dir, "S.json", args, region, sizeof region);
        same_lp(region);
    }
    tu_remove_tmpdir(dir);
}

Test(price, the_shape_rule_leaves_small_models_alone)
{
    char dir[64], region[128];
    tu_make_tmpdir(dir, sizeof dir, "pricer");
    const char *args[] = {"--mustserve", "20x120", NULL};
    generate(dir, "ms.json", args, region, sizeof region);
    built b = build(region);
    int n = (int)b.m->cols.len;
    double *lo = calloc((size_t)n, sizeof *lo), *hi = calloc((size_t)n, sizeof *hi);
    cr_assert(lo && hi);
    for (int j = 0; j < n; j++) {
        lo[j] = snp_model_col(b.m, j)->lb;
        hi[j] = snp_model_col(b.m, j)->ub;
    }
    /* 20 x 120: 2,400 linking rows of about 2,700, below the 20,000 rows of the rule */
    cr_assert_null(snp_price_create(b.m, lo, hi, 0));
    snp_price *pr = snp_price_create(b.m, lo, hi, 1);
    cr_assert_not_null(pr, "waived, the rule still found nothing to leave out");
    snp_price_free(pr);
    free(lo);
    free(hi);
    built_free(&b);
    tu_remove_tmpdir(dir);
}

/* ---- rens (docs/model.md 11.11) and probe (11.12) on price's master ------------------------ */

/* Switches plugin name on or off in p. */
static void set_plugin(sn_params *p, const char *name, int on)
{
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(on ? sn_params_enable(p, name, &d) : sn_params_disable(p, name, &d), SN_OK, "%s",
                 name);
}

/* The statistics of the plugin named name in s (the test fails without such a plugin). */
static const snp_plugin_stats *stats_of(const sn_solution *s, const char *name)
{
    for (int i = 0; i < s->n_plugins; i++)
        if (strcmp(sn_plugin_name(i), name) == 0)
            return &s->plugin_stats[i];
    cr_assert_fail("no plugin named %s", name);
    return NULL;
}

typedef struct root_run {
    double objective;
    long rens_found, probe_calls;
} root_run;

/* The search of m stopped after the root ("rounding" off, so that only the network before the
 * LP and the master's heuristics compete), with rens and probe as given; the network passes
 * the model's check and the independent checker. */
static root_run root_only(const sn_instance *in, const sn_model *m, int rens, int probe,
                          const char *path)
{
    sn_params p;
    sn_params_init(&p);
    set_plugin(&p, "rounding", 0);
    set_plugin(&p, "rens", rens);
    set_plugin(&p, "probe", probe);
    sn_solution *s = tu_solve_root(in, m, &p, path);
    root_run r = {s->objective, stats_of(s, "rens")->found, stats_of(s, "probe")->calls};
    sn_solution_free(s);
    return r;
}

/* 70 x 300 (21,881 rows: price runs): serve's network is beaten by rens's, priced over every
 * link; probing, with that network as cutoff, keeps a checked network no dearer. */
Test(rens, on_a_must_serve_region_it_finds_a_cheaper_checked_network)
{
    char dir[64], region[128];
    tu_make_tmpdir(dir, sizeof dir, "rens");
    const char *args[] = {"--mustserve", "70x300", NULL};
    generate(dir, "ms.json", args, region, sizeof region);
    built b = build(region);
    root_run off = root_only(b.in, b.m, 0, 0, region);
    root_run on = root_only(b.in, b.m, 1, 0, region);
    root_run probed = root_only(b.in, b.m, 1, 1, region);
    cr_assert_eq(off.rens_found, 0);
    cr_assert_eq(on.rens_found, 1, "rens found no network cheaper than serve's");
    cr_assert_lt(on.objective, off.objective * (1 - 1e-6), "with rens %.9g, without %.9g",
                 on.objective, off.objective);
    cr_assert_eq(probed.probe_calls, 1);
    cr_assert_leq(probed.objective, on.objective * (1 + 1e-9));
    built_free(&b);
    tu_remove_tmpdir(dir);
}

/* ---- lazy (docs/model.md 11.14): rows held back from the nodes' LPs until violated --------- */

typedef struct lazy_run {
    double objective;
    long held, added; /* lazy's rounds (rows held back) and found (rows added back) */
} lazy_run;

/* The whole search of m to a proof (gap 0), with lazy on or off and its size rule waived; the
 * network passes the model's check and the independent checker. */
static lazy_run solve_lazy(const sn_instance *in, const sn_model *m, int on, const char *path)
{
    sn_params p;
    sn_params_init(&p);
    p.mip_gap = 0;
    set_plugin(&p, "lazy", on);
    snp_search_from from = {.lazy_any_size = 1};
    sn_solution *s = tu_solve_from(in, m, &p, &from, path);
    cr_assert_eq(s->status, SN_SOL_OPTIMAL, "%s: not proven optimal (%s)", path, s->message);
    lazy_run r = {s->objective, stats_of(s, "lazy")->rounds, stats_of(s, "lazy")->found};
    sn_solution_free(s);
    return r;
}

/* The optimum is the same with rows held back, which must have been held back and brought back
 * (else nothing was tested), on the plain and on the mixed must-serve shape (a hub making two
 * outputs from one input: 7.4 closes both). */
Test(lazy, the_optimum_of_a_must_serve_region_is_the_same)
{
    char dir[64], region[128];
    tu_make_tmpdir(dir, sizeof dir, "lazy");
    const char *plain[] = {"--mustserve", "12x60", NULL};
    const char *mixed[] = {"--mustserve", "12x60", "--mixed", NULL};
    const char *const *shapes[] = {plain, mixed};
    for (int k = 0; k < 2; k++) {
        generate(dir, "ms.json", shapes[k], region, sizeof region);
        built b = build(region);
        lazy_run off = solve_lazy(b.in, b.m, 0, region);
        lazy_run on = solve_lazy(b.in, b.m, 1, region);
        cr_assert_eq(off.held, 0);
        cr_assert_gt(on.held, 0, "%s: no row held back", region);
        cr_assert_gt(on.added, 0, "%s: no row brought back: the test tests nothing", region);
        cr_assert_leq(fabs(on.objective - off.objective), 1e-7 * fabs(off.objective),
                      "%s: optimum %.10g with lazy, %.10g without", region, on.objective,
                      off.objective);
        built_free(&b);
    }
    tu_remove_tmpdir(dir);
}

/* Its shape rule: below 20,000 rows nothing is held back (unless waived), at 70 x 300 (21,881
 * rows, 21,000 of them 8.3 without a binary) it is. */
Test(lazy, the_shape_rule_leaves_small_models_alone)
{
    char dir[64], region[128];
    tu_make_tmpdir(dir, sizeof dir, "lazyr");
    const char *const sizes[] = {"20x120", "70x300"};
    for (int k = 0; k < 2; k++) {
        const char *args[] = {"--mustserve", sizes[k], NULL};
        generate(dir, "ms.json", args, region, sizeof region);
        built b = build(region);
        snp_lazy *lz = snp_lazy_create(b.m, 0);
        cr_assert_eq(lz != NULL, k == 1, "%s: the rule %s", sizes[k], lz ? "took it" : "left it");
        snp_lazy_free(lz);
        lz = snp_lazy_create(b.m, 1); /* waived: both have implied rows to hold back */
        cr_assert_not_null(lz, "%s", sizes[k]);
        snp_lazy_free(lz);
        built_free(&b);
    }
    tu_remove_tmpdir(dir);
}
