/*
 * solution_read.c - a solution file (symnet-solution/1, written by src/report/json.c) read back
 * into plain records (snp_solution_doc) for the independent checker in src/verify/.
 *
 * Stage: solution JSON -> [instance module] -> verify. The instance module owns every JSON
 * input: the text goes through the same syntax pre-scan and cJSON call as a region (jsonin.c),
 * and this file walks the tree with the same reader as parse.c (jsonread.c: JSON paths, errors,
 * strings copied into the arena) but getters of its own: a solution's unknown keys are ignored
 * so that the writer may add fields, and null is allowed where the format says. It checks the
 * shape only: the type of every value, the keys the checker needs, and the limits (256 MiB,
 * nesting depth 64; no limit on the number of values). Every problem is reported with its JSON
 * path (links[3].flow: expected a number, got "x"). Comparisons with the region are the
 * verifier's (docs/testing.md).
 */
#include "instance_int.h"
#include "jsonread.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define SOL_FILE_LIMIT ((size_t)256 * 1024 * 1024)

typedef struct reader {
    snp_solution_doc *doc;
    snp_jread j; /* diag, JSON path, errors, nomem (jsonread.h) */
} reader;

/* Flags of the typed getters. */
enum { REQ = 1, NULL_OK = 2 };

static void rerr(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void rerr(reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    snp_jread_verr(&r->j, fmt, ap);
    va_end(ap);
}

/* A short description of a value for "got ...". */
static const char *describe(const cJSON *v, char *buf, size_t size)
{
    if (!v)
        return "nothing";
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring ? v->valuestring : "";
        size_t n = strlen(s);
        snprintf(buf, size, "\"%.*s%s\"", n > 40 ? 40 : (int)n, s, n > 40 ? "..." : "");
        for (char *c = buf; *c; c++)
            if ((unsigned char)*c < 0x20)
                *c = '?';
        return buf;
    }
    if (cJSON_IsNumber(v)) {
        snp_fmt_double(buf, size, v->valuedouble);
        return buf;
    }
    if (cJSON_IsObject(v))
        return "an object";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v) ? "true" : "false";
    if (cJSON_IsNull(v))
        return "null";
    return "an invalid value";
}

static int present(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key) != NULL;
}

/* The member `key` of obj; reports a missing required key and a key given twice. */
static const cJSON *member(reader *r, const cJSON *obj, const char *key, int flags)
{
    const cJSON *hit = NULL;
    for (const cJSON *c = obj ? obj->child : NULL; c; c = c->next) {
        if (!c->string || strcmp(c->string, key) != 0)
            continue;
        if (hit) {
            snp_jread_push_key(&r->j, key);
            rerr(r, "duplicate key \"%s\" (a key may appear once per object)", key);
            snp_jread_pop(&r->j);
            break;
        }
        hit = c;
    }
    if (!hit && (flags & REQ))
        rerr(r, "missing required key \"%s\"", key);
    return hit;
}

static double get_num(reader *r, const cJSON *obj, const char *key, int flags)
{
    const cJSON *v = member(r, obj, key, flags);
    if (!v || (cJSON_IsNull(v) && (flags & NULL_OK)))
        return NAN;
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble))
        return v->valuedouble;
    char buf[64];
    snp_jread_push_key(&r->j, key);
    rerr(r, "expected a number%s, got %s", (flags & NULL_OK) ? " or null" : "",
         cJSON_IsNumber(v) ? "a number too large to represent" : describe(v, buf, sizeof buf));
    snp_jread_pop(&r->j);
    return NAN;
}

static const char *get_str(reader *r, const cJSON *obj, const char *key, int flags)
{
    const cJSON *v = member(r, obj, key, flags);
    if (!v)
        return NULL;
    if (!cJSON_IsString(v) || !v->valuestring) {
        char buf[64];
        snp_jread_push_key(&r->j, key);
        rerr(r, "expected a string, got %s", describe(v, buf, sizeof buf));
        snp_jread_pop(&r->j);
        return NULL;
    }
    return snp_jread_copy(&r->j, v->valuestring);
}

static int get_bool(reader *r, const cJSON *obj, const char *key, int flags)
{
    const cJSON *v = member(r, obj, key, flags);
    if (!v)
        return 0;
    if (!cJSON_IsBool(v)) {
        char buf[64];
        snp_jread_push_key(&r->j, key);
        rerr(r, "expected true or false, got %s", describe(v, buf, sizeof buf));
        snp_jread_pop(&r->j);
        return 0;
    }
    return cJSON_IsTrue(v) ? 1 : 0;
}

/* An array member: returns it and its size (0 when absent or not an array, with an error). */
static const cJSON *get_array(reader *r, const cJSON *obj, const char *key, int flags, int *n)
{
    *n = 0;
    const cJSON *v = member(r, obj, key, flags);
    if (!v)
        return NULL;
    if (!cJSON_IsArray(v)) {
        char buf[64];
        snp_jread_push_key(&r->j, key);
        rerr(r, "expected an array, got %s", describe(v, buf, sizeof buf));
        snp_jread_pop(&r->j);
        return NULL;
    }
    int count = 0;
    for (const cJSON *c = v->child; c; c = c->next)
        count++;
    *n = count;
    return v;
}

/* Allocates n records of size elem in the arena (n may be 0). */
static void *records(reader *r, int n, size_t elem)
{
    void *p = snp_arena_array(&r->doc->arena, (size_t)n + 1, elem);
    if (!p)
        r->j.nomem = 1;
    return p;
}

/* Checks that array element c is an object; reports it otherwise. */
static int element_object(reader *r, const cJSON *c)
{
    if (cJSON_IsObject(c))
        return 1;
    char buf[64];
    rerr(r, "expected an object, got %s", describe(c, buf, sizeof buf));
    return 0;
}

typedef void (*element_fn)(reader *r, const cJSON *obj, void *rec);

/* Reads array `key` of obj into *out (n records of size elem), one call of fn per object. */
static void read_list(reader *r, const cJSON *obj, const char *key, int flags, size_t elem,
                      element_fn fn, void **out, int *n)
{
    *out = NULL;
    const cJSON *a = get_array(r, obj, key, flags, n);
    if (!a)
        return;
    char *recs = records(r, *n, elem);
    if (!recs)
        return;
    *out = recs;
    snp_jread_push_key(&r->j, key);
    int i = 0;
    for (const cJSON *c = a->child; c && !r->j.nomem; c = c->next, i++) {
        snp_jread_push_index(&r->j, i);
        if (element_object(r, c))
            fn(r, c, recs + (size_t)i * elem);
        snp_jread_pop(&r->j);
    }
    snp_jread_pop(&r->j);
}

/* An optional "location": [x, y] of two finite numbers; *has is 1 when present and valid. */
static void get_location(reader *r, const cJSON *o, int *has, snp_point *p)
{
    *has = 0;
    const cJSON *v = member(r, o, "location", 0);
    if (!v)
        return;
    snp_jread_push_key(&r->j, "location");
    const cJSON *x = cJSON_IsArray(v) ? v->child : NULL;
    const cJSON *y = x ? x->next : NULL;
    if (x && y && !y->next && cJSON_IsNumber(x) && cJSON_IsNumber(y) && isfinite(x->valuedouble) &&
        isfinite(y->valuedouble)) {
        p->x = x->valuedouble;
        p->y = y->valuedouble;
        *has = 1;
    } else {
        char buf[64];
        rerr(r, "expected [x, y] (two numbers), got %s",
             cJSON_IsArray(v) ? "an array of another shape" : describe(v, buf, sizeof buf));
    }
    snp_jread_pop(&r->j);
}

/* An optional array of numbers (null allowed: NAN), one per period. */
static void get_series(reader *r, const cJSON *o, const char *key, snp_sol_series *out)
{
    out->n = 0;
    out->v = NULL;
    int n;
    const cJSON *a = get_array(r, o, key, 0, &n);
    if (!a)
        return;
    out->v = records(r, n, sizeof(double));
    if (!out->v)
        return;
    out->n = n;
    snp_jread_push_key(&r->j, key);
    int i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        if (cJSON_IsNumber(c) && isfinite(c->valuedouble)) {
            out->v[i] = c->valuedouble;
        } else {
            out->v[i] = NAN;
            if (!cJSON_IsNull(c)) {
                char buf[64];
                snp_jread_push_index(&r->j, i);
                rerr(r, "expected a number or null, got %s", describe(c, buf, sizeof buf));
                snp_jread_pop(&r->j);
            }
        }
    }
    snp_jread_pop(&r->j);
}

static void read_period(reader *r, const cJSON *o, void *rec)
{
    snp_sol_period *p = rec;
    p->id = get_str(r, o, "id", REQ);
    p->hours = get_num(r, o, "hours", REQ);
}

static void read_intake(reader *r, const cJSON *o, void *rec)
{
    snp_sol_intake *x = rec;
    x->resource = get_str(r, o, "resource", REQ);
    get_series(r, o, "amounts", &x->amounts);
    if (!x->amounts.v)
        rerr(r, "missing required key \"amounts\"");
}

static void read_origin(reader *r, const cJSON *o, void *rec)
{
    snp_sol_origin *x = rec;
    x->origin = get_str(r, o, "origin", REQ);
    x->flow = get_num(r, o, "flow", REQ);
}

/* An optional array of strings (a link's "route"); *has is 1 when present. */
static void get_str_list(reader *r, const cJSON *o, const char *key, int *has, int *n,
                         const char ***out)
{
    *out = NULL;
    const cJSON *a = get_array(r, o, key, 0, n);
    *has = a != NULL;
    if (!a)
        return;
    const char **s = records(r, *n, sizeof *s);
    if (!s)
        return;
    *out = s;
    snp_jread_push_key(&r->j, key);
    int i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        snp_jread_push_index(&r->j, i);
        if (cJSON_IsString(c) && c->valuestring) {
            s[i] = snp_jread_copy(&r->j, c->valuestring);
        } else {
            char buf[64];
            rerr(r, "expected a string, got %s", describe(c, buf, sizeof buf));
        }
        snp_jread_pop(&r->j);
    }
    snp_jread_pop(&r->j);
}

/* "points": an array of at least two [x, y]. */
static void get_points(reader *r, const cJSON *o, int *n, snp_point **out)
{
    *out = NULL;
    const cJSON *a = get_array(r, o, "points", REQ, n);
    if (!a)
        return;
    snp_point *p = records(r, *n, sizeof *p);
    if (!p)
        return;
    *out = p;
    snp_jread_push_key(&r->j, "points");
    if (*n < 2)
        rerr(r, "expected at least two points, got %d", *n);
    int i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        const cJSON *x = cJSON_IsArray(c) ? c->child : NULL;
        const cJSON *y = x ? x->next : NULL;
        if (x && y && !y->next && cJSON_IsNumber(x) && cJSON_IsNumber(y) &&
            isfinite(x->valuedouble) && isfinite(y->valuedouble)) {
            p[i].x = x->valuedouble;
            p[i].y = y->valuedouble;
            continue;
        }
        snp_jread_push_index(&r->j, i);
        rerr(r, "expected [x, y] (two numbers), got %s",
             cJSON_IsArray(c) ? "an array of another shape" : "something else");
        snp_jread_pop(&r->j);
    }
    snp_jread_pop(&r->j);
}

static void read_trench(reader *r, const cJSON *o, void *rec)
{
    snp_sol_trench *t = rec;
    t->id = get_str(r, o, "id", REQ);
    const cJSON *w = member(r, o, "way", REQ);
    if (w && !cJSON_IsNull(w))
        t->way = get_str(r, o, "way", REQ);
    t->cls = get_str(r, o, "class", REQ);
    t->serves = get_str(r, o, "serves", 0);
    t->zone = get_str(r, o, "zone", 0);
    t->length_km = get_num(r, o, "length_km", REQ);
    t->dug = get_bool(r, o, "dug", REQ);
    t->capital = get_num(r, o, "capital", REQ);
    get_points(r, o, &t->n_pts, &t->pts);
}

static void read_link(reader *r, const cJSON *o, void *rec)
{
    snp_sol_link *l = rec;
    l->id = get_str(r, o, "id", 0);
    l->from = get_str(r, o, "from", REQ);
    l->to = get_str(r, o, "to", REQ);
    l->resource = get_str(r, o, "resource", REQ);
    l->unit = get_str(r, o, "unit", 0);
    l->mode = get_str(r, o, "mode", REQ);
    l->length_km = get_num(r, o, "length_km", REQ);
    l->flow = get_num(r, o, "flow", REQ);
    l->delivered = get_num(r, o, "delivered", REQ);
    l->has_size_capacity = present(o, "size_capacity");
    l->size_capacity = get_num(r, o, "size_capacity", 0);
    l->has_trips = present(o, "trips");
    l->trips = get_num(r, o, "trips", 0);
    l->corridor = get_str(r, o, "corridor", 0);
    get_str_list(r, o, "route", &l->has_route, &l->n_route, &l->route);
    l->has_by_origin = present(o, "by_origin");
    void *p;
    read_list(r, o, "by_origin", 0, sizeof(snp_sol_origin), read_origin, &p, &l->n_by_origin);
    l->by_origin = p;
    l->forced = get_bool(r, o, "forced", REQ);
    l->capital = get_num(r, o, "capital", REQ);
    l->annual_cost = get_num(r, o, "annual_cost", REQ);
    get_series(r, o, "by_period", &l->by_period);
    l->peak_per_h = get_num(r, o, "peak_per_h", NULL_OK);
    l->load_factor = get_num(r, o, "load_factor", NULL_OK);
}

static void read_processed(reader *r, const cJSON *o, void *rec)
{
    snp_sol_amount *a = rec;
    a->resource = get_str(r, o, "resource", REQ);
    a->amount = get_num(r, o, "amount", REQ);
    get_series(r, o, "by_period", &a->by_period);
}

static void read_produced(reader *r, const cJSON *o, void *rec)
{
    snp_sol_amount *a = rec;
    a->resource = get_str(r, o, "resource", REQ);
    a->amount = get_num(r, o, "amount", REQ);
    a->disposed = get_num(r, o, "disposed", REQ);
    get_series(r, o, "by_period", &a->by_period);
    get_series(r, o, "sent_by_period", &a->sent_by_period);
    get_series(r, o, "disposed_by_period", &a->disposed_by_period);
}

static void read_hub(reader *r, const cJSON *o, void *rec)
{
    snp_sol_hub *h = rec;
    h->id = get_str(r, o, "id", REQ);
    get_location(r, o, &h->has_loc, &h->loc);
    h->capacity = get_num(r, o, "capacity", REQ);
    h->capital = get_num(r, o, "capital", REQ);
    h->fixed_opex = get_num(r, o, "fixed_opex", REQ);
    void *p;
    read_list(r, o, "processed", REQ, sizeof(snp_sol_amount), read_processed, &p, &h->n_processed);
    h->processed = p;
    read_list(r, o, "produced", REQ, sizeof(snp_sol_amount), read_produced, &p, &h->n_produced);
    h->produced = p;
    h->load_factor = get_num(r, o, "load_factor", NULL_OK);
    const cJSON *st = member(r, o, "storage", 0);
    if (st) {
        snp_jread_push_key(&r->j, "storage");
        if (element_object(r, st)) {
            h->has_storage = 1;
            h->storage_resource = get_str(r, st, "resource", REQ);
            h->storage_capacity = get_num(r, st, "capacity", REQ);
            h->storage_capital = get_num(r, st, "capital", REQ);
            h->storage_fixed_opex = get_num(r, st, "fixed_opex", REQ);
            h->storage_loss = get_num(r, st, "loss", REQ);
            get_series(r, st, "level_by_period", &h->storage_level);
        }
        snp_jread_pop(&r->j);
    }
}

static void read_corridor(reader *r, const cJSON *o, void *rec)
{
    snp_sol_corridor *c = rec;
    c->id = get_str(r, o, "id", REQ);
    c->capital = get_num(r, o, "capital", REQ);
}

static void read_junction(reader *r, const cJSON *o, void *rec)
{
    snp_sol_junction *j = rec;
    j->id = get_str(r, o, "id", REQ);
    get_location(r, o, &j->has_loc, &j->loc);
}

static void read_partner(reader *r, const cJSON *o, void *rec)
{
    snp_sol_partner *p = rec;
    p->id = get_str(r, o, "id", REQ);
    p->bau_cost = get_num(r, o, "bau_cost", REQ | NULL_OK);
    p->cost = get_num(r, o, "cost", REQ | NULL_OK);
    p->participates = get_bool(r, o, "participates", 0);
    p->worse_off = get_bool(r, o, "worse_off", 0);
}

static void read_supply(reader *r, const cJSON *o, void *rec)
{
    snp_sol_supply *s = rec;
    s->resource = get_str(r, o, "resource", REQ);
    s->amount = get_num(r, o, "amount", REQ);
    s->sent = get_num(r, o, "sent", REQ | NULL_OK);
    s->disposed = get_num(r, o, "disposed", REQ | NULL_OK);
    get_series(r, o, "amount_by_period", &s->amount_by_period);
    get_series(r, o, "sent_by_period", &s->sent_by_period);
    get_series(r, o, "disposed_by_period", &s->disposed_by_period);
}

static void read_delivery(reader *r, const cJSON *o, void *rec)
{
    snp_sol_delivery *d = rec;
    d->resource = get_str(r, o, "resource", REQ);
    d->origin = get_str(r, o, "origin", 0);
    d->amount = get_num(r, o, "amount", REQ);
}

static void read_demand(reader *r, const cJSON *o, void *rec)
{
    snp_sol_demand *d = rec;
    d->resource = get_str(r, o, "resource", REQ);
    d->amount = get_num(r, o, "amount", REQ);
    d->received = get_num(r, o, "received", REQ | NULL_OK);
    d->purchased = get_num(r, o, "purchased", REQ | NULL_OK);
    void *p;
    read_list(r, o, "deliveries", REQ, sizeof(snp_sol_delivery), read_delivery, &p,
              &d->n_deliveries);
    d->deliveries = p;
    get_series(r, o, "amount_by_period", &d->amount_by_period);
    get_series(r, o, "received_by_period", &d->received_by_period);
    get_series(r, o, "purchased_by_period", &d->purchased_by_period);
    read_list(r, o, "intake_by_period", 0, sizeof(snp_sol_intake), read_intake, &p, &d->n_intake);
    d->intake = p;
}

static void read_facility(reader *r, const cJSON *o, void *rec)
{
    snp_sol_facility *f = rec;
    f->id = get_str(r, o, "id", REQ);
    f->name = get_str(r, o, "name", 0);
    get_location(r, o, &f->has_loc, &f->loc);
    void *p;
    read_list(r, o, "supplies", REQ, sizeof(snp_sol_supply), read_supply, &p, &f->n_supplies);
    f->supplies = p;
    read_list(r, o, "demands", REQ, sizeof(snp_sol_demand), read_demand, &p, &f->n_demands);
    f->demands = p;
}

/* cost_breakdown / bau_breakdown: returns 1 when present. */
static int read_costs(reader *r, const cJSON *root, const char *key, snp_sol_costs *c)
{
    const cJSON *o = member(r, root, key, 0);
    if (!o)
        return 0;
    snp_jread_push_key(&r->j, key);
    if (!cJSON_IsObject(o)) {
        char buf[64];
        rerr(r, "expected an object, got %s", describe(o, buf, sizeof buf));
        snp_jread_pop(&r->j);
        return 0;
    }
    c->disposal = get_num(r, o, "disposal", REQ);
    c->purchase = get_num(r, o, "purchase", REQ);
    c->capital_annualised = get_num(r, o, "capital_annualised", REQ);
    c->operating = get_num(r, o, "operating", REQ);
    c->carbon = get_num(r, o, "carbon", REQ);
    c->total = get_num(r, o, "total", REQ);
    snp_jread_pop(&r->j);
    return 1;
}

/* An optional object member `key` of obj, its path pushed: NULL (nothing pushed) when absent
 * or not an object (reported). The caller pops. */
static const cJSON *open_object(reader *r, const cJSON *obj, const char *key)
{
    const cJSON *o = member(r, obj, key, 0);
    if (!o)
        return NULL;
    snp_jread_push_key(&r->j, key);
    if (cJSON_IsObject(o))
        return o;
    char buf[64];
    rerr(r, "expected an object, got %s", describe(o, buf, sizeof buf));
    snp_jread_pop(&r->j);
    return NULL;
}

static void read_npv(reader *r, const cJSON *o, void *rec)
{
    snp_sol_npv *n = rec;
    n->rate = get_num(r, o, "rate", REQ);
    n->npv = get_num(r, o, "npv", REQ | NULL_OK);
    n->npv_without_carbon = get_num(r, o, "npv_without_carbon", REQ | NULL_OK);
}

/* money, headline.capital and jobs: the figures a funder reads, rechecked by verify.c. */
static void read_money(reader *r, const cJSON *root)
{
    snp_solution_doc *d = r->doc;
    const cJSON *o = open_object(r, root, "money");
    if (o) {
        snp_sol_money *m = &d->money;
        d->has_money = 1;
        m->horizon_yr = get_num(r, o, "horizon_yr", REQ);
        m->capital_year0 = get_num(r, o, "capital_year0", REQ | NULL_OK);
        m->cash = get_num(r, o, "annual_savings_before_capital", REQ | NULL_OK);
        m->cash_without_carbon =
            get_num(r, o, "annual_savings_before_capital_without_carbon", REQ | NULL_OK);
        m->irr = get_num(r, o, "irr", REQ | NULL_OK);
        m->irr_without_carbon = get_num(r, o, "irr_without_carbon", REQ | NULL_OK);
        m->payback_yr = get_num(r, o, "payback_yr", REQ | NULL_OK);
        m->payback_yr_without_carbon = get_num(r, o, "payback_yr_without_carbon", REQ | NULL_OK);
        void *p;
        read_list(r, o, "npv", REQ, sizeof(snp_sol_npv), read_npv, &p, &m->n_npv);
        m->npv = p;
        snp_jread_pop(&r->j);
    }
    const cJSON *h = open_object(r, root, "headline");
    if (h) {
        const cJSON *c = open_object(r, h, "capital");
        if (c) {
            d->has_capital_items = 1;
            d->capital_links = get_num(r, c, "links", REQ | NULL_OK);
            d->capital_hubs = get_num(r, c, "hubs", REQ | NULL_OK);
            d->capital_corridors = get_num(r, c, "corridors", REQ | NULL_OK);
            d->capital_trenches = get_num(r, c, "trenches", REQ | NULL_OK);
            d->capital_items_total = get_num(r, c, "total", REQ | NULL_OK);
            snp_jread_pop(&r->j);
        }
        snp_jread_pop(&r->j);
    }
    const cJSON *j = open_object(r, root, "jobs");
    if (j) {
        d->has_jobs = 1;
        d->job_years = get_num(r, j, "construction_job_years", REQ | NULL_OK);
        d->jobs_per_million = get_num(r, j, "factor_per_million", REQ);
        snp_jread_pop(&r->j);
    }
}

static void read_cert_row(reader *r, const cJSON *o, void *rec)
{
    snp_sol_cert_row *c = rec;
    c->row = get_str(r, o, "row", REQ);
    c->node = get_str(r, o, "node", 0);
    c->resource = get_str(r, o, "resource", 0);
    c->multiplier = get_num(r, o, "multiplier", REQ);
}

/* "infeasibility": null, or how an infeasible verdict is proven. */
static void read_infeasibility(reader *r, const cJSON *root)
{
    snp_solution_doc *d = r->doc;
    const cJSON *o = member(r, root, "infeasibility", 0);
    if (!o || cJSON_IsNull(o))
        return;
    snp_jread_push_key(&r->j, "infeasibility");
    if (!cJSON_IsObject(o)) {
        char buf[64];
        rerr(r, "expected an object or null, got %s", describe(o, buf, sizeof buf));
        snp_jread_pop(&r->j);
        return;
    }
    d->has_infeasibility = 1;
    d->proof = get_str(r, o, "proof", REQ);
    d->elastic_violation = NAN;
    if (d->proof && strcmp(d->proof, "search") == 0) {
        d->elastic_violation = get_num(r, o, "elastic_violation", REQ);
    } else if (d->proof && strcmp(d->proof, "certificate") == 0) {
        void *p;
        read_list(r, o, "rows", REQ, sizeof(snp_sol_cert_row), read_cert_row, &p, &d->n_cert);
        d->cert = p;
    } else if (d->proof) {
        snp_jread_push_key(&r->j, "proof");
        rerr(r, "expected \"certificate\" or \"search\", got \"%.60s\"", d->proof);
        snp_jread_pop(&r->j);
    }
    snp_jread_pop(&r->j);
}

static const char *const statuses[] = {"optimal",   "feasible",    "infeasible",
                                       "unbounded", "no_solution", NULL};

static void read_root(reader *r, const cJSON *root)
{
    snp_solution_doc *d = r->doc;
    if (!cJSON_IsObject(root)) {
        char buf[64];
        rerr(r, "expected a JSON object at the top level, got %s", describe(root, buf, sizeof buf));
        return;
    }
    const char *fmt = get_str(r, root, "format", REQ);
    if (fmt && strcmp(fmt, "symnet-solution/1") != 0) {
        snp_jread_push_key(&r->j, "format");
        rerr(r, "expected \"symnet-solution/1\", got \"%.60s\"", fmt);
        snp_jread_pop(&r->j);
    }
    d->region = get_str(r, root, "region", REQ);
    d->currency = get_str(r, root, "currency", REQ);
    d->coordinates = get_str(r, root, "coordinates", 0);
    if (d->coordinates && strcmp(d->coordinates, "lonlat") != 0 &&
        strcmp(d->coordinates, "planar_km") != 0) {
        snp_jread_push_key(&r->j, "coordinates");
        rerr(r, "expected \"lonlat\" or \"planar_km\", got \"%.60s\"", d->coordinates);
        snp_jread_pop(&r->j);
        d->coordinates = NULL;
    }
    d->status = get_str(r, root, "status", REQ);
    if (d->status) {
        int known = 0;
        for (int i = 0; statuses[i]; i++)
            known |= strcmp(d->status, statuses[i]) == 0;
        if (!known) {
            snp_jread_push_key(&r->j, "status");
            rerr(r,
                 "expected one of \"optimal\", \"feasible\", \"infeasible\", \"unbounded\", "
                 "\"no_solution\", got \"%.60s\"",
                 d->status);
            snp_jread_pop(&r->j);
            d->status = NULL;
        }
    }
    d->objective = get_num(r, root, "objective", REQ | NULL_OK);
    d->bound = get_num(r, root, "bound", NULL_OK);
    d->gap = get_num(r, root, "gap", NULL_OK);
    d->gap_tolerance = get_num(r, root, "gap_tolerance", NULL_OK);
    const cJSON *bau = member(r, root, "bau", REQ);
    if (bau) {
        snp_jread_push_key(&r->j, "bau");
        if (cJSON_IsObject(bau)) {
            d->bau_feasible = get_bool(r, bau, "feasible", REQ);
            d->bau_cost = get_num(r, bau, "cost", REQ | NULL_OK);
            d->bau_co2_t_per_yr = get_num(r, bau, "co2_t_per_yr", REQ | NULL_OK);
        } else {
            char buf[64];
            rerr(r, "expected an object, got %s", describe(bau, buf, sizeof buf));
        }
        snp_jread_pop(&r->j);
    }
    d->savings = get_num(r, root, "savings", REQ | NULL_OK);
    d->capital = get_num(r, root, "capital", REQ | NULL_OK);
    d->co2_t_per_yr = get_num(r, root, "co2_t_per_yr", REQ | NULL_OK);
    d->co2_avoided_t_per_yr = get_num(r, root, "co2_avoided_t_per_yr", REQ | NULL_OK);
    d->has_cost_breakdown = read_costs(r, root, "cost_breakdown", &d->cost);
    d->has_bau_breakdown = read_costs(r, root, "bau_breakdown", &d->bau);
    void *p;
    read_list(r, root, "waste_diverted", REQ, sizeof(snp_sol_amount), read_processed, &p,
              &d->n_diverted);
    d->diverted = p;
    read_list(r, root, "virgin_replaced", REQ, sizeof(snp_sol_amount), read_processed, &p,
              &d->n_replaced);
    d->replaced = p;
    read_list(r, root, "periods", 0, sizeof(snp_sol_period), read_period, &p, &d->n_periods);
    d->periods = p;
    read_list(r, root, "links", REQ, sizeof(snp_sol_link), read_link, &p, &d->n_links);
    d->links = p;
    read_list(r, root, "hubs", REQ, sizeof(snp_sol_hub), read_hub, &p, &d->n_hubs);
    d->hubs = p;
    read_list(r, root, "corridors", REQ, sizeof(snp_sol_corridor), read_corridor, &p,
              &d->n_corridors);
    d->corridors = p;
    d->has_trenches = present(root, "trenches");
    read_list(r, root, "trenches", 0, sizeof(snp_sol_trench), read_trench, &p, &d->n_trenches);
    d->trenches = p;
    read_list(r, root, "junctions", 0, sizeof(snp_sol_junction), read_junction, &p,
              &d->n_junctions);
    d->junctions = p;
    d->has_partners = present(root, "partners");
    read_list(r, root, "partners", 0, sizeof(snp_sol_partner), read_partner, &p, &d->n_partners);
    d->partners = p;
    read_list(r, root, "facilities", REQ, sizeof(snp_sol_facility), read_facility, &p,
              &d->n_facilities);
    d->facilities = p;
    read_money(r, root);
    read_infeasibility(r, root);
}

static void syntax(reader *r, const char *text, size_t off, const char *what)
{
    int line, col;
    snp_jsonin_line_col(text, off, &line, &col);
    snp_diag_add(r->j.diag, SN_EINPUT, r->doc->file, NULL, "invalid JSON: %s", what);
    snp_diag_set_pos(r->j.diag, line, col);
    r->j.nerr++;
}

/* The pre-scan of jsonin.c, reported in this reader's words; 1 when the text may go to cJSON. */
static int prescan(reader *r, const char *text, size_t len)
{
    snp_jsonin_error e;
    int ok = snp_jsonin_prescan(text, len, 0, &e);
    if (ok < 0)
        r->j.nomem = 1;
    else if (!ok)
        syntax(r, text, e.at,
               len == 0                     ? "empty file"
               : e.kind == SNP_JSONIN_NUL   ? "unexpected NUL byte"
               : e.kind == SNP_JSONIN_DEPTH ? "nested deeper than 64 levels (arrays and objects)"
                                            : "syntax error");
    return ok > 0;
}

void snp_solution_doc_free(snp_solution_doc *doc)
{
    if (!doc)
        return;
    snp_arena_free(&doc->arena);
    snp_free(doc);
}

sn_status snp_solution_doc_read(const char *text, size_t len, const char *name,
                                snp_solution_doc **out, sn_diag *diag)
{
    *out = NULL;
    const char *file = name ? name : "<solution>";
    snp_solution_doc *doc = snp_calloc(1, sizeof *doc);
    if (!doc) {
        snp_diag_add(diag, SN_ENOMEM, file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    snp_arena_init(&doc->arena);
    doc->objective = doc->bound = doc->gap = doc->gap_tolerance = NAN;
    reader r;
    r.doc = doc;
    snp_jread_init(&r.j, diag, NULL, NULL, &doc->arena); /* no path for the document itself */
    doc->file = snp_arena_strdup(&doc->arena, file);
    cJSON *root = NULL;
    if (!doc->file) {
        doc->file = "<solution>"; /* static fallback so the message below can name it */
        r.j.nomem = 1;
        goto done;
    }
    r.j.file = doc->file;
    if (!text && len > 0) {
        snp_diag_add(diag, SN_EUSAGE, file, NULL, "snp_solution_doc_read: NULL text");
        snp_solution_doc_free(doc);
        return SN_EUSAGE;
    }
    if (len > SOL_FILE_LIMIT) {
        snp_diag_add(diag, SN_EINPUT, file, NULL, "file too large (limit 256 MiB)");
        r.j.nerr++;
        goto done;
    }
    if (!text)
        text = "";
    if (!prescan(&r, text, len))
        goto done;
    size_t stop;
    sn_status pst = snp_jsonin_parse(text, len, &root, &stop);
    if (pst == SN_ENOMEM) {
        r.j.nomem = 1;
        goto done;
    }
    if (pst != SN_OK) {
        syntax(&r, text, stop, "syntax error");
        goto done;
    }
    read_root(&r, root);

done:
    cJSON_Delete(root);
    if (r.j.nomem) {
        snp_diag_add(diag, SN_ENOMEM, file, NULL, "out of memory");
        snp_solution_doc_free(doc);
        return SN_ENOMEM;
    }
    if (r.j.nerr) {
        snp_solution_doc_free(doc);
        return SN_EINPUT;
    }
    *out = doc;
    return SN_OK;
}

sn_status snp_solution_doc_load(const char *path, snp_solution_doc **out, sn_diag *diag)
{
    *out = NULL;
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snp_diag_add(diag, SN_EIO, NULL, NULL, "cannot read %s: %s", path,
                     strerror(errno ? errno : EIO));
        return SN_EIO;
    }
    size_t cap = 65536, len = 0;
    char *buf = snp_alloc(cap);
    sn_status st = buf ? SN_OK : SN_ENOMEM;
    while (st == SN_OK) {
        if (len == cap) {
            size_t ncap = cap * 2 > SOL_FILE_LIMIT + 1 ? SOL_FILE_LIMIT + 1 : cap * 2;
            char *nb = snp_realloc(buf, ncap);
            if (!nb) {
                st = SN_ENOMEM;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (len > SOL_FILE_LIMIT) {
            snp_diag_add(diag, SN_EINPUT, path, NULL, "file too large (limit 256 MiB)");
            st = SN_EINPUT;
            break;
        }
        if (n == 0) {
            if (ferror(f)) {
                snp_diag_add(diag, SN_EIO, NULL, NULL, "cannot read %s: %s", path,
                             strerror(errno ? errno : EIO));
                st = SN_EIO;
            }
            break;
        }
    }
    fclose(f);
    if (st == SN_ENOMEM)
        snp_diag_add(diag, SN_ENOMEM, path, NULL, "out of memory");
    if (st == SN_OK)
        st = snp_solution_doc_read(buf, len, path, out, diag);
    snp_free(buf);
    return st;
}

sn_status sn_solution_file_objective(const char *path, double *objective, int *proven,
                                     sn_diag *diag)
{
    *objective = NAN;
    *proven = 0;
    snp_solution_doc *doc = NULL;
    sn_status st = snp_solution_doc_load(path, &doc, diag);
    if (st != SN_OK)
        return st;
    if (!doc->status || !isfinite(doc->objective) ||
        (strcmp(doc->status, "optimal") != 0 && strcmp(doc->status, "feasible") != 0)) {
        snp_diag_add(diag, SN_EINPUT, path, "status",
                     "expected a solution with a network (status optimal or feasible), got %s",
                     doc->status ? doc->status : "none");
        snp_solution_doc_free(doc);
        return SN_EINPUT;
    }
    *objective = doc->objective;
    *proven = strcmp(doc->status, "optimal") == 0;
    snp_solution_doc_free(doc);
    return SN_OK;
}
