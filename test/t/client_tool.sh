#!/usr/bin/env bash
# tools/uanalytics-load, the client-side loader for remote databases: it
# loads files and directories from the client through large objects, as a
# role without superuser, and a file that fails leaves no large object and
# no rows behind.
set -eu
cd "$(dirname "$0")/../.."
db=ua_client_tool
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" \
	-c "DROP ROLE IF EXISTS ua_etl" -c "CREATE ROLE ua_etl LOGIN"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS ua_etl" >/dev/null 2>&1 || true' EXIT
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

# the loader role of doc/privileges.md
q <<'SQL'
CREATE EXTENSION uanalytics;
GRANT USAGE ON SCHEMA uanalytics TO ua_etl;
GRANT EXECUTE ON FUNCTION uanalytics.load_data(bytea, text, text, text, boolean),
                          uanalytics.load_lo(oid, text, text, text, boolean) TO ua_etl;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA uanalytics TO ua_etl;
SQL

# files the server cannot read: a private copy in a directory only we enter
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS ua_etl" >/dev/null 2>&1 || true' EXIT
chmod 700 "$tmp"
cp -r test/data/weekly_dir "$tmp/exports"
cp test/data/bad_count.csv "$tmp/it's bad.csv"

# calls of load_lo, counted by the server
psql -qX -d postgres -c "ALTER DATABASE $db SET track_functions = 'all'"
load_lo_calls() {
	# a backend may report its counts only as it exits: wait for the tool's
	for _ in $(seq 100); do
		[ "$(q -c "SELECT count(*) FROM pg_stat_activity WHERE usename = 'ua_etl'")" = 0 ] && break
		sleep 0.1
	done
	q -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions WHERE schemaname = 'uanalytics' AND funcname = 'load_lo'"
}

out=$(PGUSER=ua_etl PGDATABASE=$db tools/uanalytics-load "$tmp/exports" 2>&1) || fail "directory: $out"
echo "$out"
[ "$(q -c "SELECT count(*) FROM uanalytics.loads WHERE status = 'loaded' AND loaded_by = 'ua_etl'")" = 3 ] || fail "3 loads expected"
[ "$(load_lo_calls)" = 3 ] || fail "3 calls of load_lo expected, not $(load_lo_calls)"

# the same directory again: the tool finds each file's SHA-256 in
# uanalytics.loads and sends nothing
out=$(PGUSER=ua_etl PGDATABASE=$db tools/uanalytics-load "$tmp/exports" 2>&1) || fail "directory again: $out"
echo "$out"
[ "$(echo "$out" | grep -c '| unchanged$')" = 3 ] || fail "3 unchanged files expected"
[ "$(load_lo_calls)" = 3 ] || fail "files already loaded were sent again"
# a changed file is sent
first=$(find "$tmp/exports" -name '*.csv' | sort | head -1)
printf '\n' >>"$first"
out=$(PGUSER=ua_etl PGDATABASE=$db tools/uanalytics-load "$tmp/exports" 2>&1) || fail "directory, one file changed: $out"
[ "$(echo "$out" | grep -c '| unchanged$')" = 2 ] || fail "2 unchanged files expected: $out"
[ "$(load_lo_calls)" = 4 ] || fail "the changed file was not sent"

if out=$(PGUSER=ua_etl PGDATABASE=$db tools/uanalytics-load "$tmp/it's bad.csv" 2>&1); then
	fail "a bad file reported success"
fi
echo "$out" | grep -q "\"it's bad.csv\", line 3, column messages" || fail "error not shown: $out"
[ "$(q -c "SELECT count(*) FROM pg_largeobject_metadata")" = 0 ] || fail "large objects left behind"
[ "$(q -c "SELECT count(*) FROM uanalytics.loads")" = 4 ] || fail "the failed load left a row"

out=$(PGUSER=ua_etl PGDATABASE=$db tools/uanalytics-load --skip "$tmp/it's bad.csv" 2>&1) || fail "--skip: $out"
[ "$(q -c "SELECT rows_loaded || '/' || rows_rejected FROM uanalytics.loads WHERE source = 'it''s bad.csv'")" = "2/1" ] ||
	fail "--skip did not keep the bad record aside"
[ "$(q -c "SELECT count(*) FROM pg_largeobject_metadata")" = 0 ] || fail "large objects left behind"
echo "client tool loads as a non-superuser and cleans up"
