#!/usr/bin/env bash
# The code that sees untrusted bytes, under sanitizers: the unit tests of
# the field parsers (src/values.c) and of the CSV reader (src/csvread.c)
# built with ASan and UBSan, then 20 seconds of fuzzing each from their seed
# corpora.  make test runs it from the repository root.  On a fresh machine clang and its runtime
# libraries are missing, so they are installed first.
# make test: once (needs no server)
set -euo pipefail
cd "$(dirname "$0")/../.."

# Whether clang can build and link a sanitized libFuzzer target here
have_fuzz_toolchain() {
	local tmp status=0
	command -v clang >/dev/null 2>&1 || return 1
	tmp=$(mktemp -d)
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }' >"$tmp/probe.c"
	clang -fsanitize=fuzzer,address,undefined -o "$tmp/probe" "$tmp/probe.c" >/dev/null 2>&1 || status=1
	rm -rf "$tmp"
	return $status
}

if ! have_fuzz_toolchain; then
	echo "installing clang and libclang-rt-14-dev"
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		clang libclang-rt-14-dev >/dev/null
	have_fuzz_toolchain || { echo "clang cannot build sanitized fuzz targets" >&2; exit 1; }
fi

echo "== unit tests under ASan and UBSan"
make -s -f test/unit/Makefile asan

echo "== fuzzing the field parsers for 20 seconds"
test/fuzz/run.sh 20 values

echo "== fuzzing the CSV reader for 20 seconds"
test/fuzz/run.sh 20 csvread
