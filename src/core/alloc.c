/*
 * alloc.c - the allocation choke point. Every allocation in symnet goes through here so that
 * tests can make the Nth one fail (fault injection, after SQLite's faultsim).
 */
#include "core_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Fault injection and leak counting state: process-wide by design, read only by tests. */
static long fail_at;
static long alloc_count;
static long live_blocks;

void snp_alloc_fail_at(long n)
{
    fail_at = n;
    alloc_count = 0;
}

long snp_alloc_count(void)
{
    return alloc_count;
}

long snp_alloc_live(void)
{
    return live_blocks;
}

static int injected_fault(void)
{
    alloc_count++;
    return fail_at > 0 && alloc_count == fail_at;
}

void *snp_alloc(size_t size)
{
    if (injected_fault())
        return NULL;
    void *p = malloc(size ? size : 1);
    if (p)
        live_blocks++;
    return p;
}

void *snp_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    if (injected_fault())
        return NULL;
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (p)
        live_blocks++;
    return p;
}

void *snp_realloc(void *p, size_t size)
{
    if (injected_fault())
        return NULL;
    void *q = realloc(p, size ? size : 1);
    if (q && !p)
        live_blocks++;
    return q;
}

void snp_free(void *p)
{
    if (p)
        live_blocks--;
    free(p);
}

char *snp_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = snp_alloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}
