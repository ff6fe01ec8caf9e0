-- A load of more than 50 rows that stores a period for the first time or
-- replaces one by another size, grows a table by more than autovacuum's
-- analyze threshold (50 rows and 10% of the table), or writes to a table
-- never analyzed analyzes the
-- columns the views join and filter on before it returns, so that a query
-- on what it stored is not planned blind (autovacuum analyzes all columns
-- later).  analyzes counts the ANALYZEs of each table.
-- Autovacuum is kept off these tables here, so that what is analyzed is
-- the loader's doing.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
ALTER TABLE uanalytics.user_engagement SET (autovacuum_enabled = false);
ALTER TABLE uanalytics.periods SET (autovacuum_enabled = false);
ALTER TABLE uanalytics.user_period_totals SET (autovacuum_enabled = false);

CREATE FUNCTION pg_temp.week(start date, users integer) RETURNS bytea LANGUAGE sql AS $$
	SELECT convert_to('cadence,period_start,period_end,account_id,public_id,email,is_active,messages' || E'\n' ||
		(SELECT string_agg(format('Weekly,%s,%s,acc1,user-%s,u%s@example.com,1,%s', start, start + 6, i, i, i), E'\n')
		 FROM generate_series(1, users) i) || E'\n', 'UTF8')
$$;
CREATE VIEW pg_temp.analyzed AS
SELECT c.relname, c.reltuples, pg_stat_get_analyze_count(c.oid) AS analyzes, (SELECT string_agg(s.attname::text, ', ' ORDER BY s.attname) FROM pg_stats AS s
	WHERE s.schemaname = 'uanalytics' AND s.tablename = c.relname) AS columns_with_statistics
FROM pg_class AS c
WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relname IN ('user_engagement', 'periods', 'user_period_totals')
ORDER BY c.relname;

-- 40 rows into the empty table: under the threshold, nothing analyzed
SELECT rows_loaded FROM uanalytics.load_data(pg_temp.week('2025-10-12', 40), 'week 1.csv');
SELECT * FROM pg_temp.analyzed;
-- 100 more (another week): the key columns and the small tables beside,
-- and the statistics object on cadence and period_start
SELECT rows_loaded FROM uanalytics.load_data(pg_temp.week('2025-10-19', 100), 'week 2.csv');
SELECT * FROM pg_temp.analyzed;
SELECT statistics_name, attnames, dependencies IS NOT NULL AS has_dependencies,
	most_common_vals IS NOT NULL AS has_mcv
FROM pg_stats_ext WHERE statistics_schemaname = 'uanalytics' ORDER BY 1;
-- 60 more: not more than 50 + 10% of 140 rows, but a week the statistics
-- do not know: analyzed, or a query on that week would be planned as if it
-- had a handful of rows
SELECT rows_loaded FROM uanalytics.load_data(pg_temp.week('2025-10-26', 60), 'week 3.csv');
SELECT relname, reltuples, analyzes FROM pg_temp.analyzed WHERE relname = 'user_engagement';

-- a role that loads but does not own the tables, and may not run ANALYZE
-- itself, gets the same: the loader analyzes as the tables' owner
CREATE ROLE ua_test_stats_loader;
GRANT USAGE ON SCHEMA uanalytics TO ua_test_stats_loader;
GRANT EXECUTE ON FUNCTION uanalytics.load_data(bytea, text, text, text, boolean) TO ua_test_stats_loader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA uanalytics TO ua_test_stats_loader;
SET ROLE ua_test_stats_loader;
SELECT rows_loaded FROM uanalytics.load_data(pg_temp.week('2025-11-02', 500), 'week 4.csv');
-- back as itself, and not in the restricted context the ANALYZE ran in
SELECT current_user;
CREATE TEMP TABLE after_load (x int);
DROP TABLE after_load;
RESET ROLE;
SELECT relname, reltuples, analyzes FROM pg_temp.analyzed WHERE relname = 'user_engagement';

-- What counts is how much a call grows the table.  Replacing week 4 by as
-- many rows (other bytes) leaves the key columns' statistics as true as
-- they were: nothing analyzed, reltuples stays 700 (autovacuum would see
-- the changes later)
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(pg_temp.week('2025-11-02', 500) || '\x0a'::bytea, 'week 4 again.csv');
SELECT relname, reltuples, analyzes FROM pg_temp.analyzed WHERE relname = 'user_engagement';
-- week 1 again with 200 users instead of 40: 160 rows more, above 50 + 10%
-- of 700, analyzed (40 + 100 + 60 + 500 - 40 + 200 = 860 rows)
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(pg_temp.week('2025-10-12', 200), 'week 1 again.csv');
SELECT relname, reltuples, analyzes FROM pg_temp.analyzed WHERE relname = 'user_engagement';
-- week 3 again with 100 users instead of 60: 40 rows more, a known week,
-- nothing analyzed (reltuples stays 860, 900 rows)
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(pg_temp.week('2025-10-26', 100), 'week 3 again.csv');
SELECT relname, reltuples, analyzes FROM pg_temp.analyzed WHERE relname = 'user_engagement';
-- week 4 again with 300 users instead of 500: the table shrinks, by less
-- than the threshold, but the statistics still count 500 rows in that
-- week: analyzed (900 - 200 = 700 rows)
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(pg_temp.week('2025-11-02', 300), 'week 4 smaller.csv', force => true);
SELECT relname, reltuples, analyzes FROM pg_temp.analyzed WHERE relname = 'user_engagement';
-- a table never analyzed (reltuples -1, as after a first load made while
-- another session was analyzing it) is analyzed even by a replacement of a
-- week by as many rows (700 rows)
UPDATE pg_class SET reltuples = -1 WHERE oid = 'uanalytics.user_engagement'::regclass;
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(pg_temp.week('2025-10-19', 100) || '\x0a'::bytea, 'week 2 again.csv');
SELECT relname, reltuples, analyzes FROM pg_temp.analyzed WHERE relname = 'user_engagement';
DROP OWNED BY ua_test_stats_loader;
DROP ROLE ua_test_stats_loader;
