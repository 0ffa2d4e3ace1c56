/*
 * ways.c - the checker's view of routes over the ways (issue 18; docs/model.md 2.3 and 8.4,
 * docs/testing.md "The solution checker"). Stage: sn_instance + solution JSON -> [verify].
 *
 * Shares no code with src/instance/ways.c or src/model/routes.c: from the region's ways and
 * zones alone it re-derives, for every trench the file lists, that its points lie on its way
 * (a service connection: from the node it serves to a point of its way, no longer than
 * ways.max_service_km), its length (the polyline's, in the same local plane as docs/format.md
 * states), its capital (length x the way's trench cost per km, or the service cost), the zone
 * it lies in, and that it is dug exactly when a pipe built runs in it; for every routed link,
 * that its trenches join end to end from its tail to its head, that a pipe's are dug and a
 * truck's are roads outside every zone that bans trucks. It checks that a route is a route,
 * not that it is the cheapest one (that is the model's choice, docs/model.md 2.3).
 */
#include "verify_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define TOL_KM 1e-5 /* 1 cm: points the file writes with 17 digits are far closer */
#define DEG_KM (6371.0088 * 3.14159265358979323846 / 180.0)

static const char *const CLASSES[] = {"street", "arterial", "rail", "utility", "corridor"};

/* The plane of docs/format.md: lonlat projected equirectangularly along the ways' mean
 * latitude; planar_km as it is. */
typedef struct plane {
    int lonlat;
    double kx;
} plane;

static plane plane_of(const sn_instance *in)
{
    plane p = {in->coords == SNP_COORDS_LONLAT, 1};
    if (p.lonlat) {
        double s = 0;
        long n = 0;
        for (int w = 0; w < in->n_ways; w++)
            for (int k = 0; k < in->ways[w].n_pts; k++, n++)
                s += in->ways[w].pts[k].y;
        p.kx = DEG_KM * cos((n ? s / (double)n : 0) * 3.14159265358979323846 / 180.0);
    }
    return p;
}

static void km(const plane *p, snp_point a, double *x, double *y)
{
    *x = p->lonlat ? a.x * p->kx : a.x;
    *y = p->lonlat ? a.y * DEG_KM : a.y;
}

static double dist(const plane *p, snp_point a, snp_point b)
{
    double ax, ay, bx, by;
    km(p, a, &ax, &ay);
    km(p, b, &bx, &by);
    return hypot(bx - ax, by - ay);
}

/* Distance from (qx, qy) to the segment from (ax, ay) to (bx, by). */
static double off_segment(double qx, double qy, double ax, double ay, double bx, double by)
{
    double rx = bx - ax, ry = by - ay, l2 = rx * rx + ry * ry;
    double t = l2 > 0 ? ((qx - ax) * rx + (qy - ay) * ry) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(ax + t * rx - qx, ay + t * ry - qy);
}

/* Distance from q to way w's polyline, in km. */
static double off_way(const plane *p, const snp_way *w, snp_point q)
{
    double qx, qy, best = INFINITY;
    km(p, q, &qx, &qy);
    for (int k = 0; k + 1 < w->n_pts; k++) {
        double ax, ay, bx, by;
        km(p, w->pts[k], &ax, &ay);
        km(p, w->pts[k + 1], &bx, &by);
        best = fmin(best, off_segment(qx, qy, ax, ay, bx, by));
    }
    return best;
}

/* Even-odd rule, in the plane. */
static int in_zone(const plane *p, const snp_zone *z, double x, double y)
{
    int in = 0;
    for (int k = 0, l = z->n_pts - 2; k < z->n_pts - 1; l = k++) {
        double kx, ky, lx, ly;
        km(p, z->pts[k], &kx, &ky);
        km(p, z->pts[l], &lx, &ly);
        if ((ky > y) != (ly > y) && x < (lx - kx) * (y - ky) / (ly - ky) + kx)
            in = !in;
    }
    return in;
}

static int way_find(const sn_instance *in, const char *id)
{
    for (int w = 0; id && w < in->n_ways; w++)
        if (strcmp(in->ways[w].id, id) == 0)
            return w;
    return -1;
}

static int trench_find(const snp_solution_doc *d, const char *id)
{
    for (int t = 0; id && t < d->n_trenches; t++)
        if (d->trenches[t].id && strcmp(d->trenches[t].id, id) == 0)
            return t;
    return -1;
}

static void report(snp_verify_err err, void *ctx, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(snp_verify_err err, void *ctx, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err(ctx, path, msg);
}

/* How far inside max_service_km a road must pass for the checker to require a route: the
 * model measures to the pieces of its way graph, whose vertices may have been snapped by up to
 * 1e-6 km (src/instance/ways.c, SNAP_KM), and in its own arithmetic; at the boundary either
 * verdict is the model's to make (a fuzzed grid town put a node 0.3 km from a street with
 * max_service_km 0.3: the model kept the straight line, the checker wanted a route). */
#define NEAR_ROAD_TOL_KM 1e-5

/* Streets and arterials: the ways trucks drive on. */
static int is_road(const snp_way *w)
{
    return w->cls == SNP_WAY_STREET || w->cls == SNP_WAY_ARTERIAL;
}

int snp_verify_near_road(const sn_instance *in, int node)
{
    plane p = plane_of(in);
    snp_point q = snp_node_loc(in, node);
    double within = in->max_service_km * (1 - 1e-9) - NEAR_ROAD_TOL_KM;
    for (int w = 0; w < in->n_ways; w++)
        if (is_road(&in->ways[w]) && off_way(&p, &in->ways[w], q) <= within)
            return 1;
    return 0;
}

/* Distance between segments ab and cd (0 when they cross or touch). */
static double seg_dist(double ax, double ay, double bx, double by, double cx, double cy, double dx,
                       double dy)
{
    double o1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    double o2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
    double o3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
    double o4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
    if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
        return 0;
    /* apart: the nearest of each end to the other segment */
    return fmin(fmin(off_segment(ax, ay, cx, cy, dx, dy), off_segment(bx, by, cx, cy, dx, dy)),
                fmin(off_segment(cx, cy, ax, ay, bx, by), off_segment(dx, dy, ax, ay, bx, by)));
}

/* Whether ways w and z touch or cross anywhere (within TOL_KM). */
static int ways_touch(const plane *p, const snp_way *w, const snp_way *z)
{
    for (int i = 0; i + 1 < w->n_pts; i++) {
        double ax, ay, bx, by;
        km(p, w->pts[i], &ax, &ay);
        km(p, w->pts[i + 1], &bx, &by);
        for (int j = 0; j + 1 < z->n_pts; j++) {
            double cx, cy, dx, dy;
            km(p, z->pts[j], &cx, &cy);
            km(p, z->pts[j + 1], &dx, &dy);
            if (fmax(cx, dx) < fmin(ax, bx) - TOL_KM || fmin(cx, dx) > fmax(ax, bx) + TOL_KM ||
                fmax(cy, dy) < fmin(ay, by) - TOL_KM || fmin(cy, dy) > fmax(ay, by) + TOL_KM)
                continue;
            if (seg_dist(ax, ay, bx, by, cx, cy, dx, dy) <= TOL_KM)
                return 1;
        }
    }
    return 0;
}

static int find_root(int *up, int a)
{
    while (up[a] != a)
        a = up[a] = up[up[a]];
    return a;
}

/* Adds component c to node v's set; a set that overflows becomes "any" (SNP_REACH_ANY). */
static void reach_add(int *set, int c)
{
    if (set[0] == SNP_REACH_ANY)
        return;
    for (int k = 0; k < SNP_REACH_MAX; k++) {
        if (set[k] == c)
            return;
        if (set[k] < 0) {
            set[k] = c;
            return;
        }
    }
    set[0] = SNP_REACH_ANY;
}

int snp_verify_pipe_reach(const sn_instance *in, int *reach)
{
    plane p = plane_of(in);
    int *up = snp_calloc((size_t)in->n_ways + 1, sizeof *up);
    double *off = snp_calloc((size_t)in->n_ways + 1, sizeof *off); /* one node's distances */
    if (!up || !off) {
        snp_free(up);
        snp_free(off);
        return -1;
    }
    for (int w = 0; w < in->n_ways; w++)
        up[w] = w;
    for (int w = 0; w < in->n_ways; w++)
        for (int z = w + 1; z < in->n_ways; z++)
            if (find_root(up, w) != find_root(up, z) && ways_touch(&p, &in->ways[w], &in->ways[z]))
                up[find_root(up, w)] = find_root(up, z);
    double within = in->max_service_km * (1 + 1e-9) + TOL_KM;
    for (int v = 0; v < snp_node_count(in); v++) {
        int *set = reach + (size_t)v * SNP_REACH_MAX;
        for (int k = 0; k < SNP_REACH_MAX; k++)
            set[k] = -1;
        snp_point q = snp_node_loc(in, v);
        double near = INFINITY, near_road = INFINITY;
        for (int w = 0; w < in->n_ways; w++) {
            off[w] = off_way(&p, &in->ways[w], q);
            near = fmin(near, off[w]);
            if (is_road(&in->ways[w]))
                near_road = fmin(near_road, off[w]);
        }
        if (!(near <= within))
            continue;
        /* the nearest way's service connection, and a second one to the nearest road when the
         * nearest way is none (src/instance/ways.c): a pipe may take either */
        for (int w = 0; w < in->n_ways; w++)
            if (off[w] <= near + TOL_KM ||
                (is_road(&in->ways[w]) && near_road <= within && off[w] <= near_road + TOL_KM))
                reach_add(set, find_root(up, w));
    }
    snp_free(up);
    snp_free(off);
    return 0;
}

int snp_verify_pipe_may_join(const int *reach, int u, int v)
{
    const int *a = reach + (size_t)u * SNP_REACH_MAX, *b = reach + (size_t)v * SNP_REACH_MAX;
    if (a[0] == -1 || b[0] == -1)
        return 0;
    if (a[0] == SNP_REACH_ANY || b[0] == SNP_REACH_ANY)
        return 1;
    for (int i = 0; i < SNP_REACH_MAX && a[i] >= 0; i++)
        for (int k = 0; k < SNP_REACH_MAX && b[k] >= 0; k++)
            if (a[i] == b[k])
                return 1;
    return 0;
}

double snp_verify_route(const sn_instance *in, const snp_solution_doc *d, int li, int tail,
                        int head, snp_mode mode, int r, char *piped, double *zone_charge,
                        double *zone_trips, int *zone_seen, snp_verify_err err, void *ctx)
{
    const snp_sol_link *sl = &d->links[li];
    plane p = plane_of(in);
    char path[96];
    snprintf(path, sizeof path, "links[%d].route", li);
    snp_point cur = snp_node_loc(in, tail);
    double len = 0;
    int ok = 1;
    *zone_charge = 0;
    for (int i = 0; i < sl->n_route; i++) {
        int t = trench_find(d, sl->route[i]);
        if (t < 0) {
            report(err, ctx, path, "expected ids of trenches the file lists, got \"%.64s\"",
                   sl->route[i] ? sl->route[i] : "");
            return NAN;
        }
        const snp_sol_trench *tr = &d->trenches[t];
        if (tr->n_pts < 2)
            return NAN; /* reported by the reader */
        snp_point a = tr->pts[0], b = tr->pts[tr->n_pts - 1];
        if (dist(&p, a, cur) <= TOL_KM)
            cur = b;
        else if (dist(&p, b, cur) <= TOL_KM)
            cur = a;
        else if (ok) {
            report(err, ctx, path,
                   "expected trenches joined end to end from %s to %s, got \"%s\" (trench %d) "
                   "not starting where the route so far ends",
                   snp_node_id(in, tail), snp_node_id(in, head), tr->id, i);
            ok = 0;
        }
        len += tr->length_km;
        if (mode == SNP_MODE_PIPE) {
            piped[t] = 1;
            continue;
        }
        int w = way_find(in, tr->way);
        int road = tr->cls && (strcmp(tr->cls, "service") == 0 ||
                               (w >= 0 && (in->ways[w].cls == SNP_WAY_STREET ||
                                           in->ways[w].cls == SNP_WAY_ARTERIAL)));
        if (!road)
            report(err, ctx, path, "a truck drives along \"%s\", which is not a road", tr->id);
        /* a point inside the trench (its pieces never straddle a zone border) */
        double ax, ay, bx, by;
        km(&p, tr->pts[0], &ax, &ay);
        km(&p, tr->pts[1], &bx, &by);
        for (int z = 0; z < in->n_zones; z++) {
            if (!in_zone(&p, &in->zones[z], (ax + bx) / 2, (ay + by) / 2))
                continue;
            if (in->zones[z].truck_ban)
                report(err, ctx, path,
                       "a truck drives along \"%s\" in zone \"%s\", which bans trucks", tr->id,
                       in->zones[z].id);
            *zone_charge += tr->length_km * in->zones[z].truck_km_surcharge;
            if (zone_seen[z] != li) { /* 9.3: a link's trips count once per zone it enters */
                const snp_truck_spec *k = &in->resources[r].truck;
                zone_trips[z] += sl->has_trips           ? sl->trips
                                 : k->truck_capacity > 0 ? sl->flow / k->truck_capacity
                                                         : 0;
                zone_seen[z] = li;
            }
            break;
        }
    }
    if (ok && dist(&p, cur, snp_node_loc(in, head)) > TOL_KM) {
        report(err, ctx, path, "expected a route from %s to %s, got one that ends elsewhere",
               snp_node_id(in, tail), snp_node_id(in, head));
        ok = 0;
    }
    return ok ? len : NAN;
}

double snp_verify_trenches(const sn_instance *in, const snp_solution_doc *d, const char *piped,
                           snp_verify_err err, void *ctx)
{
    plane p = plane_of(in);
    char path[96];
    double capital = 0;
    for (int t = 0; t < d->n_trenches; t++) {
        const snp_sol_trench *tr = &d->trenches[t];
        if (!tr->id || tr->n_pts < 2)
            continue; /* reported by the reader */
        snprintf(path, sizeof path, "trenches[%d]", t);
        if (trench_find(d, tr->id) != t)
            report(err, ctx, path, "trench \"%s\" is listed twice", tr->id);
        int w = way_find(in, tr->way);
        int service = tr->cls && strcmp(tr->cls, "service") == 0;
        if (tr->way && w < 0) {
            report(err, ctx, path, "expected a way of the region, got \"%.64s\"", tr->way);
            continue;
        }
        if (!service && (w < 0 || !tr->cls || strcmp(tr->cls, CLASSES[in->ways[w].cls]) != 0)) {
            report(err, ctx, path, "expected class \"%s\" (its way's), got \"%.32s\"",
                   w >= 0 ? CLASSES[in->ways[w].cls] : "?", tr->cls ? tr->cls : "");
            continue;
        }
        size_t wl = w >= 0 ? strlen(in->ways[w].id) : 0;
        if (!service && (strncmp(tr->id, in->ways[w].id, wl) != 0 || tr->id[wl] != '#'))
            report(err, ctx, path, "expected an id \"%s#K\" (a piece of its way), got \"%.64s\"",
                   in->ways[w].id, tr->id);
        /* geometry: on its way; a service connection from its node to its way */
        double len = 0;
        for (int k = 0; k + 1 < tr->n_pts; k++)
            len += dist(&p, tr->pts[k], tr->pts[k + 1]);
        if (service) {
            int n = -1;
            for (int q = 0; tr->serves && q < snp_node_count(in) && n < 0; q++)
                if (strcmp(snp_node_id(in, q), tr->serves) == 0)
                    n = q;
            snp_point loc = n >= 0 ? snp_node_loc(in, n) : tr->pts[0];
            int from_node = n >= 0 && (dist(&p, tr->pts[0], loc) <= TOL_KM ||
                                       dist(&p, tr->pts[tr->n_pts - 1], loc) <= TOL_KM);
            snp_point end =
                dist(&p, tr->pts[0], loc) <= TOL_KM ? tr->pts[tr->n_pts - 1] : tr->pts[0];
            if (!from_node)
                report(err, ctx, path,
                       "expected a service connection from a node of the region, "
                       "got one that starts at none");
            else if (w >= 0 && off_way(&p, &in->ways[w], end) > TOL_KM)
                report(err, ctx, path, "its end is %.6g km off way \"%s\"",
                       off_way(&p, &in->ways[w], end), in->ways[w].id);
            if (len > in->max_service_km * (1 + 1e-9) + TOL_KM)
                report(err, ctx, path,
                       "a service connection of %.6g km, more than "
                       "ways.max_service_km (%.6g)",
                       len, in->max_service_km);
        } else {
            for (int k = 0; k < tr->n_pts; k++)
                if (off_way(&p, &in->ways[w], tr->pts[k]) > TOL_KM) {
                    report(err, ctx, path, "point %d is %.6g km off way \"%s\"", k,
                           off_way(&p, &in->ways[w], tr->pts[k]), in->ways[w].id);
                    break;
                }
        }
        if (fabs(len - tr->length_km) > 1e-6 * (len > 1 ? len : 1))
            report(err, ctx, path, "expected length_km %.10g (its points'), got %.10g", len,
                   tr->length_km);
        double per_km = service && in->has_service_cost ? in->service_capital_per_km
                        : w >= 0                        ? in->ways[w].trench_capital_per_km
                                                        : 0;
        double cap = len * per_km;
        if (fabs(cap - tr->capital) > 1e-6 * (fabs(cap) > 1 ? fabs(cap) : 1))
            report(err, ctx, path, "expected capital %.10g (length x %.10g per km), got %.10g", cap,
                   per_km, tr->capital);
        /* its zone */
        double ax, ay, bx, by;
        km(&p, tr->pts[0], &ax, &ay);
        km(&p, tr->pts[1], &bx, &by);
        const char *zone = NULL;
        for (int z = 0; z < in->n_zones && !zone; z++)
            if (in_zone(&p, &in->zones[z], (ax + bx) / 2, (ay + by) / 2))
                zone = in->zones[z].id;
        if ((zone == NULL) != (tr->zone == NULL) || (zone && strcmp(zone, tr->zone) != 0))
            report(err, ctx, path, "expected zone %s%s%s, got %s%.64s%s", zone ? "\"" : "",
                   zone ? zone : "none", zone ? "\"" : "", tr->zone ? "\"" : "",
                   tr->zone ? tr->zone : "none", tr->zone ? "\"" : "");
        /* dug exactly when a pipe built runs in it (8.4); its capital paid once */
        if (tr->dug != (piped[t] != 0))
            report(err, ctx, path, "expected dug %s (%s), got %s", piped[t] ? "true" : "false",
                   piped[t] ? "a pipe built runs in it" : "no pipe built runs in it",
                   tr->dug ? "true" : "false");
        if (piped[t])
            capital += tr->capital;
    }
    return capital;
}
