/*
 * pool.h - the command line's worker pool: runs numbered cases (values' questions, and every
 * command that asks many questions of one region) in forked worker processes and hands each
 * case's answer, one line of text, back to the parent as it arrives.
 *
 * Each case is an ordinary sn_run in a worker; the parent only collects. Cases are handed out
 * one at a time to whichever worker is free (so a slow case does not hold back a fixed share),
 * and a worker lives for many cases, so it may keep state between them (e.g. the last case's
 * network, to start the next from). With jobs <= 1 every case runs in this process, in order.
 * The answers do not depend on jobs, only their arrival order does: take() must store by index.
 */
#ifndef SN_CLI_POOL_H
#define SN_CLI_POOL_H

#include <signal.h>
#include <stddef.h>

/* Worker side: answers case i into *line (allocated with malloc, one line without '\n',
 * owned by the pool afterwards; NULL when the case failed before any answer). Returns 0 or an
 * exit status after printing its own message; a failed case still ends the run's status. */
typedef int (*snp_pool_run_fn)(int i, char **line, void *ctx);

/* Parent side: receives case i's answer line (borrowed for the call). Returns 0, or nonzero
 * when the line is malformed (the run's status becomes an internal error). */
typedef int (*snp_pool_take_fn)(int i, const char *line, void *ctx);

typedef struct snp_pool {
    int n;    /* cases 0 .. n-1 */
    int jobs; /* worker processes; <= 1: in this process */
    snp_pool_run_fn run;
    snp_pool_take_fn take;
    void *ctx;
    /* Cases to skip (e.g. finished in an earlier run): skip[i] != 0. May be NULL. */
    const unsigned char *skip;
    /* Set asynchronously to stop handing out cases; cases under way finish. May be NULL. */
    volatile sig_atomic_t *interrupt;
} snp_pool;

/* Runs every case not skipped. Returns 0, the first nonzero status of a case, or 70 when a
 * worker could not be started, died, or sent a malformed answer. Under MPI (snp_pool_mpi_init
 * returned 1) every rank calls it with the same cases: rank 0 hands them out one at a time to
 * the other ranks and takes their answers (it solves none itself; jobs is ignored), each other
 * rank runs what it is handed; rank 0 returns as above, the others their own cases' status. */
int snp_pool_run(const snp_pool *p);

/* ---- MPI (pool_mpi.c; built when mpicc is found, else these are the serial stand-ins) ----- */

/* Joins the MPI job when this process was started by mpirun (Open MPI's or PMIx's environment
 * variables are set) with more than one rank: 1 then, else 0 (a serial run). */
int snp_pool_mpi_init(int *argc, char ***argv);
/* This process's rank (0 without MPI). */
int snp_pool_mpi_rank(void);
/* Rank 0's rc on every rank (rc itself without MPI): ranks that checked the same input agree
 * on whether to go on before any case is handed out. */
int snp_pool_mpi_agree(int rc);
/* Leaves the MPI job (nothing without one). */
void snp_pool_mpi_finalize(void);
/* "" in a serial build, or what MPI library the binary was built with. */
const char *snp_pool_mpi_library(void);
/* 1 inside an MPI job of more than one rank; snp_pool_run then calls snp_pool_mpi_run. */
int snp_pool_mpi_active(void);
int snp_pool_mpi_run(const snp_pool *p);

#endif
