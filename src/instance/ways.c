/*
 * ways.c - the way graph of a valid region (issue 18; docs/format.md "ways", docs/model.md
 * 2.3): the ways split at their crossings, at their touching points and at zone borders into
 * pieces, every node joined to its nearest way by a service connection, and chains of pieces
 * of one way with nothing branching off merged into one trench. Stage: runs at the end of
 * snp_instance_validate, so every later stage sees in->trenches.
 *
 * Geometry is done in km: planar_km coordinates as they are, lonlat ones projected onto the
 * plane tangent along the ways' mean latitude (equirectangular: x = lon * cos(lat0) * k,
 * y = lat * k, k = 111.195 km per degree). Over a region 50 km tall the scale error of this
 * projection is below 0.2 %, well under the accuracy of a sketched street map; it is not meant
 * for ways that span a continent or cross the 180th meridian.
 *
 * Algorithm: the segments of all ways sorted by their smallest x and swept, each pair whose
 * boxes overlap intersected exactly (O(S log S + pairs)); vertices closer than SNAP_KM (1 mm)
 * are one (a grid hash, looked up in the 3 x 3 cells around a point). Each node is attached to
 * the nearest point of the nearest piece (O(nodes x pieces)); the piece is split there.
 *
 * Errors: a way that crosses or overlaps itself (a closed ring meeting itself at its first
 * point is fine), a lonlat point out of range, a way of zero length. Warnings: a node farther
 * than max_service_km from every way (it gets no pipes; its trucks keep the straight line).
 */
#include "instance_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNAP_KM 1e-6
#define KM_PER_DEG (6371.0088 * 3.14159265358979323846 / 180.0)
#define PARAM_EPS 1e-9

typedef struct seg {
    int way, i;            /* way index, segment index within the way */
    double ax, ay, bx, by; /* km */
    double minx, maxx, miny, maxy;
} seg;

typedef struct cut {
    int seg;
    double t;
    int v;
} cut;

typedef struct edge {
    int a, b;
    double pos_a, pos_b; /* where a and b are along the way: segment index + parameter */
    int way;             /* -1 service */
    int node;            /* service: its node */
    int zone;
    double length_km;
    int used;
    int second; /* a node's second service connection, to the nearest road */
} edge;

typedef struct builder {
    sn_instance *in;
    sn_diag *diag;
    int lonlat;
    double xscale; /* km per degree of longitude at lat0 */
    snp_vec vx;    /* snp_point, km */
    int64_t *hkey_x, *hkey_y;
    int *hval;
    size_t hcap, hn;
    snp_vec cuts;  /* cut */
    snp_vec edges; /* edge */
    unsigned char *bad_way;
    int nerr, nomem;
} builder;

/* ---- vertices: a grid hash of 1 mm cells -------------------------------------------------- */

static size_t hslot(int64_t x, int64_t y, size_t cap)
{
    uint64_t h = (uint64_t)x * 0x9E3779B97F4A7C15u ^
                 ((uint64_t)y + 0x632BE59BD9B4E019u) * 0xC2B2AE3D27D4EB4Fu;
    h ^= h >> 29;
    return (size_t)(h & (cap - 1));
}

static int hgrow(builder *b)
{
    size_t cap = b->hcap ? b->hcap * 2 : 1024;
    int64_t *kx = snp_calloc(cap, sizeof *kx), *ky = snp_calloc(cap, sizeof *ky);
    int *val = snp_calloc(cap, sizeof *val);
    if (!kx || !ky || !val) {
        snp_free(kx);
        snp_free(ky);
        snp_free(val);
        return -1;
    }
    for (size_t i = 0; i < cap; i++)
        val[i] = -1;
    for (size_t i = 0; i < b->hcap; i++) {
        if (b->hval[i] < 0)
            continue;
        size_t s = hslot(b->hkey_x[i], b->hkey_y[i], cap);
        while (val[s] >= 0)
            s = (s + 1) & (cap - 1);
        kx[s] = b->hkey_x[i];
        ky[s] = b->hkey_y[i];
        val[s] = b->hval[i];
    }
    snp_free(b->hkey_x);
    snp_free(b->hkey_y);
    snp_free(b->hval);
    b->hkey_x = kx;
    b->hkey_y = ky;
    b->hval = val;
    b->hcap = cap;
    return 0;
}

static int64_t quant(double v)
{
    return (int64_t)floor(v / SNAP_KM + 0.5);
}

/* A new vertex at (x, y) km, outside the hash (a node's own location); -1 without memory. */
static int vertex_new(builder *b, double x, double y)
{
    snp_point p = {x, y};
    if (!snp_vec_push(&b->vx, &p)) {
        b->nomem = 1;
        return -1;
    }
    return (int)b->vx.len - 1;
}

/* The vertex within about SNAP_KM of (x, y), made when there is none; -1 without memory. */
static int vertex_at(builder *b, double x, double y)
{
    int64_t qx = quant(x), qy = quant(y);
    for (int dx = -1; dx <= 1 && b->hcap; dx++)
        for (int dy = -1; dy <= 1; dy++) {
            size_t s = hslot(qx + dx, qy + dy, b->hcap);
            for (; b->hval[s] >= 0; s = (s + 1) & (b->hcap - 1))
                if (b->hkey_x[s] == qx + dx && b->hkey_y[s] == qy + dy)
                    return b->hval[s];
        }
    if ((b->hn + 1) * 2 > b->hcap && hgrow(b) != 0) {
        b->nomem = 1;
        return -1;
    }
    int v = vertex_new(b, x, y);
    if (v < 0)
        return -1;
    size_t s = hslot(qx, qy, b->hcap);
    while (b->hval[s] >= 0)
        s = (s + 1) & (b->hcap - 1);
    b->hkey_x[s] = qx;
    b->hkey_y[s] = qy;
    b->hval[s] = v;
    b->hn++;
    return v;
}

static snp_point vpos(const builder *b, int v)
{
    return SNP_VEC_AT(&b->vx, snp_point, v);
}

/* ---- projection ------------------------------------------------------------------------- */

static snp_point to_km(const builder *b, snp_point p)
{
    if (!b->lonlat)
        return p;
    return (snp_point){p.x * b->xscale, p.y * KM_PER_DEG};
}

static snp_point from_km(const builder *b, snp_point p)
{
    if (!b->lonlat)
        return p;
    return (snp_point){p.x / b->xscale, p.y / KM_PER_DEG};
}

/* ---- errors ----------------------------------------------------------------------------- */

static void err(builder *b, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void err(builder *b, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    snp_diag_vadd(b->diag, SN_EINPUT, b->in->file, path, fmt, ap);
    va_end(ap);
    b->nerr++;
}

/* ---- segments and their crossings --------------------------------------------------------- */

static void add_cut(builder *b, int s, double t, int v)
{
    cut c = {s, t, v};
    if (v >= 0 && !snp_vec_push(&b->cuts, &c))
        b->nomem = 1;
}

static int seg_cmp(const void *x, const void *y)
{
    const seg *a = x, *c = y;
    return (a->minx > c->minx) - (a->minx < c->minx);
}

static double cross2(double ax, double ay, double bx, double by)
{
    return ax * by - ay * bx;
}

/* Where the point (px, py) projects on segment s, as a parameter, and its distance. */
static double project(const seg *s, double px, double py, double *dist)
{
    double rx = s->bx - s->ax, ry = s->by - s->ay;
    double l2 = rx * rx + ry * ry;
    double t = l2 > 0 ? ((px - s->ax) * rx + (py - s->ay) * ry) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double qx = s->ax + t * rx - px, qy = s->ay + t * ry - py;
    *dist = sqrt(qx * qx + qy * qy);
    return t;
}

/* Two segments of one way that meet where consecutive segments join (or where a closed ring
 * closes) are fine; any other contact is a self-crossing. */
static int joint_only(const sn_instance *in, const seg *p, const seg *q, double t, double u)
{
    const snp_way *w = &in->ways[p->way];
    int closed = w->pts[0].x == w->pts[w->n_pts - 1].x && w->pts[0].y == w->pts[w->n_pts - 1].y;
    int last = w->n_pts - 2;
    const seg *lo = p->i < q->i ? p : q, *hi = p->i < q->i ? q : p;
    double tlo = p->i < q->i ? t : u, thi = p->i < q->i ? u : t;
    if (hi->i == lo->i + 1 && tlo > 1 - 1e-6 && thi < 1e-6)
        return 1;
    if (closed && lo->i == 0 && hi->i == last && tlo < 1e-6 && thi > 1 - 1e-6)
        return 1;
    return 0;
}

static void self_cross(builder *b, const seg *p, const seg *q, double x, double y)
{
    if (b->bad_way[p->way])
        return;
    b->bad_way[p->way] = 1;
    char path[64];
    snprintf(path, sizeof path, "ways.lines[%d].points", p->way);
    snp_point at = from_km(b, (snp_point){x, y});
    err(b, path,
        "expected a way that does not cross itself, got way \"%s\" crossing itself at "
        "[%.6g, %.6g] (segments %d and %d): split it into two ways",
        b->in->ways[p->way].id, at.x, at.y, p->i < q->i ? p->i : q->i, p->i < q->i ? q->i : p->i);
}

static void intersect(builder *b, const seg *segs, int i, int j)
{
    const seg *p = &segs[i], *q = &segs[j];
    double rx = p->bx - p->ax, ry = p->by - p->ay;
    double sx = q->bx - q->ax, sy = q->by - q->ay;
    double wx = q->ax - p->ax, wy = q->ay - p->ay;
    double d = cross2(rx, ry, sx, sy);
    double lr = sqrt(rx * rx + ry * ry), ls = sqrt(sx * sx + sy * sy);
    if (fabs(d) > 1e-12 * lr * ls) {
        double t = cross2(wx, wy, sx, sy) / d, u = cross2(wx, wy, rx, ry) / d;
        /* a contact within SNAP_KM of an end counts as one (a T-junction drawn by hand) */
        double et = SNAP_KM / lr, eu = SNAP_KM / ls;
        if (t < -et || t > 1 + et || u < -eu || u > 1 + eu)
            return;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        u = u < 0 ? 0 : u > 1 ? 1 : u;
        double x = p->ax + t * rx, y = p->ay + t * ry;
        if (p->way == q->way) {
            if (!joint_only(b->in, p, q, t, u))
                self_cross(b, p, q, x, y);
            return;
        }
        int v = vertex_at(b, x, y);
        add_cut(b, i, t, v);
        add_cut(b, j, u, v);
        return;
    }
    /* parallel: touching or overlapping only when collinear; every end of one lying on the
     * other cuts it there */
    if (fabs(cross2(wx, wy, rx, ry)) > SNAP_KM * lr)
        return;
    double ends[4][2] = {{q->ax, q->ay}, {q->bx, q->by}, {p->ax, p->ay}, {p->bx, p->by}};
    int touched = 0, overlap = 0;
    for (int k = 0; k < 4; k++) {
        const seg *on = k < 2 ? p : q;
        int idx = k < 2 ? i : j;
        double dist, t = project(on, ends[k][0], ends[k][1], &dist);
        if (dist > SNAP_KM)
            continue;
        touched = 1;
        if (t > 1e-9 && t < 1 - 1e-9)
            overlap = 1;
        if (p->way != q->way)
            add_cut(b, idx, t, vertex_at(b, ends[k][0], ends[k][1]));
    }
    if (p->way == q->way && touched && (overlap || (q->i != p->i + 1 && p->i != q->i + 1)))
        self_cross(b, p, q, p->bx, p->by);
}

static int cut_cmp(const void *x, const void *y)
{
    const cut *a = x, *c = y;
    if (a->seg != c->seg)
        return a->seg < c->seg ? -1 : 1;
    return (a->t > c->t) - (a->t < c->t);
}

/* Point in polygon (even-odd rule), in km. */
static int inside(const builder *b, const snp_zone *z, double x, double y)
{
    int in = 0;
    for (int k = 0, l = z->n_pts - 2; k < z->n_pts - 1; l = k++) {
        snp_point pk = to_km(b, z->pts[k]), pl = to_km(b, z->pts[l]);
        if ((pk.y > y) != (pl.y > y) && x < (pl.x - pk.x) * (y - pk.y) / (pl.y - pk.y) + pk.x)
            in = !in;
    }
    return in;
}

static int zone_of(const builder *b, snp_point p1, snp_point p2)
{
    double x = (p1.x + p2.x) / 2, y = (p1.y + p2.y) / 2;
    for (int z = 0; z < b->in->n_zones; z++)
        if (inside(b, &b->in->zones[z], x, y))
            return z;
    return -1;
}

static void add_edge(builder *b, int a, int c, double pos_a, double pos_c, int way, int node)
{
    snp_point pa = vpos(b, a), pc = vpos(b, c);
    edge e = {a, c, pos_a, pos_c, way, node, zone_of(b, pa, pc), hypot(pc.x - pa.x, pc.y - pa.y),
              0, 0};
    if (!snp_vec_push(&b->edges, &e))
        b->nomem = 1;
}

/* ---- checks of the points ---------------------------------------------------------------- */

static void check_points(builder *b, const char *what, int i, const snp_point *pts, int n)
{
    char path[96];
    for (int k = 0; k < n && b->lonlat; k++) {
        if (fabs(pts[k].x) <= 180 && fabs(pts[k].y) <= 90)
            continue;
        snprintf(path, sizeof path, "%s[%d].%s[%d]", what, i,
                 strcmp(what, "zones") == 0 ? "polygon" : "points", k);
        err(b, path,
            "expected [longitude, latitude] within [-180, 180] x [-90, 90], got [%.10g, %.10g]",
            pts[k].x, pts[k].y);
        return;
    }
}

/* ---- service connections ------------------------------------------------------------------ */

static int node_wanted(const sn_instance *in, int n)
{
    int i;
    return !(snp_node_kind_of(in, n, &i) == SNP_NODE_HUB &&
             in->hubs[i].status == SNP_STATUS_FORBIDDEN);
}

static const char *node_path(const sn_instance *in, int n, char *buf, size_t size)
{
    int i;
    snp_node_kind k = snp_node_kind_of(in, n, &i);
    snprintf(buf, size, "%s[%d].location",
             k == SNP_NODE_FACILITY ? "facilities"
             : k == SNP_NODE_HUB    ? "hubs"
                                    : "junctions",
             i);
    return buf;
}

static int is_road(const sn_instance *in, int way)
{
    return way >= 0 &&
           (in->ways[way].cls == SNP_WAY_STREET || in->ways[way].cls == SNP_WAY_ARTERIAL);
}

/* The vertex where node point p joins the nearest piece of a way (of a road when roads_only),
 * splitting the piece there; -1 when none is within max_service_km (*dist says how far the
 * nearest is, INFINITY without any), -2 without memory. */
static int join_nearest(builder *b, snp_point p, int roads_only, double *dist, int *way_out,
                        snp_vec *pinned)
{
    sn_instance *in = b->in;
    size_t ne = b->edges.len, best = ne;
    double bd = INFINITY, bt = 0;
    for (size_t e = 0; e < ne; e++) {
        const edge *ed = &SNP_VEC_AT(&b->edges, edge, e);
        if (ed->way < 0 || (roads_only && !is_road(in, ed->way)))
            continue;
        snp_point pa = vpos(b, ed->a), pc = vpos(b, ed->b);
        seg sg = {0, 0, pa.x, pa.y, pc.x, pc.y, 0, 0, 0, 0};
        double d, t = project(&sg, p.x, p.y, &d);
        if (d < bd) {
            bd = d;
            bt = t;
            best = e;
        }
    }
    *dist = bd;
    if (best == ne || bd > in->max_service_km)
        return -1;
    edge *ed = &SNP_VEC_AT(&b->edges, edge, best);
    *way_out = ed->way;
    snp_point pa = vpos(b, ed->a), pc = vpos(b, ed->b);
    int at = vertex_at(b, pa.x + bt * (pc.x - pa.x), pa.y + bt * (pc.y - pa.y));
    if (at < 0)
        return -2;
    ed = &SNP_VEC_AT(&b->edges, edge, best); /* vertex_at does not move edges; for clarity */
    if (at != ed->a && at != ed->b) {        /* split the piece at the connection */
        int far = ed->b, way = ed->way;
        double pos_far = ed->pos_b, pos_at = ed->pos_a + bt * (ed->pos_b - ed->pos_a);
        ed->b = at;
        ed->pos_b = pos_at;
        snp_point q = vpos(b, at);
        ed->length_km = hypot(q.x - pa.x, q.y - pa.y);
        add_edge(b, at, far, pos_at, pos_far, way, -1);
        if (b->nomem)
            return -2;
    }
    return snp_vec_push(pinned, &at) ? at : -2;
}

static sn_status warn_node(builder *b, int n, double dist, const char *what, const char *effect)
{
    sn_instance *in = b->in;
    char path[64], msg[400];
    if (dist == INFINITY)
        snprintf(msg, sizeof msg, "\"%s\" has no %s to connect to: %s", snp_node_id(in, n), what,
                 effect);
    else
        snprintf(msg, sizeof msg,
                 "\"%s\" is %.3g km from the nearest %s, more than ways.max_service_km (%.3g): %s",
                 snp_node_id(in, n), dist, what, in->max_service_km, effect);
    return snp_instance_keep_warning(in, b->diag, node_path(in, n, path, sizeof path), msg);
}

/* Every node joins the nearest way by a service connection (its pipes start there) and, when
 * that way is not a road, the nearest road by a second one (its trucks start there). */
static sn_status attach_nodes(builder *b, snp_vec *pinned)
{
    sn_instance *in = b->in;
    int nn = snp_node_count(in);
    for (int n = 0; n < nn && !b->nomem; n++) {
        in->node_vertex[n] = -1;
        in->node_road[n] = 0;
        if (!node_wanted(in, n))
            continue;
        snp_point p = to_km(b, snp_node_loc(in, n));
        double dist;
        int way = -1;
        int at = join_nearest(b, p, 0, &dist, &way, pinned);
        if (at == -2)
            return SN_ENOMEM;
        if (at < 0) {
            sn_status st = warn_node(b, n, dist, "way",
                                     "no pipe reaches it, and its trucks keep the straight line");
            if (st != SN_OK)
                return st;
            continue;
        }
        int own = at;
        if (dist > SNAP_KM) {
            own = vertex_new(b, p.x, p.y);
            if (own < 0 || !snp_vec_push(pinned, &own))
                return SN_ENOMEM;
            add_edge(b, own, at, 0, 0, -1, n);
        }
        in->node_vertex[n] = own;
        if (is_road(in, way)) {
            in->node_road[n] = 1;
            continue;
        }
        int road = join_nearest(b, p, 1, &dist, &way, pinned);
        if (road == -2)
            return SN_ENOMEM;
        if (road < 0) {
            sn_status st = warn_node(b, n, dist, "road", "its trucks keep the straight line");
            if (st != SN_OK)
                return st;
            continue;
        }
        in->node_road[n] = 1;
        if (road != own) {
            add_edge(b, own, road, 0, 0, -1, n);
            SNP_VEC_AT(&b->edges, edge, b->edges.len - 1).second = 1;
        }
    }
    return b->nomem ? SN_ENOMEM : SN_OK;
}

/* ---- chains of pieces into trenches ------------------------------------------------------- */

typedef struct chain_ctx {
    builder *b;
    int *off, *inc;      /* incidence lists (CSR) */
    unsigned char *stop; /* vertices where a trench ends */
    snp_vec out;         /* snp_trench */
    snp_vec key;         /* double per trench: where along its way it starts */
    snp_vec pts;         /* snp_point scratch */
} chain_ctx;

static int other_end(const edge *e, int v)
{
    return e->a == v ? e->b : e->a;
}

static int mergeable(chain_ctx *c, int v)
{
    if (c->stop[v] || c->off[v + 1] - c->off[v] != 2)
        return 0;
    const edge *e1 = &SNP_VEC_AT(&c->b->edges, edge, c->inc[c->off[v]]);
    const edge *e2 = &SNP_VEC_AT(&c->b->edges, edge, c->inc[c->off[v] + 1]);
    return e1 != e2 && e1->way >= 0 && e1->way == e2->way && e1->zone == e2->zone;
}

static sn_status walk(chain_ctx *c, int start, int e0)
{
    builder *b = c->b;
    sn_instance *in = b->in;
    c->pts.len = 0;
    snp_point p0 = from_km(b, vpos(b, start));
    if (!snp_vec_push(&c->pts, &p0))
        return SN_ENOMEM;
    int cur = start, e = e0;
    double len = 0, key = INFINITY;
    edge *first = &SNP_VEC_AT(&b->edges, edge, e0);
    for (;;) {
        edge *ed = &SNP_VEC_AT(&b->edges, edge, e);
        ed->used = 1;
        len += ed->length_km;
        key = fmin(key, fmin(ed->pos_a, ed->pos_b));
        int nx = other_end(ed, cur);
        snp_point pn = from_km(b, vpos(b, nx));
        if (!snp_vec_push(&c->pts, &pn))
            return SN_ENOMEM;
        cur = nx;
        if (!mergeable(c, cur))
            break;
        int e1 = c->inc[c->off[cur]], e2 = c->inc[c->off[cur] + 1];
        int ne = e1 == e ? e2 : e1;
        if (SNP_VEC_AT(&b->edges, edge, ne).used)
            break;
        e = ne;
    }
    snp_trench t;
    memset(&t, 0, sizeof t);
    t.a = start;
    t.b = cur;
    t.way = first->way;
    t.node = first->node;
    t.reaches = -1;
    t.zone = first->zone;
    t.length_km = len;
    if (t.way >= 0) {
        const snp_way *w = &in->ways[t.way];
        t.capital = len * w->trench_capital_per_km;
        t.road = w->cls == SNP_WAY_STREET || w->cls == SNP_WAY_ARTERIAL;
    } else {
        char id[96];
        snprintf(id, sizeof id, "service:%s%s", snp_node_id(in, t.node),
                 first->second ? ":road" : "");
        t.id = snp_arena_strdup(&in->arena, id);
        t.road = 1;
        if (!t.id)
            return SN_ENOMEM;
    }
    t.n_pts = (int)c->pts.len;
    t.pts = snp_arena_array(&in->arena, c->pts.len, sizeof *t.pts);
    if (!t.pts)
        return SN_ENOMEM;
    memcpy(t.pts, c->pts.data, c->pts.len * sizeof *t.pts);
    return snp_vec_push(&c->out, &t) && snp_vec_push(&c->key, &key) ? SN_OK : SN_ENOMEM;
}

typedef struct order_key {
    int way;
    double pos;
    int index;
} order_key;

static int order_cmp(const void *x, const void *y)
{
    const order_key *a = x, *c = y;
    if (a->way != c->way)
        return a->way < c->way ? -1 : 1;
    if (a->pos != c->pos)
        return a->pos < c->pos ? -1 : 1;
    return (a->index > c->index) - (a->index < c->index);
}

static sn_status make_trenches(builder *b, const snp_vec *pinned)
{
    sn_instance *in = b->in;
    int nv = (int)b->vx.len;
    size_t ne = b->edges.len;
    chain_ctx c;
    memset(&c, 0, sizeof c);
    c.b = b;
    c.off = snp_calloc((size_t)nv + 2, sizeof *c.off);
    c.inc = snp_calloc(2 * ne + 1, sizeof *c.inc);
    c.stop = snp_calloc((size_t)nv + 1, 1);
    int *fill = snp_calloc((size_t)nv + 1, sizeof *fill);
    snp_vec_init(&c.out, sizeof(snp_trench));
    snp_vec_init(&c.key, sizeof(double));
    snp_vec_init(&c.pts, sizeof(snp_point));
    sn_status st = SN_OK;
    if (!c.off || !c.inc || !c.stop || !fill) {
        st = SN_ENOMEM;
        goto done;
    }
    for (size_t e = 0; e < ne; e++) {
        const edge *ed = &SNP_VEC_AT(&b->edges, edge, e);
        c.off[ed->a + 1]++;
        c.off[ed->b + 1]++;
    }
    for (int v = 0; v < nv; v++)
        c.off[v + 1] += c.off[v];
    for (size_t e = 0; e < ne; e++) {
        const edge *ed = &SNP_VEC_AT(&b->edges, edge, e);
        c.inc[c.off[ed->a] + fill[ed->a]++] = (int)e;
        c.inc[c.off[ed->b] + fill[ed->b]++] = (int)e;
    }
    for (size_t k = 0; k < pinned->len; k++)
        c.stop[SNP_VEC_AT(pinned, int, k)] = 1;
    /* first from every vertex where a trench must end, then what is left: closed rings */
    for (int pass = 0; pass < 2 && st == SN_OK; pass++)
        for (int v = 0; v < nv && st == SN_OK; v++) {
            if (pass == 0 && mergeable(&c, v))
                continue;
            for (int k = c.off[v]; k < c.off[v + 1] && st == SN_OK; k++)
                if (!SNP_VEC_AT(&b->edges, edge, c.inc[k]).used) {
                    if (pass == 1)
                        c.stop[v] = 1;
                    st = walk(&c, v, c.inc[k]);
                }
        }
    if (st != SN_OK)
        goto done;
    in->n_trenches = (int)c.out.len;
    in->trenches = snp_arena_array(&in->arena, c.out.len + 1, sizeof *in->trenches);
    in->n_vertices = nv;
    in->vertex_km = snp_arena_array(&in->arena, (size_t)nv + 1, sizeof *in->vertex_km);
    if (!in->trenches || !in->vertex_km) {
        st = SN_ENOMEM;
        goto done;
    }
    /* pieces of a way numbered in order along it: WAY#1, WAY#2, ... */
    {
        size_t n = c.out.len;
        order_key *ok = snp_calloc(n + 1, sizeof *ok);
        if (!ok) {
            st = SN_ENOMEM;
            goto done;
        }
        for (size_t k = 0; k < n; k++) {
            const snp_trench *t = &SNP_VEC_AT(&c.out, snp_trench, k);
            ok[k] = (order_key){t->way, SNP_VEC_AT(&c.key, double, k), (int)k};
        }
        qsort(ok, n, sizeof *ok, order_cmp);
        int count = 0;
        for (size_t k = 0; k < n; k++) {
            snp_trench *t = &SNP_VEC_AT(&c.out, snp_trench, ok[k].index);
            if (t->way < 0)
                continue;
            count = k > 0 && ok[k - 1].way == t->way ? count + 1 : 1;
            char id[96];
            snprintf(id, sizeof id, "%s#%d", in->ways[t->way].id, count);
            t->id = snp_arena_strdup(&in->arena, id);
            if (!t->id)
                st = SN_ENOMEM;
        }
        snp_free(ok);
        if (st != SN_OK)
            goto done;
    }
    memcpy(in->trenches, c.out.data, c.out.len * sizeof *in->trenches);
    memcpy(in->vertex_km, b->vx.data, (size_t)nv * sizeof *in->vertex_km);
    /* a service connection costs what it is told, else what its way costs per km */
    for (int t = 0; t < in->n_trenches; t++) {
        snp_trench *tr = &in->trenches[t];
        if (tr->way >= 0)
            continue;
        int at = tr->a == in->node_vertex[tr->node] ? tr->b : tr->a;
        for (int u = 0; u < in->n_trenches && tr->reaches < 0; u++)
            if (in->trenches[u].way >= 0 && (in->trenches[u].a == at || in->trenches[u].b == at))
                tr->reaches = in->trenches[u].way;
        double per_km = in->has_service_cost ? in->service_capital_per_km
                        : tr->reaches >= 0   ? in->ways[tr->reaches].trench_capital_per_km
                                             : 0;
        tr->capital = tr->length_km * per_km;
    }
done:
    snp_free(c.off);
    snp_free(c.inc);
    snp_free(c.stop);
    snp_free(fill);
    snp_vec_free(&c.out);
    snp_vec_free(&c.key);
    snp_vec_free(&c.pts);
    return st;
}

/* ---- the network formulation's junctions (docs/model.md 2.4) ------------------------------ */

/* With "routing": "network", pipes are routed by the MILP over the trenches themselves: every
 * vertex a trench ends at becomes a junction "vertex#K" (K its vertex index; '#' cannot occur
 * in an id, so it never clashes with a user's) carrying every resource with a pipe mode, placed
 * at the trench's end point. A node joins the junction at its own vertex by a connection of
 * zero length (links.c), so flow may pass a facility's point of the ways on to others. The
 * junctions are appended after the user's (in->n_vertex_junctions of them), so node indices do
 * not move. */
static sn_status add_vertex_junctions(builder *b)
{
    sn_instance *in = b->in;
    int nn = snp_node_count(in), nv = in->n_vertices;
    snp_point *at = snp_calloc((size_t)nv + 1, sizeof *at);
    unsigned char *end = snp_calloc((size_t)nv + 1, 1);
    if (!at || !end) {
        snp_free(at);
        snp_free(end);
        return SN_ENOMEM;
    }
    for (int t = 0; t < in->n_trenches; t++) {
        const snp_trench *tr = &in->trenches[t];
        end[tr->a] = end[tr->b] = 1;
        at[tr->a] = tr->pts[0];
        at[tr->b] = tr->pts[tr->n_pts - 1];
    }
    int extra = 0;
    for (int v = 0; v < nv; v++)
        extra += end[v];
    sn_status st = SN_OK;
    if (extra > 0) {
        size_t total = (size_t)in->n_junctions + (size_t)extra;
        snp_junction *js = snp_arena_array(&in->arena, total, sizeof *js);
        int *nvx = snp_arena_array(&in->arena, (size_t)(nn + extra), sizeof *nvx);
        unsigned char *nroad = snp_arena_array(&in->arena, (size_t)(nn + extra), 1);
        if (!js || !nvx || !nroad)
            st = SN_ENOMEM;
        if (st == SN_OK) {
            if (in->n_junctions > 0)
                memcpy(js, in->junctions, (size_t)in->n_junctions * sizeof *js);
            memcpy(nvx, in->node_vertex, (size_t)nn * sizeof *nvx);
            memcpy(nroad, in->node_road, (size_t)nn);
            int j = in->n_junctions, n = nn;
            for (int v = 0; v < nv && st == SN_OK; v++) {
                if (!end[v])
                    continue;
                char id[32];
                snprintf(id, sizeof id, "vertex#%d", v);
                js[j].id = snp_arena_strdup(&in->arena, id);
                js[j].loc = at[v];
                js[j].n_resources = 0;
                js[j].resources = NULL;
                if (!js[j].id)
                    st = SN_ENOMEM;
                nvx[n] = v;
                nroad[n] = 0; /* no truck starts or ends at it */
                j++;
                n++;
            }
            in->junctions = js;
            in->n_junctions = j;
            in->n_vertex_junctions = extra;
            in->node_vertex = nvx;
            in->node_road = nroad;
        }
    }
    snp_free(at);
    snp_free(end);
    return st;
}

/* ---- the whole build --------------------------------------------------------------------- */

static sn_status build(builder *b)
{
    sn_instance *in = b->in;
    int nseg = 0;
    for (int w = 0; w < in->n_ways; w++)
        check_points(b, "ways.lines", w, in->ways[w].pts, in->ways[w].n_pts);
    for (int z = 0; z < in->n_zones; z++)
        check_points(b, "zones", z, in->zones[z].pts, in->zones[z].n_pts);
    if (b->nerr)
        return SN_EINPUT;
    if (b->lonlat) {
        double lat = 0;
        long n = 0;
        for (int w = 0; w < in->n_ways; w++)
            for (int k = 0; k < in->ways[w].n_pts; k++, n++)
                lat += in->ways[w].pts[k].y;
        b->xscale = KM_PER_DEG * cos(lat / (double)(n > 0 ? n : 1) * 3.14159265358979323846 / 180);
    }
    for (int w = 0; w < in->n_ways; w++)
        nseg += in->ways[w].n_pts - 1;
    seg *segs = snp_calloc((size_t)nseg + 1, sizeof *segs);
    if (!segs)
        return SN_ENOMEM;
    int ns = 0;
    for (int w = 0; w < in->n_ways; w++) {
        const snp_way *way = &in->ways[w];
        double len = 0;
        for (int k = 0; k + 1 < way->n_pts; k++) {
            snp_point a = to_km(b, way->pts[k]), c = to_km(b, way->pts[k + 1]);
            double l = hypot(c.x - a.x, c.y - a.y);
            len += l;
            if (l <= SNAP_KM)
                continue; /* a repeated point */
            seg *s = &segs[ns++];
            *s = (seg){w,
                       k,
                       a.x,
                       a.y,
                       c.x,
                       c.y,
                       fmin(a.x, c.x),
                       fmax(a.x, c.x),
                       fmin(a.y, c.y),
                       fmax(a.y, c.y)};
        }
        if (len <= SNAP_KM) {
            char path[64];
            snprintf(path, sizeof path, "ways.lines[%d].points", w);
            err(b, path,
                "expected a way of positive length, got way \"%s\" with all its points at one "
                "place",
                way->id);
        }
    }
    if (b->nerr) {
        snp_free(segs);
        return SN_EINPUT;
    }
    qsort(segs, (size_t)ns, sizeof *segs, seg_cmp);
    for (int i = 0; i < ns && !b->nomem; i++) {
        add_cut(b, i, 0, vertex_at(b, segs[i].ax, segs[i].ay));
        add_cut(b, i, 1, vertex_at(b, segs[i].bx, segs[i].by));
        for (int j = i + 1; j < ns && segs[j].minx <= segs[i].maxx + SNAP_KM && !b->nomem; j++)
            if (segs[j].miny <= segs[i].maxy + SNAP_KM && segs[i].miny <= segs[j].maxy + SNAP_KM)
                intersect(b, segs, i, j);
    }
    /* zone borders cut the ways, so that each piece lies wholly inside a zone or outside */
    for (int z = 0; z < in->n_zones && !b->nomem; z++) {
        const snp_zone *zo = &in->zones[z];
        for (int k = 0; k + 1 < zo->n_pts; k++) {
            snp_point a = to_km(b, zo->pts[k]), c = to_km(b, zo->pts[k + 1]);
            seg e = {-1, -1, a.x, a.y, c.x, c.y, 0, 0, 0, 0};
            double rx = c.x - a.x, ry = c.y - a.y;
            for (int i = 0; i < ns && !b->nomem; i++) {
                const seg *s = &segs[i];
                double sx = s->bx - s->ax, sy = s->by - s->ay;
                double d = cross2(sx, sy, rx, ry);
                if (fabs(d) < 1e-15)
                    continue;
                double wx = e.ax - s->ax, wy = e.ay - s->ay;
                double t = cross2(wx, wy, rx, ry) / d, u = cross2(wx, wy, sx, sy) / d;
                if (t > 0 && t < 1 && u >= 0 && u <= 1)
                    add_cut(b, i, t, vertex_at(b, s->ax + t * sx, s->ay + t * sy));
            }
        }
    }
    if (b->nerr || b->nomem) {
        snp_free(segs);
        return b->nomem ? SN_ENOMEM : SN_EINPUT;
    }
    qsort(b->cuts.data, b->cuts.len, sizeof(cut), cut_cmp);
    for (size_t k = 0; k + 1 < b->cuts.len && !b->nomem; k++) {
        const cut *c0 = &SNP_VEC_AT(&b->cuts, cut, k), *c1 = &SNP_VEC_AT(&b->cuts, cut, k + 1);
        if (c0->seg == c1->seg && c0->v != c1->v)
            add_edge(b, c0->v, c1->v, segs[c0->seg].i + c0->t, segs[c0->seg].i + c1->t,
                     segs[c0->seg].way, -1);
    }
    snp_free(segs);
    if (b->nomem)
        return SN_ENOMEM;

    int nn = snp_node_count(in);
    in->node_vertex = snp_arena_array(&in->arena, (size_t)nn + 1, sizeof *in->node_vertex);
    in->node_road = snp_arena_array(&in->arena, (size_t)nn + 1, 1);
    snp_vec pinned;
    snp_vec_init(&pinned, sizeof(int));
    sn_status st = in->node_vertex && in->node_road ? attach_nodes(b, &pinned) : SN_ENOMEM;
    if (st == SN_OK)
        st = make_trenches(b, &pinned);
    if (st == SN_OK && in->routing_network)
        st = add_vertex_junctions(b);
    snp_vec_free(&pinned);
    return st;
}

/* Zones need ways (trucks are routed over them), and a surcharge per truck-km needs every
 * trucked resource's truck_capacity (the surcharge is charged per trip). */
static int zone_errors(sn_instance *in, sn_diag *diag)
{
    int n = 0;
    if (in->n_zones > 0 && in->n_ways == 0) {
        snp_diag_add(diag, SN_EINPUT, in->file, "zones",
                     "expected \"ways\" with zones (trucks are routed over the ways), got none");
        n++;
    }
    for (int z = 0; z < in->n_zones; z++) {
        if (!(in->zones[z].truck_km_surcharge > 0) && !in->zones[z].has_trip_cap)
            continue;
        for (int r = 0; r < in->n_resources; r++) {
            const snp_resource *res = &in->resources[r];
            if (!res->has_truck || res->truck.truck_capacity > 0)
                continue;
            char path[64];
            int cap = !(in->zones[z].truck_km_surcharge > 0);
            snprintf(path, sizeof path, "zones[%d].%s", z,
                     cap ? "max_truck_trips_per_yr" : "truck_km_surcharge");
            snp_diag_add(diag, SN_EINPUT, in->file, path,
                         "%s: expected truck_capacity for every resource moved by truck, got none "
                         "for \"%s\"",
                         cap ? "a cap on trips counts trucks"
                             : "a surcharge per truck-km is charged per trip",
                         res->id);
            n++;
            break;
        }
    }
    return n;
}

/* Each supply's disposal_site (docs/format.md): a facility or junction other than its own, for a
 * supply with a disposal option of a resource trucked in trips (the haul is counted in trips of
 * truck_capacity). Resolves the id into supply.disposal_site. Without ways the site is checked
 * and kept, and no haul is routed (a scenario or --ways may add the ways). */
static int site_errors(sn_instance *in, sn_diag *diag)
{
    int n = 0;
    for (int f = 0; f < in->n_facilities; f++)
        for (int k = 0; k < in->facilities[f].n_supplies; k++) {
            snp_supply *s = &in->facilities[f].supplies[k];
            if (!s->disposal_site_id)
                continue;
            char path[96];
            snprintf(path, sizeof path, "facilities[%d].supplies[%d].disposal_site", f, k);
            int node = snp_node_find(in, s->disposal_site_id), i;
            const snp_resource *res = s->resource >= 0 ? &in->resources[s->resource] : NULL;
            char why[192] = "";
            if (node < 0 || snp_node_kind_of(in, node, &i) == SNP_NODE_HUB)
                snprintf(why, sizeof why, "expected the id of a facility or junction, got \"%s\"",
                         s->disposal_site_id);
            else if (node == snp_node_find(in, in->facilities[f].id))
                snprintf(why, sizeof why,
                         "expected a facility or junction other than the supply's own, got \"%s\"",
                         s->disposal_site_id);
            else if (!s->has_disposal)
                snprintf(why, sizeof why, "expected disposal_cost with a disposal site, got none");
            else if (res && !res->has_truck)
                snprintf(why, sizeof why,
                         "expected a resource moved by truck (the haul is counted in trips), "
                         "got \"%s\", which has no \"truck\"",
                         res->id);
            else if (res && !(res->truck.truck_capacity > 0))
                snprintf(why, sizeof why,
                         "expected a resource with truck_capacity (the haul is counted in "
                         "trips), got \"%s\" without",
                         res->id);
            if (why[0])
                snp_diag_add(diag, SN_EINPUT, in->file, path, "%s", why);
            else
                s->disposal_site = node;
            n += why[0] != 0;
        }
    return n;
}

sn_status snp_instance_ways_build(sn_instance *in, sn_diag *diag)
{
    if (zone_errors(in, diag) + site_errors(in, diag) > 0)
        return SN_EINPUT;
    if (in->n_ways == 0)
        return SN_OK;
    builder b;
    memset(&b, 0, sizeof b);
    b.in = in;
    b.diag = diag;
    b.lonlat = in->coords == SNP_COORDS_LONLAT;
    snp_vec_init(&b.vx, sizeof(snp_point));
    snp_vec_init(&b.cuts, sizeof(cut));
    snp_vec_init(&b.edges, sizeof(edge));
    b.bad_way = snp_calloc((size_t)in->n_ways + 1, 1);
    sn_status st = b.bad_way ? build(&b) : SN_ENOMEM;
    if (st == SN_ENOMEM)
        snp_diag_add(diag, SN_ENOMEM, in->file, NULL, "out of memory");
    snp_vec_free(&b.vx);
    snp_vec_free(&b.cuts);
    snp_vec_free(&b.edges);
    snp_free(b.hkey_x);
    snp_free(b.hkey_y);
    snp_free(b.hval);
    snp_free(b.bad_way);
    return st;
}
