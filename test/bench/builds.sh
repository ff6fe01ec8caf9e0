#!/usr/bin/env bash
# Two builds of the loader against each other, on the wall clock (by hand;
# make bench skips it without the two variables below).  BENCH_A_BINDIR and
# BENCH_B_BINDIR name the bin directories of two PostgreSQL 15
# installations, each with its own uanalytics build installed (make install
# PG_CONFIG=.../pg_config from two checkouts).  Generates make bench-load's
# file (the weekly export of BENCH_USERS users, default 455000, late-2025
# layout), starts a cluster of each with the settings of load.sh (fsync
# off), and loads the file into a fresh extension BENCH_RUNS times
# (default 5) in each, alternating which goes first: the noise of a shared
# machine falls on both.  Prints every run, the medians, the best and their
# ratios B / A.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh

if [ -z "${BENCH_A_BINDIR:-}" ] || [ -z "${BENCH_B_BINDIR:-}" ]; then
	echo "builds.sh: set BENCH_A_BINDIR and BENCH_B_BINDIR (see its header); skipped"
	exit 0
fi
USERS=${BENCH_USERS:-455000}
RUNS=${BENCH_RUNS:-5}

make -s -f test/gen/Makefile
work=$(mktemp -d /tmp/uanalytics-builds.XXXXXX)
chmod 755 "$work"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work"
cleanup() {
	for side in A B; do
		[ -d "$work/$side/data" ] && as_pg "$(side_bindir $side)/pg_ctl" -D "$work/$side/data" -m fast stop >/dev/null 2>&1 || true
	done
	rm -rf "$work"
}
side_bindir() { if [ "$1" = A ]; then echo "$BENCH_A_BINDIR"; else echo "$BENCH_B_BINDIR"; fi; }
side_port() { if [ "$1" = A ]; then echo 5611; else echo 5612; fi; }
trap cleanup EXIT

test/gen/genexports --users "$USERS" --weekly --months 1 --start 2025-10-01 --format late2025 --out "$work/week" >"$work/week.list"
cp "$(grep ' weekly user report ' "$work/week.list" | tail -1)" "$work/users.csv"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
for side in A B; do
	mkdir -p "$work/$side"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$work/$side"
	as_pg "$(side_bindir $side)/initdb" -D "$work/$side/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
	as_pg "$(side_bindir $side)/pg_ctl" -D "$work/$side/data" -l "$work/$side/log" -w \
		-o "-k $work/$side -p $(side_port $side) -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c max_wal_size=8GB -c checkpoint_timeout=30min" start >/dev/null
done

# one fresh load, its milliseconds
one() {
	local side=$1 psql="$(side_bindir "$1")/psql -qXAt -h $work/$1 -p $(side_port "$1") -U postgres -d postgres" t0
	$psql -c "DROP EXTENSION IF EXISTS uanalytics CASCADE" -c "CREATE EXTENSION uanalytics" -c "CHECKPOINT" >/dev/null 2>&1
	t0=$(date +%s%N)
	$psql -c "SELECT rows_loaded FROM uanalytics.load('$work/users.csv')" >/dev/null
	echo $((($(date +%s%N) - t0) / 1000000))
}
a=() b=()
for r in $(seq 1 "$RUNS"); do
	if [ $((r % 2)) = 1 ]; then a+=("$(one A)"); b+=("$(one B)"); else b+=("$(one B)"); a+=("$(one A)"); fi
done
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%d %d", v[int((NR + 1) / 2)], v[1] }'; }
read -r a_med a_best <<<"$(stats "${a[@]}")"
read -r b_med b_best <<<"$(stats "${b[@]}")"
echo "== uanalytics.load of $(($(grep -c '' "$work/users.csv") - 1)) rows, $RUNS runs each, alternating"
echo "  A ($BENCH_A_BINDIR): ${a[*]} ms; median $a_med, best $a_best"
echo "  B ($BENCH_B_BINDIR): ${b[*]} ms; median $b_med, best $b_best"
awk -v am="$a_med" -v bm="$b_med" -v ab="$a_best" -v bb="$b_best" \
	'BEGIN { printf "  B / A: median %.3f, best %.3f\n", bm / am, bb / ab }'
