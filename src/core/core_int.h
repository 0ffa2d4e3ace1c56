/*
 * core_int.h - shared internals used by every stage: the allocation choke point (with fault
 * injection for tests), an arena, growable vectors, JSON paths and diagnostics.
 */
#ifndef SN_SRC_CORE_CORE_INT_H
#define SN_SRC_CORE_CORE_INT_H

#include "symnet.h"

#include <stdarg.h>
#include <stddef.h>

/* ---- allocation: every byte symnet allocates goes through these ---------------------- */

void *snp_alloc(size_t size);            /* NULL on failure or injected fault */
void *snp_calloc(size_t n, size_t size); /* zeroed; checks n * size for overflow */
void *snp_realloc(void *p, size_t size); /* like realloc; p kept on failure */
void snp_free(void *p);
char *snp_strdup(const char *s);

/* Fault injection (tests only): the Nth allocation from now fails (1 = the next one);
 * 0 disables. snp_alloc_count() counts allocations since the last call to set. */
void snp_alloc_fail_at(long n);
long snp_alloc_count(void);
/* Blocks allocated here and not yet freed: a test compares it before and after a call to
 * find leaks in any build (LeakSanitizer's report does not fail a Criterion test). */
long snp_alloc_live(void);

/* ---- arena: many small allocations freed in one call --------------------------------- */

typedef struct snp_arena_block snp_arena_block;
typedef struct snp_arena {
    snp_arena_block *head;
} snp_arena;

void snp_arena_init(snp_arena *a);
void *snp_arena_alloc(snp_arena *a, size_t size); /* zeroed, aligned to max_align_t */
void *snp_arena_array(snp_arena *a, size_t n, size_t elem);
char *snp_arena_strdup(snp_arena *a, const char *s);
void snp_arena_free(snp_arena *a);

/* ---- vec: growable array of fixed-size elements --------------------------------------- */

typedef struct snp_vec {
    void *data;
    size_t len;
    size_t cap;
    size_t elem;
} snp_vec;

void snp_vec_init(snp_vec *v, size_t elem);
/* Appends one element copied from item (may be NULL: zeroed). Returns a pointer to it or NULL
 * on allocation failure (the vector is unchanged). */
void *snp_vec_push(snp_vec *v, const void *item);
int snp_vec_reserve(snp_vec *v, size_t n); /* 0 ok, -1 out of memory */
void snp_vec_free(snp_vec *v);
#define SNP_VEC_AT(v, type, i) (((type *)(v)->data)[i])

/* ---- JSON path ------------------------------------------------------------------------- */

#define SNP_PATH_MAX 255
typedef struct snp_path {
    char buf[SNP_PATH_MAX + 1];
    size_t len;
    size_t stack[64];
    int depth;
    int overflow; /* pushes that did not fit */
} snp_path;

void snp_path_init(snp_path *p);
void snp_path_push_key(snp_path *p, const char *key);
void snp_path_push_index(snp_path *p, size_t index);
void snp_path_pop(snp_path *p);
const char *snp_path_str(const snp_path *p);

/* ---- diagnostics ----------------------------------------------------------------------- */

/* Adds an error (or warning) to d. `file` and `path` may be NULL. */
void snp_diag_add(sn_diag *d, sn_status code, const char *file, const char *path, const char *fmt,
                  ...) __attribute__((format(printf, 5, 6)));
void snp_diag_vadd(sn_diag *d, sn_status code, const char *file, const char *path, const char *fmt,
                   va_list ap) __attribute__((format(printf, 5, 0)));
void snp_diag_warn(sn_diag *d, const char *file, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A warning an object keeps for its reports (an instance's or a model's: the solution's
 * "warnings"); path is a JSON path or "", both strings owned by the object's arena. */
typedef struct snp_warning {
    const char *path;
    const char *message;
} snp_warning;
#define SNP_WARNINGS_KEPT 20 /* an object keeps this many; the rest are counted */

/* Sets line and column of the last error added. */
void snp_diag_set_pos(sn_diag *d, int line, int col);
int snp_diag_full(const sn_diag *d); /* 1 once SN_DIAG_MAX errors are held */

/* ---- numbers --------------------------------------------------------------------------- */

/* Capital recovery factor: the annual payment per unit of capital over life_yr years at
 * rate r (1/life_yr when r == 0). */
double snp_crf(double rate, double life_yr);

/* Compensated (Neumaier) summation: the sum of many terms of mixed sign with an error of about
 * one rounding of the result, not one per term. Start from {0, 0}. */
typedef struct snp_ksum {
    double sum, comp;
} snp_ksum;
void snp_ksum_add(snp_ksum *k, double x);
double snp_ksum_value(const snp_ksum *k);

/* Great-circle distance in km between two lon/lat points in degrees (mean Earth radius). */
double snp_haversine_km(double lon1, double lat1, double lon2, double lat2);

/* Shortest "%.*g" that reads back to the same double: for JSON output. */
void snp_fmt_double(char *buf, size_t size, double v);

#endif /* SN_SRC_CORE_CORE_INT_H */
