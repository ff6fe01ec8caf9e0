#!/usr/bin/env bash
# Breakdowns benchmark (make bench; not part of make test).  Generates a
# year of weekly and monthly exports of BENCH_USERS users (default 100000:
# about 5.4 million user rows) with test/gen, loads them with one
# uanalytics.load(directory) call and, right after it (no VACUUM or ANALYZE
# of its own), times, best of BENCH_RUNS (default 3), each question asked of
# the extension against the same answer from plain SQL over user_engagement
# in the same run:
#   - group_activity for one month and for one week,
#   - department_activity for one month and for a quarter (three months),
#   - the quarter's active users per department, each user once
#     (unique_active_users against count(DISTINCT)),
#   - reclaim_candidates on a day of the last stored month,
# and checks that both give the same rows.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh
. test/bench/lib.sh

USERS=${BENCH_USERS:-100000}
RUNS=${BENCH_RUNS:-3}

ensure_deps
build_install
make -s -f test/gen/Makefile
UA_SERVER_OPTS="-c max_wal_size=8GB -c checkpoint_timeout=30min" start_cluster
trap stop_cluster EXIT
work="$PGTMP/bench"
mkdir -p "$work"

echo "== generating and loading a year: $USERS users, weekly and monthly"
test/gen/genexports --users "$USERS" --out "$work/year" >"$work/year.list"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
psql -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION uanalytics"
measure "SELECT count(*) FROM uanalytics.load('$work/year')"
describe_machine
psql -XAt -F '|' <<'SQL' | while IFS='|' read -r c n; do echo "  $c: $n"; done
SELECT 'user rows', count(*)::text FROM uanalytics.user_engagement
UNION ALL SELECT 'rows with groups', count(*)::text FROM uanalytics.user_engagement WHERE groups IS NOT NULL
UNION ALL SELECT 'rows with departments', count(*)::text FROM uanalytics.user_engagement WHERE cardinality(department) > 0;
SQL
echo "  uanalytics.load(directory): $(awk -v m="$ELAPSED_MS" 'BEGIN { printf "%.1f s", m / 1000 }')"

acct=$(psql -XAt -c "SELECT account_id FROM uanalytics.periods LIMIT 1")
last=$(psql -XAt -c "SELECT max(period_start) FROM uanalytics.periods WHERE cadence = 'Monthly' AND NOT is_partial")
month=$(psql -XAt -c "SELECT (DATE '$last' - interval '6 months')::date")
quarter_end=$(psql -XAt -c "SELECT (DATE '$month' + interval '2 months')::date")
week=$(psql -XAt -c "SELECT max(period_start) FROM uanalytics.periods WHERE cadence = 'Weekly' AND NOT is_partial AND period_start < '$month'")
as_of=$(psql -XAt -c "SELECT (DATE '$last' + 20)")
min=$(psql -XAt -c "SELECT value FROM uanalytics.settings WHERE name = 'min_group_size'")
key="account_id = '$acct' AND cadence = 'Monthly'"

# plain SQL: what one would write without the views, suppression included
metrics="count(*) AS members,
	CASE WHEN count(*) >= $min THEN count(*) FILTER (WHERE u.is_active AND u.public_id IS NOT NULL) END,
	CASE WHEN count(*) >= $min THEN sum(u.messages) END,
	CASE WHEN count(*) >= $min THEN sum(u.gpt_messages) END,
	CASE WHEN count(*) >= $min THEN sum(u.tool_messages) END"
group_raw() { # WHERE
	echo "SELECT u.period_start, e.key, max(e.value), $metrics
FROM uanalytics.user_engagement u, jsonb_each_text(u.groups) e WHERE $1
GROUP BY u.period_start, e.key ORDER BY 1, 2"
}
dept_raw() { # WHERE
	echo "SELECT u.period_start, d.department, $metrics
FROM uanalytics.user_engagement u,
	LATERAL (SELECT DISTINCT x FROM unnest(CASE WHEN cardinality(u.department) > 0 THEN u.department ELSE '{NULL}' END) x) d(department)
WHERE $1
GROUP BY u.period_start, d.department ORDER BY 1, 2 NULLS LAST"
}
group_cols="period_start, group_id, group_name, members, active_users, messages, gpt_messages, tool_messages"
dept_cols="period_start, department, members, active_users, messages, gpt_messages, tool_messages"

declare -A VIEW RAW
VIEW[group_month]="SELECT $group_cols FROM uanalytics.group_activity WHERE $key AND period_start = '$month' ORDER BY 1, 2"
RAW[group_month]=$(group_raw "u.account_id = '$acct' AND u.cadence = 'Monthly' AND u.period_start = '$month'")
VIEW[group_week]="SELECT $group_cols FROM uanalytics.group_activity WHERE account_id = '$acct' AND cadence = 'Weekly' AND period_start = '$week' ORDER BY 1, 2"
RAW[group_week]=$(group_raw "u.account_id = '$acct' AND u.cadence = 'Weekly' AND u.period_start = '$week'")
VIEW[department_month]="SELECT $dept_cols FROM uanalytics.department_activity WHERE $key AND period_start = '$month' ORDER BY 1, 2 NULLS LAST"
RAW[department_month]=$(dept_raw "u.account_id = '$acct' AND u.cadence = 'Monthly' AND u.period_start = '$month'")
VIEW[department_quarter]="SELECT $dept_cols FROM uanalytics.department_activity WHERE $key AND period_start BETWEEN '$month' AND '$quarter_end' ORDER BY 1, 2 NULLS LAST"
RAW[department_quarter]=$(dept_raw "u.account_id = '$acct' AND u.cadence = 'Monthly' AND u.period_start BETWEEN '$month' AND '$quarter_end'")
# the quarter with each user once per department (active in any of its
# months): the extension's aggregate against count(DISTINCT)
quarter="u.account_id = '$acct' AND u.cadence = 'Monthly' AND u.period_start BETWEEN '$month' AND '$quarter_end'"
VIEW[department_quarter_users]="SELECT d.department, uanalytics.unique_active_users(u.public_id, u.is_active)
FROM uanalytics.user_engagement u,
	LATERAL (SELECT DISTINCT x FROM uanalytics.department_entries(u.department) x) d(department)
WHERE $quarter GROUP BY 1 ORDER BY 1"
RAW[department_quarter_users]="SELECT d.department, count(DISTINCT u.public_id) FILTER (WHERE u.is_active)
FROM uanalytics.user_engagement u,
	LATERAL (SELECT DISTINCT x FROM unnest(u.department) x) d(department)
WHERE $quarter GROUP BY 1 ORDER BY 1"
VIEW[reclaim_candidates]="SELECT public_id, days_inactive, reason FROM uanalytics.reclaim_candidates('$as_of') ORDER BY 1"
RAW[reclaim_candidates]="
WITH s AS (SELECT account_id, cadence, period_start, period_end FROM uanalytics.user_engagement
           WHERE period_start <= '$as_of' ORDER BY period_start DESC, period_end DESC LIMIT 1)
SELECT u.public_id, '$as_of'::date - u.last_day_active,
       CASE WHEN u.last_day_active IS NULL THEN 'never used' ELSE 'dormant' END
FROM uanalytics.user_engagement u JOIN s USING (account_id, cadence, period_start, period_end)
WHERE u.user_status = 'enabled' AND u.created_or_invited_date <= '$as_of'::date - 30
  AND (u.last_day_active IS NULL OR u.last_day_active < '$as_of'::date - 30)
ORDER BY 1"

digest() {
	psql -XAt -v ON_ERROR_STOP=1 -c "SELECT count(*) || ' rows ' || md5(string_agg(r::text, '|' ORDER BY n)) FROM (SELECT row_number() OVER () AS n, r FROM ($1) r) s"
}

echo
echo "== best of $RUNS; month $month, quarter $month to $quarter_end, week $week, reclaim as of $as_of; min_group_size $min"
echo "   (jit off: the same two queries with SET jit = off; the server's default is jit on)"
printf '  %-20s %10s %10s %8s %12s %10s  %s\n' question extension raw raw/ext "ext jit off" "raw jit off" "same rows"
for q in group_month group_week department_month department_quarter department_quarter_users reclaim_candidates; do
	a=$(digest "${VIEW[$q]}")
	b=$(digest "${RAW[$q]}")
	same="no ($a / $b)"
	[ "$a" = "$b" ] && same="yes, ${a% *}"
	# thousands of rows would time measure()'s reading of them: counted
	view=${VIEW[$q]} raw=${RAW[$q]}
	if [ "$q" = reclaim_candidates ]; then
		view="SELECT count(*) FROM ($view) AS s" raw="SELECT count(*) FROM ($raw) AS s"
	fi
	best_of "$RUNS" "" "$view"
	view_ms=$BEST_MS
	best_of "$RUNS" "" "$raw"
	raw_ms=$BEST_MS
	best_of "$RUNS" "" "SET jit = off; $view"
	view_nojit_ms=$BEST_MS
	best_of "$RUNS" "" "SET jit = off; $raw"
	raw_nojit_ms=$BEST_MS
	printf '  %-20s %7d ms %7d ms %8s %9d ms %7d ms  %s\n' "$q" "$view_ms" "$raw_ms" "$(ratio "$raw_ms" "$view_ms")" \
		"$view_nojit_ms" "$raw_nojit_ms" "$same"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
