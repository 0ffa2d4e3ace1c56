/*
 * jsonread.h - typed readers over a cJSON tree, for the instance module only: a reader (the
 * file, the JSON path being read, where errors go, the arena strings are copied into) and the
 * checks every value of a region goes through, each reporting its own error as
 * "FILE: PATH: expected WHAT, got WHAT" and returning 0 (or NULL) on failure: objects, arrays,
 * keys (unknown keys with a "did you mean", duplicates, missing required keys), numbers in a
 * range, UTF-8 strings, ids, enumerations, and id maps that resolve references in any order.
 *
 * parse.c walks a region with all of them; solution_read.c uses the reader (errors with JSON
 * paths, strings copied into its arena) under its own key-based getters, which ignore unknown
 * keys and accept null where the solution format allows it.
 */
#ifndef SN_SRC_INSTANCE_JSONREAD_H
#define SN_SRC_INSTANCE_JSONREAD_H

#include "jsonin.h"

#include <stdarg.h>

/* One document being read. */
typedef struct snp_jread {
    sn_diag *diag;    /* where errors go (parse.c points it at a side list for a while) */
    const char *file; /* name in messages */
    const char *top;  /* path shown for the document itself ("top level"), or NULL: "" */
    snp_arena *arena; /* strings copied out of the tree live here */
    snp_path path;    /* JSON path of the value being read */
    int nerr;         /* errors reported, kept or dropped */
    int nomem;        /* an allocation failed */
} snp_jread;

void snp_jread_init(snp_jread *r, sn_diag *diag, const char *file, const char *top,
                    snp_arena *arena);
/* Reports an input error at the current path. */
void snp_jread_err(snp_jread *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void snp_jread_verr(snp_jread *r, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void snp_jread_push_key(snp_jread *r, const char *key); /* NULL shows as "?" */
void snp_jread_push_index(snp_jread *r, int index);
void snp_jread_pop(snp_jread *r);

/* ---- UTF-8 and value descriptions ------------------------------------------------------- */

/* Returns -1 when s is valid UTF-8, else the offset of the first bad byte. */
long snp_jread_utf8_bad(const char *s);

#define SNP_QUOTE_CHARS 40
typedef struct snp_qbuf {
    char s[SNP_QUOTE_CHARS * 4 + 16];
} snp_qbuf;

/* s in double quotes with escapes, cut after SNP_QUOTE_CHARS characters ("..." marks the cut).
 * Invalid UTF-8 bytes show as \xNN. Returns b->s. */
const char *snp_jread_quote(const char *s, snp_qbuf *b);
/* A compact description of a JSON value for "got ..." (a quoted string, a number, "an empty
 * array", "null", ..., "nothing" for NULL). */
const char *snp_jread_describe(const cJSON *v, snp_qbuf *b);

/* ---- id maps ---------------------------------------------------------------------------- */

typedef struct snp_id_entry {
    const char *id;      /* borrowed from the cJSON tree */
    int index;           /* resource index or node index */
    const char *section; /* "resources", "facilities", ... */
    int local;           /* index within the section */
} snp_id_entry;

/* The closest of the candidates offered so far to a typo: a candidate counts when it differs
 * only in case, or by at most a third of its length (at most 3 edits). Start from {NULL, 0};
 * offer each candidate with snp_suggest. */
typedef struct snp_suggestion {
    const char *best;
    int dist;
} snp_suggestion;
void snp_suggest(snp_suggestion *s, const char *typo, const char *cand);

/* Adds the ids of an entity array to map (a snp_vec of snp_id_entry), silently: errors are
 * reported by the walk. Entry i gets index base + i. */
void snp_jread_ids_collect(snp_jread *r, snp_vec *map, const cJSON *arr, const char *section,
                           int base);
void snp_jread_ids_sort(snp_vec *map); /* by id, then index; before any lookup */
/* The entry with the lowest index among those with this id, or NULL. */
const snp_id_entry *snp_jread_id_find(const snp_vec *map, const char *id);
/* Is e (as snp_jread_id_find returns it) the only entry with its id? */
int snp_jread_id_once(const snp_vec *map, const snp_id_entry *e);
/* Reports a duplicate id: one defined earlier than `index` in the same map. */
void snp_jread_id_dup(snp_jread *r, const snp_vec *map, const char *id, int index);
/* Reports an unknown reference to a `kind` id: says when it is an id of the other map, or
 * suggests the closest id of the right one. */
void snp_jread_unknown_ref(snp_jread *r, const char *id, const char *kind, const snp_vec *map,
                           const snp_vec *other);

/* ---- keys ------------------------------------------------------------------------------- */

/* The index of c's key in names (NULL-terminated, ending with "notes", at most 32 names), or -1
 * when the key was unknown, duplicated or "notes" (all reported or checked here); *seen
 * collects the bits (1u << index) of the keys read. */
int snp_jread_key(snp_jread *r, const cJSON *c, const char *const *names, unsigned *seen);
/* Reports every name whose bit is in required but not in seen. */
void snp_jread_require(snp_jread *r, const char *const *names, unsigned required, unsigned seen);
/* For maps with free keys (quality, yields): reports a key given twice. Returns 1 if c's key
 * appeared in an earlier sibling. */
int snp_jread_key_dup(snp_jread *r, const cJSON *obj, const cJSON *c);

/* ---- typed getters: each reports its own error and returns 0 (or NULL) on failure ------- */

int snp_jread_object(snp_jread *r, const cJSON *v);
/* Checks an array; min_one: it must not be empty. */
int snp_jread_array(snp_jread *r, const cJSON *v, int min_one);
/* Checks that an array or object holds at most max entries (`what` names them). */
int snp_jread_within(snp_jread *r, const cJSON *v, int max, const char *what);

/* Ranges of numbers; every number is also finite and of magnitude at most 1e12 (docs/format.md,
 * "Input limits"). SNP_NUM_LIFE: lifetimes, in years; SNP_NUM_KM: given lengths, in km. */
typedef enum snp_numkind {
    SNP_NUM_ANY = 0,
    SNP_NUM_GE0,
    SNP_NUM_GT0,
    SNP_NUM_FRAC,
    SNP_NUM_GE1,
    SNP_NUM_LIFE,
    SNP_NUM_KM
} snp_numkind;
int snp_jread_num(snp_jread *r, const cJSON *v, snp_numkind k, double *out);

/* Checks that v is a string of valid UTF-8 (`what` names it); returns it (borrowed) or NULL. */
const char *snp_jread_check_str(snp_jread *r, const cJSON *v, const char *what);
/* s copied into the reader's arena; NULL (and nomem set) when out of memory. */
const char *snp_jread_copy(snp_jread *r, const char *s);
/* A string copied into the arena, or NULL after an error. */
const char *snp_jread_str(snp_jread *r, const cJSON *v);
/* An id (1 to 64 characters from A-Z a-z 0-9 _ . : -) copied into the arena, or NULL. */
const char *snp_jread_id(snp_jread *r, const cJSON *v);
/* One of names (NULL-terminated); *out is its index. Suggests the closest name, or the name a
 * common spelling stands for ("tonnes" for "t"). */
int snp_jread_enum(snp_jread *r, const cJSON *v, const char *const *names, int *out);

/* ---- ways and zones (ways_parse.c, issue 18) -------------------------------------------- */

struct sn_instance;
/* Reads the region's "ways" object / "zones" array at the reader's path into in (arrays in
 * r->arena), reporting every problem found; parse.c calls them during its walk. */
void snp_ways_parse(snp_jread *r, const cJSON *v, struct sn_instance *in);
void snp_zones_parse(snp_jread *r, const cJSON *v, struct sn_instance *in);

#endif /* SN_SRC_INSTANCE_JSONREAD_H */
