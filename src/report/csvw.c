/*
 * csvw.c - the CSV writer leaf every CSV table of src/report uses (csv.c's tables and the
 * tables of figures.c, periods.c and ways.c): one cell, quoted as RFC 4180 asks, numbers that
 * read back to the same double (snp_fmt_plain). Stage: [report]; like jsonw.c for JSON.
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void snp_csv_text(FILE *f, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

void snp_csv_number(FILE *f, double v, int last)
{
    char buf[48];
    if (isfinite(v))
        fputs(snp_fmt_plain(buf, sizeof buf, v), f);
    fputc(last ? '\n' : ',', f);
}
