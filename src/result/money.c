/*
 * money.c - what a network is worth as an investment (docs/outputs.md, "Money"): the net present
 * value of paying all capital in year 0 for a constant annual saving over the region's horizon,
 * the internal rate of return (the rate at which that value is zero) and the simple payback.
 *
 * Stage: [result]. Pure arithmetic on the figures of figures.c; reports only write it.
 */
#include "result_int.h"

#include <math.h>

/* The present value of 1 a year for years 1..n at rate r: (1 - (1 + r)^-n) / r, n at r = 0. */
static double annuity(double rate, double n)
{
    if (fabs(rate) < 1e-12)
        return n;
    return -expm1(-n * log1p(rate)) / rate;
}

double snp_money_npv(double capital, double cash, double horizon_yr, double rate)
{
    if (!isfinite(capital) || !isfinite(cash) || !(rate > -1))
        return NAN;
    return cash * annuity(rate, horizon_yr) - capital;
}

/* With capital > 0 and cash > 0, the NPV falls strictly from +infinity (rate -> -1) to
 * -capital (rate -> infinity): exactly one rate makes it zero, found by bisection to 1e-12. */
double snp_money_irr(double capital, double cash, double horizon_yr)
{
    if (!isfinite(capital) || !isfinite(cash) || !(capital > 0) || !(cash > 0) || !(horizon_yr > 0))
        return NAN;
    double lo = -0.999999, hi = 1;
    if (snp_money_npv(capital, cash, horizon_yr, lo) < 0)
        return NAN; /* below -99.9999 %: not a rate anyone reports */
    while (snp_money_npv(capital, cash, horizon_yr, hi) > 0) {
        lo = hi;
        hi *= 2;
        if (hi > 1e9)
            return NAN; /* pays back within days: no finite rate worth stating */
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12 * fmax(1, fabs(lo)); i++) {
        double mid = 0.5 * (lo + hi);
        if (snp_money_npv(capital, cash, horizon_yr, mid) > 0)
            lo = mid;
        else
            hi = mid;
    }
    /* where the savings just repay the capital the rate is 0, not the bisection's -1e-12
     * (which a report prints as "-0.0%") */
    double irr = 0.5 * (lo + hi);
    return fabs(irr) < 1e-9 ? 0 : irr;
}

double snp_money_payback(double capital, double cash)
{
    if (!isfinite(capital) || !isfinite(cash) || !(cash > 0))
        return NAN;
    return capital / cash;
}

void snp_headline_money(snp_headline *h)
{
    for (int i = 0; i < h->n_rates; i++) {
        snp_money_rate *m = &h->rates[i];
        m->npv = snp_money_npv(h->capital_year0, h->cash, h->horizon_yr, m->rate);
        m->npv_without_carbon =
            snp_money_npv(h->capital_year0, h->cash_without_carbon, h->horizon_yr, m->rate);
    }
}
