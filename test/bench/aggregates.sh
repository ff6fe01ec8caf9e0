#!/usr/bin/env bash
# Benchmark of the C aggregates against their plain-SQL equivalents, measured
# in the same run on a generated weekly export of 455,000 users.  Not a test
# (CI does not run it): run it on purpose with
#
#	bash test/bench/aggregates.sh		(ROWS=... RUNS=... to change the size)
#
# Each query runs RUNS times serially and RUNS times with 2 parallel workers;
# the best time of each is printed with the ratio plain / C, and a check that
# the two give the same answer.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh

ROWS=${ROWS:-455000}
RUNS=${RUNS:-3}

ensure_deps
build_install
start_cluster
trap stop_cluster EXIT

psql() { "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

SERIAL="SET max_parallel_workers_per_gather = 0;"
PARALLEL="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"

echo "generating $ROWS rows..."
psql -v rows="$ROWS" <<'SQL'
CREATE EXTENSION uanalytics;
CREATE TABLE bench_engagement (LIKE uanalytics.user_engagement);
SELECT setseed(0.4242);

-- One weekly export: 3% pending users (no public_id, no metrics), 60% of the
-- rest active.  Messages are heavy-tailed (most users a few, some thousands),
-- split over 1-4 of 8 models; 0-5 of 13 tools; 0-3 of 2,000 GPTs, the
-- low-numbered GPTs far more popular.  Inactive users have no maps.
INSERT INTO bench_engagement (account_id, cadence, is_partial, period_start, period_end,
	public_id, email, user_role, user_status, created_or_invited_date, is_active,
	messages, gpt_messages, tool_messages,
	model_to_messages, gpt_to_messages, tool_to_messages, load_id)
SELECT '5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e', 'Weekly', false, date '2025-10-19', date '2025-10-25',
	CASE WHEN NOT u.pending THEN 'user-' || substr(md5(u.i::text), 1, 24) END,
	'user' || u.i || '@example.com', 'user',
	CASE WHEN u.pending THEN 'pending' ELSE 'enabled' END, date '2025-06-01',
	CASE WHEN NOT u.pending THEN u.active END,
	CASE WHEN u.pending THEN NULL WHEN u.active THEN m.total ELSE 0 END,
	CASE WHEN u.pending THEN NULL WHEN u.active THEN coalesce(g.total, 0) ELSE 0 END,
	CASE WHEN u.pending THEN NULL WHEN u.active THEN coalesce(t.total, 0) ELSE 0 END,
	CASE WHEN u.active THEN m.map END,
	CASE WHEN u.active THEN coalesce(g.map, '{}') END,
	CASE WHEN u.active THEN coalesce(t.map, '{}') END,
	1
FROM (
	SELECT i, random() < 0.03 AS pending, random() < 0.6 AS active,
		ceil(exp(random() * random() * 9))::int AS messages,
		1 + floor(random() * 4)::int AS nmodels, floor(random() * 8)::int AS model0,
		floor(random() * 6)::int AS ntools, floor(random() * 13)::int AS tool0,
		floor(random() * 4)::int AS ngpts
	FROM generate_series(1, :rows) i
) u
CROSS JOIN LATERAL (
	SELECT jsonb_object_agg((ARRAY['gpt-5', 'gpt-5-reasoning', 'gpt-5-reasoning-pro', 'gpt-4o',
			'gpt-4.1', 'gpt-4-turbo', 'o3', 'o4-mini'])[1 + (u.model0 + j) % 8], c) AS map,
		sum(c)::int AS total
	FROM generate_series(1, u.nmodels) j,
		LATERAL (SELECT ceil(u.messages * random())::int + 0 * j AS c) x
) m
LEFT JOIN LATERAL (
	SELECT jsonb_object_agg((ARRAY['Search', 'Retrieval', 'Data Analysis', 'Canvas', 'Image Gen',
			'Deep Research', 'Legacy Search', 'GPT Editor', 'Tasks', 'Memory',
			'GPT External API Actions', 'DALL·E', 'Code'])[1 + (u.tool0 + j) % 13], c) AS map,
		sum(c)::int AS total
	FROM generate_series(1, u.ntools) j,
		LATERAL (SELECT ceil(u.messages * random() * 2)::int + 0 * j AS c) x
) t ON u.ntools > 0
LEFT JOIN LATERAL (
	SELECT jsonb_object_agg('g-' || md5(((floor(2000 * random() ^ 3)::int + j) % 2000)::text), c) AS map,
		sum(c)::int AS total
	FROM generate_series(1, u.ngpts) j,
		LATERAL (SELECT ceil(u.messages * random() / 2)::int + 0 * j AS c) x
) g ON u.ngpts > 0;
VACUUM (ANALYZE) bench_engagement;
SQL
psql -At -c "SELECT count(*) || ' rows, ' || count(*) FILTER (WHERE is_active) || ' active, '
	|| pg_size_pretty(pg_table_size('bench_engagement')) FROM bench_engagement"
echo "$("$PG_CONFIG" --version), $(nproc) CPUs, best of $RUNS runs"

# Best of RUNS times of a query in ms, as psql's \timing reports them.
best_ms() {
	local settings=$1 query=$2 i
	{
		echo "$settings"
		echo '\timing on'
		for i in $(seq "$RUNS"); do echo "$query;"; done
	} | psql -o /dev/null | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' | sort -n | head -1
}

# Whether a query's plan splits the aggregation over workers.
plan_kind() {
	if printf '%s\nEXPLAIN %s;\n' "$1" "$2" | psql -At | grep -Eq "Partial (Hash|Group)?Aggregate"; then
		echo partial
	else
		echo "no partial plan"
	fi
}

# One benchmark row per mode: name, plain-SQL query, C query, and a query
# that is true when both give the same answer.
compare() {
	local name=$1 plain=$2 c=$3 same=$4 mode settings ms_plain ms_c note
	[ "$(psql -At -c "$same")" = t ] || { echo "$name: C and plain SQL DIFFER" >&2; exit 1; }
	for mode in serial "2 workers"; do
		settings=$SERIAL
		[ "$mode" = serial ] || settings=$PARALLEL
		ms_plain=$(best_ms "$settings" "$plain")
		ms_c=$(best_ms "$settings" "$c")
		note=
		if [ "$mode" != serial ]; then
			note="  (plain: $(plan_kind "$settings" "$plain"), C: $(plan_kind "$settings" "$c"))"
		fi
		awk -v name="$name" -v mode="$mode" -v p="$ms_plain" -v c="$ms_c" -v note="$note" 'BEGIN {
			printf "%-28s %-9s  plain %6.0f ms  C %6.0f ms  ratio %5.1fx%s\n", name, mode, p, c, p / c, note
		}'
	done
}

# jsonb_each_text + sum + jsonb_object_agg: what map_sum replaces.
map_sum_row() {
	local col=$1
	local plain="SELECT jsonb_object_agg(k, s) FROM (SELECT e.key AS k, sum(e.value::numeric) AS s
		FROM bench_engagement b, jsonb_each_text(b.$col) e GROUP BY e.key) x"
	local c="SELECT uanalytics.map_sum($col) FROM bench_engagement"
	compare "map_sum($col)" "$plain" "$c" "SELECT ($plain) = ($c)"
}

echo
map_sum_row model_to_messages
map_sum_row tool_to_messages
map_sum_row gpt_to_messages

compare "unique_active_users" \
	"SELECT count(DISTINCT public_id) FILTER (WHERE is_active) FROM bench_engagement" \
	"SELECT uanalytics.unique_active_users(public_id, is_active) FROM bench_engagement" \
	"SELECT (SELECT count(DISTINCT public_id) FILTER (WHERE is_active) FROM bench_engagement)
		= (SELECT uanalytics.unique_active_users(public_id, is_active) FROM bench_engagement)"

# The baseline is the usual GROUP BY ... ORDER BY ... LIMIT; the check uses
# RANK() so that ties at the cut-off count as top_n counts them.
compare "top_n(public_id, gpt_msgs)" \
	"SELECT public_id, sum(gpt_messages) FROM bench_engagement
		WHERE public_id IS NOT NULL AND gpt_messages IS NOT NULL
		GROUP BY public_id ORDER BY 2 DESC, 1 LIMIT 10" \
	"SELECT uanalytics.top_n(public_id, gpt_messages, 10) FROM bench_engagement" \
	"SELECT (SELECT jsonb_agg(jsonb_build_object('key', k, 'value', s, 'rank', r) ORDER BY s DESC, k COLLATE \"C\")
			FROM (SELECT k, s, rank() OVER (ORDER BY s DESC) AS r
				FROM (SELECT public_id AS k, sum(gpt_messages) AS s FROM bench_engagement
					WHERE public_id IS NOT NULL AND gpt_messages IS NOT NULL GROUP BY 1) x) y
			WHERE r <= 10)
		= (SELECT uanalytics.top_n(public_id, gpt_messages, 10) FROM bench_engagement)"
