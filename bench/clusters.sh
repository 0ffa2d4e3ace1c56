#!/bin/sh
# bench/clusters.sh - towns far apart (issue 17, independent parts solved apart): regions of K
# towns that no candidate link joins (build/bench/gen --clusters K --facilities N), solved by
# symnet with the split (docs/model.md 11.7), by symnet with --disable split (the whole model
# in one search), and by CBC on `symnet export --mps` of the same region, each under
# TIME_LIMIT. With BUDGET set, the regions carry that capital budget, whose row joins every
# pipe and hub across the towns (the split then finds fewer parts).
#
# Prints a markdown table, one row per region and solver: status, cost, bound and gap at the
# end, symnet's time_s (or CBC's wall time), the CPU seconds of the process (/usr/bin/time %U:
# on a shared machine the wall time also measures the other work) and the parts the split found
# and solved apart, with the load average (`uptime`) when each run started. A benchmark, not a
# test: nothing fails on time; exit 1 only when a run errs or two proven optima disagree.
#
# Environment (all optional):
#   TIME_LIMIT  seconds per solve (default 120)
#   KS          towns per region (default "4 10 30")
#   FACILITIES  facilities per town (default 50, gen's size S)
#   SEED        seed (default 1)
#   BUDGET      capital budget in EUR (default none)
#   NO_CBC      1: symnet only
#   SYMNET, GEN (default build/symnet, build/bench/gen), WORK (default build/bench/clusters)
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$ROOT" || exit 2
TIME_LIMIT=${TIME_LIMIT:-120}
KS=${KS:-4 10 30}
FACILITIES=${FACILITIES:-50}
SEED=${SEED:-1}
BUDGET=${BUDGET:-}
NO_CBC=${NO_CBC:-0}
SYMNET=${SYMNET:-build/symnet}
GEN=${GEN:-build/bench/gen}
WORK=${WORK:-build/bench/clusters}

case $TIME_LIMIT in
'' | *[!0-9.]*) echo "clusters.sh: TIME_LIMIT must be a number of seconds" >&2; exit 2 ;;
esac
for b in "$SYMNET" "$GEN"; do
    [ -x "$b" ] || { echo "clusters.sh: $b is missing: run make first" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "clusters.sh: /usr/bin/time is missing (make bench-deps)" >&2; exit 2; }
if [ "$NO_CBC" != 1 ] && ! command -v cbc >/dev/null 2>&1; then
    echo "clusters.sh: cbc not found (make bench-deps), CBC rows left out" >&2
    NO_CBC=1
fi
mkdir -p "$WORK" || exit 2
status=0

# a top-level field of a solution file ("null" when absent)
field() { sed -n "s/^  \"$1\": \(.*\),\$/\1/p" "$2" | head -n 1; }
load() { uptime | sed 's/.*load average: *//; s/,.*//'; }
gap_pct() { awk -v o="$1" -v b="$2" 'BEGIN { if (o == "-" || b == "-" || o == "null" || b == "null" || o == "") print "-"; else { d = o < 0 ? -o : o; if (d < 1e-9) d = 1e-9; printf "%.4f %%", 100 * (o - b) / d } }'; }
money() { awk -v v="$1" 'BEGIN { if (v == "-" || v == "null" || v == "") print "-"; else printf "%.2f", v }'; }

# symnet NAME REGION EXTRA...: one solve; prints a table row, sets sobj/sst for the check
symnet_row() {
    name=$1 region=$2 label=$3
    shift 3
    dir=$WORK/$name
    mkdir -p "$dir"
    l=$(load)
    /usr/bin/time -f %U -o "$dir/cpu" "$SYMNET" solve "$region" --quiet --time-limit "$TIME_LIMIT" \
        --out "$dir/solution.json" "$@" >"$dir/symnet.log" 2>&1
    rc=$?
    case $rc in 0 | 6) ;; *) echo "clusters.sh: $name: symnet exit $rc (see $dir/symnet.log)" >&2; status=1 ;; esac
    st=- obj=- bnd=- t=- parts=-
    if [ -f "$dir/solution.json" ]; then
        st=$(field status "$dir/solution.json" | tr -d '"')
        obj=$(field objective "$dir/solution.json")
        bnd=$(field bound "$dir/solution.json")
        t=$(field time_s "$dir/solution.json")
        parts=$(sed -n 's/.*"name": "split".*"found": \([0-9]*\), "solved_apart": \([0-9]*\).*/\1 \/ \2/p' \
            "$dir/solution.json")
    fi
    printf '| %s | %s | %s | %s | %s | %s | %.1f | %s | %s | %s |\n' "$label" "$st" "$(money "$obj")" \
        "$(money "$bnd")" "$(gap_pct "$obj" "$bnd")" "$parts" "$t" "$(tail -n 1 "$dir/cpu")" "$l" \
        "$TIME_LIMIT"
    sobj=$obj sst=$st
}

echo "| region / solver | status | cost (EUR/yr) | bound | gap | parts found / solved apart | time (s) | CPU (s) | load | limit (s) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for k in $KS; do
    base=k${k}-n${FACILITIES}-s${SEED}${BUDGET:+-b$BUDGET}
    region=$WORK/$base.json
    set -- --clusters "$k" --facilities "$FACILITIES" --seed "$SEED"
    [ -n "$BUDGET" ] && set -- "$@" --budget "$BUDGET"
    "$GEN" "$@" -o "$region" || { status=1; continue; }
    symnet_row "$base-split" "$region" "$k towns: symnet"
    o1=$sobj s1=$sst
    symnet_row "$base-whole" "$region" "$k towns: symnet --disable split" --disable split
    o2=$sobj s2=$sst
    if [ "$s1" = optimal ] && [ "$s2" = optimal ] &&
        awk -v a="$o1" -v b="$o2" 'BEGIN { d = a - b; if (d < 0) d = -d; s = a < 0 ? -a : a; exit !(d > 1e-6 * s + 1e-6) }'; then
        echo "clusters.sh: $base: optimal $o1 with the split, $o2 without" >&2
        status=1
    fi
    if [ "$NO_CBC" != 1 ]; then
        dir=$WORK/$base-cbc
        mkdir -p "$dir"
        "$SYMNET" export "$region" --mps "$dir/model.mps" >/dev/null 2>&1
        l=$(load)
        /usr/bin/time -f "%U %e" -o "$dir/cpu" cbc "$dir/model.mps" timeMode elapsed sec "$TIME_LIMIT" \
            solve >"$dir/cbc.log" 2>&1
        cst=$(awk '/^Result - / { if ($0 ~ /Optimal/) s = "optimal"; else if ($0 ~ /Stopped/) s = "stopped"; else s = "other" } END { print (s == "" ? "error" : s) }' "$dir/cbc.log")
        cobj=$(awk '/^Objective value:/ { v = $3 } END { print (v == "" || v + 0 >= 1e49 ? "-" : v) }' "$dir/cbc.log")
        cbnd=$(awk '/^Lower bound:/ { v = $3 } END { print (v == "" ? "-" : v) }' "$dir/cbc.log")
        [ "$cst" = optimal ] && [ "$cbnd" = - ] && cbnd=$cobj
        ccpu=$(tail -n 1 "$dir/cpu" | cut -d' ' -f1)
        cwall=$(tail -n 1 "$dir/cpu" | cut -d' ' -f2)
        printf '| %s | %s | %s | %s | %s | - | %s | %s | %s | %s |\n' "$k towns: CBC" "$cst" \
            "$(money "$cobj")" "$(money "$cbnd")" "$(gap_pct "$cobj" "$cbnd")" "$cwall" "$ccpu" "$l" \
            "$TIME_LIMIT"
        if [ "$cst" = optimal ] && [ "$s1" = optimal ] &&
            awk -v a="$o1" -v b="$cobj" 'BEGIN { d = a - b; if (d < 0) d = -d; s = a < 0 ? -a : a; exit !(d > 1e-6 * s + 1e-6) }'; then
            echo "clusters.sh: $base: symnet $o1 and CBC $cobj both optimal, and differ" >&2
            status=1
        fi
    fi
done
exit $status
