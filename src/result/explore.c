/*
 * explore.c - the bookkeeping of `symnet pareto` and `symnet alternatives` (issue 16,
 * docs/pareto.md): which case to ask next and what the answers were. Every case is an ordinary
 * sn_run of the region with overrides of region.objective, region.co2_cap_t_per_yr,
 * region.cost_cap and region.exclude_layouts (docs/model.md 9.2-9.6), run by the caller in
 * this process or in a worker; nothing here builds or solves a model.
 *
 * The frontier (epsilon-constraint): the two end points are given (least cost, then least CO2
 * at that cost; least CO2, then least cost at that CO2). Between two neighbours P (more CO2)
 * and Q (less CO2) the next case is the least cost under a cap between them (where the lines
 * through the neighbouring segments meet, else the middle: probe_cap), started from Q's
 * layout, which meets that cap. Its answer R either repeats P or Q (the frontier is a step
 * there: the interval is settled), or is a new point; when R lies off the chord PQ by at most
 * tolerance times the cost range of the end points, the frontier is straight there and both
 * new intervals are settled, otherwise both are refined. So points gather where the frontier
 * bends, and a straight segment costs one case. Intervals narrower than tolerance times the
 * emission range are settled too. Cost: one case per interval examined, at most max_points.
 *
 * Stage: results -> [result] -> report (src/report/explore.c). Layouts are compared by their
 * element names ("link:ID", "hub:ID", "corridor:ID"), which do not depend on model order.
 */
#include "result_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- layouts ------------------------------------------------------------------------------ */

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

sn_status sn_result_layout(const sn_result *r, int built, char **out)
{
    *out = NULL;
    const sn_model *m = r->m;
    const sn_instance *in = r->in;
    const snp_figures *g = &r->g;
    size_t cap =
        (g->has_network ? m->links.len + (size_t)in->n_hubs + (size_t)in->n_corridors : 0) + 1;
    char **names = snp_calloc(cap, sizeof *names);
    if (!names)
        return SN_ENOMEM;
    int n = 0, nomem = 0;
    char id[SNP_LINK_ID_MAX], buf[SNP_LINK_ID_MAX + 16];
    /* built as the result reports it (figures.c): a link with a binary set, or carrying flow
     * when it has none; a hub with an option; a corridor */
    for (size_t k = 0; g->has_network && k < m->links.len && !nomem; k++) {
        if ((g->link_built[k] != 0) != (built != 0))
            continue;
        snprintf(buf, sizeof buf, "link:%s",
                 snp_link_id(in, snp_model_link(m, (int)k), id, sizeof id));
        nomem = !(names[n++] = snp_strdup(buf));
    }
    for (int h = 0; g->has_network && h < in->n_hubs && !nomem; h++) {
        if (!m->hub_size_col[h] || m->hub_size_col[h][0] < 0 ||
            (g->hub_size[h] >= 0) != (built != 0))
            continue;
        snprintf(buf, sizeof buf, "hub:%s", in->hubs[h].id);
        nomem = !(names[n++] = snp_strdup(buf));
    }
    for (int c = 0; g->has_network && c < in->n_corridors && !nomem; c++) {
        if (m->corridor_col[c] < 0 || (g->corridor_built[c] != 0) != (built != 0))
            continue;
        snprintf(buf, sizeof buf, "corridor:%s", in->corridors[c].id);
        nomem = !(names[n++] = snp_strdup(buf));
    }
    char *res = NULL;
    if (!nomem) {
        qsort(names, (size_t)n, sizeof *names, name_cmp);
        size_t len = 1;
        for (int k = 0; k < n; k++)
            len += strlen(names[k]) + 1;
        res = snp_alloc(len);
        if (res) {
            char *p = res;
            *p = '\0';
            for (int k = 0; k < n; k++) {
                size_t l = strlen(names[k]);
                if (k > 0)
                    *p++ = ' ';
                memcpy(p, names[k], l + 1);
                p += l;
            }
        }
    }
    for (int k = 0; k < n; k++)
        snp_free(names[k]);
    snp_free(names);
    *out = res;
    return res ? SN_OK : SN_ENOMEM;
}

/* A copy of p with its layout in arena a; -1 without memory. */
static int copy_point(snp_arena *a, const sn_explore_point *p, sn_explore_point *out)
{
    *out = *p;
    out->layout = snp_arena_strdup(a, p->layout ? p->layout : "");
    return out->layout ? 0 : -1;
}

static int has_network(const sn_explore_point *p)
{
    return p && (p->status == SN_SOL_OPTIMAL || p->status == SN_SOL_FEASIBLE) &&
           isfinite(p->cost) && isfinite(p->co2_t_per_yr);
}

/* ---- the frontier ------------------------------------------------------------------------- */

typedef struct fpoint {
    sn_explore_point p;
    int settled; /* the interval to the next point (less CO2) needs no more cases */
} fpoint;

typedef struct probe {
    double cap;
    double hi_co2, lo_co2; /* the interval's ends when it was asked */
} probe;

struct sn_frontier {
    double tolerance;
    int max_points;
    snp_vec points; /* fpoint, by co2 descending (cost ascending) */
    snp_vec probes; /* probe: the last sn_frontier_probes call */
    int failed;
    snp_arena arena;
};

sn_status sn_frontier_create(double tolerance, int max_points, sn_frontier **out)
{
    *out = NULL;
    if (!(tolerance > 0) || max_points < 2)
        return SN_EUSAGE;
    sn_frontier *f = snp_calloc(1, sizeof *f);
    if (!f)
        return SN_ENOMEM;
    f->tolerance = tolerance;
    f->max_points = max_points;
    snp_vec_init(&f->points, sizeof(fpoint));
    snp_vec_init(&f->probes, sizeof(probe));
    snp_arena_init(&f->arena);
    *out = f;
    return SN_OK;
}

void sn_frontier_free(sn_frontier *f)
{
    if (!f)
        return;
    snp_vec_free(&f->points);
    snp_vec_free(&f->probes);
    snp_arena_free(&f->arena);
    snp_free(f);
}

static fpoint *fp(const sn_frontier *f, size_t i)
{
    return &SNP_VEC_AT(&f->points, fpoint, i);
}

/* Same point: cost and emissions agree to a relative 1e-7 of the end points' ranges. */
static int same_point(const sn_frontier *f, const sn_explore_point *a, const sn_explore_point *b)
{
    size_t n = f->points.len;
    double crange = n ? fabs(fp(f, n - 1)->p.cost - fp(f, 0)->p.cost) : 0;
    double erange = n ? fabs(fp(f, 0)->p.co2_t_per_yr - fp(f, n - 1)->p.co2_t_per_yr) : 0;
    double ct = 1e-7 * fmax(crange, fmax(1, fabs(a->cost)));
    double et = 1e-7 * fmax(erange, fmax(1, fabs(a->co2_t_per_yr)));
    return fabs(a->cost - b->cost) <= ct && fabs(a->co2_t_per_yr - b->co2_t_per_yr) <= et;
}

/* Inserts p by emissions (descending); returns its index, or -1 without memory, or -2 when it
 * repeats a point already there. */
static int insert_point(sn_frontier *f, const sn_explore_point *p, int settled)
{
    for (size_t i = 0; i < f->points.len; i++)
        if (same_point(f, &fp(f, i)->p, p))
            return -2;
    fpoint q = {0};
    if (copy_point(&f->arena, p, &q.p) != 0 || !snp_vec_push(&f->points, NULL))
        return -1;
    q.settled = settled;
    size_t at = f->points.len - 1;
    while (at > 0 && fp(f, at - 1)->p.co2_t_per_yr < p->co2_t_per_yr) {
        *fp(f, at) = *fp(f, at - 1);
        at--;
    }
    *fp(f, at) = q;
    return (int)at;
}

sn_status sn_frontier_add_end(sn_frontier *f, const sn_explore_point *p)
{
    if (!has_network(p))
        return SN_EUSAGE;
    return insert_point(f, p, 0) == -1 ? SN_ENOMEM : SN_OK;
}

/* Where to probe between points i (P) and i + 1 (Q): where the lines through the neighbouring
 * segments (A-P and Q-B) meet, when both exist and meet well inside the interval (for a convex
 * frontier the furthest the frontier can lie below the chord PQ); else the middle. */
static double probe_cap(const sn_frontier *f, size_t i)
{
    const sn_explore_point *P = &fp(f, i)->p, *Q = &fp(f, i + 1)->p;
    double ep = P->co2_t_per_yr, eq = Q->co2_t_per_yr, mid = (ep + eq) / 2;
    if (i == 0 || i + 2 >= f->points.len)
        return mid;
    const sn_explore_point *A = &fp(f, i - 1)->p, *B = &fp(f, i + 2)->p;
    double s1 = (P->cost - A->cost) / (ep - A->co2_t_per_yr);
    double s2 = (B->cost - Q->cost) / (B->co2_t_per_yr - eq);
    if (!isfinite(s1) || !isfinite(s2) || s1 == s2)
        return mid;
    double e = (Q->cost - P->cost + s1 * ep - s2 * eq) / (s1 - s2);
    double margin = 0.1 * (ep - eq);
    return e > eq + margin && e < ep - margin ? e : mid;
}

int sn_frontier_probes(sn_frontier *f, double *caps, const char **start, int max)
{
    f->probes.len = 0;
    size_t n = f->points.len;
    if (n < 2)
        return 0;
    double erange = fp(f, 0)->p.co2_t_per_yr - fp(f, n - 1)->p.co2_t_per_yr;
    int k = 0;
    for (size_t i = 0; i + 1 < n && k < max; i++) {
        fpoint *hi = fp(f, i), *lo = fp(f, i + 1);
        if (hi->settled)
            continue;
        double ehi = hi->p.co2_t_per_yr, elo = lo->p.co2_t_per_yr;
        if ((int)n + k >= f->max_points || ehi - elo <= f->tolerance * erange) {
            hi->settled = 1;
            continue;
        }
        probe pr = {probe_cap(f, i), ehi, elo};
        if (!snp_vec_push(&f->probes, &pr)) {
            f->probes.len = 0;
            return -1;
        }
        caps[k] = pr.cap;
        start[k] = lo->p.layout;
        k++;
    }
    return k;
}

sn_status sn_frontier_answer(sn_frontier *f, int i, const sn_explore_point *p)
{
    if (i < 0 || (size_t)i >= f->probes.len)
        return SN_EUSAGE;
    const probe *pr = &SNP_VEC_AT(&f->probes, probe, (size_t)i);
    size_t hi = 0;
    while (hi + 1 < f->points.len && fp(f, hi)->p.co2_t_per_yr != pr->hi_co2)
        hi++;
    if (hi + 1 >= f->points.len)
        return SN_EUSAGE;
    if (!has_network(p)) {
        f->failed++;
        fp(f, hi)->settled = 1;
        return SN_OK;
    }
    /* the chord between the interval's ends, at the new point's emissions */
    const sn_explore_point *P = &fp(f, hi)->p, *Q = &fp(f, hi + 1)->p;
    double span = P->co2_t_per_yr - Q->co2_t_per_yr;
    double chord = span > 0
                       ? P->cost + (Q->cost - P->cost) * (P->co2_t_per_yr - p->co2_t_per_yr) / span
                       : P->cost;
    size_t n = f->points.len;
    double crange = fabs(fp(f, n - 1)->p.cost - fp(f, 0)->p.cost);
    int straight = fabs(chord - p->cost) <= f->tolerance * crange;
    int at = insert_point(f, p, straight);
    if (at == -1)
        return SN_ENOMEM;
    if (at == -2) { /* a step: the answer is one of the ends (or a known point) */
        for (size_t k = 0; k + 1 < f->points.len; k++)
            if (fp(f, k)->p.co2_t_per_yr == pr->hi_co2)
                fp(f, k)->settled = 1;
        return SN_OK;
    }
    if (at > 0)
        fp(f, (size_t)at - 1)->settled = straight;
    return SN_OK;
}

int sn_frontier_count(const sn_frontier *f)
{
    return f ? (int)f->points.len : 0;
}

const sn_explore_point *sn_frontier_point(const sn_frontier *f, int i)
{
    if (!f || i < 0 || (size_t)i >= f->points.len)
        return NULL;
    return &fp(f, (size_t)i)->p;
}

int sn_frontier_failed(const sn_frontier *f)
{
    return f ? f->failed : 0;
}

/* ---- alternatives ------------------------------------------------------------------------- */

struct sn_alternatives {
    double slack;
    snp_vec points; /* sn_explore_point: the optimum, then each alternative */
    sn_alt_end end;
    snp_arena arena;
};

sn_status sn_alternatives_create(double slack, sn_alternatives **out)
{
    *out = NULL;
    if (!(slack >= 0) || !isfinite(slack))
        return SN_EUSAGE;
    sn_alternatives *a = snp_calloc(1, sizeof *a);
    if (!a)
        return SN_ENOMEM;
    a->slack = slack;
    snp_vec_init(&a->points, sizeof(sn_explore_point));
    snp_arena_init(&a->arena);
    *out = a;
    return SN_OK;
}

void sn_alternatives_free(sn_alternatives *a)
{
    if (!a)
        return;
    snp_vec_free(&a->points);
    snp_arena_free(&a->arena);
    snp_free(a);
}

sn_status sn_alternatives_add(sn_alternatives *a, const sn_explore_point *p)
{
    if (!has_network(p))
        return SN_EUSAGE;
    sn_explore_point q;
    if (copy_point(&a->arena, p, &q) != 0 || !snp_vec_push(&a->points, &q))
        return SN_ENOMEM;
    return SN_OK;
}

int sn_alternatives_count(const sn_alternatives *a)
{
    return a ? (int)a->points.len : 0;
}

const sn_explore_point *sn_alternatives_get(const sn_alternatives *a, int i)
{
    if (!a || i < 0 || (size_t)i >= a->points.len)
        return NULL;
    return &SNP_VEC_AT(&a->points, sn_explore_point, (size_t)i);
}

double sn_alternatives_cost_cap(const sn_alternatives *a)
{
    const sn_explore_point *opt = sn_alternatives_get(a, 0);
    return opt ? opt->cost + a->slack * fabs(opt->cost) : NAN;
}

sn_status sn_alternatives_exclude_json(const sn_alternatives *a, char **out)
{
    *out = NULL;
    size_t len = 3;
    for (size_t i = 0; i < a->points.len; i++)
        len += 4 + 3 * strlen(SNP_VEC_AT(&a->points, sn_explore_point, i).layout);
    char *buf = snp_alloc(len), *p = buf;
    if (!buf)
        return SN_ENOMEM;
    *p++ = '[';
    for (size_t i = 0; i < a->points.len; i++) {
        const char *s = SNP_VEC_AT(&a->points, sn_explore_point, i).layout;
        if (i > 0)
            *p++ = ',';
        *p++ = '[';
        /* names hold only id characters, ':' and '/': no escaping needed */
        for (int first = 1; *s; first = 0) {
            size_t l = strcspn(s, " ");
            if (!first)
                *p++ = ',';
            *p++ = '"';
            memcpy(p, s, l);
            p += l;
            *p++ = '"';
            s += l;
            s += *s == ' ';
        }
        *p++ = ']';
    }
    *p++ = ']';
    *p = '\0';
    *out = buf;
    return SN_OK;
}

void sn_alternatives_set_end(sn_alternatives *a, sn_alt_end end)
{
    if (a)
        a->end = end;
}

sn_alt_end snp_alternatives_end(const sn_alternatives *a)
{
    return a->end;
}

double snp_alternatives_slack(const sn_alternatives *a)
{
    return a->slack;
}
