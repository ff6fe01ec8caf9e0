#!/usr/bin/env bash
# Views benchmark (make bench; not part of make test).  Generates a year of
# weekly and monthly exports of BENCH_USERS users (default 100000: about
# 5.4 million user rows) with test/gen, loads them with one
# uanalytics.load(directory) call, then times, best of BENCH_RUNS (default
# 3), each dashboard question asked of the views against the same answer
# computed from the raw tables in the same run:
#   - Overview for the last 12 months (12 monthly rows with their priors),
#   - overview_between over those 12 months (each user once),
#   - Users tab for one month: the cards, and the table's top 50,
#   - GPTs tab for one month: the cards, and the table's top 50,
# and checks that both give the same rows.  Also times refresh_summaries
# for one monthly period (the work a load does at its end to keep the
# rollups current) and for every period at once.
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
psql -qX -c "VACUUM ANALYZE"
describe_machine
psql -XAt -F '|' <<'SQL' | while IFS='|' read -r c n; do echo "  $c: $n"; done
SELECT 'files', count(*)::text FROM uanalytics.loads
UNION ALL SELECT 'user rows', count(*)::text FROM uanalytics.user_engagement
UNION ALL SELECT 'GPT rows', count(*)::text FROM uanalytics.gpt_engagement
UNION ALL SELECT 'periods', string_agg(n || ' ' || cadence, ', ')
	FROM (SELECT cadence, count(*) AS n FROM uanalytics.user_period_totals GROUP BY 1 ORDER BY 1) s;
SQL
echo "  uanalytics.load(directory): $(awk -v m="$ELAPSED_MS" 'BEGIN { printf "%.1f s", m / 1000 }')"

acct=$(psql -XAt -c "SELECT account_id FROM uanalytics.periods LIMIT 1")
first=$(psql -XAt -c "SELECT min(period_start) FROM uanalytics.periods WHERE cadence = 'Monthly' AND NOT is_partial")
last=$(psql -XAt -c "SELECT max(period_start) FROM uanalytics.periods WHERE cadence = 'Monthly' AND NOT is_partial")
month=$(psql -XAt -c "SELECT (DATE '$last' - interval '6 months')::date")
prior=$(psql -XAt -c "SELECT (DATE '$month' - interval '1 month')::date")
range_end=$(psql -XAt -c "SELECT (DATE '$last' + interval '1 month - 1 day')::date")
key="account_id = '$acct' AND cadence = 'Monthly'"

# Each question: the view's FROM clause, the same answer from the raw tables
# (plain SQL over user_engagement and gpt_engagement, as one would write it
# without the extension's views and rollups), and the view's columns that
# the raw query computes, which is what the view is asked for.
declare -A VIEW RAW SAME
VIEW[overview_12m]="FROM uanalytics.overview WHERE $key AND period_start BETWEEN '$first' AND '$last' ORDER BY period_start"
RAW[overview_12m]="
WITH months AS (
	SELECT period_start, count(DISTINCT public_id) FILTER (WHERE is_active) AS uau,
	       sum(messages) AS total, sum(gpt_messages) AS gpt, sum(tool_messages) AS tool
	FROM uanalytics.user_engagement
	WHERE $key AND period_start BETWEEN ('$first'::date - interval '1 month') AND '$last'
	GROUP BY period_start)
SELECT c.period_start, c.uau, p.uau, round(100.0 * (c.uau - p.uau) / NULLIF(p.uau, 0), 1),
       c.total, p.total, round(100.0 * (c.total - p.total) / NULLIF(p.total, 0), 1),
       c.gpt, p.gpt, round(100.0 * (c.gpt - p.gpt) / NULLIF(p.gpt, 0), 1),
       c.tool, p.tool, round(100.0 * (c.tool - p.tool) / NULLIF(p.tool, 0), 1)
FROM months c LEFT JOIN months p ON p.period_start = (c.period_start - interval '1 month')::date
WHERE c.period_start >= '$first'
ORDER BY c.period_start"
SAME[overview_12m]="period_start, unique_active_users, unique_active_users_prior, unique_active_users_pct_change, total_messages, total_messages_prior, total_messages_pct_change, gpt_messages, gpt_messages_prior, gpt_messages_pct_change, tool_messages, tool_messages_prior, tool_messages_pct_change"

VIEW[between_12m]="FROM uanalytics.overview_between('$first', '$range_end')"
RAW[between_12m]="
SELECT count(DISTINCT public_id) FILTER (WHERE is_active), sum(messages), sum(gpt_messages), sum(tool_messages)
FROM uanalytics.user_engagement WHERE $key AND period_start BETWEEN '$first' AND '$last'"
SAME[between_12m]="unique_active_users, total_messages, gpt_messages, tool_messages"

VIEW[users_cards]="FROM uanalytics.users_summary WHERE $key AND period_start = '$month'"
RAW[users_cards]="
WITH m AS (
	SELECT period_start, count(DISTINCT public_id) FILTER (WHERE is_active) AS active,
	       count(*) FILTER (WHERE user_status = 'enabled') AS claimed,
	       count(*) FILTER (WHERE user_status = 'pending') AS pending
	FROM uanalytics.user_engagement WHERE $key AND period_start IN ('$month', '$prior')
	GROUP BY period_start)
SELECT c.claimed, c.active, c.pending, p.active, round(100.0 * (c.active - p.active) / NULLIF(p.active, 0), 1)
FROM m c LEFT JOIN m p ON p.period_start = '$prior' WHERE c.period_start = '$month'"
SAME[users_cards]="claimed_seats, active_users, pending_invites, active_users_prior, active_users_pct_change"

VIEW[users_top50]="FROM uanalytics.users WHERE $key AND period_start = '$month' ORDER BY messages DESC NULLS LAST, public_id LIMIT 50"
RAW[users_top50]="
SELECT u.public_id, u.name, u.email, u.messages, u.gpt_messages, u.tool_messages, u.messages_rank,
       p.messages, round(100.0 * (u.messages - p.messages) / NULLIF(p.messages, 0), 1)
FROM uanalytics.user_engagement u
LEFT JOIN uanalytics.user_engagement p
	ON p.account_id = u.account_id AND p.cadence = u.cadence AND p.period_start = '$prior' AND p.public_id = u.public_id
WHERE u.account_id = '$acct' AND u.cadence = 'Monthly' AND u.period_start = '$month'
ORDER BY u.messages DESC NULLS LAST, u.public_id LIMIT 50"
SAME[users_top50]="public_id, name, email, messages, gpt_messages, tool_messages, messages_rank, messages_prior, messages_pct_change"

VIEW[gpts_cards]="FROM uanalytics.gpts_summary WHERE $key AND period_start = '$month'"
RAW[gpts_cards]="
WITH m AS (
	SELECT g.period_start, count(*) AS total,
	       count(*) FILTER (WHERE NOT EXISTS (
	           SELECT FROM uanalytics.gpt_engagement e
	           WHERE e.account_id = g.account_id AND e.cadence = g.cadence AND e.gpt_id = g.gpt_id
	             AND e.period_start < g.period_start)) AS created,
	       count(*) FILTER (WHERE g.messages_workspace > 0) AS active,
	       count(*) FILTER (WHERE g.is_active) AS flagged
	FROM uanalytics.gpt_engagement g WHERE $key AND period_start IN ('$month', '$prior')
	GROUP BY g.period_start)
SELECT c.total, p.total, round(100.0 * (c.total - p.total) / NULLIF(p.total, 0), 1),
       c.created, p.created, round(100.0 * (c.created - p.created) / NULLIF(p.created, 0), 1),
       c.active, p.active, round(100.0 * (c.active - p.active) / NULLIF(p.active, 0), 1),
       c.flagged, p.flagged, round(100.0 * (c.flagged - p.flagged) / NULLIF(p.flagged, 0), 1)
FROM m c LEFT JOIN m p ON p.period_start = '$prior' WHERE c.period_start = '$month'"
SAME[gpts_cards]="total_gpts, total_gpts_prior, total_gpts_pct_change, gpts_created, gpts_created_prior, gpts_created_pct_change, gpts_active, gpts_active_prior, gpts_active_pct_change, gpts_flagged_active, gpts_flagged_active_prior, gpts_flagged_active_pct_change"

VIEW[gpts_top50]="FROM uanalytics.gpts WHERE $key AND period_start = '$month' ORDER BY messages DESC NULLS LAST, gpt_id LIMIT 50"
RAW[gpts_top50]="
SELECT g.gpt_id, g.gpt_name, u.name, g.messages_workspace, g.unique_messagers_workspace,
       p.messages_workspace, round(100.0 * (g.messages_workspace - p.messages_workspace) / NULLIF(p.messages_workspace, 0), 1)
FROM uanalytics.gpt_engagement g
LEFT JOIN uanalytics.user_engagement u
	ON u.account_id = g.account_id AND u.cadence = g.cadence AND u.period_start = g.period_start
	AND u.public_id = g.gpt_creator_public_id
LEFT JOIN uanalytics.gpt_engagement p
	ON p.account_id = g.account_id AND p.cadence = g.cadence AND p.period_start = '$prior' AND p.gpt_id = g.gpt_id
WHERE g.account_id = '$acct' AND g.cadence = 'Monthly' AND g.period_start = '$month'
ORDER BY g.messages_workspace DESC NULLS LAST, g.gpt_id LIMIT 50"
SAME[gpts_top50]="gpt_id, gpt_name, creator_name, messages, active_users, messages_prior, messages_pct_change"

# the view's rows, in the raw query's columns, must equal the raw query's
digest() {
	psql -XAt -v ON_ERROR_STOP=1 -c "SELECT md5(string_agg(r::text, '|' ORDER BY n)) FROM (SELECT row_number() OVER () AS n, r FROM ($1) r) s"
}

echo
echo "== best of $RUNS; month $month, months $first to $last"
printf '  %-36s %10s %10s %8s  %s\n' question view raw raw/view "same rows"
for q in overview_12m between_12m users_cards users_top50 gpts_cards gpts_top50; do
	view="SELECT ${SAME[$q]} ${VIEW[$q]}"
	same=no
	[ "$(digest "$view")" = "$(digest "${RAW[$q]}")" ] && same=yes
	best_of "$RUNS" "" "$view"
	view_ms=$BEST_MS
	best_of "$RUNS" "" "${RAW[$q]}"
	raw_ms=$BEST_MS
	printf '  %-36s %7d ms %7d ms %8s  %s\n' "$q" "$view_ms" "$raw_ms" "$(ratio "$raw_ms" "$view_ms")" "$same"
done

# the cost a load now pays at its end: recomputing one monthly period
load_id=$(psql -XAt -c "SELECT load_id FROM uanalytics.periods WHERE kind = 'users' AND $key AND period_start = '$month'")
best_of "$RUNS" "" "SELECT uanalytics.refresh_summaries($load_id)"
echo "  refresh_summaries of one monthly user period: $BEST_MS ms"
best_of "$RUNS" "" "SELECT uanalytics.refresh_summaries(NULL)"
echo "  refresh_summaries(NULL), every period rebuilt: $BEST_MS ms"
