-- Tool and model trends: uanalytics.tool_usage and uanalytics.model_usage,
-- one row per account, cadence, complete period and key of the User
-- report's tool_to_messages / model_to_messages maps, beside the prior
-- complete period.  Fixture: test/data/trends (README.txt there); every
-- number is worked out by hand first.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/trends');

-- Tools.
-- June's export has no map columns: no rows for June, and July has no prior
-- to compare with (prior_period_start NULL although June is stored).
--   Jul  Search        ana 10 + ben 4 = 14, 2 users    14/28 = 50.0 %
--        Legacy Search ana 5 + dee 3  =  8, 2 users     8/28 = 28.6 %
--        Data Analysis ben 6          =  6, 1 user      6/28 = 21.4 %
-- August against July (stored, complete, with tool counts):
--   Aug  Search        ana 20 + ben 6 = 26, 2 users   26/37 = 70.3 %   vs 14: (26-14)/14 = 85.7, users 2 vs 2: 0.0
--        Data Analysis ben 9          =  9, 1 user     9/37 = 24.3 %   vs 6: 50.0, users 0.0
--        Deep Research ana 2          =  2, 1 user     2/37 =  5.4 %   new: prior NULL, change NULL
--        Legacy Search nobody         =  0, 0 users    0.0 %           vs 8: -100.0, users 2: -100.0
--   (cy used no tool in August: an empty map adds nothing.)
-- October: September is not stored, so no prior.
--   Oct  Search        ana 30 + ben 10 = 40, 2 users  40/46 = 87.0 %
--        Canvas        ana 5 + cy 1    =  6, 2 users   6/46 = 13.0 %
-- November is partial: its maps are empty, and partial periods have no rows.
SELECT period_start, period_end, is_partial, prior_period_start, tool, messages, users, share_of_messages,
       messages_prior, messages_pct_change, users_prior, users_pct_change
FROM uanalytics.tool_usage
WHERE account_id = 'globex' AND cadence = 'Monthly'
ORDER BY period_start, messages DESC, tool;

-- The shares of a period add up to 100 (up to rounding)
SELECT period_start, sum(share_of_messages) AS shares FROM uanalytics.tool_usage GROUP BY period_start ORDER BY 1;

-- Models, the same way.
--   Jul  gpt-5   ana 40 + dee 20 = 60, 2 users   60/100 = 60.0 %   no prior (June has no maps)
--        gpt-4o  ana 10 + ben 30 = 40, 2 users   40/100 = 40.0 %
--   Aug  gpt-5   ana 60 + ben 25 + cy 10 = 95, 3 users   95/110 = 86.4 %   vs 60: 58.3, users 2 -> 3: 50.0
--        gpt-4o  ben 15          = 15, 1 user    15/110 = 13.6 %   vs 40: -62.5, users 2 -> 1: -50.0
--   Oct  gpt-5   ana 50 + ben 20 + dee 5 = 75, 3 users   75/125 = 60.0 %   no prior (no September)
--        gpt-5-reasoning  ana 20 + cy 30 = 50, 2 users   50/125 = 40.0 %
SELECT period_start, prior_period_start, model, messages, users, share_of_messages,
       messages_prior, messages_pct_change, users_prior, users_pct_change
FROM uanalytics.model_usage
WHERE account_id = 'globex' AND cadence = 'Monthly'
ORDER BY period_start, messages DESC, model;

-- The same sums as map_sum over the raw maps, for every complete period
SELECT t.period_start, t.tools = m.tools AS tools_match, mm.models = m.models AS models_match
FROM (SELECT period_start, jsonb_object_agg(tool, messages) FILTER (WHERE messages > 0) AS tools
      FROM uanalytics.tool_usage GROUP BY period_start) t
JOIN (SELECT period_start, jsonb_object_agg(model, messages) FILTER (WHERE messages > 0) AS models
      FROM uanalytics.model_usage GROUP BY period_start) mm USING (period_start)
JOIN (SELECT period_start, uanalytics.map_sum(tool_to_messages) AS tools, uanalytics.map_sum(model_to_messages) AS models
      FROM uanalytics.user_engagement WHERE NOT is_partial GROUP BY period_start) m USING (period_start)
ORDER BY 1;

-- The example of doc/overview.md: which tools grew most from July to
-- October, tools gone since July included:
--   Search 14 -> 40 (+26, 185.7 %), Canvas new (+6), Data Analysis 6 -> 0
--   (-6, -100.0), Legacy Search 8 -> 0 (-8, -100.0)
SELECT coalesce(oct.tool, jul.tool) AS tool, jul.messages AS july, coalesce(oct.messages, 0) AS october,
       coalesce(oct.messages, 0) - coalesce(jul.messages, 0) AS growth,
       round(uanalytics.pct_change(coalesce(oct.messages, 0), jul.messages), 1) AS pct_change
FROM (SELECT * FROM uanalytics.tool_usage WHERE cadence = 'Monthly' AND period_start = '2025-07-01') AS jul
FULL JOIN (SELECT * FROM uanalytics.tool_usage WHERE cadence = 'Monthly' AND period_start = '2025-10-01') AS oct
	ON (oct.account_id, oct.tool) = (jul.account_id, jul.tool)
ORDER BY growth DESC, tool;

-- doc/overview.md's models of the last complete month (October; its prior,
-- September, is not stored): gpt-5 75 by 3 users, 60.0 %; gpt-5-reasoning
-- 50 by 2, 40.0 %
SELECT model, messages, users, share_of_messages, messages_pct_change, users_pct_change
FROM uanalytics.model_usage
WHERE cadence = 'Monthly'
  AND period_start = (SELECT max(period_start) FROM uanalytics.model_usage WHERE cadence = 'Monthly')
ORDER BY messages DESC;

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

-- One period's rows are read through the period index, for the period and
-- for its prior (the tables are tiny, so sequential scans are switched off
-- to show the plan the same query gets on a large workspace).
ANALYZE uanalytics.user_engagement, uanalytics.user_period_totals, uanalytics.periods;
SET enable_seqscan = off;
SELECT * FROM pg_temp.plan_scans($$
SELECT * FROM uanalytics.tool_usage
WHERE account_id = 'globex' AND cadence = 'Monthly' AND period_start = '2025-08-01'$$);
RESET enable_seqscan;
