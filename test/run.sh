#!/usr/bin/env bash
# The whole test suite: make test.  Installs what is missing, builds with
# warnings as errors, runs the pg_regress tests, the script tests in test/t/
# and the parser unit tests against a throwaway cluster, and ends with a line
# "N passed, N failed".  Exits non-zero when anything failed.
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

echo "== pg_regress"
rm -rf results regression.diffs regression.out
make -s PG_CONFIG="$PG_CONFIG" installcheck TESTDIR="$testcopy" >"$PGTMP/regress.log" 2>&1
cat "$PGTMP/regress.log" | grep -E '^(test | +[a-z_0-9]+ +\.\.\.|ok |not ok )' || true
while read -r name; do pass "regress/$name"; done < <(sed -nE 's/^(test )? *([a-z_0-9]+) +\.\.\. ok.*/\2/p' "$PGTMP/regress.log")
while read -r name; do fail "regress/$name"; done < <(sed -nE 's/^(test )? *([a-z_0-9]+) +\.\.\. (FAILED|failed).*/\2/p' "$PGTMP/regress.log")
if ! grep -qE '\.\.\. (ok|FAILED|failed)' "$PGTMP/regress.log"; then
	cat "$PGTMP/regress.log"
	fail regress/run
fi
[ -f regression.diffs ] && { echo "-- regression.diffs:"; head -200 regression.diffs; }

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
