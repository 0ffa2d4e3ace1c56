/*
 * warn.c - the warnings of a built model (issue 13): what in the region's data is most likely
 * a mistake although the region is valid. Each warning goes into the caller's sn_diag, with the
 * region's file and a JSON path, and into the model's own list, which the solution's
 * "warnings" repeat (src/report/json.c). The candidates they speak of are those of
 * snp_model_links (docs/model.md 2), pruned and forbidden ones included: a facility whose
 * only link never pays is reached, just not worth reaching.
 *
 * - Coefficient span (snp_model_span_warning): the constraint matrix's coefficients span more
 *   than 1e9. All of them come from the region's data (amounts, capacities, yields, ratios,
 *   emission factors, capital), so the extremes name the entities that cause it.
 * - Prices far apart: the prices of one resource, or its disposal costs, differ by more than
 *   PRICE_SPAN between facilities (a price per Wh among prices per MWh). Prices and disposal
 *   costs are compared among themselves: a small handling charge next to a high market price
 *   is ordinary.
 * - A junction no candidate pipe both reaches and leaves for any resource it carries (none of
 *   its resources has a pipe section, or pipes of a resource only arrive or only leave).
 * - A corridor (not forbidden) in which no candidate pipe runs.
 * - A facility with supplies or demands that no candidate link touches, with why for each of
 *   its resources: no pipe or truck section, no other node that takes (or sends) it, or the
 *   nearest such node beyond the mode's max_km.
 * Regions that build only forced links (layouts) get only the first two.
 */
#include "model_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PRICE_SPAN 1e4

static sn_status warn(sn_model *m, sn_diag *diag, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static sn_status warn(sn_model *m, sn_diag *diag, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snp_diag_warn(diag, m->inst->file, path[0] ? path : NULL, "%s", msg);
    if (m->n_warnings >= SNP_WARNINGS_KEPT) {
        m->warnings_dropped++;
        return SN_OK;
    }
    snp_warning w = {snp_arena_strdup(&m->arena, path), snp_arena_strdup(&m->arena, msg)};
    if (!w.path || !w.message)
        return SN_ENOMEM;
    m->warnings[m->n_warnings++] = w;
    return SN_OK;
}

/* ---- prices of one resource far apart ------------------------------------------------------ */

static sn_status price_spans(sn_model *m, sn_diag *diag)
{
    const sn_instance *in = m->inst;
    sn_status st = SN_OK;
    for (int r = 0; r < in->n_resources && st == SN_OK; r++) {
        for (int kind = 0; kind < 2 && st == SN_OK; kind++) { /* 0 prices, 1 disposal costs */
            double lo = INFINITY, hi = 0;
            int lo_f = -1, lo_k = -1, hi_f = -1, hi_k = -1;
            for (int f = 0; f < in->n_facilities; f++) {
                const snp_facility *fa = &in->facilities[f];
                int n = kind == 0 ? fa->n_demands : fa->n_supplies;
                for (int k = 0; k < n; k++) {
                    double v;
                    if (kind == 0 && fa->demands[k].resource == r && fa->demands[k].has_price)
                        v = fabs(fa->demands[k].price);
                    else if (kind == 1 && fa->supplies[k].resource == r &&
                             fa->supplies[k].has_disposal)
                        v = fabs(fa->supplies[k].disposal_cost);
                    else
                        continue;
                    if (!(v > 0))
                        continue;
                    if (v < lo) {
                        lo = v;
                        lo_f = f;
                        lo_k = k;
                    }
                    if (v > hi) {
                        hi = v;
                        hi_f = f;
                        hi_k = k;
                    }
                }
            }
            if (lo_f < 0 || !(hi / lo > PRICE_SPAN))
                continue;
            const char *list = kind == 0 ? "demands" : "supplies";
            const char *key = kind == 0 ? "price" : "disposal_cost";
            char path[64];
            snprintf(path, sizeof path, "facilities[%d].%s[%d].%s", lo_f, list, lo_k, key);
            st = warn(m, diag, path,
                      "the %s of \"%s\" (per %s) span %.3g here (\"%s\") to %.3g at "
                      "facilities[%d].%s[%d].%s (\"%s\"), a ratio above %g: check that both are "
                      "per %s (a price per Wh or kWh among prices per MWh?)",
                      kind == 0 ? "prices" : "disposal costs", in->resources[r].id,
                      in->resources[r].unit, lo, in->facilities[lo_f].id, hi, hi_f, list, hi_k, key,
                      in->facilities[hi_f].id, PRICE_SPAN, in->resources[r].unit);
        }
    }
    return st;
}

/* ---- who can send and take a resource ------------------------------------------------------ */

/* 1 when junction j's resources list admits r (an empty list admits every resource). */
static int junction_admits(const snp_junction *j, int r)
{
    if (j->n_resources == 0)
        return 1;
    for (int k = 0; k < j->n_resources; k++)
        if (j->resources[k] == r)
            return 1;
    return 0;
}

/* 1 when generated pipes of r may pass junction j (explicit links[] may name it besides). */
static int junction_carries(const sn_instance *in, const snp_junction *j, int r)
{
    return in->resources[r].has_pipe && junction_admits(j, r);
}

/* 1 when node can send (dir 0) or take (dir 1) resource r by mode. */
static int node_can(const sn_instance *in, int node, int r, snp_mode mode, int dir)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY: {
        const snp_facility *f = &in->facilities[i];
        if (dir == 0) {
            for (int s = 0; s < f->n_supplies; s++)
                if (f->supplies[s].resource == r)
                    return 1;
            return 0;
        }
        for (int k = 0; k < f->n_demands; k++) {
            if (f->demands[k].resource == r)
                return 1;
            for (int s = 0; s < f->demands[k].n_subs; s++)
                if (f->demands[k].subs[s].resource == r)
                    return 1;
        }
        return 0;
    }
    case SNP_NODE_HUB: {
        const snp_hub *h = &in->hubs[i];
        if (h->status == SNP_STATUS_FORBIDDEN)
            return 0;
        if (dir == 0) {
            for (int o = 0; o < h->n_outputs; o++)
                if (h->outputs[o].resource == r)
                    return 1;
            return 0;
        }
        for (int k = 0; k < h->n_inputs; k++)
            if (h->inputs[k].resource == r)
                return 1;
        return 0;
    }
    case SNP_NODE_JUNCTION:
        return mode == SNP_MODE_PIPE && junction_carries(in, &in->junctions[i], r);
    }
    return 0;
}

/* Why facility f cannot exchange resource r in direction dir (0: it supplies r, 1: it takes
 * r), appended to buf at *o. */
static void why_unreached(const sn_instance *in, int f, int r, int dir, char *buf, size_t size,
                          size_t *o)
{
    const snp_resource *res = &in->resources[r];
    const char *role = dir == 0 ? "supplies" : "takes";
    if (*o >= size)
        return;
    size_t left = size - *o;
    int w;
    if (!res->has_pipe && !res->has_truck) {
        w = snprintf(buf + *o, left,
                     "%s%s \"%s\": it has no pipe or truck section (and no "
                     "explicit link names it)",
                     *o ? "; " : "", role, res->id);
    } else {
        int nn = snp_node_count(in), best = -1;
        double best_km = INFINITY;
        snp_mode best_mode = SNP_MODE_PIPE;
        for (int mode = 0; mode < 2; mode++) {
            if ((mode == SNP_MODE_PIPE && !res->has_pipe) ||
                (mode == SNP_MODE_TRUCK && !res->has_truck))
                continue;
            /* over the ways a route is at least the straight line, and may be shorter than
             * the straight line times the detour: only the straight line is a sure bound */
            double detour = in->n_ways > 0          ? 1
                            : mode == SNP_MODE_PIPE ? res->pipe.detour
                                                    : res->truck.detour;
            double max_km = mode == SNP_MODE_PIPE ? res->pipe.max_km : res->truck.max_km;
            for (int v = 0; v < nn; v++) {
                if (v == f || !node_can(in, v, r, (snp_mode)mode, 1 - dir))
                    continue;
                double km = snp_node_dist_km(in, f, v) * detour;
                /* the excess over max_km decides which mode comes nearest to reaching it */
                if (km - max_km < best_km) {
                    best_km = km - max_km;
                    best = v;
                    best_mode = (snp_mode)mode;
                }
            }
        }
        if (best < 0) {
            w = snprintf(buf + *o, left, "%s%s \"%s\": no other facility, hub or junction %s it",
                         *o ? "; " : "", role, res->id, dir == 0 ? "takes" : "sends");
        } else if (best_km > 0) {
            double max_km = best_mode == SNP_MODE_PIPE ? res->pipe.max_km : res->truck.max_km;
            w = snprintf(buf + *o, left,
                         "%s%s \"%s\": the nearest node that %s it, \"%s\", is %.1f km away %s "
                         "%s, beyond its max_km of %g",
                         *o ? "; " : "", role, res->id, dir == 0 ? "takes" : "sends",
                         snp_node_id(in, best), best_km + max_km,
                         in->n_ways > 0 ? "in a straight line (no shorter over the ways) for a"
                                        : "by",
                         best_mode == SNP_MODE_PIPE ? "pipe" : "truck", max_km);
        } else {
            w = snprintf(buf + *o, left,
                         "%s%s \"%s\": no candidate is generated (`symnet candidates` lists "
                         "what is)",
                         *o ? "; " : "", role, res->id);
        }
    }
    if (w > 0)
        *o += (size_t)w < left ? (size_t)w : left - 1;
}

static sn_status unreached_facilities(sn_model *m, sn_diag *diag)
{
    const sn_instance *in = m->inst;
    sn_status st = SN_OK;
    for (int f = 0; f < in->n_facilities && st == SN_OK; f++) {
        const snp_facility *fa = &in->facilities[f];
        if (m->touched[f] || fa->n_supplies + fa->n_demands == 0)
            continue;
        char why[400];
        size_t o = 0;
        why[0] = '\0';
        for (int s = 0; s < fa->n_supplies; s++)
            why_unreached(in, f, fa->supplies[s].resource, 0, why, sizeof why, &o);
        for (int k = 0; k < fa->n_demands; k++) {
            why_unreached(in, f, fa->demands[k].resource, 1, why, sizeof why, &o);
            for (int s = 0; s < fa->demands[k].n_subs; s++)
                why_unreached(in, f, fa->demands[k].subs[s].resource, 1, why, sizeof why, &o);
        }
        char path[64];
        snprintf(path, sizeof path, "facilities[%d]", f);
        st = warn(m, diag, path, "no candidate link reaches \"%s\", so it exchanges nothing: it %s",
                  fa->id, why);
    }
    return st;
}

/* ---- junctions and corridors no candidate can use ------------------------------------------ */

typedef struct jkey {
    int junction, resource, dir; /* dir 0: the link arrives, 1: it leaves */
} jkey;

static int jkey_cmp(const void *a, const void *b)
{
    const jkey *x = a, *y = b;
    if (x->junction != y->junction)
        return x->junction < y->junction ? -1 : 1;
    if (x->resource != y->resource)
        return x->resource < y->resource ? -1 : 1;
    return (x->dir > y->dir) - (x->dir < y->dir);
}

/* Of junction j's links (keys[lo..hi), sorted), how many of resource r arrive and leave. */
static void count_ends(const jkey *keys, size_t lo, size_t hi, int r, int *arrive, int *leave)
{
    *arrive = *leave = 0;
    for (size_t k = lo; k < hi; k++) {
        if (keys[k].resource != r)
            continue;
        if (keys[k].dir == 0)
            ++*arrive;
        else
            ++*leave;
    }
}

static sn_status junction_warning(sn_model *m, sn_diag *diag, int j, const jkey *keys, size_t lo,
                                  size_t hi)
{
    const sn_instance *in = m->inst;
    const snp_junction *ju = &in->junctions[j];
    int any_pipe = 0;
    char path[64], detail[300];
    size_t o = 0;
    detail[0] = '\0';
    for (int r = 0; r < in->n_resources; r++) {
        int arrive, leave;
        count_ends(keys, lo, hi, r, &arrive, &leave);
        /* r passes j by a generated pipe, or by explicit links[] (a resource without a pipe
         * section may still have explicit pipes through a junction) */
        if (!junction_admits(ju, r) || (!in->resources[r].has_pipe && arrive + leave == 0))
            continue;
        any_pipe = 1;
        if (arrive > 0 && leave > 0)
            return SN_OK;
        if (o < sizeof detail) {
            int w = snprintf(detail + o, sizeof detail - o, "%s\"%s\" %s", o ? ", " : "",
                             in->resources[r].id,
                             arrive  ? "arrives but leaves to no node"
                             : leave ? "leaves but arrives from no node"
                                     : "neither arrives nor leaves");
            if (w > 0)
                o += (size_t)w < sizeof detail - o ? (size_t)w : sizeof detail - o - 1;
        }
    }
    if (!any_pipe) {
        snprintf(path, sizeof path, "junctions[%d]%s", j, ju->n_resources > 0 ? ".resources" : "");
        return warn(m, diag, path,
                    "junction \"%s\" carries pipes only, %s, and no link in links[] names it: "
                    "no link can use it",
                    ju->id,
                    ju->n_resources == 0   ? "no resource of the region has a pipe section"
                    : ju->n_resources == 1 ? "its resource has no pipe section"
                                           : "none of its resources has a pipe section");
    }
    snprintf(path, sizeof path, "junctions[%d]", j);
    return warn(m, diag, path,
                "no candidate pipe both arrives at and leaves junction \"%s\" for any resource "
                "it carries (%s; a pipe's max_km limits both): no link can use it",
                ju->id, detail);
}

static sn_status unusable_junctions(sn_model *m, sn_diag *diag)
{
    const sn_instance *in = m->inst;
    if (in->n_junctions == 0)
        return SN_OK;
    int nf = in->n_facilities + in->n_hubs;
    size_t n = 0;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        n += (size_t)(l->head >= nf) + (size_t)(l->tail >= nf);
    }
    jkey *keys = snp_calloc(n + 1, sizeof *keys);
    if (!keys)
        return SN_ENOMEM;
    n = 0;
    for (size_t k = 0; k < m->links.len; k++) {
        const snp_link *l = snp_model_link(m, (int)k);
        if (l->head >= nf)
            keys[n++] = (jkey){l->head - nf, l->resource, 0};
        if (l->tail >= nf)
            keys[n++] = (jkey){l->tail - nf, l->resource, 1};
    }
    if (n > 1)
        qsort(keys, n, sizeof *keys, jkey_cmp);
    sn_status st = SN_OK;
    size_t lo = 0;
    for (int j = 0; j < in->n_junctions && st == SN_OK; j++) {
        size_t hi = lo;
        while (hi < n && keys[hi].junction == j)
            hi++;
        st = junction_warning(m, diag, j, keys, lo, hi);
        lo = hi;
    }
    snp_free(keys);
    return st;
}

static sn_status unused_corridors(sn_model *m, sn_diag *diag)
{
    const sn_instance *in = m->inst;
    sn_status st = SN_OK;
    for (int c = 0; c < in->n_corridors && st == SN_OK; c++) {
        const snp_corridor *co = &in->corridors[c];
        if (co->status == SNP_STATUS_FORBIDDEN || m->corridor_used[c])
            continue;
        double km = co->has_length ? co->length_km : snp_node_dist_km(in, co->a, co->b);
        /* the resources a pipe could carry between its ends, either way */
        int any = 0;
        double longest_max = 0;
        for (int r = 0; r < in->n_resources; r++) {
            if (!in->resources[r].has_pipe)
                continue;
            int ab = node_can(in, co->a, r, SNP_MODE_PIPE, 0) &&
                     node_can(in, co->b, r, SNP_MODE_PIPE, 1);
            int ba = node_can(in, co->b, r, SNP_MODE_PIPE, 0) &&
                     node_can(in, co->a, r, SNP_MODE_PIPE, 1);
            if (ab || ba) {
                any = 1;
                longest_max = fmax(longest_max, in->resources[r].pipe.max_km);
            }
        }
        char path[64];
        snprintf(path, sizeof path, "corridors[%d]", c);
        const char *a = snp_node_id(in, co->a), *b = snp_node_id(in, co->b);
        if (!any)
            st = warn(m, diag, path,
                      "no pipe can run in corridor \"%s\": neither \"%s\" nor \"%s\" sends a "
                      "resource with a pipe section that the other takes",
                      co->id, a, b);
        else if (km > longest_max)
            st = warn(m, diag, path,
                      "no pipe can run in corridor \"%s\": its %.1f km are more than the max_km "
                      "(%g at most) of every resource a pipe could carry between \"%s\" and "
                      "\"%s\"",
                      co->id, km, longest_max, a, b);
        else
            st = warn(m, diag, path,
                      "no candidate pipe runs in corridor \"%s\" (between \"%s\" "
                      "and \"%s\")",
                      co->id, a, b);
    }
    return st;
}

sn_status snp_model_warnings(sn_model *m, sn_diag *diag)
{
    char span[600];
    sn_status st = SN_OK;
    if (snp_model_span_warning(m, span, sizeof span))
        st = warn(m, diag, "", "%s", span);
    if (st == SN_OK)
        st = price_spans(m, diag);
    if (!m->inst->only_forced && m->touched && m->corridor_used) {
        if (st == SN_OK)
            st = unusable_junctions(m, diag);
        if (st == SN_OK)
            st = unused_corridors(m, diag);
        if (st == SN_OK)
            st = unreached_facilities(m, diag);
    }
    return st;
}
