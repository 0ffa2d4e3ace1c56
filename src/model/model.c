/*
 * model.c - storage of an sn_model: columns, rows, the sparse matrix and names, with the
 * pre-solver check that keeps GLPK from ever seeing a malformed model (GLPK aborts the
 * process on API misuse, so every coefficient and bound is checked here first).
 */
#include "model_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t add_name(sn_model *m, const char *fmt, va_list ap)
{
    char buf[256];
    vsnprintf(buf, sizeof buf, fmt, ap);
    size_t off = m->names.len, n = strlen(buf) + 1;
    if (snp_vec_reserve(&m->names, m->names.len + n) != 0)
        return (size_t)-1;
    memcpy((char *)m->names.data + off, buf, n);
    m->names.len += n;
    return off;
}

int snp_model_add_col(sn_model *m, snp_col_kind kind, double lb, double ub, double obj,
                      snp_col_role role, int a, int b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t name = add_name(m, fmt, ap);
    va_end(ap);
    if (name == (size_t)-1)
        return -1;
    snp_col c = {lb, ub, obj, kind, role, a, b, name};
    if (kind == SNP_COL_BIN) {
        c.lb = lb > 0 ? 1 : 0;
        c.ub = ub < 1 ? 0 : 1;
    }
    if (!snp_vec_push(&m->cols, &c))
        return -1;
    if (kind == SNP_COL_BIN)
        m->n_binaries++;
    else if (kind == SNP_COL_INT)
        m->n_integers++;
    return (int)m->cols.len - 1;
}

int snp_model_row_begin(sn_model *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t name = add_name(m, fmt, ap);
    va_end(ap);
    if (name == (size_t)-1)
        return -1;
    snp_row r = {-INFINITY, INFINITY, m->idx.len, name};
    return snp_vec_push(&m->rows, &r) ? 0 : -1;
}

int snp_model_row_add(sn_model *m, int col, double coef)
{
    if (coef == 0.0)
        return 0;
    if (!snp_vec_push(&m->idx, &col))
        return -1;
    if (!snp_vec_push(&m->val, &coef)) {
        m->idx.len--;
        return -1;
    }
    return 0;
}

typedef struct term {
    int col;
    double val;
} term;

static int term_cmp(const void *a, const void *b)
{
    const term *x = a, *y = b;
    return (x->col > y->col) - (x->col < y->col);
}

/* Sorts the row's terms by column, merges repeated columns and drops zeros. */
int snp_model_row_end(sn_model *m, double lb, double ub)
{
    snp_row *r = &SNP_VEC_AT(&m->rows, snp_row, m->rows.len - 1);
    r->lb = lb;
    r->ub = ub;
    size_t n = m->idx.len - r->start;
    if (n > 1) {
        term *t = snp_calloc(n, sizeof *t);
        if (!t)
            return -1;
        for (size_t k = 0; k < n; k++) {
            t[k].col = SNP_VEC_AT(&m->idx, int, r->start + k);
            t[k].val = SNP_VEC_AT(&m->val, double, r->start + k);
        }
        qsort(t, n, sizeof *t, term_cmp);
        size_t w = 0;
        for (size_t k = 0; k < n; k++) {
            if (w > 0 && t[w - 1].col == t[k].col)
                t[w - 1].val += t[k].val;
            else
                t[w++] = t[k];
        }
        size_t out = r->start;
        for (size_t k = 0; k < w; k++) {
            if (t[k].val == 0.0)
                continue;
            SNP_VEC_AT(&m->idx, int, out) = t[k].col;
            SNP_VEC_AT(&m->val, double, out) = t[k].val;
            out++;
        }
        m->idx.len = m->val.len = out;
        snp_free(t);
    }
    return 0;
}

const char *snp_model_col_name(const sn_model *m, int col)
{
    return (const char *)m->names.data + snp_model_col(m, col)->name;
}

const char *snp_model_row_name(const sn_model *m, int row)
{
    return (const char *)m->names.data + snp_model_row(m, row)->name;
}

sn_status snp_model_check(const sn_model *m, sn_diag *diag)
{
    const char *file = m->inst->file;
    for (size_t j = 0; j < m->cols.len; j++) {
        const snp_col *c = snp_model_col(m, (int)j);
        if (!isfinite(c->obj) || isnan(c->lb) || isnan(c->ub) || c->lb > c->ub ||
            c->lb == INFINITY || c->ub == -INFINITY) {
            snp_diag_add(diag, SN_EINTERNAL, file, NULL,
                         "model column %s has bounds [%g, %g] and cost %g",
                         snp_model_col_name(m, (int)j), c->lb, c->ub, c->obj);
            return SN_EINTERNAL;
        }
    }
    for (size_t i = 0; i < m->rows.len; i++) {
        const snp_row *r = snp_model_row(m, (int)i);
        size_t end = snp_model_row_stop(m, (int)i);
        if (isnan(r->lb) || isnan(r->ub) || r->lb > r->ub || r->lb == INFINITY ||
            r->ub == -INFINITY) {
            snp_diag_add(diag, SN_EINTERNAL, file, NULL, "model row %s has bounds [%g, %g]",
                         snp_model_row_name(m, (int)i), r->lb, r->ub);
            return SN_EINTERNAL;
        }
        for (size_t k = r->start; k < end; k++) {
            double v = SNP_VEC_AT(&m->val, double, k);
            int col = SNP_VEC_AT(&m->idx, int, k);
            if (!isfinite(v) || col < 0 || (size_t)col >= m->cols.len) {
                snp_diag_add(diag, SN_EINTERNAL, file, NULL,
                             "model row %s has an invalid coefficient %g",
                             snp_model_row_name(m, (int)i), v);
                return SN_EINTERNAL;
            }
        }
    }
    return SN_OK;
}

int sn_model_rows(const sn_model *m)
{
    return (int)m->rows.len;
}

int sn_model_cols(const sn_model *m)
{
    return (int)m->cols.len;
}

int sn_model_binaries(const sn_model *m)
{
    return m->n_binaries;
}

int sn_model_links(const sn_model *m)
{
    return (int)m->links.len;
}

int sn_model_links_pruned(const sn_model *m)
{
    return m->n_links_pruned;
}

sn_model *snp_model_new(const sn_instance *inst, sn_model_kind kind)
{
    sn_model *m = snp_calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->inst = inst;
    m->kind = kind;
    m->row_budget = m->row_co2 = -1;
    snp_vec_init(&m->cols, sizeof(snp_col));
    snp_vec_init(&m->rows, sizeof(snp_row));
    snp_vec_init(&m->idx, sizeof(int));
    snp_vec_init(&m->val, sizeof(double));
    snp_vec_init(&m->names, 1);
    snp_vec_init(&m->comms, sizeof(snp_commodity));
    snp_vec_init(&m->links, sizeof(snp_link));
    snp_vec_init(&m->pruned, sizeof(snp_pruned));
    snp_vec_init(&m->phantoms, sizeof(snp_link));
    snp_vec_init(&m->allocs, sizeof(snp_allocation));
    snp_vec_init(&m->slacks, sizeof(snp_slack));
    snp_vec_init(&m->implied_rows, sizeof(int));
    snp_vec_init(&m->period_allocs, sizeof(snp_period_alloc));
    snp_arena_init(&m->arena);
    return m;
}

void sn_model_free(sn_model *m)
{
    if (!m)
        return;
    snp_vec_free(&m->cols);
    snp_vec_free(&m->rows);
    snp_vec_free(&m->idx);
    snp_vec_free(&m->val);
    snp_vec_free(&m->names);
    snp_vec_free(&m->comms);
    snp_vec_free(&m->links);
    snp_vec_free(&m->pruned);
    snp_vec_free(&m->phantoms);
    snp_vec_free(&m->allocs);
    snp_vec_free(&m->slacks);
    snp_vec_free(&m->implied_rows);
    snp_vec_free(&m->period_allocs);
    snp_free(m->touched);
    snp_free(m->corridor_used);
    snp_arena_free(&m->arena);
    snp_free(m);
}

/* The row holding nonzero k (rows are stored in order of their first nonzero). */
static int row_of(const sn_model *m, size_t k)
{
    int lo = 0, hi = (int)m->rows.len - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (snp_model_row(m, mid)->start <= k)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

int snp_model_span_warning(const sn_model *m, char *buf, size_t size)
{
    if (!(m->min_abs_coef > 0) || !(m->max_abs_coef / m->min_abs_coef > SNP_MODEL_SPAN_WARN))
        return 0;
    size_t at[2] = {m->min_coef_at, m->max_coef_at};
    const char *row[2], *col[2];
    for (int e = 0; e < 2; e++) {
        row[e] = snp_model_row_name(m, row_of(m, at[e]));
        col[e] = snp_model_col_name(m, SNP_VEC_AT(&m->idx, int, at[e]));
    }
    snprintf(buf, size,
             "model coefficients span %.3g (row %.80s, column %.80s) to %.3g (row %.80s, column "
             "%.80s) (ratio above 1e9): check units; results may be numerically fragile",
             m->min_abs_coef, row[0], col[0], m->max_abs_coef, row[1], col[1]);
    return 1;
}

const char *snp_link_id(const sn_instance *in, const snp_link *l, char *buf, size_t size)
{
    if (l->spec >= 0 && in->links[l->spec].id)
        return in->links[l->spec].id;
    return snp_link_key_id(in, l->tail, l->head, l->resource, l->mode, buf, size);
}
