-- The Users tab: uanalytics.users_summary (the cards: seats, claimed seats,
-- active users, pending invites) and uanalytics.users (the table), on the
-- fixture workspace of test/data/views (README.txt there).  Every number
-- is worked out by hand in the comments first.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/views/acme');

-- No seats entered yet: seats_purchased is NULL, not 0.
--   month  claimed (enabled at month end)   active            pending
--   Jan    ana ben cat dan      = 4         ana ben dan = 3   eve fay = 2   first: no prior
--   Feb    ana ben cat gus      = 4         ana gus     = 2   eve fay = 2   (2-3)/3 = -33.3
--          (dan is deleted now, gus joined)
--   Mar    ana ben cat eve gus  = 5         ana ben eve gus = 4   fay = 1   (4-2)/2 = 100.0
--   Apr*   ana ben cat eve gus  = 5         ana eve     = 2   fay = 1       vs Mar (2-4)/4 = -50.0
SELECT period_start, is_partial, prior_period_start, seats_purchased, claimed_seats, active_users,
       pending_invites, active_users_prior, active_users_pct_change
FROM uanalytics.users_summary WHERE account_id = 'acme' AND cadence = 'Monthly' ORDER BY period_start;

-- Seats, entered by the customer: 10 from 2025-01-01, 12 from 2025-03-15,
-- 15 from 2025-04-20.  A period has the seats of the latest row effective
-- on or before its last day:
--   Jan (ends 01-31) 10   Feb (02-28) 10   Mar (03-31) 12   Apr partial (ends 04-30) 15
--   week 03-02 (ends 03-08) 10   03-09 (ends 03-15, the day 12 takes effect) 12
--   week 03-23 (ends 03-29) 12   03-30 partial (ends 04-05) 12
-- Weeks: 03-02 claimed ana ben cat gus = 4, active ana ben = 2, pending eve fay = 2;
--   03-09: 4, ana gus = 2, 2 (vs 03-02: 0.0); 03-23: eve has joined: 5, ana ben eve = 3, fay = 1
--   (03-16 is missing: no prior); 03-30 partial: 5, ana = 1, 1 (vs 03-23: (1-3)/3 = -66.7)
INSERT INTO uanalytics.seats VALUES ('acme', '2025-01-01', 10), ('acme', '2025-03-15', 12), ('acme', '2025-04-20', 15);
SELECT cadence, period_start, period_end, seats_purchased, claimed_seats, active_users, pending_invites,
       active_users_pct_change
FROM uanalytics.users_summary WHERE account_id = 'acme' ORDER BY cadence, period_start;

-- a seat change shows at once, without reloading anything: 11 seats from
-- 2025-02-10 changes February (ends 02-28) and nothing else
INSERT INTO uanalytics.seats VALUES ('acme', '2025-02-10', 11);
SELECT period_start, seats_purchased FROM uanalytics.users_summary
WHERE account_id = 'acme' AND cadence = 'Monthly' ORDER BY period_start;

-- The users table, March, by messages; each user's messages in February:
--   user  messages gpt tool rank  status   Feb  change
--   ben   100      50  0    1     enabled  0    NULL (prior 0)
--   ana   90       0   10   2     enabled  120  (90-120)/120 = -25.0
--   eve   90       10  10   2     enabled  -    NULL: pending in Feb, no public_id to match
--   gus   10       0   0    4     enabled  60   (10-60)/60 = -83.3
--   cat   0        0   0    -     enabled  0    NULL
--   dan   0        0   0    -     deleted  0    NULL
--   fay   -        -   -    -     pending  -    NULL
SELECT public_id, name, email, user_role, user_status, department, is_active, messages, gpt_messages,
       tool_messages, messages_rank, last_day_active, messages_prior, messages_pct_change
FROM uanalytics.users WHERE account_id = 'acme' AND cadence = 'Monthly' AND period_start = '2025-03-01'
ORDER BY messages DESC NULLS LAST, lower(email);

-- the partial week of 03-30 is compared with the last complete week, 03-23:
--   ana 5 vs 10 = -50.0, ben 0 vs 40 = -100.0, eve 0 vs 20 = -100.0, cat and gus 0 vs 0 = NULL
SELECT public_id, is_partial, messages, messages_prior, messages_pct_change
FROM uanalytics.users WHERE account_id = 'acme' AND cadence = 'Weekly' AND period_start = '2025-03-30'
ORDER BY public_id;

-- The examples of doc/users.md.
-- Top users of a department, from an HR table joined by lower(email):
-- Finance in March is ben 100, ana 90, eve 90; the top two are ben and ana
-- (ana and eve tie, ana's name sorts first).
CREATE TEMP TABLE hr (email text, department text, manager text);
INSERT INTO hr VALUES ('ana@acme.com', 'Finance', 'Zoe'), ('ben.cho@acme.com', 'Finance', 'Zoe'),
	('cat@acme.com', 'Sales', 'Yan'), ('eve@acme.com', 'Finance', 'Zoe'), ('gus@acme.com', 'IT', 'Xi');
SELECT u.name, u.email, hr.manager, u.messages
FROM uanalytics.users u JOIN hr ON lower(u.email) = lower(hr.email)
WHERE hr.department = 'Finance' AND u.account_id = 'acme' AND u.cadence = 'Monthly' AND u.period_start = '2025-03-01'
ORDER BY u.messages DESC NULLS LAST, u.name
LIMIT 2;

-- Least-active users for training: enabled at the end of March, fewest
-- messages over January to March: cat 0+0+0 = 0, gus 60+10 = 70, eve 90
-- (her pending months have no public_id and no messages), then ben 140
SELECT u.public_id, sum(u.messages) AS messages_q1
FROM uanalytics.users u
WHERE u.account_id = 'acme' AND u.cadence = 'Monthly' AND u.period_start >= '2025-01-01' AND u.period_end <= '2025-03-31'
  AND u.public_id IN (SELECT public_id FROM uanalytics.users
                      WHERE account_id = 'acme' AND cadence = 'Monthly' AND period_start = '2025-03-01'
                        AND user_status = 'enabled')
GROUP BY u.public_id
ORDER BY messages_q1, u.public_id
LIMIT 3;

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

-- One period of the users table reads that period's rows and the prior
-- period's rows by their key (user_engagement_period_idx), never the whole
-- table (sequential scans are off because the fixture tables are tiny)
ANALYZE uanalytics.user_engagement, uanalytics.periods;
SET enable_seqscan = off;
SELECT * FROM pg_temp.plan_scans($$
SELECT * FROM uanalytics.users
WHERE account_id = 'acme' AND cadence = 'Monthly' AND period_start = '2025-03-01'$$);
RESET enable_seqscan;

-- gpts_messaged, tools_messaged, project_messages and projects_messaged,
-- the last four columns, from the globex workspace of test/data/trends
-- (README.txt there), which has them.
SELECT attnum, attname FROM pg_attribute
WHERE attrelid = 'uanalytics.users'::regclass AND attnum > 18 ORDER BY attnum;
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/trends');
-- July:  user  messages gpt gpts_messaged tool tools_messaged project projects_messaged
--        ana   50       5   1             15   2 (Search, Legacy Search)  8  1
--        ben   30       0   0             10   2 (Search, Data Analysis)  0  0
--        cy    0        0   0             0    0                          0  0
--        dee   20       0   0             3    1 (Legacy Search)          2  1
--        pat   pending: all NULL
SELECT public_id, email, messages, gpt_messages, gpts_messaged, tool_messages, tools_messaged,
       project_messages, projects_messaged
FROM uanalytics.users WHERE account_id = 'globex' AND cadence = 'Monthly' AND period_start = '2025-07-01'
ORDER BY email;
-- ana over the months: June's early-2025 layout has the four columns too;
-- the partial November has project_messages but not the three starred
-- columns (NULL, not 0).  acme's exports have none of them: NULL.
SELECT account_id, period_start, is_partial, gpts_messaged, tools_messaged, project_messages, projects_messaged
FROM uanalytics.users WHERE public_id = 'user-ana' AND cadence = 'Monthly'
ORDER BY account_id, period_start;
