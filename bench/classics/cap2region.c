/*
 * cap2region.c - converts an OR-Library capacitated warehouse location instance (cap41 ...
 * cap134, capa/capb/capc; J.E. Beasley, format in OR-Library `capinfo`) into a symnet region
 * (docs/format.md) whose optimal objective is the instance's split-demand optimum (`capopt`).
 *
 * Input (whitespace separated, line breaks not significant, numbers may end with '.'):
 *     m n
 *     cap_1 f_1 ... cap_m f_m          capacity (or the word "capacity": see --capacity), fixed
 * cost for each customer j: d_j c_1j ... c_mj   c_ij = cost of serving ALL of j's demand from i
 * Model: min sum f_i y_i + sum c_ij x_ij; sum_i x_ij = 1; sum_j d_j x_ij <= cap_i y_i;
 *        x_ij <= y_i; y binary.
 *
 * Encoding (one region; amounts in "unit", money in the instance's own currency, XXX):
 * - resource "goods" (what warehouses handle) and "served" (what customers receive);
 * - facility "plant" supplies sum_i cap_i of goods with disposal_cost 0 (leftover is free);
 * - warehouse i is hub "w<i>" with one capacity option {cap_i, capital 0, fixed_opex f_i},
 *   input goods yielding 1 served per unit at cost 0, output served: the hub capacity bounds
 *   the goods processed = the served shipped, i.e. sum_j d_j x_ij <= cap_i y_i;
 * - customer j is facility "c<j>" demanding d_j served with no price (must be served);
 * - explicit links plant->w<i> (goods, cost_per_unit 0) and w<i>->c<j> (served, cost_per_unit
 *   c_ij / d_j, so shipping d_j x_ij costs c_ij x_ij). No resource has a pipe or truck
 *   object, so symnet generates no other candidate links. Discount rate 0, lifetime 1 yr,
 *   carbon price 0: every cost is annual as given.
 * Customers with d_j = 0 are left out when all their costs are 0 (they add nothing); with a
 * non-zero cost the classic model still charges the cheapest open warehouse, which a region
 * cannot express, so the converter stops with an error. Warehouses with capacity 0 can serve
 * nothing and are left out.
 */
#include "classic_common.h"

#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "[--capacity N] [-o OUT.json] INSTANCE.txt\n"
    "Converts an OR-Library capacitated warehouse location instance into a symnet region.\n"
    "  --capacity N  capacity to use where the file says \"capacity\" (capa/capb/capc: the\n"
    "                OR-Library capinfo lists the values used for each variant)\n"
    "  -o OUT.json   output file (written atomically); default: standard output\n";

typedef struct opts {
    int has_capacity;
    double capacity;
} opts;

static int extra_opt(int argc, char **argv, int i, void *ctx)
{
    opts *o = ctx;
    if (strcmp(argv[i], "--capacity") != 0)
        return 0;
    double v;
    if (i + 1 >= argc || cl_parse_number(argv[i + 1], strlen(argv[i + 1]), &v) != 0 || v <= 0) {
        fprintf(stderr, "%s: --capacity needs a number > 0\n", argv[0]);
        return -1;
    }
    o->has_capacity = 1;
    o->capacity = v;
    return 2;
}

typedef struct cap_inst {
    long m, n;
    double *cap, *fixed; /* m each */
    double *demand;      /* n */
    double *cost;        /* n * m, row j: c_1j .. c_mj */
    int used_capacity_word;
} cap_inst;

static void cap_free(cap_inst *c)
{
    free(c->cap);
    free(c->fixed);
    free(c->demand);
    free(c->cost);
}

/* Reads the next token as a number; `what` names it in messages. */
static int next_number(cl_lexer *lx, const char *file, const char *what, double *v, int *line)
{
    const char *tok;
    size_t len;
    char show[48];
    if (!cl_lexer_next(lx, &tok, &len, line)) {
        cl_error(file, lx->line, "expected %s, got end of file", what);
        return CL_EXIT_INPUT;
    }
    if (cl_parse_number(tok, len, v) != 0) {
        cl_error(file, *line, "expected %s (a number), got \"%s\"", what,
                 cl_tok_show(tok, len, show, sizeof show));
        return CL_EXIT_INPUT;
    }
    return CL_EXIT_OK;
}

static int next_count(cl_lexer *lx, const char *file, const char *what, long *v)
{
    double d;
    int line;
    int rc = next_number(lx, file, what, &d, &line);
    if (rc)
        return rc;
    if (d < 1 || d > 1e6 || (double)(long)d != d) {
        cl_error(file, line, "expected %s (an integer in 1..1000000), got %.17g", what, d);
        return CL_EXIT_INPUT;
    }
    *v = (long)d;
    return CL_EXIT_OK;
}

static int parse_cap(const char *file, const char *text, const opts *o, cap_inst *c)
{
    cl_lexer lx;
    cl_lexer_init(&lx, text);
    memset(c, 0, sizeof *c);
    int rc;
    if ((rc = next_count(&lx, file, "the number of warehouses m", &c->m)) ||
        (rc = next_count(&lx, file, "the number of customers n", &c->n)))
        return rc;
    size_t m = (size_t)c->m, n = (size_t)c->n;
    c->cap = calloc(m, sizeof *c->cap);
    c->fixed = calloc(m, sizeof *c->fixed);
    c->demand = calloc(n, sizeof *c->demand);
    c->cost = calloc(n * m, sizeof *c->cost); /* m, n <= 1e6: no overflow in size_t */
    if (!c->cap || !c->fixed || !c->demand || !c->cost) {
        cl_error(file, 0, "out of memory for %ld warehouses and %ld customers", c->m, c->n);
        return CL_EXIT_INTERNAL;
    }
    char what[96], show[48];
    for (size_t i = 0; i < m; i++) {
        const char *tok;
        size_t len;
        int line;
        snprintf(what, sizeof what, "the capacity of warehouse %zu", i + 1);
        if (!cl_lexer_next(&lx, &tok, &len, &line)) {
            cl_error(file, lx.line, "expected %s, got end of file", what);
            return CL_EXIT_INPUT;
        }
        if (len == 8 && memcmp(tok, "capacity", 8) == 0) {
            if (!o->has_capacity) {
                cl_error(file, line,
                         "%s is given as the word \"capacity\" (an OR-Library capa/capb/capc "
                         "instance): pass --capacity N",
                         what);
                return CL_EXIT_INPUT;
            }
            c->cap[i] = o->capacity;
            c->used_capacity_word = 1;
        } else if (cl_parse_number(tok, len, &c->cap[i]) != 0 || c->cap[i] < 0) {
            cl_error(file, line, "expected %s (a number >= 0), got \"%s\"", what,
                     cl_tok_show(tok, len, show, sizeof show));
            return CL_EXIT_INPUT;
        }
        snprintf(what, sizeof what, "the fixed cost of warehouse %zu", i + 1);
        if ((rc = next_number(&lx, file, what, &c->fixed[i], &line)))
            return rc;
        if (c->fixed[i] < 0) {
            cl_error(file, line, "expected %s >= 0, got %.17g", what, c->fixed[i]);
            return CL_EXIT_INPUT;
        }
    }
    for (size_t j = 0; j < n; j++) {
        int line;
        snprintf(what, sizeof what, "the demand of customer %zu", j + 1);
        if ((rc = next_number(&lx, file, what, &c->demand[j], &line)))
            return rc;
        if (c->demand[j] < 0) {
            cl_error(file, line, "expected %s >= 0, got %.17g", what, c->demand[j]);
            return CL_EXIT_INPUT;
        }
        for (size_t i = 0; i < m; i++) {
            snprintf(what, sizeof what, "the cost of serving customer %zu from warehouse %zu",
                     j + 1, i + 1);
            if ((rc = next_number(&lx, file, what, &c->cost[j * m + i], &line)))
                return rc;
        }
    }
    const char *tok;
    size_t len;
    int line;
    if (cl_lexer_next(&lx, &tok, &len, &line)) {
        cl_error(file, line,
                 "unexpected \"%s\" after the last customer (header says %ld warehouses, %ld "
                 "customers)",
                 cl_tok_show(tok, len, show, sizeof show), c->m, c->n);
        return CL_EXIT_INPUT;
    }
    return CL_EXIT_OK;
}

/* Base name without directory and extension, for the region name. */
static void base_name(const char *path, char *buf, size_t size)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(buf, size, "%s", b);
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf)
        *dot = '\0';
}

static int check_zero_demand(const char *file, const cap_inst *c, long *kept)
{
    size_t m = (size_t)c->m;
    *kept = 0;
    for (size_t j = 0; j < (size_t)c->n; j++) {
        if (c->demand[j] > 0) {
            (*kept)++;
            continue;
        }
        for (size_t i = 0; i < m; i++)
            if (c->cost[j * m + i] != 0) {
                cl_error(file, 0,
                         "customer %zu has demand 0 but costs %.17g from warehouse %zu: the "
                         "split-demand model still charges its cheapest open warehouse, which a "
                         "symnet region cannot express",
                         j + 1, c->cost[j * m + i], i + 1);
                return CL_EXIT_INPUT;
            }
    }
    if (*kept == 0) {
        cl_error(file, 0, "every customer has demand 0: nothing to convert");
        return CL_EXIT_INPUT;
    }
    return CL_EXIT_OK;
}

static void write_region(FILE *f, const char *file, const cap_inst *c, const opts *o)
{
    size_t m = (size_t)c->m, n = (size_t)c->n;
    char name[128];
    base_name(file, name, sizeof name);
    double total_cap = 0, total_demand = 0;
    long hubs = 0, skipped_cust = 0;
    for (size_t i = 0; i < m; i++) {
        total_cap += c->cap[i];
        hubs += c->cap[i] > 0;
    }
    for (size_t j = 0; j < n; j++) {
        total_demand += c->demand[j];
        skipped_cust += !(c->demand[j] > 0);
    }

    fputs("{\n  \"format\": \"symnet-region/1\",\n  \"notes\": [\n    ", f);
    char buf[1024];
    snprintf(buf, sizeof buf, "Converted by bench/classics/cap2region from %s", file);
    cl_json_str(f, buf);
    fputs(",\n    \"OR-Library capacitated warehouse location (J.E. Beasley, capinfo/capopt); "
          "published optima are for split demand\",\n"
          "    \"Model: min sum f_i y_i + sum c_ij x_ij; sum_i x_ij = 1; sum_j d_j x_ij <= cap_i "
          "y_i; y binary\",\n"
          "    \"Encoding: plant supplies goods (free disposal); warehouse i = hub w<i> with one "
          "capacity option {cap_i, capital 0, fixed_opex f_i}, goods -> served 1:1; customer j = "
          "facility c<j> demanding d_j served without price; links plant->w<i> cost 0, w<i>->c<j> "
          "cost_per_unit c_ij/d_j; no pipe/truck objects, so no generated links\"",
          f);
    if (c->used_capacity_word) {
        snprintf(buf, sizeof buf,
                 "Capacities given as the word \"capacity\" in the file were set to %.17g "
                 "(--capacity)",
                 o->capacity);
        fputs(",\n    ", f);
        cl_json_str(f, buf);
    }
    if (hubs < c->m || skipped_cust) {
        snprintf(buf, sizeof buf,
                 "Left out: %ld warehouses with capacity 0 and %ld customers with demand 0 (and "
                 "cost 0)",
                 c->m - hubs, skipped_cust);
        fputs(",\n    ", f);
        cl_json_str(f, buf);
    }
    fputs("\n  ],\n  \"region\": {\"name\": ", f);
    cl_json_str(f, name);
    fputs(", \"coordinates\": \"planar_km\", \"currency\": \"XXX\", \"discount_rate\": 0, "
          "\"lifetime_yr\": 1, \"carbon_price\": 0},\n",
          f);
    fputs("  \"resources\": [\n"
          "    {\"id\": \"goods\", \"unit\": \"unit\"},\n"
          "    {\"id\": \"served\", \"unit\": \"unit\"}\n  ],\n",
          f);

    /* Locations only place the entities on a map: every link has given costs. */
    double x, y;
    fputs("  \"facilities\": [\n    {\"id\": \"plant\", \"location\": [0, -20], \"supplies\": "
          "[{\"resource\": \"goods\", \"amount\": ",
          f);
    cl_json_num(f, total_cap);
    fputs(", \"disposal_cost\": 0}]}", f);
    for (size_t j = 0; j < n; j++) {
        if (!(c->demand[j] > 0))
            continue;
        cl_grid((long)j, c->n, &x, &y);
        fprintf(f, ",\n    {\"id\": \"c%zu\", \"location\": [", j + 1);
        cl_json_num(f, x);
        fputs(", ", f);
        cl_json_num(f, y + 20);
        fputs("], \"demands\": [{\"resource\": \"served\", \"amount\": ", f);
        cl_json_num(f, c->demand[j]);
        fputs("}]}", f);
    }
    fputs("\n  ],\n  \"hubs\": [", f);
    int first = 1;
    for (size_t i = 0; i < m; i++) {
        if (!(c->cap[i] > 0))
            continue;
        cl_grid((long)i, c->m, &x, &y);
        fprintf(f, "%s\n    {\"id\": \"w%zu\", \"location\": [", first ? "" : ",", i + 1);
        first = 0;
        cl_json_num(f, x);
        fputs(", ", f);
        cl_json_num(f, -y);
        fputs("], \"capacities\": [{\"capacity\": ", f);
        cl_json_num(f, c->cap[i]);
        fputs(", \"capital\": 0, \"fixed_opex\": ", f);
        cl_json_num(f, c->fixed[i]);
        fputs("}], \"inputs\": [{\"resource\": \"goods\", \"yields\": {\"served\": 1}, "
              "\"cost_per_unit\": 0}], \"outputs\": [{\"resource\": \"served\"}]}",
              f);
    }
    fputs("\n  ],\n  \"links\": [", f);
    first = 1;
    for (size_t i = 0; i < m; i++) {
        if (!(c->cap[i] > 0))
            continue;
        fprintf(f,
                "%s\n    {\"from\": \"plant\", \"to\": \"w%zu\", \"resource\": \"goods\", "
                "\"mode\": \"pipe\", \"cost_per_unit\": 0}",
                first ? "" : ",", i + 1);
        first = 0;
    }
    for (size_t j = 0; j < n; j++) {
        if (!(c->demand[j] > 0))
            continue;
        for (size_t i = 0; i < m; i++) {
            if (!(c->cap[i] > 0))
                continue;
            fprintf(f,
                    ",\n    {\"from\": \"w%zu\", \"to\": \"c%zu\", \"resource\": \"served\", "
                    "\"mode\": \"pipe\", \"cost_per_unit\": ",
                    i + 1, j + 1);
            cl_json_num(f, c->cost[j * m + i] / c->demand[j]);
            fputc('}', f);
        }
    }
    fputs("\n  ]\n}\n", f);
    (void)total_demand;
}

int main(int argc, char **argv)
{
    opts o = {0, 0};
    const char *input, *out;
    int rc = cl_parse_args(argc, argv, USAGE, extra_opt, &o, &input, &out);
    if (rc)
        return rc == CL_HELP ? CL_EXIT_OK : rc;
    char *text;
    size_t len;
    if ((rc = cl_read_file(input, &text, &len)))
        return rc;
    cap_inst c;
    rc = parse_cap(input, text, &o, &c);
    free(text);
    long kept = 0;
    if (!rc)
        rc = check_zero_demand(input, &c, &kept);
    if (!rc) {
        double total_cap = 0, total_demand = 0;
        for (long i = 0; i < c.m; i++)
            total_cap += c.cap[i];
        for (long j = 0; j < c.n; j++)
            total_demand += c.demand[j];
        if (total_cap < total_demand)
            cl_warn(input, 0,
                    "total capacity %.17g < total demand %.17g: the instance is "
                    "infeasible",
                    total_cap, total_demand);
        cl_output o_out;
        rc = cl_output_open(&o_out, out);
        if (!rc) {
            write_region(o_out.f, input, &c, &o);
            rc = cl_output_close(&o_out, 1);
        }
    }
    cap_free(&c);
    return rc;
}
