/*
 * test_ways.c - unit tests of the way graph (src/instance/ways.c) and of routes over it
 * (src/model/routes.c), issue 18: ways are split where they cross, touch or leave a zone; nodes
 * join their nearest way by a service connection, or get a warning beyond max_service_km; a
 * closed ring is not a self-crossing; lonlat ways are measured in the local plane; pipes take
 * the least-capital route and trucks the shortest road avoiding banned zones; --ways FILE reads
 * GeoJSON LineStrings, with bad features located in the file; network routing puts a junction
 * at every trench end and the checker rejects a broken edge flow. Every expected
 * number is derived by hand in the comment above its check.
 */
#include "model/model_int.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOC_MAX 8192

/* Two facilities A (supplies heat, by pipe; grain, by truck) and B (takes both), planar_km. */
static void compose(char *buf, const char *locs_a, const char *locs_b, const char *ways,
                    const char *extra)
{
    int n = snprintf(
        buf, DOC_MAX,
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"t\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0, \"lifetime_yr\": 10},\n"
        "\"resources\": [{\"id\": \"heat\", \"unit\": \"MWh\", \"pipe\": {\"capital_per_km\": "
        "1000}}, {\"id\": \"grain\", \"unit\": \"t\", \"truck\": {\"cost_per_unit_km\": 0.1}}],\n"
        "\"facilities\": [{\"id\": \"A\", \"location\": %s, \"supplies\": [{\"resource\": "
        "\"heat\", \"amount\": 100, \"disposal_cost\": 1}, {\"resource\": \"grain\", \"amount\": "
        "10, \"disposal_cost\": 1}]}, {\"id\": \"B\", \"location\": %s, \"demands\": "
        "[{\"resource\": \"heat\", \"amount\": 100, \"price\": 50}, {\"resource\": \"grain\", "
        "\"amount\": 10, \"price\": 9}]}],\n\"ways\": %s%s}\n",
        locs_a, locs_b, ways, extra ? extra : "");
    cr_assert(n > 0 && n < DOC_MAX, "test document too long");
}

static sn_instance *load_ok(const char *doc, sn_diag *d)
{
    sn_instance *in = NULL;
    sn_diag_init(d);
    sn_status st = sn_instance_load_string(doc, strlen(doc), "w.json", &in, d);
    char msg[1100] = "";
    if (d->count > 0)
        sn_error_format(&d->errors[0], msg, sizeof msg);
    cr_assert_eq(st, SN_OK, "load failed: %s", msg);
    return in;
}

static const snp_trench *trench(const sn_instance *in, const char *id)
{
    for (int t = 0; t < in->n_trenches; t++)
        if (strcmp(in->trenches[t].id, id) == 0)
            return &in->trenches[t];
    cr_assert_fail("no trench \"%s\"", id);
    return NULL;
}

/* A plus sign: h from (0,0) to (4,0), v from (2,-2) to (2,2); A and B at its west and east ends.
 * The crossing at (2,0) cuts each into two: h#1, h#2 (2 km each), v#1, v#2 (2 km each); A and
 * B sit on the ways, so no service connection: 4 trenches in all. */
Test(graph, crossing_ways_are_split_where_they_cross)
{
    char doc[DOC_MAX];
    compose(doc, "[0, 0]", "[4, 0]",
            "{\"classes\": {\"street\": {\"trench_capital_per_km\": 100}}, \"lines\": ["
            "{\"id\": \"h\", \"class\": \"street\", \"points\": [[0, 0], [4, 0]]},"
            "{\"id\": \"v\", \"class\": \"street\", \"points\": [[2, -2], [2, 2]]}]}",
            NULL);
    sn_diag d;
    sn_instance *in = load_ok(doc, &d);
    cr_expect_eq(in->n_trenches, 4);
    const char *ids[] = {"h#1", "h#2", "v#1", "v#2"};
    for (int k = 0; k < 4; k++) {
        const snp_trench *t = trench(in, ids[k]);
        cr_expect(fabs(t->length_km - 2) < 1e-12, "%s: %g km, expected 2", ids[k], t->length_km);
        cr_expect(fabs(t->capital - 200) < 1e-9, "%s: capital %g, expected 2 x 100", ids[k],
                  t->capital);
        cr_expect_eq(t->road, 1);
    }
    cr_expect_eq(d.warning_count, 0);
    sn_instance_free(in);
}

/* A T: h from (0,0) to (4,0) and s from (2,0) up to (2,3), ending on h. h is cut at (2,0):
 * h#1, h#2 (2 km each) and s#1 (3 km). A at (0,-0.5) joins h at (0,0) by a 0.5 km service
 * connection costing h's 100 per km: 50. B at (4,0) sits on h's end. */
Test(graph, a_way_ending_on_another_cuts_it_and_nodes_get_service_connections)
{
    char doc[DOC_MAX];
    compose(doc, "[0, -0.5]", "[4, 0]",
            "{\"classes\": {\"street\": {\"trench_capital_per_km\": 100}}, \"lines\": ["
            "{\"id\": \"h\", \"class\": \"street\", \"points\": [[0, 0], [4, 0]]},"
            "{\"id\": \"s\", \"class\": \"street\", \"points\": [[2, 0], [2, 3]]}]}",
            NULL);
    sn_diag d;
    sn_instance *in = load_ok(doc, &d);
    cr_expect_eq(in->n_trenches, 4);
    cr_expect(fabs(trench(in, "h#1")->length_km - 2) < 1e-12);
    cr_expect(fabs(trench(in, "h#2")->length_km - 2) < 1e-12);
    cr_expect(fabs(trench(in, "s#1")->length_km - 3) < 1e-12);
    const snp_trench *sa = trench(in, "service:A");
    cr_expect(fabs(sa->length_km - 0.5) < 1e-12);
    cr_expect(fabs(sa->capital - 50) < 1e-9);
    cr_expect_eq(sa->way, -1);
    cr_expect_eq(sa->node, 0);
    cr_expect_eq(sa->reaches, 0, "the service connection joins way h");
    sn_instance_free(in);
}

/* B at (4,3) is 3 km from the only way (0,0)-(4,0): more than max_service_km 2, so a warning
 * naming its location, and B gets no vertex. */
Test(graph, a_node_far_from_every_way_is_warned_about)
{
    char doc[DOC_MAX];
    compose(doc, "[0, 0]", "[4, 3]",
            "{\"max_service_km\": 2, \"lines\": [{\"id\": \"h\", \"class\": \"street\", "
            "\"trench_capital_per_km\": 100, \"points\": [[0, 0], [4, 0]]}]}",
            NULL);
    sn_diag d;
    sn_instance *in = load_ok(doc, &d);
    cr_assert_eq(d.warning_count, 1);
    cr_expect_str_eq(d.warnings[0].path, "facilities[1].location");
    cr_expect(strstr(d.warnings[0].message, "\"B\" is 3 km from the nearest way, more than "
                                            "ways.max_service_km (2): no pipe reaches it"),
              "message: %s", d.warnings[0].message);
    cr_expect_eq(in->node_vertex[1], -1);
    cr_expect_geq(in->node_vertex[0], 0);
    sn_instance_free(in);
}

/* A closed ring (a square of side 1, first point repeated) meets itself only where it closes:
 * not a self-crossing. With A on its corner (0,0) and B on (1,1) it stays one trench cut at the
 * two nodes' vertices: 2 trenches of 2 km each. */
Test(graph, a_closed_ring_is_not_a_self_crossing)
{
    char doc[DOC_MAX];
    compose(doc, "[0, 0]", "[1, 1]",
            "{\"lines\": [{\"id\": \"ring\", \"class\": \"street\", \"trench_capital_per_km\": "
            "1, \"points\": [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]}]}",
            NULL);
    sn_diag d;
    sn_instance *in = load_ok(doc, &d);
    cr_expect_eq(in->n_trenches, 2);
    for (int t = 0; t < in->n_trenches; t++)
        cr_expect(fabs(in->trenches[t].length_km - 2) < 1e-12, "%s: %g km", in->trenches[t].id,
                  in->trenches[t].length_km);
    sn_instance_free(in);
}

/* Zone borders cut the ways: h (0,0)-(4,0) through the square zone x in [1,3] gives three
 * pieces, the middle one (2 km) in the zone. */
Test(graph, zone_borders_cut_the_ways)
{
    char doc[DOC_MAX];
    compose(doc, "[0, 0]", "[4, 0]",
            "{\"lines\": [{\"id\": \"h\", \"class\": \"street\", \"trench_capital_per_km\": 1, "
            "\"points\": [[0, 0], [4, 0]]}]}",
            ", \"zones\": [{\"id\": \"z\", \"polygon\": [[1, -1], [3, -1], [3, 1], [1, 1], "
            "[1, -1]], \"trucks\": \"banned\"}]");
    sn_diag d;
    sn_instance *in = load_ok(doc, &d);
    cr_assert_eq(in->n_trenches, 3);
    const snp_trench *mid = trench(in, "h#2");
    cr_expect(fabs(mid->length_km - 2) < 1e-12);
    cr_expect_eq(mid->zone, 0);
    cr_expect_eq(trench(in, "h#1")->zone, -1);
    cr_expect_eq(trench(in, "h#3")->zone, -1);
    sn_instance_free(in);
}

/* lonlat: a way of 0.01 degrees of latitude along a meridian is 0.01 x 6371.0088 x pi / 180
 * = 1.111950802 km long, whatever the latitude. */
Test(graph, lonlat_ways_are_measured_in_km)
{
    char doc[DOC_MAX];
    compose(doc, "[10, 55]", "[10, 55.01]",
            "{\"lines\": [{\"id\": \"m\", \"class\": \"street\", \"trench_capital_per_km\": 1, "
            "\"points\": [[10, 55], [10, 55.01]]}]}",
            NULL);
    char *p = strstr(doc, "\"planar_km\"");
    cr_assert(p);
    memcpy(p, "\"lonlat\"   ", 11); /* same length, blanks after the string */
    sn_diag d;
    sn_instance *in = load_ok(doc, &d);
    cr_assert_eq(in->n_trenches, 1);
    double want = 0.01 * 6371.0088 * 3.14159265358979323846 / 180;
    cr_expect(fabs(in->trenches[0].length_km - want) < 1e-9, "%.10g km, expected %.10g",
              in->trenches[0].length_km, want);
    sn_instance_free(in);
}

/* Routes. A at (0,0), B at (4,0). Way "direct" (0,0)-(4,0) is an arterial costing 5000 per km
 * to dig; way "round" (0,0)-(0,1)-(4,1)-(4,0) is a street costing 100 per km. A heat pipe
 * (1000 per km) weighs direct 4 x (5000 + 1000) = 24000 and round 6 x (100 + 1000) = 6600: it
 * takes round, 6 km. A truck takes the shortest road, direct, 4 km. With direct in a zone that
 * bans trucks, the truck takes round, 6 km. */
static void route_case(const char *zones, double pipe_km, double truck_km)
{
    char doc[DOC_MAX];
    compose(doc, "[0, 0]", "[4, 0]",
            "{\"lines\": [{\"id\": \"direct\", \"class\": \"arterial\", "
            "\"trench_capital_per_km\": 5000, \"points\": [[0, 0], [4, 0]]}, {\"id\": \"round\", "
            "\"class\": \"street\", \"trench_capital_per_km\": 100, \"points\": [[0, 0], [0, 1], "
            "[4, 1], [4, 0]]}]}",
            zones);
    sn_diag d;
    sn_instance *in = load_ok(doc, &d);
    snp_router *rt = snp_router_new(in);
    cr_assert_not_null(rt);
    snp_route ro;
    cr_assert_eq(snp_router_route(rt, SNP_MODE_PIPE, 0, 0, 1, NULL, &ro), 1);
    cr_expect(fabs(ro.length_km - pipe_km) < 1e-12, "pipe: %g km, expected %g", ro.length_km,
              pipe_km);
    cr_assert_eq(snp_router_route(rt, SNP_MODE_TRUCK, 1, 0, 1, NULL, &ro), 1);
    cr_expect(fabs(ro.length_km - truck_km) < 1e-12, "truck: %g km, expected %g", ro.length_km,
              truck_km);
    snp_router_free(rt);
    sn_instance_free(in);
}

Test(routes, pipes_take_the_least_capital_route_trucks_the_shortest_road)
{
    route_case(NULL, 6, 4);
}

Test(routes, a_zone_banning_trucks_sends_them_round)
{
    route_case(", \"zones\": [{\"id\": \"z\", \"polygon\": [[1, -0.5], [3, -0.5], [3, 0.5], "
               "[1, 0.5], [1, -0.5]], \"trucks\": \"banned\"}]",
               6, 6);
}

/* ---- --ways FILE.geojson --------------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

static sn_status load_with_ways(const char *region, const char *geojson, sn_instance **in,
                                sn_diag *d)
{
    char rp[] = "/tmp/symnet_ways_XXXXXX", gp[] = "/tmp/symnet_ways_gj_XXXXXX";
    int fr = mkstemp(rp), fg = mkstemp(gp);
    cr_assert(fr >= 0 && fg >= 0);
    close(fr);
    close(fg);
    write_file(rp, region);
    write_file(gp, geojson);
    sn_edits *e = NULL;
    cr_assert_eq(sn_edits_create(&e), SN_OK);
    cr_assert_eq(sn_edits_add(e, SN_EDIT_WAYS, gp), SN_OK);
    sn_diag_init(d);
    sn_status st = sn_instance_load_file_edited(rp, e, in, NULL, d);
    sn_edits_free(e);
    remove(rp);
    remove(gp);
    return st;
}

/* The plus sign of graph/crossing_ways_are_split_where_they_cross, given as GeoJSON (with an
 * altitude on one position and a property symnet does not read): the same 4 trenches. */
Test(geojson, linestrings_become_the_ways)
{
    char doc[DOC_MAX];
    compose(doc, "[0, 0]", "[4, 0]",
            "{\"classes\": {\"street\": {\"trench_capital_per_km\": 100}}, \"lines\": [{\"id\": "
            "\"old\", \"class\": \"street\", \"points\": [[9, 9], [9, 8]]}]}",
            NULL);
    sn_instance *in = NULL;
    sn_diag d;
    sn_status st = load_with_ways(
        doc,
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": "
        "{\"id\": \"h\", \"class\": \"street\", \"highway\": \"primary\"}, \"geometry\": "
        "{\"type\": \"LineString\", \"coordinates\": [[0, 0, 12], [4, 0]]}}, {\"type\": "
        "\"Feature\", \"properties\": {\"id\": \"v\", \"class\": \"street\"}, \"geometry\": "
        "{\"type\": \"LineString\", \"coordinates\": [[2, -2], [2, 2]]}}]}",
        &in, &d);
    cr_assert_eq(st, SN_OK);
    cr_expect_eq(in->n_ways, 2, "the file's ways replace the region's lines");
    cr_expect_eq(in->n_trenches, 4);
    cr_expect(fabs(trench(in, "v#2")->capital - 200) < 1e-9, "the region's class cost applies");
    sn_instance_free(in);
}

Test(geojson, bad_features_are_located_in_the_file)
{
    char doc[DOC_MAX];
    compose(doc, "[0, 0]", "[4, 0]",
            "{\"lines\": [{\"id\": \"h\", \"class\": \"street\", \"trench_capital_per_km\": 1, "
            "\"points\": [[0, 0], [4, 0]]}]}",
            NULL);
    sn_instance *in = NULL;
    sn_diag d;
    sn_status st = load_with_ways(
        doc,
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": "
        "{\"class\": \"street\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[0, "
        "0]]}}, {\"type\": \"Feature\", \"properties\": {\"class\": \"street\"}, \"geometry\": "
        "{\"type\": \"Point\", \"coordinates\": [0, 0]}}, {\"type\": \"Feature\", \"properties\": "
        "{\"class\": \"road\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[0, "
        "0], [1, 0]]}}]}",
        &in, &d);
    cr_assert_eq(st, SN_EINPUT);
    cr_assert_null(in);
    cr_assert_geq(d.count, 3);
    cr_expect_str_eq(d.errors[0].path, "features[0].geometry.coordinates");
    cr_expect_str_eq(d.errors[0].message, "expected a LineString of at least 2 positions, got 1");
    cr_expect_str_eq(d.errors[1].path, "features[1].geometry.type");
    cr_expect_str_eq(d.errors[2].path, "features[2].properties.class");
    cr_expect(strstr(d.errors[0].file, "symnet_ways_gj_"), "the GeoJSON file is named: %s",
              d.errors[0].file);
}

/* ---- the checker on routes (src/verify/ways.c) ------------------------------------------- */

/* Solves tests/cases/ok/19_ways_trench_shared.json with the CLI, then changes one thing in the
 * file at a time; the checker must reject each (trench shared: paid once, model.md 8.4). */
static char *solve_case(const char *file, sn_instance **in, char *dir, size_t size)
{
    tu_make_tmpdir(dir, size, "ways");
    char out[600];
    snprintf(out, sizeof out, "%s/s.json", dir);
    const char *args[] = {"solve", file, "--out", out, "--quiet", NULL};
    cr_assert_eq(tu_run_symnet(dir, "solve", args), 0);
    sn_diag d;
    sn_diag_init(&d);
    cr_assert_eq(sn_instance_load_file(file, in, &d), SN_OK);
    char *text = tu_read_file(out, NULL);
    cr_assert_not_null(text);
    return text;
}

static void expect_rejected(const sn_instance *in, const char *text, const char *from,
                            const char *to, const char *why)
{
    const char *at = strstr(text, from);
    cr_assert_not_null(at, "%s: \"%s\" is not in the solution", why, from);
    size_t n = strlen(text), a = (size_t)(at - text);
    char *bad = malloc(n + strlen(to) + 1);
    cr_assert_not_null(bad);
    memcpy(bad, text, a);
    strcpy(bad + a, to);
    strcat(bad, at + strlen(from));
    sn_diag d;
    sn_diag_init(&d);
    sn_status st = sn_solution_verify_string(in, bad, strlen(bad), "bad.json", &d);
    cr_expect_eq(st, SN_EINTERNAL, "%s: the checker accepted it", why);
    free(bad);
}

Test(checker, accepts_the_solution_and_rejects_each_change)
{
    sn_instance *in = NULL;
    char dir[512];
    char *text = solve_case("tests/cases/ok/19_ways_trench_shared.json", &in, dir, sizeof dir);
    sn_diag d;
    sn_diag_init(&d);
    cr_expect_eq(sn_solution_verify_string(in, text, strlen(text), "s.json", &d), SN_OK);
    expect_rejected(in, text, "\"dug\": true", "\"dug\": false", "a piped trench not dug");
    expect_rejected(in, text, "\"capital\": 30000", "\"capital\": 3000",
                    "a trench's capital that is not length x cost");
    expect_rejected(in, text, "\"route\": [\"service:A\", \"main#1\", \"service:B\"]",
                    "\"route\": [\"service:A\", \"service:B\"]", "a route with a gap");
    expect_rejected(in, text, "[[0, 1], [6, 1]]", "[[0, 1.5], [6, 1.5]]", "a trench off its way");
    free(text);
    sn_instance_free(in);
    tu_remove_tmpdir(dir);
}

/* Case 31 (network routing, model.md 2.4): the trunk pipe vertex#0 -> vertex#3 carries 200 MWh
 * along trunk#1 and the branches 100 each. Each change must be rejected: less flow on the trunk
 * (the junction at (3, 0) then sends on more than arrives, 6), the trunk pipe moved onto the
 * direct way (direct_a#1 runs from (0, 0) to (4, 1), not to vertex#3 at (3, 0)), and the
 * trunk's trench not dug under its pipe (8.4). */
/* The trunk's link (route ["trunk#1"]) of that solution given 150 instead of its 200 (flow,
 * delivered and its one origin's share), the rest as solved: less flow on the trunk than leaves
 * its far end, which the checker must reject. Edited through cJSON, not as text: the LP may
 * print 200 as 200.00000000000003. */
static void expect_trunk_flow_rejected(const sn_instance *in, const char *text)
{
    cJSON *root = cJSON_Parse(text), *trunk = NULL, *link = NULL;
    cr_assert_not_null(root);
    cJSON_ArrayForEach(link, cJSON_GetObjectItem(root, "links"))
    {
        const cJSON *route = cJSON_GetObjectItem(link, "route");
        if (cJSON_GetArraySize(route) == 1 &&
            strcmp(cJSON_GetStringValue(cJSON_GetArrayItem(route, 0)), "trunk#1") == 0)
            trunk = link;
    }
    cr_assert_not_null(trunk, "no link runs over trench trunk#1: %s", text);
    cr_assert_float_eq(cJSON_GetNumberValue(cJSON_GetObjectItem(trunk, "flow")), 200, 1e-6);
    cJSON *origins = cJSON_GetObjectItem(trunk, "by_origin");
    cr_assert_eq(cJSON_GetArraySize(origins), 1);
    cJSON_SetNumberValue(cJSON_GetObjectItem(trunk, "flow"), 150);
    cJSON_SetNumberValue(cJSON_GetObjectItem(trunk, "delivered"), 150);
    cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetArrayItem(origins, 0), "flow"), 150);
    char *bad = cJSON_Print(root);
    cr_assert_not_null(bad);
    sn_diag d;
    sn_diag_init(&d);
    cr_expect_eq(sn_solution_verify_string(in, bad, strlen(bad), "bad.json", &d), SN_EINTERNAL,
                 "less flow on the trunk than leaves its far end: the checker accepted it");
    free(bad);
    cJSON_Delete(root);
}

Test(checker, network_routing_rejects_a_broken_edge_flow)
{
    sn_instance *in = NULL;
    char dir[512];
    char *text = solve_case("tests/cases/ok/34_ways_network_trunk.json", &in, dir, sizeof dir);
    sn_diag d;
    sn_diag_init(&d);
    cr_expect_eq(sn_solution_verify_string(in, text, strlen(text), "s.json", &d), SN_OK);
    cr_expect(strstr(text, "\"from\": \"vertex#0\", \"to\": \"vertex#3\""),
              "the trunk carries the pipe: %s", text);
    expect_trunk_flow_rejected(in, text);
    expect_rejected(in, text, "\"route\": [\"trunk#1\"]", "\"route\": [\"direct_a#1\"]",
                    "the trunk pipe on a trench that does not reach its head");
    const char *dug = strstr(text, "{\"id\": \"trunk#1\"");
    cr_assert_not_null(dug, "trench trunk#1 is listed: %s", text);
    const char *flag = strstr(dug, "\"dug\": true");
    cr_assert_not_null(flag);
    size_t n = strlen(text);
    char *bad = malloc(n + 2);
    cr_assert_not_null(bad);
    size_t at = (size_t)(flag - text);
    memcpy(bad, text, at);
    strcpy(bad + at, "\"dug\": false");
    strcat(bad, flag + strlen("\"dug\": true"));
    sn_diag_init(&d);
    cr_expect_eq(sn_solution_verify_string(in, bad, strlen(bad), "bad.json", &d), SN_EINTERNAL,
                 "the trunk not dug: the checker accepted it");
    free(bad);
    free(text);
    sn_instance_free(in);
    tu_remove_tmpdir(dir);
}

/* Network routing turns every end of a trench into a junction "vertex#K" and joins each node to
 * the one at its point. Case 32: main (0,0)-(4,0) is cut at A (2,0) into main#1 and main#2;
 * the vertices are S's, A's and B's points: 3 junctions (the region has none of its own). For
 * heat the model has a pipe along each trench each way (junctions send and take): 4; and
 * connections of length 0 where a node sends or takes heat: S -> its junction (S takes no
 * heat, so none back), A's and B's junctions -> A and -> B: 3. */
Test(graph, network_routing_makes_a_junction_at_every_trench_end)
{
    sn_diag d;
    sn_instance *in = NULL;
    sn_diag_init(&d);
    cr_assert_eq(
        sn_instance_load_file("tests/cases/ok/35_ways_network_passes_a_facility.json", &in, &d),
        SN_OK);
    cr_expect_eq(in->n_trenches, 2);
    cr_expect_eq(in->n_junctions, 3);
    cr_expect_eq(in->n_vertex_junctions, 3);
    for (int j = 0; j < in->n_junctions; j++)
        cr_expect(strncmp(in->junctions[j].id, "vertex#", 7) == 0, "%s", in->junctions[j].id);
    sn_model *m = NULL;
    cr_assert_eq(sn_model_build(in, SN_MODEL_NETWORK, &m, &d), SN_OK);
    int pipes = 0, connections = 0;
    for (int k = 0; k < sn_model_links(m); k++) {
        const snp_link *l = snp_model_link(m, k);
        if (l->n_route == 1)
            pipes++;
        else
            connections++;
    }
    cr_expect_eq(pipes, 4);
    cr_expect_eq(connections, 3);
    sn_model_free(m);
    sn_instance_free(in);
}

/* Case 22: the truck takes road short, 2 of its 4 km in zone school, 100 t in trucks of 10 t:
 * 10 trips, 10 x 2 = 20 truck-km a year in the zone, no trench dug (no pipes). No supply names a
 * disposal site: before is all zeros, after repeats the network's own trucks. */
Test(exposure, a_zone_counts_the_trips_and_truck_km_inside_it)
{
    char dir[512], out[600];
    tu_make_tmpdir(dir, sizeof dir, "ways_zone");
    snprintf(out, sizeof out, "%s/s.json", dir);
    const char *args[] = {
        "solve", "tests/cases/ok/23_ways_zone_surcharge.json", "--out", out, "--quiet", NULL};
    cr_assert_eq(tu_run_symnet(dir, "solve", args), 0);
    char *text = tu_read_file(out, NULL);
    cr_assert_not_null(text);
    cr_expect(strstr(text, "\"zones\": [\n    {\"id\": \"school\", \"trucks\": \"allowed\", "
                           "\"truck_links\": 1, \"trips_per_yr\": 10, \"truck_km_per_yr\": 20, "
                           "\"co2_t_per_yr\": 0, \"trench_km\": 0, \"before\": "
                           "{\"haul_trips_per_yr\": 0, \"truck_km_per_yr\": 0, \"co2_t_per_yr\": "
                           "0}, \"after\": {\"haul_trips_per_yr\": 0, \"trips_per_yr\": 10, "
                           "\"truck_km_per_yr\": 20, \"co2_t_per_yr\": 0, \"trench_km\": 0}}"),
              "zones: %s", strstr(text, "\"zones\"") ? strstr(text, "\"zones\"") : "(none)");
    free(text);
    tu_remove_tmpdir(dir);
}

/* The zones' before and after of case FILE (36 or 37) as written in the solution. */
static char *solve_zones(const char *file, const char *tag)
{
    char dir[512], out[600];
    tu_make_tmpdir(dir, sizeof dir, tag);
    snprintf(out, sizeof out, "%s/s.json", dir);
    const char *args[] = {"solve", file, "--out", out, "--quiet", NULL};
    cr_assert_eq(tu_run_symnet(dir, "solve", args), 0);
    char *text = tu_read_file(out, NULL);
    cr_assert_not_null(text);
    tu_remove_tmpdir(dir);
    return text;
}

/* Case 36: A's 100 t of sludge go to landfill L 8 km east, 2 km of the road in zone school;
 * trucks of 10 t: 10 trips, 10 x 2 = 20 truck-km and 100 x 0.001 x 2 = 0.2 t CO2 a year in the
 * zone before. A pipe west to B takes all 100 t: after, nothing is hauled, the zone's truck-km
 * drop by exactly 20; the pipe runs west of the zone (no trench in it). */
Test(exposure, a_pipe_removes_the_haul_to_disposal_from_a_zone)
{
    char *text = solve_zones("tests/cases/ok/36_ways_haul_to_disposal_removed.json", "haul36");
    cr_expect(strstr(text, "\"before\": {\"haul_trips_per_yr\": 10, \"truck_km_per_yr\": 20, "
                           "\"co2_t_per_yr\": 0.2}, \"after\": {\"haul_trips_per_yr\": 0, "
                           "\"trips_per_yr\": 0, \"truck_km_per_yr\": 0, \"co2_t_per_yr\": 0, "
                           "\"trench_km\": 0}}"),
              "zones: %s", strstr(text, "\"zones\"") ? strstr(text, "\"zones\"") : "(none)");
    free(text);
}

/* Case 37: B takes 65 t, the other 35 t are still disposed of: ceil(35 / 10) = 4 trips, 4 x 2 =
 * 8 truck-km and 35 x 0.001 x 2 = 0.07 t CO2 a year in school after; before as in case 36. */
Test(exposure, the_remainder_disposed_of_is_still_hauled)
{
    char *text = solve_zones("tests/cases/ok/37_ways_haul_to_disposal_remainder.json", "haul37");
    cr_expect(strstr(text, "\"before\": {\"haul_trips_per_yr\": 10, \"truck_km_per_yr\": 20, "
                           "\"co2_t_per_yr\": 0.2}, \"after\": {\"haul_trips_per_yr\": 4, "
                           "\"trips_per_yr\": 4, \"truck_km_per_yr\": 8, \"co2_t_per_yr\": 0.07, "
                           "\"trench_km\": 0}}"),
              "zones: %s", strstr(text, "\"zones\"") ? strstr(text, "\"zones\"") : "(none)");
    free(text);
}

/* Writes TEXT to DIR/NAME into PATH (of SIZE). */
static void write_in(const char *dir, const char *name, const char *text, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

/* Case 36 split in two: the region says where A's sludge is hauled (its disposal_site) but has
 * no ways; a scenario adds the ways and the zone. The region alone solves and reports no zones
 * (no haul is routed without ways); with the scenario the zone's before and after are case
 * 36's, so a base region can name its disposal sites and get its ways later. */
Test(exposure, a_disposal_site_waits_for_ways_from_a_scenario)
{
    char *doc = tu_read_file("tests/cases/ok/36_ways_haul_to_disposal_removed.json", NULL);
    cr_assert_not_null(doc);
    cJSON *base = cJSON_Parse(doc);
    cr_assert_not_null(base);
    cJSON *patch = cJSON_CreateObject();
    cJSON_AddItemToObject(patch, "ways", cJSON_DetachItemFromObject(base, "ways"));
    cJSON_AddItemToObject(patch, "zones", cJSON_DetachItemFromObject(base, "zones"));
    char *base_text = cJSON_Print(base), *patch_text = cJSON_Print(patch);
    cr_assert(base_text && patch_text);

    char dir[512], region[600], scenario[600], out1[600], out2[600];
    tu_make_tmpdir(dir, sizeof dir, "haul_later");
    write_in(dir, "base.json", base_text, region, sizeof region);
    write_in(dir, "ways.scenario.json", patch_text, scenario, sizeof scenario);
    snprintf(out1, sizeof out1, "%s/alone.json", dir);
    snprintf(out2, sizeof out2, "%s/with.json", dir);
    const char *alone[] = {"solve", region, "--out", out1, "--quiet", NULL};
    cr_assert_eq(tu_run_symnet(dir, "solve", alone), 0);
    const char *with[] = {"solve", region, "--scenario", scenario, "--out", out2, "--quiet", NULL};
    cr_assert_eq(tu_run_symnet(dir, "solve", with), 0);

    char *t1 = tu_read_file(out1, NULL), *t2 = tu_read_file(out2, NULL);
    cr_assert(t1 && t2);
    cr_expect_null(strstr(t1, "\"zones\""), "the region alone has no zones to report");
    cr_expect(strstr(t2, "\"before\": {\"haul_trips_per_yr\": 10, \"truck_km_per_yr\": 20, "
                         "\"co2_t_per_yr\": 0.2}, \"after\": {\"haul_trips_per_yr\": 0, "),
              "zones: %s", strstr(t2, "\"zones\"") ? strstr(t2, "\"zones\"") : "(none)");
    free(t1);
    free(t2);
    cJSON_free(base_text);
    cJSON_free(patch_text);
    cJSON_Delete(base);
    cJSON_Delete(patch);
    free(doc);
    tu_remove_tmpdir(dir);
}

/* Case 36 --without L (the landfill): the supply's disposal_site goes with it, the region still
 * solves (the same network: L only receives), and the zone's before has no haul. */
Test(exposure, without_the_disposal_site_the_haul_is_not_counted)
{
    char dir[512], out[600];
    tu_make_tmpdir(dir, sizeof dir, "haul_without");
    snprintf(out, sizeof out, "%s/s.json", dir);
    const char *args[] = {"solve",     "tests/cases/ok/36_ways_haul_to_disposal_removed.json",
                          "--without", "L",
                          "--out",     out,
                          NULL};
    cr_assert_eq(tu_run_symnet(dir, "without", args), 0);
    char *err = tu_captured(dir, "without", "err"), *text = tu_read_file(out, NULL);
    cr_assert(err && text);
    cr_expect(strstr(err, "--without L: removed facility L, the disposal_site of 1 supply (its "
                          "hauls are not counted)"),
              "%s", err);
    cr_expect(strstr(text, "\"before\": {\"haul_trips_per_yr\": 0, \"truck_km_per_yr\": 0, "),
              "zones: %s", strstr(text, "\"zones\"") ? strstr(text, "\"zones\"") : "(none)");
    free(err);
    free(text);
    tu_remove_tmpdir(dir);
}

/* Case 20 with max_km 1.5: A and B are 2 km apart in a straight line, so no route over the
 * ways (at least as long) can be within reach; the warning says straight line, not the
 * straight line times the detour (which a route may beat). */
Test(exposure, an_unreached_facility_is_measured_in_a_straight_line_over_the_ways)
{
    char dir[512], out[600];
    tu_make_tmpdir(dir, sizeof dir, "ways_reach");
    snprintf(out, sizeof out, "%s/s.json", dir);
    const char *args[] = {"solve", "tests/cases/ok/20_ways_route_bends.json",
                          "--set", "resources[steam].pipe.max_km=1.5",
                          "--out", out,
                          NULL};
    cr_assert_eq(tu_run_symnet(dir, "reach", args), 0);
    char *err = tu_captured(dir, "reach", "err");
    cr_assert_not_null(err);
    cr_expect(strstr(err, "it supplies \"steam\": the nearest node that takes it, \"B\", is 2.0 km "
                          "away in a straight line (no shorter over the ways) for a pipe, beyond "
                          "its max_km of 1.5"),
              "%s", err);
    free(err);
    tu_remove_tmpdir(dir);
}

/* Without ways the site is still checked: the supply's own facility is a located error. */
Test(exposure, a_disposal_site_is_checked_without_ways)
{
    const char *doc =
        "{\"format\": \"symnet-region/1\", \"region\": {\"name\": \"t\", \"coordinates\": "
        "\"planar_km\", \"currency\": \"EUR\", \"discount_rate\": 0.05, \"lifetime_yr\": 10}, "
        "\"resources\": [{\"id\": \"sludge\", \"unit\": \"t\", \"truck\": "
        "{\"cost_per_unit_km\": 0.1, \"truck_capacity\": 10}}], \"facilities\": [{\"id\": "
        "\"A\", \"location\": [0, 0], \"supplies\": [{\"resource\": \"sludge\", \"amount\": "
        "10, \"disposal_cost\": 5, \"disposal_site\": \"A\"}]}, {\"id\": \"L\", \"location\": "
        "[4, 0]}]}";
    sn_diag d;
    sn_instance *in = NULL;
    sn_diag_init(&d);
    cr_expect_eq(sn_instance_load_string(doc, strlen(doc), "w.json", &in, &d), SN_EINPUT);
    char msg[1100] = "";
    if (d.count > 0)
        sn_error_format(&d.errors[0], msg, sizeof msg);
    cr_expect_str_eq(msg, "w.json: facilities[0].supplies[0].disposal_site: expected a facility or "
                          "junction other than the supply's own, got \"A\"");
    sn_instance_free(in);
}

/* Case 36 with zone school banning trucks: the only road to L crosses it, so no truck reaches
 * the site: an input error at the supply's disposal_site, exit 3, no solution written. */
Test(exposure, a_site_no_truck_can_reach_is_a_located_error)
{
    char *doc = tu_read_file("tests/cases/ok/36_ways_haul_to_disposal_removed.json", NULL);
    cr_assert_not_null(doc);
    char *at = strstr(doc, "\"polygon\"");
    cr_assert_not_null(at);
    sn_diag d;
    sn_instance *in = NULL;
    char *banned = malloc(strlen(doc) + 32);
    cr_assert_not_null(banned);
    size_t head = (size_t)(at - doc);
    memcpy(banned, doc, head);
    strcpy(banned + head, "\"trucks\": \"banned\", ");
    strcat(banned, at);
    sn_diag_init(&d);
    cr_assert_eq(sn_instance_load_string(banned, strlen(banned), "w.json", &in, &d), SN_OK);
    sn_model *m = NULL;
    sn_status st = sn_model_build(in, SN_MODEL_NETWORK, &m, &d);
    cr_expect_eq(st, SN_EINPUT);
    char msg[1100] = "";
    if (d.count > 0)
        sn_error_format(&d.errors[0], msg, sizeof msg);
    cr_expect_str_eq(msg, "w.json: facilities[0].supplies[0].disposal_site: expected a site trucks "
                          "can reach over the roads from \"A\" (around zones banning trucks), got "
                          "\"L\"");
    sn_model_free(m);
    sn_instance_free(in);
    free(banned);
    free(doc);
}

/* ---- out of memory (STYLE.md 9: fail allocation N = 1, 2, ... until the run succeeds) ---- */

/* Reading grid_town (ways, a rail spur joined to roads by second service connections, a zone)
 * and building its model: every failed allocation gives SN_ENOMEM and leaks nothing. */
static void fail_each_allocation(const char *file)
{
    long live0 = snp_alloc_live();
    for (long k = 1;; k++) {
        snp_alloc_fail_at(k);
        sn_instance *in = NULL;
        sn_model *m = NULL;
        sn_diag d;
        sn_diag_init(&d);
        sn_status st = sn_instance_load_file(file, &in, &d);
        if (st == SN_OK)
            st = sn_model_build(in, SN_MODEL_NETWORK, &m, &d);
        long used = snp_alloc_count();
        sn_model_free(m);
        sn_instance_free(in);
        snp_alloc_fail_at(0);
        cr_assert_eq(snp_alloc_live(), live0, "allocation %ld failed: leaked", k);
        if (st == SN_OK) {
            cr_assert_lt(used, k, "allocation %ld failed but the run succeeded", k);
            break;
        }
        cr_assert_eq(st, SN_ENOMEM, "allocation %ld: %s", k, sn_status_name(st));
        cr_assert_lt(k, 200000);
    }
}

Test(faults, reading_the_ways_and_routing_fail_cleanly_without_memory, .timeout = 120)
{
    fail_each_allocation("instances/grid_town.json");
}

/* Network routing (model.md 2.4): the junctions at the trench ends (ways.c) and the candidate
 * pipes along the trenches (links.c) fail as cleanly. */
Test(faults, network_routing_fails_cleanly_without_memory, .timeout = 120)
{
    fail_each_allocation("tests/cases/ok/34_ways_network_trunk.json");
}

/* A node exactly max_service_km from the nearest street (fuzz finding 8, docs/testing.md): the
 * model, measuring its snapped way graph, keeps the node's trucks on the straight line, and the
 * checker accepts that at the boundary (it wanted a route, and `symnet solve` stopped with exit
 * 70 and wrote nothing). */
Test(checker, a_truck_end_at_max_service_km_may_keep_the_straight_line)
{
    sn_instance *in = NULL;
    char dir[512];
    char *text = solve_case("tests/fuzz/regress/fuzz_solve/feed_mill_at_max_service_km.json", &in,
                            dir, sizeof dir);
    sn_diag d;
    sn_diag_init(&d);
    cr_expect_eq(sn_solution_verify_string(in, text, strlen(text), "s.json", &d), SN_OK);
    cr_expect(strstr(text, "\"id\": \"brewery/feed_mill/spent_grain/truck\""),
              "the spent grain is trucked to the mill: %s", text);
    free(text);
    sn_instance_free(in);
    tu_remove_tmpdir(dir);
}
