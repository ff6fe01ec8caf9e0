-- Data residency: a workspace whose User Engagement exports have no GPT
-- columns (no gpt_messages, gpts_messaged, gpt_to_messages) and which has
-- no GPT Engagement report.  Its GPT numbers are unknown, so NULL, never 0;
-- everything else is as usual.  Fixture: test/data/views/eu1.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
SELECT regexp_replace(source, '^.*/', '') AS file, rows_loaded, unknown_columns
FROM uanalytics.load(:'abs_srcdir' || '/data/views/eu1');

-- January: u1 10 messages (1 tool), u2 5 (0 tool): 2 active, 15, tool 1
-- February: u1 20 (3 tool), u2 inactive: 1 active, 20, tool 3
--   vs January: (1-2)/2 = -50.0, (20-15)/15 = 33.3, gpt NULL, (3-1)/1 = 200.0
SELECT period_start, unique_active_users AS uau, unique_active_users_pct_change AS uau_pct,
       total_messages AS total, total_messages_pct_change AS total_pct,
       gpt_messages AS gpt, gpt_messages_prior AS gpt_prior, gpt_messages_pct_change AS gpt_pct,
       tool_messages AS tool, tool_messages_pct_change AS tool_pct
FROM uanalytics.overview WHERE account_id = 'eu1' ORDER BY period_start;

-- per user too
SELECT period_start, public_id, messages, gpt_messages, tool_messages
FROM uanalytics.users WHERE account_id = 'eu1' ORDER BY period_start, public_id;

-- no GPT report, no GPTs tab rows (rather than rows of zeros)
SELECT count(*) AS gpt_summary_rows FROM uanalytics.gpts_summary WHERE account_id = 'eu1';
SELECT count(*) AS gpt_rows FROM uanalytics.gpts WHERE account_id = 'eu1';

-- a period where only some users have a GPT count sums those it has; a
-- period where none has one stays NULL.  Here January gets a corrected
-- export that carries gpt_messages for u1 only (4): January 4, February
-- NULL with prior 4 and no change
SELECT rows_replaced FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,is_active,messages,gpt_messages,tool_messages
Monthly,2025-01-01,2025-01-31,eu1,user-u1,u1@eu.example,1,10,4,1
Monthly,2025-01-01,2025-01-31,eu1,user-u2,u2@eu.example,1,5,,0
', 'UTF8'), 'eu1 January with GPT counts.csv');
SELECT period_start, gpt_messages, gpt_messages_prior, gpt_messages_pct_change
FROM uanalytics.overview WHERE account_id = 'eu1' ORDER BY period_start;
