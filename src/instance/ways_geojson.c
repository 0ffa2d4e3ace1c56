/*
 * ways_geojson.c - `--ways FILE.geojson` (issue 18; docs/format.md "ways"): a GeoJSON
 * FeatureCollection of LineStrings becomes the region's ways.lines, before the region is read
 * (edit.c applies it like the other overrides, so every later check sees ordinary ways). Stage:
 * JSON tree -> [instance].
 *
 * Each feature: geometry {"type": "LineString", "coordinates": [[x, y], ...]} (a third value of
 * a position, an altitude, is dropped), properties "id" (else "way" + its index), "class"
 * (required: street, arterial, rail, utility or corridor), and optionally
 * "trench_capital_per_km" and "name"; other properties (a GIS export carries many) are ignored.
 * Problems are reported at the feature's path in FILE: a geometry that is not a LineString, a
 * LineString of fewer than two positions, a position that is not two numbers.
 */
#include "instance_int.h"
#include "jsonin.h"

#include <stdio.h>
#include <string.h>

static void gerr(sn_diag *diag, const char *file, int *nerr, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void gerr(sn_diag *diag, const char *file, int *nerr, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    snp_diag_vadd(diag, SN_EINPUT, file, path, fmt, ap);
    va_end(ap);
    (*nerr)++;
}

static const char *type_of(const cJSON *v)
{
    return cJSON_IsString(cJSON_GetObjectItemCaseSensitive(v, "type"))
               ? cJSON_GetObjectItemCaseSensitive(v, "type")->valuestring
               : NULL;
}

/* One feature into a ways.lines entry appended to lines; 0, or -1 without memory. */
static int feature(const cJSON *ft, int i, cJSON *lines, const char *file, sn_diag *diag, int *nerr)
{
    char path[96];
    const cJSON *geom = cJSON_GetObjectItemCaseSensitive(ft, "geometry");
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(ft, "properties");
    const char *gt = type_of(geom);
    if (!cJSON_IsObject(ft) || !gt || strcmp(gt, "LineString") != 0) {
        snprintf(path, sizeof path, "features[%d].geometry.type", i);
        gerr(diag, file, nerr, path, "expected \"LineString\" (a way), got %s%s%s", gt ? "\"" : "",
             gt ? gt : "nothing", gt ? "\"" : "");
        return 0;
    }
    /* the properties symnet reads, checked here so that messages name the feature */
    static const char *const CLASSES[] = {"street", "arterial", "rail", "utility", "corridor"};
    const cJSON *cls = cJSON_GetObjectItemCaseSensitive(props, "class");
    int cls_ok = 0;
    for (size_t q = 0; cJSON_IsString(cls) && q < sizeof CLASSES / sizeof *CLASSES; q++)
        cls_ok |= strcmp(cls->valuestring, CLASSES[q]) == 0;
    if (!cls_ok) {
        snprintf(path, sizeof path, "features[%d].properties.class", i);
        gerr(diag, file, nerr, path,
             "expected \"street\", \"arterial\", \"rail\", \"utility\" or \"corridor\", got %s%s%s",
             cJSON_IsString(cls) ? "\"" : "", cJSON_IsString(cls) ? cls->valuestring : "nothing",
             cJSON_IsString(cls) ? "\"" : "");
        return 0;
    }
    const cJSON *idp = cJSON_GetObjectItemCaseSensitive(props, "id");
    const cJSON *cost = cJSON_GetObjectItemCaseSensitive(props, "trench_capital_per_km");
    if ((idp && !cJSON_IsString(idp)) || (cost && !cJSON_IsNumber(cost))) {
        snprintf(path, sizeof path, "features[%d].properties.%s", i,
                 idp && !cJSON_IsString(idp) ? "id" : "trench_capital_per_km");
        gerr(diag, file, nerr, path, "expected a %s, got another type",
             idp && !cJSON_IsString(idp) ? "string" : "number");
        return 0;
    }
    const cJSON *coords = cJSON_GetObjectItemCaseSensitive(geom, "coordinates");
    int n = cJSON_IsArray(coords) ? cJSON_GetArraySize(coords) : -1;
    snprintf(path, sizeof path, "features[%d].geometry.coordinates", i);
    if (n < 2) {
        if (n < 0)
            gerr(diag, file, nerr, path, "expected an array of positions, got none");
        else
            gerr(diag, file, nerr, path, "expected a LineString of at least 2 positions, got %d",
                 n);
        return 0;
    }
    cJSON *line = cJSON_CreateObject(), *pts = cJSON_CreateArray();
    if (!line || !pts) {
        cJSON_Delete(line);
        cJSON_Delete(pts);
        return -1;
    }
    cJSON_AddItemToObject(line, "points", pts);
    int k = 0, bad = 0;
    for (const cJSON *p = coords->child; p; p = p->next, k++) {
        const cJSON *x = cJSON_IsArray(p) ? p->child : NULL, *y = x ? x->next : NULL;
        if (!cJSON_IsNumber(x) || !cJSON_IsNumber(y)) {
            if (!bad) {
                char pp[128];
                snprintf(pp, sizeof pp, "%s[%d]", path, k);
                gerr(diag, file, nerr, pp, "expected a position [x, y] of numbers");
            }
            bad = 1;
            continue;
        }
        cJSON *pt = cJSON_CreateArray();
        cJSON *nx = cJSON_CreateNumber(x->valuedouble), *ny = cJSON_CreateNumber(y->valuedouble);
        if (!pt || !nx || !ny) {
            cJSON_Delete(pt);
            cJSON_Delete(nx);
            cJSON_Delete(ny);
            cJSON_Delete(line);
            return -1;
        }
        cJSON_AddItemToArray(pt, nx);
        cJSON_AddItemToArray(pt, ny);
        cJSON_AddItemToArray(pts, pt);
    }
    /* properties: id, class, trench_capital_per_km, name; copied as they are, so the region's
     * reader checks them (a message names the way, ways.lines[N]) */
    static const char *const KEEP[] = {"class", "trench_capital_per_km", "name"};
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(props, "id");
    cJSON *idv = NULL;
    if (id) {
        idv = cJSON_Duplicate(id, 1);
    } else {
        char buf[32];
        snprintf(buf, sizeof buf, "way%d", i + 1);
        idv = cJSON_CreateString(buf);
    }
    if (!idv) {
        cJSON_Delete(line);
        return -1;
    }
    cJSON_AddItemToObject(line, "id", idv);
    for (size_t q = 0; q < sizeof KEEP / sizeof *KEEP; q++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(props, KEEP[q]);
        if (!v)
            continue;
        cJSON *d = cJSON_Duplicate(v, 1);
        if (!d) {
            cJSON_Delete(line);
            return -1;
        }
        cJSON_AddItemToObject(line, KEEP[q], d);
    }
    if (bad) {
        cJSON_Delete(line);
        return 0;
    }
    cJSON_AddItemToArray(lines, line);
    return 0;
}

int snp_ways_from_geojson(cJSON *root, const cJSON *gj, const char *file, sn_diag *diag)
{
    int nerr = 0;
    const char *t = type_of(gj);
    if (!cJSON_IsObject(gj) || !t || strcmp(t, "FeatureCollection") != 0) {
        gerr(diag, file, &nerr, "type",
             "expected a GeoJSON \"FeatureCollection\" of ways, got %s%s%s", t ? "\"" : "",
             t ? t : "nothing", t ? "\"" : "");
        return nerr;
    }
    const cJSON *fs = cJSON_GetObjectItemCaseSensitive(gj, "features");
    if (!cJSON_IsArray(fs) || !fs->child) {
        gerr(diag, file, &nerr, "features", "expected a non-empty array of LineString features");
        return nerr;
    }
    cJSON *ways = cJSON_GetObjectItemCaseSensitive(root, "ways");
    if (!ways) {
        ways = cJSON_CreateObject();
        if (!ways)
            return -1;
        cJSON_AddItemToObject(root, "ways", ways);
    }
    if (!cJSON_IsObject(ways)) {
        gerr(diag, file, &nerr, NULL,
             "the region's \"ways\" is not an object: --ways cannot add to it");
        return nerr;
    }
    cJSON *lines = cJSON_CreateArray();
    if (!lines)
        return -1;
    int i = 0;
    for (const cJSON *ft = fs->child; ft; ft = ft->next, i++)
        if (feature(ft, i, lines, file, diag, &nerr) != 0) {
            cJSON_Delete(lines);
            return -1;
        }
    /* the file's ways replace the region's lines; classes and settings stay */
    if (cJSON_GetObjectItemCaseSensitive(ways, "lines"))
        cJSON_ReplaceItemInObjectCaseSensitive(ways, "lines", lines);
    else
        cJSON_AddItemToObject(ways, "lines", lines);
    return nerr;
}
