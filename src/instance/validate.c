/*
 * validate.c - cross-entity checks on a parsed region, run by parse.c once every reference is
 * resolved, also after parse errors (snp_instance_validate_partial skips what could not be read).
 * Entities are visited in section order (facilities, hubs, junctions, links, corridors) and in
 * array order within a section; parse.c merges the messages with its own in document order.
 * After snp_instance_validate succeeds, every invariant stated in instance_int.h holds.
 *
 * Checked here: locations in range (lon/lat, or within 100000 km of the origin for planar_km); at
 * most one supply and one demand per resource per facility; substitutes (not the demand's own
 * resource, no duplicates); quality limits (attribute declared by an accepted resource, min <=
 * max); distinct hub inputs and outputs; distinct junction resources; explicit links (endpoints can
 * send/receive the resource, trucks avoid junctions, a mode spec or given costs, a pipe that
 * does not lose all its flow, no duplicates);
 * corridors (distinct endpoints, one per pair). Ids, ranges and references are checked while
 * parsing.
 */
#include "instance_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct checker {
    const sn_instance *in;
    sn_diag *diag;
    int nerr;
    int coords_known;   /* region.coordinates was read: locations can be range-checked */
    int partial;        /* the parse found errors: some fields are unset */
    int *link_first;    /* per link: the first link with the same ends, resource and mode */
    int *corr_first;    /* per corridor: the first corridor between the same two nodes */
    int *pipe_corr;     /* per link: the corridor its pipe runs in, or -1 */
    const char **attrs; /* each resource's attribute names, sorted: attr_at[r] .. attr_at[r+1] */
    int *attr_at;
} checker;

static void verr(checker *v, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void verr(checker *v, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    snp_diag_vadd(v->diag, SN_EINPUT, v->in->file, path, fmt, ap);
    va_end(ap);
    v->nerr++;
}

static void pathf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Formats a JSON path (cut at the buffer's size). */
static void pathf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

static const char *rid(const checker *v, int r)
{
    return v->in->resources[r].id;
}

/* After parse errors some references are unresolved (-1) or name an entity whose id was
 * invalid (NULL): checks that involve them are skipped. */
static int rok(const checker *v, int r)
{
    return r >= 0 && r < v->in->n_resources && v->in->resources[r].id != NULL;
}

static int nok(const checker *v, int n)
{
    return n >= 0 && n < snp_node_count(v->in) && snp_node_id(v->in, n) != NULL;
}

static void check_location(checker *v, const char *base, snp_point p)
{
    char path[SNP_PATH_MAX + 1];
    if (!v->coords_known)
        return;
    if (v->in->coords == SNP_COORDS_PLANAR_KM) {
        const double lim = 1e5; /* km: 2.5 times round the Earth (docs/format.md) */
        for (int k = 0; k < 2; k++) {
            double c = k == 0 ? p.x : p.y;
            if (c < -lim || c > lim) {
                pathf(path, sizeof path, "%s.location[%d]", base, k);
                verr(v, path, "expected a planar_km coordinate in [-100000, 100000], got %.15g", c);
            }
        }
        return;
    }
    if (p.x < -180 || p.x > 180) {
        pathf(path, sizeof path, "%s.location[0]", base);
        verr(v, path, "expected a longitude in [-180, 180], got %.15g", p.x);
    }
    if (p.y < -90 || p.y > 90) {
        pathf(path, sizeof path, "%s.location[1]", base);
        verr(v, path, "expected a latitude in [-90, 90], got %.15g", p.y);
    }
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Does resource r declare attribute name? (binary search in its sorted names) */
static int declares(const checker *v, int r, const char *name)
{
    size_t n = (size_t)(v->attr_at[r + 1] - v->attr_at[r]);
    return n > 0 && bsearch(&name, v->attrs + v->attr_at[r], n, sizeof *v->attrs, str_cmp) != NULL;
}

/* The attributes of a demand's resource and substitutes, as "has: a, b", into buf. */
static void attr_union(const checker *v, const snp_demand *d, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int s = -1; s < d->n_subs; s++) {
        int ri = s < 0 ? d->resource : d->subs[s].resource;
        if (!rok(v, ri))
            continue;
        const snp_resource *r = &v->in->resources[ri];
        for (int a = 0; a < r->n_attrs && o < size; a++)
            if (r->attrs[a])
                o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "known: ", r->attrs[a]);
    }
}

static void check_demand(checker *v, const char *base, const snp_demand *d)
{
    char path[SNP_PATH_MAX + 1];
    for (int s = 0; s < d->n_subs; s++) {
        int r = d->subs[s].resource;
        if (!rok(v, r))
            continue;
        pathf(path, sizeof path, "%s.substitutes[%d].resource", base, s);
        if (r == d->resource) {
            verr(v, path, "expected a resource other than the demand's own, got \"%s\"", rid(v, r));
            continue;
        }
        for (int t = 0; t < s; t++) {
            if (d->subs[t].resource == r) {
                verr(v, path, "duplicate substitute \"%s\" (first at %s.substitutes[%d])",
                     rid(v, r), base, t);
                break;
            }
        }
    }
    for (int q = 0; q < d->n_limits && rok(v, d->resource); q++) {
        const snp_quality_limit *l = &d->limits[q];
        if (!l->attr)
            continue;
        snp_path key;
        snp_path_init(&key);
        snp_path_push_key(&key, "quality");
        snp_path_push_key(&key, l->attr);
        pathf(path, sizeof path, "%s.%s", base, snp_path_str(&key));
        int ok = declares(v, d->resource, l->attr);
        for (int s = 0; s < d->n_subs && !ok; s++)
            ok = rok(v, d->subs[s].resource) && declares(v, d->subs[s].resource, l->attr);
        int unresolved = 0; /* a substitute that was not read might declare it */
        for (int s = 0; s < d->n_subs; s++)
            unresolved |= !rok(v, d->subs[s].resource);
        if (!ok && unresolved)
            continue;
        if (!ok) {
            char known[200];
            attr_union(v, d, known, sizeof known);
            verr(v, path,
                 "expected a quality attribute of \"%s\" or of one of its substitutes (%s), got "
                 "\"%s\"",
                 rid(v, d->resource), known[0] ? known : "they have none", l->attr);
            continue;
        }
        if (l->has_min && l->has_max && l->min > l->max)
            verr(v, path, "expected min <= max, got min %.15g > max %.15g", l->min, l->max);
    }
}

static void check_facility(checker *v, int i)
{
    const snp_facility *f = &v->in->facilities[i];
    char base[SNP_PATH_MAX + 1], path[SNP_PATH_MAX + 1];
    snprintf(base, sizeof base, "facilities[%d]", i);
    check_location(v, base, f->loc);
    for (int s = 0; s < f->n_supplies; s++) {
        if (!rok(v, f->supplies[s].resource))
            continue;
        for (int t = 0; t < s; t++) {
            if (f->supplies[t].resource == f->supplies[s].resource) {
                pathf(path, sizeof path, "%s.supplies[%d].resource", base, s);
                verr(v, path, "duplicate supply of \"%s\" (first at %s.supplies[%d])",
                     rid(v, f->supplies[s].resource), base, t);
                break;
            }
        }
    }
    for (int d = 0; d < f->n_demands; d++) {
        pathf(path, sizeof path, "%s.demands[%d]", base, d);
        int dup = !rok(v, f->demands[d].resource);
        if (dup) /* unresolved: nothing to check */
            continue;
        for (int t = 0; t < d && !dup; t++) {
            if (f->demands[t].resource == f->demands[d].resource) {
                char p2[SNP_PATH_MAX + 1];
                pathf(p2, sizeof p2, "%s.resource", path);
                verr(v, p2, "duplicate demand of \"%s\" (first at %s.demands[%d])",
                     rid(v, f->demands[d].resource), base, t);
                dup = 1;
            }
        }
        check_demand(v, path, &f->demands[d]);
    }
}

static void check_hub(checker *v, int i)
{
    const snp_hub *h = &v->in->hubs[i];
    char base[SNP_PATH_MAX + 1], path[SNP_PATH_MAX + 1];
    snprintf(base, sizeof base, "hubs[%d]", i);
    check_location(v, base, h->loc);
    for (int a = 0; a < h->n_inputs; a++) {
        if (!rok(v, h->inputs[a].resource))
            continue;
        for (int b = 0; b < a; b++) {
            if (h->inputs[a].resource == h->inputs[b].resource) {
                pathf(path, sizeof path, "%s.inputs[%d].resource", base, a);
                verr(v, path, "duplicate input \"%s\" (first at %s.inputs[%d])",
                     rid(v, h->inputs[a].resource), base, b);
                break;
            }
        }
    }
    for (int a = 0; a < h->n_outputs; a++) {
        if (!rok(v, h->outputs[a].resource))
            continue;
        for (int b = 0; b < a; b++) {
            if (h->outputs[a].resource == h->outputs[b].resource) {
                pathf(path, sizeof path, "%s.outputs[%d].resource", base, a);
                verr(v, path, "duplicate output \"%s\" (first at %s.outputs[%d])",
                     rid(v, h->outputs[a].resource), base, b);
                break;
            }
        }
    }
}

static void check_junction(checker *v, int i)
{
    const snp_junction *j = &v->in->junctions[i];
    char base[SNP_PATH_MAX + 1], path[SNP_PATH_MAX + 1];
    snprintf(base, sizeof base, "junctions[%d]", i);
    check_location(v, base, j->loc);
    for (int a = 0; a < j->n_resources; a++) {
        if (!rok(v, j->resources[a]))
            continue;
        for (int b = 0; b < a; b++) {
            if (j->resources[a] == j->resources[b]) {
                pathf(path, sizeof path, "%s.resources[%d]", base, a);
                verr(v, path, "duplicate resource \"%s\" (first at %s.resources[%d])",
                     rid(v, j->resources[a]), base, b);
                break;
            }
        }
    }
}

static int junction_carries(const sn_instance *in, const snp_junction *j, int r)
{
    if (j->n_resources == 0)
        return in->resources[r].has_pipe;
    for (int a = 0; a < j->n_resources; a++)
        if (j->resources[a] == r)
            return 1;
    return 0;
}

/* 1 when node can send resource r; otherwise fills why. */
static int can_send(const sn_instance *in, int node, int r, char *why, size_t size)
{
    int i;
    const char *res = in->resources[r].id;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY:
        for (int s = 0; s < in->facilities[i].n_supplies; s++)
            if (in->facilities[i].supplies[s].resource == r)
                return 1;
        snprintf(why, size, "\"%s\", a facility with no supply of \"%s\"", in->facilities[i].id,
                 res);
        return 0;
    case SNP_NODE_HUB:
        for (int o = 0; o < in->hubs[i].n_outputs; o++)
            if (in->hubs[i].outputs[o].resource == r)
                return 1;
        snprintf(why, size, "\"%s\", a hub that does not produce \"%s\"", in->hubs[i].id, res);
        return 0;
    case SNP_NODE_JUNCTION:
        if (junction_carries(in, &in->junctions[i], r))
            return 1;
        snprintf(why, size, "\"%s\", a junction that does not carry \"%s\"", in->junctions[i].id,
                 res);
        return 0;
    }
    return 0;
}

static int can_receive(const sn_instance *in, int node, int r, char *why, size_t size)
{
    int i;
    const char *res = in->resources[r].id;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY: {
        const snp_facility *f = &in->facilities[i];
        for (int d = 0; d < f->n_demands; d++) {
            if (f->demands[d].resource == r)
                return 1;
            for (int s = 0; s < f->demands[d].n_subs; s++)
                if (f->demands[d].subs[s].resource == r)
                    return 1;
        }
        snprintf(why, size,
                 "\"%s\", a facility that neither demands \"%s\" nor accepts it as a substitute",
                 f->id, res);
        return 0;
    }
    case SNP_NODE_HUB:
        for (int n = 0; n < in->hubs[i].n_inputs; n++)
            if (in->hubs[i].inputs[n].resource == r)
                return 1;
        snprintf(why, size, "\"%s\", a hub that does not take \"%s\" as an input", in->hubs[i].id,
                 res);
        return 0;
    case SNP_NODE_JUNCTION:
        if (junction_carries(in, &in->junctions[i], r))
            return 1;
        snprintf(why, size, "\"%s\", a junction that does not carry \"%s\"", in->junctions[i].id,
                 res);
        return 0;
    }
    return 0;
}

/* The length of an explicit pipe link as the model takes it (src/model/links.c): a corridor
 * (not forbidden) between its ends gives its length, else the link's length_km, else the
 * straight line times the pipe's detour. */
static double pipe_length_km(const checker *v, int i)
{
    const sn_instance *in = v->in;
    const snp_link_spec *l = &in->links[i];
    double detour = in->resources[l->resource].pipe.detour;
    int c = v->pipe_corr[i];
    if (c >= 0) {
        const snp_corridor *co = &in->corridors[c];
        return co->has_length ? co->length_km : snp_node_dist_km(in, l->from, l->to) * detour;
    }
    if (l->has_length)
        return l->length_km;
    return snp_node_dist_km(in, l->from, l->to) * detour;
}

static void check_link(checker *v, int i)
{
    const sn_instance *in = v->in;
    const snp_link_spec *l = &in->links[i];
    if (!nok(v, l->from) || !nok(v, l->to) || !rok(v, l->resource))
        return;
    const snp_resource *r = &in->resources[l->resource];
    char path[SNP_PATH_MAX + 1], why[300];
    const char *mode = l->mode == SNP_MODE_PIPE ? "pipe" : "truck";
    if (l->from == l->to) {
        pathf(path, sizeof path, "links[%d].to", i);
        verr(v, path, "expected a node other than \"from\", got \"%s\" again",
             snp_node_id(in, l->to));
        return;
    }
    int junction_end = 0;
    const int ends[2] = {l->from, l->to};
    for (int e = 0; e < 2; e++) {
        int idx;
        if (l->mode == SNP_MODE_TRUCK && snp_node_kind_of(in, ends[e], &idx) == SNP_NODE_JUNCTION) {
            pathf(path, sizeof path, "links[%d].%s", i, e == 0 ? "from" : "to");
            verr(v, path,
                 "expected a facility or hub for a truck link, got junction \"%s\" (junctions "
                 "are for pipes only)",
                 snp_node_id(in, ends[e]));
            junction_end = 1;
        }
    }
    if (!junction_end) {
        if (!can_send(in, l->from, l->resource, why, sizeof why)) {
            pathf(path, sizeof path, "links[%d].from", i);
            verr(v, path, "expected a node that can send \"%s\", got %s", r->id, why);
        }
        if (!can_receive(in, l->to, l->resource, why, sizeof why)) {
            pathf(path, sizeof path, "links[%d].to", i);
            verr(v, path, "expected a node that can receive \"%s\", got %s", r->id, why);
        }
    }
    int has_mode = l->mode == SNP_MODE_PIPE ? r->has_pipe : r->has_truck;
    if (!has_mode && !l->has_given_cost) {
        pathf(path, sizeof path, "links[%d]", i);
        verr(v, path,
             "resource \"%s\" has no \"%s\" section, so this %s link needs given costs "
             "(fixed_cost_per_yr, capital, cost_per_unit or capital_per_unit)",
             r->id, mode, mode);
    }
    if (!v->partial && l->mode == SNP_MODE_PIPE && r->has_pipe && !l->has_given_cost &&
        r->pipe.loss_per_km > 0 && l->status != SNP_STATUS_FORBIDDEN) {
        double len_km = pipe_length_km(v, i);
        if (r->pipe.loss_per_km * len_km >= 1) {
            pathf(path, sizeof path, "links[%d]", i);
            verr(v, path,
                 "expected a pipe that delivers something, got %.15g km at loss_per_km %.15g of "
                 "\"%s\" (1 - loss_per_km * length <= 0: all flow lost)",
                 len_km, r->pipe.loss_per_km, r->id);
        }
    }
    int j = v->link_first[i];
    if (j >= 0 && j != i) {
        pathf(path, sizeof path, "links[%d]", i);
        verr(v, path, "duplicate %s link %s -> %s for \"%s\" (first at links[%d])", mode,
             snp_node_id(in, l->from), snp_node_id(in, l->to), r->id, j);
    }
}

static void check_corridor(checker *v, int i)
{
    const sn_instance *in = v->in;
    const snp_corridor *c = &in->corridors[i];
    char path[SNP_PATH_MAX + 1];
    if (!nok(v, c->a) || !nok(v, c->b))
        return;
    if (c->a == c->b) {
        pathf(path, sizeof path, "corridors[%d].to", i);
        verr(v, path, "expected a node other than \"from\", got \"%s\" again",
             snp_node_id(in, c->b));
        return;
    }
    int j = v->corr_first[i];
    if (j >= 0 && j != i) {
        pathf(path, sizeof path, "corridors[%d]", i);
        verr(v, path, "duplicate corridor between \"%s\" and \"%s\" (first at corridors[%d])",
             snp_node_id(in, c->a), snp_node_id(in, c->b), j);
    }
}

/* ---- indexes: duplicates and corridor lookup in O(n log n), for regions with many links ---- */

typedef struct key4 {
    int k[4];
    int index;
} key4;

static int key4_cmp(const void *a, const void *b)
{
    const key4 *x = a, *y = b;
    for (int i = 0; i < 4; i++)
        if (x->k[i] != y->k[i])
            return x->k[i] < y->k[i] ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Sorts keys[0..n) and sets first[index] to the smallest index with the same key. */
static void first_of(key4 *keys, int n, int *first)
{
    if (n > 1)
        qsort(keys, (size_t)n, sizeof *keys, key4_cmp);
    for (int s = 0; s < n;) {
        int e = s;
        while (e < n && memcmp(keys[e].k, keys[s].k, sizeof keys[s].k) == 0)
            first[keys[e++].index] = keys[s].index;
        s = e;
    }
}

/* Fills link_first, corr_first and pipe_corr; 0 when out of memory. Entities with unresolved
 * references keep -1 (they are not checked). */
static int build_indexes(checker *v)
{
    const sn_instance *in = v->in;
    int nl = in->n_links, nc = in->n_corridors, n = nl > nc ? nl : nc;
    v->link_first = snp_alloc((size_t)(nl > 0 ? nl : 1) * sizeof(int));
    v->pipe_corr = snp_alloc((size_t)(nl > 0 ? nl : 1) * sizeof(int));
    v->corr_first = snp_alloc((size_t)(nc > 0 ? nc : 1) * sizeof(int));
    key4 *keys = snp_alloc((size_t)(n > 0 ? n : 1) * sizeof *keys);
    size_t na = 0;
    for (int r = 0; r < in->n_resources; r++)
        na += (size_t)in->resources[r].n_attrs;
    v->attrs = snp_alloc((na > 0 ? na : 1) * sizeof *v->attrs);
    v->attr_at = snp_alloc((size_t)(in->n_resources + 1) * sizeof *v->attr_at);
    if (!v->link_first || !v->pipe_corr || !v->corr_first || !keys || !v->attrs || !v->attr_at) {
        snp_free(keys);
        return 0;
    }
    int at = 0;
    for (int r = 0; r < in->n_resources; r++) {
        const snp_resource *res = &in->resources[r];
        v->attr_at[r] = at;
        for (int a = 0; a < res->n_attrs; a++)
            if (res->attrs[a])
                v->attrs[at++] = res->attrs[a];
        if (at - v->attr_at[r] > 1)
            qsort(v->attrs + v->attr_at[r], (size_t)(at - v->attr_at[r]), sizeof *v->attrs,
                  str_cmp);
    }
    v->attr_at[in->n_resources] = at;
    int m = 0;
    for (int i = 0; i < nl; i++) {
        const snp_link_spec *l = &in->links[i];
        v->link_first[i] = v->pipe_corr[i] = -1;
        if (nok(v, l->from) && nok(v, l->to) && rok(v, l->resource))
            keys[m++] = (key4){{l->from, l->to, l->resource, (int)l->mode}, i};
    }
    first_of(keys, m, v->link_first);
    m = 0;
    for (int i = 0; i < nc; i++) {
        const snp_corridor *c = &in->corridors[i];
        v->corr_first[i] = -1;
        if (nok(v, c->a) && nok(v, c->b)) {
            int lo = c->a < c->b ? c->a : c->b, hi = c->a < c->b ? c->b : c->a;
            keys[m++] = (key4){{lo, hi, 0, 0}, i};
        }
    }
    first_of(keys, m, v->corr_first);
    /* the corridor a pipe runs in: the first one, not forbidden, between its ends (as
     * src/model/links.c finds it) */
    m = 0;
    for (int i = 0; i < nc; i++) {
        const snp_corridor *c = &in->corridors[i];
        if (c->status != SNP_STATUS_FORBIDDEN && nok(v, c->a) && nok(v, c->b)) {
            int lo = c->a < c->b ? c->a : c->b, hi = c->a < c->b ? c->b : c->a;
            keys[m++] = (key4){{lo, hi, 0, 0}, i};
        }
    }
    if (m > 1)
        qsort(keys, (size_t)m, sizeof *keys, key4_cmp);
    for (int i = 0; i < nl; i++) {
        const snp_link_spec *l = &in->links[i];
        if (l->mode != SNP_MODE_PIPE || !nok(v, l->from) || !nok(v, l->to))
            continue;
        key4 want = {{l->from < l->to ? l->from : l->to, l->from < l->to ? l->to : l->from, 0, 0},
                     -1};
        size_t lo = 0, hi = (size_t)m; /* first key >= want */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (key4_cmp(&keys[mid], &want) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < (size_t)m && keys[lo].k[0] == want.k[0] && keys[lo].k[1] == want.k[1])
            v->pipe_corr[i] = keys[lo].index;
    }
    snp_free(keys);
    return 1;
}

/* Does "FROM/TO/RESOURCE/MODE" name a possible generated link (two nodes, a resource, a mode)? */
static int link_key_ok(const sn_instance *in, const char *key)
{
    char part[4][80];
    int n = 0;
    const char *s = key;
    while (n < 4) {
        size_t len = strcspn(s, "/");
        if (len == 0 || len >= sizeof part[0])
            return 0;
        memcpy(part[n], s, len);
        part[n][len] = '\0';
        n++;
        s += len;
        if (*s != '/')
            break;
        s++;
    }
    return n == 4 && !*s && snp_node_find(in, part[0]) >= 0 && snp_node_find(in, part[1]) >= 0 &&
           snp_resource_find(in, part[2]) >= 0 &&
           (!strcmp(part[3], "pipe") || !strcmp(part[3], "truck"));
}

/* Does `name` ("link:ID", "hub:ID", "corridor:ID") name an element of the region? */
static int element_ok(const sn_instance *in, const char *name)
{
    if (!strncmp(name, "hub:", 4)) {
        for (int h = 0; h < in->n_hubs; h++)
            if (in->hubs[h].id && !strcmp(in->hubs[h].id, name + 4))
                return 1;
        return 0;
    }
    if (!strncmp(name, "corridor:", 9)) {
        for (int c = 0; c < in->n_corridors; c++)
            if (in->corridors[c].id && !strcmp(in->corridors[c].id, name + 9))
                return 1;
        return 0;
    }
    if (strncmp(name, "link:", 5) != 0)
        return 0;
    for (int l = 0; l < in->n_links; l++)
        if (in->links[l].id && !strcmp(in->links[l].id, name + 5))
            return 1;
    return link_key_ok(in, name + 5);
}

/* region.objective and region.exclude_layouts (docs/format.md `region`): every element named
 * exists, once per layout; "differ" needs layouts to differ from. */
static void check_layouts(checker *v)
{
    const sn_instance *in = v->in;
    char path[96];
    if (in->objective == SNP_OBJ_DIFFER && in->n_layouts == 0)
        verr(v, "region.objective",
             "expected \"cost\" or \"co2\" (\"differ\" needs region.exclude_layouts to differ "
             "from), got \"differ\"");
    for (int i = 0; i < in->n_layouts; i++) {
        for (int k = in->layout_at[i]; k < in->layout_at[i + 1]; k++) {
            const char *name = in->layout_names[k];
            pathf(path, sizeof path, "region.exclude_layouts[%d][%d]", i, k - in->layout_at[i]);
            if (!name)
                continue;
            if (!element_ok(in, name)) {
                verr(v, path,
                     "expected \"link:ID\", \"hub:ID\" or \"corridor:ID\" naming an element of "
                     "the region (a link by its id or FROM/TO/RESOURCE/MODE), got \"%.80s\"",
                     name);
                continue;
            }
            for (int j = in->layout_at[i]; j < k; j++)
                if (in->layout_names[j] && !strcmp(in->layout_names[j], name)) {
                    verr(v, path, "expected each element once per layout, got \"%.80s\" again",
                         name);
                    break;
                }
        }
    }
}

static sn_status validate(const sn_instance *inst, int partial, int coords_known, sn_diag *diag)
{
    checker v = {inst, diag, 0, coords_known, partial, NULL, NULL, NULL, NULL, NULL};
    if (!build_indexes(&v)) {
        snp_free(v.link_first);
        snp_free(v.corr_first);
        snp_free(v.pipe_corr);
        snp_free(v.attrs);
        snp_free(v.attr_at);
        snp_diag_add(diag, SN_ENOMEM, inst->file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    for (int i = 0; i < inst->n_facilities; i++)
        check_facility(&v, i);
    for (int i = 0; i < inst->n_hubs; i++)
        check_hub(&v, i);
    for (int i = 0; i < inst->n_junctions; i++)
        check_junction(&v, i);
    for (int i = 0; i < inst->n_links; i++)
        check_link(&v, i);
    for (int i = 0; i < inst->n_corridors; i++)
        check_corridor(&v, i);
    check_layouts(&v);
    snp_free(v.link_first);
    snp_free(v.corr_first);
    snp_free(v.pipe_corr);
    snp_free(v.attrs);
    snp_free(v.attr_at);
    return v.nerr ? SN_EINPUT : SN_OK;
}

sn_status snp_instance_validate(sn_instance *inst, sn_diag *diag)
{
    sn_status st = validate(inst, 0, 1, diag);
    if (st == SN_OK)
        st = snp_instance_periods_check(inst, diag);
    if (st == SN_OK)
        st = snp_instance_geometry_warnings(inst, diag);
    return st == SN_OK ? snp_instance_ways_build(inst, diag) : st; /* ways.c */
}

sn_status snp_instance_validate_partial(const sn_instance *inst, int coords_known, sn_diag *diag)
{
    return validate(inst, 1, coords_known, diag);
}
