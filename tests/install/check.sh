#!/bin/sh
# tests/install/check.sh - `make install` and `make uninstall` as a user meets them (issue 13;
# `make install-check`, part of `make test`). Run from the repository root by the Makefile with
# BUILD (the build directory) and MAKE set.
#
# 1. Installs into a temporary PREFIX, builds tests/install/embed.c against the installed
#    library through `pkg-config --cflags --libs symnet` (PKG_CONFIG_PATH pointing there), runs
#    it with LD_LIBRARY_PATH on instances/tutorial.json and checks the optimum of docs/format.md
#    "Worked example" (262,568.59 EUR/yr) and both links; then the same program linked
#    statically through `pkg-config --static` (Libs.private), and README.md's accessor example
#    ("Installing") in a main that solves the tutorial. Checks the soname and its links,
#    that the shared library exports only sn_ symbols, the installed binary, the manual page and
#    the docs.
# 2. Installs with DESTDIR=STAGE PREFIX=/usr/local: exactly the expected files, under STAGE only,
#    with /usr/local in symnet.pc; then `make uninstall` with the same variables leaves no file.
set -eu
: "${BUILD:=build}" "${MAKE:=make}"
fail() { echo "install-check: $*" >&2; exit 1; }
tmp=$(mktemp -d /tmp/symnet-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
version=$(sed -n 's/^#define SN_VERSION "\(.*\)"/\1/p' include/symnet.h)
major=${version%%.*}
mk() { $MAKE --no-print-directory -s BUILD="$BUILD" "$@" >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; fail "make $*"; }; }

# ---- 1. a temporary prefix, used through pkg-config ----------------------------------------
prefix=$tmp/prefix
lib=$prefix/lib
mk install PREFIX="$prefix"
export PKG_CONFIG_PATH="$lib/pkgconfig"
[ "$(pkg-config --modversion symnet)" = "$version" ] || fail "pkg-config --modversion symnet is not $version"
cc -std=c11 -Wall -Wextra -Wpedantic -Werror -o "$tmp/embed" tests/install/embed.c \
    $(pkg-config --cflags --libs symnet) || fail "embed.c does not build against the installed library"
LD_LIBRARY_PATH=$lib ldd "$tmp/embed" | grep -q "libsymnet.so.$major => $lib/libsymnet.so.$major" ||
    fail "embed is not linked against $lib/libsymnet.so.$major"
LD_LIBRARY_PATH=$lib "$tmp/embed" instances/tutorial.json >"$tmp/out" || fail "embed failed: $(cat "$tmp/out")"
expect() {
    grep -qF "$1" "$tmp/out" || { cat "$tmp/out"; fail "${2:-embed} printed no '$1'"; }
}
expect "objective 262568.59 EUR/yr, bau 606400.00, savings 343831.41"
expect "link brewery/dairy_farm/spent_grain/truck: 1500 t, 10200.00/yr"
expect "link food_factory/greenhouse/heat/pipe: 6000 MWh, 165868.59/yr"
[ "$(grep -c '^link ' "$tmp/out")" = 2 ] || fail "embed printed other than two links"

# README.md's accessor example ("Installing"), inside a main that solves the tutorial
{
    printf '#include <stdio.h>\n#include <symnet.h>\n\nint main(void)\n{\n'
    printf '    sn_diag d;\n    sn_diag_init(&d);\n    sn_params p;\n    sn_params_init(&p);\n'
    printf '    sn_instance *in = NULL;\n    sn_result *r = NULL;\n'
    printf '    if (sn_instance_load_file("instances/tutorial.json", &in, &d) != SN_OK ||\n'
    printf '        sn_run(in, &p, &r, &d) != SN_OK)\n        return 1;\n'
    awk '/^## Installing/ { s = 1 } s && /^```c$/ { c = 1; next } c && /^```/ { exit } c' README.md
    printf '    sn_result_free(r);\n    sn_instance_free(in);\n    return 0;\n}\n'
} >"$tmp/readme.c"
grep -q sn_result_link "$tmp/readme.c" || fail "README.md's Installing section has no C example"
cc -std=c11 -Wall -Wextra -Werror -o "$tmp/readme" "$tmp/readme.c" $(pkg-config --cflags --libs symnet) ||
    fail "README.md's accessor example does not build (wrapped in $tmp/readme.c)"
LD_LIBRARY_PATH=$lib "$tmp/readme" >"$tmp/out" || fail "README.md's accessor example failed"
expect "262568.59 EUR/yr against 606400.00: 343831.41 saved, 2500000 capital, 1523.25 t CO2e avoided" README
expect "food_factory/greenhouse/heat/pipe: 6000 MWh, 165868.59/yr" README

# static: libsymnet.a with the private libraries pkg-config --static names
static_libs=$(pkg-config --static --libs symnet | sed "s|-lsymnet|$lib/libsymnet.a|")
cc -std=c11 -Wall -Werror -o "$tmp/embed-static" tests/install/embed.c \
    $(pkg-config --cflags symnet) $static_libs || fail "embed.c does not link with libsymnet.a: $static_libs"
! ldd "$tmp/embed-static" | grep -q libsymnet || fail "embed-static loads libsymnet.so"
"$tmp/embed-static" instances/tutorial.json >"$tmp/out" || fail "embed-static failed"
expect "objective 262568.59 EUR/yr" embed-static

# the shared library: soname, its links, only sn_ symbols exported
so=$lib/libsymnet.so.$version
readelf -d "$so" | grep -q "SONAME.*\[libsymnet.so.$major\]" || fail "$so has no soname libsymnet.so.$major"
[ "$(readlink "$lib/libsymnet.so.$major")" = "libsymnet.so.$version" ] || fail "libsymnet.so.$major does not point at libsymnet.so.$version"
[ "$(readlink "$lib/libsymnet.so")" = "libsymnet.so.$major" ] || fail "libsymnet.so does not point at libsymnet.so.$major"
bad=$(nm -D --defined-only "$so" | awk 'NF == 3 { print $3 }' | grep -v '^sn_' || true)
[ -z "$bad" ] || fail "libsymnet.so exports more than sn_ symbols: $bad"

# the binary, the manual page (one section per command) and the docs
[ "$("$prefix/bin/symnet" version)" = "symnet $version" ] || fail "the installed symnet is not $version"
man1=$prefix/share/man/man1/symnet.1
[ -f "$man1" ] || fail "no $man1"
for c in $("$prefix/bin/symnet" help | awk '/^commands:/ { f = 1; next } f && /^$/ { exit } f { print $1 }'); do
    [ "$c" = version ] || grep -q "^\.SS $c\$" "$man1" || fail "symnet.1 has no section for $c"
done
if command -v groff >/dev/null; then
    warn=$(groff -man -Tutf8 -ww -z "$man1" 2>&1) && [ -z "$warn" ] || fail "groff warns on symnet.1: $warn"
fi
for f in README.md docs/format.md; do
    [ -f "$prefix/share/doc/symnet/$f" ] || fail "no $f under share/doc/symnet"
done
mk uninstall PREFIX="$prefix"
left=$(find "$prefix" ! -type d)
[ -z "$left" ] || fail "make uninstall left $left"

# ---- 2. DESTDIR: exactly these files, then none ----------------------------------------------
stage=$tmp/stage
mk install DESTDIR="$stage" PREFIX=/usr/local
{
    for f in bin/symnet include/symnet.h lib/libsymnet.a lib/libsymnet.so \
        "lib/libsymnet.so.$major" "lib/libsymnet.so.$version" lib/pkgconfig/symnet.pc \
        share/man/man1/symnet.1 share/doc/symnet/README.md; do
        echo "$stage/usr/local/$f"
    done
    for f in docs/*.md; do echo "$stage/usr/local/share/doc/symnet/$f"; done
} | sort >"$tmp/want"
find "$stage" ! -type d | sort >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || { diff "$tmp/want" "$tmp/got" || true; fail "DESTDIR install: other files than expected (above)"; }
grep -q '^prefix=/usr/local$' "$stage/usr/local/lib/pkgconfig/symnet.pc" || fail "symnet.pc does not say prefix=/usr/local"
! grep -rqF "$stage" "$stage/usr/local/lib/pkgconfig" "$stage/usr/local/share/man" || fail "DESTDIR leaks into an installed file"
mk uninstall DESTDIR="$stage" PREFIX=/usr/local
left=$(find "$stage" ! -type d)
[ -z "$left" ] || fail "make uninstall left $left"
[ ! -e "$stage/usr/local/share/doc/symnet" ] || fail "make uninstall left share/doc/symnet"
echo "install-check: installed, built against with pkg-config (shared and static), solved the tutorial, uninstalled"
