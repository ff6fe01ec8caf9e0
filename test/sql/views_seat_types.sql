-- The Users tab's cards per seat type (uanalytics.seat_types): one row per
-- account, cadence, period and seat_type present in the period's export
-- (NULL included), counted as users_summary counts.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;

-- One 2026 month of 7 users:
--   ChatGPT:    a (enabled, active), b (enabled, inactive), c (deleted, active)
--   Codex:      d (enabled, active)
--   Automation: e (enabled, inactive)
--   no seat:    f (pending: no public_id), g (enabled, active, no seat_type)
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,user_status,is_active,messages,seat_type
Monthly,2026-03-01,2026-03-31,acc1,user-a,a@example.com,enabled,1,10,ChatGPT
Monthly,2026-03-01,2026-03-31,acc1,user-b,b@example.com,enabled,0,0,ChatGPT
Monthly,2026-03-01,2026-03-31,acc1,user-c,c@example.com,deleted,1,2,ChatGPT
Monthly,2026-03-01,2026-03-31,acc1,user-d,d@example.com,enabled,1,5,Codex
Monthly,2026-03-01,2026-03-31,acc1,user-e,e@example.com,enabled,0,0,Automation
Monthly,2026-03-01,2026-03-31,acc1,,f@example.com,pending,,,
Monthly,2026-03-01,2026-03-31,acc1,user-g,g@example.com,enabled,1,1,
', 'UTF8'), 'march.csv');

-- expected: ChatGPT 2 claimed (a, b), 2 active (a, c), 0 pending, 3 rows;
-- Codex 1, 1, 0, 1; Automation 1, 0, 0, 1; NULL 1 claimed (g), 1 active
-- (g), 1 pending (f), 2 rows
SELECT seat_type, claimed_seats, active_users, pending_invites, users
FROM uanalytics.seat_types WHERE account_id = 'acc1' AND cadence = 'Monthly' AND period_start = '2026-03-01'
ORDER BY seat_type NULLS LAST;

-- added up over the seat types they are the users_summary's cards
SELECT s.claimed, s.active, s.pending, u.claimed_seats, u.active_users, u.pending_invites
FROM (SELECT sum(claimed_seats) AS claimed, sum(active_users) AS active, sum(pending_invites) AS pending
      FROM uanalytics.seat_types WHERE period_start = '2026-03-01') AS s,
     uanalytics.users_summary AS u WHERE u.period_start = '2026-03-01';

-- an export without the column has one row, seat_type NULL
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,user_status,is_active,messages
Monthly,2025-03-01,2025-03-31,acc1,user-a,a@example.com,enabled,1,3
Monthly,2025-03-01,2025-03-31,acc1,user-b,b@example.com,enabled,0,0
', 'UTF8'), 'march 2025.csv');
SELECT period_start, seat_type, claimed_seats, active_users, pending_invites, users
FROM uanalytics.seat_types ORDER BY period_start, seat_type NULLS LAST;
