/*
 * fmt.c - numbers formatted for people (shared/STYLE.md 12): thousands grouped, a fixed number
 * of decimals, no exponent; money is the two-decimal case. Stage: [report]; every writer of text or
 * HTML uses it.
 */
#include "report_int.h"

#include <math.h>
#include <string.h>

const char *snp_fmt_grouped(char *buf, size_t size, double v, int decimals, int sign)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "-");
        return buf;
    }
    char raw[400]; /* every finite double in full: 309 digits before the point */
    snprintf(raw, sizeof raw, "%.*f", decimals < 0 ? 0 : decimals > 20 ? 20 : decimals, fabs(v));
    const char *dot = strchr(raw, '.');
    size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw), o = 0;
    int nonzero = strspn(raw, "0.") != strlen(raw); /* as rounded: no "-0.00" */
    if (v < 0 && nonzero)
        buf[o++] = '-';
    else if (sign && v > 0 && nonzero)
        buf[o++] = '+';
    for (size_t i = 0; i < int_len && o + 2 < size; i++) {
        buf[o++] = raw[i];
        if ((int_len - i - 1) % 3 == 0 && i + 1 < int_len)
            buf[o++] = ',';
    }
    snprintf(buf + o, size - o, "%s", dot ? dot : "");
    return buf;
}

const char *snp_fmt_money(char *buf, size_t size, double v, int sign)
{
    return snp_fmt_grouped(buf, size, v, 2, sign);
}
