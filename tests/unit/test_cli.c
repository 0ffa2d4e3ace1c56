/*
 * test_cli.c - end-to-end tests of the symnet command line (src/cli/main.c) over the whole
 * pipeline: they run the binary named by $SYMNET (default build/symnet) from the repository
 * root, as `make check` does.
 *
 * - tests/cases/ok/NAME.json: tiny regions with hand-derived optima; NAME.expect holds the
 *   expected result, one "key value" per line (see tests/cases/README.md). Each is solved with
 *   `solve NAME.json --out TMP/x.json --quiet`; the exit code, and the status, objective,
 *   business-as-usual cost, capital, emissions and counts of built links, hubs and corridors in
 *   the solution file are compared with the .expect.
 * - tests/bad/NAME.json: invalid regions, each with its golden NAME.err; `solve` and
 *   `check` must exit 3, print exactly the golden lines on stderr and write no output file
 *   (tests/bad/README.md). Inputs too big to commit (a 100 MB file, 2 million values, a million
 *   nested arrays) are written at test time into the fixture's directory.
 * - every ok case again with every solver plugin disabled (--disable NAME, repeated), and
 *   --disable of an unknown name (exit 2, the valid names listed).
 * - usage errors, I/O errors and the export formats.
 *
 * Every case of a directory runs in one Test and each failure names its case, so one run shows
 * every failing case. Children are started with fork/execv (no shell) and their stdout and
 * stderr go to files in a private mkdtemp directory that the fixture removes.
 */
#define _XOPEN_SOURCE 700    /* mknod, makedev */
#include "solve/solve_int.h" /* SNP_PLUGIN_MAX */
#include "symnet.h"          /* sn_plugin_name */
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define OK_DIR "tests/cases/ok"
#define BAD_DIR "tests/bad"
/* solve, region, --out, path, --quiet, --disable NAME for every plugin the table can hold, and
 * room for the NULL */
#define MAX_ARGS (5 + 2 * SNP_PLUGIN_MAX + 3)
#define ARG_LEN 1024

/* The fixture's private directory; each Criterion test runs in its own process. */
static char tmpdir[64];

static void setup(void)
{
    tu_make_tmpdir(tmpdir, sizeof tmpdir, "cli");
}

static void teardown(void)
{
    tu_remove_tmpdir(tmpdir);
}

static void require_binary(void)
{
    const char *bin = tu_symnet_bin();
    cr_assert(access(bin, X_OK) == 0,
              "%s is not an executable (%s): build it with `make` or set SYMNET", bin,
              strerror(errno));
}

static void tmp_path(char *buf, size_t size, const char *name)
{
    tu_fmt(buf, size, "%s/%s", tmpdir, name);
}

/* The command line of one child: arguments are copied, so argv is writable as execv wants. */
typedef struct command {
    int argc;
    char args[MAX_ARGS][ARG_LEN];
    char *argv[MAX_ARGS + 1];
} child_cmd;

static void cmd_init(child_cmd *c)
{
    memset(c, 0, sizeof *c);
}

static void cmd_add(child_cmd *c, const char *arg)
{
    cr_assert(c->argc < MAX_ARGS, "too many arguments");
    cr_assert(strlen(arg) < ARG_LEN, "argument too long: %s", arg);
    snprintf(c->args[c->argc], ARG_LEN, "%s", arg);
    c->argv[c->argc] = c->args[c->argc];
    c->argc++;
    c->argv[c->argc] = NULL;
}

/* Runs $SYMNET with args[0..] (NULL-terminated), stdin from /dev/null, stdout and stderr into
 * TMP/NAME.out and TMP/NAME.err. Returns the exit code, 128 + signal when killed, -1 when the
 * child could not be started. */
static int run_symnet(const char *name, const char *const *args)
{
    child_cmd c;
    cmd_init(&c);
    cmd_add(&c, tu_symnet_bin());
    for (int i = 0; args[i]; i++)
        cmd_add(&c, args[i]);

    char out[512], err[512];
    tu_fmt(out, sizeof out, "%s/%s.out", tmpdir, name);
    tu_fmt(err, sizeof err, "%s/%s.err", tmpdir, name);
    pid_t pid = tu_spawn(c.argv, out, err);
    return pid < 0 ? -1 : tu_wait(pid);
}

/* The captured stderr (or stdout) of the run NAME; malloc'd, "" when empty or missing. */
static char *captured(const char *name, const char *stream)
{
    char path[512];
    tu_fmt(path, sizeof path, "%s/%s.%s", tmpdir, name, stream);
    char *s = tu_read_file(path, NULL);
    if (!s) {
        s = malloc(1);
        cr_assert_not_null(s);
        s[0] = '\0';
    }
    return s;
}

/* ---- directory scanning ---------------------------------------------------------------- */

typedef struct name_list {
    int count;
    char **names; /* case names without ".json", sorted */
} name_list;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static name_list list_cases(const char *dir)
{
    name_list l = {0, NULL};
    DIR *d = opendir(dir);
    if (!d)
        return l;
    struct dirent *e;
    int cap = 0;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= 5 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        if (l.count == cap) {
            cap = cap ? 2 * cap : 16;
            char **nn = realloc(l.names, (size_t)cap * sizeof *nn);
            cr_assert_not_null(nn);
            l.names = nn;
        }
        char *s = malloc(n - 4);
        cr_assert_not_null(s);
        memcpy(s, e->d_name, n - 5);
        s[n - 5] = '\0';
        l.names[l.count++] = s;
    }
    closedir(d);
    if (l.count > 1)
        qsort(l.names, (size_t)l.count, sizeof *l.names, cmp_names);
    return l;
}

static void free_cases(name_list *l)
{
    for (int i = 0; i < l->count; i++)
        free(l->names[i]);
    free(l->names);
    l->names = NULL;
    l->count = 0;
}

/* ---- .expect files --------------------------------------------------------------------- */

typedef struct expectation {
    char status[128];
    char proof[128]; /* "proof": how an infeasible verdict is proven, "" not checked */
    int has_objective;
    double objective;
    int has_bau;
    int bau_infeasible; /* "bau infeasible": no business as usual (must-take/must-serve) */
    double bau;
    int has_capital;
    double capital;
    int has_co2;
    double co2;
    int links, hubs, corridors; /* -1: not checked */
    int exit_code;
    char error[256]; /* non-empty when the .expect file itself is malformed */
} expectation;

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > 100000)
        return -1;
    *out = (int)v;
    return 0;
}

static expectation read_expect(const char *path)
{
    expectation x;
    memset(&x, 0, sizeof x);
    x.links = x.hubs = x.corridors = -1;
    x.exit_code = 0;
    char *text = tu_read_file(path, NULL);
    if (!text) {
        snprintf(x.error, sizeof x.error, "cannot read its .expect file");
        return x;
    }
    int lineno = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        char key[32], val[128];
        if (line[0] == '#' || strspn(line, " \t\r") == strlen(line))
            continue;
        if (sscanf(line, "%31s %127s", key, val) != 2) {
            snprintf(x.error, sizeof x.error, ".expect line %d: expected \"key value\"", lineno);
            break;
        }
        int bad = 0;
        if (strcmp(key, "status") == 0)
            snprintf(x.status, sizeof x.status, "%s", val);
        else if (strcmp(key, "proof") == 0)
            snprintf(x.proof, sizeof x.proof, "%s", val);
        else if (strcmp(key, "objective") == 0) {
            x.has_objective = 1;
            bad = parse_double(val, &x.objective);
        } else if (strcmp(key, "bau") == 0) {
            x.has_bau = 1;
            if (strcmp(val, "infeasible") == 0)
                x.bau_infeasible = 1;
            else
                bad = parse_double(val, &x.bau);
        } else if (strcmp(key, "capital") == 0) {
            x.has_capital = 1;
            bad = parse_double(val, &x.capital);
        } else if (strcmp(key, "co2") == 0) {
            x.has_co2 = 1;
            bad = parse_double(val, &x.co2);
        } else if (strcmp(key, "links") == 0)
            bad = parse_int(val, &x.links);
        else if (strcmp(key, "hubs") == 0)
            bad = parse_int(val, &x.hubs);
        else if (strcmp(key, "corridors") == 0)
            bad = parse_int(val, &x.corridors);
        else if (strcmp(key, "exit") == 0)
            bad = parse_int(val, &x.exit_code);
        else
            bad = -1;
        if (bad) {
            snprintf(x.error, sizeof x.error, ".expect line %d: bad line \"%.100s\"", lineno, line);
            break;
        }
    }
    free(text);
    if (!x.error[0] && !x.status[0])
        snprintf(x.error, sizeof x.error, ".expect has no status line");
    return x;
}

static int close_enough(double got, double want)
{
    return fabs(got - want) <= 1e-6 + 1e-6 * fabs(want);
}

/* ---- solution checks ------------------------------------------------------------------- */

/* Compares one number of the solution with its expected value; returns 1 when it matches. */
static int expect_number(const char *name, const cJSON *sol, const char *key, double want)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(sol, key);
    if (!cJSON_IsNumber(v)) {
        cr_expect(0, "%s: \"%s\" is missing or not a number (expected %.6f)", name, key, want);
        return 0;
    }
    int ok = close_enough(v->valuedouble, want);
    cr_expect(ok, "%s: %s = %.6f, expected %.6f (difference %.6g)", name, key, v->valuedouble, want,
              v->valuedouble - want);
    return ok;
}

static int expect_count(const char *name, const cJSON *sol, const char *key, int want)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(sol, key);
    if (!cJSON_IsArray(v)) {
        cr_expect(0, "%s: \"%s\" is missing or not an array (expected %d)", name, key, want);
        return 0;
    }
    int n = cJSON_GetArraySize(v);
    cr_expect(n == want, "%s: %d %s built, expected %d", name, n, key, want);
    return n == want;
}

static int expect_bau(const char *name, const cJSON *sol, const expectation *x)
{
    const cJSON *bau = cJSON_GetObjectItemCaseSensitive(sol, "bau");
    if (!cJSON_IsObject(bau)) {
        cr_expect(0, "%s: \"bau\" is missing or not an object", name);
        return 0;
    }
    const cJSON *feas = cJSON_GetObjectItemCaseSensitive(bau, "feasible");
    const cJSON *cost = cJSON_GetObjectItemCaseSensitive(bau, "cost");
    if (x->bau_infeasible) {
        int ok = cJSON_IsFalse(feas) && cJSON_IsNull(cost);
        cr_expect(ok, "%s: business as usual should be infeasible (bau.feasible false, cost null)",
                  name);
        return ok;
    }
    if (!cJSON_IsTrue(feas) || !cJSON_IsNumber(cost)) {
        cr_expect(0, "%s: bau.feasible should be true and bau.cost %.6f", name, x->bau);
        return 0;
    }
    int ok = close_enough(cost->valuedouble, x->bau);
    cr_expect(ok, "%s: bau.cost = %.6f, expected %.6f", name, cost->valuedouble, x->bau);
    return ok;
}

/* Solves one ok case and compares it with its .expect; returns 1 when everything matches. */
/* Solves ok/NAME.json (with the options in extra, NULL-terminated, when not NULL) and checks
 * the result against NAME.expect. */
static int run_ok_case(const char *name, const char *const *extra)
{
    char region[512], expect_path[512], sol_path[512], tmp_sol[512];
    tu_fmt(region, sizeof region, "%s/%s.json", OK_DIR, name);
    tu_fmt(expect_path, sizeof expect_path, "%s/%s.expect", OK_DIR, name);
    tu_fmt(sol_path, sizeof sol_path, "%s/%s.solution.json", tmpdir, name);
    tu_fmt(tmp_sol, sizeof tmp_sol, "%s.tmp", sol_path);

    expectation x = read_expect(expect_path);
    if (x.error[0]) {
        cr_expect(0, "%s: %s", name, x.error);
        return 0;
    }
    const char *args[MAX_ARGS] = {"solve", region, "--out", sol_path, "--quiet"};
    for (int i = 0; extra && extra[i]; i++) {
        cr_assert_lt(5 + i, MAX_ARGS - 2, "too many options");
        args[5 + i] = extra[i];
    }
    int rc = run_symnet(name, args);
    int ok = 1;
    if (rc != x.exit_code) {
        char *err = captured(name, "err");
        cr_expect(0, "%s: exit %d, expected %d; stderr:\n%.2000s", name, rc, x.exit_code, err);
        free(err);
        ok = 0;
    }
    if (tu_exists(tmp_sol)) {
        cr_expect(0, "%s: %s left behind", name, tmp_sol);
        ok = 0;
    }
    char *text = tu_read_file(sol_path, NULL);
    if (!text) {
        cr_expect(0, "%s: no solution file %s", name, sol_path);
        return 0;
    }
    cJSON *sol = cJSON_Parse(text);
    free(text);
    if (!cJSON_IsObject(sol)) {
        cr_expect(0, "%s: the solution file is not a JSON object", name);
        cJSON_Delete(sol);
        return 0;
    }
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(sol, "status");
    if (!cJSON_IsString(status) || strcmp(status->valuestring, x.status) != 0) {
        cr_expect(0, "%s: status %s, expected %s", name,
                  cJSON_IsString(status) ? status->valuestring : "(missing)", x.status);
        ok = 0;
    }
    if (x.has_objective)
        ok &= expect_number(name, sol, "objective", x.objective);
    if (x.has_bau)
        ok &= expect_bau(name, sol, &x);
    if (x.has_capital)
        ok &= expect_number(name, sol, "capital", x.capital);
    if (x.has_co2)
        ok &= expect_number(name, sol, "co2_t_per_yr", x.co2);
    if (x.links >= 0)
        ok &= expect_count(name, sol, "links", x.links);
    if (x.hubs >= 0)
        ok &= expect_count(name, sol, "hubs", x.hubs);
    if (x.corridors >= 0)
        ok &= expect_count(name, sol, "corridors", x.corridors);
    if (x.proof[0]) {
        const cJSON *inf = cJSON_GetObjectItemCaseSensitive(sol, "infeasibility");
        const cJSON *pr = cJSON_GetObjectItemCaseSensitive(inf, "proof");
        int same = cJSON_IsString(pr) && strcmp(pr->valuestring, x.proof) == 0;
        cr_expect(same, "%s: infeasibility.proof %s, expected %s", name,
                  cJSON_IsString(pr) ? pr->valuestring : "(missing)", x.proof);
        ok &= same;
    }
    cJSON_Delete(sol);
    return ok;
}

TestSuite(cli, .init = setup, .fini = teardown, .timeout = 600);

Test(cli, ok_cases_match_their_hand_derived_optimum)
{
    require_binary();
    name_list l = list_cases(OK_DIR);
    cr_assert(l.count > 0, "no cases in %s (run from the repository root)", OK_DIR);
    int failed = 0;
    for (int i = 0; i < l.count; i++) {
        if (!run_ok_case(l.names[i], NULL)) {
            failed++;
            cr_log_error("ok case %s failed", l.names[i]);
        }
    }
    cr_log_info("%d of %d ok cases passed", l.count - failed, l.count);
    free_cases(&l);
}

Test(cli, check_accepts_every_ok_case)
{
    require_binary();
    name_list l = list_cases(OK_DIR);
    cr_assert(l.count > 0, "no cases in %s", OK_DIR);
    for (int i = 0; i < l.count; i++) {
        char region[512];
        tu_fmt(region, sizeof region, "%s/%s.json", OK_DIR, l.names[i]);
        const char *args[] = {"check", region, NULL};
        int rc = run_symnet("check", args);
        char *err = captured("check", "err");
        cr_expect(rc == 0, "check %s: exit %d, expected 0; stderr:\n%.2000s", region, rc, err);
        free(err);
    }
    free_cases(&l);
}

/* ---- --disable NAME (docs/model.md 11) ------------------------------------------------ */

/* Every plugin switched off at once: each case still matches its hand-derived optimum, and the
 * solution's "solver_stats" lists every plugin as disabled and never called. */
Test(cli, ok_cases_keep_their_optimum_with_every_plugin_disabled)
{
    require_binary();
    const char *extra[2 * SNP_PLUGIN_MAX + 1];
    int n = 0;
    for (int i = 0; sn_plugin_name(i); i++) {
        cr_assert_lt(n + 2, (int)(sizeof extra / sizeof extra[0]));
        extra[n++] = "--disable";
        extra[n++] = sn_plugin_name(i);
    }
    extra[n] = NULL;
    name_list l = list_cases(OK_DIR);
    cr_assert(l.count > 0, "no cases in %s", OK_DIR);
    int failed = 0;
    for (int i = 0; i < l.count; i++) {
        if (!run_ok_case(l.names[i], extra)) {
            failed++;
            cr_log_error("ok case %s failed with every plugin disabled", l.names[i]);
            continue;
        }
        char sol_path[512];
        tu_fmt(sol_path, sizeof sol_path, "%s/%s.solution.json", tmpdir, l.names[i]);
        char *text = tu_read_file(sol_path, NULL);
        cJSON *sol = text ? cJSON_Parse(text) : NULL;
        free(text);
        const cJSON *stats = cJSON_GetObjectItemCaseSensitive(sol, "solver_stats"), *it;
        int k = 0;
        cr_expect(cJSON_IsArray(stats), "%s: no solver_stats", l.names[i]);
        cJSON_ArrayForEach(it, stats)
        {
            const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
            const cJSON *enabled = cJSON_GetObjectItemCaseSensitive(it, "enabled");
            const cJSON *calls = cJSON_GetObjectItemCaseSensitive(it, "calls");
            cr_expect(cJSON_IsString(name) && sn_plugin_name(k) &&
                          strcmp(name->valuestring, sn_plugin_name(k)) == 0,
                      "%s: solver_stats[%d] is not %s", l.names[i], k, sn_plugin_name(k));
            cr_expect(cJSON_IsFalse(enabled), "%s: solver_stats[%d].enabled is not false",
                      l.names[i], k);
            cr_expect(cJSON_IsNumber(calls) && calls->valuedouble == 0,
                      "%s: solver_stats[%d].calls is not 0", l.names[i], k);
            k++;
        }
        cr_expect_eq(k, n / 2, "%s: solver_stats has %d entries, expected %d", l.names[i], k,
                     n / 2);
        cJSON_Delete(sol);
    }
    cr_expect_eq(failed, 0, "%d of %d ok cases failed with every plugin disabled", failed, l.count);
    free_cases(&l);
}

#define DISABLE_REGION OK_DIR "/01_pipe_pays_or_not.json"

Test(cli, disable_of_an_unknown_plugin_exits_2_and_lists_the_names)
{
    require_binary();
    char out[512], out_tmp[512];
    tmp_path(out, sizeof out, "d.json");
    tu_fmt(out_tmp, sizeof out_tmp, "%s.tmp", out);
    const char *args[] = {"solve",    DISABLE_REGION, "--out",  out,       "--disable",
                          "rounding", "--disable",    "nosuch", "--quiet", NULL};
    int rc = run_symnet("disable", args);
    char *err = captured("disable", "err");
    cr_expect_eq(rc, 2, "--disable nosuch: exit %d, expected 2; stderr:\n%s", rc, err);
    cr_expect_not_null(strstr(err, "nosuch"), "stderr does not name the bad plugin:\n%s", err);
    for (int i = 0; sn_plugin_name(i); i++)
        cr_expect_not_null(strstr(err, sn_plugin_name(i)), "stderr does not list %s:\n%s",
                           sn_plugin_name(i), err);
    cr_expect(!tu_exists(out) && !tu_exists(out_tmp), "--disable nosuch wrote an output file");
    free(err);

    const char *missing[] = {"solve", DISABLE_REGION, "--out", out, "--disable", NULL};
    rc = run_symnet("disable", missing);
    cr_expect_eq(rc, 2, "--disable without a value: exit %d, expected 2", rc);
    const char *check[] = {"check", DISABLE_REGION, "--disable", "first", NULL};
    rc = run_symnet("disable", check);
    cr_expect_eq(rc, 2, "check --disable: exit %d, expected 2 (solve only)", rc);

    const char *help[] = {"help", NULL};
    rc = run_symnet("help", help);
    char *text = captured("help", "out");
    cr_expect_eq(rc, 0);
    cr_expect_not_null(strstr(text, "--disable NAME"), "help does not list --disable");
    for (int i = 0; sn_plugin_name(i); i++)
        cr_expect_not_null(strstr(text, sn_plugin_name(i)), "help does not list %s",
                           sn_plugin_name(i));
    free(text);
}

/* ---- bad cases ------------------------------------------------------------------------- */

/* Compares the captured stderr with the golden text line by line; reports the first
 * difference. A final newline is optional on both sides. Returns 1 when equal. */
static int same_lines(const char *what, const char *got, const char *want)
{
    int line = 1;
    for (;;) {
        size_t ng = strcspn(got, "\n"), nw = strcspn(want, "\n");
        int got_end = got[0] == '\0', want_end = want[0] == '\0';
        if (got_end && want_end)
            return 1;
        if (got_end || want_end || ng != nw || strncmp(got, want, ng) != 0) {
            cr_expect(0, "%s: stderr line %d differs\n  expected: %.*s\n  got:      %.*s", what,
                      line, (int)(want_end ? 5 : nw), want_end ? "(end)" : want,
                      (int)(got_end ? 5 : ng), got_end ? "(end)" : got);
            return 0;
        }
        got += ng + (got[ng] == '\n');
        want += nw + (want[nw] == '\n');
        line++;
    }
}

static int run_bad_case(const char *name, const char *command)
{
    char region[512], golden_path[512], out[512], out_tmp[512], what[600];
    tu_fmt(region, sizeof region, "%s/%s.json", BAD_DIR, name);
    tu_fmt(golden_path, sizeof golden_path, "%s/%s.err", BAD_DIR, name);
    tmp_path(out, sizeof out, "y.json");
    tu_fmt(out_tmp, sizeof out_tmp, "%s.tmp", out);
    tu_fmt(what, sizeof what, "%s %s", command, region);

    char *golden = tu_read_file(golden_path, NULL);
    if (!golden) {
        cr_expect(0, "%s: no golden file %s", what, golden_path);
        return 0;
    }
    int rc;
    if (strcmp(command, "solve") == 0) {
        const char *args[] = {"solve", region, "--out", out, NULL};
        rc = run_symnet(name, args);
    } else {
        const char *args[] = {command, region, NULL};
        rc = run_symnet(name, args);
    }
    char *err = captured(name, "err");
    int ok = 1;
    if (rc != 3) {
        cr_expect(0, "%s: exit %d, expected 3", what, rc);
        ok = 0;
    }
    ok &= same_lines(what, err, golden);
    if (tu_exists(out) || tu_exists(out_tmp)) {
        cr_expect(0, "%s: an output file exists after invalid input", what);
        ok = 0;
    }
    remove(out);
    remove(out_tmp);
    free(err);
    free(golden);
    return ok;
}

static void run_bad_cases(const char *command)
{
    require_binary();
    name_list l = list_cases(BAD_DIR);
    if (l.count == 0) {
        free_cases(&l);
        teardown(); /* a skipped test does not run .fini */
        cr_skip_test("no cases in %s", BAD_DIR);
    }
    int failed = 0;
    for (int i = 0; i < l.count; i++) {
        if (!run_bad_case(l.names[i], command)) {
            failed++;
            cr_log_error("bad case %s failed under %s", l.names[i], command);
        }
    }
    cr_log_info("%d of %d bad cases passed under %s", l.count - failed, l.count, command);
    free_cases(&l);
}

Test(cli, solve_rejects_bad_cases_with_golden_messages)
{
    run_bad_cases("solve");
}

Test(cli, check_rejects_bad_cases_with_golden_messages)
{
    run_bad_cases("check");
}

/* ---- bad input generated at test time (docs/format.md, "Input limits") ------------------ */

/* Writes head, then `count` copies of `unit`, then tail to path; returns 1 on success. */
static int write_repeated(const char *path, const char *head, const char *unit, size_t count,
                          const char *tail)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    size_t ulen = strlen(unit), per = 65536 / ulen, n = 0;
    char *block = malloc(per * ulen);
    int ok = block != NULL && fputs(head, f) >= 0;
    for (size_t i = 0; block && i < per; i++)
        memcpy(block + i * ulen, unit, ulen);
    while (ok && n < count) {
        size_t k = count - n < per ? count - n : per;
        ok = fwrite(block, ulen, k, f) == k;
        n += k;
    }
    ok = ok && fputs(tail, f) >= 0;
    free(block);
    return fclose(f) == 0 && ok;
}

/* Runs `solve FILE --out TMP/y.json` and `check FILE`; both must exit 3, leave no output and
 * print `first` as the first line of stderr (when it is not NULL). */
static void expect_rejected(const char *file, const char *first)
{
    char out[512], out_tmp[512];
    tmp_path(out, sizeof out, "y.json");
    tu_fmt(out_tmp, sizeof out_tmp, "%s.tmp", out);
    const char *solve[] = {"solve", file, "--out", out, "--quiet", NULL};
    const char *check[] = {"check", file, NULL};
    const char *const *runs[] = {solve, check};
    for (int r = 0; r < 2; r++) {
        int rc = run_symnet("generated", runs[r]);
        char *err = captured("generated", "err");
        cr_expect_eq(rc, 3, "%s %s: exit %d, expected 3; stderr:\n%.1000s", runs[r][0], file, rc,
                     err);
        size_t n = strcspn(err, "\n");
        if (first)
            cr_expect(strlen(first) == n && strncmp(err, first, n) == 0,
                      "%s %s: first line of stderr\n  expected: %s\n  got:      %.*s", runs[r][0],
                      file, first, (int)(n < 1000 ? n : 1000), err);
        cr_expect(!tu_exists(out) && !tu_exists(out_tmp),
                  "%s %s: an output file exists after invalid input", runs[r][0], file);
        free(err);
    }
}

Test(cli, a_100_mb_file_is_rejected_by_its_size)
{
    require_binary();
    char file[512], first[1200];
    tmp_path(file, sizeof file, "huge.json");
    /* a valid region prefix and a 100 MB notes string: only the size is wrong */
    const char *head = "{\"format\": \"symnet-region/1\", \"notes\": \"";
    const size_t total = (size_t)100 * 1024 * 1024;
    size_t pad = total - strlen(head) - 3;
    cr_assert(write_repeated(file, head, "x", pad, "\"}\n"), "cannot write %s", file);
    tu_fmt(first, sizeof first,
           "%s: file too large: %zu bytes, more than the limit of 64 MiB (67108864 bytes)", file,
           total);
    expect_rejected(file, first);
}

Test(cli, two_million_values_are_rejected_before_parsing)
{
    require_binary();
    char file[512], first[1200];
    tmp_path(file, sizeof file, "values.json");
    /* {"notes": [0,0,...]}: the document, the array and the elements count as values, so
     * element 1999998 is value 2000001, one over the limit; it starts at byte 11 + 2 * 1999998 */
    cr_assert(write_repeated(file, "{\"notes\": [", "0,", 2100000, "0]}\n"), "cannot write %s",
              file);
    tu_fmt(first, sizeof first,
           "%s:1:%d: notes[1999998]: invalid JSON: more than 2000000 values (numbers, strings, "
           "arrays and objects); the limit keeps memory bounded",
           file, 12 + 2 * 1999998);
    expect_rejected(file, first);
}

Test(cli, a_million_nested_arrays_are_rejected_at_level_65)
{
    require_binary();
    char file[512], first[1200];
    tmp_path(file, sizeof file, "deep.json");
    cr_assert(write_repeated(file, "", "[", 1000000, "\n"), "cannot write %s", file);
    /* the 65th '[' is the first one too deep; the path of the value it opens is cut */
    tu_fmt(first, sizeof first,
           "%s:1:65: [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]...[0][0][0]"
           "[0][0][0][0][0][0][0]: invalid JSON: nested deeper than 64 levels (arrays and "
           "objects)",
           file);
    expect_rejected(file, first);
}

Test(cli, a_pipe_of_more_than_64_mib_is_cut_off)
{
    require_binary();
    char fifo[512], first[1200];
    tmp_path(fifo, sizeof fifo, "region.fifo");
    cr_assert(mkfifo(fifo, 0600) == 0, "mkfifo: %s", strerror(errno));
    /* a writer offers 65 MiB of blanks; symnet must stop reading at the limit (the writer then
     * gets EPIPE and stops) */
    fflush(NULL);
    pid_t writer = fork();
    cr_assert(writer >= 0, "fork: %s", strerror(errno));
    if (writer == 0) {
        signal(SIGPIPE, SIG_IGN);
        int fd = open(fifo, O_WRONLY);
        static char blanks[65536];
        memset(blanks, ' ', sizeof blanks);
        for (int i = 0; fd >= 0 && i < 65 * 16; i++)
            if (write(fd, blanks, sizeof blanks) < 0)
                break;
        _exit(0);
    }
    const char *check[] = {"check", fifo, NULL};
    int rc = run_symnet("fifo", check);
    int status;
    waitpid(writer, &status, 0);
    char *err = captured("fifo", "err");
    tu_fmt(first, sizeof first,
           "%s: file too large: more than the limit of 64 MiB (67108864 bytes)", fifo);
    cr_expect_eq(rc, 3, "check of a 65 MiB pipe: exit %d, expected 3; stderr:\n%.1000s", rc, err);
    size_t n = strcspn(err, "\n");
    cr_expect(strlen(first) == n && strncmp(err, first, n) == 0,
              "first line of stderr\n  expected: %s\n  got:      %.*s", first, (int)n, err);
    free(err);
}

/* ---- commands, usage and I/O errors ---------------------------------------------------- */

#define VALID_REGION OK_DIR "/01_pipe_pays_or_not.json"
#define HUB_REGION OK_DIR "/05_hub_treatment.json"

Test(cli, check_valid_region_exits_0)
{
    require_binary();
    const char *args[] = {"check", VALID_REGION, NULL};
    int rc = run_symnet("check", args);
    char *err = captured("check", "err");
    cr_expect_eq(rc, 0, "check: exit %d, expected 0; stderr:\n%s", rc, err);
    free(err);
}

Test(cli, unknown_command_exits_2)
{
    require_binary();
    const char *args[] = {"frobnicate", VALID_REGION, NULL};
    int rc = run_symnet("unknown", args);
    cr_expect_eq(rc, 2, "unknown command: exit %d, expected 2", rc);

    const char *none[] = {NULL};
    rc = run_symnet("none", none);
    cr_expect_eq(rc, 2, "no command: exit %d, expected 2", rc);
}

Test(cli, missing_region_exits_5_and_names_the_file)
{
    require_binary();
    char region[512], out[512];
    tmp_path(region, sizeof region, "no-such-region.json");
    tmp_path(out, sizeof out, "z.json");
    const char *solve[] = {"solve", region, "--out", out, "--quiet", NULL};
    int rc = run_symnet("missing_solve", solve);
    char *err = captured("missing_solve", "err");
    cr_expect_eq(rc, 5, "solve of a missing file: exit %d, expected 5", rc);
    cr_expect_not_null(strstr(err, "no-such-region.json"),
                       "solve: stderr does not name the missing file:\n%s", err);
    cr_expect(!tu_exists(out), "solve of a missing file wrote %s", out);
    free(err);

    const char *check[] = {"check", region, NULL};
    rc = run_symnet("missing_check", check);
    err = captured("missing_check", "err");
    cr_expect_eq(rc, 5, "check of a missing file: exit %d, expected 5", rc);
    cr_expect_not_null(strstr(err, "no-such-region.json"),
                       "check: stderr does not name the missing file:\n%s", err);
    free(err);
}

Test(cli, export_lp_writes_a_model)
{
    require_binary();
    char lp[512];
    tmp_path(lp, sizeof lp, "model.lp");
    const char *args[] = {"export", HUB_REGION, "--lp", lp, NULL};
    int rc = run_symnet("export_lp", args);
    char *err = captured("export_lp", "err");
    cr_expect_eq(rc, 0, "export --lp: exit %d, expected 0; stderr:\n%s", rc, err);
    free(err);
    size_t len = 0;
    char *text = tu_read_file(lp, &len);
    cr_assert_not_null(text, "export --lp wrote no file");
    cr_expect(len > 0, "export --lp wrote an empty file");
    const char *p = text + strspn(text, " \t\r\n");
    cr_expect(p[0] == '\\' || strncmp(p, "Minimize", 8) == 0 || strncmp(p, "minimize", 8) == 0,
              "the LP file starts neither with a comment nor with Minimize: %.80s", p);
    free(text);
}

Test(cli, export_mps_writes_a_model)
{
    require_binary();
    char mps[512];
    tmp_path(mps, sizeof mps, "model.mps");
    const char *args[] = {"export", HUB_REGION, "--mps", mps, NULL};
    int rc = run_symnet("export_mps", args);
    char *err = captured("export_mps", "err");
    cr_expect_eq(rc, 0, "export --mps: exit %d, expected 0; stderr:\n%s", rc, err);
    free(err);
    char *text = tu_read_file(mps, NULL);
    cr_assert_not_null(text, "export --mps wrote no file");
    cr_expect_not_null(strstr(text, "ROWS"), "the MPS file has no ROWS section");
    free(text);
}

Test(cli, bad_numeric_options_exit_2)
{
    require_binary();
    static const char bad[][2][16] = {
        {"--time-limit", "abc"},     {"--time-limit", "-1"},
        {"--time-limit", ""},        {"--gap", "abc"},
        {"--gap", "-0.5"},           {"--discount-rate", "1"},
        {"--discount-rate", "-0.1"}, {"--discount-rate", "0.03,"},
        {"--discount-rate", "5%"},
    };
    char out[512], out_tmp[512];
    tmp_path(out, sizeof out, "w.json");
    tu_fmt(out_tmp, sizeof out_tmp, "%s.tmp", out);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *args[] = {"solve",   VALID_REGION, "--out",   out,
                              bad[i][0], bad[i][1],    "--quiet", NULL};
        int rc = run_symnet("badopt", args);
        cr_expect_eq(rc, 2, "solve %s \"%s\": exit %d, expected 2", bad[i][0], bad[i][1], rc);
        cr_expect(!tu_exists(out) && !tu_exists(out_tmp), "solve %s \"%s\" wrote an output file",
                  bad[i][0], bad[i][1]);
    }
    const char *missing[] = {"solve", VALID_REGION, "--out", out, "--time-limit", NULL};
    int rc = run_symnet("badopt", missing);
    cr_expect_eq(rc, 2, "solve --time-limit without a value: exit %d, expected 2", rc);
}

/* ---- where outputs go (shared/STYLE.md 12, issue 13) ------------------------------------- */

/* --out onto a device, a FIFO, a symbolic link, a directory and into a missing directory, and
 * an export onto a device: devices and FIFOs are written through (never replaced by a regular
 * file), a link's target is replaced, a directory or a missing directory is an error before
 * any solving. The null device is made in the temporary directory (needs root: skipped
 * otherwise). */
Test(cli, outputs_go_through_devices_fifos_and_links)
{
    require_binary();
    char dev[512], fifo[512], link[512], real[512], dir[512], missing[512];
    tmp_path(dev, sizeof dev, "null");
    tmp_path(fifo, sizeof fifo, "fifo");
    tmp_path(link, sizeof link, "link.json");
    tmp_path(real, sizeof real, "real.json");
    tmp_path(dir, sizeof dir, "adir");
    tmp_path(missing, sizeof missing, "no/such/dir/x.json");
    struct stat st;

    if (mknod(dev, S_IFCHR | 0666, makedev(1, 3)) == 0) {
        const char *args[] = {"solve", VALID_REGION, "--out", dev, "--quiet", NULL};
        cr_expect_eq(run_symnet("to_null", args), 0);
        const char *exp[] = {"export", VALID_REGION, "--mps", dev, NULL};
        cr_expect_eq(run_symnet("export_null", exp), 0);
        cr_assert_eq(stat(dev, &st), 0);
        cr_expect(S_ISCHR(st.st_mode), "the null device was replaced by a regular file");
        char tmp[600];
        tu_fmt(tmp, sizeof tmp, "%s.tmp", dev);
        cr_expect(!tu_exists(tmp), "%s left behind", tmp);
    } else {
        cr_log_warn("mknod: %s: the null-device case is skipped (not root)", strerror(errno));
    }

    /* a FIFO with a reader waiting: the whole solution arrives through it */
    cr_assert_eq(mkfifo(fifo, 0600), 0, "mkfifo: %s", strerror(errno));
    int fd = open(fifo, O_RDONLY | O_NONBLOCK);
    cr_assert(fd >= 0);
    const char *args[] = {"solve", VALID_REGION, "--out", fifo, "--quiet", NULL};
    cr_expect_eq(run_symnet("to_fifo", args), 0);
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    cr_assert(n > 0, "nothing came through the FIFO");
    buf[n] = '\0';
    cJSON *j = cJSON_Parse(buf);
    cr_expect(cJSON_IsObject(j), "the FIFO carried no JSON object");
    cJSON_Delete(j);
    cr_assert_eq(stat(fifo, &st), 0);
    cr_expect(S_ISFIFO(st.st_mode), "the FIFO was replaced");

    /* a symbolic link: its target is written, the link stays */
    cr_assert_eq(symlink("real.json", link), 0);
    const char *la[] = {"solve", VALID_REGION, "--out", link, "--quiet", NULL};
    cr_expect_eq(run_symnet("to_link", la), 0);
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the link was replaced");
    cr_expect(tu_exists(real), "the link's target was not written");

    /* a directory, and a directory that does not exist: exit 5 with the reason */
    cr_assert_eq(mkdir(dir, 0700), 0);
    const char *da[] = {"solve", VALID_REGION, "--out", dir, "--quiet", NULL};
    cr_expect_eq(run_symnet("to_dir", da), 5);
    char *err = captured("to_dir", "err");
    cr_expect(strstr(err, "is a directory") != NULL, "%s", err);
    free(err);
    const char *ma[] = {"solve", VALID_REGION, "--out", missing, "--html", dir, NULL};
    cr_expect_eq(run_symnet("to_missing", ma), 5);
    err = captured("to_missing", "err");
    cr_expect(strstr(err, "no directory") != NULL, "%s", err);
    cr_expect(strstr(err, "facilities") == NULL, "the solve ran before the path was checked:\n%s",
              err);
    free(err);

    /* "-": standard output */
    const char *sa[] = {"solve", VALID_REGION, "--out", "-", "--quiet", NULL};
    cr_expect_eq(run_symnet("to_stdout", sa), 0);
    char *out = captured("to_stdout", "out");
    j = cJSON_Parse(out);
    cr_expect(cJSON_IsObject(j), "standard output carried no JSON object: %.80s", out);
    cJSON_Delete(j);
    free(out);
}

/* Every command takes --help (issue 13); progress lines show "-" for a bound or gap not yet
 * known, never "-inf" or "nan". */
Test(cli, every_command_takes_help_and_progress_has_no_inf_or_nan)
{
    require_binary();
    static const char *const cmds[] = {"solve", "check", "verify", "export"};
    for (size_t k = 0; k < sizeof cmds / sizeof cmds[0]; k++) {
        const char *args[] = {cmds[k], "--help", NULL};
        cr_expect_eq(run_symnet("help", args), 0, "%s --help", cmds[k]);
        char *out = captured("help", "out");
        cr_expect(strstr(out, "usage: symnet") != NULL, "%s --help printed:\n%s", cmds[k], out);
        free(out);
    }
    char sol[512];
    tmp_path(sol, sizeof sol, "progress.json");
    const char *args[] = {"solve", VALID_REGION, "--out", sol, NULL};
    cr_assert_eq(run_symnet("progress", args), 0);
    char *err = captured("progress", "err");
    cr_expect(strstr(err, " best ") != NULL, "no progress line:\n%s", err);
    cr_expect(strstr(err, "inf") == NULL && strstr(err, "nan") == NULL, "%s", err);
    free(err);
}
