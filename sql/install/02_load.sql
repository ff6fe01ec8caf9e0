-- uanalytics install script, part 2: the loaders (src/loader.c).

CREATE TYPE uanalytics.load_result AS (
	load_id bigint,
	source text,
	kind text,
	rows_read bigint,
	rows_loaded bigint,
	rows_replaced bigint,
	rows_skipped bigint,
	rows_rejected bigint,
	status text,
	unknown_columns text[],
	rows_repaired bigint
);
COMMENT ON TYPE uanalytics.load_result IS 'What a loader did with one file; see uanalytics.loads for the columns.';

CREATE FUNCTION uanalytics.load(path text, on_error text DEFAULT 'abort', kind text DEFAULT 'auto', force boolean DEFAULT false)
	RETURNS SETOF uanalytics.load_result
	AS 'MODULE_PATHNAME', 'uanalytics_load'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION uanalytics.load(text, text, text, boolean) IS 'Load an export (User or GPT Engagement, Project, Impact survey) from a server file, or every *.csv of a server directory in name order (superuser or pg_read_server_files).  force => true replaces complete periods even by fewer rows, and loads bytes loaded before.';

CREATE FUNCTION uanalytics.load_data(data bytea, source text DEFAULT NULL, on_error text DEFAULT 'abort', kind text DEFAULT 'auto', force boolean DEFAULT false)
	RETURNS SETOF uanalytics.load_result
	AS 'MODULE_PATHNAME', 'uanalytics_load_data'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION uanalytics.load_data(bytea, text, text, text, boolean) IS 'Load an export (User or GPT Engagement, Project, Impact survey) given as the file''s bytes.  force => true replaces complete periods even by fewer rows, and loads bytes loaded before.';

CREATE FUNCTION uanalytics.load_lo(loid oid, source text DEFAULT NULL, on_error text DEFAULT 'abort', kind text DEFAULT 'auto', force boolean DEFAULT false)
	RETURNS SETOF uanalytics.load_result
	AS 'MODULE_PATHNAME', 'uanalytics_load_lo'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION uanalytics.load_lo(oid, text, text, text, boolean) IS 'Load an export (User or GPT Engagement, Project, Impact survey) from a large object (psql \lo_import), streamed; the large object is removed afterwards.  force => true replaces complete periods even by fewer rows, and loads bytes loaded before.';

-- Loading writes tables: only roles granted EXECUTE (and the table
-- privileges, see doc/privileges.md) may load.
REVOKE ALL ON FUNCTION uanalytics.load(text, text, text, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION uanalytics.load_data(bytea, text, text, text, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION uanalytics.load_lo(oid, text, text, text, boolean) FROM PUBLIC;
