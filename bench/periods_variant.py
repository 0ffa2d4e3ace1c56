#!/usr/bin/env python3
"""Adds periods to a generated region (bench/periods_bench.sh, issue 19).

    periods_variant.py IN.json N OUT.json      # N = 1, 4 or 12 periods

Steam and heat become periodic ("periodic": true): every flow of them is balanced in each
period. District-heating and greenhouse heat demands follow Danish normal-year heating degree
days (base 17 C; Danish Technological Institute figures as published by Auning Fjernvarme,
auningfjernvarme.dk/gode-raad/graddage: Jan 468, Feb 421, Mar 421, Apr 307, May 180, Jun 69,
Jul 40, Aug 40, Sep 111, Oct 214, Nov 328, Dec 410), district heating with 35 % spread by hours
(network losses and hot water, an assumption as in instances/kalundborg.json), greenhouses
entirely by degree days; every other supply and demand of steam and heat is flat (spread by
hours). N = 1 is one period of the whole year: the period rows with nothing seasonal, which
measures what the rows themselves cost. Other resources stay annual.
"""
import json
import sys

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
DD = [468, 421, 421, 307, 180, 69, 40, 40, 111, 214, 328, 410]
SEASONS = [("winter", [11, 0, 1]), ("spring", [2, 3, 4]), ("summer", [5, 6, 7]),
           ("autumn", [8, 9, 10])]


def groups(n):
    if n == 1:
        return [("year", list(range(12)))]
    if n == 4:
        return SEASONS
    if n == 12:
        return [(MONTHS[m], [m]) for m in range(12)]
    sys.exit("periods_variant: N must be 1, 4 or 12")


def profile(gs, flat):
    hours = [24 * sum(DAYS[m] for m in ms) for _, ms in gs]
    dd = [sum(DD[m] for m in ms) for _, ms in gs]
    shares = [flat * h / 8760 + (1 - flat) * d / sum(DD) for h, d in zip(hours, dd)]
    shares = [round(s, 6) for s in shares]
    shares[-1] = round(1 - sum(shares[:-1]), 6)
    return {g[0]: s for g, s in zip(gs, shares)}


def main():
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(src, encoding="utf-8") as f:
        region = json.load(f)
    gs = groups(n)
    region["periods"] = [{"id": g, "hours": 24 * sum(DAYS[m] for m in ms)} for g, ms in gs]
    for r in region["resources"]:
        if r["id"] in ("steam", "heat"):
            r["periodic"] = True
    if n > 1:
        for fac in region["facilities"]:
            flat = {"district heating": 0.35, "greenhouse horticulture": 0.0}.get(fac.get("sector"))
            for d in fac.get("demands", []):
                if d["resource"] == "heat" and flat is not None:
                    d["profile"] = profile(gs, flat)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(region, f)


if __name__ == "__main__":
    main()
