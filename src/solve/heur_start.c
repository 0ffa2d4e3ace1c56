/*
 * heur_start.c - the primal heuristic "start": the network a caller names (sn_params.start,
 * set by sn_run on the model), priced exactly on this model before any LP, so the search
 * begins with it as its incumbent (docs/model.md 11.2). `symnet values` starts every question
 * from the optimum it varies (docs/whatif.md): a question that forces one more element has the
 * optimum plus that element as a network at once, and one that forbids an element has what is
 * left of the optimum. Stage: a plugin of the branch-and-cut in glpk.c, before the root LP.
 *
 * The procedure: open the links ("link:ID", with their largest size), hubs ("hub:ID", with
 * their largest capacity option) and corridors ("corridor:ID") named, everything forced, and
 * the corridors of open pipes; then price that network like the rounding heuristic
 * (snp_round_price: the LP of the flows, closing what the exact flows leave empty, trips
 * rounded up). Names the model does not have are skipped. Cost: sorting the names, O(links +
 * hubs) lookups by binary search, and the LPs of snp_round_price.
 *
 * With a neighbour's record on the same constraints (sn_params.warm, docs/model.md 11.9) the
 * network is the neighbour's own solution, flows and all: it meets every constraint of this
 * model, which are the neighbour's, so it is taken as it is at its cost under this objective,
 * without any LP (O(columns)).
 */
#include "solve_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct start {
    const double *carried; /* a neighbour's network on the same constraints (11.9), or NULL */
    const sn_model *m;
    snp_round *r;
    const char **names; /* sorted copy of the model's start names (borrowed strings) */
    int n;
} start;

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int named(const start *s, const char *kind, const char *id)
{
    char key[SNP_LINK_ID_MAX + 16];
    snprintf(key, sizeof key, "%s:%s", kind, id);
    const char *k = key;
    return bsearch(&k, s->names, (size_t)s->n, sizeof *s->names, name_cmp) != NULL;
}

void *snp_heur_start_create(const sn_model *m)
{
    const double *carried = m->warm && m->warm->x && snp_warm_fits(m->warm, m) ? m->warm->x : NULL;
    if ((m->n_start <= 0 || !m->start) && !carried)
        return NULL;
    start *s = snp_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->carried = carried;
    s->m = m;
    if (carried)
        return s;
    s->r = snp_round_create(m);
    s->names = snp_calloc((size_t)m->n_start, sizeof *s->names);
    if (!s->r || !s->names) {
        snp_heur_start_free(s);
        return NULL;
    }
    memcpy(s->names, m->start, (size_t)m->n_start * sizeof *s->names);
    s->n = m->n_start;
    qsort(s->names, (size_t)s->n, sizeof *s->names, name_cmp);
    return s;
}

int snp_heur_start_run(void *data, snp_plugin_env *env)
{
    start *s = data;
    if (s->carried) {
        /* every constraint holds for it as it held for the neighbour: only its cost is new */
        const snp_vec *cols = &s->m->cols;
        double z = 0;
        for (size_t j = 0; j < cols->len; j++)
            z += SNP_VEC_AT(cols, snp_col, j).obj * s->carried[j];
        memcpy(env->net, s->carried, cols->len * sizeof *s->carried);
        env->net_obj = z;
        return 1;
    }
    snp_round *r = s->r;
    const sn_model *m = r->m;
    const sn_instance *in = m->inst;
    memset(r->val, 0, (size_t)r->n * sizeof *r->val);
    for (int j = 0; j < r->n; j++) {
        const snp_col *c = &SNP_VEC_AT(&m->cols, snp_col, (size_t)j);
        if (c->kind == SNP_COL_BIN && c->lb > 0.5)
            r->val[j] = 1;
    }
    char id[SNP_LINK_ID_MAX];
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->col_build < 0 || !(l->forced || named(s, "link", snp_link_id(in, l, id, sizeof id))))
            continue;
        r->val[l->col_build + (l->n_sizes > 0 ? l->n_sizes - 1 : 0)] = 1;
        if (l->corridor >= 0 && m->corridor_col[l->corridor] >= 0)
            r->val[m->corridor_col[l->corridor]] = 1;
    }
    for (int h = 0; h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        if (snp_model_hub_options(m, h) == 0 ||
            !(hub->status == SNP_STATUS_FORCED || named(s, "hub", hub->id)))
            continue;
        for (int o = 0; o < hub->n_capacities; o++)
            r->val[m->hub_size_col[h][o]] = o == hub->n_capacities - 1;
    }
    for (int c = 0; c < in->n_corridors; c++)
        if (m->corridor_col[c] >= 0 && named(s, "corridor", in->corridors[c].id))
            r->val[m->corridor_col[c]] = 1;
    snp_round_open_trenches(m, r->val); /* the trenches of the ways under open pipes (8.4) */
    if (snp_round_price(r, env->fixed_lp, env->lp_ctx, NULL, &env->net_obj) != 0)
        return 0;
    memcpy(env->net, r->x, (size_t)r->n * sizeof *r->x);
    return 1;
}

void snp_heur_start_free(void *data)
{
    start *s = data;
    if (!s)
        return;
    snp_round_free(s->r);
    snp_free(s->names);
    snp_free(s);
}
