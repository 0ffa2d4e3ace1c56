/*
 * pool.c - the command line's worker pool (pool.h): forked workers, one case at a time each.
 *
 * Protocol, over two pipes per worker: the parent writes a case number and '\n'; the worker
 * answers "RC HAS TEXT\n" (its status, whether it has an answer line, the line) and waits for
 * the next number; end of file on its input ends it. The parent polls every busy worker's
 * answers, gives each answer to take() and the freed worker the next case.
 */
#define _XOPEN_SOURCE 700
#include "pool.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { POOL_INTERNAL = 70 };

typedef struct worker {
    pid_t pid;
    int to;   /* parent writes case numbers */
    int from; /* parent reads answers */
    int busy; /* case under way, or -1 */
    char *buf;
    size_t len, cap;
} worker;

static int write_all(int fd, const char *s, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, s, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        s += n;
        len -= (size_t)n;
    }
    return 0;
}

static int stopped(const snp_pool *p)
{
    return p->interrupt && *p->interrupt;
}

/* The next case at or after *next that is not skipped, or -1. */
static int next_case(const snp_pool *p, int *next)
{
    while (*next < p->n && p->skip && p->skip[*next])
        (*next)++;
    return *next < p->n ? (*next)++ : -1;
}

/* One case here: run, then take. */
static int run_here(const snp_pool *p, int i)
{
    char *line = NULL;
    int rc = p->run(i, &line, p->ctx);
    if (line && p->take(i, line, p->ctx) != 0 && rc == 0)
        rc = POOL_INTERNAL;
    free(line);
    return rc;
}

/* The worker's loop: read a case number, answer it, until end of file. */
static void worker_main(const snp_pool *p, int in, int out)
{
    int rc = 0;
    char num[32];
    size_t k = 0;
    for (;;) {
        char c;
        ssize_t n = read(in, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (c != '\n') {
            if (k + 1 < sizeof num)
                num[k++] = c;
            continue;
        }
        num[k] = '\0';
        k = 0;
        int i = atoi(num);
        char *line = NULL;
        int r1 = p->run(i, &line, p->ctx);
        rc = rc ? rc : r1;
        if (line)
            for (char *s = line; *s; s++)
                if (*s == '\n' || *s == '\r')
                    *s = ' ';
        char head[48];
        snprintf(head, sizeof head, "%d %d ", r1, line != NULL);
        int bad = write_all(out, head, strlen(head)) != 0 ||
                  (line && write_all(out, line, strlen(line)) != 0) || write_all(out, "\n", 1) != 0;
        free(line);
        if (bad)
            _exit(POOL_INTERNAL);
    }
    fflush(NULL);
    _exit(rc);
}

/* Hands case i to worker w, or ends w's input when i < 0. 0, or -1 when w cannot be written. */
static int assign(worker *w, int i)
{
    if (i < 0) {
        if (w->to >= 0)
            close(w->to);
        w->to = -1;
        w->busy = -1;
        return 0;
    }
    char num[32];
    snprintf(num, sizeof num, "%d\n", i);
    w->busy = i;
    return write_all(w->to, num, strlen(num));
}

/* Takes every complete answer line in w's buffer; returns the first failing status. */
static int take_lines(const snp_pool *p, worker *w, int *next)
{
    int rc = 0;
    char *nl;
    while ((nl = memchr(w->buf, '\n', w->len)) != NULL) {
        *nl = '\0';
        int r1 = POOL_INTERNAL, has = 0, used = 0;
        if (w->busy >= 0 && sscanf(w->buf, "%d %d %n", &r1, &has, &used) >= 2) {
            if (has && p->take(w->busy, w->buf + used, p->ctx) != 0 && r1 == 0)
                r1 = POOL_INTERNAL;
        } else {
            r1 = POOL_INTERNAL;
        }
        rc = rc ? rc : r1;
        size_t rest = w->len - (size_t)(nl + 1 - w->buf);
        memmove(w->buf, nl + 1, rest);
        w->len = rest;
        int i = stopped(p) ? -1 : next_case(p, next);
        if (assign(w, i) != 0)
            rc = rc ? rc : POOL_INTERNAL;
    }
    return rc;
}

/* Reads what w has sent; 1 at end of file, 0 otherwise, -1 on failure. */
static int read_some(worker *w)
{
    if (w->cap - w->len < 4096) {
        size_t cap = w->cap ? 2 * w->cap : 8192;
        char *b = realloc(w->buf, cap);
        if (!b)
            return -1;
        w->buf = b;
        w->cap = cap;
    }
    ssize_t n = read(w->from, w->buf + w->len, w->cap - w->len - 1);
    if (n < 0)
        return errno == EINTR ? 0 : -1;
    if (n == 0)
        return 1;
    w->len += (size_t)n;
    return 0;
}

static int run_workers(const snp_pool *p, worker *ws, int jobs)
{
    int rc = 0, started = 0, next = 0;
    fflush(NULL);
    for (int k = 0; k < jobs; k++) {
        int to[2], from[2];
        if (pipe(to) != 0)
            break;
        if (pipe(from) != 0) {
            close(to[0]);
            close(to[1]);
            break;
        }
        pid_t pid = fork();
        if (pid < 0) {
            close(to[0]);
            close(to[1]);
            close(from[0]);
            close(from[1]);
            break;
        }
        if (pid == 0) {
            close(to[1]);
            close(from[0]);
            for (int j = 0; j < started; j++) {
                if (ws[j].to >= 0)
                    close(ws[j].to);
                close(ws[j].from);
            }
            worker_main(p, to[0], from[1]);
        }
        close(to[0]);
        close(from[1]);
        ws[k] = (worker){.pid = pid, .to = to[1], .from = from[0], .busy = -1};
        started++;
    }
    if (started <= 0) /* fewer workers than asked for only slow the run down */
        return POOL_INTERNAL;
    for (int k = 0; k < started; k++)
        if (assign(&ws[k], stopped(p) ? -1 : next_case(p, &next)) != 0)
            rc = rc ? rc : POOL_INTERNAL;
    size_t ns = (size_t)(unsigned)started;
    struct pollfd *fds = calloc(ns, sizeof *fds);
    int *who = calloc(ns, sizeof *who);
    int open = started;
    char *eof = calloc(ns, 1);
    if (!fds || !who || !eof)
        rc = POOL_INTERNAL, open = 0;
    while (open > 0) {
        int m = 0;
        for (int k = 0; k < started; k++)
            if (!eof[k]) {
                fds[m] = (struct pollfd){.fd = ws[k].from, .events = POLLIN};
                who[m++] = k;
            }
        if (poll(fds, (nfds_t)m, -1) < 0) {
            if (errno == EINTR) {
                /* interrupted: no new cases; idle workers end at once */
                continue;
            }
            rc = rc ? rc : POOL_INTERNAL;
            break;
        }
        for (int j = 0; j < m; j++) {
            if (!(fds[j].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            worker *w = &ws[who[j]];
            int r = read_some(w);
            if (r == 0) {
                int r1 = take_lines(p, w, &next);
                rc = rc ? rc : r1;
                continue;
            }
            if (r < 0 || w->busy >= 0) /* a read failure, or a worker gone mid-case */
                rc = rc ? rc : POOL_INTERNAL;
            eof[who[j]] = 1;
            open--;
            assign(w, -1);
        }
    }
    for (int k = 0; k < started; k++) {
        assign(&ws[k], -1);
        close(ws[k].from);
        int st;
        pid_t got;
        while ((got = waitpid(ws[k].pid, &st, 0)) < 0 && errno == EINTR)
            ;
        if (got < 0 || !WIFEXITED(st))
            rc = rc ? rc : POOL_INTERNAL;
        else if (WEXITSTATUS(st) != 0)
            rc = rc ? rc : WEXITSTATUS(st);
        free(ws[k].buf);
    }
    free(fds);
    free(who);
    free(eof);
    return rc;
}

#ifndef SN_HAVE_MPI
/* The serial build's stand-ins for pool_mpi.c (pool.h). */
int snp_pool_mpi_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int snp_pool_mpi_rank(void)
{
    return 0;
}

int snp_pool_mpi_agree(int rc)
{
    return rc;
}

void snp_pool_mpi_finalize(void)
{
}

const char *snp_pool_mpi_library(void)
{
    return "";
}

int snp_pool_mpi_active(void)
{
    return 0;
}

int snp_pool_mpi_run(const snp_pool *p)
{
    (void)p;
    return POOL_INTERNAL;
}
#endif

int snp_pool_run(const snp_pool *p)
{
    if (snp_pool_mpi_active())
        return snp_pool_mpi_run(p);
    int todo = 0;
    for (int i = 0; i < p->n; i++)
        todo += !(p->skip && p->skip[i]);
    int jobs = p->jobs < todo ? p->jobs : todo;
    if (jobs <= 1) {
        int rc = 0, next = 0, i;
        while (!stopped(p) && (i = next_case(p, &next)) >= 0) {
            int r1 = run_here(p, i);
            rc = rc ? rc : r1;
        }
        return rc;
    }
    worker *ws = calloc((size_t)jobs, sizeof *ws);
    if (!ws)
        return POOL_INTERNAL;
    struct sigaction ign, old;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN; /* a worker that died must not take the parent with it */
    sigaction(SIGPIPE, &ign, &old);
    int rc = run_workers(p, ws, jobs);
    sigaction(SIGPIPE, &old, NULL);
    free(ws);
    return rc;
}
