/*
 * test_regions.c - the shipped regions (every .json file in instances/, found at run time).
 *
 * - Each region loads, builds, solves to proven optimality within 60 s, passes the solver's
 *   self-check (sn_solution_check) and its written solution passes the independent checker of
 *   `symnet verify` (src/verify/, which re-derives every cost from the region alone).
 * - The tutorial and the three tutorial archetypes reproduce their optimum derived by hand in
 *   docs/format.md ("Worked example") and docs/instances.md ("Archetype: ..."): objective,
 *   business-as-usual cost, capital, emissions of both states and the number of links and hubs.
 * - The checker is live on this path: a solution with one flow changed by 1 % is rejected.
 * - docs/example_region.json, the complete example of docs/format.md, uses every section of the
 *   format, solves to proven optimality, passes the checker and builds what the page says; the
 *   page holds the file verbatim and its hub snippet is the file's first hub.
 *
 * Run from the repository root (the Makefile does).
 */
#include "symnet.h"
#include "testutil.h"
#include "verify/verify_int.h" /* sn_solution_verify_string: proposed for symnet.h */

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INSTANCE_DIR "instances"
#define MAX_REGIONS 64

/* Hand-computed results (currency per year, t CO2e per year). Derivations: docs/format.md
 * ("Worked example") for tutorial.json and docs/instances.md ("Archetype: ...") for the others.
 * Keep this table and those pages in step; never copy a value here from the solver. */
static const struct {
    const char *file;
    double objective;
    double bau;
    double capital;
    double co2;
    double bau_co2;
    int links;
    int hubs;
} expected[] = {
    /* 2,500,000 x CRF(5 %, 30) + 3,240 + 10,200 + 20,500 + 66,000 */
    {"tutorial.json", 262568.5877006914, 606400.0, 2500000.0, 306.75, 1830.0, 2, 0},
    /* 5,040 + 21,600 + 700 t x 68; no capital */
    {"archetype_brewery_feed.json", 74240.0, 374600.0, 0.0, 80.5, 970.0, 2, 0},
    /* 531 + 993 + 4,275 + 50 t x 96; no capital */
    {"archetype_coffee_mushrooms.json", 10599.0, 28400.0, 0.0, 12.175, 55.0, 3, 0},
    /* 2,500,000 x CRF(5 %, 30) + 3,600 + 2,000 MWh x 66 */
    {"archetype_heat_greenhouse.json", 298228.5877006914, 528000.0, 2500000.0, 403.3333333333333,
     1600.0, 1, 0},
};

/* What one solve produced: the objective and the solution JSON as written by the reporter. */
typedef struct solved {
    double objective;
    char *json; /* malloc'd, NUL-terminated */
    size_t len;
} solved;

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

/* Loads, builds, solves and checks one region: proven optimal, self-check passed, and the
 * solution JSON passes the independent checker. The caller frees out->json. */
static void solve_region_at(const char *path, solved *out)
{

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

    out->objective = sn_solution_objective(s);
    cr_assert(isfinite(out->objective), "%s: objective is not finite", path);

    out->json = NULL;
    out->len = 0;
    FILE *f = open_memstream(&out->json, &out->len);
    cr_assert_not_null(f, "%s: open_memstream failed", path);
    sn_status ws = tu_write_report(inst, m, s, 1, f);
    cr_assert_eq(fclose(f), 0, "%s: writing the solution JSON failed", path);
    cr_assert_eq(ws, SN_OK, "%s: sn_report_write_json: %s", path, sn_status_name(ws));

    sn_diag_init(&d);
    if (sn_solution_verify_string(inst, out->json, out->len, "solution.json", &d) != SN_OK)
        fail_with_diag("symnet verify (sn_solution_verify_string)", path, &d);

    sn_solution_free(s);
    sn_model_free(m);
    sn_instance_free(inst);
}

static void solve_region(const char *name, solved *out)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", INSTANCE_DIR, name);
    solve_region_at(path, out);
}

static double json_number(const cJSON *obj, const char *key, const char *file)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    cr_assert(cJSON_IsNumber(v), "%s: solution has no number '%s'", file, key);
    return v->valuedouble;
}

static int json_count(const cJSON *obj, const char *key, const char *file)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    cr_assert(cJSON_IsArray(v), "%s: solution has no array '%s'", file, key);
    return cJSON_GetArraySize(v);
}

static void expect_close(const char *file, const char *what, double got, double want)
{
    cr_assert_leq(fabs(got - want), 1e-9 * fmax(1.0, fabs(want)),
                  "%s: %s %.10f, hand calculation %.10f", file, what, got, want);
}

Test(regions, every_instance_is_optimal_and_passes_the_checker)
{
    static char names[MAX_REGIONS][256];
    int n = list_regions(names, MAX_REGIONS);
    cr_assert_geq(n, 9, "expected the 9 shipped regions in %s/, found %d", INSTANCE_DIR, n);
    for (int i = 0; i < n; i++) {
        solved r;
        solve_region(names[i], &r);
        free(r.json);
    }
}

Test(regions, hand_computed_optima)
{
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        const char *file = expected[i].file;
        solved r;
        solve_region(file, &r);
        cJSON *sol = cJSON_ParseWithLength(r.json, r.len);
        cr_assert_not_null(sol, "%s: solution JSON does not parse", file);
        const cJSON *bau = cJSON_GetObjectItemCaseSensitive(sol, "bau");
        cr_assert(cJSON_IsObject(bau), "%s: solution has no 'bau' object", file);

        expect_close(file, "objective", r.objective, expected[i].objective);
        expect_close(file, "objective in the JSON", json_number(sol, "objective", file),
                     expected[i].objective);
        expect_close(file, "business-as-usual cost", json_number(bau, "cost", file),
                     expected[i].bau);
        expect_close(file, "capital", json_number(sol, "capital", file), expected[i].capital);
        expect_close(file, "emissions", json_number(sol, "co2_t_per_yr", file), expected[i].co2);
        expect_close(file, "business-as-usual emissions", json_number(bau, "co2_t_per_yr", file),
                     expected[i].bau_co2);
        cr_assert_eq(json_count(sol, "links", file), expected[i].links, "%s: links built", file);
        cr_assert_eq(json_count(sol, "hubs", file), expected[i].hubs, "%s: hubs built", file);
        cJSON_Delete(sol);
        free(r.json);
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

/* The checker used above must be able to fail: Kalundborg's solution with the flow of its first
 * link raised by 1 % no longer balances and must be rejected. */
Test(regions, checker_rejects_a_tampered_solution)
{
    const char *file = "kalundborg.json";
    solved r;
    solve_region(file, &r);
    cJSON *sol = cJSON_ParseWithLength(r.json, r.len);
    cr_assert_not_null(sol, "%s: solution JSON does not parse", file);
    cJSON *link = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(sol, "links"), 0);
    cr_assert_not_null(link, "%s: no link built", file);
    cJSON *flow = cJSON_GetObjectItemCaseSensitive(link, "flow");
    cr_assert(cJSON_IsNumber(flow) && flow->valuedouble > 0, "%s: first link has no flow", file);
    cJSON_SetNumberValue(flow, flow->valuedouble * 1.01);
    char *text = cJSON_PrintUnformatted(sol);
    cr_assert_not_null(text);

    char path[512];
    snprintf(path, sizeof path, "%s/%s", INSTANCE_DIR, file);
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *inst = NULL;
    if (sn_instance_load_file(path, &inst, &d) != SN_OK)
        fail_with_diag("sn_instance_load_file", path, &d);
    sn_diag_init(&d);
    sn_status vs = sn_solution_verify_string(inst, text, strlen(text), "tampered.json", &d);
    cr_assert_eq(vs, SN_EINTERNAL, "%s: a tampered solution was not rejected (status %s)", file,
                 sn_status_name(vs));
    cr_assert_gt(d.count, 0, "%s: the checker rejected the tampered solution without a message",
                 file);

    sn_instance_free(inst);
    cJSON_free(text);
    cJSON_Delete(sol);
    free(r.json);
}

/* ---- the complete example of docs/format.md ------------------------------------------------ */

#define EXAMPLE "docs/example_region.json"

static const cJSON *member(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    cr_assert_not_null(v, "%s: no \"%s\"", EXAMPLE, k);
    return v;
}

/* Some element of array arr (of objects) has key k; with sub, member k of it has key sub. */
static int some_has(const cJSON *arr, const char *k, const char *sub)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, k);
        if (v && (!sub || cJSON_GetObjectItemCaseSensitive(v, sub)))
            return 1;
    }
    return 0;
}

Test(regions, the_complete_example_uses_every_section_and_solves)
{
    char *text = tu_read_file(EXAMPLE, NULL);
    cr_assert_not_null(text, "cannot read %s", EXAMPLE);
    cJSON *doc = cJSON_Parse(text);
    cr_assert_not_null(doc, "%s is not JSON", EXAMPLE);
    const char *sections[] = {"format", "notes",     "region", "resources", "facilities",
                              "hubs",   "junctions", "links",  "corridors"};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        const cJSON *v = member(doc, sections[i]);
        cr_assert(!cJSON_IsArray(v) || cJSON_GetArraySize(v) > 0, "%s: %s is empty", EXAMPLE,
                  sections[i]);
    }
    const cJSON *res = member(doc, "resources"), *fac = member(doc, "facilities");
    int both = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, res) both |=
        cJSON_GetObjectItemCaseSensitive(e, "pipe") && cJSON_GetObjectItemCaseSensitive(e, "truck");
    cr_assert(both, "no resource goes by pipe and by truck");
    cr_assert(some_has(res, "pipe", "sizes"), "no pipe sizes");
    cr_assert(some_has(res, "quality", NULL), "no quality attributes");
    cr_assert(some_has(fac, "supplies", NULL) && some_has(fac, "demands", NULL));
    int subst = 0, limits = 0, values = 0;
    cJSON_ArrayForEach(e, fac)
    {
        const cJSON *x;
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "demands"))
        {
            subst |= cJSON_GetObjectItemCaseSensitive(x, "substitutes") != NULL;
            limits |= cJSON_GetObjectItemCaseSensitive(x, "quality") != NULL;
        }
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "supplies")) values |=
            cJSON_GetObjectItemCaseSensitive(x, "quality") != NULL;
    }
    cr_assert(subst && limits && values, "substitutes %d, quality limits %d, quality values %d",
              subst, limits, values);

    /* it solves, to proven optimality, and passes the independent checker */
    solved r;
    solve_region_at(EXAMPLE, &r);
    cJSON_InitHooks(NULL); /* the region loader installed symnet's allocator; back to malloc */
    cJSON *sol = cJSON_ParseWithLength(r.json, r.len);
    cr_assert_not_null(sol);
    /* what docs/format.md says the optimum builds */
    cr_assert_eq(json_count(sol, "hubs", EXAMPLE), 1, "the digester");
    cr_assert_eq(json_count(sol, "corridors", EXAMPLE), 1, "the corridor");
    int via_junction = 0, trucks = 0;
    cJSON_ArrayForEach(e, member(sol, "links"))
    {
        const char *from = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "from"));
        const char *mode = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "mode"));
        via_junction |= from && strcmp(from, "j_east") == 0;
        trucks += mode && strcmp(mode, "truck") == 0;
    }
    cr_assert(via_junction && trucks >= 2, "junction %d, trucks %d", via_junction, trucks);
    cJSON_Delete(sol);
    free(r.json);

    /* docs/format.md holds the file verbatim, and its hub snippet is the file's first hub */
    char *page = tu_read_file("docs/format.md", NULL);
    cr_assert_not_null(page);
    char *block =
        strstr(page, "```json\n{\n  \"format\": \"symnet-region/1\",\n  \"notes\": [\n    "
                     "\"A complete example");
    cr_assert_not_null(block, "docs/format.md has no block with the complete example");
    block += strlen("```json\n");
    char *block_end = strstr(block, "```");
    cr_assert_not_null(block_end);
    cr_assert_eq((size_t)(block_end - block), strlen(text),
                 "docs/format.md's complete example differs from %s in length", EXAMPLE);
    cr_assert(strncmp(block, text, strlen(text)) == 0,
              "docs/format.md's complete example differs from %s", EXAMPLE);
    char *hub = strstr(page, "```json\n{\"id\": \"digester\"");
    cr_assert_not_null(hub, "docs/format.md has no hub example");
    hub += strlen("```json\n");
    char *hub_end = strstr(hub, "```");
    cr_assert_not_null(hub_end);
    *hub_end = '\0';
    cJSON *snippet = cJSON_Parse(hub);
    cr_assert_not_null(snippet, "the hub example of docs/format.md is not JSON:\n%s", hub);
    cr_assert(cJSON_Compare(snippet, cJSON_GetArrayItem(member(doc, "hubs"), 0), 1),
              "the hub example of docs/format.md is not the first hub of %s", EXAMPLE);
    cJSON_Delete(snippet);
    free(page);
    cJSON_Delete(doc);
    free(text);
}
