/*
 * rundir.h - the run directory every multi-case command writes (sweep, sample; docs/explore.md):
 * a state file that names the run and lists every finished case's answer, each case's solution
 * file under cases/, and the tables. Rerunning the same command in the same directory resumes
 * it (the finished cases are skipped); another command, region, override, limit or parameter
 * in the same directory is refused. Shards of one run (--shard K/N) share everything but their
 * shard line, so `symnet merge` can tell shards of one run from shards of another. pareto and
 * alternatives under --dir keep the same state file (docs/pareto.md), their cases numbered in
 * the order the command asks them.
 *
 * State file (DIR/state, text, one record a line):
 *     symnet-run/1
 *     KEY VALUE          the run's identity: command, region-hash, override, limits, options,
 *                        param, n, seed; compared line by line on resume and merge
 *     region PATH        informative (not compared: shards may see other paths)
 *     shard K/N
 *     case I ANSWER      a finished case (1-based I), appended as it finishes
 * The header is written atomically (state.tmp renamed); each case line with one write() on an
 * O_APPEND descriptor, then fsync; a last line without its newline (a kill mid-write) is
 * ignored when read. No globals; messages go into a caller's buffer, nothing is printed.
 */
#ifndef SN_CLI_RUNDIR_H
#define SN_CLI_RUNDIR_H

#include <stddef.h>

typedef struct snp_rundir {
    char dir[4096];
    int fd; /* the state file, O_APPEND, or -1 */
} snp_rundir;

/* One finished case read from a state file. */
typedef struct snp_run_case {
    int i; /* 0-based */
    char *answer;
} snp_run_case;

/* What a state file holds. */
typedef struct snp_run_state {
    char *header; /* the identity lines (without region and shard), '\n'-separated */
    int shard_k, shard_n;
    int n_cases;
    snp_run_case *cases;
} snp_run_state;

void snp_run_state_free(snp_run_state *s);

/* Reads DIR/state into *s. 0; 1 when DIR has no state file; -1 with a message in err (an
 * unreadable or malformed file, named with its line). */
int snp_run_read(const char *dir, snp_run_state *s, char *err, size_t size);

/* Opens run directory dir for a run with identity header and shard k/n (1/1: none): creates
 * dir, dir/cases and the state file when missing; when a state file exists its identity and
 * shard must match (else -2 with a message saying what differs), and its finished cases are
 * returned in *done (free with snp_run_state_free). 0, -1 (I/O, with a message), -2. */
int snp_run_open(snp_rundir *r, const char *dir, const char *header, const char *region, int k,
                 int n, snp_run_state *done, char *err, size_t size);

/* Appends "case I ANSWER" (I 0-based here, 1-based in the file) and syncs. 0 or -1. */
int snp_run_append(snp_rundir *r, int i, const char *answer);

void snp_run_close(snp_rundir *r);

/* Path of case i's solution file in dir: DIR/cases/case-NNNN.json (1-based). 0, or -1 when it
 * does not fit. */
int snp_run_case_path(const char *dir, int i, char *buf, size_t size);

#endif
