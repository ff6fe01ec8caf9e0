#!/usr/bin/env bash
# The whole test suite: make test.  Runs test/suite.sh (build with warnings
# as errors, pg_regress, isolation and script tests against a throwaway
# cluster) on each PostgreSQL major version tested, in turn: 15 (Debian
# 12's, installed with apt when missing, or the copy in PG_BINDIR), then 17
# and 18 (downloaded once into the test cache by test/fetch-pg.sh).  What
# does not depend on the server's version runs with the first version only.
#
#   make test               15, 17 and 18
#   make test PG=17         one version (PG="15 18": those two)
#
# Ends with a line per version, then "N passed, N failed" over all of them.
# Exits non-zero when anything failed.  When a download fails, a local run
# says so and stops before testing; on CI (CI=true) the version counts as a
# failure and the others are tested.
set -u
cd "$(dirname "$0")/.."

versions=${PG:-15 17 18}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
failures=()
summary=()

# the downloads first, so that a missing one stops the run before any test
tested=()
for v in $versions; do
	if [ "$v" = 15 ] || bash test/fetch-pg.sh "$v" >/dev/null; then
		tested+=("$v")
	elif [ "${CI:-}" = true ]; then
		failed=$((failed + 1))
		failures+=("PostgreSQL $v: the download (above)")
		summary+=("PostgreSQL $v: not tested, the download failed")
	else
		echo "PostgreSQL $v could not be fetched (above); nothing was tested."
		others=$(printf '%s\n' $versions | grep -vx "$v" | xargs)
		[ -z "$others" ] || echo "To test the others: make test PG=\"$others\""
		exit 1
	fi
done

once=1
for v in "${tested[@]}"; do
	echo
	echo "======== PostgreSQL $v"
	start=$SECONDS
	rm -f "$tmp/results"
	PG_MAJOR=$v UA_ONCE=$once UA_RESULTS="$tmp/results" bash test/suite.sh
	once=0
	if [ -s "$tmp/results" ]; then
		read -r p f s <"$tmp/results"
		while read -r name; do
			[ -n "$name" ] && failures+=("PostgreSQL $v: $name")
		done < <(tail -n +2 "$tmp/results")
	else
		p=0 f=1 s=0
		failures+=("PostgreSQL $v: test/suite.sh ended without its counts")
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	line="PostgreSQL $v: $p passed, $f failed"
	[ "$s" -gt 0 ] && line="$line, $s skipped"
	summary+=("$line ($((SECONDS - start)) s)")
done

echo
echo "======== all versions"
[ ${#failures[@]} -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
