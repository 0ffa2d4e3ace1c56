# symnet - build, test and demo. Two commands on a fresh Debian machine:
#   make demo    installs what is missing, builds, solves instances/kalundborg.json
#   make test    installs what is missing, builds, runs every test (unit, CLI, sanitizers)

CC      ?= cc
BUILD   ?= build
PKGS     = libcjson criterion
DEBS     = libglpk-dev libcjson-dev libcriterion-dev pkg-config clang-format libopenmpi-dev openmpi-bin

WARN    = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wwrite-strings -Wcast-qual -Wformat=2 -Wundef -Wconversion -Wswitch-enum -Wvla
OPT     ?= -O2 -g
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) -Iinclude -MMD -MP $(EXTRA_CFLAGS)
LDLIBS_ALL = -lglpk -lcjson -lm $(EXTRA_LDFLAGS)

LIB_SRC  = $(sort $(wildcard src/core/*.c src/instance/*.c src/model/*.c src/solve/*.c src/result/*.c src/report/*.c src/verify/*.c))
# Open MPI (issue 16, docs/explore.md): when mpicc is installed, the command line is compiled
# with its headers (as system headers: our warnings are not theirs) and linked with its library,
# and sweep and sample run their cases across the ranks of mpirun (src/cli/pool_mpi.c, the one
# file that includes <mpi.h>); without mpicc the build is the serial one, unchanged. Deferred
# (=), so that they are looked up when a recipe runs, after `make deps` installed Open MPI.
CLI_SRC  = $(sort $(wildcard src/cli/*.c))
MPICC      = $(shell command -v mpicc 2>/dev/null)
MPI_CFLAGS = $(if $(MPICC),-DSN_HAVE_MPI $(patsubst -I%,-isystem %,$(shell $(MPICC) --showme:compile)))
MPI_LIBS   = $(if $(MPICC),$(shell $(MPICC) --showme:link))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo test check asan headers symbols format format-check boundary clean \
        bench-tools bench-classics fuzz fuzz-build check-valgrind

all: $(BUILD)/symnet

# Installs the Debian packages only when something is missing, and says so in one line.
deps: $(BUILD)/.deps
$(BUILD)/.deps:
	@mkdir -p $(BUILD)
	@if ! pkg-config --exists $(PKGS) 2>/dev/null || [ ! -f /usr/include/glpk.h ] || ! command -v clang-format >/dev/null || ! command -v mpicc >/dev/null || ! command -v mpirun >/dev/null; then \
	  echo "make deps: installing $(DEBS) with apt-get"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS)) >$(BUILD)/apt.log 2>&1 \
	    || { cat $(BUILD)/apt.log; exit 1; }; \
	fi
	@touch $@

# Headless Chromium for the HTML report test (tests/unit/test_outputs.c), installed the same way.
$(BUILD)/.chromium: | $(BUILD)/.deps
	@if ! command -v chromium >/dev/null; then \
	  echo "make: installing chromium with apt-get (for the HTML report test)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	    >$(BUILD)/apt-chromium.log 2>&1 || { cat $(BUILD)/apt-chromium.log; exit 1; }; \
	fi
	@touch $@

# Rebuild everything when the flags change.
$(BUILD)/.flags: FORCE | $(BUILD)/.deps
	@echo '$(CC) $(CFLAGS_ALL) $(LDLIBS_ALL) $(MPI_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS_ALL) $(LDLIBS_ALL) $(MPI_CFLAGS)' > $@
FORCE:

$(BUILD)/%.o: %.c $(BUILD)/.flags | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libsymnet.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The command line: with Open MPI's headers when mpicc is installed (above).
$(BUILD)/src/cli/%.o: src/cli/%.c $(BUILD)/.flags | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(MPI_CFLAGS) -c $< -o $@

$(BUILD)/symnet: $(CLI_OBJ) $(BUILD)/libsymnet.a
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL) $(MPI_LIBS)

# tests/unit/testutil.c (shared test helpers) is linked into every test.
$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.c tests/unit/testutil.h $(BUILD)/libsymnet.a $(BUILD)/symnet $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc $$(pkg-config --cflags criterion) -o $@ $< tests/unit/testutil.c $(BUILD)/libsymnet.a \
	  $$(pkg-config --libs criterion) $(LDLIBS_ALL)

# Converters of classic benchmarks (bench/classics/) into regions; stand-alone, no libsymnet.
BENCH_CONV = $(BUILD)/bench/cap2region $(BUILD)/bench/fcnf2region $(BUILD)/bench/fctp2region
bench-tools: $(BENCH_CONV)
$(BUILD)/tests/test_classics: $(BENCH_CONV)
$(BUILD)/tests/test_heuristic: $(BUILD)/bench/gen
$(BUILD)/tests/test_sepa: $(BUILD)/bench/gen
$(BUILD)/tests/test_screen: $(BUILD)/bench/gen
$(BUILD)/tests/test_split: $(BUILD)/bench/gen
$(BUILD)/tests/test_price: $(BUILD)/bench/gen
$(BUILD)/bench/%2region: bench/classics/%2region.c bench/classics/classic_common.c bench/classics/classic_common.h $(BUILD)/.flags | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ bench/classics/$*2region.c bench/classics/classic_common.c -lm

# Routes over the ways (issue 18, bench/RESULTS.md): build/bench/ways_routes REGION
bench-tools: $(BUILD)/bench/ways_routes
$(BUILD)/bench/ways_routes: bench/ways_routes.c $(BUILD)/libsymnet.a $(BUILD)/.flags | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ bench/ways_routes.c $(BUILD)/libsymnet.a $(LDLIBS_ALL)

# The root LP's methods on an exported model (docs/model.md 11): build/bench/root_lp FILE.mps
bench-tools: $(BUILD)/bench/root_lp
$(BUILD)/bench/root_lp: bench/root_lp.c $(BUILD)/.flags | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ bench/root_lp.c -lglpk

# Solves every instance of ../shared/data with symnet and CBC, compares with the published
# optima and writes the table into bench/RESULTS.md (TIME_LIMIT, ONLY, NO_CBC: see run.sh);
# CBC (Debian coinor-cbc) comes from bench-deps below, installed only for the benchmarks.
bench-classics: $(BUILD)/symnet $(BENCH_CONV) bench-deps
	SYMNET=$(BUILD)/symnet BENCH_BIN=$(BUILD)/bench WORK=$(BUILD)/bench/classics sh bench/classics/run.sh

demo: $(BUILD)/symnet
	$(BUILD)/symnet solve instances/kalundborg.json --out $(BUILD)/kalundborg-solution.json

# Unit tests and the CLI tests (tests/unit/test_cli.c runs $(BUILD)/symnet on tests/cases/).
check: $(TEST_BIN) $(BUILD)/.chromium
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; rm -f $$t.failed; \
	  { SYMNET=$(BUILD)/symnet BENCH_BIN=$(BUILD)/bench $$t --jobs 2 || touch $$t.failed; } 2>&1 | tee $$t.log; \
	  if [ -f $$t.failed ]; then rm -f $$t.failed; exit 1; fi; \
	  if grep -q 'ERROR: LeakSanitizer' $$t.log; then echo "$$t: memory leak (a passing test's leak report does not fail Criterion; see $$t.log)"; exit 1; fi; \
	done

# The whole suite: normal build, then the same suite under ASan + UBSan in its own build dir.
test: check headers symbols format-check boundary
	$(MAKE) asan

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" check

# The result boundary (issue 12): reports are writers of a result (src/result/) and never read
# model columns or solution values themselves.
REPORT_READS = snp_solution_value|snp_model_col\b|_col\b|_col\[|col_build|col_trips|first_flow|->x\[|m->allocs|m->slacks|m->comms
boundary:
	@if grep -nE '$(REPORT_READS)' src/report/*.c src/report/*.h; then \
	  echo "boundary: src/report reads model columns (above): read them through the result (src/result/)"; exit 1; fi; \
	  echo "boundary: src/report reads no model columns"

# Every header compiles on its own.
headers: | $(BUILD)/.deps
	@set -e; for h in include/symnet.h $$(find src -name '*.h' | sort); do \
	  echo "#include \"$$PWD/$$h\"" | $(CC) -std=c11 $(WARN) -Iinclude -x c -fsyntax-only -; done; \
	  echo "headers: all compile on their own"

# STYLE.md section 3: libsymnet.a defines no global symbol outside the sn_ (public) and snp_
# (internal) namespaces; anything else must be static.
symbols: $(BUILD)/libsymnet.a
	@bad=$$(nm -g --defined-only $(BUILD)/libsymnet.a | awk 'NF == 3 { print $$3 }' | \
	  grep -Ev '^snp?_' | sort -u); \
	if [ -n "$$bad" ]; then echo "symbols: libsymnet.a defines globals outside sn_/snp_:"; \
	  echo "$$bad"; exit 1; fi; echo "symbols: only sn_/snp_ globals in libsymnet.a"

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check: | $(BUILD)/.deps
	@clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h') && echo "format: clean"

# docs/report.png: the top of Kalundborg's HTML report as headless chromium draws it (README,
# docs/outputs.md); rerun after a change to the report or to the region's figures.
.PHONY: report-png
report-png: $(BUILD)/symnet $(BUILD)/.chromium
	$(BUILD)/symnet solve instances/kalundborg.json --html $(BUILD)/report.html --out /dev/null --quiet
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1700 \
	  --screenshot=docs/report.png file://$(CURDIR)/$(BUILD)/report.html 2>/dev/null

# docs/instances.md quotes each shipped region's headline figures; this re-solves every region
# and fails when the page no longer matches the code (instances/headline.py --update fixes it).
.PHONY: docs-check
docs-check: $(BUILD)/symnet
	@command -v python3 >/dev/null || { echo "make docs-check: installing python3 with apt-get"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3) \
	    >$(BUILD)/apt-python.log 2>&1 || { cat $(BUILD)/apt-python.log; exit 1; }; }
	python3 instances/headline.py --symnet $(BUILD)/symnet --check docs/instances.md
	python3 docs/examples.py --symnet $(BUILD)/symnet docs/whatif.md docs/outputs.md docs/pareto.md \
	  docs/explore.md

# Benchmark against CBC and glpsol on generated regions (bench/run_bench.sh, bench/README.md).
# The solvers it compares with are installed only for these targets.
.PHONY: bench bench-quick bench-smoke bench-deps
BENCH_DEBS = coinor-cbc glpk-utils time
bench-deps: | $(BUILD)/.deps
	@if ! command -v cbc >/dev/null || ! command -v glpsol >/dev/null || [ ! -x /usr/bin/time ]; then \
	  echo "make bench-deps: installing $(BENCH_DEBS) with apt-get"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BENCH_DEBS)) \
	    >$(BUILD)/apt-bench.log 2>&1 || { cat $(BUILD)/apt-bench.log; exit 1; }; \
	fi

$(BUILD)/bench/gen: bench/gen.c $(BUILD)/.flags | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ bench/gen.c -lm

BENCH_RUN = SYMNET=$(BUILD)/symnet GEN=$(BUILD)/bench/gen BENCH_DIR=$(BUILD)/bench sh bench/run_bench.sh
bench: $(BUILD)/symnet $(BUILD)/bench/gen bench-deps
	$(BENCH_RUN) --full
bench-quick: $(BUILD)/symnet $(BUILD)/bench/gen bench-deps
	$(BENCH_RUN) --quick
# One S region with a short limit: checks the generator and the harness, not the speed.
bench-smoke: $(BUILD)/symnet $(BUILD)/bench/gen bench-deps
	$(BENCH_RUN) --smoke

# The must-serve shape of issue 17 (bench/gen --mustserve): symnet against CBC
# (bench/mustserve_bench.sh; SHAPES, MIXED, TIME_LIMIT, GAP in the environment).
.PHONY: bench-mustserve
bench-mustserve: $(BUILD)/symnet $(BUILD)/bench/gen bench-deps
	SYMNET=$(BUILD)/symnet GEN=$(BUILD)/bench/gen BENCH_DIR=$(BUILD)/bench sh bench/mustserve_bench.sh

# What warm starts, workers and MPI ranks buy a sweep (bench/sweep_bench.sh, issue 16): a 50-case
# carbon-price sweep of the M region cold and warm, --jobs 1 and 2, mpirun -n 2 and 3, and a
# 20-point sweep warm against cold (SIZE, SEED, CASES, GAP, GAP20, TIME_LIMIT in the environment).
.PHONY: bench-sweep
bench-sweep: $(BUILD)/symnet $(BUILD)/bench/gen
	SYMNET=$(BUILD)/symnet GEN=$(BUILD)/bench/gen BENCH_DIR=$(BUILD)/bench sh bench/sweep_bench.sh

# Pure network design (issue 17, bench/netdesign.sh): gen --netdesign regions (and FCNetLib
# files named in EXTRA), symnet against CBC at TIME_LIMIT; prints a table, writes nothing.
.PHONY: bench-netdesign
bench-netdesign: $(BUILD)/symnet $(BUILD)/bench/gen $(BENCH_CONV) bench-deps
	SYMNET=$(BUILD)/symnet BENCH_BIN=$(BUILD)/bench WORK=$(BUILD)/bench/netdesign sh bench/netdesign.sh

# What periods cost (bench/periods_bench.sh, issue 19): a generated M region with 0, 1, 4 and
# 12 periods, to the same gap. Needs python3 (bench/periods_variant.py adds the periods).
.PHONY: bench-periods
bench-periods: $(BUILD)/symnet $(BUILD)/bench/gen
	SYMNET=$(BUILD)/symnet GEN=$(BUILD)/bench/gen BENCH_DIR=$(BUILD)/bench sh bench/periods_bench.sh

# Towns far apart (issue 17, bench/clusters.sh): gen --clusters regions solved with the split,
# without it and by CBC at TIME_LIMIT (KS, FACILITIES, SEED, BUDGET in the environment); prints a
# table, writes nothing else.
.PHONY: bench-clusters
bench-clusters: $(BUILD)/symnet $(BUILD)/bench/gen bench-deps
	SYMNET=$(BUILD)/symnet GEN=$(BUILD)/bench/gen WORK=$(BUILD)/bench/clusters sh bench/clusters.sh

# symnet screen against its 1 s target at 10,000 facilities (bench/screen_bench.sh, issue 14).
.PHONY: bench-screen
bench-screen: $(BUILD)/symnet $(BUILD)/bench/gen
	SYMNET=$(BUILD)/symnet GEN=$(BUILD)/bench/gen BENCH_DIR=$(BUILD)/bench sh bench/screen_bench.sh

# The unit and CLI suite under valgrind memcheck (docs/testing.md): every process the tests start
# (Criterion's workers and each symnet child, not the headless browser, nor Open MPI's launcher
# and the ranks it starts: its own reports are not ours) is traced; a memory error or a definite or
# indirect leak in any of them fails the target, with the logs in $(BUILD)/valgrind/. valgrind
# is installed with apt-get only for this target. Deadlines in the tests are scaled by
# SYMNET_TIME_SCALE, since everything runs 20-50 times slower.
VALGRIND = valgrind -q --trace-children=yes \
           --trace-children-skip='*chromium*,*chrome*,*/sh,*/cc,*/gcc*,*cc1*,*collect2*,*/ld*,*/as,*mpirun*,*orterun*,*orted*,*prterun*,*prted*' \
           --error-exitcode=99 --leak-check=full \
           --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
           --log-file=$(BUILD)/valgrind/%p.log

$(BUILD)/.vgdeps: | $(BUILD)/.deps
	@if ! command -v valgrind >/dev/null; then \
	  echo "make check-valgrind: installing valgrind with apt-get"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind) \
	    >$(BUILD)/apt-valgrind.log 2>&1 || { cat $(BUILD)/apt-valgrind.log; exit 1; }; \
	fi
	@touch $@

check-valgrind: $(TEST_BIN) $(BUILD)/.vgdeps
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	@set -e; for t in $(TEST_BIN); do echo "== valgrind $$t"; \
	  SYMNET=$(BUILD)/symnet SYMNET_TIME_SCALE=30 $(VALGRIND) $$t; done
	@bad=$$(grep -l . $(BUILD)/valgrind/*.log || true); if [ -n "$$bad" ]; then \
	  for l in $$bad; do echo "== $$l"; cat $$l; done; \
	  echo "check-valgrind: memory errors or leaks in $$(echo $$bad | wc -w) process(es)"; exit 1; \
	fi; echo "check-valgrind: $$(ls $(BUILD)/valgrind | wc -l) processes, no memory error, no leak"

# Fuzzing (docs/testing.md): libFuzzer harnesses in tests/fuzz/ over the parser, validator and
# model builder (fuzz_region) and the solution reader and checker (fuzz_verify), built with clang
# under ASan + UBSan in build-fuzz/. Each harness first replays tests/fuzz/regress/ (past
# findings), then runs FUZZ_SECONDS. clang is installed with apt-get only for this target.
FUZZ_SECONDS ?= 60
FUZZ_HARNESSES = $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

$(BUILD)/.fuzzdeps: | $(BUILD)/.deps
	@if ! command -v clang >/dev/null; then \
	  echo "make fuzz: installing clang with apt-get"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang) \
	    >$(BUILD)/apt-clang.log 2>&1 || { cat $(BUILD)/apt-clang.log; exit 1; }; \
	fi
	@touch $@

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libsymnet.a $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -o $@ $< $(BUILD)/libsymnet.a $(LDLIBS_ALL)

# clang's -Wformat-nonliteral (in -Wformat=2) also flags vsnprintf in va_list helpers, which gcc
# accepts; the gcc builds keep the check.
fuzz-build: $(BUILD)/.fuzzdeps $(BUILD)/symnet
	$(MAKE) BUILD=build-fuzz CC=clang OPT="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	  EXTRA_CFLAGS=-Wno-format-nonliteral \
	  $(FUZZ_HARNESSES:%=build-fuzz/fuzz/%)

fuzz: fuzz-build
	SYMNET=$(BUILD)/symnet FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh $(FUZZ_HARNESSES)

# ---- Installing it like a library (issue 13; README "Installing") ---------------------------
# make install [PREFIX=/usr/local] [DESTDIR=]: the symnet binary, libsymnet.a, libsymnet.so with
# its soname (libsymnet.so.MAJOR -> libsymnet.so.VERSION, built from -fPIC objects in
# $(BUILD)/pic so that the static build is untouched), include/symnet.h, symnet.pc, the manual
# page symnet(1) generated from `symnet help` (docs/man.sh) and README.md with docs/*.md under
# share/doc/symnet. make uninstall removes exactly those files. The version is SN_VERSION.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
DOCDIR     ?= $(PREFIX)/share/doc/symnet
PCDIR      ?= $(LIBDIR)/pkgconfig
VERSION   := $(shell sed -n 's/^\#define SN_VERSION "\(.*\)"/\1/p' include/symnet.h)
SOMAJOR   := $(firstword $(subst ., ,$(VERSION)))
SONAME     = libsymnet.so.$(SOMAJOR)
SOLIB      = $(BUILD)/libsymnet.so.$(VERSION)
PIC_OBJ    = $(LIB_SRC:%.c=$(BUILD)/pic/%.o)
DOCS       = README.md $(sort $(wildcard docs/*.md))

.PHONY: shared man pc install uninstall install-check
shared: $(SOLIB)
man: $(BUILD)/symnet.1
pc: $(BUILD)/symnet.pc

$(BUILD)/pic/%.o: %.c $(BUILD)/.flags | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fPIC -c $< -o $@

# Only the public sn_ functions are exported; the internal snp_ ones stay inside the library.
$(BUILD)/libsymnet.map: | $(BUILD)/.deps
	printf '{\n  global: sn_*;\n  local: *;\n};\n' > $@

$(SOLIB): $(PIC_OBJ) $(BUILD)/libsymnet.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=$(BUILD)/libsymnet.map \
	  -Wl,-z,defs $(OPT) -o $@ $(PIC_OBJ) $(LDLIBS_ALL)
	ln -sf libsymnet.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libsymnet.so

# What depends on the installation paths is rebuilt when they change (like .flags).
$(BUILD)/.paths: FORCE | $(BUILD)/.deps
	@echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(DOCDIR)' | cmp -s - $@ || \
	  echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(DOCDIR)' > $@

$(BUILD)/symnet.1: $(BUILD)/symnet docs/man.sh $(BUILD)/.paths
	sh docs/man.sh $(BUILD)/symnet $(DOCDIR) > $@.tmp && mv $@.tmp $@

# glpk has no .pc file on Debian: it goes into Libs.private with -lm; cJSON has one.
$(BUILD)/symnet.pc: include/symnet.h $(BUILD)/.paths
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' '' \
	  'Name: symnet' 'Description: Designer of industrial symbiosis networks (MILP with GLPK)' \
	  'Version: $(VERSION)' 'Requires.private: libcjson' 'Cflags: -I$${includedir}' \
	  'Libs: -L$${libdir} -lsymnet' 'Libs.private: -lglpk -lm' > $@

# Refreshes the loader's cache after installing into (or removing from) a directory it searches,
# as root and without DESTDIR; a library elsewhere is found through LD_LIBRARY_PATH or an rpath.
LDCONFIG = @if [ -z "$(DESTDIR)" ] && [ -n "$(filter /usr/local/lib /usr/lib,$(LIBDIR))" ] && \
	     [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi

INSTALLED = $(BINDIR)/symnet $(LIBDIR)/libsymnet.a $(LIBDIR)/libsymnet.so.$(VERSION) \
            $(LIBDIR)/$(SONAME) $(LIBDIR)/libsymnet.so $(INCLUDEDIR)/symnet.h \
            $(PCDIR)/symnet.pc $(MANDIR)/man1/symnet.1 $(DOCS:%=$(DOCDIR)/%)

install: $(BUILD)/symnet $(BUILD)/libsymnet.a $(SOLIB) $(BUILD)/symnet.pc $(BUILD)/symnet.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PCDIR) \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)/docs
	install -m 755 $(BUILD)/symnet $(DESTDIR)$(BINDIR)/symnet
	install -m 644 $(BUILD)/libsymnet.a $(DESTDIR)$(LIBDIR)/libsymnet.a
	install -m 755 $(SOLIB) $(DESTDIR)$(LIBDIR)/libsymnet.so.$(VERSION)
	ln -sf libsymnet.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsymnet.so
	install -m 644 include/symnet.h $(DESTDIR)$(INCLUDEDIR)/symnet.h
	install -m 644 $(BUILD)/symnet.pc $(DESTDIR)$(PCDIR)/symnet.pc
	install -m 644 $(BUILD)/symnet.1 $(DESTDIR)$(MANDIR)/man1/symnet.1
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -m 644 $(filter docs/%,$(DOCS)) $(DESTDIR)$(DOCDIR)/docs/
	$(LDCONFIG)

# Removes the files install put there, and the doc directory, which is symnet's own.
uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)
	rmdir $(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(DOCDIR) 2>/dev/null || true
	$(LDCONFIG)

# Installs into temporary prefixes and builds a small program against the installed library
# through pkg-config (tests/install/check.sh); part of `make test`.
install-check: $(BUILD)/symnet $(BUILD)/libsymnet.a $(SOLIB) docs/man.sh
	BUILD=$(BUILD) MAKE="$(MAKE)" sh tests/install/check.sh
test: install-check

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
