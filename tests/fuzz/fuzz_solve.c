/*
 * fuzz_solve.c - differential libFuzzer harness over the whole pipeline: a region that
 * validates and gives a small model is solved (time limit 0.5 s), the solution's cost is
 * recomputed by the report layer (sn_solution_check), written as JSON exactly as `symnet solve`
 * writes it, and read back by the independent checker (sn_solution_verify_string), which shares
 * no code with the model builder. Any disagreement between the two derivations of the same
 * network is a finding, as is a crash, a sanitizer report or a leak. Every other output (the
 * summary, GeoJSON, HTML, each CSV table) is written too and must succeed; an infeasible region
 * is explained with the elastic models as `symnet solve` does.
 *
 * Input: any bytes, read as a region file. Models above MAX_COLS columns are skipped to keep
 * executions fast (GLPK dominates the time). Seeds are those of fuzz_region.
 */
#include "symnet.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_COLS 400

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints the diagnostics of a finding before aborting, so the log says what disagreed. */
static void finding(const char *what, const sn_diag *d)
{
    char buf[1200];
    fprintf(stderr, "fuzz_solve: %s\n", what);
    for (int i = 0; i < d->count; i++) {
        sn_error_format(&d->errors[i], buf, sizeof buf);
        fprintf(stderr, "  %s\n", buf);
    }
    abort();
}

/* A writer into memory, discarded: the outputs must be written without failing. */
typedef struct sink {
    char *text;
    size_t len;
    FILE *f;
} sink;

static FILE *sink_open(sink *k)
{
    k->text = NULL;
    k->len = 0;
    k->f = open_memstream(&k->text, &k->len);
    if (!k->f)
        abort();
    return k->f;
}

static void sink_close(sink *k, sn_status st, const char *what)
{
    if (fclose(k->f) != 0 || (st != SN_OK && st != SN_ENOMEM)) {
        fprintf(stderr, "fuzz_solve: writing the %s failed (%s)\n", what, sn_status_name(st));
        abort();
    }
    free(k->text);
}

static void write_outputs(const sn_result *r)
{
    sink k;
    sink_close(&k, sn_report_write_summary(r, sink_open(&k)), "summary");
    sink_close(&k, sn_report_write_geojson(r, sink_open(&k)), "GeoJSON");
    sink_close(&k, sn_report_write_html(r, sink_open(&k)), "HTML report");
    for (int t = 0; t < SN_CSV_COUNT; t++)
        sink_close(&k, sn_report_write_csv(r, (sn_csv_table)t, sink_open(&k)),
                   sn_csv_table_file((sn_csv_table)t));
}

/* As `symnet solve` does for an infeasible region: sn_run solves the elastic models and the
 * explanation is written from their results. */
static void explain(const sn_instance *in, const sn_params *p)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_result *r = NULL;
    if (sn_run(in, p, &r, &d) == SN_OK && sn_result_explanation(r, 0)) {
        sink k;
        sink_close(&k,
                   sn_report_write_infeasibility(sn_result_explanation(r, 0),
                                                 sn_result_explanation(r, 1), sink_open(&k)),
                   "infeasibility explanation");
    }
    sn_result_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    if (sn_instance_load_string((const char *)data, size, "fuzz.json", &in, &d) != SN_OK)
        return 0;
    sn_model *m = NULL;
    sn_diag_init(&d);
    if (sn_model_build(in, SN_MODEL_NETWORK, &m, &d) != SN_OK || sn_model_cols(m) > MAX_COLS) {
        sn_model_free(m);
        sn_instance_free(in);
        return 0;
    }
    sn_params p;
    sn_params_init(&p);
    p.time_limit_s = 0.5;
    sn_solution *s = NULL;
    sn_diag_init(&d);
    sn_status st = sn_solve(m, &p, &s, &d);
    sn_result *r = NULL;
    if (st == SN_OK) {
        sn_diag_init(&d);
        if (sn_result_build(in, m, s, &r, &d) != SN_OK)
            finding("the result's cost disagrees with the solver", &d);
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        if (!f)
            abort();
        st = sn_report_write_json(r, f);
        if (fclose(f) != 0 || st != SN_OK)
            abort();
        sn_diag_init(&d);
        if (sn_solution_verify_string(in, text, len, "solution.json", &d) != SN_OK)
            finding("the independent checker rejects the written solution", &d);
        free(text);
        write_outputs(r);
        if (sn_solution_status_get(s) == SN_SOL_INFEASIBLE)
            explain(in, &p);
    } else if (st != SN_ESOLVER && st != SN_ENOMEM) {
        finding("sn_solve failed", &d);
    }
    sn_result_free(r);
    sn_solution_free(s);
    sn_model_free(m);
    sn_instance_free(in);
    return 0;
}
