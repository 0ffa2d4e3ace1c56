/*
 * jsonin.c - JSON text in: the one syntax pre-scan run before cJSON on every JSON input the
 * library reads (regions in parse.c, solution files in solution_read.c), cJSON behind the
 * allocation choke point, and the pieces of a syntax message (line:column, the source line with
 * a caret, what was found). The first step of both readers; the typed walk over the tree is
 * theirs.
 */
#include "jsonin.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define KEY_SHOWN 64 /* characters of a key shown in the path of a syntax error */

/* ---- cJSON allocation hooks ------------------------------------------------------------ */

/* cJSON allocates through the choke point so fault injection reaches it. cJSON's hooks are
 * process-wide; they are set to the same functions on every call. cJSON reports an allocation
 * failure like a syntax error, so the hook records it in a thread-local flag (the only state
 * outside the reader objects, read right after the cJSON call that set it). */
static _Thread_local int cjson_oom;

static void *cjson_alloc(size_t n)
{
    void *q = snp_alloc(n);
    if (!q)
        cjson_oom = 1;
    return q;
}

static void cjson_free(void *q)
{
    snp_free(q);
}

sn_status snp_jsonin_parse(const char *text, size_t len, cJSON **root, size_t *err_off)
{
    *root = NULL;
    *err_off = 0;
    /* cJSON wants the terminating NUL inside the given length */
    char *buf = len == (size_t)-1 ? NULL : snp_alloc(len + 1);
    if (!buf)
        return SN_ENOMEM;
    if (len > 0)
        memcpy(buf, text, len);
    buf[len] = '\0';
    cJSON_Hooks hooks = {cjson_alloc, cjson_free};
    cJSON_InitHooks(&hooks);
    cjson_oom = 0;
    const char *end = NULL;
    *root = cJSON_ParseWithLengthOpts(buf, len + 1, &end, 1);
    sn_status st = SN_OK;
    if (!*root) {
        st = cjson_oom ? SN_ENOMEM : SN_EINPUT;
        if (end && end >= buf)
            *err_off = end > buf + len ? len : (size_t)(end - buf);
    }
    snp_free(buf); /* cJSON copied every string it keeps */
    return st;
}

/* ---- UTF-8 ------------------------------------------------------------------------------ */

size_t snp_jsonin_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned min;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        min = 0x80;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        min = 0x800;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        min = 0x10000;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* ---- the pre-scan ----------------------------------------------------------------------- */

/* A strict JSON syntax checker (RFC 8259) that runs before cJSON, so cJSON only ever sees valid
 * text within the input limits (docs/format.md, "Input limits"): at most SNP_JSONIN_MAX_DEPTH
 * nested arrays and objects (cJSON's recursion is bounded by the same limit), at most the
 * caller's number of values (cJSON spends about 64 bytes on each, so this bounds the tree's
 * memory), no \u0000 in strings (cJSON would cut the string there silently). On the first error
 * it records the byte offset, the JSON path of the value being read and what was expected. */
static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where the checker is inside one container: the key (offset and length of its raw text) or the
 * index of the element being read. The path is built from these only on an error. */
typedef struct syn_level {
    size_t key_at, key_len, index;
    int is_key;
} syn_level;

typedef struct synck {
    const char *s;
    size_t len, i;
    int depth;
    long values, max_values; /* max_values 0: no limit */
    int nst;                 /* elements being read: st[0..nst-1], outermost first */
    syn_level st[SNP_JSONIN_MAX_DEPTH + 1];
    snp_jsonin_kind kind;         /* set on error */
    size_t at;                    /* offset of the error */
    char msg[200];                /* set on error */
    char where[SNP_PATH_MAX + 1]; /* JSON path at the error */
} synck;

#define SYN_PATH_SHOWN 100 /* longer paths (deep nesting) are shown as head...tail */

static int syn_fail(synck *x, size_t at, const char *msg)
{
    /* at the end of the file, point just after the last token, not at trailing blank lines */
    if (at >= x->len)
        for (at = x->len; at > 0 && is_ws(x->s[at - 1]);)
            at--;
    x->at = at;
    x->kind = at < x->len && x->s[at] == '\0' ? SNP_JSONIN_NUL : SNP_JSONIN_SYNTAX;
    snprintf(x->msg, sizeof x->msg, "%s", msg);
    snp_path pp;
    snp_path_init(&pp);
    for (int d = 0; d < x->nst; d++) {
        const syn_level *l = &x->st[d];
        if (l->is_key) {
            /* the key's text with the one-character escapes decoded (\uXXXX is kept) */
            static const char esc_from[] = "\"\\/bfnrt", esc_to[] = "\"\\/\b\f\n\r\t";
            char key[KEY_SHOWN + 4];
            size_t n = 0;
            const char *k = x->s + l->key_at, *end = k + l->key_len;
            while (k < end && n < KEY_SHOWN) {
                const char *e = k[0] == '\\' && k + 1 < end && k[1] ? strchr(esc_from, k[1]) : NULL;
                if (e) {
                    key[n++] = esc_to[e - esc_from];
                    k += 2;
                } else {
                    key[n++] = *k++;
                }
            }
            snprintf(key + n, sizeof key - n, "%s", k < end ? "..." : "");
            snp_path_push_key(&pp, key);
        } else {
            snp_path_push_index(&pp, l->index);
        }
    }
    const char *path = snp_path_str(&pp);
    size_t n = strlen(path);
    if (n > SYN_PATH_SHOWN)
        snprintf(x->where, sizeof x->where, "%.60s...%s", path, path + n - 30);
    else
        snprintf(x->where, sizeof x->where, "%s", path);
    return 0;
}

/* Describes the text at offset i for "got ...". */
static void syn_got(const synck *x, size_t i, char *buf, size_t size)
{
    if (i >= x->len) {
        snprintf(buf, size, "end of file");
        return;
    }
    unsigned char c = (unsigned char)x->s[i];
    size_t k = snp_jsonin_utf8_seq((const unsigned char *)x->s + i, x->len - i);
    if (isalpha(c)) {
        size_t n = 0;
        while (i + n < x->len && n < 20 &&
               (isalnum((unsigned char)x->s[i + n]) || x->s[i + n] == '_'))
            n++;
        snprintf(buf, size, "'%.*s'", (int)n, x->s + i);
    } else if (c >= 0x20 && c < 0x7F) {
        snprintf(buf, size, "'%c'", c);
    } else if (c == 0) {
        snprintf(buf, size, "a NUL byte (is this a binary or UTF-16 file?)");
    } else if (k > 1) {
        snprintf(buf, size, "'%.*s'", (int)k, x->s + i);
    } else {
        snprintf(buf, size, "byte 0x%02X", (unsigned)c);
    }
}

/* Does the word at i equal w, ignoring case, and end there? */
static int word_at(const synck *x, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (x->len - i < n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (tolower((unsigned char)x->s[i + k]) != w[k])
            return 0;
    return i + n >= x->len || !isalnum((unsigned char)x->s[i + n]);
}

static int syn_expected(synck *x, const char *what)
{
    char got[80], msg[200];
    const char *hint = "";
    size_t i = x->i;
    syn_got(x, i, got, sizeof got);
    if (i >= x->len) {
        hint = " (the file ends early: is it truncated?)";
    } else if (word_at(x, i, "nan") || word_at(x, i, "infinity") || word_at(x, i, "inf")) {
        hint = " (JSON has no NaN or infinity: every number must be finite)";
    } else if (word_at(x, i, "true") || word_at(x, i, "false") || word_at(x, i, "null")) {
        hint = " (JSON's literals are lowercase: true, false, null)";
    } else if (word_at(x, i, "none")) {
        hint = " (JSON writes null)";
    } else if (isalpha((unsigned char)x->s[i]) || (unsigned char)x->s[i] >= 0x80) {
        hint = " (strings need double quotes)";
    } else if (x->s[i] == '\'') {
        hint = " (JSON strings use double quotes)";
    } else if (x->s[i] == '/' && i + 1 < x->len && (x->s[i + 1] == '/' || x->s[i + 1] == '*')) {
        hint = " (JSON has no comments: use a \"notes\" key)";
    }
    snprintf(msg, sizeof msg, "expected %s, got %s%s", what, got, hint);
    return syn_fail(x, i, msg);
}

static void syn_ws(synck *x)
{
    while (x->i < x->len && is_ws(x->s[x->i]))
        x->i++;
}

static int syn_hex4(synck *x, size_t at, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        if (x->i >= x->len || !isxdigit((unsigned char)x->s[x->i]))
            return syn_fail(x, at, "invalid \\u escape (expected 4 hex digits)");
        char c = x->s[x->i++];
        v = v * 16 + (unsigned)(isdigit((unsigned char)c) ? c - '0'
                                                          : (tolower((unsigned char)c) - 'a' + 10));
    }
    *out = v;
    return 1;
}

static int syn_string(synck *x)
{
    size_t start = x->i++;
    while (x->i < x->len) {
        unsigned char c = (unsigned char)x->s[x->i];
        if (c == '"') {
            x->i++;
            return 1;
        }
        if (c < 0x20)
            return syn_fail(x, x->i,
                            c == '\n' || c == '\r'
                                ? "unterminated string (line break inside a string)"
                                : "control character inside a string (use an escape such as \\t)");
        if (c != '\\') {
            x->i++;
            continue;
        }
        size_t esc = x->i++;
        if (x->i >= x->len)
            break;
        char e = x->s[x->i++];
        if (e == 'u') {
            unsigned u, lo;
            if (!syn_hex4(x, esc, &u))
                return 0;
            if (u == 0)
                return syn_fail(x, esc, "\\u0000 (a NUL character) is not allowed in a string");
            if (u >= 0xDC00 && u <= 0xDFFF)
                return syn_fail(x, esc, "invalid \\u escape (unpaired surrogate)");
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (x->i + 1 >= x->len || x->s[x->i] != '\\' || x->s[x->i + 1] != 'u')
                    return syn_fail(x, esc, "invalid \\u escape (unpaired surrogate)");
                x->i += 2;
                if (!syn_hex4(x, esc, &lo))
                    return 0;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return syn_fail(x, esc, "invalid \\u escape (unpaired surrogate)");
            }
        } else if (!strchr("\"\\/bfnrt", e) || e == '\0') {
            return syn_fail(
                x, esc,
                "invalid escape in string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }
    return syn_fail(x, start, "unterminated string (the file ends inside it: is it truncated?)");
}

static int syn_digits(synck *x)
{
    size_t from = x->i;
    while (x->i < x->len && isdigit((unsigned char)x->s[x->i]))
        x->i++;
    return x->i > from;
}

static int syn_number(synck *x)
{
    size_t start = x->i;
    if (x->s[x->i] == '-')
        x->i++;
    if (x->i < x->len && x->s[x->i] == '0') {
        x->i++;
        if (x->i < x->len && isdigit((unsigned char)x->s[x->i]))
            return syn_fail(x, start, "invalid number (leading zeros are not allowed)");
    } else if (!syn_digits(x)) {
        if (x->i < x->len && isalpha((unsigned char)x->s[x->i]))
            return syn_expected(x, "digits after '-'");
        return syn_fail(x, start, "invalid number");
    }
    if (x->i < x->len && x->s[x->i] == '.') {
        x->i++;
        if (!syn_digits(x))
            return syn_fail(x, start, "invalid number (expected digits after '.')");
    }
    if (x->i < x->len && (x->s[x->i] == 'e' || x->s[x->i] == 'E')) {
        x->i++;
        if (x->i < x->len && (x->s[x->i] == '+' || x->s[x->i] == '-'))
            x->i++;
        if (!syn_digits(x))
            return syn_fail(x, start, "invalid number (expected digits in the exponent)");
    }
    return 1;
}

static int syn_value(synck *x);

/* Elements of an object (close '}') or array (close ']') after the opening bracket. */
static int syn_container(synck *x, char close)
{
    int object = close == '}';
    if (++x->depth > SNP_JSONIN_MAX_DEPTH) {
        (void)syn_fail(x, x->i, "nested deeper than 64 levels (arrays and objects)");
        x->kind = SNP_JSONIN_DEPTH;
        return 0;
    }
    x->i++;
    syn_ws(x);
    if (x->i < x->len && x->s[x->i] == close) {
        x->i++;
        x->depth--;
        return 1;
    }
    for (size_t index = 0;; index++) {
        if (object) {
            if (x->i >= x->len || x->s[x->i] != '"')
                return syn_expected(x, "a key in double quotes");
            size_t start = x->i;
            if (!syn_string(x))
                return 0;
            x->st[x->depth - 1] = (syn_level){start + 1, x->i - start - 2, 0, 1};
            x->nst = x->depth;
            syn_ws(x);
            if (x->i >= x->len || x->s[x->i] != ':')
                return syn_expected(x, "':' after the key");
            x->i++;
        } else {
            x->st[x->depth - 1] = (syn_level){0, 0, index, 0};
            x->nst = x->depth;
        }
        syn_ws(x);
        if (!syn_value(x))
            return 0;
        x->nst = x->depth - 1;
        syn_ws(x);
        if (x->i < x->len && x->s[x->i] == close) {
            x->i++;
            x->depth--;
            return 1;
        }
        if (x->i >= x->len || x->s[x->i] != ',')
            return syn_expected(x,
                                object ? "',' or '}' after a value" : "',' or ']' after a value");
        size_t comma = x->i++;
        syn_ws(x);
        if (x->i < x->len && (x->s[x->i] == '}' || x->s[x->i] == ']'))
            return syn_fail(x, comma,
                            "trailing comma (JSON allows no ',' before a closing bracket)");
    }
}

static int syn_value(synck *x)
{
    if (++x->values > x->max_values && x->max_values > 0) {
        char msg[120];
        snprintf(msg, sizeof msg,
                 "more than %ld values (numbers, strings, arrays and objects); the limit keeps "
                 "memory bounded",
                 x->max_values);
        (void)syn_fail(x, x->i, msg);
        x->kind = SNP_JSONIN_VALUES;
        return 0;
    }
    if (x->i >= x->len)
        return syn_expected(x, "a value");
    char c = x->s[x->i];
    if (c == '{')
        return syn_container(x, '}');
    if (c == '[')
        return syn_container(x, ']');
    if (c == '"')
        return syn_string(x);
    if (c == '-' || isdigit((unsigned char)c))
        return syn_number(x);
    static const char *const lit[] = {"true", "false", "null"};
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(lit[k]);
        if (x->len - x->i >= n && memcmp(x->s + x->i, lit[k], n) == 0 &&
            (x->i + n >= x->len || !isalnum((unsigned char)x->s[x->i + n]))) {
            x->i += n;
            return 1;
        }
    }
    return syn_expected(x, "a value");
}

/* Checks the whole text; 1 when it is one valid JSON value within the limits. */
static int syn_document(synck *x)
{
    if (x->len >= 3 && memcmp(x->s, "\xEF\xBB\xBF", 3) == 0)
        x->i = 3; /* a UTF-8 byte order mark, skipped by cJSON too */
    syn_ws(x);
    if (!syn_value(x))
        return 0;
    syn_ws(x);
    if (x->i < x->len)
        return syn_fail(x, x->i,
                        "unexpected text after the end of the document (a region is one JSON "
                        "object)");
    return 1;
}

int snp_jsonin_prescan(const char *text, size_t len, long max_values, snp_jsonin_error *err)
{
    synck *x = snp_alloc(sizeof *x);
    if (!x)
        return -1;
    memset(x, 0, sizeof *x);
    x->s = text;
    x->len = len;
    x->max_values = max_values;
    int ok = syn_document(x);
    if (!ok) {
        err->kind = x->kind;
        err->at = x->at;
        snprintf(err->msg, sizeof err->msg, "%s", x->msg);
        snprintf(err->where, sizeof err->where, "%s", x->where);
    }
    snp_free(x);
    return ok;
}

int snp_jsonin_is_blank(const char *text, size_t len)
{
    size_t first = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* byte order mark */
    while (first < len && is_ws(text[first]))
        first++;
    return first == len;
}

void snp_jsonin_got(const char *text, size_t len, size_t off, char *buf, size_t size)
{
    synck x;
    memset(&x, 0, sizeof x);
    x.s = text;
    x.len = len;
    syn_got(&x, off, buf, size);
}

/* ---- syntax messages -------------------------------------------------------------------- */

void snp_jsonin_line_col(const char *text, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    size_t i = off >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* byte order mark */
    for (; i < off; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0u) != 0x80u) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

#define EXCERPT_BEFORE 40 /* bytes of the line shown before the error */
#define EXCERPT_BYTES 100 /* at most this many bytes of the line are shown */

/* Appends the source line around byte offset off and a caret under off, indented by four
 * spaces, to buf ("\n    {\"a\": 1,}\n           ^"). Long lines are cut around off ("..."); bytes
 * that do not print (control characters, invalid UTF-8) show as '?' so the caret stays aligned. */
void snp_jsonin_excerpt(const char *text, size_t len, size_t off, char *buf, size_t size)
{
    if (off > len)
        off = len;
    size_t ls = off, le = off;
    while (ls > 0 && text[ls - 1] != '\n')
        ls--;
    if (ls == 0 && len >= 3 && off >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ls = 3; /* a byte order mark is not shown */
    while (le < len && text[le] != '\n' && text[le] != '\r')
        le++;
    size_t from = ls, to = le;
    int cut_left = 0, cut_right = 0;
    if (off - from > EXCERPT_BEFORE + 10) {
        from = off - EXCERPT_BEFORE;
        while (from < off && ((unsigned char)text[from] & 0xC0u) == 0x80u)
            from++;
        cut_left = 1;
    }
    if (to - from > EXCERPT_BYTES) {
        to = from + EXCERPT_BYTES;
        cut_right = 1;
    }
    size_t o = strlen(buf);
    int caret = -1, cols = 0;
    o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "\n    %s", cut_left ? "..." : "");
    if (cut_left)
        cols = 3;
    for (size_t i = from; i < to && o + 8 < size;) {
        if (i == off)
            caret = cols;
        unsigned char c = (unsigned char)text[i];
        size_t k = snp_jsonin_utf8_seq((const unsigned char *)text + i, to - i);
        if (c >= 0x20 && c < 0x7F) {
            buf[o++] = (char)c;
            i++;
        } else if (k > 1) {
            memcpy(buf + o, text + i, k);
            o += k;
            i += k;
        } else {
            buf[o++] = c == '\t' ? ' ' : '?';
            i++;
        }
        cols++;
    }
    if (caret < 0)
        caret = cols;
    buf[o < size ? o : size - 1] = '\0';
    o = strlen(buf);
    if (cut_right && o + 4 < size) {
        memcpy(buf + o, "...", 4);
        o += 3;
    }
    if (o + (size_t)caret + 7 < size)
        snprintf(buf + o, size - o, "\n    %*s^", caret, "");
}
