#!/usr/bin/env bash
# The 2026 export layout against the late-2025 one (make bench; not part of
# make test).  Generates the weekly User Engagement export of BENCH_USERS
# users (default 455000) twice from the same simulation: in the late-2025
# layout (30 columns) and in the 2026 layout (the same and seat_type,
# credits_used).  Then, BENCH_RUNS rounds (default 7), each round timing in
# turn:
#   - uanalytics.load of the 2025 file, and of the 2026 file (a fresh load:
#     it ends with the ANALYZE of what it loaded),
#   - native COPY + ANALYZE of the same rows of each file into a table of
#     the same column types and indexes (the rows in the JSON-map form COPY
#     reads into jsonb).
# Alternating the four inside each round spreads the noise of a shared
# machine over all of them; each figure is the best of its runs, of the
# wall clock and of the backend's CPU time (which a busy neighbour moves
# less).  Prints the ratios the loader is held to: 2026 load / 2025 load,
# and each load / COPY + ANALYZE of its own file.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh
. test/bench/lib.sh

USERS=${BENCH_USERS:-455000}
RUNS=${BENCH_RUNS:-7}

ensure_deps
build_install
make -s -f test/gen/Makefile
UA_SERVER_OPTS="-c max_wal_size=8GB -c checkpoint_timeout=30min -c fsync=off -c synchronous_commit=off" start_cluster
trap stop_cluster EXIT
work="$PGTMP/bench"
mkdir -p "$work"

cols="cadence, period_start, period_end, account_id, public_id, name, email, role, user_role, department, groups, user_status, created_or_invited_date, is_active, first_day_active_in_period, last_day_active_in_period, messages, messages_rank, model_to_messages, gpt_messages, gpts_messaged, gpt_to_messages, tool_messages, tools_messaged, tool_to_messages, project_messages, projects_messaged, project_to_messages, projects_created, last_day_active"
reset_ua="TRUNCATE uanalytics.user_engagement, uanalytics.periods, uanalytics.loads, uanalytics.load_errors, uanalytics.user_period_totals"
psql -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION uanalytics"

for layout in late2025 2026; do
	echo "== generating: $USERS users, one week, $layout layout"
	test/gen/genexports --users "$USERS" --weekly --months 1 --start 2025-10-01 --format "$layout" \
		--out "$work/$layout" >"$work/$layout.list"
	cp "$(grep ' weekly user report ' "$work/$layout.list" | tail -1)" "$work/users_$layout.csv"
	[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
	c=$cols
	[ "$layout" = 2026 ] && c="$c, seat_type, credits_used"
	psql -qX -v ON_ERROR_STOP=1 <<SQL
SELECT rows_loaded FROM uanalytics.load('$work/users_$layout.csv') \g /dev/null
COPY (SELECT $c FROM uanalytics.user_engagement) TO '$work/users_json_$layout.csv' (FORMAT csv, HEADER);
$reset_ua;
CREATE TABLE copy_$layout (LIKE uanalytics.user_engagement INCLUDING INDEXES INCLUDING STATISTICS);
ALTER TABLE copy_$layout DROP COLUMN is_partial, DROP COLUMN load_id, DROP COLUMN extra;
SQL
	echo "  $(($(grep -c '' "$work/users_$layout.csv") - 1)) rows, $(stat -c %s "$work/users_$layout.csv") bytes"
done
describe_machine

declare -A BEST
keep() { # name ms
	if [ -z "${BEST[$1]:-}" ] || [ "$2" -lt "${BEST[$1]}" ]; then BEST[$1]=$2; fi
}
echo "== measuring: $RUNS rounds"
for i in $(seq 1 "$RUNS"); do
	line="  round $i:"
	for layout in late2025 2026; do
		c=$cols
		[ "$layout" = 2026 ] && c="$c, seat_type, credits_used"
		best_of 1 "$reset_ua" "SELECT rows_loaded FROM uanalytics.load('$work/users_$layout.csv')"
		keep "load $layout" "$BEST_MS"
		keep "load $layout cpu" "$BEST_CPU_MS"
		line="$line load $layout $BEST_MS ms (cpu $BEST_CPU_MS),"
		best_of 1 "TRUNCATE copy_$layout" \
			"COPY copy_$layout ($c) FROM '$work/users_json_$layout.csv' (FORMAT csv, HEADER); ANALYZE copy_$layout"
		keep "copy $layout" "$BEST_MS"
		keep "copy $layout cpu" "$BEST_CPU_MS"
		line="$line COPY+ANALYZE $layout $BEST_MS ms (cpu $BEST_CPU_MS),"
	done
	echo "${line%,}"
done

echo
echo "== results (best of $RUNS; wall clock, and the backend's CPU time)"
for t in "" " cpu"; do
	for layout in late2025 2026; do
		printf '  %-14s uanalytics.load %6d ms   COPY + ANALYZE %6d ms   load / (COPY + ANALYZE) %s\n' \
			"$layout${t:+,$t}" "${BEST[load $layout$t]}" "${BEST[copy $layout$t]}" \
			"$(ratio "${BEST[load $layout$t]}" "${BEST[copy $layout$t]}")"
	done
	echo "  2026 layout / late-2025 layout${t:+,$t}: uanalytics.load $(ratio "${BEST[load 2026$t]}" "${BEST[load late2025$t]}")," \
		"COPY + ANALYZE $(ratio "${BEST[copy 2026$t]}" "${BEST[copy late2025$t]}")"
done
