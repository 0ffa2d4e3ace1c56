/*
 * path.c - the JSON path of the value being read (facilities[3].supplies[0].amount), kept
 * as a stack while walking a document so every message can say where it is.
 */
#include "core_int.h"

#include <stdio.h>
#include <string.h>

void snp_path_init(snp_path *p)
{
    p->buf[0] = '\0';
    p->len = 0;
    p->depth = 0;
    p->overflow = 0;
}

static void path_append(snp_path *p, const char *s)
{
    size_t n = strlen(s);
    if (p->len + n > SNP_PATH_MAX)
        n = SNP_PATH_MAX - p->len;
    memcpy(p->buf + p->len, s, n);
    p->len += n;
    p->buf[p->len] = '\0';
}

static int path_enter(snp_path *p)
{
    if (p->depth >= (int)(sizeof p->stack / sizeof p->stack[0])) {
        p->overflow++;
        return 0;
    }
    p->stack[p->depth++] = p->len;
    return 1;
}

void snp_path_push_key(snp_path *p, const char *key)
{
    if (!path_enter(p))
        return;
    if (p->len > 0)
        path_append(p, ".");
    path_append(p, key);
}

void snp_path_push_index(snp_path *p, size_t index)
{
    if (!path_enter(p))
        return;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "[%zu]", index);
    path_append(p, tmp);
}

void snp_path_pop(snp_path *p)
{
    if (p->overflow > 0) {
        p->overflow--;
        return;
    }
    if (p->depth == 0)
        return;
    p->len = p->stack[--p->depth];
    p->buf[p->len] = '\0';
}

const char *snp_path_str(const snp_path *p)
{
    return p->buf;
}
