-- The data of test/upgrade/data-0.1.0.sql: what a year of use of
-- uanalytics 0.1.0 leaves in its tables, made by 0.1.0's own loaders from
-- the fixtures of test/data/.  Run by test/upgrade/make-data-0.1.0.sh with
-- psql -v dir=<a server-readable copy of test/data>, in a database where
-- 0.1.0 is installed.  Every load prints one line.
\set ON_ERROR_STOP 1
SET datestyle = ISO;
CREATE EXTENSION uanalytics VERSION '0.1.0';
SELECT set_config('ua.dir', :'dir', false) \g /dev/null

-- account acme (the views' fixture): months, weeks, GPTs and partial periods,
-- each from a server file, in the order they were exported
SELECT f, r.load_id, r.kind, r.rows_loaded, r.rows_replaced, r.rows_skipped, r.status
FROM unnest(ARRAY[
	'users_monthly_2025-01.csv', 'gpts_monthly_2025-01.csv',
	'users_monthly_2025-02.csv', 'gpts_monthly_2025-02.csv',
	'users_weekly_2025-03-02.csv', 'users_weekly_2025-03-09.csv', 'gpts_weekly_2025-03-09.csv',
	'gpts_weekly_2025-03-16.csv', 'users_weekly_2025-03-23.csv',
	'users_partial_weekly_2025-03-30.csv',
	'users_monthly_2025-03.csv', 'gpts_monthly_2025-03.csv',
	'users_partial_monthly_2025-04.csv', 'gpts_partial_monthly_2025-04.csv'
]) WITH ORDINALITY AS t(f, n)
CROSS JOIN LATERAL uanalytics.load(:'dir' || '/views/acme/' || f) AS r
ORDER BY n;

-- account eu1 (no GPT columns, no GPT report), January only: its February
-- is what the upgrade test loads after the update.  Sent as bytes.
SELECT load_id, source, rows_loaded, status
FROM uanalytics.load_data(pg_read_binary_file(:'dir' || '/views/eu1/users_monthly_2025-01.csv'),
                          'eu1 monthly user report 2025-01-01.csv');

-- March of acme exported again (one more line break): it replaces the period
SELECT load_id, source, rows_loaded, rows_replaced, status
FROM uanalytics.load_data(pg_read_binary_file(:'dir' || '/views/acme/users_monthly_2025-03.csv') || '\x0a'::bytea,
                          'acme monthly user report 2025-03-01 (again).csv');

-- the other account's exports in every format: early 2025, the seed
-- document, and one with a byte-order mark, CRLF and two unknown columns
-- sent as a large object
SELECT load_id, rows_loaded, status FROM uanalytics.load(:'dir' || '/users_monthly_early2025.csv');
SELECT load_id, rows_loaded, status FROM uanalytics.load(:'dir' || '/gpts_monthly_early2025.csv');
SELECT load_id, rows_loaded, status FROM uanalytics.load(:'dir' || '/users_monthly_seed.csv');
SELECT lo_import(:'dir' || '/users_monthly_bom_crlf_shuffled.csv') AS loid \gset
SELECT load_id, source, rows_loaded, status, unknown_columns
FROM uanalytics.load_lo(:loid, 'users_monthly_bom_crlf_shuffled.csv');

-- bad records kept in load_errors
SELECT load_id, rows_read, rows_loaded, rows_rejected, status
FROM uanalytics.load_data(pg_read_binary_file(:'dir' || '/bad_mixed.csv'), 'bad_mixed.csv', 'skip');

-- a weekly file, then the directory it came from: the same file again is
-- unchanged; the monthly file there too (early2025's bytes); a
-- subdirectory named *.csv and a README are passed over
SELECT load_id, rows_loaded, status FROM uanalytics.load(:'dir' || '/users_weekly_late2025.csv');
SELECT regexp_replace(source, '^.*/', '') AS file, load_id, kind, rows_loaded, status
FROM uanalytics.load(:'dir' || '/weekly_dir');

-- a load that failed: nothing of it remains but the load_id it used up,
-- so the identity sequence stands past the largest load_id
DO $$
BEGIN
	PERFORM uanalytics.load_data(pg_read_binary_file(current_setting('ua.dir') || '/bad_count.csv'), 'bad_count.csv');
EXCEPTION WHEN others THEN
	RAISE NOTICE 'failed as expected: %', SQLERRM;
END
$$;

-- seats, entered by hand
INSERT INTO uanalytics.seats (account_id, effective_from, seats_purchased) VALUES
	('acme', '2025-01-01', 10),
	('acme', '2025-03-01', 12),
	('eu1', '2025-01-01', 5),
	('5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e', '2024-12-01', 250);

SELECT 'loads' AS t, count(*) FROM uanalytics.loads
UNION ALL SELECT 'load_errors', count(*) FROM uanalytics.load_errors
UNION ALL SELECT 'periods', count(*) FROM uanalytics.periods
UNION ALL SELECT 'user_engagement', count(*) FROM uanalytics.user_engagement
UNION ALL SELECT 'gpt_engagement', count(*) FROM uanalytics.gpt_engagement
UNION ALL SELECT 'user_period_totals', count(*) FROM uanalytics.user_period_totals
UNION ALL SELECT 'gpt_period_totals', count(*) FROM uanalytics.gpt_period_totals
UNION ALL SELECT 'seats', count(*) FROM uanalytics.seats;
SELECT last_value AS loads_load_id_seq, (SELECT max(load_id) FROM uanalytics.loads) AS max_load_id
FROM uanalytics.loads_load_id_seq;
