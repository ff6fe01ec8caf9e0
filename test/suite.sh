#!/usr/bin/env bash
# The test suite on one PostgreSQL major version, PG_MAJOR (test/run.sh runs
# it once a version): builds with warnings as errors, runs the pg_regress
# tests, the isolation tests and the script tests in test/t/ against a
# throwaway cluster, and ends with a line "N passed, N failed".  With
# UA_ONCE=1 it also runs what does not depend on the server's version: the
# parser unit tests and the script tests marked "make test: once".  A script
# test that exits 77 is skipped; its last line says why.  When UA_RESULTS
# names a file, the counts and the failed tests are written there too.
# Exits non-zero when anything failed.
set -u
cd "$(dirname "$0")/.."
. test/lib.sh

passed=0
failed=0
skipped=()
failures=()
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL $1"; }
skip() { skipped+=("$1"); echo "skip $1: $2"; }
finish() {
	echo
	[ ${#failures[@]} -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
	echo "$passed passed, $failed failed"
	if [ -n "${UA_RESULTS:-}" ]; then
		echo "$passed $failed ${#skipped[@]}" >"$UA_RESULTS"
		printf '%s\n' "${failures[@]}" >>"$UA_RESULTS"
	fi
	[ "$failed" -eq 0 ]
	exit
}

ensure_deps || { fail setup; finish; }
echo "== PostgreSQL $PG_MAJOR: $("$PG_BINDIR/postgres" --version), headers $(pg_headers_version)"

echo "== build (warnings are errors)"
make -s PG_CONFIG="$PG_CONFIG" clean >/dev/null 2>&1
if ! build_install PG_CFLAGS="$WERROR_CFLAGS"; then
	fail build
	finish
fi

if [ "${UA_ONCE:-1}" = 1 ]; then
	echo "== parser unit tests (no server)"
	if make -s -f test/unit/Makefile check; then
		pass unit/parsers
	else
		fail unit/parsers
	fi
fi

trap stop_cluster EXIT
start_cluster || { fail cluster; finish; }
testcopy=$(server_copy test)

# Runs one suite of make installcheck, the other's list emptied (PGXS runs
# both in one recipe, and a failure of the first would skip the second), and
# counts each test as a pass or a failure named SUITE/TEST.  pg_regress
# writes results/ and regression.diffs here, pg_isolation_regress under
# output_iso.  Its lines are "test X ... ok" or "     X ... FAILED" up to
# PostgreSQL 15, TAP from 16 on: "ok 1 - X 20 ms", "not ok 2 + X 31 ms".
run_suite() { # suite, outputdir, make arguments
	local suite=$1 out=$2 log="$PGTMP/$1.log"
	local old='^(test )? *([a-z_0-9]+) +\.\.\. ' tap='^(not )?ok +[0-9]+ +[-+] +([a-z_0-9]+) '
	shift 2
	rm -rf "$out/results" "$out/regression.diffs" "$out/regression.out"
	env ${PG_DRIVER_LIBS:+LD_LIBRARY_PATH="$PG_DRIVER_LIBS"} \
		make -s PG_CONFIG="$PG_CONFIG" installcheck TESTDIR="$testcopy" "$@" >"$log" 2>&1
	grep -E '^(test | +[a-z_0-9]+ +\.\.\.|ok |not ok )' "$log" || true
	while read -r name; do pass "$suite/$name"; done < <(
		sed -nE -e "s/$old"'ok.*/\2/p' -e "s/^ok +[0-9]+ +[-+] +([a-z_0-9]+) .*/\1/p" "$log")
	while read -r name; do fail "$suite/$name"; done < <(
		sed -nE -e "s/$old"'(FAILED|failed).*/\2/p' -e "s/^not ok +[0-9]+ +[-+] +([a-z_0-9]+) .*/\1/p" "$log")
	if ! grep -qE "$old(ok|FAILED|failed)|$tap" "$log"; then
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
	if grep -q '^# make test: once' "$t" && [ "${UA_ONCE:-1}" != 1 ]; then
		continue
	fi
	bash "$t" >"$PGTMP/script.log" 2>&1
	case $? in
	0) pass "$t" ;;
	77) skip "$t" "$(tail -1 "$PGTMP/script.log")" ;;
	*)
		fail "$t"
		sed 's/^/    /' "$PGTMP/script.log" | tail -40
		;;
	esac
done

finish
