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

-- The 2026 exports' seat_type and credits_used are typed columns, and
-- nothing of an export is lost: a column the loader does not know goes into
-- extra.  (0.1.0 kept no such values: extra is NULL in its rows.)
ALTER TABLE uanalytics.user_engagement
	ADD COLUMN seat_type text,
	ADD COLUMN credits_used numeric,
	ADD COLUMN extra jsonb;
ALTER TABLE uanalytics.gpt_engagement ADD COLUMN extra jsonb;
COMMENT ON COLUMN uanalytics.user_engagement.seat_type IS 'The seat the user held when the export was made: ChatGPT, Codex or Automation, other values kept as given (2026 exports of eligible workspaces); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.user_engagement.credits_used IS 'Credits the user used in the period, a decimal (exports since mid-2026); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.user_engagement.extra IS 'The export''s columns the loader does not know, {"header name": "text value"} for every non-empty value; NULL when the row has none.  loads.unknown_columns lists them per load.';
COMMENT ON COLUMN uanalytics.gpt_engagement.extra IS 'The export''s columns the loader does not know, {"header name": "text value"} for every non-empty value; NULL when the row has none.  loads.unknown_columns lists them per load.';
COMMENT ON COLUMN uanalytics.loads.unknown_columns IS 'Header columns the loader does not know; their values are kept in the column extra of the rows.';

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
-- (added at the end, so that functions of the user's that return
-- load_result keep working)
ALTER TYPE uanalytics.load_result ADD ATTRIBUTE rows_repaired bigint;

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
	-- A GRANT run by an extension script is recorded as the extension's
	-- own initial privilege (pg_init_privs), which pg_dump leaves out.
	-- These grants are the user's: the initial privileges are those of a
	-- fresh install, the owner's alone, as the REVOKE above left them.
	UPDATE pg_catalog.pg_init_privs AS i
	SET initprivs = ARRAY[pg_catalog.makeaclitem(p.proowner, p.proowner, 'EXECUTE', false)]
	FROM pg_catalog.pg_proc AS p
	WHERE i.objoid = p.oid AND i.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass
	  AND i.objsubid = 0
	  AND p.oid IN (SELECT (value)::pg_catalog.regprocedure FROM pg_catalog.jsonb_each_text(signature));
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


-- accounts, overview_between gaps, tool and model trends, users columns
--
-- Each object is written here as sql/install/ writes it, so that an updated
-- database has exactly what a fresh install of 0.2.0 has.

-- users gains six columns at its end; no view or function of 0.1.0 depends
-- on it, and CREATE OR REPLACE VIEW keeps its grants and comments.
CREATE OR REPLACE VIEW uanalytics.users AS
SELECT u.account_id, u.cadence, u.period_start, u.period_end, u.is_partial,
	u.public_id, u.name, u.email, u.role, u.user_role, u.user_status, u.department,
	u.is_active, u.messages, u.gpt_messages, u.tool_messages, u.messages_rank, u.last_day_active,
	prior.messages AS messages_prior,
	round(uanalytics.pct_change(u.messages, prior.messages), 1) AS messages_pct_change,
	u.gpts_messaged, u.tools_messaged, u.project_messages, u.projects_messaged,
	u.seat_type, u.credits_used
FROM uanalytics.user_engagement AS u
LEFT JOIN (
	-- each user's row in the period that the user's period is compared with,
	-- keyed by that (later) period: one index scan of the prior period
	SELECT pp.account_id, pp.cadence, pp.period_start, pu.public_id, pu.messages
	FROM uanalytics.prior_periods AS pp
	JOIN uanalytics.user_engagement AS pu
		ON (pu.account_id, pu.cadence, pu.period_start) = (pp.account_id, pp.cadence, pp.prior_period_start)
	WHERE pp.kind = 'users'
) AS prior
	ON (prior.account_id, prior.cadence, prior.period_start, prior.public_id)
	 = (u.account_id, u.cadence, u.period_start, u.public_id);

COMMENT ON COLUMN uanalytics.users.gpts_messaged IS 'Distinct custom GPTs the user messaged in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users.tools_messaged IS 'Distinct tools the user used in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users.project_messages IS 'Messages in projects in the period; NULL for pending users and in exports without the column.';
COMMENT ON COLUMN uanalytics.users.projects_messaged IS 'Distinct projects the user messaged in during the period; NULL for pending users, in partial periods and in exports without the column.';
COMMENT ON COLUMN uanalytics.users.seat_type IS 'The seat the user held when the export was made: ChatGPT, Codex or Automation (2026 exports of eligible workspaces); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.users.credits_used IS 'Credits the user used in the period (exports since mid-2026); NULL where the export has none.';

-- overview_between gains a last argument, allow_gaps: another signature, so
-- the function is dropped and created again.  DROP takes the grants made on
-- it with it; its ACL (NULL when nobody changed the default) is kept in a
-- setting of this transaction and made again on the new function below.
SELECT pg_catalog.set_config('uanalytics_upgrade.overview_between_acl',
	coalesce((SELECT p.proacl::text FROM pg_catalog.pg_proc AS p
			  WHERE p.oid = 'uanalytics.overview_between(date, date)'::pg_catalog.regprocedure), ''),
	true);

DROP FUNCTION uanalytics.overview_between(date, date);

CREATE FUNCTION uanalytics.overview_between(from_date date, to_date date, allow_gaps boolean DEFAULT false)
	RETURNS TABLE (
		account_id text,
		cadence text,
		range_start date,
		range_end date,
		periods integer,
		periods_stored bigint,
		includes_partial boolean,
		prior_range_start date,
		prior_range_end date,
		unique_active_users bigint,
		unique_active_users_prior bigint,
		unique_active_users_pct_change numeric,
		total_messages bigint,
		total_messages_prior bigint,
		total_messages_pct_change numeric,
		gpt_messages bigint,
		gpt_messages_prior bigint,
		gpt_messages_pct_change numeric,
		tool_messages bigint,
		tool_messages_prior bigint,
		tool_messages_pct_change numeric)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	range_cadence text;
	nperiods integer;
	prior_start date;
	starts_month boolean := from_date = date_trunc('month', from_date)::date;
	starts_week boolean := extract(dow FROM from_date) = 0;
	month_end date;
	week_end date;
	missing text;
	tiled_by text;
BEGIN
	-- an infinite or endless range would make the gap check below list
	-- periods until the disk is full (any role granted the function can
	-- call it, with the owner's rights)
	IF (CASE WHEN isfinite(from_date) AND isfinite(to_date) THEN to_date - from_date > 36600 ELSE true END) THEN
		RAISE EXCEPTION 'the range % to % is longer than 100 years', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF from_date > to_date THEN
		RAISE EXCEPTION 'the range % to % ends before it starts', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value';
	END IF;

	-- An account with a Date Range export of exactly this range is answered
	-- from it, unless weeks or months tile the range and the account has
	-- some of them stored: those come first, as they have a prior range to
	-- compare with.  Decided per account: another account may have only
	-- the weeks or months.
	tiled_by := CASE WHEN starts_month AND to_date = (date_trunc('month', to_date) + interval '1 month - 1 day')::date
					 THEN 'Monthly'
					 WHEN starts_week AND extract(dow FROM to_date) = 6 THEN 'Weekly' END;
	RETURN QUERY
	SELECT d.account_id, 'Date Range'::text, from_date, to_date, 1, 1::bigint, false,
		from_date - (to_date - from_date + 1), from_date - 1,
		d.unique_active_users, p.unique_active_users,
		round(uanalytics.pct_change(d.unique_active_users, p.unique_active_users), 1),
		d.total_messages, p.total_messages, round(uanalytics.pct_change(d.total_messages, p.total_messages), 1),
		d.gpt_messages, p.gpt_messages, round(uanalytics.pct_change(d.gpt_messages, p.gpt_messages), 1),
		d.tool_messages, p.tool_messages, round(uanalytics.pct_change(d.tool_messages, p.tool_messages), 1)
	FROM uanalytics.date_ranges AS d
	LEFT JOIN uanalytics.date_ranges AS p
		ON (p.account_id, p.period_start, p.period_end)
		 = (d.account_id, from_date - (to_date - from_date + 1), from_date - 1)
	WHERE (d.period_start, d.period_end) = (from_date, to_date)
	  AND NOT EXISTS (SELECT FROM uanalytics.user_period_totals AS t
					  WHERE t.account_id = d.account_id AND t.cadence = tiled_by
						AND t.period_start BETWEEN from_date AND to_date)
	ORDER BY d.account_id;
	IF FOUND AND tiled_by IS NULL THEN
		RETURN;
	END IF;

	-- whole calendar months, else whole Sunday-Saturday weeks
	IF tiled_by = 'Monthly' THEN
		range_cadence := 'Monthly';
		nperiods := (extract(year FROM to_date) - extract(year FROM from_date)) * 12
			+ extract(month FROM to_date) - extract(month FROM from_date) + 1;
		prior_start := (from_date - make_interval(months => nperiods))::date;
	ELSIF tiled_by = 'Weekly' THEN
		range_cadence := 'Weekly';
		nperiods := (to_date - from_date + 1) / 7;
		prior_start := from_date - 7 * nperiods;
	ELSIF starts_month OR starts_week THEN
		-- The range starts a period but ends inside one: most often its end
		-- was given as the day after it (2025-10-01 for a range to September).
		IF starts_month THEN
			month_end := CASE WHEN to_date = date_trunc('month', to_date)::date AND to_date > from_date
							  THEN to_date - 1
							  ELSE (date_trunc('month', to_date) + interval '1 month - 1 day')::date END;
		END IF;
		IF starts_week THEN
			week_end := CASE WHEN extract(dow FROM to_date) = 0 AND to_date > from_date
							 THEN to_date - 1
							 ELSE to_date + (6 - extract(dow FROM to_date))::integer END;
		END IF;
		RAISE EXCEPTION 'to_date % is not the last day of %; did you mean %?', to_date,
			CASE WHEN week_end IS NULL THEN 'a month' WHEN month_end IS NULL THEN 'a week' ELSE 'a month or a week' END,
			CASE WHEN week_end IS NULL THEN month_end::text WHEN month_end IS NULL THEN week_end::text
				 ELSE format('%s (months) or %s (weeks)', month_end, week_end) END
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('A range includes its last day: from_date %s %s, so to_date must be %s.', from_date,
					  CASE WHEN week_end IS NULL THEN 'starts a month' WHEN month_end IS NULL THEN 'is a Sunday'
						   ELSE 'starts a month and is a Sunday' END,
					  CASE WHEN week_end IS NULL THEN 'the last day of a month'
						   WHEN month_end IS NULL THEN 'a Saturday (weeks run Sunday to Saturday)'
						   ELSE 'the last day of a month or a Saturday' END);
	ELSE
		RAISE EXCEPTION 'the range % to % is neither whole calendar months nor whole weeks, and no Date Range export of it is stored', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give the first day of a month and the last day of a month (monthly reports), '
					  || 'or a Sunday and a Saturday (weekly reports: weeks run Sunday to Saturday), '
					  || 'or load a Date Range export of exactly this range (uanalytics.date_ranges lists those stored).';
	END IF;

	-- A period missing from the range would leave the sums of the others
	-- looking like the whole range's.  Checked for each account with at least
	-- one period of the range stored.
	IF NOT allow_gaps THEN
		SELECT string_agg(format('%s has no %s user report for %s', m.account_id, lower(range_cadence), m.periods),
						  '; ' ORDER BY m.account_id)
		INTO missing
		FROM (
			SELECT g.account_id,
				string_agg(g.label, ', ' ORDER BY g.period_start) FILTER (WHERE g.n <= 6)
				|| CASE WHEN count(*) > 6 THEN format(' and %s more', count(*) - 6) ELSE '' END AS periods
			FROM (
				SELECT a.account_id, s.period_start,
					CASE range_cadence WHEN 'Monthly' THEN to_char(s.period_start, 'FMMonth YYYY')
						 ELSE 'the week of ' || s.period_start::date END AS label,
					row_number() OVER (PARTITION BY a.account_id ORDER BY s.period_start) AS n
				FROM (SELECT DISTINCT t.account_id
					  FROM uanalytics.user_period_totals AS t
					  WHERE t.cadence = range_cadence AND t.period_start BETWEEN from_date AND to_date) AS a
				CROSS JOIN generate_series(from_date, to_date, CASE range_cadence WHEN 'Monthly' THEN interval '1 month'
																			   ELSE interval '7 days' END) AS s(period_start)
				WHERE NOT EXISTS (
					SELECT FROM uanalytics.user_period_totals AS t
					WHERE (t.account_id, t.cadence, t.period_start) = (a.account_id, range_cadence, s.period_start::date))
			) AS g
			GROUP BY g.account_id
		) AS m;
		IF missing IS NOT NULL THEN
			RAISE EXCEPTION 'the range % to % is not stored whole: %', from_date, to_date, missing
				USING ERRCODE = 'object_not_in_prerequisite_state',
					  DETAIL = 'Its numbers would count only the stored periods, as if they were the whole range.',
					  HINT = 'Load the missing exports, or pass allow_gaps => true to count the stored periods only '
						  || '(periods_stored then says how many there are).';
		END IF;
	END IF;

	RETURN QUERY
	WITH period_sums AS (
		-- the periods of the two ranges that are stored, and their sums
		SELECT t.account_id,
			t.period_start >= from_date AS in_range,
			count(*) AS periods_stored,
			count(*) FILTER (WHERE NOT t.is_partial) AS periods_complete,
			bool_or(t.is_partial) AS includes_partial,
			sum(t.total_messages)::bigint AS total_messages,
			sum(t.gpt_messages)::bigint AS gpt_messages,
			sum(t.tool_messages)::bigint AS tool_messages
		FROM uanalytics.user_period_totals AS t
		WHERE t.cadence = range_cadence AND t.period_start BETWEEN prior_start AND to_date
		GROUP BY t.account_id, t.period_start >= from_date
	),
	range_active AS (
		-- the rows themselves: a user active in several periods counts once
		SELECT u.account_id,
			u.period_start >= from_date AS in_range,
			uanalytics.unique_active_users(u.public_id, u.is_active) AS unique_active_users
		FROM uanalytics.user_engagement AS u
		WHERE u.cadence = range_cadence AND u.period_start BETWEEN prior_start AND to_date
		GROUP BY u.account_id, u.period_start >= from_date
	),
	-- The two are put together, and the range set beside the prior one
	-- below, by grouping, never by joining: right after a load, before
	-- ANALYZE, the planner takes each side for one row and joined them by
	-- nested loops
	-- (doc/benchmarks.md#grouping-instead-of-joining-in-the-range-overview).
	ranges AS (
		SELECT x.account_id, x.in_range,
			sum(x.periods_stored)::bigint AS periods_stored,
			sum(x.periods_complete)::bigint AS periods_complete,
			bool_or(x.includes_partial) AS includes_partial,
			sum(x.total_messages)::bigint AS total_messages,
			sum(x.gpt_messages)::bigint AS gpt_messages,
			sum(x.tool_messages)::bigint AS tool_messages,
			coalesce(sum(x.unique_active_users), 0)::bigint AS unique_active_users
		FROM (SELECT s.account_id, s.in_range, s.periods_stored, s.periods_complete, s.includes_partial,
					 s.total_messages, s.gpt_messages, s.tool_messages, NULL::bigint AS unique_active_users
			  FROM period_sums AS s
			  UNION ALL
			  SELECT a.account_id, a.in_range, 0, 0, NULL, NULL, NULL, NULL, a.unique_active_users
			  FROM range_active AS a) AS x
		GROUP BY x.account_id, x.in_range
		HAVING sum(x.periods_stored) > 0
	),
	pivot AS (
		-- the prior range counts only when every one of its periods is complete
		SELECT r.account_id,
			max(r.periods_stored) FILTER (WHERE r.in_range) AS periods_stored,
			bool_or(r.includes_partial) FILTER (WHERE r.in_range) AS includes_partial,
			max(r.unique_active_users) FILTER (WHERE r.in_range) AS uau,
			max(r.unique_active_users) FILTER (WHERE r.prior_ok) AS uau_prior,
			max(r.total_messages) FILTER (WHERE r.in_range) AS total,
			max(r.total_messages) FILTER (WHERE r.prior_ok) AS total_prior,
			max(r.gpt_messages) FILTER (WHERE r.in_range) AS gpt,
			max(r.gpt_messages) FILTER (WHERE r.prior_ok) AS gpt_prior,
			max(r.tool_messages) FILTER (WHERE r.in_range) AS tool,
			max(r.tool_messages) FILTER (WHERE r.prior_ok) AS tool_prior
		FROM (SELECT ranges.*, NOT ranges.in_range AND ranges.periods_complete = nperiods AS prior_ok
			  FROM ranges) AS r
		GROUP BY r.account_id
		HAVING bool_or(r.in_range)
	)
	SELECT p.account_id, range_cadence, from_date, to_date, nperiods, p.periods_stored, p.includes_partial,
		prior_start, from_date - 1,
		p.uau, p.uau_prior, round(uanalytics.pct_change(p.uau, p.uau_prior), 1),
		p.total, p.total_prior, round(uanalytics.pct_change(p.total, p.total_prior), 1),
		p.gpt, p.gpt_prior, round(uanalytics.pct_change(p.gpt, p.gpt_prior), 1),
		p.tool, p.tool_prior, round(uanalytics.pct_change(p.tool, p.tool_prior), 1)
	FROM pivot AS p
	ORDER BY p.account_id;
END
$$;

COMMENT ON FUNCTION uanalytics.overview_between(date, date, boolean) IS 'The Overview numbers for any range that whole calendar months tile (from monthly reports) or else whole Sunday-Saturday weeks tile (from weekly reports), or, for an account without those weeks or months, that a stored Date Range export covers exactly (cadence Date Range; its prior columns come from a Date Range export of the equally long range just before, NULL when none is stored), one row per account with data in the range, each user counted once, compared with the equally long range just before it.  to_date is the range''s last day (2025-09-30, not 2025-10-01).  A range in which an account lacks a month or week is refused, naming the missing periods, unless allow_gaps is true; any other range is an error that says which ranges work.';

DO $$
DECLARE
	old_acl aclitem[] := NULLIF(pg_catalog.current_setting('uanalytics_upgrade.overview_between_acl'), '')::aclitem[];
	f regprocedure := 'uanalytics.overview_between(date, date, boolean)'::pg_catalog.regprocedure;
	a record;
BEGIN
	IF old_acl IS NULL THEN
		RETURN;		-- the default ACL, as after a fresh install
	END IF;
	EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
	FOR a IN
		SELECT e.grantee, e.is_grantable
		FROM pg_catalog.aclexplode(old_acl) AS e
		WHERE e.privilege_type = 'EXECUTE'
		  AND e.grantee <> (SELECT p.proowner FROM pg_catalog.pg_proc AS p WHERE p.oid = f)
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO %s%s', f,
			CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,
			CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
	END LOOP;
	-- A GRANT run by an extension script is recorded as the extension's own
	-- initial privilege (pg_init_privs), which pg_dump leaves out.  These
	-- grants are the user's: as after a fresh install and a GRANT, no record.
	DELETE FROM pg_catalog.pg_init_privs AS i
	WHERE i.objoid = f AND i.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objsubid = 0;
END
$$;

-- accounts, and the warning about seats for an account no export has
CREATE VIEW uanalytics.accounts AS
SELECT a.account_id, a.first_period_start, a.last_period_end,
	latest.users,
	EXISTS (SELECT FROM uanalytics.seats AS s WHERE s.account_id = a.account_id) AS seats_entered,
	latest.cadence AS users_cadence,
	latest.period_start AS users_period_start,
	latest.period_end AS users_period_end
FROM (
	SELECT p.account_id, min(p.period_start) AS first_period_start, max(p.period_end) AS last_period_end
	FROM uanalytics.periods AS p
	GROUP BY p.account_id
) AS a
LEFT JOIN LATERAL (
	-- the latest user period: the greatest period_start, then the greatest
	-- period_end (a month before the week that starts the same day); a Date
	-- Range too, which has no rollup row
	SELECT t.row_count AS users, t.cadence, t.period_start, t.period_end
	FROM uanalytics.periods AS t
	WHERE t.account_id = a.account_id AND t.kind = 'users'
	ORDER BY t.period_start DESC, t.period_end DESC
	LIMIT 1
) AS latest ON true;

COMMENT ON VIEW uanalytics.accounts IS 'One row per workspace account that any stored export (User or GPT report, any cadence) holds: the ids to use in uanalytics.seats and in WHERE account_id = ...';
COMMENT ON COLUMN uanalytics.accounts.account_id IS 'Workspace account id, as in the account_id column of every export.';
COMMENT ON COLUMN uanalytics.accounts.first_period_start IS 'First day of the earliest stored period of either report.';
COMMENT ON COLUMN uanalytics.accounts.last_period_end IS 'Last day of the latest stored period of either report (in the future when that is a partial export).';
COMMENT ON COLUMN uanalytics.accounts.users IS 'Rows of the latest stored user period (see users_period_start): every listed user, pending and deleted included; NULL when only GPT reports are stored.';
COMMENT ON COLUMN uanalytics.accounts.seats_entered IS 'True when uanalytics.seats has a row for the account.';
COMMENT ON COLUMN uanalytics.accounts.users_cadence IS 'Cadence of the period users counts (Weekly, Monthly or Date Range).';
COMMENT ON COLUMN uanalytics.accounts.users_period_start IS 'First day of the period users counts: the stored user period with the greatest period_start, then the greatest period_end; partial periods included.';
COMMENT ON COLUMN uanalytics.accounts.users_period_end IS 'Last day of the period users counts.';

-- Fires once per statement: a file of seats copied in warns once, naming
-- every unknown account.
CREATE FUNCTION uanalytics.seats_check_accounts()
	RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	unknown text[];
	known text[];
BEGIN
	-- a role that may not read the periods cannot tell; seats may come first
	IF NOT has_table_privilege('uanalytics.periods', 'SELECT') THEN
		RETURN NULL;
	END IF;
	SELECT array_agg(DISTINCT quote_literal(n.account_id) ORDER BY quote_literal(n.account_id)) INTO unknown
	FROM new_seats AS n
	WHERE NOT EXISTS (SELECT FROM uanalytics.periods AS p WHERE p.account_id = n.account_id);
	IF unknown IS NULL THEN
		RETURN NULL;
	END IF;
	SELECT array_agg(DISTINCT quote_literal(p.account_id) ORDER BY quote_literal(p.account_id)) INTO known
	FROM uanalytics.periods AS p;
	RAISE WARNING 'seats entered for %, which no stored export has',
		CASE WHEN cardinality(unknown) = 1 THEN 'account ' || unknown[1]
			 ELSE 'accounts ' || array_to_string(unknown, ', ') END
		USING DETAIL = CASE
			WHEN known IS NULL THEN 'No export is stored yet.  The seats are kept and count once an export of the account is loaded.'
			ELSE format('The stored exports hold %s: %s.  The seats are kept, but no view shows them until an export of the account is loaded.',
						CASE WHEN cardinality(known) = 1 THEN 'one account' ELSE cardinality(known) || ' accounts' END,
						array_to_string(known[1:10], ', ')
						|| CASE WHEN cardinality(known) > 10 THEN format(' and %s more', cardinality(known) - 10) ELSE '' END)
			END,
			  HINT = 'The account id is the account_id column of every export; SELECT account_id FROM uanalytics.accounts lists those loaded.  Correct a wrong id with UPDATE uanalytics.seats SET account_id = ...';
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION uanalytics.seats_check_accounts() IS 'Trigger function of uanalytics.seats: warns when seats are entered for an account id that no stored export has (a mistyped or copied id), naming the accounts the exports hold; the rows are kept.';

CREATE TRIGGER seats_check_accounts_insert
	AFTER INSERT ON uanalytics.seats
	REFERENCING NEW TABLE AS new_seats
	FOR EACH STATEMENT EXECUTE FUNCTION uanalytics.seats_check_accounts();
CREATE TRIGGER seats_check_accounts_update
	AFTER UPDATE ON uanalytics.seats
	REFERENCING NEW TABLE AS new_seats
	FOR EACH STATEMENT EXECUTE FUNCTION uanalytics.seats_check_accounts();
COMMENT ON TRIGGER seats_check_accounts_insert ON uanalytics.seats IS 'Warns about seats entered for an account that no stored export has (seats_check_accounts).';
COMMENT ON TRIGGER seats_check_accounts_update ON uanalytics.seats IS 'Warns about seats changed to an account that no stored export has (seats_check_accounts).';

-- tool and model trends
CREATE VIEW uanalytics.tool_usage AS
SELECT c.account_id, c.cadence, c.period_start, c.period_end, c.is_partial,
	CASE WHEN k.prior_total IS NOT NULL THEN pp.prior_period_start END AS prior_period_start,
	k.key AS tool,
	coalesce(k.messages, 0) AS messages,
	k.users,
	round(100 * coalesce(k.messages, 0) / NULLIF(k.total, 0), 1) AS share_of_messages,
	k.messages_prior,
	round(uanalytics.pct_change(coalesce(k.messages, 0), k.messages_prior), 1) AS messages_pct_change,
	k.users_prior,
	round(uanalytics.pct_change(k.users, k.users_prior), 1) AS users_pct_change
FROM uanalytics.user_period_totals AS c
JOIN uanalytics.prior_periods AS pp
	ON (pp.account_id, pp.kind, pp.cadence, pp.period_start) = (c.account_id, 'users', c.cadence, c.period_start)
CROSS JOIN LATERAL (
	SELECT m.key,
		sum(m.cur)::bigint AS messages,
		count(m.cur) AS users,
		sum(m.prior)::bigint AS messages_prior,
		NULLIF(count(m.prior), 0) AS users_prior,
		sum(sum(m.cur)) OVER () AS total,
		sum(sum(m.prior)) OVER () AS prior_total
	FROM (
		SELECT e.key, e.value::numeric AS cur, NULL::numeric AS prior
		FROM uanalytics.user_engagement AS u
		CROSS JOIN LATERAL pg_catalog.jsonb_each(u.tool_to_messages) AS e
		WHERE (u.account_id, u.cadence, u.period_start) = (c.account_id, c.cadence, c.period_start)
		UNION ALL
		SELECT e.key, NULL, e.value::numeric
		FROM uanalytics.user_engagement AS u
		CROSS JOIN LATERAL pg_catalog.jsonb_each(u.tool_to_messages) AS e
		WHERE (u.account_id, u.cadence, u.period_start) = (c.account_id, c.cadence, pp.prior_period_start)
	) AS m
	GROUP BY m.key
) AS k
WHERE NOT c.is_partial
  AND k.total IS NOT NULL;

COMMENT ON VIEW uanalytics.tool_usage IS 'Messages per tool (the keys of tool_to_messages): one row per account, cadence, complete period and tool, compared with the prior complete period.  A tool used in the prior period and not in this one has a row with 0 messages and 0 users; a period whose export has no tool counts has no rows.  Tool names are as exported, case kept.';
COMMENT ON COLUMN uanalytics.tool_usage.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.tool_usage.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.tool_usage.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.tool_usage.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.tool_usage.is_partial IS 'Always false: partial exports have no tool counts.';
COMMENT ON COLUMN uanalytics.tool_usage.prior_period_start IS 'First day of the prior period the _prior columns come from: the complete period at prior_period_start(cadence, period_start); NULL when it is not stored, only partially, or its export has no tool counts.';
COMMENT ON COLUMN uanalytics.tool_usage.tool IS 'Tool name as exported (Search, Data Analysis, Deep Research, ...); spellings that differ in case are different tools.';
COMMENT ON COLUMN uanalytics.tool_usage.messages IS 'Sum of the tool''s count in tool_to_messages over the period''s users; 0 when only the prior period has the tool.';
COMMENT ON COLUMN uanalytics.tool_usage.users IS 'Users whose tool_to_messages holds the tool; 0 when only the prior period has it.';
COMMENT ON COLUMN uanalytics.tool_usage.share_of_messages IS '100 * messages / the messages of every tool in the period (the sum of the tool_to_messages values, not tool_messages), one decimal.';
COMMENT ON COLUMN uanalytics.tool_usage.messages_prior IS 'messages of the same tool in the prior period; NULL when the tool was not used then (new) or there is no prior period (prior_period_start NULL).';
COMMENT ON COLUMN uanalytics.tool_usage.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change); -100.0 for a tool no longer used, NULL for a new one.';
COMMENT ON COLUMN uanalytics.tool_usage.users_prior IS 'users of the same tool in the prior period; NULL as messages_prior.';
COMMENT ON COLUMN uanalytics.tool_usage.users_pct_change IS 'Percent change of users from users_prior, one decimal (pct_change).';

CREATE VIEW uanalytics.model_usage AS
SELECT c.account_id, c.cadence, c.period_start, c.period_end, c.is_partial,
	CASE WHEN k.prior_total IS NOT NULL THEN pp.prior_period_start END AS prior_period_start,
	k.key AS model,
	coalesce(k.messages, 0) AS messages,
	k.users,
	round(100 * coalesce(k.messages, 0) / NULLIF(k.total, 0), 1) AS share_of_messages,
	k.messages_prior,
	round(uanalytics.pct_change(coalesce(k.messages, 0), k.messages_prior), 1) AS messages_pct_change,
	k.users_prior,
	round(uanalytics.pct_change(k.users, k.users_prior), 1) AS users_pct_change
FROM uanalytics.user_period_totals AS c
JOIN uanalytics.prior_periods AS pp
	ON (pp.account_id, pp.kind, pp.cadence, pp.period_start) = (c.account_id, 'users', c.cadence, c.period_start)
CROSS JOIN LATERAL (
	SELECT m.key,
		sum(m.cur)::bigint AS messages,
		count(m.cur) AS users,
		sum(m.prior)::bigint AS messages_prior,
		NULLIF(count(m.prior), 0) AS users_prior,
		sum(sum(m.cur)) OVER () AS total,
		sum(sum(m.prior)) OVER () AS prior_total
	FROM (
		SELECT e.key, e.value::numeric AS cur, NULL::numeric AS prior
		FROM uanalytics.user_engagement AS u
		CROSS JOIN LATERAL pg_catalog.jsonb_each(u.model_to_messages) AS e
		WHERE (u.account_id, u.cadence, u.period_start) = (c.account_id, c.cadence, c.period_start)
		UNION ALL
		SELECT e.key, NULL, e.value::numeric
		FROM uanalytics.user_engagement AS u
		CROSS JOIN LATERAL pg_catalog.jsonb_each(u.model_to_messages) AS e
		WHERE (u.account_id, u.cadence, u.period_start) = (c.account_id, c.cadence, pp.prior_period_start)
	) AS m
	GROUP BY m.key
) AS k
WHERE NOT c.is_partial
  AND k.total IS NOT NULL;

COMMENT ON VIEW uanalytics.model_usage IS 'Messages per model (the keys of model_to_messages): one row per account, cadence, complete period and model, compared with the prior complete period.  A model used in the prior period and not in this one has a row with 0 messages and 0 users; a period whose export has no model counts has no rows.  Model names are as exported.';
COMMENT ON COLUMN uanalytics.model_usage.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.model_usage.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.model_usage.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.model_usage.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.model_usage.is_partial IS 'Always false: partial exports have no model counts.';
COMMENT ON COLUMN uanalytics.model_usage.prior_period_start IS 'First day of the prior period the _prior columns come from: the complete period at prior_period_start(cadence, period_start); NULL when it is not stored, only partially, or its export has no model counts.';
COMMENT ON COLUMN uanalytics.model_usage.model IS 'Model name as exported (gpt-5, gpt-5-reasoning, gpt-4o, o3, ...).';
COMMENT ON COLUMN uanalytics.model_usage.messages IS 'Sum of the model''s count in model_to_messages over the period''s users; 0 when only the prior period has the model.';
COMMENT ON COLUMN uanalytics.model_usage.users IS 'Users whose model_to_messages holds the model; 0 when only the prior period has it.';
COMMENT ON COLUMN uanalytics.model_usage.share_of_messages IS '100 * messages / the messages of every model in the period (the sum of the model_to_messages values), one decimal.';
COMMENT ON COLUMN uanalytics.model_usage.messages_prior IS 'messages of the same model in the prior period; NULL when the model was not used then (new) or there is no prior period (prior_period_start NULL).';
COMMENT ON COLUMN uanalytics.model_usage.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change); -100.0 for a model no longer used, NULL for a new one.';
COMMENT ON COLUMN uanalytics.model_usage.users_prior IS 'users of the same model in the prior period; NULL as messages_prior.';
COMMENT ON COLUMN uanalytics.model_usage.users_pct_change IS 'Percent change of users from users_prior, one decimal (pct_change).';

-- seat_types: the Users tab's cards per seat type (sql/install/07_seat_types.sql)

CREATE VIEW uanalytics.seat_types AS
SELECT u.account_id, u.cadence, u.period_start, u.period_end, u.is_partial, u.seat_type,
	count(*) FILTER (WHERE u.user_status = 'enabled') AS claimed_seats,
	count(DISTINCT u.public_id) FILTER (WHERE u.is_active) AS active_users,
	count(*) FILTER (WHERE u.user_status = 'pending') AS pending_invites,
	count(*) AS users
FROM uanalytics.user_engagement AS u
GROUP BY u.account_id, u.cadence, u.period_start, u.period_end, u.is_partial, u.seat_type;

COMMENT ON VIEW uanalytics.seat_types IS 'The Users tab''s cards per seat type: one row per account, cadence, period and seat_type present in the period''s User Engagement export (NULL included: exports without the column, pending users), counted as users_summary counts.';
COMMENT ON COLUMN uanalytics.seat_types.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.seat_types.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.seat_types.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.seat_types.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.seat_types.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.seat_types.seat_type IS 'ChatGPT, Codex or Automation as exported (other values kept as given); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.seat_types.claimed_seats IS 'Users of this seat type enabled as of period end (as users_summary.claimed_seats).';
COMMENT ON COLUMN uanalytics.seat_types.active_users IS 'Distinct users of this seat type who sent a message in the period (as users_summary.active_users).';
COMMENT ON COLUMN uanalytics.seat_types.pending_invites IS 'Pending users of this seat type (as users_summary.pending_invites).';
COMMENT ON COLUMN uanalytics.seat_types.users IS 'Rows of the period with this seat type: every listed user, pending and deleted included.';

-- Partial exports of 2026 end on their latest day with data: the period_end
-- comments of 0.1.0's objects say so.
COMMENT ON COLUMN uanalytics.periods.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.overview.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.users_summary.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.users.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.gpts_summary.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.gpts.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';

-- Date Range periods (issue 12): a custom range is identified by its start
-- and its end, so the periods' key gains period_key (sql/install/01_tables.sql);
-- the rollups and the prior-period comparisons keep to weeks and months.
ALTER TABLE uanalytics.periods
	DROP CONSTRAINT periods_cadence_check,
	ADD CONSTRAINT periods_cadence_check CHECK (cadence IN ('Weekly', 'Monthly', 'Date Range'));
ALTER TABLE uanalytics.periods
	ADD COLUMN period_key date NOT NULL GENERATED ALWAYS AS (
		CASE WHEN cadence = 'Date Range' THEN period_end ELSE period_start END) STORED;
ALTER TABLE uanalytics.periods
	DROP CONSTRAINT periods_pkey,
	ADD PRIMARY KEY (account_id, kind, cadence, period_start, period_key);
ALTER TABLE uanalytics.user_engagement
	DROP CONSTRAINT user_engagement_cadence_check,
	ADD CONSTRAINT user_engagement_cadence_check CHECK (cadence IN ('Weekly', 'Monthly', 'Date Range'));
ALTER TABLE uanalytics.gpt_engagement
	DROP CONSTRAINT gpt_engagement_cadence_check,
	ADD CONSTRAINT gpt_engagement_cadence_check CHECK (cadence IN ('Weekly', 'Monthly', 'Date Range'));
COMMENT ON TABLE uanalytics.periods IS 'One row per account, report, cadence and period stored (a Date Range is identified by its start and end): which load holds it and whether it is partial.';
COMMENT ON COLUMN uanalytics.periods.cadence IS 'Weekly, Monthly or Date Range (a custom range of up to 366 days, never partial).';
COMMENT ON COLUMN uanalytics.periods.period_key IS 'With account_id, kind, cadence and period_start, what identifies a period: period_start for weeks and months (a partial export and the complete one are the same period), period_end for a Date Range (two ranges of one start are two periods).';
COMMENT ON COLUMN uanalytics.user_engagement.cadence IS 'Weekly, Monthly or Date Range (a custom range of up to 366 days).';
COMMENT ON COLUMN uanalytics.user_engagement.period_start IS 'First day of the period (weeks run Sunday to Saturday, months are calendar months, a Date Range starts on any day).';
COMMENT ON COLUMN uanalytics.gpt_engagement.cadence IS 'Weekly, Monthly or Date Range (a custom range of up to 366 days).';
COMMENT ON TABLE uanalytics.user_period_totals IS 'Rollup of the User Engagement report, one row per account, cadence and week or month stored (Date Range exports have none: date_ranges reads their rows); kept current by the loaders (refresh_summaries recomputes it), read by the overview and users_summary views.';
COMMENT ON TABLE uanalytics.gpt_period_totals IS 'Rollup of the GPT Engagement report, one row per account, cadence and week or month stored (Date Range exports have none); kept current by the loaders (refresh_summaries recomputes it), read by the gpts_summary view.';
COMMENT ON FUNCTION uanalytics.prior_period_start(text, date) IS 'Start of the prior period of the same cadence: 7 days earlier for Weekly, one month earlier for Monthly (case-insensitive; Partial Weekly and Partial Monthly as their complete cadences); NULL for Date Range, which has no equivalent period before it.';

-- refresh_summaries leaves Date Range periods out: its new body is in the
-- people and adoption section below, with the rollup's two new counts.

CREATE OR REPLACE VIEW uanalytics.prior_periods AS
SELECT c.account_id, c.kind, c.cadence, c.period_start, c.is_partial,
	prior.period_start AS prior_period_start
FROM uanalytics.periods AS c
LEFT JOIN LATERAL (
	-- a complete period: the complete period at prior_period_start, if
	-- stored; a partial period: the last complete period before it
	SELECT p.period_start
	FROM uanalytics.periods AS p
	WHERE (p.account_id, p.kind, p.cadence) = (c.account_id, c.kind, c.cadence)
	  AND NOT p.is_partial
	  AND p.period_start < c.period_start
	  AND p.period_start >= CASE WHEN c.is_partial THEN '-infinity'::date
							ELSE uanalytics.prior_period_start(c.cadence, c.period_start) END
	ORDER BY p.period_start DESC
	LIMIT 1
) AS prior ON true
-- a Date Range is compared with nothing (date_ranges, overview_between)
WHERE c.cadence <> 'Date Range';

COMMENT ON VIEW uanalytics.prior_periods IS 'For every stored week and month of each report, the period the tab views compare it with (a Date Range is compared with nothing): the complete period of the same account, report and cadence starting at prior_period_start(cadence, period_start), or, for a partial period, the last complete period before it.';

CREATE OR REPLACE VIEW uanalytics.gpts_created AS
SELECT p.account_id, p.cadence, p.period_start,
	CASE WHEN EXISTS (
		SELECT FROM uanalytics.periods AS e
		WHERE (e.account_id, e.kind, e.cadence) = (p.account_id, p.kind, p.cadence)
		  AND e.period_start < p.period_start)
	THEN first_seen.gpts END AS gpts_created
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT count(*) AS gpts
	FROM uanalytics.gpt_engagement AS g
	WHERE (g.account_id, g.cadence, g.period_start) = (p.account_id, p.cadence, p.period_start)
	  AND NOT EXISTS (
		SELECT FROM uanalytics.gpt_engagement AS earlier
		WHERE (earlier.account_id, earlier.cadence, earlier.gpt_id) = (g.account_id, g.cadence, g.gpt_id)
		  AND earlier.period_start < g.period_start)
) AS first_seen
WHERE p.kind = 'gpts' AND p.cadence <> 'Date Range';

CREATE OR REPLACE VIEW uanalytics.gpts AS
SELECT g.account_id, g.cadence, g.period_start, g.period_end, g.is_partial,
	g.gpt_id, g.gpt_name, g.config_type,
	g.gpt_creator_public_id AS creator_public_id,
	g.gpt_creator_email AS creator_email,
	COALESCE(creator.name, (
		-- the creator is not in this period's user report: latest known name
		SELECT u.name
		FROM uanalytics.user_engagement AS u
		WHERE u.public_id = g.gpt_creator_public_id AND u.account_id = g.account_id AND u.name IS NOT NULL
		ORDER BY u.period_end DESC, u.cadence
		LIMIT 1)) AS creator_name,
	g.messages_workspace AS messages,
	g.unique_messagers_workspace AS active_users,
	g.is_active,
	(SELECT min(f.period_start)
	 FROM uanalytics.gpt_engagement AS f
	 WHERE (f.account_id, f.cadence, f.gpt_id) = (g.account_id, g.cadence, g.gpt_id)) AS first_seen,
	prior.messages_workspace AS messages_prior,
	round(uanalytics.pct_change(g.messages_workspace, prior.messages_workspace), 1) AS messages_pct_change
FROM uanalytics.gpt_engagement AS g
LEFT JOIN uanalytics.user_engagement AS creator
	ON (creator.account_id, creator.cadence, creator.period_start, creator.public_id)
	 = (g.account_id, g.cadence, g.period_start, g.gpt_creator_public_id)
	-- two Date Ranges of one start are two periods
	AND (g.cadence <> 'Date Range' OR creator.period_end = g.period_end)
LEFT JOIN (
	-- each GPT's row in the period that its period is compared with
	SELECT pp.account_id, pp.cadence, pp.period_start, pg.gpt_id, pg.messages_workspace
	FROM uanalytics.prior_periods AS pp
	JOIN uanalytics.gpt_engagement AS pg
		ON (pg.account_id, pg.cadence, pg.period_start) = (pp.account_id, pp.cadence, pp.prior_period_start)
	WHERE pp.kind = 'gpts'
) AS prior
	ON (prior.account_id, prior.cadence, prior.period_start, prior.gpt_id)
	 = (g.account_id, g.cadence, g.period_start, g.gpt_id);
COMMENT ON COLUMN uanalytics.users.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.gpts.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.users.messages_prior IS 'The same user''s messages in the prior period (see prior_periods); NULL when the user is not in it or there is none, as for every Date Range.';

CREATE VIEW uanalytics.date_ranges AS
SELECT p.account_id, p.period_start, p.period_end,
	r.unique_active_users, r.total_messages, r.gpt_messages, r.tool_messages,
	r.users, r.claimed_seats, r.pending_invites,
	l.loaded_at AS last_loaded_at
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT uanalytics.unique_active_users(u.public_id, u.is_active) AS unique_active_users,
		sum(u.messages) AS total_messages,
		sum(u.gpt_messages) AS gpt_messages,
		sum(u.tool_messages) AS tool_messages,
		count(*) AS users,
		count(*) FILTER (WHERE u.user_status = 'enabled') AS claimed_seats,
		count(*) FILTER (WHERE u.user_status = 'pending') AS pending_invites
	FROM uanalytics.user_engagement AS u
	WHERE (u.account_id, u.cadence, u.period_start, u.period_end)
		= (p.account_id, p.cadence, p.period_start, p.period_end)
) AS r
LEFT JOIN uanalytics.loads AS l ON l.load_id = p.load_id
WHERE p.kind = 'users' AND p.cadence = 'Date Range';

COMMENT ON VIEW uanalytics.date_ranges IS 'One row per stored Date Range user export (a custom range chosen in the dashboard): its Overview numbers, each user counted once over the range.  Ranges are compared with nothing here; overview_between answers a range with the equally long one before it.';
COMMENT ON COLUMN uanalytics.date_ranges.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.date_ranges.period_start IS 'First day of the range.';
COMMENT ON COLUMN uanalytics.date_ranges.period_end IS 'Last day of the range (included).';
COMMENT ON COLUMN uanalytics.date_ranges.unique_active_users IS 'Distinct users who sent at least one message in the range (is_active); pending users never count.';
COMMENT ON COLUMN uanalytics.date_ranges.total_messages IS 'User-initiated messages in the range: the sum of messages.';
COMMENT ON COLUMN uanalytics.date_ranges.gpt_messages IS 'Messages to custom GPTs; NULL when the export has no GPT columns, not 0.';
COMMENT ON COLUMN uanalytics.date_ranges.tool_messages IS 'Tool-invoking messages; not part of total_messages, and can exceed it.';
COMMENT ON COLUMN uanalytics.date_ranges.users IS 'Rows of the export: every listed user, pending and deleted included.';
COMMENT ON COLUMN uanalytics.date_ranges.claimed_seats IS 'Users enabled when the export was made.';
COMMENT ON COLUMN uanalytics.date_ranges.pending_invites IS 'Users invited who had not joined when the export was made.';
COMMENT ON COLUMN uanalytics.date_ranges.last_loaded_at IS 'When the load that holds this range ran.';

-- The Project and Impact survey reports (issue 12)
--
-- loads and periods take the new kinds (the survey report has no periods);
-- the tables and views are sql/install/08_projects_survey.sql's.

ALTER TABLE uanalytics.loads DROP CONSTRAINT loads_kind_check,
	ADD CONSTRAINT loads_kind_check CHECK (kind IN ('users', 'gpts', 'projects', 'survey'));
COMMENT ON COLUMN uanalytics.loads.kind IS 'users (User Engagement report), gpts (GPT Engagement report), projects (Project report) or survey (Impact survey report).';
ALTER TABLE uanalytics.periods DROP CONSTRAINT periods_kind_check,
	ADD CONSTRAINT periods_kind_check CHECK (kind IN ('users', 'gpts', 'projects'));
COMMENT ON COLUMN uanalytics.periods.kind IS 'users, gpts or projects: which report (the survey report has no periods).';
COMMENT ON COLUMN uanalytics.prior_periods.kind IS 'users, gpts or projects: which report.';
COMMENT ON COLUMN uanalytics.loads.rows_repaired IS 'Rows stored with invalid UTF-8 in a free-text column (name, role, department, group names, gpt_name, gpt_description, project_name, project_description, survey_name) replaced by U+FFFD; load_errors has each repair with repaired = true.';
COMMENT ON FUNCTION uanalytics.load(text, text, text, boolean) IS 'Load an export (User or GPT Engagement, Project, Impact survey) from a server file, or every *.csv of a server directory in name order (superuser or pg_read_server_files).  force => true replaces complete periods even by fewer rows, and loads bytes loaded before.';
COMMENT ON FUNCTION uanalytics.load_data(bytea, text, text, text, boolean) IS 'Load an export (User or GPT Engagement, Project, Impact survey) given as the file''s bytes.  force => true replaces complete periods even by fewer rows, and loads bytes loaded before.';
COMMENT ON FUNCTION uanalytics.load_lo(oid, text, text, text, boolean) IS 'Load an export (User or GPT Engagement, Project, Impact survey) from a large object (psql \lo_import), streamed; the large object is removed afterwards.  force => true replaces complete periods even by fewer rows, and loads bytes loaded before.';

-- ---- the Project report: the GPT report's layout, for projects ----

CREATE TABLE uanalytics.project_engagement (
	account_id text NOT NULL,
	cadence text NOT NULL CHECK (cadence IN ('Weekly', 'Monthly', 'Date Range')),
	is_partial boolean NOT NULL,
	period_start date NOT NULL,
	period_end date NOT NULL,
	project_id text NOT NULL,
	project_name text,
	config_type text,
	project_description text,
	project_url text,
	project_creator_public_id text,
	project_creator_email text,
	is_active boolean,
	first_day_active_in_period date,
	last_day_active_in_period date,
	messages_workspace integer,
	unique_messagers_workspace integer,
	load_id bigint NOT NULL,
	extra jsonb
);
-- as for gpt_engagement (01_tables.sql): periods are read, replaced and
-- summarised whole, and "seen before this period?" is one probe per project
CREATE INDEX project_engagement_period_idx ON uanalytics.project_engagement (period_start, account_id, cadence);
CREATE INDEX project_engagement_series_idx
	ON uanalytics.project_engagement (account_id, cadence, project_id, period_start);
CREATE STATISTICS uanalytics.project_engagement_period_stats (dependencies, mcv)
	ON cadence, period_start FROM uanalytics.project_engagement;
COMMENT ON STATISTICS uanalytics.project_engagement_period_stats IS 'Tells the planner that a period_start belongs to one cadence, so that a period''s rows are estimated right.';

COMMENT ON TABLE uanalytics.project_engagement IS 'Project report (2026 exports): one row per project per period.  A project is identified by project_id.';
COMMENT ON COLUMN uanalytics.project_engagement.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.project_engagement.cadence IS 'Weekly, Monthly or Date Range (a custom range of up to 366 days).';
COMMENT ON COLUMN uanalytics.project_engagement.is_partial IS 'True for rows of a Partial Weekly / Partial Monthly export.';
COMMENT ON COLUMN uanalytics.project_engagement.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.project_engagement.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.project_engagement.project_id IS 'Project id (g-p-...), as the keys of user_engagement.project_to_messages.';
COMMENT ON COLUMN uanalytics.project_engagement.project_name IS 'Project name as of period end (free text: invalid UTF-8 is stored as U+FFFD).';
COMMENT ON COLUMN uanalytics.project_engagement.config_type IS 'Live or Draft as for GPTs (any other value kept as exported); NULL in exports without the column.';
COMMENT ON COLUMN uanalytics.project_engagement.project_description IS 'Project description as written by its creator (free text: invalid UTF-8 is stored as U+FFFD).';
COMMENT ON COLUMN uanalytics.project_engagement.project_url IS 'Link to the project.';
COMMENT ON COLUMN uanalytics.project_engagement.project_creator_public_id IS 'public_id of the project''s creator.';
COMMENT ON COLUMN uanalytics.project_engagement.project_creator_email IS 'Email of the project''s creator.';
COMMENT ON COLUMN uanalytics.project_engagement.is_active IS 'The export''s own activity flag; can be true with zero messages.';
COMMENT ON COLUMN uanalytics.project_engagement.first_day_active_in_period IS 'First day the project was used in the period.';
COMMENT ON COLUMN uanalytics.project_engagement.last_day_active_in_period IS 'Last day the project was used in the period.';
COMMENT ON COLUMN uanalytics.project_engagement.messages_workspace IS 'Messages in the project from the workspace in the period.';
COMMENT ON COLUMN uanalytics.project_engagement.unique_messagers_workspace IS 'Distinct users who messaged in the project in the period; NULL where the export has no value (partial periods).';
COMMENT ON COLUMN uanalytics.project_engagement.load_id IS 'The load that wrote the row (uanalytics.loads).';
COMMENT ON COLUMN uanalytics.project_engagement.extra IS 'The export''s columns the loader does not know, {"header name": "text value"} for every non-empty value; NULL when the row has none.  loads.unknown_columns lists them per load.';

SELECT pg_catalog.pg_extension_config_dump('uanalytics.project_engagement', '');

-- ---- the Impact survey report: one row per answer, no periods ----

CREATE TABLE uanalytics.survey_answers (
	date_partition date NOT NULL,
	workspace_id text NOT NULL,
	name text,
	email text,
	survey_id text NOT NULL,
	survey_name text,
	question_id text,
	answer_id text,
	load_id bigint NOT NULL,
	extra jsonb
);
-- a load replaces a survey's answers over a range of date_partition
-- (src/surveys.c); the same bytes are unchanged while all of a load's
-- answers are stored (src/loads.c)
CREATE INDEX survey_answers_range_idx ON uanalytics.survey_answers (workspace_id, survey_id, date_partition);
CREATE INDEX survey_answers_load_id_idx ON uanalytics.survey_answers (load_id);

COMMENT ON TABLE uanalytics.survey_answers IS 'Impact survey report (2026 exports): one row per answer.  A load replaces the stored answers of each (workspace_id, survey_id) it holds whose date_partition lies between the file''s first and last date_partition of that survey.';
COMMENT ON COLUMN uanalytics.survey_answers.date_partition IS 'The day the answer was recorded, as exported.';
COMMENT ON COLUMN uanalytics.survey_answers.workspace_id IS 'Workspace id (the account_id of the other reports, as far as is known).';
COMMENT ON COLUMN uanalytics.survey_answers.name IS 'Name of the person who answered (free text: invalid UTF-8 is stored as U+FFFD).';
COMMENT ON COLUMN uanalytics.survey_answers.email IS 'Email of the person who answered, as exported; compare with lower(email).';
COMMENT ON COLUMN uanalytics.survey_answers.survey_id IS 'Survey id; surveys run at day 120 and day 240 of a workspace.';
COMMENT ON COLUMN uanalytics.survey_answers.survey_name IS 'Survey name as exported (free text: invalid UTF-8 is stored as U+FFFD).';
COMMENT ON COLUMN uanalytics.survey_answers.question_id IS 'Question id; the export holds no question texts.';
COMMENT ON COLUMN uanalytics.survey_answers.answer_id IS 'Answer id; the export holds no answer texts.';
COMMENT ON COLUMN uanalytics.survey_answers.load_id IS 'The load that wrote the row (uanalytics.loads).';
COMMENT ON COLUMN uanalytics.survey_answers.extra IS 'The export''s columns the loader does not know, {"header name": "text value"} for every non-empty value; NULL when the row has none.  loads.unknown_columns lists them per load.';

SELECT pg_catalog.pg_extension_config_dump('uanalytics.survey_answers', '');

-- ---- the views of the Project report, as those of the GPTs tab ----

-- What gpt_period_totals and gpts_created hold for GPTs, counted from the
-- rows when read (the Project report is small: no rollup table).  A plain
-- view, so that a period asked for reaches project_engagement's indexes.
CREATE VIEW uanalytics.project_period_totals AS
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial, p.load_id,
	t.total_projects,
	CASE WHEN EXISTS (
		SELECT FROM uanalytics.periods AS e
		WHERE (e.account_id, e.kind, e.cadence) = (p.account_id, p.kind, p.cadence)
		  AND e.period_start < p.period_start)
	THEN t.first_seen END AS projects_created,
	t.projects_active,
	t.projects_flagged_active
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT count(*) AS total_projects,
		count(*) FILTER (WHERE NOT EXISTS (
			SELECT FROM uanalytics.project_engagement AS earlier
			WHERE (earlier.account_id, earlier.cadence, earlier.project_id) = (g.account_id, g.cadence, g.project_id)
			  AND earlier.period_start < g.period_start)) AS first_seen,
		count(*) FILTER (WHERE g.messages_workspace > 0) AS projects_active,
		count(*) FILTER (WHERE g.is_active) AS projects_flagged_active
	FROM uanalytics.project_engagement AS g
	WHERE (g.account_id, g.cadence, g.period_start) = (p.account_id, p.cadence, p.period_start)
) AS t
-- as gpts_created: a Date Range is compared with nothing
WHERE p.kind = 'projects' AND p.cadence <> 'Date Range';

COMMENT ON VIEW uanalytics.project_period_totals IS 'The numbers of each stored week and month of the Project report (Date Range exports have none), one row per account, cadence and period, counted from project_engagement when read; projects_summary compares them with the prior period.';
COMMENT ON COLUMN uanalytics.project_period_totals.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.project_period_totals.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.project_period_totals.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.project_period_totals.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.project_period_totals.is_partial IS 'True when the period''s rows come from a partial export.';
COMMENT ON COLUMN uanalytics.project_period_totals.load_id IS 'The load that holds the period (uanalytics.periods.load_id).';
COMMENT ON COLUMN uanalytics.project_period_totals.total_projects IS 'Projects listed in the period''s report.';
COMMENT ON COLUMN uanalytics.project_period_totals.projects_created IS 'Projects in the period''s report that no earlier stored report of the same cadence lists; NULL for the earliest stored period, where every project would count.';
COMMENT ON COLUMN uanalytics.project_period_totals.projects_active IS 'Projects with messages_workspace > 0.';
COMMENT ON COLUMN uanalytics.project_period_totals.projects_flagged_active IS 'Projects with the export''s is_active true.';

CREATE VIEW uanalytics.projects_summary AS
SELECT c.account_id, c.cadence, c.period_start, c.period_end, c.is_partial,
	pp.prior_period_start,
	c.total_projects,
	p.total_projects AS total_projects_prior,
	round(uanalytics.pct_change(c.total_projects, p.total_projects), 1) AS total_projects_pct_change,
	c.projects_created,
	p.projects_created AS projects_created_prior,
	round(uanalytics.pct_change(c.projects_created, p.projects_created), 1) AS projects_created_pct_change,
	c.projects_active,
	p.projects_active AS projects_active_prior,
	round(uanalytics.pct_change(c.projects_active, p.projects_active), 1) AS projects_active_pct_change,
	c.projects_flagged_active,
	p.projects_flagged_active AS projects_flagged_active_prior,
	round(uanalytics.pct_change(c.projects_flagged_active, p.projects_flagged_active), 1)
		AS projects_flagged_active_pct_change
FROM uanalytics.project_period_totals AS c
JOIN uanalytics.prior_periods AS pp
	ON (pp.account_id, pp.kind, pp.cadence, pp.period_start) = (c.account_id, 'projects', c.cadence, c.period_start)
LEFT JOIN uanalytics.project_period_totals AS p
	ON (p.account_id, p.cadence, p.period_start) = (c.account_id, c.cadence, pp.prior_period_start);

COMMENT ON VIEW uanalytics.projects_summary IS 'The cards of the Project report, as gpts_summary''s of the GPTs tab: one row per account, cadence and period of the Project report.';
COMMENT ON COLUMN uanalytics.projects_summary.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.projects_summary.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.projects_summary.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.projects_summary.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.projects_summary.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.projects_summary.prior_period_start IS 'First day of the period the _prior columns come from; NULL when there is none (see prior_periods).';
COMMENT ON COLUMN uanalytics.projects_summary.total_projects IS 'Projects listed in the period''s report.';
COMMENT ON COLUMN uanalytics.projects_summary.total_projects_prior IS 'total_projects of the prior period.';
COMMENT ON COLUMN uanalytics.projects_summary.total_projects_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.projects_summary.projects_created IS 'Projects listed for the first time in this period''s report (the export has no creation date); NULL for the earliest stored period.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_created_prior IS 'projects_created of the prior period.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_created_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.projects_summary.projects_active IS 'Projects with at least one user message in the period (messages_workspace > 0).';
COMMENT ON COLUMN uanalytics.projects_summary.projects_active_prior IS 'projects_active of the prior period.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_active_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.projects_summary.projects_flagged_active IS 'Projects the export flags is_active, which includes projects used without messages.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_flagged_active_prior IS 'projects_flagged_active of the prior period.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_flagged_active_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';

CREATE VIEW uanalytics.projects AS
SELECT g.account_id, g.cadence, g.period_start, g.period_end, g.is_partial,
	g.project_id, g.project_name, g.config_type,
	g.project_creator_public_id AS creator_public_id,
	g.project_creator_email AS creator_email,
	COALESCE(creator.name, (
		-- the creator is not in this period's user report: latest known name
		SELECT u.name
		FROM uanalytics.user_engagement AS u
		WHERE u.public_id = g.project_creator_public_id AND u.account_id = g.account_id AND u.name IS NOT NULL
		ORDER BY u.period_end DESC, u.cadence
		LIMIT 1)) AS creator_name,
	g.messages_workspace AS messages,
	g.unique_messagers_workspace AS active_users,
	g.is_active,
	(SELECT min(f.period_start)
	 FROM uanalytics.project_engagement AS f
	 WHERE (f.account_id, f.cadence, f.project_id) = (g.account_id, g.cadence, g.project_id)) AS first_seen,
	prior.messages_workspace AS messages_prior,
	round(uanalytics.pct_change(g.messages_workspace, prior.messages_workspace), 1) AS messages_pct_change
FROM uanalytics.project_engagement AS g
LEFT JOIN uanalytics.user_engagement AS creator
	ON (creator.account_id, creator.cadence, creator.period_start, creator.public_id)
	 = (g.account_id, g.cadence, g.period_start, g.project_creator_public_id)
	-- two Date Ranges of one start are two periods
	AND (g.cadence <> 'Date Range' OR creator.period_end = g.period_end)
LEFT JOIN (
	-- each project's row in the period that its period is compared with
	SELECT pp.account_id, pp.cadence, pp.period_start, pg.project_id, pg.messages_workspace
	FROM uanalytics.prior_periods AS pp
	JOIN uanalytics.project_engagement AS pg
		ON (pg.account_id, pg.cadence, pg.period_start) = (pp.account_id, pp.cadence, pp.prior_period_start)
	WHERE pp.kind = 'projects'
) AS prior
	ON (prior.account_id, prior.cadence, prior.period_start, prior.project_id)
	 = (g.account_id, g.cadence, g.period_start, g.project_id);

COMMENT ON VIEW uanalytics.projects IS 'The projects table, as gpts is the GPTs tab''s: one row per project per period of the Project report, with its creator and its messages in the prior period.';
COMMENT ON COLUMN uanalytics.projects.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.projects.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.projects.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.projects.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.projects.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.projects.project_id IS 'Project id (g-p-...).';
COMMENT ON COLUMN uanalytics.projects.project_name IS 'Project name as of period end.';
COMMENT ON COLUMN uanalytics.projects.config_type IS 'Live or Draft as for GPTs; NULL in exports without the column.';
COMMENT ON COLUMN uanalytics.projects.creator_public_id IS 'public_id of the project''s creator.';
COMMENT ON COLUMN uanalytics.projects.creator_email IS 'Email of the project''s creator, as exported.';
COMMENT ON COLUMN uanalytics.projects.creator_name IS 'The creator''s name in the same period''s user report, else the latest name any user report gives; NULL when no user report lists the creator.';
COMMENT ON COLUMN uanalytics.projects.messages IS 'Messages in the project from the workspace in the period (messages_workspace).';
COMMENT ON COLUMN uanalytics.projects.active_users IS 'Distinct users who messaged in the project in the period (unique_messagers_workspace); NULL where the export has no value.';
COMMENT ON COLUMN uanalytics.projects.is_active IS 'The export''s activity flag; can be true with zero messages.';
COMMENT ON COLUMN uanalytics.projects.first_seen IS 'First day of the earliest stored period of this cadence whose report lists the project (the export has no creation date).';
COMMENT ON COLUMN uanalytics.projects.messages_prior IS 'The project''s messages in the prior period (see prior_periods); NULL when it is not listed there or there is none, as for every Date Range.';
COMMENT ON COLUMN uanalytics.projects.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change).';

-- Breakdowns, reclamation and privacy (issue 14)
--
-- As sql/install/11_breakdowns.sql and sql/install/20_privacy.sql write
-- them.  The pseudonym key is made by the same statement as at install.
-- overview_between, made again above with the ACL it had, becomes SECURITY
-- DEFINER and loses PUBLIC's EXECUTE (doc/upgrading.md: grant it to the
-- roles that call it).

-- Settings only the extension's owner changes.  A table rather than a GUC:
-- any role can SET a GUC for its own session, and a viewer must not be able
-- to lower the threshold that protects small groups.
CREATE TABLE uanalytics.settings (
	name text PRIMARY KEY CHECK (name IN ('min_group_size')),
	value text NOT NULL,
	CHECK (name <> 'min_group_size' OR CASE WHEN value ~ '^[0-9]{1,6}$' THEN value::integer >= 1 ELSE false END)
);
INSERT INTO uanalytics.settings (name, value) VALUES ('min_group_size', '5');

COMMENT ON TABLE uanalytics.settings IS 'Settings of the extension, changed only by its owner (a trigger refuses every other role, whatever it was granted).  min_group_size (default 5): breakdown rows (group_activity, department_activity) of fewer members show NULL metrics and suppressed = true.';
COMMENT ON COLUMN uanalytics.settings.name IS 'The setting: min_group_size.';
COMMENT ON COLUMN uanalytics.settings.value IS 'Its value as text; min_group_size is a whole number of at least 1.';

-- Checks every statement that would change settings: only the owner (or a
-- member of the owner's role, or a superuser) may.  Privileges alone would
-- not do: doc/privileges.md's loader role is granted write access to every
-- table of the schema.
CREATE FUNCTION uanalytics.settings_owner_only()
	RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF NOT pg_catalog.pg_has_role(CURRENT_USER,
			(SELECT c.relowner FROM pg_catalog.pg_class AS c WHERE c.oid = TG_RELID), 'USAGE') THEN
		RAISE EXCEPTION 'permission denied to change uanalytics settings'
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Only the owner of the extension uanalytics may change its settings.';
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION uanalytics.settings_owner_only() IS 'Trigger of uanalytics.settings: refuses any change by a role other than the extension''s owner.';

-- pg_dump dumps the settings and the pseudonym key (config tables), and a
-- restore inserts them after CREATE EXTENSION has made its own: an insert of
-- a row whose key is there replaces that row's value instead.
CREATE FUNCTION uanalytics.replace_existing_row()
	RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF TG_TABLE_NAME = 'settings' THEN
		UPDATE uanalytics.settings AS s SET value = NEW.value WHERE s.name = NEW.name;
	ELSE
		UPDATE uanalytics.pseudonym_key AS k SET key = NEW.key, made_at = NEW.made_at
		WHERE k.only_row = NEW.only_row;
	END IF;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION uanalytics.replace_existing_row() IS 'Trigger of uanalytics.settings and uanalytics.pseudonym_key: an INSERT of a row already there updates it, so that a restored dump keeps the dumped settings and key rather than those CREATE EXTENSION made.';

CREATE TRIGGER settings_owner_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON uanalytics.settings
	FOR EACH STATEMENT EXECUTE FUNCTION uanalytics.settings_owner_only();
CREATE TRIGGER settings_replace_existing_row BEFORE INSERT ON uanalytics.settings
	FOR EACH ROW EXECUTE FUNCTION uanalytics.replace_existing_row();

SELECT pg_catalog.pg_extension_config_dump('uanalytics.settings', '');

-- ---- breakdowns ----

-- jsonb_each_text and unnest under names of their own, which tell the
-- planner that a user holds a couple of groups or departments, not the 100
-- or 10 rows it assumes of any set-returning function: with those, it
-- expected millions of rows from one period, sorted them instead of
-- hashing, and spent longer compiling the query (JIT) than running it
-- (doc/benchmarks.md#breakdowns).  The same C functions as PostgreSQL's
-- own, as citext declares some of its functions.
CREATE FUNCTION uanalytics.group_entries(groups jsonb)
	RETURNS TABLE (group_id text, group_name text)
	LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE ROWS 2
	AS 'jsonb_each_text';
COMMENT ON FUNCTION uanalytics.group_entries(jsonb) IS 'The (group_id, group_name) pairs of a groups object: jsonb_each_text, with a row estimate that suits groups.';

CREATE FUNCTION uanalytics.department_entries(department text[])
	RETURNS SETOF text
	LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE ROWS 2
	AS 'array_unnest';
COMMENT ON FUNCTION uanalytics.department_entries(text[]) IS 'The elements of a department array: unnest, with a row estimate that suits departments.';

-- A period is (account_id, cadence, period_start, period_end): Date Range
-- exports with one start and two ends are two periods.  Each stored user
-- period (uanalytics.periods, the loaders' catalog) is aggregated on its
-- own, its rows read through the period index with equality on every key:
-- a filter on period_start, a range of them included, then selects periods
-- before any user row is read, where a range over the user rows themselves
-- was read by a scan of the whole table
-- (doc/benchmarks.md#breakdowns).  The threshold is read in the view, with
-- the view owner's rights; members stays visible, the metrics of a smaller
-- group do not.
CREATE VIEW uanalytics.group_activity AS
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial,
	g.group_id, g.group_name, g.members,
	CASE WHEN g.members >= t.min_group_size THEN g.active_users END AS active_users,
	CASE WHEN g.members >= t.min_group_size THEN g.messages END AS messages,
	CASE WHEN g.members >= t.min_group_size THEN g.gpt_messages END AS gpt_messages,
	CASE WHEN g.members >= t.min_group_size THEN g.tool_messages END AS tool_messages,
	g.members < t.min_group_size AS suppressed
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT e.group_id, max(e.group_name) AS group_name,
		count(*) AS members,
		-- a user has one row per period (the loader refuses a second), and
		-- pending users no is_active
		count(*) FILTER (WHERE u.is_active) AS active_users,
		sum(u.messages)::bigint AS messages,
		sum(u.gpt_messages)::bigint AS gpt_messages,
		sum(u.tool_messages)::bigint AS tool_messages
	FROM uanalytics.user_engagement AS u
	CROSS JOIN LATERAL uanalytics.group_entries(u.groups) AS e
	WHERE (u.account_id, u.cadence, u.period_start, u.period_end) = (p.account_id, p.cadence, p.period_start, p.period_end)
	GROUP BY e.group_id
) AS g
CROSS JOIN (
	SELECT coalesce(max(s.value)::integer, 5) AS min_group_size
	FROM uanalytics.settings AS s WHERE s.name = 'min_group_size'
) AS t
WHERE p.kind = 'users';

COMMENT ON VIEW uanalytics.group_activity IS 'Usage per SCIM group (the groups column of the User Engagement export): one row per account, cadence, period (partial ones included) and group.  Rows of groups with fewer members than settings.min_group_size show members only: their metrics are NULL and suppressed is true.';
COMMENT ON COLUMN uanalytics.group_activity.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.group_activity.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.group_activity.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.group_activity.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.group_activity.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.group_activity.group_id IS 'SCIM group id (a key of the groups column).';
COMMENT ON COLUMN uanalytics.group_activity.group_name IS 'The group''s name in this period; where a group was renamed within the period''s rows, the greatest of its names.';
COMMENT ON COLUMN uanalytics.group_activity.members IS 'Rows of the period holding the group, whatever the user''s status.  Shown for suppressed groups too.';
COMMENT ON COLUMN uanalytics.group_activity.active_users IS 'Members who sent a message in the period; NULL when suppressed.';
COMMENT ON COLUMN uanalytics.group_activity.messages IS 'Members'' messages in the period; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.group_activity.gpt_messages IS 'Members'' messages to custom GPTs; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.group_activity.tool_messages IS 'Members'' tool-invoking messages; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.group_activity.suppressed IS 'True when members is below settings.min_group_size: the metrics are hidden so that they cannot describe one or two people.';

CREATE VIEW uanalytics.department_activity AS
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial,
	d.department, d.members,
	CASE WHEN d.members >= t.min_group_size THEN d.active_users END AS active_users,
	CASE WHEN d.members >= t.min_group_size THEN d.messages END AS messages,
	CASE WHEN d.members >= t.min_group_size THEN d.gpt_messages END AS gpt_messages,
	CASE WHEN d.members >= t.min_group_size THEN d.tool_messages END AS tool_messages,
	d.members < t.min_group_size AS suppressed
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT e.department,
		count(*) AS members,
		count(*) FILTER (WHERE u.is_active) AS active_users,
		sum(u.messages)::bigint AS messages,
		sum(u.gpt_messages)::bigint AS gpt_messages,
		sum(u.tool_messages)::bigint AS tool_messages
	FROM uanalytics.user_engagement AS u
	-- a row without departments once under NULL; each department of a row
	-- once, however often the user typed it
	CROSS JOIN LATERAL uanalytics.department_entries(CASE WHEN pg_catalog.cardinality(u.department) > 0 THEN u.department
													  ELSE '{NULL}'::text[] END) WITH ORDINALITY AS e(department, n)
	WHERE (u.account_id, u.cadence, u.period_start, u.period_end) = (p.account_id, p.cadence, p.period_start, p.period_end)
	  AND (e.n = 1 OR e.department <> ALL (u.department[1:e.n - 1]))
	GROUP BY e.department
) AS d
CROSS JOIN (
	SELECT coalesce(max(s.value)::integer, 5) AS min_group_size
	FROM uanalytics.settings AS s WHERE s.name = 'min_group_size'
) AS t
WHERE p.kind = 'users';

COMMENT ON VIEW uanalytics.department_activity IS 'Usage per department as exported (the department array, entered by users): one row per account, cadence, period (partial ones included) and department.  A user with two departments counts in both; users with none (pending users among them) under department NULL.  Rows of departments with fewer members than settings.min_group_size show members only: their metrics are NULL and suppressed is true.';
COMMENT ON COLUMN uanalytics.department_activity.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.department_activity.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.department_activity.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.department_activity.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.department_activity.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.department_activity.department IS 'One element of the department array, as exported (free text entered by users); NULL for users with none.';
COMMENT ON COLUMN uanalytics.department_activity.members IS 'Rows of the period holding the department (or none, for NULL), whatever the user''s status.  Shown for suppressed departments too.';
COMMENT ON COLUMN uanalytics.department_activity.active_users IS 'Members who sent a message in the period; NULL when suppressed.';
COMMENT ON COLUMN uanalytics.department_activity.messages IS 'Members'' messages in the period; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.department_activity.gpt_messages IS 'Members'' messages to custom GPTs; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.department_activity.tool_messages IS 'Members'' tool-invoking messages; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.department_activity.suppressed IS 'True when members is below settings.min_group_size: the metrics are hidden so that they cannot describe one or two people.';

-- ---- licences to reclaim ----

CREATE FUNCTION uanalytics.reclaim_candidates(as_of date DEFAULT CURRENT_DATE, inactive_days integer DEFAULT 30,
											  grace_days integer DEFAULT 30)
	RETURNS TABLE (
		account_id text,
		public_id text,
		email text,
		name text,
		department text[],
		seat_type text,
		created_or_invited_date date,
		last_day_active date,
		days_inactive integer,
		reason text)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF inactive_days < 0 OR grace_days < 0 THEN
		RAISE EXCEPTION 'inactive_days and grace_days must not be negative'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN QUERY
	WITH snapshot AS (
		-- each account's freshest stored user period starting by as_of,
		-- partial included; of two starting the same day, the longer
		SELECT DISTINCT ON (p.account_id) p.account_id, p.cadence, p.period_start, p.period_end
		FROM uanalytics.periods AS p
		WHERE p.kind = 'users' AND p.period_start <= reclaim_candidates.as_of
		ORDER BY p.account_id, p.period_start DESC, p.period_end DESC, p.cadence
	)
	SELECT u.account_id, u.public_id, u.email, u.name, u.department, u.seat_type,
		u.created_or_invited_date, u.last_day_active,
		reclaim_candidates.as_of - u.last_day_active,
		CASE WHEN u.last_day_active IS NULL THEN 'never used' ELSE 'dormant' END
	FROM snapshot AS s
	JOIN uanalytics.user_engagement AS u
		ON (u.account_id, u.cadence, u.period_start, u.period_end)
		 = (s.account_id, s.cadence, s.period_start, s.period_end)
	WHERE u.user_status = 'enabled'
	  AND u.created_or_invited_date <= reclaim_candidates.as_of - reclaim_candidates.grace_days
	  AND (u.last_day_active IS NULL OR u.last_day_active < reclaim_candidates.as_of - reclaim_candidates.inactive_days)
	ORDER BY u.account_id, u.last_day_active NULLS FIRST, u.created_or_invited_date, u.email;
END
$$;
REVOKE ALL ON FUNCTION uanalytics.reclaim_candidates(date, integer, integer) FROM PUBLIC;

COMMENT ON FUNCTION uanalytics.reclaim_candidates(date, integer, integer) IS 'Licences to review for reclamation: from each account''s snapshot (the stored user period with the greatest period_start on or before as_of, partial included; of two, the one with the greatest period_end), the users enabled there who never sent a message (reason never used) or whose last message is older than inactive_days (reason dormant), invited or created at least grace_days before as_of.  Users without a created_or_invited_date are left out.  Names people: not granted to viewers.';

-- ---- pseudonyms ----

-- The key of the pseudonyms: one row, made here (and by the upgrade from
-- 0.1.0, by the same statement), kept by pg_dump, never remade by a load.
-- Row-level security without a policy: only the owner (and superusers)
-- read it, even a role that was granted SELECT on every table of the
-- schema.
CREATE TABLE uanalytics.pseudonym_key (
	only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
	key bytea NOT NULL CHECK (pg_catalog.length(key) >= 32),
	made_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp()
);
ALTER TABLE uanalytics.pseudonym_key ENABLE ROW LEVEL SECURITY;
-- 256 bits from the server's strong random source (gen_random_uuid draws
-- 122 random bits a call from it)
INSERT INTO uanalytics.pseudonym_key (key)
SELECT pg_catalog.sha256(pg_catalog.uuid_send(pg_catalog.gen_random_uuid())
	|| pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) || pg_catalog.uuid_send(pg_catalog.gen_random_uuid()));
CREATE TRIGGER pseudonym_key_replace_existing_row BEFORE INSERT ON uanalytics.pseudonym_key
	FOR EACH ROW EXECUTE FUNCTION uanalytics.replace_existing_row();
SELECT pg_catalog.pg_extension_config_dump('uanalytics.pseudonym_key', '');

COMMENT ON TABLE uanalytics.pseudonym_key IS 'The secret key of users_pseudonymous.user_key, made at install, readable only by the extension''s owner (row-level security without a policy hides it from every other role, whatever it was granted).  Kept by pg_dump; replacing it changes every pseudonym.';
COMMENT ON COLUMN uanalytics.pseudonym_key.only_row IS 'Always true: the table holds one key.';
COMMENT ON COLUMN uanalytics.pseudonym_key.key IS 'The HMAC-SHA256 key (32 random bytes).';
COMMENT ON COLUMN uanalytics.pseudonym_key.made_at IS 'When the key was made.';

CREATE FUNCTION uanalytics.keyed_hash(value text, key bytea)
	RETURNS text
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	AS 'MODULE_PATHNAME', 'uanalytics_keyed_hash';
COMMENT ON FUNCTION uanalytics.keyed_hash(text, bytea) IS 'HMAC-SHA256 of value under key, as 64 hex digits: the pseudonyms of users_pseudonymous.  Without the key a pseudonym cannot be recomputed from a public_id.';

CREATE VIEW uanalytics.users_pseudonymous AS
SELECT u.account_id, u.cadence, u.period_start, u.period_end, u.is_partial,
	uanalytics.keyed_hash(u.public_id, k.key) AS user_key,
	u.role, u.user_role, u.user_status, u.department,
	u.is_active, u.messages, u.gpt_messages, u.tool_messages, u.messages_rank, u.last_day_active,
	u.messages_prior, u.messages_pct_change,
	u.gpts_messaged, u.tools_messaged, u.project_messages, u.projects_messaged,
	u.seat_type, u.credits_used
FROM uanalytics.users AS u
CROSS JOIN uanalytics.pseudonym_key AS k;

COMMENT ON VIEW uanalytics.users_pseudonymous IS 'The users view without name, email and public_id: user_key, a keyed hash of public_id, follows a user across periods and loads.  Pseudonymised, still personal data (doc/privacy.md): not granted by grant_viewer.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.users_pseudonymous.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.user_key IS 'HMAC-SHA256 of public_id under pseudonym_key, 64 hex digits: the same user has the same key in every period and after reloads and upgrades; NULL for pending users.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.role IS 'User-entered job role (executive, director, manager, team_member, ...).';
COMMENT ON COLUMN uanalytics.users_pseudonymous.user_role IS 'Workspace role: owner, admin or user.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.user_status IS 'enabled, deleted or pending, as of period end.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.department IS 'User-entered departments (a text array).';
COMMENT ON COLUMN uanalytics.users_pseudonymous.is_active IS 'True when the user sent at least one message in the period; NULL for pending users.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.messages IS 'User-initiated messages in the period; NULL for pending users.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.gpt_messages IS 'Messages to custom GPTs; NULL when the export has no GPT columns.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.tool_messages IS 'Tool-invoking messages; not part of messages, and can exceed it.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.messages_rank IS 'RANK() among the period''s active users by messages (ties share a rank); NULL for inactive users.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.last_day_active IS 'Last day with a message in this or any earlier period.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.messages_prior IS 'The same user''s messages in the prior period (see prior_periods); NULL when the user is not in it or there is none.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.users_pseudonymous.gpts_messaged IS 'Distinct custom GPTs the user messaged in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.tools_messaged IS 'Distinct tools the user used in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.project_messages IS 'Messages in projects in the period; NULL for pending users and in exports without the column.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.projects_messaged IS 'Distinct projects the user messaged in during the period; NULL for pending users, in partial periods and in exports without the column.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.seat_type IS 'The seat the user held when the export was made: ChatGPT, Codex or Automation (2026 exports of eligible workspaces); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.credits_used IS 'Credits the user used in the period (exports since mid-2026); NULL where the export has none.';

-- ---- the analytics viewer ----

-- SECURITY DEFINER: overview_between counts each user once over a range,
-- which needs the public_ids of user_engagement; a viewer, who may read no
-- public_id, calls it and gets the counts.  Its search_path is fixed
-- (pg_catalog first, pg_temp last, where PostgreSQL never looks for
-- functions or operators) and every table in it is schema-qualified, so a
-- caller's objects are never run with the owner's rights.  Not for PUBLIC:
-- grant_viewer, or a GRANT EXECUTE, gives it.
ALTER FUNCTION uanalytics.overview_between(date, date, boolean) SECURITY DEFINER;
REVOKE ALL ON FUNCTION uanalytics.overview_between(date, date, boolean) FROM PUBLIC;

CREATE FUNCTION uanalytics.grant_viewer(role regrole)
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	-- What a viewer reads: the aggregate views, none of which holds a name,
	-- email or public_id.
	viewer_views constant text[] := ARRAY[
		'overview', 'users_summary', 'gpts_summary', 'projects_summary', 'seat_types',
		'date_ranges', 'adoption', 'cohort_retention', 'group_activity', 'department_activity'];
	viewer_functions constant text[] := ARRAY[
		'uanalytics.overview_between(date, date, boolean)', 'uanalytics.cohort_counts()'];
	owner oid := (SELECT e.extowner FROM pg_catalog.pg_extension AS e WHERE e.extname = 'uanalytics');
	v text;
BEGIN
	-- GRANT by a role without the privilege only warns: refuse instead
	IF NOT pg_catalog.pg_has_role(CURRENT_USER, owner, 'USAGE') THEN
		RAISE EXCEPTION 'permission denied for grant_viewer'
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Only the owner of the extension uanalytics may make viewers.';
	END IF;
	EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA uanalytics TO %s', role);
	FOREACH v IN ARRAY viewer_views LOOP
		EXECUTE pg_catalog.format('GRANT SELECT ON uanalytics.%I TO %s', v, role);
	END LOOP;
	FOREACH v IN ARRAY viewer_functions LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO %s', v, role);
	END LOOP;
END
$$;
REVOKE ALL ON FUNCTION uanalytics.grant_viewer(regrole) FROM PUBLIC;

COMMENT ON FUNCTION uanalytics.grant_viewer(regrole) IS 'Makes role a read-only analytics viewer: USAGE on the schema, SELECT on the aggregate views (overview, users_summary, gpts_summary, projects_summary, seat_types, date_ranges, adoption, cohort_retention, group_activity, department_activity) and EXECUTE on overview_between and cohort_counts (which cohort_retention calls).  Nothing that holds a name, email or public_id.  Run by the extension''s owner; run again after an upgrade that adds views.';

-- ---- people and adoption (doc/adoption.md) ----

-- Two counts more in the users' rollup, counted by the loader from now on;
-- those of the stored periods by refresh_summaries.
ALTER TABLE uanalytics.user_period_totals ADD COLUMN activated_users bigint, ADD COLUMN power_users bigint;

CREATE OR REPLACE FUNCTION uanalytics.refresh_summaries(load_id bigint)
	RETURNS bigint
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
-- (account_id, cadence, period_start) is a rollup's key; a period that the
-- load replaced loses its old row here and gets its new one below
DELETE FROM uanalytics.user_period_totals AS t
WHERE refresh_summaries.load_id IS NULL
   OR (t.account_id, t.cadence, t.period_start) IN (
		SELECT p.account_id, p.cadence, p.period_start
		FROM uanalytics.periods AS p
		WHERE p.kind = 'users' AND p.load_id = refresh_summaries.load_id);

INSERT INTO uanalytics.user_period_totals
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial, p.load_id,
	c.users, c.active, c.messages, c.gpt_messages, c.tool_messages, c.enabled, c.pending, c.activated,
	-- power users: the active users with 3+ tools ranked within the top
	-- 20%, which needs the period's active users first; unknown when no
	-- active user has tools_messaged
	CASE WHEN c.active = 0 OR c.with_tools > 0
		 THEN (SELECT count(*) FROM unnest(c.ranks) AS r WHERE r <= ceil(0.2 * c.active)) END
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT count(*) AS users,
		uanalytics.unique_active_users(u.public_id, u.is_active) AS active,
		sum(u.messages) AS messages,
		sum(u.gpt_messages) AS gpt_messages,
		sum(u.tool_messages) AS tool_messages,
		count(*) FILTER (WHERE u.user_status = 'enabled') AS enabled,
		count(*) FILTER (WHERE u.user_status = 'pending') AS pending,
		count(*) FILTER (WHERE u.user_status = 'enabled' AND u.last_day_active IS NOT NULL) AS activated,
		count(u.tools_messaged) FILTER (WHERE u.is_active AND u.public_id IS NOT NULL) AS with_tools,
		array_agg(u.messages_rank) FILTER (WHERE u.is_active AND u.public_id IS NOT NULL
										   AND u.tools_messaged >= 3 AND u.messages_rank IS NOT NULL) AS ranks
	FROM uanalytics.user_engagement AS u
	WHERE (u.account_id, u.cadence, u.period_start) = (p.account_id, p.cadence, p.period_start)
) AS c
WHERE p.kind = 'users' AND p.cadence <> 'Date Range'
  AND (refresh_summaries.load_id IS NULL OR p.load_id = refresh_summaries.load_id);

DELETE FROM uanalytics.gpt_period_totals AS t
WHERE refresh_summaries.load_id IS NULL
   OR (t.account_id, t.cadence, t.period_start) IN (
		SELECT p.account_id, p.cadence, p.period_start
		FROM uanalytics.periods AS p
		WHERE p.kind = 'gpts' AND p.load_id = refresh_summaries.load_id);

INSERT INTO uanalytics.gpt_period_totals
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial, p.load_id, period_totals.*
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT count(*),
		count(*) FILTER (WHERE g.messages_workspace > 0),
		count(*) FILTER (WHERE g.is_active)
	FROM uanalytics.gpt_engagement AS g
	WHERE (g.account_id, g.cadence, g.period_start) = (p.account_id, p.cadence, p.period_start)
) AS period_totals
WHERE p.kind = 'gpts' AND p.cadence <> 'Date Range'
  AND (refresh_summaries.load_id IS NULL OR p.load_id = refresh_summaries.load_id);

SELECT count(*)
FROM uanalytics.periods AS p
WHERE p.cadence <> 'Date Range'
  AND (refresh_summaries.load_id IS NULL OR p.load_id = refresh_summaries.load_id);
$$;
COMMENT ON FUNCTION uanalytics.refresh_summaries(bigint) IS 'Recomputes the rollup rows (user_period_totals, gpt_period_totals) of the periods that a load holds, from the stored rows; with NULL, of every period.  The loaders keep the rollups current themselves: call it after editing the data tables by hand.  Returns the number of periods recomputed.';
REVOKE ALL ON FUNCTION uanalytics.refresh_summaries(bigint) FROM PUBLIC;

SELECT uanalytics.refresh_summaries(NULL);
ALTER TABLE uanalytics.user_period_totals ALTER COLUMN activated_users SET NOT NULL;
COMMENT ON COLUMN uanalytics.user_period_totals.activated_users IS 'Rows with user_status enabled and last_day_active not NULL (uanalytics.adoption).';
COMMENT ON COLUMN uanalytics.user_period_totals.power_users IS 'Active users with messages_rank <= ceil(0.2 * unique_active_users) and tools_messaged >= 3 (uanalytics.power_users'' defaults); NULL when the active users have no tools_messaged (an export without the column).';

-- ---- identities ----

-- Filled by the customer: which public_ids are one person.
CREATE TABLE uanalytics.identities (
	account_id text NOT NULL,
	public_id text NOT NULL,
	person_key text NOT NULL,
	PRIMARY KEY (account_id, public_id)
) WITH (parallel_workers = 0);	-- a few rows: starting workers costs more than reading them
CREATE INDEX identities_person_key_idx ON uanalytics.identities (person_key, account_id);

COMMENT ON TABLE uanalytics.identities IS 'Filled by the customer: maps public_ids to a person (an HR employee id, say), so that people, cohort_retention and time to first use count a person whose email changed (and who got a new public_id) once.  identity_candidates suggests pairs; nothing merges until a row is inserted here.';
COMMENT ON COLUMN uanalytics.identities.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.identities.public_id IS 'A user''s public_id, as in user_engagement.';
COMMENT ON COLUMN uanalytics.identities.person_key IS 'The person it belongs to: any text; every public_id mapped to the same person_key (in the account) is one person.';
SELECT pg_catalog.pg_extension_config_dump('uanalytics.identities', '');

-- ---- digests ----

-- One row per stored user period, written by the loaders with the period.
CREATE TABLE uanalytics.user_period_digests (
	account_id text NOT NULL,
	cadence text NOT NULL,
	period_start date NOT NULL,
	period_end date NOT NULL,
	period_key date NOT NULL,
	is_partial boolean NOT NULL,
	load_id bigint NOT NULL,
	digest bytea NOT NULL,
	names bytea,
	PRIMARY KEY (account_id, cadence, period_start, period_key)
);
-- stored uncompressed: a load writes each whole and readers read it whole
-- (compressing them was not tried)
ALTER TABLE uanalytics.user_period_digests ALTER COLUMN digest SET STORAGE EXTERNAL,
	ALTER COLUMN names SET STORAGE EXTERNAL;

COMMENT ON TABLE uanalytics.user_period_digests IS 'Per account and stored user period (every cadence, partial and Date Range included), what cohort_retention and habitual_users need of its rows with a public_id, in one value (src/digests.c); written by the loaders with the period, remade by refresh_digests.';
COMMENT ON COLUMN uanalytics.user_period_digests.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.user_period_digests.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.user_period_digests.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.user_period_digests.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.user_period_digests.period_key IS 'As uanalytics.periods.period_key: period_start for a week or month, period_end for a Date Range.';
COMMENT ON COLUMN uanalytics.user_period_digests.is_partial IS 'True when the period''s rows come from a partial export.';
COMMENT ON COLUMN uanalytics.user_period_digests.load_id IS 'The load whose rows it holds.';
COMMENT ON COLUMN uanalytics.user_period_digests.digest IS 'Per row with a public_id: the public_id, is_active, whether enabled, created_or_invited_date, first_day_active_in_period, last_day_active and messages (uanalytics.user_period_digest_rows shows them).';
COMMENT ON COLUMN uanalytics.user_period_digests.names IS 'A complete week''s: the email and name of each row of digest, in the same order (habitual_users reads them); NULL for other periods.';
-- derived, but dumped as the rollups are, so that a restored database
-- answers at once
SELECT pg_catalog.pg_extension_config_dump('uanalytics.user_period_digests', '');

-- The email lookup of each digest, in 256 buckets (src/digests.c).
CREATE TABLE uanalytics.user_period_emails (
	account_id text NOT NULL,
	cadence text NOT NULL,
	period_start date NOT NULL,
	period_key date NOT NULL,
	bucket smallint NOT NULL,
	entries bytea NOT NULL,
	PRIMARY KEY (account_id, cadence, period_start, period_key, bucket)
);
CREATE INDEX user_period_emails_bucket_idx ON uanalytics.user_period_emails (bucket);
-- hashes do not compress
ALTER TABLE uanalytics.user_period_emails ALTER COLUMN entries SET STORAGE EXTERNAL;

COMMENT ON TABLE uanalytics.user_period_emails IS 'Beside each user_period_digests digest, its email lookup: for each row with an email, the hash of lower(email) and where the row''s entry is in the digest, split by the hash''s top byte into up to 256 buckets, one row each; people reads one bucket per period to find a person by email.  Written by the loaders with the digest, remade by refresh_digests.';
COMMENT ON COLUMN uanalytics.user_period_emails.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.user_period_emails.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.user_period_emails.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.user_period_emails.period_key IS 'As uanalytics.periods.period_key.';
COMMENT ON COLUMN uanalytics.user_period_emails.bucket IS 'The top byte of the hashes it holds (0 to 255).';
COMMENT ON COLUMN uanalytics.user_period_emails.entries IS 'Per row of the period whose email hashes into the bucket: the hash of lower(email) and the offset of the row''s entry in the digest, 8 bytes, in the order of the digest.';
SELECT pg_catalog.pg_extension_config_dump('uanalytics.user_period_emails', '');

CREATE FUNCTION uanalytics.refresh_digests()
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'ua_refresh_digests'
	LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION uanalytics.refresh_digests() IS 'Makes user_period_digests and user_period_emails again from the stored rows, for every user period; returns their number.  The loaders keep the digests current themselves: call it after editing user_engagement by hand.';
REVOKE ALL ON FUNCTION uanalytics.refresh_digests() FROM PUBLIC;

CREATE FUNCTION uanalytics.user_period_digest_rows(digest bytea, names bytea DEFAULT NULL)
	RETURNS TABLE (public_id text, is_active boolean, enabled boolean, created_or_invited_date date,
				   first_day_active_in_period date, last_day_active date, messages integer, email text,
				   name text)
	AS 'MODULE_PATHNAME', 'ua_user_period_digest_rows'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.user_period_digest_rows(bytea, bytea) IS 'The rows a user_period_digests digest holds, one per row of the period with a public_id; with the names of a complete week, their email and name too.';

-- ---- people ----

-- The public_ids of the people that identities names: those mapped, and
-- those not mapped whose public_id a mapped one has as its person_key.
CREATE VIEW uanalytics.merged_public_ids AS
SELECT i.account_id, i.person_key, i.public_id
FROM uanalytics.identities AS i
UNION ALL
SELECT k.account_id, k.person_key, k.person_key
FROM (SELECT DISTINCT d.account_id, d.person_key FROM uanalytics.identities AS d) AS k
WHERE NOT EXISTS (SELECT FROM uanalytics.identities AS i
				  WHERE (i.account_id, i.public_id) = (k.account_id, k.person_key));

COMMENT ON VIEW uanalytics.merged_public_ids IS 'The public_ids of the people identities names (what people merges): every public_id mapped in identities, under its person_key, and every public_id that is itself a person_key of identities without being mapped, under itself.  Public_ids not listed here are one person each, keyed by the public_id.';
COMMENT ON COLUMN uanalytics.merged_public_ids.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.merged_public_ids.person_key IS 'The person (people.person_key).';
COMMENT ON COLUMN uanalytics.merged_public_ids.public_id IS 'One of its public_ids (perhaps not in any stored export yet).';

-- person_summary(row) -> person_summary: what people shows of a person,
-- from all of the person's rows in one pass (src/agg_person.c).

CREATE TYPE uanalytics.person_summary AS (
	created_or_invited_date date,
	first_active_day date,
	last_active_day date,
	first_use_known boolean,
	active_months integer,
	active_month_starts date[],
	messages bigint,
	email text,
	name text,
	department text[],
	groups jsonb,
	user_role text,
	user_status text,
	seat_type text
);
COMMENT ON TYPE uanalytics.person_summary IS 'Result of the aggregate person_summary: a person over all of the rows it is given (people''s columns, and active_month_starts: the complete months active, in order).';

CREATE FUNCTION uanalytics.person_summary_trans(internal, period_start date, period_end date, cadence text,
	is_partial boolean, public_id text, created_or_invited_date date, is_active boolean,
	first_day_active_in_period date, last_day_active date, messages integer, user_status text, email text,
	name text, department text[], groups jsonb, user_role text, seat_type text)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_person_summary_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_trans(internal, date, date, text, boolean, text, date, boolean, date, date, integer, text, text, text, text[], jsonb, text, text) IS 'Transition function of person_summary: adds a user_engagement row of the person.';

CREATE FUNCTION uanalytics.person_summary_combine(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_person_summary_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_combine(internal, internal) IS 'Combine function of person_summary: one person''s two partial states merged.';

CREATE FUNCTION uanalytics.person_summary_serialize(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'ua_person_summary_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_serialize(internal) IS 'Serialize function of person_summary: the state as bytes for a parallel worker''s result.';

CREATE FUNCTION uanalytics.person_summary_deserialize(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'ua_person_summary_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_deserialize(bytea, internal) IS 'Deserialize function of person_summary: the state from person_summary_serialize''s bytes.';

CREATE FUNCTION uanalytics.person_summary_final(internal, period_start date, period_end date, cadence text,
	is_partial boolean, public_id text, created_or_invited_date date, is_active boolean,
	first_day_active_in_period date, last_day_active date, messages integer, user_status text, email text,
	name text, department text[], groups jsonb, user_role text, seat_type text)
	RETURNS uanalytics.person_summary
	AS 'MODULE_PATHNAME', 'ua_person_summary_final'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION uanalytics.person_summary_final(internal, date, date, text, boolean, text, date, boolean, date, date, integer, text, text, text, text[], jsonb, text, text) IS 'Final function of person_summary: the person''s summary; NULL for no rows.';

CREATE AGGREGATE uanalytics.person_summary(period_start date, period_end date, cadence text,
	is_partial boolean, public_id text, created_or_invited_date date, is_active boolean,
	first_day_active_in_period date, last_day_active date, messages integer, user_status text, email text,
	name text, department text[], groups jsonb, user_role text, seat_type text) (
	SFUNC = uanalytics.person_summary_trans,
	STYPE = internal,
	SSPACE = 600,	-- bytes a state takes, with the latest row's values (for the planner)
	FINALFUNC = uanalytics.person_summary_final,
	FINALFUNC_EXTRA,
	COMBINEFUNC = uanalytics.person_summary_combine,
	SERIALFUNC = uanalytics.person_summary_serialize,
	DESERIALFUNC = uanalytics.person_summary_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE uanalytics.person_summary(date, date, text, boolean, text, date, boolean, date, date, integer, text, text, text, text[], jsonb, text, text) IS 'A person over its user_engagement rows, in one pass: earliest created_or_invited_date, first_active_day (earliest first_day_active_in_period of an active row), last_active_day, first_use_known (from the earliest row), the complete months active (once each) and their messages, and the latest row''s email, name, department, groups, user_role, user_status and seat_type.  The orders of the earliest and latest rows are those of doc/adoption.md; cadence and public_id break ties as bytes.';

-- Every person's rows through person_summary.  The public_ids identities
-- does not name are grouped by public_id, so that a condition on person_key
-- reaches the hash index on public_id; the others by their person_key.
CREATE VIEW uanalytics.person_summaries AS
SELECT u.account_id, u.public_id AS person_key, ARRAY[u.public_id] AS public_ids,
	uanalytics.person_summary(u.period_start, u.period_end, u.cadence, u.is_partial, u.public_id,
		u.created_or_invited_date, u.is_active, u.first_day_active_in_period, u.last_day_active,
		u.messages, u.user_status, u.email, u.name, u.department, u.groups, u.user_role, u.seat_type)
		AS summary
FROM uanalytics.user_engagement AS u
WHERE u.public_id IS NOT NULL
  AND NOT EXISTS (SELECT FROM uanalytics.identities AS i
				  WHERE (i.account_id, i.public_id) = (u.account_id, u.public_id))
  AND NOT EXISTS (SELECT FROM uanalytics.identities AS k
				  WHERE (k.account_id, k.person_key) = (u.account_id, u.public_id))
GROUP BY u.account_id, u.public_id
UNION ALL
SELECT m.account_id, m.person_key, array_agg(DISTINCT u.public_id ORDER BY u.public_id),
	uanalytics.person_summary(u.period_start, u.period_end, u.cadence, u.is_partial, u.public_id,
		u.created_or_invited_date, u.is_active, u.first_day_active_in_period, u.last_day_active,
		u.messages, u.user_status, u.email, u.name, u.department, u.groups, u.user_role, u.seat_type)
FROM uanalytics.merged_public_ids AS m
JOIN uanalytics.user_engagement AS u ON (u.account_id, u.public_id) = (m.account_id, m.public_id)
GROUP BY m.account_id, m.person_key;

COMMENT ON VIEW uanalytics.person_summaries IS 'One row per person and account with person_summary over all of the person''s stored rows: what people reads.';
COMMENT ON COLUMN uanalytics.person_summaries.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.person_summaries.person_key IS 'identities.person_key where the customer mapped the user, else the public_id.';
COMMENT ON COLUMN uanalytics.person_summaries.public_ids IS 'Every public_id merged into the person, in order.';
COMMENT ON COLUMN uanalytics.person_summaries.summary IS 'person_summary of the person''s rows.';

CREATE VIEW uanalytics.people_from_rows AS
SELECT p.account_id, p.person_key, p.public_ids,
	(p.summary).email, (p.summary).name, (p.summary).department, (p.summary).groups, (p.summary).user_role,
	(p.summary).user_status, (p.summary).seat_type, (p.summary).created_or_invited_date,
	(p.summary).first_active_day, (p.summary).last_active_day, (p.summary).first_use_known,
	CASE WHEN (p.summary).first_use_known
		 THEN (p.summary).first_active_day - (p.summary).created_or_invited_date END AS days_to_first_use,
	(p.summary).active_months, (p.summary).messages
FROM uanalytics.person_summaries AS p;

COMMENT ON VIEW uanalytics.people_from_rows IS 'The rows of people computed from the stored rows (person_summaries): people looks one person up here by person_key; the tests and the benchmark compare the two.';
COMMENT ON COLUMN uanalytics.people_from_rows.account_id IS 'As people.account_id.';
COMMENT ON COLUMN uanalytics.people_from_rows.person_key IS 'As people.person_key.';
COMMENT ON COLUMN uanalytics.people_from_rows.public_ids IS 'As people.public_ids.';
COMMENT ON COLUMN uanalytics.people_from_rows.email IS 'As people.email.';
COMMENT ON COLUMN uanalytics.people_from_rows.name IS 'As people.name.';
COMMENT ON COLUMN uanalytics.people_from_rows.department IS 'As people.department.';
COMMENT ON COLUMN uanalytics.people_from_rows.groups IS 'As people.groups.';
COMMENT ON COLUMN uanalytics.people_from_rows.user_role IS 'As people.user_role.';
COMMENT ON COLUMN uanalytics.people_from_rows.user_status IS 'As people.user_status.';
COMMENT ON COLUMN uanalytics.people_from_rows.seat_type IS 'As people.seat_type.';
COMMENT ON COLUMN uanalytics.people_from_rows.created_or_invited_date IS 'As people.created_or_invited_date.';
COMMENT ON COLUMN uanalytics.people_from_rows.first_active_day IS 'As people.first_active_day.';
COMMENT ON COLUMN uanalytics.people_from_rows.last_active_day IS 'As people.last_active_day.';
COMMENT ON COLUMN uanalytics.people_from_rows.first_use_known IS 'As people.first_use_known.';
COMMENT ON COLUMN uanalytics.people_from_rows.days_to_first_use IS 'As people.days_to_first_use.';
COMMENT ON COLUMN uanalytics.people_from_rows.active_months IS 'As people.active_months.';
COMMENT ON COLUMN uanalytics.people_from_rows.messages IS 'As people.messages.';

-- people: a foreign table of the extension's own wrapper (src/people.c),
-- whose scan sees the query's conditions: person_key = x reads that person
-- from people_from_rows, lower(email) = x finds the public_ids through
-- user_period_emails, and anything else reads every person from the digests.
CREATE FUNCTION uanalytics.people_handler()
	RETURNS fdw_handler
	AS 'MODULE_PATHNAME', 'ua_people_handler'
	LANGUAGE C STRICT;
COMMENT ON FUNCTION uanalytics.people_handler() IS 'Handler of the foreign-data wrapper uanalytics_people, which answers uanalytics.people.';

CREATE FOREIGN DATA WRAPPER uanalytics_people HANDLER uanalytics.people_handler;
COMMENT ON FOREIGN DATA WRAPPER uanalytics_people IS 'uanalytics.people''s scan (src/people.c): reads this database, never another.';
CREATE SERVER uanalytics_people FOREIGN DATA WRAPPER uanalytics_people;
COMMENT ON SERVER uanalytics_people IS 'The server of uanalytics.people: this database.';

CREATE FOREIGN TABLE uanalytics.people (
	account_id text,
	person_key text,
	public_ids text[],
	email text,
	name text,
	department text[],
	groups jsonb,
	user_role text,
	user_status text,
	seat_type text,
	created_or_invited_date date,
	first_active_day date,
	last_active_day date,
	first_use_known boolean,
	days_to_first_use integer,
	active_months integer,
	messages bigint
) SERVER uanalytics_people;


COMMENT ON FOREIGN TABLE uanalytics.people IS 'One row per person and account, over all stored history: every public_id whose person_key is the same (identities, else the public_id itself) is one person.  Pending users (no public_id) are not people yet.  A foreign table of the extension (doc/adoption.md): a condition on person_key, lower(email) or email (= or IN) is looked up in milliseconds; any other reads every person from the digests.';
COMMENT ON COLUMN uanalytics.people.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.people.person_key IS 'identities.person_key where the customer mapped the user, else the public_id.';
COMMENT ON COLUMN uanalytics.people.public_ids IS 'Every public_id merged into the person, in order.';
COMMENT ON COLUMN uanalytics.people.email IS 'email of the person''s latest row: the greatest period_end, then an enabled row before others, then the latest created_or_invited_date (after a merge, the new account''s), then the greatest period_start.';
COMMENT ON COLUMN uanalytics.people.name IS 'name of the latest row (see email).';
COMMENT ON COLUMN uanalytics.people.department IS 'department of the latest row (see email).';
COMMENT ON COLUMN uanalytics.people.groups IS 'groups of the latest row (see email); deleted users'' rows have none.';
COMMENT ON COLUMN uanalytics.people.user_role IS 'user_role of the latest row (see email).';
COMMENT ON COLUMN uanalytics.people.user_status IS 'user_status of the latest row (see email): enabled or deleted.';
COMMENT ON COLUMN uanalytics.people.seat_type IS 'seat_type of the latest row (see email); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.people.created_or_invited_date IS 'Earliest created_or_invited_date of the person''s rows.';
COMMENT ON COLUMN uanalytics.people.first_active_day IS 'Earliest first_day_active_in_period of a row with is_active (any cadence, partial included); NULL when no stored row is active.  Shown even when first_use_known is false: the person may have been active before the first export.';
COMMENT ON COLUMN uanalytics.people.last_active_day IS 'Latest last_day_active of the person''s rows; NULL when none has one.';
COMMENT ON COLUMN uanalytics.people.first_use_known IS 'True when the first activity lies inside stored history: the person''s earliest stored row (smallest period_start, any cadence; then smallest period_end) has last_day_active NULL, or its created_or_invited_date is on or after its period_start.';
COMMENT ON COLUMN uanalytics.people.days_to_first_use IS 'first_active_day - created_or_invited_date, in days, when first_use_known; NULL otherwise (the stored exports cannot tell when a user active before them first used ChatGPT), and NULL for a person never active or without a created_or_invited_date.';
COMMENT ON COLUMN uanalytics.people.active_months IS 'Complete Monthly periods in which the person is_active (a month counts once however many public_ids); 0 when none is stored.';
COMMENT ON COLUMN uanalytics.people.messages IS 'Sum of messages over the person''s complete Monthly periods; NULL when the person has no complete Monthly period stored (weekly exports only, say), not 0.';

-- The name, email and earliest created_or_invited_date of every public_id
-- (its latest row, by the rule of people), for identity_candidates.
CREATE VIEW uanalytics.identity_candidates AS
WITH ids AS (
	SELECT DISTINCT ON (u.account_id, u.public_id)
		u.account_id, u.public_id, u.name, u.email,
		min(u.created_or_invited_date) OVER (PARTITION BY u.account_id, u.public_id) AS created_or_invited_date
	FROM uanalytics.user_engagement AS u
	WHERE u.public_id IS NOT NULL
	ORDER BY u.account_id, u.public_id, u.period_end DESC, u.user_status IS NOT DISTINCT FROM 'enabled' DESC,
		u.created_or_invited_date DESC NULLS LAST, u.period_start DESC, u.cadence DESC
)
SELECT n.account_id, o.public_id AS old_public_id, n.public_id AS new_public_id, n.name,
	o.email AS old_email, n.email AS new_email,
	o.created_or_invited_date AS old_created_or_invited_date,
	n.created_or_invited_date AS new_created_or_invited_date,
	EXISTS (SELECT FROM uanalytics.identities AS io
			JOIN uanalytics.identities AS inew
				ON (inew.account_id, inew.public_id) = (n.account_id, n.public_id)
			WHERE (io.account_id, io.public_id) = (o.account_id, o.public_id)
			  AND io.person_key = inew.person_key) AS merged
FROM ids AS o
JOIN ids AS n
	ON n.account_id = o.account_id AND n.public_id <> o.public_id
	AND lower(btrim(n.name)) = lower(btrim(o.name))
WHERE btrim(o.name) <> ''
  AND o.created_or_invited_date < n.created_or_invited_date
  AND EXISTS (SELECT FROM uanalytics.user_engagement AS d
			  WHERE d.public_id = o.public_id AND d.account_id = o.account_id
				AND d.user_status = 'deleted'
				AND n.created_or_invited_date BETWEEN d.period_start AND d.period_end);

COMMENT ON VIEW uanalytics.identity_candidates IS 'Suggested pairs of public_ids that may be one person whose email changed (the export then shows a new public_id): the same name (lower(btrim(name)) equal, not blank; the names of their latest rows), the old user deleted in a stored period that contains the new user''s created_or_invited_date, and the old user created or invited earlier.  Nothing merges until the customer inserts both into identities under one person_key.  Two different people of the same name can match: check the emails.';
COMMENT ON COLUMN uanalytics.identity_candidates.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.identity_candidates.old_public_id IS 'The earlier, deleted user.';
COMMENT ON COLUMN uanalytics.identity_candidates.new_public_id IS 'The later user.';
COMMENT ON COLUMN uanalytics.identity_candidates.name IS 'The name both carry (the new user''s latest name).';
COMMENT ON COLUMN uanalytics.identity_candidates.old_email IS 'The old user''s latest email.';
COMMENT ON COLUMN uanalytics.identity_candidates.new_email IS 'The new user''s latest email.';
COMMENT ON COLUMN uanalytics.identity_candidates.old_created_or_invited_date IS 'The old user''s earliest created_or_invited_date.';
COMMENT ON COLUMN uanalytics.identity_candidates.new_created_or_invited_date IS 'The new user''s earliest created_or_invited_date: a day on which the old user is deleted.';
COMMENT ON COLUMN uanalytics.identity_candidates.merged IS 'True when identities already maps both to the same person_key.';

-- ---- adoption ----

CREATE VIEW uanalytics.adoption AS
SELECT t.account_id, t.cadence, t.period_start, t.period_end,
	seats.seats_purchased,
	t.claimed_seats AS enabled_users,
	t.activated_users,
	100 * t.activated_users::numeric / NULLIF(t.claimed_seats, 0) AS activation_rate,
	w.wau AS weekly_active_users,
	w.wau / NULLIF(t.activated_users, 0) AS wau_per_activated_user,
	w.messages::numeric / NULLIF(w.active, 0) AS messages_per_wau,
	t.power_users,
	100 * t.power_users::numeric / NULLIF(t.unique_active_users, 0) AS power_user_share,
	t.unique_active_users AS active_users,
	w.weeks
FROM uanalytics.user_period_totals AS t
CROSS JOIN LATERAL (
	-- a week: itself; a month: its complete weeks (by period_start)
	SELECT t.unique_active_users::numeric AS wau, t.total_messages AS messages, t.unique_active_users AS active,
		NULL::bigint AS weeks
	WHERE t.cadence = 'Weekly'
	UNION ALL
	SELECT avg(k.unique_active_users), sum(k.total_messages), sum(k.unique_active_users), count(*)
	FROM uanalytics.user_period_totals AS k
	WHERE t.cadence = 'Monthly'
	  AND k.account_id = t.account_id AND k.cadence = 'Weekly' AND NOT k.is_partial
	  AND k.period_start BETWEEN t.period_start AND t.period_end
	HAVING t.cadence = 'Monthly'
) AS w
LEFT JOIN LATERAL (
	SELECT s.seats_purchased
	FROM uanalytics.seats AS s
	WHERE s.account_id = t.account_id AND s.effective_from <= t.period_end
	ORDER BY s.effective_from DESC
	LIMIT 1
) AS seats ON true
WHERE t.cadence IN ('Weekly', 'Monthly')
  AND NOT t.is_partial;

COMMENT ON VIEW uanalytics.adoption IS 'The dashboard''s Benchmarks and more, from the exports alone: one row per account, cadence (Weekly, Monthly; never Date Range) and complete period.  Every ratio is NULL over zero; numerics are not rounded.';
COMMENT ON COLUMN uanalytics.adoption.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.adoption.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.adoption.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.adoption.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.adoption.seats_purchased IS 'Seats of the latest uanalytics.seats row effective on or before period_end; NULL when none was entered (no export holds seats).';
COMMENT ON COLUMN uanalytics.adoption.enabled_users IS 'Users enabled in the period''s export (users_summary.claimed_seats).';
COMMENT ON COLUMN uanalytics.adoption.activated_users IS 'Enabled users whose last_day_active is not NULL: they sent a message in this or an earlier period.';
COMMENT ON COLUMN uanalytics.adoption.activation_rate IS '100 * activated_users / enabled_users; NULL when nobody is enabled.';
COMMENT ON COLUMN uanalytics.adoption.weekly_active_users IS 'Weekly: the week''s active users.  Monthly: the mean of the active users of the complete Weekly periods whose period_start lies in the month; NULL when no such week is stored (the stored data cannot give it).';
COMMENT ON COLUMN uanalytics.adoption.wau_per_activated_user IS 'weekly_active_users / activated_users; NULL when either is NULL or activated_users is 0.';
COMMENT ON COLUMN uanalytics.adoption.messages_per_wau IS 'Weekly: messages / active users.  Monthly: the messages of the weeks of weekly_active_users / the sum of their active users; NULL when no such week is stored or nobody was active.';
COMMENT ON COLUMN uanalytics.adoption.power_users IS 'Power users of the period with power_users'' defaults: active users with messages_rank <= ceil(0.2 * active users) and tools_messaged >= 3.  NULL when the period''s active users have no tools_messaged (an export without the column): the stored data cannot tell.';
COMMENT ON COLUMN uanalytics.adoption.power_user_share IS '100 * power_users / active users of the period; NULL when nobody was active, or power_users is NULL.';
COMMENT ON COLUMN uanalytics.adoption.active_users IS 'Distinct users active in the period (users_summary.active_users).';
COMMENT ON COLUMN uanalytics.adoption.weeks IS 'Monthly: the complete weeks weekly_active_users and messages_per_wau average over (0: none stored); NULL for a week.';

CREATE FUNCTION uanalytics.power_users(cadence text, period_start date, top_share numeric DEFAULT 0.2,
									   min_tools integer DEFAULT 3)
	RETURNS TABLE (account_id text, public_id text, name text, email text, messages integer,
				   tools_messaged integer, messages_rank integer)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF power_users.cadence IS DISTINCT FROM 'Weekly' AND power_users.cadence IS DISTINCT FROM 'Monthly' THEN
		RAISE EXCEPTION 'power_users takes cadence Weekly or Monthly, not %', coalesce(quote_literal(power_users.cadence), 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN QUERY
	SELECT u.account_id, u.public_id, u.name, u.email, u.messages, u.tools_messaged, u.messages_rank
	FROM uanalytics.user_period_totals AS t
	JOIN uanalytics.user_engagement AS u
		ON (u.account_id, u.cadence, u.period_start, u.period_end) = (t.account_id, t.cadence, t.period_start, t.period_end)
	WHERE t.cadence = power_users.cadence AND t.period_start = power_users.period_start AND NOT t.is_partial
	  AND u.is_active AND u.public_id IS NOT NULL
	  AND u.messages_rank <= ceil(power_users.top_share * t.unique_active_users)
	  AND u.tools_messaged >= power_users.min_tools
	ORDER BY u.account_id, u.messages_rank, u.public_id;
END
$$;
COMMENT ON FUNCTION uanalytics.power_users(text, date, numeric, integer) IS 'Power users of one complete Weekly or Monthly period (per account): active users with messages_rank <= ceil(top_share * the period''s active users) and tools_messaged >= min_tools (the dashboard: "top 20% of message senders, with activity in 3+ tools").  Nothing for a partial or unstored period, nor for an export without tools_messaged (adoption.power_users is then NULL).';
REVOKE ALL ON FUNCTION uanalytics.power_users(text, date, numeric, integer) FROM PUBLIC;

-- Counted from the weeks' digests (src/adoption.c); the email and name from
-- the latest of the weeks that lists the user, read from that week's rows.
CREATE FUNCTION uanalytics.habitual_users(as_of date, min_weeks integer DEFAULT 9, of_weeks integer DEFAULT 12)
	RETURNS TABLE (account_id text, public_id text, email text, name text, active_weeks integer)
	AS 'MODULE_PATHNAME', 'ua_habitual_users'
	LANGUAGE C STABLE STRICT
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION uanalytics.habitual_users(date, integer, integer) IS 'Users (per public_id) active in at least min_weeks of the of_weeks latest complete Weekly periods stored whose period_end <= as_of (per account; fewer when fewer are stored), with the email and name of their row in the latest of those weeks (the latest that lists them), and the number of those weeks they were active in.  Without weekly exports, nobody.';
REVOKE ALL ON FUNCTION uanalytics.habitual_users(date, integer, integer) FROM PUBLIC;

-- ---- cohorts ----

-- The counts cohort_retention shows, from the digests.  It runs with its
-- owner's rights (it reads user_period_digests and identities) and returns
-- counts only: grant_viewer lets the analytics viewer call it, as
-- cohort_retention does.
CREATE FUNCTION uanalytics.cohort_counts()
	RETURNS TABLE (account_id text, cohort_month date, month date, people bigint)
	AS 'MODULE_PATHNAME', 'ua_cohort_counts'
	LANGUAGE C STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION uanalytics.cohort_counts() IS 'Per account and cohort month (the month of first_active_day of the people whose first use is known, as people has them): the cohort''s size (month NULL), and for each complete Monthly period from the cohort''s on, its members active in it; from user_period_digests.  What cohort_retention reads.';
REVOKE ALL ON FUNCTION uanalytics.cohort_counts() FROM PUBLIC;

CREATE VIEW uanalytics.cohort_retention AS
WITH months AS (
	SELECT t.account_id, t.period_start
	FROM uanalytics.user_period_totals AS t
	WHERE t.cadence = 'Monthly' AND NOT t.is_partial
),
counts AS MATERIALIZED (
	SELECT c.account_id, c.cohort_month, c.month, c.people FROM uanalytics.cohort_counts() AS c
),
sizes AS (
	-- only a complete month makes a cohort
	SELECT c.account_id, c.cohort_month, c.people AS cohort_size
	FROM counts AS c
	JOIN months AS m ON (m.account_id, m.period_start) = (c.account_id, c.cohort_month)
	WHERE c.month IS NULL
),
retained AS (
	SELECT c.account_id, c.cohort_month, c.month, c.people AS active_users
	FROM counts AS c
	WHERE c.month IS NOT NULL
),
latest AS (
	SELECT m.account_id, max(m.period_start) AS last_month FROM months AS m GROUP BY m.account_id
)
SELECT z.account_id, z.cohort_month, k.months_since, z.cohort_size,
	CASE WHEN m.period_start IS NOT NULL THEN coalesce(r.active_users, 0) END AS active_users,
	CASE WHEN m.period_start IS NOT NULL THEN 100 * coalesce(r.active_users, 0)::numeric / z.cohort_size END
		AS retention_pct
FROM sizes AS z
JOIN latest AS x ON x.account_id = z.account_id
CROSS JOIN LATERAL generate_series(0, ((extract(year FROM x.last_month) - extract(year FROM z.cohort_month)) * 12
									   + extract(month FROM x.last_month) - extract(month FROM z.cohort_month))::integer)
	AS k(months_since)
LEFT JOIN months AS m
	ON (m.account_id, m.period_start) = (z.account_id, (z.cohort_month + make_interval(months => k.months_since))::date)
LEFT JOIN retained AS r
	ON (r.account_id, r.cohort_month, r.month) = (z.account_id, z.cohort_month, m.period_start);

COMMENT ON VIEW uanalytics.cohort_retention IS 'Cohort retention: people (first_use_known only) grouped by the month of their first_active_day, and how many of them are active in each complete Monthly period from that month on.  Only a stored complete month makes a cohort.';
COMMENT ON COLUMN uanalytics.cohort_retention.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.cohort_retention.cohort_month IS 'First day of the month of the cohort''s first_active_day (a stored complete Monthly period).';
COMMENT ON COLUMN uanalytics.cohort_retention.months_since IS '0 for the cohort''s own month, 1 for the next, and so on up to the account''s latest complete Monthly period.';
COMMENT ON COLUMN uanalytics.cohort_retention.cohort_size IS 'People whose first use is known and falls in cohort_month.';
COMMENT ON COLUMN uanalytics.cohort_retention.active_users IS 'Cohort members active (is_active) in the complete Monthly period cohort_month + months_since; NULL when that month is not stored as a complete period (the stored data cannot give it).';
COMMENT ON COLUMN uanalytics.cohort_retention.retention_pct IS '100 * active_users / cohort_size, unrounded; NULL where active_users is.';

SELECT uanalytics.refresh_digests();
