/*
 * split.c - independent parts solved apart (docs/model.md 11.7; issue 17), the plugin "split"
 * of the table in plugins.c (kind decomposition, run by sn_solve before any search).
 *
 * Stage: sn_model -> [solve] -> sn_solution. No solver types here: the parts are solved by
 * glpk.c's search (snp_glpk_solve_from), each on a model of its own.
 *
 * Procedure. The columns of the model are the vertices of a graph, and every row joins all the
 * columns it holds (union-find over the row-wise matrix, O(nonzeros * alpha)). A connected
 * component that holds an integer column (a build decision or truck trips) is a part; every
 * other component (continuous columns only, e.g. a facility that no candidate reaches: its
 * disposal and purchases) goes into one rest part. With two or more parts holding a decision,
 * the heuristics that run before any LP (11.2) run once, on the whole model, as they would
 * without the split: the restriction of their network to a part is a network of the part. Then
 * each part, smallest first, becomes a model of its own (its columns and rows, in the model's
 * order, with their names), searched by GLPK's branch-and-cut with symnet's branching rule from
 * that network for at most APART_NODES nodes; the plugins need the region's links, hubs and
 * nodes, which a part's model lacks. Each part the node limit stopped is searched again in
 * place (solve_in_place): the whole model with the other parts held at their networks and the
 * plugins on.
 *
 * Why it is exact. The rows of one part hold no column of another, so the feasible set is the
 * product of the parts' feasible sets and the objective (a sum over columns) is the sum of the
 * parts' objectives: the optimum is the sum of the parts' optima, a proven bound of each part
 * adds up to a proven bound, and a part without a network leaves the region without one. What
 * couples parts is a row: a budget or an emission cap holds every link that has capital or
 * emissions, a shared hub or corridor the links that use it, so each of these merges what it
 * touches into one part and the split happens only where nothing couples.
 *
 * Time. Each search gets a share of what is left of the time limit in proportion to its part's
 * size (columns plus nonzeros) among the searches still to come: time one does not use passes
 * on.
 */
#include "solve_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int uf_find(int *parent, int x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void uf_union(int *parent, int a, int b)
{
    a = uf_find(parent, a);
    b = uf_find(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

/* The lowest cost any values within the columns' bounds can have (a bound of a part not yet
 * solved, for progress); -INFINITY when a column can lower it without end. */
static double box_bound(const sn_model *m, const int *part, int k)
{
    double b = 0;
    for (int j = 0; j < (int)m->cols.len; j++) {
        const snp_col *c = snp_model_col(m, j);
        if (part[j] != k || c->obj == 0)
            continue;
        b += c->obj > 0 ? c->obj * c->lb : c->obj * c->ub;
    }
    return isnan(b) ? -INFINITY : b;
}

/* Progress of the whole while one part is searched: the finished parts' results, the part's
 * own progress and, for the parts still waiting, the network of the heuristics and the bound
 * of the columns' bounds. A part searched in place reports the whole model with every other
 * part held at its network, whose cost fixed_cost is taken out again. */
typedef struct split_progress {
    const sn_params *p;
    double t0;
    int n_parts, current;
    int in_place;      /* the current part is searched in place */
    double fixed_cost; /* then: the cost of the other parts' networks it holds */
    int *has;          /* per part: a network known */
    double *obj;       /* its cost */
    double *bnd;       /* per part: the best bound known */
} split_progress;

static void on_part_progress(const sn_progress *pp, void *ctx)
{
    split_progress *sp = ctx;
    sn_progress q = *pp;
    q.elapsed_s = snp_now_s() - sp->t0;
    if (sp->in_place) {
        q.incumbent -= sp->fixed_cost;
        q.bound -= sp->fixed_cost;
    }
    for (int k = 0; k < sp->n_parts; k++) {
        if (k == sp->current)
            continue;
        q.has_incumbent = q.has_incumbent && sp->has[k];
        q.incumbent += sp->obj[k];
        q.bound += sp->bnd[k];
    }
    if (!q.has_incumbent)
        q.incumbent = NAN;
    q.gap = q.has_incumbent && isfinite(q.bound)
                ? fabs(q.incumbent - q.bound) / (fabs(q.incumbent) + 1e-9)
                : -1;
    sp->p->progress(&q, sp->p->progress_ctx);
}

/* Part k of m as a model of its own: its columns and rows in m's order (loc: m's column ->
 * the part's), with their names. NULL without memory. */
static sn_model *part_model(const sn_model *m, const int *part, const int *row_part, int k,
                            int *loc)
{
    sn_model *s = snp_model_new(m->inst, m->kind);
    if (!s)
        return NULL;
    for (int j = 0; j < (int)m->cols.len; j++) {
        if (part[j] != k)
            continue;
        const snp_col *c = snp_model_col(m, j);
        loc[j] = snp_model_add_col(s, c->kind, c->lb, c->ub, c->obj, c->role, c->a, c->b, "%s",
                                   snp_model_col_name(m, j));
        if (loc[j] < 0) {
            sn_model_free(s);
            return NULL;
        }
    }
    for (int i = 0; i < (int)m->rows.len; i++) {
        if (row_part[i] != k)
            continue;
        const snp_row *r = snp_model_row(m, i);
        if (snp_model_row_begin(s, "%s", snp_model_row_name(m, i)) != 0) {
            sn_model_free(s);
            return NULL;
        }
        for (size_t e = r->start; e < snp_model_row_stop(m, i); e++)
            if (snp_model_row_add(s, loc[SNP_VEC_AT(&m->idx, int, e)],
                                  SNP_VEC_AT(&m->val, double, e)) != 0) {
                sn_model_free(s);
                return NULL;
            }
        if (snp_model_row_end(s, r->lb, r->ub) != 0) {
            sn_model_free(s);
            return NULL;
        }
    }
    return s;
}

/* The plugin table's entry of the split. */
static int split_index(void)
{
    for (int i = 0; i < snp_plugin_count(); i++)
        if (snp_plugin_get(i)->kind == SNP_PLUGIN_DECOMPOSITION)
            return i;
    return -1;
}

/* Parts of m: part[j] for every column (0 .. n_parts-1, the parts holding a decision first in
 * the order of their first column, the rest part last) and row_part[i] for every row (-1 for a
 * row without columns). Returns the number of parts holding a decision, -1 without memory. */
static int find_parts(const sn_model *m, int *part, int *row_part, int *n_parts)
{
    int n = (int)m->cols.len;
    int *parent = snp_calloc((size_t)n, sizeof *parent);
    int *label = snp_calloc((size_t)n, sizeof *label);
    if (!parent || !label) {
        snp_free(parent);
        snp_free(label);
        return -1;
    }
    for (int j = 0; j < n; j++) {
        parent[j] = j;
        label[j] = -1;
    }
    for (int i = 0; i < (int)m->rows.len; i++) {
        size_t s = snp_model_row(m, i)->start, e = snp_model_row_stop(m, i);
        for (size_t k = s + 1; k < e; k++)
            uf_union(parent, SNP_VEC_AT(&m->idx, int, s), SNP_VEC_AT(&m->idx, int, k));
    }
    /* label[root]: 1 when the component holds an integer column */
    for (int j = 0; j < n; j++)
        if (snp_model_col(m, j)->kind != SNP_COL_CONT)
            label[uf_find(parent, j)] = 1;
    int decisions = 0;
    for (int j = 0; j < n; j++) { /* roots are the least column of their component */
        int r = uf_find(parent, j);
        if (r == j && label[j] == 1)
            label[j] = 2 + decisions++; /* part number + 2 */
    }
    int rest = 0;
    for (int j = 0; j < n; j++) {
        int l = label[uf_find(parent, j)];
        part[j] = l >= 2 ? l - 2 : decisions;
        rest |= l < 2;
    }
    for (int i = 0; i < (int)m->rows.len; i++) {
        size_t s = snp_model_row(m, i)->start;
        row_part[i] = s < snp_model_row_stop(m, i) ? part[SNP_VEC_AT(&m->idx, int, s)] : -1;
    }
    *n_parts = decisions + rest;
    snp_free(parent);
    snp_free(label);
    return decisions;
}

/* Nodes a part's first search may take on its own model (see solve_parts). */
#define APART_NODES 1000

/* A part of at least this share of the model (columns plus nonzeros) leaves it whole: the
 * other parts are small, and splitting them off buys less than the second root LP and the
 * held search cost (generated M-1: one part of 24 holds 74 % of the model; split, it ended 25 s
 * at a gap of 1.6 % with the large part searched apart first, 0.38 % with it in place at once,
 * where the whole model reached 0.15 % in the same run of the machine). */
#define DOMINANT_SHARE 0.5

/* Least wall time a search is given under a time limit (see solve_parts). */
#define MIN_SHARE_S 1.0

typedef struct split_work {
    int *part, *row_part, *loc;
    double *first;              /* the heuristics' network of m, NULL without one */
    double *start;              /* [1..n] a network for a search (of a part, or of m) */
    double *fix;                /* per column of m: NAN, or the value it is held at */
    double *size;               /* per part: columns plus nonzeros */
    int apart_nodes;            /* node limit of the first search of a part */
    int *order;                 /* the parts, smallest first */
    sn_solution_status *status; /* per part, once solved */
    int *again;                 /* per part: to be searched in place */
    char (*message)[sizeof(((sn_solution *)0)->message)]; /* per part: the solver's last word */
    split_progress pr;
} split_work;

static void work_free(split_work *w)
{
    snp_free(w->part);
    snp_free(w->row_part);
    snp_free(w->loc);
    snp_free(w->first);
    snp_free(w->start);
    snp_free(w->fix);
    snp_free(w->size);
    snp_free(w->order);
    snp_free(w->status);
    snp_free(w->again);
    snp_free(w->message);
    snp_free(w->pr.has);
    snp_free(w->pr.obj);
    snp_free(w->pr.bnd);
}

/* Keeps what one search of part k found: its network (map: m's column -> x's index, NULL
 * when x is indexed like m) when it is the first or costs less than the part's, and the higher
 * of the proven bounds (a search stopped before its root LP has none: the part keeps the bound
 * of its columns' bounds, box_bound). */
static void keep(const sn_model *m, split_work *w, int k, const double *x, const int *map,
                 double obj, double bound, sn_solution *sol)
{
    int n = (int)m->cols.len;
    if (!w->pr.has[k] || w->status[k] == SN_SOL_NO_SOLUTION || obj < w->pr.obj[k]) {
        for (int j = 0; j < n; j++)
            if (w->part[j] == k)
                sol->x[j] = x[map ? map[j] : j];
        w->pr.obj[k] = obj;
    }
    w->pr.has[k] = 1;
    if (bound > w->pr.bnd[k]) /* both bound the part: the box bound at first, then searches */
        w->pr.bnd[k] = bound;
    if (w->pr.bnd[k] > w->pr.obj[k])
        w->pr.bnd[k] = w->pr.obj[k];
}

/* Whether part k, with the network and bound w holds, is proven within the gap tolerance. */
static int proven(const sn_params *p, const split_work *w, int k)
{
    double z = w->pr.obj[k], b = w->pr.bnd[k];
    return isfinite(b) && z - b <= 1e-9 * (1 + fabs(z)) + p->mip_gap * fabs(z);
}

/* Folds a search's statistics into sol's. */
static void sum_stats(sn_solution *sol, const sn_solution *ss)
{
    for (int i = 0; i < sol->n_plugins; i++) {
        if (snp_plugin_get(i)->kind == SNP_PLUGIN_DECOMPOSITION)
            continue;
        sol->plugin_stats[i].calls += ss->plugin_stats[i].calls;
        sol->plugin_stats[i].found += ss->plugin_stats[i].found;
        sol->plugin_stats[i].rounds += ss->plugin_stats[i].rounds;
        sol->plugin_stats[i].seconds += ss->plugin_stats[i].seconds;
    }
}

/* The first search of part k, on a model of its own (no plugins: the part's model has no
 * links or hubs for them), from the heuristics' network, for at most APART_NODES nodes. */
static sn_status solve_apart(const sn_model *m, const sn_params *q, split_work *w, int k,
                             snp_plugin_stats *stats, sn_solution *sol, sn_diag *diag)
{
    int n = (int)m->cols.len;
    double tb = snp_now_s();
    sn_model *s = part_model(m, w->part, w->row_part, k, w->loc);
    sn_solution *ss = s ? snp_solution_new(s) : NULL;
    stats->seconds += snp_now_s() - tb;
    if (!ss) {
        sn_solution_free(ss);
        sn_model_free(s);
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory splitting the model");
        return SN_ENOMEM;
    }
    snp_search_from from = {.node_limit = w->apart_nodes};
    if (w->first) {
        for (int j = 0; j < n; j++)
            if (w->part[j] == k) {
                w->start[w->loc[j] + 1] = w->first[j];
                from.start_obj += snp_model_col(m, j)->obj * w->first[j];
            }
        from.start = w->start;
    }
    w->pr.current = k;
    w->pr.in_place = 0;
    sn_status st = snp_glpk_solve_from(s, q, &from, ss, diag);
    if (st == SN_OK) {
        sol->hit_time_limit |= ss->hit_time_limit;
        sol->interrupted |= ss->interrupted;
        sol->lp_restarts += ss->lp_restarts;
        if (!sol->warning[0] && ss->warning[0])
            snprintf(sol->warning, sizeof sol->warning, "%s", ss->warning);
        snprintf(w->message[k], sizeof w->message[k], "%s", ss->message);
        if (ss->has_x) {
            keep(m, w, k, ss->x, w->loc, ss->objective, ss->bound, sol);
            w->status[k] = proven(q, w, k) ? SN_SOL_OPTIMAL : SN_SOL_FEASIBLE;
        } else {
            w->status[k] = ss->status;
            w->pr.has[k] = 0;
            sol->search_done = ss->search_done;
        }
        /* stopped by the node limit, not by the time limit or a signal: searched again in
         * place */
        w->again[k] = ss->node_limited && w->status[k] != SN_SOL_OPTIMAL;
        if (w->again[k] && w->status[k] == SN_SOL_NO_SOLUTION)
            w->status[k] = SN_SOL_FEASIBLE; /* not a verdict */
    }
    sn_solution_free(ss);
    sn_model_free(s);
    return st;
}

/* Part k searched again in place: the whole model m with every other part that has a network
 * held at it (in GLPK's copy only) and symnet's plugins on, but for the heuristics before any
 * LP, which ran on m already; it starts from the networks the parts have. Every network this
 * search finds is one of m (the plugins' networks too, held parts or not), so its part k is a
 * network of the part. Its bound B is at most opt_k + (cost held) + the optima of the parts
 * left free (those without a network yet), so B - held - (what the free parts' networks cost)
 * bounds opt_k; the free parts keep the networks found, to be searched in place themselves. */
static sn_status solve_in_place(const sn_model *m, const sn_params *p, sn_params *q, split_work *w,
                                int k, sn_solution *sol, sn_diag *diag)
{
    int n = (int)m->cols.len;
    /* no held part pays for trips its flows do not need: the search's own polish (glpk.c) would
     * lower them, and its bound with them, below what part k is proven to */
    if (snp_polish_trips(m, sol->x) > 0)
        for (int k2 = 0; k2 < w->pr.n_parts; k2++) {
            double o = 0;
            for (int j = 0; j < n; j++)
                if (w->part[j] == k2)
                    o += snp_model_col(m, j)->obj * sol->x[j];
            if (w->pr.has[k2])
                w->pr.obj[k2] = o;
        }
    double held = 0, start_obj = 0;
    int have_start = w->pr.has[k] || w->first;
    for (int j = 0; j < n; j++) {
        int pj = w->part[j];
        double c = snp_model_col(m, j)->obj;
        int hold = pj != k && w->pr.has[pj];
        w->fix[j] = hold ? sol->x[j] : NAN;
        if (hold)
            held += c * sol->x[j];
        else if (pj != k)
            have_start = 0;
        double v = pj == k && !w->pr.has[k] && w->first ? w->first[j] : sol->x[j];
        w->start[j + 1] = v;
        start_obj += c * v;
    }
    snp_search_from from = {
        .start = have_start ? w->start : NULL, .start_obj = start_obj, .fix = w->fix};
    sn_params r = *q;
    r.disabled_plugins = p->disabled_plugins;
    for (int i = 0; i < snp_plugin_count(); i++) {
        const snp_plugin *pl = snp_plugin_get(i);
        if (pl->kind == SNP_PLUGIN_HEURISTIC && pl->before_lp)
            r.disabled_plugins |= 1u << i;
    }
    sn_solution *ss = snp_solution_new(m);
    if (!ss) {
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory splitting the model");
        return SN_ENOMEM;
    }
    w->pr.current = k;
    w->pr.in_place = 1;
    w->pr.fixed_cost = held;
    sn_status st = snp_glpk_solve_from(m, &r, &from, ss, diag);
    w->pr.in_place = 0;
    if (st == SN_OK) {
        sum_stats(sol, ss);
        sol->hit_time_limit |= ss->hit_time_limit;
        sol->interrupted |= ss->interrupted;
        sol->lp_restarts += ss->lp_restarts;
        if (!sol->warning[0] && ss->warning[0])
            snprintf(sol->warning, sizeof sol->warning, "%s", ss->warning);
        snprintf(w->message[k], sizeof w->message[k], "%s", ss->message);
        if (ss->has_x) {
            double free_obj = 0;
            for (int k2 = 0; k2 < w->pr.n_parts; k2++) {
                if (k2 == k || w->pr.has[k2])
                    continue;
                double o = 0;
                for (int j = 0; j < n; j++)
                    if (w->part[j] == k2)
                        o += snp_model_col(m, j)->obj * ss->x[j];
                keep(m, w, k2, ss->x, NULL, o, -INFINITY, sol);
                w->status[k2] = SN_SOL_FEASIBLE;
                free_obj += o;
            }
            double obj = 0;
            for (int j = 0; j < n; j++)
                if (w->part[j] == k)
                    obj += snp_model_col(m, j)->obj * ss->x[j];
            keep(m, w, k, ss->x, NULL, obj,
                 isfinite(ss->bound) ? ss->bound - held - free_obj : -INFINITY, sol);
            w->status[k] = proven(p, w, k) ? SN_SOL_OPTIMAL : SN_SOL_FEASIBLE;
        } else if (!w->pr.has[k]) {
            /* a verdict without a network: infeasible (part k and the free parts have no
             * network together, and the held parts are met, so one of them has none) or no
             * network within the limits */
            w->status[k] = ss->status;
            sol->search_done = ss->search_done;
        }
    }
    sn_solution_free(ss);
    return st;
}

/* qsort of w->order by size: ranks by key1 (size), falling; the caller reads it backwards. */
static void order_parts(split_work *w, int n_parts, snp_rank *rk)
{
    for (int k = 0; k < n_parts; k++) {
        rk[k].item = k;
        rk[k].key1 = w->size[k];
        rk[k].key2 = 0;
    }
    qsort(rk, (size_t)n_parts, sizeof *rk, snp_rank_cmp);
    for (int k = 0; k < n_parts; k++)
        w->order[k] = rk[n_parts - 1 - k].item;
}

/* Solves the parts and assembles sol (see solve_int.h). First each part on a model of its own,
 * smallest first, for at most APART_NODES nodes: most parts are proven there at little cost.
 * Then each part left unproven by that node limit, smallest first, in place (solve_in_place),
 * where symnet's plugins help. Under a time limit each search gets its share of what is left
 * (by size among the searches still to come), so time one does not use passes on. */
static sn_status solve_parts(const sn_model *m, const sn_params *p, split_work *w, int n_parts,
                             double t0, snp_plugin_stats *stats, sn_solution *sol, sn_diag *diag)
{
    sn_params q = *p;
    q.disabled_plugins = ~0u; /* the parts' own models have no links or hubs for the plugins */
    if (p->progress) {
        q.progress = on_part_progress;
        q.progress_ctx = &w->pr;
    }
    int failed = -1; /* a part without a network: so is the region */
    for (int pass = 0; pass < 2 && failed < 0; pass++) {
        double left_size = 0;
        for (int i = 0; i < n_parts; i++) {
            int k = w->order[i];
            /* the search in place works on the whole model */
            left_size += pass == 0 ? w->size[k] : w->again[k] ? w->size[k] + 1e-3 : 0;
        }
        for (int i = 0; i < n_parts && failed < 0; i++) {
            int k = w->order[i];
            if (pass == 1 && !w->again[k])
                continue;
            if (p->time_limit_s > 0) {
                /* at least a second (or what is left): a small part needs milliseconds of
                 * CPU, but its share of the wall clock on a loaded machine could end it in its
                 * root LP (30 towns of 50 facilities, 292 parts, 120 s at load 9: part 81 did) */
                double left = p->time_limit_s - (snp_now_s() - t0);
                double share = left_size > 0 ? left * w->size[k] / left_size : left;
                share = fmax(share, fmin(left, MIN_SHARE_S));
                q.time_limit_s = share > 0.001 ? share : 0.001;
            }
            left_size -= pass == 0 ? w->size[k] : w->size[k] + 1e-3;
            sn_status st = pass == 0 ? solve_apart(m, &q, w, k, stats, sol, diag)
                                     : solve_in_place(m, p, &q, w, k, sol, diag);
            if (st != SN_OK)
                return st;
            if (!w->pr.has[k] && !(pass == 0 && w->again[k]))
                failed = k;
        }
    }
    sol->time_s = snp_now_s() - t0;
    sol->mip_gap_tolerance = p->mip_gap;
    int pos = 0; /* the part named in the message: the one without a network, else the first
                    one not proven, else the last one solved */
    for (int i = 0; i < n_parts; i++)
        if (w->order[i] == failed || (failed < 0 && w->status[w->order[i]] != SN_SOL_OPTIMAL &&
                                      w->status[w->order[pos]] == SN_SOL_OPTIMAL))
            pos = i;
    if (failed < 0 && w->status[w->order[pos]] == SN_SOL_OPTIMAL)
        pos = n_parts - 1;
    int named = w->order[pos];
    snprintf(sol->message, sizeof sol->message, "%s", w->message[named]);
    if (failed >= 0 || w->status[named] != SN_SOL_OPTIMAL) {
        size_t len = strlen(sol->message);
        snprintf(sol->message + len, sizeof sol->message - len, " (part %d of %d)", pos + 1,
                 n_parts);
    }
    for (int k = 0; k < n_parts && failed < 0; k++)
        if (!w->pr.has[k])
            failed = k; /* no network even in place */
    if (failed >= 0) {
        /* infeasible, unbounded or no network in the limits: so is the region (an infeasible
         * verdict is certified on the whole model by sn_solve) */
        sol->status = w->status[failed] == SN_SOL_FEASIBLE || w->status[failed] == SN_SOL_OPTIMAL
                          ? SN_SOL_NO_SOLUTION
                          : w->status[failed];
        sol->has_x = 0;
        sol->objective = NAN;
        sol->bound = -INFINITY;
        sol->gap = NAN;
        return SN_OK;
    }
    double obj = 0, bound = 0;
    int all_optimal = 1;
    for (int k = 0; k < n_parts; k++) {
        obj += w->pr.obj[k];
        bound += w->pr.bnd[k];
        all_optimal &= w->status[k] == SN_SOL_OPTIMAL;
    }
    sol->has_x = 1;
    sol->status = all_optimal ? SN_SOL_OPTIMAL : SN_SOL_FEASIBLE;
    if (all_optimal) /* a part stopped by its share was proven in the second pass */
        sol->hit_time_limit = 0;
    sol->objective = obj - snp_polish_trips(m, sol->x);
    sol->bound = bound < sol->objective ? bound : sol->objective;
    sol->gap = isfinite(sol->bound)
                   ? fabs(sol->objective - sol->bound) / (fabs(sol->objective) + 1e-9)
                   : NAN;
    /* parts proven within --gap each are within it together only when their costs share a
     * sign; otherwise the whole is not proven to that gap */
    if (sol->status == SN_SOL_OPTIMAL && p->mip_gap > 0 &&
        !(sol->gap <= p->mip_gap * (1 + 1e-9) + 1e-12))
        sol->status = SN_SOL_FEASIBLE;
    return SN_OK;
}

sn_status snp_split_solve(const sn_model *m, const sn_params *p, sn_solution *sol, int *done,
                          sn_diag *diag)
{
    return snp_split_solve_nodes(m, p, APART_NODES, sol, done, diag);
}

sn_status snp_split_solve_nodes(const sn_model *m, const sn_params *p, int apart_nodes,
                                sn_solution *sol, int *done, sn_diag *diag)
{
    *done = 0;
    int me = split_index();
    if (me < 0 || !snp_plugin_enabled(m, p, me) || m->kind != SN_MODEL_NETWORK || m->cols.len == 0)
        return SN_OK;
    snp_plugin_stats *stats = &sol->plugin_stats[me];
    double t0 = snp_now_s();
    stats->calls++;
    /* a row without columns that 0 does not meet: the whole model's search says so */
    for (int i = 0; i < (int)m->rows.len; i++) {
        const snp_row *r = snp_model_row(m, i);
        if (snp_model_row(m, i)->start == snp_model_row_stop(m, i) && (r->lb > 0 || r->ub < 0)) {
            stats->seconds += snp_now_s() - t0;
            return SN_OK;
        }
    }
    int n = (int)m->cols.len;
    split_work w;
    memset(&w, 0, sizeof w);
    w.apart_nodes = apart_nodes;
    w.part = snp_calloc((size_t)n, sizeof *w.part);
    w.row_part = snp_calloc(m->rows.len + 1, sizeof *w.row_part);
    w.loc = snp_calloc((size_t)n, sizeof *w.loc);
    int n_parts = 0;
    int decisions =
        w.part && w.row_part && w.loc ? find_parts(m, w.part, w.row_part, &n_parts) : -1;
    if (decisions < 0) {
        work_free(&w);
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory splitting the model");
        return SN_ENOMEM;
    }
    stats->found = decisions;
    if (decisions < 2) {
        work_free(&w);
        stats->seconds += snp_now_s() - t0;
        return SN_OK;
    }
    size_t np = (size_t)n_parts;
    w.size = snp_calloc(np, sizeof *w.size);
    w.pr.has = snp_calloc(np, sizeof *w.pr.has);
    w.pr.obj = snp_calloc(np, sizeof *w.pr.obj);
    w.pr.bnd = snp_calloc(np, sizeof *w.pr.bnd);
    w.order = snp_calloc(np, sizeof *w.order);
    w.again = snp_calloc(np, sizeof *w.again);
    w.fix = snp_calloc((size_t)n, sizeof *w.fix);
    w.status = snp_calloc(np, sizeof *w.status);
    w.message = snp_calloc(np, sizeof *w.message);
    snp_rank *rk = snp_calloc(np, sizeof *rk);
    w.first = snp_calloc((size_t)n, sizeof *w.first);
    w.start = snp_calloc((size_t)n + 1, sizeof *w.start);
    if (!w.size || !w.pr.has || !w.pr.obj || !w.pr.bnd || !w.first || !w.start || !w.order ||
        !w.status || !w.message || !rk || !w.again || !w.fix) {
        work_free(&w);
        snp_free(rk);
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory splitting the model");
        return SN_ENOMEM;
    }
    for (int j = 0; j < n; j++)
        w.size[w.part[j]] += 1;
    for (int i = 0; i < (int)m->rows.len; i++)
        if (w.row_part[i] >= 0)
            w.size[w.row_part[i]] +=
                (double)(snp_model_row_stop(m, i) - snp_model_row(m, i)->start);
    double total = 0, largest = 0;
    for (int k = 0; k < n_parts; k++) {
        total += w.size[k];
        largest = w.size[k] > largest ? w.size[k] : largest;
    }
    if (largest >= DOMINANT_SHARE * total) {
        work_free(&w);
        snp_free(rk);
        stats->seconds += snp_now_s() - t0;
        return SN_OK;
    }
    order_parts(&w, n_parts, rk);
    snp_free(rk);
    w.pr.p = p;
    w.pr.t0 = t0;
    w.pr.n_parts = n_parts;
    stats->apart = n_parts;
    stats->seconds += snp_now_s() - t0;

    /* the heuristics before any LP, once on the whole model (11.2) */
    double first_obj = 0;
    int rc = snp_glpk_first(m, p, sol, w.first, &first_obj);
    if (rc != 1) {
        snp_free(w.first);
        w.first = NULL;
    }
    for (int k = 0; k < n_parts; k++) {
        w.pr.bnd[k] = box_bound(m, w.part, k);
        w.pr.has[k] = w.first != NULL;
        w.pr.obj[k] = 0;
        w.status[k] = SN_SOL_NO_SOLUTION;
    }
    for (int j = 0; w.first && j < n; j++) {
        w.pr.obj[w.part[j]] += snp_model_col(m, j)->obj * w.first[j];
        sol->x[j] = w.first[j]; /* every part has this network until its search */
    }
    sn_status st = solve_parts(m, p, &w, n_parts, t0, stats, sol, diag);
    work_free(&w);
    *done = 1;
    return st;
}
