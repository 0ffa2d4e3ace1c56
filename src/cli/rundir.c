/*
 * rundir.c - the run directory of sweep and sample (rundir.h): its state file, read, created,
 * appended to, and the paths of the cases' solution files.
 */
#define _XOPEN_SOURCE 700
#include "rundir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "symnet-run/1"

void snp_run_state_free(snp_run_state *s)
{
    if (!s)
        return;
    free(s->header);
    for (int k = 0; k < s->n_cases; k++)
        free(s->cases[k].answer);
    free(s->cases);
    memset(s, 0, sizeof *s);
}

static char *read_all(const char *path, int *missing)
{
    *missing = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *missing = errno == ENOENT;
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
        if (cap - len < 2) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    if (buf)
        buf[len] = '\0';
    return buf;
}

int snp_run_read(const char *dir, snp_run_state *s, char *err, size_t size)
{
    memset(s, 0, sizeof *s);
    char path[4200];
    snprintf(path, sizeof path, "%s/state", dir);
    int missing;
    char *text = read_all(path, &missing);
    if (!text) {
        if (missing)
            return 1;
        snprintf(err, size, "cannot read %s: %s", path, strerror(errno ? errno : EIO));
        return -1;
    }
    size_t hcap = strlen(text) + 1, hlen = 0;
    s->header = calloc(1, hcap);
    int cap = 0, line_no = 0, rc = 0;
    if (!s->header)
        rc = -1;
    char *p = text;
    while (rc == 0 && *p) {
        char *nl = strchr(p, '\n');
        if (!nl)
            break; /* a last line cut short by a kill: not a finished case */
        *nl = '\0';
        line_no++;
        if (line_no == 1) {
            if (strcmp(p, MAGIC) != 0) {
                snprintf(err, size, "%s: line 1: expected \"%s\", got \"%.60s\"", path, MAGIC, p);
                rc = -1;
            }
        } else if (strncmp(p, "case ", 5) == 0) {
            char *e;
            long i = strtol(p + 5, &e, 10);
            if (e == p + 5 || *e != ' ' || i < 1 || i > 100000000) {
                snprintf(err, size, "%s: line %d: expected \"case NUMBER ANSWER\", got \"%.60s\"",
                         path, line_no, p);
                rc = -1;
                break;
            }
            if (s->n_cases == cap) {
                cap = cap ? 2 * cap : 64;
                snp_run_case *c = realloc(s->cases, (size_t)cap * sizeof *c);
                if (!c) {
                    rc = -1;
                    break;
                }
                s->cases = c;
            }
            s->cases[s->n_cases].i = (int)i - 1;
            s->cases[s->n_cases].answer = strdup(e + 1);
            if (!s->cases[s->n_cases++].answer)
                rc = -1;
        } else if (strncmp(p, "shard ", 6) == 0) {
            if (sscanf(p + 6, "%d/%d", &s->shard_k, &s->shard_n) != 2 || s->shard_k < 1 ||
                s->shard_k > s->shard_n) {
                snprintf(err, size, "%s: line %d: expected \"shard K/N\", got \"%.60s\"", path,
                         line_no, p);
                rc = -1;
            }
        } else if (strncmp(p, "region ", 7) != 0) {
            hlen += (size_t)snprintf(s->header + hlen, hcap - hlen, "%s\n", p);
        }
        p = nl + 1;
    }
    free(text);
    if (rc == 0 && line_no == 0) {
        snprintf(err, size, "%s: empty: not the state of a symnet run", path);
        rc = -1;
    }
    if (rc == 0 && s->shard_n == 0) {
        snprintf(err, size, "%s: no \"shard K/N\" line", path);
        rc = -1;
    }
    if (rc != 0) {
        if (!err[0])
            snprintf(err, size, "%s: out of memory", path);
        snp_run_state_free(s);
    }
    return rc;
}

/* The first line where a and b differ, into out; 0 when equal. */
static int first_difference(const char *a, const char *b, char *out, size_t size)
{
    while (*a || *b) {
        size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
        if (la != lb || strncmp(a, b, la) != 0) {
            snprintf(out, size, "\"%.*s\" against \"%.*s\"", (int)(la > 120 ? 120 : la), a,
                     (int)(lb > 120 ? 120 : lb), b);
            return 1;
        }
        a += la + (a[la] == '\n');
        b += lb + (b[lb] == '\n');
    }
    return 0;
}

int snp_run_open(snp_rundir *r, const char *dir, const char *header, const char *region, int k,
                 int n, snp_run_state *done, char *err, size_t size)
{
    memset(done, 0, sizeof *done);
    r->fd = -1;
    if ((size_t)snprintf(r->dir, sizeof r->dir, "%s", dir) >= sizeof r->dir) {
        snprintf(err, size, "%s: the path is too long", dir);
        return -1;
    }
    char path[4200], tmp[4300];
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, size, "cannot create %s: %s", dir, strerror(errno));
        return -1;
    }
    snprintf(path, sizeof path, "%s/cases", dir);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        snprintf(err, size, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = snp_run_read(dir, done, err, size);
    if (rc < 0)
        return -1;
    snprintf(path, sizeof path, "%s/state", dir);
    if (rc == 0) {
        char what[300];
        if (first_difference(done->header, header, what, sizeof what)) {
            snprintf(err, size,
                     "%s holds another run (its %s this one): give another --dir, or remove it",
                     dir, what);
            snp_run_state_free(done);
            return -2;
        }
        if (done->shard_k != k || done->shard_n != n) {
            snprintf(err, size,
                     "%s holds shard %d/%d of this run, not %d/%d: give another --dir, or "
                     "remove it",
                     dir, done->shard_k, done->shard_n, k, n);
            snp_run_state_free(done);
            return -2;
        }
    } else {
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        FILE *f = fopen(tmp, "w");
        int bad =
            !f || fprintf(f, "%s\n%sregion %s\nshard %d/%d\n", MAGIC, header, region, k, n) < 0;
        if (f && (fflush(f) != 0 || fsync(fileno(f)) != 0))
            bad = 1;
        if (f && fclose(f) != 0)
            bad = 1;
        if (bad || rename(tmp, path) != 0) {
            snprintf(err, size, "cannot write %s: %s", path, strerror(errno ? errno : EIO));
            remove(tmp);
            return -1;
        }
    }
    r->fd = open(path, O_WRONLY | O_APPEND);
    if (r->fd < 0) {
        snprintf(err, size, "cannot open %s: %s", path, strerror(errno));
        snp_run_state_free(done);
        return -1;
    }
    return 0;
}

int snp_run_append(snp_rundir *r, int i, const char *answer)
{
    size_t size = strlen(answer) + 32;
    char *line = malloc(size);
    if (!line)
        return -1;
    int len = snprintf(line, size, "case %d %s\n", i + 1, answer);
    const char *p = line;
    size_t left = (size_t)len;
    int rc = 0;
    while (left > 0) {
        ssize_t w = write(r->fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = -1;
            break;
        }
        p += w;
        left -= (size_t)w;
    }
    free(line);
    if (rc == 0 && fsync(r->fd) != 0 && errno != EINVAL)
        rc = -1;
    return rc;
}

void snp_run_close(snp_rundir *r)
{
    if (r->fd >= 0)
        close(r->fd);
    r->fd = -1;
}

int snp_run_case_path(const char *dir, int i, char *buf, size_t size)
{
    int len = snprintf(buf, size, "%s/cases/case-%04d.json", dir, i + 1);
    return len < 0 || (size_t)len >= size ? -1 : 0;
}
