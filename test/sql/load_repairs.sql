-- Damaged bytes in free text.  Real exports carry names whose accented
-- letters were each replaced by a byte that is not UTF-8 ("Andr\xFD\xFDs")
-- and GPT descriptions that arrived as runs of such bytes.  In a free-text
-- column (name, role, department, group names, gpt_name, gpt_description)
-- each invalid byte is stored as U+FFFD and the record loads, in both
-- modes: the user's row and every count of it are kept.  The load counts
-- the repaired rows, and load_errors keeps each repaired field (line,
-- column, raw value) with repaired = true.  In ids, emails, keys, dates
-- and numbers invalid UTF-8 stays an error.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\set VERBOSITY default

-- The files are written with \ooo escapes (decode(..., 'escape')): \375 is
-- the byte 0xFD, \351 is 0xE9 (a Latin-1 é), \000 a NUL.
CREATE FUNCTION pg_temp.users(body text) RETURNS bytea LANGUAGE sql AS $$
	SELECT decode('cadence,period_start,period_end,account_id,public_id,name,email,role,department,groups,is_active,messages
' || body, 'escape')
$$;

-- Three users of one week: Andrés with two damaged bytes and a Latin-1 ñ
-- in his name and one in his role, Zoë with a Latin-1 ë in her name, one
-- damaged byte in a department and one in a group name, Kim untouched.
-- Loaded with the default on_error => 'abort'.
SELECT rows_read, rows_loaded, rows_rejected, rows_repaired, status
FROM uanalytics.load_data(pg_temp.users(
'Weekly,2025-10-19,2025-10-25,acc1,user-a,Andr\375\375s Pe\361a,andres@example.com,direct\375r,,,1,12
Weekly,2025-10-19,2025-10-25,acc1,user-z,Zo\353 Lind,zoe@example.com,,"[""Ventas \375"",""IT""]","{''g1'': ''Equipo \375'', ''g2'': ''All''}",1,5
Weekly,2025-10-19,2025-10-25,acc1,user-k,Kim Diaz,kim@example.com,,"[""IT""]",,0,0
'), 'week.csv');
-- every row and count is there; each damaged byte is one U+FFFD
SELECT public_id, name, role, department, groups, messages,
       length(name) - length(replace(name, U&'\FFFD', '')) AS fffd_in_name
FROM uanalytics.user_engagement ORDER BY public_id;
SELECT sum(messages) AS messages, count(*) AS users FROM uanalytics.user_engagement;
-- the load says so: 2 rows repaired (Andrés, Zoë), 5 fields
SELECT source, rows_loaded, rows_rejected, rows_repaired FROM uanalytics.loads;
SELECT line_number, column_name, message, sqlstate, raw_record, repaired
FROM uanalytics.load_errors ORDER BY line_number, column_name;

-- GPT names and descriptions: a description that arrived as a run of
-- damaged bytes, over two lines, still loads
SELECT rows_loaded, rows_repaired FROM uanalytics.load_data(decode(
'cadence,period_start,period_end,account_id,gpt_id,gpt_name,gpt_description,messages_workspace
Weekly,2025-10-19,2025-10-25,acc1,g-1,Caf\351 Bot,"\375\375\375\375
\375\375",40
Weekly,2025-10-19,2025-10-25,acc1,g-2,Plain,Plain text,2
', 'escape'), 'gpts.csv');
SELECT gpt_id, gpt_name, gpt_description, messages_workspace FROM uanalytics.gpt_engagement ORDER BY gpt_id;
SELECT line_number, column_name, repaired FROM uanalytics.load_errors
JOIN uanalytics.loads USING (load_id) WHERE source = 'gpts.csv' ORDER BY column_name;

-- Where a value is an id, an email, a key, a date or a number, a damaged
-- byte is an error: a repaired email would match nobody.  In abort mode
-- the load fails, naming line, column and value; with skip the record is
-- rejected (repaired = false) and the others load.
SELECT * FROM uanalytics.load_data(pg_temp.users(
'Weekly,2025-10-26,2025-11-01,acc1,user-a,Andr\375\375s,andr\375s@example.com,,,,1,3
'), 'bad-email.csv');
SELECT rows_loaded, rows_rejected, rows_repaired FROM uanalytics.load_data(pg_temp.users(
'Weekly,2025-10-26,2025-11-01,acc1,user-a,Andr\375\375s,andr\375s@example.com,,,,1,3
Weekly,2025-10-26,2025-11-01,acc1,user-z,Zo\375,zoe@example.com,,,,1,4
Weekly,2025-10-26,2025-11-01,acc1,user-\375,Kim,kim@example.com,,,,1,5
'), 'bad-ids.csv', 'skip');
SELECT line_number, column_name, message, repaired FROM uanalytics.load_errors
JOIN uanalytics.loads USING (load_id) WHERE source = 'bad-ids.csv' ORDER BY line_number;
-- a group id is a key, its name free text
SELECT * FROM uanalytics.load_data(pg_temp.users(
'Weekly,2025-11-02,2025-11-08,acc1,user-a,Ana,ana@example.com,,,"{''g\375'': ''Team''}",1,3
'), 'bad-group-id.csv');
-- a NUL byte is no damaged letter: still an error, in free text too
SELECT * FROM uanalytics.load_data(pg_temp.users(
'Weekly,2025-11-02,2025-11-08,acc1,user-a,An\000a,ana@example.com,,,,1,3
'), 'nul.csv');
-- the header is not repaired either
SELECT * FROM uanalytics.load_data(decode('cadence,period_start,period_end,account_id,public_id,email,n\375me
', 'escape'), 'bad-header.csv');
