-- The Project report of 2026 (kind projects): detected by its header,
-- loaded into uanalytics.project_engagement with the GPT report's period
-- rules, and shown by the views projects_summary and projects.  The
-- fixtures (test/data/projects/) are three exports of workspace acme26:
--   January   (complete)  alpha 40 msgs, beta 0 msgs but is_active,
--                         gamma 0 msgs and not active
--   February  (complete)  alpha 25, beta 5 (renamed), gamma 0, and two new:
--                         delta (is_active, 0 msgs, a three-line
--                         description), epsilon 12 (a name and a
--                         description with a Latin-1 byte, 0xE9); an extra
--                         column project_visibility
--   March     (partial, to 03-10) alpha 8, beta 0, zeta 3 (new)
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
\set VERBOSITY default
\set dir :abs_srcdir '/data/projects'

-- a directory of them, each told by its header (kind => 'auto')
SELECT regexp_replace(source, '.*/', '') AS file, kind, rows_read, rows_loaded, rows_replaced,
       rows_skipped, rows_rejected, rows_repaired, status, unknown_columns
FROM uanalytics.load(:'dir');
SELECT kind, cadence, period_start, period_end, is_partial, as_of, row_count
FROM uanalytics.periods ORDER BY period_start;

-- multi-line descriptions are kept whole (the description of alpha
-- holds a comma and doubled quotes); config_type draft and LIVE are
-- normalised to Draft and Live; the unknown column goes into extra
SELECT period_start, project_id, project_name, config_type, project_description,
       is_active, messages_workspace, unique_messagers_workspace, extra
FROM uanalytics.project_engagement WHERE period_start < '2026-03-01'
ORDER BY period_start, project_id;

-- the Latin-1 bytes of epsilon's free text were repaired (U+FFFD), the
-- record kept, and each repair noted
SELECT line_number, column_name, message, repaired
FROM uanalytics.load_errors ORDER BY line_number, column_name;

-- the same bytes again: unchanged
SELECT rows_loaded, status
FROM uanalytics.load_data(pg_read_binary_file(:'dir' || '/projects_monthly_2026-01.csv'), 'jan.csv');

-- projects_summary, worked out by hand
-- (active = messages_workspace > 0; flagged = the export's is_active;
-- created = listed for the first time, NULL in the first stored month):
--   month  total                       created         active              flagged
--   Jan    alpha beta gamma   = 3      NULL            alpha         = 1   alpha beta            = 2
--   Feb    + delta epsilon    = 5      delta eps = 2   alpha beta eps= 3   alpha beta delta eps  = 4
--   Mar*   alpha beta zeta    = 3      zeta      = 1   alpha zeta    = 2   alpha zeta            = 2
-- Feb vs Jan:  (5-3)/3 = 66.7   NULL (no prior)    (3-1)/1 = 200.0   (4-2)/2 = 100.0
-- Mar (partial) vs Feb, the last complete month:
--              (3-5)/5 = -40.0  (1-2)/2 = -50.0    (2-3)/3 = -33.3   (2-4)/4 = -50.0
SELECT period_start, is_partial, prior_period_start,
       total_projects, total_projects_prior, total_projects_pct_change,
       projects_created, projects_created_prior, projects_created_pct_change
FROM uanalytics.projects_summary WHERE account_id = 'acme26' ORDER BY period_start;
SELECT period_start,
       projects_active, projects_active_prior, projects_active_pct_change,
       projects_flagged_active, projects_flagged_active_prior, projects_flagged_active_pct_change
FROM uanalytics.projects_summary WHERE account_id = 'acme26' ORDER BY period_start;

-- the projects table needs the creators' names from a user report:
-- Ana in February's, Bob only in January's (his latest name), Cy in none
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,name,email,user_status,is_active,messages
Monthly,2026-01-01,2026-01-31,acme26,user-ana,Ana Ruiz,ana@example.com,enabled,1,50
Monthly,2026-01-01,2026-01-31,acme26,user-bob,Bob Stone,bob@example.com,enabled,1,7
Monthly,2026-02-01,2026-02-28,acme26,user-ana,Ana Ruiz-Lee,ana@example.com,enabled,1,40
', 'UTF8'), 'users.csv');

-- February, by messages; messages in January and the change:
--   project  creator              messages users active  first seen  Jan  change
--   alpha    ana  Ana Ruiz-Lee    25       2     t       Jan         40   (25-40)/40 = -37.5
--   epsilon  ana  Ana Ruiz-Lee    12       4     t       Feb         -    NULL (not in Jan)
--   beta     bob  Bob Stone       5        1     t       Jan         0    NULL (prior 0)
--   delta    cy   (none)          0        0     t       Feb         -    NULL
--   gamma    ana  Ana Ruiz-Lee    0        0     f       Jan         0    NULL
SELECT project_id, project_name, config_type, creator_public_id, creator_email, creator_name,
       messages, active_users, is_active, first_seen, messages_prior, messages_pct_change
FROM uanalytics.projects WHERE account_id = 'acme26' AND period_start = '2026-02-01'
ORDER BY messages DESC, project_id;

-- March is partial: active_users is NULL (not in partial exports); it is
-- compared with February: alpha 8 vs 25 = -68.0, beta 0 vs 5 = -100.0
SELECT project_id, is_partial, messages, active_users, messages_prior, messages_pct_change
FROM uanalytics.projects WHERE account_id = 'acme26' AND period_start = '2026-03-01'
ORDER BY project_id;

-- ---- replacing a period ----

-- February cut off after its third record: refused, in both modes
SELECT pg_read_binary_file(:'abs_srcdir' || '/data/projects_feb_cut.csv') AS cut \gset
SELECT * FROM uanalytics.load_data(:'cut'::bytea, 'feb-cut.csv');
SELECT * FROM uanalytics.load_data(:'cut'::bytea, 'feb-cut.csv', on_error => 'skip');
SELECT count(*) AS feb_rows FROM uanalytics.project_engagement WHERE period_start = '2026-02-01';

-- a corrected February (alpha 27 messages, the same five projects)
-- replaces the five rows, named kind => 'projects'
SELECT kind, rows_read, rows_loaded, rows_replaced, status
FROM uanalytics.load_data(pg_read_binary_file(:'abs_srcdir' || '/data/projects_feb_corrected.csv'),
                          'feb-corrected.csv', kind => 'projects');
SELECT project_id, messages_workspace, load_id = (SELECT max(load_id) FROM uanalytics.loads) AS newest
FROM uanalytics.project_engagement WHERE period_start = '2026-02-01' ORDER BY project_id;
-- the cards follow: Feb active alpha beta epsilon = 3, as before
SELECT period_start, total_projects, projects_active FROM uanalytics.projects_summary
WHERE period_start = '2026-02-01';

-- the cut-off file with force => true replaces February by its 3 rows
SELECT rows_loaded, rows_replaced, status
FROM uanalytics.load_data(:'cut'::bytea, 'feb-cut.csv', force => true);
SELECT project_id FROM uanalytics.project_engagement WHERE period_start = '2026-02-01' ORDER BY 1;

-- a complete March replaces the stored partial one; a later partial
-- export of March is then skipped (a partial never replaces a complete
-- period)
SELECT rows_loaded, rows_replaced, rows_skipped, status FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,project_id,project_name,is_active,messages_workspace,unique_messagers_workspace
Monthly,2026-03-01,2026-03-31,acme26,g-p-alpha,Budget 2026,1,30,3
Monthly,2026-03-01,2026-03-31,acme26,g-p-beta,Onboarding v2,0,0,0
Monthly,2026-03-01,2026-03-31,acme26,g-p-zeta,Hiring,1,9,2
', 'UTF8'), 'march.csv');
SELECT rows_loaded, rows_replaced, rows_skipped, status FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,project_id,project_name,is_active,messages_workspace
Partial Monthly,2026-03-01,2026-03-20,acme26,g-p-alpha,Budget 2026,1,20
', 'UTF8'), 'march-partial.csv');
SELECT period_start, is_partial, row_count FROM uanalytics.periods
WHERE kind = 'projects' AND period_start = '2026-03-01';

-- ---- telling the reports apart ----

-- kind => 'gpts' on a Project report: it has no gpt_id
SELECT * FROM uanalytics.load_data(convert_to(E'cadence,period_start,period_end,account_id,project_id\n', 'UTF8'),
                                   'header.csv', kind => 'gpts');
-- kind => 'projects' through a large object, as psql's \lo_import leaves it
SELECT lo_from_bytea(0, convert_to(
'cadence,period_start,period_end,account_id,project_id,messages_workspace
Weekly,2026-03-01,2026-03-07,acme26,g-p-alpha,4
', 'UTF8')) AS loid \gset
SELECT kind, rows_loaded, status FROM uanalytics.load_lo(:loid, 'week.csv', kind => 'projects');
-- a header with the key columns of two reports
SELECT * FROM uanalytics.load_data(convert_to(E'cadence,gpt_id,project_id\n', 'UTF8'), 'both.csv');
-- kind names the new reports
SELECT * FROM uanalytics.load_data(convert_to(E'a\n', 'UTF8'), 'x.csv', kind => 'project');

-- ---- bad records ----
-- test/data/projects_bad.csv, one week:
--   line 2  alpha   messages_workspace 12x
--   line 3  (empty project_id)
--   line 4  beta    is_active yes (a boolean: good)
--   line 5  gamma   is_active maybe
--   line 6  beta    again (the same project twice in a period)
--   line 7  delta   2026-01-05 to 2026-01-11 (a Monday: not a week)
SELECT pg_read_binary_file(:'abs_srcdir' || '/data/projects_bad.csv') AS bad \gset
SELECT * FROM uanalytics.load_data(:'bad'::bytea, 'bad.csv');
SELECT rows_read, rows_loaded, rows_rejected, status
FROM uanalytics.load_data(:'bad'::bytea, 'bad.csv', on_error => 'skip');
SELECT line_number, column_name, message, sqlstate
FROM uanalytics.load_errors WHERE load_id = (SELECT max(load_id) FROM uanalytics.loads)
ORDER BY line_number;
-- of the week, beta (line 4) is stored; the week of 03-01 came from the large object
SELECT period_start, project_id, project_name, is_active FROM uanalytics.project_engagement
WHERE cadence = 'Weekly' ORDER BY period_start, project_id;

-- ---- a Date Range export ----
-- a custom range is a period of its own (its start and its end), as for
-- GPTs: stored, listed by projects with its creator of the same range,
-- compared with nothing and not in projects_summary.  Ana's name is the
-- range's own user report's; Bob is in no user report of that range, so
-- his latest known name (January's)
SELECT rows_loaded, status FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,project_id,project_name,project_creator_public_id,is_active,messages_workspace,unique_messagers_workspace
Date Range,2026-01-05,2026-02-14,acme26,g-p-alpha,Budget 2026,user-ana,1,50,3
Date Range,2026-01-05,2026-02-14,acme26,g-p-beta,Onboarding,user-bob,1,0,0
', 'UTF8'), 'range.csv');
SELECT rows_loaded, status FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,name,email,user_status,is_active,messages
Date Range,2026-01-05,2026-02-14,acme26,user-ana,Ana (range),ana@example.com,enabled,1,60
', 'UTF8'), 'range-users.csv');
SELECT cadence, period_start, period_end, project_id, creator_name, messages, messages_prior
FROM uanalytics.projects WHERE cadence = 'Date Range' ORDER BY project_id;
SELECT count(*) AS range_cards FROM uanalytics.projects_summary WHERE cadence = 'Date Range';
-- a range longer than 366 days (here 367, both ends counted) is a bad record
SELECT * FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,project_id
Date Range,2025-01-01,2026-01-02,acme26,g-p-alpha
', 'UTF8'), 'long.csv');
