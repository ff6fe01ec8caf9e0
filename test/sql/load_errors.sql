-- Bad input: every bad record is an error that names the source, the line
-- (of the record's first physical line; the header is line 1), the column
-- and the value, and nothing of the load remains.  With on_error => 'skip'
-- the bad records go to uanalytics.load_errors and the rest loads.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
\set VERBOSITY default

-- Each file has a good record on line 2, the bad one on line 3, and
-- another good record after it.
CREATE FUNCTION pg_temp.load_bad(name text, on_error text DEFAULT 'abort', force boolean DEFAULT false)
RETURNS SETOF uanalytics.load_result
LANGUAGE sql AS $$
	SELECT * FROM uanalytics.load_data(
		pg_read_binary_file(current_setting('test.dir') || '/' || name), name, on_error, force => force)
$$;
SELECT set_config('test.dir', :'abs_srcdir' || '/data', false) IS NOT NULL AS ok;

SELECT * FROM pg_temp.load_bad('bad_unterminated_quote.csv');
SELECT * FROM pg_temp.load_bad('bad_misplaced_quote.csv');
SELECT * FROM pg_temp.load_bad('bad_field_count.csv');
SELECT * FROM pg_temp.load_bad('bad_date.csv');
SELECT * FROM pg_temp.load_bad('bad_count.csv');
SELECT * FROM pg_temp.load_bad('bad_count_overflow.csv');
SELECT * FROM pg_temp.load_bad('bad_count_negative.csv');
SELECT * FROM pg_temp.load_bad('bad_map.csv');
SELECT * FROM pg_temp.load_bad('bad_cadence.csv');
SELECT * FROM pg_temp.load_bad('bad_utf8.csv');
SELECT * FROM pg_temp.load_bad('bad_nul.csv');
SELECT * FROM pg_temp.load_bad('bad_duplicate_user.csv');
SELECT * FROM pg_temp.load_bad('bad_missing_key_value.csv');
-- whole-file problems
SELECT * FROM pg_temp.load_bad('bad_missing_key_column.csv');
SELECT * FROM pg_temp.load_bad('bad_empty.csv');
SELECT * FROM uanalytics.load_data(convert_to(E'\n\n', 'UTF8'), 'blank-lines.csv');
SELECT * FROM uanalytics.load_data(NULL);

-- after all that, nothing was stored
SELECT (SELECT count(*) FROM uanalytics.user_engagement) AS user_rows,
       (SELECT count(*) FROM uanalytics.loads) AS loads,
       (SELECT count(*) FROM uanalytics.periods) AS periods,
       (SELECT count(*) FROM uanalytics.load_errors) AS errors;

-- A bad record in a file that replaces a stored period leaves the stored
-- period exactly as it was.
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages
Weekly,2025-10-19,2025-10-25,acc1,user-good1,good1@example.com,11
', 'UTF8'), 'before.csv');
SELECT * FROM pg_temp.load_bad('bad_count.csv');
SELECT public_id, messages, load_id FROM uanalytics.user_engagement;

-- on_error => 'skip': the good records load, each bad one is kept
SELECT load_id, source, kind, rows_read, rows_loaded, rows_replaced, rows_skipped, rows_rejected, status
FROM pg_temp.load_bad('bad_mixed.csv', 'skip');
SELECT line_number, column_name, message, sqlstate, raw_record
FROM uanalytics.load_errors ORDER BY line_number;
SELECT public_id, name, messages, load_id FROM uanalytics.user_engagement ORDER BY public_id;
SELECT rows_read, rows_loaded, rows_rejected, status FROM uanalytics.loads ORDER BY load_id;
-- the duplicate made the loader read the file again: its hash is still that
-- of the bytes, taken once
SELECT bytes, sha256 = sha256(pg_read_binary_file(current_setting('test.dir') || '/bad_mixed.csv')) AS sha256_matches
FROM uanalytics.loads WHERE source = 'bad_mixed.csv';

-- skip also covers records that are not well-formed CSV.  (Skipping one
-- leaves the week a row short of the stored one, which is refused unless
-- forced: see load_replacement.)
SELECT rows_read, rows_loaded, rows_rejected FROM pg_temp.load_bad('bad_misplaced_quote.csv', 'skip');
SELECT rows_read, rows_loaded, rows_rejected FROM pg_temp.load_bad('bad_misplaced_quote.csv', 'skip', true);
-- but a quoted field that is never closed swallows the rest of the file:
-- refused whole, as a cut-off file is
SELECT rows_read, rows_loaded, rows_rejected FROM pg_temp.load_bad('bad_unterminated_quote.csv', 'skip');
SELECT line_number, column_name, message, sqlstate, raw_record
FROM uanalytics.load_errors JOIN uanalytics.loads USING (load_id)
WHERE source IN ('bad_misplaced_quote.csv', 'bad_unterminated_quote.csv') ORDER BY load_id, line_number;
-- but not a file that cannot be read as an export at all
SELECT * FROM pg_temp.load_bad('bad_missing_key_column.csv', 'skip');
-- which fails as one statement: the session goes on (the loader's
-- subtransaction for duplicates is rolled back with the error)
SELECT count(*) AS loads_kept FROM uanalytics.loads;
-- and in a PL/pgSQL block the handler catches it and the block's work
-- before it is undone, as for any statement
CREATE TABLE pg_temp.marks (mark text);
DO $$
BEGIN
	INSERT INTO pg_temp.marks VALUES ('in the block');
	PERFORM * FROM pg_temp.load_bad('bad_missing_key_column.csv', 'skip');
EXCEPTION WHEN others THEN
	RAISE NOTICE 'caught: %', SQLERRM;
	INSERT INTO pg_temp.marks VALUES ('in the handler');
END $$;
SELECT mark FROM pg_temp.marks;
SELECT count(*) AS loads_kept FROM uanalytics.loads;
-- a line of commas is no header (4 MB of them, answered at once), and a
-- record of more than 1000 fields is a bad record
SELECT * FROM uanalytics.load_data(convert_to(repeat(',', 4000000), 'UTF8'), 'commas.csv');
SELECT rows_read, rows_loaded, rows_rejected FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email
Weekly,2025-10-19,2025-10-25,acc1,user-a,a@example.com
' || repeat(',', 1500) || '
Weekly,2025-10-19,2025-10-25,acc1,user-b,b@example.com
', 'UTF8'), 'wide.csv', 'skip', force => true);
SELECT line_number, message, length(raw_record) AS raw_length FROM uanalytics.load_errors
JOIN uanalytics.loads USING (load_id) WHERE source = 'wide.csv';
-- a column whose type an administrator changed stops a load before it
-- writes anything: the loader makes each value for the type it created
ALTER TABLE uanalytics.user_engagement ALTER COLUMN projects_created TYPE bigint;
SELECT * FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,projects_created
Weekly,2025-10-26,2025-11-01,acc1,user-a,a@example.com,2
', 'UTF8'), 'projects.csv');
ALTER TABLE uanalytics.user_engagement ALTER COLUMN projects_created TYPE integer;
