-- The replacement rules.  Per account, report, cadence and period: a
-- complete export replaces a partial one; a newer partial replaces an older
-- partial (newer = later activity in it); a partial never replaces a
-- complete period; a newer complete export replaces an older one (with
-- fewer rows only when forced: see load_replacement); the same bytes again
-- change nothing.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;

CREATE FUNCTION pg_temp.load(csv text, source text, force boolean DEFAULT false)
RETURNS TABLE (load_id bigint, rows_read bigint, rows_loaded bigint, rows_replaced bigint,
               rows_skipped bigint, status text)
LANGUAGE sql AS $$
	SELECT load_id, rows_read, rows_loaded, rows_replaced, rows_skipped, status
	FROM uanalytics.load_data(convert_to(
		'cadence,period_start,period_end,account_id,public_id,email,is_active,messages,last_day_active_in_period' || chr(10) || csv,
		'UTF8'), source, force => force)
$$;
CREATE VIEW pg_temp.stored AS
	SELECT cadence, is_partial, period_start, period_end, public_id, messages, load_id
	FROM uanalytics.user_engagement ORDER BY period_start, public_id;

-- 1. a partial week, exported on Monday: new
SELECT * FROM pg_temp.load(
'Partial Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1,3,2025-11-03
Partial Weekly,2025-11-02,2025-11-08,acc1,user-b,b@x.com,0,0,
', 'partial-monday.csv');
SELECT * FROM pg_temp.stored;

-- 2. the same week exported on Wednesday: newer activity, replaces it
SELECT * FROM pg_temp.load(
'Partial Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1,7,2025-11-05
Partial Weekly,2025-11-02,2025-11-08,acc1,user-b,b@x.com,1,2,2025-11-04
Partial Weekly,2025-11-02,2025-11-08,acc1,user-c,c@x.com,1,1,2025-11-05
', 'partial-wednesday.csv');
SELECT * FROM pg_temp.stored;

-- 3. Monday's file again: the same bytes, unchanged
SELECT * FROM pg_temp.load(
'Partial Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1,3,2025-11-03
Partial Weekly,2025-11-02,2025-11-08,acc1,user-b,b@x.com,0,0,
', 'partial-monday-again.csv');

-- 4. a Tuesday export loaded late: older than what is stored, skipped
SELECT * FROM pg_temp.load(
'Partial Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1,5,2025-11-04
', 'partial-tuesday.csv');
SELECT * FROM pg_temp.stored;

-- 5. the complete week replaces the partial one
SELECT * FROM pg_temp.load(
'Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1,9,2025-11-07
Weekly,2025-11-02,2025-11-08,acc1,user-b,b@x.com,1,4,2025-11-06
Weekly,2025-11-02,2025-11-08,acc1,user-c,c@x.com,1,1,2025-11-05
Weekly,2025-11-02,2025-11-08,acc1,user-d,d@x.com,0,0,
', 'complete.csv');
SELECT * FROM pg_temp.stored;

-- 6. a partial export of a complete week never replaces it, however new
SELECT * FROM pg_temp.load(
'Partial Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1,99,2025-11-08
', 'partial-saturday.csv');
SELECT * FROM pg_temp.stored;

-- 7. a corrected complete export replaces the complete one; this one has
--    2 of its 4 users, which a cut-off file would too: only with force
SELECT * FROM pg_temp.load(
'Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1,10,2025-11-07
Weekly,2025-11-02,2025-11-08,acc1,user-b,b@x.com,1,4,2025-11-06
', 'complete-corrected.csv');
SELECT * FROM pg_temp.load(
'Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1,10,2025-11-07
Weekly,2025-11-02,2025-11-08,acc1,user-b,b@x.com,1,4,2025-11-06
', 'complete-corrected.csv', force => true);
SELECT * FROM pg_temp.stored;

-- 8. one file, two periods: the next week is new, this week is replaced;
--    another account's week and the monthly cadence are separate periods
SELECT * FROM pg_temp.load(
'Weekly,2025-11-02,2025-11-08,acc1,user-a,a@x.com,1,10,2025-11-07
Weekly,2025-11-02,2025-11-08,acc1,user-b,b@x.com,1,5,2025-11-06
Weekly,2025-11-09,2025-11-15,acc1,user-a,a@x.com,1,2,2025-11-10
Weekly,2025-11-09,2025-11-15,acc2,user-z,z@x.com,1,6,2025-11-11
Monthly,2025-11-01,2025-11-30,acc1,user-a,a@x.com,1,12,2025-11-10
', 'two-weeks.csv');
SELECT * FROM pg_temp.stored;
SELECT account_id, cadence, period_start, is_partial, as_of, load_id, row_count
FROM uanalytics.periods ORDER BY account_id, cadence, period_start;

-- 9. the same user twice in one period is refused (pending users by email,
--    whatever its case), but a user may appear in two periods of a file
SELECT * FROM pg_temp.load(
'Weekly,2025-11-16,2025-11-22,acc1,,New@X.com,,,
Weekly,2025-11-16,2025-11-22,acc1,,new@x.com,,,
', 'pending-twice.csv');

-- 10. a file whose rows disagree about their period
SELECT * FROM pg_temp.load(
'Weekly,2025-11-16,2025-11-22,acc1,user-a,a@x.com,1,1,2025-11-16
Partial Weekly,2025-11-16,2025-11-22,acc1,user-b,b@x.com,1,1,2025-11-16
', 'mixed.csv');
SELECT * FROM pg_temp.load(
'Weekly,2025-11-16,2025-11-22,acc1,user-a,a@x.com,1,1,2025-11-16
Weekly,2025-11-16,2025-11-23,acc1,user-b,b@x.com,1,1,2025-11-16
', 'two-ends.csv');
SELECT * FROM pg_temp.load(
'Weekly,2025-11-16,2025-11-09,acc1,user-a,a@x.com,1,1,2025-11-16
', 'backwards.csv');

-- the loads, as recorded
SELECT load_id, source, status, rows_read, rows_loaded, rows_replaced, rows_skipped
FROM uanalytics.loads ORDER BY load_id;

-- 11. periods of another shape than Sunday to Saturday or a calendar month
--     (the views compare each period with the one before it)
SELECT * FROM pg_temp.load(
'Weekly,2025-10-22,2025-11-30,acc1,user-a,a@x.com,1,1,2025-10-22
', 'wednesday.csv');
SELECT * FROM pg_temp.load(
'Partial Monthly,2025-10-19,2025-10-25,acc1,user-a,a@x.com,1,1,2025-10-19
', 'week as month.csv');
SELECT * FROM pg_temp.load(
'Monthly,2024-02-01,2024-02-29,acc1,user-a,a@x.com,1,1,2024-02-10
Monthly,2025-12-01,2025-12-31,acc1,user-a,a@x.com,1,1,2025-12-10
', 'leap February and December.csv');

-- Partial exports of 2026 end on their latest day with data, not on the
-- period's last day: a Partial Weekly of Sunday 2025-11-23 exported on the
-- Tuesday ends on 2025-11-25, and its complete export replaces it.  An end
-- after the period's last day is still no period of that cadence.
SELECT * FROM pg_temp.load(
'Partial Weekly,2025-11-23,2025-11-25,acc1,user-a,a@x.com,1,2,2025-11-25
', 'partial-2026-tuesday.csv');
SELECT * FROM pg_temp.load(
'Partial Monthly,2026-02-01,2026-02-10,acc1,user-a,a@x.com,1,20,2026-02-10
', 'partial-2026-month.csv');
SELECT cadence, period_start, period_end, is_partial, row_count FROM uanalytics.periods
WHERE period_start IN ('2025-11-23', '2026-02-01') ORDER BY cadence, period_start;
SELECT * FROM pg_temp.load(
'Weekly,2025-11-23,2025-11-29,acc1,user-a,a@x.com,1,5,2025-11-28
', 'complete-after-2026-partial.csv');
SELECT cadence, period_start, period_end, is_partial, row_count FROM uanalytics.periods
WHERE period_start = '2025-11-23';
SELECT * FROM pg_temp.load(
'Partial Weekly,2025-11-30,2025-12-07,acc1,user-a,a@x.com,1,2,2025-12-02
', 'partial-too-long.csv');

-- A partial period's end is its export's: rows of one period with two ends
-- are two exports mixed, and refused as partial and complete rows mixed
-- are (the breakdowns and seat_types read a period's rows by its end)
SELECT * FROM pg_temp.load(
'Partial Monthly,2026-03-01,2026-03-10,acc1,user-a,a@x.com,1,20,2026-03-10
Partial Monthly,2026-03-01,2026-03-12,acc1,user-b,b@x.com,1,20,2026-03-12
', 'partial-two-ends.csv');
