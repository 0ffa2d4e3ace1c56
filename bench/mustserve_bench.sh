#!/bin/sh
# mustserve_bench.sh - the must-serve shape of issue 17 (bench/gen --mustserve): symnet against
# CBC, one after the other, same time limit and gap target, on capacitated facility-location
# regions where every demand must be served (bench/README.md, "must-serve").
#
#   bench/mustserve_bench.sh            (make bench-mustserve)
#
# Environment: SHAPES (default "50x200 100x1000 200x2000"), MIXED (default "0 1": plain and
# --mixed), TIME_LIMIT (s, default 120), GAP (default 1e-3), SOLVERS (default "symnet cbc"),
# SYMNET_ARGS (more arguments of symnet solve, e.g. "--disable lazy"; default none), SYMNET,
# GEN, BENCH_DIR (default build/bench). Prints one line per region and solver: the
# time to the first network, the best network, the bound and the gap at the end, with the
# load average (uptime) before each run. Targets (issue 17): a first network within 10 s at
# every size; 100x1000 proven within 0.1 % in 120 s. A benchmark, not a test: nothing fails on
# time; exit 1 only when a solver errs or a bound exceeds the other solver's network.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 2
SYMNET=${SYMNET:-$ROOT/build/symnet}
GEN=${GEN:-$ROOT/build/bench/gen}
BENCH_DIR=${BENCH_DIR:-$ROOT/build/bench}
SHAPES=${SHAPES:-50x200 100x1000 200x2000}
MIXED=${MIXED:-0 1}
TIME_LIMIT=${TIME_LIMIT:-120}
GAP=${GAP:-1e-3}
SOLVERS=${SOLVERS:-symnet cbc}
SYMNET_ARGS=${SYMNET_ARGS:-}
DIR=$BENCH_DIR/mustserve
mkdir -p "$DIR" || exit 2
[ -x "$SYMNET" ] && [ -x "$GEN" ] || { echo "mustserve_bench: build $SYMNET and $GEN first" >&2; exit 2; }
status=0
load() { uptime | sed 's/.*load average: //'; }
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
gap() { awk -v z="$1" -v b="$2" 'BEGIN { if (z == "-" || b == "-") { print "-"; exit }
    d = z - b; if (d < 0) d = -d; printf "%.3f %%", 100 * d / (z < 0 ? -z : z) }'; }

echo "| region | solver | load (1/5/15 min) | first network | best network (EUR/yr) | bound | gap | wall |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
for shape in $SHAPES; do
    for mixed in $MIXED; do
        name=ms$shape
        opt=
        [ "$mixed" = 1 ] && name=msm$shape && opt=--mixed
        region=$DIR/$name.json
        mps=$DIR/$name.mps
        "$GEN" --mustserve "$shape" $opt -o "$region" || { status=1; continue; }
        "$SYMNET" export "$region" --mps "$mps" >/dev/null 2>&1 || { status=1; continue; }
        sym_obj=- sym_bnd=- cbc_obj=- cbc_bnd=-
        for solver in $SOLVERS; do
            l=$(load)
            t0=$(now)
            case $solver in
            symnet)
                # shellcheck disable=SC2086 # SYMNET_ARGS is a list of words
                "$SYMNET" solve "$region" --out "$DIR/$name.sol.json" --time-limit "$TIME_LIMIT" \
                    --gap "$GAP" $SYMNET_ARGS >"$DIR/$name.symnet.log" 2>&1
                rc=$?
                t1=$(now)
                case $rc in 0 | 6 | 7) ;; *) echo "mustserve_bench: $name: symnet exit $rc" >&2; status=1 ;; esac
                first=$(awk '$2 == "s" && $3 == "best" { print $1 " s"; exit }' "$DIR/$name.symnet.log")
                obj=$(sed -n 's/^  "objective": \([^,]*\),*$/\1/p' "$DIR/$name.sol.json" 2>/dev/null | head -n 1)
                bnd=$(sed -n 's/^  "bound": \([^,]*\),*$/\1/p' "$DIR/$name.sol.json" 2>/dev/null | head -n 1)
                [ -z "$obj" ] || [ "$obj" = null ] && obj=-
                [ -z "$bnd" ] || [ "$bnd" = null ] && bnd=-
                sym_obj=$obj sym_bnd=$bnd
                ;;
            cbc)
                timeout -k 10 $((TIME_LIMIT * 3 + 60)) cbc "$mps" timeMode elapsed sec "$TIME_LIMIT" \
                    ratio "$GAP" solve >"$DIR/$name.cbc.log" 2>&1
                rc=$?
                t1=$(now)
                [ "$rc" = 0 ] || { echo "mustserve_bench: $name: cbc exit $rc" >&2; status=1; }
                first=$(awk '/Integer solution of .* found/ { for (i = 1; i <= NF; i++)
                        if ($i == "seconds)") { v = $(i - 1); sub(/^\(/, "", v); print v " s"; exit } }' \
                    "$DIR/$name.cbc.log")
                obj=$(awk '/^Objective value:/ { v = $3 } END { print (v == "" || v + 0 >= 1e49 ? "-" : v) }' "$DIR/$name.cbc.log")
                bnd=$(awk '/^Lower bound:/ { v = $3 } END { print (v == "" ? "-" : v) }' "$DIR/$name.cbc.log")
                grep -q "^Result - Optimal" "$DIR/$name.cbc.log" && [ "$bnd" = - ] && bnd=$obj
                cbc_obj=$obj cbc_bnd=$bnd
                ;;
            *) echo "mustserve_bench: unknown solver $solver" >&2; exit 2 ;;
            esac
            printf '| %s | %s | %s | %s | %s | %s | %s | %s s |\n' "$name" "$solver" "$l" \
                "${first:-none}" "$obj" "$bnd" "$(gap "$obj" "$bnd")" "$(secs "$t0" "$t1")"
        done
        # a bound above the other solver's network is an error of one of them
        if awk -v a="$sym_bnd" -v b="$cbc_obj" -v c="$cbc_bnd" -v d="$sym_obj" 'BEGIN {
            bad = (a != "-" && b != "-" && a - b > 1e-6 * (b < 0 ? -b : b) + 1e-6) ||
                  (c != "-" && d != "-" && c - d > 1e-6 * (d < 0 ? -d : d) + 1e-6); exit !bad }'; then
            echo "mustserve_bench: $name: a bound exceeds the other solver's network" >&2
            status=1
        fi
    done
done
exit $status
