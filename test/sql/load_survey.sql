-- The Impact survey report of 2026 (kind survey): one row per answer, into
-- uanalytics.survey_answers.  It has no periods: a load replaces, per
-- (workspace_id, survey_id), the stored answers whose date_partition lies
-- between the file's first and last date_partition of that survey, and
-- refuses to replace them by fewer answers unless force => true.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
\set VERBOSITY default
\set dir :abs_srcdir '/data/survey'
SELECT pg_read_binary_file(:'dir' || '/survey_a.csv') AS a,
       pg_read_binary_file(:'dir' || '/survey_b.csv') AS b,
       pg_read_binary_file(:'abs_srcdir' || '/data/survey_gap.csv') AS gap,
       pg_read_binary_file(:'abs_srcdir' || '/data/survey_bad.csv') AS bad \gset
CREATE VIEW pg_temp.stored AS
	SELECT a.survey_id, a.date_partition, a.name, a.question_id, a.answer_id, l.source
	FROM uanalytics.survey_answers AS a JOIN uanalytics.loads AS l USING (load_id)
	ORDER BY a.survey_id, a.date_partition, a.name, a.question_id;

-- A: srv-120 of workspace ws1, answers of 04-01 (Ana), 04-02 (Sam, whose
-- name holds a comma) and 04-03 (José, his name with a Latin-1 byte 0xE9:
-- repaired, the answers kept).  Told by its header: it has email, as a
-- User report has, but also survey_id.
SELECT kind, rows_read, rows_loaded, rows_replaced, rows_repaired, status
FROM uanalytics.load_data(:'a'::bytea, 'a.csv');
SELECT line_number, column_name, message, repaired FROM uanalytics.load_errors ORDER BY line_number;
SELECT * FROM pg_temp.stored;

-- B, a later export: srv-120 from 04-03 to 04-04 (José again, now
-- spelled right, and Kim who answered late on 04-03; Kim and Tom on
-- 04-04), and srv-240 on 08-01.  Its srv-120 range is 04-03..04-04, so
-- it replaces exactly A's two answers of 04-03 (José's, with the
-- repaired name); A's answers of 04-01 and 04-02 stay, and srv-240 is
-- new: rows_replaced = 2, and 4 + 5 + 2 = 11 answers stored.
SELECT kind, rows_read, rows_loaded, rows_replaced, status
FROM uanalytics.load_data(:'b'::bytea, 'b.csv');
SELECT * FROM pg_temp.stored;

-- B again: unchanged, all its answers are still stored
SELECT rows_loaded, status FROM uanalytics.load_data(:'b'::bytea, 'b.csv');

-- A again: its range 04-01..04-03 now holds 7 stored answers (Ana's and
-- Sam's four of A, and B's three of 04-03), and A has 6: refused, as an
-- older complete export is refused over a newer one with more rows
SELECT * FROM uanalytics.load_data(:'a'::bytea, 'a.csv');

-- a file of srv-120 from 04-01 to 04-04 holding only 2 answers (the days
-- between lost): its range holds 9 stored answers.  Refused in both
-- modes, so a cut-off or filtered file never wipes good answers...
SELECT * FROM uanalytics.load_data(:'gap'::bytea, 'gap.csv');
SELECT * FROM uanalytics.load_data(:'gap'::bytea, 'gap.csv', on_error => 'skip');
SELECT count(*) AS answers FROM uanalytics.survey_answers;
-- ...unless the caller says it is right: force => true replaces the 9
-- answers of 04-01..04-04 by its 2 (srv-240 untouched)
SELECT rows_loaded, rows_replaced, status FROM uanalytics.load_data(:'gap'::bytea, 'gap.csv', force => true);
SELECT * FROM pg_temp.stored;

-- B again: its answers were replaced since, so it loads (not unchanged)
-- and restores 04-03..04-04 and srv-240 (the range 04-03..04-04 holds one
-- stored answer, Tom's of 04-04 from gap.csv; srv-240 its own two of
-- before, which a load of the same bytes replaces as well)
SELECT rows_loaded, rows_replaced, status FROM uanalytics.load_data(:'b'::bytea, 'b.csv');
SELECT * FROM pg_temp.stored;

-- a survey file with kind => 'users' has no public_id
SELECT * FROM uanalytics.load_data(convert_to(E'date_partition,workspace_id,email,survey_id\n', 'UTF8'),
                                   'h.csv', kind => 'users');
-- a survey header without its keys
SELECT * FROM uanalytics.load_data(convert_to(E'date_partition,workspace_id,email,survey_name\n', 'UTF8'),
                                   'h.csv', kind => 'survey');

-- ---- bad records ----
-- test/data/survey_bad.csv, srv-120:
--   line 2  04-05 Ana     good
--   line 3  2026-04-31    not a date
--   line 4  (empty survey_id)
--   line 5  04-05 Tom     an email with the byte 0xE9: not free text, an error
--   line 6  04-06 Tom     good
SELECT * FROM uanalytics.load_data(:'bad'::bytea, 'bad.csv');
SELECT rows_read, rows_loaded, rows_replaced, rows_rejected, status
FROM uanalytics.load_data(:'bad'::bytea, 'bad.csv', on_error => 'skip');
SELECT line_number, column_name, message, sqlstate, raw_record
FROM uanalytics.load_errors WHERE NOT repaired ORDER BY line_number;
SELECT date_partition, name, answer_id FROM uanalytics.survey_answers
WHERE date_partition > '2026-04-04' AND survey_id = 'srv-120' ORDER BY date_partition;

-- named with kind => 'survey', from a server file, forced: the range
-- 04-01..04-04 of srv-120 holds 6 answers (gap.csv's of 04-01, b.csv's
-- five), replaced by the file's 2; 04-05 and 04-06 stay
SELECT kind, rows_loaded, rows_replaced, status
FROM uanalytics.load(:'abs_srcdir' || '/data/survey_gap.csv', kind => 'survey', force => true);
SELECT survey_id, date_partition, count(*) AS answers FROM uanalytics.survey_answers
GROUP BY survey_id, date_partition ORDER BY survey_id, date_partition;

-- loads and their kinds
SELECT kind, count(*) AS loads, sum(rows_loaded) AS rows_loaded FROM uanalytics.loads GROUP BY kind;
-- no periods for the survey report
SELECT count(*) AS periods FROM uanalytics.periods;
