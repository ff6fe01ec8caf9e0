#!/usr/bin/env bash
# The README's five-minute tour runs as written against the demo's data: a
# workspace from the generator (as make demo makes it), every ```sql block of
# README.md in order, and the psql \lo_import block, with only the server
# directory's path put in.  Every query must succeed and return rows, and the
# seats it enters must show in users_summary.
set -eu
cd "$(dirname "$0")/../.."
make -s -f test/gen/Makefile
db=ua_readme_tour
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
fail() { echo "FAIL: $*"; exit 1; }

exports="$PGTMP/tour"
test/gen/genexports --users 300 --partial --out "$exports" >/dev/null
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$exports"

# the blocks, in order; a block that names hr.employees gets an HR table first
blocks=$(mktemp -d)
trap 'rm -rf "$blocks"; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
awk -v dir="$blocks" '
	/^```sql$/ { n++; f = sprintf("%s/%02d.sql", dir, n); inside = 1; next }
	/^```$/ && inside { inside = 0; close(f); next }
	/^```$/ && !inside { n++; f = sprintf("%s/%02d.psql", dir, n); inside = 2; next }
	inside { print > f }
' README.md
ls "$blocks" | grep -q . || fail "no blocks found in README.md"

for b in "$blocks"/*; do
	case "$b" in
	*.psql)
		grep -q '^\\lo_import' "$b" || continue
		# run where the file it imports is, under the README's name
		name=$(sed -n "s/^\\\\lo_import '\(.*\)'$/\1/p" "$b")
		src=$(ls "$exports"/*" weekly user report "*.csv | tail -1)
		cp "$src" "$blocks/$name"
		out=$(cd "$blocks" && psql -X -v ON_ERROR_STOP=1 -d $db -f "$b" 2>&1) || fail "$(cat "$b")
$out"
		;;
	*.sql)
		sed -i "s|/srv/exports/chatgpt|$exports|" "$b"
		if grep -q "hr.employees" "$b"; then
			psql -qX -v ON_ERROR_STOP=1 -d $db <<'SQL'
CREATE SCHEMA IF NOT EXISTS hr;
CREATE OR REPLACE VIEW hr.employees AS
	SELECT DISTINCT lower(email) AS email,
	       (ARRAY['Sales', 'R&D', 'Finance', 'Support'])[1 + abs(hashtext(lower(email))) % 4] AS department
	FROM uanalytics.user_engagement;
SQL
		fi
		out=$(psql -X -v ON_ERROR_STOP=1 -d $db -f "$b" 2>&1) || fail "$(cat "$b")
$out"
		;;
	esac
	echo "$out" | grep -q "(0 rows)" && fail "a query of this block returned no rows:
$(cat "$b")
$out"
	echo "ok: $(head -1 "$b")"
done
# the seats entered as the README shows reach the Users tab (a made-up
# account id was accepted and matched nothing)
seated=$(psql -qXAt -v ON_ERROR_STOP=1 -d $db -c "SELECT count(*) FROM uanalytics.users_summary WHERE seats_purchased IS NOT NULL")
[ "$seated" -gt 0 ] || fail "the README's seats reach no period of users_summary"
echo "every README block ran; its seats show in $seated periods"
