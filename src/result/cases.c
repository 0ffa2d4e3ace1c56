/*
 * cases.c - the cases of a sweep or a sample (`symnet sweep`, `symnet sample`,
 * docs/explore.md) and their answers. A plan is a list of parameters (override paths), each
 * with a list of values (sweep: every combination, a grid) or a distribution (sample: n
 * draws); case i is the region with one "--set PATH=VALUE" per parameter, solved by the one
 * workflow (sn_run) wherever the caller likes. Its answer, computed here from its result, is
 * one line of text, so that it crosses pipes, MPI messages and state files unchanged; the
 * writers (src/report/cases.c) derive everything else from the recorded answers.
 *
 * Draws are reproducible from the seed alone: case i's parameter k takes its uniforms from
 * splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014) at counter (i * params + k) * 2 and + 1, so a case's values do not depend on
 * which process solves it or when. Normal draws use the Box-Muller transform on those two
 * uniforms, triangular ones the inverse of the distribution function.
 *
 * Stage: results -> [result] -> report.
 */
#include "result_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sn_status sn_cases_create(sn_cases_kind kind, sn_cases **out)
{
    *out = NULL;
    if (kind != SN_CASES_SWEEP && kind != SN_CASES_SAMPLE)
        return SN_EUSAGE;
    sn_cases *c = snp_calloc(1, sizeof *c);
    if (!c)
        return SN_ENOMEM;
    c->kind = kind;
    snp_vec_init(&c->params, sizeof(snp_case_param));
    snp_arena_init(&c->arena);
    *out = c;
    return SN_OK;
}

void sn_cases_free(sn_cases *c)
{
    if (!c)
        return;
    snp_vec_free(&c->params);
    snp_free(c->values);
    snp_free(c->rows);
    snp_arena_free(&c->arena);
    snp_free(c);
}

/* One number of a list, from s to the first of `stops` or the end; *end past it. 0 or -1. */
static int read_number(const char *s, const char *stops, double *v, const char **end)
{
    size_t len = strcspn(s, stops);
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *e;
    errno = 0;
    *v = strtod(buf, &e);
    *end = s + len;
    return errno || *e || !isfinite(*v) ? -1 : 0;
}

static snp_case_param *new_param(sn_cases *c, const char *path, size_t path_len, const char *spec)
{
    if (c->values) /* planned already */
        return NULL;
    snp_case_param p;
    memset(&p, 0, sizeof p);
    p.path = snp_arena_alloc(&c->arena, path_len + 1);
    p.spec = snp_arena_strdup(&c->arena, spec);
    if (!p.path || !p.spec)
        return NULL;
    memcpy(p.path, path, path_len);
    return snp_vec_push(&c->params, &p);
}

sn_status sn_cases_add_values(sn_cases *c, const char *path, const char *values, int range,
                              sn_diag *diag)
{
    const char *opt = range ? "--range" : "--values";
    if (!c || !path || !values || c->kind != SN_CASES_SWEEP || c->values)
        return SN_EUSAGE;
    if (!path[0] || strchr(path, '=')) {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL,
                     "--param: expected an override path such as region.carbon_price, got \"%s\"",
                     path);
        return SN_EUSAGE;
    }
    int n = 0;
    double *v = NULL;
    if (range) {
        double from, to, steps;
        const char *e;
        if (read_number(values, ":", &from, &e) != 0 || *e != ':' ||
            read_number(e + 1, ":", &to, &e) != 0 || *e != ':' ||
            read_number(e + 1, ":", &steps, &e) != 0 || *e || steps != floor(steps) || steps < 1 ||
            steps > SN_CASES_MAX || (steps == 1 && from != to)) {
            snp_diag_add(diag, SN_EUSAGE, NULL, NULL,
                         "%s: expected FROM:TO:STEPS (numbers, STEPS a whole number from 1 to "
                         "%d, and FROM = TO when it is 1), got \"%s\"",
                         opt, SN_CASES_MAX, values);
            return SN_EUSAGE;
        }
        n = (int)steps;
        v = snp_arena_array(&c->arena, (size_t)n, sizeof *v);
        if (!v)
            return SN_ENOMEM;
        for (int k = 0; k < n; k++) /* both ends exact */
            v[k] = k == n - 1 ? to : from + (to - from) * k / (n > 1 ? n - 1 : 1);
    } else {
        int cap = 1;
        for (const char *s = values; *s; s++)
            cap += *s == ',';
        v = snp_arena_array(&c->arena, (size_t)cap, sizeof *v);
        if (!v)
            return SN_ENOMEM;
        const char *s = values;
        for (;;) {
            const char *e;
            if (n >= SN_CASES_MAX || read_number(s, ",", &v[n], &e) != 0) {
                snp_diag_add(diag, SN_EUSAGE, NULL, NULL,
                             "%s: expected numbers separated by commas, got \"%s\"", opt, values);
                return SN_EUSAGE;
            }
            n++;
            if (!*e)
                break;
            s = e + 1;
        }
    }
    snp_case_param *p = new_param(c, path, strlen(path), values);
    if (!p)
        return SN_ENOMEM;
    p->dist = SNP_DIST_VALUES;
    p->n_values = n;
    p->values = v;
    return SN_OK;
}

sn_status sn_cases_add_distribution(sn_cases *c, const char *spec, sn_diag *diag)
{
    static const struct {
        const char *name;
        snp_dist dist;
        int figures;
    } DISTS[] = {{"uniform", SNP_DIST_UNIFORM, 2},
                 {"triangular", SNP_DIST_TRIANGULAR, 3},
                 {"normal", SNP_DIST_NORMAL, 2},
                 {"lognormal", SNP_DIST_LOGNORMAL, 2}};
    if (!c || !spec || c->kind != SN_CASES_SAMPLE || c->values)
        return SN_EUSAGE;
    const char *eq = strrchr(spec, '=');
    const char *dist = eq ? eq + 1 : "";
    size_t dlen = strcspn(dist, ":");
    size_t d = 0;
    while (d < sizeof DISTS / sizeof DISTS[0] &&
           !(strlen(DISTS[d].name) == dlen && strncmp(DISTS[d].name, dist, dlen) == 0))
        d++;
    double x[3] = {0, 0, 0};
    int ok = eq && eq > spec && d < sizeof DISTS / sizeof DISTS[0];
    const char *s = dist + dlen;
    for (int k = 0; ok && k < DISTS[d].figures; k++) {
        const char *e;
        ok = *s == ':' && read_number(s + 1, ":", &x[k], &e) == 0;
        s = ok ? e : s;
    }
    ok = ok && *s == '\0';
    if (ok && d < sizeof DISTS / sizeof DISTS[0]) {
        switch (DISTS[d].dist) {
        case SNP_DIST_UNIFORM:
            ok = x[0] <= x[1];
            break;
        case SNP_DIST_TRIANGULAR:
            ok = x[0] <= x[1] && x[1] <= x[2] && x[0] < x[2];
            break;
        case SNP_DIST_NORMAL:
        case SNP_DIST_LOGNORMAL:
            ok = x[1] >= 0;
            break;
        case SNP_DIST_VALUES:
            ok = 0;
            break;
        }
    }
    if (!ok) {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL,
                     "--param: expected PATH=uniform:A:B (A <= B), PATH=triangular:A:MODE:B "
                     "(A <= MODE <= B, A < B), PATH=normal:MEAN:SD or PATH=lognormal:MU:SIGMA "
                     "(SD, SIGMA >= 0), got \"%s\"",
                     spec);
        return SN_EUSAGE;
    }
    snp_case_param *p = new_param(c, spec, (size_t)(eq - spec), spec);
    if (!p)
        return SN_ENOMEM;
    p->dist = DISTS[d].dist;
    if (p->dist == SNP_DIST_TRIANGULAR) { /* a, mode, b -> a, b, mode */
        p->a = x[0];
        p->b = x[2];
        p->c = x[1];
    } else {
        p->a = x[0];
        p->b = x[1];
    }
    return SN_OK;
}

/* splitmix64 at counter k of seed: a uniform in (0, 1), never 0 or 1. */
static double uniform01(unsigned long long seed, unsigned long long k)
{
    unsigned long long z = seed + (k + 1) * 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) / 9007199254740992.0; /* (0.5 .. 2^53 - 0.5) / 2^53 */
}

static double draw(const snp_case_param *p, unsigned long long seed, unsigned long long k)
{
    double u = uniform01(seed, 2 * k), w = uniform01(seed, 2 * k + 1);
    switch (p->dist) {
    case SNP_DIST_UNIFORM:
        return p->a + (p->b - p->a) * u;
    case SNP_DIST_TRIANGULAR: {
        double a = p->a, b = p->b, m = p->c, f = (m - a) / (b - a);
        return u < f ? a + sqrt(u * (b - a) * (m - a)) : b - sqrt((1 - u) * (b - a) * (b - m));
    }
    case SNP_DIST_NORMAL:
    case SNP_DIST_LOGNORMAL: {
        double z = sqrt(-2 * log(u)) * cos(6.283185307179586 * w);
        double x = p->a + p->b * z;
        return p->dist == SNP_DIST_NORMAL ? x : exp(x);
    }
    case SNP_DIST_VALUES:
        break;
    }
    return NAN;
}

sn_status sn_cases_plan(sn_cases *c, int n, unsigned long long seed, sn_diag *diag)
{
    if (!c || c->values)
        return SN_EUSAGE;
    int np = (int)c->params.len;
    if (np == 0) {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL, "no --param given: nothing to vary");
        return SN_EUSAGE;
    }
    if (c->kind == SN_CASES_SWEEP) {
        double total = 1;
        for (int k = 0; k < np; k++)
            total *= SNP_VEC_AT(&c->params, snp_case_param, (size_t)k).n_values;
        if (total > SN_CASES_MAX) {
            snp_diag_add(diag, SN_EUSAGE, NULL, NULL,
                         "the grid has %.0f cases, more than the %d a run takes", total,
                         SN_CASES_MAX);
            return SN_EUSAGE;
        }
        n = (int)total;
    } else if (n < 1 || n > SN_CASES_MAX) {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL,
                     "--n: expected a whole number of cases from 1 to %d, got %d", SN_CASES_MAX, n);
        return SN_EUSAGE;
    }
    c->values = snp_calloc((size_t)n * (size_t)np, sizeof *c->values);
    c->rows = snp_calloc((size_t)n, sizeof *c->rows);
    if (!c->values || !c->rows) {
        snp_free(c->values);
        snp_free(c->rows);
        c->values = NULL;
        c->rows = NULL;
        return SN_ENOMEM;
    }
    c->n = n;
    c->seed = seed;
    for (int i = 0; i < n; i++) {
        int rest = i;
        for (int k = np - 1; k >= 0; k--) { /* the last parameter varies fastest */
            const snp_case_param *p = &SNP_VEC_AT(&c->params, snp_case_param, (size_t)k);
            double v;
            if (c->kind == SN_CASES_SWEEP) {
                v = p->values[rest % p->n_values];
                rest /= p->n_values;
            } else {
                v = draw(p, seed, (unsigned long long)i * (unsigned long long)np + (unsigned)k);
            }
            c->values[(size_t)i * (size_t)np + (size_t)k] = v;
        }
    }
    return SN_OK;
}

sn_cases_kind sn_cases_kind_get(const sn_cases *c)
{
    return c->kind;
}

int sn_cases_count(const sn_cases *c)
{
    return c ? c->n : 0;
}

int sn_cases_param_count(const sn_cases *c)
{
    return c ? (int)c->params.len : 0;
}

const char *sn_cases_param(const sn_cases *c, int k)
{
    if (!c || k < 0 || k >= (int)c->params.len)
        return NULL;
    return SNP_VEC_AT(&c->params, snp_case_param, (size_t)k).path;
}

double sn_cases_value(const sn_cases *c, int i, int k)
{
    if (!c || !c->values || i < 0 || i >= c->n || k < 0 || k >= (int)c->params.len)
        return NAN;
    return c->values[(size_t)i * c->params.len + (size_t)k];
}

sn_status sn_cases_set_arg(const sn_cases *c, int i, int k, char *buf, size_t size)
{
    double v = sn_cases_value(c, i, k);
    if (!isfinite(v))
        return SN_EUSAGE;
    char num[40];
    snp_fmt_double(num, sizeof num, v);
    int len = snprintf(buf, size, "%s=%s", sn_cases_param(c, k), num);
    return len < 0 || (size_t)len >= size ? SN_EUSAGE : SN_OK;
}

sn_status sn_case_answer(const sn_result *r, char **line)
{
    *line = NULL;
    snp_arena a;
    snp_arena_init(&a);
    snp_vec ids;
    snp_vec_init(&ids, sizeof(char *));
    sn_status st = snp_result_built_ids(r, &a, &ids) == 0 ? SN_OK : SN_ENOMEM;
    size_t size = 7 * 40 + 16;
    for (size_t k = 0; st == SN_OK && k < ids.len; k++)
        size += strlen(SNP_VEC_AT(&ids, char *, k)) + 1;
    char *s = st == SN_OK ? snp_alloc(size) : NULL;
    if (s) {
        const snp_figures *g = &r->g;
        int net = g->has_network;
        double figs[6] = {r->s->gap,
                          net ? g->cost.total : NAN,
                          g->bau_feasible ? g->bau.total : NAN,
                          net ? g->capital_total : NAN,
                          net ? g->co2_t_per_yr : NAN,
                          g->bau_co2_t_per_yr};
        size_t len = (size_t)snprintf(s, size, "%d", (int)r->s->status);
        for (int k = 0; k < 6; k++) {
            char num[40];
            snp_fmt_double(num, sizeof num, figs[k]);
            len += (size_t)snprintf(s + len, size - len, " %s", num);
        }
        for (size_t k = 0; k < ids.len; k++)
            len += (size_t)snprintf(s + len, size - len, " %s", SNP_VEC_AT(&ids, char *, k));
        *line = s;
    } else {
        st = SN_ENOMEM;
    }
    snp_vec_free(&ids);
    snp_arena_free(&a);
    return st;
}

/* One figure of an answer line: a number or null (NAN). */
static int read_figure(const char **s, double *v)
{
    const char *p = *s;
    while (*p == ' ')
        p++;
    if (strncmp(p, "null", 4) == 0 && (p[4] == ' ' || !p[4])) {
        *v = NAN;
        *s = p + 4;
        return 0;
    }
    char *e;
    errno = 0;
    *v = strtod(p, &e);
    if (e == p || errno || !isfinite(*v) || (*e && *e != ' '))
        return -1;
    *s = e;
    return 0;
}

sn_status sn_cases_record(sn_cases *c, int i, const char *line, sn_diag *diag)
{
    if (!c || !line || i < 0 || i >= c->n) {
        snp_diag_add(diag, SN_EINPUT, NULL, NULL, "case %d is not one of the %d planned", i + 1,
                     c ? c->n : 0);
        return SN_EINPUT;
    }
    snp_case_row r;
    memset(&r, 0, sizeof r);
    const char *s = line;
    char *e;
    long status = strtol(s, &e, 10);
    int ok = e != s && status >= SN_SOL_OPTIMAL && status <= SN_SOL_NO_SOLUTION;
    s = e;
    double *figs[6] = {&r.gap, &r.objective, &r.bau, &r.capital, &r.co2, &r.bau_co2};
    for (int k = 0; ok && k < 6; k++)
        ok = read_figure(&s, figs[k]) == 0;
    int n = 0;
    for (const char *p = s; ok && *p; p++)
        n += *p == ' ' && p[1] && p[1] != ' ';
    if (ok) {
        r.built = snp_arena_array(&c->arena, (size_t)(n > 0 ? n : 1), sizeof *r.built);
        if (!r.built)
            return SN_ENOMEM;
    }
    while (ok && *s) {
        while (*s == ' ')
            s++;
        size_t len = strcspn(s, " ");
        if (len == 0)
            break;
        char *id = snp_arena_alloc(&c->arena, len + 1);
        if (!id)
            return SN_ENOMEM;
        memcpy(id, s, len);
        ok = r.n_built < n && strchr(id, ':') != NULL;
        if (ok)
            r.built[r.n_built++] = id;
        s += len;
    }
    if (!ok) {
        snp_diag_add(diag, SN_EINPUT, NULL, NULL,
                     "case %d: expected an answer \"STATUS GAP OBJECTIVE BAU CAPITAL CO2 BAU_CO2 "
                     "ID...\", got \"%.200s\"",
                     i + 1, line);
        return SN_EINPUT;
    }
    r.status = (int)status;
    r.done = 1;
    c->rows[i] = r;
    return SN_OK;
}

int sn_cases_done(const sn_cases *c, int i)
{
    return c && i >= 0 && i < c->n && c->rows[i].done;
}

const char *const *sn_cases_built(const sn_cases *c, int i, int *n)
{
    *n = 0;
    if (!sn_cases_done(c, i))
        return NULL;
    *n = c->rows[i].n_built;
    return (const char *const *)c->rows[i].built;
}

int snp_case_builds(const snp_case_row *r, const char *id)
{
    for (int k = 0; k < r->n_built; k++)
        if (strcmp(r->built[k], id) == 0)
            return 1;
    return 0;
}

int snp_cases_differ(const sn_cases *c, int i, int j)
{
    const snp_case_row *a = &c->rows[i], *b = &c->rows[j];
    if (a->n_built != b->n_built)
        return 1;
    for (int k = 0; k < a->n_built; k++)
        if (!snp_case_builds(b, a->built[k]))
            return 1;
    return 0;
}

double snp_cases_figure(const sn_cases *c, int i, int which)
{
    const snp_case_row *r = &c->rows[i];
    if (!r->done)
        return NAN;
    switch (which) {
    case 0:
        return r->objective;
    case 1:
        return r->bau - r->objective;
    default:
        return r->co2;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double snp_cases_quantile(const sn_cases *c, int which, double q, double *scratch)
{
    int m = 0;
    for (int i = 0; i < c->n; i++) {
        double x = snp_cases_figure(c, i, which);
        if (isfinite(x))
            scratch[m++] = x;
    }
    if (m == 0)
        return NAN;
    qsort(scratch, (size_t)m, sizeof *scratch, cmp_double);
    double h = (m - 1) * q;
    int lo = (int)floor(h);
    int hi = lo + 1 < m ? lo + 1 : lo;
    return scratch[lo] + (h - lo) * (scratch[hi] - scratch[lo]);
}
