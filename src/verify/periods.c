/*
 * periods.c - the independent checker's view of periods (docs/model.md 14, docs/outputs.md
 * "Periods"): from the region and the per-period numbers a solution file reports, checks that
 * every period balances on its own and that every capacity carries the largest period's flow.
 * Stage: sn_instance + snp_solution_doc -> [verify]; like verify.c it shares no code with
 * src/model/ (what a period's share of a capacity is, h_p / H, is re-derived here).
 *
 * Checks, for a region with periods and a file with a network:
 *   - "periods" lists the region's periods (ids and hours, in order);
 *   - each link of a periodic resource reports by_period (n values >= 0 adding up to its
 *     flow), within h_p / H of its size's or its given capacity in every period, and its
 *     peak_per_h and load_factor; a link of an annual resource reports none;
 *   - each periodic supply: sent_by_period equals what its links send in each period, and sent
 *     + disposed = the period's amount, disposed >= 0 (0 without a disposal option);
 *   - each periodic demand: intake_by_period per accepted resource adds up, per facility and
 *     resource, to what arrives in each period; received = sum of ratio * intake; received +
 *     purchased = the period's amount, purchased >= 0 (0 without a price);
 *   - junctions conserve each periodic resource in each period;
 *   - each built hub with a periodic input or output: processing per period adds up to the
 *     annual amount and stays within h_p / H of its capacity; a periodic input arrives, and a
 *     periodic output is produced (yields times processing) and sent or disposed, per period;
 *   - a store (model.md 14.10): one of the hub's store options, its level in [0, capacity] in
 *     every period, and the stored output's balance: sent + disposed = produced + (1 - loss)
 *     level of the period before (the last, before the first) - level; its capital and fixed
 *     opex are handed back for the totals.
 */
#include "verify_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct pctx {
    const sn_instance *in;
    const snp_solution_doc *doc;
    sn_diag *diag;
    int nerr;
    double scale;
    int np;
    double *in_flow;  /* [(node * n_resources + r) * np + p]: arriving */
    double *out_flow; /* sent */
    double *scratch;  /* np values */
} pctx;

static void perr(pctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void perr(pctx *c, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    snp_diag_vadd(c->diag, SN_EINTERNAL, c->doc->file, path, fmt, ap);
    va_end(ap);
    c->nerr++;
}

static int agree(const pctx *c, double a, double b, double scale)
{
    double m = fmax(fabs(a), fmax(fabs(b), fabs(scale)));
    return fabs(a - b) <= SNP_VERIFY_REL * m + SNP_VERIFY_ABS * c->scale;
}

static double share(const pctx *c, int p)
{
    return c->in->periods[p].hours / c->in->period_hours_total;
}

static size_t at(const pctx *c, int node, int r, int p)
{
    return ((size_t)node * (size_t)c->in->n_resources + (size_t)r) * (size_t)c->np + (size_t)p;
}

/* A series of the file: present with one finite value per period; reports otherwise. */
static int series_ok(pctx *c, const char *path, const snp_sol_series *s, const char *what)
{
    if (!s->v) {
        perr(c, path, "expected %s (one number per period), got nothing", what);
        return 0;
    }
    if (s->n != c->np) {
        perr(c, path, "expected %d numbers (one per period), got %d", c->np, s->n);
        return 0;
    }
    for (int p = 0; p < c->np; p++)
        if (!isfinite(s->v[p])) {
            perr(c, path, "expected a number for period \"%s\", got null", c->in->periods[p].id);
            return 0;
        }
    return 1;
}

static void check_period_list(pctx *c)
{
    const snp_solution_doc *doc = c->doc;
    if (doc->n_periods != c->np) {
        perr(c, "periods", "expected the region's %d periods, got %d", c->np, doc->n_periods);
        return;
    }
    for (int p = 0; p < c->np; p++) {
        char path[64];
        snprintf(path, sizeof path, "periods[%d]", p);
        const snp_period *want = &c->in->periods[p];
        const snp_sol_period *got = &doc->periods[p];
        if (!got->id || strcmp(got->id, want->id) != 0 || !(got->hours == want->hours))
            perr(c, path, "expected period \"%s\" of %.10g h, got \"%.64s\" of %.10g h", want->id,
                 want->hours, got->id ? got->id : "", got->hours);
    }
}

/* Links: per-period flows, their sum, capacities, peak and load factor; node sums. */
static void check_links(pctx *c, const snp_vlink *vl)
{
    const sn_instance *in = c->in;
    for (int i = 0; i < c->doc->n_links; i++) {
        const snp_sol_link *sl = &c->doc->links[i];
        const snp_vlink *l = &vl[i];
        if (l->resource < 0)
            continue; /* not a candidate: verify.c reported it */
        char path[64], sub[96];
        snprintf(path, sizeof path, "links[%d]", i);
        snprintf(sub, sizeof sub, "%s.by_period", path);
        if (!in->res_periodic[l->resource]) {
            if (sl->by_period.v)
                perr(c, sub, "expected no flows by period (%s is annual), got %d numbers",
                     in->resources[l->resource].id, sl->by_period.n);
            continue;
        }
        if (!series_ok(c, sub, &sl->by_period, "the flow in each period"))
            continue;
        double cap = INFINITY;
        if (l->n_sizes > 0 && sl->has_size_capacity && isfinite(sl->size_capacity))
            cap = sl->size_capacity;
        if (l->capacity > 0)
            cap = fmin(cap, l->capacity);
        double sum = 0, peak = 0;
        for (int p = 0; p < c->np; p++) {
            double x = sl->by_period.v[p];
            const char *pid = in->periods[p].id;
            if (x < -SNP_VERIFY_ABS * c->scale)
                perr(c, sub, "expected a flow >= 0 in period \"%s\", got %.10g", pid, x);
            double w = share(c, p);
            if (isfinite(cap) &&
                x > w * cap + SNP_VERIFY_REL * fmax(x, w * cap) + SNP_VERIFY_ABS * c->scale)
                perr(c, sub,
                     "link capacity in period \"%s\" (14.8): flow %.10g exceeds %.10g, the "
                     "period's share %.10g (%.10g of %.10g h) of the capacity %.10g",
                     pid, x, w * cap, w, in->periods[p].hours, in->period_hours_total, cap);
            sum += x;
            peak = fmax(peak, x / in->periods[p].hours);
            c->out_flow[at(c, l->tail, l->resource, p)] += x;
            c->in_flow[at(c, l->head, l->resource, p)] += x * l->arrive;
        }
        if (!agree(c, sum, sl->flow, sl->flow))
            perr(c, sub, "expected flows by period adding up to the link's flow %.10g, got %.10g",
                 sl->flow, sum);
        double load = peak > 0 ? sum / in->period_hours_total / peak : NAN;
        snprintf(sub, sizeof sub, "%s.peak_per_h", path);
        if (!agree(c, sl->peak_per_h, peak, 0))
            perr(c, sub, "expected %.10g (the largest flow per hour of a period), got %.10g", peak,
                 sl->peak_per_h);
        snprintf(sub, sizeof sub, "%s.load_factor", path);
        if (isfinite(load) ? !(fabs(sl->load_factor - load) <= 1e-6) : isfinite(sl->load_factor))
            perr(c, sub, "expected %.10g (average over peak), got %.10g", load, sl->load_factor);
    }
}

static void check_supply(pctx *c, int f, const snp_supply *su, const snp_sol_supply *ss,
                         const char *path)
{
    char sub[160];
    snprintf(sub, sizeof sub, "%s.amount_by_period", path);
    if (series_ok(c, sub, &ss->amount_by_period, "the amount in each period"))
        for (int p = 0; p < c->np; p++)
            if (!agree(c, ss->amount_by_period.v[p], su->by_period[p], 0))
                perr(c, sub, "expected %.10g in period \"%s\" (the region's), got %.10g",
                     su->by_period[p], c->in->periods[p].id, ss->amount_by_period.v[p]);
    snprintf(sub, sizeof sub, "%s.sent_by_period", path);
    int sent_ok = series_ok(c, sub, &ss->sent_by_period, "what is sent in each period");
    char dsub[160];
    snprintf(dsub, sizeof dsub, "%s.disposed_by_period", path);
    int disp_ok = series_ok(c, dsub, &ss->disposed_by_period, "what is disposed of per period");
    if (!sent_ok || !disp_ok)
        return;
    double sum = 0;
    for (int p = 0; p < c->np; p++) {
        const char *pid = c->in->periods[p].id;
        double sent = ss->sent_by_period.v[p], disp = ss->disposed_by_period.v[p];
        double links = c->out_flow[at(c, f, su->resource, p)];
        if (!agree(c, sent, links, su->by_period[p]))
            perr(c, sub, "expected %.10g in period \"%s\" (what its links send), got %.10g", links,
                 pid, sent);
        if (!agree(c, sent + disp, su->by_period[p], su->by_period[p]))
            perr(c, path,
                 "supply balance in period \"%s\" (14.2): sent %.10g + disposed %.10g != %.10g",
                 pid, sent, disp, su->by_period[p]);
        if (disp < -SNP_VERIFY_REL * su->by_period[p] - SNP_VERIFY_ABS * c->scale)
            perr(c, dsub, "expected a number >= 0 in period \"%s\", got %.10g", pid, disp);
        else if (!su->has_disposal && !agree(c, disp, 0, su->by_period[p]))
            perr(c, dsub,
                 "expected 0 in period \"%s\" (the supply has no disposal option), got %.10g", pid,
                 disp);
        sum += sent;
    }
    if (isfinite(ss->sent) && !agree(c, sum, ss->sent, su->amount))
        perr(c, sub, "expected per-period amounts adding up to sent %.10g, got %.10g", ss->sent,
             sum);
}

/* Ratio of r for demand d (1 for its own resource), 0 when not accepted. */
static double ratio_of(const snp_demand *d, int r)
{
    if (d->resource == r)
        return 1;
    for (int s = 0; s < d->n_subs; s++)
        if (d->subs[s].resource == r)
            return d->subs[s].ratio;
    return 0;
}

static int resource_find(const sn_instance *in, const char *id)
{
    for (int r = 0; id && r < in->n_resources; r++)
        if (strcmp(in->resources[r].id, id) == 0)
            return r;
    return -1;
}

/* One facility's periodic demands; taken[(r * np) + p] collects intake for the inflow check. */
static void check_demand(pctx *c, const snp_demand *d, const snp_sol_demand *sd, const char *path,
                         double *taken)
{
    const sn_instance *in = c->in;
    char sub[160];
    snprintf(sub, sizeof sub, "%s.amount_by_period", path);
    if (series_ok(c, sub, &sd->amount_by_period, "the amount in each period"))
        for (int p = 0; p < c->np; p++)
            if (!agree(c, sd->amount_by_period.v[p], d->by_period[p], 0))
                perr(c, sub, "expected %.10g in period \"%s\" (the region's), got %.10g",
                     d->by_period[p], in->periods[p].id, sd->amount_by_period.v[p]);
    double *met = c->scratch;
    int np = c->np;
    for (int p = 0; p < np; p++)
        met[p] = 0;
    for (int k = 0; k < sd->n_intake; k++) {
        const snp_sol_intake *x = &sd->intake[k];
        snprintf(sub, sizeof sub, "%s.intake_by_period[%d]", path, k);
        int r = resource_find(in, x->resource);
        double ratio = r >= 0 ? ratio_of(d, r) : 0;
        if (!(ratio > 0)) {
            perr(c, sub, "expected a resource the demand accepts, got \"%.64s\"",
                 x->resource ? x->resource : "");
            continue;
        }
        char asub[200];
        snprintf(asub, sizeof asub, "%s.amounts", sub);
        if (!series_ok(c, asub, &x->amounts, "the intake in each period"))
            continue;
        for (int p = 0; p < np; p++) {
            if (x->amounts.v[p] < -SNP_VERIFY_ABS * c->scale)
                perr(c, asub, "expected a number >= 0 in period \"%s\", got %.10g",
                     in->periods[p].id, x->amounts.v[p]);
            met[p] += ratio * x->amounts.v[p];
            taken[r * np + p] += x->amounts.v[p];
        }
    }
    snprintf(sub, sizeof sub, "%s.received_by_period", path);
    int rec_ok = series_ok(c, sub, &sd->received_by_period, "what is received in each period");
    char bsub[160];
    snprintf(bsub, sizeof bsub, "%s.purchased_by_period", path);
    int buy_ok = series_ok(c, bsub, &sd->purchased_by_period, "what is bought in each period");
    if (!rec_ok || !buy_ok)
        return;
    double sum = 0;
    for (int p = 0; p < np; p++) {
        const char *pid = in->periods[p].id;
        double rec = sd->received_by_period.v[p], buy = sd->purchased_by_period.v[p];
        if (!agree(c, rec, met[p], d->by_period[p]))
            perr(c, sub,
                 "expected %.10g in period \"%s\" (intake times each resource's ratio), got "
                 "%.10g",
                 met[p], pid, rec);
        if (!agree(c, rec + buy, d->by_period[p], d->by_period[p]))
            perr(c, path,
                 "demand balance in period \"%s\" (14.5): received %.10g + purchased %.10g != "
                 "%.10g",
                 pid, rec, buy, d->by_period[p]);
        if (buy < -SNP_VERIFY_REL * d->by_period[p] - SNP_VERIFY_ABS * c->scale)
            perr(c, bsub, "expected a number >= 0 in period \"%s\", got %.10g", pid, buy);
        else if (!d->has_price && !agree(c, buy, 0, d->by_period[p]))
            perr(c, bsub,
                 "expected 0 in period \"%s\" (the demand has no price: must be served), "
                 "got %.10g",
                 pid, buy);
        sum += rec;
    }
    if (isfinite(sd->received) && !agree(c, sum, sd->received, d->amount))
        perr(c, sub, "expected per-period amounts adding up to received %.10g, got %.10g",
             sd->received, sum);
}

static void check_facilities(pctx *c, double *taken)
{
    const sn_instance *in = c->in;
    const snp_solution_doc *doc = c->doc;
    int np = c->np;
    for (int i = 0; i < doc->n_facilities; i++) {
        const snp_sol_facility *sf = &doc->facilities[i];
        int f = -1;
        for (int q = 0; sf->id && q < in->n_facilities && f < 0; q++)
            if (strcmp(in->facilities[q].id, sf->id) == 0)
                f = q;
        if (f < 0)
            continue; /* verify.c reports it */
        const snp_facility *fa = &in->facilities[f];
        char path[96];
        for (int k = 0; k < sf->n_supplies && k < fa->n_supplies; k++) {
            if (!fa->supplies[k].by_period)
                continue;
            snprintf(path, sizeof path, "facilities[%d].supplies[%d]", i, k);
            check_supply(c, f, &fa->supplies[k], &sf->supplies[k], path);
        }
        memset(taken, 0, sizeof(double) * (size_t)in->n_resources * (size_t)np);
        int any = 0;
        for (int k = 0; k < sf->n_demands && k < fa->n_demands; k++) {
            if (!fa->demands[k].by_period)
                continue;
            any = 1;
            snprintf(path, sizeof path, "facilities[%d].demands[%d]", i, k);
            check_demand(c, &fa->demands[k], &sf->demands[k], path, taken);
        }
        /* 14.3: what arrives of each periodic resource is what its demands take */
        for (int r = 0; r < in->n_resources; r++) {
            if (!in->res_periodic[r])
                continue;
            for (int p = 0; p < np; p++) {
                double arrived = c->in_flow[at(c, f, r, p)], took = any ? taken[r * np + p] : 0;
                if (!agree(c, arrived, took, arrived)) {
                    snprintf(path, sizeof path, "facilities[%d]", i);
                    perr(c, path,
                         "inflow of %s in period \"%s\" (14.3): %.10g arrives on links, demands "
                         "take %.10g",
                         in->resources[r].id, in->periods[p].id, arrived, took);
                }
            }
        }
    }
}

static void check_junctions(pctx *c)
{
    const sn_instance *in = c->in;
    for (int j = 0; j < in->n_junctions; j++) {
        int node = in->n_facilities + in->n_hubs + j;
        for (int r = 0; r < in->n_resources; r++) {
            if (!in->res_periodic[r])
                continue;
            for (int p = 0; p < c->np; p++) {
                double a = c->in_flow[at(c, node, r, p)], b = c->out_flow[at(c, node, r, p)];
                if (!agree(c, a, b, a))
                    perr(c, "links",
                         "junction \"%s\" in period \"%s\" (14.6): %.10g of %s arrives, %.10g "
                         "leaves",
                         in->junctions[j].id, in->periods[p].id, a, in->resources[r].id, b);
            }
        }
    }
}

/* The store a file reports at hub h (region hub index) against the region's; returns its
 * levels (np values) when they can be used in the output balance, else NULL. */
static const double *check_store(pctx *c, int i, int h, const snp_sol_hub *sh,
                                 snp_verify_store_costs *sc)
{
    const sn_instance *in = c->in;
    const snp_hub *hub = &in->hubs[h];
    char path[96];
    snprintf(path, sizeof path, "hubs[%d].storage", i);
    if (!sh->has_storage)
        return NULL;
    if (!hub->has_storage) {
        perr(c, path, "expected no store (hub %s has no \"storage\" in the region), got one",
             hub->id);
        return NULL;
    }
    const snp_hub_storage *st = &hub->storage;
    if (!sh->storage_resource || strcmp(sh->storage_resource, in->resources[st->resource].id)) {
        perr(c, path, "expected a store of %s, got \"%.64s\"", in->resources[st->resource].id,
             sh->storage_resource ? sh->storage_resource : "");
        return NULL;
    }
    int q = -1;
    for (int k = 0; k < st->n_capacities && q < 0; k++)
        if (st->capacities[k].capacity == sh->storage_capacity &&
            st->capacities[k].capital == sh->storage_capital &&
            st->capacities[k].fixed_opex == sh->storage_fixed_opex)
            q = k;
    if (q < 0) {
        perr(c, path,
             "expected one of the store's options (capacity, capital, fixed_opex), got %.10g, "
             "%.10g, %.10g",
             sh->storage_capacity, sh->storage_capital, sh->storage_fixed_opex);
        return NULL;
    }
    if (!(sh->storage_loss == st->loss))
        perr(c, path, "expected loss %.10g (the region's), got %.10g", st->loss, sh->storage_loss);
    double crf = snp_verify_crf(in->discount_rate, hub->lifetime_yr);
    sc->capital += st->capacities[q].capital;
    sc->capital_annualised += crf * st->capacities[q].capital;
    sc->fixed_opex += st->capacities[q].fixed_opex;
    char sub[128];
    snprintf(sub, sizeof sub, "%s.level_by_period", path);
    if (!series_ok(c, sub, &sh->storage_level, "the level held at the end of each period"))
        return NULL;
    double cap = st->capacities[q].capacity;
    for (int p = 0; p < c->np; p++) {
        double lv = sh->storage_level.v[p];
        if (lv < -SNP_VERIFY_ABS * c->scale ||
            lv > cap + SNP_VERIFY_REL * cap + SNP_VERIFY_ABS * c->scale)
            perr(c, sub,
                 "expected a level in [0, %.10g] (the store's capacity) in period \"%s\", "
                 "got %.10g",
                 cap, in->periods[p].id, lv);
    }
    return sh->storage_level.v;
}

static void check_hubs(pctx *c, snp_verify_store_costs *sc)
{
    const sn_instance *in = c->in;
    const snp_solution_doc *doc = c->doc;
    int np = c->np;
    for (int i = 0; i < doc->n_hubs; i++) {
        const snp_sol_hub *sh = &doc->hubs[i];
        int h = -1;
        for (int q = 0; sh->id && q < in->n_hubs && h < 0; q++)
            if (strcmp(in->hubs[q].id, sh->id) == 0)
                h = q;
        if (h < 0 || !isfinite(sh->capacity))
            continue;
        const snp_hub *hub = &in->hubs[h];
        const double *level = check_store(c, i, h, sh, sc);
        int per = 0;
        for (int k = 0; k < hub->n_inputs; k++)
            per |= in->res_periodic[hub->inputs[k].resource];
        for (int o = 0; o < hub->n_outputs; o++)
            per |= in->res_periodic[hub->outputs[o].resource];
        if (!per || sh->n_processed != hub->n_inputs || sh->n_produced != hub->n_outputs)
            continue; /* an annual hub, or one verify.c finds malformed */
        char path[160];
        double *all = c->scratch;
        for (int p = 0; p < np; p++)
            all[p] = 0;
        int ok = 1;
        for (int k = 0; k < hub->n_inputs; k++) {
            const snp_sol_amount *a = &sh->processed[k];
            int r = hub->inputs[k].resource;
            snprintf(path, sizeof path, "hubs[%d].processed[%d].by_period", i, k);
            if (!a->resource || strcmp(a->resource, in->resources[r].id) != 0 ||
                !series_ok(c, path, &a->by_period, "the processing in each period")) {
                ok = 0;
                continue;
            }
            double sum = 0;
            for (int p = 0; p < np; p++) {
                double x = a->by_period.v[p];
                sum += x;
                all[p] += x;
                if (x < -SNP_VERIFY_ABS * c->scale)
                    perr(c, path, "expected a number >= 0 in period \"%s\", got %.10g",
                         in->periods[p].id, x);
                if (in->res_periodic[r] &&
                    !agree(c, c->in_flow[at(c, in->n_facilities + h, r, p)], x, x))
                    perr(c, path,
                         "hub input in period \"%s\" (14.7c): %.10g of %s arrives, %.10g is "
                         "processed",
                         in->periods[p].id, c->in_flow[at(c, in->n_facilities + h, r, p)],
                         in->resources[r].id, x);
            }
            if (!agree(c, sum, a->amount, a->amount))
                perr(c, path, "expected per-period amounts adding up to %.10g, got %.10g",
                     a->amount, sum);
        }
        if (!ok)
            continue;
        for (int p = 0; p < np; p++) {
            double cap = share(c, p) * sh->capacity;
            if (all[p] > cap + SNP_VERIFY_REL * fmax(all[p], cap) + SNP_VERIFY_ABS * c->scale) {
                snprintf(path, sizeof path, "hubs[%d]", i);
                perr(c, path,
                     "hub capacity in period \"%s\" (14.7b): %.10g processed exceeds %.10g, the "
                     "period's share of the capacity %.10g",
                     in->periods[p].id, all[p], cap, sh->capacity);
            }
        }
        for (int o = 0; o < hub->n_outputs; o++) {
            int r = hub->outputs[o].resource;
            if (!in->res_periodic[r])
                continue;
            const snp_sol_amount *a = &sh->produced[o];
            snprintf(path, sizeof path, "hubs[%d].produced[%d]", i, o);
            char s1[200], s2[200], s3[200];
            snprintf(s1, sizeof s1, "%s.by_period", path);
            snprintf(s2, sizeof s2, "%s.sent_by_period", path);
            snprintf(s3, sizeof s3, "%s.disposed_by_period", path);
            if (!series_ok(c, s1, &a->by_period, "the output in each period") ||
                !series_ok(c, s2, &a->sent_by_period, "what is sent in each period") ||
                !series_ok(c, s3, &a->disposed_by_period, "what is disposed of per period"))
                continue;
            for (int p = 0; p < np; p++) {
                const char *pid = in->periods[p].id;
                double made = 0;
                for (int k = 0; k < hub->n_inputs; k++)
                    made += hub->inputs[k].yields[o] * sh->processed[k].by_period.v[p];
                double store = 0; /* released less kept (14.10) */
                if (level && hub->storage.output == o)
                    store = (1 - hub->storage.loss) * level[(p + np - 1) % np] - level[p];
                double sent = c->out_flow[at(c, in->n_facilities + h, r, p)];
                if (!agree(c, a->by_period.v[p], made, made))
                    perr(c, s1,
                         "expected %.10g in period \"%s\" (yields times processing), got "
                         "%.10g",
                         made, pid, a->by_period.v[p]);
                if (!agree(c, a->sent_by_period.v[p], sent, made))
                    perr(c, s2, "expected %.10g in period \"%s\" (what its links send), got %.10g",
                         sent, pid, a->sent_by_period.v[p]);
                double disp = a->disposed_by_period.v[p];
                if (!agree(c, sent + disp, made + store, made) ||
                    disp < -SNP_VERIFY_REL * made - SNP_VERIFY_ABS * c->scale)
                    perr(c, s3,
                         "hub output in period \"%s\" (14.7d): produced %.10g, from the store "
                         "%.10g, sent %.10g, disposed %.10g (expected >= 0 and sent + disposed = "
                         "produced + from the store)",
                         pid, made, store, sent, disp);
            }
        }
    }
}

int snp_verify_periods(const sn_instance *in, const snp_solution_doc *doc, const snp_vlink *vl,
                       double amount_scale, sn_diag *diag, snp_verify_store_costs *stores)
{
    if (in->n_periods == 0)
        return 0;
    pctx c = {in, doc, diag, 0, amount_scale, in->n_periods, NULL, NULL, NULL};
    size_t cells = (size_t)snp_node_count(in) * (size_t)in->n_resources * (size_t)c.np;
    c.in_flow = snp_calloc(cells + 1, sizeof(double));
    c.out_flow = snp_calloc(cells + 1, sizeof(double));
    double *taken = snp_calloc((size_t)in->n_resources * (size_t)c.np + 1, sizeof(double));
    c.scratch = snp_calloc((size_t)c.np + 1, sizeof(double));
    if (!c.in_flow || !c.out_flow || !taken || !c.scratch) {
        snp_free(c.scratch);
        snp_free(c.in_flow);
        snp_free(c.out_flow);
        snp_free(taken);
        return -1;
    }
    check_period_list(&c);
    check_links(&c, vl);
    check_facilities(&c, taken);
    check_junctions(&c);
    check_hubs(&c, stores);
    snp_free(c.in_flow);
    snp_free(c.out_flow);
    snp_free(taken);
    snp_free(c.scratch);
    return c.nerr;
}
