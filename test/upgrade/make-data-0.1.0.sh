#!/usr/bin/env bash
# Regenerates test/upgrade/data-0.1.0.sql: builds the released 0.1.0 from
# git (commit $UA_RELEASE, the source as it shipped), installs it into the
# PostgreSQL of PG_BINDIR, loads test/upgrade/load-0.1.0.sql with 0.1.0's
# loaders in a throwaway cluster, and keeps the data of schema uanalytics
# as pg_dump --data-only writes it.
#
#   PG_BINDIR=/opt/pg-upgrade/usr/lib/postgresql/15/bin PGPORT=54420 \
#       bash test/upgrade/make-data-0.1.0.sh
#
# It replaces the extension installed in that PostgreSQL with 0.1.0: use a
# private copy of PostgreSQL, never the one others use, and reinstall the
# current build afterwards (make test does).
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh
UA_RELEASE=${UA_RELEASE:-5c9eed6}   # "0.1.0": EXTVERSION = 0.1.0
out=test/upgrade/data-0.1.0.sql
fail() { echo "FAIL: $*" >&2; exit 1; }

src=$(mktemp -d)
exports=/tmp/uanalytics-0.1.0-exports   # a fixed path: it is in loads.source
cleanup() { stop_cluster; rm -rf "$src" "$exports"; }
trap cleanup EXIT

echo "== building and installing 0.1.0 ($UA_RELEASE) with $PG_CONFIG"
git archive "$UA_RELEASE" | tar -x -C "$src"
[ "$(sed -n 's/^EXTVERSION = //p' "$src/Makefile")" = 0.1.0 ] || fail "$UA_RELEASE is not 0.1.0"
make -s -C "$src" PG_CONFIG="$PG_CONFIG" >/dev/null
make -s -C "$src" PG_CONFIG="$PG_CONFIG" install >/dev/null
# the install script kept in sql/ must be the one this build installed
cmp -s "$src/sql/uanalytics--0.1.0.sql" sql/uanalytics--0.1.0.sql ||
	fail "sql/uanalytics--0.1.0.sql differs from the install script of $UA_RELEASE"

start_cluster
rm -rf "$exports"
cp -r test/data "$exports"
chown -R postgres: "$exports" 2>/dev/null || true
psql -qX -d postgres -c "CREATE DATABASE ua_fixture"

echo "== loading with 0.1.0's loaders"
psql -X -v ON_ERROR_STOP=1 -v dir="$exports" -d ua_fixture -f test/upgrade/load-0.1.0.sql
[ "$(psql -XAt -d ua_fixture -c "SELECT extversion FROM pg_extension WHERE extname = 'uanalytics'")" = 0.1.0 ] ||
	fail "not 0.1.0"

echo "== dumping"
{
	cat <<EOF
-- uanalytics 0.1.0 data: every row of schema uanalytics after the loads of
-- test/upgrade/load-0.1.0.sql, made by 0.1.0's own loaders (built from
-- commit $UA_RELEASE).  Restored by test/t/upgrade.sh into a database with
-- CREATE EXTENSION uanalytics VERSION '0.1.0'.  Do not edit: regenerate with
--   PG_BINDIR=/opt/pg-upgrade/usr/lib/postgresql/15/bin PGPORT=54420 bash test/upgrade/make-data-0.1.0.sh
-- which ran, in a throwaway cluster:
--   psql -v dir=$exports -d ua_fixture -f test/upgrade/load-0.1.0.sql
--   pg_dump --data-only --schema=uanalytics ua_fixture
EOF
	# without pg_dump's \restrict lines (15.14 and later), which psql
	# before 15.14 cannot read; the file is ours, not an untrusted dump
	"$PG_BINDIR/pg_dump" --data-only --schema=uanalytics -d ua_fixture | grep -v '^\\\(un\)\?restrict '
} >"$out"

# what the dump must hold: every table registered with
# pg_extension_config_dump, and where the identity sequence stands
for t in loads load_errors periods user_engagement gpt_engagement seats user_period_totals gpt_period_totals; do
	grep -q "^COPY uanalytics\.$t " "$out" || fail "no data of uanalytics.$t in $out"
done
grep -q "^SELECT pg_catalog.setval('uanalytics.loads_load_id_seq', " "$out" || fail "no setval of loads_load_id_seq"
echo "wrote $out ($(wc -c <"$out") bytes)"
