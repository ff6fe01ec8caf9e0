-- uanalytics 0.1.0 -> 0.2.0
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION uanalytics UPDATE TO '0.2.0'" to load this file. \quit

-- The loaders: force, repaired free text (src/loader.c, src/records.c)

ALTER TABLE uanalytics.loads
	ADD COLUMN rows_repaired bigint NOT NULL DEFAULT 0,
	ADD COLUMN forced boolean NOT NULL DEFAULT false,
	ADD COLUMN complete_rows bigint NOT NULL DEFAULT 0;
-- Which of a 0.1.0 load's rows were in complete periods is known only for
-- the periods it still holds; the rows of periods since replaced count as
-- complete.  So the bytes of a complete export whose period a later load
-- replaced (a cut-off file, say) load again rather than being unchanged,
-- and those of a superseded partial export are read once more and skipped.
UPDATE uanalytics.loads l SET complete_rows = l.rows_loaded - COALESCE(
	(SELECT sum(p.row_count) FROM uanalytics.periods p WHERE p.load_id = l.load_id AND p.is_partial), 0);
COMMENT ON COLUMN uanalytics.loads.status IS 'loaded, or unchanged when these exact bytes had been loaded before and their rows are still the stored ones.';
COMMENT ON COLUMN uanalytics.loads.rows_repaired IS 'Rows stored with invalid UTF-8 in a free-text column (name, role, department, group names, gpt_name, gpt_description) replaced by U+FFFD; load_errors has each repair with repaired = true.';
COMMENT ON COLUMN uanalytics.loads.complete_rows IS 'Rows this load stored in complete periods.  While the complete periods it holds (uanalytics.periods.load_id) still have that many rows, the same bytes loaded again are unchanged; once a later load replaced one, they load again and restore it.';
COMMENT ON COLUMN uanalytics.loads.forced IS 'The load ran with force => true: it could replace a complete period by fewer rows, and loaded bytes seen before.';

ALTER TABLE uanalytics.load_errors ADD COLUMN repaired boolean NOT NULL DEFAULT false;
COMMENT ON TABLE uanalytics.load_errors IS 'Records rejected by loads run with on_error => ''skip'', one row per bad record; and fields repaired by any load (repaired = true), one row per field.';
COMMENT ON COLUMN uanalytics.load_errors.repaired IS 'True: the record was stored, with this free-text field''s invalid UTF-8 bytes replaced by U+FFFD.  False: the record was rejected.';

-- The loaders gain force, and their result rows_repaired: they are
-- dropped and created again.  The EXECUTE grants a loader role was given
-- on them are read first and given again on the new functions.
SELECT pg_catalog.set_config('uanalytics_upgrade.loader_acls', pg_catalog.jsonb_build_object(
	'load', (SELECT proacl::text FROM pg_catalog.pg_proc WHERE oid = 'uanalytics.load(text, text, text)'::pg_catalog.regprocedure),
	'load_data', (SELECT proacl::text FROM pg_catalog.pg_proc WHERE oid = 'uanalytics.load_data(bytea, text, text, text)'::pg_catalog.regprocedure),
	'load_lo', (SELECT proacl::text FROM pg_catalog.pg_proc WHERE oid = 'uanalytics.load_lo(oid, text, text, text)'::pg_catalog.regprocedure)
	)::text, true);

DROP FUNCTION uanalytics.load(text, text, text);
DROP FUNCTION uanalytics.load_data(bytea, text, text, text);
DROP FUNCTION uanalytics.load_lo(oid, text, text, text);
DROP TYPE uanalytics.load_result;

CREATE TYPE uanalytics.load_result AS (
	load_id bigint,
	source text,
	kind text,
	rows_read bigint,
	rows_loaded bigint,
	rows_replaced bigint,
	rows_skipped bigint,
	rows_rejected bigint,
	rows_repaired bigint,
	status text,
	unknown_columns text[]
);
COMMENT ON TYPE uanalytics.load_result IS 'What a loader did with one file; see uanalytics.loads for the columns.';

CREATE FUNCTION uanalytics.load(path text, on_error text DEFAULT 'abort', kind text DEFAULT 'auto', force boolean DEFAULT false)
	RETURNS SETOF uanalytics.load_result
	AS 'MODULE_PATHNAME', 'uanalytics_load'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION uanalytics.load(text, text, text, boolean) IS 'Load a User or GPT Engagement export from a server file, or every *.csv of a server directory in name order (superuser or pg_read_server_files).  force => true replaces complete periods even by fewer rows, and loads bytes loaded before.';

CREATE FUNCTION uanalytics.load_data(data bytea, source text DEFAULT NULL, on_error text DEFAULT 'abort', kind text DEFAULT 'auto', force boolean DEFAULT false)
	RETURNS SETOF uanalytics.load_result
	AS 'MODULE_PATHNAME', 'uanalytics_load_data'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION uanalytics.load_data(bytea, text, text, text, boolean) IS 'Load a User or GPT Engagement export given as the file''s bytes.  force => true replaces complete periods even by fewer rows, and loads bytes loaded before.';

CREATE FUNCTION uanalytics.load_lo(loid oid, source text DEFAULT NULL, on_error text DEFAULT 'abort', kind text DEFAULT 'auto', force boolean DEFAULT false)
	RETURNS SETOF uanalytics.load_result
	AS 'MODULE_PATHNAME', 'uanalytics_load_lo'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION uanalytics.load_lo(oid, text, text, text, boolean) IS 'Load a User or GPT Engagement export from a large object (psql \lo_import), streamed; the large object is removed afterwards.  force => true replaces complete periods even by fewer rows, and loads bytes loaded before.';

REVOKE ALL ON FUNCTION uanalytics.load(text, text, text, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION uanalytics.load_data(bytea, text, text, text, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION uanalytics.load_lo(oid, text, text, text, boolean) FROM PUBLIC;

DO $$
DECLARE
	acls jsonb := pg_catalog.current_setting('uanalytics_upgrade.loader_acls')::jsonb;
	signature jsonb := '{"load": "uanalytics.load(text, text, text, boolean)",
		"load_data": "uanalytics.load_data(bytea, text, text, text, boolean)",
		"load_lo": "uanalytics.load_lo(oid, text, text, text, boolean)"}';
	g record;
BEGIN
	FOR g IN
		SELECT f.key AS fn, a.grantee, a.is_grantable
		FROM pg_catalog.jsonb_each_text(acls) f,
			 pg_catalog.aclexplode(f.value::pg_catalog.aclitem[]) a
		WHERE f.value IS NOT NULL AND a.privilege_type = 'EXECUTE'
		  AND a.grantee <> (SELECT extowner FROM pg_catalog.pg_extension WHERE extname = 'uanalytics')
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO %s%s', signature ->> g.fn,
			CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE g.grantee::pg_catalog.regrole::text END,
			CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
	END LOOP;
END $$;

-- The C functions behind the aggregates carry the project's prefix in the
-- library (PostgreSQL loads it with RTLD_GLOBAL, where a name such as
-- map_sum_trans could meet a namesake): the SQL functions keep their names
-- and point at the new symbols.

CREATE OR REPLACE FUNCTION uanalytics.unique_active_users_trans(internal, text, boolean)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.unique_active_users_combine(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.unique_active_users_serialize(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.unique_active_users_deserialize(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.unique_active_users_final(internal)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'ua_unique_active_users_final'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.map_sum_trans(internal, jsonb)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_map_sum_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.map_sum_combine(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_map_sum_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.map_sum_serialize(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'ua_map_sum_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.map_sum_deserialize(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_map_sum_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.map_sum_final(internal)
	RETURNS jsonb
	AS 'MODULE_PATHNAME', 'ua_map_sum_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.top_n_trans(internal, text, bigint, integer)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_top_n_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.top_n_combine(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_top_n_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.top_n_serialize(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'ua_top_n_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.top_n_deserialize(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_top_n_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION uanalytics.top_n_final(internal)
	RETURNS jsonb
	AS 'MODULE_PATHNAME', 'ua_top_n_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
