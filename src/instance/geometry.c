/*
 * geometry.c - warnings about where the nodes of a valid region sit (issue 13), run by
 * snp_instance_validate once the region is valid. A warning never makes a region invalid: it
 * goes into the caller's sn_diag (printed on stderr by the CLI) and into the instance's own
 * list, which the solution's "warnings" repeat.
 *
 * Outlier locations. A facility whose longitude and latitude were swapped, or whose longitude
 * lost its sign, or a planar_km location written in metres, sits hundreds or thousands of km
 * from the rest of the region and quietly drops out of every exchange. A node (facility, hub or
 * junction) is called an outlier when the distance to its nearest other node is more than
 * OUTLIER_FACTOR times the median of that distance over all nodes (the region's typical spacing)
 * and more than OUTLIER_FLOOR_KM. The median is robust: one or a few misplaced nodes do not move
 * it. The floor keeps remote but real partners quiet: a quarry 40 km out, or Kalundborg's
 * cement plant 164 km away across the Kattegat (instances/kalundborg.json), whatever the
 * region's spacing. A slip of under OUTLIER_FLOOR_KM (a mistyped digit of a latitude moves a
 * site 111 km) is not found here; when it takes the node out of reach of every candidate link,
 * the model's warning (src/model/warn.c) says so. Two nodes misplaced together are each other's
 * nearest neighbour and are not found either. Needs at least three nodes.
 *
 * Cost: the nearest neighbours by a sweep over the nodes sorted along one axis of their
 * Cartesian positions (on the sphere for lonlat: the chord grows with the great-circle
 * distance), O(n log n) for regions spread in the plane, O(n^2) at worst.
 */
#include "instance_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define OUTLIER_FACTOR 10.0
#define OUTLIER_FLOOR_KM 250.0
#define EARTH_RADIUS_KM 6371.0088

typedef struct pos {
    double c[3];
    int node;
} pos;

static int pos_cmp(const void *a, const void *b)
{
    const pos *x = a, *y = b;
    return (x->c[0] > y->c[0]) - (x->c[0] < y->c[0]);
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double chord2(const pos *a, const pos *b)
{
    double s = 0;
    for (int k = 0; k < 3; k++)
        s += (a->c[k] - b->c[k]) * (a->c[k] - b->c[k]);
    return s;
}

static const char *kind_path(const sn_instance *in, int node, int *index)
{
    switch (snp_node_kind_of(in, node, index)) {
    case SNP_NODE_FACILITY:
        return "facilities";
    case SNP_NODE_HUB:
        return "hubs";
    case SNP_NODE_JUNCTION:
        return "junctions";
    }
    return "nodes";
}

/* Keeps a warning in the instance (the first SNP_WARNINGS_KEPT) and adds it to diag. */
sn_status snp_instance_keep_warning(sn_instance *in, sn_diag *diag, const char *path,
                                    const char *msg)
{
    snp_diag_warn(diag, in->file, path, "%s", msg);
    if (in->n_warnings >= SNP_WARNINGS_KEPT) {
        in->warnings_dropped++;
        return SN_OK;
    }
    snp_warning w = {snp_arena_strdup(&in->arena, path), snp_arena_strdup(&in->arena, msg)};
    if (!w.path || !w.message)
        return SN_ENOMEM;
    in->warnings[in->n_warnings++] = w;
    return SN_OK;
}

sn_status snp_instance_geometry_warnings(sn_instance *in, sn_diag *diag)
{
    int n = snp_node_count(in);
    if (n < 3)
        return SN_OK;
    pos *p = snp_calloc((size_t)n, sizeof *p);
    double *nn = snp_calloc((size_t)n, sizeof *nn), *sorted = snp_calloc((size_t)n, sizeof *sorted);
    int *near = snp_calloc((size_t)n, sizeof *near);
    if (!p || !nn || !sorted || !near) {
        snp_free(p);
        snp_free(nn);
        snp_free(sorted);
        snp_free(near);
        snp_diag_add(diag, SN_ENOMEM, in->file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    const double rad = acos(-1.0) / 180.0;
    for (int i = 0; i < n; i++) {
        snp_point q = snp_node_loc(in, i);
        p[i].node = i;
        if (in->coords == SNP_COORDS_LONLAT) {
            p[i].c[0] = EARTH_RADIUS_KM * cos(q.y * rad) * cos(q.x * rad);
            p[i].c[1] = EARTH_RADIUS_KM * cos(q.y * rad) * sin(q.x * rad);
            p[i].c[2] = EARTH_RADIUS_KM * sin(q.y * rad);
        } else {
            p[i].c[0] = q.x;
            p[i].c[1] = q.y;
        }
    }
    qsort(p, (size_t)n, sizeof *p, pos_cmp);
    /* nearest neighbour: scan outwards along the sorted axis while the axis distance alone is
     * below the best chord so far */
    for (int i = 0; i < n; i++) {
        double best = INFINITY;
        int bj = -1;
        for (int dir = -1; dir <= 1; dir += 2)
            for (int j = i + dir; j >= 0 && j < n; j += dir) {
                double dx = p[j].c[0] - p[i].c[0];
                if (dx * dx >= best)
                    break;
                double d2 = chord2(&p[i], &p[j]);
                if (d2 < best) {
                    best = d2;
                    bj = j;
                }
            }
        near[p[i].node] = p[bj].node;
        nn[p[i].node] = snp_node_dist_km(in, p[i].node, p[bj].node);
    }
    for (int i = 0; i < n; i++)
        sorted[i] = nn[i];
    qsort(sorted, (size_t)n, sizeof *sorted, dbl_cmp);
    double median = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    sn_status st = SN_OK;
    for (int v = 0; v < n && st == SN_OK; v++) {
        if (!(nn[v] > OUTLIER_FACTOR * median && nn[v] > OUTLIER_FLOOR_KM))
            continue;
        int idx;
        const char *kind = kind_path(in, v, &idx);
        char path[64], msg[512];
        snprintf(path, sizeof path, "%s[%d].location", kind, idx);
        snp_point q = snp_node_loc(in, v);
        snprintf(msg, sizeof msg,
                 "\"%s\" at [%.15g, %.15g] is %.0f km from the nearest other node (\"%s\"), more "
                 "than %g times the region's median distance between neighbours (%.3g km) and "
                 "more than %g km: check its coordinates (%s)",
                 snp_node_id(in, v), q.x, q.y, nn[v], snp_node_id(in, near[v]), OUTLIER_FACTOR,
                 median, OUTLIER_FLOOR_KM,
                 in->coords == SNP_COORDS_LONLAT ? "lonlat: [longitude, latitude] in degrees"
                                                 : "planar_km: [x, y] in km");
        st = snp_instance_keep_warning(in, diag, path, msg);
    }
    snp_free(p);
    snp_free(nn);
    snp_free(sorted);
    snp_free(near);
    if (st == SN_ENOMEM)
        snp_diag_add(diag, SN_ENOMEM, in->file, NULL, "out of memory");
    return st;
}
