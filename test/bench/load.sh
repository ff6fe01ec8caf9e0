#!/usr/bin/env bash
# Loader benchmark (make bench-load; not part of make test).  Generates a
# real-format weekly User Engagement export of BENCH_USERS users (default
# 455000, about 150 MB) with test/gen, then measures in one run, best of
# BENCH_RUNS (default 5):
#   - native COPY of the same rows into an all-text table (the floor for
#     putting these bytes into a heap),
#   - native COPY of the same rows in JSON-map form into a table of the same
#     column types, with the indexes of uanalytics.user_engagement and
#     without,
#   - uanalytics.load, load_data and load_lo of the export, with and without
#     the indexes, and replacing an already loaded period (that one, and one
#     of BENCH_REPLACE_USERS users, default 100000),
#   - the backend's peak private memory for a file a quarter the size and
#     for the whole file,
# then a year of weekly and monthly exports of BENCH_YEAR_USERS users
# (default 100000) loaded with one uanalytics.load(directory) call, loaded
# again (every file unchanged), and load_lo of one large object of
# BENCH_LO_MB (default 1024) MB of exports.  Prints rows/s, MB/s and the
# ratios.  The server runs with fsync off (see below), as benchmark
# servers of bulk loads usually do; the year and the large object are timed
# once.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh
. test/bench/lib.sh

USERS=${BENCH_USERS:-455000}
RUNS=${BENCH_RUNS:-5}
YEAR_USERS=${BENCH_YEAR_USERS:-100000}
LO_MB=${BENCH_LO_MB:-1024}
REPLACE_USERS=${BENCH_REPLACE_USERS:-100000}
# the layout of the generated exports: late2025 (30 user columns) or 2026
# (and seat_type, credits_used)
FORMAT=${BENCH_FORMAT:-late2025}

ensure_deps
build_install
make -s -f test/gen/Makefile
# fsync off: the shared disk's flush times varied by a second from run to
# run, more than the differences measured; both sides write the same rows.
UA_SERVER_OPTS="-c max_wal_size=8GB -c checkpoint_timeout=30min -c fsync=off -c synchronous_commit=off" start_cluster
trap stop_cluster EXIT
work="$PGTMP/bench"
mkdir -p "$work"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work"

echo "== generating: $USERS users, one month of weekly exports"
gen_start=$(date +%s)
test/gen/genexports --users "$USERS" --weekly --months 1 --start 2025-10-01 --format "$FORMAT" --out "$work/week" >"$work/week.list"
big=$(grep ' weekly user report ' "$work/week.list" | tail -1)
cp "$big" "$work/users.csv"
rows=$(($(grep -c '' "$work/users.csv") - 1))
# a quarter of the file (the same period, a quarter of the users), for memory
head -n $((rows / 4 + 1)) "$work/users.csv" >"$work/users_quarter.csv"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
bytes=$(stat -c %s "$work/users.csv")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "$rows rows, $mb MB, $FORMAT layout, generated in $(($(date +%s) - gen_start)) s"
describe_machine

cols="cadence, period_start, period_end, account_id, public_id, name, email, role, user_role, department, groups, user_status, created_or_invited_date, is_active, first_day_active_in_period, last_day_active_in_period, messages, messages_rank, model_to_messages, gpt_messages, gpts_messaged, gpt_to_messages, tool_messages, tools_messaged, tool_to_messages, project_messages, projects_messaged, project_to_messages, projects_created, last_day_active"
[ "$FORMAT" = 2026 ] && cols="$cols, seat_type, credits_used"
textcols=$(echo "$cols" | sed 's/,/ text,/g; s/$/ text/')
reset_ua="TRUNCATE uanalytics.user_engagement, uanalytics.periods, uanalytics.loads, uanalytics.load_errors"

# the same rows with JSON maps, booleans as t/f and arrays as {..}: what
# native COPY can read into typed columns
psql -qX -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION uanalytics;
SELECT rows_loaded FROM uanalytics.load('$work/users.csv') \g /dev/null
COPY (SELECT $cols FROM uanalytics.user_engagement) TO '$work/users_json.csv' (FORMAT csv, HEADER);
$reset_ua;
CREATE TABLE bench_text ($textcols);
CREATE TABLE bench_typed (LIKE uanalytics.user_engagement INCLUDING INDEXES);
ALTER TABLE bench_typed DROP COLUMN is_partial, DROP COLUMN load_id, DROP COLUMN extra;
CREATE TABLE bench_typed_noidx (LIKE bench_typed);
SQL

declare -A MS PEAK
run() { # name setup sql
	best_of "$RUNS" "$2" "$3"
	MS[$1]=$BEST_MS
	PEAK[$1]=$BEST_PEAK_KB
	printf '  %-34s %8d ms\n' "$1" "$BEST_MS"
}

echo "== measuring (best of $RUNS)"
run "COPY, all-text table" "TRUNCATE bench_text" \
	"COPY bench_text FROM '$work/users.csv' (FORMAT csv, HEADER)"
run "COPY, typed, same indexes" "TRUNCATE bench_typed" \
	"COPY bench_typed ($cols) FROM '$work/users_json.csv' (FORMAT csv, HEADER)"
run "COPY, typed, no index" "TRUNCATE bench_typed_noidx" \
	"COPY bench_typed_noidx ($cols) FROM '$work/users_json.csv' (FORMAT csv, HEADER)"
run "uanalytics.load" "$reset_ua" \
	"SELECT rows_loaded FROM uanalytics.load('$work/users.csv')"
run "uanalytics.load_data" "$reset_ua" \
	"SELECT rows_loaded FROM uanalytics.load_data(pg_read_binary_file('$work/users.csv'))"
run "uanalytics.load_lo" "$reset_ua; SELECT lo_unlink(oid) FROM pg_largeobject_metadata; SELECT lo_import('$work/users.csv', 4242)" \
	"SELECT rows_loaded FROM uanalytics.load_lo(4242)"
# the period is stored already: the same export with one more byte replaces it
run "uanalytics.load, replacing" "$reset_ua; SELECT rows_loaded FROM uanalytics.load('$work/users.csv')" \
	"SELECT rows_replaced FROM uanalytics.load_data(pg_read_binary_file('$work/users.csv') || '\\x0a'::bytea)"
run "uanalytics.load_data, fresh (same)" "$reset_ua" \
	"SELECT rows_loaded FROM uanalytics.load_data(pg_read_binary_file('$work/users.csv') || '\\x0a'::bytea)"
run "uanalytics.load, quarter file" "$reset_ua" \
	"SELECT rows_loaded FROM uanalytics.load('$work/users_quarter.csv')"
psql -qX -c "DROP INDEX uanalytics.user_engagement_period_idx, uanalytics.user_engagement_public_id_idx"
run "uanalytics.load, no index" "$reset_ua" \
	"SELECT rows_loaded FROM uanalytics.load('$work/users.csv')"
psql -qX -c "DROP EXTENSION uanalytics" -c "CREATE EXTENSION uanalytics"

report() { # name baseline
	local ms=${MS[$1]}
	printf '  %-34s %7.2f s %9.0f rows/s %7.1f MB/s   %sx %s\n' "$1" \
		"$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" \
		"$(awk -v r="$rows" -v m="$ms" 'BEGIN { print r / (m / 1000) }')" \
		"$(awk -v b="$mb" -v m="$ms" 'BEGIN { print b / (m / 1000) }')" \
		"$(ratio "$ms" "${MS[$2]}")" "$2"
}
echo
echo "== results: $rows rows, $mb MB (time relative to the baseline named last)"
report "COPY, typed, same indexes" "COPY, typed, same indexes"
report "uanalytics.load" "COPY, typed, same indexes"
report "uanalytics.load_data" "COPY, typed, same indexes"
report "uanalytics.load_lo" "COPY, typed, same indexes"
report "uanalytics.load, no index" "COPY, typed, no index"
report "uanalytics.load, no index" "COPY, all-text table"
report "uanalytics.load, replacing" "uanalytics.load_data, fresh (same)"
q=${PEAK["uanalytics.load, quarter file"]}
w=${PEAK["uanalytics.load"]}
echo "  peak backend memory (RssAnon): quarter file $((q / 1024)) MB, whole file $((w / 1024)) MB:" \
	"4x the rows, $(awk -v a="$w" -v b="$q" 'BEGIN { printf "%+.0f%%", 100 * (a - b) / b }') memory"

echo
echo "== replacing a period of $REPLACE_USERS users (best of $RUNS)"
# the size the issue names; every run starts after a CHECKPOINT (best_of),
# as a period loaded days ago would
test/gen/genexports --users "$REPLACE_USERS" --weekly --months 1 --start 2025-10-01 --out "$work/replace" >"$work/replace.list"
cp "$(grep ' weekly user report ' "$work/replace.list" | tail -1)" "$work/replace.csv"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
rows=$(($(grep -c '' "$work/replace.csv") - 1))
mb=$(awk -v b="$(stat -c %s "$work/replace.csv")" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "  $rows rows, $mb MB"
run "load_data, fresh" "$reset_ua" \
	"SELECT rows_loaded FROM uanalytics.load_data(pg_read_binary_file('$work/replace.csv') || '\\x0a'::bytea)"
run "load_data, replacing" "$reset_ua; SELECT rows_loaded FROM uanalytics.load('$work/replace.csv')" \
	"SELECT rows_replaced FROM uanalytics.load_data(pg_read_binary_file('$work/replace.csv') || '\\x0a'::bytea)"
report "load_data, replacing" "load_data, fresh"
echo "  peak backend memory (RssAnon; load_data holds the file's bytes, twice here):" \
	"fresh $((PEAK["load_data, fresh"] / 1024)) MB, replacing $((PEAK["load_data, replacing"] / 1024)) MB"
psql -qX -c "DROP EXTENSION uanalytics" -c "CREATE EXTENSION uanalytics"

echo
echo "== a year of exports: $YEAR_USERS users, weekly and monthly"
test/gen/genexports --users "$YEAR_USERS" --out "$work/year" >"$work/year.list"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
files=$(grep -c '' "$work/year.list")
year_bytes=$(cat "$work/year.list" | tr '\n' '\0' | du -cb --files0-from=- | tail -1 | cut -f1)
measure "SELECT count(*), sum(rows_loaded) FROM uanalytics.load('$work/year')"
year_rows=$(psql -XAt -c "SELECT sum(rows_loaded) FROM uanalytics.loads")
echo "  uanalytics.load(directory): $files files, $year_rows rows, $((year_bytes / 1048576)) MB in" \
	"$(awk -v m="$ELAPSED_MS" 'BEGIN { printf "%.1f s", m / 1000 }')" \
	"($(awk -v r="$year_rows" -v m="$ELAPSED_MS" 'BEGIN { printf "%.0f", r / (m / 1000) }') rows/s), peak memory $((PEAK_KB / 1024)) MB"
measure "SELECT count(*) FILTER (WHERE status = 'unchanged') FROM uanalytics.load('$work/year')"
echo "  the same directory again (every file unchanged): $(awk -v m="$ELAPSED_MS" 'BEGIN { printf "%.1f s", m / 1000 }')"

echo
echo "== load_lo of a ${LO_MB} MB large object"
# weekly user exports one after another, headers dropped after the first:
# one file of many periods
out="$work/large.csv"
head -1 "$work/users.csv" >"$out"
while IFS= read -r f; do
	tail -n +2 "$f" >>"$out"
	[ "$(stat -c %s "$out")" -ge $((LO_MB * 1048576)) ] && break
done < <(grep ' weekly user report ' "$work/year.list")
[ "$(id -u)" -eq 0 ] && chown postgres: "$out"
lo_rows=$(($(grep -c '' "$out") - 1))
psql -qX -c "DROP EXTENSION uanalytics" -c "CREATE EXTENSION uanalytics" -c "SELECT lo_import('$out', 4343)" >/dev/null
measure "SELECT rows_loaded FROM uanalytics.load_lo(4343)"
echo "  $lo_rows rows, $(($(stat -c %s "$out") / 1048576)) MB in $(awk -v m="$ELAPSED_MS" 'BEGIN { printf "%.1f s", m / 1000 }')," \
	"peak backend memory $((PEAK_KB / 1024)) MB"
