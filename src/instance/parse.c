/*
 * parse.c - region JSON -> sn_instance, the first stage of the pipeline; with solution_read.c
 * one of the two readers of the instance module that walk a cJSON tree (jsonin.c holds the
 * syntax pre-scan and the cJSON call they share).
 *
 * Steps: (1) the strict pre-scan of jsonin.c reports the first syntax error as FILE:LINE:COL
 * with its JSON path and the source line, and enforces the nesting and size limits before cJSON
 * recurses or allocates; (2) cJSON parses the text; (3) the ids of resources and nodes are
 * collected so references resolve in any document order; (4) the tree is walked in document
 * order, every value is checked against docs/format.md and copied into the instance's arena,
 * and every problem is reported with its JSON path; (5) defaults that depend on other sections
 * (lifetimes, corridor capital per km) are filled in; (6) the cross-entity rules of validate.c
 * run, also after errors (skipping what could not be read), and their messages are merged with
 * the walk's in document order, located through the tree. The cJSON tree is deleted before
 * returning.
 *
 * Document order: the walk visits the keys of every object in the order written. Two things are
 * needed before their place in the document: the resources (for quality attributes) and a hub's
 * outputs (for its inputs' yields). They are parsed first into a side diagnostic list, which is
 * spliced into the main list when the walk reaches them, so messages stay in document order.
 */
#include "instance_int.h"
#include "jsonin.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Input limits (docs/format.md, "Input limits"). */
#define MAX_VALUES 2000000 /* JSON values in the document (depth: SNP_JSONIN_MAX_DEPTH) */
#define NUM_LIMIT 1e12     /* largest magnitude accepted for any number */
#define ID_MAX 64
#define QUOTE_CHARS 40

/* ---- parser state ----------------------------------------------------------------------- */

typedef struct id_entry {
    const char *id;      /* borrowed from the cJSON tree */
    int index;           /* resource index or node index */
    const char *section; /* "resources", "facilities", ... */
    int local;           /* index within the section */
} id_entry;

typedef struct parser {
    sn_instance *in;
    sn_diag *diag;
    snp_path path;
    int nomem;
    int nerr;                   /* errors reported by this parse, kept or dropped */
    snp_vec res_ids;            /* id_entry, sorted by id then index */
    snp_vec node_ids;           /* id_entry over facilities, hubs, junctions */
    snp_vec link_ids;           /* only for duplicate detection */
    snp_vec corr_ids;           /* only for duplicate detection */
    const cJSON *root;          /* the document */
    int coords_known;           /* region.coordinates was read */
    unsigned char *corr_per_km; /* per corridor: capital was given per km */
} parser;

static void perr(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void perr(parser *p, const char *fmt, ...)
{
    const char *path = snp_path_str(&p->path);
    va_list ap;
    va_start(ap, fmt);
    snp_diag_vadd(p->diag, SN_EINPUT, p->in->file, path[0] ? path : "top level", fmt, ap);
    va_end(ap);
    p->nerr++;
}

static void oom(parser *p)
{
    p->nomem = 1;
}

static void push_key(parser *p, const char *k)
{
    snp_path_push_key(&p->path, k ? k : "?");
}

static void push_index(parser *p, int i)
{
    snp_path_push_index(&p->path, (size_t)i);
}

static void pop(parser *p)
{
    snp_path_pop(&p->path);
}

/* Copies diagnostics collected on the side into dst, keeping the cap and the dropped count. */
static void splice(sn_diag *dst, const sn_diag *src)
{
    if (!dst || !src)
        return;
    for (int i = 0; i < src->count; i++) {
        const sn_error *e = &src->errors[i];
        snp_diag_add(dst, e->code, e->file, e->path, "%s", e->message);
        if (e->line > 0)
            snp_diag_set_pos(dst, e->line, e->col);
    }
    dst->dropped += src->dropped;
    for (int i = 0; i < src->warning_count; i++) {
        const sn_error *e = &src->warnings[i];
        snp_diag_warn(dst, e->file, e->path, "%s", e->message);
    }
    dst->warnings_dropped += src->warnings_dropped;
}

/* ---- UTF-8 and value descriptions ------------------------------------------------------- */

/* Returns -1 when s is valid UTF-8, else the offset of the first bad byte. */
static long utf8_bad_offset(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    size_t i = 0;
    while (i < n) {
        size_t k = snp_jsonin_utf8_seq(u + i, n - i);
        if (k == 0)
            return (long)i;
        i += k;
    }
    return -1;
}

typedef struct qbuf {
    char s[QUOTE_CHARS * 4 + 16];
} qbuf;

/* s in double quotes with escapes, cut after QUOTE_CHARS characters ("..." marks the cut).
 * Invalid UTF-8 bytes show as \xNN. */
static const char *quote(const char *s, qbuf *b)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, o = 0;
    const size_t cap = sizeof b->s;
    int chars = 0;
    b->s[o++] = '"';
    while (i < n && o + 12 < cap) {
        if (chars == QUOTE_CHARS) {
            memcpy(b->s + o, "...", 3);
            o += 3;
            break;
        }
        unsigned c = u[i];
        size_t k = snp_jsonin_utf8_seq(u + i, n - i);
        if (c == '"' || c == '\\') {
            b->s[o++] = '\\';
            b->s[o++] = (char)c;
            i++;
        } else if (c == '\n') {
            memcpy(b->s + o, "\\n", 2);
            o += 2;
            i++;
        } else if (c == '\t') {
            memcpy(b->s + o, "\\t", 2);
            o += 2;
            i++;
        } else if (c < 0x20 || c == 0x7F || k == 0) {
            o += (size_t)snprintf(b->s + o, cap - o, "\\x%02X", c);
            i++;
        } else {
            memcpy(b->s + o, u + i, k);
            o += k;
            i += k;
        }
        chars++;
    }
    b->s[o++] = '"';
    b->s[o] = '\0';
    return b->s;
}

/* A compact description of a JSON value for "got ..." */
static const char *describe(const cJSON *v, qbuf *b)
{
    if (!v)
        return "nothing";
    if (cJSON_IsString(v))
        return quote(v->valuestring ? v->valuestring : "", b);
    if (cJSON_IsNumber(v)) {
        if (!isfinite(v->valuedouble))
            return v->valuedouble < 0 ? "a negative number too large to represent"
                                      : "a number too large to represent";
        snp_fmt_double(b->s, sizeof b->s, v->valuedouble);
        return b->s;
    }
    if (cJSON_IsObject(v))
        return v->child ? "an object" : "an empty object";
    if (cJSON_IsArray(v))
        return v->child ? "an array" : "an empty array";
    if (cJSON_IsTrue(v))
        return "true";
    if (cJSON_IsFalse(v))
        return "false";
    if (cJSON_IsNull(v))
        return "null";
    return "an invalid value";
}

/* ---- suggestions ------------------------------------------------------------------------ */

#define SUGGEST_LEN 64 /* names longer than this get no suggestion */

/* Edit distance (insertions, deletions, substitutions, adjacent swaps) between a and b, or a
 * large number when either is longer than SUGGEST_LEN. */
static int edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > SUGGEST_LEN || m > SUGGEST_LEN)
        return 1000;
    int d[SUGGEST_LEN + 1][SUGGEST_LEN + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

/* Keeps *best the closest of the candidates offered so far to `typo`: a candidate counts when
 * it differs only in case, or by at most a third of its length (at most 3 edits). */
typedef struct suggestion {
    const char *best;
    int dist;
} suggestion;

static void suggest_offer(suggestion *s, const char *typo, const char *cand)
{
    if (!cand || !typo || strcmp(typo, cand) == 0)
        return;
    int dist;
    size_t n = strlen(cand);
    if (n <= SUGGEST_LEN && strlen(typo) == n) {
        size_t k = 0;
        while (k < n && tolower((unsigned char)typo[k]) == tolower((unsigned char)cand[k]))
            k++;
        if (k == n) {
            dist = 0; /* only the case differs */
            goto take;
        }
    }
    dist = edit_distance(typo, cand);
    if (dist > 3 || (size_t)dist * 3 > n)
        return;
take:
    if (!s->best || dist < s->dist) {
        s->best = cand;
        s->dist = dist;
    }
}

/* ---- id maps ---------------------------------------------------------------------------- */

static int id_entry_cmp(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

/* The entry with the lowest index among those with this id, or NULL. */
static const id_entry *id_find(const snp_vec *map, const char *id)
{
    size_t lo = 0, hi = map->len;
    const id_entry *e = map->data;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(e[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < map->len && strcmp(e[lo].id, id) == 0)
        return &e[lo];
    return NULL;
}

/* Is e (as id_find returns it) the only entry with its id? A reference to an id defined twice
 * is left unresolved (-1): the duplicate is reported where it is defined, and the cross-entity
 * checks skip what they cannot know. */
static int id_defined_once(const snp_vec *map, const id_entry *e)
{
    const id_entry *all = map->data;
    size_t k = (size_t)(e - all);
    return k + 1 >= map->len || strcmp(all[k + 1].id, e->id) != 0;
}

/* Adds the ids of an entity array (silently: errors are reported by the walk). */
static void collect_ids(parser *p, snp_vec *map, const cJSON *arr, const char *section, int base)
{
    if (!cJSON_IsArray(arr))
        return;
    int i = 0;
    for (const cJSON *c = arr->child; c && !p->nomem; c = c->next, i++) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(c, "id");
        if (!cJSON_IsString(id) || !id->valuestring)
            continue;
        id_entry e = {id->valuestring, base + i, section, i};
        if (!snp_vec_push(map, &e))
            oom(p);
    }
}

static void sort_ids(snp_vec *map)
{
    if (map->len > 1)
        qsort(map->data, map->len, map->elem, id_entry_cmp);
}

/* Reports a duplicate id: one defined earlier than `index` in the same namespace. */
static void check_dup_id(parser *p, const snp_vec *map, const char *id, int index)
{
    if (!id)
        return;
    const id_entry *e = id_find(map, id);
    if (e && e->index != index) {
        qbuf q;
        perr(p, "duplicate id %s (first defined at %s[%d].id)", quote(id, &q), e->section,
             e->local);
    }
}

/* ---- keys ------------------------------------------------------------------------------- */

#define BIT(k) (1u << (k))

static int is_notes_ok(parser *p, const cJSON *v);

/* The index of c's key in names (NULL-terminated, ending with "notes"), or -1 when the key was
 * unknown, duplicated or "notes" (all handled here). */
static int key_of(parser *p, const cJSON *c, const char *const *names, unsigned *seen)
{
    const char *key = c->string ? c->string : "";
    int n = 0;
    while (names[n] && strcmp(names[n], key) != 0)
        n++;
    if (!names[n]) {
        suggestion sg = {NULL, 0};
        for (int i = 0; names[i]; i++)
            suggest_offer(&sg, key, names[i]);
        qbuf q;
        push_key(p, key);
        if (sg.best) {
            perr(p, "unknown key %s (did you mean \"%s\"?)", quote(key, &q), sg.best);
        } else {
            char list[400];
            size_t o = 0;
            list[0] = '\0';
            for (int i = 0; names[i] && o < sizeof list; i++)
                o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", names[i]);
            perr(p, "unknown key %s (expected one of: %s)", quote(key, &q), list);
        }
        pop(p);
        return -1;
    }
    if (*seen & BIT(n)) {
        qbuf q;
        push_key(p, key);
        perr(p, "duplicate key %s (a key may appear once per object)", quote(key, &q));
        pop(p);
        return -1;
    }
    *seen |= BIT(n);
    if (strcmp(key, "notes") == 0) {
        push_key(p, key);
        (void)is_notes_ok(p, c);
        pop(p);
        return -1;
    }
    return n;
}

static void require_keys(parser *p, const char *const *names, unsigned required, unsigned seen)
{
    for (int i = 0; names[i]; i++)
        if ((required & BIT(i)) && !(seen & BIT(i)))
            perr(p, "missing required key \"%s\"", names[i]);
}

/* For maps with free keys (quality, yields): reports a key given twice. Returns 1 if c's key
 * appeared in an earlier sibling. */
static int map_key_dup(parser *p, const cJSON *obj, const cJSON *c)
{
    for (const cJSON *e = obj->child; e && e != c; e = e->next) {
        if (e->string && c->string && strcmp(e->string, c->string) == 0) {
            qbuf q;
            perr(p, "duplicate key %s (a key may appear once per object)", quote(c->string, &q));
            return 1;
        }
    }
    return 0;
}

/* ---- typed getters: each reports its own error and returns 0 on failure ---------------- */

static int expect_object(parser *p, const cJSON *v)
{
    if (cJSON_IsObject(v))
        return 1;
    qbuf q;
    perr(p, "expected an object, got %s", describe(v, &q));
    return 0;
}

/* Checks an array; min_one: it must not be empty. */
static int expect_array(parser *p, const cJSON *v, int min_one)
{
    qbuf q;
    if (!cJSON_IsArray(v)) {
        perr(p, "expected %s, got %s", min_one ? "a non-empty array" : "an array", describe(v, &q));
        return 0;
    }
    if (min_one && !v->child) {
        perr(p, "expected a non-empty array, got an empty array");
        return 0;
    }
    return 1;
}

/* A hint for a string or null where a number was expected. */
static const char *number_hint(const cJSON *v)
{
    if (cJSON_IsNull(v))
        return " (to leave an optional value unset, leave out its key)";
    if (!cJSON_IsString(v) || !v->valuestring)
        return "";
    const char *s = v->valuestring;
    char *end;
    double x = strtod(s, &end);
    if (end != s && *end == '\0') {
        if (isnan(x) || isinf(x))
            return " (JSON has no NaN or infinity: every number must be finite)";
        return " (a string: write numbers without quotes)";
    }
    if (end != s && isdigit((unsigned char)s[0]))
        return " (a string: write the number alone, without quotes or units)";
    return "";
}

/* NUM_LIFE: lifetimes, in years; NUM_KM: given lengths, in km (docs/format.md, "Input limits"). */
/* Lists inside one entity are short in any real region; these caps keep every check on them
 * linear in the size of the file (docs/format.md, "Input limits"). */
#define LIST_MAX 100  /* attributes, sizes, capacities, inputs, outputs, substitutes, limits */
#define FLOW_MAX 1000 /* supplies or demands of a facility, resources of a junction */

/* Checks that an array or object holds at most max entries. */
static int within(parser *p, const cJSON *v, int max, const char *what)
{
    int n = cJSON_GetArraySize(v);
    if (n <= max)
        return 1;
    perr(p, "expected at most %d %s, got %d", max, what, n);
    return 0;
}

typedef enum numkind { NUM_ANY = 0, NUM_GE0, NUM_GT0, NUM_FRAC, NUM_GE1, NUM_LIFE, NUM_KM } numkind;

static int get_num(parser *p, const cJSON *v, numkind k, double *out)
{
    static const char *const text[] = {"a number",
                                       "a number >= 0",
                                       "a number > 0",
                                       "a number in [0, 1)",
                                       "a number >= 1",
                                       "a number of years in [1, 1000]",
                                       "a number of km in (0, 100000]"};
    qbuf q;
    if (!cJSON_IsNumber(v)) {
        perr(p, "expected %s, got %s%s", text[k], describe(v, &q), number_hint(v));
        return 0;
    }
    double x = v->valuedouble;
    int ok = isfinite(x);
    switch (k) {
    case NUM_ANY:
        break;
    case NUM_GE0:
        ok = ok && x >= 0;
        break;
    case NUM_GT0:
        ok = ok && x > 0;
        break;
    case NUM_FRAC:
        ok = ok && x >= 0 && x < 1;
        break;
    case NUM_GE1:
        ok = ok && x >= 1;
        break;
    case NUM_LIFE:
        ok = ok && x >= 1 && x <= 1000;
        break;
    case NUM_KM:
        ok = ok && x > 0 && x <= 1e5;
        break;
    }
    if (!ok) {
        perr(p, "expected %s, got %s", text[k], describe(v, &q));
        return 0;
    }
    if (fabs(x) > NUM_LIMIT) {
        perr(p, "expected %s of magnitude at most 1e12 (the input limit), got %s", text[k],
             describe(v, &q));
        return 0;
    }
    *out = x;
    return 1;
}

/* Checks that v is a string of valid UTF-8; returns it (borrowed) or NULL. */
static const char *check_str(parser *p, const cJSON *v, const char *what)
{
    qbuf q;
    if (!cJSON_IsString(v) || !v->valuestring) {
        perr(p, "expected %s, got %s", what, describe(v, &q));
        return NULL;
    }
    long bad = utf8_bad_offset(v->valuestring);
    if (bad >= 0) {
        perr(p, "expected %s in UTF-8, got invalid byte 0x%02X at byte %ld of the string", what,
             (unsigned)(unsigned char)v->valuestring[bad], bad);
        return NULL;
    }
    return v->valuestring;
}

static const char *copy_str(parser *p, const char *s)
{
    char *d = snp_arena_strdup(&p->in->arena, s);
    if (!d)
        oom(p);
    return d;
}

/* A string copied into the arena, or NULL after an error. */
static const char *get_str(parser *p, const cJSON *v)
{
    const char *s = check_str(p, v, "a string");
    return s ? copy_str(p, s) : NULL;
}

static int is_notes_ok(parser *p, const cJSON *v)
{
    qbuf q;
    if (cJSON_IsString(v))
        return check_str(p, v, "a string") != NULL;
    if (!cJSON_IsArray(v)) {
        perr(p, "expected a string or an array of strings, got %s", describe(v, &q));
        return 0;
    }
    int i = 0, ok = 1;
    for (const cJSON *c = v->child; c; c = c->next, i++) {
        push_index(p, i);
        if (!check_str(p, c, "a string"))
            ok = 0;
        pop(p);
    }
    return ok;
}

static int id_syntax_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == ':' || c == '-'))
            return 0;
    }
    return 1;
}

#define ID_EXPECTED "an id (1 to 64 characters from A-Z a-z 0-9 _ . : -)"

/* An id copied into the arena, or NULL after an error. */
static const char *get_id(parser *p, const cJSON *v)
{
    qbuf q;
    if (!cJSON_IsString(v) || !v->valuestring || !id_syntax_ok(v->valuestring)) {
        perr(p, "expected " ID_EXPECTED ", got %s", describe(v, &q));
        return NULL;
    }
    return copy_str(p, v->valuestring);
}

/* One of names (NULL-terminated); *out is its index. */
/* Common spellings of enum values: {spelling, value}, suggested when given. */
static const char *const ENUM_ALIASES[][2] = {{"tonne", "t"},
                                              {"tonnes", "t"},
                                              {"ton", "t"},
                                              {"tons", "t"},
                                              {"l", "L"},
                                              {"litre", "L"},
                                              {"litres", "L"},
                                              {"liter", "L"},
                                              {"liters", "L"},
                                              {"m^3", "m3"},
                                              {"Nm^3", "Nm3"},
                                              {"units", "unit"},
                                              {"lon_lat", "lonlat"},
                                              {"planar", "planar_km"},
                                              {"km", "planar_km"},
                                              {"pipeline", "pipe"},
                                              {"road", "truck"},
                                              {"lorry", "truck"},
                                              {"optional", "candidate"},
                                              {"required", "forced"},
                                              {"must", "forced"},
                                              {"excluded", "forbidden"}};

static int get_enum(parser *p, const cJSON *v, const char *const *names, int *out)
{
    if (cJSON_IsString(v) && v->valuestring) {
        for (int i = 0; names[i]; i++) {
            if (strcmp(names[i], v->valuestring) == 0) {
                *out = i;
                return 1;
            }
        }
    }
    char list[300];
    size_t o = 0;
    int n = 0;
    suggestion sg = {NULL, 0};
    while (names[n]) {
        if (cJSON_IsString(v) && v->valuestring) {
            suggest_offer(&sg, v->valuestring, names[n]);
            for (size_t a = 0; a < sizeof ENUM_ALIASES / sizeof ENUM_ALIASES[0]; a++)
                if (strcmp(ENUM_ALIASES[a][0], v->valuestring) == 0 &&
                    strcmp(ENUM_ALIASES[a][1], names[n]) == 0)
                    sg.best = names[n], sg.dist = -1;
        }
        n++;
    }
    list[0] = '\0';
    for (int i = 0; i < n && o < sizeof list; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s\"%s\"",
                              i == 0 ? "" : (i == n - 1 ? " or " : ", "), names[i]);
    qbuf q;
    if (sg.best)
        perr(p, "expected %s, got %s (did you mean \"%s\"?)", list, describe(v, &q), sg.best);
    else
        perr(p, "expected %s, got %s", list, describe(v, &q));
    return 0;
}

/* Reports an unknown reference to a `kind` id: says when it is an id of the other namespace, or
 * suggests the closest id of the right one. */
static void unknown_ref(parser *p, const char *id, const char *kind, const snp_vec *map,
                        const snp_vec *other)
{
    qbuf q;
    const id_entry *o = id_find(other, id);
    if (o) {
        perr(p, "unknown %s %s (that is the id of %s[%d])", kind, quote(id, &q), o->section,
             o->local);
        return;
    }
    suggestion sg = {NULL, 0};
    if (!snp_diag_full(p->diag)) {
        const id_entry *e = map->data;
        for (size_t i = 0; i < map->len; i++)
            suggest_offer(&sg, id, e[i].id);
    }
    if (sg.best)
        perr(p, "unknown %s %s (did you mean \"%s\"?)", kind, quote(id, &q), sg.best);
    else
        perr(p, "unknown %s %s", kind, quote(id, &q));
}

/* A reference to a resource; *out is its index. */
static int get_resource_ref(parser *p, const cJSON *v, int *out)
{
    qbuf q;
    if (!cJSON_IsString(v) || !v->valuestring) {
        perr(p, "expected a resource id, got %s", describe(v, &q));
        return 0;
    }
    const id_entry *e = id_find(&p->res_ids, v->valuestring);
    if (!e) {
        unknown_ref(p, v->valuestring, "resource", &p->res_ids, &p->node_ids);
        return 0;
    }
    *out = id_defined_once(&p->res_ids, e) ? e->index : -1;
    return 1;
}

/* A reference to a facility, hub or junction; *out is its node index. */
static int get_node_ref(parser *p, const cJSON *v, int *out)
{
    qbuf q;
    if (!cJSON_IsString(v) || !v->valuestring) {
        perr(p, "expected the id of a facility, hub or junction, got %s", describe(v, &q));
        return 0;
    }
    const id_entry *e = id_find(&p->node_ids, v->valuestring);
    if (!e) {
        unknown_ref(p, v->valuestring, "facility, hub or junction", &p->node_ids, &p->res_ids);
        return 0;
    }
    *out = id_defined_once(&p->node_ids, e) ? e->index : -1;
    return 1;
}

/* Resolves a reference without reporting anything (the walk reports it at its place). */
static int peek_resource(parser *p, const cJSON *obj)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "resource");
    if (!cJSON_IsString(v) || !v->valuestring)
        return -1;
    const id_entry *e = id_find(&p->res_ids, v->valuestring);
    return e ? e->index : -1;
}

static int get_point(parser *p, const cJSON *v, snp_point *pt)
{
    qbuf q;
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2) {
        if (cJSON_IsArray(v) && v->child)
            perr(p, "expected a location [x, y] of two numbers, got an array of %d value%s",
                 cJSON_GetArraySize(v), cJSON_GetArraySize(v) == 1 ? "" : "s");
        else
            perr(p, "expected a location [x, y] of two numbers, got %s", describe(v, &q));
        return 0;
    }
    int ok = 1;
    push_index(p, 0);
    ok &= get_num(p, v->child, NUM_ANY, &pt->x);
    pop(p);
    push_index(p, 1);
    ok &= get_num(p, v->child->next, NUM_ANY, &pt->y);
    pop(p);
    return ok;
}

static const char *const STATUS_NAMES[] = {"candidate", "forced", "forbidden", NULL};
static const char *const MODE_NAMES[] = {"pipe", "truck", NULL};
static const char *const COORD_NAMES[] = {"lonlat", "planar_km", NULL};
static const char *const UNIT_NAMES[] = {"t",   "kg", "m3",  "L",    "MWh",
                                         "kWh", "GJ", "Nm3", "unit", NULL};

static void get_status(parser *p, const cJSON *v, snp_item_status *out)
{
    int k;
    if (get_enum(p, v, STATUS_NAMES, &k))
        *out = k == 1 ? SNP_STATUS_FORCED : k == 2 ? SNP_STATUS_FORBIDDEN : SNP_STATUS_CANDIDATE;
}

/* Allocates n zeroed elements in the arena (NULL for n == 0). */
static void *arena_array(parser *p, int n, size_t elem)
{
    if (n <= 0)
        return NULL;
    void *a = snp_arena_array(&p->in->arena, (size_t)n, elem);
    if (!a)
        oom(p);
    return a;
}

/* ---- region ----------------------------------------------------------------------------- */

enum { RG_NAME, RG_COORDS, RG_CURRENCY, RG_RATE, RG_LIFE, RG_CARBON, RG_BUDGET, RG_CO2CAP };
static const char *const REGION_KEYS[] = {
    "name",         "coordinates",    "currency",         "discount_rate", "lifetime_yr",
    "carbon_price", "capital_budget", "co2_cap_t_per_yr", "notes",         NULL};

static void parse_region(parser *p, const cJSON *v)
{
    sn_instance *in = p->in;
    if (!expect_object(p, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, REGION_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        qbuf q;
        int e;
        switch (k) {
        case RG_NAME:
            if (cJSON_IsString(c) && c->valuestring && !c->valuestring[0])
                perr(p, "expected a non-empty string, got \"\"");
            else
                in->name = get_str(p, c);
            break;
        case RG_COORDS:
            if (cJSON_IsString(c) && c->valuestring && !strcmp(c->valuestring, "latlon"))
                perr(p, "expected \"lonlat\" or \"planar_km\", got \"latlon\" (symnet takes "
                        "\"lonlat\": every location as [longitude, latitude])");
            else if (get_enum(p, c, COORD_NAMES, &e)) {
                in->coords = e == 1 ? SNP_COORDS_PLANAR_KM : SNP_COORDS_LONLAT;
                p->coords_known = 1;
            }
            break;
        case RG_CURRENCY:
            if (!cJSON_IsString(c) || !c->valuestring || strlen(c->valuestring) != 3 ||
                strspn(c->valuestring, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
                perr(p, "expected a 3-letter currency code such as \"EUR\", got %s",
                     describe(c, &q));
            else
                in->currency = copy_str(p, c->valuestring);
            break;
        case RG_RATE:
            (void)get_num(p, c, NUM_FRAC, &in->discount_rate);
            break;
        case RG_LIFE:
            (void)get_num(p, c, NUM_LIFE, &in->lifetime_yr);
            break;
        case RG_CARBON:
            (void)get_num(p, c, NUM_GE0, &in->carbon_price);
            break;
        case RG_BUDGET:
            in->has_budget = get_num(p, c, NUM_GE0, &in->budget);
            break;
        case RG_CO2CAP:
            in->has_co2_cap = get_num(p, c, NUM_GE0, &in->co2_cap_t_per_yr);
            break;
        default:
            break;
        }
        pop(p);
    }
    require_keys(p, REGION_KEYS,
                 BIT(RG_NAME) | BIT(RG_COORDS) | BIT(RG_CURRENCY) | BIT(RG_RATE) | BIT(RG_LIFE),
                 seen);
}

/* ---- resources -------------------------------------------------------------------------- */

static int cmp_size(const void *a, const void *b)
{
    const snp_size_option *x = a, *y = b;
    if (x->capacity != y->capacity)
        return x->capacity < y->capacity ? -1 : 1;
    return (x->capital_per_km > y->capital_per_km) - (x->capital_per_km < y->capital_per_km);
}

enum { SZ_CAPACITY, SZ_CAPITAL };
static const char *const SIZE_KEYS[] = {"capacity", "capital_per_km", "notes", NULL};

static void parse_sizes(parser *p, const cJSON *v, snp_pipe_spec *ps)
{
    if (!expect_array(p, v, 1) || !within(p, v, LIST_MAX, "pipe sizes"))
        return;
    int n = cJSON_GetArraySize(v);
    ps->sizes = arena_array(p, n, sizeof *ps->sizes);
    if (!ps->sizes)
        return;
    ps->n_sizes = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->nomem; e = e->next, i++) {
        push_index(p, i);
        if (expect_object(p, e)) {
            unsigned seen = 0;
            for (const cJSON *c = e->child; c; c = c->next) {
                int k = key_of(p, c, SIZE_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == SZ_CAPACITY)
                    (void)get_num(p, c, NUM_GT0, &ps->sizes[i].capacity);
                else
                    (void)get_num(p, c, NUM_GE0, &ps->sizes[i].capital_per_km);
                pop(p);
            }
            require_keys(p, SIZE_KEYS, BIT(SZ_CAPACITY) | BIT(SZ_CAPITAL), seen);
        }
        pop(p);
    }
    qsort(ps->sizes, (size_t)n, sizeof *ps->sizes, cmp_size);
}

enum {
    PI_CIVIL,
    PI_CAP_KM,
    PI_CAP_KM_UNIT,
    PI_SIZES,
    PI_OPEX,
    PI_CO2,
    PI_LOSS,
    PI_LIFE,
    PI_MAXKM,
    PI_DETOUR
};
static const char *const PIPE_KEYS[] = {"civil_capital_per_km",
                                        "capital_per_km",
                                        "capital_per_km_per_unit",
                                        "sizes",
                                        "opex_per_unit_km",
                                        "co2_per_unit_km",
                                        "loss_per_km",
                                        "lifetime_yr",
                                        "max_km",
                                        "detour",
                                        "notes",
                                        NULL};

static void parse_pipe(parser *p, const cJSON *v, snp_pipe_spec *ps)
{
    ps->max_km = INFINITY;
    ps->detour = 1.0;
    ps->lifetime_yr = 0; /* filled from the region after the walk */
    if (!expect_object(p, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, PIPE_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case PI_CIVIL:
            (void)get_num(p, c, NUM_GE0, &ps->civil_capital_per_km);
            break;
        case PI_CAP_KM:
            (void)get_num(p, c, NUM_GE0, &ps->capital_per_km);
            break;
        case PI_CAP_KM_UNIT:
            (void)get_num(p, c, NUM_GE0, &ps->capital_per_km_per_unit);
            break;
        case PI_SIZES:
            parse_sizes(p, c, ps);
            break;
        case PI_OPEX:
            (void)get_num(p, c, NUM_GE0, &ps->opex_per_unit_km);
            break;
        case PI_CO2:
            (void)get_num(p, c, NUM_GE0, &ps->co2_per_unit_km);
            break;
        case PI_LOSS:
            (void)get_num(p, c, NUM_FRAC, &ps->loss_per_km);
            break;
        case PI_LIFE:
            (void)get_num(p, c, NUM_LIFE, &ps->lifetime_yr);
            break;
        case PI_MAXKM:
            (void)get_num(p, c, NUM_GT0, &ps->max_km);
            break;
        case PI_DETOUR:
            (void)get_num(p, c, NUM_GE1, &ps->detour);
            break;
        default:
            break;
        }
        pop(p);
    }
    if (ps->n_sizes > 0 && ps->capital_per_km_per_unit > 0)
        perr(p, "expected either \"sizes\" or \"capital_per_km_per_unit\" > 0, got both");
}

enum { TR_COST_KM, TR_CO2, TR_TRIP, TR_CAPACITY, TR_MAXKM, TR_DETOUR };
static const char *const TRUCK_KEYS[] = {
    "cost_per_unit_km", "co2_per_unit_km", "cost_per_trip", "truck_capacity",
    "max_km",           "detour",          "notes",         NULL};

static void parse_truck(parser *p, const cJSON *v, snp_truck_spec *ts)
{
    ts->max_km = INFINITY;
    ts->detour = 1.0;
    if (!expect_object(p, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, TRUCK_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case TR_COST_KM:
            (void)get_num(p, c, NUM_GE0, &ts->cost_per_unit_km);
            break;
        case TR_CO2:
            (void)get_num(p, c, NUM_GE0, &ts->co2_per_unit_km);
            break;
        case TR_TRIP:
            (void)get_num(p, c, NUM_GE0, &ts->cost_per_trip);
            break;
        case TR_CAPACITY:
            (void)get_num(p, c, NUM_GT0, &ts->truck_capacity);
            break;
        case TR_MAXKM:
            (void)get_num(p, c, NUM_GT0, &ts->max_km);
            break;
        case TR_DETOUR:
            (void)get_num(p, c, NUM_GE1, &ts->detour);
            break;
        default:
            break;
        }
        pop(p);
    }
    if (ts->cost_per_trip > 0 && !(seen & BIT(TR_CAPACITY)))
        perr(p, "missing required key \"truck_capacity\" (needed when cost_per_trip > 0)");
}

static void parse_attrs(parser *p, const cJSON *v, snp_resource *r)
{
    if (!expect_array(p, v, 0) || !within(p, v, LIST_MAX, "quality attributes"))
        return;
    int n = cJSON_GetArraySize(v);
    r->attrs = arena_array(p, n, sizeof *r->attrs);
    if (n > 0 && !r->attrs)
        return;
    r->n_attrs = n;
    int i = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next, i++) {
        push_index(p, i);
        const char *s = check_str(p, c, "an attribute name");
        if (s && !s[0]) {
            perr(p, "expected a non-empty attribute name, got \"\"");
        } else if (s) {
            int j = 0;
            const cJSON *e = v->child;
            for (; e != c; e = e->next, j++)
                if (cJSON_IsString(e) && e->valuestring && strcmp(e->valuestring, s) == 0)
                    break;
            qbuf q;
            if (e != c) {
                const char *path = snp_path_str(&p->path), *br = strrchr(path, '[');
                perr(p, "duplicate attribute %s (first at %.*s[%d])", quote(s, &q),
                     br ? (int)(br - path) : 0, path, j);
            } else
                r->attrs[i] = copy_str(p, s);
        }
        pop(p);
    }
}

enum { R_ID, R_NAME, R_UNIT, R_QUALITY, R_PIPE, R_TRUCK };
static const char *const RESOURCE_KEYS[] = {"id",   "name",  "unit",  "quality",
                                            "pipe", "truck", "notes", NULL};

static void parse_resource(parser *p, const cJSON *v, int idx)
{
    snp_resource *r = &p->in->resources[idx];
    if (!expect_object(p, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, RESOURCE_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        int u;
        switch (k) {
        case R_ID:
            r->id = get_id(p, c);
            check_dup_id(p, &p->res_ids, r->id, idx);
            break;
        case R_NAME:
            r->name = get_str(p, c);
            break;
        case R_UNIT:
            if (get_enum(p, c, UNIT_NAMES, &u))
                r->unit = UNIT_NAMES[u];
            break;
        case R_QUALITY:
            parse_attrs(p, c, r);
            break;
        case R_PIPE:
            r->has_pipe = 1;
            parse_pipe(p, c, &r->pipe);
            break;
        case R_TRUCK:
            r->has_truck = 1;
            parse_truck(p, c, &r->truck);
            break;
        default:
            break;
        }
        pop(p);
    }
    require_keys(p, RESOURCE_KEYS, BIT(R_ID) | BIT(R_UNIT), seen);
    if (!r->name)
        r->name = r->id;
}

/* ---- quality values --------------------------------------------------------------------- */

static void attr_list(const snp_resource *r, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < r->n_attrs && o < size; i++)
        if (r->attrs[i])
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", r->attrs[i]);
}

/* {attr: number} for resource `res` (an index, or -1 when unresolved): one value per attribute,
 * in attribute order. */
static double *parse_quality_values(parser *p, const cJSON *v, int res)
{
    if (!expect_object(p, v) || !within(p, v, LIST_MAX, "quality values"))
        return NULL;
    if (res < 0)
        return NULL; /* the unknown resource is reported at its own key */
    const snp_resource *r = &p->in->resources[res];
    double *vals = arena_array(p, r->n_attrs, sizeof *vals);
    if (r->n_attrs > 0 && !vals)
        return NULL;
    unsigned char *given = r->n_attrs > 0 ? snp_calloc((size_t)r->n_attrs, 1) : NULL;
    if (r->n_attrs > 0 && !given) {
        oom(p);
        return NULL;
    }
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        push_key(p, c->string);
        if (!map_key_dup(p, v, c)) {
            int a = 0;
            while (a < r->n_attrs && !(r->attrs[a] && c->string && !strcmp(r->attrs[a], c->string)))
                a++;
            if (a == r->n_attrs) {
                char list[300];
                qbuf q1, q2;
                attr_list(r, list, sizeof list);
                if (list[0])
                    perr(p, "unknown quality attribute %s (resource %s has: %s)",
                         quote(c->string ? c->string : "", &q1), quote(r->id ? r->id : "", &q2),
                         list);
                else
                    perr(p, "unknown quality attribute %s (resource %s has no attributes)",
                         quote(c->string ? c->string : "", &q1), quote(r->id ? r->id : "", &q2));
            } else if (get_num(p, c, NUM_ANY, &vals[a])) {
                given[a] = 1;
            } else {
                given[a] = 1; /* reported; not missing */
            }
        }
        pop(p);
    }
    for (int a = 0; a < r->n_attrs; a++) {
        if (!given[a] && r->attrs[a]) {
            qbuf q1, q2;
            perr(p, "missing value for quality attribute %s of resource %s",
                 quote(r->attrs[a], &q1), quote(r->id ? r->id : "", &q2));
        }
    }
    snp_free(given);
    return vals;
}

/* After an object with a "quality" key was walked: the values are required when the resource
 * has attributes. */
static void require_quality(parser *p, int res, int given)
{
    if (given || res < 0)
        return;
    const snp_resource *r = &p->in->resources[res];
    int named = 0;
    for (int a = 0; a < r->n_attrs; a++)
        named += r->attrs[a] != NULL;
    if (named == 0)
        return;
    char list[300];
    qbuf q;
    attr_list(r, list, sizeof list);
    perr(p, "missing required key \"quality\" (resource %s has attributes: %s)",
         quote(r->id ? r->id : "", &q), list);
}

/* ---- facilities ------------------------------------------------------------------------- */

enum { SU_RESOURCE, SU_AMOUNT, SU_DCOST, SU_DCO2, SU_QUALITY };
static const char *const SUPPLY_KEYS[] = {
    "resource", "amount", "disposal_cost", "disposal_co2", "quality", "notes", NULL};

static void parse_supply(parser *p, const cJSON *v, snp_supply *s)
{
    s->resource = -1;
    if (!expect_object(p, v))
        return;
    int res = peek_resource(p, v);
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, SUPPLY_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case SU_RESOURCE:
            (void)get_resource_ref(p, c, &s->resource);
            break;
        case SU_AMOUNT:
            (void)get_num(p, c, NUM_GT0, &s->amount);
            break;
        case SU_DCOST:
            s->has_disposal = get_num(p, c, NUM_ANY, &s->disposal_cost);
            break;
        case SU_DCO2:
            (void)get_num(p, c, NUM_GE0, &s->disposal_co2);
            break;
        case SU_QUALITY:
            s->quality = parse_quality_values(p, c, res);
            break;
        default:
            break;
        }
        pop(p);
    }
    require_keys(p, SUPPLY_KEYS, BIT(SU_RESOURCE) | BIT(SU_AMOUNT), seen);
    require_quality(p, res, (seen & BIT(SU_QUALITY)) != 0);
}

enum { SB_RESOURCE, SB_RATIO };
static const char *const SUBST_KEYS[] = {"resource", "ratio", "notes", NULL};

static void parse_substitutes(parser *p, const cJSON *v, snp_demand *d)
{
    if (!expect_array(p, v, 0) || !within(p, v, LIST_MAX, "substitutes"))
        return;
    int n = cJSON_GetArraySize(v);
    d->subs = arena_array(p, n, sizeof *d->subs);
    if (n > 0 && !d->subs)
        return;
    d->n_subs = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->nomem; e = e->next, i++) {
        snp_substitute *sb = &d->subs[i];
        sb->resource = -1;
        push_index(p, i);
        if (expect_object(p, e)) {
            unsigned seen = 0;
            for (const cJSON *c = e->child; c; c = c->next) {
                int k = key_of(p, c, SUBST_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == SB_RESOURCE)
                    (void)get_resource_ref(p, c, &sb->resource);
                else
                    (void)get_num(p, c, NUM_GT0, &sb->ratio);
                pop(p);
            }
            require_keys(p, SUBST_KEYS, BIT(SB_RESOURCE) | BIT(SB_RATIO), seen);
        }
        pop(p);
    }
}

enum { QL_MIN, QL_MAX };
static const char *const LIMIT_KEYS[] = {"min", "max", "notes", NULL};

static void parse_limits(parser *p, const cJSON *v, snp_demand *d)
{
    if (!expect_object(p, v) || !within(p, v, LIST_MAX, "quality limits"))
        return;
    int n = cJSON_GetArraySize(v);
    d->limits = arena_array(p, n, sizeof *d->limits);
    if (n > 0 && !d->limits)
        return;
    int i = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        push_key(p, c->string);
        if (map_key_dup(p, v, c)) {
            pop(p);
            continue;
        }
        const char *name = c->string ? c->string : "";
        long bad = utf8_bad_offset(name);
        if (bad >= 0 || !name[0]) {
            qbuf q;
            perr(p, "expected an attribute name in UTF-8, got %s", quote(name, &q));
            pop(p);
            continue;
        }
        snp_quality_limit *l = &d->limits[i++];
        l->attr = copy_str(p, name);
        if (expect_object(p, c)) {
            unsigned seen = 0;
            for (const cJSON *e = c->child; e; e = e->next) {
                int k = key_of(p, e, LIMIT_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, e->string);
                if (k == QL_MIN)
                    l->has_min = get_num(p, e, NUM_ANY, &l->min);
                else
                    l->has_max = get_num(p, e, NUM_ANY, &l->max);
                pop(p);
            }
            if (!(seen & (BIT(QL_MIN) | BIT(QL_MAX))))
                perr(p, "missing required key \"min\" or \"max\"");
        }
        pop(p);
    }
    d->n_limits = i;
}

enum { DE_RESOURCE, DE_AMOUNT, DE_PRICE, DE_CO2, DE_SUBS, DE_QUALITY };
static const char *const DEMAND_KEYS[] = {"resource",    "amount",  "price", "co2",
                                          "substitutes", "quality", "notes", NULL};

static void parse_demand(parser *p, const cJSON *v, snp_demand *d)
{
    d->resource = -1;
    if (!expect_object(p, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, DEMAND_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case DE_RESOURCE:
            (void)get_resource_ref(p, c, &d->resource);
            break;
        case DE_AMOUNT:
            (void)get_num(p, c, NUM_GT0, &d->amount);
            break;
        case DE_PRICE:
            d->has_price = get_num(p, c, NUM_ANY, &d->price);
            break;
        case DE_CO2:
            (void)get_num(p, c, NUM_GE0, &d->co2);
            break;
        case DE_SUBS:
            parse_substitutes(p, c, d);
            break;
        case DE_QUALITY:
            parse_limits(p, c, d);
            break;
        default:
            break;
        }
        pop(p);
    }
    require_keys(p, DEMAND_KEYS, BIT(DE_RESOURCE) | BIT(DE_AMOUNT), seen);
}

enum { FA_ID, FA_NAME, FA_SECTOR, FA_LOC, FA_SUPPLIES, FA_DEMANDS };
static const char *const FACILITY_KEYS[] = {"id",       "name",    "sector", "location",
                                            "supplies", "demands", "notes",  NULL};

static void parse_facility(parser *p, const cJSON *v, int idx)
{
    snp_facility *f = &p->in->facilities[idx];
    f->sector = "";
    if (!expect_object(p, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, FACILITY_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        int n, i = 0;
        switch (k) {
        case FA_ID:
            f->id = get_id(p, c);
            check_dup_id(p, &p->node_ids, f->id, idx);
            break;
        case FA_NAME:
            f->name = get_str(p, c);
            break;
        case FA_SECTOR: {
            const char *s = get_str(p, c);
            if (s)
                f->sector = s;
            break;
        }
        case FA_LOC:
            (void)get_point(p, c, &f->loc);
            break;
        case FA_SUPPLIES:
            if (!expect_array(p, c, 0) || !within(p, c, FLOW_MAX, "supplies"))
                break;
            n = cJSON_GetArraySize(c);
            f->supplies = arena_array(p, n, sizeof *f->supplies);
            if (n > 0 && !f->supplies)
                break;
            f->n_supplies = n;
            for (const cJSON *e = c->child; e && !p->nomem; e = e->next, i++) {
                push_index(p, i);
                parse_supply(p, e, &f->supplies[i]);
                pop(p);
            }
            break;
        case FA_DEMANDS:
            if (!expect_array(p, c, 0) || !within(p, c, FLOW_MAX, "demands"))
                break;
            n = cJSON_GetArraySize(c);
            f->demands = arena_array(p, n, sizeof *f->demands);
            if (n > 0 && !f->demands)
                break;
            f->n_demands = n;
            for (const cJSON *e = c->child; e && !p->nomem; e = e->next, i++) {
                push_index(p, i);
                parse_demand(p, e, &f->demands[i]);
                pop(p);
            }
            break;
        default:
            break;
        }
        pop(p);
    }
    require_keys(p, FACILITY_KEYS, BIT(FA_ID) | BIT(FA_LOC), seen);
    if (!f->name)
        f->name = f->id;
}

/* ---- hubs ------------------------------------------------------------------------------- */

static int cmp_capacity(const void *a, const void *b)
{
    const snp_hub_capacity *x = a, *y = b;
    if (x->capacity != y->capacity)
        return x->capacity < y->capacity ? -1 : 1;
    return (x->capital > y->capital) - (x->capital < y->capital);
}

enum { HC_CAPACITY, HC_CAPITAL, HC_OPEX };
static const char *const HUBCAP_KEYS[] = {"capacity", "capital", "fixed_opex", "notes", NULL};

static void parse_hub_capacities(parser *p, const cJSON *v, snp_hub *h)
{
    if (!expect_array(p, v, 1) || !within(p, v, LIST_MAX, "capacity options"))
        return;
    int n = cJSON_GetArraySize(v);
    h->capacities = arena_array(p, n, sizeof *h->capacities);
    if (!h->capacities)
        return;
    h->n_capacities = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->nomem; e = e->next, i++) {
        snp_hub_capacity *hc = &h->capacities[i];
        push_index(p, i);
        if (expect_object(p, e)) {
            unsigned seen = 0;
            for (const cJSON *c = e->child; c; c = c->next) {
                int k = key_of(p, c, HUBCAP_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == HC_CAPACITY)
                    (void)get_num(p, c, NUM_GT0, &hc->capacity);
                else if (k == HC_CAPITAL)
                    (void)get_num(p, c, NUM_GE0, &hc->capital);
                else
                    (void)get_num(p, c, NUM_GE0, &hc->fixed_opex);
                pop(p);
            }
            require_keys(p, HUBCAP_KEYS, BIT(HC_CAPACITY), seen);
        }
        pop(p);
    }
    qsort(h->capacities, (size_t)n, sizeof *h->capacities, cmp_capacity);
}

enum { HO_RESOURCE, HO_QUALITY, HO_DCOST, HO_DCO2 };
static const char *const HUBOUT_KEYS[] = {"resource",     "quality", "disposal_cost",
                                          "disposal_co2", "notes",   NULL};

static void parse_hub_outputs(parser *p, const cJSON *v, snp_hub *h)
{
    if (!expect_array(p, v, 1) || !within(p, v, LIST_MAX, "outputs"))
        return;
    int n = cJSON_GetArraySize(v);
    h->outputs = arena_array(p, n, sizeof *h->outputs);
    if (!h->outputs)
        return;
    h->n_outputs = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->nomem; e = e->next, i++) {
        snp_hub_output *o = &h->outputs[i];
        o->resource = -1;
        push_index(p, i);
        if (expect_object(p, e)) {
            int res = peek_resource(p, e);
            unsigned seen = 0;
            for (const cJSON *c = e->child; c && !p->nomem; c = c->next) {
                int k = key_of(p, c, HUBOUT_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == HO_RESOURCE)
                    (void)get_resource_ref(p, c, &o->resource);
                else if (k == HO_QUALITY)
                    o->quality = parse_quality_values(p, c, res);
                else if (k == HO_DCOST)
                    (void)get_num(p, c, NUM_ANY, &o->disposal_cost);
                else
                    (void)get_num(p, c, NUM_GE0, &o->disposal_co2);
                pop(p);
            }
            require_keys(p, HUBOUT_KEYS, BIT(HO_RESOURCE), seen);
            require_quality(p, res, (seen & BIT(HO_QUALITY)) != 0);
        }
        pop(p);
    }
}

/* {output resource id: number >= 0}, mapped to the hub's outputs (missing = 0). */
static void parse_yields(parser *p, const cJSON *v, const snp_hub *h, snp_hub_input *hi)
{
    if (!expect_object(p, v) || !within(p, v, LIST_MAX, "yields"))
        return;
    hi->yields = arena_array(p, h->n_outputs, sizeof *hi->yields);
    if (h->n_outputs > 0 && !hi->yields)
        return;
    int unresolved = 0; /* an output whose resource is unknown (reported there) */
    for (int j = 0; j < h->n_outputs; j++)
        unresolved |= h->outputs[j].resource < 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        push_key(p, c->string);
        if (!map_key_dup(p, v, c)) {
            int j = 0;
            for (; j < h->n_outputs; j++) {
                int r = h->outputs[j].resource;
                if (r >= 0 && p->in->resources[r].id && c->string &&
                    strcmp(p->in->resources[r].id, c->string) == 0)
                    break;
            }
            if (j < h->n_outputs) {
                (void)get_num(p, c, NUM_GE0, &hi->yields[j]);
            } else if (!unresolved) {
                char list[300];
                size_t o = 0;
                list[0] = '\0';
                for (int m = 0; m < h->n_outputs && o < sizeof list; m++) {
                    int r = h->outputs[m].resource;
                    if (r >= 0 && p->in->resources[r].id)
                        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", o ? ", " : "",
                                              p->in->resources[r].id);
                }
                qbuf q;
                perr(p, "expected an output resource of this hub (%s), got %s",
                     list[0] ? list : "none", quote(c->string ? c->string : "", &q));
            }
        }
        pop(p);
    }
}

enum { HI_RESOURCE, HI_YIELDS, HI_COST, HI_CO2 };
static const char *const HUBIN_KEYS[] = {"resource",     "yields", "cost_per_unit",
                                         "co2_per_unit", "notes",  NULL};

static void parse_hub_inputs(parser *p, const cJSON *v, snp_hub *h)
{
    if (!expect_array(p, v, 1) || !within(p, v, LIST_MAX, "inputs"))
        return;
    int n = cJSON_GetArraySize(v);
    h->inputs = arena_array(p, n, sizeof *h->inputs);
    if (!h->inputs)
        return;
    h->n_inputs = n;
    int i = 0;
    for (const cJSON *e = v->child; e && !p->nomem; e = e->next, i++) {
        snp_hub_input *hi = &h->inputs[i];
        hi->resource = -1;
        push_index(p, i);
        if (expect_object(p, e)) {
            unsigned seen = 0;
            for (const cJSON *c = e->child; c && !p->nomem; c = c->next) {
                int k = key_of(p, c, HUBIN_KEYS, &seen);
                if (k < 0)
                    continue;
                push_key(p, c->string);
                if (k == HI_RESOURCE)
                    (void)get_resource_ref(p, c, &hi->resource);
                else if (k == HI_YIELDS)
                    parse_yields(p, c, h, hi);
                else if (k == HI_COST)
                    (void)get_num(p, c, NUM_ANY, &hi->cost_per_unit);
                else
                    (void)get_num(p, c, NUM_GE0, &hi->co2_per_unit);
                pop(p);
            }
            require_keys(p, HUBIN_KEYS, BIT(HI_RESOURCE) | BIT(HI_YIELDS), seen);
        }
        pop(p);
    }
}

enum { HU_ID, HU_NAME, HU_KIND, HU_LOC, HU_LIFE, HU_STATUS, HU_CAPS, HU_INPUTS, HU_OUTPUTS };
static const char *const HUB_KEYS[] = {"id",          "name",   "kind",       "location",
                                       "lifetime_yr", "status", "capacities", "inputs",
                                       "outputs",     "notes",  NULL};

/* Parses v with fn into a side diagnostic list (see the file comment). */
typedef struct side {
    sn_diag *saved;
    sn_diag *tmp;
} side;

static void side_begin(parser *p, side *s)
{
    s->saved = p->diag;
    s->tmp = NULL;
    if (!p->diag)
        return;
    s->tmp = snp_alloc(sizeof *s->tmp);
    if (!s->tmp) {
        oom(p);
        return;
    }
    sn_diag_init(s->tmp);
    p->diag = s->tmp;
}

static void side_end(parser *p, side *s)
{
    p->diag = s->saved;
}

static void side_splice(parser *p, side *s)
{
    if (s->tmp)
        splice(p->diag, s->tmp);
}

static void side_free(side *s)
{
    snp_free(s->tmp);
    s->tmp = NULL;
}

static void parse_hub(parser *p, const cJSON *v, int idx)
{
    snp_hub *h = &p->in->hubs[idx];
    int node = p->in->n_facilities + idx;
    h->kind = "";
    h->status = SNP_STATUS_CANDIDATE;
    if (!expect_object(p, v))
        return;
    /* outputs first: the inputs' yields name them */
    const cJSON *outs = cJSON_GetObjectItemCaseSensitive(v, "outputs");
    side s = {NULL, NULL};
    if (outs) {
        side_begin(p, &s);
        if (p->nomem)
            return;
        push_key(p, "outputs");
        parse_hub_outputs(p, outs, h);
        pop(p);
        side_end(p, &s);
    }
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, HUB_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case HU_ID:
            h->id = get_id(p, c);
            check_dup_id(p, &p->node_ids, h->id, node);
            break;
        case HU_NAME:
            h->name = get_str(p, c);
            break;
        case HU_KIND: {
            const char *s2 = get_str(p, c);
            if (s2)
                h->kind = s2;
            break;
        }
        case HU_LOC:
            (void)get_point(p, c, &h->loc);
            break;
        case HU_LIFE:
            (void)get_num(p, c, NUM_LIFE, &h->lifetime_yr);
            break;
        case HU_STATUS:
            get_status(p, c, &h->status);
            break;
        case HU_CAPS:
            parse_hub_capacities(p, c, h);
            break;
        case HU_INPUTS:
            parse_hub_inputs(p, c, h);
            break;
        case HU_OUTPUTS:
            side_splice(p, &s); /* parsed above */
            break;
        default:
            break;
        }
        pop(p);
    }
    side_free(&s);
    require_keys(p, HUB_KEYS,
                 BIT(HU_ID) | BIT(HU_LOC) | BIT(HU_CAPS) | BIT(HU_INPUTS) | BIT(HU_OUTPUTS), seen);
    if (!h->name)
        h->name = h->id;
}

/* ---- junctions, links, corridors -------------------------------------------------------- */

enum { JU_ID, JU_LOC, JU_RESOURCES };
static const char *const JUNCTION_KEYS[] = {"id", "location", "resources", "notes", NULL};

static void parse_junction(parser *p, const cJSON *v, int idx)
{
    snp_junction *j = &p->in->junctions[idx];
    int node = p->in->n_facilities + p->in->n_hubs + idx;
    if (!expect_object(p, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, JUNCTION_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        if (k == JU_ID) {
            j->id = get_id(p, c);
            check_dup_id(p, &p->node_ids, j->id, node);
        } else if (k == JU_LOC) {
            (void)get_point(p, c, &j->loc);
        } else if (expect_array(p, c, 1) && within(p, c, FLOW_MAX, "resources")) {
            int n = cJSON_GetArraySize(c), i = 0;
            j->resources = arena_array(p, n, sizeof *j->resources);
            if (j->resources) {
                j->n_resources = n;
                for (const cJSON *e = c->child; e; e = e->next, i++) {
                    j->resources[i] = -1;
                    push_index(p, i);
                    (void)get_resource_ref(p, e, &j->resources[i]);
                    pop(p);
                }
            }
        }
        pop(p);
    }
    require_keys(p, JUNCTION_KEYS, BIT(JU_ID) | BIT(JU_LOC), seen);
}

enum {
    LI_ID,
    LI_FROM,
    LI_TO,
    LI_RESOURCE,
    LI_MODE,
    LI_STATUS,
    LI_LENGTH,
    LI_FIXED,
    LI_CAPITAL,
    LI_COST_UNIT,
    LI_CAPITAL_UNIT,
    LI_CAPACITY,
    LI_LOSS,
    LI_LIFE
};
static const char *const LINK_KEYS[] = {"id",
                                        "from",
                                        "to",
                                        "resource",
                                        "mode",
                                        "status",
                                        "length_km",
                                        "fixed_cost_per_yr",
                                        "capital",
                                        "cost_per_unit",
                                        "capital_per_unit",
                                        "capacity",
                                        "loss",
                                        "lifetime_yr",
                                        "notes",
                                        NULL};

static void parse_link(parser *p, const cJSON *v, int idx)
{
    snp_link_spec *l = &p->in->links[idx];
    l->from = l->to = l->resource = -1;
    l->status = SNP_STATUS_CANDIDATE;
    if (!expect_object(p, v))
        return;
    unsigned seen = 0;
    int mode_ok = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, LINK_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        int m;
        switch (k) {
        case LI_ID:
            l->id = get_id(p, c);
            check_dup_id(p, &p->link_ids, l->id, idx);
            break;
        case LI_FROM:
            (void)get_node_ref(p, c, &l->from);
            break;
        case LI_TO:
            (void)get_node_ref(p, c, &l->to);
            break;
        case LI_RESOURCE:
            (void)get_resource_ref(p, c, &l->resource);
            break;
        case LI_MODE:
            if (get_enum(p, c, MODE_NAMES, &m)) {
                l->mode = m == 1 ? SNP_MODE_TRUCK : SNP_MODE_PIPE;
                mode_ok = 1;
            }
            break;
        case LI_STATUS:
            get_status(p, c, &l->status);
            break;
        case LI_LENGTH:
            l->has_length = get_num(p, c, NUM_KM, &l->length_km);
            break;
        case LI_FIXED:
            (void)get_num(p, c, NUM_GE0, &l->fixed_cost_per_yr);
            break;
        case LI_CAPITAL:
            (void)get_num(p, c, NUM_GE0, &l->capital);
            break;
        case LI_COST_UNIT:
            (void)get_num(p, c, NUM_ANY, &l->cost_per_unit);
            break;
        case LI_CAPITAL_UNIT:
            (void)get_num(p, c, NUM_GE0, &l->capital_per_unit);
            break;
        case LI_CAPACITY:
            l->has_capacity = get_num(p, c, NUM_GT0, &l->capacity);
            break;
        case LI_LOSS:
            (void)get_num(p, c, NUM_FRAC, &l->loss);
            break;
        case LI_LIFE:
            (void)get_num(p, c, NUM_LIFE, &l->lifetime_yr);
            break;
        default:
            break;
        }
        pop(p);
    }
    require_keys(p, LINK_KEYS, BIT(LI_FROM) | BIT(LI_TO) | BIT(LI_RESOURCE) | BIT(LI_MODE), seen);
    if (!mode_ok)
        l->resource = -1; /* the mode is unknown (reported): no cross-entity checks */
    l->has_given_cost =
        (seen & (BIT(LI_FIXED) | BIT(LI_CAPITAL) | BIT(LI_COST_UNIT) | BIT(LI_CAPITAL_UNIT))) != 0;
    if ((seen & BIT(LI_LOSS)) && !l->has_given_cost) {
        push_key(p, "loss");
        perr(p, "\"loss\" needs given costs (fixed_cost_per_yr, capital, cost_per_unit or "
                "capital_per_unit); without them the resource's loss_per_km applies");
        pop(p);
    }
}

enum { CO_ID, CO_FROM, CO_TO, CO_LENGTH, CO_CAPITAL, CO_CAPITAL_KM, CO_LIFE, CO_STATUS };
static const char *const CORRIDOR_KEYS[] = {
    "id",          "from",   "to",    "length_km", "capital", "capital_per_km",
    "lifetime_yr", "status", "notes", NULL};

static void parse_corridor(parser *p, const cJSON *v, int idx)
{
    snp_corridor *co = &p->in->corridors[idx];
    co->a = co->b = -1;
    co->status = SNP_STATUS_CANDIDATE;
    if (!expect_object(p, v))
        return;
    unsigned seen = 0;
    for (const cJSON *c = v->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, CORRIDOR_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case CO_ID:
            co->id = get_id(p, c);
            check_dup_id(p, &p->corr_ids, co->id, idx);
            break;
        case CO_FROM:
            (void)get_node_ref(p, c, &co->a);
            break;
        case CO_TO:
            (void)get_node_ref(p, c, &co->b);
            break;
        case CO_LENGTH:
            co->has_length = get_num(p, c, NUM_KM, &co->length_km);
            break;
        case CO_CAPITAL:
        case CO_CAPITAL_KM:
            (void)get_num(p, c, NUM_GE0, &co->capital);
            break;
        case CO_LIFE:
            (void)get_num(p, c, NUM_LIFE, &co->lifetime_yr);
            break;
        case CO_STATUS:
            get_status(p, c, &co->status);
            break;
        default:
            break;
        }
        pop(p);
    }
    require_keys(p, CORRIDOR_KEYS, BIT(CO_ID) | BIT(CO_FROM) | BIT(CO_TO), seen);
    if ((seen & BIT(CO_CAPITAL)) && (seen & BIT(CO_CAPITAL_KM)))
        perr(p, "expected either \"capital\" or \"capital_per_km\", got both");
    else if (seen & BIT(CO_CAPITAL_KM))
        p->corr_per_km[idx] = 1;
}

/* ---- top level -------------------------------------------------------------------------- */

typedef void (*item_fn)(parser *p, const cJSON *v, int idx);

static void parse_section(parser *p, const cJSON *arr, int min_one, item_fn fn)
{
    if (!expect_array(p, arr, min_one))
        return;
    int i = 0;
    for (const cJSON *c = arr->child; c && !p->nomem; c = c->next, i++) {
        push_index(p, i);
        fn(p, c, i);
        pop(p);
    }
}

enum { T_FORMAT, T_REGION, T_RESOURCES, T_FACILITIES, T_HUBS, T_JUNCTIONS, T_LINKS, T_CORRIDORS };
static const char *const TOP_KEYS[] = {"format",    "region", "resources", "facilities", "hubs",
                                       "junctions", "links",  "corridors", "notes",      NULL};

static int section_size(const cJSON *root, const char *key)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key);
    return cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;
}

/* Sizes the entity arrays and collects ids, so references resolve in any order. */
static void prepare(parser *p, const cJSON *root)
{
    sn_instance *in = p->in;
    in->n_resources = section_size(root, "resources");
    in->n_facilities = section_size(root, "facilities");
    in->n_hubs = section_size(root, "hubs");
    in->n_junctions = section_size(root, "junctions");
    in->n_links = section_size(root, "links");
    in->n_corridors = section_size(root, "corridors");
    in->resources = arena_array(p, in->n_resources, sizeof *in->resources);
    in->facilities = arena_array(p, in->n_facilities, sizeof *in->facilities);
    in->hubs = arena_array(p, in->n_hubs, sizeof *in->hubs);
    in->junctions = arena_array(p, in->n_junctions, sizeof *in->junctions);
    in->links = arena_array(p, in->n_links, sizeof *in->links);
    in->corridors = arena_array(p, in->n_corridors, sizeof *in->corridors);
    if (in->n_corridors > 0) {
        p->corr_per_km = snp_calloc((size_t)in->n_corridors, 1);
        if (!p->corr_per_km)
            oom(p);
    }
    if (p->nomem)
        return;
    collect_ids(p, &p->res_ids, cJSON_GetObjectItemCaseSensitive(root, "resources"), "resources",
                0);
    collect_ids(p, &p->node_ids, cJSON_GetObjectItemCaseSensitive(root, "facilities"), "facilities",
                0);
    collect_ids(p, &p->node_ids, cJSON_GetObjectItemCaseSensitive(root, "hubs"), "hubs",
                in->n_facilities);
    collect_ids(p, &p->node_ids, cJSON_GetObjectItemCaseSensitive(root, "junctions"), "junctions",
                in->n_facilities + in->n_hubs);
    collect_ids(p, &p->link_ids, cJSON_GetObjectItemCaseSensitive(root, "links"), "links", 0);
    collect_ids(p, &p->corr_ids, cJSON_GetObjectItemCaseSensitive(root, "corridors"), "corridors",
                0);
    sort_ids(&p->res_ids);
    sort_ids(&p->node_ids);
    sort_ids(&p->link_ids);
    sort_ids(&p->corr_ids);
}

static void parse_root(parser *p, const cJSON *root)
{
    qbuf q;
    if (!cJSON_IsObject(root)) {
        perr(p, "expected a JSON object (the region), got %s", describe(root, &q));
        return;
    }
    prepare(p, root);
    if (p->nomem)
        return;
    /* resources first: quality values elsewhere name their attributes */
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(root, "resources");
    side s = {NULL, NULL};
    if (res) {
        side_begin(p, &s);
        if (p->nomem)
            return;
        push_key(p, "resources");
        parse_section(p, res, 1, parse_resource);
        pop(p);
        side_end(p, &s);
    }
    unsigned seen = 0;
    for (const cJSON *c = root->child; c && !p->nomem; c = c->next) {
        int k = key_of(p, c, TOP_KEYS, &seen);
        if (k < 0)
            continue;
        push_key(p, c->string);
        switch (k) {
        case T_FORMAT:
            if (!cJSON_IsString(c) || !c->valuestring ||
                strcmp(c->valuestring, "symnet-region/1") != 0)
                perr(p, "expected \"symnet-region/1\", got %s", describe(c, &q));
            break;
        case T_REGION:
            parse_region(p, c);
            break;
        case T_RESOURCES:
            side_splice(p, &s);
            break;
        case T_FACILITIES:
            parse_section(p, c, 1, parse_facility);
            break;
        case T_HUBS:
            parse_section(p, c, 0, parse_hub);
            break;
        case T_JUNCTIONS:
            parse_section(p, c, 0, parse_junction);
            break;
        case T_LINKS:
            parse_section(p, c, 0, parse_link);
            break;
        case T_CORRIDORS:
            parse_section(p, c, 0, parse_corridor);
            break;
        default:
            break;
        }
        pop(p);
    }
    side_free(&s);
    require_keys(p, TOP_KEYS, BIT(T_FORMAT) | BIT(T_REGION) | BIT(T_RESOURCES) | BIT(T_FACILITIES),
                 seen);
}

/* Defaults that depend on other sections; runs only on an error-free walk. */
static void fill_defaults(parser *p)
{
    sn_instance *in = p->in;
    for (int i = 0; i < in->n_resources; i++)
        if (in->resources[i].has_pipe && in->resources[i].pipe.lifetime_yr == 0)
            in->resources[i].pipe.lifetime_yr = in->lifetime_yr;
    for (int i = 0; i < in->n_hubs; i++)
        if (in->hubs[i].lifetime_yr == 0)
            in->hubs[i].lifetime_yr = in->lifetime_yr;
    for (int i = 0; i < in->n_links; i++) {
        snp_link_spec *l = &in->links[i];
        if (l->lifetime_yr != 0)
            continue;
        const snp_resource *r = &in->resources[l->resource];
        l->lifetime_yr =
            l->mode == SNP_MODE_PIPE && r->has_pipe ? r->pipe.lifetime_yr : in->lifetime_yr;
    }
    for (int i = 0; i < in->n_corridors; i++) {
        snp_corridor *c = &in->corridors[i];
        if (c->lifetime_yr == 0)
            c->lifetime_yr = in->lifetime_yr;
        if (p->corr_per_km[i]) {
            double len = c->has_length ? c->length_km : snp_node_dist_km(in, c->a, c->b);
            c->capital *= len;
        }
    }
}

/* ---- syntax errors (the pre-scan is jsonin.c's) ----------------------------------------- */

/* Reports "invalid JSON: what" at byte offset off, with the JSON path where (may be empty) and
 * the source line. */
static void syntax_at(parser *p, const char *text, size_t len, size_t off, const char *where,
                      const char *what)
{
    int line, col;
    snp_jsonin_line_col(text, off, &line, &col);
    char msg[sizeof(((sn_error *)0)->message)];
    snprintf(msg, sizeof msg, "invalid JSON: %s", what);
    snp_jsonin_excerpt(text, len, off, msg, sizeof msg);
    snp_diag_add(p->diag, SN_EINPUT, p->in->file, where, "%s", msg);
    snp_diag_set_pos(p->diag, line, col);
    p->nerr++;
}

/* Checks the syntax and the limits of the text; reports the first problem. 1 when fine. */
static int check_syntax(parser *p, const char *text, size_t len)
{
    if (snp_jsonin_is_blank(text, len)) {
        snp_diag_add(p->diag, SN_EINPUT, p->in->file, NULL,
                     "expected a JSON object, got an empty file");
        p->nerr++;
        return 0;
    }
    if (len >= 2 &&
        ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        snp_diag_add(p->diag, SN_EINPUT, p->in->file, NULL,
                     "expected UTF-8 text, got UTF-16 (the file starts with a UTF-16 byte order "
                     "mark): save it as UTF-8");
        p->nerr++;
        return 0;
    }
    snp_jsonin_error e;
    int ok = snp_jsonin_prescan(text, len, MAX_VALUES, &e);
    if (ok < 0)
        oom(p);
    else if (!ok)
        syntax_at(p, text, len, e.at, e.where, e.msg);
    return ok > 0;
}

/* cJSON rejected a text the checker accepted (it should not happen): report where cJSON
 * stopped. */
static void cjson_rejected(parser *p, const char *text, size_t len, size_t off)
{
    char got[80], msg[120];
    snp_jsonin_got(text, len, off, got, sizeof got);
    snprintf(msg, sizeof msg, "unexpected %s", got);
    syntax_at(p, text, len, off < len ? off : len, NULL, msg);
}

/* ---- cross-entity checks, merged in document order --------------------------------------- */

#define POS_MAX (SNP_JSONIN_MAX_DEPTH + 2)

/* The document position of a diagnostic: for each step of its path, the index of that child
 * among its parent's children (keys in the order written). A path that leaves the tree stops
 * there. "Missing ..." messages are reported where their object ends, so they sort after the
 * object's children. */
typedef struct doc_pos {
    int n;
    int step[POS_MAX];
} doc_pos;

/* Reads one step of a path (".key", "[3]" or "[\"key\"]") at *s into key (NUL-terminated,
 * escapes of snp_path_push_key undone) or *index; returns 0 at the end or on a malformed step. */
static int path_step(const char **s, char *key, size_t size, long *index)
{
    const char *q = *s;
    if (*q == '.')
        q++;
    if (*q == '\0')
        return 0;
    size_t o = 0;
    *index = -1;
    if (q[0] == '[' && q[1] == '"') {
        for (q += 2; *q && *q != '"' && o + 1 < size; q++) {
            if (*q != '\\' || !q[1]) {
                key[o++] = *q;
                continue;
            }
            q++;
            if (*q == 't' || *q == 'n' || *q == 'r')
                key[o++] = *q == 't' ? '\t' : *q == 'n' ? '\n' : '\r';
            else if (*q == 'x' && isxdigit((unsigned char)q[1]) && isxdigit((unsigned char)q[2])) {
                char hex[3] = {q[1], q[2], '\0'};
                key[o++] = (char)strtol(hex, NULL, 16);
                q += 2;
            } else
                key[o++] = *q;
        }
        if (q[0] != '"' || q[1] != ']')
            return 0;
        q += 2;
    } else if (q[0] == '[') {
        char *end;
        *index = strtol(q + 1, &end, 10);
        if (*end != ']' || *index < 0)
            return 0;
        q = end + 1;
    } else {
        while (*q && *q != '.' && *q != '[' && o + 1 < size)
            key[o++] = *q++;
    }
    key[o] = '\0';
    *s = q;
    return 1;
}

static doc_pos position_of(const cJSON *root, const sn_error *e)
{
    doc_pos d;
    d.n = 0;
    const cJSON *node = root;
    const char *s = strcmp(e->path, "top level") == 0 ? "" : e->path;
    char key[SNP_PATH_MAX + 1];
    long index;
    while (node && d.n < POS_MAX - 1 && path_step(&s, key, sizeof key, &index)) {
        const cJSON *c = node->child;
        int i = 0;
        if (index >= 0)
            for (; c && i < index; c = c->next)
                i++;
        else
            for (; c && !(c->string && strcmp(c->string, key) == 0); c = c->next)
                i++;
        if (!c)
            break;
        d.step[d.n++] = i;
        node = c;
    }
    if (strncmp(e->message, "missing ", 8) == 0)
        d.step[d.n++] = INT_MAX;
    return d;
}

static int pos_cmp(const doc_pos *a, const doc_pos *b)
{
    for (int i = 0; i < a->n && i < b->n; i++)
        if (a->step[i] != b->step[i])
            return a->step[i] < b->step[i] ? -1 : 1;
    return (a->n > b->n) - (a->n < b->n);
}

/* Inserts the cross-entity errors of v among the parse's errors (p->diag from index `start`,
 * with `dropped0` dropped before), in document order, keeping the first SN_DIAG_MAX. The parse's
 * errors are in document order already; the kept ones precede every dropped one, so merging
 * the kept ones of both lists gives the right first SN_DIAG_MAX. */
static void merge_checks(parser *p, const cJSON *root, const sn_diag *v, int start, int dropped0)
{
    sn_diag *d = p->diag;
    int np = d->count - start, nv = v->count;
    sn_error *all = snp_alloc((size_t)(np + nv) * sizeof *all);
    doc_pos *pp = snp_alloc((size_t)(np + nv) * sizeof *pp);
    int *vorder = snp_alloc((size_t)(nv > 0 ? nv : 1) * sizeof *vorder);
    if (!all || !pp || !vorder) {
        snp_free(all);
        snp_free(pp);
        snp_free(vorder);
        oom(p);
        return;
    }
    doc_pos *vp = pp + np;
    for (int i = 0; i < np; i++)
        pp[i] = position_of(root, &d->errors[start + i]);
    for (int j = 0; j < nv; j++) {
        vp[j] = position_of(root, &v->errors[j]);
        int k = j; /* stable insertion sort of the checks by position */
        while (k > 0 && pos_cmp(&vp[vorder[k - 1]], &vp[j]) > 0) {
            vorder[k] = vorder[k - 1];
            k--;
        }
        vorder[k] = j;
    }
    int i = 0, j = 0, n = 0;
    while (i < np || j < nv) {
        if (j < nv && (i == np || pos_cmp(&vp[vorder[j]], &pp[i]) < 0))
            all[n++] = v->errors[vorder[j++]];
        else
            all[n++] = d->errors[start + i++];
    }
    int pdropped = d->dropped - dropped0;
    d->count = start;
    d->dropped = dropped0;
    for (int k = 0; k < n; k++) {
        if (d->count < SN_DIAG_MAX)
            d->errors[d->count++] = all[k];
        else
            d->dropped++;
    }
    d->dropped += pdropped + v->dropped;
    snp_free(all);
    snp_free(pp);
    snp_free(vorder);
}

/* Runs the cross-entity checks (validate.c) on what was parsed, also after parse errors, so one
 * run reports every problem. */
static void run_checks(parser *p, const cJSON *root, int start, int dropped0)
{
    sn_diag *v = snp_alloc(sizeof *v);
    if (!v) {
        oom(p);
        return;
    }
    sn_diag_init(v);
    sn_status st = p->nerr == 0 ? snp_instance_validate(p->in, v)
                                : snp_instance_validate_partial(p->in, p->coords_known, v);
    if (st == SN_ENOMEM) {
        oom(p);
    } else if (st != SN_OK) {
        p->nerr += v->count + v->dropped;
        if (p->diag)
            merge_checks(p, root, v, start, dropped0);
    }
    snp_free(v);
}

/* ---- entry point ------------------------------------------------------------------------ */

sn_status snp_instance_parse(sn_instance *inst, const char *text, size_t len, sn_diag *diag)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.in = inst;
    p.diag = diag;
    snp_path_init(&p.path);
    snp_vec_init(&p.res_ids, sizeof(id_entry));
    snp_vec_init(&p.node_ids, sizeof(id_entry));
    snp_vec_init(&p.link_ids, sizeof(id_entry));
    snp_vec_init(&p.corr_ids, sizeof(id_entry));

    cJSON *root = NULL;
    if (!check_syntax(&p, text, len))
        goto done;
    size_t stop;
    sn_status pst = snp_jsonin_parse(text, len, &root, &stop);
    if (pst == SN_ENOMEM) {
        oom(&p);
        goto done;
    }
    if (pst != SN_OK) {
        cjson_rejected(&p, text, len, stop);
        goto done;
    }
    p.root = root;
    int start = diag ? diag->count : 0, dropped0 = diag ? diag->dropped : 0;
    parse_root(&p, root);
    if (!p.nomem && p.nerr == 0)
        fill_defaults(&p);
    if (!p.nomem && cJSON_IsObject(root))
        run_checks(&p, root, start, dropped0);

done:
    cJSON_Delete(root);
    snp_free(p.corr_per_km);
    snp_vec_free(&p.res_ids);
    snp_vec_free(&p.node_ids);
    snp_vec_free(&p.link_ids);
    snp_vec_free(&p.corr_ids);
    if (p.nomem) {
        snp_diag_add(diag, SN_ENOMEM, inst->file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    return p.nerr ? SN_EINPUT : SN_OK;
}
