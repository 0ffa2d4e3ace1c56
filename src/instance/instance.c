/*
 * instance.c - loading a region (file or memory) into an sn_instance and freeing it. Parsing is
 * in parse.c, cross-entity checks in validate.c (run by parse.c), the node and resource helpers
 * every later stage uses in node.c; this file only reads the bytes.
 */
#include "instance_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The largest region file read (docs/format.md, "Input limits"); larger files are rejected
 * before anything is allocated for them. */
#define FILE_LIMIT ((size_t)64 * 1024 * 1024)

sn_instance *snp_instance_new(const char *file)
{
    sn_instance *in = snp_calloc(1, sizeof *in);
    if (!in)
        return NULL;
    snp_arena_init(&in->arena);
    in->file = snp_arena_strdup(&in->arena, file);
    if (!in->file) {
        sn_instance_free(in);
        return NULL;
    }
    return in;
}

sn_status sn_instance_load_string(const char *text, size_t len, const char *name, sn_instance **out,
                                  sn_diag *diag)
{
    if (out)
        *out = NULL;
    if (!out || (!text && len > 0)) {
        snp_diag_add(diag, SN_EUSAGE, name, NULL, "sn_instance_load_string: NULL argument");
        return SN_EUSAGE;
    }
    const char *file = name ? name : "<string>";
    sn_instance *in = snp_instance_new(file);
    if (!in) {
        snp_diag_add(diag, SN_ENOMEM, file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    sn_status st = snp_instance_parse(in, text ? text : "", len, diag); /* and validates */
    if (st != SN_OK) {
        sn_instance_free(in);
        return st;
    }
    *out = in;
    return SN_OK;
}

static void too_large(sn_diag *diag, const char *path, long long size)
{
    if (size > 0)
        snp_diag_add(diag, SN_EINPUT, path, NULL,
                     "file too large: %lld bytes, more than the limit of 64 MiB (67108864 bytes)",
                     size);
    else
        snp_diag_add(diag, SN_EINPUT, path, NULL,
                     "file too large: more than the limit of 64 MiB (67108864 bytes)");
}

/* Reads a whole stream into a fresh buffer (also works for pipes). */
static sn_status read_all(FILE *f, const char *path, char **buf_out, size_t *len_out, sn_diag *diag)
{
    size_t cap = 0, len = 0;
    char *buf = NULL;
    for (;;) {
        if (len == cap) {
            if (cap > FILE_LIMIT) {
                snp_free(buf);
                too_large(diag, path, 0);
                return SN_EINPUT;
            }
            size_t ncap = cap ? cap * 2 : 65536;
            if (ncap > FILE_LIMIT + 1)
                ncap = FILE_LIMIT + 1;
            char *nb = snp_realloc(buf, ncap);
            if (!nb) {
                snp_free(buf);
                snp_diag_add(diag, SN_ENOMEM, path, NULL, "out of memory");
                return SN_ENOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (len > FILE_LIMIT) {
            snp_free(buf);
            too_large(diag, path, 0);
            return SN_EINPUT;
        }
        if (n == 0) {
            if (ferror(f)) {
                int err = errno;
                snp_free(buf);
                snp_diag_add(diag, SN_EIO, NULL, NULL, "cannot read %s: %s", path,
                             strerror(err ? err : EIO));
                return SN_EIO;
            }
            break;
        }
    }
    *buf_out = buf;
    *len_out = len;
    return SN_OK;
}

sn_status snp_instance_read_file(const char *path, char **text, size_t *len, sn_diag *diag)
{
    *text = NULL;
    *len = 0;
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snp_diag_add(diag, SN_EIO, NULL, NULL, "cannot read %s: %s", path,
                     strerror(errno ? errno : EIO));
        return SN_EIO;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && (size_t)sb.st_size > FILE_LIMIT) {
        fclose(f);
        too_large(diag, path, (long long)sb.st_size);
        return SN_EINPUT;
    }
    errno = 0;
    sn_status st = read_all(f, path, text, len, diag);
    fclose(f);
    return st;
}

sn_status sn_instance_load_file(const char *path, sn_instance **out, sn_diag *diag)
{
    if (out)
        *out = NULL;
    if (!path || !out) {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL, "sn_instance_load_file: NULL argument");
        return SN_EUSAGE;
    }
    char *buf = NULL;
    size_t len = 0;
    sn_status st = snp_instance_read_file(path, &buf, &len, diag);
    if (st != SN_OK)
        return st;
    st = sn_instance_load_string(buf, len, path, out, diag);
    snp_free(buf);
    return st;
}

void sn_instance_free(sn_instance *inst)
{
    if (!inst)
        return;
    snp_arena_free(&inst->arena);
    snp_free(inst);
}

const char *sn_instance_name(const sn_instance *inst)
{
    return inst && inst->name ? inst->name : "";
}

int sn_instance_facility_count(const sn_instance *inst)
{
    return inst ? inst->n_facilities : 0;
}

const char *sn_instance_facility_id(const sn_instance *inst, int i)
{
    return inst && i >= 0 && i < inst->n_facilities ? inst->facilities[i].id : NULL;
}

const char *sn_instance_currency(const sn_instance *inst)
{
    return inst && inst->currency ? inst->currency : "";
}
