#!/usr/bin/env bash
# The whole test suite: make test.  Installs what is missing, builds with
# warnings as errors, runs the pg_regress tests, the isolation tests, the
# script tests in test/t/ and the parser unit tests against a throwaway
# cluster, and ends with a line "N passed, N failed".  Exits non-zero when
# anything failed.
set -u
cd "$(dirname "$0")/.."
. test/lib.sh

passed=0
failed=0
failures=()
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL $1"; }

ensure_deps || exit 1

echo "== build (warnings are errors)"
make -s PG_CONFIG="$PG_CONFIG" clean >/dev/null 2>&1
if ! build_install PG_CFLAGS="$WERROR_CFLAGS"; then
	echo "build failed"
	echo "0 passed, 1 failed"
	exit 1
fi

echo "== parser unit tests (no server)"
if make -s -f test/unit/Makefile check; then
	pass unit/parsers
else
	fail unit/parsers
fi

trap stop_cluster EXIT
start_cluster || { echo "0 passed, 1 failed"; exit 1; }
testcopy=$(server_copy test)

# Runs one suite of make installcheck, the other's list emptied (PGXS runs
# both in one recipe, and a failure of the first would skip the second), and
# counts each test as a pass or a failure named SUITE/TEST.  pg_regress
# writes results/ and regression.diffs here, pg_isolation_regress under
# output_iso/.
run_suite() { # suite, outputdir, make arguments
	local suite=$1 out=$2 log="$PGTMP/$1.log"
	shift 2
	rm -rf "$out/results" "$out/regression.diffs" "$out/regression.out"
	make -s PG_CONFIG="$PG_CONFIG" installcheck TESTDIR="$testcopy" "$@" >"$log" 2>&1
	grep -E '^(test | +[a-z_0-9]+ +\.\.\.|ok |not ok )' "$log" || true
	while read -r name; do pass "$suite/$name"; done < <(sed -nE 's/^(test )? *([a-z_0-9]+) +\.\.\. ok.*/\2/p' "$log")
	while read -r name; do fail "$suite/$name"; done < <(sed -nE 's/^(test )? *([a-z_0-9]+) +\.\.\. (FAILED|failed).*/\2/p' "$log")
	if ! grep -qE '\.\.\. (ok|FAILED|failed)' "$log"; then
		cat "$log"
		fail "$suite/run"
	fi
	[ -f "$out/regression.diffs" ] && { echo "-- $out/regression.diffs:"; head -200 "$out/regression.diffs"; }
	return 0
}

echo "== pg_regress"
run_suite regress . ISOLATION=

echo "== isolation"
run_suite isolation output_iso REGRESS=

echo "== script tests"
export TESTDATA="$testcopy/data" PGTMP
for t in test/t/*.sh; do
	[ -e "$t" ] || continue
	if bash "$t" >"$PGTMP/script.log" 2>&1; then
		pass "$t"
	else
		fail "$t"
		sed 's/^/    /' "$PGTMP/script.log" | tail -40
	fi
done

echo
[ ${#failures[@]} -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
