#!/usr/bin/env bash
# make demo: installs what is missing, builds and installs uanalytics, starts
# a throwaway PostgreSQL, generates a sample workspace (300 users, a year of
# weekly and monthly exports, the current partial periods and a Date Range
# export, in the 2026 export format), loads it with uanalytics.load, and
# shows the dashboard's tabs.  The cluster is removed at the end unless KEEP=1 (make demo KEEP=1).
set -eu
cd "$(dirname "$0")/.."
. test/lib.sh
KEEP=${KEEP:-0}
export PGPORT=${PGPORT:-54329}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -P pager=off "$@"; }

step "1/5 installing what is missing (PostgreSQL 15, server headers, libcsv)"
ensure_deps
step "2/5 building and installing the extension"
build_install
make -s -f test/gen/Makefile
step "3/5 starting a throwaway PostgreSQL $PG_MAJOR cluster"
start_cluster
if [ "$KEEP" = 1 ]; then
	trap 'echo "demo failed; the cluster is still running in $PGTMP"' ERR
else
	trap stop_cluster EXIT
fi
echo "running in $PGTMP, port $PGPORT"

step "4/5 generating and loading a sample workspace"
exports="$PGTMP/exports"
test/gen/genexports --users 300 --partial --format 2026 --range 2025-08-11..2025-10-17 \
	--out "$exports" >"$PGTMP/exports.list"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$exports"
echo "$(grep -c '' "$PGTMP/exports.list") files in $exports, e.g. $(head -1 "$PGTMP/exports.list" | sed 's|.*/||')"
sql -v dir="$exports" <<'SQL'
CREATE EXTENSION uanalytics;
\echo 'SELECT * FROM uanalytics.load(''<directory>'');'
SELECT kind, count(*) AS files, sum(rows_loaded) AS rows_loaded, sum(rows_replaced) AS rows_replaced,
       sum(rows_rejected) AS rows_rejected, string_agg(DISTINCT status, ', ') AS status
FROM uanalytics.load(:'dir') GROUP BY kind ORDER BY kind;
-- seats are in no export: the customer enters them
INSERT INTO uanalytics.seats (account_id, effective_from, seats_purchased)
SELECT DISTINCT account_id, v.d, v.n FROM uanalytics.periods, (VALUES (date '2024-12-01', 250), (date '2025-07-01', 320)) v(d, n);
SQL

step "5/5 the dashboard"
sql <<'SQL'
\echo 'Overview tab, month over month (SELECT * FROM uanalytics.overview WHERE cadence = ''Monthly'')'
SELECT period_start AS month, is_partial AS partial,
       unique_active_users AS active_users, round(unique_active_users_pct_change, 1) AS "Δ%",
       total_messages AS messages, round(total_messages_pct_change, 1) AS "Δ% ",
       gpt_messages, tool_messages
FROM uanalytics.overview WHERE cadence = 'Monthly' ORDER BY period_start DESC LIMIT 7;

\echo 'Users tab, last complete month (uanalytics.users_summary, uanalytics.users)'
SELECT period_start AS month, seats_purchased, claimed_seats, active_users,
       round(active_users_pct_change, 1) AS "Δ%", pending_invites
FROM uanalytics.users_summary
WHERE cadence = 'Monthly' AND NOT is_partial ORDER BY period_start DESC LIMIT 1;
\echo 'The same cards per seat type (uanalytics.seat_types; the 2026 exports have seat_type)'
SELECT seat_type, claimed_seats, active_users, pending_invites
FROM uanalytics.seat_types
WHERE cadence = 'Monthly' AND period_start = (SELECT max(period_start) FROM uanalytics.users_summary
                                              WHERE cadence = 'Monthly' AND NOT is_partial)
ORDER BY claimed_seats DESC;
SELECT name, email, department, messages, gpt_messages, tool_messages, messages_rank AS rank
FROM uanalytics.users
WHERE cadence = 'Monthly' AND period_start = (SELECT max(period_start) FROM uanalytics.periods
                                              WHERE kind = 'users' AND cadence = 'Monthly' AND NOT is_partial)
ORDER BY messages DESC NULLS LAST LIMIT 10;

\echo 'GPTs tab, last complete month (uanalytics.gpts_summary, uanalytics.gpts)'
SELECT period_start AS month, total_gpts, gpts_created, gpts_active, gpts_flagged_active
FROM uanalytics.gpts_summary
WHERE cadence = 'Monthly' AND NOT is_partial ORDER BY period_start DESC LIMIT 1;
SELECT gpt_name, config_type, creator_name, messages, active_users
FROM uanalytics.gpts
WHERE cadence = 'Monthly' AND period_start = (SELECT max(period_start) FROM uanalytics.periods
                                              WHERE kind = 'gpts' AND cadence = 'Monthly' AND NOT is_partial)
ORDER BY messages DESC LIMIT 10;

\echo 'Projects (2026 Project report), last complete month (uanalytics.projects_summary)'
SELECT period_start AS month, total_projects, projects_created, projects_active, projects_flagged_active
FROM uanalytics.projects_summary
WHERE cadence = 'Monthly' AND NOT is_partial ORDER BY period_start DESC LIMIT 1;
\echo 'Impact surveys (2026 Impact survey report, uanalytics.survey_answers)'
SELECT survey_name, count(*) AS answers, count(DISTINCT lower(email)) AS people,
       min(date_partition) AS first_day, max(date_partition) AS last_day
FROM uanalytics.survey_answers GROUP BY survey_name ORDER BY first_day;

\echo 'Beyond the dashboard: departments in the last complete month (uanalytics.department_activity;'
\echo 'a department of fewer than settings.min_group_size members shows its size only)'
SELECT coalesce(department, '(none)') AS department, members, active_users, messages, suppressed
FROM uanalytics.department_activity
WHERE cadence = 'Monthly' AND period_start = (SELECT max(period_start) FROM uanalytics.periods
                                              WHERE kind = 'users' AND cadence = 'Monthly' AND NOT is_partial)
ORDER BY active_users DESC NULLS LAST, department;

\echo 'A Date Range export (2026: any days, up to 12 months) beside the months it spans'
SELECT 'Date Range' AS export, period_start, period_end, unique_active_users AS active_users,
       total_messages AS messages
FROM uanalytics.date_ranges
UNION ALL
SELECT 'Monthly', period_start, period_end, unique_active_users, total_messages
FROM uanalytics.overview
WHERE cadence = 'Monthly' AND period_start BETWEEN '2025-08-01' AND '2025-10-01'
ORDER BY 1, 2;
\echo '(a range counts each user once: fewer active users than the months added up)'

\echo 'Beyond the dashboard: each quarter, each user counted once (uanalytics.overview_between)'
SELECT q.start AS quarter, o.unique_active_users, o.total_messages,
       round(o.unique_active_users_pct_change, 1) AS "active Δ%"
FROM (VALUES (date '2025-01-01'), ('2025-04-01'), ('2025-07-01'), ('2025-10-01')) q(start),
     uanalytics.overview_between(q.start, (q.start + interval '3 months - 1 day')::date) o
ORDER BY q.start;

\echo 'Beyond the dashboard: adoption, the last six complete months (uanalytics.adoption)'
SELECT period_start AS month, seats_purchased AS seats, enabled_users AS enabled, activated_users AS activated,
       round(activation_rate, 1) AS "activated %", round(weekly_active_users, 1) AS wau,
       round(wau_per_activated_user, 2) AS "wau/activated", round(messages_per_wau, 1) AS "msgs/wau",
       power_users, round(power_user_share, 1) AS "power %"
FROM uanalytics.adoption WHERE cadence = 'Monthly' ORDER BY period_start DESC LIMIT 6;

\echo 'Beyond the dashboard: cohorts of first use, % still active after 0 to 5 months (uanalytics.cohort_retention)'
SELECT cohort_month AS cohort, cohort_size AS people,
       round(max(retention_pct) FILTER (WHERE months_since = 0)) AS m0,
       round(max(retention_pct) FILTER (WHERE months_since = 1)) AS m1,
       round(max(retention_pct) FILTER (WHERE months_since = 2)) AS m2,
       round(max(retention_pct) FILTER (WHERE months_since = 3)) AS m3,
       round(max(retention_pct) FILTER (WHERE months_since = 4)) AS m4,
       round(max(retention_pct) FILTER (WHERE months_since = 5)) AS m5
FROM uanalytics.cohort_retention
GROUP BY cohort_month, cohort_size ORDER BY cohort_month DESC LIMIT 6;

\echo 'Beyond the dashboard: people across all history, the most active (uanalytics.people)'
SELECT name, department[1] AS department, first_active_day, days_to_first_use AS "days to first use",
       active_months, messages
FROM uanalytics.people ORDER BY messages DESC NULLS LAST LIMIT 5;
SQL

if [ "$KEEP" = 1 ]; then
	cat <<EOF

The cluster keeps running.  Explore it with
    psql -h $PGTMP -p $PGPORT -U postgres
and stop it with
    runuser -u postgres -- $PG_BINDIR/pg_ctl -D $PGTMP/data stop && rm -rf $PGTMP
EOF
else
	cat <<EOF

To explore the data yourself, run  make demo KEEP=1  and connect with the psql
command it prints.  The cluster of this run is being removed now.
EOF
fi
