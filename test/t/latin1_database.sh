#!/usr/bin/env bash
# A database whose encoding is not UTF-8: text from the (UTF-8) exports is
# converted, maps and lists too; a character the database cannot hold is
# PostgreSQL's conversion error with line and column in its context, and nothing of
# the load remains.
set -eu
cd "$(dirname "$0")/../.."
db=ua_latin1
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" \
	-c "CREATE DATABASE $db ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
q() { PGCLIENTENCODING=UTF8 psql -qXAt -v ON_ERROR_STOP=1 -d $db "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
# the export's bytes as hex: as text they would be converted to LATIN1 on
# their way to the server, before the loader sees them
hex() { printf '%s\n' "$1" | od -An -tx1 | tr -d ' \n'; }
q -c "CREATE EXTENSION uanalytics"

header='cadence,period_start,period_end,account_id,public_id,name,email,department,tool_to_messages,groups'
good="$header
Weekly,2025-10-19,2025-10-25,acc1,user-a,José Müller,jose@x.com,\"[\"\"Logística\"\"]\",\"{'DALL·E': 2, 'Café': 1}\",{'g1': 'Équipe'}"
res=$(q -v csv="$(hex "$good")" <<'SQL'
SELECT rows_loaded FROM uanalytics.load_data(decode(:'csv', 'hex'), 'latin1.csv');
SELECT name || '|' || department[1] || '|' || (tool_to_messages->>'DALL·E') || '|' || (tool_to_messages->>'Café')
       || '|' || (groups->>'g1') || '|' || octet_length(convert_to(name, 'LATIN1'))
FROM uanalytics.user_engagement;
SQL
)
echo "$res"
[ "$res" = "1
José Müller|Logística|2|1|Équipe|11" ] || fail "converted text: $res"

bad="$header
Weekly,2025-10-26,2025-11-01,acc1,user-a,Ana,ana@x.com,,,
Weekly,2025-10-26,2025-11-01,acc1,user-b,王芳,wang@x.com,,,"
if out=$(q -v csv="$(hex "$bad")" <<<"SELECT * FROM uanalytics.load_data(decode(:'csv', 'hex'), 'chinese.csv');" 2>&1); then
	fail "a character LATIN1 cannot hold was loaded: $out"
fi
echo "$out"
echo "$out" | grep -q 'has no equivalent in encoding "LATIN1"' || fail "not the conversion error"
echo "$out" | grep -q 'uanalytics load of "chinese.csv", line 3, column name' || fail "the error does not name line and column"
[ "$(q -c "SELECT count(*) FROM uanalytics.user_engagement WHERE period_start = '2025-10-26'")" = 0 ] ||
	fail "rows of the failed load remain"
# what the loader writes about a file is in the database's encoding too:
# unknown header names, and the message and raw text of a rejected record
# (a character LATIN1 lacks written as \uXXXX there)
odd="cadence,period_start,period_end,account_id,public_id,email,messages,Größe,列
Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1é,1,2
Weekly,2025-11-02,2025-11-08,acc1,user-b,b@x.com,2,1,2"
res=$(q -v csv="$(hex "$odd")" <<'SQL'
SELECT rows_loaded || '|' || rows_rejected || '|' || array_to_string(unknown_columns, ',')
FROM uanalytics.load_data(decode(:'csv', 'hex'), 'odd.csv', 'skip');
SELECT message || '|' || raw_record FROM uanalytics.load_errors;
SQL
)
echo "$res"
[ "$res" = '1|1|Größe,\u5217
invalid count "1é"|Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1é,1,2' ] || fail "texts about the file: $res"
# the unknown columns' values are kept in extra, a character LATIN1 lacks
# written \uXXXX as in the texts above, rather than failing the record
res=$(q -c "SELECT extra::text FROM uanalytics.user_engagement WHERE public_id = 'user-b'")
echo "$res"
[ "$res" = '{"Größe": "1", "\\u5217": "2"}' ] || fail "extra: $res"
echo "non-UTF-8 database: text converted, unconvertible characters refused with their line"
