/*
 * pool_mpi.c - the worker pool across MPI ranks (pool.h), compiled in only when mpicc is found
 * (Makefile: -DSN_HAVE_MPI); the serial build has the stand-ins of pool.c instead. The only
 * file of symnet that includes <mpi.h>.
 *
 * Every rank runs the same command line, so every rank plans the same cases. Rank 0 hands out
 * case numbers one at a time (tag CASE; -1 ends a rank) to whichever rank is free and takes
 * each answer (tag ANSWER: "RC HAS TEXT", as the pipes of pool.c carry it); it polls with
 * MPI_Iprobe so that an interrupt stops the handing out while cases under way finish. The other
 * ranks run the cases they are handed (pool's run()), writing their solution files into the
 * run directory (a file system every rank sees, as on any cluster with a shared home).
 */
#define _XOPEN_SOURCE 700
#include "pool.h"

#ifdef SN_HAVE_MPI
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { TAG_CASE = 1, TAG_ANSWER = 2, POOL_INTERNAL = 70 };

static int mpi_on(void)
{
    int init = 0, fin = 0, size = 1;
    MPI_Initialized(&init);
    MPI_Finalized(&fin);
    if (!init || fin)
        return 0;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size > 1;
}

int snp_pool_mpi_init(int *argc, char ***argv)
{
    if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMIX_RANK") && !getenv("PMI_SIZE"))
        return 0;
    if (MPI_Init(argc, argv) != MPI_SUCCESS)
        return 0;
    int size = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size > 1;
}

int snp_pool_mpi_rank(void)
{
    int rank = 0;
    if (mpi_on())
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int snp_pool_mpi_agree(int rc)
{
    if (mpi_on())
        MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return rc;
}

void snp_pool_mpi_finalize(void)
{
    int init = 0, fin = 0;
    MPI_Initialized(&init);
    MPI_Finalized(&fin);
    if (init && !fin)
        MPI_Finalize();
}

const char *snp_pool_mpi_library(void)
{
    static char version[MPI_MAX_LIBRARY_VERSION_STRING];
    int len = 0;
    if (MPI_Get_library_version(version, &len) != MPI_SUCCESS)
        return "MPI";
    version[strcspn(version, ",\n")] = '\0';
    return version;
}

/* A rank other than 0: runs each case it is handed until it is handed -1. */
static int serve(const snp_pool *p)
{
    int rc = 0;
    for (;;) {
        int i;
        if (MPI_Recv(&i, 1, MPI_INT, 0, TAG_CASE, MPI_COMM_WORLD, MPI_STATUS_IGNORE) != MPI_SUCCESS)
            return POOL_INTERNAL;
        if (i < 0)
            break;
        char *line = NULL;
        int r1 = p->run(i, &line, p->ctx);
        rc = rc ? rc : r1;
        for (char *s = line; s && *s; s++)
            if (*s == '\n' || *s == '\r')
                *s = ' ';
        size_t size = (line ? strlen(line) : 0) + 48;
        char *msg = malloc(size);
        if (!msg) {
            free(line);
            return POOL_INTERNAL;
        }
        int len = snprintf(msg, size, "%d %d %s", r1, line != NULL, line ? line : "");
        free(line);
        int bad = MPI_Send(msg, len + 1, MPI_CHAR, 0, TAG_ANSWER, MPI_COMM_WORLD) != MPI_SUCCESS;
        free(msg);
        if (bad)
            return POOL_INTERNAL;
    }
    return rc;
}

/* The next case at or after *next that is not skipped, or -1. */
static int next_case(const snp_pool *p, int *next)
{
    while (*next < p->n && p->skip && p->skip[*next])
        (*next)++;
    return *next < p->n ? (*next)++ : -1;
}

static int stopped(const snp_pool *p)
{
    return p->interrupt && *p->interrupt;
}

/* Rank 0: hands out every case and takes every answer. */
static int lead(const snp_pool *p, int size)
{
    int rc = 0, next = 0, busy = 0;
    int *doing = calloc((size_t)size, sizeof *doing);
    if (!doing)
        return POOL_INTERNAL;
    for (int r = 1; r < size; r++) {
        int i = stopped(p) ? -1 : next_case(p, &next);
        doing[r] = i;
        busy += i >= 0;
        MPI_Send(&i, 1, MPI_INT, r, TAG_CASE, MPI_COMM_WORLD);
    }
    while (busy > 0) {
        int flag = 0;
        MPI_Status st;
        MPI_Iprobe(MPI_ANY_SOURCE, TAG_ANSWER, MPI_COMM_WORLD, &flag, &st);
        if (!flag) {
            nanosleep(&(struct timespec){0, 2000000}, NULL); /* 2 ms */
            continue;
        }
        int len = 0;
        MPI_Get_count(&st, MPI_CHAR, &len);
        char *msg = malloc((size_t)len + 1);
        if (!msg) {
            rc = POOL_INTERNAL;
            break;
        }
        MPI_Recv(msg, len, MPI_CHAR, st.MPI_SOURCE, TAG_ANSWER, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        msg[len] = '\0';
        int r = st.MPI_SOURCE, r1 = POOL_INTERNAL, has = 0, used = 0;
        if (doing[r] >= 0 && sscanf(msg, "%d %d %n", &r1, &has, &used) >= 2) {
            if (has && p->take(doing[r], msg + used, p->ctx) != 0 && r1 == 0)
                r1 = POOL_INTERNAL;
        } else {
            r1 = POOL_INTERNAL;
        }
        free(msg);
        rc = rc ? rc : r1;
        int i = stopped(p) ? -1 : next_case(p, &next);
        doing[r] = i;
        busy -= i < 0;
        MPI_Send(&i, 1, MPI_INT, r, TAG_CASE, MPI_COMM_WORLD);
    }
    free(doing);
    return rc;
}

int snp_pool_mpi_run(const snp_pool *p)
{
    int size = 1, rank = 0;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank == 0 ? lead(p, size) : serve(p);
}

int snp_pool_mpi_active(void)
{
    return mpi_on();
}
#else
typedef int snp_pool_mpi_absent; /* the serial build: pool.c has the stand-ins */
#endif
