/*
 * classic_common.h - helpers shared by the benchmark converters in bench/classics/
 * (cap2region, fcnf2region, fctp2region): reading a whole input file, a whitespace tokenizer
 * that tracks line numbers, strict number parsing, JSON output helpers and the atomic output
 * file (NAME.tmp, then rename).
 *
 * These are stand-alone tools outside the symnet library; they write symnet region JSON
 * (docs/format.md) that encodes a classic benchmark exactly. Errors are printed to stderr as
 * "FILE:LINE: message" and mapped to the CLI exit codes of symnet (STYLE.md section 5).
 */
#ifndef SN_BENCH_CLASSICS_CLASSIC_COMMON_H
#define SN_BENCH_CLASSICS_CLASSIC_COMMON_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes, as in symnet's CLI. */
enum {
    CL_EXIT_OK = 0,
    CL_EXIT_USAGE = 2,
    CL_EXIT_INPUT = 3,
    CL_EXIT_IO = 5,
    CL_EXIT_INTERNAL = 70
};
/* Returned by cl_parse_args after printing the help: exit with CL_EXIT_OK. */
enum { CL_HELP = 1 };

#if defined(__GNUC__) || defined(__clang__)
#define CL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CL_PRINTF(a, b)
#endif

/* Prints "FILE:LINE: message\n" (":LINE" omitted when 0) to stderr. */
void cl_error(const char *file, int line, const char *fmt, ...) CL_PRINTF(3, 4);
/* Prints "FILE:LINE: warning: message\n" to stderr. */
void cl_warn(const char *file, int line, const char *fmt, ...) CL_PRINTF(3, 4);

/* Reads a whole text file into a NUL-terminated malloc'd buffer (caller frees). Returns
 * CL_EXIT_OK, CL_EXIT_IO (message printed) or CL_EXIT_INPUT when the file holds a NUL byte. */
int cl_read_file(const char *path, char **text, size_t *len);

/* Whitespace-separated tokens of a text, with 1-based line numbers. */
typedef struct cl_lexer {
    const char *text;
    size_t pos;
    int line;
} cl_lexer;

void cl_lexer_init(cl_lexer *lx, const char *text);
/* Next token: *tok points into the text, *len is its length, *line its line. Returns 0 at the
 * end of the text. */
int cl_lexer_next(cl_lexer *lx, const char **tok, size_t *len, int *line);

/* Parses a whole token as a finite decimal number ("7500.", "-25", "1.5e3"); rejects inf, nan,
 * hex and trailing garbage. Returns 0 on success, -1 otherwise. */
int cl_parse_number(const char *tok, size_t len, double *out);
/* Parses a whole token as a decimal integer in [lo, hi]. Returns 0 on success, -1 otherwise. */
int cl_parse_int(const char *tok, size_t len, long lo, long hi, long *out);

/* Copies at most 40 characters of a token into buf for messages, with "..." when cut. */
const char *cl_tok_show(const char *tok, size_t len, char *buf, size_t size);

/* The output: stdout, or PATH.tmp renamed to PATH on success. */
typedef struct cl_output {
    FILE *f;
    const char *path; /* NULL: stdout */
    char *tmp;        /* PATH.tmp, malloc'd */
} cl_output;

/* Opens the output (path NULL or "-": stdout). Returns CL_EXIT_OK or CL_EXIT_IO. */
int cl_output_open(cl_output *o, const char *path);
/* Finishes the output: on ok, flushes, checks for write errors and renames the temporary file
 * over PATH; otherwise removes the temporary file. Returns CL_EXIT_OK or CL_EXIT_IO. */
int cl_output_close(cl_output *o, int ok);

/* JSON helpers: a number with "%.17g" (finite values only), a quoted, escaped string. */
void cl_json_num(FILE *f, double v);
void cl_json_str(FILE *f, const char *s);

/* Parses "-o PATH", "--out PATH", "-h" and one positional INPUT; other options are handled by
 * the caller through `extra` (returns the number of arguments consumed, 0 if unknown, -1 on a
 * bad value). Returns CL_EXIT_OK, CL_HELP after -h, or CL_EXIT_USAGE after printing the usage. */
typedef int (*cl_extra_opt)(int argc, char **argv, int i, void *ctx);
int cl_parse_args(int argc, char **argv, const char *usage, cl_extra_opt extra, void *ctx,
                  const char **input, const char **out);

/* Grid layout for nodes that have no geography: index k of n -> x, y in km, 10 km apart. */
void cl_grid(long k, long n, double *x, double *y);

#endif /* SN_BENCH_CLASSICS_CLASSIC_COMMON_H */
