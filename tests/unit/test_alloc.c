/*
 * test_alloc.c - who gains what (docs/model.md section 13): the coalition game's arithmetic on
 * games derived by hand, the Shapley allocation, core check and transfer prices of small
 * regions (tests/cases/alloc/, derivations in their notes and in docs/model.md 13.6), the
 * allocations of every shipped region adding up to its savings, and the command line's
 * --allocation options.
 */
#include "report/report_int.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-6

/* ---- the arithmetic, on games given by their values -------------------------------------- */

/* tests/cases/alloc/three_partners.json: A, B, C dispose of 100, 200, 300 t at 10 EUR/t; a
 * digester for 600 t costs 2,000 EUR/yr. v(S) = 10 * amount(S) - 2,000 when that is positive:
 * v(A) = v(B) = 0, v(C) = 1,000, v(AB) = 1,000, v(AC) = 2,000, v(BC) = 3,000, v(ABC) = 4,000.
 * Masks: bit 0 A, bit 1 B, bit 2 C. */
static const double THREE[8] = {0, 0, 0, 1000, 1000, 2000, 3000, 4000};

Test(game, shapley_of_the_three_partner_game)
{
    /* A's marginal contributions over the 6 orders: 0 (first, twice), v(AB) - v(B) = 1,000,
     * v(AC) - v(C) = 1,000, v(ABC) - v(BC) = 1,000 (last, twice): 4,000 / 6. B: 0, 0, 1,000,
     * 2,000, 2,000, 2,000 = 7,000 / 6. C: 1,000, 1,000, 2,000, 3,000, 3,000, 3,000 = 13,000 / 6. */
    double phi[3];
    snp_shapley_exact(3, THREE, phi);
    cr_assert(fabs(phi[0] - 4000.0 / 6) < EPS, "A %g", phi[0]);
    cr_assert(fabs(phi[1] - 7000.0 / 6) < EPS, "B %g", phi[1]);
    cr_assert(fabs(phi[2] - 13000.0 / 6) < EPS, "C %g", phi[2]);
}

Test(game, three_partner_shapley_is_in_the_core)
{
    /* excesses: v(S) - phi(S): A -666.7, B -1,166.7, C -1,166.7, AB -833.3, AC -833.3,
     * BC -333.3: the largest is BC's, negative */
    double phi[3], e;
    snp_shapley_exact(3, THREE, phi);
    unsigned S = snp_core_blocking(3, THREE, phi, &e);
    cr_assert_eq(S, 6u);
    cr_assert(fabs(e + 1000.0 / 3) < EPS, "excess %g", e);
}

Test(game, three_partner_maxmin_core_allocation)
{
    /* x_A <= v(ABC) - v(BC) = 1,000, so min x <= 1,000; x = (1,000, x_B, x_C) with x_B + x_C =
     * 3,000, x_B, x_C >= 1,000 is in the core: the smallest gain is 1,000, A's */
    double x[3], t;
    cr_assert_eq(snp_core_maxmin(3, THREE, x, &t), 0);
    cr_assert(fabs(t - 1000) < EPS, "t %g", t);
    cr_assert(fabs(x[0] - 1000) < EPS, "A %g", x[0]);
    cr_assert(fabs(x[0] + x[1] + x[2] - 4000) < EPS);
    /* max t alone leaves x_B anywhere in [1,000, 2,000] (x_C = 3,000 - x_B >= 1,000, and every
     * other row holds); the leximin allocation then raises the smaller of B and C: 1,500 each */
    cr_assert(fabs(x[1] - 1500) < EPS && fabs(x[2] - 1500) < EPS, "B %g, C %g", x[1], x[2]);
    double e;
    snp_core_blocking(3, THREE, x, &e);
    cr_assert(e <= EPS, "the max-min allocation is blocked by %g", e);
}

/* A convex game (v(S) = (sum of w over S)^2 - sum of w^2 over S: supermodular, so its core is
 * not empty) whose max-min allocation is a face, not a point (the smallest gain is 0, and every
 * other player's share of the rest is free within the core): the leximin allocation must be
 * the same for every order of the players and must not move when the values move by rounding
 * (1e-13 relative), as a vertex of max t alone did (Kalundborg: millions between partners). */
static void convex_game(int k, const double *w, double *v)
{
    for (unsigned S = 0; S < (1u << k); S++) {
        double a = 0, b = 0;
        for (int i = 0; i < k; i++)
            if (S & (1u << i)) {
                a += w[i];
                b += w[i] * w[i];
            }
        v[S] = a * a - b;
    }
}

Test(game, leximin_core_allocation_is_unique)
{
    enum { K = 6 };
    const double w[K] = {0, 3, 1, 4, 1.5, 9}; /* player 0 adds nothing: its gain is 0 */
    double v[1 << K], x[K], t;
    convex_game(K, w, v);
    cr_assert_eq(snp_core_maxmin(K, v, x, &t), 0);
    cr_assert(fabs(t) < EPS && fabs(x[0]) < EPS, "t %g, x_0 %g", t, x[0]);
    double e, sum = 0;
    snp_core_blocking(K, v, x, &e);
    cr_assert(e <= 1e-6 * v[(1 << K) - 1], "blocked by %g", e);
    for (int i = 0; i < K; i++)
        sum += x[i];
    cr_assert(fabs(sum - v[(1 << K) - 1]) < 1e-6 * v[(1 << K) - 1]);
    /* the players in reverse order, and every value moved by rounding */
    double wr[K], vr[1 << K], xr[K], tr;
    for (int i = 0; i < K; i++)
        wr[i] = w[K - 1 - i];
    convex_game(K, wr, vr);
    for (unsigned S = 1; S < (1u << K); S++)
        vr[S] *= 1 + 1e-13 * ((double)((S * 2654435761u) % 7) - 3);
    cr_assert_eq(snp_core_maxmin(K, vr, xr, &tr), 0);
    for (int i = 0; i < K; i++)
        cr_assert(fabs(x[i] - xr[K - 1 - i]) < 1e-6 * v[(1 << K) - 1], "player %d: %g against %g",
                  i, x[i], xr[K - 1 - i]);
}

/* tests/cases/alloc/empty_core.json: 100 t each, a digester for 200 t at 1,000 EUR/yr: v(i) =
 * 0, every pair 1,000, all three 1,000. The pairs need x_i + x_j >= 1,000, i.e. 2 x(N) >=
 * 3,000 > 2,000: no core. */
static const double EMPTY[8] = {0, 0, 0, 1000, 0, 1000, 1000, 1000};

Test(game, empty_core_is_found_and_blocked)
{
    double phi[3], x[3], t, e;
    snp_shapley_exact(3, EMPTY, phi);
    for (int i = 0; i < 3; i++)
        cr_assert(fabs(phi[i] - 1000.0 / 3) < EPS);
    cr_assert_eq(snp_core_maxmin(3, EMPTY, x, &t), 1);
    unsigned S = snp_core_blocking(3, EMPTY, phi, &e);
    cr_assert(S == 3u || S == 5u || S == 6u, "a pair blocks, got mask %u", S);
    cr_assert(fabs(e - 1000.0 / 3) < EPS, "excess %g", e);
}

Test(game, shapley_is_symmetric_additive_and_efficient_on_four_players)
{
    /* v(S) = |S|^2: symmetric players, so each gets v(N) / 4 = 4 */
    double v[16], phi[4];
    for (unsigned S = 0; S < 16; S++) {
        int n = __builtin_popcount(S);
        v[S] = (double)(n * n);
    }
    snp_shapley_exact(4, v, phi);
    for (int i = 0; i < 4; i++)
        cr_assert(fabs(phi[i] - 4) < EPS, "phi %d = %g", i, phi[i]);
}

static char tmp[256];
static void setup(void)
{
    tu_make_tmpdir(tmp, sizeof tmp, "alloc");
}
static void teardown(void)
{
    tu_remove_tmpdir(tmp);
}

/* ---- regions: the whole game through the library ------------------------------------------ */

/* Solves path, then every coalition of its game as the CLI does (one sn_run of the region
 * without the other facilities), and allocates; *inst and the result are the caller's. */
static sn_result *solve_game(const char *path, int samples, sn_instance **inst)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_params p;
    sn_params_init(&p);
    cr_assert_eq(sn_instance_load_file(path, inst, &d), SN_OK, "%s", path);
    sn_result *r = NULL;
    cr_assert_eq(sn_run(*inst, &p, &r, &d), SN_OK);
    sn_game *g = NULL;
    cr_assert_eq(sn_game_plan(r, samples, 7, &g, &d), SN_OK, "%s: %s", path,
                 d.count ? d.errors[0].message : "");
    sn_edits *e = NULL;
    cr_assert_eq(sn_edits_create(&e), SN_OK);
    for (int i = 0; i < sn_game_count(g); i++) {
        int n = 0;
        const char *const *out = sn_game_without(g, i, &n);
        for (int k = 0; k < n; k++)
            cr_assert_eq(sn_edits_add(e, SN_EDIT_WITHOUT, out[k]), SN_OK);
        sn_instance *ci = NULL;
        sn_result *cr = NULL;
        cr_assert_eq(sn_instance_load_file_edited(path, e, &ci, NULL, &d), SN_OK);
        sn_edits_truncate(e, 0);
        p.start = sn_game_start(g, &p.n_start);
        cr_assert_eq(sn_run(ci, &p, &cr, &d), SN_OK);
        int status;
        double savings;
        cr_assert_eq(sn_game_answer(cr, &status, &savings), SN_OK);
        cr_assert_eq(sn_game_record(g, i, status, savings), SN_OK);
        sn_result_free(cr);
        sn_instance_free(ci);
    }
    sn_edits_free(e);
    cr_assert_eq(sn_result_allocate(r, g, &d), SN_OK, "%s: %s", path,
                 d.count ? d.errors[0].message : "");
    sn_game_free(g);
    return r;
}

static int fac(const sn_instance *in, const char *id)
{
    for (int f = 0; f < in->n_facilities; f++)
        if (strcmp(in->facilities[f].id, id) == 0)
            return f;
    cr_assert_fail("no facility %s", id);
    return -1;
}

Test(alloc, three_partners_shapley_core_and_prices)
{
    sn_instance *in = NULL;
    sn_result *r = solve_game("tests/cases/alloc/three_partners.json", 200, &in);
    const snp_split *sp = &r->split;
    int a = fac(in, "A"), b = fac(in, "B"), c = fac(in, "C");
    cr_assert(fabs(sp->gain[a] - 4000.0 / 6) < EPS, "A %g", sp->gain[a]);
    cr_assert(fabs(sp->gain[b] - 7000.0 / 6) < EPS, "B %g", sp->gain[b]);
    cr_assert(fabs(sp->gain[c] - 13000.0 / 6) < EPS, "C %g", sp->gain[c]);
    cr_assert(sp->core_known && !sp->core_empty && !sp->blocked);
    cr_assert(fabs(sp->core_min - 1000) < EPS && fabs(sp->core_gain[a] - 1000) < EPS);
    /* use rule: the digester's 2,000 split by the disposal each avoids (1,000 : 2,000 :
     * 3,000): A pays 333.33, B 666.67, C 1,000, so they gain 666.67, 1,333.33, 2,000; every
     * pair keeps at least its v, so the use rule is in the core too */
    cr_assert(fabs(r->p[b].shared - 2000.0 / 3) < EPS, "B's share %g", r->p[b].shared);
    cr_assert(!sp->use_blocked);
    /* prices on the star A, B, C -> digester (a tree: one price set): B must give up
     * 1,333.33 - 1,166.67 = 166.67 on 200 t, 0.8333 EUR/t; C receives 166.67 on 300 t */
    for (int e = 0; e < r->g.n_links; e++) {
        int tail = snp_model_link(r->m, r->g.links[e].link)->tail;
        double want = tail == a ? 0 : tail == b ? -500.0 / 600 : 500.0 / 900;
        cr_assert(fabs(sp->price[e] - want) < EPS, "price %d: %g, expected %g", e, sp->price[e],
                  want);
    }
    sn_result_free(r);
    sn_instance_free(in);
}

Test(alloc, empty_core_names_a_blocking_pair)
{
    sn_instance *in = NULL;
    sn_result *r = solve_game("tests/cases/alloc/empty_core.json", 200, &in);
    const snp_split *sp = &r->split;
    cr_assert(sp->core_known && sp->core_empty && sp->blocked);
    cr_assert(fabs(sp->block_excess - 1000.0 / 3) < EPS);
    cr_assert(strchr(sp->blocking, ',') && !strchr(strchr(sp->blocking, ',') + 1, ','),
              "a pair: %s", sp->blocking);
    double side = 0;
    for (int f = 0; f < in->n_facilities; f++) {
        cr_assert(fabs(sp->gain[f] - 1000.0 / 3) < EPS);
        cr_assert(isnan(sp->core_gain[f]));
        side += sp->side[f];
    }
    /* the facility the digester cannot take exchanges nothing: its share is a side payment */
    cr_assert(fabs(side) < EPS);
    sn_result_free(r);
    sn_instance_free(in);
}

/* Writes text to tmp/name; its path into path (of size). */
static void write_region(const char *name, const char *text, char *path, size_t size)
{
    tu_fmt(path, size, "%s/%s", tmp, name);
    FILE *f = fopen(path, "w");
    cr_assert(f && fputs(text, f) >= 0 && fclose(f) == 0);
}

/* Two exchanges between the same two facilities (a cycle of payments): A sends steam (disposal
 * 2, B's price 30: midpoint (-2 + 30) / 2 = 14) and water (disposal 1, price 3: midpoint 1),
 * 100 units each, 1 km apart; the steam pipe costs 1 EUR per unit-km to run (100 EUR/yr, paid by
 * B under the use rule), the water pipe nothing. Savings 3,600 - 100 = 3,500; v(A) = v(B) = 0,
 * so the Shapley values are 1,750 each. Use rule: A gains 300 (disposal), B 3,300 - 100 =
 * 3,200, and no price changes hands. Shapley: A must receive 1,450: 100 p1 + 100 p2 = 1,450;
 * the prices closest to (14, 1) are (14, 1) - 0.25 (1, 1) = (13.75, 0.75). */
Test(alloc, prices_closest_to_the_midpoints_on_a_cycle, .init = setup, .fini = teardown)
{
    static const char region[] =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"two exchanges\", "
        "\"coordinates\": \"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, "
        "\"lifetime_yr\": 10}, \"resources\": ["
        "{\"id\": \"steam\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 0, "
        "\"opex_per_unit_km\": 1}},"
        "{\"id\": \"water\", \"unit\": \"m3\", \"pipe\": {\"capital_per_km\": 0}}],"
        "\"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": ["
        "{\"resource\": \"steam\", \"amount\": 100, \"disposal_cost\": 2},"
        "{\"resource\": \"water\", \"amount\": 100, \"disposal_cost\": 1}]},"
        "{\"id\": \"B\", \"location\": [1, 0], \"demands\": ["
        "{\"resource\": \"steam\", \"amount\": 100, \"price\": 30},"
        "{\"resource\": \"water\", \"amount\": 100, \"price\": 3}]}]}";
    char path[512];
    write_region("two.json", region, path, sizeof path);
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_params p;
    sn_params_init(&p);
    sn_result *r = NULL;
    cr_assert_eq(sn_instance_load_file(path, &in, &d), SN_OK, "%s",
                 d.count ? d.errors[0].message : "");
    cr_assert_eq(sn_run(in, &p, &r, &d), SN_OK);
    cr_assert_eq(r->g.n_links, 2);
    for (int e = 0; e < 2; e++)
        cr_assert_eq(r->split.price[e], 0, "the use rule moves no money");
    sn_result_free(r);
    sn_instance_free(in);
    r = solve_game(path, 200, &in);
    for (int fa = 0; fa < 2; fa++)
        cr_assert(fabs(r->split.gain[fa] - 1750) < EPS, "gain %g", r->split.gain[fa]);
    for (int e = 0; e < 2; e++) {
        int res = snp_model_link(r->m, r->g.links[e].link)->resource;
        int steam = strcmp(in->resources[res].id, "steam") == 0;
        cr_assert(fabs(r->split.mid[e] - (steam ? 14 : 1)) < EPS, "mid %g", r->split.mid[e]);
        cr_assert(fabs(r->split.price[e] - (steam ? 13.75 : 0.75)) < EPS, "price %g",
                  r->split.price[e]);
    }
    sn_result_free(r);
    sn_instance_free(in);
}

/* A junction carrying two resources passes each one's money on apart. A sends 100 MWh of steam
 * and C 100 m3 of water (both disposed of free) to B (prices 30 and 3) through junction J: pipes
 * reach 1.2 km, A, J, B lie 1 km apart on a line and C 1 km north of J, so every unit passes J;
 * the pipes cost nothing. v(AB) = 3,000, v(BC) = 300, v(ABC) = 3,300, every other coalition
 * 0: Shapley A = 3,000/6 + 2 x 3,000/6 = 1,500, C = 300/6 + 2 x 300/6 = 150, B = 1,650. Under
 * the use rule B gains 3,300, so B pays A 1,500 for steam and C 150 for water: 15 EUR/MWh and
 * 1.5 EUR/m3 on both legs of each. (With J one purse for both resources the two legs into B
 * would share B's 1,650 by their midpoints: steam 21.75, water -5.25, water's seller paid by
 * steam's buyer.) */
Test(alloc, a_junction_passes_each_resource_money_on_apart, .init = setup, .fini = teardown)
{
    static const char region[] =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"junction\", "
        "\"coordinates\": \"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, "
        "\"lifetime_yr\": 10}, \"resources\": ["
        "{\"id\": \"steam\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 0, "
        "\"max_km\": 1.2}},"
        "{\"id\": \"water\", \"unit\": \"m3\", \"pipe\": {\"capital_per_km\": 0, \"max_km\": "
        "1.2}}],"
        "\"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": ["
        "{\"resource\": \"steam\", \"amount\": 100, \"disposal_cost\": 0}]},"
        "{\"id\": \"C\", \"location\": [1, 1], \"supplies\": ["
        "{\"resource\": \"water\", \"amount\": 100, \"disposal_cost\": 0}]},"
        "{\"id\": \"B\", \"location\": [2, 0], \"demands\": ["
        "{\"resource\": \"steam\", \"amount\": 100, \"price\": 30},"
        "{\"resource\": \"water\", \"amount\": 100, \"price\": 3}]}],"
        "\"junctions\": [{\"id\": \"J\", \"location\": [1, 0]}]}";
    char path[512];
    write_region("junction.json", region, path, sizeof path);
    sn_instance *in = NULL;
    sn_result *r = solve_game(path, 200, &in);
    const double want_gain[] = {1500, 150, 1650};
    for (int fa = 0; fa < 3; fa++)
        cr_assert(fabs(r->split.gain[fa] - want_gain[fa]) < EPS, "%s gains %g",
                  in->facilities[fa].id, r->split.gain[fa]);
    cr_assert_eq(r->g.n_links, 4, "A->J, J->B steam, C->J, J->B water");
    for (int e = 0; e < 4; e++) {
        int res = snp_model_link(r->m, r->g.links[e].link)->resource;
        double want = strcmp(in->resources[res].id, "steam") == 0 ? 15 : 1.5;
        cr_expect(fabs(r->split.price[e] - want) < EPS, "%s at %g, expected %g",
                  in->resources[res].id, r->split.price[e], want);
    }
    sn_result_free(r);
    sn_instance_free(in);
}

Test(alloc, every_shipped_region_allocates_exactly_its_savings, .timeout = 600)
{
    DIR *dir = opendir("instances");
    cr_assert(dir);
    struct dirent *de;
    int n = 0;
    while ((de = readdir(dir))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        char path[512];
        tu_fmt(path, sizeof path, "instances/%s", de->d_name);
        sn_instance *in = NULL;
        sn_result *r = solve_game(path, 50, &in);
        double savings = sn_result_savings(r), use = 0, shapley = 0;
        for (int f = 0; f < in->n_facilities; f++) {
            use += r->p[f].bau - r->p[f].total;
            shapley += r->split.gain[f];
            if (r->split.null_player[f])
                cr_assert_eq(r->split.gain[f], 0, "%s: null player %s", path, in->facilities[f].id);
        }
        double tol = 1e-9 * (fabs(savings) + 1);
        cr_assert(fabs(use - savings) < tol, "%s: use %.17g, savings %.17g", path, use, savings);
        cr_assert(fabs(shapley - savings) < tol, "%s: Shapley %.17g, savings %.17g", path, shapley,
                  savings);
        sn_result_free(r);
        sn_instance_free(in);
        n++;
    }
    closedir(dir);
    cr_assert(n >= 9, "only %d regions", n);
}

/* ---- the command line ------------------------------------------------------------------------ */

Test(alloc_cli, unknown_allocation_is_a_usage_error, .init = setup, .fini = teardown)
{
    char out[512];
    tu_fmt(out, sizeof out, "%s/s.json", tmp);
    const char *args[] = {
        "solve", "tests/cases/alloc/three_partners.json", "--allocation", "nash", "--out", out,
        NULL};
    cr_assert_eq(tu_run_symnet(tmp, "bad", args), 2);
    char *err = tu_captured(tmp, "bad", "err");
    cr_assert(strstr(err, "--allocation: expected use or shapley, got \"nash\""), "%s", err);
    free(err);
    cr_assert(!tu_exists(out));
    const char *fair[] = {"solve",
                          "tests/cases/alloc/three_partners.json",
                          "--allocation",
                          "shapley",
                          "--fair",
                          "--out",
                          out,
                          NULL};
    cr_assert_eq(tu_run_symnet(tmp, "fair", fair), 2);
    const char *samples[] = {
        "solve", "tests/cases/alloc/three_partners.json", "--samples", "0", "--out", out, NULL};
    cr_assert_eq(tu_run_symnet(tmp, "samples", samples), 2);
    const char *values[] = {"values", "tests/cases/alloc/three_partners.json", "--allocation",
                            "shapley", NULL};
    cr_assert_eq(tu_run_symnet(tmp, "values", values), 2);
    cr_assert(!tu_exists(out));
}

Test(alloc_cli, partner_reports_into_a_file_fail_before_any_solve, .init = setup, .fini = teardown)
{
    char out[512], file[512];
    tu_fmt(out, sizeof out, "%s/s.json", tmp);
    tu_fmt(file, sizeof file, "%s/not-a-dir", tmp);
    FILE *f = fopen(file, "w");
    cr_assert(f && fclose(f) == 0);
    const char *args[] = {
        "solve", "tests/cases/alloc/three_partners.json", "--partner-reports", file, "--out", out,
        NULL};
    cr_assert_eq(tu_run_symnet(tmp, "file", args), 5);
    char *err = tu_captured(tmp, "file", "err");
    cr_assert(strstr(err, "cannot write the partner pages into"), "%s", err);
    free(err);
    cr_assert(!tu_exists(out), "nothing is written when an output cannot be");
}

Test(alloc_cli, shapley_writes_the_allocation_everywhere, .init = setup, .fini = teardown)
{
    char out[512], csv[512], file[600];
    tu_fmt(out, sizeof out, "%s/s.json", tmp);
    tu_fmt(csv, sizeof csv, "%s/csv", tmp);
    const char *args[] = {"solve",
                          "tests/cases/alloc/three_partners.json",
                          "--allocation",
                          "shapley",
                          "--jobs",
                          "2",
                          "--out",
                          out,
                          "--csv",
                          csv,
                          NULL};
    cr_assert_eq(tu_run_symnet(tmp, "ok", args), 0);
    char *json = tu_read_file(out, NULL);
    cr_assert(json);
    cr_assert(strstr(json, "\"allocation\": {\"rule\": \"shapley\", \"players\": 3"), "%s", json);
    cr_assert(strstr(json, "\"gain\": 2166.66666666"), "C's Shapley value");
    cr_assert(strstr(json, "\"transfer_price\": "));
    free(json);
    tu_fmt(file, sizeof file, "%s/partners.csv", csv);
    char *p = tu_read_file(file, NULL);
    cr_assert(p && strstr(p, ",allocation,gain,gain_ci,received_through_prices,side_payment\n"));
    cr_assert(strstr(p, ",shapley,"));
    free(p);
    char *summary = tu_captured(tmp, "ok", "out");
    cr_assert(strstr(summary, "core: the Shapley split is in it"), "%s", summary);
    cr_assert(strstr(summary, "B pays hub digester 0.83 EUR/t to take waste"), "%s", summary);
    free(summary);
}

/* ---- partner pages: no partner sees another's numbers ------------------------------------- */

/* v as the partner pages print it (two decimals, thin-space thousands), without its sign. */
static void page_number(double v, char *buf, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert(f);
    snp_html_amount(f, fabs(v), 2, 0);
    fclose(f);
    tu_fmt(buf, size, "%s", text);
    free(text);
}

/* 1 when the page shows number a on its own (not as the tail of a longer number such as
 * "1&#8201;333.33" for "333.33", nor followed by more digits). */
static int shows(const char *page, const char *a)
{
    size_t len = strlen(a);
    for (const char *p = strstr(page, a); p; p = strstr(p + 1, a)) {
        char before = p > page ? p[-1] : ' ', after = p[len];
        if (!strchr("0123456789;.", before) && !strchr("0123456789", after))
            return 1;
    }
    return 0;
}

/* The numbers facility f's page may show: its own, its exchanges', the region's. */
static int own_numbers(const sn_result *r, int f, double *v, int max)
{
    const snp_partner *q = &r->p[f];
    const snp_split *sp = &r->split;
    int n = 0;
    double mine[] = {q->bau,
                     q->disposal + q->purchase,
                     q->transport,
                     q->shared,
                     q->total,
                     q->bau - q->total,
                     sp->paid[f],
                     sp->side[f],
                     sp->gain[f],
                     sp->ci[f],
                     sp->core_gain[f],
                     r->g.bau.total - r->g.cost.total,
                     r->g.capital_total,
                     r->g.bau_co2_t_per_yr - r->g.co2_t_per_yr};
    for (size_t k = 0; k < sizeof mine / sizeof mine[0]; k++)
        v[n++] = mine[k];
    for (int e = 0; e < r->g.n_links && n + 3 <= max; e++) {
        const snp_link *l = snp_model_link(r->m, r->g.links[e].link);
        if (l->tail != f && l->head != f)
            continue;
        double qd = r->g.links[e].flow * l->arrive;
        v[n++] = qd;
        v[n++] = sp->price[e];
        v[n++] = qd * sp->price[e];
    }
    return n;
}

/* Every other partner's private numbers are absent from every partner's page. */
static void check_pages(const char *region)
{
    char dir[512];
    tu_fmt(dir, sizeof dir, "%s/pages", tmp);
    const char *args[] = {"solve", region,  "--allocation", "shapley", "--partner-reports",
                          dir,     "--out", "/dev/null",    "--quiet", NULL};
    cr_assert_eq(tu_run_symnet(tmp, "pages", args), 0, "%s", region);
    sn_instance *in = NULL;
    sn_result *r = solve_game(region, 200, &in);
    int checked = 0;
    for (int me = 0; me < in->n_facilities; me++) {
        char path[700];
        tu_fmt(path, sizeof path, "%s/partner-%s.html", dir, in->facilities[me].id);
        char *page = tu_read_file(path, NULL);
        cr_assert(page, "no page %s", path);
        double allowed[4096];
        int na = own_numbers(r, me, allowed, 4096);
        char a[64], b[64];
        /* the search finds what is there: the page's own gain */
        page_number(r->split.gain[me], a, sizeof a);
        cr_assert(fabs(r->split.gain[me]) < 0.005 || shows(page, a), "%s: own gain %s not found",
                  in->facilities[me].id, a);
        for (int other = 0; other < in->n_facilities; other++) {
            if (other == me)
                continue;
            double theirs[4096];
            int nt = own_numbers(r, other, theirs, 4096);
            for (int k = 0; k < nt; k++) {
                if (!isfinite(theirs[k]) || fabs(theirs[k]) < 0.005)
                    continue;
                page_number(theirs[k], a, sizeof a);
                int shared = 0;
                for (int j = 0; j < na && !shared; j++) {
                    if (!isfinite(allowed[j]))
                        continue;
                    page_number(allowed[j], b, sizeof b);
                    shared = strcmp(a, b) == 0;
                }
                if (shared)
                    continue; /* also one of my own numbers (an exchange between us, a total) */
                cr_assert(!shows(page, a), "%s's page shows %s of %s (%s)", in->facilities[me].id,
                          a, in->facilities[other].id, region);
                checked++;
            }
        }
        free(page);
    }
    cr_assert(checked > 0);
    sn_result_free(r);
    sn_instance_free(in);
}

Test(alloc_cli, partner_pages_show_no_other_partners_numbers, .init = setup, .fini = teardown,
     .timeout = 600)
{
    check_pages("tests/cases/alloc/three_partners.json");
    tu_remove_tree(tmp);
    tu_make_tmpdir(tmp, sizeof tmp, "alloc");
    check_pages("instances/kalundborg.json");
}

/* ---- sampled Shapley values (a part with more than SN_GAME_EXACT_MAX partners) ------------- */

/* 17 identical partners send 100 t each (disposal 10 EUR/t) into a digester for all of them at
 * 8,000 EUR/yr: v(S) = max(0, 1,000 |S| - 8,000). Symmetric players: the exact Shapley value is
 * v(N) / 17 = 9,000 / 17 = 529.41. In every order the marginal contributions add up to v(N), so
 * the sampled values add up to the savings exactly. */
static void write_seventeen(const char *path)
{
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fputs("{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"seventeen\", "
          "\"coordinates\": \"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, "
          "\"lifetime_yr\": 10}, \"resources\": ["
          "{\"id\": \"waste\", \"unit\": \"t\", \"pipe\": {\"capital_per_km\": 0}},"
          "{\"id\": \"residue\", \"unit\": \"t\", \"pipe\": {\"capital_per_km\": 0}}],"
          "\"facilities\": [",
          f);
    for (int i = 0; i < 17; i++)
        fprintf(f,
                "%s{\"id\": \"p%02d\", \"location\": [%d, 1], \"supplies\": [{\"resource\": "
                "\"waste\", \"amount\": 100, \"disposal_cost\": 10}]}",
                i ? "," : "", i, i);
    fputs("], \"hubs\": [{\"id\": \"digester\", \"location\": [8, 0], \"capacities\": "
          "[{\"capacity\": 1700, \"capital\": 0, \"fixed_opex\": 8000}], \"inputs\": "
          "[{\"resource\": \"waste\", \"yields\": {\"residue\": 1}}], \"outputs\": "
          "[{\"resource\": \"residue\", \"disposal_cost\": 0}]}]}\n",
          f);
    cr_assert_eq(fclose(f), 0);
}

Test(alloc_cli, sampled_shapley_is_efficient_reproducible_and_near_the_exact_value, .init = setup,
     .fini = teardown, .timeout = 600)
{
    char region[512];
    tu_fmt(region, sizeof region, "%s/seventeen.json", tmp);
    write_seventeen(region);
    sn_instance *in = NULL;
    sn_result *r = solve_game(region, 30, &in);
    const snp_split *sp = &r->split;
    cr_assert_eq(sp->sampled_components, 1);
    cr_assert(!sp->core_known);
    double sum = 0;
    for (int f = 0; f < 17; f++) {
        sum += sp->gain[f];
        cr_assert(sp->ci[f] > 0, "a sampled value has a confidence interval");
        cr_assert(fabs(sp->gain[f] - 9000.0 / 17) <= 4 * sp->ci[f], "p%02d: %g +/- %g", f,
                  sp->gain[f], sp->ci[f]);
    }
    cr_assert(fabs(sum - 9000) < EPS, "sum %g", sum);
    cr_assert(fabs(sp->residual) < EPS);
    /* the command line: the same seed, the same values, whatever the number of workers */
    char a[600], b[600];
    tu_fmt(a, sizeof a, "%s/a.json", tmp);
    tu_fmt(b, sizeof b, "%s/b.json", tmp);
    const char *one[] = {"solve",   region, "--allocation", "shapley", "--samples", "30",
                         "--seed",  "7",    "--jobs",       "1",       "--out",     a,
                         "--quiet", NULL};
    const char *two[] = {"solve",   region, "--allocation", "shapley", "--samples", "30",
                         "--seed",  "7",    "--jobs",       "2",       "--out",     b,
                         "--quiet", NULL};
    cr_assert_eq(tu_run_symnet(tmp, "one", one), 0);
    cr_assert_eq(tu_run_symnet(tmp, "two", two), 0);
    char *ja = tu_read_file(a, NULL), *jb = tu_read_file(b, NULL);
    const char *pa = strstr(ja, "\"partners\""), *pb = strstr(jb, "\"partners\"");
    const char *ea = strstr(ja, "\"facilities\": ["), *eb = strstr(jb, "\"facilities\": [");
    cr_assert(pa && pb && ea && eb && ea - pa == eb - pb && strncmp(pa, pb, (size_t)(ea - pa)) == 0,
              "two runs with one seed differ");
    cr_assert(strstr(ja, "\"samples\": 30, \"seed\": 7, \"confidence\": 0.95"));
    free(ja);
    free(jb);
    sn_result_free(r);
    sn_instance_free(in);
}
