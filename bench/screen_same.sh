#!/bin/sh
# bench/screen_same.sh - a change to `symnet screen` that is meant to be faster changes no
# result: screens the same regions with a build from before the change (BASE) and the current
# one (SYMNET) and compares what they print (every kept match, --top 0), the CSV and the HTML
# byte for byte. Regions: the generated M region and the dense shape at 2,000 facilities
# (bench/README.md, "screen"), with and without disposal costs (--must-take: every match
# flagged), and any region files given as arguments.
#
#   cp build/symnet build/symnet-base        (before the change; rebuild after it)
#   BASE=build/symnet-base sh bench/screen_same.sh [REGION ...]
#
# Prints one line per region; exits 1 at the first difference (the diff is shown).
set -eu
BASE=${BASE:?BASE=path to the symnet build from before the change}
SYMNET=${SYMNET:-build/symnet}
GEN=${GEN:-build/bench/gen}
DIR=${BENCH_DIR:-build/bench}/screen-same
mkdir -p "$DIR"

"$GEN" --size M --seed 1 -o "$DIR/m.json"
"$GEN" --facilities 2000 --seed 1 --dense -o "$DIR/dense2k.json"
"$GEN" --facilities 2000 --seed 1 --dense --must-take -o "$DIR/dense2k-must-take.json"

status=0
for region in "$DIR/m.json" "$DIR/dense2k.json" "$DIR/dense2k-must-take.json" "$@"; do
    name=$(basename "$region" .json)
    for side in base new; do
        bin=$SYMNET
        [ "$side" = base ] && bin=$BASE
        "$bin" screen "$region" --top 0 --csv "$DIR/$name.$side.csv" \
            --html "$DIR/$name.$side.html" >"$DIR/$name.$side.txt"
    done
    same=1
    for ext in txt csv html; do
        if ! cmp -s "$DIR/$name.base.$ext" "$DIR/$name.new.$ext"; then
            diff "$DIR/$name.base.$ext" "$DIR/$name.new.$ext" | head -20
            same=0
        fi
    done
    if [ "$same" = 1 ]; then
        echo "screen-same: $region: output, CSV and HTML identical ($(sed -n 2p "$DIR/$name.new.txt"))"
    else
        echo "screen-same: $region: DIFFERENT (files in $DIR)"
        status=1
    fi
done
exit $status
