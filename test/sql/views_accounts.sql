-- uanalytics.accounts: one row per account that a stored export holds, and
-- the WARNING when seats are entered for an account id that none holds (an
-- id copied from the README matched nothing, and every seat column stayed
-- empty without a hint).  Fixtures: test/data/views (acme, eu1),
-- test/data/trends (globex) and a GPT report of a fourth account.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR

-- Seats may come before any export: kept, with a warning that says so
INSERT INTO uanalytics.seats VALUES ('acme', '2025-01-01', 10);
SELECT * FROM uanalytics.accounts;

SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/views/acme');
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/views/eu1');
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/trends');
SELECT count(*) AS files FROM uanalytics.load(:'abs_srcdir' || '/data/gpts_monthly_early2025.csv');

-- acme: monthly Jan to Apr (partial, ends 04-30), weekly 03-02 to 03-30
--   (partial, ends 04-05), GPT reports too: 2025-01-01 to 2025-04-30; its
--   latest user period is the partial April (the week of 03-30 starts
--   earlier), with 7 rows: ana ben cat dan eve fay gus.  Seats entered above.
-- eu1: January and February; February lists u1 and u2 = 2 rows.
-- globex: June to the partial November (ends 11-30), 5 rows in November.
-- 5f2c...: only a GPT report (February): no user period, users NULL.
SELECT account_id, first_period_start, last_period_end, users, seats_entered,
       users_cadence, users_period_start, users_period_end
FROM uanalytics.accounts ORDER BY account_id;

-- Seats for known accounts: no warning
INSERT INTO uanalytics.seats VALUES ('eu1', '2025-01-01', 5), ('globex', '2025-06-01', 8);

-- The README's placeholder id, which no export here holds: the row is kept,
-- and the warning names the accounts that the exports do hold
INSERT INTO uanalytics.seats VALUES ('7c1f3a9e5b2d4e608a4c6e8f0b2d4f61', '2025-01-01', 250);
SELECT account_id, seats_purchased FROM uanalytics.seats ORDER BY account_id, effective_from;

-- Several rows in one statement: one warning, naming each unknown id once
-- (ids are compared exactly: case and blanks count)
INSERT INTO uanalytics.seats VALUES ('ACME', '2025-02-01', 10), ('acme ', '2025-02-01', 10),
	('ACME', '2025-06-01', 12), ('eu1', '2025-06-01', 6);

-- Correcting the id with UPDATE: no warning when the new id is known, a
-- warning when it is not
UPDATE uanalytics.seats SET account_id = 'acme' WHERE account_id = 'ACME' AND effective_from = '2025-06-01';
UPDATE uanalytics.seats SET account_id = 'acme2' WHERE account_id = 'ACME';
DELETE FROM uanalytics.seats WHERE account_id NOT IN (SELECT account_id FROM uanalytics.accounts);

-- seats_entered follows the seats table
SELECT account_id, seats_entered FROM uanalytics.accounts ORDER BY account_id;

-- A role that may enter seats but not read the periods cannot tell known
-- from unknown ids: its insert goes through without a warning
CREATE ROLE ua_test_seats;
GRANT USAGE ON SCHEMA uanalytics TO ua_test_seats;
GRANT INSERT ON uanalytics.seats TO ua_test_seats;
SET ROLE ua_test_seats;
INSERT INTO uanalytics.seats VALUES ('nobody', '2025-01-01', 1);
RESET ROLE;
DELETE FROM uanalytics.seats WHERE account_id = 'nobody';
DROP OWNED BY ua_test_seats;
DROP ROLE ua_test_seats;

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

-- accounts looks each account's latest user period up by index
ANALYZE uanalytics.user_period_totals, uanalytics.periods;
SET enable_seqscan = off;
SELECT * FROM pg_temp.plan_scans($$SELECT * FROM uanalytics.accounts WHERE account_id = 'acme'$$);
RESET enable_seqscan;
