/*
 * jsonw.c - the JSON writer leaf every JSON and GeoJSON writer of src/report uses: strings
 * with their escapes, numbers that read back to the same double (NaN and infinities as null).
 * Stage: [report]; depends on src/core only.
 */
#include "report_int.h"

#include <stdio.h>

void snp_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void snp_json_number(FILE *f, double v)
{
    char buf[40];
    snp_fmt_double(buf, sizeof buf, v);
    fputs(buf, f);
}
