-- uanalytics.pct_change and uanalytics.prior_period_start, the helpers of
-- the dashboard views.

-- Dates as the exports write them.
SET datestyle = 'ISO, YMD';

-- Immutable, strict, parallel safe, and commented.
SELECT p.oid::regprocedure, p.provolatile, p.proisstrict, p.proparallel,
	obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p
WHERE p.oid IN ('uanalytics.pct_change'::regproc, 'uanalytics.prior_period_start'::regproc)
ORDER BY 1::text;

-- pct_change(current, prior) = 100 * (current - prior) / prior, at the
-- precision numeric division gives that expression.
SELECT current, prior, uanalytics.pct_change(current, prior),
	uanalytics.pct_change(current, prior) = 100 * (current - prior) / prior AS same_as_sql
FROM (VALUES (110, 100), (90, 100), (100, 100), (0, 100), (4, 3), (2, 3),
	(-50, -100), (50, -100), (3000000000, 1), (1.5, 0.5), (1, 3000000000)) v(current, prior);

-- NULL when prior is 0 (any zero: 0, 0.00, -0) or either is NULL.
SELECT uanalytics.pct_change(5, 0) IS NULL AS zero,
	uanalytics.pct_change(0, 0) IS NULL AS zero_zero,
	uanalytics.pct_change(5, 0.00) IS NULL AS zero_scaled,
	uanalytics.pct_change(5, -0.0) IS NULL AS minus_zero,
	uanalytics.pct_change(NULL, 5) IS NULL AS null_current,
	uanalytics.pct_change(5, NULL) IS NULL AS null_prior;

-- The views round for display.
SELECT round(uanalytics.pct_change(2, 3), 1) AS rounded;

-- prior_period_start(cadence, period_start): a week is 7 days back; a month
-- is one calendar month back (clamped to the month's last day as date -
-- interval '1 month' does).  Cadences match without regard to case, and the
-- partial cadences count as their complete ones.
SELECT cadence, period_start, uanalytics.prior_period_start(cadence, period_start)
FROM (VALUES ('Weekly', date '2025-10-19'), ('weekly', '2025-01-05'), ('WEEKLY', '2024-03-03'),
	('Partial Weekly', '2025-10-26'), ('Monthly', '2025-10-01'), ('monthly', '2025-01-01'),
	('Partial Monthly', '2024-03-01'), ('partial monthly', '2024-03-31'),
	('Monthly', '2025-05-31'), ('Monthly', 'infinity'), ('Weekly', '-infinity')) v(cadence, period_start);

-- NULL in, NULL out (strict).
SELECT uanalytics.prior_period_start(NULL, '2025-10-01') IS NULL AS null_cadence,
	uanalytics.prior_period_start('Weekly', NULL) IS NULL AS null_start;

-- An unknown cadence is an error.  Blanks around a known one are not: the
-- cadence is read as the loader reads the exports' (values.c).
SELECT uanalytics.prior_period_start('Daily', '2025-10-01');
SELECT uanalytics.prior_period_start(' Weekly', '2025-10-01');
SELECT uanalytics.prior_period_start('', '2025-10-01');

-- Out of the date range: the error of date arithmetic.
SELECT uanalytics.prior_period_start('Weekly', '4714-11-24 BC');
