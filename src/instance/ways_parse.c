/*
 * ways_parse.c - reads the region's "ways" object and "zones" array (issue 18; docs/format.md
 * "ways" and "zones") into the instance, with the typed readers of jsonread.c, so every message
 * names its JSON path. parse.c calls these while it walks the top level; the graph is built
 * later, on a valid region (ways.c). Stage: JSON -> [instance].
 *
 * Checked here: shapes, ranges and keys; a way with fewer than two points; a zone polygon that
 * is not closed (its last point must repeat its first) or has fewer than three corners; a way
 * whose trench cost is given neither on the way nor for its class.
 */
#include "instance_int.h"
#include "jsonread.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BIT(k) (1u << (k))

static const char *const CLASS_NAMES[] = {"street",  "arterial", "rail",
                                          "utility", "corridor", NULL};
static const char *const TRUCK_RULES[] = {"allowed", "banned", NULL};

/* A location [x, y]: two numbers. */
static int read_point(snp_jread *r, const cJSON *v, snp_point *pt)
{
    snp_qbuf q;
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2) {
        snp_jread_err(r, "expected a point [x, y] of two numbers, got %s",
                      snp_jread_describe(v, &q));
        return 0;
    }
    int ok = 1;
    snp_jread_push_index(r, 0);
    ok &= snp_jread_num(r, v->child, SNP_NUM_ANY, &pt->x);
    snp_jread_pop(r);
    snp_jread_push_index(r, 1);
    ok &= snp_jread_num(r, v->child->next, SNP_NUM_ANY, &pt->y);
    snp_jread_pop(r);
    return ok;
}

/* An array of at least min_pts points into the arena; 0 after an error. */
static int read_points(snp_jread *r, const cJSON *v, int min_pts, const char *what, snp_point **out,
                       int *n_out)
{
    snp_qbuf q;
    if (!cJSON_IsArray(v)) {
        snp_jread_err(r, "expected an array of points [x, y], got %s", snp_jread_describe(v, &q));
        return 0;
    }
    if (!snp_jread_within(r, v, 1000000, "points"))
        return 0;
    int n = cJSON_GetArraySize(v);
    if (n < min_pts) {
        snp_jread_err(r, "expected at least %d points (%s), got %d", min_pts, what, n);
        return 0;
    }
    snp_point *pts = snp_arena_array(r->arena, (size_t)n, sizeof *pts);
    if (!pts) {
        r->nomem = 1;
        return 0;
    }
    int ok = 1, i = 0;
    for (const cJSON *c = v->child; c; c = c->next, i++) {
        snp_jread_push_index(r, i);
        ok &= read_point(r, c, &pts[i]);
        snp_jread_pop(r);
    }
    *out = pts;
    *n_out = n;
    return ok;
}

/* Ids seen so far, for "used before" in O(1) a way (a way list can be long): open addressing
 * over indices into the caller's entries. */
typedef struct id_set {
    int *slot; /* -1 empty */
    size_t cap;
} id_set;

static int id_set_init(id_set *s, int n)
{
    s->cap = 16;
    while (s->cap < 2 * (size_t)n + 2)
        s->cap *= 2;
    s->slot = snp_calloc(s->cap, sizeof *s->slot);
    if (!s->slot)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        s->slot[i] = -1;
    return 0;
}

static size_t id_hash(const char *id)
{
    size_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

/* The index of an earlier entry with this id, or -1 after recording index i under it. */
static int id_set_put(id_set *s, const char *id, int i, const char *(*id_of)(const void *, int),
                      const void *entries)
{
    size_t k = id_hash(id) & (s->cap - 1);
    for (; s->slot[k] >= 0; k = (k + 1) & (s->cap - 1))
        if (strcmp(id_of(entries, s->slot[k]), id) == 0)
            return s->slot[k];
    s->slot[k] = i;
    return -1;
}

static const char *way_id(const void *ways, int i)
{
    return ((const snp_way *)ways)[i].id;
}

static const char *zone_id(const void *zones, int i)
{
    return ((const snp_zone *)zones)[i].id;
}

enum { WL_ID, WL_NAME, WL_CLASS, WL_POINTS, WL_COST };
static const char *const LINE_KEYS[] = {"id",    "name", "class", "points", "trench_capital_per_km",
                                        "notes", NULL};

static void read_line(snp_jread *r, const cJSON *v, snp_way *w, int *cost_given)
{
    w->cls = SNP_WAY_STREET;
    if (!snp_jread_object(r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !r->nomem; c = c->next) {
        int k = snp_jread_key(r, c, LINE_KEYS, &seen);
        if (k < 0)
            continue;
        snp_jread_push_key(r, c->string);
        int e;
        switch (k) {
        case WL_ID:
            w->id = snp_jread_id(r, c);
            break;
        case WL_NAME:
            (void)snp_jread_str(r, c);
            break;
        case WL_CLASS:
            if (snp_jread_enum(r, c, CLASS_NAMES, &e))
                w->cls = (snp_way_class)e;
            break;
        case WL_POINTS:
            (void)read_points(r, c, 2, "a way is a line", &w->pts, &w->n_pts);
            break;
        case WL_COST:
            *cost_given = snp_jread_num(r, c, SNP_NUM_GE0, &w->trench_capital_per_km);
            break;
        default:
            break;
        }
        snp_jread_pop(r);
    }
    snp_jread_require(r, LINE_KEYS, BIT(WL_ID) | BIT(WL_CLASS) | BIT(WL_POINTS), seen);
}

enum { WC_COST };
static const char *const CLASS_KEYS[] = {"trench_capital_per_km", "notes", NULL};

static void read_classes(snp_jread *r, const cJSON *v, sn_instance *in)
{
    if (!snp_jread_object(r, v))
        return;
    for (const cJSON *c = v->child; c && !r->nomem; c = c->next) {
        int cls;
        if (snp_jread_key_dup(r, v, c))
            continue;
        snp_jread_push_key(r, c->string);
        cJSON key = {0};
        key.type = cJSON_String;
        key.valuestring = c->string; /* read-only: the enum reader only looks at it */
        if (snp_jread_enum(r, &key, CLASS_NAMES, &cls) && snp_jread_object(r, c)) {
            unsigned seen = 0;
            for (const cJSON *k = c->child; k && !r->nomem; k = k->next) {
                if (snp_jread_key(r, k, CLASS_KEYS, &seen) != WC_COST)
                    continue;
                snp_jread_push_key(r, k->string);
                in->way_class_given[cls] =
                    (unsigned char)snp_jread_num(r, k, SNP_NUM_GE0, &in->way_class_cost[cls]);
                snp_jread_pop(r);
            }
            snp_jread_require(r, CLASS_KEYS, BIT(WC_COST), seen);
        }
        snp_jread_pop(r);
    }
}

enum { WY_CLASSES, WY_LINES, WY_MAX_SERVICE, WY_SERVICE_COST, WY_ROUTING };
static const char *const WAYS_KEYS[] = {
    "classes", "lines", "max_service_km", "service_capital_per_km", "routing", "notes", NULL};
static const char *const ROUTINGS[] = {"path", "network", NULL};

void snp_ways_parse(snp_jread *r, const cJSON *v, sn_instance *in)
{
    in->max_service_km = 1.0;
    if (!snp_jread_object(r, v))
        return;
    const cJSON *lines = NULL;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !r->nomem; c = c->next) {
        int k = snp_jread_key(r, c, WAYS_KEYS, &seen);
        if (k < 0)
            continue;
        snp_jread_push_key(r, c->string);
        switch (k) {
        case WY_CLASSES:
            read_classes(r, c, in);
            break;
        case WY_LINES:
            if (snp_jread_array(r, c, 1) && snp_jread_within(r, c, 1000000, "ways"))
                lines = c;
            break;
        case WY_MAX_SERVICE:
            (void)snp_jread_num(r, c, SNP_NUM_KM, &in->max_service_km);
            break;
        case WY_SERVICE_COST:
            in->has_service_cost = snp_jread_num(r, c, SNP_NUM_GE0, &in->service_capital_per_km);
            break;
        case WY_ROUTING: {
            int how = 0;
            if (snp_jread_enum(r, c, ROUTINGS, &how))
                in->routing_network = how == 1;
            break;
        }
        default:
            break;
        }
        snp_jread_pop(r);
    }
    snp_jread_require(r, WAYS_KEYS, BIT(WY_LINES), seen);
    if (!lines || r->nomem)
        return;
    /* the lines after the classes, whatever the key order: a line's cost may be its class's */
    int n = cJSON_GetArraySize(lines);
    in->ways = snp_arena_array(r->arena, (size_t)n, sizeof *in->ways);
    if (!in->ways) {
        r->nomem = 1;
        return;
    }
    in->n_ways = n;
    id_set ids;
    if (id_set_init(&ids, n) != 0) {
        r->nomem = 1;
        return;
    }
    snp_jread_push_key(r, "lines");
    int i = 0;
    for (const cJSON *c = lines->child; c && !r->nomem; c = c->next, i++) {
        snp_jread_push_index(r, i);
        snp_way *w = &in->ways[i];
        int given = 0;
        read_line(r, c, w, &given);
        int j = w->id ? id_set_put(&ids, w->id, i, way_id, in->ways) : -1;
        if (j >= 0)
            snp_jread_err(r, "expected a way id not used before, got \"%s\" (also ways.lines[%d])",
                          w->id, j);
        if (!given) {
            if (in->way_class_given[w->cls])
                w->trench_capital_per_km = in->way_class_cost[w->cls];
            else if (w->cls == SNP_WAY_CORRIDOR)
                w->trench_capital_per_km = 0; /* an existing empty corridor: nothing to dig */
            else
                snp_jread_err(r,
                              "expected trench_capital_per_km (on the way, or for class \"%s\" "
                              "in ways.classes), got nothing",
                              CLASS_NAMES[w->cls]);
        }
        snp_jread_pop(r);
    }
    snp_jread_pop(r);
    snp_free(ids.slot);
}

enum { ZN_ID, ZN_NAME, ZN_POLYGON, ZN_TRUCKS, ZN_SURCHARGE, ZN_TRIP_CAP };
static const char *const ZONE_KEYS[] = {
    "id",    "name", "polygon", "trucks", "truck_km_surcharge", "max_truck_trips_per_yr",
    "notes", NULL};

static void read_zone(snp_jread *r, const cJSON *v, snp_zone *z)
{
    if (!snp_jread_object(r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !r->nomem; c = c->next) {
        int k = snp_jread_key(r, c, ZONE_KEYS, &seen);
        if (k < 0)
            continue;
        snp_jread_push_key(r, c->string);
        int e;
        switch (k) {
        case ZN_ID:
            z->id = snp_jread_id(r, c);
            break;
        case ZN_NAME:
            z->name = snp_jread_str(r, c);
            break;
        case ZN_POLYGON:
            if (read_points(r, c, 4, "a closed ring of at least three corners", &z->pts,
                            &z->n_pts)) {
                const snp_point *a = &z->pts[0], *b = &z->pts[z->n_pts - 1];
                if (a->x != b->x || a->y != b->y)
                    snp_jread_err(r,
                                  "expected a closed polygon (its last point equal to its "
                                  "first, [%.10g, %.10g]), got last point [%.10g, %.10g]",
                                  a->x, a->y, b->x, b->y);
            }
            break;
        case ZN_TRUCKS:
            if (snp_jread_enum(r, c, TRUCK_RULES, &e))
                z->truck_ban = e == 1;
            break;
        case ZN_SURCHARGE:
            (void)snp_jread_num(r, c, SNP_NUM_GE0, &z->truck_km_surcharge);
            break;
        case ZN_TRIP_CAP:
            z->has_trip_cap = snp_jread_num(r, c, SNP_NUM_GE0, &z->max_truck_trips_per_yr);
            break;
        default:
            break;
        }
        snp_jread_pop(r);
    }
    snp_jread_require(r, ZONE_KEYS, BIT(ZN_ID) | BIT(ZN_POLYGON), seen);
}

void snp_zones_parse(snp_jread *r, const cJSON *v, sn_instance *in)
{
    if (!snp_jread_array(r, v, 0) || !snp_jread_within(r, v, 100000, "zones"))
        return;
    int n = cJSON_GetArraySize(v);
    if (n == 0)
        return;
    in->zones = snp_arena_array(r->arena, (size_t)n, sizeof *in->zones);
    if (!in->zones) {
        r->nomem = 1;
        return;
    }
    in->n_zones = n;
    id_set seen;
    if (id_set_init(&seen, n) != 0) {
        r->nomem = 1;
        return;
    }
    int i = 0;
    for (const cJSON *c = v->child; c && !r->nomem; c = c->next, i++) {
        snp_jread_push_index(r, i);
        read_zone(r, c, &in->zones[i]);
        int j = in->zones[i].id ? id_set_put(&seen, in->zones[i].id, i, zone_id, in->zones) : -1;
        if (j >= 0)
            snp_jread_err(r, "expected a zone id not used before, got \"%s\" (also zones[%d])",
                          in->zones[i].id, j);
        snp_jread_pop(r);
    }
    snp_free(seen.slot);
}
