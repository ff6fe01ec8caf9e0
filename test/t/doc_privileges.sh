#!/usr/bin/env bash
# doc/privileges.md runs as written and says what is so: every ```sql block,
# in order, in a database holding loaded exports and rejected records; then
# each of its roles reads what the page says and is refused the rest, and its
# table of personal data names every table and view of the schema.  A block
# that grants views a later version adds runs only once they exist.
set -eu
cd "$(dirname "$0")/../.."
db=ua_doc_privileges
roles="metabase ana etl dashboard_reader analyst loader"
cleanup() {
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	for r in $roles; do psql -qX -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1 || true; done
	rm -rf "${blocks:-}"
}
fail() { echo "FAIL: $*"; exit 1; }
cleanup
trap cleanup EXIT
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "CREATE DATABASE $db"
q() { psql -qX -v ON_ERROR_STOP=1 -d $db -At "$@"; }

# exports, and a rejected record in load_errors
q -c "CREATE EXTENSION uanalytics" >/dev/null
q -c "SELECT count(*) FROM uanalytics.load('$TESTDATA/views/acme')" >/dev/null
q -c "SELECT rows_rejected FROM uanalytics.load('$TESTDATA/bad_count.csv', on_error => 'skip')" | grep -qx 1 ||
	fail "the bad file did not leave a rejected record"

blocks=$(mktemp -d)
awk -v dir="$blocks" '
	/^```sql$/ { n++; f = sprintf("%s/%02d.sql", dir, n); inside = 1; next }
	/^```/ && inside { inside = 0; close(f); next }
	inside { print > f }
' doc/privileges.md
ls "$blocks" | grep -q . || fail "no sql blocks in doc/privileges.md"
for b in "$blocks"/*.sql; do
	if grep -q "uanalytics.accounts" "$b" &&
		[ "$(q -c "SELECT to_regclass('uanalytics.accounts') IS NULL")" = t ]; then
		echo "skipped (no such views yet): $(head -1 "$b")"
		continue
	fi
	out=$(psql -X -v ON_ERROR_STOP=1 -d $db -f "$b" 2>&1) || fail "$(cat "$b")
$out"
	echo "ok: $(head -1 "$b")"
done

# $1 may run $2 and get rows; $3 (optional) is the output expected
may() {
	local out
	out=$(q -c "SET ROLE $1" -c "$2" 2>&1) || fail "$1 was refused: $2
$out"
	[ -n "$out" ] || fail "$1 got no rows: $2"
	[ -z "${3:-}" ] || [ "$out" = "$3" ] || fail "$1: $2 gave $out, expected $3"
}
# $1 may not run $2: a permission error (SQLSTATE 42501)
may_not() {
	local out
	out=$(psql -qX -d $db -At -v VERBOSITY=sqlstate -c "SET ROLE $1" -c "$2" 2>&1) &&
		fail "$1 was allowed: $2"
	echo "$out" | grep -q 42501 || fail "$1: $2 failed otherwise:
$out"
}

for v in overview users_summary gpts_summary gpts_created prior_periods department_activity; do
	may dashboard_reader "SELECT count(*) > 0 FROM uanalytics.$v" t
done
may dashboard_reader "SELECT count(*) FROM uanalytics.group_activity" 0   # no groups in these exports
for t in users gpts user_engagement gpt_engagement load_errors loads user_period_totals periods seats \
	users_pseudonymous pseudonym_key settings; do
	may_not dashboard_reader "SELECT count(*) FROM uanalytics.$t"
done
# grant_viewer lets it call overview_between, which reads user_engagement
# with its owner's rights
may dashboard_reader "SELECT unique_active_users FROM uanalytics.overview_between('2025-01-01', '2025-03-31')"
may_not dashboard_reader "SELECT * FROM uanalytics.reclaim_candidates()"
may_not dashboard_reader "UPDATE uanalytics.settings SET value = '1'"

for v in overview users gpts user_engagement gpt_engagement loads user_period_totals periods; do
	may analyst "SELECT count(*) > 0 FROM uanalytics.$v" t
done
may analyst "SELECT count(*) FROM uanalytics.seats" 0
may analyst "SELECT unique_active_users FROM uanalytics.overview_between('2025-01-01', '2025-03-31')"
may analyst "SELECT count(*) > 0 FROM uanalytics.users_pseudonymous" t
may analyst "SELECT count(*) >= 0 FROM uanalytics.reclaim_candidates()" t
may_not analyst "SELECT count(*) FROM uanalytics.pseudonym_key"
may_not analyst "SELECT count(*) FROM uanalytics.load_errors"
may_not analyst "SELECT * FROM uanalytics.load_data('\\x'::bytea, 'x.csv')"
may ana "SELECT count(*) > 0 FROM uanalytics.users" t
may metabase "SELECT count(*) > 0 FROM uanalytics.users_summary" t
may_not metabase "SELECT count(*) FROM uanalytics.users"

# the loader loads from a client and from a server file, and reads what it rejected
data=$(q -c "SELECT pg_read_binary_file('$TESTDATA/users_monthly_seed.csv')")
may etl "SELECT status FROM uanalytics.load_data('$data'::bytea, 'seed.csv')" loaded
may etl "SELECT status FROM uanalytics.load('$TESTDATA/users_weekly_late2025.csv')" loaded
may etl "SELECT count(*) > 0 FROM uanalytics.load_errors" t
# granted every table, the loader still reads no pseudonym key and changes
# no setting
may etl "SELECT count(*) FROM uanalytics.pseudonym_key" 0
may_not etl "UPDATE uanalytics.settings SET value = '1'"

# the page's table names every table and view of the schema, and the
# aggregates-only role reads only objects the table says hold no personal data
sed -n 's/^| `\([a-z_]*\)`\(, `\([a-z_]*\)`\)\{0,1\} | [^|]* | \(yes\|no\|perhaps\)[:,].*/\1 \3 \4/p' doc/privileges.md |
	awk '{ if (NF == 3) { print $1, $3; print $2, $3 } else print $1, $2 }' >"$blocks/classes"
[ "$(wc -l <"$blocks/classes")" -ge 15 ] || fail "could not read the table of personal data: $(cat "$blocks/classes")"
values=$(awk '{ printf "%s(%s, %s)", (NR > 1 ? ", " : ""), "\x27" $1 "\x27", "\x27" $2 "\x27" }' "$blocks/classes")
unlisted=$(q -c "SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c
	WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
	  AND c.relname NOT IN (SELECT name FROM (VALUES $values) AS d(name, personal))")
[ -z "$unlisted" ] || fail "doc/privileges.md does not say whether these hold personal data: $unlisted"
leaks=$(q -c "SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c
	JOIN (VALUES $values) AS d(name, personal) ON d.name = c.relname
	WHERE c.relnamespace = 'uanalytics'::regnamespace AND d.personal <> 'no'
	  AND has_table_privilege('dashboard_reader', c.oid, 'SELECT')")
[ -z "$leaks" ] || fail "dashboard_reader reads objects with personal data: $leaks"
unread=$(q -c "SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c
	JOIN (VALUES $values) AS d(name, personal) ON d.name = c.relname
	WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relname NOT IN ('load_errors', 'pseudonym_key')
	  AND NOT has_table_privilege('analyst', c.oid, 'SELECT')")
[ -z "$unread" ] || fail "analyst cannot read: $unread"
echo "every block of doc/privileges.md ran; each role reads what the page says"
