/*
 * test_periods.c - tests of periods (issue 19; docs/format.md "Periods", docs/model.md 14,
 * docs/outputs.md "Periods") across the pipeline: the parser's per-period amounts, the model
 * over periods, the result's per-period figures and the independent checker's per-period
 * checks. Every expected number is derived by hand in a comment next to it (or in the notes
 * of the tests/cases/ok/ region it solves).
 *
 * The two guarantees to any region without periods are tested on every shipped region (the
 * seasonal ones stripped of their periods) and every case of tests/cases/ok/ that has a network:
 * (1) a `periods` section that profiles nothing changes nothing (same rows, columns and optimum),
 * and (2) one period of the whole year with every supply and demand profiled into it gives the
 * annual optimum (the period rows then repeat the annual ones).
 */
#include "result/result_int.h"
#include "symnet.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_text(const char *path)
{
    char *t = tu_read_file(path, NULL);
    cr_assert_not_null(t, "cannot read %s", path);
    return t;
}

static void print_diag(const char *what, const sn_diag *d)
{
    char buf[1200];
    for (int i = 0; i < d->count; i++) {
        sn_error_format(&d->errors[i], buf, sizeof buf);
        cr_log_info("%s: %s", what, buf);
    }
}

/* A solved region: instance and result (which owns model and solution). */
typedef struct solved {
    sn_instance *in;
    sn_result *r;
} solved;

static solved solve_text(const char *text, const char *name)
{
    sn_diag d;
    sn_diag_init(&d);
    solved s = {NULL, NULL};
    sn_status st = sn_instance_load_string(text, strlen(text), name, &s.in, &d);
    print_diag(name, &d);
    cr_assert_eq(st, SN_OK, "%s: %s", name, sn_status_name(st));
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = 60;
    st = sn_run(s.in, &p, &s.r, &d);
    print_diag(name, &d);
    cr_assert_eq(st, SN_OK, "%s: %s", name, sn_status_name(st));
    return s;
}

static void solved_free(solved *s)
{
    sn_result_free(s->r);
    sn_instance_free(s->in);
}

static cJSON *parse(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    cr_assert_not_null(j, "not JSON");
    return j;
}

static char *print_free(cJSON *j)
{
    char *s = cJSON_Print(j);
    cr_assert_not_null(s);
    cJSON_Delete(j);
    return s;
}

/* The region text without its periods: no "periods", "periodic", "profile", "amounts" (the
 * shipped regions give "amount" too) or "storage": the annual region. */
static char *annual(const char *text)
{
    cJSON *j = parse(text);
    cJSON_DeleteItemFromObjectCaseSensitive(j, "periods");
    cJSON *res = cJSON_GetObjectItemCaseSensitive(j, "resources");
    for (cJSON *r = res ? res->child : NULL; r; r = r->next)
        cJSON_DeleteItemFromObjectCaseSensitive(r, "periodic");
    cJSON *hubs = cJSON_GetObjectItemCaseSensitive(j, "hubs");
    for (cJSON *h = hubs ? hubs->child : NULL; h; h = h->next)
        cJSON_DeleteItemFromObjectCaseSensitive(h, "storage");
    cJSON *fac = cJSON_GetObjectItemCaseSensitive(j, "facilities");
    for (cJSON *f = fac ? fac->child : NULL; f; f = f->next) {
        const char *sides[] = {"supplies", "demands"};
        for (int k = 0; k < 2; k++) {
            cJSON *arr = cJSON_GetObjectItemCaseSensitive(f, sides[k]);
            for (cJSON *e = arr ? arr->child : NULL; e; e = e->next) {
                cr_assert_not_null(cJSON_GetObjectItemCaseSensitive(e, "amount"));
                cJSON_DeleteItemFromObjectCaseSensitive(e, "profile");
                cJSON_DeleteItemFromObjectCaseSensitive(e, "amounts");
            }
        }
    }
    return print_free(j);
}

/* The region text with one period "year" of 8760 h; with profile, every resource is periodic
 * and every supply and demand gives {"year": 1}. */
static char *with_one_period(const char *text, int profile)
{
    cJSON *j = parse(text);
    cJSON *periods = cJSON_AddArrayToObject(j, "periods");
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "id", "year");
    cJSON_AddNumberToObject(p, "hours", 8760);
    cJSON_AddItemToArray(periods, p);
    cJSON *res = cJSON_GetObjectItemCaseSensitive(j, "resources");
    for (cJSON *r = res ? res->child : NULL; r && profile; r = r->next)
        cJSON_AddTrueToObject(r, "periodic");
    cJSON *fac = cJSON_GetObjectItemCaseSensitive(j, "facilities");
    for (cJSON *f = fac ? fac->child : NULL; f && profile; f = f->next) {
        const char *sides[] = {"supplies", "demands"};
        for (int k = 0; k < 2; k++) {
            cJSON *arr = cJSON_GetObjectItemCaseSensitive(f, sides[k]);
            for (cJSON *e = arr ? arr->child : NULL; e; e = e->next) {
                cJSON *prof = cJSON_AddObjectToObject(e, "profile");
                cJSON_AddNumberToObject(prof, "year", 1);
            }
        }
    }
    return print_free(j);
}

/* Every region the two guarantees are tested on: shipped regions and the ok cases with a
 * network (status optimal in their .expect). */
static int regions(char paths[][256], int max)
{
    int n = 0;
    const char *dirs[] = {"instances", "tests/cases/ok"};
    for (int d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        cr_assert_not_null(dir, "cannot open %s", dirs[d]);
        struct dirent *e;
        while ((e = readdir(dir)) != NULL && n < max) {
            size_t len = strlen(e->d_name);
            if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
                continue;
            if (strstr(e->d_name, "periods"))
                continue; /* already periodic */
            if (d == 1) {
                char expect[300];
                tu_fmt(expect, sizeof expect, "%s/%.*s.expect", dirs[d], (int)(len - 5), e->d_name);
                char *t = tu_read_file(expect, NULL);
                int optimal = t && strstr(t, "status optimal") != NULL;
                free(t);
                if (!optimal)
                    continue;
            }
            tu_fmt(paths[n++], 256, "%s/%s", dirs[d], e->d_name);
        }
        closedir(dir);
    }
    return n;
}

static int model_size(const char *text, int *rows, int *cols)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_string(text, strlen(text), "r.json", &in, &d), SN_OK);
    sn_model *m = NULL;
    cr_assert_eq(sn_model_build(in, SN_MODEL_NETWORK, &m, &d), SN_OK);
    *rows = sn_model_rows(m);
    *cols = sn_model_cols(m);
    sn_model_free(m);
    sn_instance_free(in);
    return 0;
}

Test(periods, without_profiles_nothing_changes)
{
    char paths[64][256];
    int n = regions(paths, 64);
    cr_assert_gt(n, 20, "found only %d regions", n);
    for (int i = 0; i < n; i++) {
        char *file = read_text(paths[i]);
        char *text = annual(file);
        free(file);
        char *per = with_one_period(text, 0);
        int r0, c0, r1, c1;
        model_size(text, &r0, &c0);
        model_size(per, &r1, &c1);
        cr_assert_eq(r1, r0, "%s: %d rows with periods, %d without", paths[i], r1, r0);
        cr_assert_eq(c1, c0, "%s: %d columns with periods, %d without", paths[i], c1, c0);
        solved a = solve_text(text, paths[i]), b = solve_text(per, paths[i]);
        double x = sn_result_objective(a.r), y = sn_result_objective(b.r);
        cr_assert(fabs(x - y) <= 1e-9 * fmax(1, fabs(x)), "%s: %.12g with periods, %.12g without",
                  paths[i], y, x);
        solved_free(&a);
        solved_free(&b);
        free(per);
        free(text);
    }
}

Test(periods, one_period_of_the_whole_year_gives_the_annual_optimum)
{
    char paths[64][256];
    int n = regions(paths, 64);
    for (int i = 0; i < n; i++) {
        char *file = read_text(paths[i]);
        char *text = annual(file);
        free(file);
        char *per = with_one_period(text, 1);
        solved a = solve_text(text, paths[i]), b = solve_text(per, paths[i]);
        double x = sn_result_objective(a.r), y = sn_result_objective(b.r);
        /* the period rows repeat the annual ones: the same optimum, within the solver's
         * tolerance (every region here is solved to optimality) */
        cr_assert(fabs(x - y) <= 1e-6 * fmax(1, fabs(x)), "%s: %.12g with one period, %.12g",
                  paths[i], y, x);
        cr_assert_eq(b.r->pf.n, 1, "%s", paths[i]);
        solved_free(&a);
        solved_free(&b);
        free(per);
        free(text);
    }
}

/* tests/cases/ok/28_periods_winter_peak.json (derivation in its notes): 4380 MWh in winter, 0 in
 * summer, on the large size (9000 MWh/yr: 4500 a period). Peak 4380 / 4380 h = 1 MW; average
 * 4380 / 8760 h = 0.5 MW; load factor 0.5. The sawmill sends 4380 in winter, 0 in summer; the
 * greenhouse receives 4380 in winter. */
Test(periods, winter_peak_figures)
{
    char *text = read_text("tests/cases/ok/28_periods_winter_peak.json");
    solved s = solve_text(text, "18");
    const snp_period_figures *pf = &s.r->pf;
    cr_assert_eq(pf->n, 2);
    cr_assert_eq(s.r->g.n_links, 1);
    cr_assert_float_eq(pf->link[0][0], 4380, 1e-6);
    cr_assert_float_eq(pf->link[0][1], 0, 1e-6);
    cr_assert_float_eq(pf->link_peak[0], 1, 1e-9);
    cr_assert_float_eq(pf->link_load[0], 0.5, 1e-9);
    cr_assert_float_eq(pf->sent[0][0][0], 4380, 1e-6);
    cr_assert_float_eq(pf->sent[0][0][1], 0, 1e-6);
    cr_assert_float_eq(pf->received[1][0][0], 4380, 1e-6);
    cr_assert_float_eq(pf->received[1][0][1], 0, 1e-6);
    cr_assert_float_eq(sn_result_objective(s.r), 96000, 1e-6);
    solved_free(&s);
    free(text);
}

/* The same region with the demand flat instead of winter-only: annual and period balances
 * agree (3000 MWh a period, within both the supply's 4380 and the small size's 3000), so the
 * small pipe carries all 6000: 0.1 * 100000 = 10000, as without periods. A flat demand meets a
 * flat supply exactly as the annual model says. */
Test(periods, flat_demand_needs_only_the_small_size)
{
    char *text = read_text("tests/cases/ok/28_periods_winter_peak.json");
    cJSON *j = parse(text);
    cJSON *d = cJSON_GetArrayItem(
        cJSON_GetObjectItemCaseSensitive(
            cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "facilities"), 1), "demands"),
        0);
    cJSON_DeleteItemFromObjectCaseSensitive(d, "profile");
    char *flat = print_free(j);
    solved s = solve_text(flat, "flat");
    /* nothing profiles heat now: it is annual, and no link reports flows by period */
    cr_assert_eq(s.r->pf.n, 2);
    cr_assert_null(s.r->pf.link[0]);
    cr_assert_float_eq(sn_result_objective(s.r), 10000, 1e-6);
    solved_free(&s);
    free(flat);
    free(text);
}

/* ---- the checker --------------------------------------------------------------------- */

static char *solution_json(const solved *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    cr_assert_eq(sn_report_write_json(s->r, f), SN_OK);
    cr_assert_eq(fclose(f), 0);
    return text;
}

static sn_status verify(const char *region, const char *solution, sn_diag *d)
{
    sn_diag_init(d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_string(region, strlen(region), "region.json", &in, d), SN_OK);
    sn_status st = sn_solution_verify_string(in, solution, strlen(solution), "solution.json", d);
    sn_instance_free(in);
    print_diag("checker", d);
    return st;
}

static int has_error(const sn_diag *d, const char *path_prefix, const char *words)
{
    for (int i = 0; i < d->count; i++)
        if (strncmp(d->errors[i].path, path_prefix, strlen(path_prefix)) == 0 &&
            strstr(d->errors[i].message, words) != NULL)
            return 1;
    return 0;
}

static cJSON *link0(cJSON *sol)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(sol, "links"), 0);
}

static void set_series(cJSON *obj, const char *key, double a, double b)
{
    double v[2] = {a, b};
    cJSON_ReplaceItemInObjectCaseSensitive(obj, key, cJSON_CreateDoubleArray(v, 2));
}

Test(periods, checker_accepts_the_solved_network)
{
    char *text = read_text("tests/cases/ok/28_periods_winter_peak.json");
    solved s = solve_text(text, "18");
    char *sol = solution_json(&s);
    sn_diag d;
    cr_assert_eq(verify(text, sol, &d), SN_OK);
    free(sol);
    solved_free(&s);
    free(text);
}

/* The flow moved to summer: 4380 in summer is within the size's 4500 but the greenhouse takes
 * nothing in summer, and the winter balance no longer holds. */
Test(periods, checker_rejects_a_flow_in_the_wrong_period)
{
    char *text = read_text("tests/cases/ok/28_periods_winter_peak.json");
    solved s = solve_text(text, "18");
    char *sol = solution_json(&s);
    cJSON *j = parse(sol);
    set_series(link0(j), "by_period", 0, 4380);
    char *bad = print_free(j);
    sn_diag d;
    cr_assert_eq(verify(text, bad, &d), SN_EINTERNAL);
    cr_assert(has_error(&d, "facilities[1]", "inflow of heat in period \"summer\""));
    cr_assert(has_error(&d, "facilities[0].supplies[0].sent_by_period", "what its links send"));
    free(bad);
    free(sol);
    solved_free(&s);
    free(text);
}

/* The region's pipe sizes shrunk to one of 8000 MWh/yr (4000 a period): the network's own
 * arithmetic is unchanged except that 4380 in winter exceeds 0.5 * 8000 = 4000. The size's
 * capacity and capital are rewritten to match, so the period capacity is what disagrees. The
 * annual flow 4380 stays within 8000, so only the period check can catch it. */
Test(periods, checker_rejects_a_size_too_small_for_the_peak)
{
    char *text = read_text("tests/cases/ok/28_periods_winter_peak.json");
    solved s = solve_text(text, "18");
    char *sol = solution_json(&s);
    cJSON *reg = parse(text);
    cJSON *pipe = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(reg, "resources"), 0), "pipe");
    cJSON *sizes = cJSON_GetObjectItemCaseSensitive(pipe, "sizes");
    cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(sizes, 1), "capacity"),
                         8000);
    char *region = print_free(reg);
    cJSON *j = parse(sol);
    cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(link0(j), "size_capacity"), 8000);
    char *bad = print_free(j);
    sn_diag d;
    cr_assert_eq(verify(region, bad, &d), SN_EINTERNAL);
    cr_assert(has_error(&d, "links[0].by_period", "link capacity in period \"winter\""));
    cr_assert_eq(d.count, 1, "only the period capacity may disagree, got %d", d.count);
    free(bad);
    free(region);
    free(sol);
    solved_free(&s);
    free(text);
}

/* tests/cases/ok/29_periods_peak_sized.json: capital per unit on the peak size 8000 (160000);
 * a file claiming the annual flow's 4000 * 20 = 80000 is rejected. */
Test(periods, checker_recomputes_capital_on_the_peak_size)
{
    char *text = read_text("tests/cases/ok/29_periods_peak_sized.json");
    solved s = solve_text(text, "19");
    cr_assert_float_eq(s.r->g.links[0].capital, 160000, 1e-6);
    char *sol = solution_json(&s);
    cJSON *j = parse(sol);
    cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(link0(j), "capital"), 80000);
    char *bad = print_free(j);
    sn_diag d;
    cr_assert_eq(verify(text, bad, &d), SN_EINTERNAL);
    cr_assert(has_error(&d, "links[0].capital", "expected 160000"));
    free(bad);
    free(sol);
    solved_free(&s);
    free(text);
}

/* ---- storage (model.md 14.10) --------------------------------------------------------- */

/* tests/cases/ok/30_periods_heat_store.json with the store's capital set: the store saves
 * 181000 a year (3620 MWh of winter gas at 50, derivation in the region's notes) and costs
 * 0.1 * capital, so it is built exactly when capital < 1810000. */
static solved store_region(double capital, char **text_out)
{
    char *text = read_text("tests/cases/ok/30_periods_heat_store.json");
    cJSON *j = parse(text);
    free(text);
    cJSON *hub = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "hubs"), 0);
    cJSON *opt =
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
                               cJSON_GetObjectItemCaseSensitive(hub, "storage"), "capacities"),
                           0);
    cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(opt, "capital"), capital);
    *text_out = print_free(j);
    return solve_text(*text_out, "store");
}

Test(periods, store_pays_just_below_the_saving)
{
    char *text;
    solved s = store_region(1805000, &text);
    /* 0.1 * 1805000 = 180500 < 181000: built, nothing bought */
    cr_assert_float_eq(sn_result_objective(s.r), 180500, 1e-6);
    cr_assert_eq(s.r->pf.store_option[0], 0);
    /* what reaches the greenhouse in winter: 8000, of which 3620 from the store */
    cr_assert_float_eq(s.r->pf.received[1][0][0], 8000, 1e-6);
    solved_free(&s);
    free(text);
}

/* Case 30 (a heat store) solved and written by write (the HTML report or the summary) into a
 * string the caller frees. */
static char *store_report(sn_status (*write)(const sn_result *, FILE *))
{
    char *text = read_text("tests/cases/ok/30_periods_heat_store.json");
    solved s = solve_text(text, "30");
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    cr_assert_not_null(f);
    cr_assert_eq(write(s.r, f), SN_OK);
    cr_assert_eq(fclose(f), 0);
    solved_free(&s);
    free(text);
    return out;
}

/* The HTML report names the store built in case 20 and what it holds at most: 3620 / 0.9 =
 * 4022.22, printed as 4 022 (a thin space groups thousands, as every number of the report). */
Test(periods, report_shows_the_store)
{
    char *html = store_report(sn_report_write_html);
    cr_assert_not_null(strstr(html, "Through the year"));
    cr_assert_not_null(strstr(html, "store at store"));
    cr_assert_not_null(strstr(html, "holds up to 5"));
    cr_assert_not_null(strstr(html, "most held 4"));
    free(html);
}

/* The text summary gives each periodic link's peak and load factor (the greenhouse's 8,000 MWh
 * all in winter's 4,380 h: peak 8000 / 4380 = 1.83 MWh/h, load factor (8000 / 8760) / 1.83 =
 * 0.50) and the store with what it holds at the end of each period (case 30: 4,022.22 kept in
 * summer, none left after winter). */
Test(periods, summary_shows_peaks_and_the_store)
{
    char *sum = store_report(sn_report_write_summary);
    cr_expect(strstr(sum, "store -> greenhouse  1.00 km  8,000 MWh/yr  peak 1.83 MWh/h (load "
                          "factor 0.50)"),
              "%s", sum);
    cr_expect(strstr(sum, "    store of heat: 5,000 MWh, capital 1,700,000.00 EUR; held at the end "
                          "of winter 0, summer 4,022.22 MWh\n"),
              "%s", sum);
    free(sum);
}

Test(periods, store_does_not_pay_just_above_the_saving)
{
    char *text;
    solved s = store_region(1815000, &text);
    /* 0.1 * 1815000 = 181500 > 181000: not built; 3620 MWh bought in winter */
    cr_assert_float_eq(sn_result_objective(s.r), 181000, 1e-6);
    cr_assert_eq(s.r->pf.store_option[0], -1);
    cr_assert_float_eq(s.r->pf.received[1][0][0], 4380, 1e-6);
    solved_free(&s);
    free(text);
}

/* A store level above the store's capacity (5000) is rejected. */
Test(periods, checker_rejects_a_store_over_its_capacity)
{
    char *text = read_text("tests/cases/ok/30_periods_heat_store.json");
    solved s = solve_text(text, "20");
    char *sol = solution_json(&s);
    cJSON *j = parse(sol);
    cJSON *hub = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "hubs"), 0);
    set_series(cJSON_GetObjectItemCaseSensitive(hub, "storage"), "level_by_period", 0, 6000);
    char *bad = print_free(j);
    sn_diag d;
    cr_assert_eq(verify(text, bad, &d), SN_EINTERNAL);
    cr_assert(has_error(&d, "hubs[0].storage.level_by_period", "the store's capacity"));
    free(bad);
    free(sol);
    solved_free(&s);
    free(text);
}
