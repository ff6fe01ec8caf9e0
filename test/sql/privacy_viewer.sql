-- The analytics viewer (uanalytics.grant_viewer) tries every way it can
-- think of to read a name, an email or a public_id, and gets aggregates or
-- an error; the owner's pseudonymised users view (users_pseudonymous).
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR

SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/views/acme');
-- a month with groups and departments: six in "Everyone", one alone in "Board"
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,name,email,user_status,is_active,messages,department,groups
Monthly,2025-05-01,2025-05-31,acme,user-p1,Pia One,pia@acme.com,enabled,1,10,"[""sales""]","{""g-all"": ""Everyone"", ""g-board"": ""Board""}"
Monthly,2025-05-01,2025-05-31,acme,user-p2,Per Two,per@acme.com,enabled,1,20,"[""sales""]","{""g-all"": ""Everyone""}"
Monthly,2025-05-01,2025-05-31,acme,user-p3,Pam Three,pam@acme.com,enabled,0,0,"[""sales""]","{""g-all"": ""Everyone""}"
Monthly,2025-05-01,2025-05-31,acme,user-p4,Pol Four,pol@acme.com,enabled,1,5,"[""sales""]","{""g-all"": ""Everyone""}"
Monthly,2025-05-01,2025-05-31,acme,user-p5,Pat Five,pat@acme.com,enabled,1,1,"[""sales""]","{""g-all"": ""Everyone""}"
Monthly,2025-05-01,2025-05-31,acme,user-p6,Pip Six,pip@acme.com,enabled,1,7,"[""legal""]","{""g-all"": ""Everyone""}"
', 'UTF8'), 'may.csv');
-- the reports of 2026 too: a Date Range of the same people, a Project
-- report with its creators, an Impact survey with who answered
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,name,email,user_status,is_active,messages
Date Range,2025-05-05,2025-05-20,acme,user-p1,Pia One,pia@acme.com,enabled,1,6
Date Range,2025-05-05,2025-05-20,acme,user-p2,Per Two,per@acme.com,enabled,1,9
', 'UTF8'), 'range.csv');
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,project_id,project_name,project_creator_public_id,project_creator_email,messages_workspace
Monthly,2025-05-01,2025-05-31,acme,g-p-1,Deals,user-p9,pro@acme.com,4
', 'UTF8'), 'projects.csv');
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'date_partition,workspace_id,name,email,survey_id,survey_name,question_id,answer_id
2025-05-10,acme,Sue Answer,sue@acme.com,s-1,Impact,q-1,a-1
', 'UTF8'), 'survey.csv');
ANALYZE uanalytics.user_engagement, uanalytics.gpt_engagement, uanalytics.load_errors, uanalytics.loads;

-- What would give a person away: every name, email and public_id stored,
-- in a table the viewer may read (in its session only)
CREATE TEMP TABLE personal AS
SELECT DISTINCT v FROM uanalytics.user_engagement AS u,
	LATERAL (VALUES (u.public_id), (u.name), (u.email)) AS x(v)
WHERE v IS NOT NULL
UNION
SELECT DISTINCT v FROM uanalytics.gpt_engagement AS g,
	LATERAL (VALUES (g.gpt_creator_public_id), (g.gpt_creator_email)) AS x(v)
WHERE v IS NOT NULL
UNION
SELECT DISTINCT v FROM uanalytics.project_engagement AS g,
	LATERAL (VALUES (g.project_creator_public_id), (g.project_creator_email)) AS x(v)
WHERE v IS NOT NULL
UNION
SELECT DISTINCT v FROM uanalytics.survey_answers AS a,
	LATERAL (VALUES (a.name), (a.email)) AS x(v)
WHERE v IS NOT NULL;
SELECT count(*) AS personal_values FROM personal;

CREATE ROLE ua_test_viewer;
-- only the owner makes viewers
SELECT uanalytics.grant_viewer('ua_test_viewer');
GRANT SELECT ON personal TO ua_test_viewer;
CREATE ROLE ua_test_other;
SET ROLE ua_test_viewer;

-- ---- the viewer ----

-- 1. Every table, view and sequence of the schema: which it reads, and
-- whether any value of any row of those holds a name, email or public_id
\set VERBOSITY terse
CREATE TEMP TABLE readable (relname text, relkind "char", outcome text);
DO $$
DECLARE
	r record;
	n bigint;
	leaks bigint;
BEGIN
	FOR r IN SELECT c.oid, c.relname, c.relkind FROM pg_class AS c
			 WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
			 ORDER BY c.relname
	LOOP
		BEGIN
			EXECUTE format('SELECT count(*) FROM %s', r.oid::regclass) INTO n;
			EXECUTE format('SELECT count(*) FROM %s AS t WHERE EXISTS (SELECT FROM personal AS p
								WHERE strpos(to_jsonb(t)::text, p.v) > 0)', r.oid::regclass) INTO leaks;
			INSERT INTO readable VALUES (r.relname, r.relkind, format('read: %s rows, %s with personal data', n, leaks));
		EXCEPTION WHEN insufficient_privilege THEN
			INSERT INTO readable VALUES (r.relname, r.relkind, 'denied: ' || SQLERRM);
		END;
	END LOOP;
END
$$;
SELECT relname, relkind, outcome FROM readable WHERE outcome LIKE 'read%' ORDER BY relname;
SELECT count(*) AS denied, count(*) FILTER (WHERE outcome NOT LIKE 'denied: permission denied for %') AS otherwise
FROM readable WHERE outcome NOT LIKE 'read%';
-- what pg_views lists, and the viewer reads: each view's columns hold no
-- identity
SELECT v.viewname, string_agg(a.attname, ', ' ORDER BY a.attnum) AS columns
FROM pg_views AS v
JOIN pg_attribute AS a ON a.attrelid = format('%I.%I', v.schemaname, v.viewname)::regclass AND a.attnum > 0
WHERE v.schemaname = 'uanalytics' AND has_table_privilege(format('%I.%I', v.schemaname, v.viewname), 'SELECT')
GROUP BY v.viewname ORDER BY v.viewname;
-- the views of the brief, by name
SELECT count(*) FROM uanalytics.users;
SELECT count(*) FROM uanalytics.users_pseudonymous;
SELECT count(*) FROM uanalytics.gpts;
SELECT count(*) FROM uanalytics.pseudonym_key;
COPY uanalytics.user_engagement TO STDOUT;

-- 2. Statistics: pg_stats shows the columns one may read, pg_stats_ext too
SELECT count(*) AS pg_stats_rows FROM pg_stats WHERE schemaname = 'uanalytics';
SELECT count(*) AS pg_stats_ext_rows FROM pg_stats_ext WHERE schemaname = 'uanalytics';
SELECT count(*) FROM pg_statistic;

-- 3. Functions: those it may call, and the others refused
SELECT p.oid::regprocedure AS callable, p.prosecdef AS security_definer
FROM pg_proc AS p
WHERE p.pronamespace = 'uanalytics'::regnamespace AND has_function_privilege(p.oid, 'EXECUTE')
ORDER BY p.oid::regprocedure::text;
SELECT * FROM uanalytics.load(:'abs_srcdir' || '/data/views/acme/users_monthly_2025-01.csv');
SELECT * FROM uanalytics.load_data('\x'::bytea, 'x.csv');
SELECT * FROM uanalytics.load_lo(0);
SELECT uanalytics.refresh_summaries(NULL);
SELECT * FROM uanalytics.reclaim_candidates();
SELECT uanalytics.grant_viewer('ua_test_other');
-- the keyed hash without the key is a hash of what one already knows
SELECT length(uanalytics.keyed_hash('user-ana', '\x00'::bytea));

-- every function of the schema that runs with its owner's rights, and the
-- search_path it runs with: pg_catalog first, pg_temp last
SELECT p.oid::regprocedure AS security_definer, p.proconfig
FROM pg_proc AS p
WHERE p.pronamespace = 'uanalytics'::regnamespace AND p.prosecdef
ORDER BY p.oid::regprocedure::text;

-- 4. overview_between, which runs with its owner's rights: aggregates only,
-- and its errors name dates and accounts, never a user
SELECT account_id, cadence, periods, unique_active_users, total_messages FROM uanalytics.overview_between('2025-01-01', '2025-03-31');
SELECT account_id, unique_active_users FROM uanalytics.overview_between('2025-03-02', '2025-03-08');
-- the Date Range path: 2 active, 15 messages, and nobody named
SELECT * FROM uanalytics.overview_between('2025-05-05', '2025-05-20');
SELECT * FROM uanalytics.overview_between('2025-03-31', '2025-01-01');
SELECT * FROM uanalytics.overview_between('2025-01-01', '2025-04-01');
SELECT * FROM uanalytics.overview_between('2025-01-02', '2025-03-31');
SELECT * FROM uanalytics.overview_between('2020-01-01', '2030-12-31');
SELECT count(*) FROM uanalytics.overview_between(NULL, NULL);
SELECT count(*) FROM uanalytics.overview_between('-infinity', 'infinity');
SELECT count(*) FROM uanalytics.overview_between('0001-01-01', '5874897-12-31', allow_gaps => true);
ALTER FUNCTION uanalytics.overview_between(date, date, boolean) SET search_path = pg_temp, pg_catalog;
ALTER FUNCTION uanalytics.overview_between(date, date, boolean) SECURITY INVOKER;
CREATE FUNCTION uanalytics.overview_between(date, date) RETURNS int LANGUAGE sql AS 'SELECT 1';

-- 5. Shadowing what overview_between calls: functions and operators of the
-- viewer's own temporary schema, and tables there, first in its path
CREATE TABLE pg_temp.seen (what text);
CREATE FUNCTION pg_temp.date_trunc(text, date) RETURNS timestamp LANGUAGE sql
	AS $$ INSERT INTO pg_temp.seen VALUES ('date_trunc ' || $2); SELECT $2::timestamp $$;
CREATE FUNCTION pg_temp.leak_eq(date, date) RETURNS boolean LANGUAGE sql
	AS $$ INSERT INTO pg_temp.seen VALUES ('= ' || $1 || ' ' || $2); SELECT $1 OPERATOR(pg_catalog.=) $2 $$;
CREATE OPERATOR pg_temp.= (LEFTARG = date, RIGHTARG = date, FUNCTION = pg_temp.leak_eq);
CREATE FUNCTION pg_temp.leak_text_eq(text, text) RETURNS boolean LANGUAGE sql
	AS $$ INSERT INTO pg_temp.seen VALUES ('= ' || $1 || ' ' || $2); SELECT $1 OPERATOR(pg_catalog.=) $2 $$;
CREATE OPERATOR pg_temp.= (LEFTARG = text, RIGHTARG = text, FUNCTION = pg_temp.leak_text_eq);
CREATE FUNCTION pg_temp.unique_active_users(text, boolean) RETURNS bigint LANGUAGE sql
	AS $$ INSERT INTO pg_temp.seen VALUES ('uau ' || $1); SELECT 0::bigint $$;
CREATE TABLE pg_temp.user_engagement (LIKE uanalytics.overview INCLUDING ALL);
CREATE TABLE pg_temp.user_period_totals (account_id text);
SET search_path = pg_temp, uanalytics, pg_catalog;
SELECT account_id, unique_active_users, total_messages FROM uanalytics.overview_between('2025-01-01', '2025-03-31');
SELECT account_id, unique_active_users FROM overview_between('2025-01-01', '2025-03-31');
SELECT account_id, cadence, unique_active_users FROM overview_between('2025-05-05', '2025-05-20');
SELECT count(*) AS calls_seen FROM pg_temp.seen;
RESET search_path;

-- 6. A function of the viewer's in a query of the views sees only what the
-- view shows: group and department names, never a member
CREATE FUNCTION pg_temp.watch(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001
	AS $$ BEGIN INSERT INTO pg_temp.seen VALUES ($1); RETURN true; END $$;
TRUNCATE pg_temp.seen;
SELECT count(*) FROM uanalytics.group_activity WHERE pg_temp.watch(group_id) AND pg_temp.watch(group_name);
SELECT count(*) FROM uanalytics.department_activity WHERE pg_temp.watch(department);
SELECT count(*) FROM uanalytics.seat_types WHERE pg_temp.watch(seat_type) AND pg_temp.watch(account_id);
SELECT count(*) FROM uanalytics.overview WHERE pg_temp.watch(account_id) AND pg_temp.watch(cadence);
SELECT count(*) AS seen, count(*) FILTER (WHERE what IN (SELECT v FROM personal)) AS personal FROM pg_temp.seen;
-- errors raised on the views' rows echo the views' values (which row
-- fails first is the plan's choice: the message is searched, not shown)
DO $$
DECLARE
	q text;
BEGIN
	FOREACH q IN ARRAY ARRAY[
		'SELECT count(*) FROM uanalytics.department_activity WHERE department::integer = 1',
		'SELECT count(*) FROM uanalytics.group_activity WHERE group_name::integer = 1',
		'SELECT count(*) FROM uanalytics.group_activity WHERE group_id::integer = 1',
		'SELECT count(*) FROM uanalytics.seat_types WHERE account_id::integer = 1']
	LOOP
		BEGIN
			EXECUTE q;
		EXCEPTION WHEN invalid_text_representation THEN
			RAISE NOTICE '%: names a person: %', split_part(split_part(q, 'WHERE ', 2), '::', 1),
				EXISTS (SELECT FROM personal WHERE strpos(SQLERRM, v) > 0);
		END;
	END LOOP;
END
$$;

-- 7. Suppression: the Board (one member) shows no metric, whatever the
-- viewer's session says
SELECT group_id, group_name, members, active_users, messages, suppressed
FROM uanalytics.group_activity WHERE period_start = '2025-05-01' ORDER BY group_id;
SELECT department, members, active_users, messages, suppressed
FROM uanalytics.department_activity WHERE period_start = '2025-05-01' ORDER BY department;
UPDATE uanalytics.settings SET value = '1';
SET uanalytics.min_group_size = 1;

-- 8. Nothing to create in the schema, nothing to change in it
CREATE VIEW uanalytics.mine AS SELECT 1;
CREATE FUNCTION uanalytics.date_trunc(text, date) RETURNS date LANGUAGE sql AS 'SELECT $2';
ALTER VIEW uanalytics.group_activity RESET (security_barrier);
DELETE FROM uanalytics.user_engagement;
\set VERBOSITY default
RESET ROLE;

-- ---- a role granted SELECT on every table still reads no key ----
GRANT USAGE ON SCHEMA uanalytics TO ua_test_other;
GRANT SELECT ON ALL TABLES IN SCHEMA uanalytics TO ua_test_other;
SET ROLE ua_test_other;
SELECT count(*) AS key_rows FROM uanalytics.pseudonym_key;
RESET ROLE;

-- ---- pseudonyms ----

-- one user_key per user, the same in every period; NULL for pending users;
-- no name, email or public_id among the columns
SELECT count(*) AS rows, count(DISTINCT user_key) AS keys, count(*) FILTER (WHERE user_key IS NULL) AS pending,
	(SELECT count(DISTINCT public_id) FROM uanalytics.user_engagement) AS users
FROM uanalytics.users_pseudonymous;
SELECT length(user_key) AS hex_digits, count(*) FROM uanalytics.users_pseudonymous GROUP BY 1;
SELECT count(*) FROM pg_attribute
WHERE attrelid = 'uanalytics.users_pseudonymous'::regclass AND attname IN ('public_id', 'name', 'email');
-- the key is the one made at install, and loads do not change it: a user's
-- key after another load is what it was
SELECT key AS key_before FROM uanalytics.pseudonym_key \gset
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,user_status,is_active,messages
Monthly,2025-06-01,2025-06-30,acme,user-p1,pia@acme.com,enabled,1,3
', 'UTF8'), 'june.csv');
SELECT key = :'key_before' AS same_key, (SELECT count(*) FROM uanalytics.pseudonym_key) AS keys FROM uanalytics.pseudonym_key;
SELECT count(DISTINCT user_key) AS keys_of_user_p1
FROM uanalytics.users_pseudonymous WHERE period_start IN ('2025-05-01', '2025-06-01') AND messages IN (10, 3);
-- the HMAC itself (RFC 4231, test case 2)
SELECT uanalytics.keyed_hash('what do ya want for nothing?', convert_to('Jefe', 'UTF8'));
-- not granted by grant_viewer, nor to PUBLIC
SELECT has_table_privilege('ua_test_viewer', 'uanalytics.users_pseudonymous', 'SELECT') AS viewer,
	   has_table_privilege('public', 'uanalytics.users_pseudonymous', 'SELECT') AS public;

DROP OWNED BY ua_test_viewer, ua_test_other;
DROP ROLE ua_test_viewer, ua_test_other;
