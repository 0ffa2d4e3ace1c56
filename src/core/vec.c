/*
 * vec.c - growable arrays with overflow-checked growth.
 */
#include "core_int.h"

#include <stdint.h>
#include <string.h>

void snp_vec_init(snp_vec *v, size_t elem)
{
    v->data = NULL;
    v->len = 0;
    v->cap = 0;
    v->elem = elem;
}

int snp_vec_reserve(snp_vec *v, size_t n)
{
    if (n <= v->cap)
        return 0;
    size_t cap = v->cap ? v->cap : 8;
    while (cap < n) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    if (cap > SIZE_MAX / v->elem)
        return -1;
    void *d = snp_realloc(v->data, cap * v->elem);
    if (!d)
        return -1;
    v->data = d;
    v->cap = cap;
    return 0;
}

void *snp_vec_push(snp_vec *v, const void *item)
{
    if (v->len == SIZE_MAX || snp_vec_reserve(v, v->len + 1) != 0)
        return NULL;
    unsigned char *slot = (unsigned char *)v->data + v->len * v->elem;
    if (item)
        memcpy(slot, item, v->elem);
    else
        memset(slot, 0, v->elem);
    v->len++;
    return slot;
}

void snp_vec_free(snp_vec *v)
{
    snp_free(v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}
