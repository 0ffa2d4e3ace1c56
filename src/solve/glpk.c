/*
 * glpk.c - the only file that includes <glpk.h>: loads an sn_model into GLPK (the +1 index
 * shift happens here and nowhere else), runs branch-and-cut with progress reports, time and
 * gap limits and interruption, and maps GLPK's return code and MIP status to an honest
 * solution status. GLPK's fatal errors are caught with its error hook instead of aborting.
 */
#include "solve_int.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct guard {
    jmp_buf env;
} guard;

static void on_glpk_error(void *info)
{
    guard *g = info;
    glp_free_env();
    longjmp(g->env, 1);
}

/* GLPK's terminal output is not ours to print: the CLI reports progress itself. */
static int on_glpk_output(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

/* The bounds of a continuous or integer column as the model states them. */
static void set_col_bounds(glp_prob *P, int j, const snp_col *c)
{
    int type;
    if (isinf(c->ub))
        type = GLP_LO;
    else
        type = c->lb == c->ub ? GLP_FX : GLP_DB;
    glp_set_col_bnds(P, j, type, c->lb, isinf(c->ub) ? 0 : c->ub);
}

static glp_prob *load(const sn_model *m)
{
    glp_prob *P = glp_create_prob();
    glp_set_prob_name(P, "symnet");
    glp_set_obj_dir(P, GLP_MIN);
    int nr = (int)m->rows.len, nc = (int)m->cols.len;
    if (nr > 0)
        glp_add_rows(P, nr);
    if (nc > 0)
        glp_add_cols(P, nc);
    for (int i = 0; i < nr; i++) {
        const snp_row *r = snp_model_row(m, i);
        int type;
        if (isinf(r->lb) && isinf(r->ub))
            type = GLP_FR;
        else if (isinf(r->ub))
            type = GLP_LO;
        else if (isinf(r->lb))
            type = GLP_UP;
        else
            type = r->lb == r->ub ? GLP_FX : GLP_DB;
        glp_set_row_name(P, i + 1, snp_model_row_name(m, i));
        glp_set_row_bnds(P, i + 1, type, isinf(r->lb) ? 0 : r->lb, isinf(r->ub) ? 0 : r->ub);
    }
    for (int j = 0; j < nc; j++) {
        const snp_col *c = snp_model_col(m, j);
        glp_set_col_name(P, j + 1, snp_model_col_name(m, j));
        if (c->kind == SNP_COL_BIN)
            glp_set_col_kind(P, j + 1, GLP_BV);
        else if (c->kind == SNP_COL_INT)
            glp_set_col_kind(P, j + 1, GLP_IV);
        if (c->kind != SNP_COL_BIN) {
            set_col_bounds(P, j + 1, c);
        } else if (c->lb == c->ub) {
            glp_set_col_bnds(P, j + 1, GLP_FX, c->lb, c->ub);
        }
        glp_set_obj_coef(P, j + 1, c->obj);
    }
    size_t nz = m->idx.len;
    int *ia = snp_calloc(nz + 1, sizeof *ia), *ja = snp_calloc(nz + 1, sizeof *ja);
    double *ar = snp_calloc(nz + 1, sizeof *ar);
    if (!ia || !ja || !ar) {
        snp_free(ia);
        snp_free(ja);
        snp_free(ar);
        glp_delete_prob(P);
        return NULL;
    }
    size_t k = 0;
    for (int i = 0; i < nr; i++) {
        const snp_row *r = snp_model_row(m, i);
        size_t end = i + 1 < nr ? snp_model_row(m, i + 1)->start : nz;
        for (size_t e = r->start; e < end; e++) {
            k++;
            ia[k] = i + 1;
            ja[k] = SNP_VEC_AT(&m->idx, int, e) + 1;
            ar[k] = SNP_VEC_AT(&m->val, double, e);
        }
    }
    glp_load_matrix(P, (int)k, ia, ja, ar);
    snp_free(ia);
    snp_free(ja);
    snp_free(ar);
    return P;
}

/* Phase 1 of an LP with every row made elastic (docs/model.md 10.1): minimises the total
 * violation sum_i (s+_i + s-_i) of rows lb_i <= a_i x + s+_i - s-_i <= ub_i within the
 * columns' bounds, with the dual simplex from the slack basis and no time limit (the flow
 * relaxation is a transportation-like LP, solved in well under a second at 3,000 facilities).
 * Returns 1 with the rows' duals in y (m->rows.len values) and the least violation in *viol
 * when it is positive, 0 when the rows can all be met (*viol is then the small remainder),
 * -1 when GLPK failed. */
int snp_glpk_phase1(const sn_model *m, double *y, double *viol)
{
    guard g;
    glp_prob *volatile P = NULL;
    if (setjmp(g.env)) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        return -1;
    }
    glp_error_hook(on_glpk_error, &g);
    glp_term_hook(on_glpk_output, NULL);
    P = load(m);
    if (!P) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        return -1;
    }
    int nr = (int)m->rows.len, nc = (int)m->cols.len;
    for (int j = 1; j <= nc; j++) {
        glp_set_col_kind(P, j, GLP_CV);
        glp_set_obj_coef(P, j, 0);
    }
    if (nr > 0) {
        int first = glp_add_cols(P, 2 * nr);
        for (int i = 1; i <= nr; i++) {
            int ind[2] = {0, i};
            for (int sgn = 0; sgn < 2; sgn++) {
                double val[2] = {0, sgn == 0 ? 1.0 : -1.0};
                int j = first + 2 * (i - 1) + sgn;
                glp_set_col_bnds(P, j, GLP_LO, 0, 0);
                glp_set_obj_coef(P, j, 1);
                glp_set_mat_col(P, j, 1, ind, val);
            }
        }
    }
    glp_scale_prob(P, GLP_SF_AUTO);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = GLP_DUALP;
    int rc = glp_simplex(P, &sp);
    int out = -1;
    if (rc == 0 && glp_get_status(P) == GLP_OPT) {
        *viol = glp_get_obj_val(P);
        for (int i = 0; i < nr; i++)
            y[i] = glp_get_row_dual(P, i + 1);
        out = *viol > 0 ? 1 : 0;
    }
    glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    return out;
}

sn_status sn_model_write(const sn_model *m, sn_model_format fmt, const char *path, sn_diag *diag)
{
    guard g;
    glp_prob *volatile P = NULL;
    if (setjmp(g.env)) {
        snp_diag_add(diag, SN_ESOLVER, path, NULL, "GLPK failed while writing the model");
        return SN_ESOLVER;
    }
    glp_error_hook(on_glpk_error, &g);
    glp_term_hook(on_glpk_output, NULL);
    P = load(m);
    if (!P) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory loading the model");
        return SN_ENOMEM;
    }
    int rc = fmt == SN_FORMAT_LP ? glp_write_lp(P, NULL, path)
                                 : glp_write_mps(P, GLP_MPS_FILE, NULL, path);
    glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    if (rc != 0) {
        snp_diag_add(diag, SN_EIO, path, NULL, "cannot write the model");
        return SN_EIO;
    }
    return SN_OK;
}

/* ---- problem-specific search (docs/model.md section 11.1) ----------------------------------
 * GLPK's branch-and-cut knows nothing about networks. These callbacks add what symnet knows:
 * a primal heuristic that turns the LP solution of a node into a network (open what the LP
 * uses, price the flows exactly on that network, close what then carries nothing, round the
 * truck trips up) and a branching rule that decides build decisions before truck trips. They
 * work in the model's own column numbering, so GLPK's MIP presolver is off when they run. */

typedef struct heur {
    const sn_model *m;
    glp_prob *lp; /* continuous copy of the model; the rounding fixes its binaries */
    double *lpx;  /* [1..n] the node's LP solution */
    double *val;  /* [1..n] the binaries as rounded */
    double *prev; /* [1..n] the previous rounding */
    double *x;    /* [1..n] the network found */
    int n;
    double time_s;   /* spent here so far */
    double deadline; /* now_s() at the time limit, INFINITY without one */
    int calls, found;
    int presolve;     /* 1: solve_fixed uses GLPK's LP presolver (no warm start yet) */
    double *first;    /* [1..n] the network built before any LP (11.2), NULL without one */
    double first_obj; /* its cost */
    int first_given;  /* 1 once offered to GLPK */
} heur;

static void heur_free(heur *h)
{
    if (h->lp)
        glp_delete_prob(h->lp);
    snp_free(h->lpx);
    snp_free(h->val);
    snp_free(h->prev);
    snp_free(h->x);
    snp_free(h->first);
    memset(h, 0, sizeof *h);
}

/* Returns 0, or -1 when memory runs out (the search then goes on without the heuristic). */
static int heur_init(heur *h, const sn_model *m, glp_prob *P)
{
    memset(h, 0, sizeof *h);
    h->m = m;
    h->n = (int)m->cols.len;
    h->lpx = snp_calloc((size_t)h->n + 1, sizeof *h->lpx);
    h->val = snp_calloc((size_t)h->n + 1, sizeof *h->val);
    h->prev = snp_calloc((size_t)h->n + 1, sizeof *h->prev);
    h->x = snp_calloc((size_t)h->n + 1, sizeof *h->x);
    if (!h->lpx || !h->val || !h->prev || !h->x) {
        heur_free(h);
        return -1;
    }
    h->lp = glp_create_prob();
    glp_copy_prob(h->lp, P, GLP_OFF);
    for (int j = 1; j <= h->n; j++)
        if (glp_get_col_kind(h->lp, j) != GLP_CV)
            glp_set_col_kind(h->lp, j, GLP_CV);
    return 0;
}

static double link_flow(const snp_link *l, const double *x)
{
    double f = 0;
    for (int q = 0; q < l->n_comm; q++)
        f += x[l->first_flow + q + 1];
    return f;
}

/* Opens, in h->val, the binaries of link l: none when the LP sends (almost) nothing, else
 * the smallest size that carries what the LP sends (the largest when none does). */
static void round_link(heur *h, const snp_link *l, const double *x, double eps)
{
    if (l->col_build < 0)
        return;
    int ns = l->n_sizes > 0 ? l->n_sizes : 1;
    double f = link_flow(l, x), open = 0;
    for (int s = 0; s < ns; s++) {
        open += x[l->col_build + s + 1];
        h->val[l->col_build + s + 1] = 0;
    }
    if (!(l->forced || (open > eps && f > eps * (l->bound > 1 ? l->bound : 1))))
        return;
    int pick = ns - 1;
    for (int s = 0; s < ns && l->n_sizes > 0; s++)
        if (fmin(l->sizes[s].capacity, l->bound) >= f * (1 - 1e-9)) {
            pick = s;
            break;
        }
    h->val[l->col_build + pick + 1] = 1;
}

/* The same for a hub: the smallest capacity option that processes what the LP sends. */
static void round_hub(heur *h, int hb, const double *x, double eps)
{
    const sn_model *m = h->m;
    const snp_hub *hub = &m->inst->hubs[hb];
    if (!m->hub_size_col[hb] || hub->status == SNP_STATUS_FORBIDDEN)
        return;
    double open = 0, proc = 0;
    for (int s = 0; s < hub->n_capacities; s++) {
        open += x[m->hub_size_col[hb][s] + 1];
        h->val[m->hub_size_col[hb][s] + 1] = 0;
    }
    for (int i = 0; i < hub->n_inputs; i++)
        proc += x[m->hub_proc_col[hb][i] + 1];
    if (!(hub->status == SNP_STATUS_FORCED || (open > eps && proc > eps)))
        return;
    int pick = hub->n_capacities - 1;
    for (int s = 0; s < hub->n_capacities; s++)
        if (hub->capacities[s].capacity >= proc * (1 - 1e-9)) {
            pick = s;
            break;
        }
    h->val[m->hub_size_col[hb][pick] + 1] = 1;
}

/* Rounds every binary of the model from x into h->val; corridors follow their pipes. */
static void round_all(heur *h, const double *x, double eps)
{
    const sn_model *m = h->m;
    for (int j = 0; j < h->n; j++)
        if (snp_model_col(m, j)->kind == SNP_COL_BIN)
            h->val[j + 1] = 0;
    for (size_t k = 0; k < m->links.len; k++)
        round_link(h, snp_model_link(m, (int)k), x, eps);
    for (int hb = 0; hb < m->inst->n_hubs; hb++)
        round_hub(h, hb, x, eps);
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->corridor < 0 || l->col_build < 0 || m->corridor_col[l->corridor] < 0)
            continue;
        int ns = l->n_sizes > 0 ? l->n_sizes : 1;
        for (int s = 0; s < ns; s++)
            if (h->val[l->col_build + s + 1] > 0.5)
                h->val[m->corridor_col[l->corridor] + 1] = 1;
    }
    /* a column whose bounds fix it keeps its value (forced links, hubs, corridors) */
    for (int j = 0; j < h->n; j++) {
        const snp_col *c = snp_model_col(m, j);
        if (c->kind == SNP_COL_BIN && c->lb == c->ub)
            h->val[j + 1] = c->lb;
    }
}

/* Solves the LP with the binaries fixed at h->val; 0 when it found an optimum. */
static int solve_fixed(heur *h)
{
    for (int j = 1; j <= h->n; j++)
        if (snp_model_col(h->m, j - 1)->kind == SNP_COL_BIN)
            glp_set_col_bnds(h->lp, j, GLP_FX, h->val[j], h->val[j]);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = GLP_DUALP;
    sp.presolve = h->presolve ? GLP_ON : GLP_OFF;
    double left = h->deadline - now_s();
    if (left <= 0)
        return -1;
    if (isfinite(left))
        sp.tm_lim = left * 1000 >= (double)INT_MAX ? INT_MAX : (int)(left * 1000) + 1;
    if (glp_simplex(h->lp, &sp) != 0) {
        /* the warm start failed: start from scratch once, in the time that is left */
        left = h->deadline - now_s();
        if (left <= 0)
            return -1;
        if (isfinite(left))
            sp.tm_lim = left * 1000 >= (double)INT_MAX ? INT_MAX : (int)(left * 1000) + 1;
        glp_adv_basis(h->lp, 0);
        if (glp_simplex(h->lp, &sp) != 0)
            return -1;
    }
    return glp_get_status(h->lp) == GLP_OPT ? 0 : -1;
}

/* The network whose binaries h->val holds: its exact flows and cost in h->x and *obj, or -1
 * when it has no feasible flow. Then up to three passes: links and hubs that the exact flows
 * leave empty are closed and the flows solved again. */
static int heur_price(heur *h, double *obj)
{
    if (solve_fixed(h) != 0)
        return -1;
    for (int j = 1; j <= h->n; j++)
        h->x[j] = glp_get_col_prim(h->lp, j);
    for (int pass = 0; pass < 3; pass++) {
        memcpy(h->prev, h->val, ((size_t)h->n + 1) * sizeof *h->val);
        round_all(h, h->x, 1e-9);
        if (!memcmp(h->prev, h->val, ((size_t)h->n + 1) * sizeof *h->val))
            break;
        if (solve_fixed(h) != 0) {
            /* closing made it infeasible: keep the previous network */
            memcpy(h->val, h->prev, ((size_t)h->n + 1) * sizeof *h->val);
            if (solve_fixed(h) != 0)
                return -1;
            for (int j = 1; j <= h->n; j++)
                h->x[j] = glp_get_col_prim(h->lp, j);
            break;
        }
        for (int j = 1; j <= h->n; j++)
            h->x[j] = glp_get_col_prim(h->lp, j);
    }
    double z = 0;
    for (int j = 1; j <= h->n; j++) {
        const snp_col *c = snp_model_col(h->m, j - 1);
        double v = h->x[j];
        if (c->kind == SNP_COL_BIN)
            v = h->val[j];
        else if (c->kind == SNP_COL_INT) /* whole trips: n >= x/Q stays true rounding up */
            v = ceil(v - 1e-9 * (1 + fabs(v)));
        if (v < c->lb)
            v = c->lb;
        if (v > c->ub)
            v = c->ub;
        h->x[j] = v;
        z += c->obj * v;
    }
    *obj = z;
    return 0;
}

/* From the LP solution x of a node: a network and its cost, or -1 when the rounding leaves
 * no feasible flow. */
static int heur_network(heur *h, const double *x, double *obj)
{
    round_all(h, x, 1e-6);
    return heur_price(h, obj);
}

/* ---- a network before any LP (docs/model.md section 11.2) ----------------------------------
 * On a large region GLPK's root LP alone takes longer than a user should wait for a first
 * network. This builds one without it: a greedy pass over the candidate links between two
 * facilities, valued as in section 2.2 (the disposal the sender avoids plus the purchase the
 * receiver avoids, minus the link's own costs), opens repeatedly the link with the largest
 * annual saving on what its ends still have to send and receive, then prices that fixed
 * network exactly with heur_price (the flows solved on the model itself, so every constraint
 * holds). A must-take supply or a must-serve demand comes first (tier 1, 2); a budget is
 * spent as links are opened. When that network has no feasible flow, the network with nothing
 * built but what is forced is tried; when neither has one, there is no first network. */

/* Units of demand dm met per unit of resource r delivered: 1 for its own resource, the
 * substitute's ratio, 0 when dm does not accept r. */
static double accept_ratio(const snp_demand *dm, int r)
{
    if (dm->resource == r)
        return 1.0;
    for (int k = 0; k < dm->n_subs; k++)
        if (dm->subs[k].resource == r)
            return dm->subs[k].ratio;
    return 0.0;
}

typedef struct greedy {
    const sn_model *m;
    int *sup_off, *dem_off; /* [facility]: first index into sup_left / dem_left */
    double *sup_left;       /* supply not yet sent, per (facility, supply) */
    double *dem_left;       /* demand not yet met, per (facility, demand), in its own units */
    char *corr_open;        /* [corridor] */
    double budget_left;     /* INFINITY without a budget */
} greedy;

typedef struct gpick {
    int tier;      /* how many ends must trade (no disposal, no price): these come first */
    double saving; /* annual, on q */
    double q;      /* sent per year */
    double capital;
    int demand, supply, size;
} gpick;

static int pick_better(const gpick *a, const gpick *b)
{
    return a->tier != b->tier ? a->tier > b->tier : a->saving > b->saving;
}

/* What opening link l would save now (0 when it cannot be opened); fills p. */
static int gr_eval(const greedy *g, const snp_link *l, gpick *p)
{
    const sn_model *m = g->m;
    const sn_instance *in = m->inst;
    int u, v;
    memset(p, 0, sizeof *p);
    if (l->n_comm != 1 || l->forced || snp_node_kind_of(in, l->tail, &u) != SNP_NODE_FACILITY ||
        snp_node_kind_of(in, l->head, &v) != SNP_NODE_FACILITY)
        return 0;
    const snp_facility *fu = &in->facilities[u], *fv = &in->facilities[v];
    int s = -1;
    for (int k = 0; k < fu->n_supplies; k++)
        if (fu->supplies[k].resource == l->resource)
            s = k;
    if (s < 0)
        return 0;
    const snp_supply *su = &fu->supplies[s];
    double pi = in->carbon_price, left = g->sup_left[g->sup_off[u] + s];
    double v_out = su->has_disposal ? su->disposal_cost + pi * su->disposal_co2 : 0;
    double per_trip = l->trip_capacity > 0 ? l->trip_cost / l->trip_capacity : 0;
    int found = 0;
    for (int d = 0; d < fv->n_demands; d++) {
        const snp_demand *dm = &fv->demands[d];
        double ratio = accept_ratio(dm, l->resource);
        double need = g->dem_left[g->dem_off[v] + d];
        if (!(ratio > 0) || !(need > 0))
            continue;
        gpick c;
        memset(&c, 0, sizeof c);
        c.supply = s;
        c.demand = d;
        c.tier = !su->has_disposal + !dm->has_price;
        c.q = fmin(fmin(left, l->bound), need / (l->arrive * ratio));
        if (!(c.q > 1e-9 * (1 + l->bound)))
            continue;
        double v_in = dm->has_price ? (dm->price + pi * dm->co2) * ratio : 0;
        double unit = v_out + l->arrive * v_in - l->unit_annual - per_trip;
        double corr_annual = 0, corr_capital = 0;
        if (l->corridor >= 0 && m->corridor_col[l->corridor] >= 0 && !g->corr_open[l->corridor]) {
            const snp_corridor *co = &in->corridors[l->corridor];
            corr_annual = snp_crf(in->discount_rate, co->lifetime_yr) * co->capital;
            corr_capital = co->capital;
        }
        /* with discrete sizes, the size that saves most on what can be sent */
        gpick best = c;
        int any = 0;
        for (int z = l->n_sizes > 0 ? 0 : -1; z < l->n_sizes; z++) {
            gpick t = c;
            t.size = z;
            t.q = z >= 0 ? fmin(c.q, l->sizes[z].capacity) : c.q;
            double size_capital = z >= 0 ? l->length_km * l->sizes[z].capital_per_km : 0;
            t.capital = l->fixed_capital + l->unit_capital * t.q + size_capital + corr_capital;
            t.saving = t.q * unit - l->fixed_annual - l->crf * size_capital - corr_annual;
            if (t.capital > g->budget_left || (t.tier == 0 && !(t.saving > 0)))
                continue;
            if (!any || pick_better(&t, &best))
                best = t;
            any = 1;
        }
        if (!any)
            continue;
        c = best;
        if (!found || pick_better(&c, p)) {
            *p = c;
            found = 1;
        }
    }
    return found;
}

typedef struct gentry {
    int tier;
    double saving;
    int link;
} gentry;

static int gentry_above(const gentry *a, const gentry *b)
{
    return a->tier != b->tier ? a->tier > b->tier : a->saving > b->saving;
}

static void gheap_push(gentry *hp, int *n, gentry e)
{
    int i = (*n)++;
    while (i > 0 && gentry_above(&e, &hp[(i - 1) / 2])) {
        hp[i] = hp[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    hp[i] = e;
}

static gentry gheap_pop(gentry *hp, int *n)
{
    gentry top = hp[0], last = hp[--*n];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && gentry_above(&hp[c + 1], &hp[c]))
            c++;
        if (!gentry_above(&hp[c], &last))
            break;
        hp[i] = hp[c];
        i = c;
    }
    if (*n > 0)
        hp[i] = last;
    return top;
}

/* ---- hubs in the first network ------------------------------------------------------------
 * After the links between facilities, hubs (section 7) are opened greedily too: for a hub, its
 * input links are taken best first (the sender's disposal avoided, less the link's and the
 * processing's cost per unit) up to its largest capacity; what each input yields is placed on
 * the output links best first (the purchase avoided at the receiver, less the link's cost),
 * the rest disposed of at the hub. A chunk (one input link with what it yields) is kept only
 * when it saves more than the fixed costs of the links it opens; the hub saves the sum less
 * the annual cost of the smallest capacity option that holds what it processes. The hub that
 * saves most is opened, the residuals lowered, and the others valued again (lazily), until
 * none saves anything. */

typedef struct hslot {
    int link, item; /* item: the hub's input or output index */
    int end;        /* the facility's supply (inputs) or demand (outputs) index */
    double val;     /* saving per unit sent, before fixed costs */
    double cap;     /* most it can carry now */
    double used;
    double tent; /* outputs: placed by the input link being weighed */
} hslot;

static int hslot_cmp(const void *a, const void *b)
{
    const hslot *x = a, *y = b;
    return (x->val < y->val) - (x->val > y->val);
}

static double link_fixed(const snp_link *l, double q, int *size)
{
    *size = -1;
    if (l->n_sizes == 0)
        return l->fixed_annual;
    *size = l->n_sizes - 1;
    for (int s = 0; s < l->n_sizes; s++)
        if (l->sizes[s].capacity >= q) {
            *size = s;
            break;
        }
    return l->fixed_annual + l->crf * l->length_km * l->sizes[*size].capital_per_km;
}

/* The slots of hub hb (inputs into ins, outputs into outs) valued on the residuals of g. */
static void hub_slots(const greedy *g, int hb, const int *list, int n_list, hslot *ins, int *n_in,
                      hslot *outs, int *n_out)
{
    const sn_model *m = g->m;
    const sn_instance *in = m->inst;
    const snp_hub *hub = &in->hubs[hb];
    double pi = in->carbon_price;
    *n_in = *n_out = 0;
    for (int t = 0; t < n_list; t++) {
        const snp_link *l = snp_model_link(m, list[t]);
        int f;
        double per_trip = l->trip_capacity > 0 ? l->trip_cost / l->trip_capacity : 0;
        if (l->forced || l->n_comm != 1)
            continue;
        if (snp_node_kind_of(in, l->tail, &f) == SNP_NODE_FACILITY) { /* into the hub */
            const snp_facility *fa = &in->facilities[f];
            for (int s = 0; s < fa->n_supplies; s++) {
                const snp_supply *su = &fa->supplies[s];
                double left = g->sup_left[g->sup_off[f] + s];
                if (su->resource != l->resource || !(left > 0))
                    continue;
                for (int i = 0; i < hub->n_inputs; i++) {
                    const snp_hub_input *hi = &hub->inputs[i];
                    if (hi->resource != l->resource)
                        continue;
                    double v_out = su->has_disposal ? su->disposal_cost + pi * su->disposal_co2 : 0;
                    ins[(*n_in)++] =
                        (hslot){list[t],
                                i,
                                s,
                                v_out - l->unit_annual - per_trip -
                                    l->arrive * (hi->cost_per_unit + pi * hi->co2_per_unit),
                                fmin(left, l->bound),
                                0,
                                0};
                }
            }
        } else if (snp_node_kind_of(in, l->head, &f) == SNP_NODE_FACILITY) { /* out of it */
            const snp_facility *fa = &in->facilities[f];
            for (int o = 0; o < hub->n_outputs; o++) {
                if (hub->outputs[o].resource != l->resource)
                    continue;
                for (int d = 0; d < fa->n_demands; d++) {
                    const snp_demand *dm = &fa->demands[d];
                    double ratio = accept_ratio(dm, l->resource);
                    double need = g->dem_left[g->dem_off[f] + d];
                    if (!(ratio > 0) || !(need > 0) || !dm->has_price)
                        continue;
                    outs[(*n_out)++] = (hslot){list[t],
                                               o,
                                               d,
                                               l->arrive * (dm->price + pi * dm->co2) * ratio -
                                                   l->unit_annual - per_trip,
                                               fmin(need / (l->arrive * ratio), l->bound),
                                               0,
                                               0};
                }
            }
        }
    }
    qsort(ins, (size_t)*n_in, sizeof *ins, hslot_cmp);
    qsort(outs, (size_t)*n_out, sizeof *outs, hslot_cmp);
}

/* Plans hub hb on the residuals of g: fills ins[].used and outs[].used, returns the annual
 * saving (<= 0 when it does not pay) and in *option the capacity option. */
static double hub_plan(const greedy *g, int hb, hslot *ins, int n_in, hslot *outs, int n_out,
                       int *option)
{
    const sn_model *m = g->m;
    const snp_hub *hub = &m->inst->hubs[hb];
    double cap = hub->capacities[hub->n_capacities - 1].capacity, processed = 0, saving = 0;
    const double pi = m->inst->carbon_price;
    for (int a = 0; a < n_in && processed < cap; a++) {
        const snp_link *l = snp_model_link(m, ins[a].link);
        const snp_hub_input *hi = &hub->inputs[ins[a].item];
        double q = fmin(ins[a].cap, (cap - processed) / l->arrive);
        if (!(q > 0))
            continue;
        int size;
        double value = q * ins[a].val - link_fixed(l, q, &size);
        /* what it yields, placed on the output links best first (tentatively) */
        for (int b = 0; b < n_out; b++)
            outs[b].tent = 0;
        for (int o = 0; o < hub->n_outputs; o++) {
            double amount = q * l->arrive * hi->yields[o];
            for (int b = 0; b < n_out && amount > 0; b++) {
                if (outs[b].item != o || !(outs[b].val > 0))
                    continue;
                double take = fmin(amount, outs[b].cap - outs[b].used);
                if (!(take > 0))
                    continue;
                const snp_link *lo = snp_model_link(m, outs[b].link);
                int s2;
                value += take * outs[b].val;
                if (outs[b].used == 0)
                    value -= link_fixed(lo, outs[b].cap, &s2);
                outs[b].tent = take;
                amount -= take;
            }
            value -= amount * (hub->outputs[o].disposal_cost + pi * hub->outputs[o].disposal_co2);
        }
        if (!(value > 0))
            continue;
        ins[a].used = q;
        for (int b = 0; b < n_out; b++)
            outs[b].used += outs[b].tent;
        processed += q * l->arrive;
        saving += value;
    }
    if (!(processed > 0))
        return 0;
    double crf = snp_crf(m->inst->discount_rate, hub->lifetime_yr);
    *option = hub->n_capacities - 1;
    for (int o = 0; o < hub->n_capacities; o++)
        if (hub->capacities[o].capacity >= processed * (1 - 1e-9)) {
            *option = o;
            break;
        }
    const snp_hub_capacity *c = &hub->capacities[*option];
    return saving - (crf * c->capital + c->fixed_opex);
}

/* Opens hubs while one saves something (see above). Returns -1 when memory runs out. */
/* The hub at the head of link l, else at its tail; -1 when neither end is a hub. */
static int hub_of_link(const sn_instance *in, const snp_link *l)
{
    int hb;
    if (snp_node_kind_of(in, l->head, &hb) == SNP_NODE_HUB ||
        snp_node_kind_of(in, l->tail, &hb) == SNP_NODE_HUB)
        return hb;
    return -1;
}

static int greedy_hubs(heur *h, greedy *g, char *chosen)
{
    const sn_model *m = h->m;
    const sn_instance *in = m->inst;
    int nh = in->n_hubs, nl = (int)m->links.len, rc = -1;
    if (nh == 0)
        return 0;
    int *start = snp_calloc((size_t)nh + 2, sizeof *start),
        *list = snp_calloc((size_t)nl + 1, sizeof *list);
    hslot *ins = snp_calloc((size_t)nl + 1, sizeof *ins),
          *outs = snp_calloc((size_t)nl + 1, sizeof *outs);
    gentry *heap = snp_calloc((size_t)nh + 1, sizeof *heap);
    if (!start || !list || !ins || !outs || !heap)
        goto done;
    /* the links at each hub, grouped by hub */
    for (int k = 0; k < nl; k++) {
        int hb = hub_of_link(in, snp_model_link(m, k));
        if (hb >= 0)
            start[hb + 1]++;
    }
    for (int hb = 0; hb < nh; hb++)
        start[hb + 1] += start[hb];
    int *fill = snp_calloc((size_t)nh + 1, sizeof *fill);
    if (!fill)
        goto done;
    for (int k = 0; k < nl; k++) {
        int hb = hub_of_link(in, snp_model_link(m, k));
        if (hb >= 0)
            list[start[hb] + fill[hb]++] = k;
    }
    snp_free(fill);
    /* lazily, as for the links: a hub's saving only falls as the residuals fall, so a popped
     * hub whose new plan still saves most is opened, else put back with its new saving */
    int n = 0;
    for (int hb = 0; hb < nh; hb++) {
        const snp_hub *hub = &in->hubs[hb];
        if (hub->status != SNP_STATUS_CANDIDATE || !m->hub_size_col[hb])
            continue;
        int n_in, n_out, option;
        hub_slots(g, hb, list + start[hb], start[hb + 1] - start[hb], ins, &n_in, outs, &n_out);
        double saving = hub_plan(g, hb, ins, n_in, outs, n_out, &option);
        if (saving > 0)
            gheap_push(heap, &n, (gentry){0, saving, hb});
    }
    while (n > 0) {
        gentry e = gheap_pop(heap, &n);
        int best = e.link, n_in, n_out, option;
        hub_slots(g, best, list + start[best], start[best + 1] - start[best], ins, &n_in, outs,
                  &n_out);
        double saving = hub_plan(g, best, ins, n_in, outs, n_out, &option);
        if (!(saving > 0))
            continue;
        if (n > 0 && heap[0].saving > saving) {
            gheap_push(heap, &n, (gentry){0, saving, best});
            continue;
        }
        const snp_hub *hub = &in->hubs[best];
        double capital = hub->capacities[option].capital;
        for (int a = 0; a < n_in; a++)
            if (ins[a].used > 0)
                capital += snp_link_capital(snp_model_link(m, ins[a].link), -1, ins[a].used);
        for (int b = 0; b < n_out; b++)
            if (outs[b].used > 0)
                capital += snp_link_capital(snp_model_link(m, outs[b].link), -1, outs[b].used);
        if (capital > g->budget_left)
            continue;
        g->budget_left -= capital;
        h->lpx[m->hub_size_col[best][option] + 1] = 1;
        for (int a = 0; a < n_in; a++) {
            if (!(ins[a].used > 0))
                continue;
            const snp_link *l = snp_model_link(m, ins[a].link);
            int f, size;
            snp_node_kind_of(in, l->tail, &f);
            g->sup_left[g->sup_off[f] + ins[a].end] -= ins[a].used;
            h->lpx[m->hub_proc_col[best][ins[a].item] + 1] += ins[a].used * l->arrive;
            h->lpx[l->first_flow + 1] += ins[a].used;
            link_fixed(l, ins[a].used, &size);
            if (l->col_build >= 0)
                h->lpx[l->col_build + (size > 0 ? size : 0) + 1] = 1;
            chosen[ins[a].link] = 1;
        }
        for (int b = 0; b < n_out; b++) {
            if (!(outs[b].used > 0))
                continue;
            const snp_link *l = snp_model_link(m, outs[b].link);
            int f, size;
            snp_node_kind_of(in, l->head, &f);
            const snp_demand *dm = &in->facilities[f].demands[outs[b].end];
            double ratio = accept_ratio(dm, l->resource);
            if (dm->n_limits == 0)
                g->dem_left[g->dem_off[f] + outs[b].end] -= outs[b].used * l->arrive * ratio;
            h->lpx[l->first_flow + 1] += outs[b].used;
            link_fixed(l, outs[b].used, &size);
            if (l->col_build >= 0)
                h->lpx[l->col_build + (size > 0 ? size : 0) + 1] = 1;
            chosen[outs[b].link] = 1;
        }
    }
    rc = 0;
done:
    snp_free(start);
    snp_free(list);
    snp_free(ins);
    snp_free(outs);
    snp_free(heap);
    return rc;
}

/* Chooses the links (lazy greedy: savings only fall as the ends' residuals fall), marks them
 * in chosen[link] and writes them into h->lpx as an LP solution that round_all opens: flow q
 * and the chosen size. Returns -1 when memory runs out. */
static int greedy_choose(heur *h, char *chosen)
{
    const sn_model *m = h->m;
    const sn_instance *in = m->inst;
    greedy g;
    memset(&g, 0, sizeof g);
    g.m = m;
    int nf = in->n_facilities, nl = (int)m->links.len, ns = 0, nd = 0, rc = -1, n = 0;
    g.sup_off = snp_calloc((size_t)nf + 1, sizeof *g.sup_off);
    g.dem_off = snp_calloc((size_t)nf + 1, sizeof *g.dem_off);
    g.corr_open = snp_calloc((size_t)in->n_corridors + 1, 1);
    gentry *hp = snp_calloc((size_t)nl + 1, sizeof *hp);
    if (!g.sup_off || !g.dem_off || !g.corr_open || !hp)
        goto done;
    for (int f = 0; f < nf; f++) {
        g.sup_off[f] = ns;
        g.dem_off[f] = nd;
        ns += in->facilities[f].n_supplies;
        nd += in->facilities[f].n_demands;
    }
    g.sup_left = snp_calloc((size_t)ns + 1, sizeof *g.sup_left);
    g.dem_left = snp_calloc((size_t)nd + 1, sizeof *g.dem_left);
    if (!g.sup_left || !g.dem_left)
        goto done;
    for (int f = 0; f < nf; f++) {
        for (int k = 0; k < in->facilities[f].n_supplies; k++)
            g.sup_left[g.sup_off[f] + k] = in->facilities[f].supplies[k].amount;
        for (int k = 0; k < in->facilities[f].n_demands; k++)
            g.dem_left[g.dem_off[f] + k] = in->facilities[f].demands[k].amount;
    }
    /* the budget less what is built whatever happens: forced links, hubs and corridors */
    g.budget_left = in->has_budget ? in->budget : INFINITY;
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (l->forced)
            g.budget_left -= l->fixed_capital;
        if (l->forced && l->corridor >= 0)
            g.corr_open[l->corridor] = 1;
    }
    for (int hb = 0; hb < in->n_hubs; hb++)
        if (in->hubs[hb].status == SNP_STATUS_FORCED)
            g.budget_left -= in->hubs[hb].capacities[0].capital;
    for (int c = 0; c < in->n_corridors; c++)
        if (in->corridors[c].status == SNP_STATUS_FORCED) {
            g.budget_left -= in->corridors[c].capital;
            g.corr_open[c] = 1;
        }
    memset(h->lpx, 0, ((size_t)h->n + 1) * sizeof *h->lpx);
    for (int k = 0; k < nl; k++) {
        gpick p;
        if (gr_eval(&g, snp_model_link(m, k), &p))
            gheap_push(hp, &n, (gentry){p.tier, p.saving, k});
    }
    while (n > 0) {
        gentry e = gheap_pop(hp, &n);
        const snp_link *l = snp_model_link(m, e.link);
        gpick p;
        if (!gr_eval(&g, l, &p))
            continue;
        gentry now = {p.tier, p.saving, e.link};
        if (n > 0 && gentry_above(&hp[0], &now)) {
            gheap_push(hp, &n, now); /* no longer the best: look again later */
            continue;
        }
        int u, v;
        snp_node_kind_of(in, l->tail, &u);
        snp_node_kind_of(in, l->head, &v);
        const snp_demand *dm = &in->facilities[v].demands[p.demand];
        double ratio = accept_ratio(dm, l->resource);
        g.sup_left[g.sup_off[u] + p.supply] -= p.q;
        /* a demand with a quality limit may need a blend: it stays open to more sources */
        if (dm->n_limits == 0)
            g.dem_left[g.dem_off[v] + p.demand] -= p.q * l->arrive * ratio;
        g.budget_left -= p.capital;
        if (l->corridor >= 0)
            g.corr_open[l->corridor] = 1;
        h->lpx[l->first_flow + 1] = p.q;
        if (l->col_build >= 0)
            h->lpx[l->col_build + (p.size > 0 ? p.size : 0) + 1] = 1;
        chosen[e.link] = 1;
    }
    if (greedy_hubs(h, &g, chosen) != 0)
        goto done;
    rc = 0;
done:
    snp_free(g.sup_off);
    snp_free(g.dem_off);
    snp_free(g.sup_left);
    snp_free(g.dem_left);
    snp_free(g.corr_open);
    snp_free(hp);
    return rc;
}

/* Closes (shut = 1) or reopens the links without a binary that the greedy pass did not
 * choose, in the heuristic's private LP: trucks and free links would otherwise keep the whole
 * transport problem of their resources in the LP of the fixed network. */
static void shut_unchosen(heur *h, const char *chosen, int shut)
{
    const sn_model *m = h->m;
    for (int k = 0; k < (int)m->links.len; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (l->col_build >= 0 || chosen[k])
            continue;
        for (int q = 0; q < l->n_comm; q++) {
            int j = l->first_flow + q;
            if (shut)
                glp_set_col_bnds(h->lp, j + 1, GLP_FX, 0, 0);
            else
                set_col_bounds(h->lp, j + 1, snp_model_col(m, j));
        }
    }
}

/* Builds the first network into h->first; 0 when there is one. */
static int first_network(heur *h)
{
    char *chosen = snp_calloc(h->m->links.len + 1, 1);
    if (!chosen || greedy_choose(h, chosen) != 0) {
        snp_free(chosen);
        return -1;
    }
    double z;
    h->presolve = 1; /* no basis yet, and most of the model is fixed at zero */
    shut_unchosen(h, chosen, 1);
    round_all(h, h->lpx, 1e-9);
    int rc = heur_price(h, &z);
    if (rc != 0) {
        /* nothing built but what is forced (business as usual where it exists) */
        memset(h->lpx, 0, ((size_t)h->n + 1) * sizeof *h->lpx);
        round_all(h, h->lpx, 1e-9);
        rc = heur_price(h, &z);
    }
    shut_unchosen(h, chosen, 0);
    snp_free(chosen);
    h->presolve = 0;
    if (rc != 0)
        return -1;
    h->first = snp_calloc((size_t)h->n + 1, sizeof *h->first);
    if (!h->first)
        return -1;
    memcpy(h->first, h->x, ((size_t)h->n + 1) * sizeof *h->x);
    h->first_obj = z;
    return 0;
}

/* GLP_IHEUR: at the root, then as long as it takes under a tenth of the search time. */
static void heur_node(heur *h, glp_tree *T, double elapsed)
{
    glp_prob *P = glp_ios_get_prob(T);
    if (h->first && !h->first_given) {
        /* the network built before the LP (11.2): GLPK keeps it unless it has a better one */
        h->first_given = 1;
        int have = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
        if (!have || h->first_obj < glp_mip_obj_val(P) - 1e-9 * fabs(h->first_obj))
            glp_ios_heur_sol(T, h->first);
    }
    if (!h->lp || (h->calls > 0 && h->time_s > 0.1 * elapsed) || now_s() >= h->deadline)
        return;
    double t0 = now_s();
    h->calls++;
    for (int j = 1; j <= h->n; j++)
        h->lpx[j] = glp_get_col_prim(P, j);
    double z;
    if (heur_network(h, h->lpx, &z) == 0) {
        int have = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
        if (!have || z < glp_mip_obj_val(P) - 1e-9 * fabs(z))
            if (glp_ios_heur_sol(T, h->x) == 0)
                h->found++;
    }
    h->time_s += now_s() - t0;
}

/* GLP_IBRANCH: branch on a fractional build decision (hub, corridor, link) before any truck
 * trip, choosing the one whose fixed cost times fractionality is largest, and try building
 * it first. When no binary is fractional, GLPK's own rule chooses among the trips. */
static void branch_node(const sn_model *m, glp_tree *T)
{
    glp_prob *P = glp_ios_get_prob(T);
    int n = (int)m->cols.len, best = 0;
    double best_score = -1, best_v = 0;
    for (int j = 1; j <= n; j++) {
        if (!glp_ios_can_branch(T, j) || snp_model_col(m, j - 1)->kind != SNP_COL_BIN)
            continue;
        double v = glp_get_col_prim(P, j), f = fmin(v, 1 - v);
        double score = f * (fabs(snp_model_col(m, j - 1)->obj) + 1);
        if (score > best_score) {
            best_score = score;
            best = j;
            best_v = v;
        }
    }
    if (best > 0)
        glp_ios_branch_upon(T, best, best_v >= 0.5 ? GLP_UP_BRNCH : GLP_DN_BRNCH);
}

/* Symnet's own cuts (docs/model.md 11.3, 11.4): the separators and their scratch space. */
typedef struct cutgen {
    snp_sepa_dicut *dicut;
    snp_sepa_flowcover *flowcover;
    snp_sepa_hubcap *hubcap;
    double *x; /* the LP point, one value per model column */
    int *ind;  /* a cut for glp_ios_add_row (1-based) */
    double *val;
    int n_cols;
    glp_tree *T;   /* the tree the sink adds to */
    double time_s; /* spent separating */
    long added;
} cutgen;

static void cutgen_free(cutgen *c)
{
    if (!c)
        return;
    snp_sepa_dicut_free(c->dicut);
    snp_sepa_flowcover_free(c->flowcover);
    snp_sepa_hubcap_free(c->hubcap);
    snp_free(c->x);
    snp_free(c->ind);
    snp_free(c->val);
    snp_free(c);
}

/* NULL when no separator applies to the model (or without memory: the search goes on
 * without) */
static cutgen *cutgen_new(const sn_model *m)
{
    cutgen *c = snp_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->n_cols = (int)m->cols.len;
    c->dicut = snp_sepa_dicut_create(m);
    c->flowcover = snp_sepa_flowcover_create(m);
    c->hubcap = snp_sepa_hubcap_create(m);
    c->x = snp_calloc((size_t)c->n_cols + 1, sizeof *c->x);
    c->ind = snp_calloc((size_t)c->n_cols + 1, sizeof *c->ind);
    c->val = snp_calloc((size_t)c->n_cols + 1, sizeof *c->val);
    if ((!c->dicut && !c->flowcover && !c->hubcap) || !c->x || !c->ind || !c->val) {
        cutgen_free(c);
        return NULL;
    }
    return c;
}

static int add_cut(void *ctx, int len, const int *col, const double *coef, double lb)
{
    cutgen *c = ctx;
    if (len <= 0 || len > c->n_cols)
        return 0;
    for (int i = 0; i < len; i++) {
        c->ind[i + 1] = col[i] + 1;
        c->val[i + 1] = coef[i];
    }
    /* class 101: the first of the classes GLPK leaves to the application */
    glp_ios_add_row(c->T, NULL, 101, 0, len, c->ind, c->val, GLP_LO, lb);
    c->added++;
    return 0;
}

/* GLP_ICUTGEN: at the root, then at nodes while separating has used under a tenth of the
 * search time (the same budget as the heuristic's) */
static void cut_node(cutgen *c, glp_tree *T, double elapsed)
{
    if (glp_ios_curr_node(T) != 1 && c->time_s > 0.1 * elapsed)
        return;
    double t = now_s();
    glp_prob *P = glp_ios_get_prob(T);
    for (int j = 0; j < c->n_cols; j++)
        c->x[j] = glp_get_col_prim(P, j + 1);
    c->T = T;
    if (c->dicut)
        (void)snp_sepa_dicut_run(c->dicut, c->x, add_cut, c);
    if (c->flowcover)
        (void)snp_sepa_flowcover_run(c->flowcover, c->x, add_cut, c);
    if (c->hubcap)
        (void)snp_sepa_hubcap_run(c->hubcap, c->x, add_cut, c);
    c->time_s += now_s() - t;
}

typedef struct search {
    const sn_params *params;
    double t0, last_report;
    double bound; /* best bound seen in the tree */
    int interrupted;
    int timed_out; /* stopped by the time limit from the callback (see on_node) */
    const sn_model *m;
    heur *heur;         /* NULL: no problem-specific heuristic */
    int branch;         /* 1: problem-specific branching */
    int in_root_lp;     /* 1 while the LP before glp_intopt runs */
    double last_cutgen; /* now_s() at the last GLP_ICUTGEN callback, 0 before the first */
    cutgen *cuts;       /* NULL: no problem-specific cuts */
    glp_iocp *iocp;     /* the parameters glp_intopt runs with (see on_node) */
    int lp_restarts;    /* root LP solved again after a verdict of no feasible solution */
} search;

static void report(search *s, glp_tree *T, int force)
{
    double t = now_s();
    if (!s->params->progress || (!force && t - s->last_report < s->params->progress_every_s))
        return;
    s->last_report = t;
    glp_prob *P = glp_ios_get_prob(T);
    sn_progress p;
    memset(&p, 0, sizeof p);
    p.elapsed_s = t - s->t0;
    p.has_incumbent = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
    p.incumbent = p.has_incumbent ? glp_mip_obj_val(P) : NAN;
    p.bound = s->bound;
    p.gap = p.has_incumbent ? glp_ios_mip_gap(T) : -1;
    int a_cnt, n_cnt, t_cnt;
    glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
    p.nodes_open = a_cnt;
    p.nodes_done = t_cnt - a_cnt;
    s->params->progress(&p, s->params->progress_ctx);
}

static void on_node(glp_tree *T, void *info)
{
    search *s = info;
    int why = glp_ios_reason(T);
    if (why == GLP_IHEUR && s->heur)
        heur_node(s->heur, T, now_s() - s->t0);
    else if (why == GLP_ICUTGEN && s->cuts)
        cut_node(s->cuts, T, now_s() - s->t0);
    else if (why == GLP_IBRANCH && s->branch)
        branch_node(s->m, T);
    /* GLPK's MIR cuts at the root only: once the root branches, they are switched off. At
     * every node they cost more than they bought (k14x182: 108 s with them, 38 s root only;
     * bench/classics/README.md). GLPK 5.0 reads its parameters through the caller's glp_iocp
     * during the search (T->parm); a GLPK that copied them would keep MIR on, which is only
     * slower. */
    if (why == GLP_IBRANCH && s->iocp && glp_ios_curr_node(T) == 1)
        s->iocp->mir_cuts = GLP_OFF;
    int best = glp_ios_best_node(T);
    if (best > 0) {
        /* a node not solved yet has bound -DBL_MAX (no bound); every other node bound, like
         * the root LP's, bounds every network, so the best of them is kept */
        double b = glp_ios_node_bound(T, best);
        if (isfinite(b) && b > -0.5 * DBL_MAX && b > s->bound)
            s->bound = b;
    }
    report(s, T, glp_ios_reason(T) == GLP_IBINGO);
    if (s->params->interrupt && *s->params->interrupt) {
        s->interrupted = 1;
        glp_ios_terminate(T);
    }
    /* GLPK checks its own time limit between nodes only, so a long root (an LP and rounds of
     * cuts on a large region) could overrun it by minutes: the callback checks it too. */
    if (s->params->time_limit_s > 0 && !s->interrupted &&
        now_s() - s->t0 >= s->params->time_limit_s) {
        s->timed_out = 1;
        glp_ios_terminate(T);
    }
    /* After GLP_ICUTGEN, GLPK generates its own cuts and re-solves the LP without calling
     * back: at the root of XL-1 one such round takes 40 s and overran a 600 s limit by 47 s.
     * So the search stops here when one more round, judged by the last one, would end past
     * the limit. */
    if (why == GLP_ICUTGEN) {
        double t = now_s();
        if (s->params->time_limit_s > 0 && !s->interrupted && !s->timed_out && s->last_cutgen > 0 &&
            t - s->t0 + (t - s->last_cutgen) > s->params->time_limit_s) {
            s->timed_out = 1;
            glp_ios_terminate(T);
        }
        s->last_cutgen = t;
    }
}

/* Gives dst (a copy of src's rows and columns) src's basis. */
static void copy_basis(glp_prob *dst, glp_prob *src)
{
    for (int i = 1; i <= glp_get_num_rows(src); i++)
        glp_set_row_stat(dst, i, glp_get_row_stat(src, i));
    for (int j = 1; j <= glp_get_num_cols(src); j++)
        glp_set_col_stat(dst, j, glp_get_col_stat(src, j));
}

static void free_heur(heur *h)
{
    if (h) {
        heur_free(h);
        snp_free(h);
    }
}

/* Progress outside GLPK's tree (before and during the root LP): the first network if any. */
static void report_plain(search *s, int force)
{
    double t = now_s();
    if (!s->params->progress || (!force && t - s->last_report < s->params->progress_every_s))
        return;
    s->last_report = t;
    sn_progress p;
    memset(&p, 0, sizeof p);
    p.elapsed_s = t - s->t0;
    p.has_incumbent = s->heur && s->heur->first;
    p.incumbent = p.has_incumbent ? s->heur->first_obj : NAN;
    p.bound = s->bound;
    p.gap = -1;
    p.nodes_open = 1;
    s->params->progress(&p, s->params->progress_ctx);
}

/* GLPK's simplex has no callback: the root LP runs in slices, each warm-started from the basis
 * the last one left, so that a signal stops it and progress is reported. A slice is a number of
 * simplex iterations, not seconds: the same region and parameters take the same path whatever
 * the machine's load (slices of 2 s wall time once made p50x288 infeasible on a busy machine
 * and optimal on a quiet one, docs/model.md 11). About SLICE_WORK nonzeros are touched per
 * slice (one to two seconds on the measured models), at least 200 and at most 5,000
 * iterations. */
#define SLICE_WORK 5e8

/* Rows from which the root LP starts from GLPK's advanced basis (M regions have about 5,000,
 * L about 32,000). */
#define ADV_BASIS_MIN_ROWS 20000

static int slice_iterations(glp_prob *P)
{
    double nz = fmax(1.0, (double)glp_get_num_nz(P));
    return (int)fmin(5000.0, fmax(200.0, SLICE_WORK / nz));
}

/* Runs glp_simplex with sp in slices (see above) until it ends; GLPK's return code, GLP_ESTOP
 * when interrupted, GLP_ETMLIM at the time limit. */
static int simplex_sliced(glp_prob *P, search *s, glp_smcp *sp)
{
    const sn_params *prm = s->params;
    sp->it_lim = slice_iterations(P);
    for (;;) {
        sp->tm_lim = INT_MAX;
        if (prm->time_limit_s > 0) {
            double left = prm->time_limit_s - (now_s() - s->t0);
            if (left <= 0) {
                s->timed_out = 1;
                return GLP_ETMLIM;
            }
            sp->tm_lim = left * 1000 >= (double)INT_MAX ? INT_MAX
                         : left * 1000 < 1              ? 1
                                                        : (int)(left * 1000);
        }
        int rc = glp_simplex(P, sp);
        if (rc == GLP_ETMLIM)
            s->timed_out = 1;
        if (rc != GLP_EITLIM)
            return rc;
        report_plain(s, 0);
        if (prm->interrupt && *prm->interrupt) {
            s->interrupted = 1;
            return GLP_ESTOP;
        }
    }
}

/* The LP before glp_intopt; GLPK's return code, GLP_ESTOP when interrupted.
 *
 * Method. Below ADV_BASIS_MIN_ROWS rows, the dual simplex from the all-slack basis (GLP_DUALP:
 * the primal takes over if the dual fails). Every cost of the network model is >= 0, so that
 * basis is dual feasible and the dual simplex has no phase 1, while the primal simplex must
 * find feasibility through a highly degenerate phase 1: p50x288's root LP takes 10 CPU s with
 * the dual simplex and 44 s with the primal one, p50x288b's 13 s against 109 s. On a large
 * model, the primal simplex from GLPK's advanced initial basis (glp_adv_basis, a triangular
 * basis over the structurals): on L-1 9.6 s, against 23.6 s for the dual simplex from the
 * slacks (build/bench/root_lp on the exported models, docs/model.md 11).
 *
 * Safeguard. A restarted primal simplex can lose the feasibility it had (the refactorised basis
 * violates a bound by more than GLPK's tolerance), and its phase 1 then sometimes ends with
 * "no feasible solution" on a feasible LP: this is how p50x288 was once reported infeasible.
 * So a verdict of no feasible solution, or a numerical failure, is never taken from one run:
 * the LP is solved again from a fresh basis with the other method, and only when that run
 * agrees is the LP called infeasible (and even then sn_solve asks for a certificate before
 * saying so, docs/model.md 10.1). */
static int root_lp(glp_prob *P, search *s)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    s->in_root_lp = 1;
    int adv = glp_get_num_rows(P) >= ADV_BASIS_MIN_ROWS;
    if (adv)
        glp_adv_basis(P, 0);
    sp.meth = adv ? GLP_PRIMAL : GLP_DUALP;
    int rc = simplex_sliced(P, s, &sp);
    int trouble = (rc == 0 && glp_get_status(P) == GLP_NOFEAS) || rc == GLP_ESING ||
                  rc == GLP_ECOND || rc == GLP_EFAIL || rc == GLP_EBADB;
    if (trouble) {
        s->lp_restarts++;
        glp_std_basis(P);
        sp.meth = adv ? GLP_DUALP : GLP_PRIMAL;
        rc = simplex_sliced(P, s, &sp);
    }
    if (rc != GLP_ETMLIM && rc != GLP_ESTOP)
        s->in_root_lp = 0;
    return rc;
}

/* A network found under a time limit may pay for more truck trips than its flows need (the
 * search had no reason to lower them yet): sets every trip count to the fewest whole trips
 * that carry the link's flow, which keeps every constraint (trips appear only in 8.5), and
 * returns the annual cost this saves. */
static double polish_trips(const sn_model *m, double *x)
{
    double saved = 0;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->col_trips < 0 || !(l->trip_capacity > 0))
            continue;
        const snp_col *c = snp_model_col(m, l->col_trips);
        double flow = 0;
        for (int q = 0; q < l->n_comm; q++)
            flow += fmax(0, x[l->first_flow + q]);
        double need = ceil(flow / l->trip_capacity - 1e-9), have = x[l->col_trips];
        need = fmax(need, c->lb);
        if (need < have - 0.5 && c->obj > 0) {
            saved += c->obj * (have - need);
            x[l->col_trips] = need;
        }
    }
    return saved;
}

/* cover_cuts: 0 turns GLPK's cover cuts off even when prm->cuts asks for cuts (see sn_solve). */
static sn_status run(const sn_model *m, const sn_params *prm, int cover_cuts, sn_solution *sol,
                     sn_diag *diag)
{
    guard g;
    glp_prob *volatile P = NULL;
    heur *volatile hp = NULL;
    cutgen *volatile cg = NULL;
    if (setjmp(g.env)) {
        glp_error_hook(NULL, NULL);
        cutgen_free(cg);
        if (hp) {
            hp->lp = NULL; /* glp_free_env freed every GLPK object */
            free_heur(hp);
        }
        snp_diag_add(diag, SN_ESOLVER, NULL, NULL, "GLPK stopped with an internal error");
        return SN_ESOLVER;
    }
    glp_error_hook(on_glpk_error, &g);
    glp_term_hook(on_glpk_output, NULL);
    P = load(m);
    if (!P) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory loading the model");
        return SN_ENOMEM;
    }
    glp_scale_prob(P, GLP_SF_AUTO);

    search s;
    memset(&s, 0, sizeof s);
    s.params = prm;
    s.t0 = s.last_report = now_s();
    s.bound = -INFINITY;

    /* symnet's own search needs the model's column numbering: GLPK's presolver is then off */
    int own = prm->search && m->kind == SN_MODEL_NETWORK;
    glp_iocp p;
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.br_tech = GLP_BR_DTH;
    p.bt_tech = GLP_BT_BLB;
    /* GLPK's feasibility pump runs at the root while there is no network. With symnet's own
     * search it is off: where the first network (11.2) exists it never runs, and where it
     * does not (FCNetLib: every supply must ship) the pump took 43 s of g40x132's root and
     * found nothing that the LP-rounding heuristic did not (bench/classics/README.md) */
    p.fp_heur = own ? GLP_OFF : GLP_ON;
    if (prm->cuts) {
        p.mir_cuts = GLP_ON;
        p.gmi_cuts = GLP_ON;
        p.cov_cuts = cover_cuts ? GLP_ON : GLP_OFF;
        p.clq_cuts = GLP_ON;
    }
    p.mip_gap = prm->mip_gap;
    if (prm->time_limit_s > 0)
        p.tm_lim =
            prm->time_limit_s * 1000 >= (double)INT_MAX ? INT_MAX : (int)(prm->time_limit_s * 1000);
    p.cb_func = on_node;
    p.cb_info = &s;
    int rc = 0;
    s.m = m;
    s.branch = own;
    if (own && prm->cuts) {
        s.cuts = cg = cutgen_new(m);
        s.iocp = &p;
    }
    if (own) {
        /* without memory for it the search goes on without the heuristic */
        hp = snp_calloc(1, sizeof *hp);
        if (hp && heur_init(hp, m, P) == 0) {
            s.heur = hp;
            /* the first network is built whatever the time limit (it takes about a second
             * at 3,000 facilities, bench/RESULTS.md): a limit shorter than that still ends
             * with a network */
            hp->deadline = INFINITY;
            if (first_network(hp) == 0)
                report_plain(&s, 1);
            hp->deadline = prm->time_limit_s > 0 ? s.t0 + prm->time_limit_s : INFINITY;
        }
    }
    if (!prm->presolve || own) {
        p.presolve = GLP_OFF;
        rc = root_lp(P, &s);
        if (rc == 0 && glp_get_status(P) == GLP_NOFEAS)
            rc = GLP_ENOPFS;
        else if (rc == 0 && glp_get_status(P) == GLP_UNBND)
            rc = GLP_ENODFS;
        else if (rc == 0 && glp_get_status(P) == GLP_OPT)
            s.bound = glp_get_obj_val(P); /* the root LP bounds every network */
        if (rc == 0 && hp && hp->lp)
            copy_basis(hp->lp, P); /* the heuristic warm-starts from the root's basis */
        double left = prm->time_limit_s - (now_s() - s.t0);
        if (rc == 0 && prm->time_limit_s > 0)
            p.tm_lim = left * 1000 >= (double)INT_MAX ? INT_MAX
                       : left * 1000 < 1              ? 1
                                                      : (int)(left * 1000);
    }
    if (rc == 0)
        rc = glp_intopt(P, &p);
    sol->time_s = now_s() - s.t0;
    sol->interrupted = s.interrupted;
    sol->lp_restarts = s.lp_restarts;
    sol->mip_gap_tolerance = prm->mip_gap;
    int ms = glp_mip_status(P);
    int have = ms == GLP_OPT || ms == GLP_FEAS;
    /* the network built before the LP is reported when GLPK has none as good (e.g. the time
     * limit or a signal stopped the root LP) */
    const double *first = hp ? hp->first : NULL;
    double first_obj = hp ? hp->first_obj : NAN;
    int use_first = first && (!have || first_obj < glp_mip_obj_val(P) - 1e-9 * fabs(first_obj));
    have = have || use_first;
    switch (rc) {
    case 0:
        sol->search_done = ms == GLP_NOFEAS;
        sol->status = ms == GLP_OPT      ? SN_SOL_OPTIMAL
                      : ms == GLP_NOFEAS ? SN_SOL_INFEASIBLE
                      : have             ? SN_SOL_FEASIBLE
                                         : SN_SOL_NO_SOLUTION;
        snprintf(sol->message, sizeof sol->message, "branch-and-cut finished");
        break;
    case GLP_ENOPFS:
        sol->status = SN_SOL_INFEASIBLE;
        snprintf(sol->message, sizeof sol->message, "the LP relaxation has no feasible solution");
        break;
    case GLP_ENODFS:
        sol->status = SN_SOL_UNBOUNDED;
        snprintf(sol->message, sizeof sol->message, "the LP relaxation is unbounded");
        break;
    case GLP_EMIPGAP:
        sol->status = have ? SN_SOL_OPTIMAL : SN_SOL_NO_SOLUTION;
        snprintf(sol->message, sizeof sol->message, "gap tolerance %g reached", prm->mip_gap);
        break;
    case GLP_ETMLIM:
    case GLP_ESTOP:
        sol->status = have ? SN_SOL_FEASIBLE : SN_SOL_NO_SOLUTION;
        sol->hit_time_limit = rc == GLP_ETMLIM || (rc == GLP_ESTOP && s.timed_out);
        snprintf(sol->message, sizeof sol->message, "%s%s",
                 sol->hit_time_limit ? "time limit reached" : "interrupted",
                 s.in_root_lp ? " in the root LP" : "");
        break;
    default:
        free_heur(hp);
        cutgen_free(cg);
        glp_delete_prob(P);
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        snp_diag_add(diag, SN_ESOLVER, NULL, NULL, "GLPK failed (glp_intopt returned %d)", rc);
        return SN_ESOLVER;
    }
    int network = have && (sol->status == SN_SOL_OPTIMAL || sol->status == SN_SOL_FEASIBLE);
    if (network) {
        sol->has_x = 1;
        for (int j = 0; j < (int)m->cols.len; j++)
            sol->x[j] = use_first ? first[j + 1] : glp_mip_col_val(P, j + 1);
        sol->objective = (use_first ? first_obj : glp_mip_obj_val(P)) - polish_trips(m, sol->x);
        if (sol->status == SN_SOL_OPTIMAL && rc == 0)
            sol->bound = sol->objective;
        else
            sol->bound = s.bound < sol->objective ? s.bound : sol->objective;
        if (isfinite(sol->bound))
            sol->gap = fabs(sol->objective - sol->bound) / (fabs(sol->objective) + 1e-9);
        else
            sol->gap = NAN;
    } else {
        sol->objective = NAN;
        sol->bound = s.bound;
        sol->gap = NAN;
    }
    free_heur(hp);
    hp = NULL;
    cutgen_free(cg);
    cg = NULL;
    glp_delete_prob(P);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    return SN_OK;
}

sn_status snp_glpk_solve(const sn_model *m, const sn_params *p, sn_solution *sol, sn_diag *diag)
{
    /* GLPK 5.0's cover-cut generator fails (glp_add_cols: ncs = 0) when its presolver fixes
     * every column, e.g. when the budget excludes every binary; its error hook leaves nothing
     * behind, so the solve is run again without cover cuts, in the time that remains. */
    sn_diag first;
    sn_diag_init(&first);
    double t0 = now_s();
    sn_status st = run(m, p, 1, sol, p->cuts ? &first : diag);
    if (st == SN_ESOLVER && p->cuts) {
        double spent = now_s() - t0;
        sn_params again = *p;
        if (p->time_limit_s > 0)
            again.time_limit_s = p->time_limit_s - spent > 0.001 ? p->time_limit_s - spent : 0.001;
        st = run(m, &again, 0, sol, diag);
        sol->time_s += spent;
    } else if (st != SN_OK && p->cuts) {
        for (int i = 0; i < first.count; i++)
            snp_diag_add(diag, first.errors[i].code, NULL, NULL, "%s", first.errors[i].message);
    }
    return st;
}
