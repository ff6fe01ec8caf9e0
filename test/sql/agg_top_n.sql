-- uanalytics.top_n(key, value, n): sums value per key, returns the n
-- largest as [{"key", "value", "rank"}, ...] with RANK() semantics.

-- Declared for parallel query, with every partial-aggregation function.
SELECT a.aggfnoid::regprocedure, a.aggtranstype::regtype,
	a.aggcombinefn::regproc, a.aggserialfn::regproc, a.aggdeserialfn::regproc,
	p.proparallel, obj_description(a.aggfnoid, 'pg_proc') IS NOT NULL AS commented
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE a.aggfnoid = 'uanalytics.top_n'::regproc;

-- Sums: ann 50 (30 + 20), bob 40, cy 40, dee 30, eve 30, fay 10.  A NULL
-- key or value is ignored.
CREATE TEMP TABLE usage (department text, public_id text, gpt_messages bigint);
INSERT INTO usage VALUES
	('finance', 'ann', 30), ('finance', 'ann', 20), ('it', 'bob', 40), ('it', 'cy', 40),
	('it', 'dee', 30), ('legal', 'eve', 30), ('legal', 'fay', 10),
	('legal', NULL, 1000), ('legal', 'gus', NULL);

-- n = 3: ann 1, bob 2, cy 2 (no tie crosses the cut-off: 3 entries).
SELECT uanalytics.top_n(public_id, gpt_messages, 3) FROM usage;

-- n = 4: dee and eve tie for 4th, both are in: 5 entries, ranks 1 2 2 4 4.
SELECT uanalytics.top_n(public_id, gpt_messages, 4) FROM usage;

-- n = 2: bob and cy tie for 2nd: 3 entries.  n = 1: ann alone.
SELECT uanalytics.top_n(public_id, gpt_messages, 2) FROM usage;
SELECT uanalytics.top_n(public_id, gpt_messages, 1) FROM usage;

-- n larger than the number of keys: all six, fay last with rank 6.
SELECT jsonb_array_length(t), t -> -1 AS last
FROM (SELECT uanalytics.top_n(public_id, gpt_messages, 100) AS t FROM usage) x;

-- The same as RANK() <= n in plain SQL, for every n from 1 to 7.
SELECT n, uanalytics.top_n(public_id, gpt_messages, n) = (
		SELECT jsonb_agg(jsonb_build_object('key', k, 'value', s, 'rank', r) ORDER BY s DESC, k COLLATE "C")
		FROM (SELECT k, s, rank() OVER (ORDER BY s DESC) AS r
			FROM (SELECT public_id AS k, sum(gpt_messages) AS s FROM usage
				WHERE public_id IS NOT NULL AND gpt_messages IS NOT NULL GROUP BY 1) a) b
		WHERE r <= n) AS same_as_rank
FROM usage, generate_series(1, 7) n GROUP BY n ORDER BY n;

-- Per department.  legal: eve 30, fay 10 (the NULL key and value ignored).
SELECT department, uanalytics.top_n(public_id, gpt_messages, 1)
FROM usage GROUP BY department ORDER BY department;

-- Only NULL keys or values, or no rows: NULL.
SELECT uanalytics.top_n(public_id, gpt_messages, 3) IS NULL AS is_null
FROM usage WHERE public_id IS NULL OR gpt_messages IS NULL;
SELECT uanalytics.top_n(public_id, gpt_messages, 3) IS NULL AS is_null FROM usage WHERE false;

-- Equal sums are ordered by the key's bytes (C collation): upper case
-- before lower case, ASCII before the UTF-8 of é, a prefix first.  Keys
-- with quotes and the middle dot of DALL·E come out as JSON strings.
SELECT jsonb_array_elements(uanalytics.top_n(k, 1, 10))
FROM (VALUES ('é'), ('b'), ('ab'), ('a'), ('B'), ('DALL·E'), ('say "hi"'), ('')) v(k);

-- Sums beyond 2^31 are exact; negative values subtract.
SELECT uanalytics.top_n(k, v, 3)
FROM (VALUES ('big', 3000000000), ('big', 3000000000), ('neg', -5), ('zero', 0),
	('max', 9223372036854775807)) v(k, v);

-- A sum beyond bigint is an error naming the key.
SELECT uanalytics.top_n(k, v, 3)
FROM (VALUES ('say "hi"', 9223372036854775807), ('say "hi"', 1)) v(k, v);
SELECT uanalytics.top_n(k, v, 3)
FROM (VALUES ('low', -9223372036854775808), ('low', -1)) v(k, v);

-- Only the sum counts, not the order of the rows (nor how a parallel plan
-- splits them): 2^62 + 2^62 - 2^62 is 2^62 in every order, though the two
-- first alone are beyond bigint (o = 1 adds the positive values first,
-- o = -1 the negative ones); bigint's extremes are sums too.
SELECT o, uanalytics.top_n(k, v, 3 ORDER BY CASE WHEN o = 1 THEN v > 0 ELSE v < 0 END DESC)
FROM (VALUES ('k', 4611686018427387904), ('k', 4611686018427387904), ('k', -4611686018427387904),
	('min', -9223372036854775808), ('max', 9223372036854775807), ('max', -1), ('max', 1)) v(k, v),
	(VALUES (1), (-1)) s(o)
GROUP BY o ORDER BY o;

-- n must be positive, not NULL, and the same in every row of a group.
SELECT uanalytics.top_n(k, 1, 0) FROM (VALUES ('a')) v(k);
SELECT uanalytics.top_n(k, 1, -2) FROM (VALUES ('a')) v(k);
SELECT uanalytics.top_n(k, 1, NULL) FROM (VALUES ('a')) v(k);
SELECT uanalytics.top_n(k, 1, n) FROM (VALUES ('a', 3), ('b', 3), ('c', 4)) v(k, n);

-- Generated data: 100,000 rows of 500 GPTs in 10 groups (50 GPTs each).
-- v_mixed gives sums that rarely tie; v_ties gives every group 10 blocks of
-- 5 GPTs with equal sums, so the top 3 are 5 GPTs sharing rank 1; v_signed
-- is v_mixed less 500, so most GPTs have both positive and negative values.
CREATE TABLE agg_top_n_gen AS
SELECT i % 10 AS grp, 'g-' || md5((i % 500)::text) AS gpt_id,
	((i * 7919) % 1000)::bigint AS v_mixed, ((i % 500) / 50)::bigint AS v_ties,
	((i * 7919) % 1000)::bigint - 500 AS v_signed
FROM generate_series(1, 100000) i;
ANALYZE agg_top_n_gen;

CREATE TEMP VIEW plain_top_n AS
SELECT grp, n,
	(SELECT jsonb_agg(jsonb_build_object('key', k, 'value', s, 'rank', r) ORDER BY s DESC, k COLLATE "C")
		FROM (SELECT k, s, rank() OVER (ORDER BY s DESC) AS r
			FROM (SELECT gpt_id AS k, sum(v_mixed) AS s FROM agg_top_n_gen g
				WHERE g.grp = x.grp GROUP BY 1) a) b
		WHERE r <= n) AS mixed,
	(SELECT jsonb_agg(jsonb_build_object('key', k, 'value', s, 'rank', r) ORDER BY s DESC, k COLLATE "C")
		FROM (SELECT k, s, rank() OVER (ORDER BY s DESC) AS r
			FROM (SELECT gpt_id AS k, sum(v_ties) AS s FROM agg_top_n_gen g
				WHERE g.grp = x.grp GROUP BY 1) a) b
		WHERE r <= n) AS ties
FROM generate_series(0, 9) x(grp), (VALUES (1), (3), (7), (60)) v(n);

SELECT n, count(*) AS groups,
	count(*) FILTER (WHERE c.mixed = p.mixed) AS mixed_equal,
	count(*) FILTER (WHERE c.ties = p.ties) AS ties_equal,
	min(jsonb_array_length(c.mixed)) AS mixed_len, min(jsonb_array_length(c.ties)) AS ties_len
FROM (SELECT grp, n, uanalytics.top_n(gpt_id, v_mixed, n) AS mixed,
		uanalytics.top_n(gpt_id, v_ties, n) AS ties
	FROM agg_top_n_gen, (VALUES (1), (3), (7), (60)) v(n) GROUP BY grp, n) c
JOIN plain_top_n p USING (grp, n)
GROUP BY n ORDER BY n;

-- A parallel plan: workers sum partially, the leader combines.  Without
-- the leader's participation every row goes through a serialized state.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
SELECT uanalytics.top_n(gpt_id, v_mixed, 5) FROM agg_top_n_gen;
SELECT uanalytics.top_n(gpt_id, v_mixed, 5) AS parallel_mixed,
	uanalytics.top_n(gpt_id, v_ties, 3) AS parallel_ties,
	uanalytics.top_n(gpt_id, v_signed, 5) AS parallel_signed
FROM agg_top_n_gen \gset
SELECT string_agg(grp || ':' || t::text, ' ' ORDER BY grp) AS parallel_groups
FROM (SELECT grp, uanalytics.top_n(gpt_id, v_mixed, 2) AS t FROM agg_top_n_gen GROUP BY grp) g \gset

SET max_parallel_workers_per_gather = 0;
SELECT uanalytics.top_n(gpt_id, v_mixed, 5) = :'parallel_mixed'::jsonb AS same_mixed,
	uanalytics.top_n(gpt_id, v_ties, 3) = :'parallel_ties'::jsonb AS same_ties,
	jsonb_array_length(uanalytics.top_n(gpt_id, v_ties, 3)) AS ties_len,
	uanalytics.top_n(gpt_id, v_signed, 5) = :'parallel_signed'::jsonb AS same_signed
FROM agg_top_n_gen;
-- the signed sums, worked out in plain SQL: the same top 5, and the
-- bottom ones are negative
SELECT :'parallel_signed'::jsonb = (
		SELECT jsonb_agg(jsonb_build_object('key', k, 'value', s, 'rank', r) ORDER BY s DESC, k COLLATE "C")
		FROM (SELECT k, s, rank() OVER (ORDER BY s DESC) AS r
			FROM (SELECT gpt_id AS k, sum(v_signed) AS s FROM agg_top_n_gen GROUP BY 1) a) b
		WHERE r <= 5) AS signed_as_plain,
	(SELECT min(s) FROM (SELECT sum(v_signed) AS s FROM agg_top_n_gen GROUP BY gpt_id) m) < 0 AS some_negative;
SELECT string_agg(grp || ':' || t::text, ' ' ORDER BY grp) = :'parallel_groups' AS same_groups
FROM (SELECT grp, uanalytics.top_n(gpt_id, v_mixed, 2) AS t FROM agg_top_n_gen GROUP BY grp) g;
SELECT uanalytics.top_n(gpt_id, v_mixed, 5) FROM agg_top_n_gen;

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE agg_top_n_gen CASCADE;
