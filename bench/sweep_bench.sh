#!/bin/sh
# sweep_bench.sh - what warm starts and workers buy a sweep (issue 16; bench/README.md,
# "sweep"): a 50-case carbon-price sweep of the generated M region (200 facilities, seed 1),
# solved cold (the default) and warm (--warm), with --jobs 1 and --jobs 2, and under mpirun -n 2
# and -n 3 (rank 0 hands out the cases, the others solve); then a 20-point sweep to a tighter
# gap, cold against warm with each piece of docs/model.md 11.9 (issue 17's "repeated solves":
# does warm reach the same proof in at most half the time?), cold and warm twice, back to back.
#
#   bench/sweep_bench.sh            (make bench-sweep)
#
# Environment: SIZE (default M), SEED (1), CASES (50), GAP (1e-2: the proof each case of the
# 50-case sweep must reach), GAP20 (5e-3, the 20-point sweep's), TIME_LIMIT (per case, s,
# default 120), PARTS (default "50 20": which of the two sweeps to run), SYMNET, GEN, BENCH_DIR (default build/bench). Prints one markdown line per run:
# wall time, the sum of the cases' solve times (from their solution files' "time_s"), how many
# cases were proven within the gap, the load average before the run, and whether its table
# equals the first run's. A benchmark, not a test: nothing fails on time; exit 1 only when a run
# fails.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 2
SYMNET=${SYMNET:-$ROOT/build/symnet}
GEN=${GEN:-$ROOT/build/bench/gen}
BENCH_DIR=${BENCH_DIR:-$ROOT/build/bench}
SIZE=${SIZE:-M}
SEED=${SEED:-1}
CASES=${CASES:-50}
GAP=${GAP:-1e-2}
GAP20=${GAP20:-5e-3}
PARTS=${PARTS:-50 20}
TIME_LIMIT=${TIME_LIMIT:-120}
DIR=$BENCH_DIR/sweep
mkdir -p "$DIR" || exit 2
[ -x "$SYMNET" ] && [ -x "$GEN" ] || { echo "sweep_bench: build $SYMNET and $GEN first" >&2; exit 2; }
REGION=$DIR/$SIZE-$SEED.json
"$GEN" --size "$SIZE" --seed "$SEED" -o "$REGION" || exit 1
status=0
load() { uptime | sed 's/.*load average: //'; }
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
# the sum of the cases' solve times, and the cases proven within the gap, of run directory $1
solved() {
    cat "$1"/cases/case-*.json | awk '/^  "time_s": / { gsub(",", "", $2); t += $2 }
        /^  "status": "optimal"/ { n++ } END { printf "%.1f | %d", t, n }'
}
MPIRUN="mpirun --oversubscribe --allow-run-as-root"
FIRST=

# run NAME GAP RANGE LAUNCHER... -- OPTIONS...: one sweep into $DIR/NAME (removed first)
run() {
    name=$1; gap=$2; range=$3; shift 3
    launch=
    while [ "$1" != "--" ]; do launch="$launch $1"; shift; done
    shift
    rm -rf "${DIR:?}/$name"
    l=$(load)
    t0=$(now)
    # shellcheck disable=SC2086
    if ! $launch "$SYMNET" sweep "$REGION" --param region.carbon_price --range "$range" \
        --gap "$gap" --time-limit "$TIME_LIMIT" --quiet --dir "$DIR/$name" "$@" \
        >"$DIR/$name.log" 2>&1; then
        echo "sweep_bench: $name failed (see $DIR/$name.log)" >&2
        status=1
        return
    fi
    t1=$(now)
    same=-
    if [ -n "$FIRST" ]; then
        if cmp -s "$DIR/$FIRST/cases.csv" "$DIR/$name/cases.csv"; then same=yes; else same=no; fi
    fi
    echo "| $name | $(secs "$t0" "$t1") s | $(solved "$DIR/$name") | $l | $same |"
}

case " $PARTS " in *" 50 "*) ;; *) CASES=0 ;; esac
if [ "$CASES" -gt 0 ]; then
echo "### $CASES-case carbon-price sweep of $SIZE-$SEED (0 to 490 EUR/t), gap $GAP, limit $TIME_LIMIT s a case"
echo
echo "| run | wall | sum of solve times (s) | proven | load before (1/5/15 min) | table = first run's |"
echo "|---|---:|---:|---:|---|---|"
R50=0:490:$CASES
run warm-jobs1 "$GAP" "$R50" -- --jobs 1 --warm
FIRST=warm-jobs1
run cold-jobs1 "$GAP" "$R50" -- --jobs 1
run warm-jobs2 "$GAP" "$R50" -- --jobs 2 --warm
run cold-jobs2 "$GAP" "$R50" -- --jobs 2
if command -v mpirun >/dev/null 2>&1; then
    run mpi-n2 "$GAP" "$R50" $MPIRUN -n 2 -- --warm
    run mpi-n3 "$GAP" "$R50" $MPIRUN -n 3 -- --warm
fi
echo
fi
case " $PARTS " in *" 20 "*) ;; *) exit $status ;; esac
# run20 NAME OPTIONS...: one 20-point sweep, back to back with the others, with its CPU time
# (user + system of the whole run, /usr/bin/time) and what the plugins of docs/model.md 11.9 did
run20() {
    name=$1; shift
    rm -rf "${DIR:?}/$name"
    l=$(load)
    t0=$(now)
    if ! /usr/bin/time -f "%U %S" -o "$DIR/$name.cpu" "$SYMNET" sweep "$REGION" \
        --param region.carbon_price --range 0:475:20 --gap "$GAP20" --time-limit "$TIME_LIMIT" \
        --jobs 1 --quiet --dir "$DIR/$name" "$@" >"$DIR/$name.log" 2>&1; then
        echo "sweep_bench: $name failed (see $DIR/$name.log)" >&2
        status=1
        return
    fi
    t1=$(now)
    cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$DIR/$name.cpu")
    plug=$(cat "$DIR/$name"/cases/case-*.json | awk '
        /"name": "start"/ { s += $0 ~ /"found": 1/; match($0, /"seconds": [0-9.e+-]+/);
                            st += substr($0, RSTART + 11, RLENGTH - 11) }
        /"name": "carrybasis"/ { match($0, /"found": [0-9]+/); b += substr($0, RSTART + 9, RLENGTH - 9) }
        /"name": "carrycuts"/ { match($0, /"found": [0-9]+/); c += substr($0, RSTART + 9, RLENGTH - 9) }
        END { printf "%.2f | %d | %d", st, b, c }')
    costs=$(awk -F, 'NR > 1 { t += $5 } END { printf "%.2f M", t / 1e6 }' "$DIR/$name/cases.csv")
    echo "| $name | \`$*\` | $(secs "$t0" "$t1") s | $cpu s | $(solved "$DIR/$name") | $plug | $costs | $l |"
}
echo "### 20-point carbon-price sweep of $SIZE-$SEED (0 to 475 EUR/t), gap $GAP20, --jobs 1"
echo
echo "| run | options | wall | CPU | sum of solve times (s) | proven | \`start\` (s) | root LPs from the carried basis | carried cuts | sum of annual costs | load before (1/5/15 min) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
run20 cold20
run20 warm20 --warm
run20 warm20-network --warm --disable carrybasis
run20 warm20-basis --warm --disable start
run20 warm20-cuts --warm --disable start --disable carrybasis --enable carrycuts
run20 warm20-all --warm --enable carrycuts
run20 cold20-again
run20 warm20-again --warm
exit $status
