#!/usr/bin/env python3
"""Headline figures of the shipped regions, from symnet's own output.

Solves every region in instances/ with build/symnet (and once more with the carbon price set
to 0), reads the solution JSON files and prints the tables of docs/instances.md: the headline
table and, for each real region, its comparison with the published figures. The published
figures are the text below; every symnet figure comes from a solution file.

    python3 instances/headline.py                       # print the tables
    python3 instances/headline.py --update docs/instances.md
    python3 instances/headline.py --check docs/instances.md   # exit 1 when the page is stale

--update and --check replace or compare the text between each pair of markers
<!-- headline:NAME --> ... <!-- /headline:NAME --> in the page. Run from the repository root.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

USD_PER_EUR = 1.08  # 2023-24 average order of magnitude, used only to compare with USD claims

# Region file, resources counted as freshwater saved (virgin input replaced, m3) and as heat
# delivered (virgin input replaced, MWh).
REGIONS = [
    ("kalundborg", {"surface_water", "reuse_water"}, {"steam", "district_heat"}),
    ("kwinana", {"recycled_water"}, {"steam"}),
    ("aalborg_isn", set(), {"dh_heat"}),
    ("columbia_corridor", set(), {"heat"}),
    ("willapa_harbor", set(), {"heat"}),
    ("tutorial", set(), {"heat"}),
    ("archetype_brewery_feed", set(), set()),
    ("archetype_coffee_mushrooms", set(), set()),
    ("archetype_heat_greenhouse", set(), {"heat"}),
]


def solve(symnet, path, tmp, tag, carbon_price=None):
    src = path
    if carbon_price is not None:
        with open(path, encoding="utf-8") as f:
            region = json.load(f)
        region["region"]["carbon_price"] = carbon_price
        src = os.path.join(tmp, tag + ".region.json")
        with open(src, "w", encoding="utf-8") as f:
            json.dump(region, f)
    out = os.path.join(tmp, tag + ".solution.json")
    subprocess.run([symnet, "solve", src, "--out", out, "--quiet", "--time-limit", "120"],
                   check=True, stderr=subprocess.DEVNULL)
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def money(x):
    return "%.2f M" % (x / 1e6)


def num(x):
    return "{:,.0f}".format(x)


def replaced(sol, resources, unit):
    return sum(v["amount"] for v in sol["virgin_replaced"]
               if v["resource"] in resources and v["unit"] == unit)


def figure(sol, key, unit):
    """A headline figure of the solution (docs/outputs.md) in one unit; "-" when the region
    has no resource of its category in that unit."""
    for v in sol["headline"].get(key, []):
        if v["unit"] == unit:
            return num(v["amount"])
    return "-"


def percent(x):
    return "-" if x is None else "%.1f %%" % (100 * x)


def years(x):
    return "never" if x is None else "%.1f" % x


def waste_t(sol):
    return sum(w["amount"] for w in sol["waste_diverted"] if w["unit"] == "t")


def no_carbon_savings(sol):
    """Savings of the same network when carbon is not priced."""
    bau = sol["bau_breakdown"]
    net = sol["cost_breakdown"]
    return (bau["total"] - bau["carbon"]) - (net["total"] - net["carbon"])


def sent(sol, facility, resource):
    for f in sol["facilities"]:
        if f["id"] == facility:
            for s in f.get("supplies", []):
                if s["resource"] == resource:
                    return s["sent"]
    return 0.0


def received(sol, facility, resource):
    for f in sol["facilities"]:
        if f["id"] == facility:
            for d in f.get("demands", []):
                if d["resource"] == resource:
                    return d["received"]
    return 0.0


def demand_total(sol, resource):
    return sum(d["amount"] for f in sol["facilities"] for d in f.get("demands", [])
               if d["resource"] == resource)


def hub(sol, hub_id):
    for h in sol["hubs"]:
        if h["id"] == hub_id:
            return h
    return None


def hub_out(sol, hub_id, resource):
    h = hub(sol, hub_id)
    if h is None:
        return 0.0
    return sum(p["amount"] - p.get("disposed", 0) for p in h["produced"]
               if p["resource"] == resource)


def hub_text(sol, hub_id, unit):
    h = hub(sol, hub_id)
    if h is None:
        return "not built"
    return "built: capacity %s %s/yr, capital %s" % (num(h["capacity"]), unit,
                                                    money(h["capital"]))


def table(head, rows):
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def headline_tables(sols):
    money_head = ["region", "currency", "status", "BAU /yr", "optimum /yr", "savings /yr",
                  "same network, carbon not priced", "re-optimised at carbon price 0",
                  "capital"]
    phys_head = ["region", "CO2 BAU -> network (t/yr)", "CO2 avoided t/yr",
                 "waste diverted t/yr", "water saved m3/yr", "energy recovered MWh/yr",
                 "links / hubs built"]
    invest_head = ["region", "NPV at the region's rate", "NPV, carbon not valued", "IRR",
                   "IRR, carbon not valued", "payback (years)", "payback, carbon not valued",
                   "construction job-years"]
    money_rows, phys_rows, invest_rows = [], [], []
    for name, water, heat in REGIONS:
        s, s0 = sols[name]
        money_rows.append([
            "`%s`" % name, s["currency"], s["status"], money(s["bau"]["cost"]),
            money(s["objective"]), money(s["savings"]), money(no_carbon_savings(s)),
            money(s0["savings"]), money(s["capital"])])
        phys_rows.append([
            "`%s`" % name,
            "%s -> %s" % (num(s["bau"]["co2_t_per_yr"]), num(s["co2_t_per_yr"])),
            num(s["co2_avoided_t_per_yr"]), figure(s, "waste_diverted", "t"),
            figure(s, "water_saved", "m3"), figure(s, "energy_recovered", "MWh"),
            "%d / %d" % (len(s["links"]), len(s["hubs"]))])
        m, npv = s["money"], s["money"]["npv"][0]
        invest_rows.append([
            "`%s`" % name, "%s (%.4g %%)" % (money(npv["npv"]), 100 * npv["rate"]),
            money(npv["npv_without_carbon"]), percent(m["irr"]),
            percent(m["irr_without_carbon"]), years(m["payback_yr"]),
            years(m["payback_yr_without_carbon"]),
            "%.0f" % s["jobs"]["construction_job_years"]])
    return (table(money_head, money_rows) + "\n\n" + table(phys_head, phys_rows) + "\n\n" +
            table(invest_head, invest_rows))


def kalundborg(s, s0):
    sav0 = no_carbon_savings(s)
    rows = [
        ["annual value", "~28 M USD/yr; DKK 182 M/yr company savings = 24 M EUR (Danielsson et "
         "al. 2018; Ellen MacArthur Foundation: 24 M EUR bottom line + 14 M EUR socio-economic)",
         "%s EUR/yr without a carbon price (= %.0f M USD at %.2f USD/EUR); %s EUR/yr with "
         "carbon at 80 EUR/t" % (money(sav0), sav0 * USD_PER_EUR / 1e6, USD_PER_EUR,
                                 money(s["savings"]))],
        ["CO2 avoided", "**275,000 t/yr (symbiosis.dk, 2010 results: compared here)**; "
         "270,000 (Reuters 2015); 240,000 (News Øresund 2018); 635,000 (Danielsson et al. "
         "2018, more streams and an LCA scope)", "%s t/yr" % num(s["co2_avoided_t_per_yr"])],
        ["gypsum recycled", "150,000 t (2010)",
         "%s t to Gyproc" % num(received(s, "gyproc", "gypsum"))],
        ["water saved", "3 million m3 (2010), of which 2 million m3 groundwater (2008 "
         "inventory)", "%s m3 of groundwater purchases replaced: %s m3 Tissø surface water "
         "and %s m3 refinery reuse water" % (
             num(replaced(s, {"surface_water", "reuse_water"}, "m3")),
             num(sum(received(s, f, "surface_water")
                     for f in ("asnaes", "refinery", "novo_nordisk", "novozymes"))),
             num(sent(s, "refinery", "reuse_water")))],
        ["wastewater heat pump", "~80,000 MWh/yr district heat (10 MW, 2016-17)",
         "%s MWh/yr; %s" % (num(hub_out(s, "hp_wastewater", "district_heat")),
                            hub_text(s, "hp_wastewater", "m3"))],
        ["district heat + process steam", "Asnæs heat to the town since 1981, steam to the "
         "refinery and Novo since 1982 (no public annual total found)",
         "%s MWh/yr of boiler heat and steam replaced" % num(
             replaced(s, {"steam", "district_heat"}, "MWh"))],
        ["fly ash", "~170,000 t/yr to cement and road building (IISD, 1990s)",
         "%s t/yr shipped to Aalborg Portland" % num(sent(s, "asnaes", "fly_ash"))],
    ]
    return table(["figure", "published", "symnet"], rows)


def kwinana(s, s0):
    rows = [
        ["KWRP water", "~6 GL/yr replacing scheme water (WA Government 2004); 17 ML/day "
         "= 6.2 GL/yr (2008)", "%s m3/yr produced, %s m3/yr of scheme water replaced; KWRP %s"
         % (num(hub_out(s, "kwrp", "recycled_water")),
            num(replaced(s, {"recycled_water"}, "m3")), hub_text(s, "kwrp", "m3 feed"))],
        ["MF-only design alternative", "(hypothetical)", hub_text(s, "kwrp_mf_only", "m3 feed")],
        ["capital", "A$28.5 M for KWRP (2004)", "%s AUD in all (hub and pipes)"
         % money(s["capital"])],
        ["industry's scheme water", "\"more than halved\" (Water Corporation)",
         "%s of %s m3/yr of modelled customer demand moves off scheme water" % (
             num(replaced(s, {"recycled_water"}, "m3")), num(demand_total(s, "recycled_water")))],
        ["discharge to Cockburn Sound", "~6 ML/day less (WA Government 2004)",
         "not modelled: the industrial effluent exchange through the SDOOL is left out"],
        ["Alcoa residue carbonation", "~70,000 t CO2/yr locked up (Alcoa, recalled)",
         "%s t/yr of CSBP CO2 delivered" % num(received(s, "alcoa_residue", "co2_gas"))],
        ["savings", "no public total found", "%s AUD/yr (%s without a carbon price; %s "
         "re-optimised at carbon price 0)" % (money(s["savings"]), money(no_carbon_savings(s)),
                                              money(s0["savings"]))],
    ]
    return table(["figure", "published", "symnet"], rows)


def aalborg(s, s0):
    ap = sent(s, "aalborg_portland", "dh_heat")
    fuels = sum(sent(s, f, r) for f, r in (("daka_randers", "mbm"),
                                            ("renseanlaeg_ost", "dried_sludge")))
    fuels += hub_out(s, "srf_prep_hub", "srf")
    rows = [
        ["Aalborg Portland surplus heat", "363,048 MWh in 2022 (~20 % of the mix); ~28 % under "
         "the new agreement", "%s MWh/yr sent (input: the 28 %% share)" % num(ap)],
        ["CO2 of that heat", "\"up to 150,000 t/yr\" for Aalborg Forsyning",
         "%s t/yr (%s MWh x 0.25 t/MWh marginal heat)" % (num(ap * 0.25), num(ap))],
        ["wastewater heat pump", "6 MW at Renseanlæg Øst (decided 2021)",
         "%s MWh/yr; %s" % (num(hub_out(s, "hp_renseanlaeg_ost", "dh_heat")),
                            hub_text(s, "hp_renseanlaeg_ost", "m3"))],
        ["waste-derived kiln fuels", ">200,000 t/yr of waste and biomass (ESG 2022)",
         "%s t/yr (MBM, dried sludge, SRF); SRF hub %s" % (
             num(fuels), hub_text(s, "srf_prep_hub", "t"))],
        ["total", "no public total for the ISN network",
         "savings %s EUR/yr, CO2 avoided %s t/yr" % (money(s["savings"]),
                                                     num(s["co2_avoided_t_per_yr"]))],
    ]
    return table(["figure", "published", "symnet"], rows)


def columbia(s, s0):
    rows = [
        ["food-waste digester", "Columbia Biogas: ~194,000 t/yr (incl. liquids), ~5 MW, "
         "~US$40 M; permitted, dropped 2015", "digester %s (re-optimised at carbon price 0: "
         "%s)" % (hub_text(s, "campus_digester", "t"), hub_text(s0, "campus_digester", "t"))],
        ["wood and film hubs", "COR campus idea (no figures)", "wood: %s; plastics: %s" % (
            hub_text(s, "campus_wood", "t"), hub_text(s, "campus_plastics", "t"))],
        ["heat to Cully", "(no public figure)", "%s MWh/yr received by the housing"
         % num(received(s, "cully_housing", "heat"))],
        ["total", "no published quantified figure", "savings %s USD/yr, capital %s, CO2 "
         "avoided %s t/yr" % (money(s["savings"]), money(s["capital"]),
                              num(s["co2_avoided_t_per_yr"]))],
    ]
    return table(["figure", "published", "symnet"], rows)


def willapa(s, s0):
    rows = [
        ["energy centre", "EID studied (DNR grant, 2018); not built",
         hub_text(s, "eid_energy_centre", "t fuel")],
        ["compost yard", "studied, not built", hub_text(s, "eid_compost", "t")],
        ["heat to the mill's kilns", "(no public figure)", "%s MWh/yr"
         % num(received(s, "alder_mill", "heat"))],
        ["total", "no published quantified figure", "savings %s USD/yr, capital %s, CO2 "
         "avoided %s t/yr" % (money(s["savings"]), money(s["capital"]),
                              num(s["co2_avoided_t_per_yr"]))],
    ]
    return table(["figure", "published", "symnet"], rows)


COMPARE = {"kalundborg": kalundborg, "kwinana": kwinana, "aalborg_isn": aalborg,
           "columbia_corridor": columbia, "willapa_harbor": willapa}


def blocks(symnet):
    sols = {}
    with tempfile.TemporaryDirectory(prefix="symnet-headline-") as tmp:
        for name, _, _ in REGIONS:
            path = os.path.join("instances", name + ".json")
            sols[name] = (solve(symnet, path, tmp, name),
                          solve(symnet, path, tmp, name + ".c0", carbon_price=0))
    for name, (s, s0) in sols.items():
        if s["status"] != "optimal" or s0["status"] != "optimal":
            sys.exit("headline.py: %s is not proven optimal" % name)
    out = {"table": headline_tables(sols)}
    for name, fn in COMPARE.items():
        out[name] = fn(*sols[name])
    return out


def splice(text, out):
    for key, body in out.items():
        begin, end = "<!-- headline:%s -->" % key, "<!-- /headline:%s -->" % key
        i, j = text.find(begin), text.find(end)
        if i < 0 or j < i:
            sys.exit("headline.py: markers for '%s' not found" % key)
        text = text[:i + len(begin)] + "\n" + body + "\n" + text[j:]
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--symnet", default="build/symnet")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--update", metavar="PAGE")
    g.add_argument("--check", metavar="PAGE")
    a = ap.parse_args()
    out = blocks(a.symnet)
    page = a.update or a.check
    if not page:
        for key, body in out.items():
            print("## %s\n\n%s\n" % (key, body))
        return 0
    with open(page, encoding="utf-8") as f:
        text = f.read()
    new = splice(text, out)
    if a.check:
        if new != text:
            print("%s: tables differ from symnet's output; run instances/headline.py --update %s"
                  % (page, page), file=sys.stderr)
            return 1
        print("%s: tables match symnet's output" % page)
        return 0
    with open(page, "w", encoding="utf-8") as f:
        f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
