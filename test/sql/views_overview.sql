-- The Overview tab, uanalytics.overview, on the fixture workspace of
-- test/data/views (its README.txt has the story of every user): each
-- number below is worked out by hand in the comments first.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
\set acme :abs_srcdir '/data/views/acme'

SELECT count(*) AS files, sum(rows_loaded) AS rows_loaded, sum(rows_rejected) AS rejected
FROM uanalytics.load(:'acme');

-- Monthly, from the user reports (active = distinct public_id with
-- is_active; pending users have none and never count):
--   period     active users          total_messages        gpt_messages   tool_messages
--   Jan        ana ben dan      = 3  100+40+0+50    = 190  20+0+0+10 = 30 30+5+0+0    = 35
--   Feb        ana gus          = 2  120+60         = 180  30+0      = 30 40+300      = 340
--   Mar        ana ben eve gus  = 4  90+100+90+10   = 290  0+50+10+0 = 60 10+0+10+0   = 20
--   Apr (part) ana eve          = 2  20+15          = 35   5+0       = 5  2+0         = 2
-- Changes, 100 * (current - prior) / prior to one decimal:
--   Jan: the first period, no prior: all NULL
--   Feb vs Jan: (2-3)/3 = -33.3   (180-190)/190 = -5.3   (30-30)/30 = 0.0    (340-35)/35 = 871.4
--   Mar vs Feb: (4-2)/2 = 100.0   (290-180)/180 = 61.1   (60-30)/30 = 100.0  (20-340)/340 = -94.1
--   Apr, partial, vs Mar, the last complete month:
--               (2-4)/4 = -50.0   (35-290)/290 = -87.9   (5-60)/60 = -91.7   (2-20)/20 = -90.0
SELECT period_start, period_end, is_partial, prior_period_start,
       unique_active_users AS uau, unique_active_users_prior AS uau_prior, unique_active_users_pct_change AS uau_pct,
       total_messages AS total, total_messages_prior AS total_prior, total_messages_pct_change AS total_pct
FROM uanalytics.overview WHERE account_id = 'acme' AND cadence = 'Monthly' ORDER BY period_start;
SELECT period_start,
       gpt_messages AS gpt, gpt_messages_prior AS gpt_prior, gpt_messages_pct_change AS gpt_pct,
       tool_messages AS tool, tool_messages_prior AS tool_prior, tool_messages_pct_change AS tool_pct
FROM uanalytics.overview WHERE account_id = 'acme' AND cadence = 'Monthly' ORDER BY period_start;

-- Weekly (weeks run Sunday to Saturday; the week of 03-16 was never loaded):
--   week          active          total           gpt           tool
--   03-02         ana ben = 2     20+30 = 50      5+10 = 15     3+0 = 3      first: no prior
--   03-09         ana gus = 2     25+5  = 30      0             4+0 = 4      vs 03-02: 0.0 -40.0 -100.0 33.3
--   03-23         ana ben eve = 3 10+40+20 = 70   0+20+5 = 25   1+0+5 = 6    its prior 03-16 is missing: NULL
--   03-30 (part)  ana = 1         5               0             0            vs 03-23, the last complete week:
--                 (1-3)/3 = -66.7   (5-70)/70 = -92.9   (0-25)/25 = -100.0   (0-6)/6 = -100.0
SELECT period_start, period_end, is_partial, prior_period_start,
       unique_active_users AS uau, unique_active_users_prior AS uau_prior, unique_active_users_pct_change AS uau_pct,
       total_messages AS total, total_messages_prior AS total_prior, total_messages_pct_change AS total_pct
FROM uanalytics.overview WHERE account_id = 'acme' AND cadence = 'Weekly' ORDER BY period_start;
SELECT period_start,
       gpt_messages AS gpt, gpt_messages_prior AS gpt_prior, gpt_messages_pct_change AS gpt_pct,
       tool_messages AS tool, tool_messages_prior AS tool_prior, tool_messages_pct_change AS tool_pct
FROM uanalytics.overview WHERE account_id = 'acme' AND cadence = 'Weekly' ORDER BY period_start;

-- the numbers equal a direct computation from the stored rows
SELECT o.cadence, o.period_start
FROM uanalytics.overview o
JOIN (SELECT account_id, cadence, period_start,
             count(DISTINCT public_id) FILTER (WHERE is_active) AS uau,
             sum(messages) AS total, sum(gpt_messages) AS gpt, sum(tool_messages) AS tool
      FROM uanalytics.user_engagement GROUP BY 1, 2, 3) r USING (account_id, cadence, period_start)
WHERE (o.unique_active_users, o.total_messages, o.gpt_messages, o.tool_messages)
      IS DISTINCT FROM (r.uau, r.total, r.gpt, r.tool);

-- last_loaded_at is when the load that holds the period ran
SELECT o.cadence, o.period_start, regexp_replace(l.source, '^.*/', '') AS file,
       o.last_loaded_at = l.loaded_at AS same_time
FROM uanalytics.overview o
JOIN uanalytics.periods p ON (p.account_id, p.kind, p.cadence, p.period_start) = (o.account_id, 'users', o.cadence, o.period_start)
JOIN uanalytics.loads l ON l.load_id = p.load_id
ORDER BY o.cadence, o.period_start;

-- The scans of a query's plan, in EXPLAIN's order, each with its index
-- conditions: how each table is read.  (The joins above them and their
-- filters are left out: they change from release to release.)
CREATE FUNCTION pg_temp.plan_scans(query text) RETURNS SETOF text
LANGUAGE plpgsql AS $fn$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
		IF line ~ ' Scan ' THEN
			RETURN NEXT regexp_replace(line, '^ *(-> *)?', '');
		ELSIF line ~ ' Cond: ' THEN
			RETURN NEXT '  ' || ltrim(line);
		END IF;
	END LOOP;
END
$fn$;

-- One period asked by its key is index lookups all the way down: the
-- predicates reach the rollup, the catalog and the loads by index (the
-- tables are tiny, so sequential scans are switched off to show the plan
-- the same query gets on a large workspace).
ANALYZE uanalytics.user_period_totals, uanalytics.periods, uanalytics.loads;
SET enable_seqscan = off;
SELECT * FROM pg_temp.plan_scans($$
SELECT * FROM uanalytics.overview
WHERE account_id = 'acme' AND cadence = 'Monthly' AND period_start = '2025-03-01'$$);
RESET enable_seqscan;

-- A complete export of April replaces the partial one: the rollup row is
-- replaced with it (still one row for April), and April is now compared
-- with the prior month by the complete-period rule.
--   active ana ben gus = 3, total 60+30+0+10 = 100, gpt 10, tool 5
--   vs Mar: (3-4)/4 = -25.0  (100-290)/290 = -65.5  (10-60)/60 = -83.3  (5-20)/20 = -75.0
SELECT rows_loaded, rows_replaced, status FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,user_status,is_active,messages,gpt_messages,tool_messages,last_day_active_in_period
Monthly,2025-04-01,2025-04-30,acme,user-ana,ana@acme.com,enabled,1,60,10,5,2025-04-29
Monthly,2025-04-01,2025-04-30,acme,user-ben,Ben.Cho@acme.com,enabled,1,30,0,0,2025-04-22
Monthly,2025-04-01,2025-04-30,acme,user-cat,cat@acme.com,enabled,0,0,0,0,
Monthly,2025-04-01,2025-04-30,acme,user-dan,dan@acme.com,deleted,0,0,0,0,
Monthly,2025-04-01,2025-04-30,acme,user-eve,eve@acme.com,enabled,0,0,0,0,
Monthly,2025-04-01,2025-04-30,acme,,fay@acme.com,pending,,,,,
Monthly,2025-04-01,2025-04-30,acme,user-gus,gus@acme.com,enabled,1,10,0,0,2025-04-11
', 'UTF8'), 'acme monthly user report April.csv');
SELECT period_start, is_partial, prior_period_start, unique_active_users AS uau, unique_active_users_pct_change AS uau_pct,
       total_messages AS total, total_messages_pct_change AS total_pct, gpt_messages_pct_change AS gpt_pct,
       tool_messages_pct_change AS tool_pct
FROM uanalytics.overview WHERE account_id = 'acme' AND cadence = 'Monthly' AND period_start >= '2025-03-01'
ORDER BY period_start;
SELECT cadence, period_start, is_partial, users, load_id = (SELECT max(load_id) FROM uanalytics.loads) AS latest_load
FROM uanalytics.user_period_totals WHERE period_start = '2025-04-01';

-- refresh_summaries(NULL) rebuilds the rollups from the stored rows: the
-- same rows as the loads left
CREATE TEMP TABLE kept AS SELECT * FROM uanalytics.user_period_totals;
SELECT uanalytics.refresh_summaries(NULL) AS periods_recomputed;
SELECT count(*) AS differing FROM (
	(SELECT * FROM kept EXCEPT SELECT * FROM uanalytics.user_period_totals)
	UNION ALL
	(SELECT * FROM uanalytics.user_period_totals EXCEPT SELECT * FROM kept)) d;

-- Loads arrive in any order: the same files loaded newest first give the
-- same Overview
CREATE TEMP TABLE in_order AS
SELECT account_id, cadence, period_start, period_end, is_partial, prior_period_start,
       unique_active_users, unique_active_users_prior, unique_active_users_pct_change,
       total_messages, total_messages_prior, total_messages_pct_change,
       gpt_messages, gpt_messages_prior, gpt_messages_pct_change,
       tool_messages, tool_messages_prior, tool_messages_pct_change
FROM uanalytics.overview WHERE period_start <> '2025-04-01';
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SELECT set_config('views.acme', :'acme', false) IS NOT NULL AS set;
DO $$
DECLARE
	f text;
BEGIN
	FOR f IN SELECT name FROM pg_ls_dir(current_setting('views.acme')) AS name
			 WHERE name LIKE 'users%.csv' ORDER BY name DESC LOOP
		PERFORM uanalytics.load_data(pg_read_binary_file(current_setting('views.acme') || '/' || f), f);
	END LOOP;
END
$$;
SELECT string_agg(source, ', ' ORDER BY load_id) AS load_order FROM uanalytics.loads;
SELECT count(*) AS differing FROM (
	(SELECT * FROM in_order
	 EXCEPT
	 SELECT account_id, cadence, period_start, period_end, is_partial, prior_period_start,
	        unique_active_users, unique_active_users_prior, unique_active_users_pct_change,
	        total_messages, total_messages_prior, total_messages_pct_change,
	        gpt_messages, gpt_messages_prior, gpt_messages_pct_change,
	        tool_messages, tool_messages_prior, tool_messages_pct_change
	 FROM uanalytics.overview)
	UNION ALL
	(SELECT account_id, cadence, period_start, period_end, is_partial, prior_period_start,
	        unique_active_users, unique_active_users_prior, unique_active_users_pct_change,
	        total_messages, total_messages_prior, total_messages_pct_change,
	        gpt_messages, gpt_messages_prior, gpt_messages_pct_change,
	        tool_messages, tool_messages_prior, tool_messages_pct_change
	 FROM uanalytics.overview WHERE period_start <> '2025-04-01'
	 EXCEPT
	 SELECT * FROM in_order)) d;
