#!/usr/bin/env bash
# Two loads of the same period at once, from two connections: the second
# waits for the first (the period's row in uanalytics.periods is locked),
# then replaces its rows.  No interleaving, no duplicate rows.
set -eu
db=ua_concurrency
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db "$@"; }
q -c "CREATE EXTENSION uanalytics"
fail() { echo "FAIL: $*"; exit 1; }

# An export of one week: cadence, number of users, messages each, week start
csv() {
	local start=${4:-2025-11-02}
	local end
	end=$(date -d "$start + 6 days" +%F)
	echo 'cadence,period_start,period_end,account_id,public_id,email,is_active,messages,last_day_active_in_period'
	for i in $(seq 1 "$2"); do echo "$1,$start,$end,acc1,user-$i,u$i@x.com,1,$3,$start"; done
}

# SQL that loads a CSV given in the psql variable csv; before and after are
# wrapped around it (a transaction held open for a while, say).  Forced:
# these weeks shrink on purpose, and what is tested is the interleaving.
load() { # name, before, after
	printf "%s;\nSELECT status || ' ' || rows_loaded || ' ' || rows_replaced FROM uanalytics.load_data(convert_to(:'csv', 'UTF8'), '%s', force => true);\n%s\n" \
		"$2" "$1" "$3"
}
hold="SELECT pg_sleep(2) \\g /dev/null"

# 1. A holds a partial load open for 2 s; B loads the complete week meanwhile
load a.csv BEGIN "$hold
COMMIT" | q -v csv="$(csv 'Partial Weekly' 500 1)" >"$PGTMP/a.out" &
sleep 0.7
start=$(date +%s%N)
b=$(load b.csv "" "" | q -v csv="$(csv Weekly 400 2)")
waited_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait
echo "A: $(cat "$PGTMP/a.out"); B: $b (B waited ${waited_ms} ms)"
[ "$waited_ms" -gt 800 ] || fail "B did not wait for A"
[ "$b" = "loaded 400 500" ] || fail "B should replace A's 500 rows with 400: $b"
res=$(q -c "SELECT count(*), count(DISTINCT public_id), min(messages), bool_or(is_partial) FROM uanalytics.user_engagement")
[ "$res" = "400|400|2|f" ] || fail "stored rows: $res"

# 2. the same bytes from two connections at once: one set of rows
load c1.csv BEGIN "$hold
COMMIT" | q -v csv="$(csv Weekly 300 3)" >/dev/null &
sleep 0.7
c2=$(load c2.csv "" "" | q -v csv="$(csv Weekly 300 3)")
wait
echo "identical bytes, second load: $c2"
res=$(q -c "SELECT count(*), count(DISTINCT public_id), min(messages) FROM uanalytics.user_engagement")
[ "$res" = "300|300|3" ] || fail "after two identical loads: $res"
res=$(q -c "SELECT count(*) FROM uanalytics.periods")
[ "$res" = "1" ] || fail "periods: $res"

# 3. a new period claimed by two loads at once: the second waits on the
#    first's uncommitted row in uanalytics.periods, then replaces its rows
load d1.csv BEGIN "$hold
COMMIT" | q -v csv="$(csv Weekly 50 4 2025-11-09)" >/dev/null &
sleep 0.7
d2=$(load d2.csv "" "" | q -v csv="$(csv Weekly 60 5 2025-11-09)")
wait
echo "new period, second load: $d2"
[ "$d2" = "loaded 60 50" ] || fail "second load of a new period: $d2"
res=$(q -c "SELECT count(*), count(DISTINCT public_id) FROM uanalytics.user_engagement WHERE period_start = '2025-11-09'")
[ "$res" = "60|60" ] || fail "new period rows: $res"

# 4. under REPEATABLE READ, a load whose snapshot misses a concurrent commit
#    fails with a serialization error instead of duplicating rows
load e1.csv BEGIN "$hold
COMMIT" | q -v csv="$(csv Weekly 10 6)" >/dev/null &
sleep 0.7
out=$(load e2.csv "BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT 1 \\g /dev/null" "COMMIT" | q -v csv="$(csv Weekly 20 7)" 2>&1 || true)
wait
echo "repeatable read: $out"
echo "$out" | grep -q "could not serialize access" || fail "expected a serialization failure"
res=$(q -c "SELECT count(*), count(DISTINCT public_id), min(messages) FROM uanalytics.user_engagement WHERE period_start = '2025-11-02'")
[ "$res" = "10|10|6" ] || fail "after the serialization failure: $res"
echo "concurrent loads serialise"
