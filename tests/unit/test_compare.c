/*
 * test_compare.c - symnet compare (src/result/compare.c, src/report/compare*.c, the CLI's
 * cmd_compare): two solutions of case 01 and its variant tests/cases/compare/01_price50.json,
 * both solved by the binary, compared through the library and the command line, every
 * difference derived by hand below; two hand-made solution files that exercise resized links
 * and hubs, removed corridors, unchanged links and a region-name warning; bad input (missing
 * file, malformed file, two currencies, usage) with nothing written.
 *
 * Runs the binary named by $SYMNET (default build/symnet) from the repository root.
 */
#include "result/compare.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char dir[512];

static void setup(void)
{
    tu_make_tmpdir(dir, sizeof dir, "compare");
}

static void teardown(void)
{
    tu_remove_tmpdir(dir);
}

/* Runs symnet with up to 8 arguments; stdout and stderr into dir/out.txt and dir/err.txt. */
static int run(const char *a1, const char *a2, const char *a3, const char *a4, const char *a5,
               const char *a6, const char *a7, const char *a8)
{
    char out[600], err[600];
    tu_fmt(out, sizeof out, "%s/out.txt", dir);
    tu_fmt(err, sizeof err, "%s/err.txt", dir);
    /* casts: execv takes char *const[]; the strings are not modified */
    char *argv[] = {(char *)(uintptr_t)tu_symnet_bin(),
                    (char *)(uintptr_t)a1,
                    (char *)(uintptr_t)a2,
                    (char *)(uintptr_t)a3,
                    (char *)(uintptr_t)a4,
                    (char *)(uintptr_t)a5,
                    (char *)(uintptr_t)a6,
                    (char *)(uintptr_t)a7,
                    (char *)(uintptr_t)a8,
                    NULL};
    pid_t pid = tu_spawn(argv, out, err);
    return pid < 0 ? -1 : tu_wait(pid);
}

static char *read_in_dir(const char *name)
{
    char path[600];
    tu_fmt(path, sizeof path, "%s/%s", dir, name);
    char *s = tu_read_file(path, NULL);
    cr_assert_not_null(s, "cannot read %s", path);
    return s;
}

static void write_in_dir(const char *name, const char *text)
{
    char path[600];
    tu_fmt(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

static const snp_cmp_figure *fig(const sn_comparison *c, const char *key)
{
    for (int k = 0; k < c->n_figures; k++)
        if (strcmp(c->figures[k].key, key) == 0)
            return &c->figures[k];
    cr_assert_fail("no figure %s", key);
    return NULL;
}

static void expect_fig(const sn_comparison *c, const char *key, double a, double b)
{
    const snp_cmp_figure *x = fig(c, key);
    cr_expect(fabs(x->v[0] - a) <= 1e-6 * fmax(1, fabs(a)), "%s in A: %.17g, expected %g", key,
              x->v[0], a);
    cr_expect(fabs(x->v[1] - b) <= 1e-6 * fmax(1, fabs(b)), "%s in B: %.17g, expected %g", key,
              x->v[1], b);
    cr_expect(fabs(x->change - (b - a)) <= 1e-6 * fmax(1, fabs(b - a)), "%s: B - A %.17g", key,
              x->change);
}

static const snp_cmp_link *link_of(const sn_comparison *c, const char *from, const char *to)
{
    for (int k = 0; k < c->n_links; k++)
        if (strcmp(c->links[k].from, from) == 0 && strcmp(c->links[k].to, to) == 0)
            return &c->links[k];
    cr_assert_fail("no link %s -> %s", from, to);
    return NULL;
}

static const snp_cmp_partner *partner_of(const sn_comparison *c, const char *id)
{
    for (int k = 0; k < c->n_partners; k++)
        if (strcmp(c->partners[k].id, id) == 0)
            return &c->partners[k];
    cr_assert_fail("no partner %s", id);
    return NULL;
}

/* Solves case 01 (A) and its variant with C's price at 50 (B) into dir/a.json and dir/b.json. */
static void solve_both(char *a, char *b, size_t size)
{
    tu_fmt(a, size, "%s/a.json", dir);
    tu_fmt(b, size, "%s/b.json", dir);
    cr_assert_eq(run("solve", "tests/cases/ok/01_pipe_pays_or_not.json", "--out", a, "--quiet",
                     NULL, NULL, NULL),
                 0);
    cr_assert_eq(run("solve", "tests/cases/compare/01_price50.json", "--out", b, "--quiet", NULL,
                     NULL, NULL),
                 0);
}

/*
 * By hand (the regions' notes): r = 0, life 10, CRF 0.1; A->B 5 km (50000 capital, 5000/yr +
 * 0.5/unit), A->C 12 km (120000, 12000/yr + 1.2/unit); A supplies 1000 (disposal 2), B wants 800
 * at 20, C 300 at 20 in A and at 50 in B.
 *   A: A->B carries 800; A disposes 200 (400), C buys 300 (6000); pipe 5000 + 400.
 *      objective 11800, BAU 1000*2 + 800*20 + 300*20 = 24000, savings 12200, capital 50000.
 *   B: C is worth 50.8 per unit, B 21.5: C gets 300, B 700, B buys 100 (2000), A disposes 0;
 *      pipes 5000 + 350 and 12000 + 360. objective 19710, BAU 2000 + 16000 + 15000 = 33000,
 *      savings 13290, capital 170000.
 *   Cost categories A -> B: disposal 400 -> 0, purchase 6000 -> 2000, capital annualised
 *      5000 -> 17000, operating 400 -> 710, carbon 0 -> 0.
 *   Diverted and replaced heat: 800 -> 1000 (B's 700 + C's 300).
 *   Links: A->B flow changed 800 -> 700 (annual 5400 -> 5350); A->C added (300, 12360).
 *   Partners (each pays its disposal and purchases and the links it receives, model.md 12):
 *      A 400 -> 0; B 5400 -> 5000 + 350 + 2000 = 7350; C 6000 -> 12360. Changes -400, +1950,
 *      +6360, summing to the objective's +7910.
 */
Test(compare, two_solutions_of_case_01_differ_as_derived_by_hand, .init = setup, .fini = teardown)
{
    char a[600], b[600];
    solve_both(a, b, sizeof a);
    sn_diag d;
    sn_diag_init(&d);
    sn_comparison *c = NULL;
    cr_assert_eq(sn_comparison_create(a, b, &c, &d), SN_OK);
    cr_expect_eq(d.warning_count, 0);
    expect_fig(c, "objective", 11800, 19710);
    expect_fig(c, "bau.cost", 24000, 33000);
    expect_fig(c, "savings", 12200, 13290);
    expect_fig(c, "capital", 50000, 170000);
    expect_fig(c, "co2_t_per_yr", 0, 0);
    expect_fig(c, "cost_breakdown.disposal", 400, 0);
    expect_fig(c, "cost_breakdown.purchase", 6000, 2000);
    expect_fig(c, "cost_breakdown.capital_annualised", 5000, 17000);
    expect_fig(c, "cost_breakdown.operating", 400, 710);
    expect_fig(c, "cost_breakdown.carbon", 0, 0);
    expect_fig(c, "waste_diverted.heat", 800, 1000);
    expect_fig(c, "virgin_replaced.heat", 800, 1000);
    cr_expect_str_eq(fig(c, "waste_diverted.heat")->unit, "MWh/yr");
    /* money (r = 0, 10 years): cash = BAU - (objective - capital annualised) = 24000 - 6800 =
     * 17200 in A, 33000 - 2710 = 30290 in B; NPV = 10 cash - capital = 122000 and 132900;
     * payback = capital / cash; job-years = capital / 10^6 x 8.94 = 0.447 and 1.5198 */
    expect_fig(c, "headline.capital.links", 50000, 170000);
    expect_fig(c, "headline.capital.hubs", 0, 0);
    expect_fig(c, "money.npv", 122000, 132900);
    expect_fig(c, "money.payback_yr", 50000.0 / 17200, 170000.0 / 30290);
    expect_fig(c, "jobs.construction_job_years", 0.447, 1.5198);
    cr_expect_str_eq(fig(c, "money.npv")->label, "net present value at 0 %");
    /* B over A as an investment: 120000 more capital for 13090 more a year: payback 9.17
     * years; the IRR r solves 13090 (1 - (1 + r)^-10) / r = 120000 */
    const snp_cmp_figure *ip = fig(c, "money.incremental_payback_yr");
    cr_expect(isnan(ip->v[0]) && isnan(ip->v[1]) && fabs(ip->change - 120000.0 / 13090) < 1e-9,
              "incremental payback %g", ip->change);
    double irr = fig(c, "money.incremental_irr")->change / 100;
    cr_expect(fabs(13090 * (1 - pow(1 + irr, -10)) / irr - 120000) < 1e-3, "incremental IRR %g",
              irr);
    cr_expect_eq(c->n_links, 2);
    const snp_cmp_link *ab = link_of(c, "A", "B"), *ac = link_of(c, "A", "C");
    cr_expect_eq(ab->kind, SNP_CMP_FLOW);
    cr_expect(fabs(ab->flow[0] - 800) < 1e-6 && fabs(ab->flow[1] - 700) < 1e-6);
    cr_expect(fabs(ab->annual_cost[0] - 5400) < 1e-6 && fabs(ab->annual_cost[1] - 5350) < 1e-6);
    cr_expect_str_eq(ab->id, "A/B/heat/pipe");
    cr_expect_eq(ac->kind, SNP_CMP_ADDED);
    cr_expect(!ac->in[0] && ac->in[1] && fabs(ac->flow[1] - 300) < 1e-6);
    cr_expect(fabs(ac->annual_cost[1] - 12360) < 1e-6);
    double cost_a[3] = {400, 5400, 6000}, cost_b[3] = {0, 7350, 12360};
    const char *ids[3] = {"A", "B", "C"};
    for (int i = 0; i < 3; i++) {
        const snp_cmp_partner *p = partner_of(c, ids[i]);
        cr_expect(fabs(p->cost[0] - cost_a[i]) < 1e-6, "%s in A: %g", ids[i], p->cost[0]);
        cr_expect(fabs(p->cost[1] - cost_b[i]) < 1e-6, "%s in B: %g", ids[i], p->cost[1]);
        cr_expect(fabs(p->change - (cost_b[i] - cost_a[i])) < 1e-6);
    }
    cr_expect(c->has_map, "both files carry locations");
    sn_comparison_free(c);

    /* the command line: JSON, HTML and the summary */
    char out[600], html[600];
    tu_fmt(out, sizeof out, "%s/cmp.json", dir);
    tu_fmt(html, sizeof html, "%s/cmp.html", dir);
    cr_assert_eq(run("compare", a, b, "--out", out, "--html", html, NULL), 0);
    char *js = read_in_dir("cmp.json"), *page = read_in_dir("cmp.html");
    char *sum = read_in_dir("out.txt");
    cr_expect(strstr(js, "\"format\": \"symnet-compare/1\""));
    cr_expect(strstr(js, "{\"key\": \"objective\", \"label\": \"annual cost of the network\", "
                         "\"unit\": \"EUR/yr\", \"a\": 11800, \"b\": 19710, \"change\": 7910}"));
    cr_expect(strstr(js, "\"status\": \"added\""));
    cr_expect(strstr(js, "\"status\": \"flow_changed\""));
    cr_expect(strstr(page, "class=\"link-b\""), "the added link is drawn as only in B");
    cr_expect(strstr(page, "class=\"link-changed\""), "the changed link has its own style");
    cr_expect(strstr(page, "only in A (removed)"), "the legend names the styles");
    /* people's numbers: grouped thousands, signed changes, units */
    cr_expect(strstr(sum, "11,800.00") && strstr(sum, "19,710.00") && strstr(sum, "+7,910.00"),
              "%s", sum);
    cr_expect(strstr(sum, "flow 800 -> 700 MWh/yr (-100)"), "%s", sum);
    cr_expect(strstr(sum, "+120,000.00  EUR\n"), "%s", sum);
    free(js);
    free(page);
    free(sum);
}

/* A minimal symnet-solution/1 document: REGION, CURRENCY, then LINKS, HUBS, CORRIDORS. */
static void write_doc(const char *name, const char *region, const char *currency, const char *links,
                      const char *hubs, const char *corridors)
{
    char text[8192];
    tu_fmt(text, sizeof text,
           "{\"format\": \"symnet-solution/1\", \"region\": \"%s\", \"currency\": \"%s\",\n"
           " \"coordinates\": \"planar_km\", \"status\": \"optimal\", \"objective\": 100,\n"
           " \"bau\": {\"feasible\": true, \"cost\": 200, \"co2_t_per_yr\": 0},\n"
           " \"savings\": 100, \"capital\": 1000, \"co2_t_per_yr\": 0,\n"
           " \"co2_avoided_t_per_yr\": 0, \"waste_diverted\": [], \"virgin_replaced\": [],\n"
           " \"links\": [%s], \"hubs\": [%s], \"corridors\": [%s],\n"
           " \"facilities\": [\n"
           "  {\"id\": \"S\", \"location\": [0, 0], \"supplies\": [], \"demands\": []},\n"
           "  {\"id\": \"T\", \"location\": [3, 4], \"supplies\": [], \"demands\": []}]}\n",
           region, currency, links, hubs, corridors);
    write_in_dir(name, text);
}

#define LINK(to, size, flow)                                                                       \
    "{\"from\": \"S\", \"to\": \"" to "\", \"resource\": \"water\", \"unit\": \"m3\", "            \
    "\"mode\": \"pipe\", \"length_km\": 5, \"flow\": " flow ", \"delivered\": " flow ", "          \
    "\"size_capacity\": " size ", \"forced\": false, \"capital\": 10, \"annual_cost\": 1}"
#define HUB(cap)                                                                                   \
    "{\"id\": \"H\", \"location\": [1, 1], \"capacity\": " cap ", \"capital\": 50, "               \
    "\"fixed_opex\": 0, \"processed\": [{\"resource\": \"water\", \"amount\": 10}], "              \
    "\"produced\": []}"

/*
 * Made by hand: A has S->T with size 500 carrying 400, S->H with size 100 carrying 10, hub H of
 * capacity 100 and corridor K; B has S->T with size 1000 carrying 400 (resized, not flow
 * changed), S->H as in A (unchanged), H with capacity 200 (resized) and no corridor (removed),
 * and another region name (a warning).
 */
Test(compare, hand_made_files_resized_unchanged_removed, .init = setup, .fini = teardown)
{
    write_doc("a.json", "R", "EUR", LINK("T", "500", "400") ", " LINK("H", "100", "10"), HUB("100"),
              "{\"id\": \"K\", \"capital\": 7}");
    write_doc("b.json", "R variant", "EUR", LINK("T", "1000", "400") ", " LINK("H", "100", "10"),
              HUB("200"), "");
    char a[600], b[600];
    tu_fmt(a, sizeof a, "%s/a.json", dir);
    tu_fmt(b, sizeof b, "%s/b.json", dir);
    sn_diag d;
    sn_diag_init(&d);
    sn_comparison *c = NULL;
    cr_assert_eq(sn_comparison_create(a, b, &c, &d), SN_OK);
    cr_expect_eq(d.warning_count, 1);
    cr_expect(strstr(d.warnings[0].message, "another region"), "%s", d.warnings[0].message);
    cr_expect_eq(c->n_warnings, 1);
    cr_expect_eq(link_of(c, "S", "T")->kind, SNP_CMP_RESIZED);
    cr_expect_eq(link_of(c, "S", "H")->kind, SNP_CMP_SAME);
    cr_assert_eq(c->n_hubs, 1);
    cr_expect_eq(c->hubs[0].kind, SNP_CMP_RESIZED);
    cr_expect(c->hubs[0].capacity[0] == 100 && c->hubs[0].capacity[1] == 200);
    cr_assert_eq(c->n_corridors, 1);
    cr_expect_eq(c->corridors[0].kind, SNP_CMP_REMOVED);
    expect_fig(c, "objective", 100, 100);
    cr_expect(c->has_map, "S, T and H have locations in planar km");
    sn_comparison_free(c);
}

/* Bad input: exit 5 for a missing file, 3 for a malformed one (its JSON path named) and for two
 * currencies, 2 for one file only; never an output. */
Test(compare, bad_input_exits_3_or_5_and_writes_nothing, .init = setup, .fini = teardown)
{
    write_doc("a.json", "R", "EUR", LINK("T", "500", "400"), "", "");
    write_doc("dkk.json", "R", "DKK", LINK("T", "500", "400"), "", "");
    write_doc("bad.json", "R", "EUR",
              "{\"from\": \"S\", \"to\": \"T\", \"resource\": \"water\", \"mode\": \"pipe\", "
              "\"length_km\": 5, \"flow\": \"x\", \"delivered\": 1, \"forced\": false, "
              "\"capital\": 1, \"annual_cost\": 1}",
              "", "");
    char a[600], missing[600], bad[600], dkk[600], out[600], html[600];
    tu_fmt(a, sizeof a, "%s/a.json", dir);
    tu_fmt(missing, sizeof missing, "%s/missing.json", dir);
    tu_fmt(bad, sizeof bad, "%s/bad.json", dir);
    tu_fmt(dkk, sizeof dkk, "%s/dkk.json", dir);
    tu_fmt(out, sizeof out, "%s/cmp.json", dir);
    tu_fmt(html, sizeof html, "%s/cmp.html", dir);

    cr_expect_eq(run("compare", a, missing, "--out", out, "--html", html, NULL), 5);
    char *err = read_in_dir("err.txt");
    cr_expect(strstr(err, "missing.json"), "%s", err);
    free(err);

    cr_expect_eq(run("compare", a, bad, "--out", out, "--html", html, NULL), 3);
    err = read_in_dir("err.txt");
    cr_expect(strstr(err, "bad.json: links[0].flow: expected a number, got \"x\""), "%s", err);
    free(err);

    cr_expect_eq(run("compare", a, dkk, "--out", out, "--html", html, NULL), 3);
    err = read_in_dir("err.txt");
    cr_expect(strstr(err, "dkk.json: currency: expected \"EUR\""), "%s", err);
    free(err);

    cr_expect_eq(run("compare", a, "--out", out, NULL, NULL, NULL, NULL), 2);
    cr_expect(!tu_exists(out) && !tu_exists(html), "nothing is written on bad input");

    cr_expect_eq(run("compare", "--help", NULL, NULL, NULL, NULL, NULL, NULL), 0);
    char *help = read_in_dir("out.txt");
    cr_expect(strstr(help, "usage: symnet compare A B"), "%s", help);
    free(help);
    cr_expect_eq(run("help", NULL, NULL, NULL, NULL, NULL, NULL, NULL), 0);
    help = read_in_dir("out.txt");
    cr_expect(strstr(help, "what solution B adds, removes or changes"),
              "symnet help lists compare");
    free(help);
}

/* Fails allocation N = 1, 2, ... of sn_comparison_create(a, b) until one run succeeds without
 * reaching the failure: every run that reached it returns SN_ENOMEM with *out NULL, an "out of
 * memory" message and no block left allocated. */
static void create_under_faults(const char *a, const char *b)
{
    for (long n = 1;; n++) {
        cr_assert_lt(n, 100000, "the comparison never succeeded");
        long live = snp_alloc_live();
        sn_diag d;
        sn_diag_init(&d);
        sn_comparison *c = NULL;
        snp_alloc_fail_at(n);
        sn_status st = sn_comparison_create(a, b, &c, &d);
        int reached = snp_alloc_count() >= n;
        snp_alloc_fail_at(0);
        if (!reached) {
            cr_assert_eq(st, SN_OK, "allocation %ld: %s", n, sn_status_name(st));
            sn_comparison_free(c);
            cr_assert_eq(snp_alloc_live(), live);
            break;
        }
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld: %s", n, sn_status_name(st));
        cr_assert_null(c, "allocation %ld", n);
        cr_assert_gt(d.count, 0, "allocation %ld: no message", n);
        cr_assert_eq(d.errors[d.count - 1].code, SN_ENOMEM, "allocation %ld: %s", n,
                     d.errors[d.count - 1].message);
        cr_assert_eq(snp_alloc_live(), live, "allocation %ld: %ld blocks leaked", n,
                     snp_alloc_live() - live);
    }
}

/* Fault injection (docs/testing.md): two solutions of case 01 (partners, figures, amounts) and
 * the hand-made pair with a hub, a corridor and a region-name warning. */
Test(compare, every_failed_allocation_is_enomem_and_leaks_nothing, .init = setup, .fini = teardown)
{
    char a[600], b[600];
    solve_both(a, b, sizeof a);
    create_under_faults(a, b);
    write_doc("ha.json", "R", "EUR", LINK("T", "500", "400") ", " LINK("H", "100", "10"),
              HUB("100"), "{\"id\": \"K\", \"capital\": 7}");
    write_doc("hb.json", "R variant", "EUR", LINK("T", "1000", "400"), HUB("200"), "");
    tu_fmt(a, sizeof a, "%s/ha.json", dir);
    tu_fmt(b, sizeof b, "%s/hb.json", dir);
    create_under_faults(a, b);
}

/* Five facilities, four within 1 km of each other and one 100 km away, so the HTML page has a
 * detail map of the core besides the map of both networks; LINKS as in write_doc. */
static void write_spread_doc(const char *name, const char *links)
{
    char text[8192];
    tu_fmt(text, sizeof text,
           "{\"format\": \"symnet-solution/1\", \"region\": \"R\", \"currency\": \"EUR\",\n"
           " \"coordinates\": \"planar_km\", \"status\": \"optimal\", \"objective\": 100,\n"
           " \"bau\": {\"feasible\": true, \"cost\": 200, \"co2_t_per_yr\": 0},\n"
           " \"savings\": 100, \"capital\": 1000, \"co2_t_per_yr\": 0,\n"
           " \"co2_avoided_t_per_yr\": 0, \"waste_diverted\": [], \"virgin_replaced\": [],\n"
           " \"links\": [%s], \"hubs\": [], \"corridors\": [],\n"
           " \"facilities\": [\n"
           "  {\"id\": \"S\", \"location\": [0, 0], \"supplies\": [], \"demands\": []},\n"
           "  {\"id\": \"T\", \"location\": [0.5, 0.2], \"supplies\": [], \"demands\": []},\n"
           "  {\"id\": \"U\", \"location\": [0.3, 0.8], \"supplies\": [], \"demands\": []},\n"
           "  {\"id\": \"V\", \"location\": [0.9, 0.6], \"supplies\": [], \"demands\": []},\n"
           "  {\"id\": \"W\", \"location\": [100, 100], \"supplies\": [], \"demands\": []}]}\n",
           links);
    write_in_dir(name, text);
}

/* The HTML page under fault injection: both maps need memory (the points, the core, the
 * points each map is framed on), and a failure to get it is SN_ENOMEM, never a page with a
 * map framed on other points than the ones it names. The run that succeeds reaches no failure. */
Test(compare, html_maps_fail_with_enomem_not_a_fallback, .init = setup, .fini = teardown)
{
    write_spread_doc("a.json", LINK("T", "500", "400"));
    write_spread_doc("b.json", LINK("T", "500", "300") ", " LINK("W", "500", "100"));
    char a[600], b[600], html[600];
    tu_fmt(a, sizeof a, "%s/a.json", dir);
    tu_fmt(b, sizeof b, "%s/b.json", dir);
    tu_fmt(html, sizeof html, "%s/cmp.html", dir);
    sn_diag d;
    sn_diag_init(&d);
    sn_comparison *c = NULL;
    cr_assert_eq(sn_comparison_create(a, b, &c, &d), SN_OK);
    cr_assert(c->has_map);
    for (long n = 1;; n++) {
        cr_assert_lt(n, 1000, "the page was never written");
        long live = snp_alloc_live();
        FILE *f = fopen(html, "w");
        cr_assert_not_null(f);
        snp_alloc_fail_at(n);
        sn_status st = sn_report_write_compare_html(c, f);
        int reached = snp_alloc_count() >= n;
        snp_alloc_fail_at(0);
        cr_assert_eq(fclose(f), 0);
        cr_assert_eq(snp_alloc_live(), live, "allocation %ld: leak", n);
        if (!reached) {
            cr_assert_eq(st, SN_OK);
            cr_assert_gt(n, 5, "the points, the focus, the core and two framings: %ld", n);
            break;
        }
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld: %s", n, sn_status_name(st));
    }
    char *page = read_in_dir("cmp.html");
    cr_expect(strstr(page, "<h3>Detail of the core</h3>"), "the spread region has a core");
    cr_expect(strstr(page, "detail of the core of both networks"));
    free(page);
    sn_comparison_free(c);
}

/* A solution file as written before symnet compare: facilities without locations. */
#define OLD_DOC(objective)                                                                         \
    "{\"format\": \"symnet-solution/1\", \"region\": \"R\", \"currency\": \"EUR\",\n"              \
    " \"coordinates\": \"planar_km\", \"status\": \"optimal\", \"objective\": " objective ",\n"    \
    " \"bau\": {\"feasible\": true, \"cost\": 200, \"co2_t_per_yr\": 0},\n"                        \
    " \"savings\": 100, \"capital\": 1000, \"co2_t_per_yr\": 0,\n"                                 \
    " \"co2_avoided_t_per_yr\": 0, \"waste_diverted\": [], \"virgin_replaced\": [],\n"             \
    " \"links\": [" LINK(                                                                          \
        "T", "500",                                                                                \
        "400") "], \"hubs\": [], \"corridors\": [],\n"                                             \
               " \"facilities\": [{\"id\": \"S\", \"supplies\": [], \"demands\": []},\n"           \
               "                {\"id\": \"T\", \"supplies\": [], \"demands\": []}]}\n"

/* Solution files written before symnet compare carry no locations: the comparison is made,
 * without a map, and the HTML page says why instead of drawing one. */
Test(compare, old_files_without_locations_get_the_no_map_note, .init = setup, .fini = teardown)
{
    write_in_dir("a.json", OLD_DOC("100"));
    write_in_dir("b.json", OLD_DOC("90"));
    char a[600], b[600], html[600];
    tu_fmt(a, sizeof a, "%s/a.json", dir);
    tu_fmt(b, sizeof b, "%s/b.json", dir);
    tu_fmt(html, sizeof html, "%s/cmp.html", dir);
    sn_diag d;
    sn_diag_init(&d);
    sn_comparison *c = NULL;
    cr_assert_eq(sn_comparison_create(a, b, &c, &d), SN_OK);
    cr_expect(!c->has_map, "no facility has a location");
    expect_fig(c, "objective", 100, 90);
    sn_comparison_free(c);

    cr_assert_eq(run("compare", a, b, "--html", html, NULL, NULL, NULL), 0);
    char *page = read_in_dir("cmp.html");
    cr_expect(strstr(page, "<p class=\"note\">No map: the files do not give the location of "
                           "every facility, hub and junction"),
              "the page says why it has no map");
    cr_expect(!strstr(page, "<svg"), "and draws none");
    cr_expect(strstr(page, "<h2>What changed</h2>"), "the rest of the page is there");
    free(page);
}
