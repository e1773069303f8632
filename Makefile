# The two commands: `make run` and `make test`. Both install what is missing
# (Debian packages only), configure, build, and then run or test.

# Exactly what the build and the tests need on a bare Debian 12 beyond its essential
# packages (bash, coreutils, diffutils, grep, sed are always there): the toolchain
# (g++, make, cmake with ctest, pkg-config) and the libraries CMakeLists.txt finds;
# libcpp-httplib-dev is the HTTP server of `collab serve` (a shared library, found by pkg-config);
# libtbb-dev is oneTBB, whose pipeline runs `collab sweep` and `collab seek` on every core.
# `make fresh-check` proves the list on a minimal debootstrap tree.
PACKAGES := g++ make cmake pkg-config liblua5.4-dev nlohmann-json3-dev catch2 \
            libcli11-dev libfmt-dev libssl-dev libxlsxwriter-dev zlib1g-dev libcpp-httplib-dev \
            libtbb-dev
# What the tests add: Python 3 with openpyxl reads the XLSX reports back; headless Chromium, driven
# through chromedriver, loads the HTML reports; clang with libFuzzer (libclang-rt-14-dev, which
# clang only recommends) builds the fuzz targets; curl talks to `collab serve` in tests/cli/serve.sh;
# numpy (python3-numpy) runs the analyst's sweep that tests/bench/numpy_sweep.py checks `collab sweep`
# against (ctest numpy-sweep, and make bench). `make run` does not need them.
TEST_PACKAGES := python3 python3-openpyxl python3-numpy chromium chromium-driver clang libclang-rt-14-dev curl
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
RELEASE  := build/release
SANITIZE := build/sanitize
FUZZ     := build/fuzz
FUZZ_SECONDS ?= 600
COLLAB   := $(RELEASE)/collab

.PHONY: run test deps test-deps release sanitize fuzz-build fuzz bench fresh-check clean

# The nightly job on the bundled data: check, then compute and render everything into out/runs/<stamp>,
# promoted to out/latest; then where the outputs are and what changed since the last good run.
run: release
	$(COLLAB) check --quiet
	mkdir -p out
	$(COLLAB) run --out out
	@echo
	@echo "outputs: out/latest -> $$(readlink out/latest) (manifest: out/latest/manifest.json; collab verify out/latest re-hashes them)"
	@echo
	@cat out/latest/changes.md

# Every test, then a short pass of each fuzz target (tests/fuzz/run.sh), so every change re-checks them.
test: test-deps sanitize fuzz-build
	cd $(SANITIZE) && ctest --output-on-failure -j $(JOBS)
	bash tests/fuzz/run.sh $(FUZZ) 15

test-deps:
	@$(MAKE) --no-print-directory deps PACKAGES="$(PACKAGES) $(TEST_PACKAGES)"

# Installs only what is missing. Without root it prints the exact command and stops.
deps:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "collab needs these Debian packages:$$missing"; \
	    echo "install them with:  sudo apt-get install --no-install-recommends$$missing"; \
	    exit 1; \
	  fi; \
	fi

# Warnings are errors in the sanitizer build, which CI gates on; the optimised
# build shows them but does not fail on GCC 12's -O2 false positives.
release: deps
	cmake -S . -B $(RELEASE) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(RELEASE) -j $(JOBS) --target collab

sanitize: deps
	cmake -S . -B $(SANITIZE) -DCMAKE_BUILD_TYPE=Debug -DCOLLAB_SANITIZE=ON -DCOLLAB_WERROR=ON
	cmake --build $(SANITIZE) -j $(JOBS)

# The libFuzzer targets (clang, ASan + UBSan); `make fuzz` runs each for FUZZ_SECONDS, keeping the
# corpus in build/fuzz/corpus and any crashing input in build/fuzz/crashes.
fuzz-build: test-deps
	cmake -S . -B $(FUZZ) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOLLAB_FUZZ=ON
	cmake --build $(FUZZ) -j $(JOBS) --target fuzz_data fuzz_parse fuzz_lua fuzz_render fuzz_config fuzz_serve

fuzz: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ) $(FUZZ_SECONDS)

# The benchmarks (optimised build): the formula in Lua against C++; the plan against the full ledger;
# sweep scenarios through the per-scenario evaluator; collab sweep against the numpy sweep, one thread
# against two, peak memory (tests/bench/sweep_bench.py).
bench: deps
	cmake -S . -B $(RELEASE) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(RELEASE) -j $(JOBS) --target collab_bench collab_plan_bench collab_evaluator_bench collab
	$(RELEASE)/collab_bench
	$(RELEASE)/collab_plan_bench
	$(RELEASE)/collab_evaluator_bench
	/usr/bin/python3 tests/bench/sweep_bench.py $(COLLAB) .

# The README's commands on a minimal Debian 12 made with debootstrap, in a chroot (as root;
# not part of `make test`). The pristine tree is cached under build/fresh-check/.
fresh-check:
	bash tests/fresh-check.sh

clean:
	rm -rf build
