/*
 * test_screen.c - `symnet screen` (issue 14): src/result/screen.c, its writers and the command.
 *
 * - The top match of a two-facility region and of a three-node hub route, derived by hand.
 * - Flags (must-serve demand), quality exclusions and their counts.
 * - snp_link_price prices every generated link exactly as the model builder does (kalundborg).
 * - The bounds that skip pricing change nothing: a generated region screened with the default
 *   ranking and with every match kept gives the same counts and the same leading matches; the
 *   grid, the bounds and the bulk settling of far pairs give the counts and kept matches of
 *   pricing every pair (a mixed region, planar and lon/lat, and the dense shape).
 * - The command: CSV header and rows, HTML, --help, usage and input errors with nothing
 *   written.
 */
#include "model/model_int.h"
#include "result/screen_int.h"
#include "symnet.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static sn_instance *load_text(const char *text)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_status st = sn_instance_load_string(text, strlen(text), "screen.json", &in, &d);
    char msg[1200] = "";
    if (d.count > 0)
        sn_error_format(&d.errors[0], msg, sizeof msg);
    cr_assert_eq(st, SN_OK, "region does not load: %s", msg);
    return in;
}

static sn_screen *screen(const sn_instance *in, size_t keep)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_screen *sc = NULL;
    cr_assert_eq(sn_screen_build(in, keep, &sc, &d), SN_OK);
    cr_assert_not_null(sc);
    return sc;
}

static int near(double got, double want)
{
    return fabs(got - want) <= 1e-9 * fmax(1, fabs(want));
}

/* Two facilities 5 km apart; heat by pipe or by truck.
 *
 * Hand derivation (discount rate 0: CRF = 1 / lifetime = 1/10; carbon price 50):
 *   A's supply avoids disposal  V_s = 2 + 50 * 0.1 = 7 EUR/MWh
 *   B's demand avoids purchase  V_d = 40 + 50 * 0.2 = 50 EUR/MWh
 * Pipe, L = 5 km: fixed capital 5 * 10,000 = 50,000 EUR, annual 0.1 * 50,000 = 5,000 EUR/yr;
 *   per unit sent 5 * 0.1 = 0.5 EUR; arriving fraction 1 - 0.01 * 5 = 0.95.
 *   Most it can carry: min(1000, 600 / 0.95) = 631.578947... MWh sent (600 arrive).
 *   Margin per unit sent: 7 + 0.95 * 50 - 0.5 = 54 EUR.
 *   Saving: 631.578947... * 54 - 5,000 = 34,105.263157... - 5,000 = 29,105.263157... EUR/yr.
 *   Break-even: 5,000 / 54 = 92.592592... MWh/yr.
 *   CO2 avoided: 631.578947... * (0.1 + 0.95 * 0.2 - 0) = 631.578947... * 0.29 = 183.157894... t.
 * Truck, L = 5 km: per unit 5 * 3 + 50 * (5 * 0.002) = 15 + 0.5 = 15.5 EUR, nothing fixed.
 *   Amount min(1000, 600) = 600; margin 7 + 50 - 15.5 = 41.5; saving 600 * 41.5 = 24,900.
 * The pipe saves more: the top (and only) match is A -> B by pipe, 29,105.26 EUR/yr. */
static const char TWO[] =
    "{\"format\": \"symnet-region/1\","
    " \"region\": {\"name\": \"two\", \"coordinates\": \"planar_km\", \"currency\": \"EUR\","
    "  \"discount_rate\": 0, \"lifetime_yr\": 10, \"carbon_price\": 50},"
    " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\","
    "  \"pipe\": {\"capital_per_km\": 10000, \"opex_per_unit_km\": 0.1, \"loss_per_km\": 0.01},"
    "  \"truck\": {\"cost_per_unit_km\": 3, \"co2_per_unit_km\": 0.002}}],"
    " \"facilities\": ["
    "  {\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\","
    "   \"amount\": 1000, \"disposal_cost\": 2, \"disposal_co2\": 0.1}]},"
    "  {\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\","
    "   \"amount\": 600, \"price\": %s, \"co2\": 0.2}]}]}";

static sn_instance *two(const char *price)
{
    char text[2048];
    tu_fmt(text, sizeof text, TWO, price);
    return load_text(text);
}

Test(screen, top_match_of_two_facilities_by_hand)
{
    sn_instance *in = two("40");
    sn_screen *sc = screen(in, 0);
    sn_screen_counts n;
    sn_screen_counts_get(sc, 0, &n);
    cr_assert_eq(n.screened, 1);
    cr_assert_eq(n.feasible, 1);
    cr_assert_eq(n.paying, 1);
    cr_assert_eq(n.flagged, 0);
    cr_assert_eq(sn_screen_count(sc), 1);
    sn_screen_match m;
    cr_assert_eq(sn_screen_match_get(sc, 0, &m), 0);
    cr_assert_str_eq(m.id, "A/B/heat/pipe");
    cr_assert_str_eq(m.mode, "pipe");
    cr_assert_null(m.hub);
    cr_assert(near(m.amount, 600 / 0.95), "amount %.17g", m.amount);
    cr_assert(near(m.delivered, 600), "delivered %.17g", m.delivered);
    cr_assert(near(m.saving, 600 / 0.95 * 54 - 5000), "saving %.17g", m.saving);
    cr_assert(near(m.saving, 29105.263157894737), "saving %.17g", m.saving);
    cr_assert(near(m.fixed_annual, 5000));
    cr_assert(near(m.unit_margin, 54), "margin %.17g", m.unit_margin);
    cr_assert(near(m.break_even, 5000.0 / 54), "break-even %.17g", m.break_even);
    cr_assert(near(m.capital, 50000));
    cr_assert(near(m.co2_avoided_t_per_yr, 600 / 0.95 * 0.29), "co2 %.17g", m.co2_avoided_t_per_yr);
    cr_assert_eq(sn_screen_match_get(sc, 1, &m), -1);
    sn_screen_free(sc);
    sn_instance_free(in);
}

/* The same region where B has no price: a must-serve demand has no stand-alone saving. The
 * match is flagged, not paying; its figure counts A's side only. Pipe: 631.578947... * (7 -
 * 0.5) - 5,000 = 4,105.263157...; truck: 600 * (7 - 15.5) = -5,100: the pipe is listed. */
Test(screen, a_must_serve_demand_is_flagged_not_priced)
{
    sn_instance *in = load_text(
        "{\"format\": \"symnet-region/1\","
        " \"region\": {\"name\": \"two\", \"coordinates\": \"planar_km\", \"currency\": \"EUR\","
        "  \"discount_rate\": 0, \"lifetime_yr\": 10, \"carbon_price\": 50},"
        " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\","
        "  \"pipe\": {\"capital_per_km\": 10000, \"opex_per_unit_km\": 0.1, \"loss_per_km\": 0.01},"
        "  \"truck\": {\"cost_per_unit_km\": 3, \"co2_per_unit_km\": 0.002}}],"
        " \"facilities\": ["
        "  {\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\","
        "   \"amount\": 1000, \"disposal_cost\": 2, \"disposal_co2\": 0.1}]},"
        "  {\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\","
        "   \"amount\": 600}]}]}");
    sn_screen *sc = screen(in, 0);
    sn_screen_counts n;
    sn_screen_counts_get(sc, 0, &n);
    cr_assert_eq(n.paying, 0);
    cr_assert_eq(n.flagged, 1);
    sn_screen_match m;
    cr_assert_eq(sn_screen_match_get(sc, 0, &m), 0);
    cr_assert(m.must_serve && !m.must_take);
    cr_assert_str_eq(m.mode, "pipe");
    cr_assert(near(m.saving, 600 / 0.95 * 6.5 - 5000), "saving %.17g", m.saving);
    cr_assert(isnan(m.break_even));
    sn_screen_free(sc);
    sn_instance_free(in);
}

/* A's water has 300 ppm chloride, B accepts at most 250: delivered alone the blend is 300 ppm,
 * so the match is infeasible on its own: screened 1, left out 1, feasible 0, nothing ranked. */
Test(screen, a_supply_that_breaks_a_quality_limit_is_left_out_and_counted)
{
    sn_instance *in = load_text(
        "{\"format\": \"symnet-region/1\","
        " \"region\": {\"name\": \"q\", \"coordinates\": \"planar_km\", \"currency\": \"EUR\","
        "  \"discount_rate\": 0, \"lifetime_yr\": 10},"
        " \"resources\": [{\"id\": \"water\", \"unit\": \"m3\", \"quality\": [\"cl\"],"
        "  \"truck\": {\"cost_per_unit_km\": 0.1}}],"
        " \"facilities\": ["
        "  {\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"water\","
        "   \"amount\": 100, \"disposal_cost\": 1, \"quality\": {\"cl\": 300}}]},"
        "  {\"id\": \"B\", \"location\": [1, 0], \"demands\": [{\"resource\": \"water\","
        "   \"amount\": 100, \"price\": 2, \"quality\": {\"cl\": {\"max\": 250}}}]}]}");
    sn_screen *sc = screen(in, 0);
    sn_screen_counts n;
    sn_screen_counts_get(sc, 0, &n);
    cr_assert_eq(n.screened, 1);
    cr_assert_eq(n.quality_excluded, 1);
    cr_assert_eq(n.feasible, 0);
    cr_assert_eq(sn_screen_count(sc), 0);
    sn_screen_free(sc);
    sn_instance_free(in);
}

/* Supplier A -> hub H -> user B. Discount rate 0, lifetime 10: CRF 0.1; no carbon price.
 *   leg 1, sludge by truck, 2 km at 1 EUR/t-km: 2 EUR/t, nothing fixed, nothing lost;
 *   hub H: smallest option 800 t/yr, capital 100,000, fixed opex 1,000: 0.1 * 100,000 + 1,000 =
 *     11,000 EUR/yr; processing 1 EUR/t; each t of sludge yields 0.5 MWh of heat;
 *   leg 2, heat by pipe, 1 km at 10,000 EUR/km: 1,000 EUR/yr fixed, nothing per unit or lost.
 * Amount of sludge x: at most A's 1,000 t, the hub's 800 t, and what B's 300 MWh need:
 *   300 / 0.5 = 600 t (the heat leg's bound is min(800 * 0.5, 300) = 300 MWh, the same).
 * Margin per t: 10 (A's disposal avoided) - 2 (truck) - 1 (processing) + 0.5 * 40 (B's gas)
 *   = 27 EUR/t; fixed 11,000 + 1,000 = 12,000 EUR/yr.
 * Saving 600 * 27 - 12,000 = 4,200 EUR/yr; break-even 12,000 / 27 = 444.44 t/yr. */
Test(screen, top_hub_route_by_hand)
{
    sn_instance *in = load_text(
        "{\"format\": \"symnet-region/1\","
        " \"region\": {\"name\": \"hub\", \"coordinates\": \"planar_km\", \"currency\": \"EUR\","
        "  \"discount_rate\": 0, \"lifetime_yr\": 10},"
        " \"resources\": ["
        "  {\"id\": \"sludge\", \"unit\": \"t\", \"truck\": {\"cost_per_unit_km\": 1}},"
        "  {\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 10000}}],"
        " \"facilities\": ["
        "  {\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"sludge\","
        "   \"amount\": 1000, \"disposal_cost\": 10}]},"
        "  {\"id\": \"B\", \"location\": [2, 1], \"demands\": [{\"resource\": \"heat\","
        "   \"amount\": 300, \"price\": 40}]}],"
        " \"hubs\": [{\"id\": \"H\", \"location\": [2, 0],"
        "  \"capacities\": [{\"capacity\": 800, \"capital\": 100000, \"fixed_opex\": 1000},"
        "                   {\"capacity\": 2000, \"capital\": 150000}],"
        "  \"inputs\": [{\"resource\": \"sludge\", \"yields\": {\"heat\": 0.5},"
        "               \"cost_per_unit\": 1}],"
        "  \"outputs\": [{\"resource\": \"heat\"}]}]}");
    sn_screen *sc = screen(in, 0);
    sn_screen_counts n;
    sn_screen_counts_get(sc, 0, &n);
    cr_assert_eq(n.screened, 0);
    sn_screen_counts_get(sc, 1, &n);
    cr_assert_eq(n.screened, 1);
    cr_assert_eq(n.paying, 1);
    sn_screen_match m;
    cr_assert_eq(sn_screen_match_get(sc, 0, &m), 0);
    cr_assert_str_eq(m.hub, "H");
    cr_assert_str_eq(m.id, "A/H/sludge/truck+H/B/heat/pipe");
    cr_assert_str_eq(m.mode, "truck+pipe");
    cr_assert_str_eq(m.delivered_resource, "heat");
    cr_assert(near(m.amount, 600), "amount %.17g", m.amount);
    cr_assert(near(m.delivered, 300), "delivered %.17g", m.delivered);
    cr_assert(near(m.saving, 4200), "saving %.17g", m.saving);
    cr_assert(near(m.fixed_annual, 12000), "fixed %.17g", m.fixed_annual);
    cr_assert(near(m.break_even, 12000.0 / 27), "break-even %.17g", m.break_even);
    cr_assert(near(m.capital, 110000), "capital %.17g", m.capital);
    sn_screen_free(sc);
    sn_instance_free(in);
}

/* Every allocation of a screen (pricer, tables, grids, heap, ids) may fail: the call
 * then returns SN_ENOMEM, *out is NULL and nothing leaks. */
Test(screen, out_of_memory_at_every_allocation_is_reported_and_leaks_nothing)
{
    sn_instance *in = two("40");
    for (long n = 1;; n++) {
        cr_assert_lt(n, 10000, "the screen never succeeded");
        long live = snp_alloc_live();
        sn_diag d;
        sn_diag_init(&d);
        sn_screen *sc = NULL;
        snp_alloc_fail_at(n);
        sn_status st = sn_screen_build(in, 0, &sc, &d);
        snp_alloc_fail_at(0);
        if (st == SN_OK) {
            cr_assert_not_null(sc);
            sn_screen_free(sc);
            cr_assert_eq(snp_alloc_live(), live);
            break;
        }
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld: %s", n, sn_status_name(st));
        cr_assert_null(sc);
        cr_assert_eq(snp_alloc_live(), live, "allocation %ld: leak", n);
    }
    sn_instance_free(in);
}

/* snp_link_price gives every generated candidate of the model the same costs and bound. */
Test(screen, link_price_agrees_with_the_model_builder)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_file("instances/kalundborg.json", &in, &d), SN_OK);
    sn_model *m = NULL;
    cr_assert_eq(sn_model_build(in, SN_MODEL_NETWORK, &m, &d), SN_OK);
    snp_link_pricer *p = snp_link_pricer_new(in);
    cr_assert_not_null(p);
    int checked = 0;
    for (int k = 0; k < sn_model_links(m); k++) {
        const snp_link *a = snp_model_link(m, k);
        snp_link b;
        int ok = a->spec >= 0 ? snp_link_price_spec(p, a->spec, &b)
                              : snp_link_price(p, a->tail, a->head, a->resource, a->mode, &b);
        cr_assert(ok, "link %d not priced", k);
        cr_assert_eq(a->length_km, b.length_km);
        cr_assert_eq(a->fixed_annual, b.fixed_annual);
        cr_assert_eq(a->unit_annual, b.unit_annual);
        cr_assert_eq(a->arrive, b.arrive);
        cr_assert_eq(a->bound, b.bound);
        cr_assert_eq(a->corridor, b.corridor);
        checked++;
    }
    cr_assert_gt(checked, 10);
    snp_link_pricer_free(p);
    sn_model_free(m);
    sn_instance_free(in);
}

/* The bounds that settle pairs without pricing them (and the heap) change no count and no
 * leading match: a generated region keeping 50 matches and keeping every one agree. */
Test(screen, keeping_fewer_matches_changes_no_count_and_no_leader)
{
    char dir[128], region[256], cmd[600];
    tu_make_tmpdir(dir, sizeof dir, "screen");
    tu_fmt(region, sizeof region, "%s/m.json", dir);
    tu_fmt(cmd, sizeof cmd, "%s/gen --size M --seed 2 -o %s", tu_env_or("BENCH_BIN", "build/bench"),
           region);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_file(region, &in, &d), SN_OK);
    sn_screen *few = screen(in, 50), *all = screen(in, 100000000);
    for (int hub = 0; hub < 2; hub++) {
        sn_screen_counts a, b;
        sn_screen_counts_get(few, hub, &a);
        sn_screen_counts_get(all, hub, &b);
        cr_assert_eq(a.screened, b.screened);
        cr_assert_eq(a.quality_excluded, b.quality_excluded);
        cr_assert_eq(a.paying, b.paying);
        cr_assert_eq(a.flagged, b.flagged);
    }
    cr_assert_eq(sn_screen_count(few), 50);
    cr_assert(sn_screen_truncated(few));
    cr_assert_not(sn_screen_truncated(all));
    for (size_t i = 0; i < 50; i++) {
        sn_screen_match a, b;
        cr_assert_eq(sn_screen_match_get(few, i, &a), 0);
        cr_assert_eq(sn_screen_match_get(all, i, &b), 0);
        cr_assert_str_eq(a.id, b.id);
        cr_assert_eq(a.saving, b.saving);
    }
    sn_screen_free(few);
    sn_screen_free(all);
    sn_instance_free(in);
    tu_remove_tmpdir(dir);
}

/* ---- the shortcuts against pricing every pair ------------------------------------------- */

static unsigned long long mix_state;

static double mix_rand(void) /* in [0, 1) */
{
    mix_state = mix_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(mix_state >> 11) / 9007199254740992.0;
}

/* A region that exercises every branch of the screen's shortcuts: heat by pipe without max_km
 * (reach from its loss), steam as a substitute for heat with ratios, water by sized pipes in
 * a corridor-free civil trench or by truck with trip charges and a quality attribute, ash by
 * truck only; must-take supplies, must-serve demands, quality limits, negative disposal costs,
 * explicit links (given costs, forbidden) and corridors. n facilities, planar km or lon/lat. */
#define MIXED_MAX 1000

static char *mixed_region(int n, int lonlat, unsigned seed)
{
    static unsigned char sends[MIXED_MAX][4], takes[MIXED_MAX][4];
    cr_assert_leq(n, MIXED_MAX);
    memset(sends, 0, sizeof sends);
    memset(takes, 0, sizeof takes);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    mix_state = seed;
    fprintf(f,
            "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"mixed\","
            " \"coordinates\": \"%s\", \"currency\": \"EUR\", \"discount_rate\": 0.05,"
            " \"lifetime_yr\": 20, \"carbon_price\": 60},"
            " \"resources\": ["
            "{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 300000,"
            " \"capital_per_km_per_unit\": 1, \"opex_per_unit_km\": 0.05,"
            " \"co2_per_unit_km\": 0.0001, \"loss_per_km\": 0.01, \"detour\": 1.2}},"
            "{\"id\": \"steam\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 500000,"
            " \"opex_per_unit_km\": 0.08, \"loss_per_km\": 0.02, \"max_km\": 30}},"
            "{\"id\": \"water\", \"unit\": \"m3\", \"quality\": [\"cl\"],"
            " \"pipe\": {\"civil_capital_per_km\": 20000, \"sizes\": [{\"capacity\": 5000,"
            " \"capital_per_km\": 50000}, {\"capacity\": 20000, \"capital_per_km\": 120000}],"
            " \"opex_per_unit_km\": 0.01, \"max_km\": 40},"
            " \"truck\": {\"cost_per_unit_km\": 0.2, \"cost_per_trip\": 50,"
            " \"truck_capacity\": 30, \"max_km\": 60, \"detour\": 1.3}},"
            "{\"id\": \"ash\", \"unit\": \"t\", \"truck\": {\"cost_per_unit_km\": 0.1,"
            " \"co2_per_unit_km\": 0.0001, \"max_km\": 50}}],"
            " \"facilities\": [",
            lonlat ? "lonlat" : "planar_km");
    static const char *const RES[] = {"heat", "steam", "water", "ash"};
    for (int i = 0; i < n; i++) {
        double x = lonlat ? 8 + 2.5 * mix_rand() : 150 * mix_rand();
        double y = lonlat ? 55 + 1.3 * mix_rand() : 150 * mix_rand();
        fprintf(f, "%s{\"id\": \"f%d\", \"location\": [%.4f, %.4f], \"supplies\": [", i ? "," : "",
                i, x, y);
        int k = 0;
        for (int r = 0; r < 4; r++) {
            if (mix_rand() > (r == 0 ? 0.7 : 0.35))
                continue;
            sends[i][r] = 1;
            fprintf(f, "%s{\"resource\": \"%s\", \"amount\": %.0f", k++ ? "," : "", RES[r],
                    100 + 30000 * mix_rand());
            if (mix_rand() < 0.85)
                fprintf(f, ", \"disposal_cost\": %.2f, \"disposal_co2\": %.2f", -1 + 9 * mix_rand(),
                        0.2 * mix_rand());
            if (r == 2)
                fprintf(f, ", \"quality\": {\"cl\": %.0f}", 300 * mix_rand());
            fputc('}', f);
        }
        fputs("], \"demands\": [", f);
        k = 0;
        for (int r = 0; r < 4; r++) {
            if (r == 1 || mix_rand() > 0.5)
                continue;
            takes[i][r] = 1;
            fprintf(f, "%s{\"resource\": \"%s\", \"amount\": %.0f", k++ ? "," : "", RES[r],
                    100 + 30000 * mix_rand());
            if (mix_rand() < 0.9)
                fprintf(f, ", \"price\": %.2f, \"co2\": 0.2", 10 + 60 * mix_rand());
            if (r == 0 && mix_rand() < 0.5 && (takes[i][1] = 1))
                fprintf(f, ", \"substitutes\": [{\"resource\": \"steam\", \"ratio\": %.2f}]",
                        0.5 + 2.5 * mix_rand());
            if (r == 2 && mix_rand() < 0.4)
                fprintf(f, ", \"quality\": {\"cl\": {\"max\": %.0f}}", 100 + 150 * mix_rand());
            fputc('}', f);
        }
        fputs("]}", f);
    }
    /* hubs turning ash into water, with both legs found through the grids */
    fputs("], \"hubs\": [", f);
    for (int h = 0; h < 3; h++)
        fprintf(f,
                "%s{\"id\": \"h%d\", \"location\": [%.4f, %.4f], \"capacities\": [{\"capacity\":"
                " 20000, \"capital\": 300000, \"fixed_opex\": 10000}], \"inputs\":"
                " [{\"resource\": \"ash\", \"yields\": {\"water\": 0.5}, \"cost_per_unit\": 1}],"
                " \"outputs\": [{\"resource\": \"water\", \"quality\": {\"cl\": 120}}]}",
                h ? "," : "", h, lonlat ? 8.5 + mix_rand() : 30 + 90 * mix_rand(),
                lonlat ? 55.3 + 0.6 * mix_rand() : 30 + 90 * mix_rand());
    fputs("], \"links\": [", f);
    for (int k = 0, made = 0; k < 50 * n && made < n / 10; k++) {
        int a = (int)(n * mix_rand()), b = (int)(n * mix_rand()), r = made % 3;
        if (a == b || !sends[a][r] || !takes[b][r])
            continue;
        fprintf(f, "%s{\"from\": \"f%d\", \"to\": \"f%d\", \"resource\": \"%s\", \"mode\": \"%s\"",
                made ? "," : "", a, b, RES[r], r == 2 && made % 2 ? "truck" : "pipe");
        if (made % 4 == 1)
            fputs(", \"status\": \"forbidden\"", f);
        else if (made % 4 == 2)
            fprintf(f, ", \"capital\": %.0f, \"cost_per_unit\": 0.5, \"loss\": 0.05",
                    20000 + 500000 * mix_rand());
        else /* priced by the mode over a given length (a pipe must deliver something) */
            fprintf(f, ", \"length_km\": %.1f", 1 + 40 * mix_rand());
        fputc('}', f);
        made++;
    }
    fputs("], \"corridors\": [", f);
    for (int k = 0; k < n / 20; k++) {
        int a = (int)(n * mix_rand()), b = (int)(n * mix_rand());
        if (a == b)
            b = (b + 1) % n;
        fprintf(f, "%s{\"id\": \"c%d\", \"from\": \"f%d\", \"to\": \"f%d\", \"capital\": %.0f%s}",
                k ? "," : "", k, a, b, 100000 * mix_rand(), k % 3 ? "" : ", \"length_km\": 90");
    }
    fputs("]}", f);
    cr_assert_eq(fclose(f), 0);
    return text;
}

/* The two screens agree on every count and every kept match, figure for figure. */
static void assert_same_screen(const sn_screen *a, const sn_screen *b, const char *what)
{
    for (int hub = 0; hub < 2; hub++) {
        sn_screen_counts x, y;
        sn_screen_counts_get(a, hub, &x);
        sn_screen_counts_get(b, hub, &y);
        cr_assert_eq(x.screened, y.screened, "%s: screened %zu vs %zu", what, x.screened,
                     y.screened);
        cr_assert_eq(x.quality_excluded, y.quality_excluded, "%s", what);
        cr_assert_eq(x.feasible, y.feasible, "%s", what);
        cr_assert_eq(x.paying, y.paying, "%s: paying %zu vs %zu", what, x.paying, y.paying);
        cr_assert_eq(x.flagged, y.flagged, "%s", what);
    }
    cr_assert_eq(sn_screen_truncated(a), sn_screen_truncated(b), "%s", what);
    cr_assert_eq(sn_screen_count(a), sn_screen_count(b), "%s", what);
    for (size_t i = 0; i < sn_screen_count(a); i++) {
        sn_screen_match x, y;
        cr_assert_eq(sn_screen_match_get(a, i, &x), 0);
        cr_assert_eq(sn_screen_match_get(b, i, &y), 0);
        cr_assert_str_eq(x.id, y.id, "%s: rank %zu", what, i + 1);
        cr_assert_eq(x.saving, y.saving, "%s: rank %zu", what, i + 1);
        cr_assert_eq(x.amount, y.amount, "%s: rank %zu", what, i + 1);
        cr_assert_eq(x.length_km, y.length_km, "%s: rank %zu", what, i + 1);
    }
}

static void assert_shortcuts_exact(const sn_instance *in, size_t keep, const char *what)
{
    sn_screen *fast = NULL, *exact = NULL;
    cr_assert_eq(snp_screen_build(in, keep, 0, &fast), SN_OK);
    cr_assert_eq(snp_screen_build(in, keep, 1, &exact), SN_OK);
    assert_same_screen(fast, exact, what);
    sn_screen_free(fast);
    sn_screen_free(exact);
}

/* The price bounds, the bulk settling of far pairs and the grid change nothing: every count
 * and every kept match equal those of pricing each pair within reach (snp_screen_build exact),
 * keeping few matches (the bounds against the worst kept) and all of them. */
Test(screen, shortcuts_agree_with_pricing_every_pair)
{
    for (int lonlat = 0; lonlat < 2; lonlat++) {
        char *text = mixed_region(400, lonlat, 7u + (unsigned)lonlat);
        sn_instance *in = load_text(text);
        free(text);
        const size_t keeps[] = {30, 100000000};
        for (size_t k = 0; k < 2; k++) {
            char what[64];
            tu_fmt(what, sizeof what, "%s, keep %zu", lonlat ? "lonlat" : "planar", keeps[k]);
            assert_shortcuts_exact(in, keeps[k], what);
        }
        sn_instance_free(in);
    }
    /* the dense shapes of the benchmark (bench/README.md, "screen"), smaller; must-take: every
     * match flagged, the heap full of flagged ones */
    char dir[128], region[256], cmd[600];
    tu_make_tmpdir(dir, sizeof dir, "screen");
    for (int must_take = 0; must_take < 2; must_take++) {
        tu_fmt(region, sizeof region, "%s/dense%d.json", dir, must_take);
        tu_fmt(cmd, sizeof cmd, "%s/gen --facilities 800 --seed 3 --dense%s -o %s",
               tu_env_or("BENCH_BIN", "build/bench"), must_take ? " --must-take" : "", region);
        cr_assert_eq(system(cmd), 0, "%s", cmd);
        sn_diag d;
        sn_diag_init(&d);
        sn_instance *in = NULL;
        cr_assert_eq(sn_instance_load_file(region, &in, &d), SN_OK);
        assert_shortcuts_exact(in, 0, must_take ? "dense 800, must-take" : "dense 800");
        assert_shortcuts_exact(in, 50,
                               must_take ? "dense 800, must-take, keep 50" : "dense 800, keep 50");
        sn_instance_free(in);
    }
    tu_remove_tmpdir(dir);
}

/* ---- the command ------------------------------------------------------------------------- */

/* Runs symnet with args (NULL-terminated, without the program) and returns its exit code. */
static int run(const char *out, const char *err, const char *const *args)
{
    static char buf[12][512]; /* tu_spawn takes char *const[]: writable copies */
    char *argv[13];
    int n = 0;
    tu_fmt(buf[n], sizeof buf[n], "%s", tu_symnet_bin());
    argv[n] = buf[n];
    for (n = 1; args[n - 1]; n++) {
        cr_assert_lt(n, 12);
        tu_fmt(buf[n], sizeof buf[n], "%s", args[n - 1]);
        argv[n] = buf[n];
    }
    argv[n] = NULL;
    pid_t pid = tu_spawn(argv, out, err);
    cr_assert_gt(pid, 0);
    return tu_wait(pid);
}

Test(screen, command_writes_csv_and_html_and_prints_the_top_match)
{
    char dir[128], region[256], csv[256], html[256], out[256], err[256];
    tu_make_tmpdir(dir, sizeof dir, "screen");
    tu_fmt(region, sizeof region, "%s/two.json", dir);
    tu_fmt(csv, sizeof csv, "%s/m.csv", dir);
    tu_fmt(html, sizeof html, "%s/m.html", dir);
    tu_fmt(out, sizeof out, "%s/out", dir);
    tu_fmt(err, sizeof err, "%s/err", dir);
    char text[2048];
    tu_fmt(text, sizeof text, TWO, "40");
    FILE *f = fopen(region, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    const char *const argv[] = {"screen", region, "--csv", csv, "--html", html, NULL};
    cr_assert_eq(run(out, err, argv), 0);
    char *c = tu_read_file(csv, NULL), *h = tu_read_file(html, NULL), *o = tu_read_file(out, NULL);
    cr_assert(c && h && o);
    const char *head = "rank,kind,id,supplier,hub,user,resource,unit,delivered_resource,";
    cr_assert(strncmp(c, head, strlen(head)) == 0, "%s", c);
    cr_assert(strstr(c, "\n1,direct,A/B/heat/pipe,A,,B,heat,MWh,heat,heat,MWh,pipe,5,"), "%s", c);
    cr_assert(strstr(h, "<table id=\"matches\""), "no table");
    cr_assert(strstr(o, "29,105"), "%s", o);
    cr_assert(strstr(o, "A -> B"), "%s", o);
    free(c);
    free(h);
    free(o);
    const char *const help[] = {"screen", "--help", NULL};
    cr_assert_eq(run(out, err, help), 0);
    o = tu_read_file(out, NULL);
    cr_assert(o && strstr(o, "usage: symnet screen REGION"), "%s", o);
    free(o);
    const char *const general[] = {"help", NULL};
    cr_assert_eq(run(out, err, general), 0);
    o = tu_read_file(out, NULL);
    cr_assert(o && strstr(o, "  screen "), "%s", o);
    free(o);
    tu_remove_tmpdir(dir);
}

Test(screen, command_errors_write_nothing)
{
    char dir[128], region[256], csv[256], out[256], err[256], bad[256];
    tu_make_tmpdir(dir, sizeof dir, "screen");
    tu_fmt(region, sizeof region, "%s/two.json", dir);
    tu_fmt(bad, sizeof bad, "%s/bad.json", dir);
    tu_fmt(csv, sizeof csv, "%s/m.csv", dir);
    tu_fmt(out, sizeof out, "%s/out", dir);
    tu_fmt(err, sizeof err, "%s/err", dir);
    char text[2048];
    tu_fmt(text, sizeof text, TWO, "\"40\"");
    FILE *f = fopen(bad, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    /* invalid region: exit 3, the message names the file and the JSON path */
    const char *const a1[] = {"screen", bad, "--csv", csv, NULL};
    cr_assert_eq(run(out, err, a1), 3);
    char *e = tu_read_file(err, NULL);
    cr_assert(e && strstr(e, "bad.json: facilities[1].demands[0].price"), "%s", e);
    free(e);
    cr_assert_not(tu_exists(csv));
    /* unreadable region: exit 5 */
    const char *const a2[] = {"screen", region, "--csv", csv, NULL};
    cr_assert_eq(run(out, err, a2), 5);
    cr_assert_not(tu_exists(csv));
    /* usage: exit 2 */
    const char *const a3[] = {"screen", bad, "--top", "x", NULL};
    cr_assert_eq(run(out, err, a3), 2);
    const char *const a4[] = {"screen", NULL};
    cr_assert_eq(run(out, err, a4), 2);
    const char *const a5[] = {"screen", bad, "--csv", NULL};
    cr_assert_eq(run(out, err, a5), 2);
    /* an output in a missing directory fails before the work: exit 5 */
    char missing[300];
    tu_fmt(missing, sizeof missing, "%s/no/such/m.csv", dir);
    const char *const a6[] = {"screen", bad, "--csv", missing, NULL};
    cr_assert_eq(run(out, err, a6), 5);
    tu_remove_tmpdir(dir);
}
