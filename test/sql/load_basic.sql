-- Loading a late-2025 weekly User Engagement export (30 columns) from a
-- server file, and what the rows look like once typed.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
\set file :abs_srcdir '/data/users_weekly_late2025.csv'

SELECT load_id, regexp_replace(source, '^.*/', '') AS source, kind, rows_read, rows_loaded,
       rows_replaced, rows_skipped, rows_rejected, status, unknown_columns
FROM uanalytics.load(:'file');

-- identity, roles and status: pending users have no public_id and no name;
-- user_role is normalised; email is kept as exported
SELECT public_id, name, email, role, user_role, department, user_status, created_or_invited_date
FROM uanalytics.user_engagement ORDER BY lower(email);

-- metrics: NULL where the export has no value (pending), 0 where it says 0;
-- tool_messages may exceed messages
SELECT email, is_active, messages, messages_rank, gpt_messages, gpts_messaged, tool_messages,
       tools_messaged, project_messages, projects_messaged, projects_created
FROM uanalytics.user_engagement ORDER BY lower(email);

-- dates of activity
SELECT email, first_day_active_in_period, last_day_active_in_period, last_day_active
FROM uanalytics.user_engagement ORDER BY lower(email);

-- Python-dict maps became jsonb objects with numeric values (DALL·E and
-- quotes in keys and values survive)
SELECT email, model_to_messages, tool_to_messages FROM uanalytics.user_engagement ORDER BY lower(email);
SELECT email, gpt_to_messages, project_to_messages, groups FROM uanalytics.user_engagement ORDER BY lower(email);
SELECT DISTINCT jsonb_typeof(v) FROM uanalytics.user_engagement, jsonb_each(model_to_messages) AS e(k, v);
SELECT (tool_to_messages->>'DALL·E')::int AS dall_e, groups->>'a1b2c3' AS group_name
FROM uanalytics.user_engagement WHERE tool_to_messages ? 'DALL·E' OR groups ? 'a1b2c3';

-- the period and the load as recorded
SELECT account_id, cadence, is_partial, period_start, period_end, count(*), min(load_id), max(load_id)
FROM uanalytics.user_engagement GROUP BY 1, 2, 3, 4, 5;
SELECT account_id, kind, cadence, period_start, period_end, is_partial, as_of, load_id, row_count
FROM uanalytics.periods;
SELECT load_id, regexp_replace(source, '^.*/', '') AS source, length(sha256) AS sha256_bytes, bytes,
       kind, on_error, status, rows_read, rows_loaded, rows_replaced, rows_skipped, rows_rejected,
       unknown_columns, loaded_by = current_user AS by_me
FROM uanalytics.loads;
SELECT encode(sha256, 'hex') = encode(sha256(pg_read_binary_file(:'file')), 'hex') AS sha256_matches
FROM uanalytics.loads;

-- the GPT Engagement export of the same week (config_type, creator email
-- last, a description with line breaks, a GPT active with zero messages)
\set file :abs_srcdir '/data/gpts_weekly_late2025.csv'
SELECT load_id, kind, rows_read, rows_loaded, status FROM uanalytics.load(:'file');
SELECT gpt_id, gpt_name, config_type, gpt_creator_public_id, gpt_creator_email, is_active,
       first_day_active_in_period, last_day_active_in_period, messages_workspace, unique_messagers_workspace
FROM uanalytics.gpt_engagement ORDER BY gpt_id;
SELECT gpt_id, gpt_description FROM uanalytics.gpt_engagement ORDER BY gpt_id;
SELECT account_id, kind, cadence, period_start, is_partial, as_of, row_count FROM uanalytics.periods ORDER BY kind;
