-- Licences to reclaim (uanalytics.reclaim_candidates): from each account's
-- freshest snapshot, enabled users who never sent a message or not for
-- inactive_days, invited at least grace_days ago.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;

-- February, complete
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,name,user_status,created_or_invited_date,last_day_active,is_active,messages
Monthly,2026-02-01,2026-02-28,r1,user-2,u2@example.com,Two,enabled,2025-06-01,2026-01-05,0,0
Monthly,2026-02-01,2026-02-28,r1,user-9,u9@example.com,Nine,enabled,2025-06-01,2026-01-01,0,0
', 'UTF8'), 'february.csv');

-- March so far (a partial export), as of March 20, with inactive_days 30
-- and grace_days 30: last message before February 18, invited by then.
--   1 enabled, never used, invited 2026-01-10          -> never used
--   2 enabled, last message 2026-01-05                 -> dormant, 74 days
--   3 enabled, last message 2026-02-18 (30 days ago)   -> not listed
--   4 enabled, last message 2026-02-17 (31 days ago)   -> dormant, 31 days
--   5 enabled, never used, invited 2026-03-01          -> not listed: in its grace period
--   6 deleted, never used                              -> not listed: no licence
--   7 pending                                          -> not listed: no licence
--   8 enabled, never used, no invitation date          -> not listed: its grace cannot be checked
--   9 enabled, active in March (dormant in February)   -> not listed: the freshest snapshot counts
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,name,user_status,created_or_invited_date,last_day_active,is_active,messages
Partial Monthly,2026-03-01,2026-03-31,r1,user-1,u1@example.com,One,enabled,2026-01-10,,0,0
Partial Monthly,2026-03-01,2026-03-31,r1,user-2,u2@example.com,Two,enabled,2025-06-01,2026-01-05,0,0
Partial Monthly,2026-03-01,2026-03-31,r1,user-3,u3@example.com,Three,enabled,2025-06-01,2026-02-18,0,0
Partial Monthly,2026-03-01,2026-03-31,r1,user-4,u4@example.com,Four,enabled,2025-06-01,2026-02-17,0,0
Partial Monthly,2026-03-01,2026-03-31,r1,user-5,u5@example.com,Five,enabled,2026-03-01,,0,0
Partial Monthly,2026-03-01,2026-03-31,r1,user-6,u6@example.com,Six,deleted,2025-06-01,,0,0
Partial Monthly,2026-03-01,2026-03-31,r1,,u7@example.com,,pending,2025-06-01,,,
Partial Monthly,2026-03-01,2026-03-31,r1,user-8,u8@example.com,Eight,enabled,,,0,0
Partial Monthly,2026-03-01,2026-03-31,r1,user-9,u9@example.com,Nine,enabled,2025-06-01,2026-03-10,1,4
', 'UTF8'), 'march-partial.csv');

-- a week starting the same day as the month: of the two, the longer period
-- is the snapshot, so user-10 (only in the week) is not listed
SELECT rows_loaded FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,name,user_status,created_or_invited_date,last_day_active,is_active,messages
Weekly,2026-03-01,2026-03-07,r1,user-10,u10@example.com,Ten,enabled,2025-06-01,,0,0
', 'UTF8'), 'week.csv');

SELECT * FROM uanalytics.reclaim_candidates('2026-03-20');

-- as of February 25 the snapshot is February: user-9 is dormant there
SELECT account_id, public_id, last_day_active, days_inactive, reason
FROM uanalytics.reclaim_candidates('2026-02-25');

-- inactive_days 10, no grace: 3 and 4 (last message over 10 days ago) and
-- 5 (invited on March 1) are listed too; 8 still not
SELECT public_id, days_inactive, reason FROM uanalytics.reclaim_candidates('2026-03-20', 10, 0);

-- nothing stored on or before as_of: no rows; negative windows are refused
SELECT count(*) FROM uanalytics.reclaim_candidates('2020-01-01');
SELECT count(*) FROM uanalytics.reclaim_candidates('2026-03-20', -1);

-- it names people: not for PUBLIC
SELECT has_function_privilege('public', 'uanalytics.reclaim_candidates(date, integer, integer)', 'EXECUTE');
