/*
 * testutil.h - what the tests that run the symnet binary share: a private temporary directory,
 * paths that fail the test instead of being truncated, whole-file reads, the binary under test.
 *
 * Linked into every tests/unit/test_*.c by the Makefile. Failures go through Criterion's
 * cr_assert, so a helper that cannot do its job fails the calling test.
 */
#ifndef SYMNET_TESTUTIL_H
#define SYMNET_TESTUTIL_H

#include "symnet.h"

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Creates /tmp/symnet-test-TAG-XXXXXX into dir (size bytes); fails the test on error. */
void tu_make_tmpdir(char *dir, size_t size, const char *tag);

/* Removes dir and everything below it (no error when it is gone); clears dir[0]. */
void tu_remove_tmpdir(char *dir);

/* Removes a directory tree. */
void tu_remove_tree(const char *dir);

/* The environment variable's value, or def when it is unset or empty. */
const char *tu_env_or(const char *name, const char *def);

/* $SYMNET, or build/symnet. */
const char *tu_symnet_bin(void);

/* snprintf into buf; a result that does not fit fails the test. */
__attribute__((format(printf, 3, 4))) void tu_fmt(char *buf, size_t size, const char *f, ...);

/* 1 when path exists (file or directory). */
int tu_exists(const char *path);

/* The whole file, NUL-terminated, malloc'd, its length in *len when len is not NULL;
 * NULL when it cannot be read. */
char *tu_read_file(const char *path, size_t *len);

/* Starts argv (argv[0] a path or a name on PATH) with stdin from /dev/null, stdout into out
 * (/dev/null when NULL) and stderr into err; returns its pid, or -1 when fork fails. */
pid_t tu_spawn(char *const argv[], const char *out, const char *err);

/* Waits for pid; returns its exit code, 128 + signal when killed, or -1. */
int tu_wait(pid_t pid);

/* Builds the result of s (sn_result_build) and writes it with sn_report_write_json (json 1) or
 * sn_report_write_summary (json 0); the status of the first step that fails. */
sn_status tu_write_report(const sn_instance *in, const sn_model *m, const sn_solution *s, int json,
                          FILE *f);

/* Fails the test unless s (a network of m) passes the solver's self-check
 * (sn_solution_check), its JSON report is written and the independent checker
 * (sn_solution_verify_string) agrees with it; what names the network in the messages. */
void tu_check_network(const sn_instance *in, const sn_model *m, const sn_solution *s,
                      const char *what);

/* The JSON report of s, written into memory (its length in *len), after the independent checker
 * agreed with it (else the test fails); the caller frees it. */
char *tu_checked_json(const sn_instance *in, const sn_model *m, const sn_solution *s,
                      const char *what, size_t *len);

/* The search of m with p as from says (snp_glpk_solve_from): fails the test unless it ends with
 * a network that tu_check_network accepts; the caller frees the solution. */
struct snp_search_from;
sn_solution *tu_solve_from(const sn_instance *in, const sn_model *m, const sn_params *p,
                           const struct snp_search_from *from, const char *what);

/* The search of m with p stopped after the root (a node limit of 1,
 * snp_glpk_solve_from): fails the test unless it ends with a network that tu_check_network
 * accepts; the caller frees the solution. */
sn_solution *tu_solve_root(const sn_instance *in, const sn_model *m, const sn_params *p,
                           const char *what);

/* A fixed-charge transportation region: ns suppliers, nd customers placed by a generator seeded
 * with seed, every pipe pays a large fixed charge (with 20 x 20 GLPK cannot prove optimality in
 * a fraction of a second). Returns malloc'd JSON text. */
char *tu_fctp_region(int ns, int nd, unsigned seed);

/* Runs the symnet binary with args (NULL-terminated, at most 62), stdin from /dev/null, stdout
 * and stderr into DIR/NAME.out and DIR/NAME.err; returns the exit code (128 + signal when
 * killed, -1 when it could not be started). */
int tu_run_symnet(const char *dir, const char *name, const char *const *args);

/* What the run NAME wrote on stream ("out" or "err"): malloc'd, "" when nothing. */
char *tu_captured(const char *dir, const char *name, const char *stream);

/* The scaffolding of a suite that runs the command line: a temporary directory per test
 * (tu_make_tmpdir, tagged TAG), Criterion suite SUITE over it, tmp_path(buf, size, name) for a
 * file in it, and run(name, args) = tu_run_symnet in it. Needs <criterion/criterion.h>. */
#define TU_CLI_SUITE(SUITE, TAG)                                                                   \
    static char tmpdir[64];                                                                        \
    static void setup(void)                                                                        \
    {                                                                                              \
        tu_make_tmpdir(tmpdir, sizeof tmpdir, TAG);                                                \
    }                                                                                              \
    static void teardown(void)                                                                     \
    {                                                                                              \
        tu_remove_tmpdir(tmpdir);                                                                  \
    }                                                                                              \
    TestSuite(SUITE, .init = setup, .fini = teardown);                                             \
    static void tmp_path(char *buf, size_t size, const char *name)                                 \
    {                                                                                              \
        tu_fmt(buf, size, "%s/%s", tmpdir, name);                                                  \
    }                                                                                              \
    static int run(const char *name, const char *const *args)                                      \
    {                                                                                              \
        return tu_run_symnet(tmpdir, name, args);                                                  \
    }

#endif
