/*
 * jsonin.h - JSON text in, for the instance module only: the one syntax pre-scan that runs
 * before cJSON on every JSON input (regions in parse.c, solution files in solution_read.c),
 * cJSON behind the allocation choke point, and what a syntax message needs (line:column, the
 * source line with a caret, a description of the text at an offset).
 *
 * jsonin.c, jsonread.c (typed readers) and the two readers that walk a tree (parse.c,
 * solution_read.c) are the only files that use cJSON; this header is the only one that includes
 * it (docs/testing.md).
 */
#ifndef SN_SRC_INSTANCE_JSONIN_H
#define SN_SRC_INSTANCE_JSONIN_H

#include "../core/core_int.h"

#include <cjson/cJSON.h>
#include <stddef.h>

/* Nested arrays and objects accepted in any JSON input (docs/format.md, "Input limits"); cJSON's
 * recursion is bounded by it. */
#define SNP_JSONIN_MAX_DEPTH 64

/* What stopped the pre-scan. */
typedef enum snp_jsonin_kind {
    SNP_JSONIN_SYNTAX = 0, /* not RFC 8259 JSON */
    SNP_JSONIN_NUL,        /* a NUL byte (at `at`) */
    SNP_JSONIN_DEPTH,      /* nested deeper than SNP_JSONIN_MAX_DEPTH */
    SNP_JSONIN_VALUES      /* more values than the caller's limit */
} snp_jsonin_kind;

/* The first problem found by snp_jsonin_prescan. */
typedef struct snp_jsonin_error {
    snp_jsonin_kind kind;
    size_t at;                    /* byte offset of the problem */
    char msg[200];                /* "expected ..., got ...", without "invalid JSON: " */
    char where[SNP_PATH_MAX + 1]; /* JSON path of the value being read ("" at the top) */
} snp_jsonin_error;

/* The strict pre-scan (RFC 8259): one JSON value, optionally after a UTF-8 byte order mark, at
 * most SNP_JSONIN_MAX_DEPTH deep, at most max_values values (0: no limit), no \u0000 in strings
 * (cJSON would cut the string there), no NUL byte. cJSON only ever sees text it accepted.
 * Returns 1 when the text is fine, 0 with *err set to the first problem, -1 when out of
 * memory. */
int snp_jsonin_prescan(const char *text, size_t len, long max_values, snp_jsonin_error *err);

/* 1 when the text holds nothing but an optional byte order mark and white space. */
int snp_jsonin_is_blank(const char *text, size_t len);

/* Parses text (len bytes, no terminating NUL needed) with cJSON, allocating through the choke
 * point: SN_OK with *root (free with cJSON_Delete), SN_ENOMEM, or SN_EINPUT when cJSON rejected
 * the text, with *err_off the byte offset where it stopped. cJSON's hooks are process-wide: this
 * sets them to the same functions on every call (see include/symnet.h on threads). */
sn_status snp_jsonin_parse(const char *text, size_t len, cJSON **root, size_t *err_off);

/* Line and column (1-based; columns count characters, a leading byte order mark is not one) of
 * byte offset off. */
void snp_jsonin_line_col(const char *text, size_t off, int *line, int *col);

/* Appends to buf (a NUL-terminated string of capacity size) the source line around byte offset
 * off and a caret under it ("\n    {\"a\": 1,}\n           ^"). */
void snp_jsonin_excerpt(const char *text, size_t len, size_t off, char *buf, size_t size);

/* Describes the text at byte offset off for "got ..." ('x', 'word', end of file, byte 0xNN). */
void snp_jsonin_got(const char *text, size_t len, size_t off, char *buf, size_t size);

/* Length of the valid UTF-8 sequence at s (n bytes available), or 0 when invalid. */
size_t snp_jsonin_utf8_seq(const unsigned char *s, size_t n);

/* --ways FILE (ways_geojson.c, issue 18): the LineStrings of GeoJSON document gj become root's
 * ways.lines (created when absent, replaced when present). Returns the number of problems
 * reported into diag (each located in `file`), or -1 without memory. */
int snp_ways_from_geojson(cJSON *root, const cJSON *gj, const char *file, sn_diag *diag);

#endif /* SN_SRC_INSTANCE_JSONIN_H */
