/*
 * test_sepa.c - the separators of src/solve (docs/model.md 11.3, 11.4): dicuts for groups of
 * nodes that must ship or be served (sepa_dicut.c, the "dicut" suite at the end: a pair derived
 * by hand, the bound they raise without cutting off the optimum), flow covers on the flows out
 * of and into a facility or hub (sepa_flowcover.c) and hub capacity covers (sepa_hubcap.c).
 *
 * - On two tiny regions the LP point is set by hand and the cut each separator must return is
 *   derived by hand in the comments (coefficients and right-hand side); a point that satisfies
 *   every cut gets none.
 * - Validity: on every hand case of tests/cases/ok/ that has an optimum (and the two regions
 *   above), the proven optimum, solved without these separators, satisfies every cut separated
 *   at many fractional points (structured ones, where covers are violated, and seeded random
 *   ones); on a generated region of 50 facilities a network within 1 % does. A cut that cut
 *   off a network would fail here.
 */
#include "solve/solve_int.h"
#include "symnet.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CASES "tests/cases/ok"
#define MAX_CUTS 256
#define MAX_LEN 64

typedef struct cut {
    int len;
    int col[MAX_LEN];
    double coef[MAX_LEN];
    double lb;
} cut;

typedef struct cuts {
    int n;
    cut c[MAX_CUTS];
} cuts;

static int collect(void *ctx, int len, const int *col, const double *coef, double lb)
{
    cuts *cs = ctx;
    cr_assert_lt(cs->n, MAX_CUTS);
    cr_assert_leq(len, MAX_LEN);
    cut *c = &cs->c[cs->n++];
    c->len = len;
    for (int i = 0; i < len; i++) {
        c->col[i] = col[i];
        c->coef[i] = coef[i];
    }
    c->lb = lb;
    return 0;
}

typedef struct loaded {
    sn_instance *in;
    sn_model *m;
} loaded;

static void fail_diag(const char *what, const char *where, const sn_diag *d)
{
    char buf[1200] = "(no diagnostic)";
    if (d->count > 0)
        sn_error_format(&d->errors[0], buf, sizeof buf);
    cr_assert_fail("%s: %s failed: %s", where, what, buf);
}

static loaded load_string(const char *doc)
{
    loaded l = {NULL, NULL};
    sn_diag d;
    sn_diag_init(&d);
    if (sn_instance_load_string(doc, strlen(doc), "test.json", &l.in, &d) != SN_OK)
        fail_diag("load", "test.json", &d);
    sn_diag_init(&d);
    if (sn_model_build(l.in, SN_MODEL_NETWORK, &l.m, &d) != SN_OK)
        fail_diag("build", "test.json", &d);
    return l;
}

static void unload(loaded *l)
{
    sn_model_free(l->m);
    sn_instance_free(l->in);
}

static int col_of(const sn_model *m, const char *name)
{
    for (int j = 0; j < (int)m->cols.len; j++)
        if (strcmp(snp_model_col_name(m, j), name) == 0)
            return j;
    cr_assert_fail("no column %s in the model", name);
    return -1;
}

/* The coefficient of column j in cut c (0 when absent). */
static double coef_of(const cut *c, int j)
{
    double v = 0;
    for (int i = 0; i < c->len; i++)
        if (c->col[i] == j)
            v += c->coef[i];
    return v;
}

static double activity(const cut *c, const double *x)
{
    double a = 0;
    for (int i = 0; i < c->len; i++)
        a += c->coef[i] * x[c->col[i]];
    return a;
}

/* ---- hand-derived cuts ------------------------------------------------------------------- */

/* A supplies 1000 of heat; B (3 km) wants 800, C (4 km) wants 300, so M(A->B) = 800 and
 * M(A->C) = 300. A's outflow set: sum x <= b = 1000, u = (800, 300), no inflow set has two
 * links. Cover C = {A->B, A->C}: lambda = 1100 - 1000 = 100, (u - lambda) = (700, 200):
 *     x_AB + x_AC + 700 (1 - y_AB) + 200 (1 - y_AC) <= 1000,
 * as returned: -x_AB - x_AC + 700 y_AB + 200 y_AC >= 900 - 1000 = -100.
 * At y_AB = 1, x_AB = 800, y_AC = 2/3, x_AC = 200 (the LP's way to pay a third of A->C's fixed
 * cost), the left side is -1000 + 700 + 133.33 = -166.67: violated by 66.67. */
static const char *two_customers =
    "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"fc\", \"coordinates\": "
    "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
    " \"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": "
    "1000}}],"
    " \"facilities\": [{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
    "\"heat\", \"amount\": 1000, \"disposal_cost\": 2}]},"
    " {\"id\": \"B\", \"location\": [3, 0], \"demands\": [{\"resource\": \"heat\", "
    "\"amount\": 800, \"price\": 20}]},"
    " {\"id\": \"C\", \"location\": [0, 4], \"demands\": [{\"resource\": \"heat\", "
    "\"amount\": 300, \"price\": 20}]}]}";

Test(sepa, flow_cover_derived_by_hand)
{
    loaded l = load_string(two_customers);
    const sn_model *m = l.m;
    int x_ab = col_of(m, "x(heat,A,B,pipe)"), y_ab = col_of(m, "y(heat,A,B,pipe)");
    int x_ac = col_of(m, "x(heat,A,C,pipe)"), y_ac = col_of(m, "y(heat,A,C,pipe)");
    double *x = calloc(m->cols.len, sizeof *x);
    cr_assert_not_null(x);
    x[y_ab] = 1;
    x[x_ab] = 800;
    x[y_ac] = 2.0 / 3.0;
    x[x_ac] = 200;
    snp_sepa_flowcover *s = snp_sepa_flowcover_create(m);
    cr_assert_not_null(s);
    static cuts cs;
    cs.n = 0;
    cr_assert_eq(snp_sepa_flowcover_run(s, x, collect, &cs), 1);
    cr_assert_eq(cs.n, 1);
    const cut *c = &cs.c[0];
    cr_assert_eq(c->len, 4);
    cr_assert_float_eq(coef_of(c, x_ab), -1, 1e-9);
    cr_assert_float_eq(coef_of(c, x_ac), -1, 1e-9);
    cr_assert_float_eq(coef_of(c, y_ab), 700, 1e-9);
    cr_assert_float_eq(coef_of(c, y_ac), 200, 1e-9);
    cr_assert_float_eq(c->lb, -100, 1e-9);
    cr_assert_float_eq(activity(c, x) - c->lb, -200.0 / 3.0, 1e-6);

    /* both links built, 700 + 300 shipped: every cover holds (700 + 300 + 0 <= 1000) */
    x[x_ab] = 700;
    x[y_ac] = 1;
    x[x_ac] = 300;
    cs.n = 0;
    cr_assert_eq(snp_sepa_flowcover_run(s, x, collect, &cs), 0);
    snp_sepa_flowcover_free(s);
    snp_sepa_flowcover_free(NULL);
    free(x);
    unload(&l);
}

/* S supplies 300 of wastewater to hub H (options 100 and 400), which turns a unit into 0.5 of
 * heat for D (150). M(S->H) = min(300, 400) = 300; M(H->D) = min(400 * 0.5, 150) = 150.
 * At z1 = z2 = 1/2 (capacity 0.5 * 100 + 0.5 * 400 = 250), x_SH = 250, x_HD = 125, the rows
 * 7.1-7.4 hold, but the input cover with S = {S->H} (U = 300) is
 *     x_SH <= min(300, 100) z1 + min(300, 400) z2 = 100 z1 + 300 z2 = 200: violated by 50,
 * and the output cover with S = {H->D} (U = 150, Y = 0.5) is
 *     x_HD <= min(150, 50) z1 + min(150, 200) z2 = 50 z1 + 150 z2 = 100: violated by 25. */
static const char *mixed_hub =
    "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"hc\", \"coordinates\": "
    "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
    " \"resources\": [{\"id\": \"ww\", \"unit\": \"m3\", \"pipe\": {\"capital_per_km\": 100}},"
    " {\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 100}}],"
    " \"facilities\": [{\"id\": \"S\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
    "\"ww\", \"amount\": 300, \"disposal_cost\": 1}]},"
    " {\"id\": \"D\", \"location\": [2, 0], \"demands\": [{\"resource\": \"heat\", "
    "\"amount\": 150, \"price\": 10}]}],"
    " \"hubs\": [{\"id\": \"H\", \"location\": [1, 0], \"capacities\": [{\"capacity\": 100, "
    "\"capital\": 100}, {\"capacity\": 400, \"capital\": 250}], \"inputs\": [{\"resource\": "
    "\"ww\", \"yields\": {\"heat\": 0.5}}], \"outputs\": [{\"resource\": \"heat\"}]}]}";

Test(sepa, hub_capacity_covers_derived_by_hand)
{
    loaded l = load_string(mixed_hub);
    const sn_model *m = l.m;
    int x_sh = col_of(m, "x(ww,S,H,pipe)"), x_hd = col_of(m, "x(heat,H,D,pipe)");
    int z1 = col_of(m, "z(H,1)"), z2 = col_of(m, "z(H,2)");
    double *x = calloc(m->cols.len, sizeof *x);
    cr_assert_not_null(x);
    x[col_of(m, "y(ww,S,H,pipe)")] = 1;
    x[col_of(m, "y(heat,H,D,pipe)")] = 1;
    x[z1] = x[z2] = 0.5;
    x[x_sh] = 250;
    x[x_hd] = 125;
    snp_sepa_hubcap *s = snp_sepa_hubcap_create(m);
    cr_assert_not_null(s);
    static cuts cs;
    cs.n = 0;
    cr_assert_eq(snp_sepa_hubcap_run(s, x, collect, &cs), 2);
    int seen_in = 0, seen_out = 0;
    for (int k = 0; k < cs.n; k++) {
        const cut *c = &cs.c[k];
        cr_assert_eq(c->len, 3);
        cr_assert_float_eq(c->lb, 0, 1e-12);
        if (coef_of(c, x_sh) != 0) {
            seen_in = 1;
            cr_assert_float_eq(coef_of(c, x_sh), -1, 1e-9);
            cr_assert_float_eq(coef_of(c, z1), 100, 1e-9);
            cr_assert_float_eq(coef_of(c, z2), 300, 1e-9);
            cr_assert_float_eq(activity(c, x), -50, 1e-6);
        } else {
            seen_out = 1;
            cr_assert_float_eq(coef_of(c, x_hd), -1, 1e-9);
            cr_assert_float_eq(coef_of(c, z1), 50, 1e-9);
            cr_assert_float_eq(coef_of(c, z2), 150, 1e-9);
            cr_assert_float_eq(activity(c, x), -25, 1e-6);
        }
    }
    cr_assert(seen_in && seen_out);

    /* the large option alone: x_SH = 300 <= 300, x_HD = 150 <= 150 */
    x[z1] = 0;
    x[z2] = 1;
    x[x_sh] = 300;
    x[x_hd] = 150;
    cs.n = 0;
    cr_assert_eq(snp_sepa_hubcap_run(s, x, collect, &cs), 0);
    snp_sepa_hubcap_free(s);
    snp_sepa_hubcap_free(NULL);
    free(x);
    unload(&l);
}

/* A region without links between facilities or hubs has nothing to separate. */
Test(sepa, nothing_to_separate)
{
    loaded l = load_string(
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"none\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},"
        " \"resources\": [{\"id\": \"heat\", \"unit\": "
        "\"MWh\", \"pipe\": {\"capital_per_km\": 1000}}], \"facilities\": [{\"id\": \"A\", "
        "\"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", \"amount\": 10, "
        "\"disposal_cost\": 1}]}]}");
    cr_assert_null(snp_sepa_flowcover_create(l.m));
    cr_assert_null(snp_sepa_hubcap_create(l.m));
    unload(&l);
}

/* ---- validity on the hand cases ---------------------------------------------------------- */

static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;
static double uniform(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

static int is_build(const snp_col *c)
{
    return c->role == SNP_ROLE_LINK_BUILD || c->role == SNP_ROLE_HUB_SIZE ||
           c->role == SNP_ROLE_CORRIDOR;
}

/* Fractional point number k around the optimum opt (n columns) into x. */
static void fractional_point(const sn_model *m, const double *opt, int k, double *x)
{
    int n = (int)m->cols.len;
    for (int j = 0; j < n; j++) {
        const snp_col *c = snp_model_col(m, j);
        double ub = isfinite(c->ub) ? c->ub : 1e6;
        double v = opt[j];
        switch (k % 4) {
        case 0: /* flows at their bound, every build decision at a fraction */
            v = c->role == SNP_ROLE_FLOW ? ub : is_build(c) ? 0.3 + 0.2 * (k / 4 % 4) : v;
            break;
        case 1: /* the optimum's flows, its build decisions halved */
            v = is_build(c) ? 0.5 * v : v;
            break;
        case 2: /* hub options mixed: each at 1 / (number of options) */
            if (c->role == SNP_ROLE_HUB_SIZE) {
                const snp_hub *h = &m->inst->hubs[c->a];
                v = 1.0 / h->n_capacities;
            } else if (c->role == SNP_ROLE_FLOW) {
                v = fmax(v, ub * uniform());
            }
            break;
        default: /* random */
            v = c->role == SNP_ROLE_FLOW ? ub * uniform() : is_build(c) ? uniform() : v;
            break;
        }
        x[j] = v;
    }
}

typedef struct tally {
    int regions, flowcover, hubcap;
} tally;

/* Solves the region without symnet's separators (p.cuts = 0: the network does not depend on
 * the cuts under test), within the relative gap `gap` (0: to optimality), then separates at 64
 * fractional points and checks that the network satisfies every cut (a valid cut holds for
 * every network, the optimum included) and that every cut is violated at its point. */
static void check_region(const char *what, const sn_instance *in, double gap, tally *t)
{
    static cuts cs;
    sn_diag d;
    sn_diag_init(&d);
    sn_model *m = NULL;
    if (sn_model_build(in, SN_MODEL_NETWORK, &m, &d) != SN_OK)
        fail_diag("build", what, &d);
    sn_params p;
    sn_params_init(&p);
    p.cuts = 0;
    p.mip_gap = gap;
    sn_solution *sol = NULL;
    sn_diag_init(&d);
    if (sn_solve(m, &p, &sol, &d) != SN_OK)
        fail_diag("solve", what, &d);
    if (sn_solution_status_get(sol) == SN_SOL_OPTIMAL) {
        t->regions++;
        cr_assert(sol->has_x);
        const double *opt = sol->x;
        double *x = calloc(m->cols.len + 1, sizeof *x);
        cr_assert_not_null(x);
        snp_sepa_flowcover *fc = snp_sepa_flowcover_create(m);
        snp_sepa_hubcap *hc = snp_sepa_hubcap_create(m);
        for (int k = 0; k < 64; k++) {
            fractional_point(m, opt, k, x);
            cs.n = 0;
            int a = fc ? snp_sepa_flowcover_run(fc, x, collect, &cs) : 0;
            int b = hc ? snp_sepa_hubcap_run(hc, x, collect, &cs) : 0;
            cr_assert(a >= 0 && b >= 0);
            t->flowcover += a;
            t->hubcap += b;
            for (int i = 0; i < cs.n; i++) {
                const cut *c = &cs.c[i];
                double act = activity(c, opt), scale = 1 + fabs(c->lb);
                for (int q = 0; q < c->len; q++)
                    scale += fabs(c->coef[q] * opt[c->col[q]]);
                cr_assert_geq(act, c->lb - 1e-7 * scale,
                              "%s: a cut cuts off the optimum: %.9g < %.9g", what, act, c->lb);
                cr_assert_lt(activity(c, x), c->lb, "%s: a cut that the point satisfies", what);
            }
        }
        snp_sepa_flowcover_free(fc);
        snp_sepa_hubcap_free(hc);
        free(x);
    }
    sn_solution_free(sol);
    sn_model_free(m);
}

static void check_file(const char *path, double gap, tally *t)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    if (sn_instance_load_file(path, &in, &d) != SN_OK)
        fail_diag("load", path, &d);
    check_region(path, in, gap, t);
    sn_instance_free(in);
}

Test(sepa, the_optimum_of_every_hand_case_satisfies_every_cut, .timeout = 300)
{
    DIR *dir = opendir(CASES);
    cr_assert_not_null(dir, "cannot open %s", CASES);
    struct dirent *e;
    tally t = {0, 0, 0};
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        char path[512];
        tu_fmt(path, sizeof path, "%s/%s", CASES, e->d_name);
        check_file(path, 0, &t);
    }
    closedir(dir);
    cr_assert_geq(t.regions, 10, "only %d hand cases solved to optimality", t.regions);
    const char *docs[] = {two_customers, mixed_hub};
    for (int k = 0; k < 2; k++) {
        loaded l = load_string(docs[k]);
        check_region(k == 0 ? "two_customers" : "mixed_hub", l.in, 0, &t);
        unload(&l);
    }
    /* the points must make both separators work, or the test proves nothing */
    cr_assert_gt(t.flowcover, 0, "no flow cover was separated");
    cr_assert_gt(t.hubcap, 0, "no hub capacity cover was separated");
}

/* The same on a generated region of 50 facilities (build/bench/gen --size S --seed 1), whose
 * supplies, demands and hubs have many links each: the sets are those of the benchmark. Its
 * network is solved within 1 % only (proving optimality without cuts takes long): a valid cut
 * holds for every network, so any one checks it. */
Test(sepa, a_network_of_a_generated_region_satisfies_every_cut, .timeout = 600)
{
    char dir[256], region[320], gen[256], out[320], err[320];
    tu_make_tmpdir(dir, sizeof dir, "sepa");
    tu_fmt(region, sizeof region, "%s/S-1.json", dir);
    tu_fmt(gen, sizeof gen, "%s/gen", tu_env_or("BENCH_BIN", "build/bench"));
    char size_opt[] = "--size", sz[] = "S", seed_opt[] = "--seed", seed[] = "1", o[] = "-o";
    char *argv[] = {gen, size_opt, sz, seed_opt, seed, o, region, NULL};
    tu_fmt(out, sizeof out, "%s/gen.out", dir);
    tu_fmt(err, sizeof err, "%s/gen.err", dir);
    int rc = tu_wait(tu_spawn(argv, out, err));
    cr_assert_eq(rc, 0, "%s failed (exit %d)", gen, rc);
    tally t = {0, 0, 0};
    check_file(region, 1e-2, &t); /* any network will do: a valid cut holds for all */
    tu_remove_tmpdir(dir);
    cr_assert_eq(t.regions, 1);
    cr_assert_gt(t.flowcover, 0, "no flow cover was separated");
    cr_assert_gt(t.hubcap, 0, "no hub capacity cover was separated");
}

/* ---- dicut separator (src/solve/sepa_dicut.c, docs/model.md 11.3) --------------------------
 * The separator runs on LP points computed here by GLPK from the exported model (columns
 * matched by name), the cuts it hands over are added to that LP, and the loop repeats. Every
 * cut must hold at the integer optimum that sn_solve proves, and the bounds must rise towards
 * it without passing it. */

#define CUTS_MAX 400
#define CUT_LEN_MAX 200

typedef struct cutloop {
    const sn_model *m;
    glp_prob *P;
    int *glp_col; /* model column -> GLPK column */
    int n;        /* cuts recorded */
    int len[CUTS_MAX];
    int col[CUTS_MAX][CUT_LEN_MAX];
    double coef[CUTS_MAX][CUT_LEN_MAX];
    double lb[CUTS_MAX];
} cutloop;

static int record_cut(void *ctx, int len, const int *col, const double *coef, double lb)
{
    cutloop *c = ctx;
    cr_assert_lt(c->n, CUTS_MAX);
    cr_assert(len > 0 && len <= CUT_LEN_MAX, "cut of %d terms", len);
    int ind[CUT_LEN_MAX + 1];
    double val[CUT_LEN_MAX + 1];
    for (int i = 0; i < len; i++) {
        c->col[c->n][i] = col[i];
        c->coef[c->n][i] = coef[i];
        ind[i + 1] = c->glp_col[col[i]];
        val[i + 1] = coef[i];
    }
    c->len[c->n] = len;
    c->lb[c->n++] = lb;
    int r = glp_add_rows(c->P, 1);
    glp_set_mat_row(c->P, r, len, ind, val);
    glp_set_row_bnds(c->P, r, GLP_LO, lb, 0);
    return 0;
}

static double lp_solve(glp_prob *P)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    cr_assert_eq(glp_simplex(P, &sp), 0);
    cr_assert_eq(glp_get_status(P), GLP_OPT);
    return glp_get_obj_val(P);
}

/* The model's LP relaxation, read back from its MPS export. */
static void cutloop_open(cutloop *c, const sn_model *m)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    char path[] = "/tmp/symnet-test-dicut-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_model_write(m, SN_FORMAT_MPS, path, &d), SN_OK);
    glp_term_out(GLP_OFF);
    c->P = glp_create_prob();
    cr_assert_eq(glp_read_mps(c->P, GLP_MPS_FILE, NULL, path), 0);
    unlink(path);
    glp_create_index(c->P);
    c->glp_col = calloc((size_t)sn_model_cols(m), sizeof(int));
    cr_assert_not_null(c->glp_col);
    for (int j = 0; j < sn_model_cols(m); j++) {
        c->glp_col[j] = glp_find_col(c->P, snp_model_col_name(m, j));
        cr_assert_gt(c->glp_col[j], 0, "column %s not in the export", snp_model_col_name(m, j));
    }
}

static void cutloop_close(cutloop *c)
{
    glp_delete_prob(c->P);
    glp_term_out(GLP_ON);
    free(c->glp_col);
}

/* Separates at the current LP point; returns the number of cuts added. */
static int cutloop_round(cutloop *c, snp_sepa_dicut *s)
{
    int n = sn_model_cols(c->m);
    double *x = calloc((size_t)n, sizeof *x);
    cr_assert_not_null(x);
    for (int j = 0; j < n; j++)
        x[j] = glp_get_col_prim(c->P, c->glp_col[j]);
    int found = snp_sepa_dicut_run(s, x, record_cut, c);
    free(x);
    cr_assert_geq(found, 0);
    return found;
}

/* Every recorded cut holds at the optimum x (model columns). */
static void assert_cuts_hold(const cutloop *c, const double *x, const char *what)
{
    for (int k = 0; k < c->n; k++) {
        double lhs = 0;
        for (int i = 0; i < c->len[k]; i++)
            lhs += c->coef[k][i] * x[c->col[k][i]];
        cr_assert_geq(lhs, c->lb[k] - 1e-7, "%s: cut %d (%g >= %g) cuts off the optimum", what, k,
                      lhs, c->lb[k]);
    }
}

/* A source that must ship 100 next to a sink that must take 60; P2 (40) and R (80) lie beyond
 * a junction J. Every link has a fixed cost and no unit cost. By hand: every link is needed
 * (P must send 40 past Q, R takes 80 over J -> R, which only P and P2 can fill), so the
 * optimum is 10 + 100 + 10 + 10 = 130. The LP relaxation pays P -> J only in part: its flow
 * 40 carries R's destination label, bounded by in(R) y = 80 y, so y = 0.5: 80. The dicut of
 * S = {P, Q}, which must send out b = 100 - 60 = 40, reads min(M, 40)/40 y(P,J) >= 1: y = 1,
 * and the LP with it is the optimum, 130. reverse = 1 writes the mirrored region (every link
 * turned round, sources and sinks swapped): the same numbers, with S = {P, Q} taking in 40. */
static void pair_region(char *doc, size_t size, int reverse)
{
    const char *sup = reverse ? "demands" : "supplies";
    const char *dem = reverse ? "supplies" : "demands";
    char links[1024];
    const char *ends[4][2] = {{"P", "Q"}, {"P", "J"}, {"P2", "J"}, {"J", "R"}};
    const int fixed[4] = {10, 100, 10, 10};
    size_t n = 0;
    for (int k = 0; k < 4; k++)
        n +=
            (size_t)snprintf(links + n, sizeof links - n,
                             "%s{\"from\": \"%s\", \"to\": \"%s\", \"resource\": \"f\", "
                             "\"mode\": \"pipe\", \"fixed_cost_per_yr\": %d, \"cost_per_unit\": 0}",
                             k ? ", " : "", ends[k][reverse], ends[k][!reverse], fixed[k]);
    snprintf(doc, size,
             "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"pair\", \"coordinates\": "
             "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 1},"
             " \"resources\": [{\"id\": \"f\", \"unit\": \"t\"}],"
             " \"facilities\": [{\"id\": \"P\", \"location\": [0, 0], \"%s\": [{\"resource\": "
             "\"f\", \"amount\": 100}]}, {\"id\": \"Q\", \"location\": [1, 0], \"%s\": "
             "[{\"resource\": \"f\", \"amount\": 60}]}, {\"id\": \"P2\", \"location\": [0, 5], "
             "\"%s\": [{\"resource\": \"f\", \"amount\": 40}]}, {\"id\": \"R\", \"location\": "
             "[5, 5], \"%s\": [{\"resource\": \"f\", \"amount\": 80}]}],"
             " \"junctions\": [{\"id\": \"J\", \"location\": [3, 3], \"resources\": [\"f\"]}],"
             " \"links\": [%s]}",
             sup, dem, sup, dem, links);
}

static double *optimum_x(const sn_model *m, double *obj)
{
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = 120;
    sn_solution *s = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_solve(m, &p, &s, &d), SN_OK);
    cr_assert_eq(sn_solution_status_get(s), SN_SOL_OPTIMAL);
    *obj = sn_solution_objective(s);
    double *x = calloc((size_t)sn_model_cols(m), sizeof *x);
    cr_assert_not_null(x);
    memcpy(x, s->x, (size_t)sn_model_cols(m) * sizeof *x);
    sn_solution_free(s);
    return x;
}

Test(dicut, pair_of_source_and_sink_derived_by_hand)
{
    for (int reverse = 0; reverse < 2; reverse++) {
        char doc[4096];
        pair_region(doc, sizeof doc, reverse);
        loaded l = load_string(doc);
        snp_sepa_dicut *s = snp_sepa_dicut_create(l.m);
        cr_assert_not_null(s, "the region has nodes that must ship and be served");
        cutloop c;
        cutloop_open(&c, l.m);
        cr_assert_float_eq(lp_solve(c.P), 80, 1e-6, "LP relaxation without cuts");
        cr_assert_gt(cutloop_round(&c, s), 0, "no cut at the LP point");
        /* the first cut is S = {P, Q}: one term, y(P -> J) (reversed: y(J -> P)) >= 1 */
        char want[64];
        snprintf(want, sizeof want, reverse ? "y(f,J,P,pipe)" : "y(f,P,J,pipe)");
        cr_assert_eq(c.len[0], 1);
        cr_assert_str_eq(snp_model_col_name(l.m, c.col[0][0]), want);
        cr_assert_float_eq(c.coef[0][0], 1, 1e-12);
        cr_assert_float_eq(c.lb[0], 1, 1e-12);
        cr_assert_float_eq(lp_solve(c.P), 130, 1e-6, "LP relaxation with the dicut");
        cr_assert_eq(cutloop_round(&c, s), 0, "the LP optimum is integral: nothing to cut");
        double opt;
        double *x = optimum_x(l.m, &opt);
        cr_assert_float_eq(opt, 130, 1e-6);
        assert_cuts_hold(&c, x, reverse ? "pair reversed" : "pair");
        free(x);
        cutloop_close(&c);
        snp_sepa_dicut_free(s);
        unload(&l);
    }
}

/* Balanced fixed-charge transportation (every supply must ship, every demand be served, pipes
 * with a fixed capital) with a junction that offers a shared route: rounds of separation must
 * raise the LP bound without passing the proven optimum, and no cut may cut the optimum off. */
Test(dicut, cuts_raise_the_bound_and_never_cut_off_the_optimum)
{
    const int ns = 4, nd = 5;
    const int amount_s[4] = {70, 130, 90, 110}, amount_d[5] = {50, 120, 80, 60, 90};
    char doc[8192];
    size_t n = (size_t)snprintf(
        doc, sizeof doc,
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"mustfctp\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 1},"
        " \"resources\": [{\"id\": \"r\", \"unit\": \"t\", \"pipe\": {\"capital_per_km\": 900, "
        "\"opex_per_unit_km\": 0.3}}], \"junctions\": [{\"id\": \"J\", \"location\": [50, 50]}],"
        " \"facilities\": [");
    unsigned g = 777;
    for (int i = 0; i < ns + nd; i++) {
        g = g * 1103515245u + 12345u;
        int x = (int)(g >> 16) % 100;
        g = g * 1103515245u + 12345u;
        int y = (int)(g >> 16) % 100;
        n += (size_t)snprintf(doc + n, sizeof doc - n,
                              "%s{\"id\": \"F%d\", \"location\": [%d, %d], \"%s\": [{\"resource\": "
                              "\"r\", \"amount\": %d}]}",
                              i ? ", " : "", i, x, y, i < ns ? "supplies" : "demands",
                              i < ns ? amount_s[i] : amount_d[i - ns]);
    }
    snprintf(doc + n, sizeof doc - n, "]}");
    loaded l = load_string(doc);
    snp_sepa_dicut *s = snp_sepa_dicut_create(l.m);
    cr_assert_not_null(s);
    double opt;
    double *x = optimum_x(l.m, &opt);
    cutloop c;
    cutloop_open(&c, l.m);
    double first = lp_solve(c.P), last = first;
    int rounds = 0;
    while (rounds < 20 && cutloop_round(&c, s) > 0) {
        double v = lp_solve(c.P);
        cr_assert_geq(v, last - 1e-6 * fabs(last), "a cut lowered the bound");
        cr_assert_leq(v, opt + 1e-6 * fabs(opt), "bound %g above the optimum %g", v, opt);
        last = v;
        rounds++;
    }
    cr_assert_gt(c.n, 0, "no cut separated: the test exercises nothing");
    cr_assert_gt(last, first + 1e-6 * fabs(first), "the cuts did not raise the bound");
    assert_cuts_hold(&c, x, "mustfctp");
    free(x);
    cutloop_close(&c);
    snp_sepa_dicut_free(s);
    unload(&l);
}

Test(dicut, nothing_to_separate_without_a_must_node)
{
    char *doc = tu_fctp_region(3, 3, 12345); /* supplies with disposal, demands with a price */
    loaded l = load_string(doc);
    cr_assert_null(snp_sepa_dicut_create(l.m));
    unload(&l);
    free(doc);
}
