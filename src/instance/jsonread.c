/*
 * jsonread.c - typed readers over a cJSON tree (see jsonread.h): the reader with its JSON path
 * and error reporting, descriptions of values, "did you mean" suggestions, id maps, keys, and
 * the getters of numbers, strings, ids and enumerations that parse.c walks a region with.
 * Between the syntax pre-scan (jsonin.c) and the section walk (parse.c) in the pipeline; every
 * message reads "FILE: PATH: expected WHAT, got WHAT".
 */
#include "jsonread.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUM_LIMIT 1e12 /* largest magnitude accepted for any number (docs/format.md) */
#define ID_MAX 64
#define BIT(k) (1u << (k))

/* ---- the reader ------------------------------------------------------------------------- */

void snp_jread_init(snp_jread *r, sn_diag *diag, const char *file, const char *top,
                    snp_arena *arena)
{
    memset(r, 0, sizeof *r);
    r->diag = diag;
    r->file = file;
    r->top = top;
    r->arena = arena;
    snp_path_init(&r->path);
}

void snp_jread_verr(snp_jread *r, const char *fmt, va_list ap)
{
    const char *path = snp_path_str(&r->path);
    snp_diag_vadd(r->diag, SN_EINPUT, r->file, path[0] || !r->top ? path : r->top, fmt, ap);
    r->nerr++;
}

void snp_jread_err(snp_jread *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    snp_jread_verr(r, fmt, ap);
    va_end(ap);
}

void snp_jread_push_key(snp_jread *r, const char *key)
{
    snp_path_push_key(&r->path, key ? key : "?");
}

void snp_jread_push_index(snp_jread *r, int index)
{
    snp_path_push_index(&r->path, (size_t)index);
}

void snp_jread_pop(snp_jread *r)
{
    snp_path_pop(&r->path);
}

/* ---- UTF-8 and value descriptions ------------------------------------------------------- */

/* Returns -1 when s is valid UTF-8, else the offset of the first bad byte. */
long snp_jread_utf8_bad(const char *s)
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

const char *snp_jread_quote(const char *s, snp_qbuf *b)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, o = 0;
    const size_t cap = sizeof b->s;
    int chars = 0;
    b->s[o++] = '"';
    while (i < n && o + 12 < cap) {
        if (chars == SNP_QUOTE_CHARS) {
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
const char *snp_jread_describe(const cJSON *v, snp_qbuf *b)
{
    if (!v)
        return "nothing";
    if (cJSON_IsString(v))
        return snp_jread_quote(v->valuestring ? v->valuestring : "", b);
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

typedef snp_suggestion suggestion;

void snp_suggest(snp_suggestion *s, const char *typo, const char *cand)
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
    const snp_id_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

/* The entry with the lowest index among those with this id, or NULL. */
const snp_id_entry *snp_jread_id_find(const snp_vec *map, const char *id)
{
    size_t lo = 0, hi = map->len;
    const snp_id_entry *e = map->data;
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

/* Is e (as snp_jread_id_find returns it) the only entry with its id? A reference to an id
 * defined twice is left unresolved (-1): the duplicate is reported where it is defined, and the
 * cross-entity checks skip what they cannot know. */
int snp_jread_id_once(const snp_vec *map, const snp_id_entry *e)
{
    const snp_id_entry *all = map->data;
    size_t k = (size_t)(e - all);
    return k + 1 >= map->len || strcmp(all[k + 1].id, e->id) != 0;
}

/* Adds the ids of an entity array (silently: errors are reported by the walk). */
void snp_jread_ids_collect(snp_jread *r, snp_vec *map, const cJSON *arr, const char *section,
                           int base)
{
    if (!cJSON_IsArray(arr))
        return;
    int i = 0;
    for (const cJSON *c = arr->child; c && !r->nomem; c = c->next, i++) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(c, "id");
        if (!cJSON_IsString(id) || !id->valuestring)
            continue;
        snp_id_entry e = {id->valuestring, base + i, section, i};
        if (!snp_vec_push(map, &e))
            r->nomem = 1;
    }
}

void snp_jread_ids_sort(snp_vec *map)
{
    if (map->len > 1)
        qsort(map->data, map->len, map->elem, id_entry_cmp);
}

/* Reports a duplicate id: one defined earlier than `index` in the same namespace. */
void snp_jread_id_dup(snp_jread *r, const snp_vec *map, const char *id, int index)
{
    if (!id)
        return;
    const snp_id_entry *e = snp_jread_id_find(map, id);
    if (e && e->index != index) {
        snp_qbuf q;
        snp_jread_err(r, "duplicate id %s (first defined at %s[%d].id)", snp_jread_quote(id, &q),
                      e->section, e->local);
    }
}

/* ---- keys ------------------------------------------------------------------------------- */

static int is_notes_ok(snp_jread *r, const cJSON *v);

/* The index of c's key in names (NULL-terminated, ending with "notes"), or -1 when the key was
 * unknown, duplicated or "notes" (all handled here). */
int snp_jread_key(snp_jread *r, const cJSON *c, const char *const *names, unsigned *seen)
{
    const char *key = c->string ? c->string : "";
    int n = 0;
    while (names[n] && strcmp(names[n], key) != 0)
        n++;
    if (!names[n]) {
        suggestion sg = {NULL, 0};
        for (int i = 0; names[i]; i++)
            snp_suggest(&sg, key, names[i]);
        snp_qbuf q;
        snp_jread_push_key(r, key);
        if (sg.best) {
            snp_jread_err(r, "unknown key %s (did you mean \"%s\"?)", snp_jread_quote(key, &q),
                          sg.best);
        } else {
            char list[400];
            size_t o = 0;
            list[0] = '\0';
            for (int i = 0; names[i] && o < sizeof list; i++)
                o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", names[i]);
            snp_jread_err(r, "unknown key %s (expected one of: %s)", snp_jread_quote(key, &q),
                          list);
        }
        snp_jread_pop(r);
        return -1;
    }
    if (*seen & BIT(n)) {
        snp_qbuf q;
        snp_jread_push_key(r, key);
        snp_jread_err(r, "duplicate key %s (a key may appear once per object)",
                      snp_jread_quote(key, &q));
        snp_jread_pop(r);
        return -1;
    }
    *seen |= BIT(n);
    if (strcmp(key, "notes") == 0) {
        snp_jread_push_key(r, key);
        (void)is_notes_ok(r, c);
        snp_jread_pop(r);
        return -1;
    }
    return n;
}

void snp_jread_require(snp_jread *r, const char *const *names, unsigned required, unsigned seen)
{
    for (int i = 0; names[i]; i++)
        if ((required & BIT(i)) && !(seen & BIT(i)))
            snp_jread_err(r, "missing required key \"%s\"", names[i]);
}

/* For maps with free keys (quality, yields): reports a key given twice. Returns 1 if c's key
 * appeared in an earlier sibling. */
int snp_jread_key_dup(snp_jread *r, const cJSON *obj, const cJSON *c)
{
    for (const cJSON *e = obj->child; e && e != c; e = e->next) {
        if (e->string && c->string && strcmp(e->string, c->string) == 0) {
            snp_qbuf q;
            snp_jread_err(r, "duplicate key %s (a key may appear once per object)",
                          snp_jread_quote(c->string, &q));
            return 1;
        }
    }
    return 0;
}

/* ---- typed getters: each reports its own error and returns 0 on failure ---------------- */

int snp_jread_object(snp_jread *r, const cJSON *v)
{
    if (cJSON_IsObject(v))
        return 1;
    snp_qbuf q;
    snp_jread_err(r, "expected an object, got %s", snp_jread_describe(v, &q));
    return 0;
}

/* Checks an array; min_one: it must not be empty. */
int snp_jread_array(snp_jread *r, const cJSON *v, int min_one)
{
    snp_qbuf q;
    if (!cJSON_IsArray(v)) {
        snp_jread_err(r, "expected %s, got %s", min_one ? "a non-empty array" : "an array",
                      snp_jread_describe(v, &q));
        return 0;
    }
    if (min_one && !v->child) {
        snp_jread_err(r, "expected a non-empty array, got an empty array");
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

/* Checks that an array or object holds at most max entries. */
int snp_jread_within(snp_jread *r, const cJSON *v, int max, const char *what)
{
    int n = cJSON_GetArraySize(v);
    if (n <= max)
        return 1;
    snp_jread_err(r, "expected at most %d %s, got %d", max, what, n);
    return 0;
}

int snp_jread_num(snp_jread *r, const cJSON *v, snp_numkind k, double *out)
{
    static const char *const text[] = {"a number",
                                       "a number >= 0",
                                       "a number > 0",
                                       "a number in [0, 1)",
                                       "a number >= 1",
                                       "a number of years in [1, 1000]",
                                       "a number of km in (0, 100000]"};
    snp_qbuf q;
    if (!cJSON_IsNumber(v)) {
        snp_jread_err(r, "expected %s, got %s%s", text[k], snp_jread_describe(v, &q),
                      number_hint(v));
        return 0;
    }
    double x = v->valuedouble;
    int ok = isfinite(x);
    switch (k) {
    case SNP_NUM_ANY:
        break;
    case SNP_NUM_GE0:
        ok = ok && x >= 0;
        break;
    case SNP_NUM_GT0:
        ok = ok && x > 0;
        break;
    case SNP_NUM_FRAC:
        ok = ok && x >= 0 && x < 1;
        break;
    case SNP_NUM_GE1:
        ok = ok && x >= 1;
        break;
    case SNP_NUM_LIFE:
        ok = ok && x >= 1 && x <= 1000;
        break;
    case SNP_NUM_KM:
        ok = ok && x > 0 && x <= 1e5;
        break;
    }
    if (!ok) {
        snp_jread_err(r, "expected %s, got %s", text[k], snp_jread_describe(v, &q));
        return 0;
    }
    if (fabs(x) > NUM_LIMIT) {
        snp_jread_err(r, "expected %s of magnitude at most 1e12 (the input limit), got %s", text[k],
                      snp_jread_describe(v, &q));
        return 0;
    }
    *out = x;
    return 1;
}

/* Checks that v is a string of valid UTF-8; returns it (borrowed) or NULL. */
const char *snp_jread_check_str(snp_jread *r, const cJSON *v, const char *what)
{
    snp_qbuf q;
    if (!cJSON_IsString(v) || !v->valuestring) {
        snp_jread_err(r, "expected %s, got %s", what, snp_jread_describe(v, &q));
        return NULL;
    }
    long bad = snp_jread_utf8_bad(v->valuestring);
    if (bad >= 0) {
        snp_jread_err(r, "expected %s in UTF-8, got invalid byte 0x%02X at byte %ld of the string",
                      what, (unsigned)(unsigned char)v->valuestring[bad], bad);
        return NULL;
    }
    return v->valuestring;
}

const char *snp_jread_copy(snp_jread *r, const char *s)
{
    char *d = snp_arena_strdup(r->arena, s);
    if (!d)
        r->nomem = 1;
    return d;
}

/* A string copied into the arena, or NULL after an error. */
const char *snp_jread_str(snp_jread *r, const cJSON *v)
{
    const char *s = snp_jread_check_str(r, v, "a string");
    return s ? snp_jread_copy(r, s) : NULL;
}

static int is_notes_ok(snp_jread *r, const cJSON *v)
{
    snp_qbuf q;
    if (cJSON_IsString(v))
        return snp_jread_check_str(r, v, "a string") != NULL;
    if (!cJSON_IsArray(v)) {
        snp_jread_err(r, "expected a string or an array of strings, got %s",
                      snp_jread_describe(v, &q));
        return 0;
    }
    int i = 0, ok = 1;
    for (const cJSON *c = v->child; c; c = c->next, i++) {
        snp_jread_push_index(r, i);
        if (!snp_jread_check_str(r, c, "a string"))
            ok = 0;
        snp_jread_pop(r);
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
const char *snp_jread_id(snp_jread *r, const cJSON *v)
{
    snp_qbuf q;
    if (!cJSON_IsString(v) || !v->valuestring || !id_syntax_ok(v->valuestring)) {
        snp_jread_err(r, "expected " ID_EXPECTED ", got %s", snp_jread_describe(v, &q));
        return NULL;
    }
    return snp_jread_copy(r, v->valuestring);
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

int snp_jread_enum(snp_jread *r, const cJSON *v, const char *const *names, int *out)
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
            snp_suggest(&sg, v->valuestring, names[n]);
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
    snp_qbuf q;
    if (sg.best)
        snp_jread_err(r, "expected %s, got %s (did you mean \"%s\"?)", list,
                      snp_jread_describe(v, &q), sg.best);
    else
        snp_jread_err(r, "expected %s, got %s", list, snp_jread_describe(v, &q));
    return 0;
}

/* Reports an unknown reference to a `kind` id: says when it is an id of the other namespace, or
 * suggests the closest id of the right one. */
void snp_jread_unknown_ref(snp_jread *r, const char *id, const char *kind, const snp_vec *map,
                           const snp_vec *other)
{
    snp_qbuf q;
    const snp_id_entry *o = snp_jread_id_find(other, id);
    if (o) {
        snp_jread_err(r, "unknown %s %s (that is the id of %s[%d])", kind, snp_jread_quote(id, &q),
                      o->section, o->local);
        return;
    }
    suggestion sg = {NULL, 0};
    if (!snp_diag_full(r->diag)) {
        const snp_id_entry *e = map->data;
        for (size_t i = 0; i < map->len; i++)
            snp_suggest(&sg, id, e[i].id);
    }
    if (sg.best)
        snp_jread_err(r, "unknown %s %s (did you mean \"%s\"?)", kind, snp_jread_quote(id, &q),
                      sg.best);
    else
        snp_jread_err(r, "unknown %s %s", kind, snp_jread_quote(id, &q));
}
