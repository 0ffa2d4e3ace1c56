/*
 * classic_common.c - shared helpers of the benchmark converters (see classic_common.h).
 */
#include "classic_common.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void vreport(const char *kind, const char *file, int line, const char *fmt, va_list ap)
    CL_PRINTF(4, 0);

static void vreport(const char *kind, const char *file, int line, const char *fmt, va_list ap)
{
    if (line > 0)
        fprintf(stderr, "%s:%d: %s", file, line, kind);
    else
        fprintf(stderr, "%s: %s", file, kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cl_error(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("", file, line, fmt, ap);
    va_end(ap);
}

void cl_warn(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("warning: ", file, line, fmt, ap);
    va_end(ap);
}

int cl_read_file(const char *path, char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        cl_error(path, 0, "cannot open: %s", strerror(errno));
        return CL_EXIT_IO;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        cl_error(path, 0, "out of memory");
        return CL_EXIT_INTERNAL;
    }
    for (;;) {
        if (cap - n < 2) {
            if (cap > ((size_t)-1) / 2) {
                free(buf);
                fclose(f);
                cl_error(path, 0, "file too large");
                return CL_EXIT_IO;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(f);
                cl_error(path, 0, "out of memory");
                return CL_EXIT_INTERNAL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        cl_error(path, 0, "read error");
        return CL_EXIT_IO;
    }
    buf[n] = '\0';
    if (memchr(buf, '\0', n)) {
        int line = 1;
        for (const char *p = buf; *p; p++)
            line += *p == '\n';
        free(buf);
        cl_error(path, line, "unexpected NUL byte: not a text file");
        return CL_EXIT_INPUT;
    }
    *text = buf;
    *len = n;
    return CL_EXIT_OK;
}

void cl_lexer_init(cl_lexer *lx, const char *text)
{
    lx->text = text;
    lx->pos = 0;
    lx->line = 1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int cl_lexer_next(cl_lexer *lx, const char **tok, size_t *len, int *line)
{
    const char *t = lx->text;
    size_t p = lx->pos;
    int ln = lx->line;
    while (t[p] && is_space(t[p])) {
        if (t[p] == '\n')
            ln++;
        p++;
    }
    if (!t[p]) {
        lx->pos = p; /* lx->line stays at the last token: messages about the end point there */
        return 0;
    }
    lx->line = ln;
    size_t start = p;
    while (t[p] && !is_space(t[p]))
        p++;
    *tok = t + start;
    *len = p - start;
    *line = lx->line;
    lx->pos = p;
    return 1;
}

int cl_parse_number(const char *tok, size_t len, double *out)
{
    char buf[128];
    if (len == 0 || len >= sizeof buf)
        return -1;
    int digits = 0;
    for (size_t i = 0; i < len; i++) {
        char c = tok[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (!(c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E'))
            return -1;
    }
    if (!digits)
        return -1;
    memcpy(buf, tok, len);
    buf[len] = '\0';
    char *end = NULL;
    errno = 0;
    double v = strtod(buf, &end);
    if (end != buf + len || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int cl_parse_int(const char *tok, size_t len, long lo, long hi, long *out)
{
    char buf[32];
    if (len == 0 || len >= sizeof buf)
        return -1;
    for (size_t i = 0; i < len; i++)
        if (!((tok[i] >= '0' && tok[i] <= '9') || (i == 0 && (tok[i] == '-' || tok[i] == '+'))))
            return -1;
    memcpy(buf, tok, len);
    buf[len] = '\0';
    char *end = NULL;
    errno = 0;
    long v = strtol(buf, &end, 10);
    if (end != buf + len || errno == ERANGE || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

const char *cl_tok_show(const char *tok, size_t len, char *buf, size_t size)
{
    if (size < 8) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    size_t max = size - 4 < 40 ? size - 4 : 40;
    size_t n = len < max ? len : max;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)tok[i];
        buf[w++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (n < len) {
        buf[w++] = '.';
        buf[w++] = '.';
        buf[w++] = '.';
    }
    buf[w] = '\0';
    return buf;
}

int cl_output_open(cl_output *o, const char *path)
{
    o->f = NULL;
    o->path = NULL;
    o->tmp = NULL;
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return CL_EXIT_OK;
    }
    size_t n = strlen(path);
    o->tmp = malloc(n + 5);
    if (!o->tmp) {
        cl_error(path, 0, "out of memory");
        return CL_EXIT_INTERNAL;
    }
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".tmp", 5);
    o->path = path;
    o->f = fopen(o->tmp, "wb");
    if (!o->f) {
        cl_error(o->tmp, 0, "cannot create: %s", strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return CL_EXIT_IO;
    }
    return CL_EXIT_OK;
}

int cl_output_close(cl_output *o, int ok)
{
    int rc = CL_EXIT_OK;
    if (!o->f)
        return CL_EXIT_OK;
    if (!o->path) {
        if (fflush(o->f) != 0 || ferror(o->f)) {
            cl_error("<stdout>", 0, "write error");
            rc = CL_EXIT_IO;
        }
        o->f = NULL;
        return ok ? rc : CL_EXIT_OK;
    }
    int werr = fflush(o->f) != 0 || ferror(o->f);
    int cerr = fclose(o->f) != 0;
    o->f = NULL;
    if (ok && (werr || cerr)) {
        cl_error(o->tmp, 0, "write error: %s", strerror(errno));
        rc = CL_EXIT_IO;
    }
    if (ok && rc == CL_EXIT_OK && rename(o->tmp, o->path) != 0) {
        cl_error(o->path, 0, "cannot rename %s: %s", o->tmp, strerror(errno));
        rc = CL_EXIT_IO;
    }
    if (!ok || rc != CL_EXIT_OK)
        remove(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    return rc;
}

void cl_json_num(FILE *f, double v)
{
    /* Callers only pass finite values; print 0 for -0 to keep the output tidy. */
    if (v == 0.0)
        v = 0.0;
    fprintf(f, "%.17g", v);
}

void cl_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", (unsigned)*p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

int cl_parse_args(int argc, char **argv, const char *usage, cl_extra_opt extra, void *ctx,
                  const char **input, const char **out)
{
    const char *prog = argc > 0 && argv[0] ? argv[0] : "converter";
    *input = NULL;
    *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fprintf(stdout, "usage: %s %s", prog, usage);
            return CL_HELP;
        }
        if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "%s: %s needs a file name\nusage: %s %s", prog, a, prog, usage);
                return CL_EXIT_USAGE;
            }
            *out = argv[++i];
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            int used = extra ? extra(argc, argv, i, ctx) : 0;
            if (used <= 0) {
                if (used == 0)
                    fprintf(stderr, "%s: unknown option %s\n", prog, a);
                fprintf(stderr, "usage: %s %s", prog, usage);
                return CL_EXIT_USAGE;
            }
            i += used - 1;
            continue;
        }
        if (*input) {
            fprintf(stderr, "%s: more than one input file (%s, %s)\nusage: %s %s", prog, *input, a,
                    prog, usage);
            return CL_EXIT_USAGE;
        }
        *input = a;
    }
    if (!*input) {
        fprintf(stderr, "%s: no input file\nusage: %s %s", prog, prog, usage);
        return CL_EXIT_USAGE;
    }
    return CL_EXIT_OK;
}

void cl_grid(long k, long n, double *x, double *y)
{
    long w = 1;
    while (w * w < n)
        w++;
    *x = 10.0 * (double)(k % w);
    *y = 10.0 * (double)(k / w);
}
