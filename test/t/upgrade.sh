#!/usr/bin/env bash
# ALTER EXTENSION uanalytics UPDATE from the released 0.1.0 keeps every row
# and every grant, and leaves exactly what a fresh CREATE EXTENSION makes.
#
#  A: 0.1.0 with a year's data (test/upgrade/data-0.1.0.sql, made by 0.1.0's
#     loaders) and the roles of doc/privileges.md, then updated;
#  B: a fresh install of the current version;
#  C: pg_dump of A, restored.
#
# Checked: the rows of every table and the sequence, over 0.1.0's columns,
# are the same after the update; the grants are still there; the catalogs of
# A and B are the same (test/upgrade/catalog.sql: columns in order, views,
# functions, aggregates, indexes, constraints, triggers, types, statistics,
# comments, configuration tables, privileges); the rollups equal what
# refresh_summaries computes; the loader role loads again, a 2026 Date Range
# export loads beside 0.1.0's rows, and every view answers; C holds A's rows.
set -eu
cd "$(dirname "$0")/../.."
a=ua_upgrade_a b=ua_upgrade_b c=ua_upgrade_c
roles=ua_upgrade_analyst,ua_upgrade_loader
version=$(sed -n 's/^EXTVERSION = //p' Makefile)
pg_dump=${PG_BINDIR:+$PG_BINDIR/}pg_dump
pg_config=${PG_CONFIG:-pg_config}
release=5c9eed6   # the commit that shipped 0.1.0 (EXTVERSION = 0.1.0)
library=$("$pg_config" --pkglibdir)/uanalytics.so
# 0.1.0 was released for PostgreSQL 15 only.  Built against later headers,
# its library calls VARDATA_ANY and Abs as functions (they are macros of
# varatt.h from 16 on, and gone in 17) and does not load.
major=$("$pg_config" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
if [ "$major" != 15 ]; then
	echo "not on PostgreSQL $major: 0.1.0 was released for 15 only, and its library does not load on $major"
	exit 77
fi
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
tmp=$(mktemp -d)
# Replaces the installed library by a new file (a rename, so that a
# server process that has the old one mapped keeps reading it).
put_library() {
	$sudo cp "$1" "$library.new" && $sudo mv "$library.new" "$library"
}
cleanup() {
	[ -f "$tmp/current.so" ] && put_library "$tmp/current.so"
	PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $a" \
		-c "DROP DATABASE IF EXISTS $b" -c "DROP DATABASE IF EXISTS $c" \
		-c "DROP ROLE IF EXISTS ua_upgrade_analyst" -c "DROP ROLE IF EXISTS ua_upgrade_loader" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
cleanup
trap cleanup EXIT
mkdir -p "$tmp"
cp "$library" "$tmp/current.so"
q() { local db=$1; shift; psql -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

# SQL printing, for every table and sequence of schema uanalytics as they
# are now, one line: its row count and the md5 of its rows (as text, in
# order) over its present columns; run again later, it compares over these
# columns only
rows_sql() {
	q "$1" <<'SQL'
SELECT format('SELECT %L || '' '' || count(*) || '' '' || md5(coalesce(string_agg(r, E''\n'' ORDER BY r), '''')) FROM (SELECT ROW(%s)::text AS r FROM %s) AS t;',
		c.relname, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum), c.oid::regclass)
FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relkind IN ('r', 'p')
GROUP BY c.oid, c.relname
UNION ALL
SELECT format('SELECT %L || '' last_value '' || last_value || '' is_called '' || is_called FROM %s;', c.relname, c.oid::regclass)
FROM pg_class AS c WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relkind = 'S'
ORDER BY 1;
SQL
}
# runs that SQL; a statement that fails (a column gone) shows as its error
rows() { psql -qXAt -d "$1" -f "$2" 2>&1 | sed 's/^psql:[^ ]* //'; }

echo "== A: uanalytics 0.1.0, its data restored, the roles of doc/privileges.md"
PGOPTIONS="-c client_min_messages=warning" psql -qX -v ON_ERROR_STOP=1 -d postgres \
	-c "CREATE DATABASE $a" -c "CREATE DATABASE $b" -c "CREATE DATABASE $c" \
	-c "CREATE ROLE ua_upgrade_analyst NOLOGIN" -c "CREATE ROLE ua_upgrade_loader NOLOGIN"
# A is made as a 0.1.0 install was: with 0.1.0's own library, built from
# the commit that shipped it (its C functions have names this build no
# longer has).  Then this build's library takes over, as make install does
# on a user's server, and the update runs in new sessions.
git cat-file -e "$release^{commit}" 2>/dev/null ||
	fail "0.1.0's library is built from commit $release: this clone has no history"
mkdir -p "$tmp/0.1.0"
git archive "$release" | tar -x -C "$tmp/0.1.0"
make -s -C "$tmp/0.1.0" PG_CONFIG="$pg_config" >/dev/null 2>"$tmp/build.log" ||
	{ cat "$tmp/build.log"; fail "could not build 0.1.0"; }
put_library "$tmp/0.1.0/uanalytics.so"
q $a -c "CREATE EXTENSION uanalytics VERSION '0.1.0'"
q $a -f test/upgrade/data-0.1.0.sql >/dev/null
put_library "$tmp/current.so"
q $a <<'SQL'
GRANT USAGE ON SCHEMA uanalytics TO ua_upgrade_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA uanalytics TO ua_upgrade_analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA uanalytics GRANT SELECT ON TABLES TO ua_upgrade_analyst;
GRANT USAGE ON SCHEMA uanalytics TO ua_upgrade_loader;
GRANT EXECUTE ON FUNCTION uanalytics.load_data(bytea, text, text, text),
                          uanalytics.load_lo(oid, text, text, text),
                          uanalytics.load(text, text, text) TO ua_upgrade_loader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA uanalytics TO ua_upgrade_loader;
SQL

# the grants to the test roles, as role|kind|object|privilege
q $a >"$tmp/grants" <<'SQL'
SELECT concat_ws('|', r.rolname, g.kind, g.obj, g.priv)
FROM (SELECT 'table' AS kind, c.oid::regclass::text AS obj, a.grantee, a.privilege_type AS priv
      FROM pg_class AS c, aclexplode(c.relacl) AS a WHERE c.relnamespace = 'uanalytics'::regnamespace
      UNION ALL
      SELECT 'function', p.oid::regprocedure::text, a.grantee, a.privilege_type
      FROM pg_proc AS p, aclexplode(p.proacl) AS a WHERE p.pronamespace = 'uanalytics'::regnamespace
      UNION ALL
      SELECT 'schema', n.nspname, a.grantee, a.privilege_type
      FROM pg_namespace AS n, aclexplode(n.nspacl) AS a WHERE n.nspname = 'uanalytics') AS g
JOIN pg_roles AS r ON r.oid = g.grantee
WHERE r.rolname IN ('ua_upgrade_analyst', 'ua_upgrade_loader')
ORDER BY 1;
SQL
echo "$(wc -l <"$tmp/grants") privileges granted to $roles"

echo "== rows of every table before the update (table, rows, md5 of the rows)"
rows_sql $a >"$tmp/rows-0.1.0.sql"
rows $a "$tmp/rows-0.1.0.sql" | tee "$tmp/rows-before"
empty=$(awk '$2 == "0" { print $1 }' "$tmp/rows-before")
[ -z "$empty" ] || fail "no rows restored in: $(echo $empty) (regenerate test/upgrade/data-0.1.0.sql with rows in every table)"

# a function of the user's that returns the loaders' result type: the
# update must neither fail on it nor leave it broken
q $a -c "CREATE FUNCTION public.ua_upgrade_wrapper(b bytea) RETURNS SETOF uanalytics.load_result
	LANGUAGE sql AS 'SELECT * FROM uanalytics.load_data(b, ''wrapper.csv'')'"

echo "== ALTER EXTENSION uanalytics UPDATE (to $version)"
q $a -c "ALTER EXTENSION uanalytics UPDATE"
got=$(q $a -c "SELECT extversion FROM pg_extension WHERE extname = 'uanalytics'")
[ "$got" = "$version" ] || fail "extversion is $got after the update, the Makefile's EXTVERSION is $version"

echo "== rows of every table after the update, over 0.1.0's columns"
rows $a "$tmp/rows-0.1.0.sql" >"$tmp/rows-after"
diff -u --label "before the update" --label "after the update" "$tmp/rows-before" "$tmp/rows-after" ||
	fail "the update changed or lost rows (above: - before, + after; a table or column the update dropped shows as an error)"
echo "the same $(wc -l <"$tmp/rows-before") tables and sequences"
got=$(q $a -c "BEGIN" -c "SELECT status || ' ' || rows_loaded || ' ' || rows_repaired FROM public.ua_upgrade_wrapper(convert_to(
'cadence,period_start,period_end,account_id,public_id,email
Weekly,2030-01-06,2030-01-12,wrapper,user-w,w@example.com
', 'UTF8'))" -c "ROLLBACK")
[ "$got" = "loaded 1 0" ] || fail "a function returning uanalytics.load_result after the update: $got"
echo "a function of the user's returning uanalytics.load_result still works"

echo "== grants after the update"
q $a -v grants="$(cat "$tmp/grants")" >"$tmp/grants-after" <<'SQL'
SELECT format('%s %s on %s %s: %s', g.role, g.priv, g.kind, g.obj,
	CASE g.kind
	WHEN 'table' THEN CASE WHEN to_regclass(g.obj) IS NULL THEN 'gone'
	                       WHEN has_table_privilege(g.role, to_regclass(g.obj), g.priv) THEN 'kept' ELSE 'LOST' END
	WHEN 'function' THEN CASE WHEN to_regprocedure(g.obj) IS NULL THEN 'gone'
	                          WHEN has_function_privilege(g.role, to_regprocedure(g.obj), g.priv) THEN 'kept' ELSE 'LOST' END
	WHEN 'schema' THEN CASE WHEN to_regnamespace(g.obj) IS NULL THEN 'gone'
	                        WHEN has_schema_privilege(g.role, g.obj, g.priv) THEN 'kept' ELSE 'LOST' END
	END)
FROM (SELECT split_part(l, '|', 1) AS role, split_part(l, '|', 2) AS kind,
             split_part(l, '|', 3) AS obj, split_part(l, '|', 4) AS priv
      FROM regexp_split_to_table(:'grants', E'\n') AS l) AS g
ORDER BY 1;
-- doc/privileges.md: the analyst's default privileges cover what later
-- upgrades create
SELECT format('ua_upgrade_analyst SELECT on new %s %s: LOST (default privileges)', c.relkind, c.oid::regclass)
FROM pg_class AS c
WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND NOT has_table_privilege('ua_upgrade_analyst', c.oid, 'SELECT');
SQL
echo "$(grep -c ': kept$' "$tmp/grants-after") kept"
grep ': gone$' "$tmp/grants-after" | sed 's/^/note: the object is gone: /' || true
if grep ': LOST' "$tmp/grants-after"; then
	fail "privileges granted on 0.1.0 were lost by the update (above)"
fi

echo "== catalog of A (updated) against B (fresh CREATE EXTENSION)"
q $b -c "CREATE EXTENSION uanalytics"
q $a -v ignore_roles=$roles -f test/upgrade/catalog.sql >"$tmp/catalog-a"
q $b -v ignore_roles=$roles -f test/upgrade/catalog.sql >"$tmp/catalog-b"
grep '^== ' "$tmp/catalog-b" | while read -r _ section; do
	echo "$section: $(awk -v s="== $section" '$0 == s { on = 1; next } /^== / { on = 0 } on' "$tmp/catalog-b" | wc -l) lines"
done
if ! diff -u --label "updated from 0.1.0 ($a)" --label "fresh install ($b)" "$tmp/catalog-a" "$tmp/catalog-b"; then
	fail "the updated extension differs from a fresh install (above: - updated, + fresh); the upgrade script sql/uanalytics--0.1.0--$version.sql must make what sql/install/ makes"
fi
echo "the same"

echo "== A after the update: rollups, a load by the loader role, the views"
# the rollups carried over from 0.1.0 are what this version computes
q $a >"$tmp/rollups" <<'SQL'
CREATE TEMP TABLE u AS SELECT * FROM uanalytics.user_period_totals;
CREATE TEMP TABLE g AS SELECT * FROM uanalytics.gpt_period_totals;
BEGIN;
SELECT uanalytics.refresh_summaries(NULL) \g /dev/null
SELECT 'user_period_totals differs: ' || d FROM ((TABLE u EXCEPT ALL TABLE uanalytics.user_period_totals)
	UNION ALL (TABLE uanalytics.user_period_totals EXCEPT ALL TABLE u)) AS d
UNION ALL
SELECT 'gpt_period_totals differs: ' || d FROM ((TABLE g EXCEPT ALL TABLE uanalytics.gpt_period_totals)
	UNION ALL (TABLE uanalytics.gpt_period_totals EXCEPT ALL TABLE g)) AS d;
ROLLBACK;
SQL
if [ -s "$tmp/rollups" ]; then
	cat "$tmp/rollups"
	fail "the rollups kept from 0.1.0 are not what refresh_summaries computes now: the update must recompute them"
fi
echo "rollups: what refresh_summaries computes"

# the loader role, granted on 0.1.0, loads eu1's February (a new period)
# and acme's January again (the same bytes: unchanged)
max_before=$(q $a -c "SELECT last_value FROM uanalytics.loads_load_id_seq")
res=$(q $a -v feb="$TESTDATA/views/eu1/users_monthly_2025-02.csv" -v jan="$TESTDATA/views/acme/users_monthly_2025-01.csv" <<'SQL' 2>&1
SELECT pg_read_binary_file(:'feb') AS feb, pg_read_binary_file(:'jan') AS jan \gset
SET ROLE ua_upgrade_loader;
SELECT concat_ws(' ', load_id, status, rows_loaded) FROM uanalytics.load_data(:'feb'::bytea, 'eu1 monthly user report 2025-02-01.csv');
SELECT concat_ws(' ', status, rows_loaded) FROM uanalytics.load_data(:'jan'::bytea, 'users_monthly_2025-01.csv');
RESET ROLE;
SELECT concat_ws(' ', users, unique_active_users, total_messages) FROM uanalytics.user_period_totals
WHERE account_id = 'eu1' AND period_start = '2025-02-01';
SQL
) || fail "the loader role of doc/privileges.md, granted on 0.1.0, cannot load after the update: $res"
echo "loads by ua_upgrade_loader (load_id status rows, then the new period's rollup): $(echo $res)"
read -r id status loaded <<<"$(echo "$res" | sed -n 1p)"
[ "$status $loaded" = "loaded 2" ] || fail "eu1's February: $res"
[ "$id" -gt "$max_before" ] || fail "load_id $id: the identity sequence did not continue from $max_before"
[ "$(echo "$res" | sed -n 2p)" = "unchanged 0" ] || fail "acme's January, loaded in 0.1.0, was not recognised as unchanged: $res"
[ -n "$(echo "$res" | sed -n 3p)" ] || fail "no rollup row for eu1's February"

# 2026 exports load into the updated database beside 0.1.0's rows: a Date
# Range of acme with seat_type, credits_used and a column nobody knows
res=$(q $a <<'SQL' 2>&1
SET ROLE ua_upgrade_loader;
SELECT concat_ws(' ', status, rows_loaded) FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,is_active,messages,seat_type,credits_used,Region
acme,Date Range,2025-01-05,2025-02-14,user-ana,ana@acme.example,1,40,ChatGPT,10.5,EU
acme,Date Range,2025-01-05,2025-02-14,user-ben,ben@acme.example,0,0,Codex,,
', 'UTF8'), 'acme date range.csv');
RESET ROLE;
SELECT concat_ws(' ', unique_active_users, total_messages, users) FROM uanalytics.date_ranges WHERE account_id = 'acme';
SELECT concat_ws(' ', cadence, unique_active_users, total_messages) FROM uanalytics.overview_between('2025-01-05', '2025-02-14');
SELECT concat_ws(' ', seat_type, credits_used, extra ->> 'Region') FROM uanalytics.user_engagement
WHERE cadence = 'Date Range' AND public_id = 'user-ana';
SQL
) || fail "a 2026 Date Range export does not load after the update: $res"
echo "a 2026 Date Range export after the update: $(echo $res)"
[ "$(echo "$res" | tr '\n' '|')" = "loaded 2|1 40 2|Date Range 1 40|ChatGPT 10.5 EU|" ] ||
	fail "the Date Range export after the update: $res"

# every view answers over the updated data
q $a >"$tmp/views-sql" <<'SQL'
SELECT format('SELECT %L || '' '' || count(*) FROM %s;', c.relname, c.oid::regclass)
FROM pg_class AS c WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relkind IN ('v', 'm')
ORDER BY c.relname;
SQL
out=$(q $a -f "$tmp/views-sql" 2>&1) || fail "a view fails after the update: $out"
echo "views (rows): $(echo $out)"

# people, from the digests and the email lookup the update wrote (and the
# loads after it), equals people_from_rows, from the rows: whole, and found
# by every stored email (each a lookup)
people_check() { # database option
	q "$1" <<'SQL'
SELECT 'people differs: ' || d::text FROM ((TABLE uanalytics.people EXCEPT ALL TABLE uanalytics.people_from_rows)
	UNION ALL (TABLE uanalytics.people_from_rows EXCEPT ALL TABLE uanalytics.people)) AS d
UNION ALL
SELECT 'by email ' || e.email || ': ' || d.person_key
FROM (SELECT DISTINCT email FROM uanalytics.user_engagement WHERE email IS NOT NULL) AS e,
	LATERAL (SELECT person_key FROM uanalytics.people_from_rows WHERE lower(email) = lower(e.email)
			 EXCEPT ALL SELECT person_key FROM uanalytics.people WHERE lower(email) = lower(e.email)) AS d
UNION ALL
SELECT 'no person' WHERE NOT EXISTS (SELECT FROM uanalytics.people);
SQL
}
res=$(people_check "$a" 2>&1) && [ -z "$res" ] || fail "people after the update: $res"
echo "people after the update: $(q $a -c "SELECT count(*) FROM uanalytics.people") as computed from the rows"

echo "== C: pg_dump of A, restored"
# the pseudonym key the update made, and a setting the owner changed, are
# dumped and restored (not those CREATE EXTENSION makes in C)
q $a -c "UPDATE uanalytics.settings SET value = '7' WHERE name = 'min_group_size'"
key_a=$(q $a -c "SELECT encode(key, 'hex') || ' ' || count(*) OVER () FROM uanalytics.pseudonym_key")
"$pg_dump" -d $a >"$tmp/a.dump"
q $c -f "$tmp/a.dump" >/dev/null 2>"$tmp/restore.err" || { cat "$tmp/restore.err"; fail "the dump of A does not restore"; }
[ -s "$tmp/restore.err" ] && { cat "$tmp/restore.err"; fail "the restore printed errors or warnings"; }
[ "$(q $c -c "SELECT extversion FROM pg_extension WHERE extname = 'uanalytics'")" = "$version" ] || fail "C's version"
rows_sql $a >"$tmp/rows-now.sql"
rows $a "$tmp/rows-now.sql" >"$tmp/rows-a"
rows $c "$tmp/rows-now.sql" >"$tmp/rows-c"
cat "$tmp/rows-c"
diff -u --label "A" --label "C (restored)" "$tmp/rows-a" "$tmp/rows-c" ||
	fail "the restored database lacks rows of A (above): a table missing from pg_extension_config_dump?"
lost=$(q $c -c "SELECT string_agg(c.relname, ', ') FROM pg_class AS c
	WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relkind IN ('r', 'v')
	  AND NOT has_table_privilege('ua_upgrade_analyst', c.oid, 'SELECT')")
[ -z "$lost" ] || fail "the analyst's grants were not restored on: $lost"
# the loaders were dropped and created again by the update, their EXECUTE
# grants given again: pg_dump must see those as the user's, not as the
# extension's initial privileges (pg_init_privs), or C loses them
lost=$(q $c -c "SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc AS p
	WHERE p.pronamespace = 'uanalytics'::regnamespace AND p.proname IN ('load', 'load_data', 'load_lo')
	  AND NOT has_function_privilege('ua_upgrade_loader', p.oid, 'EXECUTE')")
[ -z "$lost" ] || fail "the loader's grants were not restored on: $lost"
[ "$(q $c -c "SELECT encode(key, 'hex') || ' ' || count(*) OVER () FROM uanalytics.pseudonym_key")" = "$key_a" ] ||
	fail "C's pseudonym key is not A's: every user_key would change with a restore"
[ "$(q $c -c "SELECT value FROM uanalytics.settings WHERE name = 'min_group_size'")" = 7 ] ||
	fail "C's min_group_size is not the 7 set in A"
res=$(people_check "$c" 2>&1) && [ -z "$res" ] || fail "people in the restored database: $res"
echo "C holds A's rows and grants, its pseudonym key and its settings; its people are A's"
echo "upgrade from 0.1.0 to $version: rows, grants and catalog as a fresh install"
