/*
 * main.c - the symnet command line: argument parsing, files, signals, progress and exit codes.
 * The only code in symnet that prints or exits; everything else is the library (symnet.h).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "pool.h"
#include "rundir.h"
#include "symnet.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
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

/* Options every command that reads a region takes (docs/whatif.md). */
static const char edits_help[] =
    "region overrides (any number, applied in the order given; docs/whatif.md):\n"
    "  --set PATH=VALUE   change one value: region.carbon_price=120,\n"
    "                     facilities[gyproc].demands[gypsum].price=25 (list entries by\n"
    "                     index, id or resource; VALUE is JSON or else text; null removes)\n"
    "  --scenario FILE    apply a JSON Merge Patch (RFC 7386) to the region\n"
    "  --force ID         build this link, hub or corridor (a generated link is named\n"
    "                     FROM/TO/RESOURCE/MODE: see `symnet candidates`)\n"
    "  --forbid ID        never build it\n"
    "  --without FAC      remove a facility with every link and corridor that names it\n"
    "  --ways FILE        the ways (rights of way) of a GeoJSON file of LineStrings\n"
    "                     (properties id, class, trench_capital_per_km; docs/format.md)\n";

static const char solve_opts_help[] =
    "  --out FILE         solution file (default solution.json; a regular file is\n"
    "                     replaced atomically; a device, FIFO or socket is written\n"
    "                     through; - is standard output)\n"
    "  --geojson FILE     the network as GeoJSON (facilities, hubs, built links)\n"
    "  --html FILE        a self-contained report (map, costs, partners, assumptions)\n"
    "  --csv DIR          links, hubs, facilities, costs, partners, corridors, trenches\n"
    "                     and figures (headline figures, money, jobs) as CSV tables\n"
    "  --discount-rate R  also state the net present value at rate R, a fraction such as\n"
    "                     0.035 (repeatable, or a comma list; at most 16)\n"
    "  --partner-reports DIR  one HTML page per facility (partner-ID.html): its own\n"
    "                     exchanges, costs, gains and transfer prices and the region's\n"
    "                     totals, with no other partner's costs, prices or amounts\n"
    "  --fair             no facility may pay more than under business as usual; the\n"
    "                     unconstrained optimum is solved too, to state what this costs\n"
    "  --allocation RULE  (solve) how the savings are split among partners (model.md 13):\n"
    "                     use (default: each keeps what it saves, shared costs by value)\n"
    "                     or shapley (each partner's Shapley value; every coalition is\n"
    "                     solved, with a core check and transfer prices)\n"
    "  --jobs N           (solve) shapley: worker processes for the coalitions\n"
    "                     (default: the number of cores)\n"
    "  --samples N        (solve) shapley: random orders for a part with more than 16\n"
    "                     partners (default 200)\n"
    "  --seed N           (solve) shapley: seed of those orders (default 1)\n";

static const char limits_help[] =
    "  --time-limit S     stop each search after S seconds (default: none)\n"
    "  --gap G            stop when the relative gap is at most G (default 0: prove)\n"
    "  --quiet            no progress, summary or warnings (warnings stay in the JSON)\n"
    "  --disable NAME     switch off one of symnet's solver plugins (repeatable; the\n"
    "                     solution's \"solver_stats\" says what each did, model.md 11):\n";

static const char enable_help[] =
    "  --enable NAME      switch on a plugin that is off by default (repeatable)\n";

static const char compare_help[] =
    "usage: symnet compare A B [--out FILE] [--html FILE] [--quiet]\n"
    "\n"
    "Compares two solution files written by symnet solve: of one region (e.g. solved with\n"
    "and without --fair, or under two time limits), or of a region and a variant of it.\n"
    "Links are matched by (from, to, resource, mode), hubs and corridors by id; each is\n"
    "added (only in B), removed (only in A), resized (another pipe size or hub capacity),\n"
    "flow changed, cost changed or unchanged. Every headline figure (annual cost, business\n"
    "as usual, savings, capital and its items, emissions, each cost category, NPV, IRR,\n"
    "payback, construction job-years, supplies taken and purchases replaced per resource)\n"
    "and every partner's annual cost is given under A and B with the change B - A\n"
    "(docs/outputs.md, \"Comparing two solutions\").\n"
    "\n"
    "options:\n"
    "  --out FILE    the comparison as JSON (symnet-compare/1); - is standard output\n"
    "  --html FILE   one self-contained page: figures, both networks on one map, changes\n"
    "  --quiet       no summary on standard output, no warnings on stderr\n"
    "\n"
    "Outputs are written as solve's are (a regular file atomically). Files of two regions\n"
    "with different names are compared with a warning; files in two currencies are not.\n"
    "\n"
    "exit status: 0 compared; 2 usage error; 3 a malformed solution file (its JSON path is\n"
    "named) or two currencies; 5 a file could not be read or written. Nothing is written\n"
    "unless both files are read.\n";

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

static const char cases_help[] =
    "  --dir DIR          the run directory (default: sweep, sample): its state, every\n"
    "                     case's solution (cases/case-NNNN.json), cases.csv, cases.json\n"
    "                     and chart.svg. Rerunning the same command there skips the\n"
    "                     cases already finished; another run there is refused\n"
    "  --jobs N           worker processes (default: the number of cores); under mpirun,\n"
    "                     the ranks share the cases instead. The table is the same for any N\n"
    "  --shard K/N        solve only the K-th of N equal blocks of cases, into\n"
    "                     DIR/shard-K-of-N (default from SLURM_ARRAY_TASK_ID, _MIN and\n"
    "                     _COUNT); `symnet merge` joins the shards into one table\n"
    "  --warm             start each case from the layout of the nearest finished case\n"
    "                     (the plugin \"start\"); by default every case is solved cold,\n"
    "                     which measured faster (bench/RESULTS.md)\n"
    "  --quiet            no progress or table on the terminal\n"
    "docs/explore.md.\n";

/* One command: its synopsis, what it does, and which option groups it takes. */
typedef struct command_help {
    const char *name;
    const char *synopsis;
    const char *about; /* one line for `symnet help` */
    const char *text;  /* the rest of `symnet CMD --help` */
    int edits, solve_opts, limits;
    const char *full; /* when set, the whole of `symnet CMD --help` instead */
} command_help;

static const command_help COMMANDS[] = {
    {"solve", "solve REGION [OPTIONS]",
     "find the cost-optimal exchange network, print a summary, write the solution",
     "Builds the region's mixed-integer model, solves it with GLPK and writes the solution as\n"
     "JSON (rechecked by the independent checker before it is written), plus the outputs\n"
     "asked for; prints a summary.\n",
     1, 1, 1, NULL},
    {"check", "check REGION [--print] [overrides]", "validate a region (and its overrides)",
     "Reads and validates the region; every problem is listed with its JSON path.\n"
     "  --print            write the effective region (after the overrides) as JSON\n",
     1, 0, 0, NULL},
    {"verify", "verify REGION SOLUTION [overrides]",
     "recheck a solution file against the region with the independent checker",
     "Recomputes every balance, capacity, limit and cost of SOLUTION from the region alone.\n"
     "Give the overrides the solution was solved with (it lists them in \"overrides\").\n",
     1, 0, 0, NULL},
    {"export", "export REGION (--lp FILE | --mps FILE) [overrides]",
     "write the exact model in CPLEX LP or free MPS format, for other solvers",
     "  --lp FILE          CPLEX LP format\n"
     "  --mps FILE         free MPS format\n",
     1, 0, 0, NULL},
    {"candidates", "candidates REGION [--csv FILE] [--out FILE] [overrides]",
     "list every candidate link, hub and corridor with its id and costs",
     "Lists what could be built, without solving: every candidate link offered to the solver\n"
     "and every one left out because it can never pay (with the figures that prove it),\n"
     "every hub and corridor; each with the id --force, --forbid and layouts use, resource,\n"
     "mode, length, route, fixed and per-unit costs and capacity.\n"
     "  --csv FILE         the table as CSV\n"
     "  --out FILE         the table as JSON (symnet-candidates/1)\n"
     "  --quiet            no table on standard output\n",
     1, 0, 0, NULL},
    {"evaluate", "evaluate REGION --layout FILE [--optimum SOL] [OPTIONS]",
     "cost a proposed layout and its distance to the optimum",
     "Builds exactly what the layout names (and what the region forces), nothing else,\n"
     "optimises the flows, and reports the layout's cost, savings, CO2 and partners, and\n"
     "how much more it costs a year than the region's optimum. An infeasible layout is\n"
     "explained: which requirement it fails.\n"
     "  --layout FILE      a solution file, {\"links\": [...], \"hubs\": [...], \"corridors\":\n"
     "                     [...]} of ids or entries, or a list of ids\n"
     "  --optimum SOL      the region's optimum from a solution file (checked against the\n"
     "                     region); default: solved here first\n",
     1, 1, 1, NULL},
    {"values",
     "values REGION [--partners] [--only WHAT] [--jobs N] [--csv FILE] [--out FILE] [OPTIONS]",
     "what each element of the optimal network is worth, and what each candidate lacks",
     "For each built link, hub and corridor: how much the optimum worsens when it is\n"
     "forbidden, and what replaces it. For each candidate not built: exactly how much its\n"
     "annual fixed cost must fall before it enters an optimal network (the optimum with it\n"
     "forced, minus the optimum). Each is one solve.\n"
     "  --partners         also each facility: the network's savings without it, and the\n"
     "                     links stranded if it leaves\n"
     "  --only WHAT        ask only these (comma-separated): built, candidates, partners\n"
     "                     (default built,candidates; a large region has many candidates)\n"
     "  --jobs N           worker processes (default: the number of cores); the table is\n"
     "                     the same for any N\n"
     "  --csv FILE         the table as CSV\n"
     "  --out FILE         the table as JSON (symnet-values/1)\n",
     1, 0, 1, NULL},
    {"compare", "compare A B [--out FILE] [--html FILE] [--quiet]",
     "what solution B adds, removes or changes against A, every figure under both", "", 0, 0, 0,
     compare_help},
    {"screen", "screen REGION [--csv FILE] [--html FILE] [--top N] [--keep N] [overrides]",
     "rank every supplier-to-user match by what it saves on its own, without solving", "", 1, 0, 0,
     screen_help},
    {"pareto",
     "pareto REGION [--points N] [--tolerance X] [--jobs N] [--csv FILE] [--out FILE] [--svg FILE]"
     " [--dir DIR] [OPTIONS]",
     "the cost-CO2 frontier: least cost, least CO2 and the points where the trade-off bends",
     "The epsilon-constraint method (docs/pareto.md): both end points exact (least cost, then\n"
     "least CO2 at that cost; least CO2, then least cost at that CO2), then the least cost\n"
     "under emission caps between neighbouring points, refined only where the frontier bends.\n"
     "Each point with its status, gap and layout, and the cost per t CO2 avoided from the\n"
     "point before. Cases of one depth run in parallel, each started from its neighbour.\n"
     "  --points N         at most N points (default 10, at least 2)\n"
     "  --tolerance X      a point within X times the cost range of the chord between its\n"
     "                     neighbours ends the refinement there (default 0.01)\n"
     "  --jobs N           worker processes (default: the number of cores)\n"
     "  --csv FILE         the frontier as CSV\n"
     "  --out FILE         the frontier as JSON (symnet-pareto/1)\n"
     "  --svg FILE         a chart of cost against CO2\n"
     "  --dir DIR          each point's solution as DIR/point-N.json (solved again from its\n"
     "                     layout; each read back by the checker before it is written)\n",
     1, 0, 1, NULL},
    {"alternatives",
     "alternatives REGION [--slack X] [--count K] [--csv FILE] [--out FILE] [--dir DIR] [OPTIONS]",
     "up to K layouts within a slack of the optimal cost that build different things",
     "Modelling to generate alternatives (docs/pareto.md): each alternative builds the most\n"
     "elements (links, hubs, corridors) that differ from the optimum and the alternatives\n"
     "before it, costs at most (1 + X) times the optimum, and repeats none of them; each is\n"
     "then costed at its least. Says when no further layout exists within the slack.\n"
     "  --slack X          cost allowance over the optimum, a fraction (default 0.05)\n"
     "  --count K          at most K alternatives (default 3, at least 1)\n"
     "  --csv FILE         the alternatives as CSV\n"
     "  --out FILE         the alternatives as JSON (symnet-alternatives/1)\n"
     "  --dir DIR          the optimum's and each alternative's solution as\n"
     "                     DIR/alternative-N.json (0: the optimum), each checked first\n",
     1, 0, 1, NULL},
    {"sweep",
     "sweep REGION --param PATH (--values A,B,... | --range FROM:TO:STEPS) ... [--dir DIR] "
     "[--jobs N] [--shard K/N] [OPTIONS]",
     "solve the region over a range of one or more values: cost, savings, CO2, break points",
     "Solves the region once per value of PATH (an override path, as --set takes it); several\n"
     "--param make a grid of every combination (the last varies fastest). The table gives\n"
     "each case's status, gap, annual cost, savings, capital, CO2 and what was built, and\n"
     "marks the cases where the network changes from the previous one (break points).\n"
     "  --param PATH       the value varied, e.g. region.carbon_price (repeatable)\n"
     "  --values A,B,...   its values (numbers), or\n"
     "  --range F:T:S      S evenly spaced values from F to T, both included\n",
     1, 0, 1, NULL},
    {"sample",
     "sample REGION --param PATH=DIST ... --n N [--seed S] [--dir DIR] [--jobs N] [OPTIONS]",
     "Monte Carlo over uncertain inputs: how often each element is built, quantiles",
     "Solves N cases, each with every PATH drawn from its distribution, reproducibly from the\n"
     "seed (a case's draws depend on the seed and its number only). The table adds how often\n"
     "each link, hub and corridor is built and the quantiles of cost, savings and CO2.\n"
     "  --param PATH=DIST  uniform:A:B, triangular:A:MODE:B, normal:MEAN:SD or\n"
     "                     lognormal:MU:SIGMA (ln X is normal(MU, SIGMA)) (repeatable)\n"
     "  --n N              the number of cases (1 to 100000)\n"
     "  --seed S           the seed (default 1)\n",
     1, 0, 1, NULL},
    {"merge", "merge DIR... [--dir OUT] [--quiet]",
     "join the shard directories of one sweep or sample into one table",
     "Reads the shard directories written with --shard K/N (all N of one run; shards of\n"
     "another run are refused), and writes the run's table, chart and state into OUT\n"
     "(default: the parent directory of the first shard), with every case's solution\n"
     "file copied into OUT/cases.\n",
     0, 0, 0, NULL},
};

#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

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

static void print_limits(void)
{
    fputs(limits_help, stdout);
    for (int i = 0; sn_plugin_name(i); i++)
        printf("                     %-9s  %s%s\n", sn_plugin_name(i), sn_plugin_about(i),
               sn_plugin_default_on(i) ? "" : " (off by default)");
    fputs(enable_help, stdout);
}

/* `symnet help`: every command; `symnet CMD --help`: one. */
static void print_help(const char *cmd)
{
    for (size_t k = 0; cmd && k < N_COMMANDS; k++) {
        const command_help *c = &COMMANDS[k];
        if (strcmp(c->name, cmd) != 0)
            continue;
        if (c->full) {
            fputs(c->full, stdout);
            if (c->edits)
                printf("\n%s", edits_help);
            return;
        }
        printf("usage: symnet %s\n\n%s", c->synopsis, c->text);
        if (c->solve_opts || c->limits)
            printf("\noptions:\n");
        if (c->solve_opts)
            fputs(solve_opts_help, stdout);
        if (c->limits)
            print_limits();
        if (strcmp(c->name, "sweep") == 0 || strcmp(c->name, "sample") == 0) {
            fputs(cases_help, stdout);
            if (snp_pool_mpi_library()[0]) /* this binary shares cases among mpirun's ranks */
                printf("This binary runs under mpirun: built with MPI (%s).\n",
                       snp_pool_mpi_library());
            else
                printf("This binary was built without MPI (no mpicc): --jobs and --shard only.\n");
        }
        if (c->edits)
            printf("\n%s", edits_help);
        fputs(usage_exit_text, stdout);
        return;
    }
    printf("usage: symnet COMMAND [ARGS]   (symnet COMMAND --help explains one)\n\ncommands:\n");
    for (size_t k = 0; k < N_COMMANDS; k++)
        printf("  %-11s %s\n", COMMANDS[k].name, COMMANDS[k].about);
    printf("  %-11s %s\n\noptions of solve and evaluate:\n", "version", "print the version");
    fputs(solve_opts_help, stdout);
    print_limits();
    printf("\n%s", edits_help);
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
        sn_format_number(buf, size, v, 2);
    return buf;
}

static void on_progress(const sn_progress *p, void *ctx)
{
    (void)ctx;
    char b[48], g[48], best[48];
    const char *bound = progress_number(b, sizeof b, p->bound, 0);
    if (p->has_incumbent)
        fprintf(stderr, "  %7.1f s  best %s  bound %s  gap %s  nodes %d (%d open)\n", p->elapsed_s,
                progress_number(best, sizeof best, p->incumbent, 0), bound,
                progress_number(g, sizeof g, p->gap, 1), p->nodes_done, p->nodes_open);
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
    const char *partner_reports;  /* solve: a directory of partner pages */
    const char *layout, *optimum; /* evaluate */
    int partners, jobs;           /* values; jobs also solve --allocation shapley */
    int allocation;               /* sn_allocation_rule */
    size_t samples, seed;         /* --allocation shapley; seed also sample */
    unsigned questions;           /* values: SN_VALUES_ bits (--only, --partners) */
    size_t top, keep;             /* screen */
    const char *svg;              /* pareto */
    const char *dir;  /* pareto, alternatives: each network's solution file; sweep, sample, merge:
                         the run directory */
    double tolerance; /* pareto: --tolerance */
    size_t points;    /* pareto: --points */
    double slack;     /* alternatives: --slack */
    size_t count;     /* alternatives: --count */
    int n_rates;      /* --discount-rate: NPV also at these rates */
    /* sweep, sample: --param (PATH, or PATH=DIST), each with --values or --range (sweep) */
    const char *param[16], *param_values[16];
    int param_range[16], n_params;
    size_t n_cases;        /* sample --n */
    const char *shard;     /* --shard K/N */
    const char *dirs[256]; /* merge: the shard directories */
    int n_dirs;
    double rates[SN_DISCOUNT_RATES_MAX];
    double time_limit_s, gap;
    int quiet, fair, print;
    int warm;         /* sweep, sample: each case starts from its nearest finished neighbour */
    sn_params params; /* solve: sn_params_init, then --disable */
    sn_edits *edits;  /* --set, --scenario, --force, --forbid, --without, in order */
} options;

/* Every option, the commands that take it (bits of COMMANDS, by index: solve 0, check 1,
 * verify 2, export 3, candidates 4, evaluate 5, values 6, compare 7, screen 8, pareto 9,
 * alternatives 10, sweep 11, sample 12, merge 13) and whether it
 * takes a value. One table, so an option given to a command it does not apply to is named as
 * such. */
#define C_SOLVE (1u << 0)
#define C_CHECK (1u << 1)
#define C_VERIFY (1u << 2)
#define C_EXPORT (1u << 3)
#define C_CAND (1u << 4)
#define C_EVAL (1u << 5)
#define C_VALUES (1u << 6)
#define C_COMPARE (1u << 7)
#define C_SCREEN (1u << 8)
#define C_PARETO (1u << 9)
#define C_ALT (1u << 10)
#define C_SWEEP (1u << 11)
#define C_SAMPLE (1u << 12)
#define C_MERGE (1u << 13)
#define C_CASES (C_SWEEP | C_SAMPLE)
#define C_REGION (0x7ffu & ~C_COMPARE) /* every command that reads a region */

/* What an option sets: a file name (OPT_PATH) or flag (OPT_FLAG) member of options, at `at`;
 * an override (OPT_EDIT) of the sn_edit_kind in `at`; the others are read by set_option. */
typedef enum opt_kind {
    OPT_PATH,
    OPT_FLAG,
    OPT_TIME,
    OPT_GAP,
    OPT_DISABLE,
    OPT_ENABLE,
    OPT_JOBS,
    OPT_TOP,
    OPT_KEEP,
    OPT_ONLY,
    OPT_TOLERANCE,
    OPT_POINTS,
    OPT_SLACK,
    OPT_COUNT,
    OPT_PARAM,
    OPT_VALUES,
    OPT_N,
    OPT_RATE,
    OPT_ALLOCATION,
    OPT_SAMPLES,
    OPT_SEED,
    OPT_EDIT
} opt_kind;

#define AT(member) offsetof(options, member)

static const struct {
    const char *name;
    opt_kind kind;
    size_t at;
    unsigned cmds;
} OPTIONS[] = {
    {"--out", OPT_PATH, AT(out),
     C_SOLVE | C_EVAL | C_CAND | C_VALUES | C_COMPARE | C_PARETO | C_ALT},
    {"--svg", OPT_PATH, AT(svg), C_PARETO},
    {"--dir", OPT_PATH, AT(dir), C_PARETO | C_ALT | C_CASES | C_MERGE},
    {"--tolerance", OPT_TOLERANCE, 0, C_PARETO},
    {"--points", OPT_POINTS, 0, C_PARETO},
    {"--slack", OPT_SLACK, 0, C_ALT},
    {"--count", OPT_COUNT, 0, C_ALT},
    {"--geojson", OPT_PATH, AT(geojson), C_SOLVE | C_EVAL},
    {"--html", OPT_PATH, AT(html), C_SOLVE | C_EVAL | C_COMPARE | C_SCREEN},
    {"--csv", OPT_PATH, AT(csv),
     C_SOLVE | C_EVAL | C_CAND | C_VALUES | C_SCREEN | C_PARETO | C_ALT},
    {"--partner-reports", OPT_PATH, AT(partner_reports), C_SOLVE | C_EVAL},
    {"--lp", OPT_PATH, AT(lp), C_EXPORT},
    {"--mps", OPT_PATH, AT(mps), C_EXPORT},
    {"--layout", OPT_PATH, AT(layout), C_EVAL},
    {"--optimum", OPT_PATH, AT(optimum), C_EVAL},
    {"--fair", OPT_FLAG, AT(fair), C_SOLVE | C_EVAL},
    {"--discount-rate", OPT_RATE, 0, C_SOLVE | C_EVAL},
    {"--partners", OPT_FLAG, AT(partners), C_VALUES},
    {"--print", OPT_FLAG, AT(print), C_CHECK},
    {"--quiet", OPT_FLAG, AT(quiet), ~0u},
    {"-q", OPT_FLAG, AT(quiet), ~0u},
    {"--time-limit", OPT_TIME, 0, C_SOLVE | C_EVAL | C_VALUES | C_PARETO | C_ALT | C_CASES},
    {"--gap", OPT_GAP, 0, C_SOLVE | C_EVAL | C_VALUES | C_PARETO | C_ALT | C_CASES},
    {"--disable", OPT_DISABLE, 0, C_SOLVE | C_EVAL | C_VALUES | C_PARETO | C_ALT | C_CASES},
    {"--enable", OPT_ENABLE, 0, C_SOLVE | C_EVAL | C_VALUES | C_PARETO | C_ALT | C_CASES},
    {"--jobs", OPT_JOBS, 0, C_VALUES | C_SOLVE | C_PARETO | C_ALT | C_CASES},
    {"--allocation", OPT_ALLOCATION, 0, C_SOLVE},
    {"--samples", OPT_SAMPLES, 0, C_SOLVE},
    {"--seed", OPT_SEED, 0, C_SOLVE | C_SAMPLE},
    {"--param", OPT_PARAM, 0, C_CASES},
    {"--values", OPT_VALUES, 0, C_SWEEP},
    {"--range", OPT_VALUES, 1, C_SWEEP},
    {"--n", OPT_N, 0, C_SAMPLE},
    {"--shard", OPT_PATH, AT(shard), C_CASES},
    {"--warm", OPT_FLAG, AT(warm), C_CASES},
    {"--only", OPT_ONLY, 0, C_VALUES},
    {"--top", OPT_TOP, 0, C_SCREEN},
    {"--keep", OPT_KEEP, 0, C_SCREEN},
    /* the region overrides (docs/whatif.md): `at` holds the sn_edit_kind */
    {"--set", OPT_EDIT, SN_EDIT_SET, C_REGION},
    {"--scenario", OPT_EDIT, SN_EDIT_SCENARIO, C_REGION},
    {"--force", OPT_EDIT, SN_EDIT_FORCE, C_REGION},
    {"--forbid", OPT_EDIT, SN_EDIT_FORBID, C_REGION},
    {"--without", OPT_EDIT, SN_EDIT_WITHOUT, C_REGION},
    {"--ways", OPT_EDIT, SN_EDIT_WAYS, C_REGION},
};

_Static_assert(N_COMMANDS == 14, "the C_ bits of OPTIONS follow the order of COMMANDS");

/* A whole number in [lo, hi] for option opt; 0, or -1 after a message. */
static int parse_count(const char *opt, const char *s, double lo, double hi, size_t *out)
{
    double v;
    if (parse_number(opt, s, lo, hi, &v) != 0)
        return -1;
    if (v != floor(v)) {
        fprintf(stderr, "symnet: %s: expected a whole number, got \"%s\"\n", opt, s);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

/* Sets option `name` of kind k (member at `at`; value v, NULL for a flag) in o; 0 or an exit
 * status after a message. */
static int set_option(options *o, opt_kind k, size_t at, const char *name, const char *v)
{
    size_t n;
    switch (k) {
    case OPT_PATH:
        memcpy((char *)o + at, &v, sizeof v);
        return 0;
    case OPT_FLAG:
        *(int *)(void *)((char *)o + at) = 1;
        return 0;
    case OPT_TIME:
        return parse_number(name, v, 0, 1e7, &o->time_limit_s) ? EXIT_USAGE : 0;
    case OPT_GAP:
        return parse_number(name, v, 0, 1, &o->gap) ? EXIT_USAGE : 0;
    case OPT_DISABLE: {
        sn_diag d;
        sn_diag_init(&d);
        if (sn_params_disable(&o->params, v, &d) != SN_OK)
            return usage_error("--disable: ", d.count > 0 ? d.errors[0].message : "");
        return 0;
    }
    case OPT_ENABLE: {
        sn_diag d;
        sn_diag_init(&d);
        if (sn_params_enable(&o->params, v, &d) != SN_OK)
            return usage_error("--enable: ", d.count > 0 ? d.errors[0].message : "");
        return 0;
    }
    case OPT_JOBS:
        if (parse_count(name, v, 1, 1024, &n) != 0)
            return EXIT_USAGE;
        o->jobs = (int)n;
        return 0;
    case OPT_TOP:
        return parse_count(name, v, 0, 1e9, &o->top) ? EXIT_USAGE : 0;
    case OPT_ALLOCATION: {
        sn_diag d;
        sn_diag_init(&d);
        sn_allocation_rule rule;
        if (sn_allocation_parse(v, &rule, &d) != SN_OK)
            return usage_error(d.count > 0 ? d.errors[0].message : "--allocation: ", "");
        o->allocation = (int)rule;
        return 0;
    }
    case OPT_SAMPLES:
        return parse_count(name, v, 1, 1e6, &o->samples) ? EXIT_USAGE : 0;
    case OPT_SEED:
        return parse_count(name, v, 0, 9007199254740992.0, &o->seed) ? EXIT_USAGE : 0;
    case OPT_KEEP:
        return parse_count(name, v, 1, 1e9, &o->keep) ? EXIT_USAGE : 0;
    case OPT_RATE: /* R or R1,R2,...: fractions in [0, 1) */
        for (const char *p = v;;) {
            char one[64];
            size_t len = strcspn(p, ",");
            if (len >= sizeof one)
                len = sizeof one - 1;
            memcpy(one, p, len);
            one[len] = '\0';
            double rate;
            if (parse_number(name, one, 0, 0.999999, &rate) != 0)
                return EXIT_USAGE;
            if (o->n_rates >= SN_DISCOUNT_RATES_MAX)
                return usage_error("--discount-rate: at most 16 rates, got more with ", v);
            o->rates[o->n_rates++] = rate;
            p += strcspn(p, ",");
            if (!*p)
                break;
            p++;
        }
        return 0;
    case OPT_ONLY: { /* built,candidates,partners */
        static const char *const words[] = {"built", "candidates", "partners"};
        o->questions = 0;
        for (const char *p = v; *p;) {
            size_t len = strcspn(p, ","), w = 0;
            while (w < 3 && !(strlen(words[w]) == len && strncmp(p, words[w], len) == 0))
                w++;
            if (w == 3)
                return usage_error("--only: expected built, candidates or partners (comma-"
                                   "separated), got ",
                                   v);
            o->questions |= 1u << w;
            p += len + (p[len] == ',');
        }
        if (!o->questions)
            return usage_error("--only: expected built, candidates or partners, got ", v);
        return 0;
    }
    case OPT_TOLERANCE:
        if (parse_number(name, v, 0, 1, &o->tolerance) != 0)
            return EXIT_USAGE;
        return o->tolerance > 0 ? 0 : usage_error("--tolerance: expected a number > 0, got ", v);
    case OPT_POINTS:
        return parse_count(name, v, 2, 1000, &o->points) ? EXIT_USAGE : 0;
    case OPT_SLACK:
        return parse_number(name, v, 0, 10, &o->slack) ? EXIT_USAGE : 0;
    case OPT_COUNT:
        return parse_count(name, v, 1, 1000, &o->count) ? EXIT_USAGE : 0;
    case OPT_PARAM:
        if (o->n_params == 16)
            return usage_error("--param: at most 16 parameters, got more with ", v);
        o->param[o->n_params++] = v;
        return 0;
    case OPT_VALUES:
        if (o->n_params == 0 || o->param_values[o->n_params - 1])
            return usage_error(at ? "--range must follow its --param PATH: "
                                  : "--values must "
                                    "follow its --param PATH: ",
                               v);
        o->param_values[o->n_params - 1] = v;
        o->param_range[o->n_params - 1] = (int)at;
        return 0;
    case OPT_N:
        return parse_count(name, v, 1, SN_CASES_MAX, &o->n_cases) ? EXIT_USAGE : 0;
    case OPT_EDIT:
        if (sn_edits_add(o->edits, (sn_edit_kind)at, v) != SN_OK) {
            fprintf(stderr, "symnet: out of memory\n");
            return EXIT_INTERNAL;
        }
        return 0;
    }
    return 0;
}

/* The command line after the command (cmd is COMMANDS[k]): options from the table, then the
 * positional files (two for verify and compare, one otherwise). */
static int parse_options(int argc, char **argv, int first, options *o, const char *cmd, int k)
{
    int two = strcmp(cmd, "verify") == 0 || strcmp(cmd, "compare") == 0;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        size_t j = 0, n = sizeof OPTIONS / sizeof OPTIONS[0];
        while (j < n && strcmp(OPTIONS[j].name, a) != 0)
            j++;
        if (j < n) {
            if (!((OPTIONS[j].cmds >> k) & 1u)) {
                fprintf(stderr, "symnet: %s does not apply to %s\n(run 'symnet %s --help')\n", a,
                        cmd, cmd);
                return EXIT_USAGE;
            }
            int takes = OPTIONS[j].kind != OPT_FLAG;
            if (takes && i + 1 >= argc)
                return usage_error("this option needs a value: ", a);
            int rc = set_option(o, OPTIONS[j].kind, OPTIONS[j].at, a, takes ? argv[++i] : NULL);
            if (rc)
                return rc;
        } else if (a[0] == '-' && a[1] != '\0')
            return usage_error("unknown option ", a);
        else if (strcmp(cmd, "merge") == 0) {
            if (o->n_dirs == 256)
                return usage_error("merge: at most 256 shard directories, got more with ", a);
            o->dirs[o->n_dirs++] = a;
            o->region = o->dirs[0];
        } else if (!o->region)
            o->region = a;
        else if (!o->solution && two)
            o->solution = a;
        else
            return usage_error("unexpected argument ", a);
    }
    if (strcmp(cmd, "compare") == 0 && !o->solution)
        return usage_error("compare needs two solution files: symnet compare A B", "");
    if (strcmp(cmd, "merge") == 0 && !o->n_dirs)
        return usage_error("merge needs the shard directories: symnet merge DIR...", "");
    if (!o->region)
        return usage_error("a region file is needed for ", cmd);
    if (!o->solution && two)
        return usage_error("a solution file is needed for ", cmd);
    return 0;
}

/* Reads the region with the command's overrides; says what each --without removed. With
 * effective, the changed region as JSON (free with sn_free). */
static int load_region(const options *o, sn_instance **inst, char **effective)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_instance_load_file_edited(o->region, o->edits, inst, effective, &d);
    print_diag(&d);
    if (st != SN_OK)
        return exit_for(st);
    for (int i = 0; !o->quiet && i < sn_instance_edit_count(*inst); i++)
        if (sn_instance_edit_effect(*inst, i)[0])
            fprintf(stderr, "symnet: %s: %s\n", sn_instance_edit(*inst, i),
                    sn_instance_edit_effect(*inst, i));
    return 0;
}

static int load(const options *o, sn_instance **inst)
{
    return load_region(o, inst, NULL);
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

/* Makes an output in memory with emit(job, f) and delivers it to path (out_deliver); with
 * verify_in, the independent checker first reads it back as a solution of that region. Every
 * command writes its files through here. */
typedef sn_status (*emit_fn)(const void *job, FILE *f);

static int write_output(const char *path, emit_fn emit, const void *job,
                        const sn_instance *verify_in)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return EXIT_INTERNAL;
    sn_status st = emit(job, f);
    if (fflush(f) != 0 || ferror(f))
        st = SN_EIO;
    if (fclose(f) != 0)
        st = SN_EIO;
    if (st == SN_OK && verify_in) {
        /* the independent checker reads back what was written (issue 6) */
        sn_diag d;
        sn_diag_init(&d);
        sn_status vs = sn_solution_verify_string(verify_in, buf, len, path, &d);
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

/* A report of a result (json, geojson, html, ...). */
typedef struct report_job {
    const sn_result *r;
    report_fn write;
} report_job;

static sn_status emit_report(const void *job, FILE *f)
{
    const report_job *j = job;
    return j->write(j->r, f);
}

/* Writes a report to path; the JSON solution (verify) is checked before it is delivered. */
static int write_report(const char *path, const sn_result *r, report_fn write, int verify)
{
    report_job j = {r, write};
    return write_output(path, emit_report, &j, verify ? sn_result_instance(r) : NULL);
}

/* A set of files written into one directory as a whole: file i is named by name(i) and made by
 * emit(i, f). */
typedef struct file_set {
    int n;
    const char *what; /* "the CSV tables", "the partner pages" */
    const char *(*name)(const void *ctx, int i, char *buf, size_t size);
    sn_status (*emit)(const void *ctx, int i, FILE *f);
    const void *ctx;
} file_set;

static sn_status write_set_file(const file_set *set, int i, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return SN_EIO;
    sn_status st = set->emit(set->ctx, i, f);
    if (fflush(f) != 0 || ferror(f))
        st = SN_EIO;
    if (fclose(f) != 0)
        st = SN_EIO;
    return st;
}

/* Writes every file of set into a fresh directory inside dir (created when missing), then
 * renames each into dir only once all were written: a failure leaves dir's files as they were. */
static int write_file_set(const char *dir, const file_set *set)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "symnet: cannot create %s: %s\n", dir, strerror(errno));
        return EXIT_IO;
    }
    char tmp[4096], from[4400], to[4400], name[256];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s/.symnet-out-XXXXXX", dir) >= sizeof tmp ||
        !mkdtemp(tmp)) {
        fprintf(stderr, "symnet: cannot write into %s: %s\n", dir, strerror(errno));
        return EXIT_IO;
    }
    sn_status st = SN_OK;
    int err = 0;
    for (int t = 0; t < set->n && st == SN_OK; t++) {
        snprintf(from, sizeof from, "%s/%s", tmp, set->name(set->ctx, t, name, sizeof name));
        st = write_set_file(set, t, from);
        err = errno;
    }
    for (int t = 0; t < set->n && st == SN_OK; t++) {
        set->name(set->ctx, t, name, sizeof name);
        snprintf(from, sizeof from, "%s/%s", tmp, name);
        snprintf(to, sizeof to, "%s/%s", dir, name);
        if (rename(from, to) != 0) {
            st = SN_EIO;
            err = errno;
        }
    }
    for (int t = 0; t < set->n; t++) {
        snprintf(from, sizeof from, "%s/%s", tmp, set->name(set->ctx, t, name, sizeof name));
        remove(from);
    }
    rmdir(tmp);
    if (st != SN_OK) {
        fprintf(stderr, "symnet: cannot write %s into %s: %s\n", set->what, dir,
                st == SN_EIO ? strerror(err) : sn_status_name(st));
        return exit_for(st);
    }
    return 0;
}

static const char *csv_name(const void *ctx, int i, char *buf, size_t size)
{
    (void)ctx;
    snprintf(buf, size, "%s", sn_csv_table_file((sn_csv_table)i));
    return buf;
}

static sn_status csv_emit(const void *ctx, int i, FILE *f)
{
    return sn_report_write_csv(ctx, (sn_csv_table)i, f);
}

/* Every CSV table into dir (write_file_set). */
static int write_csv_dir(const char *dir, const sn_result *r)
{
    file_set set = {SN_CSV_COUNT, "the CSV tables", csv_name, csv_emit, r};
    return write_file_set(dir, &set);
}

/* partner-ID.html: facility ids hold no '/' (docs/format.md). */
static const char *partner_name(const void *ctx, int i, char *buf, size_t size)
{
    const sn_result *r = ctx;
    snprintf(buf, size, "partner-%s.html", sn_instance_facility_id(sn_result_instance(r), i));
    return buf;
}

static sn_status partner_emit(const void *ctx, int i, FILE *f)
{
    return sn_report_write_partner_html(ctx, i, f);
}

/* Every facility's own page into dir (write_file_set). */
static int write_partner_dir(const char *dir, const sn_result *r)
{
    file_set set = {sn_instance_facility_count(sn_result_instance(r)), "the partner pages",
                    partner_name, partner_emit, r};
    return write_file_set(dir, &set);
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
    if (!rc && o->partner_reports)
        rc = write_partner_dir(o->partner_reports, r);
    return rc;
}

/* Every output of solve can be written (before the solve: issue 13). */
static int check_outputs(const options *o)
{
    const char *files[] = {o->out ? o->out : "solution.json", o->geojson, o->html};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
        if (files[k] && out_check(files[k]) != 0)
            return EXIT_IO;
    const char *dirs[] = {o->csv, o->partner_reports};
    const char *what[] = {"the CSV tables", "the partner pages"};
    for (size_t k = 0; k < 2; k++) {
        if (!dirs[k])
            continue;
        struct stat st;
        if (stat(dirs[k], &st) != 0) {
            if (out_check(dirs[k]) != 0) /* made by the solve: its parent must take it */
                return EXIT_IO;
        } else if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, "symnet: cannot write %s into %s: not a directory\n", what[k], dirs[k]);
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
static void explain_infeasible(const sn_result *r, int layout)
{
    fprintf(stderr, "symnet: the %s is infeasible: no network meets every requirement.\n",
            layout ? "layout" : "region");
    const sn_result *el = sn_result_explanation(r, 0);
    if (!el) {
        fprintf(stderr, "symnet: could not solve the elastic model that explains it\n");
        return;
    }
    fprintf(stderr, "these requirements cannot all be met:\n");
    if (sn_report_write_infeasibility(el, sn_result_explanation(r, 1), stderr) != SN_OK)
        fprintf(stderr, "symnet: could not explain the infeasibility\n");
}

/* The optimum a layout is measured against (evaluate), or none (solve). */
typedef struct optimum {
    double objective; /* NAN: none */
    int proven;
    const char *from; /* "solved" or a solution file */
} optimum;

/* ---- --allocation shapley: every coalition one sn_run, through the worker pool ------------ */

/* What a coalition worker needs: the options and the game. */
typedef struct game_job {
    const options *o;
    sn_game *g;
} game_job;

/* Solves coalition i (the region without the facilities it leaves out) into *line: "status
 * savings". 0, or an exit status after a message. */
static int coalition_one(int i, char **line, void *ctx)
{
    const game_job *job = ctx;
    const options *o = job->o;
    int n = 0, n0 = sn_edits_count(o->edits);
    const char *const *out = sn_game_without(job->g, i, &n);
    for (int k = 0; k < n; k++)
        if (sn_edits_add(o->edits, SN_EDIT_WITHOUT, out[k]) != SN_OK)
            return EXIT_INTERNAL;
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_result *r = NULL;
    sn_status st = sn_instance_load_file_edited(o->region, o->edits, &in, NULL, &d);
    sn_edits_truncate(o->edits, n0);
    sn_params p = o->params;
    p.time_limit_s = o->time_limit_s;
    p.mip_gap = o->gap;
    p.interrupt = &interrupted;
    p.start = sn_game_start(job->g, &p.n_start); /* the region's optimum: what survives */
    if (st == SN_OK)
        st = sn_run(in, &p, &r, &d);
    int status = -1;
    double savings = NAN;
    if (st == SN_OK)
        st = sn_game_answer(r, &status, &savings);
    if (st != SN_OK) {
        print_diag(&d);
        fprintf(stderr, "symnet: shapley: coalition %d failed: %s\n", i + 1, sn_status_name(st));
    }
    *line = malloc(64);
    if (*line)
        snprintf(*line, 64, "%d %.17g", status, savings);
    sn_result_free(r);
    sn_instance_free(in);
    if (!*line)
        return EXIT_INTERNAL;
    return st == SN_OK ? 0 : exit_for(st);
}

/* Records coalition i's answer line; 0, or -1 when malformed. */
static int coalition_take(int i, const char *line, void *ctx)
{
    const game_job *job = ctx;
    int status;
    char v[64];
    if (sscanf(line, "%d %63s", &status, v) != 2)
        return -1;
    return sn_game_record(job->g, i, status, strtod(v, NULL)) == SN_OK ? 0 : -1;
}

/* Solves every coalition of r's game in worker processes and sets r's allocation to the
 * Shapley values; 0 or an exit status after a message. */
static int allocate_shapley(const options *o, sn_result *r)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_game *g = NULL;
    sn_status st =
        sn_game_plan(r, o->samples ? (int)o->samples : 200, (unsigned long)o->seed, &g, &d);
    print_diag(&d);
    if (st != SN_OK)
        return exit_for(st);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = o->jobs > 0 ? o->jobs : cores > 0 ? (int)cores : 1;
    if (jobs > sn_game_count(g))
        jobs = sn_game_count(g);
    if (!o->quiet)
        fprintf(stderr, "symnet: shapley: %d partners, %d coalitions to solve, in %d worker%s\n",
                sn_game_players(g), sn_game_count(g), jobs, jobs == 1 ? "" : "s");
    game_job job = {o, g};
    snp_pool pool = {.n = sn_game_count(g),
                     .jobs = jobs,
                     .run = coalition_one,
                     .take = coalition_take,
                     .ctx = &job,
                     .interrupt = &interrupted};
    int rc = snp_pool_run(&pool);
    if (rc == 0 && interrupted)
        rc = EXIT_INTERRUPT;
    if (rc == 0) {
        sn_diag_init(&d);
        st = sn_result_allocate(r, g, &d);
        print_diag(&d);
        rc = exit_for(st);
    }
    sn_game_free(g);
    return rc;
}

/* Solves a loaded region (freed here) and writes every output of solve; ref: evaluate's
 * optimum, or NULL. */
static int solve_loaded(const options *o, sn_instance *in, const optimum *ref)
{
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
    if (ref && isfinite(ref->objective))
        sn_result_set_optimum(r, ref->objective, ref->proven, ref->from);
    if (sn_result_set_discount_rates(r, o->rates, o->n_rates) != SN_OK) {
        /* each rate was checked when the option was read */
        fprintf(stderr, "symnet: internal error: --discount-rate rejected\n");
        sn_result_free(r);
        sn_instance_free(in);
        return EXIT_INTERNAL;
    }
    const sn_solution *s = sn_result_solution(r);
    if (o->allocation == SN_ALLOCATION_SHAPLEY && isfinite(sn_result_objective(r))) {
        int rc = allocate_shapley(o, r);
        if (rc == EXIT_INTERRUPT) {
            fprintf(stderr, "symnet: shapley: interrupted before every coalition was solved; "
                            "the outputs give the use rule's split\n");
        } else if (rc) {
            sn_result_free(r);
            sn_instance_free(in);
            return rc;
        }
    }
    if (sn_solution_warning(s) && !o->quiet)
        fprintf(stderr, "warning: %s\n", sn_solution_warning(s));
    int rc = write_report(o->out ? o->out : "solution.json", r, sn_report_write_json, 1);
    if (rc == 0)
        rc = write_outputs(o, r);
    if (rc == 0 && !o->quiet && sn_report_write_summary(r, stdout) != SN_OK)
        rc = EXIT_IO;
    sn_solution_status ss = sn_solution_status_get(s);
    if (rc == 0) {
        if (ss == SN_SOL_INFEASIBLE) {
            explain_infeasible(r, ref != NULL);
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

static int cmd_solve(const options *o)
{
    int rc = check_outputs(o);
    if (rc)
        return rc;
    sn_instance *in = NULL;
    rc = load(o, &in);
    if (rc)
        return rc;
    return solve_loaded(o, in, NULL);
}

/* evaluate: the region's optimum, from --optimum SOL (checked against the region first) or
 * solved here without progress. */
static int find_optimum(const options *o, const sn_instance *in, optimum *ref)
{
    sn_diag d;
    sn_diag_init(&d);
    ref->objective = NAN;
    if (o->optimum) {
        sn_status st = sn_solution_verify_file(in, o->optimum, &d);
        if (st == SN_OK)
            st = sn_solution_file_objective(o->optimum, &ref->objective, &ref->proven, &d);
        print_diag(&d);
        if (st == SN_EINTERNAL)
            fprintf(stderr, "symnet: --optimum %s is not a solution of %s (see above)\n",
                    o->optimum, o->region);
        ref->from = o->optimum;
        return st == SN_OK ? 0 : st == SN_EINTERNAL ? EXIT_INPUT : exit_for(st);
    }
    if (!o->quiet)
        fprintf(stderr, "symnet: solving the region's optimum first\n");
    sn_params p = o->params;
    p.time_limit_s = o->time_limit_s;
    p.mip_gap = o->gap;
    p.interrupt = &interrupted;
    sn_result *r = NULL;
    sn_status st = sn_run(in, &p, &r, &d);
    print_diag(&d);
    if (st != SN_OK)
        return exit_for(st);
    sn_solution_status ss = sn_solution_status_get(sn_result_solution(r));
    ref->objective = sn_result_objective(r);
    ref->proven = ss == SN_SOL_OPTIMAL;
    ref->from = "solved";
    if (ss == SN_SOL_INFEASIBLE && !o->quiet)
        fprintf(stderr, "symnet: the region itself is infeasible, so is every layout\n");
    sn_result_free(r);
    return 0;
}

static int cmd_evaluate(options *o)
{
    if (!o->layout)
        return usage_error("evaluate needs --layout FILE", "");
    int rc = check_outputs(o);
    if (rc)
        return rc;
    /* the region with the layout first: a bad layout is reported before any solve */
    int n0 = sn_edits_count(o->edits);
    if (sn_edits_add(o->edits, SN_EDIT_LAYOUT, o->layout) != SN_OK) {
        fprintf(stderr, "symnet: out of memory\n");
        return EXIT_INTERNAL;
    }
    sn_instance *layout = NULL, *in = NULL;
    rc = load(o, &layout);
    if (rc)
        return rc;
    sn_edits_truncate(o->edits, n0);
    rc = load(o, &in);
    optimum ref;
    if (rc == 0)
        rc = find_optimum(o, in, &ref);
    sn_instance_free(in);
    if (rc) {
        sn_instance_free(layout);
        return rc;
    }
    return solve_loaded(o, layout, &ref);
}

static int write_tables(const options *o, const sn_values *v, const sn_candidates *c);

/* What a values worker needs: the options and the questions. */
typedef struct values_job {
    const options *o;
    sn_values *v;
} values_job;

/* Answers question i of the job's values (the region with one more override, solved by
 * sn_run) into *line: "status objective bau changes". 0, or an exit status after a message. */
static int answer_one(int i, char **line, void *ctx)
{
    const values_job *job = ctx;
    const options *o = job->o;
    const sn_values *v = job->v;
    const char *arg;
    sn_edit_kind kind = sn_values_question(v, i, &arg);
    int n0 = sn_edits_count(o->edits);
    if (sn_edits_add(o->edits, kind, arg) != SN_OK)
        return EXIT_INTERNAL;
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_result *r = NULL;
    sn_status st = sn_instance_load_file_edited(o->region, o->edits, &in, NULL, &d);
    sn_edits_truncate(o->edits, n0);
    sn_params p = o->params;
    p.time_limit_s = o->time_limit_s;
    p.mip_gap = o->gap;
    p.interrupt = &interrupted;
    p.start = sn_values_start(v, &p.n_start); /* the optimum, as incumbent to start from */
    if (st == SN_OK)
        st = sn_run(in, &p, &r, &d);
    int status = -1;
    double obj = NAN, bau = NAN;
    char changes[2048] = "";
    if (st == SN_OK)
        st = sn_values_answer(v, i, r, &status, &obj, &bau, changes, sizeof changes);
    if (st != SN_OK) {
        print_diag(&d);
        fprintf(stderr, "symnet: values: question %d (%s) failed: %s\n", i + 1, arg,
                sn_status_name(st));
    }
    size_t size = strlen(changes) + 96;
    *line = malloc(size);
    if (*line)
        snprintf(*line, size, "%d %.17g %.17g %s", status, obj, bau, changes);
    if (!o->quiet)
        fprintf(stderr, "  question %d of %d answered\n", i + 1, sn_values_count(v));
    sn_result_free(r);
    sn_instance_free(in);
    if (!*line)
        return EXIT_INTERNAL;
    return st == SN_OK ? 0 : exit_for(st);
}

/* Records question i's answer line of answer_one; 0, or -1 when malformed. */
static int record_line(int i, const char *line, void *ctx)
{
    const values_job *job = ctx;
    int status, used = 0;
    char obj[64], bau[64];
    if (sscanf(line, "%d %63s %63s %n", &status, obj, bau, &used) < 3)
        return -1;
    return sn_values_record(job->v, i, status, strtod(obj, NULL), strtod(bau, NULL), line + used) ==
                   SN_OK
               ? 0
               : -1;
}

/* Answers every question of v in `jobs` worker processes (src/cli/pool.c); the table does not
 * depend on jobs. */
static int answer_all(const options *o, sn_values *v, int jobs)
{
    values_job job = {o, v};
    snp_pool pool = {.n = sn_values_count(v),
                     .jobs = jobs,
                     .run = answer_one,
                     .take = record_line,
                     .ctx = &job,
                     .interrupt = &interrupted};
    return snp_pool_run(&pool);
}

static int cmd_values(options *o)
{
    const char *files[] = {o->csv, o->out};
    for (size_t k = 0; k < 2; k++)
        if (files[k] && out_check(files[k]) != 0)
            return EXIT_IO;
    sn_instance *in = NULL;
    int rc = load(o, &in);
    if (rc)
        return rc;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sn_params p = o->params;
    p.time_limit_s = o->time_limit_s;
    p.mip_gap = o->gap;
    p.interrupt = &interrupted;
    sn_diag d;
    sn_diag_init(&d);
    sn_result *r = NULL;
    sn_values *v = NULL;
    sn_status st = sn_run(in, &p, &r, &d);
    if (st == SN_OK && !isfinite(sn_result_objective(r))) {
        print_diag(&d);
        fprintf(stderr, "symnet: values: the region has no network to value (%s)\n",
                sn_solution_status_name(sn_solution_status_get(sn_result_solution(r))));
        sn_result_free(r);
        sn_instance_free(in);
        return EXIT_INFEASIBLE;
    }
    if (st == SN_OK)
        st = sn_values_plan(r, o->questions, &v, &d);
    print_diag(&d);
    rc = exit_for(st);
    if (rc == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        int jobs = o->jobs > 0 ? o->jobs : cores > 0 ? (int)cores : 1;
        if (jobs > sn_values_count(v))
            jobs = sn_values_count(v);
        if (!o->quiet)
            fprintf(stderr, "symnet: values: %d questions, each one solve, in %d worker%s\n",
                    sn_values_count(v), jobs, jobs == 1 ? "" : "s");
        rc = answer_all(o, v, jobs);
        if (interrupted && rc == 0)
            rc = EXIT_INTERRUPT;
    }
    if (rc == 0)
        rc = write_tables(o, v, NULL);
    sn_values_free(v);
    sn_result_free(r);
    sn_instance_free(in);
    return rc;
}

/* A table of values (v) or candidates (c) in one format. */
typedef struct table_job {
    const sn_values *v;
    const sn_candidates *c;
    sn_table_format fmt;
} table_job;

static sn_status emit_table(const void *job, FILE *f)
{
    const table_job *j = job;
    return j->v ? sn_report_write_values(j->v, j->fmt, f)
                : sn_report_write_candidates(j->c, j->fmt, f);
}

/* Writes a values (v) or candidates (c) table in fmt to path. */
static int write_table(const char *path, const sn_values *v, const sn_candidates *c,
                       sn_table_format fmt)
{
    table_job j = {v, c, fmt};
    return write_output(path, emit_table, &j, NULL);
}

/* The tables of values (v) or candidates (c): --csv and --out files, then the table for
 * people on standard output unless --quiet. */
static int write_tables(const options *o, const sn_values *v, const sn_candidates *c)
{
    const struct {
        const char *path;
        sn_table_format fmt;
    } outs[] = {{o->csv, SN_TABLE_CSV}, {o->out, SN_TABLE_JSON}};
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < 2; k++)
        if (outs[k].path)
            rc = write_table(outs[k].path, v, c, outs[k].fmt);
    if (rc == 0 && !o->quiet &&
        (v ? sn_report_write_values(v, SN_TABLE_TEXT, stdout)
           : sn_report_write_candidates(c, SN_TABLE_TEXT, stdout)) != SN_OK)
        rc = EXIT_IO;
    return rc;
}

/* ---- pareto and alternatives (docs/pareto.md) ---------------------------------------------
 * Every case is the region with a few more overrides (region.objective, co2_cap_t_per_yr,
 * cost_cap, exclude_layouts, --forbid) solved by sn_run, in the worker pool; the library's
 * sn_frontier and sn_alternatives decide which cases come next. */

/* A tolerance added to a cap taken from a solve, so that the network found meets it again:
 * relative 1e-7 (GLPK's feasibility tolerance), at least 1e-7. */
static double cap_above(double v)
{
    return v + 1e-7 * fmax(1, fabs(v));
}

/* One case and, once answered, its answer. */
typedef struct xcase {
    const char *objective; /* "cost", "co2" or "differ" */
    double co2_cap;        /* NAN: the region's own */
    double cost_cap;       /* NAN: none */
    const char *exclude;   /* region.exclude_layouts as JSON, or NULL */
    const char *forbid;    /* element names to forbid, space-separated, or NULL */
    const char *start;     /* element names to start from, space-separated, or NULL */
    const char *save;      /* write the solution here (checked first), or NULL */
    /* the answer */
    int status; /* sn_solution_status, -1 when the case failed */
    double objective_value, cost, co2, capital, gap;
    char *layout, *unbuilt; /* sn_result_layout built 1 and 0 (malloc) */
} xcase;

struct xlog;

typedef struct xjob {
    const options *o;
    const char *cmd;
    xcase *cases;
    int n;
    struct xlog *log; /* the run's state, or NULL */
    int base;         /* the number of cases[0] in the run */
} xjob;

/* Adds one override printed from fmt; 0 or -1 without memory. */
static int add_edit(sn_edits *e, sn_edit_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int add_edit(sn_edits *e, sn_edit_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (!s)
        return -1;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int rc = sn_edits_add(e, kind, s) == SN_OK ? 0 : -1;
    free(s);
    return rc;
}

/* Splits a copy of space-separated names into *names (pointers into *buf); returns how many. */
static int split_names(const char *s, char **buf, const char ***names)
{
    *buf = strdup(s ? s : "");
    size_t n = 1;
    for (const char *p = s ? s : ""; *p; p++)
        n += *p == ' ';
    *names = calloc(n + 1, sizeof **names);
    if (!*buf || !*names)
        return -1;
    int k = 0;
    for (char *tok = strtok(*buf, " "); tok; tok = strtok(NULL, " "))
        (*names)[k++] = tok;
    return k;
}

/* Solves case i in this process (a worker) into *line: "status objective cost co2 capital gap"
 * then a tab, the layout, a tab and the elements not built. */
static int run_xcase(int i, char **line, void *ctx)
{
    const xjob *job = ctx;
    const options *o = job->o;
    const xcase *c = &job->cases[i];
    int n0 = sn_edits_count(o->edits), bad = 0;
    bad |= add_edit(o->edits, SN_EDIT_SET, "region.objective=%s", c->objective);
    if (!isnan(c->co2_cap))
        bad |= add_edit(o->edits, SN_EDIT_SET, "region.co2_cap_t_per_yr=%.17g", c->co2_cap);
    if (!isnan(c->cost_cap))
        bad |= add_edit(o->edits, SN_EDIT_SET, "region.cost_cap=%.17g", c->cost_cap);
    if (c->exclude)
        bad |= add_edit(o->edits, SN_EDIT_SET, "region.exclude_layouts=%s", c->exclude);
    char *fbuf = NULL, *sbuf = NULL;
    const char **fnames = NULL, **snames = NULL;
    int nf = split_names(c->forbid, &fbuf, &fnames);
    int ns = split_names(c->start, &sbuf, &snames);
    bad |= nf < 0 || ns < 0;
    for (int k = 0; !bad && k < nf; k++)
        bad |= add_edit(o->edits, SN_EDIT_FORBID, "%s", strchr(fnames[k], ':') + 1);
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_result *r = NULL;
    sn_status st =
        bad ? SN_ENOMEM : sn_instance_load_file_edited(o->region, o->edits, &in, NULL, &d);
    sn_edits_truncate(o->edits, n0);
    sn_params p = o->params;
    p.time_limit_s = o->time_limit_s;
    p.mip_gap = o->gap;
    p.interrupt = &interrupted;
    p.start = snames;
    p.n_start = ns > 0 ? ns : 0;
    if (st == SN_OK)
        st = sn_run(in, &p, &r, &d);
    char *layout = NULL, *unbuilt = NULL;
    if (st == SN_OK)
        st = sn_result_layout(r, 1, &layout);
    if (st == SN_OK)
        st = sn_result_layout(r, 0, &unbuilt);
    int status = -1, saved = 0;
    double obj = NAN, gap = NAN;
    if (st == SN_OK) {
        const sn_solution *s = sn_result_solution(r);
        /* a solve stopped by an interrupt is no answer to record (-2): it is asked again */
        status = sn_solution_interrupted(s) ? -2 : (int)sn_solution_status_get(s);
        obj = sn_solution_objective(s);
        gap = sn_solution_gap(s);
        /* the solution file, read back by the independent checker before it is written */
        if (c->save && isfinite(sn_result_objective(r)))
            saved = write_report(c->save, r, sn_report_write_json, 1);
    } else {
        print_diag(&d);
        fprintf(stderr, "symnet: %s: case %d failed: %s\n", job->cmd, i + 1, sn_status_name(st));
    }
    size_t size = 6 * 32 + (layout ? strlen(layout) : 0) + (unbuilt ? strlen(unbuilt) : 0) + 8;
    *line = malloc(size);
    if (*line)
        snprintf(*line, size, "%d %.17g %.17g %.17g %.17g %.17g\t%s\t%s", status, obj,
                 sn_result_objective(r), sn_result_co2_t_per_yr(r), sn_result_capital(r), gap,
                 layout ? layout : "", unbuilt ? unbuilt : "");
    sn_free(layout);
    sn_free(unbuilt);
    free(fbuf);
    free(fnames);
    free(sbuf);
    free(snames);
    sn_result_free(r);
    sn_instance_free(in);
    if (!*line)
        return EXIT_INTERNAL;
    return st == SN_OK ? saved : exit_for(st);
}

/* Stores case i's answer line (run_xcase); 0, or -1 when malformed. */
static int take_xcase(int i, const char *line, void *ctx)
{
    xjob *job = ctx;
    xcase *c = &job->cases[i];
    char num[6][64];
    int used = 0;
    if (sscanf(line, "%d %63s %63s %63s %63s %63s%n", &c->status, num[0], num[1], num[2], num[3],
               num[4], &used) < 6 ||
        line[used] != '\t')
        return -1;
    double *v[] = {&c->objective_value, &c->cost, &c->co2, &c->capital, &c->gap};
    for (int k = 0; k < 5; k++)
        *v[k] = strtod(num[k], NULL);
    const char *a = line + used + 1, *b = strchr(a, '\t');
    if (!b)
        return -1;
    free(c->layout);
    free(c->unbuilt);
    c->layout = strndup(a, (size_t)(b - a));
    c->unbuilt = strdup(b + 1);
    return c->layout && c->unbuilt ? 0 : -1;
}

static void xcases_free(xcase *c, int n)
{
    for (int i = 0; c && i < n; i++) {
        free(c[i].layout);
        free(c[i].unbuilt);
        c[i].layout = c[i].unbuilt = NULL;
    }
}

/* --dir of pareto and alternatives: the run's state file (rundir.c). Every case is numbered in
 * the order the command asks it; the command's decisions depend only on the answers, so a rerun
 * asks the same cases in the same order and takes the recorded answers instead of solving. */
typedef struct xlog {
    snp_rundir rd; /* fd -1: no state kept */
    snp_run_state done;
    int next;     /* the number of the next case asked */
    int replayed; /* answers taken from the state file */
    int solved;   /* answers solved (and recorded) by this run */
} xlog;

/* Parent side: stores case i's answer and records it, unless it failed or was interrupted. */
static int take_logged(int i, const char *line, void *ctx)
{
    xjob *j = ctx;
    if (take_xcase(i, line, j) != 0)
        return -1;
    if (j->cases[i].status < 0)
        return 0;
    if (snp_run_append(&j->log->rd, j->base + i, line) != 0) {
        fprintf(stderr, "symnet: cannot append to %s/state: %s\n", j->log->rd.dir, strerror(errno));
        return -1;
    }
    j->log->solved++;
    return 0;
}

/* Runs cases[0..n-1] in the pool (at most o->jobs workers, default the cores), taking those
 * answered in log's state file from there (log may be NULL); 0 or a status. */
static int run_xcases(const options *o, xlog *log, const char *cmd, xcase *cases, int n)
{
    for (int i = 0; i < n; i++)
        cases[i].status = -1;
    int base = log ? log->next : 0, todo = n;
    xjob job = {o, cmd, cases, n, log, base};
    unsigned char *skip = calloc((size_t)n + 1, 1);
    if (!skip)
        return EXIT_INTERNAL;
    if (log) {
        log->next += n;
        for (int k = 0; k < log->done.n_cases; k++) {
            int i = log->done.cases[k].i - base;
            if (i < 0 || i >= n || skip[i])
                continue;
            if (take_xcase(i, log->done.cases[k].answer, &job) != 0) {
                fprintf(stderr, "symnet: %s/state: case %d is damaged: remove it to start again\n",
                        log->rd.dir, base + i + 1);
                free(skip);
                return EXIT_INPUT;
            }
            skip[i] = 1;
            todo--;
            log->replayed++;
        }
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = o->jobs > 0 ? o->jobs : cores > 0 ? (int)cores : 1;
    if (jobs > todo)
        jobs = todo;
    snp_pool pool = {.n = n,
                     .jobs = jobs,
                     .run = run_xcase,
                     .take = log ? take_logged : take_xcase,
                     .ctx = &job,
                     .skip = skip,
                     .interrupt = &interrupted};
    int rc = todo > 0 ? snp_pool_run(&pool) : 0;
    free(skip);
    /* interrupted: a batch whose every case was answered still counts, so the command goes as
     * far as its answers take it (the next batch then starts nothing) */
    for (int i = 0; rc == 0 && interrupted && i < n; i++)
        if (cases[i].status < 0)
            rc = EXIT_INTERRUPT;
    return rc;
}

static char *run_header(const options *o, const char *cmd, const sn_instance *in,
                        unsigned long long hash);
static int file_hash(const char *path, unsigned long long *h);

/* --dir: opens DIR's state for command cmd on region in (the same identity lines as a sweep's,
 * with the command's own options), its recorded answers in log->done; without --dir log->rd.fd
 * stays -1 and nothing is recorded. 0, EXIT_USAGE when DIR holds another run, or a status. */
static int xlog_open(const options *o, const char *cmd, const sn_instance *in, xlog *log)
{
    memset(log, 0, sizeof *log);
    log->rd.fd = -1;
    if (!o->dir)
        return 0;
    unsigned long long hash = 0;
    if (file_hash(o->region, &hash) != 0) {
        fprintf(stderr, "symnet: cannot read %s: %s\n", o->region, strerror(errno));
        return EXIT_IO;
    }
    char *header = run_header(o, cmd, in, hash);
    if (!header)
        return EXIT_INTERNAL;
    char err[1024] = "";
    int r = snp_run_open(&log->rd, o->dir, header, o->region, 1, 1, &log->done, err, sizeof err);
    free(header);
    if (r != 0) {
        fprintf(stderr, "symnet: %s\n", err);
        return r == -2 ? EXIT_USAGE : EXIT_IO;
    }
    if (!o->quiet && log->done.n_cases > 0)
        fprintf(stderr, "symnet: %s: resuming the run in %s (%d answers recorded)\n", cmd, o->dir,
                log->done.n_cases);
    return 0;
}

/* The log's summary line (when kept and not quiet); closes it. */
static void xlog_close(const options *o, const char *cmd, xlog *log)
{
    if (log->rd.fd >= 0 && !o->quiet)
        fprintf(stderr, "symnet: %s: %d case%s solved, %d taken from %s/state\n", cmd, log->solved,
                log->solved == 1 ? "" : "s", log->replayed, o->dir);
    snp_run_close(&log->rd);
    snp_run_state_free(&log->done);
}

/* The log to pass to run_xcases: NULL without --dir. */
static xlog *xlog_kept(xlog *log)
{
    return log->rd.fd >= 0 ? log : NULL;
}

/* A case of objective obj under the caps co2_cap and cost_cap (NAN: none), without layouts,
 * forbidden elements, start or solution file. */
static xcase xcase_make(const char *obj, double co2_cap, double cost_cap)
{
    xcase c;
    memset(&c, 0, sizeof c);
    c.objective = obj;
    c.co2_cap = co2_cap;
    c.cost_cap = cost_cap;
    c.status = -1;
    return c;
}

static int has_net(const xcase *c)
{
    return c->status == SN_SOL_OPTIMAL || c->status == SN_SOL_FEASIBLE;
}

/* The exit status and message when a case every later one needs has no network. */
static int no_network(const char *cmd, const char *what, const xcase *c)
{
    fprintf(stderr, "symnet: %s: %s has no network (%s)\n", cmd, what,
            c->status < 0 ? "failed" : sn_solution_status_name((sn_solution_status)c->status));
    return c->status == SN_SOL_INFEASIBLE ? EXIT_INFEASIBLE
           : c->status < 0                ? EXIT_INTERNAL
                                          : EXIT_NOSOL;
}

static sn_explore_point xpoint(const xcase *c, double gap_first)
{
    sn_explore_point p = {c->status, c->cost,   c->co2,     c->capital,
                          c->gap,    gap_first, c->co2_cap, c->layout};
    if (isnan(p.co2_cap))
        p.co2_cap = INFINITY;
    return p;
}

/* An explore table (frontier or alternatives) in one format. */
typedef struct xtable_job {
    const sn_frontier *fr;
    const sn_alternatives *alt;
    const char *currency;
    sn_table_format fmt;
    int svg;
} xtable_job;

static sn_status emit_xtable(const void *job, FILE *f)
{
    const xtable_job *j = job;
    if (j->svg)
        return sn_report_write_frontier_svg(j->fr, j->currency, f);
    return j->fr ? sn_report_write_frontier(j->fr, j->currency, j->fmt, f)
                 : sn_report_write_alternatives(j->alt, j->currency, j->fmt, f);
}

/* --csv, --out, --svg (pareto) and the table on standard output unless --quiet. */
static int write_xtables(const options *o, const sn_frontier *fr, const sn_alternatives *alt,
                         const char *currency)
{
    const struct {
        const char *path;
        sn_table_format fmt;
        int svg;
    } outs[] = {{o->csv, SN_TABLE_CSV, 0}, {o->out, SN_TABLE_JSON, 0}, {o->svg, SN_TABLE_TEXT, 1}};
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < 3; k++)
        if (outs[k].path) {
            xtable_job j = {fr, alt, currency, outs[k].fmt, outs[k].svg};
            rc = write_output(outs[k].path, emit_xtable, &j, NULL);
        }
    if (rc == 0 && !o->quiet &&
        (fr ? sn_report_write_frontier(fr, currency, SN_TABLE_TEXT, stdout)
            : sn_report_write_alternatives(alt, currency, SN_TABLE_TEXT, stdout)) != SN_OK)
        rc = EXIT_IO;
    return rc;
}

/* Checks the output paths, reads the region (its overrides checked once, here) and catches
 * SIGINT and SIGTERM; 0 or an exit status. */
static int explore_begin(const options *o, sn_instance **in)
{
    const char *files[] = {o->csv, o->out, o->svg};
    for (size_t k = 0; k < 3; k++)
        if (files[k] && out_check(files[k]) != 0)
            return EXIT_IO;
    struct stat sb;
    if (o->dir && ((mkdir(o->dir, 0777) != 0 && errno != EEXIST) || stat(o->dir, &sb) != 0 ||
                   !S_ISDIR(sb.st_mode))) {
        fprintf(stderr, "symnet: --dir %s: cannot create that directory or it is not one\n",
                o->dir);
        return EXIT_IO;
    }
    int rc = load(o, in);
    if (rc)
        return rc;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    return 0;
}

/* DIR/NAME-NUMBER.json into a new string (malloc), NULL without memory. */
static char *dir_file(const char *dir, const char *name, int number)
{
    size_t size = strlen(dir) + strlen(name) + 32;
    char *p = malloc(size);
    if (p)
        snprintf(p, size, "%s/%s-%d.json", dir, name, number);
    return p;
}

/* --dir: each point of the frontier solved again (started from its layout, so at once) under
 * the cap that gives it, its solution written as DIR/point-N.json; 0 or an exit status. */
static int save_points(const options *o, xlog *log, const sn_frontier *fr)
{
    int n = sn_frontier_count(fr);
    xcase *c = calloc((size_t)n + 1, sizeof *c);
    int rc = c ? 0 : EXIT_INTERNAL;
    for (int i = 0; rc == 0 && i < n; i++) {
        const sn_explore_point *p = sn_frontier_point(fr, i);
        /* the least-cost end has no cap: its emissions are one (the least at that cost) */
        c[i] =
            xcase_make("cost", isfinite(p->co2_cap) ? p->co2_cap : cap_above(p->co2_t_per_yr), NAN);
        c[i].start = p->layout;
        c[i].save = dir_file(o->dir, "point", i + 1);
        if (!c[i].save)
            rc = EXIT_INTERNAL;
    }
    if (rc == 0)
        rc = run_xcases(o, log, "pareto", c, n);
    for (int i = 0; c && i < n; i++)
        free((char *)(uintptr_t)c[i].save); /* allocated above; const for the case */
    xcases_free(c, n);
    free(c);
    return rc;
}

static int cmd_pareto(const options *o)
{
    sn_instance *in = NULL;
    int rc = explore_begin(o, &in);
    if (rc)
        return rc;
    xlog log;
    rc = xlog_open(o, "pareto", in, &log);
    sn_frontier *fr = NULL;
    if (rc == 0 && sn_frontier_create(o->tolerance, (int)o->points, &fr) != SN_OK)
        rc = EXIT_INTERNAL;
    if (rc) {
        xlog_close(o, "pareto", &log);
        sn_instance_free(in);
        return rc;
    }
    xlog *lg = xlog_kept(&log);
    /* the end points: least cost and least CO2 (in parallel), then each refined: least CO2 at
     * the least cost, least cost at the least CO2 */
    xcase ends[2] = {xcase_make("cost", NAN, NAN), xcase_make("co2", NAN, NAN)};
    xcase refine[2] = {xcase_make("co2", NAN, NAN), xcase_make("cost", NAN, NAN)};
    xcase *probes = NULL;
    int np = 0;
    if (!o->quiet)
        fprintf(stderr, "symnet: pareto: the two end points\n");
    rc = run_xcases(o, lg, "pareto", ends, 2);
    if (rc == 0 && !has_net(&ends[0]))
        rc = no_network("pareto", "the region", &ends[0]);
    if (rc == 0 && !has_net(&ends[1]))
        rc = no_network("pareto", "the least-CO2 case", &ends[1]);
    if (rc == 0) {
        refine[0].cost_cap = cap_above(ends[0].objective_value); /* the solver's own cost */
        refine[0].start = ends[0].layout;
        refine[1].co2_cap = cap_above(ends[1].objective_value);
        refine[1].start = ends[1].layout;
        rc = run_xcases(o, lg, "pareto", refine, 2);
    }
    for (int k = 0; rc == 0 && k < 2; k++) {
        /* the refinement meets the first stage's network again: it cannot fail but by a limit */
        const xcase *c = has_net(&refine[k]) ? &refine[k] : &ends[k];
        /* least cost: the refinement only counts when it emits less (it may trade a
         * millionth of the cost for nothing within the solver's tolerances) */
        if (k == 0 && c == &refine[0] &&
            !(refine[0].co2 < ends[0].co2 - 1e-6 * fmax(1, fabs(ends[0].co2))))
            c = &ends[0];
        sn_explore_point p = xpoint(c, c == &refine[k] ? ends[k].gap : NAN);
        if (k == 1 && c == &ends[1]) {
            /* the least CO2 without its least cost: the flows of a co2 solve carry no cost */
            p.status = SN_SOL_FEASIBLE;
            p.gap = NAN;
            fprintf(stderr,
                    "symnet: pareto: the least cost at the least CO2 was not found within the "
                    "limits; that point's cost is only an upper bound\n");
        }
        if (sn_frontier_add_end(fr, &p) != SN_OK)
            rc = EXIT_INTERNAL;
    }
    double caps[64];
    const char *starts[64];
    int depth = 0;
    while (rc == 0) {
        int n = sn_frontier_probes(fr, caps, starts, 64);
        if (n <= 0) {
            rc = n < 0 ? EXIT_INTERNAL : 0;
            break;
        }
        depth++;
        if (!o->quiet)
            fprintf(stderr, "symnet: pareto: depth %d, %d case%s\n", depth, n, n == 1 ? "" : "s");
        xcases_free(probes, np);
        free(probes);
        probes = calloc((size_t)n, sizeof *probes);
        np = probes ? n : 0;
        if (!probes) {
            rc = EXIT_INTERNAL;
            break;
        }
        /* each probe's start layout is owned by the frontier, which does not change until
         * every probe is answered */
        for (int k = 0; k < n; k++) {
            probes[k] = xcase_make("cost", caps[k], NAN);
            probes[k].start = starts[k];
        }
        rc = run_xcases(o, lg, "pareto", probes, n);
        for (int k = 0; rc == 0 && k < n; k++) {
            sn_explore_point p = xpoint(&probes[k], NAN);
            if (sn_frontier_answer(fr, k, has_net(&probes[k]) ? &p : NULL) != SN_OK)
                rc = EXIT_INTERNAL;
        }
    }
    if (rc == 0 && o->dir)
        rc = save_points(o, lg, fr);
    if (rc == 0)
        rc = write_xtables(o, fr, NULL, sn_instance_currency(in));
    if (rc == EXIT_INTERRUPT && sn_frontier_count(fr) > 0) {
        /* the points found so far; rerunning the command in the same --dir resumes */
        int rc2 = write_xtables(o, fr, NULL, sn_instance_currency(in));
        rc = rc2 ? rc2 : rc;
    }
    if (rc == EXIT_INTERRUPT)
        fprintf(stderr, "symnet: pareto: interrupted%s\n",
                o->dir ? "; run the same command again to resume" : "");
    xlog_close(o, "pareto", &log);
    xcases_free(ends, 2);
    xcases_free(refine, 2);
    xcases_free(probes, np);
    free(probes);
    sn_frontier_free(fr);
    sn_instance_free(in);
    return rc;
}

static int cmd_alternatives(const options *o)
{
    sn_instance *in = NULL;
    int rc = explore_begin(o, &in);
    if (rc)
        return rc;
    xlog log;
    rc = xlog_open(o, "alternatives", in, &log);
    sn_alternatives *alt = NULL;
    if (rc == 0 && sn_alternatives_create(o->slack, &alt) != SN_OK)
        rc = EXIT_INTERNAL;
    if (rc) {
        xlog_close(o, "alternatives", &log);
        sn_instance_free(in);
        return rc;
    }
    xlog *lg = xlog_kept(&log);
    xcase c[2] = {xcase_make("cost", NAN, NAN), xcase_make("cost", NAN, NAN)};
    char *save = o->dir ? dir_file(o->dir, "alternative", 0) : NULL;
    c[0].save = save;
    rc = o->dir && !save ? EXIT_INTERNAL : run_xcases(o, lg, "alternatives", c, 1);
    free(save);
    if (rc == 0 && !has_net(&c[0]))
        rc = no_network("alternatives", "the region", &c[0]);
    sn_explore_point p = xpoint(&c[0], NAN);
    if (rc == 0 && sn_alternatives_add(alt, &p) != SN_OK)
        rc = EXIT_INTERNAL;
    /* the slack's cap, plus GLPK's feasibility tolerance: a layout that ties at the cap is in */
    double cap = cap_above(sn_alternatives_cost_cap(alt));
    sn_alternatives_set_end(alt, SN_ALT_COUNT);
    for (size_t k = 1; rc == 0 && k <= o->count; k++) {
        char *exclude = NULL;
        if (sn_alternatives_exclude_json(alt, &exclude) != SN_OK) {
            rc = EXIT_INTERNAL;
            break;
        }
        /* 1. the layout differing most from all so far, within the cost cap (9.6) */
        xcases_free(c, 2);
        c[0] = xcase_make("differ", NAN, cap);
        c[0].exclude = exclude;
        if (!o->quiet)
            fprintf(stderr, "symnet: alternatives: looking for alternative %zu\n", k);
        rc = run_xcases(o, lg, "alternatives", c, 1);
        if (rc == 0 && !has_net(&c[0])) {
            sn_alternatives_set_end(alt, c[0].status == SN_SOL_INFEASIBLE ? SN_ALT_NONE_LEFT
                                                                          : SN_ALT_NOT_FOUND);
            sn_free(exclude);
            break;
        }
        /* 2. its least cost using only what it builds, still no layout repeated: drops what
         * the count alone put in (idle links) unless the difference needs it */
        c[1] = xcase_make("cost", NAN, cap);
        c[1].exclude = exclude;
        c[1].forbid = c[0].unbuilt;
        c[1].start = c[0].layout;
        save = o->dir ? dir_file(o->dir, "alternative", (int)k) : NULL;
        c[1].save = save;
        if (o->dir && !save)
            rc = EXIT_INTERNAL;
        if (rc == 0)
            rc = run_xcases(o, lg, "alternatives", c + 1, 1);
        free(save);
        sn_free(exclude);
        if (rc == 0 && !has_net(&c[1]))
            rc = no_network("alternatives", "the least cost of an alternative layout", &c[1]);
        p = xpoint(&c[1], NAN);
        if (rc == 0 && sn_alternatives_add(alt, &p) != SN_OK)
            rc = EXIT_INTERNAL;
    }
    if (rc == 0)
        rc = write_xtables(o, NULL, alt, sn_instance_currency(in));
    if (rc == EXIT_INTERRUPT && sn_alternatives_count(alt) > 0) {
        /* the layouts found so far; rerunning the command in the same --dir resumes */
        sn_alternatives_set_end(alt, SN_ALT_NOT_FOUND);
        int rc2 = write_xtables(o, NULL, alt, sn_instance_currency(in));
        rc = rc2 ? rc2 : rc;
    }
    if (rc == EXIT_INTERRUPT)
        fprintf(stderr, "symnet: alternatives: interrupted%s\n",
                o->dir ? "; run the same command again to resume" : "");
    xlog_close(o, "alternatives", &log);
    xcases_free(c, 2);
    sn_alternatives_free(alt);
    sn_instance_free(in);
    return rc;
}

static int cmd_candidates(const options *o)
{
    const char *files[] = {o->csv, o->out};
    for (size_t k = 0; k < 2; k++)
        if (files[k] && out_check(files[k]) != 0)
            return EXIT_IO;
    sn_instance *in = NULL;
    int rc = load(o, &in);
    if (rc)
        return rc;
    sn_diag d;
    sn_diag_init(&d);
    sn_candidates *c = NULL;
    sn_status st = sn_candidates_build(in, &c, &d);
    print_diag(&d);
    rc = exit_for(st);
    if (rc == 0)
        rc = write_tables(o, NULL, c);
    sn_candidates_free(c);
    sn_instance_free(in);
    return rc;
}

static int cmd_check(const options *o)
{
    sn_instance *in = NULL;
    char *effective = NULL;
    int rc = load_region(o, &in, o->print ? &effective : NULL);
    if (rc)
        return rc;
    if (effective) {
        size_t n = strlen(effective);
        rc = fwrite(effective, 1, n, stdout) != n || fputc('\n', stdout) == EOF ||
                     fflush(stdout) != 0
                 ? EXIT_IO
                 : 0;
        sn_free(effective);
        sn_instance_free(in);
        return rc;
    }
    if (!o->quiet)
        printf("%s: valid region \"%s\" with %d facilities\n", o->region, sn_instance_name(in),
               sn_instance_facility_count(in));
    sn_instance_free(in);
    return 0;
}

static int cmd_verify(const options *o)
{
    sn_instance *in = NULL;
    int rc = load(o, &in);
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
    rc = load(o, &in);
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

/* ---- compare ---------------------------------------------------------------------------------
 * symnet compare A B: two solution files, the differences to stdout, JSON (--out) and an HTML
 * page (--html); the library's sn_comparison does the work (src/result/compare.c). */

typedef sn_status (*compare_fn)(const sn_comparison *c, FILE *f);

typedef struct compare_job {
    const sn_comparison *c;
    compare_fn write;
} compare_job;

static sn_status emit_compare(const void *job, FILE *f)
{
    const compare_job *j = job;
    return j->write(j->c, f);
}

/* Writes one output of compare to path. */
static int write_compare(const char *path, const sn_comparison *c, compare_fn write)
{
    compare_job j = {c, write};
    return write_output(path, emit_compare, &j, NULL);
}

static int cmd_compare(const options *o)
{
    const char *file[2] = {o->region, o->solution}, *out = o->out, *html = o->html;
    int quiet = o->quiet;
    if ((out && out_check(out) != 0) || (html && out_check(html) != 0))
        return EXIT_IO;
    sn_diag d;
    sn_diag_init(&d);
    sn_comparison *c = NULL;
    sn_status st = sn_comparison_create(file[0], file[1], &c, &d);
    print_diag(&d);
    if (st != SN_OK)
        return exit_for(st);
    int rc = 0;
    if (out)
        rc = write_compare(out, c, sn_report_write_compare_json);
    if (!rc && html)
        rc = write_compare(html, c, sn_report_write_compare_html);
    if (!rc && !quiet && sn_report_write_compare_summary(c, stdout) != SN_OK)
        rc = EXIT_IO;
    sn_comparison_free(c);
    return rc;
}

/* ---- screen (issue 14): every match ranked on its own, nothing solved ----------------------- */

typedef sn_status (*screen_fn)(const sn_screen *sc, size_t top, FILE *f);

static sn_status screen_csv(const sn_screen *sc, size_t top, FILE *f)
{
    (void)top; /* the CSV holds every kept match */
    return sn_report_write_screen_csv(sc, f);
}

typedef struct screen_job {
    const sn_screen *sc;
    size_t top;
    screen_fn write;
} screen_job;

static sn_status emit_screen(const void *job, FILE *f)
{
    const screen_job *j = job;
    return j->write(j->sc, j->top, f);
}

/* Writes a screen report to path. */
static int write_screen(const char *path, const sn_screen *sc, size_t top, screen_fn write)
{
    screen_job j = {sc, top, write};
    return write_output(path, emit_screen, &j, NULL);
}

static int cmd_screen(const options *o)
{
    const char *region = o->region, *csv = o->csv, *html = o->html;
    size_t top = o->top, keep = o->keep;
    int quiet = o->quiet;
    if ((csv && out_check(csv) != 0) || (html && out_check(html) != 0))
        return EXIT_IO;
    sn_instance *in = NULL;
    int rc = load(o, &in);
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

/* ---- sweep, sample, merge (issue 16): many cases of one region, in a run directory ----------
 * Each case is the region with one --set per parameter (sn_cases_set_arg) after the command's
 * own overrides, solved by sn_run in a worker of the pool (pool.c); its solution file is written
 * by the worker, its answer line appended to the run's state by the parent as it arrives
 * (rundir.c), and the tables are written from the recorded answers at the end, or when
 * interrupted (with the cases finished so far; rerunning resumes). */

/* What the workers of a sweep or sample need. */
typedef struct cases_job {
    const options *o;
    sn_cases *c;    /* the parent's table; a worker records its own answers into its copy */
    snp_rundir *rd; /* parent side */
    const char *dir;
    int solved; /* parent side: answers taken */
    int todo;
} cases_job;

/* The region with case i's overrides (after the command's own); 0 or an exit status. */
static int load_case(const options *o, const sn_cases *c, int i, sn_instance **in, sn_diag *d)
{
    int n0 = sn_edits_count(o->edits);
    char arg[1024];
    sn_status st = SN_OK;
    for (int k = 0; st == SN_OK && k < sn_cases_param_count(c); k++) {
        st = sn_cases_set_arg(c, i, k, arg, sizeof arg);
        if (st == SN_OK)
            st = sn_edits_add(o->edits, SN_EDIT_SET, arg);
    }
    if (st == SN_OK)
        st = sn_instance_load_file_edited(o->region, o->edits, in, NULL, d);
    sn_edits_truncate(o->edits, n0);
    return exit_for(st);
}

/* The recorded case nearest to i (the smaller on a tie), or -1. */
static int nearest_done(const sn_cases *c, int i)
{
    int n = sn_cases_count(c);
    for (int dist = 1; dist < n; dist++) {
        if (i - dist >= 0 && sn_cases_done(c, i - dist))
            return i - dist;
        if (i + dist < n && sn_cases_done(c, i + dist))
            return i + dist;
    }
    return -1;
}

/* DIR/cases/case-NNNN.warm: what case i's solve leaves for its neighbours under --warm (its root
 * LP basis and cuts, docs/model.md 11.9), next to its solution file. */
static int warm_path(const char *dir, int i, char *buf, size_t size)
{
    if (snp_run_case_path(dir, i, buf, size) != 0)
        return -1;
    size_t len = strlen(buf);
    if (len < 5 || len + 1 > size)
        return -1;
    strcpy(buf + len - 5, ".warm");
    return 0;
}

static sn_status emit_warm(const void *job, FILE *f)
{
    return sn_warm_write(job, f);
}

/* What neighbour `near` left (NULL when it left nothing: a run without --warm before, a shard
 * solved elsewhere); a file that is not one is said and ignored. */
static sn_warm *read_warm(const char *dir, int near)
{
    char path[4200];
    FILE *f = near >= 0 && warm_path(dir, near, path, sizeof path) == 0 ? fopen(path, "r") : NULL;
    if (!f)
        return NULL;
    sn_diag d;
    sn_diag_init(&d);
    sn_warm *w = NULL;
    if (sn_warm_read(f, &w, &d) != SN_OK)
        fprintf(stderr, "symnet: %s: %s; case solved without it\n", path,
                d.count > 0 ? d.errors[0].message : "unreadable");
    fclose(f);
    return w;
}

/* Worker side: solves case i, writes its solution file, answers its line. A case stopped by an
 * interrupt gives no answer (it is solved again when the run resumes). */
static int case_one(int i, char **line, void *ctx)
{
    cases_job *job = ctx;
    const options *o = job->o;
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_result *r = NULL;
    int rc = load_case(o, job->c, i, &in, &d);
    sn_params p = o->params;
    p.time_limit_s = o->time_limit_s;
    p.mip_gap = o->gap;
    p.interrupt = &interrupted;
    /* --warm: the nearest finished neighbour's layout as incumbent */
    int near = o->warm ? nearest_done(job->c, i) : -1;
    if (near >= 0)
        p.start = sn_cases_built(job->c, near, &p.n_start);
    /* and its root LP basis and cuts, used when the constraints are the same (11.9) */
    sn_warm *warm = near >= 0 ? read_warm(job->dir, near) : NULL;
    p.warm = warm;
    /* every case of a warm run keeps all candidates, so that their constraints agree */
    p.keep_links = p.keep_warm = o->warm;
    sn_status st = SN_OK;
    if (rc == 0) {
        st = sn_run(in, &p, &r, &d);
        rc = exit_for(st);
    }
    print_diag(&d);
    if (rc == 0 && sn_solution_interrupted(sn_result_solution(r)))
        rc = EXIT_INTERRUPT;
    char path[4200];
    if (rc == 0 && snp_run_case_path(job->dir, i, path, sizeof path) != 0)
        rc = EXIT_IO;
    if (rc == 0)
        rc = write_report(path, r, sn_report_write_json, 1);
    const sn_warm *left = rc == 0 && o->warm ? sn_solution_warm(sn_result_solution(r)) : NULL;
    if (left && warm_path(job->dir, i, path, sizeof path) == 0)
        rc = write_output(path, emit_warm, left, NULL);
    char *answer = NULL;
    if (rc == 0 && sn_case_answer(r, &answer) != SN_OK)
        rc = EXIT_INTERNAL;
    if (rc == 0) {
        *line = strdup(answer);
        sn_diag_init(&d);
        if (!*line || sn_cases_record(job->c, i, answer, &d) != SN_OK)
            rc = EXIT_INTERNAL;
    } else if (rc != EXIT_INTERRUPT) {
        fprintf(stderr, "symnet: case %d failed (exit status %d)\n", i + 1, rc);
    }
    sn_free(answer);
    sn_result_free(r);
    sn_instance_free(in);
    sn_warm_free(warm);
    return rc;
}

/* Parent side: records case i's answer and appends it to the state file. */
static int case_take(int i, const char *line, void *ctx)
{
    cases_job *job = ctx;
    sn_diag d;
    sn_diag_init(&d);
    if (sn_cases_record(job->c, i, line, &d) != SN_OK) {
        print_diag(&d);
        return -1;
    }
    if (snp_run_append(job->rd, i, line) != 0) {
        fprintf(stderr, "symnet: cannot append to %s/state: %s\n", job->dir, strerror(errno));
        return -1;
    }
    job->solved++;
    if (!job->o->quiet)
        fprintf(stderr, "  case %d solved (%d of %d)\n", i + 1, job->solved, job->todo);
    return 0;
}

/* A table of cases in one format (fmt < 0: the SVG chart). */
typedef struct cases_out {
    const sn_cases *c;
    int fmt;
} cases_out;

static sn_status emit_cases(const void *job, FILE *f)
{
    const cases_out *j = job;
    return j->fmt < 0 ? sn_report_write_cases_svg(j->c, f)
                      : sn_report_write_cases(j->c, (sn_table_format)j->fmt, f);
}

/* DIR/cases.csv, DIR/cases.json, DIR/chart.svg, then the table on standard output. */
static int write_case_tables(const options *o, const sn_cases *c, const char *dir)
{
    static const struct {
        const char *name;
        int fmt;
    } outs[] = {{"cases.csv", SN_TABLE_CSV}, {"cases.json", SN_TABLE_JSON}, {"chart.svg", -1}};
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < sizeof outs / sizeof outs[0]; k++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, outs[k].name);
        cases_out j = {c, outs[k].fmt};
        rc = write_output(path, emit_cases, &j, NULL);
    }
    if (rc == 0 && !o->quiet &&
        (sn_report_write_cases(c, SN_TABLE_TEXT, stdout) != SN_OK || fflush(stdout) != 0))
        rc = EXIT_IO;
    return rc;
}

/* The shard K/N from --shard or from Slurm's array variables; 1/1 without either. 0 or
 * EXIT_USAGE after a message. */
static int parse_shard(const options *o, int *k, int *n)
{
    *k = *n = 1;
    char from_env[64];
    const char *spec = o->shard;
    const char *id = getenv("SLURM_ARRAY_TASK_ID"), *count = getenv("SLURM_ARRAY_TASK_COUNT");
    if (!spec && id && count) {
        const char *min = getenv("SLURM_ARRAY_TASK_MIN");
        snprintf(from_env, sizeof from_env, "%ld/%s",
                 strtol(id, NULL, 10) + 1 - (min ? strtol(min, NULL, 10) : 0), count);
        spec = from_env;
    }
    if (!spec)
        return 0;
    char *e;
    long a = strtol(spec, &e, 10), b = *e == '/' ? strtol(e + 1, &e, 10) : 0;
    if (*e || b < 1 || b > SN_CASES_MAX || a < 1 || a > b) {
        fprintf(stderr, "symnet: --shard: expected K/N with 1 <= K <= N <= %d, got \"%s\"%s\n",
                SN_CASES_MAX, spec, o->shard ? "" : " (from SLURM_ARRAY_TASK_ID, _MIN and _COUNT)");
        return EXIT_USAGE;
    }
    *k = (int)a;
    *n = (int)b;
    return 0;
}

/* The cases of shard k of n: the k-th of n contiguous blocks (neighbours stay together, so
 * warm starts keep working), [*lo, *hi). */
static void shard_block(int cases, int k, int n, int *lo, int *hi)
{
    *lo = (int)((long long)cases * (k - 1) / n);
    *hi = (int)((long long)cases * k / n);
}

/* FNV-1a (64 bit) of a file's bytes: the region's identity in a run's state. */
static int file_hash(const char *path, unsigned long long *h)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    *h = 0xcbf29ce484222325ULL;
    int ch;
    while ((ch = getc(f)) != EOF)
        *h = (*h ^ (unsigned char)ch) * 0x100000001b3ULL;
    int bad = ferror(f);
    fclose(f);
    return bad ? -1 : 0;
}

/* The run's identity lines (rundir.h): malloc'd, or NULL without memory. */
static char *run_header(const options *o, const char *cmd, const sn_instance *in,
                        unsigned long long hash)
{
    sn_cases_kind kind = strcmp(cmd, "sample") == 0 ? SN_CASES_SAMPLE : SN_CASES_SWEEP;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fprintf(f, "command %s\nregion-hash %016llx\n", cmd, hash);
    for (int i = 0; i < sn_instance_edit_count(in); i++)
        fprintf(f, "override %s\n", sn_instance_edit(in, i));
    fprintf(f, "limits time_limit_s=%.17g gap=%.17g disabled=%u warm=%d\n", o->time_limit_s, o->gap,
            o->params.disabled_plugins, o->warm);
    if (strcmp(cmd, "pareto") == 0)
        fprintf(f, "options tolerance=%.17g points=%zu\n", o->tolerance, o->points);
    if (strcmp(cmd, "alternatives") == 0)
        fprintf(f, "options slack=%.17g count=%zu\n", o->slack, o->count);
    for (int k = 0; k < o->n_params && strcmp(cmd, "sweep") * strcmp(cmd, "sample") == 0; k++) {
        if (kind == SN_CASES_SWEEP)
            fprintf(f, "param %s %s %s\n", o->param_range[k] ? "range" : "values", o->param[k],
                    o->param_values[k]);
        else
            fprintf(f, "param dist %s\n", o->param[k]);
    }
    if (strcmp(cmd, "sample") == 0)
        fprintf(f, "n %zu\nseed %zu\n", o->n_cases, o->seed);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* The plan of a run from its parameters; 0 or an exit status after a message. */
static int plan_cases(sn_cases_kind kind, const char *const *param, const char *const *values,
                      const int *range, int n_params, size_t n, size_t seed, sn_cases **out)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_cases_create(kind, out);
    for (int k = 0; st == SN_OK && k < n_params; k++) {
        if (kind == SN_CASES_SAMPLE)
            st = sn_cases_add_distribution(*out, param[k], &d);
        else if (!values[k]) {
            fprintf(stderr, "symnet: --param %s needs --values A,B,... or --range FROM:TO:STEPS\n",
                    param[k]);
            st = SN_EUSAGE;
        } else
            st = sn_cases_add_values(*out, param[k], values[k], range[k], &d);
    }
    if (st == SN_OK)
        st = sn_cases_plan(*out, (int)n, (unsigned long long)seed, &d);
    print_diag(&d);
    if (st != SN_OK) {
        sn_cases_free(*out);
        *out = NULL;
        if (kind == SN_CASES_SAMPLE && n == 0 && n_params > 0)
            fprintf(stderr, "symnet: sample needs --n N (the number of cases)\n");
    }
    return exit_for(st);
}

static int cmd_cases(options *o, sn_cases_kind kind)
{
    /* under mpirun every rank checks the same input; rank 0 alone writes and prints */
    int rank = snp_pool_mpi_rank();
    if (rank > 0)
        o->quiet = quiet_warnings = 1;
    sn_cases *c = NULL;
    int rc = plan_cases(kind, o->param, o->param_values, o->param_range, o->n_params, o->n_cases,
                        o->seed, &c);
    int sk = 1, sn = 1;
    if (rc == 0)
        rc = parse_shard(o, &sk, &sn);
    sn_instance *base = NULL;
    if (rc == 0)
        rc = load(o, &base);
    unsigned long long hash = 0;
    if (rc == 0 && file_hash(o->region, &hash) != 0) {
        fprintf(stderr, "symnet: cannot read %s: %s\n", o->region, strerror(errno));
        rc = EXIT_IO;
    }
    int n = sn_cases_count(c), lo = 0, hi = n;
    if (rc == 0)
        shard_block(n, sk, sn, &lo, &hi);
    /* every case's region is read before anything is written or solved */
    for (int i = lo; rc == 0 && i < hi; i++) {
        sn_diag d;
        sn_diag_init(&d);
        sn_instance *in = NULL;
        rc = load_case(o, c, i, &in, &d);
        print_diag(&d);
        if (rc) {
            char arg[1024];
            if (sn_cases_set_arg(c, i, 0, arg, sizeof arg) == SN_OK)
                fprintf(stderr,
                        "symnet: case %d (--set %s%s) is not a valid region; nothing "
                        "was written\n",
                        i + 1, arg, sn_cases_param_count(c) > 1 ? " ..." : "");
        }
        sn_instance_free(in);
    }
    char dir[4096];
    const char *top = o->dir ? o->dir : kind == SN_CASES_SWEEP ? "sweep" : "sample";
    if (sn > 1) {
        if (rc == 0 && mkdir(top, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "symnet: cannot create %s: %s\n", top, strerror(errno));
            rc = EXIT_IO;
        }
        snprintf(dir, sizeof dir, "%s/shard-%d-of-%d", top, sk, sn);
    } else {
        snprintf(dir, sizeof dir, "%s", top);
    }
    char *header =
        rc == 0 ? run_header(o, kind == SN_CASES_SWEEP ? "sweep" : "sample", base, hash) : NULL;
    if (rc == 0 && !header)
        rc = EXIT_INTERNAL;
    snp_rundir rd = {.fd = -1};
    snp_run_state done;
    memset(&done, 0, sizeof done);
    char err[1024] = "";
    if (rc == 0 && rank == 0) {
        int r = snp_run_open(&rd, dir, header, o->region, sk, sn, &done, err, sizeof err);
        if (r != 0) {
            fprintf(stderr, "symnet: %s\n", err);
            rc = r == -2 ? EXIT_USAGE : EXIT_IO;
        }
    }
    unsigned char *skip = rc == 0 ? calloc((size_t)n + 1, 1) : NULL;
    if (rc == 0 && !skip)
        rc = EXIT_INTERNAL;
    for (int k = 0; rc == 0 && k < done.n_cases; k++) {
        sn_diag d;
        sn_diag_init(&d);
        if (sn_cases_record(c, done.cases[k].i, done.cases[k].answer, &d) != SN_OK) {
            print_diag(&d);
            fprintf(stderr, "symnet: %s/state is damaged (above): remove it to start again\n", dir);
            rc = EXIT_INPUT;
        }
    }
    rc = snp_pool_mpi_agree(rc);
    int todo = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        skip[i] = (unsigned char)(i < lo || i >= hi || sn_cases_done(c, i));
        todo += !skip[i];
    }
    if (rc == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        int jobs = o->jobs > 0 ? o->jobs : cores > 0 ? (int)cores : 1;
        if (!o->quiet)
            fprintf(stderr, "symnet: %s: %d case%s%s, %d to solve (%d finished before), in %s\n",
                    kind == SN_CASES_SWEEP ? "sweep" : "sample", hi - lo, hi - lo == 1 ? "" : "s",
                    sn > 1 ? " in this shard" : "", todo, hi - lo - todo, dir);
        if (!o->quiet && snp_pool_mpi_active())
            fprintf(stderr, "symnet: under MPI: rank 0 hands out the cases to the other ranks\n");
        cases_job job = {o, c, &rd, dir, 0, todo};
        snp_pool pool = {.n = n,
                         .jobs = jobs,
                         .run = case_one,
                         .take = case_take,
                         .ctx = &job,
                         .skip = skip,
                         .interrupt = &interrupted};
        rc = snp_pool_run(&pool);
        if (rank > 0) /* an MPI rank that solved cases: rank 0 writes the tables */
            goto done;
        int rc2 = write_case_tables(o, c, dir);
        if (interrupted && (rc == 0 || rc == EXIT_INTERRUPT)) {
            fprintf(stderr,
                    "symnet: interrupted: %d of %d cases finished; run the same command "
                    "again to solve the rest\n",
                    job.solved + hi - lo - todo, hi - lo);
            rc = EXIT_INTERRUPT;
        }
        rc = rc ? rc : rc2;
    }
done:
    snp_run_close(&rd);
    snp_run_state_free(&done);
    free(skip);
    free(header);
    sn_instance_free(base);
    sn_cases_free(c);
    return rc;
}

/* Copies file from to to (atomically); 0 or EXIT_IO after a message. */
static int copy_file(const char *from, const char *to)
{
    FILE *f = fopen(from, "rb");
    if (!f) {
        fprintf(stderr, "symnet: cannot read %s: %s\n", from, strerror(errno));
        return EXIT_IO;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char chunk[65536];
    size_t got;
    int bad = !m;
    while (!bad && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        bad = fwrite(chunk, 1, got, m) != got;
    bad = bad || ferror(f);
    fclose(f);
    if (m && fclose(m) != 0)
        bad = 1;
    int rc = bad ? EXIT_IO : out_deliver(to, buf, len);
    if (bad)
        fprintf(stderr, "symnet: cannot read %s\n", from);
    free(buf);
    return rc;
}

/* The plan of a run from its state's identity lines. */
static int plan_from_header(const char *header, sn_cases **out)
{
    char *text = strdup(header);
    if (!text)
        return EXIT_INTERNAL;
    const char *param[16], *values[16];
    int range[16], np = 0;
    size_t n = 0, seed = 0;
    sn_cases_kind kind = SN_CASES_SWEEP;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strcmp(line, "command sample") == 0)
            kind = SN_CASES_SAMPLE;
        else if (strncmp(line, "n ", 2) == 0)
            n = (size_t)strtoull(line + 2, NULL, 10);
        else if (strncmp(line, "seed ", 5) == 0)
            seed = (size_t)strtoull(line + 5, NULL, 10);
        else if (strncmp(line, "param ", 6) == 0 && np < 16) {
            char *how = line + 6, *path = strchr(how, ' ');
            if (!path)
                continue;
            *path++ = '\0';
            char *spec = strncmp(how, "dist", 4) == 0 ? NULL : strchr(path, ' ');
            if (spec)
                *spec++ = '\0';
            range[np] = strcmp(how, "range") == 0;
            values[np] = spec;
            param[np++] = path;
        }
    }
    int rc = plan_cases(kind, param, values, range, np, n, seed, out);
    free(text);
    return rc;
}

static int cmd_merge(const options *o)
{
    snp_run_state *st = calloc((size_t)o->n_dirs, sizeof *st);
    if (!st)
        return EXIT_INTERNAL;
    char err[1024] = "";
    int rc = 0, n_shards = 0;
    for (int k = 0; rc == 0 && k < o->n_dirs; k++) {
        int r = snp_run_read(o->dirs[k], &st[k], err, sizeof err);
        if (r != 0) {
            fprintf(stderr, "symnet: merge: %s\n",
                    r > 0 ? "no state file: not a run or shard directory" : err);
            if (r > 0)
                fprintf(stderr, "symnet: merge: %s/state: cannot read it\n", o->dirs[k]);
            rc = EXIT_INPUT;
            break;
        }
        if (k == 0)
            n_shards = st[0].shard_n;
        else if (strcmp(st[k].header, st[0].header) == 0 && st[k].shard_n != n_shards) {
            fprintf(stderr, "symnet: merge: %s is split into %d shards, %s into %d\n", o->dirs[0],
                    n_shards, o->dirs[k], st[k].shard_n);
            rc = EXIT_INPUT;
        } else if (strcmp(st[k].header, st[0].header) != 0) {
            fprintf(stderr,
                    "symnet: merge: %s and %s are shards of different runs (their state files "
                    "differ in command, region, overrides, limits or parameters)\n",
                    o->dirs[0], o->dirs[k]);
            rc = EXIT_INPUT;
        }
        for (int j = 0; rc == 0 && j < k; j++)
            if (st[j].shard_k == st[k].shard_k) {
                fprintf(stderr, "symnet: merge: %s and %s are both shard %d/%d\n", o->dirs[j],
                        o->dirs[k], st[k].shard_k, n_shards);
                rc = EXIT_INPUT;
            }
    }
    if (rc == 0 && o->n_dirs != n_shards) {
        fprintf(stderr, "symnet: merge: the run has %d shards, %d given:", n_shards, o->n_dirs);
        for (int s = 1; s <= n_shards; s++) {
            int have = 0;
            for (int k = 0; k < o->n_dirs; k++)
                have |= st[k].shard_k == s;
            if (!have)
                fprintf(stderr, " %d/%d missing", s, n_shards);
        }
        fputc('\n', stderr);
        rc = EXIT_INPUT;
    }
    sn_cases *c = NULL;
    if (rc == 0)
        rc = plan_from_header(st[0].header, &c);
    for (int k = 0; rc == 0 && k < o->n_dirs; k++)
        for (int j = 0; rc == 0 && j < st[k].n_cases; j++) {
            sn_diag d;
            sn_diag_init(&d);
            if (sn_cases_record(c, st[k].cases[j].i, st[k].cases[j].answer, &d) != SN_OK) {
                print_diag(&d);
                fprintf(stderr, "symnet: merge: %s/state is damaged (above)\n", o->dirs[k]);
                rc = EXIT_INPUT;
            }
        }
    int n = sn_cases_count(c);
    for (int i = 0; rc == 0 && i < n; i++)
        if (!sn_cases_done(c, i)) {
            int lo, hi, s = 1;
            for (; s <= n_shards; s++) {
                shard_block(n, s, n_shards, &lo, &hi);
                if (i >= lo && i < hi)
                    break;
            }
            fprintf(stderr,
                    "symnet: merge: case %d of shard %d/%d has not finished: run that shard "
                    "again (it resumes), then merge\n",
                    i + 1, s, n_shards);
            rc = EXIT_INPUT;
        }
    /* the output: a run directory of the whole run (shard 1/1) */
    char out[4096];
    if (o->dir)
        snprintf(out, sizeof out, "%s", o->dir);
    else {
        snprintf(out, sizeof out, "%s", o->dirs[0]);
        char *slash = strrchr(out, '/');
        while (slash && slash > out && slash[1] == '\0') { /* "dir/" */
            *slash = '\0';
            slash = strrchr(out, '/');
        }
        if (slash)
            *slash = '\0';
        else
            snprintf(out, sizeof out, ".");
    }
    snp_rundir rd = {.fd = -1};
    snp_run_state prev;
    memset(&prev, 0, sizeof prev);
    if (rc == 0) {
        int r = snp_run_open(&rd, out, st[0].header, "(merged)", 1, 1, &prev, err, sizeof err);
        if (r != 0) {
            fprintf(stderr, "symnet: merge: %s\n", err);
            rc = r == -2 ? EXIT_USAGE : EXIT_IO;
        }
    }
    for (int k = 0; rc == 0 && k < o->n_dirs; k++)
        for (int j = 0; rc == 0 && j < st[k].n_cases; j++) {
            int i = st[k].cases[j].i, had = 0;
            for (int m = 0; m < prev.n_cases && !had; m++)
                had = prev.cases[m].i == i;
            char from[4200], to[4200];
            if (snp_run_case_path(o->dirs[k], i, from, sizeof from) != 0 ||
                snp_run_case_path(out, i, to, sizeof to) != 0)
                rc = EXIT_IO;
            if (rc == 0)
                rc = copy_file(from, to);
            if (rc == 0 && !had && snp_run_append(&rd, i, st[k].cases[j].answer) != 0) {
                fprintf(stderr, "symnet: merge: cannot append to %s/state\n", out);
                rc = EXIT_IO;
            }
        }
    if (rc == 0)
        rc = write_case_tables(o, c, out);
    snp_run_close(&rd);
    snp_run_state_free(&prev);
    for (int k = 0; k < o->n_dirs; k++)
        snp_run_state_free(&st[k]);
    free(st);
    sn_cases_free(c);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("missing command", "");
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        print_help(argc > 2 ? argv[2] : NULL); /* symnet help CMD */
        return 0;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("symnet %s\n", SN_VERSION);
        return 0;
    }
    if (strcmp(cmd, "sweep") == 0 || strcmp(cmd, "sample") == 0)
        snp_pool_mpi_init(&argc, &argv); /* joins the job when started by mpirun */
    options o;
    memset(&o, 0, sizeof o);
    sn_params_init(&o.params);
    int known = -1;
    for (size_t k = 0; k < N_COMMANDS; k++)
        if (strcmp(cmd, COMMANDS[k].name) == 0)
            known = (int)k;
    if (known < 0)
        return usage_error("unknown command ", cmd);
    o.top = 20;
    o.keep = SN_SCREEN_KEEP;
    o.questions = SN_VALUES_BUILT | SN_VALUES_CANDIDATES;
    o.tolerance = 0.01;
    o.points = 10;
    o.slack = 0.05;
    o.count = 3;
    o.seed = 1;
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_help(cmd); /* every command takes --help */
            return 0;
        }
    if (sn_edits_create(&o.edits) != SN_OK) {
        fprintf(stderr, "symnet: out of memory\n");
        return EXIT_INTERNAL;
    }
    int rc = parse_options(argc, argv, 2, &o, cmd, known);
    if (o.partners)
        o.questions |= SN_VALUES_PARTNERS;
    if (rc == 0 && o.fair && o.allocation == SN_ALLOCATION_SHAPLEY)
        rc = usage_error("--fair and --allocation shapley are two answers to who pays what: "
                         "give one",
                         "");
    quiet_warnings = o.quiet;
    if (rc == 0) {
        if (strcmp(cmd, "solve") == 0)
            rc = cmd_solve(&o);
        else if (strcmp(cmd, "check") == 0)
            rc = cmd_check(&o);
        else if (strcmp(cmd, "verify") == 0)
            rc = cmd_verify(&o);
        else if (strcmp(cmd, "candidates") == 0)
            rc = cmd_candidates(&o);
        else if (strcmp(cmd, "evaluate") == 0)
            rc = cmd_evaluate(&o);
        else if (strcmp(cmd, "values") == 0)
            rc = cmd_values(&o);
        else if (strcmp(cmd, "compare") == 0)
            rc = cmd_compare(&o);
        else if (strcmp(cmd, "screen") == 0)
            rc = cmd_screen(&o);
        else if (strcmp(cmd, "pareto") == 0)
            rc = cmd_pareto(&o);
        else if (strcmp(cmd, "alternatives") == 0)
            rc = cmd_alternatives(&o);
        else if (strcmp(cmd, "sweep") == 0)
            rc = cmd_cases(&o, SN_CASES_SWEEP);
        else if (strcmp(cmd, "sample") == 0)
            rc = cmd_cases(&o, SN_CASES_SAMPLE);
        else if (strcmp(cmd, "merge") == 0)
            rc = cmd_merge(&o);
        else
            rc = cmd_export(&o);
    }
    sn_edits_free(o.edits);
    snp_pool_mpi_finalize();
    return rc;
}
