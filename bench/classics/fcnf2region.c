/*
 * fcnf2region.c - converts an FCNetLib instance (single-commodity uncapacitated fixed-charge
 * network flow; Ortega & Wolsey, Networks 41(3), 2003; GAMS include files of GAMS-dev/gamsworld
 * FCNetLib/includes/) into a symnet region (docs/format.md) whose optimal objective is the
 * instance's optimum under FCNetLib's model (bchfcnet.gms):
 *     min sum vcost*x + fcost*y;  inflow - outflow = demand(n) at every node;
 *     x <= xupp*y, xupp = min(u, xupp);  y binary;
 *     arcs: (m,n,s) with fcost, vcost, xupp or yupp nonzero.
 *
 * Input: the subset of GAMS these include files use, read generically:
 *   Set NAME / a, b, p1*p9 / ;          (nodes n or nn; arc labels s or ss; several sets,
 *                                       parameters or scalars per statement, and the ';' may
 *                                       be left out before the next declaration, as in GAMS)
 *   Parameter NAME(dom) / records / ;   fcost, vcost, xupp, yupp (m,n[,s]; nn,nn,ss),
 *                                       exist(m,n) and demand(n), as
 *                                       "label label label value" lines between $ondelim and
 *                                       $offdelim, or "a.b.c value" records separated by commas
 *                                       or line breaks; either order of the tables
 *   Scalar NAME / value / ;
 *   statements, applied in order:
 *     demand(n) = -demand(n);
 *     u = -sum(n$(demand(n)<0), demand(n));        (or u = sum(n$(demand(n)>0), demand(n));)
 *     xupp(m,n,s)$(fcost(m,n,s) or vcost(m,n,s)) = u;   xupp(m,n,s)$fcost(m,n,s) = u;
 *     vcost(m,n,s) = 0;   fcost(m,n,s) = 0;
 *     loop((m,n,s)$(fcost(m,n,s)<0), fcost(m,n,s)=0; vcost(m,n,s)=0;);   existing free arcs
 *     loop((m,n)$exist(m,n), xupp(m,n,s) = u;);     fixnet: existing pairs get capacity u
 *     fcost(m,n,s) = 10 * fcost(m,n,s);             scaling (any arc parameter or demand)
 *     P('a','b','c') = number;   scalar = number;   (usetree, usett1, usett2 only = 0)
 *   '*' comment lines and $ontext/$offtext blocks. Anything else stops the converter with the
 *   file and line, so an instance it cannot read exactly is never converted approximately.
 *
 * Encoding: one resource "flow" (unit "unit") without pipe or truck objects, so symnet
 * generates no candidate links. Every node that has an arc or a demand is a junction named by
 * its label. A node with demand d < 0 gets a facility "src:<node>" supplying -d with no
 * disposal option (all of it must be shipped) and a free link src:<node> -> <node>; a node with
 * demand d > 0 gets a facility "snk:<node>" demanding d with no price (all of it must be
 * served) and a free link <node> -> snk:<node>. Supplies and demands thus sit beside their
 * junction, so flow may pass through any node as in the network model. Every arc with
 * capacity min(u, xupp) > 0 is a link "arc:<from>:<to>[:<s>]" between junctions with
 * fixed_cost_per_yr fcost, cost_per_unit vcost, capacity min(u, xupp). A region holds one link
 * per pair of nodes, so a parallel arc (same from and to, another label s) runs through its own
 * junction "via:<from>:<to>:<s>": the first leg carries its costs and capacity, the second is
 * free with the same capacity. With --reverse the network is written turned round (demands
 * negated, every arc to->from): the same optimum, with symnet's flows tracked by the original
 * sinks instead of the sources (bench/classics/README.md). Discount rate 0,
 * lifetime 1 yr, carbon price 0. Self-loops carry no useful flow and are left out.
 */
#include "classic_common.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "[--reverse] [-o OUT.json] INSTANCE.inc\n"
    "Converts an FCNetLib GAMS include file into a symnet region.\n"
    "  --reverse     write the reversed network (sources become sinks, every arc turns round;\n"
    "                same optimum): symnet then tracks the flow by the original sinks\n"
    "  -o OUT.json   output file (written atomically); default: standard output\n";

static int extra_opt(int argc, char **argv, int i, void *ctx)
{
    (void)argc;
    if (strcmp(argv[i], "--reverse") != 0)
        return 0;
    *(int *)ctx = 1;
    return 1;
}

#define MAX_LABEL 56 /* so that "snk:" + label fits symnet's 64-character ids */

/* ---- sets ------------------------------------------------------------------------------ */

typedef struct labelset {
    char (*name)[MAX_LABEL + 1];
    size_t n, cap;
    int line; /* of its declaration, 0 when not declared */
} labelset;

static int label_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static long set_find(const labelset *s, const char *label)
{
    for (size_t k = 0; k < s->n; k++)
        if (label_eq(s->name[k], label))
            return (long)k;
    return -1;
}

/* ---- arcs: open addressing over (from, to, s) ------------------------------------------- */

enum { A_FCOST = 0, A_VCOST, A_XUPP, A_YUPP, A_COUNT };
static const char *const ARC_PARAMS[A_COUNT] = {"fcost", "vcost", "xupp", "yupp"};

typedef struct arc {
    long from, to, s; /* indices into the node set and the s set (0 when s is absent) */
    double v[A_COUNT];
    int line; /* first line that mentions it */
} arc;

typedef struct arcs {
    arc *a;
    size_t n, cap;
    size_t *slot; /* hash slots: index + 1, 0 empty */
    size_t nslot;
} arcs;

static uint64_t arc_hash(long f, long t, long s)
{
    uint64_t h = (uint64_t)f * 0x9E3779B97F4A7C15ULL ^ (uint64_t)t * 0xC2B2AE3D27D4EB4FULL ^
                 (uint64_t)s * 0x165667B19E3779F9ULL;
    return h ^ (h >> 29);
}

/* Returns the arc, adding it when absent; NULL when out of memory. */
static arc *arc_get(arcs *A, long f, long t, long s, int line)
{
    if (A->nslot == 0 || (A->n + 1) * 2 > A->nslot) {
        size_t ns = A->nslot ? A->nslot * 2 : 1024;
        size_t *slot = calloc(ns, sizeof *slot);
        if (!slot)
            return NULL;
        for (size_t k = 0; k < A->n; k++) {
            size_t h = (size_t)(arc_hash(A->a[k].from, A->a[k].to, A->a[k].s) & (ns - 1));
            while (slot[h])
                h = (h + 1) & (ns - 1);
            slot[h] = k + 1;
        }
        free(A->slot);
        A->slot = slot;
        A->nslot = ns;
    }
    size_t h = (size_t)(arc_hash(f, t, s) & (A->nslot - 1));
    while (A->slot[h]) {
        arc *c = &A->a[A->slot[h] - 1];
        if (c->from == f && c->to == t && c->s == s)
            return c;
        h = (h + 1) & (A->nslot - 1);
    }
    if (A->n == A->cap) {
        size_t nc = A->cap ? A->cap * 2 : 256;
        arc *na = realloc(A->a, nc * sizeof *na);
        if (!na)
            return NULL;
        A->a = na;
        A->cap = nc;
    }
    arc *c = &A->a[A->n];
    memset(c, 0, sizeof *c);
    c->from = f;
    c->to = t;
    c->s = s;
    c->line = line;
    A->slot[h] = ++A->n;
    return c;
}

/* ---- the instance being read ------------------------------------------------------------ */

typedef struct fcnf {
    const char *file;
    labelset nodes, sset; /* Set n, Set s */
    double *demand;       /* per node */
    int *demand_line;     /* line of each node's demand record, 0 none */
    int demand_declared;
    int arc_dim; /* 2 or 3 once a parameter over arcs is declared, 0 before */
    arcs A;
    arcs E;   /* exist(m,n) records (fixnet files): v[0] is the value, s is 0 */
    double u; /* GAMS scalars are 0 until assigned */
    int u_line;
    int delim;    /* $ondelim in effect */
    int reversed; /* --reverse: demands negated and arcs turned round before output */
} fcnf;

static void fcnf_free(fcnf *g)
{
    free(g->nodes.name);
    free(g->sset.name);
    free(g->demand);
    free(g->demand_line);
    free(g->A.a);
    free(g->A.slot);
    free(g->E.a);
    free(g->E.slot);
}

/* ---- scanner -------------------------------------------------------------------------- */

typedef struct scan {
    const char *t;
    size_t p;
    int line;
} scan;

static int at_line_start(const scan *sc)
{
    return sc->p == 0 || sc->t[sc->p - 1] == '\n';
}

static void skip_line(scan *sc)
{
    while (sc->t[sc->p] && sc->t[sc->p] != '\n')
        sc->p++;
}

/* Handles a $ directive at the start of a line; returns 0 or an exit code. */
static int directive(fcnf *g, scan *sc)
{
    int line = sc->line;
    size_t q = sc->p + 1, n = 0;
    char word[32];
    while (isalpha((unsigned char)sc->t[q]) && n + 1 < sizeof word)
        word[n++] = (char)tolower((unsigned char)sc->t[q++]);
    word[n] = '\0';
    if (strcmp(word, "ondelim") == 0 || strcmp(word, "offdelim") == 0) {
        g->delim = word[1] == 'n';
        skip_line(sc);
        return 0;
    }
    if (strcmp(word, "offlisting") == 0 || strcmp(word, "onlisting") == 0 ||
        strcmp(word, "title") == 0 || strcmp(word, "stitle") == 0) {
        skip_line(sc);
        return 0;
    }
    if (strcmp(word, "ontext") == 0) {
        for (;;) {
            skip_line(sc);
            if (!sc->t[sc->p]) {
                cl_error(g->file, line, "$ontext is never closed by $offtext");
                return CL_EXIT_INPUT;
            }
            sc->p++;
            sc->line++;
            if (strncmp(sc->t + sc->p, "$offtext", 8) == 0 ||
                strncmp(sc->t + sc->p, "$offText", 8) == 0 ||
                strncmp(sc->t + sc->p, "$OFFTEXT", 8) == 0) {
                skip_line(sc);
                return 0;
            }
        }
    }
    cl_error(g->file, line, "unsupported GAMS directive $%s", word);
    return CL_EXIT_INPUT;
}

/* Skips blanks, '*' comment lines and directives. Returns 0 or an exit code. */
static int skip_space(fcnf *g, scan *sc)
{
    for (;;) {
        char c = sc->t[sc->p];
        if (c == '\n') {
            sc->line++;
            sc->p++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            sc->p++;
        } else if (at_line_start(sc) && c == '*') {
            skip_line(sc);
        } else if (at_line_start(sc) && c == '$') {
            int rc = directive(g, sc);
            if (rc)
                return rc;
        } else {
            return 0;
        }
    }
}

static size_t read_ident(scan *sc, char *buf, size_t size)
{
    size_t n = 0;
    while (isalnum((unsigned char)sc->t[sc->p]) || sc->t[sc->p] == '_') {
        if (n + 1 < size)
            buf[n] = sc->t[sc->p];
        n++;
        sc->p++;
    }
    buf[n < size ? n : size - 1] = '\0';
    return n;
}

/* ---- labels and records ------------------------------------------------------------------ */

/* Strips quotes from a label; checks GAMS label characters that are also valid in symnet ids
 * (A-Za-z0-9_ and - + .; '.' cannot occur here). Returns 0 or an exit code. */
static int clean_label(const fcnf *g, int line, const char *tok, size_t len, char *out)
{
    char show[64];
    if (len >= 2 && (tok[0] == '\'' || tok[0] == '"') && tok[len - 1] == tok[0]) {
        tok++;
        len -= 2;
    }
    if (len == 0 || len > MAX_LABEL) {
        cl_error(g->file, line, "expected a label of 1..%d characters, got \"%s\"", MAX_LABEL,
                 cl_tok_show(tok, len, show, sizeof show));
        return CL_EXIT_INPUT;
    }
    for (size_t k = 0; k < len; k++) {
        char c = tok[k];
        if (!(isalnum((unsigned char)c) || c == '_' || c == '-')) {
            cl_error(g->file, line,
                     "label \"%s\" has a character symnet ids cannot hold (A-Za-z0-9_- only)",
                     cl_tok_show(tok, len, show, sizeof show));
            return CL_EXIT_INPUT;
        }
    }
    memcpy(out, tok, len);
    out[len] = '\0';
    return 0;
}

static int set_add(const fcnf *g, labelset *s, const char *label, int line)
{
    if (set_find(s, label) >= 0) {
        cl_error(g->file, line, "label \"%s\" appears twice in the set", label);
        return CL_EXIT_INPUT;
    }
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        char(*nn)[MAX_LABEL + 1] = realloc(s->name, nc * sizeof *nn);
        if (!nn) {
            cl_error(g->file, line, "out of memory");
            return CL_EXIT_INTERNAL;
        }
        s->name = nn;
        s->cap = nc;
    }
    memcpy(s->name[s->n++], label, MAX_LABEL + 1);
    return 0;
}

/* Adds one set element, or the range a1*a9 (same prefix, numeric suffixes). */
static int set_element(const fcnf *g, labelset *s, const char *tok, size_t len, int line)
{
    const char *star = memchr(tok, '*', len);
    char a[MAX_LABEL + 1], b[MAX_LABEL + 1];
    int rc;
    if (!star) {
        if ((rc = clean_label(g, line, tok, len, a)))
            return rc;
        return set_add(g, s, a, line);
    }
    if ((rc = clean_label(g, line, tok, (size_t)(star - tok), a)) ||
        (rc = clean_label(g, line, star + 1, len - (size_t)(star - tok) - 1, b)))
        return rc;
    size_t la = strlen(a), lb = strlen(b), pa = la, pb = lb;
    while (pa > 0 && isdigit((unsigned char)a[pa - 1]))
        pa--;
    while (pb > 0 && isdigit((unsigned char)b[pb - 1]))
        pb--;
    long lo, hi;
    if (pa == la || pb == lb || pa != pb || strncmp(a, b, pa) != 0 ||
        cl_parse_int(a + pa, la - pa, 0, 99999999L, &lo) != 0 ||
        cl_parse_int(b + pb, lb - pb, 0, 99999999L, &hi) != 0 || hi < lo || hi - lo > 10000000L) {
        cl_error(g->file, line, "expected a range like n1*n40, got \"%s*%s\"", a, b);
        return CL_EXIT_INPUT;
    }
    int width = a[pa] == '0' && la - pa > 1 ? (int)(la - pa) : 0;
    for (long k = lo; k <= hi; k++) {
        char e[MAX_LABEL + 16];
        snprintf(e, sizeof e, "%.*s%0*ld", (int)pa, a, width, k);
        if (strlen(e) > MAX_LABEL) {
            cl_error(g->file, line, "label \"%s\" is longer than %d characters", e, MAX_LABEL);
            return CL_EXIT_INPUT;
        }
        if ((rc = set_add(g, s, e, line)))
            return rc;
    }
    return 0;
}

/* Reads "/ elements /" of a set. */
static int set_body(fcnf *g, scan *sc, labelset *s)
{
    int rc;
    sc->p++; /* '/' */
    for (;;) {
        if ((rc = skip_space(g, sc)))
            return rc;
        char c = sc->t[sc->p];
        if (!c) {
            cl_error(g->file, sc->line, "set elements are never closed by '/'");
            return CL_EXIT_INPUT;
        }
        if (c == '/') {
            sc->p++;
            return 0;
        }
        if (c == ',') {
            sc->p++;
            continue;
        }
        size_t start = sc->p;
        while (sc->t[sc->p] && !isspace((unsigned char)sc->t[sc->p]) && sc->t[sc->p] != ',' &&
               sc->t[sc->p] != '/')
            sc->p++;
        if ((rc = set_element(g, s, sc->t + start, sc->p - start, sc->line)))
            return rc;
    }
}

typedef enum pkind {
    PK_DEMAND = 0,
    PK_FCOST,
    PK_VCOST,
    PK_XUPP,
    PK_YUPP,
    PK_EXIST,
    PK_SCALAR
} pkind;

typedef struct ptarget {
    pkind kind;
    int dim; /* labels per record */
    char name[32];
} ptarget;

/* Resolves labels of one record and stores its value. */
static int store(fcnf *g, const ptarget *pt, char labels[][MAX_LABEL + 1], double v, int line)
{
    long idx[3] = {0, 0, 0};
    for (int k = 0; k < pt->dim; k++) {
        const labelset *s = k < 2 ? &g->nodes : &g->sset;
        if (!s->line) {
            cl_error(g->file, line, "%s uses set %s before it is declared", pt->name,
                     k < 2 ? "n" : "s");
            return CL_EXIT_INPUT;
        }
        idx[k] = set_find(s, labels[k]);
        if (idx[k] < 0) {
            cl_error(g->file, line, "label \"%s\" of %s is not in set %s (declared line %d)",
                     labels[k], pt->name, k < 2 ? "n" : "s", s->line);
            return CL_EXIT_INPUT;
        }
    }
    switch (pt->kind) {
    case PK_DEMAND:
        if (g->demand_line[idx[0]]) {
            cl_error(g->file, line, "demand(%s) is given twice (line %d)", labels[0],
                     g->demand_line[idx[0]]);
            return CL_EXIT_INPUT;
        }
        g->demand[idx[0]] = v;
        g->demand_line[idx[0]] = line;
        return 0;
    case PK_FCOST:
    case PK_VCOST:
    case PK_XUPP:
    case PK_YUPP: {
        size_t before = g->A.n;
        arc *a = arc_get(&g->A, idx[0], idx[1], idx[2], line);
        if (!a) {
            cl_error(g->file, line, "out of memory");
            return CL_EXIT_INTERNAL;
        }
        int which = (int)pt->kind - (int)PK_FCOST;
        if (g->A.n == before && a->v[which] != 0 && pt->dim > 0) {
            cl_error(g->file, line, "%s(%s,%s%s%s) is given twice", pt->name, labels[0], labels[1],
                     pt->dim == 3 ? "," : "", pt->dim == 3 ? labels[2] : "");
            return CL_EXIT_INPUT;
        }
        a->v[which] = v;
        return 0;
    }
    case PK_EXIST: {
        arc *e = arc_get(&g->E, idx[0], idx[1], 0, line);
        if (!e) {
            cl_error(g->file, line, "out of memory");
            return CL_EXIT_INTERNAL;
        }
        e->v[0] = v;
        return 0;
    }
    case PK_SCALAR:
        break;
    }
    return 0;
}

/* One record: dim labels (separated by blanks or dots) and a value. */
static int record(fcnf *g, const ptarget *pt, char *rec, int line)
{
    char *field[8];
    int nf = 0;
    char orig[64];
    cl_tok_show(rec, strlen(rec), orig, sizeof orig); /* rec is split in place below */
    for (char *p = rec; *p;) {
        while (*p && (isspace((unsigned char)*p) || (g->delim && *p == ',')))
            p++;
        if (!*p)
            break;
        if (nf == 8) {
            cl_error(g->file, line, "too many fields in a record of %s", pt->name);
            return CL_EXIT_INPUT;
        }
        field[nf++] = p;
        while (*p && !isspace((unsigned char)*p) && !(g->delim && *p == ','))
            p++;
        if (*p)
            *p++ = '\0';
    }
    if (nf == 0)
        return 0;
    double v;
    const char *val = field[nf - 1];
    if (nf < 2 || cl_parse_number(val, strlen(val), &v) != 0) {
        cl_error(g->file, line, "expected %d label%s and a number in %s, got \"%s\"", pt->dim,
                 pt->dim == 1 ? "" : "s", pt->name, orig);
        return CL_EXIT_INPUT;
    }
    char labels[3][MAX_LABEL + 1];
    int nl = 0, rc;
    for (int k = 0; k < nf - 1; k++) {
        char *p = field[k];
        for (;;) {
            char *dot = strchr(p, '.');
            size_t len = dot ? (size_t)(dot - p) : strlen(p);
            if (nl >= pt->dim) {
                nl++;
                break;
            }
            if ((rc = clean_label(g, line, p, len, labels[nl])))
                return rc;
            nl++;
            if (!dot)
                break;
            p = dot + 1;
        }
    }
    if (nl != pt->dim) {
        cl_error(g->file, line, "expected %d label%s before the value of %s, got %d in \"%s\"",
                 pt->dim, pt->dim == 1 ? "" : "s", pt->name, nl, orig);
        return CL_EXIT_INPUT;
    }
    return store(g, pt, labels, v, line);
}

/* Reads "/ records /" of a parameter, line by line. */
static int param_body(fcnf *g, scan *sc, const ptarget *pt)
{
    char buf[1024];
    size_t n = 0;
    int rc, line = sc->line;
    sc->p++; /* '/' */
    for (;;) {
        char c = sc->t[sc->p];
        if (!c) {
            cl_error(g->file, line, "data of %s are never closed by '/'", pt->name);
            return CL_EXIT_INPUT;
        }
        if (c == '\n' || c == '/' || (c == ',' && !g->delim)) {
            buf[n] = '\0';
            if ((rc = record(g, pt, buf, sc->line)))
                return rc;
            n = 0;
            sc->p++;
            if (c == '/')
                return 0;
            if (c == '\n') {
                sc->line++;
                if (sc->t[sc->p] == '$' || sc->t[sc->p] == '*') {
                    if (sc->t[sc->p] == '*')
                        skip_line(sc);
                    else if ((rc = directive(g, sc)))
                        return rc;
                }
            }
            continue;
        }
        if (n + 1 >= sizeof buf) {
            cl_error(g->file, sc->line, "record of %s is too long", pt->name);
            return CL_EXIT_INPUT;
        }
        buf[n++] = c;
        sc->p++;
    }
}

/* After a declaration: optional text, then "/ data /", then ';' or ',' or another name. */
static int skip_text(fcnf *g, scan *sc)
{
    int rc;
    for (;;) {
        if ((rc = skip_space(g, sc)))
            return rc;
        char c = sc->t[sc->p];
        if (c == '\'' || c == '"') {
            size_t q = sc->p + 1;
            while (sc->t[q] && sc->t[q] != c && sc->t[q] != '\n')
                q++;
            if (sc->t[q] != c) {
                cl_error(g->file, sc->line, "text is never closed");
                return CL_EXIT_INPUT;
            }
            sc->p = q + 1;
            continue;
        }
        return 0;
    }
}

static int is_decl_keyword(const char *w)
{
    return strcmp(w, "set") == 0 || strcmp(w, "sets") == 0 || strcmp(w, "parameter") == 0 ||
           strcmp(w, "parameters") == 0 || strcmp(w, "scalar") == 0 || strcmp(w, "scalars") == 0;
}

/* A domain such as "m,n,s" or "nn,nn,ss" (bchfcnet.gms declares nn and ss and aliases n, m to
 * nn and s to ss) written with one letter per index: n for a node index, s for an arc label,
 * ? for anything else, e.g. "n,n,s". */
static void dom_norm(const char *dom, char *out, size_t size)
{
    size_t w = 0;
    const char *p = dom;
    while (*p && w + 2 < size) {
        size_t len = strcspn(p, ",");
        char c = '?';
        if ((len == 1 && (*p == 'm' || *p == 'n')) || (len == 2 && strncmp(p, "nn", 2) == 0))
            c = 'n';
        else if ((len == 1 && *p == 's') || (len == 2 && strncmp(p, "ss", 2) == 0))
            c = 's';
        if (w)
            out[w++] = ',';
        out[w++] = c;
        p += len;
        if (*p == ',')
            p++;
    }
    out[w] = '\0';
}

/* Set/Parameter/Scalar declarations, several per statement. As in GAMS, the ';' may be left
 * out before the next declaration keyword. */
static int declaration(fcnf *g, scan *sc, const char *kw)
{
    int rc;
    int is_set = strncmp(kw, "set", 3) == 0, is_scalar = strncmp(kw, "scalar", 6) == 0;
    char show[64];
    for (int item = 0;; item++) {
        if ((rc = skip_space(g, sc)))
            return rc;
        int line = sc->line;
        char name[32], dom[64], nd[16];
        scan before = *sc;
        if (item > 0) {
            char w[32];
            read_ident(sc, w, sizeof w);
            for (char *p = w; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            *sc = before;
            if (is_decl_keyword(w))
                return 0;
        }
        if (read_ident(sc, name, sizeof name) == 0) {
            cl_error(g->file, line, "expected a name after %s, got \"%s\"", kw,
                     cl_tok_show(sc->t + sc->p, strcspn(sc->t + sc->p, "\n"), show, sizeof show));
            return CL_EXIT_INPUT;
        }
        for (char *p = name; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (is_decl_keyword(name)) {
            cl_error(g->file, line, "expected a name after %s, got %s", kw, name);
            return CL_EXIT_INPUT;
        }
        dom[0] = '\0';
        if (sc->t[sc->p] == '(') {
            size_t q = sc->p + 1, n = 0;
            while (sc->t[q] && sc->t[q] != ')' && sc->t[q] != '\n') {
                if (!isspace((unsigned char)sc->t[q]) && n + 1 < sizeof dom)
                    dom[n++] = (char)tolower((unsigned char)sc->t[q]);
                q++;
            }
            dom[n] = '\0';
            if (sc->t[q] != ')') {
                cl_error(g->file, line, "domain of %s is never closed by ')'", name);
                return CL_EXIT_INPUT;
            }
            sc->p = q + 1;
        }
        dom_norm(dom, nd, sizeof nd);
        if ((rc = skip_text(g, sc)))
            return rc;
        int has_data = sc->t[sc->p] == '/';
        if (is_set) {
            labelset *s = strcmp(name, "n") == 0 || strcmp(name, "nn") == 0   ? &g->nodes
                          : strcmp(name, "s") == 0 || strcmp(name, "ss") == 0 ? &g->sset
                                                                              : NULL;
            if (!s) {
                cl_error(g->file, line,
                         "unexpected set %s (FCNetLib files declare nodes n or nn and arc "
                         "labels s or ss)",
                         name);
                return CL_EXIT_INPUT;
            }
            if (s->line) {
                cl_error(g->file, line, "set %s is declared twice (line %d)", name, s->line);
                return CL_EXIT_INPUT;
            }
            s->line = line;
            if (has_data && (rc = set_body(g, sc, s)))
                return rc;
            if (s == &g->nodes && s->n > 0) {
                g->demand = calloc(s->n, sizeof *g->demand);
                g->demand_line = calloc(s->n, sizeof *g->demand_line);
                if (!g->demand || !g->demand_line) {
                    cl_error(g->file, line, "out of memory");
                    return CL_EXIT_INTERNAL;
                }
            }
        } else if (is_scalar) {
            if (has_data) {
                cl_error(g->file, line, "scalar %s with data is not supported", name);
                return CL_EXIT_INPUT;
            }
        } else {
            ptarget pt;
            snprintf(pt.name, sizeof pt.name, "%s", name);
            if (strcmp(name, "demand") == 0) {
                pt.kind = PK_DEMAND;
                pt.dim = 1;
                if (strcmp(nd, "n") != 0) {
                    cl_error(g->file, line, "expected demand(n), got demand(%s)", dom);
                    return CL_EXIT_INPUT;
                }
                if (g->demand_declared) {
                    cl_error(g->file, line, "demand is declared twice");
                    return CL_EXIT_INPUT;
                }
                g->demand_declared = line;
                if (!g->nodes.line || g->nodes.n == 0) {
                    cl_error(g->file, line, "demand(n) comes before a non-empty Set n");
                    return CL_EXIT_INPUT;
                }
            } else if (strcmp(name, "exist") == 0) {
                pt.kind = PK_EXIST;
                pt.dim = 2;
                if (strcmp(nd, "n,n") != 0) {
                    cl_error(g->file, line, "expected exist(m,n), got exist(%s)", dom);
                    return CL_EXIT_INPUT;
                }
            } else {
                int k = 0;
                while (k < A_COUNT && strcmp(name, ARC_PARAMS[k]) != 0)
                    k++;
                if (k == A_COUNT) {
                    cl_error(g->file, line,
                             "unexpected parameter %s (FCNetLib files have fcost, "
                             "vcost, xupp, yupp, exist and demand)",
                             name);
                    return CL_EXIT_INPUT;
                }
                pt.kind = (pkind)((int)PK_FCOST + k);
                if (strcmp(nd, "n,n,s") == 0)
                    pt.dim = 3;
                else if (strcmp(nd, "n,n") == 0)
                    pt.dim = 2;
                else {
                    cl_error(g->file, line, "expected %s(m,n,s) or %s(m,n), got %s(%s)", name, name,
                             name, dom);
                    return CL_EXIT_INPUT;
                }
                if (g->arc_dim && g->arc_dim != pt.dim) {
                    cl_error(g->file, line, "%s has %d indices, earlier arc parameters %d", name,
                             pt.dim, g->arc_dim);
                    return CL_EXIT_INPUT;
                }
                g->arc_dim = pt.dim;
            }
            if (has_data && (rc = param_body(g, sc, &pt)))
                return rc;
        }
        if ((rc = skip_space(g, sc)))
            return rc;
        char c = sc->t[sc->p];
        if (c == ';') {
            sc->p++;
            return 0;
        }
        if (c == ',')
            sc->p++;
        else if (!(isalpha((unsigned char)c) || c == '_')) {
            cl_error(g->file, sc->line, "expected ';' after the declaration of %s, got \"%s\"",
                     name,
                     cl_tok_show(sc->t + sc->p, strcspn(sc->t + sc->p, "\n"), show, sizeof show));
            return CL_EXIT_INPUT;
        }
    }
}

/* ---- statements --------------------------------------------------------------------------- */

/* Reads a statement up to ';' at parenthesis depth 0 into buf, lower case, without blanks and
 * with double quotes turned into single ones. */
static int read_statement(fcnf *g, scan *sc, char *buf, size_t size, int *line)
{
    size_t n = 0;
    int depth = 0;
    *line = sc->line;
    for (;;) {
        char c = sc->t[sc->p];
        if (!c) {
            cl_error(g->file, *line, "statement is never ended by ';'");
            return CL_EXIT_INPUT;
        }
        sc->p++;
        if (c == '\n') {
            sc->line++;
            continue;
        }
        if (isspace((unsigned char)c))
            continue;
        if (c == '(')
            depth++;
        else if (c == ')')
            depth--;
        else if (c == ';' && depth <= 0)
            break;
        if (n + 1 >= size) {
            cl_error(g->file, *line, "statement too long");
            return CL_EXIT_INPUT;
        }
        buf[n++] = c == '"' ? '\'' : (char)tolower((unsigned char)c);
    }
    buf[n] = '\0';
    return 0;
}

/* name('a','b'[,'c'])=number  or  scalar=number; returns 1 if matched (rc set), 0 if not. */
static int assignment(fcnf *g, const char *st, int line, int *rc)
{
    char name[32];
    size_t n = 0;
    *rc = 0;
    while (n + 1 < sizeof name && (isalnum((unsigned char)st[n]) || st[n] == '_')) {
        name[n] = st[n];
        n++;
    }
    name[n] = '\0';
    const char *p = st + n;
    char labels[3][MAX_LABEL + 1];
    int nl = 0;
    if (*p == '(') {
        p++;
        for (;;) {
            if (*p != '\'' || nl == 3)
                return 0;
            const char *end = strchr(p + 1, '\'');
            if (!end)
                return 0;
            if ((*rc = clean_label(g, line, p, (size_t)(end - p) + 1, labels[nl])))
                return 1;
            nl++;
            p = end + 1;
            if (*p == ',') {
                p++;
                continue;
            }
            if (*p != ')')
                return 0;
            p++;
            break;
        }
    }
    if (*p != '=')
        return 0;
    p++;
    double v;
    if (cl_parse_number(p, strlen(p), &v) != 0)
        return 0;
    if (nl == 0) {
        if (strcmp(name, "u") == 0) {
            g->u = v;
            g->u_line = line;
        } else if (strcmp(name, "usetree") == 0 || strcmp(name, "usett1") == 0 ||
                   strcmp(name, "usett2") == 0) {
            if (v != 0) {
                cl_error(g->file, line,
                         "%s = %.17g adds side constraints of FCNetLib's model "
                         "that a region cannot express",
                         name, v);
                *rc = CL_EXIT_INPUT;
            }
        } else {
            return 0;
        }
        return 1;
    }
    ptarget pt;
    snprintf(pt.name, sizeof pt.name, "%s", name);
    pt.dim = nl;
    if (strcmp(name, "demand") == 0 && nl == 1) {
        long k = set_find(&g->nodes, labels[0]);
        if (k < 0 || !g->demand) {
            cl_error(g->file, line, "label \"%s\" is not in set n", labels[0]);
            *rc = CL_EXIT_INPUT;
            return 1;
        }
        g->demand[k] = v;
        return 1;
    }
    int k = 0;
    while (k < A_COUNT && strcmp(name, ARC_PARAMS[k]) != 0)
        k++;
    if (k == A_COUNT || (g->arc_dim && nl != g->arc_dim) || nl < 2)
        return 0;
    if (k == A_YUPP && v == 0)
        return 1; /* y.up(arc)$yupp(arc) = yupp(arc): a zero yupp changes nothing */
    long idx[3] = {0, 0, 0};
    for (int q = 0; q < nl; q++) {
        idx[q] = set_find(q < 2 ? &g->nodes : &g->sset, labels[q]);
        if (idx[q] < 0) {
            cl_error(g->file, line, "label \"%s\" is not in set %s", labels[q], q < 2 ? "n" : "s");
            *rc = CL_EXIT_INPUT;
            return 1;
        }
    }
    arc *a = arc_get(&g->A, idx[0], idx[1], idx[2], line);
    if (!a) {
        cl_error(g->file, line, "out of memory");
        *rc = CL_EXIT_INTERNAL;
        return 1;
    }
    a->v[k] = v;
    return 1;
}

/* P(dom) = NUMBER * P(dom) or P(dom) = P(dom) * NUMBER for an arc parameter or demand(n)
 * (e.g. "fcost(m,n,s) = 10 * fcost(m,n,s);"). Returns -1 when st is not such a statement. */
static int scaling(fcnf *g, const char *st, const char *s3)
{
    char lhs[64];
    const char *names[A_COUNT + 1] = {"fcost", "vcost", "xupp", "yupp", "demand"};
    for (int k = 0; k <= A_COUNT; k++) {
        snprintf(lhs, sizeof lhs, "%s%s", names[k], k == A_COUNT ? "(n)" : s3);
        size_t ll = strlen(lhs);
        if (strncmp(st, lhs, ll) != 0 || st[ll] != '=')
            continue;
        const char *rhs = st + ll + 1;
        size_t rl = strlen(rhs);
        const char *num;
        size_t nl;
        if (rl > ll + 1 && strcmp(rhs + rl - ll, lhs) == 0 && rhs[rl - ll - 1] == '*') {
            num = rhs;
            nl = rl - ll - 1;
        } else if (strncmp(rhs, lhs, ll) == 0 && rhs[ll] == '*') {
            num = rhs + ll + 1;
            nl = rl - ll - 1;
        } else {
            return -1;
        }
        double f;
        if (cl_parse_number(num, nl, &f) != 0)
            return -1;
        if (k == A_COUNT) {
            for (size_t q = 0; q < g->nodes.n && g->demand; q++)
                g->demand[q] *= f;
        } else {
            for (size_t q = 0; q < g->A.n; q++)
                g->A.a[q].v[k] *= f;
        }
        return 0;
    }
    return -1;
}

static int statement(fcnf *g, scan *sc)
{
    char st[512];
    int line, rc;
    if ((rc = read_statement(g, sc, st, sizeof st, &line)))
        return rc;
    const char *s3 = g->arc_dim == 2 ? "(m,n)" : "(m,n,s)";
    char pat[256];
    if (strcmp(st, "demand(n)=-demand(n)") == 0) {
        for (size_t k = 0; k < g->nodes.n && g->demand; k++)
            g->demand[k] = -g->demand[k];
        return 0;
    }
    if (strcmp(st, "u=-sum(n$(demand(n)<0),demand(n))") == 0 ||
        strcmp(st, "u=sum(n$(demand(n)>0),demand(n))") == 0) {
        int neg = st[2] == '-';
        g->u = 0;
        for (size_t k = 0; k < g->nodes.n && g->demand; k++) {
            if (neg && g->demand[k] < 0)
                g->u -= g->demand[k];
            if (!neg && g->demand[k] > 0)
                g->u += g->demand[k];
        }
        g->u_line = line;
        return 0;
    }
    /* xupp over arcs with a nonzero fcost and/or vcost */
    int mask = 0;
    snprintf(pat, sizeof pat, "xupp%s$(fcost%sorvcost%s)=u", s3, s3, s3);
    if (strcmp(st, pat) == 0)
        mask = 3;
    snprintf(pat, sizeof pat, "xupp%s$(vcost%sorfcost%s)=u", s3, s3, s3);
    if (strcmp(st, pat) == 0)
        mask = 3;
    snprintf(pat, sizeof pat, "xupp%s$fcost%s=u", s3, s3);
    if (strcmp(st, pat) == 0)
        mask = 1;
    snprintf(pat, sizeof pat, "xupp%s$vcost%s=u", s3, s3);
    if (strcmp(st, pat) == 0)
        mask = 2;
    if (mask) {
        for (size_t k = 0; k < g->A.n; k++) {
            arc *a = &g->A.a[k];
            if (((mask & 1) && a->v[A_FCOST] != 0) || ((mask & 2) && a->v[A_VCOST] != 0))
                a->v[A_XUPP] = g->u;
        }
        return 0;
    }
    for (int k = A_FCOST; k <= A_VCOST; k++) {
        snprintf(pat, sizeof pat, "%s%s=0", ARC_PARAMS[k], s3);
        if (strcmp(st, pat) == 0) {
            for (size_t q = 0; q < g->A.n; q++)
                g->A.a[q].v[k] = 0;
            return 0;
        }
    }
    snprintf(pat, sizeof pat, "loop(%s$(fcost%s<0),fcost%s=0;vcost%s=0;)", s3, s3, s3, s3);
    char pat2[256];
    snprintf(pat2, sizeof pat2, "loop(%s$(fcost%s<0),vcost%s=0;fcost%s=0;)", s3, s3, s3, s3);
    if (strcmp(st, pat) == 0 || strcmp(st, pat2) == 0) {
        for (size_t q = 0; q < g->A.n; q++)
            if (g->A.a[q].v[A_FCOST] < 0)
                g->A.a[q].v[A_FCOST] = g->A.a[q].v[A_VCOST] = 0;
        return 0;
    }
    /* fixnet files: loop((m,n)$exist(m,n), xupp(m,n,s) = u;) gives every label s of an
     * existing pair the capacity u (arcs without fcost or vcost are free existing arcs). */
    snprintf(pat, sizeof pat, "loop((m,n)$exist(m,n),xupp%s=u;)", s3);
    if (strcmp(st, pat) == 0) {
        size_t ns = g->arc_dim == 2 || g->sset.n == 0 ? 1 : g->sset.n;
        if (g->arc_dim == 0)
            g->arc_dim = g->sset.line ? 3 : 2;
        for (size_t q = 0; q < g->E.n; q++) {
            if (g->E.a[q].v[0] == 0)
                continue;
            for (size_t k = 0; k < ns; k++) {
                arc *a = arc_get(&g->A, g->E.a[q].from, g->E.a[q].to, (long)k, line);
                if (!a) {
                    cl_error(g->file, line, "out of memory");
                    return CL_EXIT_INTERNAL;
                }
                a->v[A_XUPP] = g->u;
            }
        }
        return 0;
    }
    if ((rc = scaling(g, st, s3)) != -1)
        return rc;
    if (assignment(g, st, line, &rc))
        return rc;
    char show[64];
    cl_error(g->file, line, "unsupported GAMS statement \"%s\"",
             cl_tok_show(st, strlen(st), show, sizeof show));
    return CL_EXIT_INPUT;
}

static int parse_gams(fcnf *g, const char *text)
{
    scan sc = {text, 0, 1};
    int rc;
    for (;;) {
        if ((rc = skip_space(g, &sc)))
            return rc;
        if (!sc.t[sc.p])
            return 0;
        if (sc.t[sc.p] == ';') {
            sc.p++;
            continue;
        }
        scan save = sc;
        char kw[32];
        read_ident(&sc, kw, sizeof kw);
        for (char *p = kw; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (strcmp(kw, "set") == 0 || strcmp(kw, "sets") == 0 || strcmp(kw, "parameter") == 0 ||
            strcmp(kw, "parameters") == 0 || strcmp(kw, "scalar") == 0 ||
            strcmp(kw, "scalars") == 0) {
            if ((rc = declaration(g, &sc, kw)))
                return rc;
        } else if (strcmp(kw, "table") == 0 || strcmp(kw, "alias") == 0 ||
                   strcmp(kw, "variable") == 0 || strcmp(kw, "equation") == 0 ||
                   strcmp(kw, "model") == 0 || strcmp(kw, "solve") == 0) {
            cl_error(g->file, sc.line, "unsupported GAMS statement \"%s\"", kw);
            return CL_EXIT_INPUT;
        } else {
            sc = save;
            if ((rc = statement(g, &sc)))
                return rc;
        }
    }
}

/* ---- output ------------------------------------------------------------------------------ */

static void base_name(const char *path, char *buf, size_t size)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(buf, size, "%s", b);
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf)
        *dot = '\0';
}

static double arc_cap(const fcnf *g, const arc *a)
{
    return a->v[A_XUPP] < g->u ? a->v[A_XUPP] : g->u;
}

static int arc_active(const arc *a)
{
    return a->v[A_FCOST] != 0 || a->v[A_VCOST] != 0 || a->v[A_XUPP] != 0 || a->v[A_YUPP] != 0;
}

/* Final checks; fills used[] (nodes that appear in the region) and via[] (arcs that run
 * through their own junction because an earlier arc joins the same two nodes: a region holds
 * one link per pair, resource and mode). */
static int check(const fcnf *g, unsigned char *used, unsigned char *via, long *n_arcs, long *n_self,
                 long *n_zero)
{
    *n_arcs = *n_self = *n_zero = 0;
    arcs pairs;
    memset(&pairs, 0, sizeof pairs);
    int rc = 0;
    if (!g->nodes.line || g->nodes.n == 0) {
        cl_error(g->file, 0, "no Set n of nodes");
        return CL_EXIT_INPUT;
    }
    if (!g->demand_declared) {
        cl_error(g->file, 0, "no demand(n) parameter");
        return CL_EXIT_INPUT;
    }
    double supply = 0, demand = 0;
    for (size_t k = 0; k < g->nodes.n; k++) {
        if (g->demand[k] < 0)
            supply -= g->demand[k];
        else
            demand += g->demand[k];
        used[k] = g->demand[k] != 0;
    }
    if (supply == 0 || demand == 0) {
        cl_error(g->file, 0, "no %s: nothing to convert", supply == 0 ? "source" : "sink");
        return CL_EXIT_INPUT;
    }
    for (size_t q = 0; q < g->A.n; q++)
        via[q] = 0;
    if (supply != demand)
        cl_warn(g->file, 0,
                "total supply %.17g differs from total demand %.17g: the balance "
                "equations, and the region, are infeasible",
                supply, demand);
    for (size_t q = 0; q < g->A.n; q++) {
        const arc *a = &g->A.a[q];
        if (!arc_active(a))
            continue;
        if (a->v[A_YUPP] != 0 && a->v[A_YUPP] < 1) {
            cl_error(g->file, a->line,
                     "yupp = %.17g of %s->%s bounds a binary below 1: not "
                     "supported",
                     a->v[A_YUPP], g->nodes.name[a->from], g->nodes.name[a->to]);
            return CL_EXIT_INPUT;
        }
        double cap = arc_cap(g, a);
        int self = a->from == a->to;
        if (a->v[A_FCOST] < 0 || (a->v[A_VCOST] < 0 && (self || cap <= 0))) {
            cl_error(g->file, a->line,
                     "arc %s->%s keeps a negative cost (fcost %.17g, vcost "
                     "%.17g) that a region cannot express",
                     g->nodes.name[a->from], g->nodes.name[a->to], a->v[A_FCOST], a->v[A_VCOST]);
            return CL_EXIT_INPUT;
        }
        if (self) {
            (*n_self)++;
            continue;
        }
        if (!(cap > 0)) {
            (*n_zero)++;
            continue;
        }
        used[a->from] = used[a->to] = 1;
        (*n_arcs)++;
        size_t before = pairs.n;
        if (!arc_get(&pairs, a->from, a->to, 0, a->line)) {
            cl_error(g->file, a->line, "out of memory");
            rc = CL_EXIT_INTERNAL;
            break;
        }
        if (pairs.n == before) {
            via[q] = 1;
            size_t idlen = 4 + strlen(g->nodes.name[a->from]) + 1 + strlen(g->nodes.name[a->to]) +
                           1 + strlen(g->sset.name[a->s]);
            if (idlen > 64) {
                cl_error(g->file, a->line,
                         "parallel arc %s->%s (%s) needs a junction id of %zu characters; "
                         "symnet ids have at most 64",
                         g->nodes.name[a->from], g->nodes.name[a->to], g->sset.name[a->s], idlen);
                rc = CL_EXIT_INPUT;
                break;
            }
        }
    }
    free(pairs.a);
    free(pairs.slot);
    if (rc)
        return rc;
    if (*n_zero > 0 && g->u_line == 0)
        cl_warn(g->file, 0, "u is never assigned, so arcs have capacity 0 (as in GAMS)");
    return 0;
}

static void write_region(FILE *f, const fcnf *g, const unsigned char *used,
                         const unsigned char *via, long n_self, long n_zero)
{
    char name[128], buf[1024];
    base_name(g->file, name, sizeof name);
    fputs("{\n  \"format\": \"symnet-region/1\",\n  \"notes\": [\n    ", f);
    snprintf(buf, sizeof buf, "Converted by bench/classics/fcnf2region from %s", g->file);
    cl_json_str(f, buf);
    fputs(",\n    \"FCNetLib (Ortega & Wolsey, Networks 41(3) 2003; GAMS-dev/gamsworld "
          "FCNetLib): single-commodity fixed-charge network flow\",\n"
          "    \"Model: min sum vcost x + fcost y; inflow - outflow = demand(n); x <= min(u, xupp) "
          "y; y binary\",\n"
          "    \"Encoding: node = junction; demand < 0: facility src:<node> supplying -demand "
          "without disposal, free link to the junction; demand > 0: facility snk:<node> "
          "demanding it without price, free link from the junction; arc = link "
          "arc:<from>:<to> with fixed_cost_per_yr fcost, cost_per_unit vcost, capacity min(u, "
          "xupp); no pipe/truck objects, so no generated links\"",
          f);
    snprintf(buf, sizeof buf, "u = %.17g", g->u);
    fputs(",\n    ", f);
    cl_json_str(f, buf);
    if (g->reversed)
        fputs(",\n    \"Reversed (--reverse): sources and sinks swapped, every arc from->to "
              "written as to->from with the same costs and capacity; a flow x on the reversed "
              "network is the flow x on the original, so the optimum is the same\"",
              f);
    if (n_self || n_zero) {
        snprintf(buf, sizeof buf, "Left out: %ld self-loops and %ld arcs with capacity 0", n_self,
                 n_zero);
        fputs(",\n    ", f);
        cl_json_str(f, buf);
    }
    fputs("\n  ],\n  \"region\": {\"name\": ", f);
    cl_json_str(f, name);
    fputs(", \"coordinates\": \"planar_km\", \"currency\": \"XXX\", \"discount_rate\": 0, "
          "\"lifetime_yr\": 1, \"carbon_price\": 0},\n"
          "  \"resources\": [{\"id\": \"flow\", \"unit\": \"unit\"}],\n  \"facilities\": [",
          f);
    long K = (long)g->nodes.n;
    int first = 1;
    double x, y;
    for (long k = 0; k < K; k++) {
        double d = g->demand[k];
        if (d == 0)
            continue;
        cl_grid(k, K, &x, &y);
        fprintf(f, "%s\n    {\"id\": \"%s:%s\", \"location\": [", first ? "" : ",",
                d < 0 ? "src" : "snk", g->nodes.name[k]);
        first = 0;
        cl_json_num(f, x + 2);
        fputs(", ", f);
        cl_json_num(f, y + 2);
        fprintf(
            f, "], \"%s\": [{\"resource\": \"flow\", \"amount\": ", d < 0 ? "supplies" : "demands");
        cl_json_num(f, d < 0 ? -d : d);
        fputs("}]}", f);
    }
    fputs("\n  ],\n  \"junctions\": [", f);
    first = 1;
    for (long k = 0; k < K; k++) {
        if (!used[k])
            continue;
        cl_grid(k, K, &x, &y);
        fprintf(f, "%s\n    {\"id\": \"%s\", \"location\": [", first ? "" : ",", g->nodes.name[k]);
        first = 0;
        cl_json_num(f, x);
        fputs(", ", f);
        cl_json_num(f, y);
        fputs("], \"resources\": [\"flow\"]}", f);
    }
    for (size_t q = 0; q < g->A.n; q++) {
        if (!via[q])
            continue;
        const arc *a = &g->A.a[q];
        double x2, y2;
        cl_grid(a->from, K, &x, &y);
        cl_grid(a->to, K, &x2, &y2);
        fprintf(f, "%s\n    {\"id\": \"via:%s:%s:%s\", \"location\": [", first ? "" : ",",
                g->nodes.name[a->from], g->nodes.name[a->to], g->sset.name[a->s]);
        first = 0;
        cl_json_num(f, (x + x2) / 2 + 1);
        fputs(", ", f);
        cl_json_num(f, (y + y2) / 2 + 1);
        fputs("], \"resources\": [\"flow\"]}", f);
    }
    fputs("\n  ],\n  \"links\": [", f);
    first = 1;
    for (long k = 0; k < K; k++) {
        double d = g->demand[k];
        if (d == 0)
            continue;
        const char *nm = g->nodes.name[k];
        if (d < 0)
            fprintf(f,
                    "%s\n    {\"from\": \"src:%s\", \"to\": \"%s\", \"resource\": \"flow\", "
                    "\"mode\": \"pipe\", \"cost_per_unit\": 0}",
                    first ? "" : ",", nm, nm);
        else
            fprintf(f,
                    "%s\n    {\"from\": \"%s\", \"to\": \"snk:%s\", \"resource\": \"flow\", "
                    "\"mode\": \"pipe\", \"cost_per_unit\": 0}",
                    first ? "" : ",", nm, nm);
        first = 0;
    }
    for (size_t q = 0; q < g->A.n; q++) {
        const arc *a = &g->A.a[q];
        double cap = arc_cap(g, a);
        if (!arc_active(a) || a->from == a->to || !(cap > 0))
            continue;
        const char *from = g->nodes.name[a->from], *to = g->nodes.name[a->to];
        char head[MAX_LABEL * 3 + 8];
        if (via[q])
            snprintf(head, sizeof head, "via:%s:%s:%s", from, to, g->sset.name[a->s]);
        else
            snprintf(head, sizeof head, "%s", to);
        fprintf(f, ",\n    {\"id\": \"arc:%s:%s", from, to);
        if (g->arc_dim == 3 && g->sset.n > 1)
            fprintf(f, ":%s", g->sset.name[a->s]);
        fprintf(f,
                "\", \"from\": \"%s\", \"to\": \"%s\", \"resource\": \"flow\", \"mode\": "
                "\"pipe\", \"fixed_cost_per_yr\": ",
                from, head);
        cl_json_num(f, a->v[A_FCOST]);
        fputs(", \"cost_per_unit\": ", f);
        cl_json_num(f, a->v[A_VCOST]);
        fputs(", \"capacity\": ", f);
        cl_json_num(f, cap);
        fputc('}', f);
        if (via[q]) {
            fprintf(f,
                    ",\n    {\"from\": \"%s\", \"to\": \"%s\", \"resource\": \"flow\", "
                    "\"mode\": \"pipe\", \"cost_per_unit\": 0, \"capacity\": ",
                    head, to);
            cl_json_num(f, cap);
            fputc('}', f);
        }
    }
    fputs("\n  ]\n}\n", f);
}

int main(int argc, char **argv)
{
    const char *input, *out;
    int reverse = 0;
    int rc = cl_parse_args(argc, argv, USAGE, extra_opt, &reverse, &input, &out);
    if (rc)
        return rc == CL_HELP ? CL_EXIT_OK : rc;
    char *text;
    size_t len;
    if ((rc = cl_read_file(input, &text, &len)))
        return rc;
    fcnf g;
    memset(&g, 0, sizeof g);
    g.file = input;
    rc = parse_gams(&g, text);
    if (!rc && reverse) {
        g.reversed = 1;
        for (size_t k = 0; k < g.nodes.n && g.demand; k++)
            g.demand[k] = -g.demand[k];
        for (size_t q = 0; q < g.A.n; q++) {
            long t = g.A.a[q].from;
            g.A.a[q].from = g.A.a[q].to;
            g.A.a[q].to = t;
        }
    }
    unsigned char *used = NULL, *via = NULL;
    long n_arcs = 0, n_self = 0, n_zero = 0;
    if (!rc) {
        used = calloc(g.nodes.n ? g.nodes.n : 1, 1);
        via = calloc(g.A.n ? g.A.n : 1, 1);
        if (!used || !via) {
            cl_error(input, 0, "out of memory");
            rc = CL_EXIT_INTERNAL;
        }
    }
    if (!rc)
        rc = check(&g, used, via, &n_arcs, &n_self, &n_zero);
    if (!rc) {
        cl_output o;
        rc = cl_output_open(&o, out);
        if (!rc) {
            write_region(o.f, &g, used, via, n_self, n_zero);
            rc = cl_output_close(&o, 1);
        }
    }
    free(used);
    free(via);
    fcnf_free(&g);
    free(text);
    return rc;
}
