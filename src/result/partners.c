/*
 * partners.c - what each facility pays and gains in the network compared with business as
 * usual (docs/model.md section 12): the allocation rule of src/model/fair.c applied to a solved
 * network, with the shared pool split by the value each facility gets from it (or, under
 * --fair, as the model split it). The facilities' costs add up to the objective exactly.
 *
 * Stage: sn_solution -> [result]; read-only over instance, model and solution. The writers of
 * the partner tables are in src/report/partners.c.
 */
#include "result_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static double col_cost(const sn_model *m, const sn_solution *s, int j)
{
    double v = snp_solution_value(s, j);
    return v != 0 ? snp_model_col(m, j)->obj * v : 0;
}

static int find(int *parent, int x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static int is_facility(const sn_instance *in, int node)
{
    return node < in->n_facilities;
}

double snp_receiver_unit_value(const sn_instance *in, int f, int r)
{
    const snp_facility *fa = &in->facilities[f];
    double best = 0;
    for (int d = 0; d < fa->n_demands; d++) {
        const snp_demand *dm = &fa->demands[d];
        if (!dm->has_price)
            continue;
        double value = dm->resource == r ? dm->price + in->carbon_price * dm->co2 : 0;
        for (int k = 0; k < dm->n_subs; k++)
            if (dm->subs[k].resource == r)
                value = dm->subs[k].ratio * (dm->price + in->carbon_price * dm->co2);
        best = value > best ? value : best;
    }
    return best;
}

double snp_sender_unit_value(const sn_instance *in, int f, int r)
{
    const snp_facility *fa = &in->facilities[f];
    for (int k = 0; k < fa->n_supplies; k++) {
        const snp_supply *su = &fa->supplies[k];
        if (su->resource == r && su->has_disposal) {
            double c = su->disposal_cost + in->carbon_price * su->disposal_co2;
            return c > 0 ? c : 0;
        }
    }
    return 0;
}

/* Work space of the proportional split. */
typedef struct split {
    int nn, nf;
    int *parent;  /* [node]: union-find over hubs and junctions joined by built links */
    double *pool; /* [node]: cost of the component rooted there */
    double *recv; /* [node * nf + f]: delivered from the component to f, at f's price */
    double *sent; /* [node * nf + f]: sent by f into the component, at f's disposal cost */
    char *users;  /* [node * nf + f]: f sends into or receives from the component */
    double unused;
} split;

static void split_free(split *w)
{
    snp_free(w->parent);
    snp_free(w->pool);
    snp_free(w->recv);
    snp_free(w->sent);
    snp_free(w->users);
}

/* The node whose component's pool carries shared column j: a link's head (a hub or junction),
 * or the hub. */
static int col_node(const sn_model *m, int j)
{
    const snp_col *c = snp_model_col(m, j);
    const sn_instance *in = m->inst;
    switch (c->role) {
    case SNP_ROLE_FLOW:
    case SNP_ROLE_LINK_BUILD:
    case SNP_ROLE_TRIPS:
    case SNP_ROLE_PERIOD_PEAK:
        return snp_model_link(m, c->a)->head;
    case SNP_ROLE_HUB_SIZE:
    case SNP_ROLE_STORE_SIZE:
    case SNP_ROLE_HUB_PROCESS:
    case SNP_ROLE_HUB_DISPOSE:
        return in->n_facilities + c->a;
    case SNP_ROLE_DEST_FLOW:
    case SNP_ROLE_DISPOSE:
    case SNP_ROLE_PURCHASE:
    case SNP_ROLE_ALLOC:
    case SNP_ROLE_CORRIDOR:
    case SNP_ROLE_TRENCH:
    case SNP_ROLE_SLACK:
    case SNP_ROLE_FAIR_SHARE:
    case SNP_ROLE_PERIOD_FLOW:
    case SNP_ROLE_PERIOD_ALLOC:
    case SNP_ROLE_PERIOD_PROCESS:
    case SNP_ROLE_STORE_LEVEL:
        return -1;
    }
    return -1;
}

/* Adds `cost` to the payer of link l: a facility's transport, or its component's pool. */
static void charge_link(const sn_instance *in, const snp_link *l, double cost, snp_partner *p,
                        split *w)
{
    int payer = snp_link_payer(in, l);
    if (payer >= 0)
        p[payer].transport += cost;
    else
        w->pool[find(w->parent, l->head)] += cost;
}

static sn_status proportional(const sn_instance *in, const sn_model *m, const sn_solution *s,
                              const snp_figures *g, snp_partner *p)
{
    split w;
    memset(&w, 0, sizeof w);
    w.nn = snp_node_count(in);
    w.nf = in->n_facilities;
    size_t cells = (size_t)w.nn * (size_t)w.nf + 1;
    w.parent = snp_calloc((size_t)w.nn + 1, sizeof(int));
    w.pool = snp_calloc((size_t)w.nn + 1, sizeof(double));
    w.recv = snp_calloc(cells, sizeof(double));
    w.sent = snp_calloc(cells, sizeof(double));
    w.users = snp_calloc(cells, 1);
    if (!w.parent || !w.pool || !w.recv || !w.sent || !w.users) {
        split_free(&w);
        return SN_ENOMEM;
    }
    for (int n = 0; n < w.nn; n++)
        w.parent[n] = n;
    int nl = (int)m->links.len;
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        if (!is_facility(in, l->tail) && !is_facility(in, l->head) && g->link_built[k]) {
            int a = find(w.parent, l->tail), b = find(w.parent, l->head);
            if (a != b)
                w.parent[a] = b;
        }
    }
    /* columns: links to their payer, hubs to their component */
    for (int j = 0; j < (int)m->cols.len; j++) {
        int payer = snp_col_payer(m, j);
        double c = col_cost(m, s, j);
        if (c == 0 || payer == SNP_PAYER_NONE || snp_model_col(m, j)->role == SNP_ROLE_CORRIDOR ||
            snp_model_col(m, j)->role == SNP_ROLE_TRENCH)
            continue;
        if (payer >= 0) {
            const snp_col *col = snp_model_col(m, j);
            if (col->role == SNP_ROLE_DISPOSE)
                p[payer].disposal += c;
            else if (col->role == SNP_ROLE_PURCHASE)
                p[payer].purchase += c;
            else
                p[payer].transport += c;
        } else {
            w.pool[find(w.parent, col_node(m, j))] += c;
        }
    }
    /* corridors and the trenches of the ways (issue 18): shared trenches, split equally among
     * the pipes built in them. Every such pipe needs the whole trench, so this is the Shapley
     * value of the trench's cost game; a split by flow would add units of different resources
     * (docs/model.md 12.1) */
    for (int c = 0; c < in->n_corridors; c++) {
        int col = m->corridor_col[c];
        double cost = col >= 0 ? col_cost(m, s, col) : 0;
        if (cost == 0)
            continue;
        int users = 0;
        for (int k = 0; k < nl; k++)
            users += snp_model_link(m, k)->corridor == c && g->link_built[k];
        if (users == 0) {
            w.unused += cost;
            continue;
        }
        for (int k = 0; k < nl; k++)
            if (snp_model_link(m, k)->corridor == c && g->link_built[k])
                charge_link(in, snp_model_link(m, k), cost / users, p, &w);
    }
    for (int t = 0; m->trench_col && t < in->n_trenches; t++) {
        int col = m->trench_col[t];
        double cost = col >= 0 ? col_cost(m, s, col) : 0;
        if (cost == 0)
            continue;
        int users = 0;
        for (int pass = 0; pass < 2; pass++)
            for (int k = 0; k < nl; k++) {
                const snp_link *l = snp_model_link(m, k);
                if (!g->link_built[k] || l->mode != SNP_MODE_PIPE)
                    continue;
                for (int i = 0; i < l->n_route; i++)
                    if (l->route[i] == t) {
                        if (pass == 0)
                            users++;
                        else
                            charge_link(in, l, cost / users, p, &w);
                        break;
                    }
            }
        if (users == 0)
            w.unused += cost;
    }
    /* use of each component, by value (never by adding units): what it delivers to each
     * receiver at the receiver's business-as-usual price, what each supplier sends into it at
     * the supplier's disposal cost, and, for the equal split, who uses it at all */
    for (int k = 0; k < nl; k++) {
        const snp_link *l = snp_model_link(m, k);
        double x = g->link_flow[k];
        if (!(x > 0))
            continue;
        if (is_facility(in, l->head) && !is_facility(in, l->tail)) {
            size_t at = (size_t)find(w.parent, l->tail) * (size_t)w.nf + (size_t)l->head;
            w.recv[at] += x * l->arrive * snp_receiver_unit_value(in, l->head, l->resource);
            w.users[at] = 1;
        } else if (is_facility(in, l->tail) && !is_facility(in, l->head)) {
            size_t at = (size_t)find(w.parent, l->head) * (size_t)w.nf + (size_t)l->tail;
            w.sent[at] += x * snp_sender_unit_value(in, l->tail, l->resource);
            w.users[at] = 1;
        }
    }
    for (int n = 0; n < w.nn; n++) {
        if (w.pool[n] == 0)
            continue;
        size_t row = (size_t)n * (size_t)w.nf;
        const double *use[2] = {w.recv + row, w.sent + row};
        int done = 0;
        for (int u = 0; u < 2 && !done; u++) {
            double total = 0;
            for (int f = 0; f < w.nf; f++)
                total += use[u][f];
            if (!(total > 0))
                continue;
            for (int f = 0; f < w.nf; f++)
                p[f].shared += w.pool[n] * use[u][f] / total;
            done = 1;
        }
        int n_users = 0; /* nothing priced: equally among the facilities that use it */
        for (int f = 0; f < w.nf && !done; f++)
            n_users += w.users[row + (size_t)f];
        for (int f = 0; f < w.nf && !done && n_users > 0; f++)
            if (w.users[row + (size_t)f])
                p[f].shared += w.pool[n] / n_users;
        if (!done && n_users == 0)
            w.unused += w.pool[n];
    }
    /* shared assets nobody uses (a forced hub or corridor left idle): split equally */
    for (int f = 0; f < w.nf && w.unused != 0; f++)
        p[f].shared += w.unused / w.nf;
    split_free(&w);
    return SN_OK;
}

/* Under --fair the model chose the split of the pool: share(f) columns. */
static void negotiated(const sn_instance *in, const sn_model *m, const sn_solution *s,
                       snp_partner *p)
{
    for (int j = 0; j < (int)m->cols.len; j++) {
        int payer = snp_col_payer(m, j);
        const snp_col *col = snp_model_col(m, j);
        if (payer < 0)
            continue;
        double c = col_cost(m, s, j);
        if (col->role == SNP_ROLE_DISPOSE)
            p[payer].disposal += c;
        else if (col->role == SNP_ROLE_PURCHASE)
            p[payer].purchase += c;
        else
            p[payer].transport += c;
    }
    for (int f = 0; f < in->n_facilities; f++)
        if (m->fair_share_col[f] >= 0)
            p[f].shared = snp_solution_value(s, m->fair_share_col[f]);
}

sn_status snp_partners_compute(const sn_instance *in, const sn_model *m, const sn_solution *s,
                               const snp_figures *g, snp_partner **out)
{
    *out = NULL;
    int nf = in->n_facilities;
    snp_partner *p = snp_calloc((size_t)nf + 1, sizeof *p);
    if (!p)
        return SN_ENOMEM;
    if (s->has_x) {
        if (m->fair_share_col) {
            negotiated(in, m, s, p);
        } else {
            sn_status st = proportional(in, m, s, g, p);
            if (st != SN_OK) {
                snp_free(p);
                return st;
            }
        }
    }
    for (int f = 0; f < nf; f++) {
        snp_partner *q = &p[f];
        q->bau = snp_facility_bau_cost(in, f);
        if (!s->has_x) {
            q->total = q->change = NAN;
            continue;
        }
        q->total = q->disposal + q->purchase + q->transport + q->shared;
        q->change = q->total - q->bau;
        const snp_facility *fa = &in->facilities[f];
        for (int k = 0; k < fa->n_supplies; k++)
            if (m->dispose_col[f][k] < 0 ||
                snp_solution_value(s, m->dispose_col[f][k]) < fa->supplies[k].amount * (1 - 1e-9))
                q->participates = 1;
        for (int k = 0; k < fa->n_demands; k++)
            if (m->purchase_col[f][k] < 0 ||
                snp_solution_value(s, m->purchase_col[f][k]) < fa->demands[k].amount * (1 - 1e-9))
                q->participates = 1;
        if (q->transport != 0 || q->shared != 0)
            q->participates = 1;
        double tol = 1e-6 * (fabs(q->bau) > 1 ? fabs(q->bau) : 1);
        q->worse_off = q->participates && isfinite(q->bau) && q->change > tol;
    }
    *out = p;
    return SN_OK;
}
