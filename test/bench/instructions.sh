#!/usr/bin/env bash
# The loader's work counted in instructions (make bench; not part of make
# test).  Wall-clock times on a shared machine move by 20% from run to run
# (doc/benchmarks.md), more than the differences the loader is held to;
# valgrind's callgrind counts the instructions a piece of code runs, the
# same count for the same binary and input whatever else the machine does.
#
# Generates the weekly User Engagement export of BENCH_USERS users (default
# 100000) in the late-2025 and in the 2026 layout, and counts, in a
# single-user backend under callgrind (so that no other backend's work is
# counted), for each layout:
#   - uanalytics.load of the export (everything under uanalytics_load: the
#     parsing, the inserts and index updates, the rollups and the ANALYZE a
#     fresh load ends with),
#   - native COPY of the same rows into a table of the same column types and
#     indexes, then ANALYZE of it (everything under DoCopy and analyze_rel).
# Prints the counts and the ratios: each load / COPY + ANALYZE, and 2026 /
# late 2025.  Instructions are not time (a cache miss costs more than an
# add), so these ratios stand beside the wall-clock ones of layouts.sh, not
# in their place.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh

USERS=${BENCH_USERS:-100000}

ensure_deps
if ! command -v valgrind >/dev/null; then
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi
build_install
make -s -f test/gen/Makefile
work=$(mktemp -d /tmp/uanalytics-instructions.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work"
as_pg "$PG_BINDIR/initdb" -D "$work/data" -A trust >/dev/null

# single SQL lines in a single-user backend; under callgrind when asked
single() { # [callgrind options...]
	if [ $# -gt 0 ]; then
		as_pg valgrind --tool=callgrind "$@" "$PG_BINDIR/postgres" --single -D "$work/data" postgres >"$work/out" 2>&1
	else
		as_pg "$PG_BINDIR/postgres" --single -D "$work/data" postgres >"$work/out" 2>&1
	fi
	if grep -q 'ERROR' "$work/out"; then
		cat "$work/out" >&2
		return 1
	fi
}
counted() { # callgrind output file: the instructions counted
	sed -n 's/^summary: //p; s/^totals: //p' "$1" | head -1
}

echo CREATE EXTENSION uanalytics | single
cols="cadence, period_start, period_end, account_id, public_id, name, email, role, user_role, department, groups, user_status, created_or_invited_date, is_active, first_day_active_in_period, last_day_active_in_period, messages, messages_rank, model_to_messages, gpt_messages, gpts_messaged, gpt_to_messages, tool_messages, tools_messaged, tool_to_messages, project_messages, projects_messaged, project_to_messages, projects_created, last_day_active"
reset_ua="TRUNCATE uanalytics.user_engagement, uanalytics.periods, uanalytics.loads, uanalytics.load_errors, uanalytics.user_period_totals, uanalytics.user_period_digests, uanalytics.user_period_emails"
declare -A IR
for layout in late2025 2026; do
	c=$cols
	[ "$layout" = 2026 ] && c="$c, seat_type, credits_used"
	test/gen/genexports --users "$USERS" --weekly --months 1 --start 2025-10-01 --format "$layout" \
		--out "$work/$layout" >"$work/$layout.list"
	cp "$(grep ' weekly user report ' "$work/$layout.list" | tail -1)" "$work/users_$layout.csv"
	[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
	echo "== $layout layout: $(($(grep -c '' "$work/users_$layout.csv") - 1)) rows, $(stat -c %s "$work/users_$layout.csv") bytes"

	echo "$reset_ua" | single
	echo "SELECT rows_loaded FROM uanalytics.load('$work/users_$layout.csv')" |
		single --toggle-collect=uanalytics_load --callgrind-out-file="$work/cg.load.$layout"
	IR[load $layout]=$(counted "$work/cg.load.$layout")

	printf '%s\n' "COPY (SELECT $c FROM uanalytics.user_engagement) TO '$work/json_$layout.csv' (FORMAT csv, HEADER)" \
		"CREATE TABLE copy_$layout (LIKE uanalytics.user_engagement INCLUDING INDEXES INCLUDING STATISTICS)" \
		"ALTER TABLE copy_$layout DROP COLUMN is_partial, DROP COLUMN load_id, DROP COLUMN extra" | single
	printf '%s\n' "COPY copy_$layout ($c) FROM '$work/json_$layout.csv' (FORMAT csv, HEADER)" "ANALYZE copy_$layout" |
		single --toggle-collect=DoCopy --toggle-collect=analyze_rel --callgrind-out-file="$work/cg.copy.$layout"
	IR[copy $layout]=$(counted "$work/cg.copy.$layout")
	printf '  uanalytics.load %15d instructions\n  COPY + ANALYZE  %15d instructions\n' \
		"${IR[load $layout]}" "${IR[copy $layout]}"
done

r() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo
echo "== ratios of instructions"
for layout in late2025 2026; do
	echo "  $layout: uanalytics.load / (COPY + ANALYZE) $(r "${IR[load $layout]}" "${IR[copy $layout]}")"
done
echo "  2026 / late 2025: uanalytics.load $(r "${IR[load 2026]}" "${IR[load late2025]}")," \
	"COPY + ANALYZE $(r "${IR[copy 2026]}" "${IR[copy late2025]}")"
