/*
 * screen.c - `symnet screen` (issue 14): the first look at a region before any design. Every
 * supplier-to-user match is priced on its own and ranked by what it would save per year,
 * without building or solving the model (docs/outputs.md, "Screening").
 *
 * A direct match is a supply s of resource r at one facility and a demand d at another that
 * accepts r (as its own resource, ratio 1, or as a substitute with its ratio). Each mode of r
 * is priced with the model's own link pricing (snp_link_price, links.c: the candidate the model
 * would generate within the mode's max_km, or the explicit links[] entry that replaces or
 * forbids it; explicit links between facilities are screened whatever their length). The
 * match's value per unit sent is
 *     m = V_s + gamma * ratio * V_d - a_l - trip_cost / truck_capacity
 * with V_s = disposal_cost + carbon_price * disposal_co2 (the disposal avoided), V_d = price +
 * carbon_price * co2 (the purchase avoided), gamma the fraction that arrives and a_l the
 * link's annual cost per unit sent (docs/model.md section 2). Its amount x is at most the
 * link's bound (supply, intake, capacity, largest size) and what the demand can take,
 * D / (ratio * gamma); its saving x * m - A_l (fixed annual, with the smallest pipe size that
 * carries x and whole trips) is maximised over x in {the most it can carry, the most in full
 * trucks, each size's capacity}. Break-even amount = fixed / m ("never" when m <= 0). The
 * cheapest mode is the one with the best saving.
 *
 * A hub route is supplier -> hub -> user: one link each side, the hub's smallest capacity
 * option (its annualised capital and fixed opex), the input's processing cost, the other
 * outputs disposed of at their disposal cost, the output shipped whole to the user.
 *
 * A must-take supply (no disposal_cost) or a must-serve demand (no price) has no stand-alone
 * price: such a match is flagged, its "saving" counts its priced side only, it is listed
 * after every paying match (ranked among the flagged by that figure) and never counted as
 * paying. A match whose supply (or hub output) breaks one of the demand's quality limits on
 * its own is left out and counted.
 *
 * Speed (bench/README.md, "screen"): pairs are generated per resource from a grid of the
 * users (cells of a quarter of the longest reach of the resource's modes, in km; lon/lat
 * points on the sphere in 3-D); a supplier visits only the cells its circle of reach meets.
 * Of the pairs within reach, those too far apart to pay are settled in bulk from the supplier's
 * window of distances (below, "pairs settled in bulk"), most others by bounds from the price
 * tables, and only the rest are priced; the ranking keeps the `keep` best matches in a heap.
 * None of this changes a count or a kept match (snp_screen_build with exact 1 prices every
 * pair: tests/unit/test_screen.c compares the two). A resource whose reach is unlimited is
 * screened pair by pair.
 *
 * Stage: sn_instance (+ links.c pricing) -> [screen] -> report.
 */
#include "screen_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EARTH_R_KM 6371.0088
#define PI 3.14159265358979323846
#define GRID_AXIS_MAX (1 << 20) /* cells per axis: keys fit in 21 bits each */
#define GRID_K 4                /* cells per reach: a supplier visits the cells its circle meets */

/* ---- who supplies and who takes each resource --------------------------------------------- */

typedef struct end_ref {
    int fac, item; /* facility, supply or demand index */
    double ratio;  /* users: demand units met per unit of the resource */
} end_ref;

/* Ends of each resource, by resource: ends[first[r] .. first[r + 1]). */
typedef struct end_list {
    end_ref *ends;
    int *first;
} end_list;

static void end_list_free(end_list *l)
{
    snp_free(l->ends);
    snp_free(l->first);
}

/* Suppliers (users 0) or users (users 1) of every resource. -1 without memory. */
static int end_list_build(const sn_instance *in, int users, end_list *l)
{
    int nr = in->n_resources;
    l->first = snp_calloc((size_t)nr + 2, sizeof *l->first);
    size_t n = 0;
    for (int f = 0; f < in->n_facilities; f++) {
        const snp_facility *fa = &in->facilities[f];
        if (!users)
            n += (size_t)fa->n_supplies;
        for (int k = 0; users && k < fa->n_demands; k++)
            n += 1 + (size_t)fa->demands[k].n_subs;
    }
    l->ends = snp_calloc(n + 1, sizeof *l->ends);
    if (!l->first || !l->ends)
        return -1;
    /* count per resource, then place (stable: facility order) */
    for (int pass = 0; pass < 2; pass++) {
        int *fill = pass ? snp_calloc((size_t)nr + 1, sizeof *fill) : NULL;
        if (pass && !fill)
            return -1;
        for (int f = 0; f < in->n_facilities; f++) {
            const snp_facility *fa = &in->facilities[f];
            int items = users ? fa->n_demands : fa->n_supplies;
            for (int k = 0; k < items; k++) {
                const snp_demand *d = users ? &fa->demands[k] : NULL;
                int subs = users ? d->n_subs : 0;
                for (int s = -1; s < subs; s++) {
                    int r = !users  ? fa->supplies[k].resource
                            : s < 0 ? d->resource
                                    : d->subs[s].resource;
                    if (!pass) {
                        l->first[r + 1]++;
                        continue;
                    }
                    end_ref *e = &l->ends[l->first[r] + fill[r]++];
                    e->fac = f;
                    e->item = k;
                    e->ratio = s < 0 ? 1.0 : d->subs[s].ratio;
                }
            }
        }
        if (!pass)
            for (int r = 0; r < nr; r++)
                l->first[r + 1] += l->first[r];
        snp_free(fill);
    }
    return 0;
}

/* ---- a grid of points for "everything within reach of here" -------------------------------- */

typedef struct grid {
    int dims;     /* 2 planar, 3 on the sphere */
    double cell;  /* km: reach / GRID_K, or more when the axes would have too many cells */
    double reach; /* km: grid_ranges finds every point within it */
    double lo[3]; /* smallest coordinate of the points */
    int64_t n[3]; /* cells per axis */
    struct cell_entry {
        uint64_t cell; /* x | y << 21 | z << 42 */
        size_t point;  /* index into the grid's ends */
    } * keys;          /* sorted by cell, then point */
    size_t len;
} grid;

static void point_xyz(const sn_instance *in, int node, double p[3])
{
    snp_point q = snp_node_loc(in, node);
    if (in->coords == SNP_COORDS_PLANAR_KM) {
        p[0] = q.x;
        p[1] = q.y;
        p[2] = 0;
        return;
    }
    /* the chord is never longer than the great circle: a cell of `cell` km of chord misses
     * no point within `cell` km along the sphere */
    double lon = q.x * PI / 180, lat = q.y * PI / 180;
    p[0] = EARTH_R_KM * cos(lat) * cos(lon);
    p[1] = EARTH_R_KM * cos(lat) * sin(lon);
    p[2] = EARTH_R_KM * sin(lat);
}

static int64_t cell_of(const grid *g, const double *p, int axis)
{
    double c = floor((p[axis] - g->lo[axis]) / g->cell);
    return c < 0 ? -1 : c >= (double)g->n[axis] ? g->n[axis] : (int64_t)c;
}

static uint64_t cell_key(const int64_t *c)
{
    return (uint64_t)c[0] | (uint64_t)c[1] << 21 | (uint64_t)c[2] << 42;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_cell(const void *a, const void *b)
{
    const struct cell_entry *x = a, *y = b;
    if (x->cell != y->cell)
        return x->cell < y->cell ? -1 : 1;
    return (x->point > y->point) - (x->point < y->point);
}

/* A grid of the facilities of ends[0..n) with cells of `reach` km. -1 without memory. */
static int grid_build(const sn_instance *in, const end_ref *ends, size_t n, double reach, grid *g)
{
    memset(g, 0, sizeof *g);
    g->dims = in->coords == SNP_COORDS_PLANAR_KM ? 2 : 3;
    g->keys = snp_calloc(n + 1, sizeof *g->keys);
    if (!g->keys)
        return -1;
    double hi[3] = {-INFINITY, -INFINITY, -INFINITY};
    g->lo[0] = g->lo[1] = g->lo[2] = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double p[3];
        point_xyz(in, ends[i].fac, p);
        for (int a = 0; a < 3; a++) {
            g->lo[a] = fmin(g->lo[a], p[a]);
            hi[a] = fmax(hi[a], p[a]);
        }
    }
    double span = 0;
    for (int a = 0; a < 3; a++)
        span = fmax(span, hi[a] - g->lo[a]);
    g->reach = reach;
    g->cell = fmax(reach / GRID_K, span / (GRID_AXIS_MAX - 2));
    if (!(g->cell > 0))
        g->cell = 1;
    for (int a = 0; a < 3; a++)
        g->n[a] = n ? (int64_t)floor((hi[a] - g->lo[a]) / g->cell) + 1 : 1;
    for (size_t i = 0; i < n; i++) {
        double p[3];
        int64_t c[3];
        point_xyz(in, ends[i].fac, p);
        for (int a = 0; a < 3; a++)
            c[a] = cell_of(g, p, a);
        g->keys[i].cell = cell_key(c);
        g->keys[i].point = i;
    }
    g->len = n;
    qsort(g->keys, n, sizeof *g->keys, cmp_cell);
    return 0;
}

/* A range [lo, hi) of a grid's keys. */
typedef struct key_range {
    size_t lo, hi;
} key_range;

/* The first key of g at or after cell key `key`. */
static size_t grid_lower(const grid *g, uint64_t key)
{
    size_t lo = 0, hi = g->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->keys[mid].cell < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Distance along axis a from p to the cells of index c of g (0 inside them). */
static double cell_gap(const grid *g, const double *p, int a, int64_t c)
{
    double lo = g->lo[a] + (double)c * g->cell, hi = lo + g->cell;
    return p[a] < lo ? lo - p[a] : p[a] > hi ? p[a] - hi : 0;
}

/* Sets out (key_range) to the ranges of g->keys that hold every point within g->reach of p:
 * for each row of cells along x (y and z fixed; a row is one range of the sorted keys) whose
 * slab comes within reach, the cells of the row that the circle (sphere) of radius reach
 * round p meets. -1 without memory. */
static int grid_ranges(const grid *g, const double *p, snp_vec *out)
{
    out->len = 0;
    if (g->len == 0)
        return 0;
    /* a margin for the roundings of the cells' bounds; on the sphere the chord is never longer
     * than the great circle, so the great-circle reach bounds it */
    double R = g->reach * (1 + 1e-6) + 1e-12 * (fabs(p[0]) + fabs(p[1]) + fabs(p[2]) + 1);
    int64_t lo[3], hi[3];
    for (int a = 1; a < 3; a++) {
        double q[3] = {p[0], p[1], p[2]};
        q[a] = p[a] - R;
        lo[a] = a < g->dims ? cell_of(g, q, a) : 0;
        q[a] = p[a] + R;
        hi[a] = a < g->dims ? cell_of(g, q, a) : 0;
        lo[a] = lo[a] < 0 ? 0 : lo[a];
        hi[a] = hi[a] >= g->n[a] ? g->n[a] - 1 : hi[a];
    }
    for (int64_t z = lo[2]; z <= hi[2]; z++) {
        double gz = g->dims == 3 ? cell_gap(g, p, 2, z) : 0;
        for (int64_t y = lo[1]; y <= hi[1]; y++) {
            double gy = cell_gap(g, p, 1, y), w2 = R * R - gy * gy - gz * gz;
            if (w2 < 0)
                continue;
            double w = sqrt(w2), q[3] = {p[0] - w, p[1], p[2]};
            int64_t c0[3] = {cell_of(g, q, 0), y, z};
            q[0] = p[0] + w;
            int64_t c1[3] = {cell_of(g, q, 0), y, z};
            c0[0] = c0[0] < 0 ? 0 : c0[0];
            c1[0] = c1[0] >= g->n[0] ? g->n[0] - 1 : c1[0];
            if (c0[0] > c1[0])
                continue;
            /* key + 1 past the row's last cell is the next row's first: the end of this one */
            key_range k = {grid_lower(g, cell_key(c0)), grid_lower(g, cell_key(c1) + 1)};
            if (k.hi > k.lo && !snp_vec_push(out, &k))
                return -1;
        }
    }
    return 0;
}

/* Appends to out (size_t) the points of g in the ranges around p (ranges: key_range scratch).
 * -1 without memory. */
static int grid_near(const grid *g, const double *p, snp_vec *ranges, snp_vec *out)
{
    if (grid_ranges(g, p, ranges) != 0)
        return -1;
    for (size_t k = 0; k < ranges->len; k++) {
        const key_range *kr = &SNP_VEC_AT(ranges, key_range, k);
        for (size_t q = kr->lo; q < kr->hi; q++)
            if (!snp_vec_push(out, &g->keys[q].point))
                return -1;
    }
    return 0;
}

/* ---- ranking: a heap of the `keep` best, worst on top ---------------------------------------- */

int snp_screen_before(const snp_screen_match *a, const snp_screen_match *b)
{
    int fa = a->must_take || a->must_serve, fb = b->must_take || b->must_serve;
    if (fa != fb)
        return fa < fb;
    if (a->saving != b->saving)
        return a->saving > b->saving;
    const int ka[] = {a->supplier, a->user, a->resource, a->hub, a->out_resource, a->demand};
    const int kb[] = {b->supplier, b->user, b->resource, b->hub, b->out_resource, b->demand};
    for (size_t k = 0; k < sizeof ka / sizeof ka[0]; k++)
        if (ka[k] != kb[k])
            return ka[k] < kb[k];
    return 0;
}

static void heap_down(snp_screen_match *h, size_t n, size_t i)
{
    for (;;) {
        size_t w = i, l = 2 * i + 1, r = l + 1;
        if (l < n && snp_screen_before(&h[w], &h[l]))
            w = l;
        if (r < n && snp_screen_before(&h[w], &h[r]))
            w = r;
        if (w == i)
            return;
        snp_screen_match t = h[i];
        h[i] = h[w];
        h[w] = t;
        i = w;
    }
}

/* Offers a match to the ranking. -1 without memory. */
static int offer(sn_screen *sc, const snp_screen_match *m)
{
    snp_vec *v = &sc->kept;
    snp_screen_match *h = v->data;
    if (v->len < sc->keep) {
        if (!snp_vec_push(v, m))
            return -1;
        h = v->data;
        for (size_t i = v->len - 1; i > 0;) { /* sift up */
            size_t p = (i - 1) / 2;
            if (!snp_screen_before(&h[p], &h[i]))
                break;
            snp_screen_match t = h[i];
            h[i] = h[p];
            h[p] = t;
            i = p;
        }
        return 0;
    }
    sc->truncated = 1;
    if (!snp_screen_before(m, &h[0]))
        return 0;
    h[0] = *m;
    heap_down(h, v->len, 0);
    return 0;
}

/* ---- pricing one leg and one match ----------------------------------------------------------- */

/* Explicit links, sorted by (from, to, resource, mode), to find the one a pair has. */
typedef struct spec_key {
    int from, to, resource, mode, spec;
} spec_key;

static int spec_cmp(const void *a, const void *b)
{
    const spec_key *x = a, *y = b;
    const int kx[] = {x->from, x->to, x->resource, x->mode};
    const int ky[] = {y->from, y->to, y->resource, y->mode};
    for (int k = 0; k < 4; k++)
        if (kx[k] != ky[k])
            return kx[k] < ky[k] ? -1 : 1;
    return 0;
}

typedef struct ctx {
    const sn_instance *in;
    sn_screen *sc;
    snp_link_pricer *pricer;
    spec_key *specs;
    size_t n_specs;
    double *reach;           /* per resource: longest straight line any mode reaches, km */
    const end_list *ends[2]; /* suppliers, users */
    grid **grids;            /* [2 * resource + users], built when first needed */
    snp_vec near;            /* size_t: scratch for grid_near */
    snp_vec ranges;          /* key_range: scratch for grid_ranges */
    snp_point *loc;          /* per node (planar regions: the distance without hypot) */
    struct price_tab *tabs;  /* [2 * resource + mode] */
    uint64_t *special;       /* facility pairs (tail << 32 | head) joined by a link or corridor */
    size_t n_special;
    unsigned char *special_tail; /* per facility: the tail of a special pair */
    int exact; /* every pair within reach priced: no grid, bounds or bulk (snp_screen_build) */
} ctx;

/* Straight-line km between nodes a and b, as the grid and every reach test measure it: planar
 * sqrt(dx^2 + dy^2) (within a rounding of snp_node_dist_km's hypot), else great circle. */
static double dist_km(const ctx *c, int a, int b)
{
    if (c->in->coords != SNP_COORDS_PLANAR_KM)
        return snp_node_dist_km(c->in, a, b);
    double dx = c->loc[a].x - c->loc[b].x, dy = c->loc[a].y - c->loc[b].y;
    return sqrt(dx * dx + dy * dy);
}

/* The grid of the suppliers (users 0) or users of r with cells of r's reach; NULL without
 * memory. */
static const grid *grid_of(ctx *c, int r, int users)
{
    grid **g = &c->grids[2 * r + users];
    if (*g)
        return *g;
    const end_list *l = c->ends[users];
    *g = snp_calloc(1, sizeof **g);
    if (!*g)
        return NULL;
    if (grid_build(c->in, &l->ends[l->first[r]], (size_t)(l->first[r + 1] - l->first[r]),
                   c->reach[r], *g) != 0) {
        snp_free((*g)->keys);
        snp_free(*g);
        *g = NULL;
    }
    return *g;
}

/* Indices (into the ends of r of the kind `users`) within reach of r from node, in c->near;
 * every one when the reach is unlimited. -1 without memory. */
static int ends_near(ctx *c, int r, int users, int node)
{
    const end_list *l = c->ends[users];
    size_t n = (size_t)(l->first[r + 1] - l->first[r]);
    c->near.len = 0;
    if (n == 0 || !(c->reach[r] > 0))
        return 0;
    if (!isfinite(c->reach[r]) || c->exact) {
        for (size_t k = 0; k < n; k++)
            if (!snp_vec_push(&c->near, &k))
                return -1;
        return 0;
    }
    const grid *g = grid_of(c, r, users);
    if (!g)
        return -1;
    double p[3];
    point_xyz(c->in, node, p);
    return grid_near(g, p, &c->ranges, &c->near);
}

/* The link of tail->head of r by mode as the model has it: the explicit one (forbidden: none)
 * or the generated one. 1 with *l, 0 when there is none. */
static int leg(const ctx *c, int tail, int head, int r, snp_mode mode, snp_link *l)
{
    if (c->n_specs > 0) {
        spec_key want = {tail, head, r, (int)mode, -1};
        const spec_key *hit = bsearch(&want, c->specs, c->n_specs, sizeof want, spec_cmp);
        if (hit)
            return snp_link_price_spec(c->pricer, hit->spec, l);
    }
    return snp_link_price(c->pricer, tail, head, r, mode, l);
}

/* Straight-line reach used to find pairs: a pair within it is screened from the grid, any
 * other only when an explicit link or a corridor joins it. The same test everywhere. */
static int within_reach(double dist_km, double reach)
{
    return dist_km <= reach * (1 + 1e-9);
}

static double trips_for(const snp_link *l, double x)
{
    return l->trip_cost > 0 ? ceil(x / l->trip_capacity - 1e-9) : 0;
}

/* Smallest size of l that carries x (sizes are sorted by capacity), -1 without sizes. */
static int size_for(const snp_link *l, double x)
{
    for (int s = 0; s < l->n_sizes; s++)
        if (l->sizes[s].capacity >= x * (1 - 1e-12))
            return s;
    return l->n_sizes - 1;
}

static double size_annual(const snp_link *l, int s)
{
    return s >= 0 ? l->crf * l->length_km * l->sizes[s].capital_per_km : 0;
}

/* Annual cost of link l carrying x, apart from its per-unit cost: fixed, size, trips. */
static double leg_fixed(const snp_link *l, double x)
{
    return l->fixed_annual + size_annual(l, size_for(l, x)) + l->trip_cost * trips_for(l, x);
}

static double leg_trip_unit(const snp_link *l)
{
    return l->trip_cost > 0 ? l->trip_cost / l->trip_capacity : 0;
}

/* Value of one unit of supply s taken (the disposal avoided), 0 without disposal. */
static double supply_value(const sn_instance *in, const snp_supply *s)
{
    return s->has_disposal ? s->disposal_cost + in->carbon_price * s->disposal_co2 : 0;
}

static double demand_value(const sn_instance *in, const snp_demand *d)
{
    return d->has_price ? d->price + in->carbon_price * d->co2 : 0;
}

/* 1 when values q of resource r (NULL: none) break one of demand d's quality limits. */
static int breaks_limits(const sn_instance *in, int r, const double *q, const snp_demand *d)
{
    const snp_resource *res = &in->resources[r];
    for (int k = 0; q && k < d->n_limits; k++) {
        const snp_quality_limit *lim = &d->limits[k];
        for (int a = 0; a < res->n_attrs; a++) {
            if (strcmp(res->attrs[a], lim->attr) != 0)
                continue;
            if ((lim->has_min && q[a] < lim->min) || (lim->has_max && q[a] > lim->max))
                return 1;
        }
    }
    return 0;
}

/* Direct match over link l: fills m's figures at the best amount. */
static void price_direct(const sn_instance *in, const snp_link *l, snp_screen_match *m)
{
    const snp_supply *su = &in->facilities[m->supplier].supplies[m->supply];
    const snp_demand *d = &in->facilities[m->user].demands[m->demand];
    double g = l->arrive, rho = m->ratio;
    double xmax = fmin(l->bound, d->amount / (rho * g));
    double unit = supply_value(in, su) + g * rho * demand_value(in, d) - l->unit_annual;
    int flagged = m->must_take || m->must_serve;
    /* candidate amounts: all it can carry, in full trucks, each size full */
    double cand[2 + 100];
    int nc = 0;
    cand[nc++] = xmax;
    if (!flagged && l->trip_cost > 0 && floor(xmax / l->trip_capacity) >= 1)
        cand[nc++] = floor(xmax / l->trip_capacity) * l->trip_capacity;
    for (int s = 0; !flagged && s < l->n_sizes && nc < (int)(sizeof cand / sizeof cand[0]); s++)
        if (l->sizes[s].capacity < xmax)
            cand[nc++] = l->sizes[s].capacity;
    double best_x = xmax, best = -INFINITY;
    for (int k = 0; k < nc; k++) {
        double s = cand[k] * unit - leg_fixed(l, cand[k]);
        if (s > best) {
            best = s;
            best_x = cand[k];
        }
    }
    double x = best_x;
    int size = size_for(l, x);
    m->mode = l->mode;
    m->spec = l->spec;
    m->length_km = l->length_km;
    m->amount = x;
    m->delivered = x * g * rho;
    m->fixed_annual = l->fixed_annual + size_annual(l, size);
    m->unit_margin = unit - leg_trip_unit(l);
    m->saving = x * unit - leg_fixed(l, x);
    m->break_even = flagged              ? NAN
                    : m->unit_margin > 0 ? m->fixed_annual / m->unit_margin
                                         : INFINITY;
    m->capital = snp_link_capital(l, size, x);
    m->co2_avoided = x * ((su->has_disposal ? su->disposal_co2 : 0) +
                          g * rho * (d->has_price ? d->co2 : 0) - l->unit_co2);
}

/* ---- bounds that settle most pairs without pricing them ------------------------------------
 * For each resource and mode, the costs of a generated link at lengths 0, step, 2 step, ...
 * (snp_link_price_length). Its fixed and per-unit costs never fall and its arriving fraction
 * never rises with length, so a pair of length L in [L_k, L_k+1] costs at least the table's
 * k-th entry and at most its (k+1)-th: bounds on its saving. A pair whose saving is surely
 * <= 0 (it does not pay), or surely > 0 but below every kept match (it pays, and is not
 * kept), is counted without pricing it; every other pair, and every pair an explicit link or
 * corridor joins, is priced exactly (snp_link_price). */

#define TAB_N 1024

typedef struct price_tab {
    int ok;    /* the resource has the mode */
    int plain; /* no pipe sizes and no trip charge: the lower bound applies */
    double max_km, detour, step;
    double fixed[TAB_N]; /* fixed_annual at k * step */
    double unit[TAB_N];  /* unit_annual */
    double arrive[TAB_N];
} price_tab;

typedef enum fast_verdict { FAST_NONE = 0, FAST_LINK, FAST_UNSURE } fast_verdict;

/* Bounds on the saving of supply end s -> demand end u over a generated link of length
 * dist * detour, from table t: FAST_NONE when there is surely no such link, FAST_UNSURE when the
 * table cannot tell, else FAST_LINK with *ub >= saving >= *lb. Both ends priced. */
/* What the bounds read of a demand end, kept next to the grid's points so that the pair loop
 * does not chase the facility's demands: amount, ratio, vd = ratio * V_d, quality limits. */
typedef struct demand_side {
    double amount, ratio, vd;
    int limits;
} demand_side;

static demand_side demand_side_of(const sn_instance *in, const snp_demand *d, double ratio)
{
    return (demand_side){d->amount, ratio, ratio * demand_value(in, d), d->n_limits > 0};
}

static fast_verdict fast_bounds(const price_tab *t, double vs, double amount, const demand_side *u,
                                double dist, double *ub, double *lb)
{
    if (!t->ok)
        return FAST_NONE;
    double L = dist * t->detour;
    if (L > t->max_km * (1 + 1e-9))
        return FAST_NONE;
    if (L > t->max_km * (1 - 1e-9))
        return FAST_UNSURE;
    double kf = floor(L / t->step);
    if (!(kf >= 0) || kf + 1 >= TAB_N)
        return FAST_UNSURE;
    int k = (int)kf;
    /* the exact length may differ from L by a rounding: keep a margin round the entries */
    if (L < k * t->step * (1 + 1e-9) || L > (k + 1) * t->step * (1 - 1e-9))
        return FAST_UNSURE;
    double g_hi = t->arrive[k], g_lo = t->arrive[k + 1];
    if (g_hi <= 0)
        return FAST_NONE;
    if (g_lo <= 0)
        return FAST_UNSURE;
    double vd = u->vd;
    double m_ub = vs + (vd >= 0 ? g_hi : g_lo) * vd - t->unit[k];
    double x_ub = fmin(amount, u->amount / (u->ratio * g_lo));
    *ub = fmax(0, m_ub) * x_ub - t->fixed[k];
    *lb = -INFINITY;
    double m_lb = vs + (vd >= 0 ? g_lo : g_hi) * vd - t->unit[k + 1];
    if (t->plain && m_lb >= 0)
        *lb = fmin(amount, u->amount / (u->ratio * g_hi)) * m_lb - t->fixed[k + 1];
    return FAST_LINK;
}

static int is_special(const ctx *c, int tail, int head)
{
    if (c->n_special == 0)
        return 0;
    uint64_t key = (uint64_t)tail << 32 | (uint64_t)head;
    return bsearch(&key, c->special, c->n_special, sizeof key, cmp_u64) != NULL;
}

/* Counts the match of kind c and offers it to the ranking when it pays or is flagged. */
static int settle(ctx *c, sn_screen_counts *n, const snp_screen_match *m)
{
    n->feasible++;
    if (m->must_take || m->must_serve)
        n->flagged++;
    else if (m->saving > 0)
        n->paying++;
    else
        return 0;
    return offer(c->sc, m);
}

/* Settles the direct match of supply su (value vs) of end s and demand end u (of resource r,
 * dist_km apart; both priced, no explicit link or corridor between them) by the table's bounds
 * when they tell: no link, surely does not pay, or surely pays less than every kept match. 1
 * when settled (and counted), 0 when it must be priced. */
static int bounds_settle(ctx *c, int r, const snp_supply *su, double vs, const demand_side *ds,
                         const end_ref *u, double dist)
{
    double ub[2] = {0, 0}, lb[2] = {0, 0};
    fast_verdict v[2];
    for (int mode = 0; mode < 2; mode++)
        v[mode] =
            fast_bounds(&c->tabs[2 * r + mode], vs, su->amount, ds, dist, &ub[mode], &lb[mode]);
    if (v[0] == FAST_UNSURE || v[1] == FAST_UNSURE)
        return 0;
    if (v[0] == FAST_NONE && v[1] == FAST_NONE)
        return 1;
    double best_ub = fmax(v[0] ? ub[0] : -INFINITY, v[1] ? ub[1] : -INFINITY);
    double best_lb = fmax(v[0] ? lb[0] : -INFINITY, v[1] ? lb[1] : -INFINITY);
    const snp_screen_match *worst = c->sc->kept.len == c->sc->keep ? c->sc->kept.data : NULL;
    int below_kept =
        worst && !worst->must_take && !worst->must_serve && best_ub < worst->saving && best_lb > 0;
    if (!(best_ub <= 0 || below_kept))
        return 0;
    const sn_instance *in = c->in;
    sn_screen_counts *n = &c->sc->direct;
    n->screened++;
    if (su->quality && ds->limits &&
        breaks_limits(in, r, su->quality, &in->facilities[u->fac].demands[u->item]))
        n->quality_excluded++;
    else if (below_kept) {
        n->paying++;
        c->sc->truncated = 1;
    }
    return 1;
}

static int price_pair(ctx *c, int r, const end_ref *s, const end_ref *u);

/* The direct match of supply end s and demand end u of resource r over every mode; dist is
 * dist_km between them. */
static int screen_pair(ctx *c, int r, const end_ref *s, const end_ref *u, double dist)
{
    const sn_instance *in = c->in;
    if (s->fac == u->fac)
        return 0;
    const snp_supply *su0 = &in->facilities[s->fac].supplies[s->item];
    const snp_demand *d0 = &in->facilities[u->fac].demands[u->item];
    if (!c->exact && su0->has_disposal && d0->has_price && !is_special(c, s->fac, u->fac)) {
        demand_side ds = demand_side_of(in, d0, u->ratio);
        if (bounds_settle(c, r, su0, supply_value(in, su0), &ds, u, dist))
            return 0;
    }
    return price_pair(c, r, s, u);
}

/* The direct match of supply end s and demand end u of resource r, priced over every mode. */
static int price_pair(ctx *c, int r, const end_ref *s, const end_ref *u)
{
    const sn_instance *in = c->in;
    snp_link l[2];
    int have[2];
    for (int mode = 0; mode < 2; mode++)
        have[mode] = leg(c, s->fac, u->fac, r, (snp_mode)mode, &l[mode]);
    if (!have[0] && !have[1])
        return 0;
    sn_screen_counts *n = &c->sc->direct;
    n->screened++;
    const snp_supply *su = &in->facilities[s->fac].supplies[s->item];
    const snp_demand *d = &in->facilities[u->fac].demands[u->item];
    if (breaks_limits(in, r, su->quality, d)) {
        n->quality_excluded++;
        return 0;
    }
    snp_screen_match best, m;
    memset(&m, 0, sizeof m);
    m.hub = -1;
    m.supplier = s->fac;
    m.supply = s->item;
    m.user = u->fac;
    m.demand = u->item;
    m.resource = m.out_resource = r;
    m.input = m.output = -1;
    m.spec2 = -1;
    m.ratio = u->ratio;
    m.must_take = !su->has_disposal;
    m.must_serve = !d->has_price;
    int any = 0;
    for (int mode = 0; mode < 2; mode++) {
        if (!have[mode])
            continue;
        price_direct(in, &l[mode], &m);
        if (!any || m.saving > best.saving)
            best = m;
        any = 1;
    }
    return settle(c, n, &best);
}

/* ---- pairs settled in bulk ------------------------------------------------------------------
 * In a dense region most pairs within reach are too far apart to pay and near enough to have a
 * link: each counts as screened (and is tested against the quality limits) and nothing else.
 * From the price tables, a supplier end s of r gets a window [lo, hi] of straight distances in
 * which every pair is settled so without its own bounds:
 *   lo, per mode: the first table entry k0 with
 *         B_k = max(0, V_s + arrive_k * VD_r - unit_k) * amount_s - fixed_k <= 0,
 *       VD_r = max(0, the largest ratio * V_d of a priced user of r). B_k is at least the
 *       upper bound of fast_bounds for every pair at entry k (x <= amount_s, ratio * V_d <=
 *       VD_r) and never rises with k (arrive never rises, unit and fixed never fall), so no pair
 *       k0 * step / detour or further away pays, bounded or priced; found by bisection. A mode
 *       whose B stays positive to the table's end (a truck: nothing fixed) gives its max_km.
 *       lo is the largest over the modes.
 *   hi, for some mode: within max_km, inside the table and at least two entries before the
 *       first that delivers nothing, so the pair has a generated link in that mode (both ends
 *       send and take r: bound > 0) and fast_bounds is sure of it.
 * Both keep a margin of 1e-6 so that no rounding of a length decides. A flagged pair (a
 * must-take supply, V_s = 0, or a must-serve demand, its own class with V_d = 0) is never
 * bounded pair by pair, but counts as flagged whatever it saves: it is settled in bulk once
 * the heap is full, beyond the lo at which B_k falls below the worst kept match's saving (any
 * B when that match pays, since a flagged match ranks after every paying one), and so is
 * offered to a heap that would not keep it. The window applies only where no explicit link or
 * corridor leaves the supplier, its supply is the one out_max reads, and the two facilities
 * differ; pairs outside it are bounded or priced one by one. Which pairs are settled in bulk
 * depends on the heap, but never what is counted or kept: the heap only improves, and a pair
 * settled in bulk could not have entered it. Distances are compared squared (chords on the
 * sphere): no sqrt or great circle per pair (bench/README.md, "screen"). */

/* The squared distance of the pair loop (planar: km^2; sphere: squared chord) of a straight
 * distance of km (a great circle on the sphere); INFINITY beyond 0.9 of half the globe, where
 * the chord stops telling great circles apart. */
static double sq_span(const ctx *c, double km)
{
    if (!(km < INFINITY))
        return INFINITY;
    if (c->in->coords == SNP_COORDS_PLANAR_KM)
        return km * km;
    if (km >= 0.9 * PI * EARTH_R_KM)
        return INFINITY;
    double chord = 2 * EARTH_R_KM * sin(km / (2 * EARTH_R_KM));
    return chord * chord;
}

/* Straight km from which no pair of supply value vs and amount a saves more than `most` in the
 * mode of table t (see above, lo), users worth at most vd per unit sent; INFINITY when the
 * table cannot tell. */
static double pay_km(const price_tab *t, double vs, double vd, double a, double most)
{
    if (!(t->step > 0))
        return INFINITY;
    int lo = 0, hi = TAB_N - 2;
#define BOUND_AT(k) (fmax(0, vs + t->arrive[k] * vd - t->unit[k]) * a - t->fixed[k])
    if (!(BOUND_AT(hi) <= most))
        return t->max_km < INFINITY ? t->max_km / t->detour : INFINITY;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (BOUND_AT(mid) <= most)
            hi = mid;
        else
            lo = mid + 1;
    }
#undef BOUND_AT
    return lo * t->step / t->detour;
}

/* Straight km up to which every pair whose ends send and take r has a link in the mode of t
 * that fast_bounds is sure of (see above, hi); -1 when there is no such distance. */
static double link_km(const price_tab *t)
{
    if (!t->ok || !(t->step > 0))
        return -1;
    int kz = 0;
    while (kz < TAB_N && t->arrive[kz] > 0)
        kz++;
    double L = fmin(fmin(kz - 2, TAB_N - 2) * t->step, t->max_km);
    return L > 0 ? L / t->detour : -1;
}

/* A user end in the order of the grid's keys: what the pair loop reads. */
typedef struct user_pt {
    int end;        /* index into the users of r */
    int fac;        /* facility */
    int cls;        /* value class; VALUE_CLASSES: unpriced; -1: takes no r, never in bulk */
    int priced;     /* the demand has a price */
    demand_side ds; /* what the bounds read */
} user_pt;

#define VALUE_CLASSES 8 /* priced users of a resource by ratio * V_d: each class has its own lo */

/* A supplier end (index among the suppliers of a resource) and the order key it is screened by. */
typedef struct supplier_key {
    double most;
    int index;
} supplier_key;

/* Largest `most` first; ties in index order. */
static int cmp_supplier_key(const void *a, const void *b)
{
    const supplier_key *x = a, *y = b;
    if (x->most != y->most)
        return x->most > y->most ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Every supplier of r against the users of r within reach (grid), or all of them. */
static int screen_resource(ctx *c, int r)
{
    const sn_instance *in = c->in;
    const end_list *sup = c->ends[0], *usr = c->ends[1];
    const end_ref *U = &usr->ends[usr->first[r]];
    size_t nu = (size_t)(usr->first[r + 1] - usr->first[r]);
    if (nu == 0 || !(c->reach[r] > 0))
        return 0;
    const grid *g = NULL;
    if (isfinite(c->reach[r]) && !c->exact && !(g = grid_of(c, r, 1)))
        return -1;
    double *pt = snp_calloc(3 * nu, sizeof *pt);
    user_pt *up = snp_calloc(nu, sizeof *up);
    if (!pt || !up) {
        snp_free(pt);
        snp_free(up);
        return -1;
    }
    /* value classes of equal width over the priced users' ratio * V_d (at least 0); each
     * class's bound is the largest value in it, so no rounding of the widths matters */
    double v_lo = INFINITY, v_hi = 0, vd_max[VALUE_CLASSES + 1];
    for (int k = 0; k <= VALUE_CLASSES; k++)
        vd_max[k] = 0;
    for (size_t q = 0; q < nu; q++) {
        const snp_demand *d = &in->facilities[U[q].fac].demands[U[q].item];
        if (d->has_price) {
            v_lo = fmin(v_lo, fmax(0, U[q].ratio * demand_value(in, d)));
            v_hi = fmax(v_hi, U[q].ratio * demand_value(in, d));
        }
    }
    for (size_t q = 0; q < nu; q++) {
        int k = (int)(g ? g->keys[q].point : q);
        const end_ref *u = &U[k];
        const snp_demand *d = &in->facilities[u->fac].demands[u->item];
        point_xyz(in, u->fac, &pt[3 * q]);
        up[q] = (user_pt){k, u->fac, -1, d->has_price, demand_side_of(in, d, u->ratio)};
        if (!(snp_node_intake_max(in, u->fac, r) > 0))
            continue;
        up[q].cls = VALUE_CLASSES;
        if (!d->has_price)
            continue;
        double v = fmax(0, u->ratio * demand_value(in, d));
        double at = v_hi > v_lo ? floor((v - v_lo) / (v_hi - v_lo) * VALUE_CLASSES) : 0;
        up[q].cls = !(at > 0) ? 0 : at >= VALUE_CLASSES - 1 ? VALUE_CLASSES - 1 : (int)at;
        vd_max[up[q].cls] = fmax(vd_max[up[q].cls], v);
    }
    const price_tab *tab = &c->tabs[2 * r];
    double hi_km = fmax(link_km(&tab[0]), link_km(&tab[1]));
    double hi2 =
        hi_km > 0 ? sq_span(c, fmin(hi_km * (1 - 1e-6) - 1e-6, 0.9 * PI * EARTH_R_KM)) : -1;
    double out2 = sq_span(c, c->reach[r] * (1 + 1e-9) * (1 + 1e-6) + 1e-6);
    sn_screen_counts *n = &c->sc->direct;
    int rc = 0;
    /* suppliers by the most a match of theirs could save at no distance, largest first: the
     * heap fills with good matches early, so that the bounds against its worst (and the
     * flagged windows) settle more of the pairs that follow. The order changes no count and
     * no kept match, only how many pairs are priced. */
    int ns = sup->first[r + 1] - sup->first[r];
    supplier_key *order = snp_calloc((size_t)ns + 1, sizeof *order);
    if (!order) {
        snp_free(pt);
        snp_free(up);
        return -1;
    }
    for (int k = 0; k < ns; k++) {
        const end_ref *s = &sup->ends[sup->first[r] + k];
        const snp_supply *su = &in->facilities[s->fac].supplies[s->item];
        order[k] = (supplier_key){su->amount * fmax(0, supply_value(in, su) + v_hi), k};
    }
    qsort(order, (size_t)ns, sizeof *order, cmp_supplier_key);
    for (int o = 0; o < ns && rc == 0; o++) {
        const end_ref *s = &sup->ends[sup->first[r] + order[o].index];
        const snp_facility *fs = &in->facilities[s->fac];
        const snp_supply *su = &fs->supplies[s->item];
        double sp[3], vs = supply_value(in, su);
        int bounded = !c->exact && su->has_disposal;
        point_xyz(in, s->fac, sp);
        /* the windows of bulk settling, per user class; empty (lo2 > hi2) where they do not
         * apply. A paying pair must save nothing; a flagged one (must-take supply or
         * must-serve demand) less than the worst kept match, a flagged one, or anything when
         * that is a paying one: kept.data[0] is the worst while the heap is full */
        double lo2[VALUE_CLASSES + 1], flag_most = -INFINITY;
        const snp_screen_match *worst = c->sc->kept.data;
        if (c->sc->kept.len == c->sc->keep)
            flag_most = worst->must_take || worst->must_serve ? nextafter(worst->saving, -INFINITY)
                                                              : INFINITY;
        int first = 0, window = 0;
        while (fs->supplies[first].resource != r)
            first++;
        window =
            !c->exact && first == s->item && su->amount > 0 && hi2 > 0 && !c->special_tail[s->fac];
        for (int v = 0; v <= VALUE_CLASSES; v++) {
            double most = su->has_disposal && v < VALUE_CLASSES ? 0 : flag_most;
            double lo_km = window && most > -INFINITY ? 0 : INFINITY;
            for (int mode = 0; lo_km < INFINITY && mode < 2; mode++)
                if (tab[mode].ok)
                    lo_km = fmax(lo_km, pay_km(&tab[mode], vs, vd_max[v], su->amount, most));
            lo2[v] = sq_span(c, lo_km * (1 + 1e-6) + 1e-6);
        }
        key_range all = {0, nu};
        const key_range *kr = &all;
        size_t nrange = 1;
        if (g) {
            if (grid_ranges(g, sp, &c->ranges) != 0) {
                rc = -1;
                break;
            }
            kr = c->ranges.data;
            nrange = c->ranges.len;
        }
        for (size_t k = 0; k < nrange && rc == 0; k++)
            for (size_t q = kr[k].lo; q < kr[k].hi && rc == 0; q++) {
                const double *p = &pt[3 * q];
                double dx = sp[0] - p[0], dy = sp[1] - p[1], dz = sp[2] - p[2];
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 > out2)
                    continue; /* surely out of reach */
                const user_pt *u = &up[q];
                if (d2 <= hi2 && u->cls >= 0 && d2 >= lo2[u->cls] && u->fac != s->fac) {
                    n->screened++;
                    if (su->quality && u->ds.limits &&
                        breaks_limits(in, r, su->quality,
                                      &in->facilities[u->fac].demands[U[u->end].item]))
                        n->quality_excluded++;
                    else if (!su->has_disposal || u->cls == VALUE_CLASSES) {
                        n->flagged++; /* offered to a full heap and not kept */
                        c->sc->truncated = 1;
                    }
                    continue;
                }
                double dist = dist_km(c, s->fac, u->fac);
                if (!within_reach(dist, c->reach[r]) || u->fac == s->fac)
                    continue;
                /* screen_pair, with what the bounds read of the user at hand */
                if (bounded && u->priced &&
                    !(c->special_tail[s->fac] && is_special(c, s->fac, u->fac)) &&
                    bounds_settle(c, r, su, vs, &u->ds, &U[u->end], dist))
                    continue;
                rc = price_pair(c, r, s, &U[u->end]);
            }
    }
    snp_free(order);
    snp_free(pt);
    snp_free(up);
    return rc;
}

/* Pairs beyond reach that an explicit link or a corridor joins: screened here, once. */
static int screen_far_pairs(ctx *c)
{
    const end_list *usr = c->ends[1];
    const sn_instance *in = c->in;
    size_t n = 0, cap = (size_t)in->n_links + 2 * (size_t)in->n_corridors;
    uint64_t *pairs = snp_calloc(cap + 1, sizeof *pairs);
    if (!pairs)
        return -1;
    int nf = in->n_facilities;
    for (int k = 0; k < in->n_links; k++)
        if (in->links[k].from < nf && in->links[k].to < nf)
            pairs[n++] = (uint64_t)in->links[k].from << 32 | (uint64_t)in->links[k].to;
    for (int k = 0; k < in->n_corridors; k++) {
        const snp_corridor *co = &in->corridors[k];
        if (co->a < nf && co->b < nf && co->status != SNP_STATUS_FORBIDDEN) {
            pairs[n++] = (uint64_t)co->a << 32 | (uint64_t)co->b;
            pairs[n++] = (uint64_t)co->b << 32 | (uint64_t)co->a;
        }
    }
    qsort(pairs, n, sizeof *pairs, cmp_u64);
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (k > 0 && pairs[k] == pairs[k - 1])
            continue;
        int t = (int)(pairs[k] >> 32), h = (int)(pairs[k] & 0xffffffffu);
        double dist = dist_km(c, t, h);
        const snp_facility *ft = &in->facilities[t];
        for (int s = 0; s < ft->n_supplies && rc == 0; s++) {
            int r = ft->supplies[s].resource;
            if (within_reach(dist, c->reach[r]))
                continue; /* the grid screened it */
            end_ref se = {t, s, 1.0};
            for (int j = usr->first[r]; j < usr->first[r + 1] && rc == 0; j++)
                if (usr->ends[j].fac == h)
                    rc = screen_pair(c, r, &se, &usr->ends[j], dist);
        }
    }
    snp_free(pairs);
    return rc;
}

/* ---- hub routes --------------------------------------------------------------------------------
 */

/* One side of a hub route: a facility's supply or demand end and its link in each mode. */
typedef struct hub_leg {
    end_ref end;
    int have[2];
    snp_link l[2];
} hub_leg;

/* The legs between hub node h and the facilities of ends (to the hub: into 1, else out of
 * it), within reach or joined by an explicit link. -1 without memory. */
static int hub_legs(ctx *c, int h, int r, int into, snp_vec *out)
{
    const end_list *l = c->ends[into ? 0 : 1];
    const end_ref *ends = &l->ends[l->first[r]];
    out->len = 0;
    /* within reach (the grid), then explicit links from further away */
    if (ends_near(c, r, into ? 0 : 1, h) != 0)
        return -1;
    size_t n_near = c->near.len, n = n_near;
    for (size_t k = 0; c->n_specs > 0 && k < (size_t)(l->first[r + 1] - l->first[r]); k++)
        if (!snp_vec_push(&c->near, &k))
            return -1;
    n = c->near.len;
    for (size_t q = 0; q < n; q++) {
        size_t k = SNP_VEC_AT(&c->near, size_t, q);
        hub_leg lg;
        memset(&lg, 0, sizeof lg);
        lg.end = ends[k];
        int f = ends[k].fac;
        int near = within_reach(dist_km(c, f, h), c->reach[r]);
        if (q >= n_near && near)
            continue; /* found by the grid */
        if (q < n_near && !near)
            continue; /* in a cell nearby, but out of reach */
        for (int mode = 0; mode < 2; mode++) {
            int explicit_link = 0;
            if (!near && c->n_specs > 0) {
                spec_key want = {into ? f : h, into ? h : f, r, mode, -1};
                explicit_link = bsearch(&want, c->specs, c->n_specs, sizeof want, spec_cmp) != 0;
            }
            if (near || explicit_link)
                lg.have[mode] = leg(c, into ? f : h, into ? h : f, r, (snp_mode)mode, &lg.l[mode]);
        }
        if ((lg.have[0] || lg.have[1]) && !snp_vec_push(out, &lg))
            return -1;
    }
    return 0;
}

/* Route s -> hub -> u over links a (in) and b (out) at the hub's smallest option. */
static void price_route(const sn_instance *in, const snp_hub *hub, const snp_link *a,
                        const snp_link *b, snp_screen_match *m)
{
    const snp_supply *su = &in->facilities[m->supplier].supplies[m->supply];
    const snp_demand *d = &in->facilities[m->user].demands[m->demand];
    const snp_hub_capacity *opt = &hub->capacities[0];
    const snp_hub_input *hi = &hub->inputs[m->input];
    double pi = in->carbon_price, y = hi->yields[m->output];
    double g1 = a->arrive, g2 = b->arrive, rho = m->ratio;
    double others = 0, others_co2 = 0; /* the other outputs, disposed of, per unit processed */
    for (int o = 0; o < hub->n_outputs; o++)
        if (o != m->output) {
            others +=
                hi->yields[o] * (hub->outputs[o].disposal_cost + pi * hub->outputs[o].disposal_co2);
            others_co2 += hi->yields[o] * hub->outputs[o].disposal_co2;
        }
    double x = fmin(fmin(a->bound, opt->capacity / g1),
                    fmin(b->bound / (y * g1), d->amount / (rho * g2 * y * g1)));
    double z = y * g1 * x; /* output shipped */
    double unit = supply_value(in, su) - a->unit_annual -
                  g1 * (hi->cost_per_unit + pi * hi->co2_per_unit + others) +
                  y * g1 * (rho * g2 * demand_value(in, d) - b->unit_annual);
    double hub_fixed =
        snp_crf(in->discount_rate, hub->lifetime_yr) * opt->capital + opt->fixed_opex;
    int s1 = size_for(a, x), s2 = size_for(b, z);
    m->mode = a->mode;
    m->mode2 = b->mode;
    m->spec = a->spec;
    m->spec2 = b->spec;
    m->length_km = a->length_km + b->length_km;
    m->amount = x;
    m->delivered = rho * g2 * z;
    m->fixed_annual =
        a->fixed_annual + size_annual(a, s1) + b->fixed_annual + size_annual(b, s2) + hub_fixed;
    m->unit_margin = unit - leg_trip_unit(a) - y * g1 * leg_trip_unit(b);
    m->saving = x * unit - leg_fixed(a, x) - leg_fixed(b, z) - hub_fixed;
    m->break_even = m->must_take || m->must_serve ? NAN
                    : m->unit_margin > 0          ? m->fixed_annual / m->unit_margin
                                                  : INFINITY;
    m->capital = snp_link_capital(a, s1, x) + snp_link_capital(b, s2, z) + opt->capital;
    m->co2_avoided = x * (su->has_disposal ? su->disposal_co2 : 0) - x * a->unit_co2 -
                     g1 * x * (hi->co2_per_unit + others_co2) - z * b->unit_co2 +
                     rho * g2 * z * (d->has_price ? d->co2 : 0);
}

static int screen_hub(ctx *c, int h, snp_vec *ins, snp_vec *outs)
{
    const sn_instance *in = c->in;
    const snp_hub *hub = &in->hubs[h];
    int node = in->n_facilities + h;
    sn_screen_counts *n = &c->sc->hub;
    for (int i = 0; i < hub->n_inputs; i++) {
        int ri = hub->inputs[i].resource;
        if (hub_legs(c, node, ri, 1, ins) != 0)
            return -1;
        for (int o = 0; o < hub->n_outputs && ins->len > 0; o++) {
            int ro = hub->outputs[o].resource;
            if (!(hub->inputs[i].yields[o] > 0))
                continue;
            if (hub_legs(c, node, ro, 0, outs) != 0)
                return -1;
            for (size_t k = 0; k < ins->len; k++) {
                const hub_leg *a = &SNP_VEC_AT(ins, hub_leg, k);
                const snp_supply *su = &in->facilities[a->end.fac].supplies[a->end.item];
                for (size_t j = 0; j < outs->len; j++) {
                    const hub_leg *b = &SNP_VEC_AT(outs, hub_leg, j);
                    const snp_demand *d = &in->facilities[b->end.fac].demands[b->end.item];
                    n->screened++;
                    if (breaks_limits(in, ro, hub->outputs[o].quality, d)) {
                        n->quality_excluded++;
                        continue;
                    }
                    snp_screen_match m, best;
                    memset(&m, 0, sizeof m);
                    m.hub = h;
                    m.supplier = a->end.fac;
                    m.supply = a->end.item;
                    m.user = b->end.fac;
                    m.demand = b->end.item;
                    m.resource = ri;
                    m.out_resource = ro;
                    m.input = i;
                    m.output = o;
                    m.ratio = b->end.ratio;
                    m.must_take = !su->has_disposal;
                    m.must_serve = !d->has_price;
                    int any = 0;
                    for (int m1 = 0; m1 < 2; m1++)
                        for (int m2 = 0; m2 < 2; m2++) {
                            if (!a->have[m1] || !b->have[m2])
                                continue;
                            price_route(in, hub, &a->l[m1], &b->l[m2], &m);
                            if (!any || m.saving > best.saving)
                                best = m;
                            any = 1;
                        }
                    if (settle(c, n, &best) != 0)
                        return -1;
                }
            }
        }
    }
    return 0;
}

/* ---- the screen ---------------------------------------------------------------------------- */

static int cmp_rank(const void *a, const void *b)
{
    const snp_screen_match *x = a, *y = b;
    return snp_screen_before(x, y) ? -1 : snp_screen_before(y, x) ? 1 : 0;
}

/* "FROM/TO/RESOURCE/MODE", or the explicit link's own id. */
static const char *link_id(sn_screen *sc, int from, int to, int r, snp_mode mode, int spec,
                           char *buf, size_t size)
{
    const sn_instance *in = sc->in;
    if (spec >= 0 && in->links[spec].id)
        snprintf(buf, size, "%s", in->links[spec].id);
    else
        snprintf(buf, size, "%s/%s/%s/%s", snp_node_id(in, from), snp_node_id(in, to),
                 in->resources[r].id, mode == SNP_MODE_PIPE ? "pipe" : "truck");
    return buf;
}

static int name_matches(sn_screen *sc)
{
    const sn_instance *in = sc->in;
    size_t n = sc->kept.len;
    sc->ids = snp_arena_array(&sc->arena, n + 1, sizeof *sc->ids);
    if (!sc->ids)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const snp_screen_match *m = &SNP_VEC_AT(&sc->kept, snp_screen_match, i);
        char a[300], b[300], id[620];
        if (m->hub < 0)
            link_id(sc, m->supplier, m->user, m->resource, m->mode, m->spec, id, sizeof id);
        else {
            int node = in->n_facilities + m->hub;
            snprintf(id, sizeof id, "%s+%s",
                     link_id(sc, m->supplier, node, m->resource, m->mode, m->spec, a, sizeof a),
                     link_id(sc, node, m->user, m->out_resource, m->mode2, m->spec2, b, sizeof b));
        }
        sc->ids[i] = snp_arena_strdup(&sc->arena, id);
        if (!sc->ids[i])
            return -1;
    }
    return 0;
}

static double resource_reach(const snp_resource *res)
{
    double reach = 0;
    if (res->has_pipe) /* a pipe of 1 / loss_per_km km delivers nothing */
        reach = fmax(reach, fmin(res->pipe.max_km,
                                 res->pipe.loss_per_km > 0 ? 1 / res->pipe.loss_per_km : INFINITY) /
                                res->pipe.detour);
    if (res->has_truck)
        reach = fmax(reach, res->truck.max_km / res->truck.detour);
    return reach;
}

/* The tables of every resource and mode, the node locations and the special pairs. -1
 * without memory. */
static int prepare(ctx *c)
{
    const sn_instance *in = c->in;
    int nn = snp_node_count(in), nr = in->n_resources;
    c->loc = snp_calloc((size_t)nn + 1, sizeof *c->loc);
    c->tabs = snp_calloc(2 * (size_t)nr + 1, sizeof *c->tabs);
    c->special =
        snp_calloc((size_t)in->n_links + 2 * (size_t)in->n_corridors + 1, sizeof *c->special);
    c->special_tail = snp_calloc((size_t)in->n_facilities + 1, 1);
    if (!c->loc || !c->tabs || !c->special || !c->special_tail)
        return -1;
    double span = 0;
    for (int v = 0; v < nn; v++)
        c->loc[v] = snp_node_loc(in, v);
    if (in->coords == SNP_COORDS_PLANAR_KM) {
        double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
        for (int v = 0; v < nn; v++) {
            x0 = fmin(x0, c->loc[v].x);
            x1 = fmax(x1, c->loc[v].x);
            y0 = fmin(y0, c->loc[v].y);
            y1 = fmax(y1, c->loc[v].y);
        }
        span = nn ? sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)) : 0;
    } else {
        span = PI * EARTH_R_KM;
    }
    for (int r = 0; r < nr; r++)
        for (int mode = 0; mode < 2; mode++) {
            const snp_resource *res = &in->resources[r];
            price_tab *t = &c->tabs[2 * r + mode];
            t->ok = mode == SNP_MODE_PIPE ? res->has_pipe : res->has_truck;
            if (!t->ok)
                continue;
            t->detour = mode == SNP_MODE_PIPE ? res->pipe.detour : res->truck.detour;
            t->max_km = mode == SNP_MODE_PIPE ? res->pipe.max_km : res->truck.max_km;
            t->plain =
                mode == SNP_MODE_PIPE ? res->pipe.n_sizes == 0 : !(res->truck.cost_per_trip > 0);
            /* up to the longest link that can exist: max_km, the region's diagonal, and for a
             * lossy pipe the length at which nothing arrives */
            double top = fmin(t->max_km, span * t->detour * (1 + 1e-6) + 1e-3);
            if (mode == SNP_MODE_PIPE && res->pipe.loss_per_km > 0)
                top = fmin(top, 1 / res->pipe.loss_per_km * (1 + 1e-6) + 1e-3);
            t->step = top / (TAB_N - 2);
            for (int k = 0; k < TAB_N; k++) {
                snp_link l;
                snp_link_price_length(c->pricer, r, (snp_mode)mode, k * t->step, &l);
                t->fixed[k] = l.fixed_annual;
                t->unit[k] = l.unit_annual;
                t->arrive[k] = l.arrive;
            }
        }
    int nf = in->n_facilities;
    for (int k = 0; k < in->n_links; k++)
        if (in->links[k].from < nf && in->links[k].to < nf)
            c->special[c->n_special++] =
                (uint64_t)in->links[k].from << 32 | (uint64_t)in->links[k].to;
    for (int k = 0; k < in->n_corridors; k++) {
        const snp_corridor *co = &in->corridors[k];
        if (co->a < nf && co->b < nf) {
            c->special[c->n_special++] = (uint64_t)co->a << 32 | (uint64_t)co->b;
            c->special[c->n_special++] = (uint64_t)co->b << 32 | (uint64_t)co->a;
        }
    }
    qsort(c->special, c->n_special, sizeof *c->special, cmp_u64);
    for (size_t k = 0; k < c->n_special; k++)
        c->special_tail[c->special[k] >> 32] = 1;
    return 0;
}

sn_status sn_screen_build(const sn_instance *inst, size_t keep, sn_screen **out, sn_diag *diag)
{
    (void)diag;
    return snp_screen_build(inst, keep, 0, out);
}

sn_status snp_screen_build(const sn_instance *inst, size_t keep, int exact, sn_screen **out)
{
    *out = NULL;
    sn_screen *sc = snp_calloc(1, sizeof *sc);
    if (!sc)
        return SN_ENOMEM;
    sc->in = inst;
    sc->keep = keep ? keep : SN_SCREEN_KEEP;
    snp_vec_init(&sc->kept, sizeof(snp_screen_match));
    snp_arena_init(&sc->arena);
    ctx c;
    memset(&c, 0, sizeof c);
    c.in = inst;
    c.sc = sc;
    c.exact = exact;
    c.pricer = snp_link_pricer_new(inst);
    end_list sup = {0}, usr = {0};
    c.ends[0] = &sup;
    c.ends[1] = &usr;
    snp_vec_init(&c.near, sizeof(size_t));
    snp_vec_init(&c.ranges, sizeof(key_range));
    c.grids = snp_calloc(2 * (size_t)inst->n_resources + 1, sizeof *c.grids);
    snp_vec ins, outs;
    snp_vec_init(&ins, sizeof(hub_leg));
    snp_vec_init(&outs, sizeof(hub_leg));
    c.specs = snp_calloc((size_t)inst->n_links + 1, sizeof *c.specs);
    c.reach = snp_calloc((size_t)inst->n_resources + 1, sizeof *c.reach);
    int rc = !c.pricer || !c.specs || !c.reach || !c.grids || end_list_build(inst, 0, &sup) != 0 ||
                     end_list_build(inst, 1, &usr) != 0
                 ? -1
                 : 0;
    for (int k = 0; rc == 0 && k < inst->n_links; k++) {
        const snp_link_spec *s = &inst->links[k];
        c.specs[c.n_specs++] = (spec_key){s->from, s->to, s->resource, (int)s->mode, k};
    }
    if (rc == 0)
        qsort(c.specs, c.n_specs, sizeof *c.specs, spec_cmp);
    for (int r = 0; rc == 0 && r < inst->n_resources; r++)
        c.reach[r] = resource_reach(&inst->resources[r]);
    if (rc == 0)
        rc = prepare(&c);
    for (int r = 0; rc == 0 && r < inst->n_resources; r++)
        rc = screen_resource(&c, r);
    if (rc == 0)
        rc = screen_far_pairs(&c);
    for (int h = 0; rc == 0 && h < inst->n_hubs; h++)
        if (inst->hubs[h].status != SNP_STATUS_FORBIDDEN)
            rc = screen_hub(&c, h, &ins, &outs);
    if (rc == 0) {
        if (sc->kept.len > 1)
            qsort(sc->kept.data, sc->kept.len, sizeof(snp_screen_match), cmp_rank);
        rc = name_matches(sc);
    }
    snp_vec_free(&ins);
    snp_vec_free(&outs);
    end_list_free(&sup);
    end_list_free(&usr);
    for (int k = 0; c.grids && k < 2 * inst->n_resources; k++)
        if (c.grids[k]) {
            snp_free(c.grids[k]->keys);
            snp_free(c.grids[k]);
        }
    snp_free(c.grids);
    snp_free(c.loc);
    snp_free(c.tabs);
    snp_free(c.special);
    snp_free(c.special_tail);
    snp_vec_free(&c.near);
    snp_vec_free(&c.ranges);
    snp_free(c.specs);
    snp_free(c.reach);
    snp_link_pricer_free(c.pricer);
    if (rc != 0) {
        sn_screen_free(sc);
        return SN_ENOMEM;
    }
    for (int k = 0; k < 2; k++) {
        sn_screen_counts *n = k ? &sc->hub : &sc->direct;
        n->feasible = n->screened - n->quality_excluded;
    }
    *out = sc;
    return SN_OK;
}

void sn_screen_free(sn_screen *sc)
{
    if (!sc)
        return;
    snp_vec_free(&sc->kept);
    snp_arena_free(&sc->arena);
    snp_free(sc);
}

const sn_instance *sn_screen_instance(const sn_screen *sc)
{
    return sc->in;
}

void sn_screen_counts_get(const sn_screen *sc, int hub_routes, sn_screen_counts *out)
{
    *out = hub_routes ? sc->hub : sc->direct;
}

size_t sn_screen_count(const sn_screen *sc)
{
    return sc->kept.len;
}

int sn_screen_truncated(const sn_screen *sc)
{
    return sc->truncated;
}

static const char *mode_name(snp_mode m)
{
    return m == SNP_MODE_PIPE ? "pipe" : "truck";
}

int sn_screen_match_get(const sn_screen *sc, size_t i, sn_screen_match *out)
{
    if (i >= sc->kept.len)
        return -1;
    static const char *const MODES[2][2] = {{"pipe+pipe", "pipe+truck"},
                                            {"truck+pipe", "truck+truck"}};
    const sn_instance *in = sc->in;
    const snp_screen_match *m = &SNP_VEC_AT(&sc->kept, snp_screen_match, i);
    memset(out, 0, sizeof *out);
    out->id = sc->ids[i];
    out->supplier = in->facilities[m->supplier].id;
    out->user = in->facilities[m->user].id;
    out->hub = m->hub >= 0 ? in->hubs[m->hub].id : NULL;
    out->resource = in->resources[m->resource].id;
    out->delivered_resource = in->resources[m->out_resource].id;
    out->demand_resource = in->resources[in->facilities[m->user].demands[m->demand].resource].id;
    out->mode = m->hub >= 0 ? MODES[m->mode][m->mode2] : mode_name(m->mode);
    out->length_km = m->length_km;
    out->amount = m->amount;
    out->delivered = m->delivered;
    out->saving = m->saving;
    out->fixed_annual = m->fixed_annual;
    out->unit_margin = m->unit_margin;
    out->break_even = m->break_even;
    out->capital = m->capital;
    out->co2_avoided_t_per_yr = m->co2_avoided;
    out->must_take = m->must_take;
    out->must_serve = m->must_serve;
    return 0;
}
