/*
 * gen.c - seeded generator of synthetic industrial-symbiosis regions for the benchmarks.
 *
 * Sits outside the symnet pipeline: it writes a region file (docs/format.md, symnet-region/1)
 * that `symnet check` accepts and `symnet solve` / `symnet export` consume; bench/run_bench.sh
 * drives it. Usage:
 *
 *     gen (--facilities N | --size S|M|L|XL) [--seed S] [--dense [--must-take]] [--ways K] -o FILE
 *     gen --mustserve SITESxCUSTOMERS [--mixed] [--seed S] -o FILE
 *     gen --netdesign (--facilities N | --size S|M|L|XL) [--seed S] -o FILE
 *     gen --clusters K (--facilities N | --size S|M|L|XL) [--budget EUR] [--seed S] -o FILE
 *
 * --clusters writes K towns of N facilities each, far enough apart that no candidate joins two
 * (write_clusters; issue 17, independent parts); --budget adds a capital budget that couples
 * their pipes and hubs.
 *
 * --dense writes instead the shape that defeats a spatial index (bench/README.md, "screen"):
 * every facility supplies and demands the one resource, heat, whose pipe has no max_km, so
 * every ordered pair of facilities is a candidate (N (N - 1) of them). --must-take drops the
 * supplies' disposal costs (the same region otherwise): every match is flagged, unpriced.
 * --netdesign writes pure network design (issue 17): N terminals, a few plants that must ship
 * and users that must be served, 8 N junctions and explicit pipes between neighbours, nothing
 * priced against business as usual (write_netdesign states the assumptions).
 *
 * --mustserve writes the capacitated facility-location shape of issue 17 (write_mustserve):
 * CUSTOMERS demands that must be served from SITES candidate hubs with capacities, heat only or
 * (--mixed) heat and digestate.
 *
 * --ways K adds rights of way (issue 18, docs/format.md "ways"): a grid of K streets each way
 * over the region's square, each a polyline with a point at every crossing, so 2 K (K - 1)
 * segments (K = 51: 5,100); facilities join them by service connections (max_service_km is the
 * grid's half spacing and more, so none is left out).
 *
 * S, M, L, XL are 50, 200, 1000 and 3000 facilities. FILE is written as FILE.tmp, then
 * renamed, so a failure never leaves half a region.
 *
 * What a region looks like (bench/README.md has the details and the sources):
 * - about N/12 industrial parks, each 2-6 km across, spread over a square whose side grows with
 *   sqrt(N) (constant density of parks), coordinates planar_km;
 * - facilities of 14 sectors (CHP plant, refinery, chemicals, food, brewery, dairy, paper mill,
 *   cement, wallboard, wastewater plant, district heating, greenhouse, farm, fish farm): the
 *   industrial ones inside parks, greenhouses and fish farms next to a park, farms anywhere;
 * - 11 resources: steam, heat, process water and treated wastewater (with a chloride quality
 *   attribute; some demands have a chloride limit), CO2 by pipe; gypsum, fly ash, sludge, spent
 *   grain, whey and biomass residues by truck;
 * - one candidate hub per park (wastewater heat pump, water reclamation or digester), sized
 *   from what the park supplies, with 3 capacity options;
 * - every supply has a disposal cost and every demand a price, so business as usual is
 *   always feasible.
 *
 * Determinism: the same (N, seed) gives the same bytes on every machine. The generator uses its
 * own PRNG (xoshiro256** seeded with splitmix64, not rand()), only the correctly rounded IEEE
 * operations + - * / and sqrt (no exp, log, pow or trigonometry, whose last bit may differ
 * between C libraries), and ISO C mode (-std=c11 makes GCC contract no a*b+c into an FMA).
 *
 * Exit status: 0 written, 2 usage error, 5 the file could not be written.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_USAGE = 2, EXIT_IO = 5, EXIT_INTERNAL = 70 };

#if defined(__GNUC__) || defined(__clang__)
#define GEN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define GEN_PRINTF(f, a)
#endif

/* ---- PRNG: xoshiro256** (Blackman & Vigna 2018) seeded by splitmix64 ----------------- */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, 1) with 53 random bits. */
static double rng_unif(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static double rng_range(rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unif(r);
}

/* Uniform integer in [0, n), n > 0 (modulo bias below 2^-40 for the n used here). */
static int rng_int(rng *r, int n)
{
    return (int)(rng_next(r) % (uint64_t)n);
}

static int rng_bernoulli(rng *r, double p)
{
    return rng_unif(r) < p;
}

/* A point uniform in the disk of radius rad around (cx, cy), by rejection (no trigonometry). */
static void rng_disk(rng *r, double cx, double cy, double rad, double *x, double *y)
{
    double u, v;
    do {
        u = 2.0 * rng_unif(r) - 1.0;
        v = 2.0 * rng_unif(r) - 1.0;
    } while (u * u + v * v > 1.0);
    *x = cx + rad * u;
    *y = cy + rad * v;
}

/* ---- numbers ------------------------------------------------------------------------- */

/* x rounded to `sig` significant digits (x > 0), with IEEE-exact operations only. */
static double round_sig(double x, int sig)
{
    if (!(x > 0.0))
        return 0.0;
    double hi = 1.0;
    for (int i = 0; i < sig; i++)
        hi *= 10.0;
    double scale = 1.0; /* x / scale lands in [hi/10, hi) */
    while (x / scale >= hi)
        scale *= 10.0;
    while (x / scale < hi / 10.0)
        scale /= 10.0;
    return floor(x / scale + 0.5) * scale;
}

/* x rounded to a multiple of `step` (a power of ten). */
static double round_to(double x, double step)
{
    return floor(x / step + 0.5) * step;
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

/* x^0.75 with sqrt only (economies of scale of plant capital). */
static double pow075(double x)
{
    double s = sqrt(x);
    return s * sqrt(s);
}

/* ---- JSON writer ------------------------------------------------------------------------ */

/* Writes pretty JSON; containers opened `inline` keep their children on one line. */
typedef struct jw {
    FILE *f;
    int depth;
    int count[32]; /* children written so far, per open container */
    int inl[32];   /* 1 when the container is inline */
} jw;

static void jw_sep(jw *w)
{
    if (w->depth == 0)
        return;
    int d = w->depth - 1;
    if (w->count[d] > 0)
        fputc(',', w->f);
    if (w->inl[d]) {
        if (w->count[d] > 0)
            fputc(' ', w->f);
    } else {
        fputc('\n', w->f);
        for (int i = 0; i < w->depth; i++)
            fputs("  ", w->f);
    }
    w->count[d]++;
}

static void jw_key(jw *w, const char *key)
{
    jw_sep(w);
    if (key)
        fprintf(w->f, "\"%s\": ", key); /* keys and strings here are plain ASCII, no escapes */
}

static void jw_open(jw *w, const char *key, char bracket, int inl)
{
    jw_key(w, key);
    fputc(bracket, w->f);
    int parent_inline = w->depth > 0 && w->inl[w->depth - 1];
    w->count[w->depth] = 0;
    w->inl[w->depth] = inl || parent_inline;
    w->depth++;
}

static void jw_close(jw *w, char bracket)
{
    w->depth--;
    if (!w->inl[w->depth] && w->count[w->depth] > 0) {
        fputc('\n', w->f);
        for (int i = 0; i < w->depth; i++)
            fputs("  ", w->f);
    }
    fputc(bracket, w->f);
}

static void jw_obj(jw *w, const char *key, int inl)
{
    jw_open(w, key, '{', inl);
}

static void jw_end_obj(jw *w)
{
    jw_close(w, '}');
}

static void jw_arr(jw *w, const char *key, int inl)
{
    jw_open(w, key, '[', inl);
}

static void jw_end_arr(jw *w)
{
    jw_close(w, ']');
}

static void jw_num(jw *w, const char *key, double v)
{
    jw_key(w, key);
    if (v == 0.0)
        v = 0.0; /* no "-0" */
    fprintf(w->f, "%.10g", v);
}

static void jw_str(jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    fprintf(w->f, "\"%s\"", s);
}

static void jw_strf(jw *w, const char *key, const char *fmt, ...) GEN_PRINTF(3, 4);

static void jw_strf(jw *w, const char *key, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    jw_str(w, key, buf);
}

/* ---- resources ------------------------------------------------------------------------ */

typedef enum res_id {
    R_STEAM,
    R_HEAT,
    R_WATER,
    R_TWW,
    R_CO2,
    R_GYPSUM,
    R_FLYASH,
    R_SLUDGE,
    R_GRAIN,
    R_WHEY,
    R_BIOMASS,
    R_COUNT
} res_id;

typedef struct pipe_spec {
    double capital_per_km, capital_per_km_per_unit, opex_per_unit_km, co2_per_unit_km;
    double loss_per_km, lifetime_yr, max_km, detour;
} pipe_spec;

typedef struct truck_spec {
    double cost_per_unit_km, co2_per_unit_km, cost_per_trip, truck_capacity, max_km, detour;
} truck_spec;

typedef struct resource_spec {
    const char *id, *name, *unit;
    int is_pipe; /* 1: pipe, 0: truck */
    pipe_spec pipe;
    truck_spec truck;
    const char *note;
} resource_spec;

/* Figures from instances/kalundborg.json (steam, district_heat, reuse/surface water,
 * treated_wastewater, gypsum, biomass_fertiliser) and instances/tutorial.json (spent grain);
 * max_km follows the benchmark brief (pipes 8-15 km, trucks 80 km). */
static const resource_spec RESOURCES[R_COUNT] = {
    [R_STEAM] = {"steam",
                 "Process steam",
                 "MWh",
                 1,
                 {700000, 1.5, 0.08, 0, 0.01, 30, 8, 1.3},
                 {0},
                 "kalundborg.json steam pipe"},
    [R_HEAT] = {"heat",
                "Low-temperature heat (hot water)",
                "MWh",
                1,
                {500000, 1.2, 0.05, 9e-05, 0.004, 40, 15, 1.3},
                {0},
                "kalundborg.json district_heat pipe"},
    [R_WATER] = {"process_water",
                 "Process water (treated to industrial quality)",
                 "m3",
                 1,
                 {250000, 0.05, 0.002, 7e-07, 0.001, 50, 12, 1.3},
                 {0},
                 "kalundborg.json reuse_water/surface_water pipe"},
    [R_TWW] = {"treated_wastewater",
               "Treated wastewater (effluent)",
               "m3",
               1,
               {300000, 0.03, 0.001, 5e-07, 0, 40, 10, 1.3},
               {0},
               "kalundborg.json treated_wastewater pipe"},
    [R_CO2] = {"co2",
               "Captured CO2 (low-pressure gas)",
               "t",
               1,
               {300000, 2.0, 0.01, 2e-05, 0, 30, 15, 1.3},
               {0},
               "assumption: low-pressure CO2 line of the OCAP type (greenhouse supply); "
               "capital 300,000 EUR/km + 2 EUR/km per t/yr, opex 0.01 EUR/t/km, compression "
               "electricity ~0.15 kWh/t/km at 0.12 t/MWh"},
    [R_GYPSUM] = {"gypsum",
                  "FGD gypsum",
                  "t",
                  0,
                  {0},
                  {0.15, 0.0001, 60, 30, 80, 1.4},
                  "kalundborg.json gypsum truck (max_km 80)"},
    [R_FLYASH] = {"fly_ash",
                  "Fly ash",
                  "t",
                  0,
                  {0},
                  {0.12, 0.0001, 60, 30, 80, 1.3},
                  "assumption: bulk tipper, kalundborg.json truck figures for 30 t loads"},
    [R_SLUDGE] = {"sludge",
                  "Dewatered sludge (about 25% dry matter)",
                  "t",
                  0,
                  {0},
                  {0.15, 0.0001, 50, 25, 80, 1.3},
                  "assumption: 25 t container loads, kalundborg.json truck figures"},
    [R_GRAIN] = {"spent_grain",
                 "Wet brewers' spent grain",
                 "t",
                 0,
                 {0},
                 {0.2, 0.0001, 40, 25, 80, 1.25},
                 "tutorial.json spent_grain truck (max_km 80)"},
    [R_WHEY] = {"whey",
                "Acid/sweet whey",
                "t",
                0,
                {0},
                {0.12, 0.0001, 50, 30, 80, 1.3},
                "kalundborg.json biomass_fertiliser tanker figures"},
    [R_BIOMASS] = {"biomass",
                   "Wood and biomass residues (bark, straw, shells)",
                   "t",
                   0,
                   {0},
                   {0.12, 0.0001, 50, 30, 80, 1.3},
                   "kalundborg.json biomass_fertiliser truck figures"},
};

/* ---- sectors ---------------------------------------------------------------------------- */

typedef enum placement { IN_PARK, NEAR_PARK, RURAL } placement;

/* One possible supply or demand of a sector. amt_hi == 0 ends a list. */
typedef struct flow_spec {
    res_id res;
    double prob;           /* share of the sector's facilities that have it */
    double amt_lo, amt_hi; /* per year, resource unit */
    double val_lo, val_hi; /* supply: disposal_cost; demand: price (EUR per unit) */
    double co2;            /* supply: disposal_co2; demand: co2 of the virgin input (t/unit) */
    double q_lo, q_hi;     /* supply: chloride ppm; demand: max chloride ppm (0: no limit) */
} flow_spec;

#define MAXFLOW 6

typedef struct sector_spec {
    const char *id, *name;
    double weight; /* share of facilities */
    placement where;
    flow_spec sup[MAXFLOW];
    flow_spec dem[MAXFLOW];
} sector_spec;

/* Amounts and prices are drawn around the Kalundborg figures (steam 43 EUR/MWh at 0.22 t,
 * district heat 45 EUR/MWh at 0.21 t, water 0.8 EUR/m3, gypsum 30 EUR/t, fly ash 25 EUR/t at
 * 0.3 t, disposal 12-25 EUR/t, CHP heat/steam sold back at -8/-14 EUR/MWh) and the tutorial
 * (spent grain 25 EUR/t disposal at 0.2 t, feed 60 EUR/t, greenhouse heat 50 EUR/MWh).
 * Chloride: municipal effluent 80-300 mg/L, industrial effluents higher; limits: irrigation
 * 140-350 mg/L (FAO Irrigation and Drainage Paper 29, Ayers & Westcot 1985), cooling-tower
 * make-up 250-500 mg/L, cement 500-1000 mg/L (assumptions). */
static const sector_spec SECTORS[] = {
    {"chp",
     "power and heat (CHP)",
     4,
     IN_PARK,
     {{R_STEAM, 1.0, 100000, 600000, -14, -8, 0, 0, 0},
      {R_HEAT, 1.0, 50000, 190000, -8, -4, 0, 0, 0},
      {R_FLYASH, 0.6, 10000, 100000, 20, 30, 0.005, 0, 0},
      {R_GYPSUM, 0.4, 20000, 150000, 12, 18, 0.005, 0, 0}},
     {{R_WATER, 1.0, 100000, 400000, 0.7, 1.0, 6e-05, 0, 0},
      {R_TWW, 0.5, 500000, 3000000, 0.4, 0.6, 3e-05, 250, 500},
      {R_BIOMASS, 0.5, 20000, 150000, 40, 60, 0.03, 0, 0}}},
    {"refinery",
     "oil refining",
     2,
     IN_PARK,
     {{R_HEAT, 1.0, 20000, 100000, 0, 0, 0, 0, 0},
      {R_CO2, 0.7, 20000, 100000, 0, 0, 0, 0, 0},
      {R_TWW, 1.0, 300000, 1500000, 0.03, 0.08, 0, 400, 1500}},
     {{R_STEAM, 1.0, 50000, 200000, 40, 46, 0.22, 0, 0},
      {R_WATER, 1.0, 300000, 1200000, 0.7, 1.0, 6e-05, 0, 0}}},
    {"chemicals",
     "chemicals",
     7,
     IN_PARK,
     {{R_HEAT, 0.7, 5000, 60000, 0, 0, 0, 0, 0},
      {R_CO2, 0.3, 5000, 50000, 0, 0, 0, 0, 0},
      {R_TWW, 0.8, 100000, 1000000, 0.03, 0.1, 0, 500, 3000},
      {R_SLUDGE, 0.3, 1000, 10000, 40, 70, 0.05, 0, 0}},
     {{R_STEAM, 0.9, 20000, 150000, 40, 46, 0.22, 0, 0},
      {R_WATER, 1.0, 100000, 800000, 0.7, 1.0, 6e-05, 0, 0}}},
    {"food",
     "food processing",
     9,
     IN_PARK,
     {{R_TWW, 0.9, 50000, 400000, 0.02, 0.08, 0, 200, 800},
      {R_SLUDGE, 0.4, 500, 5000, 30, 50, 0.05, 0, 0},
      {R_BIOMASS, 0.3, 1000, 10000, 10, 20, 0.02, 0, 0}},
     {{R_STEAM, 0.8, 5000, 40000, 40, 46, 0.22, 0, 0},
      {R_HEAT, 0.5, 2000, 20000, 43, 50, 0.21, 0, 0},
      {R_WATER, 1.0, 50000, 400000, 0.7, 1.0, 6e-05, 0, 0},
      {R_CO2, 0.3, 500, 3000, 90, 120, 0.1, 0, 0}}},
    {"brewery",
     "brewery",
     5,
     IN_PARK,
     {{R_GRAIN, 1.0, 2000, 40000, 20, 30, 0.2, 0, 0},
      {R_CO2, 0.8, 1000, 8000, 0, 0, 0, 0, 0},
      {R_TWW, 0.8, 50000, 300000, 0.02, 0.08, 0, 150, 500}},
     {{R_STEAM, 0.7, 5000, 30000, 40, 46, 0.22, 0, 0},
      {R_HEAT, 0.6, 2000, 15000, 43, 50, 0.21, 0, 0},
      {R_WATER, 1.0, 50000, 400000, 0.7, 1.0, 6e-05, 0, 0}}},
    {"dairy",
     "dairy",
     5,
     IN_PARK,
     {{R_WHEY, 1.0, 5000, 80000, 15, 25, 0.1, 0, 0},
      {R_TWW, 0.9, 50000, 400000, 0.02, 0.08, 0, 300, 1200},
      {R_SLUDGE, 0.3, 500, 4000, 30, 50, 0.05, 0, 0}},
     {{R_STEAM, 0.8, 5000, 40000, 40, 46, 0.22, 0, 0},
      {R_HEAT, 0.5, 2000, 15000, 43, 50, 0.21, 0, 0},
      {R_WATER, 1.0, 50000, 500000, 0.7, 1.0, 6e-05, 0, 0}}},
    {"paper",
     "paper mill",
     3,
     IN_PARK,
     {{R_BIOMASS, 1.0, 10000, 80000, 8, 15, 0.02, 0, 0},
      {R_SLUDGE, 1.0, 5000, 40000, 30, 50, 0.05, 0, 0},
      {R_HEAT, 0.8, 10000, 60000, 0, 0, 0, 0, 0},
      {R_TWW, 0.8, 500000, 3000000, 0.02, 0.06, 0, 100, 400}},
     {{R_STEAM, 1.0, 50000, 300000, 40, 46, 0.22, 0, 0},
      {R_WATER, 1.0, 500000, 3000000, 0.7, 1.0, 6e-05, 0, 0}}},
    {"cement",
     "cement",
     3,
     IN_PARK,
     {{R_HEAT, 0.6, 10000, 50000, 0, 0, 0, 0, 0}},
     {{R_FLYASH, 1.0, 20000, 150000, 20, 30, 0.3, 0, 0},
      {R_GYPSUM, 1.0, 10000, 40000, 25, 35, 0.03, 0, 0},
      {R_BIOMASS, 0.7, 10000, 60000, 35, 50, 0.5, 0, 0},
      {R_SLUDGE, 0.5, 2000, 20000, 2, 5, 0.05, 0, 0},
      {R_TWW, 0.4, 20000, 150000, 0.6, 0.9, 6e-05, 500, 1000}}},
    {"wallboard",
     "wallboard (plasterboard)",
     2,
     IN_PARK,
     {{0}},
     {{R_GYPSUM, 1.0, 80000, 250000, 25, 35, 0.03, 0, 0},
      {R_HEAT, 0.5, 5000, 30000, 40, 50, 0.21, 0, 0}}},
    {"wwtp",
     "wastewater treatment",
     6,
     IN_PARK,
     {{R_TWW, 1.0, 1000000, 10000000, 0, 0, 0, 80, 300},
      {R_SLUDGE, 1.0, 5000, 40000, 35, 60, 0.05, 0, 0}},
     {{R_HEAT, 0.5, 1000, 8000, 43, 50, 0.21, 0, 0}}},
    {"district_heating",
     "district heating",
     5,
     IN_PARK,
     {{0}},
     {{R_HEAT, 1.0, 50000, 300000, 42, 50, 0.21, 0, 0},
      {R_BIOMASS, 0.5, 10000, 60000, 45, 60, 0.03, 0, 0}}},
    {"greenhouse",
     "greenhouse horticulture",
     9,
     NEAR_PARK,
     {{0}},
     {{R_HEAT, 1.0, 10000, 60000, 45, 55, 0.2, 0, 0},
      {R_CO2, 0.8, 1000, 10000, 60, 90, 0.3, 0, 0},
      {R_TWW, 0.5, 30000, 300000, 0.6, 0.9, 6e-05, 140, 250}}},
    {"farm",
     "agriculture",
     18,
     RURAL,
     {{R_BIOMASS, 0.4, 1000, 10000, 0, 5, 0, 0, 0}},
     {{R_GRAIN, 0.4, 500, 5000, 50, 65, 0.1, 0, 0},
      {R_WHEY, 0.3, 1000, 15000, 12, 18, 0.05, 0, 0},
      {R_SLUDGE, 0.5, 1000, 10000, 4, 6, 0.015, 0, 0},
      {R_TWW, 0.3, 20000, 200000, 0.2, 0.4, 3e-05, 250, 350}}},
    {"fish_farm",
     "aquaculture",
     3,
     NEAR_PARK,
     {{R_SLUDGE, 0.7, 200, 2000, 30, 50, 0.05, 0, 0}},
     {{R_HEAT, 1.0, 3000, 20000, 35, 45, 0.2, 0, 0},
      {R_WATER, 0.5, 100000, 1000000, 0.3, 0.5, 3e-05, 0, 0}}},
};

#define NSECTORS ((int)(sizeof SECTORS / sizeof SECTORS[0]))

/* ---- hubs ------------------------------------------------------------------------------- */

typedef enum hub_kind { HUB_HEAT_PUMP, HUB_WATER_REUSE, HUB_DIGESTER } hub_kind;

/* ---- the region being generated ------------------------------------------------------- */

typedef struct flow {
    res_id res;
    double amount, value, co2, quality; /* quality: chloride ppm or max limit, 0 = none */
} flow;

typedef struct facility {
    int sector, park, number; /* number: 1-based within the sector */
    double x, y;
    int nsup, ndem;
    flow sup[MAXFLOW], dem[MAXFLOW];
} facility;

typedef struct park {
    double x, y, radius_km;
} park;

typedef struct region {
    int n, nparks;
    uint64_t seed;
    double side_km;
    park *parks;
    facility *fac;
    int ways_k;         /* --ways K: a K x K street grid, 0 none */
    const char *prefix; /* --clusters: "tNNN_" before every facility and hub id, else "" */
} region;

/* Every draw happens in this order, so the output depends only on (n, seed). */
static int generate(region *g, rng *r)
{
    int n = g->n;
    /* ~12 facilities per park; park density constant, so the square grows with sqrt(n). */
    g->nparks = (n + 6) / 12 > 0 ? (n + 6) / 12 : 1;
    g->side_km = 6.0 * sqrt((double)n);
    g->parks = calloc((size_t)g->nparks, sizeof *g->parks);
    g->fac = calloc((size_t)n, sizeof *g->fac);
    if (!g->parks || !g->fac)
        return -1;

    double margin = 0.1 * g->side_km;
    for (int p = 0; p < g->nparks; p++) {
        park *pk = &g->parks[p];
        /* at least 8 km between park centres when possible (200 tries) */
        for (int tries = 0; tries < 200; tries++) {
            pk->x = rng_range(r, margin, g->side_km - margin);
            pk->y = rng_range(r, margin, g->side_km - margin);
            int ok = 1;
            for (int q = 0; q < p && ok; q++) {
                double dx = pk->x - g->parks[q].x, dy = pk->y - g->parks[q].y;
                ok = dx * dx + dy * dy >= 64.0;
            }
            if (ok)
                break;
        }
        pk->radius_km = rng_range(r, 1.0, 3.0);
    }

    /* Sector deck: floor(weight share * n) of each, the rest drawn by weight, then shuffled,
     * so even a 50-facility region has every common sector. */
    double wsum = 0;
    for (int s = 0; s < NSECTORS; s++)
        wsum += SECTORS[s].weight;
    int *deck = malloc((size_t)n * sizeof *deck);
    if (!deck)
        return -1;
    int k = 0;
    for (int s = 0; s < NSECTORS && k < n; s++) {
        int c = (int)floor(SECTORS[s].weight / wsum * (double)n);
        for (int i = 0; i < c && k < n; i++)
            deck[k++] = s;
    }
    while (k < n) {
        double u = rng_unif(r) * wsum;
        int s = 0;
        while (s < NSECTORS - 1 && u >= SECTORS[s].weight) {
            u -= SECTORS[s].weight;
            s++;
        }
        deck[k++] = s;
    }
    for (int i = n - 1; i > 0; i--) {
        int j = rng_int(r, i + 1);
        int t = deck[i];
        deck[i] = deck[j];
        deck[j] = t;
    }

    int numbers[NSECTORS] = {0};
    for (int i = 0; i < n; i++) {
        facility *f = &g->fac[i];
        const sector_spec *sp = &SECTORS[deck[i]];
        f->sector = deck[i];
        f->number = ++numbers[deck[i]];
        f->park = rng_int(r, g->nparks);
        const park *pk = &g->parks[f->park];
        switch (sp->where) {
        case IN_PARK:
            rng_disk(r, pk->x, pk->y, pk->radius_km, &f->x, &f->y);
            break;
        case NEAR_PARK:
            rng_disk(r, pk->x, pk->y, pk->radius_km + 6.0, &f->x, &f->y);
            break;
        case RURAL:
            f->x = rng_range(r, 0, g->side_km);
            f->y = rng_range(r, 0, g->side_km);
            break;
        }
        f->x = round_to(f->x, 0.001);
        f->y = round_to(f->y, 0.001);

        /* a facility's size drives all its amounts (a big brewery has more grain and needs
         * more heat) with some independent spread */
        double size = rng_unif(r);
        for (int side = 0; side < 2; side++) {
            const flow_spec *fs = side == 0 ? sp->sup : sp->dem;
            flow *out = side == 0 ? f->sup : f->dem;
            int *cnt = side == 0 ? &f->nsup : &f->ndem;
            for (int j = 0; j < MAXFLOW && fs[j].amt_hi > 0; j++) {
                if (!rng_bernoulli(r, fs[j].prob))
                    continue;
                flow *fl = &out[(*cnt)++];
                double t = 0.6 * size + 0.4 * rng_unif(r);
                fl->res = fs[j].res;
                fl->amount = round_sig(fs[j].amt_lo + (fs[j].amt_hi - fs[j].amt_lo) * t, 3);
                fl->value = round_to(rng_range(r, fs[j].val_lo, fs[j].val_hi), 0.01);
                fl->co2 = fs[j].co2;
                fl->quality =
                    fs[j].q_hi > 0 ? round_to(rng_range(r, fs[j].q_lo, fs[j].q_hi), 1.0) : 0;
            }
        }
        /* every facility exchanges something: fall back to its sector's first demand */
        if (f->nsup == 0 && f->ndem == 0) {
            const flow_spec *fs = &sp->dem[0];
            flow *fl = &f->dem[f->ndem++];
            fl->res = fs->res;
            fl->amount = round_sig(fs->amt_lo + (fs->amt_hi - fs->amt_lo) * size, 3);
            fl->value = round_to(0.5 * (fs->val_lo + fs->val_hi), 0.01);
            fl->co2 = fs->co2;
            fl->quality = fs->q_hi > 0 ? round_to(0.5 * (fs->q_lo + fs->q_hi), 1.0) : 0;
        }
    }
    free(deck);
    return 0;
}

/* ---- writing ---------------------------------------------------------------------------- */

static void write_resources(jw *w)
{
    jw_arr(w, "resources", 0);
    for (int i = 0; i < R_COUNT; i++) {
        const resource_spec *rs = &RESOURCES[i];
        jw_obj(w, NULL, 0);
        jw_str(w, "id", rs->id);
        jw_str(w, "name", rs->name);
        jw_str(w, "unit", rs->unit);
        if (i == R_TWW) {
            jw_arr(w, "quality", 1);
            jw_str(w, NULL, "chloride_ppm");
            jw_end_arr(w);
        }
        if (rs->is_pipe) {
            const pipe_spec *p = &rs->pipe;
            jw_obj(w, "pipe", 1);
            jw_num(w, "capital_per_km", p->capital_per_km);
            jw_num(w, "capital_per_km_per_unit", p->capital_per_km_per_unit);
            jw_num(w, "opex_per_unit_km", p->opex_per_unit_km);
            jw_num(w, "co2_per_unit_km", p->co2_per_unit_km);
            jw_num(w, "loss_per_km", p->loss_per_km);
            jw_num(w, "lifetime_yr", p->lifetime_yr);
            jw_num(w, "max_km", p->max_km);
            jw_num(w, "detour", p->detour);
            jw_end_obj(w);
        } else {
            const truck_spec *t = &rs->truck;
            jw_obj(w, "truck", 1);
            jw_num(w, "cost_per_unit_km", t->cost_per_unit_km);
            jw_num(w, "co2_per_unit_km", t->co2_per_unit_km);
            jw_num(w, "cost_per_trip", t->cost_per_trip);
            jw_num(w, "truck_capacity", t->truck_capacity);
            jw_num(w, "max_km", t->max_km);
            jw_num(w, "detour", t->detour);
            jw_end_obj(w);
        }
        jw_str(w, "notes", rs->note);
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

/* The facilities of g as entries of an open array. */
static void write_facility_list(jw *w, const region *g)
{
    for (int i = 0; i < g->n; i++) {
        const facility *f = &g->fac[i];
        const sector_spec *sp = &SECTORS[f->sector];
        jw_obj(w, NULL, 0);
        jw_strf(w, "id", "%s%s_%04d", g->prefix ? g->prefix : "", sp->id, f->number);
        if (sp->where == RURAL)
            jw_strf(w, "name", "%s %d", sp->name, f->number);
        else
            jw_strf(w, "name", "%s %d, park %d", sp->name, f->number, f->park + 1);
        jw_str(w, "sector", sp->name);
        jw_arr(w, "location", 1);
        jw_num(w, NULL, f->x);
        jw_num(w, NULL, f->y);
        jw_end_arr(w);
        for (int side = 0; side < 2; side++) {
            int cnt = side == 0 ? f->nsup : f->ndem;
            if (cnt == 0)
                continue;
            jw_arr(w, side == 0 ? "supplies" : "demands", 0);
            for (int j = 0; j < cnt; j++) {
                const flow *fl = side == 0 ? &f->sup[j] : &f->dem[j];
                jw_obj(w, NULL, 1);
                jw_str(w, "resource", RESOURCES[fl->res].id);
                jw_num(w, "amount", fl->amount);
                jw_num(w, side == 0 ? "disposal_cost" : "price", fl->value);
                jw_num(w, side == 0 ? "disposal_co2" : "co2", fl->co2);
                if (fl->res == R_TWW) {
                    jw_obj(w, "quality", 1);
                    if (side == 0) {
                        jw_num(w, "chloride_ppm", fl->quality);
                    } else if (fl->quality > 0) {
                        jw_obj(w, "chloride_ppm", 1);
                        jw_num(w, "max", fl->quality);
                        jw_end_obj(w);
                    }
                    jw_end_obj(w);
                }
                jw_end_obj(w);
            }
            jw_end_arr(w);
        }
        jw_end_obj(w);
    }
}

static void write_facilities(jw *w, const region *g)
{
    jw_arr(w, "facilities", 0);
    write_facility_list(w, g);
    jw_end_arr(w);
}

/* Sum of a park's facility supplies of one resource. */
static double park_supply(const region *g, int p, res_id res)
{
    double s = 0;
    for (int i = 0; i < g->n; i++)
        for (int j = 0; j < g->fac[i].nsup; j++)
            if (g->fac[i].park == p && g->fac[i].sup[j].res == res)
                s += g->fac[i].sup[j].amount;
    return s;
}

static void write_capacity(jw *w, double cap, double capital, double fixed_opex)
{
    jw_obj(w, NULL, 1);
    jw_num(w, "capacity", round_sig(cap, 3));
    jw_num(w, "capital", round_sig(capital, 3));
    jw_num(w, "fixed_opex", round_sig(fixed_opex, 3));
    jw_end_obj(w);
}

static void write_input(jw *w, res_id in, const res_id *outs, const double *yields, int nout,
                        double cost, double co2)
{
    jw_obj(w, NULL, 1);
    jw_str(w, "resource", RESOURCES[in].id);
    jw_obj(w, "yields", 1);
    for (int i = 0; i < nout; i++)
        jw_num(w, RESOURCES[outs[i]].id, yields[i]);
    jw_end_obj(w);
    jw_num(w, "cost_per_unit", cost);
    jw_num(w, "co2_per_unit", co2);
    jw_end_obj(w);
}

static void write_output(jw *w, res_id out)
{
    jw_obj(w, NULL, 1);
    jw_str(w, "resource", RESOURCES[out].id);
    jw_num(w, "disposal_cost", 0);
    jw_num(w, "disposal_co2", 0);
    jw_end_obj(w);
}

/* One candidate hub per park, its kind drawn among those the park can feed: entries of an open
 * array. */
static void write_hub_list(jw *w, const region *g, rng *r)
{
    static const double SHARE[3] = {0.25, 0.5, 1.0};
    for (int p = 0; p < g->nparks; p++) {
        double tww = park_supply(g, p, R_TWW);
        double organics =
            park_supply(g, p, R_SLUDGE) + park_supply(g, p, R_GRAIN) + park_supply(g, p, R_WHEY);
        hub_kind kind;
        double u = rng_unif(r);
        if (tww > 0 && organics > 0)
            kind = u < 0.4 ? HUB_HEAT_PUMP : (u < 0.7 ? HUB_WATER_REUSE : HUB_DIGESTER);
        else if (tww > 0)
            kind = u < 0.5 ? HUB_HEAT_PUMP : HUB_WATER_REUSE;
        else if (organics > 0)
            kind = HUB_DIGESTER;
        else
            kind = HUB_HEAT_PUMP; /* fed from neighbouring parks, if any are in reach */
        double x, y;
        rng_disk(r, g->parks[p].x, g->parks[p].y, 0.5, &x, &y);

        jw_obj(w, NULL, 0);
        static const char *const KIND_ID[3] = {"heat_pump", "water_reuse", "digester"};
        static const char *const KIND_NAME[3] = {"wastewater heat pump", "water reclamation",
                                                 "anaerobic digester with CHP"};
        jw_strf(w, "id", "%shub_p%03d_%s", g->prefix ? g->prefix : "", p + 1, KIND_ID[kind]);
        jw_strf(w, "name", "%s, park %d", KIND_NAME[kind], p + 1);
        jw_str(w, "kind", KIND_NAME[kind]);
        jw_arr(w, "location", 1);
        jw_num(w, NULL, round_to(x, 0.001));
        jw_num(w, NULL, round_to(y, 0.001));
        jw_end_arr(w);
        jw_arr(w, "capacities", 0);
        switch (kind) {
        case HUB_HEAT_PUMP: {
            /* kalundborg.json hp_wastewater: 6 million m3/yr for 7.25 MEUR, 24,000 EUR/yr,
             * scaled with exponent 0.75 */
            double ref = clamp(tww, 1.0e6, 1.0e7);
            for (int i = 0; i < 3; i++) {
                double cap = round_sig(ref * SHARE[i], 3);
                write_capacity(w, cap, 7.25e6 * pow075(cap / 6.0e6), 24000.0 * cap / 6.0e6);
            }
            jw_end_arr(w);
            jw_arr(w, "inputs", 0);
            res_id outs[1] = {R_HEAT};
            double yields[1] = {0.01333};
            write_input(w, R_TWW, outs, yields, 1, 0.38, 0.0005);
            jw_end_arr(w);
            jw_arr(w, "outputs", 0);
            write_output(w, R_HEAT);
            jw_end_arr(w);
            jw_str(w, "notes",
                   "kalundborg.json hp_wastewater figures (yield 0.01333 MWh/m3, "
                   "0.38 EUR/m3, 0.0005 t/m3), capital scaled with exponent 0.75");
            break;
        }
        case HUB_WATER_REUSE: {
            /* assumption: ultrafiltration + reverse osmosis, 2.5 MEUR per million m3/yr,
             * fixed O&M 3 % of capital */
            double ref = clamp(tww, 3.0e5, 5.0e6);
            for (int i = 0; i < 3; i++) {
                double cap = round_sig(ref * SHARE[i], 3);
                double capital = 2.5e6 * pow075(cap / 1.0e6);
                write_capacity(w, cap, capital, 0.03 * capital);
            }
            jw_end_arr(w);
            jw_arr(w, "inputs", 0);
            res_id outs[1] = {R_WATER};
            double yields[1] = {0.85};
            write_input(w, R_TWW, outs, yields, 1, 0.25, 0.0001);
            jw_end_arr(w);
            jw_arr(w, "outputs", 0);
            write_output(w, R_WATER);
            jw_end_arr(w);
            jw_str(w, "notes",
                   "assumption: UF + RO reclamation, 85 % recovery, 0.25 EUR/m3 "
                   "(about 0.8 kWh/m3 at 0.12 t/MWh plus chemicals), capital "
                   "2.5 MEUR per million m3/yr scaled with exponent 0.75");
            break;
        }
        case HUB_DIGESTER: {
            /* assumption: 10 MEUR for 50,000 t/yr, fixed O&M 4 % of capital */
            double ref = clamp(organics, 1.0e4, 1.5e5);
            for (int i = 0; i < 3; i++) {
                double cap = round_sig(ref * SHARE[i], 3);
                double capital = 1.0e7 * pow075(cap / 5.0e4);
                write_capacity(w, cap, capital, 0.04 * capital);
            }
            jw_end_arr(w);
            jw_arr(w, "inputs", 0);
            res_id outs[2] = {R_HEAT, R_CO2};
            double y_sludge[2] = {0.15, 0.03}, y_grain[2] = {0.3, 0.07}, y_whey[2] = {0.08, 0.015};
            write_input(w, R_SLUDGE, outs, y_sludge, 2, 8, 0.01);
            write_input(w, R_GRAIN, outs, y_grain, 2, 8, 0.01);
            write_input(w, R_WHEY, outs, y_whey, 2, 8, 0.01);
            jw_end_arr(w);
            jw_arr(w, "outputs", 0);
            write_output(w, R_HEAT);
            write_output(w, R_CO2);
            jw_end_arr(w);
            jw_str(w, "notes",
                   "assumption: biogas CHP; heat yield 0.15/0.30/0.08 MWh per t of "
                   "sludge/spent grain/whey, biogenic CO2 0.03/0.07/0.015 t/t from "
                   "upgrading; 8 EUR/t processing; capital 10 MEUR per 50,000 t/yr "
                   "scaled with exponent 0.75");
            break;
        }
        }
        jw_end_obj(w);
    }
}

static void write_hubs(jw *w, const region *g, rng *r)
{
    jw_arr(w, "hubs", 0);
    write_hub_list(w, g, r);
    jw_end_arr(w);
}

/* --ways K: K streets along x and K along y over the square, each with a point at every
 * crossing (the graph has 2 K (K - 1) segments). */
static void write_ways(jw *w, const region *g)
{
    int k = g->ways_k;
    double step = g->side_km / (k - 1);
    jw_obj(w, "ways", 0);
    jw_obj(w, "classes", 0);
    jw_obj(w, "street", 1);
    jw_num(w, "trench_capital_per_km", 300000);
    jw_end_obj(w);
    jw_end_obj(w);
    jw_num(w, "max_service_km", step);
    jw_str(w, "notes",
           "assumption: a street grid over the whole square; trench 300,000 EUR/km, the "
           "civil_capital_per_km of instances/tutorial.json");
    jw_arr(w, "lines", 0);
    for (int dir = 0; dir < 2; dir++)
        for (int i = 0; i < k; i++) {
            jw_obj(w, NULL, 1);
            jw_strf(w, "id", "%s%d", dir ? "y" : "x", i);
            jw_str(w, "class", "street");
            jw_arr(w, "points", 1);
            for (int j = 0; j < k; j++) {
                double a = i * step, b = j * step;
                jw_arr(w, NULL, 1);
                jw_num(w, NULL, dir ? b : a);
                jw_num(w, NULL, dir ? a : b);
                jw_end_arr(w);
            }
            jw_end_arr(w);
            jw_end_obj(w);
        }
    jw_end_arr(w);
    jw_end_obj(w);
}

static int write_region(FILE *f, const region *g, rng *r)
{
    jw w = {.f = f};
    jw_obj(&w, NULL, 0);
    jw_str(&w, "format", "symnet-region/1");
    jw_obj(&w, "region", 0);
    jw_strf(&w, "name", "Synthetic region, %d facilities, seed %" PRIu64, g->n, g->seed);
    jw_str(&w, "coordinates", "planar_km");
    jw_str(&w, "currency", "EUR");
    jw_num(&w, "discount_rate", 0.05);
    jw_num(&w, "lifetime_yr", 25);
    jw_num(&w, "carbon_price", 80);
    jw_end_obj(&w);
    write_resources(&w);
    write_facilities(&w, g);
    write_hubs(&w, g, r);
    if (g->ways_k > 1)
        write_ways(&w, g);
    jw_arr(&w, "notes", 0);
    jw_strf(&w, NULL,
            "Synthetic benchmark region made by bench/gen --facilities %d --seed %" PRIu64
            " (not a real place): %d industrial parks of 2-6 km over a %.0f km square.",
            g->n, g->seed, g->nparks, g->side_km);
    jw_str(&w, NULL,
           "Amounts, prices, disposal costs, emission factors and pipe/truck costs drawn from "
           "instances/kalundborg.json ranges (spent grain and greenhouse heat from "
           "instances/tutorial.json); figures without a counterpart there are stated "
           "assumptions in the resource and hub notes and in bench/README.md.");
    jw_str(&w, NULL,
           "Region: discount rate 0.05, lifetime 25 yr, carbon price 80 EUR/t "
           "(EU ETS order of 2023-2024, as kalundborg.json).");
    jw_end_arr(&w);
    jw_end_obj(&w);
    fputc('\n', f);
    return ferror(f) ? -1 : 0;
}

/* ---- towns far apart (--clusters K) ------------------------------------------------------------
 * K towns, each the region --facilities N (or --size) would generate with seed S * 1000 + t
 * (t = 1..K), its ids prefixed "tNNN_", moved onto a grid whose towns are TOWN_GAP_KM apart
 * beyond the town's own square: farther than any pipe or truck reaches (15 and 80 km before
 * detours), so no candidate link joins two towns and, without a budget, the model splits into
 * independent towns (docs/model.md 11.7). budget > 0 writes a region capital_budget, whose row
 * joins every decision with capital (pipes, hubs) across the towns: those parts must not be
 * split (truck links have no capital, so parts of trucks alone stay apart). */
#define TOWN_GAP_KM 100.0

static int write_clusters(FILE *f, int n, int k, double budget, uint64_t seed)
{
    jw w = {.f = f};
    int grid = 1;
    while (grid * grid < k)
        grid++;
    region *towns = calloc((size_t)k, sizeof *towns);
    char(*prefix)[16] = calloc((size_t)k, sizeof *prefix);
    rng *rs = calloc((size_t)k, sizeof *rs);
    int bad = !towns || !prefix || !rs;
    for (int t = 0; t < k && !bad; t++) {
        region *g = &towns[t];
        g->n = n;
        g->seed = seed * 1000 + (uint64_t)t + 1;
        snprintf(prefix[t], sizeof prefix[t], "t%03d_", t + 1);
        g->prefix = prefix[t];
        rng_seed(&rs[t], g->seed);
        if (generate(g, &rs[t])) {
            bad = 1;
            break;
        }
        double step = g->side_km + TOWN_GAP_KM;
        double ox = step * (double)(t % grid), oy = step * (double)(t / grid);
        for (int i = 0; i < g->n; i++) {
            g->fac[i].x = round_to(g->fac[i].x + ox, 0.001);
            g->fac[i].y = round_to(g->fac[i].y + oy, 0.001);
        }
        for (int p = 0; p < g->nparks; p++) {
            g->parks[p].x += ox;
            g->parks[p].y += oy;
        }
    }
    if (!bad) {
        jw_obj(&w, NULL, 0);
        jw_str(&w, "format", "symnet-region/1");
        jw_obj(&w, "region", 0);
        jw_strf(&w, "name", "Synthetic towns far apart, %d towns of %d facilities, seed %" PRIu64,
                k, n, seed);
        jw_str(&w, "coordinates", "planar_km");
        jw_str(&w, "currency", "EUR");
        jw_num(&w, "discount_rate", 0.05);
        jw_num(&w, "lifetime_yr", 25);
        jw_num(&w, "carbon_price", 80);
        if (budget > 0)
            jw_num(&w, "capital_budget", budget);
        jw_end_obj(&w);
        write_resources(&w);
        jw_arr(&w, "facilities", 0);
        for (int t = 0; t < k; t++)
            write_facility_list(&w, &towns[t]);
        jw_end_arr(&w);
        jw_arr(&w, "hubs", 0);
        for (int t = 0; t < k; t++)
            write_hub_list(&w, &towns[t], &rs[t]);
        jw_end_arr(&w);
        jw_arr(&w, "notes", 0);
        jw_strf(&w, NULL,
                "Synthetic benchmark region made by bench/gen --clusters %d --facilities %d --seed "
                "%" PRIu64 "%s (not a real place): %d towns, each the region bench/gen "
                "--facilities %d --seed (%" PRIu64 " * 1000 + town) would write, %.0f km apart "
                "beyond their own squares, out of reach of every pipe and truck.",
                k, n, seed, budget > 0 ? " --budget" : "", k, n, seed, TOWN_GAP_KM);
        if (budget > 0)
            jw_str(&w, NULL,
                   "A capital budget over the whole region couples the towns' pipes and hubs.");
        jw_end_arr(&w);
        jw_end_obj(&w);
        fputc('\n', f);
    }
    for (int t = 0; towns && t < k; t++) {
        free(towns[t].parks);
        free(towns[t].fac);
    }
    free(towns);
    free(prefix);
    free(rs);
    return bad || ferror(f) ? -1 : 0;
}

/* ---- the dense shape (--dense) ------------------------------------------------------------ */

/* N facilities uniform in a square of side 6 sqrt(N) km, each supplying and demanding heat (the
 * pipe figures of RESOURCES[R_HEAT] without max_km): N (N - 1) candidate pipes. must_take:
 * no supply has a disposal cost (drawn all the same, so the rest of the region is unchanged). */
static int write_dense(FILE *f, int n, uint64_t seed, int must_take, rng *r)
{
    const pipe_spec *p = &RESOURCES[R_HEAT].pipe;
    double side = 6 * sqrt((double)n);
    jw w = {f, 0, {0}, {0}};
    jw_obj(&w, NULL, 0);
    jw_str(&w, "format", "symnet-region/1");
    jw_obj(&w, "region", 0);
    jw_strf(&w, "name", "Dense region, %d facilities, seed %" PRIu64, n, seed);
    jw_str(&w, "coordinates", "planar_km");
    jw_str(&w, "currency", "EUR");
    jw_num(&w, "discount_rate", 0.05);
    jw_num(&w, "lifetime_yr", 20);
    jw_num(&w, "carbon_price", 80);
    jw_end_obj(&w);
    jw_str(&w, "notes",
           "bench/gen --dense: every facility supplies and demands heat, pipes "
           "without max_km; the worst case of symnet screen (bench/README.md)");
    jw_arr(&w, "resources", 0);
    jw_obj(&w, NULL, 1);
    jw_str(&w, "id", "heat");
    jw_str(&w, "unit", "MWh");
    jw_obj(&w, "pipe", 1);
    jw_num(&w, "capital_per_km", p->capital_per_km);
    jw_num(&w, "capital_per_km_per_unit", p->capital_per_km_per_unit);
    jw_num(&w, "opex_per_unit_km", p->opex_per_unit_km);
    jw_num(&w, "co2_per_unit_km", p->co2_per_unit_km);
    jw_num(&w, "loss_per_km", p->loss_per_km);
    jw_num(&w, "lifetime_yr", p->lifetime_yr);
    jw_num(&w, "detour", p->detour);
    jw_end_obj(&w);
    jw_end_obj(&w);
    jw_end_arr(&w);
    jw_arr(&w, "facilities", 0);
    for (int i = 0; i < n; i++) {
        jw_obj(&w, NULL, 1);
        jw_strf(&w, "id", "f%05d", i + 1);
        jw_arr(&w, "location", 1);
        jw_num(&w, NULL, round_to(rng_range(r, 0, side), 0.01));
        jw_num(&w, NULL, round_to(rng_range(r, 0, side), 0.01));
        jw_end_arr(&w);
        jw_arr(&w, "supplies", 1);
        jw_obj(&w, NULL, 1);
        jw_str(&w, "resource", "heat");
        jw_num(&w, "amount", round_to(rng_range(r, 1000, 50000), 10));
        double disposal = round_to(rng_range(r, 0, 5), 0.1);
        if (!must_take)
            jw_num(&w, "disposal_cost", disposal);
        jw_end_obj(&w);
        jw_end_arr(&w);
        jw_arr(&w, "demands", 1);
        jw_obj(&w, NULL, 1);
        jw_str(&w, "resource", "heat");
        jw_num(&w, "amount", round_to(rng_range(r, 1000, 50000), 10));
        jw_num(&w, "price", round_to(rng_range(r, 30, 60), 0.5));
        jw_num(&w, "co2", 0.2);
        jw_end_obj(&w);
        jw_end_arr(&w);
        jw_end_obj(&w);
    }
    jw_end_arr(&w);
    jw_end_obj(&w);
    fputc('\n', f);
    return ferror(f) != 0;
}

/* ---- the must-serve shape (--mustserve SITESxCUSTOMERS [--mixed]) ----------------------------
 * A capacitated facility-location region (project issue 17): C customers whose demands have no
 * price (every one must be served: no purchase alternative), S candidate hubs (the sites) with
 * one capacity option each, one depot that supplies the hubs' input for free, every hub linked
 * to every customer (S C candidate links, none with a fixed cost, so each is tied to its hub by
 * 8.3 alone) and the depot to every hub (S links). Plain: every customer is a building that
 * takes heat by pipe from heating plants burning wood chips. --mixed: three buildings in four
 * take heat by pipe, one customer in four is a farm that takes digestate by truck under
 * contract, and the sites are digesters with a biogas CHP that make both from biowaste.
 * Capacities are drawn so that all sites together hold CAP_RATIO times the input the demands
 * need (so about 1/CAP_RATIO of them must open); every figure is a stated assumption in the
 * region's notes. Draws in a fixed order from r, so the same arguments give the same bytes. */

#define CAP_RATIO 3.0

typedef struct ms_point {
    double x, y, amount;
    int farm; /* --mixed: takes digestate */
} ms_point;

static int write_mustserve(FILE *f, int ns, int nc, int mixed, uint64_t seed, rng *r)
{
    double side = round_to(0.3 * sqrt((double)nc), 0.1); /* km: a town of ~110 buildings/km2 */
    ms_point *cu = calloc((size_t)nc, sizeof *cu), *si = calloc((size_t)ns, sizeof *si);
    double *capital = calloc((size_t)ns, sizeof *capital), *cost = calloc((size_t)ns, sizeof *cost);
    if (!cu || !si || !capital || !cost) {
        free(cu);
        free(si);
        free(capital);
        free(cost);
        return -1;
    }
    /* customers, then sites, then each site's capacity share, capital factor and cost */
    double heat = 0, dig = 0;
    for (int j = 0; j < nc; j++) {
        cu[j].x = round_to(rng_range(r, 0, side), 0.001);
        cu[j].y = round_to(rng_range(r, 0, side), 0.001);
        cu[j].farm = mixed && rng_bernoulli(r, 0.25);
        cu[j].amount =
            cu[j].farm ? round_to(rng_range(r, 100, 1000), 1) : round_to(rng_range(r, 20, 200), 1);
        if (cu[j].farm)
            dig += cu[j].amount;
        else
            heat += cu[j].amount;
    }
    /* input needed: plain 1/0.9 MWh of chips per MWh of heat; mixed 1/0.6 t of biowaste per
     * MWh of heat and 1/0.85 t per t of digestate, made jointly (the larger of the two) */
    double need = mixed ? fmax(heat / 0.6, dig / 0.85) : heat / 0.9, share_sum = 0;
    for (int i = 0; i < ns; i++) {
        si[i].x = round_to(rng_range(r, 0, side), 0.001);
        si[i].y = round_to(rng_range(r, 0, side), 0.001);
        si[i].amount = rng_range(r, 0.5, 1.5);
        share_sum += si[i].amount;
        capital[i] = rng_range(r, 0.8, 1.2); /* land and grid connection differ by site */
        cost[i] = round_to(rng_range(r, 3, 7), 0.01);
    }
    double total_cap = 0;
    for (int i = 0; i < ns; i++) {
        si[i].amount = round_sig(CAP_RATIO * need * si[i].amount / share_sum, 3);
        total_cap += si[i].amount;
    }

    jw w = {f, 0, {0}, {0}};
    jw_obj(&w, NULL, 0);
    jw_str(&w, "format", "symnet-region/1");
    jw_obj(&w, "region", 0);
    jw_strf(&w, "name", "Must-serve region, %d sites x %d customers%s, seed %" PRIu64, ns, nc,
            mixed ? " (heat and digestate)" : "", seed);
    jw_str(&w, "coordinates", "planar_km");
    jw_str(&w, "currency", "EUR");
    jw_num(&w, "discount_rate", 0.05);
    jw_num(&w, "lifetime_yr", 25);
    jw_num(&w, "carbon_price", 0);
    jw_end_obj(&w);
    jw_arr(&w, "notes", 0);
    jw_strf(&w, NULL,
            "bench/gen --mustserve %dx%d%s --seed %" PRIu64
            " (not a real place; issue 17): every customer must be served (no price), from "
            "%d candidate sites with one capacity each, over a %.1f km square.",
            ns, nc, mixed ? " --mixed" : "", seed, ns, side);
    jw_strf(&w, NULL,
            "Capacities: all sites together hold %.0f times the input the demands need, so "
            "about a third of them must open; each site's share is drawn in [0.5, 1.5] of the "
            "mean.",
            CAP_RATIO);
    jw_str(&w, NULL,
           "Assumption, demands: a building takes 20-200 MWh of heat a year (houses to "
           "apartment blocks); a farm takes 100-1,000 t of digestate a year.");
    jw_str(&w, NULL,
           "Assumption, heat pipes: no fixed capital (the service line is charged per unit "
           "carried): 150 EUR per km per MWh/yr of capacity, 40-year life, 0.5 EUR/MWh/km "
           "pumping and upkeep, no loss (heat losses of service lines not modelled).");
    jw_str(&w, NULL,
           "Assumption, trucks: 0.05 EUR per MWh of chips per km, 0.15 EUR per t of "
           "digestate or biowaste per km, no per-trip charge.");
    jw_str(&w, NULL,
           mixed ? "Assumption, digesters with biogas CHP: capital 10 MEUR per 50,000 t/yr of "
                   "biowaste scaled with exponent 0.75, times a site factor in [0.8, 1.2]; "
                   "fixed O&M 4 % of capital; 3-7 EUR/t processing; 0.6 MWh of heat and 0.85 t "
                   "of digestate per t; heat not sent is dumped free, digestate not sent is "
                   "spread at 12 EUR/t; the biowaste comes free from one collection depot."
                 : "Assumption, heating plants (wood chip boilers): capital 0.7 MEUR per "
                   "4,000 MWh/yr of chips (1 MW at 4,000 full-load hours) scaled with exponent "
                   "0.75, times a site factor in [0.8, 1.2]; fixed O&M 3 % of capital; 3-7 "
                   "EUR/MWh processing; 0.9 MWh of heat per MWh of chips; the chips are sawmill "
                   "residues free at one depot.");
    jw_end_arr(&w);

    jw_arr(&w, "resources", 0);
    jw_obj(&w, NULL, 1);
    jw_str(&w, "id", "heat");
    jw_str(&w, "unit", "MWh");
    jw_obj(&w, "pipe", 1);
    jw_num(&w, "capital_per_km_per_unit", 150);
    jw_num(&w, "opex_per_unit_km", 0.5);
    jw_num(&w, "lifetime_yr", 40);
    jw_num(&w, "detour", 1.3);
    jw_end_obj(&w);
    jw_end_obj(&w);
    jw_obj(&w, NULL, 1);
    jw_str(&w, "id", mixed ? "biowaste" : "wood_chips");
    jw_str(&w, "unit", mixed ? "t" : "MWh");
    jw_obj(&w, "truck", 1);
    jw_num(&w, "cost_per_unit_km", mixed ? 0.15 : 0.05);
    jw_num(&w, "detour", 1.3);
    jw_end_obj(&w);
    jw_end_obj(&w);
    if (mixed) {
        jw_obj(&w, NULL, 1);
        jw_str(&w, "id", "digestate");
        jw_str(&w, "unit", "t");
        jw_obj(&w, "truck", 1);
        jw_num(&w, "cost_per_unit_km", 0.15);
        jw_num(&w, "detour", 1.3);
        jw_end_obj(&w);
        jw_end_obj(&w);
    }
    jw_end_arr(&w);

    jw_arr(&w, "facilities", 0);
    jw_obj(&w, NULL, 1);
    jw_str(&w, "id", "depot");
    jw_arr(&w, "location", 1);
    jw_num(&w, NULL, round_to(side / 2, 0.001));
    jw_num(&w, NULL, round_to(side / 2, 0.001));
    jw_end_arr(&w);
    jw_arr(&w, "supplies", 1);
    jw_obj(&w, NULL, 1);
    jw_str(&w, "resource", mixed ? "biowaste" : "wood_chips");
    jw_num(&w, "amount", round_sig(total_cap, 6));
    jw_num(&w, "disposal_cost", 0);
    jw_end_obj(&w);
    jw_end_arr(&w);
    jw_end_obj(&w);
    for (int j = 0; j < nc; j++) {
        jw_obj(&w, NULL, 1);
        jw_strf(&w, "id", "%s%05d", cu[j].farm ? "farm" : "bldg", j + 1);
        jw_arr(&w, "location", 1);
        jw_num(&w, NULL, cu[j].x);
        jw_num(&w, NULL, cu[j].y);
        jw_end_arr(&w);
        jw_arr(&w, "demands", 1);
        jw_obj(&w, NULL, 1);
        jw_str(&w, "resource", cu[j].farm ? "digestate" : "heat");
        jw_num(&w, "amount", cu[j].amount);
        jw_end_obj(&w);
        jw_end_arr(&w);
        jw_end_obj(&w);
    }
    jw_end_arr(&w);

    jw_arr(&w, "hubs", 0);
    for (int i = 0; i < ns; i++) {
        double cap = si[i].amount;
        double cap_eur = mixed ? 1.0e7 * pow075(cap / 5.0e4) : 0.7e6 * pow075(cap / 4000.0);
        cap_eur = round_sig(cap_eur * capital[i], 3);
        jw_obj(&w, NULL, 1);
        jw_strf(&w, "id", "site%04d", i + 1);
        jw_arr(&w, "location", 1);
        jw_num(&w, NULL, si[i].x);
        jw_num(&w, NULL, si[i].y);
        jw_end_arr(&w);
        jw_arr(&w, "capacities", 1);
        jw_obj(&w, NULL, 1);
        jw_num(&w, "capacity", cap);
        jw_num(&w, "capital", cap_eur);
        jw_num(&w, "fixed_opex", round_sig((mixed ? 0.04 : 0.03) * cap_eur, 3));
        jw_end_obj(&w);
        jw_end_arr(&w);
        jw_arr(&w, "inputs", 1);
        jw_obj(&w, NULL, 1);
        jw_str(&w, "resource", mixed ? "biowaste" : "wood_chips");
        jw_obj(&w, "yields", 1);
        jw_num(&w, "heat", mixed ? 0.6 : 0.9);
        if (mixed)
            jw_num(&w, "digestate", 0.85);
        jw_end_obj(&w);
        jw_num(&w, "cost_per_unit", cost[i]);
        jw_end_obj(&w);
        jw_end_arr(&w);
        jw_arr(&w, "outputs", 1);
        jw_obj(&w, NULL, 1);
        jw_str(&w, "resource", "heat");
        jw_num(&w, "disposal_cost", 0);
        jw_end_obj(&w);
        if (mixed) {
            jw_obj(&w, NULL, 1);
            jw_str(&w, "resource", "digestate");
            jw_num(&w, "disposal_cost", 12);
            jw_end_obj(&w);
        }
        jw_end_arr(&w);
        jw_end_obj(&w);
    }
    jw_end_arr(&w);
    jw_end_obj(&w);
    fputc('\n', f);
    free(cu);
    free(si);
    free(capital);
    free(cost);
    return ferror(f) != 0;
}

/* ---- pure network design (--netdesign) ------------------------------------------------------ */

/* The shape of issue 17: a new network where every source must ship and every sink must be
 * served, and nothing exists yet (a heat network from a few plants, a CO2 trunk). n terminals:
 * max(1, n / 12) sources (plants, every unit of their supply must leave: no disposal) and the
 * rest sinks (users, every unit must be served: no price), 8 n junctions, all uniform in a
 * square of side 3 sqrt(8 n) km (about 3 km between neighbouring junctions). Candidate links
 * are explicit pipes with given costs, in both directions: each junction to its 5 nearest
 * junctions and to its nearest earlier one (so the junctions are connected), each source to
 * its 3 nearest junctions and each sink from its 3 nearest. Total supply equals total demand
 * (every amount must move). Stated assumptions (in the region's notes): length = straight line
 * x 1.2; annual fixed cost 50,000-90,000 EUR per km (about 0.8-1.4 M EUR/km of trunk
 * capital at a 5 % rate over 30 years, drawn per link for the terrain); 0.2 EUR per MWh and
 * km for pumping and heat losses, priced, not modelled as a loss (so every link is lossless,
 * as docs/model.md 11.3 needs); no capacity limit. */
#define ND_KNN 5
#define ND_TERM_LINKS 3

typedef struct nd_pt {
    double x, y;
} nd_pt;

static double nd_dist(nd_pt a, nd_pt b)
{
    double dx = a.x - b.x, dy = a.y - b.y;
    return sqrt(dx * dx + dy * dy);
}

/* The k nearest of pts[0..n) to p (excluding index self), ascending, into out; returns how
 * many (ties broken by index, so the result is deterministic). */
static int nd_nearest(const nd_pt *pts, int n, nd_pt p, int self, int k, int *out)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (i == self)
            continue;
        double d = nd_dist(pts[i], p);
        int at = m < k ? m : k;
        while (at > 0 && nd_dist(pts[out[at - 1]], p) > d)
            at--;
        if (at >= k)
            continue;
        int last = m < k ? m : k - 1;
        for (int j = last; j > at; j--)
            out[j] = out[j - 1];
        out[at] = i;
        if (m < k)
            m++;
    }
    return m;
}

static void nd_link(jw *w, rng *r, const char *from, const char *to, double km)
{
    double len = round_to(km * 1.2, 0.01);
    if (len < 0.01)
        len = 0.01;
    jw_obj(w, NULL, 1);
    jw_str(w, "from", from);
    jw_str(w, "to", to);
    jw_str(w, "resource", "heat");
    jw_str(w, "mode", "pipe");
    jw_num(w, "length_km", len);
    jw_num(w, "fixed_cost_per_yr", round_to(len * rng_range(r, 50000, 90000), 1));
    jw_num(w, "cost_per_unit", round_to(len * 0.2, 0.0001));
    jw_end_obj(w);
}

static int write_netdesign(FILE *f, int n, uint64_t seed, rng *r)
{
    int ns = n / 12 > 1 ? n / 12 : 1, nt = n - ns > 1 ? n - ns : 1, nj = 8 * n;
    double side = round_to(3 * sqrt((double)nj), 1);
    nd_pt *jp = malloc((size_t)nj * sizeof *jp), *tp = malloc((size_t)(ns + nt) * sizeof *tp);
    double *amount = malloc((size_t)(ns + nt) * sizeof *amount);
    unsigned char *adj = calloc((size_t)nj * (size_t)nj, 1); /* undirected pair chosen */
    int near[ND_KNN + 1];
    if (!jp || !tp || !amount || !adj) {
        free(jp);
        free(tp);
        free(amount);
        free(adj);
        return -1;
    }
    for (int i = 0; i < nj; i++) {
        jp[i].x = round_to(rng_range(r, 0, side), 0.01);
        jp[i].y = round_to(rng_range(r, 0, side), 0.01);
    }
    double total = 0, wsum = 0;
    for (int i = 0; i < ns + nt; i++) {
        tp[i].x = round_to(rng_range(r, 0, side), 0.01);
        tp[i].y = round_to(rng_range(r, 0, side), 0.01);
        amount[i] = i < ns ? rng_range(r, 1, 3) : round_to(rng_range(r, 2000, 20000), 10);
        if (i < ns)
            wsum += amount[i];
        else
            total += amount[i];
    }
    /* the sources share the total demand in proportion to their weights, in whole MWh; the
     * last takes the rest, so supply and demand are equal exactly */
    double given = 0;
    for (int i = 0; i < ns; i++) {
        amount[i] = i + 1 < ns ? round_to(total * amount[i] / wsum, 10) : total - given;
        given += amount[i];
    }
    for (int i = 0; i < nj; i++) {
        int m = nd_nearest(jp, nj, jp[i], i, ND_KNN, near);
        for (int k = 0; k < m; k++)
            adj[(size_t)i * (size_t)nj + (size_t)near[k]] =
                adj[(size_t)near[k] * (size_t)nj + (size_t)i] = 1;
        if (i > 0 && nd_nearest(jp, i, jp[i], -1, 1, near) == 1)
            adj[(size_t)i * (size_t)nj + (size_t)near[0]] =
                adj[(size_t)near[0] * (size_t)nj + (size_t)i] = 1;
    }

    jw w = {f, 0, {0}, {0}};
    char a[32], b[32];
    jw_obj(&w, NULL, 0);
    jw_str(&w, "format", "symnet-region/1");
    jw_obj(&w, "region", 0);
    jw_strf(&w, "name", "Network design, %d sources, %d sinks, %d junctions, seed %" PRIu64, ns, nt,
            nj, seed);
    jw_str(&w, "coordinates", "planar_km");
    jw_str(&w, "currency", "EUR");
    jw_num(&w, "discount_rate", 0.05);
    jw_num(&w, "lifetime_yr", 30);
    jw_num(&w, "carbon_price", 0);
    jw_end_obj(&w);
    jw_arr(&w, "notes", 0);
    jw_strf(&w, NULL,
            "Synthetic pure network design made by bench/gen --netdesign --facilities %d --seed "
            "%" PRIu64 " (not a real place): a new heat network, nothing exists yet.",
            n, seed);
    jw_str(&w, NULL,
           "Every plant's supply must leave (no disposal) and every user must be served (no "
           "price); total supply equals total demand.");
    jw_str(&w, NULL,
           "Junctions are candidate pipe nodes; pipes are explicit links in both directions: "
           "each junction to its 5 nearest and to its nearest earlier junction, each plant to "
           "its 3 nearest junctions, each user from its 3 nearest.");
    jw_str(&w, NULL,
           "Assumptions: length = straight line x 1.2; annual fixed cost 50,000-90,000 EUR per "
           "km (0.8-1.4 M EUR/km of trunk capital at 5 % over 30 years, drawn per link); 0.2 "
           "EUR per MWh and km for pumping and heat loss, priced rather than modelled as a loss; "
           "no capacity limit.");
    jw_end_arr(&w);
    jw_arr(&w, "resources", 0);
    jw_obj(&w, NULL, 1);
    jw_str(&w, "id", "heat");
    jw_str(&w, "unit", "MWh");
    jw_end_obj(&w);
    jw_end_arr(&w);
    jw_arr(&w, "facilities", 0);
    for (int i = 0; i < ns + nt; i++) {
        jw_obj(&w, NULL, 1);
        if (i < ns)
            jw_strf(&w, "id", "plant%02d", i + 1);
        else
            jw_strf(&w, "id", "user%03d", i - ns + 1);
        jw_arr(&w, "location", 1);
        jw_num(&w, NULL, tp[i].x);
        jw_num(&w, NULL, tp[i].y);
        jw_end_arr(&w);
        jw_arr(&w, i < ns ? "supplies" : "demands", 1);
        jw_obj(&w, NULL, 1);
        jw_str(&w, "resource", "heat");
        jw_num(&w, "amount", amount[i]);
        jw_end_obj(&w);
        jw_end_arr(&w);
        jw_end_obj(&w);
    }
    jw_end_arr(&w);
    jw_arr(&w, "junctions", 0);
    for (int i = 0; i < nj; i++) {
        jw_obj(&w, NULL, 1);
        jw_strf(&w, "id", "j%04d", i + 1);
        jw_arr(&w, "location", 1);
        jw_num(&w, NULL, jp[i].x);
        jw_num(&w, NULL, jp[i].y);
        jw_end_arr(&w);
        jw_arr(&w, "resources", 1);
        jw_str(&w, NULL, "heat");
        jw_end_arr(&w);
        jw_end_obj(&w);
    }
    jw_end_arr(&w);
    jw_arr(&w, "links", 0);
    for (int i = 0; i < nj; i++)
        for (int j = 0; j < nj; j++)
            if (adj[(size_t)i * (size_t)nj + (size_t)j]) {
                snprintf(a, sizeof a, "j%04d", i + 1);
                snprintf(b, sizeof b, "j%04d", j + 1);
                nd_link(&w, r, a, b, nd_dist(jp[i], jp[j]));
            }
    for (int i = 0; i < ns + nt; i++) {
        int m = nd_nearest(jp, nj, tp[i], -1, ND_TERM_LINKS, near);
        if (i < ns)
            snprintf(a, sizeof a, "plant%02d", i + 1);
        else
            snprintf(a, sizeof a, "user%03d", i - ns + 1);
        for (int k = 0; k < m; k++) {
            snprintf(b, sizeof b, "j%04d", near[k] + 1);
            if (i < ns)
                nd_link(&w, r, a, b, nd_dist(tp[i], jp[near[k]]));
            else
                nd_link(&w, r, b, a, nd_dist(tp[i], jp[near[k]]));
        }
    }
    jw_end_arr(&w);
    jw_end_obj(&w);
    fputc('\n', f);
    free(jp);
    free(tp);
    free(amount);
    free(adj);
    return ferror(f) != 0;
}

/* ---- command line --------------------------------------------------------------------- */

static void usage(FILE *f)
{
    fputs("usage: gen (--facilities N | --size S|M|L|XL) [--seed S] [--dense [--must-take]] -o "
          "FILE\n"
          "       gen --mustserve SITESxCUSTOMERS [--mixed] [--seed S] -o FILE\n"
          "       gen --netdesign (--facilities N | --size S|M|L|XL) [--seed S] -o FILE\n"
          "       gen --clusters K (--facilities N | --size S|M|L|XL) [--budget EUR] [--seed S] "
          "-o FILE\n"
          "  --facilities N   number of facilities (1..100000)\n"
          "  --size S         S = 50, M = 200, L = 1000, XL = 3000 facilities\n"
          "  --seed S         unsigned 64-bit seed (default 1); same N and seed, same file\n"
          "  --dense          every facility supplies and demands heat, pipes without\n"
          "                   max_km: N (N - 1) candidates (the worst case of symnet screen)\n"
          "  --must-take      with --dense: no supply has a disposal cost (every match flagged)\n"
          "  --mustserve SxC  S capacitated candidate sites, C customers that must be served\n"
          "                   (issue 17; e.g. 100x1000); replaces --facilities and --size\n"
          "  --mixed          with --mustserve: heat and digestate customers, digester sites\n"
          "  --netdesign      pure network design: N terminals (N/12 plants that must ship,\n"
          "                   the rest users that must be served), 8 N junctions, explicit\n"
          "                   pipes between neighbours (N in 2..1000)\n"
          "  --ways K         add a K x K street grid (2 K (K - 1) segments) to follow\n"
          "  --clusters K     K towns of N facilities each, out of each other's reach (1..1000)\n"
          "  --budget EUR     with --clusters: a capital budget over all towns (couples their\n"
          "                   pipes and hubs)\n"
          "  -o, --out FILE   output region (written to FILE.tmp, then renamed)\n",
          f);
}

static int usage_error(const char *fmt, ...) GEN_PRINTF(1, 2);

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    usage(stderr);
    return EXIT_USAGE;
}

static int parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int main(int argc, char **argv)
{
    long n = -1;
    int dense = 0, must_take = 0, mixed = 0, ms_sites = 0, ms_customers = 0, netdesign = 0;
    int ways_k = 0;
    int clusters = 0;
    double budget = 0;
    uint64_t seed = 1;
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(a, "--dense")) {
            dense = 1;
            continue;
        }
        if (!strcmp(a, "--netdesign")) {
            netdesign = 1;
            continue;
        }
        if (!strcmp(a, "--must-take")) {
            must_take = 1;
            continue;
        }
        if (!strcmp(a, "--mixed")) {
            mixed = 1;
            continue;
        }
        if (!strcmp(a, "--ways")) {
            uint64_t kv;
            if (!v || parse_u64(v, &kv) || kv < 2 || kv > 1000)
                return usage_error("--ways: expected a grid size K in 2..1000, got %s",
                                   v ? v : "nothing");
            ways_k = (int)kv;
            i++;
            continue;
        }
        if (!strcmp(a, "--mustserve")) {
            uint64_t su, cu;
            const char *x = v ? strchr(v, 'x') : NULL;
            char left[32];
            if (!v)
                return usage_error("--mustserve needs a value");
            if (!x || (size_t)(x - v) >= sizeof left)
                return usage_error("--mustserve: expected SITESxCUSTOMERS, got %s", v);
            memcpy(left, v, (size_t)(x - v));
            left[x - v] = '\0';
            if (parse_u64(left, &su) || parse_u64(x + 1, &cu) || su < 1 || su > 10000 || cu < 1 ||
                cu > 100000)
                return usage_error("--mustserve: expected SITESxCUSTOMERS with 1..10000 sites "
                                   "and 1..100000 customers, got %s",
                                   v);
            ms_sites = (int)su;
            ms_customers = (int)cu;
            i++;
            continue;
        }
        if (!strcmp(a, "--clusters") || !strcmp(a, "--budget")) {
            uint64_t u;
            char *end = NULL;
            if (!v)
                return usage_error("%s needs a value", a);
            if (!strcmp(a, "--clusters")) {
                if (parse_u64(v, &u) || u < 1 || u > 1000)
                    return usage_error("--clusters: expected an integer in 1..1000, got %s", v);
                clusters = (int)u;
            } else {
                budget = strtod(v, &end);
                if (!end || *end || !(budget > 0) || !(budget < 1e15))
                    return usage_error("--budget: expected a number of EUR > 0, got %s", v);
            }
            i++;
            continue;
        }
        if (strcmp(a, "--facilities") && strcmp(a, "--size") && strcmp(a, "--seed") &&
            strcmp(a, "-o") && strcmp(a, "--out"))
            return usage_error("unknown argument %s", a);
        if (!v)
            return usage_error("%s needs a value", a);
        i++;
        if (!strcmp(a, "--facilities") || !strcmp(a, "--size")) {
            if (n >= 0)
                return usage_error("give one of --facilities and --size, once");
            if (!strcmp(a, "--size")) {
                static const char *const NAMES[] = {"S", "M", "L", "XL"};
                static const long SIZES[] = {50, 200, 1000, 3000};
                for (int k = 0; k < 4; k++)
                    if (!strcmp(v, NAMES[k]))
                        n = SIZES[k];
                if (n < 0)
                    return usage_error("--size: expected S, M, L or XL, got %s", v);
            } else {
                uint64_t u;
                if (parse_u64(v, &u) || u < 1 || u > 100000)
                    return usage_error("--facilities: expected an integer in 1..100000, got %s", v);
                n = (long)u;
            }
        } else if (!strcmp(a, "--seed")) {
            if (parse_u64(v, &seed))
                return usage_error("--seed: expected an unsigned 64-bit integer, got %s", v);
        } else {
            out = v;
        }
    }
    if (ms_sites > 0 && (n >= 0 || dense))
        return usage_error("--mustserve replaces --facilities, --size and --dense");
    if (mixed && ms_sites == 0)
        return usage_error("--mixed needs --mustserve");
    if (ms_sites > 0)
        n = ms_customers;
    if (n < 0)
        return usage_error("missing --facilities or --size");
    if (!out)
        return usage_error("missing -o FILE");
    if (must_take && !dense)
        return usage_error("--must-take needs --dense");
    if (netdesign && (dense || ms_sites > 0))
        return usage_error("--netdesign replaces --dense and --mustserve");
    if (netdesign && (n < 2 || n > 1000))
        return usage_error("--netdesign: expected 2..1000 terminals, got %ld", n);

    if (ways_k > 0 && (dense || ms_sites > 0 || netdesign || clusters > 0))
        return usage_error("--ways goes with --facilities or --size only");
    if (clusters > 0 && (dense || netdesign || ms_sites > 0))
        return usage_error("--clusters replaces --dense, --netdesign and --mustserve");
    if (budget > 0 && clusters == 0)
        return usage_error("--budget needs --clusters");

    region g = {.n = (int)n, .seed = seed, .ways_k = ways_k};
    rng r;
    rng_seed(&r, seed);
    if (!dense && !netdesign && ms_sites == 0 && clusters == 0 && generate(&g, &r)) {
        fputs("gen: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }

    size_t len = strlen(out);
    char *tmp = malloc(len + 5);
    if (!tmp) {
        fputs("gen: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
    memcpy(tmp, out, len);
    memcpy(tmp + len, ".tmp", 5);
    int rc = 0;
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "gen: %s: cannot write: %s\n", tmp, strerror(errno));
        rc = EXIT_IO;
    } else {
        int bad = clusters > 0   ? write_clusters(f, g.n, clusters, budget, seed)
                  : ms_sites > 0 ? write_mustserve(f, ms_sites, ms_customers, mixed, seed, &r)
                  : dense        ? write_dense(f, g.n, seed, must_take, &r)
                  : netdesign    ? write_netdesign(f, g.n, seed, &r)
                                 : write_region(f, &g, &r);
        if (fclose(f) != 0)
            bad = 1;
        if (bad) {
            fprintf(stderr, "gen: %s: write failed: %s\n", tmp, strerror(errno));
            remove(tmp);
            rc = EXIT_IO;
        } else if (rename(tmp, out) != 0) {
            fprintf(stderr, "gen: %s: cannot rename to %s: %s\n", tmp, out, strerror(errno));
            remove(tmp);
            rc = EXIT_IO;
        }
    }
    free(tmp);
    free(g.parks);
    free(g.fac);
    return rc;
}
