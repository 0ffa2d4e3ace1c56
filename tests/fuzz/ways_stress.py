#!/usr/bin/env python3
"""ways_stress.py - random small regions of the ways, solved by the symnet binary (docs/testing.md,
"Stress runs of the ways").

usage: tests/fuzz/ways_stress.py FIRST LAST [DIR]   e.g. tests/fuzz/ways_stress.py 0 20000
env:   SYMNET  the binary (default build/symnet)

Each seed in [FIRST, LAST) writes one region into DIR (default a temporary directory): 2 to 5
facilities that supply or must take steam (pipes, with or without loss and emissions) or sludge
(trucks), 1 to 4 ways of random classes, sometimes a hub that turns sludge into steam, a steam
junction, network routing, a capital budget, an emission cap or a zone that bans trucks. It
solves it (5 s limit) and fails on any exit but 0 (a network), 3 (an input error, e.g. two
points of a way at one place) and 4 (infeasible, with a proof the independent checker
accepted): exit 70 is the checker rejecting what the solver wrote, as
in fuzz finding 10. Prints the count of each exit, of each proof of exit 4, and the failing
seeds; exit status 1 when any.
"""
import json, os, random, subprocess, sys, tempfile

def region(seed):
    R = random.Random(seed)
    n_f = R.randint(2, 5)
    res = [{"id": "steam", "unit": "MWh", "pipe": {"civil_capital_per_km": R.choice([0, 3000]), "capital_per_km": R.choice([500, 1000, 3000]),
            "loss_per_km": R.choice([0, 0, 0.01, 0.05]), "co2_per_unit_km": R.choice([0, 0.001])}},
           {"id": "sludge", "unit": "t", "truck": {"cost_per_unit_km": 0.5, "co2_per_unit_km": R.choice([0, 0.01]), "max_km": R.choice([5, 10, 50])}}]
    facs = []
    for i in range(n_f):
        f = {"id": f"F{i}", "location": [round(R.uniform(-1, 6), 2), round(R.uniform(-1, 4), 2)]}
        r = R.choice(["steam", "sludge"])
        if R.random() < 0.5:
            f["supplies"] = [{"resource": r, "amount": R.choice([50, 100, 200]), "disposal_cost": R.choice([0, 5, 20])}]
        else:
            d = {"resource": r, "amount": R.choice([50, 100, 200])}
            if R.random() < 0.4: d["price"] = R.choice([5, 10, 40])
            f["demands"] = [d]
        facs.append(f)
    lines = []
    for w in range(R.randint(1, 4)):
        pts = []
        x, y = R.uniform(-1, 6), R.uniform(-1, 4)
        sx, sy = R.choice([-1, 1]), R.choice([-1, 1])  # a staircase: it never crosses itself
        for k in range(R.randint(2, 4)):
            pts.append([round(x, 2), round(y, 2)])
            if R.random() < 0.5: x += sx * R.uniform(0.2, 3)
            else: y += sy * R.uniform(0.2, 3)
        lines.append({"id": f"w{w}", "class": R.choice(["street", "street", "rail", "arterial"]), "trench_capital_per_km": R.choice([0, 500, 1000]), "points": pts})
    hubs, junctions = [], []
    if R.random() < 0.4:  # a treatment hub turning sludge into steam (a stand-in for any process)
        hubs.append({"id": "H", "location": [round(R.uniform(-1, 6), 2), round(R.uniform(-1, 4), 2)],
                     "capacities": [{"capacity": R.choice([50, 150, 400]), "capital": R.choice([0, 1000, 20000]),
                                     "fixed_opex": 0}],
                     "inputs": [{"resource": "sludge", "yields": {"steam": R.choice([0.5, 1.0])}}],
                     "outputs": [{"resource": "steam", "disposal_cost": R.choice([0, 5])}]})
    if R.random() < 0.3:
        junctions.append({"id": "J", "location": [round(R.uniform(-1, 6), 2), round(R.uniform(-1, 4), 2)],
                          "resources": ["steam"]})
    reg = {"name": f"stress {seed}", "coordinates": "planar_km", "currency": "EUR", "discount_rate": R.choice([0.0, 0.05]), "lifetime_yr": 10}
    if R.random() < 0.4: reg["capital_budget"] = R.choice([500, 2000, 5000, 20000])
    if R.random() < 0.2: reg["co2_cap_t_per_yr"] = R.choice([0.1, 1, 5])
    ways = {"lines": lines, "max_service_km": R.choice([0.5, 1, 2, 5])}
    if R.random() < 0.4: ways["routing"] = "network"
    d = {"format": "symnet-region/1", "region": reg, "resources": res, "facilities": facs, "ways": ways}
    if hubs:
        d["hubs"] = hubs
    if junctions:
        d["junctions"] = junctions
    if R.random() < 0.3:
        cx, cy = R.uniform(0, 4), R.uniform(0, 3)
        d["zones"] = [{"id": "z", "trucks": "banned", "polygon": [[cx-1, cy-1], [cx+1, cy-1], [cx+1, cy+1], [cx-1, cy+1], [cx-1, cy-1]]}]
    return d

def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.split("\n\n")[1])
    symnet = os.environ.get("SYMNET", "build/symnet")
    out = sys.argv[3] if len(sys.argv) == 4 else tempfile.mkdtemp(prefix="ways_stress.")
    os.makedirs(out, exist_ok=True)
    bad, counts, proofs = 0, {}, {}
    for seed in range(int(sys.argv[1]), int(sys.argv[2])):
        p = os.path.join(out, f"r{seed}.json")
        with open(p, "w") as f:
            json.dump(region(seed), f)
        r = subprocess.run([symnet, "solve", p, "--out", os.path.join(out, f"o{seed}.json"),
                            "--quiet", "--time-limit", "5"], capture_output=True, text=True)
        counts[r.returncode] = counts.get(r.returncode, 0) + 1
        if r.returncode == 4:
            with open(os.path.join(out, f"o{seed}.json")) as f:
                proof = json.load(f)["infeasibility"]["proof"]
            proofs[proof] = proofs.get(proof, 0) + 1
        if r.returncode not in (0, 3, 4):
            bad += 1
            print(f"seed {seed}: exit {r.returncode}: {p}", *r.stderr.strip().splitlines()[-2:],
                  sep="\n  ")
    print("exits:", ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) +
          "; infeasible proven by", ", ".join(f"{k}: {v}" for k, v in sorted(proofs.items())),
          f"({out})")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
