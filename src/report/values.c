/*
 * values.c - writes the answers of `symnet values` (src/result/values.c) as a table for
 * people, CSV or JSON (symnet-values/1, docs/outputs.md): for each built element its value to
 * the region (the optimum without it minus the optimum) and what replaces it; for each
 * candidate not built how much its annual fixed cost must fall before it enters an optimal
 * network, and the fixed cost at which it would; for each facility the network's savings with
 * and without it and the links stranded if it leaves. Stage: values -> [report].
 */
#include "report_int.h"

#include <math.h>
#include <string.h>

#define SNP_VALUES_TOL 1e-6

static const char *status_word(int status)
{
    return status < 0 ? "not solved" : sn_solution_status_name((sn_solution_status)status);
}

/* The figures of entry e: delta (objective - optimum, NAN when no network), the derived
 * figure (candidates: break-even fixed cost; partners: savings without it). */
static void figures(const sn_values *v, const snp_value_entry *e, double *delta, double *derived)
{
    *delta = isfinite(e->objective) ? e->objective - v->objective : NAN;
    /* both optima are proven to GLPK's relative tolerance (about 1e-7): a difference within
     * SNP_VALUES_TOL of the optimum is none (docs/whatif.md) */
    if (fabs(*delta) <= SNP_VALUES_TOL * (fabs(v->objective) + 1))
        *delta = 0;
    *derived = NAN;
    if (e->kind == SNP_VALUE_CANDIDATE && isfinite(*delta))
        *derived = e->fixed_per_yr - *delta;
    else if (e->kind == SNP_VALUE_PARTNER && isfinite(e->objective))
        *derived = e->bau - e->objective;
}

static const char *const HEADER[] = {"question", "kind",         "id",      "status",  "objective",
                                     "delta",    "fixed_per_yr", "derived", "changes", NULL};

static const char *question_name(snp_value_kind k)
{
    return k == SNP_VALUE_BUILT ? "forbid" : k == SNP_VALUE_CANDIDATE ? "force" : "without";
}

static void text(const sn_values *v, FILE *f)
{
    const sn_instance *in = v->opt->in;
    const char *cur = in->currency;
    char a[48], b[48], c[48];
    fprintf(f, "values in %s: the optimum costs %s %s/yr%s\n", in->name,
            snp_fmt_money(a, sizeof a, v->objective, 0), cur,
            v->proven ? "" : " (not proven optimal: values are against the best found)");
    int n = (int)v->entries.len;
    for (int kind = 0; kind < 3; kind++) {
        int any = 0;
        for (int i = 0; i < n; i++) {
            const snp_value_entry *e = &SNP_VEC_AT(&v->entries, snp_value_entry, (size_t)i);
            if ((int)e->kind != kind)
                continue;
            double delta, derived;
            figures(v, e, &delta, &derived);
            if (!any++) {
                if (kind == SNP_VALUE_BUILT)
                    fprintf(f,
                            "\nbuilt: what the region loses a year without each (%s/yr)\n"
                            "  %-44s %-8s %16s  %s\n",
                            cur, "id", "kind", "value", "replaced by");
                else if (kind == SNP_VALUE_CANDIDATE)
                    fprintf(f,
                            "\nnot built: how much the annual fixed cost must fall before each "
                            "enters an optimal network (%s/yr)\n  %-44s %-8s %16s %16s %16s\n",
                            cur, "id", "kind", "must fall by", "fixed now", "enters below");
                else
                    fprintf(f,
                            "\npartners: the network's savings with and without each (%s/yr)\n"
                            "  %-24s %16s %16s  %s\n",
                            cur, "facility", "without it", "it adds", "stranded if it leaves");
            }
            const char *unproven = e->status == SN_SOL_OPTIMAL ? "" : " (not proven)";
            if (kind == SNP_VALUE_BUILT) {
                if (!isfinite(delta))
                    fprintf(f,
                            "  %-44s %-8s %16s  (no network meets every requirement without "
                            "it: %s)\n",
                            e->id, e->what, "essential", status_word(e->status));
                else
                    fprintf(f, "  %-44s %-8s %16s  %s%s\n", e->id, e->what,
                            snp_fmt_money(a, sizeof a, delta, 0),
                            e->changes[0] ? e->changes : "nothing", unproven);
            } else if (kind == SNP_VALUE_CANDIDATE) {
                if (!isfinite(delta))
                    fprintf(f, "  %-44s %-8s %16s  (%s with it forced)\n", e->id, e->what, "never",
                            status_word(e->status));
                else
                    fprintf(f, "  %-44s %-8s %16s %16s %16s%s\n", e->id, e->what,
                            snp_fmt_money(a, sizeof a, delta, 0),
                            snp_fmt_money(b, sizeof b, e->fixed_per_yr, 0),
                            derived < 0 ? "never (even free)"
                                        : snp_fmt_money(c, sizeof c, derived, 0),
                            unproven);
            } else {
                double with = v->bau - v->objective;
                fprintf(f, "  %-24s %16s %16s  ", e->id,
                        isfinite(derived) ? snp_fmt_money(a, sizeof a, derived, 0)
                                          : status_word(e->status),
                        isfinite(derived) ? snp_fmt_money(b, sizeof b, with - derived, 1) : "-");
                int stranded = 0;
                for (const char *p = e->changes; p && *p;) {
                    const char *end = strchr(p, ' ');
                    size_t len = end ? (size_t)(end - p) : strlen(p);
                    if (*p == '-' && strncmp(p + 1, "link:", 5) == 0)
                        fprintf(f, "%s%.*s", stranded++ ? " " : "", (int)(len - 6), p + 6);
                    p = end ? end + 1 : NULL;
                }
                fprintf(f, "%s%s\n", stranded ? "" : "none", unproven);
            }
        }
    }
}

sn_status sn_report_write_values(const sn_values *v, sn_table_format fmt, FILE *f)
{
    if (!v || !f)
        return SN_EUSAGE;
    if (fmt == SN_TABLE_TEXT) {
        text(v, f);
        return ferror(f) ? SN_EIO : SN_OK;
    }
    int n = (int)v->entries.len;
    if (fmt == SN_TABLE_CSV) {
        for (int k = 0; HEADER[k]; k++)
            snp_csv_text(f, HEADER[k], HEADER[k + 1] == NULL);
    } else {
        fputs("{\n  \"format\": \"symnet-values/1\",\n  \"region\": ", f);
        snp_json_string(f, v->opt->in->name);
        fputs(",\n  \"currency\": ", f);
        snp_json_string(f, v->opt->in->currency);
        fputs(",\n  \"optimum\": ", f);
        snp_json_number(f, v->objective);
        fprintf(f, ",\n  \"optimum_proven\": %s,\n  \"bau\": ", v->proven ? "true" : "false");
        snp_json_number(f, v->bau);
        fputs(",\n  \"entries\": [", f);
    }
    for (int i = 0; i < n; i++) {
        const snp_value_entry *e = &SNP_VEC_AT(&v->entries, snp_value_entry, (size_t)i);
        double delta, derived;
        figures(v, e, &delta, &derived);
        if (fmt == SN_TABLE_CSV) {
            snp_csv_text(f, question_name(e->kind), 0);
            snp_csv_text(f, e->what, 0);
            snp_csv_text(f, e->id, 0);
            snp_csv_text(f, status_word(e->status), 0);
            snp_csv_number(f, e->objective, 0);
            snp_csv_number(f, delta, 0);
            snp_csv_number(f, e->fixed_per_yr, 0);
            snp_csv_number(f, derived, 0);
            snp_csv_text(f, e->changes ? e->changes : "", 1);
            continue;
        }
        fputs(i ? ",\n    {\"question\": " : "\n    {\"question\": ", f);
        snp_json_string(f, question_name(e->kind));
        fputs(", \"kind\": ", f);
        snp_json_string(f, e->what);
        fputs(", \"id\": ", f);
        snp_json_string(f, e->id);
        fputs(", \"status\": ", f);
        snp_json_string(f, status_word(e->status));
        const char *keys[] = {"objective", "delta", "fixed_per_yr", "derived"};
        const double vals[] = {e->objective, delta, e->fixed_per_yr, derived};
        for (int k = 0; k < 4; k++) {
            fprintf(f, ", \"%s\": ", keys[k]);
            snp_json_number(f, vals[k]);
        }
        fputs(", \"changes\": [", f);
        int c = 0;
        for (const char *p = e->changes; p && *p;) {
            const char *end = strchr(p, ' ');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            char item[SNP_LINK_ID_MAX + 20];
            snprintf(item, sizeof item, "%.*s", (int)len, p);
            fputs(c++ ? ", " : "", f);
            snp_json_string(f, item);
            p = end ? end + 1 : NULL;
        }
        fputs("]}", f);
    }
    if (fmt == SN_TABLE_JSON)
        fputs(n ? "\n  ]\n}\n" : "]\n}\n", f);
    return ferror(f) ? SN_EIO : SN_OK;
}
