/*
 * main.c - the symnet command line: argument parsing, files, signals, progress and exit codes.
 * The only code in symnet that prints or exits; everything else is the library (symnet.h).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "symnet.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

enum {
    EXIT_SOLVED = 0,     /* a network: proven optimal, or the best found within the limits */
    EXIT_DISAGREE = 1,   /* verify: the solution disagrees with the region */
    EXIT_USAGE = 2,      /* bad command line */
    EXIT_INPUT = 3,      /* invalid region */
    EXIT_INFEASIBLE = 4, /* no network meets every requirement */
    EXIT_IO = 5,         /* a file could not be read or written */
    EXIT_NOSOL = 6,      /* no network found within the limits */
    EXIT_INTERRUPT = 7,  /* interrupted (SIGINT/SIGTERM): best network so far written */
    EXIT_INTERNAL = 70   /* solver failure or a failed self-check: a bug */
};

static const char usage_text[] =
    "usage: symnet COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  solve REGION [--out FILE] [--geojson FILE] [--html FILE] [--csv DIR] [--fair]\n"
    "              [--time-limit S] [--gap G] [--disable NAME]... [--quiet]\n"
    "        find the cost-optimal exchange network; print a summary and write the\n"
    "        solution as JSON to FILE (default: solution.json)\n"
    "  check REGION\n"
    "        validate the region only\n"
    "  verify REGION SOLUTION\n"
    "        recheck a solution file against the region with the independent checker\n"
    "  export REGION (--lp FILE | --mps FILE)\n"
    "        write the exact model in CPLEX LP or free MPS format, for other solvers\n"
    "  screen REGION [--csv FILE] [--html FILE] [--top N] [--keep N] [--quiet]\n"
    "        rank every supplier-to-user match (and hub route) by what it saves on its\n"
    "        own, without solving: the first look at a region (symnet screen --help)\n"
    "  version, help (or COMMAND --help)\n"
    "\n"
    "options:\n"
    "  --out FILE         solution file (a regular file is replaced atomically; a device,\n"
    "                     FIFO or socket is written through; - is standard output)\n"
    "  --geojson FILE     the network as GeoJSON (facilities, hubs, built links)\n"
    "  --html FILE        a self-contained report (map, costs, partners, assumptions)\n"
    "  --csv DIR          links, hubs, facilities, costs and partners as CSV tables\n"
    "  --fair             no facility may pay more than under business as usual; the\n"
    "                     unconstrained optimum is solved too, to state what this costs\n"
    "  --time-limit S     stop the search after S seconds (default: none)\n"
    "  --gap G            stop when the relative gap is at most G (default 0: prove optimality)\n"
    "  --quiet            no progress, summary or warnings (warnings stay in the JSON)\n"
    "  --disable NAME     switch off one of symnet's solver plugins (repeatable); the\n"
    "                     solution's \"solver_stats\" says what each did (docs/model.md 11):\n";

/* After the plugins (listed from the library's table, see print_help). */
static const char usage_exit_text[] =
    "\n"
    "exit status:\n"
    "  0  a network was found (proven optimal, or the best within the limits: see its gap)\n"
    "  2  usage error          3  invalid region (every problem is listed, with its JSON path)\n"
    "  4  infeasible region (proven)    5  a file could not be read or written\n"
    "  6  no network found within the limits, or an infeasibility that could not be\n"
    "     confirmed (a warning says so)\n"
    "  7  interrupted: the best network so far was written\n"
    "  70 internal error (solver failure or a failed self-check)\n"
    "  verify: 0 the solution agrees with the region, 1 it disagrees (each difference is\n"
    "  listed with its JSON path), 3 invalid region or malformed solution file, 5 unreadable\n";

static void print_help(void)
{
    fputs(usage_text, stdout);
    for (int i = 0; sn_plugin_name(i); i++)
        printf("                     %-9s  %s\n", sn_plugin_name(i), sn_plugin_about(i));
    fputs(usage_exit_text, stdout);
}

/* Set by the signal handler, read by the solver's callback. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* --quiet: warnings stay in the solution's "warnings", not on stderr (set once by main). */
static int quiet_warnings;

static void print_diag(const sn_diag *d)
{
    char buf[1200];
    for (int i = 0; !quiet_warnings && i < d->warning_count; i++) {
        sn_error_format(&d->warnings[i], buf, sizeof buf);
        fprintf(stderr, "warning: %s\n", buf);
    }
    for (int i = 0; i < d->count; i++) {
        sn_error_format(&d->errors[i], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    if (d->dropped > 0)
        fprintf(stderr, "%s: %d more error%s not shown (only the first %d are listed)\n",
                d->count > 0 && d->errors[0].file[0] ? d->errors[0].file : "symnet", d->dropped,
                d->dropped == 1 ? "" : "s", d->count);
}

static int exit_for(sn_status st)
{
    switch (st) {
    case SN_OK:
        return EXIT_SOLVED;
    case SN_EINPUT:
        return EXIT_INPUT;
    case SN_EIO:
        return EXIT_IO;
    case SN_EUSAGE:
        return EXIT_USAGE;
    case SN_ENOMEM:
    case SN_ESOLVER:
    case SN_EINTERNAL:
        return EXIT_INTERNAL;
    }
    return EXIT_INTERNAL;
}

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "symnet: %s%s\n(run 'symnet help' for usage)\n", what, arg);
    return EXIT_USAGE;
}

static int parse_number(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi) {
        fprintf(stderr, "symnet: %s: expected a number in [%g, %g], got \"%s\"\n", opt, lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* A bound or gap for the progress line: "-" until one is known. */
static const char *progress_number(char *buf, size_t size, double v, int percent)
{
    if (!isfinite(v) || (percent && v < 0))
        return "-";
    if (percent)
        snprintf(buf, size, "%.3g%%", 100 * v);
    else
        snprintf(buf, size, "%.6g", v);
    return buf;
}

static void on_progress(const sn_progress *p, void *ctx)
{
    (void)ctx;
    char b[40], g[40];
    const char *bound = progress_number(b, sizeof b, p->bound, 0);
    if (p->has_incumbent)
        fprintf(stderr, "  %7.1f s  best %.6g  bound %s  gap %s  nodes %d (%d open)\n",
                p->elapsed_s, p->incumbent, bound, progress_number(g, sizeof g, p->gap, 1),
                p->nodes_done, p->nodes_open);
    else
        fprintf(stderr, "  %7.1f s  no network yet  bound %s  nodes %d (%d open)\n", p->elapsed_s,
                bound, p->nodes_done, p->nodes_open);
}

typedef struct options {
    const char *region;
    const char *solution; /* verify */
    const char *out;
    const char *lp, *mps;
    const char *geojson, *html, *csv;
    double time_limit_s, gap;
    int quiet, fair;
    sn_params params; /* solve: sn_params_init, then --disable */
} options;

static int parse_options(int argc, char **argv, int first, options *o, const char *cmd)
{
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = strcmp(a, "--out") == 0 || strcmp(a, "--time-limit") == 0 ||
                    strcmp(a, "--gap") == 0 || strcmp(a, "--lp") == 0 || strcmp(a, "--mps") == 0 ||
                    strcmp(a, "--geojson") == 0 || strcmp(a, "--html") == 0 ||
                    strcmp(a, "--csv") == 0 || strcmp(a, "--disable") == 0;
        int solve = strcmp(cmd, "solve") == 0;
        if (takes && !next)
            return usage_error("this option needs a value: ", a);
        if (strcmp(a, "--out") == 0 && strcmp(cmd, "solve") == 0)
            o->out = argv[++i];
        else if (strcmp(a, "--time-limit") == 0 && strcmp(cmd, "solve") == 0) {
            if (parse_number(a, argv[++i], 0, 1e7, &o->time_limit_s) != 0)
                return EXIT_USAGE;
        } else if (strcmp(a, "--gap") == 0 && strcmp(cmd, "solve") == 0) {
            if (parse_number(a, argv[++i], 0, 1, &o->gap) != 0)
                return EXIT_USAGE;
        } else if (strcmp(a, "--geojson") == 0 && solve)
            o->geojson = argv[++i];
        else if (strcmp(a, "--html") == 0 && solve)
            o->html = argv[++i];
        else if (strcmp(a, "--csv") == 0 && solve)
            o->csv = argv[++i];
        else if (strcmp(a, "--fair") == 0 && solve)
            o->fair = 1;
        else if (strcmp(a, "--disable") == 0 && solve) {
            sn_diag d;
            sn_diag_init(&d);
            if (sn_params_disable(&o->params, argv[++i], &d) != SN_OK)
                return usage_error("--disable: ", d.count > 0 ? d.errors[0].message : "");
        } else if (strcmp(a, "--lp") == 0 && strcmp(cmd, "export") == 0)
            o->lp = argv[++i];
        else if (strcmp(a, "--mps") == 0 && strcmp(cmd, "export") == 0)
            o->mps = argv[++i];
        else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)
            o->quiet = 1;
        else if (a[0] == '-' && a[1] != '\0')
            return usage_error("unknown option ", a);
        else if (!o->region)
            o->region = a;
        else if (!o->solution && strcmp(cmd, "verify") == 0)
            o->solution = a;
        else
            return usage_error("unexpected argument ", a);
    }
    if (!o->region)
        return usage_error("a region file is needed for ", cmd);
    if (!o->solution && strcmp(cmd, "verify") == 0)
        return usage_error("a solution file is needed for ", cmd);
    return 0;
}

static int load(const char *path, sn_instance **inst)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_instance_load_file(path, inst, &d);
    print_diag(&d);
    return st == SN_OK ? 0 : exit_for(st);
}

typedef sn_status (*report_fn)(const sn_result *r, FILE *f);

/* ---- outputs (shared/STYLE.md 12) ------------------------------------------------------------
 * Every output is produced in memory first, then delivered: a regular file (or a path that does
 * not exist yet) atomically, as TARGET.tmp in the target's directory renamed over TARGET; an
 * existing device, FIFO or socket is written through (never replaced: `--out /dev/null` must
 * leave the device alone); "-" and /dev/stdout go to standard output; a symbolic link is
 * followed and its target replaced; a directory is an error. Paths are checked before the long
 * work starts (out_check). */

typedef enum out_kind { OUT_REGULAR, OUT_THROUGH, OUT_SOCKET, OUT_STDOUT } out_kind;

/* Resolves path into target (size bytes) and its kind; 0, or EXIT_IO with a message. */
static int out_resolve(const char *path, char *target, size_t size, out_kind *kind)
{
    if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0) {
        *kind = OUT_STDOUT;
        snprintf(target, size, "%s", path);
        return 0;
    }
    if ((size_t)snprintf(target, size, "%s", path) >= size) {
        fprintf(stderr, "symnet: cannot write %s: the path is too long\n", path);
        return EXIT_IO;
    }
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(path, NULL);
        if (real) {
            snprintf(target, size, "%s", real);
            free(real);
        } else {
            /* a dangling link: its target will be created where the link points */
            char link[4096];
            ssize_t n = readlink(path, link, sizeof link - 1);
            if (n < 0) {
                fprintf(stderr, "symnet: cannot write %s: %s\n", path, strerror(errno));
                return EXIT_IO;
            }
            link[n] = '\0';
            const char *slash = strrchr(path, '/');
            int w = link[0] == '/' || !slash
                        ? snprintf(target, size, "%s", link)
                        : snprintf(target, size, "%.*s/%s", (int)(slash - path), path, link);
            if (w < 0 || (size_t)w >= size) {
                fprintf(stderr, "symnet: cannot write %s: the path is too long\n", path);
                return EXIT_IO;
            }
        }
    }
    *kind = OUT_REGULAR;
    if (stat(target, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, "symnet: cannot write %s: it is a directory\n", path);
            return EXIT_IO;
        }
        if (S_ISSOCK(st.st_mode))
            *kind = OUT_SOCKET;
        else if (!S_ISREG(st.st_mode))
            *kind = OUT_THROUGH;
    } else if (errno != ENOENT) {
        fprintf(stderr, "symnet: cannot write %s: %s\n", path, strerror(errno));
        return EXIT_IO;
    }
    return 0;
}

/* Before the work: the output can be written (its directory exists and is writable, or it is
 * an existing device, FIFO, socket or standard output). 0 or EXIT_IO with a message. */
static int out_check(const char *path)
{
    char target[4096];
    out_kind kind;
    int rc = out_resolve(path, target, sizeof target, &kind);
    if (rc || kind != OUT_REGULAR)
        return rc;
    char dir[4096];
    const char *slash = strrchr(target, '/');
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", slash == target ? 1 : (int)(slash - target), target);
    else
        snprintf(dir, sizeof dir, ".");
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "symnet: cannot write %s: no directory %s\n", path, dir);
        return EXIT_IO;
    }
    if (access(dir, W_OK) != 0) {
        fprintf(stderr, "symnet: cannot write %s: %s: %s\n", path, dir, strerror(errno));
        return EXIT_IO;
    }
    return 0;
}

static int write_all_fd(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Delivers len bytes of buf to path (see above); 0 or EXIT_IO with a message. */
static int out_deliver(const char *path, const char *buf, size_t len)
{
    char target[4096];
    out_kind kind;
    int rc = out_resolve(path, target, sizeof target, &kind);
    if (rc)
        return rc;
    int fail = 0;
    switch (kind) {
    case OUT_STDOUT:
        fail = fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0;
        break;
    case OUT_SOCKET: {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        struct sockaddr_un sa;
        memset(&sa, 0, sizeof sa);
        sa.sun_family = AF_UNIX;
        fail = fd < 0 || strlen(target) >= sizeof sa.sun_path;
        if (!fail) {
            memcpy(sa.sun_path, target, strlen(target) + 1);
            fail = connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
                   write_all_fd(fd, buf, len) != 0;
        }
        if (fd >= 0 && close(fd) != 0)
            fail = 1;
        break;
    }
    case OUT_THROUGH: {
        FILE *f = fopen(target, "w");
        fail = !f || fwrite(buf, 1, len, f) != len;
        if (f && fclose(f) != 0)
            fail = 1;
        break;
    }
    case OUT_REGULAR: {
        char tmp[4200];
        snprintf(tmp, sizeof tmp, "%s.tmp", target);
        FILE *f = fopen(tmp, "w");
        fail = !f || fwrite(buf, 1, len, f) != len;
        if (f && fclose(f) != 0)
            fail = 1;
        if (!fail && rename(tmp, target) != 0)
            fail = 1;
        if (fail) {
            int e = errno;
            remove(tmp);
            errno = e;
        }
        break;
    }
    }
    if (fail) {
        fprintf(stderr, "symnet: cannot write %s: %s\n", path, strerror(errno ? errno : EIO));
        return EXIT_IO;
    }
    return 0;
}

/* Writes a report to path (out_deliver). The JSON solution (verify) is read back by the
 * independent checker before anything is delivered. */
static int write_report(const char *path, const sn_result *r, report_fn write, int verify)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return EXIT_INTERNAL;
    sn_status st = write(r, f);
    if (fflush(f) != 0 || ferror(f))
        st = SN_EIO;
    if (fclose(f) != 0)
        st = SN_EIO;
    if (st == SN_OK && verify) {
        const sn_instance *in = sn_result_instance(r);
        /* the independent checker reads back what was written (issue 6) */
        sn_diag d;
        sn_diag_init(&d);
        sn_status vs = sn_solution_verify_string(in, buf, len, path, &d);
        if (vs != SN_OK) {
            print_diag(&d);
            fprintf(stderr, "symnet: internal error: the solution for %s %s; nothing was written\n",
                    path,
                    vs == SN_EINTERNAL ? "disagrees with the region (see above)"
                                       : "could not be verified");
            free(buf);
            return EXIT_INTERNAL;
        }
    }
    if (st != SN_OK) {
        fprintf(stderr, "symnet: cannot write %s: %s\n", path, sn_status_name(st));
        free(buf);
        return exit_for(st);
    }
    int rc = out_deliver(path, buf, len);
    free(buf);
    return rc;
}

static sn_status write_csv_table(const sn_result *r, sn_csv_table t, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return SN_EIO;
    sn_status st = sn_report_write_csv(r, t, f);
    if (fflush(f) != 0 || ferror(f))
        st = SN_EIO;
    if (fclose(f) != 0)
        st = SN_EIO;
    return st;
}

/* Writes every CSV table into a fresh directory inside dir (created when missing), then renames
 * each into dir only once all were written: a failure leaves dir's tables as they were. */
static int write_csv_dir(const char *dir, const sn_result *r)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "symnet: cannot create %s: %s\n", dir, strerror(errno));
        return EXIT_IO;
    }
    char tmp[4096], from[4200], to[4200];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s/.symnet-csv-XXXXXX", dir) >= sizeof tmp ||
        !mkdtemp(tmp)) {
        fprintf(stderr, "symnet: cannot write into %s: %s\n", dir, strerror(errno));
        return EXIT_IO;
    }
    sn_status st = SN_OK;
    int err = 0;
    for (int t = 0; t < SN_CSV_COUNT && st == SN_OK; t++) {
        snprintf(from, sizeof from, "%s/%s", tmp, sn_csv_table_file((sn_csv_table)t));
        st = write_csv_table(r, (sn_csv_table)t, from);
        err = errno;
    }
    for (int t = 0; t < SN_CSV_COUNT && st == SN_OK; t++) {
        snprintf(from, sizeof from, "%s/%s", tmp, sn_csv_table_file((sn_csv_table)t));
        snprintf(to, sizeof to, "%s/%s", dir, sn_csv_table_file((sn_csv_table)t));
        if (rename(from, to) != 0) {
            st = SN_EIO;
            err = errno;
        }
    }
    for (int t = 0; t < SN_CSV_COUNT; t++) {
        snprintf(from, sizeof from, "%s/%s", tmp, sn_csv_table_file((sn_csv_table)t));
        remove(from);
    }
    rmdir(tmp);
    if (st != SN_OK) {
        fprintf(stderr, "symnet: cannot write the CSV tables into %s: %s\n", dir,
                st == SN_EIO ? strerror(err) : sn_status_name(st));
        return exit_for(st);
    }
    return 0;
}

/* The extra outputs of solve (--geojson, --html, --csv), each written atomically. */
static int write_outputs(const options *o, const sn_result *r)
{
    int rc = 0;
    if (!rc && o->geojson)
        rc = write_report(o->geojson, r, sn_report_write_geojson, 0);
    if (!rc && o->html)
        rc = write_report(o->html, r, sn_report_write_html, 0);
    if (!rc && o->csv)
        rc = write_csv_dir(o->csv, r);
    return rc;
}

/* Every output of solve can be written (before the solve: issue 13). */
static int check_outputs(const options *o)
{
    const char *files[] = {o->out ? o->out : "solution.json", o->geojson, o->html};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
        if (files[k] && out_check(files[k]) != 0)
            return EXIT_IO;
    if (o->csv) {
        struct stat st;
        if (stat(o->csv, &st) != 0)
            return out_check(o->csv); /* made by the solve: its parent must take it */
        if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, "symnet: cannot write the CSV tables into %s: not a directory\n",
                    o->csv);
            return EXIT_IO;
        }
    }
    return 0;
}

/* sn_params.on_model: the size of what is about to be solved. */
static void on_model(const sn_model *m, void *ctx)
{
    const sn_instance *in = ctx;
    fprintf(stderr,
            "symnet: %s: %d facilities, %d candidate links (%d more never pay); model %d "
            "rows, %d columns (%d binary)\n",
            sn_instance_name(in), sn_instance_facility_count(in), sn_model_links(m),
            sn_model_links_pruned(m), sn_model_rows(m), sn_model_cols(m), sn_model_binaries(m));
}

/* The explanation of an infeasible verdict, from sn_run's elastic results. */
static void explain_infeasible(const sn_result *r)
{
    fprintf(stderr, "symnet: the region is infeasible: no network meets every requirement.\n");
    const sn_result *el = sn_result_explanation(r, 0);
    if (!el) {
        fprintf(stderr, "symnet: could not solve the elastic model that explains it\n");
        return;
    }
    fprintf(stderr, "these requirements cannot all be met:\n");
    if (sn_report_write_infeasibility(el, sn_result_explanation(r, 1), stderr) != SN_OK)
        fprintf(stderr, "symnet: could not explain the infeasibility\n");
}

static int cmd_solve(const options *o)
{
    int rc = check_outputs(o);
    if (rc)
        return rc;
    sn_instance *in = NULL;
    rc = load(o->region, &in);
    if (rc)
        return rc;
    sn_params p = o->params; /* sn_params_init'ed, with --disable applied */
    p.time_limit_s = o->time_limit_s;
    p.mip_gap = o->gap;
    p.progress = o->quiet ? NULL : on_progress;
    p.progress_ctx = in;
    p.on_model = o->quiet ? NULL : on_model;
    p.fair = o->fair;
    p.interrupt = &interrupted;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    sn_diag d;
    sn_diag_init(&d);
    sn_result *r = NULL;
    sn_status st = sn_run(in, &p, &r, &d);
    print_diag(&d);
    if (st != SN_OK) {
        if (st == SN_EINTERNAL)
            fprintf(stderr, "symnet: internal error: the solution failed its self-check; "
                            "nothing was written\n");
        sn_instance_free(in);
        return exit_for(st);
    }
    const sn_solution *s = sn_result_solution(r);
    if (sn_solution_warning(s) && !o->quiet)
        fprintf(stderr, "warning: %s\n", sn_solution_warning(s));
    rc = write_report(o->out ? o->out : "solution.json", r, sn_report_write_json, 1);
    if (rc == 0)
        rc = write_outputs(o, r);
    if (rc == 0 && !o->quiet && sn_report_write_summary(r, stdout) != SN_OK)
        rc = EXIT_IO;
    sn_solution_status ss = sn_solution_status_get(s);
    if (rc == 0) {
        if (ss == SN_SOL_INFEASIBLE) {
            explain_infeasible(r);
            rc = EXIT_INFEASIBLE;
        } else if (ss == SN_SOL_NO_SOLUTION)
            rc = sn_solution_interrupted(s) ? EXIT_INTERRUPT : EXIT_NOSOL;
        else if (ss == SN_SOL_UNBOUNDED)
            rc = EXIT_INTERNAL;
        else if (sn_solution_interrupted(s))
            rc = EXIT_INTERRUPT;
    }
    sn_result_free(r);
    sn_instance_free(in);
    return rc;
}

static int cmd_check(const options *o)
{
    sn_instance *in = NULL;
    int rc = load(o->region, &in);
    if (rc)
        return rc;
    if (!o->quiet)
        printf("%s: valid region \"%s\" with %d facilities\n", o->region, sn_instance_name(in),
               sn_instance_facility_count(in));
    sn_instance_free(in);
    return 0;
}

static int cmd_verify(const options *o)
{
    sn_instance *in = NULL;
    int rc = load(o->region, &in);
    if (rc)
        return rc;
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_solution_verify_file(in, o->solution, &d);
    print_diag(&d);
    sn_instance_free(in);
    if (st == SN_EINTERNAL) {
        fprintf(stderr, "%s: disagrees with %s (%d difference(s))\n", o->solution, o->region,
                d.count + d.dropped);
        return EXIT_DISAGREE;
    }
    if (st == SN_OK && !o->quiet)
        printf("%s: agrees with %s\n", o->solution, o->region);
    return exit_for(st);
}

/* Writes the model in fmt to a private temporary file, then delivers it to path (out_deliver):
 * GLPK writes to a named file only. */
static int export_to(const sn_model *m, sn_model_format fmt, const char *path)
{
    const char *dir = getenv("TMPDIR");
    char tmpl[4096];
    if (!dir || !*dir ||
        (size_t)snprintf(tmpl, sizeof tmpl, "%s/symnet-export-XXXXXX", dir) >= sizeof tmpl)
        snprintf(tmpl, sizeof tmpl, "/tmp/symnet-export-XXXXXX");
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        fprintf(stderr, "symnet: cannot create a temporary file %s: %s\n", tmpl, strerror(errno));
        return EXIT_IO;
    }
    close(fd);
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_model_write(m, fmt, tmpl, &d);
    print_diag(&d);
    int rc = exit_for(st);
    size_t len = 0;
    char *buf = NULL;
    if (st == SN_OK) {
        FILE *f = fopen(tmpl, "rb");
        if (f && fseek(f, 0, SEEK_END) == 0) {
            long n = ftell(f);
            rewind(f);
            buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
            if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n)
                len = (size_t)n;
            else {
                free(buf);
                buf = NULL;
            }
        }
        if (f)
            fclose(f);
        rc = buf ? out_deliver(path, buf, len) : EXIT_IO;
        if (!buf)
            fprintf(stderr, "symnet: cannot read back %s\n", tmpl);
    }
    free(buf);
    remove(tmpl);
    return rc;
}

static int cmd_export(const options *o)
{
    if (!o->lp && !o->mps)
        return usage_error("export needs --lp FILE or --mps FILE", "");
    int rc = (o->lp ? out_check(o->lp) : 0) || (o->mps ? out_check(o->mps) : 0) ? EXIT_IO : 0;
    if (rc)
        return rc;
    sn_instance *in = NULL;
    rc = load(o->region, &in);
    if (rc)
        return rc;
    sn_diag d;
    sn_diag_init(&d);
    sn_model *m = NULL;
    sn_status st = sn_model_build(in, SN_MODEL_NETWORK, &m, &d);
    print_diag(&d);
    rc = exit_for(st);
    if (rc == 0 && o->lp)
        rc = export_to(m, SN_FORMAT_LP, o->lp);
    if (rc == 0 && o->mps)
        rc = export_to(m, SN_FORMAT_MPS, o->mps);
    sn_model_free(m);
    sn_instance_free(in);
    return rc;
}

/* ---- screen (issue 14): every match ranked on its own, nothing solved ----------------------- */

static const char screen_help[] =
    "usage: symnet screen REGION [--csv FILE] [--html FILE] [--top N] [--keep N] [--quiet]\n"
    "\n"
    "Ranks every feasible supplier-to-user match of the region by what it would save per\n"
    "year on its own, without designing or solving the network: the first look an economic\n"
    "development office asks for. A match is a supply of a resource and a demand that\n"
    "accepts it (directly or as a substitute, with its ratio), by the cheapest of the\n"
    "resource's modes within their max_km or an explicit link, or a route through one hub\n"
    "(its smallest capacity option). Its saving is the disposal and purchase it avoids\n"
    "(carbon included) less the link's annualised capital, operating cost and trips, at the\n"
    "best amount it can carry; the break-even amount is what must flow per year to pay the\n"
    "fixed cost. Matches with a must-take supply or a must-serve demand have no stand-alone\n"
    "price: they are flagged and listed after the paying ones. Matches whose quality breaks\n"
    "the demand's limits are left out and counted (docs/outputs.md, \"Screening\").\n"
    "\n"
    "options:\n"
    "  --top N      matches printed and put in the HTML table (default 20; 0: all kept)\n"
    "  --keep N     matches kept in the ranking and the CSV (default 10000): the best N\n"
    "  --csv FILE   every kept match as CSV with a header row (- for standard output)\n"
    "  --html FILE  a self-contained HTML page: the counts and the top N matches\n"
    "  --quiet      print nothing on standard output\n"
    "\n"
    "exit status: 0 done, 2 usage error, 3 invalid region, 5 a file could not be read or\n"
    "written, 70 out of memory\n";

typedef sn_status (*screen_fn)(const sn_screen *sc, size_t top, FILE *f);

static sn_status screen_csv(const sn_screen *sc, size_t top, FILE *f)
{
    (void)top; /* the CSV holds every kept match */
    return sn_report_write_screen_csv(sc, f);
}

/* Writes a screen report to path through out_deliver (atomic for a regular file). */
static int write_screen(const char *path, const sn_screen *sc, size_t top, screen_fn write)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return EXIT_INTERNAL;
    sn_status st = write(sc, top, f);
    if (fflush(f) != 0 || ferror(f))
        st = SN_EIO;
    if (fclose(f) != 0)
        st = SN_EIO;
    int rc = 0;
    if (st != SN_OK) {
        fprintf(stderr, "symnet: cannot write %s: %s\n", path, sn_status_name(st));
        rc = exit_for(st);
    } else
        rc = out_deliver(path, buf, len);
    free(buf);
    return rc;
}

static int parse_count(const char *opt, const char *s, size_t *out)
{
    double v;
    if (parse_number(opt, s, 0, 1e9, &v) != 0)
        return -1;
    if (v != floor(v)) {
        fprintf(stderr, "symnet: %s: expected a whole number, got \"%s\"\n", opt, s);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

static int cmd_screen(int argc, char **argv)
{
    const char *region = NULL, *csv = NULL, *html = NULL;
    size_t top = 20, keep = SN_SCREEN_KEEP;
    int quiet = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        int takes = strcmp(a, "--csv") == 0 || strcmp(a, "--html") == 0 ||
                    strcmp(a, "--top") == 0 || strcmp(a, "--keep") == 0;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(screen_help, stdout);
            return 0;
        }
        if (takes && i + 1 >= argc)
            return usage_error("this option needs a value: ", a);
        if (strcmp(a, "--csv") == 0)
            csv = argv[++i];
        else if (strcmp(a, "--html") == 0)
            html = argv[++i];
        else if (strcmp(a, "--top") == 0) {
            if (parse_count(a, argv[++i], &top) != 0)
                return EXIT_USAGE;
        } else if (strcmp(a, "--keep") == 0) {
            if (parse_count(a, argv[++i], &keep) != 0)
                return EXIT_USAGE;
            if (keep == 0)
                return usage_error("--keep: expected a whole number >= 1, got ", argv[i]);
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)
            quiet = 1;
        else if (a[0] == '-' && a[1] != '\0')
            return usage_error("unknown option ", a);
        else if (!region)
            region = a;
        else
            return usage_error("unexpected argument ", a);
    }
    if (!region)
        return usage_error("a region file is needed for ", "screen");
    quiet_warnings = quiet;
    if ((csv && out_check(csv) != 0) || (html && out_check(html) != 0))
        return EXIT_IO;
    sn_instance *in = NULL;
    int rc = load(region, &in);
    if (rc)
        return rc;
    sn_diag d;
    sn_diag_init(&d);
    sn_screen *sc = NULL;
    sn_status st = sn_screen_build(in, keep, &sc, &d);
    print_diag(&d);
    if (st != SN_OK) {
        fprintf(stderr, "symnet: cannot screen %s: %s\n", region, sn_status_name(st));
        sn_instance_free(in);
        return exit_for(st);
    }
    if (csv)
        rc = write_screen(csv, sc, top, screen_csv);
    if (!rc && html)
        rc = write_screen(html, sc, top, sn_report_write_screen_html);
    if (!rc && !quiet && (sn_report_write_screen_text(sc, top, stdout) != SN_OK || fflush(stdout)))
        rc = EXIT_IO;
    sn_screen_free(sc);
    sn_instance_free(in);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("missing command", "");
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        print_help();
        return 0;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("symnet %s\n", SN_VERSION);
        return 0;
    }
    if (strcmp(cmd, "screen") == 0)
        return cmd_screen(argc, argv);
    options o;
    memset(&o, 0, sizeof o);
    sn_params_init(&o.params);
    if (strcmp(cmd, "solve") != 0 && strcmp(cmd, "check") != 0 && strcmp(cmd, "export") != 0 &&
        strcmp(cmd, "verify") != 0)
        return usage_error("unknown command ", cmd);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_help(); /* every command takes --help */
            return 0;
        }
    int rc = parse_options(argc, argv, 2, &o, cmd);
    if (rc)
        return rc;
    quiet_warnings = o.quiet;
    if (strcmp(cmd, "solve") == 0)
        return cmd_solve(&o);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(&o);
    if (strcmp(cmd, "verify") == 0)
        return cmd_verify(&o);
    return cmd_export(&o);
}
