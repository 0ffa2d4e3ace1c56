/*
 * test_classics.c - the classic benchmark converters of bench/classics/ (cap2region,
 * fcnf2region, fctp2region) together with the symnet command line, end to end:
 *
 * - published optima: the smallest instance of each public set in ../shared/data (OR-Library
 *   cap41, FCNetLib k10x90, Balinski's bal8x12 from GLPK's fctp example) is converted in place
 *   and solved; the optimum must equal the published value (relative 1e-6, or the absolute
 *   tolerance the set states). The data are required: a missing file fails the test.
 * - tests/classics/ok/NAME.{txt,inc,dat}: small synthetic files in the formats' other variants
 *   (capa/capb/capc capacities, FCNetLib's fixnet and beavma styles, parallel arcs, scaled
 *   costs, MathProg tables); NAME.expect gives the converter options (`args`) and the optimum
 *   derived by hand (`objective`; derivations in tests/classics/README.md); FCNetLib files are
 *   also converted with --reverse, which must not change the optimum.
 * - tests/classics/bad/NAME.{txt,inc,dat}: malformed input; the converter must exit 3, print
 *   exactly NAME.err on stderr and leave no output file behind.
 *
 * Converters are found in $BENCH_BIN (default build/bench), symnet at $SYMNET (default
 * build/symnet); the data directory is $CLASSICS_DATA (default ../shared/data). Children run
 * with fork/execv, their output goes to a private mkdtemp directory that the fixture removes.
 */
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define OK_DIR "tests/classics/ok"
#define BAD_DIR "tests/classics/bad"
#define MAX_ARGS 16
#define ARG_LEN 1024

static char tmpdir[64];

static void setup(void)
{
    tu_make_tmpdir(tmpdir, sizeof tmpdir, "classics");
}

static void teardown(void)
{
    tu_remove_tmpdir(tmpdir);
}

typedef struct child_cmd {
    int argc;
    char args[MAX_ARGS][ARG_LEN];
    char *argv[MAX_ARGS + 1];
} child_cmd;

static void cmd_add(child_cmd *c, const char *arg)
{
    cr_assert(c->argc < MAX_ARGS, "too many arguments");
    cr_assert(strlen(arg) < ARG_LEN, "argument too long: %s", arg);
    snprintf(c->args[c->argc], ARG_LEN, "%s", arg);
    c->argv[c->argc] = c->args[c->argc];
    c->argc++;
    c->argv[c->argc] = NULL;
}

/* Runs c with stdin from /dev/null and stderr into TMP/NAME.err (stdout into TMP/NAME.out).
 * Returns the exit code, 128 + signal when killed, -1 when it could not be started. */
static int run(const char *name, child_cmd *c)
{
    char out[512], err[512];
    tu_fmt(out, sizeof out, "%s/%s.out", tmpdir, name);
    tu_fmt(err, sizeof err, "%s/%s.err", tmpdir, name);
    cr_assert(access(c->argv[0], X_OK) == 0, "%s is not an executable (%s): run `make` first",
              c->argv[0], strerror(errno));
    pid_t pid = tu_spawn(c->argv, out, err);
    return pid < 0 ? -1 : tu_wait(pid);
}

/* The captured stderr of run NAME (malloc'd, "" when empty). */
static char *captured_err(const char *name)
{
    char path[512];
    tu_fmt(path, sizeof path, "%s/%s.err", tmpdir, name);
    char *s = tu_read_file(path, NULL);
    if (!s) {
        s = calloc(1, 1);
        cr_assert_not_null(s);
    }
    return s;
}

/* The converter that reads a file, by its extension. */
static const char *converter_for(const char *file)
{
    const char *dot = strrchr(file, '.');
    if (dot && strcmp(dot, ".txt") == 0)
        return "cap2region";
    if (dot && strcmp(dot, ".inc") == 0)
        return "fcnf2region";
    if (dot && strcmp(dot, ".dat") == 0)
        return "fctp2region";
    return NULL;
}

/* Adds the blank-separated words of `words` to c. */
static void add_words(child_cmd *c, const char *words)
{
    char buf[ARG_LEN];
    snprintf(buf, sizeof buf, "%s", words);
    for (char *save = NULL, *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
        cmd_add(c, w);
}

/* Converts `input` with `conv` (options `args`) into TMP/NAME.json (its path in region);
 * returns 1 on success. */
static int convert(const char *name, const char *conv, const char *args, const char *input,
                   char *region, size_t size)
{
    char bin[512], step[600];
    tu_fmt(region, size, "%s/%s.json", tmpdir, name);
    tu_fmt(bin, sizeof bin, "%s/%s", tu_env_or("BENCH_BIN", "build/bench"), conv);
    child_cmd c;
    memset(&c, 0, sizeof c);
    cmd_add(&c, bin);
    add_words(&c, args);
    cmd_add(&c, "-o");
    cmd_add(&c, region);
    cmd_add(&c, input);
    tu_fmt(step, sizeof step, "%s-convert", name);
    int rc = run(step, &c);
    if (rc != 0) {
        char *err = captured_err(step);
        cr_expect(0, "%s: %s exited %d: %s", name, conv, rc, err);
        free(err);
        return 0;
    }
    return 1;
}

/* Solves region with `symnet solve REGION --quiet OPTIONS --out TMP/NAME.solution.json`;
 * returns the parsed solution (NULL when none was written) and the exit code in *rc. */
static cJSON *solve(const char *name, const char *region, const char *options, int *rc)
{
    char sol[512], step[600];
    tu_fmt(sol, sizeof sol, "%s/%s.solution.json", tmpdir, name);
    child_cmd c;
    memset(&c, 0, sizeof c);
    cmd_add(&c, tu_env_or("SYMNET", "build/symnet"));
    add_words(&c, "solve");
    cmd_add(&c, region);
    add_words(&c, options);
    add_words(&c, "--quiet --out");
    cmd_add(&c, sol);
    tu_fmt(step, sizeof step, "%s-solve", name);
    *rc = run(step, &c);
    char *text = tu_read_file(sol, NULL);
    if (!text)
        return NULL;
    cJSON *j = cJSON_Parse(text);
    free(text);
    cr_assert_not_null(j, "%s: the solution is not JSON", name);
    return j;
}

/* Converts `input` with `conv` (options `args`), solves the region with symnet and returns 1
 * when the optimum is proven and within max(rel * |want|, abs_tol) of `want`. */
static int convert_and_solve(const char *name, const char *conv, const char *args,
                             const char *input, double want, double rel, double abs_tol)
{
    char region[512];
    if (!convert(name, conv, args, input, region, sizeof region))
        return 0;
    int rc;
    cJSON *j = solve(name, region, "", &rc);
    if (rc != 0) {
        char step[600];
        tu_fmt(step, sizeof step, "%s-solve", name);
        char *err = captured_err(step);
        cr_expect(0, "%s: symnet solve exited %d: %s", name, rc, err);
        free(err);
        cJSON_Delete(j);
        return 0;
    }
    cr_assert_not_null(j, "%s: no solution file", name);
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(j, "status");
    const cJSON *obj = cJSON_GetObjectItemCaseSensitive(j, "objective");
    int ok = cJSON_IsString(st) && strcmp(st->valuestring, "optimal") == 0 && cJSON_IsNumber(obj);
    cr_expect(ok, "%s: expected a proven optimum, got status %s", name,
              cJSON_IsString(st) ? st->valuestring : "(missing)");
    if (ok) {
        double tol = fmax(rel * fabs(want), abs_tol);
        ok = fabs(obj->valuedouble - want) <= tol;
        cr_expect(ok, "%s: optimum %.10g, expected %.10g (difference %.3g, tolerance %.3g)", name,
                  obj->valuedouble, want, obj->valuedouble - want, tol);
    }
    cJSON_Delete(j);
    return ok;
}

/* The data sit beside the checkout (../shared/data); a clone elsewhere on the project's
 * machine finds them at their absolute place. */
static const char *data_dir(void)
{
    const char *data = tu_env_or("CLASSICS_DATA", "../shared/data");
    if (!getenv("CLASSICS_DATA") && !tu_exists(data) && tu_exists("/work/shared/data"))
        data = "/work/shared/data";
    return data;
}

TestSuite(classics, .init = setup, .fini = teardown, .timeout = 900);

/* Published optima, ../shared/data/README.md: capopt (absolute tolerance 1e-3), Ortega and
 * Wolsey (2003) for k10x90, GLPK's fctp.mod for bal8x12. */
Test(classics, smallest_instances_reach_their_published_optimum)
{
    static const struct {
        char conv[16], args[16], file[48];
        double optimum, abs_tol;
    } inst[] = {
        {"cap2region", "", "orlib-cap/cap41.txt", 1040444.375, 1e-3},
        {"fcnf2region", "", "fcnetlib/k10x90.inc", 568, 0},
        {"fcnf2region", "--reverse", "fcnetlib/k10x90.inc", 568, 0},
        {"fctp2region", "", "fctp/bal8x12.dat", 471.55, 0},
    };
    const char *data = data_dir();
    for (size_t k = 0; k < sizeof inst / sizeof inst[0]; k++) {
        char path[512];
        tu_fmt(path, sizeof path, "%s/%s", data, inst[k].file);
        cr_assert(tu_exists(path),
                  "%s is missing: the published instances are read in place from %s (set "
                  "CLASSICS_DATA to another copy)",
                  path, data);
        const char *base = strrchr(inst[k].file, '/') + 1;
        char name[64];
        tu_fmt(name, sizeof name, "%.*s%s", (int)(strcspn(base, ".")), base,
               inst[k].args[0] ? "-reversed" : "");
        convert_and_solve(name, inst[k].conv, inst[k].args, path, inst[k].optimum, 1e-6,
                          inst[k].abs_tol);
    }
}

/* Issue 20: p50x288 and p50x288b (feasible, published optima 6134 and 21753) were reported
 * infeasible when a restarted simplex lost feasibility. Under a short limit neither may be
 * called infeasible; a network found must not beat the published optimum, and solve's own
 * checker has already verified it. (Under ASan or valgrind the root LP may not finish in the
 * limit: no_solution, exit 6, is then the honest answer.) */
Test(classics, the_false_infeasible_reproducers_are_not_reported_infeasible)
{
    static const struct {
        char file[40];
        double optimum;
    } inst[] = {{"fcnetlib/p50x288.inc", 6134}, {"fcnetlib/p50x288b.inc", 21753}};
    const char *data = data_dir();
    for (size_t k = 0; k < sizeof inst / sizeof inst[0]; k++) {
        char path[512], region[512];
        tu_fmt(path, sizeof path, "%s/%s", data, inst[k].file);
        cr_assert(tu_exists(path), "%s is missing (set CLASSICS_DATA to another copy)", path);
        const char *name = strrchr(inst[k].file, '/') + 1;
        cr_assert(convert(name, "fcnf2region", "", path, region, sizeof region));
        int rc;
        cJSON *j = solve(name, region, "--time-limit 15", &rc);
        cr_assert_not_null(j, "%s: no solution file (exit %d)", name, rc);
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(j, "status");
        const cJSON *obj = cJSON_GetObjectItemCaseSensitive(j, "objective");
        cr_assert(cJSON_IsString(st));
        cr_log_info("%s: %s, exit %d, objective %g", name, st->valuestring, rc,
                    cJSON_IsNumber(obj) ? obj->valuedouble : NAN);
        cr_expect(strcmp(st->valuestring, "infeasible") != 0 && rc != 4,
                  "%s: reported infeasible (exit %d)", name, rc);
        if (strcmp(st->valuestring, "feasible") == 0 || strcmp(st->valuestring, "optimal") == 0) {
            cr_expect(rc == 0, "%s: a network, but exit %d", name, rc);
            cr_expect(obj->valuedouble >= inst[k].optimum * (1 - 1e-9),
                      "%s: %.10g beats the published optimum %.10g", name, obj->valuedouble,
                      inst[k].optimum);
        } else {
            cr_expect(strcmp(st->valuestring, "no_solution") == 0 && rc == 6,
                      "%s: status %s, exit %d", name, st->valuestring, rc);
        }
        cJSON_Delete(j);
    }
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Sorted names of the input files (with a converter's extension) in dir. */
static int list_inputs(const char *dir, char names[][128], int max)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s: %s", dir, strerror(errno));
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (!converter_for(e->d_name) || len >= 128)
            continue;
        cr_assert(n < max, "too many files in %s", dir);
        memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    return n;
}

/* Reads NAME.expect: "args WORDS" (optional) and "objective NUMBER". */
static void read_expect(const char *path, char *args, size_t size, double *objective)
{
    char *text = tu_read_file(path, NULL);
    cr_assert_not_null(text, "%s is missing", path);
    int has_obj = 0;
    args[0] = '\0';
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (strncmp(line, "args ", 5) == 0) {
            snprintf(args, size, "%s", line + 5);
        } else if (strncmp(line, "objective ", 10) == 0) {
            char *end;
            *objective = strtod(line + 10, &end);
            cr_assert(end != line + 10 && *end == '\0', "%s: bad objective line \"%s\"", path,
                      line);
            has_obj = 1;
        } else {
            cr_assert(0, "%s: unknown line \"%s\"", path, line);
        }
    }
    free(text);
    cr_assert(has_obj, "%s has no objective line", path);
}

Test(classics, format_variants_convert_to_their_hand_derived_optimum)
{
    char names[64][128];
    int n = list_inputs(OK_DIR, names, 64);
    cr_assert(n > 0, "no cases in %s", OK_DIR);
    int failed = 0;
    for (int k = 0; k < n; k++) {
        char input[512], expect[512], args[256], name[128];
        double want = 0;
        tu_fmt(input, sizeof input, "%s/%s", OK_DIR, names[k]);
        tu_fmt(name, sizeof name, "%.*s", (int)strcspn(names[k], "."), names[k]);
        tu_fmt(expect, sizeof expect, "%s/%s.expect", OK_DIR, name);
        read_expect(expect, args, sizeof args, &want);
        const char *conv = converter_for(names[k]);
        failed += !convert_and_solve(name, conv, args, input, want, 1e-9, 1e-9);
        if (strcmp(conv, "fcnf2region") == 0) {
            /* the reversed network has the same optimum */
            char rargs[300], rname[160];
            tu_fmt(rargs, sizeof rargs, "%s --reverse", args);
            tu_fmt(rname, sizeof rname, "%s-reversed", name);
            failed += !convert_and_solve(rname, conv, rargs, input, want, 1e-9, 1e-9);
        }
    }
    cr_expect(failed == 0, "%d of %d cases failed", failed, n);
}

Test(classics, malformed_input_gives_the_golden_message_and_no_output)
{
    char names[64][128];
    int n = list_inputs(BAD_DIR, names, 64);
    cr_assert(n > 0, "no cases in %s", BAD_DIR);
    for (int k = 0; k < n; k++) {
        char input[512], golden[512], out[512], tmp[512], bin[512], name[128];
        tu_fmt(input, sizeof input, "%s/%s", BAD_DIR, names[k]);
        tu_fmt(name, sizeof name, "%.*s", (int)strcspn(names[k], "."), names[k]);
        tu_fmt(golden, sizeof golden, "%s/%s.err", BAD_DIR, name);
        tu_fmt(out, sizeof out, "%s/%s.json", tmpdir, name);
        tu_fmt(tmp, sizeof tmp, "%s.tmp", out);
        tu_fmt(bin, sizeof bin, "%s/%s", tu_env_or("BENCH_BIN", "build/bench"),
               converter_for(names[k]));
        child_cmd c;
        memset(&c, 0, sizeof c);
        cmd_add(&c, bin);
        cmd_add(&c, "-o");
        cmd_add(&c, out);
        cmd_add(&c, input);
        int rc = run(name, &c);
        char *err = captured_err(name);
        char *want = tu_read_file(golden, NULL);
        cr_assert_not_null(want, "%s is missing", golden);
        cr_expect(rc == 3, "%s: exit %d, expected 3", name, rc);
        cr_expect(strcmp(err, want) == 0, "%s: stderr differs\n got: %s\nwant: %s", name, err,
                  want);
        cr_expect(!tu_exists(out) && !tu_exists(tmp), "%s: an output file was left behind", name);
        free(err);
        free(want);
    }
}

Test(classics, converters_report_usage_errors_with_exit_2)
{
    static const char conv[][16] = {"cap2region", "fcnf2region", "fctp2region"};
    for (size_t k = 0; k < sizeof conv / sizeof conv[0]; k++) {
        char bin[512];
        tu_fmt(bin, sizeof bin, "%s/%s", tu_env_or("BENCH_BIN", "build/bench"), conv[k]);
        child_cmd c;
        memset(&c, 0, sizeof c);
        cmd_add(&c, bin);
        int rc = run("usage", &c);
        char *err = captured_err("usage");
        cr_expect(rc == 2 && strstr(err, "no input file") && strstr(err, "usage:"),
                  "%s without arguments: exit %d, stderr \"%s\"", conv[k], rc, err);
        free(err);
        memset(&c, 0, sizeof c);
        cmd_add(&c, bin);
        cmd_add(&c, "tests/classics/no-such-file.txt");
        rc = run("missing", &c);
        err = captured_err("missing");
        cr_expect(rc == 5 && strstr(err, "tests/classics/no-such-file.txt: cannot open"),
                  "%s on a missing file: exit %d, stderr \"%s\"", conv[k], rc, err);
        free(err);
    }
}
