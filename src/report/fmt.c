/*
 * fmt.c - numbers formatted for people (shared/STYLE.md 12): money with thousands grouped and
 * two decimals, no exponent. Stage: [report]; every writer of text or HTML uses it.
 */
#include "report_int.h"

#include <math.h>
#include <string.h>

const char *snp_fmt_money(char *buf, size_t size, double v, int sign)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "-");
        return buf;
    }
    char raw[64];
    snprintf(raw, sizeof raw, "%.2f", fabs(v));
    char *dot = strchr(raw, '.');
    size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw), o = 0;
    if (v < 0 && fabs(v) >= 0.005)
        buf[o++] = '-';
    else if (sign && v >= 0.005)
        buf[o++] = '+';
    for (size_t i = 0; i < int_len && o + 2 < size; i++) {
        buf[o++] = raw[i];
        if ((int_len - i - 1) % 3 == 0 && i + 1 < int_len)
            buf[o++] = ',';
    }
    snprintf(buf + o, size - o, "%s", dot ? dot : "");
    return buf;
}
