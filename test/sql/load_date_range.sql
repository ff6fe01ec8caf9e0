-- Date Range exports (2026): a custom range of up to 12 months, any start
-- and end day.  A range is identified by (account, report, start, end):
-- two ranges of one start are two periods, the same range loaded again
-- replaces it.  No week or month shape applies; a range that ends before it
-- starts or is longer than 366 days (both ends counted) is refused.  Ranges
-- have no prior period: they never feed the weekly and monthly views, and
-- are read through date_ranges, users, seat_types and overview_between.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\set VERBOSITY default

-- Range A, 2026-01-05 to 2026-03-17 (27 + 28 + 17 = 72 days):
--   user-1 active, 10 messages (2 to GPTs, 1 with tools), ChatGPT seat
--   user-2 active, 5 messages (0 to GPTs, 3 with tools), Codex seat
--   user-3 enabled, inactive
--   p@example.com pending (no public_id)
-- so: 4 users, 2 active, 15 messages, 2 GPT, 4 tool, 3 claimed, 1 pending.
-- The cadence is read as the other cadences are: any case, blanks around.
SELECT status, rows_loaded, rows_replaced FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,user_status,is_active,messages,gpt_messages,tool_messages,seat_type
acc1,Date Range,2026-01-05,2026-03-17,user-1,one@example.com,enabled,1,10,2,1,ChatGPT
acc1,date range ,2026-01-05,2026-03-17,user-2,two@example.com,enabled,1,5,0,3,Codex
acc1,Date Range,2026-01-05,2026-03-17,user-3,three@example.com,enabled,0,0,0,0,ChatGPT
acc1,Date Range,2026-01-05,2026-03-17,,p@example.com,pending,,,,,
', 'UTF8'), 'range A.csv');

-- Range B has the same start and ends 2026-02-14: another period, stored
-- beside A.  user-1 active with 4 messages; user-2 and user-3 inactive.
SELECT status, rows_loaded, rows_replaced FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,user_status,is_active,messages,gpt_messages,tool_messages,name
acc1,Date Range,2026-01-05,2026-02-14,user-1,one@example.com,enabled,1,4,0,0,One (B)
acc1,Date Range,2026-01-05,2026-02-14,user-2,two@example.com,enabled,0,0,0,0,
acc1,Date Range,2026-01-05,2026-02-14,user-3,three@example.com,enabled,0,0,0,0,
', 'UTF8'), 'range B.csv');

SELECT kind, cadence, period_start, period_end, period_key, is_partial, row_count
FROM uanalytics.periods ORDER BY period_start, period_end;
SELECT account_id, period_start, period_end, unique_active_users, total_messages, gpt_messages,
	tool_messages, users, claimed_seats, pending_invites, last_loaded_at IS NOT NULL AS loaded
FROM uanalytics.date_ranges ORDER BY period_start, period_end;

-- No rollup row, no prior comparison: the week and month views know
-- nothing of ranges, and each user row of a range has no prior.
SELECT count(*) AS rollup_rows FROM uanalytics.user_period_totals;
SELECT count(*) AS overview_rows FROM uanalytics.overview;
SELECT count(*) AS prior_period_rows FROM uanalytics.prior_periods;
SELECT uanalytics.prior_period_start('Date Range', '2026-01-05') AS prior_of_a_range;
SELECT cadence, period_end, public_id, messages, messages_prior, seat_type
FROM uanalytics.users ORDER BY period_end, public_id;
SELECT period_end, seat_type, claimed_seats, active_users, pending_invites, users
FROM uanalytics.seat_types ORDER BY period_end, seat_type;

-- The same range again, now with user-4 (active, 7 messages): the later
-- load wins, and replaces only range A; B keeps its rows.
SELECT status, rows_loaded, rows_replaced FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,user_status,is_active,messages,gpt_messages,tool_messages,name
acc1,Date Range,2026-01-05,2026-03-17,user-1,one@example.com,enabled,1,10,2,1,One (A)
acc1,Date Range,2026-01-05,2026-03-17,user-2,two@example.com,enabled,1,5,0,3,
acc1,Date Range,2026-01-05,2026-03-17,user-3,three@example.com,enabled,0,0,0,0,
acc1,Date Range,2026-01-05,2026-03-17,,p@example.com,pending,,,,,
acc1,Date Range,2026-01-05,2026-03-17,user-4,four@example.com,enabled,1,7,0,0,
', 'UTF8'), 'range A again.csv');
SELECT period_end, unique_active_users, total_messages, users FROM uanalytics.date_ranges
ORDER BY period_start, period_end;

-- Fewer rows do not replace a stored range unless forced, as for a month.
SELECT status FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,user_status,is_active,messages
acc1,Date Range,2026-01-05,2026-03-17,user-1,one@example.com,enabled,1,10
', 'UTF8'), 'range A cut.csv');
SELECT period_end, users FROM uanalytics.date_ranges ORDER BY period_start, period_end;

-- One user in two ranges of one start, in one file, is no duplicate; twice
-- in one range is.
SELECT status, rows_loaded FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,is_active,messages
acc2,Date Range,2026-05-01,2026-05-10,user-9,nine@example.com,1,1
acc2,Date Range,2026-05-01,2026-05-20,user-9,nine@example.com,1,2
', 'UTF8'), 'two ranges.csv');
SELECT * FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,is_active,messages
acc2,Date Range,2026-06-01,2026-06-10,user-9,nine@example.com,1,1
acc2,Date Range,2026-06-01,2026-06-10,user-9,nine@example.com,1,2
', 'UTF8'), 'twice.csv');

-- The refusals name line and column: a range ending before it starts, a
-- range of 367 days, and a partial range, which no export has.  The
-- longest range, 2023-03-01 to 2024-02-29, has 366 days and loads.
SELECT * FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email
acc3,Date Range,2026-03-17,2026-01-05,user-1,one@example.com
', 'UTF8'), 'backwards.csv');
SELECT * FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email
acc3,Date Range,2023-03-01,2024-03-01,user-1,one@example.com
', 'UTF8'), 'too long.csv');
SELECT * FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email
acc3,Partial Date Range,2026-01-05,2026-01-09,user-1,one@example.com
', 'UTF8'), 'partial range.csv');
SELECT status, rows_loaded FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email
acc3,Date Range,2023-03-01,2024-02-29,user-1,one@example.com
', 'UTF8'), 'longest.csv');
-- with skip, the bad range goes to load_errors and the good one loads
SELECT status, rows_loaded, rows_rejected FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email
acc3,Date Range,2025-01-01,2026-01-02,user-1,one@example.com
acc3,Date Range,2025-01-01,2026-01-01,user-1,one@example.com
', 'UTF8'), 'skip.csv', 'skip');
SELECT line_number, column_name, message FROM uanalytics.load_errors
JOIN uanalytics.loads USING (load_id) WHERE source = 'skip.csv';

-- overview_between answers a range that weeks or months do not tile from
-- the Date Range export of exactly that range.  After the reload, range
-- A has 5 users, 3 active, 22 messages, 2 to GPTs, 4 with tools.  Its
-- prior range is the 72 days before it, 2025-10-25 to 2026-01-04: not
-- stored, so the prior columns are NULL.
SELECT account_id, cadence, range_start, range_end, periods, periods_stored, includes_partial,
	prior_range_start, prior_range_end, unique_active_users, unique_active_users_prior,
	total_messages, total_messages_prior, total_messages_pct_change, gpt_messages, tool_messages
FROM uanalytics.overview_between('2026-01-05', '2026-03-17');
-- The range just before: user-1 with 8 messages, user-2 with 3, both
-- active.  Now A compares with it: 3 active against 2 (+50.0%), 22
-- messages against 11 (+100.0%).
SELECT status FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,is_active,messages,gpt_messages,tool_messages
acc1,Date Range,2025-10-25,2026-01-04,user-1,one@example.com,1,8,0,0
acc1,Date Range,2025-10-25,2026-01-04,user-2,two@example.com,1,3,0,0
', 'UTF8'), 'range before A.csv');
SELECT range_start, range_end, prior_range_start, prior_range_end,
	unique_active_users, unique_active_users_prior, unique_active_users_pct_change,
	total_messages, total_messages_prior, total_messages_pct_change
FROM uanalytics.overview_between('2026-01-05', '2026-03-17');
-- a range neither tiled nor exported is an error that says what works
SELECT * FROM uanalytics.overview_between('2026-01-05', '2026-03-18');

-- A whole month answered by months when they are stored, by a Date Range
-- of exactly that month when they are not.  January 2026 as a Date Range:
-- user-1 active, 6 messages.
SELECT status FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,is_active,messages
acc1,Date Range,2026-01-01,2026-01-31,user-1,one@example.com,1,6
', 'UTF8'), 'january range.csv');
SELECT cadence, unique_active_users, total_messages FROM uanalytics.overview_between('2026-01-01', '2026-01-31');
-- the monthly export of January: user-1 and user-2 active, 6 + 9 messages
SELECT status FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,is_active,messages
acc1,Monthly,2026-01-01,2026-01-31,user-1,one@example.com,1,6
acc1,Monthly,2026-01-01,2026-01-31,user-2,two@example.com,1,9
', 'UTF8'), 'january.csv');
SELECT cadence, unique_active_users, total_messages FROM uanalytics.overview_between('2026-01-01', '2026-01-31');
-- Decided per account: acc4 has only a Date Range of January (user-7
-- active, 3 messages), and is answered from it beside acc1's month.
SELECT status FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,is_active,messages
acc4,Date Range,2026-01-01,2026-01-31,user-7,seven@example.com,1,3
', 'UTF8'), 'acc4 january range.csv');
SELECT account_id, cadence, unique_active_users, total_messages
FROM uanalytics.overview_between('2026-01-01', '2026-01-31') ORDER BY account_id;
-- accounts counts the users of an account's latest user period, a range
-- included: acc4's January range lists 1 user
SELECT account_id, users, users_cadence, users_period_start, users_period_end
FROM uanalytics.accounts WHERE account_id = 'acc4';
-- and the month, not the range, is in the Overview tab
SELECT cadence, period_start, period_end, unique_active_users FROM uanalytics.overview;

-- GPT reports have Date Ranges too.  The creator's name comes from the user
-- report of the same range: range A (where user-1 is "One (A)", as
-- reloaded) and range B ("One (B)") share a start, and the GPT's row must
-- neither be doubled by the two nor take B's name.
SELECT status, rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,gpt_id,gpt_name,gpt_creator_public_id,messages_workspace
Date Range,2026-01-05,2026-03-17,acc1,g-1,Helper,user-1,12
', 'UTF8'), 'gpts range.csv');
SELECT cadence, period_start, period_end, gpt_id, creator_public_id, creator_name, messages, messages_prior
FROM uanalytics.gpts;
SELECT count(*) AS gpts_summary_rows FROM uanalytics.gpts_summary;

-- The same bytes again are unchanged; refresh_summaries gives the rollups
-- the loader wrote (ranges have none).
SELECT status FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,is_active,messages
acc1,Date Range,2026-01-01,2026-01-31,user-1,one@example.com,1,6
', 'UTF8'), 'january range.csv');
CREATE TEMP TABLE before AS SELECT * FROM uanalytics.user_period_totals;
SELECT uanalytics.refresh_summaries(NULL) AS periods_refreshed;
SELECT (SELECT count(*) FROM uanalytics.user_period_totals) AS rollup_rows,
	(SELECT count(*) FROM (SELECT * FROM before EXCEPT SELECT * FROM uanalytics.user_period_totals) AS d) AS lost,
	(SELECT count(*) FROM (SELECT * FROM uanalytics.user_period_totals EXCEPT SELECT * FROM before) AS d) AS added;

-- The breakdowns keep two ranges of one start apart (period_end is part of
-- their key): acc1's users have no department, so each range is one row
-- under department NULL, of its own member count (A: 5 with 3 active,
-- B: 3, the range before A: 2, January's: 1; fewer than min_group_size 5
-- are suppressed).
SELECT period_start, period_end, department, members, active_users, suppressed
FROM uanalytics.department_activity
WHERE account_id = 'acc1' AND cadence = 'Date Range' ORDER BY period_start, period_end;
