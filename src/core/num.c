/*
 * num.c - small numeric helpers shared by the stages: annuities, distances, number output.
 */
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

double snp_crf(double rate, double life_yr)
{
    if (rate == 0.0)
        return 1.0 / life_yr;
    double g = pow(1.0 + rate, life_yr);
    return rate * g / (g - 1.0);
}

double snp_haversine_km(double lon1, double lat1, double lon2, double lat2)
{
    const double r_km = 6371.0088; /* IUGG mean Earth radius */
    const double rad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    if (a > 1.0)
        a = 1.0;
    return 2.0 * r_km * asin(sqrt(a));
}

void snp_fmt_double(char *buf, size_t size, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "null");
        return;
    }
    if (v == 0.0)
        v = 0.0; /* no "-0" */
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

void snp_ksum_add(snp_ksum *k, double x)
{
    double t = k->sum + x;
    if (fabs(k->sum) >= fabs(x))
        k->comp += (k->sum - t) + x;
    else
        k->comp += (x - t) + k->sum;
    k->sum = t;
}

double snp_ksum_value(const snp_ksum *k)
{
    return k->sum + k->comp;
}
