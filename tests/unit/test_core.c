/*
 * test_core.c - unit tests of src/core: the arena, growable vectors, JSON paths, diagnostics
 * (cap at SN_DIAG_MAX, document order, formatting), the numeric helpers (capital recovery
 * factor against hand values, great-circle distance against known distances, shortest
 * round-trip number output) and allocation fault injection: failing the Nth allocation of a
 * load, a build and a solve must make each fail cleanly with SN_ENOMEM and leak nothing
 * (`make asan` runs this file under AddressSanitizer, whose leak checker fails the run).
 */
#include "core/core_int.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ------------------------------------------------------------------------------- */

Test(arena, allocations_are_zeroed_aligned_and_distinct)
{
    snp_arena a;
    snp_arena_init(&a);
    unsigned char *prev = NULL;
    for (size_t n = 1; n < 200; n += 7) {
        unsigned char *p = snp_arena_alloc(&a, n);
        cr_assert_not_null(p);
        cr_assert_eq((uintptr_t)p % alignof(max_align_t), 0, "size %zu misaligned", n);
        for (size_t i = 0; i < n; i++)
            cr_assert_eq(p[i], 0, "byte %zu of a %zu-byte allocation not zeroed", i, n);
        memset(p, 0xAB, n); /* ASan: the whole block is usable */
        cr_assert_neq(p, prev);
        prev = p;
    }
    snp_arena_free(&a);
    cr_assert_null(a.head);
    cr_assert_eq(snp_alloc_live(), 0, "the arena leaked %ld blocks", snp_alloc_live());
}

Test(arena, large_allocation_gets_its_own_block_and_older_data_survives)
{
    snp_arena a;
    snp_arena_init(&a);
    char *s = snp_arena_strdup(&a, "kept");
    size_t big = (size_t)200 * 1024; /* more than one 64 KiB block */
    unsigned char *p = snp_arena_alloc(&a, big);
    cr_assert_not_null(p);
    memset(p, 1, big);
    for (int i = 0; i < 2000; i++)
        cr_assert_not_null(snp_arena_alloc(&a, 100)); /* spills into further blocks */
    cr_assert_str_eq(s, "kept");
    cr_assert_eq(p[big - 1], 1);
    snp_arena_free(&a);
}

Test(arena, overflowing_sizes_return_null)
{
    snp_arena a;
    snp_arena_init(&a);
    cr_assert_null(snp_arena_array(&a, SIZE_MAX / 2, 4));
    cr_assert_null(snp_arena_alloc(&a, SIZE_MAX - 3));
    int *ok = snp_arena_array(&a, 10, sizeof(int));
    cr_assert_not_null(ok);
    snp_arena_free(&a);
}

Test(arena, failed_block_allocation_returns_null_and_frees_cleanly)
{
    snp_arena a;
    snp_arena_init(&a);
    cr_assert_not_null(snp_arena_alloc(&a, 8));
    snp_alloc_fail_at(1);
    cr_assert_null(snp_arena_alloc(&a, (size_t)100 * 1024));
    snp_alloc_fail_at(0);
    snp_arena_free(&a);
}

/* ---- vec --------------------------------------------------------------------------------- */

Test(vec, push_grows_and_keeps_every_element)
{
    snp_vec v;
    snp_vec_init(&v, sizeof(double));
    for (int i = 0; i < 1000; i++) {
        double x = i * 0.5;
        double *slot = snp_vec_push(&v, &x);
        cr_assert_not_null(slot);
        cr_assert_eq(*slot, x);
    }
    cr_assert_eq(v.len, 1000);
    cr_assert_geq(v.cap, 1000);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(SNP_VEC_AT(&v, double, i), i * 0.5);
    double *z = snp_vec_push(&v, NULL);
    cr_assert_eq(*z, 0.0, "a NULL item must push a zeroed element");
    snp_vec_free(&v);
    cr_assert_null(v.data);
    cr_assert_eq(v.len, 0);
    cr_assert_eq(snp_alloc_live(), 0, "the vector leaked");
}

Test(vec, reserve_rejects_overflow)
{
    snp_vec v;
    snp_vec_init(&v, 16);
    cr_assert_eq(snp_vec_reserve(&v, SIZE_MAX / 8), -1);
    cr_assert_eq(snp_vec_reserve(&v, SIZE_MAX), -1);
    cr_assert_eq(v.cap, 0);
    cr_assert_eq(snp_vec_reserve(&v, 3), 0);
    cr_assert_geq(v.cap, 3);
    snp_vec_free(&v);
}

Test(vec, failed_growth_leaves_the_vector_unchanged)
{
    snp_vec v;
    snp_vec_init(&v, sizeof(int));
    for (int i = 0; i < 8; i++) /* fills the first capacity of 8 */
        cr_assert_not_null(snp_vec_push(&v, &i));
    size_t cap = v.cap;
    snp_alloc_fail_at(1);
    int nine = 9;
    cr_assert_null(snp_vec_push(&v, &nine));
    snp_alloc_fail_at(0);
    cr_assert_eq(v.len, 8);
    cr_assert_eq(v.cap, cap);
    for (int i = 0; i < 8; i++)
        cr_assert_eq(SNP_VEC_AT(&v, int, i), i);
    cr_assert_not_null(snp_vec_push(&v, &nine));
    cr_assert_eq(SNP_VEC_AT(&v, int, 8), 9);
    snp_vec_free(&v);
}

/* ---- JSON path --------------------------------------------------------------------------- */

Test(path, keys_and_indices_compose_and_pop_restores)
{
    snp_path p;
    snp_path_init(&p);
    cr_assert_str_eq(snp_path_str(&p), "");
    snp_path_push_key(&p, "facilities");
    snp_path_push_index(&p, 3);
    snp_path_push_key(&p, "supplies");
    snp_path_push_index(&p, 0);
    snp_path_push_key(&p, "amount");
    cr_assert_str_eq(snp_path_str(&p), "facilities[3].supplies[0].amount");
    snp_path_pop(&p);
    cr_assert_str_eq(snp_path_str(&p), "facilities[3].supplies[0]");
    snp_path_pop(&p);
    snp_path_pop(&p);
    snp_path_push_key(&p, "demands");
    cr_assert_str_eq(snp_path_str(&p), "facilities[3].demands");
    snp_path_pop(&p);
    snp_path_pop(&p);
    snp_path_pop(&p);
    cr_assert_str_eq(snp_path_str(&p), "");
    snp_path_pop(&p); /* popping an empty path is harmless */
    cr_assert_str_eq(snp_path_str(&p), "");
    snp_path_push_index(&p, 12);
    cr_assert_str_eq(snp_path_str(&p), "[12]");
}

Test(path, deeper_than_the_stack_stays_balanced)
{
    snp_path p;
    snp_path_init(&p);
    snp_path_push_key(&p, "root");
    for (int i = 0; i < 100; i++)
        snp_path_push_index(&p, 0);
    for (int i = 0; i < 100; i++)
        snp_path_pop(&p);
    cr_assert_str_eq(snp_path_str(&p), "root", "pushes beyond the stack must pop back evenly");
    snp_path_pop(&p);
    cr_assert_str_eq(snp_path_str(&p), "");
}

Test(path, long_keys_are_cut_at_the_maximum_length)
{
    snp_path p;
    snp_path_init(&p);
    char key[400];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    snp_path_push_key(&p, "a");
    snp_path_push_key(&p, key);
    cr_assert_eq(strlen(snp_path_str(&p)), SNP_PATH_MAX);
    snp_path_push_index(&p, 7);
    cr_assert_eq(strlen(snp_path_str(&p)), SNP_PATH_MAX);
    snp_path_pop(&p);
    snp_path_pop(&p);
    cr_assert_str_eq(snp_path_str(&p), "a");
}

/* ---- diagnostics ------------------------------------------------------------------------- */

Test(alloc, live_count_follows_alloc_realloc_and_free)
{
    long live0 = snp_alloc_live();
    void *a = snp_alloc(10), *b = snp_calloc(3, 8), *c = snp_realloc(NULL, 5);
    char *d = snp_strdup("abc");
    cr_assert(a && b && c && d);
    cr_assert_eq(snp_alloc_live(), live0 + 4);
    c = snp_realloc(c, 5000); /* moving a block is not a new block */
    cr_assert_not_null(c);
    cr_assert_eq(snp_alloc_live(), live0 + 4);
    snp_alloc_fail_at(1);
    cr_assert_null(snp_realloc(c, 9000)); /* failure keeps the block */
    snp_alloc_fail_at(1);
    cr_assert_null(snp_alloc(1));
    snp_alloc_fail_at(0);
    cr_assert_eq(snp_alloc_live(), live0 + 4);
    snp_free(a);
    snp_free(b);
    snp_free(c);
    snp_free(d);
    snp_free(NULL);
    cr_assert_eq(snp_alloc_live(), live0);
    cr_assert_null(snp_calloc(SIZE_MAX / 2, 4), "n * size overflow must fail");
}

Test(alloc, fail_at_counts_from_the_next_allocation)
{
    snp_alloc_fail_at(3);
    void *a = snp_alloc(1), *b = snp_alloc(1), *c = snp_alloc(1), *d = snp_alloc(1);
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    cr_assert_null(c, "the third allocation must fail");
    cr_assert_not_null(d, "only the third allocation fails");
    cr_assert_eq(snp_alloc_count(), 4);
    snp_alloc_fail_at(0);
    snp_free(a);
    snp_free(b);
    snp_free(d);
}

Test(diag, keeps_the_first_max_in_order_and_counts_the_rest)
{
    sn_diag d;
    sn_diag_init(&d);
    int total = SN_DIAG_MAX + 7;
    for (int i = 0; i < total; i++) {
        char path[32];
        snprintf(path, sizeof path, "items[%d]", i);
        snp_diag_add(&d, SN_EINPUT, "r.json", path, "problem %d", i);
    }
    cr_assert_eq(d.count, SN_DIAG_MAX);
    cr_assert_eq(d.dropped, 7);
    cr_assert_eq(d.warning_count, 0);
    for (int i = 0; i < SN_DIAG_MAX; i++) {
        char want[32];
        snprintf(want, sizeof want, "items[%d]", i);
        cr_assert_str_eq(d.errors[i].path, want, "error %d out of order", i);
        snprintf(want, sizeof want, "problem %d", i);
        cr_assert_str_eq(d.errors[i].message, want);
        cr_assert_eq(d.errors[i].code, SN_EINPUT);
        cr_assert_str_eq(d.errors[i].file, "r.json");
    }
    cr_assert(snp_diag_full(&d));
}

Test(diag, warnings_are_kept_apart_from_errors)
{
    sn_diag d;
    sn_diag_init(&d);
    snp_diag_warn(&d, "r.json", "region", "just a warning");
    cr_assert_eq(d.count, 0);
    cr_assert_eq(d.warning_count, 1);
    cr_assert_str_eq(d.warnings[0].message, "just a warning");
    for (int i = 0; i < SN_DIAG_MAX + 2; i++)
        snp_diag_warn(&d, NULL, NULL, "w%d", i);
    cr_assert_eq(d.warning_count, SN_DIAG_MAX);
    cr_assert_eq(d.warnings_dropped, 3);
    cr_assert_eq(d.count, 0);
    cr_assert_not(snp_diag_full(&d));
    snp_diag_add(NULL, SN_EINPUT, NULL, NULL, "no sink"); /* a NULL diag is allowed */
    snp_diag_warn(NULL, NULL, NULL, "no sink");
}

Test(diag, position_goes_to_the_last_kept_error_only)
{
    sn_diag d;
    sn_diag_init(&d);
    snp_diag_set_pos(&d, 3, 4); /* no error yet: nothing to set */
    snp_diag_add(&d, SN_EINPUT, "f", NULL, "first");
    snp_diag_add(&d, SN_EINPUT, "f", NULL, "second");
    snp_diag_set_pos(&d, 7, 9);
    cr_assert_eq(d.errors[0].line, 0);
    cr_assert_eq(d.errors[1].line, 7);
    cr_assert_eq(d.errors[1].col, 9);
    for (int i = 0; i < SN_DIAG_MAX; i++)
        snp_diag_add(&d, SN_EINPUT, "f", NULL, "more");
    snp_diag_set_pos(&d, 100, 1); /* belongs to a dropped error */
    cr_assert_eq(d.errors[SN_DIAG_MAX - 1].line, 0);
}

Test(diag, formats_file_path_and_position)
{
    sn_diag d;
    sn_diag_init(&d);
    char buf[600];
    snp_diag_add(&d, SN_EINPUT, "region.json", "facilities[3].supplies[0].amount",
                 "expected a number >= 0, got \"12 t\"");
    sn_error_format(&d.errors[0], buf, sizeof buf);
    cr_assert_str_eq(buf, "region.json: facilities[3].supplies[0].amount: expected a number >= "
                          "0, got \"12 t\"");
    snp_diag_add(&d, SN_EINPUT, "region.json", NULL, "unexpected '}'");
    snp_diag_set_pos(&d, 12, 5);
    sn_error_format(&d.errors[1], buf, sizeof buf);
    cr_assert_str_eq(buf, "region.json:12:5: unexpected '}'");
    snp_diag_add(&d, SN_ENOMEM, NULL, NULL, "out of memory");
    sn_error_format(&d.errors[2], buf, sizeof buf);
    cr_assert_str_eq(buf, "symnet: out of memory");
    char small[8];
    sn_error_format(&d.errors[0], small, sizeof small);
    cr_assert_str_eq(small, "region.");
    /* over-long messages are cut, never overflow */
    char longmsg[2000];
    memset(longmsg, 'x', sizeof longmsg - 1);
    longmsg[sizeof longmsg - 1] = '\0';
    snp_diag_add(&d, SN_EINPUT, longmsg, longmsg, "%s", longmsg);
    cr_assert_eq(strlen(d.errors[3].message), sizeof d.errors[3].message - 1);
    cr_assert_eq(strlen(d.errors[3].path), sizeof d.errors[3].path - 1);
}

Test(diag, every_status_has_a_name)
{
    const sn_status all[] = {SN_OK,      SN_EINPUT,    SN_ENOMEM, SN_EIO,
                             SN_ESOLVER, SN_EINTERNAL, SN_EUSAGE};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        const char *n = sn_status_name(all[i]);
        cr_assert_neq(strcmp(n, "unknown status"), 0, "status %d has no name", (int)all[i]);
        for (size_t j = 0; j < i; j++)
            cr_assert_neq(strcmp(n, sn_status_name(all[j])), 0, "two statuses named %s", n);
    }
    cr_assert_str_eq(sn_status_name(SN_ENOMEM), "out of memory");
}

/* ---- numbers ----------------------------------------------------------------------------- */

static void assert_rel(double got, double want, double rel, const char *what)
{
    cr_assert_leq(fabs(got - want), rel * fabs(want), "%s: got %.15g, want %.15g", what, got, want);
}

Test(num, capital_recovery_factor_matches_hand_values)
{
    /* r = 0: straight-line repayment */
    cr_assert_eq(snp_crf(0.0, 10), 0.1);
    cr_assert_eq(snp_crf(0.0, 4), 0.25);
    /* one year: repay the capital plus one year of interest */
    assert_rel(snp_crf(0.1, 1), 1.1, 1e-15, "crf(10%, 1)");
    /* two years at 10 %: 0.1 * 1.21 / 0.21 = 0.576190476190... */
    assert_rel(snp_crf(0.1, 2), 0.121 / 0.21, 1e-14, "crf(10%, 2)");
    /* docs/format.md worked example: CRF(5 %, 30) = 0.0650514351 */
    cr_assert_leq(fabs(snp_crf(0.05, 30) - 0.0650514351), 1e-10);
    /* standard annuity table: 8 %, 20 years = 0.10185221 */
    cr_assert_leq(fabs(snp_crf(0.08, 20) - 0.10185221), 1e-8);
    /* as r -> 0 the factor tends to 1/n: no cancellation blow-up at tiny rates */
    assert_rel(snp_crf(1e-9, 25), 0.04, 1e-6, "crf(1e-9, 25)");
    /* fractional lifetimes are allowed */
    assert_rel(snp_crf(0.0, 2.5), 0.4, 1e-15, "crf(0, 2.5)");
}

Test(num, great_circle_distances_match_known_values)
{
    const double r = 6371.0088, pi = 3.14159265358979323846;
    cr_assert_eq(snp_haversine_km(12.5, 55.6, 12.5, 55.6), 0.0);
    /* a quarter of a great circle along the equator and along a meridian */
    assert_rel(snp_haversine_km(0, 0, 90, 0), r * pi / 2, 1e-12, "equator quarter");
    assert_rel(snp_haversine_km(0, 0, 0, 90), r * pi / 2, 1e-12, "meridian quarter");
    /* antipodes: rounding may push the haversine above 1; it must be clamped, not NaN */
    assert_rel(snp_haversine_km(0, 0, 180, 0), r * pi, 1e-12, "antipodes");
    assert_rel(snp_haversine_km(-45, 30, 135, -30), r * pi, 1e-9, "antipodes off the equator");
    /* one degree of latitude: r * pi / 180 = 111.1950802 km */
    assert_rel(snp_haversine_km(10, 45, 10, 46), r * pi / 180, 1e-12, "one degree");
    /* across the date line is short, not half the globe */
    assert_rel(snp_haversine_km(179.5, 0, -179.5, 0), r * pi / 180, 1e-9, "date line");
    /* Nashville (BNA, 36.12 N 86.67 W) to Los Angeles (LAX, 33.94 N 118.40 W): the classic
     * haversine example gives 2887.2600 km for a radius of 6372.8 km; scale to ours. */
    assert_rel(snp_haversine_km(-86.67, 36.12, -118.40, 33.94), 2887.2600 * r / 6372.8, 1e-6,
               "BNA-LAX");
    /* symmetric */
    cr_assert_eq(snp_haversine_km(-86.67, 36.12, -118.40, 33.94),
                 snp_haversine_km(-118.40, 33.94, -86.67, 36.12));
}

Test(num, fmt_double_round_trips_and_is_short)
{
    const double values[] = {0.1,
                             1.0 / 3.0,
                             262568.5877006914,
                             3.14159265358979323846,
                             1e-300,
                             5e-324,
                             DBL_MAX,
                             -DBL_MAX,
                             DBL_MIN,
                             123456789012345678.0,
                             -2.5,
                             0.30000000000000004,
                             1e21,
                             9007199254740993.0};
    char buf[40];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        snp_fmt_double(buf, sizeof buf, values[i]);
        cr_assert_eq(strtod(buf, NULL), values[i], "%.17g printed as %s", values[i], buf);
    }
    snp_fmt_double(buf, sizeof buf, 0.1);
    cr_assert_str_eq(buf, "0.1");
    snp_fmt_double(buf, sizeof buf, 100.0);
    cr_assert_str_eq(buf, "100");
    snp_fmt_double(buf, sizeof buf, 11800.0);
    cr_assert_str_eq(buf, "11800");
    snp_fmt_double(buf, sizeof buf, 0.30000000000000004);
    cr_assert_str_eq(buf, "0.30000000000000004");
    snp_fmt_double(buf, sizeof buf, -0.0);
    cr_assert_str_eq(buf, "0", "negative zero must print as 0");
    snp_fmt_double(buf, sizeof buf, NAN);
    cr_assert_str_eq(buf, "null");
    snp_fmt_double(buf, sizeof buf, INFINITY);
    cr_assert_str_eq(buf, "null");
    snp_fmt_double(buf, sizeof buf, -INFINITY);
    cr_assert_str_eq(buf, "null");
}

Test(num, fmt_double_round_trips_random_doubles)
{
    unsigned long long s = 0x9E3779B97F4A7C15ull;
    char buf[40];
    for (int i = 0; i < 20000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double v;
        memcpy(&v, &s, sizeof v);
        if (!isfinite(v))
            continue;
        snp_fmt_double(buf, sizeof buf, v);
        cr_assert_eq(strtod(buf, NULL), v, "%.17g printed as %s", v, buf);
    }
}

/* ---- allocation fault injection ---------------------------------------------------------- */

/* A region that touches every parser and builder path: quality tracking, substitutes, pipe
 * sizes, trucks with trips, a hub with two options, a junction, a corridor, an explicit
 * given-cost link, a budget and an emission cap. */
static const char rich_region[] =
    "{\"format\": \"symnet-region/1\",\n"
    " \"region\": {\"name\": \"rich\", \"coordinates\": \"planar_km\", \"currency\": \"EUR\",\n"
    "   \"discount_rate\": 0.05, \"lifetime_yr\": 20, \"carbon_price\": 50,\n"
    "   \"capital_budget\": 1e9, \"co2_cap_t_per_yr\": 1e6},\n"
    " \"resources\": [\n"
    "  {\"id\": \"water\", \"unit\": \"m3\", \"quality\": [\"cl_ppm\"],\n"
    "   \"pipe\": {\"civil_capital_per_km\": 100, \"sizes\": [{\"capacity\": 500, "
    "\"capital_per_km\": 200}, {\"capacity\": 2000, \"capital_per_km\": 300}],\n"
    "     \"opex_per_unit_km\": 0.01, \"loss_per_km\": 0.01}},\n"
    "  {\"id\": \"sludge\", \"unit\": \"t\", \"truck\": {\"cost_per_unit_km\": 0.1, "
    "\"cost_per_trip\": 20, \"truck_capacity\": 10, \"co2_per_unit_km\": 0.0001}},\n"
    "  {\"id\": \"gas\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 1000, "
    "\"capital_per_km_per_unit\": 0.5}}],\n"
    " \"facilities\": [\n"
    "  {\"id\": \"A\", \"location\": [0, 0], \"notes\": \"source\",\n"
    "   \"supplies\": [{\"resource\": \"water\", \"amount\": 1000, \"disposal_cost\": 2, "
    "\"quality\": {\"cl_ppm\": 40}},\n"
    "     {\"resource\": \"sludge\", \"amount\": 300, \"disposal_cost\": 30, \"disposal_co2\": "
    "0.1}]},\n"
    "  {\"id\": \"B\", \"location\": [3, 4],\n"
    "   \"supplies\": [{\"resource\": \"water\", \"amount\": 800, \"disposal_cost\": 1, "
    "\"quality\": {\"cl_ppm\": 90}}],\n"
    "   \"demands\": [{\"resource\": \"gas\", \"amount\": 100, \"price\": 40, \"co2\": 0.2}]},\n"
    "  {\"id\": \"C\", \"location\": [6, 0],\n"
    "   \"demands\": [{\"resource\": \"water\", \"amount\": 1200, \"price\": 3, \"quality\": "
    "{\"cl_ppm\": {\"max\": 60}}},\n"
    "     {\"resource\": \"sludge\", \"amount\": 50, \"price\": 10, \"substitutes\": "
    "[{\"resource\": \"gas\", \"ratio\": 0.5}]}]}],\n"
    " \"hubs\": [{\"id\": \"D\", \"kind\": \"digester\", \"location\": [2, 2],\n"
    "   \"capacities\": [{\"capacity\": 200, \"capital\": 5000, \"fixed_opex\": 100},\n"
    "     {\"capacity\": 400, \"capital\": 8000, \"fixed_opex\": 150}],\n"
    "   \"inputs\": [{\"resource\": \"sludge\", \"yields\": {\"gas\": 0.5}, \"cost_per_unit\": "
    "1}],\n"
    "   \"outputs\": [{\"resource\": \"gas\"}]}],\n"
    " \"junctions\": [{\"id\": \"J\", \"location\": [3, 1], \"resources\": [\"water\"]}],\n"
    " \"links\": [{\"id\": \"DB_gas\", \"from\": \"D\", \"to\": \"B\", \"resource\": \"gas\", "
    "\"mode\": \"pipe\", \"fixed_cost_per_yr\": 10, \"cost_per_unit\": 0.1, \"capacity\": "
    "150}],\n"
    " \"corridors\": [{\"id\": \"K\", \"from\": \"A\", \"to\": \"J\", \"capital\": 300, "
    "\"lifetime_yr\": 40}]\n"
    "}\n";

static sn_instance *load_rich(void)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_status st = sn_instance_load_string(rich_region, strlen(rich_region), "rich.json", &in, &d);
    char buf[700] = "";
    if (d.count)
        sn_error_format(&d.errors[0], buf, sizeof buf);
    cr_assert_eq(st, SN_OK, "the rich region must load: %s", buf);
    return in;
}

/* Any error list produced by an out-of-memory run must say so. */
static void assert_nomem_diag(const sn_diag *d, long n, const char *what)
{
    cr_assert_geq(d->count, 1, "%s, allocation %ld failed: no diagnostic", what, n);
    int found = 0;
    for (int i = 0; i < d->count; i++)
        found |= d->errors[i].code == SN_ENOMEM;
    cr_assert(found, "%s, allocation %ld failed: no out-of-memory diagnostic (first: %s)", what, n,
              d->errors[0].message);
}

Test(faults, every_failed_allocation_in_load_fails_cleanly)
{
    long n, live0 = snp_alloc_live();
    for (n = 1;; n++) {
        sn_diag d;
        sn_diag_init(&d);
        sn_instance *in = (sn_instance *)(uintptr_t)1; /* must be reset to NULL */
        snp_alloc_fail_at(n);
        sn_status st =
            sn_instance_load_string(rich_region, strlen(rich_region), "rich.json", &in, &d);
        long used = snp_alloc_count();
        snp_alloc_fail_at(0);
        if (st == SN_OK) {
            cr_assert_lt(used, n, "allocation %ld failed but the load reported success", n);
            cr_assert_not_null(in);
            sn_instance_free(in);
            cr_assert_eq(snp_alloc_live(), live0, "a loaded region leaks after sn_instance_free");
            break;
        }
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld failed: status %s, expected out of memory", n,
                     sn_status_name(st));
        cr_assert_null(in, "allocation %ld failed: *out must be NULL", n);
        cr_assert_eq(snp_alloc_live(), live0, "allocation %ld failed: the load leaked %ld blocks",
                     n, snp_alloc_live() - live0);
        assert_nomem_diag(&d, n, "load");
        cr_assert_lt(n, 100000, "load never succeeds");
    }
    cr_assert_gt(n, 10, "the load made only %ld allocations: fault injection is not wired", n);
}

Test(faults, every_failed_allocation_in_build_fails_cleanly)
{
    sn_instance *in = load_rich();
    const sn_model_kind kinds[] = {SN_MODEL_NETWORK, SN_MODEL_ELASTIC, SN_MODEL_ELASTIC_UNCAPPED};
    long live0 = snp_alloc_live();
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        long n;
        for (n = 1;; n++) {
            sn_diag d;
            sn_diag_init(&d);
            sn_model *m = (sn_model *)(uintptr_t)1;
            snp_alloc_fail_at(n);
            sn_status st = sn_model_build(in, kinds[k], &m, &d);
            long used = snp_alloc_count();
            snp_alloc_fail_at(0);
            if (st == SN_OK) {
                cr_assert_lt(used, n, "allocation %ld failed but the build reported success", n);
                cr_assert_gt(sn_model_cols(m), 0);
                sn_model_free(m);
                cr_assert_eq(snp_alloc_live(), live0, "a model leaks after sn_model_free");
                break;
            }
            cr_assert_eq(st, SN_ENOMEM, "build kind %d, allocation %ld failed: status %s",
                         (int)kinds[k], n, sn_status_name(st));
            cr_assert_null(m, "allocation %ld failed: *out must be NULL", n);
            cr_assert_eq(snp_alloc_live(), live0, "allocation %ld failed: the build leaked %ld", n,
                         snp_alloc_live() - live0);
            assert_nomem_diag(&d, n, "build");
            cr_assert_lt(n, 100000, "build never succeeds");
        }
        cr_assert_gt(n, 10, "the build made only %ld allocations", n);
    }
    sn_instance_free(in);
}

Test(faults, every_failed_allocation_in_solve_and_report_fails_cleanly)
{
    sn_instance *in = load_rich();
    sn_diag d;
    sn_diag_init(&d);
    sn_model *m = NULL;
    cr_assert_eq(sn_model_build(in, SN_MODEL_NETWORK, &m, &d), SN_OK);
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = 30;
    sn_solution *ref = NULL;
    cr_assert_eq(sn_solve(m, &p, &ref, &d), SN_OK);
    double want = sn_solution_objective(ref);
    sn_solution_free(ref);
    long n, live0 = snp_alloc_live();
    for (n = 1;; n++) {
        sn_diag_init(&d);
        sn_solution *s = (sn_solution *)(uintptr_t)1;
        snp_alloc_fail_at(n);
        sn_status st = sn_solve(m, &p, &s, &d);
        long used = snp_alloc_count();
        snp_alloc_fail_at(0);
        if (st == SN_OK) {
            /* the search's own heuristic is optional: without memory for it the solve goes
             * on without it, and must still find the same optimum */
            cr_assert_eq(sn_solution_status_get(s), SN_SOL_OPTIMAL, "allocation %ld failed", n);
            cr_assert_leq(fabs(sn_solution_objective(s) - want), 1e-9 * fabs(want),
                          "allocation %ld failed: objective %.10g, unfaulted %.10g", n,
                          sn_solution_objective(s), want);
            if (used >= n) {
                sn_solution_free(s);
                cr_assert_eq(snp_alloc_live(), live0, "allocation %ld failed: leaked", n);
                continue;
            }
            /* the reports allocate too: each failure is SN_ENOMEM, never a crash */
            for (int kind = 0; kind < 2; kind++) {
                for (long r = 1;; r++) {
                    FILE *f = tmpfile();
                    cr_assert_not_null(f);
                    snp_alloc_fail_at(r);
                    sn_status rs = tu_write_report(in, m, s, kind == 0, f);
                    long ru = snp_alloc_count();
                    snp_alloc_fail_at(0);
                    fclose(f);
                    if (rs == SN_OK) {
                        cr_assert_lt(ru, r, "allocation %ld failed but report %d succeeded", r,
                                     kind);
                        break;
                    }
                    cr_assert_eq(rs, SN_ENOMEM, "report %d, allocation %ld: %s", kind, r,
                                 sn_status_name(rs));
                    cr_assert_eq(snp_alloc_live(), live0 + 2, "report %d, allocation %ld: leaked",
                                 kind, r);
                    cr_assert_lt(r, 100000);
                }
            }
            sn_solution_free(s);
            cr_assert_eq(snp_alloc_live(), live0, "a solution leaks after sn_solution_free");
            break;
        }
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld failed: status %s", n, sn_status_name(st));
        cr_assert_null(s);
        cr_assert_eq(snp_alloc_live(), live0, "allocation %ld failed: the solve leaked", n);
        assert_nomem_diag(&d, n, "solve");
        cr_assert_lt(n, 100000, "solve never succeeds");
    }
    cr_assert_gt(n, 1, "the solve made no allocation");
    sn_model_free(m);
    sn_instance_free(in);
}
