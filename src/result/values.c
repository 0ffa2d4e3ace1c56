/*
 * values.c - what each element of an optimal network is worth (`symnet values`,
 * docs/whatif.md): the questions and their answers. Each question is the region with one more
 * override, solved by the one workflow (sn_run): every built link, hub and corridor forbidden
 * (its value: how much the optimum worsens, and what replaces it), every candidate not built
 * forced (exact: how much its annual fixed cost must fall before it enters an optimal network,
 * the forced optimum minus the optimum), and with partners every facility removed (what the
 * network is worth without it, and which links are stranded). The caller runs the questions,
 * here or in worker processes, and records the answers; the table is the same in any order.
 *
 * Stage: results -> [result] -> report (src/report/values.c). Entries compare networks by
 * their ids ("link:ID", "hub:ID", "corridor:ID"), which do not depend on model order.
 */
#include "result_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int snp_result_built_ids(const sn_result *r, snp_arena *arena, snp_vec *ids)
{
    const sn_instance *in = r->in;
    char id[SNP_LINK_ID_MAX], buf[SNP_LINK_ID_MAX + 16];
    for (int i = 0; i < r->g.n_links; i++) {
        const snp_link *l = snp_model_link(r->m, r->g.links[i].link);
        snprintf(buf, sizeof buf, "link:%s", snp_link_id(in, l, id, sizeof id));
        char *s = snp_arena_strdup(arena, buf);
        if (!s || !snp_vec_push(ids, &s))
            return -1;
    }
    for (int h = 0; r->g.has_network && h < in->n_hubs; h++)
        if (r->g.hub_size[h] >= 0) {
            snprintf(buf, sizeof buf, "hub:%s", in->hubs[h].id);
            char *s = snp_arena_strdup(arena, buf);
            if (!s || !snp_vec_push(ids, &s))
                return -1;
        }
    for (int c = 0; r->g.has_network && c < in->n_corridors; c++)
        if (r->g.corridor_built[c]) {
            snprintf(buf, sizeof buf, "corridor:%s", in->corridors[c].id);
            char *s = snp_arena_strdup(arena, buf);
            if (!s || !snp_vec_push(ids, &s))
                return -1;
        }
    return 0;
}

static int has_id(const snp_vec *ids, const char *id)
{
    for (size_t k = 0; k < ids->len; k++)
        if (strcmp(SNP_VEC_AT(ids, char *, k), id) == 0)
            return 1;
    return 0;
}

static int add_entry(sn_values *v, snp_value_kind kind, const char *what, const char *id,
                     double fixed)
{
    snp_value_entry e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.what = what;
    e.id = snp_arena_strdup(&v->arena, id);
    e.fixed_per_yr = fixed;
    e.status = -1;
    e.objective = e.bau = NAN;
    return e.id && snp_vec_push(&v->entries, &e) ? 0 : -1;
}

sn_status sn_values_plan(const sn_result *opt, unsigned questions, sn_values **out, sn_diag *diag)
{
    *out = NULL;
    if (!opt || !opt->g.has_network) {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL, "values need an optimal network to start from");
        return SN_EUSAGE;
    }
    sn_values *v = snp_calloc(1, sizeof *v);
    if (!v)
        return SN_ENOMEM;
    snp_arena_init(&v->arena);
    snp_vec_init(&v->entries, sizeof(snp_value_entry));
    snp_vec_init(&v->built, sizeof(char *));
    v->opt = opt;
    v->objective = opt->g.cost.total;
    v->bau = opt->g.bau_feasible ? opt->g.bau.total : NAN;
    v->proven = opt->s->status == SN_SOL_OPTIMAL;
    const sn_instance *in = opt->in;
    sn_candidates *cand = NULL;
    sn_status st = snp_result_built_ids(opt, &v->arena, &v->built) == 0 ? SN_OK : SN_ENOMEM;
    if (st == SN_OK)
        st = sn_candidates_build(in, &cand, diag);
    /* built elements: forbid each */
    for (size_t k = 0; st == SN_OK && (questions & SN_VALUES_BUILT) && k < v->built.len; k++) {
        const char *b = SNP_VEC_AT(&v->built, char *, k);
        const char *colon = strchr(b, ':');
        const char *what = strncmp(b, "link:", 5) == 0  ? "link"
                           : strncmp(b, "hub:", 4) == 0 ? "hub"
                                                        : "corridor";
        if (add_entry(v, SNP_VALUE_BUILT, what, colon + 1, NAN) != 0)
            st = SN_ENOMEM;
    }
    /* candidates not built: force each (offered to the solver, then the pruned ones) */
    char id[SNP_LINK_ID_MAX], key[SNP_LINK_ID_MAX + 16];
    int ask = (questions & SN_VALUES_CANDIDATES) != 0;
    for (int pass = 0; st == SN_OK && ask && pass < 2; pass++) {
        const snp_vec *links = pass == 0 ? &cand->m->links : &cand->m->pruned;
        for (size_t k = 0; st == SN_OK && k < links->len; k++) {
            const snp_link *l = pass == 0 ? &SNP_VEC_AT(links, snp_link, k)
                                          : &SNP_VEC_AT(links, snp_pruned, k).link;
            snprintf(key, sizeof key, "link:%s", snp_link_id(in, l, id, sizeof id));
            if (l->forced || has_id(&v->built, key))
                continue;
            double size_fixed = INFINITY;
            for (int s = 0; s < l->n_sizes; s++)
                size_fixed = fmin(size_fixed, l->crf * l->length_km * l->sizes[s].capital_per_km);
            double fixed = l->fixed_annual + (l->n_sizes > 0 ? size_fixed : 0);
            if (add_entry(v, SNP_VALUE_CANDIDATE, "link", key + 5, fixed) != 0)
                st = SN_ENOMEM;
        }
    }
    for (int h = 0; st == SN_OK && ask && h < in->n_hubs; h++) {
        const snp_hub *hub = &in->hubs[h];
        snprintf(key, sizeof key, "hub:%s", hub->id);
        if (hub->status != SNP_STATUS_CANDIDATE || has_id(&v->built, key))
            continue;
        double fixed = snp_crf(in->discount_rate, hub->lifetime_yr) * hub->capacities[0].capital +
                       hub->capacities[0].fixed_opex;
        if (add_entry(v, SNP_VALUE_CANDIDATE, "hub", hub->id, fixed) != 0)
            st = SN_ENOMEM;
    }
    for (int c = 0; st == SN_OK && ask && c < in->n_corridors; c++) {
        const snp_corridor *co = &in->corridors[c];
        snprintf(key, sizeof key, "corridor:%s", co->id);
        if (co->status != SNP_STATUS_CANDIDATE || has_id(&v->built, key))
            continue;
        if (add_entry(v, SNP_VALUE_CANDIDATE, "corridor", co->id,
                      snp_crf(in->discount_rate, co->lifetime_yr) * co->capital) != 0)
            st = SN_ENOMEM;
    }
    for (int f = 0; st == SN_OK && (questions & SN_VALUES_PARTNERS) && f < in->n_facilities; f++)
        if (add_entry(v, SNP_VALUE_PARTNER, "facility", in->facilities[f].id, NAN) != 0)
            st = SN_ENOMEM;
    sn_candidates_free(cand);
    if (st != SN_OK) {
        if (st == SN_ENOMEM)
            snp_diag_add(diag, SN_ENOMEM, NULL, NULL, "out of memory");
        sn_values_free(v);
        return st;
    }
    *out = v;
    return SN_OK;
}

void sn_values_free(sn_values *v)
{
    if (!v)
        return;
    snp_vec_free(&v->entries);
    snp_vec_free(&v->built);
    snp_arena_free(&v->arena);
    snp_free(v);
}

int sn_values_count(const sn_values *v)
{
    return v ? (int)v->entries.len : 0;
}

const char *const *sn_values_start(const sn_values *v, int *n)
{
    *n = (int)v->built.len;
    return (const char *const *)v->built.data;
}

sn_edit_kind sn_values_question(const sn_values *v, int i, const char **arg)
{
    const snp_value_entry *e = &SNP_VEC_AT(&v->entries, snp_value_entry, (size_t)i);
    *arg = e->id;
    return e->kind == SNP_VALUE_BUILT       ? SN_EDIT_FORBID
           : e->kind == SNP_VALUE_CANDIDATE ? SN_EDIT_FORCE
                                            : SN_EDIT_WITHOUT;
}

sn_status sn_values_answer(const sn_values *v, int i, const sn_result *variant, int *status,
                           double *objective, double *bau, char *changes, size_t size)
{
    const snp_value_entry *e = &SNP_VEC_AT(&v->entries, snp_value_entry, (size_t)i);
    *status = (int)variant->s->status;
    *objective = variant->g.has_network ? variant->g.cost.total : NAN;
    *bau = variant->g.bau_feasible ? variant->g.bau.total : NAN;
    changes[0] = '\0';
    if (!variant->g.has_network)
        return SN_OK;
    snp_arena a;
    snp_arena_init(&a);
    snp_vec ids;
    snp_vec_init(&ids, sizeof(char *));
    sn_status st = snp_result_built_ids(variant, &a, &ids) == 0 ? SN_OK : SN_ENOMEM;
    char self[SNP_LINK_ID_MAX + 16];
    snprintf(self, sizeof self, "%s:%s", e->what, e->id);
    size_t o = 0;
    /* what the variant builds that the optimum does not (+), and the reverse (-) */
    for (int pass = 0; st == SN_OK && pass < 2; pass++) {
        const snp_vec *from = pass == 0 ? &ids : &v->built;
        const snp_vec *other = pass == 0 ? &v->built : &ids;
        for (size_t k = 0; k < from->len; k++) {
            const char *s = SNP_VEC_AT(from, char *, k);
            if (has_id(other, s) || strcmp(s, self) == 0)
                continue;
            int w = snprintf(changes + o, o < size ? size - o : 0, "%s%c%s", o ? " " : "",
                             pass == 0 ? '+' : '-', s);
            if (w > 0 && o + (size_t)w < size)
                o += (size_t)w;
        }
    }
    snp_vec_free(&ids);
    snp_arena_free(&a);
    return st;
}

sn_status sn_values_record(sn_values *v, int i, int status, double objective, double bau,
                           const char *changes)
{
    if (!v || i < 0 || i >= (int)v->entries.len)
        return SN_EUSAGE;
    snp_value_entry *e = &SNP_VEC_AT(&v->entries, snp_value_entry, (size_t)i);
    e->status = status;
    e->objective = objective;
    e->bau = bau;
    e->changes = snp_arena_strdup(&v->arena, changes ? changes : "");
    return e->changes ? SN_OK : SN_ENOMEM;
}
