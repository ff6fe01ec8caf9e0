-- Every export format seen in the wild: the early-2025 user layout, the
-- seed document's variant, a byte-order mark with CRLF line ends and
-- shuffled and unknown columns, and GPT exports with and without
-- config_type.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR

-- early 2025: 24 columns, no groups, no maps, no projects_created, another
-- order; what the file lacks is NULL, never a made-up 0 or {}
\set file :abs_srcdir '/data/users_monthly_early2025.csv'
SELECT kind, rows_read, rows_loaded, status, unknown_columns FROM uanalytics.load(:'file');
SELECT cadence, period_start, period_end, public_id, email, user_role, department, groups, is_active,
       messages, messages_rank, gpt_messages, tool_messages, project_messages, projects_created,
       model_to_messages, tool_to_messages, last_day_active
FROM uanalytics.user_engagement ORDER BY email;

-- the seed document: JSON maps, TRUE/false, plain-text department,
-- owner/admin/user, timestamps where dates are expected
\set file :abs_srcdir '/data/users_monthly_seed.csv'
SELECT kind, rows_read, rows_loaded, status FROM uanalytics.load(:'file');
SELECT email, user_role, department, user_status, is_active, model_to_messages, gpt_to_messages,
       tool_to_messages, groups, last_day_active_in_period, last_day_active
FROM uanalytics.user_engagement WHERE period_start = '2025-03-01' ORDER BY email;

-- a UTF-8 byte-order mark, CRLF line ends, a quoted CRLF inside a name,
-- header names in other case and with blanks, columns in another order,
-- two columns the loader does not know
\set file :abs_srcdir '/data/users_monthly_bom_crlf_shuffled.csv'
SELECT kind, rows_read, rows_loaded, status, unknown_columns FROM uanalytics.load(:'file');
SELECT email, public_id, name, name LIKE E'Sam\r\nOrtiz' AS crlf_kept, messages, is_active, tool_to_messages
FROM uanalytics.user_engagement WHERE period_start = '2025-04-01' ORDER BY email;

-- GPT Engagement, early 2025: no config_type column
\set file :abs_srcdir '/data/gpts_monthly_early2025.csv'
SELECT kind, rows_read, rows_loaded, status FROM uanalytics.load(:'file');
SELECT gpt_id, gpt_name, config_type, gpt_description, gpt_url, gpt_creator_email, is_active,
       messages_workspace, unique_messagers_workspace
FROM uanalytics.gpt_engagement ORDER BY gpt_id;

-- kind => 'users' on a GPT export is refused by the header check
SELECT * FROM uanalytics.load_data(pg_read_binary_file(:'file') || '\x0a'::bytea, 'gpts_monthly_early2025.csv', kind => 'users');
SELECT * FROM uanalytics.load(:'file', kind => 'everything');
SELECT * FROM uanalytics.load(:'file', on_error => 'ignore');

-- a header with nothing to tell the reports apart
SELECT * FROM uanalytics.load_data(convert_to(E'a,b\n1,2\n', 'UTF8'), 'mystery.csv');
SELECT * FROM uanalytics.load_data(convert_to(E'cadence,gpt_id,public_id\n', 'UTF8'), 'both.csv');
-- lines ending in a carriage return alone
SELECT * FROM uanalytics.load_data(convert_to(E'cadence,period_start,period_end,account_id,public_id,email\rWeekly,2025-10-19,2025-10-25,acc1,u1,u1@x.com\r', 'UTF8'), 'mac.csv');
-- a record without its key
SELECT * FROM uanalytics.load_data(convert_to(E'cadence,period_start,period_end,account_id,gpt_id\nWeekly,2025-10-19,2025-10-25,acc1,\n', 'UTF8'), 'no gpt_id.csv');
SELECT * FROM uanalytics.load_data(convert_to(E'cadence,period_start,period_end,account_id,public_id,email\nWeekly,2025-10-19,2025-10-25,acc1,,\n', 'UTF8'), 'no user.csv');
-- a header naming a column twice
SELECT * FROM uanalytics.load_data(convert_to(E'cadence,period_start,period_end,account_id,gpt_id,GPT_ID\n', 'UTF8'), 'twice.csv');
-- a header and no records loads nothing, and is not an error
\set file :abs_srcdir '/data/header_only.csv'
SELECT kind, rows_read, rows_loaded, status FROM uanalytics.load(:'file');

-- What spreadsheets leave around header names: a no-break space after
-- email, a zero-width space before public_id, a narrow no-break space and a
-- byte order mark around department.  The columns are still found.
-- Departments: [""] is an empty list, as [] is, not a department named "";
-- blank elements go; an empty field stays NULL.
SELECT kind, rows_loaded, unknown_columns FROM uanalytics.load_data(convert_to(
	E'cadence,period_start,period_end,account_id,\u200Bpublic_id,email\u00A0,\u202Fdepartment\uFEFF\n'
	'Weekly,2025-06-01,2025-06-07,acc1,user-nb1,nb1@example.com,"[""""]"\n'
	'Weekly,2025-06-01,2025-06-07,acc1,user-nb2,nb2@example.com,"["""", ""legal"", "" ""]"\n'
	'Weekly,2025-06-01,2025-06-07,acc1,user-nb3,nb3@example.com,\n', 'UTF8'), 'spreadsheet.csv');
SELECT public_id, email, department, cardinality(department) FROM uanalytics.user_engagement
WHERE period_start = '2025-06-01' ORDER BY public_id;

-- config_type as the API spells it, Live or Draft, whatever the export's
-- case; a state the loader does not know is kept as given
SELECT kind, rows_loaded FROM uanalytics.load_data(convert_to(
	E'cadence,period_start,period_end,account_id,gpt_id,config_type\n'
	'Weekly,2025-06-01,2025-06-07,acc1,g-1,live\n'
	'Weekly,2025-06-01,2025-06-07,acc1,g-2, DRAFT \n'
	'Weekly,2025-06-01,2025-06-07,acc1,g-3,Live\n'
	'Weekly,2025-06-01,2025-06-07,acc1,g-4,Published\n'
	'Weekly,2025-06-01,2025-06-07,acc1,g-5,\n', 'UTF8'), 'config types.csv');
SELECT gpt_id, config_type FROM uanalytics.gpt_engagement WHERE period_start = '2025-06-01' ORDER BY gpt_id;

SELECT kind, cadence, period_start, period_end, is_partial, as_of, row_count
FROM uanalytics.periods ORDER BY kind, period_start;
