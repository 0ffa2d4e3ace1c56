/*
 * test_regions.c - every shipped region (each .json file in instances/, found at run time) loads,
 * builds, solves to proven optimality within 60 s and passes the solution self-check; the tutorial
 * and the three tutorial archetypes also reproduce their hand-computed optimum.
 *
 * Run from the repository root (the Makefile does).
 */
#include "symnet.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INSTANCE_DIR "instances"
#define MAX_REGIONS 64

/* Hand-computed optima (currency per year). The calculations are in docs/format.md
 * ("Worked example", tutorial.json) and docs/instances.md (sections "Archetype: ..."). Keep
 * this table and those pages in step. */
static const struct {
    const char *file;
    double objective;
} expected[] = {
    {"tutorial.json", 262568.5877006914},                 /* 2,500,000 x CRF(5 %, 30) + ... */
    {"archetype_brewery_feed.json", 74240.0},             /* exact: no capital */
    {"archetype_coffee_mushrooms.json", 10599.0},         /* exact: no capital */
    {"archetype_heat_greenhouse.json", 298228.5877006914} /* 162,628.5877 + 3,600 + 132,000 */
};

static int ends_with_json(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Sorted names of the .json files in instances/; returns the count. */
static int list_regions(char names[][256], int max)
{
    DIR *dir = opendir(INSTANCE_DIR);
    cr_assert_not_null(dir, "cannot open %s/ (run from the repository root)", INSTANCE_DIR);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.' || !ends_with_json(e->d_name))
            continue;
        cr_assert_lt(n, max, "more than %d regions in %s/", max, INSTANCE_DIR);
        snprintf(names[n], 256, "%s", e->d_name);
        n++;
    }
    closedir(dir);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    return n;
}

static void fail_with_diag(const char *what, const char *file, const sn_diag *d)
{
    char buf[1200];
    if (d->count > 0)
        sn_error_format(&d->errors[0], buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, "(no diagnostic)");
    cr_assert_fail("%s: %s failed: %s", file, what, buf);
}

/* Loads, builds, solves and checks one region; returns its objective. */
static double solve_region(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", INSTANCE_DIR, name);

    sn_diag d;
    sn_diag_init(&d);
    sn_instance *inst = NULL;
    if (sn_instance_load_file(path, &inst, &d) != SN_OK)
        fail_with_diag("sn_instance_load_file", path, &d);

    sn_model *m = NULL;
    sn_diag_init(&d);
    if (sn_model_build(inst, SN_MODEL_NETWORK, &m, &d) != SN_OK)
        fail_with_diag("sn_model_build", path, &d);

    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = 60.0;
    sn_solution *s = NULL;
    sn_diag_init(&d);
    if (sn_solve(m, &p, &s, &d) != SN_OK)
        fail_with_diag("sn_solve", path, &d);

    cr_assert_eq(sn_solution_status_get(s), SN_SOL_OPTIMAL, "%s: status %s, expected optimal", path,
                 sn_solution_status_name(sn_solution_status_get(s)));

    sn_diag_init(&d);
    if (sn_solution_check(inst, m, s, &d) != SN_OK)
        fail_with_diag("sn_solution_check", path, &d);

    double obj = sn_solution_objective(s);
    cr_assert(isfinite(obj), "%s: objective is not finite", path);

    sn_solution_free(s);
    sn_model_free(m);
    sn_instance_free(inst);
    return obj;
}

Test(regions, every_instance_solves_to_proven_optimality)
{
    static char names[MAX_REGIONS][256];
    int n = list_regions(names, MAX_REGIONS);
    cr_assert_geq(n, 1, "no regions found in %s/", INSTANCE_DIR);
    for (int i = 0; i < n; i++)
        (void)solve_region(names[i]);
}

Test(regions, hand_computed_optima)
{
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        double obj = solve_region(expected[i].file);
        double want = expected[i].objective;
        cr_assert_leq(fabs(obj - want), 1e-9 * fabs(want),
                      "%s: objective %.10f, hand calculation %.10f (docs/instances.md)",
                      expected[i].file, obj, want);
    }
}

Test(regions, hand_computed_regions_are_shipped)
{
    static char names[MAX_REGIONS][256];
    int n = list_regions(names, MAX_REGIONS);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        int found = 0;
        for (int j = 0; j < n; j++)
            found |= strcmp(names[j], expected[i].file) == 0;
        cr_assert(found, "%s/%s is missing", INSTANCE_DIR, expected[i].file);
    }
}
