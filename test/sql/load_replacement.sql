-- A stored complete period is never replaced by a doubtful file.  The
-- scenario a first analyst met on real exports: a good week is loaded;
-- copies of its file cut off at a line break, in the middle of a record
-- and inside a quoted field must change nothing, in either on_error mode;
-- force => true replaces; the good file loaded again restores the week
-- (it is not "unchanged": its rows are no longer the stored ones); only
-- then does it say unchanged.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
\set VERBOSITY default

-- The good file: one late-2025 week of account 5f2c..., 8 users, each
-- record on one line.  The copies are its first lines, as a download
-- interrupted there would leave them.
SELECT pg_read_binary_file(:'abs_srcdir' || '/data/users_weekly_late2025.csv') AS good \gset
CREATE FUNCTION pg_temp.first_lines(data bytea, n int, extra int DEFAULT 0) RETURNS bytea
LANGUAGE sql AS $$
	-- the first n lines, each with its line end, then extra bytes of the next
	SELECT substr(data, 1, (SELECT sum(length(l) + 1)::int
	                        FROM unnest((string_to_array(convert_from(data, 'UTF8'), E'\n'))[1:n]) AS l) + extra)
$$;
CREATE VIEW pg_temp.stored AS
	SELECT period_start, count(*) AS users, min(load_id) AS load_id, max(load_id) AS max_load_id
	FROM uanalytics.user_engagement GROUP BY period_start;

SELECT rows_loaded, rows_replaced, status FROM uanalytics.load_data(:'good'::bytea, 'good.csv');
SELECT * FROM pg_temp.stored;

-- cut at a line break: the header and 4 of the 8 users.  Refused in both
-- modes, naming the period and both counts; the week stays as it was.
SELECT * FROM uanalytics.load_data(pg_temp.first_lines(:'good'::bytea, 5), 'cut-at-line.csv');
SELECT * FROM uanalytics.load_data(pg_temp.first_lines(:'good'::bytea, 5), 'cut-at-line.csv', 'skip');
SELECT * FROM pg_temp.stored;

-- cut in the middle of a record (40 bytes into line 6): refused whole,
-- with on_error => 'skip' too, whose skipping of that record would
-- otherwise have made a shorter week look complete
SELECT * FROM uanalytics.load_data(pg_temp.first_lines(:'good'::bytea, 5, 40), 'cut-mid-record.csv');
SELECT * FROM uanalytics.load_data(pg_temp.first_lines(:'good'::bytea, 5, 40), 'cut-mid-record.csv', 'skip');
-- cut inside the quoted name "O'Brien, ""Pat""" of line 7, three bytes
-- after its opening quote: a quoted field never closed
SELECT position('"O''Brien' IN split_part(convert_from(:'good'::bytea, 'UTF8'), E'\n', 7)) AS quote_at \gset
SELECT * FROM uanalytics.load_data(pg_temp.first_lines(:'good'::bytea, 6, :quote_at + 3), 'cut-in-quote.csv', 'skip');
SELECT * FROM uanalytics.load_data(pg_temp.first_lines(:'good'::bytea, 6, :quote_at + 3), 'cut-in-quote.csv');
-- a cut-off file is refused even where nothing is stored yet: it is no
-- export of the week it names
SELECT * FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages
Weekly,2025-11-02,2025-11-08,acc9,user-a,a@example.com,3
Weekly,2025-11-02,2025-11-08,acc9,user-b,b@exa', 'UTF8'), 'new-week-cut.csv', 'skip');
-- nothing of any of them was stored or recorded
SELECT * FROM pg_temp.stored;
SELECT load_id, source, status, rows_loaded, forced FROM uanalytics.loads ORDER BY load_id;
SELECT count(*) AS load_errors FROM uanalytics.load_errors;

-- force => true: the caller knows the week really has 4 users now
SELECT rows_read, rows_loaded, rows_replaced, status
FROM uanalytics.load_data(pg_temp.first_lines(:'good'::bytea, 5), 'cut-at-line.csv', force => true);
SELECT * FROM pg_temp.stored;
-- the good file again: its bytes were loaded before, but its rows are no
-- longer the stored ones, so it loads and restores the week
SELECT rows_loaded, rows_replaced, status FROM uanalytics.load_data(:'good'::bytea, 'good.csv');
SELECT * FROM pg_temp.stored;
-- and now, its rows being stored, the same bytes are unchanged
SELECT load_id, rows_loaded, rows_replaced, status FROM uanalytics.load_data(:'good'::bytea, 'good.csv');
-- force => true loads them anyway (replacing the week by itself)
SELECT rows_loaded, rows_replaced, status FROM uanalytics.load_data(:'good'::bytea, 'good.csv', force => true);
SELECT load_id, source, status, rows_loaded, rows_replaced, forced FROM uanalytics.loads ORDER BY load_id;

-- The same week re-exported with one user more replaces it, as always;
-- after that the good file, one user short of it, is refused in turn.
SELECT rows_loaded, rows_replaced, status FROM uanalytics.load_data(:'good'::bytea ||
	convert_to('Weekly,2025-10-19,2025-10-25,5f2c0e7a9b1d4c3e8a6f0b2d4e6a8c0e,,,late.joiner@example.com,,,,,pending,2025-10-24,,,,,,,,,,,,,,,,,
', 'UTF8'), 'reexported.csv');
SELECT * FROM pg_temp.stored;
SELECT * FROM uanalytics.load_data(:'good'::bytea, 'good.csv');

-- A bad record skipped in a file that replaces a complete period makes it
-- one row short: refused too, saying how many records were rejected.
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages
Monthly,2025-09-01,2025-09-30,acc1,user-a,a@example.com,3
Monthly,2025-09-01,2025-09-30,acc1,user-b,b@example.com,4
', 'UTF8'), 'september.csv');
SELECT * FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages
Monthly,2025-09-01,2025-09-30,acc1,user-a,a@example.com,5
Monthly,2025-09-01,2025-09-30,acc1,user-b,b@example.com,many
', 'UTF8'), 'september-again.csv', 'skip');
-- in abort mode the same file fails on its bad record, and the hint offers
-- skip: a single bad record is what skip is for
SELECT * FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages
Monthly,2025-09-01,2025-09-30,acc1,user-a,a@example.com,5
Monthly,2025-09-01,2025-09-30,acc1,user-b,b@example.com,many
', 'UTF8'), 'september-again.csv');

-- Partial periods are not held to the rule: the next partial export of
-- the current week may list fewer users (the later activity decides).
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages,last_day_active_in_period
Partial Weekly,2025-11-09,2025-11-15,acc1,user-a,a@example.com,3,2025-11-10
Partial Weekly,2025-11-09,2025-11-15,acc1,user-b,b@example.com,4,2025-11-10
', 'UTF8'), 'partial-1.csv');
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages,last_day_active_in_period
Partial Weekly,2025-11-09,2025-11-15,acc1,user-a,a@example.com,9,2025-11-12
', 'UTF8'), 'partial-2.csv');
-- nor is a complete period that replaces a partial one
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages
Weekly,2025-11-09,2025-11-15,acc1,user-a,a@example.com,12
', 'UTF8'), 'complete.csv');
SELECT account_id, cadence, period_start, is_partial, row_count FROM uanalytics.periods ORDER BY period_start;

-- force must not be NULL
SELECT * FROM uanalytics.load_data(:'good'::bytea, 'good.csv', force => NULL);

-- A directory holds old and corrected exports side by side (a file
-- downloaded again is saved as "... (1).csv"), and the same directory is
-- loaded again and again.  Its files' bytes loaded before are unchanged,
-- whatever replaced their periods since: loading the directory never puts
-- an older export back over a newer one.  Loading such a file by itself
-- restores it (as above).
\set redownload :abs_srcdir '/data/redownload'
SELECT rows_loaded, rows_replaced, status
FROM uanalytics.load(:'redownload' || '/acme weekly user report 2025-10-19.csv');
SELECT rows_loaded, rows_replaced, status
FROM uanalytics.load(:'redownload' || '/acme weekly user report 2025-10-19 (1).csv');
SELECT regexp_replace(source, '^.*/', '') AS source, rows_loaded, rows_replaced, status
FROM uanalytics.load(:'redownload');
SELECT public_id, name, messages FROM uanalytics.user_engagement WHERE account_id = 'acc1' AND period_start = '2025-10-19' ORDER BY public_id;
SELECT regexp_replace(source, '^.*/', '') AS source, rows_loaded, rows_replaced, status
FROM uanalytics.load(:'redownload');
SELECT public_id, name FROM uanalytics.user_engagement WHERE account_id = 'acc1' AND period_start = '2025-10-19' ORDER BY public_id;

-- A cut-off file kept in the directory beside the full one does not stop
-- the directory's later loads: it was loaded before, so it is unchanged,
-- and the new week beside it loads.
\set cutdir :abs_srcdir '/data/cutdir'
SELECT rows_loaded FROM uanalytics.load(:'cutdir' || '/a_cut.csv');
SELECT rows_loaded, rows_replaced FROM uanalytics.load(:'cutdir' || '/b_full.csv');
SELECT regexp_replace(source, '^.*/', '') AS source, rows_loaded, rows_replaced, status
FROM uanalytics.load(:'cutdir');
SELECT period_start, count(*) AS users FROM uanalytics.user_engagement WHERE account_id = 'acc2'
GROUP BY period_start ORDER BY period_start;
-- by itself it is what it is: a shorter week, refused
SELECT * FROM uanalytics.load_data(pg_read_binary_file(:'cutdir' || '/a_cut.csv'), 'a_cut.csv');

-- Two partial exports of the same day: the one loaded later wins.  A file
-- loaded before that comes back (a partial export of 0.1.0, which the
-- update could not tell from a complete one, set here as the update sets
-- it) does not win the tie: it was the earlier export.
SELECT convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages,last_day_active_in_period
Partial Weekly,2025-11-16,2025-11-22,acc3,user-a,a@example.com,3,2025-11-18
', 'UTF8') AS morning \gset
SELECT rows_loaded FROM uanalytics.load_data(:'morning'::bytea, 'morning.csv');
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,messages,last_day_active_in_period
Partial Weekly,2025-11-16,2025-11-22,acc3,user-a,a@example.com,5,2025-11-18
Partial Weekly,2025-11-16,2025-11-22,acc3,user-b,b@example.com,1,2025-11-18
', 'UTF8'), 'afternoon.csv');
UPDATE uanalytics.loads SET complete_rows = rows_loaded WHERE source = 'morning.csv';
SELECT rows_loaded, rows_skipped, status FROM uanalytics.load_data(:'morning'::bytea, 'morning.csv');
SELECT public_id, messages FROM uanalytics.user_engagement WHERE account_id = 'acc3' ORDER BY public_id;
