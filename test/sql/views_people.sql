-- People, identities, identity candidates and cohort retention
-- (sql/install/10_adoption.sql, doc/adoption.md), on the small workspace of
-- test/data/adoption (README.txt there): account initech, complete months
-- January and February 2025, a partial March (as of March 11), complete
-- weeks from 2025-01-26 to 2025-03-02 (the first and the last of February
-- straddle a month's end) and a partial week of 2025-03-09.  Every number is
-- worked out by hand first.  Then: the rollup counts the loader keeps
-- against a recomputation after loads, a replacement and a rolled-back
-- load, and the same answers whatever the order of the loads.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/adoption');

-- What the loaders keep for adoption against the same recomputed from the
-- stored rows: the rows that differ, none when all agree.
--   - user_period_totals' activated_users and power_users, beside the
--     other rollups, against refresh_summaries;
--   - the digests of user_period_digests (one per stored user period),
--     read back, against the periods' rows;
--   - cohort_counts, from the digests, against the same counted from
--     person_summaries (the aggregate over the rows);
--   - people, all of them (from the digests), against people_from_rows
--     (from the rows);
--   - for every email of a stored row (in any case), and every person_key:
--     people found by lower(email), by email and by person_key (the
--     lookups) against people_from_rows with the same condition.
CREATE FUNCTION pg_temp.rollup_diff() RETURNS SETOF text
LANGUAGE plpgsql AS $fn$
DECLARE
	e record;
BEGIN
	CREATE TEMP TABLE kept AS SELECT * FROM uanalytics.user_period_totals;
	PERFORM uanalytics.refresh_summaries(NULL);
	RETURN QUERY
		SELECT 'maintained only: ' || k::text FROM (TABLE kept EXCEPT ALL TABLE uanalytics.user_period_totals) AS k
		UNION ALL
		SELECT 'recomputed only: ' || r::text FROM (TABLE uanalytics.user_period_totals EXCEPT ALL TABLE kept) AS r;
	DROP TABLE kept;
	RETURN QUERY
	WITH d AS (
		SELECT g.account_id, g.cadence, g.period_start, g.period_end, g.is_partial, g.load_id, r.*
		FROM uanalytics.user_period_digests AS g, uanalytics.user_period_digest_rows(g.digest, g.names) AS r),
	u AS (
		SELECT u.account_id, u.cadence, u.period_start, u.period_end, p.is_partial, p.load_id, u.public_id,
			coalesce(u.is_active, false), coalesce(u.user_status = 'enabled', false), u.created_or_invited_date,
			u.first_day_active_in_period, u.last_day_active, u.messages,
			CASE WHEN u.cadence = 'Weekly' AND NOT p.is_partial THEN u.email END,
			CASE WHEN u.cadence = 'Weekly' AND NOT p.is_partial THEN u.name END
		FROM uanalytics.user_engagement AS u
		JOIN uanalytics.periods AS p
			ON (p.account_id, p.kind, p.cadence, p.period_start, p.period_end) = (u.account_id, 'users', u.cadence, u.period_start, u.period_end)
		WHERE u.public_id IS NOT NULL),
	dp AS (SELECT account_id, cadence, period_start, period_end, is_partial, load_id FROM uanalytics.user_period_digests),
	pp AS (SELECT account_id, cadence, period_start, period_end, is_partial, load_id FROM uanalytics.periods WHERE kind = 'users')
	SELECT 'digest only: ' || x::text FROM (TABLE d EXCEPT ALL TABLE u) AS x
	UNION ALL SELECT 'rows only: ' || x::text FROM (TABLE u EXCEPT ALL TABLE d) AS x
	UNION ALL SELECT 'digest of no period: ' || x::text FROM (TABLE dp EXCEPT ALL TABLE pp) AS x
	UNION ALL SELECT 'period without digest: ' || x::text FROM (TABLE pp EXCEPT ALL TABLE dp) AS x;
	RETURN QUERY
	WITH c AS (
		SELECT p.account_id, date_trunc('month', (p.summary).first_active_day)::date AS cohort_month,
			(p.summary).active_month_starts AS months
		FROM uanalytics.person_summaries AS p
		WHERE (p.summary).first_use_known AND (p.summary).first_active_day IS NOT NULL),
	s AS (
		SELECT c.account_id, c.cohort_month, NULL::date AS month, count(*) AS people FROM c GROUP BY 1, 2
		UNION ALL
		SELECT c.account_id, c.cohort_month, m.month, count(*)
		FROM c CROSS JOIN LATERAL unnest(c.months) AS m(month) WHERE m.month >= c.cohort_month GROUP BY 1, 2, 3),
	k AS (SELECT * FROM uanalytics.cohort_counts())
	SELECT 'cohort_counts only: ' || x::text FROM (TABLE k EXCEPT ALL TABLE s) AS x
	UNION ALL SELECT 'person_summaries only: ' || x::text FROM (TABLE s EXCEPT ALL TABLE k) AS x;
	RETURN QUERY
	SELECT 'people only: ' || x::text FROM (TABLE uanalytics.people EXCEPT ALL TABLE uanalytics.people_from_rows) AS x
	UNION ALL SELECT 'people_from_rows only: ' || x::text FROM (TABLE uanalytics.people_from_rows EXCEPT ALL TABLE uanalytics.people) AS x;
	FOR e IN SELECT DISTINCT u.account_id, u.email, p.person_key
			 FROM uanalytics.user_engagement AS u
			 LEFT JOIN uanalytics.people_from_rows AS p ON p.account_id = u.account_id AND u.public_id = ANY (p.public_ids)
			 WHERE u.email IS NOT NULL LOOP
		RETURN QUERY
		SELECT format('people by email %s: %s', e.email, x::text)
		FROM ((SELECT * FROM uanalytics.people WHERE lower(email) = lower(e.email) AND account_id = e.account_id
			   EXCEPT ALL SELECT * FROM uanalytics.people_from_rows WHERE lower(email) = lower(e.email) AND account_id = e.account_id)
			  UNION ALL
			  (SELECT * FROM uanalytics.people_from_rows WHERE lower(email) = lower(e.email)
			   EXCEPT ALL SELECT * FROM uanalytics.people WHERE lower(email) = lower(e.email))
			  UNION ALL
			  (SELECT * FROM uanalytics.people_from_rows WHERE email = e.email
			   EXCEPT ALL SELECT * FROM uanalytics.people WHERE email = e.email)
			  UNION ALL
			  (SELECT * FROM uanalytics.people_from_rows WHERE email = upper(e.email)
			   EXCEPT ALL SELECT * FROM uanalytics.people WHERE email = upper(e.email))
			  UNION ALL
			  (SELECT * FROM uanalytics.people_from_rows WHERE person_key = e.person_key
			   EXCEPT ALL SELECT * FROM uanalytics.people WHERE person_key = e.person_key)) AS x;
	END LOOP;
END
$fn$;
SELECT * FROM pg_temp.rollup_diff();

CREATE FUNCTION pg_temp.plan_lines(query text) RETURNS SETOF text
LANGUAGE plpgsql AS $fn$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
		RETURN NEXT line;
	END LOOP;
END
$fn$;

-- People.  The earliest stored row of every user is January's monthly row
-- (it starts before the week of 2025-01-26), but for cy and dee2, who are
-- not in January's export as users: cy was pending (no public_id: pending
-- rows are nobody's), dee2 was created on 2025-02-11; their earliest row is
-- February's.  The latest row is the partial March (it ends 2025-03-31).
--   ana   created 2024-10-01, before the first export, and active in it
--         (January's row has last_day_active 2025-01-28): first use unknown;
--         first_active_day 2025-01-03 still shown.  last_active_day
--         2025-03-10 (the partial week).  Active in January and February:
--         2 months, 60 + 80 = 140 messages.
--   ben   invited 2025-01-10, January's row has no last_day_active: first
--         use known, first active 2025-03-04 (partial March and the week of
--         2025-03-02): 53 days (21 to February 1st + 28 + 4).  No complete
--         month active: 0 months, 0 + 0 messages.
--   cy    invited 2025-01-15, pending in January, joined in February and
--         active on 2025-02-10: the earliest row of user-cy is February's,
--         active, with a created_or_invited_date before it: first use
--         unknown, by the rule of doc/adoption.md.  1 month, 20 messages.
--   dee1  created 2024-06-01: unknown.  Deleted on 2025-02-10; deleted rows
--         carry no last_day_active, so last_active_day is the week of
--         2025-02-02's 2025-02-03.  Active in January (20) and February
--         (the deleted row still says is_active, 10): 2 months, 30.
--   dee2  created 2025-02-11, after February's period_start: first use
--         known, first active 2025-02-12: 1 day.  1 month, 20.
--   eli   created 2025-01-05, active 2025-01-09: known, 4 days; 2 months,
--         10 + 10 = 20; last active 2025-02-14.
--   fay   created 2025-01-20, active 2025-01-30: known, 10 days; active in
--         January only: 1 month, 10 + 0 = 10.
--   sam1, sam2: two people of the same name.  sam1 deleted on 2025-03-06
--         (last active 2025-02-05, 2 months, 20); sam2 enabled, last active
--         2025-03-11, 2 months, 30 + 60 = 90.  Both created before January:
--         unknown.
SELECT person_key, public_ids, email, name, user_status, created_or_invited_date, first_active_day,
	last_active_day, first_use_known, days_to_first_use, active_months, messages
FROM uanalytics.people ORDER BY person_key;

-- The aggregate behind people on its own: a row without its period or
-- public_id is nobody's; no row at all gives NULL.
SELECT uanalytics.person_summary(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL) IS NULL AS no_rows;
SELECT (s).created_or_invited_date, (s).first_use_known, (s).active_months, (s).active_month_starts, (s).email
FROM (SELECT uanalytics.person_summary(v.s, v.e, v.c, false, v.p, DATE '2025-01-05', true, v.s, v.s, 3,
		'enabled', 'x@y.z', 'X', NULL, NULL, NULL, NULL) AS s
	  FROM (VALUES (NULL::date, NULL::date, NULL::text, 'user-x'), (DATE '2025-01-01', DATE '2025-01-31', 'Monthly', NULL),
				   (DATE '2025-01-01', DATE '2025-01-31', 'Monthly', 'user-x')) AS v(s, e, c, p)) AS a;

-- A parallel plan: workers aggregate parts of each person's rows, the
-- leader combines their serialized states (without the leader's
-- participation every row goes through a worker).  On 2,000 generated
-- people of 24 periods each, stored period after period so that a person's
-- rows lie in different blocks: the same summaries as the serial plan.
CREATE TABLE person_gen AS
SELECT 'user-' || i AS public_id, p.start, p.finish, p.cadence, p.start > DATE '2025-12-01' AS is_partial,
	DATE '2024-06-01' + (i * 7 + p.n) % 300 AS created,
	(i + p.n) % 3 <> 0 AS is_active,
	p.start + (i % 7) AS first_day,
	CASE WHEN (i + p.n) % 5 <> 0 THEN p.start + (i % 28) END AS last_day,
	(i * p.n) % 97 AS messages,
	CASE WHEN (i + p.n) % 11 = 0 THEN 'deleted' ELSE 'enabled' END AS status,
	'u' || i || '-' || (p.n / 8) || '@x.com' AS email,
	'User ' || i AS name,
	ARRAY['dept-' || (i % 4)] AS department,
	jsonb_build_object('g' || (i % 3), 'Group') AS groups
FROM (SELECT n, cadence, start, (start + CASE cadence WHEN 'Weekly' THEN interval '6 days'
										  ELSE interval '1 month - 1 day' END)::date AS finish
	  FROM (SELECT n, CASE WHEN n < 12 THEN 'Monthly' ELSE 'Weekly' END AS cadence,
				CASE WHEN n < 12 THEN DATE '2025-01-01' + make_interval(months => n)
					 ELSE DATE '2025-01-05' + 7 * (n - 12) END::date AS start
			FROM generate_series(0, 23) AS n) AS q) AS p,
	generate_series(1, 2000) AS i
ORDER BY p.n, i;
CREATE VIEW person_gen_summaries AS
SELECT public_id, uanalytics.person_summary(start, finish, cadence, is_partial, public_id, created, is_active,
	first_day, last_day, messages, status, email, name, department, groups, 'member', NULL)::text AS summary
FROM person_gen GROUP BY public_id;
CREATE TEMP TABLE person_gen_serial AS SELECT * FROM person_gen_summaries;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SELECT count(*) FILTER (WHERE p ~ 'Partial') > 0 AS partial_aggregation
FROM pg_temp.plan_lines('SELECT * FROM person_gen_summaries') AS p;
SELECT count(*) AS people,
	count(*) FILTER (WHERE s.summary IS DISTINCT FROM g.summary) AS different
FROM person_gen_serial AS s FULL JOIN person_gen_summaries AS g USING (public_id);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
-- and the same as plain SQL gives, for every one of them: the aggregates,
-- the earliest and the latest row by their orders (cadence as bytes)
CREATE TEMP VIEW person_gen_plain AS
SELECT a.public_id,
	ROW(a.created, a.first_active, a.last_active,
		coalesce(f.last_day IS NULL OR f.created >= f.start, false),
		coalesce(cardinality(a.months), 0), coalesce(a.months, '{}'), a.messages,
		l.email, l.name, l.department, l.groups, 'member', l.status, NULL)::uanalytics.person_summary::text AS summary
FROM (SELECT public_id, min(created) AS created, min(first_day) FILTER (WHERE is_active) AS first_active,
		max(last_day) AS last_active,
		array_agg(DISTINCT start ORDER BY start) FILTER (WHERE cadence = 'Monthly' AND NOT is_partial AND is_active)
			AS months,
		sum(messages) FILTER (WHERE cadence = 'Monthly' AND NOT is_partial) AS messages
	  FROM person_gen GROUP BY public_id) AS a
JOIN (SELECT DISTINCT ON (public_id) public_id, start, last_day, created
	  FROM person_gen ORDER BY public_id, start, finish, cadence COLLATE "C") AS f USING (public_id)
JOIN (SELECT DISTINCT ON (public_id) public_id, email, name, department, groups, status
	  FROM person_gen
	  ORDER BY public_id, finish DESC, status = 'enabled' DESC, created DESC NULLS LAST, start DESC,
		  cadence COLLATE "C" DESC) AS l USING (public_id);
SELECT count(*) AS people, count(*) FILTER (WHERE s.summary IS DISTINCT FROM p.summary) AS different
FROM person_gen_serial AS s FULL JOIN person_gen_plain AS p USING (public_id);
SELECT summary FROM person_gen_serial WHERE public_id = 'user-1';
DROP VIEW person_gen_plain;
DROP VIEW person_gen_summaries;
DROP TABLE person_gen;

-- One person by person_key, and by email (any case)
SELECT person_key, email FROM uanalytics.people WHERE person_key = 'user-eli';
SELECT person_key, email FROM uanalytics.people WHERE lower(email) = lower('Sam.Ortiz@INITECH.com');
-- people's scan (src/people.c) says how it answers: a lookup for a
-- condition on person_key or email, every person from the digests
-- otherwise; account_id narrows either.  A condition it cannot use (another
-- collation, another operator) leaves it reading every person, and the
-- condition filters them.
SELECT q, (SELECT string_agg(btrim(p), '; ') FROM pg_temp.plan_lines(q) AS p WHERE p ~ 'People:') AS how
FROM unnest(ARRAY[
	$$SELECT * FROM uanalytics.people WHERE person_key = 'user-eli'$$,
	$$SELECT * FROM uanalytics.people WHERE lower(email) = 'x' AND account_id = 'initech'$$,
	$$SELECT * FROM uanalytics.people WHERE 'x' = email$$,
	$$SELECT * FROM uanalytics.people WHERE account_id = 'initech'$$,
	$$SELECT * FROM uanalytics.people$$,
	$$SELECT * FROM uanalytics.people WHERE lower(email COLLATE "C") = 'x'$$,
	$$SELECT * FROM uanalytics.people WHERE email LIKE 'x%'$$,
	$$SELECT * FROM uanalytics.people WHERE person_key = name$$,
	$$SELECT * FROM uanalytics.people WHERE person_key IN ('user-ana', 'user-eli')$$,
	$$SELECT * FROM uanalytics.people WHERE lower(email) = 'x' AND person_key = 'user-ana'$$,
	$$SELECT * FROM uanalytics.people WHERE email = ANY ('{a,b}'::text[]) AND account_id = 'initech'$$,
	$$SELECT * FROM (VALUES ('user-ana')) AS k(key)
	  CROSS JOIN LATERAL (SELECT * FROM uanalytics.people WHERE person_key = k.key OFFSET 0) AS p$$]) AS q;
-- the same answers both ways: by email in another collation (read whole,
-- then filtered), and by email as a lookup
SELECT person_key FROM uanalytics.people WHERE lower(email COLLATE "C") = 'sam.ortiz@initech.com' ORDER BY 1;
SELECT person_key FROM uanalytics.people WHERE lower(email) = 'sam.ortiz@initech.com' ORDER BY 1;
-- lists: each value looked up, each person once; a NULL to compare to,
-- or an empty list: no row, not every row
SELECT person_key FROM uanalytics.people WHERE person_key IN ('user-fay', 'user-ana', 'user-fay', 'nobody') ORDER BY 1;
SELECT person_key FROM uanalytics.people WHERE email = ANY (ARRAY['eli@initech.com', 'ELI@initech.com', NULL]);
SELECT count(*) FROM uanalytics.people WHERE person_key = NULL::text;
SELECT count(*) FROM uanalytics.people WHERE person_key = ANY ('{}');
SELECT count(*) FROM uanalytics.people WHERE lower(email) = ANY (ARRAY[NULL]::text[]);
-- a condition's value that is a parameter: a generic plan, and a rescan
-- with another value for each outer row
SET plan_cache_mode = force_generic_plan;
PREPARE person_by_email(text) AS SELECT person_key FROM uanalytics.people WHERE lower(email) = lower($1);
EXECUTE person_by_email('ELI@initech.com');
EXECUTE person_by_email('Ana@Initech.COM');
DEALLOCATE person_by_email;
RESET plan_cache_mode;
SELECT k.key, p.email
FROM (VALUES ('user-ana'), ('user-fay'), ('nobody'), ('user-ana')) AS k(key)
CROSS JOIN LATERAL (SELECT * FROM uanalytics.people WHERE person_key = k.key OFFSET 0) AS p;
-- a join on person_key or on the email: a nested loop that looks each row
-- of the other side up (a scan parameterized by it), when the other side
-- is small; the same rows as people_from_rows gives.  On this tiny
-- fixture reading every person costs as little as a few lookups, so the
-- other joins are set aside for the test.
CREATE TEMP TABLE hr (employee_id text, work_email text, team text);
INSERT INTO hr VALUES ('user-ana', 'ANA@initech.com', 'a'), ('user-eli', 'eli@initech.com', 'b'),
	('nobody', 'nobody@initech.com', 'c'), (NULL, NULL, 'd'), ('user-fay', 'sam@initech.com', 'e');
ANALYZE hr;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SET enable_material = off;
SELECT q, (SELECT string_agg(btrim(p), '; ') FROM pg_temp.plan_lines(q) AS p WHERE p ~ 'People:|Nested Loop|Join') AS how
FROM unnest(ARRAY[
	$$SELECT h.team, p.email FROM hr AS h JOIN uanalytics.people AS p ON p.person_key = h.employee_id$$,
	$$SELECT h.team, p.email FROM hr AS h JOIN uanalytics.people AS p ON lower(p.email) = lower(h.work_email)$$]) AS q;
SELECT h.team, p.person_key, p.email FROM hr AS h JOIN uanalytics.people AS p ON p.person_key = h.employee_id ORDER BY 1;
SELECT h.team, p.person_key, p.email FROM hr AS h JOIN uanalytics.people AS p ON lower(p.email) = lower(h.work_email) ORDER BY 1;
SELECT count(*) AS differences FROM (
	(SELECT h.team, p.* FROM hr AS h JOIN uanalytics.people AS p ON p.person_key = h.employee_id
	 EXCEPT ALL SELECT h.team, p.* FROM hr AS h JOIN uanalytics.people_from_rows AS p ON p.person_key = h.employee_id)
	UNION ALL
	(SELECT h.team, p.* FROM hr AS h JOIN uanalytics.people_from_rows AS p ON lower(p.email) = lower(h.work_email)
	 EXCEPT ALL SELECT h.team, p.* FROM hr AS h JOIN uanalytics.people AS p ON lower(p.email) = lower(h.work_email))) AS d;
-- an outer join keeps the employees nobody matches
SELECT h.team, p.person_key FROM hr AS h LEFT JOIN uanalytics.people AS p ON p.person_key = h.employee_id ORDER BY 1;
SELECT count(*) AS differences FROM (
	(SELECT h.team, p.* FROM uanalytics.people AS p RIGHT JOIN hr AS h ON lower(p.email) = lower(h.work_email)
	 EXCEPT ALL SELECT h.team, p.* FROM uanalytics.people_from_rows AS p RIGHT JOIN hr AS h ON lower(p.email) = lower(h.work_email))
	UNION ALL
	(SELECT h.team, p.* FROM uanalytics.people_from_rows AS p FULL JOIN hr AS h ON p.person_key = h.employee_id
	 EXCEPT ALL SELECT h.team, p.* FROM uanalytics.people AS p FULL JOIN hr AS h ON p.person_key = h.employee_id)) AS d;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_material;
DROP TABLE hr;
-- people reads with its owner's rights, as a view does: SELECT on it alone
-- is enough
CREATE ROLE ua_test_people;
GRANT USAGE ON SCHEMA uanalytics TO ua_test_people;
GRANT SELECT ON uanalytics.people TO ua_test_people;
SET ROLE ua_test_people;
SELECT count(*) AS people FROM uanalytics.people;
SELECT person_key FROM uanalytics.people WHERE lower(email) = 'eli@initech.com';
SELECT count(*) FROM uanalytics.user_period_digests;
RESET ROLE;
DROP OWNED BY ua_test_people;
DROP ROLE ua_test_people;

-- people looks a person_key up in people_from_rows, where it reaches the
-- hash index on public_id (sequential scans are off because the fixture is
-- tiny): the person_key is an index condition, and no plan node reads
-- user_engagement whole.
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT count(*) FILTER (WHERE p ~ 'Index Cond: .*public_id = ''user-eli''') > 0 AS person_key_in_index,
	count(*) FILTER (WHERE p ~ 'Seq Scan on user_engagement') AS user_engagement_scans
FROM pg_temp.plan_lines($$SELECT * FROM uanalytics.people_from_rows WHERE person_key = 'user-eli'$$) AS p;
RESET enable_seqscan;
RESET enable_bitmapscan;

-- Identity candidates: dee1 (deleted from 2025-02-10, created 2024-06-01)
-- and dee2 (created 2025-02-11, a day of February and of the week of
-- 2025-02-09, in both of which dee1 is deleted).  The two Sam Ortiz are no
-- candidates: sam1 is deleted only from March, and no stored period that
-- holds sam2's created_or_invited_date (2024-12-01) exists; sam2 was never
-- deleted.
SELECT * FROM uanalytics.identity_candidates ORDER BY old_public_id;

-- Cohorts: the people whose first use is known are ben (cohort March, not a
-- complete month: no cohort), dee2 (February), eli and fay (January).
--   January: 2 people; in January both active (100), in February eli only
--            (1 of 2: 50).
--   February: dee2; in February active (100).  February is the latest
--            complete month: no months_since beyond.
SELECT * FROM uanalytics.cohort_retention ORDER BY cohort_month, months_since;

-- The customer confirms the pair: dee1 and dee2 become one person.
--   public_ids {user-dee1,user-dee2}; the latest rows of both end on
--   2025-03-31: dee2's is enabled, dee1's deleted, so dee2's email and
--   status.  Created 2024-06-01 (dee1), first active 2025-01-06 (dee1),
--   last active 2025-03-05 (dee2).  The earliest row is dee1's January:
--   first use unknown, no days.  Active months: January (dee1), February
--   (both: once) = 2; messages 20 + 10 + 20 = 50.
INSERT INTO uanalytics.identities VALUES ('initech', 'user-dee1', 'E-104'), ('initech', 'user-dee2', 'E-104');
SELECT person_key, public_ids, email, user_status, created_or_invited_date, first_active_day,
	last_active_day, first_use_known, days_to_first_use, active_months, messages
FROM uanalytics.people WHERE person_key IN ('E-104', 'user-dee1', 'user-dee2');
SELECT person_key FROM uanalytics.people WHERE lower(email) = 'dee.lee@initech.com';
-- by a list of emails, both of the merged person's: found through each,
-- returned once; dee's first email is not the latest, so alone it finds
-- the person and the condition then drops it
SELECT person_key, email FROM uanalytics.people
WHERE lower(email) IN ('dee@initech.com', 'dee.lee@initech.com', 'ana@initech.com', NULL) ORDER BY 1;
SELECT count(*) FROM uanalytics.people WHERE lower(email) = 'dee@initech.com';
SELECT merged FROM uanalytics.identity_candidates;
-- The February cohort was dee2 alone: merged with dee1, whose first use is
-- unknown, it is gone.  January stays.
SELECT * FROM uanalytics.cohort_retention ORDER BY cohort_month, months_since;

-- Mapping only the new public_id, with the old one as its key, merges the
-- two as well: user-dee1's person_key is its own public_id.
DELETE FROM uanalytics.identities;
INSERT INTO uanalytics.identities VALUES ('initech', 'user-dee2', 'user-dee1');
SELECT person_key, public_ids, email, active_months, messages
FROM uanalytics.people WHERE 'user-dee1' = ANY (public_ids) OR 'user-dee2' = ANY (public_ids);
SELECT count(*) AS people, count(DISTINCT person_key) AS keys FROM uanalytics.people;
DELETE FROM uanalytics.identities;

-- A newer partial March replaces the stored one (as of 2025-03-12): ben's
-- March activity is gone from it (corrected), dee1 is no longer listed,
-- sam2 was active on the 12th too.  ben's first activity came from the
-- partial March (the first file of the directory to hold 2025-03-04): it
-- is now taken from the week of 2025-03-02, which still has it.  dee1's
-- latest row was the partial March's: now the partial week's.  Nothing
-- else changes but sam2's last_active_day.
SELECT status, rows_loaded, rows_replaced
FROM uanalytics.load(:'abs_srcdir' || '/data/adoption/later/initech partial monthly user report 2025-03-01 (2).csv');
SELECT * FROM pg_temp.rollup_diff();
SELECT person_key, first_active_day, last_active_day, days_to_first_use, user_status
FROM uanalytics.people WHERE person_key IN ('user-ben', 'user-dee1', 'user-sam2') ORDER BY 1;

-- A load rolled back leaves nothing: the complete week of 2025-03-09
-- replacing the partial one, then undone.
BEGIN;
SELECT status, rows_loaded, rows_replaced
FROM uanalytics.load(:'abs_srcdir' || '/data/adoption/later/initech weekly user report 2025-03-09.csv');
-- inside the transaction the week is a complete one: ana was active in it
SELECT active_users, power_users FROM uanalytics.adoption WHERE cadence = 'Weekly' AND period_start = '2025-03-09';
SELECT active_weeks AS ana_weeks FROM uanalytics.habitual_users('2025-03-15', 1, 12) WHERE public_id = 'user-ana';
ROLLBACK;
SELECT active_users, power_users FROM uanalytics.adoption WHERE cadence = 'Weekly' AND period_start = '2025-03-09';
SELECT active_weeks AS ana_weeks FROM uanalytics.habitual_users('2025-03-15', 1, 12) WHERE public_id = 'user-ana';
SELECT * FROM pg_temp.rollup_diff();

-- The same load committed: the week is complete now (7 weeks for ana), and
-- both tables agree with a recomputation.
SELECT status, rows_loaded, rows_replaced
FROM uanalytics.load(:'abs_srcdir' || '/data/adoption/later/initech weekly user report 2025-03-09.csv');
SELECT public_id, active_weeks FROM uanalytics.habitual_users('2025-03-15', 1, 12)
WHERE public_id IN ('user-ana', 'user-sam2') ORDER BY 1;
CREATE TEMP TABLE people_then AS SELECT * FROM uanalytics.people;
CREATE TEMP TABLE cohorts_then AS SELECT * FROM uanalytics.cohort_retention;
CREATE TEMP TABLE adoption_then AS SELECT * FROM uanalytics.adoption;
SELECT * FROM pg_temp.rollup_diff();

-- A week loaded by itself, before the months: the order of the loads does
-- not matter.
DROP EXTENSION uanalytics CASCADE;
CREATE EXTENSION uanalytics;
SELECT count(*) FROM uanalytics.load(:'abs_srcdir' || '/data/adoption/initech weekly user report 2025-03-02.csv');
SELECT count(*) FROM uanalytics.load(:'abs_srcdir' || '/data/adoption/later/initech weekly user report 2025-03-09.csv');
SELECT count(*) FROM uanalytics.load(:'abs_srcdir' || '/data/adoption');
SELECT count(*) FROM uanalytics.load(:'abs_srcdir' || '/data/adoption/later/initech partial monthly user report 2025-03-01 (2).csv');
-- the same people, cohorts and adoption as when loaded in order
SELECT 'then' AS side, t::text FROM (TABLE people_then EXCEPT ALL TABLE uanalytics.people) AS t
UNION ALL SELECT 'now', n::text FROM (TABLE uanalytics.people EXCEPT ALL TABLE people_then) AS n
UNION ALL SELECT 'then', t::text FROM (TABLE cohorts_then EXCEPT ALL TABLE uanalytics.cohort_retention) AS t
UNION ALL SELECT 'now', n::text FROM (TABLE uanalytics.cohort_retention EXCEPT ALL TABLE cohorts_then) AS n
UNION ALL SELECT 'then', t::text FROM (TABLE adoption_then EXCEPT ALL TABLE uanalytics.adoption) AS t
UNION ALL SELECT 'now', n::text FROM (TABLE uanalytics.adoption EXCEPT ALL TABLE adoption_then) AS n;
SELECT count(*) AS people FROM people_then;
SELECT * FROM pg_temp.rollup_diff();
-- refresh_digests makes the same digests again (the entries in another
-- order: the rows' order in the table)
SELECT uanalytics.refresh_digests() AS periods;
SELECT * FROM pg_temp.rollup_diff();

-- A damaged digest is an error that says how to remake it, not a wrong count
SELECT * FROM uanalytics.user_period_digest_rows('\x00');
SELECT count(*) FROM uanalytics.user_period_digest_rows(
	(SELECT substr(digest, 1, octet_length(digest) - 3) FROM uanalytics.user_period_digests
	 ORDER BY period_start, cadence LIMIT 1));
UPDATE uanalytics.user_period_digests SET digest = substr(digest, 1, 20)
WHERE (cadence, period_start) = ('Monthly', '2025-01-01');
SELECT count(*) FROM uanalytics.cohort_retention;
SELECT uanalytics.refresh_digests() > 0 AS digests_made;
SELECT count(*) FROM uanalytics.cohort_retention;
