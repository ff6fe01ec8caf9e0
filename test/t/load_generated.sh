#!/usr/bin/env bash
# A realistic workspace from the generator (test/gen), loaded with one
# uanalytics.load(directory) call, must arrive whole and unchanged: the same
# files read by native COPY into all-text tables give the same counts and
# sums per period, every record loads, nothing is rejected, and loading the
# directory again changes nothing.
set -eu
cd "$(dirname "$0")/../.."
make -s -f test/gen/Makefile
db=ua_generated
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

dir="$PGTMP/generated"
test/gen/genexports --users 400 --months 3 --partial --seed 3 --out "$dir" >"$PGTMP/generated.list"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
nfiles=$(wc -l <"$PGTMP/generated.list")

q -c "CREATE EXTENSION uanalytics"
res=$(q -v dir="$dir" <<'SQL'
SELECT count(*) || ' ' || sum(rows_read) || ' ' || sum(rows_loaded) || ' ' || sum(rows_rejected) || ' ' || sum(rows_skipped)
FROM uanalytics.load(:'dir');
SQL
)
echo "files, rows read, loaded, rejected, skipped: $res"
read -r files read loaded rejected skipped <<<"$res"
[ "$files" -eq "$nfiles" ] || fail "$files files loaded, $nfiles written"
[ "$read" -eq "$loaded" ] && [ "$rejected" -eq 0 ] && [ "$skipped" -eq 0 ] || fail "not every record loaded"

# the same files through native COPY, every column as text
q <<SQL
CREATE TABLE raw_users (cadence text, period_start text, period_end text, account_id text, public_id text, name text, email text, role text, user_role text, department text, groups text, user_status text, created_or_invited_date text, is_active text, first_day_active_in_period text, last_day_active_in_period text, messages text, messages_rank text, model_to_messages text, gpt_messages text, gpts_messaged text, gpt_to_messages text, tool_messages text, tools_messaged text, tool_to_messages text, project_messages text, projects_messaged text, project_to_messages text, projects_created text, last_day_active text);
CREATE TABLE raw_gpts (cadence text, period_start text, period_end text, account_id text, gpt_id text, gpt_name text, config_type text, gpt_description text, gpt_url text, gpt_creator_public_id text, is_active text, first_day_active_in_period text, last_day_active_in_period text, messages_workspace text, unique_messagers_workspace text, gpt_creator_email text);
SQL
while read -r f; do
	case "$f" in
	*" user report "*) q -c "COPY raw_users FROM '$f' (FORMAT csv, HEADER)" ;;
	*) q -c "COPY raw_gpts FROM '$f' (FORMAT csv, HEADER)" ;;
	esac
done <"$PGTMP/generated.list"

# per period: rows, users, active users, message sums, map sums
diff <(q <<'SQL'
SELECT replace(cadence, 'Partial ', ''), cadence LIKE 'Partial%', period_start::date, count(*),
       count(DISTINCT public_id), count(*) FILTER (WHERE is_active = '1'),
       sum(messages::int), sum(gpt_messages::int), sum(tool_messages::int), sum(project_messages::int),
       count(*) FILTER (WHERE public_id IS NULL), count(DISTINCT lower(email))
FROM raw_users GROUP BY 1, 2, 3 ORDER BY 1, 3
SQL
) <(q <<'SQL'
SELECT cadence, is_partial, period_start, count(*),
       count(DISTINCT public_id), count(*) FILTER (WHERE is_active),
       sum(messages), sum(gpt_messages), sum(tool_messages), sum(project_messages),
       count(*) FILTER (WHERE public_id IS NULL), count(DISTINCT lower(email))
FROM uanalytics.user_engagement GROUP BY 1, 2, 3 ORDER BY 1, 3
SQL
) || fail "user periods differ from native COPY"

# the maps: every value counted, and they add up to their count columns
res=$(q <<'SQL'
SELECT count(*) FILTER (WHERE m IS DISTINCT FROM messages AND model_to_messages IS NOT NULL),
       count(*) FILTER (WHERE t IS DISTINCT FROM tool_messages AND tool_to_messages IS NOT NULL),
       count(*) FILTER (WHERE g IS DISTINCT FROM gpt_messages AND gpt_to_messages IS NOT NULL),
       count(*) FILTER (WHERE cardinality(department) = 0)
FROM uanalytics.user_engagement,
     LATERAL (SELECT sum(v::int) FROM jsonb_each_text(model_to_messages) e(k, v)) a(m),
     LATERAL (SELECT sum(v::int) FROM jsonb_each_text(tool_to_messages) e(k, v)) b(t),
     LATERAL (SELECT sum(v::int) FROM jsonb_each_text(gpt_to_messages) e(k, v)) c(g)
SQL
)
[ "$res" = "0|0|0|0" ] || fail "maps that do not add up (models|tools|gpts|empty departments): $res"

diff <(q <<'SQL'
SELECT replace(cadence, 'Partial ', ''), period_start::date, count(*), sum(messages_workspace::int),
       sum(unique_messagers_workspace::int), count(*) FILTER (WHERE is_active = '1')
FROM raw_gpts GROUP BY 1, 2 ORDER BY 1, 2
SQL
) <(q <<'SQL'
SELECT cadence, period_start, count(*), sum(messages_workspace), sum(unique_messagers_workspace),
       count(*) FILTER (WHERE is_active)
FROM uanalytics.gpt_engagement GROUP BY 1, 2 ORDER BY 1, 2
SQL
) || fail "GPT periods differ from native COPY"

# the views' rollups, counted by the loader while loading, equal what
# refresh_summaries computes from the stored rows
res=$(q <<'SQL'
CREATE TABLE user_totals_loaded AS SELECT * FROM uanalytics.user_period_totals;
CREATE TABLE gpt_totals_loaded AS SELECT * FROM uanalytics.gpt_period_totals;
SELECT uanalytics.refresh_summaries(NULL) \g /dev/null
SELECT (SELECT count(*) FROM uanalytics.user_period_totals) || ' '
    || (SELECT count(*) FROM (SELECT * FROM uanalytics.user_period_totals
                              EXCEPT ALL SELECT * FROM user_totals_loaded) d) || ' '
    || (SELECT count(*) FROM (SELECT * FROM user_totals_loaded
                              EXCEPT ALL SELECT * FROM uanalytics.user_period_totals) d) || ' '
    || (SELECT count(*) FROM uanalytics.gpt_period_totals) || ' '
    || (SELECT count(*) FROM (SELECT * FROM uanalytics.gpt_period_totals
                              EXCEPT ALL SELECT * FROM gpt_totals_loaded) d) || ' '
    || (SELECT count(*) FROM (SELECT * FROM gpt_totals_loaded
                              EXCEPT ALL SELECT * FROM uanalytics.gpt_period_totals) d);
SQL
)
read -r nu du1 du2 ng dg1 dg2 <<<"$res"
echo "rollups: $nu user periods, $ng GPT periods"
[ "$nu" -eq 19 ] && [ "$ng" -eq 19 ] && [ "$du1$du2$dg1$dg2" = 0000 ] ||
	fail "the loader's rollups differ from refresh_summaries: $res"

# again: every file unchanged, nothing written
res=$(q -v dir="$dir" <<<"SELECT string_agg(DISTINCT status, ',') FROM uanalytics.load(:'dir');")
[ "$res" = "unchanged" ] || fail "reloading the directory: $res"
echo "$nfiles generated files loaded and checked against native COPY"
