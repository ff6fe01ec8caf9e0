-- uanalytics.overview_between(from_date, to_date): the Overview for any
-- range that whole calendar months tile (from the monthly reports), or else
-- whole Sunday-Saturday weeks (from the weekly reports), each user counted
-- once, against the equally long range just before.  Fixture: test/data/views
-- (README.txt there); every number is worked out by hand first.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/views/acme');
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/views/eu1');

-- A quarter, January to March: three months.  eu1 has January and
-- February only, so the quarter is refused, naming the missing month: its
-- sums would otherwise pass for the quarter's.
SELECT account_id, unique_active_users FROM uanalytics.overview_between('2025-01-01', '2025-03-31');
-- allow_gaps => true counts the stored periods, and periods_stored says how
-- many of the range's periods they are:
--   acme: active ana ben dan | ana gus | ana ben eve gus: 5 users once each
--         (summing the months would say 3+2+4 = 9); total 190+180+290 = 660,
--         gpt 30+30+60 = 120, tool 35+340+20 = 395.  The prior quarter
--         (October to December 2024) is not stored: NULL.
--   eu1:  January and February only (2 of 3 periods stored): active u1 u2 | u1
--         = 2, total 15+20 = 35, gpt NULL (no GPT columns), tool 1+3 = 4.
SELECT account_id, cadence, range_start, range_end, periods, periods_stored, includes_partial,
       prior_range_start, prior_range_end,
       unique_active_users AS uau, unique_active_users_prior AS uau_prior,
       total_messages AS total, total_messages_prior AS total_prior,
       gpt_messages AS gpt, tool_messages AS tool
FROM uanalytics.overview_between('2025-01-01', '2025-03-31', allow_gaps => true);
-- A range that runs past the stored exports is refused too: March to May,
-- with May not loaded yet (acme; eu1 has no period in the range and is not
-- asked about)
SELECT account_id FROM uanalytics.overview_between('2025-03-01', '2025-05-31');
-- Every missing period is named, up to six per account: the whole year
SELECT account_id FROM uanalytics.overview_between('2025-01-01', '2025-12-31');

-- March and the partial April, against January and February (both complete):
--   now:   ana ben eve gus | ana eve = 4;  290+35 = 325;  60+5 = 65;  20+2 = 22
--   prior: ana ben dan | ana gus     = 4;  190+180 = 370; 30+30 = 60; 35+340 = 375
--   change: 0.0, (325-370)/370 = -12.2, (65-60)/60 = 8.3, (22-375)/375 = -94.1
-- eu1 has nothing in the range: no row.
SELECT account_id, cadence, periods, periods_stored, includes_partial, prior_range_start, prior_range_end,
       unique_active_users AS uau, unique_active_users_prior AS uau_prior, unique_active_users_pct_change AS uau_pct,
       total_messages AS total, total_messages_prior AS total_prior, total_messages_pct_change AS total_pct
FROM uanalytics.overview_between('2025-03-01', '2025-04-30');
SELECT gpt_messages AS gpt, gpt_messages_prior AS gpt_prior, gpt_messages_pct_change AS gpt_pct,
       tool_messages AS tool, tool_messages_prior AS tool_prior, tool_messages_pct_change AS tool_pct
FROM uanalytics.overview_between('2025-03-01', '2025-04-30');

-- One month equals the overview's row for it.  February vs January:
--   acme: 2 vs 3 = -33.3, 180 vs 190 = -5.3, 30 vs 30 = 0.0, 340 vs 35 = 871.4
--   eu1:  1 vs 2 = -50.0, 20 vs 15 = 33.3, gpt NULL (no GPT columns), 3 vs 1 = 200.0
SELECT account_id, cadence, unique_active_users_pct_change AS uau_pct, total_messages_pct_change AS total_pct,
       gpt_messages, gpt_messages_pct_change AS gpt_pct, tool_messages_pct_change AS tool_pct
FROM uanalytics.overview_between('2025-02-01', '2025-02-28');
SELECT b.account_id,
       (b.unique_active_users, b.unique_active_users_prior, b.unique_active_users_pct_change,
        b.total_messages, b.total_messages_prior, b.total_messages_pct_change,
        b.gpt_messages, b.gpt_messages_prior, b.gpt_messages_pct_change,
        b.tool_messages, b.tool_messages_prior, b.tool_messages_pct_change)
       IS NOT DISTINCT FROM
       (o.unique_active_users, o.unique_active_users_prior, o.unique_active_users_pct_change,
        o.total_messages, o.total_messages_prior, o.total_messages_pct_change,
        o.gpt_messages, o.gpt_messages_prior, o.gpt_messages_pct_change,
        o.tool_messages, o.tool_messages_prior, o.tool_messages_pct_change) AS same_as_overview
FROM uanalytics.overview_between('2025-02-01', '2025-02-28') b
JOIN uanalytics.overview o ON o.account_id = b.account_id AND o.cadence = 'Monthly' AND o.period_start = '2025-02-01'
ORDER BY b.account_id;

-- Weeks (Sunday to Saturday), from the weekly reports.
-- The week of 03-09 against the week of 03-02:
--   ana gus = 2 vs ana ben = 2: 0.0;  30 vs 50: -40.0;  0 vs 15: -100.0;  4 vs 3: 33.3
SELECT account_id, cadence, periods, periods_stored, prior_range_start, prior_range_end,
       unique_active_users AS uau, unique_active_users_pct_change AS uau_pct, total_messages AS total,
       total_messages_pct_change AS total_pct, gpt_messages_pct_change AS gpt_pct, tool_messages_pct_change AS tool_pct
FROM uanalytics.overview_between('2025-03-09', '2025-03-15');
-- 03-02 to 03-15, two weeks: ana ben | ana gus = 3 users; 50+30 = 80; 15+0 = 15; 3+4 = 7;
-- the two weeks before (02-16 to 03-01) are not stored: NULL
SELECT account_id, cadence, periods, periods_stored, prior_range_start, prior_range_end,
       unique_active_users AS uau, unique_active_users_prior AS uau_prior, total_messages AS total,
       gpt_messages AS gpt, tool_messages AS tool
FROM uanalytics.overview_between('2025-03-02', '2025-03-15');
-- 03-09 to 03-29, three weeks of which 03-16 is missing: refused, naming it
SELECT account_id FROM uanalytics.overview_between('2025-03-09', '2025-03-29');
-- with allow_gaps (2 stored): ana gus | ana ben eve = 4 users; 30+70 = 100;
-- 0+25 = 25; 4+6 = 10.  Of the prior three weeks only 03-02 is stored, so
-- no comparison.
SELECT account_id, periods, periods_stored, unique_active_users AS uau, unique_active_users_prior AS uau_prior,
       total_messages AS total, gpt_messages AS gpt, tool_messages AS tool
FROM uanalytics.overview_between('2025-03-09', '2025-03-29', allow_gaps => true);
-- 03-23 to 04-05 holds the partial week of 03-30: ana ben eve | ana = 3; 70+5 = 75
SELECT account_id, periods, periods_stored, includes_partial, unique_active_users AS uau, total_messages AS total
FROM uanalytics.overview_between('2025-03-23', '2025-04-05');

-- Ranges that neither whole months nor whole weeks tile are refused, and
-- the error says which ranges work
SELECT * FROM uanalytics.overview_between('2025-03-05', '2025-03-20');
SELECT * FROM uanalytics.overview_between('2025-03-31', '2025-03-01');
-- A range that starts a month or a week but ends inside one names the day
-- it should end on.  to_date is the range's last day: a quarter given as
-- 2025-01-01 to 2025-04-01 (the day after) means 2025-03-31
SELECT * FROM uanalytics.overview_between('2025-01-01', '2025-04-01');
-- 03-01 starts March (a Saturday, so no week): the end of March
SELECT * FROM uanalytics.overview_between('2025-03-01', '2025-03-15');
-- 03-02 is a Sunday: the Saturday before a Sunday given as the end, else
-- the Saturday that ends to_date's week
SELECT * FROM uanalytics.overview_between('2025-03-02', '2025-03-16');
SELECT * FROM uanalytics.overview_between('2025-03-02', '2025-03-19');
-- 2025-06-01 is both the first of a month and a Sunday: both days named
SELECT * FROM uanalytics.overview_between('2025-06-01', '2025-07-01');
-- a one-day range on the first: the end of that month
SELECT * FROM uanalytics.overview_between('2025-03-01', '2025-03-01');
-- NULL in, nothing out (the function is strict)
SELECT count(*) FROM uanalytics.overview_between(NULL, '2025-03-31');
