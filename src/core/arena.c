/*
 * arena.c - region allocator: an instance's strings and arrays live in one arena and are
 * freed in one call.
 */
#include "core_int.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct snp_arena_block {
    snp_arena_block *next;
    size_t used;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

#define ARENA_BLOCK_MIN ((size_t)64 * 1024)

void snp_arena_init(snp_arena *a)
{
    a->head = NULL;
}

void *snp_arena_alloc(snp_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (size > SIZE_MAX - align)
        return NULL;
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    snp_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = size > ARENA_BLOCK_MIN ? size : ARENA_BLOCK_MIN;
        if (want > SIZE_MAX - sizeof(snp_arena_block))
            return NULL;
        b = snp_alloc(sizeof(snp_arena_block) + want);
        if (!b)
            return NULL;
        b->size = want;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

void *snp_arena_array(snp_arena *a, size_t n, size_t elem)
{
    if (elem && n > SIZE_MAX / elem)
        return NULL;
    return snp_arena_alloc(a, n * elem);
}

char *snp_arena_strdup(snp_arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = snp_arena_alloc(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void snp_arena_free(snp_arena *a)
{
    snp_arena_block *b = a->head;
    while (b) {
        snp_arena_block *next = b->next;
        snp_free(b);
        b = next;
    }
    a->head = NULL;
}
