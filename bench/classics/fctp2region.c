/*
 * fctp2region.c - converts the data section of GLPK's fixed-charge transportation example
 * (examples/fctp.mod by A. Makhorin; bal8x12.dat is its instance bal8x12 of Balinski) into a
 * symnet region (docs/format.md) whose optimal objective is the instance's optimum.
 *
 * Input: a GNU MathProg data section giving m, n, supply{1..m}, demand{1..n},
 * varcost{1..m,1..n} and fixcost{1..m,1..n}, each in plain (`param p := 1 15, 2 20;`) or
 * tabular (`param p [default v] [(tr)] : 1 2 := 1 0.69 0.64 ...;`) form; comments, `data;` and
 * `end;` as in MathProg. Other statements (sets, slices, several parameters in one table) are
 * rejected with the line they are on.
 * Model (fctp.mod): min sum c_ij x_ij + f_ij y_ij; sum_j x_ij = a_i; sum_i x_ij = b_j;
 *        x_ij <= min(a_i, b_j) y_ij; y binary.
 *
 * Encoding: one resource "goods" (unit "unit"); source i is facility "s<i>" supplying a_i
 * without a disposal option (all of it must be shipped); customer j is facility "d<j>"
 * demanding b_j without a price (all of it must be served); every pair is an explicit link
 * s<i>->d<j> with fixed_cost_per_yr f_ij, cost_per_unit c_ij and capacity min(a_i, b_j). The
 * resource has no pipe or truck object, so symnet generates no other links. Discount rate 0,
 * lifetime 1 yr, carbon price 0. Sources or customers with 0 supply/demand carry no flow and
 * are left out, with their links.
 */
#include "classic_common.h"

#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "[-o OUT.json] DATA.dat\n"
    "Converts a fixed-charge transportation data section for GLPK's fctp.mod into a symnet "
    "region.\n"
    "  -o OUT.json   output file (written atomically); default: standard output\n";

/* ---- MathProg data tokens ------------------------------------------------------------ */

typedef enum tok_kind {
    T_EOF = 0,
    T_WORD,   /* name or number: [A-Za-z0-9_.+-]+ */
    T_STRING, /* 'quoted' or "quoted" */
    T_ASSIGN, /* := */
    T_PUNCT   /* one of : ; , ( ) [ ] { } * = and anything else unexpected */
} tok_kind;

typedef struct token {
    tok_kind kind;
    const char *s;
    size_t len;
    int line;
} token;

typedef struct lexer {
    const char *file;
    const char *t;
    size_t pos;
    int line;
    token peeked;
    int has_peek;
} lexer;

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '+' || c == '-';
}

/* Returns 0, or CL_EXIT_INPUT after reporting an unterminated comment or string. */
static int lex_raw(lexer *lx, token *tk)
{
    const char *t = lx->t;
    size_t p = lx->pos;
    for (;;) {
        while (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r' || t[p] == '\f' ||
               t[p] == '\v') {
            lx->line += t[p] == '\n';
            p++;
        }
        if (t[p] == '#') {
            while (t[p] && t[p] != '\n')
                p++;
            continue;
        }
        if (t[p] == '/' && t[p + 1] == '*') {
            int start = lx->line;
            p += 2;
            while (t[p] && !(t[p] == '*' && t[p + 1] == '/')) {
                lx->line += t[p] == '\n';
                p++;
            }
            if (!t[p]) {
                cl_error(lx->file, start, "comment /* ... is never closed");
                return CL_EXIT_INPUT;
            }
            p += 2;
            continue;
        }
        break;
    }
    tk->line = lx->line;
    tk->s = t + p;
    if (!t[p]) {
        tk->kind = T_EOF;
        tk->len = 0;
    } else if (is_word_char(t[p])) {
        size_t q = p;
        while (is_word_char(t[q]))
            q++;
        tk->kind = T_WORD;
        tk->len = q - p;
        p = q;
    } else if (t[p] == '\'' || t[p] == '"') {
        char quote = t[p];
        size_t q = p + 1;
        while (t[q] && t[q] != quote && t[q] != '\n')
            q++;
        if (t[q] != quote) {
            cl_error(lx->file, tk->line, "string is never closed");
            return CL_EXIT_INPUT;
        }
        tk->kind = T_STRING;
        tk->s = t + p + 1;
        tk->len = q - p - 1;
        p = q + 1;
    } else if (t[p] == ':' && t[p + 1] == '=') {
        tk->kind = T_ASSIGN;
        tk->len = 2;
        p += 2;
    } else {
        tk->kind = T_PUNCT;
        tk->len = 1;
        p++;
    }
    lx->pos = p;
    return 0;
}

static int lex_next(lexer *lx, token *tk)
{
    if (lx->has_peek) {
        *tk = lx->peeked;
        lx->has_peek = 0;
        return 0;
    }
    return lex_raw(lx, tk);
}

static int tok_is(const token *tk, const char *s)
{
    size_t n = strlen(s);
    return (tk->kind == T_WORD || tk->kind == T_PUNCT || tk->kind == T_ASSIGN) && tk->len == n &&
           memcmp(tk->s, s, n) == 0;
}

static const char *tok_show(const token *tk, char *buf, size_t size)
{
    if (tk->kind == T_EOF)
        return "end of file";
    char inner[48];
    cl_tok_show(tk->s, tk->len, inner, sizeof inner);
    snprintf(buf, size, "\"%s\"", inner);
    return buf;
}

static int expect(lexer *lx, const char *s, const char *context)
{
    token tk;
    int rc = lex_next(lx, &tk);
    if (rc)
        return rc;
    if (!tok_is(&tk, s)) {
        char show[64];
        cl_error(lx->file, tk.line, "expected \"%s\" %s, got %s", s, context,
                 tok_show(&tk, show, sizeof show));
        return CL_EXIT_INPUT;
    }
    return 0;
}

/* ---- parameters of fctp.mod ----------------------------------------------------------- */

enum { P_M = 0, P_N, P_SUPPLY, P_DEMAND, P_VARCOST, P_FIXCOST, P_COUNT };
static const char *const PARAM_NAMES[P_COUNT] = {"m",      "n",       "supply",
                                                 "demand", "varcost", "fixcost"};
static const int PARAM_DIM[P_COUNT] = {0, 0, 1, 1, 2, 2};

#define MAX_INDEX 100000L

typedef struct entry {
    long i, j; /* 1-based; j = 0 for 1-dimensional, both 0 for scalars */
    double v;
    int line;
} entry;

typedef struct param {
    int defined; /* line of its statement, 0 when absent */
    int has_default;
    double def;
    entry *e;
    size_t n, cap;
} param;

typedef struct fctp {
    const char *file;
    param p[P_COUNT];
} fctp;

static int param_find(const token *tk)
{
    for (int k = 0; k < P_COUNT; k++)
        if (tk->kind == T_WORD && tk->len == strlen(PARAM_NAMES[k]) &&
            memcmp(tk->s, PARAM_NAMES[k], tk->len) == 0)
            return k;
    return -1;
}

static int index_of(const fctp *f, const token *tk, long *out)
{
    char show[64];
    if ((tk->kind != T_WORD && tk->kind != T_STRING) ||
        cl_parse_int(tk->s, tk->len, 1, MAX_INDEX, out) != 0) {
        cl_error(f->file, tk->line,
                 "expected an index (an integer in 1..%ld, fctp.mod's sets are "
                 "1..m and 1..n), got %s",
                 MAX_INDEX, tok_show(tk, show, sizeof show));
        return CL_EXIT_INPUT;
    }
    return 0;
}

static int add_entry(fctp *f, int k, long i, long j, const token *vt)
{
    param *p = &f->p[k];
    char show[64];
    double v;
    if (vt->kind != T_WORD || cl_parse_number(vt->s, vt->len, &v) != 0) {
        cl_error(f->file, vt->line, "expected a number for %s, got %s", PARAM_NAMES[k],
                 tok_show(vt, show, sizeof show));
        return CL_EXIT_INPUT;
    }
    for (size_t q = 0; q < p->n; q++)
        if (p->e[q].i == i && p->e[q].j == j) {
            cl_error(f->file, vt->line, "%s[%ld%s%ld] already has a value (line %d)",
                     PARAM_NAMES[k], i, j ? "," : "", j, p->e[q].line);
            return CL_EXIT_INPUT;
        }
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 64;
        entry *ne = realloc(p->e, nc * sizeof *ne);
        if (!ne) {
            cl_error(f->file, vt->line, "out of memory");
            return CL_EXIT_INTERNAL;
        }
        p->e = ne;
        p->cap = nc;
    }
    p->e[p->n++] = (entry){i, j, v, vt->line};
    return 0;
}

/* Tabular form after the parameter name and attributes:  : c1 c2 ... := r v v ... ;  */
static int parse_table(lexer *lx, fctp *f, int k, int transposed)
{
    long *cols = NULL;
    size_t ncols = 0, capc = 0;
    token tk;
    int rc;
    char show[64];
    for (;;) {
        if ((rc = lex_next(lx, &tk)))
            goto done;
        if (tk.kind == T_ASSIGN)
            break;
        long c;
        if ((rc = index_of(f, &tk, &c)))
            goto done;
        if (ncols == capc) {
            capc = capc ? capc * 2 : 16;
            long *nc = realloc(cols, capc * sizeof *nc);
            if (!nc) {
                cl_error(f->file, tk.line, "out of memory");
                rc = CL_EXIT_INTERNAL;
                goto done;
            }
            cols = nc;
        }
        cols[ncols++] = c;
    }
    if (ncols == 0) {
        cl_error(f->file, tk.line, "table of %s has no column labels", PARAM_NAMES[k]);
        rc = CL_EXIT_INPUT;
        goto done;
    }
    for (;;) {
        if ((rc = lex_next(lx, &tk)))
            goto done;
        if (tok_is(&tk, ";"))
            break;
        if (tk.kind == T_EOF || tok_is(&tk, "param") || tok_is(&tk, "end")) {
            cl_error(f->file, tk.line, "table of %s is not ended by ';' before %s", PARAM_NAMES[k],
                     tok_show(&tk, show, sizeof show));
            rc = CL_EXIT_INPUT;
            goto done;
        }
        long r;
        if ((rc = index_of(f, &tk, &r)))
            goto done;
        for (size_t c = 0; c < ncols; c++) {
            token vt;
            if ((rc = lex_next(lx, &vt)))
                goto done;
            if (vt.kind == T_EOF || tok_is(&vt, ";")) {
                cl_error(f->file, vt.line, "row %ld of table %s has %zu values, expected %zu", r,
                         PARAM_NAMES[k], c, ncols);
                rc = CL_EXIT_INPUT;
                goto done;
            }
            if (tok_is(&vt, "."))
                continue; /* no value: the default, if any */
            long i = transposed ? cols[c] : r, j = transposed ? r : cols[c];
            if ((rc = add_entry(f, k, i, j, &vt)))
                goto done;
        }
    }
done:
    free(cols);
    return rc;
}

/* Plain form after ":=":  i [j] v [,] ... ;  */
static int parse_list(lexer *lx, fctp *f, int k)
{
    int dim = PARAM_DIM[k];
    token tk;
    int rc;
    for (;;) {
        if ((rc = lex_next(lx, &tk)))
            return rc;
        if (tok_is(&tk, ";"))
            return 0;
        if (tok_is(&tk, ","))
            continue;
        if (tok_is(&tk, "[")) {
            cl_error(f->file, tk.line,
                     "slices ([i,*]) are not supported; write %s as a plain "
                     "list or a table",
                     PARAM_NAMES[k]);
            return CL_EXIT_INPUT;
        }
        long i = 0, j = 0;
        if ((rc = index_of(f, &tk, &i)))
            return rc;
        if (dim == 2) {
            token t2;
            if ((rc = lex_next(lx, &t2)))
                return rc;
            if (tok_is(&t2, ","))
                if ((rc = lex_next(lx, &t2)))
                    return rc;
            if ((rc = index_of(f, &t2, &j)))
                return rc;
        }
        token vt;
        if ((rc = lex_next(lx, &vt)))
            return rc;
        if (tok_is(&vt, ","))
            if ((rc = lex_next(lx, &vt)))
                return rc;
        if ((rc = add_entry(f, k, i, j, &vt)))
            return rc;
    }
}

static int parse_param(lexer *lx, fctp *f, int stmt_line)
{
    token tk;
    char show[64];
    int rc;
    if ((rc = lex_next(lx, &tk)))
        return rc;
    int k = param_find(&tk);
    if (k < 0) {
        if (tok_is(&tk, ":"))
            cl_error(f->file, tk.line,
                     "tables of several parameters (param : a b := ...) are "
                     "not supported");
        else
            cl_error(f->file, tk.line,
                     "unknown parameter %s (fctp.mod has m, n, supply, demand, "
                     "varcost, fixcost)",
                     tok_show(&tk, show, sizeof show));
        return CL_EXIT_INPUT;
    }
    param *p = &f->p[k];
    if (p->defined) {
        cl_error(f->file, tk.line, "parameter %s is already given (line %d)", PARAM_NAMES[k],
                 p->defined);
        return CL_EXIT_INPUT;
    }
    p->defined = stmt_line;
    int transposed = 0;
    for (;;) {
        if ((rc = lex_next(lx, &tk)))
            return rc;
        if (tok_is(&tk, "default")) {
            token vt;
            if ((rc = lex_next(lx, &vt)))
                return rc;
            if (vt.kind != T_WORD || cl_parse_number(vt.s, vt.len, &p->def) != 0) {
                cl_error(f->file, vt.line, "expected a number after default, got %s",
                         tok_show(&vt, show, sizeof show));
                return CL_EXIT_INPUT;
            }
            p->has_default = 1;
        } else if (tok_is(&tk, "(")) {
            if ((rc = expect(lx, "tr", "in (tr)")) || (rc = expect(lx, ")", "after (tr")))
                return rc;
            transposed = 1;
        } else if (tok_is(&tk, ",")) {
            continue;
        } else {
            break;
        }
    }
    if (tok_is(&tk, ";"))
        return 0; /* only a default */
    if (PARAM_DIM[k] == 0) {
        if (tk.kind != T_ASSIGN) {
            cl_error(f->file, tk.line, "expected \":=\" after param %s, got %s", PARAM_NAMES[k],
                     tok_show(&tk, show, sizeof show));
            return CL_EXIT_INPUT;
        }
        token vt;
        if ((rc = lex_next(lx, &vt)) || (rc = add_entry(f, k, 0, 0, &vt)))
            return rc;
        return expect(lx, ";", "after a scalar parameter");
    }
    if (tok_is(&tk, ":")) {
        if (PARAM_DIM[k] != 2) {
            cl_error(f->file, tk.line, "parameter %s has one index: a table is not allowed",
                     PARAM_NAMES[k]);
            return CL_EXIT_INPUT;
        }
        return parse_table(lx, f, k, transposed);
    }
    if (tk.kind == T_ASSIGN && !transposed)
        return parse_list(lx, f, k);
    cl_error(f->file, tk.line, "expected \":=\" or \":\" after param %s, got %s", PARAM_NAMES[k],
             tok_show(&tk, show, sizeof show));
    return CL_EXIT_INPUT;
}

static int parse_data(lexer *lx, fctp *f)
{
    token tk;
    int rc;
    char show[64];
    for (;;) {
        if ((rc = lex_next(lx, &tk)))
            return rc;
        if (tk.kind == T_EOF)
            return 0;
        if (tok_is(&tk, "data")) {
            if ((rc = expect(lx, ";", "after data")))
                return rc;
        } else if (tok_is(&tk, "end")) {
            if ((rc = expect(lx, ";", "after end")))
                return rc;
            return 0;
        } else if (tok_is(&tk, ";")) {
            continue;
        } else if (tok_is(&tk, "param")) {
            if ((rc = parse_param(lx, f, tk.line)))
                return rc;
        } else {
            cl_error(f->file, tk.line,
                     "expected a param statement, got %s (only m, n, supply, "
                     "demand, varcost and fixcost of fctp.mod are read)",
                     tok_show(&tk, show, sizeof show));
            return CL_EXIT_INPUT;
        }
    }
}

/* ---- checks and output ---------------------------------------------------------------- */

typedef struct dense {
    long m, n;
    double *a, *b, *c, *fc; /* a: m, b: n, c and fc: m*n (row i) */
} dense;

static int scalar(const fctp *f, int k, long *out)
{
    const param *p = &f->p[k];
    if (p->n == 0) {
        cl_error(f->file, p->defined, "no value for %s", PARAM_NAMES[k]);
        return CL_EXIT_INPUT;
    }
    double v = p->e[0].v;
    if (!(v >= 1 && v <= (double)MAX_INDEX) || (double)(long)v != v) {
        cl_error(f->file, p->e[0].line, "%s must be an integer in 1..%ld, got %.17g",
                 PARAM_NAMES[k], MAX_INDEX, v);
        return CL_EXIT_INPUT;
    }
    *out = (long)v;
    return 0;
}

/* Fills out[0 .. rows*cols-1] from param k (cols = 1 for one index), checking ranges. */
static int fill(const fctp *f, int k, long rows, long cols, double *out)
{
    const param *p = &f->p[k];
    size_t total = (size_t)rows * (size_t)cols;
    unsigned char *seen = calloc(total, 1);
    if (!seen) {
        cl_error(f->file, 0, "out of memory");
        return CL_EXIT_INTERNAL;
    }
    int rc = 0;
    for (size_t q = 0; q < p->n && !rc; q++) {
        const entry *e = &p->e[q];
        long i = e->i, j = PARAM_DIM[k] == 2 ? e->j : 1;
        if (i > rows || j > cols) {
            if (PARAM_DIM[k] == 2)
                cl_error(f->file, e->line, "%s[%ld,%ld]: index out of range 1..%ld, 1..%ld",
                         PARAM_NAMES[k], e->i, e->j, rows, cols);
            else
                cl_error(f->file, e->line, "%s[%ld]: index out of range 1..%ld (%s = %ld)",
                         PARAM_NAMES[k], e->i, rows, k == P_DEMAND ? "n" : "m", rows);
            rc = CL_EXIT_INPUT;
        } else if (e->v < 0) {
            cl_error(f->file, e->line, "%s must be >= 0 (fctp.mod), got %.17g", PARAM_NAMES[k],
                     e->v);
            rc = CL_EXIT_INPUT;
        } else {
            size_t at = (size_t)(i - 1) * (size_t)cols + (size_t)(j - 1);
            out[at] = e->v;
            seen[at] = 1;
        }
    }
    for (size_t at = 0; at < total && !rc; at++) {
        if (seen[at])
            continue;
        if (p->has_default && p->def >= 0) {
            out[at] = p->def;
            continue;
        }
        if (PARAM_DIM[k] == 2)
            cl_error(f->file, p->defined, "no value for %s[%zu,%zu]", PARAM_NAMES[k],
                     at / (size_t)cols + 1, at % (size_t)cols + 1);
        else
            cl_error(f->file, p->defined, "no value for %s[%zu]", PARAM_NAMES[k], at + 1);
        rc = CL_EXIT_INPUT;
    }
    free(seen);
    return rc;
}

static int densify(const fctp *f, dense *d)
{
    int rc;
    for (int k = 0; k < P_COUNT; k++)
        if (!f->p[k].defined) {
            cl_error(f->file, 0, "parameter %s is missing", PARAM_NAMES[k]);
            return CL_EXIT_INPUT;
        }
    if ((rc = scalar(f, P_M, &d->m)) || (rc = scalar(f, P_N, &d->n)))
        return rc;
    if ((unsigned long)d->m * (unsigned long)d->n > 50000000UL) {
        cl_error(f->file, 0, "m * n = %ld * %ld is too large", d->m, d->n);
        return CL_EXIT_INPUT;
    }
    size_t mn = (size_t)d->m * (size_t)d->n;
    d->a = calloc((size_t)d->m, sizeof *d->a);
    d->b = calloc((size_t)d->n, sizeof *d->b);
    d->c = calloc(mn, sizeof *d->c);
    d->fc = calloc(mn, sizeof *d->fc);
    if (!d->a || !d->b || !d->c || !d->fc) {
        cl_error(f->file, 0, "out of memory");
        return CL_EXIT_INTERNAL;
    }
    if ((rc = fill(f, P_SUPPLY, d->m, 1, d->a)) || (rc = fill(f, P_DEMAND, d->n, 1, d->b)) ||
        (rc = fill(f, P_VARCOST, d->m, d->n, d->c)) || (rc = fill(f, P_FIXCOST, d->m, d->n, d->fc)))
        return rc;
    return 0;
}

static void base_name(const char *path, char *buf, size_t size)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(buf, size, "%s", b);
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf)
        *dot = '\0';
}

static void write_region(FILE *out, const char *file, const dense *d)
{
    char name[128], buf[1024];
    base_name(file, name, sizeof name);
    fputs("{\n  \"format\": \"symnet-region/1\",\n  \"notes\": [\n    ", out);
    snprintf(buf, sizeof buf, "Converted by bench/classics/fctp2region from %s", file);
    cl_json_str(out, buf);
    fputs(",\n    \"Fixed-charge transportation problem, data section for GLPK's examples/fctp.mod "
          "(A. Makhorin)\",\n"
          "    \"Model: min sum c_ij x_ij + f_ij y_ij; sum_j x_ij = a_i; sum_i x_ij = b_j; x_ij <= "
          "min(a_i, b_j) y_ij; y binary\",\n"
          "    \"Encoding: source i = facility s<i> supplying a_i without disposal (all shipped); "
          "customer j = facility d<j> demanding b_j without price (all served); link s<i>->d<j> "
          "with fixed_cost_per_yr f_ij, cost_per_unit c_ij, capacity min(a_i, b_j); no pipe/truck "
          "objects, so no generated links\"\n  ],\n  \"region\": {\"name\": ",
          out);
    cl_json_str(out, name);
    fputs(", \"coordinates\": \"planar_km\", \"currency\": \"XXX\", \"discount_rate\": 0, "
          "\"lifetime_yr\": 1, \"carbon_price\": 0},\n"
          "  \"resources\": [{\"id\": \"goods\", \"unit\": \"unit\"}],\n  \"facilities\": [",
          out);
    int first = 1;
    for (long i = 0; i < d->m; i++) {
        if (!(d->a[i] > 0))
            continue;
        fprintf(out, "%s\n    {\"id\": \"s%ld\", \"location\": [", first ? "" : ",", i + 1);
        first = 0;
        cl_json_num(out, 10.0 * (double)i);
        fputs(", 0], \"supplies\": [{\"resource\": \"goods\", \"amount\": ", out);
        cl_json_num(out, d->a[i]);
        fputs("}]}", out);
    }
    for (long j = 0; j < d->n; j++) {
        if (!(d->b[j] > 0))
            continue;
        fprintf(out, "%s\n    {\"id\": \"d%ld\", \"location\": [", first ? "" : ",", j + 1);
        first = 0;
        cl_json_num(out, 10.0 * (double)j);
        fputs(", 50], \"demands\": [{\"resource\": \"goods\", \"amount\": ", out);
        cl_json_num(out, d->b[j]);
        fputs("}]}", out);
    }
    fputs("\n  ],\n  \"links\": [", out);
    first = 1;
    for (long i = 0; i < d->m; i++) {
        for (long j = 0; j < d->n; j++) {
            double cap = d->a[i] < d->b[j] ? d->a[i] : d->b[j];
            if (!(cap > 0))
                continue;
            size_t at = (size_t)i * (size_t)d->n + (size_t)j;
            fprintf(out,
                    "%s\n    {\"from\": \"s%ld\", \"to\": \"d%ld\", \"resource\": \"goods\", "
                    "\"mode\": \"pipe\", \"fixed_cost_per_yr\": ",
                    first ? "" : ",", i + 1, j + 1);
            first = 0;
            cl_json_num(out, d->fc[at]);
            fputs(", \"cost_per_unit\": ", out);
            cl_json_num(out, d->c[at]);
            fputs(", \"capacity\": ", out);
            cl_json_num(out, cap);
            fputc('}', out);
        }
    }
    fputs("\n  ]\n}\n", out);
}

int main(int argc, char **argv)
{
    const char *input, *out;
    int rc = cl_parse_args(argc, argv, USAGE, NULL, NULL, &input, &out);
    if (rc)
        return rc == CL_HELP ? CL_EXIT_OK : rc;
    char *text;
    size_t len;
    if ((rc = cl_read_file(input, &text, &len)))
        return rc;
    fctp f;
    memset(&f, 0, sizeof f);
    f.file = input;
    lexer lx = {input, text, 0, 1, {T_EOF, NULL, 0, 0}, 0};
    dense d = {0, 0, NULL, NULL, NULL, NULL};
    rc = parse_data(&lx, &f);
    if (!rc)
        rc = densify(&f, &d);
    if (!rc) {
        double sa = 0, sb = 0;
        long na = 0, nb = 0;
        for (long i = 0; i < d.m; i++) {
            sa += d.a[i];
            na += d.a[i] > 0;
        }
        for (long j = 0; j < d.n; j++) {
            sb += d.b[j];
            nb += d.b[j] > 0;
        }
        if (na == 0 || nb == 0) {
            cl_error(input, 0, "total supply or total demand is 0: nothing to convert");
            rc = CL_EXIT_INPUT;
        } else if (sa != sb) {
            cl_warn(input, 0,
                    "total supply %.17g differs from total demand %.17g: fctp.mod "
                    "(equalities) is infeasible, and so is the region",
                    sa, sb);
        }
    }
    if (!rc) {
        cl_output o;
        rc = cl_output_open(&o, out);
        if (!rc) {
            write_region(o.f, input, &d);
            rc = cl_output_close(&o, 1);
        }
    }
    for (int k = 0; k < P_COUNT; k++)
        free(f.p[k].e);
    free(d.a);
    free(d.b);
    free(d.c);
    free(d.fc);
    free(text);
    return rc;
}
