#!/bin/sh
# bench/classics/run.sh - symnet on classic network-design benchmarks with published optima.
#
# Converts every instance in the shared data directory (OR-Library cap*, FCNetLib *.inc,
# FCTP *.dat; see ../shared/data/README.md) with bench/classics/*2region, solves each region
# with symnet under a time limit, exports the same model as MPS and times CBC on it (the same
# limit, wall clock), then prints a markdown table:
#     instance | published | symnet | match | symnet time | CBC time | ratio
# match: |symnet - published| <= max(1e-6 * |published|, the set's absolute tolerance)
# (cap: 1e-3 as capopt states; others 0). Runs that stop at the limit show their gap, and
# their ratio is a lower bound (">"). CBC's optimum is checked against the published value too.
# A full run (ONLY empty) also writes the table, with machine and date, into RESULTS between
# the markers <!-- classics:begin --> and <!-- classics:end -->, leaving the rest of the file
# (e.g. the performance section between <!-- generated:begin/end -->) as it is.
#
# Environment (all optional):
#   TIME_LIMIT  seconds per solve, symnet and CBC alike (default 300)
#   DATA        data directory (default: ../shared/data from the repo root)
#   SYMNET      symnet binary (default: build/symnet)
#   BENCH_BIN   converter directory (default: build/bench)
#   WORK        where regions, solutions, models and logs go (default: build/bench/classics)
#   ONLY        space-separated instance names to run (default: all)
#   NO_CBC      set to 1 to skip CBC
#   RESULTS     file to update after a full run (default bench/RESULTS.md; "none": do not)
# Exit status: 0 when every finished instance matches its published optimum, 1 otherwise.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$ROOT" || exit 2
TIME_LIMIT=${TIME_LIMIT:-300}
DATA=${DATA:-../shared/data}
SYMNET=${SYMNET:-build/symnet}
BENCH_BIN=${BENCH_BIN:-build/bench}
WORK=${WORK:-build/bench/classics}
ONLY=${ONLY:-}
NO_CBC=${NO_CBC:-0}
RESULTS=${RESULTS:-bench/RESULTS.md}

case $TIME_LIMIT in
'' | *[!0-9.]*) echo "run.sh: TIME_LIMIT must be a number of seconds, got '$TIME_LIMIT'" >&2; exit 2 ;;
esac
for b in "$SYMNET" "$BENCH_BIN/cap2region" "$BENCH_BIN/fcnf2region" "$BENCH_BIN/fctp2region"; do
    [ -x "$b" ] || { echo "run.sh: $b is missing: run make first" >&2; exit 2; }
done
[ -d "$DATA" ] || { echo "run.sh: no data directory $DATA" >&2; exit 2; }
if [ "$NO_CBC" != 1 ] && ! command -v cbc >/dev/null 2>&1; then
    echo "run.sh: cbc not found (apt-get install coinor-cbc), CBC columns left empty" >&2
    NO_CBC=1
fi
mkdir -p "$WORK" || exit 2

# Published optima: name, value, absolute tolerance (../shared/data/README.md).
published() {
    case $1 in
    cap41) echo "1040444.375 1e-3" ;;   cap42) echo "1098000.450 1e-3" ;;
    cap43) echo "1153000.450 1e-3" ;;   cap44) echo "1235500.450 1e-3" ;;
    cap51) echo "1025208.225 1e-3" ;;   cap61) echo "932615.750 1e-3" ;;
    cap62) echo "977799.400 1e-3" ;;    cap63) echo "1014062.050 1e-3" ;;
    cap64) echo "1045650.250 1e-3" ;;   cap71) echo "932615.750 1e-3" ;;
    cap72) echo "977799.400 1e-3" ;;    cap73) echo "1010641.450 1e-3" ;;
    cap74) echo "1034976.975 1e-3" ;;
    k10x90) echo "568 0" ;;   k14x182) echo "8491 0" ;;
    r20x100) echo "15603 0" ;; g40x132) echo "26629 0" ;;
    p50x288) echo "6134 0" ;; p50x288b) echo "21753 0" ;;
    bal8x12) echo "471.55 0" ;;
    *) echo "" ;;
    esac
}

# Top-level field of a symnet solution file ("  \"key\": value,").
sol_field() {
    sed -n "s/^  \"$2\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$1" | head -n 1
}

# Runs "$@" and leaves "wall cpu" seconds in file $T (cpu = user + system; empty without
# /usr/bin/time). On a shared machine the CPU seconds are the fairer measure.
T=''
timed() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%e %U %S' -o "$T.raw" "$@"
        r=$?
        awk 'NF == 3 && $1 ~ /^[0-9.]+$/ { w = $1; c = $2 + $3 } END { if (w != "") print w, c }' "$T.raw" >"$T"
        return $r
    fi
    : >"$T"
    "$@"
}

wanted() {
    [ -z "$ONLY" ] && return 0
    for w in $ONLY; do [ "$w" = "$1" ] && return 0; done
    return 1
}

FAILED=0
ROWS=$WORK/rows.md
: >"$ROWS"

run_one() { # converter input name
    conv=$1 input=$2 name=$3
    region=$WORK/$name.json sol=$WORK/$name.solution.json mps=$WORK/$name.mps
    pubtol=$(published "$name")
    pub=${pubtol%% *} abstol=${pubtol##* }
    [ -n "$pubtol" ] || abstol=0
    if ! "$BENCH_BIN/$conv" -o "$region" "$input" 2>"$WORK/$name.convert.log"; then
        echo "| $name | ${pub:-?} | conversion failed: $(head -n 1 "$WORK/$name.convert.log") | no | | | |" >>"$ROWS"
        FAILED=1
        return
    fi
    echo "run.sh: $name: symnet (limit ${TIME_LIMIT}s)" >&2
    rm -f "$sol"
    T=$WORK/$name.symnet.time
    timed "$SYMNET" solve "$region" --out "$sol" --time-limit "$TIME_LIMIT" --quiet \
        >"$WORK/$name.symnet.log" 2>&1
    rc=$?
    status='?' obj='' gap='' stime='' scpu=$(cut -d' ' -f2 "$T")
    if [ -f "$sol" ]; then
        status=$(sol_field "$sol" status)
        obj=$(sol_field "$sol" objective)
        gap=$(sol_field "$sol" gap)
        stime=$(sol_field "$sol" time_s)
    fi
    case $rc in
    0) ;;
    4) status=infeasible ;;
    6) status=no_solution ;;
    *) status="exit $rc: $(head -n 1 "$WORK/$name.symnet.log")" ;;
    esac

    ctime='' ccpu='' cnote='' cobj='' cdone=0
    if [ "$NO_CBC" != 1 ] && "$SYMNET" export "$region" --mps "$mps" >"$WORK/$name.export.log" 2>&1; then
        echo "run.sh: $name: cbc (limit ${TIME_LIMIT}s)" >&2
        T=$WORK/$name.cbc.time
        timed cbc "$mps" timeMode elapsed sec "$TIME_LIMIT" solve >"$WORK/$name.cbc.log" 2>&1
        if grep -q 'errors on input\|Current model not valid' "$WORK/$name.cbc.log"; then
            cnote="cbc could not read the MPS"
        else
            ctime=$(sed -n 's/.*(Wallclock seconds):[ ]*\([0-9.]*\).*/\1/p' "$WORK/$name.cbc.log" | tail -n 1)
            ccpu=$(cut -d' ' -f2 "$T")
            cobj=$(sed -n 's/^Objective value:[ ]*\([-0-9.eE+]*\).*/\1/p' "$WORK/$name.cbc.log" | tail -n 1)
            if grep -q '^Result - Optimal solution found' "$WORK/$name.cbc.log"; then
                cdone=1
            else
                cnote=" (limit)"
            fi
        fi
    elif [ "$NO_CBC" != 1 ]; then
        cnote="export failed"
    fi

    awk -v name="$name" -v pub="$pub" -v tol="$abstol" -v status="$status" -v obj="$obj" \
        -v gap="$gap" -v st="$stime" -v ct="$ctime" -v cnote="$cnote" -v cobj="$cobj" \
        -v sc="$scpu" -v cc="$ccpu" \
        -v cdone="$cdone" -v limit="$TIME_LIMIT" '
    BEGIN {
        num = (obj != "" && obj != "null" && obj !~ /nan/)
        sym = num ? sprintf("%.10g", obj) : "-"
        if (status == "feasible" && gap != "") sym = sym sprintf(" (limit, gap %.3g%%)", 100 * gap)
        else if (status != "optimal") sym = sym " (" status ")"
        match_ = "no"
        if (pub == "") match_ = "n/a"
        else if (num && status == "optimal") {
            d = obj - pub; if (d < 0) d = -d
            t = 1e-6 * (pub < 0 ? -pub : pub); if (tol + 0 > t) t = tol + 0
            match_ = d <= t ? "yes" : sprintf("no (off by %.6g)", obj - pub)
        } else if (num) match_ = "unfinished"
        sts = st != "" ? sprintf("%.2f s", st) : "-"
        if (st != "" && sc != "") sts = sts sprintf(" (CPU %.2f)", sc)
        cts = ct != "" ? sprintf("%.2f s", ct) : "-"
        if (ct != "" && cc != "") cts = cts sprintf(" (CPU %.2f)", cc)
        cts = ct != "" ? cts cnote : (cnote != "" ? cnote : "-")
        # the ratio compares CPU seconds when both are known, wall clock otherwise
        if (sc != "" && cc != "" && st != "" && ct != "") { st = sc; ct = cc }
        cbad = 0
        if (cdone && pub != "" && cobj != "") {
            d = cobj - pub; if (d < 0) d = -d
            t = 1e-6 * (pub < 0 ? -pub : pub); if (tol + 0 > t) t = tol + 0
            if (d > t) { cts = cts sprintf(" (CBC optimum %.10g!)", cobj); cbad = 1 }
        }
        ratio = "-"
        if (st != "" && ct != "" && ct + 0 > 0) {
            # a run stopped by the limit took at least that long: the ratio is a bound
            if (status != "optimal" && cdone) ratio = sprintf("> %.2f", st / ct)
            else if (status == "optimal" && !cdone) ratio = sprintf("< %.2f", st / ct)
            else if (status == "optimal") ratio = sprintf("%.2f", st / ct)
        }
        printf "| %s | %s | %s | %s | %s | %s | %s |\n", name, pub == "" ? "?" : pub, sym, match_, sts, cts, ratio
        exit (!cbad && (match_ == "yes" || match_ == "n/a" || match_ == "unfinished")) ? 0 : 1
    }' >>"$ROWS" || FAILED=1
}

for f in "$DATA"/orlib-cap/*.txt; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .txt)
    wanted "$n" && run_one cap2region "$f" "$n"
done
for f in "$DATA"/fcnetlib/*.inc; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .inc)
    wanted "$n" && run_one fcnf2region "$f" "$n"
done
for f in "$DATA"/fctp/*.dat; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .dat)
    wanted "$n" && run_one fctp2region "$f" "$n"
done

TABLE=$WORK/table.md
{
    echo "| instance | published | symnet | match | symnet time | CBC time | ratio |"
    echo "|---|---|---|---|---|---|---|"
    cat "$ROWS"
} >"$TABLE"
echo "Time limit ${TIME_LIMIT} s (wall clock) per solve; ratio = symnet CPU time / CBC CPU time (CBC on the MPS exported by symnet)."
echo
cat "$TABLE"

# The section of RESULTS, rewritten only after a full run.
if [ -z "$ONLY" ] && [ "$RESULTS" != none ]; then
    cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
    rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    dirty=$(git status --porcelain --untracked-files=no 2>/dev/null | head -n 1)
    cbcv=$( [ "$NO_CBC" = 1 ] && echo "not run" || (cbc -quit 2>/dev/null | sed -n 's/^Version: *\([^ ]*\).*/\1/p' | head -n 1))
    SECTION=$WORK/section.md
    {
        echo "<!-- classics:begin -->"
        echo "## Classic benchmarks with published optima (make bench-classics)"
        echo
        echo "Written by bench/classics/run.sh on $(date -u '+%Y-%m-%d %H:%M UTC'), symnet $rev${dirty:+ (with local changes)},"
        echo "GLPK $(glpsol --version 2>/dev/null | sed -n 's/.*GLPK.* \([0-9][0-9.]*\)$/\1/p' | head -n 1), CBC ${cbcv:-unknown};"
        echo "$(uname -sm), ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') cores."
        echo "The machine is shared with other jobs while this runs, so times are noisy (easily"
        echo "+-30 %, more when a solver gets only part of a core); compare ratios, not seconds."
        echo "Time limit ${TIME_LIMIT} s of wall clock per solve, symnet and CBC alike. symnet time is its"
        echo "solve time (solution \`time_s\`), CBC time its wall clock on the MPS that \`symnet export\`"
        echo "writes for the same region (same model, same constants); (CPU x) is the CPU time of the"
        echo "whole process (user + system), and the ratio is symnet CPU / CBC CPU."
        echo "match: |symnet - published| <= max(1e-6 |published|, the set's absolute tolerance: 1e-3 for"
        echo "cap); instances stopped by the limit show the gap, and their ratio is a bound."
        echo "What made the FCNetLib instances provable (LP bounds, formulations, cuts):"
        echo "bench/classics/README.md."
        echo
        cat "$TABLE"
        echo "<!-- classics:end -->"
    } >"$SECTION"
    if [ -f "$RESULTS" ] && grep -q '^<!-- classics:begin -->$' "$RESULTS" && grep -q '^<!-- classics:end -->$' "$RESULTS"; then
        awk -v sec="$SECTION" '
            /^<!-- classics:begin -->$/ { while ((getline l < sec) > 0) print l; skip = 1; next }
            /^<!-- classics:end -->$/ { skip = 0; next }
            !skip { print }' "$RESULTS" >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
    elif [ -f "$RESULTS" ]; then
        { echo; cat "$SECTION"; } >>"$RESULTS"
    else
        { echo "# symnet benchmark results"; echo; cat "$SECTION"; } >"$RESULTS"
    fi
    echo "run.sh: wrote the table into $RESULTS" >&2
fi
exit $FAILED
