/*
 * test_figures.c - headline figures, money and jobs (issue 15, docs/outputs.md "Headline
 * figures, money and jobs"): the arithmetic of NPV, IRR and payback against hand-derived
 * values; the figures of the tutorial region derived by hand; the parser's checks of
 * `category`, `waste`, `jobs` and the construction factor; and, for every shipped region
 * (every JSON file of instances/), that the HTML, JSON and CSV state the same figures and that no
 * output says nan, inf or undefined.
 */
#include "result/result_int.h"
#include "symnet.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <ctype.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- money arithmetic ------------------------------------------------------------------- */

/* Capital 1,000 in year 0, 300 a year for 5 years.
 * At 10 %: annuity (1 - 1.1^-5) / 0.1 = 3.790786769, NPV = 300 * 3.790786769 - 1000 = 137.236.
 * At 0 %: 5 * 300 - 1000 = 500. Payback 1000 / 300 = 3.333 years.
 * IRR: the rate with annuity(r, 5) = 1000 / 300 = 3.3333; at 15.24 % the annuity is
 * (1 - 1.1524^-5) / 0.1524 = 3.3331, so r = 15.238 % (the textbook value for -1000, 5 x 300). */
Test(money, npv_irr_payback_by_hand)
{
    cr_assert(fabs(snp_money_npv(1000, 300, 5, 0.1) - 137.2360308) < 1e-6);
    cr_assert(fabs(snp_money_npv(1000, 300, 5, 0) - 500) < 1e-9);
    cr_assert(fabs(snp_money_payback(1000, 300) - 1000.0 / 300) < 1e-12);
    double irr = snp_money_irr(1000, 300, 5);
    cr_assert(fabs(irr - 0.152382) < 1e-5, "irr %.9g", irr);
    cr_assert(fabs(snp_money_npv(1000, 300, 5, irr)) < 1e-6);
}

/* IRR does not exist without capital (any rate gives a positive NPV) or without savings (every
 * rate gives a negative one); payback never comes without savings, at once without capital. A
 * project that never earns its capital back within the horizon has a negative IRR: 100 a year
 * for 5 years against 1000 returns half: (1 + r)^-1 + ... = 10 at r = -0.2 gives 1.25 + 1.5625 +
 * 1.953 + 2.441 + 3.052 = 10.26, so r is a little above -20 %. */
Test(money, when_there_is_no_rate_of_return)
{
    cr_assert(isnan(snp_money_irr(0, 300, 5)));
    cr_assert(isnan(snp_money_irr(1000, 0, 5)));
    cr_assert(isnan(snp_money_irr(1000, -5, 5)));
    cr_assert(isnan(snp_money_payback(1000, 0)));
    cr_assert(snp_money_payback(0, 10) == 0);
    double irr = snp_money_irr(1000, 100, 5);
    cr_assert(irr > -0.2 && irr < -0.18, "irr %.9g", irr);
    cr_assert(isnan(snp_money_npv(NAN, 100, 5, 0.05)));
}

/* ---- the tutorial region by hand -------------------------------------------------------- */

static sn_result *run(const char *path, const sn_edits *e, sn_instance **in)
{
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_instance_load_file_edited(path, e, in, NULL, &d), SN_OK, "%s: %s", path,
                 d.count ? d.errors[0].message : "");
    sn_params p;
    sn_params_init(&p);
    sn_result *r = NULL;
    cr_assert_eq(sn_run(*in, &p, &r, &d), SN_OK);
    return r;
}

/* docs/format.md "Worked example": the optimum trucks 1,500 t of spent grain (of 2,000) to the
 * dairy farm and pipes 6,000 MWh to the greenhouse, which receives 5,400 MWh (10 % lost over 5
 * km), for 2,500,000 EUR of pipe. Savings 343,831.41 EUR/yr after 162,628.59 EUR/yr of
 * annualised capital, so the savings before capital are B = 506,460 EUR/yr. Carbon: business as
 * usual 1,830 t x 80 = 146,400 EUR/yr, the network 306.75 t x 80 = 24,540, so without the carbon
 * value B = 506,460 - 121,860 = 384,600. Horizon 20 years (the region's lifetime_yr), rate 5 %:
 * annuity (1 - 1.05^-20) / 0.05 = 12.46221034, NPV = 506,460 x 12.46221034 - 2,500,000 =
 * 3,811,611.05; without carbon 384,600 x 12.46221034 - 2,500,000 = 2,292,966.10. At 0 %:
 * 20 x 506,460 - 2,500,000 = 7,629,200. Payback 2,500,000 / 506,460 = 4.936 years. */
Test(figures, tutorial_by_hand)
{
    sn_edits *e = NULL;
    cr_assert_eq(sn_edits_create(&e), SN_OK);
    cr_assert_eq(sn_edits_add(e, SN_EDIT_SET, "facilities[greenhouse].jobs=3"), SN_OK);
    cr_assert_eq(sn_edits_add(e, SN_EDIT_SET, "facilities[leisure_centre].jobs=5"), SN_OK);
    cr_assert_eq(sn_edits_add(e, SN_EDIT_SET, "region.construction_jobs_per_million=10"), SN_OK);
    cr_assert_eq(sn_edits_add(e, SN_EDIT_SET, "region.construction_jobs_source=assumed for a test"),
                 SN_OK);
    sn_instance *in = NULL;
    sn_result *r = run("instances/tutorial.json", e, &in);
    double rates[] = {0};
    cr_assert_eq(sn_result_set_discount_rates(r, rates, 1), SN_OK);
    const snp_headline *h = &r->h;
    cr_assert(h->has_network);
    cr_assert(!h->fig[SNP_FIG_WATER].present, "the tutorial has no water resource");
    cr_assert(h->fig[SNP_FIG_ENERGY].present && h->fig[SNP_FIG_ENERGY].n == 1);
    cr_assert_str_eq(h->fig[SNP_FIG_ENERGY].v[0].unit, "MWh");
    cr_assert(fabs(h->fig[SNP_FIG_ENERGY].v[0].amount - 5400) < 1e-6);
    cr_assert(h->fig[SNP_FIG_WASTE].present && h->fig[SNP_FIG_WASTE].n == 1);
    cr_assert(fabs(h->fig[SNP_FIG_WASTE].v[0].amount - 1500) < 1e-6);
    cr_assert(fabs(h->capital_links - 2500000) < 1e-6);
    cr_assert(h->capital_hubs == 0 && h->capital_corridors == 0);
    cr_assert(fabs(h->cash - 506460) < 1e-6, "B %.10g", h->cash);
    cr_assert(fabs(h->cash_without_carbon - 384600) < 1e-6);
    cr_assert_eq(h->n_rates, 2);
    cr_assert(fabs(h->rates[0].rate - 0.05) < 1e-15 && h->rates[0].from_region);
    cr_assert(fabs(h->rates[0].npv - 3811611.05) < 0.01, "npv %.10g", h->rates[0].npv);
    cr_assert(fabs(h->rates[0].npv_without_carbon - 2292966.10) < 0.01);
    cr_assert(fabs(h->rates[1].npv - 7629200) < 1e-6 && !h->rates[1].from_region);
    cr_assert(fabs(h->payback_yr - 2500000.0 / 506460) < 1e-12);
    cr_assert(fabs(snp_money_npv(2500000, 506460, 20, h->irr)) < 1e-3);
    /* jobs: 2.5 million x 10 = 25 job-years; the greenhouse receives heat (3 jobs), the leisure
     * centre receives nothing, so its 5 do not count */
    cr_assert(fabs(h->construction_job_years - 25) < 1e-9);
    cr_assert(fabs(h->permanent_jobs - 3) < 1e-12);
    double bad[] = {1.0};
    cr_assert_eq(sn_result_set_discount_rates(r, bad, 1), SN_EUSAGE);
    cr_assert_eq(r->h.n_rates, 2, "a rejected call changes nothing");
    sn_result_free(r);
    sn_instance_free(in);
    sn_edits_free(e);
}

/* ---- the region's new keys: located errors ---------------------------------------------- */

static const char REGION[] =
    "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"t\", \"coordinates\": "
    "\"planar_km\", \"currency\": \"EUR\","
    " \"discount_rate\": 0.05, \"lifetime_yr\": 20 %s},"
    " \"resources\": [{\"id\": \"w\", \"unit\": \"t\", \"category\": %s}],"
    " \"facilities\": [{\"id\": \"a\", \"location\": [0, 0], \"jobs\": %s,"
    "   \"supplies\": [{\"resource\": \"w\", \"amount\": 10, \"disposal_cost\": 5, \"waste\": "
    "%s}]},"
    "  {\"id\": \"b\", \"location\": [1, 0],"
    "   \"demands\": [{\"resource\": \"w\", \"amount\": 10, \"price\": 5}]}]}";

static void expect_error(const char *extra, const char *cat, const char *jobs, const char *waste,
                         const char *path, const char *msg)
{
    char text[2048];
    snprintf(text, sizeof text, REGION, extra, cat, jobs, waste);
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_status st = sn_instance_load_string(text, strlen(text), "r.json", &in, &d);
    cr_assert_eq(st, SN_EINPUT, "%s", text);
    cr_assert(in == NULL);
    int found = 0;
    for (int i = 0; i < d.count; i++)
        found |= strcmp(d.errors[i].path, path) == 0 && strstr(d.errors[i].message, msg) != NULL;
    cr_assert(found, "expected %s: ...%s..., got %s: %s", path, msg,
              d.count ? d.errors[0].path : "", d.count ? d.errors[0].message : "");
}

Test(figures, new_keys_are_checked_where_they_are)
{
    char text[2048];
    snprintf(text, sizeof text, REGION, "", "\"material\"", "2", "false");
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_string(text, strlen(text), "r.json", &in, &d), SN_OK);
    cr_assert_eq(in->resources[0].category, SNP_CAT_MATERIAL);
    cr_assert_eq(in->facilities[0].supplies[0].waste, 0, "waste: false overrides the rule");
    cr_assert_eq(in->facilities[0].jobs, 2);
    cr_assert(in->construction_jobs_default);
    cr_assert_eq(in->construction_jobs_per_million, SNP_JOBS_PER_MILLION);
    sn_instance_free(in);

    expect_error("", "\"waters\"", "0", "true", "resources[0].category", "\"water\"");
    expect_error("", "3", "0", "true", "resources[0].category", "got 3");
    expect_error("", "\"water\"", "-1", "true", "facilities[0].jobs", ">= 0");
    expect_error("", "\"water\"", "0", "\"yes\"", "facilities[0].supplies[0].waste",
                 "expected true or false, got \"yes\"");
    expect_error(", \"construction_jobs_per_million\": 12", "\"water\"", "0", "true", "region",
                 "construction_jobs_source");
    expect_error(", \"construction_jobs_source\": \"x\"", "\"water\"", "0", "true", "region",
                 "construction_jobs_per_million");
    expect_error(", \"construction_jobs_per_million\": -2, \"construction_jobs_source\": \"x\"",
                 "\"water\"", "0", "true", "region.construction_jobs_per_million", ">= 0");
}

/* The default rule: a supply with a disposal cost >= 0 is waste; a selling one (< 0) or one
 * without disposal (must be taken) is not, unless it says so. */
Test(figures, default_waste_rule)
{
    static const char t[] =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"t\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\","
        " \"discount_rate\": 0.05, \"lifetime_yr\": 20},"
        " \"resources\": [{\"id\": \"w\", \"unit\": \"t\"}, {\"id\": \"x\", \"unit\": \"t\"},"
        "  {\"id\": \"y\", \"unit\": \"t\"}, {\"id\": \"z\", \"unit\": \"t\"}],"
        " \"facilities\": [{\"id\": \"a\", \"location\": [0, 0], \"supplies\": ["
        "  {\"resource\": \"w\", \"amount\": 1, \"disposal_cost\": 0},"
        "  {\"resource\": \"x\", \"amount\": 1, \"disposal_cost\": -3},"
        "  {\"resource\": \"y\", \"amount\": 1, \"disposal_cost\": -3, \"waste\": true}]},"
        "  {\"id\": \"b\", \"location\": [1, 0], \"demands\": ["
        "  {\"resource\": \"z\", \"amount\": 1}]},"
        "  {\"id\": \"c\", \"location\": [2, 0], \"supplies\": ["
        "  {\"resource\": \"z\", \"amount\": 1}]}]}";
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_string(t, strlen(t), "r.json", &in, &d), SN_OK, "%s",
                 d.count ? d.errors[0].message : "");
    cr_assert_eq(in->resources[0].category, SNP_CAT_OTHER, "no category: other");
    cr_assert_eq(in->facilities[0].supplies[0].waste, 1);
    cr_assert_eq(in->facilities[0].supplies[1].waste, 0);
    cr_assert_eq(in->facilities[0].supplies[2].waste, 1);
    cr_assert_eq(in->facilities[2].supplies[0].waste, 0);
    sn_instance_free(in);
}

/* ---- every shipped region: HTML, JSON and CSV agree; no nan anywhere -------------------- */

typedef struct buf {
    char *text;
    size_t len;
} buf;

typedef sn_status (*writer)(const sn_result *r, FILE *f, int arg);

static sn_status w_json(const sn_result *r, FILE *f, int arg)
{
    (void)arg;
    return sn_report_write_json(r, f);
}
static sn_status w_html(const sn_result *r, FILE *f, int arg)
{
    (void)arg;
    return sn_report_write_html(r, f);
}
static sn_status w_geojson(const sn_result *r, FILE *f, int arg)
{
    (void)arg;
    return sn_report_write_geojson(r, f);
}
static sn_status w_summary(const sn_result *r, FILE *f, int arg)
{
    (void)arg;
    return sn_report_write_summary(r, f);
}
static sn_status w_csv(const sn_result *r, FILE *f, int arg)
{
    return sn_report_write_csv(r, (sn_csv_table)arg, f);
}

static buf write_to(const sn_result *r, writer w, int arg)
{
    buf b = {NULL, 0};
    FILE *f = open_memstream(&b.text, &b.len);
    cr_assert(f);
    cr_assert_eq(w(r, f, arg), SN_OK);
    cr_assert_eq(fclose(f), 0);
    return b;
}

/* "nan", "inf" or "undefined" as a word (case-insensitive): "infeasible" is fine. */
static void no_bad_words(const char *file, const char *what, const char *t)
{
    static const char *const words[] = {"nan", "inf", "infinity", "undefined"};
    for (const char *p = t; *p; p++) {
        if (p > t && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        for (int k = 0; k < 4; k++) {
            size_t n = strlen(words[k]);
            if (strncasecmp(p, words[k], n) == 0 && !isalnum((unsigned char)p[n]) && p[n] != '_')
                cr_assert_fail("%s: %s says \"%.*s\" at: %.60s", file, what, (int)n, p,
                               p > t + 30 ? p - 30 : t);
        }
    }
}

/* A row of figures.csv. */
typedef struct row {
    char key[96], item[96];
    double rate; /* NAN: none */
    int has_value;
    double value;
    int seen_in_html;
} row;

/* Splits one CSV line of simple fields (figures.csv quotes only units with commas: none). */
static int csv_fields(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == ',') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static row *read_figures_csv(char *text, int *n)
{
    row *rows = calloc(4096, sizeof *rows);
    cr_assert(rows);
    *n = 0;
    char *save = NULL;
    char *line = strtok_r(text, "\n", &save);
    cr_assert_str_eq(line, "figure,item,rate,value,unit");
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f[8];
        cr_assert_eq(csv_fields(line, f, 8), 5, "figures.csv line: %s", line);
        row *r = &rows[(*n)++];
        cr_assert(*n < 4096);
        snprintf(r->key, sizeof r->key, "%s", f[0]);
        snprintf(r->item, sizeof r->item, "%s", f[1]);
        r->rate = f[2][0] ? strtod(f[2], NULL) : NAN;
        r->has_value = f[3][0] != '\0';
        r->value = r->has_value ? strtod(f[3], NULL) : NAN;
    }
    return rows;
}

/* The JSON value a figures.csv row names (docs/outputs.md): NULL when absent. */
static const cJSON *json_of(const cJSON *root, const row *r)
{
    char path[96];
    snprintf(path, sizeof path, "%s", r->key);
    const cJSON *v = root;
    char *save = NULL;
    for (char *k = strtok_r(path, ".", &save); k && v; k = strtok_r(NULL, ".", &save))
        /* the list of rates holds both the NPV and the NPV without carbon */
        v = cJSON_GetObjectItemCaseSensitive(v, strcmp(k, "npv_without_carbon") ? k : "npv");
    if (!cJSON_IsArray(v))
        return v;
    const char *field = strstr(r->key, "npv_without_carbon") ? "npv_without_carbon"
                        : strstr(r->key, "npv")              ? "npv"
                        : strstr(r->key, "by_partner")       ? "savings"
                                                             : "amount";
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        const cJSON *rate = cJSON_GetObjectItemCaseSensitive(e, "rate");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
        const cJSON *unit = cJSON_GetObjectItemCaseSensitive(e, "unit");
        if ((rate && cJSON_IsNumber(rate) && rate->valuedouble == r->rate) ||
            (id && cJSON_IsString(id) && strcmp(id->valuestring, r->item) == 0) ||
            (unit && cJSON_IsString(unit) && strcmp(unit->valuestring, r->item) == 0))
            return cJSON_GetObjectItemCaseSensitive(e, field);
    }
    return NULL;
}

/* The first number in an HTML figure's text (thin-space groups, &minus;), or 0 when none. */
static int html_number(const char *t, size_t len, double *v, int *decimals)
{
    char num[128];
    size_t o = 0;
    int started = 0, neg = 0;
    *decimals = 0;
    int after_dot = 0;
    for (size_t i = 0; i < len && o + 1 < sizeof num; i++) {
        if (!started && strncmp(t + i, "&minus;", 7) == 0) {
            neg = 1;
            i += 6;
            continue;
        }
        if (started && strncmp(t + i, "&#8201;", 7) == 0) {
            i += 6;
            continue;
        }
        if (isdigit((unsigned char)t[i]) || (started && t[i] == '.' && !after_dot)) {
            started = 1;
            if (t[i] == '.')
                after_dot = 1;
            else if (after_dot)
                (*decimals)++;
            num[o++] = t[i];
        } else if (started) {
            break;
        } else if (t[i] == '&' || t[i] == '<') {
            neg = 0; /* an entity or tag before the number */
        }
    }
    num[o] = '\0';
    if (!started)
        return 0;
    *v = (neg ? -1 : 1) * strtod(num, NULL);
    return 1;
}

static const char *attr(const char *tag, const char *end, const char *name, char *out, size_t n)
{
    char pat[40];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *p = strstr(tag, pat);
    if (!p || p > end)
        return NULL;
    p += strlen(pat);
    const char *q = strchr(p, '"');
    snprintf(out, n, "%.*s", (int)(q - p), p);
    return out;
}

static void check_region(const char *path)
{
    sn_instance *in = NULL;
    sn_result *r = run(path, NULL, &in);
    double rates[] = {0.035, 0.1};
    cr_assert_eq(sn_result_set_discount_rates(r, rates, 2), SN_OK);
    buf json = write_to(r, w_json, 0), html = write_to(r, w_html, 0);
    buf geo = write_to(r, w_geojson, 0), sum = write_to(r, w_summary, 0);
    no_bad_words(path, "the JSON solution", json.text);
    no_bad_words(path, "the HTML report", html.text);
    no_bad_words(path, "the GeoJSON", geo.text);
    no_bad_words(path, "the summary", sum.text);
    buf csv[SN_CSV_COUNT];
    for (int t = 0; t < SN_CSV_COUNT; t++) {
        csv[t] = write_to(r, w_csv, t);
        no_bad_words(path, sn_csv_table_file((sn_csv_table)t), csv[t].text);
    }
    cJSON *root = cJSON_Parse(json.text);
    cr_assert(root, "%s: the JSON does not parse", path);

    /* every row of figures.csv is the JSON's number, to the last bit (both round-trip) */
    int n = 0;
    row *rows = read_figures_csv(csv[SN_CSV_FIGURES].text, &n);
    cr_assert(n > 10);
    for (int i = 0; i < n; i++) {
        const cJSON *v = json_of(root, &rows[i]);
        cr_assert(v, "%s: %s[%s] (rate %g) is not in the JSON", path, rows[i].key, rows[i].item,
                  rows[i].rate);
        if (!rows[i].has_value)
            cr_assert(cJSON_IsNull(v), "%s: %s empty in the CSV, not null in the JSON", path,
                      rows[i].key);
        else
            cr_assert(cJSON_IsNumber(v) && v->valuedouble == rows[i].value,
                      "%s: %s[%s]: CSV %.17g, JSON %.17g", path, rows[i].key, rows[i].item,
                      rows[i].value, cJSON_IsNumber(v) ? v->valuedouble : NAN);
    }
    /* capital: the items sum to the headline, which is the solution's capital */
    const cJSON *cap = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(root, "headline"), "capital");
    double parts = 0;
    const char *items[] = {"links", "hubs", "corridors"};
    for (int k = 0; k < 3; k++)
        parts += cJSON_GetObjectItemCaseSensitive(cap, items[k])->valuedouble;
    double total = cJSON_GetObjectItemCaseSensitive(cap, "total")->valuedouble;
    cr_assert(fabs(parts - total) <= 1e-9 * fmax(1, total), "%s: capital items do not add up",
              path);
    cr_assert_eq(total, cJSON_GetObjectItemCaseSensitive(root, "capital")->valuedouble);

    /* every figure the HTML shows is a row of figures.csv, as rounded for people; every row is
     * shown */
    int shown = 0;
    for (const char *p = strstr(html.text, "<span class=\"fig\""); p;
         p = strstr(p + 1, "<span class=\"fig\"")) {
        const char *gt = strchr(p, '>');
        const char *close = strstr(gt, "</span>");
        char key[96] = "", item[96] = "", rate_s[64] = "", unit[8] = "";
        cr_assert(attr(p, gt, "data-key", key, sizeof key));
        attr(p, gt, "data-item", item, sizeof item);
        double rate = attr(p, gt, "data-rate", rate_s, sizeof rate_s) ? strtod(rate_s, NULL) : NAN;
        double scale = attr(p, gt, "data-unit", unit, sizeof unit) ? 100 : 1;
        row *match = NULL;
        for (int i = 0; i < n && !match; i++)
            if (strcmp(rows[i].key, key) == 0 && strcmp(rows[i].item, item) == 0 &&
                ((isnan(rate) && isnan(rows[i].rate)) || rate == rows[i].rate))
                match = &rows[i];
        cr_assert(match, "%s: the HTML shows %s[%s] (rate %g), which figures.csv lacks", path, key,
                  item, rate);
        match->seen_in_html = 1;
        double v;
        int dec;
        int has = html_number(gt + 1, (size_t)(close - gt - 1), &v, &dec);
        const char *text = gt + 1;
        int tlen = (int)(close - gt - 1);
        if (!match->has_value) {
            cr_assert(!has, "%s: %s has no value but the HTML shows \"%.*s\"", path, key, tlen,
                      text);
        } else {
            cr_assert(has, "%s: %s is %.17g but the HTML shows \"%.*s\"", path, key, match->value,
                      tlen, text);
            double want = scale * match->value;
            cr_assert(fabs(v - want) <= 0.5 * pow(10, -dec) + 1e-9 * fabs(want),
                      "%s: %s[%s]: the HTML shows \"%.*s\", the CSV %.17g", path, key, item, tlen,
                      text, match->value);
        }
        shown++;
    }
    cr_assert(shown > 0);
    for (int i = 0; i < n; i++)
        cr_assert(rows[i].seen_in_html, "%s: %s[%s] (rate %g) is not in the HTML", path,
                  rows[i].key, rows[i].item, rows[i].rate);

    /* a category the region does not have has no card and no figure */
    static const char *const fig_keys[SNP_FIG_COUNT] = {"water_saved", "energy_recovered",
                                                        "waste_diverted"};
    const cJSON *head = cJSON_GetObjectItemCaseSensitive(root, "headline");
    for (int k = 0; k < SNP_FIG_COUNT; k++) {
        int has = cJSON_GetObjectItemCaseSensitive(head, fig_keys[k]) != NULL;
        cr_assert_eq(has, r->h.fig[k].present, "%s: %s", path, fig_keys[k]);
        char needle[64];
        snprintf(needle, sizeof needle, "data-key=\"headline.%s\"", fig_keys[k]);
        cr_assert_eq(strstr(html.text, needle) != NULL, has, "%s: %s card", path, fig_keys[k]);
    }

    free(rows);
    cJSON_Delete(root);
    free(json.text);
    free(html.text);
    free(geo.text);
    free(sum.text);
    for (int t = 0; t < SN_CSV_COUNT; t++)
        free(csv[t].text);
    sn_result_free(r);
    sn_instance_free(in);
}

Test(figures, every_shipped_region_agrees_in_html_json_and_csv, .timeout = 300)
{
    glob_t g;
    cr_assert_eq(glob("instances/*.json", 0, NULL, &g), 0);
    cr_assert(g.gl_pathc >= 9);
    for (size_t i = 0; i < g.gl_pathc; i++)
        check_region(g.gl_pathv[i]);
    /* and the complete example of docs/format.md, which builds a corridor */
    check_region("docs/example_region.json");
    globfree(&g);
}

/* Every resource of every shipped region says what it is: a region without categories would
 * lose its headline figures silently. */
Test(figures, shipped_regions_declare_categories)
{
    glob_t g;
    cr_assert_eq(glob("instances/*.json", 0, NULL, &g), 0);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        size_t len;
        char *t = tu_read_file(g.gl_pathv[i], &len);
        cr_assert(t);
        cJSON *root = cJSON_Parse(t);
        const cJSON *res;
        cJSON_ArrayForEach(res, cJSON_GetObjectItemCaseSensitive(root, "resources"))
        {
            cr_assert(cJSON_GetObjectItemCaseSensitive(res, "category"), "%s: resource %s",
                      g.gl_pathv[i], cJSON_GetObjectItemCaseSensitive(res, "id")->valuestring);
        }
        cJSON_Delete(root);
        free(t);
    }
    globfree(&g);
}

/* The command line: --discount-rate takes a comma list and repeats; figures.csv states the NPV
 * at the region's rate first, then at each given rate in order (the tutorial at 0 %: 20 x
 * 506,460 - 2,500,000 = 7,629,200 EUR, tutorial_by_hand above). */
Test(figures, discount_rates_from_the_command_line, .timeout = 60)
{
    char dir[256], csv[300], out[300];
    tu_make_tmpdir(dir, sizeof dir, "figures");
    tu_fmt(csv, sizeof csv, "%s/tables", dir);
    tu_fmt(out, sizeof out, "%s/sol.json", dir);
    const char *args[] = {"solve",           "instances/tutorial.json",
                          "--discount-rate", "0.03,0",
                          "--discount-rate", "0.07",
                          "--csv",           csv,
                          "--out",           out,
                          "--quiet",         NULL};
    cr_assert_eq(tu_run_symnet(dir, "rates", args), 0);
    char path[400];
    tu_fmt(path, sizeof path, "%s/figures.csv", csv);
    char *text = tu_read_file(path, NULL);
    cr_assert(text);
    int n = 0;
    row *rows = read_figures_csv(text, &n);
    double want[] = {0.05, 0.03, 0, 0.07};
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(rows[i].key, "money.npv") != 0)
            continue;
        cr_assert(k < 4);
        cr_assert_eq(rows[i].rate, want[k], "rate %d: %g", k, rows[i].rate);
        if (want[k] == 0)
            cr_assert(fabs(rows[i].value - 7629200) < 1e-6, "NPV at 0: %.10g", rows[i].value);
        k++;
    }
    cr_assert_eq(k, 4);
    free(rows);
    free(text);
    tu_remove_tmpdir(dir);
}
