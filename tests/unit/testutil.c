/*
 * testutil.c - see testutil.h.
 */
#include "testutil.h"

#include "solve/solve_int.h"   /* snp_glpk_solve_from */
#include "verify/verify_int.h" /* sn_solution_verify_string */

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

void tu_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[1024];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof path)
            continue;
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            tu_remove_tree(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

void tu_make_tmpdir(char *dir, size_t size, const char *tag)
{
    tu_fmt(dir, size, "/tmp/symnet-test-%s-XXXXXX", tag);
    cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
}

void tu_remove_tmpdir(char *dir)
{
    if (dir[0])
        tu_remove_tree(dir);
    dir[0] = '\0';
}

const char *tu_env_or(const char *name, const char *def)
{
    const char *s = getenv(name);
    return s && *s ? s : def;
}

const char *tu_symnet_bin(void)
{
    return tu_env_or("SYMNET", "build/symnet");
}

void tu_fmt(char *buf, size_t size, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(buf, size, f, ap);
    va_end(ap);
    cr_assert(n >= 0 && (size_t)n < size, "string too long: %s", buf);
}

int tu_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

char *tu_read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (len + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - 1 - len, f);
        len += n;
        if (n == 0)
            break;
    }
    fclose(f);
    if (buf) {
        buf[len] = '\0';
        if (len_out)
            *len_out = len;
    }
    return buf;
}

pid_t tu_spawn(char *const argv[], const char *out, const char *err)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int fo = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || fo < 0 || fe < 0 || dup2(in, 0) < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
            _exit(126);
        execvp(argv[0], argv);
        _exit(127);
    }
    return pid;
}

int tu_wait(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

sn_status tu_write_report(const sn_instance *in, const sn_model *m, const sn_solution *s, int json,
                          FILE *f)
{
    sn_result *r = NULL;
    sn_status st = sn_result_build(in, m, s, &r, NULL);
    if (st == SN_OK)
        st = json ? sn_report_write_json(r, f) : sn_report_write_summary(r, f);
    sn_result_free(r);
    return st;
}

/* Fails the test with what, the step and the first diagnostic of d. */
static void fail_with(const char *what, const char *step, const sn_diag *d)
{
    char buf[1200] = "(no diagnostic)";
    if (d->count > 0)
        sn_error_format(&d->errors[0], buf, sizeof buf);
    cr_assert_fail("%s: %s failed: %s", what, step, buf);
}

char *tu_checked_json(const sn_instance *in, const sn_model *m, const sn_solution *s,
                      const char *what, size_t *len)
{
    char *json = NULL;
    FILE *f = open_memstream(&json, len);
    cr_assert_not_null(f);
    sn_status ws = tu_write_report(in, m, s, 1, f);
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(ws, SN_OK, "%s: writing the solution: %s", what, sn_status_name(ws));
    sn_diag d;
    sn_diag_init(&d);
    if (sn_solution_verify_string(in, json, *len, "solution.json", &d) != SN_OK)
        fail_with(what, "the independent checker", &d);
    return json;
}

void tu_check_network(const sn_instance *in, const sn_model *m, const sn_solution *s,
                      const char *what)
{
    sn_diag d;
    sn_diag_init(&d);
    if (sn_solution_check(in, m, s, &d) != SN_OK)
        fail_with(what, "sn_solution_check", &d);
    size_t len = 0;
    free(tu_checked_json(in, m, s, what, &len));
}

sn_solution *tu_solve_from(const sn_instance *in, const sn_model *m, const sn_params *p,
                           const snp_search_from *from, const char *what)
{
    sn_solution *s = snp_solution_new(m);
    cr_assert_not_null(s);
    sn_diag d;
    sn_diag_init(&d);
    if (snp_glpk_solve_from(m, p, from, s, &d) != SN_OK)
        fail_with(what, "snp_glpk_solve_from", &d);
    cr_assert(s->has_x, "%s: no network (%s)", what, s->message);
    tu_check_network(in, m, s, what);
    return s;
}

sn_solution *tu_solve_root(const sn_instance *in, const sn_model *m, const sn_params *p,
                           const char *what)
{
    snp_search_from from = {.node_limit = 1};
    return tu_solve_from(in, m, p, &from, what);
}

/* A fixed-charge transportation region: ns suppliers, nd customers, every pipe pays a large
 * fixed charge; with 20 x 20 GLPK cannot prove optimality in a fraction of a second. */
char *tu_fctp_region(int ns, int nd, unsigned seed)
{
    size_t cap = 4096 + (size_t)(ns + nd) * 256;
    char *doc = malloc(cap);
    cr_assert_not_null(doc);
    size_t n = (size_t)snprintf(
        doc, cap,
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"fctp\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 1},"
        " \"resources\": [{\"id\": \"r\", \"unit\": \"t\", \"pipe\": {\"capital_per_km\": 900, "
        "\"opex_per_unit_km\": 0.3}}], \"facilities\": [");
    unsigned s = seed;
    for (int i = 0; i < ns + nd; i++) {
        s = s * 1103515245u + 12345u;
        int x = (int)(s >> 16) % 100;
        s = s * 1103515245u + 12345u;
        int y = (int)(s >> 16) % 100;
        s = s * 1103515245u + 12345u;
        int amount = 50 + (int)(s >> 16) % 200;
        n += (size_t)snprintf(doc + n, cap - n,
                              "%s{\"id\": \"F%d\", \"location\": [%d, %d], \"%s\": [{\"resource\": "
                              "\"r\", \"amount\": %d, \"%s\": %d}]}",
                              i ? ", " : "", i, x, y, i < ns ? "supplies" : "demands",
                              i < ns ? amount * nd / ns + 50 : amount,
                              i < ns ? "disposal_cost" : "price", i < ns ? 5 : 400);
    }
    snprintf(doc + n, cap - n, "]}");
    return doc;
}

int tu_run_symnet(const char *dir, const char *name, const char *const *args)
{
    static char copies[64][1024]; /* execvp wants writable strings */
    char *argv[64];
    int n = 0;
    snprintf(copies[n], sizeof copies[n], "%s", tu_symnet_bin());
    argv[n] = copies[n];
    n++;
    for (int i = 0; args[i] && n < 63; i++, n++) {
        snprintf(copies[n], sizeof copies[n], "%s", args[i]);
        argv[n] = copies[n];
    }
    argv[n] = NULL;
    char out[512], err[512];
    tu_fmt(out, sizeof out, "%s/%s.out", dir, name);
    tu_fmt(err, sizeof err, "%s/%s.err", dir, name);
    pid_t pid = tu_spawn(argv, out, err);
    return pid < 0 ? -1 : tu_wait(pid);
}

char *tu_captured(const char *dir, const char *name, const char *stream)
{
    char path[512];
    tu_fmt(path, sizeof path, "%s/%s.%s", dir, name, stream);
    char *s = tu_read_file(path, NULL);
    if (!s) {
        s = malloc(1);
        if (s)
            s[0] = '\0';
    }
    return s;
}
