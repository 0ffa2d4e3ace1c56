/*
 * edit.c - overrides of a region from the command line (docs/whatif.md): --set PATH=VALUE,
 * --scenario FILE (a JSON Merge Patch, RFC 7386), --force ID, --forbid ID and --without
 * FACILITY. They change the region's JSON tree, in the order given, before the tree is read, so
 * the changed region is read and validated exactly like a file; every problem of it that lies
 * at or under a value an override wrote names that override.
 *
 * Stage: region JSON -> [edits] -> parse.c -> sn_instance. Paths use the syntax of the error
 * messages (facilities[3].supplies[0].amount), and a list entry may also be addressed by its
 * "id", or by its "resource" for supplies, demands, hub inputs and outputs
 * (facilities[gyproc].demands[gypsum].price). A link is named by its `links[].id` or by
 * FROM/TO/RESOURCE/MODE ('/' cannot occur in an id); forcing or forbidding a link that has no
 * explicit entry appends one, which replaces the generated candidate (docs/format.md).
 */
#include "instance_int.h"
#include "jsonin.h"
#include "jsonread.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct edit {
    sn_edit_kind kind;
    char *arg;
} edit;

struct sn_edits {
    snp_vec items; /* edit */
};

sn_status sn_edits_create(sn_edits **out)
{
    if (!out)
        return SN_EUSAGE;
    *out = snp_calloc(1, sizeof **out);
    if (!*out)
        return SN_ENOMEM;
    snp_vec_init(&(*out)->items, sizeof(edit));
    return SN_OK;
}

void sn_edits_free(sn_edits *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->items.len; i++)
        snp_free(SNP_VEC_AT(&e->items, edit, i).arg);
    snp_vec_free(&e->items);
    snp_free(e);
}

sn_status sn_edits_add(sn_edits *e, sn_edit_kind kind, const char *arg)
{
    if (!e || !arg || (int)kind < SN_EDIT_SET || (int)kind > SN_EDIT_WAYS)
        return SN_EUSAGE; /* an unknown kind would index EDIT_FLAG out of bounds */
    edit it = {kind, snp_strdup(arg)};
    if (!it.arg)
        return SN_ENOMEM;
    if (!snp_vec_push(&e->items, &it)) {
        snp_free(it.arg);
        return SN_ENOMEM;
    }
    return SN_OK;
}

void sn_edits_truncate(sn_edits *e, int n)
{
    while (e && n >= 0 && e->items.len > (size_t)n) {
        e->items.len--;
        snp_free(SNP_VEC_AT(&e->items, edit, e->items.len).arg);
    }
}

int sn_edits_count(const sn_edits *e)
{
    return e ? (int)e->items.len : 0;
}

static const char *const EDIT_FLAG[] = {"--set",     "--scenario", "--force", "--forbid",
                                        "--without", "--layout",   "--ways"};

/* "--set PATH=VALUE" etc. into buf. */
static const char *edit_text(const edit *it, char *buf, size_t size)
{
    snprintf(buf, size, "%s %s", EDIT_FLAG[it->kind], it->arg);
    return buf;
}

/* ---- applying ---------------------------------------------------------------------------- */

/* A value an edit wrote: problems at or under it name the edit. */
typedef struct touch {
    const cJSON *node;
    int edit;
    int appended;     /* a links[] entry an edit added for a generated candidate */
    const char *path; /* filled once every edit is applied (arena) */
} touch;

typedef struct applier {
    const char *file; /* the region file, for messages */
    sn_diag *diag;
    snp_arena *arena;
    int nerr, nomem;
    const edit *cur;
    int cur_index;
    snp_vec touches;   /* touch */
    char **effects;    /* per edit: what it did (arena), or NULL */
    int seen_scenario; /* a scenario's own syntax errors carry its file name */
} applier;

static void aerr(applier *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An error of the current edit: "FILE: --set PATH=VALUE: what". */
static void aerr(applier *a, const char *fmt, ...)
{
    char what[400], head[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snp_diag_add(a->diag, SN_EINPUT, a->file, NULL, "%s: %s", edit_text(a->cur, head, sizeof head),
                 what);
    a->nerr++;
}

/* Before a value is deleted: the values an edit wrote inside it are gone, and their memory may
 * hold a later value, so they no longer name an edit. */
static void forget(applier *a, const cJSON *node)
{
    touch *t = a->touches.data;
    for (size_t k = 0; k < a->touches.len; k++)
        if (t[k].node == node)
            t[k].node = NULL;
    for (const cJSON *c = node->child; c; c = c->next)
        forget(a, c);
}

static void touch_add(applier *a, const cJSON *node)
{
    touch t = {node, a->cur_index, 0, NULL};
    if (!snp_vec_push(&a->touches, &t))
        a->nomem = 1;
}

static void effect_set(applier *a, const char *text)
{
    a->effects[a->cur_index] = snp_arena_strdup(a->arena, text);
    if (!a->effects[a->cur_index])
        a->nomem = 1;
}

/* Sets obj[key] to v, in the old value's place when there is one, else at the end; obj takes v.
 * 0, or -1 without memory (v is deleted). cJSON's own replace and add do not say when copying
 * the key fails: the replace then leaves a value without a key (printed as ""), the add leaves
 * v to leak. */
static int put_key(applier *a, cJSON *obj, const char *key, cJSON *v)
{
    cJSON *old = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_AddItemToObject(obj, key, v)) {
        cJSON_Delete(v);
        return -1;
    }
    if (old) { /* neither call allocates */
        forget(a, old);
        cJSON_ReplaceItemViaPointer(obj, old, cJSON_DetachItemViaPointer(obj, v));
    }
    return 0;
}

/* A value given on the command line: JSON when it reads as JSON (12, true, null, "a b",
 * {"x": 1}), else the text itself as a string (--set region.name=Tees Valley). NULL without
 * memory (never the text as a string in place of JSON it could not parse for want of it). */
static cJSON *parse_value(const char *text)
{
    size_t len = strlen(text);
    snp_jsonin_error err;
    int ok = len > 0 ? snp_jsonin_prescan(text, len, 0, &err) : 0;
    if (ok < 0)
        return NULL;
    if (ok == 1) {
        cJSON *v = NULL;
        size_t off;
        sn_status st = snp_jsonin_parse(text, len, &v, &off);
        if (st == SN_OK)
            return v;
        if (st == SN_ENOMEM)
            return NULL;
    }
    return cJSON_CreateString(text);
}

/* One step of a path: a key (".key", "key" at the start, ["key"]), an index [3] or a selector
 * [id]. Returns 0 at the end, -1 when malformed, 1 otherwise; *s moves past the step. */
enum { STEP_KEY, STEP_INDEX, STEP_SELECT };

static int path_next(const char **s, int first, int *kind, char *buf, size_t size, long *index)
{
    const char *q = *s;
    size_t o = 0;
    if (*q == '\0')
        return 0;
    if (*q == '[') {
        q++;
        if (*q == '"') { /* ["key"], with \" and \\ escapes */
            q++;
            while (*q && *q != '"') {
                if (*q == '\\' && q[1])
                    q++;
                if (o + 1 >= size)
                    return -1;
                buf[o++] = *q++;
            }
            if (*q != '"' || q[1] != ']')
                return -1;
            q += 2;
            *kind = STEP_KEY;
        } else {
            const char *end = strchr(q, ']');
            if (!end || end == q || (size_t)(end - q) >= size)
                return -1;
            memcpy(buf, q, (size_t)(end - q));
            o = (size_t)(end - q);
            buf[o] = '\0';
            char *stop;
            long v = strtol(buf, &stop, 10);
            *kind = *stop == '\0' && buf[0] >= '0' && buf[0] <= '9' ? STEP_INDEX : STEP_SELECT;
            *index = v;
            q = end + 1;
        }
    } else {
        if (*q == '.')
            q++;
        else if (!first)
            return -1;
        while (*q && *q != '.' && *q != '[') {
            if (o + 1 >= size)
                return -1;
            buf[o++] = *q++;
        }
        if (o == 0)
            return -1;
        *kind = STEP_KEY;
    }
    buf[o] = '\0';
    *s = q;
    return 1;
}

/* The entry of array arr whose "id" (else "resource") is sel, or NULL; suggests the closest. */
static cJSON *select_entry(const cJSON *arr, const char *sel, snp_suggestion *sg)
{
    static const char *const keys[] = {"id", "resource"};
    for (size_t k = 0; k < 2; k++)
        for (cJSON *c = arr->child; c; c = c->next) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(c, keys[k]);
            if (cJSON_IsString(v) && v->valuestring) {
                if (strcmp(v->valuestring, sel) == 0)
                    return c;
                snp_suggest(sg, sel, v->valuestring);
            }
        }
    return NULL;
}

/* --set PATH=VALUE */
static void apply_set(applier *a, cJSON *root)
{
    const char *eq = strchr(a->cur->arg, '=');
    if (!eq || eq == a->cur->arg) {
        aerr(a, "expected PATH=VALUE, e.g. region.carbon_price=120");
        return;
    }
    char path[SNP_PATH_MAX + 1];
    size_t plen = (size_t)(eq - a->cur->arg);
    if (plen >= sizeof path) {
        aerr(a, "the path is too long");
        return;
    }
    memcpy(path, a->cur->arg, plen);
    path[plen] = '\0';
    cJSON *value = parse_value(eq + 1);
    if (!value) {
        a->nomem = 1;
        return;
    }
    cJSON *node = root;
    const char *s = path;
    char step[SNP_PATH_MAX + 1], done[SNP_PATH_MAX + 1] = "top level";
    int kind, first = 1, r;
    long index = 0;
    while ((r = path_next(&s, first, &kind, step, sizeof step, &index)) == 1) {
        int last = *s == '\0';
        size_t at = (size_t)(s - path);
        first = 0;
        if (kind == STEP_KEY) {
            if (!cJSON_IsObject(node)) {
                aerr(a, "%s is not an object, so it has no key \"%s\"", done, step);
                break;
            }
            cJSON *child = cJSON_GetObjectItemCaseSensitive(node, step);
            if (last) {
                if (cJSON_IsNull(value)) { /* null removes the key, as in a merge patch */
                    if (child)
                        forget(a, child);
                    cJSON_DeleteItemFromObjectCaseSensitive(node, step);
                    cJSON_Delete(value);
                } else if (put_key(a, node, step, value) != 0)
                    a->nomem = 1;
                else
                    touch_add(a, value);
                return;
            }
            if (!child && cJSON_IsNull(value)) { /* nothing to remove: create nothing on the way
                                                      (an empty "truck": {} would enable trucks) */
                cJSON_Delete(value);
                return;
            }
            if (!child) {
                int next_kind;
                char tmp[SNP_PATH_MAX + 1];
                const char *s2 = s;
                long i2;
                if (path_next(&s2, 0, &next_kind, tmp, sizeof tmp, &i2) != 1 ||
                    next_kind != STEP_KEY) {
                    aerr(a, "%.*s: no such key", (int)at, path);
                    break;
                }
                child = cJSON_CreateObject(); /* region.x.y=1 creates "x": {} */
                if (!child || put_key(a, node, step, child) != 0) {
                    a->nomem = 1;
                    break;
                }
                touch_add(a, child);
            }
            node = child;
        } else {
            if (!cJSON_IsArray(node)) {
                aerr(a, "%s is not a list, so it has no entry [%s]", done, step);
                break;
            }
            cJSON *child;
            if (kind == STEP_INDEX) {
                int n = cJSON_GetArraySize(node);
                if (index < 0 || index >= n) {
                    aerr(a, "%s has %d entr%s, so there is no [%s]", done, n, n == 1 ? "y" : "ies",
                         step);
                    break;
                }
                child = cJSON_GetArrayItem(node, (int)index);
            } else {
                snp_suggestion sg = {NULL, 0};
                child = select_entry(node, step, &sg);
                if (!child) {
                    if (sg.best)
                        aerr(a, "%s has no entry with id or resource \"%s\" (did you mean \"%s\"?)",
                             done, step, sg.best);
                    else
                        aerr(a, "%s has no entry with id or resource \"%s\"", done, step);
                    break;
                }
            }
            if (last) {
                if (cJSON_IsNull(value)) {
                    aerr(a, "a list entry cannot be removed with --set (--without removes a "
                            "facility, --forbid a link or hub)");
                    break;
                }
                forget(a, child);
                cJSON_ReplaceItemViaPointer(node, child, value);
                touch_add(a, value);
                return;
            }
            node = child;
        }
        snprintf(done, sizeof done, "%.*s", (int)at, path);
    }
    if (r < 0)
        aerr(a, "expected a path such as facilities[3].supplies[heat].amount, got \"%s\"", path);
    cJSON_Delete(value);
}

/* RFC 7386 MergePatch(target, patch) for an object patch; target is an object. Every value
 * written is touched. 0, or -1 without memory. */
static int merge_patch(applier *a, cJSON *target, const cJSON *patch)
{
    for (const cJSON *p = patch->child; p; p = p->next) {
        const char *key = p->string;
        cJSON *t = cJSON_GetObjectItemCaseSensitive(target, key);
        if (cJSON_IsNull(p)) {
            if (t) {
                forget(a, t);
                cJSON_DeleteItemFromObjectCaseSensitive(target, key);
            }
            continue;
        }
        if (cJSON_IsObject(p)) {
            if (!cJSON_IsObject(t)) {
                cJSON *o = cJSON_CreateObject();
                if (!o || put_key(a, target, key, o) != 0)
                    return -1;
                t = o;
                touch_add(a, o);
            }
            if (merge_patch(a, t, p) != 0)
                return -1;
            continue;
        }
        cJSON *v = cJSON_Duplicate(p, 1);
        if (!v || put_key(a, target, key, v) != 0)
            return -1;
        touch_add(a, v);
    }
    return 0;
}

/* Reads the JSON file named by the current edit (a scenario or a layout, `what` for an empty
 * file) into *doc; NULL after an error, which is reported with the file's line and column. */
static cJSON *read_json_file(applier *a, const char *what)
{
    char *text = NULL;
    size_t len = 0;
    const char *file = a->cur->arg;
    sn_status st = snp_instance_read_file(file, &text, &len, a->diag);
    if (st != SN_OK) {
        a->nerr++;
        a->nomem |= st == SN_ENOMEM;
        return NULL;
    }
    snp_jsonin_error err;
    cJSON *doc = NULL;
    size_t off;
    int blank = snp_jsonin_is_blank(text, len);
    int ok = blank ? 0 : snp_jsonin_prescan(text, len, 2000000, &err);
    sn_status pst = ok == 1 ? snp_jsonin_parse(text, len, &doc, &off) : SN_EINPUT;
    if (ok < 0 || pst == SN_ENOMEM) /* out of memory, not "invalid JSON" */
        a->nomem = 1;
    else if (pst != SN_OK) {
        char msg[sizeof(((sn_error *)0)->message)];
        int line = 0, col = 0;
        if (blank)
            snprintf(msg, sizeof msg, "expected %s, got an empty file", what);
        else if (ok == 0) {
            snp_jsonin_line_col(text, err.at, &line, &col);
            snprintf(msg, sizeof msg, "invalid JSON: %s", err.msg);
            snp_jsonin_excerpt(text, len, err.at, msg, sizeof msg);
        } else
            snprintf(msg, sizeof msg, "invalid JSON");
        snp_diag_add(a->diag, SN_EINPUT, file, ok == 0 && !blank ? err.where : NULL, "%s", msg);
        if (line > 0)
            snp_diag_set_pos(a->diag, line, col);
        a->nerr++;
    }
    snp_free(text);
    return doc;
}

/* --ways FILE.geojson (issue 18): its LineStrings become ways.lines (ways_geojson.c) */
static void apply_ways(applier *a, cJSON *root)
{
    cJSON *gj = read_json_file(a, "a GeoJSON FeatureCollection of ways");
    if (!gj)
        return;
    int n = snp_ways_from_geojson(root, gj, a->cur->arg, a->diag);
    if (n < 0)
        a->nomem = 1;
    else
        a->nerr += n;
    cJSON_Delete(gj);
    const cJSON *ways = cJSON_GetObjectItemCaseSensitive(root, "ways");
    if (n == 0 && ways)
        touch_add(a, cJSON_GetObjectItemCaseSensitive(ways, "lines"));
}

/* --scenario FILE */
static void apply_scenario(applier *a, cJSON *root)
{
    const char *file = a->cur->arg;
    cJSON *patch = read_json_file(a, "a JSON object (a merge patch)");
    if (!patch)
        return;
    if (!cJSON_IsObject(patch)) {
        snp_qbuf q;
        snp_diag_add(a->diag, SN_EINPUT, file, "top level",
                     "expected an object (a JSON Merge Patch of the region), got %s",
                     snp_jread_describe(patch, &q));
        a->nerr++;
    } else if (merge_patch(a, root, patch) != 0)
        a->nomem = 1;
    cJSON_Delete(patch);
}

static const char *str_member(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The entry of section `key` with id `id`, or NULL; offers every id to sg. */
static cJSON *find_by_id(cJSON *root, const char *key, const char *id, snp_suggestion *sg)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!cJSON_IsArray(arr))
        return NULL;
    for (cJSON *c = arr->child; c; c = c->next) {
        const char *s = str_member(c, "id");
        if (str_eq(s, id))
            return c;
        if (sg && s)
            snp_suggest(sg, id, s);
    }
    return NULL;
}

/* Sets obj.status to status (replacing it). 0, or -1 without memory. */
static int set_status(applier *a, cJSON *obj, const char *status)
{
    cJSON *v = cJSON_CreateString(status);
    if (!v || put_key(a, obj, "status", v) != 0)
        return -1;
    touch_add(a, obj);
    return 0;
}

/* Sets the status of the link, hub or corridor `id` (--force, --forbid, --layout). Returns
 * the entry changed, or NULL after an error. */
static cJSON *apply_status(applier *a, cJSON *root, const char *id, const char *status)
{
    if (strchr(id, '/')) { /* FROM/TO/RESOURCE/MODE */
        char part[4][64 + 1];
        const char *s = id;
        int n = 0;
        while (n < 4) {
            const char *e = strchr(s, '/');
            size_t l = e ? (size_t)(e - s) : strlen(s);
            if (l == 0 || l > 64)
                break;
            memcpy(part[n], s, l);
            part[n][l] = '\0';
            n++;
            if (!e)
                break;
            s = e + 1;
            if (n == 4)
                n = 5; /* more than four parts */
        }
        if (n != 4 || (strcmp(part[3], "pipe") != 0 && strcmp(part[3], "truck") != 0)) {
            aerr(a,
                 "\"%s\": expected a link id or FROM/TO/RESOURCE/MODE (MODE pipe or truck), "
                 "e.g. brewery/farm/spent_grain/truck",
                 id);
            return NULL;
        }
        cJSON *links = cJSON_GetObjectItemCaseSensitive(root, "links");
        if (!links) {
            links = cJSON_AddArrayToObject(root, "links");
            if (!links) {
                a->nomem = 1;
                return NULL;
            }
        }
        if (!cJSON_IsArray(links)) {
            aerr(a, "the region's \"links\" is not a list");
            return NULL;
        }
        for (cJSON *c = links->child; c; c = c->next)
            if (str_eq(str_member(c, "from"), part[0]) && str_eq(str_member(c, "to"), part[1]) &&
                str_eq(str_member(c, "resource"), part[2]) &&
                str_eq(str_member(c, "mode"), part[3])) {
                if (set_status(a, c, status) != 0)
                    a->nomem = 1;
                return c;
            }
        cJSON *l = cJSON_CreateObject();
        if (!l || !cJSON_AddStringToObject(l, "from", part[0]) ||
            !cJSON_AddStringToObject(l, "to", part[1]) ||
            !cJSON_AddStringToObject(l, "resource", part[2]) ||
            !cJSON_AddStringToObject(l, "mode", part[3]) ||
            !cJSON_AddStringToObject(l, "status", status)) {
            cJSON_Delete(l);
            a->nomem = 1;
            return NULL;
        }
        cJSON_AddItemToArray(links, l);
        touch_add(a, l);
        if (!a->nomem)
            SNP_VEC_AT(&a->touches, touch, a->touches.len - 1).appended = 1;
        return l;
    }
    static const char *const sections[] = {"links", "hubs", "corridors"};
    snp_suggestion sg = {NULL, 0};
    cJSON *hit = NULL;
    int hits = 0;
    for (size_t k = 0; k < 3; k++) {
        cJSON *c = find_by_id(root, sections[k], id, &sg);
        if (c) {
            hit = c;
            hits++;
        }
    }
    if (hits == 1) {
        if (set_status(a, hit, status) != 0)
            a->nomem = 1;
        return hit;
    }
    if (hits > 1)
        aerr(a, "\"%s\" is the id of more than one link, hub or corridor", id);
    else if (find_by_id(root, "facilities", id, NULL))
        aerr(a, "\"%s\" is a facility: --without %s removes it", id, id);
    else if (sg.best)
        aerr(a, "no link, hub or corridor has the id \"%s\" (did you mean \"%s\"?)", id, sg.best);
    else
        aerr(a,
             "no link, hub or corridor has the id \"%s\" (a generated candidate is named "
             "FROM/TO/RESOURCE/MODE; `symnet candidates` lists them)",
             id);
    return NULL;
}

/* --layout FILE: forces every link, hub and corridor the file names and builds nothing else
 * (region.only_forced). The file is a solution file, a {"links", "hubs", "corridors"} object
 * of ids or entries, or a list of ids. A hub entry with a "capacity" keeps that option only. */
static void apply_layout(applier *a, cJSON *root)
{
    const char *file = a->cur->arg;
    cJSON *doc = read_json_file(a, "a layout");
    if (!doc)
        return;
    static const char *const sections[] = {"links", "hubs", "corridors"};
    int n_sections = 0; /* an empty list is a layout too: nothing built (business as usual) */
    for (size_t k = 0; k < 3; k++) {
        const cJSON *arr = cJSON_IsArray(doc) ? (k == 0 ? doc : NULL)
                                              : cJSON_GetObjectItemCaseSensitive(doc, sections[k]);
        if (!arr)
            continue;
        n_sections++;
        if (!cJSON_IsArray(arr)) {
            snp_diag_add(a->diag, SN_EINPUT, file, sections[k], "expected a list of ids");
            a->nerr++;
            continue;
        }
        int i = 0;
        for (const cJSON *c = arr->child; c; c = c->next, i++) {
            char where[80], key[SNP_LINK_ID_MAX];
            if (cJSON_IsArray(doc))
                snprintf(where, sizeof where, "[%d]", i);
            else
                snprintf(where, sizeof where, "%s[%d]", sections[k], i);
            const char *id = cJSON_IsString(c) ? c->valuestring : str_member(c, "id");
            if (!id && k == 0 && str_member(c, "from") && str_member(c, "to") &&
                str_member(c, "resource") && str_member(c, "mode")) {
                snprintf(key, sizeof key, "%s/%s/%s/%s", str_member(c, "from"), str_member(c, "to"),
                         str_member(c, "resource"), str_member(c, "mode"));
                id = key;
            }
            if (!id || !id[0]) {
                snp_diag_add(a->diag, SN_EINPUT, file, where,
                             "expected an id, or an object with \"id\"%s",
                             k == 0 ? " or from, to, resource and mode" : "");
                a->nerr++;
                continue;
            }
            int before = a->diag ? a->diag->count : 0;
            cJSON *hit = apply_status(a, root, id, "forced");
            /* the layout's own entry is where the problem is */
            for (int e = before; a->diag && e < a->diag->count; e++) {
                snprintf(a->diag->errors[e].file, sizeof a->diag->errors[e].file, "%s", file);
                snprintf(a->diag->errors[e].path, sizeof a->diag->errors[e].path, "%s", where);
            }
            const cJSON *cap = cJSON_GetObjectItemCaseSensitive(c, "capacity");
            if (hit && k == 1 && cJSON_IsNumber(cap)) {
                cJSON *opts = cJSON_GetObjectItemCaseSensitive(hit, "capacities");
                for (cJSON *o = opts ? opts->child : NULL; o;) {
                    cJSON *next = o->next;
                    const cJSON *oc = cJSON_GetObjectItemCaseSensitive(o, "capacity");
                    if (cJSON_IsNumber(oc) && oc->valuedouble != cap->valuedouble) {
                        forget(a, o);
                        cJSON_Delete(cJSON_DetachItemViaPointer(opts, o));
                    }
                    o = next;
                }
            }
        }
    }
    const char *status = str_member(doc, "status");
    if (str_eq(str_member(doc, "format"), "symnet-solution/1") && status &&
        !str_eq(status, "optimal") && !str_eq(status, "feasible")) {
        /* its empty lists are no layout: evaluating them would price building nothing */
        snp_diag_add(a->diag, SN_EINPUT, file, "status",
                     "expected a solution with a network to evaluate, got status \"%.40s\"",
                     status);
        a->nerr++;
    } else if (n_sections == 0) {
        snp_diag_add(a->diag, SN_EINPUT, file, NULL,
                     "expected a layout: a solution file, an object with \"links\", \"hubs\" "
                     "or \"corridors\", or a list of ids");
        a->nerr++;
    }
    cJSON_Delete(doc);
    cJSON *region = cJSON_GetObjectItemCaseSensitive(root, "region");
    if (cJSON_IsObject(region)) {
        cJSON *t = cJSON_CreateTrue();
        if (!t || put_key(a, region, "only_forced", t) != 0) {
            a->nomem = 1;
            return;
        }
        touch_add(a, t);
    }
}

static void catf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Appends to the string in buf, truncated to size. */
static void catf(char *buf, size_t size, const char *fmt, ...)
{
    size_t o = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + o, size - o, fmt, ap);
    va_end(ap);
}

/* Removes from section `key` every entry whose `from` or `to` is id; appends their names to
 * what. Returns how many. */
static int remove_refs(applier *a, cJSON *root, const char *key, const char *id, char *what,
                       size_t size)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!cJSON_IsArray(arr))
        return 0;
    int n = 0;
    for (cJSON *c = arr->child; c;) {
        cJSON *next = c->next;
        if (str_eq(str_member(c, "from"), id) || str_eq(str_member(c, "to"), id)) {
            size_t o = strlen(what);
            const char *cid = str_member(c, "id");
            if (o < size)
                snprintf(what + o, size - o, "%s%s", n ? ", " : " ", cid ? cid : "(unnamed)");
            forget(a, c);
            cJSON_Delete(cJSON_DetachItemViaPointer(arr, c));
            n++;
        }
        c = next;
    }
    return n;
}

/* Removes every supply's disposal_site that names id (a landfill taken out of the region: the
 * hauls to it are no longer counted); returns how many. */
static int remove_sites(applier *a, cJSON *root, const char *id)
{
    int n = 0;
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "facilities");
    for (cJSON *f = cJSON_IsArray(arr) ? arr->child : NULL; f; f = f->next) {
        cJSON *sup = cJSON_GetObjectItemCaseSensitive(f, "supplies");
        for (cJSON *s = cJSON_IsArray(sup) ? sup->child : NULL; s; s = s->next) {
            cJSON *site = cJSON_GetObjectItemCaseSensitive(s, "disposal_site");
            if (!site || !str_eq(cJSON_GetStringValue(site), id))
                continue;
            forget(a, site);
            cJSON_Delete(cJSON_DetachItemViaPointer(s, site));
            n++;
        }
    }
    return n;
}

/* --without FACILITY */
static void apply_without(applier *a, cJSON *root)
{
    const char *id = a->cur->arg;
    snp_suggestion sg = {NULL, 0};
    cJSON *f = find_by_id(root, "facilities", id, &sg);
    if (!f) {
        if (find_by_id(root, "hubs", id, NULL))
            aerr(a, "\"%s\" is a hub: --forbid %s keeps it from being built", id, id);
        else if (sg.best)
            aerr(a, "no facility has the id \"%s\" (did you mean \"%s\"?)", id, sg.best);
        else
            aerr(a, "no facility has the id \"%s\"", id);
        return;
    }
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "facilities");
    forget(a, f);
    cJSON_Delete(cJSON_DetachItemViaPointer(arr, f));
    if (!arr->child)
        aerr(a, "\"%s\" is the only facility, and a region needs at least one", id);
    char links[600] = "", corr[600] = "", msg[1400] = "";
    int nl = remove_refs(a, root, "links", id, links, sizeof links);
    int nc = remove_refs(a, root, "corridors", id, corr, sizeof corr);
    int ns = remove_sites(a, root, id);
    /* appended with catf: an id is not bounded before validation, and snprintf's return is
     * the length it wanted, not the length written */
    catf(msg, sizeof msg, "removed facility %s", id);
    if (nl > 0)
        catf(msg, sizeof msg, ", %d explicit link%s (%s)", nl, nl == 1 ? "" : "s", links + 1);
    if (nc > 0)
        catf(msg, sizeof msg, ", %d corridor%s (%s)", nc, nc == 1 ? "" : "s", corr + 1);
    if (ns > 0)
        catf(msg, sizeof msg, ", the disposal_site of %d suppl%s (its hauls are not counted)", ns,
             ns == 1 ? "y" : "ies");
    catf(msg, sizeof msg, "%s", ", and every candidate link to or from it");
    effect_set(a, msg);
}

/* The JSON path of every touched value, found in one walk over the tree. */
static int touch_cmp(const void *x, const void *y)
{
    const touch *a = x, *b = y;
    return a->node < b->node ? -1 : a->node > b->node;
}

static void touch_paths(applier *a, const cJSON *node, snp_path *p)
{
    touch key = {node, 0, 0, NULL};
    touch *all = a->touches.data;
    touch *t = bsearch(&key, all, a->touches.len, sizeof key, touch_cmp);
    if (t) { /* several edits may write one node: each takes its path */
        size_t i = (size_t)(t - all);
        while (i > 0 && all[i - 1].node == node)
            i--;
        for (; i < a->touches.len && all[i].node == node; i++) {
            all[i].path = snp_arena_strdup(a->arena, snp_path_str(p));
            if (!all[i].path)
                a->nomem = 1;
        }
    }
    size_t index = 0;
    for (const cJSON *c = node->child; c; c = c->next, index++) {
        if (cJSON_IsObject(node))
            snp_path_push_key(p, c->string ? c->string : "");
        else
            snp_path_push_index(p, index);
        touch_paths(a, c, p);
        snp_path_pop(p);
    }
}

/* 1 when `prefix` is path or a path above it. */
static int path_under(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    if (n == 0)
        return 1;
    return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

/* Appends "(after EDIT)" to the errors from `start` that lie under a value an edit wrote. */
static void annotate(applier *a, const sn_edits *e, int start)
{
    if (!a->diag)
        return;
    for (int i = start; i < a->diag->count; i++) {
        sn_error *err = &a->diag->errors[i];
        int who = -1;
        const touch *t = a->touches.data;
        for (size_t k = 0; k < a->touches.len; k++)
            if (t[k].path && path_under(err->path, t[k].path) && t[k].edit > who)
                who = t[k].edit;
        err->line = err->col = 0; /* positions would be in the changed text */
        if (who < 0)
            continue;
        char head[300];
        size_t o = strlen(err->message);
        snprintf(err->message + o, sizeof err->message - o, " (after %s)",
                 edit_text(&SNP_VEC_AT(&e->items, edit, (size_t)who), head, sizeof head));
    }
}

/* A link an edit added for a generated candidate must be one: no longer than its mode's
 * max_km (the other conditions are checked by the validator). */
static void check_appended(applier *a, const sn_edits *e, const sn_instance *in)
{
    const touch *t = a->touches.data;
    for (size_t k = 0; k < a->touches.len; k++) {
        int i;
        if (!t[k].appended || !t[k].path || sscanf(t[k].path, "links[%d]", &i) != 1 || i < 0 ||
            i >= in->n_links)
            continue;
        const snp_link_spec *l = &in->links[i];
        const snp_resource *r = &in->resources[l->resource];
        double max_km = l->mode == SNP_MODE_PIPE ? r->pipe.max_km : r->truck.max_km;
        double detour = l->mode == SNP_MODE_PIPE ? r->pipe.detour : r->truck.detour;
        double len = snp_node_dist_km(in, l->from, l->to) * detour;
        if (len > max_km) {
            char head[300], id[SNP_LINK_ID_MAX];
            snp_diag_add(
                a->diag, SN_EINPUT, in->file, t[k].path,
                "%s is not a candidate link: %.4g km, beyond the %s's max_km of %g "
                "(after %s; give it in links[] to allow it)",
                snp_link_key_id(in, l->from, l->to, l->resource, l->mode, id, sizeof id), len,
                l->mode == SNP_MODE_PIPE ? "pipe" : "truck", max_km,
                edit_text(&SNP_VEC_AT(&e->items, edit, (size_t)t[k].edit), head, sizeof head));
            a->nerr++;
        }
    }
}

/* Applies the edits to the region text and reads the result into inst. */
static sn_status load_edited(sn_instance *inst, const char *text, size_t len, const sn_edits *e,
                             char **effective, sn_diag *diag)
{
    cJSON *root = NULL;
    size_t off;
    snp_jsonin_error jerr;
    int ok = snp_jsonin_is_blank(text, len) ? 0 : snp_jsonin_prescan(text, len, 2000000, &jerr);
    sn_status pst = ok < 0    ? SN_ENOMEM
                    : ok == 0 ? SN_EINPUT
                              : snp_jsonin_parse(text, len, &root, &off);
    if (pst == SN_ENOMEM) { /* not a reason to read the region without its edits */
        snp_diag_add(diag, SN_ENOMEM, inst->file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    if (pst != SN_OK || !cJSON_IsObject(root)) {
        cJSON_Delete(root);
        /* not a JSON object: the plain reader reports it, with line and column */
        return snp_instance_parse(inst, text, len, diag);
    }
    int n = sn_edits_count(e);
    applier a;
    memset(&a, 0, sizeof a);
    a.file = inst->file;
    a.diag = diag;
    a.arena = &inst->arena;
    snp_vec_init(&a.touches, sizeof(touch));
    a.effects = n > 0 ? snp_arena_array(&inst->arena, (size_t)n, sizeof *a.effects) : NULL;
    if (n > 0 && !a.effects)
        a.nomem = 1;
    for (int i = 0; i < n && !a.nomem; i++) {
        a.cur = &SNP_VEC_AT(&e->items, edit, (size_t)i);
        a.cur_index = i;
        switch (a.cur->kind) {
        case SN_EDIT_SET:
            apply_set(&a, root);
            break;
        case SN_EDIT_SCENARIO:
            apply_scenario(&a, root);
            break;
        case SN_EDIT_FORCE:
        case SN_EDIT_FORBID:
            (void)apply_status(&a, root, a.cur->arg,
                               a.cur->kind == SN_EDIT_FORCE ? "forced" : "forbidden");
            break;
        case SN_EDIT_LAYOUT:
            apply_layout(&a, root);
            break;
        case SN_EDIT_WITHOUT:
            apply_without(&a, root);
            break;
        case SN_EDIT_WAYS:
            apply_ways(&a, root);
            break;
        }
    }
    /* the changed region is read even when an override failed: every problem at once */
    sn_status st = SN_OK;
    char *changed = NULL;
    if (!a.nomem) {
        if (a.touches.len > 0) {
            qsort(a.touches.data, a.touches.len, sizeof(touch), touch_cmp);
            snp_path p;
            snp_path_init(&p);
            touch_paths(&a, root, &p);
        }
        changed = a.nomem ? NULL : cJSON_PrintUnformatted(root);
        if (!changed)
            a.nomem = 1;
    }
    if (!a.nomem) {
        int start = diag ? diag->count : 0;
        st = snp_instance_parse(inst, changed, strlen(changed), diag);
        if (st == SN_EINPUT)
            annotate(&a, e, start);
        if (st == SN_OK)
            check_appended(&a, e, inst);
        if (st == SN_OK && a.nerr > 0)
            st = SN_EINPUT;
        if (st == SN_OK && effective) {
            *effective = cJSON_Print(root);
            if (!*effective)
                st = SN_ENOMEM;
        }
    } else
        st = a.nomem ? SN_ENOMEM : SN_EINPUT;
    if (st == SN_OK && n > 0) {
        inst->edits = snp_arena_array(&inst->arena, (size_t)n, sizeof *inst->edits);
        if (!inst->edits)
            st = SN_ENOMEM;
        for (int i = 0; st == SN_OK && i < n; i++) {
            char head[SNP_PATH_MAX + 300];
            const edit *it = &SNP_VEC_AT(&e->items, edit, (size_t)i);
            inst->edits[i].text = snp_arena_strdup(&inst->arena, edit_text(it, head, sizeof head));
            inst->edits[i].effect = a.effects[i] ? a.effects[i] : "";
            if (!inst->edits[i].text)
                st = SN_ENOMEM;
        }
        inst->n_edits = st == SN_OK ? n : 0;
    }
    if (st == SN_ENOMEM)
        snp_diag_add(diag, SN_ENOMEM, inst->file, NULL, "out of memory");
    cJSON_free(changed);
    snp_vec_free(&a.touches);
    cJSON_Delete(root);
    return st;
}

sn_status sn_instance_load_file_edited(const char *path, const sn_edits *e, sn_instance **out,
                                       char **effective, sn_diag *diag)
{
    if (out)
        *out = NULL;
    if (effective)
        *effective = NULL;
    if (!path || !out) {
        snp_diag_add(diag, SN_EUSAGE, NULL, NULL, "sn_instance_load_file_edited: NULL argument");
        return SN_EUSAGE;
    }
    if (sn_edits_count(e) == 0 && !effective)
        return sn_instance_load_file(path, out, diag);
    char *text = NULL;
    size_t len = 0;
    sn_status st = snp_instance_read_file(path, &text, &len, diag);
    if (st != SN_OK)
        return st;
    sn_instance *in = snp_instance_new(path);
    if (!in) {
        snp_free(text);
        snp_diag_add(diag, SN_ENOMEM, path, NULL, "out of memory");
        return SN_ENOMEM;
    }
    st = load_edited(in, text, len, e, effective, diag);
    snp_free(text);
    if (st != SN_OK) {
        if (effective) {
            cJSON_free(*effective);
            *effective = NULL;
        }
        sn_instance_free(in);
        return st;
    }
    *out = in;
    return SN_OK;
}

void sn_free(void *p)
{
    snp_free(p);
}

int sn_instance_edit_count(const sn_instance *inst)
{
    return inst ? inst->n_edits : 0;
}

const char *sn_instance_edit(const sn_instance *inst, int i)
{
    return inst && i >= 0 && i < inst->n_edits ? inst->edits[i].text : NULL;
}

const char *sn_instance_edit_effect(const sn_instance *inst, int i)
{
    return inst && i >= 0 && i < inst->n_edits ? inst->edits[i].effect : NULL;
}
