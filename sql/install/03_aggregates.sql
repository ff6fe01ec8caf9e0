-- uanalytics install script, part 3: the aggregates (src/agg_*.c) and the
-- helper functions of the views (src/functions.c).  See doc/aggregates.md.
--
-- Each aggregate keeps an internal state and has combine, serialize and
-- deserialize functions, so that parallel query (and engines built on
-- partial aggregation, such as Citus) can split it.  Nothing here touches a
-- table, so nothing is revoked from PUBLIC.

-- unique_active_users(public_id text, is_active boolean) -> bigint

CREATE FUNCTION uanalytics.unique_active_users_trans(internal, text, boolean)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.unique_active_users_trans(internal, text, boolean) IS 'Transition function of unique_active_users: adds the public_id of an active row to the set.';

CREATE FUNCTION uanalytics.unique_active_users_combine(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.unique_active_users_combine(internal, internal) IS 'Combine function of unique_active_users: the union of two partial sets.';

CREATE FUNCTION uanalytics.unique_active_users_serialize(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.unique_active_users_serialize(internal) IS 'Serialize function of unique_active_users: the set as bytes for a parallel worker''s result.';

CREATE FUNCTION uanalytics.unique_active_users_deserialize(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.unique_active_users_deserialize(bytea, internal) IS 'Deserialize function of unique_active_users: checks unique_active_users_serialize''s bytes and hands them to the combine function.';

CREATE FUNCTION uanalytics.unique_active_users_final(internal)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_final'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.unique_active_users_final(internal) IS 'Final function of unique_active_users: the size of the set, 0 for none.';

CREATE AGGREGATE uanalytics.unique_active_users(public_id text, is_active boolean) (
	SFUNC = uanalytics.unique_active_users_trans,
	STYPE = internal,
	FINALFUNC = uanalytics.unique_active_users_final,
	COMBINEFUNC = uanalytics.unique_active_users_combine,
	SERIALFUNC = uanalytics.unique_active_users_serialize,
	DESERIALFUNC = uanalytics.unique_active_users_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE uanalytics.unique_active_users(text, boolean) IS 'Exact number of distinct public_ids among rows with is_active true; over several periods a user counts once.  0 when there are none.';

-- map_sum(jsonb) -> jsonb

CREATE FUNCTION uanalytics.map_sum_trans(internal, jsonb)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_map_sum_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.map_sum_trans(internal, jsonb) IS 'Transition function of map_sum: adds an object''s values to the per-key sums.';

CREATE FUNCTION uanalytics.map_sum_combine(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_map_sum_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.map_sum_combine(internal, internal) IS 'Combine function of map_sum: adds two partial sets of per-key sums.';

CREATE FUNCTION uanalytics.map_sum_serialize(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'ua_map_sum_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.map_sum_serialize(internal) IS 'Serialize function of map_sum: the per-key sums as bytes for a parallel worker''s result.';

CREATE FUNCTION uanalytics.map_sum_deserialize(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_map_sum_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.map_sum_deserialize(bytea, internal) IS 'Deserialize function of map_sum: rebuilds per-key sums from map_sum_serialize''s bytes.';

CREATE FUNCTION uanalytics.map_sum_final(internal)
	RETURNS jsonb
	AS 'MODULE_PATHNAME', 'ua_map_sum_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.map_sum_final(internal) IS 'Final function of map_sum: the per-key sums as a jsonb object.';

CREATE AGGREGATE uanalytics.map_sum(jsonb) (
	SFUNC = uanalytics.map_sum_trans,
	STYPE = internal,
	FINALFUNC = uanalytics.map_sum_final,
	COMBINEFUNC = uanalytics.map_sum_combine,
	SERIALFUNC = uanalytics.map_sum_serialize,
	DESERIALFUNC = uanalytics.map_sum_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE uanalytics.map_sum(jsonb) IS 'Sums {name: count} objects key by key, exactly.  NULL and {} add nothing; NULL when every input is NULL, {} when the inputs are only empty maps; a value that is not a number is an error naming its key.';

-- top_n(key text, value bigint, n integer) -> jsonb

CREATE FUNCTION uanalytics.top_n_trans(internal, text, bigint, integer)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_top_n_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.top_n_trans(internal, text, bigint, integer) IS 'Transition function of top_n: adds a value to its key''s sum.';

CREATE FUNCTION uanalytics.top_n_combine(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_top_n_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.top_n_combine(internal, internal) IS 'Combine function of top_n: adds two partial sets of per-key sums.';

CREATE FUNCTION uanalytics.top_n_serialize(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'ua_top_n_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.top_n_serialize(internal) IS 'Serialize function of top_n: n and the per-key sums as bytes for a parallel worker''s result.';

CREATE FUNCTION uanalytics.top_n_deserialize(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_top_n_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.top_n_deserialize(bytea, internal) IS 'Deserialize function of top_n: checks top_n_serialize''s bytes and hands them to the combine function.';

CREATE FUNCTION uanalytics.top_n_final(internal)
	RETURNS jsonb
	AS 'MODULE_PATHNAME', 'ua_top_n_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.top_n_final(internal) IS 'Final function of top_n: the keys ranked by sum as a jsonb array.';

CREATE AGGREGATE uanalytics.top_n(key text, value bigint, n integer) (
	SFUNC = uanalytics.top_n_trans,
	STYPE = internal,
	FINALFUNC = uanalytics.top_n_final,
	COMBINEFUNC = uanalytics.top_n_combine,
	SERIALFUNC = uanalytics.top_n_serialize,
	DESERIALFUNC = uanalytics.top_n_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE uanalytics.top_n(text, bigint, integer) IS 'Sums value per key and returns the keys of the n largest sums as a jsonb array of {"key", "value", "rank"}, largest first, ties by key (C collation).  rank is RANK(); keys tied with the n-th are all kept, so the array can be longer than n.  Rows with a NULL key or value are ignored; NULL when none is left.  n must be positive and the same in every row.';

-- Helpers of the views

CREATE FUNCTION uanalytics.pct_change("current" numeric, prior numeric)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'uanalytics_pct_change'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.pct_change(numeric, numeric) IS 'Percent change 100 * (current - prior) / prior at numeric division''s precision; NULL when either is NULL or prior is 0.';

CREATE FUNCTION uanalytics.prior_period_start(cadence text, period_start date)
	RETURNS date
	AS 'MODULE_PATHNAME', 'uanalytics_prior_period_start'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.prior_period_start(text, date) IS 'Start of the prior period of the same cadence: 7 days earlier for Weekly, one month earlier for Monthly (case-insensitive; Partial Weekly and Partial Monthly as their complete cadences); NULL for Date Range, which has no equivalent period before it.';
