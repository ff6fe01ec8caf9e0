-- uanalytics.unique_active_users(public_id, is_active): distinct public_ids
-- among active rows, each counted once however many periods it is active in.

-- Dates as the exports write them.
SET datestyle = 'ISO, YMD';

-- Declared for parallel query, with every partial-aggregation function.
SELECT a.aggfnoid::regprocedure, a.aggtranstype::regtype,
	a.aggcombinefn::regproc, a.aggserialfn::regproc, a.aggdeserialfn::regproc,
	p.proparallel, obj_description(a.aggfnoid, 'pg_proc') IS NOT NULL AS commented
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE a.aggfnoid = 'uanalytics.unique_active_users'::regproc;

-- Three monthly periods of a small workspace.  ann is active every month,
-- bob in two, cy in one; dee never; a pending user has no public_id; eve's
-- is_active is NULL (unknown), which is not active.
CREATE TEMP TABLE ue (period_start date, public_id text, is_active boolean, department text);
INSERT INTO ue VALUES
	('2025-07-01', 'user-ann', true, 'finance'),
	('2025-07-01', 'user-bob', true, 'it'),
	('2025-07-01', 'user-dee', false, 'it'),
	('2025-07-01', NULL, true, 'it'),
	('2025-07-01', 'user-eve', NULL, 'finance'),
	('2025-08-01', 'user-ann', true, 'finance'),
	('2025-08-01', 'user-bob', false, 'it'),
	('2025-08-01', 'user-cy', true, 'it'),
	('2025-08-01', 'user-dee', false, 'it'),
	('2025-09-01', 'user-ann', true, 'finance'),
	('2025-09-01', 'user-bob', true, 'it'),
	('2025-09-01', 'user-dee', false, 'it'),
	('2025-09-01', NULL, true, 'it');

-- Per month: 2 (ann, bob), 2 (ann, cy), 2 (ann, bob).
SELECT period_start, uanalytics.unique_active_users(public_id, is_active)
FROM ue GROUP BY period_start ORDER BY period_start;

-- The quarter: ann, bob, cy = 3, not 2 + 2 + 2.
SELECT uanalytics.unique_active_users(public_id, is_active) AS quarter FROM ue;

-- By department: finance has ann (eve is not active); it has bob and cy.
SELECT department, uanalytics.unique_active_users(public_id, is_active)
FROM ue GROUP BY department ORDER BY department;

-- No active row, no row at all: 0, as count() gives.  A group whose rows
-- are all inactive or anonymous also gives 0.
SELECT uanalytics.unique_active_users(public_id, is_active) FROM ue WHERE NOT is_active;
SELECT uanalytics.unique_active_users(public_id, is_active) FROM ue WHERE false;
SELECT uanalytics.unique_active_users(public_id, is_active) FROM ue WHERE public_id IS NULL;

-- Ids are compared byte for byte: case, quotes, spaces, a middle dot and the
-- empty string are all distinct ids; repeats count once.
SELECT uanalytics.unique_active_users(id, true)
FROM (VALUES ('user-A'), ('user-a'), ('user-"q"'), ('user-"q"'), ('user ·'), ('user·'),
	('user ·'), (''), ('')) v(id);

-- As a window aggregate (the final function does not change the state).
SELECT period_start, public_id,
	uanalytics.unique_active_users(public_id, is_active) OVER (ORDER BY period_start) AS running
FROM ue WHERE public_id IS NOT NULL AND is_active ORDER BY period_start, public_id;

-- Generated data: 300,000 rows over 12 periods, 40,000 users of whom about
-- a third are inactive in any row, must agree with count(DISTINCT) FILTER,
-- overall and per period.
CREATE TABLE agg_unique_gen AS
SELECT (i % 12) AS period, 'user-' || md5((i % 40000)::text) AS public_id,
	(i / 7) % 3 <> 0 AS is_active
FROM generate_series(1, 300000) i;
ANALYZE agg_unique_gen;

SELECT uanalytics.unique_active_users(public_id, is_active) AS c,
	count(DISTINCT public_id) FILTER (WHERE is_active) AS plain
FROM agg_unique_gen;

SELECT count(*) AS groups, count(*) FILTER (WHERE c = plain) AS equal, sum(c) AS total
FROM (SELECT period, uanalytics.unique_active_users(public_id, is_active) AS c,
		count(DISTINCT public_id) FILTER (WHERE is_active) AS plain
	FROM agg_unique_gen GROUP BY period) g;

-- A parallel plan: workers build partial sets, the leader combines them.
-- Without the leader's participation every row goes through a worker's
-- serialized state.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
SELECT uanalytics.unique_active_users(public_id, is_active) FROM agg_unique_gen;
SELECT uanalytics.unique_active_users(public_id, is_active) AS parallel FROM agg_unique_gen;

EXPLAIN (COSTS OFF)
SELECT period, uanalytics.unique_active_users(public_id, is_active) FROM agg_unique_gen GROUP BY period;

-- Parallel per-period results equal the serial ones.
SELECT string_agg(period || ':' || n, ' ' ORDER BY period) AS parallel_result
FROM (SELECT period, uanalytics.unique_active_users(public_id, is_active) AS n
	FROM agg_unique_gen GROUP BY period) g \gset
SET max_parallel_workers_per_gather = 0;
SELECT string_agg(period || ':' || n, ' ' ORDER BY period) = :'parallel_result' AS same,
	sum(n) AS total
FROM (SELECT period, uanalytics.unique_active_users(public_id, is_active) AS n
	FROM agg_unique_gen GROUP BY period) g;

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE agg_unique_gen;
