#!/usr/bin/env bash
# doc/hr-data.md runs as written: every ```sql block, in order, in one psql
# session (as a reader following the page would), from a directory holding
# the page's employees.csv, against a month of exports.  The HR file
# (test/data/hr/employees.csv) is Windows-1252 with CR LF line ends, blanks
# around and inside department names, an employee who is not in the export,
# and the export (test/data/hr/users_monthly_2025-09.csv) has a user who is
# not in HR.  The session's output must be test/t/doc_hr_data.out, every
# query result the page shows must be in it, and the counts that matter are
# checked by name below.
set -eu
cd "$(dirname "$0")/../.."
db=ua_doc_hr_data
work=$(mktemp -d)
cleanup() {
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q() { psql -qX -v ON_ERROR_STOP=1 -d $db -At "$@"; }

q -c "CREATE EXTENSION uanalytics"
[ "$(q -c "SELECT status FROM uanalytics.load('$TESTDATA/hr/users_monthly_2025-09.csv')")" = loaded ] ||
	fail "the export did not load"
cp test/data/hr/employees.csv "$work/"

# the page's sql blocks as one psql script, and the query results it shows
awk -v script="$work/page.sql" -v shown="$work/shown" '
	/^```sql$/ { n++; printf "\\echo == block %d\n", n > script; inside = 1; next }
	/^```$/ && !inside { inside = 2; m++; next }
	/^```$/ { inside = 0; next }
	inside == 1 { print > script }
	inside == 2 { printf "%d\t%s\n", m, $0 > shown }
' doc/hr-data.md
[ -s "$work/page.sql" ] || fail "no sql blocks in doc/hr-data.md"
out=$(cd "$work" && psql -X -v ON_ERROR_STOP=1 -d $db -f page.sql 2>&1) || fail "a block failed:
$out"
echo "$out" >"$work/page.out"
# UA_WRITE_DOCS=1 rewrites the expected output instead (review the diff)
[ "${UA_WRITE_DOCS:-0}" = 1 ] && cp "$work/page.out" test/t/doc_hr_data.out
diff -u test/t/doc_hr_data.out "$work/page.out" || fail "the page's output differs from test/t/doc_hr_data.out"

# every result table the page shows (a plain block whose second line is a
# psql separator) is what its query gives
for m in $(cut -f1 "$work/shown" | sort -un); do
	grep "^$m	" "$work/shown" | cut -f2- >"$work/block"
	sed -n 2p "$work/block" | grep -qE '^-+(\+-+)+$' || continue
	python3 -c 'import sys; t = lambda f: "\n".join(l.rstrip() for l in open(f).read().splitlines())
sys.exit(t(sys.argv[1]) not in t(sys.argv[2]))' \
		"$work/block" "$work/page.out" || fail "the page shows a result its query does not give:
$(cat "$work/block")"
	echo "ok: the result shown for $(sed -n 1p "$work/block" | tr -s ' ')"
done

# what the page is for, by name; first, that the file needs its ENCODING
err=$(cd "$work" && PGCLIENTENCODING=UTF8 psql -qX -d $db -c "CREATE TEMPORARY TABLE t (LIKE hr.employees_raw)" \
	-c "\\copy t FROM 'employees.csv' WITH (FORMAT csv, HEADER)" 2>&1) && fail "employees.csv loaded as UTF-8"
echo "$err" | grep -q 'invalid byte sequence for encoding "UTF8": 0xfa' || fail "not the error the page shows: $err"
[ "$(q -c "SELECT name FROM hr.employees WHERE employee_id = 'E1002'")" = "Núñez, José" ] ||
	fail "the Windows-1252 name was not decoded"
[ "$(q -c "SELECT string_agg(DISTINCT department, '|' ORDER BY department) FROM hr.employees")" = \
	"Finance|Research & Development|Sales" ] || fail "departments not cleaned: $(q -c "SELECT DISTINCT department FROM hr.employees")"
[ "$(q -c "SELECT count(*) FROM hr.employees WHERE email <> lower(btrim(email)) OR email ~ '\s'")" = 0 ] ||
	fail "emails not trimmed and lower-cased"
counts=$(q -F ' ' -c "WITH export AS (SELECT DISTINCT lower(email) AS email FROM uanalytics.users
		WHERE cadence = 'Monthly' AND period_start = '2025-09-01')
	SELECT count(*) FILTER (WHERE export.email IS NOT NULL AND hr.email IS NOT NULL),
		string_agg(export.email, ',') FILTER (WHERE hr.email IS NULL),
		string_agg(hr.email, ',') FILTER (WHERE export.email IS NULL)
	FROM export FULL JOIN hr.employees AS hr ON hr.email = export.email")
[ "$counts" = "5 lee.wong@partner.example.org zoe.brandt@example.com" ] ||
	fail "matched, export user not in HR, HR row not in export: $counts"
grep -qx 'department,active_users,messages' "$work/departments-2025-09.csv" ||
	fail "departments-2025-09.csv has no header: $(cat "$work/departments-2025-09.csv")"
[ "$(sed 1d "$work/departments-2025-09.csv" | awk -F, '{ a += $2; m += $3 } END { print a, m }')" = \
	"$(q -F ' ' -c "SELECT unique_active_users, total_messages FROM uanalytics.overview
		WHERE cadence = 'Monthly' AND period_start = '2025-09-01'")" ] ||
	fail "the departments of departments-2025-09.csv do not add up to the month's overview"
[ "$(wc -l <"$work/users_summary.csv")" = 2 ] || fail "users_summary.csv: $(cat "$work/users_summary.csv")"

# the other pages' examples that join hr.employees run against the page's view
for page in README.md doc/users.md doc/aggregates.md; do
	awk -v dir="$work" -v page="$(basename "$page" .md)" '
		/^```sql$/ { n++; f = sprintf("%s/%s-%02d.sql", dir, page, n); inside = 1; next }
		/^```$/ && inside { inside = 0; close(f); next }
		inside { print > f }
	' "$page"
done
n=0
for b in $(grep -l "hr\.employees" "$work"/*-[0-9][0-9].sql); do
	out=$(psql -X -v ON_ERROR_STOP=1 -d $db -f "$b" 2>&1) || fail "$(cat "$b")
$out"
	n=$((n + 1))
done
[ "$n" -ge 5 ] || fail "only $n examples of other pages join hr.employees"
echo "ok: $n examples of README.md, users.md and aggregates.md that join hr.employees"
echo "every block of doc/hr-data.md ran and gave the results expected"
