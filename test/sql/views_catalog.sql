-- What BI tools and analysts see of the views: a comment on every view and
-- every column (test/t/doc_reference.sh checks the rest of the schema), and
-- the read-only analyst role of doc/privileges.md.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR

-- the views of the dashboard tabs and their helpers (and people, a foreign
-- table)
SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class') IS NOT NULL AS commented,
       count(*) AS columns, count(col_description(c.oid, a.attnum)) AS columns_commented
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'uanalytics'::regnamespace AND c.relkind IN ('v', 'f')
GROUP BY c.oid, c.relname, c.relkind ORDER BY c.relname;

-- the comments of the Overview, as a BI tool lists them
SELECT a.attname, col_description(a.attrelid, a.attnum)
FROM pg_attribute a WHERE a.attrelid = 'uanalytics.overview'::regclass AND a.attnum > 0 ORDER BY a.attnum;

SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/views/acme');

-- The analyst role of the docs: reads everything, writes nothing.
CREATE ROLE ua_test_analyst;
GRANT USAGE ON SCHEMA uanalytics TO ua_test_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA uanalytics TO ua_test_analyst;
GRANT EXECUTE ON FUNCTION uanalytics.overview_between(date, date, boolean) TO ua_test_analyst;
SET ROLE ua_test_analyst;
SELECT (SELECT count(*) FROM uanalytics.overview) AS overview,
       (SELECT count(*) FROM uanalytics.users_summary) AS users_summary,
       (SELECT count(*) FROM uanalytics.users) AS users,
       (SELECT count(*) FROM uanalytics.gpts_summary) AS gpts_summary,
       (SELECT count(*) FROM uanalytics.gpts) AS gpts,
       (SELECT count(*) FROM uanalytics.prior_periods) AS prior_periods,
       (SELECT count(*) FROM uanalytics.gpts_created) AS gpts_created;
SELECT account_id, unique_active_users FROM uanalytics.overview_between('2025-01-01', '2025-03-31');
INSERT INTO uanalytics.seats VALUES ('acme', '2025-01-01', 10);
RESET ROLE;

-- A narrower role that may read the tab views and nothing else: the views
-- read the tables with their owner's rights.  overview_between runs with its
-- owner's rights too (SECURITY DEFINER), for the roles granted EXECUTE on
-- it: without, a permission error; with it, the counts, and still no
-- column of user_engagement.
CREATE ROLE ua_test_viewer;
GRANT USAGE ON SCHEMA uanalytics TO ua_test_viewer;
GRANT SELECT ON uanalytics.overview, uanalytics.users_summary, uanalytics.users, uanalytics.gpts_summary,
      uanalytics.gpts TO ua_test_viewer;
SET ROLE ua_test_viewer;
SELECT (SELECT count(*) FROM uanalytics.overview) AS overview,
       (SELECT count(*) FROM uanalytics.users) AS users,
       (SELECT count(*) FROM uanalytics.gpts_summary) AS gpts_summary;
\set VERBOSITY terse
SELECT count(*) FROM uanalytics.user_engagement;
SELECT count(*) FROM uanalytics.overview_between('2025-01-01', '2025-03-31');
\set VERBOSITY default
RESET ROLE;
GRANT EXECUTE ON FUNCTION uanalytics.overview_between(date, date, boolean) TO ua_test_viewer;
SET ROLE ua_test_viewer;
SELECT account_id, unique_active_users FROM uanalytics.overview_between('2025-01-01', '2025-03-31');
\set VERBOSITY terse
SELECT public_id FROM uanalytics.user_engagement LIMIT 1;
\set VERBOSITY default
RESET ROLE;

DROP OWNED BY ua_test_analyst, ua_test_viewer;
DROP ROLE ua_test_analyst, ua_test_viewer;
