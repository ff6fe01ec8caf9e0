-- The GPTs tab: uanalytics.gpts_summary (the cards: total GPTs, GPTs
-- created, GPTs active) and uanalytics.gpts (the table), on the fixture
-- workspace of test/data/views (README.txt there).  Every number is worked
-- out by hand in the comments first.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
\set acme :abs_srcdir '/data/views/acme'
SELECT count(*) AS files FROM uanalytics.load(:'acme');

-- Monthly (active = messages_workspace > 0; flagged = the export's is_active,
-- which beta has in February and delta in March with zero messages;
-- created = listed for the first time, NULL in the first stored month):
--   month  total                    created       active              flagged
--   Jan    alpha beta         = 2   NULL          alpha beta    = 2   alpha beta        = 2
--   Feb    alpha beta gamma   = 3   gamma   = 1   alpha         = 1   alpha beta        = 2
--   Mar    + delta            = 4   delta   = 1   alpha gamma   = 2   alpha gamma delta = 3
--   Apr*   + omega            = 5   omega   = 1   alpha omega   = 2   alpha delta omega = 3
-- Changes: Feb vs Jan  (3-2)/2 = 50.0    created NULL (no prior)  (1-2)/2 = -50.0  (2-2)/2 = 0.0
--          Mar vs Feb  (4-3)/3 = 33.3    (1-1)/1 = 0.0            (2-1)/1 = 100.0  (3-2)/2 = 50.0
--          Apr (partial) vs Mar, the last complete month:
--                      (5-4)/4 = 25.0    0.0                      0.0              0.0
SELECT period_start, is_partial, prior_period_start,
       total_gpts, total_gpts_prior, total_gpts_pct_change,
       gpts_created, gpts_created_prior, gpts_created_pct_change
FROM uanalytics.gpts_summary WHERE account_id = 'acme' AND cadence = 'Monthly' ORDER BY period_start;
SELECT period_start,
       gpts_active, gpts_active_prior, gpts_active_pct_change,
       gpts_flagged_active, gpts_flagged_active_prior, gpts_flagged_active_pct_change
FROM uanalytics.gpts_summary WHERE account_id = 'acme' AND cadence = 'Monthly' ORDER BY period_start;

-- Weekly: 03-09 lists alpha (10 messages) and gamma (0, not flagged):
-- total 2, created NULL (first week), active 1, flagged 1.  03-16 lists
-- alpha only: total 1, created 0 (alpha was listed on 03-09), active 1,
-- flagged 1; vs 03-09: -50.0, NULL (no prior count), 0.0, 0.0
SELECT period_start, prior_period_start, total_gpts, total_gpts_pct_change, gpts_created,
       gpts_created_pct_change, gpts_active, gpts_active_pct_change, gpts_flagged_active,
       gpts_flagged_active_pct_change
FROM uanalytics.gpts_summary WHERE account_id = 'acme' AND cadence = 'Weekly' ORDER BY period_start;

-- The GPTs table, March, by messages; messages in February:
--   gpt    creator (name in March's user report)  messages users active  first seen  Feb  change
--   alpha  ana  Ana Ruiz-Lee                       40       2     t       Jan         30   (40-30)/30 = 33.3
--   gamma  gus  Gus Lind                           20       2     t       Feb         0    NULL (prior 0)
--   beta   dan  Dan Ode (deleted, still listed)    0        0     f       Jan         0    NULL
--   delta  eve  Eve Park                           0        0     t       Mar         -    NULL (not in Feb)
SELECT gpt_id, gpt_name, config_type, creator_public_id, creator_email, creator_name, messages,
       active_users, is_active, first_seen, messages_prior, messages_pct_change
FROM uanalytics.gpts WHERE account_id = 'acme' AND cadence = 'Monthly' AND period_start = '2025-03-01'
ORDER BY messages DESC, gpt_id;

-- April is partial: active_users (unique_messagers_workspace) is not in
-- partial exports, so NULL.  Against March: alpha 5 vs 40 = -87.5, gamma
-- 0 vs 20 = -100.0, beta and delta 0 vs 0 = NULL, omega is new (NULL).
-- Omega's creator is in no user report, so no name.
SELECT gpt_id, is_partial, creator_name, messages, active_users, is_active, first_seen, messages_prior,
       messages_pct_change
FROM uanalytics.gpts WHERE account_id = 'acme' AND cadence = 'Monthly' AND period_start = '2025-04-01'
ORDER BY gpt_id;

-- creator_name: the same period's user report when it lists the creator
-- (ana was "Ana Ruiz" until March, "Ana Ruiz-Lee" from then on); the week
-- of 03-16 has no user report, so the latest name of any user report
-- (the partial April report, "Ana Ruiz-Lee")
SELECT cadence, period_start, gpt_id, creator_name
FROM uanalytics.gpts WHERE gpt_id = 'g-alpha' ORDER BY cadence, period_start;

-- The examples of doc/gpts.md.
-- GPTs with no usage in March: beta and delta (delta flagged active anyway)
SELECT gpt_id, gpt_name, creator_email, is_active
FROM uanalytics.gpts
WHERE account_id = 'acme' AND cadence = 'Monthly' AND period_start = '2025-03-01' AND messages = 0
ORDER BY gpt_id;
-- GPTs never messaged in any complete month: delta (0 in March); gamma had
-- 20 in March, beta 10 in January
SELECT gpt_id, min(first_seen) AS first_seen, sum(messages) AS messages
FROM uanalytics.gpts
WHERE account_id = 'acme' AND cadence = 'Monthly' AND NOT is_partial
GROUP BY gpt_id HAVING sum(messages) = 0
ORDER BY gpt_id;

-- "Created" follows what is stored, whatever the order of the loads.
-- March alone: the first stored month, so NULL.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SELECT status FROM uanalytics.load(:'acme' || '/gpts_monthly_2025-03.csv');
SELECT period_start, total_gpts, gpts_created FROM uanalytics.gpts_summary ORDER BY period_start;
-- January next: March's GPTs not listed in January are gamma and delta (2)
SELECT status FROM uanalytics.load(:'acme' || '/gpts_monthly_2025-01.csv');
SELECT period_start, total_gpts, gpts_created FROM uanalytics.gpts_summary ORDER BY period_start;
-- February last: gamma is February's (1), which leaves delta to March (1)
SELECT status FROM uanalytics.load(:'acme' || '/gpts_monthly_2025-02.csv');
SELECT period_start, total_gpts, gpts_created FROM uanalytics.gpts_summary ORDER BY period_start;
-- the partial April, then a corrected March export without delta: March
-- has 3 GPTs (alpha beta gamma), none new, 2 active (alpha gamma), 2
-- flagged; delta is now first seen in April, with omega: 2 created
SELECT status FROM uanalytics.load(:'acme' || '/gpts_partial_monthly_2025-04.csv');
SELECT rows_loaded, rows_replaced FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,gpt_id,gpt_name,is_active,messages_workspace,unique_messagers_workspace
Monthly,2025-03-01,2025-03-31,acme,g-alpha,Alpha,1,40,2
Monthly,2025-03-01,2025-03-31,acme,g-beta,Beta,0,0,0
Monthly,2025-03-01,2025-03-31,acme,g-gamma,Gamma,1,20,2
', 'UTF8'), 'acme monthly gpt report March (corrected).csv', force => true);
SELECT period_start, is_partial, total_gpts, gpts_created, gpts_created_prior, gpts_active, gpts_flagged_active
FROM uanalytics.gpts_summary ORDER BY period_start;
SELECT count(*) AS rollup_rows_for_march FROM uanalytics.gpt_period_totals WHERE period_start = '2025-03-01';
