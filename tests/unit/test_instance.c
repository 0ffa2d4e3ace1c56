/*
 * test_instance.c - unit tests of src/instance (parse.c, validate.c, instance.c, node.c)
 * through the public loader sn_instance_load_string: every kind of bad input is reported with
 * its JSON path and what was expected (wrong type, missing key, unknown reference, duplicate
 * id, negative or non-finite amount, bad unit or mode, ranges, cross-entity rules), several
 * problems come out in one run in document order and capped at SN_DIAG_MAX, problems are
 * errors and never warnings, *out stays NULL and nothing leaks; and distances follow the
 * region's coordinate system (great circle for lonlat, Euclidean for planar_km). Also the
 * syntax messages of solution files (solution_read.c after the shared pre-scan of jsonin.c).
 */
#include "instance/instance_int.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOC_MAX 8192

/* A valid region, split into parts that a case may replace: region object body, resources
 * array body, facilities array body, extra top-level members (each starting with a comma). */
#define BASE_REGION                                                                                \
    "\"name\": \"t\", \"coordinates\": \"planar_km\", \"currency\": \"EUR\", "                     \
    "\"discount_rate\": 0.05, \"lifetime_yr\": 20"
#define BASE_RESOURCES                                                                             \
    "{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": 1000}},"                 \
    " {\"id\": \"grain\", \"unit\": \"t\", \"truck\": {\"cost_per_unit_km\": 0.2}}"
#define BASE_FACILITIES                                                                            \
    "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", \"amount\": "   \
    "100, \"disposal_cost\": 1}, {\"resource\": \"grain\", \"amount\": 50, \"disposal_cost\": "    \
    "2}]},"                                                                                        \
    " {\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\", \"amount\": "   \
    "80, \"price\": 20}, {\"resource\": \"grain\", \"amount\": 40, \"price\": 9}]}"

static void compose(char *buf, const char *region, const char *resources, const char *facilities,
                    const char *extra)
{
    int n = snprintf(buf, DOC_MAX,
                     "{\"format\": \"symnet-region/1\",\n \"region\": {%s},\n \"resources\": "
                     "[%s],\n \"facilities\": [%s]%s\n}\n",
                     region ? region : BASE_REGION, resources ? resources : BASE_RESOURCES,
                     facilities ? facilities : BASE_FACILITIES, extra ? extra : "");
    cr_assert(n > 0 && n < DOC_MAX, "test document too long");
}

static sn_status load(const char *text, sn_instance **out, sn_diag *d)
{
    sn_diag_init(d);
    return sn_instance_load_string(text, strlen(text), "r.json", out, d);
}

static void dump(const sn_diag *d, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < d->count && used + 1 < size; i++) {
        char line[1100];
        sn_error_format(&d->errors[i], line, sizeof line);
        int n = snprintf(buf + used, size - used, "\n    %s", line);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* Loads text, expects SN_EINPUT with an error at `path` whose message contains `want`. */
static void expect_error(const char *name, const char *text, const char *path, const char *want)
{
    static int not_null;
    sn_instance *in = (sn_instance *)(void *)&not_null; /* any non-NULL value: must be reset */
    sn_diag d;
    long live0 = snp_alloc_live();
    sn_status st = load(text, &in, &d);
    char all[8000];
    dump(&d, all, sizeof all);
    cr_expect_eq(st, SN_EINPUT, "%s: status %s, expected invalid input%s", name, sn_status_name(st),
                 all);
    cr_expect_null(in, "%s: *out must be NULL after a failure", name);
    if (in && st == SN_OK)
        sn_instance_free(in);
    cr_expect_eq(snp_alloc_live(), live0, "%s: a failed load leaked", name);
    cr_expect_eq(d.warning_count, 0, "%s: bad input must be an error, not a warning", name);
    int found = 0;
    for (int i = 0; i < d.count; i++) {
        cr_expect_eq(d.errors[i].code, SN_EINPUT, "%s: error %d has code %s", name, i,
                     sn_status_name(d.errors[i].code));
        cr_expect_str_eq(d.errors[i].file, "r.json", "%s: the file name is not in the message",
                         name);
        if (strcmp(d.errors[i].path, path) == 0 && strstr(d.errors[i].message, want))
            found = 1;
    }
    cr_expect(found, "%s: no error at \"%s\" saying \"%s\"; got:%s", name, path, want, all);
}

/* ---- valid input ----------------------------------------------------------------------- */

Test(load, valid_region_loads_without_errors_or_warnings)
{
    char doc[DOC_MAX];
    compose(doc, NULL, NULL, NULL, NULL);
    sn_instance *in = NULL;
    sn_diag d;
    cr_assert_eq(load(doc, &in, &d), SN_OK);
    cr_assert_eq(d.count, 0);
    cr_assert_eq(d.warning_count, 0);
    cr_assert_str_eq(sn_instance_name(in), "t");
    cr_assert_eq(sn_instance_facility_count(in), 2);
    /* defaults documented in docs/format.md */
    cr_assert_eq(in->carbon_price, 0);
    cr_assert_not(in->has_budget);
    cr_assert_not(in->has_co2_cap);
    const snp_resource *heat = &in->resources[0];
    cr_assert_str_eq(heat->name, "heat", "name defaults to the id");
    cr_assert_eq(heat->pipe.detour, 1.0);
    cr_assert_eq(heat->pipe.lifetime_yr, 20.0, "pipe lifetime defaults to the region's");
    cr_assert(isinf(heat->pipe.max_km) && heat->pipe.max_km > 0, "max_km defaults to unlimited");
    cr_assert(heat->has_pipe && !heat->has_truck);
    cr_assert_str_eq(in->facilities[1].name, "B");
    cr_assert_str_eq(in->facilities[1].sector, "");
    const snp_demand *dm = &in->facilities[1].demands[1];
    cr_assert_eq(dm->resource, 1);
    cr_assert_eq(dm->amount, 40);
    cr_assert(dm->has_price);
    cr_assert_eq(dm->price, 9);
    sn_instance_free(in);
    sn_instance_free(NULL);
}

Test(load, absent_price_and_disposal_mean_must_serve_and_must_take)
{
    char doc[DOC_MAX];
    compose(doc, NULL, NULL,
            "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", "
            "\"amount\": 100}]},"
            " {\"id\": \"B\", \"location\": [1, 0], \"demands\": [{\"resource\": \"heat\", "
            "\"amount\": 80, \"price\": -3}]}",
            NULL);
    sn_instance *in = NULL;
    sn_diag d;
    cr_assert_eq(load(doc, &in, &d), SN_OK);
    cr_assert_not(in->facilities[0].supplies[0].has_disposal);
    cr_assert(in->facilities[1].demands[0].has_price);
    cr_assert_eq(in->facilities[1].demands[0].price, -3, "a negative price is allowed");
    sn_instance_free(in);
}

Test(load, notes_are_accepted_anywhere)
{
    char doc[DOC_MAX];
    compose(doc, BASE_REGION ", \"notes\": \"a source\"",
            "{\"id\": \"heat\", \"unit\": \"MWh\", \"notes\": [\"x\", \"y\"], \"pipe\": "
            "{\"capital_per_km\": 1, \"notes\": \"assumed\"}}",
            "{\"id\": \"A\", \"location\": [0, 0], \"notes\": \"n\", \"supplies\": [{\"resource\": "
            "\"heat\", \"amount\": 1, \"disposal_cost\": 1, \"notes\": \"n\"}]}",
            ", \"notes\": [\"top\"]");
    sn_instance *in = NULL;
    sn_diag d;
    cr_assert_eq(load(doc, &in, &d), SN_OK);
    sn_instance_free(in);
}

/* ---- one problem, each kind: path and what was expected ------------------------------- */

typedef struct bad_case {
    const char *name;
    const char *region, *resources, *facilities, *extra;
    const char *path;
    const char *want;
} bad_case;

static const bad_case bad_cases[] = {
    {"string for a number", NULL, NULL,
     "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", \"amount\": "
     "\"12 t\", \"disposal_cost\": 1}]}",
     NULL, "facilities[0].supplies[0].amount", "expected a number > 0, got \"12 t\""},
    {"boolean for a number", NULL,
     "{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": true}}", NULL, NULL,
     "resources[0].pipe.capital_per_km", "expected a number >= 0, got true"},
    {"null for a string",
     "\"name\": null, \"coordinates\": \"planar_km\", \"currency\": \"EUR\", "
     "\"discount_rate\": 0.05, \"lifetime_yr\": 20",
     NULL, NULL, NULL, "region.name", "got null"},
    {"object for an array", NULL, NULL,
     "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": {\"resource\": \"heat\"}}", NULL,
     "facilities[0].supplies", "expected an array, got an object"},
    {"missing amount", NULL, NULL,
     "{\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\", \"price\": "
     "20}]}",
     NULL, "facilities[0].demands[0]", "missing required key \"amount\""},
    {"missing location", NULL, NULL, "{\"id\": \"B\"}", NULL, "facilities[0]",
     "missing required key \"location\""},
    {"missing region", NULL, NULL, NULL, NULL, "top level", "missing required key \"region\""},
    {"unknown resource", NULL, NULL,
     "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"steam\", \"amount\": "
     "5, \"disposal_cost\": 1}]}",
     NULL, "facilities[0].supplies[0].resource", "unknown resource \"steam\""},
    {"unknown link end", NULL, NULL, NULL,
     ", \"links\": [{\"from\": \"A\", \"to\": \"Z\", \"resource\": \"heat\", \"mode\": "
     "\"pipe\"}]",
     "links[0].to", "unknown facility, hub or junction \"Z\""},
    {"unknown substitute", NULL, NULL,
     "{\"id\": \"B\", \"location\": [3, 4], \"demands\": [{\"resource\": \"heat\", \"amount\": "
     "1, \"price\": 1, \"substitutes\": [{\"resource\": \"gas\", \"ratio\": 1}]}]}",
     NULL, "facilities[0].demands[0].substitutes[0].resource", "unknown resource \"gas\""},
    {"duplicate facility id", NULL, NULL,
     "{\"id\": \"A\", \"location\": [0, 0]}, {\"id\": \"A\", \"location\": [1, 1]}", NULL,
     "facilities[1].id", "duplicate id \"A\" (first defined at facilities[0].id)"},
    {"duplicate resource id", NULL,
     "{\"id\": \"heat\", \"unit\": \"MWh\"}, {\"id\": \"heat\", \"unit\": \"t\"}", NULL, NULL,
     "resources[1].id", "duplicate id \"heat\" (first defined at resources[0].id)"},
    {"hub id shared with a facility", NULL, NULL, NULL,
     ", \"hubs\": [{\"id\": \"A\", \"location\": [1, 1], \"capacities\": [{\"capacity\": 10, "
     "\"capital\": 1, \"fixed_opex\": 0}], \"inputs\": [{\"resource\": \"heat\", \"yields\": "
     "{\"grain\": 1}}], \"outputs\": [{\"resource\": \"grain\"}]}]",
     "hubs[0].id", "duplicate id \"A\""},
    {"negative amount", NULL, NULL,
     "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", \"amount\": "
     "-5, \"disposal_cost\": 1}]}",
     NULL, "facilities[0].supplies[0].amount", "expected a number > 0, got -5"},
    {"zero amount", NULL, NULL,
     "{\"id\": \"A\", \"location\": [0, 0], \"demands\": [{\"resource\": \"heat\", \"amount\": "
     "0, \"price\": 1}]}",
     NULL, "facilities[0].demands[0].amount", "expected a number > 0, got 0"},
    {"infinite amount", NULL, NULL,
     "{\"id\": \"A\", \"location\": [0, 0], \"demands\": [{\"resource\": \"heat\", \"amount\": "
     "1e999, \"price\": 1}]}",
     NULL, "facilities[0].demands[0].amount", "too large"},
    {"minus infinite price", NULL, NULL,
     "{\"id\": \"A\", \"location\": [0, 0], \"demands\": [{\"resource\": \"heat\", \"amount\": "
     "1, \"price\": -1e400}]}",
     NULL, "facilities[0].demands[0].price", "expected"},
    {"negative capital", NULL,
     "{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": -1}}", NULL, NULL,
     "resources[0].pipe.capital_per_km", "expected a number >= 0, got -1"},
    {"bad unit", NULL, "{\"id\": \"heat\", \"unit\": \"parsecs\"}", NULL, NULL, "resources[0].unit",
     "expected \"t\", \"kg\", \"m3\", \"L\", \"MWh\", \"kWh\", \"GJ\", \"Nm3\" or \"unit\", got "
     "\"parsecs\""},
    {"bad mode", NULL, NULL, NULL,
     ", \"links\": [{\"from\": \"A\", \"to\": \"B\", \"resource\": \"heat\", \"mode\": "
     "\"boat\"}]",
     "links[0].mode", "expected \"pipe\" or \"truck\", got \"boat\""},
    {"bad coordinates",
     "\"name\": \"t\", \"coordinates\": \"utm\", \"currency\": \"EUR\", "
     "\"discount_rate\": 0.05, \"lifetime_yr\": 20",
     NULL, NULL, NULL, "region.coordinates", "got \"utm\""},
    {"bad status", NULL, NULL, NULL,
     ", \"links\": [{\"from\": \"A\", \"to\": \"B\", \"resource\": \"heat\", \"mode\": \"pipe\", "
     "\"status\": \"maybe\"}]",
     "links[0].status", "got \"maybe\""},
    {"discount rate of one",
     "\"name\": \"t\", \"coordinates\": \"planar_km\", \"currency\": "
     "\"EUR\", \"discount_rate\": 1, \"lifetime_yr\": 20",
     NULL, NULL, NULL, "region.discount_rate", "expected a number in [0, 1), got 1"},
    {"zero lifetime",
     "\"name\": \"t\", \"coordinates\": \"planar_km\", \"currency\": \"EUR\", "
     "\"discount_rate\": 0.05, \"lifetime_yr\": 0",
     NULL, NULL, NULL, "region.lifetime_yr", "got 0"},
    {"currency code",
     "\"name\": \"t\", \"coordinates\": \"planar_km\", \"currency\": \"EURO\", "
     "\"discount_rate\": 0.05, \"lifetime_yr\": 20",
     NULL, NULL, NULL, "region.currency", "expected a 3-letter currency code"},
    {"unknown key", BASE_REGION ", \"colour\": 1", NULL, NULL, NULL, "region.colour",
     "unknown key \"colour\" (expected one of: name,"},
    {"key with wrong case", NULL, "{\"id\": \"heat\", \"Unit\": \"MWh\"}", NULL, NULL,
     "resources[0].Unit", "unknown key \"Unit\""},
    {"duplicate key", BASE_REGION ", \"currency\": \"USD\"", NULL, NULL, NULL, "region.currency",
     "duplicate key \"currency\""},
    {"format string", NULL, NULL, NULL, ", \"format\": \"symnet-region/2\"", "format",
     "expected \"symnet-region/1\", got \"symnet-region/2\""},
    {"bad id characters", NULL, NULL, "{\"id\": \"plant A\", \"location\": [0, 0]}", NULL,
     "facilities[0].id", "expected an id (1 to 64 characters"},
    {"empty id", NULL, NULL, "{\"id\": \"\", \"location\": [0, 0]}", NULL, "facilities[0].id",
     "expected an id"},
    {"location of one number", NULL, NULL, "{\"id\": \"A\", \"location\": [1]}", NULL,
     "facilities[0].location", "expected a location [x, y] of two numbers"},
    {"longitude out of range",
     "\"name\": \"t\", \"coordinates\": \"lonlat\", \"currency\": \"EUR\", \"discount_rate\": "
     "0.05, \"lifetime_yr\": 20",
     NULL, "{\"id\": \"A\", \"location\": [200, 0]}", NULL, "facilities[0].location[0]",
     "expected a longitude in [-180, 180], got 200"},
    {"latitude out of range",
     "\"name\": \"t\", \"coordinates\": \"lonlat\", \"currency\": \"EUR\", \"discount_rate\": "
     "0.05, \"lifetime_yr\": 20",
     NULL, "{\"id\": \"A\", \"location\": [10, -91]}", NULL, "facilities[0].location[1]",
     "expected a latitude in [-90, 90], got -91"},
    {"no resources", NULL, "", NULL, NULL, "resources", "expected a non-empty array"},
    {"no facilities", NULL, NULL, "", NULL, "facilities", "expected a non-empty array"},
    {"duplicate demand", NULL, NULL,
     "{\"id\": \"B\", \"location\": [0, 0], \"demands\": [{\"resource\": \"heat\", \"amount\": 1, "
     "\"price\": 1}, {\"resource\": \"heat\", \"amount\": 2, \"price\": 1}]}",
     NULL, "facilities[0].demands[1].resource",
     "duplicate demand of \"heat\" (first at facilities[0].demands[0])"},
    {"substitute is the own resource", NULL, NULL,
     "{\"id\": \"B\", \"location\": [0, 0], \"demands\": [{\"resource\": \"heat\", \"amount\": 1, "
     "\"price\": 1, \"substitutes\": [{\"resource\": \"heat\", \"ratio\": 1}]}]}",
     NULL, "facilities[0].demands[0].substitutes[0].resource",
     "expected a resource other than the demand's own"},
    {"non-positive ratio", NULL, NULL,
     "{\"id\": \"B\", \"location\": [0, 0], \"demands\": [{\"resource\": \"heat\", \"amount\": 1, "
     "\"price\": 1, \"substitutes\": [{\"resource\": \"grain\", \"ratio\": 0}]}]}",
     NULL, "facilities[0].demands[0].substitutes[0].ratio", "got 0"},
    {"quality min above max", NULL,
     "{\"id\": \"heat\", \"unit\": \"MWh\", \"quality\": [\"temp_C\"], \"pipe\": {}}",
     "{\"id\": \"B\", \"location\": [0, 0], \"demands\": [{\"resource\": \"heat\", \"amount\": 1, "
     "\"price\": 1, \"quality\": {\"temp_C\": {\"min\": 90, \"max\": 80}}}]}",
     NULL, "facilities[0].demands[0].quality.temp_C", "expected min <= max, got min 90 > max 80"},
    {"supply quality missing", NULL,
     "{\"id\": \"heat\", \"unit\": \"MWh\", \"quality\": [\"temp_C\"], \"pipe\": {}}",
     "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", \"amount\": "
     "1, \"disposal_cost\": 1}]}",
     NULL, "facilities[0].supplies[0]", "missing required key \"quality\""},
    {"unknown quality attribute", NULL,
     "{\"id\": \"heat\", \"unit\": \"MWh\", \"quality\": [\"temp_C\"], \"pipe\": {}}",
     "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", \"amount\": "
     "1, \"disposal_cost\": 1, \"quality\": {\"temp_C\": 70, \"ph\": 7}}]}",
     NULL, "facilities[0].supplies[0].quality.ph", "unknown quality attribute \"ph\""},
    {"loss of one", NULL, "{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"loss_per_km\": 1}}",
     NULL, NULL, "resources[0].pipe.loss_per_km", "expected a number in [0, 1), got 1"},
    {"detour below one", NULL, "{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"detour\": 0.5}}",
     NULL, NULL, "resources[0].pipe.detour", "got 0.5"},
    {"sizes with per-unit capital", NULL,
     "{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km_per_unit\": 1, "
     "\"sizes\": [{\"capacity\": 10, \"capital_per_km\": 5}]}}",
     NULL, NULL, "resources[0].pipe",
     "expected either \"sizes\" or \"capital_per_km_per_unit\" > 0, got both"},
    {"trip cost without capacity", NULL,
     "{\"id\": \"grain\", \"unit\": \"t\", \"truck\": {\"cost_per_trip\": 40}}", NULL, NULL,
     "resources[0].truck", "missing required key \"truck_capacity\""},
    {"link to itself", NULL, NULL, NULL,
     ", \"links\": [{\"from\": \"A\", \"to\": \"A\", \"resource\": \"heat\", \"mode\": "
     "\"pipe\"}]",
     "links[0].to", "expected a node other than \"from\""},
    {"link from a node that cannot send", NULL, NULL, NULL,
     ", \"links\": [{\"from\": \"B\", \"to\": \"A\", \"resource\": \"heat\", \"mode\": "
     "\"pipe\"}]",
     "links[0].from", "expected a node that can send \"heat\""},
    {"truck link to a junction", NULL, NULL, NULL,
     ", \"junctions\": [{\"id\": \"J\", \"location\": [1, 1]}], \"links\": [{\"from\": \"A\", "
     "\"to\": \"J\", \"resource\": \"grain\", \"mode\": \"truck\"}]",
     "links[0].to", "expected a facility or hub for a truck link"},
    {"corridor with both capitals", NULL, NULL, NULL,
     ", \"corridors\": [{\"id\": \"K\", \"from\": \"A\", \"to\": \"B\", \"capital\": 1, "
     "\"capital_per_km\": 2}]",
     "corridors[0]", "expected either \"capital\" or \"capital_per_km\", got both"},
    {"hub yield of a non-output", NULL, NULL, NULL,
     ", \"hubs\": [{\"id\": \"H\", \"location\": [1, 1], \"capacities\": [{\"capacity\": 10, "
     "\"capital\": 1, \"fixed_opex\": 0}], \"inputs\": [{\"resource\": \"heat\", \"yields\": "
     "{\"heat\": 1}}], \"outputs\": [{\"resource\": \"grain\"}]}]",
     "hubs[0].inputs[0].yields.heat", "expected an output resource of this hub"},
    {"hub without capacities", NULL, NULL, NULL,
     ", \"hubs\": [{\"id\": \"H\", \"location\": [1, 1], \"capacities\": [], \"inputs\": "
     "[{\"resource\": \"heat\", \"yields\": {\"grain\": 1}}], \"outputs\": [{\"resource\": "
     "\"grain\"}]}]",
     "hubs[0].capacities", "expected a non-empty array"},
};

Test(errors, each_kind_names_its_path_and_what_was_expected)
{
    char doc[DOC_MAX];
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        if (strcmp(c->name, "missing region") == 0)
            snprintf(doc, sizeof doc,
                     "{\"format\": \"symnet-region/1\", \"resources\": [" BASE_RESOURCES
                     "], \"facilities\": [" BASE_FACILITIES "]}");
        else if (strcmp(c->name, "format string") == 0)
            snprintf(doc, sizeof doc,
                     "{\"format\": \"symnet-region/2\", \"region\": {" BASE_REGION
                     "}, \"resources\": [" BASE_RESOURCES "], \"facilities\": [" BASE_FACILITIES
                     "]}");
        else
            compose(doc, c->region, c->resources, c->facilities, c->extra);
        expect_error(c->name, doc, c->path, c->want);
    }
}

Test(errors, syntax_errors_give_line_and_column)
{
    const char *doc = "{\"format\": \"symnet-region/1\",\n \"region\": {\"name\": \"x\",\n"
                      "  \"coordinates\": planar_km}}";
    sn_instance *in = NULL;
    sn_diag d;
    cr_assert_eq(load(doc, &in, &d), SN_EINPUT);
    cr_assert_null(in);
    cr_assert_eq(d.count, 1);
    cr_assert_eq(d.errors[0].line, 3);
    cr_assert_eq(d.errors[0].col, 18);
    cr_assert(strstr(d.errors[0].message, "expected a value, got 'planar_km'"), "%s",
              d.errors[0].message);
    char buf[1200];
    sn_error_format(&d.errors[0], buf, sizeof buf);
    cr_assert(strncmp(buf, "r.json:3:18: ", 13) == 0, "%s", buf);

    const char *truncated = "{\"format\": \"symnet-region/1\", \"region\": {";
    cr_assert_eq(load(truncated, &in, &d), SN_EINPUT);
    cr_assert_eq(d.count, 1);
    cr_assert_eq(d.errors[0].line, 1);
    cr_assert_gt(d.errors[0].col, 0);

    cr_assert_eq(load("", &in, &d), SN_EINPUT);
    cr_assert(strstr(d.errors[0].message, "empty"), "%s", d.errors[0].message);

    cr_assert_eq(load("[1, 2]", &in, &d), SN_EINPUT);
    cr_assert(strstr(d.errors[0].message, "got an array"), "%s", d.errors[0].message);

    const char nul[] = "{\"format\": \0 }";
    sn_diag_init(&d);
    cr_assert_eq(sn_instance_load_string(nul, sizeof nul - 1, "r.json", &in, &d), SN_EINPUT);
    cr_assert(strstr(d.errors[0].message, "NUL"), "%s", d.errors[0].message);

    cr_assert_eq(load("{\"format\": \"symnet-region/1\"} trailing", &in, &d), SN_EINPUT);
    cr_assert(strstr(d.errors[0].message, "after the end"), "%s", d.errors[0].message);
}

Test(errors, deep_nesting_is_an_error_not_a_crash)
{
    size_t depth = 100000;
    char *doc = malloc(2 * depth + 64);
    cr_assert_not_null(doc);
    size_t n = (size_t)sprintf(doc, "{\"notes\": ");
    for (size_t i = 0; i < depth; i++)
        doc[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        doc[n++] = ']';
    doc[n++] = '}';
    doc[n] = '\0';
    sn_instance *in = NULL;
    sn_diag d;
    cr_assert_eq(load(doc, &in, &d), SN_EINPUT);
    cr_assert_null(in);
    cr_assert_geq(d.count, 1);
    free(doc);
}

Test(errors, invalid_utf8_in_a_string_is_reported)
{
    char doc[DOC_MAX];
    compose(doc,
            "\"name\": \"caf\xC3\x28\", \"coordinates\": \"planar_km\", \"currency\": \"EUR\", "
            "\"discount_rate\": 0.05, \"lifetime_yr\": 20",
            NULL, NULL, NULL);
    expect_error("invalid UTF-8", doc, "region.name", "UTF-8");
}

/* ---- many problems in one run ------------------------------------------------------------ */

Test(errors, several_problems_come_out_in_document_order)
{
    /* sections in an unusual order: facilities first, then resources, then region */
    const char *doc =
        "{\"facilities\": [\n"
        "  {\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"steam\", "
        "\"amount\": -5, \"disposal_cost\": 1}]},\n"
        "  {\"id\": \"B\", \"location\": [1], \"demands\": [{\"resource\": \"heat\", \"price\": "
        "3}]},\n"
        "  {\"id\": \"A\", \"location\": [2, 2], \"demands\": [{\"resource\": \"heat\", "
        "\"amount\": 1e999, \"price\": 3}]}],\n"
        " \"format\": \"symnet-region/1\",\n"
        " \"resources\": [{\"id\": \"heat\", \"unit\": \"parsecs\", \"pipe\": "
        "{\"capital_per_km\": -1}}],\n"
        " \"region\": {\"name\": \"bad\", \"coordinates\": \"planar_km\", \"currency\": \"EURO\", "
        "\"discount_rate\": \"5%\", \"lifetime_yr\": 20, \"colour\": 1},\n"
        " \"links\": [{\"from\": \"A\", \"to\": \"Z\", \"resource\": \"heat\", \"mode\": "
        "\"boat\"}]\n"
        "}\n";
    static const char *const want[] = {"facilities[0].supplies[0].resource",
                                       "facilities[0].supplies[0].amount",
                                       "facilities[1].location",
                                       "facilities[1].demands[0]",
                                       "facilities[2].id",
                                       "facilities[2].demands[0].amount",
                                       "resources[0].unit",
                                       "resources[0].pipe.capital_per_km",
                                       "region.currency",
                                       "region.discount_rate",
                                       "region.colour",
                                       "links[0].to",
                                       "links[0].mode"};
    size_t nwant = sizeof want / sizeof want[0];
    sn_instance *in = NULL;
    sn_diag d;
    cr_assert_eq(load(doc, &in, &d), SN_EINPUT);
    char all[8000];
    dump(&d, all, sizeof all);
    cr_assert_eq((size_t)d.count, nwant, "expected %zu errors, got %d:%s", nwant, d.count, all);
    for (size_t i = 0; i < nwant; i++)
        cr_assert_str_eq(d.errors[i].path, want[i], "error %zu out of order:%s", i, all);
    cr_assert_eq(d.dropped, 0);
    cr_assert_eq(d.warning_count, 0);
}

Test(errors, capped_at_diag_max_with_the_rest_counted)
{
    char fac[DOC_MAX];
    size_t used = 0;
    int nbad = SN_DIAG_MAX + 9;
    for (int i = 0; i < nbad; i++) {
        int n = snprintf(fac + used, sizeof fac - used,
                         "%s{\"id\": \"F%d\", \"location\": [0, 0], \"supplies\": [{\"resource\": "
                         "\"heat\", \"amount\": -%d, \"disposal_cost\": 1}]}",
                         i ? ", " : "", i, i + 1);
        cr_assert(n > 0 && (size_t)n < sizeof fac - used);
        used += (size_t)n;
    }
    char doc[DOC_MAX + 512];
    snprintf(doc, sizeof doc,
             "{\"format\": \"symnet-region/1\", \"region\": {" BASE_REGION
             "}, \"resources\": [" BASE_RESOURCES "], \"facilities\": [%s]}",
             fac);
    sn_instance *in = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_instance_load_string(doc, strlen(doc), "r.json", &in, &d), SN_EINPUT);
    cr_assert_eq(d.count, SN_DIAG_MAX);
    cr_assert_eq(d.dropped, nbad - SN_DIAG_MAX);
    for (int i = 0; i < SN_DIAG_MAX; i++) {
        char path[64], msg[64];
        snprintf(path, sizeof path, "facilities[%d].supplies[0].amount", i);
        snprintf(msg, sizeof msg, "got -%d", i + 1);
        cr_assert_str_eq(d.errors[i].path, path);
        cr_assert(strstr(d.errors[i].message, msg), "%s", d.errors[i].message);
    }
}

Test(errors, cross_entity_problems_are_all_reported)
{
    char doc[DOC_MAX];
    compose(doc, NULL, NULL,
            "{\"id\": \"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"heat\", "
            "\"amount\": 1, \"disposal_cost\": 1}, {\"resource\": \"heat\", \"amount\": 2, "
            "\"disposal_cost\": 1}]},"
            " {\"id\": \"B\", \"location\": [1, 0], \"demands\": [{\"resource\": \"grain\", "
            "\"amount\": 1, \"price\": 1}, {\"resource\": \"grain\", \"amount\": 1, \"price\": "
            "1}]}",
            ", \"links\": [{\"from\": \"A\", \"to\": \"A\", \"resource\": \"heat\", \"mode\": "
            "\"pipe\"}]");
    sn_instance *in = NULL;
    sn_diag d;
    cr_assert_eq(load(doc, &in, &d), SN_EINPUT);
    char all[8000];
    dump(&d, all, sizeof all);
    cr_assert_eq(d.count, 3, "%s", all);
    cr_assert_str_eq(d.errors[0].path, "facilities[0].supplies[1].resource", "%s", all);
    cr_assert_str_eq(d.errors[1].path, "facilities[1].demands[1].resource", "%s", all);
    cr_assert_str_eq(d.errors[2].path, "links[0].to", "%s", all);
}

/* ---- files and arguments ------------------------------------------------------------------ */

Test(files, missing_file_is_an_io_error)
{
    sn_instance *in = NULL;
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_instance_load_file("/nonexistent/region.json", &in, &d), SN_EIO);
    cr_assert_null(in);
    cr_assert_eq(d.count, 1);
    cr_assert(strstr(d.errors[0].message, "/nonexistent/region.json"), "%s", d.errors[0].message);
}

Test(files, a_file_loads_like_the_same_text)
{
    char doc[DOC_MAX];
    compose(doc, NULL, NULL, NULL, NULL);
    char path[] = "/tmp/symnet-test-instance-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, doc, strlen(doc)), (ssize_t)strlen(doc));
    close(fd);
    sn_instance *in = NULL;
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_instance_load_file(path, &in, &d);
    unlink(path);
    cr_assert_eq(st, SN_OK);
    cr_assert_str_eq(in->file, path, "messages must name the file");
    cr_assert_eq(in->facilities[1].demands[0].amount, 80);
    sn_instance_free(in);
}

Test(files, null_arguments_are_usage_errors)
{
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_instance_load_string("{}", 2, "x", NULL, &d), SN_EUSAGE);
    sn_instance *in = NULL;
    cr_assert_eq(sn_instance_load_string(NULL, 5, "x", &in, &d), SN_EUSAGE);
    cr_assert_null(in);
    cr_assert_eq(sn_instance_load_file(NULL, &in, &d), SN_EUSAGE);
}

/* ---- distances ------------------------------------------------------------------------------ */

static sn_instance *load_two_points(const char *coords, double x1, double y1, double x2, double y2)
{
    char region[512], fac[1024], doc[DOC_MAX];
    snprintf(region, sizeof region,
             "\"name\": \"t\", \"coordinates\": \"%s\", \"currency\": \"EUR\", "
             "\"discount_rate\": 0.05, \"lifetime_yr\": 20",
             coords);
    snprintf(fac, sizeof fac,
             "{\"id\": \"P\", \"location\": [%.17g, %.17g]}, {\"id\": \"Q\", \"location\": "
             "[%.17g, %.17g]}",
             x1, y1, x2, y2);
    compose(doc, region, NULL, fac, NULL);
    sn_instance *in = NULL;
    sn_diag d;
    cr_assert_eq(load(doc, &in, &d), SN_OK);
    return in;
}

Test(distance, planar_is_euclidean_in_km)
{
    sn_instance *in = load_two_points("planar_km", 1, 2, 4, 6);
    int p = snp_node_find(in, "P"), q = snp_node_find(in, "Q");
    cr_assert(p >= 0 && q >= 0 && p != q);
    cr_assert_eq(snp_node_dist_km(in, p, q), 5.0);
    cr_assert_eq(snp_node_dist_km(in, q, p), 5.0);
    cr_assert_eq(snp_node_dist_km(in, p, p), 0.0);
    cr_assert_eq(snp_node_find(in, "nobody"), -1);
    sn_instance_free(in);
    /* planar coordinates are not degrees: values beyond 180 are fine */
    in = load_two_points("planar_km", 0, 0, 300, 400);
    cr_assert_eq(snp_node_dist_km(in, 0, 1), 500.0);
    sn_instance_free(in);
}

Test(distance, lonlat_is_great_circle)
{
    const double r = 6371.0088, pi = 3.14159265358979323846;
    /* one degree of longitude on the equator, and one degree of latitude anywhere */
    sn_instance *in = load_two_points("lonlat", 10, 0, 11, 0);
    cr_assert_leq(fabs(snp_node_dist_km(in, 0, 1) - r * pi / 180), 1e-9);
    sn_instance_free(in);
    /* one degree of longitude at 60 degrees north is about half as long (the chord of the
     * great circle, not the parallel): 2 r asin(cos 60 sin 0.5 deg) */
    in = load_two_points("lonlat", 10, 60, 11, 60);
    double want = 2 * r * asin(cos(60 * pi / 180) * sin(0.5 * pi / 180));
    cr_assert_leq(fabs(snp_node_dist_km(in, 0, 1) - want), 1e-9, "got %.12g want %.12g",
                  snp_node_dist_km(in, 0, 1), want);
    cr_assert_lt(snp_node_dist_km(in, 0, 1), 0.5001 * r * pi / 180);
    sn_instance_free(in);
    /* Kalundborg (11.09 E, 55.68 N) to Copenhagen (12.57 E, 55.68 N) is about 93 km, whereas
     * reading the degrees as planar kilometres would give 1.48 */
    in = load_two_points("lonlat", 11.09, 55.68, 12.57, 55.68);
    double dk = snp_node_dist_km(in, 0, 1);
    cr_assert(dk > 92 && dk < 94, "Kalundborg-Copenhagen %.3f km", dk);
    sn_instance_free(in);
}

/* Solution files go through the same pre-scan as regions (jsonin.c); the solution reader keeps
 * its own wording: "invalid JSON: WHAT" at line:column, without a path or source line. */
static void expect_solution_syntax(const char *text, size_t len, const char *msg, int line, int col)
{
    sn_diag d;
    sn_diag_init(&d);
    snp_solution_doc dummy, *doc = &dummy; /* NULL after the failure */
    cr_assert_eq(snp_solution_doc_read(text, len, "s.json", &doc, &d), SN_EINPUT);
    cr_assert_null(doc);
    cr_assert_eq(d.count, 1);
    cr_assert_str_eq(d.errors[0].message, msg);
    cr_assert_str_eq(d.errors[0].file, "s.json");
    if (line > 0) {
        cr_assert_eq(d.errors[0].line, line, "line %d", d.errors[0].line);
        cr_assert_eq(d.errors[0].col, col, "col %d", d.errors[0].col);
    }
}

Test(solution_file, syntax_problems_are_reported_at_line_and_column)
{
    expect_solution_syntax("", 0, "invalid JSON: empty file", 1, 1);
    expect_solution_syntax("{\"a\": 1,\n \"b\": \0}", 17, "invalid JSON: unexpected NUL byte", 2,
                           7);
    char deep[200];
    memset(deep, '[', 70);
    memset(deep + 70, ']', 70);
    deep[140] = '\0';
    expect_solution_syntax(
        deep, 140, "invalid JSON: nested deeper than 64 levels (arrays and objects)", 1, 65);
    expect_solution_syntax("{\"a\": [1,]}", 11, "invalid JSON: syntax error", 0, 0);
}
