-- Administrators may partition user_engagement by period_start (or
-- distribute it).  The loader then goes through the executor, which routes
-- each row; the result must equal a load into the plain table.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR

-- reference: the plain table, bulk path, then the executor path
SELECT kind, rows_loaded FROM uanalytics.load(:'abs_srcdir' || '/data/weekly_dir');
CREATE TEMP TABLE bulk_rows AS SELECT * FROM uanalytics.user_engagement;
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET uanalytics.bulk_insert = off;
SELECT kind, rows_loaded FROM uanalytics.load(:'abs_srcdir' || '/data/weekly_dir');
RESET uanalytics.bulk_insert;
SELECT count(*) AS rows, count(*) FILTER (WHERE b IS NULL) AS missing
FROM (SELECT u.*, b.email AS b FROM uanalytics.user_engagement u
      LEFT JOIN bulk_rows b ON (to_jsonb(b) - 'load_id') = (to_jsonb(u) - 'load_id')) s;

-- triggers also send rows through the executor
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
CREATE TABLE audit (email text);
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS
$$BEGIN INSERT INTO audit VALUES (NEW.email); RETURN NEW; END$$;
CREATE TRIGGER audit AFTER INSERT ON uanalytics.user_engagement FOR EACH ROW EXECUTE FUNCTION audit_row();
SELECT kind, rows_loaded FROM uanalytics.load_data(pg_read_binary_file(:'abs_srcdir' || '/data/users_monthly_seed.csv'));
SELECT * FROM audit ORDER BY email;
DROP TRIGGER audit ON uanalytics.user_engagement;

-- A load inside a load: a trigger of user_engagement loads a GPT export at
-- each batch of the outer load (each INSERT of 1000 rows), which then goes
-- on past a malformed record (a quote inside a bare field) in skip mode.
-- Rolled back at the end, for the tests below.
BEGIN;
CREATE TABLE nested (status text, rows_loaded bigint);
CREATE FUNCTION nested_load() RETURNS trigger LANGUAGE plpgsql AS
$$BEGIN
	INSERT INTO nested SELECT status, rows_loaded FROM uanalytics.load_data(convert_to(
		E'cadence,period_start,period_end,account_id,gpt_id\nWeekly,2025-06-01,2025-06-07,acc1,g-nested\n', 'UTF8'), 'nested.csv');
	RETURN NULL;
END$$;
CREATE TRIGGER nested_load AFTER INSERT ON uanalytics.user_engagement FOR EACH STATEMENT EXECUTE FUNCTION nested_load();
SELECT rows_read, rows_loaded, rows_rejected FROM uanalytics.load_data(convert_to(
	'cadence,period_start,period_end,account_id,public_id,email' || E'\n' ||
	(SELECT string_agg(format('Weekly,2025-06-01,2025-06-07,acc1,user-%s,u%s@example.com', i, i), E'\n')
	 FROM generate_series(1, 1500) i) || E'\n' ||
	E'Weekly,2025-06-01,2025-06-07,acc1,user-bad,u"bad@example.com\n' ||
	(SELECT string_agg(format('Weekly,2025-06-01,2025-06-07,acc1,user-%s,u%s@example.com', i, i), E'\n')
	 FROM generate_series(1501, 2500) i) || E'\n', 'UTF8'), 'outer.csv', on_error => 'skip');
SELECT * FROM nested;
SELECT count(*), count(DISTINCT public_id) FROM uanalytics.user_engagement WHERE period_start = '2025-06-01';
SELECT line_number, column_name, message FROM uanalytics.load_errors;
SELECT gpt_id, period_start FROM uanalytics.gpt_engagement WHERE gpt_id = 'g-nested';
ROLLBACK;

-- Partition an installation that holds data, as doc/scaling.md tells: the
-- partitioned table takes the name, the rows move, and the views that read
-- the table are re-pointed at it.
BEGIN;
ALTER TABLE uanalytics.user_engagement RENAME TO user_engagement_unpartitioned;
CREATE TABLE uanalytics.user_engagement (LIKE uanalytics.user_engagement_unpartitioned INCLUDING ALL)
	PARTITION BY RANGE (period_start);
CREATE TABLE uanalytics.user_engagement_2025h1 PARTITION OF uanalytics.user_engagement
	FOR VALUES FROM ('2025-01-01') TO ('2025-07-01');
CREATE TABLE uanalytics.user_engagement_2025h2 PARTITION OF uanalytics.user_engagement
	FOR VALUES FROM ('2025-07-01') TO ('2026-01-01');
INSERT INTO uanalytics.user_engagement SELECT * FROM uanalytics.user_engagement_unpartitioned;
TRUNCATE uanalytics.user_engagement_unpartitioned;
-- (the statements are not shown: how pg_get_viewdef writes a view's
-- columns differs between PostgreSQL versions; the views are listed below)
SELECT v.oid::regclass AS repointed_view
FROM pg_class v
WHERE v.relkind = 'v' AND v.oid IN (SELECT ev_class FROM pg_rewrite r JOIN pg_depend d ON d.objid = r.oid
                                    WHERE d.refobjid = 'uanalytics.user_engagement_unpartitioned'::regclass)
ORDER BY v.oid::regclass::text;
\set ECHO none
SELECT format('CREATE OR REPLACE VIEW %s AS %s', v.oid::regclass,
			  replace(pg_get_viewdef(v.oid), 'uanalytics.user_engagement_unpartitioned', 'uanalytics.user_engagement'))
FROM pg_class v
WHERE v.relkind = 'v' AND v.oid IN (SELECT ev_class FROM pg_rewrite r JOIN pg_depend d ON d.objid = r.oid
                                    WHERE d.refobjid = 'uanalytics.user_engagement_unpartitioned'::regclass)
ORDER BY 1
\gexec
\set ECHO all
COMMIT;
-- no view reads the old table any more
SELECT count(*) AS views_on_old_table
FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
WHERE d.refobjid = 'uanalytics.user_engagement_unpartitioned'::regclass;

SELECT regexp_replace(source, '^.*/', '') AS source, kind, rows_loaded, status
FROM uanalytics.load(:'abs_srcdir' || '/data/weekly_dir');
SELECT tableoid::regclass AS partition, cadence, period_start, count(*)
FROM uanalytics.user_engagement GROUP BY 1, 2, 3 ORDER BY 1, 3;
SELECT count(*) AS rows, count(*) FILTER (WHERE b IS NULL) AS differing
FROM (SELECT u.*, b.email AS b FROM uanalytics.user_engagement u
      LEFT JOIN bulk_rows b ON (to_jsonb(b) - 'load_id') = (to_jsonb(u) - 'load_id')
      WHERE u.period_start <> '2025-03-01') s;
-- the views read the partitioned table: the Users tab has every loaded row
SELECT cadence, period_start, count(*) FROM uanalytics.users GROUP BY 1, 2 ORDER BY 1, 2;
SELECT cadence, period_start, unique_active_users, total_messages FROM uanalytics.overview ORDER BY 1, 2;

-- replacing a period goes through the partitions too
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(
	pg_read_binary_file(:'abs_srcdir' || '/data/users_weekly_late2025.csv') || '\x0a'::bytea, 'again.csv');
SELECT tableoid::regclass AS partition, count(*), count(DISTINCT load_id) AS loads
FROM uanalytics.user_engagement GROUP BY 1 ORDER BY 1;

-- a row outside every partition is the executor's error, with the lines
-- of the batch it was in (the executor does not say which row of it; its
-- DETAIL shows the row)
SELECT * FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email
Weekly,2025-01-05,2025-01-11,acc1,user-a,a@x.com
Weekly,2024-12-29,2025-01-04,acc1,user-a,a@x.com
', 'UTF8'), 'too-early.csv');

-- the partitioned table is not the extension's: DROP EXTENSION needs
-- CASCADE (for the views that read it) and leaves it behind
DROP EXTENSION uanalytics CASCADE;
DROP TABLE uanalytics.user_engagement;
CREATE EXTENSION uanalytics;
