#!/bin/sh
# periods_bench.sh - what periods cost (issue 19): the same generated region (bench/gen) solved
# without periods and with 1, 4 and 12 periods (bench/periods_variant.py: steam and heat
# periodic, district-heating and greenhouse heat by Danish degree days), to the same gap.
#
#   bench/periods_bench.sh           (make bench-periods)
#
# Environment: SIZE (default M), SEED (default 1), PERIODS (default "0 1 4 12"; 0 = the region
# as generated, no periods), GAP (default 5e-3), TIME_LIMIT (s, default 600), SYMNET, GEN,
# BENCH_DIR (default build/bench). Prints one table row per variant: model rows, columns and
# binaries, the status, the objective, the gap reached and the wall time, with the load average
# (uptime) before each run. A benchmark, not a test: nothing fails on time; exit 1 only when a
# solve errs.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 2
SYMNET=${SYMNET:-$ROOT/build/symnet}
GEN=${GEN:-$ROOT/build/bench/gen}
BENCH_DIR=${BENCH_DIR:-$ROOT/build/bench}
SIZE=${SIZE:-M}
SEED=${SEED:-1}
PERIODS=${PERIODS:-0 1 4 12}
GAP=${GAP:-5e-3}
TIME_LIMIT=${TIME_LIMIT:-600}
DIR=$BENCH_DIR/periods
mkdir -p "$DIR" || exit 2
[ -x "$SYMNET" ] && [ -x "$GEN" ] || { echo "periods_bench: build $SYMNET and $GEN first" >&2; exit 2; }
status=0
base=$DIR/$SIZE-$SEED.json
"$GEN" --size "$SIZE" --seed "$SEED" -o "$base" || exit 1
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
echo "| region | periods | rows | columns | binaries | status | objective (EUR/yr) | gap | wall (s) | load (1/5/15 min) |"
echo "|---|---:|---:|---:|---:|---|---:|---:|---:|---|"
for n in $PERIODS; do
    region=$base
    if [ "$n" != 0 ]; then
        region=$DIR/$SIZE-$SEED-p$n.json
        python3 "$ROOT/bench/periods_variant.py" "$base" "$n" "$region" || exit 1
    fi
    load=$(uptime | sed 's/.*load average: //')
    t0=$(now)
    "$SYMNET" solve "$region" --out "$DIR/p$n.solution.json" --gap "$GAP" \
        --time-limit "$TIME_LIMIT" 2>"$DIR/p$n.err" >/dev/null
    rc=$?
    t1=$(now)
    if [ $rc -ne 0 ]; then
        echo "periods_bench: $region: exit $rc (see $DIR/p$n.err)" >&2
        status=1
        continue
    fi
    size=$(sed -n 's/.*model \([0-9]*\) rows, \([0-9]*\) columns (\([0-9]*\) binary).*/\1 | \2 | \3/p' "$DIR/p$n.err" | head -1)
    fig=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); g=s["gap"]; print("%s | %s | %s" % (s["status"], format(s["objective"], ",.0f"), "-" if g is None else "%.3f %%" % (100 * g)))' "$DIR/p$n.solution.json")
    label=$n
    [ "$n" = 0 ] && label="none"
    echo "| $SIZE-$SEED | $label | $size | $fig | $(secs "$t0" "$t1") | $load |"
done
exit $status
