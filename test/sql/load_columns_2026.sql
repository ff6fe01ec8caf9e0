-- The columns of the 2026 exports, and nothing of an export lost.  The
-- User report gained seat_type (ChatGPT, Codex, Automation; others kept as
-- given) and credits_used (a decimal), typed columns of user_engagement.
-- A column the loader does not know goes into the column extra, as
-- {"header name": "text value"} for every non-empty value (NULL when a row
-- has none), and loads.unknown_columns still lists it.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\set VERBOSITY default

-- A 2026 week: seat_type and credits_used (last, as in Date Range exports
-- of mid-2026), shuffled against the 2025 order, and an unknown column in
-- the middle of the header, its name padded with blanks, its values with
-- quotes, commas and a line break.
SELECT rows_loaded, unknown_columns FROM uanalytics.load_data(convert_to(
'account_id,cadence,period_start,period_end,public_id,email,  Usage Tier ,is_active,messages,seat_type,credits_used
acc1,Weekly,2026-03-01,2026-03-07,user-a,a@example.com,"gold, ""plus""",1,12,ChatGPT,12.5
acc1,Weekly,2026-03-01,2026-03-07,user-b,b@example.com,,1,3,Codex,0
acc1,Weekly,2026-03-01,2026-03-07,user-c,c@example.com,"two
lines",0,0,Automation,
acc1,Weekly,2026-03-01,2026-03-07,user-d,d@example.com,basic,0,0,Enterprise Seat,.25
', 'UTF8'), 'week 2026.csv');
SELECT public_id, seat_type, credits_used, extra FROM uanalytics.user_engagement ORDER BY public_id;
SELECT extra ->> 'Usage Tier' AS tier FROM uanalytics.user_engagement WHERE public_id = 'user-c';
-- the users view shows them
SELECT public_id, seat_type, credits_used FROM uanalytics.users ORDER BY public_id;

-- A 2025 file (no seat_type, no credits_used, no unknown column): NULL,
-- never a made-up value
SELECT rows_loaded, unknown_columns FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,is_active,messages
Weekly,2025-10-19,2025-10-25,acc1,user-a,a@example.com,1,4
', 'UTF8'), 'week 2025.csv');
SELECT period_start, seat_type, credits_used, extra FROM uanalytics.user_engagement
WHERE public_id = 'user-a' ORDER BY period_start;

-- GPT reports keep their unknown columns too; two of them, one named blank
-- (kept under its position)
SELECT rows_loaded, unknown_columns FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,gpt_id,gpt_name,visibility,,messages_workspace
Weekly,2026-03-01,2026-03-07,acc1,g-1,Helper,workspace,x,7
Weekly,2026-03-01,2026-03-07,acc1,g-2,Other,,,0
', 'UTF8'), 'gpts 2026.csv');
SELECT gpt_id, extra FROM uanalytics.gpt_engagement ORDER BY gpt_id;

-- Bad credits are errors naming line, column and value; with skip the
-- record goes to load_errors
SELECT * FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,credits_used
Weekly,2026-03-08,2026-03-14,acc1,user-a,a@example.com,1.5e3
', 'UTF8'), 'credits.csv');
SELECT rows_loaded, rows_rejected FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,credits_used
Weekly,2026-03-08,2026-03-14,acc1,user-a,a@example.com,-2
Weekly,2026-03-08,2026-03-14,acc1,user-b,b@example.com,2
', 'UTF8'), 'credits.csv', 'skip');
SELECT line_number, column_name, message FROM uanalytics.load_errors
JOIN uanalytics.loads USING (load_id) WHERE source = 'credits.csv';

-- Damaged bytes in an unknown column's value are repaired as free text
SELECT rows_loaded, rows_repaired FROM uanalytics.load_data(decode(
'cadence,period_start,period_end,account_id,public_id,email,team
Weekly,2026-03-15,2026-03-21,acc1,user-a,a@example.com,Ventas \375
', 'escape'), 'team.csv');
SELECT extra FROM uanalytics.user_engagement WHERE period_start = '2026-03-15';
SELECT column_name, repaired FROM uanalytics.load_errors
JOIN uanalytics.loads USING (load_id) WHERE source = 'team.csv';

-- credits_used is the numeric that numeric input makes of the text, display
-- scale included, on both sides of the 18 digits the loader reads itself
CREATE TEMP TABLE credits (line int, value text);
INSERT INTO credits VALUES (2, '0'), (3, '.25'), (4, '12.50'), (5, '007.10'), (6, '-0'),
	(7, '+3.5'), (8, '123456789012345678'), (9, '1234567890123456789'),
	(10, '0.000000000000000001'), (11, '99999999.9999999999'), (12, '5.'), (13, ' 42 ');
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
	'cadence,period_start,period_end,account_id,public_id,email,credits_used' || E'\n' ||
	(SELECT string_agg(format('Weekly,2026-04-05,2026-04-11,acc9,user-%s,u%s@example.com,"%s"', line, line, value),
					   E'\n' ORDER BY line) FROM credits) || E'\n', 'UTF8'), 'credits digits.csv');
SELECT c.value, u.credits_used, u.credits_used::text = trim(c.value)::numeric::text AS same_as_numeric_input
FROM credits AS c
JOIN uanalytics.user_engagement AS u ON u.public_id = 'user-' || c.line AND u.account_id = 'acc9'
ORDER BY c.line;
