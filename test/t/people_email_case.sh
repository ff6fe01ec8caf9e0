#!/usr/bin/env bash
# people by lower(email) in databases whose lower() is not ASCII's: the
# loader hashes each row's lower(email) as the database's default collation
# gives it (src/digests.c), and a lookup finds a person only if that hash
# equals the one of the value asked for.  A Turkish ICU database lowers I to
# a dotless i, so the loader's shortcut for ASCII emails must not apply
# there; a LATIN1 database has non-ASCII emails in one byte a character.  In
# each, every person found by lower(email) and by email equals what
# people_from_rows (computed from the rows) finds, for every stored email in
# three cases, and the scan says it looked the email up.  Three accounts
# (one public_id in two of them): all of people, from the digests, equals
# people_from_rows too.
set -eu
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*"; exit 1; }
hex() { printf '%s\n' "$1" | od -An -tx1 | tr -d ' \n'; }

header='cadence,period_start,period_end,account_id,public_id,name,email,user_status,created_or_invited_date,is_active,messages'
csv="$header
Monthly,2025-01-01,2025-01-31,acc1,user-ivan,Ivan,IVAN@X.COM,enabled,2024-12-01,1,5
Monthly,2025-01-01,2025-01-31,acc1,user-ivan2,Ivan,ivan@x.com,enabled,2024-12-01,1,6
Monthly,2025-01-01,2025-01-31,acc1,user-ipek,İpek,İPEK@X.COM,enabled,2024-12-01,1,7
Monthly,2025-01-01,2025-01-31,acc1,user-jose,José,JOSÉ@X.COM,enabled,2024-12-01,0,0
Monthly,2025-01-01,2025-01-31,acc1,user-ana,Ana,Ana@X.com,enabled,2024-12-01,1,1
Monthly,2025-01-01,2025-01-31,acc0,user-zed,Zed,ZED@X.COM,enabled,2024-12-01,1,3
Monthly,2025-01-01,2025-01-31,acc2,user-ivan,Ivan,IVAN@X.COM,enabled,2024-12-01,1,4"

check() {
	db=$1
	shift
	trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
	PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" \
		-c "CREATE DATABASE $db $* TEMPLATE template0"
	q() { PGCLIENTENCODING=UTF8 psql -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"; }
	q -c "CREATE EXTENSION uanalytics"
	# a LATIN1 database holds only the Latin-1 emails
	local file=$csv
	[ "$(q -c 'SHOW server_encoding')" = LATIN1 ] && file=$(printf '%s\n' "$csv" | grep -v İ)
	q -v csv="$(hex "$file")" <<<"SELECT rows_loaded FROM uanalytics.load_data(decode(:'csv', 'hex'), 'case.csv');" >/dev/null
	echo "$db: lower('IVAN@X.COM') = $(q -c "SELECT lower('IVAN@X.COM')")"
	res=$(q <<'SQL'
CREATE TEMP TABLE asked AS
SELECT DISTINCT v FROM uanalytics.user_engagement, LATERAL (VALUES (email), (lower(email)), (upper(email))) AS a(v);
SELECT count(*) FROM asked;
SELECT a.v, x.how, x.person_key
FROM asked AS a,
	LATERAL (SELECT 'lower people', person_key FROM uanalytics.people WHERE lower(email) = lower(a.v)
			 EXCEPT ALL SELECT 'lower people', person_key FROM uanalytics.people_from_rows WHERE lower(email) = lower(a.v)
			 UNION ALL
			 (SELECT 'lower rows', person_key FROM uanalytics.people_from_rows WHERE lower(email) = lower(a.v)
			  EXCEPT ALL SELECT 'lower rows', person_key FROM uanalytics.people WHERE lower(email) = lower(a.v))
			 UNION ALL
			 (SELECT 'email rows', person_key FROM uanalytics.people_from_rows WHERE email = a.v
			  EXCEPT ALL SELECT 'email rows', person_key FROM uanalytics.people WHERE email = a.v)) AS x(how, person_key);
SELECT count(*) FROM uanalytics.people WHERE lower(email) = lower('IVAN@X.COM');
SELECT 'whole', x::text FROM ((TABLE uanalytics.people EXCEPT ALL TABLE uanalytics.people_from_rows)
	UNION ALL (TABLE uanalytics.people_from_rows EXCEPT ALL TABLE uanalytics.people)) AS x;
SQL
	)
	echo "$res"
	asked=$(echo "$res" | sed -n 1p)
	[ "$asked" -ge 7 ] || fail "$db: asked only $asked emails"
	[ "$(echo "$res" | wc -l)" = 2 ] || fail "$db: people differs from people_from_rows (above)"
	[ "$(echo "$res" | sed -n 2p)" -ge 1 ] || fail "$db: nobody found by lower('IVAN@X.COM')"
	q -c "EXPLAIN SELECT * FROM uanalytics.people WHERE lower(email) = 'x'" | grep -q 'People: by lower(email)' ||
		fail "$db: the scan does not look the email up"
	psql -qX -d postgres -c "DROP DATABASE $db"
	trap - EXIT
}

check ua_email_tr LOCALE_PROVIDER icu ICU_LOCALE "'tr-TR'" LOCALE "'C'" ENCODING "'UTF8'"
check ua_email_latin1 ENCODING "'LATIN1'" LC_COLLATE "'C'" LC_CTYPE "'C'"
echo "ok"
