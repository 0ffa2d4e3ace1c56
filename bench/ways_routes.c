/*
 * ways_routes.c - how long the routes over the ways take (issue 18, bench/RESULTS.md "Routes
 * over the ways"): loads a region (timing the read, which builds the way graph), then times
 * one shortest-path tree per sender and resource (what src/model/links.c asks of
 * src/model/routes.c) and the whole model build, and prints the graph's size.
 *
 *     build/bench/ways_routes REGION
 *
 * Links libsymnet.a and its internal headers; not part of the pipeline.
 */
#include "model/model_int.h"

#include <stdio.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: ways_routes REGION\n", stderr);
        return 2;
    }
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    double t0 = now();
    if (sn_instance_load_file(argv[1], &in, &d) != SN_OK) {
        fputs("ways_routes: the region does not load (symnet check says why)\n", stderr);
        return 3;
    }
    double t_load = now() - t0;
    int segs = 0;
    for (int w = 0; w < in->n_ways; w++)
        segs += in->ways[w].n_pts - 1;
    printf("ways %d, input segments %d, graph vertices %d, trenches %d, nodes %d\n", in->n_ways,
           segs, in->n_vertices, in->n_trenches, snp_node_count(in));
    snp_router *rt = snp_router_new(in);
    if (!rt) {
        fputs("ways_routes: no ways, or out of memory\n", stderr);
        sn_instance_free(in);
        return 3;
    }
    /* one tree per (resource with pipes, sender) and per (resource with trucks, sender):
     * routes to every node from it, as links.c asks */
    t0 = now();
    long trees = 0, routes = 0;
    int nn = snp_node_count(in);
    for (int r = 0; r < in->n_resources; r++)
        for (int mode = 0; mode < 2; mode++) {
            const snp_resource *res = &in->resources[r];
            if ((mode == 0 && !res->has_pipe) || (mode == 1 && !res->has_truck))
                continue;
            for (int u = 0; u < nn; u++) {
                int i;
                if (snp_node_kind_of(in, u, &i) != SNP_NODE_FACILITY)
                    continue;
                const snp_facility *f = &in->facilities[i];
                int sends = 0;
                for (int s = 0; s < f->n_supplies; s++)
                    sends |= f->supplies[s].resource == r;
                if (!sends)
                    continue;
                trees++;
                for (int v = 0; v < nn; v++) {
                    snp_route ro;
                    if (v != u && snp_router_route(rt, (snp_mode)mode, r, u, v, NULL, &ro) > 0)
                        routes++;
                }
            }
        }
    double t_routes = now() - t0;
    snp_router_free(rt);
    t0 = now();
    sn_model *m = NULL;
    sn_status st = sn_model_build(in, SN_MODEL_NETWORK, &m, &d);
    double t_build = now() - t0;
    printf("read and graph %.3f s; %ld trees, %ld routes: %.3f s; model build %.3f s", t_load,
           trees, routes, t_routes, t_build);
    if (st == SN_OK)
        printf(" (%zu rows, %zu columns)", m->rows.len, m->cols.len);
    printf("\n");
    sn_model_free(m);
    sn_instance_free(in);
    return st == SN_OK ? 0 : 1;
}
