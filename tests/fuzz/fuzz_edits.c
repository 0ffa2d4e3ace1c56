/*
 * fuzz_edits.c - libFuzzer harness over the region overrides (src/instance/edit.c,
 * docs/whatif.md): --set, --scenario, --force, --forbid, --without and --layout, applied by
 * sn_instance_load_file_edited.
 *
 * Input: [0xFF N_LO N_HI] REGION \0 EDIT \0 EDIT \0 ...
 *   - an optional header 0xFF and a 16-bit N: allocation N + 1 of the load fails (fault
 *     injection, as in tests/unit/test_core.c);
 *   - REGION: a region file; empty means the built-in one below (the tutorial's valley plus a
 *     hub with two capacity options, an explicit link and a corridor);
 *   - each EDIT: a kind byte (its value mod 8: '0' --set, '1' --scenario, '2' --force,
 *     '3' --forbid, '4' --without, '5' --layout, '6' --ways, '7' no such kind) and the
 *     argument; for --scenario, --layout and --ways the argument is the content of the file,
 *     written to a temporary file whose name becomes the argument. At most 16 edits.
 *
 * Checks: no crash, sanitizer report or leak (snp_alloc_live() as before the call, so a block
 * leaked through the allocation choke point aborts even without LeakSanitizer); an unknown
 * kind is refused with SN_EUSAGE; the load returns SN_OK, SN_EINPUT or SN_ENOMEM, and SN_ENOMEM
 * whenever an injected allocation failure was reached; a failure comes with at least one
 * diagnostic and leaves both out-params NULL; a success has the edits recorded and its
 * effective region (the `effective` out-param), read back as a plain region file, loads to an
 * instance with the same number of facilities. Built and run by `make fuzz` (docs/testing.md);
 * seeds are written by tests/fuzz/run.sh.
 */
#include "symnet.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The allocation choke point's test hooks (src/core/core_int.h). */
void snp_alloc_fail_at(long n);
long snp_alloc_count(void);
long snp_alloc_live(void);

#define MAX_EDITS 16

static const char BUILTIN[] =
    "{\"format\":\"symnet-region/1\",\"region\":{\"coordinates\":\"planar_km\",\"currency\":"
    "\"EUR\",\"discount_rate\":0.05,\"lifetime_yr\":20,\"carbon_price\":80,\"name\":\"fuzz\"},"
    "\"resources\":[{\"id\":\"spent_grain\",\"unit\":\"t\",\"truck\":{\"cost_per_unit_km\":0.2,"
    "\"co2_per_unit_km\":0.0001,\"cost_per_trip\":40,\"truck_capacity\":25,\"detour\":1.25}},"
    "{\"id\":\"heat\",\"unit\":\"MWh\",\"pipe\":{\"civil_capital_per_km\":300000,"
    "\"capital_per_km\":200000,\"opex_per_unit_km\":0.1,\"co2_per_unit_km\":0.0001,"
    "\"loss_per_km\":0.02,\"lifetime_yr\":30,\"detour\":1.25}},{\"id\":\"wastewater\",\"unit\":"
    "\"m3\",\"pipe\":{\"capital_per_km\":500}},{\"id\":\"treated_water\",\"unit\":\"m3\","
    "\"pipe\":{\"capital_per_km\":500}}],\"facilities\":[{\"id\":\"brewery\",\"location\":[0,0],"
    "\"supplies\":[{\"resource\":\"spent_grain\",\"amount\":2000,\"disposal_cost\":25,"
    "\"disposal_co2\":0.2}]},{\"id\":\"dairy_farm\",\"location\":[16,12],\"demands\":[{"
    "\"resource\":\"spent_grain\",\"amount\":1500,\"price\":60,\"co2\":0.1}]},{\"id\":"
    "\"food_factory\",\"location\":[10,0],\"supplies\":[{\"resource\":\"heat\",\"amount\":8000,"
    "\"disposal_cost\":0,\"disposal_co2\":0}]},{\"id\":\"greenhouse\",\"location\":[12.4,3.2],"
    "\"demands\":[{\"resource\":\"heat\",\"amount\":5400,\"price\":50,\"co2\":0.2}]},{\"id\":"
    "\"leisure_centre\",\"location\":[10,9.6],\"demands\":[{\"resource\":\"heat\",\"amount\":1000,"
    "\"price\":50,\"co2\":0.2}]},{\"id\":\"A\",\"location\":[30,0],\"supplies\":[{\"resource\":"
    "\"wastewater\",\"amount\":1000,\"disposal_cost\":3}]},{\"id\":\"B\",\"location\":[32,3],"
    "\"demands\":[{\"resource\":\"treated_water\",\"amount\":700,\"price\":4}]}],\"hubs\":[{"
    "\"id\":\"T\",\"location\":[32,0],\"capacities\":[{\"capacity\":500,\"capital\":10000,"
    "\"fixed_opex\":200},{\"capacity\":1000,\"capital\":16000,\"fixed_opex\":400}],\"inputs\":[{"
    "\"resource\":\"wastewater\",\"yields\":{\"treated_water\":0.9},\"cost_per_unit\":0.5}],"
    "\"outputs\":[{\"resource\":\"treated_water\",\"disposal_cost\":1}]}],\"links\":[{\"id\":"
    "\"bd\",\"from\":\"brewery\",\"to\":\"dairy_farm\",\"resource\":\"spent_grain\",\"mode\":"
    "\"truck\"}],\"corridors\":[{\"id\":\"FG\",\"from\":\"food_factory\",\"to\":\"greenhouse\","
    "\"capital_per_km\":1000}]}";

static char dir[64];

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        abort(); /* the harness's own failure: stop rather than report nonsense */
}

/* Removes the scratch directory and what the harness wrote into it (at exit: libFuzzer leaves
 * through exit() when its time is up or a run ends). */
static void cleanup(void)
{
    char path[96];
    static const char *const fixed[] = {"region.json", "effective.json"};
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, fixed[k]);
        remove(path);
    }
    for (int k = 0; k < MAX_EDITS; k++) {
        snprintf(path, sizeof path, "%s/edit%d.json", dir, k);
        remove(path);
    }
    rmdir(dir);
}

/* A scratch directory for the region and the scenario and layout files. */
static void setup(void)
{
    if (dir[0])
        return;
    snprintf(dir, sizeof dir, "/tmp/symnet-fuzz-edits-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    atexit(cleanup);
}

/* Stops the run with the condition that failed, for the finding's log. */
#define expect(cond) expect_at((cond), #cond, __LINE__)

static void expect_at(int cond, const char *what, int line)
{
    if (cond)
        return;
    fprintf(stderr, "fuzz_edits.c:%d: expected %s\n", line, what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    long fail_at = 0;
    if (size >= 3 && data[0] == 0xFF) {
        fail_at = 1 + (long)(data[1] | data[2] << 8);
        data += 3;
        size -= 3;
    }
    /* the region */
    char region[96];
    snprintf(region, sizeof region, "%s/region.json", dir);
    const uint8_t *nul = memchr(data, '\0', size);
    size_t rlen = nul ? (size_t)(nul - data) : size;
    if (rlen == 0)
        write_file(region, BUILTIN, sizeof BUILTIN - 1);
    else
        write_file(region, data, rlen);

    long live = snp_alloc_live();
    sn_edits *e = NULL;
    expect(sn_edits_create(&e) == SN_OK);
    /* the edits: NUL-separated, each a kind byte and its argument */
    const uint8_t *p = nul ? nul + 1 : data + size, *end = data + size;
    for (int k = 0; p < end && k < MAX_EDITS; k++) {
        const uint8_t *q = memchr(p, '\0', (size_t)(end - p));
        size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
        if (n == 0) {
            p = q ? q + 1 : end;
            continue;
        }
        int kind = p[0] % 8;
        char *arg = malloc(n);
        expect(arg != NULL);
        memcpy(arg, p + 1, n - 1);
        arg[n - 1] = '\0';
        char file[96];
        int is_file = kind == SN_EDIT_SCENARIO || kind == SN_EDIT_LAYOUT || kind == SN_EDIT_WAYS;
        if (is_file) {
            snprintf(file, sizeof file, "%s/edit%d.json", dir, k);
            write_file(file, p + 1, n - 1);
        }
        sn_status st = sn_edits_add(e, (sn_edit_kind)kind, is_file ? file : arg);
        free(arg);
        expect(kind <= SN_EDIT_WAYS ? st == SN_OK : st == SN_EUSAGE);
        p = q ? q + 1 : end;
    }

    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    char *effective = NULL;
    snp_alloc_fail_at(fail_at);
    sn_status st = sn_instance_load_file_edited(region, e, &in, &effective, &d);
    int failed = fail_at > 0 && snp_alloc_count() >= fail_at;
    snp_alloc_fail_at(0);

    if (failed && st != SN_ENOMEM) /* what the load made of the missing memory */
        for (int i = 0; i < d.count; i++)
            fprintf(stderr, "after allocation %ld failed: %s: %s\n", fail_at, d.errors[i].path,
                    d.errors[i].message);
    expect(st == SN_OK || st == SN_EINPUT || st == SN_ENOMEM);
    expect(!failed || st == SN_ENOMEM);
    if (st != SN_OK) {
        expect(d.count > 0);
        expect(in == NULL && effective == NULL);
    } else {
        expect(in != NULL && effective != NULL);
        expect(sn_instance_edit_count(in) == sn_edits_count(e));
        /* the effective region is a region file that reads back to the same facilities */
        char eff[96];
        snprintf(eff, sizeof eff, "%s/effective.json", dir);
        write_file(eff, effective, strlen(effective));
        sn_instance *again = NULL;
        sn_diag_init(&d);
        sn_status st2 = sn_instance_load_file(eff, &again, &d);
        if (st2 != SN_OK) {
            for (int i = 0; i < d.count; i++)
                fprintf(stderr, "reload: %s: %s\n", d.errors[i].path, d.errors[i].message);
            abort();
        }
        expect(sn_instance_facility_count(again) == sn_instance_facility_count(in));
        sn_instance_free(again);
    }
    sn_free(effective);
    sn_instance_free(in);
    sn_edits_free(e);
    expect(snp_alloc_live() == live);
    return 0;
}
