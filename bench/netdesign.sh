#!/bin/sh
# bench/netdesign.sh - pure network design (issue 17): every source must ship, every sink must
# be served, every route runs through junctions, nothing exists yet.
#
# Regions: build/bench/gen --netdesign --facilities N --seed S for each N of SIZES and S of
# SEEDS, and every FCNetLib include file named in EXTRA (converted by fcnf2region; e.g. berlin,
# which ../shared/data does not hold). For each: `symnet solve` under TIME_LIMIT (model size
# from its first line, time to its first network from its progress lines, best network, bound
# and gap at the limit), then CBC on `symnet export --mps` of the same region under the same
# limit (wall clock). Prints a markdown table, one row per region, with the load average
# (`uptime`) when each run started: timings on a shared machine mean nothing without it.
# A benchmark, not a test: nothing fails on time; exit 1 only when a run errs or CBC's
# optimum and symnet's disagree.
#
# Environment (all optional):
#   TIME_LIMIT  seconds per solve, symnet and CBC alike (default 60)
#   SIZES       terminals per generated region (default "12 50")
#   SEEDS       seeds (default "1 2")
#   EXTRA       FCNetLib .inc files to convert and run as well (default none)
#   NO_CBC      1: symnet only
#   SYMNET, BENCH_BIN (default build/symnet, build/bench), WORK (default build/bench/netdesign)
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$ROOT" || exit 2
TIME_LIMIT=${TIME_LIMIT:-60}
SIZES=${SIZES:-12 50}
SEEDS=${SEEDS:-1 2}
EXTRA=${EXTRA:-}
NO_CBC=${NO_CBC:-0}
SYMNET=${SYMNET:-build/symnet}
BENCH_BIN=${BENCH_BIN:-build/bench}
WORK=${WORK:-build/bench/netdesign}

case $TIME_LIMIT in
'' | *[!0-9.]*) echo "netdesign.sh: TIME_LIMIT must be a number of seconds" >&2; exit 2 ;;
esac
for b in "$SYMNET" "$BENCH_BIN/gen" "$BENCH_BIN/fcnf2region"; do
    [ -x "$b" ] || { echo "netdesign.sh: $b is missing: run make first" >&2; exit 2; }
done
if [ "$NO_CBC" != 1 ] && ! command -v cbc >/dev/null 2>&1; then
    echo "netdesign.sh: cbc not found (make bench-deps), CBC columns left empty" >&2
    NO_CBC=1
fi
mkdir -p "$WORK" || exit 2
status=0

# a top-level field of a solution file ("null" when absent)
field() { sed -n "s/^  \"$1\": \(.*\),\$/\1/p" "$2" | head -n 1; }
load() { uptime | sed 's/.*load average: *//; s/,.*//'; }
gap_pct() { awk -v o="$1" -v b="$2" 'BEGIN { if (o == "-" || b == "-" || o == "null" || b == "null" || o == "") print "-"; else { d = o < 0 ? -o : o; if (d < 1e-9) d = 1e-9; printf "%.2f %%", 100 * (o - b) / d } }'; }

run_one() { # name region.json
    name=$1 region=$2 dir=$WORK/$1
    mkdir -p "$dir"
    l=$(load)
    "$SYMNET" solve "$region" --time-limit "$TIME_LIMIT" --out "$dir/solution.json" \
        >"$dir/symnet.log" 2>&1
    rc=$?
    case $rc in 0 | 6) ;; *) echo "netdesign.sh: $name: symnet exit $rc (see $dir/symnet.log)" >&2; status=1 ;; esac
    size=$(sed -n 's/.*model \([0-9]*\) rows, \([0-9]*\) columns (\([0-9]*\) binary).*/\1 x \2 (\3 bin)/p' "$dir/symnet.log" | head -n 1)
    first=$(awk '$2 == "s" && $3 == "best" { print $1 " s"; exit }' "$dir/symnet.log")
    if [ -f "$dir/solution.json" ]; then
        st=$(field status "$dir/solution.json" | tr -d '"')
        obj=$(field objective "$dir/solution.json")
        bnd=$(field bound "$dir/solution.json")
    else
        st=no_network obj=- bnd=-
    fi
    cst=- cobj=- cbnd=-
    if [ "$NO_CBC" != 1 ]; then
        "$SYMNET" export "$region" --mps "$dir/model.mps" >/dev/null 2>&1
        cbc "$dir/model.mps" timeMode elapsed sec "$TIME_LIMIT" solve >"$dir/cbc.log" 2>&1
        cst=$(awk '/^Result - / { if ($0 ~ /Optimal/) s = "optimal"; else if ($0 ~ /Stopped/) s = "stopped"; else s = "other" } END { print (s == "" ? "error" : s) }' "$dir/cbc.log")
        cobj=$(awk '/^Objective value:/ { v = $3 } END { print (v == "" || v + 0 >= 1e49 ? "-" : v) }' "$dir/cbc.log")
        cbnd=$(awk '/^Lower bound:/ { v = $3 } END { print (v == "" ? "-" : v) }' "$dir/cbc.log")
        [ "$cst" = optimal ] && [ "$cbnd" = - ] && cbnd=$cobj
        if [ "$cst" = optimal ] && [ "$st" = optimal ] &&
            awk -v a="$obj" -v b="$cobj" 'BEGIN { d = a - b; if (d < 0) d = -d; s = a < 0 ? -a : a; exit !(d > 1e-6 * s + 1e-6) }'; then
            echo "netdesign.sh: $name: symnet $obj and CBC $cobj both optimal, and differ" >&2
            status=1
        fi
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "${size:--}" \
        "${first:-none}" "$st" "$obj" "$bnd" "$(gap_pct "$obj" "$bnd")" "$cst" "$cobj" "$cbnd" \
        "$(gap_pct "$cobj" "$cbnd")" "$l"
}

echo "TIME_LIMIT=$TIME_LIMIT s; symnet $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(date -u +%Y-%m-%d)"
echo
echo "| region | model rows x columns | symnet first network | symnet status | best | bound | gap | CBC status | CBC best | CBC bound | CBC gap | load at start |"
echo "|---|---|---|---|---:|---:|---:|---|---:|---:|---:|---|"
for n in $SIZES; do
    for s in $SEEDS; do
        r=$WORK/nd$n-$s.json
        "$BENCH_BIN/gen" --netdesign --facilities "$n" --seed "$s" -o "$r" || { status=1; continue; }
        run_one "nd$n-$s" "$r"
    done
done
for f in $EXTRA; do
    b=$(basename "$f" .inc)
    "$BENCH_BIN/fcnf2region" "$f" -o "$WORK/$b.json" || { status=1; continue; }
    run_one "$b" "$WORK/$b.json"
done
exit $status
