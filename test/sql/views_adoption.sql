-- Adoption: uanalytics.adoption, power_users and habitual_users
-- (sql/install/10_adoption.sql, doc/adoption.md), on the workspace of
-- test/data/adoption (README.txt there; views_people shows its people).
-- Every number is worked out by hand first.  Messages per active day: ana
-- 20, sam2 15, everybody else 10; tools_messaged: ana 3, sam2 4, the others
-- 1 (0 when inactive; empty in partial exports).
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/adoption');
INSERT INTO uanalytics.seats VALUES ('initech', '2025-01-01', 10), ('initech', '2025-02-15', 12);

-- Months.
--   January: 7 enabled (cy is pending); activated: all but ben, who has no
--     last_day_active = 6; 100 * 6 / 7 = 85.71...  Active: ana 60, sam2 30,
--     dee1 20, sam1, eli, fay 10 = 6.  Its complete weeks by period_start:
--     the week of 2025-01-26 only (it ends on February 1st): 4 active (ana,
--     dee1, sam2, fay), 20 + 10 + 15 + 10 = 55 messages: WAU 4, WAU per
--     activated 4 / 6 = 0.666..., messages per WAU 55 / 4 = 13.75.  Power
--     users: ranks <= ceil(0.2 * 6) = 2 with 3+ tools: ana (1), sam2 (2) =
--     2, 100 * 2 / 6 = 33.3...  Seats: 10 (the row of 2025-01-01).
--   February: 8 enabled (dee1 deleted on the 10th); activated: all but
--     ben = 7 (fay's last_day_active is January's): 87.5.  Active 7 (fay
--     not).  Weeks of 2025-02-02, -09, -16, -23 (the last ends on March
--     1st): 4, 5, 4, 2 active, 55, 65, 55, 35 messages: WAU (4+5+4+2)/4 =
--     3.75, per activated 3.75 / 7 = 0.5357..., messages per WAU 210 / 15 =
--     14.  Power users: ceil(0.2 * 7) = 2: ana and sam2 again, 2 / 7 =
--     28.57...  Seats: 12 (the row of 2025-02-15 applies by February 28).
--   March is partial: no row.
SELECT period_start, period_end, seats_purchased, enabled_users, activated_users, round(activation_rate, 4) AS activation_rate,
	weekly_active_users, round(wau_per_activated_user, 4) AS wau_per_activated_user, messages_per_wau,
	power_users, round(power_user_share, 4) AS power_user_share, active_users, weeks
FROM uanalytics.adoption WHERE cadence = 'Monthly' ORDER BY period_start;

-- Weeks (complete only: not the partial week of 2025-03-09).
--   2025-01-26: enabled 7, activated 6 (ben), active 4, 55 messages: 13.75
--     per WAU.  Ranks ana 1, sam2 2, dee1 and fay 3; ceil(0.2 * 4) = 1: ana.
--   2025-02-09: enabled 8 (dee1 deleted), activated 7 (ben), active 5 (ana,
--     cy, dee2, sam2, eli), 65 messages: 13.  ceil(0.2 * 5) = 1: ana; 20.0 %.
--   2025-03-02: sam1 deleted on the 6th: enabled 7, activated 7 (ben active
--     on the 4th), active 6 (ana, ben, cy, dee2, sam2, fay).
SELECT period_start, enabled_users, activated_users, round(activation_rate, 2) AS activation_rate,
	weekly_active_users, round(wau_per_activated_user, 4) AS wau_per_activated_user,
	round(messages_per_wau, 4) AS messages_per_wau, power_users, round(power_user_share, 2) AS power_user_share
FROM uanalytics.adoption WHERE cadence = 'Weekly' ORDER BY period_start;

-- The types: unrounded numerics
SELECT pg_typeof(activation_rate) AS rate, pg_typeof(weekly_active_users) AS wau,
	pg_typeof(messages_per_wau) AS mpw, pg_typeof(power_user_share) AS share
FROM uanalytics.adoption LIMIT 1;

-- Power users of February: ana (80 messages, rank 1, 3 tools) and sam2 (60,
-- rank 2, 4 tools)
SELECT * FROM uanalytics.power_users('Monthly', '2025-02-01');
-- The week of 2025-02-09: 5 active, ceil(0.2 * 5) = 1: ana.  With the top
-- half, ceil(2.5) = 3: ranks 1, 2 and the three tied at 3 (cy, dee2, eli,
-- 10 messages each), but those have 1 tool: with min_tools 1 all five, with
-- min_tools 4 sam2 alone.
SELECT public_id, messages, tools_messaged, messages_rank FROM uanalytics.power_users('Weekly', '2025-02-09');
SELECT public_id, messages_rank FROM uanalytics.power_users('Weekly', '2025-02-09', 0.5, 1);
SELECT public_id, messages_rank FROM uanalytics.power_users('Weekly', '2025-02-09', 0.5, 4);
-- a partial period, or one not stored: nobody; another cadence: an error
SELECT count(*) FROM uanalytics.power_users('Weekly', '2025-03-09');
SELECT count(*) FROM uanalytics.power_users('Monthly', '2025-03-01');
SELECT count(*) FROM uanalytics.power_users('weekly', '2025-02-09');
-- adoption.power_users is power_users() with its defaults, for every period
SELECT a.cadence, a.period_start, a.power_users,
	(SELECT count(*) FROM uanalytics.power_users(a.cadence, a.period_start)) AS from_function
FROM uanalytics.adoption AS a
WHERE a.power_users <> (SELECT count(*) FROM uanalytics.power_users(a.cadence, a.period_start));

-- Habitual users.  Active weeks among the six complete weeks: ana and sam2
-- all 6, cy and dee2 3 (2025-02-09, -16, 03-02), dee1 and fay 2, sam1, ben
-- and eli 1.
--   as of 2025-03-08, 4 of the latest 6: ana, sam2 (6 each)
SELECT * FROM uanalytics.habitual_users('2025-03-08', 4, 6) ORDER BY active_weeks DESC, public_id;
--   as of 2025-03-10 (the partial week is not complete, and ends later),
--   3 of the latest 4 (2025-02-09 to 03-02): ana 4, sam2 4, cy 3, dee2 3
SELECT * FROM uanalytics.habitual_users('2025-03-10', 3, 4) ORDER BY active_weeks DESC, public_id;
--   as of 2025-02-22: weeks 2025-01-26 to 02-16, 4 of them; 2 of 4: ana,
--   sam2 (4), dee1 (01-26, 02-02), cy, dee2 (02-09, 02-16)
SELECT * FROM uanalytics.habitual_users('2025-02-22', 2, 4) ORDER BY active_weeks DESC, public_id;
--   the defaults, 9 of the latest 12: only 6 weeks stored, nobody
SELECT count(*) FROM uanalytics.habitual_users('2025-03-31');

-- The complete week of 2025-03-09 replaces the partial one: a new weekly
-- adoption row, March still partial.  In it: ana (10th), sam2 (11th,
-- 12th): 2 active.
SELECT status FROM uanalytics.load(:'abs_srcdir' || '/data/adoption/later/initech weekly user report 2025-03-09.csv');
SELECT period_start, enabled_users, activated_users, weekly_active_users, power_users
FROM uanalytics.adoption WHERE period_start >= '2025-03-01' ORDER BY cadence, period_start;
-- and ana and sam2 are now active in 7 of the latest 7 weeks
SELECT * FROM uanalytics.habitual_users('2025-03-15', 7, 7) ORDER BY active_weeks DESC, public_id;

-- A month with no complete week stored: its weekly columns are NULL, not 0
DELETE FROM uanalytics.user_period_totals WHERE cadence = 'Weekly' AND period_start = '2025-01-26';
SELECT period_start, weekly_active_users, wau_per_activated_user, messages_per_wau, weeks
FROM uanalytics.adoption WHERE cadence = 'Monthly' ORDER BY period_start;
SELECT uanalytics.refresh_summaries(NULL) > 0 AS refreshed;

-- An export without tools_messaged cannot tell power users: NULL, not 0
-- (globex: two users, one active)
SELECT status FROM uanalytics.load_data(convert_to(
'cadence,period_start,period_end,account_id,public_id,email,user_status,is_active,messages,messages_rank,last_day_active
Monthly,2025-02-01,2025-02-28,globex,user-a,a@globex.com,enabled,1,5,1,2025-02-03
Monthly,2025-02-01,2025-02-28,globex,user-b,b@globex.com,enabled,0,0,,
', 'UTF8'), 'globex monthly user report 2025-02-01.csv');
SELECT enabled_users, activated_users, power_users, power_user_share, active_users
FROM uanalytics.adoption WHERE account_id = 'globex';

-- habitual_users takes each user's email and name from the latest of the
-- counted weeks that lists the user: from the emails and names kept beside
-- a complete week's digest, or, for a digest without them, from the week's
-- rows.  Both give the same.  A user renamed in the latest week shows the
-- new name.
UPDATE uanalytics.user_engagement SET name = 'Ana Ruiz-Lopez'
WHERE public_id = 'user-ana' AND cadence = 'Weekly' AND period_start = '2025-03-09';
SELECT uanalytics.refresh_digests() > 0 AS digests_made;
CREATE TEMP TABLE habits AS SELECT * FROM uanalytics.habitual_users('2025-03-15', 1, 7);
SELECT * FROM habits WHERE public_id IN ('user-ana', 'user-sam2') ORDER BY public_id;
UPDATE uanalytics.user_period_digests SET names = NULL WHERE cadence = 'Weekly';
SELECT (SELECT count(*) FROM habits) AS habitual,
	(SELECT count(*) FROM (TABLE habits EXCEPT ALL SELECT * FROM uanalytics.habitual_users('2025-03-15', 1, 7)) AS h)
	+ (SELECT count(*) FROM (SELECT * FROM uanalytics.habitual_users('2025-03-15', 1, 7) EXCEPT ALL TABLE habits) AS h)
		AS differing;
SELECT uanalytics.refresh_digests() > 0 AS digests_made;
SELECT count(*) AS weeks_without_names
FROM uanalytics.user_period_digests WHERE cadence = 'Weekly' AND NOT is_partial AND names IS NULL;
