#!/usr/bin/env bash
# People and adoption benchmark (make bench; not part of make test).
# Generates a year of weekly and monthly exports of BENCH_USERS users
# (default 100000: about 5.3 million user rows) with test/gen, loads them
# with one uanalytics.load(directory) call and, with no ANALYZE of its own
# (the targets of issue 13 are "right after the load"), times, best of
# BENCH_RUNS (default 3), each question asked of the people and adoption
# objects against the same answer computed from the raw tables in the same
# run (the raw queries, which read the whole year, once: BENCH_RAW_RUNS),
# and checks that both give the same rows:
#   - adoption for one month, and all of adoption,
#   - power_users of one month, habitual_users as of the last complete week,
#   - people whole, one person by person_key and by lower(email),
#   - cohort_retention whole.
# adoption reads the rollup the loader keeps; people, cohort_retention and
# habitual_users the digests it writes (people by person_key the rows).  A raw query that runs longer than
# BENCH_RAW_TIMEOUT seconds (default 300) is stopped and reported as such.
# BENCH_YEAR_DIR names a year generated before, to skip the generation.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh
. test/bench/lib.sh

USERS=${BENCH_USERS:-100000}
RUNS=${BENCH_RUNS:-3}
# the raw queries read the whole year, several of them for minutes: once
RAW_RUNS=${BENCH_RAW_RUNS:-1}
RAW_TIMEOUT=${BENCH_RAW_TIMEOUT:-300}

ensure_deps
build_install
make -s -f test/gen/Makefile
UA_SERVER_OPTS="-c max_wal_size=8GB -c checkpoint_timeout=30min" start_cluster
trap stop_cluster EXIT
work="$PGTMP/bench"
mkdir -p "$work"

echo "== generating and loading a year: $USERS users, weekly and monthly"
if [ -n "${BENCH_YEAR_DIR:-}" ]; then
	# a year generated before (the same arguments give the same files)
	cp -r "$BENCH_YEAR_DIR" "$work/year"
else
	test/gen/genexports --users "$USERS" --out "$work/year" >"$work/year.list"
fi
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
psql -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION uanalytics"
describe_machine
measure "SELECT count(*) FROM uanalytics.load('$work/year')"
load_ms=$ELAPSED_MS
psql -XAt -F '|' <<'SQL' | while IFS='|' read -r c n; do echo "  $c: $n"; done
SELECT 'user rows', count(*)::text FROM uanalytics.user_engagement
UNION ALL SELECT 'public_ids', count(DISTINCT public_id)::text FROM uanalytics.user_engagement
UNION ALL SELECT 'periods', string_agg(n || ' ' || cadence, ', ')
	FROM (SELECT cadence, count(*) AS n FROM uanalytics.user_period_totals GROUP BY 1 ORDER BY 1) s;
SQL
echo "  uanalytics.load(directory): $(awk -v m="$load_ms" 'BEGIN { printf "%.1f s", m / 1000 }')"

acct=$(psql -XAt -c "SELECT account_id FROM uanalytics.periods LIMIT 1")
last=$(psql -XAt -c "SELECT max(period_start) FROM uanalytics.periods WHERE cadence = 'Monthly' AND NOT is_partial")
month=$(psql -XAt -c "SELECT (DATE '$last' - interval '6 months')::date")
month_end=$(psql -XAt -c "SELECT (DATE '$month' + interval '1 month - 1 day')::date")
week_end=$(psql -XAt -c "SELECT max(period_end) FROM uanalytics.periods WHERE cadence = 'Weekly' AND NOT is_partial")
one=$(psql -XAt -c "SELECT public_id FROM uanalytics.user_engagement WHERE cadence = 'Monthly' AND period_start = '$last' AND public_id IS NOT NULL ORDER BY public_id OFFSET 5000 LIMIT 1")
one_email=$(psql -XAt -c "SELECT lower(email) FROM uanalytics.user_engagement WHERE cadence = 'Monthly' AND period_start = '$last' AND public_id = '$one'")

# The raw tables' answers: plain SQL over user_engagement, as one would
# write it without these objects.
raw_period="
WITH u AS (SELECT * FROM uanalytics.user_engagement
           WHERE account_id = '$acct' AND cadence = 'Monthly' AND period_start = '$month'),
w AS (SELECT period_start, count(*) FILTER (WHERE is_active) AS active, sum(messages) AS messages
      FROM uanalytics.user_engagement
      WHERE account_id = '$acct' AND cadence = 'Weekly' AND NOT is_partial AND period_start BETWEEN '$month' AND '$month_end'
      GROUP BY period_start),
c AS (SELECT count(*) FILTER (WHERE user_status = 'enabled') AS enabled,
             count(*) FILTER (WHERE user_status = 'enabled' AND last_day_active IS NOT NULL) AS activated,
             count(*) FILTER (WHERE is_active) AS active FROM u)
SELECT c.enabled, c.activated, 100 * c.activated::numeric / NULLIF(c.enabled, 0),
       (SELECT avg(active) FROM w), (SELECT avg(active) FROM w) / NULLIF(c.activated, 0),
       (SELECT sum(messages)::numeric / NULLIF(sum(active), 0) FROM w),
       (SELECT count(*) FROM u WHERE is_active AND tools_messaged >= 3 AND messages_rank <= ceil(0.2 * c.active))
FROM c"
view_period="SELECT enabled_users, activated_users, activation_rate, weekly_active_users, wau_per_activated_user, messages_per_wau, power_users
FROM uanalytics.adoption WHERE account_id = '$acct' AND cadence = 'Monthly' AND period_start = '$month'"

raw_all="
WITH p AS (
	SELECT account_id, cadence, period_start, period_end,
	       count(*) FILTER (WHERE user_status = 'enabled') AS enabled,
	       count(*) FILTER (WHERE user_status = 'enabled' AND last_day_active IS NOT NULL) AS activated,
	       count(*) FILTER (WHERE is_active) AS active, sum(messages) AS messages,
	       array_agg(messages_rank) FILTER (WHERE is_active AND tools_messaged >= 3) AS ranks
	FROM uanalytics.user_engagement WHERE NOT is_partial AND cadence IN ('Weekly', 'Monthly')
	GROUP BY 1, 2, 3, 4)
SELECT m.account_id, m.cadence, m.period_start, m.enabled, m.activated,
       CASE m.cadence WHEN 'Weekly' THEN m.active ELSE (SELECT avg(w.active) FROM p AS w WHERE w.cadence = 'Weekly'
            AND w.account_id = m.account_id AND w.period_start BETWEEN m.period_start AND m.period_end) END,
       (SELECT count(*) FROM unnest(m.ranks) r WHERE r <= ceil(0.2 * m.active))
FROM p AS m ORDER BY 1, 2, 3"
view_all="SELECT account_id, cadence, period_start, enabled_users, activated_users, weekly_active_users, power_users
FROM uanalytics.adoption ORDER BY 1, 2, 3"

raw_power="
WITH u AS MATERIALIZED (SELECT * FROM uanalytics.user_engagement WHERE cadence = 'Monthly' AND period_start = '$month'),
t AS (SELECT account_id, ceil(0.2 * count(*)) AS cut FROM u WHERE is_active GROUP BY account_id)
SELECT u.account_id, u.public_id, u.name, u.email, u.messages, u.tools_messaged, u.messages_rank
FROM u JOIN t USING (account_id)
WHERE u.is_active AND u.tools_messaged >= 3 AND u.messages_rank <= t.cut
ORDER BY 1, 7, 2"
view_power="SELECT * FROM uanalytics.power_users('Monthly', '$month')"

raw_habit="
WITH w AS (SELECT period_start FROM uanalytics.periods
           WHERE kind = 'users' AND cadence = 'Weekly' AND NOT is_partial AND period_end <= '$week_end'
           ORDER BY period_start DESC LIMIT 12)
SELECT u.account_id, u.public_id, count(*)
FROM uanalytics.user_engagement u JOIN w USING (period_start)
WHERE u.cadence = 'Weekly' AND u.is_active
GROUP BY 1, 2 HAVING count(*) >= 9 ORDER BY 1, 3 DESC, 2"
view_habit="SELECT account_id, public_id, active_weeks FROM uanalytics.habitual_users('$week_end') ORDER BY 1, 3 DESC, 2"

# people from the rows: the earliest and the latest row of each user, and
# the aggregates, in three passes over the table
raw_people_cte="
WITH r AS (SELECT * FROM uanalytics.user_engagement WHERE public_id IS NOT NULL %s),
f AS (SELECT DISTINCT ON (account_id, public_id) account_id, public_id, period_start, last_day_active, created_or_invited_date
      FROM r ORDER BY account_id, public_id, period_start, period_end),
l AS (SELECT DISTINCT ON (account_id, public_id) account_id, public_id, email, name, user_status
      FROM r ORDER BY account_id, public_id, period_end DESC, user_status IS NOT DISTINCT FROM 'enabled' DESC,
               created_or_invited_date DESC NULLS LAST, period_start DESC),
a AS (SELECT account_id, public_id, min(created_or_invited_date) AS created,
             min(first_day_active_in_period) FILTER (WHERE is_active) AS first_active, max(last_day_active) AS last_active,
             count(*) FILTER (WHERE cadence = 'Monthly' AND NOT is_partial AND is_active) AS months,
             sum(messages) FILTER (WHERE cadence = 'Monthly' AND NOT is_partial) AS messages
      FROM r GROUP BY 1, 2),
p AS (SELECT a.account_id, a.public_id AS person_key, l.email, l.name, l.user_status, a.created, a.first_active, a.last_active,
             coalesce(f.last_day_active IS NULL OR f.created_or_invited_date >= f.period_start, false) AS known,
             a.months, a.messages
      FROM a JOIN f USING (account_id, public_id) JOIN l USING (account_id, public_id))"
people_cols="account_id, person_key, email, name, user_status, created_or_invited_date, first_active_day, last_active_day, first_use_known, active_months, messages"
raw_people="$(printf "$raw_people_cte" "") SELECT * FROM p ORDER BY 1, 2"
view_people="SELECT $people_cols FROM uanalytics.people ORDER BY 1, 2"
raw_one="$(printf "$raw_people_cte" "AND public_id = '$one'") SELECT * FROM p"
view_one="SELECT $people_cols FROM uanalytics.people WHERE person_key = '$one'"
raw_email="$(printf "$raw_people_cte" "AND public_id IN (SELECT public_id FROM uanalytics.user_engagement WHERE lower(email) = '$one_email')") SELECT * FROM p"
view_email="SELECT $people_cols FROM uanalytics.people WHERE lower(email) = '$one_email'"

raw_cohort="$(printf "$raw_people_cte" ""),
months AS (SELECT account_id, period_start FROM uanalytics.periods WHERE kind = 'users' AND cadence = 'Monthly' AND NOT is_partial),
c AS (SELECT p.account_id, p.person_key, date_trunc('month', p.first_active)::date AS cohort
      FROM p JOIN months m ON m.account_id = p.account_id AND m.period_start = date_trunc('month', p.first_active)::date
      WHERE p.known),
act AS (SELECT u.account_id, u.public_id, u.period_start FROM uanalytics.user_engagement u
        WHERE u.cadence = 'Monthly' AND NOT u.is_partial AND u.is_active)
SELECT c.account_id, c.cohort, (extract(year FROM m.period_start) - extract(year FROM c.cohort)) * 12
           + extract(month FROM m.period_start) - extract(month FROM c.cohort) AS since,
       count(DISTINCT c.person_key) FILTER (WHERE act.public_id IS NOT NULL)
FROM c JOIN months m ON m.account_id = c.account_id AND m.period_start >= c.cohort
LEFT JOIN act ON act.account_id = c.account_id AND act.public_id = c.person_key AND act.period_start = m.period_start
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
view_cohort="SELECT account_id, cohort_month, months_since, active_users FROM uanalytics.cohort_retention ORDER BY 1, 2, 3"

# the view's rows must equal the raw query's
digest() {
	psql -XAt -v ON_ERROR_STOP=1 -c "SELECT md5(string_agg(r::text, '|' ORDER BY n)) FROM (SELECT row_number() OVER () AS n, r FROM ($1) r) s"
}
# timing a query whole, not its transfer: every row is formed and hashed
whole() {
	echo "SELECT count(*), sum(hashtext(r::text)) FROM ($1) r"
}

echo
echo "== right after the load, best of $RUNS (raw: of $RAW_RUNS); month $month, weeks up to $week_end"
printf '  %-28s %10s %10s %8s  %s\n' question view raw raw/view "same rows"
run_q() { # name view raw
	local same=no view_ms raw
	best_of "$RUNS" "" "$(whole "$2")"
	view_ms=$BEST_MS
	if PGOPTIONS="-c statement_timeout=${RAW_TIMEOUT}s" best_of "$RAW_RUNS" "" "$(whole "$3")" 2>/dev/null; then
		raw="$(printf '%7d ms %8s' "$BEST_MS" "$(ratio "$BEST_MS" "$view_ms")")"
		[ "$(digest "$2")" = "$(digest "$3")" ] && same=yes
	else
		raw="$(printf '%10s %8s' "> ${RAW_TIMEOUT} s" "")"
		same="not compared"
	fi
	printf '  %-28s %7d ms %s  %s\n' "$1" "$view_ms" "$raw" "$same"
}
run_q "adoption, one month" "$view_period" "$raw_period"
run_q "adoption, all" "$view_all" "$raw_all"
run_q "power_users, one month" "$view_power" "$raw_power"
run_q "habitual_users" "$view_habit" "$raw_habit"
run_q "people, one by person_key" "$view_one" "$raw_one"
run_q "people, one by lower(email)" "$view_email" "$raw_email"
run_q "cohort_retention" "$view_cohort" "$raw_cohort"
run_q "people, whole" "$view_people" "$raw_people"

