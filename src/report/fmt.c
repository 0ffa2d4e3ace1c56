/*
 * fmt.c - numbers for people and numbers for spreadsheets (shared/STYLE.md 12).
 *
 * For people: thousands grouped with commas and never an exponent; money with two decimals,
 * amounts (flows, capacities, emissions, trips) whole when they are whole, else with two
 * decimals, or three significant digits below 1 ("0.0123"). For spreadsheets (the CSV tables):
 * the fewest significant digits that read back to the same double, written in plain notation
 * (2500000, 0.000125) for magnitudes from 1e-15 to below 1e21; outside that range (solver noise
 * or figures far beyond the input limits of docs/format.md) the exponent stays, since plain
 * notation would run to dozens of zeros. The digits are the same either way, so both read back
 * exactly. Stage: [report]; every writer of text, CSV or HTML uses it.
 */
#include "report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* |v| with `decimals` digits, commas between thousands, "-" before a negative value and, when
 * sign is set, "+" before a positive one (none before a value that rounds to zero). */
static const char *grouped(char *buf, size_t size, double v, int decimals, int sign)
{
    char digits[400];
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    int nonzero = strspn(digits, "0.") != strlen(digits);
    size_t o = 0;
    if (nonzero && (v < 0 || sign) && o + 1 < size)
        buf[o++] = v < 0 ? '-' : '+';
    const char *dot = strchr(digits, '.');
    size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits);
    for (size_t i = 0; i < int_len && o + 2 < size; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    for (const char *d = dot; d && *d && o + 1 < size; d++)
        buf[o++] = *d;
    buf[o] = '\0';
    return buf;
}

const char *snp_fmt_number(char *buf, size_t size, double v, int decimals, int sign)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    return grouped(buf, size, v, decimals, sign);
}

const char *snp_fmt_money(char *buf, size_t size, double v, int sign)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "-");
        return buf;
    }
    return grouped(buf, size, v, 2, sign);
}

const char *snp_fmt_amount(char *buf, size_t size, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    double a = fabs(v);
    int decimals = 2;
    if (fabs(a - round(a)) <= 5e-7 * fmax(1.0, a))
        decimals = 0; /* whole, give or take solver noise */
    else if (a < 1)   /* three significant digits, at most six decimals: below that it is 0 */
        decimals = (int)fmin(6, 2 - floor(log10(a)));
    grouped(buf, size, v, decimals, 0);
    if (decimals > 2 && strchr(buf, '.')) { /* "0.500" -> "0.5" */
        size_t n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
        if (strcmp(buf, "-0") == 0)
            snprintf(buf, size, "0");
    }
    return buf;
}

const char *snp_fmt_plain(char *buf, size_t size, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "null");
        return buf;
    }
    if (v == 0.0) {
        snprintf(buf, size, "0"); /* no "-0" */
        return buf;
    }
    /* the shortest d.ddde±XX that reads back to v */
    char e[40];
    for (int prec = 0; prec <= 16; prec++) {
        snprintf(e, sizeof e, "%.*e", prec, v);
        if (strtod(e, NULL) == v)
            break;
    }
    char *x = strchr(e, 'e');
    int exp10 = atoi(x + 1);
    *x = '\0';
    if (exp10 < -15 || exp10 >= 21) {
        *x = 'e';
        snprintf(buf, size, "%s", e);
        return buf;
    }
    /* the digits without sign and point, trailing zeros dropped */
    char digits[24];
    size_t nd = 0;
    for (const char *p = e; *p; p++)
        if (*p >= '0' && *p <= '9' && nd + 1 < sizeof digits)
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    char out[64];
    size_t o = 0;
    if (v < 0)
        out[o++] = '-';
    if (exp10 < 0) { /* 0.000ddd */
        out[o++] = '0';
        out[o++] = '.';
        for (int k = 0; k < -exp10 - 1; k++)
            out[o++] = '0';
        for (size_t k = 0; k < nd; k++)
            out[o++] = digits[k];
    } else { /* ddd[000][.ddd] */
        for (int k = 0; k <= exp10; k++)
            out[o++] = (size_t)k < nd ? digits[k] : '0';
        if ((size_t)exp10 + 1 < nd) {
            out[o++] = '.';
            for (size_t k = (size_t)exp10 + 1; k < nd; k++)
                out[o++] = digits[k];
        }
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}

const char *sn_format_number(char *buf, size_t size, double v, int decimals)
{
    return snp_fmt_number(buf, size, v, decimals, 0);
}
