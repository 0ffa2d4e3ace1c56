/*
 * plugins.c - the table of symnet's solver plugins (shared/STYLE.md 11, after SCIP's heur_ and
 * sepa_ plugins and HiGHS's one options table): the problem-specific heuristics and separators
 * that glpk.c's branch-and-cut calls, each with its name, kind, default and create/run/free.
 * docs/model.md 11 describes each; --disable NAME switches one off (sn_params_disable), and the
 * solution reports each one's statistics (docs/outputs.md, "solver_stats").
 *
 * Stage: sn_model -> [solve] -> sn_solution. No solver types here: glpk.c loops over the table
 * and gives each plugin what it needs through snp_plugin_env. Adding a plugin: its file and one
 * entry below.
 */
#include "solve_int.h"

#include <stdio.h>
#include <string.h>

/* The separators keep their typed interface (tests call them directly); these give them the
 * table's. */
static void *dicut_create(const sn_model *m)
{
    return snp_sepa_dicut_create(m);
}

static int dicut_run(void *data, snp_plugin_env *env)
{
    return snp_sepa_dicut_run(data, env->x, env->cut, env->cut_ctx);
}

static void dicut_free(void *data)
{
    snp_sepa_dicut_free(data);
}

static void *flowcover_create(const sn_model *m)
{
    return snp_sepa_flowcover_create(m);
}

static int flowcover_run(void *data, snp_plugin_env *env)
{
    return snp_sepa_flowcover_run(data, env->x, env->cut, env->cut_ctx);
}

static void flowcover_free(void *data)
{
    snp_sepa_flowcover_free(data);
}

static void *hubcap_create(const sn_model *m)
{
    return snp_sepa_hubcap_create(m);
}

static int hubcap_run(void *data, snp_plugin_env *env)
{
    return snp_sepa_hubcap_run(data, env->x, env->cut, env->cut_ctx);
}

static void hubcap_free(void *data)
{
    snp_sepa_hubcap_free(data);
}

/* In the order they run: heuristics before the root LP, then at each node's LP the heuristics
 * (GLP_IHEUR) and the separators (GLP_ICUTGEN), each in table order. */
static const snp_plugin plugins[] = {
    /* before "first": where it has a network it is reported first (issue 17: "first" then
     * spends 3.8 s at 200 x 2,000 finding none), elsewhere create returns NULL */
    {"serve", SNP_PLUGIN_HEURISTIC, 1, 1,
     "heuristic: sites opened for must-serve demands, before any LP (11.5)", snp_heur_serve_create,
     snp_heur_serve_run, snp_heur_serve_free},
    {"first", SNP_PLUGIN_HEURISTIC, 1, 1, "heuristic: a greedy network before any LP (11.2)",
     snp_heur_first_create, snp_heur_first_run, snp_heur_first_free},
    {"start", SNP_PLUGIN_HEURISTIC, 1, 1,
     "heuristic: a network a caller names (values' optimum, a --warm neighbour's) (11.2)",
     snp_heur_start_create, snp_heur_start_run, snp_heur_start_free},
    {"rounding", SNP_PLUGIN_HEURISTIC, 0, 1, "heuristic: LP rounding with exact re-pricing (11.1)",
     snp_heur_round_create, snp_heur_round_run, snp_heur_round_free},
    {"dicut", SNP_PLUGIN_SEPARATOR, 0, 1, "separator: what a group of nodes must send out (11.3)",
     dicut_create, dicut_run, dicut_free},
    {"flowcover", SNP_PLUGIN_SEPARATOR, 0, 1,
     "separator: flow covers at facilities and hubs (11.4)", flowcover_create, flowcover_run,
     flowcover_free},
    {"hubcap", SNP_PLUGIN_SEPARATOR, 0, 1, "separator: hub capacity covers (11.4)", hubcap_create,
     hubcap_run, hubcap_free},
    /* before the root LP like "first" (the cheaper network of the two is the incumbent) */
    {"path", SNP_PLUGIN_HEURISTIC, 1, 1,
     "heuristic: shortest paths from must-ship sources to must-serve sinks (11.6)",
     snp_heur_path_create, snp_heur_path_run, snp_heur_path_free},
    /* not called by the search: sn_solve runs it before (split.c), hence no functions */
    {"split", SNP_PLUGIN_DECOMPOSITION, 0, 1,
     "decomposition: independent parts of the model solved apart (11.7)", NULL, NULL, NULL},
    /* issue 17: what a neighbouring solve with the same constraints left (sn_params.warm);
     * nothing to do without it. Last, so that the bits of the others stay as they were. */
    {"carrybasis", SNP_PLUGIN_WARMSTART, 0, 1,
     "warm start: the root LP from a neighbour's basis, same constraints (11.9)", NULL, NULL, NULL},
    /* off by default: on the 20-point sweep of M-1 it cost 7 % (bench/RESULTS.md, sweep) */
    {"carrycuts", SNP_PLUGIN_SEPARATOR, 0, 0,
     "separator: the cuts a neighbour's separators found, same constraints (11.9)",
     snp_sepa_carry_create, snp_sepa_carry_run, snp_sepa_carry_free},
    /* glpk.c calls it in place of the root LP (lp_price.c's own functions), hence none here */
    {"price", SNP_PLUGIN_ROOT_LP, 0, 1,
     "root LP: by column generation where links far outnumber the other columns (11.8)", NULL, NULL,
     NULL},
    /* off by default: it cost msm100x1000 its proof within 0.1 % (bench/RESULTS.md,
     * must-serve); glpk.c runs it after price's root LP, hence no functions here */
    {"pricemip", SNP_PLUGIN_HEURISTIC, 0, 0,
     "heuristic: branch-and-cut on price's final master, before the search (11.8)", NULL, NULL,
     NULL},
    /* glpk.c runs it after price's root LP, before pricemip, hence no functions here */
    {"rens", SNP_PLUGIN_HEURISTIC, 0, 1,
     "heuristic: price's master searched over the binaries its LP leaves fractional (11.11)", NULL,
     NULL, NULL},
    /* off by default: 20 s of probing at ms100x1000 fixed 24 binaries, the bound at 120 s as
     * without (bench/RESULTS.md, must-serve); glpk.c runs it after rens, hence no functions */
    {"probe", SNP_PLUGIN_HEURISTIC, 0, 0,
     "heuristic (probing): each binary probed on price's master, a side dearer than the "
     "incumbent fixed out (11.12)",
     NULL, NULL, NULL},
    /* off by default: it did not pay on generated M-1 and L-1 (bench/RESULTS.md, RINS) */
    {"rins", SNP_PLUGIN_HEURISTIC, 0, 0,
     "heuristic: sub-MIPs around the incumbent where it agrees with the LP (11.10)",
     snp_heur_rins_create, snp_heur_rins_run, snp_heur_rins_free},
    {"drop", SNP_PLUGIN_HEURISTIC, 0, 1,
     "heuristic: the network improved by closing one link or hub at a time (11.13)",
     snp_heur_drop_create, snp_heur_drop_run, snp_heur_drop_free},
    /* glpk.c holds the rows back after the root LP and adds them at GLP_IROWGEN (lazy.c) */
    {"lazy", SNP_PLUGIN_ROWS, 0, 1,
     "rows: facility-location rows held back from the nodes' LPs until violated (11.14)", NULL,
     NULL, NULL},
};

#define N_PLUGINS ((int)(sizeof plugins / sizeof plugins[0]))

/* the bit mask sn_params.disabled_plugins has room for every entry */
_Static_assert(sizeof plugins / sizeof plugins[0] <= SNP_PLUGIN_MAX, "too many plugins");
_Static_assert(SNP_PLUGIN_MAX <= 8 * sizeof(unsigned), "disabled_plugins is too narrow");

int snp_plugin_count(void)
{
    return N_PLUGINS;
}

const snp_plugin *snp_plugin_get(int i)
{
    return i >= 0 && i < N_PLUGINS ? &plugins[i] : NULL;
}

int snp_plugin_enabled(const sn_model *m, const sn_params *p, int i)
{
    if (i < 0 || i >= N_PLUGINS || (p->disabled_plugins >> i) & 1u)
        return 0;
    if (!p->search || m->kind != SN_MODEL_NETWORK) /* as glpk.c's own search */
        return 0;
    return plugins[i].kind != SNP_PLUGIN_SEPARATOR || p->cuts;
}

const char *sn_plugin_name(int i)
{
    return i >= 0 && i < N_PLUGINS ? plugins[i].name : NULL;
}

const char *sn_plugin_about(int i)
{
    return i >= 0 && i < N_PLUGINS ? plugins[i].about : NULL;
}

/* Sets (off) or clears plugin `name`'s bit; SN_EUSAGE naming the valid ones. */
static sn_status switch_plugin(sn_params *p, const char *name, int off, sn_diag *diag)
{
    for (int i = 0; i < N_PLUGINS; i++)
        if (name && strcmp(name, plugins[i].name) == 0) {
            if (off)
                p->disabled_plugins |= 1u << i;
            else
                p->disabled_plugins &= ~(1u << i);
            return SN_OK;
        }
    char list[256] = "";
    size_t len = 0;
    for (int i = 0; i < N_PLUGINS && len < sizeof list; i++) {
        int w = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", plugins[i].name);
        len += w > 0 ? (size_t)w : 0;
    }
    snp_diag_add(diag, SN_EUSAGE, NULL, NULL, "unknown plugin \"%s\": expected one of %s",
                 name ? name : "", list);
    return SN_EUSAGE;
}

sn_status sn_params_disable(sn_params *p, const char *name, sn_diag *diag)
{
    return switch_plugin(p, name, 1, diag);
}

sn_status sn_params_enable(sn_params *p, const char *name, sn_diag *diag)
{
    return switch_plugin(p, name, 0, diag);
}

int sn_plugin_default_on(int i)
{
    return i >= 0 && i < N_PLUGINS && plugins[i].default_on;
}
