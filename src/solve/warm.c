/*
 * warm.c - what one solve hands to the next solve of a model with the same constraints (issue
 * 17, docs/model.md 11.9): the sweeps, samples, values and alternatives of the analysis
 * commands solve many models that differ in their objective alone (a carbon price, a cost),
 * and everything that depends on the constraints alone carries over from a neighbouring case.
 * Stage: sn_model -> [solve] -> sn_solution; glpk.c records and uses it, sepa_carry.c offers
 * the cuts.
 *
 * What is recorded (sn_warm): a fingerprint of the constraints (FNV-1a over the rows' bounds,
 * columns and coefficients, the columns' bounds and kinds, and the sizes; not the objective),
 * the optimal basis of the root LP before any cut (the plugin "carrybasis": for another
 * objective the basis is still primal feasible, so the primal simplex from it has no phase 1
 * and only re-optimises), and every cut of symnet's separators (dicut, flowcover, hubcap; the
 * plugin "carrycuts"): each is valid for every point of the model's feasible set, which the
 * constraints alone determine, so it is valid for every model with the same fingerprint. GLPK's
 * own cuts are not recorded: they may use the bounds GLPK fixes by reduced costs, which depend
 * on the objective. And the network found (every column's value): a point of the same feasible
 * set, so the plugin "start" takes it as it is, at its cost under the new objective, without an
 * LP. The record is used only when the fingerprints (and sizes) agree; two
 * different constraint sets with the same 64-bit fingerprint are the one way it could be wrong.
 *
 * The text form (sn_warm_write, sn_warm_read): a header line, the fingerprint and sizes, the
 * basis as one line of status letters, then one line per cut: its length, its right-hand side
 * and its column:coefficient pairs, numbers with 17 significant digits (they round-trip).
 * Cost: O(nonzeros) for the fingerprint, O(rows + columns + cut nonzeros) to write and read.
 */
#include "solve_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define WARM_MAGIC "symnet-warm 1"

static unsigned long long fnv(unsigned long long h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static unsigned long long fnv_double(unsigned long long h, double v)
{
    if (v == 0)
        v = 0; /* -0 and +0 are the same bound */
    return fnv(h, &v, sizeof v);
}

unsigned long long snp_warm_fingerprint(const sn_model *m)
{
    unsigned long long h = 14695981039346656037ULL;
    size_t nr = m->rows.len, nc = m->cols.len, nz = m->idx.len;
    h = fnv(h, &nr, sizeof nr);
    h = fnv(h, &nc, sizeof nc);
    h = fnv(h, &nz, sizeof nz);
    for (size_t i = 0; i < nr; i++) {
        const snp_row *r = snp_model_row(m, (int)i);
        size_t end = snp_model_row_stop(m, (int)i);
        h = fnv_double(fnv_double(h, r->lb), r->ub);
        h = fnv(h, &r->start, sizeof r->start);
        for (size_t k = r->start; k < end; k++) {
            h = fnv(h, &SNP_VEC_AT(&m->idx, int, k), sizeof(int));
            h = fnv_double(h, SNP_VEC_AT(&m->val, double, k));
        }
    }
    for (size_t j = 0; j < nc; j++) {
        const snp_col *c = snp_model_col(m, (int)j);
        int kind = (int)c->kind;
        h = fnv_double(fnv_double(h, c->lb), c->ub);
        h = fnv(h, &kind, sizeof kind);
    }
    return h;
}

int snp_warm_fits(const sn_warm *w, const sn_model *m)
{
    return w && w->rows == (int)m->rows.len && w->cols == (int)m->cols.len &&
           w->fingerprint == snp_warm_fingerprint(m);
}

static sn_warm *warm_alloc(void)
{
    sn_warm *w = snp_calloc(1, sizeof *w);
    if (!w)
        return NULL;
    snp_vec_init(&w->cuts, sizeof(snp_warm_cut));
    snp_vec_init(&w->col, sizeof(int));
    snp_vec_init(&w->coef, sizeof(double));
    return w;
}

void sn_warm_free(sn_warm *w)
{
    if (!w)
        return;
    snp_free(w->basis);
    snp_free(w->x);
    snp_vec_free(&w->cuts);
    snp_vec_free(&w->col);
    snp_vec_free(&w->coef);
    snp_free(w);
}

int snp_warm_add_cut(void *ctx, int len, const int *col, const double *coef, double lb)
{
    sn_warm *w = ctx;
    if (w->cuts.len >= SNP_WARM_MAX_CUTS || len <= 0)
        return 0;
    if (snp_vec_reserve(&w->col, w->col.len + (size_t)len) != 0 ||
        snp_vec_reserve(&w->coef, w->coef.len + (size_t)len) != 0)
        return -1;
    snp_warm_cut c = {w->col.len, len, lb};
    if (!snp_vec_push(&w->cuts, &c))
        return -1;
    for (int k = 0; k < len; k++) {
        (void)snp_vec_push(&w->col, &col[k]); /* reserved above */
        (void)snp_vec_push(&w->coef, &coef[k]);
    }
    return 0;
}

sn_warm *snp_warm_new(const sn_model *m)
{
    sn_warm *w = warm_alloc();
    if (!w)
        return NULL;
    w->fingerprint = snp_warm_fingerprint(m);
    w->rows = (int)m->rows.len;
    w->cols = (int)m->cols.len;
    return w;
}

int snp_warm_set_basis(sn_warm *w, const char *basis)
{
    size_t n = (size_t)w->rows + (size_t)w->cols;
    if (!w->basis && !(w->basis = snp_alloc(n + 1)))
        return -1;
    memcpy(w->basis, basis, n);
    w->basis[n] = '\0';
    return 0;
}

int snp_warm_set_x(sn_warm *w, const double *x)
{
    if (!w->x && !(w->x = snp_calloc((size_t)w->cols + 1, sizeof *w->x)))
        return -1;
    memcpy(w->x, x, (size_t)w->cols * sizeof *x);
    return 0;
}

const sn_warm *sn_solution_warm(const sn_solution *s)
{
    return s ? s->warm : NULL;
}

sn_status sn_warm_write(const sn_warm *w, FILE *f)
{
    fprintf(f, "%s\n%016llx %d %d\n%s\n%zu\n", WARM_MAGIC, w->fingerprint, w->rows, w->cols,
            w->basis ? w->basis : "-", w->cuts.len);
    fprintf(f, "%d", w->x ? w->cols : 0);
    for (int j = 0; w->x && j < w->cols; j++)
        fprintf(f, " %.17g", w->x[j]);
    fputc('\n', f);
    for (size_t i = 0; i < w->cuts.len; i++) {
        const snp_warm_cut *c = &SNP_VEC_AT(&w->cuts, snp_warm_cut, i);
        fprintf(f, "%d %.17g", c->len, c->lb);
        for (int k = 0; k < c->len; k++)
            fprintf(f, " %d:%.17g", SNP_VEC_AT(&w->col, int, c->start + (size_t)k),
                    SNP_VEC_AT(&w->coef, double, c->start + (size_t)k));
        fputc('\n', f);
    }
    return ferror(f) ? SN_EIO : SN_OK;
}

/* The basis line: rows + cols status letters, or "-". 0, -1 when malformed, -2 without
 * memory. */
static int read_basis(FILE *f, sn_warm *w)
{
    size_t n = (size_t)w->rows + (size_t)w->cols;
    char *b = snp_alloc(n + 2);
    if (!b)
        return -2;
    size_t k = 0;
    int ch;
    while ((ch = fgetc(f)) != EOF && ch != '\n') {
        if (k == 0 && ch == '-' && (ch = fgetc(f)) == '\n') {
            snp_free(b);
            return 0;
        }
        if (k >= n || !strchr("BLUFS", ch) || ch == '\0') {
            snp_free(b);
            return -1;
        }
        b[k++] = (char)ch;
    }
    b[k] = '\0';
    if (k != n) {
        snp_free(b);
        return -1;
    }
    w->basis = b;
    return 0;
}

/* The network line: its length (0 or w->cols), then as many numbers. 0, -1 when malformed, -2
 * without memory. */
static int read_x(FILE *f, sn_warm *w)
{
    int n;
    if (fscanf(f, "%d", &n) != 1 || (n != 0 && n != w->cols))
        return -1;
    if (n == 0)
        return 0;
    if (!(w->x = snp_calloc((size_t)w->cols + 1, sizeof *w->x)))
        return -2;
    for (int j = 0; j < w->cols; j++)
        if (fscanf(f, "%lg", &w->x[j]) != 1 || !isfinite(w->x[j]))
            return -1;
    return 0;
}

sn_status sn_warm_read(FILE *f, sn_warm **out, sn_diag *diag)
{
    *out = NULL;
    sn_warm *w = warm_alloc();
    if (!w) {
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory reading a warm start");
        return SN_ENOMEM;
    }
    char magic[32];
    size_t n_cuts = 0;
    int bad = !fgets(magic, sizeof magic, f) || strcmp(magic, WARM_MAGIC "\n") != 0 ||
              fscanf(f, "%llx %d %d", &w->fingerprint, &w->rows, &w->cols) != 3 || w->rows < 0 ||
              w->cols < 0 || fgetc(f) != '\n';
    int rb = bad ? -1 : read_basis(f, w);
    bad = bad || rb != 0 || fscanf(f, "%zu", &n_cuts) != 1 || n_cuts > SNP_WARM_MAX_CUTS;
    rb = bad ? rb : read_x(f, w);
    bad = bad || rb != 0;
    int *col = bad ? NULL : snp_calloc((size_t)w->cols + 1, sizeof *col);
    double *coef = bad ? NULL : snp_calloc((size_t)w->cols + 1, sizeof *coef);
    if (!bad && (!col || !coef))
        rb = -2;
    bad = bad || rb != 0;
    for (size_t i = 0; !bad && i < n_cuts; i++) {
        int len;
        double lb;
        bad = fscanf(f, "%d %lg", &len, &lb) != 2 || len <= 0 || len > w->cols || !isfinite(lb);
        for (int k = 0; !bad && k < len; k++)
            bad = fscanf(f, " %d:%lg", &col[k], &coef[k]) != 2 || col[k] < 0 || col[k] >= w->cols ||
                  !isfinite(coef[k]);
        if (!bad && snp_warm_add_cut(w, len, col, coef, lb) != 0)
            rb = -2;
        bad = bad || rb != 0;
    }
    snp_free(col);
    snp_free(coef);
    if (rb == -2) {
        sn_warm_free(w);
        snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory reading a warm start");
        return SN_ENOMEM;
    }
    if (bad) {
        sn_warm_free(w);
        snp_diag_add(diag, SN_EINPUT, NULL, NULL, "not a warm start written by symnet");
        return SN_EINPUT;
    }
    *out = w;
    return SN_OK;
}
