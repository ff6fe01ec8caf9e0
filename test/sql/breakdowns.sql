-- Breakdowns by SCIM group (uanalytics.group_activity) and by department
-- (uanalytics.department_activity), worked by hand; then the suppression of
-- small groups (settings.min_group_size) at every member count around the
-- threshold, and who may change it.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;

-- One month of 7 users (threshold 1 first, so that every number shows):
--   a  enabled, active,   10 messages (2 GPT, 1 tool), departments sales and finance, groups g1 "Everyone" and g2
--   b  enabled, inactive,  0,                          sales,                         g1 "Everyone"
--   c  enabled, active,    5 (1 GPT, 4 tool),          finance,                       g1 "All staff" (its old name)
--   d  deleted, active,    3 (0, 3 tool),              sales,                         no groups
--   e  pending (no public_id, no metrics),             no department,                 no groups
--   f  enabled, active,    7 (0, 2 tool),              an empty department array,     g1 "Everyone"
--   g  enabled, active,    1,                          sales typed twice,             no groups
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,user_status,is_active,messages,gpt_messages,tool_messages,department,groups
Monthly,2026-03-01,2026-03-31,acc1,user-a,a@example.com,enabled,1,10,2,1,"[""sales"",""finance""]","{""g1"": ""Everyone"", ""g2"": ""Sales team""}"
Monthly,2026-03-01,2026-03-31,acc1,user-b,b@example.com,enabled,0,0,0,0,"[""sales""]","{""g1"": ""Everyone""}"
Monthly,2026-03-01,2026-03-31,acc1,user-c,c@example.com,enabled,1,5,1,4,"[""finance""]","{""g1"": ""All staff""}"
Monthly,2026-03-01,2026-03-31,acc1,user-d,d@example.com,deleted,1,3,0,3,"[""sales""]",
Monthly,2026-03-01,2026-03-31,acc1,,e@example.com,pending,,,,,,
Monthly,2026-03-01,2026-03-31,acc1,user-f,f@example.com,enabled,1,7,0,2,[],"{""g1"": ""Everyone""}"
Monthly,2026-03-01,2026-03-31,acc1,user-g,g@example.com,enabled,1,1,0,0,"[""sales"",""sales""]",
', 'UTF8'), 'march.csv');
SELECT public_id, department, groups FROM uanalytics.user_engagement ORDER BY email;

UPDATE uanalytics.settings SET value = '1' WHERE name = 'min_group_size';

-- expected, groups: g1 holds a, b, c, f: 4 members, 3 active (a, c, f),
-- 10+0+5+7 = 22 messages, 2+0+1+0 = 3 GPT, 1+0+4+2 = 7 tool; its name is
-- the greatest of "Everyone" and "All staff".  g2: a alone.  d, e and g
-- hold no group and are in no row.
SELECT group_id, group_name, members, active_users, messages, gpt_messages, tool_messages, suppressed
FROM uanalytics.group_activity WHERE account_id = 'acc1' ORDER BY group_id;

-- expected, departments: sales a, b, d, g (g once): 4 members, 3 active
-- (a, d, g: d is deleted but sent messages), 10+0+3+1 = 14 messages;
-- finance a, c: 2, 2, 15; NULL e (pending) and f (empty array): 2, 1
-- active (f), 7 messages (e has none).  a counts in both sales and finance.
SELECT department, members, active_users, messages, gpt_messages, tool_messages, suppressed
FROM uanalytics.department_activity WHERE account_id = 'acc1' ORDER BY department NULLS LAST;

-- A partial week is a period of its own, marked; so is every cadence
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,user_status,is_active,messages,department,groups
Partial Weekly,2026-03-29,2026-04-04,acc1,user-a,a@example.com,enabled,1,4,"[""sales""]","{""g1"": ""Everyone""}"
Partial Weekly,2026-03-29,2026-04-04,acc1,user-b,b@example.com,enabled,1,2,"[""sales""]","{""g1"": ""Everyone""}"
', 'UTF8'), 'week.csv');
SELECT cadence, period_start, period_end, is_partial, group_id, group_name, members, active_users, messages
FROM uanalytics.group_activity WHERE account_id = 'acc1' ORDER BY period_start, cadence, group_id;
SELECT cadence, period_start, period_end, is_partial, department, members, active_users, messages
FROM uanalytics.department_activity WHERE account_id = 'acc1' ORDER BY period_start, cadence, department NULLS LAST;

-- Over every department of the month, members add up to the period's 7
-- rows and a's second department
SELECT sum(members) AS department_rows, (SELECT users FROM uanalytics.user_period_totals
	WHERE account_id = 'acc1' AND cadence = 'Monthly' AND period_start = '2026-03-01') AS period_rows
FROM uanalytics.department_activity WHERE account_id = 'acc1' AND cadence = 'Monthly';

-- ---- suppression around the threshold ----

-- acc3: groups and departments of 4, 5 and 6 members, each member active
-- with 1 message
SELECT l.rows_loaded
FROM (SELECT convert_to('cadence,period_start,period_end,account_id,public_id,email,user_status,is_active,messages,department,groups' || E'\n'
		|| string_agg(format('Monthly,2026-03-01,2026-03-31,acc3,user-%s-%s,u%s-%s@example.com,enabled,1,1,"[""d%s""]","{""g%s"": ""Group of %s""}"',
							 n, i, n, i, n, n, n), E'\n' ORDER BY n, i) || E'\n', 'UTF8') AS data
	  FROM generate_series(4, 6) AS n, generate_series(1, n) AS i) AS f,
	uanalytics.load_data(f.data, 'acc3.csv') AS l;

-- the default threshold, 5: 4 members suppressed, 5 and 6 shown
UPDATE uanalytics.settings SET value = '5' WHERE name = 'min_group_size';
SELECT group_id, members, active_users, messages, gpt_messages, tool_messages, suppressed
FROM uanalytics.group_activity WHERE account_id = 'acc3' ORDER BY group_id;
SELECT department, members, active_users, messages, suppressed
FROM uanalytics.department_activity WHERE account_id = 'acc3' ORDER BY department;

-- threshold 6: 4 and 5 suppressed, 6 shown; threshold 7: all suppressed
UPDATE uanalytics.settings SET value = '6' WHERE name = 'min_group_size';
SELECT group_id, members, active_users, messages, suppressed
FROM uanalytics.group_activity WHERE account_id = 'acc3' ORDER BY group_id;
UPDATE uanalytics.settings SET value = '7' WHERE name = 'min_group_size';
SELECT department, members, active_users, messages, suppressed
FROM uanalytics.department_activity WHERE account_id = 'acc3' ORDER BY department;

-- the threshold is a whole number of at least 1, and the only setting
UPDATE uanalytics.settings SET value = '0' WHERE name = 'min_group_size';
UPDATE uanalytics.settings SET value = 'five' WHERE name = 'min_group_size';
INSERT INTO uanalytics.settings VALUES ('max_group_size', '9');
-- an INSERT of the setting replaces its value (a restored dump does that)
INSERT INTO uanalytics.settings VALUES ('min_group_size', '5');
SELECT * FROM uanalytics.settings;

-- A viewer cannot switch suppression off: not by a setting of its own
-- session, not by writing the table; a role granted writes on every table
-- (doc/privileges.md's loader) is refused too.
CREATE ROLE ua_test_viewer;
CREATE ROLE ua_test_writer;
SELECT uanalytics.grant_viewer('ua_test_viewer');
GRANT USAGE ON SCHEMA uanalytics TO ua_test_writer;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA uanalytics TO ua_test_writer;
SET ROLE ua_test_viewer;
SET uanalytics.min_group_size = 1;
SET min_group_size = 1;
SELECT group_id, members, active_users, suppressed FROM uanalytics.group_activity
WHERE account_id = 'acc3' ORDER BY group_id;
\set VERBOSITY terse
UPDATE uanalytics.settings SET value = '1';
INSERT INTO uanalytics.settings VALUES ('min_group_size', '1');
DELETE FROM uanalytics.settings;
SELECT * FROM uanalytics.settings;
-- a table of the same name in the viewer's own schema, first in its path
CREATE TEMP TABLE settings (name text, value text);
INSERT INTO settings VALUES ('min_group_size', '1');
SET search_path = pg_temp, uanalytics, public;
SELECT group_id, members, active_users, suppressed FROM group_activity
WHERE account_id = 'acc3' ORDER BY group_id;
RESET search_path;
RESET ROLE;
SET ROLE ua_test_writer;
UPDATE uanalytics.settings SET value = '1';
INSERT INTO uanalytics.settings VALUES ('min_group_size', '1');
DELETE FROM uanalytics.settings;
TRUNCATE uanalytics.settings;
\set VERBOSITY default
RESET ROLE;
SELECT * FROM uanalytics.settings;

DROP OWNED BY ua_test_viewer, ua_test_writer;
DROP ROLE ua_test_viewer, ua_test_writer;
