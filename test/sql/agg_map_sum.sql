-- uanalytics.map_sum(jsonb): sums {name: count} objects key by key.

-- Declared for parallel query, with every partial-aggregation function.
SELECT a.aggfnoid::regprocedure, a.aggtranstype::regtype,
	a.aggcombinefn::regproc, a.aggserialfn::regproc, a.aggdeserialfn::regproc,
	p.proparallel, obj_description(a.aggfnoid, 'pg_proc') IS NOT NULL AS commented
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE a.aggfnoid = 'uanalytics.map_sum'::regproc;

-- model_to_messages of four users: NULL (pending) and {} (no model used)
-- add nothing.  gpt-5: 296 + 42 + 5 = 343; gpt-5-reasoning: 36; o3: 7.
CREATE TEMP TABLE ue (department text, model_to_messages jsonb);
INSERT INTO ue VALUES
	('finance', '{"gpt-5": 296}'),
	('it', '{"gpt-5-reasoning": 36, "gpt-5": 42}'),
	('it', '{"gpt-5": 5, "o3": 7}'),
	('it', NULL),
	('legal', '{}'),
	('legal', NULL),
	('sales', NULL);

SELECT uanalytics.map_sum(model_to_messages) FROM ue;

-- Per group: only NULLs give NULL (as sum() does); only {} gives {}.
SELECT department, uanalytics.map_sum(model_to_messages)
FROM ue GROUP BY department ORDER BY department;

-- No rows at all: NULL.
SELECT uanalytics.map_sum(model_to_messages) IS NULL AS is_null FROM ue WHERE false;

-- Keys come out in jsonb's order (shorter keys first, then bytewise), not
-- in the order first seen.
SELECT uanalytics.map_sum(m)
FROM (VALUES ('{"zzz": 1, "b": 1}'::jsonb), ('{"aa": 1, "a": 1}')) v(m);

-- Sums beyond 2^31 and beyond 2^63 stay exact (the int64 sum falls back to
-- numeric): 3000000000 * 2, and 9223372036854775807 + 1.
SELECT uanalytics.map_sum(m)
FROM (VALUES ('{"big": 3000000000, "max": 9223372036854775807}'::jsonb),
	('{"big": 3000000000, "max": 1}')) v(m);

-- 2^31 - 1 + 1 crosses the int32 range of a single value; a running sum
-- over many values crosses 2^32.
SELECT uanalytics.map_sum(m)
FROM (VALUES ('{"a": 2147483647}'::jsonb), ('{"a": 1}')) v(m);
SELECT uanalytics.map_sum(jsonb_build_object('a', 2000000000)) FROM generate_series(1, 5);

-- Fractions sum exactly, with numeric's scale: 0.1 + 0.2 = 0.3, 1.5 + 2.25
-- = 3.75, 2.0 + 1 = 3.0, and a negative value subtracts.
SELECT uanalytics.map_sum(m)
FROM (VALUES ('{"f": 0.1, "g": 1.5, "h": 2.0, "n": 10}'::jsonb),
	('{"f": 0.2, "g": 2.25, "h": 1, "n": -3}')) v(m);

-- Exponent notation that denotes an integer is an integer: 1e3 + 5 = 1005.
SELECT uanalytics.map_sum(m)
FROM (VALUES ('{"e": 1e3}'::jsonb), ('{"e": 5}')) v(m);

-- Keys are taken byte for byte: quotes, backslashes, spaces, the middle dot
-- of DALL·E and the empty key; Search and search are two keys.
SELECT uanalytics.map_sum(m)
FROM (VALUES ('{"DALL·E": 2, "say \"hi\"": 1, "back\\slash": 1, "": 4, "Search": 1}'::jsonb),
	('{"DALL·E": 3, "say \"hi\"": 1, "search": 1, "": 1}')) v(m);

-- A value that is not a number is an error naming the key.
SELECT uanalytics.map_sum(m)
FROM (VALUES ('{"gpt-5": 1}'::jsonb), ('{"gpt-5": 2, "o3": "7"}')) v(m);
SELECT uanalytics.map_sum('{"say \"hi\"": null}'::jsonb);
SELECT uanalytics.map_sum('{"DALL·E": {"n": 1}}'::jsonb);
SELECT uanalytics.map_sum('{"a": true}'::jsonb);

-- So is an input that is not an object.
SELECT uanalytics.map_sum('[1, 2]'::jsonb);
SELECT uanalytics.map_sum('3'::jsonb);

-- Generated data: 200,000 maps of 0-4 of 9 models (every fifth user has {},
-- every seventeenth NULL), 20 departments, values up to 1,000,000 and an
-- occasional fraction, must agree with jsonb_each_text + sum +
-- jsonb_object_agg.  Departments 0, 5, 10 and 15 hold only {} and NULL:
-- there the plain SQL has no row and map_sum gives {}.
CREATE TABLE agg_map_sum_gen AS
SELECT i % 20 AS department,
	CASE WHEN i % 17 = 0 THEN NULL ELSE
		(SELECT coalesce(jsonb_object_agg('model-' || ((i + j * 5) % 9),
				CASE WHEN (i + j) % 1000 = 0 THEN round(((i * j) % 1000000) / 100.0, 2)
				ELSE (i * j) % 1000000 END), '{}')
		FROM generate_series(1, i % 5) j)
	END AS model_to_messages
FROM generate_series(1, 200000) i;
ANALYZE agg_map_sum_gen;

CREATE TEMP VIEW plain_map_sum AS
SELECT department, jsonb_object_agg(key, total) AS sums
FROM (SELECT department, e.key, sum(e.value::numeric) AS total
	FROM agg_map_sum_gen, jsonb_each_text(model_to_messages) e
	GROUP BY department, e.key) x
GROUP BY department;

SELECT count(*) AS departments, count(*) FILTER (WHERE c.sums = coalesce(p.sums, '{}')) AS equal,
	string_agg(department::text, ',' ORDER BY department) FILTER (WHERE c.sums = '{}') AS empty
FROM (SELECT department, uanalytics.map_sum(model_to_messages) AS sums
	FROM agg_map_sum_gen GROUP BY department) c
LEFT JOIN plain_map_sum p USING (department);

SELECT uanalytics.map_sum(model_to_messages) FROM agg_map_sum_gen;
SELECT jsonb_object_agg(key, total)
FROM (SELECT e.key, sum(e.value::numeric) AS total
	FROM agg_map_sum_gen, jsonb_each_text(model_to_messages) e GROUP BY e.key) x;

-- A parallel plan: workers sum partially, the leader combines.  Without
-- the leader's participation every row goes through a serialized state.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
SELECT uanalytics.map_sum(model_to_messages) FROM agg_map_sum_gen;
SELECT uanalytics.map_sum(model_to_messages) AS parallel FROM agg_map_sum_gen \gset
SELECT string_agg(department || ':' || sums::text, ' ' ORDER BY department) AS parallel_groups
FROM (SELECT department, uanalytics.map_sum(model_to_messages) AS sums
	FROM agg_map_sum_gen GROUP BY department) g \gset

-- The sums that need numeric (a fraction, a value beyond int32) survive
-- serialization too.
CREATE TABLE agg_map_sum_big AS
SELECT jsonb_build_object('big', 9000000000000000000::bigint, 'frac', 0.25, 'small', 1) AS m
FROM generate_series(1, 10000);
ANALYZE agg_map_sum_big;
EXPLAIN (COSTS OFF)
SELECT uanalytics.map_sum(m) FROM agg_map_sum_big;
SELECT uanalytics.map_sum(m) FROM agg_map_sum_big;

SET max_parallel_workers_per_gather = 0;
SELECT uanalytics.map_sum(model_to_messages) = :'parallel'::jsonb AS same_total
FROM agg_map_sum_gen;
SELECT string_agg(department || ':' || sums::text, ' ' ORDER BY department) = :'parallel_groups' AS same_groups
FROM (SELECT department, uanalytics.map_sum(model_to_messages) AS sums
	FROM agg_map_sum_gen GROUP BY department) g;
SELECT uanalytics.map_sum(m) FROM agg_map_sum_big;

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE agg_map_sum_gen CASCADE;
DROP TABLE agg_map_sum_big;
