/*
 * diag.c - diagnostics: errors and warnings with file, JSON path and position, collected in
 * a caller-owned sn_diag so one run reports every problem in document order.
 */
#include "core_int.h"

#include <stdio.h>
#include <string.h>

void sn_diag_init(sn_diag *d)
{
    memset(d, 0, sizeof *d);
}

const char *sn_status_name(sn_status s)
{
    switch (s) {
    case SN_OK:
        return "ok";
    case SN_EINPUT:
        return "invalid input";
    case SN_ENOMEM:
        return "out of memory";
    case SN_EIO:
        return "i/o error";
    case SN_ESOLVER:
        return "solver failure";
    case SN_EINTERNAL:
        return "internal error";
    case SN_EUSAGE:
        return "usage error";
    }
    return "unknown status";
}

static void fill(sn_error *e, sn_status code, const char *file, const char *path, const char *fmt,
                 va_list ap)
{
    memset(e, 0, sizeof *e);
    e->code = code;
    if (file)
        snprintf(e->file, sizeof e->file, "%s", file);
    if (path)
        snprintf(e->path, sizeof e->path, "%s", path);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
}

void snp_diag_vadd(sn_diag *d, sn_status code, const char *file, const char *path, const char *fmt,
                   va_list ap)
{
    if (!d)
        return;
    if (d->count >= SN_DIAG_MAX) {
        d->dropped++;
        return;
    }
    fill(&d->errors[d->count++], code, file, path, fmt, ap);
}

void snp_diag_add(sn_diag *d, sn_status code, const char *file, const char *path, const char *fmt,
                  ...)
{
    va_list ap;
    va_start(ap, fmt);
    snp_diag_vadd(d, code, file, path, fmt, ap);
    va_end(ap);
}

void snp_diag_warn(sn_diag *d, const char *file, const char *path, const char *fmt, ...)
{
    if (!d)
        return;
    if (d->warning_count >= SN_DIAG_MAX) {
        d->warnings_dropped++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    fill(&d->warnings[d->warning_count++], SN_OK, file, path, fmt, ap);
    va_end(ap);
}

void snp_diag_set_pos(sn_diag *d, int line, int col)
{
    if (!d || d->count == 0 || d->dropped)
        return;
    d->errors[d->count - 1].line = line;
    d->errors[d->count - 1].col = col;
}

int snp_diag_full(const sn_diag *d)
{
    return d && d->count >= SN_DIAG_MAX;
}

void sn_error_format(const sn_error *e, char *buf, size_t size)
{
    const char *file = e->file[0] ? e->file : "symnet";
    if (e->line > 0 && e->path[0])
        snprintf(buf, size, "%s:%d:%d: %s: %s", file, e->line, e->col, e->path, e->message);
    else if (e->line > 0)
        snprintf(buf, size, "%s:%d:%d: %s", file, e->line, e->col, e->message);
    else if (e->path[0])
        snprintf(buf, size, "%s: %s: %s", file, e->path, e->message);
    else
        snprintf(buf, size, "%s: %s", file, e->message);
}
