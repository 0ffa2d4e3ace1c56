/*
 * parse.c - region JSON -> sn_instance, the first stage of the pipeline: the section walk. With
 * solution_read.c one of the two readers of the instance module that walk a cJSON tree;
 * jsonin.c holds the syntax pre-scan and the cJSON call they share, jsonread.c the reader (JSON
 * paths, errors) and the typed getters of values, keys, ids and enumerations used here.
 *
 * Steps: (1) the strict pre-scan of jsonin.c reports the first syntax error as FILE:LINE:COL
 * with its JSON path and the source line, and enforces the nesting and size limits before cJSON
 * recurses or allocates; (2) cJSON parses the text; (3) the ids of resources and nodes are
 * collected so references resolve in any document order; (4) the tree is walked in document
 * order, every value is checked against docs/format.md and copied into the instance's arena,
 * and every problem is reported with its JSON path; (5) defaults that depend on other sections
 * (lifetimes, corridor capital per km) are filled in; (6) the cross-entity rules of validate.c
 * run, also after errors (skipping what could not be read), and their messages are merged with
 * the walk's in document order, located through the tree. The cJSON tree is deleted before
 * returning.
 *
 * Document order: the walk visits the keys of every object in the order written. Two things are
 * needed before their place in the document: the resources (for quality attributes) and a hub's
 * outputs (for its inputs' yields). They are parsed first into a side diagnostic list, which is
 * spliced into the main list when the walk reaches them, so messages stay in document order.
 */
#include "instance_int.h"
#include "jsonread.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Input limits (docs/format.md, "Input limits"). */
#define MAX_VALUES 2000000 /* JSON values in the document (depth: SNP_JSONIN_MAX_DEPTH) */

/* ---- parser state ----------------------------------------------------------------------- */

typedef struct parser {
    snp_jread r; /* diag, path, errors reported by this parse (kept or dropped), nomem */
    sn_instance *in;
    snp_vec res_ids;            /* snp_id_entry, sorted by id then index */
    snp_vec node_ids;           /* snp_id_entry over facilities, hubs, junctions */
    snp_vec link_ids;           /* only for duplicate detection */
    snp_vec corr_ids;           /* only for duplicate detection */
    int coords_known;           /* region.coordinates was read */
    unsigned char *corr_per_km; /* per corridor: capital was given per km */
} parser;

static void perr(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void perr(parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    snp_jread_verr(&p->r, fmt, ap);
    va_end(ap);
}

static void oom(parser *p)
{
    p->r.nomem = 1;
}

static void push_key(parser *p, const char *k)
{
    snp_jread_push_key(&p->r, k);
}

static void push_index(parser *p, int i)
{
    snp_jread_push_index(&p->r, i);
}

static void pop(parser *p)
{
    snp_jread_pop(&p->r);
}

/* Copies diagnostics collected on the side into dst, keeping the cap and the dropped count. */
static void splice(sn_diag *dst, const sn_diag *src)
{
    if (!dst || !src)
        return;
    for (int i = 0; i < src->count; i++) {
        const sn_error *e = &src->errors[i];
        snp_diag_add(dst, e->code, e->file, e->path, "%s", e->message);
        if (e->line > 0)
            snp_diag_set_pos(dst, e->line, e->col);
    }
    dst->dropped += src->dropped;
    for (int i = 0; i < src->warning_count; i++) {
        const sn_error *e = &src->warnings[i];
        snp_diag_warn(dst, e->file, e->path, "%s", e->message);
    }
    dst->warnings_dropped += src->warnings_dropped;
}

/* Values, keys, ids and suggestions: jsonread.c. Lists inside one entity are short in any real
 * region; these caps keep every check on them linear in the size of the file (docs/format.md,
 * "Input limits"). */
#define LIST_MAX 100  /* attributes, sizes, capacities, inputs, outputs, substitutes, limits */
#define FLOW_MAX 1000 /* supplies or demands of a facility, resources of a junction */
#define BIT(k) (1u << (k))

/* A reference to a resource; *out is its index. */
static int get_resource_ref(parser *p, const cJSON *v, int *out)
{
    snp_qbuf q;
    if (!cJSON_IsString(v) || !v->valuestring) {
        perr(p, "expected a resource id, got %s", snp_jread_describe(v, &q));
        return 0;
    }
    const snp_id_entry *e = snp_jread_id_find(&p->res_ids, v->valuestring);
    if (!e) {
        snp_jread_unknown_ref(&p->r, v->valuestring, "resource", &p->res_ids, &p->node_ids);
        return 0;
    }
    *out = snp_jread_id_once(&p->res_ids, e) ? e->index : -1;
    return 1;
}

/* A reference to a facility, hub or junction; *out is its node index. */
static int get_node_ref(parser *p, const cJSON *v, int *out)
{
    snp_qbuf q;
    if (!cJSON_IsString(v) || !v->valuestring) {
        perr(p, "expected the id of a facility, hub or junction, got %s",
             snp_jread_describe(v, &q));
        return 0;
    }
    const snp_id_entry *e = snp_jread_id_find(&p->node_ids, v->valuestring);
    if (!e) {
        snp_jread_unknown_ref(&p->r, v->valuestring, "facility, hub or junction", &p->node_ids,
                              &p->res_ids);
        return 0;
    }
    *out = snp_jread_id_once(&p->node_ids, e) ? e->index : -1;
    return 1;
}

/* Resolves a reference without reporting anything (the walk reports it at its place). */
static int peek_resource(parser *p, const cJSON *obj)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "resource");
    if (!cJSON_IsString(v) || !v->valuestring)
        return -1;
    const snp_id_entry *e = snp_jread_id_find(&p->res_ids, v->valuestring);
    return e ? e->index : -1;
}

static int get_point(parser *p, const cJSON *v, snp_point *pt)
{
    snp_qbuf q;
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2) {
        if (cJSON_IsArray(v) && v->child)
            perr(p, "expected a location [x, y] of two numbers, got an array of %d value%s",
                 cJSON_GetArraySize(v), cJSON_GetArraySize(v) == 1 ? "" : "s");
        else
            perr(p, "expected a location [x, y] of two numbers, got %s", snp_jread_describe(v, &q));
        return 0;
    }
    int ok = 1;
    push_index(p, 0);
    ok &= snp_jread_num(&p->r, v->child, SNP_NUM_ANY, &pt->x);
    pop(p);
    push_index(p, 1);
    ok &= snp_jread_num(&p->r, v->child->next, SNP_NUM_ANY, &pt->y);
    pop(p);
    return ok;
}

static const char *const STATUS_NAMES[] = {"candidate", "forced", "forbidden", NULL};
static const char *const MODE_NAMES[] = {"pipe", "truck", NULL};
static const char *const COORD_NAMES[] = {"lonlat", "planar_km", NULL};
static const char *const UNIT_NAMES[] = {"t",   "kg", "m3",  "L",    "MWh",
                                         "kWh", "GJ", "Nm3", "unit", NULL};

static void get_status(parser *p, const cJSON *v, snp_item_status *out)
{
    int k;
    if (snp_jread_enum(&p->r, v, STATUS_NAMES, &k))
        *out = k == 1 ? SNP_STATUS_FORCED : k == 2 ? SNP_STATUS_FORBIDDEN : SNP_STATUS_CANDIDATE;
}

/* Allocates n zeroed elements in the arena (NULL for n == 0). */
static void *arena_array(parser *p, int n, size_t elem)
{
    if (n <= 0)
        return NULL;
    void *a = snp_arena_array(&p->in->arena, (size_t)n, elem);
    if (!a)
        oom(p);
    return a;
}

/* ---- region ----------------------------------------------------------------------------- */

enum {
    RG_NAME,
    RG_COORDS,
    RG_CURRENCY,
    RG_RATE,
    RG_LIFE,
    RG_CARBON,
    RG_BUDGET,
    RG_CO2CAP,
    RG_NOTES,
    RG_ONLY_FORCED,
    RG_JOBS,
    RG_JOBS_SOURCE,
    RG_OBJECTIVE,
    RG_COST_CAP,
    RG_EXCLUDE
};
static const char *const OBJECTIVE_NAMES[] = {"cost", "co2", "differ", NULL};
static const char *const REGION_KEYS[] = {"name",
                                          "coordinates",
                                          "currency",
                                          "discount_rate",
                                          "lifetime_yr",
                                          "carbon_price",
                                          "capital_budget",
                                          "co2_cap_t_per_yr",
                                          "notes",
                                          "only_forced",
                                          "construction_jobs_per_million",
                                          "construction_jobs_source",
                                          "objective",
                                          "cost_cap",
                                          "exclude_layouts",
                                          NULL};

/* Most layouts region.exclude_layouts may hold, and most elements one layout may name. */
#define SNP_MAX_LAYOUTS 1000
#define SNP_MAX_LAYOUT_ELEMENTS 100000

/* region.exclude_layouts: an array of layouts, each an array of element names (strings). The
 * names are checked against the region's elements in validate.c. */
static void parse_layouts(parser *p, const cJSON *v)
{
    sn_instance *in = p->in;
    if (!snp_jread_array(&p->r, v, 0) || !snp_jread_within(&p->r, v, SNP_MAX_LAYOUTS, "layouts"))
        return;
    int n = cJSON_GetArraySize(v);
    size_t total = 0;
    for (const cJSON *l = v->child; l; l = l->next)
        if (cJSON_IsArray(l))
            total += (size_t)cJSON_GetArraySize(l);
    in->layout_at = snp_arena_array(&in->arena, (size_t)n + 1, sizeof *in->layout_at);
    in->layout_names = snp_arena_array(&in->arena, total + 1, sizeof *in->layout_names);
    if (!in->layout_at || !in->layout_names) {
        p->r.nomem = 1;
        return;
    }
    int i = 0, k = 0;
    for (const cJSON *l = v->child; l; l = l->next, i++) {
        push_index(p, i);
        in->layout_at[i] = k;
        if (snp_jread_array(&p->r, l, 0) &&
            snp_jread_within(&p->r, l, SNP_MAX_LAYOUT_ELEMENTS, "elements")) {
            int j = 0;
            for (const cJSON *e = l->child; e; e = e->next, j++) {
                push_index(p, j);
                const char *s =
                    snp_jread_check_str(&p->r, e, "an element name such as \"link:ID\"");
                if (s)
                    in->layout_names[k++] = snp_jread_copy(&p->r, s);
                pop(p);
            }
        }
        pop(p);
    }
    in->layout_at[n] = k;
    in->n_layouts = n;
}

static void parse_region(parser *p, const cJSON *v)
{
    sn_instance *in = p->in;
    if (!snp_jread_object(&p->r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, REGION_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        snp_qbuf q;
        int e;
        switch (k) {
        case RG_NAME:
            if (cJSON_IsString(c) && c->valuestring && !c->valuestring[0])
                perr(p, "expected a non-empty string, got \"\"");
            else
                in->name = snp_jread_str(&p->r, c);
            break;
        case RG_COORDS:
            if (cJSON_IsString(c) && c->valuestring && !strcmp(c->valuestring, "latlon"))
                perr(p, "expected \"lonlat\" or \"planar_km\", got \"latlon\" (symnet takes "
                        "\"lonlat\": every location as [longitude, latitude])");
            else if (snp_jread_enum(&p->r, c, COORD_NAMES, &e)) {
                in->coords = e == 1 ? SNP_COORDS_PLANAR_KM : SNP_COORDS_LONLAT;
                p->coords_known = 1;
            }
            break;
        case RG_CURRENCY:
            if (!cJSON_IsString(c) || !c->valuestring || strlen(c->valuestring) != 3 ||
                strspn(c->valuestring, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
                perr(p, "expected a 3-letter currency code such as \"EUR\", got %s",
                     snp_jread_describe(c, &q));
            else
                in->currency = snp_jread_copy(&p->r, c->valuestring);
            break;
        case RG_RATE:
            (void)snp_jread_num(&p->r, c, SNP_NUM_FRAC, &in->discount_rate);
            break;
        case RG_LIFE:
            (void)snp_jread_num(&p->r, c, SNP_NUM_LIFE, &in->lifetime_yr);
            break;
        case RG_CARBON:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &in->carbon_price);
            break;
        case RG_BUDGET:
            in->has_budget = snp_jread_num(&p->r, c, SNP_NUM_GE0, &in->budget);
            break;
        case RG_CO2CAP:
            in->has_co2_cap = snp_jread_num(&p->r, c, SNP_NUM_GE0, &in->co2_cap_t_per_yr);
            break;
        case RG_OBJECTIVE:
            if (snp_jread_enum(&p->r, c, OBJECTIVE_NAMES, &e))
                in->objective = (snp_objective)e;
            break;
        case RG_COST_CAP:
            in->has_cost_cap = snp_jread_num(&p->r, c, SNP_NUM_GE0, &in->cost_cap);
            break;
        case RG_EXCLUDE:
            parse_layouts(p, c);
            break;
        case RG_ONLY_FORCED:
            if (cJSON_IsBool(c))
                in->only_forced = cJSON_IsTrue(c);
            else
                perr(p, "expected true or false, got %s", snp_jread_describe(c, &q));
            break;
        case RG_JOBS:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &in->construction_jobs_per_million);
            break;
        case RG_JOBS_SOURCE:
            if (cJSON_IsString(c) && c->valuestring && !c->valuestring[0])
                perr(p, "expected a non-empty string (where the factor comes from), got \"\"");
            else
                in->construction_jobs_source = snp_jread_str(&p->r, c);
            break;
        default:
            break;
        }
        pop(p);
    }
    snp_jread_require(
        &p->r, REGION_KEYS,
        BIT(RG_NAME) | BIT(RG_COORDS) | BIT(RG_CURRENCY) | BIT(RG_RATE) | BIT(RG_LIFE), seen);
    /* a factor of the region's own needs its source, and a source names a factor */
    if ((seen & BIT(RG_JOBS)) && !(seen & BIT(RG_JOBS_SOURCE)))
        perr(p, "expected \"construction_jobs_source\" (where the factor comes from) with "
                "\"construction_jobs_per_million\", got no source");
    if ((seen & BIT(RG_JOBS_SOURCE)) && !(seen & BIT(RG_JOBS)))
        perr(p, "expected \"construction_jobs_per_million\" with \"construction_jobs_source\", "
                "got a source without a factor");
    if (!(seen & BIT(RG_JOBS))) {
        in->construction_jobs_per_million = SNP_JOBS_PER_MILLION;
        in->construction_jobs_source = SNP_JOBS_SOURCE;
        in->construction_jobs_default = 1;
    }
}

/* ---- resources -------------------------------------------------------------------------- */

static int cmp_size(const void *a, const void *b)
{
    const snp_size_option *x = a, *y = b;
    if (x->capacity != y->capacity)
        return x->capacity < y->capacity ? -1 : 1;
    return (x->capital_per_km > y->capital_per_km) - (x->capital_per_km < y->capital_per_km);
}

enum { SZ_CAPACITY, SZ_CAPITAL };
static const char *const SIZE_KEYS[] = {"capacity", "capital_per_km", "notes", NULL};

static void parse_sizes(parser *p, const cJSON *v, snp_pipe_spec *ps)
{
    if (!snp_jread_array(&p->r, v, 1) || !snp_jread_within(&p->r, v, LIST_MAX, "pipe sizes"))
        return;
    int n = cJSON_GetArraySize(v);
    ps->sizes = arena_array(p, n, sizeof *ps->sizes);
    if (!ps->sizes)
        return;
    ps->n_sizes = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->r.nomem; e = e->next, i++) {
        push_index(p, i);
        if (snp_jread_object(&p->r, e)) {
            unsigned seen = 0;
            for (const cJSON *c = e->child; c; c = c->next) {
                int k = snp_jread_key(&p->r, c, SIZE_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == SZ_CAPACITY)
                    (void)snp_jread_num(&p->r, c, SNP_NUM_GT0, &ps->sizes[i].capacity);
                else
                    (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &ps->sizes[i].capital_per_km);
                pop(p);
            }
            snp_jread_require(&p->r, SIZE_KEYS, BIT(SZ_CAPACITY) | BIT(SZ_CAPITAL), seen);
        }
        pop(p);
    }
    qsort(ps->sizes, (size_t)n, sizeof *ps->sizes, cmp_size);
}

enum {
    PI_CIVIL,
    PI_CAP_KM,
    PI_CAP_KM_UNIT,
    PI_SIZES,
    PI_OPEX,
    PI_CO2,
    PI_LOSS,
    PI_LIFE,
    PI_MAXKM,
    PI_DETOUR
};
static const char *const PIPE_KEYS[] = {"civil_capital_per_km",
                                        "capital_per_km",
                                        "capital_per_km_per_unit",
                                        "sizes",
                                        "opex_per_unit_km",
                                        "co2_per_unit_km",
                                        "loss_per_km",
                                        "lifetime_yr",
                                        "max_km",
                                        "detour",
                                        "notes",
                                        NULL};

static void parse_pipe(parser *p, const cJSON *v, snp_pipe_spec *ps)
{
    ps->max_km = INFINITY;
    ps->detour = 1.0;
    ps->lifetime_yr = 0; /* filled from the region after the walk */
    if (!snp_jread_object(&p->r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, PIPE_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case PI_CIVIL:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &ps->civil_capital_per_km);
            break;
        case PI_CAP_KM:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &ps->capital_per_km);
            break;
        case PI_CAP_KM_UNIT:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &ps->capital_per_km_per_unit);
            break;
        case PI_SIZES:
            parse_sizes(p, c, ps);
            break;
        case PI_OPEX:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &ps->opex_per_unit_km);
            break;
        case PI_CO2:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &ps->co2_per_unit_km);
            break;
        case PI_LOSS:
            (void)snp_jread_num(&p->r, c, SNP_NUM_FRAC, &ps->loss_per_km);
            break;
        case PI_LIFE:
            (void)snp_jread_num(&p->r, c, SNP_NUM_LIFE, &ps->lifetime_yr);
            break;
        case PI_MAXKM:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GT0, &ps->max_km);
            break;
        case PI_DETOUR:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE1, &ps->detour);
            break;
        default:
            break;
        }
        pop(p);
    }
    if (ps->n_sizes > 0 && ps->capital_per_km_per_unit > 0)
        perr(p, "expected either \"sizes\" or \"capital_per_km_per_unit\" > 0, got both");
}

enum { TR_COST_KM, TR_CO2, TR_TRIP, TR_CAPACITY, TR_MAXKM, TR_DETOUR };
static const char *const TRUCK_KEYS[] = {
    "cost_per_unit_km", "co2_per_unit_km", "cost_per_trip", "truck_capacity",
    "max_km",           "detour",          "notes",         NULL};

static void parse_truck(parser *p, const cJSON *v, snp_truck_spec *ts)
{
    ts->max_km = INFINITY;
    ts->detour = 1.0;
    if (!snp_jread_object(&p->r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, TRUCK_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case TR_COST_KM:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &ts->cost_per_unit_km);
            break;
        case TR_CO2:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &ts->co2_per_unit_km);
            break;
        case TR_TRIP:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &ts->cost_per_trip);
            break;
        case TR_CAPACITY:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GT0, &ts->truck_capacity);
            break;
        case TR_MAXKM:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GT0, &ts->max_km);
            break;
        case TR_DETOUR:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE1, &ts->detour);
            break;
        default:
            break;
        }
        pop(p);
    }
    if (ts->cost_per_trip > 0 && !(seen & BIT(TR_CAPACITY)))
        perr(p, "missing required key \"truck_capacity\" (needed when cost_per_trip > 0)");
}

static void parse_attrs(parser *p, const cJSON *v, snp_resource *r)
{
    if (!snp_jread_array(&p->r, v, 0) ||
        !snp_jread_within(&p->r, v, LIST_MAX, "quality attributes"))
        return;
    int n = cJSON_GetArraySize(v);
    r->attrs = arena_array(p, n, sizeof *r->attrs);
    if (n > 0 && !r->attrs)
        return;
    r->n_attrs = n;
    int i = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next, i++) {
        push_index(p, i);
        const char *s = snp_jread_check_str(&p->r, c, "an attribute name");
        if (s && !s[0]) {
            perr(p, "expected a non-empty attribute name, got \"\"");
        } else if (s) {
            int j = 0;
            const cJSON *e = v->child;
            for (; e != c; e = e->next, j++)
                if (cJSON_IsString(e) && e->valuestring && strcmp(e->valuestring, s) == 0)
                    break;
            snp_qbuf q;
            if (e != c) {
                const char *path = snp_path_str(&p->r.path), *br = strrchr(path, '[');
                perr(p, "duplicate attribute %s (first at %.*s[%d])", snp_jread_quote(s, &q),
                     br ? (int)(br - path) : 0, path, j);
            } else
                r->attrs[i] = snp_jread_copy(&p->r, s);
        }
        pop(p);
    }
}

enum { R_ID, R_NAME, R_UNIT, R_QUALITY, R_PIPE, R_TRUCK, R_CATEGORY, R_PERIODIC };
static const char *const RESOURCE_KEYS[] = {"id",    "name",     "unit",     "quality", "pipe",
                                            "truck", "category", "periodic", "notes",   NULL};
/* In snp_category order. */
static const char *const CATEGORY_NAMES[] = {"other", "water", "energy", "material", "co2", NULL};

const char *snp_category_name(snp_category c)
{
    return c >= 0 && c < SNP_CAT_COUNT ? CATEGORY_NAMES[c] : "other";
}

static void parse_resource(parser *p, const cJSON *v, int idx)
{
    snp_resource *r = &p->in->resources[idx];
    if (!snp_jread_object(&p->r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, RESOURCE_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        int u;
        switch (k) {
        case R_ID:
            r->id = snp_jread_id(&p->r, c);
            snp_jread_id_dup(&p->r, &p->res_ids, r->id, idx);
            break;
        case R_NAME:
            r->name = snp_jread_str(&p->r, c);
            break;
        case R_UNIT:
            if (snp_jread_enum(&p->r, c, UNIT_NAMES, &u))
                r->unit = UNIT_NAMES[u];
            break;
        case R_QUALITY:
            parse_attrs(p, c, r);
            break;
        case R_PIPE:
            r->has_pipe = 1;
            parse_pipe(p, c, &r->pipe);
            break;
        case R_TRUCK:
            r->has_truck = 1;
            parse_truck(p, c, &r->truck);
            break;
        case R_CATEGORY:
            if (snp_jread_enum(&p->r, c, CATEGORY_NAMES, &u))
                r->category = (snp_category)u;
            break;
        case R_PERIODIC: {
            snp_qbuf q;
            if (!cJSON_IsBool(c))
                perr(p, "expected true or false, got %s", snp_jread_describe(c, &q));
            else if (p->in->n_periods == 0)
                perr(p, "expected no \"periodic\": the region has no \"periods\" section");
            else
                r->periodic = cJSON_IsTrue(c) ? 1 : -1;
            break;
        }
        default:
            break;
        }
        pop(p);
    }
    snp_jread_require(&p->r, RESOURCE_KEYS, BIT(R_ID) | BIT(R_UNIT), seen);
    if (!r->name)
        r->name = r->id;
}

/* ---- quality values --------------------------------------------------------------------- */

static void attr_list(const snp_resource *r, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < r->n_attrs && o < size; i++)
        if (r->attrs[i])
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", r->attrs[i]);
}

/* {attr: number} for resource `res` (an index, or -1 when unresolved): one value per attribute,
 * in attribute order. */
static double *parse_quality_values(parser *p, const cJSON *v, int res)
{
    if (!snp_jread_object(&p->r, v) || !snp_jread_within(&p->r, v, LIST_MAX, "quality values"))
        return NULL;
    if (res < 0)
        return NULL; /* the unknown resource is reported at its own key */
    const snp_resource *r = &p->in->resources[res];
    double *vals = arena_array(p, r->n_attrs, sizeof *vals);
    if (r->n_attrs > 0 && !vals)
        return NULL;
    unsigned char *given = r->n_attrs > 0 ? snp_calloc((size_t)r->n_attrs, 1) : NULL;
    if (r->n_attrs > 0 && !given) {
        oom(p);
        return NULL;
    }
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        push_key(p, c->string);
        if (!snp_jread_key_dup(&p->r, v, c)) {
            int a = 0;
            while (a < r->n_attrs && !(r->attrs[a] && c->string && !strcmp(r->attrs[a], c->string)))
                a++;
            if (a == r->n_attrs) {
                char list[300];
                snp_qbuf q1, q2;
                attr_list(r, list, sizeof list);
                if (list[0])
                    perr(p, "unknown quality attribute %s (resource %s has: %s)",
                         snp_jread_quote(c->string ? c->string : "", &q1),
                         snp_jread_quote(r->id ? r->id : "", &q2), list);
                else
                    perr(p, "unknown quality attribute %s (resource %s has no attributes)",
                         snp_jread_quote(c->string ? c->string : "", &q1),
                         snp_jread_quote(r->id ? r->id : "", &q2));
            } else if (snp_jread_num(&p->r, c, SNP_NUM_ANY, &vals[a])) {
                given[a] = 1;
            } else {
                given[a] = 1; /* reported; not missing */
            }
        }
        pop(p);
    }
    for (int a = 0; a < r->n_attrs; a++) {
        if (!given[a] && r->attrs[a]) {
            snp_qbuf q1, q2;
            perr(p, "missing value for quality attribute %s of resource %s",
                 snp_jread_quote(r->attrs[a], &q1), snp_jread_quote(r->id ? r->id : "", &q2));
        }
    }
    snp_free(given);
    return vals;
}

/* After an object with a "quality" key was walked: the values are required when the resource
 * has attributes. */
static void require_quality(parser *p, int res, int given)
{
    if (given || res < 0)
        return;
    const snp_resource *r = &p->in->resources[res];
    int named = 0;
    for (int a = 0; a < r->n_attrs; a++)
        named += r->attrs[a] != NULL;
    if (named == 0)
        return;
    char list[300];
    snp_qbuf q;
    attr_list(r, list, sizeof list);
    perr(p, "missing required key \"quality\" (resource %s has attributes: %s)",
         snp_jread_quote(r->id ? r->id : "", &q), list);
}

/* ---- facilities ------------------------------------------------------------------------- */

/* ---- amounts per period (docs/format.md "Periods") --------------------------------------- */

/* "profile": {PERIOD: share, ...} (shares >= 0 adding up to 1) or "amounts": {PERIOD: amount,
 * ...} (amounts >= 0): one value for every period of the region's "periods", in any order.
 * Returns the n_periods values (arena) or NULL after an error. periods.c turns shares into
 * amounts once the annual amount is known. */
static double *parse_by_period(parser *p, const cJSON *v, int shares)
{
    const sn_instance *in = p->in;
    snp_qbuf q;
    if (in->n_periods == 0) {
        perr(p, "expected no %s: the region has no \"periods\" section",
             shares ? "profile" : "amounts");
        return NULL;
    }
    if (!snp_jread_object(&p->r, v))
        return NULL;
    double *vals = arena_array(p, in->n_periods, sizeof *vals);
    unsigned char *seen = arena_array(p, in->n_periods, 1);
    if (!vals || !seen)
        return NULL;
    memset(seen, 0, (size_t)in->n_periods);
    int ok = 1;
    double sum = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        push_key(p, c->string);
        int k = -1;
        for (int i = 0; i < in->n_periods && k < 0; i++)
            if (c->string && in->periods[i].id && strcmp(in->periods[i].id, c->string) == 0)
                k = i;
        if (k < 0) {
            perr(p, "expected a period of \"periods\", got %s",
                 snp_jread_quote(c->string ? c->string : "", &q));
            ok = 0;
        } else if (seen[k]) {
            perr(p, "expected each period once, got %s again", snp_jread_quote(c->string, &q));
            ok = 0;
        } else if (!snp_jread_num(&p->r, c, SNP_NUM_GE0, &vals[k])) {
            ok = 0;
        } else if (shares && vals[k] > 1) {
            perr(p, "expected a share in [0, 1], got %.9g", vals[k]);
            ok = 0;
        } else {
            seen[k] = 1;
            sum += vals[k];
        }
        pop(p);
    }
    for (int i = 0; i < in->n_periods && ok; i++) {
        int dup = 0; /* a period id given twice is reported at the periods */
        for (int j = 0; j < i && !dup && in->periods[i].id; j++)
            dup = in->periods[j].id && strcmp(in->periods[j].id, in->periods[i].id) == 0;
        if (!seen[i] && in->periods[i].id && !dup) {
            perr(p, "missing period %s (give 0 for a period without any)",
                 snp_jread_quote(in->periods[i].id, &q));
            ok = 0;
        }
    }
    if (ok && shares && fabs(sum - 1) > 1e-6) {
        perr(p, "expected shares adding up to 1, got %.9g", sum);
        ok = 0;
    }
    if (ok && !shares && !(sum > 0)) {
        perr(p, "expected amounts adding up to more than 0, got 0");
        ok = 0;
    }
    return ok ? vals : NULL;
}

/* The annual amount and the amounts per period of one supply or demand, after its keys were
 * read: "amount" is required unless "amounts" gives it; with both they must agree. */
static void settle_by_period(parser *p, double *amount, int amount_seen, double **by, int *given,
                             int shares, int amounts_seen)
{
    if (*by && !shares) {
        double sum = 0;
        for (int i = 0; i < p->in->n_periods; i++)
            sum += (*by)[i];
        if (!amount_seen)
            *amount = sum;
        else if (fabs(sum - *amount) > 1e-9 * fmax(1, *amount)) {
            perr(p, "expected \"amounts\" adding up to \"amount\" (%.12g), got %.12g", *amount,
                 sum);
            *by = NULL;
        }
    }
    if (*by && shares)
        for (int i = 0; i < p->in->n_periods; i++)
            (*by)[i] *= *amount;
    *given = *by != NULL;
    if (!amount_seen && !amounts_seen)
        perr(p, "missing required key \"amount\"");
}

enum {
    SU_RESOURCE,
    SU_AMOUNT,
    SU_DCOST,
    SU_DCO2,
    SU_QUALITY,
    SU_WASTE,
    SU_PROFILE,
    SU_AMOUNTS,
    SU_SITE
};
static const char *const SUPPLY_KEYS[] = {
    "resource", "amount",  "disposal_cost", "disposal_co2", "quality", "waste",
    "profile",  "amounts", "disposal_site", "notes",        NULL};

static void parse_supply(parser *p, const cJSON *v, snp_supply *s)
{
    s->resource = -1;
    if (!snp_jread_object(&p->r, v))
        return;
    int res = peek_resource(p, v);
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, SUPPLY_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        snp_qbuf q;
        switch (k) {
        case SU_RESOURCE:
            (void)get_resource_ref(p, c, &s->resource);
            break;
        case SU_AMOUNT:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GT0, &s->amount);
            break;
        case SU_DCOST:
            s->has_disposal = snp_jread_num(&p->r, c, SNP_NUM_ANY, &s->disposal_cost);
            break;
        case SU_DCO2:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &s->disposal_co2);
            break;
        case SU_QUALITY:
            s->quality = parse_quality_values(p, c, res);
            break;
        case SU_WASTE:
            if (cJSON_IsBool(c))
                s->waste = cJSON_IsTrue(c);
            else
                perr(p, "expected true or false, got %s", snp_jread_describe(c, &q));
            break;
        case SU_SITE:
            s->disposal_site_id = snp_jread_id(&p->r, c);
            break;
        case SU_PROFILE:
        case SU_AMOUNTS:
            if (seen & BIT(SU_PROFILE) && seen & BIT(SU_AMOUNTS))
                perr(p, "expected \"profile\" or \"amounts\", got both");
            else
                s->by_period = parse_by_period(p, c, k == SU_PROFILE);
            break;
        default:
            break;
        }
        pop(p);
    }
    /* the default rule (docs/format.md, "Waste"): a supply with a disposal cost >= 0 */
    if (!(seen & BIT(SU_WASTE)))
        s->waste = s->has_disposal && s->disposal_cost >= 0;
    snp_jread_require(&p->r, SUPPLY_KEYS, BIT(SU_RESOURCE), seen);
    settle_by_period(p, &s->amount, (seen & BIT(SU_AMOUNT)) != 0, &s->by_period,
                     &s->by_period_given, (seen & BIT(SU_PROFILE)) != 0,
                     (seen & BIT(SU_AMOUNTS)) != 0);
    require_quality(p, res, (seen & BIT(SU_QUALITY)) != 0);
}

enum { SB_RESOURCE, SB_RATIO };
static const char *const SUBST_KEYS[] = {"resource", "ratio", "notes", NULL};

static void parse_substitutes(parser *p, const cJSON *v, snp_demand *d)
{
    if (!snp_jread_array(&p->r, v, 0) || !snp_jread_within(&p->r, v, LIST_MAX, "substitutes"))
        return;
    int n = cJSON_GetArraySize(v);
    d->subs = arena_array(p, n, sizeof *d->subs);
    if (n > 0 && !d->subs)
        return;
    d->n_subs = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->r.nomem; e = e->next, i++) {
        snp_substitute *sb = &d->subs[i];
        sb->resource = -1;
        push_index(p, i);
        if (snp_jread_object(&p->r, e)) {
            unsigned seen = 0;
            for (const cJSON *c = e->child; c; c = c->next) {
                int k = snp_jread_key(&p->r, c, SUBST_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == SB_RESOURCE)
                    (void)get_resource_ref(p, c, &sb->resource);
                else
                    (void)snp_jread_num(&p->r, c, SNP_NUM_GT0, &sb->ratio);
                pop(p);
            }
            snp_jread_require(&p->r, SUBST_KEYS, BIT(SB_RESOURCE) | BIT(SB_RATIO), seen);
        }
        pop(p);
    }
}

enum { QL_MIN, QL_MAX };
static const char *const LIMIT_KEYS[] = {"min", "max", "notes", NULL};

static void parse_limits(parser *p, const cJSON *v, snp_demand *d)
{
    if (!snp_jread_object(&p->r, v) || !snp_jread_within(&p->r, v, LIST_MAX, "quality limits"))
        return;
    int n = cJSON_GetArraySize(v);
    d->limits = arena_array(p, n, sizeof *d->limits);
    if (n > 0 && !d->limits)
        return;
    int i = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        push_key(p, c->string);
        if (snp_jread_key_dup(&p->r, v, c)) {
            pop(p);
            continue;
        }
        const char *name = c->string ? c->string : "";
        long bad = snp_jread_utf8_bad(name);
        if (bad >= 0 || !name[0]) {
            snp_qbuf q;
            perr(p, "expected an attribute name in UTF-8, got %s", snp_jread_quote(name, &q));
            pop(p);
            continue;
        }
        snp_quality_limit *l = &d->limits[i++];
        l->attr = snp_jread_copy(&p->r, name);
        if (snp_jread_object(&p->r, c)) {
            unsigned seen = 0;
            for (const cJSON *e = c->child; e; e = e->next) {
                int k = snp_jread_key(&p->r, e, LIMIT_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, e->string);
                if (k == QL_MIN)
                    l->has_min = snp_jread_num(&p->r, e, SNP_NUM_ANY, &l->min);
                else
                    l->has_max = snp_jread_num(&p->r, e, SNP_NUM_ANY, &l->max);
                pop(p);
            }
            if (!(seen & (BIT(QL_MIN) | BIT(QL_MAX))))
                perr(p, "missing required key \"min\" or \"max\"");
        }
        pop(p);
    }
    d->n_limits = i;
}

enum { DE_RESOURCE, DE_AMOUNT, DE_PRICE, DE_CO2, DE_SUBS, DE_QUALITY, DE_PROFILE, DE_AMOUNTS };
static const char *const DEMAND_KEYS[] = {"resource", "amount",  "price",   "co2",   "substitutes",
                                          "quality",  "profile", "amounts", "notes", NULL};

static void parse_demand(parser *p, const cJSON *v, snp_demand *d)
{
    d->resource = -1;
    if (!snp_jread_object(&p->r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, DEMAND_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case DE_RESOURCE:
            (void)get_resource_ref(p, c, &d->resource);
            break;
        case DE_AMOUNT:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GT0, &d->amount);
            break;
        case DE_PRICE:
            d->has_price = snp_jread_num(&p->r, c, SNP_NUM_ANY, &d->price);
            break;
        case DE_CO2:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &d->co2);
            break;
        case DE_SUBS:
            parse_substitutes(p, c, d);
            break;
        case DE_QUALITY:
            parse_limits(p, c, d);
            break;
        case DE_PROFILE:
        case DE_AMOUNTS:
            if (seen & BIT(DE_PROFILE) && seen & BIT(DE_AMOUNTS))
                perr(p, "expected \"profile\" or \"amounts\", got both");
            else
                d->by_period = parse_by_period(p, c, k == DE_PROFILE);
            break;
        default:
            break;
        }
        pop(p);
    }
    snp_jread_require(&p->r, DEMAND_KEYS, BIT(DE_RESOURCE), seen);
    settle_by_period(p, &d->amount, (seen & BIT(DE_AMOUNT)) != 0, &d->by_period,
                     &d->by_period_given, (seen & BIT(DE_PROFILE)) != 0,
                     (seen & BIT(DE_AMOUNTS)) != 0);
}

enum { FA_ID, FA_NAME, FA_SECTOR, FA_LOC, FA_SUPPLIES, FA_DEMANDS, FA_JOBS };
static const char *const FACILITY_KEYS[] = {"id",      "name", "sector", "location", "supplies",
                                            "demands", "jobs", "notes",  NULL};

static void parse_facility(parser *p, const cJSON *v, int idx)
{
    snp_facility *f = &p->in->facilities[idx];
    f->sector = "";
    if (!snp_jread_object(&p->r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, FACILITY_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        int n, i = 0;
        switch (k) {
        case FA_ID:
            f->id = snp_jread_id(&p->r, c);
            snp_jread_id_dup(&p->r, &p->node_ids, f->id, idx);
            break;
        case FA_NAME:
            f->name = snp_jread_str(&p->r, c);
            break;
        case FA_SECTOR: {
            const char *s = snp_jread_str(&p->r, c);
            if (s)
                f->sector = s;
            break;
        }
        case FA_LOC:
            (void)get_point(p, c, &f->loc);
            break;
        case FA_SUPPLIES:
            if (!snp_jread_array(&p->r, c, 0) || !snp_jread_within(&p->r, c, FLOW_MAX, "supplies"))
                break;
            n = cJSON_GetArraySize(c);
            f->supplies = arena_array(p, n, sizeof *f->supplies);
            if (n > 0 && !f->supplies)
                break;
            f->n_supplies = n;
            for (const cJSON *e = c->child; e && !p->r.nomem; e = e->next, i++) {
                push_index(p, i);
                parse_supply(p, e, &f->supplies[i]);
                pop(p);
            }
            break;
        case FA_DEMANDS:
            if (!snp_jread_array(&p->r, c, 0) || !snp_jread_within(&p->r, c, FLOW_MAX, "demands"))
                break;
            n = cJSON_GetArraySize(c);
            f->demands = arena_array(p, n, sizeof *f->demands);
            if (n > 0 && !f->demands)
                break;
            f->n_demands = n;
            for (const cJSON *e = c->child; e && !p->r.nomem; e = e->next, i++) {
                push_index(p, i);
                parse_demand(p, e, &f->demands[i]);
                pop(p);
            }
            break;
        case FA_JOBS:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &f->jobs);
            break;
        default:
            break;
        }
        pop(p);
    }
    snp_jread_require(&p->r, FACILITY_KEYS, BIT(FA_ID) | BIT(FA_LOC), seen);
    if (!f->name)
        f->name = f->id;
}

/* ---- hubs ------------------------------------------------------------------------------- */

static int cmp_capacity(const void *a, const void *b)
{
    const snp_hub_capacity *x = a, *y = b;
    if (x->capacity != y->capacity)
        return x->capacity < y->capacity ? -1 : 1;
    return (x->capital > y->capital) - (x->capital < y->capital);
}

enum { HC_CAPACITY, HC_CAPITAL, HC_OPEX };
static const char *const HUBCAP_KEYS[] = {"capacity", "capital", "fixed_opex", "notes", NULL};

static void parse_hub_capacities(parser *p, const cJSON *v, snp_hub *h)
{
    if (!snp_jread_array(&p->r, v, 1) || !snp_jread_within(&p->r, v, LIST_MAX, "capacity options"))
        return;
    int n = cJSON_GetArraySize(v);
    h->capacities = arena_array(p, n, sizeof *h->capacities);
    if (!h->capacities)
        return;
    h->n_capacities = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->r.nomem; e = e->next, i++) {
        snp_hub_capacity *hc = &h->capacities[i];
        push_index(p, i);
        if (snp_jread_object(&p->r, e)) {
            unsigned seen = 0;
            for (const cJSON *c = e->child; c; c = c->next) {
                int k = snp_jread_key(&p->r, c, HUBCAP_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == HC_CAPACITY)
                    (void)snp_jread_num(&p->r, c, SNP_NUM_GT0, &hc->capacity);
                else if (k == HC_CAPITAL)
                    (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &hc->capital);
                else
                    (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &hc->fixed_opex);
                pop(p);
            }
            snp_jread_require(&p->r, HUBCAP_KEYS, BIT(HC_CAPACITY), seen);
        }
        pop(p);
    }
    qsort(h->capacities, (size_t)n, sizeof *h->capacities, cmp_capacity);
}

enum { HO_RESOURCE, HO_QUALITY, HO_DCOST, HO_DCO2 };
static const char *const HUBOUT_KEYS[] = {"resource",     "quality", "disposal_cost",
                                          "disposal_co2", "notes",   NULL};

static void parse_hub_outputs(parser *p, const cJSON *v, snp_hub *h)
{
    if (!snp_jread_array(&p->r, v, 1) || !snp_jread_within(&p->r, v, LIST_MAX, "outputs"))
        return;
    int n = cJSON_GetArraySize(v);
    h->outputs = arena_array(p, n, sizeof *h->outputs);
    if (!h->outputs)
        return;
    h->n_outputs = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->r.nomem; e = e->next, i++) {
        snp_hub_output *o = &h->outputs[i];
        o->resource = -1;
        push_index(p, i);
        if (snp_jread_object(&p->r, e)) {
            int res = peek_resource(p, e);
            unsigned seen = 0;
            for (const cJSON *c = e->child; c && !p->r.nomem; c = c->next) {
                int k = snp_jread_key(&p->r, c, HUBOUT_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == HO_RESOURCE)
                    (void)get_resource_ref(p, c, &o->resource);
                else if (k == HO_QUALITY)
                    o->quality = parse_quality_values(p, c, res);
                else if (k == HO_DCOST)
                    (void)snp_jread_num(&p->r, c, SNP_NUM_ANY, &o->disposal_cost);
                else
                    (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &o->disposal_co2);
                pop(p);
            }
            snp_jread_require(&p->r, HUBOUT_KEYS, BIT(HO_RESOURCE), seen);
            require_quality(p, res, (seen & BIT(HO_QUALITY)) != 0);
        }
        pop(p);
    }
}

/* {output resource id: number >= 0}, mapped to the hub's outputs (missing = 0). */
static void parse_yields(parser *p, const cJSON *v, const snp_hub *h, snp_hub_input *hi)
{
    if (!snp_jread_object(&p->r, v) || !snp_jread_within(&p->r, v, LIST_MAX, "yields"))
        return;
    hi->yields = arena_array(p, h->n_outputs, sizeof *hi->yields);
    if (h->n_outputs > 0 && !hi->yields)
        return;
    int unresolved = 0; /* an output whose resource is unknown (reported there) */
    for (int j = 0; j < h->n_outputs; j++)
        unresolved |= h->outputs[j].resource < 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        push_key(p, c->string);
        if (!snp_jread_key_dup(&p->r, v, c)) {
            int j = 0;
            for (; j < h->n_outputs; j++) {
                int r = h->outputs[j].resource;
                if (r >= 0 && p->in->resources[r].id && c->string &&
                    strcmp(p->in->resources[r].id, c->string) == 0)
                    break;
            }
            if (j < h->n_outputs) {
                (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &hi->yields[j]);
            } else if (!unresolved) {
                char list[300];
                size_t o = 0;
                list[0] = '\0';
                for (int m = 0; m < h->n_outputs && o < sizeof list; m++) {
                    int r = h->outputs[m].resource;
                    if (r >= 0 && p->in->resources[r].id)
                        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", o ? ", " : "",
                                              p->in->resources[r].id);
                }
                snp_qbuf q;
                perr(p, "expected an output resource of this hub (%s), got %s",
                     list[0] ? list : "none", snp_jread_quote(c->string ? c->string : "", &q));
            }
        }
        pop(p);
    }
}

enum { HI_RESOURCE, HI_YIELDS, HI_COST, HI_CO2 };
static const char *const HUBIN_KEYS[] = {"resource",     "yields", "cost_per_unit",
                                         "co2_per_unit", "notes",  NULL};

static void parse_hub_inputs(parser *p, const cJSON *v, snp_hub *h)
{
    if (!snp_jread_array(&p->r, v, 1) || !snp_jread_within(&p->r, v, LIST_MAX, "inputs"))
        return;
    int n = cJSON_GetArraySize(v);
    h->inputs = arena_array(p, n, sizeof *h->inputs);
    if (!h->inputs)
        return;
    h->n_inputs = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->r.nomem; e = e->next, i++) {
        snp_hub_input *hi = &h->inputs[i];
        hi->resource = -1;
        push_index(p, i);
        if (snp_jread_object(&p->r, e)) {
            unsigned seen = 0;
            for (const cJSON *c = e->child; c && !p->r.nomem; c = c->next) {
                int k = snp_jread_key(&p->r, c, HUBIN_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == HI_RESOURCE)
                    (void)get_resource_ref(p, c, &hi->resource);
                else if (k == HI_YIELDS)
                    parse_yields(p, c, h, hi);
                else if (k == HI_COST)
                    (void)snp_jread_num(&p->r, c, SNP_NUM_ANY, &hi->cost_per_unit);
                else
                    (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &hi->co2_per_unit);
                pop(p);
            }
            snp_jread_require(&p->r, HUBIN_KEYS, BIT(HI_RESOURCE) | BIT(HI_YIELDS), seen);
        }
        pop(p);
    }
}

enum {
    HU_ID,
    HU_NAME,
    HU_KIND,
    HU_LOC,
    HU_LIFE,
    HU_STATUS,
    HU_CAPS,
    HU_INPUTS,
    HU_OUTPUTS,
    HU_JOBS,
    HU_STORAGE
};
static const char *const HUB_KEYS[] = {"id",      "name",       "kind",   "location", "lifetime_yr",
                                       "status",  "capacities", "inputs", "outputs",  "jobs",
                                       "storage", "notes",      NULL};

enum { ST_RESOURCE, ST_CAPS, ST_LOSS };
static const char *const STORAGE_KEYS[] = {"resource", "capacities", "loss", "notes", NULL};

/* "storage": {resource, capacities, loss} (docs/format.md "Storage"), in a region with
 * periods; periods.c checks that the resource is a periodic output of the hub. */
static void parse_storage(parser *p, const cJSON *v, snp_hub *h)
{
    h->storage.resource = -1;
    if (p->in->n_periods == 0) {
        perr(p, "expected no storage: the region has no \"periods\" section");
        return;
    }
    if (!snp_jread_object(&p->r, v))
        return;
    h->has_storage = 1;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, STORAGE_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        if (k == ST_RESOURCE) {
            (void)get_resource_ref(p, c, &h->storage.resource);
        } else if (k == ST_CAPS) {
            snp_hub tmp;
            memset(&tmp, 0, sizeof tmp);
            parse_hub_capacities(p, c, &tmp);
            h->storage.capacities = tmp.capacities;
            h->storage.n_capacities = tmp.n_capacities;
        } else {
            (void)snp_jread_num(&p->r, c, SNP_NUM_FRAC, &h->storage.loss);
        }
        pop(p);
    }
    snp_jread_require(&p->r, STORAGE_KEYS, BIT(ST_RESOURCE) | BIT(ST_CAPS), seen);
}

/* Parses v with fn into a side diagnostic list (see the file comment). */
typedef struct side {
    sn_diag *saved;
    sn_diag *tmp;
} side;

static void side_begin(parser *p, side *s)
{
    s->saved = p->r.diag;
    s->tmp = NULL;
    if (!p->r.diag)
        return;
    s->tmp = snp_alloc(sizeof *s->tmp);
    if (!s->tmp) {
        oom(p);
        return;
    }
    sn_diag_init(s->tmp);
    p->r.diag = s->tmp;
}

static void side_end(parser *p, side *s)
{
    p->r.diag = s->saved;
}

static void side_splice(parser *p, side *s)
{
    if (s->tmp)
        splice(p->r.diag, s->tmp);
}

static void side_free(side *s)
{
    snp_free(s->tmp);
    s->tmp = NULL;
}

static void parse_hub(parser *p, const cJSON *v, int idx)
{
    snp_hub *h = &p->in->hubs[idx];
    int node = p->in->n_facilities + idx;
    h->kind = "";
    h->status = SNP_STATUS_CANDIDATE;
    if (!snp_jread_object(&p->r, v))
        return;
    /* outputs first: the inputs' yields name them */
    const cJSON *outs = cJSON_GetObjectItemCaseSensitive(v, "outputs");
    side s = {NULL, NULL};
    if (outs) {
        side_begin(p, &s);
        if (p->r.nomem)
            return;
        push_key(p, "outputs");
        parse_hub_outputs(p, outs, h);
        pop(p);
        side_end(p, &s);
    }
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, HUB_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case HU_ID:
            h->id = snp_jread_id(&p->r, c);
            snp_jread_id_dup(&p->r, &p->node_ids, h->id, node);
            break;
        case HU_NAME:
            h->name = snp_jread_str(&p->r, c);
            break;
        case HU_KIND: {
            const char *s2 = snp_jread_str(&p->r, c);
            if (s2)
                h->kind = s2;
            break;
        }
        case HU_LOC:
            (void)get_point(p, c, &h->loc);
            break;
        case HU_LIFE:
            (void)snp_jread_num(&p->r, c, SNP_NUM_LIFE, &h->lifetime_yr);
            break;
        case HU_STATUS:
            get_status(p, c, &h->status);
            break;
        case HU_CAPS:
            parse_hub_capacities(p, c, h);
            break;
        case HU_INPUTS:
            parse_hub_inputs(p, c, h);
            break;
        case HU_OUTPUTS:
            side_splice(p, &s); /* parsed above */
            break;
        case HU_JOBS:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &h->jobs);
            break;
        case HU_STORAGE:
            parse_storage(p, c, h);
            break;
        default:
            break;
        }
        pop(p);
    }
    side_free(&s);
    snp_jread_require(&p->r, HUB_KEYS,
                      BIT(HU_ID) | BIT(HU_LOC) | BIT(HU_CAPS) | BIT(HU_INPUTS) | BIT(HU_OUTPUTS),
                      seen);
    if (!h->name)
        h->name = h->id;
}

/* ---- junctions, links, corridors -------------------------------------------------------- */

enum { JU_ID, JU_LOC, JU_RESOURCES };
static const char *const JUNCTION_KEYS[] = {"id", "location", "resources", "notes", NULL};

static void parse_junction(parser *p, const cJSON *v, int idx)
{
    snp_junction *j = &p->in->junctions[idx];
    int node = p->in->n_facilities + p->in->n_hubs + idx;
    if (!snp_jread_object(&p->r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, JUNCTION_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        if (k == JU_ID) {
            j->id = snp_jread_id(&p->r, c);
            snp_jread_id_dup(&p->r, &p->node_ids, j->id, node);
        } else if (k == JU_LOC) {
            (void)get_point(p, c, &j->loc);
        } else if (snp_jread_array(&p->r, c, 1) &&
                   snp_jread_within(&p->r, c, FLOW_MAX, "resources")) {
            int n = cJSON_GetArraySize(c), i = 0;
            j->resources = arena_array(p, n, sizeof *j->resources);
            if (j->resources) {
                j->n_resources = n;
                for (const cJSON *e = c->child; e; e = e->next, i++) {
                    j->resources[i] = -1;
                    push_index(p, i);
                    (void)get_resource_ref(p, e, &j->resources[i]);
                    pop(p);
                }
            }
        }
        pop(p);
    }
    snp_jread_require(&p->r, JUNCTION_KEYS, BIT(JU_ID) | BIT(JU_LOC), seen);
}

enum {
    LI_ID,
    LI_FROM,
    LI_TO,
    LI_RESOURCE,
    LI_MODE,
    LI_STATUS,
    LI_LENGTH,
    LI_FIXED,
    LI_CAPITAL,
    LI_COST_UNIT,
    LI_CAPITAL_UNIT,
    LI_CAPACITY,
    LI_LOSS,
    LI_LIFE
};
static const char *const LINK_KEYS[] = {"id",
                                        "from",
                                        "to",
                                        "resource",
                                        "mode",
                                        "status",
                                        "length_km",
                                        "fixed_cost_per_yr",
                                        "capital",
                                        "cost_per_unit",
                                        "capital_per_unit",
                                        "capacity",
                                        "loss",
                                        "lifetime_yr",
                                        "notes",
                                        NULL};

static void parse_link(parser *p, const cJSON *v, int idx)
{
    snp_link_spec *l = &p->in->links[idx];
    l->from = l->to = l->resource = -1;
    l->status = SNP_STATUS_CANDIDATE;
    if (!snp_jread_object(&p->r, v))
        return;
    unsigned seen = 0;
    int mode_ok = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, LINK_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        int m;
        switch (k) {
        case LI_ID:
            l->id = snp_jread_id(&p->r, c);
            snp_jread_id_dup(&p->r, &p->link_ids, l->id, idx);
            break;
        case LI_FROM:
            (void)get_node_ref(p, c, &l->from);
            break;
        case LI_TO:
            (void)get_node_ref(p, c, &l->to);
            break;
        case LI_RESOURCE:
            (void)get_resource_ref(p, c, &l->resource);
            break;
        case LI_MODE:
            if (snp_jread_enum(&p->r, c, MODE_NAMES, &m)) {
                l->mode = m == 1 ? SNP_MODE_TRUCK : SNP_MODE_PIPE;
                mode_ok = 1;
            }
            break;
        case LI_STATUS:
            get_status(p, c, &l->status);
            break;
        case LI_LENGTH:
            l->has_length = snp_jread_num(&p->r, c, SNP_NUM_KM, &l->length_km);
            break;
        case LI_FIXED:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &l->fixed_cost_per_yr);
            break;
        case LI_CAPITAL:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &l->capital);
            break;
        case LI_COST_UNIT:
            (void)snp_jread_num(&p->r, c, SNP_NUM_ANY, &l->cost_per_unit);
            break;
        case LI_CAPITAL_UNIT:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &l->capital_per_unit);
            break;
        case LI_CAPACITY:
            l->has_capacity = snp_jread_num(&p->r, c, SNP_NUM_GT0, &l->capacity);
            break;
        case LI_LOSS:
            (void)snp_jread_num(&p->r, c, SNP_NUM_FRAC, &l->loss);
            break;
        case LI_LIFE:
            (void)snp_jread_num(&p->r, c, SNP_NUM_LIFE, &l->lifetime_yr);
            break;
        default:
            break;
        }
        pop(p);
    }
    snp_jread_require(&p->r, LINK_KEYS, BIT(LI_FROM) | BIT(LI_TO) | BIT(LI_RESOURCE) | BIT(LI_MODE),
                      seen);
    if (!mode_ok)
        l->resource = -1; /* the mode is unknown (reported): no cross-entity checks */
    l->has_given_cost =
        (seen & (BIT(LI_FIXED) | BIT(LI_CAPITAL) | BIT(LI_COST_UNIT) | BIT(LI_CAPITAL_UNIT))) != 0;
    if ((seen & BIT(LI_LOSS)) && !l->has_given_cost) {
        push_key(p, "loss");
        perr(p, "\"loss\" needs given costs (fixed_cost_per_yr, capital, cost_per_unit or "
                "capital_per_unit); without them the resource's loss_per_km applies");
        pop(p);
    }
}

enum { CO_ID, CO_FROM, CO_TO, CO_LENGTH, CO_CAPITAL, CO_CAPITAL_KM, CO_LIFE, CO_STATUS };
static const char *const CORRIDOR_KEYS[] = {
    "id",          "from",   "to",    "length_km", "capital", "capital_per_km",
    "lifetime_yr", "status", "notes", NULL};

static void parse_corridor(parser *p, const cJSON *v, int idx)
{
    snp_corridor *co = &p->in->corridors[idx];
    co->a = co->b = -1;
    co->status = SNP_STATUS_CANDIDATE;
    if (!snp_jread_object(&p->r, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, CORRIDOR_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case CO_ID:
            co->id = snp_jread_id(&p->r, c);
            snp_jread_id_dup(&p->r, &p->corr_ids, co->id, idx);
            break;
        case CO_FROM:
            (void)get_node_ref(p, c, &co->a);
            break;
        case CO_TO:
            (void)get_node_ref(p, c, &co->b);
            break;
        case CO_LENGTH:
            co->has_length = snp_jread_num(&p->r, c, SNP_NUM_KM, &co->length_km);
            break;
        case CO_CAPITAL:
        case CO_CAPITAL_KM:
            (void)snp_jread_num(&p->r, c, SNP_NUM_GE0, &co->capital);
            break;
        case CO_LIFE:
            (void)snp_jread_num(&p->r, c, SNP_NUM_LIFE, &co->lifetime_yr);
            break;
        case CO_STATUS:
            get_status(p, c, &co->status);
            break;
        default:
            break;
        }
        pop(p);
    }
    snp_jread_require(&p->r, CORRIDOR_KEYS, BIT(CO_ID) | BIT(CO_FROM) | BIT(CO_TO), seen);
    if ((seen & BIT(CO_CAPITAL)) && (seen & BIT(CO_CAPITAL_KM)))
        perr(p, "expected either \"capital\" or \"capital_per_km\", got both");
    else if (seen & BIT(CO_CAPITAL_KM))
        p->corr_per_km[idx] = 1;
}

/* ---- top level -------------------------------------------------------------------------- */

typedef void (*item_fn)(parser *p, const cJSON *v, int idx);

static void parse_section(parser *p, const cJSON *arr, int min_one, item_fn fn)
{
    if (!snp_jread_array(&p->r, arr, min_one))
        return;
    int i = 0;
    for (const cJSON *c = arr->child; c && !p->r.nomem; c = c->next, i++) {
        push_index(p, i);
        fn(p, c, i);
        pop(p);
    }
}

enum {
    T_FORMAT,
    T_REGION,
    T_RESOURCES,
    T_FACILITIES,
    T_HUBS,
    T_JUNCTIONS,
    T_LINKS,
    T_CORRIDORS,
    T_WAYS,
    T_ZONES,
    T_PERIODS
};
static const char *const TOP_KEYS[] = {"format",    "region", "resources", "facilities", "hubs",
                                       "junctions", "links",  "corridors", "ways",       "zones",
                                       "periods",   "notes",  NULL};

/* ---- periods (docs/format.md "Periods") ------------------------------------------------- */

enum { PE_ID, PE_HOURS };
static const char *const PERIOD_KEYS[] = {"id", "hours", "notes", NULL};
#define PERIODS_MAX 8784 /* one period per hour of a leap year */

/* "periods": [{"id": ..., "hours": ...}, ...], read before the facilities, whose profiles
 * name the periods (into a side list like the resources, see the file comment). */
static void parse_periods(parser *p, const cJSON *v)
{
    sn_instance *in = p->in;
    if (!snp_jread_array(&p->r, v, 1) || !snp_jread_within(&p->r, v, PERIODS_MAX, "periods"))
        return;
    int n = cJSON_GetArraySize(v);
    in->periods = arena_array(p, n, sizeof *in->periods);
    if (!in->periods)
        return;
    in->n_periods = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->r.nomem; e = e->next, i++) {
        snp_period *pe = &in->periods[i];
        push_index(p, i);
        if (snp_jread_object(&p->r, e)) {
            unsigned seen = 0;
            for (const cJSON *c = e->child; c; c = c->next) {
                int k = snp_jread_key(&p->r, c, PERIOD_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == PE_ID) {
                    pe->id = snp_jread_id(&p->r, c);
                    for (int j = 0; j < i && pe->id; j++)
                        if (in->periods[j].id && strcmp(in->periods[j].id, pe->id) == 0) {
                            snp_qbuf q;
                            perr(p, "expected a unique period id, got %s (also periods[%d])",
                                 snp_jread_quote(pe->id, &q), j);
                        }
                } else if (snp_jread_num(&p->r, c, SNP_NUM_GT0, &pe->hours)) {
                    if (pe->hours > 8784) {
                        perr(p, "expected hours of one year (at most 8784), got %.9g", pe->hours);
                        pe->hours = 0;
                    }
                }
                pop(p);
            }
            snp_jread_require(&p->r, PERIOD_KEYS, BIT(PE_ID) | BIT(PE_HOURS), seen);
        }
        in->period_hours_total += pe->hours;
        pop(p);
    }
    if (in->period_hours_total > 8784)
        perr(p, "expected hours adding up to at most one year (8784), got %.9g",
             in->period_hours_total);
}

static int section_size(const cJSON *root, const char *key)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key);
    return cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;
}

/* Sizes the entity arrays and collects ids, so references resolve in any order. */
static void prepare(parser *p, const cJSON *root)
{
    sn_instance *in = p->in;
    in->n_resources = section_size(root, "resources");
    in->n_facilities = section_size(root, "facilities");
    in->n_hubs = section_size(root, "hubs");
    in->n_junctions = section_size(root, "junctions");
    in->n_links = section_size(root, "links");
    in->n_corridors = section_size(root, "corridors");
    in->resources = arena_array(p, in->n_resources, sizeof *in->resources);
    in->facilities = arena_array(p, in->n_facilities, sizeof *in->facilities);
    in->hubs = arena_array(p, in->n_hubs, sizeof *in->hubs);
    in->junctions = arena_array(p, in->n_junctions, sizeof *in->junctions);
    in->links = arena_array(p, in->n_links, sizeof *in->links);
    in->corridors = arena_array(p, in->n_corridors, sizeof *in->corridors);
    if (in->n_corridors > 0) {
        p->corr_per_km = snp_calloc((size_t)in->n_corridors, 1);
        if (!p->corr_per_km)
            oom(p);
    }
    if (p->r.nomem)
        return;
    snp_jread_ids_collect(&p->r, &p->res_ids, cJSON_GetObjectItemCaseSensitive(root, "resources"),
                          "resources", 0);
    snp_jread_ids_collect(&p->r, &p->node_ids, cJSON_GetObjectItemCaseSensitive(root, "facilities"),
                          "facilities", 0);
    snp_jread_ids_collect(&p->r, &p->node_ids, cJSON_GetObjectItemCaseSensitive(root, "hubs"),
                          "hubs", in->n_facilities);
    snp_jread_ids_collect(&p->r, &p->node_ids, cJSON_GetObjectItemCaseSensitive(root, "junctions"),
                          "junctions", in->n_facilities + in->n_hubs);
    snp_jread_ids_collect(&p->r, &p->link_ids, cJSON_GetObjectItemCaseSensitive(root, "links"),
                          "links", 0);
    snp_jread_ids_collect(&p->r, &p->corr_ids, cJSON_GetObjectItemCaseSensitive(root, "corridors"),
                          "corridors", 0);
    snp_jread_ids_sort(&p->res_ids);
    snp_jread_ids_sort(&p->node_ids);
    snp_jread_ids_sort(&p->link_ids);
    snp_jread_ids_sort(&p->corr_ids);
}

static void parse_root(parser *p, const cJSON *root)
{
    snp_qbuf q;
    if (!cJSON_IsObject(root)) {
        perr(p, "expected a JSON object (the region), got %s", snp_jread_describe(root, &q));
        return;
    }
    prepare(p, root);
    if (p->r.nomem)
        return;
    /* periods first: profiles name them */
    const cJSON *per = cJSON_GetObjectItemCaseSensitive(root, "periods");
    side sp = {NULL, NULL};
    if (per) {
        side_begin(p, &sp);
        if (p->r.nomem)
            return;
        push_key(p, "periods");
        parse_periods(p, per);
        pop(p);
        side_end(p, &sp);
    }
    /* resources first: quality values elsewhere name their attributes */
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(root, "resources");
    side s = {NULL, NULL};
    if (res) {
        side_begin(p, &s);
        if (p->r.nomem) {
            side_free(&sp);
            return;
        }
        push_key(p, "resources");
        parse_section(p, res, 1, parse_resource);
        pop(p);
        side_end(p, &s);
    }
    unsigned seen = 0;
    for (const cJSON *c = root->child; c && !p->r.nomem; c = c->next) {
        int k = snp_jread_key(&p->r, c, TOP_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case T_FORMAT:
            if (!cJSON_IsString(c) || !c->valuestring ||
                strcmp(c->valuestring, "symnet-region/1") != 0)
                perr(p, "expected \"symnet-region/1\", got %s", snp_jread_describe(c, &q));
            break;
        case T_REGION:
            parse_region(p, c);
            break;
        case T_RESOURCES:
            side_splice(p, &s);
            break;
        case T_FACILITIES:
            parse_section(p, c, 1, parse_facility);
            break;
        case T_HUBS:
            parse_section(p, c, 0, parse_hub);
            break;
        case T_JUNCTIONS:
            parse_section(p, c, 0, parse_junction);
            break;
        case T_LINKS:
            parse_section(p, c, 0, parse_link);
            break;
        case T_CORRIDORS:
            parse_section(p, c, 0, parse_corridor);
            break;
        case T_WAYS:
            snp_ways_parse(&p->r, c, p->in); /* ways_parse.c */
            break;
        case T_ZONES:
            snp_zones_parse(&p->r, c, p->in);
            break;
        case T_PERIODS:
            side_splice(p, &sp);
            break;
        default:
            break;
        }
        pop(p);
    }
    side_free(&s);
    side_free(&sp);
    snp_jread_require(&p->r, TOP_KEYS,
                      BIT(T_FORMAT) | BIT(T_REGION) | BIT(T_RESOURCES) | BIT(T_FACILITIES), seen);
}

/* Defaults that depend on other sections; runs only on an error-free walk. */
static void fill_defaults(parser *p)
{
    sn_instance *in = p->in;
    /* only_forced (a layout, docs/whatif.md): whatever is not forced is forbidden; generated
     * candidates are not made at all (src/model/links.c) */
    for (int i = 0; in->only_forced && i < in->n_hubs; i++)
        if (in->hubs[i].status == SNP_STATUS_CANDIDATE)
            in->hubs[i].status = SNP_STATUS_FORBIDDEN;
    for (int i = 0; in->only_forced && i < in->n_links; i++)
        if (in->links[i].status == SNP_STATUS_CANDIDATE)
            in->links[i].status = SNP_STATUS_FORBIDDEN;
    for (int i = 0; i < in->n_resources; i++)
        if (in->resources[i].has_pipe && in->resources[i].pipe.lifetime_yr == 0)
            in->resources[i].pipe.lifetime_yr = in->lifetime_yr;
    for (int i = 0; i < in->n_hubs; i++)
        if (in->hubs[i].lifetime_yr == 0)
            in->hubs[i].lifetime_yr = in->lifetime_yr;
    for (int i = 0; i < in->n_links; i++) {
        snp_link_spec *l = &in->links[i];
        if (l->lifetime_yr != 0)
            continue;
        const snp_resource *r = &in->resources[l->resource];
        l->lifetime_yr =
            l->mode == SNP_MODE_PIPE && r->has_pipe ? r->pipe.lifetime_yr : in->lifetime_yr;
    }
    for (int i = 0; i < in->n_corridors; i++) {
        snp_corridor *c = &in->corridors[i];
        if (c->lifetime_yr == 0)
            c->lifetime_yr = in->lifetime_yr;
        if (p->corr_per_km[i]) {
            double len = c->has_length ? c->length_km : snp_node_dist_km(in, c->a, c->b);
            c->capital *= len;
        }
    }
}

/* ---- syntax errors (the pre-scan is jsonin.c's) ----------------------------------------- */

/* Reports "invalid JSON: what" at byte offset off, with the JSON path where (may be empty) and
 * the source line. */
static void syntax_at(parser *p, const char *text, size_t len, size_t off, const char *where,
                      const char *what)
{
    int line, col;
    snp_jsonin_line_col(text, off, &line, &col);
    char msg[sizeof(((sn_error *)0)->message)];
    snprintf(msg, sizeof msg, "invalid JSON: %s", what);
    snp_jsonin_excerpt(text, len, off, msg, sizeof msg);
    snp_diag_add(p->r.diag, SN_EINPUT, p->in->file, where, "%s", msg);
    snp_diag_set_pos(p->r.diag, line, col);
    p->r.nerr++;
}

/* Checks the syntax and the limits of the text; reports the first problem. 1 when fine. */
static int check_syntax(parser *p, const char *text, size_t len)
{
    if (snp_jsonin_is_blank(text, len)) {
        snp_diag_add(p->r.diag, SN_EINPUT, p->in->file, NULL,
                     "expected a JSON object, got an empty file");
        p->r.nerr++;
        return 0;
    }
    if (len >= 2 &&
        ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        snp_diag_add(p->r.diag, SN_EINPUT, p->in->file, NULL,
                     "expected UTF-8 text, got UTF-16 (the file starts with a UTF-16 byte order "
                     "mark): save it as UTF-8");
        p->r.nerr++;
        return 0;
    }
    snp_jsonin_error e;
    int ok = snp_jsonin_prescan(text, len, MAX_VALUES, &e);
    if (ok < 0)
        oom(p);
    else if (!ok)
        syntax_at(p, text, len, e.at, e.where, e.msg);
    return ok > 0;
}

/* cJSON rejected a text the checker accepted (it should not happen): report where cJSON
 * stopped. */
static void cjson_rejected(parser *p, const char *text, size_t len, size_t off)
{
    char got[80], msg[120];
    snp_jsonin_got(text, len, off, got, sizeof got);
    snprintf(msg, sizeof msg, "unexpected %s", got);
    syntax_at(p, text, len, off < len ? off : len, NULL, msg);
}

/* ---- cross-entity checks, merged in document order --------------------------------------- */

#define POS_MAX (SNP_JSONIN_MAX_DEPTH + 2)

/* The document position of a diagnostic: for each step of its path, the index of that child
 * among its parent's children (keys in the order written). A path that leaves the tree stops
 * there. "Missing ..." messages are reported where their object ends, so they sort after the
 * object's children. */
typedef struct doc_pos {
    int n;
    int step[POS_MAX];
} doc_pos;

/* Reads one step of a path (".key", "[3]" or "[\"key\"]") at *s into key (NUL-terminated,
 * escapes of snp_path_push_key undone) or *index; returns 0 at the end or on a malformed step. */
static int path_step(const char **s, char *key, size_t size, long *index)
{
    const char *q = *s;
    if (*q == '.')
        q++;
    if (*q == '\0')
        return 0;
    size_t o = 0;
    *index = -1;
    if (q[0] == '[' && q[1] == '"') {
        for (q += 2; *q && *q != '"' && o + 1 < size; q++) {
            if (*q != '\\' || !q[1]) {
                key[o++] = *q;
                continue;
            }
            q++;
            if (*q == 't' || *q == 'n' || *q == 'r')
                key[o++] = *q == 't' ? '\t' : *q == 'n' ? '\n' : '\r';
            else if (*q == 'x' && isxdigit((unsigned char)q[1]) && isxdigit((unsigned char)q[2])) {
                char hex[3] = {q[1], q[2], '\0'};
                key[o++] = (char)strtol(hex, NULL, 16);
                q += 2;
            } else
                key[o++] = *q;
        }
        if (q[0] != '"' || q[1] != ']')
            return 0;
        q += 2;
    } else if (q[0] == '[') {
        char *end;
        *index = strtol(q + 1, &end, 10);
        if (*end != ']' || *index < 0)
            return 0;
        q = end + 1;
    } else {
        while (*q && *q != '.' && *q != '[' && o + 1 < size)
            key[o++] = *q++;
    }
    key[o] = '\0';
    *s = q;
    return 1;
}

static doc_pos position_of(const cJSON *root, const sn_error *e)
{
    doc_pos d;
    d.n = 0;
    const cJSON *node = root;
    const char *s = strcmp(e->path, "top level") == 0 ? "" : e->path;
    char key[SNP_PATH_MAX + 1];
    long index;
    while (node && d.n < POS_MAX - 1 && path_step(&s, key, sizeof key, &index)) {
        const cJSON *c = node->child;
        int i = 0;
        if (index >= 0)
            for (; c && i < index; c = c->next)
                i++;
        else
            for (; c && !(c->string && strcmp(c->string, key) == 0); c = c->next)
                i++;
        if (!c)
            break;
        d.step[d.n++] = i;
        node = c;
    }
    if (strncmp(e->message, "missing ", 8) == 0)
        d.step[d.n++] = INT_MAX;
    return d;
}

static int pos_cmp(const doc_pos *a, const doc_pos *b)
{
    for (int i = 0; i < a->n && i < b->n; i++)
        if (a->step[i] != b->step[i])
            return a->step[i] < b->step[i] ? -1 : 1;
    return (a->n > b->n) - (a->n < b->n);
}

/* Inserts the cross-entity errors of v among the parse's errors (p->r.diag from index `start`,
 * with `dropped0` dropped before), in document order, keeping the first SN_DIAG_MAX. The parse's
 * errors are in document order already; the kept ones precede every dropped one, so merging
 * the kept ones of both lists gives the right first SN_DIAG_MAX. */
static void merge_checks(parser *p, const cJSON *root, const sn_diag *v, int start, int dropped0)
{
    sn_diag *d = p->r.diag;
    int np = d->count - start, nv = v->count;
    sn_error *all = snp_alloc((size_t)(np + nv) * sizeof *all);
    doc_pos *pp = snp_alloc((size_t)(np + nv) * sizeof *pp);
    int *vorder = snp_alloc((size_t)(nv > 0 ? nv : 1) * sizeof *vorder);
    if (!all || !pp || !vorder) {
        snp_free(all);
        snp_free(pp);
        snp_free(vorder);
        oom(p);
        return;
    }
    doc_pos *vp = pp + np;
    for (int i = 0; i < np; i++)
        pp[i] = position_of(root, &d->errors[start + i]);
    for (int j = 0; j < nv; j++) {
        vp[j] = position_of(root, &v->errors[j]);
        int k = j; /* stable insertion sort of the checks by position */
        while (k > 0 && pos_cmp(&vp[vorder[k - 1]], &vp[j]) > 0) {
            vorder[k] = vorder[k - 1];
            k--;
        }
        vorder[k] = j;
    }
    int i = 0, j = 0, n = 0;
    while (i < np || j < nv) {
        if (j < nv && (i == np || pos_cmp(&vp[vorder[j]], &pp[i]) < 0))
            all[n++] = v->errors[vorder[j++]];
        else
            all[n++] = d->errors[start + i++];
    }
    int pdropped = d->dropped - dropped0;
    d->count = start;
    d->dropped = dropped0;
    for (int k = 0; k < n; k++) {
        if (d->count < SN_DIAG_MAX)
            d->errors[d->count++] = all[k];
        else
            d->dropped++;
    }
    d->dropped += pdropped + v->dropped;
    snp_free(all);
    snp_free(pp);
    snp_free(vorder);
}

/* Runs the cross-entity checks (validate.c) on what was parsed, also after parse errors, so one
 * run reports every problem. */
static void run_checks(parser *p, const cJSON *root, int start, int dropped0)
{
    sn_diag *v = snp_alloc(sizeof *v);
    if (!v) {
        oom(p);
        return;
    }
    sn_diag_init(v);
    sn_status st = p->r.nerr == 0 ? snp_instance_validate(p->in, v)
                                  : snp_instance_validate_partial(p->in, p->coords_known, v);
    if (st == SN_ENOMEM) {
        oom(p);
    } else if (st != SN_OK) {
        p->r.nerr += v->count + v->dropped;
        if (p->r.diag)
            merge_checks(p, root, v, start, dropped0);
    } else {
        splice(p->r.diag, v); /* the warnings of a valid region (geometry.c) */
    }
    snp_free(v);
}

/* ---- entry point ------------------------------------------------------------------------ */

sn_status snp_instance_parse(sn_instance *inst, const char *text, size_t len, sn_diag *diag)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.in = inst;
    snp_jread_init(&p.r, diag, inst->file, "top level", &inst->arena);
    snp_vec_init(&p.res_ids, sizeof(snp_id_entry));
    snp_vec_init(&p.node_ids, sizeof(snp_id_entry));
    snp_vec_init(&p.link_ids, sizeof(snp_id_entry));
    snp_vec_init(&p.corr_ids, sizeof(snp_id_entry));

    cJSON *root = NULL;
    if (!check_syntax(&p, text, len))
        goto done;
    size_t stop;
    sn_status pst = snp_jsonin_parse(text, len, &root, &stop);
    if (pst == SN_ENOMEM) {
        oom(&p);
        goto done;
    }
    if (pst != SN_OK) {
        cjson_rejected(&p, text, len, stop);
        goto done;
    }
    int start = diag ? diag->count : 0, dropped0 = diag ? diag->dropped : 0;
    parse_root(&p, root);
    if (!p.r.nomem && p.r.nerr == 0)
        fill_defaults(&p);
    if (!p.r.nomem && cJSON_IsObject(root))
        run_checks(&p, root, start, dropped0);

done:
    cJSON_Delete(root);
    snp_free(p.corr_per_km);
    snp_vec_free(&p.res_ids);
    snp_vec_free(&p.node_ids);
    snp_vec_free(&p.link_ids);
    snp_vec_free(&p.corr_ids);
    if (p.r.nomem) {
        snp_diag_add(diag, SN_ENOMEM, inst->file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    return p.r.nerr ? SN_EINPUT : SN_OK;
}
