#!/bin/sh
# run.sh - runs libFuzzer harnesses built by `make fuzz-build` (docs/testing.md, "Fuzzing").
#
# usage: tests/fuzz/run.sh HARNESS...     e.g. tests/fuzz/run.sh fuzz_region fuzz_verify
# env:   FUZZ_SECONDS  time per harness (default 60)
#        FUZZ_DIR      build directory of the harnesses (default build-fuzz)
#        SYMNET        a normal symnet binary, used to write the fuzz_verify seeds
#
# For each harness: builds its seed corpus in FUZZ_DIR/seeds/HARNESS (fuzz_region and
# fuzz_solve: every region in instances/, tests/cases/ and tests/bad/ under 256 KiB;
# fuzz_verify: each of those regions with the solution `symnet solve` writes for it, joined by
# a NUL byte; fuzz_edits: the hand-written cases in tests/fuzz/seeds/fuzz_edits/), replays
# every past finding in tests/fuzz/regress/HARNESS/, then fuzzes for FUZZ_SECONDS with the growing corpus
# in FUZZ_DIR/corpus/HARNESS. A crash, sanitizer report, leak, timeout (> 20 s) or out-of-memory
# (> 2 GiB) stops it with exit status 1 and the input in FUZZ_DIR/findings/.
set -eu
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_DIR=${FUZZ_DIR:-build-fuzz}
SYMNET=${SYMNET:-build/symnet}

regions() {
    for d in instances tests/cases/ok tests/cases/bad tests/bad; do
        [ -d "$d" ] && find "$d" -name '*.json' -size -256k
    done | sort
}

seed_region() {
    mkdir -p "$1"
    regions | while read -r f; do cp "$f" "$1/$(echo "$f" | tr / _)"; done
}

seed_verify() {
    mkdir -p "$1"
    tmp=$FUZZ_DIR/seed-solution.json
    regions | while read -r f; do
        out=$1/$(echo "$f" | tr / _)
        [ -s "$out" ] && continue
        rm -f "$tmp"
        "$SYMNET" solve "$f" --out "$tmp" --quiet --time-limit 10 >/dev/null 2>&1 || true
        [ -f "$tmp" ] || continue
        { cat "$f"; printf '\000'; cat "$tmp"; } >"$out"
    done
    rm -f "$tmp"
}

for h in "$@"; do
    bin=$FUZZ_DIR/fuzz/$h
    seeds=$FUZZ_DIR/seeds/$h
    corpus=$FUZZ_DIR/corpus/$h
    mkdir -p "$corpus" "$FUZZ_DIR/findings"
    case $h in
    fuzz_region | fuzz_solve) seed_region "$seeds"; max_len=65536 ;;
    fuzz_verify) seed_verify "$seeds"; max_len=131072 ;;
    fuzz_edits) mkdir -p "$seeds"; cp tests/fuzz/seeds/fuzz_edits/* "$seeds/"; max_len=65536 ;;
    *) echo "run.sh: unknown harness $h" >&2; exit 2 ;;
    esac
    regress=tests/fuzz/regress/$h
    if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
        echo "== $h: replaying $(ls "$regress" | wc -l) past finding(s) in $regress"
        "$bin" -runs=0 "$regress"/* >"$FUZZ_DIR/$h-regress.log" 2>&1 ||
            { cat "$FUZZ_DIR/$h-regress.log"; exit 1; }
    fi
    echo "== $h: fuzzing for $FUZZ_SECONDS s ($(ls "$seeds" | wc -l) seeds, $(ls "$corpus" | wc -l) in corpus)"
    dict=tests/fuzz/json.dict
    if ! "$bin" -max_total_time="$FUZZ_SECONDS" -max_len=$max_len -timeout=20 -rss_limit_mb=2048 \
        -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="$FUZZ_DIR/findings/$h-" "$corpus" "$seeds" >"$FUZZ_DIR/$h.log" 2>&1; then
        tail -n 60 "$FUZZ_DIR/$h.log"
        echo "== $h: FOUND A PROBLEM; the input is in $FUZZ_DIR/findings/ (log: $FUZZ_DIR/$h.log)"
        exit 1
    fi
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' "$FUZZ_DIR/$h.log" || true
    echo "== $h: no crash, leak or timeout in $FUZZ_SECONDS s ($(ls "$corpus" | wc -l) in corpus)"
done
