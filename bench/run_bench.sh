#!/bin/sh
# run_bench.sh - the symnet benchmark harness (issue 4): symnet against CBC and plain glpsol
# on generated regions (bench/gen), same time limit and gap target for all three.
#
#   bench/run_bench.sh [--quick | --full | --smoke] [--sizes "S M"] [--seeds "1 2 3"]
#                      [--results FILE]
#
#   --full    sizes S M L XL, seeds 1 2 3 (make bench; the default)
#   --quick   sizes S M, seeds 1 2, time limit 25 s (make bench-quick: about 4 minutes)
#   --smoke   one S region (seed 1), time limit 10 s: checks that the generator, the three
#             solvers and the table work; results go to build/bench/smoke/, not bench/
#
# Time limit and gap target per size (the targets of issue 4), the same for every solver:
#   S 120 s, gap 1e-4;  M 300 s, gap 1e-4;  L 120 s, gap 1e-3;  XL 600 s, gap 1e-2.
# Environment: TIME_LIMIT (s, integer) and GAP (relative) override them for every size;
# SOLVERS (default "symnet cbc glpsol") runs only those (a symnet-only XL run takes 10 minutes
# instead of 30; the ratio table needs all three); SYMNET (default build/symnet), GEN (default
# build/bench/gen), BENCH_DIR (default build/bench).
#
# Per region: `symnet check`; `symnet export --mps` (the model the other two solve);
# `symnet solve` (its progress log gives the time to the first network, its solution the
# solve time, hence the share of building); `cbc MPS timeMode elapsed sec T ratio G solve`;
# `glpsol --freemps MPS --tmlim T --mipgap G`. Each run is timed with /usr/bin/time -v (peak
# memory) and a nanosecond clock (wall). Solvers run one after the other, never concurrently.
# The results are written between the markers <!-- generated:begin --> and
# <!-- generated:end --> of bench/RESULTS.md; the rest of that file is left as it is.
#
# Exit status: 0 all well; 1 a consistency failure (two solvers proved different optima, a
# network beats a proven optimum, a bound exceeds one, a solver failed, or in --smoke a solver
# found no network); 2 usage or missing tools.
set -u

die() {
    echo "run_bench: $*" >&2
    exit 2
}

ROOT=$(cd "$(dirname "$0")/.." && pwd) || die "cannot find the repository root"
SYMNET=${SYMNET:-$ROOT/build/symnet}
GEN=${GEN:-$ROOT/build/bench/gen}
BENCH_DIR=${BENCH_DIR:-$ROOT/build/bench}
GAP_ENV=${GAP:-}
TL_ENV=${TIME_LIMIT:-}
SOLVERS=${SOLVERS:-symnet cbc glpsol}
for s in $SOLVERS; do
    case $s in symnet | cbc | glpsol) ;; *) die "SOLVERS: expected symnet, cbc or glpsol, got $s" ;; esac
done
uses() { # uses SOLVER: true when SOLVERS lists it
    case " $SOLVERS " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

mode=full
sizes=
seeds=
results=
while [ $# -gt 0 ]; do
    case $1 in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --smoke) mode=smoke ;;
    --sizes) [ $# -ge 2 ] || die "--sizes needs a value"; sizes=$2; shift ;;
    --seeds) [ $# -ge 2 ] || die "--seeds needs a value"; seeds=$2; shift ;;
    --results) [ $# -ge 2 ] || die "--results needs a value"; results=$2; shift ;;
    -h | --help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (try --help)" ;;
    esac
    shift
done

case $mode in
quick) : "${sizes:=S M}" "${seeds:=1 2}" "${TL_ENV:=25}" "${results:=$ROOT/bench/RESULTS.md}" ;;
full) : "${sizes:=S M L XL}" "${seeds:=1 2 3}" "${results:=$ROOT/bench/RESULTS.md}" ;;
smoke) : "${sizes:=S}" "${seeds:=1}" "${TL_ENV:=10}" "${results:=$BENCH_DIR/smoke/RESULTS.md}" ;;
esac
sizes=$(echo "$sizes" | tr ',' ' ')
seeds=$(echo "$seeds" | tr ',' ' ')
for s in $sizes; do
    case $s in S | M | L | XL) ;; *) die "--sizes: expected S, M, L or XL, got $s" ;; esac
done
for s in $seeds; do
    case $s in '' | *[!0-9]*) die "--seeds: expected unsigned integers, got $s" ;; esac
done
case $TL_ENV in *[!0-9]* | 0) die "TIME_LIMIT: expected a positive integer (s), got $TL_ENV" ;; esac
[ -z "$GAP_ENV" ] || awk -v g="$GAP_ENV" 'BEGIN { exit !(g ~ /^[0-9.eE+-]+$/ && g + 0 >= 0 && g + 0 < 1) }' ||
    die "GAP: expected a number in [0, 1), got $GAP_ENV"

# size_limits SIZE: sets N (facilities), TIME_LIMIT and GAP for one size.
size_limits() {
    case $1 in
    S) N=50 TIME_LIMIT=120 GAP=1e-4 ;;
    M) N=200 TIME_LIMIT=300 GAP=1e-4 ;;
    L) N=1000 TIME_LIMIT=120 GAP=1e-3 ;;
    XL) N=3000 TIME_LIMIT=600 GAP=1e-2 ;;
    esac
    [ -n "$TL_ENV" ] && TIME_LIMIT=$TL_ENV
    [ -n "$GAP_ENV" ] && GAP=$GAP_ENV
    HARD=$((TIME_LIMIT * 2 + 60)) # hard stop for a solver that ignores its limit
}

# ---- tools ------------------------------------------------------------------------------
[ -x "$SYMNET" ] || die "$SYMNET not found: run 'make build/symnet' first"
[ -x "$GEN" ] || die "$GEN not found: run 'make build/bench/gen' first"
command -v cbc >/dev/null 2>&1 || die "cbc not found: apt-get install coinor-cbc"
command -v glpsol >/dev/null 2>&1 || die "glpsol not found: apt-get install glpk-utils"
[ -x /usr/bin/time ] || die "/usr/bin/time not found: apt-get install time"
command -v timeout >/dev/null 2>&1 || die "timeout (coreutils) not found"
HAVE_JQ=0
command -v jq >/dev/null 2>&1 && HAVE_JQ=1

RUN_DIR=$BENCH_DIR/runs
REG_DIR=$BENCH_DIR/regions
[ "$mode" = smoke ] && RUN_DIR=$BENCH_DIR/smoke/runs && REG_DIR=$BENCH_DIR/smoke/regions
mkdir -p "$RUN_DIR" "$REG_DIR" "$(dirname "$results")" || die "cannot create $BENCH_DIR"
# The smoke run writes its own results file with text outside the markers, which must survive.
if [ "$mode" = smoke ]; then
    printf '# smoke\n\n<!-- generated:begin -->\nold\n<!-- generated:end -->\n\nkept: outside the markers\n' \
        >"$results" || die "cannot write $results"
fi
TSV=$RUN_DIR/results.tsv
: >"$TSV"
FAIL=$RUN_DIR/failures.txt
: >"$FAIL"

now_ns() {
    date +%s%N
}

# Elapsed seconds between two now_ns readings.
secs() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}

# CPU seconds (user + system) from a /usr/bin/time -v report.
cpu_s() {
    awk -F': *' '/User time \(seconds\)|System time \(seconds\)/ { t += $2; found = 1 }
         END { if (found) printf "%.2f", t; else print "-" }' "$1"
}

# Peak resident memory in MB from a /usr/bin/time -v report.
peak_mb() {
    awk '/Maximum resident set size/ { printf "%.1f", $NF / 1024; found = 1 }
         END { if (!found) print "-" }' "$1"
}

# A top-level number or string of a symnet solution file.
json_top() {
    if [ "$HAVE_JQ" = 1 ]; then
        jq -r --arg k "$2" '.[$k] // "-" | tostring' "$1" 2>/dev/null || echo -
    else
        # The solution writer puts each top-level key on its own line, indented two spaces.
        sed -n "s/^  \"$2\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$1" | head -n 1 |
            awk '{ print ($0 == "" || $0 == "null") ? "-" : $0 }
                 END { if (NR == 0) print "-" }'
    fi
}

# Relative gap as GLPK defines it: |obj - bound| / (|obj| + eps); "-" when unknown.
rel_gap() {
    awk -v z="$1" -v b="$2" 'BEGIN {
        if (z == "-" || b == "-") { print "-"; exit }
        d = z - b; if (d < 0) d = -d; a = z < 0 ? -z : z
        printf "%.3g", d / (a + 2.220446e-16) }'
}

# One TSV row: instance size seed solver status wall objective bound gap peak exit extra,
# then the time limit and the gap target of the run and the CPU seconds of the last timed run.
row() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" \
        "$TIME_LIMIT" "$GAP" "$T_CPU" >>"$TSV"
}

fail() {
    echo "run_bench: FAIL: $*" >&2
    echo "$*" >>"$FAIL"
}

# timed NAME DIR CMD...: runs CMD with /usr/bin/time -v, output to DIR/NAME.log; sets
# T_WALL, T_PEAK, T_EXIT.
timed() {
    _name=$1 _dir=$2
    shift 2
    _t0=$(now_ns)
    timeout -k 10 "$HARD" /usr/bin/time -v -o "$_dir/$_name.time" "$@" >"$_dir/$_name.log" 2>&1
    T_EXIT=$?
    _t1=$(now_ns)
    T_WALL=$(secs "$_t0" "$_t1")
    T_PEAK=$(peak_mb "$_dir/$_name.time")
    T_CPU=$(cpu_s "$_dir/$_name.time")
    [ "$T_EXIT" = 124 ] && echo "run_bench: $_name killed after ${HARD} s (hard limit)" >&2
}

# ---- solvers ----------------------------------------------------------------------------

run_symnet() { # inst size seed dir region
    _sol=$4/symnet.sol.json
    rm -f "$_sol"
    timed symnet "$4" "$SYMNET" solve "$5" --out "$_sol" --time-limit "$TIME_LIMIT" \
        --gap "$GAP"
    st=- obj=- bnd=- tsolve=-
    # First progress line with a network: "  ELAPSED s  best OBJ ..." (solver clock).
    first=$(awk '$2 == "s" && $3 == "best" { print $1; exit }' "$4/symnet.log")
    case $T_EXIT in
    0 | 6 | 7)
        if [ -f "$_sol" ]; then
            st=$(json_top "$_sol" status)
            obj=$(json_top "$_sol" objective)
            bnd=$(json_top "$_sol" bound)
            tsolve=$(json_top "$_sol" time_s)
        else
            st=no_solution
        fi
        ;;
    4) st=infeasible ;;
    *)
        st=error
        fail "$1: symnet solve exited with $T_EXIT (see $4/symnet.log)"
        ;;
    esac
    row "$1" "$2" "$3" symnet "$st" "$T_WALL" "$obj" "$bnd" "$(rel_gap "$obj" "$bnd")" \
        "$T_PEAK" "$T_EXIT" "solve_s=$tsolve first_s=${first:--}"
}

run_cbc() { # inst size seed dir mps
    timed cbc "$4" cbc "$5" timeMode elapsed sec "$TIME_LIMIT" ratio "$GAP" solve
    _log=$4/cbc.log
    st=$(awk '/^Result - / {
            if ($0 ~ /Optimal solution found/) s = "optimal"
            else if ($0 ~ /infeasible/) s = "infeasible"
            else if ($0 ~ /Stopped/) s = "stopped"
            else s = "unknown" }
          END { print (s == "" ? "error" : s) }' "$_log")
    obj=$(awk '/^Objective value:/ { v = $3 } END { print (v == "" || v + 0 >= 1e49 ? "-" : v) }' "$_log")
    bnd=$(awk '/^Lower bound:/ { v = $3 } END { print (v == "" ? "-" : v) }' "$_log")
    if [ "$st" = stopped ]; then
        if [ "$obj" = - ]; then st=no_solution; else st=feasible; fi
    fi
    [ "$st" = optimal ] && [ "$bnd" = - ] && bnd=$obj
    if [ "$st" = error ] || [ "$st" = unknown ] || [ "$T_EXIT" != 0 ]; then
        fail "$1: cbc ended with exit $T_EXIT and no recognised result (see $_log)"
        st=error
    fi
    row "$1" "$2" "$3" cbc "$st" "$T_WALL" "$obj" "$bnd" "$(rel_gap "$obj" "$bnd")" \
        "$T_PEAK" "$T_EXIT" "-"
}

run_glpsol() { # inst size seed dir mps
    _sol=$4/glpsol.sol
    rm -f "$_sol"
    timed glpsol "$4" glpsol --freemps "$5" --tmlim "$TIME_LIMIT" --mipgap "$GAP" -w "$_sol"
    _log=$4/glpsol.log
    # "s mip ROWS COLS STATUS OBJ" (glp_write_mip): o optimal, f feasible, n none, u undefined
    set -- "$1" "$2" "$3" "$4" "$5" \
        "$(awk '$1 == "s" && $2 == "mip" { print $5; exit }' "$_sol" 2>/dev/null)" \
        "$(awk '$1 == "s" && $2 == "mip" { print $6; exit }' "$_sol" 2>/dev/null)"
    case $6 in
    o) st=optimal ;;
    f) st=feasible ;;
    n) st=infeasible ;;
    *) st=no_solution ;;
    esac
    obj=-
    case $6 in o | f) obj=$7 ;; esac
    # The gap tolerance stops glpsol with a "feasible" MIP status: that is a proof within GAP.
    grep -q 'RELATIVE MIP GAP TOLERANCE REACHED' "$_log" && [ "$st" = feasible ] && st=optimal
    grep -q 'PROBLEM HAS NO .*FEASIBLE SOLUTION' "$_log" && st=infeasible
    # Best bound: the last progress line "+ ITER: mip = OBJ >= BOUND GAP (OPEN; DONE)".
    bnd=$(awk '$1 == "+" && /mip =/ {
            for (i = 1; i < NF; i++) if ($i == "mip" && $(i + 1) == "=") break
            if ($(i + 2) == "not") b = $(i + 6)
            else if ($(i + 4) == "tree") b = $(i + 2)
            else b = $(i + 4) }
          END { print (b == "" || b ~ /inf/ ? "-" : b) }' "$_log")
    if [ "$T_EXIT" != 0 ]; then
        fail "$1: glpsol exited with $T_EXIT (see $_log)"
        st=error
    fi
    row "$1" "$2" "$3" glpsol "$st" "$T_WALL" "$obj" "$bnd" "$(rel_gap "$obj" "$bnd")" \
        "$T_PEAK" "$T_EXIT" "-"
}

# ---- the runs ---------------------------------------------------------------------------

echo "run_bench: $mode: sizes $sizes, seeds $seeds" >&2
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
limits=
for size in $sizes; do
    size_limits "$size"
    limits="$limits${limits:+; }$size ($N facilities): ${TIME_LIMIT} s, gap $GAP"
    for seed in $seeds; do
        inst=$size-$seed
        dir=$RUN_DIR/$inst
        region=$REG_DIR/$inst.json
        mps=$dir/model.mps
        mkdir -p "$dir" || die "cannot create $dir"
        "$GEN" --size "$size" --seed "$seed" -o "$region" || die "gen failed for $inst"
        if ! "$SYMNET" check "$region" >"$dir/check.log" 2>&1; then
            cat "$dir/check.log" >&2
            die "$region: generated region fails 'symnet check' (a bug in bench/gen.c)"
        fi
        echo "run_bench: $inst ($N facilities, ${TIME_LIMIT} s, gap $GAP): export" >&2
        rm -f "$mps"
        timed export "$dir" "$SYMNET" export "$region" --mps "$mps"
        if [ "$T_EXIT" != 0 ] || [ ! -s "$mps" ]; then
            fail "$inst: symnet export exited with $T_EXIT (see $dir/export.log)"
            continue
        fi
        dims=$(awk '/^\* Rows:/ { r = $3 } /^\* Columns:/ { c = $3; i = $4; sub(/\(/, "", i) }
                    /^\* Non-zeros:/ { nz = $3 }
                    END { printf "%s rows, %s cols (%s int), %s nz", r, c, i, nz }' "$mps")
        row "$inst" "$size" "$seed" export ok "$T_WALL" - - - "$T_PEAK" "$T_EXIT" "$dims"
        echo "run_bench: $inst: $dims" >&2
        if uses symnet; then
            echo "run_bench: $inst: symnet" >&2
            run_symnet "$inst" "$size" "$seed" "$dir" "$region"
        fi
        if uses cbc; then
            echo "run_bench: $inst: cbc" >&2
            run_cbc "$inst" "$size" "$seed" "$dir" "$mps"
        fi
        if uses glpsol; then
            echo "run_bench: $inst: glpsol" >&2
            run_glpsol "$inst" "$size" "$seed" "$dir" "$mps"
        fi
    done
done

# ---- consistency: proven optima agree, no network beats a proof, no bound exceeds one ----
awk -F'\t' '
    function abs(x) { return x < 0 ? -x : x }
    function max3(a, b, c) { m = abs(a); if (abs(b) > m) m = abs(b); if (c > m) m = c; return m }
    $4 != "export" { k = $1 SUBSEP $4; st[k] = $5; obj[k] = $7; bnd[k] = $8; gp[$1] = $14
                     if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
                     sol[$1] = sol[$1] " " $4 }
    END {
        split("symnet cbc glpsol", S, " ")
        for (i = 1; i <= n; i++) {
            in_ = order[i]; gap = gp[in_]
            for (a = 1; a <= 3; a++) {
                ka = in_ SUBSEP S[a]
                if (!(ka in st)) continue
                for (b = 1; b <= 3; b++) {
                    if (a == b) continue
                    kb = in_ SUBSEP S[b]
                    if (!(kb in st)) continue
                    if (st[ka] == "optimal") {
                        za = obj[ka] + 0
                        if (st[kb] == "optimal" && a < b) {
                            zb = obj[kb] + 0
                            tol = (1e-6 + 2 * gap) * max3(za, zb, 1)
                            if (abs(za - zb) > tol)
                                printf "%s: %s and %s both proved optimality but objectives differ: %.10g vs %.10g (tolerance %.3g)\n", in_, S[a], S[b], za, zb, tol
                        }
                        if ((st[kb] == "feasible" || st[kb] == "optimal") && obj[kb] != "-") {
                            zb = obj[kb] + 0; tol = (1e-6 + 2 * gap) * max3(za, zb, 1)
                            if (zb < za - tol)
                                printf "%s: %s found a network of cost %.10g below the optimum %.10g that %s proved\n", in_, S[b], zb, za, S[a]
                        }
                        if (bnd[kb] != "-") {
                            bb = bnd[kb] + 0; tol = (1e-6 + 2 * gap) * max3(za, bb, 1)
                            if (bb > za + tol)
                                printf "%s: %s reports a lower bound %.10g above the optimum %.10g that %s proved\n", in_, S[b], bb, za, S[a]
                        }
                    }
                    if (st[ka] == "infeasible" && (st[kb] == "feasible" || st[kb] == "optimal"))
                        printf "%s: %s says infeasible but %s found a network\n", in_, S[a], S[b]
                }
            }
        }
    }' "$TSV" >"$RUN_DIR/mismatch.txt"
while IFS= read -r line; do
    fail "MISMATCH $line"
done <"$RUN_DIR/mismatch.txt"

# ---- tables -----------------------------------------------------------------------------

# Per-run table (markdown). For symnet: the share of the wall time spent outside the solver
# (reading, building the model, checking and writing the answer) and the time to its first
# network (build time plus the solver clock of its first progress line with a network).
run_table() {
    awk -F'\t' '
        function num(x) { return x == "-" ? "-" : sprintf("%.6g", x) }
        BEGIN {
            print "| instance | model | solver | status | time to proof, or gap at the limit | best objective (EUR/yr) | bound | peak MB | symnet: build share, first network |"
            print "|---|---|---|---|---|---:|---:|---:|---|"
        }
        $4 == "export" { dims[$1] = $12; next }
        {
            res = "-"
            if ($5 == "optimal") res = sprintf("%.2f s (CPU %s s)", $6, $15)
            else if ($5 == "feasible") res = sprintf("gap %.2g%% at %d s (CPU %s s)", $9 * 100, $13, $15)
            else if ($5 == "no_solution") res = sprintf("no network at %d s", $13)
            else res = $5
            extra = "-"
            if ($4 == "symnet" && split($12, kv, " ") == 2 && kv[1] ~ /^solve_s=[0-9]/) {
                ts = substr(kv[1], 9) + 0; fs = substr(kv[2], 9)
                b = $6 - ts; if (b < 0) b = 0
                extra = sprintf("%.1f%% (%.2f s), %s", $6 > 0 ? 100 * b / $6 : 0, b, \
                                fs == "-" ? "none" : sprintf("%.1f s", b + fs))
            }
            d = ($4 == "symnet") ? dims[$1] : ""
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, d, $4, $5, res, num($7), num($8), $10, extra
        }' "$TSV"
}

# Ratios of wall times, per instance and per size (geometric means). Times at the limit are
# counted as the limit, so a ratio involving an unfinished run is a bound, marked > or <.
ratio_table() {
    awk -F'\t' '
        function r(a, b) { return (b > 0) ? a / b : 0 }
        function mark(sa, sb) { if (sa != "optimal" && sb == "optimal") return ">"
                                if (sa == "optimal" && sb != "optimal") return "<"
                                if (sa != "optimal" && sb != "optimal") return "~"
                                return "" }
        function tcap(t, s, l) { return (s == "optimal" || t < l) ? t : l }
        function g(x) { return x == "-" ? "-" : sprintf("%.2g%%", 100 * x) }
        $4 != "export" { k = $1 SUBSEP $4; st[k] = $5; t[k] = $6 + 0; gp[k] = $9; tl[$1] = $13; cp[k] = $15
                         if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1; sz[$1] = $2 } }
        END {
            print "| instance | symnet s | CBC s | glpsol s | symnet/CBC | symnet/glpsol | gap at the limit: symnet / CBC / glpsol |"
            print "|---|---:|---:|---:|---:|---:|---|"
            for (i = 1; i <= n; i++) {
                in_ = order[i]; s = sz[in_]; l = tl[in_]
                ks = in_ SUBSEP "symnet"; kc = in_ SUBSEP "cbc"; kg = in_ SUBSEP "glpsol"
                if (!(ks in st) || !(kc in st) || !(kg in st)) continue
                ts = tcap(t[ks], st[ks], l); tc = tcap(t[kc], st[kc], l); tg = tcap(t[kg], st[kg], l)
                rc = r(ts, tc); rg = r(ts, tg)
                gl = (st[ks] == "optimal" && st[kc] == "optimal" && st[kg] == "optimal") ? "-" : \
                     sprintf("%s / %s / %s", st[ks] == "optimal" ? "proved" : g(gp[ks]), \
                             st[kc] == "optimal" ? "proved" : g(gp[kc]), st[kg] == "optimal" ? "proved" : g(gp[kg]))
                printf "| %s | %.2f%s | %.2f%s | %.2f%s | %s%.2f | %s%.2f | %s |\n", in_, \
                    ts, st[ks] == "optimal" ? "" : "*", tc, st[kc] == "optimal" ? "" : "*", \
                    tg, st[kg] == "optimal" ? "" : "*", mark(st[ks], st[kc]), rc, mark(st[ks], st[kg]), rg, gl
                if (!(s in cnt)) { sizes[++ns] = s }
                cnt[s]++
                if (rc > 0) { lc[s] += log(rc); nc[s]++ }
                if (st[ks] == "optimal" && st[kc] == "optimal" && cp[ks] > 0 && cp[kc] > 0) {
                    lcp[s] += log(cp[ks] / cp[kc]); ncp[s]++ }
                if (rg > 0) { lg[s] += log(rg); ng[s]++ }
                l1s[s] += log(ts + 1); l1c[s] += log(tc + 1); l1g[s] += log(tg + 1)
                solved[s] = solved[s] + (st[ks] == "optimal")
                solvc[s] = solvc[s] + (st[kc] == "optimal")
                solvg[s] = solvg[s] + (st[kg] == "optimal")
            }
            print ""
            print "| size | regions | proved: symnet / CBC / glpsol | shifted geomean s (shift 1): symnet / CBC / glpsol | geomean symnet/CBC | geomean symnet/glpsol | geomean symnet/CBC in CPU s, both proved |"
            print "|---|---:|---|---|---:|---:|---:|"
            for (j = 1; j <= ns; j++) {
                s = sizes[j]; c = cnt[s]
                printf "| %s | %d | %d / %d / %d | %.2f / %.2f / %.2f | %s | %s | %s |\n", s, c, \
                    solved[s], solvc[s], solvg[s], \
                    exp(l1s[s] / c) - 1, exp(l1c[s] / c) - 1, exp(l1g[s] / c) - 1, \
                    nc[s] ? sprintf("%.2f", exp(lc[s] / nc[s])) : "-", \
                    ng[s] ? sprintf("%.2f", exp(lg[s] / ng[s])) : "-", \
                    ncp[s] ? sprintf("%.2f (%d)", exp(lcp[s] / ncp[s]), ncp[s]) : "-"
            }
        }' "$TSV"
}

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
glpv=$(glpsol --version 2>/dev/null | head -n 1)
cbcv=$(cbc -quit 2>/dev/null | awk '/^Version:/ { print $2; exit }')
symv=$("$SYMNET" version 2>/dev/null | head -n 1)
ccv=$(${CC:-cc} --version 2>/dev/null | head -n 1)

section=$RUN_DIR/section.md
{
    echo "<!-- generated:begin -->"
    echo "## Generated regions: symnet against CBC and glpsol"
    echo
    echo "Written by \`bench/run_bench.sh --$mode\` (\`make bench\`, \`make bench-quick\`; method in"
    echo "bench/README.md). Every number in this section was measured by that run; rerun it to"
    echo "reproduce. Wall times include reading the input: the region JSON and building the model for"
    echo "symnet, the MPS file written by \`symnet export\` for CBC and glpsol."
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: $(nproc) CPUs ($cpu), $mem RAM, $(uname -sr); load average at start ${LOAD0:-?}, at end $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (a shared machine stretches wall times: compare CPU seconds too)"
    echo "- symnet: ${symv:-?} ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD -- src include 2>/dev/null || echo ', with uncommitted changes')); compiler: ${ccv:-?}"
    echo "- CBC: ${cbcv:-?} (Debian coinor-cbc, one thread); glpsol: ${glpv:-?} (default options)"
    echo "- regions: bench/gen, sizes $sizes, seeds $seeds; solvers: $SOLVERS"
    echo "- time limit and relative gap target, the same for every solver: $limits"
    echo
    echo "### Runs"
    echo
    run_table
    echo
    echo "### Ratios"
    echo
    echo "Wall-time ratios, below 1 means symnet is faster. \`*\`: stopped at the time limit (counted"
    echo "as the limit); \`>\`/\`<\`: the ratio is a lower/upper bound because only one side finished;"
    echo "\`~\`: neither finished (compare the gaps)."
    echo
    ratio_table
    echo
    echo "### Consistency"
    echo
    if [ -s "$RUN_DIR/mismatch.txt" ]; then
        sed 's/^/- MISMATCH: /' "$RUN_DIR/mismatch.txt"
    else
        echo "No two solvers disagree: every pair of proofs of optimality agrees within 1e-6 relative"
        echo "plus twice the gap target, no network beats a proven optimum and no bound exceeds one."
    fi
    echo "<!-- generated:end -->"
} >"$section" || die "cannot write $section"

# Splice the section into the results file, leaving everything outside the markers alone.
tmp=$results.tmp
if [ -f "$results" ] && grep -q '^<!-- generated:begin -->' "$results" &&
    grep -q '^<!-- generated:end -->' "$results"; then
    awk -v sec="$section" '
        /^<!-- generated:begin -->/ { while ((getline l < sec) > 0) print l; skip = 1; next }
        /^<!-- generated:end -->/ { skip = 0; next }
        !skip' "$results" >"$tmp"
elif [ -f "$results" ]; then
    { cat "$results"; echo; cat "$section"; } >"$tmp"
else
    { echo "# symnet benchmark results"; echo; cat "$section"; } >"$tmp"
fi
[ $? = 0 ] && mv "$tmp" "$results" || die "cannot write $results"

cat "$section"
echo >&2
echo "run_bench: results in $results; logs, models and solutions in $RUN_DIR" >&2

if [ "$mode" = smoke ]; then
    awk -F'\t' '$4 != "export" && ($7 == "-" || ($5 != "optimal" && $5 != "feasible")) {
        printf "smoke: %s found no network on %s (status %s)\n", $4, $1, $5; bad = 1 }
        END { exit bad }' "$TSV" >>"$FAIL" || true
    n=$(awk -F'\t' '$4 != "export"' "$TSV" | wc -l)
    [ "$n" -eq 3 ] || echo "smoke: expected 3 solver runs, got $n" >>"$FAIL"
    grep -q '^| instance | model | solver | status' "$results" || echo "smoke: no table in $results" >>"$FAIL"
    grep -q '^kept: outside the markers$' "$results" ||
        echo "smoke: the text outside the generated markers of $results was not kept" >>"$FAIL"
fi

if [ -s "$FAIL" ]; then
    echo "run_bench: FAILED:" >&2
    sed 's/^/  /' "$FAIL" >&2
    exit 1
fi
echo "run_bench: ok" >&2
exit 0
