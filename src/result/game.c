/*
 * game.c - the coalition game of a region (docs/model.md section 13): which partners play,
 * which coalitions must be solved, and, from their values, each partner's Shapley value, the
 * core check and the leximin core allocation (the smallest gain as large as it can be, then the
 * next smallest, and so on).
 *
 * v(S) is the savings (business as usual less the optimum's annual cost) of the network that
 * coalition S builds alone: the region with every other facility removed (--without), hubs,
 * junctions and corridors open to any coalition. The caller solves each coalition (the CLI runs
 * them through its worker pool) and records its value here; this file only computes.
 *
 * Sound reductions: a facility that no candidate link touches is a null player (v(S + i) =
 * v(S) for every S: its costs are business as usual in every coalition), so its Shapley value
 * is 0 and it is left out of every coalition. Players joined by no chain of candidate links,
 * hubs, junctions or corridors, in a region with no budget, emission cap or forced hub or
 * corridor, form independent components: v is additive over them, so each component is a game
 * of its own, solved exactly up to SN_GAME_EXACT_MAX players and by sampled permutations above.
 *
 * Stage: sn_result -> [result] (after the solve of the region and of each coalition).
 */
#include "result_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the game from its values (pure arithmetic, unit-tested) ---------------------------- */

void snp_shapley_exact(int k, const double *v, double *phi)
{
    /* w[s] = s! (k - s - 1)! / k!, the weight of a coalition of s others */
    double w[SN_GAME_EXACT_MAX];
    for (int s = 0; s < k; s++) {
        double x = 1.0 / k;
        for (int t = 1; t <= s; t++)
            x *= (double)t / (double)(k - t);
        w[s] = x;
    }
    unsigned full = (1u << k) - 1;
    for (int i = 0; i < k; i++) {
        double sum = 0;
        unsigned bit = 1u << i;
        for (unsigned S = 0; S <= full; S++) {
            if (S & bit)
                continue;
            sum += w[__builtin_popcount(S)] * (v[S | bit] - v[S]);
        }
        phi[i] = sum;
    }
}

unsigned snp_core_blocking(int k, const double *v, const double *x, double *excess)
{
    unsigned full = (1u << k) - 1, best = 0;
    double most = -INFINITY;
    for (unsigned S = 1; S < full; S++) {
        double e = v[S];
        for (int i = 0; i < k; i++)
            if (S & (1u << i))
                e -= x[i];
        if (e > most)
            most = e;
    }
    /* Coalitions whose excess ties the largest, within the solver's tolerance on the values
     * (each v(S) is its own solve), are told apart by size, then by mask, so the coalition
     * named does not depend on rounding: a player whose presence changes nothing (a zero
     * gain and a zero marginal value) is left out of it. */
    double tol = 1e-7 * fmax(1, fabs(v[full]));
    int best_size = k + 1;
    for (unsigned S = 1; S < full; S++) {
        double e = v[S];
        int size = 0;
        for (int i = 0; i < k; i++)
            if (S & (1u << i)) {
                e -= x[i];
                size++;
            }
        if (e >= most - tol && size < best_size) {
            best = S;
            best_size = size;
        }
    }
    *excess = k > 1 ? most : 0;
    return best;
}

/* The leximin stages of snp_core_maxmin on the LP lp (columns x_0..x_{k-1}, t; rows the
 * coalitions, then x_i - t >= 0 from row full): free players are raised together, then each
 * one that cannot exceed the stage's t is fixed there. */
static int leximin(snp_lp *lp, int k, double *obj, double *clo, double *chi, double *rlo,
                   double *sol, double tol, double *x, double *t)
{
    unsigned full = (1u << k) - 1;
    int free_n = k, first = 1;
    unsigned char fixed[SN_GAME_EXACT_MAX] = {0}, up[SN_GAME_EXACT_MAX];
    double last[SN_GAME_EXACT_MAX];
    while (free_n > 0) {
        /* max t, the smallest gain among the free players, the fixed ones at their values */
        memset(obj, 0, (size_t)(k + 1) * sizeof *obj);
        obj[k] = 1;
        clo[k] = -INFINITY;
        chi[k] = INFINITY;
        double z = 0, stage;
        int rc = snp_lp_solve(lp, sol, &z);
        if (rc != 0 && first)
            return rc == 1 ? 1 : -1;
        if (rc != 0)
            break; /* numerically: keep the last stage's allocation */
        stage = sol[k];
        if (first)
            *t = stage;
        first = 0;
        for (int i = 0; i < k; i++)
            last[i] = sol[i];
        /* who can rise above it with every free player kept at it or above */
        clo[k] = chi[k] = stage;
        obj[k] = 0;
        for (int i = 0; i < k; i++)
            up[i] = !fixed[i] && sol[i] > stage + tol;
        int fixed_now = 0;
        for (int i = 0; i < k; i++) {
            if (fixed[i] || up[i])
                continue;
            obj[i] = 1;
            rc = snp_lp_solve(lp, sol, &z);
            obj[i] = 0;
            if (rc != 0)
                break;
            if (sol[i] > stage + tol) {
                for (int j = 0; j < k; j++)
                    up[j] |= !fixed[j] && sol[j] > stage + tol;
                continue;
            }
            fixed[i] = 1;
            clo[i] = chi[i] = x[i] = stage;
            rlo[full + (unsigned)i] = -INFINITY;
            free_n--;
            fixed_now++;
        }
        if (rc != 0)
            break;
        if (fixed_now == 0) /* only by rounding: every free player rose alone, not together */
            break;
    }
    if (free_n > 0) /* the last stage's point, which the fixed players' values came from */
        memcpy(x, last, (size_t)k * sizeof *x);
    return 0;
}

/* The leximin core allocation (docs/model.md 13.3): the largest smallest gain t, then, with the
 * players held at t who cannot exceed it, the largest smallest gain of the others, and so on.
 * Unlike a vertex of max t alone, it is unique, so it does not move between runs or scenarios
 * for no reason. At most k stages of one LP plus one LP per player. */
int snp_core_maxmin(int k, const double *v, double *x, double *t)
{
    unsigned full = (1u << k) - 1;
    int rows = (int)full + k; /* every coalition (the full one as equality), x_i - t >= 0 */
    int cols = k + 1;
    size_t nz = (size_t)full * (size_t)k + 2 * (size_t)k;
    double *obj = snp_calloc((size_t)cols, sizeof *obj);
    double *clo = snp_calloc((size_t)cols, sizeof *clo);
    double *chi = snp_calloc((size_t)cols, sizeof *chi);
    double *rlo = snp_calloc((size_t)rows, sizeof *rlo);
    double *rhi = snp_calloc((size_t)rows, sizeof *rhi);
    int *start = snp_calloc((size_t)rows + 1, sizeof *start);
    int *idx = snp_calloc(nz, sizeof *idx);
    double *val = snp_calloc(nz, sizeof *val);
    double *sol = snp_calloc((size_t)cols, sizeof *sol);
    int out = -1;
    if (obj && clo && chi && rlo && rhi && start && idx && val && sol) {
        int n = 0, row = 0;
        for (unsigned S = 1; S <= full; S++, row++) {
            start[row] = n;
            for (int i = 0; i < k; i++)
                if (S & (1u << i)) {
                    idx[n] = i;
                    val[n++] = 1;
                }
            rlo[row] = v[S];
            rhi[row] = S == full ? v[S] : INFINITY;
        }
        for (int i = 0; i < k; i++, row++) {
            start[row] = n;
            idx[n] = i;
            val[n++] = 1;
            idx[n] = k;
            val[n++] = -1;
            rlo[row] = 0;
            rhi[row] = INFINITY;
        }
        start[row] = n;
        for (int j = 0; j < cols; j++) {
            clo[j] = -INFINITY;
            chi[j] = INFINITY;
        }
        snp_lp lp = {rows, cols, 1, obj, clo, chi, rlo, rhi, start, idx, val};
        /* a gain differing by less than this from t is t: the LPs' own tolerance on v(N) */
        double tol = 1e-9 * fmax(1, fabs(v[full]));
        out = leximin(&lp, k, obj, clo, chi, rlo, sol, tol, x, t);
    }
    snp_free(obj);
    snp_free(clo);
    snp_free(chi);
    snp_free(rlo);
    snp_free(rhi);
    snp_free(start);
    snp_free(idx);
    snp_free(val);
    snp_free(sol);
    return out;
}

/* ---- the game of a region ------------------------------------------------------------- */

/* One coalition: players (facility indices, ascending) of one component. */
typedef struct coalition {
    int comp;
    int n;
    int *players; /* in the game's arena */
    int is_case;  /* solved by the caller (else: the region's own result) */
    int status;   /* sn_solution_status, -1 until recorded */
    double value; /* savings per year; NAN until recorded */
    uint64_t hash;
} coalition;

static uint64_t hash_players(int comp, int n, const int *p)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(unsigned)comp;
    for (int i = 0; i < n; i++) {
        h ^= (uint64_t)(unsigned)p[i];
        h *= 1099511628211ull;
    }
    return h ^ (uint64_t)(unsigned)n;
}

static int same(const coalition *c, int comp, int n, const int *p)
{
    return c->comp == comp && c->n == n && memcmp(c->players, p, (size_t)n * sizeof *p) == 0;
}

/* The coalition (comp, players) in g, or -1. */
static int lookup(const sn_game *g, int comp, int n, const int *p)
{
    if (!g->slots)
        return -1;
    uint64_t h = hash_players(comp, n, p);
    for (size_t s = (size_t)(h % g->n_slots);; s = (s + 1) % g->n_slots) {
        int e = g->slots[s];
        if (e < 0)
            return -1;
        const coalition *c = &SNP_VEC_AT(&g->coalitions, coalition, (size_t)e);
        if (c->hash == h && same(c, comp, n, p))
            return e;
    }
}

static sn_status rehash(sn_game *g)
{
    size_t n = g->coalitions.len * 2 + 17;
    int *slots = snp_calloc(n, sizeof *slots);
    if (!slots)
        return SN_ENOMEM;
    for (size_t s = 0; s < n; s++)
        slots[s] = -1;
    for (size_t e = 0; e < g->coalitions.len; e++) {
        const coalition *c = &SNP_VEC_AT(&g->coalitions, coalition, e);
        size_t s = (size_t)(c->hash % n);
        while (slots[s] >= 0)
            s = (s + 1) % n;
        slots[s] = (int)e;
    }
    snp_free(g->slots);
    g->slots = slots;
    g->n_slots = n;
    return SN_OK;
}

/* Adds coalition (comp, players, sorted) unless present; *at receives its index. */
static sn_status add(sn_game *g, int comp, int n, const int *p, int *at)
{
    int e = lookup(g, comp, n, p);
    if (e >= 0) {
        *at = e;
        return SN_OK;
    }
    coalition c = {comp, n, NULL, 1, -1, NAN, hash_players(comp, n, p)};
    c.players = snp_arena_array(&g->arena, (size_t)n + 1, sizeof *c.players);
    if (!c.players || !snp_vec_push(&g->coalitions, &c))
        return SN_ENOMEM;
    memcpy(c.players, p, (size_t)n * sizeof *p);
    *at = (int)g->coalitions.len - 1;
    if (g->coalitions.len * 2 > g->n_slots)
        return rehash(g);
    size_t s = (size_t)(c.hash % g->n_slots);
    while (g->slots[s] >= 0)
        s = (s + 1) % g->n_slots;
    g->slots[s] = *at;
    return SN_OK;
}

static int find_root(int *parent, int x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void join(int *parent, int a, int b)
{
    a = find_root(parent, a);
    b = find_root(parent, b);
    if (a != b)
        parent[a] = b;
}

/* Players and components from the candidate links of r's model. */
static sn_status components(sn_game *g)
{
    const sn_instance *in = g->r->in;
    const sn_model *m = g->r->m;
    int nn = snp_node_count(in), nf = in->n_facilities;
    int *parent = snp_calloc((size_t)nn + 1, sizeof *parent);
    int *comp_of_root = snp_calloc((size_t)nn + 1, sizeof *comp_of_root);
    if (!parent || !comp_of_root) {
        snp_free(parent);
        snp_free(comp_of_root);
        return SN_ENOMEM;
    }
    for (int n = 0; n < nn; n++) {
        parent[n] = n;
        comp_of_root[n] = -1;
    }
    int *corr_node = snp_calloc((size_t)in->n_corridors + 1, sizeof *corr_node);
    if (!corr_node) {
        snp_free(parent);
        snp_free(comp_of_root);
        return SN_ENOMEM;
    }
    for (int c = 0; c < in->n_corridors; c++)
        corr_node[c] = -1;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        join(parent, l->tail, l->head);
        if (l->tail < nf)
            g->comp_of[l->tail] = 0; /* a player: placed below */
        if (l->head < nf)
            g->comp_of[l->head] = 0;
        if (l->corridor >= 0) {
            if (corr_node[l->corridor] >= 0)
                join(parent, corr_node[l->corridor], l->tail);
            corr_node[l->corridor] = l->tail;
        }
    }
    int shared = in->has_budget || in->has_co2_cap;
    for (int h = 0; h < in->n_hubs; h++)
        shared |= in->hubs[h].status == SNP_STATUS_FORCED;
    for (int c = 0; c < in->n_corridors; c++)
        shared |= in->corridors[c].status == SNP_STATUS_FORCED;
    g->one_part_why = in->has_budget    ? "the region's budget"
                      : in->has_co2_cap ? "the region's emission cap"
                      : shared          ? "a forced hub or corridor"
                                        : NULL;
    int first = -1;
    for (int f = 0; f < nf; f++) {
        if (g->comp_of[f] < 0)
            continue; /* no candidate link: a null player */
        int root =
            shared ? (first < 0 ? (first = find_root(parent, f)) : first) : find_root(parent, f);
        if (comp_of_root[root] < 0)
            comp_of_root[root] = g->n_comp++;
        g->comp_of[f] = comp_of_root[root];
    }
    snp_free(parent);
    snp_free(comp_of_root);
    snp_free(corr_node);
    g->comp_size = snp_calloc((size_t)g->n_comp + 1, sizeof *g->comp_size);
    g->comp_players = snp_calloc((size_t)g->n_comp + 1, sizeof *g->comp_players);
    if (!g->comp_size || !g->comp_players)
        return SN_ENOMEM;
    for (int f = 0; f < nf; f++)
        if (g->comp_of[f] >= 0)
            g->comp_size[g->comp_of[f]]++;
    for (int c = 0; c < g->n_comp; c++) {
        g->comp_players[c] = snp_arena_array(&g->arena, (size_t)g->comp_size[c] + 1, sizeof(int));
        if (!g->comp_players[c])
            return SN_ENOMEM;
        g->comp_size[c] = 0;
    }
    for (int f = 0; f < nf; f++)
        if (g->comp_of[f] >= 0) {
            int c = g->comp_of[f];
            g->comp_players[c][g->comp_size[c]++] = f;
        }
    return SN_OK;
}

/* splitmix64: the sampler's generator (seeded, so a sampled run is reproducible) */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

void snp_sort_ints(int *a, int n)
{
    qsort(a, (size_t)n, sizeof *a, int_cmp);
}

double snp_game_value(const sn_game *g, int comp, int n, const int *players, int *status)
{
    int e = lookup(g, comp, n, players);
    if (e < 0) {
        *status = -1;
        return NAN;
    }
    const coalition *c = &SNP_VEC_AT(&g->coalitions, coalition, (size_t)e);
    *status = c->status;
    return c->value;
}

/* The coalitions of component c: every one (exact), or every prefix of `samples` random
 * orders of its players (sampled), whose orders are kept in g->perm[c]. */
static sn_status plan_component(sn_game *g, int c)
{
    int k = g->comp_size[c];
    const int *pl = g->comp_players[c];
    int buf[SN_GAME_EXACT_MAX];
    int at;
    if (k <= SN_GAME_EXACT_MAX) {
        for (unsigned S = 1; S < (1u << k); S++) {
            int n = 0;
            for (int i = 0; i < k; i++)
                if (S & (1u << i))
                    buf[n++] = pl[i];
            sn_status st = add(g, c, n, buf, &at);
            if (st != SN_OK)
                return st;
        }
        return SN_OK;
    }
    int *perm = snp_arena_array(&g->arena, (size_t)g->samples * (size_t)k, sizeof *perm);
    int *set = snp_calloc((size_t)k, sizeof *set);
    if (!perm || !set) {
        snp_free(set);
        return SN_ENOMEM;
    }
    g->perm[c] = perm;
    uint64_t state = g->seed ^ ((uint64_t)(unsigned)c << 32);
    sn_status st = SN_OK;
    for (int s = 0; s < g->samples && st == SN_OK; s++) {
        int *p = perm + (size_t)s * (size_t)k;
        for (int i = 0; i < k; i++)
            p[i] = i;
        for (int i = k - 1; i > 0; i--) { /* Fisher-Yates */
            int j = (int)(next_random(&state) % (uint64_t)(i + 1));
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        for (int n = 1; n <= k && st == SN_OK; n++) {
            for (int i = 0; i < n; i++)
                set[i] = pl[p[i]];
            qsort(set, (size_t)n, sizeof *set, int_cmp);
            st = add(g, c, n, set, &at);
        }
    }
    snp_free(set);
    return st;
}

sn_status sn_game_plan(const sn_result *r, int samples, unsigned long seed, sn_game **out,
                       sn_diag *diag)
{
    *out = NULL;
    if (!r || samples < 1) {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL, "sn_game_plan: no result, or samples < 1");
        return SN_EUSAGE;
    }
    if (!r->g.has_network || !isfinite(r->g.bau.total)) {
        snp_diag_add(diag, SN_EINPUT, r->in->file, NULL, "the Shapley allocation needs %s",
                     !r->g.has_network ? "a network (the region has none)"
                                       : "a business-as-usual cost for every facility (a supply "
                                         "without disposal_cost or a demand without price has "
                                         "none, so no coalition's savings are defined)");
        return SN_EINPUT;
    }
    sn_game *g = snp_calloc(1, sizeof *g);
    if (!g)
        return SN_ENOMEM;
    g->r = r;
    g->samples = samples;
    g->seed = (uint64_t)seed;
    snp_arena_init(&g->arena);
    snp_vec_init(&g->coalitions, sizeof(coalition));
    snp_vec_init(&g->cases, sizeof(int));
    snp_vec_init(&g->built, sizeof(char *));
    int nf = r->in->n_facilities;
    g->comp_of = snp_calloc((size_t)nf + 1, sizeof *g->comp_of);
    g->without = snp_calloc((size_t)nf + 1, sizeof *g->without);
    sn_status st = g->comp_of && g->without ? SN_OK : SN_ENOMEM;
    for (int f = 0; f < nf && st == SN_OK; f++)
        g->comp_of[f] = -1;
    if (st == SN_OK)
        st = rehash(g);
    if (st == SN_OK)
        st = components(g);
    if (st == SN_OK) {
        g->perm = snp_calloc((size_t)g->n_comp + 1, sizeof *g->perm);
        st = g->perm ? SN_OK : SN_ENOMEM;
    }
    for (int c = 0; c < g->n_comp && st == SN_OK; c++)
        st = plan_component(g, c);
    /* one component holding every player: its full coalition is the region's own optimum */
    if (st == SN_OK && g->n_comp == 1) {
        int e = lookup(g, 0, g->comp_size[0], g->comp_players[0]);
        coalition *c = &SNP_VEC_AT(&g->coalitions, coalition, (size_t)e);
        c->is_case = 0;
        c->status = (int)r->s->status;
        c->value = r->g.bau.total - r->g.cost.total;
    }
    for (size_t e = 0; e < g->coalitions.len && st == SN_OK; e++) {
        int i = (int)e;
        if (SNP_VEC_AT(&g->coalitions, coalition, e).is_case && !snp_vec_push(&g->cases, &i))
            st = SN_ENOMEM;
    }
    if (st == SN_OK && snp_result_built_ids(r, &g->arena, &g->built) != 0)
        st = SN_ENOMEM;
    if (st != SN_OK) {
        snp_diag_add(diag, st, NULL, NULL, "out of memory for the coalition game");
        sn_game_free(g);
        return st;
    }
    *out = g;
    return SN_OK;
}

void sn_game_free(sn_game *g)
{
    if (!g)
        return;
    snp_vec_free(&g->coalitions);
    snp_vec_free(&g->cases);
    snp_vec_free(&g->built);
    snp_free(g->slots);
    snp_free(g->comp_of);
    snp_free(g->comp_size);
    snp_free(g->comp_players);
    snp_free(g->perm);
    snp_free(g->without);
    snp_arena_free(&g->arena);
    snp_free(g);
}

int sn_game_count(const sn_game *g)
{
    return g ? (int)g->cases.len : 0;
}

int sn_game_players(const sn_game *g)
{
    int n = 0;
    for (int c = 0; g && c < g->n_comp; c++)
        n += g->comp_size[c];
    return n;
}

static coalition *case_at(const sn_game *g, int i)
{
    int e = SNP_VEC_AT(&g->cases, int, (size_t)i);
    return &SNP_VEC_AT(&g->coalitions, coalition, (size_t)e);
}

const char *const *sn_game_without(sn_game *g, int i, int *n)
{
    *n = 0;
    if (!g || i < 0 || i >= (int)g->cases.len)
        return NULL;
    const coalition *c = case_at(g, i);
    const sn_instance *in = g->r->in;
    for (int f = 0, k = 0; f < in->n_facilities; f++) {
        while (k < c->n && c->players[k] < f)
            k++;
        if (k < c->n && c->players[k] == f)
            continue;
        g->without[(*n)++] = in->facilities[f].id;
    }
    return g->without;
}

const char *const *sn_game_start(const sn_game *g, int *n)
{
    *n = g ? (int)g->built.len : 0;
    return g ? (const char *const *)g->built.data : NULL;
}

sn_status sn_game_answer(const sn_result *coalition_result, int *status, double *savings)
{
    if (!coalition_result || !status || !savings)
        return SN_EUSAGE;
    *status = (int)coalition_result->s->status;
    *savings = coalition_result->g.has_network
                   ? coalition_result->g.bau.total - coalition_result->g.cost.total
                   : NAN;
    return SN_OK;
}

sn_status sn_game_record(sn_game *g, int i, int status, double savings)
{
    if (!g || i < 0 || i >= (int)g->cases.len)
        return SN_EUSAGE;
    coalition *c = case_at(g, i);
    c->status = status;
    c->value = savings;
    return SN_OK;
}
