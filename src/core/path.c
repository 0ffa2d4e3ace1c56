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

/* Length of the valid UTF-8 sequence at s, or 0 (s is NUL-terminated). */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0], cp;
    size_t n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, cp = c & 0x1Fu;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, cp = c & 0x0Fu;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, cp = c & 0x07u;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    static const unsigned min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* A key made only of A-Z a-z 0-9 _ - is written .key; any other as ["key"], with '"', '\\',
 * control characters and invalid UTF-8 escaped, so a path is always one unambiguous line. */
void snp_path_push_key(snp_path *p, const char *key)
{
    if (!path_enter(p))
        return;
    size_t n = strlen(key);
    int simple = n > 0;
    for (size_t i = 0; i < n && simple; i++) {
        unsigned char c = (unsigned char)key[i];
        simple = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-';
    }
    if (simple) {
        if (p->len > 0)
            path_append(p, ".");
        path_append(p, key);
        return;
    }
    path_append(p, "[\"");
    const unsigned char *u = (const unsigned char *)key;
    for (size_t i = 0; i < n;) {
        char tmp[8];
        size_t k = utf8_len(u + i);
        if (u[i] == '"' || u[i] == '\\') {
            tmp[0] = '\\';
            tmp[1] = (char)u[i];
            tmp[2] = '\0';
            k = 1;
        } else if (u[i] == '\t' || u[i] == '\n' || u[i] == '\r') {
            tmp[0] = '\\';
            tmp[1] = u[i] == '\t' ? 't' : u[i] == '\n' ? 'n' : 'r';
            tmp[2] = '\0';
            k = 1;
        } else if (k == 0 || u[i] < 0x20 || u[i] == 0x7F) {
            snprintf(tmp, sizeof tmp, "\\x%02X", (unsigned)u[i]);
            k = 1;
        } else {
            memcpy(tmp, u + i, k);
            tmp[k] = '\0';
        }
        path_append(p, tmp);
        i += k;
    }
    path_append(p, "\"]");
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
